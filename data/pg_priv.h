/* pg_priv.h: what the PostGIS backend's files share (pg_store.c, pg_schema.c,
 * pg_mirror.c, pg_import.c, pg_swap.c, pg_copy.c). */
#ifndef FM_PG_PRIV_H
#define FM_PG_PRIV_H

#include "data/columns.h"
#include "data/fm_pq.h"

/* pg_copy.c: appends to b the fields of inc as binary COPY writes them: geom
 * and the columns of columns.h, with hash as content_hash, and as created
 * and updated the row's own stamps or else now_us (microseconds since
 * 2000-01-01). The tuple's field
 * count and any fields before geom are the caller's. A failure (out of
 * memory) is returned and kept on b. */
fm_status fm_pg_copy_row(fm_ctx *ctx, fm_buf *b, const fm_incident *inc, uint64_t hash,
                         int64_t now_us);

#ifdef FM_HAVE_LIBPQ

/* The advisory lock every writer (import, add, schema change) holds for its
 * transaction: writers go one at a time, readers never wait for it (only for
 * a first import into an empty table, which holds it, and for the moment a
 * big import swaps its tables in, pg_swap.c). */
#define FM_PG_LOCK "7362016542910738273"

typedef struct fm_pg {
    fm_pq api;
    PGconn *conn;
    char masked[512]; /* the connection string without its password, for messages */
    char *conninfo;   /* as given (GDAL's "PG:" left out) */
    int read_only;    /* opened for reading */
} fm_pg;

/* Runs SQL without rows; a failure is FM_EDB naming the store, or FM_EIO
 * when the role may not write (SQLSTATE 42501). */
fm_status fm_pg_exec(fm_ctx *ctx, fm_pg *pg, const char *sql);
void fm_pg_exec_quiet(fm_pg *pg, const char *sql);
/* Runs a query that returns rows (query1: at least one); *out is the
 * caller's (PQclear). */
fm_status fm_pg_query(fm_ctx *ctx, fm_pg *pg, const char *sql, PGresult **out);
fm_status fm_pg_query1(fm_ctx *ctx, fm_pg *pg, const char *sql, PGresult **out);
/* Checks a result (and clears it on failure): FM_OK when it has status want. */
fm_status fm_pg_check(fm_ctx *ctx, fm_pg *pg, PGresult *r, int want, const char *what);

/* pg_meta.c: records for frontiermap_meta, gathered (zero-initialise ({0})
 * to start) and written in one statement (upserts on the key; every key
 * added at most once). meta_add copies prefix followed by key as the key,
 * and value (NULL: SQL NULL); free with fm_pg_meta_free (accepts NULL). */
typedef struct {
    fm_buf text;   /* the keys and values, each ended by its NUL */
    size_t *at;    /* where each begins in text: key, value, key, ...
                    * (SIZE_MAX: a NULL value) */
    size_t n, cap; /* entries of at: two a record */
} fm_pg_meta;
fm_status fm_pg_meta_add(fm_ctx *ctx, fm_pg_meta *m, const char *prefix, const char *key,
                         const char *value);
fm_status fm_pg_meta_write(fm_ctx *ctx, fm_pg *pg, const fm_pg_meta *m);
void fm_pg_meta_free(fm_pg_meta *m);

/* pg_store.c: a reader's transaction: one snapshot (REPEATABLE READ), taken
 * after incidents is locked for reading. A snapshot taken before (by the
 * first SELECT, which locks the table only after) could outlive an import's
 * swap (pg_swap.c): the query, which waited for the swap, would then read
 * the new table, whose every row is the import's, as empty. */
extern const char *const fm_pg_read_begin;

/* pg_store.c: a write's transaction: BEGIN and the advisory lock (FM_EIO
 * on a store opened read-only); then the write recorded in
 * frontiermap_imports and COMMIT, or ROLLBACK when s is an error (returned). */
fm_status fm_pg_write_begin(fm_ctx *ctx, fm_pg *pg);
fm_status fm_pg_write_end(fm_ctx *ctx, fm_pg *pg, fm_status s, const char *command,
                          const char *files, const fm_import_stats *is);

/* pg_import.c: an import (the store API's), streamed through COPY. */
fm_status fm_pg_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                       const fm_import_opts *opts, fm_import_stats *stats);

/* pg_swap.c: a big import into a small store loads new tables beside the
 * old ones and swaps them in before its COMMIT. fm_pg_swap_begin (under the
 * writers' lock, in the import's transaction) makes them and puts them
 * first on the search_path when the tables are frontiermap's alone (w->on;
 * else nothing changes); then the import loads "incidents" as usual. At
 * its end fm_pg_swap_fill copies the stored rows in, the caller builds the
 * indexes (fm_pg_index_sql), and fm_pg_swap_end puts the new tables in the
 * old ones' place. fm_pg_swap_abandon drops them (nothing loaded yet) and
 * restores the search_path. end and abandon free w; so does
 * fm_pg_swap_free (harmless on a zeroed or freed w). */
enum { FM_SWAP_SCHEMA, FM_SWAP_SEQ_I, FM_SWAP_SEQ_C, FM_SWAP_PATH };
typedef struct {
    int on;
    unsigned old_i, old_c; /* the old tables' oids */
    char *text[4];         /* their schema, the two sequences (quoted), the search_path */
} fm_pg_swap;
fm_status fm_pg_swap_begin(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w);
fm_status fm_pg_swap_fill(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w);
fm_status fm_pg_swap_end(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w);
fm_status fm_pg_swap_abandon(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w);
void fm_pg_swap_free(fm_pg_swap *w);

/* pg_stats.c: SQL keeping exactly the rows a GeoPackage's clauses keep,
 * but for the place ones (radius, box, polygon), appended to w->sql (start
 * it with the SELECT ... FROM; this adds " WHERE ..."), with parameters
 * $1.. in w->params (w->n of them). Zero w first; free with fm_pg_where_free. */
typedef struct {
    fm_ctx *ctx;
    fm_buf sql;
    const char *params[16];
    int n;
    char days[2][11], num[32];
    fm_admin_names *an;
} fm_pg_where;
fm_status fm_pg_where_add(fm_ctx *ctx, fm_pg_where *w, const fm_filter *f);
void fm_pg_where_free(fm_pg_where *w);

/* Whether the server can apply f exactly (no place clauses);
 * then stats and counts summed there, identical to the GeoPackage's. */
int fm_pg_server_filter(const fm_filter *f);
fm_status fm_pg_stats(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, fm_group_by by,
                      fm_group_by then, fm_stat_row **rows, size_t *n);
/* Whether fm_pg_count can count f: no box or polygon, a radius up to
 * 1000 km (bounded by the server on its sphere, the ring at the edge
 * decided here by the exact geodesic). */
int fm_pg_server_count(const fm_filter *f);
fm_status fm_pg_count(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, int64_t *n);

/* pg_points.c: the points of a filter without place clauses (as
 * fm_pg_server_filter says), read from the server in fid order into the
 * fm_points a GeoPackage scan of the same rows builds (the caller's:
 * fm_points_destroy). One snapshot: the caller's transaction if one is
 * open, else a REPEATABLE READ one. */
fm_status fm_pg_points(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, unsigned flags,
                       fm_points **out);

/* pg_schema.c: creates (create) or upgrades the schema in one transaction
 * under the advisory lock; *version (may be NULL) the version after. */
fm_status fm_pg_schema(fm_ctx *ctx, fm_pg *pg, int create, int *version);
/* On a write: make an index added within the schema's version where it is
 * missing (the owner of incidents; other writers are warned). */
fm_status fm_pg_schema_complete(fm_ctx *ctx, fm_pg *pg);
/* The schema version held (0: none; -1 on error). */
int fm_pg_version(fm_ctx *ctx, fm_pg *pg);
/* Appends " AND geom && <box>": the GiST-indexed bound of every point within
 * radius_m of (lon, lat) (two boxes across the antimeridian; nothing when
 * the circle holds the whole Earth). pg_mirror.c. */
void fm_pg_circle_box(fm_ctx *ctx, fm_buf *sql, double lon, double lat, double radius_m);
/* The incidents table's secondary indexes (the unique key, the GiST on
 * geom, the dates), made with the table; and their removal, for a first
 * import, which builds them again after its rows are in (pg_import.c), one
 * statement at a time: they are split at each ';', so none may hold one. */
extern const char *const fm_pg_index_sql;
extern const char *const fm_pg_unindex_sql;
/* The index of the few coarse rows (country-level, unlocated), kept through
 * a load ("IF NOT EXISTS": db upgrade adds it to older stores). */
extern const char *const fm_pg_coarse_sql;
const char *fm_pg_type(char kind);

/* pg_mirror.c: a scratch GeoPackage store (a temporary file SQLite removes
 * when closed) holding the rows of the database that may match f (NULL:
 * every row; rows 0: none) with their own fids, and frontiermap_meta, read
 * in one snapshot (the caller's transaction if one is open, else a
 * REPEATABLE READ one). Its answers to f are then the database's. */
fm_status fm_pg_mirror(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, int rows, fm_store **out);
/* rows FM_PG_LIGHT: the rows without the texts and times no filter, count,
 * sum or density reads (claims, notes, citation, tags, flags, created,
 * updated), for count, stats and points. */
#define FM_PG_LIGHT 2
/* Mirror only the row of (source, source_id), for fm_store_add. */
fm_status fm_pg_mirror_one(fm_ctx *ctx, fm_pg *pg, const char *source, const char *source_id,
                           fm_store **out);
/* Writes back to the database the rows of the mirror that are new or whose
 * content changed since the mirror was made (fm_pg_mirror_mark), with their
 * claims, and the mirror's frontiermap_meta; inside the caller's
 * transaction. *written counts the rows. */
fm_status fm_pg_mirror_mark(fm_ctx *ctx, fm_store *mirror);
fm_status fm_pg_push(fm_ctx *ctx, fm_pg *pg, fm_store *mirror, int64_t *written);

#endif

#endif
