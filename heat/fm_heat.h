/* fm_heat.h: the heatmap pipeline as a library piece: the grid over the map
 * in an equal-area projection, the incidents of a period from the store,
 * their kernel density, and the heatmap drawn over the basemap with its
 * title, credits and note of what it left out. `heatmap` draws one period,
 * `monthly` a series on one colour scale; both only parse and run.
 * heat/ composes data/ (the store) and render/ (density, drawing); it never
 * prints or exits. */
#ifndef FM_HEAT_H
#define FM_HEAT_H

#include "core/fm_core.h"
#include "data/fm_data.h"
#include "geo/fm_geo.h"
#include "render/fm_render.h"

/* Largest grid a heatmap may ask for (cells). */
#define FM_HEAT_MAX_CELLS (40u * 1000 * 1000)

/* Everything that shapes a heatmap except the period and the output path. */
typedef struct {
    fm_filter filter;         /* --type --actor --bbox ...; since/until set per period */
    double bandwidth_m;       /* 30 km */
    double cell_m;            /* 1 km */
    fm_kernel kernel;         /* Gaussian */
    int weight_fatalities;    /* 0: count incidents */
    double scale_max;         /* <= 0: the grid's (or the series') maximum */
    fm_ramp ramp;             /* viridis */
    int points;               /* also draw the incidents */
    const char *title;        /* NULL: "Incident density, <period>" */
    const char *where;        /* the default title's place ("in Kurram"), or NULL */
    fm_map_opts map;          /* page, dpi, labels, language, extent (always set);
                                 its note, when set, follows what the layer left out */
    const char *layer_cache;  /* fm_map_set_layer_cache's directory, or NULL */
    const char *period_note;  /* the district changes since the period began, put
                                 after the credits, or NULL (borrowed; per period) */
} fm_heat_opts;

/* One period's density: the incidents (owned), the grid (owned) and counts. */
typedef struct {
    fm_grid *grid;
    size_t incidents;
    long fatalities;
    double max;               /* peak density, per 100 km2 */
    uint64_t hash;            /* of the rows that shaped the grid */
    fm_points *pts;           /* the incidents' places (lonlat NULL once the density has
                                 taken them, without --points), fatalities, sources (owned) */
    char acled_day[11];       /* when ACLED rows were last imported ("" unknown) */
    fm_source_info ged;       /* the UCDP GED file and version imported */
    fm_left left;             /* the period's incidents not on the map (owned) */
    double bandwidth_m;       /* the density's, and its kernel */
    fm_kernel kernel;
    double *xy, *w;           /* the incidents projected (pts->n x, y pairs) and their
                                 weights (NULL: one each), fm_big'd, owned: kept so the
                                 map can have the density over all of its frame */
} fm_heat_layer;

/* The defaults above: 30 km Gaussian on 1 km cells, counting incidents. */
void fm_heat_opts_init(fm_heat_opts *o);
/* "incidents per 100 km²" or "fatalities per ..."; ascii: "... 100 km2". */
const char *fm_heat_units(const fm_heat_opts *o, int ascii);
/* A hash of the options that change the picture (not the period). */
uint64_t fm_heat_opts_hash(const fm_heat_opts *o);
/* The lon/lat extent of the map (west, south, east, north): o->map's when
 * it has one (a province's or district's frame), else the filter's box,
 * else the frontier. */
void fm_heat_extent(const fm_heat_opts *o, double e[4]);
/* The equal-area projection of the heatmap's extent (as fm_map_create makes
 * it). Destroy with fm_proj_destroy. */
fm_status fm_heat_proj(fm_ctx *ctx, const fm_heat_opts *o, fm_proj **out);
/* A zeroed grid of cell c over box (x0, y0, x1, y1), its origin on a
 * multiple of the cell so grids line up; FM_EUSAGE past FM_HEAT_MAX_CELLS. */
fm_status fm_heat_grid_over(fm_ctx *ctx, double c, const double box[4], fm_grid **out);
/* Queries the incidents of the period [since, until] and computes their
 * density on a grid covering the map. proj must be fm_heat_proj's. On
 * failure out holds nothing to free. */
fm_status fm_heat_compute(fm_ctx *ctx, fm_store *st, const fm_heat_opts *o, fm_proj *proj,
                          fm_day since, fm_day until, fm_heat_layer *out);
void fm_heat_layer_free(fm_heat_layer *l);
/* Title for a period: "Incident density, October 2025" (appended to out). */
void fm_heat_title(const fm_heat_opts *o, fm_day since, fm_day until, fm_buf *out,
                   fm_ctx *ctx);
/* Credits: the sources of the incidents shown and how the density was made
 * (appended to b). */
void fm_heat_credits(fm_ctx *ctx, const fm_heat_opts *o, const fm_heat_layer *l, fm_buf *b);
/* Draws the layer over the basemap (bm, gz borrowed) with the colour scale
 * 0..scale_max to path (PNG, PDF or SVG by its extension). detail (borrowed,
 * from fm_heat_detail_get) is the basemap's detail; NULL: the map loads its
 * own. */
fm_status fm_heat_render(fm_ctx *ctx, const fm_heat_opts *o, const fm_basemap *bm,
                         const fm_gazetteer *gz, fm_detail *detail, const fm_heat_layer *layer,
                         double scale_max, const char *title, const char *subtitle,
                         const char *path);
/* The map fm_heat_render draws, ready for fm_map_render: the density over
 * all of its frame (made again from the layer's points, borrowed until the
 * map is destroyed, where the page's frame reaches beyond the grid), the
 * basemap's lines over it. Destroy with fm_map_destroy. */
fm_status fm_heat_map_create(fm_ctx *ctx, const fm_heat_opts *o, const fm_basemap *bm,
                             const fm_gazetteer *gz, fm_detail *detail,
                             const fm_heat_layer *layer, double scale_max, const char *title,
                             const char *subtitle, fm_map **out);

/* The basemap's detail loaded on a second thread (heat_detail.c): start it
 * before fm_heat_compute, take it for fm_heat_render (it waits for the
 * load; the detail stays h's, shared by every map of a series), destroy h
 * after the last map. Without a thread it loads on the first get; a NULL h
 * (out of memory) gets NULL, and each map loads its own. */
typedef struct fm_heat_detail fm_heat_detail;
/* FM_HEAT_WARM_GDAL: the thread also loads GDAL (a tenth of a second of
 * dynamic linking) for a --grid-out written after the get. */
enum { FM_HEAT_WARM_GDAL = 1 };
fm_heat_detail *fm_heat_detail_start(fm_ctx *ctx, unsigned flags);
fm_status fm_heat_detail_get(fm_ctx *ctx, fm_heat_detail *h, fm_detail **out);
void fm_heat_detail_destroy(fm_heat_detail *h);

#endif
