/* arrange.c: how a page is shared between the map frame and its panels
 * (legend, locator inset, credits): the panels in a column beside the frame
 * or in a row under it, the inset kept or left out, the credits in the
 * column, under the frame or across the foot of the page. Every arrangement
 * that holds the whole legend is tried and the one that shows the extent
 * largest is kept; the frame then fills the room it has, showing more
 * around the extent, so it fills the page at any size and orientation. */
#include <math.h>
#include <string.h>

#include "render/map_priv.h"

#define TITLE_PT 46.0      /* the title block over the frame */
#define GRAT_PT 11.0       /* room for graticule labels outside the frame */
#define INSET_W_PT 150.0   /* the locator inset */
#define INSET_H_PT 130.0
#define FRAME_MIN_PT 100.0 /* a frame narrower or lower than this is no map */
#define LEGEND_MIN_PT 60.0
/* what an arrangement the page does not suggest, or one without the locator
 * inset, must gain in scale to be chosen (so a page keeps its usual look
 * when it costs the map little) */
#define UNUSUAL_COST 0.95
#define NO_INSET_COST 0.85

static void box_set(fm_box *b, double x0, double y0, double x1, double y1)
{
    b->x0 = x0, b->y0 = y0, b->x1 = x1, b->y1 = y1;
}

double fm_arrange_margin_pt(void)
{
    return FM_MARGIN_MM * FM_PT_PER_MM;
}

double fm_arrange_furniture_scale(double page_w_pt, double page_h_pt)
{
    return fmin(1, fmax(FM_FURNITURE_MIN, sqrt(fmin(page_w_pt, page_h_pt) / (210 * FM_PT_PER_MM))));
}

/* The legend's width in an arrangement. */
static double legend_width(const fm_layout *l)
{
    double m = fm_arrange_margin_pt();
    if (l->beside)
        return FM_SIDE_PT * l->fs;
    return l->page_w - 2 * m - (l->inset_on ? INSET_W_PT * l->fs + 10 : 0);
}

/* The panels in a column right of the frame: the inset on top, the legend
 * under it, the credits at the column's foot, under the frame or across the
 * page's foot. */
static void place_beside(fm_layout *l)
{
    double m = fm_arrange_margin_pt(), top = m + TITLE_PT * l->fs;
    double sx = l->page_w - m - FM_SIDE_PT * l->fs, iw = INSET_W_PT * l->fs;
    double ih = INSET_H_PT * l->fs;
    double cred = l->credits_hs[l->credits_at], fx1 = sx - 10;
    double frame_y1 = l->page_h - m - GRAT_PT - (l->credits_at == FM_CREDITS_COLUMN ? 0 : cred + 4);
    double col_y1 = l->credits_at == FM_CREDITS_UNDER ? l->page_h - m : l->page_h - m - cred - 6;
    box_set(&l->frame, m + GRAT_PT, top, fx1, frame_y1);
    if (l->credits_at == FM_CREDITS_COLUMN)
        box_set(&l->credits, sx, l->page_h - m - cred, l->page_w - m, l->page_h - m);
    else
        box_set(&l->credits, m, l->page_h - m - cred,
                l->credits_at == FM_CREDITS_UNDER ? fx1 : l->page_w - m, l->page_h - m);
    if (l->inset_on)
        box_set(&l->inset, l->page_w - m - iw, top, l->page_w - m, top + ih - 5);
    else
        box_set(&l->inset, 0, 0, 0, 0);
    box_set(&l->legend, sx, l->inset_on ? top + ih + 1 : top, l->page_w - m, col_y1);
}

/* The panels under the frame: the legend (legend_h high) beside the inset,
 * then the credits across the page. */
static void place_below(fm_layout *l, double legend_h)
{
    double m = fm_arrange_margin_pt(), top = m + TITLE_PT * l->fs;
    double iw = INSET_W_PT * l->fs, ih = INSET_H_PT * l->fs;
    double cred = l->credits_hs[FM_CREDITS_ACROSS];
    double fy1 = l->page_h - m - cred - 8 - legend_h - 6 - GRAT_PT, py = fy1 + GRAT_PT + 6;
    box_set(&l->frame, m + GRAT_PT, top, l->page_w - m, fy1);
    if (l->inset_on)
        box_set(&l->inset, l->page_w - m - iw, py, l->page_w - m, py + ih);
    else
        box_set(&l->inset, 0, 0, 0, 0);
    box_set(&l->legend, m, py, m + legend_width(l), py + legend_h);
    box_set(&l->credits, m, py + legend_h + 8, l->page_w - m, py + legend_h + 8 + cred);
}

/* The legend's need at each width and least height it is offered,
 * measured once for each. */
typedef struct {
    fm_map *map;  /* NULL: every width needs guess */
    double guess, w[8], min_h[8], h[8];
    int n;
} legend_need;

static double need_at(legend_need *ln, const fm_layout *l)
{
    /* under the frame, the legend has the inset's height anyway */
    double w = legend_width(l), min_h = LEGEND_MIN_PT;
    if (!l->beside && l->inset_on)
        min_h = INSET_H_PT * l->fs;
    int i;
    if (!ln->map)
        return fmax(ln->guess, min_h);
    for (i = 0; i < ln->n; i++)
        if (fabs(ln->w[i] - w) < 0.01 && ln->min_h[i] == min_h)
            return ln->h[i];
    if (ln->n == (int)(sizeof ln->w / sizeof ln->w[0]))
        ln->n = 0;
    ln->w[ln->n] = w, ln->min_h[ln->n] = min_h;
    return ln->h[ln->n++] = fm_legend_height(ln->map, 0, w, min_h, l->page_h);
}

/* Lays l out as its arrangement says; returns the scale at which the frame
 * shows the extent (points per projected metre) with the penalties of
 * unusual arrangements, 0 when the frame is too small and negative when the
 * legend does not fit (the more negative, the more it lacks). */
static double arrangement_try(fm_layout *l, legend_need *ln)
{
    double lh = need_at(ln, l), room, fw, fh, s;
    if (l->beside)
        place_beside(l);
    else
        place_below(l, lh);
    fw = l->frame.x1 - l->frame.x0, fh = l->frame.y1 - l->frame.y0;
    room = l->legend.y1 - l->legend.y0;
    if (fw < FRAME_MIN_PT || fh < FRAME_MIN_PT || room < LEGEND_MIN_PT)
        return 0;
    if (lh > room + 0.5 || lh >= 0.999 * l->page_h) /* at page_h: it fits nowhere */
        return -(lh - room) - 1;
    s = fmin(fw / (l->bb[2] - l->bb[0]), fh / (l->bb[3] - l->bb[1]));
    if (l->beside != (l->page_w > l->page_h))
        s *= UNUSUAL_COST;
    return l->inset_on ? s : s * NO_INSET_COST;
}

/* Whether a (scale a, frame area fa) beats b: by its scale, and at the same
 * scale within 1% (the extent held by the same side) by the larger frame. */
static int better(double a, double fa, double b, double fb)
{
    if (b == 0 || (a > 0 && b < 0))
        return a != 0;
    if (a < 0 || b < 0)
        return a > b;
    if (fabs(a - b) <= 0.01 * fmax(a, b))
        return fa > fb;
    return a > b;
}

static double frame_area(const fm_layout *l)
{
    return (l->frame.x1 - l->frame.x0) * (l->frame.y1 - l->frame.y0);
}

fm_status fm_arrange(fm_ctx *ctx, fm_map *map, fm_layout *l, double legend_guess, int settle)
{
    legend_need ln = {map, legend_guess, {0}, {0}, {0}, 0};
    fm_layout best = *l, t = *l;
    double best_s = 0, keep_s = -HUGE_VAL;
    int beside, inset, cred;
    if (settle && l->arranged && need_at(&ln, l) <= l->legend.y1 - l->legend.y0 + 0.5)
        return FM_OK;
    if (l->arranged) /* the arrangement in use, kept unless another is clearly better */
        keep_s = arrangement_try(&t, &ln);
    for (beside = 0; beside < 2; beside++)
        for (inset = 1; inset >= 0; inset--)
            for (cred = beside ? 0 : FM_CREDITS_ACROSS; cred <= FM_CREDITS_ACROSS; cred++) {
                double s;
                t = *l;
                t.beside = beside, t.inset_on = inset, t.credits_at = cred;
                s = arrangement_try(&t, &ln);
                if (better(s, frame_area(&t), best_s, frame_area(&best)))
                    best = t, best_s = s;
            }
    if (best_s == 0)
        return fm_error(ctx, FM_ERANGE, "the page is too small for a map with its legend");
    if (keep_s > 0 && keep_s >= 0.98 * best_s) {
        t = *l;
        arrangement_try(&t, &ln);
        best = t;
    }
    *l = best;
    box_set(&l->title, fm_arrange_margin_pt(), fm_arrange_margin_pt(),
            l->page_w - fm_arrange_margin_pt(), fm_arrange_margin_pt() + TITLE_PT * l->fs - 4);
    l->arranged = 1;
    return FM_OK;
}
