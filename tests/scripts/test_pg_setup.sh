#!/bin/bash
# test_pg_setup.sh: the tests that need PostgreSQL set their cluster up in one
# place, pg_test.sh (start, skip when not installed, stop at exit, helpers),
# so a change to it (a server option, the skip rule under CI) reaches them
# all: no other test script starts a cluster itself, and each one that needs
# it sources pg_test.sh. (Needs no server.)
# Usage: test_pg_setup.sh [FRONTIERMAP] (unused)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
n=0
for t in "$here"/test_*.sh; do
    [ "$(basename "$t")" = test_pg_setup.sh ] && continue
    grep -q 'pg_cluster\.sh' "$t" && fail "$(basename "$t") runs pg_cluster.sh itself: source pg_test.sh"
    if grep -q '^\. "$(dirname "$0")/pg_test\.sh" ' "$t"; then
        n=$((n + 1))
    elif grep -q 'dbname=fm\|PostGIS' "$t" && grep -q 'psql ' "$t"; then
        fail "$(basename "$t") reads a PostgreSQL database without sourcing pg_test.sh"
    fi
done
[ $n -ge 2 ] || fail "only $n test scripts source pg_test.sh (test_postgis.sh, test_pg_swap.sh at least)"
[ $fails = 0 ] || exit 1
echo "pg setup: ok ($n scripts)"
