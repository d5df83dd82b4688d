/* gazetteer.c: the gazetteer object and its lookups. Opening maps the
 * build's binary index when it is current (gazetteer_image.c) and otherwise
 * builds the same index in memory from places.csv (gazetteer_build.c); both
 * give sorted folded keys for exact lookups and the key orders the fuzzy
 * search walks (gazetteer_fuzzy.c). */
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

size_t fm_gz_join_key(const char *key, char *out)
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

/* Appends the records of key u to hits (at most max in all), with edits;
 * returns the count so far, n included. */
size_t fm_gz_emit_hits(const fm_gazetteer *gz, size_t u, int edits, fm_gazetteer_hit *hits,
                       size_t max, size_t n)
{
    uint32_t r, end = gz->ukeys[u].first + gz->ukeys[u].count;
    for (r = gz->ukeys[u].first; r < end && r < gz->nrecs; r++, n++)
        if (n < max && gz->recs[r].place < gz->nplaces)
            hits[n] = (fm_gazetteer_hit){gz->recs[r].place, (int)gz->recs[r].alias, edits,
                                         gz->keys + gz->ukeys[u].off};
    return n;
}

int fm_gz_key_important(const fm_gazetteer *gz, size_t u)
{
    uint32_t r, end = gz->ukeys[u].first + gz->ukeys[u].count;
    for (r = gz->ukeys[u].first; r < end && r < gz->nrecs; r++)
        if (gz->recs[r].place < gz->nplaces &&
            fm_gazetteer_get(gz, gz->recs[r].place)->kind != FM_PLACE_VILLAGE)
            return 1;
    return 0;
}

size_t fm_gz_key_hash(const char *joined, size_t len)
{
    uint64_t h = 1469598103934665603u ^ len;
    size_t i;
    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)joined[i]) * 1099511628211u;
    return (size_t)(h ^ h >> 29);
}

static size_t key_find(const fm_gazetteer *gz, const char *joined, size_t len)
{
    size_t lo = gz->len_start[len], hi = gz->len_start[len + 1];
    if (gz->nkhash) {
        size_t i = fm_gz_key_hash(joined, len) & (gz->nkhash - 1), probes;
        for (probes = 0; probes < gz->nkhash && gz->khash[i]; probes++) {
            uint32_t u = gz->khash[i] - 1;
            if (u >= lo && u < hi && !memcmp(gz->keys + gz->ukeys[u].off, joined, len))
                return u; /* ukeys lo .. hi - 1 have len bytes */
            i = (i + 1) & (gz->nkhash - 1);
        }
        return SIZE_MAX;
    }
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

size_t fm_gazetteer_find(const fm_gazetteer *gz, const char *key, fm_gazetteer_hit *hits,
                         size_t max)
{
    char joined[FM_GZ_MAX_KEY + 1];
    size_t len, u;
    if (!gz || !key || !gz->nukeys || !(len = fm_gz_join_key(key, joined)))
        return 0;
    u = key_find(gz, joined, len);
    return u == SIZE_MAX ? 0 : fm_gz_emit_hits(gz, u, 0, hits, max, 0);
}

/* ---- opening and closing ----------------------------------------------------- */

static fm_status open_index(fm_ctx *ctx, fm_gazetteer *gz, const char *data_dir,
                            const char *index_path)
{
    fm_gz_stamp stamp;
    fm_status st;
    if (!*index_path || fm_gz_stamp_of(ctx, data_dir, &stamp))
        return FM_ENOTFOUND;
    if (!(st = fm_gz_image_map(ctx, gz, index_path, &stamp)))
        fm_log(ctx, FM_LOG_DEBUG, "gazetteer: the index '%s'", index_path);
    return st;
}

/* index_path when given, else the index installed beside the data
 * (data_dir/gazetteer.idx, written by `cmake --install`), else the build
 * tree's. */
static fm_status open_any_index(fm_ctx *ctx, fm_gazetteer *gz, const char *data_dir,
                                const char *index_path)
{
    char beside[4096];
    fm_status st;
    if (index_path)
        return open_index(ctx, gz, data_dir, index_path);
    if (snprintf(beside, sizeof beside, "%s/gazetteer.idx", data_dir) < (int)sizeof beside &&
        (st = open_index(ctx, gz, data_dir, beside)) != FM_ENOTFOUND)
        return st;
    return open_index(ctx, gz, data_dir, FM_GAZ_INDEX);
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
    if ((st = open_any_index(ctx, gz, data_dir, index_path)) != FM_OK) {
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

fm_status fm_gazetteer_share(fm_ctx *ctx, const fm_gazetteer *gz, fm_gazetteer **out)
{
    fm_gazetteer *h;
    size_t i;
    *out = NULL;
    if (!gz)
        return fm_error(ctx, FM_EINVAL, "no gazetteer");
    for (i = 0; i < gz->nplaces; i++) /* fill every entry now, in one thread */
        fm_gazetteer_get(gz, i);
    fm_gazetteer_area_of(gz, gz->nplaces ? &gz->places[0] : NULL); /* builds its index */
    /* Karney's geodesic code sets its constants on first use (a static flag,
     * not thread-safe): set them now, before any thread measures */
    fm_geod_inverse(0, 0, 1, 1, NULL);
    if (!(h = malloc(sizeof *h)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    *h = *gz;
    h->img_places = NULL; /* filled: nothing left to fill in */
    h->fz_rows = NULL, h->fz_cands = NULL, h->fz_n = h->fz_cap = 0;
    h->memo = NULL;
    h->shared = 1;
    *out = h;
    return FM_OK;
}

void fm_gazetteer_close(fm_gazetteer *gz)
{
    size_t i;
    if (!gz)
        return;
    if (gz->shared) {
        free(gz->fz_rows);
        free(gz->fz_cands);
        fm_gz_memo_free(gz->memo);
        free(gz);
        return;
    }
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
    free(gz->area_index);
    for (i = 0; i < sizeof gz->owned / sizeof *gz->owned; i++)
        free(gz->owned[i]);
    free(gz->fz_rows);
    free(gz->fz_cands);
    fm_gz_memo_free(gz->memo);
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

size_t fm_gazetteer_index_kind(const fm_gazetteer *gz, fm_place_kind kind, size_t i)
{
    if (i >= fm_gazetteer_count_kind(gz, kind))
        return SIZE_MAX;
    return gz->kind_idx[gz->kind_start[kind] + i];
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
