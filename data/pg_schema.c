/* pg_schema.c: the frontiermap schema in a PostgreSQL/PostGIS database: the
 * incidents table (the columns of columns.h, a geometry(Point, 4326) with a
 * GiST index that also bounds the distance tests on geography), claims as a
 * child table, frontiermap_meta (schema version, import dates, files) and
 * frontiermap_imports (who imported what, when). Created by `frontiermap db
 * init` (or the first import), brought up to date by `db upgrade` (or any
 * write), under the importers' advisory lock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* PostgreSQL types by kind (columns.h). */
const char *fm_pg_type(char kind)
{
    switch (kind) {
    case 'i': return "integer";
    case 'd': return "date";
    case 'p': case 'r': return "double precision";
    case 'k': case 'u': return "timestamptz";
    case 'h': return "bigint";
    default: return "text";
    }
}

static const char *const tables_sql =
    "CREATE TABLE frontiermap_meta (key text PRIMARY KEY, value text);"
    "INSERT INTO frontiermap_meta VALUES ('created_by', 'frontiermap');"
    "CREATE TABLE frontiermap_imports (id bigserial PRIMARY KEY,"
    " at timestamptz NOT NULL DEFAULT now(), by_role text NOT NULL DEFAULT current_user,"
    " command text NOT NULL, files text, rows bigint, added bigint, updated bigint,"
    " unchanged bigint, rejected bigint);"
    "COMMENT ON TABLE frontiermap_imports IS 'each import and add into the frontiermap store';";

/* The indexes a first import drops for its load and builds after it. Each
 * earns its place: the unique key is the upsert's and the importers'
 * guarantee, the GiST on geom bounds every place read (a radius through the
 * circle's box, then ST_DWithin on geography or the exact geodesic decides:
 * pg_mirror.c, pg_stats.c), the dates bound periods. There is no GiST on
 * geom::geography: PostGIS has no sorted build for it, so it cost more to
 * build than the other three together (1.5 s of the server's CPU per 300,000
 * rows against 0.65 s for geom's sorted build) and a geometry box does its
 * work. */
/* The key's columns go source_id first: its build sorts them, and one
 * source's rows share their first column, which then tells nothing apart
 * (its abbreviated sort keys all tie): the other order builds 35% slower.
 * Every lookup names both columns. */
const char *const fm_pg_index_sql =
    "ALTER TABLE incidents ADD CONSTRAINT incidents_source_uid UNIQUE (source_id, source);"
    "CREATE INDEX incidents_geom_gist ON incidents USING gist (geom);"
    "CREATE INDEX incidents_date ON incidents (date_start);";

/* incidents_coarse (the few country-level and unlocated rows, which reads
 * of the placed ones tally apart, as a GeoPackage's incidents_coarse) is
 * kept through a load: testing its predicate row by row (~0.2 s of the
 * server's CPU a million rows) costs less than building it after, a scan of
 * the table (~0.3 s). A geography
 * index an older frontiermap made goes too (its table is empty). */
const char *const fm_pg_unindex_sql =
    "ALTER TABLE incidents DROP CONSTRAINT IF EXISTS incidents_source_uid;"
    "DROP INDEX IF EXISTS incidents_geom_gist, incidents_geog_gist, incidents_date;";

const char *const fm_pg_coarse_sql =
    "CREATE INDEX IF NOT EXISTS incidents_coarse ON incidents (loc_precision)"
    " WHERE loc_precision IN ('country', 'none');";

static const char *const after_sql =
    "COMMENT ON TABLE incidents IS 'frontiermap incidents (ACLED event taxonomy)';"
    "CREATE TABLE incident_claims (id bigserial PRIMARY KEY,"
    " incident_fid bigint NOT NULL REFERENCES incidents (fid) ON DELETE CASCADE,"
    " party text, claim text);"
    "CREATE INDEX incident_claims_fid ON incident_claims (incident_fid);"
    "COMMENT ON TABLE incident_claims IS"
    " 'competing figures claimed by each party for an incident (incident_fid)';";

/* The schema version the database holds (0: none; -1 on error, with ctx set).
 * Whether frontiermap_meta exists is read from pg_class under the statement's
 * snapshot, not by to_regclass: that looks the name up in the backend's
 * catalog cache, which keeps a "no such table" from before the advisory lock
 * (nothing after the lock's wait makes the backend read the invalidations of
 * the schema another importer committed meanwhile), so importers racing into
 * an empty database each tried to create the schema, and all but one failed. */
static int held_version(fm_ctx *ctx, fm_pg *pg)
{
    PGresult *r;
    int v = 0;
    if (fm_pg_query1(ctx, pg, "SELECT EXISTS (SELECT FROM pg_catalog.pg_class c"
                              " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                              " WHERE c.relname = 'frontiermap_meta'"
                              " AND n.nspname = ANY (current_schemas(false)))", &r))
        return -1;
    if (strcmp(pg->api.PQgetvalue(r, 0, 0), "t") != 0) {
        pg->api.PQclear(r);
        return 0;
    }
    pg->api.PQclear(r);
    if (fm_pg_query1(ctx, pg, "SELECT coalesce((SELECT value::int FROM frontiermap_meta"
                              " WHERE key = 'schema_version'), 0)", &r))
        return -1;
    v = atoi(pg->api.PQgetvalue(r, 0, 0));
    pg->api.PQclear(r);
    return v;
}

/* Whether the relation `name` exists in the schemas searched (1, 0; -1 on
 * error, with ctx set), read from pg_class as held_version does. */
static int has_relation(fm_ctx *ctx, fm_pg *pg, const char *name)
{
    const char *params[1] = {name};
    PGresult *r = pg->api.PQexecParams(pg->conn, "SELECT EXISTS (SELECT FROM pg_catalog.pg_class c"
                                       " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE c.relname = $1"
                                       " AND n.nspname = ANY (current_schemas(false)))",
                                       1, NULL, params, NULL, NULL, 0);
    int v;
    if (fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot read the schema of"))
        return -1;
    v = strcmp(pg->api.PQgetvalue(r, 0, 0), "t") == 0;
    pg->api.PQclear(r);
    return v;
}

/* The columns a database of version `from` lacks, added (from 0: the table). */
static fm_status add_columns(fm_ctx *ctx, fm_pg *pg, int from)
{
    fm_buf sql = {0};
    fm_status s;
    if (from == 0) {
        fm_buf_puts(ctx, &sql, "CREATE TABLE incidents (fid bigserial PRIMARY KEY,"
                               " geom geometry(Point, 4326)");
        for (int i = 0; i < FM_NCOLUMNS; i++)
            fm_buf_printf(ctx, &sql, ", %s %s%s", fm_columns[i].name,
                          fm_pg_type(fm_columns[i].kind),
                          /* the key compares bytes: its index builds twice as fast as
                           * under a linguistic collation, and no answer sorts by it */
                          i == FM_COL_source || i == FM_COL_source_id ? " COLLATE \"C\" NOT NULL"
                                                                      : "");
        fm_buf_puts(ctx, &sql, ");");
    } else {
        for (int i = 0; i < FM_NCOLUMNS; i++)
            if (fm_columns[i].since > from)
                fm_buf_printf(ctx, &sql, "ALTER TABLE incidents ADD COLUMN IF NOT EXISTS %s %s;",
                              fm_columns[i].name, fm_pg_type(fm_columns[i].kind));
    }
    fm_buf_printf(ctx, &sql, "INSERT INTO frontiermap_meta VALUES ('schema_version', '%d')"
                             " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;",
                  FM_SCHEMA_VERSION);
    if (!(s = fm_buf_check(ctx, &sql)))
        s = fm_pg_exec(ctx, pg, fm_buf_str(&sql));
    fm_buf_free(&sql);
    return s;
}

/* Before a change to existing tables: a role that may write their rows but
 * does not own them is told who can change them (PostgreSQL's refusal,
 * SQLSTATE 42501, would otherwise read as "read-only", untrue of it). A
 * role that may not write is left to that refusal, which says so. */
static fm_status check_owner(fm_ctx *ctx, fm_pg *pg)
{
    PGresult *r;
    fm_status s;
    if ((s = fm_pg_query1(ctx, pg, "SELECT pg_has_role(relowner, 'USAGE')"
                                   " OR NOT has_table_privilege(oid, 'INSERT, UPDATE'),"
                                   " pg_get_userbyid(relowner) FROM pg_class"
                                   " WHERE oid = 'incidents'::regclass", &r)))
        return s;
    if (strcmp(pg->api.PQgetvalue(r, 0, 0), "t") != 0)
        s = fm_error(ctx, FM_EIO, "the PostGIS store '%s' needs its owner, role '%s', to change"
                     " its schema (role '%s' may write rows but not alter tables): run"
                     " `frontiermap db upgrade --db ...` as '%s'", pg->masked,
                     pg->api.PQgetvalue(r, 0, 1), pg->api.PQuser(pg->conn),
                     pg->api.PQgetvalue(r, 0, 1));
    pg->api.PQclear(r);
    return s;
}

fm_status fm_pg_schema(fm_ctx *ctx, fm_pg *pg, int create, int *version)
{
    fm_status s;
    int v;
    /* one schema change at a time, and none while an import runs */
    if ((s = fm_pg_exec(ctx, pg, "BEGIN")) ||
        (s = fm_pg_exec(ctx, pg, "SELECT pg_advisory_xact_lock(" FM_PG_LOCK ")")))
        goto fail;
    if ((v = held_version(ctx, pg)) < 0) {
        s = fm_ctx_status(ctx);
        goto fail;
    }
    if (v > FM_SCHEMA_VERSION) {
        s = fm_error(ctx, FM_EFORMAT, "the PostGIS store '%s' has schema version %d; this"
                     " frontiermap reads version %d", pg->masked, v, FM_SCHEMA_VERSION);
        goto fail;
    }
    if (v == 0 && !create) {
        s = fm_error(ctx, FM_ENOTFOUND, "'%s' holds no frontiermap store: run `frontiermap db"
                     " init --db ...` first", pg->masked);
        goto fail;
    }
    if (v == 0) {
        PGresult *r;
        if (fm_pg_query1(ctx, pg, "SELECT count(*) FROM pg_extension WHERE extname = 'postgis'",
                         &r)) {
            s = fm_ctx_status(ctx);
            goto fail;
        }
        v = atoi(pg->api.PQgetvalue(r, 0, 0));
        pg->api.PQclear(r);
        if (!v && (s = fm_pg_exec(ctx, pg, "CREATE EXTENSION IF NOT EXISTS postgis"))) {
            fm_error_prefix(ctx, s, "PostGIS is not installed in '%s' (an administrator can"
                            " run CREATE EXTENSION postgis there)", pg->masked);
            goto fail;
        }
        if ((s = fm_pg_exec(ctx, pg, tables_sql)) || (s = add_columns(ctx, pg, 0)) ||
            (s = fm_pg_exec(ctx, pg, fm_pg_index_sql)) || (s = fm_pg_exec(ctx, pg, after_sql)))
            goto fail;
    } else if (v < FM_SCHEMA_VERSION && ((s = check_owner(ctx, pg)) ||
                                         (s = add_columns(ctx, pg, v)))) {
        goto fail;
    }
    /* an index later frontiermaps added within the same schema version, made
     * only where it is missing: PostgreSQL refuses CREATE INDEX IF NOT EXISTS
     * to a role that does not own the table before it looks for the index, so
     * a SELECT-only role's `db upgrade` of a current schema failed */
    if ((v = has_relation(ctx, pg, "incidents_coarse")) < 0) {
        s = fm_ctx_status(ctx);
        goto fail;
    }
    if (!v && ((s = check_owner(ctx, pg)) || (s = fm_pg_exec(ctx, pg, fm_pg_coarse_sql))))
        goto fail;
    if ((s = fm_pg_exec(ctx, pg, "COMMIT")))
        goto fail;
    if (version)
        *version = FM_SCHEMA_VERSION;
    return FM_OK;
fail:
    fm_pg_exec_quiet(pg, "ROLLBACK");
    return fm_error_prefix(ctx, s, "cannot %s the frontiermap schema", create ? "create" : "upgrade");
}

/* A write to a current schema that lacks an index a later frontiermap added
 * within the version (incidents_coarse: `db upgrade` used to be the only
 * thing that made it, so a store from before it went on without it). The
 * owner of incidents gets it made, under the lock, as `db upgrade` makes it;
 * another writer (granted INSERT, UPDATE, DELETE) may not create an index on
 * a table it does not own, so it is told who can, and writes all the same:
 * the index only makes reads faster. */
fm_status fm_pg_schema_complete(fm_ctx *ctx, fm_pg *pg)
{
    PGresult *r;
    fm_status s;
    int v;
    if ((v = has_relation(ctx, pg, "incidents_coarse")) < 0)
        return fm_ctx_status(ctx);
    if (v)
        return FM_OK;
    if ((s = fm_pg_query1(ctx, pg, "SELECT pg_has_role((SELECT relowner FROM pg_class WHERE"
                                   " oid = 'incidents'::regclass), 'USAGE')", &r)))
        return s;
    v = !strcmp(pg->api.PQgetvalue(r, 0, 0), "t");
    pg->api.PQclear(r);
    if (v)
        return fm_pg_schema(ctx, pg, 0, NULL);
    fm_log(ctx, FM_LOG_WARN, "the PostGIS store '%s' lacks its index incidents_coarse (reads"
           " that tally country-level and unlocated incidents scan the table): the owner of"
           " incidents can add it with `frontiermap db upgrade --db ...`", pg->masked);
    return FM_OK;
}

int fm_pg_version(fm_ctx *ctx, fm_pg *pg)
{
    return held_version(ctx, pg);
}

#endif
