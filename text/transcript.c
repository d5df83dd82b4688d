/* transcript.c: a broadcast or meeting transcript's line prefixes. A line
 * "[01:05] REPORTER, MOHMAND (English): That is the sixth ..." becomes the
 * speaker's label on a line of its own, "REPORTER, MOHMAND (English):",
 * then what was said, "That is the sixth ..." (the form the rest of the
 * reader knows: a label ending in a colon introduces the lines after it);
 * a time code alone, "[00:00] (Signature tune)", goes. A label is written
 * in capitals (one to six words, commas between), with an optional aside
 * in brackets; a line without a time code is relabelled only when its label
 * has a comma or an aside ("REPORTER (Dawn): And in the tribal areas?"), so
 * that "ISPR: 35 killed" keeps its party. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

/* "[01:05] " or "[1:02:33] " at i: its length with the spaces after, or 0. */
static size_t time_code(const char *s, size_t e, size_t i)
{
    size_t k = i + 1, digits = 0, colons = 0;
    if (i >= e || s[i] != '[')
        return 0;
    while (k < e && (isdigit((unsigned char)s[k]) || s[k] == ':')) {
        digits += isdigit((unsigned char)s[k]) != 0;
        colons += s[k] == ':';
        k++;
    }
    if (k >= e || s[k] != ']' || digits < 3 || !colons)
        return 0;
    k++;
    while (k < e && s[k] == ' ')
        k++;
    return k - i;
}

/* A speaker's label at i ("REPORTER, MOHMAND (English): "): the length of
 * the label with its colon (*said gets where the speech starts), or 0.
 * *marked: it has a comma or an aside. */
static size_t label_at(const char *s, size_t e, size_t i, size_t *said, int *marked)
{
    size_t k = i, words = 0, caps = 0;
    *marked = 0;
    while (k < e && words < 7) {
        size_t w = k;
        while (k < e && (isupper((unsigned char)s[k]) || s[k] == '.' || s[k] == '\'' ||
                         s[k] == '-'))
            k++;
        if (k == w)
            break;
        caps += k - w >= 2;
        words++;
        if (k < e && s[k] == ',')
            k++, *marked = 1;
        if (k < e && s[k] == ' ')
            k++;
        else
            break;
    }
    if (!words || !caps)
        return 0;
    while (k > i && s[k - 1] == ' ')
        k--;
    if (k < e && s[k] == ' ')
        k++;
    if (k < e && s[k] == '(') {
        const char *close = memchr(s + k, ')', e - k);
        if (!close || close - (s + k) > 40)
            return 0;
        k = (size_t)(close - s) + 1;
        *marked = 1;
    }
    if (k >= e || s[k] != ':' || (k + 1 < e && s[k + 1] != ' '))
        return 0;
    *said = fm_tx_skip_space(s, e, k + 1);
    return k + 1 - i;
}

int fm_tx_is_label(const char *s, size_t start, size_t end)
{
    size_t k = fm_tx_skip_space(s, end, start), said = 0, lab;
    int marked;
    while (end > k && (s[end - 1] == ' ' || s[end - 1] == '\n'))
        end--;
    k += time_code(s, end, k);
    if (end <= k || s[end - 1] != ':')
        return 0;
    lab = label_at(s, end, k, &said, &marked);
    return lab && k + lab == end;
}

/* A line that is one or more sentences in square brackets. */
static int bracketed_sentence(const char *s, size_t k, size_t e)
{
    while (e > k && (s[e - 1] == ' ' || s[e - 1] == '\r'))
        e--;
    if (e < k + 8 || s[k] != '[' || s[e - 1] != ']' || !isupper((unsigned char)s[k + 1]) ||
        !strchr(".?!", s[e - 2]) || !memchr(s + k, ' ', e - k))
        return 0;
    for (size_t i = k + 1; i < e - 1; i++)
        if (s[i] == '[' || s[i] == ']')
            return 0;
    return 1;
}

fm_status fm_doc_split_labels(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t e = fm_tx_line_end(s, n, i), k = i, tc, lab, said = 0;
        int marked;
        while (k < e && s[k] == ' ')
            k++;
        tc = time_code(s, e, k);
        lab = label_at(s, e, k + tc, &said, &marked);
        if (lab && (tc || marked) && said < e) {
            fm_buf_append(ctx, out, s + k + tc, lab);
            fm_buf_putc(ctx, out, '\n');
            fm_buf_append(ctx, out, s + said, e - said);
        } else if (tc) {
            fm_buf_append(ctx, out, s + k + tc, e - k - tc);
        } else if (bracketed_sentence(s, k, e)) {
            /* "[In Baizai tehsil of Mohmand Agency there was heavy fighting
             * ...]": a translation given in brackets is the text */
            size_t b = e;
            while (s[b - 1] != ']')
                b--;
            fm_buf_append(ctx, out, s + k + 1, b - 1 - (k + 1));
        } else {
            fm_buf_append(ctx, out, s + i, e - i);
        }
        if (e < n)
            fm_buf_putc(ctx, out, '\n');
        i = e + 1;
    }
    return fm_doc_finish(ctx, out);
}
