/* labelspot.c: where a point name goes: positions on rings round its
 * marker, a sweep of the nearer ones when the rings leave a guaranteed name
 * out or hang it far, and, for a seat of the subject still without room,
 * other names moved out of its way or its name stacked under a neighbour's
 * (labels.c places the names in turn and draws them). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

#define MUST_RINGS 9
#define SEAT_RINGS 5 /* a district seat that need not be named: round its symbol */
#define MORE_RINGS 5 /* more for a guaranteed name that found no room before */
#define LEADER_MIN 5.5 /* a gap wider than this gets a leader line */
#define RANKED_GAP 30.0 /* the longest leader of a name guaranteed by rank only */
#define LEADER_CROSS 8.0 /* a guaranteed name's cost (in rings) of a name or leader across a leader */
#define AMBIG_COST 8.0 /* and of lying nearer another place's marker than its own */

/* ---- leader lines -------------------------------------------------------------- */

#define LEADER_STEP 1.5 /* between the boxes that file a drawn leader */
#define LEADER_BOX 1.6  /* their side: a chain with no gap a line could cross */

/* The leader from a marker of radius r at (x, y) to the nearest point of
 * box b, as draw_leader draws it: seg = x0, y0, x1, y1; 0 when none. */
static int leader_seg(double x, double y, double r, const fm_box *b, double seg[4])
{
    double bx = fmax(b->x0, fmin(x, b->x1)), by = fmax(b->y0, fmin(y, b->y1));
    double d = hypot(bx - x, by - y);
    r += 0.6;
    if (d <= r)
        return 0;
    seg[0] = x + (bx - x) * r / d, seg[1] = y + (by - y) * r / d, seg[2] = bx, seg[3] = by;
    return 1;
}

/* The length of the leader to box b (0: none). */
static double leader_len(double x, double y, double r, const fm_box *b)
{
    double seg[4];
    return leader_seg(x, y, r, b, seg) ? hypot(seg[2] - seg[0], seg[3] - seg[1]) : 0;
}

/* Whether the leader to box b would cross a name, a marker the map
 * guarantees, a count or another leader: an editor does not print lines
 * through names or across each other (Mardan's and Nowshera's crossed on
 * the A4 KP map, Kalaya's ran through Kohat's name). The first points by
 * the own marker are not tried (its seeded box). */
static int leader_clear_of(obstacles *ob, double x, double y, double r, const fm_box *b,
                           int counts)
{
    double seg[4], len, t;
    if (!leader_seg(x, y, r, b, seg))
        return 1;
    len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
    for (t = 1.0; t < len - 0.5; t += LEADER_STEP) {
        double px = seg[0] + (seg[2] - seg[0]) * t / len, py = seg[1] + (seg[3] - seg[1]) * t / len;
        fm_box pt = {px - 0.1, py - 0.1, px + 0.1, py + 0.1};
        if (fm_boxgrid_hits(&ob->lab, &pt) || (counts && fm_boxgrid_hits(&ob->cnt, &pt)) ||
            fm_boxgrid_hits(&ob->ldr, &pt))
            return 0;
    }
    return 1;
}

/* Files the leader of a placed name as an obstacle for the names after it. */
static fm_status leader_file(fm_ctx *ctx, obstacles *ob, double x, double y, double r,
                             const fm_box *b)
{
    double seg[4], len, t, h = LEADER_BOX / 2;
    if (!leader_seg(x, y, r, b, seg))
        return FM_OK;
    len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
    for (t = 0; t <= len; t += LEADER_STEP) {
        double px = seg[0] + (seg[2] - seg[0]) * t / len, py = seg[1] + (seg[3] - seg[1]) * t / len;
        if (fm_boxgrid_add(ctx, &ob->ldr, (fm_box){px - h, py - h, px + h, py + h}, 0))
            return FM_ENOMEM;
    }
    return FM_OK;
}

static double inter_area(const fm_box *a, const fm_box *b)
{
    double w = fmin(a->x1, b->x1) - fmax(a->x0, b->x0), h = fmin(a->y1, b->y1) - fmax(a->y0, b->y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* The share of box b covered by symbols (each taken as the square of the
 * circle's area), 0 when clear. */
double fm_label_sym_cover(const fm_map *map, obstacles *ob, const fm_box *b)
{
    int idx[128];
    size_t n = fm_boxgrid_query(&ob->sym, b, idx, 128), i;
    double area = (b->x1 - b->x0) * (b->y1 - b->y0), a = 0;
    if (n > 128)
        return 1;
    for (i = 0; i < n; i++) {
        const fm_symbol *s = &map->symbols[ob->sym.tag[idx[i]]];
        double h = s->r * 0.886;
        fm_box sq = {s->x - h, s->y - h, s->x + h, s->y + h};
        a += inter_area(b, &sq);
    }
    return area > 0 ? fmin(1, a / area) : 1;
}

/* ---- placement --------------------------------------------------------------- */

/* Gap between marker and label on ring k: close rings first, then wider
 * steps that a leader line bridges. */
static double ring_gap(double r, int k)
{
    return r + 1.2 + (k < 3 ? k * 3.5 : 7 + (k - 2) * 6.0);
}

/* A name keeps this far from a count (a name against the digits reads as
 * one word: "Landi Kotal 3"); area names, which may go over symbols
 * on a halo, only keep off the counts themselves. */
#define COUNT_PAD 1.5
int fm_label_count_near(obstacles *ob, const fm_box *b)
{
    fm_box p = {b->x0 - COUNT_PAD, b->y0 - COUNT_PAD, b->x1 + COUNT_PAD, b->y1 + COUNT_PAD};
    return fm_boxgrid_hits(&ob->cnt, &p);
}
/* The radius round (x, y) that clears the symbols drawn over a marker of
 * radius r there, or r when none covers its centre; at most CLEAR_MAX, so
 * the place of a large cluster is still named near it (over its edge, at a
 * cost, as before). */
#define CLEAR_MAX 14.0
static double clear_radius(const fm_map *map, obstacles *ob, double x, double y, double r)
{
    int idx[64];
    fm_box mk = box_at(x, y, 2 * r, 2 * r);
    size_t n = fm_boxgrid_query(&ob->sym, &mk, idx, 64), i;
    double R = r;
    for (i = 0; i < n && i < 64; i++) {
        const fm_symbol *s = &map->symbols[ob->sym.tag[idx[i]]];
        double d = hypot(s->x - x, s->y - y);
        if (d < s->r)
            R = fmax(R, fmin(d + s->r + 0.6, CLEAR_MAX));
    }
    return R;
}

/* The symbol drawn over a marker of radius r at (x, y) that clear_radius
 * clears (the one reaching furthest from it): 1 and its circle, grown by
 * 0.6, in *sx, *sy, *sr; 0 when none covers the marker's centre. */
static int covering_symbol(const fm_map *map, obstacles *ob, double x, double y, double r,
                           double *sx, double *sy, double *sr, fm_box *count)
{
    int idx[64], found = 0;
    fm_box mk = box_at(x, y, 2 * r, 2 * r);
    size_t n = fm_boxgrid_query(&ob->sym, &mk, idx, 64), i;
    double far = 0;
    for (i = 0; i < n && i < 64; i++) {
        const fm_symbol *s = &map->symbols[ob->sym.tag[idx[i]]];
        double d = hypot(s->x - x, s->y - y);
        if (d < s->r && d + s->r > far) {
            far = d + s->r, *sx = s->x, *sy = s->y, *sr = s->r + 0.6, found = 1;
            if (!fm_symbol_count_box(s, count))
                *count = (fm_box){NAN, NAN, NAN, NAN};
        }
    }
    return found;
}

/* The symbol a name is set round: its circle and its count's box. */
typedef struct {
    double x, y, r;
    fm_box count;
} rim_sym;

/* Whether a box w x h centred at (bx, by) keeps extra off the circle, and
 * its count's COUNT_PAD and the same more off the count (a count wider than
 * a small circle is what the name goes round). */
static int box_clears(double bx, double by, double w, double h, const rim_sym *y, double extra)
{
    const fm_box *q = &y->count;
    double gx = fmax(q->x0 - (bx + w / 2), (bx - w / 2) - q->x1);
    double gy = fmax(q->y0 - (by + h / 2), (by - h / 2) - q->y1);
    return hypot(fmax(fabs(bx - y->x) - w / 2, 0), fmax(fabs(by - y->y) - h / 2, 0)) >=
               y->r + extra &&
           (isnan(q->x0) || fmax(gx, gy) >= COUNT_PAD + 0.05 + extra - 1.2);
}

/* The gap along direction (ux, uy) at which a name w x h keeps extra off
 * both c's marker (radius r) and the symbol over it (sx, sy, sr): the ring
 * followed round that symbol's rim, not round a circle about the marker
 * that holds it. Off its middle, that circle put the name on the far side
 * as far again beyond the rim: on the A5 Khyber and Torkham maps Landi
 * Kotal's name stood 4.3-5.3 pt off the rim of the "12" over its marker,
 * 6-7 pt from the marker, with no leader. */
static double rim_gap(const fm_label_cand *c, double r, const rim_sym *y, double ux, double uy,
                      double w, double h, double extra, double hi)
{
    double lo = r + extra;
    if (box_clears(c->x + ux * (lo + w / 2), c->y + uy * (lo + h / 2), w, h, y, extra))
        return lo;
    for (int i = 0; i < 20; i++) {
        double g = (lo + hi) / 2;
        if (box_clears(c->x + ux * (g + w / 2), c->y + uy * (g + h / 2), w, h, y, extra))
            hi = g;
        else
            lo = g;
    }
    return hi;
}

/* Direction k of the positions round a marker: eight, then eight between
 * them (the outer rings of a name that must be shown), then EXTRA_DIRS more
 * evenly round (a guaranteed name in a crowd finds the gap nearest its
 * place before a ring further out: Nawa Pass took a 49 pt leader on the KP
 * map with room nearer), on the square the box centres run round. */
#define EXTRA_DIRS 16
static void dir_at(int k, double *ux, double *uy)
{
    static const double dx[] = {1, 0.75, 0.75, -1, -0.75, -0.75, 0, 0,
                                0.95, 0.95, -0.95, -0.95, 0.4, 0.4, -0.4, -0.4};
    static const double dy[] = {0, -0.75, 0.75, 0, -0.75, 0.75, -1, 1,
                                -0.35, 0.35, -0.35, 0.35, -1, 1, -1, 1};
    double t, m;
    if (k < 16) {
        *ux = dx[k], *uy = dy[k];
        return;
    }
    t = (k - 16 + 0.5) * 2 * M_PI / EXTRA_DIRS;
    m = fmax(fabs(cos(t)), fabs(sin(t)));
    *ux = cos(t) / m, *uy = sin(t) / m;
}

/* Whether box b lies nearer another place's marker (of the names placed or
 * guaranteed; not one touching c's own) than c's, within AMBIG_PT of it: a
 * reader takes a name for the marker it sits by ("Landi Kotal" at the end of
 * a leader on the Letter KP map read as the marker beside it; Ghalanai's, on
 * the A4 one, as Jalalabad's 4 pt away; "Gardez" beside its own marker but
 * touching another's). Distances are from each marker's rim to the box. */
#define AMBIG_PT 5.0
#define AMBIG_MARGIN 0.5 /* nor as near, within this: a name between two markers */
static double rim_to_box(double x, double y, double r, const fm_box *b)
{
    double bx = fmax(b->x0, fmin(x, b->x1)), by = fmax(b->y0, fmin(y, b->y1));
    return fmax(0, hypot(bx - x, by - y) - r);
}

static int by_other_marker(obstacles *ob, const fm_label_cand *c, double r, const fm_box *b)
{
    fm_box g = {b->x0 - AMBIG_PT - 4, b->y0 - AMBIG_PT - 4, b->x1 + AMBIG_PT + 4,
                b->y1 + AMBIG_PT + 4};
    double own = fmin(rim_to_box(c->x, c->y, r, b) + AMBIG_MARGIN, AMBIG_PT);
    int idx[32];
    size_t n = fm_boxgrid_query(&ob->lab, &g, idx, 32), i;
    for (i = 0; i < n && i < 32; i++) {
        const fm_box *m = &ob->lab.b[idx[i]];
        double mx = (m->x0 + m->x1) / 2, my = (m->y0 + m->y1) / 2, mr = (m->x1 - m->x0) / 2;
        if (!ob->lab.tag[idx[i]] ||                          /* a callout's leader */
            m->x1 - m->x0 > 7.01 || m->y1 - m->y0 > 7.01 || /* a name's box */
            fabs((m->x1 - m->x0) - (m->y1 - m->y0)) > 0.01 ||
            hypot(mx - c->x, my - c->y) < r + mr + 1.0)     /* its own, or touching it */
            continue;
        if (rim_to_box(mx, my, mr - 0.3, b) < own)
            return 1;
    }
    return 0;
}

/* Whether a marker of radius r at (x, y) would lie nearer a placed point
 * name than that name's own marker, within AMBIG_PT of it: the place drawn
 * there would take the other's name in a reader's eye (a village's marker
 * beside a seat's name), so a place that need not be named is left out. */
int fm_label_marker_confuses(obstacles *ob, double x, double y, double r)
{
    fm_box g = {x - r - AMBIG_PT, y - r - AMBIG_PT, x + r + AMBIG_PT, y + r + AMBIG_PT};
    int idx[32];
    size_t n = fm_boxgrid_query(&ob->lab, &g, idx, 32), i;
    for (i = 0; i < n && i < 32; i++) {
        int t = ob->lab.tag[idx[i]];
        const placed *pd;
        double mr;
        if (t >= 0)
            continue;
        pd = &ob->done[-t - 1];
        mr = fm_label_marker(pd->kind);
        if ((size_t)idx[i] != pd->lab0 || mr <= 0 || pd->gone ||
            hypot(pd->x - x, pd->y - y) < r + mr + 1.0)
            continue;
        if (rim_to_box(x, y, r, &pd->box) <
            fmin(rim_to_box(pd->x, pd->y, mr, &pd->box) + AMBIG_MARGIN, AMBIG_PT))
            return 1;
    }
    return 0;
}

/* What placing a name in box b costs, in rings (HUGE_VAL: not there):
 * base, its distance (a ring's number) and side, plus the symbols it covers
 * and the leaders it crosses; leader: whether it needs one. Shared by the
 * rings and the sweep of place_point. */
typedef struct {
    const fm_map *map;
    obstacles *ob;
    const fm_label_cand *c;
    double r, rr, reach;
    int under_counts; /* its leader may pass under a count (countroom.c) */
} spot;

static double spot_cost(const spot *s, const fm_box *b, double base, int leader)
{
    const fm_label_cand *c = s->c;
    double cover, cost, d;
    if (!in_frame(s->map, b) || !hard_clear(s->ob, b) || fm_label_count_near(s->ob, b))
        return HUGE_VAL;
    d = leader_len(c->x, c->y, s->r, b);
    if (s->reach > 0 && d > s->reach)
        return HUGE_VAL;
    cover = fm_label_sym_cover(s->map, s->ob, b);
    if (!c->must && cover > 0.08)
        return HUGE_VAL;
    cost = base + cover * 6;
    /* over or across another's leader: only a guaranteed name, at the cost
     * of a few rings further out */
    if (fm_boxgrid_hits(&s->ob->ldr, b)) {
        if (!c->must)
            return HUGE_VAL;
        cost += LEADER_CROSS;
    }
    if (leader && !leader_clear_of(s->ob, c->x, c->y, s->r, b, !s->under_counts)) {
        if (!c->must)
            return HUGE_VAL;
        cost += LEADER_CROSS;
    }
    /* nearer another place's marker than its own: read as that place's */
    if (by_other_marker(s->ob, c, s->r, b)) {
        if (!c->must || c->ranked || c->reach_pt > 0) /* (named near it or not at all) */
            return HUGE_VAL;
        cost += AMBIG_COST;
    }
    return cost;
}

/* The ring a gap of g beyond the rim rr is on (ring_gap's inverse). */
static double ring_of(double g)
{
    return g <= 7 ? g / 3.5 : 2 + (g - 7) / 6.0;
}

#define SWEEP_STEP 2.0 /* between the positions of a sweep, points */
#define SWEEP_COST 0.5 /* a position off the directions: a little less tidy */

/* What the sweep's position b costs (HUGE_VAL, or at least best: not
 * there), *leader: whether it needs a leader. */
static double sweep_cost(const spot *s, const fm_box *b, double lim, int loose, double best,
                         int *leader)
{
    const fm_label_cand *c = s->c;
    double bx = fmax(b->x0, fmin(c->x, b->x1)), by = fmax(b->y0, fmin(c->y, b->y1));
    double d = hypot(bx - c->x, by - c->y), cost;
    int ld = d - s->rr > LEADER_MIN;
    *leader = ld;
    /* clear of the marker and of the symbols over it, within lim */
    if (d < s->rr + 1.2 || d - s->r - 0.6 > lim)
        return HUGE_VAL;
    cost = ring_of(d - s->rr - 1.2) + SWEEP_COST;
    if (cost >= best || (cost = spot_cost(s, b, cost, ld)) >= best)
        return HUGE_VAL;
    /* nearer, but (unless loose) with no leader through a name or a
     * count, and not over or across another leader, and (unless
     * loose is 2) not on a leader to by another place's marker */
    if ((!loose && (fm_boxgrid_hits(&s->ob->ldr, b) ||
                    (ld && !leader_clear_of(s->ob, c->x, c->y, s->r, b, !s->under_counts)))) ||
        (ld && loose < 2 && by_other_marker(s->ob, c, s->r, b)))
        return HUGE_VAL;
    return cost;
}

/* A guaranteed name the directions of the rings leave out, or hang further
 * than lim from its place: every position of a grid round the marker whose
 * leader is at most lim long (the gaps between the counts of a crowded
 * valley are narrower than the rings' steps: Charsadda and Ghalanai in the
 * Peshawar valley on the A4 KP map). */
static void sweep(const spot *s, double w, double h, double lim, int loose, double *best,
                  fm_box *out, int *leader)
{
    const fm_label_cand *c = s->c;
    double ax = lim + w / 2 + s->r, ay = lim + h / 2 + s->r, dx, dy;
    for (dy = -ay; dy <= ay; dy += SWEEP_STEP)
        for (dx = -ax; dx <= ax; dx += SWEEP_STEP) {
            fm_box b = box_at(c->x + dx, c->y + dy, w, h);
            int ld;
            double cost = sweep_cost(s, &b, lim, loose, *best, &ld);
            if (cost < *best)
                *best = cost, *out = b, *leader = ld;
        }
}

double fm_label_spot_clean(const fm_map *map, obstacles *ob, const fm_label_cand *c,
                           const fm_box *b, double lim, int *leader)
{
    /* (the leader from the marker, not from the rim of a symbol over it:
     * a name past a large circle's rim with none read as no one's) */
    double r = fm_label_marker(c->kind);
    spot s = {map, ob, c, r, r, c->ranked ? RANKED_GAP : c->reach_pt, 1};
    return sweep_cost(&s, b, lim, 0, HUGE_VAL, leader);
}

/* The best of eight positions per ring around a marker of radius r (sixteen
 * and more on the outer rings of a name that must be shown): no hard
 * obstacle, the least symbol cover, the nearest ring and the preferred side
 * (right, then upper and lower right, left, above, below). A name that need
 * not be shown takes only a position nearly clear of symbols. A guaranteed
 * name the rings leave out within its reach, or a crossing or city they
 * would hang further than its prefer_pt, sweeps the positions nearer. */
int fm_label_place_point(const fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                       double h, fm_box *out, int *leader)
{
    double r = fm_label_marker(c->kind), best = HUGE_VAL;
    /* a guaranteed name that missed on an earlier try looks further out; a
     * district seat that need not be named, and a town or village whose
     * marker an incident symbol covers (the incidents happened there: the
     * name says where), still go round the symbol, with a leader, where that
     * is clear of symbols */
    fm_box mk = box_at(c->x, c->y, 2 * r, 2 * r);
    int seat = !c->must && (c->kind == FM_LK_SEAT || (r > 0 && fm_label_sym_cover(map, ob, &mk) > 0));
    /* the rings start at the rim of a symbol drawn over the marker (the
     * incidents at the place): a name beside it, not touching its count;
     * the longest leader: a name guaranteed by rank only, or a seat of the
     * subject on a view too small for all the seats, is named near its
     * place or left out */
    spot s = {map, ob, c, r, r > 0 ? clear_radius(map, ob, c->x, c->y, r) : r,
              c->ranked ? RANKED_GAP : c->reach_pt, 0};
    int k, ring, rings = seat ? SEAT_RINGS
                         : !c->must ? fm_label_rings(c->kind)
                         : MUST_RINGS + (c->score >= FM_LABEL_PROMOTED ? MORE_RINGS : 0);
    /* on a page under A4, round the rim of the symbol over the marker */
    rim_sym y = {0, 0, 0, {NAN, NAN, NAN, NAN}};
    int rim = r > 0 && c->kind > FM_LK_CAPITAL && fm_label_page_scale(map) < 0.999 &&
              covering_symbol(map, ob, c->x, c->y, r, &y.x, &y.y, &y.r, &y.count);
    for (ring = 0; ring < rings && best > ring; ring++)
        for (k = 0; k < ((c->must || seat) && ring >= 2 ? 16 + EXTRA_DIRS : 8); k++) {
            double gap = ring_gap(s.rr, ring), cost, ux, uy;
            int ld = gap - s.rr > LEADER_MIN;
            if (s.reach > 0 && gap - r > s.reach + 6)
                break;
            dir_at(k, &ux, &uy);
            if (rim)
                gap = rim_gap(c, r, &y, ux, uy, w, h, gap - s.rr, 2 * gap + w + h);
            fm_box b = box_at(c->x + ux * (gap + w / 2), c->y + uy * (gap + h / 2), w, h);
            cost = spot_cost(&s, &b, ring + (k < 16 ? k * 0.06 : 0.95), ld);
            if (cost < best)
                best = cost, *out = b, *leader = ld;
        }
    if (c->must && r > 0) {
        double lim = s.reach > 0 ? s.reach : c->prefer_pt, cut = best;
        if (lim > 0 && (best == HUGE_VAL || leader_len(c->x, c->y, r, out) > lim)) {
            fm_box b;
            int ld = 0;
            best = HUGE_VAL;
            sweep(&s, w, h, lim, 0, &best, &b, &ld);
            /* a crossing or city: across a name or leader within its limit
             * rather than on a longer leader (a seat tries moving names
             * first, labelone.c) */
            if (best == HUGE_VAL && cut < HUGE_VAL)
                sweep(&s, w, h, lim, 1, &best, &b, &ld);
            /* and by another place's marker (at a cost) before a leader
             * longer than its limit: Mehtar Lam's took 49 pt on the A4
             * frontier map, Mardan's 43 */
            if (best == HUGE_VAL && cut < HUGE_VAL && !s.reach)
                sweep(&s, w, h, lim, 2, &best, &b, &ld);
            if (best < HUGE_VAL)
                *out = b, *leader = ld;
            else
                best = cut; /* nothing nearer: the rings' */
        }
    }
    /* a guaranteed name the rings could only put by another place's marker
     * (at a cost): the positions of a grid as near, or 6 pt further, where
     * it is not, if one costs less */
    if (c->must && r > 0 && best < HUGE_VAL && by_other_marker(ob, c, r, out)) {
        double lim = leader_len(c->x, c->y, r, out) + 6, cost = best;
        fm_box b;
        int ld = 0;
        sweep(&s, w, h, s.reach > 0 ? fmin(lim, s.reach) : lim, 0, &cost, &b, &ld);
        if (cost < best)
            best = cost, *out = b, *leader = ld;
    }
    return best < HUGE_VAL;
}

/* Files the boxes of placed name done[i] (its name, its marker unless
 * seeded, its leader) as obstacles, tagged as its own. */
fm_status fm_label_file_boxes(fm_ctx *ctx, obstacles *ob, size_t i, int seeded)
{
    placed *pd = &ob->done[i];
    double r = fm_label_marker(pd->kind);
    int tag = -(int)i - 1;
    pd->lab0 = ob->lab.n;
    if (fm_boxgrid_add(ctx, &ob->lab, pd->box, tag) ||
        (r > 0 && !seeded &&
         fm_boxgrid_add(ctx, &ob->lab, box_at(pd->x, pd->y, 2 * r, 2 * r), tag)))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    pd->nlab = ob->lab.n - pd->lab0;
    pd->ldr0 = ob->ldr.n;
    if (pd->leader && leader_file(ctx, ob, pd->x, pd->y, r, &pd->box))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    pd->ldr1 = ob->ldr.n;
    return FM_OK;
}

/* Takes the boxes of done[i] out of the obstacles (save: where they were,
 * nlab + ldr1 - ldr0 of them; NULL: not kept) or puts them back. */
static void boxes_out(obstacles *ob, size_t i, fm_box *save)
{
    const placed *pd = &ob->done[i];
    const fm_box none = {NAN, NAN, NAN, NAN}; /* (filed still, meets nothing) */
    size_t k, n = 0;
    for (k = pd->lab0; k < pd->lab0 + pd->nlab; k++, n++) {
        if (save)
            save[n] = ob->lab.b[k];
        ob->lab.b[k] = none;
    }
    for (k = pd->ldr0; k < pd->ldr1; k++, n++) {
        if (save)
            save[n] = ob->ldr.b[k];
        ob->ldr.b[k] = none;
    }
}

void fm_label_unfile(obstacles *ob, size_t i)
{
    boxes_out(ob, i, NULL);
}

static void boxes_back(obstacles *ob, size_t i, const fm_box *save)
{
    const placed *pd = &ob->done[i];
    size_t k, n = 0;
    for (k = pd->lab0; k < pd->lab0 + pd->nlab; k++)
        ob->lab.b[k] = save[n++];
    for (k = pd->ldr0; k < pd->ldr1; k++)
        ob->ldr.b[k] = save[n++];
}

/* ---- moving names out of a guaranteed one's way -------------------------------- */

#define MOVE_MAX 2   /* placed names a guaranteed one may move */
#define MOVE_TRIES 8 /* positions tried, cheapest first */
#define MOVE_COST 3.0 /* a moved name's cost, in rings */

typedef struct {
    double cost;
    fm_box b;
    int leader, nj;
    size_t j[MOVE_MAX];
} move;

static int same_names(const move *a, const move *b)
{
    int z, y, n = 0;
    if (a->nj != b->nj)
        return 0;
    for (z = 0; z < a->nj; z++)
        for (y = 0; y < b->nj; y++)
            n += a->j[z] == b->j[y];
    return n == a->nj;
}

/* Adds to m the placed names whose boxes meet b (MOVE_MAX at most); 0 when
 * something else does (a seeded marker, a callout, a marker, an area name
 * other than a country's or province's) or too many. */
static int blockers_add(obstacles *ob, const fm_box *b, move *m)
{
    int idx[16], z;
    size_t q = fm_boxgrid_query(&ob->lab, b, idx, 16), k;
    if (q > 16)
        return 0;
    for (k = 0; k < q; k++) {
        int t = ob->lab.tag[idx[k]], dup = 0;
        size_t j = (size_t)(-t - 1);
        if (t >= 0 || (size_t)idx[k] != ob->done[j].lab0 ||
            (fm_label_marker(ob->done[j].kind) <= 0 && ob->done[j].kind != FM_LK_HOME &&
             ob->done[j].kind != FM_LK_PROVINCE))
            return 0;
        for (z = 0; z < m->nj; z++)
            dup |= m->j[z] == j;
        if (!dup && m->nj == MOVE_MAX)
            return 0;
        if (!dup)
            m->j[m->nj++] = j;
    }
    return 1;
}

/* The positions within lim of c's place that only placed names (at most
 * MOVE_MAX; point names by their name, not their marker, or a country's or
 * province's) keep c from, cheapest first,
 * one per set of names, into mv[MOVE_TRIES]; returns how many. */
static size_t moves_find(const spot *s, double w, double h, double lim, move *mv)
{
    const fm_label_cand *c = s->c;
    obstacles *ob = s->ob;
    double ax = lim + w / 2 + s->r, ay = lim + h / 2 + s->r, dx, dy;
    size_t n = 0, k;
    for (dy = -ay; dy <= ay; dy += SWEEP_STEP)
        for (dx = -ax; dx <= ax; dx += SWEEP_STEP) {
            fm_box b = box_at(c->x + dx, c->y + dy, w, h);
            double bx = fmax(b.x0, fmin(c->x, b.x1)), by = fmax(b.y0, fmin(c->y, b.y1));
            double d = hypot(bx - c->x, by - c->y);
            int ok;
            move m;
            if (d < s->rr + 1.2 || d - s->r - 0.6 > lim || !in_frame(s->map, &b) ||
                fm_label_count_near(ob, &b) || fm_boxgrid_hits(&ob->cnt, &b))
                continue;
            m.nj = 0, m.b = b, m.leader = d - s->rr > LEADER_MIN;
            ok = blockers_add(ob, &b, &m) && !by_other_marker(ob, c, s->r, &b);
            if (!ok || m.nj == 0)
                continue;
            m.cost = ring_of(d - s->rr - 1.2) + MOVE_COST * m.nj +
                     fm_label_sym_cover(s->map, ob, &b) * 6 +
                     (fm_boxgrid_hits(&ob->ldr, &b) ? LEADER_CROSS : 0);
            /* the cheapest position for each set of names moved (the
             * next ones would move the same names the same way) */
            for (k = 0; k < n && !same_names(&mv[k], &m); k++)
                ;
            if (k < n) { /* the same names moved: the cheaper position */
                if (mv[k].cost <= m.cost)
                    continue;
            } else if (n < MOVE_TRIES) {
                k = n++;
            } else { /* full: in place of the dearest, if cheaper */
                k = n - 1;
                if (mv[k].cost <= m.cost)
                    continue;
            }
            for (; k > 0 && mv[k - 1].cost > m.cost; k--)
                mv[k] = mv[k - 1];
            mv[k] = m;
        }
    return n;
}

/* Name c's box (w x h) placed as place_point would, or with its leader at
 * most lim long where that is further: the nearest room within lim (the
 * sweep). 1 placed within lim, 0 not. */
static int place_within(const fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                        double h, double lim, fm_box *out, int *leader)
{
    double r = fm_label_marker(c->kind), best = HUGE_VAL;
    spot s = {map, ob, c, r, clear_radius(map, ob, c->x, c->y, r),
              c->ranked ? RANKED_GAP : c->reach_pt, 0};
    if (fm_label_place_point(map, ob, c, w, h, out, leader) &&
        (!*leader || leader_len(c->x, c->y, r, out) <= lim))
        return 1;
    sweep(&s, w, h, lim, 0, &best, out, leader);
    return best < HUGE_VAL;
}

/* Places done[j] again, its boxes taken out: 1 where it found a place, a
 * guaranteed name with a leader at most MOVE_SLACK longer than before (a
 * name beside its marker stays beside it: Torkham's, moved to a 28 pt
 * leader for Landi Kotal's sake, hung over another town's marker), 0 none. */
#define MOVE_SLACK 3.0
static int move_again(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *all,
                      size_t j)
{
    placed *pd = &ob->done[j];
    const fm_label_cand *cj = &all[pd->cand];
    double w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    double was = pd->leader ? leader_len(pd->x, pd->y, fm_label_marker(pd->kind), &pd->box) : 0;
    fm_box b;
    int leader = 0;
    if (fm_label_marker(pd->kind) <= 0) { /* a country's or province's name: elsewhere in it */
        if (fm_label_place_area(ctx, map, ob, cj, w, h, 0, &b) <= 0 &&
            (pd->kind != FM_LK_HOME || fm_label_place_area(ctx, map, ob, cj, w, h, 1, &b) <= 0))
            return 0;
    } else if (cj->must ? !place_within(map, ob, cj, w, h,
                                        cj->reach_pt > 0 ? fmin(was + MOVE_SLACK, cj->reach_pt)
                                                         : was + MOVE_SLACK,
                                        &b, &leader)
                        : !fm_label_place_point(map, ob, cj, w, h, &b, &leader))
        return 0;
    pd->tx += b.x0 - pd->box.x0, pd->ty += b.y0 - pd->box.y0;
    pd->box = b, pd->leader = leader;
    return 1;
}

/* A guaranteed name within a reach that found no room: the cheapest
 * position where moving one or two placed point names (crossings, cities,
 * seats placed before it) elsewhere makes room, each placed again as it
 * would be (a guaranteed one no further from its place than before or its
 * limit; one that need not be shown may be left out). Returns 1 with the
 * name placed as done[ob->ndone - 1], 0 when no move makes room. */
int fm_label_make_room(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *all,
                       const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y,
                       int loose)
{
    double r = fm_label_marker(c->kind), w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    spot s = {map, ob, c, r, clear_radius(map, ob, c->x, c->y, r), c->reach_pt, 0};
    move mv[MOVE_TRIES];
    size_t n = moves_find(&s, w, h, c->reach_pt, mv), t;
    for (t = 0; t < n; t++) {
        placed old[MOVE_MAX];
        fm_box *save[MOVE_MAX] = {NULL, NULL};
        size_t me = ob->ndone, z;
        int nj = mv[t].nj, ok = 1;
        for (z = 0; z < (size_t)nj; z++) {
            size_t j = mv[t].j[z];
            old[z] = ob->done[j];
            save[z] = fm_malloc_array(old[z].nlab + old[z].ldr1 - old[z].ldr0 + 1, sizeof **save);
            if (!save[z])
                ok = 0;
            else
                boxes_out(ob, j, save[z]);
        }
        /* the name at its new place, then the moved ones round it */
        if (ok && mv[t].leader && loose != 1 &&
            !leader_clear_of(ob, c->x, c->y, r, &mv[t].b, loose != 2))
            ok = 0;
        if (ok && !fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1,
                           sizeof *ob->done)) {
            placed *me_pd = &ob->done[ob->ndone++];
            *me_pd = *pd;
            me_pd->box = mv[t].b, me_pd->leader = mv[t].leader, me_pd->cand = self - 1;
            me_pd->tx = mv[t].b.x0 + 0.5 - lg_x, me_pd->ty = mv[t].b.y0 - lg_y;
            ok = !fm_label_file_boxes(ctx, ob, me, 1);
        } else
            ok = 0;
        for (z = 0; ok && z < (size_t)nj; z++) {
            size_t j = mv[t].j[z];
            if (move_again(ctx, map, ob, all, j))
                ok = !fm_label_file_boxes(ctx, ob, j, all[ob->done[j].cand].must);
            else if (all[ob->done[j].cand].must)
                ok = 0;
            else
                ob->done[j].gone = 1;
        }
        if (!ok) { /* undone: the moved ones back where they were */
            if (ob->ndone > me) {
                boxes_out(ob, me, NULL);
                ob->ndone = me;
            }
            for (z = 0; z < (size_t)nj; z++) {
                size_t j = mv[t].j[z];
                if (!save[z])
                    continue;
                if (ob->done[j].lab0 != old[z].lab0 && !ob->done[j].gone)
                    boxes_out(ob, j, NULL);
                ob->done[j] = old[z];
                boxes_back(ob, j, save[z]);
            }
        }
        for (z = 0; z < (size_t)nj; z++)
            free(save[z]);
        if (ok)
            return 1;
    }
    return 0;
}

/* A seat whose marker lies under a more important place's (Landi Kotal by
 * Torkham, 2-4 pt apart at 1:4,300,000; fm_label_cand.shares) and found no
 * room of its own: the two names stacked, the other's first, where the
 * other's alone was or as near (its leader at most MOVE_SLACK longer), as
 * one label for the pair of markers. Returns 1 with the seat placed as
 * done[ob->ndone - 1] (no leader of its own: it hangs on the pair's). */
int fm_label_pair_up(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *all,
                   const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y)
{
    double r = fm_label_marker(c->kind), w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    size_t jp, me = ob->ndone, nsave;
    for (jp = 0; jp < ob->ndone; jp++) { /* the other: a guaranteed marker it touches */
        const placed *o = &ob->done[jp];
        if (!o->gone && o->kind < c->kind && all[o->cand].must &&
            hypot(o->x - c->x, o->y - c->y) < r + fm_label_marker(o->kind) + 0.6)
            break;
    }
    if (jp == ob->ndone)
        return 0;
    placed old = ob->done[jp], *o = &ob->done[jp];
    const fm_label_cand *cp = &all[old.cand];
    double ro = fm_label_marker(old.kind), wo = old.box.x1 - old.box.x0, ho = old.box.y1 - old.box.y0;
    double was = old.leader ? leader_len(old.x, old.y, ro, &old.box) : 0, cx;
    fm_box *save, b;
    int leader = 0, ok;
    nsave = old.nlab + old.ldr1 - old.ldr0 + 1;
    if (!(save = fm_malloc_array(nsave, sizeof *save)))
        return 0;
    boxes_out(ob, jp, save);
    ok = place_within(map, ob, cp, fmax(w, wo), h + ho, was + MOVE_SLACK, &b, &leader) &&
         !fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done);
    if (ok) {
        placed *me_pd;
        o = &ob->done[jp];
        cx = (b.x0 + b.x1) / 2;
        o->box = (fm_box){cx - wo / 2, b.y0, cx + wo / 2, b.y0 + ho};
        o->tx += o->box.x0 - old.box.x0, o->ty += o->box.y0 - old.box.y0;
        o->leader = leader;
        me_pd = &ob->done[ob->ndone++];
        *me_pd = *pd;
        me_pd->box = (fm_box){cx - w / 2, b.y0 + ho, cx + w / 2, b.y1};
        me_pd->leader = 0, me_pd->cand = self - 1;
        me_pd->tx = me_pd->box.x0 + 0.5 - lg_x, me_pd->ty = me_pd->box.y0 - lg_y;
        ok = !fm_label_file_boxes(ctx, ob, jp, cp->must) && !fm_label_file_boxes(ctx, ob, me, 1);
    }
    if (!ok) {
        if (ob->ndone > me) {
            boxes_out(ob, me, NULL);
            ob->ndone = me;
        }
        if (ob->done[jp].lab0 != old.lab0)
            boxes_out(ob, jp, NULL);
        ob->done[jp] = old;
        boxes_back(ob, jp, save);
    }
    free(save);
    return ok;
}

/* A guaranteed name within a reach that no move makes clean room for: the
 * nearest place within it where its name or leader crosses a leader or its
 * leader runs through a name, as the rings allow at a cost (Bat Khela's
 * across Mardan's name on the A4 KP map). 1 placed as done[ob->ndone - 1]. */
int fm_label_place_loose(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *c,
                         int self, placed *pd, double lg_x, double lg_y)
{
    double r = fm_label_marker(c->kind), best = HUGE_VAL;
    spot s = {map, ob, c, r, clear_radius(map, ob, c->x, c->y, r), c->reach_pt, 0};
    fm_box b;
    int leader = 0;
    placed *me;
    sweep(&s, pd->box.x1 - pd->box.x0, pd->box.y1 - pd->box.y0, c->reach_pt, 1, &best, &b,
          &leader);
    if (best == HUGE_VAL ||
        fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done))
        return 0;
    me = &ob->done[ob->ndone++];
    *me = *pd;
    me->box = b, me->leader = leader, me->cand = self - 1;
    me->tx = b.x0 + 0.5 - lg_x, me->ty = b.y0 - lg_y;
    if (fm_label_file_boxes(ctx, ob, ob->ndone - 1, 1)) {
        boxes_out(ob, ob->ndone - 1, NULL);
        ob->ndone--;
        return 0;
    }
    return 1;
}
