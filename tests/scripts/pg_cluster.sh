#!/bin/sh
# pg_cluster.sh: a throw-away PostgreSQL cluster with PostGIS, for the tests.
#   pg_cluster.sh start DIR   creates DIR, initdb in it, starts postgres on a
#                             Unix socket in DIR only (no TCP), creates the
#                             database "fm" with the postgis extension, and
#                             prints its libpq connection string
#   pg_cluster.sh stop DIR    stops it and removes DIR
# Exit 77 (skip) when the PostgreSQL server binaries are not installed.
# initdb refuses to run as root: as root (CI), the cluster runs as the
# unprivileged user `nobody`, through runuser (or su).
set -eu

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg_cluster.sh start|stop DIR" >&2; exit 2; }

bindir=""
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && bindir=$d
done
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null 2>&1; then
    bindir=$(dirname "$(command -v pg_ctl)")
fi
if [ -z "$bindir" ]; then
    echo "pg_cluster.sh: skip: no PostgreSQL server binaries (initdb, pg_ctl); install" \
         "postgresql and postgis (scripts/deps)" >&2
    exit 77
fi

# as whom the server runs
as_user() {
    if [ "$(id -u)" = 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u nobody -- "$@"
        else
            su -s /bin/sh nobody -c "$(printf '%s ' "$@")"
        fi
    else
        "$@"
    fi
}

case $cmd in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    chmod 700 "$dir"
    as_user "$bindir/initdb" -D "$dir/data" -U fm --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=60" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    chmod 755 "$dir" # clients of any user reach the socket
    conn="host=$dir port=5432 user=fm"
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$conn dbname=postgres" \
        -c "CREATE DATABASE fm" >/dev/null
    "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$conn dbname=fm" \
        -c "CREATE EXTENSION postgis" >/dev/null
    echo "$conn dbname=fm"
    ;;
stop)
    [ -d "$dir/data" ] && as_user "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop \
        >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg_cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
