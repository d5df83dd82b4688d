# pg_test.sh: sourced (bash) by the tests that need PostgreSQL (test_postgis.sh,
# test_pg_swap.sh): starts a throw-away cluster (pg_cluster.sh) for the test,
# stops it and removes the test's files when the test exits, and defines what
# every such test uses. `. "$(dirname "$0")/pg_test.sh" NAME` (NAME: a short
# prefix for the temporary directories) sets:
#   here src ged  the test scripts' directory, the source tree, the GED sample
#   tmp           the test's temporary directory
#   cluster db    the cluster's directory and the libpq string of its
#                 database "fm" (PostGIS created)
#   psql          the server's psql, unaligned, tuples only
#   fail ok fails a failure (counted in fails) and a pass, printed
# A test that starts processes of its own defines pg_test_cleanup, which runs
# at exit before the cluster stops. Exits 77 (skip) when the PostgreSQL server
# is not installed, except under CI, where scripts/deps installs it.
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
# library caches (fontconfig through Pango) are not leaks: tests/lsan.supp
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../lsan.supp}
ged=$src/data/samples/ucdp-ged-pakistan-1989-2021.csv
tmp=$(mktemp -d "${FM_TEST_TMP:-/tmp}/$1.XXXXXX" 2>/dev/null || mktemp -d)
cluster=$(mktemp -u "/tmp/fm$1.XXXXXX") # short: a Unix socket path has ~100 bytes
pg_test_stop() {
    if declare -F pg_test_cleanup >/dev/null; then pg_test_cleanup; fi
    sh "$here/pg_cluster.sh" stop "$cluster" || true
    rm -rf "$tmp"
}
trap pg_test_stop EXIT
trap "exit 1" INT TERM # the EXIT trap then stops the cluster
rc=0
db=$(sh "$here/pg_cluster.sh" start "$cluster") || rc=$?
if [ $rc = 77 ]; then
    [ "${CI:-}" = true ] && { echo "FAIL: PostgreSQL missing under CI (scripts/deps installs it)"; exit 1; }
    exit 77
fi
[ $rc = 0 ] || { echo "FAIL: cannot start a PostgreSQL cluster"; exit 1; }
psql() { "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -X -q -A -t "$@"; }
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "  ok: $*"; }
