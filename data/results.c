/* results.c: result sets: rows read into fm_incident records whose strings
 * live in a chunked arena owned by the set (one allocation per 64 KiB, not
 * per string), sorted by distance then date for place queries. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "data/columns.h"

/* fid, geom, then every column of columns.h but the point's coordinates
 * (read from geom) and the content hash, in that order (read_row). */
#define R_COL_p(name)
#define R_COL_h(name)
#define R_COL_s(name) ", " #name
#define R_COL_n R_COL_s
#define R_COL_i R_COL_s
#define R_COL_d R_COL_s
#define R_COL_r R_COL_s
#define R_COL_l R_COL_s
#define R_COL_c R_COL_s
#define R_COL_k R_COL_s
#define R_COL_u R_COL_s
#define R_COL(name, kind, since, absent, canon, req) R_COL_##kind(name)
#define RCOLS "fid, geom" FM_INCIDENT_COLUMNS(R_COL)

typedef struct chunk {
    struct chunk *next;
    size_t len, cap;
    char data[];
} chunk;

typedef struct {
    chunk *chunks;
    size_t cap;
    int oom; /* a text did not fit: the row read is incomplete (sticky) */
} res_priv;

static const char *arena_str(res_priv *p, const unsigned char *s, int n)
{
    chunk *c = p->chunks;
    char *out;
    if (!s)
        return NULL;
    if (!c || c->len + (size_t)n + 1 > c->cap) {
        size_t cap = (size_t)n + 1 > 65536 ? (size_t)n + 1 : 65536;
        if (!(c = malloc(sizeof *c + cap))) {
            p->oom = 1;
            return NULL;
        }
        c->next = p->chunks;
        c->len = 0;
        c->cap = cap;
        p->chunks = c;
    }
    out = c->data + c->len;
    memcpy(out, s, (size_t)n);
    out[n] = '\0';
    c->len += (size_t)n + 1;
    return out;
}

void fm_results_destroy(fm_results *r)
{
    res_priv *p;
    if (!r)
        return;
    p = r->priv;
    while (p && p->chunks) {
        chunk *c = p->chunks;
        p->chunks = c->next;
        free(c);
    }
    free(p);
    free(r->items);
    free(r->dist_m);
    free(r->bearing_deg);
    free(r);
}

static int col_int(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

static const char *col_str(res_priv *p, sqlite3_stmt *s, int i)
{
    return arena_str(p, sqlite3_column_text(s, i), sqlite3_column_bytes(s, i));
}

static void read_row(res_priv *p, sqlite3_stmt *s, fm_incident *inc, double lon, double lat)
{
    int k = 2; /* after fid and geom */
    fm_incident_clear(inc);
    inc->id = sqlite3_column_int64(s, 0);
    inc->lon = lon;
    inc->lat = lat;
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        char *f;
        if (c->kind == 'p' || c->kind == 'h')
            continue; /* not selected (and the hash has no field to point at) */
        f = (char *)inc + c->off;
        switch (c->kind) {
        case 's': case 'n': case 'k': case 'u': *(const char **)f = col_str(p, s, k); break;
        case 'i': *(int *)f = col_int(s, k); break;
        case 'd': *(fm_day *)f = fm_day_from_iso((const char *)sqlite3_column_text(s, k)); break;
        case 'r':
            *(double *)f = sqlite3_column_type(s, k) == SQLITE_NULL ? NAN
                                                                    : sqlite3_column_double(s, k);
            break;
        case 'l': case 'c':
            *(int *)f = fm_column_class_parse(c, (const char *)sqlite3_column_text(s, k));
            break;
        }
        k++;
    }
}

static fm_status results_push(fm_ctx *ctx, fm_results *r, res_priv *p)
{
    size_t cap = p->cap;
    if (r->n < cap)
        return FM_OK;
    if (fm_grow(ctx, (void **)&r->items, &cap, r->n + 1, sizeof *r->items))
        return FM_ENOMEM;
    cap = p->cap;
    if (fm_grow(ctx, (void **)&r->dist_m, &cap, r->n + 1, sizeof *r->dist_m))
        return FM_ENOMEM;
    cap = p->cap;
    if (fm_grow(ctx, (void **)&r->bearing_deg, &cap, r->n + 1, sizeof *r->bearing_deg))
        return FM_ENOMEM;
    p->cap = cap;
    return FM_OK;
}

/* Sorting carries the three parallel arrays through an index permutation. */
typedef struct {
    const fm_results *r;
    size_t i;
} sort_key;

static int by_distance(const void *a, const void *b)
{
    const sort_key *x = a, *y = b;
    double dx = x->r->dist_m[x->i], dy = y->r->dist_m[y->i];
    fm_day ax = x->r->items[x->i].date_start, ay = y->r->items[y->i].date_start;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    if (ax != ay)
        return ax < ay ? -1 : 1;
    return x->r->items[x->i].id < y->r->items[y->i].id ? -1 : 1;
}

static fm_status sort_by_distance(fm_ctx *ctx, fm_results *r)
{
    sort_key *k = fm_malloc_array(r->n ? r->n : 1, sizeof *k);
    fm_incident *items = fm_malloc_array(r->n ? r->n : 1, sizeof *items);
    double *d = fm_malloc_array(r->n ? r->n : 1, sizeof *d);
    double *b = fm_malloc_array(r->n ? r->n : 1, sizeof *b);
    size_t i;
    if (!k || !items || !d || !b) {
        free(k), free(items), free(d), free(b);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    for (i = 0; i < r->n; i++)
        k[i].r = r, k[i].i = i;
    qsort(k, r->n, sizeof *k, by_distance);
    for (i = 0; i < r->n; i++) {
        items[i] = r->items[k[i].i];
        d[i] = r->dist_m[k[i].i];
        b[i] = r->bearing_deg[k[i].i];
    }
    free(r->items), free(r->dist_m), free(r->bearing_deg), free(k);
    r->items = items;
    r->dist_m = d;
    r->bearing_deg = b;
    return FM_OK;
}

static fm_status fill(fm_ctx *ctx, fm_store *st, fm_query *q, fm_results *r, res_priv *p)
{
    sqlite3_stmt *s = fm_query_stmt(q);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        double lon, lat, dist, azi;
        if (!fm_blob_point(sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1), &lon, &lat))
            lon = lat = NAN;
        if (!fm_query_place_ok(q, lon, lat, &dist, &azi))
            continue;
        if (results_push(ctx, r, p))
            return FM_ENOMEM;
        read_row(p, s, &r->items[r->n], lon, lat);
        if (p->oom) /* a field read as NULL would be a wrong answer */
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        r->dist_m[r->n] = dist;
        r->bearing_deg[r->n] = azi;
        r->n++;
    }
    if (rc != SQLITE_DONE)
        return fm_sql_error(ctx, st->db, "cannot query the store");
    return FM_OK;
}

fm_status fm_gpkg_query(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out)
{
    fm_results *r = calloc(1, sizeof *r);
    res_priv *p = calloc(1, sizeof *p);
    fm_query *q = NULL;
    fm_status err;
    *out = NULL;
    if (!r || !p) {
        free(r), free(p);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    r->priv = p;
    err = fm_query_prepare(ctx, st, f, RCOLS, f->has_near ? NULL : "ORDER BY date_start, fid", &q);
    if (!err)
        err = fill(ctx, st, q, r, p);
    if (!err && f->has_near)
        err = sort_by_distance(ctx, r);
    fm_query_free(q);
    if (err) {
        fm_results_destroy(r);
        return err;
    }
    *out = r;
    return FM_OK;
}

/* ---- one row at a time ------------------------------------------------------ */

/* Empties the arena down to one chunk, for the next row. */
static void arena_reset(res_priv *p)
{
    while (p->chunks && p->chunks->next) {
        chunk *c = p->chunks;
        p->chunks = c->next;
        free(c);
    }
    if (p->chunks)
        p->chunks->len = 0;
}

fm_status fm_gpkg_query_each(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                              void *user)
{
    res_priv p = {0};
    fm_query *q = NULL;
    fm_incident inc;
    fm_status err;
    int rc = SQLITE_DONE;
    if (f->has_near) { /* nearest first: sorted, so read whole (a radius bounds it) */
        fm_results *r = NULL;
        if ((err = fm_gpkg_query(ctx, st, f, &r)))
            return err;
        for (size_t i = 0; !err && i < r->n; i++)
            err = fn(user, &r->items[i], r->dist_m[i], r->bearing_deg[i]);
        fm_results_destroy(r);
        return err;
    }
    err = fm_query_prepare(ctx, st, f, RCOLS, "ORDER BY date_start, fid", &q);
    while (!err && (rc = sqlite3_step(fm_query_stmt(q))) == SQLITE_ROW) {
        sqlite3_stmt *s = fm_query_stmt(q);
        double lon, lat, dist, azi;
        if (!fm_blob_point(sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1), &lon, &lat))
            lon = lat = NAN;
        if (!fm_query_place_ok(q, lon, lat, &dist, &azi))
            continue;
        arena_reset(&p);
        read_row(&p, s, &inc, lon, lat);
        err = p.oom ? fm_error(ctx, FM_ENOMEM, "out of memory") : fn(user, &inc, dist, azi);
    }
    if (!err && rc != SQLITE_DONE)
        err = fm_sql_error(ctx, st->db, "cannot query the store");
    fm_query_free(q);
    while (p.chunks) {
        chunk *c = p.chunks;
        p.chunks = c->next;
        free(c);
    }
    return err;
}

/* ---- points: the light query behind densities ------------------------------ */

typedef struct {
    fm_points *p;
    size_t cap;
    unsigned flags;
    const unsigned char *last_src; /* the previous row's source, to skip re-hashing it */
    int last_len;
    uint64_t last_hash;
    char last_buf[64];
} points_job;

void fm_points_destroy(fm_points *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nsources; i++)
        free(p->sources[i]);
    fm_big_free(p->lonlat);
    fm_big_free(p->fatalities);
    fm_big_free(p->geo_precision);
    free(p);
}

/* One step of the row hash: a bijection of the state for a fixed v and of v
 * for a fixed state, so changing any one value always changes the result. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * 1099511628211ULL + 0x9e3779b97f4a7c15ULL;
}

static uint64_t mix_double(uint64_t h, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    return mix(h, v);
}

/* Room for need points in every array. The arrays are fm_big_calloc'd: a
 * million points are 20 MB, which realloc would copy and fault in anew at
 * each doubling (a tenth of a heatmap's time went to those page faults). */
static fm_status points_reserve(fm_ctx *ctx, points_job *j, size_t need)
{
    fm_points *p = j->p;
    size_t cap = j->cap, c2 = j->cap;
    if (need <= j->cap)
        return FM_OK;
    /* lonlat holds pairs: grow it as an array of 2-double records */
    if (fm_big_grow(ctx, (void **)&p->lonlat, &cap, need, 2 * sizeof *p->lonlat))
        return FM_ENOMEM;
    if (fm_big_grow(ctx, (void **)&p->fatalities, &c2, need, sizeof *p->fatalities))
        return FM_ENOMEM;
    c2 = j->cap;
    if ((j->flags & FM_POINTS_PRECISION) &&
        fm_big_grow(ctx, (void **)&p->geo_precision, &c2, need, sizeof *p->geo_precision))
        return FM_ENOMEM;
    j->cap = cap;
    return FM_OK;
}

static fm_status points_grow(fm_ctx *ctx, points_job *j)
{
    return j->p->n < j->cap ? FM_OK : points_reserve(ctx, j, j->p->n + 1);
}

/* The source's hash, and the first 8 distinct sources kept (and every
 * source the credits cite: fm_credit_keep). Rows mostly repeat the
 * previous row's source: that case is one memcmp. */
static fm_status points_source(fm_ctx *ctx, points_job *j, const unsigned char *src, int n)
{
    fm_points *p = j->p;
    if (j->last_src && n == j->last_len && n < (int)sizeof j->last_buf &&
        !memcmp(src, j->last_buf, (size_t)n))
        return FM_OK;
    j->last_hash = fm_hash_str((const char *)src, 14695981039346656037ULL);
    j->last_len = n;
    j->last_src = src;
    if (n < (int)sizeof j->last_buf)
        memcpy(j->last_buf, src, (size_t)n);
    else
        j->last_src = NULL;
    return fm_credit_keep(ctx, p->sources, &p->nsources,
                          sizeof p->sources / sizeof p->sources[0], (const char *)src);
}

/* A row without the plain lon/lat columns (written by another tool): its
 * point comes from the geometry blob, looked up by fid. Such rows are rare,
 * and keeping geom out of the main query lets one narrow index cover it. */
static int points_geom(sqlite3 *db, sqlite3_stmt **g, sqlite3_int64 fid, double *lon,
                       double *lat)
{
    int ok = 0;
    if (!*g && sqlite3_prepare_v2(db, "SELECT geom FROM incidents WHERE fid = ?", -1, g, NULL))
        return 0;
    sqlite3_bind_int64(*g, 1, fid);
    if (sqlite3_step(*g) == SQLITE_ROW)
        ok = fm_blob_point(sqlite3_column_blob(*g, 0), sqlite3_column_bytes(*g, 0), lon, lat);
    sqlite3_reset(*g);
    return ok;
}

static fm_status points_fill(fm_ctx *ctx, fm_store *st, fm_query *q, points_job *j)
{
    sqlite3_stmt *s = fm_query_stmt(q), *g = NULL;
    fm_points *p = j->p;
    uint64_t h = 14695981039346656037ULL;
    fm_status err = FM_OK;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        double lon, lat, dist, azi;
        const unsigned char *src;
        if (sqlite3_column_type(s, 1) != SQLITE_NULL && sqlite3_column_type(s, 2) != SQLITE_NULL) {
            lon = sqlite3_column_double(s, 1);
            lat = sqlite3_column_double(s, 2);
        } else if (!points_geom(st->db, &g, sqlite3_column_int64(s, 0), &lon, &lat)) {
            lon = lat = NAN;
        }
        if (!fm_query_place_ok(q, lon, lat, &dist, &azi))
            continue;
        if ((err = points_grow(ctx, j)))
            break;
        src = sqlite3_column_text(s, 4);
        if ((err = points_source(ctx, j, src ? src : (const unsigned char *)"",
                                 src ? sqlite3_column_bytes(s, 4) : 0)))
            break;
        p->lonlat[2 * p->n] = lon;
        p->lonlat[2 * p->n + 1] = lat;
        p->fatalities[p->n] = col_int(s, 3);
        h = mix(h, (uint64_t)sqlite3_column_int64(s, 0));
        h = mix_double(mix_double(h, lon), lat);
        h = mix(mix(h, (uint64_t)(int64_t)p->fatalities[p->n]), j->last_hash);
        if (p->geo_precision) {
            p->geo_precision[p->n] = col_int(s, 5);
            h = mix(h, (uint64_t)(int64_t)p->geo_precision[p->n]);
        }
        p->n++;
    }
    sqlite3_finalize(g);
    if (err)
        return err;
    if (rc != SQLITE_DONE)
        return fm_sql_error(ctx, st->db, "cannot query the store");
    p->hash = mix(h, p->n);
    return FM_OK;
}

/* ---- points built by another backend ------------------------------------------ */

struct fm_points_acc {
    points_job j;
    uint64_t h;
};

fm_status fm_points_acc_create(fm_ctx *ctx, unsigned flags, size_t expect, fm_points_acc **out)
{
    fm_points_acc *a = calloc(1, sizeof *a);
    fm_status err;
    *out = NULL;
    if (!a || !(a->j.p = calloc(1, sizeof *a->j.p))) {
        free(a);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    a->j.flags = flags;
    a->h = 14695981039346656037ULL;
    if (expect && (err = points_reserve(ctx, &a->j, expect))) {
        fm_points_acc_destroy(a);
        return err;
    }
    *out = a;
    return FM_OK;
}

/* points_fill's step for one row. */
fm_status fm_points_acc_add(fm_ctx *ctx, fm_points_acc *a, int64_t fid, double lon, double lat,
                            int fatalities, int geo_precision, const char *src, int srclen)
{
    points_job *j = &a->j;
    fm_points *p = j->p;
    fm_status err;
    if ((err = points_grow(ctx, j)) ||
        (err = points_source(ctx, j, (const unsigned char *)(src ? src : ""), src ? srclen : 0)))
        return err;
    p->lonlat[2 * p->n] = lon;
    p->lonlat[2 * p->n + 1] = lat;
    p->fatalities[p->n] = fatalities;
    a->h = mix(a->h, (uint64_t)fid);
    a->h = mix_double(mix_double(a->h, lon), lat);
    a->h = mix(mix(a->h, (uint64_t)(int64_t)fatalities), j->last_hash);
    if (p->geo_precision) {
        p->geo_precision[p->n] = geo_precision;
        a->h = mix(a->h, (uint64_t)(int64_t)geo_precision);
    }
    p->n++;
    return FM_OK;
}

fm_points *fm_points_acc_finish(fm_points_acc *a)
{
    fm_points *p = a->j.p;
    p->hash = mix(a->h, p->n);
    free(a);
    return p;
}

void fm_points_acc_destroy(fm_points_acc *a)
{
    if (!a)
        return;
    fm_points_destroy(a->j.p);
    free(a);
}

/* One scan: the rows of filter f (and of the fid range in `range`, SQL text
 * appended to the WHERE clauses, or "") read from st into a new fm_points. */
static fm_status points_scan(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                             const char *range, fm_points **out)
{
    /* Only narrow columns, so that one index holding them all, incidents_points
     * (date_start, date_end, lon, lat, fatalities, source, geo_precision),
     * answers the query without reading the wide table rows. */
    static const char *const cols[2] = {"fid, lon, lat, fatalities, source",
                                        "fid, lon, lat, fatalities, source, geo_precision"};
    points_job j;
    fm_query *q = NULL;
    fm_status err;
    *out = NULL;
    memset(&j, 0, sizeof j);
    j.flags = flags;
    if (!(j.p = calloc(1, sizeof *j.p)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    err = fm_query_prepare(ctx, st, f, cols[(flags & FM_POINTS_PRECISION) != 0], range, &q);
    if (!err)
        err = points_fill(ctx, st, q, &j);
    fm_query_free(q);
    if (err) {
        fm_points_destroy(j.p);
        return err;
    }
    *out = j.p;
    return FM_OK;
}

/* ---- the scan in two halves, on two cores ----------------------------------- */

/* A big store is read as two fid ranges at once, each on its own read-only
 * connection (no mutex: one thread each). The halves are fixed by the store's
 * fid range, not by timing, so the result is the same on every run. Each
 * connection reads its own snapshot: a write committed between the two opens
 * can show in one half only, which is what a scan racing a writer could see
 * anyway. */
#define POINTS_SPLIT_MIN 200000

typedef struct {
    fm_ctx *ctx;
    const char *path;
    const fm_filter *f;
    unsigned flags;
    char range[96];
    fm_points *p;
    fm_status st;
} points_half;

static void *points_half_run(void *arg)
{
    points_half *h = arg;
    fm_store part;
    memset(&part, 0, sizeof part);
    if (sqlite3_open_v2(h->path, &part.db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)) {
        h->st = fm_sql_error(h->ctx, part.db, "cannot open the store");
    } else {
        sqlite3_busy_timeout(part.db, 5000);
        h->st = points_scan(h->ctx, &part, h->f, h->flags, h->range, &h->p);
    }
    sqlite3_close(part.db);
    return NULL;
}

/* The fid range [lo, hi] of the store; 0 when it is small or unknown. */
static int fid_range(fm_store *st, sqlite3_int64 *lo, sqlite3_int64 *hi)
{
    sqlite3_stmt *s;
    int ok = 0;
    /* two subqueries: SQLite answers a lone min() or max() from the b-tree's
     * ends, but scans the table for both in one SELECT */
    if (sqlite3_prepare_v2(st->db, "SELECT (SELECT min(fid) FROM incidents),"
                                   " (SELECT max(fid) FROM incidents)", -1, &s, NULL))
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_INTEGER) {
        *lo = sqlite3_column_int64(s, 0);
        *hi = sqlite3_column_int64(s, 1);
        ok = *hi - *lo >= POINTS_SPLIT_MIN;
    }
    sqlite3_finalize(s);
    return ok;
}

/* Appends b's rows to a (both from points_scan, in fid-range order). */
static fm_status points_join(fm_ctx *ctx, fm_points *a, const fm_points *b)
{
    size_t n = a->n + b->n, i, c1 = a->n, c2 = a->n, c3 = a->n;
    fm_status s;
    if (fm_big_grow(ctx, (void **)&a->lonlat, &c1, n, 2 * sizeof *a->lonlat) ||
        fm_big_grow(ctx, (void **)&a->fatalities, &c2, n, sizeof *a->fatalities) ||
        ((a->geo_precision || b->geo_precision) &&
         fm_big_grow(ctx, (void **)&a->geo_precision, &c3, n, sizeof *a->geo_precision)))
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu incidents", n);
    if (b->n) {
        memcpy(a->lonlat + 2 * a->n, b->lonlat, 2 * b->n * sizeof *a->lonlat);
        memcpy(a->fatalities + a->n, b->fatalities, b->n * sizeof *a->fatalities);
    }
    if (b->geo_precision && b->n)
        memcpy(a->geo_precision + a->n, b->geo_precision, b->n * sizeof *a->geo_precision);
    for (i = 0; i < b->nsources; i++)
        if ((s = fm_credit_keep(ctx, a->sources, &a->nsources,
                                sizeof a->sources / sizeof a->sources[0], b->sources[i])))
            return s;
    a->n = n;
    a->hash = mix(a->hash, b->hash);
    return FM_OK;
}

static fm_status points_split(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                              const char *path, sqlite3_int64 lo, sqlite3_int64 hi,
                              fm_points **out)
{
    sqlite3_int64 mid = lo + (hi - lo) / 2;
    points_half h[2];
    pthread_t t;
    fm_status err;
    memset(h, 0, sizeof h);
    for (int i = 0; i < 2; i++)
        h[i].path = path, h[i].f = f, h[i].flags = flags;
    h[0].ctx = ctx;
    snprintf(h[0].range, sizeof h[0].range, "AND fid < %lld", (long long)mid);
    snprintf(h[1].range, sizeof h[1].range, "AND fid >= %lld", (long long)mid);
    if (!(h[1].ctx = fm_ctx_create()))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (pthread_create(&t, NULL, points_half_run, &h[1])) {
        fm_ctx_destroy(h[1].ctx);
        return points_scan(ctx, st, f, flags, "", out);
    }
    points_half_run(&h[0]);
    pthread_join(t, NULL);
    err = h[0].st ? h[0].st
                  : h[1].st ? fm_error(ctx, h[1].st, "%s", fm_ctx_message(h[1].ctx))
                            : points_join(ctx, h[0].p, h[1].p);
    fm_ctx_destroy(h[1].ctx);
    fm_points_destroy(h[1].p);
    if (err) {
        fm_points_destroy(h[0].p);
        return err;
    }
    *out = h[0].p;
    return FM_OK;
}

/* ---- the packed copy of a big store (pointcache.c) -------------------------- */

typedef struct {
    fm_ctx *ctx;
    points_job *j;
    fm_query *q; /* for its box and circle */
    uint64_t h;
    const char *source; /* the last point's: the scan's texts do not change */
} cache_job;

/* The same row, the same hash as points_fill computes. */
static fm_status cache_point(void *user, int64_t fid, double lon, double lat, int fatalities,
                             int geo_precision, const char *source)
{
    cache_job *c = user;
    points_job *j = c->j;
    fm_points *p = j->p;
    double dist, azi;
    fm_status err;
    if (!fm_query_place_ok(c->q, lon, lat, &dist, &azi))
        return FM_OK;
    if ((err = points_grow(c->ctx, j)) ||
        (source != c->source &&
         (err = points_source(c->ctx, j, (const unsigned char *)source, (int)strlen(source)))))
        return err;
    c->source = source;
    p->lonlat[2 * p->n] = lon;
    p->lonlat[2 * p->n + 1] = lat;
    p->fatalities[p->n] = fatalities;
    c->h = mix(c->h, (uint64_t)fid);
    c->h = mix_double(mix_double(c->h, lon), lat);
    c->h = mix(mix(c->h, (uint64_t)(int64_t)fatalities), j->last_hash);
    if (p->geo_precision) {
        p->geo_precision[p->n] = geo_precision;
        c->h = mix(c->h, (uint64_t)(int64_t)geo_precision);
    }
    p->n++;
    return FM_OK;
}

static fm_status points_cached(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                               fm_points **out)
{
    points_job j;
    cache_job c;
    fm_status err;
    memset(&j, 0, sizeof j);
    memset(&c, 0, sizeof c);
    j.flags = flags;
    c.ctx = ctx, c.j = &j, c.h = 14695981039346656037ULL;
    if (!(j.p = calloc(1, sizeof *j.p)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    err = fm_query_prepare(ctx, st, f, "fid", "", &c.q);
    /* room for every point the copy holds, reserved up front: the pages a
     * narrower filter leaves untouched are never faulted in */
    if (!err)
        err = points_reserve(ctx, &j, fm_pointcache_capacity(st->db));
    if (!err)
        err = fm_pointcache_scan(ctx, st->db, f, cache_point, &c);
    fm_query_free(c.q);
    if (err) {
        fm_points_destroy(j.p);
        return err;
    }
    j.p->hash = mix(c.h, j.p->n);
    *out = j.p;
    return FM_OK;
}

fm_status fm_gpkg_query_points(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                                fm_points **out)
{
    const char *path = sqlite3_db_filename(st->db, "main");
    sqlite3_int64 lo, hi;
    *out = NULL;
    /* the few coarse rows alone come faster through their index than the copy */
    if (fm_pointcache_usable(st->db, f) && !fm_loc_mask_coarse(f->loc_mask))
        return points_cached(ctx, st, f, flags, out);
    if (path && *path && !fm_loc_mask_coarse(f->loc_mask) && fid_range(st, &lo, &hi))
        return points_split(ctx, st, f, flags, path, lo, hi, out);
    return points_scan(ctx, st, f, flags, "", out);
}
