/* labeldraw.c: the names' type by kind, the place markers, leaders and
 * route shields, and drawing a placement: leaders and markers under the
 * symbols, long leaders again, crossing markers over them, the counts,
 * then the names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

static const fm_label_style style[FM_LK_N] = {
    [FM_LK_CROSSING] = {6.6, 1, 0, {0.45, 0.05, 0.05}, 3.2, 3, 1.2},
    [FM_LK_CAPITAL] = {7.8, 1, 0, {0.06, 0.06, 0.06}, 2.5, 4, 1.3},
    [FM_LK_HOME] = {11.0, 1, 3600, {0.36, 0.33, 0.30}, 0, 0, 1.2},
    [FM_LK_COUNTRY] = {8.5, 0, 2600, {0.50, 0.50, 0.50}, 0, 0, 1.0},
    [FM_LK_PROVINCE] = {6.8, 0, 1300, {0.45, 0.42, 0.38}, 0, 0, 1.1},
    [FM_LK_CITY] = {6.8, 1, 0, {0.14, 0.14, 0.14}, 1.9, 3, 1.2},
    [FM_LK_SEAT] = {6.4, 0, 0, {0.12, 0.12, 0.12}, 1.6, 3, 1.2},
    [FM_LK_DISTRICT] = {5.8, 0, 0, {0.36, 0.33, 0.30}, 0, 0, 1.1},
    [FM_LK_TOWN] = {6.0, 0, 0, {0.22, 0.22, 0.22}, 1.3, 2, 1.2},
    [FM_LK_ROUTE] = {5.2, 1, 0, {0.25, 0.22, 0.20}, 0, 0, 0},
    [FM_LK_RIVER] = {6.0, 0, 300, {0.20, 0.42, 0.65}, 0, 0, 1.1},
    [FM_LK_VILLAGE] = {5.4, 0, 0, {0.30, 0.30, 0.30}, 1.0, 2, 1.1},
};

double fm_label_marker(int kind)
{
    return style[kind].marker;
}

int fm_label_rings(int kind)
{
    return style[kind].rings;
}

const fm_label_style *fm_label_style_get(int kind)
{
    return &style[kind];
}

/* ---- markers ----------------------------------------------------------------- */

static void draw_marker(cairo_t *cr, int kind, double x, double y, double r)
{
    if (kind == FM_LK_CROSSING) {
        fm_crossing_mark(cr, x, y, r);
        return;
    }
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    if (kind == FM_LK_CAPITAL) { /* a dark dot in a white ring */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_new_path(cr);
        cairo_arc(cr, x, y, r - 0.8, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_fill(cr);
        return;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, kind == FM_LK_CITY || kind == FM_LK_SEAT ? 0.9 : 0.7);
    cairo_stroke(cr);
}

void fm_city_mark(cairo_t *cr, double x, double y, int big)
{
    int k = big ? FM_LK_CAPITAL : FM_LK_SEAT;
    draw_marker(cr, k, x, y, style[k].marker);
}

void fm_crossing_mark(cairo_t *cr, double x, double y, double s)
{
    cairo_move_to(cr, x, y - s);
    cairo_line_to(cr, x + s, y);
    cairo_line_to(cr, x, y + s);
    cairo_line_to(cr, x - s, y);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.55, 0.05, 0.05);
    cairo_set_line_width(cr, 1.1);
    cairo_stroke(cr);
    cairo_arc(cr, x, y, s * 0.3, 0, 2 * M_PI);
    cairo_fill(cr);
}

/* The path of a leader from the edge of the marker to the nearest point of
 * the label box; 0 (no path) when the box touches the marker. */
static int leader_path(cairo_t *cr, const placed *p)
{
    double r = style[p->kind].marker + 0.6;
    double bx = fmax(p->box.x0, fmin(p->x, p->box.x1)), by = fmax(p->box.y0, fmin(p->y, p->box.y1));
    double d = hypot(bx - p->x, by - p->y);
    if (d <= r)
        return 0;
    cairo_move_to(cr, p->x + (bx - p->x) * r / d, p->y + (by - p->y) * r / d);
    cairo_line_to(cr, bx, by);
    return 1;
}

/* A leader, on a thin halo so it reads across the basemap. */
static void draw_leader(cairo_t *cr, const placed *p)
{
    static const fm_halo_line leader = {{1, 1, 1, 0.85}, 1.6, {0.25, 0.25, 0.25}, 0.45, NULL, 0, 0};
    if (leader_path(cr, p))
        fm_stroke_haloed(cr, &leader);
}

/* A leader longer than LONG_LEADER_PT (at A4's type) is drawn once more
 * over the symbols, its line without the halo (which would cut white
 * through the data): under them it vanished where it ran through a crowd,
 * and a name far from its place is read only by the line. On the GED
 * sample's whole-record A5 maps counts filled every position within 20 pt
 * of Peshawar, Torkham, Teri Mangal, Ghulam Khan and Bin Shahi (names 30-37
 * pt off), and their leaders ran under the Khyber crowd's circles. */
#define LONG_LEADER_PT 20.0
static void draw_leader_over(cairo_t *cr, const fm_map *map, const placed *p)
{
    if (fm_label_name_gap(p) <= LONG_LEADER_PT * fm_label_page_scale(map) || !leader_path(cr, p))
        return;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

/* A route number's shield: a small white plate with a grey edge. */
static void draw_shield(cairo_t *cr, const fm_box *b)
{
    cairo_rectangle(cr, b->x0 - 0.8, b->y0 - 0.2, b->x1 - b->x0 + 1.6, b->y1 - b->y0 + 0.4);
    cairo_set_source_rgb(cr, 1, 1, 0.97);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.45, 0.40, 0.36);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

void fm_labels_paint(fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n, obstacles *ob)
{
    size_t i;
    int k;
    /* leaders and place markers under the symbols (the data stays on top),
     * crossings over them, the counts over everything but the names */
    for (i = 0; i < ob->ndone; i++)
        if (ob->done[i].leader && !ob->done[i].gone)
            draw_leader(cr, &ob->done[i]);
    for (i = 0; i < map->nrings; i++)
        fm_ring_leader_draw(map, cr, i);
    for (k = FM_LK_N - 1; k > FM_LK_CROSSING; k--) /* the lesser below, where two touch */
        for (i = 0; i < ob->ndone; i++)
            if (ob->done[i].kind == k && style[k].marker > 0 && !ob->done[i].gone)
                draw_marker(cr, k, ob->done[i].x, ob->done[i].y, style[k].marker);
    fm_symbols_draw(map, cr);
    for (i = 0; i < ob->ndone; i++) /* the long ones visible through the crowds */
        if (ob->done[i].leader && !ob->done[i].gone)
            draw_leader_over(cr, map, &ob->done[i]);
    for (i = 0; i < n; i++)
        if (c[i].kind == FM_LK_CROSSING)
            draw_marker(cr, FM_LK_CROSSING, c[i].x, c[i].y, style[FM_LK_CROSSING].marker);
    fm_symbols_draw_counts(map, cr);
    for (i = 0; i < map->nrings; i++) {
        fm_box rb;
        PangoLayout *pl = NULL;
        PangoRectangle ink, lg;
        if (!fm_ring_label_box(map, cr, i, &rb, &pl))
            continue;
        pango_layout_get_pixel_extents(pl, &ink, &lg);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.25);
        fm_text_draw(cr, pl, rb.x0 - lg.x, rb.y0 - lg.y, 1.4);
        g_object_unref(pl);
    }
    for (i = 0; i < ob->ndone; i++) {
        const double *rgb = style[ob->done[i].kind].rgb;
        if (ob->done[i].gone)
            continue;
        if (ob->done[i].kind == FM_LK_ROUTE)
            draw_shield(cr, &ob->done[i].box);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        fm_text_draw(cr, ob->done[i].pl, ob->done[i].tx, ob->done[i].ty,
                     style[ob->done[i].kind].halo);
    }
}
