#!/bin/bash
# test_legend_shown.sh: the legend keys only what the frame draws (issue 14).
# A box inside Peshawar holds no crossing, no international border and no
# province line, and a 25 km ring round Torkham, 45 km off, does not reach
# it: its legend listed "border crossing", the Durand Line, "province
# boundary" and "buffer ring" all the same. The Khyber region map, which
# draws a crossing, the border and the ring (no province line: Nangarhar
# alone on the Afghan side, Khyber Pakhtunkhwa on the other), still keys
# them; the KP map keys its province lines; the Peshawar box its own ring.
# A choropleth of Waziristan holds no district of zero (Afghan ones are no
# data, every Pakistani one had incidents): its legend keyed "0 (none
# recorded)"; the whole record's map, which has both, keys both.
# Khyber in 2009, a map of a period before the 2018 merger, names FATA and
# the North-West Frontier: it draws the line between them (the agencies'
# district edges shared with the province's other districts, fatalines.c;
# none drawn before) and keys "province boundary"; its province lines'
# path (the SVG's 0.45 pt stroke of their colour) has vertices in the frame,
# the same region's map of the whole record (today's provinces) none.
# Read from the PDF's text (pdftotext), where no place name holds these words.
# Usage: test_legend_shown.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_legend_shown.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/lsan.supp}
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/legendshown.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
words() { # BASE ARGS...: the map's text, its lines joined
  local b=$1
  shift
  "$fm" -q map --db "$tmp/s.gpkg" "$@" --out "$tmp/$b.pdf" >/dev/null
  pdftotext -raw "$tmp/$b.pdf" - | tr -s ' \n' '  ' >"$tmp/$b.txt"
}
has() { grep -qF "$2" "$tmp/$1.txt"; }
fail=0
keys=("border crossing" "International boundary" "province boundary" "buffer ring")
words pesh --bbox 71.45,33.95,71.65,34.1 --ring Torkham:25km
for k in "${keys[@]}"; do
  has pesh "$k" && { echo "FAIL: the Peshawar box keys '$k', which it does not draw"; fail=1; }
done
has pesh "town or district seat" || { echo "FAIL: the Peshawar box does not key its towns"; fail=1; }
words khyber --region khyber --ring Torkham:25km
for k in "border crossing" "International boundary" "buffer ring"; do
  has khyber "$k" || { echo "FAIL: the Khyber map does not key '$k'"; fail=1; }
done
has khyber "province boundary" && { echo "FAIL: the Khyber map keys a province line"; fail=1; }
words kp --region kp
has kp "province boundary" || { echo "FAIL: the KP map does not key its province lines"; fail=1; }
words ring --bbox 71.45,33.95,71.65,34.1 --ring Peshawar:5km
has ring "buffer ring" || { echo "FAIL: the Peshawar box does not key its own ring"; fail=1; }
words chw --choropleth admin2 --weight fatalities --region waziristan
has chw "0 (none recorded)" && { echo "FAIL: the Waziristan choropleth keys a zero"; fail=1; }
has chw "no data (outside" || { echo "FAIL: the Waziristan choropleth does not key no data"; fail=1; }
words chx --choropleth admin2
for k in "0 (none recorded)" "no data (outside"; do
  has chx "$k" || { echo "FAIL: the whole record's choropleth does not key '$k'"; fail=1; }
done
words k09 --region khyber --since 2009-01-01 --until 2009-12-31
has k09 "province boundary" || { echo "FAIL: the 2009 Khyber map keys no FATA line"; fail=1; }
for b in k09 k21; do
  a=(--region khyber)
  [ $b = k09 ] && a+=(--since 2009-01-01 --until 2009-12-31)
  "$fm" -q map --db "$tmp/s.gpkg" "${a[@]}" --out "$tmp/$b.svg" --label-list "$tmp/$b.csv" >/dev/null
done
python3 - "$tmp" <<'PY' || fail=1
import csv, re, sys
tmp, n = sys.argv[1], {}
for b in ("k09", "k21"):
    fr = [r for r in csv.DictReader(open(f"{tmp}/{b}.csv")) if r["record"] == "frame"][0]
    x0, y0, x1, y1 = (float(fr[k]) for k in ("x0", "y0", "x1", "y1"))
    svg = open(f"{tmp}/{b}.svg", encoding="utf-8").read()
    n[b] = 0
    for d in re.findall(r'stroke-width:0.45;[^"]*stroke:rgb\(66%,63%,58%\)[^"]*" d="([^"]*)"', svg):
        xy = [float(v) for v in re.findall(r"-?[\d.]+", d)]
        n[b] += sum(x0 < x < x1 and y0 < y < y1 for x, y in zip(xy[::2], xy[1::2]))
    print(f"{b}: {n[b]} province line vertices in the frame")
sys.exit(0 if n["k09"] >= 10 and n["k21"] == 0 else 1)
PY
[ $fail = 0 ] && echo "ok: the legends key what their frames draw"
exit $fail
