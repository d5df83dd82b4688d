/* labels.c: names on the map, placed most important first (placecands.c:
 * crossings, major cities, the two countries, provinces, cities, district
 * seats, other countries, towns, villages) so the least important are the
 * ones dropped; when a name the map guarantees finds no room, the names are
 * placed again with it first.
 * Point names try eight positions around their marker, then rings further
 * out; incident symbols are soft obstacles (a name may touch one only when
 * it must be named, at a cost), labels, markers and the counts of combined
 * symbols are hard ones. A name that had to move away from its place gets a
 * leader line. Country and province names try centres inside their polygon,
 * farthest from its edges first. Drawing order keeps everything readable:
 * leaders and place markers, the symbols, crossing markers, the counts, and
 * the names on top. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

static const struct {
    double size;
    int bold;
    int spacing;   /* letter spacing, Pango units */
    double rgb[3];
    double marker; /* radius; 0 for names of areas */
    int rings;     /* rings tried when the name need not be shown */
    double halo;
} style[FM_LK_N] = {
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

#define MUST_RINGS 9
#define SEAT_RINGS 5 /* a district seat that need not be named: round its symbol */
#define MORE_RINGS 5 /* more for a guaranteed name that found no room before */
#define LEADER_MIN 5.5 /* a gap wider than this gets a leader line */
#define RANKED_GAP 30.0 /* the longest leader of a name guaranteed by rank only */
#define LEADER_CROSS 8.0 /* a guaranteed name's cost (in rings) of a name or leader across a leader */

/* A placed label, drawn once all are placed: its text at (tx, ty), the
 * marker of a place at (x, y), and a leader from the marker when moved. */
typedef struct {
    int kind, leader;
    double x, y, tx, ty;
    fm_box box;
    PangoLayout *pl;
    int cand;          /* its candidate's index in this placement's list */
    int gone;          /* moved out of a guaranteed name's way, with no room left */
    size_t lab0, nlab; /* its boxes in the obstacles' lab (name, then marker) */
    size_t ldr0, ldr1; /* its leader's in ldr */
    size_t lrec;       /* its record in map->lrec */
} placed;

/* Hard obstacles: labels and markers (lab), the counts of combined symbols
 * (cnt), the leader lines drawn (ldr, a chain of small boxes along each);
 * soft: the symbols (sym, tagged with their index). */
typedef struct {
    fm_boxgrid lab, cnt, sym, ldr;
    placed *done;
    size_t ndone, done_cap;
    cairo_t *cr;
    double *side;   /* the Pakistan side's edges across the frame (x0, y0, x1, y1;
                     * owned), for area names of the two countries; NULL: none */
    size_t nside;
} obstacles;

static fm_box box_at(double cx, double cy, double w, double h)
{
    fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    return b;
}

static int in_frame(const fm_map *map, const fm_box *b)
{
    const fm_box *f = &map->lay.frame;
    return b->x0 >= f->x0 + 2 && b->x1 <= f->x1 - 2 && b->y0 >= f->y0 + 2 && b->y1 <= f->y1 - 2;
}

/* Whether b is clear of the hard obstacles: names, the counts of combined
 * symbols and the markers of the places that must be named. */
static int hard_clear(obstacles *ob, const fm_box *b)
{
    return !fm_boxgrid_hits(&ob->cnt, b) && !fm_boxgrid_hits(&ob->lab, b);
}

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
static int leader_clear(obstacles *ob, double x, double y, double r, const fm_box *b)
{
    double seg[4], len, t;
    if (!leader_seg(x, y, r, b, seg))
        return 1;
    len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
    for (t = 1.0; t < len - 0.5; t += LEADER_STEP) {
        double px = seg[0] + (seg[2] - seg[0]) * t / len, py = seg[1] + (seg[3] - seg[1]) * t / len;
        fm_box pt = {px - 0.1, py - 0.1, px + 0.1, py + 0.1};
        if (fm_boxgrid_hits(&ob->lab, &pt) || fm_boxgrid_hits(&ob->cnt, &pt) ||
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
static double sym_cover(const fm_map *map, obstacles *ob, const fm_box *b)
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
static int count_near(obstacles *ob, const fm_box *b)
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

/* What placing a name in box b costs, in rings (HUGE_VAL: not there):
 * base, its distance (a ring's number) and side, plus the symbols it covers
 * and the leaders it crosses; leader: whether it needs one. Shared by the
 * rings and the sweep of place_point. */
typedef struct {
    const fm_map *map;
    obstacles *ob;
    const fm_label_cand *c;
    double r, rr, reach;
} spot;

static double spot_cost(const spot *s, const fm_box *b, double base, int leader)
{
    const fm_label_cand *c = s->c;
    double cover, cost, d;
    if (!in_frame(s->map, b) || !hard_clear(s->ob, b) || count_near(s->ob, b))
        return HUGE_VAL;
    d = leader_len(c->x, c->y, s->r, b);
    if (s->reach > 0 && d > s->reach)
        return HUGE_VAL;
    cover = sym_cover(s->map, s->ob, b);
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
    if (leader && !leader_clear(s->ob, c->x, c->y, s->r, b)) {
        if (!c->must)
            return HUGE_VAL;
        cost += LEADER_CROSS;
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

/* A guaranteed name the directions of the rings leave out, or hang further
 * than lim from its place: every position of a grid round the marker whose
 * leader is at most lim long (the gaps between the counts of a crowded
 * valley are narrower than the rings' steps: Charsadda and Ghalanai in the
 * Peshawar valley on the A4 KP map). */
static void sweep(const spot *s, double w, double h, double lim, double *best, fm_box *out,
                  int *leader)
{
    const fm_label_cand *c = s->c;
    double ax = lim + w / 2 + s->r, ay = lim + h / 2 + s->r, dx, dy;
    for (dy = -ay; dy <= ay; dy += SWEEP_STEP)
        for (dx = -ax; dx <= ax; dx += SWEEP_STEP) {
            fm_box b = box_at(c->x + dx, c->y + dy, w, h);
            double bx = fmax(b.x0, fmin(c->x, b.x1)), by = fmax(b.y0, fmin(c->y, b.y1));
            double d = hypot(bx - c->x, by - c->y), cost;
            int ld = d - s->rr > LEADER_MIN;
            /* clear of the marker and of the symbols over it, within lim */
            if (d < s->rr + 1.2 || d - s->r - 0.6 > lim)
                continue;
            cost = ring_of(d - s->rr - 1.2) + SWEEP_COST;
            if (cost >= *best || (cost = spot_cost(s, &b, cost, ld)) >= *best)
                continue;
            *best = cost, *out = b, *leader = ld;
        }
}

/* The best of eight positions per ring around a marker of radius r (sixteen
 * and more on the outer rings of a name that must be shown): no hard
 * obstacle, the least symbol cover, the nearest ring and the preferred side
 * (right, then upper and lower right, left, above, below). A name that need
 * not be shown takes only a position nearly clear of symbols. A guaranteed
 * name the rings leave out within its reach, or a crossing or city they
 * would hang further than its prefer_pt, sweeps the positions nearer. */
static int place_point(const fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                       double h, fm_box *out, int *leader)
{
    double r = style[c->kind].marker, best = HUGE_VAL;
    /* a guaranteed name that missed on an earlier try looks further out; a
     * district seat that need not be named, and a town or village whose
     * marker an incident symbol covers (the incidents happened there: the
     * name says where), still go round the symbol, with a leader, where that
     * is clear of symbols */
    fm_box mk = box_at(c->x, c->y, 2 * r, 2 * r);
    int seat = !c->must && (c->kind == FM_LK_SEAT || (r > 0 && sym_cover(map, ob, &mk) > 0));
    /* the rings start at the rim of a symbol drawn over the marker (the
     * incidents at the place): a name beside it, not touching its count;
     * the longest leader: a name guaranteed by rank only, or a seat of the
     * subject on a view too small for all the seats, is named near its
     * place or left out */
    spot s = {map, ob, c, r, r > 0 ? clear_radius(map, ob, c->x, c->y, r) : r,
              c->ranked ? RANKED_GAP : c->reach_pt};
    int k, ring, rings = seat ? SEAT_RINGS
                         : !c->must ? style[c->kind].rings
                         : MUST_RINGS + (c->score >= FM_LABEL_PROMOTED ? MORE_RINGS : 0);
    for (ring = 0; ring < rings && best > ring; ring++)
        for (k = 0; k < ((c->must || seat) && ring >= 2 ? 16 + EXTRA_DIRS : 8); k++) {
            double gap = ring_gap(s.rr, ring), cost, ux, uy;
            int ld = gap - s.rr > LEADER_MIN;
            if (s.reach > 0 && gap - r > s.reach + 6)
                break;
            dir_at(k, &ux, &uy);
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
            sweep(&s, w, h, lim, &best, &b, &ld);
            if (best < HUGE_VAL)
                *out = b, *leader = ld;
            else
                best = cut; /* nothing nearer: the rings' */
        }
    }
    return best < HUGE_VAL;
}

/* ---- the side of the border ---------------------------------------------------- */

/* The Pakistan side of the Durand Line as page edges: the line as drawn
 * (OpenStreetMap's) closed round the south and east. Natural Earth's country
 * and province polygons run a kilometre or two beside it, a name's width on
 * a 20 km view: without this a name can sit inside its polygon and across
 * the drawn border. Only the edges that reach the frame's height are kept
 * (the others cannot change which side a point in the frame is on). */
static fm_status side_make(fm_ctx *ctx, fm_map *map, obstacles *ob)
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
static int place_area(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
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
                (over || (!sym_cover(map, ob, &b) && !count_near(ob, &b)))) {
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
    for (i = 0; i < n && !ok; i++) {
        fm_box b = box_at(xy[2 * i], xy[2 * i + 1], w, h);
        if (in_frame(map, &b) && hard_clear(ob, &b) && !fm_boxgrid_hits(&ob->ldr, &b) &&
            (over || (!sym_cover(map, ob, &b) && !count_near(ob, &b))) &&
            fm_page_poly_holds_box(&pp, &b) && on_side(ob, c->iso2, &b) &&
            (!c->not_in || !poly_meets_box(&np, &b)))
            *out = b, ok = 1;
    }
    fm_page_poly_free(&pp);
    if (c->not_in)
        fm_page_poly_free(&np);
    return ok;
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

/* A leader from the edge of the marker to the nearest point of the label
 * box, on a thin halo so it reads across the basemap. */
static void draw_leader(cairo_t *cr, const placed *p)
{
    double r = style[p->kind].marker + 0.6;
    double bx = fmax(p->box.x0, fmin(p->x, p->box.x1)), by = fmax(p->box.y0, fmin(p->y, p->box.y1));
    double d = hypot(bx - p->x, by - p->y);
    if (d <= r)
        return;
    cairo_move_to(cr, p->x + (bx - p->x) * r / d, p->y + (by - p->y) * r / d);
    cairo_line_to(cr, bx, by);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, 1.6);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.45);
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

/* ---- labels -------------------------------------------------------------------- */

void fm_labels_reset(fm_map *map)
{
    size_t i;
    for (i = 0; i < map->nlabels; i++)
        free(map->label_texts[i]);
    map->nlabels = 0;
    for (i = 0; i < map->nlrec; i++)
        free(map->lrec[i].text);
    map->nlrec = 0;
}

static const char *const kind_names[FM_LK_N] = {
    [FM_LK_CROSSING] = "crossing", [FM_LK_CAPITAL] = "capital", [FM_LK_HOME] = "country",
    [FM_LK_PROVINCE] = "province", [FM_LK_CITY] = "city",       [FM_LK_SEAT] = "seat",
    [FM_LK_COUNTRY] = "country",   [FM_LK_TOWN] = "town",       [FM_LK_ROUTE] = "route",
    [FM_LK_DISTRICT] = "district",
    [FM_LK_RIVER] = "river",       [FM_LK_VILLAGE] = "village"};

int fm_map_label_info_get(const fm_map *map, size_t i, fm_map_label_info *out)
{
    const struct fm_label_rec *r;
    if (i >= map->nlrec)
        return 0;
    r = &map->lrec[i];
    out->text = r->text, out->kind = kind_names[r->kind];
    out->must = r->must, out->placed = r->placed, out->leader = r->leader;
    out->lon = r->lon, out->lat = r->lat, out->x = r->x, out->y = r->y;
    out->box[0] = r->box.x0, out->box[1] = r->box.y0, out->box[2] = r->box.x1;
    out->box[3] = r->box.y1;
    return 1;
}

/* Notes name c in the list of every name considered (pd NULL: left out). */
static fm_status note_cand(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, int self,
                           const char *text, const placed *pd)
{
    struct fm_label_rec *r;
    const double *v = map->view_ll;
    if (!pd && c->g && (c->g->east < v[0] || c->g->west > v[2] || c->g->north < v[1] ||
                        c->g->south > v[3]))
        return FM_OK; /* an area off the frame: not a name left out */
    if (fm_grow(ctx, (void **)&map->lrec, &map->lrec_cap, map->nlrec + 1, sizeof *map->lrec))
        return FM_ENOMEM;
    r = &map->lrec[map->nlrec];
    memset(r, 0, sizeof *r);
    if (!(r->text = fm_strdup(ctx, text && *text ? text : c->name ? c->name : "")))
        return FM_ENOMEM;
    map->nlrec++;
    /* a name guaranteed by rank, or within a reach, that found no room near
     * its place is left out as any other (its guarantee is "where it fits") */
    r->kind = c->kind, r->must = c->must && !((c->ranked || c->reach_pt > 0) && !pd);
    r->x = c->x, r->y = c->y;
    r->cand = self - 1;
    r->lon = r->lat = NAN;
    if (c->p) { /* a district at its seat, else (no seat known) at its middle */
        int seat = c->p->kind == FM_PLACE_DISTRICT && !isnan(c->p->seat_lon);
        r->lon = seat ? c->p->seat_lon : c->p->lon;
        r->lat = seat ? c->p->seat_lat : c->p->lat;
    }
    if (pd)
        r->placed = 1, r->leader = pd->leader, r->box = pd->box;
    return FM_OK;
}

static fm_status record(fm_ctx *ctx, fm_map *map, const fm_box *b, const char *text)
{
    char *t;
    if (fm_grow(ctx, (void **)&map->label_boxes, &map->label_cap, map->nlabels + 1,
                sizeof *map->label_boxes) ||
        fm_grow(ctx, (void **)&map->label_texts, &map->text_cap, map->nlabels + 1,
                sizeof *map->label_texts) ||
        !(t = fm_strdup(ctx, text)))
        return FM_ENOMEM;
    map->label_boxes[map->nlabels] = *b;
    map->label_texts[map->nlabels++] = t;
    return FM_OK;
}

static PangoLayout *label_layout(cairo_t *cr, const fm_label_cand *c, const char *text,
                                 double scale)
{
    PangoLayout *pl = fm_text_layout(cr, text, style[c->kind].size * scale, style[c->kind].bold);
    if (c->kind == FM_LK_RIVER) { /* water is named in italics */
        PangoFontDescription *fd =
            pango_font_description_copy(pango_layout_get_font_description(pl));
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
        pango_layout_set_font_description(pl, fd);
        pango_font_description_free(fd);
    }
    if (style[c->kind].spacing) { /* on the Latin line only: Arabic script joins */
        PangoAttrList *al = pango_attr_list_new();
        PangoAttribute *at = pango_attr_letter_spacing_new(style[c->kind].spacing);
        const char *nl = strchr(text, '\n');
        at->start_index = 0;
        at->end_index = nl && (unsigned char)nl[1] >= 0xD8 ? (guint)(nl - text) : G_MAXUINT;
        pango_attr_list_insert(al, at);
        pango_layout_set_attributes(pl, al);
        pango_attr_list_unref(al);
    }
    pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    return pl;
}

/* Lays out the text (wrapped when asked) and finds it a place. */
static int try_place(fm_ctx *ctx, fm_map *map, cairo_t *cr, obstacles *ob, const fm_label_cand *c,
                     int wrap, int over, double scale, char *text, size_t cap, placed *pd)
{
    PangoLayout *pl;
    PangoRectangle ink, lg;
    fm_box b;
    int ok, leader = 0;
    if (!fm_label_text(map, c, wrap, text, cap))
        return 0;
    pl = label_layout(cr, c, text, scale);
    pango_layout_get_pixel_extents(pl, &ink, &lg);
    /* (a district's name at its middle, its polygon too narrow, goes round
     * that point as a place's would) */
    ok = style[c->kind].marker > 0 || (c->kind == FM_LK_DISTRICT && !c->g)
             ? place_point(map, ob, c, lg.width + 1.0, lg.height, &b, &leader)
             : place_area(ctx, map, ob, c, lg.width + 1.0, lg.height, over, &b);
    if (ok <= 0) {
        g_object_unref(pl);
        return ok;
    }
    pd->kind = c->kind, pd->pl = pl, pd->leader = leader, pd->box = b;
    pd->x = c->x, pd->y = c->y;
    pd->tx = b.x0 + 0.5 - lg.x, pd->ty = b.y0 - lg.y;
    return 1;
}

/* Whether the marker box mk touches a label or the marker of a more
 * important place (markers seeded by seed() carry their candidate's index
 * + 1 as tag, placed names' boxes minus their index in done - 1; a seeded marker of a lesser place gives way, and that place is
 * left out when its turn comes). self is -1 for a place not seeded; shares:
 * the place's marker may lie under another's (fm_label_cand.shares). */
static int marker_blocked(obstacles *ob, const fm_box *mk, int self, int shares)
{
    int idx[64];
    size_t n = fm_boxgrid_query(&ob->lab, mk, idx, 64), i;
    if (n > 64)
        return 1;
    for (i = 0; i < n; i++) {
        int t = ob->lab.tag[idx[i]];
        if (t <= 0 || (!shares && t != self && (self < 0 || t < self)))
            return 1;
    }
    return 0;
}

/* Files the boxes of placed name done[i] (its name, its marker unless
 * seeded, its leader) as obstacles, tagged as its own. */
static fm_status file_boxes(fm_ctx *ctx, obstacles *ob, size_t i, int seeded)
{
    placed *pd = &ob->done[i];
    double r = style[pd->kind].marker;
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

/* The positions within lim of c's place that only placed point names (at
 * most MOVE_MAX, none by its marker) keep c from, cheapest first, into
 * mv[MOVE_TRIES]; returns how many. */
static size_t moves_find(const spot *s, double w, double h, double lim, move *mv)
{
    const fm_label_cand *c = s->c;
    obstacles *ob = s->ob;
    double ax = lim + w / 2 + s->r, ay = lim + h / 2 + s->r, dx, dy;
    size_t n = 0, k, q;
    for (dy = -ay; dy <= ay; dy += SWEEP_STEP)
        for (dx = -ax; dx <= ax; dx += SWEEP_STEP) {
            fm_box b = box_at(c->x + dx, c->y + dy, w, h);
            double bx = fmax(b.x0, fmin(c->x, b.x1)), by = fmax(b.y0, fmin(c->y, b.y1));
            double d = hypot(bx - c->x, by - c->y);
            int idx[16];
            move m;
            if (d < s->rr + 1.2 || d - s->r - 0.6 > lim || !in_frame(s->map, &b) ||
                count_near(ob, &b) || fm_boxgrid_hits(&ob->cnt, &b))
                continue;
            q = fm_boxgrid_query(&ob->lab, &b, idx, 16);
            if (!q || q > 16)
                continue;
            m.nj = 0;
            for (k = 0; k < q && m.nj >= 0; k++) {
                int t = ob->lab.tag[idx[k]], dup = 0;
                size_t j = (size_t)(-t - 1);
                /* a seeded marker, a callout or anything not a placed
                 * point name's own name box stays */
                if (t >= 0 || style[ob->done[j].kind].marker <= 0 ||
                    (size_t)idx[k] != ob->done[j].lab0) {
                    m.nj = -1;
                    break;
                }
                for (int z = 0; z < m.nj; z++)
                    dup |= m.j[z] == j;
                if (!dup && m.nj == MOVE_MAX)
                    m.nj = -1;
                else if (!dup)
                    m.j[m.nj++] = j;
            }
            if (m.nj <= 0)
                continue;
            m.b = b, m.leader = d - s->rr > LEADER_MIN;
            m.cost = ring_of(d - s->rr - 1.2) + MOVE_COST * m.nj + sym_cover(s->map, ob, &b) * 6 +
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
    double r = style[c->kind].marker, best = HUGE_VAL;
    spot s = {map, ob, c, r, clear_radius(map, ob, c->x, c->y, r),
              c->ranked ? RANKED_GAP : c->reach_pt};
    if (place_point(map, ob, c, w, h, out, leader) &&
        (!*leader || leader_len(c->x, c->y, r, out) <= lim))
        return 1;
    sweep(&s, w, h, lim, &best, out, leader);
    return best < HUGE_VAL;
}

/* Places done[j] again, its boxes taken out: 1 where it found a place, a
 * guaranteed name with a leader at most MOVE_SLACK longer than before (a
 * name beside its marker stays beside it: Torkham's, moved to a 28 pt
 * leader for Landi Kotal's sake, hung over another town's marker), 0 none. */
#define MOVE_SLACK 3.0
static int move_again(const fm_map *map, obstacles *ob, const fm_label_cand *all, size_t j)
{
    placed *pd = &ob->done[j];
    const fm_label_cand *cj = &all[pd->cand];
    double w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    double was = pd->leader ? leader_len(pd->x, pd->y, style[pd->kind].marker, &pd->box) : 0;
    fm_box b;
    int leader = 0;
    if (cj->must ? !place_within(map, ob, cj, w, h, was + MOVE_SLACK, &b, &leader)
                 : !place_point(map, ob, cj, w, h, &b, &leader))
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
static int make_room(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *all,
                     const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y)
{
    double r = style[c->kind].marker, w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    spot s = {map, ob, c, r, clear_radius(map, ob, c->x, c->y, r), c->reach_pt};
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
        if (ok && mv[t].leader && !leader_clear(ob, c->x, c->y, r, &mv[t].b))
            ok = 0;
        if (ok && !fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1,
                           sizeof *ob->done)) {
            placed *me_pd = &ob->done[ob->ndone++];
            *me_pd = *pd;
            me_pd->box = mv[t].b, me_pd->leader = mv[t].leader, me_pd->cand = self - 1;
            me_pd->tx = mv[t].b.x0 + 0.5 - lg_x, me_pd->ty = mv[t].b.y0 - lg_y;
            ok = !file_boxes(ctx, ob, me, 1);
        } else
            ok = 0;
        for (z = 0; ok && z < (size_t)nj; z++) {
            size_t j = mv[t].j[z];
            if (move_again(map, ob, all, j))
                ok = !file_boxes(ctx, ob, j, all[ob->done[j].cand].must);
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
static int pair_up(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *all,
                   const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y)
{
    double r = style[c->kind].marker, w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    size_t jp, me = ob->ndone, nsave;
    for (jp = 0; jp < ob->ndone; jp++) { /* the other: a guaranteed marker it touches */
        const placed *o = &ob->done[jp];
        if (!o->gone && o->kind < c->kind && all[o->cand].must &&
            hypot(o->x - c->x, o->y - c->y) < r + style[o->kind].marker + 0.6)
            break;
    }
    if (jp == ob->ndone)
        return 0;
    placed old = ob->done[jp], *o = &ob->done[jp];
    const fm_label_cand *cp = &all[old.cand];
    double ro = style[old.kind].marker, wo = old.box.x1 - old.box.x0, ho = old.box.y1 - old.box.y0;
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
        ok = !file_boxes(ctx, ob, jp, cp->must) && !file_boxes(ctx, ob, me, 1);
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

/* A seat of the subject that found no room within its reach (text: its
 * name): placed by make_room where moving other names makes room, or
 * stacked under the name of the place its marker touches (pair_up), the
 * records of the moved ones brought up to date; else left out. */
static fm_status label_moving(fm_ctx *ctx, fm_map *map, cairo_t *cr, obstacles *ob,
                              const fm_label_cand *all, const fm_label_cand *c, int self,
                              const char *text)
{
    PangoRectangle ink, lg;
    placed pd;
    size_t i, me;
    memset(&pd, 0, sizeof pd);
    pd.pl = label_layout(cr, c, text, 1);
    pango_layout_get_pixel_extents(pd.pl, &ink, &lg);
    pd.kind = c->kind, pd.x = c->x, pd.y = c->y;
    pd.box = box_at(0, 0, lg.width + 1.0, lg.height);
    me = ob->ndone;
    if (!make_room(ctx, map, ob, all, c, self, &pd, lg.x, lg.y) &&
        !(c->shares && pair_up(ctx, map, ob, all, c, self, &pd, lg.x, lg.y))) {
        g_object_unref(pd.pl);
        return note_cand(ctx, map, c, self, NULL, NULL);
    }
    if (note_cand(ctx, map, c, self, text, &ob->done[me]) ||
        record(ctx, map, &ob->done[me].box, text))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    ob->done[me].lrec = map->nlrec - 1;
    for (i = 0; i < me; i++) { /* the moved names' records (label_boxes: one per done) */
        struct fm_label_rec *rc = &map->lrec[ob->done[i].lrec];
        if (!rc->placed)
            continue;
        if (ob->done[i].gone)
            rc->placed = 0, rc->leader = 0, memset(&rc->box, 0, sizeof rc->box);
        else
            rc->leader = ob->done[i].leader, rc->box = ob->done[i].box;
        map->label_boxes[i] = ob->done[i].box;
    }
    return FM_OK;
}

static fm_status label_one(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *all,
                           const fm_label_cand *c, int self, obstacles *ob)
{
    char text[256];
    placed pd;
    double r = style[c->kind].marker;
    fm_box mk = box_at(c->x, c->y, 2 * r, 2 * r), core = box_at(c->x, c->y, r, r);
    int seeded = c->must && r > 0, ok;
    /* a place whose marker would sit on another's is left out (markers of
     * places that must be named may touch); one under a symbol is named
     * round it (place_point) */
    if (r > 0 && c->kind > FM_LK_CAPITAL &&
        marker_blocked(ob, c->must ? &core : &mk, seeded ? self : -1, c->must && c->shares))
        return note_cand(ctx, map, c, self, NULL, NULL);
    memset(&pd, 0, sizeof pd);
    /* no name covers the marker of a place that must be named (it would be
     * left out: the guarantee is the other's too) */
    ok = try_place(ctx, map, cr, ob, c, 0, 0, 1, text, sizeof text, &pd);
    if (!ok && r == 0) /* an area name on two lines */
        ok = try_place(ctx, map, cr, ob, c, 1, 0, 1, text, sizeof text, &pd);
    /* (in turn, not with ||: -1, no memory, must stop the search) */
    if (!ok && c->kind == FM_LK_PROVINCE) /* crowded by names: a size smaller */
        ok = try_place(ctx, map, cr, ob, c, 0, 0, 0.82, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_PROVINCE)
        ok = try_place(ctx, map, cr, ob, c, 1, 0, 0.82, text, sizeof text, &pd);
    /* the two countries are what a reader finds the rest by: in a dense
     * cloud their names go over the symbols, on a halo; so do their
     * provinces' (FATA on a map of 2009, its agencies full of symbols),
     * a size smaller, never over a count or another name */
    if (!ok && c->kind == FM_LK_HOME)
        ok = try_place(ctx, map, cr, ob, c, 0, 1, 1, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_PROVINCE && c->iso2 &&
        (!strcmp(c->iso2, "PK") || !strcmp(c->iso2, "AF")))
        ok = try_place(ctx, map, cr, ob, c, 0, 1, 0.82, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_DISTRICT && c->g) { /* a district too narrow for its */
        fm_label_cand pt = *c;                   /* name: around its middle */
        pt.g = NULL;
        ok = try_place(ctx, map, cr, ob, &pt, 0, 0, 1, text, sizeof text, &pd);
    }
    if (ok < 0)
        return FM_ENOMEM;
    if (!ok && c->reach_pt > 0 && r > 0 && fm_label_text(map, c, 0, text, sizeof text))
        return label_moving(ctx, map, cr, ob, all, c, self, text);
    if (!ok)
        return note_cand(ctx, map, c, self, NULL, NULL);
    if (note_cand(ctx, map, c, self, text, &pd)) {
        g_object_unref(pd.pl);
        return FM_ENOMEM;
    }
    pd.cand = self - 1, pd.lrec = map->nlrec - 1;
    if (fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done)) {
        g_object_unref(pd.pl);
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    }
    ob->done[ob->ndone++] = pd;
    if (file_boxes(ctx, ob, ob->ndone - 1, seeded) || record(ctx, map, &pd.box, text))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    return FM_OK;
}

/* Whether count box b meets the count of another symbol than skip. */
static int count_clash(const fm_map *map, const fm_box *b, size_t skip)
{
    size_t k;
    fm_box cb;
    for (k = 0; k < map->nsymbols; k++)
        if (k != skip && fm_symbol_count_box(&map->symbols[k], &cb) && cb.x0 < b->x1 &&
            b->x0 < cb.x1 && cb.y0 < b->y1 && b->y0 < cb.y1)
            return 1;
    return 0;
}

/* Whether count box b meets a crossing marker of c (grown by pad). */
static int count_on_crossing(const fm_label_cand *c, size_t n, const fm_box *b, double pad)
{
    double s = style[FM_LK_CROSSING].marker + pad;
    for (size_t i = 0; i < n; i++)
        if (c[i].kind == FM_LK_CROSSING && c[i].x - s < b->x1 && b->x0 < c[i].x + s &&
            c[i].y - s < b->y1 && b->y0 < c[i].y + s)
            return 1;
    return 0;
}

/* A crossing marker sits on top of the symbols; a count under one moves
 * off it: to a corner of the symbol's rim, then further round and out, to
 * the first place clear of every crossing marker and of the other counts
 * (crossings a few points apart on a small-scale view crowd the corners). */
static void move_counts(fm_map *map, const fm_label_cand *c, size_t n)
{
    static const double cx[] = {1, -1, -1, 1, 1.3, -1.3, 0, 0};
    static const double cy[] = {-1, -1, 1, 1, 0, 0, -1.3, 1.3};
    size_t k;
    for (k = 0; k < map->nsymbols; k++) {
        fm_symbol *sy = &map->symbols[k];
        double x0 = sy->count_x, y0 = sy->count_y, hw, d;
        fm_box cb;
        int q, step, done = 0;
        if (!fm_symbol_count_box(sy, &cb) || !count_on_crossing(c, n, &cb, 0.8))
            continue;
        hw = (cb.x1 - cb.x0) / 2;
        d = fmax(sy->r * 0.72, style[FM_LK_CROSSING].marker + 0.8);
        for (step = 0; step < 4 && !done; step++)
            for (q = 0; q < 8 && !done; q++) {
                sy->count_x = x0 + cx[q] * (d + hw * 0.6 + step * 4);
                sy->count_y = y0 + cy[q] * (d + 1.5 + step * 4);
                done = fm_symbol_count_box(sy, &cb) && !count_on_crossing(c, n, &cb, 0.8) &&
                       !count_clash(map, &cb, k);
            }
        if (!done) /* nowhere clear: the corner nearest it, as before */
            sy->count_x = x0 + (d + hw * 0.6), sy->count_y = y0 - (d + 1.5);
    }
}

/* Symbols, their counts and the markers of the places that must be named
 * are obstacles from the start, so no earlier name covers a later place. */
static fm_status seed(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, size_t n, obstacles *ob)
{
    size_t i;
    fm_status st;
    move_counts(map, c, n);
    if ((st = fm_boxgrid_init(ctx, &ob->lab, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->cnt, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->sym, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->ldr, &map->lay.frame)))
        return st;
    for (i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        fm_box cb;
        if (fm_boxgrid_add(ctx, &ob->sym, box_at(s->x, s->y, 2 * s->r, 2 * s->r), (int)i) ||
            (fm_symbol_count_box(s, &cb) && fm_boxgrid_add(ctx, &ob->cnt, cb, (int)i)))
            return FM_ENOMEM;
    }
    for (i = 0; i < map->ncallouts; i++) { /* callout boxes and their leaders */
        double seg[4];
        int k, steps;
        if (!fm_callout_leader(map, i, seg))
            continue;
        if (fm_boxgrid_add(ctx, &ob->lab, map->callouts[i].box, 0))
            return FM_ENOMEM;
        steps = (int)(hypot(seg[2] - seg[0], seg[3] - seg[1]) / 2.5) + 1;
        for (k = 0; k <= steps; k++) {
            double t = (double)k / steps;
            if (fm_boxgrid_add(ctx, &ob->lab,
                               box_at(seg[0] + t * (seg[2] - seg[0]), seg[1] + t * (seg[3] - seg[1]),
                                      2.0, 2.0),
                               0))
                return FM_ENOMEM;
        }
    }
    { /* the message of a map without incidents, on its halo */
        fm_box eb;
        if (fm_map_empty_box(map, ob->cr, &eb, NULL) &&
            fm_boxgrid_add(ctx, &ob->lab, (fm_box){eb.x0 - 3, eb.y0 - 3, eb.x1 + 3, eb.y1 + 3}, 0))
            return FM_ENOMEM;
    }
    for (i = 0; i < map->nrings; i++) { /* ring labels, drawn by draw_all */
        fm_box rb;
        PangoLayout *pl = NULL;
        if (fm_ring_label_box(map, ob->cr, i, &rb, &pl)) {
            g_object_unref(pl);
            if (fm_boxgrid_add(ctx, &ob->lab, rb, 0))
                return FM_ENOMEM;
        }
    }
    for (i = 0; i < n; i++) { /* (a marker that lies under another's blocks none: tag past all) */
        double d = 2 * style[c[i].kind].marker + 0.6;
        if (c[i].must && d > 1 &&
            fm_boxgrid_add(ctx, &ob->lab, box_at(c[i].x, c[i].y, d, d),
                           c[i].shares ? (int)n + 1 : (int)i + 1))
            return FM_ENOMEM;
    }
    return FM_OK;
}

static void draw_all(fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n, obstacles *ob)
{
    size_t i;
    int k;
    /* leaders and place markers under the symbols (the data stays on top),
     * crossings over them, the counts over everything but the names */
    for (i = 0; i < ob->ndone; i++)
        if (ob->done[i].leader && !ob->done[i].gone)
            draw_leader(cr, &ob->done[i]);
    for (k = FM_LK_N - 1; k > FM_LK_CROSSING; k--) /* the lesser below, where two touch */
        for (i = 0; i < ob->ndone; i++)
            if (ob->done[i].kind == k && style[k].marker > 0 && !ob->done[i].gone)
                draw_marker(cr, k, ob->done[i].x, ob->done[i].y, style[k].marker);
    fm_symbols_draw(map, cr);
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

static void obstacles_free(obstacles *ob)
{
    for (size_t i = 0; i < ob->ndone; i++)
        g_object_unref(ob->done[i].pl);
    free(ob->done);
    free(ob->side);
    fm_boxgrid_free(&ob->lab);
    fm_boxgrid_free(&ob->cnt);
    fm_boxgrid_free(&ob->sym);
    fm_boxgrid_free(&ob->ldr);
    memset(ob, 0, sizeof *ob);
}

/* The names moved out of the way and left out leave the list of names
 * drawn (map->label_boxes and label_texts, one per done, in order). */
static void labels_compact(fm_map *map, obstacles *ob)
{
    size_t i, k = 0;
    for (i = 0; i < ob->ndone && i < map->nlabels; i++) {
        if (ob->done[i].gone) {
            free(map->label_texts[i]);
            continue;
        }
        map->label_boxes[k] = map->label_boxes[i];
        map->label_texts[k++] = map->label_texts[i];
    }
    for (; i < map->nlabels; i++)
        map->label_boxes[k] = map->label_boxes[i], map->label_texts[k++] = map->label_texts[i];
    map->nlabels = k;
}

static fm_status place_all(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                           size_t n, obstacles *ob)
{
    fm_status st;
    size_t i;
    obstacles_free(ob);
    ob->cr = cr;
    fm_labels_reset(map);
    st = seed(ctx, map, c, n, ob);
    if (!st)
        st = side_make(ctx, map, ob);
    for (i = 0; i < n && !st; i++)
        st = label_one(ctx, map, cr, c, &c[i], (int)i + 1, ob);
    if (!st)
        labels_compact(map, ob);
    return st;
}

/* The guaranteed names that found no room go first on the next try;
 * returns how many there were. */
static size_t promote_missed(const fm_map *map, fm_label_cand *c, size_t n)
{
    size_t i, missed = 0;
    for (i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        fm_label_cand *m = r->cand < n ? &c[r->cand] : NULL;
        if (m && m->must && !m->ranked && m->p && !r->placed) {
            m->score += m->score >= FM_LABEL_PROMOTED ? 0 : FM_LABEL_PROMOTED;
            missed++;
        }
    }
    return missed;
}

/* The callouts, clear of the places that must be named. */
static fm_status place_callouts(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                                size_t n)
{
    double *marks = fm_malloc_array(2 * n + 1, sizeof *marks);
    size_t i, k = 0;
    if (!marks)
        return fm_error(ctx, FM_ENOMEM, "out of memory for callouts");
    for (i = 0; i < n; i++)
        if (c[i].must && c[i].p && !c[i].g)
            marks[2 * k] = c[i].x, marks[2 * k + 1] = c[i].y, k++;
    fm_callouts_place(map, cr, marks, k);
    free(marks);
    return FM_OK;
}

/* Places the names (most important first; when a guaranteed name finds no
 * room, up to three more tries with the names that missed placed first,
 * keeping the try that missed fewest), then draws everything. */
fm_status fm_labels_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    fm_label_cand *c = NULL;
    size_t n = 0, missed, tries;
    obstacles ob;
    fm_status st;
    memset(&ob, 0, sizeof ob);
    fm_labels_reset(map);
    st = fm_label_cands_collect(ctx, map, &c, &n);
    if (!st && map->ncallouts) /* first, so the names keep off them */
        st = place_callouts(ctx, map, cr, c, n);
    if (!st)
        st = place_all(ctx, map, cr, c, n, &ob);
    for (tries = 0; !st && tries < 3 && (missed = promote_missed(map, c, n)); tries++) {
        fm_label_cand *again = fm_malloc_array(n, sizeof *again);
        if (!again) {
            st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
            break;
        }
        memcpy(again, c, n * sizeof *c);
        fm_label_cands_sort(again, n);
        if (!(st = place_all(ctx, map, cr, again, n, &ob)) && promote_missed(map, again, n) < missed) {
            free(c);
            c = again;
            continue;
        }
        free(again);
        if (!st) /* no better: the earlier order again */
            st = place_all(ctx, map, cr, c, n, &ob);
        break;
    }
    if (!st)
        draw_all(map, cr, c, n, &ob);
    obstacles_free(&ob);
    free(c);
    return st;
}
