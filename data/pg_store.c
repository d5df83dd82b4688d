/* pg_store.c: the PostGIS backend of the store API: connecting (libpq's
 * usual places for credentials; the password never shown), checking the
 * schema and the role's rights, and each call of the API. Reads see one
 * snapshot (REPEATABLE READ); writes run in one transaction under an
 * advisory lock, so importers go one at a time and a failed import leaves
 * the database as it was (pg_mirror.c does the rows). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifndef FM_HAVE_LIBPQ

fm_status fm_pg_open(fm_ctx *ctx, const char *conninfo, fm_store_mode mode, fm_store **out)
{
    char m[512];
    (void)mode;
    *out = NULL;
    fm_store_masked(conninfo, m, sizeof m);
    return fm_error(ctx, FM_EINVAL, "'%s' is a PostgreSQL store, but this frontiermap was built"
                    " without libpq (install libpq-dev and rebuild)", m);
}

fm_status fm_store_db_init(fm_ctx *ctx, const char *db, int upgrade, int *version)
{
    fm_store *st;
    (void)upgrade, (void)version;
    return fm_pg_open(ctx, db, FM_STORE_WRITE, &st);
}

#else

/* ---- the connection ---------------------------------------------------------- */

static void quiet_notice(void *arg, const char *msg)
{
    (void)arg, (void)msg; /* libraries never print: NOTICEs are not errors */
}

fm_status fm_pg_check(fm_ctx *ctx, fm_pg *pg, PGresult *r, int want, const char *what)
{
    const char *state;
    fm_status s;
    if (r && (int)pg->api.PQresultStatus(r) == want)
        return FM_OK;
    if (!r)
        return fm_error(ctx, FM_EDB, "%s '%s': %s", what, pg->masked,
                        pg->api.PQerrorMessage(pg->conn));
    state = pg->api.PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (state && !strcmp(state, "42501"))
        s = fm_error(ctx, FM_EIO, "the PostGIS store '%s' is read-only for role '%s': writing"
                     " needs INSERT, UPDATE and DELETE on incidents, incident_claims,"
                     " frontiermap_meta and frontiermap_imports (GRANT them, or use a role that"
                     " has them)", pg->masked, pg->api.PQuser(pg->conn));
    else
        s = fm_error(ctx, FM_EDB, "%s '%s': %s", what, pg->masked,
                     pg->api.PQresultErrorMessage(r));
    pg->api.PQclear(r);
    return s;
}

fm_status fm_pg_exec(fm_ctx *ctx, fm_pg *pg, const char *sql)
{
    PGresult *r = pg->api.PQexec(pg->conn, sql);
    fm_status s;
    if (r && (pg->api.PQresultStatus(r) == PGRES_TUPLES_OK ||
              pg->api.PQresultStatus(r) == PGRES_COMMAND_OK)) {
        pg->api.PQclear(r);
        return FM_OK;
    }
    s = fm_pg_check(ctx, pg, r, PGRES_COMMAND_OK, "the PostGIS store");
    return s;
}

void fm_pg_exec_quiet(fm_pg *pg, const char *sql)
{
    PGresult *r = pg->api.PQexec(pg->conn, sql);
    if (r)
        pg->api.PQclear(r);
}

fm_status fm_pg_query(fm_ctx *ctx, fm_pg *pg, const char *sql, PGresult **out)
{
    PGresult *r = pg->api.PQexec(pg->conn, sql);
    fm_status s;
    *out = NULL;
    if ((s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot read the PostGIS store")))
        return s;
    *out = r;
    return FM_OK;
}

fm_status fm_pg_query1(fm_ctx *ctx, fm_pg *pg, const char *sql, PGresult **out)
{
    PGresult *r = pg->api.PQexec(pg->conn, sql);
    fm_status s;
    *out = NULL;
    if ((s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot read the PostGIS store")))
        return s;
    if (pg->api.PQntuples(r) < 1) {
        pg->api.PQclear(r);
        return fm_error(ctx, FM_EDB, "the PostGIS store '%s' answered no row", pg->masked);
    }
    *out = r;
    return FM_OK;
}

static void pg_free(fm_pg *pg)
{
    if (!pg)
        return;
    if (pg->conn)
        pg->api.PQfinish(pg->conn);
    free(pg->conninfo);
    free(pg);
}

/* Connects and sets the session: ISO dates, UTC times, exact floats. */
static fm_status pg_connect(fm_ctx *ctx, const char *conninfo, fm_pg **out)
{
    fm_pg *pg = calloc(1, sizeof *pg);
    fm_status s;
    *out = NULL;
    if (!pg)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (!strncmp(conninfo, "PG:", 3))
        conninfo += 3;
    fm_store_masked(conninfo, pg->masked, sizeof pg->masked);
    if ((s = fm_pq_load(ctx, &pg->api))) {
        free(pg);
        return s;
    }
    if (!(pg->conninfo = strdup(conninfo))) {
        free(pg);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    pg->conn = pg->api.PQconnectdb(conninfo);
    if (!pg->conn || pg->api.PQstatus(pg->conn) != CONNECTION_OK) {
        char msg[1024], masked[sizeof pg->masked];
        snprintf(msg, sizeof msg, "%s", pg->conn ? pg->api.PQerrorMessage(pg->conn) : "no memory");
        msg[strcspn(msg, "\n")] = '\0';
        memcpy(masked, pg->masked, sizeof masked);
        pg_free(pg);
        return fm_error(ctx, FM_EIO, "cannot connect to the PostgreSQL store '%s': %s", masked,
                        msg);
    }
    pg->api.PQsetNoticeProcessor(pg->conn, quiet_notice, NULL);
    if ((s = fm_pg_exec(ctx, pg, "SET datestyle = ISO; SET TimeZone = 'UTC';"
                                 " SET extra_float_digits = 3; SET client_encoding = 'UTF8'"))) {
        pg_free(pg);
        return s;
    }
    *out = pg;
    return FM_OK;
}

/* ---- the store --------------------------------------------------------------- */

#define PG(st) ((fm_pg *)(st)->remote)

static void pg_close(fm_store *st)
{
    pg_free(PG(st));
    free(st->path);
    free(st);
}

/* Whether the role may write every table a write touches. */
static fm_status check_writable(fm_ctx *ctx, fm_pg *pg)
{
    PGresult *r;
    fm_status s;
    int ok;
    if ((s = fm_pg_query1(ctx, pg, "SELECT has_table_privilege('incidents', 'INSERT, UPDATE')"
                                   " AND has_table_privilege('incident_claims', 'INSERT, DELETE')"
                                   " AND has_table_privilege('frontiermap_meta', 'INSERT, UPDATE')"
                                   " AND has_table_privilege('frontiermap_imports', 'INSERT')"
                                   " AND has_sequence_privilege(pg_get_serial_sequence("
                                   "'incidents', 'fid'), 'UPDATE')", &r)))
        return s;
    ok = !strcmp(pg->api.PQgetvalue(r, 0, 0), "t");
    pg->api.PQclear(r);
    if (ok)
        return FM_OK;
    return fm_error(ctx, FM_EIO, "the PostGIS store '%s' is read-only for role '%s': writing"
                    " needs INSERT, UPDATE and DELETE on incidents, incident_claims,"
                    " frontiermap_meta and frontiermap_imports (GRANT them, or use a role that"
                    " has them)", pg->masked, pg->api.PQuser(pg->conn));
}

static const fm_store_ops pg_ops;

fm_status fm_pg_open(fm_ctx *ctx, const char *conninfo, fm_store_mode mode, fm_store **out)
{
    fm_store *st = calloc(1, sizeof *st);
    fm_pg *pg = NULL;
    fm_status s;
    int v;
    *out = NULL;
    if (!st)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if ((s = pg_connect(ctx, conninfo, &pg))) {
        free(st);
        return s;
    }
    st->ops = &pg_ops;
    st->remote = pg;
    st->lock_fd = -1;
    st->read_only = pg->read_only = mode == FM_STORE_READ;
    if (!(st->path = strdup(pg->masked))) {
        pg_close(st);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    v = fm_pg_version(ctx, pg);
    if (v < 0)
        s = fm_ctx_status(ctx);
    else if (v > FM_SCHEMA_VERSION)
        s = fm_error(ctx, FM_EFORMAT, "the PostGIS store '%s' has schema version %d; this"
                     " frontiermap reads version %d", pg->masked, v, FM_SCHEMA_VERSION);
    else if (v == 0 && mode == FM_STORE_READ)
        s = fm_error(ctx, FM_ENOTFOUND, "'%s' holds no frontiermap store: run `frontiermap db"
                     " init --db ...` first (or import into it)", pg->masked);
    else if (v < FM_SCHEMA_VERSION && mode == FM_STORE_READ)
        s = fm_error(ctx, FM_EFORMAT, "the PostGIS store '%s' has schema version %d: run"
                     " `frontiermap db upgrade --db ...` to bring it to %d", pg->masked, v,
                     FM_SCHEMA_VERSION);
    else if (v < FM_SCHEMA_VERSION) /* a write creates or upgrades, as with a file */
        s = fm_pg_schema(ctx, pg, v == 0, NULL);
    if (!s && mode == FM_STORE_WRITE)
        s = check_writable(ctx, pg);
    if (!s && mode == FM_STORE_WRITE && v == FM_SCHEMA_VERSION)
        s = fm_pg_schema_complete(ctx, pg);
    if (s) {
        pg_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

fm_status fm_store_db_init(fm_ctx *ctx, const char *db, int upgrade, int *version)
{
    fm_pg *pg = NULL;
    fm_status s;
    if (!fm_store_is_remote(db))
        return fm_error(ctx, FM_EUSAGE, "db init and db upgrade work on a PostgreSQL store"
                        " (postgresql://... or 'host=... dbname=...'); a GeoPackage is created"
                        " by its first import and upgraded when opened");
    if ((s = pg_connect(ctx, db, &pg)))
        return s;
    s = fm_pg_schema(ctx, pg, !upgrade, version);
    pg_free(pg);
    return s;
}

/* ---- reading: through a mirror of the rows that may match ------------------- */

static fm_status pg_query(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out)
{
    fm_store *m;
    fm_status s;
    *out = NULL;
    if ((s = fm_pg_mirror(ctx, PG(st), f, 1, &m)))
        return s;
    s = fm_gpkg_query(ctx, m, f, out);
    fm_store_close(m);
    return s;
}

static fm_status pg_query_each(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                               void *user)
{
    fm_store *m;
    fm_status s;
    if ((s = fm_pg_mirror(ctx, PG(st), f, 1, &m)))
        return s;
    s = fm_gpkg_query_each(ctx, m, f, fn, user);
    fm_store_close(m);
    return s;
}

static fm_status pg_query_points(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                                 fm_points **out)
{
    fm_store *m;
    fm_status s;
    *out = NULL;
    if (fm_pg_server_filter(f)) /* the server keeps exactly the rows: six columns each */
        return fm_pg_points(ctx, PG(st), f, flags, out);
    if ((s = fm_pg_mirror(ctx, PG(st), f, FM_PG_LIGHT, &m)))
        return s;
    s = fm_gpkg_query_points(ctx, m, f, flags, out);
    fm_store_close(m);
    return s;
}

static fm_status pg_count(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n)
{
    fm_store *m;
    fm_status s;
    *n = 0;
    if (fm_pg_server_count(f)) /* counted by the server, the edge of a radius here */
        return fm_pg_count(ctx, PG(st), f, n);
    if ((s = fm_pg_mirror(ctx, PG(st), f, FM_PG_LIGHT, &m)))
        return s;
    s = fm_gpkg_count(ctx, m, f, n);
    fm_store_close(m);
    return s;
}

static fm_status pg_stats(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                          fm_group_by then, fm_stat_row **rows, size_t *n)
{
    fm_store *m;
    fm_status s;
    *rows = NULL, *n = 0;
    if (fm_pg_server_filter(f)) /* summed by the server: only the groups travel */
        return fm_pg_stats(ctx, PG(st), f, by, then, rows, n);
    if ((s = fm_pg_mirror(ctx, PG(st), f, FM_PG_LIGHT, &m)))
        return s;
    s = fm_gpkg_stats(ctx, m, f, by, then, rows, n);
    fm_store_close(m);
    return s;
}

/* The store's place names (placememo_store.c's rule, read by the server:
 * locations with coordinates of their own at precision 1-2, not placed by
 * the geocoder), in one snapshot. */
static fm_status pg_placememo(fm_ctx *ctx, fm_store *st, fm_placememo **out)
{
    fm_pg *pg = PG(st);
    fm_placememo *m = NULL;
    PGresult *r = NULL;
    fm_status s;
    *out = NULL;
    if ((s = fm_placememo_create(ctx, &m)))
        return s;
    s = fm_pg_query(ctx, pg, "SELECT location, coalesce(admin1, ''), coalesce(admin2, ''),"
                             " coalesce(country, ''), ST_X(geom), ST_Y(geom), geo_precision,"
                             " CASE WHEN geo_precision_src IS NULL OR source NOT LIKE 'ged%'"
                             " THEN geo_precision ELSE geo_precision_src END, source"
                             " FROM incidents WHERE location IS NOT NULL AND location <> ''"
                             " AND geom IS NOT NULL AND NOT ST_IsEmpty(geom)"
                             " AND geo_precision IN (1, 2) AND (geo_precision_src IS NULL OR"
                             " geo_precision_src <= 2 OR source NOT LIKE 'ged%')"
                             " AND (flags IS NULL OR flags NOT LIKE '%geocod%') ORDER BY fid", &r);
    for (int i = 0; !s && i < pg->api.PQntuples(r); i++) {
        const char *v[9];
        for (int k = 0; k < 9; k++)
            v[k] = pg->api.PQgetvalue(r, i, k);
        s = fm_placememo_add(ctx, m, v[0], v[1], v[2], v[3], strtod(v[4], NULL),
                             strtod(v[5], NULL), atoi(v[6]), v[8], atoi(v[7]), 1);
    }
    if (r)
        pg->api.PQclear(r);
    if (s || (s = fm_placememo_finish(ctx, m))) {
        fm_placememo_destroy(m);
        return s;
    }
    *out = m;
    return FM_OK;
}

static fm_status pg_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11])
{
    fm_store *m;
    fm_status s;
    day[0] = '\0';
    if ((s = fm_pg_mirror(ctx, PG(st), NULL, 0, &m)))
        return s;
    s = fm_gpkg_imported_on(ctx, m, source, day);
    fm_store_close(m);
    return s;
}

static fm_status pg_source_info(fm_ctx *ctx, fm_store *st, const char *source,
                                fm_source_info *out)
{
    fm_store *m;
    fm_status s;
    memset(out, 0, sizeof *out);
    if ((s = fm_pg_mirror(ctx, PG(st), NULL, 0, &m)))
        return s;
    s = fm_gpkg_source_info(ctx, m, source, out);
    fm_store_close(m);
    return s;
}

const char *const fm_pg_read_begin =
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; LOCK TABLE incidents IN ACCESS SHARE MODE";

/* ---- writing: one transaction under the advisory lock ------------------------ */

fm_status fm_pg_write_begin(fm_ctx *ctx, fm_pg *pg)
{
    fm_status s;
    if (pg->read_only)
        return fm_error(ctx, FM_EIO, "the store '%s' was opened read-only", pg->masked);
    /* READ COMMITTED: after the lock, the transaction sees every import
     * committed before it took the lock */
    if ((s = fm_pg_exec(ctx, pg, "BEGIN ISOLATION LEVEL READ COMMITTED")) ||
        (s = fm_pg_exec(ctx, pg, "SELECT pg_advisory_xact_lock(" FM_PG_LOCK ")")))
        fm_pg_exec_quiet(pg, "ROLLBACK");
    return s;
}

fm_status fm_pg_write_end(fm_ctx *ctx, fm_pg *pg, fm_status s, const char *command,
                           const char *files, const fm_import_stats *is)
{
    if (!s) {
        char n[6][24];
        const char *v[7] = {command, files, n[0], n[1], n[2], n[3], n[4]};
        PGresult *r;
        snprintf(n[0], sizeof n[0], "%lld", (long long)is->rows);
        snprintf(n[1], sizeof n[1], "%lld", (long long)is->added);
        snprintf(n[2], sizeof n[2], "%lld", (long long)is->updated);
        snprintf(n[3], sizeof n[3], "%lld", (long long)is->unchanged);
        snprintf(n[4], sizeof n[4], "%lld", (long long)is->rejected);
        r = pg->api.PQexecParams(pg->conn, "INSERT INTO frontiermap_imports (command, files,"
                                 " rows, added, updated, unchanged, rejected) VALUES ($1, $2,"
                                 " $3, $4, $5, $6, $7)", 7, NULL, v, NULL, NULL, 0);
        if (!(s = fm_pg_check(ctx, pg, r, PGRES_COMMAND_OK, "cannot record the import")))
            pg->api.PQclear(r);
    }
    if (!s)
        s = fm_pg_exec(ctx, pg, "COMMIT");
    else
        fm_pg_exec_quiet(pg, "ROLLBACK");
    return s;
}

static fm_status pg_add(fm_ctx *ctx, fm_store *st, const fm_incident *inc,
                        const fm_import_opts *opts, int *was_update)
{
    fm_pg *pg = PG(st);
    fm_store *m = NULL;
    fm_import_stats is;
    int64_t written = 0;
    int upd = 0;
    fm_status s;
    memset(&is, 0, sizeof is);
    if ((s = fm_pg_write_begin(ctx, pg)))
        return s;
    /* only the row it may replace: the upsert key is (source, source_id) */
    if (!(s = fm_pg_mirror_one(ctx, pg, inc->source && *inc->source ? inc->source : "manual",
                               inc->source_id, &m)) &&
        !(s = fm_pg_mirror_mark(ctx, m)))
        s = fm_gpkg_add(ctx, m, inc, opts, &upd);
    if (!s)
        s = fm_pg_push(ctx, pg, m, &written);
    is.rows = 1, is.added = written && !upd, is.updated = written && upd;
    is.unchanged = !written;
    s = fm_pg_write_end(ctx, pg, s, "add", NULL, &is);
    if (was_update)
        *was_update = upd;
    fm_store_close(m);
    return s;
}

static const fm_store_ops pg_ops = {
    "PostGIS", pg_close, pg_query, pg_query_each, pg_query_points, pg_count, pg_stats,
    pg_placememo, pg_imported_on, pg_source_info, fm_pg_import, pg_add};

#endif
