/* heat.c: one period's heatmap layer: the grid over the map in the
 * equal-area projection, the period's incidents from the store (with what
 * they leave out), projected and weighted, and their kernel density. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heat/fm_heat.h"

void fm_heat_extent(const fm_heat_opts *o, double e[4])
{
    if (o->map.has_extent) { /* a province's frame, as a map's: its box and margin */
        e[0] = o->map.west, e[1] = o->map.south;
        e[2] = o->map.east, e[3] = o->map.north;
    } else if (o->filter.has_bbox) {
        e[0] = o->filter.west, e[1] = o->filter.south;
        e[2] = o->filter.east, e[3] = o->filter.north;
    } else { /* the frontier, as a map frames it by default */
        fm_frontier_bbox(e);
    }
}

fm_status fm_heat_proj(fm_ctx *ctx, const fm_heat_opts *o, fm_proj **out)
{
    double e[4];
    fm_heat_extent(o, e);
    return fm_proj_create(ctx, e[0], e[1], e[2], e[3], out);
}

/* The projected box of the extent, from points along its edges. */
static void projected_box(fm_proj *proj, const double e[4], double bb[4])
{
    double xy[2 * 4 * 65];
    size_t k, n = 0;
    for (k = 0; k <= 64; k++) {
        double t = k / 64.0, lon = e[0] + t * (e[2] - e[0]), lat = e[1] + t * (e[3] - e[1]);
        xy[n++] = lon, xy[n++] = e[1];
        xy[n++] = lon, xy[n++] = e[3];
        xy[n++] = e[0], xy[n++] = lat;
        xy[n++] = e[2], xy[n++] = lat;
    }
    fm_proj_fwd(proj, xy, n / 2);
    bb[0] = bb[1] = HUGE_VAL;
    bb[2] = bb[3] = -HUGE_VAL;
    for (k = 0; k < n / 2; k++) {
        if (xy[2 * k] == HUGE_VAL)
            continue;
        bb[0] = fmin(bb[0], xy[2 * k]), bb[1] = fmin(bb[1], xy[2 * k + 1]);
        bb[2] = fmax(bb[2], xy[2 * k]), bb[3] = fmax(bb[3], xy[2 * k + 1]);
    }
}

fm_status fm_heat_grid_over(fm_ctx *ctx, double c, const double box[4], fm_grid **out)
{
    double x0 = floor(box[0] / c) * c, y0 = floor(box[1] / c) * c;
    double nxd = ceil((box[2] - x0) / c), nyd = ceil((box[3] - y0) / c);
    if (nxd * nyd > FM_HEAT_MAX_CELLS)
        return fm_error(ctx, FM_EUSAGE,
                        "--cell %g km is too fine for this map (%.0f x %.0f cells): "
                        "use a larger cell",
                        c / 1000, nxd, nyd);
    return fm_grid_create(ctx, (size_t)nxd, (size_t)nyd, x0, y0, c, out);
}

/* A grid over the map: the extent's projected box with a 5% margin, and
 * the view the page's frame will likely show (fm_map_guess_view: the frame
 * fills the page, so it shows more than the extent on one side or the
 * other). A heatmap's legend is a colour bar and the reference, under the
 * least room the page gives a legend, unless --points adds the symbols.
 * When the real frame still reaches beyond, the map asks fm_heat_render's
 * fill for more. */
static fm_status heat_grid(fm_ctx *ctx, const fm_heat_opts *o, fm_proj *proj,
                           fm_grid **out)
{
    double e[4], bb[4], view[4], box[4], w, h, c = o->cell_m;
    fm_heat_extent(o, e);
    projected_box(proj, e, bb);
    if (!(bb[2] > bb[0] && bb[3] > bb[1]))
        return fm_error(ctx, FM_EINVAL, "the map extent does not project");
    fm_map_guess_view(&o->map, bb, o->points ? 190 : 130, view);
    w = bb[2] - bb[0], h = bb[3] - bb[1];
    box[0] = fmin(bb[0] - 0.05 * w, view[0] - c), box[1] = fmin(bb[1] - 0.05 * h, view[1] - c);
    box[2] = fmax(bb[2] + 0.05 * w, view[2] + c), box[3] = fmax(bb[3] + 0.05 * h, view[3] + c);
    return fm_heat_grid_over(ctx, c, box, out);
}

/* Projects the incidents and takes their weights (both fm_big_free'd).
 * Unless the map draws the incidents too (--points), the projection takes
 * the points' own coordinates (l->pts->lonlat is then NULL): a million
 * points are 16 MB that need not be copied and faulted in again. */
static fm_status heat_points(fm_ctx *ctx, const fm_heat_opts *o, fm_proj *proj,
                             fm_heat_layer *l, double **xy_out, double **w_out)
{
    fm_points *p = l->pts;
    int take = !o->points && p->lonlat;
    double *xy = take ? p->lonlat : fm_big_calloc(p->n ? 2 * p->n : 1, sizeof *xy), *w = NULL;
    double e[4];
    size_t i;
    if (!xy || (o->weight_fatalities && !(w = fm_big_calloc(p->n ? p->n : 1, sizeof *w)))) {
        if (!take)
            fm_big_free(xy);
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu incidents", p->n);
    }
    if (take)
        p->lonlat = NULL;
    else if (p->n)
        memcpy(xy, p->lonlat, 2 * p->n * sizeof *xy);
    for (i = 0; i < p->n; i++) {
        int fat = p->fatalities[i] > 0 ? p->fatalities[i] : 0;
        if (w)
            w[i] = fat;
        l->fatalities += fat;
    }
    fm_heat_extent(o, e);
    fm_proj_fwd_many(proj, e, xy, p->n);
    *xy_out = xy;
    *w_out = w;
    return FM_OK;
}

fm_status fm_heat_compute(fm_ctx *ctx, fm_store *st, const fm_heat_opts *o, fm_proj *proj,
                          fm_day since, fm_day until, fm_heat_layer *out)
{
    fm_filter f = o->filter;
    double *xy = NULL, *w = NULL, t0 = fm_clock_s(), t1;
    fm_status s;
    memset(out, 0, sizeof *out);
    f.since = since;
    f.until = until;
    /* only incidents with a meaningful point; unlocated ones never (no place) */
    fm_filter_spatial_default(&f);
    f.loc_mask &= ~FM_LOC_BIT(FM_LOC_NONE);
    if (!(f.loc_mask & FM_LOC_ALL))
        f.loc_mask = 1; /* none asked for: an empty set, not "every class" */
    if ((s = fm_store_query_points(ctx, st, &f, o->points ? FM_POINTS_PRECISION : 0,
                                   &out->pts)) ||
        (s = fm_left_out(ctx, st, &f, 1, 0, &out->left)) ||
        (s = heat_grid(ctx, o, proj, &out->grid)) ||
        (s = heat_points(ctx, o, proj, out, &xy, &w)))
        goto fail;
    out->incidents = out->pts->n;
    /* the note under the map is part of the picture */
    out->hash = out->pts->hash ^
                (uint64_t)(out->left.coarse.n * 1000003 + out->left.unlocated.n * 10007 +
                           out->left.longer.n * 101 + out->left.coarse.killed +
                           out->left.longer.killed + out->left.unlocated.killed * 31);
    for (size_t i = 0; i < out->pts->nsources; i++)
        if ((!strcmp(out->pts->sources[i], "acled") &&
             (s = fm_store_imported_on(ctx, st, "acled", out->acled_day))) ||
            (!strcmp(out->pts->sources[i], "ged") &&
             (s = fm_store_source_info(ctx, st, "ged", &out->ged))))
            goto fail;
    t1 = fm_clock_s();
    if ((s = fm_density_compute(ctx, out->grid, xy, w, out->pts->n, o->bandwidth_m,
                                o->kernel)))
        goto fail;
    fm_log(ctx, FM_LOG_DEBUG, "heatmap: %zu points read and projected in %.3f s, their "
           "density computed in %.3f s", out->pts->n, t1 - t0, fm_clock_s() - t1);
    out->bandwidth_m = o->bandwidth_m;
    out->kernel = o->kernel;
    out->xy = xy; /* kept for a frame that reaches beyond the grid */
    out->w = w;
    out->max = fm_grid_max(out->grid);
    return FM_OK;
fail:
    fm_big_free(xy);
    fm_big_free(w);
    fm_heat_layer_free(out);
    return s;
}

void fm_heat_layer_free(fm_heat_layer *l)
{
    fm_points_destroy(l->pts);
    fm_grid_destroy(l->grid);
    fm_left_free(&l->left);
    fm_big_free(l->xy);
    fm_big_free(l->w);
    memset(l, 0, sizeof *l);
}

