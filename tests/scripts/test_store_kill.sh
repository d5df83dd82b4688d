#!/bin/bash
# test_store_kill.sh: kill -9 at random points of a large import, repeatedly:
# the store must pass PRAGMA integrity_check and hold exactly the rows of
# before or after the import, never a part. Also a killed first import
# leaves no store at all. Usage: test_store_kill.sh FRONTIERMAP [ROWS] [KILLS]
set -euo pipefail
fm=${1:?usage: test_store_kill.sh FRONTIERMAP [ROWS] [KILLS]}
rows=${2:-200000}
kills=${3:-4}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/kill.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# crash safety, not geography: no basemap, so border distances do not set the pace
mkdir -p "$tmp/nodata"
export FRONTIERMAP_DATA="$tmp/nodata"
gen() { # gen N PREFIX > file.csv
  python3 - "$1" "$2" <<'PY'
import random, sys
n, p = int(sys.argv[1]), sys.argv[2]
random.seed(hash(p) & 0xffff)
w = sys.stdout.write
w("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities,notes\n")
for i in range(n):
    w(f"{p}{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,Place {i % 97},"
      f"{random.uniform(30, 36):.5f},{random.uniform(66, 73):.5f},{i % 7},"
      f"synthetic row {i} for the kill test\n")
PY
}
check() { # check DB ALLOWED_COUNTS...
  python3 - "$@" <<'PY'
import sqlite3, sys
db, allowed = sys.argv[1], set(int(x) for x in sys.argv[2:])
c = sqlite3.connect(db)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
n = c.execute("SELECT count(*) FROM incidents").fetchone()[0]
rt = c.execute("SELECT count(*) FROM rtree_incidents_geom").fetchone()[0]
print(f"   integrity {ok}, {n} rows, {rt} in the spatial index")
sys.exit(0 if ok == "ok" and n in allowed and rt == n else 1)
PY
}
gen 1000 BASE > "$tmp/base.csv"
gen "$rows" BIG > "$tmp/big.csv"
"$fm" import --db "$tmp/s.gpkg" "$tmp/base.csv" >/dev/null 2>&1
before=1000 after=$((1000 + rows))
# how long a whole import takes, to kill within it
start=$(date +%s%N)
"$fm" import --db "$tmp/probe.gpkg" "$tmp/big.csv" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a full import takes ${ms} ms"
fail=0
for i in $(seq 1 "$kills"); do
  delay=$(( RANDOM % (ms > 100 ? ms : 100) ))
  "$fm" import --db "$tmp/s.gpkg" "$tmp/big.csv" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v d="$delay" 'BEGIN{print d/1000}')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "kill $i after ${delay} ms"
  check "$tmp/s.gpkg" "$before" "$after" || fail=1
done
# a killed first import: no store, or a complete one
"$fm" import --db "$tmp/new.gpkg" "$tmp/big.csv" >/dev/null 2>&1 &
pid=$!
sleep "$(awk -v d="$(( ms / 2 ))" 'BEGIN{print d/1000}')"
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
if [ -e "$tmp/new.gpkg" ]; then
  echo "first import killed late: the store is complete"; check "$tmp/new.gpkg" "$rows" || fail=1
else
  echo "first import killed: no store left"
fi
# what the killed build left is cleared by the next build of that store
rm -f "$tmp/new.gpkg"*
"$fm" import --db "$tmp/new.gpkg" "$tmp/base.csv" >/dev/null 2>&1
left=$(ls -A "$tmp" | grep "building" || true)
if [ -n "$left" ]; then echo "left behind: $left"; fail=1; fi
"$fm" import --db "$tmp/s.gpkg" "$tmp/big.csv" >/dev/null 2>&1
check "$tmp/s.gpkg" "$after" || fail=1
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
