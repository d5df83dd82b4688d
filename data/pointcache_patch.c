/* pointcache_patch.c: keeping the packed copy of a big store current after a
 * small write (`add`, a week's export into a store of a million rows) by
 * patching the records it changed, instead of rebuilding the whole copy from
 * the table (~1 s at 10^6 rows, for one row).
 *
 * The writer drops the triggers that empty the copy for the length of its
 * transaction (dropped in it, so a rollback or a kill brings them back) and
 * hands every row it adds or updates to fm_pointcache_patch_add. At commit
 * the records of updated rows are overwritten in place in their chunk, new
 * rows (higher fids: AUTOINCREMENT) go after the last record, and the
 * triggers are created again. Anything the patch cannot account for (a fid
 * that should be in the copy but is not, a row the copy cannot hold, too
 * many sources) says so, and the writer rebuilds the copy as before. */
#include <stdlib.h>

#include "data/pointcache_priv.h"

typedef struct {
    pc_rec r;
    size_t seq;    /* order of writing: the last write of a fid wins */
    size_t source; /* index into the patch's own source names */
} patch_rec;

struct fm_pointcache_patch {
    sqlite3 *db;
    patch_rec *recs;
    size_t n, cap;
    char **names; /* distinct source names of the records */
    size_t nnames;
    int failed;   /* a row the copy cannot hold: rebuild */
};

/* A chunk of the copy: its rowid, record count, first and last fid. */
typedef struct {
    int64_t id;
    size_t n;
    int64_t first, last;
} chunk_info;

fm_status fm_pointcache_patch_start(fm_ctx *ctx, sqlite3 *db, fm_pointcache_patch **out)
{
    sqlite3_stmt *s;
    int have = 0;
    fm_status st;
    *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM frontiermap_points)", -1, &s,
                           NULL) != SQLITE_OK)
        return FM_OK; /* an older store without a copy */
    have = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (!have)
        return FM_OK; /* nothing to keep: the commit builds it if the store is big */
    if (!(*out = calloc(1, sizeof **out)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    (*out)->db = db;
    if ((st = fm_sql_exec(ctx, db, fm_pointcache_drop_sql))) {
        fm_pointcache_patch_free(*out);
        *out = NULL;
    }
    return st;
}

static size_t name_index(fm_pointcache_patch *p, const char *name)
{
    char **g;
    for (size_t i = p->nnames; i-- > 0;)
        if (!strcmp(p->names[i], name))
            return i;
    if (!(g = realloc(p->names, (p->nnames + 1) * sizeof *g)) || !(g[p->nnames] = strdup(name))) {
        if (g)
            p->names = g;
        return (size_t)-1;
    }
    p->names = g;
    return p->nnames++;
}

fm_status fm_pointcache_patch_add(fm_ctx *ctx, fm_pointcache_patch *p, int64_t fid,
                                  const fm_incident *inc)
{
    patch_rec *pr;
    size_t src;
    if (!p || p->failed)
        return FM_OK;
    if (p->n == p->cap && fm_grow(ctx, (void **)&p->recs, &p->cap, p->n + 1, sizeof *p->recs))
        return FM_ENOMEM;
    pr = &p->recs[p->n];
    if (!fm_pc_rec_from_incident(&pr->r, fid, inc)) {
        p->failed = 1;
        return FM_OK;
    }
    if ((src = name_index(p, inc->source && *inc->source ? inc->source : "")) == (size_t)-1)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    pr->seq = p->n++;
    pr->source = src;
    return FM_OK;
}

static int cmp_rec(const void *a, const void *b)
{
    const patch_rec *x = a, *y = b;
    if (x->r.fid != y->r.fid)
        return x->r.fid < y->r.fid ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts by fid, keeping only the last write of each. */
static void sort_unique(fm_pointcache_patch *p)
{
    size_t k = 0;
    qsort(p->recs, p->n, sizeof *p->recs, cmp_rec);
    for (size_t i = 0; i < p->n; i++) {
        if (k > 0 && p->recs[k - 1].r.fid == p->recs[i].r.fid)
            k--;
        p->recs[k++] = p->recs[i];
    }
    p->n = k;
}

/* The copy's source names by index, the patch's names mapped onto them
 * (new ones added to frontiermap_points_sources). FM_ECANCEL: rebuild. */
static fm_status map_sources(fm_ctx *ctx, fm_pointcache_patch *p, uint16_t *to)
{
    sqlite3_stmt *s;
    fm_status st = FM_OK;
    int64_t count = 0, idx;
    size_t i;
    int rc;
    for (i = 0; i < p->nnames && !st; i++) {
        if (sqlite3_prepare_v2(p->db, "SELECT idx FROM frontiermap_points_sources"
                                      " WHERE source = ?", -1, &s, NULL) != SQLITE_OK)
            return fm_sql_error(ctx, p->db, "cannot store the points");
        sqlite3_bind_text(s, 1, p->names[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(s);
        idx = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return fm_sql_error(ctx, p->db, "cannot store the points");
        if (idx < 0) { /* a new source: the next index */
            if (sqlite3_prepare_v2(p->db, "SELECT count(*), coalesce(max(idx), -1)"
                                          " FROM frontiermap_points_sources", -1, &s,
                                   NULL) != SQLITE_OK)
                return fm_sql_error(ctx, p->db, "cannot store the points");
            if (sqlite3_step(s) == SQLITE_ROW) {
                count = sqlite3_column_int64(s, 0);
                idx = sqlite3_column_int64(s, 1) + 1;
            }
            sqlite3_finalize(s);
            if (idx != count || idx >= PC_MAX_SOURCES)
                return FM_ECANCEL; /* not 0..n-1, or full */
            if (sqlite3_prepare_v2(p->db, "INSERT INTO frontiermap_points_sources (idx, source)"
                                          " VALUES (?, ?)", -1, &s, NULL) != SQLITE_OK)
                return fm_sql_error(ctx, p->db, "cannot store the points");
            sqlite3_bind_int64(s, 1, idx);
            sqlite3_bind_text(s, 2, p->names[i], -1, SQLITE_STATIC);
            rc = sqlite3_step(s);
            sqlite3_finalize(s);
            if (rc != SQLITE_DONE)
                st = fm_sql_error(ctx, p->db, "cannot store the points");
        }
        to[i] = (uint16_t)idx;
    }
    return st;
}

static fm_status blob_fid(fm_ctx *ctx, sqlite3 *db, int64_t chunk, size_t rec, int64_t *fid)
{
    sqlite3_blob *b;
    int rc = sqlite3_blob_open(db, "main", "frontiermap_points", "data", chunk, 0, &b);
    if (rc == SQLITE_OK)
        rc = sqlite3_blob_read(b, fid, 8, (int)(rec * PC_REC));
    sqlite3_blob_close(b);
    return rc == SQLITE_OK ? FM_OK : fm_sql_error(ctx, db, "cannot read the points");
}

/* Every chunk with its fid range, in order. FM_ECANCEL: not as built. */
static fm_status read_chunks(fm_ctx *ctx, sqlite3 *db, chunk_info **out, size_t *nout)
{
    sqlite3_stmt *s;
    chunk_info *c = NULL;
    size_t n = 0, cap = 0;
    fm_status st = FM_OK;
    int rc;
    if (sqlite3_prepare_v2(db, "SELECT chunk, length(data) FROM frontiermap_points"
                               " ORDER BY chunk", -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot read the points");
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int64_t len = sqlite3_column_int64(s, 1);
        if (len <= 0 || len % PC_REC || len / PC_REC > PC_CHUNK) {
            st = FM_ECANCEL;
            break;
        }
        if (n == cap && (st = fm_grow(ctx, (void **)&c, &cap, n + 1, sizeof *c)))
            break;
        c[n].id = sqlite3_column_int64(s, 0);
        c[n++].n = (size_t)(len / PC_REC);
    }
    if (!st && rc != SQLITE_DONE)
        st = fm_sql_error(ctx, db, "cannot read the points");
    sqlite3_finalize(s);
    for (size_t i = 0; !st && i < n; i++)
        if (!(st = blob_fid(ctx, db, c[i].id, 0, &c[i].first)))
            st = blob_fid(ctx, db, c[i].id, c[i].n - 1, &c[i].last);
    for (size_t i = 0; !st && i < n; i++)
        if (c[i].first > c[i].last || (i > 0 && c[i].first <= c[i - 1].last))
            st = FM_ECANCEL;
    if (!st && n == 0)
        st = FM_ECANCEL;
    if (st) {
        free(c);
        return st;
    }
    *out = c;
    *nout = n;
    return FM_OK;
}

/* Overwrites the records of recs[0..k) in chunk c, where each must be. */
static fm_status patch_chunk(fm_ctx *ctx, sqlite3 *db, const chunk_info *c,
                             const patch_rec *recs, size_t k, const uint16_t *src)
{
    sqlite3_blob *b;
    size_t lo = 0;
    fm_status st = FM_OK;
    if (sqlite3_blob_open(db, "main", "frontiermap_points", "data", c->id, 1, &b) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot store the points");
    for (size_t i = 0; !st && i < k; i++) {
        size_t hi = c->n; /* binary search in [lo, hi): fids ascend in a chunk */
        int64_t fid = 0;
        while (!st && lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (sqlite3_blob_read(b, &fid, 8, (int)(mid * PC_REC)) != SQLITE_OK)
                st = fm_sql_error(ctx, db, "cannot read the points");
            else if (fid < recs[i].r.fid)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (!st && (lo == c->n || sqlite3_blob_read(b, &fid, 8, (int)(lo * PC_REC)) != SQLITE_OK ||
                    fid != recs[i].r.fid))
            st = FM_ECANCEL; /* a fid in the chunk's range that the chunk lacks */
        if (!st) {
            unsigned char buf[PC_REC];
            pc_rec r = recs[i].r;
            r.source = src[recs[i].source];
            fm_pc_rec_put(buf, &r);
            if (sqlite3_blob_write(b, buf, PC_REC, (int)(lo * PC_REC)) != SQLITE_OK)
                st = fm_sql_error(ctx, db, "cannot store the points");
        }
    }
    sqlite3_blob_close(b);
    return st;
}

/* New records after the last: the last chunk filled up, then new chunks. */
static fm_status append(fm_ctx *ctx, sqlite3 *db, const chunk_info *last, const patch_rec *recs,
                        size_t k, const uint16_t *src)
{
    sqlite3_stmt *rd, *wr;
    unsigned char *buf = malloc((size_t)PC_CHUNK * PC_REC);
    size_t n = 0, i = 0;
    int64_t id = last->id;
    fm_status st = FM_OK;
    if (!buf)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (sqlite3_prepare_v2(db, "SELECT data FROM frontiermap_points WHERE chunk = ?", -1, &rd,
                           NULL) != SQLITE_OK) {
        free(buf);
        return fm_sql_error(ctx, db, "cannot read the points");
    }
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO frontiermap_points (chunk, data)"
                               " VALUES (?, ?)", -1, &wr, NULL) != SQLITE_OK) {
        sqlite3_finalize(rd);
        free(buf);
        return fm_sql_error(ctx, db, "cannot store the points");
    }
    sqlite3_bind_int64(rd, 1, last->id);
    if (sqlite3_step(rd) == SQLITE_ROW && (size_t)sqlite3_column_bytes(rd, 0) == last->n * PC_REC) {
        n = last->n;
        memcpy(buf, sqlite3_column_blob(rd, 0), n * PC_REC);
    } else {
        st = FM_ECANCEL;
    }
    sqlite3_finalize(rd);
    while (!st && i < k) {
        for (; i < k && n < PC_CHUNK; i++, n++) {
            pc_rec r = recs[i].r;
            r.source = src[recs[i].source];
            fm_pc_rec_put(buf + n * PC_REC, &r);
        }
        sqlite3_bind_int64(wr, 1, id);
        sqlite3_bind_blob(wr, 2, buf, (int)(n * PC_REC), SQLITE_STATIC);
        if (sqlite3_step(wr) != SQLITE_DONE)
            st = fm_sql_error(ctx, db, "cannot store the points");
        sqlite3_reset(wr);
        id++;
        n = 0;
    }
    sqlite3_finalize(wr);
    free(buf);
    return st;
}

static fm_status apply(fm_ctx *ctx, fm_pointcache_patch *p)
{
    chunk_info *c = NULL;
    uint16_t *src = NULL;
    size_t nc = 0, i = 0, ci = 0;
    fm_status st;
    sort_unique(p);
    if (!(src = calloc(p->nnames + 1, sizeof *src)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if ((st = map_sources(ctx, p, src)) || (st = read_chunks(ctx, p->db, &c, &nc))) {
        free(src);
        return st;
    }
    while (!st && i < p->n) {
        size_t k = i;
        int64_t fid = p->recs[i].r.fid;
        while (ci < nc && c[ci].last < fid)
            ci++;
        if (ci == nc) { /* after the last record: new rows */
            st = append(ctx, p->db, &c[nc - 1], p->recs + i, p->n - i, src);
            break;
        }
        if (fid < c[ci].first) {
            st = FM_ECANCEL; /* between chunks: a row the copy never had */
            break;
        }
        while (k < p->n && p->recs[k].r.fid <= c[ci].last)
            k++;
        st = patch_chunk(ctx, p->db, &c[ci], p->recs + i, k - i, src);
        i = k;
    }
    free(c);
    free(src);
    return st;
}

fm_status fm_pointcache_patch_finish(fm_ctx *ctx, fm_pointcache_patch *p, int *done)
{
    fm_status st;
    *done = 0;
    if ((st = fm_sql_exec(ctx, p->db, fm_pointcache_trigger_sql)))
        return st;
    if (p->failed)
        return FM_OK;
    st = p->n ? apply(ctx, p) : FM_OK;
    if (st == FM_ECANCEL)
        return FM_OK; /* the caller rebuilds (what apply wrote is replaced) */
    *done = !st;
    return st;
}

void fm_pointcache_patch_free(fm_pointcache_patch *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nnames; i++)
        free(p->names[i]);
    free(p->names);
    free(p->recs);
    free(p);
}
