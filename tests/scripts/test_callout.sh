#!/bin/bash
# test_callout.sh: `map --callout ID` (issue 14): the box of a chosen
# incident says its date, place and figures, and each party's claim as that
# party's, found as text in the PDF; figures checked against the data (the
# built-in reports CSV and the UCDP GED sample, read here with Python).
# Usage: test_callout.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_callout.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
ged="$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv"
command -v pdftotext >/dev/null || { echo "skipped: no pdftotext"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/callout.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
has() { # what, text
  if tr -s ' \n' ' ' <"$tmp/t.txt" | grep -qF -- "$2"; then echo "ok   $1"; else echo "FAIL $1: no '$2'"; fail=1; fi
}
# the text inside the callout boxes (their boxes from --label-list), so a
# name placed beside a box on the same line cannot break its text up
box_text() { # pdf csv
  : >"$tmp/t.txt"
  while IFS=, read -r x0 y0 x1 y1; do
    pdftotext -r 72 -x "${x0%.*}" -y "${y0%.*}" -W $(( ${x1%.*} - ${x0%.*} + 2 )) \
      -H $(( ${y1%.*} - ${y0%.*} + 2 )) "$1" - >>"$tmp/t.txt"
  done < <(awk -F, '$1 == "callout" { print $11 "," $12 "," $13 "," $14 }' "$2")
}
"$fm" -q map --callout 2025-11-24-kunar-airstrike --callout reports:2026-02-16-bajaur-suicide-bombing \
  --out "$tmp/c.pdf" --label-list "$tmp/c.csv"
box_text "$tmp/c.pdf" "$tmp/c.csv"
has "Kunar heading" "24–25 November 2025 · Kunar"
has "Taliban's claim" "• Taliban: “Pakistani forces carried out air strikes in Kunar”"
has "ISPR's claim" "• ISPR: “denied striking Afghan territory”"
has "no figure said" "Killed: no figure in the source"
has "Bajaur heading" "16 February 2026 · Bajaur"
has "Bajaur figures" "11 killed (best estimate; 11 to 23)"
has "source" "Source: reports (built-in) 2026-02-16-bajaur"
# a GED event with a range: its figures from the CSV
if [ -r "$ged" ]; then
  "$fm" import --db "$tmp/g.gpkg" "$ged" >/dev/null 2>&1
  read -r id best low high <<<"$(python3 - "$ged" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["where_prec"] != "1" or not r["date_start"].startswith("2009"):
        continue
    if r["date_start"][:10] == r["date_end"][:10] and int(r["low"]) <= int(r["best"]) <= int(r["high"]) \
            and int(r["low"]) < int(r["high"]) and r["adm_1"].startswith(("Khyber", "Federally")):
        print(r["id"], r["best"], r["low"], r["high"]); break
PY
)"
  "$fm" -q map --db "$tmp/g.gpkg" --since 2009-01-01 --until 2009-12-31 --region kp \
    --callout "ged:$id" --out "$tmp/c.pdf" --label-list "$tmp/c.csv"
  box_text "$tmp/c.pdf" "$tmp/c.csv"
  has "GED $id figures" "$best killed (best estimate; $low to $high)"
  has "GED $id source" "Source: UCDP GED $id"
fi
# an id not among those mapped: refused, no file
set +e
"$fm" map --callout no-such-incident --out "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 1 ] && grep -q "no incident with that id" "$tmp/err" && [ ! -e "$tmp/x.pdf" ] \
  && echo "ok   unknown id refused" || { echo "FAIL unknown id: exit $rc"; cat "$tmp/err"; fail=1; }
exit $fail
