/* test_geod.c: geodesics (geo/geod.c) against independent reference values
 * (Vincenty's formulae, Karney's published example) and the projection
 * (geo/proj.c): round trips and true areas of the Albers equal-area conic. */
#include <stdlib.h>

#include "fm_test.h"
#include "geo/fm_geo.h"

static fm_ctx *ctx;

static void test_inverse_known(void)
{
    double az;
    /* JFK -> LHR; reference from Vincenty's inverse formula (independent code) */
    CHECK_NEAR(fm_geod_inverse(-73.78, 40.64, -0.4619, 51.4706, &az), 5554601.559, 0.002);
    CHECK_NEAR(az, 51.381484, 1e-5);
    /* Karney (2013) example: Wellington to Salamanca */
    CHECK_NEAR(fm_geod_inverse(174.81, -41.32, -5.50, 40.96, &az), 19959679.267, 0.002);
    CHECK_NEAR(az, 161.067670, 1e-5);
    /* Torkham crossing to Peshawar: ~47 km, heading east-south-east */
    CHECK_NEAR(fm_geod_inverse(71.08472, 34.11472, 71.578, 34.008, &az), 47052.173, 0.002);
    CHECK_NEAR(az, 104.433248, 1e-5);
    CHECK_NEAR(fm_geod_inverse(70, 33, 70, 33, NULL), 0, 1e-9);
}

static void test_bearing_range(void)
{
    double az;
    fm_geod_inverse(71, 34, 70, 34, &az); /* due west: 270, never -90 */
    CHECK(az > 269 && az < 271);
    fm_geod_inverse(71, 34, 71, 33, &az);
    CHECK_NEAR(az, 180, 1e-9);
    fm_geod_inverse(71, 34, 71, 35, &az);
    CHECK(az >= 0 && az < 1e-9);
}

static void test_direct_roundtrip(void)
{
    double lon, lat, az;
    fm_geod_direct(71.08472, 34.11472, 104.433248, 47052.173, &lon, &lat);
    CHECK_NEAR(lon, 71.578, 1e-7);
    CHECK_NEAR(lat, 34.008, 1e-7);
    fm_geod_direct(66.4, 31.0, 300, 25000, &lon, &lat);
    CHECK_NEAR(fm_geod_inverse(66.4, 31.0, lon, lat, &az), 25000, 1e-6);
    CHECK_NEAR(az, 300, 1e-7);
}

/* every point of the geodesic circle lies in the box, and the box is tight */
static void test_bbox_contains_circle(void)
{
    static const double centres[][2] = {{71.08, 34.11}, {66.4, 31.0}, {74.5, 37.0},
                                        {0, 0}, {-120, -60}};
    static const double radii[] = {100, 25000, 300000};
    size_t c, r;
    int i, outside = 0;
    for (c = 0; c < sizeof centres / sizeof centres[0]; c++)
        for (r = 0; r < 3; r++) {
            double w, s, e, n, maxdlon = 0, lon, lat;
            fm_geod_bbox(centres[c][0], centres[c][1], radii[r], &w, &s, &e, &n);
            for (i = 0; i < 720; i++) {
                fm_geod_direct(centres[c][0], centres[c][1], i * 0.5, radii[r], &lon, &lat);
                outside += lon < w || lon > e || lat < s || lat > n;
                if (fabs(lon - centres[c][0]) > maxdlon)
                    maxdlon = fabs(lon - centres[c][0]);
            }
            CHECK((e - w) / 2 < maxdlon * 1.1 + 1e-6); /* not absurdly loose */
        }
    CHECK(outside == 0);
}

/* Whether lon lies in [w, e], a box with w > e crossing the antimeridian. */
static int in_lon(double lon, double w, double e)
{
    return w <= e ? lon >= w && lon <= e : lon >= w || lon <= e;
}

/* At every scale: circles up to half the circumference, around the poles
 * and across the antimeridian, still lie inside their boxes (radii above
 * ~12,300 km from the frontier used to give a box that missed everything). */
static void test_bbox_every_scale(void)
{
    static const double centres[][2] = {{71.09, 34.1}, {179.5, 0}, {-179.9, -20}, {10, 88.5},
                                        {120, -89.5}, {0, 51.5}, {-100, 60}, {45, 0}};
    static const double radii[] = {1e5, 2.5e6, 9e6, 12.3e6, 12.4e6, 15e6, 19.99e6, FM_GEOD_MAX_M};
    int outside = 0, whole = 0;
    for (size_t c = 0; c < sizeof centres / sizeof *centres; c++)
        for (size_t r = 0; r < sizeof radii / sizeof *radii; r++) {
            double w, s, e, n, lon, lat;
            fm_geod_bbox(centres[c][0], centres[c][1], radii[r], &w, &s, &e, &n);
            CHECK(w >= -180 && e <= 180 && s >= -90 && n <= 90 && s < n);
            whole += w == -180 && e == 180;
            for (int i = 0; i < 1440; i++)
                for (double f = 0.25; f <= 1.0; f += 0.25) {
                    fm_geod_direct(centres[c][0], centres[c][1], i * 0.25, radii[r] * f, &lon,
                                   &lat);
                    outside += !in_lon(lon, w, e) || lat < s || lat > n;
                }
        }
    CHECK(outside == 0);
    CHECK(whole < 64); /* small circles away from the poles keep a real box */
    {
        double w, s, e, n; /* across the antimeridian: west > east, both in range */
        fm_geod_bbox(179.5, 0, 200000, &w, &s, &e, &n);
        CHECK(w > e && w > 177 && e < -177);
    }
}

static void test_proj_roundtrip(void)
{
    fm_proj *p;
    double xy[8] = {60.5, 29.4, 71.08472, 34.11472, 75, 37, 66.4, 31.0}, orig[8];
    int i;
    CHECK(fm_proj_create(ctx, 60, 29, 75, 38, &p) == FM_OK);
    memcpy(orig, xy, sizeof xy);
    fm_proj_fwd(p, xy, 4);
    CHECK(fabs(xy[0]) > 1000); /* metres, not degrees */
    fm_proj_inv(p, xy, 4);
    for (i = 0; i < 8; i++) /* 1e-8 degree is about a millimetre */
        CHECK_NEAR(xy[i], orig[i], 1e-8);
    CHECK(strstr(fm_proj_def(p), "+proj=aea") != NULL);
    CHECK(strstr(fm_proj_wkt(p), "Albers") != NULL);
    CHECK(strstr(fm_proj_label(p), "Albers") != NULL);
    fm_proj_destroy(p);
    fm_proj_destroy(NULL);
}

/* Area of a lon/lat cell on the ellipsoid (authalic latitude formula). */
static double cell_area_m2(double lat1, double lat2, double dlon)
{
    double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f), e = sqrt(e2);
    double s1 = sin(lat1 * M_PI / 180), s2 = sin(lat2 * M_PI / 180);
#define QF(s) ((s) / (1 - e2 * (s) * (s)) + log((1 + e * (s)) / (1 - e * (s))) / (2 * e))
    double q = QF(s2) - QF(s1);
#undef QF
    return a * a * (1 - e2) / 2 * q * dlon * M_PI / 180;
}

/* shoelace area of a projected 1 deg x 1 deg cell densified along its edges */
static void test_proj_area_true(void)
{
    fm_proj *p;
    double xy[4 * 200 * 2], area = 0, want = cell_area_m2(33, 34, 1);
    int i, n = 0;
    CHECK(fm_proj_create(ctx, 60, 29, 75, 38, &p) == FM_OK);
    for (i = 0; i < 200; i++) xy[2 * n] = 70 + i / 200.0, xy[2 * n + 1] = 33, n++;
    for (i = 0; i < 200; i++) xy[2 * n] = 71, xy[2 * n + 1] = 33 + i / 200.0, n++;
    for (i = 0; i < 200; i++) xy[2 * n] = 71 - i / 200.0, xy[2 * n + 1] = 34, n++;
    for (i = 0; i < 200; i++) xy[2 * n] = 70, xy[2 * n + 1] = 34 - i / 200.0, n++;
    fm_proj_fwd(p, xy, (size_t)n);
    for (i = 0; i < n; i++) {
        int j = (i + 1) % n;
        area += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
    area = fabs(area) / 2;
    CHECK(want > 1.0e10 && want < 1.1e10); /* ~10,300 km2 at 33.5N */
    CHECK_NEAR(area / want, 1, 0.001);
    fm_proj_destroy(p);
}

/* fm_proj_create's conic is computed by geo/albers.c, forward and back: the
 * same bits as PROJ's pipeline for the same string, over the extent, the
 * world around it and past its edges, at several extents. */
static void test_proj_is_proj(void)
{
    static const double ext[][4] = {{60, 29, 75, 38},       {69.2, 33.1, 72.4, 35.6},
                                    {-10, -40, 40, 10},     {170, 60, 190, 70},
                                    {66.9, 30.2, 67.1, 30.4}, {-80, 5, -60, 6}};
    static const double odd[][2] = {{0, 90},    {0, -90},   {180, 0},   {-180, 45}, {540, 30},
                                    {71, 90.5}, {71, -95},  {600, 30},  {-179.99, 89.9},
                                    {NAN, 30},  {70, NAN},  {HUGE_VAL, 0}};
    size_t k, i, n = 0, same = 0, bad = 0;
    for (k = 0; k < sizeof ext / sizeof ext[0]; k++) {
        fm_proj *p = NULL, *q = NULL;
        double a[2 * 2600], b[2 * 2600];
        size_t m = 0;
        CHECK(fm_proj_create(ctx, ext[k][0], ext[k][1], ext[k][2], ext[k][3], &p) == FM_OK);
        CHECK(p && fm_proj_create_def(ctx, fm_proj_def(p), &q) == FM_OK); /* PROJ alone */
        if (!p || !q) {
            fm_proj_destroy(p);
            fm_proj_destroy(q);
            continue;
        }
        for (i = 0; i < 2500; i++) { /* the extent and 50% around it, and the globe */
            double u = (i % 50) / 49.0, v = (double)(i / 50) / 49.0;
            if (i % 5 == 4)
                a[2 * m] = -180 + 360 * u, a[2 * m + 1] = -89.99 + 179.98 * v;
            else
                a[2 * m] = ext[k][0] + (ext[k][2] - ext[k][0]) * (2 * u - 0.5),
                a[2 * m + 1] = ext[k][1] + (ext[k][3] - ext[k][1]) * (2 * v - 0.5);
            m++;
        }
        for (i = 0; i < sizeof odd / sizeof odd[0]; i++, m++)
            a[2 * m] = odd[i][0], a[2 * m + 1] = odd[i][1];
        memcpy(b, a, 2 * m * sizeof *a);
        fm_proj_fwd(p, a, m);
        fm_proj_fwd(q, b, m);
        CHECK(a[2 * (m - 3)] == HUGE_VAL && b[2 * (m - 3)] == HUGE_VAL); /* NaN: none */
        for (int dir = 0; dir < 2; dir++) {
            for (i = 0; i < m; i++, n++) {
                if (!memcmp(a + 2 * i, b + 2 * i, 2 * sizeof *a))
                    same++;
                else if (bad++ < 5)
                    fprintf(stderr, "   %s, extent %zu, point %zu: %.17g %.17g, PROJ %.17g %.17g\n",
                            dir ? "inverse" : "forward", k, i, a[2 * i], a[2 * i + 1], b[2 * i],
                            b[2 * i + 1]);
            }
            if (dir)
                break;
            /* back: the projected points and the plane around them */
            for (i = 0; i < m; i++)
                if (a[2 * i] == HUGE_VAL || i % 7 == 3)
                    a[2 * i] = (double)i * 2500 - 3e6, a[2 * i + 1] = (double)(i % 53) * 1e5 - 2e6;
            memcpy(b, a, 2 * m * sizeof *a);
            fm_proj_inv(p, a, m);
            fm_proj_inv(q, b, m);
        }
        fm_proj_destroy(p);
        fm_proj_destroy(q);
    }
    CHECK(n > 2 * 6 * 2500 && same == n);
}

static void test_proj_errors(void)
{
    fm_proj *p = (fm_proj *)1;
    CHECK(fm_proj_create(ctx, 75, 29, 60, 38, &p) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "invalid map extent") != NULL);
    CHECK(fm_proj_create_def(ctx, "+proj=nonsense", &p) == FM_EINVAL);
    CHECK(p == NULL);
    CHECK(strstr(fm_ctx_message(ctx), "invalid projection") != NULL);
}

/* The one cheap distance keeps its stated bound (0.05% under 200 km at
 * |lat| < 75) against the exact geodesic, across the antimeridian too, and
 * fm_geod_scale is its frame. */
static void test_approx_bound(void)
{
    double worst = 0, kx, ky;
    unsigned seed = 12345;
    for (int i = 0; i < 20000; i++) {
        double lat = -74 + 148 * ((seed = seed * 1103515245u + 12345u) >> 8 & 0xffff) / 65535.0;
        double lon = -180 + 360 * ((seed = seed * 1103515245u + 12345u) >> 8 & 0xffff) / 65535.0;
        double az = 360 * ((seed = seed * 1103515245u + 12345u) >> 8 & 0xffff) / 65535.0;
        double d = 100 + 199900 * ((seed = seed * 1103515245u + 12345u) >> 8 & 0xffff) / 65535.0;
        double lon2, lat2, a, e;
        fm_geod_direct(lon, lat, az, d, &lon2, &lat2);
        if (fabs(lat2) >= 75)
            continue;
        e = fm_geod_inverse(lon, lat, lon2, lat2, NULL);
        a = fm_geod_approx_m(lon, lat, lon2, lat2);
        if (fabs(a - e) / e > worst)
            worst = fabs(a - e) / e;
    }
    fprintf(stderr, "   worst relative error %.5f%%\n", worst * 100);
    CHECK(worst < 0.0005);
    CHECK_NEAR(fm_geod_approx_m(179.9, 0, -179.9, 0), fm_geod_inverse(179.9, 0, -179.9, 0, NULL),
               1);
    fm_geod_scale(0, &kx, &ky);
    CHECK_NEAR(kx, 111319.49, 0.01); /* a degree of the equator */
    CHECK_NEAR(ky, 110574.27, 0.5);  /* of the meridian at the equator */
    fm_geod_scale(34, &kx, &ky);
    CHECK_NEAR(ky, fm_geod_inverse(0, 33.5, 0, 34.5, NULL), 2);
}

/* The default extent holds the frontier's crossings. */
static void test_frontier_bbox(void)
{
    double e[4];
    fm_frontier_bbox(e);
    CHECK(e[0] < 66.43 && e[2] > 71.09 && e[1] < 30.95 && e[3] > 34.11); /* Chaman, Torkham */
    CHECK(e[0] < e[2] && e[1] < e[3]);
}

int main(void)
{
    RUN(test_approx_bound);
    RUN(test_frontier_bbox);
    ctx = fm_ctx_create();
    RUN(test_inverse_known);
    RUN(test_bearing_range);
    RUN(test_direct_roundtrip);
    RUN(test_bbox_contains_circle);
    RUN(test_bbox_every_scale);
    RUN(test_proj_roundtrip);
    RUN(test_proj_area_true);
    RUN(test_proj_is_proj);
    RUN(test_proj_errors);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
