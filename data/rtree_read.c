/* rtree_read.c: a box query on the GeoPackage R*Tree that reads SQLite's
 * node table itself. Through the rtree virtual table every match costs a
 * step of the SQL machine and five column reads; a count of the 60,000
 * points within 25 km of Torkham in a million spent most of its time there.
 * Reading the nodes (one statement step each, ~50 entries) and testing
 * their entries in C gives the same entries: the node format is SQLite's
 * (rtree_bulk.c writes it), and the box test is the virtual table's, on the
 * same floats. */
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

#define RT_MAX_DEPTH 40 /* SQLite's rtree refuses deeper trees */
#define RT_CELL 24      /* 64-bit id, four 32-bit floats */

typedef struct {
    int64_t no;
    int depth;
} rt_pending;

typedef struct {
    fm_ctx *ctx;
    sqlite3 *db;
    sqlite3_stmt *node;
    double w, s, e, n;
    rt_pending *stack;
    size_t depth_n, cap;
    unsigned char buf[65536]; /* one node (at most a 64 KB page) */
} rt_walk;

static uint64_t get_be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    while (n--)
        v = v << 8 | *p++;
    return v;
}

static float get_float(const unsigned char *p)
{
    uint32_t u = (uint32_t)get_be(p, 4);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* The virtual table's test: maxx >= w AND minx <= e (or, across the
 * antimeridian, maxx >= w OR minx <= e), maxy >= s AND miny <= n. */
static int box_hits(const rt_walk *r, const float b[4])
{
    if (!((double)b[3] >= r->s && (double)b[2] <= r->n))
        return 0;
    return r->w <= r->e ? (double)b[1] >= r->w && (double)b[0] <= r->e
                        : (double)b[1] >= r->w || (double)b[0] <= r->e;
}

static fm_status damaged(rt_walk *r, const char *why)
{
    char detail[96];
    snprintf(detail, sizeof detail, "its spatial index: %s", why);
    return fm_store_damaged(r->ctx, NULL, sqlite3_db_filename(r->db, "main"), detail, NULL);
}

/* Copies node no into r->buf; its cell count out. */
static fm_status read_node(rt_walk *r, int64_t no, int root, size_t *ncell)
{
    int rc, len;
    sqlite3_bind_int64(r->node, 1, no);
    rc = sqlite3_step(r->node);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(r->node);
        return rc == SQLITE_DONE ? damaged(r, "a node is missing")
                                 : fm_sql_error(r->ctx, r->db, "cannot read the spatial index");
    }
    len = sqlite3_column_bytes(r->node, 0);
    if (len >= 4 && (size_t)len <= sizeof r->buf)
        memcpy(r->buf, sqlite3_column_blob(r->node, 0), (size_t)len);
    sqlite3_reset(r->node);
    if (len < 4 || (size_t)len > sizeof r->buf)
        return damaged(r, "a node of a wrong size");
    *ncell = (size_t)get_be(r->buf + 2, 2);
    if (4 + *ncell * RT_CELL > (size_t)len || (root && get_be(r->buf, 2) > RT_MAX_DEPTH))
        return damaged(r, "a node holds more than it can");
    return FM_OK;
}

static fm_status push(rt_walk *r, int64_t no, int depth)
{
    if (r->depth_n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        rt_pending *g = realloc(r->stack, cap * sizeof *g);
        if (!g)
            return fm_error(r->ctx, FM_ENOMEM, "out of memory");
        r->stack = g, r->cap = cap;
    }
    r->stack[r->depth_n].no = no;
    r->stack[r->depth_n++].depth = depth;
    return FM_OK;
}

/* Depth first from the root (node 1, its depth in its first two bytes;
 * leaves are depth 0): the children whose boxes meet the query are pushed,
 * the leaf entries that meet it are handed to fn. */
static fm_status walk(rt_walk *r, fm_rtree_fn fn, void *user)
{
    fm_status st;
    size_t ncell;
    if ((st = read_node(r, 1, 1, &ncell)) || (st = push(r, 1, (int)get_be(r->buf, 2))))
        return st;
    while (r->depth_n) {
        rt_pending p = r->stack[--r->depth_n];
        if ((st = read_node(r, p.no, p.no == 1, &ncell)))
            return st;
        for (size_t i = 0; i < ncell; i++) {
            const unsigned char *c = r->buf + 4 + i * RT_CELL;
            float b[4] = {get_float(c + 8), get_float(c + 12), get_float(c + 16),
                          get_float(c + 20)};
            if (!box_hits(r, b))
                continue;
            if (p.depth > 0)
                st = push(r, (int64_t)get_be(c, 8), p.depth - 1);
            else
                st = fn(user, (int64_t)get_be(c, 8), b);
            if (st)
                return st;
        }
    }
    return FM_OK;
}

fm_status fm_rtree_scan(fm_ctx *ctx, sqlite3 *db, const char *table, double w, double s,
                        double e, double n, fm_rtree_fn fn, void *user)
{
    rt_walk *r = calloc(1, sizeof *r);
    char sql[160];
    fm_status st;
    if (!r)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    r->ctx = ctx, r->db = db, r->w = w, r->s = s, r->e = e, r->n = n;
    snprintf(sql, sizeof sql, "SELECT data FROM \"%s_node\" WHERE nodeno = ?", table);
    if (sqlite3_prepare_v2(db, sql, -1, &r->node, NULL) != SQLITE_OK)
        st = fm_sql_error(ctx, db, "cannot read the spatial index");
    else
        st = walk(r, fn, user);
    sqlite3_finalize(r->node);
    free(r->stack);
    free(r);
    return st;
}
