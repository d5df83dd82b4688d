/* framepoly.c: whether a polygon, as drawn, is in the map's frame (an edge
 * crosses it or the polygon holds its middle): the districts a choropleth
 * keys (legendshown.c) and lists the figures of are those a reader sees. */
#include <math.h>

#include "render/map_priv.h"

/* Whether lon/lat point (x, y) lies inside g (even-odd over all its parts). */
static int geom_holds(const fm_geom *g, double x, double y)
{
    int in = 0;
    for (size_t part = 0; part < g->nparts; part++) {
        size_t a = g->part_start[part], b = g->part_start[part + 1];
        for (size_t i = a, j = b - 1; i < b; j = i++) {
            const double *p = g->xy + 2 * i, *q = g->xy + 2 * j;
            if ((p[1] > y) != (q[1] > y) && x < (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]) + p[0])
                in = !in;
        }
    }
    return in;
}

int fm_map_polygon_in_frame(fm_map *map, const fm_geom *g)
{
    const fm_layout *l = &map->lay;
    double mid[2] = {(l->vx0 + l->vx1) / 2, (l->vy0 + l->vy1) / 2};
    if (!g || !g->npoints || !l->scale)
        return 0;
    if (fm_geom_meets_frame(map, g))
        return 1;
    fm_proj_inv(map->proj, mid, 1);
    return mid[0] != HUGE_VAL && geom_holds(g, mid[0], mid[1]);
}
