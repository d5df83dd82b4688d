/* store_priv.h: what the store's own files share and nobody else sees: the
 * store handle, the GeoPackage schema helpers, the row writer used by import,
 * add and the built-in loader, and the incident validation rules. */
#ifndef FM_STORE_PRIV_H
#define FM_STORE_PRIV_H

#include <sqlite3.h>

#include "data/fm_data.h"

#define FM_SCHEMA_VERSION 3
#define FM_GPKG_POINT_BYTES 29

/* What a backend does: the store API of fm_data.h (store_api.c dispatches
 * each public call through st->ops). The GeoPackage backend is the files
 * of data/ (fm_gpkg_*); the PostGIS backend is pg_*.c. */
typedef struct fm_store_ops {
    const char *name; /* "GeoPackage", "PostGIS" */
    void (*close)(fm_store *st);
    fm_status (*query)(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out);
    fm_status (*query_each)(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                            void *user);
    fm_status (*query_points)(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                              fm_points **out);
    fm_status (*count)(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n);
    fm_status (*stats)(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                       fm_group_by then, fm_stat_row **rows, size_t *n); /* fm_store_stats2 */
    fm_status (*placememo)(fm_ctx *ctx, fm_store *st, fm_placememo **out);
    fm_status (*imported_on)(fm_ctx *ctx, fm_store *st, const char *source, char day[11]);
    fm_status (*source_info)(fm_ctx *ctx, fm_store *st, const char *source,
                             fm_source_info *out);
    fm_status (*import)(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                        const fm_import_opts *opts, fm_import_stats *stats);
    fm_status (*add)(fm_ctx *ctx, fm_store *st, const fm_incident *inc,
                     const fm_import_opts *opts, int *was_update);
} fm_store_ops;

extern const fm_store_ops fm_gpkg_ops;

/* The GeoPackage backend's implementations of the store API. */
fm_status fm_gpkg_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out);
void fm_gpkg_close(fm_store *st);
fm_status fm_gpkg_query(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out);
fm_status fm_gpkg_query_each(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                             void *user);
fm_status fm_gpkg_query_points(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                               fm_points **out);
fm_status fm_gpkg_count(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n);
/* A points set built row by row by another backend (pg_points.c) exactly as
 * a GeoPackage scan builds it (results.c): the rows in the order given
 * (fid order), the same fields, the same hash. Add each row with
 * fm_points_acc_add (lon, lat NaN: no point; fatalities, geo_precision -1:
 * unknown; src NULL: none; room for expect rows is made at once), then
 * fm_points_acc_finish hands the points to
 * the caller and frees acc; fm_points_acc_destroy frees an unfinished one
 * (accepts NULL). */
typedef struct fm_points_acc fm_points_acc;
fm_status fm_points_acc_create(fm_ctx *ctx, unsigned flags, size_t expect, fm_points_acc **out);
fm_status fm_points_acc_add(fm_ctx *ctx, fm_points_acc *a, int64_t fid, double lon, double lat,
                            int fatalities, int geo_precision, const char *src, int srclen);
fm_points *fm_points_acc_finish(fm_points_acc *a);
void fm_points_acc_destroy(fm_points_acc *a);
fm_status fm_gpkg_stats(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                        fm_group_by then, fm_stat_row **rows, size_t *n);
fm_status fm_gpkg_placememo(fm_ctx *ctx, fm_store *st, fm_placememo **out);
fm_status fm_gpkg_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11]);
fm_status fm_gpkg_source_info(fm_ctx *ctx, fm_store *st, const char *source,
                              fm_source_info *out);
fm_status fm_gpkg_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                         const fm_import_opts *opts, fm_import_stats *stats);
fm_status fm_gpkg_add(fm_ctx *ctx, fm_store *st, const fm_incident *inc,
                      const fm_import_opts *opts, int *was_update);

/* The PostGIS backend (pg_store.c): opens a connection string (checked by
 * fm_store_is_remote). */
fm_status fm_pg_open(fm_ctx *ctx, const char *conninfo, fm_store_mode mode, fm_store **out);

struct fm_store {
    const fm_store_ops *ops;
    void *remote;  /* the PostGIS backend's state (NULL for a GeoPackage) */
    sqlite3 *db;
    char *path;
    int created;   /* this handle built the store (and published it, if committed) */
    int read_only;
    /* A new store is built under a temporary name without a journal, under
     * the lock file of its final name, and renamed into place by
     * fm_store_publish once its first transaction committed: a crash leaves
     * no store rather than half of one. final_path is NULL once published. */
    char *final_path;
    int lock_fd;      /* the lock on final_path while building, else -1 */
    char *lock_path;
    int output;       /* an export's private file (fm_store_create_output) */
    /* Where an import into this store reads the store's own place names
     * (NULL: a second connection to path): a PostGIS mirror's are the
     * database's (pg_store.c). */
    fm_status (*places_fn)(fm_ctx *ctx, void *user, fm_placememo **out);
    void *places_user;
};

/* ---- store.c ---------------------------------------------------------------- */

/* FM_EDB: "<what>: the store 'path' is damaged (detail)<note>. <how to
 * recover>" (what and note may be NULL). */
fm_status fm_store_damaged(fm_ctx *ctx, const char *what, const char *path, const char *detail,
                           const char *note);

/* Publishes a store built by this handle (st->final_path set), after its
 * first transaction committed: rollback journal to WAL, synced, renamed
 * into place only if nothing is there yet, the lock released, and the
 * store reopened under its own name. On failure nothing is published (the
 * build is removed when st closes) and ctx says why. */
fm_status fm_store_publish(fm_ctx *ctx, fm_store *st);
/* A new store in path, an empty file made by fm_output_open for an export:
 * built in place without a journal, then fm_store_seal leaves it in
 * rollback-journal mode (no -wal or -shm), so that it works on read-only
 * media. Not held and not published (the output is renamed by its owner). */
fm_status fm_store_create_output(fm_ctx *ctx, const char *path, fm_store **out);
/* journal_mode=DELETE, then closes and frees st (also on failure). */
fm_status fm_store_seal(fm_ctx *ctx, fm_store *st);

/* An in-memory store holding the schema (store.c). */
fm_status fm_store_open_memory(fm_ctx *ctx, fm_store **out);
/* The same in a temporary file SQLite deletes when it closes (memory while
 * small, spilled to disk when big): the PostGIS backend's mirrors. */
fm_status fm_store_open_scratch(fm_ctx *ctx, fm_store **out);

typedef struct fm_rtree_bulk fm_rtree_bulk;

/* ---- schema.c ------------------------------------------------------------- */

/* Registers ST_IsEmpty/ST_MinX/... so the standard GeoPackage R*Tree triggers
 * work on our own connection. */
fm_status fm_schema_functions(fm_ctx *ctx, sqlite3 *db);
/* Creates every table, index and trigger of an empty store. */
fm_status fm_schema_create(fm_ctx *ctx, sqlite3 *db);
/* Checks an existing file is a frontiermap store of a known schema version
 * (reads only). */
fm_status fm_schema_check(fm_ctx *ctx, sqlite3 *db, const char *path);
/* Brings a store checked by fm_schema_check up to date: the columns of a
 * newer schema (through a second connection when db is read-only; an error
 * when that cannot be), and, open for writing, its indexes (best effort). */
fm_status fm_schema_upgrade(fm_ctx *ctx, sqlite3 *db, const char *path);
/* Bulk loading: drops the R*Tree triggers and secondary indexes (unique too
 * when drop_unique) ... and rebuilds them; the R*Tree from points when it
 * holds every row's point, else (NULL) from a scan of the table. */
fm_status fm_schema_bulk_begin(fm_ctx *ctx, sqlite3 *db, int drop_unique);
fm_status fm_schema_bulk_end(fm_ctx *ctx, sqlite3 *db, fm_rtree_bulk *points);
/* Widens the extent in gpkg_contents to include w,s,e,n (skipped when w > e)
 * and stamps last_change. */
fm_status fm_schema_update_extent(fm_ctx *ctx, sqlite3 *db, double w, double s, double e,
                                  double n);
/* A GeoPackage binary point (header without envelope + little-endian WKB). */
void fm_gpkg_point(unsigned char out[FM_GPKG_POINT_BYTES], double lon, double lat);
/* The point of a GeoPackage geometry blob; 0 when empty, not a point or bad. */
int fm_blob_point(const void *blob, int n, double *lon, double *lat);
/* Runs SQL without results; a failure is FM_EDB with SQLite's message. */
fm_status fm_sql_exec(fm_ctx *ctx, sqlite3 *db, const char *sql);
fm_status fm_sql_error(fm_ctx *ctx, sqlite3 *db, const char *what);

/* ---- rtree_bulk.c: packing the R*Tree in one pass ------------------------- */

/* Room for expect entries up front (0: grow as needed); NULL with FM_ENOMEM. */
fm_rtree_bulk *fm_rtree_bulk_create(fm_ctx *ctx, size_t expect);
void fm_rtree_bulk_destroy(fm_rtree_bulk *b);
fm_status fm_rtree_bulk_add(fm_ctx *ctx, fm_rtree_bulk *b, int64_t id, double x, double y);
/* Reads every point of incidents into b (replacing what it held). */
fm_status fm_rtree_bulk_scan(fm_ctx *ctx, sqlite3 *db, fm_rtree_bulk *b);
/* Replaces the content of R*Tree `table` with b's entries (sorted in place). */
fm_status fm_rtree_bulk_write(fm_ctx *ctx, sqlite3 *db, const char *table, fm_rtree_bulk *b);
/* Entries per node of the R*Tree table (read from its root; 0 on error). */
size_t fm_rtree_bulk_capacity(sqlite3 *db, const char *table);
/* The part of fm_rtree_bulk_write that needs no SQLite: sorts the entries
 * into leaves of m (Sort-Tile-Recursive), so that it may run on another
 * thread while the connection builds other indexes. Adding entries after it
 * undoes it. */
void fm_rtree_bulk_presort(fm_rtree_bulk *b, size_t m);

/* ---- rtree_read.c: a box query on the R*Tree's nodes ---------------------- */

/* Called with each leaf entry of the R*Tree: its id and box (minx, maxx,
 * miny, maxy); a status other than FM_OK stops the walk and is returned. */
typedef fm_status (*fm_rtree_fn)(void *user, int64_t id, const float box[4]);
/* Hands fn every entry of R*Tree `table` that the rtree virtual table would
 * return for maxx >= w AND minx <= e AND maxy >= s AND miny <= n (across the
 * antimeridian, w > e: maxx >= w OR minx <= e), in no particular order.
 * FM_EDB when the nodes are damaged. */
fm_status fm_rtree_scan(fm_ctx *ctx, sqlite3 *db, const char *table, double w, double s,
                        double e, double n, fm_rtree_fn fn, void *user);

/* ---- writer.c: one transaction of inserts/updates ------------------------- */

typedef struct fm_writer fm_writer;

typedef enum { FM_PUT_ADDED, FM_PUT_UPDATED, FM_PUT_UNCHANGED, FM_PUT_DUPLICATE } fm_put_result;

/* Begins an IMMEDIATE transaction (FM_EBUSY with a clear message when another
 * writer holds the store). expect_rows hints at the size, to choose bulk mode. */
fm_status fm_writer_begin(fm_ctx *ctx, fm_store *st, int64_t expect_rows, fm_writer **out);
/* Inserts or updates inc (already validated) on (source, source_id). tag (not
 * 0) names the input file: the same id twice with one tag is FM_PUT_DUPLICATE
 * and nothing is written. */
fm_status fm_writer_put(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, uint32_t tag,
                        fm_put_result *res);
/* fm_writer_put in two halves, which may run on two threads (one thread per
 * half): check says whether inc is a duplicate in its file (nothing else to
 * do) and whether the store needs its unique index first (reindex); store
 * writes it. Only check touches the ids seen; only store touches SQLite. */
fm_status fm_writer_check(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, uint32_t tag,
                          int *dup, int *reindex);
fm_status fm_writer_store(fm_ctx *ctx, fm_writer *w, const fm_incident *inc, int reindex,
                          uint32_t absent, fm_put_result *res);
/* First imports (a store that was empty) may store rows FM_WRITER_BATCH at a
 * time: fm_writer_batch_rows says how many (0: one at a time), and
 * fm_writer_insert_batch stores that many rows of inc[], none of them needing
 * the reindex of fm_writer_store; they count as added. */
#define FM_WRITER_BATCH 16
size_t fm_writer_batch_rows(const fm_writer *w);
fm_status fm_writer_insert_batch(fm_ctx *ctx, fm_writer *w, const fm_incident *inc);

/* ---- merge.c: columns an input file lacks --------------------------------- */

/* What a file does not carry (bits of fm_writer_store's absent): on an update
 * those columns keep their stored values instead of being blanked. */
enum {
    FM_ABSENT_TYPE = 1u << 0,
    FM_ABSENT_SUB_TYPE = 1u << 1,
    FM_ABSENT_CIV = 1u << 2,
    FM_ABSENT_ACTOR1 = 1u << 3,
    FM_ABSENT_ACTOR2 = 1u << 4,
    FM_ABSENT_LOCATION = 1u << 5,
    FM_ABSENT_ADMIN1 = 1u << 6,
    FM_ABSENT_ADMIN2 = 1u << 7,
    FM_ABSENT_COUNTRY = 1u << 8,
    FM_ABSENT_DATE_PREC = 1u << 9,
    FM_ABSENT_FATALITIES = 1u << 10,
    FM_ABSENT_LOW = 1u << 11,
    FM_ABSENT_HIGH = 1u << 12,
    FM_ABSENT_INJURED = 1u << 13,
    FM_ABSENT_CLAIMS = 1u << 14,
    FM_ABSENT_NOTES = 1u << 15,
    FM_ABSENT_CITATION = 1u << 16,
    FM_ABSENT_TAGS = 1u << 17,
    FM_ABSENT_GEO_PREC = 1u << 18, /* geo_precision and geo_precision_src */
    FM_ABSENT_POINT = 1u << 19,    /* no coordinates: the stored point, its precision,
                                      border distance and flags */
    FM_ABSENT_DYAD = 1u << 20,     /* violence_type and dyad (GED's own typology) */
    FM_ABSENT_CIV_DEATHS = 1u << 21
};

/* Fills the fields of inc named by absent from stored row fid. The texts
 * live in *text (the caller's, reset here); *stmt is the caller's cached
 * statement (finalize it when done). */
fm_status fm_incident_merge_stored(fm_ctx *ctx, sqlite3 *db, sqlite3_stmt **stmt, fm_buf *text,
                                   int64_t fid, uint32_t absent, fm_incident *inc);
/* Records, at commit, the file a source came from and its version ("" when
 * unknown) in frontiermap_meta ('file:SOURCE', 'version:SOURCE'; neither when
 * file is NULL), and day ("YYYY-MM-DD", or NULL: the commit's) as the day the
 * source's rows written were imported ('imported:SOURCE'); the last file of a
 * source wins. The strings are copied. */
fm_status fm_writer_note_file(fm_ctx *ctx, fm_writer *w, const char *source, const char *file,
                              const char *version, const char *day);
/* Commits (durably) and frees w; on failure rolls back. A store the writer's
 * handle built is then published (fm_store_publish), which may fail too:
 * the import has then failed and the new store does not exist. */
fm_status fm_writer_commit(fm_ctx *ctx, fm_writer *w);
/* Rolls back and frees w; accepts NULL. */
void fm_writer_abort(fm_writer *w);

/* ---- incident.c ----------------------------------------------------------- */

/* Sets every field to unknown. */
void fm_incident_clear(fm_incident *inc);
/* The row rules shared by import and add: source/source_id present, a valid
 * date range, finite in-range coordinates, counts within 0..100000, precision
 * codes in range. The message says what is wrong (no file/line). */
fm_status fm_incident_validate(fm_ctx *ctx, const fm_incident *inc);
/* FM_EINVAL when locate flagged the row's coordinates as swapped: such a row is
 * refused (import, add), not stored with a flag. */
fm_status fm_incident_check_swapped(fm_ctx *ctx, const fm_incident *inc);
/* A 64-bit hash of the content (not id, created, updated): unchanged rows. */
uint64_t fm_incident_hash(const fm_incident *inc);
/* Geocodes a row without coordinates and checks/annotates a row with them:
 * flags (outside-country, possibly-swapped-lat-lon), border_km/side. flags_buf
 * and place_buf are scratch owned by the caller that inc may point into. */
#define FM_LOCATE_MEMO 4093
typedef struct {
    double lon, lat;
    fm_location loc;
    int used, ok;
} fm_locate_slot;
typedef struct {
    fm_locate_slot slots[FM_LOCATE_MEMO];
} fm_locate_memo;
/* What geocoding one row did, for the caller to announce: doubts are the
 * FM_GEOCODE_* flags of the answer; refused says the location itself was
 * refused (and the row placed by its admin2/admin1, if at all); note is the
 * announcement ("" when nothing needs saying), owned by the caller. */
typedef struct {
    int geocoded;
    unsigned doubts;
    int refused;
    fm_buf note;
} fm_geo_report;

/* memo (may be NULL) remembers answers for repeated coordinates; places (may
 * be NULL) are the store's own place names. With border_later, the border
 * distance (the costly part, and needed by no check) is left NAN and
 * *border_later set when fm_incident_border must measure it. A row whose
 * location was refused and that no admin name places fails here, with the
 * candidates in the message. */
fm_status fm_incident_locate(fm_ctx *ctx, fm_incident *inc, const fm_gazetteer *gz,
                             const fm_placememo *places, const fm_basemap *bm,
                             fm_locate_memo *memo, fm_buf *flags_buf, fm_geo_report *rep,
                             int *border_later);
typedef struct {
    double lon, lat, km;
    int used;
} fm_border_slot;
typedef struct {
    fm_border_slot slots[FM_LOCATE_MEMO];
} fm_border_memo;
/* inc->border_km for a row left by fm_incident_locate with border_later;
 * memo, one per thread, remembers repeated coordinates. */
void fm_incident_border(const fm_basemap *bm, fm_border_memo *memo, fm_incident *inc);
/* A hint a row ahead of fm_incident_border(bm, memo, inc): starts loading
 * the memo's slot and the border grid's cell it will read first. */
void fm_incident_border_prefetch(const fm_basemap *bm, fm_border_memo *memo,
                                 const fm_incident *inc);
/* normalise.c: after fm_incident_locate, admin1/admin2 become canonical (the
 * source's spelling kept in admin1_src/admin2_src where it differs) and
 * contradictory figures are flagged (fatalities-low-above-best,
 * fatalities-high-below-best). flags_buf is the buffer inc->flags may
 * already point into (fm_incident_locate's), or an empty one of the
 * caller's; inc may point into it and into an afterwards. */
fm_status fm_incident_normalise(fm_ctx *ctx, fm_incident *inc, fm_admin_names *an,
                                fm_buf *flags_buf);
/* ged_types.c: the ACLED event type and sub-type of a UCDP GED event where
 * its own data support one (the rule is in ged_types.c and DESIGN.md); sets
 * inc's event_type, sub_event_type (static strings) and civilian_targeting. */
typedef struct {
    int type_of_violence;    /* 1 state-based, 2 non-state, 3 one-sided */
    const char *side_a, *country;
    int deaths_a;            /* -1 unknown */
    const char *text[3];     /* source_headline, source_article, where_description */
} fm_ged_event;
void fm_ged_acled_type(const fm_ged_event *ev, fm_incident *inc);
/* precision.c: the location and date classes of a row. The source's own
 * codes on the classes' scale (-1 when the code is not one of the source's);
 * source_classes sets them from a GED or ACLED row's codes; classify fills
 * the classes still unknown from the codes the row has (GED where_prec, else
 * the ACLED scale, where 3 is a district when the row names one, else a
 * province), makes a row without a point `none`, and never lets a date class
 * be finer than the row's span of days. */
int fm_loc_from_ged(int where_prec);
int fm_loc_from_acled(int geo_precision);
int fm_date_from_ged(int date_prec);
void fm_incident_source_classes(fm_incident *inc);
void fm_incident_classify(fm_incident *inc);
/* A class written by name in an input file (our own exports): "" leaves *out
 * alone; an unknown name is FM_EINVAL naming the column. date: a date class,
 * else a location class. */
fm_status fm_class_value(fm_ctx *ctx, const char *s, int date, int *out);
/* Parses 'YYYY-MM-DD' quickly (FM_DAY_NONE when not that form). */
fm_day fm_day_from_iso(const char *s);
/* The `created` and `updated` stamps (stamp.c): "YYYY-MM-DDTHH:MM:SS.sssZ",
 * UTC, to the millisecond. fm_stamp_make writes one for a date and time tz_min_east minutes east
 * of UTC into out (1; 0 when a part is out of range, out then untouched);
 * fm_stamp_unix_ms reads one back as milliseconds since 1970 (1; 0 when s is
 * not exactly that form or not a real time). */
#define FM_STAMP_SIZE 25
int fm_stamp_make(int y, int mo, int d, int h, int mi, double sec, int tz_min_east,
                  char out[FM_STAMP_SIZE]);
int fm_stamp_unix_ms(const char *s, int64_t *ms);
/* An ISO 8601 date and time written as text ("2024-01-02T03:04:05.678Z",
 * "2024-01-02 03:04", "...+05:00"; no zone is UTC) as a stamp into out (1;
 * 0 when it is not one). */
int fm_stamp_parse(const char *s, char out[FM_STAMP_SIZE]);
/* civilian_targeting written as 1/0/yes/no/"Civilian targeting"/"". */
int fm_parse_flag(const char *s);

/* ---- ids already written, and by which file -------------------------------- */

/* Open addressing over 64-bit slots: 56 bits of the id's hash and an 8-bit
 * file tag (a false match needs a 56-bit collision: about 1e-5 in a
 * million-row import). */
typedef struct {
    uint64_t *slots;
    size_t cap, n;
} fm_hashset;

/* FNV-1a over s (NULL hashes as ""), continuing from h. */
uint64_t fm_hash_str(const char *s, uint64_t h);
/* Sizes the table for n keys up front (optional). */
fm_status fm_hashset_reserve(fm_ctx *ctx, fm_hashset *hs, size_t n);
/* Sets key's tag (1..255); *prev is the tag it had, 0 when new. */
fm_status fm_hashset_add(fm_ctx *ctx, fm_hashset *hs, uint64_t key, uint32_t tag,
                         uint32_t *prev);
void fm_hashset_free(fm_hashset *hs);

/* ---- source_list.c: the sources a write touched, until its commit --------- */

/* One source: rows of it were written, and what was noted of the file it
 * came from (rec: file (NULL: none recorded), its version ("" unknown), the
 * day it was imported (NULL: the write's own)). */
typedef struct {
    char *source;
    char *rec[3];
    int written;
} fm_source_rec;

/* As many as the write touches (no limit); zero-initialise ({0}) to start,
 * free with fm_source_list_free. v[0 .. n) in the order they came. */
typedef struct {
    fm_source_rec *v;
    size_t n, cap;
    size_t *slots, nslots; /* index + 1 by the source's hash (0: empty) */
    size_t last;           /* the last found: rows come in runs of a source */
} fm_source_list;

/* *out: source's entry (NULL source: ""), added when new and add is set
 * (else *out is NULL); it stays valid until the next addition. */
fm_status fm_source_list_find(fm_ctx *ctx, fm_source_list *l, const char *source, int add,
                              fm_source_rec **out);
/* Marks source as written (added when new). */
fm_status fm_source_list_wrote(fm_ctx *ctx, fm_source_list *l, const char *source);
/* Notes source's file, version and day as fm_writer_note_file takes them,
 * replacing what was noted (the last file of a source wins); copied. */
fm_status fm_source_list_note(fm_ctx *ctx, fm_source_list *l, const char *source,
                              const char *file, const char *version, const char *day);
/* Frees what l holds and empties it; accepts NULL. */
void fm_source_list_free(fm_source_list *l);

/* ---- pointcache.c: the points of a big store packed in blobs ------------- */

/* Schema of the packed copy, the triggers that empty it when anything else
 * writes the incidents table, and their removal during bulk loads. */
extern const char *const fm_pointcache_schema_sql;
extern const char *const fm_pointcache_trigger_sql;
extern const char *const fm_pointcache_drop_sql;
/* Rebuilds the copy from the table (only when it holds at least 50,000 rows;
 * below that the copy is just emptied). Inside the writer's transaction. */
fm_status fm_pointcache_rebuild(fm_ctx *ctx, sqlite3 *db, int64_t rows);
/* The copy of a first import, packed as its rows are inserted in fid order:
 * start (NULL with an error on ctx), add each inserted row (a row it cannot
 * hold quietly ends the stream), finish at commit (*done says whether the
 * copy is complete; if not, rebuild), end (frees; accepts NULL). */
typedef struct fm_pointcache_stream fm_pointcache_stream;
fm_pointcache_stream *fm_pointcache_stream_start(fm_ctx *ctx, sqlite3 *db);
fm_status fm_pointcache_stream_add(fm_ctx *ctx, fm_pointcache_stream *ps, int64_t fid,
                                   const fm_incident *inc);
fm_status fm_pointcache_stream_finish(fm_ctx *ctx, fm_pointcache_stream *ps, int64_t rows,
                                      int *done);
void fm_pointcache_stream_end(fm_pointcache_stream *ps);
/* pointcache_patch.c: the copy kept current through a small write. start:
 * when the store has a copy, drops the emptying triggers inside the open
 * transaction and sets *out (else *out is NULL: nothing to keep); add: each
 * row added or updated, as written; finish (at commit, before anything else
 * reads the copy): re-creates the triggers and patches the copy, *done
 * saying whether it did (if not, fm_pointcache_rebuild); free accepts NULL. */
typedef struct fm_pointcache_patch fm_pointcache_patch;
fm_status fm_pointcache_patch_start(fm_ctx *ctx, sqlite3 *db, fm_pointcache_patch **out);
fm_status fm_pointcache_patch_add(fm_ctx *ctx, fm_pointcache_patch *p, int64_t fid,
                                  const fm_incident *inc);
fm_status fm_pointcache_patch_finish(fm_ctx *ctx, fm_pointcache_patch *p, int *done);
void fm_pointcache_patch_free(fm_pointcache_patch *p);
/* Whether the copy is there and can answer f (not the text filters). */
int fm_pointcache_usable(sqlite3 *db, const fm_filter *f);
/* Whether the copy is there at all: then every row's date_start and
 * date_end (or date_start again) begin with an ISO date (fm_day_from_iso). */
int fm_pointcache_present(sqlite3 *db);
/* At least as many points as the copy holds (whole chunks); 0 when unknown. */
size_t fm_pointcache_capacity(sqlite3 *db);
/* One point passing the filter's dates, figures and border clauses (not
 * its box or circle); fatalities and geo_precision -1 when unknown. */
typedef fm_status (*fm_pointcache_fn)(void *user, int64_t fid, double lon, double lat,
                                      int fatalities, int geo_precision, const char *source);
fm_status fm_pointcache_scan(fm_ctx *ctx, sqlite3 *db, const fm_filter *f,
                             fm_pointcache_fn fn, void *user);

/* ---- import_pipe.c: the storing side of a big import on its own thread ---- */

/* While the importing thread reads, parses and checks rows, a second thread
 * stores them: rows are copied into batches handed over through a short
 * queue, in order. Counts of added/updated/unchanged rows go to stats. */
typedef struct fm_pipe fm_pipe;

/* Starts the storing thread for w, or for sink (w NULL: the thread calls
 * its put, with a context of its own, in the rows' order); NULL (and an
 * error on ctx) on failure. bm (borrowed, may be NULL) measures the border
 * distances left to later. */
struct fm_import_sink;
fm_pipe *fm_pipe_start(fm_ctx *ctx, fm_writer *w, const struct fm_import_sink *sink,
                       const fm_basemap *bm, fm_import_stats *stats);
/* Queues a copy of inc (of file tag, from file path, at line); may wait for
 * room. reindex is the check's (fm_writer_check, or the sink's). Fails
 * with the storing side's error once that side has failed. border_later: its
 * border distance is still to be measured (fm_incident_locate), which either
 * thread does before the row is stored, whichever has time. */
fm_status fm_pipe_put(fm_ctx *ctx, fm_pipe *p, const fm_incident *inc, uint32_t tag,
                      int reindex, uint32_t absent, int border_later, const char *path,
                      long line);
/* Ends the thread: with ok, after storing every queued row (its error, if
 * any, is returned on ctx); without, dropping them. Frees p; accepts NULL. */
fm_status fm_pipe_finish(fm_ctx *ctx, fm_pipe *p, int ok);

/* ---- import.c: the row sink shared by the CSV and OGR readers ------------- */

/* Where an import's rows go when not to a GeoPackage writer (the PostGIS
 * import, pg_import.c): the readers, row checks, geocoding and rejects are
 * the import's own; the sink decides duplicates, stores and commits. check
 * runs on the importing thread; put, in the rows' order, on the storing
 * thread of a big import (import_pipe.c, with that thread's ctx) or on the
 * importing one; finish on the importing thread after the last put. */
typedef struct fm_import_sink {
    void *user;
    /* *dup: the same (source, source_id) came earlier in file tag;
     * *reindex: a note for the put of this row (the sink's own meaning) */
    fm_status (*check)(fm_ctx *ctx, void *user, const fm_incident *inc, uint32_t tag, int *dup,
                       int *reindex);
    /* stores a checked row of file tag, whose file lacks the columns absent */
    fm_status (*put)(fm_ctx *ctx, void *user, const fm_incident *inc, uint32_t tag,
                     uint32_t absent, int reindex);
    /* as fm_writer_note_file */
    fm_status (*note_file)(fm_ctx *ctx, void *user, const char *source, const char *file,
                           const char *version, const char *day);
    /* ok: writes what is left and commits (or fails); else rolls back */
    fm_status (*finish)(fm_ctx *ctx, void *user, int ok);
} fm_import_sink;

typedef struct {
    fm_ctx *ctx;
    fm_store *st;
    fm_writer *w;
    const fm_import_sink *sink; /* instead of w, or NULL */
    fm_pipe *pipe;         /* storing thread of a big import, or NULL */
    const fm_import_opts *opts;
    fm_import_stats *stats;
    const fm_gazetteer *gz;
    const fm_basemap *bm;
    fm_gazetteer *own_gz;  /* loaded on first need when lazy_gz */
    int lazy_gz, gz_failed;
    int drop_rejects;      /* skip_bad without a rejects file (built-in data) */
    size_t row_nfields;    /* fields of the current CSV record, for the rejects file */
    uint32_t tag;          /* which file: duplicates are per file */
    uint32_t absent;       /* FM_ABSENT_* columns the current file lacks */
    const char *path;      /* the file being read */
    const char *source;    /* default source name of this file's format */
    fm_buf rej_header;     /* the input's header line, for the rejects file */
    FILE *rej;             /* the rejects file's stream, owned by rej_out */
    struct fm_output *rej_out;
    fm_buf flags, scratch;
    fm_locate_memo *memo;
    fm_geo_report geo;     /* the current row's geocoding, to announce */
    fm_placememo *places;  /* the store's own place names, read on first need */
    int places_tried;
    int64_t geo_shown;     /* announcements printed so far (the rest are counted) */
    fm_admin_names *names; /* canonical admin names, created on the first row */
} fm_import_job;

/* Reads the store's own place names for geocoding (once; a store being
 * created has none), through a reading connection of its own. */
void fm_import_places(fm_import_job *job);
/* Logs the current row's geocoding announcement with path:line, the first
 * FM_IMPORT_GEO_SHOWN of them; counts them all. */
void fm_import_announce(fm_import_job *job, long line);

/* Validates, geocodes, checks and stores one row; a bad row is FM_EINVAL
 * with "file:line: reason" (or, with skip_bad, written to the rejects file
 * with its fields from csv, which may be NULL, and FM_OK). */
fm_status fm_import_row(fm_import_job *job, fm_incident *inc, long line, const void *csv);
/* Records the header line of the current input for the rejects file. */
void fm_import_set_header(fm_import_job *job, const char *const *names, size_t n);

/* The whole import. Flags: FM_IMPORT_LAZY_GZ loads the gazetteer on the
 * first row that needs it; FM_IMPORT_DROP_REJECTS (with skip_bad) only logs. */
enum { FM_IMPORT_LAZY_GZ = 1, FM_IMPORT_DROP_REJECTS = 2 };
fm_status fm_import_run(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                        const fm_import_opts *opts, fm_import_stats *stats, int flags);
/* The same into a sink (the counts of stats other than added, updated and
 * unchanged are the import's; those the sink's). */
fm_status fm_import_run_sink(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                             const fm_import_opts *opts, fm_import_stats *stats, int flags,
                             const fm_import_sink *sink);

/* import_csv.c / import_ogr.c */
fm_status fm_import_csv(fm_import_job *job, fm_format fmt);
fm_status fm_import_ogr(fm_import_job *job);
/* Guesses the format of path from its first bytes/header. */
fm_status fm_import_detect(fm_ctx *ctx, const char *path, fm_format *out);

/* An incident's span in days, and whether it is longer than the year it
 * starts in (then a count by year has it apart), as SQL on incidents'
 * columns; NULL for dates SQLite cannot read. stats.c and years.c. */
#define FM_SQL_SPAN_DAYS                                                                     \
    "(julianday(coalesce(date_end, date_start)) - julianday(date_start) + 1)"
#define FM_SQL_LONGER_THAN_YEAR                                                              \
    FM_SQL_SPAN_DAYS " > julianday(date(date_start, 'start of year', '+1 year')) -"          \
                     " julianday(date(date_start, 'start of year'))"

/* query.c, for results.c: the WHERE clauses and the place test. */
typedef struct fm_query fm_query;
fm_status fm_query_prepare(fm_ctx *ctx, fm_store *st, const fm_filter *f, const char *cols,
                           const char *tail, fm_query **out); /* tail: "ORDER BY ..." */
sqlite3_stmt *fm_query_stmt(fm_query *q);
/* Whether the point passes the filter's box and circle; distance/bearing out
 * (NAN without a circle). */
int fm_query_place_ok(fm_query *q, double lon, double lat, double *dist, double *azi);
void fm_query_free(fm_query *q);

#endif
