#!/bin/bash
# test_concurrency.sh: one store, several processes. While a large import runs,
# stats, near, export and a map render keep answering (WAL readers see the old
# state); a second import either waits or fails with "locked by another import",
# never a raw "database is locked"; racing imports of different files leave the
# store with exactly the rows of those that succeeded. Two first imports into
# one new store: one builds, the other waits, and a failed one never removes
# the store the other published; first imports of two stores in one
# directory do not wait for each other.
# Usage: test_concurrency.sh FRONTIERMAP [ROWS]
set -uo pipefail
fm=${1:?usage: test_concurrency.sh FRONTIERMAP [ROWS]}
rows=${2:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
# library caches (fontconfig through Pango) are not leaks: tests/lsan.supp
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/conc.XXXXXX" 2>/dev/null || mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
fail=0
T="timeout 120"
python3 - "$rows" > "$tmp/big.csv" <<'PY'
import random, sys
random.seed(7)
print("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities,notes")
for i in range(int(sys.argv[1])):
    print(f"BIG{i},2025-{1+i%12:02d}-{1+i%28:02d},Battles,Place {i%97},"
          f"{random.uniform(30,36):.5f},{random.uniform(66,73):.5f},{i%7},row {i}")
PY
small() { # small PREFIX N > file
  python3 - "$1" "$2" <<'PY'
import sys
p, n = sys.argv[1], int(sys.argv[2])
print("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities")
for i in range(n):
    print(f"{p}{i},2025-10-{1+i%28:02d},Battles,Wana,{32.0+i*1e-4:.5f},69.6547,1")
PY
}
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM incidents").fetchone()[0])' "$1"; }
raw() { grep -Eq "database is locked|database table is locked|SQLITE_BUSY|runtime error|Sanitizer" "$@"; }

db=$tmp/s.gpkg
$T "$fm" import --db "$db" "$here/cli/fixtures/acled_current.csv" >/dev/null 2>&1 || { echo "FAIL setup"; exit 1; }

echo "readers during a ${rows}-row import"
$T "$fm" import --db "$db" "$tmp/big.csv" >"$tmp/imp.out" 2>"$tmp/imp.err" &
imp=$!; pids+=($imp)
n=0 during=0 second=""
while kill -0 $imp 2>/dev/null && [ $n -lt 40 ]; do
  n=$((n + 1))
  case $((n % 5)) in
    1) cmd=(stats --db "$db" --by none --format csv) ;;
    2) cmd=(near --db "$db" 32.4659,69.6547 --radius 50km --count) ;;
    3) cmd=(export --db "$db" --format geojson --out -) ;;
    4) cmd=(map --db "$db" --out "$tmp/m$n.png" --size 200x150mm --dpi 30 --labels none) ;;
    0) cmd=(import --db "$db" "$here/cli/hostile/inputs/bom.csv") ;;
  esac
  $T "$fm" "${cmd[@]}" >"$tmp/q.out" 2>"$tmp/q.err"
  rc=$?
  alive=0; kill -0 $imp 2>/dev/null && alive=1
  if [ "${cmd[0]}" = import ]; then
    # the second import: waited and succeeded, or refused clearly
    if [ $rc -ne 0 ] && ! grep -q "locked by another import" "$tmp/q.err"; then
      echo "FAIL second import: exit $rc"; cat "$tmp/q.err"; fail=1
    fi
    [ $alive = 1 ] && [ $rc -ne 0 ] && second="refused: $(head -1 "$tmp/q.err")"
  elif [ $rc -ne 0 ]; then
    echo "FAIL ${cmd[*]}: exit $rc during the import"; cat "$tmp/q.err"; fail=1
  fi
  if raw "$tmp/q.err"; then echo "FAIL raw lock error from ${cmd[0]}"; cat "$tmp/q.err"; fail=1; fi
  if [ "${cmd[0]}" = stats ] && [ $alive = 1 ]; then
    # before the commit: the old state; after it (the process still exiting): the new
    if grep -q "^total,20," "$tmp/q.out"; then during=$((during + 1))
    elif ! grep -Eq "^total,($((20 + rows))|$((21 + rows)))," "$tmp/q.out"; then
      echo "FAIL stats during the import saw a partial state"; cat "$tmp/q.out"; fail=1
    fi
  fi
done
wait $imp; irc=$?
[ $irc -eq 0 ] || { echo "FAIL the big import: exit $irc"; cat "$tmp/imp.err"; fail=1; }
raw "$tmp/imp.err" && { echo "FAIL raw lock error from the big import"; fail=1; }
echo "  $n commands ran during the import; $during stats saw the old state; second import ${second:-waited or ran after}"
[ $during -ge 1 ] || { echo "FAIL no query ran while the import was running (import too fast?)"; fail=1; }
total=$(count "$db")
case $total in
  $((20 + rows)) | $((21 + rows))) echo "  store holds $total rows" ;;
  *) echo "FAIL store holds $total rows"; fail=1 ;;
esac

echo "racing imports"
for k in 1 2; do
  small "A$k-" 3000 > "$tmp/a.csv"; small "B$k-" 3000 > "$tmp/b.csv"
  before=$(count "$db")
  $T "$fm" import --db "$db" "$tmp/a.csv" >/dev/null 2>"$tmp/a.err" & pa=$!
  $T "$fm" import --db "$db" "$tmp/b.csv" >/dev/null 2>"$tmp/b.err" & pb=$!
  pids+=($pa $pb)
  wait $pa; ra=$?; wait $pb; rb=$?
  want=$before
  for x in "a:$ra" "b:$rb"; do
    f=${x%%:*} r=${x#*:}
    if [ "$r" = 0 ]; then want=$((want + 3000))
    elif ! grep -q "locked by another import" "$tmp/$f.err"; then
      echo "FAIL racing import $f: exit $r"; cat "$tmp/$f.err"; fail=1
    fi
    raw "$tmp/$f.err" && { echo "FAIL raw lock error"; cat "$tmp/$f.err"; fail=1; }
  done
  got=$(count "$db")
  echo "  round $k: exits $ra/$rb, rows $before -> $got"
  [ "$got" = "$want" ] || { echo "FAIL expected $want rows"; fail=1; }
done
python3 -c 'import sqlite3,sys; sys.exit(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0] != "ok")' "$db" ||
  { echo "FAIL integrity_check"; fail=1; }

# waits (up to 20 s) until a build of store $1 has started
building() { for _ in $(seq 400); do ls -A "$(dirname "$1")" | grep -q "^\.$(basename "$1")\.building-" && return 0; sleep 0.05; done; return 1; }
leftovers() { ls -A "$1" | grep -E '\.building-|\.lock$' || true; }

echo "first imports racing into one new store"
# good: 3000 rows; bad: 20000 rows whose last is refused. Whichever builds
# first, the other waits; the store ends with the good rows, and the failed
# import never removes a store the other published.
small G 3000 > "$tmp/good.csv"
{ small Q 20000; echo "Qbad,2025-13-45,Battles,Wana,32.0,69.6,1"; } > "$tmp/bad.csv"
mkdir -p "$tmp/new"
for order in good-first bad-first good-first bad-first; do
  new=$tmp/new/n.gpkg
  rm -f "$new"*
  if [ $order = good-first ]; then first=good second=bad; else first=bad second=good; fi
  $T "$fm" import --db "$new" "$tmp/$first.csv" >/dev/null 2>"$tmp/$first.err" & p1=$!
  pids+=($p1)
  building "$new" || echo "  (no build seen for the first import)"
  $T "$fm" import --db "$new" "$tmp/$second.csv" >/dev/null 2>"$tmp/$second.err" & p2=$!
  pids+=($p2)
  wait $p1; r1=$?; wait $p2; r2=$?
  if [ $first = good ]; then rg=$r1 rb=$r2; else rg=$r2 rb=$r1; fi
  got=$( [ -f "$new" ] && count "$new" || echo none)
  echo "  $order: good exit $rg, bad exit $rb, store rows $got"
  if [ "$rg" != 0 ] && ! grep -q "locked by another import" "$tmp/good.err"; then
    echo "FAIL the good import: exit $rg"; cat "$tmp/good.err"; fail=1
  fi
  [ "$rb" = 1 ] && grep -q "invalid date" "$tmp/bad.err" || { echo "FAIL the bad import: exit $rb"; cat "$tmp/bad.err"; fail=1; }
  if [ "$rg" = 0 ] && [ "$got" != 3000 ]; then echo "FAIL the good import's store: $got rows"; fail=1; fi
  [ -z "$(leftovers "$tmp/new")" ] || { echo "FAIL left behind: $(leftovers "$tmp/new")"; fail=1; }
  for e in good bad; do raw "$tmp/$e.err" && { echo "FAIL raw error"; cat "$tmp/$e.err"; fail=1; }; done
done

echo "new stores side by side"
# a long first import of one store does not hold up a first import of
# another in the same directory (the lock is the store's, not the directory's)
rm -f "$tmp/new/"*
$T "$fm" import --db "$tmp/new/a.gpkg" "$tmp/big.csv" >/dev/null 2>"$tmp/a.err" & pa=$!
pids+=($pa)
building "$tmp/new/a.gpkg" || echo "  (no build seen for a.gpkg)"
t0=$(date +%s%N)
$T "$fm" import --db "$tmp/new/b.gpkg" "$tmp/good.csv" >/dev/null 2>"$tmp/b.err"; rb=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
alive=0; kill -0 $pa 2>/dev/null && alive=1
wait $pa; ra=$?
state=$([ $alive = 1 ] && echo "still being built" || echo "already built")
echo "  b.gpkg took $ms ms (exit $rb) while a.gpkg was $state (exit $ra)"
[ "$rb" = 0 ] && [ "$ra" = 0 ] || { echo "FAIL imports: $ra/$rb"; cat "$tmp/a.err" "$tmp/b.err"; fail=1; }
[ $alive = 1 ] || { echo "FAIL b.gpkg was not built while a.gpkg was (it waited, or a.gpkg was too quick)"; fail=1; }
[ "$(count "$tmp/new/b.gpkg")" = 3000 ] && [ "$(count "$tmp/new/a.gpkg")" = "$rows" ] ||
  { echo "FAIL rows: a $(count "$tmp/new/a.gpkg"), b $(count "$tmp/new/b.gpkg")"; fail=1; }
[ -z "$(leftovers "$tmp/new")" ] || { echo "FAIL left behind: $(leftovers "$tmp/new")"; fail=1; }
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
