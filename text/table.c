/* table.c: tables read as sentences. A digest's incident table ("| Date |
 * Place | District | Killed | Injured | Summary |") means one incident a
 * row, but read as prose it is one sentence of numbers. Each row becomes a
 * paragraph of its own that says what the header says of its cells: "On 2
 * Oct, in Mir Ali, North Waziristan, KP, 2 killed, 0 injured. Two militants
 * killed in an IBO." Pipe tables (Markdown, and the HTML stripper's output
 * for <table>) and grid tables ("+----+-----+" borders, a cell's text
 * wrapped over lines whose first cell is blank, as official papers and
 * psql print them) are rewritten; every other line is copied as it is. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define TABLE_MAX_COLS 16
#define TABLE_SRC_MAX 40

typedef enum {
    COL_OTHER, COL_DATE, COL_PLACE, COL_AREA, COL_KILLED, COL_INJURED, COL_SERIAL, COL_LAT, COL_LON,
    COL_SKIP
} col_role;

typedef struct {
    size_t start, end; /* trimmed */
} cell;

/* Whether the header text names the role (any of its words, as a word). */
static int names(const char *s, size_t n, const char *const *words)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; words[k]; k++)
            if (fm_tx_word_at(s, n, i, words[k]) ||
                (!strcmp(words[k], "killed") && fm_tx_word_at(s, n, i, "dead")))
                return 1;
    return 0;
}

static col_role role_of(const char *s, size_t n)
{
    static const char *const date[] = {"date", "day", "when", NULL};
    static const char *const killed[] = {"killed", "deaths", "fatalities", "died", "toll", "dead",
                                         "martyred", "martyrs", "shaheed", "shuhada", "deceased",
                                         NULL};
    static const char *const injured[] = {"injured", "wounded", "injuries", "hurt", NULL};
    static const char *const area[] = {"district", "province", "agency", "region", "admin",
                                       NULL};
    static const char *const place[] = {"place", "location", "village", "town", "area",
                                        "where", "site", NULL};
    char low[64];
    size_t m = n < sizeof low - 1 ? n : sizeof low - 1;
    for (size_t i = 0; i < m; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    low[m] = '\0';
    {
        /* "S. No", "Sr. No.", "No.", "#": a row's number, not a fact of it */
        char k[64];
        size_t j = 0;
        for (size_t i = 0; i < m; i++)
            if (isalnum((unsigned char)low[i]) || low[i] == '#')
                k[j++] = low[i];
        k[j] = '\0';
        if (!strcmp(k, "sno") || !strcmp(k, "srno") || !strcmp(k, "no") || !strcmp(k, "#") ||
            !strcmp(k, "serial") || !strcmp(k, "serialno") || !strcmp(k, "sl") ||
            !strcmp(k, "slno") || !strcmp(k, "row"))
            return COL_SERIAL;
    }
    if (!strcmp(low, "lat") || !strcmp(low, "latitude") || !strncmp(low, "lat_", 4) ||
        !strncmp(low, "latitude ", 9) || !strcmp(low, "y_lat"))
        return COL_LAT; /* "lat", "latitude", "lat_approx" */
    if (!strcmp(low, "lon") || !strcmp(low, "long") || !strcmp(low, "lng") ||
        !strcmp(low, "longitude") || !strncmp(low, "lon_", 4) || !strncmp(low, "longitude ", 10) ||
        !strcmp(low, "x_lon"))
        return COL_LON;
    if (!strcmp(low, "k"))
        return COL_KILLED; /* a situation report's "K", "I" (killed, injured) */
    if (!strcmp(low, "i") || !strcmp(low, "w"))
        return COL_INJURED;
    if (names(low, m, date))
        return COL_DATE;
    if (names(low, m, killed))
        return COL_KILLED;
    if (names(low, m, injured))
        return COL_INJURED;
    if (names(low, m, area))
        return COL_AREA;
    if (names(low, m, place))
        return COL_PLACE;
    return COL_OTHER;
}

/* "| min_killed | max_killed | best_killed |": of several estimates of
 * one count of the dead (or the hurt), the best (else the first) is the
 * count; the rest are left out rather than added up. */
static int header_says(const char *s, const cell *c, const char *w)
{
    size_t l = strlen(w);
    for (size_t i = c->start; i + l <= c->end; i++)
        if (!strncasecmp(s + i, w, l) && (i == c->start || !isalpha((unsigned char)s[i - 1])) &&
            (i + l == c->end || !isalpha((unsigned char)s[i + l])))
            return 1;
    return 0;
}

static void one_count_each(const char *s, const cell *c, size_t n, col_role *role)
{
    static const char *const est[] = {"best", "min", "max", "low", "high", "minimum",
                                      "maximum", NULL};
    for (int r = COL_KILLED; r <= COL_INJURED; r++) {
        size_t keep = n, estimates = 0;
        for (size_t k = 0; k < n; k++) {
            int e = 0;
            if ((int)role[k] != r)
                continue;
            for (size_t w = 0; est[w]; w++)
                e |= header_says(s, &c[k], est[w]);
            estimates += e;
            if (keep == n || header_says(s, &c[k], "best"))
                keep = k;
        }
        /* (columns of different victims, "| LEAs | Civilians | Terrorists
         * killed |", add up: only estimates of one count are left out) */
        for (size_t k = 0; k < n && estimates > 1; k++)
            if ((int)role[k] == r && k != keep)
                role[k] = COL_SKIP;
    }
}

/* "| Deceased (FIR) | Deceased (hospital record) |", "| Killed (official) |
 * Killed (TTP claim) |", "| Killed as per police | Killed as per families |":
 * two or more columns of one count, each from its own source, are competing
 * claims, not victims to add up. Fills src[k] with the source of each such
 * column ("FIR", "hospital record"), else "". */
static void count_sources(const char *s, const cell *c, size_t n, const col_role *role,
                          char (*src)[TABLE_SRC_MAX])
{
    static const char *const via[] = {" as per ", " according to ", " per ", NULL};
    size_t base[TABLE_MAX_COLS]; /* the length of the words before the source */
    for (size_t k = 0; k < n; k++) {
        size_t a = c[k].start, e = c[k].end, q = e, qe = e, stop = e;
        src[k][0] = '\0';
        base[k] = 0;
        if (role[k] != COL_KILLED && role[k] != COL_INJURED)
            continue;
        for (size_t i = a; i < e && q == e; i++) {
            const char *close = s[i] == '(' ? memchr(s + i, ')', e - i) : NULL;
            if (close)
                stop = i, q = i + 1, qe = (size_t)(close - s);
            for (size_t v = 0; via[v] && q == e; v++)
                if (i + strlen(via[v]) < e && !strncasecmp(s + i, via[v], strlen(via[v])))
                    stop = i, q = i + strlen(via[v]);
        }
        while (q < qe && s[q] == ' ')
            q++;
        while (qe > q && s[qe - 1] == ' ')
            qe--;
        while (stop > a && s[stop - 1] == ' ')
            stop--;
        if (q >= qe || qe - q >= TABLE_SRC_MAX || stop == a)
            continue;
        memcpy(src[k], s + q, qe - q);
        src[k][qe - q] = '\0';
        base[k] = stop - a;
    }
    for (size_t k = 0; k < n; k++) {
        size_t same = 0;
        for (size_t o = 0; o < n && src[k][0]; o++)
            same += src[o][0] && role[o] == role[k] && base[o] == base[k] &&
                    !strncasecmp(s + c[o].start, s + c[k].start, base[k]);
        if (same < 2)
            src[k][0] = '\0';
    }
}

/* The cell s[a, e) without the spaces round it. */
static cell trimmed(const char *s, size_t a, size_t e)
{
    cell c = {a, e};
    while (c.start < e && isspace((unsigned char)s[c.start]))
        c.start++;
    while (c.end > c.start && isspace((unsigned char)s[c.end - 1]))
        c.end--;
    return c;
}

/* The cells of a pipe-table line [a, b): "| x | y |"; 0 when it is not one. */
static size_t split_row(const char *s, size_t a, size_t b, cell *out)
{
    size_t n = 0, i = a;
    while (i < b && isspace((unsigned char)s[i]))
        i++;
    while (b > i && isspace((unsigned char)s[b - 1]))
        b--;
    if (i >= b || s[i] != '|' || s[b - 1] != '|' || b - i < 3)
        return 0;
    i++;
    while (i < b && n < TABLE_MAX_COLS) {
        size_t e = i;
        while (e < b && s[e] != '|')
            e++;
        if (e >= b)
            break;
        out[n++] = trimmed(s, i, e);
        i = e + 1;
    }
    return n;
}

/* "S.No | Date | Place" (a pipe table without its outer pipes, as
 * GitHub's Markdown and plain-text reports write them): the cells of
 * [a, b) split at each '|'; 0 when the line has no '|' or only one cell. */
static size_t split_loose(const char *s, size_t a, size_t b, cell *out)
{
    size_t n = 0, i = a;
    if (!memchr(s + a, '|', b - a))
        return 0;
    while (i <= b && n < TABLE_MAX_COLS) {
        size_t e = i;
        while (e < b && s[e] != '|')
            e++;
        out[n++] = trimmed(s, i, e);
        i = e + 1;
    }
    return n >= 2 ? n : 0;
}

/* "|---|:--:|": the line under a header. */
static int is_rule(const char *s, const cell *c, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (c[k].end == c[k].start)
            return 0;
        for (size_t i = c[k].start; i < c[k].end; i++)
            if (s[i] != '-' && s[i] != ':')
                return 0;
    }
    return n > 0;
}

/* An empty cell, or one that says there is nothing ("-", "—", "n/a"). */
static int blank(const char *s, const cell *c)
{
    size_t n = c->end - c->start;
    const char *p = s + c->start;
    return n == 0 || (n == 1 && (*p == '-' || *p == '?')) ||
           (n == 3 && !memcmp(p, "\xE2\x80\x94", 3)) || (n == 3 && !memcmp(p, "\xE2\x80\x93", 3)) ||
           (n == 3 && !strncasecmp(p, "n/a", 3));
}

static void put_cell(fm_ctx *ctx, fm_buf *out, const char *s, const cell *c)
{
    fm_buf_append(ctx, out, s + c->start, c->end - c->start);
}

/* A date cell: "04-02" or "4/2" (day and month, the year left to the
 * document, as a digest's table gives them) is written "4 February"; any
 * other form as it stands. */
static void put_date(fm_ctx *ctx, fm_buf *out, const char *s, const cell *c)
{
    static const char *const month[] = {"January", "February", "March",     "April",
                                        "May",     "June",     "July",      "August",
                                        "September", "October", "November", "December"};
    size_t k = c->start;
    int d = 0, m = 0, nd = 0, nm = 0;
    while (k < c->end && isdigit((unsigned char)s[k]) && nd < 3)
        d = d * 10 + (s[k++] - '0'), nd++;
    if (nd && nd <= 2 && k < c->end && strchr("-/.", s[k])) {
        k++;
        while (k < c->end && isdigit((unsigned char)s[k]) && nm < 3)
            m = m * 10 + (s[k++] - '0'), nm++;
        if (k == c->end && nm && nm <= 2 && d >= 1 && d <= 31 && m >= 1 && m <= 12) {
            char buf[32];
            snprintf(buf, sizeof buf, "%d %s", d, month[m - 1]);
            fm_buf_puts(ctx, out, buf);
            return;
        }
    }
    put_cell(ctx, out, s, c);
}

/* Whether a cell says "total" or "sub-total". */
static int says_total(const char *s, const cell *c)
{
    for (size_t i = c->start; i < c->end; i++)
        if (fm_tx_word_at(s, c->end, i, "total") || fm_tx_word_at(s, c->end, i, "totals") ||
            fm_tx_word_at(s, c->end, i, "sub-total") || fm_tx_word_at(s, c->end, i, "subtotal"))
            return 1;
    return 0;
}

/* A count from a column of competing sources, as the sentence reader reads a
 * claim: "; 4 killed according to the hospital record" (the cell's own note,
 * "4 (LRH)", left out: after the source it would part the two). sep goes
 * before it. */
static void put_claim(fm_ctx *ctx, fm_buf *out, const char *s, const cell *c, int killed,
                      const char *src, const char *sep)
{
    size_t d = c->start;
    while (d < c->end && (isdigit((unsigned char)s[d]) || s[d] == ','))
        d++;
    fm_buf_puts(ctx, out, sep);
    fm_buf_append(ctx, out, s + c->start, d > c->start ? d - c->start : c->end - c->start);
    fm_buf_puts(ctx, out, killed ? " killed according to " : " injured according to ");
    if (strncasecmp(src, "the ", 4))
        fm_buf_puts(ctx, out, "the ");
    fm_buf_puts(ctx, out, src);
}

/* One data row as a paragraph. A table with no date column gives totals
 * ("| Region | Attacks | Killed |"), and says so; so does an undated row
 * of figures in a dated table ("| | District Peshawar (sub-total) | | 44 |",
 * "| | | **Six days** | | **225** |"). */
static void put_row(fm_ctx *ctx, fm_buf *out, const char *s, const cell *c, size_t n,
                    const col_role *role, char (*src)[TABLE_SRC_MAX])
{
    int any = 0, dated = 0, counted = 0, has_date = 0, total = 0;
    for (size_t k = 0; k < n; k++) {
        dated |= role[k] == COL_DATE;
        has_date |= role[k] == COL_DATE && !blank(s, &c[k]) && !says_total(s, &c[k]);
        counted |= role[k] == COL_KILLED || role[k] == COL_INJURED;
        total |= says_total(s, &c[k]);
    }
    {
        /* a dated table's row with figures and no date sums the rows above
         * ("|   |   | **Six days** |  | **21** | **182** | **22** | **225** |") */
        int figures = 0;
        for (size_t k = 0; k < n; k++)
            figures |= (role[k] == COL_KILLED || role[k] == COL_INJURED) && !blank(s, &c[k]);
        total = counted && (!dated || (!has_date && (total || figures)));
    }
    if (total)
        fm_buf_puts(ctx, out, "Totals for the table: ");
    for (size_t k = 0; k < n && !total; k++)
        if (role[k] == COL_DATE && !blank(s, &c[k])) {
            fm_buf_puts(ctx, out, "On ");
            put_date(ctx, out, s, &c[k]);
            any = 1;
            break;
        }
    for (int r = COL_PLACE; r <= COL_AREA; r++)
        for (size_t k = 0; k < n; k++)
            if ((int)role[k] == r && !blank(s, &c[k])) {
                fm_buf_puts(ctx, out, any ? (r == COL_PLACE ? ", in " : ", ")
                                          : total ? "in " : "In ");
                put_cell(ctx, out, s, &c[k]);
                any = 1;
            }
    {
        /* "| lat_approx | lon_approx |": the point, as the sentence reader
         * reads one ("(coordinates: 32.96, 69.59)") */
        const cell *lat = NULL, *lon = NULL;
        for (size_t k = 0; k < n; k++) {
            if (role[k] == COL_LAT && !blank(s, &c[k]))
                lat = &c[k];
            if (role[k] == COL_LON && !blank(s, &c[k]))
                lon = &c[k];
        }
        if (lat && lon && any && !total) {
            fm_buf_puts(ctx, out, " (coordinates: ");
            put_cell(ctx, out, s, lat);
            fm_buf_puts(ctx, out, ", ");
            put_cell(ctx, out, s, lon);
            fm_buf_puts(ctx, out, ")");
        }
    }
    {
        int counts = 0; /* (the claims after the plain counts: "7 injured; 3 killed
                         * according to the FIR; 4 killed according to ...") */
        for (int r = COL_KILLED; r <= COL_INJURED; r++)
            for (size_t k = 0; k < n; k++)
                if ((int)role[k] == r && !blank(s, &c[k]) && !src[k][0]) {
                    fm_buf_puts(ctx, out, any ? ", " : "");
                    put_cell(ctx, out, s, &c[k]);
                    fm_buf_puts(ctx, out, r == COL_KILLED ? " killed" : " injured");
                    any = counts = 1;
                }
        for (int r = COL_KILLED; r <= COL_INJURED; r++)
            for (size_t k = 0; k < n; k++)
                if ((int)role[k] == r && !blank(s, &c[k]) && src[k][0]) {
                    put_claim(ctx, out, s, &c[k], r == COL_KILLED, src[k],
                              counts ? "; " : any ? ", " : "");
                    any = counts = 1;
                }
    }
    if (any)
        fm_buf_puts(ctx, out, ".");
    for (size_t k = 0; k < n; k++)
        if (role[k] == COL_OTHER && !blank(s, &c[k])) {
            size_t e = c[k].end;
            fm_buf_puts(ctx, out, any ? " " : "");
            put_cell(ctx, out, s, &c[k]);
            if (e > c[k].start && !strchr(".!?", s[e - 1]))
                fm_buf_putc(ctx, out, '.');
            any = 1;
        }
    fm_buf_puts(ctx, out, "\n\n");
}

/* "+----+------+" (or "+====+"): a grid table's border. */
static int is_border(const char *s, size_t a, size_t b)
{
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    if (b - a < 3 || s[a] != '+' || s[b - 1] != '+')
        return 0;
    for (size_t i = a; i < b; i++)
        if (!strchr("+-=:", s[i]))
            return 0;
    return 1;
}

/* A grid table's row being gathered: each column's text over its lines,
 * written out as one pipe row ("| a | b |") for split_row. */
typedef struct {
    fm_buf text[TABLE_MAX_COLS];
    size_t n;
} grid_row;

static void grid_add(fm_ctx *ctx, grid_row *r, const char *s, const cell *c, size_t n)
{
    if (n > r->n)
        r->n = n;
    for (size_t k = 0; k < n; k++)
        if (c[k].end > c[k].start) {
            if (r->text[k].len)
                fm_buf_putc(ctx, &r->text[k], ' ');
            fm_buf_append(ctx, &r->text[k], s + c[k].start, c[k].end - c[k].start);
        }
}

static void grid_free(grid_row *r)
{
    for (size_t k = 0; k < TABLE_MAX_COLS; k++)
        fm_buf_free(&r->text[k]);
}

/* Writes the gathered row as a pipe line into line (reset) and empties r. */
static void grid_take(fm_ctx *ctx, grid_row *r, fm_buf *line)
{
    line->len = 0;
    fm_buf_putc(ctx, line, '|');
    for (size_t k = 0; k < r->n; k++) {
        fm_buf_putc(ctx, line, ' ');
        for (size_t i = 0; i < r->text[k].len; i++) /* a '|' inside would split the cell */
            fm_buf_putc(ctx, line, r->text[k].data[i] == '|' ? '/' : r->text[k].data[i]);
        fm_buf_puts(ctx, line, " |");
        r->text[k].len = 0;
    }
    r->n = 0;
}

static void grid_flush(fm_ctx *ctx, grid_row *r, fm_buf *line, fm_buf *out, const col_role *role,
                       char (*src)[TABLE_SRC_MAX],
                       size_t ncols)
{
    cell c[TABLE_MAX_COLS];
    size_t nc;
    if (!r->n)
        return;
    grid_take(ctx, r, line);
    if (line->data && (nc = split_row(line->data, 0, line->len, c)) > 0)
        put_row(ctx, out, line->data, c, nc < ncols ? nc : ncols, role, src);
}

/* Whether a grid line goes on with the row above: its first cell blank and
 * no figure or date of its own (a total row has figures). */
static int grid_continues(const cell *c, size_t n, const col_role *role)
{
    if (!n || c[0].end > c[0].start)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((role[k] == COL_KILLED || role[k] == COL_INJURED || role[k] == COL_DATE) &&
            c[k].end > c[k].start)
            return 0;
    return 1;
}

/* A grid table from its top border at i: its header lines up to the next
 * border name the columns; each row, over its lines, becomes a paragraph.
 * Returns where the table ends (past its last line), or i when the lines
 * after the border are not a table. */
static size_t grid_table(fm_ctx *ctx, const char *s, size_t n, size_t i, fm_buf *out)
{
    grid_row row;
    fm_buf line = {0};
    col_role role[TABLE_MAX_COLS];
    char src[TABLE_MAX_COLS][TABLE_SRC_MAX] = {{0}};
    cell c[TABLE_MAX_COLS], hc[TABLE_MAX_COLS];
    size_t ncols = 0, e = fm_tx_line_end(s, n, i), a = e + 1, b, nc;
    memset(&row, 0, sizeof row);
    /* the header: pipe lines, then a border */
    while (a < n && (nc = split_row(s, a, (b = fm_tx_line_end(s, n, a)), c)) > 0) {
        grid_add(ctx, &row, s, c, nc);
        a = b + 1;
    }
    if (!row.n || a >= n || !is_border(s, a, fm_tx_line_end(s, n, a))) {
        grid_free(&row);
        return i;
    }
    grid_take(ctx, &row, &line);
    ncols = line.data ? split_row(line.data, 0, line.len, hc) : 0;
    for (size_t k = 0; k < ncols; k++)
        role[k] = role_of(line.data + hc[k].start, hc[k].end - hc[k].start);
    if (line.data)
        one_count_each(line.data, hc, ncols, role);
    if (line.data)
        count_sources(line.data, hc, ncols, role, src);
    fm_buf_puts(ctx, out, "\n");
    a = fm_tx_line_end(s, n, a) + 1;
    while (a < n) {
        b = fm_tx_line_end(s, n, a);
        if (is_border(s, a, b)) {
            grid_flush(ctx, &row, &line, out, role, src, ncols);
        } else if ((nc = split_row(s, a, b, c)) > 0) {
            if (!(row.n && grid_continues(c, nc < ncols ? nc : ncols, role)))
                grid_flush(ctx, &row, &line, out, role, src, ncols);
            grid_add(ctx, &row, s, c, nc < ncols ? nc : ncols);
        } else
            break;
        a = b + 1;
    }
    grid_flush(ctx, &row, &line, out, role, src, ncols);
    grid_free(&row);
    fm_buf_free(&line);
    return a;
}

/* "--  ----------  ----": the dashes under a fixed-width table's header,
 * one group a column; fills the groups' starts and ends (columns in the
 * line) and returns how many (0 when the line is not one, fewer than three
 * groups). */
static size_t dash_groups(const char *s, size_t a, size_t b, size_t *start, size_t *stop)
{
    size_t n = 0, i = a;
    while (i < b) {
        size_t g;
        while (i < b && s[i] == ' ')
            i++;
        if (i >= b)
            break;
        if (s[i] != '-' || n == TABLE_MAX_COLS)
            return 0;
        g = i;
        while (i < b && s[i] == '-')
            i++;
        if (i - g < 2)
            return 0;
        stop[n] = i - a;
        start[n++] = g - a;
    }
    return n >= 3 ? n : 0;
}

/* The fields of a line (runs of text between gaps of two spaces or more):
 * their starts and ends (columns in the line), how many (0 past
 * TABLE_MAX_COLS). */
static size_t line_fields(const char *s, size_t a, size_t b, size_t *start, size_t *stop)
{
    size_t n = 0, i = a;
    while (i < b) {
        while (i < b && s[i] == ' ')
            i++;
        if (i >= b)
            break;
        if (n == TABLE_MAX_COLS)
            return 0;
        start[n] = i - a;
        while (i < b && !(s[i] == ' ' && (i + 1 >= b || s[i + 1] == ' ')))
            i++;
        stop[n++] = i - a;
    }
    return n;
}

/* "Date        Place            Killed  Injured" with no dashes under it: a
 * fixed-width table's header all the same, when its words name a date and a
 * count of the dead (three fields at least) and the line under it is a row
 * of three fields or more, starting under the header's first (a report's
 * table typed with spaces). The header's fields are its columns. */
static size_t bare_header(const char *s, size_t n, size_t i, size_t e, size_t *start, size_t *stop)
{
    size_t nc = line_fields(s, i, e, start, stop), rs[TABLE_MAX_COLS], re[TABLE_MAX_COLS], nr,
           a = e + 1, b;
    int date = 0, killed = 0;
    if (nc < 3 || a >= n)
        return 0;
    for (size_t k = 0; k < nc; k++) {
        col_role r = role_of(s + i + start[k], stop[k] - start[k]);
        date |= r == COL_DATE;
        killed |= r == COL_KILLED;
        if (stop[k] - start[k] > 24)
            return 0; /* (prose, not a column's name) */
    }
    b = fm_tx_line_end(s, n, a);
    nr = line_fields(s, a, b, rs, re);
    if (!date || !killed || nr < 3 || rs[0] + 2 < start[0] || rs[0] > start[0] + 2)
        return 0;
    return nc;
}

/* One fixed-width line as a pipe row written to row, its cells into c.
 * Its fields (runs of text between gaps of two spaces or more) go to the
 * column whose dashes they overlap most (a figure set flush right under
 * "Killed"), else to the one whose start is nearest (ties to the left), so
 * that a row drifted a character or two from its header still reads right. */
static size_t fixed_cells(fm_ctx *ctx, const char *s, size_t a, size_t b, const size_t *start,
                          const size_t *stop, size_t ncols, fm_buf *row, cell *c)
{
    size_t fs[TABLE_MAX_COLS * 2], fe[TABLE_MAX_COLS * 2], nf = 0, i = a;
    int col[TABLE_MAX_COLS * 2];
    while (i < b && nf < TABLE_MAX_COLS * 2) {
        while (i < b && s[i] == ' ')
            i++;
        if (i >= b)
            break;
        fs[nf] = i;
        while (i < b && !(s[i] == ' ' && (i + 1 >= b || s[i + 1] == ' ')))
            i++;
        fe[nf++] = i;
    }
    for (size_t f = 0; f < nf; f++) {
        size_t x = fs[f] - a, xe = fe[f] - a, best = 0, bd = (size_t)-1, most = 0;
        for (size_t k = 0; k < ncols; k++) {
            size_t lo = x > start[k] ? x : start[k], hi = xe < stop[k] ? xe : stop[k];
            if (hi > lo && hi - lo > most)
                most = hi - lo, best = k;
        }
        for (size_t k = 0; k < ncols && !most; k++) {
            size_t d = x > start[k] ? x - start[k] : start[k] - x;
            if (d < bd)
                bd = d, best = k;
        }
        col[f] = (int)best;
    }
    row->len = 0;
    fm_buf_putc(ctx, row, '|');
    for (size_t k = 0; k < ncols; k++) {
        for (size_t f = 0; f < nf; f++)
            if (col[f] == (int)k) {
                fm_buf_putc(ctx, row, ' ');
                for (size_t j = fs[f]; j < fe[f]; j++)
                    fm_buf_putc(ctx, row, s[j] == '|' ? '/' : s[j]);
            }
        fm_buf_puts(ctx, row, " |");
    }
    if (fm_buf_check(ctx, row))
        return 0;
    return split_row(row->data, 0, row->len, c);
}

/* Whether the line is only dashes and spaces: a rule under a column's
 * figures before its total ("------  -------"). */
static int dash_rule(const char *s, size_t a, size_t b)
{
    size_t dashes = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] == '-')
            dashes++;
        else if (s[i] != ' ')
            return 0;
    return dashes >= 2;
}

/* A fixed-width table (a header line, perhaps wrapped onto one more, a line
 * of dash groups, rows to a blank line), as pipe rows are read; a row whose
 * cells wrap onto lines with its first cell blank ("Explosion while
 * planting / IED; militant killed by / own device") is one row. Returns
 * where it ends, or i. */
static size_t fixed_table(fm_ctx *ctx, const char *s, size_t n, size_t i, fm_buf *out)
{
    size_t e = fm_tx_line_end(s, n, i), a = e + 1, b = 0, start[TABLE_MAX_COLS],
           stop[TABLE_MAX_COLS], ncols = 0, nc;
    col_role role[TABLE_MAX_COLS];
    char src[TABLE_MAX_COLS][TABLE_SRC_MAX] = {{0}};
    cell c[TABLE_MAX_COLS], hc[TABLE_MAX_COLS];
    fm_buf line = {0}, cells = {0};
    grid_row row;
    if (a < n)
        ncols = dash_groups(s, a, (b = fm_tx_line_end(s, n, a)), start, stop);
    if (!ncols && a < n && fm_tx_skip_space(s, b, a) < b && b + 1 < n) {
        /* ("S.No  Date of     Place ..." over "      occurrence") */
        size_t a2 = b + 1, b2 = fm_tx_line_end(s, n, a2);
        if ((ncols = dash_groups(s, a2, b2, start, stop)) > 0) {
            size_t fields = 0;
            for (size_t k = i; k < e; k++)
                fields += s[k] != ' ' && (k == i || (s[k - 1] == ' ' && k >= i + 2 && s[k - 2] == ' '));
            if (fields < 3)
                ncols = 0; /* (a title above a header is no header line) */
            a = a2, b = b2;
        }
    }
    if (!ncols && (ncols = bare_header(s, n, i, e, start, stop)) > 0)
        a = e + 1, b = e; /* (the rows start under the header) */
    if (!ncols)
        return i;
    memset(&row, 0, sizeof row);
    for (size_t h = i; h < a; h = fm_tx_line_end(s, n, h) + 1)
        if ((nc = fixed_cells(ctx, s, h, fm_tx_line_end(s, n, h), start, stop, ncols, &cells, c)) > 0)
            grid_add(ctx, &row, cells.data, c, nc);
    grid_take(ctx, &row, &line);
    nc = line.data ? split_row(line.data, 0, line.len, hc) : 0;
    for (size_t k = 0; k < nc; k++)
        role[k] = role_of(line.data + hc[k].start, hc[k].end - hc[k].start);
    for (size_t k = nc; k < ncols; k++)
        role[k] = COL_OTHER;
    if (line.data)
        one_count_each(line.data, hc, nc, role);
    if (line.data)
        count_sources(line.data, hc, nc, role, src);
    fm_buf_puts(ctx, out, "\n");
    for (a = b + 1; a < n; a = b + 1) {
        b = fm_tx_line_end(s, n, a);
        if (fm_tx_skip_space(s, b, a) == b)
            break; /* a blank line ends it */
        if (dash_rule(s, a, b)) {
            grid_flush(ctx, &row, &line, out, role, src, ncols);
            continue;
        }
        if ((nc = fixed_cells(ctx, s, a, b, start, stop, ncols, &cells, c)) > 0) {
            if (!(row.n && grid_continues(c, nc, role)))
                grid_flush(ctx, &row, &line, out, role, src, ncols);
            grid_add(ctx, &row, cells.data, c, nc);
        }
    }
    grid_flush(ctx, &row, &line, out, role, src, ncols);
    grid_free(&row);
    fm_buf_free(&line);
    fm_buf_free(&cells);
    return a;
}

fm_status fm_doc_tables(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    col_role role[TABLE_MAX_COLS];
    char src[TABLE_MAX_COLS][TABLE_SRC_MAX] = {{0}};
    size_t ncols = 0; /* the header's columns while inside a table */
    int loose = 0;    /* ... which has no outer pipes */
    while (i < n) {
        size_t e = i, nc, ne;
        cell c[TABLE_MAX_COLS], next[TABLE_MAX_COLS];
        while (e < n && s[e] != '\n')
            e++;
        nc = split_row(s, i, e, c);
        if (!nc && ncols && loose)
            nc = split_loose(s, i, e, c);
        if (!nc && !ncols) {
            /* "S.No | Date | Place" over "-----|------|------": a header */
            size_t a = e + 1, b = a;
            while (b < n && s[b] != '\n')
                b++;
            if (a < n && (nc = split_loose(s, i, e, c)) > 0 &&
                !((ne = split_loose(s, a, b, next)) == nc && is_rule(s, next, ne)))
                nc = 0;
            loose = nc > 0;
        }
        if (!nc && !ncols && is_border(s, i, e)) {
            size_t after = grid_table(ctx, s, n, i, out);
            if (after != i) {
                i = after;
                continue;
            }
        }
        if (!nc && !ncols) {
            size_t after = fixed_table(ctx, s, n, i, out);
            if (after != i) {
                i = after;
                continue;
            }
        }
        if (!nc) {
            ncols = 0;
            i = fm_doc_copy_line(ctx, s, n, i, e, out);
            continue;
        }
        if (!ncols) {
            /* a header needs its rule on the next line */
            size_t a = e + 1, b = a;
            while (b < n && s[b] != '\n')
                b++;
            ne = a >= n ? 0 : loose ? split_loose(s, a, b, next) : split_row(s, a, b, next);
            if (ne && is_rule(s, next, ne)) {
                ncols = nc;
                for (size_t k = 0; k < nc; k++)
                    role[k] = role_of(s + c[k].start, c[k].end - c[k].start);
                one_count_each(s, c, nc, role);
                count_sources(s, c, nc, role, src);
                fm_buf_puts(ctx, out, "\n");
                i = b + 1;
                continue;
            }
            for (size_t k = 0; k < nc; k++) {
                role[k] = COL_OTHER; /* a table without a header: cells as sentences */
                src[k][0] = '\0';
            }
            put_row(ctx, out, s, c, nc, role, src);
            i = e + 1;
            continue;
        }
        put_row(ctx, out, s, c, nc < ncols ? nc : ncols, role, src);
        i = e + 1;
    }
    return fm_doc_finish(ctx, out);
}
