#!/bin/bash
# test_foreign_store.sh: files that are not frontiermap stores, and stores
# that are damaged, are left exactly as they were. import and add into a
# plain SQLite file (rollback journal and WAL), an ogr2ogr GeoPackage, a
# store with a page overwritten, one cut short, are refused (exit 1) with a
# clear message; each file is byte-identical afterwards, its journal mode
# unchanged, no -wal/-shm left beside it. A damaged store's message says how
# to recover, and the way it gives (export by date ranges) works.
# Usage: test_foreign_store.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_foreign_store.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
here=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/foreign.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
T="timeout 60"
good=$here/cli/fixtures/acled_current.csv
ged=$here/../data/samples/ucdp-ged-pakistan-1989-2021.csv
jmode() { python3 -c 'import sqlite3,sys; print(sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True).execute("PRAGMA journal_mode").fetchone()[0])' "$1" 2>/dev/null || echo "?"; }

python3 - <<'PY'
import sqlite3
c = sqlite3.connect("plain.db"); c.execute("CREATE TABLE t(a)"); c.execute("INSERT INTO t VALUES (1)"); c.commit(); c.close()
c = sqlite3.connect("plainwal.db"); c.execute("PRAGMA journal_mode=WAL"); c.execute("CREATE TABLE t(a)")
c.execute("INSERT INTO t VALUES (1)"); c.commit(); c.close()
PY
if command -v ogr2ogr >/dev/null; then
  ogr2ogr -f GPKG ogr.gpkg "$good" -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude 2>/dev/null ||
    { echo "FAIL ogr2ogr"; fail=1; }
fi
$T "$fm" import --db store.gpkg "$ged" >/dev/null 2>&1 || { echo "FAIL setup import"; exit 1; }
cp store.gpkg page.gpkg
# a leaf page in the middle of the incidents table overwritten (with 'x's:
# the same damage every run; a leaf, so that the rows around it stay readable)
python3 - page.gpkg <<'PY' || { echo "FAIL cannot damage the copy"; exit 1; }
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
size = c.execute("PRAGMA page_size").fetchone()[0]
leaves = [r[0] for r in c.execute("SELECT pageno FROM dbstat WHERE name = 'incidents'"
                                  " AND pagetype = 'leaf' ORDER BY pageno")]
c.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((leaves[len(leaves) // 2] - 1) * size)
    f.write(b"x" * size)
PY
cp store.gpkg short.gpkg
truncate -s $(( $(stat -c %s store.gpkg) / 3 )) short.gpkg

# refused WANT FILE CMD...: exit 1, message /WANT/, FILE and its journal mode unchanged
refused() {
  local want=$1 f=$2; shift 2
  local sum; sum=$(sha256sum < "$f")
  local jm; jm=$(jmode "$f")
  local others; others=$(ls -A | grep -v "^$f$" | sort)
  $T "$fm" "$@" >out.txt 2>err.txt
  local rc=$? why=""
  [ $rc -eq 1 ] || why="exit $rc"
  grep -Eq "$want" err.txt || why="$why; message not /$want/"
  grep -Eq "runtime error|Sanitizer" err.txt && why="$why; sanitizer"
  [ "$(sha256sum < "$f")" = "$sum" ] || why="$why; $f changed"
  [ "$(jmode "$f")" = "$jm" ] || why="$why; journal mode $jm -> $(jmode "$f")"
  [ "$(ls -A | grep -v "^$f$" | grep -v '^out.txt$\|^err.txt$' | sort)" = "$(echo "$others" | grep -v '^out.txt$\|^err.txt$')" ] ||
    why="$why; files beside it: $(ls -A | tr '\n' ' ')"
  if [ -n "$why" ]; then echo "FAIL $*: $why"; sed 's/^/    /' err.txt; fail=1
  else printf '  ok %-48.48s %s\n' "$*" "$(head -c 100 err.txt)"; fi
  rm -f out.txt err.txt
}
add=(add --date 2025-10-01 --lat 33.0 --lon 70.1 --type Battles --killed 1)
echo "foreign files"
for f in plain.db plainwal.db; do
  refused "not a GeoPackage" "$f" import --db "$f" "$good"
  refused "not a GeoPackage" "$f" "${add[@]}" --db "$f"
done
if [ -f ogr.gpkg ]; then
  refused "not a frontiermap store" ogr.gpkg import --db ogr.gpkg "$good"
  refused "not a frontiermap store" ogr.gpkg "${add[@]}" --db ogr.gpkg
fi
echo "damaged stores"
refused "is damaged.*nothing was written.*Restore a backup" page.gpkg import --db page.gpkg "$good"
refused "is damaged.*nothing was written" page.gpkg "${add[@]}" --db page.gpkg
refused "is damaged.*nothing was written" short.gpkg import --db short.gpkg "$good"
refused "is damaged" short.gpkg "${add[@]}" --db short.gpkg
# a read that meets the damage says so, and how to recover
$T "$fm" export --db page.gpkg --format csv --out all.csv >/dev/null 2>err.txt
grep -q "is damaged.*a date range at a time" err.txt && [ ! -e all.csv ] &&
  echo "  ok a read of the damaged store: $(head -c 100 err.txt)" ||
  { echo "FAIL reading the damaged store:"; cat err.txt; fail=1; }
# the recovery the message gives: date ranges export, the damaged one fails
n=0
for r in "--until 2005-12-31" "--since 2006-01-01 --until 2010-12-31" "--since 2011-01-01 --until 2013-12-31" "--since 2014-01-01"; do
  # shellcheck disable=SC2086
  $T "$fm" export --db page.gpkg --format gpkg --out "part$n.gpkg" $r >/dev/null 2>&1 && n=$((n + 1))
done
saved=0
for p in part*.gpkg; do
  [ -f "$p" ] && $T "$fm" import --db saved.gpkg "$p" >/dev/null 2>&1 &&
    saved=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM incidents").fetchone()[0])' saved.gpkg)
done
if [ "$n" -ge 2 ] && [ "$n" -lt 4 ] && [ "$saved" -gt 1000 ]; then
  echo "  ok recovery: $n of 4 date ranges exported, $saved of 6416 incidents saved in a new store"
else
  echo "FAIL recovery: $n ranges exported, $saved saved"; fail=1
fi
# the sound store still takes writes, and gets a plain check first
before=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM incidents").fetchone()[0])' store.gpkg)
$T "$fm" import --db store.gpkg "$good" >/dev/null 2>&1 &&
  [ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM incidents").fetchone()[0])' store.gpkg)" = $((before + 20)) ] &&
  echo "  ok a sound store still takes an import" || { echo "FAIL import into the sound store"; fail=1; }
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
