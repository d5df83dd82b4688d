/* geocode_settle.c: what else a query says when its name alone is not enough:
 * a name that is one place's own and only another, larger place's alias
 * nearby; same-named places of which one is written exactly as the query;
 * same-named villages of which one lies beside the larger place the query
 * names with a settlement word. geocode.c asks these only after the hints. */
#include <string.h>

#include "geo/geocode_priv.h"

/* A village this close to the larger place the query names with a settlement
 * word ("Ghulam Khan Kalay", beside the Ghulam Khan crossing) is its village. */
#define BESIDE_KM 5.0

const gc_cand *gc_own_name(const gc_query *q, const gc_cand_set *cs, const gc_cand *best)
{
    (void)q;
    const gc_cand *own = NULL;
    size_t i;
    if (!best->alias || best->edits || best->dropped ||
        (best->place->kind != FM_PLACE_TOWN && best->place->kind != FM_PLACE_CITY))
        return best;
    for (i = 0; i < cs->n; i++) {
        const gc_cand *c = &cs->c[i];
        if (c == best || c->alias || c->edits || c->dropped || c->index >= GC_MEMO_BASE ||
            (c->place->kind != FM_PLACE_TOWN && c->place->kind != FM_PLACE_VILLAGE) ||
            c->a1 + c->a2 < best->a1 + best->a2 ||
            !gc_within_km(c->place, best->place, GC_NEAR_AREA_KM))
            continue;
        if (own) /* two such places: the name says no more than the larger place's */
            return best;
        own = c;
    }
    return own ? own : best;
}

/* Whether text written as it is (fm_name_written) equals want. */
static int written_equal(const gc_query *q, const char *text, const char *want)
{
    fm_buf w = {0};
    int eq = !fm_name_written(q->ctx, text, &w) && !strcmp(fm_buf_str(&w), want);
    fm_buf_free(&w);
    return eq;
}

/* Whether p's name or one of its aliases is written as want. */
static int written_as(const gc_query *q, const fm_place *p, const char *want)
{
    char alias[GC_KEY_CAP];
    int i;
    if (!p)
        return 0;
    if (written_equal(q, p->name, want))
        return 1;
    for (i = 1;; i++) {
        fm_place_alias(p, i, alias, sizeof alias);
        if (!*alias)
            return 0;
        if (written_equal(q, alias, want))
            return 1;
    }
}

/* Whether another exact match standing for the same place as best (within
 * GC_SAME_PLACE_KM: two sources' entries for one town) is written as want. */
static int written_nearby(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                          const char *want)
{
    size_t i;
    for (i = 0; i < cs->n; i++)
        if (cs->c[i].place != best->place && !cs->c[i].edits && !cs->c[i].dropped &&
            gc_important(cs->c[i].place->kind) &&
            gc_within_km(cs->c[i].place, best->place, GC_SAME_PLACE_KM) &&
            written_as(q, cs->c[i].place, want))
            return 1;
    return 0;
}

/* The one of n candidates (all exact matches of places more than villages)
 * whose name is written as the query: Musakhel is the Balochistan district,
 * Musa Khel of Khost another spelling; Thall is Thal of Hangu, not of Dir.
 * area: the district best stands for as its seat, or NULL. */
static const gc_cand *by_writing(const gc_query *q, const gc_cand_set *cs,
                                 const gc_cand *const *c, size_t n, const fm_place *area)
{
    const gc_cand *pick = NULL;
    fm_buf w = {0};
    size_t i, found = 0;
    for (i = 0; i < n; i++)
        if (c[i]->edits || c[i]->dropped || !gc_important(c[i]->place->kind))
            return NULL;
    if (fm_name_written(q->ctx, q->place, &w) || !*fm_buf_str(&w)) {
        fm_buf_free(&w);
        return NULL;
    }
    for (i = 0; i < n; i++)
        if (written_as(q, c[i]->place, fm_buf_str(&w)) ||
            (!i && (written_as(q, area, fm_buf_str(&w)) ||
                    written_nearby(q, cs, c[0], fm_buf_str(&w))))) {
            found++;
            pick = c[i];
        }
    fm_buf_free(&w);
    return found == 1 ? pick : NULL;
}

/* The one of n same-named villages lying beside a larger place the query
 * names with a settlement word ("Ghulam Khan Kalay": the village at the
 * Ghulam Khan crossing, not Ghulam Khan Kalle of Bannu). */
static const gc_cand *by_neighbour(const gc_query *q, const gc_cand *const *c, size_t n)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    char rest[GC_KEY_CAP];
    const gc_cand *pick = NULL;
    size_t i, j, nh;
    for (i = 0; i < n; i++)
        if (c[i]->edits || c[i]->dropped || c[i]->place->kind != FM_PLACE_VILLAGE)
            return NULL;
    if (!gc_drop_modifier(q->key, rest, sizeof rest))
        return NULL;
    nh = fm_gazetteer_find(q->gz, rest, hits, GC_MAX_HITS);
    for (i = 0; i < n; i++) {
        int beside = 0;
        for (j = 0; j < nh && j < GC_MAX_HITS && !beside; j++) {
            const fm_place *p = fm_gazetteer_get(q->gz, hits[j].index);
            beside = gc_important(p->kind) && p->kind != FM_PLACE_DISTRICT &&
                     p->kind != FM_PLACE_PROVINCE && gc_within_km(p, c[i]->place, BESIDE_KM);
        }
        if (beside && pick)
            return NULL;
        if (beside)
            pick = c[i];
    }
    return pick;
}

const gc_cand *gc_settle(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                         const fm_place *area,
                         const gc_cand *const *rivals, size_t nrivals, const char **how)
{
    const gc_cand *all[GC_MAX_HITS];
    const gc_cand *pick;
    size_t n = 0, i;
    all[n++] = best;
    for (i = 0; i < nrivals && n < GC_MAX_HITS; i++)
        all[n++] = rivals[i];
    if ((pick = by_writing(q, cs, all, n, area))) {
        *how = "written so";
        return pick;
    }
    *how = "beside the larger place the name adds a word to";
    return by_neighbour(q, all, n);
}
