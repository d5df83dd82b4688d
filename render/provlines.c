/* provlines.c: the province lines worth drawing. The provinces layer
 * (Natural Earth) and the border (OpenStreetMap) disagree by 1-3 km along
 * the Durand Line, so stroking every province outline draws a second line
 * beside the border and again along the outer frontiers. Only the edges two
 * provinces of the same country share are kept (an edge is shared when both
 * polygons hold the same two vertices, as the arc-wise simplification of
 * scripts/data/basemap.py guarantees); where such a line reaches the border
 * its last vertices near it are dropped and its end is snapped onto the
 * border itself, so the lines meet it instead of running beside it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define SNAP_KM 6.0  /* a line end this close to the border is snapped onto it */
#define NEAR_KM 2.5  /* interior vertices this close to the border are dropped */

typedef struct {
    double ax, ay, bx, by; /* a <= b */
    int country;           /* 0 AF, 1 PK, 2 other */
    int count;             /* polygons holding the edge; -1: different countries */
    int used;
} edge;

typedef struct {
    edge *e;
    size_t cap; /* power of two */
} edge_set;

static unsigned long hash_pt(double x, double y)
{
    long ix = lround(x * 1e4), iy = lround(y * 1e4);
    return (unsigned long)ix * 2654435761UL ^ (unsigned long)iy * 40503UL;
}

static void order(double *ax, double *ay, double *bx, double *by)
{
    if (*ax > *bx || (*ax == *bx && *ay > *by)) {
        double t = *ax;
        *ax = *bx, *bx = t;
        t = *ay, *ay = *by, *by = t;
    }
}

/* The slot of edge (a, b), empty (count 0) when new. */
static edge *slot(edge_set *s, double ax, double ay, double bx, double by)
{
    size_t i;
    order(&ax, &ay, &bx, &by);
    i = (hash_pt(ax, ay) * 31 + hash_pt(bx, by)) & (s->cap - 1);
    while (s->e[i].count &&
           !(s->e[i].ax == ax && s->e[i].ay == ay && s->e[i].bx == bx && s->e[i].by == by))
        i = (i + 1) & (s->cap - 1);
    if (!s->e[i].count)
        s->e[i].ax = ax, s->e[i].ay = ay, s->e[i].bx = bx, s->e[i].by = by;
    return &s->e[i];
}

static int country_code(const char *c)
{
    return !c ? 2 : !strcmp(c, "AF") ? 0 : !strcmp(c, "PK") ? 1 : 2;
}

static void add_edges(edge_set *s, const fm_geom *g, int country)
{
    size_t part, i;
    for (part = 0; part < g->nparts; part++)
        for (i = g->part_start[part]; i + 1 < g->part_start[part + 1]; i++) {
            const double *p = g->xy + 2 * i;
            edge *e;
            if (p[0] == p[2] && p[1] == p[3])
                continue;
            e = slot(s, p[0], p[1], p[2], p[3]);
            if (e->count == 0)
                e->country = country, e->count = 1;
            else if (e->count > 0)
                e->count = e->country == country ? e->count + 1 : -1;
        }
}

/* ---- output lines ------------------------------------------------------ */

typedef struct {
    double *xy;            /* the run being built */
    size_t n, cap;
    fm_geom *g;            /* the result */
    size_t xy_cap, part_cap;
} lines;

static fm_status run_put(fm_ctx *ctx, lines *L, double x, double y)
{
    if (fm_grow(ctx, (void **)&L->xy, &L->cap, 2 * (L->n + 1), sizeof *L->xy))
        return FM_ENOMEM;
    L->xy[2 * L->n] = x, L->xy[2 * L->n + 1] = y;
    L->n++;
    return FM_OK;
}

/* Drops the run's vertices near the border from one end (keeping one) and
 * returns where that end should meet the border, or 0 when it is far. */
static int trim_end(const fm_basemap *bm, lines *L, int at_start, double *sx, double *sy)
{
    size_t k = at_start ? 0 : L->n - 1;
    double nx, ny, km = fm_basemap_border_nearest(bm, L->xy[2 * k], L->xy[2 * k + 1], &nx, &ny, NULL);
    if (!(km < SNAP_KM))
        return 0;
    while (L->n > 1) {
        size_t j = at_start ? 1 : L->n - 2;
        double jx, jy;
        if (!(fm_basemap_border_nearest(bm, L->xy[2 * j], L->xy[2 * j + 1], &jx, &jy, NULL) <
              NEAR_KM))
            break;
        if (at_start)
            memmove(L->xy, L->xy + 2, 2 * (L->n - 1) * sizeof *L->xy);
        L->n--;
        nx = jx, ny = jy;
    }
    k = at_start ? 0 : L->n - 1;
    fm_basemap_border_nearest(bm, L->xy[2 * k], L->xy[2 * k + 1], &nx, &ny, NULL);
    *sx = nx, *sy = ny;
    return 1;
}

/* Appends the run, its ends met to the border, to the result. */
static fm_status run_flush(fm_ctx *ctx, const fm_basemap *bm, lines *L)
{
    fm_geom *g = L->g;
    double s[2], e[2];
    int hs, he;
    size_t i, need;
    if (L->n < 2) {
        L->n = 0;
        return FM_OK;
    }
    hs = bm ? trim_end(bm, L, 1, &s[0], &s[1]) : 0;
    he = bm ? trim_end(bm, L, 0, &e[0], &e[1]) : 0;
    need = g->npoints + L->n + 2;
    if (fm_grow(ctx, (void **)&g->xy, &L->xy_cap, 2 * need, sizeof *g->xy) ||
        fm_grow(ctx, (void **)&g->part_start, &L->part_cap, g->nparts + 2, sizeof *g->part_start))
        return FM_ENOMEM;
    g->part_start[g->nparts] = g->npoints;
    if (hs)
        g->xy[2 * g->npoints] = s[0], g->xy[2 * g->npoints + 1] = s[1], g->npoints++;
    for (i = 0; i < L->n; i++)
        g->xy[2 * g->npoints] = L->xy[2 * i], g->xy[2 * g->npoints + 1] = L->xy[2 * i + 1],
        g->npoints++;
    if (he)
        g->xy[2 * g->npoints] = e[0], g->xy[2 * g->npoints + 1] = e[1], g->npoints++;
    g->nparts++;
    g->part_start[g->nparts] = g->npoints;
    L->n = 0;
    return FM_OK;
}

/* Walks a ring and flushes each run of unused interior edges. */
static fm_status walk(fm_ctx *ctx, const fm_basemap *bm, edge_set *s, lines *L, const double *xy,
                      size_t n)
{
    size_t i;
    fm_status st = FM_OK;
    for (i = 0; i + 1 < n && !st; i++) {
        const double *p = xy + 2 * i;
        edge *e;
        if (p[0] == p[2] && p[1] == p[3])
            continue;
        e = slot(s, p[0], p[1], p[2], p[3]);
        if (e->count == 2 && !e->used) {
            e->used = 1;
            if (!L->n)
                st = run_put(ctx, L, p[0], p[1]);
            if (!st)
                st = run_put(ctx, L, p[2], p[3]);
        } else
            st = run_flush(ctx, bm, L);
    }
    return st ? st : run_flush(ctx, bm, L);
}

fm_status fm_province_lines(fm_ctx *ctx, const fm_basemap *bm, fm_geom *out)
{
    size_t i, part, n = bm ? fm_basemap_count(bm, FM_LAYER_PROVINCES) : 0, total = 0;
    edge_set s = {NULL, 16};
    lines L;
    fm_status st = FM_OK;
    memset(out, 0, sizeof *out);
    memset(&L, 0, sizeof L);
    L.g = out;
    for (i = 0; i < n; i++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, NULL, NULL);
        total += g ? g->npoints : 0;
    }
    while (s.cap < 2 * total + 16)
        s.cap *= 2;
    if (!(s.e = calloc(s.cap, sizeof *s.e)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        const char *country = NULL;
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, NULL, &country);
        if (g)
            add_edges(&s, g, country_code(country));
    }
    for (i = 0; i < n && !st; i++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, NULL, NULL);
        for (part = 0; g && part < g->nparts && !st; part++)
            st = walk(ctx, bm, &s, &L, g->xy + 2 * g->part_start[part],
                      g->part_start[part + 1] - g->part_start[part]);
    }
    free(s.e);
    free(L.xy);
    if (st) {
        free(out->xy);
        free(out->part_start);
        memset(out, 0, sizeof *out);
        return fm_error(ctx, FM_ENOMEM, "out of memory for province lines");
    }
    out->west = -180, out->east = 180, out->south = -90, out->north = 90;
    return FM_OK;
}
