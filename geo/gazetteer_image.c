/* gazetteer_image.c: the gazetteer's binary index: the sorted keys, their
 * records, the fuzzy search's tries, the entries and the district
 * polygons written to one file at build time (tools/gazindex.c) and mapped
 * read-only at run time, so opening a 60,000-place gazetteer costs no parsing or folding. The
 * file is native-endian and tied to the build that wrote it; it is used only
 * while the stamp of its source files (size and mtime) still matches. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/fm_image.h"
#include "geo/gazetteer_priv.h"

#define IMG_MAGIC "FMGAZIX1"
#define IMG_VERSION 8u

enum { S_PLACES, S_STRINGS, S_KEYS, S_UKEYS, S_RECS, S_LENS, S_FTRIE, S_RTRIE, S_AREAS,
       S_XY, S_PARTS, S_HOLES, S_KSTART, S_KIDX, S_IFTRIE, S_IRTRIE, S_KHASH, NSECT };
/* the section of trie t */
static const int trie_sect[4] = {S_FTRIE, S_RTRIE, S_IFTRIE, S_IRTRIE};

typedef struct {
    fm_image_head head;              /* IMG_MAGIC, IMG_VERSION */
    fm_gz_stamp stamp;
    uint64_t off[NSECT], len[NSECT]; /* byte offset and length of each section */
    uint64_t file_len;
} img_header;

typedef struct {
    int32_t id, kind;
    uint32_t str[6]; /* name, country, admin1, admin2, aliases, source: offsets */
    double lon, lat, area_km2, seat_lon, seat_lat;
} img_place;

typedef struct {
    uint32_t place;  /* index of the district entry */
    int32_t flags;   /* 1 approximate, 2 former */
    uint64_t npoints, nparts, xy_first, part_first; /* in S_XY (pairs) and S_PARTS/S_HOLES */
    double west, south, east, north;
} img_area;

fm_status fm_gz_stamp_of(fm_ctx *ctx, const char *data_dir, fm_gz_stamp *out)
{
    static const char *const files[2] = {"places.csv", "districts.geojson"};
    (void)ctx;
    fm_image_stamp(data_dir, "gazetteer", files, 2, out->size, out->mtime_ns);
    return FM_OK;
}

/* ---- writing ------------------------------------------------------------------ */

typedef struct {
    FILE *f;
    uint64_t pos;
    int err;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    static const char zeros[8];
    if (n && fwrite(p, 1, n, w->f) != n)
        w->err = 1;
    w->pos += n;
    if (w->pos % 8) { /* every section starts 8-aligned */
        size_t pad = 8 - w->pos % 8;
        if (fwrite(zeros, 1, pad, w->f) != pad)
            w->err = 1;
        w->pos += pad;
    }
}

/* The distinct strings of the entries, each written once: the few hundred
 * countries, provinces, districts and sources that tens of thousands of
 * entries share are then one string each, which the geocoder's checks of
 * every candidate against the hints find in cache. */
typedef struct {
    const char **slot; /* cap (a power of two): a string, or NULL */
    uint32_t *off;     /* its offset in the section */
    size_t cap;
    const char **uniq; /* the distinct strings in offset order, n of them */
    size_t n;
    uint64_t len;      /* the section's length so far */
} str_table;

static uint32_t str_add(str_table *t, const char *s)
{
    size_t h = 1469598103934665603u, i;
    const char *c;
    for (c = s; *c; c++)
        h = (h ^ (unsigned char)*c) * 1099511628211u;
    for (i = h & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
        if (!strcmp(t->slot[i], s))
            return t->off[i];
    t->slot[i] = s;
    t->off[i] = (uint32_t)t->len;
    t->uniq[t->n++] = s;
    t->len += strlen(s) + 1;
    return t->off[i];
}

/* The strings of every entry, NUL-terminated and each distinct one once, and
 * each entry's offsets. */
static int put_places(writer *w, const fm_gazetteer *gz, img_header *h)
{
    img_place *ip = fm_malloc_array(gz->nplaces + 1, sizeof *ip);
    str_table t = {NULL, NULL, 16, NULL, 0, 0};
    size_t i, k;
    int bad = 0;
    while (t.cap < 12 * (gz->nplaces + 1)) /* 6 strings an entry, the table half full */
        t.cap *= 2;
    t.slot = calloc(t.cap, sizeof *t.slot);
    t.off = fm_malloc_array(t.cap, sizeof *t.off);
    t.uniq = fm_malloc_array(6 * (gz->nplaces + 1), sizeof *t.uniq);
    if (!ip || !t.slot || !t.off || !t.uniq) {
        bad = -1;
        goto done;
    }
    for (i = 0; i < gz->nplaces && !bad; i++) {
        const fm_place *p = &gz->places[i];
        const char *s[6] = {p->name, p->country, p->admin1, p->admin2, p->aliases, p->source};
        memset(&ip[i], 0, sizeof ip[i]);
        ip[i].id = p->id, ip[i].kind = (int32_t)p->kind;
        ip[i].lon = p->lon, ip[i].lat = p->lat, ip[i].area_km2 = p->area_km2;
        ip[i].seat_lon = p->seat_lon, ip[i].seat_lat = p->seat_lat;
        for (k = 0; k < 6; k++) {
            ip[i].str[k] = str_add(&t, s[k]);
            if (t.len > UINT32_MAX)
                bad = -1;
        }
    }
    if (bad)
        goto done;
    h->off[S_PLACES] = w->pos, h->len[S_PLACES] = gz->nplaces * sizeof *ip;
    put(w, ip, gz->nplaces * sizeof *ip);
    h->off[S_STRINGS] = w->pos, h->len[S_STRINGS] = t.len;
    for (i = 0; i < t.n; i++)
        if (fwrite(t.uniq[i], 1, strlen(t.uniq[i]) + 1, w->f) != strlen(t.uniq[i]) + 1)
            w->err = 1;
    w->pos += t.len;
    put(w, NULL, 0);
done:
    free(ip);
    free(t.slot);
    free(t.off);
    free(t.uniq);
    return bad;
}

static void put_section(writer *w, img_header *h, int s, const void *p, size_t n)
{
    h->off[s] = w->pos, h->len[s] = n;
    put(w, p, n);
}

static void put_areas(writer *w, const fm_gazetteer *gz, img_header *h)
{
    size_t i;
    uint64_t xy = 0, parts = 0;
    h->off[S_AREAS] = w->pos, h->len[S_AREAS] = gz->nareas * sizeof(img_area);
    for (i = 0; i < gz->nareas; i++) {
        const fm_geom *g = &gz->areas[i].g;
        int32_t flags = gz->areas[i].a.approximate | gz->areas[i].a.former << 1;
        img_area a = {(uint32_t)(gz->areas[i].a.district - gz->places), flags, g->npoints, g->nparts, xy, parts,
                      g->west, g->south, g->east, g->north};
        put(w, &a, sizeof a);
        xy += g->npoints, parts += g->nparts + 1;
    }
    h->off[S_XY] = w->pos, h->len[S_XY] = xy * 2 * sizeof(double);
    for (i = 0; i < gz->nareas; i++)
        put(w, gz->areas[i].g.xy, gz->areas[i].g.npoints * 2 * sizeof(double));
    h->off[S_PARTS] = w->pos, h->len[S_PARTS] = parts * sizeof(uint64_t);
    for (i = 0; i < gz->nareas; i++) {
        size_t k;
        for (k = 0; k <= gz->areas[i].g.nparts; k++) {
            uint64_t v = gz->areas[i].g.part_start[k];
            put(w, &v, sizeof v);
        }
    }
    h->off[S_HOLES] = w->pos, h->len[S_HOLES] = parts;
    for (i = 0; i < gz->nareas; i++) {
        const fm_geom *g = &gz->areas[i].g;
        if (fwrite(g->ring_is_hole, 1, g->nparts + 1, w->f) != g->nparts + 1)
            w->err = 1;
        w->pos += g->nparts + 1;
    }
    put(w, NULL, 0);
}

static int write_all(writer *w, const fm_gazetteer *gz, img_header *h)
{
    int t;
    put(w, h, sizeof *h);
    if (put_places(w, gz, h))
        return -1;
    put_section(w, h, S_KEYS, gz->keys,
                gz->nukeys ? gz->ukeys[gz->nukeys - 1].off + gz->ukeys[gz->nukeys - 1].len + 1 : 0);
    put_section(w, h, S_UKEYS, gz->ukeys, gz->nukeys * sizeof *gz->ukeys);
    put_section(w, h, S_RECS, gz->recs, gz->nrecs * sizeof *gz->recs);
    put_section(w, h, S_LENS, gz->len_start, (FM_GZ_MAX_KEY + 2) * sizeof(uint32_t));
    for (t = 0; t < 4; t++) {
        put_section(w, h, trie_sect[t], gz->trie[t], gz->ntrie[t] * sizeof(fm_gz_node));
    }
    put_areas(w, gz, h);
    put_section(w, h, S_KSTART, gz->kind_start, (FM_PLACE_VILLAGE + 2) * sizeof(uint32_t));
    put_section(w, h, S_KIDX, gz->kind_idx, gz->nplaces * sizeof(uint32_t));
    put_section(w, h, S_KHASH, gz->khash, gz->nkhash * sizeof(uint32_t));
    h->file_len = w->pos;
    if (fseek(w->f, 0, SEEK_SET) || fwrite(h, 1, sizeof *h, w->f) != sizeof *h)
        return -1;
    return w->err ? -1 : 0;
}

static fm_status write_index(fm_ctx *ctx, const fm_gazetteer *gz, const char *data_dir,
                             const char *path)
{
    char tmp[4200];
    img_header h;
    writer w = {NULL, 0, 0};
    int bad;
    memset(&h, 0, sizeof h);
    memcpy(h.head.magic, IMG_MAGIC, 8);
    h.head.version = IMG_VERSION, h.head.endian = FM_IMAGE_ENDIAN;
    fm_gz_stamp_of(ctx, data_dir, &h.stamp);
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    if (!(w.f = fopen(tmp, "wb")))
        return fm_error(ctx, FM_EIO, "cannot create '%s': %s", tmp, strerror(errno));
    bad = write_all(&w, gz, &h);
    bad |= fclose(w.f) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, bad ? "write failed" : strerror(e));
    }
    return FM_OK;
}

fm_status fm_gazetteer_write_index(fm_ctx *ctx, const char *data_dir, const char *path)
{
    fm_gazetteer *gz = calloc(1, sizeof *gz);
    fm_status st;
    if (!gz)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (!(st = fm_gz_build(ctx, gz, data_dir)))
        st = write_index(ctx, gz, data_dir, path);
    fm_gazetteer_close(gz);
    return st;
}

/* ---- mapping ------------------------------------------------------------------ */

/* The header's sections (the head was checked by fm_image_map). */
static int sections_ok(const img_header *h, const fm_image *img)
{
    int t;
    if (h->file_len != img->len ||
        !fm_image_sections_ok(img, sizeof *h, h->off, h->len, NSECT, NULL))
        return 0;
    for (t = 0; t < 4; t++)
        if (h->len[trie_sect[t]] % sizeof(fm_gz_node))
            return 0;
    return h->len[S_LENS] == (FM_GZ_MAX_KEY + 2) * sizeof(uint32_t) &&
           h->len[S_STRINGS] && h->len[S_STRINGS] <= UINT32_MAX;
}

/* Entries are filled in from the image when first asked for: a command that
 * resolves one name touches a few of the 75,000 rather than all of them. The
 * array itself is calloc'ed, so its untouched pages cost nothing either. */
static fm_status map_places(fm_ctx *ctx, fm_gazetteer *gz, const char *base, const img_header *h)
{
    const uint32_t *ks = (const uint32_t *)(base + h->off[S_KSTART]);
    size_t i, n = h->len[S_PLACES] / sizeof(img_place);
    gz->img_strings = base + h->off[S_STRINGS];
    gz->img_strings_len = h->len[S_STRINGS];
    if (gz->img_strings[gz->img_strings_len - 1] != '\0' ||
        h->len[S_KSTART] != (FM_PLACE_VILLAGE + 2) * sizeof(uint32_t) ||
        h->len[S_KIDX] != n * sizeof(uint32_t) || ks[0] != 0 || ks[FM_PLACE_VILLAGE + 1] != n)
        return FM_EFORMAT;
    for (i = 0; i <= FM_PLACE_VILLAGE; i++)
        if (ks[i] > ks[i + 1])
            return FM_EFORMAT;
    /* anonymous pages are zero and cost nothing until touched; calloc would
     * memset 7 MB when malloc's threshold has grown past it */
    gz->places_len = (n + 1) * sizeof *gz->places;
    gz->places = mmap(NULL, gz->places_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
    if (gz->places == MAP_FAILED) {
        gz->places = NULL, gz->places_len = 0;
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    gz->img_places = base + h->off[S_PLACES];
    gz->kind_start = ks;
    gz->kind_idx = (const uint32_t *)(base + h->off[S_KIDX]);
    gz->nplaces = n;
    return FM_OK;
}

void fm_gz_image_fill(const fm_gazetteer *gz, size_t i)
{
    const img_place *ip = (const img_place *)gz->img_places + i;
    fm_place *p = &gz->places[i];
    const char **dst[6] = {&p->name, &p->country, &p->admin1, &p->admin2, &p->aliases,
                           &p->source};
    size_t k;
    p->id = ip->id;
    p->kind = (uint32_t)ip->kind <= FM_PLACE_VILLAGE ? (fm_place_kind)ip->kind : FM_PLACE_VILLAGE;
    p->lon = ip->lon, p->lat = ip->lat, p->area_km2 = ip->area_km2;
    p->seat_lon = ip->seat_lon, p->seat_lat = ip->seat_lat;
    for (k = 6; k-- > 0;) /* name last: a filled entry is one with a name */
        *dst[k] = gz->img_strings + (ip->str[k] < gz->img_strings_len ? ip->str[k]
                                                                        : gz->img_strings_len - 1);
}

static fm_status map_areas(fm_ctx *ctx, fm_gazetteer *gz, const char *base, const img_header *h)
{
    const img_area *ia = (const img_area *)(base + h->off[S_AREAS]);
    size_t i, n = h->len[S_AREAS] / sizeof *ia;
    uint64_t npts = h->len[S_XY] / (2 * sizeof(double)), nparts = h->len[S_PARTS] / 8;
    if (!n)
        return FM_OK;
    if (!(gz->areas = calloc(n, sizeof *gz->areas)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < n; i++) {
        struct fm_area_rec *r = &gz->areas[i];
        if (ia[i].place >= gz->nplaces || ia[i].xy_first > npts ||
            ia[i].npoints > npts - ia[i].xy_first || ia[i].part_first > nparts ||
            ia[i].nparts + 1 > nparts - ia[i].part_first || h->len[S_HOLES] < nparts)
            return FM_EFORMAT;
        r->g.npoints = ia[i].npoints, r->g.nparts = ia[i].nparts;
        r->g.xy = (double *)(base + h->off[S_XY]) + 2 * ia[i].xy_first;
        r->g.part_start = (size_t *)(base + h->off[S_PARTS]) + ia[i].part_first;
        r->g.ring_is_hole = (unsigned char *)(base + h->off[S_HOLES]) + ia[i].part_first;
        if (r->g.part_start[r->g.nparts] > r->g.npoints)
            return FM_EFORMAT;
        r->g.west = ia[i].west, r->g.south = ia[i].south;
        r->g.east = ia[i].east, r->g.north = ia[i].north;
        r->a.district = fm_gazetteer_get(gz, ia[i].place);
        r->a.geom = &r->g;
        r->a.approximate = ia[i].flags & 1;
        r->a.former = (ia[i].flags & 2) != 0;
    }
    gz->nareas = n;
    return FM_OK;
}

/* Points gz into the mapped image after checking its sections. */
static fm_status map_into(fm_ctx *ctx, fm_gazetteer *gz, const char *base, const img_header *h)
{
    fm_status st;
    int t;
    gz->keys = base + h->off[S_KEYS];
    gz->ukeys = (const fm_gz_key *)(base + h->off[S_UKEYS]);
    gz->nukeys = h->len[S_UKEYS] / sizeof(fm_gz_key);
    gz->recs = (const fm_gz_rec *)(base + h->off[S_RECS]);
    gz->nrecs = h->len[S_RECS] / sizeof(fm_gz_rec);
    gz->len_start = (const uint32_t *)(base + h->off[S_LENS]);
    gz->khash = (const uint32_t *)(base + h->off[S_KHASH]);
    gz->nkhash = h->len[S_KHASH] / sizeof(uint32_t);
    if (gz->nkhash & (gz->nkhash - 1)) /* not a power of two: damaged */
        return FM_EFORMAT;
    /* the tries' links are checked as they are followed (gazetteer_fuzzy.c),
     * so that opening touches none of their pages */
    for (t = 0; t < 4; t++) {
        gz->trie[t] = (const fm_gz_node *)(base + h->off[trie_sect[t]]);
        gz->ntrie[t] = h->len[trie_sect[t]] / sizeof(fm_gz_node);
    }
    if (gz->len_start[FM_GZ_MAX_KEY + 1] != gz->nukeys ||
        (gz->nukeys && (gz->ukeys[gz->nukeys - 1].off + gz->ukeys[gz->nukeys - 1].len >=
                            h->len[S_KEYS] ||
                        gz->ukeys[gz->nukeys - 1].first + gz->ukeys[gz->nukeys - 1].count !=
                            gz->nrecs)))
        return FM_EFORMAT;
    if ((st = map_places(ctx, gz, base, h)) || (st = map_areas(ctx, gz, base, h)))
        return st;
    return FM_OK;
}

fm_status fm_gz_image_map(fm_ctx *ctx, fm_gazetteer *gz, const char *path,
                          const fm_gz_stamp *stamp)
{
    const img_header *h;
    fm_image img;
    fm_status st;
    if (fm_image_map(path, IMG_MAGIC, IMG_VERSION, sizeof *h, &img))
        return FM_ENOTFOUND;
    h = img.p;
    if (memcmp(&h->stamp, stamp, sizeof *stamp) || !sections_ok(h, &img)) {
        fm_image_unmap(&img);
        return FM_ENOTFOUND; /* stale or foreign: the caller builds from CSV */
    }
    gz->map = img.p, gz->map_len = img.len;
    if ((st = map_into(ctx, gz, img.p, h)) == FM_EFORMAT)
        return fm_error(ctx, FM_EFORMAT, "'%s': damaged gazetteer index (rebuild it)", path);
    return st;
}
