/* test_heat_fast.c: the fast paths behind big heatmaps: the lattice
 * projection (within a metre of PROJ, exact off the lattice), the PNG writer
 * (valid, read back through GDAL, byte-identical reruns) and the points scan
 * split in two fid ranges (the same rows as one scan). */
#include <gdal/gdal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fm_test.h"

static fm_ctx *ctx;

static double uni(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

static void test_lattice(void)
{
    const double ext[4] = {63.4, 28.6, 74.2, 36.4};
    size_t n = 60000, i, off_exact = 0;
    double *a = malloc(2 * n * sizeof *a), *b = malloc(2 * n * sizeof *b), worst = 0;
    double *c = malloc(2 * n * sizeof *c);
    unsigned long s = 7, s2 = 11;
    fm_proj *p = NULL;
    CHECK(a && b && c && !fm_proj_create(ctx, ext[0], ext[1], ext[2], ext[3], &p));
    if (!a || !b || !c || !p)
        goto done;
    for (i = 0; i < n; i++) { /* some beyond the lattice (extent + 10%) */
        a[2 * i] = b[2 * i] = 60 + 18 * uni(&s);
        a[2 * i + 1] = b[2 * i + 1] = 26 + 13 * uni(&s);
    }
    fm_proj_fwd(p, a, n);
    fm_proj_fwd_many(p, ext, b, n);
    for (i = 0; i < n; i++) {
        double d = hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1]);
        worst = d > worst ? d : worst;
        off_exact += a[2 * i] == b[2 * i] && a[2 * i + 1] == b[2 * i + 1];
    }
    CHECK(worst < 1.0);
    CHECK(worst > 0); /* it did interpolate */
    CHECK(off_exact > 1000); /* points off the lattice went through PROJ exactly */
    /* the nodes are projected as points first need them: the points in the
     * opposite order (other nodes first) come out the same to the bit */
    for (i = 0; i < n; i++) {
        a[2 * i] = 60 + 18 * uni(&s2);
        a[2 * i + 1] = 26 + 13 * uni(&s2);
        c[2 * (n - 1 - i)] = a[2 * i], c[2 * (n - 1 - i) + 1] = a[2 * i + 1];
    }
    fm_proj_fwd_many(p, ext, a, n);
    fm_proj_fwd_many(p, ext, c, n);
    for (i = 0; i < n && !memcmp(a + 2 * i, c + 2 * (n - 1 - i), 2 * sizeof *a); i++)
        ;
    CHECK(i == n);
    /* a small batch is PROJ's own answer */
    for (i = 0; i < 100; i++)
        b[i] = 64 + 0.1 * (double)i, a[i] = b[i];
    fm_proj_fwd(p, a, 50);
    fm_proj_fwd_many(p, ext, b, 50);
    CHECK(!memcmp(a, b, 100 * sizeof *a));
done:
    fm_proj_destroy(p);
    free(a);
    free(b);
    free(c);
}

static fm_status add_incident(fm_store *st, const char *src, const char *id, double lon,
                              double lat, int killed)
{
    fm_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.source = src;
    inc.source_id = id;
    inc.date_start = inc.date_end = fm_day_from_ymd(2025, 1, 5);
    inc.date_precision = 1;
    inc.event_type = "Battles";
    inc.lon = lon, inc.lat = lat;
    inc.geo_precision = inc.geo_precision_src = 1;
    inc.fatalities = killed, inc.fatalities_low = inc.fatalities_high = -1;
    inc.injured = -1;
    return fm_store_add(ctx, st, &inc, NULL, NULL);
}

/* 30 incidents with fids 1..30 and 30 more from 500001: a store whose fid
 * range is wide enough for the scan to be split in two. */
static int make_store(const char *path, int gap)
{
    fm_store *st;
    sqlite3 *db;
    char id[16];
    int i, ok = 1;
    unlink(path);
    if (fm_store_open(ctx, path, FM_STORE_WRITE, &st))
        return 0;
    for (i = 0; i < 30 && ok; i++) {
        snprintf(id, sizeof id, "a%d", i);
        ok = !add_incident(st, "manual", id, 70.0 + 0.02 * i, 33.0, i % 4);
    }
    fm_store_close(st);
    if (ok && gap && sqlite3_open(path, &db) == SQLITE_OK) {
        ok = sqlite3_exec(db, "UPDATE sqlite_sequence SET seq = 500000 WHERE name = 'incidents'",
                          NULL, NULL, NULL) == SQLITE_OK;
        sqlite3_close(db);
    }
    if (!ok || fm_store_open(ctx, path, FM_STORE_WRITE, &st))
        return 0;
    for (i = 0; i < 30 && ok; i++) {
        snprintf(id, sizeof id, "b%d", i);
        ok = !add_incident(st, "ACLED", id, 71.0, 34.0 + 0.01 * i, 1);
    }
    fm_store_close(st);
    return ok;
}

static void test_points_split(void)
{
    char path[512], path1[512];
    fm_store *st = NULL, *st1 = NULL;
    fm_points *p = NULL, *q = NULL, *one = NULL;
    fm_filter f;
    long killed = 0;
    snprintf(path, sizeof path, "%s/split.gpkg", fm_test_tmpdir());
    snprintf(path1, sizeof path1, "%s/nosplit.gpkg", fm_test_tmpdir());
    CHECK(make_store(path, 1) && make_store(path1, 0));
    CHECK(!fm_store_open(ctx, path, FM_STORE_READ, &st));
    CHECK(!fm_store_open(ctx, path1, FM_STORE_READ, &st1));
    if (!st || !st1)
        goto done;
    fm_filter_init(&f);
    CHECK(!fm_store_query_points(ctx, st, &f, FM_POINTS_PRECISION, &p));
    CHECK(!fm_store_query_points(ctx, st, &f, FM_POINTS_PRECISION, &q));
    CHECK(!fm_store_query_points(ctx, st1, &f, FM_POINTS_PRECISION, &one));
    if (!p || !q || !one)
        goto done;
    CHECK(p->n == 60 && one->n == 60);
    CHECK(p->hash == q->hash);
    CHECK(p->nsources == 2 && !strcmp(p->sources[0], "manual") &&
          !strcmp(p->sources[1], "ACLED"));
    CHECK(!memcmp(p->lonlat, one->lonlat, 120 * sizeof *p->lonlat));
    CHECK(!memcmp(p->fatalities, one->fatalities, 60 * sizeof *p->fatalities));
    CHECK(p->geo_precision && p->geo_precision[59] == 1);
    for (size_t i = 0; i < p->n; i++)
        killed += p->fatalities[i];
    CHECK(killed == 43 + 30);
    /* a filter still applies in both halves */
    fm_points_destroy(q);
    q = NULL;
    f.min_fatalities = 2;
    CHECK(!fm_store_query_points(ctx, st, &f, 0, &q));
    CHECK(q && q->n == 14 && !q->geo_precision);
done:
    fm_points_destroy(p);
    fm_points_destroy(q);
    fm_points_destroy(one);
    fm_store_close(st);
    fm_store_close(st1);
    unlink(path);
    unlink(path1);
}

static int read_file(const char *path, char **buf, long *n)
{
    FILE *f = fopen(path, "rb");
    *buf = NULL;
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    rewind(f);
    if ((*buf = malloc((size_t)*n + 1)) && fread(*buf, 1, (size_t)*n, f) != (size_t)*n) {
        free(*buf);
        *buf = NULL;
    }
    fclose(f);
    return *buf != NULL;
}

static void test_png(void)
{
    char db[512], a[512], b[512], *ba = NULL, *bb = NULL;
    long na = 0, nb = 0;
    GDALDatasetH ds;
    snprintf(db, sizeof db, "%s/png.gpkg", fm_test_tmpdir());
    snprintf(a, sizeof a, "%s/heat_a.png", fm_test_tmpdir());
    snprintf(b, sizeof b, "%s/heat_b.png", fm_test_tmpdir());
    CHECK(make_store(db, 1));
    {
        const char *args_a[] = {"heatmap", "--db", db, "--out", a, "--dpi", "72", NULL};
        const char *args_b[] = {"heatmap", "--db", db, "--out", b, "--dpi", "72", NULL};
        CHECK(fm_test_run_cli(ctx, NULL, 0, args_a) == 0);
        CHECK(fm_test_run_cli(ctx, NULL, 0, args_b) == 0);
    }
    CHECK(read_file(a, &ba, &na) && read_file(b, &bb, &nb));
    CHECK(na > 1000 && na == nb && ba && bb && !memcmp(ba, bb, (size_t)na));
    CHECK(ba && !memcmp(ba, "\x89PNG\r\n\x1a\n", 8));
    GDALAllRegister();
    ds = GDALOpen(a, GA_ReadOnly);
    CHECK(ds != NULL);
    if (ds) {
        unsigned char px[3] = {0, 0, 0}, last[3] = {0, 0, 0};
        int w = GDALGetRasterXSize(ds), h = GDALGetRasterYSize(ds);
        CHECK(GDALGetRasterCount(ds) == 3);
        CHECK(w == 595 && h == 842); /* A4 at 72 dpi */
        for (int k = 0; k < 3; k++) {
            GDALRasterBandH band = GDALGetRasterBand(ds, k + 1);
            /* the whole image decodes (zlib checks its Adler-32) */
            unsigned char *all = malloc((size_t)w * (size_t)h);
            CHECK(all && GDALRasterIO(band, GF_Read, 0, 0, w, h, all, w, h, GDT_Byte, 0, 0) ==
                             CE_None);
            if (all)
                px[k] = all[0], last[k] = all[(size_t)w * (size_t)h - 1];
            free(all);
        }
        CHECK(px[0] == 255 && px[1] == 255 && px[2] == 255); /* white page corner */
        CHECK(last[0] == 255 && last[1] == 255 && last[2] == 255);
        GDALClose(ds);
    }
    free(ba);
    free(bb);
    unlink(a);
    unlink(b);
    unlink(db);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_lattice);
    RUN(test_points_split);
    RUN(test_png);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
