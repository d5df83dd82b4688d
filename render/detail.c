/* detail.c: the detail that grows with scale: roads (with their route
 * numbers), rivers and lakes (with names), from data/basemap/roads.geojson,
 * rivers.geojson and water.geojson (OpenStreetMap, built by
 * scripts/data/detail.py), and the elevation grid behind the shaded relief
 * (relief.c). Each class of road and rank of river is drawn only on views
 * narrow enough for it to help, thin and muted: the incidents stay the
 * subject. The files are optional: a data directory without them draws the
 * map without detail. The GeoJSON reader is geo/'s own (geo_priv.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <zlib.h>

#include "geo/geo_priv.h"
#include "render/map_priv.h"

#ifndef FM_DETAIL_INDEX
#define FM_DETAIL_INDEX "" /* no image: always parse */
#endif

enum { ROAD_MOTORWAY, ROAD_TRUNK, ROAD_PRIMARY, ROAD_SECONDARY, ROAD_TERTIARY, ROAD_N };

/* Widest view (km) on which each road class and river rank is drawn. */
static const double road_view_km[ROAD_N] = {2500, 2500, 900, 380, 160};
static const double road_width[ROAD_N] = {0.9, 0.8, 0.6, 0.45, 0.35};
static const double road_grey[ROAD_N] = {0.50, 0.50, 0.58, 0.66, 0.72};
static const double river_view_km[4] = {0, 2500, 800, 220};
static const double river_width[4] = {0, 0.75, 0.55, 0.35};

static const double col_water[3] = {0.56, 0.72, 0.86};

static int road_class(const char *s)
{
    static const char *const names[ROAD_N] = {"motorway", "trunk", "primary", "secondary",
                                              "tertiary"};
    int i;
    for (i = 0; s && i < ROAD_N; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

void fm_detail_close(fm_detail *d)
{
    size_t i;
    if (!d)
        return;
    if (d->map) { /* the names, pools and shade are the image's */
        free(d->f);
        munmap(d->map, d->map_len);
        free(d);
        return;
    }
    for (i = 0; i < d->n; i++)
        free(d->f[i].name);
    free(d->f);
    fm_big_free(d->pool_xy);
    fm_big_free(d->pool_parts);
    fm_big_free(d->pool_holes);
    free(d->z);
    free(d->shade);
    free(d);
}

typedef struct {
    fm_detail *d;
    int layer;
    size_t cap;
    size_t nxy, nparts, nholes;          /* used of the pools */
    size_t cap_xy, cap_parts, cap_holes; /* their sizes */
} load_state;

/* Copies the feature's geometry to the end of the pools. A feature taking
 * the reader's arrays as they were cost a fresh malloc'd block per feature,
 * grown page by page in the loading thread's arena (a third of the load's
 * time went to those page faults and mprotect calls); the reader reuses its
 * blocks when they stay with it. */
static fm_status pool_geom(fm_ctx *ctx, load_state *ls, fm_detail_feature *df,
                           const fm_geom *g)
{
    fm_detail *d = ls->d;
    if (fm_big_grow(ctx, (void **)&d->pool_xy, &ls->cap_xy, 2 * (ls->nxy + g->npoints),
                    sizeof *d->pool_xy) ||
        fm_big_grow(ctx, (void **)&d->pool_parts, &ls->cap_parts, ls->nparts + g->nparts + 1,
                    sizeof *d->pool_parts) ||
        (g->ring_is_hole && fm_big_grow(ctx, (void **)&d->pool_holes, &ls->cap_holes,
                                        ls->nholes + g->nparts, 1)))
        return FM_ENOMEM;
    df->g = *g;
    df->at_xy = ls->nxy, df->at_parts = ls->nparts, df->at_holes = SIZE_MAX;
    if (g->npoints)
        memcpy(d->pool_xy + 2 * ls->nxy, g->xy, 2 * g->npoints * sizeof *g->xy);
    if (g->part_start)
        memcpy(d->pool_parts + ls->nparts, g->part_start,
               (g->nparts + 1) * sizeof *g->part_start);
    else /* no coordinates */
        d->pool_parts[ls->nparts] = 0;
    ls->nxy += g->npoints, ls->nparts += g->nparts + 1;
    if (g->ring_is_hole) {
        memcpy(d->pool_holes + ls->nholes, g->ring_is_hole, g->nparts);
        df->at_holes = ls->nholes;
        ls->nholes += g->nparts;
    }
    df->g.xy = NULL, df->g.part_start = NULL, df->g.ring_is_hole = NULL;
    return FM_OK;
}

/* Points the features at their arrays, once the pools no longer move. */
static void pool_link(fm_detail *d)
{
    size_t i;
    for (i = 0; i < d->n; i++) {
        fm_detail_feature *df = &d->f[i];
        df->g.xy = d->pool_xy + 2 * df->at_xy;
        df->g.part_start = d->pool_parts + df->at_parts;
        df->g.ring_is_hole = df->at_holes != SIZE_MAX ? d->pool_holes + df->at_holes : NULL;
    }
}

static fm_status take_feature(fm_ctx *ctx, fm_geojson_feature *f, long index, void *user)
{
    load_state *ls = user;
    fm_detail *d = ls->d;
    fm_detail_feature *df;
    (void)index;
    if (fm_grow(ctx, (void **)&d->f, &ls->cap, d->n + 1, sizeof *d->f))
        return FM_ENOMEM;
    df = &d->f[d->n];
    memset(df, 0, sizeof *df);
    df->layer = ls->layer;
    if (ls->layer == FM_DETAIL_ROAD) {
        if ((df->rank = road_class(f->prop[0])) < 0)
            return FM_OK; /* a class this program does not draw */
        df->name = f->prop[1], f->prop[1] = NULL; /* the route number */
    } else if (ls->layer == FM_DETAIL_RIVER) {
        df->rank = f->prop[0] ? atoi(f->prop[0]) : 3;
        df->rank = df->rank < 1 ? 1 : df->rank > 3 ? 3 : df->rank;
        df->name = f->prop[1], f->prop[1] = NULL;
        df->dashed = f->prop[2] && !strcmp(f->prop[2], "1");
    }
    if (pool_geom(ctx, ls, df, &f->g)) {
        free(df->name);
        return FM_ENOMEM;
    }
    d->n++;
    return FM_OK;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static fm_status load_layer(fm_ctx *ctx, load_state *ls, const char *dir, const char *file,
                            int layer)
{
    static const char *const road_keys[] = {"class", "ref", NULL};
    static const char *const river_keys[] = {"rank", "name", "intermittent", NULL};
    static const char *const water_keys[] = {"class", NULL};
    char path[1024];
    snprintf(path, sizeof path, "%s/basemap/%s", dir, file);
    if (!exists(path))
        return FM_OK;
    ls->layer = layer;
    return fm_geojson_read_file(ctx, path,
                                layer == FM_DETAIL_ROAD    ? road_keys
                                : layer == FM_DETAIL_RIVER ? river_keys
                                                           : water_keys,
                                take_feature, ls);
}

/* The elevation grid: a header line "FMDEM1 nx ny west north cell nodata"
 * and nx*ny little-endian Int16 samples, gzip-compressed. */
static fm_status load_dem(fm_ctx *ctx, fm_detail *d, const char *dir)
{
    char path[1024], head[128];
    gzFile gz;
    size_t i, n;
    int nx, ny, nodata;
    unsigned char *raw;
    snprintf(path, sizeof path, "%s/basemap/relief.dem.gz", dir);
    if (!exists(path))
        return FM_OK;
    if (!(gz = gzopen(path, "rb")))
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    if (!gzgets(gz, head, sizeof head) ||
        sscanf(head, "FMDEM1 %d %d %lf %lf %lf %d", &nx, &ny, &d->dem_west, &d->dem_north,
               &d->dem_cell, &nodata) != 6 ||
        nx < 2 || ny < 2 || nx > 20000 || ny > 20000 || !(d->dem_cell > 0)) {
        gzclose(gz);
        return fm_error(ctx, FM_EFORMAT, "'%s': line 1: not an FMDEM1 elevation grid", path);
    }
    n = (size_t)nx * ny;
    raw = malloc(2 * n);
    d->z = fm_malloc_array(n, sizeof *d->z);
    if (!raw || !d->z) {
        free(raw);
        gzclose(gz);
        return fm_error(ctx, FM_ENOMEM, "out of memory for '%s'", path);
    }
    if (gzread(gz, raw, (unsigned)(2 * n)) != (int)(2 * n)) {
        free(raw);
        gzclose(gz);
        return fm_error(ctx, FM_EFORMAT, "'%s': the grid is shorter than %dx%d", path, nx, ny);
    }
    gzclose(gz);
    for (i = 0; i < n; i++) {
        int v = (int16_t)(raw[2 * i] | raw[2 * i + 1] << 8);
        d->z[i] = (float)(v == nodata ? NAN : v);
    }
    free(raw);
    d->dem_nx = nx, d->dem_ny = ny;
    return FM_OK;
}

fm_status fm_detail_parse(fm_ctx *ctx, const char *data_dir, fm_detail **out)
{
    fm_detail *d = calloc(1, sizeof *d);
    load_state ls;
    const char *dir = data_dir ? data_dir : fm_ctx_data_dir(ctx);
    fm_status st;
    *out = NULL;
    if (!d)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    memset(&ls, 0, sizeof ls);
    ls.d = d;
    if ((st = load_layer(ctx, &ls, dir, "water.geojson", FM_DETAIL_WATER)) ||
        (st = load_layer(ctx, &ls, dir, "rivers.geojson", FM_DETAIL_RIVER)) ||
        (st = load_layer(ctx, &ls, dir, "roads.geojson", FM_DETAIL_ROAD)) ||
        (st = load_dem(ctx, d, dir))) {
        fm_detail_close(d);
        return st;
    }
    pool_link(d);
    d->nxy = ls.nxy, d->nparts = ls.nparts, d->nholes = ls.nholes;
    *out = d;
    return FM_OK;
}

/* index_path when given, else the image installed beside the data
 * (data_dir/detail.idx, written by `cmake --install`), else the build
 * tree's; without a good one, the sources. */
fm_status fm_detail_open_index(fm_ctx *ctx, const char *data_dir, const char *index_path,
                               fm_detail **out)
{
    const char *dir = data_dir ? data_dir : fm_ctx_data_dir(ctx);
    char beside[4096];
    fm_status st = FM_ENOTFOUND;
    if (index_path)
        st = fm_detail_image_map(ctx, index_path, dir, out);
    else if (snprintf(beside, sizeof beside, "%s/detail.idx", dir) < (int)sizeof beside &&
             (st = fm_detail_image_map(ctx, beside, dir, out)) == FM_ENOTFOUND)
        st = fm_detail_image_map(ctx, FM_DETAIL_INDEX, dir, out);
    if (st != FM_ENOTFOUND)
        return st;
    fm_log(ctx, FM_LOG_DEBUG, "basemap detail: no image of '%s', parsing it", dir);
    return fm_detail_parse(ctx, dir, out);
}

fm_status fm_detail_open(fm_ctx *ctx, const char *data_dir, fm_detail **out)
{
    return fm_detail_open_index(ctx, data_dir, NULL, out);
}

/* ---- drawing ----------------------------------------------------------------- */

double fm_view_km(const fm_map *map)
{
    return (map->lay.vx1 - map->lay.vx0) / 1000.0;
}

static int visible(const fm_map *map, const fm_geom *g)
{
    double m = 0.2;
    return !(g->east < map->view_ll[0] - m || g->west > map->view_ll[2] + m ||
             g->north < map->view_ll[1] - m || g->south > map->view_ll[3] + m);
}

/* Whether feature f is drawn on this view. */
int fm_detail_shown(const fm_map *map, const fm_detail_feature *f)
{
    double km = fm_view_km(map);
    if (f->layer == FM_DETAIL_ROAD)
        return km < road_view_km[f->rank] && visible(map, &f->g);
    if (f->layer == FM_DETAIL_RIVER)
        return km < river_view_km[f->rank] && visible(map, &f->g);
    return km < 1500 && visible(map, &f->g);
}

/* Adds a line geometry to the path, only its segments near the frame (a
 * river or a route dissolved by name can cross the whole country; the PDF
 * need not carry what lies off the page). Inside the frame a vertex closer
 * than LINE_STEP points to the last one drawn is skipped (the part's last is
 * kept): on a country-wide view OSM's vertices lie a fraction of a pixel
 * apart, and stroking each costs cairo a round join (a tenth of a heatmap's
 * time) for a shape that differs from the full one by under half a pixel. */
#define LINE_STEP 0.2
static void line_path(fm_map *map, cairo_t *cr, const fm_geom *g)
{
    const fm_box *f = &map->lay.frame;
    double xy[2 * 512], px = 0, py = 0, m = 12;
    size_t part, i, k;
    for (part = 0; part < g->nparts; part++) {
        size_t a = g->part_start[part], b = g->part_start[part + 1];
        int have = 0, drawn = 0, pin = 0;
        for (i = a; i < b; i += 512) {
            size_t n = b - i < 512 ? b - i : 512;
            memcpy(xy, g->xy + 2 * i, n * 2 * sizeof(double));
            fm_proj_fwd(map->proj, xy, n);
            for (k = 0; k < n; k++) {
                double x, y;
                int in;
                if (xy[2 * k] == HUGE_VAL) {
                    have = drawn = 0;
                    continue;
                }
                fm_lay_page(&map->lay, xy[2 * k], xy[2 * k + 1], &x, &y);
                in = x > f->x0 - m && x < f->x1 + m && y > f->y0 - m && y < f->y1 + m;
                if (drawn && in && pin && fabs(x - px) + fabs(y - py) < LINE_STEP &&
                    i + k + 1 < b)
                    continue;
                if (have && (in || pin)) { /* a segment touching the frame */
                    if (!drawn)
                        cairo_move_to(cr, px, py);
                    cairo_line_to(cr, x, y);
                    drawn = 1;
                } else
                    drawn = 0;
                px = x, py = y;
                have = 1, pin = in;
            }
        }
    }
}

static void draw_water(fm_map *map, cairo_t *cr, const fm_detail *d)
{
    size_t i;
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (i = 0; i < d->n; i++)
        if (d->f[i].layer == FM_DETAIL_WATER && fm_detail_shown(map, &d->f[i]))
            fm_geom_path(map, cr, &d->f[i].g, 1);
    cairo_set_source_rgb(cr, col_water[0], col_water[1], col_water[2]);
    cairo_fill(cr);
}

static void draw_rivers(fm_map *map, cairo_t *cr, const fm_detail *d)
{
    static const double dash[] = {2.5, 1.2};
    size_t i;
    int rank;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_source_rgb(cr, col_water[0] - 0.08, col_water[1] - 0.06, col_water[2] - 0.02);
    for (rank = 3; rank >= 1; rank--)
        for (i = 0; i < d->n; i++) {
            const fm_detail_feature *f = &d->f[i];
            if (f->layer != FM_DETAIL_RIVER || f->rank != rank || !fm_detail_shown(map, f))
                continue;
            line_path(map, cr, &f->g);
            cairo_set_line_width(cr, river_width[rank] * (fm_view_km(map) < 200 ? 1.3 : 1));
            cairo_set_dash(cr, dash, f->dashed ? 2 : 0, 0);
            cairo_stroke(cr);
        }
    cairo_set_dash(cr, NULL, 0, 0);
}

/* Roads, the lesser classes first; on large-scale views the main ones get a
 * white casing so they read over the relief. Each road's grey line is
 * stroked on its own: one path for a whole class made cairo's scan
 * converter walk every road crossing each row of the frame, and stroking
 * road by road takes a third of the time for the same pixels (the colour
 * is opaque, so where roads overlap nothing shows). The translucent casing
 * stays one path, so that its overlaps do not show either. */
static void draw_roads(fm_map *map, cairo_t *cr, const fm_detail *d)
{
    size_t i;
    int cls, casing = fm_view_km(map) < 450;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (cls = ROAD_N - 1; cls >= 0; cls--) {
        double w = road_width[cls] * (fm_view_km(map) < 200 ? 1.35 : 1), g = road_grey[cls];
        if (casing && cls <= ROAD_PRIMARY) {
            for (i = 0; i < d->n; i++) {
                const fm_detail_feature *f = &d->f[i];
                if (f->layer == FM_DETAIL_ROAD && f->rank == cls && fm_detail_shown(map, f))
                    line_path(map, cr, &f->g);
            }
            cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
            cairo_set_line_width(cr, w + 1.0);
            cairo_stroke(cr);
        }
        cairo_set_source_rgb(cr, g + 0.12, g, g - 0.06);
        cairo_set_line_width(cr, w);
        for (i = 0; i < d->n; i++) {
            const fm_detail_feature *f = &d->f[i];
            if (f->layer == FM_DETAIL_ROAD && f->rank == cls && fm_detail_shown(map, f)) {
                line_path(map, cr, &f->g);
                cairo_stroke(cr);
            }
        }
    }
}

void fm_detail_draw(fm_map *map, cairo_t *cr)
{
    const fm_detail *d = map->detail;
    if (!d)
        return;
    cairo_save(cr);
    if (!map->choro) /* shading over the classes would change their colours */
        fm_relief_draw(map, cr);
    /* in a raster, lakes, rivers and roads on cairo's 4 x 4 grid of
     * samples: a fifth less CPU for the ground (a heatmap's 600 strokes),
     * and edges that move by a few levels (tests/unit/test_reference.c) */
    if (cairo_surface_get_type(cairo_get_group_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE)
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
    draw_water(map, cr, d);
    draw_rivers(map, cr, d);
    draw_roads(map, cr, d);
    cairo_restore(cr);
}

/* ---- names ------------------------------------------------------------------- */

/* The point halfway along the longest run of the feature inside the frame
 * (page points); 0 when less than min_len of it is inside. */
static int mid_anchor(fm_map *map, const fm_geom *g, double min_len, double *ax, double *ay)
{
    const fm_box *f = &map->lay.frame;
    double best = 0;
    size_t part, i;
    for (part = 0; part < g->nparts; part++) {
        double len = 0, px = 0, py = 0;
        size_t a = g->part_start[part], b = g->part_start[part + 1], start = a;
        int in = 0;
        for (i = a; i <= b; i++) {
            double x = 0, y = 0;
            int ok = i < b && fm_map_lonlat_page(map, g->xy[2 * i], g->xy[2 * i + 1], &x, &y) &&
                     x > f->x0 + 20 && x < f->x1 - 20 && y > f->y0 + 12 && y < f->y1 - 12;
            if (ok && in)
                len += hypot(x - px, y - py);
            if (!ok || i == b) {
                if (in && len > best && len >= min_len) {
                    /* walk the run again to its middle */
                    double half = len / 2, run = 0, qx = 0, qy = 0;
                    size_t k;
                    for (k = start; k < i; k++) {
                        double x2, y2;
                        fm_map_lonlat_page(map, g->xy[2 * k], g->xy[2 * k + 1], &x2, &y2);
                        if (k > start && (run += hypot(x2 - qx, y2 - qy)) >= half) {
                            *ax = x2, *ay = y2;
                            break;
                        }
                        qx = x2, qy = y2;
                    }
                    best = len;
                }
                in = 0, len = 0;
                continue;
            }
            if (!in)
                start = i, in = 1;
            px = x, py = y;
        }
    }
    return best > 0;
}

/* A name already placed as a candidate within 160 points (one shield per
 * route, one name per river, across the pieces OSM splits them into). */
static int near_same(const fm_label_cand *c, size_t n, const char *name, double x, double y)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((c[i].kind == FM_LK_ROUTE || c[i].kind == FM_LK_RIVER) && !strcmp(c[i].name, name) &&
            hypot(c[i].x - x, c[i].y - y) < 160)
            return 1;
    return 0;
}

fm_status fm_detail_label_cands(fm_ctx *ctx, fm_map *map, fm_label_cand **c, size_t *n,
                                size_t *cap)
{
    const fm_detail *d = map->detail;
    double km = fm_view_km(map);
    size_t i;
    for (i = 0; d && i < d->n; i++) {
        const fm_detail_feature *f = &d->f[i];
        fm_label_cand one;
        int road = f->layer == FM_DETAIL_ROAD;
        if (!f->name || f->layer == FM_DETAIL_WATER || !fm_detail_shown(map, f) ||
            (road && km > 700) || (!road && km > 1200 && f->rank > 1))
            continue;
        memset(&one, 0, sizeof one);
        if (!mid_anchor(map, &f->g, road ? 60 : 80, &one.x, &one.y) ||
            near_same(*c, *n, f->name, one.x, one.y))
            continue;
        one.kind = road ? FM_LK_ROUTE : FM_LK_RIVER;
        one.name = f->name;
        one.id = (int)i;
        one.score = road ? 4 - f->rank : 4 - f->rank;
        if (fm_grow(ctx, (void **)c, cap, *n + 1, sizeof **c))
            return FM_ENOMEM;
        (*c)[(*n)++] = one;
    }
    return FM_OK;
}
