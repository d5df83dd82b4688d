/* geocode_cands.c: the geocoder's candidates: every gazetteer and store-memo
 * entry whose name or alias matches the folded query exactly, else with a
 * modifier word left off ("Ghulam Khan Kalay"), else within the edit limit;
 * each checked against the hints, the ruled-out ones kept to be named. */
#include <string.h>

#include "geo/geocode_priv.h"

/* Words that may be left off when nothing else matches ("Ghulam Khan Kalay"). */
static const char *const modifier_words[] = {"kalai", "bazar", "khas", "payan", "bala", "kalan",
                                             "khurd", "cantt", "cantonment", "valley", "camp",
                                             "fort", "market", "gate", "post", "mandi", "upper",
                                             "lower", "pass", "ada", "chuwk", "chuk"};

const fm_place *gc_place(const gc_query *q, size_t index)
{
    return index >= GC_MEMO_BASE ? fm_placememo_get(q->memo, index - GC_MEMO_BASE)
                                 : fm_gazetteer_get(q->gz, index);
}

double gc_dist_km(const fm_place *a, const fm_place *b)
{
    return fm_geod_inverse(a->lon, a->lat, b->lon, b->lat, NULL) / 1000.0;
}

/* Whether the hints rule p out: GC_RULED_* or 0, with its agreement. A
 * crossing lies on the line and belongs to both countries. */
static int ruled_out(const gc_query *q, const fm_place *p, int *a1, int *a2)
{
    const gc_hints *h = &q->h;
    *a1 = *a2 = 0;
    if (h->country[0] && strcmp(p->country, h->country) && p->kind != FM_PLACE_CROSSING)
        return GC_RULED_COUNTRY;
    if ((*a1 = gc_agree_admin1(q->ctx, q->gz, h, p)) < 0 ||
        (*a2 = gc_agree_admin2(q->ctx, q->gz, h, p)) < 0)
        return GC_RULED_AREA;
    return 0;
}

static void add_hits(const gc_query *q, const fm_gazetteer_hit *hits, size_t n, size_t base,
                     int dropped, gc_cand_set *cs)
{
    size_t i, j;
    if (n > GC_MAX_HITS)
        n = GC_MAX_HITS;
    for (i = 0; i < n && cs->n < GC_MAX_HITS; i++) {
        size_t index = base + hits[i].index;
        const fm_place *p = gc_place(q, index);
        gc_cand c = {index, p, hits[i].alias, hits[i].edits, dropped, 0, 0};
        int why;
        for (j = 0; j < cs->n && cs->c[j].index != index; j++)
            ;
        if (j < cs->n) { /* the same place again: keep its closest name */
            if (hits[i].edits < cs->c[j].edits)
                cs->c[j].edits = hits[i].edits, cs->c[j].alias = hits[i].alias;
            continue;
        }
        for (j = 0; j < cs->nruled && j < GC_MAX_RULED && cs->ruled[j].c.index != index; j++)
            ;
        if (j < cs->nruled && j < GC_MAX_RULED)
            continue;
        if ((why = ruled_out(q, p, &c.a1, &c.a2))) {
            if (cs->nruled < GC_MAX_RULED)
                cs->ruled[cs->nruled] = (gc_ruled){c, why};
            cs->nruled++;
            continue;
        }
        cs->c[cs->n++] = c;
    }
}

/* Exact lookups of key in the gazetteer and the memo. */
static void find_both(const gc_query *q, const char *key, int dropped, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    add_hits(q, hits, fm_gazetteer_find(q->gz, key, hits, GC_MAX_HITS), 0, dropped, cs);
    if (q->memo)
        add_hits(q, hits, fm_placememo_find(q->memo, key, 0, hits, GC_MAX_HITS), GC_MEMO_BASE,
                 dropped, cs);
}

/* Exact match leaving off one modifier word at either end. */
static void search_dropped(const gc_query *q, gc_cand_set *cs)
{
    const char *key = q->key, *last = strrchr(key, ' ');
    size_t i, first_len = strcspn(key, " ");
    char rest[GC_KEY_CAP];
    if (!last || strlen(key) >= GC_KEY_CAP)
        return;
    for (i = 0; i < sizeof modifier_words / sizeof *modifier_words; i++) {
        const char *m = modifier_words[i];
        if (!strcmp(last + 1, m)) {
            gc_copy_n(rest, sizeof rest, key, (size_t)(last - key));
            find_both(q, rest, 1, cs);
        }
        if (first_len == strlen(m) && !strncmp(key, m, first_len)) {
            gc_copy_key(rest, sizeof rest, key + first_len + 1);
            find_both(q, rest, 1, cs);
        }
    }
}

void gc_search(const gc_query *q, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    int edits = gc_max_edits(gc_joined_len(q->key));
    find_both(q, q->key, 0, cs);
    if (cs->n)
        return;
    search_dropped(q, cs);
    add_hits(q, hits, fm_gazetteer_find_fuzzy(q->gz, q->key, edits, hits, GC_MAX_HITS), 0, 0, cs);
    if (q->memo)
        add_hits(q, hits, fm_placememo_find(q->memo, q->key, edits, hits, GC_MAX_HITS),
                 GC_MEMO_BASE, 0, cs);
}
