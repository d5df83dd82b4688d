/* labelside.c: country and province names inside their polygons, on their
 * country's side of the drawn border (the Durand Line closed round the
 * south and east as the Pakistan side). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

/* The Pakistan side of the Durand Line as page edges: the line as drawn
 * (OpenStreetMap's) closed round the south and east. Natural Earth's country
 * and province polygons run a kilometre or two beside it, a name's width on
 * a 20 km view: without this a name can sit inside its polygon and across
 * the drawn border. Only the edges that reach the frame's height are kept
 * (the others cannot change which side a point in the frame is on). */
fm_status fm_label_side_make(fm_ctx *ctx, fm_map *map, obstacles *ob)
{
    const fm_geom *g = NULL;
    const fm_box *f = &map->lay.frame;
    size_t i, k, n = 0, best = 0, cap = 0, nb = map->bm ? fm_basemap_count(map->bm, FM_LAYER_BORDER) : 0;
    double ring[8], px = 0, py = 0, fx = 0, fy = 0;
    int flip, have = 0;
    for (i = 0; i < nb; i++) { /* the longest line: the Durand Line */
        const fm_geom *b = fm_basemap_geom(map->bm, FM_LAYER_BORDER, i, NULL, NULL);
        if (b && b->nparts == 1 && b->npoints > best)
            g = b, best = b->npoints;
    }
    if (!g || best < 2)
        return FM_OK;
    /* from its north-east end to its south-west one, then south, east, north */
    flip = g->xy[1] < g->xy[2 * (best - 1) + 1];
    ring[0] = g->xy[flip ? 0 : 2 * (best - 1)], ring[1] = g->south - 8;
    ring[2] = g->east + 8, ring[3] = g->south - 8;
    ring[4] = g->east + 8, ring[5] = g->north + 2;
    ring[6] = g->xy[flip ? 2 * (best - 1) : 0], ring[7] = g->north + 2;
    for (k = 0; k <= best + 4; k++) {
        size_t j = k < best ? (flip ? best - 1 - k : k) : 0;
        const double *v = k < best ? g->xy + 2 * j : k < best + 4 ? ring + 2 * (k - best) : NULL;
        double x, y;
        if (!v) /* closed on the first vertex */
            x = fx, y = fy;
        else if (!fm_map_lonlat_page(map, v[0], v[1], &x, &y))
            continue;
        if (!have++)
            fx = x, fy = y;
        else if (!(fmax(py, y) < f->y0 || fmin(py, y) > f->y1)) {
            if (fm_grow(ctx, (void **)&ob->side, &cap, 4 * (n + 1), sizeof *ob->side))
                return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
            ob->side[4 * n] = px, ob->side[4 * n + 1] = py;
            ob->side[4 * n + 2] = x, ob->side[4 * n + 3] = y;
            n++;
        }
        px = x, py = y;
    }
    ob->nside = n;
    return FM_OK;
}

/* Whether page point (x, y) is on the Pakistan side (even-odd rule). */
static int side_pk(const obstacles *ob, double x, double y)
{
    int in = 0;
    for (size_t k = 0; k < ob->nside; k++) {
        const double *e = ob->side + 4 * k;
        if ((e[1] > y) != (e[3] > y) && x < (e[2] - e[0]) * (y - e[1]) / (e[3] - e[1]) + e[0])
            in = !in;
    }
    return in;
}

/* Whether the whole box b lies on iso2's side of the border (always, for
 * other countries or without a border). */
static int on_side(const obstacles *ob, const char *iso2, const fm_box *b)
{
    int pk;
    if (!ob->side || !iso2 || (!(pk = !strcmp(iso2, "PK")) && strcmp(iso2, "AF")))
        return 1;
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            if (side_pk(ob, b->x0 + (b->x1 - b->x0) * i / 4, b->y0 + (b->y1 - b->y0) * k / 2) != pk)
                return 0;
    return 1;
}

/* Whether any of a 5 x 3 grid of points over box b lies in pp (Khyber
 * Pakhtunkhwa's name kept wholly outside FATA, not only its middle). */
static int poly_meets_box(const fm_page_poly *pp, const fm_box *b)
{
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            if (fm_page_poly_contains(pp, b->x0 + (b->x1 - b->x0) * i / 4,
                                      b->y0 + (b->y1 - b->y0) * k / 2))
                return 1;
    return 0;
}

/* Inside the area's polygon, where it is widest first; without a polygon,
 * centred on the point or nudged up or down. over: symbols may be covered.
 * 1 placed, 0 no room, -1 the polygon could not be made (no memory): an
 * error, not a label left out, which would silently be a different map. */
int fm_label_place_area(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                      double h, int over, fm_box *out)
{
    static const double nudge[] = {0, -8, 8, -16, 16};
    fm_page_poly pp, np;
    double xy[2 * 200];
    size_t n, i;
    int k, ok = 0;
    if (!c->g) {
        for (k = 0; k < 5; k++) {
            fm_box b = box_at(c->x, c->y + nudge[k], w, h);
            if (in_frame(map, &b) && hard_clear(ob, &b) && !fm_boxgrid_hits(&ob->ldr, &b) &&
                (over || (!fm_label_sym_cover(map, ob, &b) && !fm_label_count_near(ob, &b)))) {
                *out = b;
                return 1;
            }
        }
        return 0;
    }
    if (fm_page_poly_make(ctx, map, c->g, &pp))
        return -1;
    if (c->not_in && fm_page_poly_make(ctx, map, c->not_in, &np)) {
        fm_page_poly_free(&pp);
        return -1;
    }
    n = fm_page_poly_anchors(&pp, &map->lay.frame, h / 2 + 1, xy, 200);
    /* the last try (area_again) also looks between the anchors, a quarter
     * and a half of the name's width and height off each */
    for (i = 0; i < n * (ob->last ? 25 : 1) && !ok; i++) {
        size_t a = ob->last ? i / 25 : i;
        double dx = ob->last ? (double)((int)(i % 5) - 2) * w / 4 : 0;
        double dy = ob->last ? (double)((int)(i / 5 % 5) - 2) * h / 2 : 0;
        fm_box b = box_at(xy[2 * a] + dx, xy[2 * a + 1] + dy, w, h);
        if (in_frame(map, &b) && hard_clear(ob, &b) && !fm_boxgrid_hits(&ob->ldr, &b) &&
            (over || (!fm_label_sym_cover(map, ob, &b) && !fm_label_count_near(ob, &b))) &&
            fm_page_poly_holds_box(&pp, &b) && on_side(ob, c->iso2, &b) &&
            (!c->not_in || !poly_meets_box(&np, &b)))
            *out = b, ok = 1;
    }
    fm_page_poly_free(&pp);
    if (c->not_in)
        fm_page_poly_free(&np);
    return ok;
}
