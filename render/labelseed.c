/* labelseed.c: the obstacles a placement starts from (the symbols, their
 * counts moved off crossing markers, callouts, the empty map's message, the
 * markers of places that must be named, ring labels), freed between tries,
 * and the counts' places kept so each try starts from the same. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

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
    double s = fm_label_style_get(FM_LK_CROSSING)->marker + pad;
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
static void move_counts_corner(fm_map *map, const fm_label_cand *c, size_t n)
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
        d = fmax(sy->r * 0.72, fm_label_style_get(FM_LK_CROSSING)->marker + 0.8);
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

/* The same on a page whose counts symbols.c spreads (A5), as it does
 * (countspot.c): inside the circle, on its rim, then out with a tick, clear
 * of the crossing markers, the other counts and the other circles. The
 * places are round the symbol, not round where symbols.c moved the count:
 * moved twice, by the corners' steps, the whole record's "56" stood 20 pt
 * off its 2 pt circle, with nothing tying it to it. */
static void move_counts_round(fm_map *map, const fm_label_cand *c, size_t n)
{
    size_t k;
    for (k = 0; k < map->nsymbols; k++) {
        fm_symbol *sy = &map->symbols[k];
        double x0 = sy->count_x, y0 = sy->count_y;
        fm_box cb;
        int q, pass, done = 0;
        if (!fm_symbol_count_box(sy, &cb) || !count_on_crossing(c, n, &cb, 0.8))
            continue;
        /* (nowhere clear of the counts: clear of the markers at least) */
        for (pass = 0; pass < 2 && !done; pass++)
            for (q = 0; !done && fm_count_spot(sy, q, &sy->count_x, &sy->count_y); q++)
                done = fm_symbol_count_box(sy, &cb) && !count_on_crossing(c, n, &cb, 0.8) &&
                       (pass || (!count_clash(map, &cb, k) &&
                                 !fm_count_reads_other(map->symbols, map->nsymbols, k)));
        if (!done) /* nowhere: where it was */
            sy->count_x = x0, sy->count_y = y0;
        fm_count_tick_mark(sy);
    }
}

static void move_counts(fm_map *map, const fm_label_cand *c, size_t n)
{
    if (fm_counts_spread(map))
        move_counts_round(map, c, n);
    else
        move_counts_corner(map, c, n);
}

/* Symbols, their counts and the markers of the places that must be named
 * are obstacles from the start, so no earlier name covers a later place. */
fm_status fm_label_obstacles_seed(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, size_t n, obstacles *ob)
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
        if (fm_boxgrid_add(ctx, &ob->sym, box_at(s->x, s->y, 2 * s->r, 2 * s->r), (int)i) ||
            fm_label_file_count(ctx, ob, map, i))
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
    for (i = 0; i < n; i++) { /* (a marker that lies under another's blocks none: tag past all) */
        double d = 2 * fm_label_style_get(c[i].kind)->marker + 0.6;
        if (c[i].must && !c[i].unseeded && d > 1 &&
            fm_boxgrid_add(ctx, &ob->lab, box_at(c[i].x, c[i].y, d, d),
                           c[i].shares ? (int)n + 1 : (int)i + 1))
            return FM_ENOMEM;
    }
    for (i = 0; i < map->nrings; i++) { /* ring labels, drawn by draw_all, clear of the */
        fm_box rb;                      /* counts and markers (it lay over Peshawar's) */
        PangoLayout *pl = NULL;
        fm_ring_label_choose(map, ob->cr, i, &ob->lab, &ob->cnt, &ob->sym);
        if (fm_ring_label_box(map, ob->cr, i, &rb, &pl)) {
            const double *s = map->rings[i].leader;
            int k, steps = (int)(hypot(s[2] - s[0], s[3] - s[1]) / 2.5) + 1;
            g_object_unref(pl);
            if (fm_boxgrid_add(ctx, &ob->lab, rb, 0))
                return FM_ENOMEM;
            for (k = 0; map->rings[i].has_leader && k <= steps; k++) { /* its leader */
                double t = (double)k / steps;
                if (fm_boxgrid_add(ctx, &ob->ldr,
                                   box_at(s[0] + t * (s[2] - s[0]), s[1] + t * (s[3] - s[1]), 1.5, 1.5), 0))
                    return FM_ENOMEM;
            }
        }
    }
    return FM_OK;
}

void fm_label_obstacles_free(obstacles *ob)
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

/* Where the counts stood before any placement (x, y and tick of each
 * symbol): a name that moved counts (countroom.c) moved them for its own
 * try only, so each try starts from these. NULL: not kept. */
double *fm_label_counts_keep(const fm_map *map)
{
    double *k = fm_malloc_array(3 * map->nsymbols + 1, sizeof *k);
    for (size_t i = 0; k && i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        k[3 * i] = s->count_x, k[3 * i + 1] = s->count_y, k[3 * i + 2] = s->tick;
    }
    return k;
}

void fm_label_counts_restore(fm_map *map, const double *k)
{
    for (size_t i = 0; k && i < map->nsymbols; i++) {
        fm_symbol *s = &map->symbols[i];
        s->count_x = k[3 * i], s->count_y = k[3 * i + 1], s->tick = (int)k[3 * i + 2];
    }
}
