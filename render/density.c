/* density.c: kernel density estimates on a projected float grid, by linear
 * binning then convolution (MapServer kerneldensity.c style): pure arithmetic
 * on plain arrays, no drawing and no I/O, so it is tested on small grids.
 *
 * What is exact and what is not:
 * - Binning is linear (each point's weight is shared between the four nearest
 *   cell centres), which conserves the weight exactly and keeps the centroid.
 * - Gaussian: the 2-D Gaussian is separable, so it is convolved as a sampled
 *   1-D kernel along x then along y, truncated at 4 sigma (bandwidth = sigma)
 *   and renormalised to sum 1, so no weight is lost to the truncation.
 * - Quartic (biweight, radius = bandwidth): the isotropic 2-D kernel
 *   (1 - r^2/h^2)^2 is NOT separable, so it is applied as an exact radial 2-D
 *   stencil, scattered from every non-empty cell. That costs
 *   O(non-empty cells x pi (h/cell)^2) rather than O(cells x h/cell), but it
 *   is the true kernel, not a product-of-1-D approximation.
 * The grid is padded internally by the kernel radius, so points just outside
 * it still contribute inside, and the result (weight per 100 km2) sums to the
 * total weight of the points whose kernels fall inside the grid. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render/fm_render.h"

/* Guards against grids and kernels that would exhaust memory or time. */
#define GRID_MAX_CELLS ((size_t)200 * 1000 * 1000)
#define KERNEL_MAX_CELLS 4000

fm_status fm_grid_create(fm_ctx *ctx, size_t nx, size_t ny, double x0, double y0,
                         double cell_m, fm_grid **out)
{
    fm_grid *g;
    *out = NULL;
    if (nx == 0 || ny == 0)
        return fm_error(ctx, FM_EINVAL, "empty density grid (%zu x %zu cells)", nx, ny);
    if (!isfinite(cell_m) || cell_m <= 0 || !isfinite(x0) || !isfinite(y0))
        return fm_error(ctx, FM_EINVAL, "invalid density grid origin or cell size");
    if (nx > GRID_MAX_CELLS / ny)
        return fm_error(ctx, FM_ERANGE,
                        "density grid of %zu x %zu cells is too large: use a larger cell",
                        nx, ny);
    g = calloc(1, sizeof *g);
    if (!g || !(g->v = fm_big_calloc(nx * ny, sizeof *g->v))) {
        free(g);
        return fm_error(ctx, FM_ENOMEM, "out of memory for a %zu x %zu density grid", nx, ny);
    }
    g->nx = nx;
    g->ny = ny;
    g->x0 = x0;
    g->y0 = y0;
    g->cell_m = cell_m;
    *out = g;
    return FM_OK;
}

void fm_grid_destroy(fm_grid *g)
{
    if (!g)
        return;
    fm_big_free(g->v);
    free(g);
}

float fm_grid_max(const fm_grid *g)
{
    float m = 0;
    size_t i, n;
    if (!g || !g->v)
        return 0;
    n = g->nx * g->ny;
    for (i = 0; i < n; i++)
        if (g->v[i] > m)
            m = g->v[i];
    return m;
}

/* The convolution passes run in single precision: each output sums at most
 * a few hundred positive terms, so the relative rounding stays near 1e-6, and
 * the vector units do twice the work per instruction. */
typedef float conv_t;

/* The working state of one computation: the binned weights on the grid
 * padded by r cells on every side (w x h, doubles so a million additions to
 * one cell stay exact), and the convolved result on the grid's own cells. */
typedef struct {
    const fm_grid *g;
    size_t r, w, h;
    double *bins;
    conv_t *acc;   /* nx x ny, row-major from the south */
} work;

/* y += a * x over n values; unrolled so gcc's SLP pass vectorises it at -O2. */
static void axpy(conv_t *y, const conv_t *x, conv_t a, size_t n)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        y[i] += a * x[i];
        y[i + 1] += a * x[i + 1];
        y[i + 2] += a * x[i + 2];
        y[i + 3] += a * x[i + 3];
    }
    for (; i < n; i++)
        y[i] += a * x[i];
}

/* Shares the weight wt of a point at padded cell-centre coordinates (fx, fy)
 * between the four nearest cell centres, dropping what falls off the padding. */
static void bin_point(work *wk, double fx, double fy, double wt)
{
    double ix = floor(fx), iy = floor(fy), tx = fx - ix, ty = fy - iy;
    long i = (long)ix, j = (long)iy, di, dj;
    for (dj = 0; dj < 2; dj++) {
        long jj = j + dj;
        double wy = dj ? ty : 1 - ty;
        if (jj < 0 || jj >= (long)wk->h)
            continue;
        for (di = 0; di < 2; di++) {
            long ii = i + di;
            double wx = di ? tx : 1 - tx;
            if (ii >= 0 && ii < (long)wk->w)
                wk->bins[(size_t)jj * wk->w + (size_t)ii] += wt * wx * wy;
        }
    }
}

/* Bins the points; those that failed to project (non-finite), carry no
 * positive finite weight, or lie beyond the padding are skipped. */
static void bin_points(work *wk, const double *xy, const double *w, size_t n)
{
    const fm_grid *g = wk->g;
    size_t k;
    for (k = 0; k < n; k++) {
        double wt = w ? w[k] : 1.0, fx, fy;
        if (!isfinite(xy[2 * k]) || !isfinite(xy[2 * k + 1]) || !isfinite(wt) || wt <= 0)
            continue;
        /* cell (i, j) of the padded grid has its centre at (i + 0.5, j + 0.5) */
        fx = (xy[2 * k] - g->x0) / g->cell_m + (double)wk->r - 0.5;
        fy = (xy[2 * k + 1] - g->y0) / g->cell_m + (double)wk->r - 0.5;
        if (fx <= -1 || fy <= -1 || fx >= (double)wk->w || fy >= (double)wk->h)
            continue;
        bin_point(wk, fx, fy, wt);
    }
}

/* The sampled Gaussian (sigma in cells) at offsets -r..r, normalised to sum 1. */
static void gaussian_1d(conv_t *k, size_t r, double sigma_cells)
{
    double sum = 0, d;
    size_t i;
    for (i = 0; i <= 2 * r; i++) {
        d = ((double)i - (double)r) / sigma_cells;
        sum += exp(-0.5 * d * d);
    }
    for (i = 0; i <= 2 * r; i++) {
        d = ((double)i - (double)r) / sigma_cells;
        k[i] = (conv_t)(exp(-0.5 * d * d) / sum);
    }
}

static int row_is_empty(const conv_t *row, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (row[i] != 0)
            return 0;
    return 1;
}

/* The passes below each fill a range of rows that no other range touches,
 * so two threads can share a pass; every output value is summed in the same
 * order either way, so the result does not depend on the split. */
typedef struct {
    work *wk;
    const conv_t *k;    /* Gaussian taps, or the quartic stencil */
    const size_t *half; /* quartic: reach of each stencil row */
    conv_t *tmp;        /* Gaussian: the x pass's output */
    size_t lo, hi;      /* the rows this part fills */
} conv_part;

/* Gaussian along x: padded rows [lo, hi) of the bins into tmp, which keeps
 * the padded rows but only the grid's own columns. */
static void *gauss_x(void *arg)
{
    conv_part *p = arg;
    const work *wk = p->wk;
    size_t r = wk->r, nx = wk->g->nx, j, i;
    for (j = p->lo; j < p->hi; j++) {
        const double *in = wk->bins + j * wk->w;
        conv_t *out = p->tmp + j * nx;
        for (i = 0; i < wk->w; i++) {
            /* padded column i reaches grid columns c in [i - 2r, i] (grid column
             * c is padded column c + r) with weight k[c + 2r - i] */
            size_t lo = i >= 2 * r ? i - 2 * r : 0, hi = i < nx - 1 ? i : nx - 1;
            if (in[i] == 0 || lo > hi)
                continue;
            axpy(out + lo, p->k + (lo + 2 * r - i), (conv_t)in[i], hi - lo + 1);
        }
    }
    return NULL;
}

/* Gaussian along y: grid rows [lo, hi) from the padded rows of tmp that
 * reach them (padded row j reaches grid rows q in [j - 2r, j] with weight
 * k[q + 2r - j]), taken in order of j. Empty rows are skipped. */
static void *gauss_y(void *arg)
{
    conv_part *p = arg;
    work *wk = p->wk;
    size_t r = wk->r, nx = wk->g->nx, j, q, jend = p->hi + 2 * r < wk->h ? p->hi + 2 * r : wk->h;
    for (j = p->lo; j < jend; j++) {
        const conv_t *row = p->tmp + j * nx;
        if (row_is_empty(row, nx))
            continue;
        for (q = j >= 2 * r ? j - 2 * r : 0; q < p->lo; q++)
            ;
        for (; q <= j && q < p->hi; q++)
            axpy(wk->acc + q * nx, row, p->k[q + 2 * r - j], nx);
    }
    return NULL;
}

/* Runs fn over rows [0, n) in two halves on two threads (one thread for a
 * small grid or when a thread cannot start). */
static void run_split(void *(*fn)(void *), conv_part base, size_t n)
{
    conv_part part[2] = {base, base};
    pthread_t t;
    part[0].lo = 0, part[0].hi = n;
    if (n >= 64) {
        part[0].hi = part[1].lo = n / 2;
        part[1].hi = n;
        if (pthread_create(&t, NULL, fn, &part[1]) == 0) {
            fn(&part[0]);
            pthread_join(t, NULL);
            return;
        }
        part[0].hi = n;
    }
    fn(&part[0]);
}

/* Gaussian, separable: along x into tmp, then along y into the grid. */
static fm_status convolve_gaussian(fm_ctx *ctx, work *wk, const conv_t *k)
{
    conv_part base = {wk, k, NULL, NULL, 0, 0};
    fm_status st;
    if (!(base.tmp = fm_big_calloc(wk->h * wk->g->nx, sizeof *base.tmp)))
        return fm_error(ctx, FM_ENOMEM, "out of memory for the density convolution");
    run_split(gauss_x, base, wk->h);
    if (!(st = fm_progress(ctx, 0.5, "density")))
        run_split(gauss_y, base, wk->g->ny);
    fm_big_free(base.tmp);
    return st;
}

/* The exact radial quartic stencil: weights (1 - r^2/h^2)^2 for r < h on the
 * (2r+1)^2 offsets, normalised to sum 1; half[dy] is how far each row reaches. */
static void quartic_2d(conv_t *s, size_t *half, size_t r, double h_cells)
{
    size_t n = 2 * r + 1, a, b;
    double sum = 0;
    for (b = 0; b < n; b++) {
        double dy = (double)b - (double)r;
        half[b] = 0;
        for (a = 0; a < n; a++) {
            double dx = (double)a - (double)r, u = (dx * dx + dy * dy) / (h_cells * h_cells);
            if (u < 1) {
                sum += (1 - u) * (1 - u);
                if (fabs(dx) > (double)half[b])
                    half[b] = (size_t)fabs(dx);
            }
        }
    }
    for (b = 0; b < n; b++)
        for (a = 0; a < n; a++) {
            double dx = (double)a - (double)r, dy = (double)b - (double)r;
            double u = (dx * dx + dy * dy) / (h_cells * h_cells);
            s[b * n + a] = u < 1 ? (conv_t)((1 - u) * (1 - u) / sum) : 0;
        }
}

/* Scatters one non-empty padded cell (i, j) of weight v through the stencil
 * into the grid's own cells of rows [qlo, qhi). */
static void scatter_quartic(work *wk, size_t i, size_t j, conv_t v, const conv_t *s,
                            const size_t *half, size_t qlo, size_t qhi)
{
    const fm_grid *g = wk->g;
    size_t r = wk->r, n = 2 * r + 1, b;
    for (b = 0; b < n; b++) {
        size_t q = j + b, lo, hi; /* grid row q - 2r */
        if (q < 2 * r + qlo || q - 2 * r >= qhi || s[b * n + r] == 0)
            continue;
        q -= 2 * r;
        /* columns c = i + a - 2r for a in [r - half, r + half], clipped to [0, nx) */
        lo = r - half[b];
        hi = r + half[b];
        if (i + lo < 2 * r)
            lo = 2 * r - i;
        if (i + hi >= 2 * r + g->nx)
            hi = 2 * r + g->nx - 1 - i;
        if (lo > hi)
            continue;
        axpy(wk->acc + q * g->nx + (i + lo - 2 * r), s + b * n + lo, v, hi - lo + 1);
    }
}

/* Quartic: grid rows [lo, hi) from the padded rows that reach them. */
static void *quartic_rows(void *arg)
{
    conv_part *p = arg;
    work *wk = p->wk;
    size_t j, i, jend = p->hi + 2 * wk->r < wk->h ? p->hi + 2 * wk->r : wk->h;
    for (j = p->lo; j < jend; j++) {
        const double *in = wk->bins + j * wk->w;
        for (i = 0; i < wk->w; i++)
            if (in[i] != 0)
                scatter_quartic(wk, i, j, (conv_t)in[i], p->k, p->half, p->lo, p->hi);
    }
    return NULL;
}

static fm_status convolve_quartic(fm_ctx *ctx, work *wk, double h_cells)
{
    size_t r = wk->r, n = 2 * r + 1;
    conv_t *s = fm_malloc_array(n * n, sizeof *s);
    size_t *half = fm_malloc_array(n, sizeof *half);
    conv_part base = {wk, s, half, NULL, 0, 0};
    if (!s || !half) {
        free(s);
        free(half);
        return fm_error(ctx, FM_ENOMEM, "out of memory for the quartic kernel");
    }
    quartic_2d(s, half, r, h_cells);
    run_split(quartic_rows, base, wk->g->ny);
    free(s);
    free(half);
    return FM_OK;
}

/* Checks the arguments and works out the kernel radius in cells. */
static fm_status density_check(fm_ctx *ctx, const fm_grid *g, const double *xy, size_t n,
                               double bandwidth_m, fm_kernel kernel, size_t *r)
{
    double radius_cells;
    if (!g || !g->v || g->nx == 0 || g->ny == 0 || !(g->cell_m > 0))
        return fm_error(ctx, FM_EINVAL, "invalid density grid");
    if (n > 0 && !xy)
        return fm_error(ctx, FM_EINVAL, "no point coordinates given");
    if (kernel != FM_KERNEL_GAUSSIAN && kernel != FM_KERNEL_QUARTIC)
        return fm_error(ctx, FM_EINVAL, "unknown density kernel %d", (int)kernel);
    if (!isfinite(bandwidth_m) || bandwidth_m <= 0)
        return fm_error(ctx, FM_EINVAL, "the bandwidth must be a positive distance");
    if (bandwidth_m < g->cell_m)
        return fm_error(ctx, FM_EINVAL,
                        "bandwidth %g km is smaller than the cell size %g km: "
                        "use a finer cell or a wider bandwidth",
                        bandwidth_m / 1000, g->cell_m / 1000);
    radius_cells = (kernel == FM_KERNEL_GAUSSIAN ? 4 : 1) * bandwidth_m / g->cell_m;
    if (radius_cells > KERNEL_MAX_CELLS)
        return fm_error(ctx, FM_ERANGE,
                        "bandwidth %g km is too large for the cell size %g km "
                        "(kernel over %d cells): use a larger cell",
                        bandwidth_m / 1000, g->cell_m / 1000, KERNEL_MAX_CELLS);
    *r = (size_t)ceil(radius_cells);
    return FM_OK;
}

static fm_status density_run(fm_ctx *ctx, work *wk, const double *xy, const double *w,
                             size_t n, double bandwidth_m, fm_kernel kernel)
{
    const fm_grid *g = wk->g;
    conv_t *k;
    fm_status st;
    bin_points(wk, xy, w, n);
    if (kernel == FM_KERNEL_QUARTIC)
        return convolve_quartic(ctx, wk, bandwidth_m / g->cell_m);
    k = fm_malloc_array(2 * wk->r + 1, sizeof *k);
    if (!k)
        return fm_error(ctx, FM_ENOMEM, "out of memory for the density kernel");
    gaussian_1d(k, wk->r, bandwidth_m / g->cell_m);
    st = convolve_gaussian(ctx, wk, k);
    free(k);
    return st;
}

fm_status fm_density_compute(fm_ctx *ctx, fm_grid *g, const double *xy, const double *w,
                             size_t n, double bandwidth_m, fm_kernel kernel)
{
    work wk = {0};
    double cell_km2, scale;
    size_t i, ncell;
    fm_status st = density_check(ctx, g, xy, n, bandwidth_m, kernel, &wk.r);
    if (st)
        return st;
    wk.g = g;
    wk.w = g->nx + 2 * wk.r;
    wk.h = g->ny + 2 * wk.r;
    ncell = g->nx * g->ny;
    if (wk.w > GRID_MAX_CELLS / wk.h)
        return fm_error(ctx, FM_ERANGE, "density grid with its kernel padding is too large");
    wk.bins = fm_big_calloc(wk.w * wk.h, sizeof *wk.bins);
    wk.acc = fm_big_calloc(ncell, sizeof *wk.acc);
    if (!wk.bins || !wk.acc) {
        st = fm_error(ctx, FM_ENOMEM, "out of memory for a %zu x %zu density grid", wk.w, wk.h);
        goto done;
    }
    if ((st = density_run(ctx, &wk, xy, w, n, bandwidth_m, kernel)))
        goto done;
    /* weight per cell -> weight per 100 km2 */
    cell_km2 = (g->cell_m / 1000) * (g->cell_m / 1000);
    scale = 100 / cell_km2;
    for (i = 0; i < ncell; i++) {
        double v = wk.acc[i] * scale;
        g->v[i] = v > 0 ? (float)v : 0; /* rounding can leave -1e-20 */
    }
done:
    fm_big_free(wk.bins);
    fm_big_free(wk.acc);
    return st;
}
