/* gazetteer.c: loads data/gazetteer/places.csv, validating every row, and
 * indexes each entry under the folded keys of its name and aliases: a hash
 * table for exact lookups and a trigram index for fuzzy ones. */
#include <errno.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_geo.h"

#define TRIGRAM_BUCKETS 65536u
#define MAX_KEY 255

typedef struct {
    uint32_t place;
    uint32_t alias;
    uint32_t next; /* next record with the same key, UINT32_MAX at the end */
} key_rec;

typedef struct {
    uint32_t off, len; /* joined key (no spaces) in keys */
    uint32_t first;    /* first key_rec */
} key_entry;

struct fm_gazetteer {
    fm_place *places;
    size_t nplaces, cap_places;
    char *keys; /* arena of joined keys */
    size_t keys_len, keys_cap;
    key_entry *ukeys;
    size_t nukeys, cap_ukeys;
    key_rec *recs;
    size_t nrecs, cap_recs;
    uint32_t *slots; /* hash table: ukey index + 1, 0 empty */
    size_t nslots;
    uint32_t *tg_start; /* TRIGRAM_BUCKETS + 1 offsets into tg_keys */
    uint32_t *tg_keys;
    uint16_t *counts;   /* fuzzy-search scratch, one per ukey */
    uint32_t *touched;
};

static const char *const kind_names[] = {"crossing", "province", "district",
                                         "city", "town", "village"};

const char *fm_place_kind_name(fm_place_kind kind)
{
    return (unsigned)kind < 6 ? kind_names[kind] : "unknown";
}

/* ---- hashing and exact lookup ------------------------------------------- */

/* FNV-1a over the bytes of s other than spaces (a joined key). */
static uint32_t key_hash(const char *s, size_t *joined_len)
{
    uint32_t h = 2166136261u;
    size_t n = 0;
    for (; *s; s++)
        if (*s != ' ') {
            h = (h ^ (unsigned char)*s) * 16777619u;
            n++;
        }
    *joined_len = n;
    return h;
}

static int key_equal(const char *joined, size_t jlen, const char *s)
{
    size_t i = 0;
    for (; *s; s++)
        if (*s != ' ') {
            if (i >= jlen || joined[i] != *s)
                return 0;
            i++;
        }
    return i == jlen;
}

/* The ukey index for key, or SIZE_MAX. *slot receives the slot it is in or
 * the empty slot where it would go. */
static size_t key_find(const fm_gazetteer *gz, const char *key, size_t *slot)
{
    size_t jlen, mask = gz->nslots - 1;
    size_t i = key_hash(key, &jlen) & mask;
    for (;; i = (i + 1) & mask) {
        uint32_t v = gz->slots[i];
        const key_entry *k;
        if (!v) {
            *slot = i;
            return SIZE_MAX;
        }
        k = &gz->ukeys[v - 1];
        if (k->len == jlen && key_equal(gz->keys + k->off, jlen, key)) {
            *slot = i;
            return v - 1;
        }
    }
}

static fm_status rehash(fm_ctx *ctx, fm_gazetteer *gz)
{
    size_t n = gz->nslots ? gz->nslots * 2 : 1024, i, slot;
    uint32_t *old = gz->slots;
    gz->slots = calloc(n, sizeof *gz->slots);
    if (!gz->slots) {
        gz->slots = old;
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    free(old);
    gz->nslots = n;
    for (i = 0; i < gz->nukeys; i++) {
        key_find(gz, gz->keys + gz->ukeys[i].off, &slot);
        gz->slots[slot] = (uint32_t)(i + 1);
    }
    return FM_OK;
}

/* Records that entry place (through alias, 0 = its name) has folded key. */
static fm_status index_key(fm_ctx *ctx, fm_gazetteer *gz, const char *key, uint32_t place,
                           uint32_t alias)
{
    size_t slot, jlen, u, r;
    void *p;
    key_hash(key, &jlen);
    if (jlen == 0 || jlen > MAX_KEY)
        return FM_OK;
    if ((gz->nukeys + 1) * 2 > gz->nslots && rehash(ctx, gz))
        return FM_ENOMEM;
    u = key_find(gz, key, &slot);
    if (u == SIZE_MAX) {
        const char *s;
        p = gz->ukeys;
        if (fm_grow(ctx, &p, &gz->cap_ukeys, gz->nukeys + 1, sizeof *gz->ukeys))
            return FM_ENOMEM;
        gz->ukeys = p;
        p = gz->keys;
        if (fm_grow(ctx, &p, &gz->keys_cap, gz->keys_len + jlen + 1, 1))
            return FM_ENOMEM;
        gz->keys = p;
        u = gz->nukeys++;
        gz->ukeys[u].off = (uint32_t)gz->keys_len;
        gz->ukeys[u].len = (uint32_t)jlen;
        gz->ukeys[u].first = UINT32_MAX;
        for (s = key; *s; s++)
            if (*s != ' ')
                gz->keys[gz->keys_len++] = *s;
        gz->keys[gz->keys_len++] = '\0';
        gz->slots[slot] = (uint32_t)(u + 1);
    }
    for (r = gz->ukeys[u].first; r != UINT32_MAX; r = gz->recs[r].next)
        if (gz->recs[r].place == place)
            return FM_OK; /* name and alias fold alike */
    p = gz->recs;
    if (fm_grow(ctx, &p, &gz->cap_recs, gz->nrecs + 1, sizeof *gz->recs))
        return FM_ENOMEM;
    gz->recs = p;
    gz->recs[gz->nrecs] = (key_rec){place, alias, gz->ukeys[u].first};
    gz->ukeys[u].first = (uint32_t)gz->nrecs++;
    return FM_OK;
}

static size_t emit_hits(const fm_gazetteer *gz, size_t u, int edits, fm_gazetteer_hit *hits,
                        size_t max, size_t n)
{
    uint32_t r;
    for (r = gz->ukeys[u].first; r != UINT32_MAX; r = gz->recs[r].next, n++)
        if (n < max)
            hits[n] = (fm_gazetteer_hit){gz->recs[r].place, (int)gz->recs[r].alias, edits};
    return n;
}

size_t fm_gazetteer_find(const fm_gazetteer *gz, const char *key, fm_gazetteer_hit *hits,
                         size_t max)
{
    size_t slot, u;
    if (!gz || !key || !gz->nslots)
        return 0;
    u = key_find(gz, key, &slot);
    return u == SIZE_MAX ? 0 : emit_hits(gz, u, 0, hits, max, 0);
}

/* ---- fuzzy lookup: trigram candidates, then Damerau-Levenshtein ---------- */

static uint32_t trigram(const unsigned char *s)
{
    return ((uint32_t)s[0] * 961u + (uint32_t)s[1] * 31u + s[2]) & (TRIGRAM_BUCKETS - 1);
}

/* Pads key as \1 key \2 into buf (at least len + 3 bytes); returns the
 * number of trigrams (len). */
static size_t pad_key(const char *key, size_t len, unsigned char *buf)
{
    buf[0] = 1;
    memcpy(buf + 1, key, len);
    buf[len + 1] = 2;
    return len;
}

static fm_status build_trigrams(fm_ctx *ctx, fm_gazetteer *gz)
{
    unsigned char buf[MAX_KEY + 3];
    size_t u, i, total = 0;
    gz->tg_start = calloc(TRIGRAM_BUCKETS + 1, sizeof *gz->tg_start);
    gz->counts = calloc(gz->nukeys + 1, sizeof *gz->counts);
    gz->touched = fm_malloc_array(gz->nukeys + 1, sizeof *gz->touched);
    if (!gz->tg_start || !gz->counts || !gz->touched)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (u = 0; u < gz->nukeys; u++) {
        size_t n = pad_key(gz->keys + gz->ukeys[u].off, gz->ukeys[u].len, buf);
        for (i = 0; i < n; i++)
            gz->tg_start[trigram(buf + i) + 1]++;
        total += n;
    }
    for (i = 0; i < TRIGRAM_BUCKETS; i++)
        gz->tg_start[i + 1] += gz->tg_start[i];
    gz->tg_keys = fm_malloc_array(total + 1, sizeof *gz->tg_keys);
    if (!gz->tg_keys)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (u = 0; u < gz->nukeys; u++) {
        size_t n = pad_key(gz->keys + gz->ukeys[u].off, gz->ukeys[u].len, buf);
        for (i = 0; i < n; i++) {
            uint32_t t = trigram(buf + i);
            /* tg_start[t] is used as a cursor and restored below */
            gz->tg_keys[gz->tg_start[t]++] = (uint32_t)u;
        }
    }
    for (i = TRIGRAM_BUCKETS; i > 0; i--)
        gz->tg_start[i] = gz->tg_start[i - 1];
    gz->tg_start[0] = 0;
    return FM_OK;
}

/* Optimal-string-alignment distance between a and b, or cap + 1 once it is
 * sure to exceed cap. Both at most MAX_KEY bytes. */
static int osa_distance(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    int rows[3][MAX_KEY + 2];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    size_t i, j;
    for (j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (i = 1; i <= na; i++) {
        int rowmin;
        cur[0] = rowmin = (int)i;
        for (j = 1; j <= nb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = prev[j - 1] + cost;
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
        {
            int *t = pp;
            pp = prev;
            prev = cur;
            cur = t;
        }
    }
    return prev[nb] <= cap ? prev[nb] : cap + 1;
}

size_t fm_gazetteer_find_fuzzy(const fm_gazetteer *gz, const char *key, int max_edits,
                               fm_gazetteer_hit *hits, size_t max)
{
    char joined[MAX_KEY + 1];
    unsigned char buf[MAX_KEY + 3];
    size_t len = 0, ntouched = 0, n = 0, i, ng;
    const char *s;
    if (!gz || !key || !gz->tg_keys || max_edits < 0)
        return 0;
    for (s = key; *s; s++)
        if (*s != ' ') {
            if (len >= MAX_KEY)
                return 0;
            joined[len++] = *s;
        }
    if (len == 0)
        return 0;
    ng = pad_key(joined, len, buf);
    for (i = 0; i < ng; i++) {
        uint32_t t = trigram(buf + i), k;
        for (k = gz->tg_start[t]; k < gz->tg_start[t + 1]; k++) {
            uint32_t u = gz->tg_keys[k];
            if (gz->counts[u] == 0)
                gz->touched[ntouched++] = u;
            if (gz->counts[u] < UINT16_MAX)
                gz->counts[u]++;
        }
    }
    for (i = 0; i < ntouched; i++) {
        uint32_t u = gz->touched[i];
        const key_entry *k = &gz->ukeys[u];
        long need = (long)(len > k->len ? len : k->len) - 3L * max_edits;
        long diff = (long)len - (long)k->len;
        if ((long)gz->counts[u] >= need && diff <= max_edits && -diff <= max_edits) {
            int d = osa_distance(joined, len, gz->keys + k->off, k->len, max_edits);
            if (d <= max_edits)
                n = emit_hits(gz, u, d, hits, max, n);
        }
        gz->counts[u] = 0;
    }
    return n;
}

/* ---- loading ---------------------------------------------------------------- */

enum { C_ID, C_NAME, C_KIND, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_LON, C_LAT, C_ALIASES, C_SOURCE, NCOLS };
static const char *const col_names[NCOLS] = {"id", "name", "kind", "country", "admin1",
                                             "admin2", "lon", "lat", "aliases", "source"};
static const int col_required[NCOLS] = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0};

static fm_status read_header(fm_ctx *ctx, fm_csv *csv, int col[NCOLS])
{
    size_t n, i, c;
    fm_status st = fm_csv_next(ctx, csv, &n);
    if (st)
        return st;
    if (n == 0)
        return fm_error(ctx, FM_EFORMAT, "%s: empty file, expected a header", fm_csv_name(csv));
    for (c = 0; c < NCOLS; c++) {
        col[c] = -1;
        for (i = 0; i < n; i++)
            if (!strcasecmp(fm_csv_field(csv, i), col_names[c]))
                col[c] = (int)i;
        if (col[c] < 0 && col_required[c])
            return fm_error(ctx, FM_EFORMAT, "%s:%ld: missing column '%s'", fm_csv_name(csv),
                            fm_csv_line(csv), col_names[c]);
    }
    return FM_OK;
}

static const char *field(const fm_csv *csv, size_t n, int col)
{
    return col >= 0 && (size_t)col < n ? fm_csv_field(csv, (size_t)col) : "";
}

static int parse_kind(const char *s, fm_place_kind *out)
{
    int k;
    for (k = 0; k < 6; k++)
        if (!strcmp(s, kind_names[k])) {
            *out = (fm_place_kind)k;
            return 0;
        }
    return -1;
}

/* Copies the string fields of one row into a single block owned by the entry
 * (place->name points at its start). */
static fm_status store_strings(fm_ctx *ctx, fm_place *pl, const char *const s[6])
{
    size_t len[6], total = 0, i;
    char *block, *w;
    const char **dst[6] = {&pl->name, &pl->country, &pl->admin1, &pl->admin2, &pl->aliases,
                           &pl->source};
    for (i = 0; i < 6; i++)
        total += (len[i] = strlen(s[i])) + 1;
    if (!(block = malloc(total)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (w = block, i = 0; i < 6; i++) {
        memcpy(w, s[i], len[i] + 1);
        *dst[i] = w;
        w += len[i] + 1;
    }
    return FM_OK;
}

static fm_status parse_row(fm_ctx *ctx, const fm_csv *csv, size_t n, const int col[NCOLS],
                           fm_place *pl)
{
    const char *strs[6];
    long id;
    const char *kind = field(csv, n, col[C_KIND]), *country = field(csv, n, col[C_COUNTRY]);
    memset(pl, 0, sizeof *pl);
    if (fm_parse_long(ctx, field(csv, n, col[C_ID]), &id) || id < 0 || id > 2147483647L)
        return fm_error(ctx, FM_EFORMAT, "bad id '%.40s'", field(csv, n, col[C_ID]));
    pl->id = (int)id;
    if (!*field(csv, n, col[C_NAME]))
        return fm_error(ctx, FM_EFORMAT, "empty name");
    if (parse_kind(kind, &pl->kind))
        return fm_error(ctx, FM_EFORMAT,
                        "bad kind '%.40s' (crossing, province, district, city, town, village)", kind);
    if (strlen(country) != 2 || country[0] < 'A' || country[0] > 'Z' || country[1] < 'A' ||
        country[1] > 'Z')
        return fm_error(ctx, FM_EFORMAT, "bad country '%.40s' (an ISO code such as PK or AF)",
                        country);
    if (fm_parse_double(ctx, field(csv, n, col[C_LON]), &pl->lon) || pl->lon < -180 ||
        pl->lon > 180)
        return fm_error(ctx, FM_EFORMAT, "bad lon '%.40s'", field(csv, n, col[C_LON]));
    if (fm_parse_double(ctx, field(csv, n, col[C_LAT]), &pl->lat) || pl->lat < -90 ||
        pl->lat > 90)
        return fm_error(ctx, FM_EFORMAT, "bad lat '%.40s'", field(csv, n, col[C_LAT]));
    strs[0] = field(csv, n, col[C_NAME]);
    strs[1] = country;
    strs[2] = field(csv, n, col[C_ADMIN1]);
    strs[3] = field(csv, n, col[C_ADMIN2]);
    strs[4] = field(csv, n, col[C_ALIASES]);
    strs[5] = field(csv, n, col[C_SOURCE]);
    return store_strings(ctx, pl, strs);
}

/* Folds and indexes the name and every alias of entry i. */
static fm_status index_place(fm_ctx *ctx, fm_gazetteer *gz, size_t i, fm_buf *key, fm_buf *tmp)
{
    const fm_place *pl = &gz->places[i];
    const char *a = pl->aliases;
    uint32_t alias = 1;
    fm_status st;
    if ((st = fm_name_fold(ctx, pl->name, key)) ||
        (st = index_key(ctx, gz, fm_buf_str(key), (uint32_t)i, 0)))
        return fm_error_prefix(ctx, st, "name '%.60s'", pl->name);
    while (*a) {
        size_t len = strcspn(a, "|");
        fm_buf_reset(tmp);
        if ((st = fm_buf_append(ctx, tmp, a, len)))
            return st;
        if ((st = fm_name_fold(ctx, fm_buf_str(tmp), key)) ||
            (st = index_key(ctx, gz, fm_buf_str(key), (uint32_t)i, alias)))
            return fm_error_prefix(ctx, st, "alias '%.60s'", fm_buf_str(tmp));
        a += len + (a[len] == '|');
        alias++;
    }
    return FM_OK;
}

static int cmp_id(const void *a, const void *b)
{
    int x = (*(const fm_place *const *)a)->id, y = (*(const fm_place *const *)b)->id;
    return (x > y) - (x < y);
}

/* Rejects a file in which two entries share an id. */
static fm_status check_ids(fm_ctx *ctx, const fm_gazetteer *gz, const char *path)
{
    const fm_place **v = fm_malloc_array(gz->nplaces + 1, sizeof *v);
    size_t i;
    fm_status st = FM_OK;
    if (!v)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < gz->nplaces; i++)
        v[i] = &gz->places[i];
    qsort(v, gz->nplaces, sizeof *v, cmp_id);
    for (i = 1; i < gz->nplaces && !st; i++)
        if (v[i]->id == v[i - 1]->id)
            st = fm_error(ctx, FM_EFORMAT, "%s: duplicate id %d ('%s' and '%s')", path, v[i]->id,
                          v[i - 1]->name, v[i]->name);
    free(v);
    return st;
}

static fm_status load_rows(fm_ctx *ctx, fm_gazetteer *gz, fm_csv *csv)
{
    int col[NCOLS];
    size_t n;
    fm_buf key = {0}, tmp = {0};
    fm_status st = read_header(ctx, csv, col);
    while (!st && !(st = fm_csv_next(ctx, csv, &n)) && n > 0) {
        void *p = gz->places;
        if ((st = fm_grow(ctx, &p, &gz->cap_places, gz->nplaces + 1, sizeof *gz->places)))
            break;
        gz->places = p;
        st = parse_row(ctx, csv, n, col, &gz->places[gz->nplaces]);
        if (!st)
            st = index_place(ctx, gz, gz->nplaces++, &key, &tmp);
        if (st)
            st = fm_error_prefix(ctx, st, "%s:%ld", fm_csv_name(csv), fm_csv_line(csv));
    }
    fm_buf_free(&key);
    fm_buf_free(&tmp);
    return st;
}

fm_status fm_gazetteer_open(fm_ctx *ctx, const char *data_dir, fm_gazetteer **out)
{
    fm_buf path = {0};
    fm_csv *csv = NULL;
    fm_gazetteer *gz;
    fm_status st;
    *out = NULL;
    if (!data_dir)
        data_dir = fm_ctx_data_dir(ctx);
    if (!(gz = calloc(1, sizeof *gz)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    st = fm_buf_printf(ctx, &path, "%s/gazetteer/places.csv", data_dir);
    if (!st)
        st = fm_csv_open(ctx, fm_buf_str(&path), &csv);
    if (!st)
        st = load_rows(ctx, gz, csv);
    fm_csv_close(csv);
    if (!st && gz->nplaces == 0)
        st = fm_error(ctx, FM_EFORMAT, "%s: no places", fm_buf_str(&path));
    if (!st)
        st = check_ids(ctx, gz, fm_buf_str(&path));
    if (!st && !gz->nslots)
        st = rehash(ctx, gz);
    if (!st)
        st = build_trigrams(ctx, gz);
    fm_buf_free(&path);
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
    for (i = 0; i < gz->nplaces; i++)
        free((char *)gz->places[i].name);
    free(gz->places);
    free(gz->keys);
    free(gz->ukeys);
    free(gz->recs);
    free(gz->slots);
    free(gz->tg_start);
    free(gz->tg_keys);
    free(gz->counts);
    free(gz->touched);
    free(gz);
}

size_t fm_gazetteer_count(const fm_gazetteer *gz)
{
    return gz ? gz->nplaces : 0;
}

const fm_place *fm_gazetteer_get(const fm_gazetteer *gz, size_t i)
{
    return gz && i < gz->nplaces ? &gz->places[i] : NULL;
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
