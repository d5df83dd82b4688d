/* basemap_grid.c: which polygon of a layer holds a point, through a grid of
 * cells over the layer: a cell that no edge comes near has one answer for
 * every point in it, kept once the first point there has been tested in
 * full (basemap.c's crossing test); a point in any other cell is tested in
 * full. The answers are those of the full test, bit for bit. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "geo/geo_priv.h"

#define GRID_CELL_DEG 0.05    /* side of a cell, at least */
#define GRID_MAX_CELLS 1000000 /* past this, wider cells */
#define GRID_MARGIN_DEG 1e-6  /* an edge marks the cells within this of its box */

/* A cell's word: unknown, near an edge, no polygon, polygon w - CELL_FIRST. */
enum { CELL_UNKNOWN = 0, CELL_NEAR = 1, CELL_NONE = 2, CELL_FIRST = 3 };

struct fm_basemap_grid {
    double x0, y0, side; /* south-west corner, side of a cell (degrees) */
    size_t nx, ny;
    _Atomic uint32_t cell[]; /* nx * ny, row after row */
};

/* Marks the cells within GRID_MARGIN_DEG of the box of edge a-b. The
 * crossing test is exact for a point that far from every edge's box (its
 * rounding is ~1e-13 degrees), and the answer can change between two points
 * only across an edge, so an unmarked cell has one answer. */
static void grid_mark(fm_basemap_grid *g, const double *a, const double *b)
{
    double x0 = (fmin(a[0], b[0]) - GRID_MARGIN_DEG - g->x0) / g->side;
    double x1 = (fmax(a[0], b[0]) + GRID_MARGIN_DEG - g->x0) / g->side;
    double y0 = (fmin(a[1], b[1]) - GRID_MARGIN_DEG - g->y0) / g->side;
    double y1 = (fmax(a[1], b[1]) + GRID_MARGIN_DEG - g->y0) / g->side;
    size_t ix0 = x0 > 0 ? (size_t)x0 : 0, iy0 = y0 > 0 ? (size_t)y0 : 0, ix, iy;
    size_t ix1 = x1 < (double)(g->nx - 1) ? (size_t)x1 : g->nx - 1;
    size_t iy1 = y1 < (double)(g->ny - 1) ? (size_t)y1 : g->ny - 1;
    for (iy = iy0; iy <= iy1; iy++)
        for (ix = ix0; ix <= ix1; ix++)
            atomic_store_explicit(&g->cell[iy * g->nx + ix], CELL_NEAR, memory_order_relaxed);
}

/* The grid of a layer: its features' box and a cell around it, each edge of
 * every ring marked (the closing edge too, as the crossing test takes it).
 * NULL when out of memory or the layer has no features. */
static fm_basemap_grid *grid_build(const fm_basemap *bm, fm_layer layer)
{
    double w = HUGE_VAL, e = -HUGE_VAL, s = HUGE_VAL, n = -HUGE_VAL, side = GRID_CELL_DEG;
    size_t nf = fm_basemap_count(bm, layer), f, p, i, nx, ny;
    fm_basemap_grid *g;
    for (f = 0; f < nf; f++) {
        const fm_geom *gm = fm_basemap_geom(bm, layer, f, NULL, NULL);
        if (!gm->npoints)
            continue;
        w = fmin(w, gm->west), e = fmax(e, gm->east);
        s = fmin(s, gm->south), n = fmax(n, gm->north);
    }
    if (!(w <= e && s <= n) || e - w > 360 || n - s > 180)
        return NULL;
    while ((e - w) / side * ((n - s) / side) > GRID_MAX_CELLS)
        side *= 2;
    nx = (size_t)((e - w) / side) + 3, ny = (size_t)((n - s) / side) + 3;
    if (!(g = calloc(1, sizeof *g + nx * ny * sizeof g->cell[0])))
        return NULL;
    g->x0 = w - side, g->y0 = s - side, g->side = side, g->nx = nx, g->ny = ny;
    for (f = 0; f < nf; f++) {
        const fm_geom *gm = fm_basemap_geom(bm, layer, f, NULL, NULL);
        for (p = 0; p < gm->nparts; p++) {
            size_t a = gm->part_start[p], z = gm->part_start[p + 1];
            for (i = a; i < z; i++)
                grid_mark(g, gm->xy + 2 * i, gm->xy + 2 * (i + 1 < z ? i + 1 : a));
        }
    }
    return g;
}

void fm_basemap_grid_destroy(fm_basemap_grid *g)
{
    free(g);
}

/* The layer's grid, built on first use and published atomically (two
 * threads may both build it: one keeps its copy, the other frees its own). */
static fm_basemap_grid *grid_get(const fm_basemap *bm, fm_layer layer)
{
    _Atomic(fm_basemap_grid *) *slot = &((fm_basemap *)bm)->grid[layer];
    fm_basemap_grid *g = atomic_load_explicit(slot, memory_order_acquire), *none = NULL;
    if (g || !(g = grid_build(bm, layer)))
        return g;
    if (atomic_compare_exchange_strong_explicit(slot, &none, g, memory_order_acq_rel,
                                                memory_order_acquire))
        return g;
    free(g);
    return none;
}

size_t fm_basemap_find(const fm_basemap *bm, fm_layer layer, double lon, double lat)
{
    fm_basemap_grid *g;
    double x, y;
    _Atomic uint32_t *c;
    uint32_t v;
    size_t r;
    if (!bm || layer >= FM_LAYER_BORDER || isnan(lon) || isnan(lat))
        return (size_t)-1;
    if (!(g = grid_get(bm, layer)))
        return fm_basemap_scan(bm, layer, lon, lat);
    x = (lon - g->x0) / g->side, y = (lat - g->y0) / g->side;
    if (!(x >= 0 && y >= 0 && x < (double)g->nx && y < (double)g->ny))
        return fm_basemap_scan(bm, layer, lon, lat);
    c = &g->cell[(size_t)y * g->nx + (size_t)x];
    v = atomic_load_explicit(c, memory_order_relaxed);
    if (v >= CELL_NONE)
        return v == CELL_NONE ? (size_t)-1 : v - CELL_FIRST;
    r = fm_basemap_scan(bm, layer, lon, lat);
    if (v == CELL_UNKNOWN && (r == (size_t)-1 || r < UINT32_MAX - CELL_FIRST))
        atomic_store_explicit(c, r == (size_t)-1 ? CELL_NONE : (uint32_t)(r + CELL_FIRST),
                              memory_order_relaxed);
    return r;
}
