#!/bin/bash
# test_choropleth_frame.sh: `map --choropleth admin2` writes the figures of
# the districts in the frame to stdout (issue 14), not of all 540 of both
# countries whatever --region or --bbox framed. "In the frame": a polygon of
# the district (its own, or one joined to it) crosses the frame or holds its
# middle. Checked against districts.geojson in Python with the frame's view
# from --label-list: every district with a vertex well inside the view is
# listed, none whose box misses it, and the zeros of the frame are kept
# (Torghar and the Kohistans on a box over Swat and Hazara). The subtitle's
# "N incidents in the districts shown" is the sum of the CSV's incidents on
# pages the layout widens past the region (A4 Bajaur said 834, its CSV
# summed 875; A4 landscape Khyber 2,075 and 2,018; A5 Kurram agreed).
# Usage: test_choropleth_frame.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_choropleth_frame.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/lsan.supp}
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/chorofr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
one() { # NAME ARGS...
  local b=$1
  shift
  "$fm" -q map --db "$tmp/s.gpkg" --choropleth admin2 "$@" --out "$tmp/$b.pdf" \
    --label-list "$tmp/$b-labels.csv" >"$tmp/$b.csv"
}
one wz --region waziristan
one box --bbox 72.5,34.5,73.5,35.3
one bajaur --region bajaur
one khyberL --region khyber --landscape
one kurram5 --region kurram --size A5
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
for b in bajaur khyberL kurram5 wz; do # the subtitle counts what the CSV lists
  said=$(pdftotext -l 1 "$tmp/$b.pdf" - | tr '\n' ' ' |
    grep -o '[0-9][0-9,]* incidents\? in the districts shown' | head -1 | cut -d' ' -f1 | tr -d ,)
  sum=$(awk -F, 'NR > 1 && $4 != "" { n += $4 } END { print n + 0 }' "$tmp/$b.csv")
  if [ "$said" != "$sum" ]; then
    echo "FAIL $b: the subtitle counts '$said' incidents, the CSV's districts $sum"
    exit 1
  fi
  echo "$b: subtitle and CSV $sum incidents"
done
python3 - "$src/../data/gazetteer/districts.geojson" "$tmp" <<'PY'
import csv, json, sys
dist, tmp = sys.argv[1:]
feats = [f for f in json.load(open(dist, encoding="utf-8"))["features"]
         if f["properties"].get("boundary") != "former"]
def pts(f):
    g = f["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    return [p for poly in polys for ring in poly for p in ring]
fail = 0
for b, want, zeros in (("wz", ["North Waziristan", "South Waziristan", "Bannu", "Gurbaz"], []),
                       ("box", ["Swat", "Battagram", "Shangla"],
                        ["Torghar", "Lower Kohistan", "Upper Kohistan"])):
    rows = {(r["district"], r["country"]): r for r in csv.DictReader(open(f"{tmp}/{b}.csv"))}
    view = [r for r in csv.DictReader(open(f"{tmp}/{b}-labels.csv"))
            if r["record"] == "view" and r["kind"] == "lonlat"][0]
    w, s, e, n = (float(view[k]) for k in ("x0", "y0", "x1", "y1"))
    mx, my = (e - w) * 0.03, (n - s) * 0.03
    for f in feats:
        key = f["properties"]["name"], f["properties"]["country"]
        p = pts(f)
        inner = any(w + mx < x < e - mx and s + my < y < n - my for x, y in p)
        off = max(x for x, _ in p) < w or min(x for x, _ in p) > e or \
              max(y for _, y in p) < s or min(y for _, y in p) > n
        joined = key[0] in ("Upper South Waziristan", "Lower South Waziristan", "Chaman",
                            "Duki", "Hub")  # drawn within another's row before a split
        if inner and key not in rows and not joined:
            print(f"FAIL {b}: {key[0]} lies in the frame but is not listed"); fail = 1
        if off and key in rows:
            print(f"FAIL {b}: {key[0]} lies off the frame but is listed"); fail = 1
    for d in want:
        if not any(k[0] == d for k in rows):
            print(f"FAIL {b}: {d} not listed"); fail = 1
    for d in zeros:
        r = [r for k, r in rows.items() if k[0] == d]
        if not r or r[0]["figure"] != "0":
            print(f"FAIL {b}: {d} not listed with 0"); fail = 1
    if len(rows) > 80:
        print(f"FAIL {b}: {len(rows)} districts listed"); fail = 1
    print(f"{b}: {len(rows)} districts listed")
sys.exit(fail)
PY
echo "ok: the districts' figures are those of the frame"
