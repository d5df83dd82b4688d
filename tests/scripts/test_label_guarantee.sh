#!/bin/bash
# test_label_guarantee.sh: the names a map guarantees (issue 14), read from
# `map --label-list` rather than from pixels, on region maps of the UCDP GED
# sample at several scales and page sizes (khyber, chaman, waziristan,
# kurram, Khyber Pakhtunkhwa, the whole frontier; A4, A3 landscape, Letter):
# - every crossing and every provincial capital (Afghanistan's 34, numbered 01
#   in their province's district codes, and Pakistan's 6) of
#   data/gazetteer/places.csv that falls inside the frame is named at every
#   scale, a capital in a crowd excepted as documented; every district seat
#   (or, for a district with no known seat, its name at its middle) while the
#   frame holds the seats (half its room, as documented) (found here from the
#   gazetteer itself, projected by a fit to the placed names' points, not from
#   the renderer's own list); where it does not, every seat with plain room
#   around it (no name, count or other symbol within 30 pt), on the regions
#   and on the whole record's own extent (all of Pakistan);
# - every guaranteed name is in the PDF's text (pdftotext);
# - every name the map marks as guaranteed is placed;
# - no name overlaps another, a count of combined incidents or a crossing
#   marker, and none leaves the frame; no count sits under a crossing marker
#   or over another count;
# - a callout box covers no name and no symbol, and its leader crosses none
#   (other than the incident's own symbol), on maps where such a place exists.
# Usage: test_label_guarantee.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_label_guarantee.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
top="$src/.."
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/labelg.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$fm" -q import --db "$tmp/s.gpkg" "$top/data/samples/ucdp-ged-pakistan-1989-2021.csv" >/dev/null
fail=0
n=0
for region in khyber chaman waziristan kurram kp frontier; do
  for size in "A4" "A3 --landscape" "Letter"; do
    name="$region-${size// /}"
    # shellcheck disable=SC2086
    "$fm" -q map --db "$tmp/s.gpkg" --region "$region" --since 2009-01-01 --until 2014-12-31 \
      --size $size --out "$tmp/$name.pdf" --label-list "$tmp/$name.csv"
    n=$((n + 1))
  done
done
# the whole record on the map's own extent (the frontier grown to hold every
# incident: all of Pakistan), where ~200 seats are more than the room holds
for size in "A4" "A3"; do
  "$fm" -q map --db "$tmp/s.gpkg" --size $size --out "$tmp/all-$size.pdf" \
    --label-list "$tmp/all-$size.csv"
done
# one period alone and a callout: the 2014 Waziristan map and its biggest strike
"$fm" -q map --db "$tmp/s.gpkg" --region waziristan --since 2014-01-01 --until 2014-12-31 \
  --callout 153506 --out "$tmp/wz2014-callout.pdf" --label-list "$tmp/wz2014-callout.csv"
"$fm" -q map --db "$tmp/s.gpkg" --region khyber --since 2009-01-01 --until 2014-12-31 \
  --labels crossings,districts,provinces,towns --size A3 --landscape \
  --out "$tmp/khyber-towns.pdf" --label-list "$tmp/khyber-towns.csv"
FM_SCRIPTS="$src/scripts" python3 - "$top/data/gazetteer/places.csv" "$tmp"/*.csv <<'PY' || fail=1
import csv, math, os, re, subprocess, sys

# the gazetteer's readings and the small solver label_marks.py measures with
sys.path.insert(0, os.environ["FM_SCRIPTS"])
from label_marks import letters, ov, plain, prov_capital, solve, vowel_swap

places = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))

# a district without a seat whose polygon holds the seat of another district
# row is that district under another source's spelling (geoBoundaries' Nika,
# GeoNames' Nikeh): named by its seat, not twice
import json, os
def ring_has(x, y, rings):
    c = False
    for r in rings:
        for i in range(len(r)):
            (x1, y1), (x2, y2) = r[i - 1], r[i]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                c = not c
    return c
rings_of = {}
for feat in json.load(open(os.path.join(os.path.dirname(sys.argv[1]), "districts.geojson"),
                           encoding="utf-8"))["features"]:
    pr, g = feat["properties"], feat["geometry"]
    if pr.get("boundary") == "former":
        continue
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    rings_of[(pr["name"], pr["country"])] = [r for pp in polys for r in pp]
seats = [(p["country"], float(p["seat_lon"]), float(p["seat_lat"])) for p in places
         if p["kind"] == "district" and p["seat_lon"]]
def seated(p):
    rings = rings_of.get((p["name"], p["country"]), [])
    return any(cc == p["country"] and ring_has(x, y, rings) for cc, x, y in seats)

# GeoNames' town "Markaz-e Woluswali-ye Achin" is the centre of Acheen, a
# district without a seat: the district is named there, as its seat
centre_re = re.compile("markaz|woluswal|wuluswal|alaqahdari|hukumati")
centres = [p for p in places if p["kind"] in ("town", "village") and centre_re.search(plain(p["name"]))]
def centre_of(p):
    for t in centres:
        if t["admin2"].lower() == p["name"].lower() and t["country"] == p["country"] and \
                abs(float(t["lon"]) - float(p["lon"])) <= 0.3 and abs(float(t["lat"]) - float(p["lat"])) <= 0.3:
            return float(t["lon"]), float(t["lat"])
    return float(p["lon"]), float(p["lat"])

# a seat whose point UCDP GED gave ("Timer Gara town" for Lower Dir) is named
# at GeoNames' town of its district spelled alike (a vowel for a vowel:
# Timargara) within 15 km, when there is one: the gazetteer's point is named
gn_towns = [p for p in places if p["kind"] in ("town", "city") and p["source"].startswith("geonames")]
def seat_point(p):
    lon, lat = float(p["seat_lon"]), float(p["seat_lat"])
    m = re.search(r"point ucdp-ged: seat '([^']*)'", p["source"])
    if m:
        for t in gn_towns:
            km = math.hypot((float(t["lon"]) - lon) * 111.32 * math.cos(math.radians(lat)),
                            (float(t["lat"]) - lat) * 111.32)
            if t["admin2"] == p["admin2"] and t["country"] == p["country"] and km <= 15 and \
                    vowel_swap(letters(m.group(1)), letters(t["name"])):
                return float(t["lon"]), float(t["lat"])
    return lon, lat

kp_seats = {p["name"] for p in places if p["kind"] == "district" and p["seat_lon"] and
            p["country"] == "PK" and p["admin1"] == "Khyber Pakhtunkhwa"}
expected_pts = []  # (what, name, lon, lat)
# (Karachi has no seat, Islamabad no district row: the major city stands)
ncapitals = sum(1 for p in places if p["kind"] == "district" and prov_capital(p))
for p in places:
    if p["kind"] == "crossing":
        expected_pts.append(("crossing", p["name"], float(p["lon"]), float(p["lat"])))
    elif p["kind"] == "district" and p["seat_lon"]:
        cap = prov_capital(p)
        expected_pts.append(("capital" if cap else "seat", p["name"]) + seat_point(p))
    elif p["kind"] == "district" and p["area_km2"] and not seated(p):  # at its middle or centre
        expected_pts.append(("district", p["name"]) + centre_of(p))
if ncapitals != 40:
    print(f"FAIL the gazetteer gives {ncapitals} provincial capitals, not 34 + 6")
    sys.exit(1)

def circle_box(cx, cy, r, b):
    nx, ny = min(max(cx, b[0]), b[2]), min(max(cy, b[1]), b[3])
    return math.hypot(nx - cx, ny - cy) < r - 0.3

def seg_circle(x0, y0, x1, y1, cx, cy, r):
    dx, dy = x1 - x0, y1 - y0
    t = max(0, min(1, ((cx - x0) * dx + (cy - y0) * dy) / (dx * dx + dy * dy or 1)))
    return math.hypot(x0 + t * dx - cx, y0 + t * dy - cy) < r - 0.3

def seg_box(x0, y0, x1, y1, b):
    for k in range(41):
        t = k / 40
        x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
        if b[0] + 0.3 < x < b[2] - 0.3 and b[1] + 0.3 < y < b[3] - 0.3:
            return True
    return False

LONG, LONG_MAX = 40, 8  # leaders longer than LONG pt on all the maps: 17 before, 6 now
REACH = 40  # the longest leader of the subject's seats on a view too small for all the seats, A4
MARKER = {"crossing": 3.2, "capital": 2.5, "city": 1.9, "seat": 1.6, "town": 1.3, "village": 1.0}
bad = 0
def fail(name, msg):
    global bad
    bad += 1
    print(f"FAIL {name}: {msg}")

long_leaders = []
for path in sys.argv[2:]:
    name = path.rsplit("/", 1)[1][:-4]
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    f = next(r for r in rows if r["record"] == "frame")
    frame = [float(f[k]) for k in ("x0", "y0", "x1", "y1")]
    labels = [r for r in rows if r["record"] == "label"]
    placed = [r for r in labels if r["placed"] == "1"]
    boxes = [[float(r[k]) for k in ("x0", "y0", "x1", "y1")] for r in placed]
    syms = [(float(r["x"]), float(r["y"]), float(r["r"]), [float(r[k]) for k in ("x0", "y0", "x1", "y1")])
            for r in rows if r["record"] == "symbol"]
    counts = [s[3] for s in syms if s[3][2] > s[3][0]]
    crossings = [(float(r["x"]), float(r["y"])) for r in placed if r["kind"] == "crossing"]
    callouts = [r for r in rows if r["record"] == "callout"]
    # guaranteed names placed, in the frame, clear of each other and of the counts
    for r in labels:
        if r["must"] == "1" and r["placed"] != "1":
            fail(name, f"guaranteed {r['kind']} '{r['text']}' is not placed")
    for i, (r, b) in enumerate(zip(placed, boxes)):
        t = r["text"].replace("\n", " ")
        if b[0] < frame[0] or b[1] < frame[1] or b[2] > frame[2] or b[3] > frame[3]:
            fail(name, f"'{t}' leaves the frame")
        for r2, b2 in zip(placed[i + 1:], boxes[i + 1:]):
            if ov(b, b2):
                fail(name, f"'{t}' overlaps '{r2['text']}'")
        if any(ov(b, c) for c in counts):
            fail(name, f"'{t}' covers a count")
        for cx, cy in crossings:
            if (r["kind"] != "crossing" or (float(r["x"]), float(r["y"])) != (cx, cy)) and \
                    ov(b, [cx - 3.2, cy - 3.2, cx + 3.2, cy + 3.2]):
                fail(name, f"'{t}' covers a crossing marker")
    # no count prints over another ("2" under "21" read "221" on the KP map)
    for i, c in enumerate(counts):
        for c2 in counts[:i]:
            if ov(c, c2):
                fail(name, f"the counts at {c[0]:.0f},{c[1]:.0f} and {c2[0]:.0f},{c2[1]:.0f} overlap")
                break
    for c in counts:
        for cx, cy in crossings:
            if ov(c, [cx - 3.2, cy - 3.2, cx + 3.2, cy + 3.2], 0.5):
                fail(name, f"a count at {c[0]:.0f},{c[1]:.0f} sits under a crossing marker")
    # the gazetteer's crossings and seats in the frame, projected by a fit
    pts = [r for r in placed if r["lon"]]
    def terms(lon, lat):
        return [1, lon, lat, lon * lon, lon * lat, lat * lat]
    a = [terms(float(r["lon"]), float(r["lat"])) for r in pts]
    cx_ = solve(a, [float(r["x"]) for r in pts])
    cy_ = solve(a, [float(r["y"]) for r in pts])
    err = max(math.hypot(sum(u * v for u, v in zip(t, cx_)) - float(r["x"]),
                         sum(u * v for u, v in zip(t, cy_)) - float(r["y"])) for t, r in zip(a, pts))
    if err > 3:
        fail(name, f"the fitted projection is off by {err:.1f} pt")
    room = (frame[2] - frame[0]) * (frame[3] - frame[1]) / (60 * 40) / 2
    inside = []
    for what, pname, lon, lat in expected_pts:
        t = terms(lon, lat)
        x, y = sum(u * v for u, v in zip(t, cx_)), sum(u * v for u, v in zip(t, cy_))
        if frame[0] + 12 < x < frame[2] - 12 and frame[1] + 12 < y < frame[3] - 12:
            inside.append((what, pname, x, y))
    nseats = sum(1 for w in inside if w[0] in ("seat", "district"))
    # the reach grows with the page as the symbols do (the frame's diagonal
    # against A4's, about)
    reach = REACH * min(2.0, max(0.6, math.hypot(frame[2] - frame[0], frame[3] - frame[1]) / 760)) + 3
    musts = [(float(r["x"]), float(r["y"])) for r in placed if r["must"] == "1" and r["lon"]]
    named_pts = [(float(r["x"]), float(r["y"])) for r in placed if r["lon"]]
    def box_dist(b, x, y):
        return math.hypot(max(b[0] - x, 0, x - b[2]), max(b[1] - y, 0, y - b[3]))
    for what, pname, x, y in inside:
        # the map's own province: its seats are named in a crowd too, and
        # beside a guaranteed place their markers touch (Saidu Sharif at
        # Mingora, Landi Kotal at Torkham), unless on a view too small for
        # all the seats the counts and names around leave no room within the
        # reach (40 pt on A4: 8 or more of them within it, the Peshawar valley
        # and Swat at 1:4,300,000)
        if what == "seat" and name.startswith("kp-") and pname in kp_seats and \
                not any(math.hypot(float(r["x"]) - x, float(r["y"]) - y) < 7.5 for r in placed if r["lon"]) and \
                not (nseats > room and sum(box_dist(c, x, y) < reach for c in counts + boxes) >= 8):
            fail(name, f"seat {pname} of the region's own province is not named")
        if what == "seat" and nseats > room:
            # beyond the guarantee, a seat is named where the room is plain:
            # no name, count or other place within 30 pt and at most the
            # symbol on its own point nearby (it goes round that)
            quiet = (not any(box_dist(b, x, y) < 30 for b in boxes + counts) and
                     sum(math.hypot(sx - x, sy - y) < sr + 30 for sx, sy, sr, _ in syms) <= 1)
            if quiet and not any(math.hypot(nx - x, ny - y) < 7.5 for nx, ny in named_pts):
                fail(name, f"seat {pname} has room in the frame but is not named")
            continue
        if what in ("seat", "district") and nseats > room:
            continue
        # the crowding rule (DESIGN.md): 4 guaranteed names within 36 pt, or 2
        # within 12 pt, and a capital yields as a seat does
        near = [math.hypot(mx - x, my - y) for mx, my in musts]
        if what == "capital" and (sum(0.5 < d < 36 for d in near) >= 4 or
                                  sum(0.5 < d < 12 for d in near) >= 2):
            continue
        # named at its point, or at a more important place it touches (a seat
        # merged into the town at its point; the same place twice)
        if not any(math.hypot(float(r["x"]) - x, float(r["y"]) - y) < 7.5 for r in placed if r["lon"]):
            fail(name, f"{what} {pname} is in the frame but not named")
    # leaders: a name not guaranteed takes no leader through a name or
    # across a leader placed before it, and none over a leader (the list is
    # in the order the names were placed); a guaranteed one may, at a cost
    def leader(r, b):
        x, y = float(r["x"]), float(r["y"])
        bx, by = min(max(x, b[0]), b[2]), min(max(y, b[1]), b[3])
        d, m = math.hypot(bx - x, by - y), MARKER.get(r["kind"], 0) + 1.6
        if r["leader"] != "1" or d <= m + 0.5:
            return None
        return (x + (bx - x) * m / d, y + (by - y) * m / d, bx - (bx - x) * 0.5 / d,
                by - (by - y) * 0.5 / d)
    def cross(s, t):
        def o(p, q, r):
            return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (o(s[:2], s[2:], t[:2]) * o(s[:2], s[2:], t[2:]) < 0 and
                o(t[:2], t[2:], s[:2]) * o(t[:2], t[2:], s[2:]) < 0)
    legs = [leader(r, b) for r, b in zip(placed, boxes)]
    # a town is guaranteed by rank only: named near its place or not at all
    for r, s in zip(placed, legs):
        if r["kind"] == "town" and s and math.hypot(s[2] - s[0], s[3] - s[1]) > 32:
            fail(name, f"the town '{r['text']}' hangs on a leader of "
                       f"{math.hypot(s[2] - s[0], s[3] - s[1]):.0f} pt")
    long_leaders.extend((round(math.hypot(s[2] - s[0], s[3] - s[1])), name, r["text"])
                        for r, s in zip(placed, legs) if s and math.hypot(s[2] - s[0], s[3] - s[1]) > LONG)
    # on a view too small for all the seats, no seat hangs on a leader
    # longer than the reach (Bat Khela's ran 52 pt across Swat on the KP map)
    for r, s in zip(placed, legs):
        if nseats > room and r["kind"] == "seat" and s and math.hypot(s[2] - s[0], s[3] - s[1]) > reach:
            fail(name, f"the seat '{r['text']}' hangs on a leader of "
                       f"{math.hypot(s[2] - s[0], s[3] - s[1]):.0f} pt")
    for i, (r, b, s) in enumerate(zip(placed, boxes, legs)):
        for j in range(i):
            if r["must"] == "1":
                break
            t2 = placed[j]["text"].replace("\n", " ")
            if s and placed[j]["lon"] and seg_box(*s, boxes[j]):
                fail(name, f"the leader of '{r['text']}' runs through '{t2}'")
            if s and legs[j] and cross(s, legs[j]):
                fail(name, f"the leader of '{r['text']}' crosses the leader of '{t2}'")
            if legs[j] and seg_box(*legs[j], b):
                fail(name, f"'{r['text']}' lies over the leader of '{t2}'")
    # callouts: clear of names and symbols, leader crossing none
    for c in callouts:
        b = [float(c[k]) for k in ("x0", "y0", "x1", "y1")]
        px, py = float(c["x"]), float(c["y"])
        ex, ey = min(max(px, b[0]), b[2]), min(max(py, b[1]), b[3])
        for r, lb in zip(placed, boxes):
            if ov(b, lb):
                fail(name, f"the callout covers '{r['text']}'")
            if seg_box(px, py, ex, ey, lb):
                fail(name, f"the callout's leader crosses '{r['text']}'")
        for sx, sy, sr, _ in syms:
            if circle_box(sx, sy, sr, b):
                fail(name, f"the callout covers a symbol at {sx:.0f},{sy:.0f}")
            if math.hypot(sx - px, sy - py) > sr and seg_circle(px, py, ex, ey, sx, sy, sr):
                fail(name, f"the callout's leader crosses a symbol at {sx:.0f},{sy:.0f}")
    # every guaranteed name is in the PDF's text, as an editor's search finds it
    pdf = path[:-4] + ".pdf"
    text = " ".join(subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    # (every name at a point, guaranteed or not: a village's 5.4 pt name
    # once lost half its space to rounding and read "GhafurKhel")
    for r in placed:
        first = " ".join(r["text"].split("\n")[0].split())
        if r["lon"] and first not in text:
            fail(name, f"{'guaranteed' if r['must'] == '1' else 'placed'} '{first}' is not in the PDF's text")
    print(f"ok   {name}: {len(placed)} names ({sum(r['must'] == '1' for r in placed)} guaranteed), "
          f"{len(inside)} crossings and seats in the frame, fit {err:.2f} pt")
# leaders longer than LONG pt over all the maps: a name in a crowd looks
# for the gap nearest its place before a ring further out (32 directions)
print(f"leaders over {LONG} pt: {len(long_leaders)} {sorted(long_leaders, reverse=True)[:8]}")
if len(long_leaders) > LONG_MAX:
    fail("all", f"{len(long_leaders)} leaders longer than {LONG} pt, want {LONG_MAX} or fewer")
sys.exit(1 if bad else 0)
PY
echo "$n region maps checked"
exit $fail
