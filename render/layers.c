/* layers.c: a density map's frame drawn in layers, the outer two kept
 * between runs. Under the density lies the ground (sea, land, relief, lakes,
 * rivers, roads), drawn straight onto the page; over it the country,
 * province and border lines, the veil beyond the extent, the graticule, the
 * extent's outline and the names, drawn into a transparent image of the
 * frame that is then laid over the page. Neither depends on the incidents:
 * with a cache directory (fm_map_set_layer_cache) both images are kept there,
 * keyed by everything they are drawn from, and the next heatmap or month of
 * that page and view only draws its density (placing the names and drawing
 * the ground were three quarters of a million-point heatmap's drawing).
 *
 * A frame drawn fresh and one from the cache are the same to the byte: both
 * lay the same image over the density. Against drawing the lines and names
 * straight onto the density (as maps without a density do), laying them
 * over as one image rounds differently where they overlap (a name's halo
 * over a road): tests/unit/test_heat_frame.c bounds that difference.
 *
 * The key is the frame and its view, the map's options, the program's own
 * file, the library versions, the data directory's basemap and gazetteer
 * files, the fonts (fontconfig's files and directories, by size and
 * modification time) and Pango's default language, written out in
 * full in each entry and compared byte for byte; an entry that does not
 * match or whose sizes do not add up is drawn again and replaced (the
 * pixels carry no checksum: the file is written whole and renamed into
 * place). The directory keeps the FM_LAYERS_KEEP entries used last. */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "render/map_priv.h"

#define LC_MAGIC "FMLAYER1"
#define FM_LAYERS_KEEP 8 /* entries kept (about 2 x 4 bytes a frame pixel each) */

/* A rectangle of the page's pixels. */
typedef struct {
    int32_t x0, y0, w, h;
} lc_rect;

typedef struct {
    char magic[8];
    uint32_t keylen, pad;
    lc_rect under, over;         /* the frame's pixels; what the lines and names reach */
    uint64_t under_at, over_at, len; /* where the two images start, the file's length */
} lc_header;

/* ---- the key -------------------------------------------------------------- */

typedef struct {
    unsigned char *p;
    size_t n, cap;
    int bad;
} keybuf;

static void kput(keybuf *k, const void *p, size_t n)
{
    if (k->bad)
        return;
    if (k->n + n > k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 4096;
        unsigned char *q;
        while (cap < k->n + n)
            cap *= 2;
        if (!(q = realloc(k->p, cap))) {
            k->bad = 1;
            return;
        }
        k->p = q, k->cap = cap;
    }
    memcpy(k->p + k->n, p, n);
    k->n += n;
}

static void kstr(keybuf *k, const char *s)
{
    kput(k, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* A file's identity: its name, size, modification time and inode. */
static void kfile(keybuf *k, const char *path)
{
    struct stat sb;
    int64_t v[4] = {-1, -1, -1, -1};
    if (stat(path, &sb) == 0)
        v[0] = (int64_t)sb.st_size, v[1] = (int64_t)sb.st_mtim.tv_sec,
        v[2] = (int64_t)sb.st_mtim.tv_nsec, v[3] = (int64_t)sb.st_ino;
    kstr(k, path);
    kput(k, v, sizeof v);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file of data_dir/sub, in name order. */
static void kdir(keybuf *k, const char *data_dir, const char *sub)
{
    char path[4096], **names = NULL;
    size_t n = 0, cap = 0, i;
    struct dirent *e;
    DIR *d;
    snprintf(path, sizeof path, "%s/%s", data_dir, sub);
    kfile(k, path);
    if (!(d = opendir(path)))
        return;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **nn = realloc(names, (cap ? 2 * cap : 32) * sizeof *names);
            if (!nn) {
                k->bad = 1;
                break;
            }
            names = nn, cap = cap ? 2 * cap : 32;
        }
        if (!(names[n] = strdup(e->d_name))) {
            k->bad = 1;
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/%s/%s", data_dir, sub, names[i]);
        kfile(k, path);
        free(names[i]);
    }
    free(names);
}

/* The fonts Pango finds through fontconfig: its configuration files and
 * font directories (a font added or removed changes a directory's time). */
static void kfonts(keybuf *k)
{
    FcConfig *fc = FcConfigReference(NULL);
    FcStrList *l;
    FcChar8 *s;
    int i;
    kstr(k, getenv("FONTCONFIG_FILE"));
    kstr(k, getenv("FONTCONFIG_PATH"));
    if (!fc) {
        k->bad = 1;
        return;
    }
    for (i = 0; i < 2; i++) {
        if (!(l = i ? FcConfigGetFontDirs(fc) : FcConfigGetConfigFiles(fc))) {
            k->bad = 1;
            break;
        }
        while ((s = FcStrListNext(l)))
            kfile(k, (const char *)s);
        FcStrListDone(l);
    }
    FcConfigDestroy(fc);
}

/* Everything the two layers are drawn from. */
static void key_make(fm_ctx *ctx, const fm_map *map, const lc_rect *page, const lc_rect *h,
                     keybuf *k)
{
    const fm_map_opts *o = &map->opts;
    Dl_info self;
    int32_t iv[8];
    double dv[8];
    kstr(k, LC_MAGIC);
    kstr(k, fm_version());
    iv[0] = cairo_version(), iv[1] = pango_version(), iv[2] = h->x0, iv[3] = h->y0;
    iv[4] = h->w, iv[5] = h->h, iv[6] = (int32_t)o->labels, iv[7] = o->period_year;
    kput(k, iv, sizeof iv);
    kstr(k, map->lang);
    kstr(k, pango_language_to_string(pango_language_get_default())); /* font fallback */
    dv[0] = map->west, dv[1] = map->south, dv[2] = map->east, dv[3] = map->north;
    dv[4] = o->has_extent ? o->west : NAN, dv[5] = o->has_extent ? o->south : NAN;
    dv[6] = o->has_extent ? o->east : NAN, dv[7] = o->has_extent ? o->north : NAN;
    kput(k, dv, sizeof dv);
    for (size_t i = 0; i < o->nfocus; i++) { /* the polygons veiled around */
        double fv[5] = {o->focus[i]->west, o->focus[i]->south, o->focus[i]->east,
                        o->focus[i]->north, (double)o->focus[i]->npoints};
        kput(k, fv, sizeof fv);
    }
    if (o->subject) { /* the province whose names come first */
        double sv[5] = {o->subject->west, o->subject->south, o->subject->east,
                        o->subject->north, (double)o->subject->npoints};
        kput(k, sv, sizeof sv);
    }
    { /* the frame and its view (not the title, legend or credits around it) */
        const fm_layout *l = &map->lay;
        double lv[14] = {l->page_w, l->page_h, l->frame.x0, l->frame.y0, l->frame.x1,
                         l->frame.y1, l->vx0, l->vy0, l->vx1, l->vy1, l->scale,
                         /* names keep off the message of a map without incidents */
                         !map->npts && map->empty_message && !map->choro, 0, 0};
        kput(k, lv, sizeof lv);
        kput(k, l->bb, sizeof l->bb);
    }
    iv[0] = map->bm != NULL, iv[1] = map->gz != NULL, iv[2] = map->detail != NULL;
    iv[3] = o->dpi, iv[4] = page->w, iv[5] = page->h;
    kput(k, iv, 6 * sizeof *iv);
    /* the drawing code itself: the file that holds this function */
    if (dladdr((void *)key_make, &self) && self.dli_fname)
        kfile(k, self.dli_fname);
    else
        k->bad = 1;
    kdir(k, fm_ctx_data_dir(ctx), "basemap");
    kdir(k, fm_ctx_data_dir(ctx), "gazetteer");
    kfonts(k);
}

static uint64_t key_hash(const keybuf *k)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < k->n; i++)
        h = (h ^ k->p[i]) * 1099511628211ull;
    return h;
}

/* ---- the frame on the page -------------------------------------------------- */

/* The page's pixels, and those the frame covers (clipped to the page). */
static int frame_pixels(fm_map *map, cairo_t *cr, lc_rect *page, lc_rect *r)
{
    cairo_surface_t *t = cairo_get_target(cr);
    const fm_box *f = &map->lay.frame;
    double x0 = f->x0, y0 = f->y0, x1 = f->x1, y1 = f->y1;
    page->x0 = page->y0 = 0;
    page->w = cairo_image_surface_get_width(t), page->h = cairo_image_surface_get_height(t);
    cairo_user_to_device(cr, &x0, &y0);
    cairo_user_to_device(cr, &x1, &y1);
    x0 = fmax(floor(x0), 0), y0 = fmax(floor(y0), 0);
    x1 = fmin(ceil(x1), page->w), y1 = fmin(ceil(y1), page->h);
    if (!(x1 > x0 && y1 > y0))
        return 0;
    r->x0 = (int32_t)x0, r->y0 = (int32_t)y0;
    r->w = (int32_t)(x1 - x0), r->h = (int32_t)(y1 - y0);
    return 1;
}

/* Copies the page's pixels of r to or from buf (r->w x r->h, 4 bytes each). */
static void page_rows(cairo_t *cr, const lc_rect *r, unsigned char *buf, int to_page)
{
    cairo_surface_t *t = cairo_get_target(cr);
    unsigned char *px;
    int stride = cairo_image_surface_get_stride(t), y;
    size_t row = 4 * (size_t)r->w;
    cairo_surface_flush(t);
    px = cairo_image_surface_get_data(t) + (size_t)r->y0 * (size_t)stride + 4 * (size_t)r->x0;
    for (y = 0; y < r->h; y++, px += stride, buf += row)
        memcpy(to_page ? px : buf, to_page ? buf : px, row);
    if (to_page)
        cairo_surface_mark_dirty_rectangle(t, r->x0, r->y0, r->w, r->h);
}

/* The smallest rectangle holding every drawn pixel of img (w x h words). */
static lc_rect drawn_box(const uint32_t *img, int w, int h)
{
    lc_rect r = {0, 0, 0, 0};
    int y, x0 = w, x1 = -1, y0 = -1, y1 = -1;
    for (y = 0; y < h; y++) {
        const uint32_t *row = img + (size_t)y * (size_t)w;
        int a = 0, b = w - 1;
        while (a < w && !row[a])
            a++;
        if (a == w)
            continue;
        while (!row[b])
            b--;
        x0 = a < x0 ? a : x0, x1 = b > x1 ? b : x1;
        y0 = y0 < 0 ? y : y0, y1 = y;
    }
    if (y1 >= 0)
        r.x0 = x0, r.y0 = y0, r.w = x1 - x0 + 1, r.h = y1 - y0 + 1;
    return r;
}

static size_t rect_bytes(const lc_rect *r)
{
    return 4 * (size_t)r->w * (size_t)r->h;
}

static int rect_in(const lc_rect *r, const lc_rect *page)
{
    return r->x0 >= 0 && r->y0 >= 0 && r->w >= 0 && r->h >= 0 && r->x0 <= page->w - r->w &&
           r->y0 <= page->h - r->h;
}

/* ---- the cache's files ------------------------------------------------------ */

static void entry_path(const char *dir, uint64_t hash, char *path, size_t n)
{
    snprintf(path, n, "%s/layers-%016llx.fmlc", dir, (unsigned long long)hash);
}

/* Maps the entry for key k, page and frame under when there is a good one
 * (NULL: none); marks it used. */
static unsigned char *entry_map(const char *path, const keybuf *k, const lc_rect *page,
                                const lc_rect *under, size_t *len)
{
    const lc_header *fh;
    struct stat sb;
    void *p;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof *fh + k->n ||
        (p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
        close(fd);
        return NULL;
    }
    close(fd);
    fh = p;
    if (memcmp(fh->magic, LC_MAGIC, 8) || fh->keylen != k->n ||
        memcmp((const unsigned char *)p + sizeof *fh, k->p, k->n) ||
        memcmp(&fh->under, under, sizeof *under) || !rect_in(&fh->over, page) ||
        fh->len != (uint64_t)sb.st_size || fh->under_at % 64 || fh->over_at % 64 ||
        fh->under_at < sizeof *fh + k->n || fh->over_at < fh->under_at + rect_bytes(under) ||
        fh->over_at + rect_bytes(&fh->over) != fh->len) {
        munmap(p, (size_t)sb.st_size);
        return NULL;
    }
    (void)utimensat(AT_FDCWD, path, NULL, 0); /* used now: kept longest */
    *len = (size_t)sb.st_size;
    return p;
}

/* Makes dir and its parent (0700) when missing. */
static int make_dir(const char *dir)
{
    char parent[4096], *slash;
    if (mkdir(dir, 0700) == 0 || errno == EEXIST)
        return 1;
    if (errno != ENOENT || strlen(dir) >= sizeof parent)
        return 0;
    strcpy(parent, dir);
    if (!(slash = strrchr(parent, '/')) || slash == parent)
        return 0;
    *slash = 0;
    return (mkdir(parent, 0700) == 0 || errno == EEXIST) && mkdir(dir, 0700) == 0;
}

/* Removes the least recently used entries beyond FM_LAYERS_KEEP. */
static void evict(const char *dir)
{
    char path[4096], oldest[4096];
    for (;;) {
        DIR *d = opendir(dir);
        struct dirent *e;
        struct timespec t = {0, 0};
        int n = 0;
        if (!d)
            return;
        while ((e = readdir(d))) {
            struct stat sb;
            size_t len = strlen(e->d_name);
            if (strncmp(e->d_name, "layers-", 7) || len < 5 || strcmp(e->d_name + len - 5, ".fmlc"))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (stat(path, &sb) != 0)
                continue;
            if (!n++ || sb.st_mtim.tv_sec < t.tv_sec ||
                (sb.st_mtim.tv_sec == t.tv_sec && sb.st_mtim.tv_nsec < t.tv_nsec))
                t = sb.st_mtim, snprintf(oldest, sizeof oldest, "%s", path);
        }
        closedir(d);
        if (n <= FM_LAYERS_KEEP || unlink(oldest) != 0)
            return;
    }
}

static int write_all(int fd, const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return 0;
        b += w, n -= (size_t)w;
    }
    return 1;
}

static int write_pad(int fd, uint64_t from, uint64_t to)
{
    static const unsigned char zeros[64];
    return write_all(fd, zeros, (size_t)(to - from));
}

/* Writes the entry beside its place and renames it there (another process
 * writing the same entry meanwhile writes the same bytes): the frame's
 * pixels under (h.under), and h.over's part of the page image over (a row
 * stride bytes long). */
static void entry_store(const char *dir, const char *path, const keybuf *k, lc_header h,
                        const unsigned char *under, const unsigned char *over, int stride)
{
    char tmp[4096];
    uint64_t head = sizeof h + k->n;
    const unsigned char *row = over + (size_t)h.over.y0 * (size_t)stride + 4 * (size_t)h.over.x0;
    int fd, ok, y;
    if (!make_dir(dir) || snprintf(tmp, sizeof tmp, "%s/.layers-XXXXXX", dir) >= (int)sizeof tmp ||
        (fd = mkostemp(tmp, O_CLOEXEC)) < 0)
        return;
    memcpy(h.magic, LC_MAGIC, 8);
    h.keylen = (uint32_t)k->n, h.pad = 0;
    h.under_at = (head + 63) / 64 * 64;
    h.over_at = (h.under_at + rect_bytes(&h.under) + 63) / 64 * 64;
    h.len = h.over_at + rect_bytes(&h.over);
    ok = write_all(fd, &h, sizeof h) && write_all(fd, k->p, k->n) &&
         write_pad(fd, head, h.under_at) && write_all(fd, under, rect_bytes(&h.under)) &&
         write_pad(fd, h.under_at + rect_bytes(&h.under), h.over_at);
    for (y = 0; ok && y < h.over.h; y++, row += stride)
        ok = write_all(fd, row, 4 * (size_t)h.over.w);
    if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return;
    }
    evict(dir);
}

/* ---- drawing ------------------------------------------------------------------ */

int fm_layers_apply(const fm_map *map, cairo_t *cr)
{
    return map->grid && !map->no_layers && !map->npts && !map->nrings && !map->ncallouts && !map->choro &&
           cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
}

/* Draws the layer over the density into over (the page's size, zeroed). */
static fm_status draw_over(fm_ctx *ctx, fm_map *map, cairo_t *page, const lc_rect *pg,
                           unsigned char *over)
{
    cairo_surface_t *s = cairo_image_surface_create_for_data(over, CAIRO_FORMAT_ARGB32, pg->w,
                                                             pg->h, 4 * pg->w);
    const fm_box *f = &map->lay.frame;
    cairo_matrix_t m;
    cairo_t *cr = cairo_create(s);
    fm_status st;
    cairo_get_matrix(page, &m);
    cairo_set_matrix(cr, &m);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_clip(cr);
    st = fm_map_draw_over(ctx, map, cr);
    if (!st && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = fm_error(ctx, FM_ENOMEM, "cannot draw the map's lines and names: %s",
                      cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    cairo_surface_flush(s);
    cairo_surface_destroy(s);
    return st;
}

/* Lays r's part of an ARGB image (rows stride bytes apart, its first
 * pixel at data) over the page. */
static void lay_over(cairo_t *cr, const lc_rect *r, const unsigned char *data, int stride)
{
    cairo_surface_t *s;
    if (!r->w || !r->h)
        return;
    s = cairo_image_surface_create_for_data((unsigned char *)data, CAIRO_FORMAT_ARGB32, r->w,
                                            r->h, stride);
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_set_source_surface(cr, s, r->x0, r->y0);
    cairo_rectangle(cr, r->x0, r->y0, r->w, r->h);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(s);
}

static void draw_density(fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    cairo_save(cr);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_clip(cr);
    fm_density_draw(map, cr);
    cairo_restore(cr);
}

/* The frame from the cache's entry at path, when there is a good one. */
static int from_cache(fm_ctx *ctx, fm_map *map, cairo_t *cr, const char *path,
                      const keybuf *k, const lc_rect *page, const lc_rect *under)
{
    size_t len = 0;
    unsigned char *e = entry_map(path, k, page, under, &len);
    const lc_header *h = (const lc_header *)e;
    if (!e)
        return 0;
    fm_log(ctx, FM_LOG_DEBUG, "map: the ground, lines and names from '%s'", path);
    page_rows(cr, under, e + h->under_at, 1);
    draw_density(map, cr);
    lay_over(cr, &h->over, e + h->over_at, 4 * h->over.w);
    munmap(e, len);
    return 1;
}

fm_status fm_layers_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    keybuf k = {0};
    lc_header h;
    char path[4096];
    unsigned char *under = NULL, *over = NULL;
    int cache;
    fm_status st = FM_OK;
    memset(&h, 0, sizeof h);
    if (!frame_pixels(map, cr, &h.over, &h.under))
        return FM_OK; /* the frame is off the page */
    if (map->layer_cache) {
        key_make(ctx, map, &h.over, &h.under, &k);
        entry_path(map->layer_cache, key_hash(&k), path, sizeof path);
        if (!k.bad && from_cache(ctx, map, cr, path, &k, &h.over, &h.under)) {
            free(k.p);
            return FM_OK;
        }
    }
    cache = map->layer_cache && !k.bad;
    if (!(over = fm_big_calloc(rect_bytes(&h.over), 1)) ||
        (cache && !(under = fm_big_calloc(rect_bytes(&h.under), 1)))) {
        fm_big_free(over);
        free(k.p);
        return fm_error(ctx, FM_ENOMEM, "out of memory for the map's layers");
    }
    cairo_save(cr);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_clip(cr);
    fm_basemap_draw(map, cr);
    cairo_restore(cr);
    if (under)
        page_rows(cr, &h.under, under, 0);
    draw_density(map, cr);
    {
        lc_rect page = h.over;
        if (!(st = draw_over(ctx, map, cr, &page, over))) {
            h.over = drawn_box((const uint32_t *)over, page.w, page.h);
            lay_over(cr, &h.over, over + 4 * ((size_t)h.over.y0 * (size_t)page.w + (size_t)h.over.x0),
                     4 * page.w);
            if (under)
                entry_store(map->layer_cache, path, &k, h, under, over, 4 * page.w);
        }
    }
    fm_big_free(under);
    fm_big_free(over);
    free(k.p);
    return st;
}
