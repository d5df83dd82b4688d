/* latex.c: a report's LaTeX source as text. Comments ("% TODO ...") go;
 * sectioning commands become headings of their own; references, labels,
 * citations, index entries and footnotes go; a command's argument stays
 * ("\textit{Rah-e-Haq}", "\num{6}", "\DTMdate{2007-12-09}"); ties and
 * quotes become spaces and quote marks; a tabular becomes a pipe table
 * (cells split at "&", rows at "\\", rules dropped) for table.c. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

/* Commands whose argument is dropped with them. */
static const char *const dropped[] = {"label",    "ref",     "autoref", "eqref",   "pageref",
                                      "cite",     "citep",   "citet",   "citealt", "index",
                                      "input",    "include", "footnote", "epigraph",
                                      "caption",  "vspace",  "hspace",  "url",     "bibliography",
                                      "bibliographystyle", "usepackage", "documentclass",
                                      "newcommand", "renewcommand", "setlength", "includegraphics",
                                      NULL};
/* Commands that head a section. */
static const char *const headings[] = {"part", "chapter", "section", "subsection",
                                       "subsubsection", "paragraph", NULL};

static int in_list(const char *const *l, const char *s, size_t n)
{
    for (size_t k = 0; l[k]; k++)
        if (strlen(l[k]) == n && !strncmp(l[k], s, n))
            return 1;
    return 0;
}

/* Whether s looks like LaTeX: a few of \begin{, \section{, \chapter{,
 * \documentclass, \cite. */
int fm_doc_is_latex(const char *s, size_t n)
{
    static const char *const marks[] = {"\\begin{", "\\section{", "\\chapter{", "\\documentclass",
                                        "\\subsection{", "\\cite", "\\label{", NULL};
    size_t seen = 0;
    for (size_t i = 0; i < n && i < 20000; i++)
        if (s[i] == '\\')
            for (size_t k = 0; marks[k]; k++)
                if (i + strlen(marks[k]) <= n && !memcmp(s + i, marks[k], strlen(marks[k])))
                    seen++;
    return seen >= 3;
}

/* Past the group opened at s[i] == '{' (or '['), nested; n when open. */
static size_t group_end(const char *s, size_t n, size_t i)
{
    char open = s[i], close = open == '{' ? '}' : ']';
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '\\' && k + 1 < n) {
            k++;
            continue;
        }
        if (s[k] == open)
            depth++;
        else if (s[k] == close && --depth == 0)
            return k + 1;
    }
    return n;
}

static void put_text(fm_ctx *ctx, const char *s, size_t a, size_t b, fm_buf *out, int depth);

/* A tabular's body [a, b): rows at "\\", cells at "&", rules dropped; the
 * first row is the header. */
static void put_tabular(fm_ctx *ctx, const char *s, size_t a, size_t b, fm_buf *out, int depth)
{
    int first = 1;
    fm_buf_puts(ctx, out, "\n\n");
    while (a < b) {
        size_t e = a, cells = 1;
        while (e < b && !(s[e] == '\\' && e + 1 < b && s[e + 1] == '\\'))
            e++;
        {
            /* the row without its rules */
            size_t k = a;
            int any = 0;
            for (size_t j = a; j < e; j++)
                any |= isalnum((unsigned char)s[j]) &&
                       !(j > a && (s[j - 1] == '\\' || isalpha((unsigned char)s[j - 1])));
            if (any) {
                fm_buf_puts(ctx, out, "| ");
                while (k < e) {
                    size_t c = k, ca = k, cb;
                    while (c < e && !(s[c] == '&' && (c == 0 || s[c - 1] != '\\')))
                        c++;
                    while (ca < c && isspace((unsigned char)s[ca]))
                        ca++;
                    if (ca < c && s[ca] == '\\') { /* a rule before the row ("\midrule") */
                        size_t r = ca + 1;
                        while (r < c && isalpha((unsigned char)s[r]))
                            r++;
                        if (r - ca > 4 && !strncmp(s + r - 4, "rule", 4))
                            ca = r;
                        else if (r - ca == 6 && !strncmp(s + ca + 1, "hline", 5))
                            ca = r;
                        while (ca < c && isspace((unsigned char)s[ca]))
                            ca++;
                    }
                    for (cb = c; cb > ca && isspace((unsigned char)s[cb - 1]); cb--)
                        ;
                    put_text(ctx, s, ca, cb, out, depth + 1);
                    fm_buf_puts(ctx, out, c < e ? " | " : " |\n");
                    cells += c < e;
                    k = c < e ? c + 1 : e;
                }
                if (first) {
                    fm_buf_putc(ctx, out, '|');
                    for (size_t c = 0; c < cells; c++)
                        fm_buf_puts(ctx, out, "---|");
                    fm_buf_putc(ctx, out, '\n');
                    first = 0;
                }
            }
        }
        a = e + 2;
    }
    fm_buf_puts(ctx, out, "\n");
}

static void put_text(fm_ctx *ctx, const char *s, size_t a, size_t b, fm_buf *out, int depth)
{
    size_t i = a;
    while (i < b) {
        char c = s[i];
        if (c == '%') { /* a comment, to the end of its line */
            while (i < b && s[i] != '\n')
                i++;
            continue;
        }
        if (c == '~') {
            fm_buf_putc(ctx, out, ' ');
            i++;
            continue;
        }
        if ((c == '`' && i + 1 < b && s[i + 1] == '`') || (c == '\'' && i + 1 < b && s[i + 1] == '\'')) {
            fm_buf_putc(ctx, out, '"');
            i += 2;
            continue;
        }
        if (c == '-' && i + 2 < b && s[i + 1] == '-' && s[i + 2] == '-') {
            fm_buf_puts(ctx, out, "\xE2\x80\x94");
            i += 3;
            continue;
        }
        if (c == '-' && i + 1 < b && s[i + 1] == '-') {
            fm_buf_puts(ctx, out, "\xE2\x80\x93");
            i += 2;
            continue;
        }
        if (c == '{' || c == '}') {
            i++;
            continue;
        }
        if (c == '\\' && i + 1 < b) {
            size_t k = i + 1, name = k;
            if (!isalpha((unsigned char)s[k])) { /* \%, \&, \_, \,, "\ " */
                if (s[k] == '\\')
                    fm_buf_putc(ctx, out, '\n');
                else if (strchr("%&_#$", s[k]))
                    fm_buf_putc(ctx, out, s[k]);
                else
                    fm_buf_putc(ctx, out, ' ');
                i = k + 1;
                continue;
            }
            while (k < b && isalpha((unsigned char)s[k]))
                k++;
            size_t nl = k - name;
            if (k < b && s[k] == '*')
                k++;
            if (nl == 5 && !strncmp(s + name, "begin", 5) && k < b && s[k] == '{') {
                size_t ge = group_end(s, b, k);
                if (depth < 4 && ge - k == 9 && !strncmp(s + k, "{tabular}", 9)) {
                    /* its column spec, then the body to \end{tabular} */
                    size_t body = ge, end;
                    while (body < b && (s[body] == '{' || s[body] == '['))
                        body = group_end(s, b, body);
                    for (end = body; end + 13 <= b && memcmp(s + end, "\\end{tabular}", 13); end++)
                        ;
                    if (end + 13 > b)
                        end = b;
                    put_tabular(ctx, s, body, end, out, depth);
                    i = end < b ? end + 13 : b;
                    continue;
                }
                fm_buf_puts(ctx, out, "\n\n");
                i = ge;
                while (i < b && s[i] == '[')
                    i = group_end(s, b, i);
                continue;
            }
            if (nl == 3 && !strncmp(s + name, "end", 3) && k < b && s[k] == '{') {
                fm_buf_puts(ctx, out, "\n\n");
                i = group_end(s, b, k);
                continue;
            }
            if (nl == 4 && !strncmp(s + name, "item", 4)) {
                fm_buf_puts(ctx, out, "\n- ");
                i = k;
                continue;
            }
            if (in_list(dropped, s + name, nl)) {
                while (k < b && (s[k] == '[' || s[k] == '{'))
                    k = group_end(s, b, k);
                i = k;
                continue;
            }
            if (in_list(headings, s + name, nl) && depth < 8) {
                while (k < b && s[k] == '[')
                    k = group_end(s, b, k);
                fm_buf_puts(ctx, out, "\n\n");
                if (k < b && s[k] == '{') {
                    size_t ge = group_end(s, b, k);
                    put_text(ctx, s, k + 1, ge - 1, out, depth + 1);
                    k = ge;
                }
                fm_buf_puts(ctx, out, "\n\n");
                i = k;
                continue;
            }
            if (nl == 11 && !strncmp(s + name, "multicolumn", 11)) {
                /* \multicolumn{2}{l}{Total}: its text */
                for (int g = 0; g < 2 && k < b && s[k] == '{'; g++)
                    k = group_end(s, b, k);
                i = k;
                continue;
            }
            /* any other command: its optional arguments go, its text stays */
            while (k < b && s[k] == '[')
                k = group_end(s, b, k);
            i = k;
            continue;
        }
        fm_buf_putc(ctx, out, c);
        i++;
    }
}

fm_status fm_doc_strip_latex(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    put_text(ctx, s, 0, n, out, 0);
    return fm_doc_finish(ctx, out);
}
