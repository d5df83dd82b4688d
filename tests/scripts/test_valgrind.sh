#!/bin/bash
# test_valgrind.sh: a small set under valgrind memcheck (no reports allowed,
# leaks included, library caches suppressed by tests/valgrind.supp): the
# core/geo/store unit tests and a few CLI commands, good and bad input.
# Skips when valgrind is absent or the binary is built with ASan.
# Usage: test_valgrind.sh FRONTIERMAP
set -uo pipefail
fm=${1:?usage: test_valgrind.sh FRONTIERMAP}
here=$(cd "$(dirname "$0")/.." && pwd)
bindir=$(dirname "$fm")
if ! command -v valgrind >/dev/null; then echo "skip: valgrind is not installed"; exit 0; fi
# (no grep -q: it would close the pipe early, and pipefail would turn nm's SIGPIPE into "no")
if nm "$fm" 2>/dev/null | grep __asan_init >/dev/null; then echo "skip: sanitizer build (valgrind cannot run it)"; exit 0; fi
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/vg.XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --suppressions="$here/valgrind.supp" --num-callers=30)
fail=0
run() { # run WANT_EXIT CMD...
  local want=$1; shift
  local t0=$SECONDS
  timeout 400 "${vg[@]}" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq 99 ] || grep -q "==[0-9]*== [A-Z]" "$tmp/err" || [ $rc -ne "$want" ]; then
    echo "FAIL ($rc, wanted $want): ${*##*/}"; grep "==" "$tmp/err" | head -40; fail=1
  else
    echo "  ok $(( SECONDS - t0 ))s: $(echo "$*" | sed "s|$here/||g; s|$bindir/||g" | head -c 110)"
  fi
}
for t in test_core test_geod test_store; do  # (test_names times itself: not under valgrind)
  [ -x "$bindir/tests/$t" ] && run 0 "$bindir/tests/$t" ||
    { [ -x "$bindir/$t" ] && run 0 "$bindir/$t"; }
done
in=$here/cli/hostile/inputs
run 0 "$fm" import --db "$tmp/s.gpkg" "$here/cli/fixtures/acled_current.csv"
run 1 "$fm" import --db "$tmp/s.gpkg" "$in/dup_ids.csv"
run 1 "$fm" import --db "$tmp/s.gpkg" "$in/unbalanced_quote.csv"
run 0 "$fm" import --db "$tmp/s.gpkg" --skip-bad --rejects "$tmp/r.csv" "$in/swapped.csv" "$in/bom.csv"
run 0 "$fm" near --db "$tmp/s.gpkg" 32.4659,69.6547 --radius 100km --format json
run 1 "$fm" near --db "$tmp/s.gpkg" 95,70
run 0 "$fm" stats --db "$tmp/s.gpkg" --by admin1
run 0 "$fm" export --db "$tmp/s.gpkg" --format geojson --out "$tmp/x.geojson"
run 0 "$fm" geocode Torkham
run 1 "$fm" geocode "'; DROP TABLE incidents; --"
run 2 "$fm" map --out "$tmp/m.png" --bbox 1,2,3
[ $fail = 0 ] && echo "ok" || echo "FAIL"
exit $fail
