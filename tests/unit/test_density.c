/* test_density.c: the density arithmetic on plain float grids (mass, peak,
 * symmetry, kernel shape, determinism, validation), the GeoTIFF writer read
 * back through GDAL, and the heatmap and monthly commands run in-process. */
#include <gdal/gdal.h>
#include <gdal/ogr_srs_api.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fm_test.h"

static fm_ctx *ctx;

/* A deterministic uniform in [0,1) (LCG), and a normal by Box-Muller. */
static double uni(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static double normal(unsigned long *s)
{
    double u = uni(s) + 1e-12, v = uni(s);
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

/* n points around (cx, cy) in metres with spread sd_m; weights 1..5 if w. */
static void cluster(double *xy, double *w, size_t n, double cx, double cy, double sd_m,
                    unsigned long seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        xy[2 * i] = cx + normal(&seed) * sd_m;
        xy[2 * i + 1] = cy + normal(&seed) * sd_m;
        if (w)
            w[i] = 1 + (double)(i % 5);
    }
}

/* The total weight the grid holds: sum(v) * cell area / 100 km2. */
static double grid_mass(const fm_grid *g)
{
    double s = 0, km = g->cell_m / 1000;
    size_t i;
    for (i = 0; i < g->nx * g->ny; i++)
        s += g->v[i];
    return s * km * km / 100;
}

static void argmax(const fm_grid *g, size_t *ai, size_t *aj)
{
    size_t i, best = 0;
    for (i = 1; i < g->nx * g->ny; i++)
        if (g->v[i] > g->v[best])
            best = i;
    *ai = best % g->nx;
    *aj = best / g->nx;
}

static void test_grid_create(void)
{
    fm_grid *g = NULL;
    CHECK(fm_grid_create(ctx, 0, 10, 0, 0, 1000, &g) == FM_EINVAL && !g);
    CHECK(fm_grid_create(ctx, 10, 10, 0, 0, 0, &g) == FM_EINVAL && !g);
    CHECK(fm_grid_create(ctx, 10, 10, 0, 0, -5, &g) == FM_EINVAL);
    CHECK(fm_grid_create(ctx, 10, 10, NAN, 0, 1000, &g) == FM_EINVAL);
    CHECK(fm_grid_create(ctx, 1000000, 1000000, 0, 0, 1, &g) == FM_ERANGE);
    CHECK(fm_grid_create(ctx, 7, 5, -3000, 2000, 1000, &g) == FM_OK);
    CHECK(g && g->nx == 7 && g->ny == 5 && g->v[34] == 0 && fm_grid_max(g) == 0);
    g->v[12] = 3.5f;
    CHECK(fm_grid_max(g) == 3.5f);
    fm_grid_destroy(g);
    fm_grid_destroy(NULL);
    CHECK(fm_grid_max(NULL) == 0);
}

/* Both kernels keep the total weight (points well inside the grid) and peak
 * at the cluster, not at a decoy of fewer points. */
static void test_mass_and_peak(void)
{
    enum { N = 3000, M = 300 };
    static double xy[2 * (N + M)], w[N + M];
    fm_kernel kernels[2] = {FM_KERNEL_GAUSSIAN, FM_KERNEL_QUARTIC};
    int k;
    cluster(xy, w, N, 120e3, 80e3, 8e3, 1);
    cluster(xy + 2 * N, w + N, M, 60e3, 150e3, 8e3, 2);
    for (k = 0; k < 2; k++) {
        fm_grid *g;
        size_t i, pi, pj;
        double total = 0;
        CHECK(fm_grid_create(ctx, 200, 220, 0, 0, 1000, &g) == FM_OK);
        CHECK(fm_density_compute(ctx, g, xy, NULL, N + M, 10e3, kernels[k]) == FM_OK);
        CHECK_NEAR(grid_mass(g), N + M, (N + M) * 0.01);
        CHECK_NEAR(grid_mass(g), N + M, (N + M) * 1e-4); /* it is in fact exact */
        argmax(g, &pi, &pj);
        CHECK(fabs(pi + 0.5 - 120) <= 4 && fabs(pj + 0.5 - 80) <= 4);
        /* weighted */
        for (i = 0; i < N + M; i++)
            total += w[i];
        CHECK(fm_density_compute(ctx, g, xy, w, N + M, 10e3, kernels[k]) == FM_OK);
        CHECK_NEAR(grid_mass(g), total, total * 0.01);
        fm_grid_destroy(g);
    }
}

/* One point at a cell centre in an odd grid: the density is symmetric under
 * left-right, up-down and transposition, and matches the analytic kernel. */
static void check_single(fm_kernel kernel)
{
    fm_grid *g;
    double xy[2] = {50500, 50500}, h = 12e3, maxerr = 0;
    size_t i, j, n = 101, c = 50;
    CHECK(fm_grid_create(ctx, n, n, 0, 0, 1000, &g) == FM_OK);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, h, kernel) == FM_OK);
    for (j = 0; j < n; j++)
        for (i = 0; i < n; i++) {
            float v = g->v[j * n + i];
            double dx = ((double)i - c) * 1000, dy = ((double)j - c) * 1000, r2, want;
            if (v != g->v[j * n + (n - 1 - i)] || v != g->v[(n - 1 - j) * n + i] ||
                v != g->v[i * n + j])
                maxerr = 1e9;
            r2 = (dx * dx + dy * dy) / (h * h);
            /* per m2 -> per 100 km2 = 1e8 m2 */
            want = kernel == FM_KERNEL_GAUSSIAN
                       ? exp(-0.5 * r2) / (2 * M_PI * h * h) * 1e8
                       : (r2 < 1 ? 3 / (M_PI * h * h) * (1 - r2) * (1 - r2) * 1e8 : 0);
            if (fabs(v - want) > maxerr)
                maxerr = fabs(v - want);
        }
    /* peak is 100/(2 pi 144) = 0.11 (Gaussian), 3*100/(pi 144) = 0.66 (quartic) */
    CHECK(maxerr < 0.01 * (kernel == FM_KERNEL_GAUSSIAN ? 0.11 : 0.66));
    CHECK(g->v[c * n + c] == fm_grid_max(g));
    fm_grid_destroy(g);
}

static void test_symmetry_and_shape(void)
{
    check_single(FM_KERNEL_GAUSSIAN);
    check_single(FM_KERNEL_QUARTIC);
}

/* The padding: a point just outside the grid still shows inside it; points
 * that failed to project (HUGE_VAL, NaN) and bad weights are ignored. */
static void test_edges_and_bad_points(void)
{
    fm_grid *g;
    double xy[8] = {-5000, 25000, HUGE_VAL, 1000, NAN, 3000, 20000, 20000};
    double w[4] = {1, 1, 1, -2};
    CHECK(fm_grid_create(ctx, 50, 50, 0, 0, 1000, &g) == FM_OK);
    CHECK(fm_density_compute(ctx, g, xy, w, 4, 10e3, FM_KERNEL_GAUSSIAN) == FM_OK);
    CHECK(g->v[25 * 50 + 0] > 0.05f);
    CHECK(g->v[20 * 50 + 20] < g->v[25 * 50 + 0]);
    CHECK(grid_mass(g) < 0.5);
    fm_grid_destroy(g);
}

static void test_deterministic(void)
{
    enum { N = 5000 };
    static double xy[2 * N];
    fm_grid *a, *b;
    cluster(xy, NULL, N, 40e3, 30e3, 15e3, 7);
    CHECK(fm_grid_create(ctx, 90, 70, 0, 0, 1000, &a) == FM_OK);
    CHECK(fm_grid_create(ctx, 90, 70, 0, 0, 1000, &b) == FM_OK);
    CHECK(fm_density_compute(ctx, a, xy, NULL, N, 7e3, FM_KERNEL_GAUSSIAN) == FM_OK);
    CHECK(fm_density_compute(ctx, b, xy, NULL, N, 7e3, FM_KERNEL_GAUSSIAN) == FM_OK);
    CHECK(memcmp(a->v, b->v, 90 * 70 * sizeof(float)) == 0);
    /* a second computation replaces, does not add (the passes sum into the
     * grid's own values), for both kernels */
    CHECK(fm_density_compute(ctx, b, xy, NULL, N, 7e3, FM_KERNEL_GAUSSIAN) == FM_OK);
    CHECK(memcmp(a->v, b->v, 90 * 70 * sizeof(float)) == 0);
    CHECK(fm_density_compute(ctx, a, xy, NULL, N, 7e3, FM_KERNEL_QUARTIC) == FM_OK);
    CHECK(fm_density_compute(ctx, b, xy, NULL, N, 7e3, FM_KERNEL_QUARTIC) == FM_OK);
    CHECK(fm_density_compute(ctx, b, xy, NULL, N, 7e3, FM_KERNEL_QUARTIC) == FM_OK);
    CHECK(memcmp(a->v, b->v, 90 * 70 * sizeof(float)) == 0);
    fm_grid_destroy(a);
    fm_grid_destroy(b);
}

/* The density as first written, one cell at a time with no vectors,
 * threads or blocking: linear binning, then the Gaussian as two scattered
 * 1-D passes (each non-zero value added through the taps, columns then
 * rows, in rising order) or the quartic stencil scattered from each
 * non-zero padded cell, rows then columns. fm_density_compute gathers,
 * blocks and vectorises these sums; it must give the same bits. */
static void ref_density(fm_grid *g, const double *xy, const double *w, size_t n, double bw_m,
                        fm_kernel kern)
{
    size_t r = (size_t)ceil((kern == FM_KERNEL_GAUSSIAN ? 4 : 1) * bw_m / g->cell_m);
    size_t W = g->nx + 2 * r, H = g->ny + 2 * r, nx = g->nx, ny = g->ny, m = 2 * r + 1;
    double *bins = calloc(W * H, sizeof *bins), h = bw_m / g->cell_m, sum = 0;
    float *acc = calloc(nx * ny, sizeof *acc), *k = calloc(m * m, sizeof *k);
    float *tmp = calloc(H * nx, sizeof *tmp);
    size_t i, j, a, b, c, q;
    for (i = 0; i < n; i++) {
        double wt = w ? w[i] : 1, fx = (xy[2 * i] - g->x0) / g->cell_m + (double)r - 0.5;
        double fy = (xy[2 * i + 1] - g->y0) / g->cell_m + (double)r - 0.5;
        double ix = floor(fx), iy = floor(fy), tx = fx - ix, ty = fy - iy;
        for (b = 0; b < 2; b++)
            for (a = 0; a < 2; a++) {
                long ii = (long)ix + (long)a, jj = (long)iy + (long)b;
                if (ii >= 0 && jj >= 0 && ii < (long)W && jj < (long)H)
                    bins[(size_t)jj * W + (size_t)ii] += wt * (a ? tx : 1 - tx) * (b ? ty : 1 - ty);
            }
    }
    if (kern == FM_KERNEL_GAUSSIAN) {
        for (i = 0; i < m; i++)
            sum += exp(-0.5 * ((double)i - (double)r) / h * (((double)i - (double)r) / h));
        for (i = 0; i < m; i++)
            k[i] = (float)(exp(-0.5 * ((double)i - (double)r) / h * (((double)i - (double)r) / h)) / sum);
        for (j = 0; j < H; j++)
            for (i = 0; i < W; i++)
                for (c = i >= 2 * r ? i - 2 * r : 0; bins[j * W + i] != 0 && c <= i && c < nx; c++)
                    tmp[j * nx + c] += (float)bins[j * W + i] * k[c + 2 * r - i];
        for (j = 0; j < H; j++)
            for (q = j >= 2 * r ? j - 2 * r : 0; q <= j && q < ny; q++)
                for (c = 0; c < nx; c++)
                    acc[q * nx + c] += k[q + 2 * r - j] * tmp[j * nx + c];
    } else {
        for (b = 0; b < m; b++)
            for (a = 0; a < m; a++) {
                double dx = (double)a - (double)r, dy = (double)b - (double)r, u = (dx * dx + dy * dy) / (h * h);
                sum += u < 1 ? (1 - u) * (1 - u) : 0;
            }
        for (b = 0; b < m; b++)
            for (a = 0; a < m; a++) {
                double dx = (double)a - (double)r, dy = (double)b - (double)r, u = (dx * dx + dy * dy) / (h * h);
                k[b * m + a] = u < 1 ? (float)((1 - u) * (1 - u) / sum) : 0;
            }
        for (j = 0; j < H; j++)
            for (i = 0; i < W; i++)
                for (b = 0; bins[j * W + i] != 0 && b < m; b++)
                    for (a = 0; a < m; a++) {
                        long qq = (long)(j + b) - 2 * (long)r, cc = (long)(i + a) - 2 * (long)r;
                        if (qq >= 0 && qq < (long)ny && cc >= 0 && cc < (long)nx && k[b * m + a] != 0)
                            acc[(size_t)qq * nx + (size_t)cc] += (float)bins[j * W + i] * k[b * m + a];
                    }
    }
    for (i = 0; i < nx * ny; i++) {
        double v = acc[i] * (100 / (g->cell_m / 1000 * (g->cell_m / 1000)));
        g->v[i] = v > 0 ? (float)v : 0;
    }
    free(bins);
    free(acc);
    free(k);
    free(tmp);
}

/* The same bits as ref_density for both kernels: dense and sparse points,
 * on grids narrower than a kernel, with points near and beyond every edge,
 * weighted and not, radii from 1 to 40 cells. */
static void test_same_bits(void)
{
    enum { N = 6000 };
    static double xy[2 * N], w[N];
    static const struct {
        size_t nx, ny;
        double bw_km, sd_km;
    } cases[] = {{90, 70, 7, 15}, {200, 150, 30, 40}, {40, 300, 12, 60}, {130, 20, 3, 5},
                 {300, 260, 40, 20}, {17, 9, 1, 2}};
    size_t c, kern, i;
    for (c = 0; c < sizeof cases / sizeof *cases; c++)
        for (kern = 0; kern < 2; kern++) {
            fm_kernel kk = kern ? FM_KERNEL_QUARTIC : FM_KERNEL_GAUSSIAN;
            fm_grid *a = NULL, *b = NULL;
            double cx = (double)cases[c].nx * 1000 * (c % 3) / 2, cy = (double)cases[c].ny * 400;
            cluster(xy, w, N, cx, cy, cases[c].sd_km * 1000, 11 + c);
            for (i = 0; i < N; i += 7) /* a sparse spray over the whole grid and beyond */
                xy[2 * i] = ((double)(i * 7919 % 1000) / 1000 * 1.4 - 0.2) * (double)cases[c].nx * 1000;
            CHECK(fm_grid_create(ctx, cases[c].nx, cases[c].ny, 0, 0, 1000, &a) == FM_OK);
            CHECK(fm_grid_create(ctx, cases[c].nx, cases[c].ny, 0, 0, 1000, &b) == FM_OK);
            if (!a || !b)
                return;
            CHECK(fm_density_compute(ctx, a, xy, c % 2 ? w : NULL, N, cases[c].bw_km * 1000,
                                     kk) == FM_OK);
            ref_density(b, xy, c % 2 ? w : NULL, N, cases[c].bw_km * 1000, kk);
            CHECK(!memcmp(a->v, b->v, cases[c].nx * cases[c].ny * sizeof *a->v));
            fm_grid_destroy(a);
            fm_grid_destroy(b);
        }
}

static void test_validation(void)
{
    fm_grid *g;
    double xy[2] = {1000, 1000};
    CHECK(fm_grid_create(ctx, 20, 20, 0, 0, 1000, &g) == FM_OK);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, 500, FM_KERNEL_GAUSSIAN) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "smaller than the cell size") != NULL);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, 0, FM_KERNEL_GAUSSIAN) == FM_EINVAL);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, NAN, FM_KERNEL_QUARTIC) == FM_EINVAL);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, 1e9, FM_KERNEL_GAUSSIAN) == FM_ERANGE);
    CHECK(strstr(fm_ctx_message(ctx), "too large") != NULL);
    CHECK(fm_density_compute(ctx, g, NULL, NULL, 1, 5000, FM_KERNEL_GAUSSIAN) == FM_EINVAL);
    CHECK(fm_density_compute(ctx, g, xy, NULL, 1, 5000, (fm_kernel)7) == FM_EINVAL);
    CHECK(fm_density_compute(ctx, NULL, xy, NULL, 1, 5000, FM_KERNEL_GAUSSIAN) == FM_EINVAL);
    /* no points: a zero grid, not an error */
    g->v[3] = 9;
    CHECK(fm_density_compute(ctx, g, NULL, NULL, 0, 5000, FM_KERNEL_GAUSSIAN) == FM_OK);
    CHECK(fm_grid_max(g) == 0);
    fm_grid_destroy(g);
}

/* Writes a small grid with a known pattern and reads it back through GDAL. */
static void test_geotiff(void)
{
    char path[4096], bad[4096];
    fm_grid *g;
    fm_proj *p;
    GDALDatasetH ds;
    double gt[6];
    float top_left = 0, bottom_left = 0;
    size_t i;
    snprintf(path, sizeof path, "%s/d.tif", fm_test_tmpdir());
    CHECK(fm_proj_create(ctx, 60, 29, 75, 37, &p) == FM_OK);
    CHECK(fm_grid_create(ctx, 30, 20, -15000, -8000, 1000, &g) == FM_OK);
    for (i = 0; i < 600; i++)
        g->v[i] = (float)i;
    CHECK(fm_grid_write_geotiff(ctx, g, fm_proj_wkt(p), "incidents per 100 km2", path) == FM_OK);
    GDALAllRegister();
    ds = GDALOpen(path, GA_ReadOnly);
    CHECK(ds != NULL);
    if (ds) {
        GDALRasterBandH b = GDALGetRasterBand(ds, 1);
        OGRSpatialReferenceH srs = OSRNewSpatialReference(GDALGetProjectionRef(ds));
        const char *proj = srs ? OSRGetAttrValue(srs, "PROJECTION", 0) : NULL;
        CHECK(GDALGetRasterXSize(ds) == 30 && GDALGetRasterYSize(ds) == 20);
        CHECK(GDALGetRasterCount(ds) == 1 && GDALGetRasterDataType(b) == GDT_Float32);
        CHECK(GDALGetGeoTransform(ds, gt) == CE_None);
        CHECK(gt[0] == -15000 && gt[1] == 1000 && gt[3] == 12000 && gt[5] == -1000);
        CHECK_STR(GDALGetRasterUnitType(b), "incidents per 100 km2");
        CHECK(proj && strstr(proj, "Albers") != NULL);
        CHECK(GDALRasterIO(b, GF_Read, 0, 0, 1, 1, &top_left, 1, 1, GDT_Float32, 0, 0) == CE_None);
        CHECK(GDALRasterIO(b, GF_Read, 0, 19, 1, 1, &bottom_left, 1, 1, GDT_Float32, 0, 0) ==
              CE_None);
        CHECK(top_left == 570 && bottom_left == 0); /* row 0 of the grid is south */
        OSRDestroySpatialReference(srs);
        GDALClose(ds);
    }
    snprintf(bad, sizeof bad, "%s/no/such/dir/d.tif", fm_test_tmpdir());
    CHECK(fm_grid_write_geotiff(ctx, g, fm_proj_wkt(p), "x", bad) == FM_EIO);
    CHECK(strstr(fm_ctx_message(ctx), "no/such/dir") != NULL);
    unlink(path);
    fm_grid_destroy(g);
    fm_proj_destroy(p);
}


/* Reads band 1 of a GeoTIFF through GDAL: its size, values (north first,
 * malloc'd), geotransform, CRS as WKT and unit; NULL when it cannot. */
static float *read_tif(const char *path, int *w, int *h, double gt[6], char *wkt, size_t wcap,
                       char *unit, size_t ucap)
{
    GDALDatasetH ds = GDALOpen(path, GA_ReadOnly);
    GDALRasterBandH b;
    float *v;
    if (!ds)
        return NULL;
    b = GDALGetRasterBand(ds, 1);
    *w = GDALGetRasterXSize(ds), *h = GDALGetRasterYSize(ds);
    v = malloc((size_t)*w * *h * sizeof *v);
    if (!v || GDALGetRasterCount(ds) != 1 || GDALGetRasterDataType(b) != GDT_Float32 ||
        GDALGetGeoTransform(ds, gt) != CE_None ||
        GDALRasterIO(b, GF_Read, 0, 0, *w, *h, v, *w, *h, GDT_Float32, 0, 0) != CE_None) {
        free(v);
        GDALClose(ds);
        return NULL;
    }
    snprintf(wkt, wcap, "%s", GDALGetProjectionRef(ds));
    snprintf(unit, ucap, "%s", GDALGetRasterUnitType(b));
    GDALClose(ds);
    return v;
}

/* The GeoTIFF written without GDAL (geotiff_tiles.c) reads back through GDAL
 * as the one GDAL writes: the same values to the bit (NaN, infinities,
 * denormals and negative zero too), size over several tiles with partial
 * ones, georeferencing, CRS and unit (with characters XML escapes); another
 * CRS still goes through GDAL. */
static void test_geotiff_direct(void)
{
    char a[4096], b[4096], wa[4096], wb[4096], ua[256], ub[256];
    double ga[6], gb[6];
    int w1 = 0, h1 = 0, w2 = 0, h2 = 0;
    float *va, *vb;
    fm_grid *g;
    fm_proj *p, *utm;
    size_t i;
    const char *unit = "fatalities per 100 km2 <&> \"x\"";
    snprintf(a, sizeof a, "%s/gdal.tif", fm_test_tmpdir());
    snprintf(b, sizeof b, "%s/direct.tif", fm_test_tmpdir());
    CHECK(fm_proj_create(ctx, 60.5, 28.7, 75.3, 37.1, &p) == FM_OK);
    CHECK(!fm_grid_geotiff_needs_gdal(p));
    CHECK(fm_grid_create(ctx, 600, 300, -297500.5, -150250, 1000, &g) == FM_OK);
    for (i = 0; i < 600 * 300; i++) /* every bit pattern class, and smooth runs */
        g->v[i] = i % 7919 == 0   ? NAN
                  : i % 7907 == 0 ? -0.0f
                  : i % 7901 == 0 ? 1e-42f
                  : i % 7883 == 0 ? INFINITY
                                  : (float)(sin(i * 0.001) * 1e3 + (i % 600) * 0.37);
    CHECK(fm_grid_write_geotiff(ctx, g, fm_proj_wkt(p), unit, a) == FM_OK);
    CHECK(fm_grid_write_geotiff_proj(ctx, g, p, unit, b) == FM_OK);
    GDALAllRegister();
    va = read_tif(a, &w1, &h1, ga, wa, sizeof wa, ua, sizeof ua);
    vb = read_tif(b, &w2, &h2, gb, wb, sizeof wb, ub, sizeof ub);
    CHECK(va && vb);
    if (va && vb) {
        CHECK(w1 == 600 && h1 == 300 && w2 == 600 && h2 == 300);
        CHECK(!memcmp(va, vb, 600 * 300 * sizeof *va));
        CHECK(!memcmp(ga, gb, sizeof ga));
        CHECK_STR(wb, wa);
        CHECK_STR(ub, unit);
        CHECK_STR(ub, ua);
    }
    free(va);
    free(vb);
    /* a grid in another CRS goes through GDAL, with that CRS */
    CHECK(fm_proj_create_def(ctx, "+proj=utm +zone=42 +datum=WGS84 +units=m +no_defs", &utm) ==
          FM_OK);
    CHECK(fm_grid_geotiff_needs_gdal(utm));
    CHECK(fm_grid_write_geotiff_proj(ctx, g, utm, "x", b) == FM_OK);
    vb = read_tif(b, &w2, &h2, gb, wb, sizeof wb, ub, sizeof ub);
    CHECK(vb && strstr(wb, "UTM") != NULL);
    free(vb);
    /* a path that cannot be written: the same error as through GDAL */
    snprintf(b, sizeof b, "%s/no/such/dir/d.tif", fm_test_tmpdir());
    CHECK(fm_grid_write_geotiff_proj(ctx, g, p, "x", b) == FM_EIO);
    CHECK(strstr(fm_ctx_message(ctx), "no/such/dir") != NULL);
    fm_proj_destroy(utm);
    fm_proj_destroy(p);
    fm_grid_destroy(g);
}

/* ---- the commands, in-process, over a small store ------------------------ */

static fm_status add_incident(fm_store *st, const char *id, fm_day day, double lon, double lat,
                              int killed)
{
    fm_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.source = "manual";
    inc.source_id = id;
    inc.date_start = inc.date_end = day;
    inc.date_precision = 1;
    inc.event_type = "Battles";
    inc.lon = lon, inc.lat = lat;
    inc.geo_precision = inc.geo_precision_src = 1;
    inc.fatalities = killed, inc.fatalities_low = inc.fatalities_high = -1;
    inc.injured = -1;
    return fm_store_add(ctx, st, &inc, NULL, NULL);
}

/* Three months: a cluster at Miran Shah in January and March, one incident
 * at Torkham in February, nothing in April. */
static int make_store(const char *path)
{
    fm_store *st;
    int i, ok = 1;
    char id[16];
    unlink(path);
    if (fm_store_open(ctx, path, FM_STORE_WRITE, &st))
        return 0;
    for (i = 0; i < 20 && ok; i++) {
        snprintf(id, sizeof id, "j%d", i);
        ok = !add_incident(st, id, fm_day_from_ymd(2025, 1, 1 + i), 70.07 + 0.01 * (i % 5),
                           33.0 + 0.01 * (i / 5), i % 3);
        snprintf(id, sizeof id, "m%d", i);
        ok = ok && !add_incident(st, id, fm_day_from_ymd(2025, 3, 1 + i),
                                 70.07 + 0.01 * (i % 4), 33.0, 1);
    }
    ok = ok && !add_incident(st, "f1", fm_day_from_ymd(2025, 2, 10), 71.09, 34.10, 2);
    if (!ok)
        fprintf(stderr, "make_store: %s\n", fm_ctx_message(ctx));
    fm_store_close(st);
    return ok;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca = 0, cb = 0, same = fa && fb;
    while (same && (ca = fgetc(fa)) == (cb = fgetc(fb)) && ca != EOF)
        ;
    same = same && ca == cb;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static void test_heatmap_command(void)
{
    char db[4096], a[4096], b[4096], tif[4096], out[4096];
    const char *args1[] = {"heatmap", "--db", db, "--out", a, "--dpi", "40", "--grid-out", tif,
                           NULL};
    const char *args2[] = {"heatmap", "--db", db, "--out", b, "--dpi", "40", NULL};
    const char *bad[] = {"heatmap", "--db", db, "--out", b, "--bandwidth", "1km", "--cell",
                         "2km", NULL};
    const char *empty[] = {"heatmap", "--db", db, "--out", b, "--month", "2025-04", "--dpi",
                           "40", NULL};
    GDALDatasetH ds;
    snprintf(db, sizeof db, "%s/h.gpkg", fm_test_tmpdir());
    snprintf(a, sizeof a, "%s/a.png", fm_test_tmpdir());
    snprintf(b, sizeof b, "%s/b.png", fm_test_tmpdir());
    snprintf(tif, sizeof tif, "%s/h.tif", fm_test_tmpdir());
    CHECK(make_store(db));
    CHECK(fm_test_run_cli(ctx, out, sizeof out, args1) == 0);
    CHECK(strstr(out, "41 incidents") != NULL);
    CHECK(fm_test_run_cli(ctx, out, sizeof out, args2) == 0);
    CHECK(same_file(a, b)); /* byte-identical */
    ds = GDALOpen(tif, GA_ReadOnly);
    CHECK(ds != NULL);
    if (ds) {
        CHECK_STR(GDALGetRasterUnitType(GDALGetRasterBand(ds, 1)), "incidents per 100 km2");
        GDALClose(ds);
    }
    CHECK(fm_test_run_cli(ctx, out, sizeof out, bad) == 2);
    CHECK(fm_test_run_cli(ctx, out, sizeof out, empty) == 0); /* an empty month still draws */
    CHECK(strstr(out, "0 incidents") != NULL);
}

static int count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    int n = 0, c;
    while (f && (c = fgetc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

/* A series of four months on one scale; adding an incident to February
 * (with a fixed --scale-max, so the scale cannot move) redraws February only;
 * without --scale-max, a new series peak redraws every month. */
static void test_monthly_command(void)
{
    char db[4096], dir[4096], out[4096], idx[4200];
    const char *fixed[] = {"monthly", "--db", db, "--from", "2025-01", "--to", "2025-04",
                           "--outdir", dir, "--dpi", "40", "--scale-max", "50", NULL};
    const char *series[] = {"monthly", "--db", db, "--from", "2025-01", "--to", "2025-04",
                            "--outdir", dir, "--dpi", "40", NULL};
    fm_store *st;
    snprintf(db, sizeof db, "%s/m.gpkg", fm_test_tmpdir());
    snprintf(dir, sizeof dir, "%s/series", fm_test_tmpdir());
    snprintf(idx, sizeof idx, "%s/index.csv", dir);
    CHECK(make_store(db));
    CHECK(fm_test_run_cli(ctx, out, sizeof out, fixed) == 0);
    CHECK(strstr(out, "regenerated 4 of 4 months") != NULL);
    CHECK(count_lines(idx) == 5);
    CHECK(fm_test_run_cli(ctx, out, sizeof out, fixed) == 0);
    /* the first line says what was redrawn, the second what the series holds */
    CHECK(!strncmp(out, "regenerated 0 of 4 months; 4 unchanged\n", 39));
    CHECK(strstr(out, "2025-01 to 2025-04: ") != NULL && strstr(out, " in all (") != NULL);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(add_incident(st, "f2", fm_day_from_ymd(2025, 2, 11), 69.5, 32.3, 0) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_run_cli(ctx, out, sizeof out, fixed) == 0);
    CHECK(!strncmp(out, "regenerated 1 of 4 months (2025-02); 3 unchanged\n", 49));
    /* the series maximum sets the scale: a new peak in March redraws all */
    CHECK(fm_test_run_cli(ctx, out, sizeof out, series) == 0);
    CHECK(strstr(out, "regenerated 4 of 4") != NULL);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(add_incident(st, "m99", fm_day_from_ymd(2025, 3, 12), 70.07, 33.0, 0) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_run_cli(ctx, out, sizeof out, series) == 0);
    CHECK(strstr(out, "regenerated 4 of 4") != NULL);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_grid_create);
    RUN(test_mass_and_peak);
    RUN(test_symmetry_and_shape);
    RUN(test_edges_and_bad_points);
    RUN(test_deterministic);
    RUN(test_same_bits);
    RUN(test_validation);
    RUN(test_geotiff);
    RUN(test_geotiff_direct);
    RUN(test_heatmap_command);
    RUN(test_monthly_command);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
