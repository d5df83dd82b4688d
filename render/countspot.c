/* countspot.c: where a count goes when the middle of its symbol is taken
 * (another count over it on a small page, a crossing marker on top), and the
 * tick that ties a count set off its rim back to its circle. The places are
 * ordered so a count stays inside its circle or touches its rim before it
 * stands off, and never stands further off than FM_COUNT_OFF_MAX. */
#include <math.h>

#include "render/map_priv.h"

#define SPOT_DIRS 16
#define TICK_GAP 1.0 /* a count further off its rim than this gets a tick */
#define FM_COUNT_OTHER_R 2.5 /* a circle this large read as a moved count's */

/* Directions in the order tried (page y runs down): the four diagonals
 * (upper right first, as counts were set before), the axes, the rest. */
static const double spot_deg[SPOT_DIRS] = {-45, -135, 135, 45,     0,     180,  -90,  90,
                                           -22.5, -67.5, -112.5, -157.5, 157.5, 112.5, 67.5, 22.5};

/* The count's gaps from the rim, one ring of places each: inside the circle
 * (a large one holds its count off its middle), on the rim, then out. */
static double spot_gap(const fm_symbol *s, int ring, double hh)
{
    if (ring == 0)
        return -fmin(0.35 * s->r, hh);
    return (ring - 1) * FM_COUNT_OFF_MAX / (FM_COUNT_SPOT_RINGS - 2);
}

/* The distance from (0, 0) to a box of half-sides hw, hh centred at (x, y). */
static double box_dist(double x, double y, double hw, double hh)
{
    return hypot(fmax(fabs(x) - hw, 0), fmax(fabs(y) - hh, 0));
}

int fm_count_spot(const fm_symbol *s, int k, double *x, double *y)
{
    fm_box b;
    double hw, hh, ux, uy, lo = 0, hi, want, a;
    int ring = k / SPOT_DIRS;
    if (k < 0 || ring >= FM_COUNT_SPOT_RINGS || s->count < 2)
        return 0;
    fm_count_box_at(0, 0, s->count, s->count_pt > 0 ? s->count_pt : 5.5, &b);
    hw = (b.x1 - b.x0) / 2, hh = (b.y1 - b.y0) / 2;
    want = s->r + spot_gap(s, ring, hh);
    a = spot_deg[k % SPOT_DIRS] * M_PI / 180;
    ux = cos(a), uy = sin(a);
    if (want <= 0) { /* (a circle smaller than the box's inset: the middle) */
        *x = s->x, *y = s->y;
        return 1;
    }
    hi = want + hw + hh;
    for (int i = 0; i < 30; i++) { /* the box's distance grows with t */
        double t = (lo + hi) / 2;
        if (box_dist(t * ux, t * uy, hw, hh) < want)
            lo = t;
        else
            hi = t;
    }
    *x = s->x + hi * ux, *y = s->y + hi * uy;
    return 1;
}

int fm_count_reads_other(const fm_symbol *sym, size_t n, size_t self)
{
    const fm_symbol *s = &sym[self];
    for (size_t j = 0; j < n; j++)
        if (j != self && sym[j].r > FM_COUNT_OTHER_R &&
            hypot(s->count_x - sym[j].x, s->count_y - sym[j].y) < sym[j].r &&
            hypot(s->count_x - s->x, s->count_y - s->y) > s->r)
            return 1;
    return 0;
}

double fm_count_gap(const fm_symbol *s)
{
    fm_box b;
    if (!fm_symbol_count_box(s, &b))
        return 0;
    return hypot(fmax(fmax(b.x0 - s->x, s->x - b.x1), 0), fmax(fmax(b.y0 - s->y, s->y - b.y1), 0)) -
           s->r;
}

void fm_count_tick_mark(fm_symbol *s)
{
    s->tick = fm_count_gap(s) > TICK_GAP;
}

int fm_count_tick(const fm_symbol *s, double seg[4])
{
    fm_box b;
    double dx, dy, d, t0, tx, ty, t1;
    if (!s->tick || !fm_symbol_count_box(s, &b))
        return 0;
    dx = s->count_x - s->x, dy = s->count_y - s->y, d = hypot(dx, dy);
    if (d <= 0)
        return 0;
    /* from the rim along the ray to the count's middle, to the box's edge */
    t0 = s->r / d;
    tx = dx ? ((dx > 0 ? b.x0 : b.x1) - s->x) / dx : -HUGE_VAL;
    ty = dy ? ((dy > 0 ? b.y0 : b.y1) - s->y) / dy : -HUGE_VAL;
    t1 = fmax(tx, ty); /* where the ray enters the box */
    if (!(t1 > t0 && t1 < 1))
        return 0;
    seg[0] = s->x + t0 * dx, seg[1] = s->y + t0 * dy;
    seg[2] = s->x + t1 * dx, seg[3] = s->y + t1 * dy;
    return 1;
}

void fm_count_tick_draw(cairo_t *cr, const fm_symbol *s)
{
    double seg[4];
    if (!fm_count_tick(s, seg))
        return;
    cairo_move_to(cr, seg[0], seg[1]);
    cairo_line_to(cr, seg[2], seg[3]);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
}
