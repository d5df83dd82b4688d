#!/bin/bash
# test_outputs.sh: no output replaces what it must not. Every command that
# writes a file (export, map, heatmap and its --grid-out, monthly, import
# --rejects) is pointed at the store (by name, through a symbolic link, a
# hard link, ../ and at its -wal), at an input, at a directory, a FIFO and
# (as root) /dev/null and /dev/full: each is refused with exit 2 and a clear
# message, and every file in the directory is byte-identical afterwards, the
# device nodes and the FIFO still what they were. Then what must work does:
# a link to a regular file has its target replaced (the link stays), a
# dangling link gets its target created, /dev/stdout is written through,
# outputs are 0644 (0600 under umask 077), a replaced file keeps its mode,
# and an exported GeoPackage is in rollback-journal mode with no -wal/-shm.
# Usage: test_outputs.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_outputs.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm") # the test runs in its scratch directory
here=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/outputs.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
T="timeout 60"
ged=$here/../data/samples/ucdp-ged-pakistan-1989-2021.csv
$T "$fm" import --db s.gpkg "$ged" >/dev/null 2>&1 || { echo "FAIL setup import"; exit 1; }
cp "$here/cli/hostile/inputs/date_feb30.csv" in.csv
ln -s s.gpkg link.gpkg
ln -s s.gpkg link.png
ln -s s.gpkg link.tif
ln s.gpkg hard.gpkg
ln -s in.csv in-link.csv
mkdir -p sub dir.csv dir.png
mkfifo fifo.csv fifo.png

# every file and node here: content hashes, kinds and modes
snap() {
  find . -mindepth 1 -maxdepth 2 | sort | while read -r f; do
    if [ -L "$f" ]; then echo "$f link $(readlink "$f")"
    elif [ "$f" = ./s.gpkg-shm ] || [ "$f" = ./s.gpkg-wal ]; then : # SQLite's, come and go
    elif [ -f "$f" ]; then echo "$f $(stat -c %a "$f") $(sha256sum < "$f")"
    else echo "$f $(stat -c '%F %a' "$f")"; fi
  done
  stat -c '%n %F %t:%T' /dev/null /dev/full
}
before=$(snap)

# refused CMD...: exit 2, the message matches $want, nothing changed
refused() {
  local want=$1; shift
  $T "$fm" "$@" >out.txt 2>err.txt < /dev/null
  local rc=$?
  local why=""
  [ $rc -eq 2 ] || why="exit $rc"
  grep -Eq "$want" err.txt || why="$why; message not /$want/"
  grep -Eq "runtime error|Sanitizer|database is locked" err.txt && why="$why; raw error"
  rm -f out.txt
  local after; after=$(snap | grep -v 'err.txt')
  [ "$after" = "$(echo "$before" | grep -v 'err.txt')" ] || why="$why; files changed: $(diff <(echo "$before") <(echo "$after") | head -5 | tr '\n' ' ')"
  if [ -n "$why" ]; then
    echo "FAIL $*: $why"; sed 's/^/    /' err.txt; fail=1
  else
    printf '  ok %-62.62s %s\n' "$*" "$(head -c 90 err.txt)"
  fi
  rm -f err.txt
}
store="it is the store"
echo "outputs over the store"
FRONTIERMAP_DB=s.gpkg refused "$store" export --format gpkg --out s.gpkg --since 2021-01-01
refused "$store" export --db s.gpkg --format csv --out s.gpkg
refused "$store" export --db s.gpkg --format gpkg --out link.gpkg
refused "$store" export --db s.gpkg --format geojson --out hard.gpkg
refused "$store" export --db s.gpkg --format kml --out sub/../s.gpkg
refused "$store" export --db link.gpkg --format csv --out "$tmp/s.gpkg"
refused "write-ahead log of the store" export --db s.gpkg --format csv --out s.gpkg-wal
refused "shared-memory index of the store" export --db s.gpkg --format csv --out ./s.gpkg-shm
refused "$store" map --db s.gpkg --out link.png --dpi 40
refused "$store" heatmap --db s.gpkg --month 2020-05 --out link.png --dpi 40
refused "$store" heatmap --db s.gpkg --month 2020-05 --out h.png --grid-out link.tif --dpi 40
refused "$store" heatmap --db s.gpkg --month 2020-05 --out h.png --grid-out s.gpkg --dpi 40
refused "$store" import --db s.gpkg --skip-bad --rejects s.gpkg in.csv
refused "$store" import --db s.gpkg --skip-bad --rejects hard.gpkg in.csv
refused "is the store 's.gpkg' itself" import --db s.gpkg link.gpkg
echo "outputs over an input"
refused "an input of this command" import --db s.gpkg --skip-bad --rejects in.csv in.csv
refused "an input of this command" import --db s.gpkg --skip-bad --rejects in-link.csv in.csv
refused "an input of this command" import --db s.gpkg --skip-bad --rejects sub/../in.csv "$here/cli/fixtures/acled_current.csv" in.csv
refused "name one file" heatmap --db s.gpkg --month 2020-05 --out h.png --grid-out ./h.png --dpi 40
echo "outputs that are not regular files"
refused "a directory" export --db s.gpkg --format csv --out dir.csv
refused "a directory" map --db s.gpkg --out dir.png --dpi 40
refused "a FIFO" export --db s.gpkg --format csv --out fifo.csv
refused "a FIFO" map --db s.gpkg --out fifo.png --dpi 40
refused "a FIFO" import --db s.gpkg --skip-bad --rejects fifo.csv in.csv
refused "a character device" export --db s.gpkg --format gpkg --out /dev/fd/0
refused "a character device" export --db s.gpkg --format csv --out /dev/null
refused "a character device" export --db s.gpkg --format csv --out /dev/full
refused "a character device" heatmap --db s.gpkg --month 2020-05 --out h.png --grid-out /dev/null --dpi 40
[ -e h.png ] && { echo "FAIL a refused heatmap left h.png"; fail=1; }
# a month whose image would be the store: refused, the store intact
mkdir -p heat && ln -sf ../s.gpkg heat/heatmap-2020-05.png
before=$(snap)
refused "$store" monthly --db s.gpkg --from 2020-05 --to 2020-05 --outdir heat --dpi 40
rm -f heat/heatmap-2020-05.png
before=$(snap)

echo "what must work"
lines=$($T "$fm" export --db s.gpkg --format csv --out - 2>/dev/null | wc -l)
echo "old" > real.csv
ln -s real.csv out-link.csv
ln -s made.csv dangling.csv
$T "$fm" export --db s.gpkg --format csv --out out-link.csv 2>/dev/null
[ -L out-link.csv ] && [ "$(wc -l < real.csv)" = "$lines" ] && echo "  ok a link's target replaced, the link kept" ||
  { echo "FAIL export through a link: $(ls -l out-link.csv real.csv)"; fail=1; }
$T "$fm" export --db s.gpkg --format csv --out dangling.csv 2>/dev/null
[ -L dangling.csv ] && [ "$(wc -l < made.csv 2>/dev/null)" = "$lines" ] && echo "  ok a dangling link's target created" ||
  { echo "FAIL export through a dangling link"; fail=1; }
n=$($T "$fm" export --db s.gpkg --format csv --out /dev/stdout 2>/dev/null | wc -l)
[ "$n" = "$lines" ] && echo "  ok /dev/stdout written through (a pipe)" || { echo "FAIL /dev/stdout gave $n lines"; fail=1; }
n=$($T "$fm" export --db s.gpkg --format geojson --out - 2>/dev/null | grep -c '"Feature"')
[ "$n" = 6416 ] && echo "  ok --out - (stdout)" || { echo "FAIL --out - gave $n features"; fail=1; }
for u in 022 077; do
  want=$([ $u = 022 ] && echo 644 || echo 600)
  rm -rf m && mkdir m
  (umask $u
   $T "$fm" export --db s.gpkg --format csv --out m/e.csv
   $T "$fm" export --db s.gpkg --format kml --out m/e.kml
   $T "$fm" export --db s.gpkg --format gpkg --out m/e.gpkg
   $T "$fm" map --db s.gpkg --out m/m.png --dpi 40
   $T "$fm" heatmap --db s.gpkg --month 2020-05 --out m/h.pdf --grid-out m/g.tif
   $T "$fm" monthly --db s.gpkg --from 2020-05 --to 2020-06 --outdir m/series --dpi 40
   $T "$fm" import --db s.gpkg --skip-bad --rejects m/r.csv in.csv) >/dev/null 2>&1
  modes=$(cd m && find . -type f | sort | while read -r f; do echo "$f $(stat -c %a "$f")"; done)
  bad=$(echo "$modes" | awk -v w=$want '$2 != w')
  count=$(echo "$modes" | wc -l)
  if [ -n "$bad" ] || [ "$count" -lt 10 ]; then
    echo "FAIL umask $u: expected mode $want on every output ($count files):"; echo "$bad"; fail=1
  else
    echo "  ok umask $u: $count outputs (csv, kml, gpkg, png, pdf, tif, monthly, rejects) are $want"
  fi
done
echo "x" > kept.csv; chmod 640 kept.csv
$T "$fm" export --db s.gpkg --format csv --out kept.csv 2>/dev/null
[ "$(stat -c %a kept.csv)" = 640 ] && [ "$(wc -l < kept.csv)" = "$lines" ] && echo "  ok a replaced file keeps its mode (640)" ||
  { echo "FAIL replaced file: mode $(stat -c %a kept.csv)"; fail=1; }
jm=$(python3 -c 'import sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro", uri=True); print(c.execute("PRAGMA journal_mode").fetchone()[0], c.execute("SELECT count(*) FROM incidents").fetchone()[0])' m/e.gpkg)
if [ "$jm" = "delete 6416" ] && ! ls m | grep -q -- '-wal\|-shm\|-journal'; then
  echo "  ok the exported GeoPackage: journal_mode delete, no -wal/-shm, read with mode=ro"
else
  echo "FAIL exported GeoPackage: '$jm', files: $(ls m)"; fail=1
fi
leftover=$(find . -name '*.tmp*' -o -name '*.building*' -o -name '.*.lock' | head -3)
[ -z "$leftover" ] || { echo "FAIL temporary files left: $leftover"; fail=1; }
python3 -c 'import sqlite3,sys; sys.exit(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0] != "ok")' s.gpkg ||
  { echo "FAIL store integrity"; fail=1; }
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
