/* test_choropleth.c: what reports ask for beside the map: district
 * choropleths (the natural-breaks arithmetic on plain arrays, then the
 * picture: a district's fill is its class's colour, a zero white, no data
 * grey, read back from the PNG at the districts' own interior points on real
 * polygons of the gazetteer) and callouts that cover no symbol and whose
 * leaders keep off the counts. */
#include <cairo/cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fm_test.h"
#include "render/fm_render.h"
#include "render/map_priv.h"

static fm_ctx *ctx;

static void test_jenks(void)
{
    static const double v[] = {31, 2, 12, 1, 30, 3, 11, 10, 32};
    static const double ties[] = {1, 1, 5, 5, 9, 9, 9};
    double up[7];
    size_t n;
    CHECK(fm_classify_jenks(ctx, v, 9, 3, up, &n) == FM_OK && n == 3);
    CHECK(up[0] == 3 && up[1] == 12 && up[2] == 32);
    CHECK(fm_classify_find(up, n, 1) == 0 && fm_classify_find(up, n, 3) == 0);
    CHECK(fm_classify_find(up, n, 4) == 1 && fm_classify_find(up, n, 32) == 2);
    CHECK(fm_classify_find(up, n, 99) == 2); /* above the last bound: the last */
    /* fewer distinct values than classes: one class each, none empty */
    CHECK(fm_classify_jenks(ctx, ties, 7, 5, up, &n) == FM_OK && n == 3);
    CHECK(up[0] == 1 && up[1] == 5 && up[2] == 9);
    CHECK(fm_classify_jenks(ctx, v, 0, 5, up, &n) == FM_OK && n == 0);
    /* one outlier gets a class of its own */
    {
        double w[20];
        for (int i = 0; i < 19; i++)
            w[i] = 1 + i % 4;
        w[19] = 400;
        CHECK(fm_classify_jenks(ctx, w, 20, 4, up, &n) == FM_OK && n == 4);
        CHECK(up[3] == 400 && up[2] < 400);
    }
}

static const fm_area *district(const fm_gazetteer *gz, const char *name)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        const fm_area *a = fm_gazetteer_area_of(gz, p);
        if (a && !a->former && !strcmp(p->name, name))
            return a;
    }
    return NULL;
}

/* The commonest colour in the 15x15 pixels around (x, y): roads and
 * rivers may meet at a district's point. */
static void fill_at(cairo_surface_t *img, int x, int y, int rgb[3])
{
    unsigned char *d = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img), best = 0;
    uint32_t seen[225];
    for (int k = 0; k < 225; k++)
        seen[k] = *(uint32_t *)(void *)(d + (size_t)(y + k / 15 - 7) * stride +
                                        4 * (size_t)(x + k % 15 - 7));
    for (int k = 0, most = 0; k < 225; k++) {
        int c = 0;
        for (int j = 0; j < 225; j++)
            c += seen[j] == seen[k];
        if (c > most)
            most = c, best = k;
    }
    rgb[0] = (seen[best] >> 16) & 255, rgb[1] = (seen[best] >> 8) & 255, rgb[2] = seen[best] & 255;
}

static void test_drawn_by_class(void)
{
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_map *m = NULL;
    fm_map_opts o;
    const char *names[] = {"North Waziristan", "Lower South Waziristan", "Bannu", "Tank",
                           "Lakki Marwat", "Barmal"};
    double values[] = {500, 5, 120, 0, 40, NAN}, pos[4] = {500, 5, 120, 40}, up[7];
    const fm_geom *geoms[6];
    fm_choropleth c;
    size_t ncls;
    char path[512];
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK && fm_gazetteer_open(ctx, NULL, &gz) == FM_OK);
    for (int i = 0; i < 6; i++) {
        const fm_area *a = district(gz, names[i]);
        CHECK(a != NULL);
        if (!a)
            goto done;
        geoms[i] = a->geom;
    }
    CHECK(fm_classify_jenks(ctx, pos, 4, 3, up, &ncls) == FM_OK && ncls == 3);
    fm_map_opts_init(&o);
    o.title = "Choropleth", o.labels = 0, o.has_extent = 1;
    o.west = 69.2, o.south = 32.0, o.east = 71.2, o.north = 33.4;
    memset(&c, 0, sizeof c);
    c.geoms = geoms, c.value = values, c.n = 6, c.upper = up, c.nclasses = ncls;
    c.heading = "Incidents per district", c.method = "natural breaks (Jenks)";
    snprintf(path, sizeof path, "%s/choro.png", fm_test_tmpdir());
    CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_OK);
    CHECK(fm_map_set_choropleth(ctx, m, &c) == FM_OK);
    CHECK(fm_map_render(ctx, m, path) == FM_OK);
    {
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
        for (int i = 0; i < 6; i++) {
            const fm_place *p = district(gz, names[i])->district;
            double x, y, want[3];
            int rgb[3];
            CHECK(fm_map_page_point(ctx, m, p->lon, p->lat, &x, &y) == FM_OK);
            fill_at(img, (int)(x * 150 / 72), (int)(y * 150 / 72), rgb);
            fm_choro_value_color(m, values[i], want);
            if (isnan(values[i])) /* grey, the fill or its hatching */
                CHECK(rgb[0] == rgb[1] && rgb[1] == rgb[2] && rgb[0] > 160 && rgb[0] < 230);
            else
                CHECK(abs(rgb[0] - (int)lround(want[0] * 255)) <= 3 &&
                      abs(rgb[1] - (int)lround(want[1] * 255)) <= 3 &&
                      abs(rgb[2] - (int)lround(want[2] * 255)) <= 3);
            if (values[i] == 0)
                CHECK(rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255);
            fprintf(stderr, "  %s: %d %d %d\n", names[i], rgb[0], rgb[1], rgb[2]);
        }
        cairo_surface_destroy(img);
    }
    /* classes darken: the top class is darker than the bottom one */
    {
        double lo[3], hi[3];
        fm_choro_value_color(m, 5, lo);
        fm_choro_value_color(m, 500, hi);
        CHECK(lo[0] + lo[1] + lo[2] > hi[0] + hi[1] + hi[2] + 0.5);
    }
    c.nclasses = FM_CHORO_MAX_CLASSES + 1;
    CHECK(fm_map_set_choropleth(ctx, m, &c) == FM_EINVAL);
done:
    fm_map_destroy(m);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
}

/* A callout's box covers no symbol and stays in the frame, even among many
 * symbols around its incident; its leader starts at the incident. */
static void test_callout_clear(void)
{
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_map *m = NULL;
    fm_map_opts o;
    fm_map_point pts[60];
    const char *cls[] = {"Battles"};
    double box[4];
    char path[512];
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK && fm_gazetteer_open(ctx, NULL, &gz) == FM_OK);
    for (int i = 0; i < 60; i++) { /* a ring of incidents around Miranshah */
        pts[i].lon = 70.07 + 0.25 * cos(i * 0.7) * (1 + i % 3);
        pts[i].lat = 33.0 + 0.2 * sin(i * 0.7) * (1 + i % 3);
        pts[i].fatalities = 1 + i % 9, pts[i].cls = 0, pts[i].precision = 1;
    }
    fm_map_opts_init(&o);
    o.title = "Callout";
    o.has_extent = 1, o.west = 69.0, o.south = 32.2, o.east = 71.2, o.north = 33.8;
    snprintf(path, sizeof path, "%s/callout.png", fm_test_tmpdir());
    CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_OK);
    CHECK(fm_map_set_points(ctx, m, pts, 60, cls, 1) == FM_OK);
    CHECK(fm_map_add_callout(ctx, m, 70.07, 33.0, "1 June 2009 \u00b7 Miranshah",
                             "Battles\n12 killed\nClaims:\n\u2022 A: \u201c12\u201d") == FM_OK);
    CHECK(fm_map_add_callout(ctx, m, 200, 33.0, "x", "y") == FM_EINVAL);
    CHECK(fm_map_render(ctx, m, path) == FM_OK);
    CHECK(fm_map_callout_box(m, 0, box) == 1);
    CHECK(box[0] >= m->lay.frame.x0 && box[2] <= m->lay.frame.x1 && box[1] >= m->lay.frame.y0 &&
          box[3] <= m->lay.frame.y1);
    for (size_t i = 0; i < m->nsymbols; i++) {
        const fm_symbol *s = &m->symbols[i];
        int hit = s->x + s->r > box[0] && s->x - s->r < box[2] && s->y + s->r > box[1] &&
                  s->y - s->r < box[3];
        CHECK(!hit);
    }
    CHECK(m->nsymbols > 10);
    CHECK(fm_map_callout_box(m, 1, box) == 0);
    fm_map_destroy(m);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
}

/* Whether segment (x0, y0)-(x1, y1) meets box b (sampled every 0.2 pt). */
static int seg_meets_box(const double seg[4], const fm_box *b)
{
    double len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
    for (double t = 0; t <= len; t += 0.2) {
        double x = seg[0] + (seg[2] - seg[0]) * t / len, y = seg[1] + (seg[3] - seg[1]) * t / len;
        if (x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1)
            return 1;
    }
    return 0;
}

/* A callout for an incident among others combined into one symbol: its
 * leader ends on that symbol's rim, not over the count in its middle (in
 * Kurram's "104" the leader and its dot made the count read "1 4"). */
static void test_callout_count(void)
{
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_map *m = NULL;
    fm_map_opts o;
    fm_map_point pts[24];
    const char *cls[] = {"Battles"};
    double seg[4];
    char path[512];
    size_t i, held = 0;
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK && fm_gazetteer_open(ctx, NULL, &gz) == FM_OK);
    for (i = 0; i < 24; i++) { /* 18 at Sadda, 6 spread round it */
        double a = (double)i;
        pts[i].lon = 70.339 + (i < 18 ? 0 : 0.15 * cos(a));
        pts[i].lat = 33.71 + (i < 18 ? 0 : 0.12 * sin(a));
        pts[i].fatalities = 3 + (long)(i % 5), pts[i].cls = 0, pts[i].precision = 1;
    }
    fm_map_opts_init(&o);
    o.title = "Callout on a count";
    o.has_extent = 1, o.west = 69.8, o.south = 33.6, o.east = 70.5, o.north = 34.1;
    snprintf(path, sizeof path, "%s/callout-count.png", fm_test_tmpdir());
    CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_OK);
    CHECK(fm_map_set_points(ctx, m, pts, 24, cls, 1) == FM_OK);
    CHECK(fm_map_add_callout(ctx, m, 70.339, 33.71, "5\u201313 August 2008 \u00b7 Kurram",
                             "Battles\n54 killed") == FM_OK);
    CHECK(fm_map_render(ctx, m, path) == FM_OK);
    CHECK(fm_callout_leader(m, 0, seg) == 1);
    for (i = 0; i < m->nsymbols; i++) {
        const fm_symbol *s = &m->symbols[i];
        fm_box cb;
        if (!fm_symbol_count_box(s, &cb) || hypot(m->callouts[0].px - s->x, m->callouts[0].py - s->y) > s->r)
            continue;
        held++;
        CHECK(s->count >= 18);
        CHECK(!seg_meets_box(seg, &cb));                               /* clear of the count */
        CHECK(fabs(hypot(seg[0] - s->x, seg[1] - s->y) - s->r) < 1.5); /* on the rim */
    }
    CHECK(held == 1);
    fm_map_destroy(m);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_jenks);
    RUN(test_drawn_by_class);
    RUN(test_callout_clear);
    RUN(test_callout_count);
    fm_ctx_destroy(ctx);
    fm_render_release_fonts();
    return fm_test_done();
}
