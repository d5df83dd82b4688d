/* test_reference.c: maps drawn under pinned fonts (tests/render/fonts.conf)
 * compared with the reference images in tests/render/, with a tolerance, so
 * that a layout regression (a label moved or lost, a symbol restyled, the
 * frame no longer filling the page, a layer gone) fails the suite while
 * anti-aliasing noise does not. FM_UPDATE_REFERENCES=1 rewrites the
 * references after a change that was meant (look at them first). On a
 * failure the drawn image and a difference image (red where they differ)
 * are left in the test's temp directory. */
#include <stdlib.h>
#include <string.h>

#include <cairo/cairo.h>

#include "fm_test.h"
#include "geo/fm_geo.h"
#include "render/fm_render.h"

static fm_ctx *ctx;
static fm_basemap *bm;
static fm_gazetteer *gz;
static const char *classes[] = {"Battles", "Explosions/Remote violence", "Protests",
                                "Strategic developments"};

/* A pixel differs when a channel moves by more than this (of 255)... */
#define PIXEL_TOL 48
/* ...and an image fails when more than this share of its pixels differ: a
 * lost 6 pt label at 72 dpi is about 0.05% of an A4 page. */
#define SHARE_TOL 0.0002

/* Writes DIR/NAME into the caller's buffer of PATH_CAP bytes and returns it. */
#define PATH_CAP 1024
static char *path_in(char *buf, const char *dir, const char *name)
{
    size_t nd = strlen(dir), nn = strlen(name);
    if (nd + 1 + nn >= PATH_CAP) {
        buf[0] = '\0';
        return buf;
    }
    memcpy(buf, dir, nd);
    buf[nd] = '/';
    memcpy(buf + nd + 1, name, nn + 1);
    return buf;
}

static const char *src_dir(void)
{
    return fm_test_srcdir();
}

static size_t load_reports(fm_map_point *pts, size_t cap)
{
    char path[512];
    fm_csv *csv;
    size_t nf, n = 0;
    snprintf(path, sizeof path, "%s/incidents/reports.csv", fm_ctx_data_dir(ctx));
    if (fm_csv_open(ctx, path, &csv))
        return 0;
    fm_csv_next(ctx, csv, &nf);
    while (!fm_csv_next(ctx, csv, &nf) && nf >= 16 && n < cap) {
        const char *type = fm_csv_field(csv, 4);
        size_t c;
        if (!*fm_csv_field(csv, 12))
            continue;
        pts[n].lon = atof(fm_csv_field(csv, 12));
        pts[n].lat = atof(fm_csv_field(csv, 13));
        pts[n].precision = atoi(fm_csv_field(csv, 14));
        pts[n].fatalities = *fm_csv_field(csv, 15) ? atoi(fm_csv_field(csv, 15)) : -1;
        pts[n].cls = -1;
        for (c = 0; c < 4; c++)
            if (!strcmp(type, classes[c]))
                pts[n].cls = (int)c;
        n++;
    }
    fm_csv_close(csv);
    return n;
}

/* Pixels of a and b that differ by more than PIXEL_TOL in a channel; the
 * difference is painted red into diff (same size) when given. -1 when the
 * sizes differ. */
static long count_diff(cairo_surface_t *a, cairo_surface_t *b, cairo_surface_t *diff)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a), x, y, c;
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
    unsigned char *pd = diff ? cairo_image_surface_get_data(diff) : NULL;
    long n = 0;
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b) || !pa || !pb)
        return -1;
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            int worst = 0;
            for (c = 0; c < 3; c++) {
                int d = abs(pa[y * sa + 4 * x + c] - pb[y * sb + 4 * x + c]);
                worst = d > worst ? d : worst;
            }
            if (worst > PIXEL_TOL)
                n++;
            if (pd) {
                uint32_t *q = (uint32_t *)(pd + (size_t)y * cairo_image_surface_get_stride(diff)) + x;
                *q = worst > PIXEL_TOL ? 0xffff0000u : 0xffffffffu;
            }
        }
    if (diff)
        cairo_surface_mark_dirty(diff);
    return n;
}

/* Draws the map to the temp dir and compares it with tests/render/name. */
static void check_reference(const char *name, const fm_map_opts *o, const fm_map_point *pts,
                            size_t n)
{
    fm_map *m = NULL;
    char refbuf[PATH_CAP], outbuf[PATH_CAP], refname[PATH_CAP], diffbuf[PATH_CAP];
    const char *tmp = fm_test_tmpdir(), *ref = path_in(refbuf, src_dir(), "render"), *out;
    cairo_surface_t *a, *b, *d;
    long bad;
    double share;
    out = path_in(outbuf, tmp, name);
    path_in(refname, ref, name);
    CHECK(fm_map_create(ctx, o, bm, gz, &m) == FM_OK);
    if (!m)
        return;
    CHECK(fm_map_set_points(ctx, m, pts, n, classes, 4) == FM_OK);
    CHECK(fm_map_render(ctx, m, getenv("FM_UPDATE_REFERENCES") ? refname : out) ==
          FM_OK);
    fm_map_destroy(m);
    if (getenv("FM_UPDATE_REFERENCES")) {
        fprintf(stderr, "   wrote %s/%s\n", ref, name);
        return;
    }
    a = cairo_image_surface_create_from_png(out);
    b = cairo_image_surface_create_from_png(refname);
    CHECK(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_surface_status(b) == CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(a) || cairo_surface_status(b)) {
        cairo_surface_destroy(a);
        cairo_surface_destroy(b);
        return;
    }
    d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, cairo_image_surface_get_width(a),
                                   cairo_image_surface_get_height(a));
    bad = count_diff(a, b, d);
    share = bad < 0 ? 1 : bad / (double)(cairo_image_surface_get_width(a) *
                                         cairo_image_surface_get_height(a));
    if (bad < 0 || share > SHARE_TOL) {
        char dn[256];
        snprintf(dn, sizeof dn, "diff-%s", name);
        path_in(diffbuf, tmp, dn);
        cairo_surface_write_to_png(d, diffbuf);
        fprintf(stderr, "   %s: %ld pixels differ (%.4f%%); see %s and %s\n", name, bad,
                100 * share, out, diffbuf);
    }
    CHECK(bad >= 0 && share <= SHARE_TOL);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    cairo_surface_destroy(d);
}

static void base_opts(fm_map_opts *o)
{
    fm_map_opts_init(o);
    o->title = "Reference map";
    o->subtitle = "the built-in incidents";
    o->credits = "frontiermap built-in set compiled from five public reports";
    o->dpi = 60;
    /* crossings and provinces only: the gazetteer's towns and villages grow
     * with its sources (test_map_places.sh checks the names by text) */
    o->labels = FM_LABEL_CROSSINGS | FM_LABEL_PROVINCES;
}

/* The frontier on A4 portrait: labels at small scale, province lines,
 * relief, the legend under the frame. */
static void test_frontier_a4(const fm_map_point *pts, size_t n)
{
    fm_map_opts o;
    base_opts(&o);
    check_reference("frontier-a4.png", &o, pts, n);
}

/* Khyber on A3 landscape: the frame filling a wide page beside the legend,
 * the veil outside the extent, roads, rivers and route numbers. */
static void test_khyber_a3_landscape(const fm_map_point *pts, size_t n)
{
    fm_map_opts o;
    base_opts(&o);
    o.page_w_mm = 420, o.page_h_mm = 297, o.dpi = 40;
    o.has_extent = 1, o.west = 70.6, o.south = 33.7, o.east = 71.7, o.north = 34.4;
    check_reference("khyber-a3-landscape.png", &o, pts, n);
}

/* Chaman at 60 km: the crossing, N-25 and NH37, the relief. */
static void test_chaman_large_scale(const fm_map_point *pts, size_t n)
{
    fm_map_opts o;
    base_opts(&o);
    o.has_extent = 1, o.west = 66.0, o.south = 30.6, o.east = 66.9, o.north = 31.2;
    check_reference("chaman-a4.png", &o, pts, n);
}

int main(void)
{
    static fm_map_point pts[256];
    size_t n;
    char conf[1024];
    /* before the first use of fontconfig */
    snprintf(conf, sizeof conf, "%s/render/fonts.conf", src_dir());
    setenv("FONTCONFIG_FILE", conf, 1);
    ctx = fm_ctx_create();
    if (fm_basemap_open(ctx, NULL, &bm) || fm_gazetteer_open(ctx, NULL, &gz)) {
        fprintf(stderr, "cannot load the built-in data: %s\n", fm_ctx_message(ctx));
        return 1;
    }
    n = load_reports(pts, 256);
    CHECK(n >= 20);
    test_frontier_a4(pts, n);
    test_khyber_a3_landscape(pts, n);
    test_chaman_large_scale(pts, n);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_ctx_destroy(ctx);
    fm_render_release_fonts();
    return fm_test_done();
}
