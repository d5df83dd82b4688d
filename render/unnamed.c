/* unnamed.c: the names a map promised and could not place, said on the map.
 * A small page (the A5 KP map leaves 15 of the province's seats out in the
 * Peshawar valley and Swat) or a crowded view may find no room near a
 * place for its name; rather than drop it silently, a note in a corner of
 * the frame lists them ("Not named for want of room: Charsadda, Swabi, ...").
 * The note is set last, in the corner where it covers no name, count or
 * guaranteed marker and the fewest symbols. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

#define NOTE_MAX 24 /* names listed; the rest counted */

/* Whether record r, left out, is a name the map promised: a crossing, a
 * major city or provincial capital, a district seat it guaranteed (every
 * seat on a view that holds them all; not one guaranteed by rank only), or
 * any seat of its subject (the province or district it is about, whose
 * seats lose their guarantee beside a bigger place or in a crowd). */
int fm_unnamed_promised(const struct fm_label_rec *r, const fm_label_cand *c, size_t n)
{
    const fm_label_cand *k;
    if (r->placed || r->cand >= n)
        return 0;
    k = &c[r->cand];
    return k->p && ((k->kind == FM_LK_SEAT && k->subject) ||
                    (k->must && !k->ranked &&
                     (k->kind == FM_LK_CROSSING || k->kind == FM_LK_CAPITAL || k->kind == FM_LK_SEAT)));
}

/* The note's text into b: the names left out, in the order placed (most
 * important first), each once; 0 when there are none. */
static size_t note_text(fm_ctx *ctx, const fm_map *map, const fm_label_cand *c, size_t n, fm_buf *b)
{
    size_t listed = 0, more = 0;
    for (size_t i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        const char *nl = strchr(r->text, '\n');
        int len = nl ? (int)(nl - r->text) : (int)strlen(r->text), dup = 0;
        if (!fm_unnamed_promised(r, c, n))
            continue;
        for (size_t j = 0; j < i && !dup; j++) /* a name tried twice (two rows) */
            dup = fm_unnamed_promised(&map->lrec[j], c, n) && !strcmp(map->lrec[j].text, r->text);
        if (dup)
            continue;
        if (listed == NOTE_MAX) {
            more++;
            continue;
        }
        fm_buf_printf(ctx, b, "%s%.*s", listed ? ", " : "Not named for want of room: ", len, r->text);
        listed++;
    }
    if (more)
        fm_buf_printf(ctx, b, " and %zu more", more);
    if (listed)
        fm_buf_puts(ctx, b, ".");
    return listed;
}

/* What the note costs in box b: a name, count or marker under it is never
 * taken where another corner is clear, then the fewest symbols. */
static double note_cost(obstacles *ob, const fm_box *b)
{
    return 1000.0 * (double)(fm_boxgrid_query(&ob->lab, b, NULL, 0) +
                             fm_boxgrid_query(&ob->cnt, b, NULL, 0) +
                             fm_boxgrid_query(&ob->ldr, b, NULL, 0)) +
           (double)fm_boxgrid_query(&ob->sym, b, NULL, 0);
}

/* The best box for a note of layout pl set at width w (pt) along the edges
 * of frame f (the corners first, then the edges' middles and eighths); its cost. */
static double note_spot(obstacles *ob, const fm_box *f, PangoLayout *pl, double w, double pad,
                        fm_box *out)
{
    PangoRectangle ink, lg;
    double best = HUGE_VAL;
    pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
    pango_layout_get_pixel_extents(pl, &ink, &lg);
    double bw = lg.width + 2 * pad, bh = lg.height + 2 * pad;
    static const double along[] = {0, 1, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875};
    for (int e = 0; e < 4; e++)          /* bottom, top, left, right */
        for (int k = 0; k < 9; k++) {
            double u = along[k];         /* the corners, the middle, then eighths */
            double ax = e < 2 ? u : e == 2 ? 0 : 1, ay = e == 0 ? 1 : e == 1 ? 0 : u;
            double x0 = f->x0 + 4 + ax * (f->x1 - f->x0 - 8 - bw);
            double y0 = f->y0 + 4 + ay * (f->y1 - f->y0 - 8 - bh);
            fm_box nb = {x0, y0, x0 + bw, y0 + bh};
            double cost = note_cost(ob, &nb) + (e * 9 + k) * 0.01;
            if (bw > f->x1 - f->x0 - 8 || bh > f->y1 - f->y0 - 8)
                return HUGE_VAL;
            if (cost < best)
                best = cost, *out = nb;
        }
    return best;
}

void fm_unnamed_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n,
                     obstacles *ob)
{
    static const double widths[] = {0.45, 0.62, 0.32}; /* of the frame's width */
    const fm_box *f = &map->lay.frame;
    fm_buf b = {0};
    PangoLayout *pl;
    PangoRectangle ink, lg;
    double pt = fmax(FM_NAME_MIN_PT, 5.6 * fm_label_page_scale(map)), best = HUGE_VAL, pad = 2.5;
    double bestw = 0;
    map->unnamed_placed = 0;
    if (!note_text(ctx, map, c, n, &b) || fm_buf_check(ctx, &b)) {
        fm_buf_free(&b);
        return;
    }
    pl = fm_text_layout(cr, fm_buf_str(&b), pt, 0);
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
    for (size_t k = 0; k < sizeof widths / sizeof widths[0] && best >= 1000; k++) {
        fm_box nb;
        double w = fmin(300, widths[k] * (f->x1 - f->x0));
        double cost = note_spot(ob, f, pl, w, pad, &nb) + (double)k * 0.5;
        if (cost < best)
            best = cost, bestw = w, map->unnamed_box = nb;
    }
    if (best == HUGE_VAL) { /* (a frame too small for it) */
        g_object_unref(pl);
        fm_buf_free(&b);
        return;
    }
    pango_layout_set_width(pl, (int)(bestw * PANGO_SCALE));
    pango_layout_get_pixel_extents(pl, &ink, &lg);
    {
        const fm_box *nb = &map->unnamed_box;
        cairo_rectangle(cr, nb->x0, nb->y0, nb->x1 - nb->x0, nb->y1 - nb->y0);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.88);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_set_line_width(cr, 0.4);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        fm_text_draw(cr, pl, nb->x0 + pad - lg.x, nb->y0 + pad - lg.y, 0);
    }
    g_object_unref(pl);
    map->unnamed_placed = 1;
    map->unnamed_text = fm_strdup(ctx, fm_buf_str(&b)); /* (NULL: not in the list, drawn) */
    fm_buf_free(&b);
}

int fm_map_unnamed_info(const fm_map *map, double box[4], const char **text)
{
    if (!map->unnamed_placed)
        return 0;
    box[0] = map->unnamed_box.x0, box[1] = map->unnamed_box.y0;
    box[2] = map->unnamed_box.x1, box[3] = map->unnamed_box.y1;
    *text = map->unnamed_text ? map->unnamed_text : "";
    return 1;
}
