/* rtree_bulk.c: builds the GeoPackage R*Tree in one pass (Sort-Tile-
 * Recursive packing) by writing SQLite's rtree shadow tables directly, since
 * inserting a million entries one by one costs more than the whole import.
 * The node format is SQLite's: a 2-byte depth (root only), a 2-byte cell
 * count, then cells of a 64-bit id and four 32-bit floats, all big-endian,
 * padded to the node size of the table's root. Check with rtreecheck(). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

typedef struct {
    int64_t id;
    float box[4]; /* minx, maxx, miny, maxy */
} rt_entry;

struct fm_rtree_bulk {
    rt_entry *e;
    size_t n, cap;
    size_t sorted_m; /* entries already in STR leaf order for nodes of this size */
};

static float round_down(double d)
{
    float f = (float)d;
    return f > d ? nextafterf(f, -INFINITY) : f;
}

static float round_up(double d)
{
    float f = (float)d;
    return f < d ? nextafterf(f, INFINITY) : f;
}

fm_status fm_rtree_bulk_add(fm_ctx *ctx, fm_rtree_bulk *b, int64_t id, double x, double y)
{
    rt_entry *e;
    if (b->n == b->cap && fm_grow(ctx, (void **)&b->e, &b->cap, b->n + 1, sizeof *b->e))
        return FM_ENOMEM;
    e = &b->e[b->n++];
    b->sorted_m = 0;
    e->id = id;
    e->box[0] = round_down(x);
    e->box[1] = round_up(x);
    e->box[2] = round_down(y);
    e->box[3] = round_up(y);
    return FM_OK;
}

fm_rtree_bulk *fm_rtree_bulk_create(fm_ctx *ctx, size_t expect)
{
    fm_rtree_bulk *b = calloc(1, sizeof *b);
    if (b && expect && !(b->e = fm_malloc_array(expect, sizeof *b->e))) {
        free(b);
        b = NULL;
    }
    if (!b)
        fm_error(ctx, FM_ENOMEM, "out of memory");
    else
        b->cap = expect;
    return b;
}

void fm_rtree_bulk_destroy(fm_rtree_bulk *b)
{
    if (b) {
        free(b->e);
        free(b);
    }
}

/* An in-place quicksort on the box centre along axis (0 x, 2 y): glibc's
 * qsort would allocate a copy of the whole array. */
static float centre(const rt_entry *e, int axis)
{
    return e->box[axis] + e->box[axis + 1];
}

static void swap_e(rt_entry *a, rt_entry *b)
{
    rt_entry t = *a;
    *a = *b;
    *b = t;
}

static void sort_axis(rt_entry *e, size_t n, int axis)
{
    while (n > 16) {
        size_t i = 0, j = n - 1, mid = n / 2;
        if (centre(&e[mid], axis) < centre(&e[0], axis)) swap_e(&e[mid], &e[0]);
        if (centre(&e[n - 1], axis) < centre(&e[0], axis)) swap_e(&e[n - 1], &e[0]);
        if (centre(&e[n - 1], axis) < centre(&e[mid], axis)) swap_e(&e[n - 1], &e[mid]);
        float pivot = centre(&e[mid], axis);
        for (;;) {
            while (centre(&e[i], axis) < pivot) i++;
            while (centre(&e[j], axis) > pivot) j--;
            if (i >= j)
                break;
            swap_e(&e[i++], &e[j--]);
        }
        /* recurse into the smaller part, loop on the larger: O(log n) stack */
        if (j + 1 < n - j - 1) {
            sort_axis(e, j + 1, axis);
            e += j + 1, n -= j + 1;
        } else {
            sort_axis(e + j + 1, n - j - 1, axis);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && centre(&e[k], axis) < centre(&e[k - 1], axis); k--)
            swap_e(&e[k], &e[k - 1]);
}

/* STR: slabs by x, each slab sorted by y, then runs of m entries per node. */
static void str_sort(rt_entry *e, size_t n, size_t m)
{
    size_t leaves = (n + m - 1) / m, slabs = (size_t)ceil(sqrt((double)leaves)), per, i;
    sort_axis(e, n, 0);
    per = slabs ? ((leaves + slabs - 1) / slabs) * m : n;
    for (i = 0; i < n; i += per)
        sort_axis(e + i, n - i < per ? n - i : per, 2);
}

static void put_be(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

#define LINK_ROWS 128 /* id -> leaf links per INSERT */

typedef struct {
    sqlite3 *db;
    sqlite3_stmt *node, *rowid, *parent, *rowids;
    int node_size;
    size_t m, sorted_m;
    int64_t next_no;
    unsigned char *buf;
    uint32_t *leaf_of; /* leaf node of id - min_id, written in id order at the end */
    int64_t min_id, span;
} rt_writer;

static fm_status rt_step(fm_ctx *ctx, rt_writer *w, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return fm_sql_error(ctx, w->db, "cannot build the spatial index");
    return FM_OK;
}

/* Writes one node holding e[0..k) and returns its bounding box in *out. */
static fm_status write_node(fm_ctx *ctx, rt_writer *w, int64_t no, int depth, int leaf,
                            const rt_entry *e, size_t k, rt_entry *out)
{
    size_t i;
    fm_status s;
    memset(w->buf, 0, (size_t)w->node_size);
    put_be(w->buf, (uint64_t)(no == 1 ? depth : 0), 2);
    put_be(w->buf + 2, k, 2);
    out->id = no;
    if (k) /* an empty root (an empty table) has no box, and e may be NULL */
        memcpy(out->box, e[0].box, sizeof out->box);
    for (i = 0; i < k; i++) {
        unsigned char *c = w->buf + 4 + 24 * i;
        put_be(c, (uint64_t)e[i].id, 8);
        for (int j = 0; j < 4; j++) {
            uint32_t bits;
            memcpy(&bits, &e[i].box[j], 4);
            put_be(c + 8 + 4 * j, bits, 4);
        }
        out->box[0] = fminf(out->box[0], e[i].box[0]);
        out->box[1] = fmaxf(out->box[1], e[i].box[1]);
        out->box[2] = fminf(out->box[2], e[i].box[2]);
        out->box[3] = fmaxf(out->box[3], e[i].box[3]);
        if (leaf && w->leaf_of) {
            w->leaf_of[e[i].id - w->min_id] = (uint32_t)no;
            continue;
        }
        sqlite3_stmt *link = leaf ? w->rowid : w->parent;
        sqlite3_bind_int64(link, 1, e[i].id);
        sqlite3_bind_int64(link, 2, no);
        if ((s = rt_step(ctx, w, link)))
            return s;
    }
    sqlite3_bind_int64(w->node, 1, no);
    sqlite3_bind_blob(w->node, 2, w->buf, w->node_size, SQLITE_STATIC);
    return rt_step(ctx, w, w->node);
}

/* Packs one level; the entries become the level's node boxes, in place. */
static fm_status pack_level(fm_ctx *ctx, rt_writer *w, rt_entry *e, size_t *n, int depth,
                            int leaf)
{
    size_t i, k = 0;
    fm_status s;
    if (*n <= w->m) { /* the root */
        rt_entry root;
        if ((s = write_node(ctx, w, 1, depth, leaf, e, *n, &root)))
            return s;
        *n = 0;
        return FM_OK;
    }
    if (!(leaf && w->sorted_m == w->m))
        str_sort(e, *n, w->m);
    for (i = 0; i < *n; i += w->m, k++) {
        rt_entry box;
        size_t cnt = *n - i < w->m ? *n - i : w->m;
        if ((s = write_node(ctx, w, w->next_no++, depth, leaf, e + i, cnt, &box)))
            return s;
        e[k] = box; /* k <= i: never overwrites an entry not yet written */
    }
    *n = k;
    return FM_OK;
}

/* The node size of the table, from its root node (0 when unreadable). */
static int node_size(sqlite3 *db, const char *t)
{
    char sql[256];
    sqlite3_stmt *s;
    int size = 0;
    snprintf(sql, sizeof sql, "SELECT length(data) FROM \"%s_node\" WHERE nodeno = 1", t);
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    size = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return size;
}

size_t fm_rtree_bulk_capacity(sqlite3 *db, const char *table)
{
    int size = node_size(db, table);
    return size < 4 + 24 * 3 ? 0 : (size_t)(size - 4) / 24;
}

void fm_rtree_bulk_presort(fm_rtree_bulk *b, size_t m)
{
    if (m >= 3 && b->n > m) {
        str_sort(b->e, b->n, m);
        b->sorted_m = m;
    }
}

static fm_status prepare_writer(fm_ctx *ctx, sqlite3 *db, const char *t, rt_writer *w)
{
    char sql[256];
    memset(w, 0, sizeof *w);
    w->db = db;
    w->node_size = node_size(db, t);
    if (w->node_size < 4 + 24 * 3 || !(w->buf = malloc((size_t)w->node_size)))
        return fm_error(ctx, FM_EDB, "cannot build the spatial index: bad root node");
    w->m = (size_t)(w->node_size - 4) / 24;
    w->next_no = 2;
    snprintf(sql, sizeof sql, "DELETE FROM \"%s_node\"; DELETE FROM \"%s_rowid\";"
                              " DELETE FROM \"%s_parent\";", t, t, t);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot build the spatial index");
    snprintf(sql, sizeof sql, "INSERT INTO \"%s_node\" (nodeno, data) VALUES (?, ?)", t);
    if (sqlite3_prepare_v2(db, sql, -1, &w->node, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot build the spatial index");
    snprintf(sql, sizeof sql, "INSERT INTO \"%s_rowid\" (rowid, nodeno) VALUES (?, ?)", t);
    if (sqlite3_prepare_v2(db, sql, -1, &w->rowid, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot build the spatial index");
    snprintf(sql, sizeof sql, "INSERT INTO \"%s_parent\" (nodeno, parentnode) VALUES (?, ?)", t);
    if (sqlite3_prepare_v2(db, sql, -1, &w->parent, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot build the spatial index");
    return FM_OK;
}

/* Ids are usually dense (fids of one import): then the id -> leaf links go
 * into SQLite in id order, appending instead of inserting at random. */
static void plan_links(rt_writer *w, const fm_rtree_bulk *b)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t i = 0; i < b->n; i++) {
        if (b->e[i].id < lo) lo = b->e[i].id;
        if (b->e[i].id > hi) hi = b->e[i].id;
    }
    if (b->n && hi - lo < 4 * (int64_t)b->n && hi - lo < INT32_MAX) {
        w->min_id = lo;
        w->span = hi - lo + 1;
        w->leaf_of = calloc((size_t)w->span, sizeof *w->leaf_of);
    }
}

/* The id -> leaf links in id order, LINK_ROWS to a statement: one INSERT a
 * row costs SQLite more than the rest of the tree. */
static fm_status write_links(fm_ctx *ctx, rt_writer *w, const char *t)
{
    char head[128];
    fm_buf sql = {0};
    fm_status s;
    int k;
    int64_t i, first = 0;
    snprintf(head, sizeof head, "INSERT INTO \"%s_rowid\" (rowid, nodeno) VALUES (?,?)", t);
    s = fm_buf_puts(ctx, &sql, head);
    for (k = 1; !s && k < LINK_ROWS; k++)
        s = fm_buf_puts(ctx, &sql, ",(?,?)");
    if (!s && sqlite3_prepare_v2(w->db, fm_buf_str(&sql), -1, &w->rowids, NULL) != SQLITE_OK)
        s = fm_sql_error(ctx, w->db, "cannot build the spatial index");
    fm_buf_free(&sql);
    for (i = 0, k = 0; !s && w->leaf_of && i < w->span; i++) {
        if (!w->leaf_of[i])
            continue;
        if (k == 0)
            first = i;
        sqlite3_bind_int64(w->rowids, 2 * k + 1, w->min_id + i);
        sqlite3_bind_int64(w->rowids, 2 * k + 2, w->leaf_of[i]);
        if (++k == LINK_ROWS) {
            s = rt_step(ctx, w, w->rowids);
            k = 0;
        }
    }
    /* the last few, from the first of the unfinished batch, one by one */
    for (i = first; !s && k > 0 && i < w->span; i++) {
        if (!w->leaf_of[i])
            continue;
        sqlite3_bind_int64(w->rowid, 1, w->min_id + i);
        sqlite3_bind_int64(w->rowid, 2, w->leaf_of[i]);
        s = rt_step(ctx, w, w->rowid);
    }
    return s;
}

fm_status fm_rtree_bulk_write(fm_ctx *ctx, sqlite3 *db, const char *table, fm_rtree_bulk *b)
{
    rt_writer w;
    fm_status s;
    int depth = 0;
    size_t n = b->n;
    if (!(s = prepare_writer(ctx, db, table, &w))) {
        w.sorted_m = b->sorted_m;
        plan_links(&w, b);
        if (n == 0)
            s = write_node(ctx, &w, 1, 0, 1, b->e, 0, &(rt_entry){0});
        for (int leaf = 1; !s && n > 0; leaf = 0, depth++)
            s = pack_level(ctx, &w, b->e, &n, depth, leaf);
        if (!s)
            s = write_links(ctx, &w, table);
    }
    free(w.leaf_of);
    sqlite3_finalize(w.node);
    sqlite3_finalize(w.rowid);
    sqlite3_finalize(w.parent);
    sqlite3_finalize(w.rowids);
    free(w.buf);
    return s;
}

/* Reads every point of the table (for a rebuild after updates). */
fm_status fm_rtree_bulk_scan(fm_ctx *ctx, sqlite3 *db, fm_rtree_bulk *b)
{
    sqlite3_stmt *s;
    int rc;
    b->n = 0;
    if (sqlite3_prepare_v2(db, "SELECT fid, geom FROM incidents", -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "cannot build the spatial index");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        double x, y;
        if (fm_blob_point(sqlite3_column_blob(s, 1), sqlite3_column_bytes(s, 1), &x, &y) &&
            fm_rtree_bulk_add(ctx, b, sqlite3_column_int64(s, 0), x, y)) {
            sqlite3_finalize(s);
            return FM_ENOMEM;
        }
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? FM_OK : fm_sql_error(ctx, db, "cannot build the spatial index");
}
