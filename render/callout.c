/* callout.c: label boxes for chosen incidents ("15 October 2025 - Spin
 * Boldak; 23 killed; Taliban: ...; Pakistan: ..."), drawn last inside the
 * frame with a leader line to the incident's point. Each box goes where it
 * covers no incident symbol and no placed name: candidate positions ring the
 * point at growing distances, scored by what they would cover, so a box
 * never hides the figures the map is about. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define BOX_W_PT 150.0 /* text width of a box; long claims wrap */
#define PAD 3.5

fm_status fm_map_add_callout(fm_ctx *ctx, fm_map *map, double lon, double lat, const char *head,
                             const char *body)
{
    struct fm_callout *c;
    if (map->ncallouts >= FM_MAP_MAX_CALLOUTS)
        return fm_error(ctx, FM_EINVAL, "at most %d callouts", FM_MAP_MAX_CALLOUTS);
    if (!(lon >= -180 && lon <= 180 && lat >= -85 && lat <= 85))
        return fm_error(ctx, FM_EINVAL, "invalid callout point %g,%g", lat, lon);
    c = &map->callouts[map->ncallouts];
    memset(c, 0, sizeof *c);
    c->lon = lon, c->lat = lat;
    if (!(c->head = fm_strdup(ctx, head ? head : "")) ||
        !(c->body = fm_strdup(ctx, body ? body : ""))) {
        free(c->head);
        return FM_ENOMEM;
    }
    map->ncallouts++;
    return FM_OK;
}

void fm_callouts_free(fm_map *map)
{
    while (map->ncallouts) {
        map->ncallouts--;
        free(map->callouts[map->ncallouts].head);
        free(map->callouts[map->ncallouts].body);
    }
}

int fm_map_callout_box(const fm_map *map, size_t i, double box[4])
{
    if (i >= map->ncallouts || !map->callouts[i].placed)
        return 0;
    memcpy(box, &map->callouts[i].box, sizeof(double) * 4);
    return 1;
}

static double overlap(const fm_box *a, const fm_box *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0), h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* What a box at b would cover: symbols (their whole square) weigh most,
 * then names and other callouts; distance from the point a little. */
static double cost(const fm_map *map, const fm_box *b, size_t self, double px, double py)
{
    double c = 0, cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
    const fm_box *f = &map->lay.frame;
    if (b->x0 < f->x0 + 3 || b->x1 > f->x1 - 3 || b->y0 < f->y0 + 3 || b->y1 > f->y1 - 3)
        return HUGE_VAL;
    for (size_t i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        fm_box sb = {s->x - s->r - 1, s->y - s->r - 1, s->x + s->r + 1, s->y + s->r + 1};
        c += 1000 * overlap(b, &sb);
    }
    for (size_t i = 0; i < map->nlabels; i++)
        c += 300 * overlap(b, &map->label_boxes[i]);
    for (size_t i = 0; i < self; i++)
        if (map->callouts[i].placed)
            c += 2000 * overlap(b, &map->callouts[i].box);
    return c + 0.5 * hypot(cx - px, cy - py);
}

/* The box of callout i around (px, py) of size w x h, at the cheapest of
 * 16 directions and a few distances. */
static void place(fm_map *map, size_t i, double px, double py, double w, double h)
{
    static const double dist[] = {14, 26, 42, 64, 96, 140, 200, 280};
    double best = HUGE_VAL;
    fm_box pick = {px + 14, py - h / 2, px + 14 + w, py + h / 2};
    for (size_t k = 0; k < sizeof dist / sizeof dist[0]; k++)
        for (int a = 0; a < 16; a++) {
            double t = a * M_PI / 8, dx = cos(t), dy = -sin(t);
            /* the box's nearest edge dist[k] from the point in that direction */
            double cx = px + dx * (dist[k] + w / 2 * fabs(dx));
            double cy = py + dy * (dist[k] + h / 2 * fabs(dy));
            fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
            double c = cost(map, &b, i, px, py);
            if (c < best)
                best = c, pick = b;
        }
    map->callouts[i].box = pick;
    map->callouts[i].placed = 1;
}

/* The point on the box's outline nearest (px, py), where the leader meets it. */
static void edge_point(const fm_box *b, double px, double py, double *ex, double *ey)
{
    *ex = fmin(fmax(px, b->x0), b->x1);
    *ey = fmin(fmax(py, b->y0), b->y1);
}

static void draw_one(fm_map *map, cairo_t *cr, size_t i)
{
    struct fm_callout *c = &map->callouts[i];
    PangoLayout *hl, *bl;
    int hw, hh, bw, bh;
    double px, py, w, h, ex, ey;
    if (!fm_map_lonlat_page(map, c->lon, c->lat, &px, &py))
        return;
    hl = fm_text_layout(cr, c->head, 7, 1);
    bl = fm_text_layout(cr, c->body, 6.3, 0);
    pango_layout_set_width(hl, (int)(BOX_W_PT * PANGO_SCALE));
    pango_layout_set_width(bl, (int)(BOX_W_PT * PANGO_SCALE));
    pango_layout_set_wrap(hl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_wrap(bl, PANGO_WRAP_WORD_CHAR);
    pango_layout_get_pixel_size(hl, &hw, &hh);
    pango_layout_get_pixel_size(bl, &bw, &bh);
    w = fmax(hw, bw) + 2 * PAD, h = hh + (c->body[0] ? bh + 1.5 : 0) + 2 * PAD;
    place(map, i, px, py, w, h);
    edge_point(&c->box, px, py, &ex, &ey);
    cairo_move_to(cr, ex, ey); /* the leader, on a halo so it reads over anything */
    cairo_line_to(cr, px, py);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, 2);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
    cairo_set_line_width(cr, 0.7);
    cairo_stroke(cr);
    cairo_arc(cr, px, py, 1.6, 0, 2 * M_PI);
    cairo_fill(cr);
    cairo_rectangle(cr, c->box.x0, c->box.y0, w, h);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.94);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.12, 0.12, 0.12);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
    fm_text_draw(cr, hl, c->box.x0 + PAD, c->box.y0 + PAD, 0);
    if (c->body[0]) {
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        fm_text_draw(cr, bl, c->box.x0 + PAD, c->box.y0 + PAD + hh + 1.5, 0);
    }
    g_object_unref(hl);
    g_object_unref(bl);
}

void fm_callouts_draw(fm_map *map, cairo_t *cr)
{
    for (size_t i = 0; i < map->ncallouts; i++)
        map->callouts[i].placed = 0;
    for (size_t i = 0; i < map->ncallouts; i++)
        draw_one(map, cr, i);
}
