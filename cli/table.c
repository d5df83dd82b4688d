/* table.c: prints rows of strings as an aligned text table, RFC 4180 CSV or
 * a JSON array of objects; shared by geocode, where, near and stats. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

struct fm_table {
    size_t ncols, nrows, cap;
    char **headers;
    int *numeric;
    char **cells; /* nrows * ncols */
};

int fm_table_format_parse(const char *s, fm_table_format *out)
{
    if (!strcasecmp(s, "table") || !strcasecmp(s, "text"))
        *out = FM_TABLE_TEXT;
    else if (!strcasecmp(s, "csv"))
        *out = FM_TABLE_CSV;
    else if (!strcasecmp(s, "json"))
        *out = FM_TABLE_JSON;
    else
        return -1;
    return 0;
}

fm_table *fm_table_create(size_t ncols, const char *const *headers, const int *numeric)
{
    fm_table *t = calloc(1, sizeof *t);
    size_t i;
    if (!t)
        return NULL;
    t->ncols = ncols;
    t->headers = calloc(ncols, sizeof *t->headers);
    t->numeric = calloc(ncols, sizeof *t->numeric);
    if (!t->headers || !t->numeric) {
        fm_table_destroy(t);
        return NULL;
    }
    for (i = 0; i < ncols; i++) {
        if (!(t->headers[i] = strdup(headers[i]))) {
            fm_table_destroy(t);
            return NULL;
        }
        t->numeric[i] = numeric ? numeric[i] : 0;
    }
    return t;
}

void fm_table_destroy(fm_table *t)
{
    size_t i;
    if (!t)
        return;
    for (i = 0; t->headers && i < t->ncols; i++)
        free(t->headers[i]);
    for (i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->headers);
    free(t->numeric);
    free(t->cells);
    free(t);
}

fm_status fm_table_add(fm_ctx *ctx, fm_table *t, const char *const *cells)
{
    void *p = t->cells;
    size_t i, base = t->nrows * t->ncols;
    if (fm_grow(ctx, &p, &t->cap, base + t->ncols, sizeof(char *)))
        return FM_ENOMEM;
    t->cells = p;
    for (i = 0; i < t->ncols; i++) {
        t->cells[base + i] = cells[i] ? strdup(cells[i]) : NULL;
        if (cells[i] && !t->cells[base + i]) {
            while (i--)
                free(t->cells[base + i]);
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        }
    }
    t->nrows++;
    return FM_OK;
}

/* Display width in characters, counting UTF-8 continuation bytes as nothing. */
static size_t utf8_width(const char *s)
{
    size_t w = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void print_text(const fm_table *t, FILE *f)
{
    size_t *w = calloc(t->ncols, sizeof *w), r, c;
    if (!w)
        return;
    for (c = 0; c < t->ncols; c++)
        w[c] = utf8_width(t->headers[c]);
    for (r = 0; r < t->nrows; r++)
        for (c = 0; c < t->ncols; c++) {
            size_t cw = utf8_width(t->cells[r * t->ncols + c]);
            if (cw > w[c])
                w[c] = cw;
        }
    for (r = 0; r <= t->nrows; r++) {
        for (c = 0; c < t->ncols; c++) {
            const char *s = r == 0 ? t->headers[c] : t->cells[(r - 1) * t->ncols + c];
            size_t pad = w[c] - utf8_width(s);
            const char *sep = c + 1 < t->ncols ? "  " : "";
            if (t->numeric[c] && r > 0)
                fprintf(f, "%*s%s%s", (int)pad, "", s ? s : "", sep);
            else if (c + 1 < t->ncols)
                fprintf(f, "%s%*s%s", s ? s : "", (int)pad, "", sep);
            else
                fputs(s ? s : "", f);
        }
        fputc('\n', f);
    }
    free(w);
}

static void print_json(const fm_table *t, FILE *f)
{
    size_t r, c;
    fputs("[", f);
    for (r = 0; r < t->nrows; r++) {
        fputs(r ? ",\n {" : "\n {", f);
        for (c = 0; c < t->ncols; c++) {
            const char *s = t->cells[r * t->ncols + c];
            if (c)
                fputs(", ", f);
            fm_json_write_string(f, t->headers[c]);
            fputs(": ", f);
            if (!s || !*s)
                fputs("null", f);
            else if (t->numeric[c])
                fputs(s, f);
            else
                fm_json_write_string(f, s);
        }
        fputs("}", f);
    }
    fputs(t->nrows ? "\n]\n" : "]\n", f);
}

void fm_table_print(const fm_table *t, fm_table_format fmt, FILE *f)
{
    size_t r, c;
    if (fmt == FM_TABLE_TEXT) {
        print_text(t, f);
    } else if (fmt == FM_TABLE_JSON) {
        print_json(t, f);
    } else {
        for (r = 0; r <= t->nrows; r++)
            for (c = 0; c < t->ncols; c++) {
                fm_csv_write_field(f, r ? t->cells[(r - 1) * t->ncols + c] : t->headers[c]);
                fputc(c + 1 < t->ncols ? ',' : '\n', f);
            }
    }
}
