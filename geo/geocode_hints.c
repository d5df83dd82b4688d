/* geocode_hints.c: the context of a geocoder query: admin1/admin2/country
 * hints (given as options, columns, or trailing the query after commas)
 * resolved to gazetteer entries, and how well a candidate agrees with them. */
#include <string.h>

#include "geo/geocode_priv.h"

int gc_max_edits(size_t len)
{
    return len < 5 ? 0 : len < 8 ? 1 : len < 13 ? 2 : 3;
}

size_t gc_joined_len(const char *key)
{
    size_t n = 0;
    for (; *key; key++)
        n += *key != ' ';
    return n;
}

int gc_keys_equal(const char *a, const char *b)
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
int gc_words_within(const char *a, const char *b)
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

/* Entries of the wanted kind (a province or district: the fuzzy pass
 * searches only the names of places more than villages) named key, exactly,
 * else within the edit limit. */
size_t gc_resolve_kind(const fm_gazetteer *gz, const char *key, fm_place_kind kind,
                           int fuzzy, size_t *out, size_t max)
{
    fm_gazetteer_hit hits[GC_MAX_HITS];
    size_t n, i, k = 0;
    int pass;
    if (!*key)
        return 0;
    for (pass = 0; pass < 1 + !!fuzzy && k == 0; pass++) {
        n = pass == 0 ? fm_gazetteer_find(gz, key, hits, GC_MAX_HITS)
                      : fm_gazetteer_find_fuzzy_important(gz, key,
                                                          gc_max_edits(gc_joined_len(key)),
                                                          hits, GC_MAX_HITS);
        if (n > GC_MAX_HITS)
            n = GC_MAX_HITS;
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

/* Copies at most n bytes of src (and at most cap - 1) into dst, terminated. */
void gc_copy_n(char *dst, size_t cap, const char *src, size_t n)
{
    size_t len = strnlen(src, n);
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

void gc_copy_key(char *dst, size_t cap, const char *src)
{
    gc_copy_n(dst, cap, src, (size_t)-1);
}

/* Keeps the hint districts that lie in the hinted provinces/country. */
static void filter_districts(fm_ctx *ctx, const fm_gazetteer *gz, gc_hints *h)
{
    size_t i, k = 0;
    for (i = 0; i < h->ndistricts; i++) {
        const fm_place *d = fm_gazetteer_get(gz, h->districts[i]);
        if (h->country[0] && strcmp(d->country, h->country))
            continue;
        if (h->nprovinces && gc_agree_admin1(ctx, gz, h, d) < 0)
            continue;
        h->districts[k++] = h->districts[i];
    }
    if (k)
        h->ndistricts = k;
}

fm_status gc_hints_add(fm_ctx *ctx, const fm_gazetteer *gz, gc_hints *h, const char *text,
                       int which)
{
    fm_buf scratch = {0};
    const char *cc, *key;
    fm_status st;
    if (!text || !*text)
        return FM_OK;
    if ((st = gc_fold(ctx, gz, text, &scratch, &key))) {
        fm_buf_free(&scratch);
        return st;
    }
    cc = fm_country_code(key);
    cc = *cc ? cc : NULL; /* not a country: maybe a province or district */
    if (which == HINT_COUNTRY || (which == HINT_ANY && cc)) {
        if (cc && !h->country[0]) {
            gc_copy_key(h->country, sizeof h->country, cc);
            h->country_given = 1;
        }
    } else if (which == HINT_ADMIN1 && !h->admin1_given) {
        h->admin1_given = 1;
        gc_copy_key(h->admin1, sizeof h->admin1, text);
        gc_copy_key(h->admin1_key, sizeof h->admin1_key, key);
        h->nprovinces = gc_resolve_text(ctx, gz, text, FM_PLACE_PROVINCE, 1, &key, h->provinces,
                                        GC_MAX_AREAS, &scratch);
    } else if (which == HINT_ADMIN2 && !h->admin2_given) {
        h->admin2_given = 1;
        gc_copy_key(h->admin2, sizeof h->admin2, text);
        gc_copy_key(h->admin2_key, sizeof h->admin2_key, key);
        h->ndistricts = gc_resolve_text(ctx, gz, text, FM_PLACE_DISTRICT, 1, &key, h->districts,
                                        GC_MAX_AREAS, &scratch);
    } else if (which == HINT_ANY) {
        size_t tmp[GC_MAX_AREAS];
        if (!h->admin1_given && gc_resolve_text(ctx, gz, text, FM_PLACE_PROVINCE, 0, &key, tmp,
                                                GC_MAX_AREAS, &scratch))
            st = gc_hints_add(ctx, gz, h, text, HINT_ADMIN1);
        else if (!h->admin2_given && gc_resolve_text(ctx, gz, text, FM_PLACE_DISTRICT, 0, &key,
                                                     tmp, GC_MAX_AREAS, &scratch))
            st = gc_hints_add(ctx, gz, h, text, HINT_ADMIN2);
    }
    fm_buf_free(&scratch);
    return st;
}

void gc_hints_finish(fm_ctx *ctx, const fm_gazetteer *gz, gc_hints *h)
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
        gc_copy_key(h->country, sizeof h->country, cc);
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
    fm_buf scratch = {0};
    const char *key;
    size_t found[GC_MAX_AREAS], n, i, j;
    int in = 0;
    key_out[0] = '\0';
    if (!*text)
        return 0;
    n = gc_resolve_text(ctx, gz, text, kind, 0, &key, found, GC_MAX_AREAS, &scratch);
    if (key)
        gc_copy_key(key_out, cap, key);
    for (i = 0; i < n && !in; i++)
        for (j = 0; j < nset && !in; j++)
            in = found[i] == set[j];
    fm_buf_free(&scratch);
    return in;
}

int gc_agree_admin1(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const fm_place *p)
{
    char key[GC_KEY_CAP];
    size_t i;
    if (!h->admin1_given || p->kind == FM_PLACE_CROSSING)
        return 0;
    for (i = 0; i < h->nprovinces; i++)
        if (fm_gazetteer_get(gz, h->provinces[i]) == p)
            return 2;
    if (area_in(ctx, gz, p->admin1, FM_PLACE_PROVINCE, h->provinces, h->nprovinces, key, sizeof key))
        return 2;
    if (*key && (gc_keys_equal(key, h->admin1_key) || gc_words_within(key, h->admin1_key)))
        return 2;
    if (!h->nprovinces || !*p->admin1)
        return 0; /* a hint we cannot place, or a place without a province */
    return -1;
}

const fm_district_change *gc_made_from(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h,
                                       const fm_place *p)
{
    size_t i, nth;
    char key[GC_KEY_CAP];
    if (!*p->admin2 || p->kind == FM_PLACE_DISTRICT || p->kind == FM_PLACE_PROVINCE)
        return NULL;
    for (i = 0; i < h->ndistricts; i++) {
        const fm_place *d = fm_gazetteer_get(gz, h->districts[i]);
        const fm_district_change *ch;
        for (nth = 0; (ch = fm_district_change_find(d->name, nth)); nth++) {
            fm_buf scratch = {0};
            const char *pk;
            size_t parents[GC_MAX_AREAS], n;
            if (!fm_name_in_list(d->name, ch->made) || !strcmp(ch->parent, "FATA"))
                continue;
            n = gc_resolve_text(ctx, gz, ch->parent, FM_PLACE_DISTRICT, 0, &pk, parents,
                                GC_MAX_AREAS, &scratch);
            fm_buf_free(&scratch);
            if (n && area_in(ctx, gz, p->admin2, FM_PLACE_DISTRICT, parents, n, key, sizeof key))
                return ch;
        }
    }
    return NULL;
}

int gc_agree_admin2(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const fm_place *p,
                    int *edge)
{
    char key[GC_KEY_CAP];
    size_t i;
    *edge = 0;
    if (!h->admin2_given || p->kind == FM_PLACE_PROVINCE)
        return 0;
    for (i = 0; i < h->ndistricts; i++)
        if (fm_gazetteer_get(gz, h->districts[i]) == p)
            return 2;
    if (area_in(ctx, gz, p->admin2, FM_PLACE_DISTRICT, h->districts, h->ndistricts, key, sizeof key))
        return 2;
    if (*key && (gc_keys_equal(key, h->admin2_key) || gc_words_within(key, h->admin2_key)))
        return 2;
    if (p->kind == FM_PLACE_DISTRICT) {
        fm_buf scratch = {0};
        const char *nk;
        int ok = !gc_fold(ctx, gz, p->name, &scratch, &nk) && gc_words_within(nk, h->admin2_key);
        fm_buf_free(&scratch);
        if (ok)
            return 2;
    }
    for (i = 0; i < h->ndistricts; i++) { /* the district's area decides, when it has one */
        const fm_area *a = fm_gazetteer_area_of(gz, fm_gazetteer_get(gz, h->districts[i]));
        if (a && fm_area_within_km(a, p->lon, p->lat, GC_IN_AREA_KM)) {
            *edge = *key && !fm_area_within_km(a, p->lon, p->lat, 0.0);
            return 2;
        }
    }
    for (i = 0; i < h->ndistricts; i++) { /* just outside: the district's older or
                                           * newer bounds (Bhag, Lehri, as of Kachhi) */
        const fm_area *a = fm_gazetteer_area_of(gz, fm_gazetteer_get(gz, h->districts[i]));
        if (a && fm_area_within_km(a, p->lon, p->lat, GC_NEAR_AREA_KM))
            return 1;
    }
    /* in the district the named one was made from (Dureji of Lasbela, named
     * with Hub, made from Lasbela in 2022): the sources give the newer
     * district's bounds roughly or not at all, so the place may be in it */
    if (gc_made_from(ctx, gz, h, p))
        return 1;
    for (i = 0; i < h->ndistricts; i++) {
        const fm_place *d = fm_gazetteer_get(gz, h->districts[i]);
        if (!fm_gazetteer_area_of(gz, d) &&
            fm_geod_inverse(p->lon, p->lat, d->lon, d->lat, NULL) <= GC_NEAR_DISTRICT_KM * 1000.0)
            return 1;
    }
    if (!h->ndistricts) /* a district the gazetteer does not know (Naka for Nika, a
                         * newer Afghan district): nothing to compare, said */
        return 0;
    return -1;
}

/* Splits "Wana, South Waziristan, Khyber Pakhtunkhwa" into the place and
 * gc_hints taken from the trailing parts (last first). */
fm_status gc_split_query(fm_ctx *ctx, const fm_gazetteer *gz, const char *query, gc_hints *h,
                             char *place, size_t cap)
{
    char buf[4 * GC_KEY_CAP];
    char *parts[16];
    size_t n = 0, len;
    char *s, *e;
    fm_status st = FM_OK;
    gc_copy_key(buf, sizeof buf, query);
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
        st = gc_hints_add(ctx, gz, h, t, HINT_ANY);
    }
    s = parts[0];
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    gc_copy_n(place, cap, s, len);
    return st;
}
int gc_area_holds(fm_ctx *ctx, const fm_gazetteer *gz, const fm_place *area, const fm_place *p)
{
    fm_buf a = {0}, b = {0};
    const char *field = area->kind == FM_PLACE_DISTRICT ? p->admin2
                        : area->kind == FM_PLACE_PROVINCE ? p->admin1 : "";
    const char *ka, *kb;
    const fm_area *poly;
    int same = *field && !gc_fold(ctx, gz, area->name, &a, &ka) &&
               !gc_fold(ctx, gz, field, &b, &kb) &&
               (gc_keys_equal(ka, kb) || gc_words_within(ka, kb));
    fm_buf_free(&a);
    fm_buf_free(&b);
    /* a district's name repeats across provinces (Arghandab of Kandahar and of
     * Zabul): the name holds p only in the district's own province */
    if (same && area->kind == FM_PLACE_DISTRICT && *area->admin1 && *p->admin1 &&
        area->admin1 != p->admin1 && strcmp(area->admin1, p->admin1)) {
        same = !gc_fold(ctx, gz, area->admin1, &a, &ka) && !gc_fold(ctx, gz, p->admin1, &b, &kb) &&
               gc_keys_equal(ka, kb);
        fm_buf_free(&a);
        fm_buf_free(&b);
    }
    if (!same && area->kind == FM_PLACE_DISTRICT && (poly = fm_gazetteer_area_of(gz, area)))
        same = fm_area_within_km(poly, p->lon, p->lat, GC_IN_AREA_KM);
    return same && !strcmp(area->country, p->country);
}
