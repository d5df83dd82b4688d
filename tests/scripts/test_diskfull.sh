#!/bin/bash
# test_diskfull.sh: a store on a full disk (a 2 MB tmpfs, mounted when running
# as root; skipped with a message otherwise): an import that runs out of space
# fails clearly and leaves the store intact; map and export to a full disk fail
# clearly and leave no partial file. Also a read-only store (a read-only bind
# mount, or chmod when not root) gives a clear error on import and still
# answers queries. Usage: test_diskfull.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_diskfull.sh FRONTIERMAP}
here=$(cd "$(dirname "$0")/.." && pwd)
# library caches (fontconfig through Pango) are not leaks: tests/lsan.supp
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/full.XXXXXX" 2>/dev/null || mktemp -d)
mnt=$tmp/mnt ro=$tmp/ro
mkdir -p "$mnt" "$ro"
cleanup() { umount "$mnt" 2>/dev/null; umount "$ro" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail=0
T="timeout 120"
export FRONTIERMAP_DATA=${FRONTIERMAP_DATA:-}
python3 - > "$tmp/big.csv" <<'PY'
import random
random.seed(3)
print("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities,notes")
for i in range(60000):
    print(f"F{i},2025-{1+i%12:02d}-{1+i%28:02d},Battles,Place {i%97},"
          f"{random.uniform(30,36):.5f},{random.uniform(66,73):.5f},{i%7},"
          f"a note long enough to fill the small disk quickly: row {i}")
PY
state() { python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM incidents").fetchone()[0])' "$1"; }
raw() { grep -Eq "runtime error|Sanitizer|database disk image|SQLITE_" "$@"; }

if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m tmpfs "$mnt" 2>/dev/null; then
  echo "disk full (2 MB tmpfs)"
  $T "$fm" import --db "$mnt/s.gpkg" "$here/cli/fixtures/acled_current.csv" >/dev/null 2>&1 ||
    { echo "FAIL cannot create the small store"; exit 1; }
  sum=$(sha256sum < "$mnt/s.gpkg")
  $T "$fm" import --db "$mnt/s.gpkg" "$tmp/big.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
  echo "  import: exit $rc: $(head -1 "$tmp/err")"
  [ $rc -eq 1 ] || { echo "FAIL import on a full disk: exit $rc"; fail=1; }
  grep -Eqi "disk is full|no space|out of space" "$tmp/err" || { echo "FAIL no clear disk-full message"; cat "$tmp/err"; fail=1; }
  raw "$tmp/err" && { echo "FAIL raw error"; fail=1; }
  [ "$(state "$mnt/s.gpkg")" = "ok 20" ] || { echo "FAIL store damaged: $(state "$mnt/s.gpkg")"; fail=1; }
  [ "$(sha256sum < "$mnt/s.gpkg")" = "$sum" ] || echo "  note: store file bytes differ (rows and integrity intact)"
  ls "$mnt" | grep -v '^s\.gpkg$' | grep -v -- '-wal$\|-shm$' && { echo "FAIL stray files"; fail=1; }
  # fill the disk to the brim, then write outputs to it
  dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
  for out in m.png m.pdf m.svg; do
    # the built-in incidents: no store needed
    $T "$fm" map --out "$mnt/$out" >/dev/null 2>"$tmp/err"; rc=$?
    echo "  map $out: exit $rc: $(head -1 "$tmp/err")"
    [ $rc -ne 0 ] && grep -Eqi "no space|disk is full|cannot write" "$tmp/err" || { echo "FAIL map to a full disk"; cat "$tmp/err"; fail=1; }
    ls -a "$mnt" | grep "^$out\|\.tmp" >/dev/null && { echo "FAIL partial file left: $(ls -a "$mnt")"; fail=1; }
  done
  for fmt in csv geojson kml gpkg; do
    $T "$fm" export --format $fmt --out "$mnt/x.$fmt" >/dev/null 2>"$tmp/err"; rc=$?
    echo "  export $fmt: exit $rc: $(head -1 "$tmp/err")"
    [ $rc -ne 0 ] && grep -Eqi "no space|disk is full|cannot write" "$tmp/err" || { echo "FAIL export $fmt to a full disk"; cat "$tmp/err"; fail=1; }
    ls -a "$mnt" | grep "^x\.\|\.tmp" >/dev/null && { echo "FAIL partial file left: $(ls -a "$mnt")"; fail=1; }
  done
  rm -f "$mnt/filler"
  [ "$(state "$mnt/s.gpkg")" = "ok 20" ] || { echo "FAIL store after the outputs: $(state "$mnt/s.gpkg")"; fail=1; }
else
  echo "skip disk full: needs root and mount -t tmpfs (not permitted here)"
fi

echo "read-only store"
$T "$fm" import --db "$tmp/r.gpkg" "$here/cli/fixtures/acled_current.csv" >/dev/null 2>&1
if [ "$(id -u)" = 0 ]; then
  mount --bind -o ro "$tmp" "$ro" 2>/dev/null && mount -o remount,bind,ro "$ro" 2>/dev/null ||
    { umount "$ro" 2>/dev/null; echo "skip read-only store: bind mount not permitted"; ro=""; }
  rdb=${ro:+$ro/r.gpkg}
else
  chmod a-w "$tmp/r.gpkg" "$tmp"; rdb=$tmp/r.gpkg
fi
if [ -n "$rdb" ]; then
  $T "$fm" import --db "$rdb" "$here/cli/hostile/inputs/bom.csv" >"$tmp/out" 2>"$tmp/err"; rc=$?
  echo "  import: exit $rc: $(head -1 "$tmp/err")"
  [ $rc -eq 1 ] && grep -Eqi "read-only|readonly|permission|cannot write" "$tmp/err" ||
    { echo "FAIL import into a read-only store"; cat "$tmp/err"; fail=1; }
  raw "$tmp/err" && { echo "FAIL raw error"; fail=1; }
  $T "$fm" add --db "$rdb" --date 2025-10-01 --lat 32.4 --lon 69.6 --type Battles >"$tmp/out" 2>"$tmp/err"; rc=$?
  echo "  add: exit $rc: $(head -1 "$tmp/err")"
  [ $rc -eq 1 ] && grep -Eqi "read-only|readonly|permission|cannot write" "$tmp/err" ||
    { echo "FAIL add into a read-only store"; cat "$tmp/err"; fail=1; }
  $T "$fm" stats --db "$rdb" --by none --format csv >"$tmp/out" 2>"$tmp/err"; rc=$?
  echo "  stats: exit $rc: $(grep total "$tmp/out")"
  [ $rc -eq 0 ] && grep -q "^total,20," "$tmp/out" || { echo "FAIL query of a read-only store"; cat "$tmp/err"; fail=1; }
  [ "$(state "$tmp/r.gpkg")" = "ok 20" ] || { echo "FAIL read-only store changed"; fail=1; }
  [ "$(id -u)" = 0 ] || chmod u+w "$tmp"
fi
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
