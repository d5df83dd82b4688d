/* fm_image.h: the build's binary images (the gazetteer's index, the
 * basemap's detail): native-endian files written at build time, mapped
 * read-only at run time and used only while the stamp of their source files
 * (size and modification time) matches the data directory's. What every
 * reader checks before trusting one is here (core/image.c); what the
 * sections mean is each image's own. Part of the core module. */
#ifndef FM_IMAGE_H
#define FM_IMAGE_H

#include <stdint.h>

#include "core/fm_core.h"

#define FM_IMAGE_ENDIAN 0x01020304u

/* Every image opens with this: its kind, its format's version and the
 * byte order of the machine that wrote it (FM_IMAGE_ENDIAN as written). */
typedef struct {
    char magic[8];
    uint32_t version, endian;
} fm_image_head;

/* A mapped image (read-only). */
typedef struct {
    void *p;
    size_t len;
} fm_image;

/* The stamp of n source files dir/sub/names[i]: their sizes and
 * modification times in nanoseconds (0 and 0 for a missing file, which is
 * part of the stamp). */
void fm_image_stamp(const char *dir, const char *sub, const char *const *names, size_t n,
                    uint64_t *size, int64_t *mtime_ns);
/* Maps path read-only when it holds at least head_len bytes and its head
 * has magic (8 bytes), version and this machine's byte order. FM_ENOTFOUND
 * (no message) when it is missing, short or foreign: the caller falls back
 * to the sources. On FM_OK release out with fm_image_unmap. */
fm_status fm_image_map(const char *path, const char *magic, uint32_t version, size_t head_len,
                       fm_image *out);
/* Unmaps img and zeroes it (a zeroed one is left alone). */
void fm_image_unmap(fm_image *img);
/* Whether n sections (off[s], len[s] bytes) each lie within img after its
 * header of head_len bytes, each offset a multiple of align[s] (align NULL:
 * of 8). */
int fm_image_sections_ok(const fm_image *img, size_t head_len, const uint64_t *off,
                         const uint64_t *len, size_t n, const uint64_t *align);

#endif
