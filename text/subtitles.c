/* subtitles.c: a broadcast's subtitles (SubRip .srt, WebVTT .vtt) as text.
 * Cue numbers, timings and the WEBVTT header go; a cue's lines join the cue
 * before when it ends mid-sentence ("Missiles ... struck / a funeral prayer
 * this afternoon near Makeen,"), and a sentence's end closes a paragraph. A
 * bracketed line ("[REPORTER, ON THE TELEPHONE FROM D.I. KHAN]") stands as a
 * paragraph of its own, as a transcript's speaker label does. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

/* "00:00:04,400 --> 00:00:08,900" (SRT) or "00:04.400 --> 00:08.900 ..." (VTT). */
static int is_timing(const char *s, size_t a, size_t b)
{
    size_t i = a;
    int digits = 0;
    while (i < b && (isdigit((unsigned char)s[i]) || s[i] == ':' || s[i] == ',' || s[i] == '.'))
        digits += isdigit((unsigned char)s[i++]) != 0;
    return digits >= 4 && i + 5 <= b && !memcmp(s + i, " --> ", 5);
}

static int is_number(const char *s, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    for (size_t i = a; i < b; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* [a, b) without the spaces and '\r' around it. */
static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && isspace((unsigned char)s[*a]))
        (*a)++;
    while (*b > *a && isspace((unsigned char)s[*b - 1]))
        (*b)--;
}

int fm_doc_is_subtitles(const char *s, size_t n)
{
    size_t i = 0, a, b;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    if (n - i >= 6 && !memcmp(s + i, "WEBVTT", 6))
        return 1;
    /* "1" then a timing line */
    a = i, b = fm_tx_line_end(s, n, i);
    trim(s, &a, &b);
    if (!is_number(s, a, b))
        return 0;
    a = b = fm_tx_line_end(s, n, i) + 1;
    if (a >= n)
        return 0;
    b = fm_tx_line_end(s, n, a);
    trim(s, &a, &b);
    return is_timing(s, a, b);
}

/* Whether the text so far ends a sentence ('.', '!', '?', a closing quote
 * or bracket after one). */
static int ends_sentence(const fm_buf *out)
{
    size_t k = out->len;
    while (k > 0 && (out->data[k - 1] == ' ' || out->data[k - 1] == '\n'))
        k--;
    if (k > 0 && (out->data[k - 1] == '"' || out->data[k - 1] == '\''))
        k--;
    if (k >= 3 && !memcmp(out->data + k - 3, "\xE2\x80\x9D", 3)) /* ” */
        k -= 3;
    return k > 0 && strchr(".!?", out->data[k - 1]);
}

fm_status fm_doc_strip_subtitles(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    int open = 0; /* a paragraph is under way */
    while (i < n) {
        size_t e = fm_tx_line_end(s, n, i), a = i, b = e;
        trim(s, &a, &b);
        i = e + 1;
        if (a == b || is_timing(s, a, b) || (b - a >= 6 && !memcmp(s + a, "WEBVTT", 6)))
            continue;
        if (is_number(s, a, b)) {
            /* a cue's number: its timing follows */
            size_t na = i, nb = fm_tx_line_end(s, n, i);
            trim(s, &na, &nb);
            if (i < n && is_timing(s, na, nb))
                continue;
        }
        if (s[a] == '[' && s[b - 1] == ']') {
            if (open)
                fm_buf_puts(ctx, out, "\n\n");
            fm_buf_append(ctx, out, s + a, b - a);
            fm_buf_puts(ctx, out, "\n\n");
            open = 0;
            continue;
        }
        if (open)
            fm_buf_putc(ctx, out, ' ');
        fm_buf_append(ctx, out, s + a, b - a);
        open = 1;
        if (ends_sentence(out))
            fm_buf_putc(ctx, out, '\n'); /* a line a sentence: one paragraph a
                                          * stretch between labels */
    }
    return fm_doc_finish(ctx, out);
}
