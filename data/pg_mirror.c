/* pg_mirror.c: the PostGIS backend answers through the GeoPackage code. A
 * query reads from the server, through its indexes, the rows that may match
 * (a box by the GiST index on geom; a radius by ST_DWithin on geography,
 * widened by a margin and bounded by the same index through the circle's
 * box; the dates by their index) into a
 * scratch store, where the GeoPackage backend applies the filter exactly as
 * it does to a file: the same exact geodesic, the same rules, the same
 * order. Answers are therefore identical to a GeoPackage's holding the
 * same rows. A write mirrors the rows it may touch, runs the GeoPackage
 * import (validation, geocoding, upsert, rejects) on the mirror, and sends
 * back through COPY the rows it added or changed (pg_store.c holds the
 * transaction and the lock). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* ST_DWithin on geography measures on the spheroid (GeographicLib), and its
 * index bounds with a sphere: the margin keeps every row the project's own
 * geodesic (fm_geod_inverse, Karney) puts in the circle, which then decides.
 * 10 m plus 1e-5 of the radius is orders of magnitude above the two
 * measures' difference (under a millimetre). */
#define NEAR_MARGIN(r) ((r) * 1e-5 + 10.0)
/* A box is widened by this much (degrees) before the GiST test: the
 * GeoPackage's R*Tree stores boxes rounded outwards to float, and the exact
 * test follows in either store. */
#define BOX_MARGIN 1e-6

/* The select list: fid, then every column of columns.h; times as the
 * GeoPackage writes them, the point from geom (frontiermap writes lon/lat
 * and geom alike; another editor may have moved only geom). */
static void select_list(fm_ctx *ctx, fm_buf *sql, int light)
{
    fm_buf_puts(ctx, sql, "SELECT fid");
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        if (light && (i == FM_COL_claims || i == FM_COL_notes || i == FM_COL_citation ||
                      i == FM_COL_tags || i == FM_COL_flags || c->kind == 'k' || c->kind == 'u'))
            fm_buf_puts(ctx, sql, ", NULL"); /* no filter, count or sum reads them */
        else if (c->kind == 'k' || c->kind == 'u')
            fm_buf_printf(ctx, sql, ", to_char(%s AT TIME ZONE 'UTC',"
                                    " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')", c->name);
        else if (c->kind == 'p') /* the geometry is the point: rows QGIS edited included */
            fm_buf_printf(ctx, sql, ", CASE WHEN geom IS NULL OR ST_IsEmpty(geom) THEN NULL"
                                    " ELSE ST_%s(geom) END", i == FM_COL_lon ? "X" : "Y");
        else
            fm_buf_printf(ctx, sql, ", %s", c->name);
    }
    fm_buf_puts(ctx, sql, " FROM incidents");
}

void fm_pg_circle_box(fm_ctx *ctx, fm_buf *sql, double lon, double lat, double radius_m)
{
    double west, south, east, north;
    fm_geod_bbox(lon, lat, radius_m, &west, &south, &east, &north);
    west -= BOX_MARGIN, south -= BOX_MARGIN, east += BOX_MARGIN, north += BOX_MARGIN;
    if (west > east) /* across the antimeridian: two boxes */
        fm_buf_printf(ctx, sql, " AND (geom && ST_MakeEnvelope(%.17g, %.17g, 180, %.17g, 4326) OR"
                                " geom && ST_MakeEnvelope(-180, %.17g, %.17g, %.17g, 4326))",
                      west, south, north, south, east, north);
    else if (west > -180 || east < 180 || south > -90 || north < 90)
        fm_buf_printf(ctx, sql, " AND geom && ST_MakeEnvelope(%.17g, %.17g, %.17g, %.17g, 4326)",
                      west, south, east, north);
}

/* The server-side bounds of f's place (after fm_pg_where_add's WHERE): a
 * superset of what its radius and box keep. The radius is bounded by the
 * GiST index on geom through the circle's box (the store has no index on
 * geography, pg_schema.c), then tested by ST_DWithin on geography. */
static void place_clause(fm_ctx *ctx, fm_buf *sql, const fm_filter *f)
{
    if (f->has_near && isfinite(f->lon) && isfinite(f->lat) && f->radius_m >= 0) {
        double r = f->radius_m + NEAR_MARGIN(f->radius_m);
        fm_pg_circle_box(ctx, sql, f->lon, f->lat, r);
        fm_buf_printf(ctx, sql, " AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(%.17g,"
                                " %.17g), 4326)::geography, %.17g)", f->lon, f->lat, r);
    }
    if (f->has_bbox && f->west <= f->east)
        fm_buf_printf(ctx, sql, " AND geom && ST_MakeEnvelope(%.17g, %.17g, %.17g, %.17g, 4326)",
                      f->west - BOX_MARGIN, f->south - BOX_MARGIN, f->east + BOX_MARGIN,
                      f->north + BOX_MARGIN);
}

static fm_status sqlite_fail(fm_ctx *ctx, fm_store *m)
{
    return fm_sql_error(ctx, m->db, "cannot mirror the PostGIS store");
}

/* One row of the select list (r, row k) into the mirror's insert statement. */
static int bind_pg_row(fm_pq *api, PGresult *r, int k, sqlite3_stmt *ins)
{
    int rc = SQLITE_OK;
    int has_xy = !api->PQgetisnull(r, k, 1 + FM_COL_lon) && !api->PQgetisnull(r, k, 1 + FM_COL_lat);
    unsigned char blob[FM_GPKG_POINT_BYTES];
    rc |= sqlite3_bind_int64(ins, 1, strtoll(api->PQgetvalue(r, k, 0), NULL, 10));
    if (has_xy) {
        fm_gpkg_point(blob, strtod(api->PQgetvalue(r, k, 1 + FM_COL_lon), NULL),
                      strtod(api->PQgetvalue(r, k, 1 + FM_COL_lat), NULL));
        rc |= sqlite3_bind_blob(ins, 2, blob, FM_GPKG_POINT_BYTES, SQLITE_TRANSIENT);
    } else {
        rc |= sqlite3_bind_null(ins, 2);
    }
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const char *v = api->PQgetvalue(r, k, 1 + i);
        int p = 3 + i;
        if (api->PQgetisnull(r, k, 1 + i)) {
            rc |= sqlite3_bind_null(ins, p);
            continue;
        }
        switch (fm_columns[i].kind) {
        case 'i': case 'h': rc |= sqlite3_bind_int64(ins, p, strtoll(v, NULL, 10)); break;
        case 'p': case 'r': rc |= sqlite3_bind_double(ins, p, strtod(v, NULL)); break;
        default:
            rc |= sqlite3_bind_text(ins, p, v, api->PQgetlength(r, k, 1 + i), SQLITE_TRANSIENT);
        }
    }
    return rc;
}

static fm_status prepare_insert(fm_ctx *ctx, fm_store *m, sqlite3_stmt **ins)
{
    fm_buf sql = {0};
    fm_status s;
    fm_buf_puts(ctx, &sql, "INSERT INTO incidents (fid, geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, &sql, ") VALUES (?1, ?2");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", ?%d", i + 3);
    fm_buf_putc(ctx, &sql, ')');
    if (!(s = fm_buf_check(ctx, &sql)) &&
        sqlite3_prepare_v2(m->db, fm_buf_str(&sql), -1, ins, NULL) != SQLITE_OK)
        s = sqlite_fail(ctx, m);
    fm_buf_free(&sql);
    return s;
}

/* Streams the rows of sql (with params) into the mirror, one at a time. */
static fm_status copy_rows(fm_ctx *ctx, fm_pg *pg, fm_store *m, const char *sql, int nparams,
                           const char *const *params)
{
    sqlite3_stmt *ins = NULL;
    fm_status s = prepare_insert(ctx, m, &ins);
    PGresult *r;
    if (s)
        return s;
    if (!pg->api.PQsendQueryParams(pg->conn, sql, nparams, NULL, params, NULL, NULL, 0) ||
        !pg->api.PQsetSingleRowMode(pg->conn)) {
        sqlite3_finalize(ins);
        return fm_error(ctx, FM_EDB, "cannot read the PostGIS store '%s': %s", pg->masked,
                        pg->api.PQerrorMessage(pg->conn));
    }
    while ((r = pg->api.PQgetResult(pg->conn)) != NULL) {
        ExecStatusType st = pg->api.PQresultStatus(r);
        if (!s && st == PGRES_SINGLE_TUPLE) {
            if (bind_pg_row(&pg->api, r, 0, ins) != SQLITE_OK || sqlite3_step(ins) != SQLITE_DONE)
                s = sqlite_fail(ctx, m);
            sqlite3_reset(ins);
        } else if (!s && st != PGRES_TUPLES_OK) {
            s = fm_error(ctx, FM_EDB, "cannot read the PostGIS store '%s': %s", pg->masked,
                         pg->api.PQresultErrorMessage(r));
        }
        pg->api.PQclear(r);
    }
    sqlite3_finalize(ins);
    return s;
}

/* frontiermap_meta's records of imports (not the mirror's own schema keys),
 * and the next fid the mirror gives: the database's. */
static fm_status copy_meta(fm_ctx *ctx, fm_pg *pg, fm_store *m)
{
    PGresult *r;
    sqlite3_stmt *ins = NULL;
    fm_status s;
    char sql[200];
    if ((s = fm_pg_query(ctx, pg, "SELECT key, value FROM frontiermap_meta WHERE key NOT IN"
                                   " ('schema_version', 'created_by')", &r)))
        return s;
    if (sqlite3_prepare_v2(m->db, "INSERT OR REPLACE INTO frontiermap_meta (key, value)"
                                  " VALUES (?, ?)", -1, &ins, NULL) != SQLITE_OK)
        s = sqlite_fail(ctx, m);
    for (int k = 0; !s && k < pg->api.PQntuples(r); k++) {
        sqlite3_bind_text(ins, 1, pg->api.PQgetvalue(r, k, 0), -1, SQLITE_STATIC);
        if (pg->api.PQgetisnull(r, k, 1))
            sqlite3_bind_null(ins, 2);
        else
            sqlite3_bind_text(ins, 2, pg->api.PQgetvalue(r, k, 1), -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            s = sqlite_fail(ctx, m);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    pg->api.PQclear(r);
    if (s || (s = fm_pg_query1(ctx, pg, "SELECT coalesce(max(fid), 0) FROM incidents", &r)))
        return s;
    snprintf(sql, sizeof sql, "DELETE FROM sqlite_sequence WHERE name = 'incidents';"
             "INSERT INTO sqlite_sequence (name, seq) VALUES ('incidents', %s);",
             pg->api.PQgetvalue(r, 0, 0));
    pg->api.PQclear(r);
    return fm_sql_exec(ctx, m->db, sql);
}

static fm_status mirror(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, int rows, const char *where,
                        int nparams, const char *const *params, fm_store **out)
{
    fm_store *m = NULL;
    fm_buf sql = {0};
    int own = pg->api.PQtransactionStatus(pg->conn) == PQTRANS_IDLE;
    fm_status s;
    *out = NULL;
    if ((s = fm_store_open_scratch(ctx, &m)))
        return s;
    if (own && (s = fm_pg_exec(ctx, pg, fm_pg_read_begin)))
        goto done;
    if ((s = fm_sql_exec(ctx, m->db, "BEGIN")) || (s = fm_schema_bulk_begin(ctx, m->db, 0)))
        goto done;
    if (rows && (where || !f)) {
        select_list(ctx, &sql, rows == FM_PG_LIGHT);
        fm_buf_puts(ctx, &sql, where ? where : "");
        fm_buf_puts(ctx, &sql, " ORDER BY fid");
        if (!(s = fm_buf_check(ctx, &sql)))
            s = copy_rows(ctx, pg, m, fm_buf_str(&sql), nparams, params);
    } else if (rows) {
        /* the rows f keeps but for its place, and those its place may keep:
         * the GeoPackage code then applies f exactly to fewer rows */
        fm_pg_where w;
        memset(&w, 0, sizeof w);
        select_list(ctx, &w.sql, rows == FM_PG_LIGHT);
        if (!(s = fm_pg_where_add(ctx, &w, f))) {
            place_clause(ctx, &w.sql, f);
            fm_buf_puts(ctx, &w.sql, " ORDER BY fid");
            if (!(s = fm_buf_check(ctx, &w.sql)))
                s = copy_rows(ctx, pg, m, fm_buf_str(&w.sql), w.n, w.params);
        }
        fm_pg_where_free(&w);
    }
    if (!s)
        s = copy_meta(ctx, pg, m);
    if (!s)
        s = fm_schema_bulk_end(ctx, m->db, NULL);
    if (!s)
        s = fm_sql_exec(ctx, m->db, "COMMIT");
done:
    if (own)
        fm_pg_exec_quiet(pg, s ? "ROLLBACK" : "COMMIT");
    fm_buf_free(&sql);
    if (s) {
        fm_store_close(m);
        return s;
    }
    *out = m;
    return FM_OK;
}

fm_status fm_pg_mirror(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, int rows, fm_store **out)
{
    return mirror(ctx, pg, f, rows, NULL, 0, NULL, out);
}

fm_status fm_pg_mirror_one(fm_ctx *ctx, fm_pg *pg, const char *source, const char *source_id,
                           fm_store **out)
{
    const char *params[2] = {source ? source : "", source_id ? source_id : ""};
    return mirror(ctx, pg, NULL, 1, " WHERE source = $1 AND source_id = $2", 2, params, out);
}

fm_status fm_pg_mirror_mark(fm_ctx *ctx, fm_store *m)
{
    return fm_sql_exec(ctx, m->db, "DROP TABLE IF EXISTS temp.fm_before;"
                                   "CREATE TEMP TABLE fm_before AS SELECT fid, content_hash"
                                   " FROM main.incidents;"
                                   "CREATE UNIQUE INDEX temp.fm_before_fid ON fm_before (fid);");
}

/* ---- writing back ---------------------------------------------------------- */

/* COPY's text format: backslash, tab, newline and carriage return escaped. */
static void copy_text(fm_ctx *ctx, fm_buf *b, const char *s, int n)
{
    for (int i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\')
            fm_buf_puts(ctx, b, "\\\\");
        else if (c == '\t')
            fm_buf_puts(ctx, b, "\\t");
        else if (c == '\n')
            fm_buf_puts(ctx, b, "\\n");
        else if (c == '\r')
            fm_buf_puts(ctx, b, "\\r");
        else
            fm_buf_putc(ctx, b, c);
    }
}

/* A point as hex EWKB with SRID 4326 (little-endian). */
static void copy_point(fm_ctx *ctx, fm_buf *b, double lon, double lat)
{
    unsigned char v[16];
    memcpy(v, &lon, 8);
    memcpy(v + 8, &lat, 8);
    fm_buf_puts(ctx, b, "0101000020E6100000");
    for (int i = 0; i < 16; i++)
        fm_buf_printf(ctx, b, "%02X", v[i]);
}

static fm_status copy_flush(fm_ctx *ctx, fm_pg *pg, fm_buf *b, int force)
{
    fm_status s;
    if ((s = fm_buf_check(ctx, b)))
        return s;
    if (b->len && (force || b->len > 65536)) {
        if (pg->api.PQputCopyData(pg->conn, b->data, (int)b->len) != 1)
            return fm_error(ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s",
                            pg->masked, pg->api.PQerrorMessage(pg->conn));
        fm_buf_reset(b);
    }
    return FM_OK;
}

/* Ends a COPY begun by copy_start. */
static fm_status copy_end(fm_ctx *ctx, fm_pg *pg, fm_buf *b, fm_status s)
{
    PGresult *r;
    if (!s)
        s = copy_flush(ctx, pg, b, 1);
    if (pg->api.PQputCopyEnd(pg->conn, s ? "frontiermap: the import failed" : NULL) != 1 && !s)
        s = fm_error(ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s", pg->masked,
                     pg->api.PQerrorMessage(pg->conn));
    while ((r = pg->api.PQgetResult(pg->conn)) != NULL) {
        if (!s && pg->api.PQresultStatus(r) != PGRES_COMMAND_OK)
            s = fm_pg_check(ctx, pg, r, PGRES_COMMAND_OK, "cannot write to the PostGIS store");
        else
            pg->api.PQclear(r);
    }
    return s;
}

static fm_status copy_start(fm_ctx *ctx, fm_pg *pg, const char *sql)
{
    PGresult *r = pg->api.PQexec(pg->conn, sql);
    return fm_pg_check(ctx, pg, r, PGRES_COPY_IN, "cannot write to the PostGIS store") ? fm_ctx_status(ctx)
        : (pg->api.PQclear(r), FM_OK);
}

/* The mirror's rows not as they were when marked. */
#define CHANGED " FROM main.incidents i WHERE NOT EXISTS (SELECT 1 FROM temp.fm_before b" \
                " WHERE b.fid = i.fid AND b.content_hash IS i.content_hash)"

/* Whether the mirror was empty when marked: the database then held no row
 * (the lock keeps it so), and the rows go straight into incidents. */
static int mirror_was_empty(fm_store *m)
{
    sqlite3_stmt *q;
    int empty = 0;
    if (sqlite3_prepare_v2(m->db, "SELECT NOT EXISTS (SELECT 1 FROM temp.fm_before)", -1, &q,
                           NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        empty = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return empty;
}

static fm_status push_rows(fm_ctx *ctx, fm_pg *pg, fm_store *m, int fresh, int64_t *written)
{
    fm_buf sql = {0}, b = {0};
    sqlite3_stmt *q = NULL;
    fm_status s;
    int rc;
    fm_buf_puts(ctx, &sql, "SELECT fid");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, &sql, CHANGED " ORDER BY fid");
    if ((s = fm_buf_check(ctx, &sql)))
        goto done;
    if (sqlite3_prepare_v2(m->db, fm_buf_str(&sql), -1, &q, NULL) != SQLITE_OK) {
        s = sqlite_fail(ctx, m);
        goto done;
    }
    fm_buf_reset(&sql);
    fm_buf_puts(ctx, &sql, fresh ? "COPY incidents (fid, geom" : "COPY fm_stage (fid, geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, &sql, ") FROM STDIN");
    if ((s = fm_buf_check(ctx, &sql)) ||
        (!fresh &&
         (s = fm_pg_exec(ctx, pg, "CREATE TEMP TABLE fm_stage (LIKE incidents) ON COMMIT DROP"))) ||
        (s = copy_start(ctx, pg, fm_buf_str(&sql))))
        goto done;
    while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int null_xy = sqlite3_column_type(q, 1 + FM_COL_lon) == SQLITE_NULL ||
                      sqlite3_column_type(q, 1 + FM_COL_lat) == SQLITE_NULL;
        fm_buf_printf(ctx, &b, "%lld\t", (long long)sqlite3_column_int64(q, 0));
        if (null_xy)
            fm_buf_puts(ctx, &b, "\\N");
        else
            copy_point(ctx, &b, sqlite3_column_double(q, 1 + FM_COL_lon),
                       sqlite3_column_double(q, 1 + FM_COL_lat));
        for (int i = 0; i < FM_NCOLUMNS; i++) {
            int k = 1 + i;
            fm_buf_putc(ctx, &b, '\t');
            if (sqlite3_column_type(q, k) == SQLITE_NULL) {
                fm_buf_puts(ctx, &b, "\\N");
                continue;
            }
            switch (fm_columns[i].kind) {
            case 'i': case 'h':
                fm_buf_printf(ctx, &b, "%lld", (long long)sqlite3_column_int64(q, k));
                break;
            case 'p': case 'r': fm_buf_printf(ctx, &b, "%.17g", sqlite3_column_double(q, k)); break;
            default:
                copy_text(ctx, &b, (const char *)sqlite3_column_text(q, k),
                          sqlite3_column_bytes(q, k));
            }
        }
        fm_buf_putc(ctx, &b, '\n');
        (*written)++;
        s = copy_flush(ctx, pg, &b, 0);
    }
    if (!s && rc != SQLITE_DONE)
        s = sqlite_fail(ctx, m);
    s = copy_end(ctx, pg, &b, s);
    if (s || fresh)
        goto done;
    /* new rows in, changed rows replaced (every column: the mirror's row is
     * the whole truth of it) */
    fm_buf_reset(&sql);
    fm_buf_puts(ctx, &sql, "INSERT INTO incidents (fid, geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, &sql, ") SELECT fid, geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, &sql, " FROM fm_stage ON CONFLICT (fid) DO UPDATE SET geom = EXCLUDED.geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, &sql, ", %s = EXCLUDED.%s", fm_columns[i].name, fm_columns[i].name);
    if (!(s = fm_buf_check(ctx, &sql)))
        s = fm_pg_exec(ctx, pg, fm_buf_str(&sql));
done:
    sqlite3_finalize(q);
    fm_buf_free(&sql);
    fm_buf_free(&b);
    return s;
}

/* The claims of the rows written: replaced by the mirror's. */
static fm_status push_claims(fm_ctx *ctx, fm_pg *pg, fm_store *m, int fresh)
{
    sqlite3_stmt *q = NULL;
    fm_buf b = {0};
    fm_status s;
    int rc;
    if (!fresh && (s = fm_pg_exec(ctx, pg, "DELETE FROM incident_claims WHERE incident_fid IN"
                                           " (SELECT fid FROM fm_stage)")))
        return s;
    if (sqlite3_prepare_v2(m->db, "SELECT incident_fid, party, claim FROM main.incident_claims"
                                  " WHERE incident_fid IN (SELECT fid" CHANGED ") ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(ctx, m);
    if ((s = copy_start(ctx, pg, "COPY incident_claims (incident_fid, party, claim) FROM STDIN"))) {
        sqlite3_finalize(q);
        return s;
    }
    while (!s && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        fm_buf_printf(ctx, &b, "%lld", (long long)sqlite3_column_int64(q, 0));
        for (int k = 1; k < 3; k++) {
            fm_buf_putc(ctx, &b, '\t');
            if (sqlite3_column_type(q, k) == SQLITE_NULL)
                fm_buf_puts(ctx, &b, "\\N");
            else
                copy_text(ctx, &b, (const char *)sqlite3_column_text(q, k),
                          sqlite3_column_bytes(q, k));
        }
        fm_buf_putc(ctx, &b, '\n');
        s = copy_flush(ctx, pg, &b, 0);
    }
    if (!s && rc != SQLITE_DONE)
        s = sqlite_fail(ctx, m);
    s = copy_end(ctx, pg, &b, s);
    sqlite3_finalize(q);
    fm_buf_free(&b);
    return s;
}

/* The mirror's records of imports (dates, files, versions), in one
 * statement. */
static fm_status push_meta(fm_ctx *ctx, fm_pg *pg, fm_store *m)
{
    sqlite3_stmt *q = NULL;
    fm_pg_meta meta = {0};
    fm_status s = FM_OK;
    if (sqlite3_prepare_v2(m->db, "SELECT key, value FROM frontiermap_meta WHERE key NOT IN"
                                  " ('schema_version', 'created_by')", -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(ctx, m);
    while (!s && sqlite3_step(q) == SQLITE_ROW)
        s = fm_pg_meta_add(ctx, &meta, "", (const char *)sqlite3_column_text(q, 0),
                           (const char *)sqlite3_column_text(q, 1));
    sqlite3_finalize(q);
    if (!s)
        s = fm_pg_meta_write(ctx, pg, &meta);
    fm_pg_meta_free(&meta);
    return s;
}

fm_status fm_pg_push(fm_ctx *ctx, fm_pg *pg, fm_store *m, int64_t *written)
{
    fm_status s;
    int fresh = mirror_was_empty(m);
    *written = 0;
    if ((s = push_rows(ctx, pg, m, fresh, written)) || (s = push_claims(ctx, pg, m, fresh)) ||
        (s = push_meta(ctx, pg, m)))
        return s;
    return fm_pg_exec(ctx, pg, "SELECT setval(pg_get_serial_sequence('incidents', 'fid'),"
                               " (SELECT max(fid) FROM incidents))");
}

#endif
