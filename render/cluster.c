/* cluster.c: which incidents combine into one symbol, decided once per map
 * from the extent alone, never from the page: the points are set out in
 * "symbol units" (FM_SYM_UNIT_*: the extent fitted to a reference frame),
 * combined there, and symbols.c then draws the same clusters, counts, styles
 * and fatality sums at every page size and orientation, only scaled. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define CLUSTER_U FM_SYM_CLUSTER_U
#define MERGE_ROUNDS 8 /* of clusters whose counts meet (a joined one grows) */

double fm_symbol_unit(const fm_layout *l)
{
    double w = l->bb[2] - l->bb[0], h = l->bb[3] - l->bb[1];
    if (!(w > 0 && h > 0))
        return 0;
    return fmin(FM_SYM_UNIT_W / w, FM_SYM_UNIT_H / h) / FM_SYM_UNIT_K;
}

double fm_symbol_radius_u(double k, long f)
{
    return f > 0 ? fmax(FM_SYM_R_MIN, k * sqrt((double)f)) : FM_SYM_R_MIN;
}

void fm_count_box_at(double x, double y, int count, double font, fm_box *b)
{
    int digits = count >= 1000 ? 4 : count >= 100 ? 3 : count >= 10 ? 2 : 1;
    double em = count < 1000 ? font : font * (5.0 / 5.5);
    double hw = (digits * 0.6 * em + 0.4 * font) / 2, hh = 0.727 * font;
    b->x0 = x - hw, b->x1 = x + hw;
    b->y0 = y - hh, b->y1 = y + hh;
}

typedef struct {
    double x, y;
    int f, cls, approx;
} unit_pt;

static int cmp_pt(const void *a, const void *b)
{
    const unit_pt *p = a, *q = b;
    if (p->f != q->f)
        return p->f > q->f ? -1 : 1;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->cls - q->cls;
}

static int cmp_sym(const void *a, const void *b)
{
    const fm_symbol *p = a, *q = b;
    if (p->r != q->r)
        return p->r > q->r ? -1 : 1;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->y < q->y ? -1 : p->y > q->y;
}

/* Projects every point that projects into symbol units (x east, y south, as
 * on the page), sorted so the clusters are seeded by the largest first. */
static fm_status unit_points(fm_ctx *ctx, fm_map *map, double u, unit_pt **out, size_t *n)
{
    size_t i, k = 0, chunk = 4096;
    double xy[2 * 4096];
    unit_pt *pp = fm_malloc_array(map->npts ? map->npts : 1, sizeof *pp);
    if (!pp)
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu points", map->npts);
    for (i = 0; i < map->npts; i += chunk) {
        size_t j, m = map->npts - i < chunk ? map->npts - i : chunk;
        for (j = 0; j < m; j++)
            xy[2 * j] = map->pts[i + j].lon, xy[2 * j + 1] = map->pts[i + j].lat;
        fm_proj_fwd(map->proj, xy, m);
        for (j = 0; j < m; j++) {
            const fm_map_point *p = &map->pts[i + j];
            if (xy[2 * j] == HUGE_VAL || !isfinite(xy[2 * j]) || !isfinite(xy[2 * j + 1]) ||
                !isfinite(p->lon) || !isfinite(p->lat))
                continue;
            pp[k].x = xy[2 * j] * u, pp[k].y = -xy[2 * j + 1] * u;
            pp[k].f = p->fatalities, pp[k].cls = p->cls;
            pp[k].approx = p->precision >= 2;
            k++;
        }
    }
    qsort(pp, k, sizeof *pp, cmp_pt);
    *out = pp;
    *n = k;
    return FM_OK;
}

/* Seeds filed by their cell (CLUSTER_U square) in an open-addressed hash:
 * the points may lie anywhere, not only in a frame. */
typedef struct {
    size_t mask;
    int64_t *kx, *ky; /* the cell of each slot */
    int *head;        /* first seed in the slot's cell, -1: slot empty */
    int *next;        /* per seed */
} cell_hash;

static size_t cell_slot(const cell_hash *h, int64_t cx, int64_t cy)
{
    uint64_t k = (uint64_t)cx * 0x9E3779B97F4A7C15u ^ (uint64_t)cy * 0xC2B2AE3D27D4EB4Fu;
    size_t s = (size_t)(k ^ k >> 29) & h->mask;
    while (h->head[s] >= 0 && (h->kx[s] != cx || h->ky[s] != cy))
        s = (s + 1) & h->mask;
    return s;
}

static int64_t cell_of(double v)
{
    return (int64_t)floor(v / CLUSTER_U);
}

static int find_seed(const fm_map *map, const cell_hash *h, const unit_pt *p)
{
    int64_t cx = cell_of(p->x), cy = cell_of(p->y);
    int dx, dy, best = -1;
    double bestd = CLUSTER_U * CLUSTER_U;
    for (dy = -1; dy <= 1; dy++)
        for (dx = -1; dx <= 1; dx++) {
            size_t slot = cell_slot(h, cx + dx, cy + dy);
            for (int s = h->head[slot]; s >= 0; s = h->next[s]) {
                const fm_symbol *sy = &map->clusters[s];
                double d = (sy->x - p->x) * (sy->x - p->x) + (sy->y - p->y) * (sy->y - p->y);
                if (sy->approx == p->approx && d < bestd)
                    bestd = d, best = s;
            }
        }
    return best;
}

static void add_seed(fm_map *map, cell_hash *h, const unit_pt *p, int s)
{
    size_t slot = cell_slot(h, cell_of(p->x), cell_of(p->y));
    fm_symbol *sy = &map->clusters[s];
    memset(sy, 0, sizeof *sy);
    sy->x = p->x, sy->y = p->y, sy->approx = p->approx;
    sy->cls_count = map->cls_counts + (size_t)s * (map->nclasses + 1);
    if (h->head[slot] < 0)
        h->kx[slot] = cell_of(p->x), h->ky[slot] = cell_of(p->y);
    h->next[s] = h->head[slot];
    h->head[slot] = s;
}

static void join(fm_map *map, fm_symbol *sy, const unit_pt *p)
{
    int c = p->cls < 0 ? (int)map->nclasses : p->cls;
    sy->count++;
    sy->fatalities += p->f > 0 ? p->f : 0;
    sy->cls_count[c]++;
}

/* Sizes, dominant classes and the order (largest first) of the clusters:
 * FM_SYM_K units per sqrt(fatality) unless the biggest would pass
 * FM_SYM_R_MAX units. */
static void finish(fm_map *map)
{
    size_t i, c;
    long maxf = 1;
    for (i = 0; i < map->nclusters; i++)
        maxf = map->clusters[i].fatalities > maxf ? map->clusters[i].fatalities : maxf;
    map->cluster_k = fmin(FM_SYM_K, FM_SYM_R_MAX / sqrt((double)maxf));
    for (i = 0; i < map->nclusters; i++) {
        fm_symbol *s = &map->clusters[i];
        int best = 0;
        for (c = 1; c <= map->nclasses; c++)
            if (s->cls_count[c] > s->cls_count[best])
                best = (int)c;
        s->cls = best == (int)map->nclasses ? -1 : best;
        s->r = fm_symbol_radius_u(map->cluster_k, s->fatalities);
        s->count_x = s->x, s->count_y = s->y;
        if (s->count > 1)
            s->r = fmax(s->r, s->count < 100 ? 4.6 : s->count < 1000 ? 6.0 : 7.4);
    }
    qsort(map->clusters, map->nclusters, sizeof *map->clusters, cmp_sym);
}

/* Folds b into a. */
static void absorb(fm_map *map, fm_symbol *a, fm_symbol *b)
{
    size_t c;
    double w = (double)a->count / (a->count + b->count);
    a->x = a->x * w + b->x * (1 - w), a->y = a->y * w + b->y * (1 - w);
    a->count += b->count;
    a->fatalities += b->fatalities;
    a->approx = a->approx || b->approx; /* never looks more precise than its members */
    for (c = 0; c <= map->nclasses; c++)
        a->cls_count[c] += b->cls_count[c];
    b->count = 0;
}

static void compact(fm_map *map)
{
    size_t i, k;
    for (i = k = 0; i < map->nclusters; i++)
        if (map->clusters[i].count)
            map->clusters[k++] = map->clusters[i];
    map->nclusters = k;
}

/* Symbols mostly hidden under a bigger one join it: sorted by radius, each
 * symbol swallows the smaller ones whose centre lies well inside it. */
static int merge_hidden(fm_map *map)
{
    size_t i, j, merged = 0;
    for (i = 0; i < map->nclusters; i++) {
        fm_symbol *a = &map->clusters[i];
        if (!a->count || a->r < 5)
            continue;
        for (j = i + 1; j < map->nclusters; j++) {
            fm_symbol *b = &map->clusters[j];
            double dx = a->x - b->x, dy = a->y - b->y;
            if (b->count && fabs(dx) < a->r && fabs(dy) < a->r &&
                sqrt(dx * dx + dy * dy) + 0.5 * b->r < 0.9 * a->r)
                absorb(map, a, b), merged++;
        }
    }
    compact(map);
    return merged > 0;
}

typedef struct {
    double x;
    size_t i;
} x_index;

static int cmp_by_x(const void *a, const void *b)
{
    double p = ((const x_index *)a)->x, q = ((const x_index *)b)->x;
    return p < q ? -1 : p > q;
}

/* Whether the counts of a and b, each in the middle of its symbol, would
 * print over each other at FM_COUNT_CLASH_U. */
static int counts_meet(const fm_symbol *a, const fm_symbol *b)
{
    fm_box p, q;
    if (a->count < 2 || b->count < 2)
        return 0;
    fm_count_box_at(a->x, a->y, a->count, FM_COUNT_CLASH_U, &p);
    fm_count_box_at(b->x, b->y, b->count, FM_COUNT_CLASH_U, &q);
    return p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
}

/* Two clusters whose counts would print over each other are one: on the A4
 * KP map a "2" under a "21" read "221" and "11", "9" and "6" read "1196"
 * (neighbouring clusters of exact and of approximate places, or two just
 * past the clustering distance). The one of fewer incidents joins the other
 * (absorb: dashed if either was). ix is scratch for nclusters entries.
 * Returns whether any joined. */
static int merge_count_clashes(fm_map *map, x_index *ix)
{
    size_t n = map->nclusters, i, j, merged = 0;
    fm_box wide;
    double reach;
    fm_count_box_at(0, 0, 9999, FM_COUNT_CLASH_U, &wide);
    reach = wide.x1 - wide.x0; /* two counts' half-widths at most */
    for (i = 0; i < n; i++)
        ix[i].x = map->clusters[i].x, ix[i].i = i;
    qsort(ix, n, sizeof *ix, cmp_by_x);
    for (i = 0; i < n; i++) {
        fm_symbol *a = &map->clusters[ix[i].i];
        for (j = i + 1; j < n && ix[j].x - ix[i].x < reach; j++) {
            fm_symbol *b = &map->clusters[ix[j].i];
            if (!a->count || !b->count || !counts_meet(a, b))
                continue;
            if (a->count >= b->count)
                absorb(map, a, b);
            else
                absorb(map, b, a);
            merged++;
            break; /* a moved, or is gone: on with the next */
        }
    }
    compact(map);
    return merged > 0;
}

static fm_status alloc_clusters(fm_ctx *ctx, fm_map *map, size_t n, cell_hash *h)
{
    size_t nc = map->nclasses + 1, i, slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    free(map->clusters);
    free(map->cls_counts);
    map->clusters = fm_malloc_array(n ? n : 1, sizeof *map->clusters);
    map->cls_counts = calloc(n ? n : 1, nc * sizeof *map->cls_counts);
    h->mask = slots - 1;
    h->kx = fm_malloc_array(slots, sizeof *h->kx);
    h->ky = fm_malloc_array(slots, sizeof *h->ky);
    h->head = fm_malloc_array(slots, sizeof *h->head);
    h->next = fm_malloc_array(n ? n : 1, sizeof *h->next);
    map->nclusters = 0;
    if (!map->clusters || !map->cls_counts || !h->kx || !h->ky || !h->head || !h->next)
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu symbols", n);
    for (i = 0; i < slots; i++)
        h->head[i] = -1;
    return FM_OK;
}

/* Combines the points greedily (the largest seeds a cluster; each point
 * joins the nearest seed within CLUSTER_U of its precision), then folds
 * hidden symbols and clashing counts into their neighbours. */
static fm_status combine(fm_ctx *ctx, fm_map *map, const unit_pt *pp, size_t n)
{
    size_t i;
    x_index *ix;
    cell_hash h = {0, NULL, NULL, NULL, NULL};
    fm_status st = alloc_clusters(ctx, map, n, &h);
    for (i = 0; !st && i < n; i++) {
        int s = find_seed(map, &h, &pp[i]);
        if (s < 0)
            add_seed(map, &h, &pp[i], s = (int)map->nclusters++);
        join(map, &map->clusters[s], &pp[i]);
    }
    free(h.kx), free(h.ky), free(h.head), free(h.next);
    if (st)
        return st;
    finish(map);
    for (i = 0; i < 3 && merge_hidden(map); i++)
        finish(map);
    if (!(ix = fm_malloc_array(map->nclusters ? map->nclusters : 1, sizeof *ix)))
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu symbols", map->nclusters);
    for (i = 0; i < MERGE_ROUNDS && merge_count_clashes(map, ix); i++)
        finish(map);
    free(ix);
    return FM_OK;
}

fm_status fm_clusters_build(fm_ctx *ctx, fm_map *map)
{
    unit_pt *pp;
    size_t n;
    fm_status st;
    map->cluster_u = fm_symbol_unit(&map->lay);
    if (!(map->cluster_u > 0))
        return fm_error(ctx, FM_ERANGE, "the map extent does not project");
    if ((st = unit_points(ctx, map, map->cluster_u, &pp, &n)))
        return st;
    st = combine(ctx, map, pp, n);
    free(pp);
    return st;
}
