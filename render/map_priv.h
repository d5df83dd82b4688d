/* map_priv.h: what the files of the map renderer share (private to render/):
 * the fm_map object, the page layout in points, and the drawing passes.
 * Cairo and Pango types stay behind this header; fm_render.h never shows them. */
#ifndef FM_MAP_PRIV_H
#define FM_MAP_PRIV_H

#include <stdio.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "render/fm_render.h"

#define FM_PT_PER_MM (72.0 / 25.4)

typedef struct {
    double x0, y0, x1, y1;
} fm_box;

/* A drawn incident symbol: one point or a cluster of nearby points. */
typedef struct {
    double x, y, r;          /* page points */
    double count_x, count_y; /* where the count is written (the centre, or on
                              * the rim when a crossing marker sits there) */
    int count;
    long fatalities;         /* sum of known fatalities */
    int approx;              /* some member is only near, district- or province-level */
    int cls;                 /* dominant class */
    int *cls_count;          /* per class (nclasses), owned by the map (cls_counts) */
    double count_pt;         /* the count's type size (0: 5.5 pt) */
    int tick;                /* the count, set off the rim, has a tick to it */
} fm_symbol;

/* Symbol units (cluster.c): a unit is a point of the extent fitted to a
 * reference frame of FM_SYM_UNIT_W x FM_SYM_UNIT_H points (A4 portrait's),
 * over FM_SYM_UNIT_K. Clusters and sizes are worked out in these units,
 * from the extent alone, and drawn at sym_scale points a unit: 0.75 on A4
 * portrait, 1.1-1.4 on A3, 0.38-0.5 on A5, whatever the region's shape. */
#define FM_SYM_UNIT_W 528.0
#define FM_SYM_UNIT_H 464.0
#define FM_SYM_UNIT_K 0.75
#define FM_SYM_CLUSTER_U 6.5 /* points closer than this are combined */
#define FM_SYM_R_MIN 2.4     /* the radius of a symbol without fatalities */
#define FM_SYM_K 1.1         /* radius per sqrt(fatality) ... */
#define FM_SYM_R_MAX 26.0    /* ... unless the largest would pass this */
/* The counts: FM_COUNT_U units high (5.5 pt on A4), set no smaller than
 * FM_COUNT_MIN_PT (A5) nor larger than FM_COUNT_MAX_PT (A3) on the page.
 * Clusters whose counts would meet at FM_COUNT_CLASH_U units are one; on a
 * page whose counts are larger than that (A5), those that meet move to
 * their symbol's rim (symbols.c; see DESIGN.md). */
#define FM_COUNT_U 7.33
#define FM_COUNT_MIN_PT 4.2
#define FM_COUNT_MAX_PT 7.5
#define FM_COUNT_CLASH_U FM_COUNT_U

/* detail.c: roads, rivers, lakes and the elevation grid (optional files). */
enum { FM_DETAIL_ROAD, FM_DETAIL_RIVER, FM_DETAIL_WATER };
typedef struct {
    fm_geom g;
    int layer;  /* FM_DETAIL_* */
    int rank;   /* road class (0 motorway .. 4 tertiary) or river rank 1..3 */
    int dashed; /* an intermittent river */
    char *name; /* route number or English river name, or NULL (owned) */
    size_t at_xy, at_parts, at_holes; /* where g's arrays start in the pools, while loading */
} fm_detail_feature;
struct fm_detail {
    fm_detail_feature *f;
    size_t n;
    /* every feature's arrays, one after another (fm_big_calloc'd, owned):
     * features point into these and own nothing of their geometry */
    double *pool_xy;
    size_t *pool_parts;
    unsigned char *pool_holes;
    size_t nxy, nparts, nholes; /* used of the pools (pairs, entries, flags) */
    float *z, *shade; /* elevation (NAN: sea) and its hill shade, row 0 north */
    int dem_nx, dem_ny;
    double dem_west, dem_north, dem_cell;
    /* mapped from the build's image (detail_image.c), or NULL: then the
     * pools, the shade and the names point into it and only f is owned */
    void *map;
    size_t map_len;
};

#define FM_MARGIN_MM 10.0 /* round the page */
#define FM_SIDE_PT 235.0  /* the column of panels beside a frame */
/* Where the credits go: the foot of the side column, under the frame
 * beside that column, or across the foot of the page. */
enum { FM_CREDITS_COLUMN, FM_CREDITS_UNDER, FM_CREDITS_ACROSS };

/* The page, worked out once per render (all in points, y down). */
typedef struct {
    double page_w, page_h;
    fm_box frame;                 /* the map frame */
    fm_box title;                 /* title and subtitle */
    fm_box legend;                /* legend panel */
    fm_box inset;                 /* locator inset */
    fm_box credits;               /* credits text */
    double vx0, vy0, vx1, vy1;    /* projected view (metres) filling the frame */
    double scale;                 /* points per projected metre */
    double bb[4];                 /* projected box of the extent to show */
    int arranged;                 /* fm_arrange chose the fields below */
    int beside;                   /* the panels in a column beside the frame, else under it */
    int inset_on;                 /* the locator inset drawn */
    int credits_at;               /* FM_CREDITS_COLUMN, _UNDER (the frame) or _ACROSS */
    double credits_hs[3];         /* the credits' height at each of those places */
    double fs;                    /* the furniture's scale (fm_arrange_furniture_scale) */
    double ext_ll[4];             /* lon/lat extent the frame must show (w, s, e, n) */
    /* what the drawing used, for fm_map_layout_get (zero boxes: not drawn) */
    fm_box legend_used, credits_used;
    int legend_dropped;           /* legend entries that found no room */
    double scalebar_km, scalebar_pt; /* the scale bar's length */
    long sizekey_value;           /* the size key's largest value (0: none drawn) */
    double sizekey_pt;            /* its circle's radius on the page */
} fm_layout;

/* choropleth.c: a district choropleth (fm_map_set_choropleth's copy). */
struct fm_choro {
    const fm_geom **geoms;        /* borrowed polygons */
    double *value;                /* n figures, NAN: no data */
    unsigned char *joined;        /* n flags (fm_choropleth's), or NULL */
    size_t n, nclasses;
    double upper[FM_CHORO_MAX_CLASSES];
    double lowest;                /* the smallest positive figure */
    char *heading, *method;
};
void fm_choro_free(struct fm_choro *c);
/* callout.c: the callouts, placed once the symbols are built and before the
 * names (clear of the symbols and of marks, the x, y pairs of the places
 * that must be named), drawn last in the frame. fm_callout_leader gives the
 * leader of a placed callout (x0, y0 at the incident, or on the rim of the
 * symbol holding it when that prints a count; x1, y1 at the box). */
void fm_callouts_place(fm_map *map, cairo_t *cr, const double *marks, size_t nmarks);
int fm_callout_leader(const fm_map *map, size_t i, double seg[4]);
void fm_callouts_draw(fm_map *map, cairo_t *cr);
void fm_callouts_free(fm_map *map);
void fm_choro_draw(fm_map *map, cairo_t *cr);
void fm_choro_class_color(size_t cls, size_t n, double rgb[3]);
void fm_choro_value_color(const fm_map *map, double v, double rgb[3]);

struct fm_map {
    fm_map_opts opts;             /* strings below are the map's own copies */
    char *title, *subtitle, *credits, *lang, *empty_message, *note;
    const fm_basemap *bm;
    const fm_gazetteer *gz;
    fm_proj *proj;
    double west, south, east, north; /* extent the projection was fitted to */
    fm_map_point *pts;
    size_t npts;
    char **classes;
    size_t nclasses;
    fm_grid *grid;                /* density layer (copy) or NULL */
    fm_density_fill_fn density_fill; /* fm_map_set_density_source's, or NULL */
    const void *density_user;
    fm_ramp ramp;
    double scale_max;
    char *units;
    fm_layout lay;                /* of the last render */
    fm_box *label_boxes;          /* placed labels of the last render */
    char **label_texts;           /* their texts (nlabels, owned) */
    size_t nlabels, label_cap, text_cap;
    struct fm_label_rec {         /* every name considered, placed or not */
        char *text;               /* owned */
        int kind, must, placed, leader;
        size_t cand;              /* its index among the candidates placed */
        double lon, lat, x, y;    /* the place (NAN for areas and lines), page point */
        fm_box box;               /* where it went (placed) */
    } *lrec;
    size_t nlrec, lrec_cap;
    fm_box unnamed_box;           /* unnamed.c's note, when unnamed_placed */
    int unnamed_placed;
    char *unnamed_text;           /* owned, or NULL */
    fm_symbol *clusters;          /* every cluster, in symbol units (cluster.c) */
    size_t nclusters;
    double cluster_u;             /* symbol units per projected metre */
    double cluster_k;             /* symbol radius in units per sqrt(fatality) */
    fm_symbol *symbols;           /* the clusters in the frame, in page points */
    size_t nsymbols;
    int *cls_counts;              /* storage for the clusters' class counts */
    size_t *class_totals;         /* incidents per class drawn (legend), nclasses + 1 ("other") */
    double size_k;                /* symbol radius in pt per sqrt(fatality) */
    double sym_scale;             /* page points per symbol unit (symbols.c) */
    double cluster_pt;            /* the clustering distance on this page */
    double count_pt;              /* the counts' type size on this page */
    long max_fatalities;          /* largest symbol total drawn (legend) */
    fm_buf credit_text;           /* credits as drawn */
    fm_geom prov_lines;           /* fm_province_lines, made on first use */
    fm_detail *detail;            /* loaded by fm_map_render, or NULL */
    int detail_borrowed;          /* detail is fm_map_use_detail's, not closed here */
    struct {
        double lon, lat, radius_m;
        char *label;              /* owned */
        fm_box label_box;         /* fm_ring_label_choose's, when label_chosen is 1; */
        int label_chosen;         /* -1: it found no place in the frame */
        int label_form;           /* 0 "Torkham 25 km", 1 on two lines, 2 "25 km" */
        double leader[4];         /* from the ring to the label set off it; */
        int has_leader;           /* 0: the label is on the ring or touches it */
    } rings[FM_MAP_MAX_RINGS];
    size_t nrings;
    struct fm_choro *choro;       /* or NULL */
    struct fm_callout {
        double lon, lat;
        char *head, *body;        /* owned */
        fm_box box;               /* where the last render put it */
        double px, py;            /* the incident's page point */
        int placed;
    } callouts[FM_MAP_MAX_CALLOUTS];
    size_t ncallouts;
    double view_ll[4];            /* lon/lat box of the frame (w, s, e, n) */
    double empty_x, empty_y;      /* the empty message's corner (fm_map_empty_box),
                                     once chosen for this frame; empty_y NAN before */
    fm_geom fata;                 /* the tribal agencies of a period before 2018
                                   * (periodnames.c; owned arrays, made on first use) */
    fm_geom fata_line;            /* its line with the North-West Frontier
                                   * (fatalines.c; owned arrays, made on first use) */
    int prov_lines_made, fata_line_made;
    unsigned shown;               /* FM_SHOWN_* bits: what the frame draws, for the
                                   * legend (legendshown.c); 0 before it is known */
    char *layer_cache;            /* fm_map_set_layer_cache's directory (owned), or NULL */
    int no_layers;                /* tests: the frame drawn straight, as before layers.c */
};

/* Projected metres -> page points through the layout. */
static inline void fm_lay_page(const fm_layout *l, double x, double y, double *px, double *py)
{
    *px = l->frame.x0 + (x - l->vx0) * l->scale;
    *py = l->frame.y1 - (y - l->vy0) * l->scale;
}

/* lon/lat -> page points; returns 0 if the point does not project. */
int fm_map_lonlat_page(fm_map *map, double lon, double lat, double *px, double *py);

/* canvas.c */
typedef struct fm_canvas fm_canvas;
fm_status fm_canvas_open(fm_ctx *ctx, const char *path, fm_out_format fmt, double w_mm,
                         double h_mm, int dpi, const char *title, fm_canvas **out);
cairo_t *fm_canvas_cr(fm_canvas *cv);
/* Finishes the file and renames it into place; always frees cv. */
fm_status fm_canvas_close(fm_ctx *ctx, fm_canvas *cv, int ok);
fm_out_format fm_canvas_format_from_path(const char *path);
/* Writes an RGB24 image surface to f as a PNG (pngwrite.c); dpi > 0 is
 * recorded as the pixel size. path only names the file in errors. */
fm_status fm_png_write(fm_ctx *ctx, cairo_surface_t *img, int dpi, FILE *f, const char *path);

/* svgtext.c: <text> elements for SVG output (see the file's comment). The
 * canvas creates one, attaches it to its cairo context and owns it;
 * fm_text_draw records through it (returns 0 when cr has none). */
typedef struct fm_svgtext fm_svgtext;
fm_svgtext *fm_svgtext_create(fm_ctx *ctx);
void fm_svgtext_destroy(fm_svgtext *t);
void fm_svgtext_attach(cairo_t *cr, fm_svgtext *t);
int fm_svgtext_record(cairo_t *cr, PangoLayout *pl, double x, double y, double halo_pt);
/* The elements recorded so far (owned by t). */
const char *fm_svgtext_elements(fm_svgtext *t, size_t *len);
fm_status fm_svgtext_status(const fm_svgtext *t);

/* map.c: what lies over the ground and the density: the country, province
 * and border lines (with a density), the veil beyond the extent, the
 * graticule, the extent's outline, rings, symbols and names. */
fm_status fm_map_draw_over(fm_ctx *ctx, fm_map *map, cairo_t *cr);
/* The box of the message a map without incidents carries across its frame
 * (names keep off it): in the middle, or the height nearest it that covers
 * the fewest crossings, cities, district seats and towns (Khar was hidden
 * on an empty Bajaur map); 0 when there is none. With pl_out, its layout too
 * (the caller unrefs it). */
int fm_map_empty_box(fm_map *map, cairo_t *cr, fm_box *out, PangoLayout **pl_out);

/* layers.c: whether the map's frame is drawn in layers (a density map in
 * PNG without symbols, rings, callouts or a choropleth: nothing over the
 * density depends on the incidents), and the frame so drawn: the ground,
 * the density, fm_map_draw_over's image laid over them, both outer layers
 * from and to map->layer_cache when set. */
int fm_layers_apply(const fm_map *map, cairo_t *cr);
fm_status fm_layers_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr);

/* layout.c */
fm_status fm_layout_compute(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_layout *l);
void fm_layout_draw_title(fm_map *map, cairo_t *cr);
void fm_layout_draw_legend(fm_map *map, cairo_t *cr);
/* The height the legend needs between x0 and x1, at least min_h (the room
 * it has anyway) and at most max_h (max_h: it does not fit). */
double fm_legend_height(fm_map *map, double x0, double x1, double min_h, double max_h);
/* Fits the frame to the page again once the legend's height is known
 * (after fm_symbols_build); returns 1 when the frame changed. round: 0 the
 * first time after fm_layout_compute, then 1, 2 ... (see fm_arrange's
 * settle). */
int fm_layout_refine(fm_map *map, fm_layout *l, int round);
/* arrange.c: divides l's page (page size, bb and credits_hs set) between
 * the frame, title, legend, inset and credits, choosing the arrangement
 * that shows bb largest with the whole legend; the legend's height measured
 * on map, or taken as legend_guess at any width when map is NULL. Keeps l's
 * own arrangement (when it has one) unless another is clearly better; with
 * settle, keeps l as it is while its legend box holds the legend (the
 * legend's height depends on the frame through the symbols' sizes: the
 * frame only shrinks, so the rounds of fm_map_render end). FM_ERANGE (with
 * ctx) when no arrangement leaves room for a frame. */
fm_status fm_arrange(fm_ctx *ctx, fm_map *map, fm_layout *l, double legend_guess, int settle);
/* The margin round the page, in points. */
double fm_arrange_margin_pt(void);
/* How much smaller than on A4 the title, legend, inset and credits are set
 * on a page: by the square root of its shorter side against A4's, but no
 * less than FM_FURNITURE_MIN (A5: 0.84); 1 on A4 and larger pages. Text of
 * 6.8 and 6 pt stays readable at 5.7 and 5 pt; at full size the panels
 * left an A5 frame a fifth of the page. */
#define FM_FURNITURE_MIN 0.84
double fm_arrange_furniture_scale(double page_w_pt, double page_h_pt);
void fm_layout_draw_credits(fm_map *map, cairo_t *cr);
/* With an explicit extent (the filter's box) and a frame that shows more
 * around it: a white veil over the land outside it, and its dashed outline. */
void fm_extent_veil(fm_map *map, cairo_t *cr);
/* Sets map->view_ll, the lon/lat box that holds the frame (edges sampled;
 * a conic bends them), once the layout is final. */
void fm_layout_view_lonlat(fm_map *map);
void fm_extent_outline(fm_map *map, cairo_t *cr);
/* A Pango layout with the house font at size_pt (bold if asked). Caller unrefs. */
PangoLayout *fm_text_layout(cairo_t *cr, const char *text, double size_pt, int bold);
/* Draws a layout at x,y with a halo of halo_pt in white (0: none). */
void fm_text_draw(cairo_t *cr, PangoLayout *pl, double x, double y, double halo_pt);

/* basemap_draw.c: the ground (sea, land, choropleth, detail) and, without
 * a density layer, the country, province and border lines; with one,
 * fm_basemap_draw_lines draws those lines over the density (else nothing). */
/* Works out what the basemap's drawing needs that can fail (the province
 * lines); drawing after it cannot fail. FM_ENOMEM on ctx. */
fm_status fm_basemap_prepare(fm_ctx *ctx, fm_map *map);
void fm_basemap_draw(fm_map *map, cairo_t *cr);
void fm_basemap_draw_lines(fm_map *map, cairo_t *cr);
void fm_geom_path(fm_map *map, cairo_t *cr, const fm_geom *g, int close);
/* The disputed border's line on its rose band (halo.c draws it). */
extern const struct fm_halo_line fm_border_line;

/* halo.c: a line on a halo. The halo (rgba, halo_w points wide) is stroked
 * along the current path, then the line (rgb, w wide; dashed when dash is
 * not NULL, its ends cut square when butt), which takes the path. Leaves
 * the line's colour, width and (when butt) cap set, and no dash. */
typedef struct fm_halo_line {
    double halo[4], halo_w;
    double rgb[3], w;
    const double *dash;
    int ndash, butt;
} fm_halo_line;
void fm_stroke_haloed(cairo_t *cr, const fm_halo_line *s);

/* provlines.c: the edges two provinces of one country share, met to the
 * border where they reach it (a multi-line geometry; the caller frees
 * out->xy and out->part_start). */
fm_status fm_province_lines(fm_ctx *ctx, const fm_basemap *bm, fm_geom *out);

/* detail.c: fm_detail_open and fm_detail_close are in fm_render.h.
 * fm_detail_parse reads the sources themselves (GeoJSON and the elevation
 * grid), never the image. */
fm_status fm_detail_parse(fm_ctx *ctx, const char *data_dir, fm_detail **out);
/* detail_image.c: maps the image at path when it was made from data_dir's
 * present files (FM_ENOTFOUND when it is missing, stale or foreign). */
fm_status fm_detail_image_map(fm_ctx *ctx, const char *path, const char *data_dir,
                              fm_detail **out);
/* Relief, lakes, rivers and roads for the view's scale, in that order. */
void fm_detail_draw(fm_map *map, cairo_t *cr);
int fm_detail_shown(const fm_map *map, const fm_detail_feature *f);
/* The width of the view in km. */
double fm_view_km(const fm_map *map);
/* rings.c: buffer rings and where their labels go (page points: the top of
 * the ring, else the point of the ring nearest it, every 30 degrees, where
 * the label lies in the frame; 0 when none does). */
void fm_rings_draw(fm_map *map, cairo_t *cr);
int fm_ring_label_box(fm_map *map, cairo_t *cr, size_t i, fm_box *b, PangoLayout **pl);
/* relief.c */
void fm_relief_draw(fm_map *map, cairo_t *cr);

/* cluster.c: the clusters of map's points for its extent (map->lay.bb),
 * in symbol units, largest first; once per render, before any page
 * placement. fm_symbol_unit: symbol units per projected metre (0: no
 * extent). fm_count_box_at: the box a count takes at (x, y) in type of
 * size font (units or points alike). */
fm_status fm_clusters_build(fm_ctx *ctx, fm_map *map);
double fm_symbol_unit(const fm_layout *l);
double fm_symbol_radius_u(double k, long fatalities);
void fm_count_box_at(double x, double y, int count, double font, fm_box *b);

/* symbols.c: the clusters in the frame on this page (again after each
 * layout round; the clusters do not change). */
fm_status fm_symbols_place(fm_ctx *ctx, fm_map *map);
/* The circles, then (separately, so nothing is drawn over them) the counts. */
void fm_symbols_draw(fm_map *map, cairo_t *cr);
void fm_symbols_draw_counts(fm_map *map, cairo_t *cr);
/* The box the count of a combined symbol takes; 0 when it has none. */
int fm_symbol_count_box(const fm_symbol *s, fm_box *b);
/* countspot.c: place k (0 .. FM_COUNT_SPOT_RINGS * 16 - 1, in the order
 * to try) for s's count off the middle of its circle: inside it, touching
 * its rim, then up to FM_COUNT_OFF_MAX points off it; 0 past the last (or
 * for a symbol without a count). */
#define FM_COUNT_SPOT_RINGS 14
#define FM_COUNT_OFF_MAX 18.0
int fm_count_spot(const fm_symbol *s, int k, double *x, double *y);
/* Whether the page sets its counts larger than the clusters kept them
 * apart for (A5), so they are moved with fm_count_spot (symbols.c). */
int fm_counts_spread(const fm_map *map);
/* Marks s's count for a tick when fm_count_spot set it off the rim. */
void fm_count_tick_mark(fm_symbol *s);
/* Whether the count of sym[self], moved off its own circle, has its middle
 * inside another circle (not a speck): a reader takes it for that one's. */
int fm_count_reads_other(const fm_symbol *sym, size_t n, size_t self);
/* How far s's count box stands off its circle's rim (<= 0: it meets the
 * circle). */
double fm_count_gap(const fm_symbol *s);
/* The tick from s's rim to its count, set off the rim: 1 and seg (x0, y0,
 * x1, y1) when there is one. fm_count_tick_draw strokes it. */
int fm_count_tick(const fm_symbol *s, double seg[4]);
void fm_count_tick_draw(cairo_t *cr, const fm_symbol *s);
void fm_symbol_draw_one(fm_map *map, cairo_t *cr, const fm_symbol *s);
double fm_symbol_radius(const fm_map *map, long fatalities);
void fm_class_color(const fm_map *map, int cls, double rgb[3]);

/* arealabels.c: a polygon in page points (rings from start[i] to
 * start[i+1]) and where a label fits inside it. */
typedef struct {
    double *xy;
    size_t n, nparts, *start;
    double x0, y0, x1, y1;
} fm_page_poly;
fm_status fm_page_poly_make(fm_ctx *ctx, fm_map *map, const fm_geom *g, fm_page_poly *pp);
void fm_page_poly_free(fm_page_poly *pp);
int fm_page_poly_contains(const fm_page_poly *pp, double x, double y);
/* Up to max centres (x, y pairs in xy) inside the polygon and the frame, at
 * least min_d from both edges, farthest first; returns how many. */
size_t fm_page_poly_anchors(const fm_page_poly *pp, const fm_box *frame, double min_d,
                            double *xy, size_t max);
/* Whether box b lies inside the polygon (sampled along its edges). */
int fm_page_poly_holds_box(const fm_page_poly *pp, const fm_box *b);

/* boxgrid.c: boxes on the page filed in a bucket grid (owned arrays; free
 * with fm_boxgrid_free). tag is the caller's (e.g. a symbol index). */
typedef struct {
    fm_box *b;
    int *tag;
    unsigned *stamp;
    size_t n, cap, tag_cap, stamp_cap;
    int nx, ny, *head;
    double x0, y0;
    struct {
        int box, next;
    } *node;
    size_t nnode, node_cap;
    unsigned query;
} fm_boxgrid;
fm_status fm_boxgrid_init(fm_ctx *ctx, fm_boxgrid *g, const fm_box *area);
void fm_boxgrid_free(fm_boxgrid *g);
fm_status fm_boxgrid_add(fm_ctx *ctx, fm_boxgrid *g, fm_box b, int tag);
/* Indices of the boxes overlapping b (at most max written); returns how many
 * there are in all. */
size_t fm_boxgrid_query(fm_boxgrid *g, const fm_box *b, int *out, size_t max);
int fm_boxgrid_hits(fm_boxgrid *g, const fm_box *b);
/* rings.c (with the grids above) */
/* Chooses where ring i's label goes, round the ring and clear of the
 * counts and markers in hard and cnt (never over one when any place is
 * clear of them) and of as few symbols in sym as it can; fm_ring_label_box
 * then gives that place. */
void fm_ring_label_choose(fm_map *map, cairo_t *cr, size_t i, fm_boxgrid *hard, fm_boxgrid *cnt,
                          fm_boxgrid *sym);
/* Draws ring i's leader, if its label was set off the ring (a small ring on
 * a wide view, in a crowd of symbols). */
void fm_ring_leader_draw(const fm_map *map, cairo_t *cr, size_t i);

/* legendshown.c: what the current frame draws, so the legend keys only
 * that (a crossing, a border, a ring, a dashed symbol...). Worked out from
 * the frame and the data, not from what the names' placement drew, so a
 * page drawn from the layer cache keys the same. fm_legend_shown_make sets
 * map->shown (after the symbols are placed in a frame); fm_legend_shows
 * says whether bit is shown (every bit, before it is known). */
enum {
    FM_SHOWN_KNOWN = 1 << 0, FM_SHOWN_CROSSING = 1 << 1, FM_SHOWN_CAPITAL = 1 << 2,
    FM_SHOWN_PLACE = 1 << 3, FM_SHOWN_BORDER = 1 << 4, FM_SHOWN_PROVLINE = 1 << 5,
    FM_SHOWN_ROAD = 1 << 6, FM_SHOWN_RIVER = 1 << 7, FM_SHOWN_RING = 1 << 8,
    FM_SHOWN_SYMBOL = 1 << 9, FM_SHOWN_FATAL = 1 << 10, FM_SHOWN_UNFATAL = 1 << 11,
    FM_SHOWN_APPROX = 1 << 12, FM_SHOWN_COMBINED = 1 << 13, FM_SHOWN_ZERO = 1 << 14,
    FM_SHOWN_NODATA = 1 << 15 /* a choropleth's district of 0, of no data */
};
fm_status fm_legend_shown_make(fm_ctx *ctx, fm_map *map);
int fm_legend_shows(const fm_map *map, unsigned bit);
/* Whether any segment of g, projected, meets the frame. */
int fm_geom_meets_frame(fm_map *map, const fm_geom *g);

/* placecands.c: the places and areas that may be named, most important
 * first. Kinds in order of importance (also the label styles). */
enum {
    FM_LK_CROSSING, FM_LK_CAPITAL, FM_LK_HOME, FM_LK_PROVINCE, FM_LK_CITY, FM_LK_SEAT,
    FM_LK_DISTRICT, /* a district with no known seat, named inside its polygon */
    FM_LK_COUNTRY, FM_LK_TOWN, FM_LK_ROUTE, FM_LK_RIVER, FM_LK_VILLAGE, FM_LK_N
};
typedef struct {
    int kind;          /* FM_LK_* */
    int must;          /* named at every scale (leader lines, over symbols) */
    double score;      /* within a kind and must, higher first */
    int id;
    const fm_place *p; /* point names */
    const fm_geom *g;  /* area names (NULL: the point stands for the area) */
    const char *name;
    const char *iso2;  /* countries */
    const fm_geom *not_in; /* area names: not placed inside this (KP outside FATA) */
    double x, y;       /* page points */
    int subject;       /* a seat or town in the map's subject (its province or
                          district): guaranteed and placed before the others */
    int ranked;        /* guaranteed by rank only (a leading town; a seat of
                          a view too small for them all, outside the subject):
                          named near its place or not at all */
    double reach_pt;   /* > 0: the longest leader it may take, else it is
                          left out (a seat of the subject on a view too
                          small for all the seats, placecands.c) */
    double prefer_pt;  /* > 0: a guaranteed crossing or city looks for a
                          place with a leader at most this long (nearer,
                          between the counts) before a longer one */
    int shares;        /* a seat of the subject whose marker touches a more
                          important guaranteed one's (Saidu Sharif at Mingora,
                          Landi Kotal at Torkham): drawn under it, named */
    int unseeded;      /* its marker is no obstacle from the start: a place
                          named within a reach that a placement before left
                          out (labels.c, unseed_missed) */
} fm_label_cand;
/* The candidates of the current layout, symbols built; *out is freed by the
 * caller with free(). */
fm_status fm_label_cands_collect(fm_ctx *ctx, fm_map *map, fm_label_cand **out, size_t *n);
/* The kinds (bits 1 << FM_LK_*) of the places the view may name whose points
 * lie in the frame; ~0u when out of memory. */
unsigned fm_label_kinds_in_frame(fm_map *map);
/* spacedtext.c: draws a letter-spaced, left-to-right layout at (x, y) (its
 * top left) with each run's text as one cluster, so PDF text extraction
 * reads the name whole, or with path_only adds its outline to the path (for
 * a halo); 0 (nothing done) for any other layout, which Pango draws. */
int fm_spaced_text_show(cairo_t *cr, PangoLayout *pl, double x, double y, int path_only);
/* placerank.c: the roads drawn, rasterised into page cells (the best class
 * through each), and a village's weight from them and its sources, for
 * ranking villages without populations. Free with fm_road_grid_free. */
typedef struct {
    int nx, ny;
    double x0, y0;
    float *v; /* owned */
} fm_road_grid;
fm_status fm_road_grid_build(fm_ctx *ctx, fm_map *map, fm_road_grid *g);
double fm_road_grid_at(const fm_road_grid *g, double x, double y);
void fm_road_grid_free(fm_road_grid *g);
double fm_village_weight(const fm_road_grid *g, const fm_place *p, double x, double y);
/* Whether a lowercased name without marks holds a word for the centre of a
 * district ("markaz", "woluswal", "wuleswal", "alaqahdari", "hukumati", ...):
 * GeoNames names many Afghan seats so (placedoubles.c). */
int fm_label_centre_words(const char *lower);
/* placedoubles.c: of two point names within a few km, one of them among the
 * other's names (Towr Kham, a village that lists Torkham, beside the
 * crossing), the lesser gets kind -1 (dropped by the caller) and the other
 * its weight; so does a district named in its polygon for want of a seat
 * when a seat the map names lies in that polygon (Nika, GeoNames' Nikeh); a
 * town GeoNames calls the centre of such a district is named as its seat,
 * under the district's name (Markaz-e Woluswali-ye Achin as Acheen). */
fm_status fm_label_cands_merge_doubles(fm_ctx *ctx, const fm_map *map, fm_label_cand *c,
                                       size_t n);
/* Sorts candidates into the order they are placed in (by kind, guarantee,
 * score; those whose score was raised by FM_LABEL_PROMOTED first). */
#define FM_LABEL_PROMOTED 1e6
void fm_label_cands_sort(fm_label_cand *c, size_t n);

/* periodnames.c: a province's name in the map's period, and the tribal
 * agencies (FATA) as one geometry when the period ends before their merger
 * (*out NULL otherwise; owned by the map). */
const char *fm_period_province_name(const fm_map *map, const char *name);
fm_status fm_period_fata(fm_ctx *ctx, fm_map *map, const fm_geom **out);
/* fatalines.c: on a map of a period before FM_FATA_UNTIL, the line between
 * the tribal agencies and the rest of the province (*out, owned by the map;
 * NULL when the period is later or the gazetteer has no such edges). */
fm_status fm_period_fata_line(fm_ctx *ctx, fm_map *map, const fm_geom **out);

/* Route numbers and river names to place, as label candidates. */
fm_status fm_detail_label_cands(fm_ctx *ctx, fm_map *map, fm_label_cand **c, size_t *n,
                                size_t *cap);

/* labeltext.c: the text of a label (English, and the Arabic-script line
 * that --lang asks for); area names in capitals, wrapped at the middle space
 * when wrap is set. Returns 0 when the text cannot be had that way. */
int fm_label_text(const fm_map *map, const fm_label_cand *c, int wrap, char *text, size_t cap);
/* s with the marks of Latin letters stripped ("Spīn Bōldak" -> "Spin
 * Boldak"), as editors print transliterated names; other scripts unchanged. */
void fm_label_plain(const char *s, char *out, size_t cap);
/* The name as printed: fm_label_plain's, cut at its first comma, less a
 * last word "village", "locality" or "suburb" ("Maizer locality, Datta
 * Khel" -> "Maizer"). */
void fm_label_display(const char *s, char *out, size_t cap);

/* labels.c */
#define FM_NAME_MIN_PT 4.5 /* names are never set smaller on a small page */
void fm_labels_reset(fm_map *map);
/* labelone.c: the scale of the names' type on the map's page: the furniture's
 * (fm_layout.fs), 1 on A4 and larger, 0.84 on A5. */
double fm_label_page_scale(const fm_map *map);
/* Places the names, then draws place markers, the incident symbols
 * (fm_symbols_draw), crossing markers and the names, in that order. */
fm_status fm_labels_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr);
void fm_crossing_mark(cairo_t *cr, double x, double y, double s);
/* The marker of a major city (major) or of a town or district seat. */
void fm_city_mark(cairo_t *cr, double x, double y, int major);

/* furniture.c */
void fm_graticule_draw(fm_map *map, cairo_t *cr);
/* The scale bar, in the legend's units (map->lay.fs page points each), at
 * most max_w long; its length in km and in those units go to km and w. */
void fm_scalebar_draw(fm_map *map, cairo_t *cr, double x, double y, double max_w, double *km,
                      double *w);
void fm_north_draw(fm_map *map, cairo_t *cr, double x, double y);
void fm_inset_draw(fm_map *map, cairo_t *cr);

/* raster.c */
void fm_density_draw(fm_map *map, cairo_t *cr);
/* A zeroed (transparent) ARGB32 image whose pixels are fm_big_calloc'd and
 * freed with the surface; an error surface when there is no memory. */
cairo_surface_t *fm_image_big(int w, int h);
void fm_colorbar_draw(fm_map *map, cairo_t *cr, double x, double y, double w);

#endif
