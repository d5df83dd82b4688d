/* legendshown.c: what the map's frame draws, so its legend keys only that.
 * A key for a crossing, a border or a ring the frame does not hold tells a
 * reader to look for something that is not there (a Quetta map listed
 * "border crossing" and the Durand Line; a box inside Peshawar the border).
 * Worked out from the frame and the data, after the symbols are placed in
 * it, not from what the names' placement drew: a page drawn from the layer
 * cache keys the same things as one drawn fresh. */
#include <math.h>

#include "render/map_priv.h"

/* Outcode of (x, y) against box f (Cohen-Sutherland). */
static int outcode(const fm_box *f, double x, double y)
{
    return (x < f->x0) | (x > f->x1) << 1 | (y < f->y0) << 2 | (y > f->y1) << 3;
}

/* Whether the segment (ax, ay)-(bx, by) meets box f: the boxes overlap and
 * the line does not leave all four corners on one side. */
static int segment_meets(const fm_box *f, double ax, double ay, double bx, double by)
{
    int oa = outcode(f, ax, ay), ob = outcode(f, bx, by), side = 0;
    const double cx[4] = {f->x0, f->x1, f->x1, f->x0}, cy[4] = {f->y0, f->y0, f->y1, f->y1};
    if (!oa || !ob)
        return 1;
    if (oa & ob)
        return 0;
    for (int k = 0; k < 4; k++) {
        double c = (bx - ax) * (cy[k] - ay) - (by - ay) * (cx[k] - ax);
        side |= c > 0 ? 1 : c < 0 ? 2 : 3;
    }
    return side == 3;
}

int fm_geom_meets_frame(fm_map *map, const fm_geom *g)
{
    const double *v = map->view_ll, m = 0.05;
    if (!g || !g->npoints || g->east < v[0] - m || g->west > v[2] + m || g->north < v[1] - m ||
        g->south > v[3] + m)
        return 0;
    for (size_t part = 0; part < g->nparts; part++) {
        double px = 0, py = 0, x, y;
        int have = 0;
        for (size_t i = g->part_start[part]; i < g->part_start[part + 1]; i++) {
            if (!fm_map_lonlat_page(map, g->xy[2 * i], g->xy[2 * i + 1], &x, &y)) {
                have = 0;
                continue;
            }
            if (have ? segment_meets(&map->lay.frame, px, py, x, y)
                     : !outcode(&map->lay.frame, x, y))
                return 1;
            px = x, py = y, have = 1;
        }
    }
    return 0;
}

/* Whether ring i's line (sampled every 5 degrees) crosses the frame. */
static int ring_shown(fm_map *map, size_t i)
{
    double px = 0, py = 0, x, y, lon, lat;
    int have = 0;
    for (int a = 0; a <= 72; a++) {
        fm_geod_direct(map->rings[i].lon, map->rings[i].lat, a * 5.0, map->rings[i].radius_m,
                       &lon, &lat);
        if (!fm_map_lonlat_page(map, lon, lat, &x, &y)) {
            have = 0;
            continue;
        }
        if (have && segment_meets(&map->lay.frame, px, py, x, y))
            return 1;
        px = x, py = y, have = 1;
    }
    return 0;
}

static unsigned lines_shown(fm_map *map)
{
    unsigned s = 0;
    size_t i, n = map->bm ? fm_basemap_count(map->bm, FM_LAYER_BORDER) : 0;
    for (i = 0; i < n && !(s & FM_SHOWN_BORDER); i++)
        if (fm_geom_meets_frame(map, fm_basemap_geom(map->bm, FM_LAYER_BORDER, i, NULL, NULL)))
            s |= FM_SHOWN_BORDER;
    if (map->bm && (fm_geom_meets_frame(map, &map->prov_lines) ||
                    (map->fata_line.nparts && fm_geom_meets_frame(map, &map->fata_line))))
        s |= FM_SHOWN_PROVLINE;
    for (i = 0; map->detail && i < map->detail->n; i++) {
        const fm_detail_feature *f = &map->detail->f[i];
        unsigned bit = f->layer == FM_DETAIL_ROAD    ? FM_SHOWN_ROAD
                       : f->layer == FM_DETAIL_RIVER ? FM_SHOWN_RIVER
                                                     : 0;
        if (bit && !(s & bit) && fm_detail_shown(map, f) && fm_geom_meets_frame(map, &f->g))
            s |= bit;
    }
    for (i = 0; i < map->nrings && !(s & FM_SHOWN_RING); i++)
        if (ring_shown(map, i))
            s |= FM_SHOWN_RING;
    return s;
}

/* The symbols placed in the frame: any, with fatalities and without, dashed
 * (placed only near), combined (a count printed). */
static unsigned symbols_shown(const fm_map *map)
{
    unsigned s = 0;
    for (size_t i = 0; i < map->nsymbols; i++) {
        const fm_symbol *y = &map->symbols[i];
        s |= FM_SHOWN_SYMBOL | (y->fatalities > 0 ? FM_SHOWN_FATAL : FM_SHOWN_UNFATAL);
        s |= (y->approx ? FM_SHOWN_APPROX : 0u) | (y->count > 1 ? FM_SHOWN_COMBINED : 0u);
    }
    return s;
}

/* The choropleth's districts in the frame of zero and of no data (the
 * classes are a scale, keyed whole; these two are kinds of district). */
static unsigned choro_shown(fm_map *map)
{
    const struct fm_choro *c = map->choro;
    unsigned s = 0;
    for (size_t i = 0; c && i < c->n && s != (FM_SHOWN_ZERO | FM_SHOWN_NODATA); i++) {
        unsigned bit = isnan(c->value[i]) ? FM_SHOWN_NODATA : c->value[i] <= 0 ? FM_SHOWN_ZERO : 0;
        if (bit && !(s & bit) && fm_map_polygon_in_frame(map, c->geoms[i]))
            s |= bit;
    }
    return s;
}

fm_status fm_legend_shown_make(fm_ctx *ctx, fm_map *map)
{
    unsigned kinds, s = FM_SHOWN_KNOWN;
    fm_status st;
    if (map->bm && (st = fm_basemap_prepare(ctx, map))) /* the province lines */
        return st;
    kinds = map->opts.labels ? fm_label_kinds_in_frame(map) : 0;
    if (kinds & 1u << FM_LK_CROSSING)
        s |= FM_SHOWN_CROSSING;
    if (kinds & 1u << FM_LK_CAPITAL)
        s |= FM_SHOWN_CAPITAL;
    if (kinds & (1u << FM_LK_CITY | 1u << FM_LK_SEAT | 1u << FM_LK_TOWN | 1u << FM_LK_VILLAGE))
        s |= FM_SHOWN_PLACE;
    map->shown = s | lines_shown(map) | symbols_shown(map) | choro_shown(map);
    return FM_OK;
}

int fm_legend_shows(const fm_map *map, unsigned bit)
{
    return !(map->shown & FM_SHOWN_KNOWN) || (map->shown & bit);
}
