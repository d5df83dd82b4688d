/* geocode_memo.c: what the geocoder works out again and again from the same
 * few hundred texts, remembered in the gazetteer: the folded key of a text
 * (a hint, an entry's admin1 or admin2, a district's name) and the province
 * or district entries it names. Every candidate of every query is checked
 * against the hints through its admin fields, so a batch would otherwise fold
 * the same district names hundreds of thousands of times. The answers are
 * those of fm_name_fold and gc_resolve_kind, computed once per text.
 *
 * The memo lives in the gazetteer (created on first use, freed at close), as
 * the fuzzy search's scratch does; like it, it makes a gazetteer unfit for two
 * threads at once (fm_geo.h says so). It holds at most MEMO_MAX texts (a
 * long import of free-text hints would otherwise grow it without end);
 * beyond that a text is folded and resolved each time, as before. */
#include <stdlib.h>
#include <string.h>

#include "geo/gazetteer_priv.h"
#include "geo/geocode_priv.h"

#define MEMO_MAX 65536

/* One text: its folded key and, per kind (province, district) and pass
 * (exact only, or fuzzy when nothing is exact), the entries it names. */
typedef struct {
    char *text; /* owned; NULL: an empty slot */
    char *key;  /* owned */
    size_t hash;
    signed char n[2][2]; /* [district][fuzzy]: how many ids, -1 not known yet */
    uint32_t *ids;       /* owned, allocated on first use: [district][fuzzy][GC_MAX_AREAS] */
} memo_slot;

struct fm_gz_memo {
    memo_slot *slots; /* cap (a power of two), n in use */
    size_t cap, n;
};

static size_t text_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static memo_slot *slot_of(struct fm_gz_memo *m, const char *text, size_t hash)
{
    size_t i = hash & (m->cap - 1);
    while (m->slots[i].text && (m->slots[i].hash != hash || strcmp(m->slots[i].text, text)))
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

/* Doubles the table (creating it first); 0 when memory runs out. */
static int memo_grow(struct fm_gz_memo *m)
{
    size_t cap = m->cap ? 2 * m->cap : 1024, i;
    memo_slot *old = m->slots, *s = calloc(cap, sizeof *s);
    if (!s)
        return 0;
    m->slots = s, m->cap = cap;
    for (i = 0; i < cap / 2 && old; i++)
        if (old[i].text)
            *slot_of(m, old[i].text, old[i].hash) = old[i];
    free(old);
    return 1;
}

void fm_gz_memo_free(struct fm_gz_memo *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->cap; i++) {
        free(m->slots[i].text);
        free(m->slots[i].key);
        free(m->slots[i].ids);
    }
    free(m->slots);
    free(m);
}

/* The slot of text, folded, created when missing; NULL when the memo is full
 * or memory runs out (the caller works it out itself), or on a folding error
 * (*st set, the message on ctx). */
static memo_slot *memo_find(fm_ctx *ctx, const fm_gazetteer *cgz, const char *text, fm_status *st)
{
    fm_gazetteer *gz = (fm_gazetteer *)cgz; /* the memo is scratch, as fz_walks */
    struct fm_gz_memo *m = gz->memo;
    size_t hash = text_hash(text);
    memo_slot *s;
    fm_buf key = {0};
    char *t;
    *st = FM_OK;
    if (!m && !(m = gz->memo = calloc(1, sizeof *m)))
        return NULL;
    if (m->cap && (s = slot_of(m, text, hash))->text)
        return s;
    if (m->n >= MEMO_MAX || ((m->n + 1) * 2 > m->cap && !memo_grow(m)))
        return NULL;
    if ((*st = fm_name_fold(ctx, text, &key))) {
        fm_buf_free(&key);
        return NULL;
    }
    if (!(t = strdup(text))) {
        fm_buf_free(&key);
        return NULL;
    }
    s = slot_of(m, text, hash);
    s->text = t, s->hash = hash, s->key = key.data ? key.data : strdup("");
    if (!s->key) {
        free(t);
        s->text = NULL;
        return NULL;
    }
    memset(s->n, -1, sizeof s->n);
    m->n++;
    return s;
}

fm_status gc_fold(fm_ctx *ctx, const fm_gazetteer *gz, const char *text, fm_buf *scratch,
                  const char **key)
{
    fm_status st;
    memo_slot *s = memo_find(ctx, gz, text, &st);
    *key = NULL;
    if (s)
        *key = s->key;
    else if (!st && !(st = fm_name_fold(ctx, text, scratch)))
        *key = fm_buf_str(scratch);
    return st;
}

size_t gc_resolve_text(fm_ctx *ctx, const fm_gazetteer *gz, const char *text,
                       fm_place_kind kind, int fuzzy, const char **key, size_t *out, size_t max,
                       fm_buf *scratch)
{
    fm_status st;
    memo_slot *s = memo_find(ctx, gz, text, &st);
    int d = kind == FM_PLACE_DISTRICT, f = !!fuzzy;
    size_t found[GC_MAX_AREAS], n, i;
    uint32_t *ids;
    *key = s ? s->key : NULL;
    if (!s && (st || fm_name_fold(ctx, text, scratch)))
        return 0;
    if (!s)
        *key = fm_buf_str(scratch);
    if (!s || (kind != FM_PLACE_DISTRICT && kind != FM_PLACE_PROVINCE) || max > GC_MAX_AREAS ||
        (!s->ids && !(s->ids = malloc(4 * GC_MAX_AREAS * sizeof *s->ids))))
        return gc_resolve_kind(gz, *key, kind, fuzzy, out, max);
    ids = s->ids + (2 * d + f) * GC_MAX_AREAS;
    if (s->n[d][f] < 0) { /* the first n of at most GC_MAX_AREAS are those of at most max */
        n = gc_resolve_kind(gz, s->key, kind, fuzzy, found, GC_MAX_AREAS);
        for (i = 0; i < n; i++)
            ids[i] = (uint32_t)found[i];
        s->n[d][f] = (signed char)n;
    }
    n = (size_t)s->n[d][f] < max ? (size_t)s->n[d][f] : max;
    for (i = 0; i < n; i++)
        out[i] = ids[i];
    return n;
}
