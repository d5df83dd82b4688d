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
  "Parachinar" "Mardan"
exit $fail
