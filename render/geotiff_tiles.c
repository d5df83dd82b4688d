/* geotiff_tiles.c: the density grid's GeoTIFF written without GDAL when the
 * grid is in the heatmap's own projection (fm_proj_create's Albers conic on
 * the WGS 84 ellipsoid): the same file GDAL's GTiff driver makes of it (one
 * Float32 band in 256 x 256 tiles, DEFLATE with the floating-point predictor,
 * the same GeoKeys, citations and unit metadata, so GDAL and QGIS read the
 * same CRS, georeferencing, unit and values), but without loading GDAL, a
 * tenth of a second of dynamic linking. The tiles are compressed on two
 * threads. Any other CRS goes through GDAL (geotiff.c). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/fm_output.h"
#include "render/fm_render.h"

#define TILE 256
#define ZLEVEL 6 /* GDAL's default */

/* The Albers parameters of a PROJ definition in fm_proj_create's form; 0 for
 * any other definition. */
typedef struct {
    double lat1, lat2, lat0, lon0, x0, y0;
} aea_params;

static int aea_of(const char *def, aea_params *a)
{
    int end = -1;
    if (!def ||
        sscanf(def,
               "+proj=aea +lat_1=%lf +lat_2=%lf +lat_0=%lf +lon_0=%lf +x_0=%lf +y_0=%lf "
               "+ellps=WGS84 +units=m +no_defs%n",
               &a->lat1, &a->lat2, &a->lat0, &a->lon0, &a->x0, &a->y0, &end) != 6)
        return 0;
    return end > 0 && def[end] == '\0';
}

int fm_grid_geotiff_needs_gdal(const fm_proj *p)
{
    aea_params a;
    return !aea_of(p ? fm_proj_def(p) : NULL, &a);
}

/* ---- tiles -------------------------------------------------------------------- */

typedef struct {
    const fm_grid *g;
    size_t tx, first, last; /* tiles across; this worker's [first, last) */
    unsigned char **out;    /* compressed tiles (malloc'd), by index */
    size_t *len;
    int ok;
} tile_job;

/* One tile's rows, north first, each as the floating-point predictor leaves
 * it (TIFF Technical Note 3): the bytes of the row's samples split into
 * planes, most significant first, then each byte less the one before it. */
static void tile_raw(const fm_grid *g, size_t tx, size_t t, unsigned char *raw,
                     unsigned char *row)
{
    size_t c0 = (t % tx) * TILE, r0 = (t / tx) * TILE, r, i;
    for (r = 0; r < TILE; r++) {
        unsigned char *dst = raw + r * 4 * TILE;
        size_t y = r0 + r; /* image row, north first */
        memset(row, 0, 4 * TILE);
        if (y < g->ny) {
            size_t n = g->nx - c0 < TILE ? g->nx - c0 : TILE;
            memcpy(row, g->v + (g->ny - 1 - y) * g->nx + c0, n * sizeof(float));
        }
        for (i = 0; i < TILE; i++) {
            uint32_t v;
            memcpy(&v, row + 4 * i, 4);
            dst[i] = (unsigned char)(v >> 24);
            dst[TILE + i] = (unsigned char)(v >> 16);
            dst[2 * TILE + i] = (unsigned char)(v >> 8);
            dst[3 * TILE + i] = (unsigned char)v;
        }
        for (i = 4 * TILE - 1; i > 0; i--)
            dst[i] = (unsigned char)(dst[i] - dst[i - 1]);
    }
}

static void *tile_run(void *arg)
{
    tile_job *j = arg;
    unsigned char *raw = malloc(4 * TILE * TILE), *row = malloc(4 * TILE);
    size_t t;
    j->ok = raw && row;
    for (t = j->first; j->ok && t < j->last; t++) {
        uLongf n = compressBound(4 * TILE * TILE);
        tile_raw(j->g, j->tx, t, raw, row);
        if (!(j->out[t] = malloc(n)) ||
            compress2(j->out[t], &n, raw, 4 * TILE * TILE, ZLEVEL) != Z_OK)
            j->ok = 0;
        j->len[t] = n;
    }
    free(raw);
    free(row);
    return NULL;
}

/* Every tile compressed, the second half on a thread of its own. */
static int compress_tiles(const fm_grid *g, size_t tx, size_t nt, unsigned char **out,
                          size_t *len)
{
    tile_job j[2];
    pthread_t th;
    int started;
    j[0].g = g, j[0].tx = tx, j[0].out = out, j[0].len = len;
    j[1] = j[0];
    j[0].first = 0, j[0].last = j[1].first = nt / 2, j[1].last = nt;
    started = nt > 1 && pthread_create(&th, NULL, tile_run, &j[1]) == 0;
    tile_run(&j[0]);
    if (started)
        pthread_join(th, NULL);
    else
        tile_run(&j[1]);
    return j[0].ok && j[1].ok;
}

/* ---- the file ----------------------------------------------------------------- */

enum { T_SHORT = 3, T_LONG = 4, T_ASCII = 2, T_DOUBLE = 12 };

typedef struct {
    uint16_t tag, type;
    uint32_t count;
    const void *data; /* count values of type, or NULL: value inline */
    uint32_t value;   /* a single SHORT or LONG */
} ifd_entry;

static size_t type_size(int type)
{
    return type == T_SHORT ? 2 : type == T_LONG ? 4 : type == T_DOUBLE ? 8 : 1;
}

static void put16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v & 0xffff), put16(p + 2, v >> 16);
}

/* Values in little-endian order into p (SHORTs and LONGs are given as
 * uint16_t and uint32_t arrays, DOUBLEs as doubles, ASCII as bytes). */
static void put_values(unsigned char *p, const ifd_entry *e)
{
    uint32_t i;
    for (i = 0; i < e->count; i++) {
        if (e->type == T_SHORT)
            put16(p + 2 * i, ((const uint16_t *)e->data)[i]);
        else if (e->type == T_LONG)
            put32(p + 4 * i, ((const uint32_t *)e->data)[i]);
        else if (e->type == T_DOUBLE) {
            uint64_t u;
            memcpy(&u, (const double *)e->data + i, 8);
            put32(p + 8 * i, (uint32_t)u), put32(p + 8 * i + 4, (uint32_t)(u >> 32));
        } else
            p[i] = ((const unsigned char *)e->data)[i];
    }
}

/* The header, the directory and its out-of-line values (each at an even
 * offset), into a buffer of *len bytes; the tiles follow at *len. */
static unsigned char *directory(const ifd_entry *e, int n, size_t *len)
{
    size_t at = 8 + 2 + 12 * (size_t)n + 4, i;
    unsigned char *b;
    for (i = 0; i < (size_t)n; i++)
        if (e[i].data && e[i].count * type_size(e[i].type) > 4)
            at += (e[i].count * type_size(e[i].type) + 1) & ~(size_t)1;
    if (!(b = calloc(1, at)))
        return NULL;
    *len = at;
    memcpy(b, "II*\0", 4);
    put32(b + 4, 8);
    put16(b + 8, (uint32_t)n);
    at = 8 + 2 + 12 * (size_t)n + 4; /* next IFD offset 0 */
    for (i = 0; i < (size_t)n; i++) {
        unsigned char *d = b + 10 + 12 * i;
        size_t bytes = e[i].count * type_size(e[i].type);
        put16(d, e[i].tag), put16(d + 2, e[i].type), put32(d + 4, e[i].count);
        if (!e[i].data) {
            if (e[i].type == T_SHORT)
                put16(d + 8, e[i].value);
            else
                put32(d + 8, e[i].value);
        } else if (bytes <= 4) {
            put_values(d + 8, &e[i]);
        } else {
            put32(d + 8, (uint32_t)at);
            put_values(b + at, &e[i]);
            at += (bytes + 1) & ~(size_t)1;
        }
    }
    return b;
}

/* The GeoKeys GDAL writes for this CRS: a user-defined Albers conic
 * (CT_AlbersEqualArea) on a user-defined datum of the WGS 84 ellipsoid,
 * metres, the citations in the ASCII parameters, the numbers in the DOUBLE
 * ones ([lat_1, lat_2, lat_0, lon_0, x_0, y_0, 1/f, a, prime meridian]). */
static const uint16_t geokeys[88] = {
    1, 1, 0, 21,
    1024, 0, 1, 1,        /* GTModelType: projected */
    1025, 0, 1, 1,        /* GTRasterType: pixel is area */
    1026, 34737, 8, 0,    /* GTCitation: "unknown" */
    2048, 0, 1, 32767,    /* GeographicType: user-defined */
    2049, 34737, 80, 8,   /* GeogCitation */
    2050, 0, 1, 32767,    /* GeogGeodeticDatum: user-defined */
    2054, 0, 1, 9102,     /* GeogAngularUnits: degree */
    2056, 0, 1, 7030,     /* GeogEllipsoid: WGS 84 */
    2057, 34736, 1, 7,    /* GeogSemiMajorAxis */
    2059, 34736, 1, 6,    /* GeogInvFlattening */
    2061, 34736, 1, 8,    /* GeogPrimeMeridianLong */
    3072, 0, 1, 32767,    /* ProjectedCSType: user-defined */
    3074, 0, 1, 32767,    /* Projection: user-defined */
    3075, 0, 1, 11,       /* ProjCoordTrans: Albers equal-area */
    3076, 0, 1, 9001,     /* ProjLinearUnits: metre */
    3078, 34736, 1, 0,    /* ProjStdParallel1 */
    3079, 34736, 1, 1,    /* ProjStdParallel2 */
    3080, 34736, 1, 3,    /* ProjNatOriginLong */
    3081, 34736, 1, 2,    /* ProjNatOriginLat */
    3082, 34736, 1, 4,    /* ProjFalseEasting */
    3083, 34736, 1, 5,    /* ProjFalseNorthing */
};
static const char geoascii[] =
    "unknown|GCS Name = unknown|Datum = Unknown based on WGS84 ellipsoid|Primem = Greenwich||";

/* s with & < > " as XML entities (malloc'd), or NULL. */
static char *xml_escape(const char *s)
{
    char *o = s ? malloc(6 * strlen(s) + 1) : NULL;
    size_t k = 0;
    if (!o)
        return NULL;
    for (; *s; s++) {
        const char *esc = *s == '&'   ? "&amp;"
                          : *s == '<' ? "&lt;"
                          : *s == '>' ? "&gt;"
                          : *s == '"' ? "&quot;"
                                      : NULL;
        if (esc)
            memcpy(o + k, esc, strlen(esc)), k += strlen(esc);
        else
            o[k++] = *s;
    }
    o[k] = '\0';
    return o;
}

/* GDAL's metadata element holding the band's unit. GDAL escapes the value
 * twice (once as a metadata item, once as XML) and reads it back the same
 * way, so a unit with '&' or '<' goes in twice escaped as well. */
static char *unit_metadata(const char *units)
{
    static const char head[] =
        "<GDALMetadata>\n  <Item name=\"UNITTYPE\" sample=\"0\" role=\"unittype\">";
    static const char tail[] = "</Item>\n</GDALMetadata>\n";
    char *once = xml_escape(units), *twice = xml_escape(once), *s = NULL;
    if (twice && (s = malloc(sizeof head + strlen(twice) + sizeof tail)))
        sprintf(s, "%s%s%s", head, twice, tail);
    free(once);
    free(twice);
    return s;
}

static int write_file(FILE *f, const fm_grid *g, const aea_params *a, const char *units,
                      unsigned char **tile, const size_t *tile_len, size_t nt)
{
    uint32_t *offs = malloc(nt * sizeof *offs), *lens = malloc(nt * sizeof *lens);
    double scale[3] = {g->cell_m, g->cell_m, 0};
    double tie[6] = {0, 0, 0, g->x0, g->y0 + (double)g->ny * g->cell_m, 0};
    double dparams[9] = {a->lat1, a->lat2, a->lat0, a->lon0, a->x0, a->y0,
                         298.257223563, 6378137.0, 0.0};
    char *meta = units && *units ? unit_metadata(units) : NULL;
    ifd_entry e[19];
    unsigned char *head = NULL;
    size_t hlen = 0, t, pos;
    int n = 0, ok = offs && lens && (!units || !*units || meta);
    if (ok) {
        e[n++] = (ifd_entry){256, T_LONG, 1, NULL, (uint32_t)g->nx};
        e[n++] = (ifd_entry){257, T_LONG, 1, NULL, (uint32_t)g->ny};
        e[n++] = (ifd_entry){258, T_SHORT, 1, NULL, 32};
        e[n++] = (ifd_entry){259, T_SHORT, 1, NULL, 8};   /* DEFLATE */
        e[n++] = (ifd_entry){262, T_SHORT, 1, NULL, 1};   /* min is black */
        e[n++] = (ifd_entry){277, T_SHORT, 1, NULL, 1};
        e[n++] = (ifd_entry){284, T_SHORT, 1, NULL, 1};   /* contiguous */
        e[n++] = (ifd_entry){317, T_SHORT, 1, NULL, 3};   /* floating-point predictor */
        e[n++] = (ifd_entry){322, T_SHORT, 1, NULL, TILE};
        e[n++] = (ifd_entry){323, T_SHORT, 1, NULL, TILE};
        e[n++] = (ifd_entry){324, T_LONG, (uint32_t)nt, offs, 0};
        e[n++] = (ifd_entry){325, T_LONG, (uint32_t)nt, lens, 0};
        e[n++] = (ifd_entry){339, T_SHORT, 1, NULL, 3};   /* IEEE float */
        e[n++] = (ifd_entry){33550, T_DOUBLE, 3, scale, 0};
        e[n++] = (ifd_entry){33922, T_DOUBLE, 6, tie, 0};
        e[n++] = (ifd_entry){34735, T_SHORT, 88, geokeys, 0};
        e[n++] = (ifd_entry){34736, T_DOUBLE, 9, dparams, 0};
        e[n++] = (ifd_entry){34737, T_ASCII, (uint32_t)sizeof geoascii, geoascii, 0};
        if (meta)
            e[n++] = (ifd_entry){42112, T_ASCII, (uint32_t)strlen(meta) + 1, meta, 0};
        /* the directory's length does not depend on the offsets' values */
        for (t = 0; t < nt; t++)
            offs[t] = 0, lens[t] = (uint32_t)tile_len[t];
        ok = (head = directory(e, n, &hlen)) != NULL;
    }
    if (ok) {
        free(head);
        for (pos = hlen, t = 0; t < nt; t++) {
            if (pos > UINT32_MAX - tile_len[t])
                ok = 0; /* past a classic TIFF's 4 GB */
            offs[t] = (uint32_t)pos;
            pos += tile_len[t];
        }
        head = ok ? directory(e, n, &hlen) : NULL;
        ok = head && fwrite(head, 1, hlen, f) == hlen;
    }
    for (t = 0; ok && t < nt; t++)
        ok = fwrite(tile[t], 1, tile_len[t], f) == tile_len[t];
    free(head);
    free(meta);
    free(offs);
    free(lens);
    return ok;
}

fm_status fm_grid_write_geotiff_proj(fm_ctx *ctx, const fm_grid *g, fm_proj *proj,
                                     const char *units, const char *path)
{
    aea_params a;
    fm_output *out = NULL;
    FILE *f;
    unsigned char **tile;
    size_t *tile_len, tx, ty, nt, t;
    fm_status st;
    int ok;
    if (!aea_of(proj ? fm_proj_def(proj) : NULL, &a))
        return fm_grid_write_geotiff(ctx, g, proj ? fm_proj_wkt(proj) : NULL, units, path);
    if (!g || !g->v || !g->nx || !g->ny || !path || !*path)
        return fm_error(ctx, FM_EINVAL, "no grid or no output path for the GeoTIFF");
    if (g->nx > 0x7fffffff || g->ny > 0x7fffffff)
        return fm_error(ctx, FM_ERANGE, "grid too large for a GeoTIFF");
    tx = (g->nx + TILE - 1) / TILE, ty = (g->ny + TILE - 1) / TILE, nt = tx * ty;
    /* the file first: a bad path fails before any work */
    if ((st = fm_output_open(ctx, path, FM_OUTPUT_BY_NAME, &out)))
        return st;
    tile = calloc(nt, sizeof *tile);
    tile_len = calloc(nt, sizeof *tile_len);
    if (!tile || !tile_len || !compress_tiles(g, tx, nt, tile, tile_len)) {
        st = fm_error(ctx, FM_ENOMEM, "out of memory compressing '%s'", path);
        fm_output_abort(out);
        goto done;
    }
    errno = 0;
    /* by name, as GDAL would: the same paths refused (devices, /dev/stdout) */
    f = fopen(fm_output_temp(out), "wb");
    ok = f && write_file(f, g, &a, units, tile, tile_len, nt);
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok) {
        st = fm_error(ctx, errno == ENOMEM ? FM_ENOMEM : FM_EIO, "cannot write '%s': %s", path,
                      strerror(errno ? errno : EIO));
        fm_output_abort(out);
        goto done;
    }
    st = fm_output_commit(ctx, out);
done:
    for (t = 0; tile && t < nt; t++)
        free(tile[t]);
    free(tile);
    free(tile_len);
    return st;
}
