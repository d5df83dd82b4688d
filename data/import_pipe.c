/* import_pipe.c: the storing side of a big import on a thread of its own.
 * The importing thread parses, geocodes and checks rows while this one runs
 * SQLite (or feeds the import's sink: the PostGIS COPY stream); rows travel
 * in order, copied into batches that go round a ring of PIPE_DEPTH, so the
 * two sides overlap and memory stays bounded.
 *
 * Border distances, a third of the work, are left out of the checks and
 * measured on queued batches by whichever side has time: the storing thread
 * before it stores a batch, the importing thread when the ring is full
 * instead of waiting. Rows are claimed GEO_CHUNK at a time with an atomic
 * counter; a batch is stored once all its rows are measured. So neither side
 * idles while the other has work, whichever of them is the slower. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

#define PIPE_ROWS 512          /* rows per batch */
#define PIPE_DEPTH 4           /* batches: one filling, the rest queued or storing */
#define PIPE_TEXT (256 * 1024) /* bytes of strings per batch before it is sent */
#define GEO_CHUNK 16           /* rows measured per claim */

/* The string fields of an incident, copied with it. */
static const size_t text_fields[] = {
    offsetof(fm_incident, source),     offsetof(fm_incident, source_id),
    offsetof(fm_incident, event_type), offsetof(fm_incident, sub_event_type),
    offsetof(fm_incident, actor1),     offsetof(fm_incident, actor2),
    offsetof(fm_incident, location),   offsetof(fm_incident, admin1),
    offsetof(fm_incident, admin2),     offsetof(fm_incident, country),
    offsetof(fm_incident, claims),     offsetof(fm_incident, notes),
    offsetof(fm_incident, citation),   offsetof(fm_incident, tags),
    offsetof(fm_incident, flags),      offsetof(fm_incident, border_side),
    offsetof(fm_incident, created),    offsetof(fm_incident, updated),
    offsetof(fm_incident, violence_type), offsetof(fm_incident, dyad),
    offsetof(fm_incident, admin1_src), offsetof(fm_incident, admin2_src)};
#define NTEXT (sizeof text_fields / sizeof text_fields[0])

/* A batch owns its rows' strings in one block, so pointers into it stay
 * valid while the batch fills (the block grows only while it is empty). */
typedef struct {
    fm_incident inc[PIPE_ROWS];
    long line[PIPE_ROWS];
    const char *path[PIPE_ROWS]; /* borrowed: the import's file names */
    unsigned char reindex[PIPE_ROWS];
    unsigned char border_later[PIPE_ROWS];
    uint32_t absent[PIPE_ROWS];
    uint32_t tag[PIPE_ROWS]; /* which file (the sink's put wants it) */
    size_t n;
    /* border measuring once queued: rows [0, claimed) are taken, `measured`
     * of them done (release: their border_km is written) */
    atomic_size_t claimed, measured;
    char *text;
    size_t text_len, text_cap;
} pipe_batch;

struct fm_pipe {
    fm_writer *w;                /* borrowed: stores the rows, or */
    const fm_import_sink *sink;  /* borrowed: takes them instead */
    const fm_basemap *bm;   /* borrowed; measures border distances */
    fm_border_memo memo[2]; /* the importing side's, the storing side's */
    fm_import_stats *stats; /* borrowed; counts added at the end */
    fm_ctx *wctx;           /* the storing thread's own context */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pipe_batch batch[PIPE_DEPTH];
    /* batches [head, tail) are queued, tail % PIPE_DEPTH fills; under mu */
    size_t head, tail;
    int done, stop;
    fm_status failed;
    /* the storing thread's counts, read after it ends */
    int64_t added, updated, unchanged;
    double wait_read, wait_store; /* seconds each side waited for the other */
    double help_read;             /* of wait_read, seconds spent measuring */
};


static const char **text_ref(fm_incident *inc, size_t k)
{
    return (const char **)((char *)inc + text_fields[k]);
}

/* Bytes the strings of inc need in a batch; their lengths (with the NUL, 0
 * for none) in len. */
static size_t text_need(const fm_incident *inc, size_t len[NTEXT])
{
    size_t n = 0;
    for (size_t k = 0; k < NTEXT; k++) {
        const char *s = *text_ref((fm_incident *)inc, k);
        n += len[k] = s ? strlen(s) + 1 : 0;
    }
    return n;
}

/* Runs of rows that need no reindex go into a first import a few at a time
 * (fm_writer_insert_batch); the rest one by one. */
static size_t batch_run(fm_pipe *p, const pipe_batch *b, size_t i)
{
    size_t k = p->w ? fm_writer_batch_rows(p->w) : 0, r;
    if (!k || b->n - i < k)
        return 0;
    for (r = 0; r < k; r++)
        if (b->reindex[i + r])
            return 0;
    return k;
}

/* Stores one batch; FM_OK or the first error (with file:line on ctx). */
static fm_status batch_store(fm_pipe *p, pipe_batch *b)
{
    fm_put_result res;
    fm_status s;
    size_t k;
    for (size_t i = 0; i < b->n; i += k ? k : 1) {
        if (p->sink) { /* it counts what it writes */
            k = 0;
            s = p->sink->put(p->wctx, p->sink->user, &b->inc[i], b->tag[i], b->absent[i],
                             b->reindex[i]);
            if (s)
                return s == FM_ENOMEM
                           ? s
                           : fm_error_prefix(p->wctx, s, "%s:%ld", b->path[i], b->line[i]);
            continue;
        }
        if ((k = batch_run(p, b, i))) {
            if ((s = fm_writer_insert_batch(p->wctx, p->w, &b->inc[i])))
                return fm_error_prefix(p->wctx, s, "%s:%ld-%ld", b->path[i], b->line[i],
                                       b->line[i + k - 1]);
            p->added += (int64_t)k;
            continue;
        }
        if ((s = fm_writer_store(p->wctx, p->w, &b->inc[i], b->reindex[i], b->absent[i], &res)))
            return fm_error_prefix(p->wctx, s, "%s:%ld", b->path[i], b->line[i]);
        p->added += res == FM_PUT_ADDED;
        p->updated += res == FM_PUT_UPDATED;
        p->unchanged += res == FM_PUT_UNCHANGED;
    }
    return FM_OK;
}

/* Claims a chunk of b's rows and measures their borders; 0 when none was
 * left to claim (chunks claimed by the other side may still be in progress). */
static int chunk_measure(fm_pipe *p, pipe_batch *b, fm_border_memo *memo)
{
    size_t i = atomic_fetch_add_explicit(&b->claimed, GEO_CHUNK, memory_order_relaxed), end;
    if (i >= b->n)
        return 0;
    end = i + GEO_CHUNK < b->n ? i + GEO_CHUNK : b->n;
    for (size_t k = i; k < end; k++) {
        /* the next row's memory loads while this one is measured (its
         * point is read-only here, whichever side measures it) */
        if (k + 1 < b->n && b->border_later[k + 1])
            fm_incident_border_prefetch(p->bm, memo, &b->inc[k + 1]);
        if (b->border_later[k])
            fm_incident_border(p->bm, memo, &b->inc[k]);
    }
    atomic_fetch_add_explicit(&b->measured, end - i, memory_order_release);
    return 1;
}

/* Measures the borders of b's rows a chunk at a time until none is left to
 * claim. */
static void batch_measure(fm_pipe *p, pipe_batch *b, fm_border_memo *memo)
{
    while (chunk_measure(p, b, memo))
        ;
}

/* The storing side, while the importing side holds chunks of the batch it
 * is about to store: one chunk of a later queued batch, so that it works
 * instead of spinning (the importing side may be off its core for a time
 * slice on a busy host). Those batches stay queued: only this thread moves
 * head. 0 when none has a chunk left to claim. */
static int measure_ahead(fm_pipe *p, fm_border_memo *memo)
{
    pipe_batch *q = NULL;
    pthread_mutex_lock(&p->mu);
    for (size_t k = p->head + 1; !q && k < p->tail; k++)
        if (atomic_load_explicit(&p->batch[k % PIPE_DEPTH].claimed, memory_order_relaxed) <
            p->batch[k % PIPE_DEPTH].n)
            q = &p->batch[k % PIPE_DEPTH];
    pthread_mutex_unlock(&p->mu);
    if (q)
        chunk_measure(p, q, memo);
    return q != NULL;
}

/* The storing side: measures what is left of b, waits for the chunks the
 * importing side holds (tens of microseconds, measuring ahead meanwhile),
 * stores b. */
static fm_status batch_finish(fm_pipe *p, pipe_batch *b)
{
    batch_measure(p, b, &p->memo[1]);
    while (atomic_load_explicit(&b->measured, memory_order_acquire) < b->n)
        if (!measure_ahead(p, &p->memo[1]))
            sched_yield();
    return batch_store(p, b);
}

/* The importing side, under mu: a queued batch with rows left to claim. */
static pipe_batch *batch_to_measure(fm_pipe *p)
{
    for (size_t q = p->head; q < p->tail; q++) {
        pipe_batch *b = &p->batch[q % PIPE_DEPTH];
        if (atomic_load_explicit(&b->claimed, memory_order_relaxed) < b->n)
            return b;
    }
    return NULL;
}

static void *pipe_main(void *arg)
{
    fm_pipe *p = arg;
    fm_status s;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        double t0 = fm_clock_s();
        while (p->head == p->tail && !p->done && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        p->wait_store += fm_clock_s() - t0;
        if (p->stop || p->head == p->tail)
            break;
        pthread_mutex_unlock(&p->mu);
        s = batch_finish(p, &p->batch[p->head % PIPE_DEPTH]);
        pthread_mutex_lock(&p->mu);
        p->head++;
        if (s) {
            p->failed = s;
            pthread_cond_broadcast(&p->cv);
            break;
        }
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

fm_pipe *fm_pipe_start(fm_ctx *ctx, fm_writer *w, const fm_import_sink *sink,
                       const fm_basemap *bm, fm_import_stats *stats)
{
    fm_pipe *p = calloc(1, sizeof *p);
    if (!p || !(p->wctx = fm_ctx_create())) {
        free(p);
        fm_error(ctx, FM_ENOMEM, "out of memory");
        return NULL;
    }
    fm_ctx_inherit_log(p->wctx, ctx); /* the CLI's sink is a stdio stream */
    p->w = w;
    p->sink = sink;
    p->bm = bm;
    p->stats = stats;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    if (pthread_create(&p->thread, NULL, pipe_main, p) != 0) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        fm_ctx_destroy(p->wctx);
        free(p);
        fm_error(ctx, FM_EIO, "cannot start the storing thread");
        return NULL;
    }
    return p;
}

/* The storing side's error, onto the importing side's context. */
static fm_status pipe_failure(fm_ctx *ctx, fm_pipe *p)
{
    return fm_error(ctx, p->failed, "%s", fm_ctx_message(p->wctx));
}

/* Queues the filling batch and waits until the next one is free. */
static fm_status batch_send(fm_ctx *ctx, fm_pipe *p)
{
    fm_status s = FM_OK;
    double t0 = fm_clock_s();
    pthread_mutex_lock(&p->mu);
    p->tail++;
    pthread_cond_broadcast(&p->cv);
    while (p->tail - p->head >= PIPE_DEPTH && !p->failed) {
        pipe_batch *q = batch_to_measure(p);
        if (!q) {
            pthread_cond_wait(&p->cv, &p->mu);
            continue;
        }
        /* q stays queued while we hold a chunk: it is stored only once
         * every row is measured, and only this thread refills slots */
        pthread_mutex_unlock(&p->mu);
        double t1 = fm_clock_s();
        batch_measure(p, q, &p->memo[0]);
        p->help_read += fm_clock_s() - t1;
        pthread_mutex_lock(&p->mu);
    }
    p->wait_read += fm_clock_s() - t0;
    if (p->failed)
        s = pipe_failure(ctx, p);
    pthread_mutex_unlock(&p->mu);
    if (!s) {
        pipe_batch *b = &p->batch[p->tail % PIPE_DEPTH];
        b->n = 0;
        b->text_len = 0;
        atomic_store_explicit(&b->claimed, 0, memory_order_relaxed);
        atomic_store_explicit(&b->measured, 0, memory_order_relaxed);
    }
    return s;
}

fm_status fm_pipe_put(fm_ctx *ctx, fm_pipe *p, const fm_incident *inc, uint32_t tag,
                      int reindex, uint32_t absent, int border_later, const char *path,
                      long line)
{
    pipe_batch *b = &p->batch[p->tail % PIPE_DEPTH];
    size_t len[NTEXT], need = text_need(inc, len);
    fm_incident *dst;
    fm_status s;
    if (b->n == PIPE_ROWS || (b->n > 0 && b->text_len + need > b->text_cap)) {
        if ((s = batch_send(ctx, p)))
            return s;
        b = &p->batch[p->tail % PIPE_DEPTH];
    }
    if (b->text_len + need > b->text_cap) { /* empty here: safe to move */
        size_t cap = need > PIPE_TEXT ? need : PIPE_TEXT;
        char *t = realloc(b->text, cap);
        if (!t)
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        b->text = t;
        b->text_cap = cap;
    }
    dst = &b->inc[b->n];
    *dst = *inc;
    for (size_t k = 0; k < NTEXT; k++) {
        const char **f = text_ref(dst, k);
        if (*f) {
            char *to = b->text + b->text_len;
            memcpy(to, *f, len[k]);
            b->text_len += len[k];
            *f = to;
        }
    }
    b->line[b->n] = line;
    b->path[b->n] = path;
    b->reindex[b->n] = (unsigned char)(reindex != 0);
    b->border_later[b->n] = (unsigned char)(border_later && p->bm);
    b->absent[b->n] = absent;
    b->tag[b->n] = tag;
    b->n++;
    return FM_OK;
}

fm_status fm_pipe_finish(fm_ctx *ctx, fm_pipe *p, int ok)
{
    fm_status s = FM_OK;
    if (!p)
        return FM_OK;
    pthread_mutex_lock(&p->mu);
    if (ok && !p->failed && p->batch[p->tail % PIPE_DEPTH].n > 0)
        p->tail++; /* the last, partly filled batch; its slot is free (see batch_send) */
    if (ok)
        p->done = 1;
    else
        p->stop = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    fm_log(ctx, FM_LOG_DEBUG, "import: the reading side waited %.2f s for the storing side"
           " (measuring borders for %.2f s of it), which waited %.2f s for rows", p->wait_read,
           p->help_read, p->wait_store);
    if (ok && p->failed)
        s = pipe_failure(ctx, p);
    if (ok && !s) {
        p->stats->added += p->added;
        p->stats->updated += p->updated;
        p->stats->unchanged += p->unchanged;
    }
    for (size_t i = 0; i < PIPE_DEPTH; i++)
        free(p->batch[i].text);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    fm_ctx_destroy(p->wctx);
    free(p);
    return s;
}
