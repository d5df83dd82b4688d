#!/usr/bin/env python3
"""Districts as areas, villages, and a check of every entry against its area.

Called by scripts/build-data after gazetteer.py. Reads the core gazetteer that
gazetteer.py wrote (crossings, provinces, district seats, GeoNames towns, UCDP
places), the Who's On First places and district polygons and geoBoundaries'
Afghan districts (../shared/data/gazetteer, see data/README.md), and writes:

  data/gazetteer/places.csv         every entry, districts at the point on surface
                                    of their polygon with area_km2; villages added
  data/gazetteer/districts.geojson  district polygons (simplified), id = places.csv id
  data/gazetteer/checked.csv        entries dropped or corrected by the area check

Output is deterministic. Pure python3 (stdlib); the polygons are simplified with
basemap.py's shared-arc Douglas-Peucker so neighbours keep common edges.
"""
import argparse, csv, json, math, os, re, sys, unicodedata
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curated as C
import basemap as B

TOL_DISTRICT = 0.002      # deg, Douglas-Peucker on district arcs (~200 m)
CHECK_KM = 5.0            # an entry may lie this far outside its stated district/province
MERGE_KM = 3.0            # a village this close to a same-named core entry is that entry
NE_MERGE_KM = 25.0        # a Natural Earth city point this close to its GeoNames town is it
CROSSING_MERGE_KM = 12.0  # a same-named town this close to a crossing is the crossing
KEEP_CODES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLC", "PPLL", "PPLF", "PPLS", "PPLR",
              "PPLX", "PPLG"}
SEAT_CODES = {"PPLA", "PPLA2", "PPLC"}
UCDP_SAME_KM = 25.0       # same-named places of one district this close are one place
FRONTIER_PK = {"Khyber Pakhtunkhwa", "Balochistan", "Gilgit-Baltistan"}
HEADER = ["id", "name", "kind", "country", "admin1", "admin2", "lon", "lat", "aliases", "source",
          "area_km2", "seat_lon", "seat_lat"]


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"\b(district|agency|wuleswali|tehsil|tahsil)\b", "", s.lower())
    return re.sub(r"[^a-z0-9\u0600-\u06ff]", "", s)


def km(lon1, lat1, lon2, lat2):
    r = math.pi / 180
    a = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, a)))


# ---- polygons: lists of polygons, each a list of closed rings [[x, y], ...] -------------

def polys_of(geom):
    return [geom["coordinates"]] if geom["type"] == "Polygon" else list(geom["coordinates"])


def in_polys(polys, x, y):
    inside = False
    for poly in polys:
        for ring in poly:
            j = len(ring) - 1
            for i in range(len(ring)):
                xi, yi = ring[i]; xj, yj = ring[j]
                if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                    inside = not inside
                j = i
    return inside


def dist_km_polys(polys, x, y):
    if in_polys(polys, x, y):
        return 0.0
    kx, ky = 111.32 * math.cos(math.radians(y)), 110.57
    best = float("inf")
    for poly in polys:
        for ring in poly:
            for i in range(1, len(ring)):
                ax, ay = (ring[i - 1][0] - x) * kx, (ring[i - 1][1] - y) * ky
                dx, dy = (ring[i][0] - ring[i - 1][0]) * kx, (ring[i][1] - ring[i - 1][1]) * ky
                l2 = dx * dx + dy * dy
                t = 0 if l2 == 0 else max(0, min(1, -(ax * dx + ay * dy) / l2))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def bbox(polys):
    xs = [p[0] for poly in polys for p in poly[0]]; ys = [p[1] for poly in polys for p in poly[0]]
    return min(xs), min(ys), max(xs), max(ys)


def area_km2(polys):
    """Spherical area (Chamberlain & Duquette), holes subtracted by orientation-free abs."""
    R = 6371.0088
    tot = 0.0
    for poly in polys:
        for k, ring in enumerate(poly):
            s = 0.0
            for i in range(len(ring) - 1):
                (x1, y1), (x2, y2) = ring[i], ring[i + 1]
                s += math.radians(x2 - x1) * (2 + math.sin(math.radians(y1)) + math.sin(math.radians(y2)))
            a = abs(s) * R * R / 2
            tot += -a if k else a
    return tot


def point_on_surface(polys):
    """Midpoint of the widest interior run of the horizontal line through the
    largest polygon's bbox middle (GEOS's interior point, simplified); a few
    other latitudes are tried when that line is degenerate."""
    big = max(polys, key=lambda p: area_km2([p]))
    x0, y0, x1, y1 = bbox([big])
    best = None
    for f in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        y = y0 + (y1 - y0) * f
        xs = []
        for ring in big:
            for i in range(1, len(ring)):
                (ax, ay), (bx, by) = ring[i - 1], ring[i]
                if (ay > y) != (by > y):
                    xs.append(ax + (y - ay) * (bx - ax) / (by - ay))
        xs.sort()
        for i in range(0, len(xs) - 1, 2):
            w = xs[i + 1] - xs[i]
            if best is None or w > best[0]:
                best = (w, (xs[i] + xs[i + 1]) / 2, y)
        if best and best[0] > (x1 - x0) * 0.25:
            break
    return best[1], best[2]


def clip_halfplane(ring, a, b, c):
    """Sutherland-Hodgman: the part of ring (closed) with a*x + b*y <= c."""
    out = []
    pts = ring[:-1]
    for i in range(len(pts)):
        p, q = pts[i - 1], pts[i]
        fp, fq = a * p[0] + b * p[1] - c, a * q[0] + b * q[1] - c
        if fq <= 0:
            if fp > 0:
                t = fp / (fp - fq); out.append([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
            out.append(list(q))
        elif fp <= 0:
            t = fp / (fp - fq); out.append([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])])
    if len(out) < 3:
        return None
    return out + [out[0]]


def voronoi_share(polys, me, others):
    """The part of polys nearer to seat `me` than to every seat in others, in an
    equirectangular frame (the bisectors are straight lines there)."""
    k = math.cos(math.radians(me[1]))
    res = []
    for poly in polys:
        rings = []
        for ring in poly:
            r = ring
            for o in others:
                # |p-me|^2 <= |p-o|^2  <=>  2(o-me).p <= |o|^2 - |me|^2 (x scaled by k)
                a, b = 2 * (o[0] - me[0]) * k * k, 2 * (o[1] - me[1])
                c = (o[0] ** 2 - me[0] ** 2) * k * k + (o[1] ** 2 - me[1] ** 2)
                r = clip_halfplane(r, a, b, c) if r else None
            if r:
                rings.append(r)
            elif not rings:
                break
        if rings:
            res.append(rings)
    return res


class Grid:
    """Features bucketed by 0.5-degree cells of their bbox, for point lookups."""
    def __init__(self, items):  # items: list of (key, polys)
        self.items, self.cells = items, {}
        for i, (_, polys) in enumerate(items):
            x0, y0, x1, y1 = bbox(polys)
            for cx in range(int(math.floor(x0 * 2)), int(math.floor(x1 * 2)) + 1):
                for cy in range(int(math.floor(y0 * 2)), int(math.floor(y1 * 2)) + 1):
                    self.cells.setdefault((cx, cy), []).append(i)
        self.boxes = [bbox(p) for _, p in items]

    def find(self, x, y):
        for i in self.cells.get((int(math.floor(x * 2)), int(math.floor(y * 2))), []):
            b = self.boxes[i]
            if b[0] <= x <= b[2] and b[1] <= y <= b[3] and in_polys(self.items[i][1], x, y):
                return self.items[i][0]
        return None

    def near(self, x, y, max_km):
        best = None
        for i in range(len(self.items)):
            b = self.boxes[i]
            if b[0] - 0.2 <= x <= b[2] + 0.2 and b[1] - 0.2 <= y <= b[3] + 0.2:
                d = dist_km_polys(self.items[i][1], x, y)
                if d <= max_km and (best is None or d < best[0]):
                    best = (d, self.items[i][0])
        return best


# ---- the core gazetteer --------------------------------------------------------------

def read_core(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            r["id"] = int(r["id"]); r["lon"] = float(r["lon"]); r["lat"] = float(r["lat"])
            r["aliases"] = [a for a in r["aliases"].split("|") if a]
            r["area_km2"] = 0.0
            rows.append(r)
    return rows


def script_ok(s):
    """Latin (with marks) or Arabic-script names only: the scripts of the region's sources."""
    latin = arabic = False
    for ch in s:
        o = ord(ch)
        if ch.isspace() or ch in "-'’‘`.()," or ch.isdigit():
            continue
        if o < 0x250 or 0x1E00 <= o <= 0x1EFF or 0x2BB <= o <= 0x2BF:
            latin = True
        elif 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFEFF:
            arabic = True
        else:
            return False
    return latin != arabic


# ---- districts -------------------------------------------------------------------------

def district_index(core, unplaced):
    """norm(name or alias) -> list of district rows per country, placed or not."""
    idx = {}
    for r in core:
        if r["kind"] == "district":
            for a in [r["name"]] + r["aliases"]:
                idx.setdefault((r["country"], norm(a)), []).append(r)
    return idx


def load_districts(a, core, unplaced, report):
    """Returns [(district row, polys, flag)]: flag '' exact, 'approximate' (a split
    district's share of its parent), 'former' (a district that no longer exists)."""
    idx = district_index(core, unplaced)
    out = []
    new_rows = []

    def find(country, name, admin1=None):
        for r in idx.get((country, norm(name)), []):
            if admin1 is None or r["admin1"] == admin1 or not r["admin1"]:
                return r
        return None

    def stub(country, admin1, name, aliases, src):
        r = {"id": None, "name": name, "kind": "district", "country": country, "admin1": admin1,
             "admin2": name, "lon": 0.0, "lat": 0.0, "aliases": aliases, "source": src, "area_km2": 0.0}
        new_rows.append(r)
        for x in [name] + aliases:
            idx.setdefault((country, norm(x)), []).append(r)
        return r

    curated_pk = {d[1]: d for d in C.PK_DISTRICTS}
    wof = json.load(open(os.path.join(a.wof, "wof_pk_af_admin_polygons.geojson"), encoding="utf-8"))
    regions = {f["properties"]["wof_id"]: f["properties"]["name"] for f in wof["features"] if f["properties"]["placetype"] == "region"}
    pk = {}
    for f in wof["features"]:
        p = f["properties"]
        if p["country"] == "PK" and p["placetype"] == "county":
            key = (C.WOF_PK_REGION.get(regions.get(p["region_id"]), regions.get(p["region_id"]) or ""), p["name"])
            pk.setdefault(key, []).extend(polys_of(f["geometry"]))
    seats = {}
    for (adm1, wname), polys in sorted(pk.items()):
        succ = C.WOF_PK_COUNTY.get(wname, [wname])
        rows = []
        for s in succ:
            r = find("PK", s)
            if r is None:
                cd = curated_pk.get(s)
                al = list(cd[4]) if cd else []
                r = stub("PK", adm1 or (cd[0] if cd else ""), s, al + ([wname] if wname != s else []),
                         "curated: district list" if cd else "whosonfirst: county %s" % wname)
            # the old name is an alias only of a renamed district, not of those split off
            if len(succ) == 1 and wname != r["name"] and wname not in r["aliases"]:
                r["aliases"].append(wname)
            rows.append(r)
        if len(rows) == 1:
            out.append((rows[0], polys, ""))
            continue
        # successors: share the parent by nearest seat (the seats were placed by gazetteer.py
        # or, for the unplaced ones, are found among the WOF localities by areas' caller)
        pts = [seat_of(r, polys, a.seats) for r in rows]
        if any(p is None for p in pts):
            missing = [r["name"] for r, p in zip(rows, pts) if p is None]
            report.append(("", ",".join(missing), "district", "PK", "", "", "",
                           "no seat to split WOF county %s; the first successor takes it whole" % wname))
            rows = [r for r, p in zip(rows, pts) if p is not None] or rows[:1]
            pts = [p for p in pts if p is not None] or [None]
        if len(rows) == 1:
            out.append((rows[0], polys, "approximate"))
            continue
        for r, p in zip(rows, pts):
            share = voronoi_share(polys, p, [q for q in pts if q is not p])
            if share:
                out.append((r, share, "approximate"))
        for former in C.WOF_PK_FORMER.get(wname, []):
            r = find("PK", former)
            if r is not None:
                out.append((r, polys, "former"))

    gb = json.load(open(os.path.join(a.gb_adm2), encoding="utf-8"))
    provinces = [(k, p) for k, p in a.provinces if k[0] == "AF"]
    for f in sorted(gb["features"], key=lambda f: f["properties"]["shapeID"]):
        name = " ".join(f["properties"]["shapeName"].split())
        polys = polys_of(f["geometry"])
        x, y = point_on_surface(polys)
        prov = next((k[1] for k, p in provinces if in_polys(p, x, y)), None)
        if prov is None:
            prov = min(provinces, key=lambda kp: dist_km_polys(kp[1], x, y))[0][1]
        r = find("AF", name, prov)
        if r is None:
            # a placed district whose seat lies in this polygon, of a similar name
            for c in core:
                if c["kind"] == "district" and c["country"] == "AF" and c["admin1"] == prov and \
                        not c.get("_poly") and in_polys(polys, c["lon"], c["lat"]) and \
                        (norm(name)[:4] == norm(c["name"])[:4]):
                    r = c
                    break
        if r is None or r.get("_poly"):
            r = stub("AF", prov, name, [name + " District"], "geoboundaries: AFG ADM2 2014 %s" % f["properties"]["shapeID"])
        elif name != r["name"] and name not in r["aliases"]:
            r["aliases"].append(name)
        r["_poly"] = True
        out.append((r, polys, ""))
    return out, new_rows


def seat_of(r, polys, seats):
    """The seat of district row r: its core point when it lies in the polygon,
    else a WOF locality named as the curated seat inside the polygon."""
    if r.get("id") is not None and r["lon"] and in_polys(polys, r["lon"], r["lat"]):
        return (r["lon"], r["lat"])
    cd = next((d for d in C.PK_DISTRICTS if d[1] == r["name"]), None)
    want = seat_key(cd[2]) if cd and cd[2] else None
    if want:
        for (n, lon, lat) in seats.get(want, []):
            if in_polys(polys, lon, lat):
                r["_seat_src"] = "whosonfirst: locality %s" % n
                return (lon, lat)
    return None


def seat_key(name):
    return re.sub(r"(.)\1", r"\1", norm(name))


def simplify(districts):
    feats = []
    for r, polys, flag in districts:
        opened = [[B.dedup(ring) for ring in poly] for poly in polys]
        opened = [[ring for ring in poly if len(ring) >= 3] for poly in opened]
        feats.append(((r, flag), [p for p in opened if p], TOL_DISTRICT))
    out = []
    for (r, flag), geom in B.simplify_features(feats):
        if geom["coordinates"]:
            out.append((r, geom["coordinates"], flag))
    return out


# ---- villages ----------------------------------------------------------------------------

# an alternate name that names a tehsil or district ("Jiwani Tehsil", "تحصیل دروش") marks its
# seat, when no other place carries it (WOF copies some names to every namesake)
SEAT_NAME = re.compile(r"\b(tehsil|tahsil|district|wuluswali|uluswali)\b|\u062a\u062d\u0635\u06cc\u0644|"
                       r"\u062a\u0635\u06cc\u0644|\u0648\u0644\u0633\u0648\u0627\u0644\u06cc", re.I)


def read_localities(a):
    out = []
    with open(os.path.join(a.wof, "wof_pk_af_places.csv"), encoding="utf-8", newline="") as f:
        src = [r for r in csv.DictReader(f) if r["wof_placetype"] == "locality" and
               r["feature_code"] in KEEP_CODES and r["lat"]]
    seat_names = {}
    for r in src:
        for x in set(r["alternate_names"].split("|")):
            if SEAT_NAME.search(x):
                seat_names[x] = seat_names.get(x, 0) + 1
    for r in src:
        al = []
        for x in r["alternate_names"].split("|"):
            x = x.strip()
            if x and x != r["name"] and x not in al and script_ok(x) and len(x) <= 60 and \
                    x.lower() not in ("tahsil", "tehsil"):
                al.append(x)
        plain = B_plain(r["name"])
        if plain != r["name"] and plain not in al:
            al.insert(0, plain)
        # a seat (PPLA, PPLA2, PPLC, or a tehsil named after it alone) is a town: it
        # outranks its namesake villages
        kind = "town" if r["feature_code"] in SEAT_CODES or \
            any(seat_names.get(x) == 1 for x in r["alternate_names"].split("|")) else "village"
        wid = int(r["source_id"].split(":")[1])
        source = "wof"
        al = al[:8]
        if wid in C.TEHSIL_HQ:  # a tehsil headquarters the source calls a village
            kind = "town"
            al += [x for x in C.TEHSIL_HQ[wid][1] if x != r["name"] and x not in al]
            source = "wof; curated: a tehsil headquarters (scripts/data/curated.py)"
        out.append({"id": wid, "name": r["name"], "kind": kind,
                    "country": r["country"], "lon": round(float(r["lon"]), 5),
                    "lat": round(float(r["lat"]), 5), "aliases": al,
                    "source": source,
                    "area_km2": 0.0, "stated_a2": r["admin2"], "stated_a1": r["admin1"],
                    "ne": r["src_geom"] == "naturalearth"})
    return out


def B_plain(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[ʼʻ‘’`´]", "", s).replace("ı", "i")


# ---- the check --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--core", required=True); ap.add_argument("--unplaced", required=True)
    ap.add_argument("--wof", required=True); ap.add_argument("--gb-adm2", required=True)
    ap.add_argument("--basemap", required=True); ap.add_argument("--gazetteer", required=True)
    a = ap.parse_args()
    core = read_core(a.core)
    unplaced = list(csv.DictReader(open(a.unplaced, encoding="utf-8")))
    prov_fc = json.load(open(os.path.join(a.basemap, "provinces.geojson"), encoding="utf-8"))
    a.provinces = [((f["properties"]["country"], f["properties"]["name"]), polys_of(f["geometry"])) for f in prov_fc["features"]]
    report = []
    localities = read_localities(a)
    a.seats = {}
    for v in localities:
        for n in [v["name"]] + v["aliases"]:
            a.seats.setdefault(seat_key(n), []).append((v["name"], v["lon"], v["lat"]))

    districts, new_rows = load_districts(a, core, unplaced, report)
    districts = simplify(districts)
    nvert = sum(len(ring) for _, polys, _ in districts for poly in polys for ring in poly)
    sys.stderr.write("areas: %d district polygons, %d vertices\n" % (len(districts), nvert))
    with_poly = set(id(r) for r, _, _ in districts)
    rows = core + [r for r in new_rows if id(r) in with_poly]
    current = [(r, p) for r, p, flag in districts if flag != "former"]
    grid = Grid([((r["country"], id(r)), p) for r, p in current])
    by_key = {(r["country"], id(r)): r for r, _ in current}
    area_of = {}
    for r, polys, flag in districts:
        area_of.setdefault(id(r), []).extend(polys)
    provgrid = Grid(a.provinces)

    # district rows: point on surface and area; the seat stays as a town
    for r, polys, flag in districts:
        if flag == "former":
            continue
        seat = (r["lon"], r["lat"]) if r.get("id") is not None else None
        x, y = point_on_surface(polys)
        r["lon"], r["lat"] = round(x, 5), round(y, 5)
        r["area_km2"] = round(area_km2(polys), 1)
        r["source"] = (r["source"] + "; " if r["source"] else "") + "area: %s polygon, point on surface%s" % (
            "geoBoundaries" if r["country"] == "AF" else "WOF", ", boundary approximate" if flag == "approximate" else "")
        r["_seat"] = seat
    for r, polys, flag in districts:
        if flag == "former":
            r["_seat"] = (r["lon"], r["lat"]) if r.get("id") is not None else None
            r["area_km2"] = round(area_km2(polys), 1)
            x, y = point_on_surface(polys)
            r["lon"], r["lat"] = round(x, 5), round(y, 5)

    def locate(lon, lat, country):
        k = grid.find(lon, lat)
        if k is None or k[0] != country:
            nb = [(d, kk) for d, kk in [grid.near(lon, lat, CHECK_KM) or (None, None)] if kk and kk[0] == country]
            k = nb[0][1] if nb else k
        d = by_key.get(k) if k else None
        return d

    # villages: in the frontier provinces of PK, all of AF
    core_by_name = {}
    for r in rows:
        if r["kind"] in ("town", "city", "village", "crossing"):
            for n in [r["name"]] + r["aliases"]:
                core_by_name.setdefault(norm(n), []).append(r)
    added = merged = 0
    for v in localities:
        d = locate(v["lon"], v["lat"], v["country"])
        if d is None:
            if v["country"] == "AF" or v["stated_a1"] in FRONTIER_PK:
                report.append((v["id"], v["name"], "village", v["country"], v["stated_a1"], v["stated_a2"],
                               "%.5f,%.5f" % (v["lat"], v["lon"]), "dropped: not in any %s district polygon" % v["country"]))
            continue
        if d["country"] != v["country"]:
            report.append((v["id"], v["name"], "village", v["country"], v["stated_a1"], v["stated_a2"],
                           "%.5f,%.5f" % (v["lat"], v["lon"]),
                           "dropped: its point is in %s district %s, not in %s" % (d["country"], d["name"], v["country"])))
            continue
        if v["country"] == "PK" and d["admin1"] not in FRONTIER_PK:
            continue
        near = [r for r in core_by_name.get(norm(v["name"]), []) if r["country"] == v["country"] and
                not r.get("_drop") and km(v["lon"], v["lat"], r["lon"], r["lat"]) <= MERGE_KM]
        if not near and v["ne"]:
            # a Natural Earth city point (WOF's few "naturalearth" localities) is the
            # GeoNames town of its name, rounded: Zaranj 17 km off, with its names
            near = [r for r in core_by_name.get(norm(v["name"]), []) if r["country"] == v["country"] and
                    r["kind"] in ("town", "city") and km(v["lon"], v["lat"], r["lon"], r["lat"]) <= NE_MERGE_KM]
        if near and near[0]["source"].startswith("ucdp-ged") and norm(near[0]["admin2"]) != norm(d["name"]):
            near = []  # a UCDP place that contradicts its own district: the check drops it
        if near and near[0]["source"].startswith("ucdp-ged"):
            # the village is the entry and the UCDP place one of its names: GED is what
            # the geocoder is evaluated on, so the entry must not depend on it
            # (the spelling and the kind reports use are kept: Matta town, not Mata village)
            t = near[0]
            t["_drop"] = True
            names = [v["name"]] + v["aliases"] + t["aliases"]
            v["name"] = t["name"]
            v["aliases"] = []
            for x in names:
                if x != v["name"] and x not in v["aliases"]:
                    v["aliases"].append(x)
            v["source"] = "wof; also named by ucdp-ged"
            if t["kind"] in ("town", "city") and v["kind"] == "village":
                v["kind"] = t["kind"]
                v["source"] += "; kind from ucdp-ged"
            near = []
        if near:
            t = near[0]
            for x in [v["name"]] + v["aliases"]:
                if x != t["name"] and x not in t["aliases"]:
                    t["aliases"].append(x)
            merged += 1
            continue
        v["admin1"], v["admin2"] = d["admin1"], d["name"]
        rows.append(v)
        for n in [v["name"]] + v["aliases"]:
            core_by_name.setdefault(norm(n), []).append(v)
        added += 1
    ucdp_merged = sum(1 for r in rows if r.get("_drop"))
    rows = [r for r in rows if not r.get("_drop")]
    sys.stderr.write("areas: villages added %d, merged into existing entries %d, UCDP places merged into villages %d\n"
                     % (added, merged, ucdp_merged))

    # crossings absorb same-named towns next to them (Ghulam Khan is the crossing, not a town)
    crossings = [r for r in rows if r["kind"] == "crossing"]
    keep = []
    for r in rows:
        if r["kind"] in ("town", "village"):
            hit = None
            for c in crossings:
                if norm(r["name"]) in [norm(x) for x in [c["name"]] + c["aliases"]] and \
                        km(r["lon"], r["lat"], c["lon"], c["lat"]) <= CROSSING_MERGE_KM:
                    hit = c
            if hit:
                for x in [r["name"]] + r["aliases"]:
                    if x != hit["name"] and x not in hit["aliases"]:
                        hit["aliases"].append(x)
                report.append((r["id"], r["name"], r["kind"], r["country"], r["admin1"], r["admin2"],
                               "%.5f,%.5f" % (r["lat"], r["lon"]),
                               "merged into crossing %s (%.1f km)" % (hit["name"], km(r["lon"], r["lat"], hit["lon"], hit["lat"]))))
                continue
        keep.append(r)
    rows = keep

    # every entry against its stated district and province
    names = {}
    for r, _, _ in districts:
        for n in [r["name"]] + r["aliases"]:
            names.setdefault((r["country"], norm(n)), []).append(r)
    rows = settle_ucdp(rows, names, area_of, report)
    keep = []
    for r in rows:
        verdict = check(r, names, area_of, locate, provgrid, a.provinces)
        if verdict is None:
            keep.append(r)
            continue
        action, msg = verdict
        report.append((r["id"], r["name"], r["kind"], r["country"], r["admin1"], r["admin2"],
                       "%.5f,%.5f" % (r["lat"], r["lon"]), msg))
        if action == "keep":
            keep.append(r)
    rows = keep
    abbreviations(rows)
    for wid, (district, _, _) in C.TEHSIL_HQ.items():  # the curated towns passed the check
        r = next((r for r in rows if r.get("id") == wid), None)
        if r is None or r["kind"] != "town" or r["admin2"] != district:
            sys.exit("areas: curated tehsil headquarters wof:%d %s (scripts/data/curated.py)" % (
                wid, "dropped by the area check" if r is None else
                "is a %s in %s, not a town in %s" % (r["kind"], r["admin2"], district)))

    placed = set((r["country"], norm(n)) for r, _, _ in districts for n in [r["name"]] + r["aliases"])
    still = [u for u in unplaced if (u["country"], norm(u["name"])) not in placed]
    with open(os.path.join(a.gazetteer, "districts-unplaced.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(unplaced[0].keys()) if unplaced else ["name"], lineterminator="\n")
        w.writeheader()
        w.writerows(still)
    write(a, rows, districts, report)


def settle_ucdp(rows, names, area_of, report):
    """A UCDP place more than 15 km from every source place of its name, when its own
    district holds places of that name in WOF or GeoNames (one, or several within
    UCDP_SAME_KM of each other), names that place: GED's points
    are often rough (Buleda town 66 km from the Buleda of the Buleda valley; Kahan 18 km
    off) or even a namesake's (Sui of Dera Bugti on the Gwadar coast). The UCDP name
    becomes an alias of the source place, whose point is kept."""
    by_name = {}
    for r in rows:
        if r["kind"] in ("town", "city", "village") and not r["source"].startswith("ucdp-ged") \
                and not r.get("_drop"):
            for n in set(norm(x) for x in [r["name"]] + r["aliases"]):
                by_name.setdefault((r["country"], n), []).append(r)
    for r in rows:
        if not r["source"].startswith("ucdp-ged") or r["kind"] not in ("town", "city", "village") \
                or not r["admin2"] or r.get("_drop"):
            continue
        dists = names.get((r["country"], norm(r["admin2"])), [])
        ds = set(norm(d["name"]) for d in dists)
        # only the source places of its own name; within 15 km GED's point is as good
        cands = sorted((km(r["lon"], r["lat"], c["lon"], c["lat"]), c["id"], c)
                       for c in by_name.get((r["country"], norm(r["name"])), [])
                       if norm(c["admin2"]) in ds and norm(c["name"]) == norm(r["name"]))
        if not cands or cands[0][0] <= 15.0:
            continue
        if not all(km(a[2]["lon"], a[2]["lat"], b[2]["lon"], b[2]["lat"]) <= UCDP_SAME_KM
                   for a in cands for b in cands):
            continue
        d, _, t = cands[0]
        for x in [r["name"]] + r["aliases"]:
            if x != t["name"] and x not in t["aliases"]:
                t["aliases"].append(x)
        if "ucdp-ged" not in t["source"]:
            t["source"] += "; also named by ucdp-ged"
        if r["kind"] in ("town", "city") and t["kind"] == "village":
            t["kind"] = r["kind"]
            t["source"] += "; kind from ucdp-ged"
        r["_drop"] = True
        out = [dist_km_polys(area_of[id(x)], r["lon"], r["lat"]) for x in dists if id(x) in area_of]
        out = min(out) if out else 0.0
        # eval-geocoder takes neither a point outside its own district nor one more than
        # 25 km from the place it names as a reference: the result says which
        report.append((r["id"], r["name"], r["kind"], r["country"], r["admin1"], r["admin2"],
                       "%.5f,%.5f" % (r["lat"], r["lon"]),
                       "merged: the UCDP point is %.0f km from %s, the place of that name in its district%s"
                       % (d, t["name"], " (the point is %.0f km outside its own district)" % out
                          if out > CHECK_KM else "")))
    return [r for r in rows if not r.get("_drop")]


def abbreviations(rows):
    """Press abbreviations of towns and districts of three words or more: D.I. Khan,
    D.G. Khan, D.M. Jamali (the initials of all words but the last)."""
    for r in rows:
        if r["kind"] not in ("town", "city", "district"):
            continue
        w = r["name"].split()
        if len(w) < 3 or not all(x.isascii() and x[:1].isalpha() for x in w):
            continue
        ab = ".".join(x[0].upper() for x in w[:-1]) + ". " + w[-1]
        if ab not in r["aliases"]:
            r["aliases"].append(ab)


def check(r, names, area_of, locate, provgrid, provinces):
    """None when r lies in its stated areas; else (action, message). UCDP places whose
    coordinates contradict their own district are dropped; GeoNames towns and others
    get the district that holds them."""
    if r["kind"] == "province":
        return None
    src = r["source"].split(":")[0]
    cands = names.get((r["country"], norm(r["admin2"]))) if r["admin2"] else None
    if r["admin1"] and r["kind"] not in ("crossing", "district") and not cands:
        ps = [p for k, p in provinces if k == (r["country"], r["admin1"])]
        if ps and min(dist_km_polys(p, r["lon"], r["lat"]) for p in ps) > CHECK_KM:
            if src == "ucdp-ged":
                return ("drop", "dropped: %.0f km outside its province %s" % (min(dist_km_polys(p, r["lon"], r["lat"]) for p in ps), r["admin1"]))
            k = provgrid.find(r["lon"], r["lat"])
            if k and k[0] == r["country"]:
                old = r["admin1"]; r["admin1"] = k[1]
                d = locate(r["lon"], r["lat"], r["country"])
                r["admin2"] = d["name"] if d and r["kind"] != "district" else r["admin2"]
                return ("keep", "province corrected: %s -> %s" % (old, k[1]))
            return ("drop", "dropped: outside its province %s and every %s province" % (r["admin1"], r["country"]))
    if r["kind"] in ("district",) or not r["admin2"]:
        return None
    if not cands:
        d = locate(r["lon"], r["lat"], r["country"])
        if d is not None and r["kind"] != "crossing":
            old = r["admin2"]; r["admin2"] = d["name"]
            return ("keep", "district corrected: '%s' (no such district polygon) -> %s" % (old, d["name"]))
        return None
    dist = min(dist_km_polys(area_of[id(c)], r["lon"], r["lat"]) for c in cands if id(c) in area_of) \
        if any(id(c) in area_of for c in cands) else 0.0
    if dist <= CHECK_KM:
        return None
    if r["kind"] == "crossing":
        return ("keep", "crossing %.1f km outside its stated district %s (check crossings-reference.csv)" % (dist, r["admin2"]))
    if src == "ucdp-ged":
        return ("drop", "dropped: %.0f km outside its own district %s" % (dist, r["admin2"]))
    d = locate(r["lon"], r["lat"], r["country"])
    if d is None:
        return ("drop", "dropped: %.0f km outside its district %s and in no %s district" % (dist, r["admin2"], r["country"]))
    old = r["admin2"]; r["admin2"] = d["name"]; r["admin1"] = d["admin1"] or r["admin1"]
    return ("keep", "district corrected: %s -> %s (%.0f km outside %s)" % (old, d["name"], dist, old))


def write(a, rows, districts, report):
    import zlib
    used = set(r["id"] for r in rows if r.get("id") is not None)
    for r in sorted((r for r in rows if r.get("id") is None), key=lambda r: (r["country"], r["admin1"], r["name"])):
        i = 1000 + zlib.crc32(("district|%s|%s|%s" % (r["country"], r["admin1"], r["name"])).encode()) % 99000000
        while i in used:
            i += 1
        r["id"] = i
        used.add(i)
    rows.sort(key=lambda r: r["id"])
    with open(os.path.join(a.gazetteer, "places.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for r in rows:
            seat = r.get("_seat") or ((r["lon"], r["lat"]) if r["kind"] == "district" and not r["area_km2"] else None)
            w.writerow([r["id"], r["name"], r["kind"], r["country"], r["admin1"], r["admin2"],
                        "%.5f" % r["lon"], "%.5f" % r["lat"], "|".join(r["aliases"]), r["source"],
                        ("%.1f" % r["area_km2"]) if r["area_km2"] else ""] +
                       (["%.5f" % seat[0], "%.5f" % seat[1]] if seat else ["", ""]))
    feats = []
    for r, polys, flag in sorted(districts, key=lambda d: (d[0]["id"], d[2])):
        props = {"id": str(r["id"]), "name": r["name"], "country": r["country"], "admin1": r["admin1"]}
        if flag:
            props["boundary"] = flag
        feats.append({"type": "Feature", "properties": props,
                      "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    B.dump(feats, os.path.join(a.gazetteer, "districts.geojson"))
    with open(os.path.join(a.gazetteer, "checked.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind", "country", "admin1", "admin2", "lat_lon", "result"])
        for x in sorted(report, key=lambda x: (str(x[7])[:8], x[3], str(x[4]), str(x[1]))):
            w.writerow(x)
    sys.stderr.write("areas: %d entries written, %d checked entries reported\n" % (len(rows), len(report)))


if __name__ == "__main__":
    main()
