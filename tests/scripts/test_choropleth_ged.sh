#!/bin/bash
# test_choropleth_ged.sh: `map --choropleth admin2` counts what the data hold
# (issue 14), on the real UCDP GED Pakistan sample: Python counts the events
# located to the place, near it or to the district (where_prec 1-3) inside
# each district polygon of data/gazetteer/districts.geojson (ray casting, its
# own code), and the map's figures (CSV on stdout) must agree; each
# district's class must be the legend range (PDF text) holding its figure;
# Afghan districts are "no data" for a Pakistan-only file, zero apart;
# South Waziristan, split in 2022, is one district in a 2009-2014 map, and
# so are Qila Abdullah with Chaman, Loralai with Duki and Lasbela with Hub.
# Usage: test_choropleth_ged.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_choropleth_ged.sh FRONTIERMAP}
src=${FM_TEST_SRC:-$(dirname "$0")/..}
ged="$src/../data/samples/ucdp-ged-pakistan-1989-2021.csv"
dist="$src/../data/gazetteer/districts.geojson"
[ -r "$ged" ] || { echo "skipped: $ged is absent"; exit 0; }
command -v pdftotext >/dev/null || { echo "skipped: no pdftotext"; exit 0; }
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/choro.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/ged.gpkg"
"$fm" import --db "$db" "$ged" >/dev/null 2>&1
"$fm" -q map --db "$db" --choropleth admin2 --since 2009-01-01 --until 2014-12-31 \
  --out "$tmp/c.pdf" >"$tmp/c.csv"
pdftotext -layout "$tmp/c.pdf" "$tmp/c.txt"
"$fm" -q map --db "$db" --choropleth admin2 --weight fatalities --region waziristan \
  --out "$tmp/k.pdf" >"$tmp/k.csv"
# the legend says over which districts the classes were made, whole (it
# read "... over the districts with any", as if cut short)
for f in c:"over the districts with any incident" k:"over the districts with anyone killed"; do
  pdftotext -raw "$tmp/${f%%:*}.pdf" - | tr -s ' \n' '  ' | grep -qF "${f#*:}" ||
    { echo "FAIL ${f%%:*}.pdf: the legend does not say ${f#*:}"; exit 1; }
done
python3 - "$ged" "$dist" "$tmp/c.csv" "$tmp/c.txt" "$tmp/k.csv" <<'PY'
import csv, json, sys, re, collections
ged, dist, got_csv, legend_txt, killed_csv = sys.argv[1:]
feats = [f for f in json.load(open(dist, encoding="utf-8"))["features"]
         if f["properties"].get("boundary") != "former"]

def inside(poly, x, y):  # even-odd over every ring of a (multi)polygon
    c = False
    for ring in poly:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                c = not c
    return c

def rings(f):
    g = f["geometry"]
    polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
    return [r for p in polys for r in p]

def box(f):
    xs = [p[0] for r in rings(f) for p in r]; ys = [p[1] for r in rings(f) for p in r]
    return min(xs), min(ys), max(xs), max(ys)

index = [(f, rings(f), box(f)) for f in feats]
want, killed = collections.Counter(), collections.Counter()
for r in csv.DictReader(open(ged, encoding="utf-8")):
    if r["date_start"].startswith("#") or r["where_prec"] not in ("1", "2", "3"):
        continue
    x, y = float(r["longitude"]), float(r["latitude"])
    for f, rs, (w, s, e, n) in index:
        if w <= x <= e and s <= y <= n and inside(rs, x, y):
            key = f["properties"]["name"], f["properties"]["country"]
            killed[key] += int(r["best"])
            if "2009" <= r["date_start"][:4] <= "2014":
                want[key] += 1
            break

# South Waziristan was split in 2022, Chaman formed from Qila Abdullah in 2021,
# Duki from Loralai in 2016, Hub from Lasbela in 2022: a 2009-2014 map draws
# (and counts) the districts as they were
for part, whole in (("Upper South Waziristan", "South Waziristan"),
                    ("Lower South Waziristan", "South Waziristan"), ("Chaman", "Qila Abdullah"),
                    ("Duki", "Loralai"), ("Hub", "Lasbela")):
    want[(whole, "PK")] += want.pop((part, "PK"), 0)
    if whole == "South Waziristan":  # the all-years map ends in 2021: before this split only
        killed[(whole, "PK")] += killed.pop((part, "PK"), 0)
bad = 0
got = {(r["district"], r["country"]): r for r in csv.DictReader(open(got_csv, encoding="utf-8"))}
# (the rows are the frame's districts: Karachi, Sindh's, lie off it)
top = [(k, n) for k, n in want.most_common(12) if k in got]
if len(top) < 9:
    print("FAIL only", len(top), "of the 12 busiest districts listed"); bad = 1
for key, n in top:
    g = int(got[key]["incidents"]) if key in got and got[key]["incidents"] else None
    ok = g == n
    bad |= not ok
    print(("ok  " if ok else "FAIL"), "district", key[0], "counted", g, "python", n)
tot = sum(int(r["incidents"] or 0) for r in got.values())
diff = sum(abs(int(got[k]["incidents"] or 0) - want[k]) for k in got)
print(("ok  " if diff <= 3 else "FAIL"), "all districts: map", tot, "python", sum(want.values()),
      "differences", diff, "(points on shared edges may fall either way)")
bad |= diff > 3

# the legend's ranges, lightest first, and each district's class among them
text = open(legend_txt, encoding="utf-8").read()
ranges = [tuple(int(v.replace(",", "")) for v in m)
          for m in re.findall(r"^\s*([\d,]+)\u2013([\d,]+)\s", text, re.M)]
if len(ranges) < 3:
    print("FAIL legend ranges", ranges); bad = 1
for k, r in got.items():
    if not r["figure"] or r["figure"] == "0":
        continue
    v, c = int(r["figure"]), int(r["class"])
    lo, hi = ranges[c - 1]
    if not lo <= v <= hi:
        print("FAIL class of", k, v, "is", c, "range", ranges[c - 1]); bad = 1
print("ok   legend", ranges, "North Waziristan class", got[("North Waziristan", "PK")]["class"])
if "natural breaks (Jenks)" not in text:
    print("FAIL: the legend does not say how the classes were made"); bad = 1
af = [r for r in got.values() if r["country"] == "AF"]
nodata = [r for r in af if r["figure"] == ""]
zero = [r for r in got.values() if r["country"] == "PK" and r["figure"] == "0"]
print(("ok  " if len(nodata) > 300 and zero else "FAIL"), len(nodata), "of", len(af),
      "Afghan districts no data;", len(zero), "Pakistani districts zero")
bad |= not (len(nodata) > 300 and zero)
# fatalities, Waziristan frame, all years: North Waziristan's killed
kgot = {(r["district"], r["country"]): r for r in csv.DictReader(open(killed_csv, encoding="utf-8"))}
kn = int(kgot[("North Waziristan", "PK")]["figure"])
ok = kn == killed[("North Waziristan", "PK")]
print(("ok  " if ok else "FAIL"), "North Waziristan killed", kn, "python", killed[("North Waziristan", "PK")])
bad |= not ok
for k in (("Upper South Waziristan", "PK"), ("Lower South Waziristan", "PK"), ("Chaman", "PK"),
          ("Duki", "PK"), ("Hub", "PK")):
    if k in got:
        print("FAIL", k[0], "drawn in a map of 2009-2014"); bad = 1
sys.exit(1 if bad else 0)
PY
grep -q "Districts: each incident is counted in the district polygon holding its point" <(tr -s ' \n' ' ' <"$tmp/c.txt") \
  || { echo "FAIL: the map does not say how districts were counted"; exit 1; }
grep -q "South Waziristan drawn whole, as before its 2022† split" <(tr -s " \n" " " <"$tmp/c.txt") \
  || { echo "FAIL: the map does not say South Waziristan is drawn whole"; exit 1; }
grep -q "Qila Abdullah drawn with Chaman, as before their 2021† split" <(tr -s " \n" " " <"$tmp/c.txt") \
  || { echo "FAIL: the map does not say Chaman is counted in Qila Abdullah"; exit 1; }
echo "ok   the map says how it counted"
# period-correct names: a 2009-2014 map says which districts changed since
note=$(tr -s ' \n' ' ' <"$tmp/c.txt")
for want in "District names and boundaries are those of 2025" \
  "South Waziristan was split into Upper and Lower South Waziristan (2022†)" \
  "Khyber Pakhtunkhwa as districts (North Waziristan Agency is North Waziristan district) (2018);" \
  "† Year from the project's records, not confirmed by a source in its data."; do
  grep -qF "$want" <<<"$note" || { echo "FAIL: the period note lacks '$want'"; exit 1; }
done
"$fm" -q map --db "$db" --region chaman --since 2009-01-01 --until 2009-12-31 --out "$tmp/ch.pdf"
note=$(pdftotext "$tmp/ch.pdf" - | tr -s ' \n' ' ')
grep -qF "Chaman district was formed from Qila Abdullah (2021†)" <<<"$note" \
  && ! grep -qF "FATA" <<<"$note" || { echo "FAIL: the Chaman note: $note"; exit 1; }
echo "ok   period notes name the changes in the frame"
