/* labels.c: names on the map, placed most important first (placecands.c:
 * crossings, major cities, the two countries, provinces, cities, district
 * seats, other countries, towns, villages) so the least important are the
 * ones dropped; when a name the map guarantees finds no room, the names are
 * placed again with it first. This file holds the passes and what decides
 * between them (the guarantees, the second tries, the nearer placement on
 * small pages, the list of names considered); one name is placed by
 * labelone.c (round its marker, labelspot.c; in its area, labelside.c)
 * among the obstacles labelseed.c seeds: labels, markers and the counts of
 * combined symbols hard, incident symbols soft. labeldraw.c draws the
 * result: leaders and place markers, the symbols, crossing markers, the
 * counts, and the names on top. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

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
    map->unnamed_placed = 0;
    free(map->unnamed_text);
    map->unnamed_text = NULL;
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

/* Whether c names Afghanistan or Pakistan or one of their provinces: what a
 * reader finds the rest by. */
static int home_area(const fm_label_cand *c)
{
    return c->kind == FM_LK_HOME || (c->kind == FM_LK_PROVINCE && c->iso2 &&
                                     (!strcmp(c->iso2, "PK") || !strcmp(c->iso2, "AF")));
}

/* A home country's or province's name that a seat moved out of its way
 * (make_room) and that found no other room then, or none at its turn, is
 * placed once more after every other name, where room is left (over the
 * symbols, a size smaller if need be): on the 2005-2009 KP map the seats
 * of the Peshawar valley had taken the North-West Frontier's name off the
 * map its title named. Its record is the new try's, placed or not. */
static fm_status area_again(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                            size_t n, obstacles *ob)
{
    fm_status st = FM_OK;
    size_t i, r, r0;
    ob->last = 1;
    for (r = 0; r < map->nlrec && !st; r++) {
        struct fm_label_rec *old = &map->lrec[r];
        if (old->placed || old->cand >= n || !home_area(&c[old->cand]))
            continue;
        r0 = map->nlrec;
        i = old->cand;
        if ((st = fm_label_one(ctx, map, cr, c, &c[i], (int)i + 1, ob)) || map->nlrec == r0)
            continue;
        old = &map->lrec[r]; /* (label_one may have moved the records) */
        if (map->lrec[r0].placed) {
            free(old->text);
            *old = map->lrec[r0];
        } else {
            free(map->lrec[r0].text);
        }
        map->nlrec = r0;
    }
    ob->last = 0;
    return st;
}

static fm_status place_all(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                           size_t n, obstacles *ob, const double *counts)
{
    fm_status st;
    size_t i;
    if (fm_counts_spread(map)) /* (only there do names move counts) */
        fm_label_counts_restore(map, counts);
    double near_pt = ob->near_pt;
    int near_mode = ob->near_mode;
    fm_label_obstacles_free(ob);
    ob->cr = cr, ob->near_pt = near_pt, ob->near_mode = near_mode;
    fm_labels_reset(map);
    st = fm_label_obstacles_seed(ctx, map, c, n, ob);
    if (!st)
        st = fm_label_side_make(ctx, map, ob);
    for (i = 0; i < n && !st; i++)
        st = fm_label_one(ctx, map, cr, c, &c[i], (int)i + 1, ob);
    if (!st)
        st = area_again(ctx, map, cr, c, n, ob);
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

/* The places named within a reach (a city in a crowd, a seat of the
 * subject on a small view; never a crossing, major city or provincial
 * capital) that the placement left out: their markers are not drawn, yet,
 * seeded as obstacles, they kept the names placed before them from their
 * room. Marks them unseeded and returns how many were newly marked. */
static size_t unseed_missed(const fm_map *map, fm_label_cand *c, size_t n)
{
    size_t i, k = 0;
    for (i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        fm_label_cand *m = r->cand < n ? &c[r->cand] : NULL;
        if (m && !r->placed && m->must && m->reach_pt > 0 && m->kind > FM_LK_CAPITAL &&
            !m->unseeded)
            m->unseeded = 1, k++;
    }
    return k;
}

/* What a placement achieved: the promised names it left out (the note's)
 * in *missed, the guaranteed names it placed in *named. */
static void placement_tally(const fm_map *map, const fm_label_cand *c, size_t n, size_t *missed,
                            size_t *named)
{
    *missed = *named = 0;
    for (size_t i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        *missed += fm_unnamed_promised(r, c, n);
        *named += r->placed && r->cand < n && c[r->cand].must;
    }
}

/* On a page under A4 (its crowds tightest), the placement is tried once
 * more with the markers of the places it left out within a reach unseeded
 * (unseed_missed), and kept if it leaves no more promised names out and
 * names as many guaranteed ones. In the Khyber crowd of the whole record's
 * A5 map the markers of Kohat, Mardan, Mingora and Abbottabad, none of them
 * named, held the room Torkham's name needed; it went to the note. */
static fm_status place_unseeded(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_label_cand *c, size_t n,
                                obstacles *ob, const double *counts)
{
    size_t missed0, named0, missed1, named1, i;
    fm_status st;
    if (fm_label_page_scale(map) >= 0.999)
        return FM_OK;
    placement_tally(map, c, n, &missed0, &named0);
    if (!unseed_missed(map, c, n))
        return FM_OK;
    if ((st = place_all(ctx, map, cr, c, n, ob, counts)))
        return st;
    placement_tally(map, c, n, &missed1, &named1);
    if (missed1 <= missed0 && named1 >= named0)
        return FM_OK;
    for (i = 0; i < n; i++) /* no better: as it was */
        c[i].unseeded = 0;
    return place_all(ctx, map, cr, c, n, ob, counts);
}

/* The gaps between the guaranteed crossings' and major cities' names and
 * their markers, summed; the names drawn; those gaps over far (*nfar). */
static double crossing_gaps(const obstacles *ob, const fm_label_cand *c, size_t n, size_t *names,
                            double far, size_t *nfar)
{
    double sum = 0;
    *names = *nfar = 0;
    for (size_t i = 0; i < ob->ndone; i++) {
        const placed *pd = &ob->done[i];
        double g;
        if (pd->gone)
            continue;
        ++*names;
        if (pd->kind <= FM_LK_CAPITAL && (size_t)pd->cand < n && c[pd->cand].must) {
            sum += g = fm_label_name_gap(pd);
            *nfar += g > far;
        }
    }
    return sum;
}

#define NEAR_PT 20.0
#define NEAR_LOSS 2 /* names a placement nearer may drop (villages, other countries' towns) */

/* What a placement achieved, to compare two: the promised names left out,
 * the guaranteed names placed, the names drawn, crossing_gaps's sum and
 * how many of its gaps are over NEAR_PT (at the page's type). */
typedef struct {
    size_t missed, named, names, far;
    double gaps;
} tally;

static tally tally_of(const fm_map *map, const obstacles *ob, const fm_label_cand *c, size_t n)
{
    tally t;
    placement_tally(map, c, n, &t.missed, &t.named);
    t.gaps = crossing_gaps(ob, c, n, &t.names, NEAR_PT * fm_label_page_scale(map), &t.far);
    return t;
}

/* On a page whose counts are spread (A5), the crossings and major cities
 * the rings hang further than NEAR_PT (at A4's type) from their markers
 * first try room within it (near_by_moving): made by moving counts alone
 * (ob->near_mode NEAR_COUNTS), or names placed before them, then counts
 * (NEAR_NAMES | NEAR_COUNTS). Each is placed in full and the one that
 * brings those names nearest is kept if it leaves no more promised names
 * out, names as many guaranteed ones and at most NEAR_LOSS fewer names in
 * all; else the names are placed as before. On the whole record's portrait
 * A5 map of the GED sample Peshawar's name, placed first, had taken the
 * room 11 pt from Jalalabad's marker and hung it 35 pt off; moving counts
 * on every A5 map cost Mardan its name on the KP maps. */
static fm_status place_near(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_label_cand *c, size_t n,
                            obstacles *ob, const double *counts)
{
    static const int modes[] = {NEAR_COUNTS, NEAR_NAMES | NEAR_COUNTS};
    tally t0, t;
    int best = -1;
    double gaps;
    fm_status st = FM_OK;
    if (fm_label_page_scale(map) >= 0.999 || !fm_counts_spread(map))
        return FM_OK;
    t0 = tally_of(map, ob, c, n);
    if (!t0.far) /* (none hung far: nothing to try) */
        return FM_OK;
    gaps = t0.gaps - 1;
    for (int k = 0; k < 2 && !st; k++) {
        ob->near_pt = NEAR_PT * fm_label_page_scale(map), ob->near_mode = modes[k];
        st = place_all(ctx, map, cr, c, n, ob, counts);
        t = tally_of(map, ob, c, n);
        if (t.missed <= t0.missed && t.named >= t0.named && t.names + NEAR_LOSS >= t0.names &&
            t.gaps < gaps)
            best = k, gaps = t.gaps;
    }
    ob->near_pt = 0, ob->near_mode = 0;
    if (st || best == 1) /* (the last one placed is the one kept) */
        return st;
    if (best == 0)
        ob->near_pt = NEAR_PT * fm_label_page_scale(map), ob->near_mode = modes[0];
    st = place_all(ctx, map, cr, c, n, ob, counts);
    ob->near_pt = 0, ob->near_mode = 0;
    return st;
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
    double *counts = NULL;
    size_t n = 0, missed, tries;
    obstacles ob;
    fm_status st;
    memset(&ob, 0, sizeof ob);
    fm_labels_reset(map);
    st = fm_label_cands_collect(ctx, map, &c, &n);
    if (!st && map->ncallouts) /* first, so the names keep off them */
        st = place_callouts(ctx, map, cr, c, n);
    if (!st && !(counts = fm_label_counts_keep(map)))
        st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    if (!st)
        st = place_all(ctx, map, cr, c, n, &ob, counts);
    for (tries = 0; !st && tries < 3 && (missed = promote_missed(map, c, n)); tries++) {
        fm_label_cand *again = fm_malloc_array(n, sizeof *again);
        if (!again) {
            st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
            break;
        }
        memcpy(again, c, n * sizeof *c);
        fm_label_cands_sort(again, n);
        if (!(st = place_all(ctx, map, cr, again, n, &ob, counts)) &&
            promote_missed(map, again, n) < missed) {
            free(c);
            c = again;
            continue;
        }
        free(again);
        if (!st) /* no better: the earlier order again */
            st = place_all(ctx, map, cr, c, n, &ob, counts);
        break;
    }
    if (!st)
        st = place_unseeded(ctx, map, cr, c, n, &ob, counts);
    if (!st)
        st = place_near(ctx, map, cr, c, n, &ob, counts);
    if (!st) {
        fm_labels_paint(map, cr, c, n, &ob);
        fm_unnamed_draw(ctx, map, cr, c, n, &ob); /* the promised names left out, said */
    }
    fm_label_obstacles_free(&ob);
    free(counts);
    free(c);
    return st;
}
