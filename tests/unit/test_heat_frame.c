/* test_heat_frame.c: a heatmap's density covers its whole frame, and the
 * basemap's lines are drawn over it. The frame fills the page, so it shows
 * more than the extent, by more on some pages than others: a grid made for
 * the extent alone left blank strips beside the density (issue 14). A dense
 * synthetic input over the extent, with a scale so low that any density
 * takes the ramp's top colour, must colour every edge of the frame at
 * several extents, page sizes, orientations and both kernels; the Durand
 * Line must still be seen near Torkham over a saturated density, and the
 * incidents of --points on it. */
#include <cairo/cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fm_test.h"
#include "heat/fm_heat.h"

static fm_ctx *ctx;
static fm_basemap *bm;



/* Incidents on a lattice over the frontier, 0.1 degree apart (every box
 * below holds a dense set of them), imported from a generic CSV. */
static int make_store(const char *path)
{
    const char *csv = fm_test_path("frame.csv");
    double e[4], lon, lat;
    fm_import_opts io;
    fm_import_stats stats;
    fm_store *st;
    FILE *f = fopen(csv, "w");
    long k = 0;
    int ok;
    if (!f)
        return 0;
    fprintf(f, "id,date,place,type,killed,lat,lon\n");
    fm_frontier_bbox(e);
    for (lat = e[1] + 0.05; lat < e[3]; lat += 0.1)
        for (lon = e[0] + 0.05; lon < e[2]; lon += 0.1)
            fprintf(f, "g%ld,2025-01-05,lattice,Battles,1,%.3f,%.3f\n", k++, lat, lon);
    if (fclose(f))
        return 0;
    unlink(path);
    if (fm_store_open(ctx, path, FM_STORE_WRITE, &st))
        return 0;
    memset(&io, 0, sizeof io);
    io.format = FM_FORMAT_CSV;
    io.skip_bad = 1;
    io.rejects_path = fm_test_path("frame.rejects.csv");
    ok = fm_store_import(ctx, st, &csv, 1, &io, &stats) == FM_OK && stats.added > 5000;
    if (!ok)
        fprintf(stderr, "   import: %s (%lld added)\n", fm_ctx_message(ctx),
                (long long)stats.added);
    fm_store_close(st);
    return ok;
}

static void pixel(cairo_surface_t *img, int x, int y, int rgb[3])
{
    unsigned char *d = cairo_image_surface_get_data(img);
    uint32_t v = *(uint32_t *)(void *)(d + (size_t)y * cairo_image_surface_get_stride(img) +
                                      4 * (size_t)x);
    rgb[0] = (v >> 16) & 255, rgb[1] = (v >> 8) & 255, rgb[2] = v & 255;
}

/* The ramp's top colour, alone or under the veil beyond the extent (white
 * at half over it). */
static int is_density(const int c[3], const double top[4])
{
    int k, plain = 1, veiled = 1;
    for (k = 0; k < 3; k++) {
        double v = 255 * top[k], w = 0.5 * v + 127.5;
        plain &= abs(c[k] - (int)(v + 0.5)) <= 40;
        veiled &= abs(c[k] - (int)(w + 0.5)) <= 40;
    }
    return plain || veiled;
}

/* The share of the pixels along each edge of the frame, 3 px inside it,
 * that show the density; the smallest of the four. */
static double edge_share(cairo_surface_t *img, const double frame[4], double px_per_pt,
                         const double top[4])
{
    int x0 = (int)(frame[0] * px_per_pt) + 3, y0 = (int)(frame[1] * px_per_pt) + 3;
    int x1 = (int)(frame[2] * px_per_pt) - 3, y1 = (int)(frame[3] * px_per_pt) - 3;
    int side, i, rgb[3];
    double worst = 1;
    for (side = 0; side < 4; side++) {
        int n = 0, hit = 0;
        int len = side < 2 ? x1 - x0 : y1 - y0;
        for (i = 0; i <= len; i++) {
            int x = side == 0 ? x0 + i : side == 1 ? x0 + i : side == 2 ? x0 : x1;
            int y = side == 0 ? y0 : side == 1 ? y1 : y0 + i;
            pixel(img, x, y, rgb);
            hit += is_density(rgb, top);
            n++;
        }
        if (n && (double)hit / n < worst)
            worst = (double)hit / n;
    }
    return worst;
}

typedef struct {
    const char *name;
    int has_bbox;
    double w, s, e, n;     /* the region's box (has_bbox) */
    double page_w, page_h; /* mm */
    fm_kernel kernel;
    double bandwidth_km, cell_km;
    int points;            /* --points */
} frame_case;

/* Draws the case and returns the smallest share of an edge's pixels in the
 * density (-1 on a failure). */
static double draw_case(fm_store *st, const frame_case *c, const char *png, fm_map **keep)
{
    fm_heat_opts o;
    fm_heat_layer l;
    fm_proj *proj = NULL;
    fm_map *map = NULL;
    cairo_surface_t *img;
    double frame[4], top[4], share = -1;
    fm_heat_opts_init(&o);
    o.filter.has_bbox = c->has_bbox;
    o.filter.west = c->w, o.filter.south = c->s, o.filter.east = c->e, o.filter.north = c->n;
    o.kernel = c->kernel;
    o.bandwidth_m = c->bandwidth_km * 1000, o.cell_m = c->cell_km * 1000;
    o.map.page_w_mm = c->page_w, o.map.page_h_mm = c->page_h;
    o.map.dpi = 40;
    o.map.labels = 0;
    o.points = c->points;
    if (fm_heat_proj(ctx, &o, &proj))
        return -1;
    if (fm_heat_compute(ctx, st, &o, proj, FM_DAY_NONE, FM_DAY_NONE, &l)) {
        fm_proj_destroy(proj);
        return -1;
    }
    /* a scale so low that any density is the top colour */
    if (!fm_heat_map_create(ctx, &o, bm, NULL, NULL, &l, l.max * 1e-4, "Frame", "test", &map) &&
        !fm_map_render(ctx, map, png)) {
        fm_map_frame_box(map, frame);
        fm_ramp_color(o.ramp, 1, top);
        img = cairo_image_surface_create_from_png(png);
        if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS)
            share = edge_share(img, frame, 40 / 72.0, top);
        cairo_surface_destroy(img);
    }
    if (keep && share >= 0)
        *keep = map;
    else
        fm_map_destroy(map);
    fm_heat_layer_free(&l);
    fm_proj_destroy(proj);
    return share;
}

static void test_frames(fm_store *st)
{
    static const frame_case cases[] = {
        /* Khyber (tall on a wide page, wide on a tall one) */
        {"khyber-a4", 1, 70.6, 33.7, 71.7, 34.4, 210, 297, FM_KERNEL_GAUSSIAN, 30, 1, 0},
        {"khyber-a3l", 1, 70.6, 33.7, 71.7, 34.4, 420, 297, FM_KERNEL_QUARTIC, 90, 1, 0},
        {"khyber-a5", 1, 70.6, 33.7, 71.7, 34.4, 148, 210, FM_KERNEL_GAUSSIAN, 30, 1, 0},
        /* Waziristan and Chaman */
        {"waziristan-a3", 1, 69.2, 32.0, 70.6, 33.4, 297, 420, FM_KERNEL_QUARTIC, 90, 1, 0},
        {"waziristan-banner", 1, 69.2, 32.0, 70.6, 33.4, 360, 160, FM_KERNEL_GAUSSIAN, 40, 1, 0},
        {"chaman-a4l", 1, 66.0, 30.6, 66.9, 31.2, 297, 210, FM_KERNEL_GAUSSIAN, 30, 1, 0},
        {"chaman-tall", 1, 66.0, 30.6, 66.9, 31.2, 150, 400, FM_KERNEL_QUARTIC, 90, 1, 0},
        /* the whole frontier */
        {"frontier-a4", 0, 0, 0, 0, 0, 210, 297, FM_KERNEL_GAUSSIAN, 60, 5, 0},
        {"frontier-a3l", 0, 0, 0, 0, 0, 420, 297, FM_KERNEL_QUARTIC, 300, 10, 0},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char name[64];
        double share;
        snprintf(name, sizeof name, "frame-%s.png", cases[i].name);
        share = draw_case(st, &cases[i], fm_test_path(name), NULL);
        if (share < 0.9)
            fprintf(stderr, "   %s: %.0f%% of an edge shows the density (%s)\n", cases[i].name,
                    100 * share, share < 0 ? fm_ctx_message(ctx) : fm_test_path(name));
        CHECK(share >= 0.9);
    }
}

/* Near Torkham the Durand Line shows over a saturated density: a dark
 * border pixel within a few pixels of its nearest vertex. */
static void test_border_over_density(fm_store *st)
{
    static const frame_case c = {"khyber-border", 1, 70.6, 33.7, 71.7, 34.4, 210, 297,
                                 FM_KERNEL_GAUSSIAN, 30, 1, 0};
    const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, 0, NULL, NULL);
    double best = 1e9, blon = 0, blat = 0, x, y;
    fm_map *map = NULL;
    cairo_surface_t *img;
    size_t i;
    int dx, dy, found = 0, rgb[3];
    CHECK(g != NULL);
    if (!g)
        return;
    for (i = 0; i < g->npoints; i++) {
        double d = hypot(g->xy[2 * i] - 71.09, g->xy[2 * i + 1] - 34.11);
        if (d < best)
            best = d, blon = g->xy[2 * i], blat = g->xy[2 * i + 1];
    }
    CHECK(draw_case(st, &c, fm_test_path("frame-border.png"), &map) >= 0.9);
    if (!map)
        return;
    CHECK(fm_map_page_point(ctx, map, blon, blat, &x, &y) == FM_OK);
    img = cairo_image_surface_create_from_png(fm_test_path("frame-border.png"));
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    for (dy = -3; dy <= 3; dy++)
        for (dx = -3; dx <= 3; dx++) {
            pixel(img, (int)(x * 40 / 72) + dx, (int)(y * 40 / 72) + dy, rgb);
            /* the border's dark line (41, 31, 31), not the density's yellow */
            found += rgb[0] < 120 && rgb[1] < 120 && rgb[2] < 120;
        }
    CHECK(found >= 2);
    cairo_surface_destroy(img);
    fm_map_destroy(map);
}

/* heatmap --points: the incidents stay legible over the ramp's top colour
 * (they were the spare yellow, on viridis' yellow): the middle of a symbol
 * over a saturated density is dark. */
static void test_points_over_peak(fm_store *st)
{
    static const frame_case c = {"khyber-points", 1, 70.6, 33.7, 71.7, 34.4, 210, 297,
                                 FM_KERNEL_GAUSSIAN, 30, 1, 1};
    fm_map *map = NULL;
    cairo_surface_t *img;
    size_t i, n, dark = 0, seen = 0;
    CHECK(draw_case(st, &c, fm_test_path("frame-points.png"), &map) >= 0.9);
    if (!map)
        return;
    img = cairo_image_surface_create_from_png(fm_test_path("frame-points.png"));
    CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
    n = fm_map_symbol_count(map);
    CHECK(n > 20);
    for (i = 0; i < n; i++) {
        double xyr[3], cb[4];
        int rgb[3];
        if (!fm_map_symbol_info(map, i, xyr, cb) || cb[2] > cb[0]) /* no counts */
            continue;
        pixel(img, (int)(xyr[0] * 40 / 72), (int)(xyr[1] * 40 / 72), rgb);
        seen++;
        dark += rgb[0] < 90 && rgb[1] < 90 && rgb[2] < 90;
    }
    CHECK(seen > 10);
    if (dark < seen * 9 / 10)
        fprintf(stderr, "   %zu of %zu symbols dark over the peak\n", dark, seen);
    CHECK(dark >= seen * 9 / 10);
    cairo_surface_destroy(img);
    fm_map_destroy(map);
}

int main(void)
{
    fm_store *st = NULL;
    ctx = fm_ctx_create();
    if (fm_basemap_open(ctx, NULL, &bm)) {
        fprintf(stderr, "cannot load the basemap: %s\n", fm_ctx_message(ctx));
        return 1;
    }
    CHECK(make_store(fm_test_path("frame.gpkg")));
    CHECK(fm_store_open(ctx, fm_test_path("frame.gpkg"), FM_STORE_READ, &st) == FM_OK);
    if (st) {
        test_frames(st);
        test_border_over_density(st);
        test_points_over_peak(st);
    }
    fm_store_close(st);
    fm_basemap_close(bm);
    fm_ctx_destroy(ctx);
    fm_render_release_fonts();
    return fm_test_done();
}
