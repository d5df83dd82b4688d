/* fm_data.h: the incident model, the GeoPackage store, importers (ACLED, UCDP
 * GED, generic CSV, GeoJSON/GeoPackage through GDAL), queries and exporters. */
#ifndef FM_DATA_H
#define FM_DATA_H

#include "core/fm_core.h"
#include "geo/fm_geo.h"

/* One incident. In a query result all strings are owned by the result set;
 * when filled by the caller for fm_store_add they are only borrowed. NULL or
 * "" means unknown; numeric unknowns are -1 (counts) or NAN (coordinates). */
typedef struct {
    int64_t id;               /* store row id (fid), 0 before insertion */
    const char *source;       /* "acled", "ged", "reports", "manual", ... */
    const char *source_id;    /* unique within source */
    fm_day date_start, date_end;
    int date_precision;       /* the source's code: ACLED/reports 1 day, 2 days, 3 month;
                                 GED date_prec 1-5 */
    int date_class;           /* fm_date_class, one scale for every source (-1 unknown) */
    const char *event_type;   /* ACLED taxonomy */
    const char *sub_event_type;
    const char *actor1, *actor2;
    const char *location, *admin1, *admin2, *country;
    double lon, lat;
    int geo_precision;        /* ACLED 1-3; GED where_prec 1-7 kept in geo_precision_src */
    int geo_precision_src;
    int loc_precision;        /* fm_loc_class, one scale for every source (-1 unknown) */
    int fatalities, fatalities_low, fatalities_high; /* -1 unknown */
    int injured;
    int civilian_targeting;   /* 0/1 */
    const char *claims;       /* "Party: figure; Party: figure" */
    const char *notes;
    const char *citation;
    const char *tags;         /* '|' separated */
    const char *flags;        /* import warnings kept with the row, e.g. "outside-country" */
    double border_km;         /* distance to the border (computed on insert) */
    const char *border_side;  /* "PK"/"AF" */
    const char *created, *updated;
    /* The source's own vocabulary, kept beside the ACLED taxonomy (UCDP GED),
     * and the places as the source wrote them (admin1/admin2 hold canonical
     * names, data/canon.c). */
    const char *violence_type;  /* GED type_of_violence: "state-based", "non-state", "one-sided" */
    const char *dyad;           /* GED dyad_name, e.g. "Government of Pakistan - TTP" */
    int deaths_civilians;       /* GED deaths_civilians; -1 unknown */
    const char *admin1_src, *admin2_src;
} fm_incident;

/* How well an incident's place is known, finest first, the same scale for
 * every source (docs/DESIGN.md "Precision"): the point itself; within about
 * 25 km of it; somewhere in a district, a province or the country (the point
 * is then the seat or a nominal centre standing for the area); no point. */
typedef enum {
    FM_LOC_EXACT = 1, FM_LOC_NEAR, FM_LOC_DISTRICT, FM_LOC_PROVINCE, FM_LOC_COUNTRY, FM_LOC_NONE
} fm_loc_class;

/* How well its date is known: the day; a span of days (up to a few weeks);
 * only the month; only the year (or a span longer than a month). */
typedef enum { FM_DATE_DAY = 1, FM_DATE_DAYS, FM_DATE_MONTH, FM_DATE_YEAR } fm_date_class;

/* "exact", "near", ... "none" and "day", "days", "month", "year" (NULL when
 * out of range); parse: the same names, any case (-1 when unknown). */
const char *fm_loc_class_name(int c);
int fm_loc_class_parse(const char *s);
const char *fm_date_class_name(int c);
int fm_date_class_parse(const char *s);

/* Sets every field of inc to unknown (NULL strings, -1 counts, NAN
 * coordinates, FM_DAY_NONE dates): start here before filling one by hand. */
void fm_incident_init(fm_incident *inc);

/* ---- filters -------------------------------------------------------------- */

/* Which incidents a bounded period [since, until] keeps, by their span of
 * days (date_end - date_start + 1): the period holds the incidents that
 * start in it; those longer than the period itself are reported apart. */
enum {
    FM_SPANS_FIT = 0,   /* those no longer than the period (the default) */
    FM_SPANS_LONGER,    /* only those reported apart (none for an open period) */
    FM_SPANS_ALL        /* both */
};

/* Location classes as a set: FM_LOC_BIT(FM_LOC_EXACT) | ... */
#define FM_LOC_BIT(c) (1u << (c))
#define FM_LOC_ALL 0x7eu /* exact .. none */
/* What maps, heatmaps and near use unless asked otherwise: every class with
 * a meaningful point (not country-level, not unlocated). */
#define FM_LOC_SPATIAL                                                                      \
    (FM_LOC_BIT(FM_LOC_EXACT) | FM_LOC_BIT(FM_LOC_NEAR) | FM_LOC_BIT(FM_LOC_DISTRICT) |     \
     FM_LOC_BIT(FM_LOC_PROVINCE))

typedef struct {
    fm_day since, until;      /* FM_DAY_NONE = open; an incident is in the period when
                                 its date_start is */
    int spans;                /* FM_SPANS_*, for a period bounded at both ends */
    unsigned loc_mask;        /* location classes kept (FM_LOC_BIT); 0 = every class */
    const char *type;         /* event_type, sub_event_type or GED's violence_type,
                                 case-insensitive substring */
    const char *actor;        /* actor1 or actor2, substring */
    int min_fatalities;       /* -1 = none */
    int has_bbox;
    double west, south, east, north;
    int has_near;             /* within radius_m of (lon,lat), exact geodesic */
    double lon, lat, radius_m;
    double near_border_m;     /* <0 = off */
    const char *side;         /* "PK"/"AF" or NULL */
    const char *country;      /* "PK"/"AF" (also matching "Pakistan", "PAK", ...) or a
                                 country name, any case; NULL: any */
    const char *admin1, *admin2; /* canonical names (geo/canon.c), any case; NULL: any */
    const fm_geom *within;    /* only points inside this polygon (borrowed, e.g. a
                                 province of the basemap); set has_bbox to its box too */
} fm_filter;

/* Fills f with "no filter". */
void fm_filter_init(fm_filter *f);
/* The length in days of f's period when bounded at both ends, else -1: the
 * longest span an incident of the period may have (FM_SPANS_FIT). */
int fm_filter_span_limit(const fm_filter *f);
/* The classes left out by default, and whether mask holds only (some of) them. */
#define FM_LOC_COARSE (FM_LOC_BIT(FM_LOC_COUNTRY) | FM_LOC_BIT(FM_LOC_NONE))
int fm_loc_mask_coarse(unsigned mask);
/* Whether a location class is in mask (0 holds every class). */
int fm_loc_mask_has(unsigned mask, int loc_class);

/* ---- store ---------------------------------------------------------------- */

typedef struct fm_store fm_store;

typedef enum { FM_STORE_READ = 0, FM_STORE_WRITE = 1 } fm_store_mode;

/* Process-wide SQLite settings, for programs: call once at the start of main,
 * before any other thread or store exists. Optional (faster imports). */
void fm_store_process_init(void);

/* A store is a GeoPackage file or a PostgreSQL/PostGIS database, behind one
 * API (data/store_api.c): `db` names a database when it is a connection
 * string, a "postgresql://" or "postgres://" URI, a libpq keyword string
 * ("host=... dbname=..."), or either after GDAL's "PG:". Passwords come
 * from libpq's usual places (PGPASSWORD, ~/.pgpass, PGSERVICE) or the
 * string itself, and are never shown: messages use fm_store_masked. */
int fm_store_is_remote(const char *db);
/* db with any password replaced by "***", into out (cap bytes). */
void fm_store_masked(const char *db, char *out, size_t cap);
/* "GeoPackage" or "PostGIS". */
const char *fm_store_backend(const fm_store *st);
/* Creates (upgrade 0) or brings up to date (upgrade 1) the frontiermap
 * schema in a PostGIS database (`frontiermap db init|upgrade`); *version
 * says the schema version it holds after. Init of a database that already
 * holds the current schema is no error. */
fm_status fm_store_db_init(fm_ctx *ctx, const char *db, int upgrade, int *version);

/* Opens (FM_STORE_WRITE creates if missing) a GeoPackage store. Readers never
 * block on a writer (WAL). An existing file is proven a frontiermap store
 * before anything in it changes, and for writing, checked for damage
 * (FM_EDB saying how to recover). The path is held on ctx (fm_output.h): no
 * output may replace it. Close with fm_store_close(), which accepts NULL. */
fm_status fm_store_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out);
/* An in-memory store filled with the built-in incidents of the reports
 * (data_dir/incidents/reports.csv), geocoded where they lack coordinates. */
fm_status fm_store_open_builtin(fm_ctx *ctx, fm_store **out);
void fm_store_close(fm_store *st);
/* 1 when this handle built a new store (published by the first commit of a
 * writer on it; discarded by fm_store_close if never published). A failed
 * first import leaves no store: callers delete nothing by path. */
int fm_store_created(const fm_store *st);
/* The path the store was opened with (owned by st; ":memory:" for built-in). */
const char *fm_store_path(const fm_store *st);
/* The day (YYYY-MM-DD) rows of source were last written to st, "" when
 * never: what a map's credits give as the date the data was accessed. */
fm_status fm_store_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11]);
/* What the store knows of the file a source was last imported from: its
 * version as the file (name) or --source-version gave it ("" when neither
 * said) and its name ("" for stores from before it was recorded). */
typedef struct {
    char version[64];
    char file[256];
} fm_source_info;
fm_status fm_store_source_info(fm_ctx *ctx, fm_store *st, const char *source, fm_source_info *out);
/* The version a file name states, for UCDP GED's: "ged211.csv",
 * "GEDEvent_v22_1.csv", "ged-23.1-pakistan.csv", "ged25.0.9" (a candidate
 * release) -> "21.1", "22.1", "23.1", "25.0.9"; "" when it states none. */
void fm_source_version_from_name(const char *path, char *out, size_t cap);
/* Deletes path and its -wal/-shm companions (no error when absent): for
 * tests and tools cleaning up their own scratch files, never a store a
 * command was given. */
void fm_store_remove_files(const char *path);

/* A result set: incidents matching a filter, each with its distance and bearing
 * from the filter's centre when has_near (else NAN), sorted by distance when
 * has_near, else by date. Destroy with fm_results_destroy(), accepts NULL. */
typedef struct {
    fm_incident *items;
    double *dist_m, *bearing_deg;
    size_t n;
    void *priv;
} fm_results;

fm_status fm_store_query(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out);
void fm_results_destroy(fm_results *r);
fm_status fm_store_count(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n);
/* The same incidents in the same order, handed to fn one at a time instead of
 * held together, for outputs as big as the store (export, map): inc and its
 * strings are valid during the call only; dist_m and bearing_deg as in a
 * result set. A non-zero status from fn stops the query and is returned.
 * (A place filter still reads its incidents whole, to sort them.) */
typedef fm_status (*fm_incident_fn)(void *user, const fm_incident *inc, double dist_m,
                                    double bearing_deg);
fm_status fm_store_query_each(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                              void *user);

/* The places of the incidents matching a filter, with only what a density
 * and its map need: no incident records, no strings copied, no sorting (rows
 * come in the order the store reads them, the same for the same store).
 * Destroy with fm_points_destroy(), accepts NULL. */
typedef struct {
    size_t n;
    double *lonlat;           /* 2n: lon, lat of each incident */
    int *fatalities;          /* n: best figure, -1 unknown */
    int *geo_precision;       /* n with FM_POINTS_PRECISION, else NULL */
    uint64_t hash;            /* of every row's id, place, fatalities and source (and
                                 precision when asked): the same picture, the same hash */
    char *sources[8];         /* the first 8 distinct sources, in order of appearance */
    size_t nsources;
} fm_points;

enum { FM_POINTS_PRECISION = 1 };

fm_status fm_store_query_points(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                                fm_points **out);
void fm_points_destroy(fm_points *p);

/* ---- statistics ---------------------------------------------------------- */

typedef enum {
    FM_GROUP_NONE = 0, FM_GROUP_MONTH, FM_GROUP_YEAR, FM_GROUP_ADMIN1, FM_GROUP_ADMIN2,
    FM_GROUP_TYPE, FM_GROUP_ACTOR, FM_GROUP_SOURCE, FM_GROUP_SUB_TYPE, FM_GROUP_VIOLENCE,
    FM_GROUP_DYAD
} fm_group_by;

/* One group: incidents and the sums of fatalities (best; low and high fall
 * back to best where a row gives no range). key is owned by the row array. */
typedef struct {
    char *key;
    int64_t incidents, fatalities, fatalities_low, fatalities_high;
} fm_stat_row;

/* Groups the incidents matching f (a radius filter is exact; a bbox uses the
 * R*Tree boxes). Rows come sorted by key; free with fm_stat_rows_free. The
 * time rule: with FM_SPANS_FIT the incidents longer than a bounded period,
 * and by month (year) those longer than the month (year) they start in, are
 * counted in a row of their own, keyed FM_STATS_LONGER_*, after the others. */
#define FM_STATS_LONGER_MONTH "(longer than a month)"
#define FM_STATS_LONGER_YEAR "(longer than a year)"
#define FM_STATS_LONGER_PERIOD "(longer than the period)"
/* Whether a key is one of those rows. */
int fm_stat_key_apart(const char *key);
fm_status fm_store_stats(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                         fm_stat_row **rows, size_t *n);
/* Two groupings at once, for charts: keys are "KEY\x1fTHEN" (the unit
 * separator between), the time rule applied to by as fm_store_stats applies
 * it (so "(longer than a month)\x1fBattles"); then is never FM_GROUP_MONTH
 * or YEAR. FM_GROUP_NONE for then is fm_store_stats. */
fm_status fm_store_stats2(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                          fm_group_by then, fm_stat_row **rows, size_t *n);
void fm_stat_rows_free(fm_stat_row *rows, size_t n);
/* The first and last year of the incidents f keeps, as fm_store_stats by
 * FM_GROUP_YEAR has them (the years of its rows, not those counted apart),
 * 0 when there is none; only those which asks for (FM_YEARS_*, the other
 * left 0), so an end the caller knows costs nothing. Fast on a big store:
 * no count, an index walked from the end asked for. */
enum { FM_YEARS_FIRST = 1, FM_YEARS_LAST = 2 };
fm_status fm_store_years(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned which,
                         int *first, int *last);

/* ---- places the store knows (placememo_store.c) ----------------------------- */

/* The location names of st's rows that carry coordinates of their own at
 * precision 1-2, with provenance, as a memo for fm_geocode_hint.memo. The
 * caller owns *out (fm_placememo_destroy). */
fm_status fm_store_placememo(fm_ctx *ctx, fm_store *st, fm_placememo **out);

/* ---- import --------------------------------------------------------------- */

typedef enum {
    FM_FORMAT_AUTO = 0, FM_FORMAT_ACLED, FM_FORMAT_GED, FM_FORMAT_CSV,
    FM_FORMAT_GEOJSON, FM_FORMAT_GPKG
} fm_format;

typedef struct {
    fm_format format;
    int skip_bad;             /* import good rows, write rejects to rejects_path */
    const char *rejects_path; /* NULL: <file>.rejects.csv */
    const char *mapping;      /* generic CSV: "lat=Y,lon=X,date=When,..." or NULL */
    const char *source;       /* override the source name, or NULL */
    const fm_gazetteer *gz;   /* for geocoding rows without coordinates; NULL: loaded
                                 from fm_ctx_data_dir on the first row that needs it */
    const fm_basemap *bm;     /* for country checks and border distance; may be NULL */
    const fm_placememo *places; /* fm_store_add: the store's own place names, or NULL
                                   (imports read them from the store on first need) */
    int ged_types;            /* FM_GED_TYPES_ACLED (default): GED events get the ACLED
                                 type their data support; FM_GED_TYPES_UCDP: GED's own
                                 ("State-based violence", ...); violence_type either way */
    const char *source_version; /* the version of the files' source ("22.1"), or NULL:
                                   read from the file name where it says (ged211) */
} fm_import_opts;

enum { FM_GED_TYPES_ACLED = 0, FM_GED_TYPES_UCDP = 1 };

typedef struct {
    int64_t rows, added, updated, unchanged, rejected, geocoded, flagged;
    int64_t geo_doubtful; /* geocoded rows whose answer needed more than a plain match:
                             the first FM_IMPORT_GEO_SHOWN are logged with file:line */
    int64_t unlocated;        /* kept without a point (no coordinates, place not found) */
} fm_import_stats;
#define FM_IMPORT_GEO_SHOWN 20

/* Imports files into st as one transaction: all or nothing unless skip_bad.
 * On failure the store holds exactly what it held before and the message
 * names file, line and reason. */
fm_status fm_store_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                          const fm_import_opts *opts, fm_import_stats *stats);

/* Adds one hand-entered incident with the same validation as import (upsert
 * on source, source_id). A place the gazetteer does not know is an error,
 * unless inc->loc_precision is FM_LOC_NONE: then it is kept without a point. */
fm_status fm_store_add(fm_ctx *ctx, fm_store *st, const fm_incident *inc,
                       const fm_import_opts *opts, int *was_update);

/* ---- export --------------------------------------------------------------- */

typedef enum { FM_EXPORT_CSV, FM_EXPORT_GEOJSON, FM_EXPORT_GPKG, FM_EXPORT_KML } fm_export_format;

/* Writes r to path ("-" for stdout where the format allows), through a temp
 * file renamed into place so nothing half-written is ever left. A GeoPackage
 * records what from (the store r was read from) recorded of the sources of
 * its rows (file, version, the day each was imported), as fm_store_export
 * does: from is required for FM_EXPORT_GPKG (FM_EUSAGE without it, rather
 * than the day of the export passed off as the data's) and unused (NULL)
 * for the others. */
fm_status fm_results_export(fm_ctx *ctx, const fm_results *r, fm_store *from,
                            fm_export_format fmt, const char *path);

/* Writes r to an open stream (CSV, GeoJSON or KML; GPKG needs a path). */
fm_status fm_results_write(fm_ctx *ctx, const fm_results *r, fm_export_format fmt, FILE *f);

/* The incidents of st matching f, written as fm_results_export writes a result
 * set (to out when path is "-"), but read one at a time, so that exporting a
 * store of a million rows needs no more memory than exporting ten; *written
 * says how many. */
fm_status fm_store_export(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_export_format fmt,
                          const char *path, FILE *out, size_t *written);
/* What an export carries beside the rows, and what it could not: KML's
 * document description (credits, borrowed; NULL for none; the other formats
 * ignore it) and, filled in, how many incidents KML could not hold for want
 * of a point (counted neither in *written nor in the file). */
typedef struct {
    const char *credits;
    size_t without_point;
} fm_export_notes;
/* fm_store_export with notes (NULL: fm_store_export). KML placemarks carry
 * a style by event type and a TimeSpan of the incident's days. */
fm_status fm_store_export_notes(fm_ctx *ctx, fm_store *st, const fm_filter *f,
                                fm_export_format fmt, const char *path, FILE *out,
                                fm_export_notes *notes, size_t *written);

/* ---- what a spatial product left out (data/leftout.c) --------------------- */

/* The location classes a spatial product uses: f's own when set, else
 * FM_LOC_SPATIAL (what has a meaningful point). */
void fm_filter_spatial_default(fm_filter *f);

typedef struct {
    long long n, killed, unknown; /* incidents, best fatalities, those without a figure */
} fm_tally;

typedef struct {
    fm_tally coarse;    /* a point, but a location class not used (country-level) */
    fm_tally unlocated; /* no point at all */
    fm_tally longer;    /* start in the bounded period but last longer than it */
    fm_buf names;       /* with list: the first few of the first two, named */
    size_t listed;
} fm_left;

/* Tallies what the query f (its classes, period and other filters) leaves
 * out: placed incidents of the other classes inside f's place filters,
 * unlocated ones (with_unlocated: matching f but for its place filters),
 * and those longer than f's period. list: name the first few placed or
 * unlocated ones left out in out->names. Free with fm_left_free. */
fm_status fm_left_out(fm_ctx *ctx, fm_store *st, const fm_filter *f, int with_unlocated,
                      int list, fm_left *out);
/* "9 incidents located only to the country, 2,258 killed, not mapped; ..."
 * appended to out (nothing when nothing was left out); verb: "not mapped". */
void fm_left_describe(fm_ctx *ctx, const fm_filter *f, const fm_left *l, const char *verb,
                      fm_buf *out);
void fm_left_free(fm_left *l);

/* ---- credits (data/credits.c) --------------------------------------------- */

/* Appends the credit line for the incident sources shown ("reports", "ged",
 * "acled", others): the citation each source asks for, ACLED with its access
 * date (acled_accessed, YYYY-MM-DD, or NULL when unknown), UCDP GED with the
 * version its file gave (ged; NULL or no version: said to be unstated). */
void fm_credit_sources(fm_ctx *ctx, const char *const *sources, size_t n,
                       const char *acled_accessed, const fm_source_info *ged, fm_buf *b);
/* Keeps source s (copied; NULL as "") among sources[0 .. *n), at most cap
 * (5 or more) distinct ones, for fm_credit_sources: a source it cites on its
 * own (reports, ged, acled) always finds a place, taking the last other
 * source's when they are cap already (the credits name the first other one
 * and say "and more", which stays true); another source past cap is left
 * out. The caller frees the strings. */
fm_status fm_credit_keep(fm_ctx *ctx, char **sources, size_t *n, size_t cap, const char *s);

#endif
