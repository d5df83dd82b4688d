/* cmd_extract.c: `frontiermap extract FILE...`: candidate incidents read from
 * report text (plain text, Markdown, HTML, PDF), for an analyst to review and
 * then import. With a store, incidents it already holds are marked. */
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/extract_out.h"
#include "core/fm_output.h"
#include "text/fm_text.h"

typedef enum { X_CSV = 0, X_JSON, X_HTML } x_format;

typedef struct {
    const char *format_s;
    const char *output;
    const char *db;
    const char *dateline_s;
    x_format format;
    fm_day dateline;
    int all;
    int nonfatal;
} x_opts;

static const fm_opt extract_table[] = {
    FM_STRING(0, "format", x_opts, format_s, "F",
              "csv (default: the import layout, so `import` takes the file once\n"
              "reviewed, with confidence and evidence columns), json, or html (a\n"
              "review page with the evidence marked in the text)"),
    FM_STRING('o', "output", x_opts, output, "FILE", "write to FILE (default: standard output)"),
    FM_STRING(0, "db", x_opts, db, "STORE",
              "mark incidents the store already holds (same day or a day apart,\n"
              "within the place's precision, same toll) and learn its place names\n"
              "(default $FRONTIERMAP_DB)"),
    FM_STRING(0, "dateline", x_opts, dateline_s, "DATE",
              "the documents' date, when their text does not give it"),
    FM_FLAG(0, "nonfatal", x_opts, nonfatal,
            "also the incidents the text gives figures for but no death\n"
            "(injured only, or \"no one was killed\"; left out by default, and\n"
            "counted on standard error)"),
    FM_FLAG(0, "all", x_opts, all,
            "also those and the incidents the text tells without any casualty\n"
            "figure (left out by default, and counted on standard error)"),
    FM_OPTS_END};

const fm_cmd_desc fm_extract_desc = {
    "extract",
    "usage: frontiermap extract [--format csv|json|html] [-o FILE] [--db STORE]\n"
    "                           [--dateline YYYY-MM-DD] [--nonfatal|--all]\n"
    "                           FILE...\n",
    "\n"
    "Reads reports (plain text, Markdown, HTML, or PDF through pdftotext) and writes\n"
    "the incidents they tell of: date or span with its precision, place as written\n"
    "and as resolved by the gazetteer, killed and injured (best and range), event\n"
    "type, actors, competing claims with who made them, and for each field its\n"
    "confidence and the characters of the text it came from. Nothing is invented: a\n"
    "field the text does not give stays empty; an unresolved place keeps its words\n"
    "with precision \"none\". Dates without a year, and relative ones (\"on Tuesday\",\n"
    "\"earlier this week\"), are read against the document's dateline. By default\n"
    "only incidents in which people died are written (a killed figure above zero,\n"
    "or a party's claim of dead), as in UCDP GED: one with injured only, or \"no one\n"
    "was killed\", is written with --nonfatal; one the text gives no figure for\n"
    "(\"twin blasts at the church\", an attack told as background) with --all.\n"
    "Standard error counts what was left out.\n"
    "\n",
    extract_table, NULL, 1, -1, "no file given"};

/* Checks the values the table keeps as strings. */
static int check_opts(fm_cli *cli, x_opts *o)
{
    const fm_cmd_desc *d = &fm_extract_desc;
    if (!o->format_s || !strcmp(o->format_s, "csv"))
        o->format = X_CSV;
    else if (!strcmp(o->format_s, "json"))
        o->format = X_JSON;
    else if (!strcmp(o->format_s, "html"))
        o->format = X_HTML;
    else
        return fm_opts_usage_error(cli, d, "unknown format '%s': use csv, json or html",
                                   o->format_s);
    o->dateline = FM_DAY_NONE;
    if (o->dateline_s && fm_date_parse(cli->ctx, o->dateline_s, &o->dateline))
        return fm_opts_usage_error(cli, d, "invalid --dateline: %s", fm_cli_reason(cli));
    return -1;
}

/* ---- incidents the store already holds ---------------------------------- */

typedef struct {
    const fm_text_incident *inc;
    char *found; /* source_id of the first match */
    size_t cap;
} dup_probe;

static fm_status dup_row(void *user, const fm_incident *row, double dist_m, double bearing)
{
    dup_probe *p = user;
    (void)dist_m;
    (void)bearing;
    if (p->found[0])
        return FM_OK;
    if (p->inc->killed >= 0 && row->fatalities != p->inc->killed)
        return FM_OK;
    snprintf(p->found, p->cap, "%s", row->source_id ? row->source_id : "");
    return FM_OK;
}

static void mark_duplicates(fm_cli *cli, fm_store *st, fm_text_incident *inc, size_t n)
{
    static const double radius_km[] = {0, 10, 25, 60};
    for (size_t i = 0; i < n; i++) {
        fm_filter f;
        dup_probe p = {&inc[i], inc[i].duplicate_of, sizeof inc[i].duplicate_of};
        if (inc[i].date_start == FM_DAY_NONE || isnan(inc[i].lon) || inc[i].geo_precision < 1)
            continue;
        fm_filter_init(&f);
        f.since = inc[i].date_start - 1;
        f.until = inc[i].date_start + 1;
        f.has_near = 1;
        f.lon = inc[i].lon;
        f.lat = inc[i].lat;
        f.radius_m = radius_km[inc[i].geo_precision > 3 ? 3 : inc[i].geo_precision] * 1000.0;
        if (fm_store_query_each(cli->ctx, st, &f, dup_row, &p)) {
            fm_cli_fail(cli, fm_ctx_status(cli->ctx));
            fm_ctx_clear(cli->ctx);
            return;
        }
    }
}

/* ---- output --------------------------------------------------------------- */

/* "report-3" for the third candidate of report.txt */
static void make_id(const char *path, size_t i, char *out, size_t cap)
{
    const char *base = strrchr(path, '/');
    size_t len;
    base = base ? base + 1 : path;
    len = strcspn(base, ".");
    snprintf(out, cap, "%.*s-%zu", (int)(len ? len : strlen(base)), base, i + 1);
}

typedef enum { X_NO_FIGURE = 0, X_NONFATAL, X_FATAL } x_toll;

/* What the text tells of inc's toll: deaths (a killed figure above zero,
 * or a party's claim of dead), figures without a death (injured only, or
 * none killed), or no figure at all. */
static x_toll toll_of(const fm_text_incident *inc)
{
    x_toll t = inc->killed > 0 ? X_FATAL : inc->killed >= 0 || inc->injured >= 0 ? X_NONFATAL
                                                                                  : X_NO_FIGURE;
    for (size_t c = 0; c < inc->nclaims && t != X_FATAL; c++) {
        if (inc->claims[c].killed > 0)
            t = X_FATAL;
        else if (inc->claims[c].killed >= 0 || inc->claims[c].injured >= 0)
            t = X_NONFATAL;
    }
    return t;
}

/* Whether the options write inc. */
static int is_shown(const x_opts *o, const fm_text_incident *inc)
{
    x_toll t = toll_of(inc);
    return o->all || t == X_FATAL || (o->nonfatal && t == X_NONFATAL);
}

/* Writes the incidents of doc the options show (is_shown), each
 * under the id of its place in the document's list, whichever are left out. */
static void write_doc(FILE *f, const x_opts *o, const fm_doc *doc, fm_text_incident *inc,
                      size_t n, int *first)
{
    size_t w = 0;
    char (*ids)[96] = calloc(n ? n : 1, sizeof *ids);
    const char **idp = calloc(n ? n : 1, sizeof *idp);
    if (!ids || !idp) {
        free(ids);
        free(idp);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_shown(o, &inc[i]))
            continue;
        make_id(doc->name, i, ids[w], sizeof ids[w]);
        idp[w] = ids[w];
        inc[w++] = inc[i];
    }
    n = w;
    if (o->format == X_CSV) {
        for (size_t i = 0; i < n; i++)
            fm_extract_csv_row(f, doc, ids[i], &inc[i]);
    } else if (o->format == X_JSON) {
        for (size_t i = 0; i < n; i++) {
            fputs(*first ? "\n" : ",\n", f);
            fm_extract_json(f, doc, ids[i], &inc[i]);
            *first = 0;
        }
    } else {
        fm_extract_html_doc(f, doc, idp, inc, n);
    }
    free(ids);
    free(idp);
}

/* Tells on standard error how many candidates file gave, and how many of
 * them the options leave out, by what the text tells of their toll. */
static void note_left_out(fm_cli *cli, const x_opts *o, const char *file,
                          const fm_text_incident *inc, size_t n)
{
    size_t shown = 0, nonfatal = 0, none = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_shown(o, &inc[i]))
            shown++;
        else if (toll_of(&inc[i]) == X_NONFATAL)
            nonfatal++;
        else
            none++;
    }
    fprintf(cli->err, "frontiermap: %s: %zu candidate incident%s", file, shown,
            shown == 1 ? "" : "s");
    if (nonfatal)
        fprintf(cli->err, " (%zu without a death left out; --nonfatal lists %s%s", nonfatal,
                nonfatal == 1 ? "it" : "them", none ? ";" : ")");
    if (none)
        fprintf(cli->err, "%s%zu told without a figure left out; --all lists %s)",
                nonfatal ? " " : " (", none, none == 1 ? "it" : "them");
    fputc('\n', cli->err);
}

static fm_status load_lexicon(fm_cli *cli, fm_lexicon **lx)
{
    char path[4096];
    const char *dir = fm_ctx_data_dir(cli->ctx);
    snprintf(path, sizeof path, "%s/extract/lexicon.tsv", dir ? dir : "data");
    return fm_lexicon_load(cli->ctx, path, lx);
}

static int run(fm_cli *cli, const x_opts *o, char **files, int nfiles, FILE *f,
               fm_extract_opts *xo, fm_store *st)
{
    int first = 1;
    if (o->format == X_CSV)
        fm_extract_csv_header(f);
    else if (o->format == X_JSON)
        fputs("[", f);
    else
        fm_extract_html_begin(f);
    for (int k = 0; k < nfiles; k++) {
        fm_doc *doc = NULL;
        fm_text_incident *inc = NULL;
        size_t n = 0;
        if (fm_doc_load(cli->ctx, files[k], FM_DOC_AUTO, &doc) ||
            fm_extract_run(cli->ctx, xo, doc, &inc, &n)) {
            fm_doc_free(doc);
            return fm_cli_fail(cli, fm_ctx_status(cli->ctx));
        }
        if (st)
            mark_duplicates(cli, st, inc, n);
        if (!cli->quiet)
            note_left_out(cli, o, files[k], inc, n);
        write_doc(f, o, doc, inc, n, &first);
        free(inc);
        fm_doc_free(doc);
    }
    if (o->format == X_JSON)
        fputs("\n]\n", f);
    else if (o->format == X_HTML)
        fm_extract_html_end(f);
    return FM_EXIT_OK;
}

int cmd_extract(fm_cli *cli, int argc, char **argv)
{
    x_opts o = {NULL, NULL, NULL, NULL, X_CSV, FM_DAY_NONE, 0, 0};
    fm_extract_opts xo = {0};
    fm_gazetteer *gz = NULL;
    fm_lexicon *lx = NULL;
    fm_placememo *memo = NULL;
    fm_store *st = NULL;
    fm_output *out = NULL;
    FILE *f = cli->out;
    int nfiles = 0, rc;
    if ((rc = fm_opts_parse(cli, &fm_extract_desc, &o, argc, argv, &nfiles)) >= 0 ||
        (rc = check_opts(cli, &o)) >= 0)
        return rc;
    for (int k = 0; k < nfiles; k++)
        if (fm_ctx_hold_file(cli->ctx, argv[k], FM_HELD_INPUT))
            return fm_cli_fail(cli, fm_ctx_status(cli->ctx));
    if (fm_cli_need_data(cli) || load_lexicon(cli, &lx) ||
        fm_gazetteer_open(cli->ctx, NULL, &gz))
        goto fail;
    if (fm_cli_db_path(o.db)) {
        if (fm_cli_open_store(cli, o.db, FM_STORE_READ, &st))
            goto fail;
        memo = fm_cli_placememo(cli, o.db);
    }
    if (o.output && (fm_output_open(cli->ctx, o.output, 0, &out) ||
                     !(f = fm_output_stream(out))))
        goto fail;
    xo.gz = gz;
    xo.lx = lx;
    xo.memo = memo;
    xo.dateline = o.dateline;
    xo.today = (fm_day)(time(NULL) / 86400); /* (days since 1970-01-01, UTC) */
    rc = run(cli, &o, argv, nfiles, f, &xo, st);
    if (out) {
        if (rc == FM_EXIT_OK && fm_output_commit(cli->ctx, out))
            rc = fm_cli_fail(cli, fm_ctx_status(cli->ctx));
        else if (rc != FM_EXIT_OK)
            fm_output_abort(out);
    }
    goto done;
fail:
    rc = fm_cli_fail(cli, fm_ctx_status(cli->ctx));
    fm_output_abort(out);
done:
    fm_placememo_destroy(memo);
    fm_store_close(st);
    fm_gazetteer_close(gz);
    fm_lexicon_free(lx);
    return rc;
}
