#!/bin/bash
# test_postgis.sh: the PostGIS store against the GeoPackage store, on a
# throw-away cluster (pg_test.sh): the real UCDP GED sample imported into
# both, then the same commands must give byte-identical answers (near rows and
# counts, stats sums, exports, maps); a failed import leaves the database as
# it was; rejects files are the same; export --format gpkg round-trips; several
# importers and readers at once lose and double nothing and readers only see
# whole imports; a read-only role reads and is refused writes clearly; the
# password never shows. Skipped (77) when the PostgreSQL server is not
# installed, except under CI, where scripts/deps installs it.
# Usage: test_postgis.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_postgis.sh FRONTIERMAP}
. "$(dirname "$0")/pg_test.sh" pg
gp=$tmp/s.gpkg

# ---- the schema: init, idempotent, an ordinary PostGIS layer --------------------
"$fm" db init --db "$db" >"$tmp/out" || fail "db init"
"$fm" db init --db "$db" >/dev/null || fail "db init twice"
"$fm" db upgrade --db "$db" >/dev/null || fail "db upgrade"
grep -q "schema 3 ready" "$tmp/out" || fail "db init says $(cat "$tmp/out")"
[ "$(psql "$db" -c "SELECT type || srid FROM geometry_columns WHERE f_table_name = 'incidents'")" = POINT4326 ] ||
    fail "incidents.geom is not geometry(Point, 4326)"
[ "$(psql "$db" -c "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'incidents'")" = \
  "incidents_coarse incidents_date incidents_geom_gist incidents_pkey incidents_source_uid" ] ||
    fail "the indexes of incidents are not the GiST on geom, the key, the dates and the coarse rows"
idxdefs="SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'incidents'"
psql "$db" -c "$idxdefs" >"$tmp/idx.init"
ok "schema"

# ---- the same import into both ---------------------------------------------------
"$fm" import --db "$gp" "$ged" >"$tmp/g.imp" 2>&1 || fail "import into the GeoPackage"
"$fm" import --db "$db" "$ged" >"$tmp/p.imp" 2>&1 || fail "import into PostGIS"
cmp -s <(tail -1 "$tmp/g.imp") <(tail -1 "$tmp/p.imp") || fail "import summaries differ: $(tail -1 "$tmp/p.imp")"
"$fm" import --db "$db" "$ged" 2>&1 | tail -1 | grep -q "0 added, 0 updated, 6416 unchanged" ||
    fail "re-import into PostGIS is not all unchanged"
[ "$(psql "$db" -c 'SELECT count(*) FROM incidents')" = 6416 ] || fail "PostGIS holds not 6416 rows"
ogrinfo -so "PG:$db" incidents 2>/dev/null | grep -q "Feature Count: 6416" || fail "ogrinfo does not read the layer"
# the first import loaded the table without its indexes and built them after
cmp -s "$tmp/idx.init" <(psql "$db" -c "$idxdefs") || fail "a first import left other indexes than db init made"
# a radius is read through the GiST on geom (there is no index on geography):
# the rows and the count of a near each scan it (the statistics are flushed
# when frontiermap's connection ends), where the circle's box leaves most
# rows out (a box holding most of the table is rightly read by a scan of it:
# a count on the sphere is plain arithmetic, no longer costed as geography's)
psql "$db" -c "ANALYZE incidents"
gist_scans="SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = 'incidents_geom_gist'"
for q in "34.1,71.09 --radius 25km --format csv" "34.1,71.09 --radius 25km --count" \
         "29.0,64.0 --radius 250km --count"; do
    n0=$(psql "$db" -c "$gist_scans")
    # shellcheck disable=SC2086
    "$fm" near --db "$db" $q >/dev/null || fail "near $q"
    [ "$(psql "$db" -c "$gist_scans")" -gt "$n0" ] || fail "near $q did not use the GiST index on geom"
done
# every row's content hash, computed over its fields with border_km's bits
# among them: the distances must be the same to the bit on both stores
hashes="SELECT source || '|' || source_id || '|' || content_hash FROM incidents
        ORDER BY source, source_id"
h_g=$(sqlite3 "$gp" "$hashes")
[ "$(wc -l <<<"$h_g")" = 6416 ] && [ "$h_g" = "$(psql "$db" -c "$hashes")" ] ||
    fail "content hashes (border distances among the fields) differ between the stores"
ok "import"

same() { # same ARGS...: the command's stdout is byte-identical on both stores
    local a b
    a=$("$fm" "$@" --db "$gp" 2>/dev/null) || fail "GeoPackage: $*"
    b=$("$fm" "$@" --db "$db" 2>/dev/null) || fail "PostGIS: $*"
    if [ "$a" != "$b" ]; then
        fail "answers differ: $*"
        diff <(echo "$a") <(echo "$b") | head -5
    elif [ -z "$a" ]; then
        fail "no answer: $*"
    fi
}
for r in 1km 10km 25km 100km 201km 500km 1000km; do
    same near 34.1,71.09 --radius $r --count
done
# the circle's box across the antimeridian (two boxes), around a pole (none)
# and holding the whole Earth (none)
same near -17.0,179.9 --radius 300km --count
same near 89.5,10 --radius 600km --count
same near 34.1,71.09 --radius 20000km --count
same near 34.1,-179.5 --radius 900km --format csv --precision all
same near 34.1,71.09 --radius 25km --format csv
same near 33.6,73.0 --radius 200km --format json
same near 32.3,69.9 --radius 50km --since 2008-01-01 --until 2012-12-31 --format csv
same near Peshawar --radius 30km --format csv
# radii whose edge passes within half a metre of stored points: the ring the
# server's margins send back for the exact geodesic to decide here (the
# distances printed to the metre: each pair of radii splits its points)
"$fm" near 33.0,70.1 --radius 60km --format csv --db "$gp" 2>/dev/null | cut -d, -f6 |
    sed -n '2~157p' | head -4 >"$tmp/dists"
[ "$(wc -l <"$tmp/dists")" = 4 ] || fail "no distances to test the edge with"
while read -r d; do
    r0=$(awk -v d="$d" 'BEGIN { printf "%.4fkm", d - 0.0005 }')
    r1=$(awk -v d="$d" 'BEGIN { printf "%.4fkm", d + 0.0005 }')
    [ "$("$fm" near 33.0,70.1 --radius "$r0" --count --db "$db")" -lt \
      "$("$fm" near 33.0,70.1 --radius "$r1" --count --db "$db")" ] ||
        fail "radii $r0 and $r1 do not split the points at $d km"
    for r in "$r0" "$r1"; do
        same near 33.0,70.1 --radius "$r" --count
        same near 33.0,70.1 --radius "$r" --format csv
    done
done <"$tmp/dists"
# every grouping, summed by the server, and with each kind of filter (periods
# with incidents longer than them, the location classes, names in any case,
# the fallback to the client for place filters)
for by in month year admin1 admin2 type subtype actor source violence dyad; do
    same stats --by $by --format csv
    same stats --by $by --since 2009-03-01 --until 2009-03-31 --format csv
done
same stats --by admin1 --since 2009-01-01 --until 2009-12-31 --format json
same stats --by year --country Pakistan --format csv
same stats --by year --country pak --format csv
same stats --by month --since 2010-01-01 --format csv
same stats --by admin2 --admin1 kpk --format csv
same stats --by month --admin2 'khyber agency' --format csv
same stats --by actor --type 'ONE-sided' --format csv
same stats --by violence --actor TtP --min-fatalities 2 --format csv
same stats --by violence --near-border 20km --side PK --format csv
same stats --by admin1 --precision country,none --format csv
same stats --by admin1 --precision all --format csv
same stats --by admin1 --max-precision district --format csv
same stats --by year --bbox 70,33,72,35 --format csv
for r in 1km 25km 300km; do
    same near 34.1,71.09 --radius $r --count --since 2008-01-01 --precision all
    same near 33.0,70.1 --radius $r --count --country PK --type battle
done
same export --format csv --out -
same export --format geojson --out -
ok "near, stats, export identical"

"$fm" map --db "$gp" --out "$tmp/g.png" >/dev/null 2>&1 && "$fm" map --db "$db" --out "$tmp/p.png" >/dev/null 2>&1 &&
    cmp -s "$tmp/g.png" "$tmp/p.png" || fail "maps differ"
"$fm" heatmap --db "$gp" --out "$tmp/gh.png" >/dev/null 2>&1 && "$fm" heatmap --db "$db" --out "$tmp/ph.png" >/dev/null 2>&1 &&
    cmp -s "$tmp/gh.png" "$tmp/ph.png" || fail "heatmaps differ"
# the points read straight from the server (filters it applies exactly) and
# through the mirror (a place filter), weighted, with points drawn, monthly
heat_same() { # heat_same DB_A DB_B ARGS...: the heatmaps are the same bytes
    local a=$1 b=$2; shift 2
    "$fm" heatmap --db "$a" --out "$tmp/ha.png" "$@" >/dev/null 2>&1 || fail "heatmap $* on $a"
    "$fm" heatmap --db "$b" --out "$tmp/hb.png" "$@" >/dev/null 2>&1 || fail "heatmap $* on $b"
    cmp -s "$tmp/ha.png" "$tmp/hb.png" || fail "heatmaps differ: $*"
}
heat_same "$gp" "$db" --month 2009-03 --weight fatalities --dpi 60
heat_same "$gp" "$db" --since 2008-01-01 --until 2012-12-31 --type drone --points --dpi 60
heat_same "$gp" "$db" --since 2001-01-01 --until 2021-12-31 --precision all --kernel quartic --dpi 60
heat_same "$gp" "$db" --bbox 69,32,72,35 --admin1 kpk --dpi 60
# (index.csv's column 7 is the rows' hash, a redraw key that a GeoPackage
# computes over its packed points and a scan alike, but not to the same value)
"$fm" monthly --db "$gp" --from 2009-01 --to 2009-03 --dpi 60 --outdir "$tmp/gm" >/dev/null 2>&1 &&
    "$fm" monthly --db "$db" --from 2009-01 --to 2009-03 --dpi 60 --outdir "$tmp/pm" >/dev/null 2>&1 &&
    diff -r -x index.csv "$tmp/gm" "$tmp/pm" >/dev/null &&
    cmp -s <(cut -d, -f1-6,8- "$tmp/gm/index.csv") <(cut -d, -f1-6,8- "$tmp/pm/index.csv") ||
    fail "monthly series differ"
# the points come in fid order whatever the table's order: rows rewritten in
# place (as by another program; nothing changes) move to the table's end,
# and monthly's hash of the rows, which follows their order, stays
psql "$db" -c "UPDATE incidents SET notes = notes WHERE fid % 3 = 0" -c "VACUUM ANALYZE incidents"
"$fm" monthly --db "$db" --from 2009-01 --to 2009-03 --dpi 60 --outdir "$tmp/pm2" >/dev/null 2>&1 &&
    diff -r "$tmp/pm" "$tmp/pm2" >/dev/null || fail "monthly series change with the table's order"
"$fm" stats --by type --chart "$tmp/gc.svg" --db "$gp" >/dev/null 2>&1 &&
    "$fm" stats --by type --chart "$tmp/pc.svg" --db "$db" >/dev/null 2>&1 &&
    cmp -s "$tmp/gc.svg" "$tmp/pc.svg" || fail "stats charts differ"
ok "map, heatmap, chart identical"

# ---- failures and rejects --------------------------------------------------------
before=$(psql "$db" -c "SELECT count(*), sum(content_hash % 1000003) FROM incidents")
bad=$src/tests/cli/fixtures/bad_mixed.csv
if "$fm" import --db "$db" "$bad" >/dev/null 2>&1; then fail "a bad file imported"; fi
[ "$(psql "$db" -c "SELECT count(*), sum(content_hash % 1000003) FROM incidents")" = "$before" ] ||
    fail "a failed import changed the database"
"$fm" import --db "$gp" --skip-bad --rejects "$tmp/g.rej" "$bad" >"$tmp/g.out" 2>&1 || fail "skip-bad GeoPackage"
"$fm" import --db "$db" --skip-bad --rejects "$tmp/p.rej" "$bad" >"$tmp/p.out" 2>&1 || fail "skip-bad PostGIS"
cmp -s "$tmp/g.rej" "$tmp/p.rej" || fail "rejects files differ"
cmp -s <(tail -1 "$tmp/g.out") <(tail -1 "$tmp/p.out") || fail "skip-bad summaries differ"
same near 34.1,71.09 --radius 500km --count
ok "failed import, rejects"

# ---- upserts as in a GeoPackage ----------------------------------------------------
# a file with claims and notes, then files lacking them (kept from the stored
# rows), a key repeated from an earlier file of the same import, a place
# geocoded by name, claims replaced: summaries, rows, claims and records alike
mkdir -p "$tmp/u"
cat >"$tmp/u/u1.csv" <<'EOF'
id,date,type,killed,lat,lon,claims,notes
a1,2024-01-05,Battles,3,34.1,71.1,TTP: 5; ISPR: 2,first
a2,2024-01-06,Battles,4,34.2,71.2,,second
a3,2024-01-07,Riots,0,33.9,70.9,Police:1;  Residents : 4 ;,third
a4,2024-01-08,Battles,1,34.0,71.0,,fourth
EOF
cat >"$tmp/u/u2.csv" <<'EOF'
id,date,type,killed,lat,lon
a1,2024-01-05,Battles,3,34.1,71.1
a2,2024-01-06,Battles,9,34.2,71.2
a3,2024-01-07,Riots,2,33.9,70.9
a5,2024-02-01,Battles,7,34.3,71.3
EOF
cat >"$tmp/u/u3.csv" <<'EOF'
id,date,type,killed,place,claims
a4,2024-01-08,Battles,6,Torkham,X: 1
a6,2024-03-01,Battles,2,Torkham,
a5,2024-02-01,Battles,8,Torkham,Y: 3
EOF
psql "$db" -c "CREATE DATABASE fm3" >/dev/null
db3=${db/dbname=fm/dbname=fm3}
psql "$db3" -c "CREATE EXTENSION postgis" >/dev/null
ug=$tmp/u/u.gpkg
for s in "$ug" "$db3"; do
    k=$([ "$s" = "$ug" ] && echo g || echo p)
    { "$fm" import --db "$s" "$tmp/u/u1.csv" 2>&1 | tail -1
      "$fm" import --db "$s" "$tmp/u/u2.csv" "$tmp/u/u3.csv" 2>&1 | tail -1
      "$fm" import --db "$s" "$tmp/u/u1.csv" "$tmp/u/u2.csv" 2>&1 | tail -1
      "$fm" import --db "$s" "$tmp/u/u2.csv" 2>&1 | tail -1; } >"$tmp/u/sum.$k" ||
        fail "upsert imports into $s"
    "$fm" export --db "$s" --format csv --out - >"$tmp/u/rows.$k" 2>/dev/null || fail "export $s"
done
cmp -s "$tmp/u/sum.g" "$tmp/u/sum.p" || { fail "upsert summaries differ"; diff "$tmp/u/sum.g" "$tmp/u/sum.p"; }
cmp -s "$tmp/u/rows.g" "$tmp/u/rows.p" || { fail "upserted rows differ"; diff "$tmp/u/rows.g" "$tmp/u/rows.p" | head -5; }
# updated rows lie out of fid order in the table: the points are put back in it
[ "$(psql "$db3" -c "SELECT string_agg(fid::text, ',') FROM incidents")" != \
  "$(psql "$db3" -c "SELECT string_agg(fid::text, ',' ORDER BY fid) FROM incidents")" ] ||
    fail "the upserts left the table in fid order: the test below tests nothing"
heat_same "$ug" "$db3" --since 2024-01-01 --until 2024-12-31 --points --weight fatalities --dpi 60
grep -q "0 added, 6 updated, 2 unchanged" <(sed -n 3p "$tmp/u/sum.p") || fail "upsert counts: $(cat "$tmp/u/sum.p")"
claims_sql="SELECT i.fid || '|' || i.source_id || '|' || coalesce(c.party, '') || '|' || c.claim
            FROM incident_claims c JOIN incidents i ON i.fid = c.incident_fid ORDER BY c.id"
[ "$(sqlite3 "$ug" "$claims_sql")" = "$(psql "$db3" -c "$claims_sql")" ] || fail "upserted claims differ"
meta_sql="SELECT key || '=' || value FROM frontiermap_meta ORDER BY key"
[ "$(sqlite3 "$ug" "$meta_sql")" = "$(psql "$db3" -c "$meta_sql")" ] || fail "import records differ"
ok "upserts, kept columns, claims, repeated keys as in a GeoPackage"

# a file lacking columns imported again unchanged: the stored rows hold
# nothing more in those columns, so no staged row takes columns from its
# stored row and none is rewritten (each used to be, twice, and read back)
python3 -c 'print("id,date,type,killed,lat,lon")
for i in range(200): print(f"r{i},2024-04-{1 + i % 28:02d},Battles,{i % 4},{33 + i / 400:.3f},70.5")' >"$tmp/u/r.csv"
"$fm" import --db "$db3" --source rep "$tmp/u/r.csv" >/dev/null 2>&1 || fail "import r.csv"
"$fm" -v -v import --db "$db3" --source rep "$tmp/u/r.csv" >"$tmp/u/r.out" 2>&1 || fail "r.csv again"
grep -q "0 added, 0 updated, 200 unchanged" "$tmp/u/r.out" || fail "r.csv again: $(tail -1 "$tmp/u/r.out")"
grep -q "postgis: 0 staged rows took columns from stored rows" "$tmp/u/r.out" ||
    fail "an unchanged re-import merged: $(grep "staged rows took" "$tmp/u/r.out")"
ok "an unchanged re-import of a file lacking columns rewrites nothing"

# a first import into an empty table (indexes dropped for the load) that fails
psql "$db3" -c "TRUNCATE incidents CASCADE" >/dev/null
idx="SELECT count(*) FROM pg_indexes WHERE tablename = 'incidents'"
nidx=$(psql "$db3" -c "$idx")
if "$fm" import --db "$db3" "$ged" "$bad" >/dev/null 2>"$tmp/err"; then fail "a bad first import succeeded"; fi
grep -q "bad_mixed.csv:[0-9]" "$tmp/err" || fail "no file:line for a failed first import: $(cat "$tmp/err")"
[ "$(psql "$db3" -c "SELECT count(*) FROM incidents")" = 0 ] || fail "a failed first import left rows"
[ "$(psql "$db3" -c "$idx")" = "$nidx" ] || fail "a failed first import lost indexes"
ok "a failed first import leaves the table and its indexes"

# places the gazetteer lacks, learned from the store's own rows, in geocode and import
lg=$tmp/u/l.gpkg
printf 'id,date,type,place,admin2,country\nz1,2024-05-01,Battles,Zarghun Kach,Harnai,Pakistan\n' >"$tmp/u/z.csv"
for s in "$lg" "$db3"; do
    k=$([ "$s" = "$lg" ] && echo g || echo p)
    "$fm" import --db "$s" --format csv --map date=event_date "$src/tests/cli/geodoubt/learned.csv" \
        >/dev/null 2>&1 || fail "import learned.csv into $s"
    "$fm" geocode --db "$s" --format csv --admin2 Harnai "Zarghun Kach" >"$tmp/u/geo.$k" 2>&1 ||
        fail "geocode from $s"
    "$fm" import --db "$s" "$tmp/u/z.csv" >/dev/null 2>&1 || fail "import z.csv into $s"
    "$fm" export --db "$s" --format csv --out - >"$tmp/u/z.$k" 2>/dev/null || fail "export $s"
done
grep -q "from your store" "$tmp/u/geo.p" || fail "PostGIS offers no learned place: $(cat "$tmp/u/geo.p")"
cmp -s "$tmp/u/geo.g" "$tmp/u/geo.p" || fail "learned places differ"
grep -q "^csv,z1,.*,30\.12" "$tmp/u/z.p" || fail "the import did not place z1 from the store"
cmp -s "$tmp/u/z.g" "$tmp/u/z.p" || fail "rows placed from the store differ"
ok "places learned from the store"

# ---- big imports: the rows go through the storing thread (import_pipe.c) -----------
# files over its threshold (~20,000 rows by their size): a first import into
# an empty table, then two files updating it (the second lacking claims and
# notes, which are kept, and repeating keys of the first: merged before it),
# and failures at a late row into the empty and into the full table: the same
# summaries, rows and claims as a GeoPackage, nothing left by the failures
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
def row(i, add):
    claims = f"TTP: {i % 7}; ISPR: {i % 3}" if i % 5 == 0 else ""
    return (f"b{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,{(i % 9) + add},"
            f"{31 + (i % 400) / 100:.3f},{66 + (i * 7 % 500) / 100:.3f},{claims},"
            f"note {i} {'x' * 200}\n")
head = "id,date,type,killed,lat,lon,claims,notes\n"
with open(f"{t}/b1.csv", "w") as f:
    f.write(head + "".join(row(i, 0) for i in range(24000)))
with open(f"{t}/b2.csv", "w") as f:  # every third row changed, 2000 new
    f.write(head + "".join(row(i, 1 if i % 3 == 0 else 0) for i in range(26000)))
with open(f"{t}/b3.csv", "w") as f:  # no claims or notes; keys of b2 again
    f.write("id,date,type,killed,lat,lon\n")
    for i in range(0, 26000, 4):
        f.write(f"b{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,{(i % 9) + 5},"
                f"{31 + (i % 400) / 100:.3f},{66 + (i * 7 % 500) / 100:.3f}\n")
with open(f"{t}/bbad.csv", "w") as f:  # a bad date at line 23,002
    f.write(head + "".join(row(i, 2) if i != 23000 else row(i, 2).replace("2023-", "2023-13-", 1)
                           for i in range(24000)))
PY
psql "$db" -c "CREATE DATABASE fm4" >/dev/null
db4=${db/dbname=fm/dbname=fm4}
psql "$db4" -c "CREATE EXTENSION postgis" >/dev/null
bg=$tmp/b.gpkg
for s in "$bg" "$db4"; do
    k=$([ "$s" = "$bg" ] && echo g || echo p)
    if "$fm" import --db "$s" "$tmp/bbad.csv" >/dev/null 2>"$tmp/b.err.$k"; then
        fail "a bad big first import into $s succeeded"
    fi
    grep -q "bbad.csv:23002" "$tmp/b.err.$k" || fail "big first import error: $(cat "$tmp/b.err.$k")"
    { "$fm" -v -v import --db "$s" "$tmp/b1.csv" 2>"$tmp/b.log.$k" | tail -1
      "$fm" import --db "$s" "$tmp/b2.csv" "$tmp/b3.csv" 2>&1 | tail -1; } >"$tmp/b.sum.$k" ||
        fail "big imports into $s"
    "$fm" export --db "$s" --format csv --out - >"$tmp/b.rows.$k" 2>/dev/null || fail "export $s"
    if "$fm" import --db "$s" "$tmp/bbad.csv" >/dev/null 2>"$tmp/b.err.$k"; then
        fail "a bad big import into $s succeeded"
    fi
    grep -q "bbad.csv:23002" "$tmp/b.err.$k" || fail "big import error: $(cat "$tmp/b.err.$k")"
    "$fm" export --db "$s" --format csv --out - 2>/dev/null | cmp -s - "$tmp/b.rows.$k" ||
        fail "a failed big import changed $s"
done
grep -q "reading side waited" "$tmp/b.log.p" || fail "the big PostGIS import did not use the storing thread"
cmp -s "$tmp/b.sum.g" "$tmp/b.sum.p" || { fail "big import summaries differ"; diff "$tmp/b.sum.g" "$tmp/b.sum.p"; }
grep -q "24000 added" <(sed -n 1p "$tmp/b.sum.p") || fail "big first import: $(cat "$tmp/b.sum.p")"
cmp -s "$tmp/b.rows.g" "$tmp/b.rows.p" || { fail "big imported rows differ"; diff "$tmp/b.rows.g" "$tmp/b.rows.p" | head -5; }
[ "$(wc -l <"$tmp/b.rows.p")" = 26001 ] || fail "big imports hold $(wc -l <"$tmp/b.rows.p") lines"
h_g=$(sqlite3 "$bg" "$hashes")
[ "$(wc -l <<<"$h_g")" = 26000 ] && [ "$h_g" = "$(psql "$db4" -c "$hashes")" ] ||
    fail "big imports' content hashes (border distances measured on either thread) differ"
# (without the fids: a failed import's draws from PostgreSQL's sequence stay drawn)
bclaims="SELECT i.source_id || '|' || coalesce(c.party, '') || '|' || c.claim
         FROM incident_claims c JOIN incidents i ON i.fid = c.incident_fid ORDER BY c.id"
[ "$(sqlite3 "$bg" "$bclaims" | md5sum)" = "$(psql "$db4" -c "$bclaims" | md5sum)" ] ||
    fail "big imported claims differ"
ok "big imports through the storing thread, as in a GeoPackage"

# ---- the ways in write the same table ----------------------------------------------
# b1.csv (source csv) into an empty table (loaded without its indexes, built
# after), into a table holding a row of another source (straight in, into
# new tables swapped in, data/pg_swap.c; test_pg_swap.sh loads one with its
# indexes kept), into an empty table by a role granted INSERT, UPDATE and
# DELETE that does not own it (it may not drop indexes, so it loads with them
# in place), and into a table holding a csv row of another key (the stage and
# its merge): the same rows, fids in the same order, claims alike; the schema
# as db init made it after each
content="SELECT md5(string_agg((to_jsonb(i) - 'fid' - 'created' - 'updated')::text, E'\n' ORDER BY fid))
         FROM incidents i WHERE source_id NOT LIKE 'pre%'"
cclaims="SELECT md5(string_agg(i.source_id || '|' || coalesce(c.party, '') || '|' || c.claim, E'\n'
         ORDER BY c.id)) FROM incident_claims c JOIN incidents i ON i.fid = c.incident_fid"
schema="SELECT string_agg(d, E'\n' ORDER BY d) FROM (SELECT indexdef AS d FROM pg_indexes
         WHERE tablename IN ('incidents', 'incident_claims') UNION ALL SELECT conname || ' ' ||
         pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('incidents'::regclass,
         'incident_claims'::regclass)) x"
for n in 5 6 7 9 10 11 12; do
    psql "$db" -c "CREATE DATABASE fm$n" >/dev/null
    psql "${db/dbname=fm/dbname=fm$n}" -c "CREATE EXTENSION postgis" >/dev/null
    "$fm" db init --db "${db/dbname=fm/dbname=fm$n}" >/dev/null || fail "db init fm$n"
done
db5=${db/dbname=fm/dbname=fm5} db6=${db/dbname=fm/dbname=fm6} db7=${db/dbname=fm/dbname=fm7}
db9=${db/dbname=fm/dbname=fm9} db10=${db/dbname=fm/dbname=fm10} db11=${db/dbname=fm/dbname=fm11}
db12=${db/dbname=fm/dbname=fm12}
psql "$db5" -c "$schema" >"$tmp/w.schema"
for d in "$db6" "$db10" "$db12"; do
    "$fm" add --db "$d" --date 2024-01-01 --lat 34 --lon 71 --type Battles --source-id pre1 \
        >/dev/null 2>&1 || fail "add to $d"
done
"$fm" add --db "$db9" --date 2024-01-01 --lat 34 --lon 71 --type Battles --source csv \
    --source-id pre1 >/dev/null 2>&1 || fail "add to fm9"
psql "$db7" -c "CREATE ROLE writer LOGIN; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN
                SCHEMA public TO writer; GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public
                TO writer" >/dev/null
for n in 5 6 7 9; do
    d=${db/dbname=fm/dbname=fm$n}
    [ $n = 7 ] && d=${d/user=fm/user=writer}
    "$fm" -v -v import --db "$d" "$tmp/b1.csv" >"$tmp/w.out$n" 2>&1 ||
        fail "b1.csv into $d: $(tail -1 "$tmp/w.out$n")"
    grep -q "24000 added" "$tmp/w.out$n" || fail "b1.csv into $d: $(tail -1 "$tmp/w.out$n")"
done
grep -q "indexes built" "$tmp/w.out5" || fail "the first import into fm5 was not a bulk load"
# each build its own statement (the server's statistics tell them apart)
[ "$(grep -c "postgis: [0-9.]* s: \(ALTER TABLE incidents ADD CONSTRAINT incidents_source_uid\|CREATE INDEX incidents_geom_gist\|CREATE INDEX incidents_date\) " "$tmp/w.out5")" = 3 ] ||
    fail "the bulk load's index builds: $(grep "postgis:" "$tmp/w.out5")"
grep -q "the new tables swapped in" "$tmp/w.out6" ||
    fail "the import into fm6 (24,000 rows beside one) did not load beside it and swap"
grep -q "no stored row has source 'csv': its rows go straight in" "$tmp/w.out6" ||
    fail "the import into fm6 (no csv row) did not go straight in: $(cat "$tmp/w.out6")"
grep -q "does not own incidents" "$tmp/w.out7" || fail "the non-owner's load: $(cat "$tmp/w.out7")"
grep -q "source 'csv' has stored rows: merging through a stage" "$tmp/w.out9" ||
    fail "the import into fm9 (a csv row) did not go through the stage: $(cat "$tmp/w.out9")"
grep -q "indexes built\|straight in" "$tmp/w.out9" && fail "the import into fm9 did not merge"
grep -q "loading into the stored tables after all" "$tmp/w.out9" ||
    fail "the import into fm9 did not give up its load beside the store at its first row"
for d in "$db6" "$db7" "$db9"; do
    [ "$(psql "$d" -c "$content")" = "$(psql "$db5" -c "$content")" ] ||
        fail "$d holds other rows than the bulk load"
    [ "$(psql "$d" -c "$cclaims")" = "$(psql "$db5" -c "$cclaims")" ] ||
        fail "$d holds other claims than the bulk load"
done
for d in "$db5" "$db6" "$db7" "$db9"; do
    cmp -s "$tmp/w.schema" <(psql "$d" -c "$schema") || fail "the indexes or keys of $d changed"
done
# the bulk load numbered its fids itself: the sequence goes on after them,
# also for the stage's rows of a second file that updates the first
"$fm" add --db "$db5" --date 2024-01-01 --lat 34 --lon 71 --type Battles --source-id pre2 \
    >/dev/null 2>&1 || fail "add after the bulk load"
[ "$(psql "$db5" -c "SELECT max(fid), count(*), min(fid) FROM incidents")" = "24001|24001|1" ] ||
    fail "fids after the bulk load: $(psql "$db5" -c "SELECT max(fid), count(*) FROM incidents")"
psql "$db" -c "CREATE DATABASE fm13" >/dev/null
db13=${db/dbname=fm/dbname=fm13}
psql "$db13" -c "CREATE EXTENSION postgis" >/dev/null
bb=$tmp/bb.gpkg
for s in "$bb" "$db13"; do
    k=$([ "$s" = "$bb" ] && echo g || echo p)
    "$fm" -v -v import --db "$s" "$tmp/b1.csv" "$tmp/b2.csv" >"$tmp/bb.out.$k" 2>"$tmp/bb.log.$k" ||
        fail "b1.csv and b2.csv into $s: $(tail -1 "$tmp/bb.log.$k")"
    "$fm" export --db "$s" --format csv --out - >"$tmp/bb.rows.$k" 2>/dev/null || fail "export $s"
done
grep -q "indexes built" "$tmp/bb.log.p" || fail "b1.csv and b2.csv into fm13 was not a bulk load"
cmp -s "$tmp/bb.out.g" "$tmp/bb.out.p" || fail "b1.csv and b2.csv: $(cat "$tmp/bb.out.p")"
cmp -s "$tmp/bb.rows.g" "$tmp/bb.rows.p" || fail "b1.csv and b2.csv: the rows differ"
[ "$(psql "$db13" -c "SELECT max(fid), count(*) FROM incidents")" = "26000|26000" ] ||
    fail "fids of a bulk load and a stage: $(psql "$db13" -c "SELECT max(fid), count(*) FROM incidents")"
# a bulk first import failing at a late row; into a table holding a row of
# another source, an import failing straight in, and one failing after it
# went over to the stage (b2.csv straight in, bbad.csv repeating its keys);
# an import into the full table failing: the table's rows (their count and
# content, fids and times included) and claims stay the same bytes
everything="SELECT count(*) || ' ' || md5(string_agg(to_jsonb(i)::text, E'\n' ORDER BY fid))
            FROM incidents i"
psql "$db" -c "CREATE DATABASE fm8" >/dev/null
db8=${db/dbname=fm/dbname=fm8}
psql "$db8" -c "CREATE EXTENSION postgis" >/dev/null
"$fm" db init --db "$db8" >/dev/null || fail "db init fm8"
for d in "$db8" "$db10" "$db10" "$db5"; do
    before=$(psql "$d" -c "$everything"; psql "$d" -c "$cclaims")
    files=("$tmp/b2.csv" "$tmp/bbad.csv")
    [ "$d" = "$db10" ] && [ -z "${once10:-}" ] && files=("$tmp/bbad.csv") once10=1
    if "$fm" -v -v import --db "$d" "${files[@]}" >/dev/null 2>"$tmp/err"; then
        fail "a bad import into $d succeeded"
    fi
    grep -q "bbad.csv:23002" "$tmp/err" || fail "bad import into $d: $(cat "$tmp/err")"
    if [ "$d" = "$db10" ]; then
        grep -q "source 'csv': its rows go straight in" "$tmp/err" ||
            fail "the bad import into fm10 did not go straight in"
    fi
    [ "$(psql "$d" -c "$everything"; psql "$d" -c "$cclaims")" = "$before" ] ||
        fail "a failed import changed the rows of $d"
    cmp -s "$tmp/w.schema" <(psql "$d" -c "$schema") || fail "a failed import changed the keys of $d"
done
[ "$(psql "$db10" -c "SELECT count(*) FROM incidents")" = 1 ] || fail "fm10 holds other than its one row"
# one import whose first file's source is new (straight in) and whose second
# updates stored rows (the stage from there on), as in a GeoPackage
mg=$tmp/m.gpkg
for s in "$mg" "$db11"; do
    k=$([ "$s" = "$mg" ] && echo g || echo p)
    "$fm" add --db "$s" --date 2024-01-01 --lat 34 --lon 71 --type Battles --source csv \
        --source-id b5 >/dev/null 2>&1 || fail "add to $s"
    "$fm" -v -v import --db "$s" "$ged" "$tmp/b2.csv" >"$tmp/m.out.$k" 2>"$tmp/m.log.$k" ||
        fail "ged.csv and b2.csv into $s: $(tail -1 "$tmp/m.log.$k")"
    "$fm" export --db "$s" --format csv --out - >"$tmp/m.rows.$k" 2>/dev/null || fail "export $s"
done
grep -q "source 'ged': its rows go straight in" "$tmp/m.log.p" ||
    fail "the ged rows into fm11 did not go straight in"
grep -q "source 'csv' has stored rows: merging" "$tmp/m.log.p" ||
    fail "the csv rows into fm11 did not go through the stage"
# (the ged rows were loaded beside the store: swapped in before the stage)
grep -q "the new tables swapped in" "$tmp/m.log.p" || fail "the ged rows into fm11 were not swapped in"
cmp -s "$tmp/m.out.g" "$tmp/m.out.p" || fail "summaries differ: $(cat "$tmp/m.out.p")"
grep -q "32415 added, 1 updated" "$tmp/m.out.p" || fail "ged.csv and b2.csv: $(cat "$tmp/m.out.p")"
cmp -s "$tmp/m.rows.g" "$tmp/m.rows.p" || { fail "rows differ"; diff "$tmp/m.rows.g" "$tmp/m.rows.p" | head -5; }
# importers at once into a table holding a row of another source: the first
# goes straight in, the others find its rows; nothing lost or doubled
pids=()
for k in 0 1 2 3; do
    "$fm" import --db "$db12" --source fresh "$tmp/b2.csv" >"$tmp/f$k" 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a concurrent importer into fm12 failed"; done
[ "$(cat "$tmp"/f? | grep -c "26000 added")" = 1 ] && [ "$(cat "$tmp"/f? | grep -c "26000 unchanged")" = 3 ] ||
    fail "concurrent importers into fm12: $(cat "$tmp"/f?)"
[ "$(psql "$db12" -c "SELECT count(*), count(DISTINCT (source, source_id)) FROM incidents")" = "26001|26001" ] ||
    fail "concurrent importers into fm12 lost or doubled rows"
ok "a bulk load, the stage's merge and a non-owner's load write the same table"

# ---- add, and the GeoPackage round trip ------------------------------------------
for s in "$gp" "$db"; do
    "$fm" add --db "$s" --date 2024-02-03 --lat 34.0 --lon 71.5 --type Battles --killed 3 \
        --source-id hand1 --claim 'TTP: 5' --claim 'ISPR: 2' >/dev/null 2>&1 || fail "add to $s"
done
same near 34.0,71.5 --radius 1km --format json
# the records' own stamps (years ago, each its own, to the millisecond) travel
# with them: PostGIS -> GeoPackage -> PostGIS -> GeoPackage
psql "$db" -c "UPDATE incidents SET created = timestamptz '2019-01-01 00:00:00+00' + fid * interval '61.123 s',
               updated = timestamptz '2020-06-01 00:00:00+00' + fid * interval '59.877 s'" >/dev/null
pgstamps="SELECT string_agg(source || ':' || source_id || '|' || to_char(created AT TIME ZONE 'UTC',
          'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || '|' || to_char(updated AT TIME ZONE 'UTC',
          'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), E'\n' ORDER BY source, source_id) FROM incidents"
gpstamps() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute("SELECT source, source_id, created, updated FROM incidents ORDER BY source, source_id"):
    print("%s:%s|%s|%s" % r)' "$1"; }
psql "$db" -c "$pgstamps" >"$tmp/rt.stamps"
# and the store's records of its sources (the day each was imported: a
# heatmap's "accessed" credit; file, version) travel with the rows too
records="SELECT key || '=' || value FROM frontiermap_meta WHERE key LIKE 'imported:%'
         OR key LIKE 'file:%' OR key LIKE 'version:%' ORDER BY key"
psql "$db" -c "UPDATE frontiermap_meta SET value = '2019-0' || (length(key) % 9 + 1) || '-11'
               WHERE key LIKE 'imported:%'" >/dev/null
psql "$db" -c "$records" >"$tmp/rt.records"
grep -q '^imported:ged=2019-' "$tmp/rt.records" || fail "the records were not set: $(cat "$tmp/rt.records")"
"$fm" export --db "$db" --format gpkg --out "$tmp/rt.gpkg" >/dev/null 2>&1 || fail "export gpkg from PostGIS"
cmp -s "$tmp/rt.records" <(sqlite3 "$tmp/rt.gpkg" "$records") ||
    fail "export --format gpkg from PostGIS recorded anew: $(sqlite3 "$tmp/rt.gpkg" "$records" | tr '\n' ' ')"
cmp -s "$tmp/rt.stamps" <(gpstamps "$tmp/rt.gpkg") || fail "export --format gpkg from PostGIS stamped anew"
grep -q '^ged:.*|2019-' "$tmp/rt.stamps" || fail "the stamps were not set: $(head -1 "$tmp/rt.stamps")"
psql "$db" -c "CREATE DATABASE fm2" 2>/dev/null || true
db2=${db/dbname=fm/dbname=fm2}
psql "$db2" -c "CREATE EXTENSION postgis" >/dev/null
"$fm" import --db "$db2" "$tmp/rt.gpkg" >/dev/null 2>&1 || fail "import a frontiermap GeoPackage into PostGIS"
a=$("$fm" export --db "$db" --format csv --out - 2>/dev/null)
b=$("$fm" export --db "$db2" --format csv --out - 2>/dev/null)
[ "$a" = "$b" ] && [ -n "$a" ] || fail "PostGIS -> GeoPackage -> PostGIS lost something"
[ "$(psql "$db2" -c "SELECT count(*) FROM incident_claims")" = "$(psql "$db" -c "SELECT count(*) FROM incident_claims")" ] ||
    fail "claims lost in the round trip"
cmp -s "$tmp/rt.stamps" <(psql "$db2" -c "$pgstamps") || fail "import of a frontiermap GeoPackage into PostGIS stamped anew"
"$fm" export --db "$db2" --format gpkg --out "$tmp/rt2.gpkg" >/dev/null 2>&1 || fail "export gpkg from PostGIS again"
cmp -s "$tmp/rt.stamps" <(gpstamps "$tmp/rt2.gpkg") || fail "GeoPackage -> PostGIS -> GeoPackage changed the stamps"
cmp -s "$tmp/rt.records" <(psql "$db2" -c "$records") ||
    fail "import of a frontiermap GeoPackage into PostGIS recorded anew: $(psql "$db2" -c "$records" | tr '\n' ' ')"
cmp -s "$tmp/rt.records" <(sqlite3 "$tmp/rt2.gpkg" "$records") ||
    fail "GeoPackage -> PostGIS -> GeoPackage changed the records: $(sqlite3 "$tmp/rt2.gpkg" "$records" | tr '\n' ' ')"
# a changed row keeps its created and takes the record's updated (the stage's merge)
cp "$tmp/rt.gpkg" "$tmp/rt3.gpkg"
python3 - "$tmp/rt3.gpkg" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for f in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
    c.create_function(f, 1, lambda g: None)
c.execute("UPDATE incidents SET fatalities = fatalities + 7, created = '2001-01-01T00:00:00.000Z',"
          " updated = '2024-06-07T08:09:10.500Z' WHERE source_id = 'hand1'")
c.commit()
PY
"$fm" import --db "$db2" "$tmp/rt3.gpkg" 2>&1 | tail -1 | grep -q " 0 added, 1 updated," || fail "re-import of one changed row"
want=$(grep '|hand1|\|:hand1|' "$tmp/rt.stamps" | cut -d'|' -f2)
[ "$(psql "$db2" -c "SELECT to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || ' ' ||
      to_char(updated AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') FROM incidents WHERE source_id = 'hand1'")" = \
  "$want 2024-06-07T08:09:10.500Z" ] || fail "an updated row in PostGIS does not keep created and take the record's updated"
ok "add, gpkg round trip, the records' stamps and the sources' records kept"

# ---- a row another program wrote (QGIS: a geometry, no lon/lat, no hash) ----------
psql "$db2" -c "INSERT INTO incidents (geom, source, source_id, date_start, date_end, event_type)
                VALUES (ST_SetSRID(ST_MakePoint(71.6, 34.2), 4326), 'qgis', 'q1', '2024-03-01',
                        '2024-03-01', 'Battles')" >/dev/null
"$fm" near --db "$db2" 34.2,71.6 --radius 100m --format csv 2>/dev/null | grep -q "^qgis,q1," ||
    fail "a row written by another program is not found by its geometry"
"$fm" import --db "$db2" "$tmp/rt.gpkg" >/dev/null 2>&1 || fail "import after another program's row"
ok "rows of other programs"

# ---- several importers and readers at once ---------------------------------------
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
for k in range(6):
    with open(f"{t}/c{k}.csv", "w") as f:
        f.write("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities\n")
        for i in range(300):
            f.write(f"C{k}-{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,P,"
                    f"{33 + (i % 50) / 25:.3f},{70 + (k * 300 + i) % 70 / 25:.3f},{i % 5}\n")
    # a second writer of the same rows with other figures: one of them wins whole
    with open(f"{t}/d{k}.csv", "w") as f:
        f.write("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities\n")
        for i in range(300):
            f.write(f"C{k}-{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,P,"
                    f"{33 + (i % 50) / 25:.3f},{70 + (k * 300 + i) % 70 / 25:.3f},{i % 5 + 100}\n")
PY
base=$(psql "$db" -c "SELECT count(*) FROM incidents")
pids=()
for k in 0 1 2 3 4 5; do
    "$fm" import --db "$db" --source conc "$tmp/c$k.csv" >"$tmp/imp$k" 2>&1 & pids+=($!)
    "$fm" import --db "$db" --source conc "$tmp/d$k.csv" >"$tmp/imq$k" 2>&1 & pids+=($!)
done
(
    for i in $(seq 1 8); do
        n=$("$fm" stats --db "$db" --format csv 2>/dev/null | tail -1 | cut -d, -f2)
        echo "$n"
    done
) >"$tmp/reads" &
pids+=($!)
for p in "${pids[@]}"; do wait "$p" || fail "a concurrent importer or reader failed"; done
total=$(psql "$db" -c "SELECT count(*) FROM incidents")
[ "$total" = $((base + 1800)) ] || fail "after 12 concurrent imports: $total rows, wanted $((base + 1800))"
[ "$(psql "$db" -c "SELECT count(*) FROM (SELECT source, source_id FROM incidents GROUP BY 1, 2 HAVING count(*) > 1) d")" = 0 ] ||
    fail "duplicates after concurrent imports"
# each file's rows all come from one import, never half of one and half the other
[ "$(psql "$db" -c "SELECT count(*) FROM (SELECT split_part(source_id, '-', 1), count(DISTINCT fatalities >= 100) FROM incidents WHERE source = 'conc' GROUP BY 1 HAVING count(DISTINCT fatalities >= 100) > 1) m")" = 0 ] ||
    fail "a file's rows come from two imports"
[ "$(psql "$db" -c "SELECT count(*) FROM frontiermap_imports WHERE command = 'import' AND (files LIKE '%/c_.csv' OR files LIKE '%/d_.csv')")" = 12 ] ||
    fail "frontiermap_imports does not record the 12 imports"
while read -r n; do
    [ -z "$n" ] && continue
    [ $(( (n - base) % 300 )) = 0 ] || fail "a reader saw $n incidents: part of an import"
done <"$tmp/reads"
ok "12 concurrent importers and a reader"
# importers racing into a database with no schema yet: one creates it, the
# others wait for it and find it (a stale "no such table" in their catalog
# cache once made them all try to create it, and all but one fail)
psql "$db" -c "CREATE DATABASE fm14" >/dev/null
db14=${db/dbname=fm/dbname=fm14}
psql "$db14" -c "CREATE EXTENSION postgis" >/dev/null
pids=()
for k in 0 1 2 3 4 5; do
    "$fm" import --db "$db14" --source conc "$tmp/c$k.csv" >"$tmp/race$k" 2>&1 & pids+=($!)
done
for p in "${pids[@]}"; do
    wait "$p" || fail "an importer racing to create the schema failed: $(cat "$tmp"/race? | grep cannot | head -1)"
done
[ "$(psql "$db14" -c "SELECT count(*), count(DISTINCT source_id) FROM incidents")" = "1800|1800" ] ||
    fail "importers racing to create the schema lost or doubled rows"
ok "importers racing to create the schema"

# ---- a read-only role --------------------------------------------------------------
psql "$db" -c "CREATE ROLE reader LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader" >/dev/null
ro=${db/user=fm/user=reader}
for c in "near 34.1,71.09 --radius 25km --count" "stats --by admin1" "export --format csv --out -" \
         "near Torkham --radius 5km --format json" "stats --by dyad --format json" \
         "export --format kml --out -" "geocode Torkham"; do
    # shellcheck disable=SC2086
    "$fm" $c --db "$ro" >/dev/null 2>"$tmp/err" || fail "read-only role cannot: $c ($(cat "$tmp/err"))"
done
"$fm" map --db "$ro" --out "$tmp/ro.png" >/dev/null 2>&1 || fail "read-only role cannot map"
"$fm" heatmap --db "$ro" --month 2009-03 --dpi 40 --out "$tmp/roh.png" >/dev/null 2>&1 ||
    fail "read-only role cannot draw a heatmap (its points through a cursor)"
"$fm" export --db "$ro" --format gpkg --out "$tmp/ro.gpkg" >/dev/null 2>&1 || fail "read-only role cannot export a GeoPackage"
"$fm" monthly --db "$ro" --from 2009-01 --to 2009-02 --dpi 40 --outdir "$tmp/rom" >/dev/null 2>&1 ||
    fail "read-only role cannot draw monthly heatmaps"
if "$fm" import --db "$ro" "$tmp/ro.gpkg" >/dev/null 2>"$tmp/err"; then fail "read-only role imported a GeoPackage"; fi
grep -q "read-only for role 'reader'" "$tmp/err" || fail "read-only GeoPackage import message: $(cat "$tmp/err")"
if "$fm" import --db "$ro" "$ged" >/dev/null 2>"$tmp/err"; then fail "read-only role imported"; fi
grep -q "read-only for role 'reader'" "$tmp/err" || fail "read-only import message: $(cat "$tmp/err")"
if "$fm" add --db "$ro" --date 2024-01-01 --lat 34 --lon 71 --type Battles >/dev/null 2>"$tmp/err"; then
    fail "read-only role added"
fi
grep -q "read-only for role 'reader'" "$tmp/err" || fail "read-only add message: $(cat "$tmp/err")"
# db upgrade of a current schema writes nothing: the role is told it is ready
# (it once failed on the CREATE INDEX IF NOT EXISTS of the coarse rows, which
# PostgreSQL refuses to a role not owning the table before it looks whether
# the index exists); db init of a current schema too
for v in upgrade init; do
    "$fm" db $v --db "$ro" >"$tmp/out" 2>"$tmp/err" || fail "read-only db $v of a current schema: $(cat "$tmp/err")"
    grep -q "schema 3 ready" "$tmp/out" || fail "read-only db $v says $(cat "$tmp/out")"
done
# ... and refused, changing nothing, where an upgrade would write: an older
# version, or an index this frontiermap adds within its version missing
for older in "UPDATE frontiermap_meta SET value = '2' WHERE key = 'schema_version'" \
             "DROP INDEX incidents_coarse"; do
    psql "$db" -c "$older" >/dev/null
    state=$(psql "$db" -c "SELECT value FROM frontiermap_meta WHERE key = 'schema_version'
                           UNION ALL SELECT count(*)::text FROM pg_indexes WHERE indexname = 'incidents_coarse'")
    if "$fm" db upgrade --db "$ro" >/dev/null 2>"$tmp/err"; then fail "read-only db upgrade wrote ($older)"; fi
    grep -q "read-only for role 'reader'" "$tmp/err" || fail "read-only db upgrade message: $(cat "$tmp/err")"
    [ "$(psql "$db" -c "SELECT value FROM frontiermap_meta WHERE key = 'schema_version'
                        UNION ALL SELECT count(*)::text FROM pg_indexes WHERE indexname = 'incidents_coarse'")" = "$state" ] ||
        fail "a refused db upgrade changed the schema ($older)"
    "$fm" db upgrade --db "$db" >/dev/null 2>"$tmp/err" || fail "db upgrade ($older): $(cat "$tmp/err")"
done
# a current schema lacking the coarse rows' index (a store from before it,
# which only db upgrade once completed): the read-only role still reads; a
# writer that does not own incidents writes and is told who can add it; the
# owner's first write makes it
coarse="SELECT count(*) FROM pg_indexes WHERE indexname = 'incidents_coarse'"
psql "$db" -c "DROP INDEX incidents_coarse;
               GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO writer;
               GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO writer" >/dev/null
for c in "stats --by admin1" "near 34.1,71.09 --radius 25km --count"; do
    # shellcheck disable=SC2086
    "$fm" $c --db "$ro" >/dev/null 2>"$tmp/err" || fail "read-only role, no coarse index: $c ($(cat "$tmp/err"))"
done
"$fm" import --db "${db/user=fm/user=writer}" "$ged" >/dev/null 2>"$tmp/err" ||
    fail "a non-owning writer, no coarse index: $(cat "$tmp/err")"
grep -q "lacks its index incidents_coarse.*db upgrade" "$tmp/err" ||
    fail "a non-owning writer is not told of the missing index: $(cat "$tmp/err")"
[ "$(psql "$db" -c "$coarse")" = 0 ] || fail "a non-owning writer made the coarse index"
# ... and its db upgrade is told the owner can, not that it is read-only
if "$fm" db upgrade --db "${db/user=fm/user=writer}" >/dev/null 2>"$tmp/err"; then
    fail "a non-owning writer's db upgrade succeeded"
fi
grep -q "needs its owner, role 'fm', to change its schema" "$tmp/err" ||
    fail "a non-owning writer's db upgrade message: $(cat "$tmp/err")"
"$fm" import --db "$db" "$ged" >/dev/null 2>"$tmp/err" || fail "the owner's import: $(cat "$tmp/err")"
[ "$(psql "$db" -c "$coarse")" = 1 ] || fail "the owner's import did not make the missing coarse index"
cmp -s "$tmp/idx.init" <(psql "$db" -c "$idxdefs") || fail "the owner's import made other indexes than db init"
ok "read-only role"

# ---- the password never shows ----------------------------------------------------
psql "$db" -c "ALTER ROLE reader PASSWORD 'sekrit99'" >/dev/null
if "$fm" import --db "postgresql://reader:sekrit99@localhost:1/nodb" "$ged" >/dev/null 2>"$tmp/err"; then
    fail "connected to nothing"
fi
grep -q sekrit99 "$tmp/err" && fail "the password shows: $(cat "$tmp/err")"
grep -q 'reader:\*\*\*@localhost' "$tmp/err" || fail "the masked URI is not named: $(cat "$tmp/err")"
if "$fm" stats --db "host=/nonexistent password=sekrit99 dbname=x" >/dev/null 2>"$tmp/err"; then
    fail "connected to nothing"
fi
grep -q sekrit99 "$tmp/err" && fail "the password shows: $(cat "$tmp/err")"
ok "passwords masked"

[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "all PostGIS checks passed"
