#!/bin/bash
# test_bench_map.sh: scripts/bench-map runs through on a few rows (one run
# each) and prints its ratio; without a DIR it works in a temporary
# directory of its own under $TMPDIR and removes it, writing nothing to the
# fixed /tmp/fm-bench-map it once kept, which another run or another user
# may hold. The peers are stand-ins: an anchors.sh that writes a few rows in
# ACLED's layout and a PDF of nothing, and a gmt that does nothing.
# Usage: test_bench_map.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_bench_map.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v bc >/dev/null || exit 77
# library caches (fontconfig through Pango) are not leaks: tests/lsan.supp
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/benchmap.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir -p "$tmp/bin" "$tmp/t"
printf '#!/bin/sh\nexit 0\n' >"$tmp/bin/gmt"
chmod +x "$tmp/bin/gmt"
cat >"$tmp/anchors.sh" <<'SH'
case "$1" in
data)
  n=$2 dir=$3
  {
    echo "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
    i=1
    while [ $i -le "$n" ]; do
      echo "PAK$i,$((1 + i % 28)) July 2024,2024,1,Political violence,Battles,Armed clash,Military Forces of Pakistan (2024-),,1,TTP,,2,12,,586,Southern Asia,Pakistan,Khyber Pakhtunkhwa,Khyber,,Torkham,34.0$((i % 10)),71.0$((i % 7)),1,Dawn,National,synthetic $i,$((i % 3)),,1700000000"
      i=$((i + 1))
    done
  } >"$dir/acled.csv"
  i=1
  while [ $i -le "$n" ]; do echo "71.0$((i % 7)) 34.0$((i % 10))"; i=$((i + 1)); done >"$dir/pts.txt"
  ;;
map) sleep 0.2; echo '%PDF-1.4' >"$2/peer_map.pdf" ;;
esac
SH
before=$(stat -c %Y /tmp/fm-bench-map/pts.txt 2>/dev/null || echo none)
PATH=$tmp/bin:$PATH TMPDIR=$tmp/t RUNS=1 FRONTIERMAP=$fm ANCHORS=$tmp/anchors.sh \
    bash "$src/scripts/bench-map" 40 >"$tmp/out" 2>&1 || fail "bench-map: $(tail -3 "$tmp/out")"
grep -q "^ratio fm/gmt .* wall, .* CPU" "$tmp/out" || fail "no ratio: $(tail -3 "$tmp/out")"
after=$(stat -c %Y /tmp/fm-bench-map/pts.txt 2>/dev/null || echo none)
if [ "$before" = none ] && [ "$after" != none ]; then
    fail "bench-map wrote to /tmp/fm-bench-map"
    rm -rf /tmp/fm-bench-map
elif [ "$before" != "$after" ]; then
    fail "bench-map wrote to /tmp/fm-bench-map"
fi
[ -z "$(ls -A "$tmp/t")" ] || fail "bench-map left in TMPDIR: $(ls -A "$tmp/t")"
# a DIR given is kept, with its store, for the next run
PATH=$tmp/bin:$PATH RUNS=1 FRONTIERMAP=$fm ANCHORS=$tmp/anchors.sh \
    bash "$src/scripts/bench-map" 40 "$tmp/keep" >"$tmp/out" 2>&1 || fail "bench-map DIR: $(tail -3 "$tmp/out")"
[ -f "$tmp/keep/fm.gpkg" ] && [ -f "$tmp/keep/fm_map.pdf" ] || fail "DIR not kept: $(ls "$tmp/keep" 2>&1)"

[ $fails = 0 ] || { echo "$fails failures"; exit 1; }
echo "ok: bench-map ran in a directory of its own and removed it"
