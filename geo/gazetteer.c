/* gazetteer.c: the gazetteer object and its lookups. Opening maps the
 * build's binary index when it is current (gazetteer_image.c) and otherwise
 * builds the same index in memory from places.csv (gazetteer_build.c); both
 * give sorted folded keys for exact lookups and trigram lists for fuzzy ones. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "geo/gazetteer_priv.h"

#ifndef FM_GAZ_INDEX
#define FM_GAZ_INDEX ""
#endif

static const char *const kind_names[] = {"crossing", "province", "district",
                                         "city", "town", "village"};

const char *fm_place_kind_name(fm_place_kind kind)
{
    return (unsigned)kind < 6 ? kind_names[kind] : "unknown";
}

/* ---- exact lookup: binary search over keys sorted by (length, bytes) ------ */

/* Copies key without its spaces into out (FM_GZ_MAX_KEY + 1 bytes); returns
 * the joined length, or 0 when empty or too long to be indexed. */
static size_t join_key(const char *key, char *out)
{
    size_t n = 0;
    for (; *key; key++)
        if (*key != ' ') {
            if (n >= FM_GZ_MAX_KEY)
                return 0;
            out[n++] = *key;
        }
    out[n] = '\0';
    return n;
}

static size_t key_find(const fm_gazetteer *gz, const char *joined, size_t len)
{
    size_t lo = gz->len_start[len], hi = gz->len_start[len + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = memcmp(gz->keys + gz->ukeys[mid].off, joined, len);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

static size_t emit_hits(const fm_gazetteer *gz, size_t u, int edits, fm_gazetteer_hit *hits,
                        size_t max, size_t n)
{
    uint32_t r, end = gz->ukeys[u].first + gz->ukeys[u].count;
    for (r = gz->ukeys[u].first; r < end && r < gz->nrecs; r++, n++)
        if (n < max && gz->recs[r].place < gz->nplaces)
            hits[n] = (fm_gazetteer_hit){gz->recs[r].place, (int)gz->recs[r].alias, edits};
    return n;
}

size_t fm_gazetteer_find(const fm_gazetteer *gz, const char *key, fm_gazetteer_hit *hits,
                         size_t max)
{
    char joined[FM_GZ_MAX_KEY + 1];
    size_t len, u;
    if (!gz || !key || !gz->nukeys || !(len = join_key(key, joined)))
        return 0;
    u = key_find(gz, joined, len);
    return u == SIZE_MAX ? 0 : emit_hits(gz, u, 0, hits, max, 0);
}

/* ---- fuzzy lookup: trigram candidates, then Damerau-Levenshtein ---------- */

static uint32_t trigram(const unsigned char *s)
{
    return ((uint32_t)s[0] * 961u + (uint32_t)s[1] * 31u + s[2]) & (FM_GZ_TRIGRAMS - 1);
}

/* Optimal-string-alignment distance between a and b, or cap + 1 once it is
 * sure to exceed cap. Both at most FM_GZ_MAX_KEY bytes. */
static int osa_distance(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    int rows[3][FM_GZ_MAX_KEY + 2];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    size_t i, j;
    for (j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (i = 1; i <= na; i++) {
        int rowmin, *t;
        cur[0] = rowmin = (int)i;
        for (j = 1; j <= nb; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > cap)
            return cap + 1;
        t = pp, pp = prev, prev = cur, cur = t;
    }
    return prev[nb] <= cap ? prev[nb] : cap + 1;
}

/* The first position in the ascending list [lo, hi) holding a value >= v. */
static const uint32_t *lower_bound(const uint32_t *lo, const uint32_t *hi, uint32_t v)
{
    while (lo < hi) {
        const uint32_t *mid = lo + (hi - lo) / 2;
        if (*mid < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Counts, for every key of a reachable length, the query trigrams it shares;
 * returns how many keys were touched (listed in gz->touched). */
static size_t count_trigrams(fm_gazetteer *gz, const unsigned char *buf, size_t len,
                             uint32_t ulo, uint32_t uhi)
{
    size_t i, ntouched = 0;
    for (i = 0; i < len; i++) {
        uint32_t t = trigram(buf + i);
        const uint32_t *k = lower_bound(gz->tg_keys + gz->tg_start[t],
                                        gz->tg_keys + gz->tg_start[t + 1], ulo);
        const uint32_t *end = gz->tg_keys + gz->tg_start[t + 1];
        for (; k < end && *k < uhi; k++) { /* uhi <= nukeys, even in a damaged index */
            if (gz->counts[*k] == 0)
                gz->touched[ntouched++] = *k;
            if (gz->counts[*k] < UINT16_MAX)
                gz->counts[*k]++;
        }
    }
    return ntouched;
}

size_t fm_gazetteer_find_fuzzy(const fm_gazetteer *cgz, const char *key, int max_edits,
                               fm_gazetteer_hit *hits, size_t max)
{
    /* the scratch arrays are allocated on first use: the object is otherwise
     * read-only, and documented as not for two threads at once */
    fm_gazetteer *gz = (fm_gazetteer *)cgz;
    char joined[FM_GZ_MAX_KEY + 1];
    unsigned char buf[FM_GZ_MAX_KEY + 3];
    size_t len, ntouched, n = 0, i, lo_len, hi_len;
    if (!gz || !key || !gz->nukeys || max_edits < 0 || !(len = join_key(key, joined)))
        return 0;
    if (!gz->counts) {
        gz->counts = calloc(gz->nukeys + 1, sizeof *gz->counts);
        gz->touched = fm_malloc_array(gz->nukeys + 1, sizeof *gz->touched);
        if (!gz->counts || !gz->touched) {
            free(gz->counts), free(gz->touched);
            gz->counts = NULL, gz->touched = NULL;
            return 0;
        }
    }
    lo_len = len > (size_t)max_edits ? len - (size_t)max_edits : 1;
    hi_len = len + (size_t)max_edits > FM_GZ_MAX_KEY ? FM_GZ_MAX_KEY : len + (size_t)max_edits;
    buf[0] = 1;
    memcpy(buf + 1, joined, len);
    buf[len + 1] = 2;
    ntouched = count_trigrams(gz, buf, len, gz->len_start[lo_len], gz->len_start[hi_len + 1]);
    for (i = 0; i < ntouched; i++) {
        uint32_t u = gz->touched[i];
        const fm_gz_key *k = &gz->ukeys[u];
        long need = (long)(len > k->len ? len : k->len) - 3L * max_edits;
        if ((long)gz->counts[u] >= need) {
            int d = osa_distance(joined, len, gz->keys + k->off, k->len, max_edits);
            if (d <= max_edits)
                n = emit_hits(gz, u, d, hits, max, n);
        }
        gz->counts[u] = 0;
    }
    return n;
}

/* ---- opening and closing ----------------------------------------------------- */

static fm_status open_index(fm_ctx *ctx, fm_gazetteer *gz, const char *data_dir,
                            const char *index_path)
{
    fm_gz_stamp stamp;
    if (!*index_path || fm_gz_stamp_of(ctx, data_dir, &stamp))
        return FM_ENOTFOUND;
    return fm_gz_image_map(ctx, gz, index_path, &stamp);
}

fm_status fm_gazetteer_open(fm_ctx *ctx, const char *data_dir, fm_gazetteer **out)
{
    return fm_gazetteer_open_index(ctx, data_dir, NULL, out);
}

fm_status fm_gazetteer_open_index(fm_ctx *ctx, const char *data_dir, const char *index_path,
                                  fm_gazetteer **out)
{
    fm_gazetteer *gz;
    fm_status st;
    *out = NULL;
    if (!data_dir)
        data_dir = fm_ctx_data_dir(ctx);
    if (!(gz = calloc(1, sizeof *gz)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    /* a missing, stale or damaged index is no error: the CSV is the truth */
    if ((st = open_index(ctx, gz, data_dir, index_path ? index_path : FM_GAZ_INDEX)) != FM_OK) {
        fm_gazetteer_close(gz);
        if (!(gz = calloc(1, sizeof *gz)))
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        st = fm_gz_build(ctx, gz, data_dir);
    }
    if (st) {
        fm_gazetteer_close(gz);
        return st;
    }
    *out = gz;
    return FM_OK;
}

void fm_gazetteer_close(fm_gazetteer *gz)
{
    size_t i;
    if (!gz)
        return;
    if (gz->blocks)
        for (i = 0; i < gz->nplaces; i++)
            free(gz->blocks[i]);
    free(gz->blocks);
    if (gz->places_len)
        munmap(gz->places, gz->places_len);
    else
        free(gz->places);
    if (!gz->map)
        for (i = 0; i < gz->nareas; i++)
            fm_geom_clear(&gz->areas[i].g);
    free(gz->areas);
    for (i = 0; i < sizeof gz->owned / sizeof *gz->owned; i++)
        free(gz->owned[i]);
    free(gz->counts);
    free(gz->touched);
    if (gz->map)
        munmap(gz->map, gz->map_len);
    free(gz);
}

size_t fm_gazetteer_count(const fm_gazetteer *gz)
{
    return gz ? gz->nplaces : 0;
}

const fm_place *fm_gazetteer_get(const fm_gazetteer *gz, size_t i)
{
    if (!gz || i >= gz->nplaces)
        return NULL;
    if (gz->img_places && !gz->places[i].name)
        fm_gz_image_fill(gz, i);
    return &gz->places[i];
}

size_t fm_gazetteer_count_kind(const fm_gazetteer *gz, fm_place_kind kind)
{
    if (!gz || !gz->kind_start || (unsigned)kind > FM_PLACE_VILLAGE)
        return 0;
    return gz->kind_start[kind + 1] - gz->kind_start[kind];
}

const fm_place *fm_gazetteer_get_kind(const fm_gazetteer *gz, fm_place_kind kind, size_t i)
{
    if (i >= fm_gazetteer_count_kind(gz, kind))
        return NULL;
    return fm_gazetteer_get(gz, gz->kind_idx[gz->kind_start[kind] + i]);
}

void fm_place_alias(const fm_place *p, int alias, char *out, size_t cap)
{
    const char *a = p ? p->aliases : "";
    size_t len;
    if (!cap)
        return;
    out[0] = '\0';
    if (alias < 1)
        return;
    while (--alias > 0 && *a) {
        a += strcspn(a, "|");
        a += *a == '|';
    }
    len = strcspn(a, "|");
    if (len >= cap)
        len = cap - 1;
    memcpy(out, a, len);
    out[len] = '\0';
}
