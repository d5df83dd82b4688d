#!/bin/bash
# test_bench_store.sh: scripts/bench-store runs through on a few hundred rows
# and prints its ratios; without a DIR it works in a temporary directory of
# its own under $TMPDIR and removes it, writing nothing to a fixed /tmp path
# that another run or another user may hold (it once kept /tmp/fm-bench-N).
# The peers are stand-ins (ogr2ogr, spatialite and anchors.sh that count the
# rows within 25 km of the query point with frontiermap itself), so the test
# needs neither GDAL's tools nor SpatiaLite: it checks the script, not them.
# Usage: test_bench_store.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_bench_store.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/benchstore.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "  ok: $*"; }

mkdir -p "$tmp/bin" "$tmp/t"
# the stand-in peers: anchors.sh makes the input (rows in ACLED's layout)
# and asks spatialite near as the real one does (bench-store reads that
# query from it); spatialite gives frontiermap's own count of the same rows
# whatever it is asked; ogr2ogr does nothing
cat >"$tmp/anchors.sh" <<'EOS'
#!/bin/bash
set -eu
torkham_lon=71.090 torkham_lat=34.100
case $1 in
data)
  { echo "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
    for i in $(seq 1 "$2"); do
      echo "PAK$i,$((1 + i % 28)) July 2024,2024,1,Political violence,Battles,Armed clash,Military Forces of Pakistan (2024-),,1,TTP,,2,12,,586,Southern Asia,Pakistan,Khyber Pakhtunkhwa,Khyber,,Torkham,34.0$((i % 10)),71.0$((i % 7)),1,Dawn,National,synthetic,$((i % 3)),,1700000000"
    done; } > "$3/acled.csv"
  : > "$3/peer.sqlite";;
import) ;;
near)
  dir=$2
  spatialite -silent "$dir/peer.sqlite" "SELECT count(*) FROM incidents
    WHERE ST_Distance(geom, MakePoint($torkham_lon, $torkham_lat, 4326), 1) <= 25000;"
  ;;
esac
EOS
printf '#!/bin/sh\nexit 0\n' >"$tmp/bin/ogr2ogr"
printf '#!/bin/sh\ncat "$(dirname "$0")/count"\n' >"$tmp/bin/spatialite"
chmod +x "$tmp/bin/ogr2ogr" "$tmp/bin/spatialite" "$tmp/anchors.sh"

n=$((300 + RANDOM % 300))
while [ -e "/tmp/fm-bench-$n" ]; do n=$((n + 1)); done
# the count the stand-in spatialite gives: frontiermap's own on the same rows
bash "$tmp/anchors.sh" data "$n" "$tmp" &&
    "$fm" -q import --db "$tmp/ref.gpkg" "$tmp/acled.csv" >/dev/null 2>&1 &&
    "$fm" near --db "$tmp/ref.gpkg" 34.100,71.090 --radius 25km --count >"$tmp/bin/count" 2>/dev/null ||
    fail "cannot make the reference count"
PATH=$tmp/bin:$PATH TMPDIR=$tmp/t FRONTIERMAP=$fm ANCHORS=$tmp/anchors.sh \
    bash "$src/scripts/bench-store" "$n" >"$tmp/out" 2>&1 || fail "bench-store: $(tail -3 "$tmp/out")"
grep -q "near ratio ours/SpatiaLite" "$tmp/out" || fail "no near ratio: $(tail -3 "$tmp/out")"
grep -q "import ratio ours/ogr2ogr" "$tmp/out" || fail "no import ratio: $(tail -3 "$tmp/out")"
[ -e "/tmp/fm-bench-$n" ] && { fail "bench-store wrote to /tmp/fm-bench-$n"; rm -rf "/tmp/fm-bench-$n"; }
[ -z "$(ls -A "$tmp/t")" ] || fail "bench-store left in TMPDIR: $(ls -A "$tmp/t")"
[ $fails = 0 ] && ok "bench-store ran in a directory of its own and removed it"

[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "all bench-store checks passed"
