/* geojson.c: a small GeoJSON reader for the basemap's own files: any JSON
 * syntax, of GeoJSON a FeatureCollection of (Multi)Polygon and (Multi)LineString
 * features, each handed to a callback with its geometry and chosen properties. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo/geo_priv.h"

/* The basemap files are read by a small JSON reader of their own, not through
 * GDAL: GDAL's GeoJSON driver spends about 1 us per vertex (it parses the file
 * twice and makes a JSON object of every number), 50-90 ms for the 50,000
 * vertices here against about 3 ms. */
#define JSON_MAX_DEPTH 32

typedef struct {
    fm_ctx *ctx;
    const char *s, *p, *end, *path;
    fm_status st;
    fm_geom g;          /* the geometry being read; capacities below */
    size_t cap_pts, cap_parts;
    int part_depth;     /* nesting of the arrays holding positions, -1 if none yet */
    unsigned char *first_in_parent; /* per part: whether it came first in its array */
    const char *const *keys; /* the properties to keep, nkeys of them */
    size_t nkeys;
    fm_geojson_feature_fn fn;
    void *user;
} jreader;

void fm_geom_clear(fm_geom *g)
{
    if (!g)
        return;
    free(g->xy);
    free(g->part_start);
    free(g->ring_is_hole);
    memset(g, 0, sizeof *g);
}

static fm_status jr_fail(jreader *jr, const char *what)
{
    int line = 1;
    const char *q;
    if (jr->st)
        return jr->st;
    for (q = jr->s; q < jr->p && q < jr->end; q++)
        line += *q == '\n';
    return jr->st = fm_error(jr->ctx, FM_EFORMAT, "'%s': line %d: %s", jr->path, line, what);
}

static int jr_peek(jreader *jr)
{
    while (jr->p < jr->end && (*jr->p == ' ' || *jr->p == '\n' || *jr->p == '\r' || *jr->p == '\t'))
        jr->p++;
    return jr->p < jr->end ? (unsigned char)*jr->p : -1;
}

static int jr_eat(jreader *jr, char c)
{
    if (jr_peek(jr) != (unsigned char)c)
        return 0;
    jr->p++;
    return 1;
}

static fm_status jr_expect(jreader *jr, char c)
{
    char msg[] = "expected 'x'"; /* on the stack: readers may run in parallel */
    if (jr_eat(jr, c))
        return FM_OK;
    msg[10] = c;
    return jr_fail(jr, msg);
}

/* Appends code point u to b as UTF-8. */
static void put_utf8(char *b, size_t *n, unsigned u)
{
    if (u < 0x80) {
        b[(*n)++] = (char)u;
    } else if (u < 0x800) {
        b[(*n)++] = (char)(0xC0 | u >> 6), b[(*n)++] = (char)(0x80 | (u & 63));
    } else if (u < 0x10000) {
        b[(*n)++] = (char)(0xE0 | u >> 12), b[(*n)++] = (char)(0x80 | (u >> 6 & 63));
        b[(*n)++] = (char)(0x80 | (u & 63));
    } else {
        b[(*n)++] = (char)(0xF0 | u >> 18), b[(*n)++] = (char)(0x80 | (u >> 12 & 63));
        b[(*n)++] = (char)(0x80 | (u >> 6 & 63)), b[(*n)++] = (char)(0x80 | (u & 63));
    }
}

static int hex4(const char *p, unsigned *u)
{
    int i;
    *u = 0;
    for (i = 0; i < 4; i++) {
        int c = p[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        *u = *u * 16 + (unsigned)d;
    }
    return 1;
}

/* One escape after the backslash at jr->p; appends to out (if any). */
static fm_status jr_escape(jreader *jr, char *out, size_t *n)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e;
    unsigned u, lo;
    if (jr->p + 1 >= jr->end)
        return jr_fail(jr, "unterminated string");
    if (jr->p[1] != 'u') {
        if (!jr->p[1] || !(e = strchr(from, jr->p[1])))
            return jr_fail(jr, "invalid escape in string");
        if (out)
            out[(*n)++] = to[e - from];
        jr->p += 2;
        return FM_OK;
    }
    if (jr->end - jr->p < 6 || !hex4(jr->p + 2, &u))
        return jr_fail(jr, "invalid \\u escape in string");
    jr->p += 6;
    if (u >= 0xD800 && u < 0xDC00 && jr->end - jr->p >= 6 && jr->p[0] == '\\' &&
        jr->p[1] == 'u' && hex4(jr->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        jr->p += 6;
    } else if (u >= 0xD800 && u < 0xE000) {
        u = 0xFFFD; /* a lone surrogate */
    }
    if (out)
        put_utf8(out, n, u);
    return FM_OK;
}

/* A string; *out (if out) receives a malloc'd copy, which the caller frees. The
 * decoded text is never longer than its escaped form, so one allocation does. */
static fm_status jr_string(jreader *jr, char **out)
{
    const char *q;
    char *b = NULL;
    size_t n = 0;
    if (jr_expect(jr, '"'))
        return jr->st;
    for (q = jr->p; q < jr->end && *q != '"'; q++)
        q += *q == '\\';
    if (q >= jr->end)
        return jr_fail(jr, "unterminated string");
    if (out && !(b = *out = malloc((size_t)(q - jr->p) + 1)))
        return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
    while (*jr->p != '"') {
        if ((unsigned char)*jr->p < 0x20)
            return jr_fail(jr, "control character in string");
        if (*jr->p == '\\') {
            if (jr_escape(jr, b, &n))
                return jr->st;
        } else {
            if (b)
                b[n++] = *jr->p;
            jr->p++;
        }
    }
    jr->p++;
    if (b)
        b[n] = '\0';
    return FM_OK;
}

static int is_digit(const char *p, const char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* A JSON number. Up to 15 digits and no exponent (every number the build
 * script writes) is an exact integer divided by a power of ten, which IEEE
 * division rounds correctly, as strtod would; the rest goes to strtod. */
static fm_status jr_number(jreader *jr, double *v)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15};
    const char *p, *end = jr->end, *start;
    uint64_t m = 0;
    int digits = 0, frac = 0, simple = 1;
    char tmp[64];
    jr_peek(jr);
    p = start = jr->p;
    p += p < end && *p == '-';
    if (!is_digit(p, end))
        return jr_fail(jr, "expected a value");
    for (; is_digit(p, end); p++, digits++)
        m = digits < 18 ? m * 10 + (uint64_t)(*p - '0') : m;
    if (p < end && *p == '.') {
        if (!is_digit(++p, end))
            return jr_fail(jr, "invalid number");
        for (; is_digit(p, end); p++, digits++, frac++)
            m = digits < 18 ? m * 10 + (uint64_t)(*p - '0') : m;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        simple = 0;
        p += p + 1 < end && (p[1] == '+' || p[1] == '-');
        if (!is_digit(++p, end))
            return jr_fail(jr, "invalid number");
        while (is_digit(p, end))
            p++;
    }
    jr->p = p;
    if (simple && digits <= 15) {
        *v = (double)m / p10[frac];
        *v = *start == '-' ? -*v : *v;
        return FM_OK;
    }
    if ((size_t)(p - start) >= sizeof tmp)
        return jr_fail(jr, "number too long");
    memcpy(tmp, start, (size_t)(p - start));
    tmp[p - start] = '\0';
    *v = strtod(tmp, NULL);
    return isfinite(*v) ? FM_OK : jr_fail(jr, "number out of range");
}

static fm_status jr_skip(jreader *jr, int depth)
{
    int c = jr_peek(jr);
    double v;
    if (depth > JSON_MAX_DEPTH)
        return jr_fail(jr, "nested too deeply");
    if (c == '"')
        return jr_string(jr, NULL);
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        jr->p++;
        if (jr_eat(jr, close))
            return FM_OK;
        do {
            if (c == '{' && (jr_string(jr, NULL) || jr_expect(jr, ':')))
                return jr->st;
            if (jr_skip(jr, depth + 1))
                return jr->st;
        } while (jr_eat(jr, ','));
        return jr_expect(jr, close);
    }
    if (c == 't' || c == 'f' || c == 'n') {
        static const char *const lit[] = {"true", "false", "null"};
        const char *w = lit[c == 't' ? 0 : c == 'f' ? 1 : 2];
        size_t n = strlen(w);
        if ((size_t)(jr->end - jr->p) < n || memcmp(jr->p, w, n))
            return jr_fail(jr, "expected a value");
        jr->p += n;
        return FM_OK;
    }
    return jr_number(jr, &v);
}

/* Calls fn for each member of an object, the reader at the member's value. */
typedef fm_status (*member_fn)(jreader *jr, const char *key, void *user);

static fm_status jr_object(jreader *jr, member_fn fn, void *user)
{
    char *key = NULL;
    if (jr_expect(jr, '{') || jr_eat(jr, '}'))
        return jr->st;
    do {
        if (jr_string(jr, &key) || jr_expect(jr, ':'))
            break;
        fn(jr, key, user);
        free(key);
        key = NULL;
    } while (!jr->st && jr_eat(jr, ','));
    free(key);
    return jr->st ? jr->st : jr_expect(jr, '}');
}

static fm_status geom_grow(jreader *jr)
{
    fm_geom *g = &jr->g;
    if (g->npoints == jr->cap_pts) {
        size_t n = jr->cap_pts ? 2 * jr->cap_pts : 256;
        double *xy = g->npoints < UINT32_MAX - 1 ? realloc(g->xy, n * 2 * sizeof *xy) : NULL;
        if (!xy)
            return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
        g->xy = xy, jr->cap_pts = n;
    }
    if (g->nparts + 1 >= jr->cap_parts) {
        size_t n = jr->cap_parts ? 2 * jr->cap_parts : 16;
        size_t *ps = realloc(g->part_start, n * sizeof *ps);
        unsigned char *f = ps ? realloc(jr->first_in_parent, n) : NULL;
        if (ps)
            g->part_start = ps;
        if (!f)
            return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
        jr->first_in_parent = f, jr->cap_parts = n;
    }
    return FM_OK;
}

/* A position [lon, lat, ...]: the first two numbers are kept. */
static fm_status jr_position(jreader *jr)
{
    double v[2];
    int n = 0;
    jr->p++; /* '[' */
    do {
        double x;
        if (jr_number(jr, &x))
            return jr->st;
        if (n < 2)
            v[n] = x;
        n++;
    } while (jr_eat(jr, ','));
    if (jr_expect(jr, ']'))
        return jr->st;
    if (n < 2 || fabs(v[0]) > 360 || fabs(v[1]) > 90)
        return jr_fail(jr, n < 2 ? "position with fewer than two numbers" : "position out of range");
    if (geom_grow(jr))
        return jr->st;
    jr->g.xy[2 * jr->g.npoints] = v[0];
    jr->g.xy[2 * jr->g.npoints++ + 1] = v[1];
    return FM_OK;
}

/* Nested coordinate arrays: an array of positions becomes one part. */
static fm_status jr_coords(jreader *jr, int depth, int first)
{
    fm_geom *g = &jr->g;
    int i = 0, c;
    if (depth > 4)
        return jr_fail(jr, "coordinates nested too deeply");
    if (jr_expect(jr, '['))
        return jr->st;
    if (jr_eat(jr, ']'))
        return FM_OK;
    if (jr_peek(jr) != '[')
        return jr_fail(jr, "geometry is not a (Multi)LineString or (Multi)Polygon");
    if (jr_peek(jr) == '[' && (c = jr_peek(&(jreader){.p = jr->p + 1, .end = jr->end})) != '[') {
        if (c != '-' && (c < '0' || c > '9'))
            return jr_fail(jr, "expected a position");
        if (jr->part_depth >= 0 && jr->part_depth != depth)
            return jr_fail(jr, "coordinates nested unevenly");
        jr->part_depth = depth;
        if (geom_grow(jr))
            return jr->st;
        jr->first_in_parent[g->nparts] = (unsigned char)first;
        g->part_start[g->nparts] = g->npoints;
        do {
            if (jr_peek(jr) != '[')
                return jr_fail(jr, "expected a position");
            if (jr_position(jr))
                return jr->st;
        } while (jr_eat(jr, ','));
        g->part_start[++g->nparts] = g->npoints;
        return jr_expect(jr, ']');
    }
    do {
        if (jr_coords(jr, depth + 1, i++ == 0))
            return jr->st;
    } while (jr_eat(jr, ','));
    return jr_expect(jr, ']');
}

typedef struct {
    char *type;
    int has_coords;
} geom_read;

static fm_status geom_member(jreader *jr, const char *key, void *user)
{
    geom_read *gr = user;
    if (!strcmp(key, "type") && jr_peek(jr) == '"' && !gr->type)
        return jr_string(jr, &gr->type);
    if (!strcmp(key, "coordinates") && !gr->has_coords) {
        gr->has_coords = 1;
        return jr_coords(jr, 0, 1);
    }
    return jr_skip(jr, 2);
}

/* A geometry object into jr->g: its parts, holes and bounding box. */
static fm_status jr_geometry(jreader *jr)
{
    static const char *const types[] = {"LineString", "MultiLineString", "Polygon",
                                        "MultiPolygon"};
    geom_read gr = {NULL, 0};
    fm_geom *g = &jr->g;
    size_t i;
    int t;
    jr->part_depth = -1;
    if (jr_object(jr, geom_member, &gr)) {
        free(gr.type);
        return jr->st;
    }
    for (t = 0; t < 4 && !(gr.type && !strcmp(gr.type, types[t])); t++)
        ;
    free(gr.type);
    if (t == 4)
        return jr_fail(jr, "geometry is not a (Multi)LineString or (Multi)Polygon");
    if (g->npoints && jr->part_depth != (t == 0 ? 0 : t == 3 ? 2 : 1))
        return jr_fail(jr, "coordinates do not match the geometry type");
    if (!(g->ring_is_hole = calloc(g->nparts + 1, 1)))
        return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < g->nparts; i++) /* in a polygon, every ring after the first is a hole */
        g->ring_is_hole[i] = (unsigned char)(t >= 2 && !jr->first_in_parent[i]);
    g->west = g->south = HUGE_VAL;
    g->east = g->north = -HUGE_VAL;
    for (i = 0; i < g->npoints; i++) {
        double x = g->xy[2 * i], y = g->xy[2 * i + 1];
        g->west = fmin(g->west, x), g->east = fmax(g->east, x);
        g->south = fmin(g->south, y), g->north = fmax(g->north, y);
    }
    return FM_OK;
}

/* ---- features ---------------------------------------------------------------- */

typedef struct {
    fm_geojson_feature f;
    int has_geom;
} feature_read;

/* A property: kept (the first string value) in every empty slot asking for
 * its key, else skipped. */
static fm_status prop_member(jreader *jr, const char *key, void *user)
{
    fm_geojson_feature *f = &((feature_read *)user)->f;
    size_t i, first = jr->nkeys;
    for (i = 0; i < jr->nkeys && first == jr->nkeys; i++)
        if (!f->prop[i] && !strcmp(key, jr->keys[i]))
            first = i;
    if (first == jr->nkeys || jr_peek(jr) != '"')
        return jr_skip(jr, 3);
    if (jr_string(jr, &f->prop[first]))
        return jr->st;
    for (i = first + 1; i < jr->nkeys; i++)
        if (!f->prop[i] && !strcmp(key, jr->keys[i]) &&
            !(f->prop[i] = fm_strdup(jr->ctx, f->prop[first])))
            return jr->st = FM_ENOMEM;
    return FM_OK;
}

static fm_status feature_member(jreader *jr, const char *key, void *user)
{
    feature_read *fr = user;
    if (!strcmp(key, "properties") && jr_peek(jr) == '{')
        return jr_object(jr, prop_member, fr);
    if (!strcmp(key, "geometry") && jr_peek(jr) == '{' && !fr->has_geom) {
        fr->has_geom = 1;
        memset(&jr->g, 0, sizeof jr->g);
        jr->cap_pts = jr->cap_parts = 0;
        if (geom_grow(jr))
            return jr->st;
        jr->g.part_start[0] = 0;
        jr_geometry(jr);
        fr->f.g = jr->g; /* the feature owns it now, even half read */
        memset(&jr->g, 0, sizeof jr->g);
        return jr->st;
    }
    return jr_skip(jr, 2);
}

static void feature_clear(fm_geojson_feature *f)
{
    size_t i;
    fm_geom_clear(&f->g);
    for (i = 0; i < FM_GEOJSON_MAX_PROPS; i++)
        free(f->prop[i]);
    memset(f, 0, sizeof *f);
}

/* One feature, read and handed to the callback; freed afterwards either way. */
static fm_status read_feature(jreader *jr, long fid)
{
    feature_read fr;
    memset(&fr, 0, sizeof fr);
    if (!jr_object(jr, feature_member, &fr)) {
        if (!fr.f.g.npoints)
            jr->st = fm_error(jr->ctx, FM_EFORMAT, "'%s': feature %ld has no geometry",
                              jr->path, fid);
        else
            jr->st = jr->fn(jr->ctx, &fr.f, fid, jr->user);
    }
    feature_clear(&fr.f);
    return jr->st;
}

static fm_status features_array(jreader *jr)
{
    long fid = 0;
    if (jr_expect(jr, '[') || jr_eat(jr, ']'))
        return jr->st;
    do {
        if (read_feature(jr, ++fid))
            return jr->st;
    } while (jr_eat(jr, ','));
    return jr_expect(jr, ']');
}

static fm_status collection_member(jreader *jr, const char *key, void *user)
{
    int *has_features = user;
    if (!strcmp(key, "features") && !*has_features) {
        *has_features = 1;
        return features_array(jr);
    }
    return jr_skip(jr, 1);
}

fm_status fm_geojson_read_mem(fm_ctx *ctx, const char *text, size_t len, const char *name,
                              const char *const *keys, fm_geojson_feature_fn fn, void *user)
{
    jreader jr;
    int has_features = 0;
    memset(&jr, 0, sizeof jr);
    jr.ctx = ctx, jr.s = jr.p = text, jr.end = text + len, jr.path = name;
    jr.keys = keys, jr.fn = fn, jr.user = user;
    while (keys && keys[jr.nkeys] && jr.nkeys < FM_GEOJSON_MAX_PROPS)
        jr.nkeys++;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* a UTF-8 byte order mark */
        jr.p += 3;
    if (jr_peek(&jr) != '{')
        jr_fail(&jr, "not a GeoJSON file");
    else if (!jr_object(&jr, collection_member, &has_features) && jr_peek(&jr) != -1)
        jr_fail(&jr, "text after the end of the GeoJSON");
    else if (!jr.st && !has_features)
        jr_fail(&jr, "not a GeoJSON FeatureCollection");
    fm_geom_clear(&jr.g);
    free(jr.first_in_parent);
    return jr.st;
}

/* Reads the whole file into a malloc'd buffer, which the caller frees. */
static fm_status slurp(fm_ctx *ctx, const char *path, char **text, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    long n;
    if (!fp)
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    if (fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) ||
        !(*text = malloc((size_t)n + 1)) || fread(*text, 1, (size_t)n, fp) != (size_t)n) {
        int e = errno;
        fclose(fp);
        return fm_error(ctx, FM_EIO, "cannot read '%s': %s", path, strerror(e));
    }
    fclose(fp);
    (*text)[n] = '\0';
    *len = (size_t)n;
    return FM_OK;
}

/* A regular file is read where the page cache holds it (mapped, a fault a
 * few dozen pages), not copied into fresh memory page by page. */
static const char *map_file(const char *path, size_t *len)
{
    struct stat sb;
    void *p;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
        (uintmax_t)sb.st_size > SIZE_MAX ||
        (p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
        close(fd);
        return NULL;
    }
    close(fd);
    *len = (size_t)sb.st_size;
    return p;
}

fm_status fm_geojson_read_file(fm_ctx *ctx, const char *path, const char *const *keys,
                               fm_geojson_feature_fn fn, void *user)
{
    char *text = NULL;
    size_t len = 0;
    const char *mapped = map_file(path, &len);
    fm_status st;
    if (mapped) {
        st = fm_geojson_read_mem(ctx, mapped, len, path, keys, fn, user);
        munmap((void *)(uintptr_t)mapped, len);
        return st;
    }
    st = slurp(ctx, path, &text, &len);
    if (!st)
        st = fm_geojson_read_mem(ctx, text, len, path, keys, fn, user);
    free(text);
    return st;
}
