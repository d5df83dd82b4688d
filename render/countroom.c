/* countroom.c: on a page whose counts are spread round their circles (A5),
 * a crossing's or a major city's name that finds no room within its reach
 * moves up to three counts to other places round their own circles
 * (countspot.c, no further off than ROOM_GAP_MAX) rather than go unnamed:
 * in the Khyber crowd of the whole record's A5 maps the counts left no
 * room within reach for Torkham, Nawa Pass, Teri Mangal, Bin Shahi or
 * Angoor Adda. Its leader may pass under a count, never through a name or
 * across a leader. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

#define ROOM_MOVES 3    /* counts one name may move */
#define ROOM_TRIES 32   /* positions tried, cheapest first, one per set of counts */
#define ROOM_STEP 2.0   /* between the positions tried, points */
#define ROOM_COST 1.5   /* a moved count's cost, in rings */
#define ROOM_PAD 1.5    /* a name keeps this far from a count (labelspot.c's COUNT_PAD) */
#define TICK_BOX 1.2    /* the side of the boxes that file a count's tick */
#define ROOM_GAP_MAX 8.0 /* a moved count stands at most this off its rim (or where it was) */

fm_status fm_label_file_count(fm_ctx *ctx, obstacles *ob, const fm_map *map, size_t i)
{
    const fm_symbol *s = &map->symbols[i];
    fm_box cb;
    double seg[4];
    if (fm_symbol_count_box(s, &cb) && fm_boxgrid_add(ctx, &ob->cnt, cb, (int)i))
        return FM_ENOMEM;
    if (fm_count_tick(s, seg)) /* a count's tick is the count's: no name over it */
        for (int k = 0, steps = (int)(hypot(seg[2] - seg[0], seg[3] - seg[1]) / 1.5) + 1;
             k <= steps; k++) {
            double t = (double)k / steps;
            if (fm_boxgrid_add(ctx, &ob->cnt,
                               box_at(seg[0] + t * (seg[2] - seg[0]),
                                      seg[1] + t * (seg[3] - seg[1]), TICK_BOX, TICK_BOX),
                               (int)i))
                return FM_ENOMEM;
        }
    return FM_OK;
}

typedef struct {
    double cost;
    fm_box b;
    int n;
    int sym[ROOM_MOVES];
} room;

/* The counts (their symbols' indices, ROOM_MOVES at most) whose boxes or
 * ticks come within ROOM_PAD of b, into r; 0 when more. */
static int counts_at(obstacles *ob, const fm_box *b, room *r)
{
    fm_box p = {b->x0 - ROOM_PAD, b->y0 - ROOM_PAD, b->x1 + ROOM_PAD, b->y1 + ROOM_PAD};
    int idx[64];
    size_t q = fm_boxgrid_query(&ob->cnt, &p, idx, 64), k;
    r->n = 0;
    if (q > 64)
        return 0;
    for (k = 0; k < q; k++) {
        int t = ob->cnt.tag[idx[k]], z, dup = 0;
        for (z = 0; z < r->n; z++)
            dup |= r->sym[z] == t;
        if (dup)
            continue;
        if (r->n == ROOM_MOVES)
            return 0;
        r->sym[r->n++] = t;
    }
    return 1;
}

static int same_counts(const room *a, const room *b)
{
    int z, y, n = 0;
    if (a->n != b->n)
        return 0;
    for (z = 0; z < a->n; z++)
        for (y = 0; y < b->n; y++)
            n += a->sym[z] == b->sym[y];
    return n == a->n;
}

/* The positions within lim of c's place, clear of names and markers, that
 * only up to ROOM_MOVES counts keep c's name (w x h) from, cheapest first, one
 * per set of counts, into rm[ROOM_TRIES]; returns how many. */
static size_t rooms_find(const fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                         double h, double lim, room *rm)
{
    double r = fm_label_marker(c->kind), ax = lim + w / 2 + r, ay = lim + h / 2 + r, dx, dy;
    size_t n = 0, k;
    for (dy = -ay; dy <= ay; dy += ROOM_STEP)
        for (dx = -ax; dx <= ax; dx += ROOM_STEP) {
            fm_box b = box_at(c->x + dx, c->y + dy, w, h);
            double bx = fmax(b.x0, fmin(c->x, b.x1)), by = fmax(b.y0, fmin(c->y, b.y1));
            double d = hypot(bx - c->x, by - c->y);
            room m;
            if (d < r + 1.2 || d - r - 0.6 > lim || !in_frame(map, &b) ||
                fm_boxgrid_hits(&ob->lab, &b) || fm_boxgrid_hits(&ob->ldr, &b) ||
                !counts_at(ob, &b, &m) || m.n == 0)
                continue;
            m.b = b;
            m.cost = d / 6 + ROOM_COST * m.n + fm_label_sym_cover(map, ob, &b) * 6;
            for (k = 0; k < n && !same_counts(&rm[k], &m); k++)
                ;
            if (k < n) { /* the same counts moved: the cheaper position */
                if (rm[k].cost <= m.cost)
                    continue;
            } else if (n < ROOM_TRIES) {
                k = n++;
            } else { /* full: in place of the dearest, if cheaper */
                k = n - 1;
                if (rm[k].cost <= m.cost)
                    continue;
            }
            for (; k > 0 && rm[k - 1].cost > m.cost; k--)
                rm[k] = rm[k - 1];
            rm[k] = m;
        }
    return n;
}

/* Takes symbol i's count and tick out of the obstacles (at: their places
 * in ob->cnt, save: their boxes; cap at most) and returns how many, or puts
 * them back. */
static size_t count_out(obstacles *ob, int i, size_t *at, fm_box *save, size_t cap)
{
    const fm_box none = {NAN, NAN, NAN, NAN}; /* (filed still, meets nothing) */
    size_t k, n = 0;
    for (k = 0; k < ob->cnt.n && n < cap; k++)
        if (ob->cnt.tag[k] == i && !isnan(ob->cnt.b[k].x0)) {
            at[n] = k, save[n++] = ob->cnt.b[k];
            ob->cnt.b[k] = none;
        }
    return n;
}

static void count_back(obstacles *ob, const size_t *at, const fm_box *save, size_t n)
{
    for (size_t z = 0; z < n; z++)
        ob->cnt.b[at[z]] = save[z];
}

/* Whether point (x, y) of a tick lies on a name, a marker or a leader. */
static int tick_point_hits(obstacles *ob, double x, double y)
{
    fm_box p = {x - 0.3, y - 0.3, x + 0.3, y + 0.3};
    return fm_boxgrid_hits(&ob->lab, &p) || fm_boxgrid_hits(&ob->ldr, &p);
}

/* Symbol i's count at place k of countspot.c's: clear of the other counts
 * and ticks, the names, markers and leaders (by ROOM_PAD), not read as
 * another circle's, its tick (if any) crossing no name or leader. */
static int count_fits(const fm_map *map, obstacles *ob, size_t i)
{
    const fm_symbol *s = &map->symbols[i];
    fm_box cb, p;
    double seg[4];
    if (!fm_symbol_count_box(s, &cb))
        return 0;
    p = (fm_box){cb.x0 - ROOM_PAD, cb.y0 - ROOM_PAD, cb.x1 + ROOM_PAD, cb.y1 + ROOM_PAD};
    if (fm_boxgrid_hits(&ob->cnt, &cb) || fm_boxgrid_hits(&ob->lab, &p) ||
        fm_boxgrid_hits(&ob->ldr, &cb) || fm_count_reads_other(map->symbols, map->nsymbols, i) ||
        !in_frame(map, &cb))
        return 0;
    if (fm_count_tick(s, seg)) {
        double len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
        for (double t = 0; t <= len; t += 1.0)
            if (tick_point_hits(ob, seg[0] + (seg[2] - seg[0]) * t / len,
                                seg[1] + (seg[3] - seg[1]) * t / len))
                return 0;
    }
    return 1;
}

/* Moves symbol i's count (its boxes out of the obstacles) to the first
 * place round its circle that fits, files it there: 1, else 0 (the count
 * where it was, not filed). */
static int count_move(fm_ctx *ctx, fm_map *map, obstacles *ob, size_t i)
{
    fm_symbol *s = &map->symbols[i];
    double x0 = s->count_x, y0 = s->count_y;
    int tick0 = s->tick;
    double gap0 = fmax(fm_count_gap(s), ROOM_GAP_MAX);
    for (int k = 0; fm_count_spot(s, k, &s->count_x, &s->count_y); k++) {
        fm_count_tick_mark(s);
        if (fm_count_gap(s) <= gap0 + 0.01 && count_fits(map, ob, i))
            return !fm_label_file_count(ctx, ob, map, i);
    }
    s->count_x = x0, s->count_y = y0, s->tick = tick0;
    return 0;
}

/* Tries position m: its counts out, c's name filed there as done[ndone],
 * the counts moved round their circles. 1 placed, else all put back. */
static int room_try(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c, int self,
                    const placed *pd, double lg_x, double lg_y, double lim, const room *m)
{
    enum { SAVE = 64 };
    fm_box save[ROOM_MOVES][SAVE];
    size_t at[ROOM_MOVES][SAVE], ns[ROOM_MOVES], cnt0 = ob->cnt.n, me = ob->ndone;
    double pos[ROOM_MOVES][2];
    int tick[ROOM_MOVES], z, ok, leader = 0;
    for (z = 0; z < m->n; z++) {
        fm_symbol *s = &map->symbols[m->sym[z]];
        pos[z][0] = s->count_x, pos[z][1] = s->count_y, tick[z] = s->tick;
        ns[z] = count_out(ob, m->sym[z], at[z], save[z], SAVE);
    }
    ok = fm_label_spot_clean(map, ob, c, &m->b, lim, &leader) < HUGE_VAL &&
         !fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done);
    if (ok) {
        placed *p = &ob->done[ob->ndone++];
        *p = *pd;
        p->box = m->b, p->leader = leader, p->cand = self - 1;
        p->tx = m->b.x0 + 0.5 - lg_x, p->ty = m->b.y0 - lg_y;
        ok = !fm_label_file_boxes(ctx, ob, me, 1);
    }
    for (z = 0; ok && z < m->n; z++)
        ok = count_move(ctx, map, ob, (size_t)m->sym[z]);
    if (ok)
        return 1;
    /* undone: the counts filed anew out, the old ones back, the name out */
    for (size_t k = cnt0; k < ob->cnt.n; k++)
        ob->cnt.b[k] = (fm_box){NAN, NAN, NAN, NAN};
    for (z = 0; z < m->n; z++) {
        fm_symbol *s = &map->symbols[m->sym[z]];
        s->count_x = pos[z][0], s->count_y = pos[z][1], s->tick = tick[z];
        count_back(ob, at[z], save[z], ns[z]);
    }
    if (ob->ndone > me) {
        fm_label_unfile(ob, me);
        ob->ndone = me;
    }
    return 0;
}

int fm_label_count_room(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c,
                        int self, placed *pd, double lg_x, double lg_y, double lim)
{
    room rm[ROOM_TRIES];
    double w = pd->box.x1 - pd->box.x0, h = pd->box.y1 - pd->box.y0;
    size_t n, t;
    if (!fm_counts_spread(map) || fm_label_marker(c->kind) <= 0)
        return 0;
    n = rooms_find(map, ob, c, w, h, lim, rm);
    for (t = 0; t < n; t++)
        if (room_try(ctx, map, ob, c, self, pd, lg_x, lg_y, lim, &rm[t]))
            return 1;
    return 0;
}
