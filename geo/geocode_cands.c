/* geocode_cands.c: the geocoder's candidates: every gazetteer and store-memo
 * entry whose name or alias matches the folded query exactly, else with a
 * modifier word left off ("Ghulam Khan Kalay"), else within the edit limit;
 * each checked against the hints, the ruled-out ones kept to be named. */
#include <math.h>
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

/* The least radius of curvature anywhere on WGS84, a(1 - e^2) (the
 * meridian's at the equator), km; and the ellipsoid's a and e^2. */
#define R_MIN_KM 6335.439327083
#define WGS84_A_KM 6378.137
#define WGS84_E2 0.00669437999014

/* The straight line through the earth between two places, km. */
static double chord_km(const fm_place *a, const fm_place *b)
{
    const double deg = M_PI / 180;
    double p[2][3], d2 = 0;
    const fm_place *ab[2] = {a, b};
    int i, k;
    for (i = 0; i < 2; i++) {
        double sf = sin(ab[i]->lat * deg), cf = cos(ab[i]->lat * deg);
        double n = WGS84_A_KM / sqrt(1 - WGS84_E2 * sf * sf);
        p[i][0] = n * cf * cos(ab[i]->lon * deg);
        p[i][1] = n * cf * sin(ab[i]->lon * deg);
        p[i][2] = n * (1 - WGS84_E2) * sf;
    }
    for (k = 0; k < 3; k++)
        d2 += (p[0][k] - p[1][k]) * (p[0][k] - p[1][k]);
    return sqrt(d2);
}

/* Most pairs need no geodesic (Karney's, a few microseconds): none between
 * two parallels is shorter than the meridian arc between them, at least
 * 110.574 km a degree (R_MIN's); none is shorter than the chord; and none is
 * longer than the arc of radius R_MIN over the chord, as a geodesic's
 * curvature in space is its normal curvature, at most 1 / R_MIN (Schur's
 * comparison theorem). Only a pair within a millimetre of the limit by
 * these bounds is measured, so the answer is the geodesic's. */
int gc_within_km(const fm_place *a, const fm_place *b, double km)
{
    double c;
    if (fabs(a->lat - b->lat) * 110.574 > km + 1e-6)
        return 0;
    c = chord_km(a, b);
    if (c > km + 1e-6)
        return 0;
    if (c < 2 * R_MIN_KM && 2 * R_MIN_KM * asin(c / (2 * R_MIN_KM)) < km - 1e-6)
        return 1;
    return gc_dist_km(a, b) <= km;
}

/* Whether the hints rule p out: GC_RULED_* or 0, with its agreement. A
 * crossing lies on the line and belongs to both countries. */
static int ruled_out(const gc_query *q, const fm_place *p, int *a1, int *a2, int *edge)
{
    const gc_hints *h = &q->h;
    *a1 = *a2 = *edge = 0;
    if (h->country[0] && strcmp(p->country, h->country) && p->kind != FM_PLACE_CROSSING)
        return GC_RULED_COUNTRY;
    if ((*a1 = gc_agree_admin1(q->ctx, q->gz, h, p)) < 0 ||
        (*a2 = gc_agree_admin2(q->ctx, q->gz, h, p, edge)) < 0)
        return GC_RULED_AREA;
    return 0;
}

/* Whether a candidate in cs lies in country. */
static int country_among(const gc_cand_set *cs, const char *country)
{
    size_t i;
    for (i = 0; i < cs->n; i++)
        if (!strcmp(cs->c[i].place->country, country))
            return 1;
    return 0;
}

/* Adds the hits to cs (those the hints rule out to cs->ruled); with
 * important_only, only places more than villages whose name is a
 * transliteration of the query's; with area, as that area's namesakes. */
static void add_hits_as(const gc_query *q, const fm_gazetteer_hit *hits, size_t n, size_t base,
                        int dropped, int important_only, const fm_place *area, gc_cand_set *cs)
{
    size_t i, j;
    if (n > GC_MAX_HITS)
        n = GC_MAX_HITS;
    for (i = 0; i < n && cs->n < GC_MAX_HITS; i++) {
        size_t index = base + hits[i].index;
        const fm_place *p = gc_place(q, index);
        gc_cand c = {index, p, hits[i].alias, hits[i].edits, dropped, 0, 0, 0.0, area, 0, 0,
                     hits[i].key};
        int why;
        if (c.edits == 2 && gc_important(p->kind) && gc_translit_variant(q, &c))
            c.edits = 1, c.letters = 2; /* one transliteration, two letters (Baila/Bela) */
        if (important_only && (!gc_important(p->kind) || !gc_translit_variant(q, &c) ||
                               !country_among(cs, p->country)))
            continue;
        if (area && !gc_area_holds(q->ctx, q->gz, area, p))
            continue;
        for (j = 0; j < cs->n && cs->c[j].index != index; j++)
            ;
        if (j < cs->n) { /* the same place again: keep its closest name */
            if (c.edits < cs->c[j].edits) {
                cs->c[j].edits = c.edits, cs->c[j].alias = c.alias, cs->c[j].letters = c.letters;
                cs->c[j].key = c.key;
                gc_rank(q, &cs->c[j]);
            }
            continue;
        }
        for (j = 0; j < cs->nruled && j < GC_MAX_RULED && cs->ruled[j].c.index != index; j++)
            ;
        if (j < cs->nruled && j < GC_MAX_RULED)
            continue;
        if ((why = ruled_out(q, p, &c.a1, &c.a2, &c.edge))) {
            if (cs->nruled < GC_MAX_RULED)
                cs->ruled[cs->nruled] = (gc_ruled){c, why};
            cs->nruled++;
            continue;
        }
        gc_rank(q, &c);
        cs->c[cs->n++] = c;
    }
}

static void add_hits(const gc_query *q, const fm_gazetteer_hit *hits, size_t n, size_t base,
                     int dropped, int important_only, gc_cand_set *cs)
{
    add_hits_as(q, hits, n, base, dropped, important_only, NULL, cs);
}

/* Joined (spaces left out) copy of a folded key. */
static void joined(const char *key, char *out, size_t cap)
{
    size_t n = 0;
    for (; *key && n + 1 < cap; key++)
        if (*key != ' ')
            out[n++] = *key;
    out[n] = '\0';
}

/* A district or province the query names by another spelling of its name,
 * without saying "district" or "province", is meant as its namesake town or
 * city inside it (Qandahar, the province's other spelling, is Kandahar city):
 * those towns join the candidates, found by the area's own name. */
static void add_namesakes(const gc_query *q, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    size_t i, n0 = cs->n, n, k, j;
    for (i = 0; i < n0 && i < GC_MAX_AREAS; i++) {
        const gc_cand *a = &cs->c[i];
        fm_place_kind kind = a->place->kind;
        char qj[GC_KEY_CAP], nj[GC_KEY_CAP];
        fm_buf scratch = {0};
        const char *key;
        if (a->index >= GC_MEMO_BASE || a->edits || a->dropped ||
            !((kind == FM_PLACE_DISTRICT && !(q->generic & FM_NAME_DISTRICT)) ||
              (kind == FM_PLACE_PROVINCE && !(q->generic & FM_NAME_PROVINCE))))
            continue;
        if (gc_fold(q->ctx, q->gz, a->place->name, &scratch, &key)) {
            fm_buf_free(&scratch);
            continue;
        }
        joined(q->key, qj, sizeof qj);
        joined(key, nj, sizeof nj);
        /* named by its own name, its towns are candidates already; named by
         * an alias that is not a spelling of it ("FR Peshawar"), no town is */
        n = gc_translit_pair(qj, nj) ? fm_gazetteer_find(q->gz, key, hits, GC_MAX_HITS) : 0;
        fm_buf_free(&scratch);
        for (j = k = 0; j < n && j < GC_MAX_HITS; j++) {
            fm_place_kind hk = fm_gazetteer_get(q->gz, hits[j].index)->kind;
            if (hk == FM_PLACE_CITY || hk == FM_PLACE_TOWN)
                hits[k++] = (fm_gazetteer_hit){hits[j].index, hits[j].alias, 0, hits[j].key};
        }
        add_hits_as(q, hits, k, 0, 0, 0, a->place, cs);
    }
}

/* Exact lookups of key in the gazetteer and the memo. */
static void find_both(const gc_query *q, const char *key, int dropped, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    add_hits(q, hits, fm_gazetteer_find(q->gz, key, hits, GC_MAX_HITS), 0, dropped, 0, cs);
    if (q->memo)
        add_hits(q, hits, fm_placememo_find(q->memo, key, 0, hits, GC_MAX_HITS), GC_MEMO_BASE,
                 dropped, 0, cs);
}

int gc_drop_modifier(const char *key, char *rest, size_t cap)
{
    const char *last = strrchr(key, ' ');
    size_t i;
    if (!last || (size_t)(last - key) >= cap)
        return 0;
    for (i = 0; i < sizeof modifier_words / sizeof *modifier_words; i++)
        if (!strcmp(last + 1, modifier_words[i])) {
            gc_copy_n(rest, cap, key, (size_t)(last - key));
            return 1;
        }
    return 0;
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

/* Whether the exact matches leave room for a more important place at a
 * transliteration of the name: all of them villages, none of them in the
 * district the hints name (Hungu is Hangu town before Hungo village in
 * Bajaur; with --admin2 Bajaur it is the village). Only places in the
 * country of an exact match are offered: a spelling never moves a name
 * across the border (Birmal, a village in South Waziristan, is not Bermal
 * in Paktika). */
static int want_important(const gc_query *q, const gc_cand_set *cs)
{
    size_t i;
    if (gc_max_edits(gc_joined_len(q->key)) < 1)
        return 0;
    for (i = 0; i < cs->n; i++)
        if (gc_important(cs->c[i].place->kind) || cs->c[i].a2 >= 2)
            return 0;
    return 1;
}

/* Whether every exact match lies only near the district the hints name, not
 * in it: then spellings inside it are weighed too (Barmal with South
 * Waziristan is Birmal inside it, not Barma just across the line). */
static int near_only(const gc_query *q, const gc_cand_set *cs)
{
    size_t i;
    if (!q->h.admin2_given)
        return 0;
    for (i = 0; i < cs->n; i++)
        if (cs->c[i].a2 != 1)
            return 0;
    return 1;
}

/* Places more than villages one transliteration of two letters away: ai or
 * ei inside the word written e (Baila, Bela). Exact lookups of the rewritten
 * key, a few binary searches: a fuzzy search two letters wide would cost
 * more than the rest of a batch row. */
static void add_two_letter_variants(const gc_query *q, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    char v[GC_KEY_CAP];
    size_t len = strlen(q->key), i, n, k;
    if (len + 1 > sizeof v)
        return;
    for (i = 1; i + 1 < len; i++) {
        if ((q->key[i] != 'a' && q->key[i] != 'e') || q->key[i + 1] != 'i' || q->key[i - 1] == ' ')
            continue;
        memcpy(v, q->key, i);
        v[i] = 'e';
        memcpy(v + i + 1, q->key + i + 2, len - i - 1); /* with the terminator */
        n = fm_gazetteer_find(q->gz, v, hits, GC_MAX_HITS);
        for (k = 0; k < n && k < GC_MAX_HITS; k++)
            hits[k].edits = 2;
        add_hits(q, hits, n, 0, 0, 1, cs);
    }
}

void gc_search(const gc_query *q, gc_cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    int edits = gc_max_edits(gc_joined_len(q->key));
    find_both(q, q->key, 0, cs);
    add_namesakes(q, cs);
    if (cs->n && !near_only(q, cs)) {
        if (want_important(q, cs)) {
            add_hits(q, hits, fm_gazetteer_find_fuzzy_important(q->gz, q->key, 1, hits,
                                                                 GC_MAX_HITS),
                     0, 0, 1, cs);
            add_two_letter_variants(q, cs);
        }
        return;
    }
    search_dropped(q, cs);
    add_hits(q, hits, fm_gazetteer_find_fuzzy(q->gz, q->key, edits, hits, GC_MAX_HITS), 0, 0, 0,
             cs);
    if (q->memo)
        add_hits(q, hits, fm_placememo_find(q->memo, q->key, edits, hits, GC_MAX_HITS),
                 GC_MEMO_BASE, 0, 0, cs);
}
