/* test_border.c: the exact distance to the border (fm_basemap_border_nearest)
 * against an independent brute force over every segment of the built-in
 * border, on points near it, on it, at its vertices, far from it, on the
 * corners and edges of the cells of its grid; and from several threads. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fm_test.h"
#include "geo/fm_geo.h"

#define R_MEAN 6371008.8
#define DEG (M_PI / 180)

static fm_ctx *ctx;

/* The border's segments as a reference sees them: ends in lon/lat and as unit
 * vectors on a sphere of geodetic latitude (for a cheap, loose prefilter). */
typedef struct {
    double a[2], b[2], va[3], vb[3];
} ref_seg;

typedef struct {
    ref_seg *s;
    size_t n;
} ref_border;

static void unit(const double ll[2], double v[3])
{
    v[0] = cos(ll[1] * DEG) * cos(ll[0] * DEG);
    v[1] = cos(ll[1] * DEG) * sin(ll[0] * DEG);
    v[2] = sin(ll[1] * DEG);
}

static double dot3(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static double angle(const double a[3], const double b[3])
{
    double c[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    return atan2(sqrt(dot3(c, c)), dot3(a, b));
}

static int ref_load(const fm_basemap *bm, ref_border *rb)
{
    size_t f, p, i, cap = 0;
    rb->n = 0;
    rb->s = NULL;
    for (f = 0; f < fm_basemap_count(bm, FM_LAYER_BORDER); f++)
        cap += fm_basemap_geom(bm, FM_LAYER_BORDER, f, NULL, NULL)->npoints;
    if (!(rb->s = calloc(cap ? cap : 1, sizeof *rb->s)))
        return 0;
    for (f = 0; f < fm_basemap_count(bm, FM_LAYER_BORDER); f++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, f, NULL, NULL);
        for (p = 0; p < g->nparts; p++)
            for (i = g->part_start[p]; i + 1 < g->part_start[p + 1]; i++) {
                ref_seg *s = &rb->s[rb->n++];
                memcpy(s->a, g->xy + 2 * i, sizeof s->a);
                memcpy(s->b, g->xy + 2 * i + 2, sizeof s->b);
                unit(s->a, s->va);
                unit(s->b, s->vb);
            }
    }
    return 1;
}

/* Angle from v to the great-circle arc of s on the geodetic sphere. */
static double sphere_angle(const ref_seg *s, const double v[3])
{
    double n[3] = {s->va[1] * s->vb[2] - s->va[2] * s->vb[1],
                   s->va[2] * s->vb[0] - s->va[0] * s->vb[2],
                   s->va[0] * s->vb[1] - s->va[1] * s->vb[0]};
    double m = sqrt(dot3(n, n)), pn, q[3], ab = angle(s->va, s->vb);
    if (m > 1e-15) {
        pn = dot3(v, n) / m;
        for (int k = 0; k < 3; k++)
            q[k] = v[k] - pn * n[k] / m;
        if (angle(s->va, q) <= ab && angle(q, s->vb) <= ab)
            return fabs(asin(fmax(-1, fmin(1, pn))));
    }
    return fmin(angle(v, s->va), angle(v, s->vb));
}

/* Least geodesic distance (m) from P to the geodesic segment s: ternary
 * search along it to a millimetre. */
static double seg_min(const ref_seg *s, double lon, double lat)
{
    double az, len = fm_geod_inverse(s->a[0], s->a[1], s->b[0], s->b[1], &az), lo = 0, hi = len;
    double x, y, best;
    while (hi - lo > 1e-3) {
        double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3, f1, f2;
        fm_geod_direct(s->a[0], s->a[1], az, m1, &x, &y);
        f1 = fm_geod_inverse(lon, lat, x, y, NULL);
        fm_geod_direct(s->a[0], s->a[1], az, m2, &x, &y);
        f2 = fm_geod_inverse(lon, lat, x, y, NULL);
        if (f1 < f2)
            hi = m2;
        else
            lo = m1;
    }
    fm_geod_direct(s->a[0], s->a[1], az, (lo + hi) / 2, &x, &y);
    best = fm_geod_inverse(lon, lat, x, y, NULL);
    best = fmin(best, fm_geod_inverse(lon, lat, s->a[0], s->a[1], NULL));
    return fmin(best, fm_geod_inverse(lon, lat, s->b[0], s->b[1], NULL));
}

typedef struct {
    double lb;
    size_t i;
} ref_cand;

static int by_lb(const void *a, const void *b)
{
    double x = ((const ref_cand *)a)->lb, y = ((const ref_cand *)b)->lb;
    return (x > y) - (x < y);
}

/* Brute force (km): every segment whose loose spherical bound (the geodetic
 * sphere errs by under 0.7%) may beat the best, then a geodesic bound (the
 * nearer end less half the length), then the ternary search. */
static double ref_km(const ref_border *rb, double lon, double lat, ref_cand *cand)
{
    double v[3], ll[2] = {lon, lat}, best, th, len;
    size_t i, n = 0, first = 0;
    unit(ll, v);
    for (i = 0, th = HUGE_VAL; i < rb->n; i++) {
        cand[i].lb = sphere_angle(&rb->s[i], v);
        if (cand[i].lb < th)
            th = cand[i].lb, first = i;
    }
    best = seg_min(&rb->s[first], lon, lat);
    for (i = 0; i < rb->n; i++)
        if (0.99 * R_MEAN * cand[i].lb <= best) {
            const ref_seg *s = &rb->s[i];
            len = fm_geod_inverse(s->a[0], s->a[1], s->b[0], s->b[1], NULL);
            cand[n].lb = fmin(fm_geod_inverse(lon, lat, s->a[0], s->a[1], NULL),
                              fm_geod_inverse(lon, lat, s->b[0], s->b[1], NULL)) - len / 2;
            cand[n++].i = i;
        }
    qsort(cand, n, sizeof *cand, by_lb);
    for (i = 0; i < n && cand[i].lb <= best; i++)
        best = fmin(best, seg_min(&rb->s[cand[i].i], lon, lat));
    return best / 1000;
}

static uint64_t rng = 88172645463325252ULL;

static double urand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return ((rng >> 11) + 0.5) / 9007199254740992.0;
}

static double grand(void)
{
    return sqrt(-2 * log(urand())) * cos(2 * M_PI * urand());
}

/* Compares the fast path with the reference at one point; returns |diff| m. */
static double compare(const fm_basemap *bm, const ref_border *rb, ref_cand *cand, double lon,
                      double lat, double tol_m)
{
    double nlon, nlat, d = fm_basemap_border_nearest(bm, lon, lat, &nlon, &nlat, NULL);
    double r = ref_km(rb, lon, lat, cand), diff = fabs(d - r) * 1000;
    CHECK(diff <= tol_m);
    if (diff > tol_m)
        fprintf(stderr, "   at %.7f,%.7f: fast %.9f km, brute force %.9f km\n", lon, lat, d, r);
    /* the distance is the geodesic one to the point it names */
    CHECK_NEAR(fm_geod_inverse(lon, lat, nlon, nlat, NULL) / 1000, d, 1e-9);
    return diff;
}

static const double hotspot[17][2] = {
    {71.090, 34.100}, {66.400, 31.005}, {66.453, 30.918}, {70.071, 33.000}, {69.573, 32.299},
    {70.604, 32.986}, {70.100, 33.900}, {71.527, 34.736}, {71.578, 34.008}, {70.902, 31.832},
    {70.911, 32.608}, {69.920, 33.339}, {69.183, 32.952}, {69.320, 32.700}, {71.147, 34.873},
    {67.013, 30.187}, {69.449, 31.341}};

/* What both brute-force comparisons start from: the built-in basemap, its
 * border segments for the reference search, and that search's scratch. */
typedef struct {
    fm_basemap *bm;
    ref_border rb;
    ref_cand *cand;
} ref_fixture;

static int fixture_open(ref_fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    if (fm_basemap_open(ctx, NULL, &fx->bm) != FM_OK) {
        fprintf(stderr, "   (built-in basemap not loadable: %s)\n", fm_ctx_message(ctx));
        CHECK(0);
        return 0;
    }
    CHECK(ref_load(fx->bm, &fx->rb) && fx->rb.n > 1000);
    fx->cand = calloc(fx->rb.n ? fx->rb.n : 1, sizeof *fx->cand);
    CHECK(fx->cand != NULL);
    return fx->cand && fx->rb.n > 1000;
}

static void fixture_close(ref_fixture *fx)
{
    free(fx->cand);
    free(fx->rb.s);
    fm_basemap_close(fx->bm);
}

static void test_against_brute_force(void)
{
    ref_fixture fx;
    double worst = 0, lon, lat, t;
    size_t i, k;
    static const double far[][2] = {{69.17, 34.53},  {67.01, 24.86}, {51.39, 35.69},
                                    {77.21, 28.61},  {62.2, 34.35},  {74.35, 31.55},
                                    {-0.13, 51.51}, {151.2, -33.87}};
    if (!fixture_open(&fx))
        goto done;
    /* scattered around the frontier's hotspots, as in real exports */
    for (i = 0; i < 1500; i++) {
        k = (size_t)(urand() * 17);
        lon = hotspot[k][0] + 0.15 * grand();
        lat = hotspot[k][1] + 0.15 * grand();
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, lon, lat, 0.002));
    }
    /* on the border: vertices, points along segments, and a metre off them */
    for (i = 0; i < 1000; i++) {
        const ref_seg *s = &fx.rb.s[(size_t)(urand() * fx.rb.n)];
        t = i % 4 == 0 ? 0 : urand();
        lon = s->a[0] + t * (s->b[0] - s->a[0]) + (i % 3 == 2 ? 1e-5 : 0);
        lat = s->a[1] + t * (s->b[1] - s->a[1]);
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, lon, lat, 0.002));
        if (t == 0)
            CHECK(fm_basemap_border_km(fx.bm, s->a[0], s->a[1]) < 1e-6);
    }
    /* up to a few hundred km around */
    for (i = 0; i < 400; i++) {
        lon = 60 + 16 * urand();
        lat = 27 + 12 * urand();
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, lon, lat, 0.005));
    }
    for (i = 0; i < sizeof far / sizeof far[0]; i++) /* Kabul ... Sydney */
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, far[i][0], far[i][1], 0.01));
    fprintf(stderr, "   largest difference from brute force: %.3g mm\n", worst * 1000);
done:
    fixture_close(&fx);
}

/* The grid's cells are CELL_DEG = 1/40 degree from whole degrees, over the
 * border's box and 2.5 degrees around it (rounded out to blocks of 1.6
 * degrees): points exactly on cell corners near the hotspots, on whole
 * degrees, and in bands across every edge of the grid, inside and out. */
static void test_grid_cells(void)
{
    ref_fixture fx;
    double worst = 0, lon, lat;
    size_t i, k;
    if (!fixture_open(&fx))
        goto done;
    for (i = 0; i < 120; i++) { /* corners: whole multiples of 1/40 degree */
        k = (size_t)(urand() * 17);
        lon = round((hotspot[k][0] + 0.1 * grand()) * 40) / 40;
        lat = round((hotspot[k][1] + 0.1 * grand()) * 40) / 40;
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, lon, lat, 0.002));
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, nextafter(lon, 0),
                                    nextafter(lat, 0), 0.002));
    }
    for (i = 0; i < 40; i++) /* whole degrees along the border */
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, 61 + (double)(i % 14),
                                    29 + (double)(i % 9), 0.002));
    for (i = 0; i < 160; i++) { /* across the edges: west, east, south, north */
        double t = urand(), e = 5 * urand();
        switch (i % 4) {
        case 0: lon = 60.87 - e, lat = 26 + 15 * t; break;
        case 1: lon = 74.57 + e, lat = 26 + 15 * t; break;
        case 2: lon = 57 + 21 * t, lat = 29.38 - e; break;
        default: lon = 57 + 21 * t, lat = 37.03 + e; break;
        }
        worst = fmax(worst, compare(fx.bm, &fx.rb, fx.cand, lon, lat, 0.005));
    }
    fprintf(stderr, "   grid: largest difference from brute force: %.3g mm\n", worst * 1000);
done:
    fixture_close(&fx);
}

/* Several threads ask the same points of one basemap at once (its cells are
 * built by whichever comes first; half the threads prefetch the next point's
 * cell as an import does, while others may be building it) and get what a
 * single thread gets. */
typedef struct {
    const fm_basemap *bm;
    const double *pt;
    double *out;
    size_t n, start;
    int prefetch; /* the next point's cell before each query */
} thread_job;

static void *thread_run(void *arg)
{
    thread_job *j = arg;
    for (size_t i = 0; i < j->n; i++) {
        size_t k = (i + j->start) % j->n, next = (k + 1) % j->n;
        if (j->prefetch)
            fm_basemap_border_prefetch(j->bm, j->pt[2 * next], j->pt[2 * next + 1]);
        j->out[k] = fm_basemap_border_km(j->bm, j->pt[2 * k], j->pt[2 * k + 1]);
    }
    return NULL;
}

static void test_threads(void)
{
    enum { NT = 4, NP = 3000 };
    fm_basemap *bm = NULL, *solo = NULL;
    pthread_t t[NT];
    thread_job job[NT];
    double *pt = malloc(2 * NP * sizeof *pt), *out = malloc((NT + 1) * NP * sizeof *out);
    int started[NT] = {0}, same = 1;
    size_t i, k;
    if (!pt || !out || fm_basemap_open(ctx, NULL, &bm) != FM_OK ||
        fm_basemap_open(ctx, NULL, &solo) != FM_OK) {
        CHECK(0);
        goto done;
    }
    for (i = 0; i < NP; i++) {
        k = (size_t)(urand() * 17);
        pt[2 * i] = hotspot[k][0] + 0.3 * grand();
        pt[2 * i + 1] = hotspot[k][1] + 0.3 * grand();
    }
    for (i = 0; i < NT; i++) {
        job[i] = (thread_job){bm, pt, out + (i + 1) * NP, NP, i * NP / NT, (int)(i % 2)};
        started[i] = pthread_create(&t[i], NULL, thread_run, &job[i]) == 0;
    }
    for (i = 0; i < NP; i++)
        out[i] = fm_basemap_border_km(solo, pt[2 * i], pt[2 * i + 1]);
    for (i = 0; i < NT; i++) {
        if (started[i])
            pthread_join(t[i], NULL);
        else
            thread_run(&job[i]);
    }
    for (i = 0; i < NT; i++)
        for (k = 0; k < NP; k++)
            same &= out[(i + 1) * NP + k] == out[k];
    CHECK(same);
done:
    free(pt);
    free(out);
    fm_basemap_close(bm);
    fm_basemap_close(solo);
}

/* The answer does not depend on what was asked or prefetched before (no
 * hidden state); a prefetch of anything (no basemap, no number, off the
 * grid, a cell not built yet) answers nothing and harms nothing. */
static void test_repeatable(void)
{
    fm_basemap *bm = NULL;
    double a, b;
    if (fm_basemap_open(ctx, NULL, &bm) != FM_OK) {
        CHECK(0);
        return;
    }
    a = fm_basemap_border_km(bm, 71.0847, 34.1147);
    fm_basemap_border_km(bm, 51.39, 35.69);
    fm_basemap_border_prefetch(NULL, 71.0847, 34.1147);
    fm_basemap_border_prefetch(bm, NAN, 34.1147);
    fm_basemap_border_prefetch(bm, 71.0847, -INFINITY);
    fm_basemap_border_prefetch(bm, -179.9, 89.9);
    fm_basemap_border_prefetch(bm, 72.5, 36.5);
    fm_basemap_border_prefetch(bm, 71.0847, 34.1147);
    b = fm_basemap_border_km(bm, 71.0847, 34.1147);
    CHECK(a == b && a > 0 && a < 2);
    CHECK(fm_basemap_border_km(bm, INFINITY, 30) == HUGE_VAL);
    fm_basemap_close(bm);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_against_brute_force);
    RUN(test_repeatable);
    RUN(test_grid_cells);
    RUN(test_threads);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
