/* html_table.c: an HTML <table> as a pipe table, so that table.c reads it
 * a row at a time ("On 9 January 2018, in Sariab, Quetta, 2 killed ...")
 * instead of as one paragraph a cell. Cells spanning rows or columns are
 * laid on a grid; the header rows (in <thead>, or leading rows of <th>
 * only) become one header whose column names join the names above them
 * ("Martyred" over "LEAs" and "Civilians": "Martyred LEAs", "Martyred
 * Civilians"). A cell's text is the HTML stripper's, on one line. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define HT_MAX_COLS 16
#define HT_MAX_ROWS 512

typedef struct {
    char *cell[HT_MAX_ROWS][HT_MAX_COLS]; /* owned; NULL: empty */
    int head[HT_MAX_ROWS];                /* the row is a header row */
    size_t rows, cols;
    size_t span_left[HT_MAX_COLS];        /* rows a rowspan still covers */
    char *span_text[HT_MAX_COLS];         /* borrowed from the cell that spans */
} ht_grid;

static int is_tag(const char *s, size_t t0, size_t tn, const char *name)
{
    return tn == strlen(name) && !strncasecmp(s + t0, name, tn);
}

/* colspan="2", rowspan=3 in the attributes [a, b); 1 when absent. */
static size_t span_attr(const char *s, size_t a, size_t b, const char *name)
{
    size_t l = strlen(name);
    for (size_t i = a; i + l < b; i++)
        if (!strncasecmp(s + i, name, l) && s[i + l] == '=') {
            size_t k = i + l + 1;
            long v = 0;
            if (k < b && (s[k] == '"' || s[k] == '\''))
                k++;
            while (k < b && isdigit((unsigned char)s[k]) && v < 1000)
                v = v * 10 + (s[k++] - '0');
            return v >= 1 && v <= 64 ? (size_t)v : 1;
        }
    return 1;
}

/* The cell's text on one line: stripped, spaces collapsed, bars made
 * slashes (they would split the pipe row). NULL when empty or on failure. */
static char *cell_text(fm_ctx *ctx, const char *s, size_t a, size_t b)
{
    fm_buf raw = {0};
    char *out = NULL;
    if (fm_doc_strip_html(ctx, s + a, b - a, &raw) == FM_OK && raw.data) {
        size_t w = 0;
        int space = 1;
        for (size_t i = 0; i < raw.len; i++) {
            char c = raw.data[i];
            if (isspace((unsigned char)c)) {
                if (!space)
                    raw.data[w++] = ' ';
                space = 1;
                continue;
            }
            raw.data[w++] = c == '|' ? '/' : c;
            space = 0;
        }
        while (w > 0 && raw.data[w - 1] == ' ')
            w--;
        raw.data[w] = '\0';
        if (w) {
            out = raw.data;
            raw.data = NULL;
        }
    }
    fm_buf_free(&raw);
    return out;
}

static void grid_free(ht_grid *g)
{
    for (size_t r = 0; r < g->rows; r++)
        for (size_t c = 0; c < HT_MAX_COLS; c++)
            free(g->cell[r][c]);
}

/* Starts a row: the columns rowspans from above still cover are filled. */
static int row_begin(ht_grid *g, int head)
{
    if (g->rows >= HT_MAX_ROWS)
        return 0;
    g->head[g->rows] = head;
    g->rows++;
    return 1;
}

/* The next free column of the current row. */
static size_t next_col(const ht_grid *g, size_t c)
{
    while (c < HT_MAX_COLS && (g->cell[g->rows - 1][c] || g->span_left[c]))
        c++;
    return c;
}

/* Places text at the current row's column c over cs columns and rs rows;
 * takes text. 0 when out of memory. */
static int put(ht_grid *g, size_t c, size_t cs, size_t rs, char *text)
{
    for (size_t k = 0; k < cs && c + k < HT_MAX_COLS; k++) {
        char *t = text ? strdup(text) : NULL;
        if (text && !t) {
            free(text);
            return 0;
        }
        g->cell[g->rows - 1][c + k] = t;
        if (rs > 1) {
            g->span_left[c + k] = rs - 1;
            g->span_text[c + k] = t;
        }
        if (c + k + 1 > g->cols)
            g->cols = c + k + 1;
    }
    free(text);
    return 1;
}

/* Before a row's cells: the columns covered from above are filled. 0 when
 * out of memory. */
static int row_fill_spans(ht_grid *g)
{
    for (size_t c = 0; c < HT_MAX_COLS; c++)
        if (g->span_left[c]) {
            g->cell[g->rows - 1][c] = g->span_text[c] ? strdup(g->span_text[c]) : NULL;
            if (g->span_text[c] && !g->cell[g->rows - 1][c])
                return 0;
            g->span_left[c]--;
            /* span_text stays borrowed from the first row, which keeps it */
        }
    return 1;
}

static void put_escaped(fm_ctx *ctx, fm_buf *out, const char *t)
{
    fm_buf_puts(ctx, out, t ? t : "");
}

/* Writes the grid as a pipe table; 0 when it is no data table (one column,
 * or a header and nothing under it). */
static int grid_write(fm_ctx *ctx, const ht_grid *g, fm_buf *out)
{
    size_t h = 0, cols = g->cols;
    while (h < g->rows && g->head[h])
        h++;
    if (cols < 2 || g->rows < 2)
        return 0;
    if (!h)
        h = 1; /* no header marked: the first row names the columns */
    if (h >= g->rows)
        return 0;
    fm_buf_puts(ctx, out, "\n\n|");
    for (size_t c = 0; c < cols; c++) {
        const char *last = NULL;
        int any = 0;
        fm_buf_putc(ctx, out, ' ');
        for (size_t r = 0; r < h; r++) {
            const char *t = g->cell[r][c];
            if (!t || (last && !strcmp(last, t)))
                continue;
            if (any)
                fm_buf_putc(ctx, out, ' ');
            put_escaped(ctx, out, t);
            last = t;
            any = 1;
        }
        fm_buf_puts(ctx, out, " |");
    }
    fm_buf_puts(ctx, out, "\n|");
    for (size_t c = 0; c < cols; c++)
        fm_buf_puts(ctx, out, "---|");
    fm_buf_putc(ctx, out, '\n');
    for (size_t r = h; r < g->rows; r++) {
        fm_buf_putc(ctx, out, '|');
        for (size_t c = 0; c < cols; c++) {
            fm_buf_putc(ctx, out, ' ');
            put_escaped(ctx, out, g->cell[r][c]);
            fm_buf_puts(ctx, out, " |");
        }
        fm_buf_putc(ctx, out, '\n');
    }
    fm_buf_puts(ctx, out, "\n");
    return 1;
}

size_t fm_html_table(fm_ctx *ctx, const char *s, size_t n, size_t at, fm_buf *out)
{
    ht_grid *g = calloc(1, sizeof *g);
    size_t i = at, end = 0, col = 0;
    int depth = 0, in_head = 0, in_row = 0, ok = 1;
    if (!g)
        return 0;
    while (i < n && !end && ok) {
        size_t t0, tn, after, cs, rs, k;
        int closing;
        if (s[i] != '<') {
            i++;
            continue;
        }
        after = fm_doc_tag_at(s, n, i, &t0, &tn, &closing);
        if (is_tag(s, t0, tn, "table")) {
            depth += closing ? -1 : 1;
            if (!depth)
                end = after;
            else if (depth > 1)
                ok = 0; /* a table in a table: a layout, left to the stripper */
            i = after;
            continue;
        }
        if (is_tag(s, t0, tn, "thead")) {
            in_head = !closing;
        } else if (is_tag(s, t0, tn, "tr") && !closing) {
            if (!(ok = row_begin(g, in_head) && row_fill_spans(g)))
                break;
            in_row = 1;
            col = 0;
        } else if (is_tag(s, t0, tn, "tr") && closing) {
            in_row = 0;
        } else if ((is_tag(s, t0, tn, "td") || is_tag(s, t0, tn, "th")) && !closing) {
            int th = is_tag(s, t0, tn, "th");
            if (!in_row) {
                if (!(ok = row_begin(g, in_head) && row_fill_spans(g)))
                    break;
                in_row = 1;
                col = 0;
            }
            if (!th)
                g->head[g->rows - 1] = in_head; /* a <td> makes the row data */
            else if (g->rows == 1 || g->head[g->rows - 2])
                g->head[g->rows - 1] |= 1; /* leading rows of <th> only */
            cs = span_attr(s, t0 + tn, after, "colspan");
            rs = span_attr(s, t0 + tn, after, "rowspan");
            /* the cell runs to the next cell, row or table tag */
            for (k = after; k < n; k++) {
                size_t u0, un;
                int cl;
                if (s[k] != '<')
                    continue;
                (void)fm_doc_tag_at(s, n, k, &u0, &un, &cl);
                if (is_tag(s, u0, un, "td") || is_tag(s, u0, un, "th") ||
                    is_tag(s, u0, un, "tr") || is_tag(s, u0, un, "table") ||
                    is_tag(s, u0, un, "tbody") || is_tag(s, u0, un, "thead"))
                    break;
            }
            col = next_col(g, col);
            if (col >= HT_MAX_COLS) {
                ok = 0;
                break;
            }
            if (!(ok = put(g, col, cs, rs, cell_text(ctx, s, after, k))))
                break; /* (out of memory: the stripper reads the table cell by cell) */
            col += cs;
            i = k;
            continue;
        }
        i = after;
    }
    if (ok && end && fm_ctx_status(ctx) == FM_OK) {
        /* a row of <th> after data rows is not the header: only leading ones */
        int data_seen = 0;
        for (size_t r = 0; r < g->rows; r++) {
            data_seen |= !g->head[r];
            if (data_seen)
                g->head[r] = 0;
        }
        if (!grid_write(ctx, g, out))
            end = 0;
    } else {
        end = 0;
    }
    grid_free(g);
    free(g);
    return end;
}
