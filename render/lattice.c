/* lattice.c: projecting many points fast. PROJ costs ~150 ns a point; for a
 * big batch the projection is taken at the nodes of a fine lon/lat lattice
 * and interpolated between them, which is well within a metre at this scale. */
#include <math.h>
#include <stdlib.h>

#include "render/fm_render.h"

#define LATTICE_STEP_DEG 0.05 /* bilinear error of an Albers conic: < 1 m */
#define LATTICE_MIN_POINTS 50000
#define LATTICE_MAX_NODES 2000000

typedef struct {
    double w, s;
    size_t nx, ny; /* nodes */
    double *xy;    /* 2 nx ny projected nodes, row by row from the south */
} lattice;

static int lattice_make(fm_proj *p, const double ext[4], lattice *l)
{
    double mx = (ext[2] - ext[0]) * 0.1, my = (ext[3] - ext[1]) * 0.1;
    double w = floor((ext[0] - mx) / LATTICE_STEP_DEG) * LATTICE_STEP_DEG;
    double s = floor(fmax(ext[1] - my, -85) / LATTICE_STEP_DEG) * LATTICE_STEP_DEG;
    double nxd = ceil((ext[2] + mx - w) / LATTICE_STEP_DEG) + 1;
    double nyd = ceil((fmin(ext[3] + my, 85) - s) / LATTICE_STEP_DEG) + 1;
    size_t i, j, k = 0;
    if (!(nxd >= 2 && nyd >= 2 && nxd * nyd <= LATTICE_MAX_NODES))
        return 0;
    l->w = w, l->s = s, l->nx = (size_t)nxd, l->ny = (size_t)nyd;
    if (!(l->xy = malloc(2 * l->nx * l->ny * sizeof *l->xy)))
        return 0;
    for (j = 0; j < l->ny; j++)
        for (i = 0; i < l->nx; i++) {
            l->xy[k++] = w + (double)i * LATTICE_STEP_DEG;
            l->xy[k++] = s + (double)j * LATTICE_STEP_DEG;
        }
    fm_proj_fwd(p, l->xy, l->nx * l->ny);
    return 1;
}

/* Interpolates one point; 0 when it is outside the lattice or near a node
 * that did not project (HUGE_VAL). */
static int lattice_point(const lattice *l, double *pt)
{
    double u = (pt[0] - l->w) / LATTICE_STEP_DEG, v = (pt[1] - l->s) / LATTICE_STEP_DEG;
    double fu, fv;
    const double *a, *b;
    size_t i, j;
    if (!(u >= 0 && v >= 0 && u < (double)(l->nx - 1) && v < (double)(l->ny - 1)))
        return 0;
    i = (size_t)u, j = (size_t)v;
    fu = u - (double)i, fv = v - (double)j;
    a = l->xy + 2 * (j * l->nx + i);
    b = a + 2 * l->nx;
    if (a[0] == HUGE_VAL || a[2] == HUGE_VAL || b[0] == HUGE_VAL || b[2] == HUGE_VAL)
        return 0;
    for (int c = 0; c < 2; c++) {
        double lo = a[c] + fu * (a[2 + c] - a[c]), hi = b[c] + fu * (b[2 + c] - b[c]);
        pt[c] = lo + fv * (hi - lo);
    }
    return 1;
}

void fm_proj_fwd_many(fm_proj *p, const double ext[4], double *xy, size_t n)
{
    lattice l;
    size_t i;
    if (n < LATTICE_MIN_POINTS || !lattice_make(p, ext, &l)) {
        fm_proj_fwd(p, xy, n);
        return;
    }
    /* points off the lattice go to PROJ one by one, in place */
    for (i = 0; i < n; i++)
        if (!lattice_point(&l, xy + 2 * i))
            fm_proj_fwd(p, xy + 2 * i, 1);
    free(l.xy);
}
