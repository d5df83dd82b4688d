#!/bin/bash
# test_install.sh: an installed frontiermap works anywhere. `cmake --install`
# into a temporary prefix, the prefix moved elsewhere (and the source tree's
# data hidden from it: FRONTIERMAP_DATA unset), then geocode, where, near, map,
# heatmap (the drawing module, lib/frontiermap) and import must work there; the manual page and bash completion must be
# installed and agree with --help; the gazetteer's index and the detail image
# are installed beside the data and used there. With the data directory gone, every
# command, import included, must fail with a message naming where it looked
# and leave no store; FRONTIERMAP_DATA then points the program at data again.
# Usage: test_install.sh FRONTIERMAP   (the build tree's program)
set -uo pipefail
fm=${1:?usage: test_install.sh FRONTIERMAP}
build=$(cd "$(dirname "$fm")" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/install.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset FRONTIERMAP_DATA FRONTIERMAP_DB
fail=0
say() { echo "FAIL: $*"; fail=1; }
cmake --install "$build" --prefix "$tmp/first" >"$tmp/log" 2>&1 || { cat "$tmp/log"; say "cmake --install"; exit 1; }
mv "$tmp/first" "$tmp/moved"
p=$tmp/moved
bin=$p/bin/frontiermap
for f in bin/frontiermap lib/frontiermap/fm_render.so share/frontiermap/gazetteer/places.csv share/frontiermap/basemap/border.geojson \
         share/frontiermap/incidents/reports.csv share/man/man1/frontiermap.1 \
         share/bash-completion/completions/frontiermap; do
  [ -f "$p/$f" ] || say "not installed: $f"
done
cd "$tmp" || exit 1
# the gazetteer's index and the detail image are written beside the data at
# install time, and the moved program maps them rather than parsing the sources
for f in gazetteer.idx detail.idx; do
  [ -s "$p/share/frontiermap/$f" ] || say "not installed: share/frontiermap/$f"
done
"$bin" -v -v geocode Torkham >/dev/null 2>"$tmp/log1"
grep -qF "the index '$p/share/frontiermap/gazetteer.idx'" "$tmp/log1" ||
  { say "the installed gazetteer index is not used"; cat "$tmp/log1"; }
"$bin" -v -v map --dpi 50 --out "$tmp/m0.png" >/dev/null 2>"$tmp/log2"
grep -qF "the image '$p/share/frontiermap/detail.idx'" "$tmp/log2" ||
  { say "the installed detail image is not used"; cat "$tmp/log2"; }
ged=$src/data/samples/ucdp-ged-pakistan-1989-2021.csv
head -n 40 "$ged" > "$tmp/ged.csv"
"$bin" geocode --format csv Torkham 2>"$tmp/err" | grep -q '^Torkham,Torkham,crossing,34.11' || { say "geocode"; cat "$tmp/err"; }
"$bin" where --format csv 34.1,71.09 2>"$tmp/err" | grep -q ',PK,' || { say "where"; cat "$tmp/err"; }
n=$("$bin" near Torkham --radius 100km --count 2>"$tmp/err") && [ "$n" -gt 0 ] || { say "near: '$n'"; cat "$tmp/err"; }
"$bin" -q map --out "$tmp/m.png" 2>"$tmp/err" && [ -s "$tmp/m.png" ] || { say "map"; cat "$tmp/err"; }
# the drawing module is found beside the moved program: heatmap draws too
"$bin" -q heatmap --dpi 50 --out "$tmp/h.png" 2>"$tmp/err" && [ -s "$tmp/h.png" ] || { say "heatmap"; cat "$tmp/err"; }
"$bin" -q import --db "$tmp/s.gpkg" "$tmp/ged.csv" 2>"$tmp/err" || { say "import"; cat "$tmp/err"; }
# swapped coordinates are still caught: the import's checks ran with the data
printf 'id,date,lat,lon,country,type\nsw1,2025-10-01,71.58,34.01,Pakistan,Battles\n' > "$tmp/sw.csv"
"$bin" -q import --db "$tmp/s.gpkg" "$tmp/sw.csv" 2>"$tmp/err" && say "swapped row accepted"
grep -q "look swapped" "$tmp/err" || { say "swapped: no message"; cat "$tmp/err"; }

# the manual page is the help text, typeset
if command -v groff >/dev/null; then
  groff -man -Tutf8 "$p/share/man/man1/frontiermap.1" 2>"$tmp/err" | sed "s/.\x08//g" > "$tmp/man.txt" || say "groff"
  for c in geocode where import add near stats export map heatmap monthly; do
    grep -q "usage: frontiermap $c" "$tmp/man.txt" || say "man page lacks $c"
  done
  grep -q "FRONTIERMAP_DATA" "$tmp/man.txt" || say "man page lacks FRONTIERMAP_DATA"
fi
"$bin" near --help | head -1 > "$tmp/h1"
grep -qF "$(sed 's/-/\\-/g' "$tmp/h1")" "$p/share/man/man1/frontiermap.1" || say "man page differs from near --help"
# bash completion: commands, a command's options, an option's values
comp() { # comp WORDS... -> the completions of the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _frontiermap; echo "${COMPREPLY[*]}"' \
    _ "$p/share/bash-completion/completions/frontiermap" "$@"
}
[ "$(comp frontiermap ne)" = "near" ] || say "completion of 'ne': '$(comp frontiermap ne)'"
comp frontiermap near --ra | grep -qw -- --radius || say "completion of near --ra"
[ "$(comp frontiermap export --format g)" = "geojson gpkg" ] || say "completion of export --format: '$(comp frontiermap export --format g)'"

# without its data the program says so, for every command, and touches nothing
mv "$p/share/frontiermap" "$p/share/elsewhere"
for args in "geocode Torkham" "where 34.1,71.09" "near Torkham --count" "map --out $tmp/m2.png" \
            "stats" "export --format csv --out $tmp/x.csv" "import --db $tmp/new.gpkg $tmp/ged.csv" \
            "import --db $tmp/s.gpkg $tmp/ged.csv" \
            "add --db $tmp/new.gpkg --date 2025-10-01 --lat 34 --lon 71 --type Battles"; do
  cp "$tmp/s.gpkg" "$tmp/before.gpkg"
  "$bin" $args >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ "$rc" = 1 ] || say "$args without data: exit $rc"
  grep -q "built-in data is not in '$p/share/frontiermap'" "$tmp/err" || { say "$args: message"; cat "$tmp/err"; }
  cmp -s "$tmp/s.gpkg" "$tmp/before.gpkg" || say "$args changed the store"
done
ls "$tmp"/new.gpkg* "$tmp/m2.png" "$tmp/x.csv" >/dev/null 2>&1 && say "files left without data"
"$bin" near --help >/dev/null || say "--help needs no data"
FRONTIERMAP_DATA=$p/share/elsewhere "$bin" geocode Torkham >/dev/null 2>"$tmp/err" || { say "FRONTIERMAP_DATA"; cat "$tmp/err"; }
[ "$fail" = 0 ] && echo "ok: installed, moved, and every command works or says where its data is"
exit $fail
