/* lattice.c: projecting many points fast. PROJ costs ~150 ns a point; for a
 * big batch the projection is taken at the nodes of a fine lon/lat lattice
 * and interpolated between them, which is well within a metre at this scale.
 * A node is projected when a point first needs it: incidents cluster, and a
 * million of them over the frontier touched 5,100 of the 70,000 nodes. */
#include <math.h>
#include <stdlib.h>

#include "render/fm_render.h"

#define LATTICE_STEP_DEG 0.05 /* bilinear error of an Albers conic: < 1 m */
#define LATTICE_MIN_POINTS 50000
#define LATTICE_MAX_NODES 2000000

typedef struct {
    fm_proj *p;
    double w, s;
    size_t nx, ny; /* nodes */
    double *xy;    /* 2 nx ny projected nodes, row by row from the south */
    unsigned char *done; /* nx ny: whether the node is projected yet */
} lattice;

static int lattice_make(fm_proj *p, const double ext[4], lattice *l)
{
    double mx = (ext[2] - ext[0]) * 0.1, my = (ext[3] - ext[1]) * 0.1;
    double w = floor((ext[0] - mx) / LATTICE_STEP_DEG) * LATTICE_STEP_DEG;
    double s = floor(fmax(ext[1] - my, -85) / LATTICE_STEP_DEG) * LATTICE_STEP_DEG;
    double nxd = ceil((ext[2] + mx - w) / LATTICE_STEP_DEG) + 1;
    double nyd = ceil((fmin(ext[3] + my, 85) - s) / LATTICE_STEP_DEG) + 1;
    if (!(nxd >= 2 && nyd >= 2 && nxd * nyd <= LATTICE_MAX_NODES))
        return 0;
    l->p = p, l->w = w, l->s = s, l->nx = (size_t)nxd, l->ny = (size_t)nyd;
    l->xy = malloc(2 * l->nx * l->ny * sizeof *l->xy);
    l->done = calloc(l->nx * l->ny, 1);
    if (!l->xy || !l->done) {
        free(l->xy);
        free(l->done);
        return 0;
    }
    return 1;
}

/* Node (i, j) projected, the first time it is asked for: PROJ gives a
 * point the same answer alone as in a batch. */
static const double *lattice_node(lattice *l, size_t i, size_t j)
{
    double *n = l->xy + 2 * (j * l->nx + i);
    if (!l->done[j * l->nx + i]) {
        l->done[j * l->nx + i] = 1;
        n[0] = l->w + (double)i * LATTICE_STEP_DEG;
        n[1] = l->s + (double)j * LATTICE_STEP_DEG;
        fm_proj_fwd(l->p, n, 1);
    }
    return n;
}

/* Interpolates one point; 0 when it is outside the lattice or near a node
 * that did not project (HUGE_VAL). */
static int lattice_point(lattice *l, double *pt)
{
    double u = (pt[0] - l->w) / LATTICE_STEP_DEG, v = (pt[1] - l->s) / LATTICE_STEP_DEG;
    double fu, fv;
    const double *a, *a1, *b, *b1;
    size_t i, j;
    if (!(u >= 0 && v >= 0 && u < (double)(l->nx - 1) && v < (double)(l->ny - 1)))
        return 0;
    i = (size_t)u, j = (size_t)v;
    fu = u - (double)i, fv = v - (double)j;
    a = lattice_node(l, i, j), a1 = lattice_node(l, i + 1, j);
    b = lattice_node(l, i, j + 1), b1 = lattice_node(l, i + 1, j + 1);
    if (a[0] == HUGE_VAL || a1[0] == HUGE_VAL || b[0] == HUGE_VAL || b1[0] == HUGE_VAL)
        return 0;
    for (int c = 0; c < 2; c++) {
        double lo = a[c] + fu * (a1[c] - a[c]), hi = b[c] + fu * (b1[c] - b[c]);
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
    free(l.done);
}
