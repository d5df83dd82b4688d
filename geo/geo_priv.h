/* geo_priv.h: declarations shared by the basemap's files and by nothing
 * else: the GeoJSON reader (geojson.c), the basemap object with its point in
 * polygon (basemap.c, through the grid of basemap_grid.c) and the distance to
 * the border (border.c). */
#ifndef FM_GEO_PRIV_H
#define FM_GEO_PRIV_H

#include <stdatomic.h>

#include "geo/fm_geo.h"

/* ---- GeoJSON reader (geojson.c) -------------------------------------------- */

/* The reader takes a FeatureCollection of (Multi)Polygon and (Multi)LineString
 * features and hands each feature to a callback as it completes, so the file
 * is never held as a tree. It accepts any JSON syntax around them. */

#define FM_GEOJSON_MAX_PROPS 4

/* One feature: its geometry (parts, holes and bounding box filled in as fm_geom
 * says; at least one point) and, for each key the caller asked for, the first
 * string value of that property, or NULL when the feature has none. */
typedef struct {
    fm_geom g;
    char *prop[FM_GEOJSON_MAX_PROPS];
} fm_geojson_feature;

/* Called once per feature in file order; index counts from 1. The callback
 * may take ownership of f->g and of any f->prop[i] by copying it out and
 * zeroing the field (memset for g, NULL for a prop); the reader frees whatever
 * is left when the callback returns. A status other than FM_OK (with its
 * message recorded by fm_error) stops the reading and is returned. */
typedef fm_status (*fm_geojson_feature_fn)(fm_ctx *ctx, fm_geojson_feature *f, long index,
                                           void *user);

/* Reads GeoJSON text of len bytes (need not be NUL-terminated; an initial
 * UTF-8 byte order mark is skipped). keys is a NULL-terminated list of at most
 * FM_GEOJSON_MAX_PROPS property names (a name may repeat: each slot gets its
 * own copy). name is used in messages: "'<name>': line N: <reason>" as
 * FM_EFORMAT. The reader keeps no pointer into text after it returns. */
fm_status fm_geojson_read_mem(fm_ctx *ctx, const char *text, size_t len, const char *name,
                              const char *const *keys, fm_geojson_feature_fn fn, void *user);
/* The same for a file; FM_EIO when it cannot be read. */
fm_status fm_geojson_read_file(fm_ctx *ctx, const char *path, const char *const *keys,
                               fm_geojson_feature_fn fn, void *user);
/* Frees the arrays of g and zeroes it; NULL is a harmless no-op. */
void fm_geom_clear(fm_geom *g);

/* ---- the basemap object (basemap.c) and its border index (border.c) -------- */

typedef struct fm_basemap_feature fm_basemap_feature; /* private to basemap.c */
typedef struct fm_border fm_border;                   /* private to border.c */
typedef struct fm_basemap_grid fm_basemap_grid;       /* private to basemap_grid.c */

struct fm_basemap {
    struct {
        fm_basemap_feature *f; /* n features, owned */
        size_t n;
    } layers[FM_LAYER_COUNT];
    fm_border *border; /* owned; built from the border layer once it is read */
    /* owned; each polygon layer's grid for fm_basemap_find, built by the
     * first query and published atomically (the basemap is shared between
     * threads); NULL until then */
    _Atomic(fm_basemap_grid *) grid[FM_LAYER_BORDER];
};

/* The index of the first feature of a polygon layer holding (lon, lat), or
 * (size_t)-1, by the crossing test of every feature (basemap.c);
 * fm_basemap_find answers the same through its grid (basemap_grid.c). */
size_t fm_basemap_scan(const fm_basemap *bm, fm_layer layer, double lon, double lat);
/* Frees a grid; NULL is a harmless no-op. */
void fm_basemap_grid_destroy(fm_basemap_grid *g);

/* Builds the segment index of bm's border layer (through fm_basemap_count and
 * fm_basemap_geom, which must already answer). The index keeps no pointer into
 * bm. The caller owns *out and frees it with fm_border_destroy (NULL is a
 * harmless no-op). */
fm_status fm_border_create(fm_ctx *ctx, const fm_basemap *bm, fm_border **out);
void fm_border_destroy(fm_border *b);

/* Distance (km) from (lon, lat) to the outline of G (every ring), planar in an
 * equirectangular frame at the point (geo/locate.c). */
double fm_geom_outline_km(const fm_geom *g, double lon, double lat);

#endif
