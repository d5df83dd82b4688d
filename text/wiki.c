/* wiki.c: MediaWiki source (a Wikipedia timeline or list copied from the
 * edit box) as text. Templates ("{{cite news |...}}", "{{Use dmy dates}}")
 * and references ("<ref>...</ref>") go; a link keeps the words it shows
 * ("[[Bara, Khyber|Bara]]" is "Bara"), file and category links go; bold and
 * italic quotes go; entities are decoded. A heading ("== June ==") and each
 * list item ("* 6 June - ...") become paragraphs of their own, so that a
 * timeline's entries are read one by one. */
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

/* Whether s looks like wiki markup: links in double brackets and at least
 * one of a heading, a template or bold quotes at a line's start. */
int fm_doc_is_wiki(const char *s, size_t n)
{
    size_t links = 0, marks = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '[' && s[i + 1] == '[')
            links++;
        if (i == 0 || s[i - 1] == '\n') {
            if ((s[i] == '=' && s[i + 1] == '=') || (s[i] == '{' && s[i + 1] == '{'))
                marks++;
        }
        if (i + 2 < n && s[i] == '\'' && s[i + 1] == '\'' && s[i + 2] == '\'')
            marks++;
    }
    return links >= 3 && marks >= 2;
}

/* The end of the construct opened at i by open (2 bytes) and closed by
 * close, nested; n when it never closes. */
static size_t closing(const char *s, size_t n, size_t i, const char *open, const char *close)
{
    int depth = 0;
    for (size_t k = i; k + 1 < n; k++) {
        if (s[k] == open[0] && s[k + 1] == open[1]) {
            depth++;
            k++;
        } else if (s[k] == close[0] && s[k + 1] == close[1]) {
            if (--depth == 0)
                return k + 2;
            k++;
        }
    }
    return n;
}

static int starts_ci(const char *s, size_t n, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i + l <= n && !strncasecmp(s + i, w, l);
}

/* After "<ref": past the reference ("<ref name=a />" or "<ref>...</ref>"). */
static size_t skip_ref(const char *s, size_t n, size_t i)
{
    const char *gt = memchr(s + i, '>', n - i), *end;
    if (!gt)
        return n;
    if (gt > s + i && gt[-1] == '/')
        return (size_t)(gt - s) + 1;
    for (end = gt; (end = memchr(end, '<', (size_t)(s + n - end))) != NULL; end++)
        if (starts_ci(s, n, (size_t)(end - s), "</ref>"))
            return (size_t)(end - s) + 6;
    return n;
}

/* Links inside links nest no deeper than this; deeper brackets are copied
 * (a hostile "[[[[[[..." must not recurse without end). */
#define WIKI_MAX_DEPTH 8

/* Appends the inline text of s[i, e): links, templates, references, tags,
 * quotes and entities resolved. */
static void inline_text(fm_ctx *ctx, const char *s, size_t i, size_t e, fm_buf *out, int depth)
{
    while (i < e) {
        size_t k;
        if (s[i] == '{' && i + 1 < e && s[i + 1] == '{') {
            i = closing(s, e, i, "{{", "}}");
            continue;
        }
        if (s[i] == '[' && i + 1 < e && s[i + 1] == '[' && depth < WIKI_MAX_DEPTH) {
            size_t end = closing(s, e, i, "[[", "]]"), a = i + 2, b = end >= 2 ? end - 2 : end;
            if (end > e || starts_ci(s, e, a, "file:") || starts_ci(s, e, a, "image:") ||
                starts_ci(s, e, a, "category:")) {
                i = end;
                continue;
            }
            for (k = a; k < b; k++)
                if (s[k] == '|')
                    a = k + 1; /* the words shown: after the last bar */
            inline_text(ctx, s, a, b, out, depth + 1);
            i = end;
            continue;
        }
        if (s[i] == '[' && (starts_ci(s, e, i + 1, "http://") || starts_ci(s, e, i + 1, "https://"))) {
            const char *close = memchr(s + i, ']', e - i), *sp = memchr(s + i, ' ', e - i);
            if (close) {
                if (sp && sp < close)
                    inline_text(ctx, s, (size_t)(sp - s) + 1, (size_t)(close - s), out,
                                depth + 1);
                i = (size_t)(close - s) + 1;
                continue;
            }
        }
        if (s[i] == '<') {
            if (starts_ci(s, e, i, "<ref")) {
                i = skip_ref(s, e, i + 4);
                continue;
            }
            if (starts_ci(s, e, i, "<!--")) {
                const char *c = NULL;
                for (k = i + 4; k + 2 < e && !c; k++)
                    if (!strncmp(s + k, "-->", 3))
                        c = s + k;
                i = c ? (size_t)(c - s) + 3 : e;
                continue;
            }
            if (i + 1 < e && (s[i + 1] == '/' || (s[i + 1] >= 'a' && s[i + 1] <= 'z'))) {
                const char *gt = memchr(s + i, '>', e - i);
                if (gt) {
                    if (starts_ci(s, e, i, "<br"))
                        fm_buf_putc(ctx, out, ' ');
                    i = (size_t)(gt - s) + 1;
                    continue;
                }
            }
        }
        if (s[i] == '\'' && i + 1 < e && s[i + 1] == '\'') {
            while (i < e && s[i] == '\'')
                i++;
            continue;
        }
        if (s[i] == '&' && (k = fm_doc_entity(ctx, s + i, e - i, out)) > 0) {
            i += k;
            continue;
        }
        if (s[i] == '_' && starts_ci(s, e, i, "__notoc__")) {
            i += 9;
            continue;
        }
        fm_buf_putc(ctx, out, s[i++]);
    }
}

/* The end of the logical line at i: a template or reference that runs over
 * several lines keeps them one line. */
static size_t logical_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != '\n') {
        if (s[i] == '<' && starts_ci(s, n, i, "<!--")) {
            size_t k = i + 4;
            while (k + 2 < n && strncmp(s + k, "-->", 3))
                k++;
            i = k + 2 < n ? k + 3 : n;
        } else if (s[i] == '{' && i + 1 < n && s[i + 1] == '{')
            i = closing(s, n, i, "{{", "}}");
        else if (s[i] == '<' && starts_ci(s, n, i, "<ref"))
            i = skip_ref(s, n, i + 4);
        else
            i++;
    }
    return i;
}

/* The value of field key in the template s[a, e) ("| date = 2 March
 * 2004"): *va, *vb its bounds, trimmed; 0 when absent or empty. */
static int infobox_field(const char *s, size_t a, size_t e, const char *key, size_t *va,
                         size_t *vb)
{
    size_t l = strlen(key);
    int depth = 0;
    for (size_t i = a + 2; i < e; i++) {
        if ((s[i] == '{' || s[i] == '[') && i + 1 < e && s[i + 1] == s[i])
            depth++, i++;
        else if ((s[i] == '}' || s[i] == ']') && i + 1 < e && s[i + 1] == s[i])
            depth--, i++;
        else if (s[i] == '|' && depth == 0) {
            size_t k = i + 1, v, end;
            while (k < e && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (!starts_ci(s, e, k, key))
                continue;
            k += l;
            while (k < e && (s[k] == ' ' || s[k] == '\t'))
                k++;
            if (k >= e || s[k] != '=')
                continue;
            v = k + 1;
            /* the value runs to the next bar at depth 0 or the end */
            int d = 0;
            for (end = v; end < e; end++) {
                if ((s[end] == '{' || s[end] == '[') && end + 1 < e && s[end + 1] == s[end])
                    d++, end++;
                else if ((s[end] == '}' || s[end] == ']') && end + 1 < e && s[end + 1] == s[end]) {
                    if (--d < 0)
                        break;
                    end++;
                } else if (s[end] == '<' && starts_ci(s, e, end, "<ref"))
                    end = skip_ref(s, e, end + 4) - 1;
                else if (s[end] == '|' && d == 0)
                    break;
            }
            while (v < end && strchr(" \t\r\n", s[v]))
                v++;
            while (end > v && strchr(" \t\r\n", s[end - 1]))
                end--;
            *va = v, *vb = end;
            return end > v;
        }
    }
    return 0;
}

/* Appends field key's text, then after. 1 when the field was there. */
static int infobox_put(fm_ctx *ctx, const char *s, size_t a, size_t e, const char *key,
                       const char *before, const char *after, fm_buf *out)
{
    size_t va, vb;
    if (!infobox_field(s, a, e, key, &va, &vb))
        return 0;
    size_t at;
    fm_buf_puts(ctx, out, before);
    at = out->len;
    inline_text(ctx, s, va, vb, out, 0);
    if (out->data) { /* one line: the value's wrapped lines joined */
        size_t w = at;
        for (size_t k = at; k < out->len; k++) {
            char c = strchr("\t\r\n", out->data[k]) ? ' ' : out->data[k];
            if (!(c == ' ' && w > at && out->data[w - 1] == ' '))
                out->data[w++] = c;
        }
        out->len = w;
        out->data[w] = '\0';
    }
    fm_buf_puts(ctx, out, after);
    return 1;
}

/* "{{Infobox civilian attack | title = ... | date = ... | location = ... |
 * fatalities = 47 }}": an infobox is a summary of one event, written as a
 * heading (its title, date and place) and, for an attack, a sentence of its
 * toll. A military conflict's casualties run over the whole campaign and
 * are left to its timeline. */
static void put_infobox(fm_ctx *ctx, const char *s, size_t a, size_t e, fm_buf *out)
{
    int attack = !starts_ci(s, e, a + 2, "infobox military");
    fm_buf_putc(ctx, out, '\n');
    if (!infobox_put(ctx, s, a, e, "title", "", "", out) &&
        !infobox_put(ctx, s, a, e, "conflict", "", "", out))
        infobox_put(ctx, s, a, e, "name", "", "", out);
    infobox_put(ctx, s, a, e, "date", " \xE2\x80\x94 ", "", out);
    if (!infobox_put(ctx, s, a, e, "place", " \xE2\x80\x94 ", "", out))
        infobox_put(ctx, s, a, e, "location", " \xE2\x80\x94 ", "", out);
    fm_buf_puts(ctx, out, "\n\n");
    if (!attack)
        return;
    {
        size_t va, vb;
        if (!infobox_field(s, a, e, "fatalities", &va, &vb) &&
            !infobox_field(s, a, e, "deaths", &va, &vb))
            return;
    }
    infobox_put(ctx, s, a, e, "type", "", " attack", out);
    infobox_put(ctx, s, a, e, "date", " on ", "", out);
    if (!infobox_put(ctx, s, a, e, "location", " at ", "", out))
        infobox_put(ctx, s, a, e, "place", " at ", "", out);
    if (!infobox_put(ctx, s, a, e, "fatalities", ": ", " killed", out))
        infobox_put(ctx, s, a, e, "deaths", ": ", " killed", out);
    infobox_put(ctx, s, a, e, "injuries", ", ", " injured", out);
    fm_buf_puts(ctx, out, ".");
    infobox_put(ctx, s, a, e, "perpetrators", " Perpetrators: ", ".", out);
    fm_buf_puts(ctx, out, "\n\n");
}

fm_status fm_doc_strip_wiki(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t e = logical_end(s, n, i), a = i, b = e;
        int own = 0; /* a paragraph of its own: heading or list item */
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r' || s[b - 1] == '\t'))
            b--;
        if (starts_ci(s, b, a, "{{infobox")) {
            put_infobox(ctx, s, a, b, out);
            i = e < n ? e + 1 : n;
            continue;
        }
        if (b - a >= 4 && s[a] == '=' && s[b - 1] == '=') {
            while (a < b && s[a] == '=')
                a++;
            while (b > a && s[b - 1] == '=')
                b--;
            own = 1;
        } else if (a < b && strchr("*#:;", s[a])) {
            while (a < b && strchr("*#:;", s[a]))
                a++;
            own = 1;
            /* an item wrapped onto indented lines ("  meets heavy
             * resistance.") goes on there */
            while (e < n && e + 1 < n && (s[e + 1] == ' ' || s[e + 1] == '\t')) {
                size_t k = e + 1;
                while (k < n && (s[k] == ' ' || s[k] == '\t'))
                    k++;
                if (k >= n || s[k] == '\n' || s[k] == '\r')
                    break;
                e = logical_end(s, n, k);
                b = e;
                while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r' || s[b - 1] == '\t'))
                    b--;
            }
        } else if (a + 1 < b && ((s[a] == '{' && s[a + 1] == '|') || (s[a] == '|' && s[a + 1] == '}') ||
                                 (s[a] == '|' && s[a + 1] == '-'))) {
            a = b; /* a table's frame */
        }
        while (a < b && s[a] == ' ')
            a++;
        if (own)
            fm_buf_putc(ctx, out, '\n');
        {
            size_t before = out->len;
            inline_text(ctx, s, a, b, out, 0);
            /* a line left with only spaces (a template's) is blank */
            size_t k = before;
            while (k < out->len && out->data[k] == ' ')
                k++;
            if (k == out->len && out->data) {
                out->len = before;
                out->data[before] = '\0';
            }
        }
        fm_buf_putc(ctx, out, '\n');
        if (own)
            fm_buf_putc(ctx, out, '\n');
        i = e < n ? e + 1 : n;
    }
    return fm_doc_finish(ctx, out);
}
