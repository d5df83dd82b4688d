/* test_layers.c: a density map's frame drawn in layers (render/layers.c).
 * The page is the same to the byte without a cache, when the cache is
 * filled and when it is read; it stays within 2/255 a channel of the frame
 * drawn straight (lines and names onto the density); the cache's key
 * changes with what the layers are drawn from (options, data files); a
 * damaged or foreign entry is drawn again; the directory keeps at most
 * eight entries. */
#include <cairo/cairo.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fm_test.h"
#include "render/fm_render.h"
#include "render/map_priv.h"

static fm_ctx *ctx;
static fm_basemap *bm;
static fm_gazetteer *gz;

/* A page drawn quickly: A5 at 100 dpi, the default labels. */
static void opts_page(fm_map_opts *o, int dpi, unsigned labels)
{
    fm_map_opts_init(o);
    o->page_w_mm = 148, o->page_h_mm = 210, o->dpi = dpi;
    o->labels = labels;
    o->title = "Layers";
    o->credits = "Test data";
}

/* Two Gaussian hills (one saturated) on a 5 km grid over the frontier. */
static fm_grid *hills(fm_map *m)
{
    double xy[4] = {71.5, 34.0, 66.9, 30.2}, e[4];
    fm_grid *g = NULL;
    size_t i, j;
    fm_frontier_bbox(e);
    fm_proj_fwd(fm_map_proj(m), xy, 2);
    if (fm_grid_create(ctx, 400, 300, -1000e3, -750e3, 5e3, &g))
        return NULL;
    for (j = 0; j < g->ny; j++)
        for (i = 0; i < g->nx; i++) {
            double x = g->x0 + (i + 0.5) * 5e3, y = g->y0 + (j + 0.5) * 5e3;
            double d1 = hypot(x - xy[0], y - xy[1]) / 80e3, d2 = hypot(x - xy[2], y - xy[3]) / 50e3;
            g->v[j * g->nx + i] = (float)(150 * exp(-d1 * d1) + 60 * exp(-d2 * d2));
        }
    return g;
}

/* Draws the density map to path with the cache dir (NULL: none), or
 * straight (no_layers). */
static int draw(const char *path, const char *dir, int no_layers, int dpi, unsigned labels)
{
    fm_map_opts o;
    fm_map *m = NULL;
    fm_grid *g;
    int ok;
    opts_page(&o, dpi, labels);
    if (fm_map_create(ctx, &o, bm, gz, &m) || !(g = hills(m))) {
        fm_map_destroy(m);
        return 0;
    }
    m->no_layers = no_layers;
    ok = fm_map_set_density(ctx, m, g, FM_RAMP_VIRIDIS, 100, "incidents per 100 km2") == FM_OK &&
         fm_map_set_layer_cache(ctx, m, dir) == FM_OK && fm_map_render(ctx, m, path) == FM_OK;
    if (!ok)
        fprintf(stderr, "   draw %s: %s\n", path, fm_ctx_message(ctx));
    fm_grid_destroy(g);
    fm_map_destroy(m);
    return ok;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int ca, cb, same = fa && fb;
    while (same && ((ca = getc(fa)) != EOF || !feof(fa))) {
        cb = getc(fb);
        same = ca == cb;
    }
    if (same)
        same = getc(fb) == EOF;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* The entries in dir (their names into first, when asked). */
static int entries(const char *dir, char *first, size_t n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int k = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, "layers-", 7)) {
            if (!k++ && first)
                snprintf(first, n, "%s/%s", dir, e->d_name);
        }
    closedir(d);
    return k;
}

static void empty_dir(const char *dir)
{
    char path[4096];
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' || e->d_name[1] == 'l') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
}

static void test_same_bytes_cached_or_not(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", fm_test_path("cache-same"));
    empty_dir(dir);
    CHECK(draw(fm_test_path("fresh.png"), NULL, 0, 100, 0xf));
    CHECK(draw(fm_test_path("filled.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, NULL, 0) == 1);
    CHECK(draw(fm_test_path("read.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, NULL, 0) == 1);
    CHECK(same_file(fm_test_path("fresh.png"), fm_test_path("filled.png")));
    CHECK(same_file(fm_test_path("fresh.png"), fm_test_path("read.png")));
}

/* The layered page against the frame drawn straight: the same but for
 * rounding where lines and names overlap, at most 2/255 in a channel, and
 * nothing lost (the graticule's labels outside the frame were, once). */
static void test_close_to_straight(void)
{
    cairo_surface_t *a, *b;
    long diff = 0, n = 0;
    int maxd = 0;
    CHECK(draw(fm_test_path("layered.png"), NULL, 0, 100, 0xf));
    CHECK(draw(fm_test_path("straight.png"), NULL, 1, 100, 0xf));
    a = cairo_image_surface_create_from_png(fm_test_path("layered.png"));
    b = cairo_image_surface_create_from_png(fm_test_path("straight.png"));
    CHECK(cairo_surface_status(a) == CAIRO_STATUS_SUCCESS &&
          cairo_surface_status(b) == CAIRO_STATUS_SUCCESS);
    if (cairo_surface_status(a) == CAIRO_STATUS_SUCCESS &&
        cairo_surface_status(b) == CAIRO_STATUS_SUCCESS) {
        int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a), x, y;
        CHECK(w == cairo_image_surface_get_width(b) && h == cairo_image_surface_get_height(b));
        for (y = 0; y < h; y++)
            for (x = 0; x < w; x++) {
                const unsigned char *pa = cairo_image_surface_get_data(a) +
                                          (size_t)y * cairo_image_surface_get_stride(a) + 4 * x;
                const unsigned char *pb = cairo_image_surface_get_data(b) +
                                          (size_t)y * cairo_image_surface_get_stride(b) + 4 * x;
                int k, d = 0;
                for (k = 0; k < 3; k++)
                    d = abs(pa[k] - pb[k]) > d ? abs(pa[k] - pb[k]) : d;
                diff += d > 0, n++;
                maxd = d > maxd ? d : maxd;
            }
        fprintf(stderr, "   %ld of %ld pixels differ, by at most %d\n", diff, n, maxd);
        CHECK(maxd <= 2);
        CHECK(diff < n / 20);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

/* Other options are other entries, each the page drawn without a cache. */
static void test_key_follows_options(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", fm_test_path("cache-key"));
    empty_dir(dir);
    CHECK(draw(fm_test_path("k1.png"), dir, 0, 100, 0xf));
    CHECK(draw(fm_test_path("k2.png"), dir, 0, 100, 0));
    CHECK(draw(fm_test_path("k3.png"), dir, 0, 90, 0xf));
    CHECK(entries(dir, NULL, 0) == 3);
    CHECK(draw(fm_test_path("k2-fresh.png"), NULL, 0, 100, 0));
    CHECK(draw(fm_test_path("k3-fresh.png"), NULL, 0, 90, 0xf));
    CHECK(same_file(fm_test_path("k2.png"), fm_test_path("k2-fresh.png")));
    CHECK(same_file(fm_test_path("k3.png"), fm_test_path("k3-fresh.png")));
    CHECK(!same_file(fm_test_path("k1.png"), fm_test_path("k2.png")));
}

/* A data file changed, added or removed is another key: the data directory
 * here is a copy of the real one's file names, each a link but one. */
static void test_key_follows_data(void)
{
    char dir[1024], data[1024], path[2048], src[2048], real[1024];
    const char *subs[2] = {"basemap", "gazetteer"};
    struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    int i;
    snprintf(real, sizeof real, "%s", fm_ctx_data_dir(ctx));
    snprintf(dir, sizeof dir, "%s", fm_test_path("cache-data"));
    snprintf(data, sizeof data, "%s", fm_test_path("data"));
    empty_dir(dir);
    mkdir(data, 0700);
    for (i = 0; i < 2; i++) {
        DIR *d;
        struct dirent *e;
        snprintf(path, sizeof path, "%s/%s", data, subs[i]);
        mkdir(path, 0700);
        empty_dir(path);
        snprintf(src, sizeof src, "%s/%s", real, subs[i]);
        CHECK((d = opendir(src)) != NULL);
        while (d && (e = readdir(d)))
            if (e->d_name[0] != '.') {
                char from[4096], to[4096];
                if (strlen(e->d_name) > 255)
                    continue;
                snprintf(from, sizeof from, "%s/%s", src, e->d_name);
                snprintf(to, sizeof to, "%s/%s/%s", data, subs[i], e->d_name);
                CHECK(symlink(from, to) == 0);
            }
        if (d)
            closedir(d);
    }
    snprintf(path, sizeof path, "%s/basemap/extra.txt", data);
    {
        FILE *f = fopen(path, "w");
        CHECK(f && fputs("x\n", f) >= 0 && fclose(f) == 0);
    }
    CHECK(fm_ctx_set_data_dir(ctx, data) == FM_OK);
    CHECK(draw(fm_test_path("d1.png"), dir, 0, 100, 0xf));
    CHECK(draw(fm_test_path("d1.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, NULL, 0) == 1);
    CHECK(utimensat(AT_FDCWD, path, t, 0) == 0); /* changed */
    CHECK(draw(fm_test_path("d2.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, NULL, 0) == 2);
    CHECK(unlink(path) == 0); /* removed */
    CHECK(draw(fm_test_path("d3.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, NULL, 0) == 3);
    CHECK(same_file(fm_test_path("d1.png"), fm_test_path("d3.png")));
    CHECK(fm_ctx_set_data_dir(ctx, real) == FM_OK);
}

/* A short entry, or one whose key was overwritten, is drawn again. */
static void test_damaged_entry(void)
{
    char dir[4096], entry[4096];
    struct stat sb;
    off_t whole = 0;
    int fd;
    snprintf(dir, sizeof dir, "%s", fm_test_path("cache-bad"));
    empty_dir(dir);
    CHECK(draw(fm_test_path("b0.png"), NULL, 0, 100, 0xf));
    CHECK(draw(fm_test_path("b1.png"), dir, 0, 100, 0xf));
    CHECK(entries(dir, entry, sizeof entry) == 1);
    CHECK(stat(entry, &sb) == 0 && (whole = sb.st_size) > 4096 &&
          truncate(entry, whole - 4096) == 0);
    CHECK(draw(fm_test_path("b2.png"), dir, 0, 100, 0xf));
    CHECK(stat(entry, &sb) == 0 && sb.st_size == whole); /* replaced whole */
    CHECK((fd = open(entry, O_WRONLY)) >= 0);
    CHECK(pwrite(fd, "garbage!", 8, 100) == 8);
    close(fd);
    CHECK(draw(fm_test_path("b3.png"), dir, 0, 100, 0xf));
    CHECK(same_file(fm_test_path("b0.png"), fm_test_path("b2.png")));
    CHECK(same_file(fm_test_path("b0.png"), fm_test_path("b3.png")));
    /* a cache that cannot be written is no error */
    CHECK(draw(fm_test_path("b4.png"), "/proc/no/such/dir", 0, 100, 0xf));
    CHECK(same_file(fm_test_path("b0.png"), fm_test_path("b4.png")));
}

static void test_keeps_eight(void)
{
    char dir[4096];
    int dpi;
    snprintf(dir, sizeof dir, "%s", fm_test_path("cache-lru"));
    empty_dir(dir);
    for (dpi = 40; dpi < 50; dpi++)
        CHECK(draw(fm_test_path("lru.png"), dir, 0, dpi, 0));
    CHECK(entries(dir, NULL, 0) == 8);
}

/* A density map without incidents says so in dark type, layers or not (it
 * was white on its white halo over the layers: the colour left by the last
 * layer drawn), and the message keeps off the place names: every name the
 * map guarantees is placed. */
static void test_empty_message_readable(void)
{
    for (int no_layers = 0; no_layers < 2; no_layers++) {
        fm_map_opts o;
        fm_map *m = NULL;
        fm_grid *g = NULL;
        cairo_surface_t *img, *ms;
        cairo_t *cr;
        fm_box b;
        fm_map_label_info li;
        int dark = 0;
        opts_page(&o, 100, FM_LABEL_CROSSINGS | FM_LABEL_DISTRICTS | FM_LABEL_PROVINCES);
        o.empty_message = "No incidents recorded in this period";
        CHECK(fm_map_create(ctx, &o, bm, gz, &m) == FM_OK && (g = hills(m)) != NULL);
        if (!g) {
            fm_map_destroy(m);
            return;
        }
        m->no_layers = no_layers;
        CHECK(fm_map_set_density(ctx, m, g, FM_RAMP_VIRIDIS, 100, "incidents") == FM_OK);
        CHECK(fm_map_render(ctx, m, fm_test_path("empty.png")) == FM_OK);
        ms = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8);
        cr = cairo_create(ms);
        CHECK(fm_map_empty_box(m, cr, &b, NULL) == 1);
        img = cairo_image_surface_create_from_png(fm_test_path("empty.png"));
        CHECK(cairo_surface_status(img) == CAIRO_STATUS_SUCCESS);
        if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
            unsigned char *d = cairo_image_surface_get_data(img);
            int st = cairo_image_surface_get_stride(img), w = cairo_image_surface_get_width(img);
            int h = cairo_image_surface_get_height(img);
            for (int y = (int)(b.y0 * 100 / 72); y < (int)(b.y1 * 100 / 72) && y < h; y++)
                for (int x = (int)(b.x0 * 100 / 72); x < (int)(b.x1 * 100 / 72) && x < w; x++) {
                    uint32_t v = *(uint32_t *)(void *)(d + (size_t)y * st + 4 * (size_t)x);
                    dark += ((v >> 16) & 255) < 110 && ((v >> 8) & 255) < 110 && (v & 255) < 110;
                }
        }
        CHECK(dark > 300); /* the letters, in grey 0.3 */
        for (size_t i = 0; fm_map_label_info_get(m, i, &li); i++)
            CHECK(!li.must || li.placed);
        cairo_destroy(cr);
        cairo_surface_destroy(ms);
        cairo_surface_destroy(img);
        fm_grid_destroy(g);
        fm_map_destroy(m);
    }
}

int main(void)
{
    ctx = fm_ctx_create();
    if (fm_basemap_open(ctx, NULL, &bm) || fm_gazetteer_open(ctx, NULL, &gz)) {
        fprintf(stderr, "cannot load the built-in data: %s\n", fm_ctx_message(ctx));
        return 1;
    }
    RUN(test_same_bytes_cached_or_not);
    RUN(test_close_to_straight);
    RUN(test_key_follows_options);
    RUN(test_key_follows_data);
    RUN(test_damaged_entry);
    RUN(test_keeps_eight);
    RUN(test_empty_message_readable);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_ctx_destroy(ctx);
    fm_render_release_fonts();
    return fm_test_done();
}
