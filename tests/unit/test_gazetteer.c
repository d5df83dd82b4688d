/* test_gazetteer.c: the gazetteer's binary index and district areas: an
 * index answers exactly as the CSV it was built from, a stale or damaged
 * index is never used, district polygons link to their entries and say which
 * district holds a point; then the built-in gazetteer's own invariants. */
#include <math.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "fm_test.h"
#include "geo/fm_geo.h"

static fm_ctx *ctx;

static void sh(const char *cmd)
{
    CHECK(system(cmd) == 0);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A data dir holding a copy of the fixture gazetteer plus two districts
 * (Khyber, id 10, and North Waziristan, id 13) as rough squares. */
static const char *fixture_copy(const char *name)
{
    static char dir[4096];
    char src[4200], path[8800];
    snprintf(dir, sizeof dir, "%s/%s", fm_test_tmpdir(), name);
    snprintf(src, sizeof src, "%s/unit/fixtures/gazetteer", fm_test_srcdir());
    snprintf(path, sizeof path, "rm -rf '%s' && mkdir -p '%s/gazetteer'", dir, dir);
    sh(path);
    snprintf(path, sizeof path, "cp '%s/places.csv' '%s/gazetteer/'", src, dir);
    sh(path);
    snprintf(path, sizeof path, "%s/gazetteer/districts.geojson", dir);
    write_file(path,
               "{\"type\":\"FeatureCollection\",\"features\":[\n"
               "{\"type\":\"Feature\",\"properties\":{\"id\":\"10\",\"name\":\"Khyber\"},"
               "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[70.9,33.8],[71.5,33.8],"
               "[71.5,34.3],[70.9,34.3],[70.9,33.8]]]}},\n"
               "{\"type\":\"Feature\",\"properties\":{\"id\":\"13\",\"boundary\":\"approximate\"},"
               "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[69.8,32.7],[70.5,32.7],"
               "[70.5,33.3],[69.8,33.3],[69.8,32.7]],[[70.0,32.9],[70.1,32.9],[70.1,33.0],"
               "[70.0,33.0],[70.0,32.9]]]]}}]}\n");
    return dir;
}

/* Every key of every entry finds the same entries in both gazetteers. */
static void same_answers(const fm_gazetteer *a, const fm_gazetteer *b)
{
    fm_gazetteer_hit ha[64], hb[64];
    fm_buf key = {0};
    size_t i, n, k;
    CHECK(fm_gazetteer_count(a) == fm_gazetteer_count(b));
    for (i = 0; i < fm_gazetteer_count(a) && i < fm_gazetteer_count(b); i++) {
        const fm_place *p = fm_gazetteer_get(a, i), *q = fm_gazetteer_get(b, i);
        CHECK(p->id == q->id && p->kind == q->kind && p->lon == q->lon && p->lat == q->lat);
        CHECK_STR(p->name, q->name);
        CHECK_STR(p->aliases, q->aliases);
        CHECK_STR(p->admin2, q->admin2);
        fm_name_fold(ctx, p->name, &key);
        n = fm_gazetteer_find(a, fm_buf_str(&key), ha, 64);
        CHECK(n >= 1 && n == fm_gazetteer_find(b, fm_buf_str(&key), hb, 64));
        for (k = 0; k < n && k < 64; k++)
            CHECK(ha[k].index == hb[k].index && ha[k].alias == hb[k].alias);
        n = fm_gazetteer_find_fuzzy(a, fm_buf_str(&key), 2, ha, 64);
        CHECK(n >= 1 && n == fm_gazetteer_find_fuzzy(b, fm_buf_str(&key), 2, hb, 64));
    }
    fm_buf_free(&key);
}

static void test_index_roundtrip(void)
{
    const char *dir = fixture_copy("idx");
    char idx[4200];
    fm_gazetteer *csv = NULL, *img = NULL;
    fm_gazetteer_hit hits[8];
    snprintf(idx, sizeof idx, "%s/places.idx", dir);
    CHECK(fm_gazetteer_write_index(ctx, dir, idx) == FM_OK);
    CHECK(fm_gazetteer_open_index(ctx, dir, "/nonexistent.idx", &csv) == FM_OK);
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &img) == FM_OK);
    if (csv && img) {
        same_answers(csv, img);
        /* folded keys: "Torkham" is "turkham"; one edit is reached at
         * max_edits 1, two are not; spaces in a key are ignored */
        CHECK(fm_gazetteer_find_fuzzy(img, "turkhum", 1, hits, 8) == 1);
        CHECK(fm_gazetteer_find_fuzzy(img, "turkhumm", 1, hits, 8) == 0);
        CHECK(fm_gazetteer_find_fuzzy(img, "turkhumm", 2, hits, 8) == 1);
        CHECK(fm_gazetteer_find(img, "tur kham", hits, 8) == 1);
    }
    fm_gazetteer_close(csv);
    fm_gazetteer_close(img);
}

/* An index whose CSV changed since, or which is damaged, is not used. */
static void test_index_stale(void)
{
    const char *dir = fixture_copy("stale");
    char idx[4200], csvpath[4200], cmd[4400];
    fm_gazetteer *gz = NULL;
    fm_gazetteer_hit hits[8];
    FILE *f;
    size_t n0;
    snprintf(idx, sizeof idx, "%s/places.idx", dir);
    snprintf(csvpath, sizeof csvpath, "%s/gazetteer/places.csv", dir);
    CHECK(fm_gazetteer_write_index(ctx, dir, idx) == FM_OK);
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &gz) == FM_OK);
    n0 = fm_gazetteer_count(gz);
    fm_gazetteer_close(gz);
    if ((f = fopen(csvpath, "a"))) {
        fputs("99999,Zzyzxville,village,PK,Balochistan,Zhob,69.4,31.3,,test\n", f);
        fclose(f);
    }
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &gz) == FM_OK);
    CHECK(fm_gazetteer_count(gz) == n0 + 1);
    CHECK(fm_gazetteer_find(gz, "zyzxvile", hits, 8) == 1);
    fm_gazetteer_close(gz);
    /* rebuilt, then damaged in the middle: the CSV answers instead */
    CHECK(fm_gazetteer_write_index(ctx, dir, idx) == FM_OK);
    snprintf(cmd, sizeof cmd, "dd if=/dev/urandom of='%s' bs=1 seek=200 count=64 conv=notrunc status=none", idx);
    sh(cmd);
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &gz) == FM_OK);
    CHECK(fm_gazetteer_count(gz) == n0 + 1);
    fm_gazetteer_close(gz);
    snprintf(cmd, sizeof cmd, "truncate -s 100 '%s'", idx);
    sh(cmd);
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &gz) == FM_OK);
    CHECK(fm_gazetteer_count(gz) == n0 + 1);
    fm_gazetteer_close(gz);
}

static const fm_place *by_id(const fm_gazetteer *gz, int id)
{
    size_t i;
    for (i = 0; i < fm_gazetteer_count(gz); i++)
        if (fm_gazetteer_get(gz, i)->id == id)
            return fm_gazetteer_get(gz, i);
    return NULL;
}

static void check_areas(const fm_gazetteer *gz)
{
    const fm_place *khyber = by_id(gz, 10), *nw = by_id(gz, 13), *swat = by_id(gz, 14);
    const fm_area *a;
    CHECK(khyber && nw && swat);
    a = fm_gazetteer_area_at(gz, 71.08, 34.11, NULL);
    CHECK(a && a->district == khyber && !a->approximate);
    CHECK(fm_gazetteer_area_at(gz, 71.08, 34.11, "AF") == NULL);
    a = fm_gazetteer_area_at(gz, 70.3, 33.1, "PK");
    CHECK(a && a->district == nw && a->approximate);
    CHECK(fm_gazetteer_area_at(gz, 70.05, 32.95, NULL) == NULL); /* the hole */
    CHECK(fm_gazetteer_area_of(gz, swat) == NULL);
    CHECK((a = fm_gazetteer_area_of(gz, khyber)) != NULL);
    CHECK_NEAR(fm_area_distance_km(a, 71.2, 34.0), 0, 0);
    CHECK_NEAR(fm_area_distance_km(a, 71.6, 34.0), 9.2, 0.3); /* 0.1 deg east of the edge */
}

static void test_areas(void)
{
    const char *dir = fixture_copy("areas");
    char idx[4200], path[4200];
    fm_gazetteer *gz = NULL;
    CHECK(fm_gazetteer_open_index(ctx, dir, "/nonexistent.idx", &gz) == FM_OK);
    if (gz)
        check_areas(gz);
    fm_gazetteer_close(gz);
    snprintf(idx, sizeof idx, "%s/places.idx", dir);
    CHECK(fm_gazetteer_write_index(ctx, dir, idx) == FM_OK);
    gz = NULL;
    CHECK(fm_gazetteer_open_index(ctx, dir, idx, &gz) == FM_OK);
    if (gz)
        check_areas(gz);
    fm_gazetteer_close(gz);
    /* a polygon naming an entry that is no district is an error */
    snprintf(path, sizeof path, "%s/gazetteer/districts.geojson", dir);
    write_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"properties\":{\"id\":\"30\"},\"geometry\":{\"type\":\"Polygon\","
                     "\"coordinates\":[[[70,33],[71,33],[71,34],[70,33]]]}}]}");
    gz = NULL;
    CHECK(fm_gazetteer_open_index(ctx, dir, "/nonexistent.idx", &gz) != FM_OK);
    CHECK(gz == NULL);
    CHECK(strstr(fm_ctx_message(ctx), "id 30 is not a district") != NULL);
    /* a polygon whose entry was taken out of places.csv is left out */
    write_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                     "\"properties\":{\"id\":\"777777\"},\"geometry\":{\"type\":\"Polygon\","
                     "\"coordinates\":[[[70,33],[71,33],[71,34],[70,33]]]}}]}");
    gz = NULL;
    CHECK(fm_gazetteer_open_index(ctx, dir, "/nonexistent.idx", &gz) == FM_OK);
    CHECK(gz && fm_gazetteer_area_at(gz, 70.9, 33.1, NULL) == NULL);
    fm_gazetteer_close(gz);
}

/* ---- the built-in gazetteer ---------------------------------------------- */

static fm_gazetteer *real;

static const fm_place *named(fm_place_kind kind, const char *name, const char *country)
{
    size_t i, n = fm_gazetteer_count_kind(real, kind);
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get_kind(real, kind, i);
        if (!strcmp(p->name, name) && (!country || !strcmp(p->country, country)))
            return p;
    }
    return NULL;
}

/* Every district area holds its own point; every district the build knows
 * about, including those the sources lack, has one. */
static void test_builtin_districts(void)
{
    static const char *const newer[] = {"Duki", "Chaman", "Hub", "Usta Muhammad",
                                        "Upper South Waziristan", "Lower South Waziristan",
                                        "Kachhi", "Qila Abdullah", "Loralai", "Lasbela"};
    size_t i, n = fm_gazetteer_count_kind(real, FM_PLACE_DISTRICT), with_area = 0, bad = 0;
    const fm_place *barmal = named(FM_PLACE_DISTRICT, "Barmal", "AF");
    for (i = 0; i < n; i++) {
        const fm_place *d = fm_gazetteer_get_kind(real, FM_PLACE_DISTRICT, i);
        const fm_area *a = fm_gazetteer_area_of(real, d);
        if (!a)
            continue;
        with_area++;
        CHECK(d->area_km2 > 10);
        if (!a->former && fm_gazetteer_area_at(real, d->lon, d->lat, d->country) != a && bad++ < 5)
            fprintf(stderr, "   %s: its point is not in its own area\n", d->name);
    }
    CHECK(bad == 0);
    CHECK(with_area > 500);
    for (i = 0; i < sizeof newer / sizeof *newer; i++) {
        const fm_place *d = named(FM_PLACE_DISTRICT, newer[i], "PK");
        CHECK(d != NULL && fm_gazetteer_area_of(real, d) != NULL);
        if (!d)
            fprintf(stderr, "   no district %s\n", newer[i]);
    }
    CHECK(barmal && !strcmp(barmal->admin1, "Paktika") && fm_gazetteer_area_of(real, barmal));
    CHECK(strstr(named(FM_PLACE_DISTRICT, "Kachhi", "PK")->aliases, "Bolan") != NULL);
}

/* fm_area_within_km, which answers from an area's box when it can, agrees
 * with fm_area_distance_km around every district area: on a grid over the
 * box and 0.3 degree beyond, at the distances the geocoder asks. */
static void test_builtin_within(void)
{
    static const double kms[] = {0, 2, 5, 25};
    size_t i, n = fm_gazetteer_count_kind(real, FM_PLACE_DISTRICT), tried = 0, bad = 0, near = 0;
    for (i = 0; i < n; i += 3) {
        const fm_area *a = fm_gazetteer_area_of(real, fm_gazetteer_get_kind(real, FM_PLACE_DISTRICT, i));
        int x, y;
        size_t k;
        if (!a)
            continue;
        for (x = 0; x <= 12; x++)
            for (y = 0; y <= 12; y++) {
                double lon = a->geom->west - 0.3 + x * (a->geom->east - a->geom->west + 0.6) / 12;
                double lat = a->geom->south - 0.3 + y * (a->geom->north - a->geom->south + 0.6) / 12;
                double d = fm_area_distance_km(a, lon, lat);
                for (k = 0; k < sizeof kms / sizeof *kms; k++, tried++) {
                    near += d <= kms[k];
                    if (fm_area_within_km(a, lon, lat, kms[k]) != (d <= kms[k]) && bad++ < 5)
                        fprintf(stderr, "   %s at %.4f, %.4f: %.3f km, within %.0f says %d\n",
                                a->district->name, lon, lat, d, kms[k],
                                fm_area_within_km(a, lon, lat, kms[k]));
                }
            }
    }
    CHECK(bad == 0);
    CHECK(tried > 50000 && near > tried / 10 && near < tried * 9 / 10);
    CHECK(!fm_area_within_km(NULL, 70, 33, 1e9));
}

/* The build's check holds on what it committed: every town and village lies
 * within 5 km of the district it names, when that district has an area. */
static void test_builtin_checked(void)
{
    size_t i, n = fm_gazetteer_count(real), checked = 0, bad = 0, nd;
    fm_buf key = {0};
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get(real, i), *d = NULL;
        fm_gazetteer_hit hits[16];
        size_t k;
        double best = HUGE_VAL;
        if (p->kind < FM_PLACE_CITY || !*p->admin2)
            continue;
        fm_name_fold(ctx, p->admin2, &key);
        nd = fm_gazetteer_find(real, fm_buf_str(&key), hits, 16);
        for (k = 0; k < nd && k < 16; k++) {
            const fm_place *c = fm_gazetteer_get(real, hits[k].index);
            const fm_area *a = c->kind == FM_PLACE_DISTRICT && !strcmp(c->country, p->country)
                                   ? fm_gazetteer_area_of(real, c) : NULL;
            if (a && fm_area_distance_km(a, p->lon, p->lat) < best)
                best = fm_area_distance_km(a, p->lon, p->lat), d = c;
        }
        if (!d)
            continue;
        checked++;
        if (best > 5.5 && bad++ < 5)
            fprintf(stderr, "   %s (%s): %.1f km outside %s\n", p->name, p->source, best, p->admin2);
    }
    fm_buf_free(&key);
    fprintf(stderr, "   %zu entries checked against their district areas\n", checked);
    CHECK(checked > 60000);
    CHECK(bad == 0);
}

static double km(double lon1, double lat1, double lon2, double lat2)
{
    return fm_geod_inverse(lon1, lat1, lon2, lat2, NULL) / 1000.0;
}

/* The known wrong entries of issue 13 stay fixed. */
static void test_builtin_fixes(void)
{
    fm_geocode_hint bugti = {.admin2 = "Dera Bugti"}, kachhi = {.admin2 = "Kachhi"};
    fm_geocode_result r;
    fm_basemap *bm = NULL;
    const fm_place *chaman = named(FM_PLACE_CROSSING, "Chaman-Spin Boldak", NULL);
    CHECK(fm_geocode(ctx, real, "Sui", &bugti, &r) == FM_OK);
    CHECK(km(r.lon, r.lat, 69.177, 28.645) < 15); /* Sui, not the Gwadar coast */
    CHECK(fm_geocode(ctx, real, "Ghulam Khan", NULL, &r) == FM_OK);
    CHECK(r.place->kind == FM_PLACE_CROSSING && !strcmp(r.place->country, "PK"));
    CHECK(fm_geocode(ctx, real, "Dhadar", &kachhi, &r) == FM_OK);
    CHECK(r.precision == 1 && !strcmp(r.place->admin2, "Kachhi"));
    CHECK(fm_geocode(ctx, real, "Zzyzx Kalay", &kachhi, &r) == FM_OK);
    CHECK(r.precision == 3 && r.place->kind == FM_PLACE_DISTRICT && strstr(r.note, "km2"));
    CHECK(chaman != NULL);
    if (chaman && fm_basemap_open(ctx, NULL, &bm) == FM_OK)
        CHECK(fm_basemap_border_km(bm, chaman->lon, chaman->lat) < 0.5);
    fm_basemap_close(bm);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_index_roundtrip);
    RUN(test_index_stale);
    RUN(test_areas);
    if (fm_gazetteer_open(ctx, NULL, &real) == FM_OK) {
        RUN(test_builtin_districts);
        RUN(test_builtin_checked);
        RUN(test_builtin_within);
        RUN(test_builtin_fixes);
    } else {
        CHECK(!"the built-in gazetteer opens");
    }
    fm_gazetteer_close(real);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
