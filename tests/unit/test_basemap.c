/* test_basemap.c: basemap loading (fixtures and the built-in data),
 * point in polygon with holes and multipolygons (through the grid, against
 * the crossing test of every feature), exact distance to the border against
 * a brute-force reference, and reverse geocoding. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fm_test.h"
#include "geo/fm_geo.h"

static fm_ctx *ctx;

static const char *fixture_dir(const char *name)
{
    static char dir[4096];
    snprintf(dir, sizeof dir, "%s/unit/fixtures/basemap%s", fm_test_srcdir(), name);
    return dir;
}

static const char *country_at(const fm_basemap *bm, double lon, double lat)
{
    const char *name = NULL;
    size_t i = fm_basemap_find(bm, FM_LAYER_COUNTRIES, lon, lat);
    if (i != (size_t)-1)
        fm_basemap_geom(bm, FM_LAYER_COUNTRIES, i, &name, NULL);
    return name;
}

/* Reference: ternary search along each geodesic segment of the border. */
static double brute_border_km(const fm_basemap *bm, double lon, double lat)
{
    double best = HUGE_VAL;
    size_t f, p, i;
    for (f = 0; f < fm_basemap_count(bm, FM_LAYER_BORDER); f++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, f, NULL, NULL);
        for (p = 0; p < g->nparts; p++)
            for (i = g->part_start[p]; i + 1 < g->part_start[p + 1]; i++) {
                const double *a = g->xy + 2 * i, *b = a + 2;
                double az, len = fm_geod_inverse(a[0], a[1], b[0], b[1], &az), lo = 0, hi = len;
                double x, y;
                if (fm_geod_inverse(lon, lat, a[0], a[1], NULL) - len > best)
                    continue;
                while (hi - lo > 1e-3) {
                    double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3, f1, f2;
                    fm_geod_direct(a[0], a[1], az, m1, &x, &y);
                    f1 = fm_geod_inverse(lon, lat, x, y, NULL);
                    fm_geod_direct(a[0], a[1], az, m2, &x, &y);
                    f2 = fm_geod_inverse(lon, lat, x, y, NULL);
                    if (f1 < f2)
                        hi = m2;
                    else
                        lo = m1;
                }
                fm_geod_direct(a[0], a[1], az, (lo + hi) / 2, &x, &y);
                best = fmin(best, fm_geod_inverse(lon, lat, x, y, NULL));
            }
    }
    return best / 1000;
}

static void test_fixture_load(void)
{
    fm_basemap *bm = NULL;
    const char *name, *country;
    const fm_geom *g;
    CHECK(fm_basemap_open(ctx, fixture_dir(""), &bm) == FM_OK);
    if (!bm)
        return;
    CHECK(fm_basemap_count(bm, FM_LAYER_COUNTRIES) == 4);
    CHECK(fm_basemap_count(bm, FM_LAYER_PROVINCES) == 3);
    CHECK(fm_basemap_count(bm, FM_LAYER_BORDER) == 2);
    g = fm_basemap_geom(bm, FM_LAYER_COUNTRIES, 0, &name, &country);
    CHECK_STR(name, "AF");
    CHECK_STR(country, "AF");
    CHECK(g->nparts == 2 && g->ring_is_hole[0] == 0 && g->ring_is_hole[1] == 1);
    CHECK(g->npoints == 10 && g->part_start[2] == 10);
    CHECK(g->west == 60 && g->east == 70 && g->south == 29 && g->north == 38);
    g = fm_basemap_geom(bm, FM_LAYER_COUNTRIES, 2, &name, NULL);
    CHECK(g->nparts == 2 && g->ring_is_hole[1] == 0); /* a multipolygon's island */
    g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, 2, &name, &country);
    CHECK_STR(name, "East");
    CHECK_STR(country, "PK");
    g = fm_basemap_geom(bm, FM_LAYER_BORDER, 1, &name, &country);
    CHECK_STR(name, "Spur");
    CHECK(country == NULL);
    CHECK(g->nparts == 2 && g->npoints == 4);
    CHECK(fm_basemap_geom(bm, FM_LAYER_BORDER, 2, NULL, NULL) == NULL);
    CHECK_STR(fm_basemap_country_name(bm, "PK"), "Pakistan");
    CHECK(fm_basemap_country_name(bm, "ZZ") == NULL);
    fm_basemap_close(bm);
}

static void test_point_in_polygon(void)
{
    fm_basemap *bm = NULL;
    const fm_geom *af;
    CHECK(fm_basemap_open(ctx, fixture_dir(""), &bm) == FM_OK);
    if (!bm)
        return;
    af = fm_basemap_geom(bm, FM_LAYER_COUNTRIES, 0, NULL, NULL);
    CHECK(fm_geom_contains(af, 62, 31));
    CHECK(!fm_geom_contains(af, 65, 34)); /* in the hole */
    CHECK(!fm_geom_contains(af, 71, 31));
    CHECK(!fm_geom_contains(NULL, 62, 31));
    CHECK_STR(country_at(bm, 62, 31), "AF");
    CHECK_STR(country_at(bm, 65, 34), "XX"); /* the enclave fills the hole */
    CHECK_STR(country_at(bm, 64.5, 33.5), "XX");
    CHECK_STR(country_at(bm, 63.9, 34), "AF");
    CHECK_STR(country_at(bm, 66.25, 24.25), "PK"); /* island part */
    CHECK_STR(country_at(bm, 58, 30), "IR");
    CHECK(country_at(bm, 50, 30) == NULL);
    CHECK(country_at(bm, NAN, 30) == NULL);
    CHECK(fm_basemap_find(bm, FM_LAYER_BORDER, 70, 30) == (size_t)-1);
    fm_basemap_close(bm);
}

static void test_fixture_border(void)
{
    fm_basemap *bm = NULL;
    double nlon, nlat, d;
    size_t feat;
    static const double pts[][2] = {{69, 31}, {71.5, 35.9}, {70.2, 33.005}, {65, 36},
                                    {61.8, 30.2}, {75, 25}, {62.55, 31.6}};
    size_t i;
    CHECK(fm_basemap_open(ctx, fixture_dir(""), &bm) == FM_OK);
    if (!bm)
        return;
    /* a point one degree west of the long meridian segment */
    d = fm_basemap_border_nearest(bm, 69, 31, &nlon, &nlat, &feat);
    CHECK_NEAR(d, fm_geod_inverse(69, 31, 70, nlat, NULL) / 1000, 1e-6);
    CHECK_NEAR(nlon, 70, 1e-9);
    CHECK(fabs(nlat - 31) < 0.01 && feat == 0);
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++) /* within 10 m, here 1 cm */
        CHECK_NEAR(fm_basemap_border_km(bm, pts[i][0], pts[i][1]),
                   brute_border_km(bm, pts[i][0], pts[i][1]), 1e-5);
    d = fm_basemap_border_nearest(bm, 62.55, 31.6, NULL, NULL, &feat);
    CHECK(feat == 1 && d < 12);
    CHECK(fm_basemap_border_km(bm, NAN, 31) == HUGE_VAL);
    CHECK(fm_basemap_border_km(NULL, 70, 31) == HUGE_VAL);
    fm_basemap_close(bm);
}

static void test_open_errors(void)
{
    fm_basemap *bm = (fm_basemap *)1;
    char want[4200];
    CHECK(fm_basemap_open(ctx, "/nonexistent-fm", &bm) == FM_EIO);
    CHECK(bm == NULL);
    CHECK_STR(fm_ctx_message(ctx),
              "cannot open '/nonexistent-fm/basemap/countries.geojson': No such file or directory");
    /* a province without a name */
    CHECK(fm_basemap_open(ctx, fixture_dir("/broken"), &bm) == FM_EFORMAT);
    snprintf(want, sizeof want, "'%s/basemap/provinces.geojson': feature 1 has no 'name' property",
             fixture_dir("/broken"));
    CHECK_STR(fm_ctx_message(ctx), want);
    fm_basemap_close(NULL);
}

/* Writes text as DIR/basemap/countries.geojson (DIR made under /tmp) and
 * returns the status of opening it, the message in ctx. */
static fm_status open_text(const char *text, char *dir)
{
    char path[4200];
    fm_basemap *bm = NULL;
    fm_status st;
    FILE *f;
    snprintf(dir, 64, "/tmp/fm-test-basemap-XXXXXX");
    if (!mkdtemp(dir))
        return FM_EIO;
    snprintf(path, sizeof path, "%s/basemap", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/basemap/countries.geojson", dir);
    if (!(f = fopen(path, "w")))
        return FM_EIO;
    fputs(text, f);
    fclose(f);
    st = fm_basemap_open(ctx, dir, &bm);
    CHECK(bm == NULL); /* no provinces file: never a whole basemap */
    fm_basemap_close(bm);
    remove(path);
    snprintf(path, sizeof path, "%s/basemap", dir);
    rmdir(path);
    rmdir(dir);
    return st;
}

/* The reader's failures: each bad file is an EFORMAT naming file and line. */
static void test_reader_errors(void)
{
    static const char *const bad[][2] = {
        {"", "not a GeoJSON file"},
        {"[1, 2]", "not a GeoJSON file"},
        {"{\"type\": \"FeatureCollection\"}", "not a GeoJSON FeatureCollection"},
        {"{\"features\": [", "line 1: expected '{'"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}",
         "geometry is not a (Multi)LineString or (Multi)Polygon"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[1, 2]]}}]}",
         "coordinates do not match the geometry type"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Polygon\",\n\"coordinates\": [[[1, 2], [3]]]}}]}",
         "line 2: position with fewer than two numbers"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 2e999]]]}}]}",
         "number out of range"},
        {"{\"features\": [{\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 95]]]}}]}",
         "position out of range"},
        {"{\"features\": [{\"properties\": {\"iso2\": \"A\\x\"}}]}", "invalid escape in string"},
        {"{\"features\": [{\"properties\": {\"iso2\": \"AF}}]}", "unterminated string"},
        {"{\"features\": [{\"geometry\": null}]}", "feature 1 has no geometry"},
        {"{\"features\": [{\"x\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]}",
         "nested too deeply"},
        {"{\"features\": []} x", "text after the end of the GeoJSON"},
    };
    size_t i;
    char dir[64];
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        fm_status st = open_text(bad[i][0], dir);
        CHECK(st == FM_EFORMAT);
        if (!strstr(fm_ctx_message(ctx), bad[i][1]) || !strstr(fm_ctx_message(ctx), dir))
            fprintf(stderr, "   case %zu: got \"%s\"\n", i, fm_ctx_message(ctx));
        CHECK(strstr(fm_ctx_message(ctx), bad[i][1]) != NULL);
    }
    /* a good file, with escapes and exponents, fails only for the missing provinces */
    CHECK(open_text("\xEF\xBB\xBF{\"features\": [{\"type\": \"Feature\", \"properties\": "
                    "{\"iso2\": \"A\\u0046\", \"name\": \"\\ud83d\\ude00\", \"n\": [1, {}]}, "
                    "\"geometry\": {\"coordinates\": [[[6e1, 29], [70, 29], [65, 3.8E1], "
                    "[60, 29]]], \"type\": \"Polygon\"}}], \"type\": \"FeatureCollection\"}",
                    dir) == FM_EIO);
    CHECK(strstr(fm_ctx_message(ctx), "provinces.geojson") != NULL);
}

/* ---- reverse geocoding within 100 m of the line --------------------------------- */

/* In the fixture AF ends at lon 70 and PK at lat 37, while the line runs on
 * to (70, 37): north-east of that corner lies a sliver in neither polygon. */
static void test_locate_sliver(void)
{
    fm_basemap *bm = NULL;
    fm_location loc;
    CHECK(fm_basemap_open(ctx, fixture_dir(""), &bm) == FM_OK);
    if (!bm)
        return;
    CHECK(country_at(bm, 70.0002, 37.0005) == NULL);
    CHECK(fm_locate(ctx, bm, NULL, 70.0002, 37.0005, &loc) == FM_OK); /* 18 m from AF */
    CHECK(loc.border_km < 0.1);
    CHECK_STR(loc.country, "AF");
    CHECK_STR(loc.border_side, "AF");
    CHECK(loc.admin1 == NULL); /* no province polygon holds it either */
    CHECK(fm_locate(ctx, bm, NULL, 70.0005, 37.0002, &loc) == FM_OK); /* 22 m from PK */
    CHECK_STR(loc.country, "PK");
    CHECK_STR(loc.border_side, "PK");
    CHECK(loc.admin1 == NULL);
    /* a kilometre off the line the gap is no country's */
    CHECK(fm_locate(ctx, bm, NULL, 70.01, 37.01, &loc) == FM_OK);
    CHECK(loc.border_km > 1 && loc.country == NULL && loc.border_side == NULL);
    /* within 100 m, a polygon's AF or PK stands even when the other is nearer */
    CHECK(fm_locate(ctx, bm, NULL, 70.0005, 33.0, &loc) == FM_OK);
    CHECK(loc.border_km < 0.1);
    CHECK_STR(loc.country, "PK");
    CHECK(fm_locate(ctx, bm, NULL, 69.99999, 36.99999, &loc) == FM_OK);
    CHECK_STR(loc.country, "AF");
    fm_basemap_close(bm);
}

/* Writes a basemap of three files into a new directory under /tmp (dir, 64
 * bytes) and opens it; the caller removes it with remove_basemap(). */
static fm_status open_basemap(const char *const text[FM_LAYER_COUNT], char *dir,
                              fm_basemap **bm)
{
    static const char *const file[FM_LAYER_COUNT] = {"countries", "provinces", "border"};
    char path[4200];
    int i;
    snprintf(dir, 64, "/tmp/fm-test-basemap-XXXXXX");
    if (!mkdtemp(dir))
        return FM_EIO;
    snprintf(path, sizeof path, "%s/basemap", dir);
    mkdir(path, 0700);
    for (i = 0; i < FM_LAYER_COUNT; i++) {
        FILE *f;
        snprintf(path, sizeof path, "%s/basemap/%s.geojson", dir, file[i]);
        if (!(f = fopen(path, "w")))
            return FM_EIO;
        fputs(text[i], f);
        fclose(f);
    }
    return fm_basemap_open(ctx, dir, bm);
}

static void remove_basemap(const char *dir)
{
    static const char *const file[FM_LAYER_COUNT] = {"countries", "provinces", "border"};
    char path[4200];
    int i;
    for (i = 0; i < FM_LAYER_COUNT; i++) {
        snprintf(path, sizeof path, "%s/basemap/%s.geojson", dir, file[i]);
        remove(path);
    }
    snprintf(path, sizeof path, "%s/basemap", dir);
    rmdir(path);
    rmdir(dir);
}

/* A 200 m gap between AF and PK, the line in its middle, and a neighbour's
 * polygon filling part of it: near the line, the nearer of AF and PK wins. */
static void test_locate_neighbour(void)
{
    static const char *const text[FM_LAYER_COUNT] = {
        "{\"features\": ["
        "{\"properties\": {\"iso2\": \"AF\"}, \"geometry\": {\"type\": \"Polygon\", "
        "\"coordinates\": [[[60, 29], [70, 29], [70, 38], [60, 38]]]}},"
        "{\"properties\": {\"iso2\": \"PK\"}, \"geometry\": {\"type\": \"Polygon\", "
        "\"coordinates\": [[[70.002, 29], [77, 29], [77, 38], [70.002, 38]]]}},"
        "{\"properties\": {\"iso2\": \"IR\"}, \"geometry\": {\"type\": \"Polygon\", "
        "\"coordinates\": [[[70, 30], [70.002, 30], [70.002, 31], [70, 31]]]}}]}",
        "{\"features\": []}",
        ("{\"features\": [{\"geometry\": {\"type\": \"LineString\", "
         "\"coordinates\": [[70.001, 29], [70.001, 38]]}}]}")};
    fm_basemap *bm = NULL;
    fm_location loc;
    char dir[64];
    CHECK(open_basemap(text, dir, &bm) == FM_OK);
    if (bm) {
        CHECK_STR(country_at(bm, 70.0015, 30.5), "IR");
        CHECK(fm_locate(ctx, bm, NULL, 70.0015, 30.5, &loc) == FM_OK);
        CHECK(loc.border_km < 0.1);
        CHECK_STR(loc.country, "PK");
        CHECK_STR(loc.border_side, "PK");
        CHECK(fm_locate(ctx, bm, NULL, 70.0004, 30.5, &loc) == FM_OK);
        CHECK_STR(loc.country, "AF");
        CHECK(fm_locate(ctx, bm, NULL, 70.0009, 32, &loc) == FM_OK); /* the bare gap */
        CHECK_STR(loc.country, "AF");
        CHECK(fm_locate(ctx, bm, NULL, 70.0011, 32, &loc) == FM_OK);
        CHECK_STR(loc.country, "PK");
    }
    fm_basemap_close(bm);
    remove_basemap(dir);
}

/* ---- the built-in data ------------------------------------------------------- */

/* Places near the border keep their side after simplification: the AF and PK
 * polygons follow border.geojson to within 0.0005 degrees. */
static void test_real_sides(fm_basemap *bm)
{
    static const struct {
        double lon, lat;
        const char *iso2;
    } pts[] = {{71.0847, 34.1147, "PK"}, /* Torkham crossing, 0.1 km from the line */
               {66.400, 31.006, "AF"},   /* Spin Boldak town */
               {66.4526, 30.9177, "PK"}, /* Chaman town */
               {69.2825, 32.5156, "PK"}, /* Angoor Adda */
               {69.9434, 33.8343, "AF"}, /* Kharlachi */
               {67.0, 24.86, "PK"}};     /* Karachi, on the simplified coast */
    size_t i;
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        const char *c = country_at(bm, pts[i].lon, pts[i].lat);
        if (!c || strcmp(c, pts[i].iso2))
            fprintf(stderr, "   %g,%g: want %s, got %s\n", pts[i].lat, pts[i].lon, pts[i].iso2,
                    c ? c : "(none)");
        CHECK_STR(c, pts[i].iso2);
    }
    /* no gap between AF and PK: points just either side of a border vertex */
    for (i = 0; i < 200; i++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, 0, NULL, NULL);
        size_t k = i * (g->npoints - 2) / 200 + 1;
        double x = g->xy[2 * k], y = g->xy[2 * k + 1];
        CHECK(country_at(bm, x + 1e-5, y + 1e-5) != NULL || country_at(bm, x - 1e-5, y) != NULL);
    }
}

static void test_real_border(fm_basemap *bm)
{
    static const double pts[][2] = {{71.0847, 34.1147}, {71.578, 34.008}, {66.400, 31.006},
                                    {69.17, 34.53}, {70.0, 33.2}, {62.0, 29.5},
                                    {67.0, 24.86}, {74.0, 36.9}};
    size_t i;
    double d;
    d = fm_basemap_border_km(bm, 71.0847, 34.1147); /* Torkham crossing */
    CHECK(d < 2);
    d = fm_basemap_border_km(bm, 71.578, 34.008); /* Peshawar */
    CHECK(d > 40 && d < 50);
    CHECK_STR(country_at(bm, 71.578, 34.008), "PK");
    d = fm_basemap_border_km(bm, 66.400, 31.006); /* Spin Boldak */
    CHECK(d > 1 && d < 15);
    CHECK_STR(country_at(bm, 66.400, 31.006), "AF");
    d = fm_basemap_border_km(bm, 69.17, 34.53); /* Kabul */
    CHECK(d > 60);
    CHECK_STR(country_at(bm, 69.17, 34.53), "AF");
    for (i = 0; i < sizeof pts / sizeof pts[0]; i++)
        CHECK_NEAR(fm_basemap_border_km(bm, pts[i][0], pts[i][1]),
                   brute_border_km(bm, pts[i][0], pts[i][1]), 0.01);
}

static void test_real_locate(fm_basemap *bm)
{
    fm_gazetteer *gz = NULL;
    fm_location loc;
    CHECK(fm_locate(ctx, bm, NULL, 71.578, 34.008, &loc) == FM_OK);
    CHECK_STR(loc.country, "PK");
    CHECK_STR(loc.admin1, "Khyber Pakhtunkhwa");
    CHECK_STR(loc.border_side, "PK");
    CHECK(loc.district == NULL && loc.crossing == NULL);
    CHECK(fm_locate(ctx, bm, NULL, 66.400, 31.006, &loc) == FM_OK);
    CHECK_STR(loc.border_side, "AF");
    CHECK_STR(loc.admin1, "Kandahar");
    CHECK(fm_locate(ctx, bm, NULL, 60.8, 29.5, &loc) == FM_OK); /* Iran */
    CHECK_STR(loc.country, "IR");
    CHECK(loc.border_side == NULL && loc.admin1 == NULL);
    CHECK(fm_locate(ctx, bm, NULL, 63.0, 22.5, &loc) == FM_OK); /* the sea */
    CHECK(loc.country == NULL && loc.border_km > 500);
    CHECK(fm_locate(ctx, bm, NULL, 71, 95, &loc) == FM_ERANGE);
    if (fm_gazetteer_open(ctx, NULL, &gz) != FM_OK) {
        fprintf(stderr, "   (no gazetteer: %s; skipping district/crossing checks)\n",
                fm_ctx_message(ctx));
        return;
    }
    CHECK(fm_locate(ctx, bm, gz, 71.09, 34.10, &loc) == FM_OK);
    CHECK(loc.crossing != NULL && loc.crossing_km < 5);
    CHECK(loc.crossing && strstr(loc.crossing->name, "Torkham") != NULL);
    CHECK(loc.district != NULL && !strcmp(loc.district->country, "PK"));
    CHECK(loc.district_km < 40);
    CHECK(fm_locate(ctx, bm, gz, 60.8, 29.5, &loc) == FM_OK);
    CHECK(loc.district == NULL && loc.crossing != NULL); /* no Iranian districts */
    fm_gazetteer_close(gz);
}

/* The first feature of layer holding (lon, lat) by the crossing test of
 * every one, without the grid of fm_basemap_find. */
static size_t brute_find(const fm_basemap *bm, fm_layer layer, double lon, double lat)
{
    for (size_t i = 0; i < fm_basemap_count(bm, layer); i++)
        if (fm_geom_contains(fm_basemap_geom(bm, layer, i, NULL, NULL), lon, lat))
            return i;
    return (size_t)-1;
}

/* fm_basemap_find answers through a grid whose cells keep the answer of
 * the first point tested in them: every answer must be the crossing test's,
 * for points on, beside and between the vertices and edges (each cell first
 * met by a point near an edge, then by points farther in), on a lattice
 * finer than the cells and at random, twice over (the second time from the
 * cells' kept answers). */
static void test_real_find(fm_basemap *bm)
{
    static const double off[] = {0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-7, -1e-6, 3e-6, 0.003, -0.02};
    unsigned seed = 12345;
    long bad = 0, n = 0;
    for (int round = 0; round < 2; round++)
        for (fm_layer layer = FM_LAYER_COUNTRIES; layer < FM_LAYER_BORDER; layer++) {
            for (size_t f = 0; f < fm_basemap_count(bm, layer); f++) {
                const fm_geom *g = fm_basemap_geom(bm, layer, f, NULL, NULL);
                for (size_t i = 0; i + 1 < g->npoints; i += 29) {
                    const double *a = g->xy + 2 * i, *b = a + 2;
                    for (size_t k = 0; k < sizeof off / sizeof off[0]; k++) {
                        double x = (a[0] + b[0]) / 2 + off[k], y = (a[1] + b[1]) / 2 - off[k];
                        bad += fm_basemap_find(bm, layer, a[0] + off[k], a[1]) !=
                               brute_find(bm, layer, a[0] + off[k], a[1]);
                        bad += fm_basemap_find(bm, layer, x, y) != brute_find(bm, layer, x, y);
                        n += 2;
                    }
                }
            }
            for (double y = 22.01; y < 40; y += 0.213)
                for (double x = 58.01; x < 80; x += 0.197, n++)
                    bad += fm_basemap_find(bm, layer, x, y) != brute_find(bm, layer, x, y);
            for (int i = 0; i < 4000; i++, n++) {
                double x = 55 + 28.0 * (seed = seed * 1103515245u + 12345u) / 4294967296.0;
                double y = 20 + 23.0 * (seed = seed * 1103515245u + 12345u) / 4294967296.0;
                bad += fm_basemap_find(bm, layer, x, y) != brute_find(bm, layer, x, y);
            }
        }
    CHECK(n > 50000);
    CHECK(bad == 0);
    CHECK(fm_basemap_find(bm, FM_LAYER_COUNTRIES, 200, 30) == (size_t)-1);
    CHECK(fm_basemap_find(bm, FM_LAYER_COUNTRIES, -INFINITY, 30) == (size_t)-1);
}

static void test_real_data(void)
{
    fm_basemap *bm = NULL;
    if (fm_basemap_open(ctx, NULL, &bm) != FM_OK) {
        fprintf(stderr, "   (built-in basemap not loadable: %s)\n", fm_ctx_message(ctx));
        CHECK(0);
        return;
    }
    CHECK(fm_basemap_count(bm, FM_LAYER_BORDER) >= 1);
    CHECK_STR(fm_basemap_country_name(bm, "AF"), "Afghanistan");
    test_real_border(bm);
    test_real_sides(bm);
    test_real_locate(bm);
    test_real_find(bm);
    fm_basemap_close(bm);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_fixture_load);
    RUN(test_point_in_polygon);
    RUN(test_fixture_border);
    RUN(test_open_errors);
    RUN(test_reader_errors);
    RUN(test_locate_sliver);
    RUN(test_locate_neighbour);
    RUN(test_real_data);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
