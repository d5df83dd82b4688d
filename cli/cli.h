/* cli.h: what the subcommands share: the dispatch table, the command-line
 * session (context and streams), error reporting, option helpers and the
 * table/CSV/JSON printer. Only cli/ prints or exits. */
#ifndef FM_CLI_H
#define FM_CLI_H

#include <stdio.h>

#include "core/fm_core.h"
#include "data/fm_data.h"
#include "geo/fm_geo.h"
#include "heat/fm_heat.h"
#include "render/fm_render.h"
#include "cli/opts.h"

/* Exit codes. */
enum { FM_EXIT_OK = 0, FM_EXIT_FAIL = 1, FM_EXIT_USAGE = 2 };

/* One invocation: the context plus where output and diagnostics go, so tests
 * can run commands in-process against memory streams. */
typedef struct fm_cli_s {
    fm_ctx *ctx;
    FILE *out;
    FILE *err;
    int quiet;
    int verbose;
    int progress_tty; /* draw a progress bar (stderr is a terminal) */
} fm_cli;

typedef int (*fm_cmd_fn)(fm_cli *cli, int argc, char **argv);

typedef struct {
    const char *name;
    fm_cmd_fn fn;
    const char *summary;
    const fm_cmd_desc *desc; /* its options, for help, manual page and completion */
} fm_command;

/* The dispatch table, ending with a zeroed entry (cli/commands.c). */
extern const fm_command fm_commands[];

/* Points the context at the built-in data of this program (cli/datadir.c):
 * $FRONTIERMAP_DATA when set, else ../share/frontiermap beside the running
 * executable (found through /proc/self/exe), else, for the program in its
 * build tree, the source tree's data/. Never the source tree for an
 * installed copy, so a moved installation does not read stale data. */
fm_status fm_cli_find_data(fm_cli *cli);
/* FM_ENOTFOUND, with a message saying where the data was looked for and how
 * to point at it, when the data directory lacks the gazetteer. */
fm_status fm_cli_need_data(fm_cli *cli);

/* The directory where heatmap and monthly keep the layers of their pages
 * that do not depend on the incidents (cli/cachedir.c): $FRONTIERMAP_CACHE
 * ("off" or empty: none, NULL), else $XDG_CACHE_HOME/frontiermap, else
 * ~/.cache/frontiermap, written into buf (n bytes) when made from those. */
const char *fm_cli_layer_cache(char *buf, size_t n);

/* Runs the whole program as main() would, argv[0] included; returns the exit code. */
int fm_cli_main(fm_cli *cli, int argc, char **argv);

/* Reports the context's error on cli->err as "frontiermap: <msg>" and returns
 * the exit code for st (2 for FM_EUSAGE, else 1). */
int fm_cli_fail(fm_cli *cli, fm_status st);
/* The reason in the context's message "invalid thing 'text': reason" (the
 * whole message when it has no quoted text), to repeat after an option name. */
const char *fm_cli_reason(const fm_cli *cli);

/* Resolves the store: --db value, else $FRONTIERMAP_DB, else NULL (built-in). */
const char *fm_cli_db_path(const char *db_opt);
/* Opens the store named by db_opt/$FRONTIERMAP_DB, or the built-in incidents. */
fm_status fm_cli_open_store(fm_cli *cli, const char *db_opt, fm_store_mode mode,
                            fm_store **out);
/* Installs the terminal progress bar on cli->ctx when stderr is a terminal. */
void fm_cli_progress_begin(fm_cli *cli);
void fm_cli_progress_end(fm_cli *cli);

/* ---- common filter options (--since --until --type --actor ...) ---------- */

/* The filter options as a group to include (FM_INCLUDE) at an fm_filter
 * member of a command's options (cli/opt_filter.c). */
extern const fm_opt fm_cli_filter_opts[];
/* The value checker of a --radius option (a double, metres): a distance above
 * zero, any unit fm_parse_distance_m takes (near, export). */
fm_status fm_cli_radius_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg);

/* The location classes a spatial product uses: the user's --precision or
 * --max-precision, else FM_LOC_SPATIAL (what has a meaningful point). */
void fm_cli_spatial_default(fm_filter *f);
/* ---- what a spatial product left out (cli/leftout.c) --------------------- */

/* fm_left_out and its kin (data/leftout.c) on the command's context. */
typedef fm_tally fm_cli_tally;
typedef fm_left fm_cli_left;

fm_status fm_cli_left_out(fm_cli *cli, fm_store *st, const fm_filter *f, int with_unlocated,
                          int list, fm_cli_left *out);
void fm_cli_left_describe(fm_cli *cli, const fm_filter *f, const fm_cli_left *l,
                          const char *verb, fm_buf *out);
void fm_cli_left_free(fm_cli_left *l);

/* Describes active filters for a subtitle ("since 2025-10-01, type Battles"). */
void fm_cli_filter_describe(const fm_filter *f, fm_buf *out, fm_ctx *ctx);
/* The same, a province filter named as the period ending in year named it
 * ("province: North-West Frontier and FATA" for 2009; year 0: today's). */
void fm_cli_filter_describe_then(const fm_filter *f, int year, fm_buf *out, fm_ctx *ctx);

/* ---- named regions (cli/region.c, for --region of map and heatmap) ------- */

/* The lon/lat box (west, south, east, north) of a named region, any case;
 * returns 1, or 0 when the name is unknown. */
int fm_cli_region_find(const char *name, double bbox[4]);
/* The basemap province a region names ("kp", "balochistan", "paktika", or
 * any spelling of a province: "Khyber Pakhtunkhwa", "nwfp", "Helmand"),
 * written into out; "" when the region is not a province. */
fm_status fm_cli_region_province(fm_ctx *ctx, const char *name, char *out, size_t cap);
/* Limits f to the province's polygon (f->within, and its box as f's bbox),
 * makes it mo's subject (its seats named first) and gives the map extent
 * around it. The polygon belongs to bm. */
fm_status fm_cli_region_apply(fm_ctx *ctx, const fm_basemap *bm, const char *province,
                              fm_filter *f, fm_map_opts *mo, double extent[4]);

/* ---- the page options of map, heatmap and monthly (cli/opt_page.c) ------ */

typedef struct {
    fm_map_opts mo;        /* page size, dpi, labels, language; extent and title
                              set by fm_cli_page_finish */
    const char *title;     /* --title, or NULL */
    const char *region;    /* --region as given, or NULL */
    char province[64];     /* --region names a province: its polygon applies
                              once the basemap is open (fm_cli_region_apply) */
    int has_region_box;    /* --region names a box: region_box (W, S, E, N) */
    double region_box[4];
    int landscape;
} fm_cli_page;

/* The group to include (FM_INCLUDE) at an fm_cli_page member. */
extern const fm_opt fm_cli_page_opts[];
/* Defaults: fm_map_opts_init's page (A4 portrait, 150 dpi, labels, en). */
void fm_cli_page_init(fm_cli_page *p);
/* After parsing: turns the page for --landscape, limits f to the region's
 * box and sets the map's extent from it (or from f's --bbox) and its title.
 * FM_EUSAGE for --region with --bbox. */
fm_status fm_cli_page_finish(fm_cli *cli, fm_cli_page *p, fm_filter *f);

/* --admin1 P given without --region, --bbox or --admin2: the map framed
 * on P's polygon and its seats named first, as --region P does, and P's
 * name in p->province for the title; the incidents stay those the filter's
 * province field keeps (not cut to the polygon). Returns 1 framed, 0 when
 * P names no province of bm (the frontier's frame, as before). */
int fm_cli_province_frame(fm_ctx *ctx, const fm_basemap *bm, const char *admin1, fm_cli_page *p);
/* Where a page's --region lies, for default titles, into out: "in North and
 * South Waziristan", "in Khyber Pakhtunkhwa" (a province's polygon, named as
 * in year, the period's last, 0 for today: "in North-West Frontier and FATA"
 * in 2009), "around Chaman and Spin Boldak"; without --region "on the
 * Afghanistan-Pakistan frontier" when frontier is set, else "". */
void fm_cli_region_where(const fm_cli_page *p, int frontier, int year, char *out, size_t cap);
/* The place a --bbox box (w, s, e, n) of at most 250 km is about, for a
 * title: "around the Torkham crossing", "around Miran Shah"; "" when none
 * lies within 70% of the way from its middle to an edge, or the box is wider. */
void fm_cli_bbox_where(const fm_gazetteer *gz, const double box[4], char *out, size_t cap);

/* fm_credit_sources (data/credits.c), for map. */
void fm_cli_credit_sources(fm_ctx *ctx, const char *const *sources, size_t n,
                           const char *acled_accessed, const fm_source_info *ged, fm_buf *b);

/* ---- map --choropleth (cli/choro.c) --------------------------------------- */

/* A district choropleth worked out (fm_map_set_choropleth takes c; the
 * polygons are the gazetteer's, which must outlive the map). Free with
 * fm_cli_choro_free. */
typedef struct {
    fm_choropleth c;
    const fm_geom **geoms;
    const fm_area **areas;  /* n districts, the gazetteer's */
    long long *incidents;   /* n: incidents counted in each */
    double *values, upper[FM_CHORO_MAX_CLASSES];
    size_t n, nclasses;
    const fm_geom **dgeoms;  /* the polygons drawn (a unit's own, then those joined) */
    double *dvalues;
    unsigned char *djoined;
    size_t outside;        /* points in no district polygon */
    size_t shown;          /* incidents counted in districts meeting the extent */
    double shown_killed;
} fm_cli_choro;

/* Counts the npts points by the district polygon holding each (incidents, or
 * their fatalities), classes the districts by natural breaks (zero and no
 * data apart), and says in note how they were counted and what fell outside
 * every polygon. countries (FM_CLI_CC_* bits) are those the incidents' own
 * country fields name: elsewhere a district without incidents has no data,
 * not zero; so is every district outside the filter's province (or
 * province, the polygon of --region) or district. A period whose last_year
 * predates a district's split draws the district as it was then (South
 * Waziristan before 2022, Qila Abdullah with Chaman before 2021, Loralai with
 * Duki before 2016, Lasbela with Hub before 2022). extent (w, s, e, n, or NULL) bounds r->shown. */
enum { FM_CLI_CC_PK = 1, FM_CLI_CC_AF = 2 };
fm_status fm_cli_choropleth(fm_cli *cli, const fm_filter *f, const fm_gazetteer *gz,
                            const fm_map_point *pts, size_t npts, int fatalities,
                            unsigned countries, const char *province, int last_year,
                            const double *extent, fm_cli_choro *r, fm_buf *note);
void fm_cli_choro_free(fm_cli_choro *r);
/* The figures behind the map as CSV: district, admin1, country, incidents,
 * figure (incidents or killed), class (1 lightest; 0 for zero; empty for no
 * data). With shown (n flags, or NULL for all), only the districts flagged:
 * those in the frame, zeros and no data included. */
fm_status fm_cli_choro_print(fm_cli *cli, const fm_cli_choro *r, const unsigned char *shown,
                             FILE *out);

/* The '|' separated districts of today whose polygons cover a district name
 * no polygon draws as such (a name from before a split, "Kohistan": "Upper
 * Kohistan|Lower Kohistan"; one no source draws, "Central Dir": "Upper Dir",
 * and then *unplaced, when not NULL, is its change, else NULL), or joined to
 * it for records from before a split ("Qila Abdullah": "Chaman"); NULL for
 * any other name. From geo/succession.c's table; static strings. */
const char *fm_cli_district_hosts(const char *admin2, const fm_district_change **unplaced);

/* ---- a district filter's frame (cli/districtframe.c) ---------------------- */

/* What a map under a district filter frames when given no --region or
 * --bbox: the district's polygons (the gazetteer's, borrowed: gz must
 * outlive their use), and around them the extent (w, s, e, n): their box,
 * widened to the incidents within 30 km of it, with a margin, at least 60 km
 * a side. n is 0 when the filter names no district with a polygon (the map
 * is then framed as without the filter). beyond: the points outside the
 * extent (filed under the district, placed far from it). */
#define FM_CLI_FRAME_MAX 8
typedef struct {
    const fm_geom *geoms[FM_CLI_FRAME_MAX];
    size_t n;
    char name[128];     /* the district's name as the gazetteer writes it */
    double extent[4];
    size_t beyond;
} fm_cli_district_frame;
/* Fills out for f's --admin2 (with its --country and --admin1) and the
 * points the map draws; of several districts of that name, the one holding
 * most of the points. FM_OK with out->n 0 without --admin2. */
fm_status fm_cli_district_frame_find(fm_ctx *ctx, const fm_gazetteer *gz, const fm_filter *f,
                                     const fm_map_point *pts, size_t npts,
                                     fm_cli_district_frame *out);
/* The one framing of map, heatmap and monthly under a district filter: when
 * mo has no extent yet and f has --admin2 but no --bbox, fills out as
 * fm_cli_district_frame_find does and gives mo its extent and its focus
 * (out's polygons, borrowed: out and gz must outlive mo's use). out->n 0:
 * mo untouched. */
fm_status fm_cli_district_frame_apply(fm_ctx *ctx, const fm_gazetteer *gz, const fm_filter *f,
                                      const fm_map_point *pts, size_t npts, fm_map_opts *mo,
                                      fm_cli_district_frame *out);
/* The same for a density map: the points are f's incidents of [since,
 * until] from st (those a heatmap takes), and f is then limited to the
 * frame's box, so the incidents placed beyond it are left out of the density
 * and its counts as a map leaves them off (out->beyond says how many). */
fm_status fm_cli_district_frame_store(fm_ctx *ctx, fm_store *st, const fm_gazetteer *gz,
                                      fm_filter *f, fm_day since, fm_day until,
                                      fm_map_opts *mo, fm_cli_district_frame *out);
/* Appends to note the sentence saying how many incidents a district frame
 * left off (nothing when none did); FM_ENOMEM from the buffer. */
fm_status fm_cli_district_frame_note(fm_ctx *ctx, const fm_cli_district_frame *df, fm_buf *note);

/* ---- map --callout (cli/callout.c) ---------------------------------------- */

/* One --callout ID (or SOURCE:ID): the incident is found among those the map
 * draws (fm_cli_callout_match on each), and its box's text built from it. */
typedef struct {
    const char *spec, *id;     /* as given; the id part (borrowed) */
    char source[32];           /* the SOURCE part, or "" */
    int found;                 /* incidents matched */
    char found_source[32], other_source[32];
    double lon, lat;
    char *head, *body;         /* owned; free with fm_cli_callout_free */
} fm_cli_callout;
/* -1 for a malformed spec. */
int fm_cli_callout_parse(const char *spec, fm_cli_callout *c);
fm_status fm_cli_callout_match(fm_ctx *ctx, fm_cli_callout *c, const fm_incident *in);
/* FM_ENOTFOUND when no incident matched, FM_EUSAGE when two sources did. */
fm_status fm_cli_callout_check(fm_ctx *ctx, const fm_cli_callout *c);
void fm_cli_callout_free(fm_cli_callout *c);

/* Writes the names the map's last render considered (placed or left out),
 * its symbols and its callout boxes to path as CSV (cli/labellist.c). */
fm_status fm_cli_label_list_write(fm_ctx *ctx, const fm_map *map, const char *path);

/* The note on province and district names for a map whose incidents run
 * from first_year to last_year (0: not known), appended to b: with Khyber
 * Pakhtunkhwa in ext (w, s, e, n; NULL: anywhere), the province names of
 * last_year where they are not today's (FATA, North-West Frontier) or the
 * province was renamed since first_year; each change since first_year to a
 * district whose point lies in ext, with its year. */
void fm_cli_period_note(fm_ctx *ctx, const fm_gazetteer *gz, int first_year, int last_year,
                        const double *ext, fm_buf *b);

/* ---- stats --chart (cli/statchart.c) ------------------------------------- */

/* Draws the incidents of f per month to path (PNG, PDF or SVG), one stacked
 * series per value of by (FM_GROUP_NONE: one series; by_name names it in the
 * title), counting incidents or (fatalities) their best estimates. */
fm_status fm_cli_stats_chart(fm_cli *cli, fm_store *st, const fm_filter *f, fm_group_by by,
                             const char *by_name, int fatalities, const char *path);

/* ---- tabular output ------------------------------------------------------- */

typedef enum { FM_TABLE_TEXT = 0, FM_TABLE_CSV, FM_TABLE_JSON } fm_table_format;

int fm_table_format_parse(const char *s, fm_table_format *out);

typedef struct fm_table fm_table;

/* A table of strings; numeric columns (numeric[i] != 0) are right-aligned in
 * text and unquoted in JSON. Destroy with fm_table_destroy (accepts NULL). */
fm_table *fm_table_create(size_t ncols, const char *const *headers, const int *numeric);
void fm_table_destroy(fm_table *t);
/* Appends a row of ncols strings (copied; NULL prints as empty / null). */
fm_status fm_table_add(fm_ctx *ctx, fm_table *t, const char *const *cells);
/* Prints the table; JSON is an array of objects keyed by header. */
void fm_table_print(const fm_table *t, fm_table_format fmt, FILE *f);

/* ---- heatmap options (cli/cmd_heatmap.c, shared with cli/cmd_monthly.c) - */

/* The density options (--bandwidth, --kernel, --weight, --cell, --scale-max,
 * --ramp, --points) as a group to include at an fm_heat_opts member
 * (cli/opt_heat.c); the pipeline itself is heat/fm_heat.h. */
extern const fm_opt fm_cli_heat_opts[];
/* The period [since, until] (either FM_DAY_NONE: the incidents' own first
 * or last year, asked of the store) as a map draws it: o->map.period_year
 * for the names of then (FATA before 2018) and o->period_note, pointing into
 * note, for the district changes since its first year in the extent. The
 * caller frees note after the render. */
fm_status fm_cli_heat_period(fm_cli *cli, fm_store *st, const fm_gazetteer *gz, fm_heat_opts *o,
                             fm_day since, fm_day until, fm_buf *note);
/* heatmap's and monthly's province, framed as map frames it: --region P's
 * polygon (the filter kept to it, the frame its box with a margin, its seats
 * named first), or an --admin1 filter without --region, --bbox or --admin2:
 * the province's frame and seats, the incidents those the filter's province
 * field keeps, *titled set (the title names the province, page->province;
 * the subtitle need not). Nothing changes otherwise. */
fm_status fm_cli_heat_province(fm_cli *cli, const fm_basemap *bm, fm_cli_page *page,
                               fm_heat_opts *o, int *titled);
/* heatmap's and monthly's --admin2 without --region or --bbox: the district
 * framed as map frames it (fm_cli_district_frame_store over the incidents
 * of [since, until], one frame for a whole series), o's default title place
 * ("in North Waziristan district", written into where) and o->map's note of
 * the incidents it left off (in note, which the caller frees; series, when not NULL, says
 * which months the count is of: "2009-01 to 2009-12"). Nothing
 * changes when df->n is 0. df, where and note must outlive o's use. */
fm_status fm_cli_heat_district(fm_cli *cli, fm_store *st, const fm_gazetteer *gz,
                               fm_heat_opts *o, fm_day since, fm_day until,
                               fm_cli_district_frame *df, const char *series, char *where,
                               size_t cap, fm_buf *note);

/* ---- subcommands (one file each: cli/cmd_<name>.c) ----------------------- */

/* Prints on cli->err what answer r (to query) needed beyond a plain match,
 * prefixed by where ("file.csv:12") when not NULL; nothing when r has no
 * doubts or the command is quiet (cli/geonote.c). */
void fm_cli_geocode_note(fm_cli *cli, const char *where, const char *query,
                         const fm_geocode_result *r);
/* The place names of the user's store (db_opt, else $FRONTIERMAP_DB), for
 * fm_geocode_hint.memo; NULL without a store or when it cannot be read (said
 * on stderr). The caller destroys it (fm_placememo_destroy). */
fm_placememo *fm_cli_placememo(fm_cli *cli, const char *db_opt);

/* Each command's options, synopsis and help (in its cmd_<name>.c). The
 * drawing commands' (map, heatmap, monthly) are in the drawing module and in
 * fm_cli, not in the program itself (cli/draw.h): their fm_commands entries
 * have no desc, and fm_cli_desc finds it where it is linked. */
extern const fm_cmd_desc fm_geocode_desc, fm_where_desc, fm_import_desc, fm_add_desc,
    fm_near_desc, fm_stats_desc, fm_export_desc, fm_map_desc, fm_heatmap_desc, fm_monthly_desc,
    fm_db_desc, fm_extract_desc;
/* c's desc, the drawing commands' included (cli/draw_descs.c: fm_cli only). */
const fm_cmd_desc *fm_cli_desc(const fm_command *c);

int cmd_geocode(fm_cli *cli, int argc, char **argv);
int cmd_where(fm_cli *cli, int argc, char **argv);
int cmd_db(fm_cli *cli, int argc, char **argv);
int cmd_import(fm_cli *cli, int argc, char **argv);
int cmd_add(fm_cli *cli, int argc, char **argv);
int cmd_near(fm_cli *cli, int argc, char **argv);
int cmd_stats(fm_cli *cli, int argc, char **argv);
int cmd_export(fm_cli *cli, int argc, char **argv);
int cmd_map(fm_cli *cli, int argc, char **argv);
int cmd_heatmap(fm_cli *cli, int argc, char **argv);
int cmd_monthly(fm_cli *cli, int argc, char **argv);
int cmd_extract(fm_cli *cli, int argc, char **argv);

#endif
