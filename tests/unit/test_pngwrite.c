/* test_pngwrite.c: the PNG writer (render/pngwrite.c) read back by an
 * independent decoder (cairo's, through libpng): every pixel the same, at
 * sizes from one pixel to a page whose compressed stream spans several IDAT
 * chunks; the resolution in pHYs; the same picture gives the same bytes; a
 * picture that is not RGB and a failed write are errors. */
#include <cairo/cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fm_test.h"
#include "render/map_priv.h"

static fm_ctx *ctx;

/* An RGB24 image: flat areas, a gradient, and noise that does not compress. */
static cairo_surface_t *picture(int w, int h, unsigned seed)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s), x, y;
    uint32_t r = seed * 2654435761u + 1;
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            uint32_t v;
            r = r * 1664525u + 1013904223u;
            if (y < h / 3)
                v = 0xf6f3ecu; /* land */
            else if (y < 2 * h / 3)
                v = (uint32_t)(x * 255 / (w > 1 ? w - 1 : 1)) << 16 | (uint32_t)(y & 255) << 8 | 0x40u;
            else
                v = r >> 8;
            ((uint32_t *)(d + (size_t)y * (size_t)stride))[x] = v;
        }
    cairo_surface_mark_dirty(s);
    return s;
}

/* Writes s to path through fm_png_write; the status. */
static fm_status write_png(cairo_surface_t *s, int dpi, const char *path)
{
    FILE *f = fopen(path, "wb");
    fm_status st;
    if (!f)
        return FM_EIO;
    st = fm_png_write(ctx, s, dpi, f, path);
    if (fclose(f) != 0 && !st)
        st = FM_EIO;
    return st;
}

/* Pixels of a and b (same size) whose RGB differ. */
static long pixels_differ(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a), x, y;
    long n = 0;
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b))
        return -1;
    cairo_surface_flush(b);
    for (y = 0; y < h; y++) {
        const uint32_t *pa = (const uint32_t *)(cairo_image_surface_get_data(a) +
                                                (size_t)y * cairo_image_surface_get_stride(a));
        const uint32_t *pb = (const uint32_t *)(cairo_image_surface_get_data(b) +
                                                (size_t)y * cairo_image_surface_get_stride(b));
        for (x = 0; x < w; x++)
            n += (pa[x] & 0xffffffu) != (pb[x] & 0xffffffu);
    }
    return n;
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p = NULL;
    long len;
    *n = 0;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (p = malloc((size_t)len)) && fread(p, 1, (size_t)len, f) == (size_t)len)
        *n = (size_t)len;
    fclose(f);
    return p;
}

/* How many chunks of the given type the file holds. */
static int chunks(const unsigned char *p, size_t n, const char *type)
{
    size_t at = 8;
    int k = 0;
    while (at + 12 <= n) {
        size_t len = (size_t)p[at] << 24 | (size_t)p[at + 1] << 16 | (size_t)p[at + 2] << 8 | p[at + 3];
        k += !memcmp(p + at + 4, type, 4);
        at += 12 + len;
    }
    return k;
}

static void round_trip(int w, int h, unsigned seed)
{
    const char *path = fm_test_path("rt.png");
    cairo_surface_t *s = picture(w, h, seed), *back;
    CHECK(write_png(s, 150, path) == FM_OK);
    back = cairo_image_surface_create_from_png(path);
    CHECK(cairo_surface_status(back) == CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(back) == CAIRO_STATUS_SUCCESS)
        CHECK(pixels_differ(s, back) == 0);
    cairo_surface_destroy(back);
    cairo_surface_destroy(s);
}

static void test_round_trip(void)
{
    round_trip(1, 1, 1);
    round_trip(3, 70, 2);
    round_trip(257, 129, 3);
    round_trip(1240, 1754, 4); /* an A4 page at 150 dpi, a third of it noise */
}

static void test_file(void)
{
    const char *a = fm_test_path("a.png"), *b = fm_test_path("b.png");
    cairo_surface_t *s = picture(1240, 1754, 5);
    unsigned char *pa, *pb;
    size_t na, nb;
    static const unsigned char phys_300[12] = {0, 0, 0, 9, 'p', 'H', 'Y', 's',
                                               0, 0, 0x2e, 0x23}; /* 11811 per metre */
    CHECK(write_png(s, 300, a) == FM_OK);
    CHECK(write_png(s, 300, b) == FM_OK);
    pa = slurp(a, &na);
    pb = slurp(b, &nb);
    CHECK(pa && pb && na == nb && !memcmp(pa, pb, na)); /* the same bytes */
    if (pa) {
        CHECK(na > 33 + 21 && !memcmp(pa + 33, phys_300, sizeof phys_300));
        CHECK(chunks(pa, na, "IDAT") >= 2); /* the noise alone is ~2 MB */
        CHECK(chunks(pa, na, "IEND") == 1);
    }
    free(pa);
    free(pb);
    cairo_surface_destroy(s);
}

static void test_errors(void)
{
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
    cairo_surface_t *s = picture(64, 64, 6);
    FILE *full = fopen("/dev/full", "wb");
    CHECK(write_png(argb, 72, fm_test_path("argb.png")) == FM_EINVAL);
    if (full) {
        setvbuf(full, NULL, _IONBF, 0);
        CHECK(fm_png_write(ctx, s, 72, full, "/dev/full") == FM_EIO);
        fclose(full);
    }
    cairo_surface_destroy(argb);
    cairo_surface_destroy(s);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_round_trip);
    RUN(test_file);
    RUN(test_errors);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
