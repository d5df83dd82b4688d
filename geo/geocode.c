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
 * would claim too much, so such fallbacks get 3. A query naming the district
 * itself ("Bajaur agency") keeps 2. */
#define FALLBACK_DISTRICT_PRECISION 3


/* Appends to the result's note, "; "-separated (truncated to fit). */
static void note_add(fm_geocode_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void note_add(fm_geocode_result *out, const char *fmt, ...)
{
    size_t len = strlen(out->note);
    va_list ap;
    if (len && len + 2 < sizeof out->note) {
        memcpy(out->note + len, "; ", 3);
        len += 2;
    }
    va_start(ap, fmt);
    vsnprintf(out->note + len, sizeof out->note - len, fmt, ap);
    va_end(ap);
}

/* ---- candidates and ranking ----------------------------------------------- */

/* Words that may be left off when nothing else matches ("Ghulam Khan Kalay"). */
static const char *const modifier_words[] = {"kalai", "bazar", "khas", "payan", "bala", "kalan",
                                             "khurd", "cantt", "cantonment", "valley", "camp",
                                             "fort", "market", "gate", "post", "mandi", "upper",
                                             "lower", "pass", "ada", "chuwk", "chuk"};

typedef struct {
    size_t index;
    const fm_place *place;
    int alias, edits, dropped; /* dropped: matched with a modifier word left off */
    int a1, a2;                /* agreement with the admin1/admin2 hints, 0..2 */
} cand;

typedef struct {
    cand c[GC_MAX_HITS];
    size_t n;
    size_t nconflict;          /* same-named places the gc_hints ruled out */
    const fm_place *conflict;  /* one of them, for the note */
} cand_set;

static int kind_pref(fm_place_kind k, unsigned generic, int prefer_crossing)
{
    static const int base[6] = {4, 6, 7, 8, 5, 2}; /* crossing province district city town village */
    if (k == FM_PLACE_CROSSING && ((generic & FM_NAME_CROSSING) || prefer_crossing))
        return 20;
    if (k == FM_PLACE_DISTRICT && (generic & FM_NAME_DISTRICT))
        return 20;
    if (k == FM_PLACE_PROVINCE && (generic & FM_NAME_PROVINCE))
        return 20;
    if (k >= FM_PLACE_CITY && (generic & FM_NAME_SETTLEMENT))
        return 10 + base[k];
    return base[(unsigned)k < 6 ? k : 5];
}

/* Rank bands: a rival in the same band far away makes a name ambiguous; a
 * village does not compete with a city of the same name. */
static int pref_tier(int pref)
{
    return pref >= 6 ? 3 : pref >= 4 ? 2 : 1;
}

static int kind_precision(fm_place_kind k)
{
    /* a district is large (Balochistan's run to 100 km): its seat stands for
     * the whole district, so district-level answers are ACLED precision 3 */
    return k == FM_PLACE_PROVINCE || k == FM_PLACE_DISTRICT ? 3 : 1;
}

static double dist_km(const fm_place *a, const fm_place *b)
{
    return fm_geod_inverse(a->lon, a->lat, b->lon, b->lat, NULL) / 1000.0;
}

static void add_hits(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h,
                     const fm_gazetteer_hit *hits, size_t n, int dropped, cand_set *cs)
{
    size_t i, j;
    if (n > GC_MAX_HITS)
        n = GC_MAX_HITS;
    for (i = 0; i < n && cs->n < GC_MAX_HITS; i++) {
        const fm_place *p = fm_gazetteer_get(gz, hits[i].index);
        int a1 = 0, a2 = 0;
        for (j = 0; j < cs->n && cs->c[j].index != hits[i].index; j++)
            ;
        if (j < cs->n)
            continue;
        if ((h->country[0] && strcmp(p->country, h->country)) ||
            (a1 = gc_agree_admin1(ctx, gz, h, p)) < 0 || (a2 = gc_agree_admin2(ctx, gz, h, p)) < 0) {
            if (!cs->nconflict++)
                cs->conflict = p;
            continue;
        }
        cs->c[cs->n++] = (cand){hits[i].index, p, hits[i].alias, hits[i].edits, dropped, a1, a2};
    }
}

/* Exact match leaving off one modifier word at either end. */
static void search_dropped(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const char *key,
                           cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    const char *last = strrchr(key, ' ');
    size_t i, first_len = strcspn(key, " ");
    char rest[GC_KEY_CAP];
    if (!last || strlen(key) >= GC_KEY_CAP)
        return;
    for (i = 0; i < sizeof modifier_words / sizeof *modifier_words; i++) {
        const char *m = modifier_words[i];
        if (!strcmp(last + 1, m)) {
            gc_copy_n(rest, sizeof rest, key, (size_t)(last - key));
            add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, rest, hits, GC_MAX_HITS), 1, cs);
        }
        if (first_len == strlen(m) && !strncmp(key, m, first_len)) {
            gc_copy_key(rest, sizeof rest, key + first_len + 1);
            add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, rest, hits, GC_MAX_HITS), 1, cs);
        }
    }
}

static void search(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const char *key,
                   cand_set *cs)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, key, hits, GC_MAX_HITS), 0, cs);
    if (cs->n)
        return;
    search_dropped(ctx, gz, h, key, cs);
    add_hits(ctx, gz, h, hits,
             fm_gazetteer_find_fuzzy(gz, key, gc_max_edits(gc_joined_len(key)), hits, GC_MAX_HITS), 0, cs);
}

/* Orders candidates: fewer edits, exact before dropped words, better hint
 * agreement, preferred kind, name before alias, then file order. */
static int better(const cand *a, const cand *b, unsigned generic, int prefer_crossing)
{
    int pa, pb;
    if (a->edits + a->dropped != b->edits + b->dropped)
        return a->edits + a->dropped < b->edits + b->dropped;
    if (a->a1 + a->a2 != b->a1 + b->a2)
        return a->a1 + a->a2 > b->a1 + b->a2;
    pa = kind_pref(a->place->kind, generic, prefer_crossing);
    pb = kind_pref(b->place->kind, generic, prefer_crossing);
    if (pa != pb)
        return pa > pb;
    if ((a->alias == 0) != (b->alias == 0))
        return a->alias == 0;
    return a->index < b->index;
}

/* Whether area (a district or province entry) is the one that holds p. */
static int holds(fm_ctx *ctx, const fm_place *area, const fm_place *p)
{
    fm_buf a = {0}, b = {0};
    const char *field = area->kind == FM_PLACE_DISTRICT ? p->admin2
                        : area->kind == FM_PLACE_PROVINCE ? p->admin1 : "";
    int same = *field && !fm_name_fold(ctx, area->name, &a) && !fm_name_fold(ctx, field, &b) &&
               (gc_keys_equal(a.data, b.data) || gc_words_within(a.data, b.data));
    fm_buf_free(&a);
    fm_buf_free(&b);
    return same;
}

static void set_result(fm_geocode_result *out, const fm_place *p, int precision, double score)
{
    out->place = p;
    out->lon = p->lon;
    out->lat = p->lat;
    out->precision = precision;
    out->score = score < 0 ? 0 : score > 1 ? 1 : score;
}

/* The district or province entry named by text (a place's admin field),
 * nearest to near; NULL if the gazetteer has none. */
static const fm_place *area_entry(fm_ctx *ctx, const fm_gazetteer *gz, const char *text,
                                  fm_place_kind kind, const fm_place *near)
{
    fm_buf key = {0};
    size_t found[GC_MAX_AREAS], n = 0, i;
    const fm_place *best = NULL;
    if (*text && !fm_name_fold(ctx, text, &key))
        n = gc_resolve_kind(gz, fm_buf_str(&key), kind, 0, found, GC_MAX_AREAS);
    fm_buf_free(&key);
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get(gz, found[i]);
        if (strcmp(p->country, near->country))
            continue;
        if (!best || dist_km(p, near) < dist_km(best, near))
            best = p;
    }
    return best;
}

/* Several far-apart places answer the query equally well: fall back to the
 * district or province they share, else keep the best with precision 3. */
static void resolve_ambiguous(fm_ctx *ctx, const fm_gazetteer *gz, const cand_set *cs,
                              const char *const *group, size_t ngroup, const cand *best,
                              const char *query, fm_geocode_result *out)
{
    size_t i;
    int same2 = *best->place->admin2 != '\0', same1 = *best->place->admin1 != '\0';
    const fm_place *area = NULL;
    (void)cs;
    for (i = 0; i < ngroup; i++) {
        same2 = same2 && !strcmp(group[i * 2 + 1], best->place->admin2);
        same1 = same1 && !strcmp(group[i * 2], best->place->admin1);
    }
    if (same2 && (area = area_entry(ctx, gz, best->place->admin2, FM_PLACE_DISTRICT, best->place)))
        set_result(out, area, FALLBACK_DISTRICT_PRECISION, 0.6);
    else if (same1 &&
             (area = area_entry(ctx, gz, best->place->admin1, FM_PLACE_PROVINCE, best->place)))
        set_result(out, area, 3, 0.4);
    note_add(out, "ambiguous: %zu places named '%.40s'", ngroup + 1, query);
    if (area) {
        note_add(out, "fell back to %s %.40s", fm_place_kind_name(area->kind), area->name);
    } else {
        set_result(out, best->place, 3, 0.3);
        note_add(out, "picked %.40s (%.30s), precision lowered", best->place->name,
                 best->place->admin2);
    }
}

static double match_score(const cand *c, const char *key)
{
    double len = (double)gc_joined_len(key);
    if (c->dropped)
        return 0.8;
    if (c->edits)
        return fmax(0.5, 0.95 - 0.6 * c->edits / (len > 0 ? len : 1));
    return c->alias ? 0.97 : 1.0;
}

static void describe_match(const cand *c, fm_geocode_result *out)
{
    char alias[96];
    if (c->alias) {
        fm_place_alias(c->place, c->alias, alias, sizeof alias);
        note_add(out, "matched alias '%s'", alias);
    } else if (c->edits || c->dropped) {
        note_add(out, "closest name '%.60s'", c->place->name);
    }
}

/* Whether a fuzzy or partial match is backed enough to be given as the place
 * itself: the district hint agrees, or it is a long name one edit away. */
static int confirmed(const cand *c, const gc_hints *h, const char *key)
{
    if (!c->edits && !c->dropped)
        return 1;
    if (c->a2 >= 1)
        return 1;
    return !h->admin2_given && c->edits <= 1 && gc_joined_len(key) >= 7;
}

/* A district matched by name is usually meant as its seat town when one of
 * the same name lies within it ("Chaman", "Spin Boldak"): precision 1. */
static const cand *prefer_seat(const cand_set *cs, const cand *best, unsigned generic)
{
    size_t i;
    if (best->place->kind != FM_PLACE_DISTRICT || (generic & FM_NAME_DISTRICT))
        return best;
    for (i = 0; i < cs->n; i++) {
        const cand *c = &cs->c[i];
        if ((c->place->kind == FM_PLACE_CITY || c->place->kind == FM_PLACE_TOWN) &&
            c->edits + c->dropped == best->edits + best->dropped &&
            c->a1 + c->a2 >= best->a1 + best->a2 &&
            dist_km(c->place, best->place) <= GC_SAME_PLACE_KM)
            return c;
    }
    return best;
}

static void choose(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const cand_set *cs,
                   const char *query, const char *key, unsigned generic, int prefer_crossing,
                   fm_geocode_result *out)
{
    const cand *best = &cs->c[0];
    const char *group[2 * GC_MAX_HITS];
    size_t i, nrivals = 0, nlesser = 0;
    int tier;
    for (i = 1; i < cs->n; i++)
        if (better(&cs->c[i], best, generic, prefer_crossing))
            best = &cs->c[i];
    best = prefer_seat(cs, best, generic);
    tier = pref_tier(kind_pref(best->place->kind, generic, prefer_crossing));
    for (i = 0; i < cs->n; i++) {
        const cand *c = &cs->c[i];
        if (c == best || c->edits + c->dropped != best->edits + best->dropped ||
            c->a1 + c->a2 != best->a1 + best->a2 || dist_km(c->place, best->place) <= GC_SAME_PLACE_KM ||
            holds(ctx, c->place, best->place) || holds(ctx, best->place, c->place))
            continue;
        if (pref_tier(kind_pref(c->place->kind, generic, prefer_crossing)) < tier) {
            nlesser++;
            continue;
        }
        group[2 * nrivals] = c->place->admin1;
        group[2 * nrivals + 1] = c->place->admin2;
        nrivals++;
    }
    if (nrivals) {
        resolve_ambiguous(ctx, gz, cs, group, nrivals, best, query, out);
        return;
    }
    set_result(out, best->place, kind_precision(best->place->kind), match_score(best, key));
    describe_match(best, out);
    if (!confirmed(best, h, key)) {
        out->precision = 3;
        out->score *= 0.6;
        note_add(out, "unconfirmed by district, precision lowered");
    } else if (best->edits >= 2 && out->precision < 3) {
        /* two letters off is a different name as often as a misspelling
         * (Chirikot/Dhirkot, Mandi Khel/Machi Khel): never a confident point */
        out->precision = 3;
        note_add(out, "spelling differs, precision lowered");
    } else if (best->edits == 1 && out->precision < 2) {
        out->precision = 2;
    }
    if (nlesser) {
        out->score *= 0.9;
        note_add(out, "%zu smaller places share the name", nlesser);
    }
}

/* Nothing matched (or the gc_hints ruled out every match): the hinted district,
 * else the hinted province, else not found. */
static fm_status fall_back(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h,
                           const cand_set *cs, const char *query, fm_geocode_result *out)
{
    fm_status st;
    const fm_place *d = h->ndistricts ? fm_gazetteer_get(gz, h->districts[0]) : NULL;
    const fm_place *p = h->nprovinces == 1 ? fm_gazetteer_get(gz, h->provinces[0]) : NULL;
    size_t i;
    for (i = 1; d && i < h->ndistricts; i++)
        if (dist_km(d, fm_gazetteer_get(gz, h->districts[i])) > GC_SAME_PLACE_KM)
            d = NULL; /* the district hint itself is ambiguous */
    if (cs->nconflict)
        note_add(out, "no '%.30s' in %.30s (one in %.30s)", query,
                 h->admin2_given ? h->admin2 : h->admin1_given ? h->admin1 : h->country,
                 *cs->conflict->admin2 ? cs->conflict->admin2 : cs->conflict->admin1);
    else
        note_add(out, "unknown place '%.40s'", query);
    if (d) { /* the place may lie anywhere in the district: not precision 2 */
        set_result(out, d, FALLBACK_DISTRICT_PRECISION, 0.5);
        note_add(out, "fell back to district %.40s", d->name);
        return FM_OK;
    }
    if (p) {
        set_result(out, p, 3, 0.3);
        note_add(out, "fell back to province %.40s", p->name);
        return FM_OK;
    }
    st = fm_error(ctx, FM_ENOTFOUND, "%s", out->note);
    out->note[0] = '\0';
    return st;
}

fm_status fm_geocode(fm_ctx *ctx, const fm_gazetteer *gz, const char *query,
                     const fm_geocode_hint *hint, fm_geocode_result *out)
{
    gc_hints h;
    cand_set *cs;
    char place[4 * GC_KEY_CAP];
    fm_buf key = {0};
    unsigned generic = 0;
    fm_status st;
    memset(out, 0, sizeof *out);
    memset(&h, 0, sizeof h);
    if (!gz)
        return fm_error(ctx, FM_EINVAL, "no gazetteer");
    if (!query || strspn(query, " \t\r\n,") == strlen(query))
        return fm_error(ctx, FM_EINVAL, "empty query");
    if (hint && ((st = gc_hints_add(ctx, gz, &h, hint->country, HINT_COUNTRY)) ||
                 (st = gc_hints_add(ctx, gz, &h, hint->admin1, HINT_ADMIN1)) ||
                 (st = gc_hints_add(ctx, gz, &h, hint->admin2, HINT_ADMIN2))))
        return st;
    if ((st = gc_split_query(ctx, gz, query, &h, place, sizeof place)))
        return st;
    if (!*place)
        return fm_error(ctx, FM_EINVAL, "empty query");
    gc_hints_finish(ctx, gz, &h);
    if ((st = fm_name_fold_ex(ctx, place, &key, &generic))) {
        fm_buf_free(&key);
        return st;
    }
    if (!(cs = calloc(1, sizeof *cs))) {
        fm_buf_free(&key);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    if (*fm_buf_str(&key))
        search(ctx, gz, &h, fm_buf_str(&key), cs);
    if (cs->n)
        choose(ctx, gz, &h, cs, place, fm_buf_str(&key), generic, hint && hint->prefer_crossing,
               out);
    else
        st = fall_back(ctx, gz, &h, cs, place, out);
    free(cs);
    fm_buf_free(&key);
    return st;
}
