/* writer.c: one write transaction on a store: upsert on (source, source_id)
 * with prepared statements reused for every row, a content hash to tell
 * updated rows from unchanged ones, and a bulk mode for big loads that drops
 * the R*Tree triggers and secondary indexes and rebuilds them at commit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "data/columns.h"

/* Two sides, which may run on two threads (import_pipe.c): the checking side
 * (fm_writer_check: seen, check_fresh) and the storing side (fm_writer_store:
 * everything else). Neither touches the other's fields. */
struct fm_writer {
    fm_store *st;
    sqlite3 *db;
    int bulk, fresh, check_fresh;
    int64_t bulk_after; /* rows written after which an existing store goes bulk (0: never) */
    sqlite3_stmt *ins, *upd, *upd_same_point, *find, *cdel, *cins, *merge;
    sqlite3_stmt *ins_batch; /* FM_WRITER_BATCH rows at once, first imports only */
    fm_buf merge_text; /* texts of a merged row */
    int64_t written;   /* rows added or updated (the storing side's count) */
    fm_rtree_bulk *points; /* fresh bulk mode: the points of the new rows */
    fm_pointcache_stream *pack; /* fresh bulk mode: the packed copy, as rows go in */
    fm_pointcache_patch *patch; /* small writes to a store with a packed copy */
    fm_hashset seen;  /* (source, source_id) -> tag of the file that wrote it */
    fm_source_list sources; /* of the rows written, and the files noted: their
                             * records in frontiermap_meta at the commit */
    char now[32];
    char days[FM_WRITER_BATCH][FM_NCOLUMNS][11]; /* dates bound, alive until the step */
    double w, s, e, n;
};

/* The columns of columns.h after geom, bound as ?1 (geom), ?2 .. ?NPARAMS;
 * an update binds the fid as NPARAMS + 1. */
#define W_COL(name, kind, since, absent, canon, req) ", " #name
#define COLS "geom" FM_INCIDENT_COLUMNS(W_COL)
#define NPARAMS (FM_NCOLUMNS + 1)

/* The statements of the column list: an insert; an update (with_geom 0:
 * the same point as stored, so geom is left out of the SET and the
 * GeoPackage R*Tree triggers (AFTER UPDATE OF geom) do not replace its
 * entry, the most costly part of an update when the indexes are kept; ?1
 * stays unused). An update keeps `created`; `updated` is the row's own
 * stamp, if it brings one, else the write's. */
static fm_status build_sql(fm_ctx *ctx, fm_buf *sql, int update, int with_geom)
{
    if (!update) {
        fm_buf_puts(ctx, sql, "INSERT INTO incidents (" COLS ") VALUES (?1");
        for (int c = 2; c <= NPARAMS; c++)
            fm_buf_printf(ctx, sql, ",?%d", c);
        fm_buf_putc(ctx, sql, ')');
        return fm_buf_check(ctx, sql);
    }
    fm_buf_puts(ctx, sql, with_geom ? "UPDATE incidents SET geom=?1" : "UPDATE incidents SET");
    for (int i = 0, first = !with_geom; i < FM_NCOLUMNS; i++) {
        if (fm_columns[i].kind == 'k')
            continue;
        fm_buf_printf(ctx, sql, "%s %s=?%d", first ? "" : ",", fm_columns[i].name, i + 2);
        first = 0;
    }
    fm_buf_printf(ctx, sql, " WHERE fid=?%d", NPARAMS + 1);
    return fm_buf_check(ctx, sql);
}

static fm_status prepare(fm_ctx *ctx, fm_writer *w, const char *sql, sqlite3_stmt **s)
{
    if (sqlite3_prepare_v3(w->db, sql, -1, SQLITE_PREPARE_PERSISTENT, s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, w->db, "cannot prepare a store statement");
    return FM_OK;
}

static fm_status prepare_cols(fm_ctx *ctx, fm_writer *w, int update, int with_geom,
                              sqlite3_stmt **st)
{
    fm_buf sql = {0};
    fm_status s = build_sql(ctx, &sql, update, with_geom);
    if (!s)
        s = prepare(ctx, w, fm_buf_str(&sql), st);
    fm_buf_free(&sql);
    return s;
}

static int64_t count_rows(sqlite3 *db)
{
    sqlite3_stmt *s;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM incidents), "
                               "(SELECT max(fid) FROM incidents)", -1, &s, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int(s, 0) ? sqlite3_column_int64(s, 1) : 0;
    sqlite3_finalize(s);
    return n;
}

static fm_status writer_start(fm_ctx *ctx, fm_writer *w, int64_t expect_rows)
{
    int rc = sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    int64_t existing;
    fm_status s;
    if ((rc & 0xff) == SQLITE_BUSY)
        return fm_error(ctx, FM_EBUSY,
                        "the store '%s' is locked by another import; try again when it finishes",
                        w->st->path);
    if (rc != SQLITE_OK)
        return fm_sql_error(ctx, w->db, w->st->path);
    if ((existing = count_rows(w->db)) < 0)
        return fm_sql_error(ctx, w->db, w->st->path);
    w->fresh = existing == 0;
    /* A new store is loaded in bulk from the start. An existing one keeps its
     * indexes until the rows actually written make rebuilding them cheaper
     * than keeping them up to date (an eighth of the store; max(fid) stands
     * in for its row count): re-importing a cumulative export changes few
     * rows, however long the file. */
    w->bulk = w->fresh && expect_rows > 1000;
    w->bulk_after = w->fresh ? 0 : existing / 8 > 20000 ? existing / 8 : 20000;
    if (w->bulk && (s = fm_schema_bulk_begin(ctx, w->db, w->fresh)))
        return s;
    if (!w->bulk && (s = fm_pointcache_patch_start(ctx, w->db, &w->patch)))
        return s;
    if (!w->bulk)
        w->fresh = 0; /* small loads keep the unique index and use it */
    w->check_fresh = w->fresh;
    if (w->fresh && !(w->points = fm_rtree_bulk_create(ctx, (size_t)expect_rows)))
        return FM_ENOMEM;
    if (w->fresh && !(w->pack = fm_pointcache_stream_start(ctx, w->db)))
        return fm_ctx_status(ctx);
    if (expect_rows > 0 && (s = fm_hashset_reserve(ctx, &w->seen, (size_t)expect_rows)))
        return s;
    if ((s = prepare_cols(ctx, w, 0, 0, &w->ins)) || (s = prepare_cols(ctx, w, 1, 1, &w->upd)) ||
        (s = prepare_cols(ctx, w, 1, 0, &w->upd_same_point)) ||
        (s = prepare(ctx, w, "DELETE FROM incident_claims WHERE incident_fid = ?", &w->cdel)) ||
        (s = prepare(ctx, w, "INSERT INTO incident_claims (incident_fid, party, claim)"
                             " VALUES (?, ?, ?)", &w->cins)))
        return s;
    return FM_OK;
}

fm_status fm_writer_begin(fm_ctx *ctx, fm_store *st, int64_t expect_rows, fm_writer **out)
{
    fm_writer *w = calloc(1, sizeof *w);
    time_t t = time(NULL);
    struct tm tmv;
    fm_status s;
    *out = NULL;
    if (!w)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (st->read_only) {
        free(w);
        return fm_error(ctx, FM_EIO, "the store '%s' was opened read-only", st->path);
    }
    w->st = st;
    w->db = st->db;
    w->w = w->s = INFINITY;
    w->e = w->n = -INFINITY;
    gmtime_r(&t, &tmv);
    strftime(w->now, sizeof w->now, "%Y-%m-%dT%H:%M:%S.000Z", &tmv);
    if ((s = writer_start(ctx, w, expect_rows))) {
        fm_writer_abort(w);
        return s;
    }
    *out = w;
    return FM_OK;
}

static void finalize_all(fm_writer *w)
{
    sqlite3_finalize(w->ins);
    sqlite3_finalize(w->upd);
    sqlite3_finalize(w->upd_same_point);
    sqlite3_finalize(w->find);
    sqlite3_finalize(w->cdel);
    sqlite3_finalize(w->cins);
    sqlite3_finalize(w->merge);
    sqlite3_finalize(w->ins_batch);
    fm_buf_free(&w->merge_text);
    fm_hashset_free(&w->seen);
    fm_rtree_bulk_destroy(w->points);
    w->points = NULL;
    fm_pointcache_stream_end(w->pack);
    w->pack = NULL;
    fm_pointcache_patch_free(w->patch);
    w->patch = NULL;
    fm_source_list_free(&w->sources);
}

fm_status fm_writer_note_file(fm_ctx *ctx, fm_writer *w, const char *source, const char *file,
                              const char *version, const char *day)
{
    return fm_source_list_note(ctx, &w->sources, source, file, version, day);
}

/* 'file:SOURCE' and 'version:SOURCE' of each file noted. */
static fm_status record_files(fm_ctx *ctx, fm_writer *w)
{
    sqlite3_stmt *s;
    fm_status st = FM_OK;
    if (!w->sources.n)
        return FM_OK;
    if (sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO frontiermap_meta (key, value)"
                                  " VALUES (?1 || ?2, ?3)", -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, w->db, "cannot record the import");
    for (size_t i = 0; !st && i < w->sources.n; i++)
        for (int k = 0; !st && k < 2 && w->sources.v[i].rec[0]; k++) {
            sqlite3_bind_text(s, 1, k == 0 ? "file:" : "version:", -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 2, w->sources.v[i].source, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, w->sources.v[i].rec[k], -1, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE)
                st = fm_sql_error(ctx, w->db, "cannot record the import");
            sqlite3_reset(s);
        }
    sqlite3_finalize(s);
    return st;
}

void fm_writer_abort(fm_writer *w)
{
    if (!w)
        return;
    finalize_all(w);
    if (!sqlite3_get_autocommit(w->db))
        sqlite3_exec(w->db, "ROLLBACK", NULL, NULL, NULL);
    free(w);
}

/* Peak resident memory in MiB (Linux), for the debug log. */
static long peak_mib(void)
{
    char line[128];
    long kb = 0;
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmHWM:", 6))
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb / 1024;
}


/* The day each source was last imported, for the credits of maps that do
 * not read the rows themselves (heatmaps: "ACLED, accessed ..."): the day
 * of this write, or the one a frontiermap GeoPackage recorded for the rows
 * it brought (a snapshot's data was accessed when it was first imported). */
static fm_status record_imports(fm_ctx *ctx, fm_writer *w)
{
    sqlite3_stmt *s;
    fm_status st = FM_OK;
    if (!w->sources.n)
        return FM_OK;
    if (sqlite3_prepare_v2(w->db, "INSERT OR REPLACE INTO frontiermap_meta (key, value)"
                                  " VALUES ('imported:' || ?, ?)", -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, w->db, "cannot record the import");
    for (size_t i = 0; !st && i < w->sources.n; i++) {
        const fm_source_rec *r = &w->sources.v[i];
        if (!r->written)
            continue;
        sqlite3_bind_text(s, 1, r->source, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, r->rec[2] ? r->rec[2] : w->now, 10, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            st = fm_sql_error(ctx, w->db, "cannot record the import");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return st;
}

fm_status fm_writer_commit(fm_ctx *ctx, fm_writer *w)
{
    fm_store *st = w->st;
    fm_status s = FM_OK;
    double t0 = fm_clock_s();
    fm_log(ctx, FM_LOG_DEBUG, "store: rows written, peak memory %ld MiB", peak_mib());
    fm_hashset_free(&w->seen); /* its memory goes to the index build */
    if (w->bulk)
        s = fm_schema_bulk_end(ctx, w->db, w->fresh ? w->points : NULL);
    fm_log(ctx, FM_LOG_DEBUG, "store: indexes rebuilt in %.3f s, peak memory %ld MiB",
           fm_clock_s() - t0, peak_mib());
    if (!s)
        s = fm_schema_update_extent(ctx, w->db, w->w, w->s, w->e, w->n);
    if (!s)
        s = record_imports(ctx, w);
    if (!s)
        s = record_files(ctx, w);
    if (!s && (w->written > 0 || w->patch)) {
        int64_t rows = count_rows(w->db);
        int packed = 0;
        if (w->fresh) /* still fresh: every row went in through the stream, in order */
            s = fm_pointcache_stream_finish(ctx, w->pack, rows, &packed);
        else if (w->patch) /* the copy was there: patched, or rebuilt when it cannot be */
            s = fm_pointcache_patch_finish(ctx, w->patch, &packed);
        if (!s && !packed && w->written > 0)
            s = fm_pointcache_rebuild(ctx, w->db, rows);
        fm_log(ctx, FM_LOG_DEBUG, "store: points %s (%.3f s)",
               w->patch && packed ? "patched" : w->fresh && packed ? "packed as written"
                                                                  : "packed from the table",
               fm_clock_s() - t0);
    }
    if (!s) {
        finalize_all(w);
        w->ins = w->upd = w->upd_same_point = w->find = w->cdel = w->cins = w->merge = NULL;
        w->ins_batch = NULL;
        if (sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            s = fm_sql_error(ctx, w->db, "cannot commit the import");
        fm_log(ctx, FM_LOG_DEBUG, "store: committed in %.3f s", fm_clock_s() - t0);
    }
    fm_writer_abort(w);
    /* a store this import built appears under its name only now, or not at
     * all (the failure is the import's) */
    if (!s && st->final_path)
        s = fm_store_publish(ctx, st);
    return s;
}

/* ---- one row -------------------------------------------------------------- */

/* The binders return SQLite's code: a bind that fails (a copy that finds no
 * memory) leaves the parameter NULL, which the step would store silently. */
static int bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v && *v)
        return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    return sqlite3_bind_null(s, i);
}

static int bind_count(sqlite3_stmt *s, int i, int v)
{
    if (v >= 0)
        return sqlite3_bind_int(s, i, v);
    return sqlite3_bind_null(s, i);
}

/* buf must live until the statement has run (no copy, so nothing to fail). */
static int bind_day(sqlite3_stmt *s, int i, fm_day d, char buf[11])
{
    if (d == FM_DAY_NONE)
        return sqlite3_bind_null(s, i);
    fm_day_format(d, buf);
    return sqlite3_bind_text(s, i, buf, 10, SQLITE_STATIC);
}

/* A stamp the row brings (an import of a frontiermap GeoPackage keeps its
 * rows' own: they say when the record was made and last changed), else the
 * time of this write. */
static int bind_stamp(sqlite3_stmt *s, int k, const char *stamp, const char *now)
{
    return sqlite3_bind_text(s, k, stamp && *stamp ? stamp : now, -1, SQLITE_STATIC);
}

/* Binds a row (the r-th of a batch) to parameters base+1 .. base+NPARAMS
 * (base: its place in a multi-row INSERT); FM_OK or the failure recorded. */
static fm_status bind_row(fm_ctx *ctx, fm_writer *w, sqlite3_stmt *s, int base, int r,
                          const fm_incident *inc, uint64_t hash, unsigned char *blob)
{
    int rc = SQLITE_OK;
    int has_xy = isfinite(inc->lon) && isfinite(inc->lat);
    if (has_xy) {
        fm_gpkg_point(blob, inc->lon, inc->lat);
        rc |= sqlite3_bind_blob(s, base + 1, blob, FM_GPKG_POINT_BYTES, SQLITE_STATIC);
    } else {
        rc |= sqlite3_bind_null(s, base + 1);
    }
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        int k = base + 2 + i;
        switch (c->kind) {
        case 's': case 'n': rc |= bind_text(s, k, FM_COL_STR(inc, c)); break;
        case 'i': rc |= bind_count(s, k, FM_COL_INT(inc, c)); break;
        case 'd': rc |= bind_day(s, k, FM_COL_DAY(inc, c), w->days[r][i]); break;
        case 'p': /* a point is stored whole or not at all */
            rc |= has_xy ? sqlite3_bind_double(s, k, FM_COL_DBL(inc, c)) : sqlite3_bind_null(s, k);
            break;
        case 'r':
            rc |= isfinite(FM_COL_DBL(inc, c)) ? sqlite3_bind_double(s, k, FM_COL_DBL(inc, c))
                                                : sqlite3_bind_null(s, k);
            break;
        case 'l': case 'c':
            rc |= bind_text(s, k, fm_column_class_name(c, FM_COL_INT(inc, c)));
            break;
        case 'k': case 'u': rc |= bind_stamp(s, k, FM_COL_STR(inc, c), w->now); break;
        case 'h': rc |= sqlite3_bind_int64(s, k, (int64_t)hash); break;
        }
    }
    return rc == SQLITE_OK ? FM_OK : fm_sql_error(ctx, w->db, "cannot store the incident");
}

static fm_status step_done(fm_ctx *ctx, fm_writer *w, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s); /* every parameter is bound again before the next step */
    if (rc != SQLITE_DONE)
        return fm_sql_error(ctx, w->db, "cannot write to the store");
    return FM_OK;
}

/* "Party: figure; Party: figure" -> one incident_claims row per part. */
static fm_status put_claims(fm_ctx *ctx, fm_writer *w, int64_t fid, const char *claims)
{
    const char *p = claims;
    fm_status s;
    while (p && *p) {
        const char *end = strchr(p, ';'), *colon;
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && (*p == ' '))
            p++, len--;
        colon = memchr(p, ':', len);
        sqlite3_bind_int64(w->cins, 1, fid);
        if (colon) {
            const char *c = colon + 1;
            sqlite3_bind_text(w->cins, 2, p, (int)(colon - p), SQLITE_STATIC);
            while (c < p + len && *c == ' ')
                c++;
            sqlite3_bind_text(w->cins, 3, c, (int)(p + len - c), SQLITE_STATIC);
        } else {
            sqlite3_bind_null(w->cins, 2);
            sqlite3_bind_text(w->cins, 3, p, (int)len, SQLITE_STATIC);
        }
        if (len && (s = step_done(ctx, w, w->cins)))
            return s;
        if (!len)
            sqlite3_reset(w->cins);
        p = end ? end + 1 : NULL;
    }
    return FM_OK;
}

/* Remembers (source, source_id) with the file it came from: a repeat in the
 * same file is a duplicate; a repeat from an earlier file is an update, which
 * in fresh mode needs the unique index back (*reindex: the storing side
 * builds it before storing this row and leaves fresh mode). */
fm_status fm_writer_check(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, uint32_t tag,
                          int *dup, int *reindex)
{
    uint32_t prev = 0;
    fm_status s;
    uint64_t key = fm_hash_str(inc->source_id, fm_hash_str(inc->source, 1469598103934665603ULL));
    *dup = *reindex = 0;
    if ((s = fm_hashset_add(ctx, &w->seen, key, tag, &prev)) || !prev)
        return s;
    if (prev == (tag - 1) % 255 + 1)
        *dup = 1;
    else if (w->check_fresh)
        *reindex = 1, w->check_fresh = 0;
    return FM_OK;
}

/* The stored row of inc's (source, source_id): its fid (0: none), content
 * hash, and whether its geometry is byte for byte the one inc would get. */
static fm_status find_row(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, int64_t *fid,
                          uint64_t *hash, int *same_point)
{
    unsigned char blob[FM_GPKG_POINT_BYTES];
    int rc;
    fm_status s;
    if (!w->find && (s = prepare(ctx, w, "SELECT fid, content_hash, geom FROM incidents"
                                         " WHERE source = ? AND source_id = ?", &w->find)))
        return s;
    sqlite3_bind_text(w->find, 1, inc->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->find, 2, inc->source_id, -1, SQLITE_STATIC);
    rc = sqlite3_step(w->find);
    *fid = rc == SQLITE_ROW ? sqlite3_column_int64(w->find, 0) : 0;
    *hash = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(w->find, 1) : 0;
    *same_point = 0;
    if (rc == SQLITE_ROW && isfinite(inc->lon) && isfinite(inc->lat) &&
        sqlite3_column_bytes(w->find, 2) == FM_GPKG_POINT_BYTES) {
        fm_gpkg_point(blob, inc->lon, inc->lat);
        *same_point = !memcmp(blob, sqlite3_column_blob(w->find, 2), FM_GPKG_POINT_BYTES);
    }
    sqlite3_reset(w->find);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fm_sql_error(ctx, w->db, "cannot read the store");
    return FM_OK;
}

static void widen(fm_writer *w, const fm_incident *inc)
{
    if (!isfinite(inc->lon) || !isfinite(inc->lat))
        return;
    if (inc->lon < w->w) w->w = inc->lon;
    if (inc->lon > w->e) w->e = inc->lon;
    if (inc->lat < w->s) w->s = inc->lat;
    if (inc->lat > w->n) w->n = inc->lat;
}

/* Remembers the source of a row written (every one: its import day is
 * recorded at the commit). */
static fm_status note_source(fm_ctx *ctx, fm_writer *w, const char *source)
{
    return fm_source_list_wrote(ctx, &w->sources, source);
}

/* Enough rows written to an existing store: its R*Tree triggers and date
 * index go for the rest of the transaction and are rebuilt at commit, and so
 * is the packed copy instead of patched. The rows written so far are in the
 * table, which the rebuild reads. */
static fm_status go_bulk(fm_ctx *ctx, fm_writer *w)
{
    fm_status s = fm_schema_bulk_begin(ctx, w->db, 0);
    if (s)
        return s;
    w->bulk = 1;
    fm_pointcache_patch_free(w->patch);
    w->patch = NULL;
    fm_log(ctx, FM_LOG_DEBUG, "store: %lld rows written, indexes dropped until the commit",
           (long long)w->written);
    return FM_OK;
}

/* After a new row went in as fid: its point for the R*Tree and the packed
 * copy (first imports build both at commit), and its claims. */
static fm_status row_added(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, int64_t fid)
{
    fm_status s;
    if (w->fresh && isfinite(inc->lon) && isfinite(inc->lat) &&
        (s = fm_rtree_bulk_add(ctx, w->points, fid, inc->lon, inc->lat)))
        return s;
    if (w->fresh && (s = fm_pointcache_stream_add(ctx, w->pack, fid, inc)))
        return s;
    if ((s = fm_pointcache_patch_add(ctx, w->patch, fid, inc)))
        return s;
    return inc->claims && *inc->claims ? put_claims(ctx, w, fid, inc->claims) : FM_OK;
}

fm_status fm_writer_store(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, int reindex,
                          uint32_t absent, fm_put_result *res)
{
    unsigned char blob[FM_GPKG_POINT_BYTES];
    uint64_t hash = fm_incident_hash(inc), old_hash = 0;
    int64_t fid = 0;
    int same_point = 0;
    fm_incident merged;
    fm_status s;
    if (reindex && w->fresh) {
        w->fresh = 0;
        if ((s = fm_sql_exec(ctx, w->db, "CREATE UNIQUE INDEX IF NOT EXISTS"
                                         " incidents_source_uid ON incidents(source, source_id);")))
            return s;
    }
    if (!w->fresh && (s = find_row(ctx, w, inc, &fid, &old_hash, &same_point)))
        return s;
    if (fid && absent) { /* what the file lacks stays as stored */
        merged = *inc;
        if ((s = fm_incident_merge_stored(ctx, w->db, &w->merge, &w->merge_text, fid, absent,
                                          &merged)))
            return s;
        inc = &merged;
        hash = fm_incident_hash(inc);
    }
    if (fid && old_hash == hash) {
        *res = FM_PUT_UNCHANGED;
        return FM_OK;
    }
    if (!w->bulk && w->bulk_after && w->written >= w->bulk_after && (s = go_bulk(ctx, w)))
        return s;
    widen(w, inc);
    w->written++;
    if ((s = note_source(ctx, w, inc->source)))
        return s;
    if (fid) {
        sqlite3_stmt *upd = same_point ? w->upd_same_point : w->upd;
        if ((s = bind_row(ctx, w, upd, 0, 0, inc, hash, blob)))
            return s;
        sqlite3_bind_int64(upd, NPARAMS + 1, fid);
        if ((s = step_done(ctx, w, upd)) ||
            (s = fm_pointcache_patch_add(ctx, w->patch, fid, inc)))
            return s;
        sqlite3_bind_int64(w->cdel, 1, fid);
        if ((s = step_done(ctx, w, w->cdel)))
            return s;
        *res = FM_PUT_UPDATED;
    } else {
        if ((s = bind_row(ctx, w, w->ins, 0, 0, inc, hash, blob)) ||
            (s = step_done(ctx, w, w->ins)))
            return s;
        *res = FM_PUT_ADDED;
        return row_added(ctx, w, inc, sqlite3_last_insert_rowid(w->db));
    }
    return inc->claims && *inc->claims ? put_claims(ctx, w, fid, inc->claims) : FM_OK;
}

size_t fm_writer_batch_rows(const fm_writer *w)
{
    return w->fresh ? FM_WRITER_BATCH : 0;
}

/* One INSERT of FM_WRITER_BATCH rows: SQLite's work per statement (the
 * AUTOINCREMENT sequence, cursors, the program's start and end) is paid once
 * for all of them, a sixth of the storing side's time on a big import. */
static fm_status prepare_batch(fm_ctx *ctx, fm_writer *w)
{
    fm_buf sql = {0};
    fm_status s = fm_buf_puts(ctx, &sql, "INSERT INTO incidents (" COLS ") VALUES ");
    for (int r = 0; !s && r < FM_WRITER_BATCH; r++) {
        s = fm_buf_puts(ctx, &sql, r ? ",(" : "(");
        for (int c = 1; !s && c <= NPARAMS; c++)
            s = fm_buf_printf(ctx, &sql, c > 1 ? ",?%d" : "?%d", NPARAMS * r + c);
        if (!s)
            s = fm_buf_putc(ctx, &sql, ')');
    }
    if (!s)
        s = prepare(ctx, w, fm_buf_str(&sql), &w->ins_batch);
    fm_buf_free(&sql);
    return s;
}

fm_status fm_writer_insert_batch(fm_ctx *ctx, fm_writer *w, const fm_incident *inc)
{
    unsigned char blob[FM_WRITER_BATCH][FM_GPKG_POINT_BYTES];
    int64_t last;
    fm_status s;
    if (!w->fresh)
        return fm_error(ctx, FM_EINVAL, "internal: a batch insert outside a first import");
    if (!w->ins_batch && (s = prepare_batch(ctx, w)))
        return s;
    for (int r = 0; r < FM_WRITER_BATCH; r++) {
        if ((s = bind_row(ctx, w, w->ins_batch, NPARAMS * r, r, &inc[r],
                          fm_incident_hash(&inc[r]), blob[r])))
            return s;
        widen(w, &inc[r]);
    }
    if ((s = step_done(ctx, w, w->ins_batch)))
        return s;
    /* the rows took consecutive fids: the table has no other writer (this
     * transaction holds it) and AUTOINCREMENT numbers rows in order */
    last = sqlite3_last_insert_rowid(w->db);
    w->written += FM_WRITER_BATCH;
    for (int r = 0; r < FM_WRITER_BATCH; r++)
        if ((s = note_source(ctx, w, inc[r].source)))
            return s;
    for (int r = 0; r < FM_WRITER_BATCH; r++)
        if ((s = row_added(ctx, w, &inc[r], last - (FM_WRITER_BATCH - 1) + r)))
            return s;
    return FM_OK;
}

fm_status fm_writer_put(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, uint32_t tag,
                        fm_put_result *res)
{
    int dup, reindex;
    fm_status s;
    if ((s = fm_writer_check(ctx, w, inc, tag, &dup, &reindex)))
        return s;
    if (dup) {
        *res = FM_PUT_DUPLICATE;
        return FM_OK;
    }
    return fm_writer_store(ctx, w, inc, reindex, 0, res);
}
