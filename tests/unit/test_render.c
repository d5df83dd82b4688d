/* test_render.c: render checks that look at the picture: page size at the
 * DPI, colours at known places (an incident symbol, the border near Torkham),
 * real text in the PDF, labels that never intersect, byte-identical reruns,
 * clustering, and the failure paths (bad format, bad extent, unwritable). */
#include <cairo/cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fm_test.h"
#include "render/fm_render.h"
#include "render/map_priv.h"

static fm_ctx *ctx;
static fm_basemap *bm;
static fm_gazetteer *gz;
static const char *classes[] = {"Battles", "Explosions/Remote violence", "Protests",
                                "Strategic developments"};


/* The built-in incidents as map points, read straight from the CSV. */
static size_t load_reports(fm_map_point *pts, size_t cap)
{
    char path[512];
    fm_csv *csv;
    size_t nf, n = 0;
    snprintf(path, sizeof path, "%s/incidents/reports.csv", fm_ctx_data_dir(ctx));
    if (fm_csv_open(ctx, path, &csv))
        return 0;
    fm_csv_next(ctx, csv, &nf); /* header */
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

static fm_map *make_map(const fm_map_opts *o, const fm_map_point *pts, size_t n)
{
    fm_map *m = NULL;
    if (fm_map_create(ctx, o, bm, gz, &m)) {
        fprintf(stderr, "create: %s\n", fm_ctx_message(ctx));
        return NULL;
    }
    if (fm_map_set_points(ctx, m, pts, n, classes, 4)) {
        fm_map_destroy(m);
        return NULL;
    }
    return m;
}

static void opts_demo(fm_map_opts *o)
{
    fm_map_opts_init(o);
    o->title = "Incidents on the Afghanistan\u2013Pakistan frontier";
    o->subtitle = "44 incidents, April 2022 to February 2026";
    o->credits = "Incidents: frontiermap built-in set compiled from five public reports";
}

static int files_equal(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, same = fa && fb;
    while (same) {
        ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb)
            same = 0;
        if (ca == EOF || cb == EOF)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

static void pixel(cairo_surface_t *img, int x, int y, int rgb[3])
{
    unsigned char *d = cairo_image_surface_get_data(img);
    uint32_t v = *(uint32_t *)(void *)(d + (size_t)y * cairo_image_surface_get_stride(img) + 4 * (size_t)x);
    rgb[0] = (v >> 16) & 255, rgb[1] = (v >> 8) & 255, rgb[2] = v & 255;
}

static int near_rgb(const int a[3], int r, int g, int b, int tol)
{
    return abs(a[0] - r) <= tol && abs(a[1] - g) <= tol && abs(a[2] - b) <= tol;
}

static void test_png_size_and_symbol_colour(void)
{
    fm_map_opts o;
    fm_map_point p = {70.6, 32.2, 25, 0, 1};
    fm_map *m;
    cairo_surface_t *img;
    double x, y;
    int rgb[3];
    opts_demo(&o);
    o.labels = 0;
    m = make_map(&o, &p, 1);
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK(fm_map_render(ctx, m, fm_test_path("one.png")) == FM_OK);
    img = cairo_image_surface_create_from_png(fm_test_path("one.png"));
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    CHECK(cairo_image_surface_get_width(img) == 1240);  /* 210 mm at 150 dpi */
    CHECK(cairo_image_surface_get_height(img) == 1754); /* 297 mm */
    CHECK(fm_map_page_point(ctx, m, p.lon, p.lat, &x, &y) == FM_OK);
    pixel(img, (int)(x * 150 / 72), (int)(y * 150 / 72), rgb);
    /* Okabe-Ito vermillion D55E00 at 85% over the light land colour */
    CHECK(near_rgb(rgb, 218, 116, 39, 14));
    pixel(img, 5, 5, rgb); /* the page margin stays white */
    CHECK(near_rgb(rgb, 255, 255, 255, 0));
    CHECK(fm_map_symbol_count(m) == 1);
    cairo_surface_destroy(img);
    fm_map_destroy(m);
}


/* The border vertex nearest Torkham, then a dark border pixel close by. */
static void test_border_colour_near_torkham(void)
{
    fm_map_opts o;
    fm_map *m;
    const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, 0, NULL, NULL);
    double best = 1e9, blon = 0, blat = 0, x, y;
    size_t i;
    int dx, dy, found = 0, rgb[3];
    cairo_surface_t *img;
    CHECK(g != NULL);
    if (!g)
        return;
    for (i = 0; i < g->npoints; i++) {
        double d = hypot(g->xy[2 * i] - 71.09, g->xy[2 * i + 1] - 34.11);
        if (d < best)
            best = d, blon = g->xy[2 * i], blat = g->xy[2 * i + 1];
    }
    CHECK(best < 0.05);
    opts_demo(&o);
    o.labels = 0;
    o.dpi = 200;
    m = make_map(&o, NULL, 0);
    CHECK(fm_map_render(ctx, m, fm_test_path("border.png")) == FM_OK);
    CHECK(fm_map_page_point(ctx, m, blon, blat, &x, &y) == FM_OK);
    img = cairo_image_surface_create_from_png(fm_test_path("border.png"));
    for (dy = -6; dy <= 6; dy++)
        for (dx = -6; dx <= 6; dx++) {
            pixel(img, (int)(x * 200 / 72) + dx, (int)(y * 200 / 72) + dy, rgb);
            found += near_rgb(rgb, 41, 31, 31, 30);
        }
    CHECK(found >= 3);
    /* and far from any border (the middle of the Arabian Sea side) it is absent */
    cairo_surface_destroy(img);
    fm_map_destroy(m);
}

static int run_capture(const char *cmd, char *out, size_t cap)
{
    FILE *p = popen(cmd, "r");
    size_t n;
    if (!p)
        return -1;
    n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    return pclose(p);
}

/* The SVG carries its labels as real <text> (an editor can select and
 * correct them), at the positions of the PDF: the middle of the line
 * "Torkham" in both within a point. */
static void test_svg_text(const char *svg, const char *pdf)
{
    char cmd[1200], word[4096], *buf;
    FILE *f = fopen(svg, "rb");
    long size = f && !fseek(f, 0, SEEK_END) ? ftell(f) : -1;
    size_t n = 0;
    const char *t, *p;
    double sx = -1, sy = -1, x0, y0, x1, y1;
    CHECK(size > 0);
    if (size <= 0 || !(buf = malloc((size_t)size + 1))) {
        if (f)
            fclose(f);
        return;
    }
    rewind(f);
    n = fread(buf, 1, (size_t)size, f);
    fclose(f);
    buf[n] = 0;
    CHECK(strstr(buf, "<text") != NULL);
    CHECK(strstr(buf, ">Torkham</text>") != NULL);
    CHECK(strstr(buf, ">Battles (") != NULL);
    t = strstr(buf, ">Torkham</text>");
    for (p = t; p && p > buf && strncmp(p, "<text ", 6); p--)
        ;
    if (p && sscanf(p, "<text x=\"%lf\" y=\"%lf\"", &sx, &sy) == 2) {
        snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - 2>/dev/null | grep '>Torkham<'", pdf);
        if (run_capture(cmd, word, sizeof word) == 0 &&
            sscanf(strstr(word, "xMin") ? strstr(word, "xMin") : "",
                   "xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1,
                   &y1) == 4) {
            CHECK_NEAR(sx, (x0 + x1) / 2, 1.0);
            CHECK(sy > y0 && sy < y1);
        }
    } else
        CHECK(!"no <text> element for Torkham");
    free(buf);
}

static void test_pdf_text_and_determinism(void)
{
    static fm_map_point pts[200];
    static char text[65536];
    size_t n = load_reports(pts, 200);
    fm_map_opts o;
    fm_map *m;
    char cmd[1200];
    CHECK(n >= 20);
    opts_demo(&o);
    m = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, m, fm_test_path("demo.pdf")) == FM_OK);
    CHECK(fm_map_render(ctx, m, fm_test_path("demo2.pdf")) == FM_OK);
    CHECK(files_equal(fm_test_path("demo.pdf"), fm_test_path("demo2.pdf")));
    CHECK(fm_map_render(ctx, m, fm_test_path("demo.png")) == FM_OK);
    CHECK(fm_map_render(ctx, m, fm_test_path("demo2.png")) == FM_OK);
    CHECK(files_equal(fm_test_path("demo.png"), fm_test_path("demo2.png")));
    CHECK(fm_map_render(ctx, m, fm_test_path("demo.svg")) == FM_OK);
    fm_map_destroy(m);
    snprintf(cmd, sizeof cmd, "pdftotext -layout '%s' - 2>/dev/null", fm_test_path("demo.pdf"));
    if (run_capture(cmd, text, sizeof text) != 0) {
        fprintf(stderr, "   (pdftotext not available: PDF text not checked)\n");
    } else {
        CHECK(strstr(text, "Afghanistan") && strstr(text, "frontier"));
        CHECK(strstr(text, "Battles") != NULL);
        CHECK(strstr(text, "Durand Line") != NULL);
        CHECK(strstr(text, "disputed") != NULL);
        CHECK(strstr(text, "Natural Earth") != NULL);
        CHECK(strstr(text, "frontiermap") != NULL);
        CHECK(strstr(text, "Albers") != NULL);
        CHECK(strstr(text, "Torkham") != NULL);
        CHECK(strstr(text, "km") != NULL);
    }
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", fm_test_path("demo.svg"));
    if (run_capture(cmd, text, sizeof text) == 0)
        CHECK(text[0] == 0);
    test_svg_text(fm_test_path("demo.svg"), fm_test_path("demo.pdf"));
}

static void test_labels_do_not_overlap(void)
{
    static fm_map_point pts[200];
    size_t n = load_reports(pts, 200), i, j, bad = 0, nb;
    const double *b;
    fm_map_opts o;
    fm_map *m;
    opts_demo(&o);
    o.labels = FM_LABEL_CROSSINGS | FM_LABEL_DISTRICTS | FM_LABEL_PROVINCES | FM_LABEL_TOWNS;
    o.lang = "en+ps";
    m = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, m, fm_test_path("labels.png")) == FM_OK);
    nb = fm_map_label_boxes(m, &b);
    CHECK(nb >= 20);
    for (i = 0; i < nb; i++)
        for (j = i + 1; j < nb; j++)
            if (b[4 * i] < b[4 * j + 2] && b[4 * j] < b[4 * i + 2] &&
                b[4 * i + 1] < b[4 * j + 3] && b[4 * j + 1] < b[4 * i + 3])
                bad++;
    CHECK(bad == 0);
    fm_map_destroy(m);
}

/* Index of the placed label whose text is t (any wrapping), or -1. */
static int label_index(const fm_map *m, const char *t)
{
    const double *b;
    size_t i, n = fm_map_label_boxes(m, &b), k;
    for (i = 0; i < n; i++) {
        const char *s = fm_map_label_text(m, i);
        for (k = 0; s && t[k] && (s[k] == t[k] || (t[k] == ' ' && s[k] == '\n')); k++)
            ;
        if (s && !t[k] && !s[k])
            return (int)i;
    }
    return -1;
}

/* Is page point (x, y) inside the named province, projected through the map? */
static int in_province(fm_map *m, const char *name, double x, double y)
{
    size_t i, n = fm_basemap_count(bm, FM_LAYER_PROVINCES), part, k;
    for (i = 0; i < n; i++) {
        const char *nm = NULL;
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, &nm, NULL);
        int in = 0;
        if (!g || !nm || strcmp(nm, name))
            continue;
        for (part = 0; part < g->nparts; part++) {
            size_t a = g->part_start[part], e = g->part_start[part + 1], j = e - 1;
            for (k = a; k < e; j = k++) {
                double xi, yi, xj, yj;
                if (fm_map_page_point(ctx, m, g->xy[2 * k], g->xy[2 * k + 1], &xi, &yi) ||
                    fm_map_page_point(ctx, m, g->xy[2 * j], g->xy[2 * j + 1], &xj, &yj))
                    continue;
                if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                    in = !in;
            }
        }
        return in;
    }
    return 0;
}

/* The frontier map names provinces on both sides of the border (inside their
 * polygons), and the two countries and the neighbours in view. */
static void test_area_labels(void)
{
    static fm_map_point pts[200];
    static const char *const want[] = {"KHYBER PAKHTUNKHWA", "BALOCHISTAN", "PUNJAB",
                                       "GILGIT-BALTISTAN", "PAKTIKA", "KANDAHAR", "AFGHANISTAN",
                                       "PAKISTAN", "INDIA"};
    size_t n = load_reports(pts, 200), i;
    const double *b;
    fm_map_opts o;
    fm_map *m;
    opts_demo(&o);
    m = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, m, fm_test_path("areas.png")) == FM_OK);
    fm_map_label_boxes(m, &b);
    for (i = 0; i < sizeof want / sizeof want[0]; i++) {
        int k = label_index(m, want[i]);
        if (k < 0)
            fprintf(stderr, "   label '%s' not placed\n", want[i]);
        CHECK(k >= 0);
    }
    i = (size_t)label_index(m, "KHYBER PAKHTUNKHWA");
    if ((int)i >= 0)
        CHECK(in_province(m, "Khyber Pakhtunkhwa", (b[4 * i] + b[4 * i + 2]) / 2,
                          (b[4 * i + 1] + b[4 * i + 3]) / 2));
    i = (size_t)label_index(m, "BALOCHISTAN");
    if ((int)i >= 0)
        CHECK(in_province(m, "Balochistan", (b[4 * i] + b[4 * i + 2]) / 2,
                          (b[4 * i + 1] + b[4 * i + 3]) / 2));
    CHECK(label_index(m, "Peshawar") >= 0 && label_index(m, "Quetta") >= 0);
    CHECK(fm_map_label_text(m, 100000) == NULL);
    fm_map_destroy(m);
}

/* A dense cloud over Peshawar and Torkham: the city and the crossing keep
 * their names (over the symbols if need be), labels still never overlap. */
static void test_dense_keeps_major_places(void)
{
    static fm_map_point pts[4000];
    size_t i, j, nb, bad = 0;
    const double *b;
    fm_map_opts o;
    fm_map *m;
    for (i = 0; i < 4000; i++) {
        pts[i].lon = 70.9 + (double)(i % 80) * 0.0125;
        pts[i].lat = 33.7 + (double)(i / 80) * 0.012;
        pts[i].fatalities = (int)(i % 5);
        pts[i].cls = (int)(i % 4);
        pts[i].precision = 1;
    }
    opts_demo(&o);
    m = make_map(&o, pts, 4000);
    CHECK(fm_map_render(ctx, m, fm_test_path("dense.png")) == FM_OK);
    CHECK(label_index(m, "Peshawar") >= 0);
    CHECK(label_index(m, "Torkham") >= 0);
    nb = fm_map_label_boxes(m, &b);
    for (i = 0; i < nb; i++)
        for (j = i + 1; j < nb; j++)
            if (b[4 * i] < b[4 * j + 2] && b[4 * j] < b[4 * i + 2] &&
                b[4 * i + 1] < b[4 * j + 3] && b[4 * j + 1] < b[4 * i + 3])
                bad++;
    CHECK(bad == 0);
    fm_map_destroy(m);
}

/* Longest run of blank rows between the title and the page's bottom margin. */
static int blank_run_pt(const char *png)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(png);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int y, x, run = 0, best = 0, rgb[3];
    for (y = 80; y < h - 30; y++) { /* 72 dpi: pixels are points */
        int blank = 1;
        for (x = 30; x < w - 30 && blank; x++) {
            pixel(img, x, y, rgb);
            blank = near_rgb(rgb, 255, 255, 255, 3);
        }
        run = blank ? run + 1 : 0;
        best = run > best ? run : best;
    }
    cairo_surface_destroy(img);
    return best;
}

/* The page is composed: no wide blank band under the legend, whatever the
 * extent; a very wide extent still renders with its labels apart. */
static void test_page_filled(void)
{
    static fm_map_point pts[200];
    size_t n = load_reports(pts, 200);
    fm_map_opts o;
    fm_map *m;
    int run;
    opts_demo(&o);
    o.dpi = 72;
    m = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, m, fm_test_path("page.png")) == FM_OK);
    run = blank_run_pt(fm_test_path("page.png"));
    if (run >= 30)
        fprintf(stderr, "   blank band of %d pt\n", run);
    CHECK(run < 30);
    fm_map_destroy(m);
    o.has_extent = 1;
    o.west = 60, o.east = 76, o.south = 30, o.north = 33;
    m = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, m, fm_test_path("wide.png")) == FM_OK);
    fm_map_destroy(m);
}

/* The layout a render reports is the page drawn: each part on the page and
 * off the frame, the legend whole, a scale bar of a round length, the
 * extent inside the frame's view. */
static int box_inside(const double b[4], double x0, double y0, double x1, double y1)
{
    return b[2] > b[0] && b[3] > b[1] && b[0] >= x0 && b[1] >= y0 && b[2] <= x1 && b[3] <= y1;
}

static int boxes_meet(const double a[4], const double b[4])
{
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

static void test_layout_info(void)
{
    static fm_map_point pts[200];
    size_t n = load_reports(pts, 200);
    fm_map_opts o;
    static const double nice[] = {1, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000};
    fm_map_layout_info li;
    double frame[4], m = 28;
    int round_km = 0;
    fm_map *map;
    opts_demo(&o);
    o.dpi = 36;
    o.has_extent = 1;
    o.west = 69.0, o.south = 30.9, o.east = 74.3, o.north = 37.1;
    map = make_map(&o, pts, n);
    CHECK(fm_map_render(ctx, map, fm_test_path("layout.png")) == FM_OK);
    fm_map_layout_get(map, &li);
    fm_map_frame_box(map, frame);
    CHECK(fabs(li.page_w - 595.3) < 1 && fabs(li.page_h - 841.9) < 1);
    CHECK(!memcmp(frame, li.frame, sizeof frame));
    CHECK(box_inside(li.frame, m, m, li.page_w - m, li.page_h - m));
    CHECK(box_inside(li.title, m, m, li.page_w - m, li.frame[1]));
    CHECK(box_inside(li.legend, m, li.frame[3], li.page_w - m, li.page_h - m));
    CHECK(box_inside(li.inset, m, li.frame[3], li.page_w - m, li.page_h - m));
    CHECK(box_inside(li.credits, m, li.frame[3], li.page_w - m, li.page_h - m));
    CHECK(!boxes_meet(li.legend, li.inset) && !boxes_meet(li.legend, li.credits) &&
          !boxes_meet(li.inset, li.credits));
    CHECK(li.legend_dropped == 0);
    for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
        round_km += li.scalebar_km == nice[i];
    CHECK(round_km == 1);
    CHECK(li.scalebar_pt >= 40 && li.scalebar_pt <= 140);
    CHECK(li.extent_ll[0] == 69.0 && li.extent_ll[3] == 37.1);
    CHECK(li.view_ll[0] <= 69.0 && li.view_ll[1] <= 30.9 && li.view_ll[2] >= 74.3 &&
          li.view_ll[3] >= 37.1);
    fm_map_destroy(map);
}

static void test_clustering(void)
{
    static fm_map_point pts[3000];
    size_t i;
    fm_map_opts o;
    fm_map *m;
    for (i = 0; i < 3000; i++) {
        pts[i].lon = i < 1000 ? 70.0 + (i % 10) * 1e-4 : 66.0 + (double)(i % 50) * 0.15;
        pts[i].lat = i < 1000 ? 33.0 : 30.0 + (double)(i / 50 % 40) * 0.15;
        pts[i].fatalities = (int)(i % 7);
        pts[i].cls = (int)(i % 4);
        pts[i].precision = 1;
    }
    opts_demo(&o);
    o.labels = 0;
    m = make_map(&o, pts, 1000);
    CHECK(fm_map_render(ctx, m, fm_test_path("stack.pdf")) == FM_OK);
    CHECK(fm_map_symbol_count(m) == 1); /* a thousand stacked points: one symbol */
    fm_map_destroy(m);
    m = make_map(&o, pts + 1000, 2000);
    CHECK(fm_map_render(ctx, m, fm_test_path("grid.png")) == FM_OK);
    /* 2000 points 0.15 degrees apart are 7+ pt apart on the page: not combined */
    CHECK(fm_map_symbol_count(m) == 2000);
    fm_map_destroy(m);
}

/* A symbol that takes in an approximate (district-level) incident looks
 * approximate, however precise the rest of it: a small district-level point
 * hidden under a big exact one makes the combined symbol hollow. */
static void test_mixed_symbol_is_approximate(void)
{
    fm_map_point pts[2];
    fm_map_opts o;
    fm_map *m;
    memset(pts, 0, sizeof pts);
    pts[0].lon = 70.0, pts[0].lat = 33.0, pts[0].fatalities = 400, pts[0].precision = 1;
    pts[1].lon = 70.03, pts[1].lat = 33.02, pts[1].fatalities = 1, pts[1].precision = 2;
    opts_demo(&o);
    o.labels = 0;
    m = make_map(&o, pts, 2);
    CHECK(m && fm_map_render(ctx, m, fm_test_path("mixed.png")) == FM_OK);
    CHECK(m && fm_map_symbol_count(m) == 1);
    CHECK(m && m->nsymbols == 1 && m->symbols[0].count == 2 && m->symbols[0].approx == 1);
    fm_map_destroy(m);
    pts[1].precision = 1; /* both exact: solid */
    m = make_map(&o, pts, 2);
    CHECK(m && fm_map_render(ctx, m, fm_test_path("mixed2.png")) == FM_OK);
    CHECK(m && m->nsymbols == 1 && m->symbols[0].approx == 0);
    fm_map_destroy(m);
}


/* The symbols of a map depend on its extent and its points, not on the
 * paper (issue 14: a dashed "37" on A3 was a solid "45" on A4). Pairs of
 * points at a ladder of distances round the clustering distance, exact and
 * approximate, and a dense patch whose counts crowd each other, drawn on
 * A5, A4, A3 landscape and Letter over one extent: the same clusters (count,
 * style, fatalities) in the area every page shows, the symbols scaled with
 * the page, the counts never over each other, and the fatality key's
 * largest circle at least the largest symbol. */
typedef struct {
    int count, approx;
    long f;
} sym_key;

static int cmp_key(const void *a, const void *b)
{
    const sym_key *p = a, *q = b;
    if (p->count != q->count)
        return p->count - q->count;
    if (p->approx != q->approx)
        return p->approx - q->approx;
    return (p->f > q->f) - (p->f < q->f);
}

static size_t page_symbols(fm_map *m, const double area[4], sym_key *out, double *rmax)
{
    fm_map_symbol_rec r;
    size_t i, n = 0;
    *rmax = 0;
    for (i = 0; fm_map_symbol_get(m, i, &r); i++) {
        *rmax = fmax(*rmax, r.r);
        if (r.lon > area[0] && r.lon < area[2] && r.lat > area[1] && r.lat < area[3])
            out[n].count = r.count, out[n].approx = r.approx, out[n++].f = r.fatalities;
    }
    qsort(out, n, sizeof *out, cmp_key);
    return n;
}

static int counts_apart(const fm_map *m)
{
    size_t i, j;
    fm_box a, b;
    for (i = 0; i < m->nsymbols; i++)
        for (j = i + 1; j < m->nsymbols; j++)
            if (fm_symbol_count_box(&m->symbols[i], &a) && fm_symbol_count_box(&m->symbols[j], &b) &&
                a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1)
                return 0;
    return 1;
}

static void test_symbols_same_on_every_page(void)
{
    static const double page[][2] = {{148, 210}, {210, 297}, {420, 297}, {215.9, 279.4}};
    static fm_map_point pts[1200];
    static sym_key keys[4][1200];
    size_t n = 0, k, nk[4];
    double rmax[4], area[4] = {-HUGE_VAL, -HUGE_VAL, HUGE_VAL, HUGE_VAL};
    fm_map *maps[4];
    fm_map_opts o;
    memset(pts, 0, sizeof pts);
    for (k = 0; k < 40; k++) { /* pairs 0.01 to 0.2 degrees apart */
        double lon = 69.0 + (double)(k % 8) * 0.5, lat = 31.0 + (double)(k / 8) * 0.5;
        pts[n].lon = lon, pts[n].lat = lat, pts[n].fatalities = (int)(k * 7 % 30), pts[n].precision = 1;
        n++;
        pts[n].lon = lon + 0.005 * (double)(k + 2), pts[n].lat = lat, pts[n].precision = 1 + (k % 3 == 0);
        pts[n].fatalities = (int)k % 5, n++;
    }
    for (k = 0; k < 1000; k++) { /* a dense patch of clusters whose counts crowd */
        pts[n].lon = 70.2 + (double)(k * 37 % 101) * 0.004, pts[n].lat = 33.3 + (double)(k * 53 % 97) * 0.004;
        pts[n].fatalities = (int)(k % 11), pts[n].precision = 1 + (k % 7 == 0), pts[n].cls = (int)(k % 4);
        n++;
    }
    opts_demo(&o);
    o.labels = 0;
    o.has_extent = 1, o.west = 68.5, o.south = 30.5, o.east = 73.5, o.north = 34.0;
    for (k = 0; k < 4; k++) {
        char name[32];
        o.page_w_mm = page[k][0], o.page_h_mm = page[k][1];
        snprintf(name, sizeof name, "pages%zu.svg", k);
        maps[k] = make_map(&o, pts, n);
        CHECK(maps[k] && fm_map_render(ctx, maps[k], fm_test_path(name)) == FM_OK);
        if (!maps[k])
            return;
        area[0] = fmax(area[0], maps[k]->view_ll[0] + 0.05);
        area[1] = fmax(area[1], maps[k]->view_ll[1] + 0.05);
        area[2] = fmin(area[2], maps[k]->view_ll[2] - 0.05);
        area[3] = fmin(area[3], maps[k]->view_ll[3] - 0.05);
    }
    for (k = 0; k < 4; k++) {
        fm_map_layout_info li;
        nk[k] = page_symbols(maps[k], area, keys[k], &rmax[k]);
        fm_map_layout_get(maps[k], &li);
        CHECK(counts_apart(maps[k]));
        CHECK(li.sizekey_value >= maps[k]->max_fatalities && li.sizekey_pt >= rmax[k] - 0.01);
    }
    CHECK(nk[1] > 60 && nk[1] < n / 4); /* the pairs at a ladder of distances, the patch */
    for (k = 0; k < 4; k++) {
        CHECK(nk[k] == nk[1]);
        CHECK(nk[k] == nk[1] && !memcmp(keys[k], keys[1], nk[1] * sizeof keys[1][0]));
    }
    CHECK(rmax[2] > 1.5 * rmax[0]); /* A3 landscape's symbols against A5's */
    for (k = 0; k < 4; k++)
        fm_map_destroy(maps[k]);
}

static void test_failures(void)
{
    fm_map_opts o;
    fm_map *m;
    struct stat sb;
    opts_demo(&o);
    m = make_map(&o, NULL, 0);
    CHECK(fm_map_render(ctx, m, fm_test_path("x.gif")) == FM_EINVAL);
    CHECK(stat(fm_test_path("x.gif"), &sb) != 0);
    CHECK(fm_map_render(ctx, m, "/nonexistent-dir/x.png") == FM_EIO);
    CHECK(strstr(fm_ctx_message(ctx), "/nonexistent-dir/x.png") != NULL);
    fm_map_destroy(m);
    o.has_extent = 1;
    o.west = 72, o.east = 70, o.south = 30, o.north = 31;
    CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_EINVAL && m == NULL);
    opts_demo(&o);
    o.lang = "fr";
    CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_EINVAL);
    opts_demo(&o);
    o.page_w_mm = 20;
    m = make_map(&o, NULL, 0);
    CHECK(fm_map_render(ctx, m, fm_test_path("tiny.png")) == FM_ERANGE);
    CHECK(stat(fm_test_path("tiny.png"), &sb) != 0);
    fm_map_destroy(m);
    fm_map_destroy(NULL);
}

/* A place is printed under its name, not a source's description of it. */
static void test_label_display_name(void)
{
    static const char *in[][2] = {
        {"Maizer locality, Datta Khel", "Maizer"}, {"Mandi Khel village, Datta Khel", "Mandi Khel"},
        {"Kushkak village", "Kushkak"},           {"Shimshal Village", "Shimshal"},
        {"Sp\u012bn B\u014dldak", "Spin Boldak"},  {"Village", "Village"},
        {"Landi Kotal", "Landi Kotal"},           {"Tirah valley", "Tirah valley"}};
    char out[128];
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        fm_label_display(in[i][0], out, sizeof out);
        CHECK(!strcmp(out, in[i][1]));
        if (strcmp(out, in[i][1]))
            fprintf(stderr, "  %s -> %s\n", in[i][0], out);
    }
}

/* The order names are placed in: crossings and major cities, then cities,
 * then the names a failed try promoted (a seat that found no room, placed
 * before the other seats but not before a city it would push to a long
 * leader), then the rest by kind. */
static void test_placing_order(void)
{
    fm_label_cand c[5];
    memset(c, 0, sizeof c);
    c[0].kind = FM_LK_SEAT, c[0].score = 2, c[0].id = 0;
    c[1].kind = FM_LK_SEAT, c[1].score = 1 + FM_LABEL_PROMOTED, c[1].id = 1;
    c[2].kind = FM_LK_CITY, c[2].score = 1, c[2].id = 2;
    c[3].kind = FM_LK_PROVINCE, c[3].id = 3;
    c[4].kind = FM_LK_CROSSING, c[4].id = 4;
    fm_label_cands_sort(c, 5);
    CHECK(c[0].id == 4 && c[1].id == 2 && c[2].id == 1 && c[3].id == 3 && c[4].id == 0);
}

/* A name on a dark ground, drawn by fm_text_draw with a 1.2 pt halo, and
 * the same with the halo stroked at cairo's finest anti-aliasing: the halo
 * is there (light pixels around the text, none beyond its reach) and its
 * cheaper edge stays within a few levels of the fine one. */
static cairo_surface_t *halo_name(int fine)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 240, 60);
    cairo_t *cr = cairo_create(s);
    PangoLayout *pl;
    cairo_scale(cr, 150 / 72.0, 150 / 72.0);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.3);
    cairo_paint(cr);
    pl = fm_text_layout(cr, "Landi Kotal", 6.8, 1);
    cairo_set_source_rgb(cr, 0.14, 0.14, 0.14);
    if (fine) {
        cairo_move_to(cr, 10.3, 8.6);
        pango_cairo_layout_path(cr, pl);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_set_line_width(cr, 2 * 1.2);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.14, 0.14, 0.14);
        fm_text_draw(cr, pl, 10.3, 8.6, 0);
    } else {
        fm_text_draw(cr, pl, 10.3, 8.6, 1.2);
    }
    g_object_unref(pl);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

static void test_halo(void)
{
    cairo_surface_t *a = halo_name(0), *b = halo_name(1);
    const unsigned char *pa = cairo_image_surface_get_data(a), *pb = cairo_image_surface_get_data(b);
    int stride = cairo_image_surface_get_stride(a), x, y, c, maxd = 0, light = 0, far = 0;
    long sum = 0;
    for (y = 0; y < 60; y++)
        for (x = 0; x < 240; x++) {
            const unsigned char *p = pa + (size_t)y * stride + 4 * x, *q = pb + (size_t)y * stride + 4 * x;
            for (c = 0; c < 3; c++) {
                int d = abs(p[c] - q[c]);
                maxd = d > maxd ? d : maxd;
                sum += d;
            }
            light += p[1] > 200; /* green: the ground has little */
            far += (y < 8 || y > 50) && p[1] > 40;
        }
    CHECK(light > 300); /* "Landi Kotal" at 150 dpi: its halo's core is ~570 pixels */
    CHECK(far == 0);
    CHECK(maxd <= 80); /* 53 on this dark ground; most differ by nothing */
    CHECK(sum < 240 * 60 * 3); /* under 1/255 on average (0.3) */
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

int main(void)
{
    ctx = fm_ctx_create();
    if (fm_basemap_open(ctx, NULL, &bm) || fm_gazetteer_open(ctx, NULL, &gz)) {
        fprintf(stderr, "cannot load the built-in data: %s\n", fm_ctx_message(ctx));
        return 1;
    }
    RUN(test_png_size_and_symbol_colour);
    RUN(test_border_colour_near_torkham);
    RUN(test_pdf_text_and_determinism);
    RUN(test_labels_do_not_overlap);
    RUN(test_area_labels);
    RUN(test_dense_keeps_major_places);
    RUN(test_page_filled);
    RUN(test_layout_info);
    RUN(test_clustering);
    RUN(test_mixed_symbol_is_approximate);
    RUN(test_symbols_same_on_every_page);
    RUN(test_failures);
    RUN(test_label_display_name);
    RUN(test_placing_order);
    RUN(test_halo);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_ctx_destroy(ctx);
    fm_render_release_fonts();
    return fm_test_done();
}
