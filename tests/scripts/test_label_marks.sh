#!/bin/bash
# test_label_marks.sh: the names a map prints, read from what it drew (issue
# 14): markers and leader lines from the SVG's paths, the names from the PDF's
# words (pdftotext -bbox), against the places an editor expects in the frame
# (tests/scripts/label_marks.py says how), on the UCDP GED sample and the
# built-in incidents:
# - the gazetteer's crossings, cities and provincial capitals in the frame are
#   named, and on the KP and Balochistan maps their own district seats (the
#   whole record's A4 map of Pakistan left out 15 cities: Sargodha, Okara,
#   Kasur, ... lay over 160 km from the border; 60 of these 8 maps' expected
#   names were missing, 21 now);
# - no name lies nearer another place's marker (within 5 pt) than its own,
#   with a leader or beside it (a reader takes it for the other's: 166 on these
#   maps before, 7 now with the symbols drawn the same on every page,
#   guaranteed names with no cleaner room at a cost);
# - every name the label list places is in the PDF there, and none overlaps
#   another or a count.
# Usage: test_label_marks.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_label_marks.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
# (under AddressSanitizer: fontconfig's caches through Pango are not leaks)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/lsan.supp}
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/labelmarks.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
one() { # BASE ARGS...: the map as PDF with its label list, and as SVG
  local b=$1
  shift
  "$fm" -q map "$@" --out "$tmp/$b.pdf" --label-list "$tmp/$b.csv"
  "$fm" -q map "$@" --out "$tmp/$b.svg"
}
one own-A4 --db "$tmp/s.gpkg" --size A4
one own-Letter --db "$tmp/s.gpkg" --size Letter
one kp-A4 --db "$tmp/s.gpkg" --region kp --size A4
one kp-Letter --db "$tmp/s.gpkg" --region kp --size Letter
one balochistan-A4 --db "$tmp/s.gpkg" --region balochistan --size A4
one frontier-A4 --db "$tmp/s.gpkg" --region frontier --since 2009-01-01 --until 2014-12-31
one khyber-A3 --db "$tmp/s.gpkg" --region khyber --since 2009-01-01 --until 2014-12-31 --size A3 --landscape
FRONTIERMAP_DB= one builtin-A4 --size A4
python3 "$src/scripts/label_marks.py" "$top/data/gazetteer/places.csv" --verbose \
  --max-missing 21 --max-ambiguous 7 \
  "$tmp"/own-A4 "$tmp"/own-Letter "$tmp"/kp-A4 "$tmp"/kp-Letter "$tmp"/balochistan-A4 \
  "$tmp"/frontier-A4 "$tmp"/khyber-A3 "$tmp"/builtin-A4
