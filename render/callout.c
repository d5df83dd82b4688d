/* callout.c: label boxes for chosen incidents ("15 October 2025 - Spin
 * Boldak; 23 killed; Taliban: ...; Pakistan: ..."), drawn last inside the
 * frame with a leader line to the incident's point. The boxes are placed
 * before the names (labels.c), which then keep off them and their leaders:
 * each box goes to the position nearest its point (32 directions, growing
 * distances) where neither it nor its leader covers an incident symbol, the
 * place of a name the map guarantees or another callout; only where no such
 * position exists does it take the one that hides least. */
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

int fm_map_callout_info(const fm_map *map, size_t i, double box[4], double pt[2])
{
    if (!fm_map_callout_box(map, i, box))
        return 0;
    pt[0] = map->callouts[i].px, pt[1] = map->callouts[i].py;
    return 1;
}

/* Whether box b meets the circle (x, y, r). */
static int box_meets_circle(const fm_box *b, double x, double y, double r)
{
    double nx = fmin(fmax(x, b->x0), b->x1), ny = fmin(fmax(y, b->y0), b->y1);
    return hypot(nx - x, ny - y) < r;
}

/* The distance from (x, y) to the segment from (x0, y0) to (x1, y1). */
static double seg_dist(double x0, double y0, double x1, double y1, double x, double y)
{
    double dx = x1 - x0, dy = y1 - y0, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? fmax(0, fmin(1, ((x - x0) * dx + (y - y0) * dy) / l2)) : 0;
    return hypot(x0 + t * dx - x, y0 + t * dy - y);
}

static int boxes_meet(const fm_box *a, const fm_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* The point on the box's outline nearest (px, py), where the leader meets it. */
static void edge_point(const fm_box *b, double px, double py, double *ex, double *ey)
{
    *ex = fmin(fmax(px, b->x0), b->x1);
    *ey = fmin(fmax(py, b->y0), b->y1);
}

/* How many things a box at b with its leader to (px, py) would hide: the
 * symbols it covers or its leader crosses (not those holding the point
 * itself), the guaranteed places (marks, pts: x, y pairs) it covers or
 * crosses, and the callouts placed before it. 0: a clear position. */
static int hides(const fm_map *map, const fm_box *b, size_t self, double px, double py,
                 const double *marks, size_t nmarks)
{
    double ex, ey;
    int n = 0;
    edge_point(b, px, py, &ex, &ey);
    for (size_t i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        int own = hypot(s->x - px, s->y - py) <= s->r + 1;
        n += box_meets_circle(b, s->x, s->y, s->r + 1.5) ||
             (!own && seg_dist(px, py, ex, ey, s->x, s->y) < s->r + 1);
    }
    for (size_t i = 0; i < nmarks; i++) {
        fm_box m = {marks[2 * i] - 5, marks[2 * i + 1] - 5, marks[2 * i] + 5, marks[2 * i + 1] + 5};
        n += boxes_meet(b, &m) || seg_dist(px, py, ex, ey, marks[2 * i], marks[2 * i + 1]) < 4;
    }
    for (size_t i = 0; i < self; i++) {
        const fm_box *o = &map->callouts[i].box;
        fm_box grown = {o->x0 - 4, o->y0 - 4, o->x1 + 4, o->y1 + 4};
        double ox, oy;
        if (!map->callouts[i].placed)
            continue;
        edge_point(o, map->callouts[i].px, map->callouts[i].py, &ox, &oy);
        n += 3 * boxes_meet(b, &grown) + (seg_dist(px, py, ex, ey, ox, oy) < 3);
    }
    return n;
}

/* The box of callout i around (px, py) of size w x h: of 32 directions and
 * growing distances, the position nearest the point where the box and its
 * leader hide nothing (see hides); when there is none, the one that hides
 * least, nearer first. */
static void place(fm_map *map, size_t i, double px, double py, double w, double h,
                  const double *marks, size_t nmarks)
{
    static const double dist[] = {8, 14, 20, 28, 36, 46, 58, 72, 90, 110, 135, 165, 200, 240, 280};
    const fm_box *f = &map->lay.frame;
    double best = HUGE_VAL;
    fm_box pick = {px + 14, py - h / 2, px + 14 + w, py + h / 2};
    for (size_t k = 0; k < sizeof dist / sizeof dist[0] && best >= 1000; k++)
        for (int a = 0; a < 32; a++) {
            double t = a * M_PI / 16, dx = cos(t), dy = -sin(t);
            /* the box's nearest edge dist[k] from the point in that direction */
            double cx = px + dx * (dist[k] + w / 2 * fabs(dx));
            double cy = py + dy * (dist[k] + h / 2 * fabs(dy));
            fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
            double c;
            if (b.x0 < f->x0 + 3 || b.x1 > f->x1 - 3 || b.y0 < f->y0 + 3 || b.y1 > f->y1 - 3)
                continue;
            c = 1000 * hides(map, &b, i, px, py, marks, nmarks) + dist[k] + a * 0.01;
            if (c < best)
                best = c, pick = b;
        }
    map->callouts[i].box = pick;
    map->callouts[i].placed = 1;
}

/* The heading's and body's layouts of callout i and the box's size. */
static void measure(fm_map *map, cairo_t *cr, size_t i, PangoLayout **hl, PangoLayout **bl,
                    double *w, double *h, int *hh)
{
    const struct fm_callout *c = &map->callouts[i];
    int hw, bw, bh;
    *hl = fm_text_layout(cr, c->head, 7, 1);
    *bl = fm_text_layout(cr, c->body, 6.3, 0);
    pango_layout_set_width(*hl, (int)(BOX_W_PT * PANGO_SCALE));
    pango_layout_set_width(*bl, (int)(BOX_W_PT * PANGO_SCALE));
    pango_layout_set_wrap(*hl, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_wrap(*bl, PANGO_WRAP_WORD_CHAR);
    pango_layout_get_pixel_size(*hl, &hw, hh);
    pango_layout_get_pixel_size(*bl, &bw, &bh);
    *w = fmax(hw, bw) + 2 * PAD, *h = *hh + (c->body[0] ? bh + 1.5 : 0) + 2 * PAD;
}

void fm_callouts_place(fm_map *map, cairo_t *cr, const double *marks, size_t nmarks)
{
    for (size_t i = 0; i < map->ncallouts; i++)
        map->callouts[i].placed = 0;
    for (size_t i = 0; i < map->ncallouts; i++) {
        struct fm_callout *c = &map->callouts[i];
        PangoLayout *hl, *bl;
        double w, h;
        int hh;
        if (!fm_map_lonlat_page(map, c->lon, c->lat, &c->px, &c->py))
            continue;
        measure(map, cr, i, &hl, &bl, &w, &h, &hh);
        place(map, i, c->px, c->py, w, h, marks, nmarks);
        g_object_unref(hl);
        g_object_unref(bl);
    }
}

/* Where the leader from the box's edge (ex, ey) to the incident's point
 * (px, py) ends: at the point, or, where the point lies inside a symbol that
 * prints a count (its incidents combined), on that symbol's rim, the first
 * one the leader meets. Drawn to the point, the leader and its dot lay over
 * the count: a callout in Kurram's "104" made it read "1 4". */
static void leader_tip(const fm_map *map, double ex, double ey, double px, double py, double *tx,
                       double *ty)
{
    double dx = px - ex, dy = py - ey, len2 = dx * dx + dy * dy, first = 1;
    fm_box cb;
    for (size_t i = 0; i < map->nsymbols && len2 > 0; i++) {
        const fm_symbol *s = &map->symbols[i];
        double R = s->r + 0.8, fx = ex - s->x, fy = ey - s->y, b, c, disc, t;
        if (hypot(px - s->x, py - s->y) > s->r || !fm_symbol_count_box(s, &cb))
            continue;
        /* |f + t d| = R, the smaller root: where the leader enters the circle */
        b = fx * dx + fy * dy, c = fx * fx + fy * fy - R * R;
        if (c <= 0 || (disc = b * b - len2 * c) < 0) /* (the box's edge inside it) */
            continue;
        t = (-b - sqrt(disc)) / len2;
        if (t > 0 && t < first)
            first = t;
    }
    *tx = ex + dx * first, *ty = ey + dy * first;
}

int fm_callout_leader(const fm_map *map, size_t i, double seg[4])
{
    const struct fm_callout *c = &map->callouts[i];
    if (i >= map->ncallouts || !c->placed)
        return 0;
    edge_point(&c->box, c->px, c->py, &seg[2], &seg[3]);
    leader_tip(map, seg[2], seg[3], c->px, c->py, &seg[0], &seg[1]);
    return 1;
}

static void draw_one(fm_map *map, cairo_t *cr, size_t i)
{
    /* the leader, on a halo so it reads over anything */
    static const fm_halo_line leader = {{1, 1, 1, 0.9}, 2, {0.12, 0.12, 0.12}, 0.7, NULL, 0, 0};
    struct fm_callout *c = &map->callouts[i];
    PangoLayout *hl, *bl;
    double w, h, ex, ey, px, py;
    int hh;
    if (!c->placed)
        return;
    measure(map, cr, i, &hl, &bl, &w, &h, &hh);
    edge_point(&c->box, c->px, c->py, &ex, &ey);
    leader_tip(map, ex, ey, c->px, c->py, &px, &py);
    cairo_move_to(cr, ex, ey);
    cairo_line_to(cr, px, py);
    fm_stroke_haloed(cr, &leader);
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
        draw_one(map, cr, i);
}
