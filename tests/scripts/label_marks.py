#!/usr/bin/env python3
"""label_marks.py: the names a map prints, read from what it drew, against the
places an editor expects in its frame (issue 14).

For each map given as BASE (BASE.pdf, BASE.svg and BASE.csv, the three drawn
from one command: --out BASE.pdf, --out BASE.svg, --label-list BASE.csv):
- the markers of places and the leader lines are read from the SVG's paths
  (a crossing's diamond, a major city's dark dot, the white dots of cities,
  seats, towns and villages; leaders as thin grey segments), inside the frame;
- the names' boxes from the PDF's words (pdftotext -bbox), grouped into the
  names the SVG's <text> elements spell;
- the label list gives only the frame, which marker each name is for, and the
  points of named places for a fit from longitude and latitude to the page.
It reports, per map and in all:
- expected places not named: the gazetteer's crossings, cities (GeoNames'
  largest, kind city) and provincial capitals in the frame; on a region named
  after a province (--region kp, balochistan: BASE starting "kp-" or
  "balochistan-") its district seats; a place is named when a name printed in
  the PDF belongs to a marker drawn within 7.5 pt of its point;
- ambiguous names: a name with a leader whose box lies nearer another place's
  marker (within NEAR_PT of the box) than its own marker, and a name without a
  leader that lies nearer another marker than its own: a reader takes the name
  for the marker it sits by;
- names overlapping another name or a count, and names the label list says
  are placed but the PDF does not carry where it says.
Usage: label_marks.py PLACES.csv BASE... [--max-missing N] [--max-ambiguous N]
       [--verbose]; exits 1 when a figure is over its maximum.
"""
import csv, math, re, subprocess, sys, unicodedata
import xml.etree.ElementTree as ET

NEAR_PT = 5.0   # a marker this near a name's box is one a reader may take it for
NAMED_PT = 7.5  # a marker this near a place's point is the place's
PK_CAPITALS = {"Peshawar", "Quetta", "Lahore", "Karachi", "Gilgit", "Muzaffarabad"}
PROVINCE_OF = {"kp": "Khyber Pakhtunkhwa", "balochistan": "Balochistan"}


def plain(t):
    t = unicodedata.normalize("NFKD", t)
    return "".join(ch for ch in t if not unicodedata.combining(ch)).lower()


def prov_capital(p):
    if p["country"] == "PK":
        return p["name"] in PK_CAPITALS
    m = re.search(r"admin2 AF\.\d+\.(\d+)", p["source"])
    return bool(m) and len(m.group(1)) >= 3 and m.group(1).endswith("01")


def letters(t):
    return re.sub(r"[^a-z]", "", re.sub(r"\b(town|village|city)\b", "", plain(t)))


def vowel_swap(a, b):
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1 and \
        all(x in "aeiou" and y in "aeiou" for x, y in zip(a, b) if x != y)


def expected_places(places):
    """(what, name, lon, lat, admin1) of the places a map must name."""
    gn_towns = [p for p in places if p["kind"] in ("town", "city") and p["source"].startswith("geonames")]

    def seat_point(p):  # UCDP GED's "Timer Gara" is named at GeoNames' Timargara
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
    out = []
    for p in places:
        if p["kind"] in ("crossing", "city"):
            out.append((p["kind"], p["name"], float(p["lon"]), float(p["lat"]), p["admin1"]))
        elif p["kind"] == "district" and p["seat_lon"]:
            out.append(("capital" if prov_capital(p) else "seat", p["name"]) + seat_point(p) +
                       (p["admin1"],))
    return out


def solve(a, y):
    m = len(a[0])
    ata = [[sum(r[i] * r[j] for r in a) for j in range(m)] for i in range(m)]
    aty = [sum(r[i] * v for r, v in zip(a, y)) for i in range(m)]
    for i in range(m):
        p = max(range(i, m), key=lambda k: abs(ata[k][i]))
        ata[i], ata[p], aty[i], aty[p] = ata[p], ata[i], aty[p], aty[i]
        for k in range(m):
            if k != i and ata[i][i]:
                f = ata[k][i] / ata[i][i]
                ata[k] = [u - f * v for u, v in zip(ata[k], ata[i])]
                aty[k] -= f * aty[i]
    return [aty[i] / ata[i][i] for i in range(m)]


def nums(d):
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]


def svg_marks(path, frame):
    """Markers (x, y, r) and leaders (x0, y0, x1, y1) drawn inside the frame."""
    marks, leaders = [], []
    for el in ET.parse(path).iter():
        if not el.tag.endswith("path"):
            continue
        st, d = el.get("style", ""), el.get("d", "")
        v = nums(d)
        if not v:
            continue
        x, y = v[0], v[1]
        if not (frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3]):
            continue
        if "stroke:rgb(55%,5%,5%)" in st and "stroke-width:1.1" in st and d.count("L") == 3:
            s = v[2] - v[0]  # the diamond: top, right, bottom, left
            marks.append((x, y + s, s))
        elif "fill:rgb(10%,10%,10%)" in st and " C " in d and len(v) >= 8:
            r = (v[0] - v[4]) / 2 + 0.8  # the dark dot in its white ring
            marks.append((v[0] - r + 0.8, y, r))
        elif "stroke:rgb(20%,20%,20%)" in st and "fill:rgb(100%,100%,100%)" in st and " C " in d:
            r = (v[0] - v[4]) / 2
            marks.append((v[0] - r, y, r))
        elif "stroke:rgb(25%,25%,25%)" in st and "stroke-width:0.45" in st and len(v) == 4:
            leaders.append(tuple(v))
    return marks, leaders


def html_unescape(t):
    return t.replace("&apos;", "'").replace("&quot;", '"').replace("&#39;", "'").replace(
        "&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def pdf_words(path):
    html = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                         r'([^<]*)</word>', html):
        out.append(([float(m.group(i)) for i in range(1, 5)],
                    html_unescape(m.group(5))))
    return out


def find_text(words, text, box, slack=2.5):
    """The union of the PDF's words that spell text's first line within box
    grown by slack; None when the PDF does not carry it there."""
    first = text.split("\n")[0].split()
    got = [b for b, w in words if (w in first or w == " ".join(first)) and b[0] > box[0] - slack and b[2] < box[2] + slack and
           b[1] > box[1] - slack and b[3] < box[3] + slack]
    if not got or (len(got) < len(first) and not any(w == " ".join(first) for _, w in words)):
        return None
    return [min(b[0] for b in got), min(b[1] for b in got), max(b[2] for b in got),
            max(b[3] for b in got)]


def rim_dist(m, b):
    x, y, r = m
    return max(0.0, math.hypot(max(b[0] - x, 0, x - b[2]), max(b[1] - y, 0, y - b[3])) - r)


def ov(a, b, slack=0.3):
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def measure(base, expect, verbose):
    name = base.rsplit("/", 1)[-1]
    rows = list(csv.DictReader(open(base + ".csv", encoding="utf-8")))
    f = next(r for r in rows if r["record"] == "frame")
    frame = [float(f[k]) for k in ("x0", "y0", "x1", "y1")]
    marks, leaders = svg_marks(base + ".svg", frame)
    words = pdf_words(base + ".pdf")
    placed = [r for r in rows if r["record"] == "label" and r["placed"] == "1"]
    counts = [[float(r[k]) for k in ("x0", "y0", "x1", "y1")] for r in rows
              if r["record"] == "symbol" and float(r["x1"] or 0) > float(r["x0"] or 0)]
    res = {"missing": [], "ambiguous": [], "absent": [], "overlap": [], "names": 0}
    names = []  # (text, box in the PDF, own marker, leader)
    for r in placed:
        box = [float(r[k]) for k in ("x0", "y0", "x1", "y1")]
        text = " ".join(r["text"].split("\n")[0].split())
        if not r["x"]:  # an area's name: in the PDF, no marker
            continue
        got = find_text(words, text, box)
        if got is None:
            res["absent"].append(text)
            continue
        x, y = float(r["x"]), float(r["y"])
        own = min(marks, key=lambda m: math.hypot(m[0] - x, m[1] - y), default=None)
        if own is None or math.hypot(own[0] - x, own[1] - y) > 1.0:
            own = None  # a district named at its middle: no marker
        ld = [s for s in leaders if own and math.hypot(s[0] - own[0], s[1] - own[1]) < own[2] + 1.2
              and rim_dist((s[2], s[3], 0), got) < 1.5]
        names.append((text, got, own, bool(ld), r))
    res["names"] = len(names)
    for i, (t, b, own, ld, r) in enumerate(names):
        for t2, b2, _, _, _ in names[i + 1:]:
            if ov(b, b2, 0.8):
                res["overlap"].append(f"'{t}' over '{t2}'")
        for c in counts:
            if ov(b, c, 0.8):
                res["overlap"].append(f"'{t}' over a count")
        if not own:
            continue
        d_own = rim_dist(own, b)
        others = [m for m in marks if m is not own and
                  math.hypot(m[0] - own[0], m[1] - own[1]) > own[2] + m[2] + 0.5]
        near = [m for m in others if rim_dist(m, b) < min(d_own, NEAR_PT) - 0.3]
        if near:
            m = min(near, key=lambda m: rim_dist(m, b))
            res["ambiguous"].append(f"'{t}' ({'leader' if ld else 'beside'} {d_own:.1f} pt) "
                                    f"{rim_dist(m, b):.1f} pt from the marker at {m[0]:.0f},{m[1]:.0f}")
    # the fit from longitude and latitude to the page, on the named places
    pts = [r for r in rows if r["record"] == "label" and r["lon"] and r["x"]]

    def terms(lon, lat):
        return [1, lon, lat, lon * lon, lon * lat, lat * lat]
    if len(pts) >= 8:
        a = [terms(float(r["lon"]), float(r["lat"])) for r in pts]
        cx = solve(a, [float(r["x"]) for r in pts])
        cy = solve(a, [float(r["y"]) for r in pts])
        region = name.split("-")[0]
        own_pts = [(n[2][0], n[2][1]) for n in names if n[2]]
        for what, pname, lon, lat, admin1 in expect:
            t = terms(lon, lat)
            x, y = sum(u * v for u, v in zip(t, cx)), sum(u * v for u, v in zip(t, cy))
            if not (frame[0] + 12 < x < frame[2] - 12 and frame[1] + 12 < y < frame[3] - 12):
                continue
            if what == "seat" and PROVINCE_OF.get(region) != admin1:
                continue
            if not any(math.hypot(px - x, py - y) < NAMED_PT for px, py in own_pts):
                res["missing"].append(f"{what} {pname}")
    if verbose:
        for k in ("missing", "ambiguous", "absent", "overlap"):
            for s in res[k]:
                print(f"  {name}: {k}: {s}")
    return res


def main(argv):
    args, opts = [], {"--max-missing": None, "--max-ambiguous": None}
    verbose = "--verbose" in argv
    it = iter(a for a in argv if a != "--verbose")
    for a in it:
        if a in opts:
            opts[a] = int(next(it))
        else:
            args.append(a)
    places = list(csv.DictReader(open(args[0], encoding="utf-8")))
    expect = expected_places(places)
    tot = {"missing": 0, "ambiguous": 0, "absent": 0, "overlap": 0, "names": 0}
    for base in args[1:]:
        res = measure(base, expect, verbose)
        for k in tot:
            tot[k] += res[k] if k == "names" else len(res[k])
        print(f"{base.rsplit('/', 1)[-1]}: {res['names']} names, {len(res['missing'])} expected "
              f"missing, {len(res['ambiguous'])} ambiguous, {len(res['absent'])} not in the PDF, "
              f"{len(res['overlap'])} overlaps")
    print(f"all {len(args) - 1} maps: {tot['names']} names, {tot['missing']} expected missing, "
          f"{tot['ambiguous']} ambiguous, {tot['absent']} not in the PDF, {tot['overlap']} overlaps")
    bad = tot["absent"] + tot["overlap"] > 0
    for k, o in (("missing", "--max-missing"), ("ambiguous", "--max-ambiguous")):
        if opts[o] is not None and tot[k] > opts[o]:
            print(f"FAIL {tot[k]} {k}, want {opts[o]} or fewer")
            bad = True
    if tot["absent"] + tot["overlap"]:
        print("FAIL names not in the PDF or overlapping")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
