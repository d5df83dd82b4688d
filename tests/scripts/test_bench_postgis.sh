#!/bin/bash
# test_bench_postgis.sh: scripts/bench-postgis runs through on a few hundred
# rows (one round) and prints its ratios; without a DIR it works in a
# temporary directory of its own under $TMPDIR and removes it, writing
# nothing to a fixed /tmp path that another run or another user may hold
# (it once kept /tmp/fm-bench-N). The input is a stand-in for the synthetic
# ACLED generator, a few rows in ACLED's layout.
# Skipped (77) when the PostgreSQL server or ogr2ogr is not installed,
# except under CI.
# Usage: test_bench_postgis.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_bench_postgis.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
src=$(cd "$(dirname "$0")/../.." && pwd)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v ogr2ogr >/dev/null; then
    [ "${CI:-}" = true ] && { echo "FAIL: PostgreSQL or ogr2ogr missing under CI"; exit 1; }
    exit 77
fi
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/benchpg.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "  ok: $*"; }

cat >"$tmp/gen.py" <<'PY'
import sys
n = int(sys.argv[1])
print("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
      "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
      "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
      "source_scale,notes,fatalities,tags,timestamp")
for i in range(1, n + 1):
    print(f"PAK{i},{1 + i % 28} July 2024,2024,1,Political violence,Battles,Armed clash,"
          f"Military Forces of Pakistan (2024-),,1,TTP: Tehreek-i-Taliban Pakistan,,2,12,,586,"
          f"Southern Asia,Pakistan,Khyber Pakhtunkhwa,Khyber,,Torkham,{34.05 + i % 10 / 100:.4f},"
          f"{71.05 + i % 7 / 100:.4f},1,Dawn,National,\"synthetic event {i}\",{i % 3},,1700000000")
PY
# a row count no earlier run left a fixed directory for
n=$((300 + RANDOM % 600))
while [ -e "/tmp/fm-bench-$n" ]; do n=$((n + 1)); done
mkdir "$tmp/t"
TMPDIR=$tmp/t ROUNDS=1 FRONTIERMAP=$fm GEN_ACLED=$tmp/gen.py \
    bash "$src/scripts/bench-postgis" "$n" >"$tmp/out" 2>&1 || fail "bench-postgis: $(tail -3 "$tmp/out")"
grep -q "postgis import ratio ours/ogr2ogr" "$tmp/out" || fail "no import ratio: $(tail -3 "$tmp/out")"
grep -q "NOTE: the counts differ" "$tmp/out" && fail "near counts differ: $(grep NOTE "$tmp/out")"
[ -e "/tmp/fm-bench-$n" ] && { fail "bench-postgis wrote to /tmp/fm-bench-$n"; rm -rf "/tmp/fm-bench-$n"; }
[ -z "$(ls -A "$tmp/t")" ] || fail "bench-postgis left in TMPDIR: $(ls -A "$tmp/t")"
[ $fails = 0 ] && ok "bench-postgis ran in a directory of its own and removed it"

[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "all bench-postgis checks passed"
