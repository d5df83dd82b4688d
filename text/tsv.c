/* tsv.c: a spreadsheet pasted as text. Lines whose cells are separated by
 * tabs ("Row\tDate\tAgency/District\tPlace\t...\tKilled\tInjured") become a
 * pipe table for table.c, the first such line its header, so each row is
 * read as one incident; a line of one cell and trailing tabs (a sheet's
 * title) is copied without them; every other line is copied as it is. */
#include <string.h>

#include "text/text_priv.h"

/* The tab-separated cells of line [a, b) that hold text. */
static size_t filled_cells(const char *s, size_t a, size_t b, size_t *tabs)
{
    size_t filled = 0, k = a;
    *tabs = 0;
    while (k <= b) {
        size_t e = k;
        int text = 0;
        while (e < b && s[e] != '\t')
            text |= s[e] != ' ' && s[e] != '\r', e++;
        filled += text;
        if (e < b)
            (*tabs)++;
        k = e + 1;
    }
    return filled;
}

/* One line as a pipe-table row: tabs become cell bars, bars in the text
 * become slashes. */
static void put_row(fm_ctx *ctx, const char *s, size_t a, size_t b, fm_buf *out)
{
    fm_buf_puts(ctx, out, "| ");
    for (size_t k = a; k < b; k++) {
        if (s[k] == '\t')
            fm_buf_puts(ctx, out, " | ");
        else if (s[k] == '|')
            fm_buf_putc(ctx, out, '/');
        else if (s[k] != '\r')
            fm_buf_putc(ctx, out, s[k]);
    }
    fm_buf_puts(ctx, out, " |\n");
}

fm_status fm_doc_tsv(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    int in_table = 0;
    while (i < n) {
        size_t e = fm_tx_line_end(s, n, i), tabs, filled = filled_cells(s, i, e, &tabs);
        size_t e2 = e < n ? fm_tx_line_end(s, n, e + 1) : e, tabs2 = 0;
        size_t filled2 = e < n ? filled_cells(s, e + 1, e2, &tabs2) : 0;
        if (tabs >= 2 && filled >= 3 && (in_table || (tabs2 >= 2 && filled2 >= 3))) {
            put_row(ctx, s, i, e, out);
            if (!in_table) { /* the header, then its rule */
                fm_buf_putc(ctx, out, '|');
                for (size_t k = 0; k <= tabs; k++)
                    fm_buf_puts(ctx, out, "---|");
                fm_buf_putc(ctx, out, '\n');
            }
            in_table = 1;
        } else {
            size_t b = e;
            if (in_table)
                fm_buf_putc(ctx, out, '\n');
            in_table = 0;
            while (b > i && (s[b - 1] == '\t' || s[b - 1] == ' '))
                b--; /* a title's trailing tabs */
            for (size_t k = i; k < b; k++)
                fm_buf_putc(ctx, out, s[k] == '\t' ? ' ' : s[k]);
            if (e < n)
                fm_buf_putc(ctx, out, '\n');
        }
        i = e < n ? e + 1 : n;
    }
    return fm_doc_finish(ctx, out);
}
