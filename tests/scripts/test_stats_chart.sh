#!/bin/bash
# test_stats_chart.sh: `stats --chart` draws what the data hold (issue 14), on
# the real UCDP GED Pakistan sample: the figures are counted here from the
# CSV with Python (each event in the month of its start date, those longer
# than that month apart), then read back from the chart's PDF text: the
# legend's totals, the peak month, and the note on the events in no bar.
# Usage: test_stats_chart.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_stats_chart.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
ged="$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv"
[ -r "$ged" ] || { echo "skipped: $ged is absent"; exit 0; }
command -v pdftotext >/dev/null || { echo "skipped: no pdftotext"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/chart.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # what, got, want
  if [ "$2" != "$3" ]; then echo "FAIL $1: got '$2', want '$3'"; fail=1; else echo "ok   $1: $2"; fi
}
db="$tmp/ged.gpkg"
"$fm" import --db "$db" "$ged" >/dev/null 2>&1

# from the CSV: $1 the first year, $2 the last; prints
# "n killed peak_month peak_n peak_killed_month peak_killed apart_n apart_killed"
figures() {
python3 - "$ged" "$1" "$2" <<'PY'
import csv, sys, datetime, calendar, collections
n = k = an = ak = 0
byn, byk = collections.Counter(), collections.Counter()
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["date_start"].startswith("#"):  # HDX's HXL tag row
        continue
    s = datetime.date.fromisoformat(r["date_start"][:10]); e = datetime.date.fromisoformat(r["date_end"][:10])
    if not (int(sys.argv[2]) <= s.year <= int(sys.argv[3])):
        continue
    if (e - s).days + 1 > calendar.monthrange(s.year, s.month)[1]:
        an += 1; ak += int(r["best"]); continue
    m = s.strftime("%b %Y"); n += 1; k += int(r["best"]); byn[m] += 1; byk[m] += int(r["best"])
pn, pk = byn.most_common(1)[0], byk.most_common(1)[0]
print(n, k, pn[0].replace(" ", "_"), pn[1], pk[0].replace(" ", "_"), pk[1], an, ak)
PY
}
num() { sed 's/,//g'; }

# the whole sample, one series
read -r n k pm pn pkm pk an ak <<<"$(figures 1989 2021)"
"$fm" -q stats --db "$db" --chart "$tmp/all.pdf" >/dev/null
txt=$(pdftotext -layout "$tmp/all.pdf" - | tr -s ' ')
check "chart total" "$(grep -o 'All incidents [0-9,]*' <<<"$txt" | grep -o '[0-9,]*$' | num)" "$n"
check "chart subtitle" "$(grep -o '^ *[0-9,]* incidents, [0-9,]* killed' <<<"$txt" | num | tr -d ' ')" "${n}incidents${k}killed"
check "peak month" "$(grep -o 'Peak: [A-Za-z]* [0-9]*, [0-9,]*' <<<"$txt" | num)" "Peak: ${pm/_/ } $pn"
check "events in no bar" "$(grep -o '[0-9,]* incidents ([0-9,]* killed) lasting longer' <<<"$txt" | num)" \
  "$an incidents ($ak killed) lasting longer"
# the same totals through stats: the bars are its month rows
st=$("$fm" stats --db "$db" --by month --format csv | awk -F, '$1 ~ /^[0-9]/ {n+=$2} END {print n}')
check "chart = stats --by month" "$n" "$st"

# by type, fatalities, 2009-2010: the series add up to the period's killed
read -r n k pm pn pkm pk an ak <<<"$(figures 2009 2010)"
"$fm" -q stats --db "$db" --by type --since 2009-01-01 --until 2010-12-31 --weight fatalities \
  --chart "$tmp/type.pdf" >/dev/null
txt=$(pdftotext "$tmp/type.pdf" - | tr -s ' ')
tot=$(pdftotext -layout "$tmp/type.pdf" - | grep -oE '(Battles|Remote violence|against civilians) +[0-9,]+' \
      | grep -oE '[0-9,]+$' | num | paste -sd+ | bc)
check "by type, killed" "$tot" "$k"
check "peak killed" "$(grep -o 'Peak: [A-Za-z]* [0-9]*, [0-9,]* killed' <<<"$txt" | num)" "Peak: ${pkm/_/ } $pk killed"
# a colour per type, as on the maps: battles are Okabe-Ito vermilion
"$fm" -q stats --db "$db" --by type --since 2009-01-01 --until 2009-12-31 --chart "$tmp/t.svg" >/dev/null
grep -q 'fill:rgb(83.529412%,36.862745%,0%)' "$tmp/t.svg" || { echo "FAIL: no battle colour in the SVG"; fail=1; }
grep -q '<text[^>]*>[^<]*Battles' "$tmp/t.svg" || { echo "FAIL: the SVG legend is not text"; fail=1; }

# a province filter named as the province, not as spelled ("province: kp"),
# and one incident in no bar said in the singular ("the month they start in")
"$fm" -q stats --db "$db" --admin1 kp --since 2007-01-01 --until 2014-12-31 --chart "$tmp/kp.pdf" >/dev/null
txt=$(pdftotext "$tmp/kp.pdf" - | tr -s ' \n' '  ')
grep -q 'province: Khyber Pakhtunkhwa' <<<"$txt" || { echo "FAIL kp: subtitle '$(pdftotext "$tmp/kp.pdf" - | sed -n 2p)'"; fail=1; }
grep -q '1 incident (1 killed) lasting longer than the month it starts in is in no bar' <<<"$txt" ||
  { echo "FAIL kp: the note on the incident in no bar"; fail=1; }

# a chart of 2009 names the province as the maps of 2009 do, in its subtitle
# and as a series (it said "province: Khyber Pakhtunkhwa", which then held
# neither the name nor the agencies counted in it)
"$fm" -q stats --db "$db" --admin1 kp --since 2009-01-01 --until 2009-12-31 --chart "$tmp/kp09.pdf" >/dev/null
txt=$(pdftotext "$tmp/kp09.pdf" - | tr -s ' \n' '  ')
grep -q 'province: North-West Frontier and FATA' <<<"$txt" ||
  { echo "FAIL kp09: subtitle '$(pdftotext "$tmp/kp09.pdf" - | sed -n 3p)'"; fail=1; }
"$fm" -q stats --db "$db" --by admin1 --since 2005-01-01 --until 2009-12-31 --chart "$tmp/p59.pdf" >/dev/null
txt=$(pdftotext "$tmp/p59.pdf" - | tr -s ' \n' '  ')
grep -q 'North-West Frontier and FATA [0-9]' <<<"$txt" && ! grep -q 'Khyber Pakhtunkhwa' <<<"$txt" ||
  { echo "FAIL p59: the province series not named as in 2009"; fail=1; }

# refusals: a grouping with too many values, a weight without a chart
set +e
"$fm" stats --db "$db" --by admin2 --chart "$tmp/x.png" 2>"$tmp/err"; rc=$?
set -e
check "--by admin2 refused" "$rc" 2
[ -e "$tmp/x.png" ] && { echo "FAIL: a refused chart left a file"; fail=1; }
exit $fail
