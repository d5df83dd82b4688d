/* pointcache.c: the points of a big store packed in a few blobs, for the
 * densities and maps that read every point. Reading a million points row by
 * row costs SQLite ~0.5 s (every wide row is decoded); from the packed copy
 * it is a few tens of milliseconds. The copy is written in the transaction
 * of every import that changes the store (packed as rows go in, patched after
 * a small write by pointcache_patch.c, or rebuilt from the table), and
 * triggers empty it when any other program (QGIS, GDAL, the sqlite3 shell)
 * writes the incidents table, so a copy that is there is always the table's:
 * when it is empty the points are read from the table as before. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/pointcache_priv.h"

const char *const fm_pointcache_schema_sql =
    "CREATE TABLE IF NOT EXISTS frontiermap_points (chunk INTEGER PRIMARY KEY,"
    " data BLOB NOT NULL);"
    "CREATE TABLE IF NOT EXISTS frontiermap_points_sources (idx INTEGER PRIMARY KEY,"
    " source TEXT NOT NULL);";

const char *const fm_pointcache_trigger_sql =
    "CREATE TRIGGER IF NOT EXISTS frontiermap_points_insert AFTER INSERT ON incidents"
    " BEGIN DELETE FROM frontiermap_points; END;"
    "CREATE TRIGGER IF NOT EXISTS frontiermap_points_update AFTER UPDATE ON incidents"
    " BEGIN DELETE FROM frontiermap_points; END;"
    "CREATE TRIGGER IF NOT EXISTS frontiermap_points_delete AFTER DELETE ON incidents"
    " BEGIN DELETE FROM frontiermap_points; END;";

const char *const fm_pointcache_drop_sql =
    "DROP TRIGGER IF EXISTS frontiermap_points_insert;"
    "DROP TRIGGER IF EXISTS frontiermap_points_update;"
    "DROP TRIGGER IF EXISTS frontiermap_points_delete;";

/* ---- building ------------------------------------------------------------- */

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *chunk, *src;
    unsigned char *buf;
    size_t n;           /* points in buf */
    int64_t nchunk;
    char **sources;     /* distinct sources, in order of first appearance */
    size_t nsources;
} pc_build;

static fm_status flush_chunk(fm_ctx *ctx, pc_build *b)
{
    int rc;
    if (!b->n)
        return FM_OK;
    sqlite3_bind_int64(b->chunk, 1, b->nchunk++);
    sqlite3_bind_blob(b->chunk, 2, b->buf, (int)(b->n * PC_REC), SQLITE_STATIC);
    rc = sqlite3_step(b->chunk);
    sqlite3_reset(b->chunk);
    b->n = 0;
    return rc == SQLITE_DONE ? FM_OK : fm_sql_error(ctx, b->db, "cannot store the points");
}

/* The index of source s, added when new; -1 when there are too many. */
static int source_index(fm_ctx *ctx, pc_build *b, const char *s)
{
    size_t i;
    char **grown;
    for (i = b->nsources; i-- > 0;) /* a store has a handful: scan from the newest */
        if (!strcmp(b->sources[i], s))
            return (int)i;
    if (b->nsources == PC_MAX_SOURCES ||
        !(grown = realloc(b->sources, (b->nsources + 1) * sizeof *grown)))
        return -1;
    b->sources = grown;
    if (!(b->sources[b->nsources] = strdup(s)))
        return -1;
    (void)ctx;
    return (int)b->nsources++;
}

static fm_status build_rows(fm_ctx *ctx, pc_build *b)
{
    sqlite3_stmt *s;
    fm_status st = FM_OK;
    int rc, idx;
    if (sqlite3_prepare_v2(b->db, "SELECT fid, lon, lat, geom, border_km, date_start,"
                                  " coalesce(date_end, date_start), fatalities, source,"
                                  " geo_precision, border_side, loc_precision FROM incidents"
                                  " ORDER BY fid",
                           -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, b->db, "cannot read the points");
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        pc_rec r;
        const char *src = (const char *)sqlite3_column_text(s, 8);
        r.fid = sqlite3_column_int64(s, 0);
        if (sqlite3_column_type(s, 1) != SQLITE_NULL && sqlite3_column_type(s, 2) != SQLITE_NULL) {
            r.lon = sqlite3_column_double(s, 1);
            r.lat = sqlite3_column_double(s, 2);
        } else if (!fm_blob_point(sqlite3_column_blob(s, 3), sqlite3_column_bytes(s, 3), &r.lon,
                                  &r.lat)) {
            r.lon = r.lat = NAN;
        }
        r.border_km = sqlite3_column_type(s, 4) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 4);
        r.day0 = fm_day_from_iso((const char *)sqlite3_column_text(s, 5));
        r.day1 = fm_day_from_iso((const char *)sqlite3_column_text(s, 6));
        r.fatalities = sqlite3_column_type(s, 7) == SQLITE_NULL ? PC_NULL_INT
                                                                : sqlite3_column_int(s, 7);
        r.geo_precision = (int8_t)(sqlite3_column_type(s, 9) == SQLITE_NULL
                                       ? -1 : sqlite3_column_int(s, 9) & 0x7f);
        r.side = fm_pc_side_code(sqlite3_column_text(s, 10));
        r.loc = (int8_t)fm_loc_class_parse((const char *)sqlite3_column_text(s, 11));
        r.loc = r.loc > 0 ? r.loc : 0;
        if (r.day0 == FM_DAY_NONE || r.day1 == FM_DAY_NONE ||
            (idx = source_index(ctx, b, src ? src : "")) < 0) {
            st = FM_ECANCEL; /* a row the copy cannot hold exactly: no copy */
            break;
        }
        r.source = (uint16_t)idx;
        fm_pc_rec_put(b->buf + b->n++ * PC_REC, &r);
        if (b->n == PC_CHUNK)
            st = flush_chunk(ctx, b);
    }
    if (!st && rc != SQLITE_DONE)
        st = fm_sql_error(ctx, b->db, "cannot read the points");
    sqlite3_finalize(s);
    return st ? st : flush_chunk(ctx, b);
}

static fm_status write_sources(fm_ctx *ctx, pc_build *b)
{
    for (size_t i = 0; i < b->nsources; i++) {
        int rc;
        sqlite3_bind_int64(b->src, 1, (sqlite3_int64)i);
        sqlite3_bind_text(b->src, 2, b->sources[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(b->src);
        sqlite3_reset(b->src);
        if (rc != SQLITE_DONE)
            return fm_sql_error(ctx, b->db, "cannot store the points");
    }
    return FM_OK;
}

static void build_free(pc_build *b)
{
    sqlite3_finalize(b->chunk);
    sqlite3_finalize(b->src);
    for (size_t i = 0; i < b->nsources; i++)
        free(b->sources[i]);
    free(b->sources);
    free(b->buf);
    memset(b, 0, sizeof *b);
}

fm_status fm_pointcache_rebuild(fm_ctx *ctx, sqlite3 *db, int64_t rows)
{
    pc_build b;
    fm_status st;
    memset(&b, 0, sizeof b);
    b.db = db;
    st = fm_sql_exec(ctx, db, "DELETE FROM frontiermap_points;"
                              " DELETE FROM frontiermap_points_sources;");
    if (st || rows < PC_MIN_ROWS)
        return st;
    if (!(b.buf = malloc((size_t)PC_CHUNK * PC_REC)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(db, "INSERT INTO frontiermap_points (chunk, data) VALUES (?, ?)", -1,
                           &b.chunk, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO frontiermap_points_sources (idx, source)"
                               " VALUES (?, ?)", -1, &b.src, NULL) != SQLITE_OK)
        st = fm_sql_error(ctx, db, "cannot store the points");
    if (!st)
        st = build_rows(ctx, &b);
    if (!st)
        st = write_sources(ctx, &b);
    if (st == FM_ECANCEL) /* rows it cannot hold: readers use the table */
        st = fm_sql_exec(ctx, db, "DELETE FROM frontiermap_points;"
                                  " DELETE FROM frontiermap_points_sources;");
    build_free(&b);
    return st;
}

/* ---- packing while a new store is written ---------------------------------- */

/* A first import writes rows in fid order: their packed copy is written as it
 * goes (one chunk buffered), instead of reading the whole table back at the
 * end. Any row it cannot hold ends the stream (fm_pointcache_rebuild then). */
struct fm_pointcache_stream {
    pc_build b;
    int failed;
};

fm_pointcache_stream *fm_pointcache_stream_start(fm_ctx *ctx, sqlite3 *db)
{
    fm_pointcache_stream *ps = calloc(1, sizeof *ps);
    if (!ps || !(ps->b.buf = malloc((size_t)PC_CHUNK * PC_REC))) {
        free(ps);
        fm_error(ctx, FM_ENOMEM, "out of memory");
        return NULL;
    }
    ps->b.db = db;
    if (fm_sql_exec(ctx, db, "DELETE FROM frontiermap_points;"
                             " DELETE FROM frontiermap_points_sources;") ||
        sqlite3_prepare_v2(db, "INSERT INTO frontiermap_points (chunk, data) VALUES (?, ?)", -1,
                           &ps->b.chunk, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO frontiermap_points_sources (idx, source)"
                               " VALUES (?, ?)", -1, &ps->b.src, NULL) != SQLITE_OK) {
        fm_sql_error(ctx, db, "cannot store the points");
        fm_pointcache_stream_end(ps);
        return NULL;
    }
    return ps;
}

fm_status fm_pointcache_stream_add(fm_ctx *ctx, fm_pointcache_stream *ps, int64_t fid,
                                   const fm_incident *inc)
{
    pc_rec r;
    int idx;
    if (!ps || ps->failed)
        return FM_OK;
    if (!fm_pc_rec_from_incident(&r, fid, inc) ||
        (idx = source_index(ctx, &ps->b, inc->source && *inc->source ? inc->source : "")) < 0) {
        ps->failed = 1;
        return FM_OK;
    }
    r.source = (uint16_t)idx;
    fm_pc_rec_put(ps->b.buf + ps->b.n++ * PC_REC, &r);
    return ps->b.n == PC_CHUNK ? flush_chunk(ctx, &ps->b) : FM_OK;
}

fm_status fm_pointcache_stream_finish(fm_ctx *ctx, fm_pointcache_stream *ps, int64_t rows,
                                      int *done)
{
    fm_status st;
    *done = 0;
    if (!ps || ps->failed)
        return FM_OK;
    if (rows < PC_MIN_ROWS) /* too small to keep a copy */
        return fm_sql_exec(ctx, ps->b.db, "DELETE FROM frontiermap_points;");
    if ((st = flush_chunk(ctx, &ps->b)) || (st = write_sources(ctx, &ps->b)))
        return st;
    *done = 1;
    return FM_OK;
}

void fm_pointcache_stream_end(fm_pointcache_stream *ps)
{
    if (!ps)
        return;
    build_free(&ps->b);
    free(ps);
}

/* ---- reading ------------------------------------------------------------ */

int fm_pointcache_present(sqlite3 *db)
{
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM frontiermap_points)", -1, &s,
                           NULL) != SQLITE_OK)
        return 0; /* an older store: no copy */
    ok = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return ok;
}

int fm_pointcache_usable(sqlite3 *db, const fm_filter *f)
{
    if ((f->type && *f->type) || (f->actor && *f->actor) ||
        (f->side && strcmp(f->side, "PK") && strcmp(f->side, "AF")) ||
        (f->country && *f->country) || (f->admin1 && *f->admin1) || (f->admin2 && *f->admin2))
        return 0;
    return fm_pointcache_present(db);
}

size_t fm_pointcache_capacity(sqlite3 *db)
{
    sqlite3_stmt *s;
    size_t n = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM frontiermap_points", -1, &s, NULL) !=
        SQLITE_OK)
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0)
        n = (size_t)sqlite3_column_int64(s, 0) * PC_CHUNK;
    sqlite3_finalize(s);
    return n;
}

/* The same rules as query.c's clauses: the period holds what starts in it,
 * by span; the location classes (a record without one is exact when it has
 * a point). */
static int rec_passes(const pc_rec *r, const fm_filter *f, int side, int limit)
{
    int has_xy = !isnan(r->lon) && !isnan(r->lat);
    if (f->since != FM_DAY_NONE && r->day0 < f->since)
        return 0;
    if (f->until != FM_DAY_NONE && r->day0 > f->until)
        return 0;
    if (f->spans == FM_SPANS_LONGER && (limit < 0 || r->day1 - r->day0 + 1 <= limit))
        return 0;
    if (f->spans == FM_SPANS_FIT && limit >= 0 && r->day1 - r->day0 + 1 > limit)
        return 0;
    if (!fm_loc_mask_has(f->loc_mask, r->loc ? r->loc : has_xy ? FM_LOC_EXACT : FM_LOC_NONE))
        return 0;
    if (f->min_fatalities >= 0 &&
        (r->fatalities == PC_NULL_INT || r->fatalities < f->min_fatalities))
        return 0;
    if (f->near_border_m >= 0 && !(r->border_km <= f->near_border_m / 1000))
        return 0;
    if (side && r->side != side)
        return 0;
    if ((f->has_bbox || f->has_near || f->within) && (isnan(r->lon) || isnan(r->lat)))
        return 0;
    return 1;
}

/* Reads the records of one chunk (open in b) a slice at a time into buf,
 * which stays in the cache, instead of SQLite copying each 3 MB blob into
 * fresh memory: for a million points that was a third of the scan. */
#define PC_SLICE 1365 /* records per read: 64 KB */

typedef struct {
    const fm_filter *f;
    char **src;
    size_t nsrc;
    int side, limit;
    fm_pointcache_fn fn;
    void *user;
    unsigned char buf[PC_SLICE * PC_REC];
} pc_scan;

static fm_status scan_chunk(fm_ctx *ctx, sqlite3 *db, pc_scan *sc, sqlite3_blob *b)
{
    int bytes = sqlite3_blob_bytes(b);
    fm_status st = FM_OK;
    for (int off = 0; !st && off + PC_REC <= bytes;) {
        int n = (bytes - off) / PC_REC < PC_SLICE ? (bytes - off) / PC_REC : PC_SLICE;
        if (sqlite3_blob_read(b, sc->buf, n * PC_REC, off) != SQLITE_OK)
            return fm_sql_error(ctx, db, "cannot read the points");
        off += n * PC_REC;
        for (int i = 0; !st && i < n; i++) {
            pc_rec r;
            fm_pc_rec_get(sc->buf + (size_t)i * PC_REC, &r);
            if (r.source >= sc->nsrc)
                return fm_error(ctx, FM_EDB, "the packed points of the store are damaged");
            if (rec_passes(&r, sc->f, sc->side, sc->limit))
                st = sc->fn(sc->user, r.fid, r.lon, r.lat,
                            r.fatalities == PC_NULL_INT ? -1 : r.fatalities, r.geo_precision,
                            sc->src[r.source]);
        }
    }
    return st;
}

static fm_status read_sources(fm_ctx *ctx, sqlite3 *db, pc_scan *sc)
{
    sqlite3_stmt *s;
    fm_status st = FM_OK;
    if (sqlite3_prepare_v2(db, "SELECT source FROM frontiermap_points_sources ORDER BY idx", -1,
                           &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot read the points");
    while (sqlite3_step(s) == SQLITE_ROW) {
        char **g = realloc(sc->src, (sc->nsrc + 1) * sizeof *g);
        if (!g || !(g[sc->nsrc] = strdup((const char *)sqlite3_column_text(s, 0)))) {
            sc->src = g ? g : sc->src;
            st = fm_error(ctx, FM_ENOMEM, "out of memory");
            break;
        }
        sc->src = g;
        sc->nsrc++;
    }
    sqlite3_finalize(s);
    return st;
}

/* The chunks in order, each through one blob handle moved from chunk to
 * chunk; the statement listing them keeps one read transaction throughout. */
static fm_status scan_chunks(fm_ctx *ctx, sqlite3 *db, pc_scan *sc)
{
    sqlite3_stmt *s;
    sqlite3_blob *b = NULL;
    fm_status st = FM_OK;
    int rc;
    if (sqlite3_prepare_v2(db, "SELECT chunk FROM frontiermap_points ORDER BY chunk", -1, &s,
                           NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot read the points");
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 chunk = sqlite3_column_int64(s, 0);
        if (b ? sqlite3_blob_reopen(b, chunk) != SQLITE_OK
              : sqlite3_blob_open(db, "main", "frontiermap_points", "data", chunk, 0, &b) !=
                    SQLITE_OK)
            st = fm_sql_error(ctx, db, "cannot read the points");
        else
            st = scan_chunk(ctx, db, sc, b);
    }
    if (!st && rc != SQLITE_DONE)
        st = fm_sql_error(ctx, db, "cannot read the points");
    sqlite3_blob_close(b);
    sqlite3_finalize(s);
    return st;
}

/* Calls fn for every stored point that passes f's non-place filters, in fid
 * order, with its source's text. */
fm_status fm_pointcache_scan(fm_ctx *ctx, sqlite3 *db, const fm_filter *f,
                             fm_pointcache_fn fn, void *user)
{
    pc_scan *sc = calloc(1, sizeof *sc);
    fm_status st;
    if (!sc)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    sc->f = f, sc->fn = fn, sc->user = user;
    sc->side = f->side ? (!strcmp(f->side, "PK") ? 1 : 2) : 0;
    sc->limit = fm_filter_span_limit(f);
    if (!(st = read_sources(ctx, db, sc)))
        st = scan_chunks(ctx, db, sc);
    for (size_t i = 0; i < sc->nsrc; i++)
        free(sc->src[i]);
    free(sc->src);
    free(sc);
    return st;
}
