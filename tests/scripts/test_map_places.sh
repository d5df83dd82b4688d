#!/bin/bash
# test_map_places.sh: region maps of the UCDP GED sample name the places an
# editor expects (crossings, district seats, leading towns), each found as
# whole words in the PDF text (so "Chaman" is not found in "Chaman-Spin
# Boldak"), at several scales and page sizes. Skipped without pdftotext.
# Usage: test_map_places.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_map_places.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
command -v pdftotext >/dev/null || { echo "skipped: pdftotext (poppler-utils) is not installed"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/mapplaces.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fm" import --db "$tmp/s.gpkg" "$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null 2>&1
fail=0
# check NAME ARGS... -- PLACE...: every PLACE (an extended regex, so that a
# gazetteer's other usual spelling passes: Miranshah, Landikotal) is printed on the map
check() {
  local name=$1; shift
  local args=() places=()
  while [ "$1" != "--" ]; do args+=("$1"); shift; done; shift
  places=("$@")
  "$fm" map --db "$tmp/s.gpkg" "${args[@]}" --out "$tmp/$name.pdf"
  pdftotext -raw "$tmp/$name.pdf" "$tmp/$name.txt"
  for p in "${places[@]}"; do
    if ! grep -qE -- "(^| )$p( |\$)" "$tmp/$name.txt"; then
      echo "FAIL $name: '$p' is not named"; fail=1
    fi
  done
}
check wz-a4 --region waziristan --since 2009-01-01 --until 2014-12-31 -- \
  "Miran ?[Ss]hah" "Mir Ali" "Wana" "Razmak" "Datta Khel" "Ghulam Khan" "Angoor Adda"
check wz-a3l --region waziristan --since 2009-01-01 --until 2014-12-31 --size A3 --landscape -- \
  "Miran ?[Ss]hah" "Mir Ali" "Wana" "Razmak" "Datta Khel" "Ghulam Khan"
check khyber --region khyber --labels crossings,districts,provinces,towns -- \
  "Landi ?Kotal" "Torkham" "Peshawar" "Jamrud"
check khyber-default --region khyber -- "Landi ?Kotal" "Torkham" "Peshawar"
check chaman --region chaman -- "Chaman" "Sp[iī]n B[oō]ld[aā]k"
check kp-a3 --region kp --size A3 -- "Peshawar" "Miran ?[Ss]hah" "Wana" "Bannu" "Kohat" "Torkham" \
  "Parachinar" "Mardan" "Saidu Sharif" "Landi ?Kotal" "Timargara"
# a seat of the subject whose marker touches a more important place's is
# named beside it (Saidu Sharif, Swat's seat, 3.7 km from Mingora: left out
# on the A4 KP map before)
check kp-a4 --region kp -- "Mingora" "Saidu Sharif"
# named NAME MIN ARGS...: a large-scale view names at least MIN towns and
# villages besides the seats and crossings (not only the seats: the frame
# would be empty), and no name twice (one seat under two spellings)
named() {
  local name=$1 min=$2; shift 2
  "$fm" map --db "$tmp/s.gpkg" "$@" --out "$tmp/$name.pdf" --label-list "$tmp/$name.csv"
  local n dup
  n=$(awk -F, '$1=="label" && $5==1 && ($3=="town" || $3=="village")' "$tmp/$name.csv" | wc -l)
  [ "$n" -ge "$min" ] || { echo "FAIL $name: $n towns and villages named, want $min or more"; fail=1; }
  dup=$(awk -F, '$1=="label" && $5==1 && $3!="river" && $3!="route" {print $2}' "$tmp/$name.csv" | sort | uniq -d | head -3)
  [ -z "$dup" ] || { echo "FAIL $name: named twice: $dup"; fail=1; }
  local first; first=$(awk -F, '$1=="label" && $5==1 && $3=="village" {print $2; exit}' "$tmp/$name.csv")
  if [ -n "$first" ]; then
    pdftotext -raw "$tmp/$name.pdf" "$tmp/$name.txt"
    grep -qF -- "$first" "$tmp/$name.txt" || { echo "FAIL $name: '$first' not in the PDF text"; fail=1; }
  fi
}
# 60 km views round the crossings (the default labels): the towns and the
# villages on the roads or with incidents, besides the crossing and seats
check chaman60 --bbox 66.135,30.650,66.765,31.190 -- "Chaman" "Sp[iī]n B[oō]ld[aā]k" "Qila Abdullah" \
  "AFGHANISTAN" "PAKISTAN" "BALOCHISTAN" "KANDAHAR"
named chaman60n 8 --bbox 66.135,30.650,66.765,31.190
check miranshah60 --bbox 69.748,32.730,70.392,33.270 --size Letter -- \
  "Miran ?[Ss]hah" "Mir Ali" "Datta Khel" "Ghulam Khan" "Spinwam"
named miranshah60n 10 --bbox 69.748,32.730,70.392,33.270 --size Letter
named torkham60n 10 --bbox 70.764,33.830,71.416,34.370 --landscape
named angoor40n 8 --bbox 69.16,32.25,69.58,32.61 --size 200x200mm --since 2009-01-01 --until 2014-12-31
# keyed NAME ARGS...: the legend holds every entry, the scale bar included,
# however long the credits (a landscape page's column once dropped the
# roads, rivers, province line and scale bar under a long period note);
# the Khyber frame draws no province line (Nangarhar alone across the
# border), so its legend keys none (legendshown.c)
keyed() {
  local name=$1 prov="province boundary"; shift
  [[ $name == khyber-* ]] && prov=
  "$fm" map --db "$tmp/s.gpkg" "$@" --out "$tmp/$name.pdf"
  pdftotext -raw "$tmp/$name.pdf" "$tmp/$name.txt"
  for k in "border crossing" "main road" "river" ${prov:+"$prov"} "[0-9] km" "Projection:"; do
    grep -qE -- "$k" "$tmp/$name.txt" || { echo "FAIL $name: the legend lacks '$k'"; fail=1; }
  done
}
keyed wz-a4l --region waziristan --landscape --since 2009-01-01 --until 2010-12-31
keyed kp-letterl --region kp --size Letter --landscape --since 2009-01-01 --until 2009-12-31
keyed frontier-a4l --landscape --since 2009-01-01 --until 2009-12-31
keyed bajaur-250x180 --region bajaur --size 250x180mm
keyed khyber-letterl --region khyber --size Letter --landscape --since 2009-01-01 --until 2009-12-31
# maps of years before the 2018 merger name FATA, however full of symbols its
# agencies are (a province name goes over them, on a halo, when nothing else fits)
check frontier09-a3l --size A3 --landscape --since 2009-01-01 --until 2009-12-31 -- "FATA"
check kp12-a4 --region kp --since 2012-01-01 --until 2014-12-31 -- "FATA" "Peshawar"
# a 20 km view keeps its furniture in proportion: a scale bar that fits its
# column (it was 10 km at the least, longer than the column, under the north
# arrow) and graticule lines close enough to be read (two or more meridians)
"$fm" map --db "$tmp/s.gpkg" --bbox 70.98,34.02,71.20,34.20 --size Letter --out "$tmp/t20.pdf"
pdftotext -raw "$tmp/t20.pdf" "$tmp/t20.txt"
grep -qE "(^| )[125] km( |\$)" "$tmp/t20.txt" || { echo "FAIL t20: no 1, 2 or 5 km scale bar"; fail=1; }
[ "$(grep -oE "7[01](\.[0-9]+)?°E" "$tmp/t20.txt" | wc -l)" -ge 2 ] || { echo "FAIL t20: fewer than two meridians labelled"; fail=1; }
# a 20 km view of 2008-2015 round Torkham: the Pakistan side in the frame is
# all FATA, so Khyber Pakhtunkhwa's name has no place (it went between
# Natural Earth's outline and the drawn border, on the Afghan side)
"$fm" map --db "$tmp/s.gpkg" --bbox 70.98,34.01,71.20,34.19 --out "$tmp/t20f.pdf" --label-list "$tmp/t20f.csv"
awk -F, '$1=="label" && $3=="province" && $2 ~ /^KHYBER/ && $5==1 {f=1} END {exit !f}' "$tmp/t20f.csv" &&
  { echo "FAIL t20f: Khyber Pakhtunkhwa named where the frame shows none of it"; fail=1; }
# no name against a count (Landi Kotal's label ran into the "3" of the
# incidents at Landi Kotal): a point and more between every name and count
"$fm" map --db "$tmp/s.gpkg" --region khyber --since 2010-01-01 --until 2012-12-31 --out "$tmp/kh.pdf" --label-list "$tmp/kh.csv"
near=$(awk -F, '$1=="symbol" && $13>$11 {n++; a[n]=$11; b[n]=$12; c[n]=$13; d[n]=$14}
  $1=="label" && $5==1 {m++; t[m]=$2; x0[m]=$11; y0[m]=$12; x1[m]=$13; y1[m]=$14}
  END {for (i = 1; i <= m; i++) for (k = 1; k <= n; k++) {
    dx = a[k] > x1[i] ? a[k] - x1[i] : x0[i] > c[k] ? x0[i] - c[k] : 0
    dy = b[k] > y1[i] ? b[k] - y1[i] : y0[i] > d[k] ? y0[i] - d[k] : 0
    if (dx < 1 && dy < 1) print t[i]}}' "$tmp/kh.csv")
[ -z "$near" ] || { echo "FAIL kh: names against a count: $near"; fail=1; }
grep -q '^label,Landi Kotal,seat,1,1,' "$tmp/kh.csv" || { echo "FAIL kh: Landi Kotal not named"; fail=1; }
# heatmaps and monthly maps of 2009 name the provinces of then and note the
# district changes since, as map does
"$fm" heatmap --db "$tmp/s.gpkg" --since 2009-01-01 --until 2009-12-31 --out "$tmp/h09.pdf" >/dev/null 2>&1
"$fm" monthly --db "$tmp/s.gpkg" --from 2009-06 --to 2009-06 --format pdf --outdir "$tmp/m09" >/dev/null 2>&1
"$fm" heatmap --db "$tmp/s.gpkg" --until 2009-12-31 --out "$tmp/h09open.pdf" >/dev/null 2>&1
for f in h09 m09/heatmap-2009-06 h09open; do
  pdftotext -raw "$tmp/$f.pdf" "$tmp/$f.txt"
  grep -qE "(^| )FATA( |\$)" "$tmp/$f.txt" || { echo "FAIL $f: FATA not named"; fail=1; }
  tr '\n' ' ' <"$tmp/$f.txt" | grep -q "tribal agencies (FATA) and frontier regions joined" ||
    { echo "FAIL $f: no note of the district changes"; fail=1; }
done
"$fm" heatmap --db "$tmp/s.gpkg" --since 2019-01-01 --out "$tmp/h19.pdf" >/dev/null 2>&1
pdftotext -raw "$tmp/h19.pdf" "$tmp/h19.txt"
grep -qE "(^| )FATA( |\$)" "$tmp/h19.txt" && { echo "FAIL h19: FATA named after the merger"; fail=1; }
# a choropleth of a district without a polygon of its own (Central Dir, from
# Upper Dir) or under the name it had before a split (Kohistan): the polygons
# that cover it are the filter's, zero where no incidents fell, not "no data"
"$fm" map --db "$tmp/s.gpkg" --admin2 "Central Dir" --choropleth admin2 --out "$tmp/cd.pdf" >"$tmp/cd.csv" 2>/dev/null
grep -q '^Upper Dir,Khyber Pakhtunkhwa,PK,0,0,0$' "$tmp/cd.csv" || { echo "FAIL cd: Upper Dir not a zero"; fail=1; }
pdftotext "$tmp/cd.pdf" - | tr '\n' ' ' | grep -q "Central Dir has no boundary in the sources: it *is drawn as *Upper Dir" ||
  { echo "FAIL cd: no note that Central Dir is drawn as Upper Dir"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --admin2 Kohistan --choropleth admin2 --out "$tmp/ko.pdf" >"$tmp/ko.csv" 2>/dev/null
grep -q '^Lower Kohistan,Khyber Pakhtunkhwa,PK,0,0,0$' "$tmp/ko.csv" || { echo "FAIL ko: Lower Kohistan not a zero"; fail=1; }
# (the rows are the frame's districts: Swat, beside Kohistan, is outside the filter)
grep -q '^Swat,Khyber Pakhtunkhwa,PK,,,$' "$tmp/ko.csv" || { echo "FAIL ko: Swat not outside the filter"; fail=1; }
# titled TITLE ARGS...: the default title names the place a small box is about
titled() {
  local want=$1; shift
  "$fm" map --db "$tmp/s.gpkg" "$@" --out "$tmp/title.pdf"
  local got; got=$(pdftotext -l 1 "$tmp/title.pdf" - | head -1)
  [ "$got" = "$want" ] || { echo "FAIL title of $*: '$got', want '$want'"; fail=1; }
}
titled "Incidents around the Chaman-Spin Boldak crossing" --bbox 66.135,30.650,66.765,31.190
titled "Incidents around Miran Shah" --bbox 69.748,32.730,70.392,33.270
titled "Incidents around the Angoor Adda crossing" --bbox 69.16,32.25,69.58,32.61
# a district's seat before a crossing or another town a little nearer the
# middle (these were titled after the Kharlachi crossing, 18 km off, and
# the village of Shin Kot)
titled "Incidents around Parachinar" --bbox 69.8,33.6,70.5,34.1
titled "Incidents around Khar" --bbox 71.2,34.55,71.75,34.95
titled "Incidents on the Afghanistan–Pakistan frontier" --bbox 69,31,72,34
titled "Incidents in North and South Waziristan" --region waziristan
# one place is named once: Who's On First's village Towr Kham (which lists
# Torkham among its names) 1.8 km from the Torkham crossing, and an Afghan
# district under geoBoundaries' spelling without a seat (Nika, Spira, Tere
# Zayi, Shawak) beside GeoNames' seat in its polygon (Nikeh, Sperah, Terayzai, Shwak)
grep -q '^label,Torkham,crossing,1,1,' "$tmp/t20f.csv" || { echo "FAIL t20f: Torkham not named"; fail=1; }
grep -q '^label,Towr Kham,' "$tmp/t20f.csv" && { echo "FAIL t20f: Torkham named twice (Towr Kham)"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --region waziristan --since 2009-01-01 --until 2014-12-31 --out "$tmp/wzd.pdf" --label-list "$tmp/wzd.csv"
for p in Nikeh Sperah; do
  grep -q "^label,$p,seat,1,1," "$tmp/wzd.csv" || { echo "FAIL wzd: the seat $p not named"; fail=1; }
done
for p in Nika Spira; do
  grep -q "^label,$p,district,[01],1," "$tmp/wzd.csv" && { echo "FAIL wzd: $p named beside its seat"; fail=1; }
done
# one town filed far apart by two sources: UCDP GED's "Timer Gara" (Lower
# Dir's seat) 11 km south of GeoNames' Timargara is named once, at
# GeoNames' point, as the seat (the Bajaur map named both)
"$fm" map --db "$tmp/s.gpkg" --region bajaur --out "$tmp/bjt.pdf" --label-list "$tmp/bjt.csv"
grep -q '^label,Timargara,seat,1,1,' "$tmp/bjt.csv" || { echo "FAIL bjt: Timargara not named as the seat"; fail=1; }
grep -q '^label,Timer Gara,' "$tmp/bjt.csv" && { echo "FAIL bjt: Timer Gara beside Timargara"; fail=1; }
n=$(pdftotext -raw "$tmp/bjt.pdf" - | grep -cE "(^| )Tim[ae]r ?[Gg]ara( |\$)" || true)
[ "$n" = 1 ] || { echo "FAIL bjt: Timergara printed $n times"; fail=1; }
# a district without a seat is named at the town GeoNames calls its centre,
# under its own name: Acheen, not "Markaz-e Woluswali-ye Achin" beside "Acheen"
"$fm" map --db "$tmp/s.gpkg" --region khyber --out "$tmp/kac.pdf" --label-list "$tmp/kac.csv"
grep -q '^label,Acheen,seat,1,1,' "$tmp/kac.csv" || { echo "FAIL kac: Acheen not named at its centre"; fail=1; }
grep -qi '^label,Markaz' "$tmp/kac.csv" && { echo "FAIL kac: the centre named as 'Markaz-e ...'"; fail=1; }
# a district filter frames its district (not the frontier), names it in the
# title and not again in the subtitle, and veils the land round its polygons;
# a name from before a split frames its successors (Kohistan: Upper and Lower)
"$fm" map --db "$tmp/s.gpkg" --admin2 "North Waziristan agency" --out "$tmp/nw.pdf" --label-list "$tmp/nw.csv"
pdftotext "$tmp/nw.pdf" "$tmp/nw.txt"
[ "$(head -1 "$tmp/nw.txt")" = "Incidents in North Waziristan district" ] ||
  { echo "FAIL nw: title '$(head -1 "$tmp/nw.txt")'"; fail=1; }
sed -n 2p "$tmp/nw.txt" | grep -q "district:" && { echo "FAIL nw: the subtitle names the district again"; fail=1; }
for p in "Miran Shah" "Mir Ali" "Razmak" "Datta Khel" "Ghulam Khan"; do
  grep -q "^label,$p,[a-z]*,[01],1," "$tmp/nw.csv" || { echo "FAIL nw: '$p' not named"; fail=1; }
done
for p in Terayzai Shwak; do grep -q "^label,$p,seat,1,1," "$tmp/nw.csv" || { echo "FAIL nw: $p not named"; fail=1; }; done
for p in "Tere Zayi" Shawak; do # the same districts, seatless rows
  grep -q "^label,$p,district,[01],1," "$tmp/nw.csv" && { echo "FAIL nw: $p named beside its seat"; fail=1; }
done
for p in "Kabul" "Peshawar" "Quetta" "Jalalabad"; do # the frontier's, not the district's
  grep -q "^label,$p,[a-z]*,[01],1," "$tmp/nw.csv" && { echo "FAIL nw: '$p' named: not framed"; fail=1; }
done
"$fm" map --db "$tmp/s.gpkg" --admin2 Khyber --out "$tmp/kd.pdf"
pdftotext "$tmp/kd.pdf" - | tr '\n' ' ' | grep -q "1 incident filed under Khyber but placed more than 30 km outside it" ||
  { echo "FAIL kd: the incident placed far from Khyber not said"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --admin2 Kohistan --out "$tmp/kod.pdf" --label-list "$tmp/kod.csv"
[ "$(pdftotext -l 1 "$tmp/kod.pdf" - | head -1)" = "Incidents in Kohistan district" ] || { echo "FAIL kod: title"; fail=1; }
grep -q "^label,Dasu,[a-z]*,[01],1," "$tmp/kod.csv" || { echo "FAIL kod: Dasu (Upper Kohistan's seat) not named"; fail=1; }
grep -q "^label,Faizabad,[a-z]*,[01],1," "$tmp/kod.csv" && { echo "FAIL kod: framed Badakhshan's Kohistan"; fail=1; }
# a province filter alone frames and titles its province as --region does
# (it was titled and framed as the whole frontier, the subtitle saying
# "province: kp"); the incidents stay those its province field keeps
"$fm" map --db "$tmp/s.gpkg" --admin1 kp --since 2009-01-01 --until 2009-12-31 --out "$tmp/a1.pdf" \
  --label-list "$tmp/a1.csv"
pdftotext "$tmp/a1.pdf" "$tmp/a1.txt"
[ "$(head -1 "$tmp/a1.txt")" = "Incidents in North-West Frontier and FATA" ] ||
  { echo "FAIL a1: title '$(head -1 "$tmp/a1.txt")'"; fail=1; }
sed -n 2p "$tmp/a1.txt" | grep -q "province:" && { echo "FAIL a1: the subtitle names the province again"; fail=1; }
sed -n 2p "$tmp/a1.txt" | grep -q "^830 incidents" || { echo "FAIL a1: subtitle '$(sed -n 2p "$tmp/a1.txt")'"; fail=1; }
for p in "Quetta" "Kandahar"; do # the frontier's, not the province's
  grep -q "^label,$p,[a-z]*,[01],1," "$tmp/a1.csv" && { echo "FAIL a1: '$p' named: not framed"; fail=1; }
done
# heatmap and monthly frame a province filter as map does (they framed the
# whole frontier, titled without the province and the subtitle saying
# "province: Khyber Pakhtunkhwa"): the projection of --region kp's frame,
# its places and not the frontier's
"$fm" heatmap --db "$tmp/s.gpkg" --admin1 kp --since 2019-01-01 --out "$tmp/a1h.pdf" >/dev/null 2>&1
"$fm" heatmap --db "$tmp/s.gpkg" --region kp --since 2019-01-01 --out "$tmp/rkh.pdf" >/dev/null 2>&1
"$fm" monthly --db "$tmp/s.gpkg" --admin1 kp --from 2019-06 --to 2019-06 --format pdf \
  --outdir "$tmp/a1m" >/dev/null 2>&1
pdftotext "$tmp/rkh.pdf" "$tmp/rkh.txt"
for f in a1h a1m/heatmap-2019-06; do
  pdftotext "$tmp/$f.pdf" "$tmp/$f.txt"
  head -1 "$tmp/$f.txt" | grep -q "^Incident density in Khyber Pakhtunkhwa" ||
    { echo "FAIL $f: title '$(head -1 "$tmp/$f.txt")'"; fail=1; }
  sed -n 2p "$tmp/$f.txt" | grep -q "province:" && { echo "FAIL $f: the subtitle names the province"; fail=1; }
  [ "$(grep "^Projection" "$tmp/$f.txt")" = "$(grep "^Projection" "$tmp/rkh.txt")" ] ||
    { echo "FAIL $f: not framed as --region kp: $(grep "^Projection" "$tmp/$f.txt")"; fail=1; }
  for p in "Quetta" "Kandahar"; do
    grep -qE "(^| )$p( |\$)" "$tmp/$f.txt" && { echo "FAIL $f: '$p' named: not framed"; fail=1; }
  done
done
# a map of 2005-2009 names the provinces of then everywhere: title, labels
# (the North-West Frontier's name was taken off the KP map by the seats that
# moved it, while the title named Khyber Pakhtunkhwa) and note; a heatmap too
"$fm" map --db "$tmp/s.gpkg" --region kp --since 2005-01-01 --until 2009-12-31 --out "$tmp/kp59.pdf" \
  --label-list "$tmp/kp59.csv"
"$fm" heatmap --db "$tmp/s.gpkg" --admin1 kp --since 2005-01-01 --until 2009-12-31 \
  --out "$tmp/kp59h.pdf" >/dev/null 2>&1
for f in kp59 kp59h; do
  pdftotext "$tmp/$f.pdf" "$tmp/$f.txt"
  head -1 "$tmp/$f.txt" | grep -q "^Incident[ a-z]* in North-West Frontier and FATA" ||
    { echo "FAIL $f: title '$(head -1 "$tmp/$f.txt")'"; fail=1; }
  tr '\n' ' ' <"$tmp/$f.txt" | grep -q "North-West Frontier was renamed Khyber Pakhtunkhwa in 2010" ||
    { echo "FAIL $f: the renaming not noted"; fail=1; }
  grep -q "PAKHTUNKHWA" "$tmp/$f.txt" && { echo "FAIL $f: Khyber Pakhtunkhwa named on a map of 2009"; fail=1; }
done
python3 -c 'import csv, sys; sys.exit(not any(r["record"] == "label" and r["kind"] == "province" and
  r["text"].startswith("NORTH-WEST") and r["placed"] == "1" for r in csv.DictReader(open(sys.argv[1]))))' \
  "$tmp/kp59.csv" ||
  { echo "FAIL kp59: North-West Frontier not named"; fail=1; }
# a province filter a region map or heatmap names in its subtitle is named as
# its labels name it then (2009's subtitles said "province: Khyber
# Pakhtunkhwa" over a map labelled NORTH-WEST FRONTIER and FATA)
"$fm" map --db "$tmp/s.gpkg" --region khyber --admin1 kp --since 2009-01-01 --until 2009-12-31 \
  --out "$tmp/k09.pdf" >/dev/null 2>&1
"$fm" heatmap --db "$tmp/s.gpkg" --region khyber --admin1 kp --since 2009-01-01 --until 2009-12-31 \
  --out "$tmp/k09h.pdf" >/dev/null 2>&1
for f in k09 k09h; do
  pdftotext -l 1 "$tmp/$f.pdf" "$tmp/$f.txt"
  sed -n 2p "$tmp/$f.txt" | grep -q "province: North-West Frontier and FATA" ||
    { echo "FAIL $f: subtitle '$(sed -n 2p "$tmp/$f.txt")'"; fail=1; }
done
# heatmap and monthly frame a district filter as map does (one framing,
# cli/districtframe.c): the district's places, not the frontier's, its name in
# the title and not the subtitle, and the incidents placed far off said
"$fm" heatmap --db "$tmp/s.gpkg" --admin2 "North Waziristan" --out "$tmp/nwh.pdf" >"$tmp/nwh.out" 2>/dev/null
"$fm" monthly --db "$tmp/s.gpkg" --admin2 "North Waziristan" --from 2014-05 --to 2014-07 --format pdf \
  --outdir "$tmp/nwm" >/dev/null 2>&1
grep -q "nwh.pdf: 709 incidents" "$tmp/nwh.out" || { echo "FAIL nwh: $(cat "$tmp/nwh.out")"; fail=1; }
for f in nwh nwm/heatmap-2014-06; do
  pdftotext "$tmp/$f.pdf" "$tmp/$f.txt"
  grep -q "^Incident density in North Waziristan district" "$tmp/$f.txt" ||
    { echo "FAIL $f: title '$(head -1 "$tmp/$f.txt")'"; fail=1; }
  sed -n 2p "$tmp/$f.txt" | grep -q "district:" && { echo "FAIL $f: the subtitle names the district again"; fail=1; }
  for p in "Miran Shah" "Mir Ali" "Datta Khel"; do
    grep -q "$p" "$tmp/$f.txt" || { echo "FAIL $f: '$p' not named"; fail=1; }
  done
  for p in "Kabul" "Peshawar" "Quetta"; do # the frontier's, not the district's
    grep -qE "(^| )$p( |\$)" "$tmp/$f.txt" && { echo "FAIL $f: '$p' named: not framed"; fail=1; }
  done
  tr '\n' ' ' <"$tmp/$f.txt" | grep -q "2 incidents filed under North Waziristan but placed more than 30 km outside it" ||
    { echo "FAIL $f: the incidents placed far off not said"; fail=1; }
done
tr '\n' ' ' <"$tmp/nwm/heatmap-2014-06.txt" | grep -q "outside it (from 2014-05 to *2014-07)" ||
  { echo "FAIL nwm: the series the count is of not said"; fail=1; }
# a province's own seats come first (--region kp, balochistan): the seats of
# Balochistan that went unnamed while Sindh's and Afghanistan's were named,
# and no name in a gazetteer's form ("District of West Karachi", "Wuleswali
# Sayyid Karam"), nor a quarter of a city beside it ("Karachi East")
"$fm" map --db "$tmp/s.gpkg" --region balochistan --out "$tmp/ba.pdf" --label-list "$tmp/ba.csv"
for p in Washuk Barkhan "Jhal Magsi" "Usta Muhammad" Karachi; do
  grep -q "^label,$p,[a-z]*,[01],1," "$tmp/ba.csv" || { echo "FAIL ba: '$p' not named"; fail=1; }
done
grep -q "^label,Karachi [A-Z][a-z]*,[a-z]*,[01],1," "$tmp/ba.csv" && { echo "FAIL ba: a quarter of Karachi named"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --region kp --out "$tmp/kp4.pdf" --label-list "$tmp/kp4.csv"
grep -Eq "^label,Abbottabad,(seat|city),[01],1," "$tmp/kp4.csv" || { echo "FAIL kp4: Abbottabad not named"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --region kp --size A3 --out "$tmp/kp3.pdf" --label-list "$tmp/kp3.csv"
grep -q "^label,Sayyid Karam,seat,[01],1," "$tmp/kp3.csv" || { echo "FAIL kp3: Sayyid Karam not named"; fail=1; }
"$fm" map --db "$tmp/s.gpkg" --size A3 --landscape --out "$tmp/fr3.pdf" --label-list "$tmp/fr3.csv"
for f in ba kp4 kp3 fr3; do
  bad=$(awk -F, '$1=="label" && $5==1 && ($3=="seat" || $3=="district" || $3=="town") {print $2}' "$tmp/$f.csv" |
    grep -iE "district of|w[ou]l[eu]swal|markaz-e|hukumat|alaqahdari|\\(" | head -3 || true)
  [ -z "$bad" ] || { echo "FAIL $f: a gazetteer's form of a name: $bad"; fail=1; }
done
# a map without incidents (the sample ends in 2021) keeps its message off the
# places it names: every guaranteed name is placed (Khar, Bajaur's seat, was
# under "No incidents match the filters")
for r in bajaur kp; do
  "$fm" map --db "$tmp/s.gpkg" --region $r --since 2023-01-01 --until 2024-12-31 \
    --out "$tmp/e-$r.pdf" --label-list "$tmp/e-$r.csv"
  miss=$(awk -F, '$1=="label" && $4==1 && $5==0 {print $2}' "$tmp/e-$r.csv" | head -3)
  [ -z "$miss" ] || { echo "FAIL e-$r: guaranteed names not placed: $miss"; fail=1; }
  pdftotext "$tmp/e-$r.pdf" - | grep -q "No incidents match the filters" || { echo "FAIL e-$r: no message"; fail=1; }
done
grep -q "^label,Khar,seat,1,1," "$tmp/e-bajaur.csv" || { echo "FAIL e-bajaur: Khar not named"; fail=1; }
# two to six meridians labelled on every region (Bajaur and Chaman had one,
# the KP map eight): the step is chosen by the frame's width in degrees
for r in bajaur chaman kp; do
  "$fm" map --db "$tmp/s.gpkg" --region $r --out "$tmp/g-$r.pdf"
  m=$(pdftotext -raw "$tmp/g-$r.pdf" - | grep -v meridian | grep -oE "[0-9]+(\.[0-9]+)?°E" | sort -u | wc -l)
  [ "$m" -ge 2 ] && [ "$m" -le 6 ] || { echo "FAIL g-$r: $m meridians labelled"; fail=1; }
done
exit $fail
