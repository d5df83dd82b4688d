#!/bin/bash
# test_figures.sh: the figures an analyst publishes, on the real UCDP GED
# Pakistan sample and the built-in reports (issue 11): one time rule in every
# command (a month series adds up to its period; stats, near, heatmap and
# monthly agree), country-level and unlocated incidents left out of spatial
# products and said so, unlocated incidents counted by stats and export.
# Usage: test_figures.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_figures.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
ged="$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv"
[ -r "$ged" ] || { echo "skipped: $ged is absent"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/figures.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # what, got, want
  if [ "$2" != "$3" ]; then echo "FAIL $1: got '$2', want '$3'"; fail=1; else echo "ok   $1: $2"; fi
}
db="$tmp/ged.gpkg"
"$fm" import --db "$db" "$ged" >/dev/null 2>&1

# the data itself: events starting in 2009 and their best fatalities (python, not frontiermap)
read -r n09 k09 <<<"$(python3 - "$ged" <<'PY'
import csv, sys
n = k = 0
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["date_start"].startswith("2009"):
        n += 1; k += int(r["best"])
print(n, k)
PY
)"
check "GED events of 2009 (python)" "$n09 $k09" "883 7460"

# stats by month over 2009: the rows (months + the row counted apart) add up to the data
stats=$("$fm" stats --db "$db" --since 2009-01-01 --until 2009-12-31 --by month --format csv)
check "stats 2009 total" "$(echo "$stats" | awk -F, '$1=="total"{print $2, $3}')" "$n09 $k09"
check "stats 2009 rows add up" \
  "$(echo "$stats" | awk -F, 'NR>1 && $1!="total"{n+=$2; k+=$3} END{print n, k}')" "$n09 $k09"
check "stats 2009-03" "$(echo "$stats" | awk -F, '$1=="2009-03"{print $2, $3}')" "22 143"
check "stats: the year-long event in no month" \
  "$(echo "$stats" | awk -F, '$1=="(longer than a month)"{print $2, $3}')" "1 1428"
# October alone has no January row
oct=$("$fm" stats --db "$db" --since 2009-10-01 --until 2009-10-31 --by month --format csv)
check "stats October 2009 keys" "$(echo "$oct" | cut -d, -f1 | tr '\n' ' ')" "month 2009-10 total "

# heatmap of March 2009 = the March events; no country-level point in it
hm=$("$fm" heatmap --db "$db" --month 2009-03 --weight fatalities --dpi 40 --labels none \
      --out "$tmp/h.png")
check "heatmap --month 2009-03" "$(echo "$hm" | grep -o '[0-9]* incidents, [0-9]* killed')" \
  "22 incidents, 143 killed"
hy=$("$fm" heatmap --db "$db" --since 2009-01-01 --until 2009-12-31 --dpi 40 --labels none \
      --out "$tmp/y.png" --grid-out "$tmp/y.tif")
check "heatmap 2009 says what it left out" \
  "$(echo "$hy" | grep -c 'located only to the country, 1,430 killed, not mapped')" "1"
if command -v gdallocationinfo >/dev/null; then
  "$fm" heatmap --db "$db" --since 2009-01-01 --until 2009-12-31 --dpi 40 --labels none \
    --out "$tmp/y2.png" --grid-out "$tmp/y2.tif" --precision all >/dev/null
  at=$(gdallocationinfo -valonly -wgs84 "$tmp/y.tif" 70 30)
  at_all=$(gdallocationinfo -valonly -wgs84 "$tmp/y2.tif" 70 30)
  check "no hotspot at 30N 70E by default" \
    "$(python3 -c "print(float('$at') < 0.2 * float('$at_all'))")" "True"
fi

# near and heatmap agree on 2009 (the same incidents with a meaningful point)
nn=$("$fm" near --db "$db" 30,70 --radius 2000km --since 2009-01-01 --until 2009-12-31 --count 2>/dev/null)
check "near 2009 = heatmap 2009" "$nn" "$(echo "$hy" | head -1 | grep -o '^[^:]*: [0-9]*' | grep -o '[0-9]*$')"
# ... and with the country-level ones stats counts
check "near 2009 + left out = stats" "$((nn + 2))" "$n09"

# near 30,70 --radius 3km: the nine country-level rows are not located incidents
near=$("$fm" near --db "$db" 30,70 --radius 3km)
check "near 30,70 3km" "$(echo "$near" | grep -o '^[0-9]* incidents, [0-9]* killed')" \
  "0 incidents, 0 killed"
check "near 30,70 3km says so" \
  "$(echo "$near" | grep -c '9 incidents located only to the country, 2,258 killed')" "1"
check "near --precision all" \
  "$("$fm" near --db "$db" 30,70 --radius 3km --precision all --count)" "9"
check "near --max-precision district" \
  "$("$fm" near --db "$db" 34.0,71.5 --radius 50km --max-precision district --format csv 2>/dev/null |
     python3 -c 'import csv,sys; print(sum(r["loc_precision"] not in ("exact","near","district") for r in csv.DictReader(sys.stdin)))')" "0"
check "near csv carries precision and span" \
  "$("$fm" near --db "$db" 34.0,71.5 --radius 50km --format csv | head -1 |
     grep -c 'date_end,date_class,.*loc_precision,source_precision')" "1"

# monthly: every month's incidents + unmapped + longer add up to the year
"$fm" monthly --db "$db" --from 2009-01 --to 2009-12 --outdir "$tmp/mo" --dpi 36 \
  --labels none >/dev/null
check "monthly 2009 adds up" \
  "$(awk -F, 'NR>1{n+=$3+$8+$10; k+=$4+$9+$11} END{print n, k}' "$tmp/mo/index.csv")" \
  "$n09 $k09"
mapped=$("$fm" stats --db "$db" --since 2009-01-01 --until 2009-12-31 --by month \
          --max-precision province --format csv |
         awk -F, '$1 ~ /^2009-/{n+=$2; k+=$3} END{print n, k}')
check "monthly mapped = stats by month, placed" \
  "$(awk -F, 'NR>1{n+=$3; k+=$4} END{print n, k}' "$tmp/mo/index.csv")" "$mapped"
check "monthly 2009-03 = heatmap" "$(awk -F, '$1=="2009-03"{print $3, $4}' "$tmp/mo/index.csv")" \
  "22 143"

# the built-in reports: October 2025 includes the unlocated border-post attacks
r="$tmp/r.gpkg"
"$fm" import --db "$r" "$src/../data/incidents/reports.csv" >/dev/null 2>&1
check "reports import without --skip-bad" "$(sqlite3 "$r" 'select count(*) from incidents')" "44"
check "stats October 2025" \
  "$("$fm" stats --db "$r" --since 2025-10-01 --until 2025-10-31 --by none --format csv |
     awk -F, '$1=="total"{print $2}')" "18"
"$fm" export --db "$r" --since 2025-10-01 --until 2025-10-31 --format csv --out "$tmp/oct.csv" 2>/dev/null
check "export has the border-post attacks with both claims" \
  "$(grep -c 'Taliban: 58 Pakistani soldiers killed.*ISPR: 23' "$tmp/oct.csv")" "1"
"$fm" map --db "$r" --since 2025-10-01 --until 2025-10-31 --out "$tmp/oct.pdf" >/dev/null
if command -v pdftotext >/dev/null; then
  pdftotext "$tmp/oct.pdf" "$tmp/oct.txt"
  check "map note lists the unplaced" \
    "$(tr '\n' ' ' < "$tmp/oct.txt" | grep -c 'Not on the map: 3 incidents without a usable location')" "1"
  check "map note has both claims" \
    "$(tr '\n' ' ' < "$tmp/oct.txt" | grep -c 'Taliban: 58 Pakistani soldiers killed; ISPR: 23')" "1"
fi
exit $fail
