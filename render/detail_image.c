/* detail_image.c: the basemap's detail as one binary image, written at build
 * time (tools/detailindex.c) and mapped read-only at run time: the roads,
 * rivers and lakes as the GeoJSON reader leaves them (the pooled lon/lat
 * pairs, parts and holes, each feature's class, rank and name) and the
 * relief's smoothed hill shade as relief.c works it out, so a heatmap or a
 * map neither parses 4.5 MB of GeoJSON nor shades 780,000 cells (a tenth of
 * a second of CPU). The image holds the very numbers the parsing path
 * computes, so what is drawn from it is the same, pixel for pixel.
 *
 * The file is native-endian and tied to the build that wrote it; it is used
 * only while the stamp of its four source files (size and modification
 * time, as the gazetteer's image) matches the data directory's, and a
 * missing, stale or foreign image only costs the parse. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fm_image.h"
#include "render/map_priv.h"

#define IMG_MAGIC "FMDETIX1"
#define IMG_VERSION 1u
#define NO_INDEX UINT64_MAX

enum { S_FEAT, S_XY, S_PARTS, S_HOLES, S_NAMES, S_SHADE, NSECT };

/* The detail's source files, in the stamp's order. */
static const char *const stamp_files[4] = {"water.geojson", "rivers.geojson", "roads.geojson",
                                           "relief.dem.gz"};

typedef struct {
    uint64_t size[4];
    int64_t mtime_ns[4];
} img_stamp;

typedef struct {
    fm_image_head head;              /* IMG_MAGIC, IMG_VERSION */
    uint32_t sizeof_size, pad;
    img_stamp stamp;
    uint64_t n, nxy, nparts, nholes; /* features, lon/lat pairs, part entries, hole flags */
    int32_t dem_nx, dem_ny;          /* 0 without a relief */
    double dem_west, dem_north, dem_cell;
    uint64_t off[NSECT], len[NSECT]; /* byte offset and length of each section */
    uint64_t file_len;
} img_header;

typedef struct {
    uint8_t layer, rank, dashed, pad;
    uint32_t name;                   /* offset in S_NAMES, UINT32_MAX: none */
    uint64_t at_xy, at_parts, at_holes; /* in the pools; at_holes NO_INDEX: none */
    uint64_t npoints, nparts;
    double west, south, east, north;
} img_feature;

static void stamp_of(const char *data_dir, img_stamp *out)
{
    fm_image_stamp(data_dir, "basemap", stamp_files, 4, out->size, out->mtime_ns);
}

/* ---- writing ------------------------------------------------------------------ */

typedef struct {
    FILE *f;
    uint64_t pos;
    int err;
} writer;

static void put(writer *w, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, w->f) != n)
        w->err = 1;
    w->pos += n;
}

/* A section, 8-aligned (64-aligned for the big arrays' sake), recorded in h. */
static void put_section(writer *w, img_header *h, int s, const void *p, size_t n)
{
    static const char zeros[64];
    if (w->pos % 64)
        put(w, zeros, 64 - w->pos % 64);
    h->off[s] = w->pos, h->len[s] = n;
    put(w, p, n);
}

static int write_all(writer *w, const fm_detail *d, img_header *h)
{
    img_feature *rec = calloc(d->n ? d->n : 1, sizeof *rec);
    char *names = NULL;
    size_t i, nnames = 0, cap = 0;
    int ok = rec != NULL;
    for (i = 0; ok && i < d->n; i++) {
        const fm_detail_feature *f = &d->f[i];
        img_feature *r = &rec[i];
        r->layer = (uint8_t)f->layer, r->rank = (uint8_t)f->rank, r->dashed = (uint8_t)f->dashed;
        r->name = UINT32_MAX;
        r->at_xy = (uint64_t)(f->g.xy - d->pool_xy) / 2;
        r->at_parts = (uint64_t)(f->g.part_start - d->pool_parts);
        r->at_holes = f->g.ring_is_hole ? (uint64_t)(f->g.ring_is_hole - d->pool_holes) : NO_INDEX;
        r->npoints = f->g.npoints, r->nparts = f->g.nparts;
        r->west = f->g.west, r->south = f->g.south, r->east = f->g.east, r->north = f->g.north;
        if (f->name) {
            size_t len = strlen(f->name) + 1;
            if (nnames + len > UINT32_MAX) {
                ok = 0;
                break;
            }
            if (nnames + len > cap) {
                char *g = realloc(names, cap = 2 * (nnames + len));
                if (!g) {
                    ok = 0;
                    break;
                }
                names = g;
            }
            memcpy(names + nnames, f->name, len);
            r->name = (uint32_t)nnames;
            nnames += len;
        }
    }
    if (ok) {
        put(w, h, sizeof *h); /* again once the offsets are known */
        put_section(w, h, S_FEAT, rec, d->n * sizeof *rec);
        put_section(w, h, S_XY, d->pool_xy, 2 * d->nxy * sizeof *d->pool_xy);
        put_section(w, h, S_PARTS, d->pool_parts, d->nparts * sizeof *d->pool_parts);
        put_section(w, h, S_HOLES, d->pool_holes, d->nholes);
        put_section(w, h, S_NAMES, names, nnames);
        put_section(w, h, S_SHADE, d->shade,
                    d->shade ? (size_t)d->dem_nx * d->dem_ny * sizeof *d->shade : 0);
        h->file_len = w->pos;
    }
    free(rec);
    free(names);
    return ok;
}

fm_status fm_detail_write_image(fm_ctx *ctx, const char *data_dir, const char *path)
{
    fm_detail *d;
    img_header h;
    writer w;
    char tmp[4200];
    fm_status st;
    if (!data_dir)
        data_dir = fm_ctx_data_dir(ctx);
    if ((st = fm_detail_parse(ctx, data_dir, &d)))
        return st;
    fm_detail_prepare(d);
    if (d->z && !d->shade) {
        fm_detail_close(d);
        return fm_error(ctx, FM_ENOMEM, "out of memory shading the relief");
    }
    memset(&h, 0, sizeof h);
    memcpy(h.head.magic, IMG_MAGIC, 8);
    h.head.version = IMG_VERSION, h.head.endian = FM_IMAGE_ENDIAN, h.sizeof_size = (uint32_t)sizeof(size_t);
    stamp_of(data_dir, &h.stamp);
    h.n = d->n, h.nxy = d->nxy, h.nparts = d->nparts, h.nholes = d->nholes;
    if (d->shade)
        h.dem_nx = d->dem_nx, h.dem_ny = d->dem_ny;
    h.dem_west = d->dem_west, h.dem_north = d->dem_north, h.dem_cell = d->dem_cell;
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    memset(&w, 0, sizeof w);
    if (!(w.f = fopen(tmp, "wb"))) {
        fm_detail_close(d);
        return fm_error(ctx, FM_EIO, "cannot create '%s': %s", tmp, strerror(errno));
    }
    if (!write_all(&w, d, &h)) {
        fclose(w.f);
        remove(tmp);
        fm_detail_close(d);
        return fm_error(ctx, FM_ENOMEM, "out of memory writing '%s'", path);
    }
    fm_detail_close(d);
    if (fseek(w.f, 0, SEEK_SET) != 0 || fwrite(&h, sizeof h, 1, w.f) != 1)
        w.err = 1;
    if (fclose(w.f) != 0 || w.err || rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(e));
    }
    return FM_OK;
}

/* ---- mapping ------------------------------------------------------------------ */

/* The header's counts against its sections (the head was checked by
 * fm_image_map). */
static int sections_ok(const img_header *h, const fm_image *img)
{
    static const uint64_t align[NSECT] = {8, 8, 8, 1, 1, 4};
    uint64_t want[NSECT], file_len = img->len;
    int s;
    if (h->sizeof_size != sizeof(size_t) || h->file_len != file_len || h->dem_nx < 0 ||
        h->dem_ny < 0 || (!h->dem_nx) != (!h->dem_ny) || (h->dem_nx && !(h->dem_cell > 0)) ||
        h->n > file_len || h->nxy > file_len || h->nparts > file_len || h->nholes > file_len)
        return 0;
    want[S_FEAT] = h->n * sizeof(img_feature);
    want[S_XY] = h->nxy * 2 * sizeof(double);
    want[S_PARTS] = h->nparts * sizeof(size_t);
    want[S_HOLES] = h->nholes;
    want[S_NAMES] = h->len[S_NAMES];
    want[S_SHADE] = (uint64_t)h->dem_nx * (uint64_t)h->dem_ny * sizeof(float);
    for (s = 0; s < NSECT; s++)
        if (h->len[s] != want[s])
            return 0;
    return fm_image_sections_ok(img, sizeof *h, h->off, h->len, NSECT, align);
}

/* The features from their records, every index checked against the pools. */
static fm_status map_features(fm_ctx *ctx, fm_detail *d, const unsigned char *base,
                              const img_header *h)
{
    const img_feature *rec = (const img_feature *)(base + h->off[S_FEAT]);
    const char *names = (const char *)(base + h->off[S_NAMES]);
    uint64_t nnames = h->len[S_NAMES];
    size_t i, k;
    if (nnames && names[nnames - 1])
        return FM_EFORMAT;
    if (h->n && !(d->f = fm_malloc_array(h->n, sizeof *d->f)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < h->n; i++) {
        const img_feature *r = &rec[i];
        fm_detail_feature *f = &d->f[i];
        if (r->at_xy > h->nxy || r->npoints > h->nxy - r->at_xy || r->at_parts >= h->nparts ||
            r->nparts > h->nparts - r->at_parts - 1 ||
            (r->at_holes != NO_INDEX &&
             (r->at_holes > h->nholes || r->nparts > h->nholes - r->at_holes)) ||
            (r->name != UINT32_MAX && r->name >= nnames) || r->layer > FM_DETAIL_WATER)
            return FM_EFORMAT;
        memset(f, 0, sizeof *f);
        f->layer = r->layer, f->rank = r->rank, f->dashed = r->dashed;
        f->name = r->name != UINT32_MAX ? (char *)names + r->name : NULL;
        f->g.npoints = r->npoints, f->g.nparts = r->nparts;
        f->g.xy = d->pool_xy + 2 * r->at_xy;
        f->g.part_start = d->pool_parts + r->at_parts;
        f->g.ring_is_hole = r->at_holes != NO_INDEX ? d->pool_holes + r->at_holes : NULL;
        f->g.west = r->west, f->g.south = r->south, f->g.east = r->east, f->g.north = r->north;
        for (k = 0; k <= r->nparts; k++) /* the parts ascend within the feature's points */
            if (f->g.part_start[k] > r->npoints ||
                (k && f->g.part_start[k] < f->g.part_start[k - 1]))
                return FM_EFORMAT;
        d->n = i + 1;
    }
    return FM_OK;
}

fm_status fm_detail_image_map(fm_ctx *ctx, const char *path, const char *data_dir,
                              fm_detail **out)
{
    const img_header *h;
    img_stamp stamp;
    fm_image img;
    fm_detail *d;
    void *map;
    fm_status st;
    *out = NULL;
    if (fm_image_map(path, IMG_MAGIC, IMG_VERSION, sizeof *h, &img))
        return FM_ENOTFOUND;
    h = map = img.p;
    stamp_of(data_dir, &stamp);
    if (memcmp(&h->stamp, &stamp, sizeof stamp) || !sections_ok(h, &img)) {
        fm_image_unmap(&img);
        return FM_ENOTFOUND; /* stale or foreign: the caller parses the sources */
    }
    if (!(d = calloc(1, sizeof *d))) {
        fm_image_unmap(&img);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    d->map = map, d->map_len = img.len;
    d->pool_xy = (double *)((char *)map + h->off[S_XY]);
    d->pool_parts = (size_t *)((char *)map + h->off[S_PARTS]);
    d->pool_holes = (unsigned char *)map + h->off[S_HOLES];
    d->nxy = h->nxy, d->nparts = h->nparts, d->nholes = h->nholes;
    if (h->dem_nx && h->dem_ny) {
        d->shade = (float *)((char *)map + h->off[S_SHADE]);
        d->dem_nx = h->dem_nx, d->dem_ny = h->dem_ny;
        d->dem_west = h->dem_west, d->dem_north = h->dem_north, d->dem_cell = h->dem_cell;
    }
    if ((st = map_features(ctx, d, map, h))) {
        fm_detail_close(d);
        return st == FM_EFORMAT
                   ? fm_error(ctx, FM_EFORMAT, "'%s': damaged detail image (rebuild it)", path)
                   : st;
    }
    fm_log(ctx, FM_LOG_DEBUG, "basemap detail: the image '%s'", path);
    *out = d;
    return FM_OK;
}
