/* cmd_geocode.c: `frontiermap geocode`: resolves one place name, or a CSV of
 * them (--batch), to coordinates with ACLED precision codes, using the
 * built-in gazetteer. */
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
    snprintf(num[0], 32, "%.5f", r->lat);
    snprintf(num[1], 32, "%.5f", r->lon);
    snprintf(num[2], 32, "%d", r->precision);
    snprintf(num[3], 32, "%.2f", r->score);
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

typedef struct {
    cache_entry *slots;
    size_t cap, n;
} row_cache;

#define CACHE_MAX 1000000

static size_t cache_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static cache_entry *cache_slot(row_cache *c, const char *key)
{
    size_t i = cache_hash(key) & (c->cap - 1);
    while (c->slots[i].key && strcmp(c->slots[i].key, key))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

/* Doubles the table; returns 0 when out of memory (caching just stops). */
static int cache_grow(row_cache *c)
{
    row_cache bigger = {calloc(c->cap ? c->cap * 2 : 4096, sizeof(cache_entry)),
                        c->cap ? c->cap * 2 : 4096, c->n};
    size_t i;
    if (!bigger.slots)
        return 0;
    for (i = 0; i < c->cap; i++)
        if (c->slots[i].key)
            *cache_slot(&bigger, c->slots[i].key) = c->slots[i];
    free(c->slots);
    *c = bigger;
    return 1;
}

static void cache_free(row_cache *c)
{
    size_t i;
    for (i = 0; i < c->cap; i++) {
        free(c->slots[i].key);
        free(c->slots[i].msg);
    }
    free(c->slots);
}

/* Geocodes through the cache; on failure *msg is the reason. */
static fm_status cached_geocode(fm_cli *cli, const fm_gazetteer *gz, row_cache *c,
                                const char *query, const fm_geocode_hint *h,
                                fm_geocode_result *r, const char **msg)
{
    fm_buf key = {0};
    cache_entry *e = NULL;
    fm_status st;
    if (!fm_buf_printf(cli->ctx, &key, "%s\x1f%s\x1f%s\x1f%s", query, h->admin2 ? h->admin2 : "",
                       h->admin1 ? h->admin1 : "", h->country ? h->country : "") &&
        ((c->n + 1) * 2 <= c->cap || (c->n < CACHE_MAX && cache_grow(c)))) {
        e = cache_slot(c, fm_buf_str(&key));
        if (e->key) {
            fm_buf_free(&key);
            memset(r, 0, sizeof *r);
            r->place = e->place, r->lon = e->lon, r->lat = e->lat, r->score = e->score;
            r->precision = e->precision, r->flags = e->flags;
            if (!e->st && e->msg)
                snprintf(r->note, sizeof r->note, "%s", e->msg);
            *msg = e->msg && e->st ? e->msg : "";
            return e->st;
        }
    }
    st = fm_geocode(cli->ctx, gz, query, h, r);
    *msg = fm_ctx_message(cli->ctx);
    if (e && (e->key = key.data) != NULL) {
        key.data = NULL;
        e->st = st;
        e->place = r->place, e->lon = r->lon, e->lat = r->lat, e->score = r->score;
        e->precision = r->precision, e->flags = r->flags;
        e->msg = st ? strdup(*msg) : *r->note ? strdup(r->note) : NULL;
        c->n++;
    }
    fm_buf_free(&key);
    return st;
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

static void write_csv_row(FILE *f, const char *const cells[11])
{
    int i;
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
} batch_state;

static void batch_note(fm_cli *cli, batch_state *b, const fm_csv *csv, const char *query,
                       fm_status st, const char *msg, const fm_geocode_result *r)
{
    char where[600];
    int i;
    if (st) {
        if (b->refused++ < SHOW_MAX && !cli->quiet)
            fprintf(cli->err, "frontiermap: %s:%ld: %s\n", fm_csv_name(csv), fm_csv_line(csv), msg);
        return;
    }
    if (!r->flags)
        return;
    for (i = 0; i < 6; i++)
        b->by_flag[i] += (r->flags >> i) & 1;
    if (b->doubtful++ < SHOW_MAX) {
        snprintf(where, sizeof where, "%s:%ld", fm_csv_name(csv), fm_csv_line(csv));
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

/* Geocodes one batch row and writes it (to t, or straight to out as CSV);
 * returns -1 (message on ctx) when the row is not UTF-8. */
static int batch_row(fm_cli *cli, const fm_gazetteer *gz, row_cache *cache, const fm_csv *csv,
                     size_t n, const int col[B_NCOLS], const geocode_opts *o, fm_table *t,
                     batch_state *b)
{
    const char *msg;
    fm_geocode_hint hint = o->hint;
    fm_geocode_result r;
    char num[4][32];
    const char *cells[11];
    const char *query = bfield(csv, n, col[B_QUERY]);
    fm_status st;
    hint.memo = b->memo;
    /* once as many rows as are described have been, in each kind, no note
     * is read again (JSON prints each row's note) */
    hint.no_note = o->format != FM_TABLE_JSON && (cli->quiet || (b->refused >= SHOW_MAX &&
                                                                 b->doubtful >= SHOW_MAX));
    if (*bfield(csv, n, col[B_ADMIN2]))
        hint.admin2 = bfield(csv, n, col[B_ADMIN2]);
    if (*bfield(csv, n, col[B_ADMIN1]))
        hint.admin1 = bfield(csv, n, col[B_ADMIN1]);
    if (*bfield(csv, n, col[B_COUNTRY]))
        hint.country = bfield(csv, n, col[B_COUNTRY]);
    if (fm_utf8_check(cli->ctx, "the query", query) ||
        fm_utf8_check(cli->ctx, "the hint", hint.admin2) ||
        fm_utf8_check(cli->ctx, "the hint", hint.admin1) ||
        fm_utf8_check(cli->ctx, "the hint", hint.country))
        return -1; /* a file in the wrong encoding: refuse it, do not guess */
    st = cached_geocode(cli, gz, cache, query, &hint, &r, &msg);
    batch_note(cli, b, csv, query, st, msg, &r);
    result_cells(query, st ? NULL : &r, num, cells);
    if (t)
        fm_table_add(cli->ctx, t, cells);
    else
        write_csv_row(cli->out, cells);
    return 0;
}

static int geocode_batch(fm_cli *cli, const fm_gazetteer *gz, const geocode_opts *o)
{
    fm_csv *csv;
    fm_table *t = NULL;
    size_t n, rows = 0;
    int col[B_NCOLS], first = 1;
    row_cache cache = {NULL, 0, 0};
    batch_state b;
    fm_placememo *memo;
    fm_status st = fm_csv_open(cli->ctx, o->batch, &csv);
    if (st)
        return fm_cli_fail(cli, st);
    if (o->format != FM_TABLE_CSV &&
        !(t = fm_table_create(o->format == FM_TABLE_JSON ? 11 : 10, out_cols, out_numeric))) {
        fm_csv_close(csv);
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    }
    memset(&b, 0, sizeof b);
    b.memo = memo = fm_cli_placememo(cli, o->db);
    while (!(st = fm_csv_next(cli->ctx, csv, &n)) && n > 0) {
        if (first && (first = 0, batch_header(csv, n, col)))
            continue;
        if (!t && rows == 0) /* the header only once there is a row to follow it */
            fputs("query,name,kind,lat,lon,precision,score,admin1,admin2,country\n", cli->out);
        if (batch_row(cli, gz, &cache, csv, n, col, o, t, &b) < 0) {
            st = fm_error_prefix(cli->ctx, FM_EFORMAT, "%s:%ld", fm_csv_name(csv),
                                 fm_csv_line(csv));
            break;
        }
        rows++;
    }
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
