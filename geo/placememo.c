/* placememo.c: places learned from the user's own store: each location name
 * its rows gave, with the district and the point their source put it at,
 * counted over the rows, so that the geocoder can offer "from your store:
 * 12 GED rows, where_prec 1" beside the gazetteer's entries. Rows are grouped
 * on their raw text first, so a million rows that name a thousand places
 * cost a thousand name foldings, not a million. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/fm_geo.h"
#include "geo/gazetteer_priv.h"

#define MERGE_KM 5.0
#define MAX_KEY FM_GZ_MAX_KEY /* keys go to fm_gz_osa_distance */

typedef struct {
    fm_place place;    /* strings in block */
    char *block;
    char *raw;         /* location \x1f admin2 \x1f source \x1f admin1 \x1f country */
    char key[MAX_KEY + 1]; /* folded name, spaces removed */
    size_t key_len;
    int prec, source_prec;
    long rows;
    double anchor_lon, anchor_lat; /* the first row's point: rows within MERGE_KM join */
    long vote;                     /* majority vote over the rows' exact points */
    uint32_t next_raw; /* chain of entries with the same raw text */
    uint32_t next_key; /* chain of entries with the same folded key */
} memo_entry;

struct fm_placememo {
    memo_entry *e;
    size_t n, cap;
    uint32_t *raw_slots, *key_slots; /* entry index + 1; 0 empty */
    size_t nraw_slots, nkey_slots;
    fm_buf scratch;
    int finished;
};

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

fm_status fm_placememo_create(fm_ctx *ctx, fm_placememo **out)
{
    fm_placememo *m = calloc(1, sizeof *m);
    *out = NULL;
    if (!m || !(m->raw_slots = calloc(1024, sizeof *m->raw_slots))) {
        free(m);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    m->nraw_slots = 1024;
    *out = m;
    return FM_OK;
}

void fm_placememo_destroy(fm_placememo *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->n; i++) {
        free(m->e[i].block);
        free(m->e[i].raw);
    }
    free(m->e);
    free(m->raw_slots);
    free(m->key_slots);
    fm_buf_free(&m->scratch);
    free(m);
}

static fm_status raw_rehash(fm_ctx *ctx, fm_placememo *m)
{
    size_t n = m->nraw_slots * 2, i;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = m->n; i-- > 0;) { /* the newest entry of a chain is its head */
        size_t s = hash_str(m->e[i].raw) & (n - 1);
        while (slots[s] && strcmp(m->e[slots[s] - 1].raw, m->e[i].raw))
            s = (s + 1) & (n - 1);
        if (!slots[s])
            slots[s] = (uint32_t)(i + 1);
    }
    free(m->raw_slots);
    m->raw_slots = slots;
    m->nraw_slots = n;
    return FM_OK;
}

/* The name without a parenthesised part, folded, spaces removed, into e. */
static fm_status fold_name(fm_ctx *ctx, fm_placememo *m, const char *location, memo_entry *e)
{
    char plain[512];
    size_t i, j = 0, depth = 0;
    const char *k;
    fm_status st;
    for (i = 0; location[i] && j + 1 < sizeof plain; i++) {
        if (location[i] == '(')
            depth++;
        else if (location[i] == ')' && depth)
            depth--;
        else if (!depth)
            plain[j++] = location[i];
    }
    plain[j] = '\0';
    if ((st = fm_name_fold(ctx, plain, &m->scratch)))
        return st;
    e->key_len = 0;
    for (k = fm_buf_str(&m->scratch); *k && e->key_len < MAX_KEY; k++)
        if (*k != ' ')
            e->key[e->key_len++] = *k;
    e->key[e->key_len] = '\0';
    return FM_OK;
}

/* Copies the strings of a new entry into one block it owns. */
static fm_status fill_entry(fm_ctx *ctx, memo_entry *e, const char *const s[4], double lon,
                            double lat)
{
    size_t len[4], total = 0, i;
    char *w;
    const char **dst[4] = {&e->place.name, &e->place.country, &e->place.admin1, &e->place.admin2};
    for (i = 0; i < 4; i++)
        total += (len[i] = strlen(s[i])) + 1;
    if (!(e->block = malloc(total + 128)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (w = e->block, i = 0; i < 4; i++) {
        memcpy(w, s[i], len[i] + 1);
        *dst[i] = w;
        w += len[i] + 1;
    }
    e->place.source = w; /* written by fm_placememo_finish, 128 bytes */
    *w = '\0';
    e->place.aliases = "";
    e->place.kind = FM_PLACE_VILLAGE;
    e->place.lon = lon;
    e->place.lat = lat;
    return FM_OK;
}

fm_status fm_placememo_add(fm_ctx *ctx, fm_placememo *m, const char *location,
                           const char *admin1, const char *admin2, const char *country,
                           double lon, double lat, int prec, const char *source, int source_prec,
                           long rows)
{
    const char *cc = fm_country_code(country);
    const char *strs[4];
    size_t s;
    uint32_t head = 0, i;
    memo_entry *e;
    fm_status st;
    void *p;
    if (!location || !*location || !*cc || !isfinite(lon) || !isfinite(lat) || rows <= 0)
        return FM_OK;
    admin1 = admin1 ? admin1 : "";
    admin2 = admin2 ? admin2 : "";
    source = source ? source : "";
    fm_buf_reset(&m->scratch);
    if ((st = fm_buf_printf(ctx, &m->scratch, "%s\x1f%s\x1f%s\x1f%s\x1f%s", location, admin2,
                            source, admin1, cc)))
        return st;
    s = hash_str(fm_buf_str(&m->scratch)) & (m->nraw_slots - 1);
    while (m->raw_slots[s] && strcmp(m->e[m->raw_slots[s] - 1].raw, fm_buf_str(&m->scratch)))
        s = (s + 1) & (m->nraw_slots - 1);
    head = m->raw_slots[s];
    for (i = head; i; i = m->e[i - 1].next_raw == UINT32_MAX ? 0 : m->e[i - 1].next_raw + 1) {
        e = &m->e[i - 1];
        if (fm_geod_inverse(lon, lat, e->anchor_lon, e->anchor_lat, NULL) <= MERGE_KM * 1000.0) {
            e->rows += rows;
            if (lon == e->place.lon && lat == e->place.lat) {
                e->vote += rows;
            } else if ((e->vote -= rows) < 0) { /* the point most rows give wins */
                e->place.lon = lon, e->place.lat = lat;
                e->vote = -e->vote;
            }
            e->prec = prec < e->prec ? prec : e->prec;
            e->source_prec = source_prec < e->source_prec ? source_prec : e->source_prec;
            return FM_OK;
        }
    }
    p = m->e;
    if ((st = fm_grow(ctx, &p, &m->cap, m->n + 1, sizeof *m->e)))
        return st;
    m->e = p;
    e = &m->e[m->n];
    memset(e, 0, sizeof *e);
    if (!(e->raw = strdup(fm_buf_str(&m->scratch))))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    strs[0] = location, strs[1] = cc, strs[2] = admin1, strs[3] = admin2;
    if ((st = fill_entry(ctx, e, strs, lon, lat)) || (st = fold_name(ctx, m, location, e))) {
        free(e->raw);
        free(e->block);
        return st;
    }
    e->prec = prec;
    e->source_prec = source_prec;
    e->rows = e->vote = rows;
    e->anchor_lon = lon, e->anchor_lat = lat;
    e->place.id = (int)m->n;
    e->next_raw = head ? head - 1 : UINT32_MAX;
    m->raw_slots[s] = (uint32_t)(m->n + 1);
    m->n++;
    if (m->n * 2 > m->nraw_slots)
        return raw_rehash(ctx, m);
    return FM_OK;
}

static uint32_t key_hash(const char *k)
{
    return hash_str(k);
}

fm_status fm_placememo_finish(fm_ctx *ctx, fm_placememo *m)
{
    size_t n = 1024, i;
    while (n < m->n * 2)
        n *= 2;
    free(m->key_slots);
    if (!(m->key_slots = calloc(n, sizeof *m->key_slots)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    m->nkey_slots = n;
    for (i = 0; i < m->n; i++) {
        memo_entry *e = &m->e[i];
        const char *src = e->raw + strlen(e->place.name) + strlen(e->place.admin2) + 2;
        size_t srclen = strcspn(src, "\x1f"), s = key_hash(e->key) & (n - 1);
        int ged = srclen >= 3 && !strncasecmp(src, "ged", 3);
        snprintf((char *)e->place.source, 128, "from your store: %ld %.*s row%s, %s %d", e->rows,
                 (int)(srclen > 24 ? 24 : srclen), src, e->rows == 1 ? "" : "s",
                 ged ? "where_prec" : "geo_precision", e->source_prec);
        e->next_key = UINT32_MAX;
        while (m->key_slots[s] && strcmp(m->e[m->key_slots[s] - 1].key, e->key))
            s = (s + 1) & (n - 1);
        if (m->key_slots[s])
            e->next_key = m->key_slots[s] - 1;
        m->key_slots[s] = (uint32_t)(i + 1);
    }
    m->finished = 1;
    return FM_OK;
}

size_t fm_placememo_count(const fm_placememo *m)
{
    return m ? m->n : 0;
}

const fm_place *fm_placememo_get(const fm_placememo *m, size_t i)
{
    return m && i < m->n ? &m->e[i].place : NULL;
}

int fm_placememo_precision(const fm_placememo *m, size_t i)
{
    return m && i < m->n ? m->e[i].prec : 3;
}

/* Emits every entry of the key chain starting at entry i. */
static size_t emit(const fm_placememo *m, size_t i, int edits, fm_gazetteer_hit *hits, size_t max,
                   size_t n)
{
    for (;; i = m->e[i].next_key) {
        if (n < max)
            hits[n] = (fm_gazetteer_hit){i, 0, edits, NULL};
        n++;
        if (m->e[i].next_key == UINT32_MAX)
            return n;
    }
}

size_t fm_placememo_find(const fm_placememo *m, const char *key, int max_edits,
                         fm_gazetteer_hit *hits, size_t max)
{
    char joined[MAX_KEY + 1];
    size_t len = 0, n = 0, s;
    if (!m || !m->finished || !key || !m->n)
        return 0;
    for (; *key && len < MAX_KEY; key++)
        if (*key != ' ')
            joined[len++] = *key;
    joined[len] = '\0';
    if (!len)
        return 0;
    if (max_edits <= 0) {
        s = key_hash(joined) & (m->nkey_slots - 1);
        while (m->key_slots[s] && strcmp(m->e[m->key_slots[s] - 1].key, joined))
            s = (s + 1) & (m->nkey_slots - 1);
        return m->key_slots[s] ? emit(m, m->key_slots[s] - 1, 0, hits, max, 0) : 0;
    }
    for (s = 0; s < m->nkey_slots; s++) { /* each distinct key once, through its chain head */
        const memo_entry *e;
        long diff;
        int d;
        if (!m->key_slots[s])
            continue;
        e = &m->e[m->key_slots[s] - 1];
        diff = (long)e->key_len - (long)len;
        if (diff > max_edits || -diff > max_edits)
            continue;
        d = fm_gz_osa_distance(joined, len, e->key, e->key_len, max_edits);
        if (d <= max_edits)
            n = emit(m, m->key_slots[s] - 1, d, hits, max, n);
    }
    return n;
}
