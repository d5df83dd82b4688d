#!/bin/bash
# test_layer_cache.sh: heatmap and monthly keep the layers of their pages
# that do not depend on the incidents (render/layers.c) where the user's
# cache is ($FRONTIERMAP_CACHE, else $XDG_CACHE_HOME/frontiermap, else
# ~/.cache/frontiermap; "off": nowhere), and the maps are the same to the
# byte whether the layers were drawn, written or read: heatmaps of two
# periods and kernels, a monthly series, with the cache off, filled and
# read. A cache that cannot be written costs nothing but speed.
# Usage: test_layer_cache.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_layer_cache.sh FRONTIERMAP}
fm=$(cd "$(dirname "$fm")" && pwd)/$(basename "$fm")
here=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp}
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/layercache.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
T="timeout 120"
unset XDG_CACHE_HOME
export HOME=$tmp/home
mkdir -p "$HOME"
ged=$here/../data/samples/ucdp-ged-pakistan-1989-2021.csv
$T "$fm" import --db s.gpkg "$ged" >/dev/null 2>&1 || { echo "FAIL setup import"; exit 1; }

check() { # name, condition
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
entries() { find "$1" -name 'layers-*.fmlc' 2>/dev/null | wc -l; }

# one heatmap each way: off, filling the cache, reading it
heat() { # cache-setting, output, extra args...
  local c=$1 out=$2; shift 2
  if [ "$c" = unset ]; then (unset FRONTIERMAP_CACHE; $T "$fm" heatmap --db s.gpkg --out "$out" "$@")
  else FRONTIERMAP_CACHE=$c $T "$fm" heatmap --db s.gpkg --out "$out" "$@"; fi >/dev/null 2>err.txt ||
    { echo "FAIL heatmap $out: $(cat err.txt)"; fail=1; }
}
for args in "--since 2009-01-01 --until 2009-12-31" "--until 2009-12-31 --kernel quartic --bandwidth 20km" \
            "--since 2013-01-01 --until 2013-06-30 --points"; do
  name=$(echo "$args" | tr -dc 'a-z0-9')
  heat off "$name-off.png" $args
  heat "$tmp/c1" "$name-fill.png" $args
  heat "$tmp/c1" "$name-read.png" $args
  check "$name: filled cache, same bytes" "cmp -s $name-off.png $name-fill.png"
  check "$name: read cache, same bytes" "cmp -s $name-off.png $name-read.png"
done
# --points draws symbols and places names around them: never from the cache
check "the default page's layers kept once for two heatmaps" "[ \$(entries c1) = 1 ]"

# where it goes by default
heat unset home.png --since 2009-01-01 --until 2009-12-31
check "kept in ~/.cache/frontiermap" "[ \$(entries home/.cache/frontiermap) = 1 ]"
check "~/.cache/frontiermap is private" "[ \$(stat -c %a home/.cache/frontiermap) = 700 ]"
(unset FRONTIERMAP_CACHE; XDG_CACHE_HOME=$tmp/xdg $T "$fm" heatmap --db s.gpkg --out xdg.png \
  --since 2009-01-01 --until 2009-12-31 >/dev/null 2>&1) || { echo "FAIL heatmap xdg"; fail=1; }
check "kept in \$XDG_CACHE_HOME/frontiermap" "[ \$(entries xdg/frontiermap) = 1 ]"
check "and the same map" "cmp -s home.png xdg.png && cmp -s home.png since20090101until20091231-off.png"

# a cache that cannot be written
mkdir ro && chmod 500 ro
heat "$tmp/ro/cache" ro.png --since 2009-01-01 --until 2009-12-31
heat /dev/null/cache null.png --since 2009-01-01 --until 2009-12-31
check "an unwritable cache: the same map" \
  "cmp -s ro.png since20090101until20091231-off.png && cmp -s null.png since20090101until20091231-off.png"

# a monthly series: off, filled, read
k=0
for c in off "$tmp/c2" "$tmp/c2"; do
  d=m$((++k))
  FRONTIERMAP_CACHE=$c $T "$fm" monthly --db s.gpkg --from 2009-01 --to 2009-03 --outdir "$d" \
    >/dev/null 2>err.txt || { echo "FAIL monthly $d: $(cat err.txt)"; fail=1; }
  n[$k]=$(entries c2)
done
check "monthly: same months from the cache" "diff -r m1 m2 >/dev/null && diff -r m1 m3 >/dev/null"
# months whose notes or legends differ have frames of other heights: their own entries
check "monthly: the second series read the first's entries" "[ ${n[2]} -ge 1 ] && [ ${n[2]} = ${n[3]} ]"
exit $fail
