/* gazetteer_priv.h: the gazetteer's insides, shared by its four files and by
 * nothing else: the object (gazetteer.c: lookups), its building from
 * places.csv and districts.geojson (gazetteer_build.c), its binary image, the
 * index written at build time and mapped at run time (gazetteer_image.c), and
 * the district areas (gazetteer_area.c). */
#ifndef FM_GAZETTEER_PRIV_H
#define FM_GAZETTEER_PRIV_H

#include <stdint.h>

#include "geo/geo_priv.h"

#define FM_GZ_MAX_KEY 255

/* Optimal-string-alignment distance between a and b, or cap + 1 once it is
 * sure to exceed cap. Both at most FM_GZ_MAX_KEY bytes. The gazetteer's
 * fuzzy search and the store's place names (placememo.c) both use it. With
 * either string 64 bytes or shorter it is computed with bit vectors; the
 * table of cells (fm_gz_osa_distance_rows, the tests' reference) otherwise. */
int fm_gz_osa_distance(const char *a, size_t na, const char *b, size_t nb, int cap);
int fm_gz_osa_distance_rows(const char *a, size_t na, const char *b, size_t nb, int cap);

/* One distinct folded key (spaces removed): bytes keys[off .. off+len), and
 * the records first .. first+count-1 of the entries that carry it. Keys are
 * sorted by length, then bytes, so the keys of one length are a run
 * (len_start) and a fuzzy search reads only the lengths it can reach. */
typedef struct {
    uint32_t off, len, first, count;
} fm_gz_key;

/* Entry `place` carries the key through its name (alias 0) or an alias. */
typedef struct {
    uint32_t place, alias;
} fm_gz_rec;

/* A node of a key trie (gazetteer_fuzzy.c): its children are nodes
 * child .. child + nchild - 1, sorted by the byte that leads to each; key is
 * 1 + the ukey that ends here, or 0. Nodes are in breadth-first order, the
 * root first. key_nchild packs key << 9 | nchild. edge describes the way in:
 * the byte that leads here (its label), and the least and greatest length
 * of the keys at or below the node (a search skips a subtree whose keys are
 * all too short or too long to be within its limit), packed as label |
 * min_len << 8 | max_len << 16; the root's is 0. A search reads the edges of
 * a node's children, side by side, and then the node it goes down to in the
 * same cache line. */
typedef uint32_t fm_gz_edge;
typedef struct {
    uint32_t child, key_nchild;
    fm_gz_edge edge;
    uint32_t labels; /* the labels of the children: bit c - 'a' for each
                      * lowercase letter c, FM_GZ_LABELS_OTHER when any label is
                      * another byte; a search whose band allows only a few
                      * letters goes to those children without reading the
                      * others (children are in byte order, so a letter's
                      * child is the number of letters before it) */
} fm_gz_node;

#define FM_GZ_LABELS_OTHER (1u << 31)

#define FM_GZ_EDGE_LABEL(e) ((e) & 255u)
#define FM_GZ_EDGE_MIN_LEN(e) (((e) >> 8) & 255u)
#define FM_GZ_EDGE_MAX_LEN(e) (((e) >> 16) & 255u)

#define FM_GZ_NODE_KEY(nd) ((nd)->key_nchild >> 9)
#define FM_GZ_NODE_NCHILD(nd) ((nd)->key_nchild & 511u)
#define FM_GZ_MAX_UKEYS ((1u << 23) - 2)
#define FM_GZ_TRIE_ALL 0
#define FM_GZ_TRIE_IMPORTANT 2

/* Whether key u names at least one entry more than a village (a crossing,
 * province, district, city or town): the keys of the important tries. */
int fm_gz_key_important(const fm_gazetteer *gz, size_t u);

/* A district's polygon, linked to its gazetteer entry. */
struct fm_area_rec {
    fm_area a;  /* a.district points into places, a.geom at g */
    fm_geom g;  /* arrays owned by the gazetteer (malloc'd or in the image) */
};

struct fm_gazetteer {
    fm_place *places; /* nplaces, owned (malloc'd, or mmap'd places_len bytes);
                       * strings in `blocks` or in the image */
    size_t nplaces, places_len;
    const void *img_places; /* mapped: entries are filled in from here on first use */
    const char *img_strings;
    size_t img_strings_len;
    const uint32_t *kind_start; /* 7 offsets into kind_idx, one run per fm_place_kind */
    const uint32_t *kind_idx;   /* entry indices grouped by kind, ascending within a kind */
    char **blocks;    /* per-entry string blocks (built from CSV), or NULL */
    const char *keys; /* key bytes, each key NUL-terminated */
    const fm_gz_key *ukeys;
    size_t nukeys;
    const fm_gz_rec *recs;
    size_t nrecs;
    const uint32_t *len_start; /* FM_GZ_MAX_KEY + 2: first ukey of each length */
    const uint32_t *khash;     /* nkhash (a power of two, or 0) slots: 1 + a ukey, at
                                * fm_gz_key_hash of its bytes or the next free slot
                                * after it; 0 empty. Exact lookups probe it (one or two
                                * cache lines) instead of a binary search (a dozen). */
    size_t nkhash;
    /* the fuzzy search's tries: FM_GZ_TRIE_ALL + 0 of every key, + 1 of every
     * key reversed; FM_GZ_TRIE_IMPORTANT + 0 and + 1 the same for the keys
     * that name a place more than a village (a few thousand of the 200,000) */
    const fm_gz_node *trie[4];
    size_t ntrie[4];
    uint8_t *fz_rows;          /* fuzzy-search scratch, allocated on first use */
    uint64_t fz_peq[256];      /* the verifier's bit masks of a query, zero between searches */
    uint32_t *fz_cands;
    size_t fz_n, fz_cap;
    struct fm_gz_memo *memo;   /* the geocoder's memo of folded texts (geocode_memo.c),
                                * created on first use */
    struct fm_area_rec *areas; /* nareas district polygons, owned */
    size_t nareas;
    uint64_t *area_index;      /* nareas keys, entry index << 32 | area index,
                                * ascending: built on the first
                                * fm_gazetteer_area_of (and by
                                * fm_gazetteer_share, so that a shared handle
                                * only reads it); owned by the origin */
    void *owned[14];           /* arrays built in memory (CSV path), freed at close */
    int shared;                /* a handle of fm_gazetteer_share: it owns only its
                                * scratch and memo, the rest is its origin's */
    void *map;                 /* the mapped image, or NULL */
    size_t map_len;
};

/* Builds gz from data_dir/gazetteer/places.csv and, when present,
 * districts.geojson (gazetteer_build.c). gz is zeroed on entry; on failure
 * the caller frees what was built with fm_gazetteer_close. */
fm_status fm_gz_build(fm_ctx *ctx, fm_gazetteer *gz, const char *data_dir);

/* Copies key without its spaces into out (FM_GZ_MAX_KEY + 1 bytes); returns
 * the joined length, or 0 when empty or too long to be indexed. */
size_t fm_gz_join_key(const char *key, char *out);

/* The slot hash of a joined key (len bytes) in khash. */
size_t fm_gz_key_hash(const char *joined, size_t len);

/* Appends the records of key u to hits (filling at most max), found with
 * `edits`; returns n plus the number of records (gazetteer.c). */
size_t fm_gz_emit_hits(const fm_gazetteer *gz, size_t u, int edits, fm_gazetteer_hit *hits,
                       size_t max, size_t n);

/* The fuzzy search as a scan of every key of a reachable length (with
 * important_only, of the keys fm_gz_key_important): the reference the
 * indexed searches (fm_gazetteer_find_fuzzy, fm_gazetteer_find_fuzzy_important)
 * must equal, hit for hit and in the same order; for tests (gazetteer_fuzzy.c). */
size_t fm_gz_find_fuzzy_linear(const fm_gazetteer *gz, const char *key, int max_edits,
                               int important_only, fm_gazetteer_hit *hits, size_t max);

/* Frees the geocoder's memo (geocode_memo.c); NULL is a harmless no-op. */
void fm_gz_memo_free(struct fm_gz_memo *m);

/* Fills entry i from the mapped image if it is not filled yet (gazetteer_image.c). */
void fm_gz_image_fill(const fm_gazetteer *gz, size_t i);

/* The image (gazetteer_image.c). fm_gz_image_stamp describes the two source
 * files (size and modification time) so a stale image is never used. */
typedef struct {
    uint64_t size[2];
    int64_t mtime_ns[2];
} fm_gz_stamp;
fm_status fm_gz_stamp_of(fm_ctx *ctx, const char *data_dir, fm_gz_stamp *out);
/* Maps path into gz when it is an image of the sources stamped `stamp`:
 * returns FM_OK and fills gz, FM_ENOTFOUND (no message) when the file is
 * missing or stale, or an error for a damaged image. */
fm_status fm_gz_image_map(fm_ctx *ctx, fm_gazetteer *gz, const char *path,
                          const fm_gz_stamp *stamp);

/* Adds the polygon features of path (a districts.geojson) to gz, linking each
 * to the district entry whose id its "id" property gives. */
fm_status fm_gz_areas_load(fm_ctx *ctx, fm_gazetteer *gz, const char *path);

#endif
