/* strip.c: markup out, text in. HTML loses its tags (script and style with
 * their contents), block elements become line breaks and entities are
 * decoded; Markdown loses emphasis, heading marks, link targets and inline
 * tags; wrapped lines (PDF, e-mail) are rejoined into paragraphs. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

static const struct {
    const char *name;
    unsigned cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", ' '},     {"rsquo", 0x2019}, {"lsquo", 0x2018},
    {"rdquo", 0x201D}, {"ldquo", 0x201C}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"hellip", 0x2026}, {"eacute", 0xE9}, {"uuml", 0xFC},    {"ouml", 0xF6},
    {"auml", 0xE4},    {"ccedil", 0xE7},  {"shy", 0},        {"zwnj", 0x200C},
    {"thinsp", ' '},   {"minus", '-'},    {NULL, 0}};

static void put_cp(fm_ctx *ctx, fm_buf *b, unsigned cp)
{
    char u[4];
    if (!cp)
        return;
    if (cp < 0x80) {
        fm_buf_putc(ctx, b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        fm_buf_append(ctx, b, u, 2);
    } else if (cp < 0x10000) {
        if (cp >= 0xD800 && cp < 0xE000)
            cp = 0xFFFD;
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        fm_buf_append(ctx, b, u, 3);
    } else if (cp < 0x110000) {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        fm_buf_append(ctx, b, u, 4);
    }
}

size_t fm_doc_entity(fm_ctx *ctx, const char *s, size_t n, fm_buf *b)
{
    size_t i = 1;
    char name[12];
    while (i < n && i < 12 && s[i] != ';' && (isalnum((unsigned char)s[i]) || s[i] == '#'))
        i++;
    if (i >= n || s[i] != ';' || i == 1)
        return 0;
    if (s[1] == '#') {
        char *end;
        unsigned long cp = s[2] == 'x' || s[2] == 'X' ? strtoul(s + 3, &end, 16)
                                                       : strtoul(s + 2, &end, 10);
        if (end != s + i)
            return 0;
        put_cp(ctx, b, cp > 0x10FFFF || cp == 0 ? 0xFFFD : (unsigned)cp);
        return i + 1;
    }
    memcpy(name, s + 1, i - 1);
    name[i - 1] = '\0';
    for (size_t k = 0; entities[k].name; k++)
        if (!strcmp(entities[k].name, name)) {
            put_cp(ctx, b, entities[k].cp);
            return i + 1;
        }
    return 0;
}

/* The entity at s decoded into out, or a lone '&' copied; the bytes read. */
static size_t put_entity(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t used = fm_doc_entity(ctx, s, n, out);
    if (!used)
        fm_buf_putc(ctx, out, '&');
    return used ? used : 1;
}

static int is_block_tag(const char *t, size_t n)
{
    static const char *const blocks[] = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3",
                                         "h4", "h5", "h6", "tr", "table", "section", "article",
                                         "header", "footer", "blockquote", "title", "hr",
                                         "dd", "dt", "pre", "figcaption", "td", "th", NULL};
    for (size_t k = 0; blocks[k]; k++)
        if (strlen(blocks[k]) == n && !strncasecmp(t, blocks[k], n))
            return 1;
    return 0;
}

/* Page furniture whose text is never the report: menus, sidebars,
 * related-story lists, share buttons, footers. By element, or by a class or
 * id that names it. */
static int is_furniture(const char *tag, size_t tn, const char *attrs, size_t an)
{
    static const char *const elems[] = {"nav", "aside", "footer", "form", "noscript", "svg",
                                        "button", "select", "iframe", "template", "menu",
                                        "figure", NULL};
    static const char *const names[] = {"related", "share", "social", "menu", "breadcrumb",
                                        "sidebar", "comment", "advert", "promo", "newsletter",
                                        "tags", "most-read", "mostread", "trending", "popular",
                                        "subscribe", "cookie", "caption", NULL};
    for (size_t k = 0; elems[k]; k++)
        if (strlen(elems[k]) == tn && !strncasecmp(tag, elems[k], tn))
            return 1;
    for (size_t i = 0; i + 5 < an; i++) {
        size_t v;
        if (strncasecmp(attrs + i, "class=", 6) && strncasecmp(attrs + i, "id=", 3))
            continue;
        v = i + (attrs[i] == 'c' || attrs[i] == 'C' ? 6 : 3);
        if (v < an && (attrs[v] == '"' || attrs[v] == '\''))
            v++;
        for (size_t e = v; e < an && attrs[e] != '"' && attrs[e] != '\'' && attrs[e] != '>'; e++)
            for (size_t k = 0; names[k]; k++)
                if (e + strlen(names[k]) <= an &&
                    !strncasecmp(attrs + e, names[k], strlen(names[k])))
                    return 1;
    }
    return 0;
}

size_t fm_doc_tag_at(const char *s, size_t n, size_t i, size_t *t0, size_t *tn, int *closing)
{
    size_t j = i + 1;
    *closing = j < n && s[j] == '/';
    j += (size_t)*closing;
    *t0 = j;
    while (j < n && isalnum((unsigned char)s[j]))
        j++;
    *tn = j - *t0;
    while (j < n && s[j] != '>')
        j++;
    return j < n ? j + 1 : n;
}

fm_status fm_doc_strip_html(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    char skip_tag[16] = ""; /* the furniture element being skipped */
    size_t skip_tn = 0, skip_depth = 0;
    while (i < n) {
        if (skip_depth && s[i] != '<') {
            i++;
            continue;
        }
        if (s[i] == '<') {
            size_t j, t0, tn, past;
            int closing;
            if (i + 4 <= n && !strncmp(s + i, "<!--", 4)) {
                const char *e = NULL;
                for (size_t k = i + 4; k + 3 <= n; k++)
                    if (!strncmp(s + k, "-->", 3)) {
                        e = s + k;
                        break;
                    }
                i = e ? (size_t)(e - s) + 3 : n;
                continue;
            }
            past = fm_doc_tag_at(s, n, i, &t0, &tn, &closing);
            j = past < n || (past == n && s[n - 1] == '>') ? past - 1 : n; /* its '>' */
            if (!closing && ((tn == 6 && !strncasecmp(s + t0, "script", 6)) ||
                             (tn == 5 && !strncasecmp(s + t0, "style", 5)))) {
                const char *tag = tn == 6 ? "</script" : "</style";
                size_t k = j;
                while (k < n && !(s[k] == '<' && n - k >= strlen(tag) &&
                                  !strncasecmp(s + k, tag, strlen(tag))))
                    k++;
                j = k;
                while (j < n && s[j] != '>')
                    j++;
            }
            if (skip_depth) {
                if (tn == skip_tn && !strncasecmp(s + t0, skip_tag, tn) && s[j - 1] != '/')
                    skip_depth += closing ? (size_t)-1 : 1;
                i = j < n ? j + 1 : n;
                continue;
            }
            if (!closing && tn && tn < sizeof skip_tag && s[j - 1] != '/' &&
                is_furniture(s + t0, tn, s + t0 + tn, j - t0 - tn)) {
                memcpy(skip_tag, s + t0, tn);
                skip_tn = tn;
                skip_depth = 1;
                i = j < n ? j + 1 : n;
                continue;
            }
            if (!closing && tn == 5 && !strncasecmp(s + t0, "table", 5)) {
                size_t end = fm_html_table(ctx, s, n, i, out);
                if (end) {
                    i = end;
                    continue;
                }
            }
            if (tn && is_block_tag(s + t0, tn))
                fm_buf_puts(ctx, out, "\n\n");
            i = j < n ? j + 1 : n;
        } else if (s[i] == '&') {
            i += put_entity(ctx, s + i, n - i, out);
        } else {
            fm_buf_putc(ctx, out, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
            i++;
        }
    }
    return fm_buf_check(ctx, out);
}

/* Markdown, line by line: heading marks and quote marks off the line start,
 * emphasis marks and inline tags out, [text](target) to text. */
fm_status fm_doc_strip_markdown(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    int line_start = 1;
    while (i < n) {
        if (line_start) {
            size_t j = i;
            while (j < n && (s[j] == '#' || s[j] == '>'))
                j++;
            if (j > i && j < n && s[j] == ' ') {
                i = j + 1;
                if (s[i - 2] == '#')
                    fm_buf_putc(ctx, out, '\n'); /* a heading is a paragraph */
            }
            line_start = 0;
            continue;
        }
        if (s[i] == '\n') {
            fm_buf_putc(ctx, out, '\n');
            line_start = 1;
            i++;
        } else if ((s[i] == '*' || s[i] == '_') && i + 1 < n && s[i + 1] == s[i]) {
            i += 2;
        } else if (s[i] == '`') {
            i++;
        } else if (s[i] == '*' && !(i > 0 && s[i - 1] == '\n')) {
            i++;
        } else if (s[i] == '!' && i + 1 < n && s[i + 1] == '[') {
            i++;
        } else if (s[i] == '[') {
            const char *close = memchr(s + i, ']', n - i);
            if (close && (size_t)(close - s) + 1 < n && close[1] == '(' &&
                memchr(close, ')', n - (size_t)(close - s))) {
                fm_buf_append(ctx, out, s + i + 1, (size_t)(close - s - (long)i - 1));
                i = (size_t)((const char *)memchr(close, ')', n - (size_t)(close - s)) - s) + 1;
            } else {
                fm_buf_putc(ctx, out, s[i++]);
            }
        } else if (s[i] == '<' && i + 1 < n && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
            const char *close = memchr(s + i, '>', n - i);
            const char *nl = memchr(s + i, '\n', n - i);
            if (close && (!nl || close < nl))
                i = (size_t)(close - s) + 1;
            else
                fm_buf_putc(ctx, out, s[i++]);
        } else if (s[i] == '&') {
            i += put_entity(ctx, s + i, n - i, out);
        } else {
            fm_buf_putc(ctx, out, s[i++]);
        }
    }
    return fm_buf_check(ctx, out);
}

typedef struct {
    size_t start, end; /* trimmed */
    size_t indent;     /* leading white space */
} line_t;

static int ends_sentence(const char *s, size_t end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!end)
        return 1;
    if (strchr(".!?:;\"')", s[end - 1]))
        return 1;
    /* closing quotes ” ’ (E2 80 9D / 99) */
    return end >= 3 && u[end - 3] == 0xE2 && u[end - 2] == 0x80 &&
           (u[end - 1] == 0x9D || u[end - 1] == 0x99);
}

/* Whether s[k..] is a numeric date, "08-08-13", "26/03/2010", "18.03.2020". */
static int numeric_date_at(const char *s, size_t k, size_t end)
{
    for (int part = 0; part < 3; part++) {
        size_t d = k;
        while (k < end && isdigit((unsigned char)s[k]))
            k++;
        if (k == d || k - d > (part == 2 ? 4u : 2u))
            return 0;
        if (part < 2 && !(k < end && strchr("-/.", s[k])))
            return 0;
        if (part < 2)
            k++;
    }
    return k == end || !isalnum((unsigned char)s[k]);
}

static int starts_item(const char *s, size_t start, size_t end)
{
    if (start >= end)
        return 0;
    {
        /* a log's entry: "0803  08-08-13 13:20  SAFE-TXT UPD ...", a
         * message id (or none) and its numeric date */
        size_t k = start;
        while (k < end && isdigit((unsigned char)s[k]) && k - start < 7)
            k++;
        if (k > start && k < end && s[k] == ' ') {
            while (k < end && s[k] == ' ')
                k++;
        } else
            k = start;
        if (numeric_date_at(s, k, end))
            return 1;
    }
    if (strchr("-*+", s[start]) && start + 1 < end && s[start + 1] == ' ')
        return 1;
    if (isdigit((unsigned char)s[start])) {
        size_t k = start;
        while (k < end && isdigit((unsigned char)s[k]))
            k++;
        return k < end && (s[k] == '.' || s[k] == ')') && k + 1 < end && s[k + 1] == ' ';
    }
    return (unsigned char)s[start] == 0xE2 && start + 2 < end &&
           (unsigned char)s[start + 1] == 0x80 && (unsigned char)s[start + 2] == 0xA2;
}

/* Whether s[a, e) ends in a name's particle after a hyphen ("Tehreek-e",
 * "Jamaat-ul", "Hizb-ut"): one to three lower-case letters after a hyphen. */
static int particle_before(const char *s, size_t a, size_t e)
{
    size_t q = e;
    while (q > a && e - q < 3 && islower((unsigned char)s[q - 1]))
        q--;
    return q < e && q > a + 1 && s[q - 1] == '-' && isalpha((unsigned char)s[q - 2]);
}

/* Whether the line s[start, end) stops on a word that cannot end a
 * sentence ("... Bannu city, on" / "11.02.2010."): the next line goes on
 * with it, whatever it starts with. */
static int ends_open(const char *s, size_t start, size_t end)
{
    static const char *const words[] = {"on", "of", "at", "in", "near", "the", "and", "to",
                                        "from", "by", "dated", "since", "between", NULL};
    size_t b = end;
    while (b > start && isalpha((unsigned char)s[b - 1]))
        b--;
    if (b == end || (b > start && s[b - 1] != ' '))
        return 0;
    for (size_t k = 0; words[k]; k++)
        if (fm_tx_word_at(s, end, b, words[k]))
            return 1;
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* A line drawn with one character ("=====", "------", "* * *"). */
static int rule_line(const char *s, size_t start, size_t end)
{
    size_t marks = 0;
    for (size_t i = start; i < end; i++) {
        if (s[i] == ' ')
            continue;
        if (!strchr("=-_*~#", s[i]) || s[i] != s[start])
            return 0;
        marks++;
    }
    return marks >= 3;
}

/* Typical length of a non-empty line: wrapped text has lines of about this
 * length; a line much shorter that does not end a sentence is a heading. */
static size_t typical_len(const line_t *lines, size_t n)
{
    size_t *len = malloc((n ? n : 1) * sizeof *len), k = 0, med;
    if (!len)
        return 80;
    for (size_t i = 0; i < n; i++)
        if (lines[i].end > lines[i].start)
            len[k++] = lines[i].end - lines[i].start;
    if (!k) {
        free(len);
        return 80;
    }
    qsort(len, k, sizeof *len, cmp_size);
    med = len[k * 3 / 4];
    free(len);
    return med;
}

/* Whether a bracket opened in lines [first, k) is still open at their end:
 * "in October (September:" wrapped before "44)" is one sentence going on,
 * not a label introducing the next line. */
static int bracket_open(const char *s, const line_t *lines, size_t first, size_t k)
{
    int depth = 0;
    for (size_t i = first; i < k; i++)
        for (size_t j = lines[i].start; j < lines[i].end; j++)
            depth += s[j] == '(' ? 1 : s[j] == ')' && depth > 0 ? -1 : 0;
    return depth > 0;
}

fm_status fm_doc_join_lines(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    line_t *lines = NULL;
    size_t nl = 0, cap = 0, i = 0, typ;
    while (i <= n) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\f')
            e++;
        if (fm_grow(ctx, (void **)&lines, &cap, nl + 1, sizeof *lines))
            return fm_ctx_status(ctx);
        lines[nl].start = i;
        lines[nl].end = e;
        lines[nl].indent = 0;
        while (lines[nl].start < e && isspace((unsigned char)s[lines[nl].start])) {
            lines[nl].indent += s[lines[nl].start] == '\t' ? 8 : 1;
            lines[nl].start++;
        }
        while (lines[nl].end > lines[nl].start && isspace((unsigned char)s[lines[nl].end - 1]))
            lines[nl].end--;
        nl++;
        i = e + 1;
    }
    typ = typical_len(lines, nl);
    int open = 0;          /* a paragraph is being written */
    size_t head_indent = 0; /* the indent of the paragraph's (or field's) first line */
    size_t first = 0;       /* that line */
    for (size_t k = 0; k < nl; k++) {
        const line_t *l = &lines[k];
        if (l->end == l->start || rule_line(s, l->start, l->end)) {
            /* a blank line, or a rule ("=====", "-----") that sets parts apart */
            if (open)
                fm_buf_puts(ctx, out, "\n\n");
            open = 0;
            continue;
        }
        if (open) {
            const line_t *p = &lines[k - 1];
            size_t plen = p->end - p->start;
            /* a sentence that ends a line which reaches the margin was
             * only wrapped there: the paragraph goes on (police abstracts,
             * PDF text); one that ends short of it ends the paragraph */
            /* a short line that does not end a sentence is a heading, unless
             * it goes on from a line above it whose sentence is unfinished
             * (a ragged right margin: "... two missiles at a / compound in
             * Datta / Khel bazaar, ...") */
            int midway = k >= first + 2 && !ends_sentence(s, lines[k - 2].end);
            int brk = (ends_sentence(s, p->end) && plen * 100 < typ * 90) ||
                      starts_item(s, l->start, l->end) || (plen * 10 < typ * 6 && !midway);
            /* a hanging indent: the lines of one item or field's value go
             * on however they end ("Details   : Police party ... / Occupants
             * opened fire. / Three (03) police officials ...") */
            int hang = l->indent > head_indent && !starts_item(s, l->start, l->end) &&
                       !fm_tx_field_line(s, l->start, l->end) &&
                       (p->indent > head_indent || plen * 10 >= typ * 6); /* not a heading's */
            if (hang || (ends_open(s, p->start, p->end) && !strchr("-*+", s[l->start])))
                brk = 0;
            if ((fm_tx_field_line(s, l->start, l->end) && s[p->end - 1] != ',' &&
                 !ends_open(s, p->start, p->end)) || /* ("killed near Athmuqam, in the /
                                                       * Neelum valley: four civilians") */
                (s[p->end - 1] == ':' && !starts_item(s, l->start, l->end) &&
                 !bracket_open(s, lines, first, k) && !(hang && l->indent > p->indent))) {
                /* (not a hanging indent's next line: "Nov 14  Alpuri: 5 killed.
                 * Batkhela (Malakand):" / "            2 policemen killed.") */
                /* (a line that ends with a colon introduces the next: a
                 * speaker's label in a transcript, "He said:") */
                /* the fields of one record ("Police Station: Kabal", "Injured:
                 * 28") are sentences of one paragraph */
                fm_buf_putc(ctx, out, '\n');
                head_indent = l->indent;
                first = k;
            } else if (brk && !(s[p->end - 1] == ',' )) {
                fm_buf_puts(ctx, out, "\n\n");
                head_indent = l->indent;
                first = k;
            } else if (s[p->end - 1] == '-' && islower((unsigned char)s[l->start])) {
                /* a word broken at the line end; but "Tehreek-" / "e-Taliban",
                 * "Jamaat-" / "ul-Ahrar": a name's own hyphen, its next part a
                 * particle with one of its own */
                size_t q = l->start;
                while (q < l->end && q - l->start < 4 && islower((unsigned char)s[q]))
                    q++;
                if (!(q < l->end && s[q] == '-' && q - l->start <= 3))
                    out->data[--out->len] = '\0';
            } else if (s[p->end - 1] == '-' && isupper((unsigned char)s[l->start]) &&
                       particle_before(s, p->start, p->end - 1)) {
                /* "Tehreek-e-" / "Taliban", "Lashkar-e-" / "Islam": a name
                 * broken after its particle, whole again */
            } else {
                fm_buf_putc(ctx, out, ' ');
            }
        }
        if (!open) {
            head_indent = l->indent;
            first = k;
        }
        for (size_t j = l->start; j < l->end; j++)
            fm_buf_putc(ctx, out, s[j] == '\t' || s[j] == '\r' ? ' ' : s[j]);
        open = 1;
    }
    free(lines);
    return fm_doc_finish(ctx, out);
}
