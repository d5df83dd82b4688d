#!/bin/bash
# test_legend_whole.sh: a legend section stays in one column (issue 14):
# on A3 portrait the KP map of 2009-2014 set the Symbols heading and its
# first entry at the foot of the second column and "nearby incidents
# combined" at the head of the third, over the Reference heading; the
# Chaman map left "province boundary" alone at the third's head. A legend
# whose sections all fit whole may be up to a quarter taller
# (render/legend.c, WHOLE_SLACK). Read from the PDF's words inside the
# label list's legend box (tests/scripts/legend_whole.py), on the UCDP GED
# sample and the built-in incidents at five page sizes.
# Usage: test_legend_whole.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_legend_whole.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/lsan.supp}
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/legendwhole.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
bases=()
one() { # BASE ARGS...
  local b=$1
  shift
  "$fm" -q map "$@" --out "$tmp/$b.pdf" --label-list "$tmp/$b.csv"
  bases+=("$tmp/$b")
}
p=(--since 2009-01-01 --until 2014-12-31)
one kp-A3 --db "$tmp/s.gpkg" --region kp "${p[@]}" --size A3
one chaman-A3 --db "$tmp/s.gpkg" --region chaman "${p[@]}" --size A3
one kp-A4 --db "$tmp/s.gpkg" --region kp "${p[@]}" --size A4
one waziristan-A5 --db "$tmp/s.gpkg" --region waziristan "${p[@]}" --size A5
one khyber-Letter --db "$tmp/s.gpkg" --region khyber "${p[@]}" --size Letter --landscape
one frontier-Legal --db "$tmp/s.gpkg" --region frontier --size Legal
FRONTIERMAP_DB= one builtin-A3 --size A3
python3 "$src/scripts/legend_whole.py" "${bases[@]}"
