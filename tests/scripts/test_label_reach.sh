#!/bin/bash
# test_label_reach.sh: guaranteed names near their place on the small-scale
# views (issue 14), read from `map --label-list` and checked in the PDF's
# text (pdftotext), on the UCDP GED sample's whole record:
# - the A4 Khyber Pakhtunkhwa map names the subject's seats in the Peshawar
#   valley and Bajaur (Bat Khela, Charsadda, Khar: left out before, every
#   position of the rings within their reach of 30 pt being taken; Ghalanai,
#   whose only room lay 4 pt from Jalalabad's marker, a size smaller by its
#   own) with leaders of at most that reach, their names nearer their own
#   marker than any other marker within 3 pt, and Landi Kotal, whose marker lies
#   under Torkham's, on the line below Torkham's name (the two stacked, no
#   leader of its own);
# - on it and on the A4 map of the record's own extent (all of Pakistan) no
#   crossing or city hangs on a leader longer than 33 pt (40 pt scaled with
#   the symbols: Nawa Pass took 53 pt on the latter, Peshawar 44 pt on the
#   whole-record frontier map).
# Usage: test_label_reach.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_label_reach.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
command -v pdftotext >/dev/null || { echo "SKIP: no pdftotext"; exit 77; }
mkdir -p "${FM_TEST_TMP:-/tmp}"
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/labelreach.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
"$fm" -q map --db "$tmp/s.gpkg" --region kp --size A4 --out "$tmp/kp.pdf" --label-list "$tmp/kp.csv"
"$fm" -q map --db "$tmp/s.gpkg" --size A4 --out "$tmp/own.pdf" --label-list "$tmp/own.csv"
pdftotext "$tmp/kp.pdf" "$tmp/kp.txt"
python3 - "$tmp" <<'PY'
import csv, math, sys
tmp = sys.argv[1]
MARKER = {"crossing": 3.2, "capital": 2.5, "city": 1.9, "seat": 1.6}
SEATS = ["Bat Khela", "Charsadda", "Khar", "Ghalanai"]
fail = 0

def leader(r):  # as render/labels.c draws it: marker's rim to the box
    x, y = float(r["x"]), float(r["y"])
    x0, y0, x1, y1 = (float(r[k]) for k in ("x0", "y0", "x1", "y1"))
    bx, by = max(x0, min(x, x1)), max(y0, min(y, y1))
    return max(0.0, math.hypot(bx - x, by - y) - MARKER.get(r["kind"], 0) - 0.6)

def dist(p, r):  # from p's marker to r's box
    x, y = float(p["x"]), float(p["y"])
    x0, y0, x1, y1 = (float(r[k]) for k in ("x0", "y0", "x1", "y1"))
    return max(0.0, math.hypot(max(x0, min(x, x1)) - x, max(y0, min(y, y1)) - y) -
               MARKER.get(p["kind"], 0))

for name in ("kp", "own"):
    rows = [r for r in csv.DictReader(open(f"{tmp}/{name}.csv", encoding="utf-8"))
            if r["record"] == "label"]
    longest = 0
    for r in rows:
        if r["placed"] == "1" and r["leader"] == "1" and r["kind"] in ("crossing", "capital", "city"):
            longest = max(longest, leader(r))
            if leader(r) > 33:
                print(f"FAIL {name}: '{r['text']}' hangs on a leader of {leader(r):.0f} pt")
                fail = 1
    print(f"{name}: longest crossing or city leader {longest:.1f} pt")
    if name != "kp":
        continue
    text = open(f"{tmp}/kp.txt", encoding="utf-8").read().split()
    lk = [r for r in rows if r["text"] == "Landi Kotal" and r["placed"] == "1"]
    tk = [r for r in rows if r["text"] == "Torkham" and r["placed"] == "1"]
    if not lk or not tk:
        print("FAIL kp: Landi Kotal or Torkham is not named")
        fail = 1
    else:
        a, b = lk[0], tk[0]
        stacked = abs(float(a["y0"]) - float(b["y1"])) < 0.05 and \
            abs((float(a["x0"]) + float(a["x1"])) - (float(b["x0"]) + float(b["x1"]))) < 0.1
        if not stacked or a["leader"] == "1" or "Landi" not in text:
            print(f"FAIL kp: Landi Kotal not stacked under Torkham's name ({a['x0']},{a['y0']} "
                  f"under {b['x0']},{b['y1']}, leader {a['leader']})")
            fail = 1
        else:
            print("ok   kp: Landi Kotal under Torkham")
    for s in SEATS:
        r = [r for r in rows if r["text"] == s and r["kind"] == "seat"]
        if not r or r[0]["placed"] != "1":
            print(f"FAIL kp: the seat '{s}' is not named")
            fail = 1
        elif r[0]["leader"] == "1" and leader(r[0]) > 30.5:
            print(f"FAIL kp: the seat '{s}' hangs on a leader of {leader(r[0]):.0f} pt")
            fail = 1
        elif any(r2["x"] and r2["kind"] in MARKER and r2["text"] != s and
                 dist(r2, r[0]) < min(3.0, dist(r[0], r[0])) for r2 in rows):
            print(f"FAIL kp: '{s}' is nearer another place's marker than its own")
            fail = 1
        elif s.split()[0] not in text:
            print(f"FAIL kp: '{s}' is not in the PDF's text")
            fail = 1
        else:
            print(f"ok   kp: '{s}' named, leader {leader(r[0]):.1f} pt")
sys.exit(fail)
PY
