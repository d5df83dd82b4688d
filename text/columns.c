/* columns.c: prose laid out in two columns side by side, as `pdftotext
 * -layout` gives a page with a sidebar or a magazine's boxed timeline
 * beside its body. A run of lines that all break at one column (a gap of
 * three spaces or more ending there, or nothing past it) is written as its
 * left column, then its right one, each on its own, so neither column's
 * sentences run into the other's. A box's borders ("+----+", "| ... |")
 * are dropped. A column whose entries hang (the first line of each at the
 * column's edge, the rest indented, as a timeline's) gets each entry as a
 * paragraph of one line ending in a stop: a sentence, not a heading.
 * Tables (several gaps in a line) are left to table.c. */
#include <stdlib.h>
#include <string.h>

#include "text/text_priv.h"

#define COL_MIN 20    /* a right column starts this many characters in, or more */
#define COL_GAP 3     /* spaces between the columns, at least */
#define COL_SPLIT 5   /* lines with text on both sides, at least */
#define COL_LINES 256 /* lines in one run, at most */

typedef struct {
    size_t a, b; /* the line, its end */
} line_t;

/* The byte offset of the character at column c of line [a, b), or b when
 * the line is shorter. UTF-8: continuation bytes take no column. */
static size_t byte_at(const char *s, size_t a, size_t b, size_t c)
{
    size_t k = a, col = 0;
    while (k < b && col < c) {
        k++;
        while (k < b && ((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
        col++;
    }
    return k;
}

static int blank(const char *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
            return 0;
    return 1;
}

/* The line's fit to a break at column x: 0 no fit (text crosses it), 1 text
 * on the left only (or none), 2 on the right only, 3 on both sides. */
static int fit(const char *s, const line_t *l, size_t x)
{
    size_t at = byte_at(s, l->a, l->b, x), g = at;
    int left, right;
    if (at >= l->b)
        return 1;
    if (s[at] == ' ')
        return 0; /* (the right column starts exactly at x) */
    while (g > l->a && s[g - 1] == ' ')
        g--;
    if (g != l->a && at - g < COL_GAP)
        return 0;
    left = !blank(s, l->a, g);
    right = !blank(s, at, l->b);
    return left && right ? 3 : right ? 2 : 1;
}

/* Whether the part [a, b) reads as prose: three words or more, no gap of
 * three spaces (a table's cells). */
static int prose(const char *s, size_t a, size_t b)
{
    size_t words = 0, run = 0;
    for (size_t k = a; k < b; k++) {
        if (s[k] == ' ') {
            if (++run >= COL_GAP && k + 1 < b && s[k + 1] != ' ')
                return 0;
        } else {
            words += run > 0 || k == a;
            run = 0;
        }
    }
    return words >= 3;
}

/* A box's border line or edge: "+-----+", "|". */
static int border(const char *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!strchr("+-=|_ \r", s[k]))
            return 0;
    return 1;
}

/* Column [from, to) of line l (to (size_t)-1: to the line's end), box
 * edges and the spaces around it dropped, into [*a, *b); its indent. */
static size_t part_of(const char *s, const line_t *l, size_t from, size_t to, size_t *a,
                      size_t *b)
{
    size_t ind = 0;
    *a = byte_at(s, l->a, l->b, from);
    *b = to == (size_t)-1 ? l->b : byte_at(s, l->a, l->b, to);
    while (*b > *a && (s[*b - 1] == ' ' || s[*b - 1] == '\r'))
        (*b)--;
    if (*b > *a && s[*b - 1] == '|')
        (*b)--; /* "| 6 MARCH (Tue) - Azam Warsak:     |" */
    while (*b > *a && s[*b - 1] == ' ')
        (*b)--;
    if (*a < *b && s[*a] == '|')
        (*a)++;
    while (*a < *b && s[*a] == ' ')
        (*a)++, ind++;
    return ind;
}

/* Ends a timeline's entry as a sentence: "first clash; 17 dead - twelve
 * Uzbeks ... caught between" has no stop of its own, and an entry is no
 * heading. */
static void end_entry(fm_ctx *ctx, fm_buf *out)
{
    size_t k = out->len;
    while (k > 0 && (out->data[k - 1] == '\n' || out->data[k - 1] == ' '))
        k--;
    if (k > 0 && !strchr(".!?:;", out->data[k - 1])) {
        out->len = k;
        fm_buf_puts(ctx, out, ".\n");
    }
}

/* Writes column [from, to) of the nl lines, box borders dropped, a blank
 * part a paragraph's break; when its entries hang (two or more lines at
 * the column's edge and two or more further in), each entry a paragraph
 * and a sentence. first: the left column, which goes on from the text
 * before it. */
static void put_column(fm_ctx *ctx, const char *s, const line_t *ln, size_t nl, size_t from,
                       size_t to, int first, fm_buf *out)
{
    size_t edge = (size_t)-1, flush = 0, hang = 0, a, b;
    int entries, gap = !first;
    for (size_t i = 0; i < nl; i++) {
        size_t ind = part_of(s, &ln[i], from, to, &a, &b);
        if (a < b && !border(s, a, b) && ind < edge)
            edge = ind;
    }
    for (size_t i = 0; i < nl; i++) {
        size_t ind = part_of(s, &ln[i], from, to, &a, &b);
        if (a < b && !border(s, a, b))
            flush += ind == edge, hang += ind != edge;
    }
    entries = hang >= 2 && flush >= 2;
    for (size_t i = 0; i < nl; i++) {
        size_t ind = part_of(s, &ln[i], from, to, &a, &b);
        if (a >= b || border(s, a, b)) {
            gap = 1; /* (a paragraph's break, once) */
            continue;
        }
        if (entries && ind == edge && out->len)
            end_entry(ctx, out);
        if (gap || (entries && ind == edge))
            fm_buf_putc(ctx, out, '\n');
        else if (entries && out->len && out->data[out->len - 1] == '\n')
            out->data[out->len - 1] = ' '; /* an entry's lines, one line: "6 MARCH
                                            * (Tue) - Azam Warsak:" is no heading */
        gap = 0;
        fm_buf_append(ctx, out, s + a, b - a);
        fm_buf_putc(ctx, out, '\n');
    }
    if (entries)
        end_entry(ctx, out);
    fm_buf_putc(ctx, out, '\n');
}

/* The run of lines from ln[0] that breaks at one column: its column (0 when
 * there is none) and its length, into *len. */
static size_t find_run(const char *s, const line_t *ln, size_t nl, size_t *len)
{
    /* the columns where a gap ends in the first line with text on both sides */
    for (size_t x = COL_MIN; x < 120; x++) {
        size_t i, split = 0, good = 0, last = 0;
        if (fit(s, &ln[0], x) != 3)
            continue;
        for (i = 0; i < nl && i < COL_LINES; i++) {
            int f = fit(s, &ln[i], x);
            if (!f)
                break;
            if (f == 3) {
                size_t la, lb, ra, rb;
                part_of(s, &ln[i], 0, x, &la, &lb);
                part_of(s, &ln[i], x, (size_t)-1, &ra, &rb);
                split++;
                good += prose(s, la, lb) && (prose(s, ra, rb) || border(s, ra, rb));
            }
            if (!blank(s, ln[i].a, ln[i].b))
                last = i + 1;
        }
        if (split >= COL_SPLIT && 2 * good >= split) {
            *len = last;
            return x;
        }
    }
    return 0;
}

/* Whether the line has a gap of COL_GAP spaces or more before more text:
 * none, no column can start in it. */
static int has_gap(const char *s, const line_t *l)
{
    size_t run = 0;
    for (size_t k = l->a; k < l->b; k++) {
        if (s[k] == ' ')
            run++;
        else {
            if (run >= COL_GAP && k - run > l->a)
                return 1;
            run = 0;
        }
    }
    return 0;
}

fm_status fm_doc_columns(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    line_t *ln = NULL;
    size_t nl = 0, cap = 0, i = 0;
    for (size_t k = 0; k < n;) { /* the lines, once */
        size_t e = fm_tx_line_end(s, n, k);
        if (fm_grow(ctx, (void **)&ln, &cap, nl + 1, sizeof *ln)) {
            free(ln);
            return fm_ctx_status(ctx);
        }
        ln[nl].a = k;
        ln[nl].b = e;
        nl++;
        k = e < n ? e + 1 : n;
    }
    while (i < nl) {
        size_t x = 0, len = 0, rest = nl - i < COL_LINES ? nl - i : COL_LINES;
        if (has_gap(s, &ln[i]) && (x = find_run(s, ln + i, rest, &len)) != 0 && len > 0) {
            put_column(ctx, s, ln + i, len, 0, x, 1, out);
            put_column(ctx, s, ln + i, len, x, (size_t)-1, 0, out);
            i += len;
            continue;
        }
        fm_buf_append(ctx, out, s + ln[i].a, ln[i].b - ln[i].a);
        if (ln[i].b < n)
            fm_buf_putc(ctx, out, '\n');
        i++;
    }
    free(ln);
    return fm_doc_finish(ctx, out);
}
