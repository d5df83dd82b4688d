/* spans.c: Pandoc's bracketed spans in Markdown, "[text]{.class key=val}",
 * as a reader of the final text sees them. A document converted with
 * `pandoc --track-changes=all` keeps every revision: "[fifteen]{.deletion
 * author=...}[thirteen]{.insertion author=...}" reads "thirteen"; a
 * deletion's text goes, an insertion's stays, a comment
 * ("[...]{.comment-start ...}[]{.comment-end ...}") goes, and any other
 * span keeps its text without its attributes. A bracket not followed by
 * "{" (a link, a footnote, an editor's "[sic]") is copied as it stands. */
#include <string.h>

#include "text/text_priv.h"

/* The index of the ']' that closes the '[' at s[i] (brackets nest), or n. */
static size_t span_end(const char *s, size_t n, size_t i)
{
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == '[')
            depth++;
        else if (s[k] == ']' && --depth == 0)
            return k;
    }
    return n;
}

/* Whether the attributes s[a, b) hold the class name (".deletion"). */
static int has_class(const char *s, size_t a, size_t b, const char *name)
{
    size_t l = strlen(name);
    for (size_t k = a; k + l <= b; k++)
        if (!memcmp(s + k, name, l) && (k + l == b || s[k + l] == ' ' || s[k + l] == '}'))
            return 1;
    return 0;
}

static void copy_spans(fm_ctx *ctx, const char *s, size_t a, size_t b, fm_buf *out, int depth)
{
    size_t i = a;
    while (i < b) {
        size_t close, attr_end;
        if (s[i] != '[' || depth > 8) {
            fm_buf_putc(ctx, out, s[i++]);
            continue;
        }
        close = span_end(s, b, i);
        if (close >= b || close + 1 >= b || s[close + 1] != '{') {
            fm_buf_putc(ctx, out, s[i++]);
            continue;
        }
        attr_end = close + 2;
        while (attr_end < b && s[attr_end] != '}' && s[attr_end] != '\n')
            attr_end++;
        if (attr_end >= b || s[attr_end] != '}' || s[close + 2] != '.') {
            fm_buf_putc(ctx, out, s[i++]);
            continue; /* ("[link]{#id}" and the like: not a class's span) */
        }
        if (!has_class(s, close + 2, attr_end, ".deletion") &&
            !has_class(s, close + 2, attr_end, ".comment-start") &&
            !has_class(s, close + 2, attr_end, ".comment-end"))
            copy_spans(ctx, s, i + 1, close, out, depth + 1);
        i = attr_end + 1;
    }
}

fm_status fm_doc_pandoc_spans(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    copy_spans(ctx, s, 0, n, out, 0);
    return fm_doc_finish(ctx, out);
}
