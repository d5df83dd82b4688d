#!/bin/bash
# test_pg_swap.sh: a big import into a small PostGIS store, loaded into new
# tables beside the stored ones and swapped in before its COMMIT
# (data/pg_swap.c), on a throw-away cluster (pg_test.sh): the rows, claims,
# keys, indexes, grants, owner, comments and sequences are what a load into
# the old tables gives; a read-only role reads after the swap; a reader whose
# transaction began before the swap keeps reading the old rows and does not
# fail (the swap waits for it); frontiermap's readers queued behind the swap
# see the new rows, never an empty table; a swapping import that fails leaves
# the same table (the same object, the same bytes); a store with something
# of someone else's on its tables (a view) is loaded as before.
# Skipped (77) when the PostgreSQL server is not installed, except under CI.
# Usage: test_pg_swap.sh FRONTIERMAP
set -euo pipefail
fm=${1:?usage: test_pg_swap.sh FRONTIERMAP}
pids=()
pg_test_cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
. "$(dirname "$0")/pg_test.sh" pgswap
newdb() { # newdb N: a database fmN with PostGIS and the GED sample imported
    psql "$db" -c "CREATE DATABASE fm$1" >/dev/null
    psql "${db/dbname=fm/dbname=fm$1}" -c "CREATE EXTENSION postgis" >/dev/null
    "$fm" import --db "${db/dbname=fm/dbname=fm$1}" "$ged" >/dev/null 2>&1 || fail "GED into fm$1"
}

# 30,000 rows of a new source, a fifth with claims: more than the GED
# sample's 6,416 stored rows, so the import swaps
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
head = "id,date,type,killed,lat,lon,claims,notes\n"
def row(i):
    claims = f"TTP: {i % 7}; ISPR: {i % 3}" if i % 5 == 0 else ""
    return (f"b{i},2023-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,{i % 9},"
            f"{31 + (i % 400) / 100:.3f},{66 + (i * 7 % 500) / 100:.3f},{claims},"
            f"note {i} {'x' * 200}\n")
with open(f"{t}/big.csv", "w") as f:
    f.write(head + "".join(row(i) for i in range(30000)))
with open(f"{t}/bad.csv", "w") as f:  # a bad date at line 29,002
    f.write(head + "".join(row(i) if i != 29000 else row(i).replace("2023-", "2023-13-", 1)
                           for i in range(30000)))
PY
everything="SELECT count(*) || ' ' || md5(string_agg(to_jsonb(i)::text, E'\n' ORDER BY fid))
            FROM incidents i"
claims="SELECT count(*) || ' ' || md5(string_agg(to_jsonb(c)::text, E'\n' ORDER BY id))
        FROM incident_claims c"
schema="SELECT string_agg(d, E'\n' ORDER BY d) FROM (SELECT indexdef AS d FROM pg_indexes
         WHERE tablename IN ('incidents', 'incident_claims') UNION ALL SELECT conname || ' ' ||
         pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('incidents'::regclass,
         'incident_claims'::regclass) UNION ALL SELECT 'seq ' || pg_get_serial_sequence('incidents',
         'fid') || ' ' || pg_get_serial_sequence('incident_claims', 'id')) x"
meta="SELECT string_agg(c.relname || ' ' || coalesce(c.relacl::text, '-') || ' ' ||
       pg_get_userbyid(c.relowner) || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '-') ||
       ' ' || coalesce((SELECT string_agg(a.attname || '=' || col_description(c.oid, a.attnum), ',')
       FROM pg_attribute a WHERE a.attrelid = c.oid AND col_description(c.oid, a.attnum) IS NOT NULL),
       '-'), E'\n' ORDER BY c.relname) FROM pg_class c WHERE c.relname IN ('incidents',
       'incident_claims', 'incidents_fid_seq', 'incident_claims_id_seq')"

# ---- the swap writes what a load into the old tables writes ------------------------
# fm1 swaps; fm2 (the same, but its rows go into the old tables: a view of
# someone else's hangs on incidents) and a GeoPackage are the references
newdb 1
newdb 2
d1=${db/dbname=fm/dbname=fm1} d2=${db/dbname=fm/dbname=fm2}
# the tables owned by a team's role, steward, and imported by a member of
# it, analyst (no superuser; CREATE on the database); granted to PUBLIC, to
# a reader, to a role with grant option; comments on a table and a column
psql "$db" -c "CREATE ROLE reader LOGIN; CREATE ROLE keeper; CREATE ROLE steward;
               CREATE ROLE analyst LOGIN IN ROLE steward" >/dev/null
for d in "$d1" "$d2"; do
    psql "$d" -c "GRANT CREATE ON DATABASE ${d##*dbname=} TO analyst; GRANT CREATE ON SCHEMA public TO steward;
                  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO analyst;
                  GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO analyst;
                  ALTER TABLE incidents OWNER TO steward; ALTER TABLE incident_claims OWNER TO steward;
                  GRANT SELECT ON incidents, incident_claims TO PUBLIC;
                  GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
                  GRANT INSERT, UPDATE ON incidents TO keeper WITH GRANT OPTION;
                  COMMENT ON COLUMN incidents.notes IS 'free text';
                  COMMENT ON TABLE incident_claims IS 'claims, by party'" >/dev/null
done
psql "$d2" -c "CREATE VIEW battles AS SELECT fid, geom FROM incidents WHERE event_type = 'Battles'" >/dev/null
psql "$d1" -c "$schema" >"$tmp/schema.before"
psql "$d1" -c "$meta" >"$tmp/meta.before"
gp=$tmp/s.gpkg
"$fm" import --db "$gp" "$ged" >/dev/null 2>&1 || fail "GED into the GeoPackage"
"$fm" import --db "$gp" "$tmp/big.csv" >"$tmp/sum.g" 2>&1 || fail "big.csv into the GeoPackage"
for n in 1 2; do
    d=${db/dbname=fm/dbname=fm$n}
    d=${d/user=fm/user=analyst}
    "$fm" -v -v import --db "$d" "$tmp/big.csv" >"$tmp/sum.$n" 2>"$tmp/log.$n" ||
        fail "big.csv into fm$n: $(tail -1 "$tmp/log.$n")"
done
grep -q "the new tables swapped in" "$tmp/log.1" || fail "the import into fm1 did not swap: $(cat "$tmp/log.1")"
grep -q "swapped in" "$tmp/log.2" && fail "the import into fm2 (a view on incidents) swapped"
grep -q "not frontiermap's alone" "$tmp/log.2" || fail "fm2's import does not say why it did not swap"
[ "$(psql "$d2" -c "SELECT count(*) FROM battles")" -gt 30000 ] || fail "fm2's view does not see the rows"
cmp -s "$tmp/sum.g" "$tmp/sum.1" || fail "summaries differ: $(cat "$tmp/sum.1")"
grep -q "30000 added" "$tmp/sum.1" || fail "big.csv into fm1: $(cat "$tmp/sum.1")"
exp() { "$fm" export --db "$1" --format csv --out - 2>/dev/null; }
[ "$(exp "$gp")" = "$(exp "$d1")" ] || fail "the swapped rows differ from the GeoPackage's"
# (without the times: each import stamps its own)
untimed="SELECT count(*) || ' ' || md5(string_agg((to_jsonb(i) - 'created' - 'updated')::text,
         E'\n' ORDER BY fid)) FROM incidents i"
for q in "$untimed" "$claims"; do
    [ "$(psql "$d1" -c "$q")" = "$(psql "$d2" -c "$q")" ] || fail "fm1 and fm2 differ: $q"
done
cmp -s "$tmp/schema.before" <(psql "$d1" -c "$schema") || {
    fail "the swap changed the keys, indexes or sequences"; diff "$tmp/schema.before" <(psql "$d1" -c "$schema"); }
cmp -s "$tmp/meta.before" <(psql "$d1" -c "$meta") || {
    fail "the swap changed the grants, owner or comments"; diff "$tmp/meta.before" <(psql "$d1" -c "$meta"); }
[ "$(psql "$d1" -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'frontiermap_swap'")" = 0 ] ||
    fail "the swap left its schema"
[ "$(psql "$d1" -c "SELECT type || srid FROM geometry_columns WHERE f_table_name = 'incidents'")" = POINT4326 ] ||
    fail "the swapped incidents is not a geometry(Point, 4326) layer"
ogrinfo -so "PG:$d1" incidents 2>/dev/null | grep -q "Feature Count: 36416" || fail "ogrinfo does not read the swapped layer"
# the sequence goes on after the rows; the claims' key cascades
"$fm" add --db "$d1" --date 2024-01-01 --lat 34 --lon 71 --type Battles --source-id after1 \
    --claim 'X: 1' >/dev/null 2>&1 || fail "add after the swap"
[ "$(psql "$d1" -c "SELECT max(fid) = (SELECT fid FROM incidents WHERE source_id = 'after1'), count(*) FROM incidents")" = "t|36417" ] ||
    fail "fids after the swap: $(psql "$d1" -c "SELECT max(fid), count(*) FROM incidents")"
psql "$d1" -c "DELETE FROM incidents WHERE source_id = 'after1'" >/dev/null
[ "$(psql "$d1" -c "SELECT count(*) FROM incident_claims c WHERE NOT EXISTS (SELECT FROM incidents i WHERE i.fid = c.incident_fid)")" = 0 ] ||
    fail "the claims' key does not cascade after the swap"
ro=${d1/user=fm/user=reader}
for c in "near 34.1,71.09 --radius 25km --count" "stats --by admin1" "export --format csv --out -"; do
    # shellcheck disable=SC2086
    "$fm" $c --db "$ro" >/dev/null 2>"$tmp/err" || fail "the read-only role cannot after the swap: $c ($(cat "$tmp/err"))"
done
"$fm" heatmap --db "$ro" --month 2023-03 --dpi 40 --out "$tmp/ro.png" >/dev/null 2>&1 ||
    fail "the read-only role cannot draw a heatmap after the swap"
ok "a swapped import: rows, claims, keys, grants, owner, comments, sequences as before"

# ---- readers during a swap ---------------------------------------------------------
# a reader's transaction (REPEATABLE READ, as QGIS or a notebook may hold
# one) reads the stored rows before the swap and again after the import
# has loaded its rows: the swap waits for it, it sees the old rows both
# times and does not fail; frontiermap readers that start while the swap
# waits (behind its lock) then see the new rows, not an empty table
newdb 3
d3=${db/dbname=fm/dbname=fm3}
waiting="SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
         WHERE NOT l.granted AND l.mode = 'AccessExclusiveLock' AND c.relname = 'incidents'"
# the reader holds on until the import and two frontiermap readers wait
# behind it (at most a minute), so that nothing hangs on timing
queued="SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        WHERE NOT l.granted AND c.relname = 'incidents'"
psql "$d3" -c "BEGIN ISOLATION LEVEL REPEATABLE READ" -c "SELECT count(*) FROM incidents" \
    -c "DO \$\$ BEGIN FOR i IN 1..1200 LOOP EXIT WHEN ($queued) >= 3; PERFORM pg_sleep(0.05);
        END LOOP; END \$\$" -c "SELECT 'queued=' || ($queued)" \
    -c "SELECT count(*) FROM incidents" -c "SELECT count(*) FROM incident_claims" -c "COMMIT" \
    >"$tmp/reader" 2>&1 &
rpid=$!
pids+=("$rpid")
sleep 0.3
"$fm" -v -v import --db "$d3" "$tmp/big.csv" >"$tmp/imp3" 2>&1 &
ipid=$!
pids+=("$ipid")
for _ in $(seq 600); do
    [ "$(psql "$d3" -c "$waiting")" -gt 0 ] && break
    sleep 0.1
done
[ "$(psql "$d3" -c "$waiting")" -gt 0 ] || fail "the import did not wait for the reader at its swap"
"$fm" export --db "$d3" --format csv --out "$tmp/q.csv" >/dev/null 2>"$tmp/q.err" & qpid=$!
"$fm" heatmap --db "$d3" --since 2023-01-01 --until 2023-12-31 --points --dpi 40 \
    --out "$tmp/q.png" >"$tmp/qh.out" 2>&1 & hpid=$!
pids+=("$qpid" "$hpid")
wait "$rpid" || fail "the reader failed during the swap: $(cat "$tmp/reader")"
wait "$ipid" || fail "the import failed while a reader read: $(tail -1 "$tmp/imp3")"
wait "$qpid" || fail "a reader queued behind the swap failed: $(cat "$tmp/q.err")"
wait "$hpid" || fail "a heatmap queued behind the swap failed: $(cat "$tmp/qh.out")"
grep -q "swapped in" "$tmp/imp3" || fail "the import into fm3 did not swap"
[ "$(grep -v '^$\|^queued=' "$tmp/reader" | tr '\n' ' ')" = "6416 6416 0 " ] ||
    fail "the reader saw other than the old rows: $(cat "$tmp/reader")"
# (the import and the two readers behind the first reader: else this tests nothing)
[ "$(sed -n 's/^queued=//p' "$tmp/reader")" -ge 3 ] ||
    fail "the readers did not queue behind the swap: $(cat "$tmp/reader")"
"$fm" export --db "$d3" --format csv --out "$tmp/q2.csv" >/dev/null 2>&1 || fail "export after the swap"
cmp -s "$tmp/q.csv" "$tmp/q2.csv" ||
    fail "an export queued behind the swap read $(wc -l <"$tmp/q.csv") lines, not $(wc -l <"$tmp/q2.csv")"
[ "$(psql "$d3" -c "SELECT count(*) FROM incidents")" = 36416 ] || fail "fm3 holds other than 36416 rows"
"$fm" heatmap --db "$d3" --since 2023-01-01 --until 2023-12-31 --points --dpi 40 \
    --out "$tmp/q2.png" >/dev/null 2>&1 || fail "heatmap after the swap"
cmp -s "$tmp/q.png" "$tmp/q2.png" || fail "a heatmap queued behind the swap drew other points"
ok "readers during a swap: the old rows, no failure; queued ones the new rows"

# ---- a swapping import that fails --------------------------------------------------
newdb 4
d4=${db/dbname=fm/dbname=fm4}
psql "$d4" -c "GRANT SELECT ON incidents TO reader" >/dev/null
before=$(psql "$d4" -c "$everything"; psql "$d4" -c "$claims"; psql "$d4" -c "$schema"; psql "$d4" -c "$meta"
         psql "$d4" -c "SELECT 'incidents'::regclass::oid, 'incident_claims'::regclass::oid")
if "$fm" -v -v import --db "$d4" "$tmp/bad.csv" >/dev/null 2>"$tmp/err4"; then fail "a bad swapping import succeeded"; fi
grep -q "loading beside the stored rows" "$tmp/err4" || fail "the bad import did not load beside the store"
grep -q "bad.csv:29002" "$tmp/err4" || fail "the bad import: $(tail -1 "$tmp/err4")"
after=$(psql "$d4" -c "$everything"; psql "$d4" -c "$claims"; psql "$d4" -c "$schema"; psql "$d4" -c "$meta"
        psql "$d4" -c "SELECT 'incidents'::regclass::oid, 'incident_claims'::regclass::oid")
[ "$after" = "$before" ] || fail "a failed swapping import changed the store"
[ "$(psql "$d4" -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'frontiermap_swap'")" = 0 ] ||
    fail "a failed swapping import left its schema"
# then the same import without the bad row swaps
"$fm" -v -v import --db "$d4" "$tmp/big.csv" >/dev/null 2>"$tmp/err4" || fail "big.csv into fm4"
grep -q "swapped in" "$tmp/err4" || fail "the import into fm4 did not swap"
ok "a failed swapping import leaves the same tables, the same bytes"

[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "all PostGIS swap checks passed"
