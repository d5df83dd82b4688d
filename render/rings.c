/* rings.c: buffer rings for reports ("everything within 25 km of Torkham"):
 * the geodesic circle of the radius around the place, sampled every 2
 * degrees of azimuth through fm_geod_direct, so it is true on the ground
 * whatever the projection does to it, drawn as a dark dashed line on a
 * white halo, with its label ("Torkham 25 km") at the top of the ring, or
 * where the ring is in the frame nearest its top. */
#include <math.h>
#include <string.h>

#include "render/map_priv.h"

static void ring_path(fm_map *map, cairo_t *cr, size_t i)
{
    int k, started = 0;
    for (k = 0; k <= 180; k++) {
        double lon, lat, x, y;
        fm_geod_direct(map->rings[i].lon, map->rings[i].lat, k * 2.0, map->rings[i].radius_m,
                       &lon, &lat);
        if (!fm_map_lonlat_page(map, lon, lat, &x, &y))
            continue;
        if (started)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
        started = 1;
    }
    if (started)
        cairo_close_path(cr);
}

void fm_rings_draw(fm_map *map, cairo_t *cr)
{
    static const double dash[] = {4, 2};
    size_t i;
    double x, y;
    for (i = 0; i < map->nrings; i++) {
        ring_path(map, cr, i);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_set_line_width(cr, 2.4);
        cairo_stroke_preserve(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.25);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        if (fm_map_lonlat_page(map, map->rings[i].lon, map->rings[i].lat, &x, &y)) {
            cairo_arc(cr, x, y, 1.2, 0, 2 * M_PI); /* the centre */
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.25);
            cairo_fill(cr);
        }
    }
}

int fm_ring_label_box(fm_map *map, cairo_t *cr, size_t i, fm_box *b, PangoLayout **pl)
{
    /* the top of the ring first, then round it either way: a ring whose
     * top lies off the frame (Torkham's 25 km in a 45 km box) was drawn
     * without its label */
    static const double az[] = {0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180};
    PangoRectangle ink, lg;
    const fm_box *f = &map->lay.frame;
    *pl = fm_text_layout(cr, map->rings[i].label, 6.4, 1);
    pango_layout_get_pixel_extents(*pl, &ink, &lg);
    for (size_t k = 0; k < sizeof az / sizeof az[0]; k++) {
        double lon, lat, x, y;
        fm_geod_direct(map->rings[i].lon, map->rings[i].lat, az[k], map->rings[i].radius_m,
                       &lon, &lat);
        if (!fm_map_lonlat_page(map, lon, lat, &x, &y))
            continue;
        b->x0 = x - lg.width / 2.0, b->x1 = x + lg.width / 2.0;
        b->y0 = y - lg.height / 2.0, b->y1 = y + lg.height / 2.0;
        if (b->x0 >= f->x0 + 2 && b->x1 <= f->x1 - 2 && b->y0 >= f->y0 + 2 && b->y1 <= f->y1 - 2)
            return 1;
    }
    g_object_unref(*pl);
    *pl = NULL;
    return 0;
}
