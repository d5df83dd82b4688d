/* gazetteer_build.c: builds the gazetteer in memory from places.csv,
 * validating every row: folds each name and alias, sorts the folded keys by
 * (length, bytes) with their entries, and builds the fuzzy search's tries
 * (of the keys, and of the keys reversed). The binary index is this same
 * structure written to a file. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "geo/gazetteer_priv.h"

enum { C_ID, C_NAME, C_KIND, C_COUNTRY, C_ADMIN1, C_ADMIN2, C_LON, C_LAT, C_ALIASES, C_SOURCE,
       C_AREA, C_SEAT_LON, C_SEAT_LAT, NCOLS };
static const char *const col_names[NCOLS] = {"id",      "name",    "kind",     "country", "admin1",
                                             "admin2",  "lon",     "lat",      "aliases", "source",
                                             "area_km2", "seat_lon", "seat_lat"};
static const int col_required[NCOLS] = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0};

/* One (key, entry, alias) triple while building; the key lives in an arena
 * (at off while it grows, then at k for sorting). */
typedef struct {
    const char *k;
    uint32_t off, len, place, alias;
} raw_key;

typedef struct {
    raw_key *v;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
} key_list;

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
        if (!strcmp(s, fm_place_kind_name((fm_place_kind)k))) {
            *out = (fm_place_kind)k;
            return 0;
        }
    return -1;
}

/* Copies the string fields of one row into a single block, owned by the
 * gazetteer through *block. */
static fm_status store_strings(fm_ctx *ctx, fm_place *pl, const char *const s[6], char **block)
{
    size_t len[6], total = 0, i;
    char *w;
    const char **dst[6] = {&pl->name, &pl->country, &pl->admin1, &pl->admin2, &pl->aliases,
                           &pl->source};
    for (i = 0; i < 6; i++)
        total += (len[i] = strlen(s[i])) + 1;
    if (!(*block = malloc(total)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (w = *block, i = 0; i < 6; i++) {
        memcpy(w, s[i], len[i] + 1);
        *dst[i] = w;
        w += len[i] + 1;
    }
    return FM_OK;
}

static fm_status parse_coords(fm_ctx *ctx, const fm_csv *csv, size_t n, const int col[NCOLS],
                              fm_place *pl)
{
    const char *area = field(csv, n, col[C_AREA]);
    if (fm_parse_double(ctx, field(csv, n, col[C_LON]), &pl->lon) || pl->lon < -180 ||
        pl->lon > 180)
        return fm_error(ctx, FM_EFORMAT, "bad lon '%.40s'", field(csv, n, col[C_LON]));
    if (fm_parse_double(ctx, field(csv, n, col[C_LAT]), &pl->lat) || pl->lat < -90 ||
        pl->lat > 90)
        return fm_error(ctx, FM_EFORMAT, "bad lat '%.40s'", field(csv, n, col[C_LAT]));
    const char *slon = field(csv, n, col[C_SEAT_LON]), *slat = field(csv, n, col[C_SEAT_LAT]);
    if (*area && (fm_parse_double(ctx, area, &pl->area_km2) || pl->area_km2 < 0))
        return fm_error(ctx, FM_EFORMAT, "bad area_km2 '%.40s'", area);
    pl->seat_lon = pl->seat_lat = NAN;
    if (col[C_SEAT_LON] < 0 && pl->kind == FM_PLACE_DISTRICT) /* an older file: the point is the seat */
        pl->seat_lon = pl->lon, pl->seat_lat = pl->lat;
    if ((*slon || *slat) &&
        (fm_parse_double(ctx, slon, &pl->seat_lon) || fm_parse_double(ctx, slat, &pl->seat_lat) ||
         fabs(pl->seat_lon) > 180 || fabs(pl->seat_lat) > 90))
        return fm_error(ctx, FM_EFORMAT, "bad seat_lon,seat_lat '%.20s,%.20s'", slon, slat);
    return FM_OK;
}

static fm_status parse_row(fm_ctx *ctx, const fm_csv *csv, size_t n, const int col[NCOLS],
                           fm_place *pl, char **block)
{
    const char *strs[6];
    long id;
    const char *kind = field(csv, n, col[C_KIND]), *country = field(csv, n, col[C_COUNTRY]);
    fm_status st;
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
    if ((st = parse_coords(ctx, csv, n, col, pl)))
        return st;
    strs[0] = field(csv, n, col[C_NAME]);
    strs[1] = country;
    strs[2] = field(csv, n, col[C_ADMIN1]);
    strs[3] = field(csv, n, col[C_ADMIN2]);
    strs[4] = field(csv, n, col[C_ALIASES]);
    strs[5] = field(csv, n, col[C_SOURCE]);
    return store_strings(ctx, pl, strs, block);
}

/* ---- keys ------------------------------------------------------------------ */

/* Appends the folded key (spaces removed) of entry place through alias. */
static fm_status add_key(fm_ctx *ctx, key_list *kl, const char *key, uint32_t place,
                         uint32_t alias)
{
    size_t len = 0, i;
    void *p;
    for (i = 0; key[i]; i++)
        len += key[i] != ' ';
    if (len == 0 || len > FM_GZ_MAX_KEY)
        return FM_OK;
    p = kl->arena;
    if (fm_grow(ctx, &p, &kl->arena_cap, kl->arena_len + len + 1, 1))
        return FM_ENOMEM;
    kl->arena = p;
    p = kl->v;
    if (fm_grow(ctx, &p, &kl->cap, kl->n + 1, sizeof *kl->v))
        return FM_ENOMEM;
    kl->v = p;
    kl->v[kl->n++] = (raw_key){NULL, (uint32_t)kl->arena_len, (uint32_t)len, place, alias};
    for (i = 0; key[i]; i++)
        if (key[i] != ' ')
            kl->arena[kl->arena_len++] = key[i];
    kl->arena[kl->arena_len++] = '\0';
    return FM_OK;
}

/* Folds and records the name and every alias of entry i. */
static fm_status key_place(fm_ctx *ctx, key_list *kl, const fm_place *pl, uint32_t i,
                           fm_buf *key, fm_buf *tmp)
{
    const char *a = pl->aliases;
    uint32_t alias = 1;
    fm_status st;
    if ((st = fm_name_fold(ctx, pl->name, key)) ||
        (st = add_key(ctx, kl, fm_buf_str(key), i, 0)))
        return fm_error_prefix(ctx, st, "name '%.60s'", pl->name);
    while (*a) {
        size_t len = strcspn(a, "|");
        fm_buf_reset(tmp);
        if ((st = fm_buf_append(ctx, tmp, a, len)))
            return st;
        if ((st = fm_name_fold(ctx, fm_buf_str(tmp), key)) ||
            (st = add_key(ctx, kl, fm_buf_str(key), i, alias)))
            return fm_error_prefix(ctx, st, "alias '%.60s'", fm_buf_str(tmp));
        a += len + (a[len] == '|');
        alias++;
    }
    return FM_OK;
}

static int cmp_raw(const void *pa, const void *pb)
{
    const raw_key *a = pa, *b = pb;
    int c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    if ((c = memcmp(a->k, b->k, a->len)))
        return c;
    if (a->place != b->place)
        return a->place < b->place ? -1 : 1;
    return (a->alias > b->alias) - (a->alias < b->alias);
}

/* Turns the triples into distinct keys, their records and the length runs.
 * An entry whose name and alias fold alike is recorded once (the first). */
static fm_status sort_keys(fm_ctx *ctx, fm_gazetteer *gz, key_list *kl)
{
    fm_gz_key *uk = fm_malloc_array(kl->n + 1, sizeof *uk);
    fm_gz_rec *rec = fm_malloc_array(kl->n + 1, sizeof *rec);
    uint32_t *ls = calloc(FM_GZ_MAX_KEY + 2, sizeof *ls);
    char *keys = malloc(kl->arena_len + 1);
    size_t i, nu = 0, nr = 0, klen = 0;
    gz->owned[0] = uk, gz->owned[1] = rec, gz->owned[2] = ls, gz->owned[3] = keys;
    if (!uk || !rec || !ls || !keys)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < kl->n; i++)
        kl->v[i].k = kl->arena + kl->v[i].off;
    qsort(kl->v, kl->n, sizeof *kl->v, cmp_raw);
    for (i = 0; i < kl->n; i++) {
        const raw_key *r = &kl->v[i];
        int same = nu && uk[nu - 1].len == r->len &&
                   !memcmp(keys + uk[nu - 1].off, r->k, r->len);
        if (!same) {
            uk[nu] = (fm_gz_key){(uint32_t)klen, r->len, (uint32_t)nr, 0};
            memcpy(keys + klen, r->k, r->len + 1);
            klen += r->len + 1;
            ls[r->len + 1]++;
            nu++;
        } else if (rec[nr - 1].place == r->place) {
            continue;
        }
        rec[nr++] = (fm_gz_rec){r->place, r->alias};
        uk[nu - 1].count++;
    }
    for (i = 0; i <= FM_GZ_MAX_KEY; i++)
        ls[i + 1] += ls[i];
    gz->ukeys = uk, gz->nukeys = nu, gz->recs = rec, gz->nrecs = nr;
    gz->keys = keys, gz->len_start = ls;
    return FM_OK;
}

/* The table of exact lookups (gazetteer.c, key_find): every key at its hash,
 * by linear probing, at most half full. */
static fm_status build_key_hash(fm_ctx *ctx, fm_gazetteer *gz)
{
    size_t cap = 16, u;
    uint32_t *slots;
    while (cap < 2 * gz->nukeys)
        cap *= 2;
    if (!(slots = calloc(cap, sizeof *slots)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (u = 0; u < gz->nukeys; u++) {
        size_t i = fm_gz_key_hash(gz->keys + gz->ukeys[u].off, gz->ukeys[u].len) & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)u + 1;
    }
    gz->owned[8] = slots;
    gz->khash = slots, gz->nkhash = cap;
    return FM_OK;
}

/* One key while sorting: its bytes and index. */
typedef struct {
    const char *s;
    uint32_t u;
} lex_key;

static int cmp_lex(const void *pa, const void *pb)
{
    const lex_key *a = pa, *b = pb;
    int c = strcmp(a->s, b->s); /* keys hold no NUL: byte order, a prefix first */
    return c ? c : (a->u > b->u) - (a->u < b->u);
}

/* Adds to each edge the least and greatest length of the keys at or below
 * its node: children come after their parent in breadth-first order, so one
 * pass from the last node up sees every child before its parent. */
static void subtree_lengths(const fm_gazetteer *gz, fm_gz_node *nodes, size_t nn)
{
    size_t i;
    for (i = nn; i-- > 1;) {
        fm_gz_node *nd = &nodes[i];
        uint32_t key = FM_GZ_NODE_KEY(nd), c, lo = 255, hi = 0;
        if (key) /* keys are at most FM_GZ_MAX_KEY (255) bytes */
            lo = hi = gz->ukeys[key - 1].len;
        for (c = nd->child; c < nd->child + FM_GZ_NODE_NCHILD(nd); c++) {
            if (FM_GZ_EDGE_MIN_LEN(nodes[c].edge) < lo)
                lo = FM_GZ_EDGE_MIN_LEN(nodes[c].edge);
            if (FM_GZ_EDGE_MAX_LEN(nodes[c].edge) > hi)
                hi = FM_GZ_EDGE_MAX_LEN(nodes[c].edge);
        }
        nd->edge = FM_GZ_EDGE_LABEL(nd->edge) | lo << 8 | hi << 16;
    }
}

/* The trie of the keys whose bytes are at keys + ukeys[u].off (the keys, or
 * the keys reversed), into gz->trie[t]: breadth first, each node's keys a run
 * of the sorted list. With important_only, of the keys fm_gz_key_important
 * only (a node's key is still the ukey's index among all keys). */
static fm_status build_trie(fm_ctx *ctx, fm_gazetteer *gz, const char *keys, int t,
                            int important_only)
{
    lex_key *v = fm_malloc_array(gz->nukeys + 1, sizeof *v);
    fm_gz_node *nodes = NULL;
    uint32_t *run = NULL; /* per node: its first and last + 1 position in v, its depth */
    size_t u, nv = 0, nn = 1, cap = 0, i;
    fm_status st = FM_OK;
    if (!v)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (u = 0; u < gz->nukeys; u++)
        if (!important_only || fm_gz_key_important(gz, u))
            v[nv++] = (lex_key){keys + gz->ukeys[u].off, (uint32_t)u};
    qsort(v, nv, sizeof *v, cmp_lex);
    for (u = 0; u < nv; u++) /* each byte of each key is at most one node */
        cap += gz->ukeys[v[u].u].len;
    nodes = fm_malloc_array(cap + 1, sizeof *nodes);
    run = fm_malloc_array(3 * (cap + 1), sizeof *run);
    if (!nodes || !run) {
        st = fm_error(ctx, FM_ENOMEM, "out of memory");
        goto done;
    }
    if (gz->nukeys > FM_GZ_MAX_UKEYS) {
        st = fm_error(ctx, FM_EFORMAT, "too many distinct names (%zu) to index", gz->nukeys);
        goto done;
    }
    run[0] = 0, run[1] = (uint32_t)nv, run[2] = 0, nodes[0].edge = 0;
    for (i = 0; i < nn; i++) {
        uint32_t lo = run[3 * i], hi = run[3 * i + 1], d = run[3 * i + 2], key = 0, nchild = 0;
        if (lo < hi && gz->ukeys[v[lo].u].len == d) /* the key that ends here sorts first */
            key = v[lo++].u + 1;
        nodes[i].child = (uint32_t)nn;
        nodes[i].labels = 0;
        while (lo < hi) {
            unsigned char c = (unsigned char)v[lo].s[d];
            uint32_t end = lo + 1;
            while (end < hi && (unsigned char)v[end].s[d] == c)
                end++;
            nodes[i].labels |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : FM_GZ_LABELS_OTHER;
            nodes[nn].edge = c;
            run[3 * nn] = lo, run[3 * nn + 1] = end, run[3 * nn + 2] = d + 1;
            nn++, nchild++;
            lo = end;
        }
        nodes[i].key_nchild = key << 9 | nchild; /* at most 256 children: one per byte */
    }
    subtree_lengths(gz, nodes, nn);
    gz->owned[4 + t] = nodes;
    gz->trie[t] = nodes, gz->ntrie[t] = nn;
    nodes = NULL;
done:
    free(nodes);
    free(run);
    free(v);
    return st;
}

/* The fuzzy search's tries (gazetteer_fuzzy.c): of the keys, and of the keys
 * reversed; the same two of the keys that name more than a village. */
static fm_status build_tries(fm_ctx *ctx, fm_gazetteer *gz)
{
    size_t klen = gz->nukeys ? gz->ukeys[gz->nukeys - 1].off + gz->ukeys[gz->nukeys - 1].len + 1 : 0;
    char *rkeys = malloc(klen + 1);
    size_t u, i;
    fm_status st;
    if (!rkeys)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (u = 0; u < gz->nukeys; u++) {
        const fm_gz_key *k = &gz->ukeys[u];
        for (i = 0; i < k->len; i++)
            rkeys[k->off + i] = gz->keys[k->off + k->len - 1 - i];
        rkeys[k->off + k->len] = '\0';
    }
    if (!(st = build_trie(ctx, gz, gz->keys, FM_GZ_TRIE_ALL, 0)) &&
        !(st = build_trie(ctx, gz, rkeys, FM_GZ_TRIE_ALL + 1, 0)) &&
        !(st = build_trie(ctx, gz, gz->keys, FM_GZ_TRIE_IMPORTANT, 1)))
        st = build_trie(ctx, gz, rkeys, FM_GZ_TRIE_IMPORTANT + 1, 1);
    free(rkeys);
    return st;
}

/* ---- loading ------------------------------------------------------------------ */

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

static fm_status load_rows(fm_ctx *ctx, fm_gazetteer *gz, fm_csv *csv, key_list *kl)
{
    int col[NCOLS];
    size_t n, cap = 0, bcap = 0;
    fm_buf key = {0}, tmp = {0};
    fm_status st = read_header(ctx, csv, col);
    while (!st && !(st = fm_csv_next(ctx, csv, &n)) && n > 0) {
        void *p = gz->places, *b = gz->blocks;
        if ((st = fm_grow(ctx, &p, &cap, gz->nplaces + 1, sizeof *gz->places)))
            break;
        gz->places = p;
        if ((st = fm_grow(ctx, &b, &bcap, gz->nplaces + 1, sizeof *gz->blocks)))
            break;
        gz->blocks = b;
        gz->blocks[gz->nplaces] = NULL;
        st = parse_row(ctx, csv, n, col, &gz->places[gz->nplaces], &gz->blocks[gz->nplaces]);
        if (!st) {
            gz->nplaces++;
            st = key_place(ctx, kl, &gz->places[gz->nplaces - 1], (uint32_t)(gz->nplaces - 1),
                           &key, &tmp);
        }
        if (st)
            st = fm_error_prefix(ctx, st, "%s:%ld", fm_csv_name(csv), fm_csv_line(csv));
    }
    fm_buf_free(&key);
    fm_buf_free(&tmp);
    return st;
}

/* The entry indices grouped by kind (a counting sort, stable). */
static fm_status build_kinds(fm_ctx *ctx, fm_gazetteer *gz)
{
    uint32_t *start = calloc(FM_PLACE_VILLAGE + 2, sizeof *start), *idx, cur[FM_PLACE_VILLAGE + 1];
    size_t i;
    gz->owned[12] = start;
    if (!start || !(idx = fm_malloc_array(gz->nplaces + 1, sizeof *idx)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    gz->owned[13] = idx;
    for (i = 0; i < gz->nplaces; i++)
        start[gz->places[i].kind + 1]++;
    for (i = 0; i <= FM_PLACE_VILLAGE; i++)
        start[i + 1] += start[i];
    memcpy(cur, start, sizeof cur);
    for (i = 0; i < gz->nplaces; i++)
        idx[cur[gz->places[i].kind]++] = (uint32_t)i;
    gz->kind_start = start, gz->kind_idx = idx;
    return FM_OK;
}

static fm_status build_from(fm_ctx *ctx, fm_gazetteer *gz, const char *path, key_list *kl)
{
    fm_csv *csv = NULL;
    fm_status st = fm_csv_open(ctx, path, &csv);
    if (!st)
        st = load_rows(ctx, gz, csv, kl);
    fm_csv_close(csv);
    if (!st && gz->nplaces == 0)
        st = fm_error(ctx, FM_EFORMAT, "%s: no places", path);
    if (!st)
        st = check_ids(ctx, gz, path);
    if (!st)
        st = sort_keys(ctx, gz, kl);
    if (!st)
        st = build_key_hash(ctx, gz);
    if (!st)
        st = build_tries(ctx, gz);
    if (!st)
        st = build_kinds(ctx, gz);
    return st;
}

fm_status fm_gz_build(fm_ctx *ctx, fm_gazetteer *gz, const char *data_dir)
{
    fm_buf path = {0};
    key_list kl = {0};
    fm_status st = fm_buf_printf(ctx, &path, "%s/gazetteer/places.csv", data_dir);
    if (!st)
        st = build_from(ctx, gz, fm_buf_str(&path), &kl);
    free(kl.v);
    free(kl.arena);
    if (!st) {
        fm_buf_reset(&path);
        st = fm_buf_printf(ctx, &path, "%s/gazetteer/districts.geojson", data_dir);
        if (!st && access(fm_buf_str(&path), F_OK) == 0)
            st = fm_gz_areas_load(ctx, gz, fm_buf_str(&path));
    }
    fm_buf_free(&path);
    return st;
}
