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
 * one cell stay exact), and the convolved result on the grid's own cells,
 * summed in the grid's own values (floats, as the passes are) and scaled to
 * weight per 100 km2 in place at the end: no second grid of megabytes. */
typedef struct {
    const fm_grid *g;
    size_t r, w, h;
    double *bins;
    conv_t *acc;   /* nx x ny, row-major from the south: g->v */
} work;

/* The passes' inner loops are compiled three times (target_clones: AVX-512,
 * AVX2, the baseline), the one for the machine chosen when the program
 * loads; axpy, inlined into each, then works on 16, 8 or 4 floats an
 * instruction. Every value is still y + a * x rounded twice (a product,
 * then a sum; C11 mode lets no compiler fuse them into one FMA), one
 * element at a time in the same order, so the three give the same bits. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__) && \
    !defined(__SANITIZE_ADDRESS__) /* (ifuncs: GCC and glibc) */
#define FM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FM_CLONES
#endif

/* Sixteen floats as one value: GCC lowers it to the widest vector the
 * function's target has (one zmm, two ymm or four xmm registers). */
typedef float conv16 __attribute__((vector_size(64)));

/* y += a * x over n values. */
static inline void axpy(conv_t *y, const conv_t *x, conv_t a, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        conv16 vx, vy;
        memcpy(&vx, x + i, sizeof vx);
        memcpy(&vy, y + i, sizeof vy);
        vy += a * vx;
        memcpy(y + i, &vy, sizeof vy);
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
        if (k + 16 < n) { /* the cells of a point a little ahead: its rows are
                           * megabytes apart, in no order a cache can guess */
            double px = (xy[2 * k + 32] - g->x0) / g->cell_m + (double)wk->r - 0.5;
            double py = (xy[2 * k + 33] - g->y0) / g->cell_m + (double)wk->r - 0.5;
            if (px >= 0 && py >= 0 && px < (double)wk->w - 1 && py < (double)wk->h - 1) {
                const double *c = wk->bins + (size_t)py * wk->w + (size_t)px;
                __builtin_prefetch(c, 1);
                __builtin_prefetch(c + wk->w, 1);
            }
        }
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

/* The passes below each fill a range of rows that no other range touches,
 * so two threads can share a pass; every output value is summed in the same
 * order either way, so the result does not depend on the split. */
typedef struct {
    work *wk;
    const conv_t *k;    /* Gaussian taps, or the quartic stencil */
    const size_t *half; /* quartic: reach of each stencil row */
    conv_t *tmp;        /* Gaussian: the x pass's output */
    size_t *span;       /* Gaussian: each tmp row's non-zero columns [lo, hi), lo == hi: none */
    size_t lo, hi;      /* the rows this part fills */
} conv_part;

/* out[c] for c in [c0, c1): the sum over t = 0..2r, in that order, of
 * k[2r - t] * in[c + t] (in holds at least c1 + 2r + 16 values). This is
 * the order in which scattering each in[i] through the kernel, i rising,
 * added to out[c] (out[c] += in[i] * k[c + 2r - i]); the terms of zeros
 * it skipped are +0 here, which leave a sum of non-negative terms as it is,
 * so the bits are the same, and the sums are kept in registers. */
static inline void correlate_row(conv_t *out, const conv_t *in, const conv_t *k, size_t r,
                                 size_t c0, size_t c1)
{
    size_t c = c0, t;
    for (; c + 32 <= c1; c += 32) {
        conv16 s0 = {0}, s1 = {0};
        for (t = 0; t <= 2 * r; t++) {
            conv16 x0, x1;
            conv_t kk = k[2 * r - t];
            memcpy(&x0, in + c + t, sizeof x0);
            memcpy(&x1, in + c + t + 16, sizeof x1);
            s0 += kk * x0;
            s1 += kk * x1;
        }
        memcpy(out + c, &s0, sizeof s0);
        memcpy(out + c + 16, &s1, sizeof s1);
    }
    for (; c < c1; c++) {
        conv_t sum = 0;
        for (t = 0; t <= 2 * r; t++)
            sum += k[2 * r - t] * in[c + t];
        out[c] = sum;
    }
}

/* Gaussian along x: padded rows [lo, hi) of the bins into tmp, which keeps
 * the padded rows but only the grid's own columns (grid column c is padded
 * column c + r, reached by padded columns c .. c + 2r), and each row's span. */
FM_CLONES static void *gauss_x(void *arg)
{
    conv_part *p = arg;
    const work *wk = p->wk;
    size_t r = wk->r, nx = wk->g->nx, j, i, i0, i1;
    conv_t *in = fm_malloc_array(wk->w + 2 * r + 48, sizeof *in);
    if (!in)
        return p; /* not NULL: failed */
    memset(in, 0, (wk->w + 2 * r + 48) * sizeof *in);
    for (j = p->lo; j < p->hi; j++) {
        const double *row = wk->bins + j * wk->w;
        for (i0 = 0; i0 < wk->w && row[i0] == 0; i0++)
            ;
        p->span[2 * j] = p->span[2 * j + 1] = 0;
        if (i0 == wk->w)
            continue;
        for (i1 = wk->w; row[i1 - 1] == 0; i1--)
            ;
        for (i = 0; i < wk->w; i++)
            in[i] = (conv_t)row[i];
        /* grid columns reached: [i0 - 2r, i1) within [0, nx) */
        p->span[2 * j] = i0 > 2 * r ? i0 - 2 * r : 0;
        p->span[2 * j + 1] = i1 < nx ? i1 : nx;
        correlate_row(p->tmp + j * nx, in, p->k, r, p->span[2 * j], p->span[2 * j + 1]);
    }
    free(in);
    return NULL;
}

/* Gaussian along y: grid rows [lo, hi), grid row q the sum over padded
 * rows j = q .. q + 2r, in that order, of k[q + 2r - j] * tmp row j, as
 * adding each tmp row into the rows it reaches, j rising, did; rows and
 * columns of tmp that are all zeros are skipped, as they were. */
FM_CLONES static void *gauss_y(void *arg)
{
    conv_part *p = arg;
    work *wk = p->wk;
    size_t r = wk->r, nx = wk->g->nx, q, j, c, e;
    const size_t *span = p->span;
    for (q = p->lo; q < p->hi; q++) {
        size_t lo = nx, hi = 0;
        conv_t *out = wk->acc + q * nx;
        for (j = q; j <= q + 2 * r; j++)
            if (span[2 * j] < span[2 * j + 1]) {
                lo = span[2 * j] < lo ? span[2 * j] : lo;
                hi = span[2 * j + 1] > hi ? span[2 * j + 1] : hi;
            }
        for (c = lo; c < hi; c = e) {
            conv16 s[4] = {{0}, {0}, {0}, {0}};
            size_t m, nv;
            e = c + 64 <= hi ? c + 64 : hi;
            nv = (e - c) / 16;
            for (j = q; j <= q + 2 * r; j++) {
                const conv_t *x = p->tmp + j * nx + c;
                conv_t kk = p->k[q + 2 * r - j];
                if (span[2 * j] >= e || span[2 * j + 1] <= c)
                    continue;
                for (m = 0; m < nv; m++) {
                    conv16 v;
                    memcpy(&v, x + 16 * m, sizeof v);
                    s[m] += kk * v;
                }
                for (m = 16 * nv; m < e - c; m++)
                    s[m / 16][m % 16] += kk * x[m];
            }
            for (m = 0; m < e - c; m++)
                out[c + m] = s[m / 16][m % 16];
        }
    }
    return NULL;
}

/* Runs fn over rows [0, n) in two halves on two threads (one thread for a
 * small grid or when a thread cannot start). */
static int run_split(void *(*fn)(void *), conv_part base, size_t n)
{
    conv_part part[2] = {base, base};
    pthread_t t;
    void *r0, *r1 = NULL;
    part[0].lo = 0, part[0].hi = n;
    if (n >= 64) {
        part[0].hi = part[1].lo = n / 2;
        part[1].hi = n;
        if (pthread_create(&t, NULL, fn, &part[1]) == 0) {
            r0 = fn(&part[0]);
            pthread_join(t, &r1);
            return r0 || r1;
        }
        part[0].hi = n;
    }
    return fn(&part[0]) != NULL;
}

/* Gaussian, separable: along x into tmp, then along y into the grid. */
static fm_status convolve_gaussian(fm_ctx *ctx, work *wk, const conv_t *k)
{
    conv_part base = {wk, k, NULL, NULL, NULL, 0, 0};
    fm_status st = FM_OK;
    base.tmp = fm_big_calloc(wk->h * wk->g->nx, sizeof *base.tmp);
    base.span = fm_malloc_array(2 * wk->h, sizeof *base.span);
    if (!base.tmp || !base.span || run_split(gauss_x, base, wk->h))
        st = fm_error(ctx, FM_ENOMEM, "out of memory for the density convolution");
    else if (!(st = fm_progress(ctx, 0.5, "density")))
        run_split(gauss_y, base, wk->g->ny);
    fm_big_free(base.tmp);
    free(base.span);
    return st;
}

/* A quartic stencil row is stored with QL zeros before its 2r + 1 offsets
 * and QR after, so runs of it can be read whole vectors at a time from up
 * to QG - 1 values before its start and rounded up past its end (see
 * scatter_quartic and scatter_group). */
#define QG 16
#define QL 16
#define QR 32

/* The exact radial quartic stencil: weights (1 - r^2/h^2)^2 for r < h on the
 * (2r+1)^2 offsets, normalised to sum 1, row b at s + b * (QL + 2r + 1 + QR)
 * + QL, zeros around it; half[dy] is how far each row reaches. */
static void quartic_2d(conv_t *s, size_t *half, size_t r, double h_cells)
{
    size_t n = 2 * r + 1, sn = QL + n + QR, a, b;
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
            s[b * sn + QL + a] = u < 1 ? (conv_t)((1 - u) * (1 - u) / sum) : 0;
        }
}

/* Scatters one non-empty padded cell (i, j) of weight v through the stencil
 * into the grid's own cells of rows [qlo, qhi). A row's run is rounded up
 * to a multiple of 16 values where the grid row has room: the values it
 * adds past the run are v * 0 = +0, which leave the (non-negative) sums as
 * they were, and axpy then has no one-at-a-time tail. */
static inline void scatter_quartic(work *wk, size_t i, size_t j, conv_t v, const conv_t *s,
                                   const size_t *half, size_t qlo, size_t qhi)
{
    const fm_grid *g = wk->g;
    size_t r = wk->r, n = 2 * r + 1, sn = QL + n + QR, b;
    for (b = 0; b < n; b++) {
        const conv_t *sb = s + b * sn + QL;
        size_t q = j + b, lo, hi, len; /* grid row q - 2r */
        if (q < 2 * r + qlo || q - 2 * r >= qhi || sb[r] == 0)
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
        len = (hi - lo + 16) / 16 * 16; /* hi - lo + 1 rounded up */
        if (i + lo - 2 * r + len > g->nx)
            len = hi - lo + 1;
        axpy(wk->acc + q * g->nx + (i + lo - 2 * r), sb + lo, v, len);
    }
}

/* Scatters the QG padded cells (i0 .. i0 + QG - 1, j) of weights v at once,
 * when every stencil row's run for all of them lies inside the grid row
 * (else returns 0, nothing done). Each stencil row's stretch of the grid
 * row is read into vectors once, takes the cells' terms one cell after the
 * other (i rising, as scattering them one by one did; a cell's zeros past
 * its own run add +0) and is written back once: scattered cell by cell,
 * each cell's loads waited on the stores of the one before, one value over. */
static inline int scatter_group(work *wk, size_t i0, size_t j, const conv_t *v,
                                const conv_t *s, const size_t *half, size_t qlo, size_t qhi)
{
    const fm_grid *g = wk->g;
    size_t r = wk->r, n = 2 * r + 1, sn = QL + n + QR, hmax = half[r], b, m, k;
    /* the widest row reaches grid columns [i0 - r - hmax, i0 + QG - 1 - r + hmax],
     * rounded up by up to 15 */
    if (i0 < r + hmax || i0 + hmax + QG + 15 > g->nx + r)
        return 0;
    for (b = 0; b < n; b++) {
        const conv_t *sb = s + b * sn + QL;
        size_t q = j + b, h = half[b], len = 2 * h + QG;
        conv_t *out;
        if (q < 2 * r + qlo || q - 2 * r >= qhi || sb[r] == 0)
            continue;
        out = wk->acc + (q - 2 * r) * g->nx + (i0 - r - h);
        sb += r - h; /* cell k's weight for column (i0 - r - h) + m is sb[m - k] */
        for (m = 0; m < len; m += 16) {
            conv16 acc, x;
            memcpy(&acc, out + m, sizeof acc);
            for (k = 0; k < QG; k++)
                if (v[k] != 0) {
                    memcpy(&x, sb + m - k, sizeof x);
                    acc += v[k] * x;
                }
            memcpy(out + m, &acc, sizeof acc);
        }
    }
    return 1;
}

/* Quartic: grid rows [lo, hi) from the padded rows that reach them, cells
 * QG at a time. */
FM_CLONES static void *quartic_rows(void *arg)
{
    conv_part *p = arg;
    work *wk = p->wk;
    size_t j, i, k, jend = p->hi + 2 * wk->r < wk->h ? p->hi + 2 * wk->r : wk->h;
    for (j = p->lo; j < jend; j++) {
        const double *in = wk->bins + j * wk->w;
        for (i = 0; i < wk->w; i += QG) {
            conv_t v[QG];
            int any = 0;
            for (k = 0; k < QG; k++) {
                v[k] = i + k < wk->w ? (conv_t)in[i + k] : 0;
                any |= v[k] != 0;
            }
            if (!any || scatter_group(wk, i, j, v, p->k, p->half, p->lo, p->hi))
                continue;
            for (k = 0; k < QG; k++)
                if (v[k] != 0)
                    scatter_quartic(wk, i + k, j, v[k], p->k, p->half, p->lo, p->hi);
        }
    }
    return NULL;
}

static fm_status convolve_quartic(fm_ctx *ctx, work *wk, double h_cells)
{
    size_t r = wk->r, n = 2 * r + 1;
    conv_t *s = fm_malloc_array(n * (QL + n + QR), sizeof *s);
    size_t *half = fm_malloc_array(n, sizeof *half);
    conv_part base = {wk, s, half, NULL, NULL, 0, 0};
    if (!s || !half) {
        free(s);
        free(half);
        return fm_error(ctx, FM_ENOMEM, "out of memory for the quartic kernel");
    }
    memset(s, 0, n * (QL + n + QR) * sizeof *s);
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
    wk.acc = g->v;
    if (!wk.bins) {
        st = fm_error(ctx, FM_ENOMEM, "out of memory for a %zu x %zu density grid", wk.w, wk.h);
        goto done;
    }
    memset(g->v, 0, ncell * sizeof *g->v); /* a grid computed before is replaced */
    if ((st = density_run(ctx, &wk, xy, w, n, bandwidth_m, kernel))) {
        memset(g->v, 0, ncell * sizeof *g->v); /* no half-made density */
        goto done;
    }
    /* weight per cell -> weight per 100 km2 */
    cell_km2 = (g->cell_m / 1000) * (g->cell_m / 1000);
    scale = 100 / cell_km2;
    for (i = 0; i < ncell; i++) {
        double v = g->v[i] * scale;
        g->v[i] = v > 0 ? (float)v : 0; /* rounding can leave -1e-20 */
    }
done:
    fm_big_free(wk.bins);
    return st;
}
