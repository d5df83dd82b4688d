/* fm_render.h: maps for reports (PNG, PDF, SVG) drawn with Cairo and Pango,
 * and the density arithmetic behind heatmaps. render/ never sees the store:
 * it draws plain arrays of points, classes and weights over the basemap. */
#ifndef FM_RENDER_H
#define FM_RENDER_H

#include "core/fm_core.h"
#include "geo/fm_geo.h"

/* ---- density (pure arithmetic, no drawing) -------------------------------- */

typedef enum { FM_KERNEL_GAUSSIAN = 0, FM_KERNEL_QUARTIC } fm_kernel;

/* A float grid in a projected CRS (metres). Cell (i, j) covers
 * x in [x0 + i*cell_m, x0 + (i+1)*cell_m), y in [y0 + j*cell_m, ...); row j = 0
 * is the southernmost. v has nx*ny values, row-major from the south. */
typedef struct {
    size_t nx, ny;
    double x0, y0, cell_m;
    float *v;
} fm_grid;

/* Allocates a zeroed grid; free with fm_grid_destroy() (accepts NULL). */
fm_status fm_grid_create(fm_ctx *ctx, size_t nx, size_t ny, double x0, double y0,
                         double cell_m, fm_grid **out);
void fm_grid_destroy(fm_grid *g);

/* Kernel density of n projected points (x, y in metres, weights w or NULL for
 * 1 each) onto g, by binning then separable convolution. The result is in
 * weight per 100 km2 and integrates (sum * cell area) to the total weight of
 * the points inside the grid, within the kernel's truncation.
 * (density.c: linear binning; Gaussian sigma = bandwidth, separable, cut at
 * 4 sigma; quartic radius = bandwidth as an exact radial 2-D stencil, which is
 * not separable. Points outside g within the kernel radius still count;
 * non-finite points and weights <= 0 are skipped. FM_EINVAL when the
 * bandwidth is below the cell size, FM_ERANGE when the kernel would span more
 * than 4000 cells.) The density replaces g's values, which the computation
 * sums in (all zero if it fails part way, untouched if the arguments are bad). */
fm_status fm_density_compute(fm_ctx *ctx, fm_grid *g, const double *xy, const double *w,
                             size_t n, double bandwidth_m, fm_kernel kernel);
float fm_grid_max(const fm_grid *g);
/* Like fm_proj_fwd for a big batch of points (lon, lat in place -> x, y):
 * with many points, the projection is interpolated bilinearly between nodes
 * projected every 0.05 degrees over ext (west, south, east, north, plus 10%),
 * within a metre of PROJ's for the frontier's Albers conic; points off that
 * lattice, and small batches, go through PROJ. Deterministic. */
void fm_proj_fwd_many(fm_proj *p, const double ext[4], double *xy, size_t n);

/* Writes g as a one-band Float32 GeoTIFF with the CRS given as WKT and the
 * unit string (e.g. "incidents per 100 km2"), through a temp file renamed
 * into place. */
fm_status fm_grid_write_geotiff(fm_ctx *ctx, const fm_grid *g, const char *wkt,
                                const char *units, const char *path);
/* The same for a grid in proj: written directly (render/geotiff_tiles.c,
 * the file GDAL would write, without loading GDAL) when proj is
 * fm_proj_create's Albers conic, else through GDAL with proj's WKT. */
fm_status fm_grid_write_geotiff_proj(fm_ctx *ctx, const fm_grid *g, fm_proj *proj,
                                     const char *units, const char *path);
/* Whether fm_grid_write_geotiff_proj needs GDAL for a grid in p. */
int fm_grid_geotiff_needs_gdal(const fm_proj *p);

/* ---- colour ramps --------------------------------------------------------- */

typedef enum { FM_RAMP_VIRIDIS = 0, FM_RAMP_MAGMA, FM_RAMP_INFERNO } fm_ramp;

fm_status fm_ramp_parse(fm_ctx *ctx, const char *name, fm_ramp *out);
/* Colour for t in [0,1] (clamped) as r, g, b, a in [0,1]; alpha fades to 0 at
 * the low end so the basemap shows through. */
void fm_ramp_color(fm_ramp ramp, double t, double rgba[4]);

/* ---- maps ----------------------------------------------------------------- */

/* One incident as the renderer sees it. cls indexes the class names given to
 * fm_map_set_points (event types). precision: 1 exact, 2 district, 3 province. */
typedef struct {
    double lon, lat;
    int fatalities;   /* -1 unknown, drawn at the minimum size */
    int cls;
    int precision;
} fm_map_point;

enum {
    FM_LABEL_CROSSINGS = 1,
    FM_LABEL_DISTRICTS = 2,
    FM_LABEL_PROVINCES = 4,
    FM_LABEL_TOWNS = 8,
    /* the default's: towns and the leading villages as the scale allows
     * (every town and some villages on views under 160 km), which an
     * explicit list (--labels) replaces */
    FM_LABEL_SCALE = 16
};

typedef enum { FM_OUT_AUTO = 0, FM_OUT_PNG, FM_OUT_PDF, FM_OUT_SVG } fm_out_format;

typedef struct {
    fm_out_format format;     /* AUTO: from the file extension */
    double page_w_mm, page_h_mm; /* A4 portrait by default (210 x 297) */
    int dpi;                  /* PNG only; default 150 */
    int has_extent;           /* else fitted to the points, at least the frontier */
    double west, south, east, north;
    const char *title;
    const char *subtitle;     /* date range and filters, written by the caller */
    const char *credits;      /* data sources with access dates, one per line */
    unsigned labels;          /* FM_LABEL_* bits */
    const char *lang;         /* "en", "en+ps", "en+ur" */
    const char *empty_message; /* drawn when there are no points, e.g. "No incidents recorded" */
    const char *note;         /* what the map could not place, drawn under it, or NULL */
    int period_year;          /* the incidents' last year: province names and units of
                               * then (FATA before 2018); 0 for today's */
    const fm_geom *const *focus; /* nfocus polygons the map is about (a district
                               * filter's), borrowed: they must outlive the map. The
                               * land outside them is veiled and their outline drawn,
                               * instead of the extent's box's */
    size_t nfocus;
    const fm_geom *subject;   /* the province a map is about (--region kp), borrowed,
                               * or NULL: its district seats and towns are named
                               * before those of the lands around it when the frame
                               * has no room for all (the focus polygons do the same
                               * when set) */
    const char *subject_country; /* the subject's country ("PK", "AF"), borrowed, or
                               * NULL: a place of another country is not in the
                               * subject however its polygon runs (Tsaperai, an
                               * Afghan seat inside Natural Earth's KP) */
} fm_map_opts;

/* Fills opts with the defaults above. */
void fm_map_opts_init(fm_map_opts *opts);

typedef struct fm_map fm_map;

/* A map over the basemap and gazetteer (both borrowed, must outlive the map;
 * gz may be NULL: no place labels). Destroy with fm_map_destroy(), accepts NULL. */
fm_status fm_map_create(fm_ctx *ctx, const fm_map_opts *opts, const fm_basemap *bm,
                        const fm_gazetteer *gz, fm_map **out);
void fm_map_destroy(fm_map *map);

/* The projection the map will use (owned by the map); valid after create. */
fm_proj *fm_map_proj(fm_map *map);

/* Incidents to draw (copied). class_names[i] labels class i in the legend. */
fm_status fm_map_set_points(fm_ctx *ctx, fm_map *map, const fm_map_point *pts, size_t n,
                            const char *const *class_names, size_t nclasses);

/* The basemap's optional detail: roads, rivers, lakes and the relief of
 * data_dir/basemap (NULL: fm_ctx_data_dir), which fm_map_render loads for
 * each map unless given one. Mapped from the build's image when it is
 * current (a few milliseconds), else parsed and shaded (a tenth of a
 * second), so a series of maps can share one, and a heatmap loads it on
 * another thread while its density is computed. Close with fm_detail_close
 * (accepts NULL). */
typedef struct fm_detail fm_detail;
fm_status fm_detail_open(fm_ctx *ctx, const char *data_dir, fm_detail **out);
/* Works out now what the first drawing would (the hill shade), so a detail
 * loaded on another thread is ready to draw. */
void fm_detail_prepare(fm_detail *d);
void fm_detail_close(fm_detail *d);
/* fm_detail_open with the image at index_path (render/detail_image.c; NULL:
 * the one installed beside the data, data_dir/detail.idx, else the build's;
 * "": none), used when it was made from data_dir's present files, else the
 * sources parsed. */
fm_status fm_detail_open_index(fm_ctx *ctx, const char *data_dir, const char *index_path,
                               fm_detail **out);
/* Writes the image of data_dir's detail to path (at build time,
 * tools/detailindex.c): the features as parsed and the relief's hill shade. */
fm_status fm_detail_write_image(fm_ctx *ctx, const char *data_dir, const char *path);
/* map draws d (borrowed: it must outlive map) instead of loading its own.
 * Maps drawn one after another may share one d, not maps drawn at once. */
void fm_map_use_detail(fm_map *map, fm_detail *d);

/* A density layer in the map's projection (fm_map_proj), drawn under the
 * symbols with the ramp from 0 to scale_max, and a colour bar titled units. */
fm_status fm_map_set_density(fm_ctx *ctx, fm_map *map, const fm_grid *g, fm_ramp ramp,
                             double scale_max, const char *units);

/* Where the density does not reach: the page's frame grows the extent's
 * view to fill the room the page leaves it (wider or taller than the
 * extent, by the page, its orientation, the legend and the credits), so a
 * grid made for the extent may stop inside the frame. fill is asked, once
 * the layout is known and only when map's grid does not cover the frame's
 * view (view: x0, y0, x1, y1 in the map's projected metres), for a grid that
 * does; the map takes *out (FM_OK and *out NULL: keep the grid as it is).
 * user is borrowed and must outlive the render. */
typedef fm_status (*fm_density_fill_fn)(fm_ctx *ctx, const void *user, const double view[4],
                                        fm_grid **out);
void fm_map_set_density_source(fm_map *map, fm_density_fill_fn fill, const void *user);
/* A directory (copied; NULL or "": none) where a density map in PNG keeps
 * the layers that do not depend on its incidents (the ground under the
 * density, the lines and names over it, render/layers.c), to draw only its
 * density the next time the same page is drawn from the same program, data
 * and fonts. The picture is the same with or without it. */
fm_status fm_map_set_layer_cache(fm_ctx *ctx, fm_map *map, const char *dir);
/* The projected box (x0, y0, x1, y1) the frame of a map with options o is
 * likely to show when its extent projects to bb and its legend needs
 * legend_h points at any width: the union of the layouts with four to eight
 * lines of credits. A legend taller than legend_h or longer credits make
 * the frame's view larger (a density grid made for the guess is then
 * completed through fm_map_set_density_source). */
void fm_map_guess_view(const fm_map_opts *o, const double bb[4], double legend_h,
                       double view[4]);

/* A buffer ring: the geodesic circle of radius_m around lon/lat, drawn as a
 * dashed line over the basemap and labelled with label (copied; e.g.
 * "Torkham 25 km") at its top. At most FM_MAP_MAX_RINGS; FM_EINVAL for a
 * radius not in (0, 2000 km] or coordinates off the globe. */
#define FM_MAP_MAX_RINGS 8
fm_status fm_map_add_ring(fm_ctx *ctx, fm_map *map, double lon, double lat, double radius_m,
                          const char *label);

/* A district choropleth, drawn over the land instead of incident symbols
 * (the caller gives no points): n polygons (borrowed; must outlive the map)
 * with their figures (copied; 0 drawn white, NAN hatched as no data) and the
 * upper bounds of nclasses classes over the positive figures (class j holds
 * values above upper[j-1] up to upper[j]), from fm_classify_jenks. The
 * legend shows heading, the classes as ranges of whole numbers, zero, no data
 * and method (e.g. "classes by natural breaks (Jenks)"). */
#define FM_CHORO_MAX_CLASSES 7
typedef struct {
    const fm_geom *const *geoms;
    const double *value;
    const unsigned char *joined; /* n flags or NULL: polygon i belongs to the same
                                  * unit as polygon i - 1 (a district of the period
                                  * since split): same figure, no line between */
    size_t n;
    const double *upper;
    size_t nclasses;
    const char *heading, *method;
} fm_choropleth;
fm_status fm_map_set_choropleth(fm_ctx *ctx, fm_map *map, const fm_choropleth *c);

/* Jenks natural breaks (exact, Fisher's dynamic programme) of the n values
 * into at most k classes (fewer when there are fewer distinct values): the
 * upper bound of each class, ascending, into upper (k entries), their number
 * in *nclasses. */
fm_status fm_classify_jenks(fm_ctx *ctx, const double *v, size_t n, size_t k, double *upper,
                            size_t *nclasses);
/* The class of v by those bounds (the last for anything above). */
int fm_classify_find(const double *upper, size_t nclasses, double v);

/* A callout: a label box for one incident at lon/lat, its heading (bold;
 * date and place) and body (lines: figures, claims, source), copied, placed
 * where it covers no symbol and no name, with a leader line to the point. */
#define FM_MAP_MAX_CALLOUTS 8
fm_status fm_map_add_callout(fm_ctx *ctx, fm_map *map, double lon, double lat, const char *head,
                             const char *body);
/* After fm_map_render: the box of callout i (x0, y0, x1, y1, page points);
 * 0 when it was not drawn. */
int fm_map_callout_box(const fm_map *map, size_t i, double box[4]);
/* The same, with the incident's page point (x, y) the leader runs to. */
int fm_map_callout_info(const fm_map *map, size_t i, double box[4], double pt[2]);
/* After fm_map_render: where ring i's label went (its box, page points), the
 * point of the ring it is set at (pt), whether a leader joins them, and the
 * label as drawn (text, at least 320 bytes: "Torkham 25 km", on two lines
 * with a newline, or "25 km"); 0 when the ring was drawn without its label
 * (it found no place in the frame) or there is no ring i. */
/* After fm_map_render: the note in a corner of the frame naming the
 * crossings, major cities and guaranteed district seats that found no room
 * (its box, page points, and its text, owned by the map until the next
 * render); 0 when every such name was placed. */
int fm_map_unnamed_info(const fm_map *map, double box[4], const char **text);
int fm_map_ring_info(const fm_map *map, size_t i, double box[4], double pt[2], int *leader,
                     char *text, size_t cap);

/* Draws the map to path (temp file renamed into place on success). */
fm_status fm_map_render(fm_ctx *ctx, fm_map *map, const char *path);

/* Sets the subtitle (copied; NULL: none) for the next fm_map_render: the
 * caller's figures for what the last render's frame showed (a choropleth's
 * incidents in the districts in the frame, fm_map_polygon_in_frame). */
fm_status fm_map_set_subtitle(fm_ctx *ctx, fm_map *map, const char *subtitle);

/* After fm_map_render: whether polygon g, as drawn, meets the map's frame
 * (an edge crosses it or the polygon holds the frame's middle): the
 * districts "in the frame" whose figures the choropleth's CSV lists. */
int fm_map_polygon_in_frame(fm_map *map, const fm_geom *g);

/* For tests and debugging, valid after fm_map_render: the boxes of the labels
 * placed by the last render as x0, y0, x1, y1 quadruples in points from the
 * page's top-left corner (owned by the map); returns how many. */
size_t fm_map_label_boxes(const fm_map *map, const double **boxes);
/* The text of placed label i (as fm_map_label_boxes numbers them; area names
 * in capitals, a wrapped name with a newline), owned by the map; NULL when i
 * is out of range. */
const char *fm_map_label_text(const fm_map *map, size_t i);
/* Every name the last render considered, in the order they were placed
 * (most important first), placed or left out: the list an editor checks
 * against the map, and what tests read instead of pixels. Strings are owned
 * by the map. kind: "crossing", "capital", "country", "province", "city",
 * "seat", "town", "route", "river", "village". must: a name the map
 * guarantees (crossings, major cities, district seats, the leading towns).
 * lon/lat: the place's point (NAN for areas and lines); x/y: its page point;
 * box: the text's box when placed; leader: drawn with a leader line. */
typedef struct {
    const char *text, *kind;
    int must, placed, leader;
    double lon, lat, x, y, box[4];
} fm_map_label_info;
/* Fills *out for name i and returns 1; 0 when i is out of range. */
int fm_map_label_info_get(const fm_map *map, size_t i, fm_map_label_info *out);
/* Symbol i of the last render (x, y, r in page points; its count's box,
 * all zero when it shows no count); 0 when i is out of range. */
int fm_map_symbol_info(const fm_map *map, size_t i, double xyr[3], double count_box[4]);
/* What symbol i of the last render stands for: how many incidents it
 * combines, their known fatalities summed, whether it is drawn dashed (some
 * member located only near, or to a district or province), its dominant
 * class (-1: other), and its centre in lon/lat, beside where it was drawn
 * (x, y, r in page points). Fills *out and returns 1; 0 when i is out of
 * range. */
typedef struct {
    int count, approx, cls;
    long fatalities;
    double lon, lat, x, y, r;
} fm_map_symbol_rec;
int fm_map_symbol_get(const fm_map *map, size_t i, fm_map_symbol_rec *out);
/* The map frame of the last render (x0, y0, x1, y1, page points). */
void fm_map_frame_box(const fm_map *map, double box[4]);
/* The page of the last render as laid out and drawn, for tests and editors
 * checking a layout: boxes are x0, y0, x1, y1 in points from the page's
 * top-left corner, all zero for a part not drawn. legend and credits are
 * the extent their entries and text took, not the room they were given. */
typedef struct {
    double page_w, page_h;
    double frame[4], title[4], legend[4], inset[4], credits[4];
    int legend_dropped;        /* legend entries left out for want of room */
    double scalebar_km, scalebar_pt;
    long sizekey_value;        /* the fatalities key's largest value, 0: not drawn */
    double sizekey_pt;         /* and its circle's radius in points */
    double view_ll[4];         /* the frame's lon/lat box (w, s, e, n) */
    double extent_ll[4];       /* the extent it had to show: the region's, or the data's */
} fm_map_layout_info;
void fm_map_layout_get(const fm_map *map, fm_map_layout_info *out);
/* Where lon/lat fell on the last rendered page, in points from the top-left
 * corner (multiply by dpi/72 for PNG pixels). FM_ERANGE if it does not project. */
fm_status fm_map_page_point(fm_ctx *ctx, fm_map *map, double lon, double lat, double *x_pt,
                            double *y_pt);
/* ---- time charts (chart.c) ---------------------------------------------------- */

/* Figures per month and series, drawn as stacked bars beside the maps, in
 * their style. v holds nseries * nmonths values, series by series (v[k *
 * nmonths + m] is series k in month m, m counted from first_month, the first
 * day of a month). Every string is borrowed. series_other: the last series
 * gathers the rest (drawn grey). by_type: series are event types, coloured as
 * on the maps. */
typedef struct {
    fm_out_format format;            /* AUTO: from the file extension */
    double page_w_mm, page_h_mm;     /* 257 x 150 by default */
    int dpi;                         /* PNG only */
    const char *title, *subtitle, *y_label, *unit; /* unit: "incidents", "killed" */
    const char *note, *credits;      /* under the chart: what is not in it, then sources */
    fm_day first_month;
    size_t nmonths, nseries;
    const char *const *series;
    const double *v;
    int series_other, by_type;
} fm_chart;

void fm_chart_init(fm_chart *c);
/* Draws c to path (PNG, PDF or SVG, a temp file renamed into place). The
 * legend gives each series' total, the subtitle line the peak month. */
fm_status fm_chart_render(fm_ctx *ctx, const fm_chart *c, const char *path);

/* Releases Pango's process-wide font map, so leak checkers see less at
 * exit (cairo's caches stay, reachable); call when no map is being drawn
 * (it comes back on use). */
void fm_render_release_fonts(void);
/* How many symbols (single incidents or clusters) the last render drew. */
size_t fm_map_symbol_count(const fm_map *map);

#endif
