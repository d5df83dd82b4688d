/* geocode.c: resolves a place string to a point: folded exact match on names
 * and aliases, then fuzzy (trigram candidates, edit distance), ranked by the
 * admin1/admin2/country context (geocode_hints.c). Whatever needed more than
 * a plain match is said in result.flags and lowers the precision: a spelling
 * some letters off, a choice among same-named places, a fallback to the
 * district or province. A guess is refused rather than given: a fuzzy name
 * nothing confirms, same-named places the hints cannot tell apart, a name
 * known only in the other country. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/geocode_priv.h"

/* A place we could not find, placed at its district's seat, may be 100 km
 * from it in Balochistan: ACLED's 2 ("a nearby town or district capital")
 * would claim too much, so such fallbacks get 3. */
#define FALLBACK_DISTRICT_PRECISION 3

/* Appends to the result's note, "; "-separated (truncated to fit), unless
 * the caller shows no note. */
static void note_add(const gc_query *q, fm_geocode_result *out, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note_add(const gc_query *q, fm_geocode_result *out, const char *fmt, ...)
{
    size_t len = strlen(out->note);
    va_list ap;
    if (q->no_note)
        return;
    if (len && len + 2 < sizeof out->note) {
        memcpy(out->note + len, "; ", 3);
        len += 2;
    }
    va_start(ap, fmt);
    vsnprintf(out->note + len, sizeof out->note - len, fmt, ap);
    va_end(ap);
    fm_utf8_repair(out->note); /* names cut by %.30s or by the note's size */
}

/* ---- ranking (the score is geocode_rank.c's) ----------------------------- */

/* Rank bands: a rival in the same band far away makes a name ambiguous; a
 * village does not compete with a city of the same name. */
static int pref_tier(int pref)
{
    return pref >= 6 ? 3 : pref >= 4 ? 2 : 1;
}

static int tier_of(const gc_query *q, const gc_cand *c)
{
    return pref_tier(gc_kind_pref(c->place->kind, q->generic, q->prefer_crossing));
}

static int kind_precision(fm_place_kind k)
{
    /* a district is large (Balochistan's run to 100 km): its seat stands for
     * the whole district, so district-level answers are ACLED precision 3 */
    return k == FM_PLACE_PROVINCE || k == FM_PLACE_DISTRICT ? 3 : 1;
}

/* Orders candidates: higher rank (hints, spelling, importance, the
 * frontier), then name before alias, the gazetteer before the store, then
 * file order. */
static int better(const gc_cand *a, const gc_cand *b)
{
    if (fabs(a->rank - b->rank) > 1e-9)
        return a->rank > b->rank;
    if ((a->alias == 0) != (b->alias == 0))
        return a->alias == 0;
    return a->index < b->index;
}

/* Two candidates that stand for one place: close together, or one is the
 * district or province holding the other. */
static int same_place(const gc_query *q, const fm_place *a, const fm_place *b)
{
    return gc_within_km(a, b, GC_SAME_PLACE_KM) || gc_area_holds(q->ctx, q->gz, a, b) ||
           gc_area_holds(q->ctx, q->gz, b, a);
}

static void set_result(fm_geocode_result *out, const fm_place *p, int precision, double score)
{
    out->place = p;
    out->lon = p->lon;
    out->lat = p->lat;
    out->precision = precision;
    out->score = score < 0 ? 0 : score > 1 ? 1 : score;
}

static void lower_precision(fm_geocode_result *out, int to)
{
    if (out->precision < to)
        out->precision = to;
}

/* The district or province entry named by text (a place's admin field),
 * nearest to near; NULL if the gazetteer has none. */
static const fm_place *area_entry(const gc_query *q, const char *text, fm_place_kind kind,
                                  const fm_place *near)
{
    fm_buf scratch = {0};
    const char *key;
    size_t found[GC_MAX_AREAS], n = 0, i;
    const fm_place *best = NULL;
    if (*text)
        n = gc_resolve_text(q->ctx, q->gz, text, kind, 0, &key, found, GC_MAX_AREAS, &scratch);
    fm_buf_free(&scratch);
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get(q->gz, found[i]);
        if (strcmp(p->country, near->country))
            continue;
        if (!best || gc_dist_km(p, near) < gc_dist_km(best, near))
            best = p;
    }
    return best;
}

/* The area the hints name, when they name one unambiguously: the district,
 * else the province; NULL otherwise. */
static const fm_place *hinted_area(const gc_query *q)
{
    const gc_hints *h = &q->h;
    const fm_place *d = h->ndistricts ? fm_gazetteer_get(q->gz, h->districts[0]) : NULL;
    size_t i;
    for (i = 1; d && i < h->ndistricts; i++)
        if (!gc_within_km(d, fm_gazetteer_get(q->gz, h->districts[i]), GC_SAME_PLACE_KM))
            d = NULL; /* the district hint itself is ambiguous */
    if (d)
        return d;
    return h->nprovinces == 1 ? fm_gazetteer_get(q->gz, h->provinces[0]) : NULL;
}

static void set_fallback(const gc_query *q, fm_geocode_result *out, const fm_place *area)
{
    set_result(out, area, area->kind == FM_PLACE_DISTRICT ? FALLBACK_DISTRICT_PRECISION : 3,
               area->kind == FM_PLACE_DISTRICT ? 0.5 : 0.3);
    out->flags |= FM_GEOCODE_FALLBACK;
    if (area->kind == FM_PLACE_DISTRICT && area->area_km2 > 0) /* its area's point on surface */
        note_add(q, out, "fell back to district %.40s (area %.0f km2, about %.0f km across)",
                 area->name, area->area_km2, 2 * sqrt(area->area_km2 / M_PI));
    else
        note_add(q, out, "fell back to %s %.40s", fm_place_kind_name(area->kind), area->name);
}

static int any_hint(const gc_query *q)
{
    return q->h.admin1_given || q->h.admin2_given;
}

/* ---- the alternatives and a refusal --------------------------------------- */

static void alt_add(fm_geocode_result *out, const gc_cand *c, int ruled)
{
    size_t i;
    for (i = 0; i < out->nalt; i++)
        if (out->alt[i].place == c->place)
            return;
    if (out->nalt < FM_GEOCODE_MAX_ALT)
        out->alt[out->nalt++] = (fm_geocode_alt){c->place, c->dropped ? -1 : c->edits, ruled};
}

/* Every place weighed other than the answer, fewest edits first. */
static void list_alternatives(const gc_cand_set *cs, fm_geocode_result *out)
{
    int e;
    size_t i;
    for (e = 0; e <= 4; e++) {
        for (i = 0; i < cs->n; i++)
            if (cs->c[i].edits + cs->c[i].dropped == e && cs->c[i].place != out->place)
                alt_add(out, &cs->c[i], 0);
        for (i = 0; i < cs->nruled && i < GC_MAX_RULED; i++)
            if (cs->ruled[i].c.edits + cs->ruled[i].c.dropped == e)
                alt_add(out, &cs->ruled[i].c, cs->ruled[i].why);
    }
}

/* Refuses the query: FM_ENOTFOUND, the reason and the candidates. */
static fm_status refuse(const gc_query *q, fm_geocode_result *out, const char *why)
{
    fm_buf msg = {0};
    size_t i;
    fm_status st;
    out->place = NULL;
    fm_buf_printf(q->ctx, &msg, "'%.80s': %s", q->place, why);
    for (i = 0; i < out->nalt && !q->no_note; i++) {
        fm_buf_puts(q->ctx, &msg, i ? "; " : "; candidates: ");
        fm_place_describe(q->ctx, out->alt[i].place, out->alt[i].edits, &msg);
    }
    st = fm_error(q->ctx, FM_ENOTFOUND, "%s", fm_buf_str(&msg));
    fm_buf_free(&msg);
    return st;
}

/* ---- choosing ------------------------------------------------------------- */

/* Several far-apart places answer the query equally well and the hints
 * cannot tell them apart: fall back to the district they share, or (when the
 * query came with hints) the province they share or the area the hints name;
 * else refuse rather than pick. */
static fm_status resolve_ambiguous(const gc_query *q, const gc_cand *best,
                                   const gc_cand *const *rivals, size_t nrivals,
                                   fm_geocode_result *out)
{
    size_t i;
    int same2 = *best->place->admin2 != '\0', same1 = *best->place->admin1 != '\0';
    const fm_place *area = NULL;
    for (i = 0; i < nrivals; i++) {
        same2 = same2 && !strcmp(rivals[i]->place->admin2, best->place->admin2) &&
                !strcmp(rivals[i]->place->admin1, best->place->admin1) && /* Arghandab twice */
                !strcmp(rivals[i]->place->country, best->place->country);
        same1 = same1 && !strcmp(rivals[i]->place->admin1, best->place->admin1) &&
                !strcmp(rivals[i]->place->country, best->place->country);
    }
    out->flags |= FM_GEOCODE_AMBIGUOUS;
    if (same2)
        area = area_entry(q, best->place->admin2, FM_PLACE_DISTRICT, best->place);
    if (!area && any_hint(q) && hinted_area(q) && hinted_area(q)->kind == FM_PLACE_DISTRICT)
        area = hinted_area(q); /* the district named: narrower than the province they share */
    if (!area && same1 && any_hint(q))
        area = area_entry(q, best->place->admin1, FM_PLACE_PROVINCE, best->place);
    if (!area && any_hint(q))
        area = hinted_area(q);
    if (!area) {
        char why[160];
        snprintf(why, sizeof why, best->edits || best->dropped
                                      ? "no place of that name; %zu near spellings, and %s"
                                      : "%zu places carry the name and %s",
                 nrivals + 1, any_hint(q)       ? "the hints cannot tell them apart"
                              : q->h.country[0] ? "the country given cannot tell them apart"
                                                : "no district, province or country says which");
        alt_add(out, best, 0);
        for (i = 0; i < nrivals; i++)
            alt_add(out, rivals[i], 0);
        return refuse(q, out, why);
    }
    note_add(q, out, "ambiguous: %zu places named '%.40s'", nrivals + 1, q->place);
    set_fallback(q, out, area);
    if (area->kind == FM_PLACE_DISTRICT)
        out->score = 0.62;
    return FM_OK;
}

static double match_score(const gc_cand *c, const char *key)
{
    double len = (double)gc_joined_len(key);
    if (c->dropped)
        return 0.8;
    if (c->edits)
        return fmax(0.5, 0.95 - 0.6 * c->edits / (len > 0 ? len : 1));
    return c->alias ? 0.97 : 1.0;
}

static void describe_match(const gc_query *q, const gc_cand *c, fm_geocode_result *out)
{
    char alias[96];
    if (q->no_note)
        return;
    if (c->alias) {
        fm_place_alias(c->place, c->alias, alias, sizeof alias);
        note_add(q, out, "matched alias '%s'", alias);
    }
    if (c->dropped)
        note_add(q, out, "closest name '%.60s' (a word left off)", c->place->name);
    else if (c->letters)
        note_add(q, out, "closest name '%.60s' (%d letters off, one transliteration)",
                 c->place->name, c->letters);
    else if (c->edits)
        note_add(q, out, "closest name '%.60s' (%d letter%s off)", c->place->name, c->edits,
                 c->edits == 1 ? "" : "s");
}

/* Whether a fuzzy or partial match is backed enough to be given as the place
 * itself: the district hint agrees; or, with no district given, a long name
 * one edit away, or a town, city, district or crossing whose name differs
 * only as transliterations do (a village's namesakes are too many). */
static int confirmed(const gc_query *q, const gc_cand *c)
{
    const gc_hints *h = &q->h;
    if (!c->edits && !c->dropped)
        return 1;
    if (c->a2 >= 1)
        return 1;
    if (c->dropped) /* "Kot Kalay" is not the town of Kot as surely as "Ghulam Khan Kalay" */
        return !h->admin2_given && gc_joined_len(q->key) >= 10;
    if (h->admin2_given || c->edits > 1)
        return 0;
    return gc_joined_len(q->key) >= 7 ||
           (c->place->kind != FM_PLACE_VILLAGE && gc_translit_variant(q, c));
}

/* A district or province matched by name is usually meant as its seat or
 * namesake town when one lies within it ("Chaman", "Spin Boldak", and
 * "Qandahar", the province's other name, for Kandahar city): precision 1. */
static const gc_cand *prefer_seat(const gc_query *q, const gc_cand_set *cs, const gc_cand *best)
{
    const gc_cand *seat = NULL;
    size_t i;
    if ((best->place->kind != FM_PLACE_DISTRICT || (q->generic & FM_NAME_DISTRICT)) &&
        (best->place->kind != FM_PLACE_PROVINCE || (q->generic & FM_NAME_PROVINCE)))
        return best;
    for (i = 0; i < cs->n; i++) {
        const gc_cand *c = &cs->c[i];
        if ((c->place->kind == FM_PLACE_CITY || c->place->kind == FM_PLACE_TOWN) &&
            c->edits + c->dropped == best->edits + best->dropped &&
            c->a1 + c->a2 >= best->a1 + best->a2 &&
            (c->area == best->place || gc_area_holds(q->ctx, q->gz, best->place, c->place)) &&
            (best->place->kind == FM_PLACE_DISTRICT || c->area == best->place) &&
            (!seat || better(c, seat)))
            seat = c;
    }
    return seat ? seat : best;
}

/* Same-named places elsewhere that the hints set aside (ruled out, or agreeing
 * less) and that would otherwise rank with best: the answer is a choice. */
static size_t chosen_over(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                          const char **example)
{
    size_t i, n = 0;
    int tier = tier_of(q, best);
    *example = NULL;
    for (i = 0; i < cs->n + cs->nruled && i < cs->n + GC_MAX_RULED; i++) {
        const gc_cand *c = i < cs->n ? &cs->c[i] : &cs->ruled[i - cs->n].c;
        if (c == best || c->edits + c->dropped != best->edits + best->dropped ||
            (i < cs->n && c->a1 + c->a2 >= best->a1 + best->a2) || tier_of(q, c) < tier ||
            same_place(q, c->place, best->place))
            continue;
        if (!n++)
            *example = *c->place->admin2 ? c->place->admin2 : c->place->admin1;
    }
    return n;
}

/* The answer when it is one place: its precision and score lowered for each
 * doubt, and refused when too little is left. */
static fm_status accept(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                        size_t nlesser, const gc_cand *doubt, fm_geocode_result *out)
{
    const char *example;
    size_t nchosen = chosen_over(q, cs, best, &example), i;
    set_result(out, best->place, kind_precision(best->place->kind), match_score(best, q->key));
    describe_match(q, best, out);
    if (best->area)
        note_add(q, out, "the %s named like %s %.40s, which the query names",
                 fm_place_kind_name(best->place->kind), fm_place_kind_name(best->area->kind),
                 best->area->name);
    for (i = 0; i < cs->nruled && i < GC_MAX_RULED; i++)
        if (cs->ruled[i].why == GC_RULED_COUNTRY &&
            cs->ruled[i].c.edits + cs->ruled[i].c.dropped < best->edits + best->dropped &&
            !(out->flags & FM_GEOCODE_COUNTRY)) {
            out->flags |= FM_GEOCODE_COUNTRY;
            out->score *= 0.8;
            note_add(q, out, "'%.40s' itself is in %s (%.40s)", cs->ruled[i].c.place->name,
                     cs->ruled[i].c.place->country, cs->ruled[i].c.place->admin2);
        }
    if (best->index >= GC_MEMO_BASE) {
        out->flags |= FM_GEOCODE_STORE;
        note_add(q, out, "%.120s", best->place->source);
        lower_precision(out, fm_placememo_precision(q->memo, best->index - GC_MEMO_BASE));
    }
    if (best->edits || best->dropped) {
        out->flags |= FM_GEOCODE_SPELLING;
        lower_precision(out, best->edits >= 2 ? 3 : 2);
        if (!confirmed(q, best)) {
            out->score *= best->a1 >= 2 ? 0.75 : 0.6;
            lower_precision(out, 3);
            note_add(q, out, "unconfirmed by district, precision lowered");
        } else if (best->edits >= 2) {
            /* two letters off is a different name as often as a misspelling
             * (Chirikot/Dhirkot, Mandi Khel/Machi Khel): never a confident point */
            note_add(q, out, "spelling differs, precision lowered");
        } else if (best->edits && !gc_translit_variant(q, best)) {
            /* a district holds hundreds of villages: a name a consonant off in
             * the right district is a neighbour as often as the place
             * (Ghaljo/Ghalo, Akakhel/Akal Khel, Shawal/Shawa: 25-120 km apart
             * in GED); only a vowel's difference stays near */
            lower_precision(out, 3);
            note_add(q, out, "another spelling, precision lowered");
        }
    }
    if (q->h.admin2_given && best->a2 == 1 && best->index < GC_MEMO_BASE) {
        out->flags |= FM_GEOCODE_CHOSEN;
        out->score *= 0.9;
        lower_precision(out, 3); /* the district's precision: as often a namesake near its
                                  * edge as the place (Mirobak, Narsi Khel in GED) */
        const fm_district_change *ch = gc_made_from(q->ctx, q->gz, &q->h, best->place);
        if (ch)
            note_add(q, out, "lies in %.40s, of which %.40s was made: may be in either",
                     ch->parent, q->h.admin2);
        else
            note_add(q, out, "lies just outside district %.40s, which the query names",
                     q->h.admin2);
    }
    if (nchosen) {
        out->flags |= FM_GEOCODE_CHOSEN;
        out->score *= 0.9;
        /* chosen because it lies inside the named district: near it; chosen
         * only for lying near the district's seat, or by the province: the
         * district's precision */
        lower_precision(out, best->a2 >= 2 || !q->h.admin2_given ? 2 : 3);
        note_add(q, out, "one of %zu places named '%.40s', chosen by the hints (another: %.40s)",
                 nchosen + 1, q->place, example ? example : "");
    }
    if (out->flags & FM_GEOCODE_CHOSEN) /* by nearness to the frontier (choose) */
        lower_precision(out, 2);
    if (doubt) {
        /* a different place ranks close: the answer is the better bet, not a
         * certainty */
        out->flags |= best->edits || best->dropped ? FM_GEOCODE_SPELLING : FM_GEOCODE_CHOSEN;
        out->score *= 0.9;
        lower_precision(out, 2);
        note_add(q, out, "doubt: %s %.40s (%.40s) %s, %.0f km away", fm_place_kind_name(doubt->place->kind),
                 doubt->place->name, *doubt->place->admin2 ? doubt->place->admin2 : doubt->place->admin1,
                 doubt->edits + doubt->dropped < best->edits + best->dropped ? "is the nearer spelling"
                                                                           : "also fits",
                 gc_dist_km(doubt->place, best->place));
    }
    if (q->h.admin2_given && !q->h.ndistricts)
        note_add(q, out, "district '%.40s' is not in the gazetteer: not used", q->h.admin2);
    if (nlesser) {
        out->score *= 0.9;
        note_add(q, out, "%zu smaller places share the name", nlesser);
    }
    if (out->score >= FM_GEOCODE_MIN_SCORE)
        return FM_OK;
    if (any_hint(q) && hinted_area(q)) {
        const fm_place *guess = out->place;
        out->note[0] = '\0';
        note_add(q, out, "closest name '%.40s' (%.30s) not trusted", guess->name, guess->admin2);
        set_fallback(q, out, hinted_area(q));
        return FM_OK;
    }
    alt_add(out, best, 0);
    return refuse(q, out, best->edits || best->dropped
                              ? "no place of that name; the nearest spellings are guesses"
                              : "not a confident match");
}

/* Another place that ranks close behind best without being its same-named
 * rival: a nearer spelling, or a more important place a few letters off
 * (Hungo village in Bajaur, the exact name, beside Hangu town). The closest
 * such place, or NULL. */
static const gc_cand *doubt_of(const gc_query *q, const gc_cand_set *cs, const gc_cand *best)
{
    const gc_cand *d = NULL;
    size_t i;
    for (i = 0; i < cs->n; i++) {
        const gc_cand *c = &cs->c[i];
        int nearer = c->edits + c->dropped < best->edits + best->dropped;
        if (c == best || (!nearer && best->rank - c->rank >= GC_DOUBT_MARGIN) ||
            (c->edits + c->dropped == best->edits + best->dropped &&
             c->a1 + c->a2 == best->a1 + best->a2) ||
            c->a1 + c->a2 < best->a1 + best->a2 || same_place(q, c->place, best->place) ||
            (!gc_important(c->place->kind) && !gc_important(best->place->kind)))
            continue;
        if (!d || better(c, d))
            d = c;
    }
    return d;
}

/* Sorts the candidates of best's spelling and agreement that are not best's
 * place: a lesser kind (*nlesser), the same name less important or far from
 * the frontier (*nfocus), or a rival (into rivals; returns how many). */
static size_t rivals_of(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                        const gc_cand **rivals, size_t *nlesser, size_t *nfocus)
{
    int tier = tier_of(q, best);
    size_t i, nrivals = 0;
    *nlesser = *nfocus = 0;
    for (i = 0; i < cs->n; i++) {
        const gc_cand *c = &cs->c[i];
        if (c == best || c->edits + c->dropped != best->edits + best->dropped ||
            c->a1 + c->a2 != best->a1 + best->a2 || same_place(q, c->place, best->place))
            continue;
        if (tier_of(q, c) < tier)
            (*nlesser)++;
        else if (best->edits == 1 && !best->dropped && c->edits == 1 && tier_of(q, c) == tier &&
                 gc_translit_variant(q, best) && !gc_translit_variant(q, c))
            continue; /* Sanjavi: Sanjawi (v/w) before Sanjari (v/r), which is another
                       * name; a larger place stays a rival (Natyan: Nazyan district) */
        else if (!best->dropped && best->rank - c->rank >= GC_RIVAL_MARGIN &&
                 (!best->edits || (best->edits == 1 && c->edits == 1 &&
                                   gc_translit_variant(q, best) && gc_translit_variant(q, c))))
            (*nfocus)++; /* the same name, but less important or far from the
                          * frontier; a spelling of it as transliterations write
                          * it is settled alike (Ziarath as Ziarat), a guessed
                          * spelling is not */
        else
            rivals[nrivals++] = c;
    }
    return nrivals;
}

/* The seat best stands for (into *seat, ranked as best), and the area it is
 * the seat of (NULL when best is itself the answer). */
static const fm_place *seat_of(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                               gc_cand *seat)
{
    *seat = *prefer_seat(q, cs, best);
    seat->rank = fmax(seat->rank, best->rank); /* the seat ranks as the area it stands for */
    return seat->place != best->place ? best->place : NULL;
}

static fm_status choose(const gc_query *q, const gc_cand_set *cs, fm_geocode_result *out)
{
    const gc_cand *best = &cs->c[0], *doubt, *settled;
    const char *how = "";
    const gc_cand *rivals[GC_MAX_HITS];
    gc_cand seat;
    const fm_place *area; /* the district best is the seat of, or NULL */
    size_t i, nrivals, nlesser, nfocus, nsettled = 0;
    for (i = 1; i < cs->n; i++)
        if (better(&cs->c[i], best))
            best = &cs->c[i];
    best = gc_own_name(q, cs, best);
    area = seat_of(q, cs, best, &seat);
    best = &seat;
    nrivals = rivals_of(q, cs, best, rivals, &nlesser, &nfocus);
    if (nrivals && (settled = gc_settle(q, cs, best, area, rivals, nrivals, &how))) {
        nsettled = nrivals;
        if (settled != best) {
            gc_cand chosen = *settled;
            area = seat_of(q, cs, &chosen, &seat);
        }
        nrivals = 0;
    }
    list_alternatives(cs, out);
    if (nrivals)
        return resolve_ambiguous(q, best, rivals, nrivals, out);
    for (i = 0; i < out->nalt; i++) /* the answer is not its own alternative */
        if (out->alt[i].place == best->place)
            memmove(&out->alt[i], &out->alt[i + 1], (--out->nalt - i) * sizeof *out->alt);
    doubt = doubt_of(q, cs, best);
    if (doubt && best->rank - doubt->rank < GC_REFUSE_MARGIN) {
        alt_add(out, best, 0);
        alt_add(out, doubt, 0);
        return refuse(q, out, "a near spelling of a larger place and another place ranked "
                              "alike; nothing given says which");
    }
    if (nsettled) {
        out->flags |= FM_GEOCODE_CHOSEN;
        note_add(q, out, "one of %zu places named '%.40s', chosen as the one %s", nsettled + 1,
                 q->place, how);
    } else if (nfocus) {
        out->flags |= FM_GEOCODE_CHOSEN;
        if (area)
            note_add(q, out, "one of %zu places named '%.40s', chosen as the seat of %s %.40s",
                     nfocus + 1, q->place, fm_place_kind_name(area->kind), area->name);
        else
            note_add(q, out, "one of %zu places named '%.40s', chosen as the one nearer the frontier",
                     nfocus + 1, q->place);
    }
    return accept(q, cs, best, nlesser, doubt, out);
}

/* Whether a word after the first names a quarter of a town rather than a
 * settlement of its own ("Hazara Town", "Sariab Road", "Faqir Colony"). */
static int names_quarter(const char *place)
{
    static const char *const words[] = {"town",   "colony", "mohalla",    "mohallah", "muhalla",
                                        "chowk",  "bazaar", "bazar",      "road",     "cantt",
                                        "sector", "block",  "cantonment", "market",   "scheme"};
    const char *s = place;
    size_t nword = 0, i, len;
    while (*s) {
        while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
            s++;
        for (len = 0; (s[len] >= 'a' && s[len] <= 'z') || (s[len] >= 'A' && s[len] <= 'Z');)
            len++;
        if (!len)
            break;
        for (i = 0; nword && i < sizeof words / sizeof *words; i++)
            if (strlen(words[i]) == len && !strncasecmp(s, words[i], len))
                return 1;
        nword++;
        s += len;
    }
    return 0;
}

/* The city that is district d's seat (Quetta of Quetta district): a city
 * named as the district, within 10 km of its seat; NULL if none. */
static const fm_place *seat_city(const gc_query *q, const fm_place *d)
{
    fm_buf scratch = {0};
    const char *key;
    fm_gazetteer_hit hits[16];
    const fm_place *city = NULL;
    size_t n = 0, i;
    if (d->kind != FM_PLACE_DISTRICT || (d->seat_lon == 0.0 && d->seat_lat == 0.0))
        return NULL;
    if (!gc_fold(q->ctx, q->gz, d->name, &scratch, &key))
        n = fm_gazetteer_find(q->gz, key, hits, sizeof hits / sizeof *hits);
    fm_buf_free(&scratch);
    if (n > sizeof hits / sizeof *hits) /* the count of every match, not only those given */
        n = sizeof hits / sizeof *hits;
    for (i = 0; i < n && !city; i++) {
        const fm_place *p = fm_gazetteer_get(q->gz, hits[i].index);
        if (p && p->kind == FM_PLACE_CITY && !strcmp(p->country, d->country) &&
            fm_geod_inverse(p->lon, p->lat, d->seat_lon, d->seat_lat, NULL) <= 10000.0)
            city = p;
    }
    return city;
}

/* Nothing matched (or the hints ruled out every match): the hinted district,
 * else the hinted province, else not found; a name known only in another
 * country than the stated or implied one is said so, never taken. */
static fm_status fall_back(const gc_query *q, const gc_cand_set *cs, fm_geocode_result *out)
{
    const gc_hints *h = &q->h;
    const fm_place *area = hinted_area(q), *city;
    const gc_ruled *r = cs->nruled ? &cs->ruled[0] : NULL;
    size_t i;
    list_alternatives(cs, out);
    for (i = 0; i < cs->nruled && i < GC_MAX_RULED; i++) {
        if (cs->ruled[i].c.edits + cs->ruled[i].c.dropped < r->c.edits + r->c.dropped)
            r = &cs->ruled[i];
        if (cs->ruled[i].why == GC_RULED_COUNTRY && !cs->ruled[i].c.edits &&
            !cs->ruled[i].c.dropped)
            out->flags |= FM_GEOCODE_COUNTRY;
    }
    if (r)
        note_add(q, out, "no '%.30s' in %.30s (%s %.30s in %.30s, %s)", q->place,
                 h->admin2_given ? h->admin2 : h->admin1_given ? h->admin1 : h->country,
                 r->c.edits || r->c.dropped ? "closest:" : "one:", r->c.place->name,
                 *r->c.place->admin2 ? r->c.place->admin2 : r->c.place->admin1,
                 r->c.place->country);
    else
        note_add(q, out, "unknown place '%.40s'", q->place);
    if (area && names_quarter(q->place) && (city = seat_city(q, area))) {
        /* a quarter of the city, not somewhere in a district 60 km across
         * (Hazara Town, Quetta: the district's point on surface is 48 km
         * from the city) */
        set_result(out, city, FALLBACK_DISTRICT_PRECISION, 0.5);
        out->flags |= FM_GEOCODE_FALLBACK;
        note_add(q, out, "a quarter of a town: fell back to %.40s, the city that is the seat of "
                 "district %.40s", city->name, area->name);
        return FM_OK;
    }
    if (area) {
        set_fallback(q, out, area);
        return FM_OK;
    }
    if (!r)
        return fm_error(q->ctx, FM_ENOTFOUND, "unknown place '%.80s'", q->place);
    {
        char why[200];
        snprintf(why, sizeof why, "no place of that name in %.40s%s",
                 h->admin2_given ? h->admin2 : h->admin1_given ? h->admin1 : h->country,
                 out->flags & FM_GEOCODE_COUNTRY ? " (the name is known across the border)" : "");
        return refuse(q, out, why);
    }
}

/* Reads the query and its hints into q (place into place, cap bytes). */
static fm_status read_query(fm_ctx *ctx, const fm_gazetteer *gz, const char *query,
                            const fm_geocode_hint *hint, gc_query *q, char *place, size_t cap,
                            fm_buf *key)
{
    fm_status st;
    memset(q, 0, sizeof *q);
    q->ctx = ctx;
    q->gz = gz;
    q->memo = hint ? hint->memo : NULL;
    q->prefer_crossing = hint && hint->prefer_crossing;
    q->no_note = hint && hint->no_note;
    if (hint && ((st = gc_hints_add(ctx, gz, &q->h, hint->country, HINT_COUNTRY)) ||
                 (st = gc_hints_add(ctx, gz, &q->h, hint->admin1, HINT_ADMIN1)) ||
                 (st = gc_hints_add(ctx, gz, &q->h, hint->admin2, HINT_ADMIN2))))
        return st;
    if ((st = gc_split_query(ctx, gz, query, &q->h, place, cap)))
        return st;
    if (!*place)
        return fm_error(ctx, FM_EINVAL, "empty query");
    gc_hints_finish(ctx, gz, &q->h);
    if ((st = fm_name_fold_ex(ctx, place, key, &q->generic)))
        return st;
    q->place = place;
    q->key = fm_buf_str(key);
    return FM_OK;
}

fm_status fm_geocode(fm_ctx *ctx, const fm_gazetteer *gz, const char *query,
                     const fm_geocode_hint *hint, fm_geocode_result *out)
{
    gc_query *q;
    gc_cand_set *cs;
    char place[4 * GC_KEY_CAP];
    fm_buf key = {0};
    fm_status st;
    memset(out, 0, sizeof *out);
    if (!gz)
        return fm_error(ctx, FM_EINVAL, "no gazetteer");
    if (!query || strspn(query, " \t\r\n,") == strlen(query))
        return fm_error(ctx, FM_EINVAL, "empty query");
    q = malloc(sizeof *q);
    cs = malloc(sizeof *cs); /* 14 kB: only n and nruled need setting */
    if (cs)
        cs->n = cs->nruled = 0;
    if (!q || !cs)
        st = fm_error(ctx, FM_ENOMEM, "out of memory");
    else
        st = read_query(ctx, gz, query, hint, q, place, sizeof place, &key);
    if (!st) {
        if (*q->key)
            gc_search(q, cs);
        st = cs->n ? choose(q, cs, out) : fall_back(q, cs, out);
    }
    free(q);
    free(cs);
    fm_buf_free(&key);
    return st;
}
