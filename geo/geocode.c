/* geocode.c: resolves a place string to a point: folded exact match on names
 * and aliases, then fuzzy (trigram candidates, edit distance), ranked by the
 * admin1/admin2/country context; unknown or ambiguous places fall back to
 * their district or province with a coarser precision instead of guessing. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/fm_geo.h"

#define MAX_HITS 256
#define MAX_AREAS 16
#define KEY_CAP 256
#define SAME_PLACE_KM 25.0
/* A place we could not find, placed at its district's seat, may be 100 km
 * from it in Balochistan: ACLED's 2 ("a nearby town or district capital")
 * would claim too much, so such fallbacks get 3. A query naming the district
 * itself ("Bajaur agency") keeps 2. */
#define FALLBACK_DISTRICT_PRECISION 3

enum { HINT_ANY = 0, HINT_COUNTRY, HINT_ADMIN1, HINT_ADMIN2 };

/* The context of one query, resolved against the gazetteer. */
typedef struct {
    char country[3];
    int admin1_given, admin2_given;
    char admin1[KEY_CAP], admin2[KEY_CAP];         /* as given */
    char admin1_key[KEY_CAP], admin2_key[KEY_CAP]; /* folded */
    size_t provinces[MAX_AREAS], nprovinces;       /* entries the hints name */
    size_t districts[MAX_AREAS], ndistricts;
} hints;

static int agree_admin1(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const fm_place *p);

#define NEAR_DISTRICT_KM 40.0

static int max_edits(size_t joined_len)
{
    return joined_len < 5 ? 0 : joined_len < 8 ? 1 : joined_len < 13 ? 2 : 3;
}

static size_t joined_len(const char *key)
{
    size_t n = 0;
    for (; *key; key++)
        n += *key != ' ';
    return n;
}

static int keys_equal(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++, b++;
    }
}

/* Whether every word of the shorter key is a word of the longer one
 * ("south waziristan" in "upper south waziristan"). */
static int words_within(const char *a, const char *b)
{
    const char *small = strlen(a) <= strlen(b) ? a : b, *big = small == a ? b : a;
    const char *p = small;
    if (!*small)
        return 0;
    while (*p) {
        size_t n = strcspn(p, " ");
        const char *q = big;
        int found = 0;
        while (*q && !found) {
            size_t m = strcspn(q, " ");
            found = m == n && !memcmp(p, q, n);
            q += m + (q[m] == ' ');
        }
        if (!found)
            return 0;
        p += n + (p[n] == ' ');
    }
    return 1;
}

/* Entries of the wanted kind named key, exactly, else within the edit limit. */
static size_t resolve_kind(const fm_gazetteer *gz, const char *key, fm_place_kind kind,
                           int fuzzy, size_t *out, size_t max)
{
    fm_gazetteer_hit hits[MAX_HITS];
    size_t n, i, k = 0;
    int pass;
    if (!*key)
        return 0;
    for (pass = 0; pass < 1 + !!fuzzy && k == 0; pass++) {
        n = pass == 0 ? fm_gazetteer_find(gz, key, hits, MAX_HITS)
                      : fm_gazetteer_find_fuzzy(gz, key, max_edits(joined_len(key)),
                                                hits, MAX_HITS);
        if (n > MAX_HITS)
            n = MAX_HITS;
        for (i = 0; i < n && k < max; i++)
            if (fm_gazetteer_get(gz, hits[i].index)->kind == kind) {
                size_t j;
                for (j = 0; j < k && out[j] != hits[i].index; j++)
                    ;
                if (j == k)
                    out[k++] = hits[i].index;
            }
    }
    return k;
}

/* "PK", "AF", "Pakistan", "Afghanistan" -> ISO code; NULL if not a country. */
static const char *country_code(const char *key)
{
    if (keys_equal(key, "pk") || keys_equal(key, "pakistan") ||
        keys_equal(key, "pak"))
        return "PK";
    if (keys_equal(key, "af") || keys_equal(key, "afghanistan") ||
        keys_equal(key, "afg"))
        return "AF";
    return NULL;
}

/* Copies at most n bytes of src (and at most cap - 1) into dst, terminated. */
static void copy_n(char *dst, size_t cap, const char *src, size_t n)
{
    size_t len = strnlen(src, n);
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static void copy_key(char *dst, size_t cap, const char *src)
{
    copy_n(dst, cap, src, (size_t)-1);
}

/* Keeps the hint districts that lie in the hinted provinces/country. */
static void filter_districts(fm_ctx *ctx, const fm_gazetteer *gz, hints *h)
{
    size_t i, k = 0;
    for (i = 0; i < h->ndistricts; i++) {
        const fm_place *d = fm_gazetteer_get(gz, h->districts[i]);
        if (h->country[0] && strcmp(d->country, h->country))
            continue;
        if (h->nprovinces && agree_admin1(ctx, gz, h, d) < 0)
            continue;
        h->districts[k++] = h->districts[i];
    }
    if (k)
        h->ndistricts = k;
}

static fm_status hints_add(fm_ctx *ctx, const fm_gazetteer *gz, hints *h, const char *text,
                          int which)
{
    fm_buf key = {0};
    const char *cc;
    fm_status st;
    if (!text || !*text)
        return FM_OK;
    if ((st = fm_name_fold(ctx, text, &key))) {
        fm_buf_free(&key);
        return st;
    }
    cc = country_code(fm_buf_str(&key));
    if (which == HINT_COUNTRY || (which == HINT_ANY && cc)) {
        if (cc && !h->country[0])
            copy_key(h->country, sizeof h->country, cc);
    } else if (which == HINT_ADMIN1 && !h->admin1_given) {
        h->admin1_given = 1;
        copy_key(h->admin1, sizeof h->admin1, text);
        copy_key(h->admin1_key, sizeof h->admin1_key, fm_buf_str(&key));
        h->nprovinces = resolve_kind(gz, fm_buf_str(&key), FM_PLACE_PROVINCE, 1, h->provinces,
                                     MAX_AREAS);
    } else if (which == HINT_ADMIN2 && !h->admin2_given) {
        h->admin2_given = 1;
        copy_key(h->admin2, sizeof h->admin2, text);
        copy_key(h->admin2_key, sizeof h->admin2_key, fm_buf_str(&key));
        h->ndistricts = resolve_kind(gz, fm_buf_str(&key), FM_PLACE_DISTRICT, 1, h->districts,
                                     MAX_AREAS);
    } else if (which == HINT_ANY) {
        size_t tmp[MAX_AREAS];
        if (!h->admin1_given &&
            resolve_kind(gz, fm_buf_str(&key), FM_PLACE_PROVINCE, 0, tmp, MAX_AREAS))
            st = hints_add(ctx, gz, h, text, HINT_ADMIN1);
        else if (!h->admin2_given &&
                 resolve_kind(gz, fm_buf_str(&key), FM_PLACE_DISTRICT, 0, tmp, MAX_AREAS))
            st = hints_add(ctx, gz, h, text, HINT_ADMIN2);
    }
    fm_buf_free(&key);
    return st;
}

static void hints_finish(fm_ctx *ctx, const fm_gazetteer *gz, hints *h)
{
    size_t i;
    const char *cc = NULL;
    /* a province hint implies its country */
    for (i = 0; i < h->nprovinces; i++) {
        const fm_place *p = fm_gazetteer_get(gz, h->provinces[i]);
        if (cc && strcmp(cc, p->country))
            cc = "";
        else if (!cc)
            cc = p->country;
    }
    if (!h->country[0] && cc && *cc)
        copy_key(h->country, sizeof h->country, cc);
    if (h->country[0]) { /* drop provinces of the other country */
        size_t k = 0;
        for (i = 0; i < h->nprovinces; i++)
            if (!strcmp(fm_gazetteer_get(gz, h->provinces[i])->country, h->country))
                h->provinces[k++] = h->provinces[i];
        h->nprovinces = k;
    }
    filter_districts(ctx, gz, h);
}

/* Whether the area named by text (a place's admin1/admin2 field) is one of
 * the entries in set: through the alias index, so old and new names meet. */
static int area_in(fm_ctx *ctx, const fm_gazetteer *gz, const char *text, fm_place_kind kind,
                   const size_t *set, size_t nset, char *key_out, size_t cap)
{
    fm_buf key = {0};
    size_t found[MAX_AREAS], n, i, j;
    int in = 0;
    key_out[0] = '\0';
    if (!*text)
        return 0;
    if (!fm_name_fold(ctx, text, &key)) {
        copy_key(key_out, cap, fm_buf_str(&key));
        n = resolve_kind(gz, fm_buf_str(&key), kind, 0, found, MAX_AREAS);
        for (i = 0; i < n && !in; i++)
            for (j = 0; j < nset && !in; j++)
                in = found[i] == set[j];
    }
    fm_buf_free(&key);
    return in;
}

static int agree_admin1(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const fm_place *p)
{
    char key[KEY_CAP];
    size_t i;
    if (!h->admin1_given || p->kind == FM_PLACE_CROSSING)
        return 0;
    for (i = 0; i < h->nprovinces; i++)
        if (fm_gazetteer_get(gz, h->provinces[i]) == p)
            return 2;
    if (area_in(ctx, gz, p->admin1, FM_PLACE_PROVINCE, h->provinces, h->nprovinces, key, sizeof key))
        return 2;
    if (*key && (keys_equal(key, h->admin1_key) || words_within(key, h->admin1_key)))
        return 2;
    if (!h->nprovinces || !*p->admin1)
        return 0; /* a hint we cannot place, or a place without a province */
    return -1;
}

static int agree_admin2(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const fm_place *p)
{
    char key[KEY_CAP];
    size_t i;
    if (!h->admin2_given || p->kind == FM_PLACE_PROVINCE)
        return 0;
    for (i = 0; i < h->ndistricts; i++)
        if (fm_gazetteer_get(gz, h->districts[i]) == p)
            return 2;
    if (area_in(ctx, gz, p->admin2, FM_PLACE_DISTRICT, h->districts, h->ndistricts, key, sizeof key))
        return 2;
    if (*key && (keys_equal(key, h->admin2_key) || words_within(key, h->admin2_key)))
        return 2;
    if (p->kind == FM_PLACE_DISTRICT) {
        fm_buf nk = {0};
        int ok = !fm_name_fold(ctx, p->name, &nk) &&
                 words_within(fm_buf_str(&nk), h->admin2_key);
        fm_buf_free(&nk);
        if (ok)
            return 2;
    }
    for (i = 0; i < h->ndistricts; i++) {
        const fm_place *d = fm_gazetteer_get(gz, h->districts[i]);
        if (fm_geod_inverse(p->lon, p->lat, d->lon, d->lat, NULL) <= NEAR_DISTRICT_KM * 1000.0)
            return 1;
    }
    if (!h->ndistricts && !*p->admin2)
        return 0;
    return -1;
}


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
    cand c[MAX_HITS];
    size_t n;
    size_t nconflict;          /* same-named places the hints ruled out */
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

static void add_hits(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h,
                     const fm_gazetteer_hit *hits, size_t n, int dropped, cand_set *cs)
{
    size_t i, j;
    if (n > MAX_HITS)
        n = MAX_HITS;
    for (i = 0; i < n && cs->n < MAX_HITS; i++) {
        const fm_place *p = fm_gazetteer_get(gz, hits[i].index);
        int a1 = 0, a2 = 0;
        for (j = 0; j < cs->n && cs->c[j].index != hits[i].index; j++)
            ;
        if (j < cs->n)
            continue;
        if ((h->country[0] && strcmp(p->country, h->country)) ||
            (a1 = agree_admin1(ctx, gz, h, p)) < 0 || (a2 = agree_admin2(ctx, gz, h, p)) < 0) {
            if (!cs->nconflict++)
                cs->conflict = p;
            continue;
        }
        cs->c[cs->n++] = (cand){hits[i].index, p, hits[i].alias, hits[i].edits, dropped, a1, a2};
    }
}

/* Exact match leaving off one modifier word at either end. */
static void search_dropped(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const char *key,
                           cand_set *cs)
{
    fm_gazetteer_hit hits[MAX_HITS];
    const char *last = strrchr(key, ' ');
    size_t i, first_len = strcspn(key, " ");
    char rest[KEY_CAP];
    if (!last || strlen(key) >= KEY_CAP)
        return;
    for (i = 0; i < sizeof modifier_words / sizeof *modifier_words; i++) {
        const char *m = modifier_words[i];
        if (!strcmp(last + 1, m)) {
            copy_n(rest, sizeof rest, key, (size_t)(last - key));
            add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, rest, hits, MAX_HITS), 1, cs);
        }
        if (first_len == strlen(m) && !strncmp(key, m, first_len)) {
            copy_key(rest, sizeof rest, key + first_len + 1);
            add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, rest, hits, MAX_HITS), 1, cs);
        }
    }
}

static void search(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const char *key,
                   cand_set *cs)
{
    fm_gazetteer_hit hits[MAX_HITS];
    add_hits(ctx, gz, h, hits, fm_gazetteer_find(gz, key, hits, MAX_HITS), 0, cs);
    if (cs->n)
        return;
    search_dropped(ctx, gz, h, key, cs);
    add_hits(ctx, gz, h, hits,
             fm_gazetteer_find_fuzzy(gz, key, max_edits(joined_len(key)), hits, MAX_HITS), 0, cs);
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
               (keys_equal(a.data, b.data) || words_within(a.data, b.data));
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
    size_t found[MAX_AREAS], n = 0, i;
    const fm_place *best = NULL;
    if (*text && !fm_name_fold(ctx, text, &key))
        n = resolve_kind(gz, fm_buf_str(&key), kind, 0, found, MAX_AREAS);
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
    double len = (double)joined_len(key);
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
static int confirmed(const cand *c, const hints *h, const char *key)
{
    if (!c->edits && !c->dropped)
        return 1;
    if (c->a2 >= 1)
        return 1;
    return !h->admin2_given && c->edits <= 1 && joined_len(key) >= 7;
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
            dist_km(c->place, best->place) <= SAME_PLACE_KM)
            return c;
    }
    return best;
}

static void choose(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h, const cand_set *cs,
                   const char *query, const char *key, unsigned generic, int prefer_crossing,
                   fm_geocode_result *out)
{
    const cand *best = &cs->c[0];
    const char *group[2 * MAX_HITS];
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
            c->a1 + c->a2 != best->a1 + best->a2 || dist_km(c->place, best->place) <= SAME_PLACE_KM ||
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

/* Nothing matched (or the hints ruled out every match): the hinted district,
 * else the hinted province, else not found. */
static fm_status fall_back(fm_ctx *ctx, const fm_gazetteer *gz, const hints *h,
                           const cand_set *cs, const char *query, fm_geocode_result *out)
{
    fm_status st;
    const fm_place *d = h->ndistricts ? fm_gazetteer_get(gz, h->districts[0]) : NULL;
    const fm_place *p = h->nprovinces == 1 ? fm_gazetteer_get(gz, h->provinces[0]) : NULL;
    size_t i;
    for (i = 1; d && i < h->ndistricts; i++)
        if (dist_km(d, fm_gazetteer_get(gz, h->districts[i])) > SAME_PLACE_KM)
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

/* Splits "Wana, South Waziristan, Khyber Pakhtunkhwa" into the place and
 * hints taken from the trailing parts (last first). */
static fm_status split_query(fm_ctx *ctx, const fm_gazetteer *gz, const char *query, hints *h,
                             char *place, size_t cap)
{
    char buf[4 * KEY_CAP];
    char *parts[16];
    size_t n = 0, len;
    char *s, *e;
    fm_status st = FM_OK;
    copy_key(buf, sizeof buf, query);
    for (s = buf; n < 16; s = e + 1) {
        parts[n++] = s;
        if (!(e = strchr(s, ',')))
            break;
        *e = '\0';
    }
    while (n > 1 && !st) {
        char *t = parts[--n];
        while (*t == ' ' || *t == '\t')
            t++;
        st = hints_add(ctx, gz, h, t, HINT_ANY);
    }
    s = parts[0];
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    copy_n(place, cap, s, len);
    return st;
}

fm_status fm_geocode(fm_ctx *ctx, const fm_gazetteer *gz, const char *query,
                     const fm_geocode_hint *hint, fm_geocode_result *out)
{
    hints h;
    cand_set *cs;
    char place[4 * KEY_CAP];
    fm_buf key = {0};
    unsigned generic = 0;
    fm_status st;
    memset(out, 0, sizeof *out);
    memset(&h, 0, sizeof h);
    if (!gz)
        return fm_error(ctx, FM_EINVAL, "no gazetteer");
    if (!query || strspn(query, " \t\r\n,") == strlen(query))
        return fm_error(ctx, FM_EINVAL, "empty query");
    if (hint && ((st = hints_add(ctx, gz, &h, hint->country, HINT_COUNTRY)) ||
                 (st = hints_add(ctx, gz, &h, hint->admin1, HINT_ADMIN1)) ||
                 (st = hints_add(ctx, gz, &h, hint->admin2, HINT_ADMIN2))))
        return st;
    if ((st = split_query(ctx, gz, query, &h, place, sizeof place)))
        return st;
    if (!*place)
        return fm_error(ctx, FM_EINVAL, "empty query");
    hints_finish(ctx, gz, &h);
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
