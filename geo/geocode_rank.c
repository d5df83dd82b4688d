/* geocode_rank.c: how much a candidate is worth. One score adds the
 * agreement with the admin hints (which dominates), the spelling distance
 * (a transliteration's vowel costs less than a consonant), the place's
 * importance (crossing, city, town, district seat, village: the sources carry
 * no population for these places, so the kind stands for it) and its nearness
 * to the frontier. geocode.c ranks by it and calls a close second a doubt. */
#include <math.h>
#include <string.h>

#include "geo/geocode_priv.h"

/* Places farther than this from every crossing lose a little: analysts'
 * strings are about the frontier, and a name shared by a village in Herat or
 * Sindh and one in Bajaur means Bajaur more often. */
#define FOCUS_KM 250.0
#define FOCUS_FADE_KM 500.0
#define FOCUS_WEIGHT 0.5

int gc_kind_pref(fm_place_kind k, unsigned generic, int prefer_crossing)
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

int gc_important(fm_place_kind k)
{
    return k != FM_PLACE_VILLAGE;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Letters transliterations swap for one another: vowels, and q/k (Qandahar,
 * Kandahar; Qila, Kila). */
static int swappable(char a, char b)
{
    return (is_vowel(a) && is_vowel(b)) || (a == 'q' && b == 'k') || (a == 'k' && b == 'q');
}

int gc_translit_pair(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0;
    if (na + 1 == nb)
        return gc_translit_pair(b, a);
    while (i < na && i < nb && a[i] == b[i])
        i++;
    if (na == nb)
        return i < na && swappable(a[i], b[i]) && !strcmp(a + i + 1, b + i + 1);
    if (na != nb + 1 || i == 0) /* a has one letter more, not the first */
        return 0;
    if (i + 1 == na) /* at the end: only an h, the Urdu/Pashto final he (Ziarath, Ormarah) */
        return a[i] == 'h';
    return (is_vowel(a[i]) || a[i] == 'h') && !strcmp(a + i + 1, b + i);
}

/* Whether an h after c is only the romanisation of aspiration or of a final
 * he: th/t, dh/d, kh/k, gh/g, ph/p, bh/b, jh/j, rh/r (Ziarath, Dadhar, Rakhni). */
static int silent_h_after(char c)
{
    return c && strchr("tdkgpbjr", c) != NULL;
}

size_t gc_translit_skeleton(const char *key, char *out, size_t cap)
{
    size_t n = 0, i;
    for (i = 0; key[i] && n + 1 < cap; i++) {
        char c = key[i], prev = i ? key[i - 1] : '\0';
        if (c == ' ' || (c == 'h' && i && (silent_h_after(prev) || (!key[i + 1] && is_vowel(prev)))))
            continue;
        if (c == 'q')
            c = 'k';
        else if (c == 'v')
            c = 'w';
        else if ((c == 'a' || c == 'e') && key[i + 1] == 'i' && i)
            c = 'e', i++; /* ai/ei/e inside a word (Baila/Bela) */
        if (n && out[n - 1] == c)
            continue;
        out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

int fm_name_alike(const char *a, const char *b)
{
    char sa[GC_KEY_CAP], sb[GC_KEY_CAP];
    if (!*a || !*b)
        return 0;
    if (!strcmp(a, b) || gc_translit_pair(a, b))
        return 1;
    gc_translit_skeleton(a, sa, sizeof sa);
    gc_translit_skeleton(b, sb, sizeof sb);
    return !strcmp(sa, sb);
}

/* Joined folded key of the name or alias a candidate matched through: the
 * index's, unless the text was cut short here (the index folded all of it),
 * or folded again. */
static void matched_key(fm_ctx *ctx, const gc_cand *c, char *out, size_t cap)
{
    char text[GC_KEY_CAP];
    fm_buf key = {0};
    const char *k;
    size_t n = 0;
    if (c->alias)
        fm_place_alias(c->place, c->alias, text, sizeof text);
    else
        gc_copy_key(text, sizeof text, c->place->name);
    if (c->key && strlen(text) + 1 < sizeof text) {
        gc_copy_key(out, cap, c->key);
        return;
    }
    if (!fm_name_fold(ctx, text, &key))
        for (k = fm_buf_str(&key); *k && n + 1 < cap; k++)
            if (*k != ' ')
                out[n++] = *k;
    out[n] = '\0';
    fm_buf_free(&key);
}

int gc_translit_variant(const gc_query *q, const gc_cand *c)
{
    char a[GC_KEY_CAP], b[GC_KEY_CAP];
    size_t n = 0;
    const char *k;
    if (c->edits < 1 || c->edits > 2 || c->dropped)
        return 0;
    for (k = q->key; *k && n + 1 < sizeof a; k++)
        if (*k != ' ')
            a[n++] = *k;
    a[n] = '\0';
    matched_key(q->ctx, c, b, sizeof b);
    if (c->edits == 1 && gc_translit_pair(a, b))
        return 1;
    {
        char sa[GC_KEY_CAP], sb[GC_KEY_CAP];
        gc_translit_skeleton(a, sa, sizeof sa);
        gc_translit_skeleton(b, sb, sizeof sb);
        return !strcmp(sa, sb);
    }
}

/* What the spelling costs: nothing for the name itself, a little for an
 * alias, less for a letter transliterations swap than for another letter,
 * and a word left off about as much as a letter. */
static double spelling_cost(const gc_query *q, const gc_cand *c)
{
    if (c->dropped)
        return 1.0 + 1.1 * c->edits;
    if (!c->edits)
        return c->alias ? 0.05 : 0.0;
    if (c->edits == 1)
        return gc_translit_variant(q, c) ? 0.7 : 1.2;
    return 1.1 * c->edits;
}

/* Importance by kind; a query naming the kind ("Kurram district", "Torkham
 * border") makes that kind worth much more. */
static double importance(const gc_query *q, const fm_place *p)
{
    /* crossing, province, district, city, town, village: the order of
     * gc_kind_pref (a district stands for its seat town, prefer_seat) */
    static const double base[6] = {0.9, 1.05, 1.3, 1.4, 1.0, 0.0};
    int pref = gc_kind_pref(p->kind, q->generic, q->prefer_crossing);
    double v = base[(unsigned)p->kind < 6 ? p->kind : 5];
    if (pref >= 20)
        v += 5.0;
    else if (pref >= 10) /* "Nasirabad town": any settlement before the district */
        v += 1.5;
    return v;
}

/* 0 near the frontier, down to -FOCUS_WEIGHT far from it: the distance to the
 * nearest crossing (equirectangular; a few percent is no matter here). The
 * Pakistani frontier provinces are the frontier as a whole: analysts' strings
 * from the Makran coast (Bela, Jiwani, Turbat) are as much theirs as Chaman. */
static double focus(const gc_query *q, const fm_place *p)
{
    size_t i, n = fm_gazetteer_count_kind(q->gz, FM_PLACE_CROSSING);
    double best = HUGE_VAL;
    if (!strcmp(p->country, "PK") &&
        (!strcmp(p->admin1, "Balochistan") || !strcmp(p->admin1, "Khyber Pakhtunkhwa")))
        return 0.0;
    for (i = 0; i < n && best > FOCUS_KM; i++) { /* within FOCUS_KM, no loss */
        const fm_place *x = fm_gazetteer_get_kind(q->gz, FM_PLACE_CROSSING, i);
        double dy = (x->lat - p->lat) * 111.2, dx, d;
        if (fabs(dy) >= best) /* d >= |dy|: no nearer */
            continue;
        dx = (x->lon - p->lon) * cos((x->lat + p->lat) * M_PI / 360.0) * 111.2;
        d = sqrt(dx * dx + dy * dy);
        if (d < best)
            best = d;
    }
    if (!n || best <= FOCUS_KM)
        return 0.0;
    return -FOCUS_WEIGHT * fmin(1.0, (best - FOCUS_KM) / FOCUS_FADE_KM);
}

void gc_rank(const gc_query *q, gc_cand *c)
{
    c->rank = GC_HINT_WEIGHT * (c->a1 + c->a2) - spelling_cost(q, c) + importance(q, c->place) +
              focus(q, c->place) - (c->edge ? GC_EDGE_COST : 0.0);
}
