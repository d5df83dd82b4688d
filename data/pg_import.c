/* pg_import.c: an import into the PostGIS store, streamed. The import's own
 * readers, checks, geocoding and rejects (import.c) hand each row to the sink
 * here, which sends it on at once through binary COPY: straight into the
 * incidents table when that was empty (its secondary indexes dropped and
 * built again after the rows, as a GeoPackage's first import does) or holds
 * no row of the rows' source (its indexes kept: readers go on reading; or,
 * when the import brings about as many rows as it holds or more, into new
 * tables swapped in at the end, pg_swap.c), else
 * into a temporary stage merged by one UPDATE of the rows whose content
 * changed and one INSERT of the new ones. That is the GeoPackage store's upsert on
 * (source, source_id) (writer.c): the same content hash tells updated rows
 * from unchanged ones, the columns a file lacks keep their stored values
 * (merge.c; the hash of such a merged row is computed here again), an
 * update keeps `created`, the claims are replaced. A key repeated from an
 * earlier file of the same import merges what came before it first, so the
 * later file updates the earlier as in a GeoPackage. Everything runs in one
 * transaction under the writers' advisory lock (pg_store.c): a failed
 * import leaves the database as it was. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* Empty tables filled with at least this many rows (expected) are loaded
 * with their secondary indexes dropped (bulk_begin): building them after is
 * about twice as fast as keeping them up to date. The table is then held
 * exclusively until the commit (readers wait; it held no rows to read). */
#define BULK_MIN_ROWS 5000
/* An import into a table holding rows tries the way straight in (a scan of
 * the table for each new source, ~1 ms a MB, against ~13 us a row saved
 * over the stage's merge) when the table is at most this many bytes per
 * row expected. */
#define SCAN_BYTES_PER_ROW 4096
/* An import into a table holding rows loads new tables beside it and
 * swaps them in (pg_swap.c) when the table's heap is at most this many
 * bytes per row expected (a row of the synthetic ACLED takes ~430 bytes in
 * the heap): the import brings about as many rows as the store holds, or
 * more, and copying the stored rows costs less than keeping the GiST up for
 * the new ones row by row. */
#define SWAP_BYTES_PER_ROW 430
/* COPY data is sent in pieces of about this many bytes. */
#define SEND_BYTES (256 * 1024)
/* PostgreSQL's epoch (2000-01-01) in Unix seconds. */
#define PG_EPOCH_SECS 946684800LL

/* The sink's state. Its checking side (batch_tag, seen) belongs to the
 * importing thread; the rest to whichever thread puts the rows (the storing
 * thread of a big import, import_pipe.c), then to the importing thread again
 * for sink_finish, after that thread has ended. ctx is the context of the
 * thread that is putting or finishing. */
typedef struct {
    fm_ctx *ctx;
    fm_store *st;
    fm_pg *pg;
    fm_import_stats *stats;
    int direct;        /* rows COPY straight into incidents: their key is new */
    int fresh;         /* incidents was empty: every source is new */
    int bulk;          /* its secondary indexes are dropped until finish */
    fm_pg_swap swap;   /* rows go to new tables, swapped in at finish (swap.on) */
    int staging;       /* the temporary stage tables exist */
    int copying;       /* a COPY is open */
    int64_t batch;     /* rows in the current COPY */
    int64_t seq;       /* rows put, numbering them */
    int64_t next_fid;  /* a bulk load's next fid, numbered here (0: by the server) */
    /* the checking side's (the importing thread's, sink_check): */
    uint32_t batch_tag; /* the file the current batch began in (0: empty batch) */
    fm_hashset seen;   /* (source, source_id) -> tag of the file that wrote it */
    fm_buf out;        /* COPY data not yet sent */
    fm_buf claims;     /* the batch's claims as COPY text, sent after its rows */
    int claims_sent;   /* fm_cstage holds some */
    fm_source_list sources; /* of the rows written and the files noted (as
                             * writer.c); written: no stored row had it, or rows
                             * of it were merged (a source is marked before its
                             * first row goes straight in) */
    char today[11];
    int64_t now_us;    /* created/updated: the import's start, to the second */
} pg_sink;

/* ---- binary COPY ------------------------------------------------------------ */

static void put_be(fm_ctx *ctx, fm_buf *b, uint64_t v, int bytes)
{
    char c[8];
    for (int i = 0; i < bytes; i++)
        c[i] = (char)(v >> (8 * (bytes - 1 - i)));
    fm_buf_append(ctx, b, c, (size_t)bytes);
}

static void put_i4(fm_ctx *ctx, fm_buf *b, int32_t v)
{
    put_be(ctx, b, 4, 4);
    put_be(ctx, b, (uint32_t)v, 4);
}

static void put_i8(fm_ctx *ctx, fm_buf *b, int64_t v)
{
    put_be(ctx, b, 8, 4);
    put_be(ctx, b, (uint64_t)v, 8);
}

static fm_status send_out(pg_sink *k, int all)
{
    fm_status s;
    if ((s = fm_buf_check(k->ctx, &k->out)))
        return s;
    if (k->out.len && (all || k->out.len >= SEND_BYTES)) {
        if (k->pg->api.PQputCopyData(k->pg->conn, k->out.data, (int)k->out.len) != 1)
            return fm_error(k->ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s",
                            k->pg->masked, k->pg->api.PQerrorMessage(k->pg->conn));
        fm_buf_reset(&k->out);
    }
    return FM_OK;
}

static fm_status copy_begin(pg_sink *k, const char *sql)
{
    PGresult *r = k->pg->api.PQexec(k->pg->conn, sql);
    fm_status s = fm_pg_check(k->ctx, k->pg, r, PGRES_COPY_IN, "cannot write to the PostGIS store");
    if (s)
        return s;
    k->pg->api.PQclear(r);
    k->copying = 1;
    return FM_OK;
}

/* Ends the open COPY: sends the rest (ok) or abandons it. */
static fm_status copy_finish(pg_sink *k, fm_status s)
{
    fm_pg *pg = k->pg;
    PGresult *r;
    if (!k->copying)
        return s;
    k->copying = 0;
    if (!s)
        s = send_out(k, 1);
    fm_buf_reset(&k->out);
    if (pg->api.PQputCopyEnd(pg->conn, s ? "frontiermap: the import failed" : NULL) != 1 && !s)
        s = fm_error(k->ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s", pg->masked,
                     pg->api.PQerrorMessage(pg->conn));
    while ((r = pg->api.PQgetResult(pg->conn)) != NULL) {
        if (!s && pg->api.PQresultStatus(r) != PGRES_COMMAND_OK)
            s = fm_pg_check(k->ctx, pg, r, PGRES_COMMAND_OK, "cannot write to the PostGIS store");
        else
            pg->api.PQclear(r);
    }
    return s;
}

/* A COPY column list: geom and the columns of columns.h, after head. */
static fm_status copy_sql(fm_ctx *ctx, fm_buf *sql, const char *head)
{
    fm_buf_puts(ctx, sql, head);
    fm_buf_puts(ctx, sql, "geom");
    for (int i = 0; i < FM_NCOLUMNS; i++)
        fm_buf_printf(ctx, sql, ", %s", fm_columns[i].name);
    fm_buf_puts(ctx, sql, ") FROM STDIN (FORMAT binary)");
    return fm_buf_check(ctx, sql);
}

static const char copy_header[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0";

/* Opens the COPY of the next batch: into incidents, or into the stage. */
static fm_status batch_open(pg_sink *k)
{
    fm_buf sql = {0};
    fm_status s = copy_sql(k->ctx, &sql, !k->direct       ? "COPY fm_stage (seq, absent, "
                                         : k->next_fid ? "COPY incidents (fid, "
                                                       : "COPY incidents (");
    if (!s)
        s = copy_begin(k, fm_buf_str(&sql));
    fm_buf_free(&sql);
    if (!s)
        s = fm_buf_append(k->ctx, &k->out, copy_header, sizeof copy_header);
    return s;
}

/* ---- claims ---------------------------------------------------------------- */

/* COPY text: backslash, tab, newline and carriage return escaped. */
static void copy_text(fm_ctx *ctx, fm_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
            fm_buf_putc(ctx, b, '\\');
            c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c;
        }
        fm_buf_putc(ctx, b, c);
    }
}

/* "Party: figure; Party: figure" -> one claims row per part, split exactly
 * as writer.c's put_claims splits them for a GeoPackage. */
static void note_claims(pg_sink *k, const fm_incident *inc)
{
    fm_ctx *ctx = k->ctx;
    const char *p = inc->claims;
    int ord = 0;
    while (p && *p) {
        const char *end = strchr(p, ';'), *colon;
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && (*p == ' '))
            p++, len--;
        colon = memchr(p, ':', len);
        if (len) {
            fm_buf_printf(ctx, &k->claims, "%lld\t", (long long)k->seq);
            copy_text(ctx, &k->claims, inc->source, strlen(inc->source));
            fm_buf_putc(ctx, &k->claims, '\t');
            copy_text(ctx, &k->claims, inc->source_id, strlen(inc->source_id));
            fm_buf_printf(ctx, &k->claims, "\t%d\t", ord++);
            if (colon) {
                const char *c = colon + 1;
                copy_text(ctx, &k->claims, p, (size_t)(colon - p));
                fm_buf_putc(ctx, &k->claims, '\t');
                while (c < p + len && *c == ' ')
                    c++;
                copy_text(ctx, &k->claims, c, (size_t)(p + len - c));
            } else {
                fm_buf_puts(ctx, &k->claims, "\\N\t");
                copy_text(ctx, &k->claims, p, len);
            }
            fm_buf_putc(ctx, &k->claims, '\n');
        }
        p = end ? end + 1 : NULL;
    }
}

/* Sends the batch's claims to fm_cstage (seq, source, source_id, ord, party,
 * claim). */
static fm_status claims_send(pg_sink *k)
{
    fm_pg *pg = k->pg;
    fm_status s;
    if ((s = fm_buf_check(k->ctx, &k->claims)) || !k->claims.len)
        return s;
    if ((s = copy_begin(k, "COPY fm_cstage FROM STDIN")))
        return s;
    if (pg->api.PQputCopyData(pg->conn, k->claims.data, (int)k->claims.len) != 1)
        s = fm_error(k->ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s", pg->masked,
                     pg->api.PQerrorMessage(pg->conn));
    fm_buf_reset(&k->claims);
    k->claims_sent = 1;
    return copy_finish(k, s);
}

/* ---- merging a staged batch ------------------------------------------------- */

/* The bits of a staged row's absent that hold for the stored row i: with no
 * stored point, the file's point (or the geocoder's) is kept (merge.c). */
#define EA_FMT "(s.absent & CASE WHEN i.lon IS NULL THEN %d ELSE -1 END)"

/* The staged rows of files lacking columns that update a stored row take
 * those columns from it (merge.c); their content hash is then computed
 * again, here, from the merged row. Only rows whose merge changes a column
 * are rewritten: where the stored row holds what the staged one does in
 * each column the file lacks (a file imported again), the merged row is the
 * staged row and the client's hash of it stands (the point goes with lon
 * and lat, which the stage holds as its geom's). Rewriting and reading back
 * every staged row cost ~20 s of the server's CPU for a million unchanged
 * ACLED rows, whose files lack a third of the columns. */
static fm_status merge_absent(pg_sink *k)
{
    fm_ctx *ctx = k->ctx;
    fm_pg *pg = k->pg;
    fm_buf sql = {0}, hashes = {0};
    char ea[96];
    PGresult *r;
    fm_status s = FM_OK;
    int64_t merged = 0;
    snprintf(ea, sizeof ea, EA_FMT, (int)~(uint32_t)FM_ABSENT_POINT);
    fm_buf_printf(ctx, &sql, "UPDATE fm_stage s SET geom = CASE"
                             " WHEN (%s & %u) <> 0 THEN ST_SetSRID(ST_MakePoint(i.lon, i.lat),"
                             " 4326) ELSE s.geom END", ea, (unsigned)FM_ABSENT_POINT);
    for (int c = 0; c < FM_NCOLUMNS; c++)
        if (fm_columns[c].absent)
            fm_buf_printf(ctx, &sql, ", %s = CASE WHEN (%s & %u) <> 0 THEN i.%s ELSE s.%s END",
                          fm_columns[c].name, ea, fm_columns[c].absent, fm_columns[c].name,
                          fm_columns[c].name);
    fm_buf_puts(ctx, &sql, " FROM incidents i WHERE s.absent <> 0 AND i.source = s.source"
                           " AND i.source_id = s.source_id AND (false");
    for (int c = 0; c < FM_NCOLUMNS; c++)
        if (fm_columns[c].absent)
            fm_buf_printf(ctx, &sql, " OR ((%s & %u) <> 0 AND i.%s IS DISTINCT FROM s.%s)", ea,
                          fm_columns[c].absent, fm_columns[c].name, fm_columns[c].name);
    fm_buf_puts(ctx, &sql, ") RETURNING s.seq");
    for (int c = 0; c < FM_NCOLUMNS; c++)
        fm_buf_printf(ctx, &sql, ", s.%s", fm_columns[c].name);
    if ((s = fm_buf_check(ctx, &sql)))
        goto done;
    if (!pg->api.PQsendQueryParams(pg->conn, fm_buf_str(&sql), 0, NULL, NULL, NULL, NULL, 0) ||
        !pg->api.PQsetSingleRowMode(pg->conn)) {
        s = fm_error(ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s", pg->masked,
                     pg->api.PQerrorMessage(pg->conn));
        goto done;
    }
    /* each merged row's hash, as fm_incident_hash computes it (the texts and
     * numbers; the classes and times are not hashed) */
    while ((r = pg->api.PQgetResult(pg->conn)) != NULL) {
        ExecStatusType st = pg->api.PQresultStatus(r);
        if (!s && st == PGRES_SINGLE_TUPLE) {
            fm_incident inc;
            fm_incident_init(&inc);
            for (int c = 0; c < FM_NCOLUMNS; c++) {
                const fm_column *col = &fm_columns[c];
                const char *v = pg->api.PQgetisnull(r, 0, 1 + c) ? NULL
                                                                 : pg->api.PQgetvalue(r, 0, 1 + c);
                char *f;
                if (col->kind == 'h')
                    continue; /* (the hash has no field to point at) */
                f = (char *)&inc + col->off;
                switch (col->kind) {
                case 's': case 'n': *(const char **)f = v; break;
                case 'i': *(int *)f = v ? atoi(v) : -1; break;
                case 'd': *(fm_day *)f = v ? fm_day_from_iso(v) : FM_DAY_NONE; break;
                case 'p': case 'r': *(double *)f = v ? strtod(v, NULL) : NAN; break;
                default: break;
                }
            }
            fm_buf_printf(ctx, &hashes, "%s\t%lld\n", pg->api.PQgetvalue(r, 0, 0),
                          (long long)fm_incident_hash(&inc));
            merged++;
        } else if (!s && st != PGRES_TUPLES_OK) {
            s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot write to the PostGIS store");
            r = NULL;
        }
        if (r)
            pg->api.PQclear(r);
    }
    if (!s)
        fm_log(ctx, FM_LOG_DEBUG, "postgis: %lld staged rows took columns from stored rows",
               (long long)merged);
    if (s || (s = fm_buf_check(ctx, &hashes)) || !hashes.len)
        goto done;
    if ((s = copy_begin(k, "COPY fm_hash FROM STDIN")))
        goto done;
    if (pg->api.PQputCopyData(pg->conn, hashes.data, (int)hashes.len) != 1)
        s = fm_error(ctx, FM_EDB, "cannot write to the PostGIS store '%s': %s", pg->masked,
                     pg->api.PQerrorMessage(pg->conn));
    if (!(s = copy_finish(k, s)))
        s = fm_pg_exec(ctx, pg, "UPDATE fm_stage s SET content_hash = h.hash FROM fm_hash h"
                                " WHERE s.seq = h.seq; TRUNCATE fm_hash");
done:
    fm_buf_free(&sql);
    fm_buf_free(&hashes);
    return s;
}

/* The staged rows into incidents: those whose content changed replace
 * every column but `created`; new ones are added in the order they came.
 * fm_written lists what was written. */
static fm_status merge_rows(pg_sink *k)
{
    fm_ctx *ctx = k->ctx;
    fm_buf sql = {0};
    fm_status s;
    fm_buf_puts(ctx, &sql, "WITH u AS (UPDATE incidents i SET geom = s.geom");
    for (int c = 0; c < FM_NCOLUMNS; c++)
        if (fm_columns[c].kind != 'k')
            fm_buf_printf(ctx, &sql, ", %s = s.%s", fm_columns[c].name, fm_columns[c].name);
    /* an update keeps the stored claims when the file has none (the mask
     * merge_absent's ea puts on absent never clears the claims' bit) */
    fm_buf_printf(ctx, &sql, " FROM fm_stage s WHERE i.source = s.source AND i.source_id ="
                           " s.source_id AND i.content_hash IS DISTINCT FROM s.content_hash"
                           " RETURNING i.fid, s.seq, i.source, (s.absent & %u) <> 0)"
                           " INSERT INTO fm_written SELECT * , false FROM u;"
                           "WITH a AS (INSERT INTO incidents (geom", (unsigned)FM_ABSENT_CLAIMS);
    for (int c = 0; c < FM_NCOLUMNS; c++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[c].name);
    fm_buf_puts(ctx, &sql, ") SELECT geom");
    for (int c = 0; c < FM_NCOLUMNS; c++)
        fm_buf_printf(ctx, &sql, ", %s", fm_columns[c].name);
    /* the stage sorted by seq before the fids are drawn: new rows are
     * numbered in the order they came, as in a GeoPackage */
    fm_buf_puts(ctx, &sql, " FROM fm_stage s WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE"
                           " i.source = s.source AND i.source_id = s.source_id) ORDER BY s.seq"
                           " RETURNING fid, source, source_id)"
                           " INSERT INTO fm_written SELECT a.fid, s.seq, a.source, false, true"
                           " FROM a JOIN fm_stage s ON s.source = a.source AND"
                           " s.source_id = a.source_id");
    if (!(s = fm_buf_check(ctx, &sql)))
        s = fm_pg_exec(ctx, k->pg, fm_buf_str(&sql));
    fm_buf_free(&sql);
    return s;
}

/* What the batch wrote: counted, its sources remembered, its claims
 * replaced; then the stage emptied for the next batch. */
static fm_status merge_done(pg_sink *k)
{
    fm_pg *pg = k->pg;
    PGresult *r;
    fm_status s;
    if ((s = fm_pg_query(k->ctx, pg, "SELECT source, count(*) FILTER (WHERE added),"
                                      " count(*) FILTER (WHERE NOT added) FROM fm_written"
                                      " GROUP BY source ORDER BY min(seq)", &r)))
        return s;
    for (int i = 0; i < pg->api.PQntuples(r); i++) {
        const char *src = pg->api.PQgetvalue(r, i, 0);
        int64_t a = strtoll(pg->api.PQgetvalue(r, i, 1), NULL, 10);
        int64_t u = strtoll(pg->api.PQgetvalue(r, i, 2), NULL, 10);
        k->stats->added += a, k->stats->updated += u;
        k->stats->unchanged -= a + u;
        if ((s = fm_source_list_wrote(k->ctx, &k->sources, src)))
            break;
    }
    pg->api.PQclear(r);
    if (s)
        return s;
    k->stats->unchanged += k->batch;
    /* an update replaces the row's claims, also those it kept (a file
     * without claims): theirs are written again, in the rows' order, as
     * writer.c splits the kept text again */
    return fm_pg_exec(k->ctx, pg,
                      "INSERT INTO fm_cstage (seq, ord, party, claim) SELECT w.seq,"
                      " row_number() OVER (PARTITION BY w.seq ORDER BY c.id), c.party, c.claim"
                      " FROM fm_written w JOIN incident_claims c ON c.incident_fid = w.fid"
                      " WHERE w.keep_claims AND NOT w.added;"
                      "DELETE FROM incident_claims c USING fm_written w WHERE c.incident_fid ="
                      " w.fid AND NOT w.added;"
                      "INSERT INTO incident_claims (incident_fid, party, claim) SELECT w.fid,"
                      " c.party, c.claim FROM fm_cstage c JOIN fm_written w ON w.seq = c.seq"
                      " ORDER BY c.seq, c.ord;"
                      "TRUNCATE fm_stage, fm_written, fm_cstage");
}

/* Ends the current batch: its rows and claims written to incidents. */
static fm_status batch_close(pg_sink *k)
{
    fm_status s;
    if (!k->copying)
        return FM_OK;
    put_be(k->ctx, &k->out, 0xffff, 2); /* the binary trailer */
    if ((s = copy_finish(k, FM_OK)) || (s = claims_send(k)))
        return s;
    if (k->direct) {
        k->stats->added += k->batch;
        if (k->claims_sent)
            s = fm_pg_exec(k->ctx, k->pg, "INSERT INTO incident_claims (incident_fid, party, claim)"
                                      " SELECT i.fid, c.party, c.claim FROM fm_cstage c JOIN"
                                      " incidents i ON i.source = c.source AND i.source_id ="
                                      " c.source_id ORDER BY c.seq, c.ord; TRUNCATE fm_cstage");
    } else if (!(s = merge_absent(k)) && !(s = merge_rows(k))) {
        s = merge_done(k);
    }
    k->batch = 0;
    k->claims_sent = 0;
    return s;
}

/* The temporary tables of staged batches (gone at the commit). */
static fm_status stage_create(pg_sink *k)
{
    fm_buf sql = {0};
    fm_status s;
    if (k->staging)
        return FM_OK;
    fm_buf_puts(k->ctx, &sql, "CREATE TEMP TABLE fm_stage ON COMMIT DROP AS SELECT 0::bigint AS"
                              " seq, 0 AS absent, geom");
    for (int c = 0; c < FM_NCOLUMNS; c++)
        fm_buf_printf(k->ctx, &sql, ", %s", fm_columns[c].name);
    fm_buf_puts(k->ctx, &sql, " FROM incidents WITH NO DATA;"
                              "CREATE TEMP TABLE fm_hash (seq bigint, hash bigint) ON COMMIT DROP;"
                              "CREATE TEMP TABLE fm_written (fid bigint, seq bigint, source text,"
                              " keep_claims boolean, added boolean) ON COMMIT DROP;");
    if (!(s = fm_buf_check(k->ctx, &sql)))
        s = fm_pg_exec(k->ctx, k->pg, fm_buf_str(&sql));
    fm_buf_free(&sql);
    k->staging = !s;
    return s;
}

/* ---- the sink ---------------------------------------------------------------- */

/* *first: the row repeats the key of a row of an earlier file that may be
 * in the current batch, which is then merged before the row is put (a new
 * batch begins with it). Every row that passes is put, in this order. */
static fm_status sink_check(fm_ctx *ctx, void *user, const fm_incident *inc, uint32_t tag,
                            int *dup, int *first)
{
    pg_sink *k = user;
    uint32_t prev = 0, t = (tag - 1) % 255 + 1;
    uint64_t key = fm_hash_str(inc->source_id, fm_hash_str(inc->source, 1469598103934665603ULL));
    fm_status s;
    *dup = *first = 0;
    if ((s = fm_hashset_add(ctx, &k->seen, key, tag, &prev)))
        return s;
    if (prev && prev == t) {
        *dup = 1;
        return FM_OK;
    }
    if (prev && k->batch_tag && k->batch_tag != tag)
        *first = 1, k->batch_tag = 0;
    if (!k->batch_tag)
        k->batch_tag = tag;
    return FM_OK;
}

/* A bulk load's fids were numbered here: the sequence goes on after them,
 * for the stage's rows and every later writer. */
static fm_status fid_sync(pg_sink *k)
{
    char sql[128];
    if (!k->next_fid)
        return FM_OK;
    snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('incidents', 'fid'), %lld,"
             " false)", (long long)k->next_fid);
    k->next_fid = 0;
    return fm_pg_exec(k->ctx, k->pg, sql);
}

static fm_status index_build(pg_sink *k);

/* The rows loaded beside the store swapped in (pg_swap.c): the stored rows
 * copied in, the indexes built, the new tables put in the old ones' place. */
static fm_status swap_finish(pg_sink *k)
{
    fm_status s;
    if ((s = batch_close(k)) || (s = fm_pg_swap_fill(k->ctx, k->pg, &k->swap)) ||
        (s = index_build(k)))
        return s;
    return fm_pg_swap_end(k->ctx, k->pg, &k->swap);
}

/* What follows goes through the stage: it may update what went in. A load
 * beside the store is swapped in first, or given up if nothing came yet. */
static fm_status go_staged(pg_sink *k)
{
    fm_status s;
    if ((s = batch_close(k)) || (s = fid_sync(k)))
        return s;
    if (k->swap.on && (s = k->seq ? swap_finish(k) : fm_pg_swap_abandon(k->ctx, k->pg, &k->swap)))
        return s;
    k->direct = 0;
    return stage_create(k);
}

/* Whether src's rows may still go straight into incidents: no stored row
 * has that source (the table was empty, or a query under the writers' lock
 * finds none; a row another program adds meanwhile with a key of ours fails
 * the import on the unique key, never doubles). A source with stored rows
 * sends this row and every later one through the stage. */
static fm_status source_check(pg_sink *k, const char *src)
{
    fm_pg *pg = k->pg;
    fm_source_rec *known;
    PGresult *r;
    fm_status s;
    if ((s = fm_source_list_find(k->ctx, &k->sources, src, 0, &known)) ||
        (known && known->written))
        return s;
    if (!k->fresh) {
        int stored;
        char sql[256];
        if ((s = batch_close(k))) /* the connection's COPY ends before the query */
            return s;
        /* the stored rows, not the new tables loaded beside them */
        snprintf(sql, sizeof sql, "SELECT EXISTS (SELECT 1 FROM %s%sincidents WHERE"
                 " source = $1)", k->swap.on ? k->swap.text[FM_SWAP_SCHEMA] : "",
                 k->swap.on ? "." : "");
        r = pg->api.PQexecParams(pg->conn, sql, 1, NULL, &src, NULL, NULL, 0);
        if ((s = fm_pg_check(k->ctx, pg, r, PGRES_TUPLES_OK, "cannot read the PostGIS store")))
            return s;
        stored = pg->api.PQntuples(r) != 1 || strcmp(pg->api.PQgetvalue(r, 0, 0), "f") != 0;
        pg->api.PQclear(r);
        fm_log(k->ctx, FM_LOG_DEBUG, stored ? "postgis: source '%s' has stored rows: merging"
               " through a stage" : "postgis: no stored row has source '%s': its rows go"
               " straight in", src);
        if (stored)
            return go_staged(k);
    }
    return fm_source_list_wrote(k->ctx, &k->sources, src);
}

static fm_status sink_put(fm_ctx *ctx, void *user, const fm_incident *inc, uint32_t tag,
                          uint32_t absent, int first)
{
    pg_sink *k = user;
    fm_status s;
    (void)tag;
    k->ctx = ctx; /* this thread's */
    if (first && (s = go_staged(k)))
        return s;
    if (k->direct && (s = source_check(k, inc->source ? inc->source : "")))
        return s;
    if (!k->copying && (s = batch_open(k)))
        return s;
    k->seq++;
    k->batch++;
    put_be(ctx, &k->out, !k->direct ? 3 + FM_NCOLUMNS : k->next_fid ? 2 + FM_NCOLUMNS
                                                                     : 1 + FM_NCOLUMNS, 2);
    if (k->direct && k->next_fid)
        put_i8(ctx, &k->out, k->next_fid++);
    if (!k->direct) {
        put_i8(ctx, &k->out, k->seq);
        put_i4(ctx, &k->out, (int32_t)absent);
    }
    fm_pg_copy_row(ctx, &k->out, inc, fm_incident_hash(inc), k->now_us);
    if (inc->claims && *inc->claims)
        note_claims(k, inc);
    return send_out(k, 0);
}

static fm_status sink_note_file(fm_ctx *ctx, void *user, const char *source, const char *file,
                                const char *version, const char *day)
{
    pg_sink *k = user;
    return fm_source_list_note(ctx, &k->sources, source, file, version, day);
}

/* frontiermap_meta: the day each source's rows were last written, and the
 * file and version each source last came from (as writer.c records them),
 * in one statement. */
static fm_status record_meta(pg_sink *k)
{
    fm_pg_meta m = {0};
    fm_status s = FM_OK;
    for (size_t i = 0; !s && i < k->sources.n; i++) {
        const fm_source_rec *rec = &k->sources.v[i];
        if (rec->written) /* nothing written, no day */
            s = fm_pg_meta_add(k->ctx, &m, "imported:", rec->source,
                               rec->rec[2] ? rec->rec[2] : k->today);
        if (!s && rec->rec[0]) /* none recorded, no file or version */
            if (!(s = fm_pg_meta_add(k->ctx, &m, "file:", rec->source, rec->rec[0])))
                s = fm_pg_meta_add(k->ctx, &m, "version:", rec->source, rec->rec[1]);
    }
    if (!s)
        s = fm_pg_meta_write(k->ctx, k->pg, &m);
    fm_pg_meta_free(&m);
    return s;
}

/* The indexes of a first import, built once its rows are in: each of
 * fm_pg_index_sql's statements sent on its own, so that the server's
 * statement statistics (and scripts/bench-postgis) tell the key, the GiST
 * and the dates apart; their times logged. */
static fm_status index_build(pg_sink *k)
{
    const char *p = fm_pg_index_sql;
    char sql[256];
    double t = fm_clock_s();
    fm_status s;
    if ((s = fm_pg_exec(k->ctx, k->pg, "SET LOCAL maintenance_work_mem = '256MB'")))
        return s;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        double t0 = fm_clock_s();
        if (n >= sizeof sql)
            return fm_error(k->ctx, FM_EINVAL, "an index statement is too long");
        memcpy(sql, p, n);
        sql[n] = '\0';
        p += n + (end != NULL);
        if (!n)
            continue;
        if ((s = fm_pg_exec(k->ctx, k->pg, sql)))
            return s;
        fm_log(k->ctx, FM_LOG_DEBUG, "postgis: %.3f s: %s", fm_clock_s() - t0, sql);
    }
    fm_log(k->ctx, FM_LOG_DEBUG, "postgis: indexes built in %.3f s", fm_clock_s() - t);
    return FM_OK;
}

static fm_status sink_finish(fm_ctx *ctx, void *user, int ok)
{
    pg_sink *k = user;
    fm_status s = FM_OK;
    k->ctx = ctx; /* the importing thread's again */
    if (!ok)
        return copy_finish(k, FM_EINVAL);
    if ((s = batch_close(k)) || (s = fid_sync(k)))
        return s;
    fm_log(ctx, FM_LOG_DEBUG, "postgis: rows sent and merged");
    if (k->swap.on)
        s = swap_finish(k);
    else if (k->bulk)
        s = index_build(k);
    if (!s)
        s = record_meta(k);
    return s;
}

/* ---- the import -------------------------------------------------------------- */

/* The store's place names for geocoding, as a GeoPackage import reads them:
 * the state before the import, through a connection of their own (this
 * one is busy with COPY). A first import has none to offer. */
static fm_status sink_places(fm_ctx *ctx, void *user, fm_placememo **out)
{
    pg_sink *k = user;
    fm_store *rd = NULL;
    fm_status s;
    *out = NULL;
    if (k->bulk)
        return FM_OK; /* the table was empty (and is held by this import) */
    if ((s = fm_pg_open(ctx, k->pg->conninfo, FM_STORE_READ, &rd)))
        return s;
    s = fm_store_placememo(ctx, rd, out);
    fm_store_close(rd);
    return s;
}

static int64_t expect_rows(const char *const *paths, size_t n)
{
    struct stat sb;
    int64_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        if (stat(paths[i], &sb) == 0)
            bytes += sb.st_size;
    return bytes / 250;
}

/* A first import's load without the unique key and the secondary indexes
 * (fm_pg_unindex_sql; sink_finish builds them again). Only for a role that
 * owns incidents: one that was only granted INSERT and UPDATE may not drop
 * them, and loads with them in place. A drop refused all the same (an object
 * of someone else's depending on the key) is undone, and the load keeps
 * them too. */
static fm_status bulk_begin(pg_sink *k)
{
    fm_pg *pg = k->pg;
    PGresult *r;
    fm_status s;
    int own;
    if ((s = fm_pg_query1(k->ctx, pg, "SELECT pg_has_role((SELECT relowner FROM pg_class WHERE"
                                      " oid = 'incidents'::regclass), 'USAGE')", &r)))
        return s;
    own = !strcmp(pg->api.PQgetvalue(r, 0, 0), "t");
    pg->api.PQclear(r);
    if (!own) {
        fm_log(k->ctx, FM_LOG_DEBUG, "postgis: the role does not own incidents: loading with"
               " its indexes");
        return FM_OK;
    }
    if ((s = fm_pg_exec(k->ctx, pg, "SAVEPOINT fm_bulk")))
        return s;
    r = pg->api.PQexec(pg->conn, fm_pg_unindex_sql);
    if (pg->api.PQresultStatus(r) != PGRES_COMMAND_OK) {
        fm_log(k->ctx, FM_LOG_DEBUG, "postgis: the indexes stay for the load: %s",
               pg->api.PQresultErrorMessage(r));
        pg->api.PQclear(r);
        return fm_pg_exec(k->ctx, pg, "ROLLBACK TO SAVEPOINT fm_bulk; RELEASE SAVEPOINT fm_bulk");
    }
    pg->api.PQclear(r);
    k->bulk = 1;
    if ((s = fm_pg_exec(k->ctx, pg, "RELEASE SAVEPOINT fm_bulk")))
        return s;
    /* the table is held exclusively until the commit: the fids are numbered
     * here, in the rows' order as the column's default would (the server is
     * spared a nextval a row, 4% of its COPY); fid_sync sets the sequence after */
    if ((s = fm_pg_query1(k->ctx, pg, "SELECT nextval(pg_get_serial_sequence('incidents',"
                                      " 'fid'))", &r)))
        return s;
    k->next_fid = strtoll(pg->api.PQgetvalue(r, 0, 0), NULL, 10);
    pg->api.PQclear(r);
    return k->next_fid > 0 ? FM_OK : fm_error(k->ctx, FM_EDB, "the PostGIS store '%s' gave no"
                                              " fid to start from", pg->masked);
}

/* Under the lock: whether incidents is empty, and the way in that follows. */
static fm_status sink_begin(pg_sink *k, int64_t expect)
{
    char sql[200];
    PGresult *r;
    fm_status s;
    int swap;
    time_t t = time(NULL);
    struct tm tmv;
    gmtime_r(&t, &tmv);
    strftime(k->today, sizeof k->today, "%Y-%m-%d", &tmv);
    k->now_us = ((int64_t)t - PG_EPOCH_SECS) * 1000000;
    /* empty, or (when the rows expected could outweigh a scan of the table
     * for each of their sources, source_check) worth trying straight in */
    snprintf(sql, sizeof sql, "SELECT NOT EXISTS (SELECT 1 FROM incidents),"
             " pg_relation_size('incidents') <= %lld, pg_relation_size('incidents') <= %lld",
             (long long)(expect * SCAN_BYTES_PER_ROW), (long long)(expect * SWAP_BYTES_PER_ROW));
    if ((s = fm_pg_query1(k->ctx, k->pg, sql, &r)))
        return s;
    k->direct = k->fresh = !strcmp(k->pg->api.PQgetvalue(r, 0, 0), "t");
    if (!k->fresh)
        k->direct = !strcmp(k->pg->api.PQgetvalue(r, 0, 1), "t");
    swap = !k->fresh && expect >= BULK_MIN_ROWS && !strcmp(k->pg->api.PQgetvalue(r, 0, 2), "t");
    k->pg->api.PQclear(r);
    if (expect > 0 && (s = fm_hashset_reserve(k->ctx, &k->seen, (size_t)expect)))
        return s;
    if ((s = fm_pg_exec(k->ctx, k->pg, "CREATE TEMP TABLE fm_cstage (seq bigint, source text,"
                                       " source_id text, ord int, party text, claim text)"
                                       " ON COMMIT DROP")))
        return s;
    if (!k->direct)
        return stage_create(k);
    if (swap)
        return fm_pg_swap_begin(k->ctx, k->pg, &k->swap);
    return k->fresh && expect >= BULK_MIN_ROWS ? bulk_begin(k) : FM_OK;
}

static void sink_free(pg_sink *k)
{
    fm_hashset_free(&k->seen);
    fm_pg_swap_free(&k->swap);
    fm_buf_free(&k->out);
    fm_buf_free(&k->claims);
    fm_source_list_free(&k->sources);
}

fm_status fm_pg_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                       const fm_import_opts *opts, fm_import_stats *stats)
{
    fm_pg *pg = st->remote;
    pg_sink k;
    fm_import_sink sink = {&k, sink_check, sink_put, sink_note_file, sink_finish};
    fm_import_opts none;
    fm_buf files = {0};
    int64_t expect = expect_rows(paths, npaths);
    fm_status s;
    memset(&k, 0, sizeof k);
    memset(stats, 0, sizeof *stats);
    if (!opts) {
        memset(&none, 0, sizeof none);
        opts = &none;
    }
    k.ctx = ctx, k.st = st, k.pg = pg, k.stats = stats;
    if ((s = fm_pg_write_begin(ctx, pg)))
        return s;
    if (!(s = sink_begin(&k, expect))) {
        st->places_fn = sink_places;
        st->places_user = &k;
        s = fm_import_run_sink(ctx, st, paths, npaths, opts, stats,
                               opts->gz == NULL ? FM_IMPORT_LAZY_GZ : 0, &sink);
        st->places_fn = NULL;
        st->places_user = NULL;
    } else {
        copy_finish(&k, s);
    }
    for (size_t i = 0; i < npaths; i++)
        fm_buf_printf(ctx, &files, "%s%s", i ? "\n" : "", paths[i]);
    if (!s)
        s = fm_buf_check(ctx, &files);
    s = fm_pg_write_end(ctx, pg, s, "import", fm_buf_str(&files), stats);
    fm_buf_free(&files);
    sink_free(&k);
    return s;
}

#endif
