/* heat_draw.c: a heatmap layer drawn over the basemap: the density under
 * the ramp, optionally the incidents, the title, credits and the note of
 * what the map left out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heat/fm_heat.h"

/* Hands the incidents to the map as plain symbols (one class). */
static fm_status heat_set_points(fm_ctx *ctx, fm_map *map, const fm_heat_layer *l)
{
    static const char *const cls[] = {"incident"};
    const fm_points *pt = l->pts;
    fm_map_point *p = fm_malloc_array(pt->n ? pt->n : 1, sizeof *p);
    size_t i;
    fm_status st;
    if (!p)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < pt->n; i++) {
        p[i].lon = pt->lonlat[2 * i], p[i].lat = pt->lonlat[2 * i + 1];
        p[i].fatalities = pt->fatalities[i];
        p[i].cls = 0;
        p[i].precision = pt->geo_precision && pt->geo_precision[i] > 0 ? pt->geo_precision[i] : 1;
    }
    st = fm_map_set_points(ctx, map, p, pt->n, cls, 1);
    free(p);
    return st;
}

/* The layer's density over the frame's view (and a cell more around it),
 * from the same points, bandwidth and kernel: the grid made for the extent
 * stopped inside the frame the page gave the map. */
static fm_status heat_fill(fm_ctx *ctx, const void *user, const double view[4], fm_grid **out)
{
    const fm_heat_layer *l = user;
    const fm_grid *g = l->grid;
    size_t n = l->pts ? l->pts->n : 0;
    double c = g->cell_m, box[4];
    fm_grid *ng = NULL;
    fm_status st;
    *out = NULL;
    if (n && !l->xy)
        return FM_OK; /* the points are gone: keep the grid as it is */
    box[0] = fmin(view[0], g->x0) - c, box[1] = fmin(view[1], g->y0) - c;
    box[2] = fmax(view[2], g->x0 + (double)g->nx * c) + c;
    box[3] = fmax(view[3], g->y0 + (double)g->ny * c) + c;
    if ((st = fm_heat_grid_over(ctx, c, box, &ng)))
        return st;
    if ((st = fm_density_compute(ctx, ng, l->xy, l->w, n, l->bandwidth_m, l->kernel))) {
        fm_grid_destroy(ng);
        return st;
    }
    fm_log(ctx, FM_LOG_DEBUG, "heatmap: the frame reaches beyond the grid: density made again "
           "on %zu x %zu cells", ng->nx, ng->ny);
    *out = ng;
    return FM_OK;
}

fm_status fm_heat_map_create(fm_ctx *ctx, const fm_heat_opts *o, const fm_basemap *bm,
                             const fm_gazetteer *gz, fm_detail *detail,
                             const fm_heat_layer *layer, double scale_max, const char *title,
                             const char *subtitle, fm_map **out)
{
    fm_map_opts mo = o->map;
    fm_buf credits = {0}, note = {0};
    fm_map *map = NULL;
    double e[4];
    fm_status st;
    *out = NULL;
    fm_heat_extent(o, e);
    mo.has_extent = 1;
    mo.west = e[0], mo.south = e[1], mo.east = e[2], mo.north = e[3];
    mo.title = title;
    mo.subtitle = subtitle;
    fm_heat_credits(ctx, o, layer, &credits);
    if (o->period_note && *o->period_note)
        fm_buf_printf(ctx, &credits, "\n%s", o->period_note);
    mo.credits = fm_buf_str(&credits);
    {
        fm_filter f = o->filter;
        fm_filter_spatial_default(&f);
        fm_left_describe(ctx, &f, &layer->left, "not mapped", &note);
        if (o->map.note && *o->map.note) /* the caller's: a district frame's left off */
            fm_buf_printf(ctx, &note, "%s%s", note.len ? ". " : "", o->map.note);
        mo.note = note.len ? fm_buf_str(&note) : NULL;
    }
    mo.empty_message = layer->incidents ? NULL : "No incidents recorded in this period";
    if (!(st = fm_buf_check(ctx, &credits)) && !(st = fm_map_create(ctx, &mo, bm, gz, &map))) {
        if (detail)
            fm_map_use_detail(map, detail);
        if (!(st = fm_map_set_layer_cache(ctx, map, o->layer_cache)) &&
            !(st = o->points ? heat_set_points(ctx, map, layer) : FM_OK) &&
            !(st = fm_map_set_density(ctx, map, layer->grid, o->ramp, scale_max,
                                      fm_heat_units(o, 0))))
            fm_map_set_density_source(map, heat_fill, layer);
    }
    fm_buf_free(&credits);
    fm_buf_free(&note);
    if (st)
        fm_map_destroy(map);
    else
        *out = map;
    return st;
}

fm_status fm_heat_render(fm_ctx *ctx, const fm_heat_opts *o, const fm_basemap *bm,
                         const fm_gazetteer *gz, fm_detail *detail, const fm_heat_layer *layer,
                         double scale_max, const char *title, const char *subtitle,
                         const char *path)
{
    fm_map *map = NULL;
    fm_status st = fm_heat_map_create(ctx, o, bm, gz, detail, layer, scale_max, title,
                                      subtitle, &map);
    if (!st)
        st = fm_map_render(ctx, map, path);
    fm_map_destroy(map);
    return st;
}
