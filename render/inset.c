/* inset.c: the locator inset: Afghanistan and Pakistan whole, in the map's
 * own projection, with the main map's extent outlined in red. */
#include <math.h>
#include <string.h>

#include "render/map_priv.h"

/* A layout that puts Afghanistan and Pakistan into the inset box. */
static void inset_layout(fm_map *map, fm_layout *il)
{
    const fm_box *b = &map->lay.inset;
    double bb[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}, cx, cy, fw, fh;
    int i;
    for (i = 0; i <= 20; i++) {
        double t = i / 20.0, p[8] = {60.4 + t * 17.5, 23.4, 60.4 + t * 17.5, 38.6,
                                     60.4, 23.4 + t * 15.2, 77.9, 23.4 + t * 15.2};
        int k;
        fm_proj_fwd(map->proj, p, 4);
        for (k = 0; k < 4; k++)
            if (p[2 * k] != HUGE_VAL) {
                bb[0] = fmin(bb[0], p[2 * k]), bb[1] = fmin(bb[1], p[2 * k + 1]);
                bb[2] = fmax(bb[2], p[2 * k]), bb[3] = fmax(bb[3], p[2 * k + 1]);
            }
    }
    *il = map->lay;
    il->frame = *b;
    fw = b->x1 - b->x0, fh = b->y1 - b->y0;
    il->scale = fmin(fw / (bb[2] - bb[0]), fh / (bb[3] - bb[1]));
    cx = (bb[0] + bb[2]) / 2, cy = (bb[1] + bb[3]) / 2;
    il->vx0 = cx - fw / il->scale / 2, il->vx1 = cx + fw / il->scale / 2;
    il->vy0 = cy - fh / il->scale / 2, il->vy1 = cy + fh / il->scale / 2;
}

static void inset_countries(fm_map *map, cairo_t *cr)
{
    size_t i, n = fm_basemap_count(map->bm, FM_LAYER_COUNTRIES);
    for (i = 0; i < n; i++) {
        const char *iso2 = NULL;
        const fm_geom *g = fm_basemap_geom(map->bm, FM_LAYER_COUNTRIES, i, &iso2, NULL);
        int home = iso2 && (!strcmp(iso2, "AF") || !strcmp(iso2, "PK"));
        if (!g)
            continue;
        fm_geom_path(map, cr, g, 2);
        if (home)
            cairo_set_source_rgb(cr, 0.90, 0.86, 0.78);
        else
            cairo_set_source_rgb(cr, 0.92, 0.92, 0.91);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr, 0.3);
        cairo_stroke(cr);
    }
}

static void inset_name(fm_map *map, cairo_t *cr, const char *name, double lon, double lat)
{
    double x, y;
    int w, h;
    PangoLayout *pl;
    if (!fm_map_lonlat_page(map, lon, lat, &x, &y))
        return;
    pl = fm_text_layout(cr, name, 6 * (map->lay.fs > 0 ? map->lay.fs : 1), 1);
    pango_layout_get_size(pl, &w, &h);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fm_text_draw(cr, pl, x - w / 2.0 / PANGO_SCALE, y - h / 2.0 / PANGO_SCALE, 1);
    g_object_unref(pl);
}

void fm_inset_draw(fm_map *map, cairo_t *cr)
{
    fm_layout saved = map->lay, il;
    const fm_box *b = &saved.inset;
    double x0, y0, x1, y1;
    if (b->x1 - b->x0 < 20 || b->y1 - b->y0 < 20) /* no room left for it (layout.c) */
        return;
    inset_layout(map, &il);
    cairo_save(cr);
    cairo_rectangle(cr, b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
    cairo_clip_preserve(cr);
    cairo_set_source_rgb(cr, 0.80, 0.88, 0.93);
    cairo_fill(cr);
    map->lay = il;
    if (map->bm)
        inset_countries(map, cr);
    fm_lay_page(&il, saved.vx0, saved.vy0, &x0, &y0);
    fm_lay_page(&il, saved.vx1, saved.vy1, &x1, &y1);
    cairo_rectangle(cr, x0, y1, x1 - x0, y0 - y1);
    cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
    cairo_set_line_width(cr, 1.2);
    cairo_stroke(cr);
    /* the names over the outline, on their halos */
    inset_name(map, cr, "AFGHANISTAN", 65.4, 33.4);
    inset_name(map, cr, "PAKISTAN", 68.6, 26.6);
    map->lay = saved;
    cairo_restore(cr);
    cairo_rectangle(cr, b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}
