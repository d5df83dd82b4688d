/* placerank.c: how much a village matters when no source gives its
 * population. The gazetteer's 72,000 villages (GeoNames through Who's On
 * First) carry no population and almost all the same feature code (PPL), so
 * on a large-scale view the villages named are those a reader can find and
 * that the roads drawn lead to: a village on a trunk or primary road drawn
 * on the map counts most, on a secondary or tertiary road less, and one an
 * incident source names (UCDP GED, ACLED) a little, and the number of
 * spellings the sources recorded breaks ties (at most 0.16, less than any
 * road); placecands.c adds the incidents at and around it. The roads are rasterised once per map into a
 * grid of page cells holding the best class drawn through each. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define ROAD_CELL_PT 4.0 /* page points per cell of the road grid */

/* What a road of each class (0 motorway .. 4 tertiary) adds to a village on it. */
static const double road_bonus[5] = {1.0, 1.0, 1.0, 0.7, 0.4};

fm_status fm_road_grid_build(fm_ctx *ctx, fm_map *map, fm_road_grid *g)
{
    const fm_box *f = &map->lay.frame;
    const fm_detail *d = map->detail;
    const double *bb = map->view_ll;
    size_t i, k;
    memset(g, 0, sizeof *g);
    g->x0 = f->x0, g->y0 = f->y0;
    g->nx = (int)((f->x1 - f->x0) / ROAD_CELL_PT) + 1;
    g->ny = (int)((f->y1 - f->y0) / ROAD_CELL_PT) + 1;
    if (!(g->v = calloc((size_t)g->nx * g->ny, sizeof *g->v)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; d && i < d->n; i++) {
        const fm_detail_feature *ft = &d->f[i];
        float bonus;
        if (ft->layer != FM_DETAIL_ROAD || ft->rank < 0 || ft->rank > 4 ||
            !fm_detail_shown(map, ft))
            continue;
        bonus = (float)road_bonus[ft->rank];
        for (k = 0; k < ft->g.nparts; k++) {
            size_t a = ft->g.part_start[k], b = ft->g.part_start[k + 1], j;
            double px = 0, py = 0;
            int have = 0;
            for (j = a; j < b; j++) {
                double lon = ft->g.xy[2 * j], lat = ft->g.xy[2 * j + 1], x, y, len, t;
                if (lon < bb[0] - 0.05 || lon > bb[2] + 0.05 || lat < bb[1] - 0.05 ||
                    lat > bb[3] + 0.05 || !fm_map_lonlat_page(map, lon, lat, &x, &y)) {
                    have = 0;
                    continue;
                }
                len = have ? hypot(x - px, y - py) : 0;
                for (t = 0; t <= len; t += ROAD_CELL_PT / 2) { /* along the segment */
                    double sx = have && len > 0 ? px + (x - px) * t / len : x;
                    double sy = have && len > 0 ? py + (y - py) * t / len : y;
                    int cx = (int)((sx - g->x0) / ROAD_CELL_PT), cy = (int)((sy - g->y0) / ROAD_CELL_PT);
                    if (cx >= 0 && cy >= 0 && cx < g->nx && cy < g->ny &&
                        g->v[cy * g->nx + cx] < bonus)
                        g->v[cy * g->nx + cx] = bonus;
                    if (len == 0)
                        break;
                }
                px = x, py = y, have = 1;
            }
        }
    }
    return FM_OK;
}

double fm_road_grid_at(const fm_road_grid *g, double x, double y)
{
    int cx = (int)floor((x - g->x0) / ROAD_CELL_PT), cy = (int)floor((y - g->y0) / ROAD_CELL_PT);
    int dx, dy;
    float best = 0;
    if (!g->v)
        return 0;
    for (dy = -1; dy <= 1; dy++) /* the marker touches the road's line */
        for (dx = -1; dx <= 1; dx++) {
            int x1 = cx + dx, y1 = cy + dy;
            if (x1 >= 0 && y1 >= 0 && x1 < g->nx && y1 < g->ny && g->v[y1 * g->nx + x1] > best)
                best = g->v[y1 * g->nx + x1];
        }
    return best;
}

void fm_road_grid_free(fm_road_grid *g)
{
    free(g->v);
    g->v = NULL;
}

double fm_village_weight(const fm_road_grid *g, const fm_place *p, double x, double y)
{
    double w = fm_road_grid_at(g, x, y);
    if (p && p->source && (strstr(p->source, "ucdp-ged") || strstr(p->source, "acled")))
        w += 0.3; /* a place an incident source names */
    if (p && p->aliases && *p->aliases) { /* the spellings sources recorded: a tie-breaker */
        const char *a;
        int n = 1;
        for (a = p->aliases; *a && n < 8; a++)
            n += *a == '|';
        w += 0.02 * n;
    }
    return w;
}
