#!/usr/bin/env python3
"""Large-scale map detail for frontiermap: roads, rivers, water and relief.

Usage: detail.py SRC_DIR BORDER.geojson OUT_DIR
  SRC_DIR  the basemap sources (../shared/data/basemap: OSM roads and water,
           Natural Earth rivers, SRTM30_PLUS elevation; see data/README.md)
  OUT_DIR  data/basemap: writes roads.geojson, rivers.geojson, water.geojson
           and relief.dem.gz

What is kept, and why (the program draws each layer only at the scales where
it helps, see render/detail.c):
- roads: motorway, trunk, primary and secondary everywhere in lon 60-75.5,
  lat 24-38; tertiary only within 60 km of the border (the views of a few
  tens of km are frontier views). Douglas-Peucker at 0.0008 deg (~80 m), 4
  decimals. Properties: class, ref (route number such as N-25, N-5, NH01).
- rivers: OSM rivers with a name, English name from the Latin part of the
  OSM name or the lookup below; rank 1 (major, drawn from 1:5M), 2 (named
  rivers over 60 km), 3 (the rest, for views under ~150 km). Canals left out.
- water: OSM lakes and reservoirs over 1 km2.
- relief: the SRTM30_PLUS grid (1/60 deg, Int16, sea as -32768) as a small
  header line and little-endian samples, gzip-compressed.
Deterministic: the same inputs give byte-identical files.
"""
import gzip, json, math, os, re, struct, subprocess, sys, tempfile

TOL = 0.0008
TERTIARY_KM = 60.0

# English names of rivers whose OSM name is in local script only (OSM name ->
# English); a name with a Latin part uses that part.
RIVER_EN = {
    "هلمند رود": "Helmand", "دریائے جہلم": "Jhelum", "فراه رود": "Farah Rud",
    "Панҷ": "Panj", "Панҷ پنج": "Panj", "تجن": "Hari Rud", "رود موغاب": "Murghab",
    "ارغنداب رود": "Arghandab", "رودخانه کوکچه": "Kokcha", "رود کندوز": "Kunduz",
    "ترنک رود": "Tarnak", "خاش رود": "Khash Rud", "سندھ": "Indus", "دریائے سندھ": "Indus",
    "دریائے کرم": "Kurram", "رود ڈور": "Dori", "پنجشیر": "Panjshir", "دریای لوگر": "Logar",
    "غزنی رود": "Ghazni", "دریائے سوات": "Swat", "دریائے پنجکوڑہ": "Panjkora",
    "دریای اندراب": "Andarab", "بلخ": "Balkh", "خوست سین": "Shamal", "دریائے دشت": "Dasht",
    "رود سرخ‌آب": "Surkhab", "قیصار": "Qaisar", "د موسى قلعه رود": "Musa Qala",
    "واخان": "Wakhan", "دریائے چترال": "Chitral", "دریائے کابل": "Kabul",
    "دریائے گومل": "Gomal", "دریائے ژوب": "Zhob", "دریائے ٹوچی": "Tochi",
}


def lines_of(g):
    return g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]


def dp(pts, tol):
    """Douglas-Peucker with the ends fixed (iterative)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        l2 = dx * dx + dy * dy
        best, bi = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            if l2 > 0:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / l2))
                qx, qy = ax + t * dx, ay + t * dy
            else:
                qx, qy = ax, ay
            d = (px - qx) ** 2 + (py - qy) ** 2
            if d > best:
                best, bi = d, i
        if bi >= 0 and best > tol * tol:
            keep[bi] = True
            stack.append((a, bi))
            stack.append((bi, b))
    return [p for p, k in zip(pts, keep) if k]


def clean(line, tol):
    out = []
    for p in dp([(float(x), float(y)) for x, y in line], tol):
        q = (round(p[0], 4) + 0.0, round(p[1], 4) + 0.0)
        if not out or out[-1] != q:
            out.append(q)
    return out if len(out) >= 2 else None


def km_len(line):
    t = 0.0
    for a, b in zip(line, line[1:]):
        t += math.hypot((a[0] - b[0]) * math.cos(math.radians(a[1])), a[1] - b[1]) * 111.2
    return t


class BorderIndex:
    """Distance in km from a point to the border's vertices (good to ~1 km)."""

    def __init__(self, path):
        d = json.load(open(path, encoding="utf-8"))
        self.cells = {}
        for f in d["features"]:
            for line in lines_of(f["geometry"]):
                for x, y in line:
                    self.cells.setdefault((int(x * 4), int(y * 4)), []).append((x, y))

    def km(self, x, y):
        cx, cy = int(x * 4), int(y * 4)
        best = 1e9
        for i in range(cx - 1, cx + 2):
            for j in range(cy - 1, cy + 2):
                for bx, by in self.cells.get((i, j), ()):
                    d = math.hypot((x - bx) * math.cos(math.radians(y)), y - by) * 111.2
                    best = min(best, d)
        return best


def feature(props, lines):
    geom = ({"type": "LineString", "coordinates": lines[0]} if len(lines) == 1 else
            {"type": "MultiLineString", "coordinates": lines})
    return {"type": "Feature", "properties": props, "geometry": geom}


def write(path, name, feats):
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write('{"type":"FeatureCollection","name":"%s","features":[\n' % name)
        for i, f in enumerate(feats):
            out.write(json.dumps(f, ensure_ascii=False, separators=(",", ":")))
            out.write(",\n" if i + 1 < len(feats) else "\n")
        out.write("]}\n")


def roads(src, border, out):
    feats = []
    classes = {"motorway": "motorway", "trunk": "trunk", "primary": "primary",
               "secondary": "secondary", "tertiary": "tertiary"}
    for fn in ("osm_roads_main_afpak.geojson", "osm_roads_tertiary_afpak.geojson"):
        d = json.load(open(os.path.join(src, fn), encoding="utf-8"))
        for f in d["features"]:
            p = f["properties"]
            cls = classes.get(p.get("class"))
            if not cls:
                continue
            lines = []
            for line in lines_of(f["geometry"]):
                if cls == "tertiary" and min(border.km(x, y) for x, y in line[::4] + [line[-1]]) > TERTIARY_KM:
                    continue
                c = clean(line, TOL)
                if c:
                    lines.append(c)
            if not lines:
                continue
            ref = (p.get("ref") or "").split(";")[0].strip()
            props = {"class": cls}
            # national routes only (N-25, M-1, S-2, E-35; NH01, AH1), not the
            # Afghan rural-road codes (NRV331150, D331101, ...)
            if ref and re.match(r"^([NMSE]-\d{1,3}[A-Z]?|NH\d{1,4}|AH\d{1,2})$", ref):
                props["ref"] = ref
            feats.append(feature(props, lines))
    order = ["motorway", "trunk", "primary", "secondary", "tertiary"]
    feats.sort(key=lambda f: (order.index(f["properties"]["class"]), f["properties"].get("ref", ""),
                              f["geometry"]["coordinates"][0] if f["geometry"]["type"] == "LineString"
                              else f["geometry"]["coordinates"][0][0]))
    write(os.path.join(out, "roads.geojson"), "roads", feats)
    return len(feats)


def english(name):
    if not name:
        return None
    if name in RIVER_EN:
        return RIVER_EN[name]
    if re.search(r"canal|branch|road|railway|drain|distr|disty|minor|link", name, re.I):
        return None
    latin = re.match(r"^([A-Za-z][A-Za-z .'-]*[A-Za-z])", name)
    if latin:
        s = re.sub(r"\s+(river|nala|nallah)$", "", latin.group(1), flags=re.I)
        return s[0].upper() + s[1:]
    for key, en in RIVER_EN.items():
        if key in name:
            return en
    return None


def rivers(src, out):
    d = json.load(open(os.path.join(src, "osm_waterways_afpak.geojson"), encoding="utf-8"))
    feats = []
    for f in d["features"]:
        p = f["properties"]
        if p.get("class") != "river":
            continue
        en = english(p.get("name"))
        lines = [c for c in (clean(l, TOL) for l in lines_of(f["geometry"])) if c]
        if not lines:
            continue
        km = sum(km_len(l) for l in lines)
        if en is None and km < 15:
            continue
        rank = 1 if km > 150 and en else 2 if km > 60 and en else 3
        props = {"rank": str(rank)}
        if en:
            props["name"] = en
        if p.get("intermittent"):
            props["intermittent"] = "1"
        feats.append(feature(props, lines))
    feats.sort(key=lambda f: (f["properties"]["rank"], f["properties"].get("name", "~"),
                              json.dumps(f["geometry"]["coordinates"])[:40]))
    write(os.path.join(out, "rivers.geojson"), "rivers", feats)
    return len(feats)


def ring_area_km2(ring):
    a = 0.0
    lat0 = math.radians(ring[0][1])
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        a += x1 * y2 - x2 * y1
    return abs(a) / 2 * 111.2 * 111.2 * math.cos(lat0)


def water(src, out):
    d = json.load(open(os.path.join(src, "osm_water_polygons_afpak.geojson"), encoding="utf-8"))
    feats = []
    for f in d["features"]:
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        keep = []
        for poly in polys:
            outer = poly[0]
            if ring_area_km2(outer) < 1.0:
                continue
            rings = [c for c in (clean(r, TOL) for r in poly[:1]) if c and len(c) >= 4]
            if rings:
                if rings[0][0] != rings[0][-1]:
                    rings[0].append(rings[0][0])
                keep.append(rings)
        if not keep:
            continue
        geom = ({"type": "Polygon", "coordinates": keep[0]} if len(keep) == 1 else
                {"type": "MultiPolygon", "coordinates": keep})
        feats.append({"type": "Feature", "properties": {"class": f["properties"].get("class") or "lake"},
                      "geometry": geom})
    feats.sort(key=lambda f: json.dumps(f["geometry"]["coordinates"])[:60])
    write(os.path.join(out, "water.geojson"), "water", feats)
    return len(feats)


def relief(src, out):
    tif = os.path.join(src, "srtm30plus_z6_afpak.tif")
    info = json.loads(subprocess.check_output(["gdalinfo", "-json", tif]))
    nx, ny = info["size"]
    gt = info["geoTransform"]
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "dem.bin")
        subprocess.check_call(["gdal_translate", "-q", "-of", "ENVI", "-ot", "Int16",
                               "-co", "INTERLEAVE=BSQ", tif, raw])
        data = open(raw, "rb").read()
    if len(data) != nx * ny * 2:
        sys.exit("relief: unexpected raster size")
    head = "FMDEM1 %d %d %.6f %.6f %.9f -32768\n" % (nx, ny, gt[0], gt[3], gt[1])
    with open(os.path.join(out, "relief.dem.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
            gz.write(head.encode("ascii"))
            gz.write(data)  # ENVI Int16 from GDAL on a little-endian host: little-endian
    return nx, ny


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, border_path, out = sys.argv[1:]
    border = BorderIndex(border_path)
    print("roads:", roads(src, border, out))
    print("rivers:", rivers(src, out))
    print("water:", water(src, out))
    print("relief:", relief(src, out))


if __name__ == "__main__":
    main()
