/* import.c: the import as one transaction: each file read by its reader,
 * each row validated, geocoded and upserted through the writer; a bad row
 * aborts everything (store unchanged) unless skip_bad, which sends it to a
 * rejects file with its line and reason. Also fm_store_add for hand entry. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fm_output.h"
#include "data/store_priv.h"

/* Imports expected to be this big store rows on a second thread. */
#define PIPE_MIN_ROWS 20000

void fm_import_set_header(fm_import_job *job, const char *const *names, size_t n)
{
    fm_buf_reset(&job->rej_header);
    for (size_t i = 0; i < n; i++) {
        const char *s = names[i];
        int quote = strpbrk(s, ",\"\r\n") != NULL;
        if (i)
            fm_buf_putc(job->ctx, &job->rej_header, ',');
        if (!quote) {
            fm_buf_puts(job->ctx, &job->rej_header, s);
            continue;
        }
        fm_buf_putc(job->ctx, &job->rej_header, '"');
        for (; *s; s++) {
            if (*s == '"')
                fm_buf_putc(job->ctx, &job->rej_header, '"');
            fm_buf_putc(job->ctx, &job->rej_header, *s);
        }
        fm_buf_putc(job->ctx, &job->rej_header, '"');
    }
}

static fm_status rejects_open(fm_import_job *job)
{
    const char *given = job->opts->rejects_path;
    fm_buf p = {0};
    fm_status s;
    if (job->rej)
        return FM_OK;
    if ((s = fm_buf_check(job->ctx, &job->rej_header)))
        return s;
    if (given)
        fm_buf_puts(job->ctx, &p, given);
    else
        fm_buf_printf(job->ctx, &p, "%s.rejects.csv", job->path);
    /* never the store or an input (all held by now), never a FIFO or device */
    if (!(s = fm_buf_check(job->ctx, &p)))
        s = fm_output_open(job->ctx, fm_buf_str(&p), 0, &job->rej_out);
    fm_buf_free(&p);
    if (s)
        return s == FM_EUSAGE || s == FM_ENOMEM
                   ? s
                   : fm_error_prefix(job->ctx, s, "cannot write rejects%s",
                                     given ? "" : " (choose another file with --rejects)");
    job->rej = fm_output_stream(job->rej_out);
    fprintf(job->rej, "%s%sline,reason\n", fm_buf_str(&job->rej_header),
            job->rej_header.len ? "," : "");
    return FM_OK;
}

/* Before the commit: a rejects file that cannot be written fails the import. */
static fm_status rejects_flush(fm_import_job *job)
{
    if (job->rej && (fflush(job->rej) != 0 || ferror(job->rej)))
        return fm_error(job->ctx, FM_EIO, "cannot write the rejects to '%s': %s",
                        fm_output_target(job->rej_out), strerror(errno));
    return FM_OK;
}

/* After the commit (keep) or the failure: the rejects file appears, or not. */
static fm_status rejects_finish(fm_import_job *job, int keep)
{
    fm_status s = FM_OK;
    if (!job->rej_out)
        return FM_OK;
    if (keep)
        s = fm_output_commit(job->ctx, job->rej_out);
    else
        fm_output_abort(job->rej_out);
    job->rej_out = NULL;
    job->rej = NULL;
    return s;
}

static fm_status reject(fm_import_job *job, long line, const fm_csv *csv)
{
    char reason[1024];
    fm_status s;
    if (fm_ctx_status(job->ctx) == FM_ENOMEM) /* not the row's fault: never skipped */
        return FM_ENOMEM;
    snprintf(reason, sizeof reason, "%s", fm_ctx_message(job->ctx));
    fm_utf8_repair(reason);
    job->stats->rejected++;
    if (!job->opts->skip_bad)
        return fm_error(job->ctx, FM_EINVAL, "%s:%ld: %s", job->path, line, reason);
    fm_log(job->ctx, FM_LOG_INFO, "%s:%ld: %s (rejected)", job->path, line, reason);
    fm_ctx_clear(job->ctx);
    if (job->drop_rejects)
        return FM_OK;
    if ((s = rejects_open(job)))
        return s;
    if (csv) {
        /* the reader's fields are still those of the rejected row */
        for (size_t i = 0; i < job->row_nfields; i++) {
            fm_csv_write_field(job->rej, fm_csv_field(csv, i));
            fputc(',', job->rej);
        }
    }
    fprintf(job->rej, "%ld,", line);
    fm_csv_write_field(job->rej, reason);
    fputc('\n', job->rej);
    return FM_OK;
}

fm_status fm_import_row(fm_import_job *job, fm_incident *inc, long line, const void *csv)
{
    fm_put_result res;
    fm_status s;
    int dup, reindex, border_later = 0;
    job->stats->rows++;
    if (!inc)
        return reject(job, line, csv);
    if (job->lazy_gz && !job->gz && isnan(inc->lat)) {
        if ((s = fm_gazetteer_open(job->ctx, NULL, &job->own_gz)))
            return s; /* rows without coordinates need it: no silent skip */
        job->gz = job->own_gz;
    }
    if (!job->places_tried && job->gz && isnan(inc->lat))
        fm_import_places(job);
    /* with a storing thread the border is measured there, with memos of its own */
    if (job->bm && !job->pipe && !job->memo && !(job->memo = calloc(1, sizeof *job->memo)))
        return fm_error(job->ctx, FM_ENOMEM, "out of memory");
    s = fm_incident_locate(job->ctx, inc, job->gz, job->places, job->bm, job->memo, &job->flags,
                           &job->geo, job->pipe ? &border_later : NULL);
    if (s)
        return s == FM_ENOMEM ? s : reject(job, line, csv);
    fm_incident_classify(inc);
    if (!job->names && !(job->names = fm_admin_names_create(job->ctx)))
        return FM_ENOMEM;
    if ((s = fm_incident_normalise(job->ctx, inc, job->names, &job->flags)) ||
        (s = fm_incident_validate(job->ctx, inc)) ||
        (s = fm_incident_check_swapped(job->ctx, inc)))
        return s == FM_ENOMEM ? s : reject(job, line, csv);
    reindex = 0;
    if ((s = job->sink ? job->sink->check(job->ctx, job->sink->user, inc, job->tag, &dup,
                                          &reindex)
                       : fm_writer_check(job->ctx, job->w, inc, job->tag, &dup, &reindex)))
        return s;
    if (dup) {
        fm_error(job->ctx, FM_EINVAL, "duplicate source id '%.80s' (already earlier in this file)",
                 inc->source_id);
        return reject(job, line, csv);
    }
    job->stats->geocoded += job->geo.geocoded;
    fm_import_announce(job, line);
    job->stats->unlocated += inc->loc_precision == FM_LOC_NONE;
    job->stats->flagged += inc->flags && *inc->flags && strcmp(inc->flags, "geocoded") != 0;
    if (job->pipe) /* counted by the storing thread (or the sink) */
        return fm_pipe_put(job->ctx, job->pipe, inc, job->tag, reindex, job->absent,
                           border_later, job->path, line);
    if (job->sink) { /* counted by the sink */
        if ((s = job->sink->put(job->ctx, job->sink->user, inc, job->tag, job->absent, reindex)))
            return s == FM_ENOMEM ? s : fm_error_prefix(job->ctx, s, "%s:%ld", job->path, line);
        return FM_OK;
    }
    if ((s = fm_writer_store(job->ctx, job->w, inc, reindex, job->absent, &res)))
        return fm_error_prefix(job->ctx, s, "%s:%ld", job->path, line);
    if (res == FM_PUT_ADDED)
        job->stats->added++;
    else if (res == FM_PUT_UPDATED)
        job->stats->updated++;
    else
        job->stats->unchanged++;
    return FM_OK;
}

static int64_t estimate_rows(const char *const *paths, size_t n)
{
    struct stat sb;
    int64_t bytes = 0;
    for (size_t i = 0; i < n; i++)
        if (stat(paths[i], &sb) == 0)
            bytes += sb.st_size;
    return bytes / 250;
}

/* Notes one source's records (writer or sink). */
static fm_status note_records(fm_import_job *job, const char *source, const char *file,
                              const char *version, const char *day)
{
    if (job->sink)
        return job->sink->note_file(job->ctx, job->sink->user, source, file, version, day);
    return fm_writer_note_file(job->ctx, job->w, source, file, version, day);
}

/* Whether s is a day, "YYYY-MM-DD". */
static int is_day(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (!s[i] || (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9'))
            return 0;
    return !s[10];
}

/* A frontiermap GeoPackage's own records of its sources (the file, version
 * and day each was imported: frontiermap_meta), noted for the sources of the
 * rows it brings, so that a snapshot moved between stores keeps the credit
 * of its data ("ACLED, accessed ..."), not the day of the move. *found: 0
 * for a GeoPackage without such records (any other GeoPackage). */
static fm_status note_gpkg_records(fm_import_job *job, const char *path, int *found)
{
    static const char sql[] =
        "SELECT src, (SELECT value FROM frontiermap_meta WHERE key = 'file:' || src),"
        " (SELECT value FROM frontiermap_meta WHERE key = 'version:' || src),"
        " (SELECT value FROM frontiermap_meta WHERE key = 'imported:' || src)"
        " FROM (SELECT DISTINCT substr(key, instr(key, ':') + 1) AS src FROM frontiermap_meta"
        " WHERE key GLOB 'imported:*' OR key GLOB 'file:*' OR key GLOB 'version:*') ORDER BY src";
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    fm_status s = FM_OK;
    *found = 0;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) { /* no records */
        sqlite3_close(db);
        return FM_OK;
    }
    while (!s && sqlite3_step(q) == SQLITE_ROW) {
        const char *v[4];
        for (int i = 0; i < 4; i++)
            v[i] = (const char *)sqlite3_column_text(q, i);
        if (!v[0])
            continue;
        *found = 1;
        s = note_records(job, v[0], v[1], v[2], v[3] && is_day(v[3]) ? v[3] : NULL);
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return s;
}

/* The file's source, name and version, for the credits of what it brought
 * (a frontiermap GeoPackage's own records of its sources). */
static fm_status note_file(fm_import_job *job, const char *path, fm_format fmt)
{
    char version[64];
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int found = 0;
    fm_status s;
    if (fmt == FM_FORMAT_GPKG && !job->opts->source &&
        ((s = note_gpkg_records(job, path, &found)) || found))
        return s;
    if (job->opts->source_version)
        snprintf(version, sizeof version, "%s", job->opts->source_version);
    else
        fm_source_version_from_name(base, version, sizeof version);
    const char *source = job->opts->source ? job->opts->source : job->source;
    return note_records(job, source, base, version, NULL);
}

static fm_status import_file(fm_import_job *job, const char *path)
{
    fm_format fmt = job->opts->format;
    fm_status s;
    job->path = path;
    job->tag++;
    job->absent = 0; /* the reader says what its file lacks */
    if (fmt == FM_FORMAT_AUTO && (s = fm_import_detect(job->ctx, path, &fmt)))
        return s;
    if (fmt == FM_FORMAT_GEOJSON || fmt == FM_FORMAT_GPKG) {
        job->source = fmt == FM_FORMAT_GPKG ? "gpkg" : "geojson";
        fm_buf_reset(&job->rej_header);
        s = fm_import_ogr(job);
    } else {
        s = fm_import_csv(job, fmt);
    }
    return s ? s : note_file(job, path, fmt);
}

/* Every input is held before anything is written (no rejects file may
 * replace one), and none may be the store itself. */
static fm_status hold_inputs(fm_ctx *ctx, const char *const *paths, size_t n)
{
    fm_status s;
    for (size_t i = 0; i < n; i++)
        if ((s = fm_ctx_check_held(ctx, paths[i], 1, "input")) ||
            (s = fm_ctx_hold_file(ctx, paths[i], FM_HELD_INPUT)))
            return s;
    return FM_OK;
}

fm_status fm_import_run(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                        const fm_import_opts *opts, fm_import_stats *stats, int flags)
{
    return fm_import_run_sink(ctx, st, paths, npaths, opts, stats, flags, NULL);
}

fm_status fm_import_run_sink(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                             const fm_import_opts *opts, fm_import_stats *stats, int flags,
                             const fm_import_sink *sink)
{
    fm_import_job job;
    fm_status s = FM_OK, ps;
    int64_t expect;
    size_t i;
    memset(&job, 0, sizeof job);
    memset(stats, 0, sizeof *stats);
    job.ctx = ctx;
    job.st = st;
    job.opts = opts;
    job.stats = stats;
    job.sink = sink;
    job.gz = opts->gz;
    job.bm = opts->bm;
    job.lazy_gz = (flags & FM_IMPORT_LAZY_GZ) != 0;
    job.drop_rejects = (flags & FM_IMPORT_DROP_REJECTS) != 0;
    expect = estimate_rows(paths, npaths);
    if ((s = hold_inputs(ctx, paths, npaths)))
        return s;
    /* a --rejects file that could never be written is refused before any work */
    if (opts->skip_bad && opts->rejects_path && !job.drop_rejects &&
        (s = fm_output_check(ctx, opts->rejects_path, 0)))
        return s == FM_EUSAGE ? s : fm_error_prefix(ctx, s, "cannot write rejects");
    if (!sink && (s = fm_writer_begin(ctx, st, expect, &job.w)))
        return s;
    /* big imports store (or feed the sink) on a second thread while this one reads */
    if (expect >= PIPE_MIN_ROWS && !(job.pipe = fm_pipe_start(ctx, job.w, sink, job.bm, stats)))
        s = fm_ctx_status(ctx);
    for (i = 0; i < npaths && !s; i++)
        s = import_file(&job, paths[i]);
    ps = fm_pipe_finish(ctx, job.pipe, !s); /* after a failure, drops the queued rows */
    s = s ? s : ps;
    if (!s)
        s = fm_progress(ctx, 1.0, "committing");
    if (!s)
        s = rejects_flush(&job);
    if (sink) {
        fm_status fs = sink->finish(ctx, sink->user, !s);
        s = s ? s : fs;
    } else if (!s) {
        s = fm_writer_commit(ctx, job.w);
    } else {
        fm_writer_abort(job.w);
    }
    if (rejects_finish(&job, !s) && !s)
        s = fm_ctx_status(ctx);
    fm_buf_free(&job.rej_header);
    fm_buf_free(&job.flags);
    fm_buf_free(&job.scratch);
    fm_buf_free(&job.geo.note);
    fm_placememo_destroy(job.places);
    free(job.memo);
    fm_admin_names_destroy(job.names);
    fm_gazetteer_close(job.own_gz);
    return s;
}

fm_status fm_gpkg_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                          const fm_import_opts *opts, fm_import_stats *stats)
{
    fm_import_opts none;
    if (!opts) {
        memset(&none, 0, sizeof none);
        opts = &none;
    }
    return fm_import_run(ctx, st, paths, npaths, opts, stats,
                         opts->gz == NULL ? FM_IMPORT_LAZY_GZ : 0);
}

fm_status fm_gpkg_add(fm_ctx *ctx, fm_store *st, const fm_incident *in,
                       const fm_import_opts *opts, int *was_update)
{
    fm_incident inc = *in;
    fm_buf flags = {0};
    fm_writer *w = NULL;
    fm_put_result res = FM_PUT_ADDED;
    fm_admin_names *names = NULL;
    fm_status s;
    fm_geo_report rep = {0, 0, 0, {0}};
    if (!inc.source || !*inc.source)
        inc.source = "manual";
    if (inc.loc_precision == FM_LOC_NONE) /* kept unlocated on purpose: no point at all */
        inc.lon = inc.lat = NAN;
    s = fm_incident_locate(ctx, &inc, opts ? opts->gz : NULL, opts ? opts->places : NULL,
                           opts ? opts->bm : NULL, NULL, &flags, &rep, NULL);
    if (!s && rep.note.len) /* said before the row is stored, so it is seen either way */
        fm_log(ctx, FM_LOG_WARN, "%s", fm_buf_str(&rep.note));
    if (!s && isnan(inc.lat) && in->loc_precision != FM_LOC_NONE)
        /* one row typed by hand: an unknown place is more likely a typo than
         * an incident without a location */
        s = fm_error(ctx, FM_EINVAL, "the place '%.80s' was not found in the gazetteer; give"
                     " --lat and --lon, or --unlocated to keep the incident without a point",
                     inc.location ? inc.location : "");
    if (!s)
        fm_incident_classify(&inc);
    if (!s && !(names = fm_admin_names_create(ctx)))
        s = FM_ENOMEM;
    if (!s)
        s = fm_incident_normalise(ctx, &inc, names, &flags);
    if (!s)
        s = fm_incident_validate(ctx, &inc);
    if (!s)
        s = fm_incident_check_swapped(ctx, &inc);
    if (!s)
        s = fm_writer_begin(ctx, st, 1, &w);
    if (!s)
        s = fm_writer_put(ctx, w, &inc, 1, &res);
    if (!s)
        s = fm_writer_commit(ctx, w);
    else
        fm_writer_abort(w);
    fm_buf_free(&flags);
    fm_buf_free(&rep.note);
    fm_admin_names_destroy(names);
    if (was_update)
        *was_update = res == FM_PUT_UPDATED;
    return s;
}
