/* fuzz_extract.c: libFuzzer target for report text: any bytes as plain text,
 * Markdown and HTML through the stripper, the sentence splitter, counts,
 * dates and the whole extraction; every reported span must lie in the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/fm_text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once: the gazetteer and lexicon are read-only inputs of every run. */
static fm_gazetteer *gz;
static fm_lexicon *lx;

/* Before the first input, outside its time limit: a cold cache builds the
 * gazetteer's index, which takes seconds under the sanitizers. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[4096];
    const char *dir = getenv("FRONTIERMAP_DATA");
    fm_ctx *ctx;
    (void)argc;
    (void)argv;
    if (!dir)
        return 0;
    if (!(ctx = fm_ctx_create()))
        abort();
    snprintf(path, sizeof path, "%s/extract/lexicon.tsv", dir);
    if (fm_gazetteer_open(ctx, dir, &gz) || fm_lexicon_load(ctx, path, &lx))
        abort();
    fm_ctx_destroy(ctx);
    return 0;
}

static void check_span(const fm_doc *d, fm_span s)
{
    if (s.end < s.start || s.end > d->len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_ctx *ctx = fm_ctx_create();
    static const fm_doc_format fmts[] = {FM_DOC_TEXT, FM_DOC_MARKDOWN, FM_DOC_HTML};
    fm_doc_format f = size ? fmts[data[0] % 3] : FM_DOC_TEXT;
    fm_doc *d = NULL;
    if (fm_doc_from_mem(ctx, "fuzz", (const char *)data, size, f, &d) == FM_OK) {
        fm_count c;
        fm_text_date dates[8], ref;
        fm_text_dateline(d->text, d->len, &ref);
        (void)fm_text_dates(d->text, d->len, &ref, dates, 8);
        for (size_t i = 0; i < d->len && i < 4096; i++)
            if (fm_count_read(d->text + i, d->len - i, &c) > d->len - i)
                abort();
        if (gz && lx) {
            fm_extract_opts o = {gz, lx, NULL, FM_DAY_NONE, 0};
            fm_text_incident *inc = NULL;
            size_t n = 0;
            if (fm_extract_run(ctx, &o, d, &inc, &n) == FM_OK)
                for (size_t i = 0; i < n; i++) {
                    check_span(d, inc[i].ev);
                    check_span(d, inc[i].date_ev);
                    check_span(d, inc[i].place_ev);
                    check_span(d, inc[i].killed_ev);
                }
            free(inc);
        }
    }
    fm_doc_free(d);
    fm_ctx_destroy(ctx);
    return 0;
}
