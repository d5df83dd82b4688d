/* basemap.c: the region's boundaries (countries, provinces, the Durand Line)
 * loaded from the GeoJSON files into flat lon/lat arrays, with a per-feature
 * edge index for fast point-in-polygon tests. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo_priv.h"

/* Edges of one polygon feature bucketed by latitude band, so a ray-casting
 * test looks only at the edges that cross the point's band. */
typedef struct {
    size_t nbands;
    double band_h;      /* degrees of latitude per band */
    size_t *band_start; /* nbands + 1 */
    uint32_t *edges;    /* index of an edge's first point; the second is next[] */
    uint32_t *next;     /* per point: index of the following point in its ring */
} edge_index;

struct fm_basemap_feature {
    fm_geom g;
    char *name;
    char *country;
    char *label; /* countries: the full name ("Pakistan") */
    edge_index idx;
};

static const char *const layer_file[FM_LAYER_COUNT] = {"countries", "provinces", "border"};
/* The properties read for each layer: the name, the country and (countries)
 * the label, in that order; the countries' name and country are both iso2. */
static const char *const layer_props[FM_LAYER_COUNT][4] = {
    {"iso2", "iso2", "name", NULL}, {"name", "country", NULL}, {"name", NULL}};

/* ---- point in polygon ------------------------------------------------------ */

/* Even-odd crossing test of one edge against a ray going east from (x, y). */
static int edge_crosses(const double *a, const double *b, double x, double y)
{
    if ((a[1] > y) == (b[1] > y))
        return 0;
    return x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
}

int fm_geom_contains(const fm_geom *g, double lon, double lat)
{
    size_t p, i;
    int in = 0;
    if (!g || lon < g->west || lon > g->east || lat < g->south || lat > g->north)
        return 0;
    for (p = 0; p < g->nparts; p++) {
        size_t s = g->part_start[p], e = g->part_start[p + 1];
        for (i = s; i < e; i++) /* the closing edge too, for rings left open */
            in ^= edge_crosses(g->xy + 2 * i, g->xy + 2 * (i + 1 < e ? i + 1 : s), lon, lat);
    }
    return in;
}

static void edge_index_free(edge_index *ix)
{
    free(ix->band_start);
    free(ix->edges);
    free(ix->next);
    memset(ix, 0, sizeof *ix);
}

/* Visits each edge's band range: counts (fill == 0) or fills the band lists. */
static void edge_index_pass(edge_index *ix, const fm_geom *g, size_t *pos)
{
    size_t i;
    for (i = 0; i < g->npoints; i++) {
        double y1 = g->xy[2 * i + 1], y2 = g->xy[2 * ix->next[i] + 1];
        size_t b0 = (size_t)((fmin(y1, y2) - g->south) / ix->band_h);
        size_t b1 = (size_t)((fmax(y1, y2) - g->south) / ix->band_h), b;
        if (b1 >= ix->nbands)
            b1 = ix->nbands - 1;
        for (b = b0; b <= b1; b++) {
            if (pos)
                ix->edges[pos[b]++] = (uint32_t)i;
            else
                ix->band_start[b + 1]++;
        }
    }
}

static fm_status edge_index_build(fm_ctx *ctx, edge_index *ix, const fm_geom *g)
{
    size_t i, p, *pos;
    memset(ix, 0, sizeof *ix);
    if (!g->npoints)
        return FM_OK;
    ix->nbands = g->npoints / 16 + 1;
    if (ix->nbands > 4096)
        ix->nbands = 4096;
    ix->band_h = (g->north - g->south) / (double)ix->nbands;
    if (!(ix->band_h > 0))
        ix->band_h = 1;
    ix->band_start = calloc(ix->nbands + 1, sizeof *ix->band_start);
    ix->next = fm_malloc_array(g->npoints, sizeof *ix->next);
    pos = fm_malloc_array(ix->nbands, sizeof *pos);
    if (!ix->band_start || !ix->next || !pos)
        goto nomem;
    for (p = 0; p < g->nparts; p++)
        for (i = g->part_start[p]; i < g->part_start[p + 1]; i++)
            ix->next[i] = (uint32_t)(i + 1 < g->part_start[p + 1] ? i + 1 : g->part_start[p]);
    edge_index_pass(ix, g, NULL);
    for (i = 0; i < ix->nbands; i++)
        ix->band_start[i + 1] += ix->band_start[i];
    ix->edges = fm_malloc_array(ix->band_start[ix->nbands] + 1, sizeof *ix->edges);
    if (!ix->edges)
        goto nomem;
    memcpy(pos, ix->band_start, ix->nbands * sizeof *pos);
    edge_index_pass(ix, g, pos);
    free(pos);
    return FM_OK;
nomem:
    free(pos);
    edge_index_free(ix);
    return fm_error(ctx, FM_ENOMEM, "out of memory");
}

static int feature_contains(const fm_basemap_feature *f, double lon, double lat)
{
    const fm_geom *g = &f->g;
    const edge_index *ix = &f->idx;
    size_t b, k;
    int in = 0;
    if (lon < g->west || lon > g->east || lat < g->south || lat > g->north || !ix->nbands)
        return 0;
    b = (size_t)((lat - g->south) / ix->band_h);
    if (b >= ix->nbands)
        b = ix->nbands - 1;
    for (k = ix->band_start[b]; k < ix->band_start[b + 1]; k++) {
        uint32_t i = ix->edges[k];
        in ^= edge_crosses(g->xy + 2 * (size_t)i, g->xy + 2 * (size_t)ix->next[i], lon, lat);
    }
    return in;
}

size_t fm_basemap_scan(const fm_basemap *bm, fm_layer layer, double lon, double lat)
{
    size_t i;
    for (i = 0; i < bm->layers[layer].n; i++)
        if (feature_contains(&bm->layers[layer].f[i], lon, lat))
            return i;
    return (size_t)-1;
}


/* ---- loading ------------------------------------------------------------------ */

typedef struct {
    fm_layer which;
    const char *path;
    size_t cap;
    fm_basemap *bm;
} layer_read;

static char *empty_if_null(fm_ctx *ctx, char *s)
{
    return s ? s : fm_strdup(ctx, "");
}

/* Appends a zeroed feature to the layer; NULL when out of room. */
static fm_basemap_feature *layer_push(fm_ctx *ctx, layer_read *lr)
{
    size_t *n = &lr->bm->layers[lr->which].n;
    fm_basemap_feature **f = &lr->bm->layers[lr->which].f;
    if (*n == lr->cap) {
        size_t cap = lr->cap ? 2 * lr->cap : 16;
        fm_basemap_feature *grown = cap < 1000000 ? realloc(*f, cap * sizeof **f) : NULL;
        if (!grown) {
            fm_error(ctx, FM_ENOMEM, "out of memory");
            return NULL;
        }
        *f = grown, lr->cap = cap;
    }
    memset(&(*f)[*n], 0, sizeof **f);
    return &(*f)[(*n)++];
}

/* The reader's callback: takes the feature's geometry and strings, checks the
 * name, and indexes the edges of a polygon. */
static fm_status take_feature(fm_ctx *ctx, fm_geojson_feature *gf, long fid, void *user)
{
    layer_read *lr = user;
    fm_basemap_feature *f = layer_push(ctx, lr);
    if (!f)
        return FM_ENOMEM;
    f->g = gf->g;
    memset(&gf->g, 0, sizeof gf->g);
    f->name = gf->prop[0], f->country = gf->prop[1], f->label = gf->prop[2];
    gf->prop[0] = gf->prop[1] = gf->prop[2] = NULL;
    if (!(f->name = empty_if_null(ctx, f->name)) ||
        !(f->country = empty_if_null(ctx, f->country)) ||
        !(f->label = empty_if_null(ctx, f->label)))
        return FM_ENOMEM;
    if (lr->which != FM_LAYER_BORDER && !*f->name)
        return fm_error(ctx, FM_EFORMAT, "'%s': feature %ld has no '%s' property", lr->path,
                        fid, layer_props[lr->which][0]);
    return lr->which == FM_LAYER_BORDER ? FM_OK : edge_index_build(ctx, &f->idx, &f->g);
}

static fm_status open_layer(fm_ctx *ctx, const char *dir, fm_layer which, fm_basemap *bm)
{
    char path[4096];
    layer_read lr = {which, path, 0, bm};
    snprintf(path, sizeof path, "%s/basemap/%s.geojson", dir, layer_file[which]);
    return fm_geojson_read_file(ctx, path, layer_props[which], take_feature, &lr);
}

fm_status fm_basemap_open(fm_ctx *ctx, const char *data_dir, fm_basemap **out)
{
    fm_basemap *bm;
    fm_status st = FM_OK;
    int i;
    *out = NULL;
    if (!data_dir)
        data_dir = fm_ctx_data_dir(ctx);
    if (!(bm = calloc(1, sizeof *bm)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < FM_LAYER_COUNT && !st; i++)
        st = open_layer(ctx, data_dir, (fm_layer)i, bm);
    if (!st)
        st = fm_border_create(ctx, bm, &bm->border);
    if (st) {
        fm_basemap_close(bm);
        return st;
    }
    *out = bm;
    return FM_OK;
}

void fm_basemap_close(fm_basemap *bm)
{
    size_t i, k;
    if (!bm)
        return;
    for (i = 0; i < FM_LAYER_COUNT; i++) {
        for (k = 0; bm->layers[i].f && k < bm->layers[i].n; k++) {
            fm_basemap_feature *f = &bm->layers[i].f[k];
            fm_geom_clear(&f->g);
            edge_index_free(&f->idx);
            free(f->name);
            free(f->country);
            free(f->label);
        }
        free(bm->layers[i].f);
    }
    fm_border_destroy(bm->border);
    for (i = 0; i < FM_LAYER_BORDER; i++)
        fm_basemap_grid_destroy(atomic_load_explicit(&bm->grid[i], memory_order_relaxed));
    free(bm);
}

size_t fm_basemap_count(const fm_basemap *bm, fm_layer layer)
{
    return bm && layer < FM_LAYER_COUNT ? bm->layers[layer].n : 0;
}

const fm_geom *fm_basemap_geom(const fm_basemap *bm, fm_layer layer, size_t i,
                               const char **name, const char **country)
{
    const fm_basemap_feature *f;
    if (!bm || layer >= FM_LAYER_COUNT || i >= bm->layers[layer].n)
        return NULL;
    f = &bm->layers[layer].f[i];
    if (name)
        *name = f->name;
    if (country)
        *country = *f->country ? f->country : NULL;
    return &f->g;
}

const char *fm_basemap_country_name(const fm_basemap *bm, const char *iso2)
{
    size_t i;
    if (!bm || !iso2)
        return NULL;
    for (i = 0; i < bm->layers[FM_LAYER_COUNTRIES].n; i++) {
        const fm_basemap_feature *f = &bm->layers[FM_LAYER_COUNTRIES].f[i];
        if (!strcmp(f->name, iso2))
            return *f->label ? f->label : NULL;
    }
    return NULL;
}
