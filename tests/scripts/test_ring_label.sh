#!/bin/bash
# test_ring_label.sh: a buffer ring's label (`map --ring Torkham:25km`, issue
# 14) is set clear of the counts, the place markers and the names, at every
# scale: on the whole record's frontier map the ring is 5 pt across inside
# the Khyber crowd, and its 6.4 pt label lay over the counts and Peshawar's
# symbols. Read from --label-list: the ring row's box against the symbols'
# count boxes and the names placed; and the label found as text in the PDF.
# Usage: test_ring_label.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_ring_label.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
ged="$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv"
[ -r "$ged" ] || { echo "skipped: $ged is absent"; exit 0; }
command -v pdftotext >/dev/null || { echo "skipped: no pdftotext"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/ring.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
"$fm" import --db "$tmp/g.gpkg" "$ged" >/dev/null 2>&1

check() { # name csv pdf: the ring label clear of counts and names, and in the text
  python3 - "$2" "$1" <<'PY' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
rings = [r for r in rows if r["record"] == "ring"]
if not rings:
    print(f"FAIL {sys.argv[2]}: the ring has no label"); sys.exit(1)
def box(r): return [float(r[k]) for k in ("x0", "y0", "x1", "y1")]
def meet(a, b): return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
bad = 0
for g in rings:
    rb = box(g)
    for r in rows:
        if r["record"] == "symbol" and r["x0"] and meet(rb, box(r)):
            print(f"FAIL {sys.argv[2]}: '{g['text']}' over the count {r['text']}"); bad = 1
        if r["record"] == "label" and r["placed"] == "1" and r["x0"] and meet(rb, box(r)):
            print(f"FAIL {sys.argv[2]}: '{g['text']}' over the name {r['text']}"); bad = 1
        if (r["record"] == "label" and r["must"] == "1" and r["placed"] == "1"
                and r["kind"] in ("crossing", "capital", "city", "seat", "town")
                and rb[0] - 2 < float(r["x"]) < rb[2] + 2 and rb[1] - 2 < float(r["y"]) < rb[3] + 2):
            print(f"FAIL {sys.argv[2]}: '{g['text']}' over the marker of {r['text']}"); bad = 1
    print(f"ok   {sys.argv[2]}: '{g['text']}' at {rb[0]:.0f},{rb[1]:.0f}{' on a leader' if g['leader'] == '1' else ''}")
sys.exit(bad)
PY
  tr -s ' \n' '  ' <"$tmp/$1.txt" | grep -qE "Torkham (25 km|\S* ?25 km)|(^| )25 km" ||
    { echo "FAIL $1: the ring's label not in the PDF's text"; fail=1; }
}
for spec in "whole:" "khyber:--region khyber" "box:--bbox 70.85,33.9,71.35,34.3" \
            "whole-a5:--size A5"; do
  name=${spec%%:*} args=${spec#*:}
  # shellcheck disable=SC2086
  "$fm" -q map --db "$tmp/g.gpkg" $args --ring Torkham:25km --out "$tmp/$name.pdf" \
    --label-list "$tmp/$name.csv" >/dev/null
  pdftotext "$tmp/$name.pdf" "$tmp/$name.txt"
  check "$name" "$tmp/$name.csv"
done
exit $fail
