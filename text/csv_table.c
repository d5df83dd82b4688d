/* csv_table.c: a database export pasted or saved as comma-separated values
 * ("strike_id,date,agency,location,lat_approx,lon_approx,...,best_killed,
 * notes") as a pipe table for table.c, so each row is read as one incident
 * with its date, place, point and figures. A block starts at a header line
 * of four or more short names, one of them a date's and one a count of the
 * dead's, and runs while the lines have as many fields (quoted fields may
 * hold commas and doubled quotes); every other line, prose with its commas
 * included, is copied as it is. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define CSV_MAX_FIELDS 24

typedef struct {
    size_t a, b;  /* the field's text, quotes excluded */
    int quoted;
} csv_field;

/* The fields of line [a, b); 0 when a quote is left open or there are too
 * many. */
static size_t csv_split(const char *s, size_t a, size_t b, csv_field *f)
{
    size_t n = 0, i = a;
    while (b > a && (s[b - 1] == '\r' || s[b - 1] == ' '))
        b--;
    for (;;) {
        if (n == CSV_MAX_FIELDS)
            return 0;
        if (i < b && s[i] == '"') {
            size_t k = i + 1;
            while (k < b && !(s[k] == '"' && (k + 1 >= b || s[k + 1] != '"')))
                k += s[k] == '"' ? 2 : 1;
            if (k >= b)
                return 0;
            f[n].a = i + 1;
            f[n].b = k;
            f[n].quoted = 1;
            n++;
            i = k + 1;
            if (i < b && s[i] != ',')
                return 0;
        } else {
            size_t k = i;
            while (k < b && s[k] != ',')
                k++;
            f[n].a = i;
            f[n].b = k;
            f[n].quoted = 0;
            n++;
            i = k;
        }
        if (i >= b)
            return n;
        i++; /* the comma */
    }
}

static int field_has(const char *s, const csv_field *f, const char *const *words)
{
    for (size_t w = 0; words[w]; w++) {
        size_t l = strlen(words[w]);
        for (size_t k = f->a; k + l <= f->b; k++)
            if (!strncasecmp(s + k, words[w], l))
                return 1;
    }
    return 0;
}

/* A header: four or more short names without spaces' prose, a date's and a
 * count of the dead's among them. */
static int csv_header(const char *s, const csv_field *f, size_t n)
{
    static const char *const date[] = {"date", "day", NULL};
    static const char *const dead[] = {"killed", "fatalities", "deaths", "dead", NULL};
    int dated = 0, counted = 0;
    if (n < 4)
        return 0;
    for (size_t k = 0; k < n; k++) {
        size_t words = 0;
        if (f[k].b - f[k].a > 32 || f[k].b == f[k].a)
            return 0;
        for (size_t i = f[k].a; i < f[k].b; i++)
            words += s[i] == ' ';
        if (words > 2)
            return 0;
        dated |= field_has(s, &f[k], date);
        counted |= field_has(s, &f[k], dead);
    }
    return dated && counted;
}

static void put_row(fm_ctx *ctx, const char *s, const csv_field *f, size_t n, fm_buf *out)
{
    fm_buf_puts(ctx, out, "| ");
    for (size_t k = 0; k < n; k++) {
        for (size_t i = f[k].a; i < f[k].b; i++) {
            if (f[k].quoted && s[i] == '"')
                i++; /* ("" in a quoted field is one quote) */
            if (i < f[k].b)
                fm_buf_putc(ctx, out, s[i] == '|' ? '/' : s[i]);
        }
        fm_buf_puts(ctx, out, k + 1 < n ? " | " : " |\n");
    }
}

fm_status fm_doc_csv_table(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0, cols = 0;
    csv_field f[CSV_MAX_FIELDS];
    while (i < n) {
        size_t e = fm_tx_line_end(s, n, i), nf = memchr(s + i, ',', e - i) ? csv_split(s, i, e, f) : 0;
        if (cols && nf == cols) {
            put_row(ctx, s, f, nf, out);
        } else if (nf && csv_header(s, f, nf)) {
            if (cols)
                fm_buf_putc(ctx, out, '\n');
            put_row(ctx, s, f, nf, out);
            fm_buf_putc(ctx, out, '|');
            for (size_t k = 0; k < nf; k++)
                fm_buf_puts(ctx, out, "---|");
            fm_buf_putc(ctx, out, '\n');
            cols = nf;
        } else {
            if (cols)
                fm_buf_putc(ctx, out, '\n');
            cols = 0;
            fm_buf_append(ctx, out, s + i, e - i);
            if (e < n)
                fm_buf_putc(ctx, out, '\n');
        }
        i = e < n ? e + 1 : n;
    }
    return fm_doc_finish(ctx, out);
}
