#!/bin/bash
# test_stamps.sh: a record's `created` and `updated` stamps are its
# provenance, and moving it between GeoPackage stores keeps them: export
# --format gpkg writes the store's own, and importing a frontiermap
# GeoPackage into a new store keeps them, and the store's records of its
# sources (the day each was imported, file, version: the credits); an import
# that changes a row keeps its created and takes the record's updated; a
# record with one stamp gets it for both; one with none is stamped by the
# import; a stamp that is not a date and time is a reject naming the row (a
# GeoPackage's DATETIME that GDAL cannot read, and a GeoJSON's text). monthly
# still redraws a month whose rows are new to the store, whatever their
# stamps say. (PostGIS: test_postgis.sh.)
# Usage: test_stamps.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_stamps.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
here=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/stamps.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
ged=$here/../data/samples/ucdp-ged-pakistan-1989-2021.csv
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "  ok: $*"; }
# (the GeoPackage's R*Tree triggers name ST_ functions; no geometry changes here)
sql() { python3 -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
for f in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"): c.create_function(f, 1, lambda g: None)
for r in c.execute(sys.argv[2]): print("|".join("" if v is None else str(v) for v in r))
c.commit()' "$@"; }
stamps="SELECT source || ':' || source_id, created, updated FROM incidents ORDER BY source, source_id"

"$fm" import --db a.gpkg "$ged" >/dev/null 2>&1 || { echo "FAIL: setup import"; exit 1; }
# stamps of years ago, each row's own, to the millisecond
sql a.gpkg "UPDATE incidents SET
  created = printf('2019-%02d-%02dT%02d:%02d:%02d.%03dZ', fid % 12 + 1, fid % 28 + 1, fid % 24, fid % 60, fid % 59, fid % 1000),
  updated = printf('2020-%02d-%02dT%02d:%02d:%02d.%03dZ', fid % 12 + 1, fid % 27 + 1, fid % 23, fid % 59, fid % 60, fid % 997)"
sql a.gpkg "$stamps" >a.stamps
[ "$(wc -l <a.stamps)" = 6416 ] || fail "setup: $(wc -l <a.stamps) rows"

# ---- export, then import into a new store: the stamps travel --------------------
"$fm" export --db a.gpkg --format gpkg --out e.gpkg >/dev/null 2>&1 || fail "export --format gpkg"
sql e.gpkg "$stamps" >e.stamps
cmp -s a.stamps e.stamps || fail "export --format gpkg stamped anew: $(diff a.stamps e.stamps | head -3)"
"$fm" import --db b.gpkg e.gpkg >b.out 2>&1 || fail "import of the export: $(tail -2 b.out)"
sql b.gpkg "$stamps" >b.stamps
cmp -s a.stamps b.stamps || fail "import of a frontiermap GeoPackage stamped anew: $(diff a.stamps b.stamps | head -3)"
# and nothing else lost either
"$fm" export --db a.gpkg --format csv --out a.csv >/dev/null 2>&1
"$fm" export --db b.gpkg --format csv --out b.csv >/dev/null 2>&1
cmp -s a.csv b.csv && [ -s a.csv ] || fail "GeoPackage -> GeoPackage lost a column"
ok "export and import keep the records' stamps"

# ---- and the store's records of its sources: the day each was imported (a
# heatmap's "accessed" credit), the file and version
records="SELECT key || '=' || value FROM frontiermap_meta WHERE key GLOB 'imported:*'
         OR key GLOB 'file:*' OR key GLOB 'version:*' ORDER BY key"
sql a.gpkg "UPDATE frontiermap_meta SET value = '2019-04-05' WHERE key = 'imported:ged'"
sql a.gpkg "INSERT OR REPLACE INTO frontiermap_meta VALUES ('version:ged', '25.1')"
sql a.gpkg "$records" >a.records
grep -q '^imported:ged=2019-04-05$' a.records || fail "setup: $(cat a.records)"
"$fm" export --db a.gpkg --format gpkg --out r.gpkg >/dev/null 2>&1 || fail "export --format gpkg (records)"
cmp -s a.records <(sql r.gpkg "$records") || fail "export --format gpkg recorded anew: $(sql r.gpkg "$records" | tr '\n' ' ')"
"$fm" import --db r2.gpkg r.gpkg >/dev/null 2>&1 || fail "import of the export (records)"
cmp -s a.records <(sql r2.gpkg "$records") ||
    fail "import of a frontiermap GeoPackage recorded anew: $(sql r2.gpkg "$records" | tr '\n' ' ')"
# a GeoPackage from elsewhere (no records) is recorded as before: its file, today
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1]); c.execute("DROP TABLE frontiermap_meta"); c.commit()' r.gpkg
"$fm" import --db r3.gpkg r.gpkg >/dev/null 2>&1 || fail "import of a GeoPackage without records"
[ "$(sql r3.gpkg "$records" | tr '\n' ' ')" = "file:gpkg=r.gpkg imported:ged=$(date -u +%Y-%m-%d) version:gpkg= " ] ||
    fail "a GeoPackage without records: $(sql r3.gpkg "$records" | tr '\n' ' ')"
ok "export and import keep the store's records of its sources"

# ---- a changed row keeps created and takes the record's updated ----------------
cp e.gpkg e2.gpkg
id=$(sql e2.gpkg "SELECT source_id FROM incidents ORDER BY fid LIMIT 1 OFFSET 99")
sql e2.gpkg "UPDATE incidents SET fatalities = fatalities + 7, updated = '2024-06-07T08:09:10.500Z' WHERE source_id = '$id'"
sql e2.gpkg "UPDATE incidents SET created = '2001-01-01T00:00:00.000Z' WHERE source_id <> '$id'"
"$fm" import --db b.gpkg e2.gpkg >b2.out 2>&1 || fail "re-import: $(tail -2 b2.out)"
grep -q "0 added, 1 updated, 6415 unchanged" b2.out || fail "re-import counts: $(tail -1 b2.out)"
want=$(grep "^ged:$id|" a.stamps | cut -d'|' -f2)
[ "$(sql b.gpkg "SELECT created || ' ' || updated FROM incidents WHERE source_id = '$id'")" = "$want 2024-06-07T08:09:10.500Z" ] ||
    fail "an updated row: $(sql b.gpkg "SELECT created, updated FROM incidents WHERE source_id = '$id'"), want $want and the record's updated"
# unchanged rows are untouched, their stored stamps too
[ "$(sql b.gpkg "SELECT count(*) FROM incidents WHERE created = '2001-01-01T00:00:00.000Z'")" = 0 ] ||
    fail "unchanged rows took the file's stamps"
ok "an update keeps created and takes the record's updated"

# ---- one stamp, none, and one that is not a time ---------------------------------
sql e2.gpkg "UPDATE incidents SET updated = NULL WHERE fid = 1"
sql e2.gpkg "UPDATE incidents SET created = NULL WHERE fid = 2"
sql e2.gpkg "UPDATE incidents SET created = NULL, updated = NULL WHERE fid = 3"
sql e2.gpkg "UPDATE incidents SET created = 'yesterday' WHERE fid = 4"
today=$(date -u +%Y-%m-%d)
"$fm" import --db c.gpkg --rejects c.rej --skip-bad e2.gpkg >c.out 2>&1 || fail "import with a bad stamp: $(tail -2 c.out)"
c1=$(sql e2.gpkg "SELECT created FROM incidents WHERE fid = 1")
u2=$(sql e2.gpkg "SELECT updated FROM incidents WHERE fid = 2")
id1=$(sql e2.gpkg "SELECT source_id FROM incidents WHERE fid = 1")
id2=$(sql e2.gpkg "SELECT source_id FROM incidents WHERE fid = 2")
id3=$(sql e2.gpkg "SELECT source_id FROM incidents WHERE fid = 3")
[ "$(sql c.gpkg "SELECT created || ' ' || updated FROM incidents WHERE source_id = '$id1'")" = "$c1 $c1" ] ||
    fail "created alone is not both stamps"
[ "$(sql c.gpkg "SELECT created || ' ' || updated FROM incidents WHERE source_id = '$id2'")" = "$u2 $u2" ] ||
    fail "updated alone is not both stamps"
[ "$(sql c.gpkg "SELECT substr(created, 1, 10) || ' ' || substr(updated, 1, 10) FROM incidents WHERE source_id = '$id3'")" = "$today $today" ] ||
    fail "a record without stamps is not stamped by the import"
grep -q "^4,.*column created: yesterday" c.rej ||
    fail "a bad stamp is not a reject naming the row: $(cat c.rej)"
[ "$(sql c.gpkg "SELECT count(*) FROM incidents")" = 6415 ] || fail "the bad row went in"
cat >g.json <<'EOF'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [71.5, 34.0]}, "properties":
  {"source_id": "j1", "date": "2024-01-02", "type": "Battles", "created": "2018-03-04T10:06:07.890+05:00"}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [71.5, 34.0]}, "properties":
  {"source_id": "j2", "date": "2024-01-03", "type": "Battles", "created": "not a time"}}]}
EOF
"$fm" import --db g.gpkg --rejects g.rej --skip-bad g.json >g.out 2>&1 || fail "GeoJSON with stamps: $(tail -2 g.out)"
[ "$(sql g.gpkg "SELECT created || ' ' || updated FROM incidents WHERE source_id = 'j1'")" = \
  "2018-03-04T05:06:07.890Z 2018-03-04T05:06:07.890Z" ] || fail "a GeoJSON stamp with an offset: $(sql g.gpkg "SELECT created FROM incidents")"
grep -q "^2,created 'not a time' is not a date and time" g.rej || fail "a GeoJSON's bad stamp: $(cat g.rej)"
ok "one stamp, none, a bad one"

# ---- monthly: a month whose rows are new is redrawn, however old their stamps ----
"$fm" import --db m.gpkg "$ged" >/dev/null 2>&1 || fail "monthly setup"
sql m.gpkg "DELETE FROM incidents WHERE date_start >= '2021-02-01' AND date_start < '2021-03-01' AND fid % 2 = 0" >/dev/null
"$fm" monthly --db m.gpkg --from 2021-01 --to 2021-03 --outdir out --scale-max 5 --dpi 24 >m1.out 2>&1 ||
    fail "monthly: $(tail -2 m1.out)"
"$fm" import --db m.gpkg e.gpkg >m.imp 2>&1 || fail "import of old-stamped rows: $(tail -2 m.imp)"
"$fm" monthly --db m.gpkg --from 2021-01 --to 2021-03 --outdir out --scale-max 5 --dpi 24 >m2.out 2>&1 ||
    fail "monthly again: $(tail -2 m2.out)"
grep -q "regenerated 1 of 3 months (2021-02); 2 unchanged" m2.out ||
    fail "monthly after old-stamped rows came into 2021-02: $(cat m2.out)"
ok "monthly redraws the month of the new rows"

[ $fails = 0 ] || exit 1
echo "stamps: ok"
