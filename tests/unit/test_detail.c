/* test_detail.c: the basemap's detail image (render/detail_image.c): the
 * image of the built-in data holds exactly what parsing the sources gives
 * (every feature, coordinate, part, hole, name and the relief's hill shade,
 * byte for byte); the build's image is current and used; a stale, foreign,
 * truncated or missing image falls back to parsing; a damaged one is an
 * error; a data directory without detail gives an empty image. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fm_test.h"
#include "render/fm_render.h"
#include "render/map_priv.h"

static fm_ctx *ctx;


/* Whether a and b hold the same features, pools and shade. */
static int same_detail(const fm_detail *a, const fm_detail *b)
{
    size_t i, nsh;
    if (a->n != b->n || a->dem_nx != b->dem_nx || a->dem_ny != b->dem_ny ||
        (!a->shade) != (!b->shade))
        return 0;
    if (a->shade && (a->dem_west != b->dem_west || a->dem_north != b->dem_north ||
                     a->dem_cell != b->dem_cell))
        return 0;
    nsh = (size_t)a->dem_nx * a->dem_ny;
    if (a->shade && memcmp(a->shade, b->shade, nsh * sizeof *a->shade))
        return 0;
    for (i = 0; i < a->n; i++) {
        const fm_detail_feature *f = &a->f[i], *g = &b->f[i];
        if (f->layer != g->layer || f->rank != g->rank || f->dashed != g->dashed ||
            (!f->name) != (!g->name) || (f->name && strcmp(f->name, g->name)) ||
            f->g.npoints != g->g.npoints || f->g.nparts != g->g.nparts ||
            f->g.west != g->g.west || f->g.south != g->g.south || f->g.east != g->g.east ||
            f->g.north != g->g.north || (!f->g.ring_is_hole) != (!g->g.ring_is_hole))
            return 0;
        if (memcmp(f->g.xy, g->g.xy, 2 * f->g.npoints * sizeof *f->g.xy) ||
            memcmp(f->g.part_start, g->g.part_start, (f->g.nparts + 1) * sizeof(size_t)) ||
            (f->g.ring_is_hole && memcmp(f->g.ring_is_hole, g->g.ring_is_hole, f->g.nparts)))
            return 0;
    }
    return 1;
}

static void test_builtin_image(void)
{
    fm_detail *parsed = NULL, *mapped = NULL, *built = NULL;
    const char *img = fm_test_path("detail.idx");
    size_t i, roads = 0, rivers = 0, water = 0, named = 0, holes = 0;
    CHECK(fm_detail_open_index(ctx, NULL, "", &parsed) == FM_OK);
    CHECK(parsed && !parsed->map);
    if (!parsed)
        return;
    fm_detail_prepare(parsed);
    CHECK(parsed->shade != NULL);
    for (i = 0; i < parsed->n; i++) {
        roads += parsed->f[i].layer == FM_DETAIL_ROAD;
        rivers += parsed->f[i].layer == FM_DETAIL_RIVER;
        water += parsed->f[i].layer == FM_DETAIL_WATER;
        named += parsed->f[i].name != NULL;
        holes += parsed->f[i].g.ring_is_hole != NULL;
    }
    /* the data has all three layers, names and lakes with islands */
    CHECK(roads > 100 && rivers > 10 && water > 10 && named > 10 && holes > 0);
    CHECK(fm_detail_write_image(ctx, NULL, img) == FM_OK);
    CHECK(fm_detail_open_index(ctx, NULL, img, &mapped) == FM_OK);
    CHECK(mapped && mapped->map && !mapped->z);
    CHECK(mapped && same_detail(parsed, mapped));
    /* drawing asks for the shade again: the image's, not a new one */
    if (mapped) {
        const float *sh = mapped->shade;
        fm_detail_prepare(mapped);
        CHECK(mapped->shade == sh);
    }
    /* the build writes one too, current with the data, and opening uses it */
    CHECK(fm_detail_open(ctx, NULL, &built) == FM_OK);
    CHECK(built && built->map);
    CHECK(built && same_detail(parsed, built));
    fm_detail_close(built);
    fm_detail_close(mapped);
    fm_detail_close(parsed);
}

static void put_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A small data directory: a lake with an island, a named intermittent
 * river, a numbered trunk road, a track (not drawn) and a 4x3 grid. */
static const char *small_dir(void)
{
    char path[600];
    const char *dir = fm_test_path("small");
    gzFile gz;
    static const short z[12] = {100, 200, 300, 400, -32768, 500, 800, 900, 0, 50, 1200, 2500};
    snprintf(path, sizeof path, "%s/basemap", dir);
    mkdir(dir, 0755);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/basemap/water.geojson", dir);
    put_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                   "\"properties\":{\"class\":\"lake\"},\"geometry\":{\"type\":\"Polygon\","
                   "\"coordinates\":[[[70,34],[71,34],[71,35],[70,35],[70,34]],"
                   "[[70.4,34.4],[70.6,34.4],[70.6,34.6],[70.4,34.4]]]}}]}");
    snprintf(path, sizeof path, "%s/basemap/rivers.geojson", dir);
    put_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                   "\"properties\":{\"rank\":\"2\",\"name\":\"Kurram\",\"intermittent\":\"1\"},"
                   "\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":"
                   "[[[69,33],[69.5,33.2]],[[69.5,33.2],[70,33.1],[70.2,33]]]}}]}");
    snprintf(path, sizeof path, "%s/basemap/roads.geojson", dir);
    put_file(path, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                   "\"properties\":{\"class\":\"trunk\",\"ref\":\"N-5\"},\"geometry\":"
                   "{\"type\":\"LineString\",\"coordinates\":[[71,34],[71.5,34.1]]}},"
                   "{\"type\":\"Feature\",\"properties\":{\"class\":\"track\"},\"geometry\":"
                   "{\"type\":\"LineString\",\"coordinates\":[[71,34],[71.1,34.1]]}}]}");
    snprintf(path, sizeof path, "%s/basemap/relief.dem.gz", dir);
    gz = gzopen(path, "wb");
    CHECK(gz != NULL);
    if (gz) {
        unsigned char raw[24];
        for (int i = 0; i < 12; i++)
            raw[2 * i] = (unsigned char)(z[i] & 0xff),
            raw[2 * i + 1] = (unsigned char)((unsigned short)z[i] >> 8);
        gzprintf(gz, "FMDEM1 4 3 69.000000 35.000000 0.500000000 -32768\n");
        gzwrite(gz, raw, sizeof raw);
        gzclose(gz);
    }
    return dir;
}

static void test_small_and_stale(void)
{
    const char *dir = small_dir();
    const char *img = fm_test_path("small.idx");
    char path[600];
    fm_detail *parsed = NULL, *mapped = NULL, *again = NULL;
    struct timespec later[2] = {{0, UTIME_OMIT}, {2000000000, 0}};
    CHECK(fm_detail_open_index(ctx, dir, "", &parsed) == FM_OK);
    if (!parsed)
        return;
    fm_detail_prepare(parsed);
    CHECK(parsed->n == 3); /* the track is not kept */
    CHECK(parsed->shade && isnan(parsed->shade[4]) && !isnan(parsed->shade[5]));
    CHECK(fm_detail_write_image(ctx, dir, img) == FM_OK);
    CHECK(fm_detail_open_index(ctx, dir, img, &mapped) == FM_OK);
    CHECK(mapped && mapped->map && same_detail(parsed, mapped));
    if (mapped && mapped->n == 3) {
        CHECK(mapped->f[0].layer == FM_DETAIL_WATER && mapped->f[0].g.ring_is_hole &&
              mapped->f[0].g.ring_is_hole[1] == 1);
        CHECK_STR(mapped->f[1].name, "Kurram");
        CHECK(mapped->f[1].dashed && mapped->f[1].rank == 2 && mapped->f[1].g.nparts == 2);
        CHECK_STR(mapped->f[2].name, "N-5");
    }
    fm_detail_close(mapped);
    /* a source changed since the image was written: parsed, not mapped */
    snprintf(path, sizeof path, "%s/basemap/roads.geojson", dir);
    CHECK(utimensat(AT_FDCWD, path, later, 0) == 0);
    CHECK(fm_detail_open_index(ctx, dir, img, &again) == FM_OK);
    fm_detail_prepare(again);
    CHECK(again && !again->map && same_detail(parsed, again));
    fm_detail_close(again);
    /* another data directory's image is not taken for this one's */
    again = NULL;
    CHECK(fm_detail_open_index(ctx, NULL, img, &again) == FM_OK);
    CHECK(again && !again->map && again->n > 100);
    fm_detail_close(again);
    /* a missing image: parsed */
    again = NULL;
    CHECK(fm_detail_open_index(ctx, dir, fm_test_path("none.idx"), &again) == FM_OK);
    CHECK(again && !again->map && again->n == 3);
    fm_detail_close(again);
    fm_detail_close(parsed);
}

/* Rewrites byte `at` of the file (or truncates it there when byte < 0). */
static void spoil(const char *path, long at, int byte)
{
    FILE *f = fopen(path, "r+b");
    CHECK(f != NULL);
    if (!f)
        return;
    if (byte < 0) {
        CHECK(ftruncate(fileno(f), at) == 0);
    } else {
        fseek(f, at, SEEK_SET);
        fputc(byte, f);
    }
    fclose(f);
}

static void test_damaged(void)
{
    const char *dir = small_dir();
    const char *img = fm_test_path("damaged.idx");
    fm_detail *d = NULL;
    struct stat sb;
    CHECK(fm_detail_write_image(ctx, dir, img) == FM_OK);
    CHECK(stat(img, &sb) == 0);
    /* truncated: not an image of these files any more, parsed */
    spoil(img, (long)sb.st_size - 1, -1);
    CHECK(fm_detail_open_index(ctx, dir, img, &d) == FM_OK);
    CHECK(d && !d->map && d->n == 3);
    fm_detail_close(d);
    /* a feature pointing past the pools: an error naming the file */
    d = NULL;
    CHECK(fm_detail_write_image(ctx, dir, img) == FM_OK);
    {
        /* the features are the first section, 64-aligned after the header:
         * the lake's record starts layer 2, rank 0, not dashed, no name;
         * its first point's index (8 bytes in) is made huge */
        static const unsigned char lake[8] = {FM_DETAIL_WATER, 0, 0, 0, 0xff, 0xff, 0xff, 0xff};
        unsigned char h[1024];
        FILE *f = fopen(img, "rb");
        size_t got = f ? fread(h, 1, sizeof h, f) : 0, off;
        if (f)
            fclose(f);
        for (off = 64; off + 8 <= got && memcmp(h + off, lake, 8); off += 64)
            ;
        CHECK(off + 8 <= got);
        spoil(img, (long)off + 15, 0x7f);
    }
    CHECK(fm_detail_open_index(ctx, dir, img, &d) == FM_EFORMAT);
    CHECK(d == NULL);
    CHECK(strstr(fm_ctx_message(ctx), "damaged detail image") != NULL);
}

static void test_empty_dir(void)
{
    const char *dir = fm_test_path("empty");
    const char *img = fm_test_path("empty.idx");
    char path[600];
    fm_detail *d = NULL;
    snprintf(path, sizeof path, "%s/basemap", dir);
    mkdir(dir, 0755);
    mkdir(path, 0755);
    CHECK(fm_detail_write_image(ctx, dir, img) == FM_OK);
    CHECK(fm_detail_open_index(ctx, dir, img, &d) == FM_OK);
    CHECK(d && d->map && d->n == 0 && !d->shade && !d->z);
    fm_detail_close(d);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_builtin_image);
    RUN(test_small_and_stale);
    RUN(test_damaged);
    RUN(test_empty_dir);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
