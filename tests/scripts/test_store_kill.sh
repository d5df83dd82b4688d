#!/bin/bash
# test_store_kill.sh: kill -9 at random points of a large import, repeatedly,
# in turn during four kinds of write: new rows into a store (bulk insert), a
# newer export updating every row of a store, the first import that creates
# a store, and a week's few rows into a big store (its packed points patched
# in the transaction, their emptying triggers dropped in it). Each time the store must pass PRAGMA integrity_check
# and its spatial index check, and hold exactly the state before or after the
# import (row count and a checksum of the figures), never a part; a killed
# first import leaves no store or a complete one, and nothing behind once the
# next build of that store runs.
# Usage: test_store_kill.sh FRONTIERMAP [ROWS] [KILLS]
set -euo pipefail
fm=${1:?usage: test_store_kill.sh FRONTIERMAP [ROWS] [KILLS]}
rows=${2:-200000}
kills=${3:-6}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/kill.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The built-in data is used as shipped: a missing data directory is an error
# for import since the install became relocatable, so the test can no longer
# leave the basemap out to skip the border distances.
gen() { # gen N PREFIX FATALITY_OFFSET > file.csv
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys
n, p, off = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
random.seed(hash(p) & 0xffff)
w = sys.stdout.write
w("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities,notes\n")
for i in range(n):
    w(f"{p}{i},2025-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,Place {i % 97},"
      f"{random.uniform(30, 36):.5f},{random.uniform(66, 73):.5f},{i % 7 + off},"
      f"synthetic row {i} for the kill test\n")
PY
}
fsum() { # sum of the fatalities gen N _ OFF writes
  python3 -c "print(sum(i % 7 + $3 for i in range($1)))"
}
check() { # check DB "ROWS:SUM"... (the states allowed)
  python3 - "$@" <<'PY'
import sqlite3, sys
db, allowed = sys.argv[1], set(sys.argv[2:])
c = sqlite3.connect(db)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
n, f = c.execute("SELECT count(*), coalesce(sum(fatalities), 0) FROM incidents").fetchone()
rt = c.execute("SELECT count(*) FROM rtree_incidents_geom").fetchone()[0]
rc = c.execute("SELECT rtreecheck('rtree_incidents_geom')").fetchone()[0]
print(f"   integrity {ok}, {n} rows, fatalities {f}, {rt} in the spatial index ({rc})")
sys.exit(0 if ok == "ok" and rc == "ok" and f"{n}:{f}" in allowed and rt == n else 1)
PY
}
points_ok() { # points_ok DB: the packed copy is whole or empty, its triggers there
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("SELECT count(*) FROM incidents").fetchone()[0]
p = c.execute("SELECT coalesce(sum(length(data)), 0) / 48 FROM frontiermap_points").fetchone()[0]
t = c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
              " AND name LIKE 'frontiermap_points_%'").fetchone()[0]
print(f"   packed points {p} of {n}, {t} triggers")
sys.exit(0 if p in (0, n) and t == 3 else 1)
PY
}
tally() { # tally DB MODE: which state the kill left, for the summary
  echo "$2: $(python3 -c "import sqlite3, sys
n, f = sqlite3.connect(sys.argv[1]).execute('SELECT count(*), sum(fatalities) FROM incidents').fetchone()
print(n, 'rows, fatalities', f)" "$1")" >> "$tmp/tally"
}
restore() { # restore SRC DST: a store copied as a closed file (and on disk, so
  # that writing it back does not slow the import that follows)
  rm -f "$2" "$2-wal" "$2-shm"; cp "$1" "$2"; sync
}
kill_during() { # kill_during DELAY_MS command...
  local ms=$1 pid
  shift
  "$@" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v d="$ms" 'BEGIN{print d/1000}')"
  if kill -9 "$pid" 2>/dev/null; then
    echo "running" >> "$tmp/hits"
    wait "$pid" 2>/dev/null || true
  elif ! wait "$pid"; then # it ended before the kill: it must have succeeded
    echo "   the import failed by itself"; fail=1
  fi
}
fail=0
: > "$tmp/hits"
gen 1000 BASE 0 > "$tmp/base.csv"
gen "$rows" BIG 0 > "$tmp/big.csv"
gen "$rows" BIG 3 > "$tmp/newer.csv"
"$fm" import --db "$tmp/before.gpkg" "$tmp/base.csv" >/dev/null
cp "$tmp/before.gpkg" "$tmp/after.gpkg"
sync
start=$(date +%s%N)
"$fm" import --db "$tmp/after.gpkg" "$tmp/big.csv" >/dev/null
ms=$(( ($(date +%s%N) - start) / 1000000 ))
b=$(fsum 1000 x 0)
before="1000:$b" after="$((1000 + rows)):$((b + $(fsum "$rows" x 0)))"
newer="$((1000 + rows)):$((b + $(fsum "$rows" x 3)))"
gen 3000 WEEK 0 > "$tmp/week.csv"
cp "$tmp/after.gpkg" "$tmp/week.gpkg"
sync
start=$(date +%s%N)
"$fm" import --db "$tmp/week.gpkg" "$tmp/week.csv" >/dev/null
week_ms=$(( ($(date +%s%N) - start) / 1000000 ))
week="$((4000 + rows)):$((b + $(fsum "$rows" x 0) + $(fsum 3000 x 0)))"
echo "a full import takes ${ms} ms, a week's rows ${week_ms} ms; states: before $before,"\
     "after $after, updated $newer, a week later $week"
for i in $(seq 1 "$kills"); do
  # up to 1.6x a whole import: some kills land during the commit and after it
  delay=$(( (RANDOM * 32768 + RANDOM) % (ms * 16 / 10 > 100 ? ms * 16 / 10 : 100) ))
  case $((i % 4)) in
  3) delay=$(( (RANDOM * 32768 + RANDOM) % (week_ms * 16 / 10 > 50 ? week_ms * 16 / 10 : 50) ))
     restore "$tmp/after.gpkg" "$tmp/s.gpkg"
     echo "kill $i: a week's rows into a big store, after ${delay} ms"
     kill_during "$delay" "$fm" import --db "$tmp/s.gpkg" "$tmp/week.csv"
     check "$tmp/s.gpkg" "$after" "$week" || fail=1
     points_ok "$tmp/s.gpkg" || fail=1
     tally "$tmp/s.gpkg" "a week's rows" ;;
  1) restore "$tmp/before.gpkg" "$tmp/s.gpkg"
     echo "kill $i: new rows, after ${delay} ms"
     kill_during "$delay" "$fm" import --db "$tmp/s.gpkg" "$tmp/big.csv"
     check "$tmp/s.gpkg" "$before" "$after" || fail=1
     tally "$tmp/s.gpkg" "new rows" ;;
  2) restore "$tmp/after.gpkg" "$tmp/s.gpkg"
     echo "kill $i: every row updated, after ${delay} ms"
     kill_during "$delay" "$fm" import --db "$tmp/s.gpkg" "$tmp/newer.csv"
     check "$tmp/s.gpkg" "$after" "$newer" || fail=1
     tally "$tmp/s.gpkg" "every row updated" ;;
  0) rm -f "$tmp/new.gpkg"*
     echo "kill $i: a first import, after ${delay} ms"
     kill_during "$delay" "$fm" import --db "$tmp/new.gpkg" "$tmp/big.csv"
     if [ -e "$tmp/new.gpkg" ]; then
       check "$tmp/new.gpkg" "$rows:$(fsum "$rows" x 0)" || fail=1
       tally "$tmp/new.gpkg" "a first import"
     else
       echo "   no store"
       echo "a first import: no store" >> "$tmp/tally"
     fi
     # what the killed build left is cleared by the next build of that store
     if [ ! -e "$tmp/new.gpkg" ]; then
       "$fm" import --db "$tmp/new.gpkg" "$tmp/base.csv" >/dev/null 2>&1
       left=$(ls -A "$tmp" | grep "building" || true)
       if [ -n "$left" ]; then echo "   left behind: $left"; fail=1; fi
     fi ;;
  esac
done
# kills drawn up to 1.6x the import time measured at the start miss when the
# machine has since got faster (a busy CI box going idle): a few more, early in
# an import, until enough of them have hit one (each checked the same way)
extra=0
while [ "$kills" -ge 6 ] && [ "$(wc -l < "$tmp/hits" 2>/dev/null || echo 0)" -lt $((kills / 3)) ] &&
      [ "$extra" -lt "$kills" ]; do
  extra=$((extra + 1))
  delay=$(( ms / 10 + (RANDOM * 32768 + RANDOM) % (ms * 3 / 10 > 10 ? ms * 3 / 10 : 10) ))
  restore "$tmp/before.gpkg" "$tmp/s.gpkg"
  echo "extra kill $extra: new rows, after ${delay} ms"
  kill_during "$delay" "$fm" import --db "$tmp/s.gpkg" "$tmp/big.csv"
  check "$tmp/s.gpkg" "$before" "$after" || fail=1
  tally "$tmp/s.gpkg" "new rows"
done
# after all that, an import still completes
restore "$tmp/before.gpkg" "$tmp/s.gpkg"
"$fm" import --db "$tmp/s.gpkg" "$tmp/big.csv" >/dev/null 2>&1
check "$tmp/s.gpkg" "$after" || fail=1
echo "where the kills left the stores ($(wc -l < "$tmp/hits" 2>/dev/null || echo 0) of $kills kills hit a running import):"
sort "$tmp/tally" | uniq -c
# the loop must really have killed imports (a harness that never ran one
# would pass every check above)
hits=$(wc -l < "$tmp/hits" 2>/dev/null || echo 0)
if [ "$kills" -ge 6 ] && [ "$hits" -lt $((kills / 3)) ]; then
  echo "   only $hits kills hit a running import: the harness is broken"; fail=1
fi
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
