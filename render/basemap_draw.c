/* basemap_draw.c: the ground under the incidents: sea, Afghanistan and
 * Pakistan in a light land colour, their neighbours muted, provinces in thin
 * grey, and the Durand Line drawn distinctly (dark dash-dot over a pale halo)
 * because its status is disputed and the legend says so. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

static const double border_dash[] = {5.0, 1.6, 0.9, 1.6};
const fm_halo_line fm_border_line = {{0.93, 0.55, 0.50, 0.55}, 4.0, {0.16, 0.12, 0.12}, 1.2,
                                     border_dash, 4, 1};
static const double col_sea[3] = {0.80, 0.88, 0.93};
static const double col_land[3] = {0.965, 0.952, 0.925};
static const double col_other[3] = {0.885, 0.885, 0.88};

/* Adds a geometry's parts to the current path in page points, skipping
 * vertices closer than a third of a point to the last one drawn. */
void fm_geom_path(fm_map *map, cairo_t *cr, const fm_geom *g, int close)
{
    size_t part, i;
    double xy[2 * 512];
    for (part = 0; part < g->nparts; part++) {
        size_t a = g->part_start[part], b = g->part_start[part + 1], k;
        double lx = HUGE_VAL, ly = HUGE_VAL;
        int started = 0;
        /* close == 2: outer rings only (slivers between the generalised
         * polygons come through as holes that are not real) */
        if (close == 2 && g->ring_is_hole && g->ring_is_hole[part])
            continue;
        for (i = a; i < b; i += 512) {
            size_t m = b - i < 512 ? b - i : 512;
            memcpy(xy, g->xy + 2 * i, m * 2 * sizeof(double));
            fm_proj_fwd(map->proj, xy, m);
            for (k = 0; k < m; k++) {
                double px, py;
                if (xy[2 * k] == HUGE_VAL)
                    continue;
                fm_lay_page(&map->lay, xy[2 * k], xy[2 * k + 1], &px, &py);
                if (started && fabs(px - lx) + fabs(py - ly) < 0.33 && i + k + 1 < b)
                    continue;
                if (started)
                    cairo_line_to(cr, px, py);
                else
                    cairo_move_to(cr, px, py);
                started = 1, lx = px, ly = py;
            }
        }
        if (close && started)
            cairo_close_path(cr);
    }
}

/* Is the geometry's lon/lat box anywhere near the view? */
static int geom_visible(const fm_map *map, const fm_geom *g)
{
    return !(g->east < map->west - 8 || g->west > map->east + 8 ||
             g->north < map->south - 8 || g->south > map->north + 8);
}

/* The countries filled; outlined too unless a density layer will lie over
 * them (fm_basemap_draw_lines then outlines them over it). */
static void draw_countries(fm_map *map, cairo_t *cr, int fill)
{
    size_t i, n = fm_basemap_count(map->bm, FM_LAYER_COUNTRIES);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (i = 0; i < n; i++) {
        const char *iso2 = NULL, *country = NULL;
        const fm_geom *g = fm_basemap_geom(map->bm, FM_LAYER_COUNTRIES, i, &iso2, &country);
        int home = iso2 && (!strcmp(iso2, "AF") || !strcmp(iso2, "PK"));
        const double *c = home ? col_land : col_other;
        if (!g || !geom_visible(map, g))
            continue;
        fm_geom_path(map, cr, g, 2);
        if (fill) {
            cairo_set_source_rgb(cr, c[0], c[1], c[2]);
            if (map->grid) {
                cairo_fill(cr);
                continue;
            }
            cairo_fill_preserve(cr);
        }
        cairo_set_source_rgb(cr, 0.62, 0.62, 0.6);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
    }
}

fm_status fm_basemap_prepare(fm_ctx *ctx, fm_map *map)
{
    const fm_geom *fata;
    fm_status st = fm_period_fata_line(ctx, map, &fata);
    if (st || map->prov_lines_made)
        return st;
    map->prov_lines_made = 1;
    return fm_province_lines(ctx, map->bm, &map->prov_lines);
}

/* Province lines inside each country only (provlines.c): the outer edges
 * of the provinces are the country outlines and the border, drawn once. */
static void draw_provinces(fm_map *map, cairo_t *cr)
{
    if (!map->prov_lines_made) {
        map->prov_lines_made = 1;
        if (fm_province_lines(NULL, map->bm, &map->prov_lines))
            return;
    }
    cairo_set_source_rgb(cr, 0.66, 0.63, 0.58);
    cairo_set_line_width(cr, 0.45);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (map->prov_lines.nparts)
        fm_geom_path(map, cr, &map->prov_lines, 0);
    if (map->fata_line.nparts) /* a period's: FATA's with the North-West Frontier */
        fm_geom_path(map, cr, &map->fata_line, 0);
    cairo_stroke(cr);
}

static void draw_border(fm_map *map, cairo_t *cr)
{
    size_t i, n = fm_basemap_count(map->bm, FM_LAYER_BORDER);
    for (i = 0; i < n; i++) {
        const fm_geom *g = fm_basemap_geom(map->bm, FM_LAYER_BORDER, i, NULL, NULL);
        if (!g)
            continue;
        fm_geom_path(map, cr, g, 0);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        fm_stroke_haloed(cr, &fm_border_line);
    }
}

/* The sea: whatever no country covers, south of 26.5N (further north a gap
 * between polygons is disputed land such as Kashmir, not water). */
static void draw_sea(fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    size_t i, n = fm_basemap_count(map->bm, FM_LAYER_COUNTRIES);
    double lon, px, py, ytop = f->y1;
    for (lon = 56; lon <= 82; lon += 1)
        if (fm_map_lonlat_page(map, lon, 26.5, &px, &py) && py < ytop)
            ytop = py;
    if (ytop >= f->y1)
        return;
    ytop = ytop < f->y0 ? f->y0 : ytop;
    cairo_save(cr);
    cairo_rectangle(cr, f->x0, ytop, f->x1 - f->x0, f->y1 - ytop);
    cairo_clip(cr);
    cairo_rectangle(cr, f->x0, ytop, f->x1 - f->x0, f->y1 - ytop);
    for (i = 0; i < n; i++) {
        const fm_geom *g = fm_basemap_geom(map->bm, FM_LAYER_COUNTRIES, i, NULL, NULL);
        if (g && g->south < 27)
            fm_geom_path(map, cr, g, 1);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_source_rgb(cr, col_sea[0], col_sea[1], col_sea[2]);
    cairo_fill(cr);
    cairo_restore(cr);
}

/* The ground and, on a map without a density layer, its lines. A density
 * would hide the lines a reader finds places by: map.c draws it over the
 * ground and then fm_basemap_draw_lines over it. */
void fm_basemap_draw(fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    cairo_set_source_rgb(cr, col_other[0], col_other[1], col_other[2]);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_fill(cr);
    if (!map->bm)
        return;
    draw_sea(map, cr);
    draw_countries(map, cr, 1);
    fm_choro_draw(map, cr);
    fm_detail_draw(map, cr);
    if (!map->grid) {
        draw_provinces(map, cr);
        draw_border(map, cr);
    }
}

void fm_basemap_draw_lines(fm_map *map, cairo_t *cr)
{
    if (!map->bm || !map->grid)
        return;
    draw_countries(map, cr, 0);
    draw_provinces(map, cr);
    draw_border(map, cr);
}
