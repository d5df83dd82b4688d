/* pngwrite.c: PNG files from the image surface, written straight with zlib:
 * a fast compression level, one filter for every row, and the image deflated
 * as two halves on two cores, joined into one zlib stream. The same picture
 * always gives the same bytes. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "render/map_priv.h"

#define PNG_LEVEL 2
#define PNG_PARTS 2

typedef struct {
    const unsigned char *data; /* the surface: xRGB words, stride bytes a row */
    int w, stride, y0, y1, last;
    unsigned char *out; /* raw deflate of rows y0..y1-1 */
    size_t nout;
    uLong adler, nraw;
    int ok;
} png_part;

/* Row y as PNG scanline bytes with the Up filter (type 2) into line. */
static void png_row(const png_part *p, int y, unsigned char *line, unsigned char *prev)
{
    const uint32_t *px = (const uint32_t *)(p->data + (size_t)y * (size_t)p->stride);
    unsigned char *rgb = prev + 3 * (size_t)p->w; /* scratch after prev */
    int x;
    for (x = 0; x < p->w; x++) {
        uint32_t v = px[x];
        rgb[3 * x] = (unsigned char)(v >> 16);
        rgb[3 * x + 1] = (unsigned char)(v >> 8);
        rgb[3 * x + 2] = (unsigned char)v;
    }
    line[0] = 2;
    for (x = 0; x < 3 * p->w; x++)
        line[1 + x] = (unsigned char)(rgb[x] - prev[x]);
    memcpy(prev, rgb, 3 * (size_t)p->w);
}

static void *png_deflate_part(void *arg)
{
    png_part *p = arg;
    size_t rowlen = 1 + 3 * (size_t)p->w, cap;
    unsigned char *line = malloc(rowlen), *prev = calloc(2, 3 * (size_t)p->w);
    z_stream z;
    int y, rc;
    memset(&z, 0, sizeof z);
    p->ok = 0;
    if (!line || !prev || deflateInit2(&z, PNG_LEVEL, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY)) {
        free(line), free(prev);
        return NULL;
    }
    cap = deflateBound(&z, rowlen * (size_t)(p->y1 - p->y0)) + 64;
    if (!(p->out = malloc(cap)))
        goto done;
    if (p->y0 > 0) /* the Up filter looks at the row above, even across parts */
        png_row(p, p->y0 - 1, line, prev);
    p->adler = adler32(0L, Z_NULL, 0);
    z.next_out = p->out;
    z.avail_out = (uInt)cap;
    for (y = p->y0; y < p->y1; y++) {
        png_row(p, y, line, prev);
        p->adler = adler32(p->adler, line, (uInt)rowlen);
        z.next_in = line;
        z.avail_in = (uInt)rowlen;
        if (deflate(&z, Z_NO_FLUSH) != Z_OK || z.avail_in)
            goto done;
    }
    /* a middle part ends byte-aligned and open, the last one closes the stream */
    rc = deflate(&z, p->last ? Z_FINISH : Z_SYNC_FLUSH);
    p->nraw = (uLong)(rowlen * (size_t)(p->y1 - p->y0));
    p->nout = cap - z.avail_out;
    p->ok = p->last ? rc == Z_STREAM_END : rc == Z_OK;
done:
    deflateEnd(&z);
    free(line);
    free(prev);
    return NULL;
}

static int put_u32(FILE *f, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    return fwrite(b, 1, 4, f) == 4;
}

/* One chunk: length, type, data, CRC of type and data. */
static int put_chunk(FILE *f, const char *type, const unsigned char *d, size_t n)
{
    uLong crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)type, 4);
    if (n)
        crc = crc32(crc, d, (uInt)n);
    return put_u32(f, (uint32_t)n) && fwrite(type, 1, 4, f) == 4 &&
           (!n || fwrite(d, 1, n, f) == n) && put_u32(f, (uint32_t)crc);
}

static int put_header(FILE *f, int w, int h, int dpi)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char ihdr[13] = {0}, phys[9] = {0};
    uint32_t ppm = (uint32_t)(dpi / 0.0254 + 0.5);
    for (int i = 0; i < 4; i++) {
        ihdr[i] = (unsigned char)((uint32_t)w >> (24 - 8 * i));
        ihdr[4 + i] = (unsigned char)((uint32_t)h >> (24 - 8 * i));
        phys[i] = phys[4 + i] = (unsigned char)(ppm >> (24 - 8 * i));
    }
    ihdr[8] = 8; /* bits per sample */
    ihdr[9] = 2; /* truecolour RGB */
    phys[8] = 1; /* pixels per metre */
    return fwrite(sig, 1, 8, f) == 8 && put_chunk(f, "IHDR", ihdr, 13) &&
           (dpi <= 0 || put_chunk(f, "pHYs", phys, 9));
}

/* The halves run at once; a failed thread start runs that half here. */
static int deflate_parts(png_part *p, int n)
{
    pthread_t t[PNG_PARTS];
    int started[PNG_PARTS] = {0}, i, ok = 1;
    for (i = 1; i < n; i++)
        started[i] = !pthread_create(&t[i], NULL, png_deflate_part, &p[i]);
    png_deflate_part(&p[0]);
    for (i = 1; i < n; i++) {
        if (started[i])
            pthread_join(t[i], NULL);
        else
            png_deflate_part(&p[i]);
    }
    for (i = 0; i < n; i++)
        ok = ok && p[i].ok;
    return ok;
}

/* The zlib stream: a header, the raw halves in order, the joint Adler-32. */
static int put_idat(FILE *f, png_part *p, int n)
{
    static const unsigned char zhead[2] = {0x78, 0x01};
    unsigned char tail[4];
    uLong adler = p[0].adler;
    int i, ok = put_chunk(f, "IDAT", zhead, 2);
    for (i = 0; ok && i < n; i++) {
        ok = put_chunk(f, "IDAT", p[i].out, p[i].nout);
        if (i)
            adler = adler32_combine(adler, p[i].adler, (z_off_t)p[i].nraw);
    }
    for (i = 0; i < 4; i++)
        tail[i] = (unsigned char)(adler >> (24 - 8 * i));
    return ok && put_chunk(f, "IDAT", tail, 4) && put_chunk(f, "IEND", NULL, 0);
}

fm_status fm_png_write(fm_ctx *ctx, cairo_surface_t *img, int dpi, FILE *f, const char *path)
{
    png_part p[PNG_PARTS];
    int w, h, n, i, ok;
    cairo_surface_flush(img);
    w = cairo_image_surface_get_width(img);
    h = cairo_image_surface_get_height(img);
    if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24 || w <= 0 || h <= 0)
        return fm_error(ctx, FM_EINVAL, "cannot write '%s': not an RGB image", path);
    n = h >= 64 ? PNG_PARTS : 1;
    memset(p, 0, sizeof p);
    for (i = 0; i < n; i++) {
        p[i].data = cairo_image_surface_get_data(img);
        p[i].stride = cairo_image_surface_get_stride(img);
        p[i].w = w;
        p[i].y0 = (int)((long)h * i / n);
        p[i].y1 = (int)((long)h * (i + 1) / n);
        p[i].last = i == n - 1;
    }
    ok = deflate_parts(p, n);
    if (!ok) {
        for (i = 0; i < n; i++)
            free(p[i].out);
        return fm_error(ctx, FM_ENOMEM, "cannot compress '%s': out of memory", path);
    }
    ok = put_header(f, w, h, dpi) && put_idat(f, p, n);
    for (i = 0; i < n; i++)
        free(p[i].out);
    if (!ok)
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    return FM_OK;
}
