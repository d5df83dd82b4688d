/* doc.c: a report as plain text. Markdown markup and HTML tags are stripped,
 * HTML entities decoded, PDF read through poppler's pdftotext, and lines
 * rejoined into paragraphs (one per line, blank-line separated) so that the
 * sentence splitter and every offset work on one clean text. */
#include <ctype.h>
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text/fm_text.h"
#include "text/text_priv.h"

extern char **environ;

fm_doc_format fm_doc_format_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return FM_DOC_AUTO;
    if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
        return FM_DOC_MARKDOWN;
    if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml"))
        return FM_DOC_HTML;
    if (!strcasecmp(dot, ".pdf"))
        return FM_DOC_PDF;
    if (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".text") || !strcasecmp(dot, ".srt") ||
        !strcasecmp(dot, ".vtt") || !strcasecmp(dot, ".ics"))
        return FM_DOC_TEXT; /* (subtitles are told by their content) */
    return FM_DOC_AUTO;
}

static fm_doc_format sniff(const char *data, size_t len)
{
    size_t n = len < 2048 ? len : 2048;
    if (len >= 5 && !memcmp(data, "%PDF-", 5))
        return FM_DOC_PDF;
    for (size_t i = 0; i + 5 < n; i++)
        if (data[i] == '<' && (!strncasecmp(data + i, "<html", 5) ||
                               !strncasecmp(data + i, "<!doctype html", 14) ||
                               !strncasecmp(data + i, "<body", 5) || !strncasecmp(data + i, "<p>", 3)))
            return FM_DOC_HTML;
    return FM_DOC_TEXT;
}

/* Reads the whole of path into memory (caller frees). */
static fm_status slurp(fm_ctx *ctx, const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    fm_buf b = {0};
    char chunk[65536];
    size_t got;
    if (!f)
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (fm_buf_append(ctx, &b, chunk, got)) {
            fclose(f);
            free(b.data);
            return fm_ctx_status(ctx);
        }
    if (ferror(f)) {
        fclose(f);
        free(b.data);
        return fm_error(ctx, FM_EIO, "cannot read '%s': %s", path, strerror(errno));
    }
    fclose(f);
    if (!b.data && fm_buf_puts(ctx, &b, ""))
        return fm_ctx_status(ctx);
    *out = b.data;
    *len = b.len;
    return FM_OK;
}

/* Runs pdftotext on path and collects its output (caller frees). */
static fm_status pdf_text(fm_ctx *ctx, const char *path, char **out, size_t *len)
{
    int fd[2];
    pid_t pid;
    posix_spawn_file_actions_t fa;
    char *argv[] = {"pdftotext", "-enc", "UTF-8", "-q", (char *)path, "-", NULL};
    fm_buf b = {0};
    char chunk[65536];
    ssize_t got;
    int status = 0, rc;
    if (pipe(fd))
        return fm_error(ctx, FM_EIO, "cannot read '%s': %s", path, strerror(errno));
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc) {
        close(fd[0]);
        return fm_error(ctx, FM_EIO,
                        "cannot read PDF '%s': pdftotext (poppler-utils) cannot be run: %s",
                        path, strerror(rc));
    }
    while ((got = read(fd[0], chunk, sizeof chunk)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || fm_buf_append(ctx, &b, chunk, (size_t)got))
            break;
    }
    close(fd[0]);
    waitpid(pid, &status, 0);
    if (fm_ctx_status(ctx) || !WIFEXITED(status) || WEXITSTATUS(status)) {
        free(b.data);
        if (fm_ctx_status(ctx))
            return fm_ctx_status(ctx);
        return fm_error(ctx, FM_EINVAL, "cannot read PDF '%s': pdftotext failed (exit %d)",
                        path, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    if (!b.data && fm_buf_puts(ctx, &b, ""))
        return fm_ctx_status(ctx);
    *out = b.data;
    *len = b.len;
    return FM_OK;
}

/* Drops reference marks written against a word ("were killed.[46]",
 * "Army[41][42]"): a footnote's number is not a count. In place; returns the
 * new length. */
static size_t drop_citations(char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        if (s[i] == '[' && w > 0 && s[w - 1] != ' ' && s[w - 1] != '\n' && s[w - 1] != '\t') {
            size_t d0 = j += j < n && s[j] == '^'; /* a Markdown footnote: "[^4]" */
            while (j < n && j - d0 < 3 && s[j] >= '0' && s[j] <= '9')
                j++;
            if (j > d0 && j < n && s[j] == ']') {
                i = j + 1;
                continue;
            }
        }
        s[w++] = s[i++];
    }
    s[w] = '\0';
    return w;
}

/* "5 militants killed, ~~4~~ 5 per DPO": text struck out (Markdown's
 * "~~...~~", on one line) was withdrawn by its writer and goes, with one of
 * the spaces around it; in place, returns the new length. */
static size_t drop_struck(char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        if (i + 4 < n && s[i] == '~' && s[i + 1] == '~' && s[i + 2] != '~' && s[i + 2] != ' ') {
            size_t j = i + 2;
            while (j + 1 < n && j < i + 82 && s[j] != '\n' && !(s[j] == '~' && s[j + 1] == '~'))
                j++;
            if (j + 1 < n && s[j] == '~' && s[j + 1] == '~' && s[j - 1] != ' ') {
                i = j + 2;
                if (i < n && s[i] == ' ' && w > 0 && s[w - 1] == ' ')
                    i++;
                continue;
            }
        }
        s[w++] = s[i++];
    }
    s[w] = '\0';
    return w;
}

/* A digest's item: its paper and issue on one line, its headline in quotes
 * under it ("Daily Express (Peshawar), Friday 20 October 2006, p. 1" over
 * "\"Two soldiers martyred at Ganji Tikri\""), then its story. The headline
 * repeats the story, and read with the issue line it made the paper's city
 * and day the incident's; it goes (a quotation that ends a sentence, '...
 * killed 12 soldiers."', is someone's words and stays). In place; returns
 * the new length. */
static size_t drop_quoted_headlines(char *s, size_t n)
{
    size_t w = 0, prev = (size_t)-1, prev_end = 0; /* the line above: start, end in s */
    for (size_t i = 0; i < n;) {
        size_t e = i, q = i;
        while (e < n && s[e] != '\n')
            e++;
        int first = 0, last = 0;
        if (s[i] == '"' && prev != (size_t)-1 && prev_end > prev)
            fm_tx_head_years(s + prev, prev_end - prev, &first, &last);
        if (first) {
            /* the quote's last line: one to three lines on, ending in a
             * quotation mark after a letter or digit, then a blank line */
            size_t k = i, end = 0;
            for (int lines = 0; lines < 3 && k < n && !end; lines++) {
                size_t le = k;
                while (le < n && s[le] != '\n')
                    le++;
                if (le == k)
                    break;
                if (le - k >= 2 && s[le - 1] == '"' && isalnum((unsigned char)s[le - 2]) &&
                    (le + 1 >= n || s[le + 1] == '\n'))
                    end = le;
                k = le + 1;
            }
            for (q = i + 1; end && q < end - 1; q++)
                if (s[q] == '"')
                    end = 0; /* (two quotations) */
            if (end && end - i < 200) {
                i = end + (end < n);
                continue;
            }
        }
        prev = i;
        prev_end = e;
        while (i < e)
            s[w++] = s[i++];
        if (i < n)
            s[w++] = s[i++];
    }
    s[w] = '\0';
    return w;
}

/* "> They took people off three buses": an e-mail's quoting marks at the
 * start of a line go; what they quote is part of the text. Appends to out. */
static fm_status strip_quoting(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k < n && s[k] == '>') {
            while (k < n && s[k] == '>') {
                k++;
                if (k < n && s[k] == ' ')
                    k++;
            }
            i = k;
        }
        while (i < n && s[i] != '\n')
            fm_buf_putc(ctx, out, s[i++]);
        if (i < n)
            fm_buf_putc(ctx, out, s[i++]);
    }
    return fm_doc_finish(ctx, out);
}

fm_status fm_doc_from_mem(fm_ctx *ctx, const char *name, const char *data, size_t len,
                          fm_doc_format format, fm_doc **out)
{
    fm_doc *doc;
    fm_buf plain = {0}, digits = {0}, mended = {0}, spelt = {0}, records = {0}, labelled = {0}, cols = {0},
           tsv = {0}, csv = {0}, rows = {0}, joined = {0};
    fm_status st;
    *out = NULL;
    if (format == FM_DOC_AUTO)
        format = sniff(data, len);
    if (format == FM_DOC_PDF)
        return fm_error(ctx, FM_EINVAL, "'%s': a PDF must be read from a file", name);
    if (fm_doc_is_kml(data, len) && format != FM_DOC_MARKDOWN)
        st = fm_doc_strip_kml(ctx, data, len, &plain);
    else if (format == FM_DOC_HTML)
        st = fm_doc_strip_html(ctx, data, len, &plain);
    else if (format == FM_DOC_MARKDOWN) {
        fm_buf resolved = {0}; /* (Pandoc's tracked changes decided first) */
        st = fm_doc_pandoc_spans(ctx, data, len, &resolved);
        if (!st)
            st = fm_doc_strip_markdown(ctx, resolved.data, resolved.len, &plain);
        free(resolved.data);
    }
    else if (fm_doc_is_ical(data, len))
        st = fm_doc_strip_ical(ctx, data, len, &plain);
    else if (fm_doc_is_subtitles(data, len))
        st = fm_doc_strip_subtitles(ctx, data, len, &plain);
    else if (fm_doc_is_chat(data, len))
        st = fm_doc_strip_chat(ctx, data, len, &plain);
    else if (fm_doc_is_wiki(data, len))
        st = fm_doc_strip_wiki(ctx, data, len, &plain);
    else if (fm_doc_is_latex(data, len))
        st = fm_doc_strip_latex(ctx, data, len, &plain);
    else
        st = strip_quoting(ctx, data, len, &plain);
    if (!st && !plain.data)
        st = fm_buf_puts(ctx, &plain, "");
    if (!st) {
        for (size_t i = 0; i < plain.len; i++)
            if (!plain.data[i])
                plain.data[i] = ' ';
        fm_utf8_repair(plain.data);
        plain.len = drop_citations(plain.data, strlen(plain.data));
        plain.len = drop_struck(plain.data, plain.len);
        plain.len = drop_quoted_headlines(plain.data, plain.len);
        st = fm_doc_ascii_digits(ctx, plain.data, plain.len, &digits);
    }
    if (!st)
        st = fm_doc_ocr_mend(ctx, digits.data, digits.len, &mended);
    if (!st)
        st = fm_doc_legend(ctx, mended.data, mended.len, &spelt);
    if (!st)
        st = fm_doc_json_records(ctx, spelt.data, spelt.len, &records);
    if (!st)
        st = fm_doc_split_labels(ctx, records.data, records.len, &labelled);
    if (!st)
        st = fm_doc_columns(ctx, labelled.data, labelled.len, &cols);
    if (!st)
        st = fm_doc_tsv(ctx, cols.data, cols.len, &tsv);
    if (!st)
        st = fm_doc_csv_table(ctx, tsv.data, tsv.len, &csv);
    if (!st)
        st = fm_doc_tables(ctx, csv.data, csv.len, &rows);
    if (!st)
        st = fm_doc_join_lines(ctx, rows.data, rows.len, &joined);
    free(plain.data);
    free(digits.data);
    free(mended.data);
    free(spelt.data);
    free(records.data);
    free(labelled.data);
    free(cols.data);
    free(tsv.data);
    free(csv.data);
    free(rows.data);
    if (st) {
        free(joined.data);
        return st;
    }
    doc = calloc(1, sizeof *doc);
    if (!doc || !(doc->name = strdup(name))) {
        free(doc);
        free(joined.data);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    doc->text = joined.data;
    doc->len = joined.len;
    doc->format = format;
    *out = doc;
    return FM_OK;
}

fm_status fm_doc_load(fm_ctx *ctx, const char *path, fm_doc_format format, fm_doc **out)
{
    char *data = NULL;
    size_t len = 0;
    fm_status st;
    *out = NULL;
    if (format == FM_DOC_AUTO)
        format = fm_doc_format_of(path);
    if (format == FM_DOC_PDF)
        st = pdf_text(ctx, path, &data, &len);
    else
        st = slurp(ctx, path, &data, &len);
    if (st)
        return st;
    if (format == FM_DOC_AUTO && len >= 5 && !memcmp(data, "%PDF-", 5)) {
        free(data);
        return fm_doc_load(ctx, path, FM_DOC_PDF, out);
    }
    st = fm_doc_from_mem(ctx, path, data, len, format == FM_DOC_PDF ? FM_DOC_TEXT : format, out);
    if (!st && format == FM_DOC_PDF)
        (*out)->format = FM_DOC_PDF;
    free(data);
    return st;
}

void fm_doc_free(fm_doc *doc)
{
    if (!doc)
        return;
    free(doc->name);
    free(doc->text);
    free(doc);
}
