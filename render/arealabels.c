/* arealabels.c: where a country or province name can sit inside its polygon:
 * the polygon projected onto the page, and candidate centres sampled on a
 * grid inside it, ranked by their distance to its edges and to the frame
 * (an approximate pole of inaccessibility first, then the runners-up). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define GRID_N 18 /* samples per side of the polygon's visible box */

void fm_page_poly_free(fm_page_poly *pp)
{
    if (!pp)
        return;
    free(pp->xy);
    free(pp->start);
    memset(pp, 0, sizeof *pp);
}

static fm_status poly_push(fm_ctx *ctx, fm_page_poly *pp, size_t *cap, double x, double y)
{
    if (fm_grow(ctx, (void **)&pp->xy, cap, 2 * (pp->n + 1), sizeof *pp->xy))
        return FM_ENOMEM;
    pp->xy[2 * pp->n] = x, pp->xy[2 * pp->n + 1] = y;
    pp->n++;
    pp->x0 = fmin(pp->x0, x), pp->y0 = fmin(pp->y0, y);
    pp->x1 = fmax(pp->x1, x), pp->y1 = fmax(pp->y1, y);
    return FM_OK;
}

/* One ring, projected, dropping vertices within half a point of the last. */
static fm_status poly_ring(fm_ctx *ctx, fm_map *map, fm_page_poly *pp, size_t *cap,
                           const fm_geom *g, size_t a, size_t b)
{
    size_t i;
    double lx = HUGE_VAL, ly = HUGE_VAL;
    for (i = a; i < b; i++) {
        double x, y;
        if (!fm_map_lonlat_page(map, g->xy[2 * i], g->xy[2 * i + 1], &x, &y))
            continue;
        if (fabs(x - lx) + fabs(y - ly) < 0.5 && i + 1 < b)
            continue;
        if (poly_push(ctx, pp, cap, x, y))
            return FM_ENOMEM;
        lx = x, ly = y;
    }
    return FM_OK;
}

fm_status fm_page_poly_make(fm_ctx *ctx, fm_map *map, const fm_geom *g, fm_page_poly *pp)
{
    size_t part, cap = 0;
    memset(pp, 0, sizeof *pp);
    pp->x0 = pp->y0 = HUGE_VAL;
    pp->x1 = pp->y1 = -HUGE_VAL;
    pp->start = calloc(g->nparts + 1, sizeof *pp->start);
    if (!pp->start)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (part = 0; part < g->nparts; part++) {
        size_t before = pp->n;
        if (poly_ring(ctx, map, pp, &cap, g, g->part_start[part], g->part_start[part + 1])) {
            fm_page_poly_free(pp);
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        }
        if (pp->n - before < 3)
            pp->n = before; /* a ring that shrank to nothing at this scale */
        else
            pp->start[pp->nparts++] = before;
    }
    pp->start[pp->nparts] = pp->n;
    return FM_OK;
}

int fm_page_poly_contains(const fm_page_poly *pp, double x, double y)
{
    size_t r, i;
    int in = 0;
    if (x < pp->x0 || x > pp->x1 || y < pp->y0 || y > pp->y1)
        return 0;
    for (r = 0; r < pp->nparts; r++) {
        size_t a = pp->start[r], b = pp->start[r + 1], j = b - 1;
        for (i = a; i < b; j = i++) {
            double xi = pp->xy[2 * i], yi = pp->xy[2 * i + 1];
            double xj = pp->xy[2 * j], yj = pp->xy[2 * j + 1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
        }
    }
    return in;
}

static double seg_dist2(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, t = 0, l2 = dx * dx + dy * dy;
    if (l2 > 0) {
        t = ((px - ax) * dx + (py - ay) * dy) / l2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
    }
    dx = ax + t * dx - px, dy = ay + t * dy - py;
    return dx * dx + dy * dy;
}

/* Distance from (x, y) to the nearest edge, or cap when none is nearer;
 * some value under floor as soon as an edge is found nearer than floor. An
 * edge whose box lies farther than the nearest so far is passed over. */
static double edge_dist(const fm_page_poly *pp, double x, double y, double cap, double floor)
{
    size_t r, i;
    double best = cap * cap, reach = cap;
    for (r = 0; r < pp->nparts; r++) {
        size_t a = pp->start[r], b = pp->start[r + 1], j = b - 1;
        for (i = a; i < b; j = i++) {
            double ax = pp->xy[2 * j], ay = pp->xy[2 * j + 1];
            double bx = pp->xy[2 * i], by = pp->xy[2 * i + 1], d2;
            if (fmin(ax, bx) - x > reach || x - fmax(ax, bx) > reach ||
                fmin(ay, by) - y > reach || y - fmax(ay, by) > reach)
                continue;
            if ((d2 = seg_dist2(x, y, ax, ay, bx, by)) < best) {
                best = d2, reach = sqrt(best);
                if (reach < floor)
                    return reach;
            }
        }
    }
    return sqrt(best);
}

/* The edges crossing the line at height y, the ones fm_page_poly_contains
 * counts there, as (xi, yi, xj, yj); their number. */
static size_t crossing_edges(const fm_page_poly *pp, double y, double *e)
{
    size_t r, i, n = 0;
    for (r = 0; r < pp->nparts; r++) {
        size_t a = pp->start[r], b = pp->start[r + 1], j = b - 1;
        for (i = a; i < b; j = i++) {
            double yi = pp->xy[2 * i + 1], yj = pp->xy[2 * j + 1];
            if ((yi > y) != (yj > y)) {
                e[4 * n] = pp->xy[2 * i], e[4 * n + 1] = yi;
                e[4 * n + 2] = pp->xy[2 * j], e[4 * n + 3] = yj;
                n++;
            }
        }
    }
    return n;
}

/* fm_page_poly_contains for a point at the height of the crossing edges e. */
static int contains_row(const fm_page_poly *pp, const double *e, size_t n, double x, double y)
{
    size_t k;
    int in = 0;
    if (x < pp->x0 || x > pp->x1 || y < pp->y0 || y > pp->y1)
        return 0;
    for (k = 0; k < n; k++) {
        double xi = e[4 * k], yi = e[4 * k + 1], xj = e[4 * k + 2], yj = e[4 * k + 3];
        if (x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

typedef struct {
    double x, y, d;
} anchor;

static int cmp_anchor(const void *a, const void *b)
{
    const anchor *p = a, *q = b;
    if (p->d != q->d)
        return p->d > q->d ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->x < q->x ? -1 : p->x > q->x;
}

size_t fm_page_poly_anchors(const fm_page_poly *pp, const fm_box *frame, double min_d,
                            double *xy, size_t max)
{
    anchor a[(GRID_N + 1) * (GRID_N + 1)];
    double x0 = fmax(pp->x0, frame->x0), y0 = fmax(pp->y0, frame->y0);
    double x1 = fmin(pp->x1, frame->x1), y1 = fmin(pp->y1, frame->y1), sx, sy, *e;
    size_t n = 0, i;
    int ix, iy;
    if (!(x1 > x0 && y1 > y0) || !pp->nparts)
        return 0;
    sx = (x1 - x0) / GRID_N, sy = (y1 - y0) / GRID_N;
    /* the samples of a row share the edges crossing it: those are found
     * once a row (a country's 5,000 edges, 19 times, not 361) */
    e = fm_malloc_array(pp->n, 4 * sizeof *e);
    for (iy = 0; iy <= GRID_N; iy++) {
        double y = y0 + iy * sy;
        size_t ne = e ? crossing_edges(pp, y, e) : 0;
        for (ix = 0; ix <= GRID_N; ix++) {
            double x = x0 + (ix + 0.5 * (iy & 1)) * sx, d;
            double fd = fmin(fmin(x - frame->x0, frame->x1 - x), fmin(y - frame->y0, frame->y1 - y));
            if (fd < min_d ||
                !(e ? contains_row(pp, e, ne, x, y) : fm_page_poly_contains(pp, x, y)))
                continue;
            d = edge_dist(pp, x, y, fd, min_d);
            if (d < min_d)
                continue;
            a[n].x = x, a[n].y = y, a[n].d = d;
            n++;
        }
    }
    free(e);
    qsort(a, n, sizeof *a, cmp_anchor);
    for (i = 0; i < n && i < max; i++)
        xy[2 * i] = a[i].x, xy[2 * i + 1] = a[i].y;
    return i;
}

int fm_page_poly_holds_box(const fm_page_poly *pp, const fm_box *b)
{
    double xs[3] = {b->x0, (b->x0 + b->x1) / 2, b->x1}, ys[3] = {b->y0, (b->y0 + b->y1) / 2, b->y1};
    int i, k;
    for (i = 0; i < 3; i++)
        for (k = 0; k < 3; k++)
            if (!fm_page_poly_contains(pp, xs[i], ys[k]))
                return 0;
    /* a narrow neck can pass between the samples: sample the long edges more */
    for (i = 1; i < 8; i += 2) {
        double x = b->x0 + (b->x1 - b->x0) * i / 8.0;
        if (!fm_page_poly_contains(pp, x, b->y0) || !fm_page_poly_contains(pp, x, b->y1))
            return 0;
    }
    return 1;
}
