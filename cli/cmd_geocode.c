/* cmd_geocode.c: `frontiermap geocode`: resolves one place name, or a CSV of
 * them (--batch), to coordinates with ACLED precision codes, using the
 * built-in gazetteer. */
#include <pthread.h>
#include <stddef.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static const char *const out_cols[] = {"query", "name", "kind", "lat", "lon", "precision",
                                       "score", "admin1", "admin2", "country", "note"};
static const int out_numeric[] = {0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0};

typedef struct {
    fm_geocode_hint hint;
    fm_table_format format;
    int all, format_set;
    const char *batch, *db;
} geocode_opts;

/* Fills the 11 output cells for one answer (NULL result: unresolved). */
static void result_cells(const char *query, const fm_geocode_result *r, char num[4][32],
                         const char *cells[11])
{
    const fm_place *p = r ? r->place : NULL;
    memset(cells, 0, 11 * sizeof *cells);
    cells[0] = query;
    if (!p)
        return;
    fm_format_fixed(num[0], 32, r->lat, 5);
    fm_format_fixed(num[1], 32, r->lon, 5);
    fm_format_fixed(num[2], 32, (double)r->precision, 0);
    fm_format_fixed(num[3], 32, r->score, 2);
    cells[1] = p->name;
    cells[2] = fm_place_kind_name(p->kind);
    cells[3] = num[0];
    cells[4] = num[1];
    cells[5] = num[2];
    cells[6] = num[3];
    cells[7] = p->admin1;
    cells[8] = p->admin2;
    cells[9] = p->country;
    cells[10] = r->note;
}

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    geocode_opts *o = target;
    (void)opt;
    if (fm_table_format_parse(arg, &o->format))
        return fm_error(cli->ctx, FM_EUSAGE, "unknown format '%s': use table, csv or json", arg);
    o->format_set = 1;
    return FM_OK;
}

static const fm_opt geocode_opts_table[] = {
    FM_STRING(0, "admin2", geocode_opts, hint.admin2, "D",
              "district (old names such as 'Khyber Agency' work)"),
    FM_STRING(0, "admin1", geocode_opts, hint.admin1, "P", "province"),
    {FM_OPTK_STRING, 0, "country", offsetof(geocode_opts, hint.country), "C",
     "PK or AF (or Pakistan, Afghanistan)", NULL, 0, "PK|AF", 0, NULL},
    FM_FLAG(0, "crossing", geocode_opts, hint.prefer_crossing, "prefer border crossings on ties"),
    {FM_OPTK_VALUE, 0, "format", 0, "F", "table (default; csv with --batch), csv or json",
     format_value, 0, "table|csv|json", 0, NULL},
    FM_FLAG(0, "all", geocode_opts, all, "list every gazetteer entry the name matches"),
    FM_STRING(0, "db", geocode_opts, db, "F",
              "also the place names of your store (default $FRONTIERMAP_DB)"),
    FM_STRING(0, "batch", geocode_opts, batch, "FILE",
              "geocode each row of FILE (columns query[,admin2][,admin1][,country],\n"
              "by header name when the first row has a 'query' column); '-' is stdin"),
    FM_OPTS_END};

const fm_cmd_desc fm_geocode_desc = {
    "geocode",
    "usage: frontiermap geocode [--admin2 D] [--admin1 P] [--country PK|AF] [--crossing]\n"
    "                           [--db F] [--format table|csv|json] [--all] QUERY\n"
    "       frontiermap geocode --batch FILE.csv [--db F] [--format csv|table|json]\n",
    "\n"
    "Resolves a place name in any common spelling (Bermal, Spin Buldak, Killa Saifullah,\n"
    "Arabic script) to a point. Context narrows same-named places; it may also trail\n"
    "the query: 'Wana, South Waziristan, Khyber Pakhtunkhwa'.\n",
    geocode_opts_table,
    "Precision (ACLED): 1 the place itself; 2 near it (a spelling some letters off, or\n"
    "one of several same-named places chosen by the hints); 3 a district or province.\n"
    "Unknown places fall back to the district or province given, and say so. Whatever\n"
    "an answer needed beyond a plain match is said on stderr; a guess (a name nothing\n"
    "confirms, same-named places nothing tells apart, a name only across the border)\n"
    "is refused with exit 1 and the candidates listed.\n",
    0, -1, NULL};

/* Joins the remaining arguments with spaces, so `geocode Miran Shah` works. */
static fm_status join_args(fm_cli *cli, int argc, char **argv, fm_buf *q)
{
    int i;
    fm_status st = fm_buf_puts(cli->ctx, q, "");
    for (i = 0; i < argc && !st; i++)
        if (!(st = fm_buf_puts(cli->ctx, q, i ? " " : "")))
            st = fm_buf_puts(cli->ctx, q, argv[i]);
    return st;
}

/* --all: every entry the folded name matches, exactly or else fuzzily. */
static int list_all(fm_cli *cli, const fm_gazetteer *gz, const char *query, fm_table_format fmt)
{
    static const char *const cols[] = {"name", "kind", "lat", "lon", "admin1", "admin2",
                                       "country", "edits"};
    static const int numeric[] = {0, 0, 1, 1, 0, 0, 0, 1};
    fm_gazetteer_hit hits[256];
    fm_buf key = {0};
    fm_table *t = fm_table_create(8, cols, numeric);
    size_t n = 0, i;
    fm_status st = t ? fm_name_fold(cli->ctx, query, &key) : FM_ENOMEM;
    if (!st && !(n = fm_gazetteer_find(gz, fm_buf_str(&key), hits, 256)))
        n = fm_gazetteer_find_fuzzy(gz, fm_buf_str(&key), 3, hits, 256);
    for (i = 0; !st && i < n && i < 256; i++) {
        const fm_place *p = fm_gazetteer_get(gz, hits[i].index);
        char lat[32], lon[32], ed[16];
        const char *cells[8] = {p->name, fm_place_kind_name(p->kind), lat, lon,
                                p->admin1, p->admin2, p->country, ed};
        snprintf(lat, sizeof lat, "%.5f", p->lat);
        snprintf(lon, sizeof lon, "%.5f", p->lon);
        snprintf(ed, sizeof ed, "%d", hits[i].edits);
        st = fm_table_add(cli->ctx, t, cells);
    }
    if (!st)
        fm_table_print(t, fmt, cli->out);
    fm_table_destroy(t);
    fm_buf_free(&key);
    if (st)
        return fm_cli_fail(cli, st);
    if (!n) {
        fprintf(cli->err, "frontiermap: no gazetteer entry matches '%s'\n", query);
        return FM_EXIT_FAIL;
    }
    return FM_EXIT_OK;
}

/* The gazetteer first; the user's store only when its answer is in doubt, so
 * that a plain answer costs no reading of the store. */
static fm_status geocode_with_store(fm_cli *cli, const fm_gazetteer *gz, const char *query,
                                   const geocode_opts *o, fm_placememo **memo,
                                   fm_geocode_result *r)
{
    fm_geocode_hint h = o->hint;
    fm_status st = fm_geocode(cli->ctx, gz, query, &h, r);
    if ((st != FM_ENOTFOUND && (st || !r->flags)) || !(*memo = fm_cli_placememo(cli, o->db)))
        return st;
    h.memo = *memo;
    fm_ctx_clear(cli->ctx);
    return fm_geocode(cli->ctx, gz, query, &h, r);
}

static int print_one(fm_cli *cli, const char *query, const fm_geocode_result *r,
                     const geocode_opts *o)
{
    char num[4][32];
    const char *cells[11];
    fm_table *t;
    fm_status st;
    /* CSV keeps the batch columns; table and JSON add the note */
    t = fm_table_create(o->format == FM_TABLE_CSV ? 10 : 11, out_cols, out_numeric);
    if (!t)
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    result_cells(query, r, num, cells);
    if ((st = fm_table_add(cli->ctx, t, cells))) {
        fm_table_destroy(t);
        return fm_cli_fail(cli, st);
    }
    fm_table_print(t, o->format, cli->out);
    fm_table_destroy(t);
    return FM_EXIT_OK;
}

static int geocode_one(fm_cli *cli, const fm_gazetteer *gz, const char *query,
                       const geocode_opts *o)
{
    fm_geocode_result r;
    fm_placememo *memo = NULL;
    fm_status st = geocode_with_store(cli, gz, query, o, &memo, &r);
    int rc;
    if (st == FM_EINVAL && !strcmp(fm_ctx_message(cli->ctx), "empty query")) {
        fm_placememo_destroy(memo);
        return fm_opts_usage_error(cli, &fm_geocode_desc, "empty query");
    }
    if (st) {
        rc = fm_cli_fail(cli, st);
        fm_placememo_destroy(memo);
        return rc;
    }
    fm_cli_geocode_note(cli, NULL, query, &r);
    rc = print_one(cli, query, &r, o);
    fm_placememo_destroy(memo);
    return rc;
}


/* ---- --batch ------------------------------------------------------------- */

/* Exports repeat the same place strings thousands of times: answers are
 * remembered by (query, admin2, admin1, country), so each is resolved once. */
typedef struct {
    char *key; /* the four fields joined by \x1f */
    fm_status st;
    const fm_place *place; /* what a batch row shows of the answer: a whole */
    double lon, lat, score; /* fm_geocode_result is 700 bytes, and 100,000 */
    int precision;          /* distinct rows would fault in 150 MB for it */
    unsigned flags;
    char *msg; /* the error message when st != FM_OK, else the note */
} cache_entry;

/* A slot of the table: the hash of an entry's key (probes and growth compare
 * it, not the key) and 1 + the entry's index; 0 an empty slot. Slots are
 * small and the entries dense, in the order they came: 100,000 distinct rows
 * touch a 4 MB table and 6 MB of entries, not a 19 MB table at random. */
typedef struct {
    size_t hash, entry;
} cache_ref;

typedef struct {
    cache_ref *slots;      /* cap (a power of two), owned */
    size_t cap, n;
    cache_entry *entries;  /* n, owned (and their strings) */
    size_t ecap;
} row_cache;

#define CACHE_MAX 1000000

static size_t cache_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* key's slot (hash its cache_hash), or the empty slot where it goes; key
 * NULL finds the empty slot for a hash known not to be in the table. */
static cache_ref *cache_find(const row_cache *c, const char *key, size_t hash)
{
    size_t i = hash & (c->cap - 1);
    while (c->slots[i].entry &&
           (!key || c->slots[i].hash != hash || strcmp(c->entries[c->slots[i].entry - 1].key, key)))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

/* The entry of key, which the cache holds. */
static cache_entry *cache_slot(row_cache *c, const char *key, size_t hash)
{
    return &c->entries[cache_find(c, key, hash)->entry - 1];
}

/* Doubles the table; returns 0 when out of memory (caching just stops). */
static int cache_grow(row_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 4096, oldcap = c->cap, i;
    cache_ref *slots = calloc(cap, sizeof *slots), *old = c->slots;
    if (!slots)
        return 0;
    c->slots = slots, c->cap = cap;
    for (i = 0; i < oldcap; i++)
        if (old[i].entry) /* keys are distinct */
            *cache_find(c, NULL, old[i].hash) = old[i];
    free(old);
    return 1;
}

static void cache_free(row_cache *c)
{
    size_t i;
    for (i = 0; i < c->n; i++) {
        free(c->entries[i].key);
        free(c->entries[i].msg);
    }
    free(c->entries);
    free(c->slots);
}

/* The cache's answer for key (an entry it holds), as a result: the fields a
 * batch row shows; *msg is the reason when it failed, else "". */
static fm_status cache_answer(const cache_entry *e, fm_geocode_result *r, const char **msg)
{
    memset(r, 0, sizeof *r);
    r->place = e->place, r->lon = e->lon, r->lat = e->lat, r->score = e->score;
    r->precision = e->precision, r->flags = e->flags;
    if (!e->st && e->msg)
        snprintf(r->note, sizeof r->note, "%s", e->msg);
    *msg = e->msg && e->st ? e->msg : "";
    return e->st;
}

/* Fills the cache's entry e (its key set) with an answer. */
static void cache_fill(cache_entry *e, fm_status st, const fm_geocode_result *r, const char *msg)
{
    e->st = st;
    e->place = r->place, e->lon = r->lon, e->lat = r->lat, e->score = r->score;
    e->precision = r->precision, e->flags = r->flags;
    e->msg = st ? strdup(msg) : *r->note ? strdup(r->note) : NULL;
}

/* Claims key in the cache: 1 when it was there already (the row is a repeat,
 * answered when its first row is), 0 when it is entered now (its answer to
 * come) or the cache is full. */
static int cache_claim(row_cache *c, const char *key, int *entered, size_t *hash_out)
{
    cache_ref *s;
    cache_entry *e;
    size_t hash = cache_hash(key);
    *entered = 0;
    *hash_out = hash;
    if ((c->n + 1) * 2 > c->cap && (c->n >= CACHE_MAX || !cache_grow(c)))
        return 0;
    s = cache_find(c, key, hash);
    if (s->entry)
        return 1;
    if (c->n == c->ecap) {
        size_t ecap = c->ecap ? c->ecap * 2 : 2048;
        cache_entry *p = realloc(c->entries, ecap * sizeof *p);
        if (!p)
            return 0;
        c->entries = p, c->ecap = ecap;
    }
    e = &c->entries[c->n];
    memset(e, 0, sizeof *e);
    if ((e->key = strdup(key)) != NULL) {
        s->hash = hash, s->entry = ++c->n;
        *entered = 1;
    }
    return 0;
}

enum { B_QUERY, B_ADMIN2, B_ADMIN1, B_COUNTRY, B_NCOLS };

/* Column positions from a header row with a 'query' column; else positional
 * and the row is data (returns 0). */
static int batch_header(const fm_csv *csv, size_t n, int col[B_NCOLS])
{
    static const char *const names[B_NCOLS] = {"query", "admin2", "admin1", "country"};
    size_t i;
    int c, is_header = 0;
    for (c = 0; c < B_NCOLS; c++)
        col[c] = c;
    for (i = 0; i < n; i++)
        if (!strcasecmp(fm_csv_field(csv, i), "query"))
            is_header = 1;
    if (!is_header)
        return 0;
    for (c = 0; c < B_NCOLS; c++) {
        col[c] = -1;
        for (i = 0; i < n; i++)
            if (!strcasecmp(fm_csv_field(csv, i), names[c]))
                col[c] = (int)i;
    }
    return 1;
}

static const char *bfield(const fm_csv *csv, size_t n, int col)
{
    return col >= 0 && (size_t)col < n ? fm_csv_field(csv, (size_t)col) : "";
}

/* Writes a result row as CSV: built in row (scratch, kept between rows) and
 * written with one fwrite, as twenty stdio calls a row were a tenth of a
 * batch's own work; field by field when row cannot grow. */
static void write_csv_row(fm_ctx *ctx, FILE *f, const char *const cells[11], fm_buf *row)
{
    int i;
    fm_buf_reset(row);
    for (i = 0; i < 10; i++) {
        fm_csv_append_field(ctx, row, cells[i] ? cells[i] : "");
        fm_buf_putc(ctx, row, i < 9 ? ',' : '\n');
    }
    if (!row->status) {
        fwrite(row->data, 1, row->len, f);
        return;
    }
    fm_ctx_clear(ctx); /* out of memory for the row (ctx is scratch): as before, a
                        * call a field */
    for (i = 0; i < 10; i++) {
        fm_csv_write_field(f, cells[i] ? cells[i] : "");
        fputc(i < 9 ? ',' : '\n', f);
    }
}

/* What a batch tells about its rows: each row that needed more than a
 * plain match, or was refused, with file:line, up to SHOW_MAX of each; then
 * how many there were of each kind. */
#define SHOW_MAX 20
typedef struct {
    const fm_placememo *memo;
    size_t doubtful, refused;
    size_t by_flag[6]; /* FM_GEOCODE_* bit i */
    fm_buf row;        /* owned: the CSV row being written */
    fm_ctx *row_ctx;   /* for row's errors: this thread's scratch context */
} batch_state;

static void batch_note(fm_cli *cli, batch_state *b, const fm_csv *csv, long line,
                       const char *query, fm_status st, const char *msg,
                       const fm_geocode_result *r)
{
    char where[600];
    int i;
    if (st) {
        if (b->refused++ < SHOW_MAX && !cli->quiet)
            fprintf(cli->err, "frontiermap: %s:%ld: %s\n", fm_csv_name(csv), line, msg);
        return;
    }
    if (!r->flags)
        return;
    for (i = 0; i < 6; i++)
        b->by_flag[i] += (r->flags >> i) & 1;
    if (b->doubtful++ < SHOW_MAX) {
        snprintf(where, sizeof where, "%s:%ld", fm_csv_name(csv), line);
        fm_cli_geocode_note(cli, where, query, r);
    }
}

static void batch_summary(fm_cli *cli, const batch_state *b, size_t rows)
{
    static const char *const words[6] = {"a different spelling", "chosen among same-named places",
                                         "ambiguous", "across the border", "fell back to an area",
                                         "from your store"};
    int i, first = 1;
    if (cli->quiet)
        return;
    if (b->doubtful) {
        fprintf(cli->err, "frontiermap: %zu of %zu rows needed more than a plain match (", b->doubtful,
                rows);
        for (i = 0; i < 6; i++)
            if (b->by_flag[i]) {
                fprintf(cli->err, "%s%zu %s", first ? "" : ", ", b->by_flag[i], words[i]);
                first = 0;
            }
        fprintf(cli->err, ")%s\n", b->doubtful > SHOW_MAX ? "; the first 20 are shown above" : "");
    }
    if (b->refused)
        fprintf(cli->err, "frontiermap: %zu of %zu queries unresolved%s\n", b->refused, rows,
                b->refused > SHOW_MAX ? "; the first 20 are shown above" : "");
}

/* ---- --batch in chunks, geocoded by two threads -------------------------- */

/* A batch reads rows into chunks of CHUNK_ROWS, geocodes those the cache does
 * not answer on two threads (this one and a worker, each with its own context
 * and its own handle on the gazetteer, fm_gazetteer_share; the store's names
 * are only read), and writes the chunks in their order, so that the output is
 * the one thread's byte for byte. NCHUNKS chunks are in flight, so that this
 * thread reads, helps and writes on while the worker, when the machine is
 * busy, waits for a core with a row in hand. A batch of less than a chunk
 * starts no thread. */
#define CHUNK_ROWS 512
#define NCHUNKS 4

typedef struct {
    char *fields;           /* owned: query, admin2, admin1, country as given, each
                             * NUL-terminated */
    const char *f[B_NCOLS]; /* into fields */
    char *key;              /* owned: the query and the hints it is geocoded with,
                             * joined by \x1f: the cache's key */
    size_t hash;            /* the key's cache_hash */
    long line;
    int repeat;             /* the cache answers it (with an earlier row's answer) */
    int entered;            /* its key is entered in the cache, for its answer */
    fm_status st;
    char *msg;              /* owned: the reason when st != FM_OK (NULL: out of memory) */
    fm_geocode_result r;
} batch_item;

typedef struct {
    batch_item items[CHUNK_ROWS];
    size_t n;
    size_t todo[CHUNK_ROWS];   /* the items to geocode, by index */
    atomic_size_t ntodo;       /* set before the chunk is posted, 0 while it fills */
    atomic_uint_least64_t next; /* its use << 32 | the next of todo to take: a thread
                                 * holding a chunk that was written and filled again
                                 * since cannot take from it (the use differs) */
    atomic_size_t done;        /* how many of todo are geocoded */
    fm_geocode_hint hint;      /* the options' hints, the store's names, no_note */
} batch_chunk;

typedef struct {
    fm_ctx *ctx;             /* owned */
    const fm_gazetteer *gz;  /* the command's (this thread), or share */
    fm_gazetteer *share;     /* owned: the worker's handle, or NULL */
} batch_lane;

typedef struct {
    batch_chunk chunk[NCHUNKS];
    size_t first, count;     /* posted, not yet written: chunk first .. first + count - 1
                              * (mod NCHUNKS); the worker reads them under mu */
    batch_lane lane[2];      /* this thread's, the worker's */
    int threads, quit;       /* the worker runs; it is to stop */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;       /* a chunk posted or finished, or quit */
} batch_pool;

static void geocode_item(const batch_chunk *c, const batch_lane *l, batch_item *it)
{
    fm_geocode_hint hint = c->hint;
    if (*it->f[B_ADMIN2])
        hint.admin2 = it->f[B_ADMIN2];
    if (*it->f[B_ADMIN1])
        hint.admin1 = it->f[B_ADMIN1];
    if (*it->f[B_COUNTRY])
        hint.country = it->f[B_COUNTRY];
    it->st = fm_geocode(l->ctx, l->gz, it->f[B_QUERY], &hint, &it->r);
    if (it->st)
        it->msg = strdup(fm_ctx_message(l->ctx));
    fm_ctx_clear(l->ctx);
}

/* Takes the next item to geocode of chunk c into *i; 0 when none is left. */
static int chunk_take(batch_chunk *c, size_t *i)
{
    uint_least64_t v = atomic_load(&c->next);
    while ((v & 0xffffffffu) < atomic_load(&c->ntodo))
        if (atomic_compare_exchange_weak(&c->next, &v, v + 1)) {
            *i = c->todo[v & 0xffffffffu];
            return 1;
        }
    return 0;
}

/* Geocodes one item of the oldest posted chunk that has one left; 0 when
 * none has. The thread that finishes a chunk wakes whoever waits for it. */
static int pool_work(batch_pool *p, const batch_lane *l, size_t first, size_t count)
{
    size_t k, i;
    for (k = 0; k < count; k++) {
        batch_chunk *c = &p->chunk[(first + k) % NCHUNKS];
        if (!chunk_take(c, &i))
            continue;
        geocode_item(c, l, &c->items[i]);
        if (atomic_fetch_add(&c->done, 1) + 1 == atomic_load(&c->ntodo) && p->threads) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_broadcast(&p->cv);
            pthread_mutex_unlock(&p->mu);
        }
        return 1;
    }
    return 0;
}

static void *worker_main(void *arg)
{
    batch_pool *p = arg;
    size_t first, count;
    pthread_mutex_lock(&p->mu);
    while (!p->quit) {
        first = p->first, count = p->count;
        pthread_mutex_unlock(&p->mu);
        if (pool_work(p, &p->lane[1], first, count)) {
            pthread_mutex_lock(&p->mu);
            continue;
        }
        pthread_mutex_lock(&p->mu);
        if (!p->quit && first == p->first && count == p->count)
            pthread_cond_wait(&p->cv, &p->mu); /* nothing new posted since */
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Starts the worker; without one (out of memory, no thread) this thread
 * geocodes alone, as fast as before. */
static void worker_start(fm_cli *cli, batch_pool *p, const fm_gazetteer *gz)
{
    batch_lane *l = &p->lane[1];
    if (!(l->ctx = fm_ctx_create()))
        return;
    fm_ctx_inherit_log(l->ctx, cli->ctx);
    if (!fm_gazetteer_share(l->ctx, gz, &l->share)) {
        l->gz = l->share;
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->cv, NULL);
        p->threads = 1; /* before the worker reads it */
        if (pthread_create(&p->thread, NULL, worker_main, p) == 0)
            return;
        p->threads = 0;
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
    }
    fm_gazetteer_close(l->share);
    fm_ctx_destroy(l->ctx);
    memset(l, 0, sizeof *l);
}

static void worker_stop(batch_pool *p)
{
    if (p->threads) {
        pthread_mutex_lock(&p->mu);
        p->quit = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->thread, NULL);
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        p->threads = 0;
    }
    fm_gazetteer_close(p->lane[1].share);
    fm_ctx_destroy(p->lane[1].ctx);
    memset(&p->lane[1], 0, sizeof p->lane[1]);
}

/* Copies a row into chunk c's next item: its fields, and the key of the
 * query with the hints it is geocoded with (a column, else the option). A
 * row not in UTF-8 is refused (FM_EFORMAT, message on ctx), not guessed at. */
static fm_status chunk_add(fm_cli *cli, batch_chunk *c, const fm_csv *csv, size_t n,
                           const int col[B_NCOLS], const geocode_opts *o)
{
    batch_item *it = &c->items[c->n];
    const char *opt[B_NCOLS] = {"", o->hint.admin2, o->hint.admin1, o->hint.country};
    const char *eff[B_NCOLS];
    size_t len = 0, k;
    char *p;
    fm_buf key = {0};
    fm_status st;
    for (k = 0; k < B_NCOLS; k++) {
        eff[k] = *bfield(csv, n, col[k]) || !opt[k] ? bfield(csv, n, col[k]) : opt[k];
        if ((st = fm_utf8_check(cli->ctx, k ? "the hint" : "the query", eff[k])))
            return FM_EFORMAT;
        len += strlen(bfield(csv, n, col[k])) + 1;
    }
    for (k = 0; k < B_NCOLS; k++) /* the fields, joined by unit separators */
        if ((k && (st = fm_buf_putc(cli->ctx, &key, '\x1f'))) ||
            (st = fm_buf_append(cli->ctx, &key, eff[k], strlen(eff[k])))) {
            fm_buf_free(&key);
            return st;
        }
    memset(it, 0, offsetof(batch_item, r)); /* the result is written when geocoded */
    if (!(it->fields = p = malloc(len))) {
        fm_buf_free(&key);
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    }
    for (k = 0; k < B_NCOLS; k++) {
        it->f[k] = p;
        p = stpcpy(p, bfield(csv, n, col[k])) + 1;
    }
    it->key = key.data;
    it->line = fm_csv_line(csv);
    c->n++;
    return FM_OK;
}

/* Posts the chunk being filled: which of its rows the cache answers, which
 * are to be geocoded. Notes are built while the counts so far allow them to
 * be shown (a few more are built than shown, never fewer). */
static void pool_post(fm_cli *cli, batch_pool *p, row_cache *cache, const batch_state *b,
                      const geocode_opts *o)
{
    batch_chunk *c = &p->chunk[(p->first + p->count) % NCHUNKS];
    size_t i, ntodo = 0;
    c->hint = o->hint;
    c->hint.memo = b->memo;
    c->hint.no_note = o->format != FM_TABLE_JSON &&
                      (cli->quiet || (b->refused >= SHOW_MAX && b->doubtful >= SHOW_MAX));
    for (i = 0; i < c->n; i++) {
        batch_item *it = &c->items[i];
        if (!(it->repeat = cache_claim(cache, it->key, &it->entered, &it->hash)))
            c->todo[ntodo++] = i;
    }
    atomic_store(&c->done, 0);
    atomic_store(&c->ntodo, ntodo); /* after the items: a taker that sees it sees them */
    if (p->threads)
        pthread_mutex_lock(&p->mu);
    p->count++;
    if (p->threads) {
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Writes chunk c's rows in order (to t, or straight to out as CSV), with
 * their notes, and empties it. */
static void chunk_write(fm_cli *cli, batch_chunk *c, row_cache *cache, const fm_csv *csv,
                        fm_table *t, batch_state *b)
{
    fm_geocode_result cached;
    char num[4][32];
    const char *cells[11];
    size_t i;
    for (i = 0; i < c->n; i++) {
        batch_item *it = &c->items[i];
        const fm_geocode_result *r = &it->r;
        const char *msg = !it->st ? "" : it->msg ? it->msg : "out of memory";
        fm_status st = it->st;
        if (it->repeat) {
            st = cache_answer(cache_slot(cache, it->key, it->hash), &cached, &msg);
            r = &cached;
        } else if (it->entered) {
            cache_fill(cache_slot(cache, it->key, it->hash), st, r, msg);
        }
        batch_note(cli, b, csv, it->line, it->f[B_QUERY], st, msg, r);
        result_cells(it->f[B_QUERY], st ? NULL : r, num, cells);
        if (t)
            fm_table_add(cli->ctx, t, cells);
        else
            write_csv_row(b->row_ctx, cli->out, cells, &b->row);
    }
    for (i = 0; i < c->n; i++) {
        free(c->items[i].fields);
        free(c->items[i].key);
        free(c->items[i].msg);
    }
    c->n = 0;
}

/* Writes the oldest posted chunk once it is geocoded, helping meanwhile;
 * returns when one chunk is written, or (not all) when there is room to
 * read on and nothing to help with; with all, when every chunk is written. */
static void pool_drain(fm_cli *cli, batch_pool *p, row_cache *cache, const fm_csv *csv,
                       fm_table *t, batch_state *b, int all)
{
    while (p->count) {
        batch_chunk *c = &p->chunk[p->first];
        if (atomic_load(&c->done) == atomic_load(&c->ntodo)) {
            chunk_write(cli, c, cache, csv, t, b);
            /* closed: a thread that still holds it cannot take from it */
            atomic_store(&c->ntodo, 0);
            atomic_store(&c->next, ((atomic_load(&c->next) >> 32) + 1) << 32);
            if (p->threads)
                pthread_mutex_lock(&p->mu);
            p->first = (p->first + 1) % NCHUNKS, p->count--;
            if (p->threads)
                pthread_mutex_unlock(&p->mu);
            if (!all)
                return;
            continue;
        }
        if (pool_work(p, &p->lane[0], p->first, p->count))
            continue;
        if (!all && p->count < NCHUNKS)
            return; /* the worker holds the last rows: read on */
        pthread_mutex_lock(&p->mu); /* only with a worker: this thread did the rest */
        while (atomic_load(&c->done) != atomic_load(&c->ntodo))
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
    }
}

static int geocode_batch(fm_cli *cli, const fm_gazetteer *gz, const geocode_opts *o)
{
    fm_csv *csv;
    fm_table *t = NULL;
    size_t n, rows = 0;
    int col[B_NCOLS], first = 1, tried = 0;
    row_cache cache = {NULL, 0, 0, NULL, 0};
    batch_state b;
    batch_pool *p;
    batch_chunk *fill;
    fm_placememo *memo;
    fm_status st = fm_csv_open(cli->ctx, o->batch, &csv);
    if (st)
        return fm_cli_fail(cli, st);
    if (o->format != FM_TABLE_CSV &&
        !(t = fm_table_create(o->format == FM_TABLE_JSON ? 11 : 10, out_cols, out_numeric))) {
        fm_csv_close(csv);
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    }
    if (!(p = calloc(1, sizeof *p)) || !(p->lane[0].ctx = fm_ctx_create())) {
        free(p);
        fm_table_destroy(t);
        fm_csv_close(csv);
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    }
    fm_ctx_inherit_log(p->lane[0].ctx, cli->ctx);
    p->lane[0].gz = gz;
    memset(&b, 0, sizeof b);
    b.row_ctx = p->lane[0].ctx;
    b.memo = memo = fm_cli_placememo(cli, o->db);
    fill = &p->chunk[0];
    while (!(st = fm_csv_next(cli->ctx, csv, &n)) && n > 0) {
        if (first && (first = 0, batch_header(csv, n, col)))
            continue;
        if (!t && rows == 0) /* the header only once there is a row to follow it */
            fputs("query,name,kind,lat,lon,precision,score,admin1,admin2,country\n", cli->out);
        if ((st = chunk_add(cli, fill, csv, n, col, o))) {
            if (st == FM_EFORMAT) /* a file in the wrong encoding: refuse it, do not guess */
                st = fm_error_prefix(cli->ctx, FM_EFORMAT, "%s:%ld", fm_csv_name(csv),
                                     fm_csv_line(csv));
            break;
        }
        rows++;
        if (fill->n == CHUNK_ROWS) {
            if (!tried++)
                worker_start(cli, p, gz);
            pool_post(cli, p, &cache, &b, o);
            pool_drain(cli, p, &cache, csv, t, &b, 0);
            while (p->count == NCHUNKS)
                pool_drain(cli, p, &cache, csv, t, &b, 0);
            fill = &p->chunk[(p->first + p->count) % NCHUNKS];
        }
    }
    /* the rows before an error too, as the rows were written one by one */
    if (fill->n)
        pool_post(cli, p, &cache, &b, o);
    pool_drain(cli, p, &cache, csv, t, &b, 1);
    worker_stop(p);
    fm_buf_free(&b.row);
    fm_ctx_destroy(p->lane[0].ctx);
    free(p);
    cache_free(&cache);
    if (!st && rows == 0)
        st = fm_error(cli->ctx, FM_EINVAL, "%s: no queries (the file is empty or holds only a "
                      "header)", fm_csv_name(csv));
    if (st) {
        fm_csv_close(csv);
        fm_table_destroy(t);
        fm_placememo_destroy(memo);
        return fm_cli_fail(cli, st);
    }
    if (t)
        fm_table_print(t, o->format, cli->out);
    fm_table_destroy(t);
    fm_csv_close(csv);
    batch_summary(cli, &b, rows);
    fm_placememo_destroy(memo);
    return FM_EXIT_OK;
}

int cmd_geocode(fm_cli *cli, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_geocode_desc;
    geocode_opts o;
    fm_gazetteer *gz = NULL;
    fm_buf q = {0};
    fm_status st;
    int rc, n;
    memset(&o, 0, sizeof o);
    o.format = FM_TABLE_TEXT;
    if ((rc = fm_opts_parse(cli, d, &o, argc, argv, &n)) >= 0)
        return rc;
    if (o.batch && n > 0)
        return fm_opts_usage_error(cli, d, "give either --batch FILE or a QUERY");
    if (o.batch && o.all)
        return fm_opts_usage_error(cli, d, "--all works on one QUERY only");
    if (o.batch && !o.format_set)
        o.format = FM_TABLE_CSV;
    if (!o.batch && n == 0)
        return fm_opts_usage_error(cli, d, "no QUERY given");
    if ((st = join_args(cli, n, argv, &q)))
        return fm_cli_fail(cli, st);
    if (!o.batch && strspn(fm_buf_str(&q), " \t\r\n,") == q.len) {
        fm_buf_free(&q);
        return fm_opts_usage_error(cli, d, "empty query");
    }
    if ((st = fm_gazetteer_open(cli->ctx, fm_ctx_data_dir(cli->ctx), &gz))) {
        fm_buf_free(&q);
        return fm_cli_fail(cli, st);
    }
    rc = o.batch ? geocode_batch(cli, gz, &o)
         : o.all ? list_all(cli, gz, fm_buf_str(&q), o.format)
                 : geocode_one(cli, gz, fm_buf_str(&q), &o);
    fm_gazetteer_close(gz);
    fm_buf_free(&q);
    return rc;
}
