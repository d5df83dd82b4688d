#!/bin/bash
# test_country_label.sh: the subject country's name sits near the map's
# subject (issue 14: on the whole-record Khyber Pakhtunkhwa map "PAKISTAN"
# was reported up in Gilgit-Baltistan, a far corner of the frame). On the
# UCDP GED sample's whole record (no date filter), for the kp and frontier
# regions at A4, A3, A4 landscape and Letter:
# - PAKISTAN is placed (map --label-list), and its box's centre lies within
#   0.22 of the frame's diagonal from the frame's centre on the kp maps (it
#   sits at 0.14-0.17; Gilgit-Baltistan on the A4 KP map is 0.33 away), 0.27
#   on the frontier maps, whose subject is the border west of Pakistan's
#   open plain (0.19-0.21; their far corners are 0.4 away);
# - the PDF's text has the word PAKISTAN at that box (pdftotext -bbox, within
#   2 pt), so the check is on what is printed, not only on the renderer's list.
# Usage: test_country_label.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_country_label.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/ctrylabel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
fail=0
for region in kp frontier; do
  lim=0.22
  [ "$region" = frontier ] && lim=0.27
  for size in "A4" "A3" "A4 --landscape" "Letter"; do
    name="$region-${size// /}"
    # shellcheck disable=SC2086
    "$fm" -q map --db "$tmp/s.gpkg" --region "$region" --size $size \
      --out "$tmp/$name.pdf" --label-list "$tmp/$name.csv"
    pdftotext -bbox "$tmp/$name.pdf" "$tmp/$name.html"
    if ! msg=$(awk -F, -v name="$name" -v lim="$lim" '
      FNR == NR {
        if ($1 == "frame") { fx0 = $11; fy0 = $12; fx1 = $13; fy1 = $14 }
        if ($1 == "label" && $2 == "PAKISTAN" && $3 == "country" && $5 == 1) {
          found = 1; x0 = $11; y0 = $12; x1 = $13; y1 = $14
        }
        next
      }
      /<word / && />PAKISTAN</ {
        split($0, a, "\""); # xMin, yMin, xMax, yMax in that order
        if (found && (a[2] - x0) ^ 2 < 4 && (a[6] - x1) ^ 2 < 4 &&
            (a[4] - y0) ^ 2 < 4 && (a[8] - y1) ^ 2 < 4)
          inpdf = 1
      }
      END {
        if (!found) { print name ": PAKISTAN not placed"; exit 1 }
        if (!inpdf) { print name ": PAKISTAN not in the PDF text at " x0 "," y0; exit 1 }
        d = sqrt(((x0 + x1) / 2 - (fx0 + fx1) / 2) ^ 2 + ((y0 + y1) / 2 - (fy0 + fy1) / 2) ^ 2)
        diag = sqrt((fx1 - fx0) ^ 2 + (fy1 - fy0) ^ 2)
        printf "%s: PAKISTAN at %.0f,%.0f, %.2f of the frame diagonal from its centre\n",
               name, (x0 + x1) / 2, (y0 + y1) / 2, d / diag
        if (d > lim * diag) { print "  more than " lim; exit 1 }
      }' "$tmp/$name.csv" "$tmp/$name.html"); then
      echo "FAIL $msg"
      fail=1
    else
      echo "ok   $msg"
    fi
  done
done
exit $fail
