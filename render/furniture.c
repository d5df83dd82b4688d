/* furniture.c: what frames the map: the graticule with degree labels on the
 * frame, a scale bar measured through the projection at the map centre, a
 * north arrow pointing to true north there, and the locator inset showing
 * the view within Afghanistan and Pakistan. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/map_priv.h"

static void center_lonlat(fm_map *map, double *lon, double *lat)
{
    double xy[2] = {(map->lay.vx0 + map->lay.vx1) / 2, (map->lay.vy0 + map->lay.vy1) / 2};
    fm_proj_inv(map->proj, xy, 1);
    *lon = xy[0], *lat = xy[1];
}

/* Degrees between graticule lines: the widest round step that still puts
 * two meridians across the frame (the frame's width in degrees of
 * longitude at its middle at least 2.5 steps), so two to six lines, from
 * the whole frontier to a 20 km view round a crossing. By metres alone
 * (0.5 degree from 80 km) the Bajaur and Chaman maps had one meridian. */
static double grat_step(const fm_map *map)
{
    static const double steps[] = {2.0, 1.0, 0.5, 0.25, 0.1, 0.05};
    double lat = (map->view_ll[1] + map->view_ll[3]) / 2;
    double deg = (map->lay.vx1 - map->lay.vx0) / (111.32e3 * cos(lat * M_PI / 180));
    size_t i;
    for (i = 0; i + 1 < sizeof steps / sizeof steps[0] && deg < 2.5 * steps[i]; i++)
        ;
    return steps[i];
}

static void grat_label(cairo_t *cr, const char *text, double x, double y, int vertical)
{
    PangoLayout *pl = fm_text_layout(cr, text, 6, 0);
    int w, h;
    pango_layout_get_size(pl, &w, &h);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    if (vertical)
        cairo_rotate(cr, -M_PI / 2);
    fm_text_draw(cr, pl, -w / 2.0 / PANGO_SCALE, -h / (double)PANGO_SCALE, 0);
    cairo_restore(cr);
    g_object_unref(pl);
}

/* One graticule line from (lon0,lat0) to (lon1,lat1) in 60 steps; records
 * where it leaves the frame's bottom (meridians) or left edge (parallels). */
static void grat_line(fm_map *map, cairo_t *cr, double lon0, double lat0, double lon1,
                      double lat1, int meridian, double *cross)
{
    const fm_box *f = &map->lay.frame;
    double px = 0, py = 0, lx = 0, ly = 0;
    int i, ok = 0;
    *cross = HUGE_VAL;
    for (i = 0; i <= 60; i++) {
        double t = i / 60.0;
        if (!fm_map_lonlat_page(map, lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0), &px,
                                &py))
            continue;
        if (ok)
            cairo_line_to(cr, px, py);
        else
            cairo_move_to(cr, px, py);
        if (ok && meridian && (ly - f->y1) * (py - f->y1) <= 0 && ly != py)
            *cross = lx + (f->y1 - ly) / (py - ly) * (px - lx);
        if (ok && !meridian && (lx - f->x0) * (px - f->x0) <= 0 && lx != px)
            *cross = ly + (f->x0 - lx) / (px - lx) * (py - ly);
        ok = 1, lx = px, ly = py;
    }
}

void fm_graticule_draw(fm_map *map, cairo_t *cr)
{
    double step = grat_step(map), v, cross;
    double w = floor(map->west / step) * step - 6 * step, e = map->east + 6 * step;
    double s = floor(map->south / step) * step - 6 * step, n = map->north + 6 * step;
    const fm_box *f = &map->lay.frame;
    char buf[32];
    cairo_set_line_width(cr, 0.3);
    for (v = w; v <= e + 1e-9; v += step) {
        cairo_set_source_rgba(cr, 0.35, 0.45, 0.55, 0.55);
        grat_line(map, cr, v, s, v, n, 1, &cross);
        cairo_stroke(cr);
        if (cross > f->x0 + 8 && cross < f->x1 - 8) {
            cairo_save(cr);
            cairo_reset_clip(cr);
            snprintf(buf, sizeof buf, "%g\u00b0E", v);
            grat_label(cr, buf, cross, f->y1 + 9, 0);
            cairo_restore(cr);
        }
    }
    for (v = s; v <= n + 1e-9; v += step) {
        cairo_set_source_rgba(cr, 0.35, 0.45, 0.55, 0.55);
        grat_line(map, cr, w, v, e, v, 0, &cross);
        cairo_stroke(cr);
        if (cross > f->y0 + 8 && cross < f->y1 - 8) {
            cairo_save(cr);
            cairo_reset_clip(cr);
            snprintf(buf, sizeof buf, "%g\u00b0N", v);
            grat_label(cr, buf, f->x0 - 2.5, cross, 1);
            cairo_restore(cr);
        }
    }
}

/* Ground kilometres per page point at the centre, measured east-west. */
static double km_per_pt(fm_map *map)
{
    double cx = (map->lay.vx0 + map->lay.vx1) / 2, cy = (map->lay.vy0 + map->lay.vy1) / 2;
    double half = 20 / map->lay.scale; /* 20 pt either side */
    double xy[4] = {cx - half, cy, cx + half, cy};
    fm_proj_inv(map->proj, xy, 2);
    return fm_geod_inverse(xy[0], xy[1], xy[2], xy[3], NULL) / 1000.0 / 40.0;
}

void fm_scalebar_draw(fm_map *map, cairo_t *cr, double x, double y, double max_w, double *km,
                      double *w_out)
{
    static const double nice[] = {1, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 300, 500, 1000};
    double kpp = km_per_pt(map) * (map->lay.fs > 0 ? map->lay.fs : 1), len_km = nice[0], w;
    char buf[32];
    size_t i;
    int seg;
    for (i = 0; i < sizeof nice / sizeof nice[0]; i++)
        if (nice[i] / kpp <= max_w)
            len_km = nice[i];
    w = len_km / kpp;
    *km = len_km, *w_out = w;
    for (seg = 0; seg < 4; seg++) {
        cairo_rectangle(cr, x + seg * w / 4, y, w / 4, 3.2);
        cairo_set_source_rgb(cr, seg % 2 ? 1 : 0.15, seg % 2 ? 1 : 0.15, seg % 2 ? 1 : 0.15);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
    }
    for (seg = 0; seg <= 4; seg += 2) {
        PangoLayout *pl;
        int tw, th;
        snprintf(buf, sizeof buf, seg == 4 ? "%g km" : "%g", len_km * seg / 4);
        pl = fm_text_layout(cr, buf, 6, 0);
        pango_layout_get_size(pl, &tw, &th);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        fm_text_draw(cr, pl, x + seg * w / 4 - (seg == 4 ? 4 : tw / 2.0 / PANGO_SCALE),
                     y + 4, 0);
        g_object_unref(pl);
    }
}

void fm_north_draw(fm_map *map, cairo_t *cr, double x, double y)
{
    double lon, lat, x0, y0, x1, y1, ang;
    PangoLayout *pl;
    int w, h;
    center_lonlat(map, &lon, &lat);
    fm_map_lonlat_page(map, lon, lat, &x0, &y0);
    fm_map_lonlat_page(map, lon, lat + 0.2, &x1, &y1);
    ang = atan2(x1 - x0, y0 - y1); /* clockwise from page-up */
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, ang);
    cairo_move_to(cr, 0, -11);
    cairo_line_to(cr, 4, 5);
    cairo_line_to(cr, 0, 2);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_fill(cr);
    cairo_move_to(cr, 0, -11);
    cairo_line_to(cr, -4, 5);
    cairo_line_to(cr, 0, 2);
    cairo_close_path(cr);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    pl = fm_text_layout(cr, "N", 7, 1);
    pango_layout_get_size(pl, &w, &h);
    fm_text_draw(cr, pl, -w / 2.0 / PANGO_SCALE, -12 - h / (double)PANGO_SCALE, 0);
    g_object_unref(pl);
    cairo_restore(cr);
}
