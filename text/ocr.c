/* ocr.c: characters mended before the text is read. Eastern Arabic and
 * Persian digits ("۲۰۱۱/۰۳/۳۱", as Urdu and Pashto pages write them) become
 * ASCII ones. And the commonest character errors of an OCRed page: a letter read for a digit inside a number ("21-03-2O03",
 * "1Oth", "Rs. 3,O0,000"), a digit read for a letter inside a word
 * ("twe1ve", "fami1y", "Ju1y", "ni1") and a small l read for a capital I in
 * a word in capitals ("KASHMlR", "DlSTRlCT"). A document is mended only
 * when it has three such words or more: one alone is more likely a code
 * ("A1", "lx") than a misreading. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

#define OCR_MIN 3 /* mended words a document needs before any is mended */

/* The mended form of word [a, b) into w (same length), or 0 when it needs
 * none. */
static int mend(const char *s, size_t a, size_t b, char *w)
{
    size_t n = b - a, digits = 0, lower = 0, upper = 0, odd = 0;
    memcpy(w, s + a, n);
    for (size_t k = a; k < b; k++) {
        unsigned char c = (unsigned char)s[k];
        digits += isdigit(c) != 0;
        lower += islower(c) != 0;
        upper += isupper(c) != 0;
    }
    if (n < 2)
        return 0;
    if (digits && (lower || upper)) {
        /* a number: its letters O, o, l, I are digits, bar an ordinal's end */
        size_t end = n;
        if (n >= 3 && (!strncasecmp(w + n - 2, "th", 2) || !strncasecmp(w + n - 2, "st", 2) ||
                       !strncasecmp(w + n - 2, "nd", 2) || !strncasecmp(w + n - 2, "rd", 2)))
            end = n - 2;
        for (size_t k = 0; k < end; k++)
            if (!isdigit((unsigned char)w[k]) && !strchr("OoIl", w[k]))
                end = 0; /* (any other letter: a code or a word, "F16", "4x4") */
        if (end && digits * 2 >= end) {
            for (size_t k = 0; k < end; k++)
                if (strchr("Oo", w[k]))
                    w[k] = '0', odd++;
                else if (strchr("Il", w[k]))
                    w[k] = '1', odd++;
            return odd > 0;
        }
        /* a word: a 1 or a 0 between small letters, or a 1 ending one */
        if (digits > 2 || !lower)
            return 0;
        for (size_t k = 0; k < n; k++) {
            int before = k > 0 && islower((unsigned char)w[k - 1]);
            int after = k + 1 < n && islower((unsigned char)w[k + 1]);
            if ((w[k] == '1' || w[k] == '0') &&
                ((before && after) || (w[k] == '1' && before && k + 1 == n && lower >= 2))) {
                w[k] = w[k] == '1' ? 'l' : 'o';
                odd++;
            } else if (isdigit((unsigned char)w[k]))
                return 0;
        }
        return odd > 0;
    }
    if (!digits && upper >= 2 && lower) {
        /* a word in capitals but for small l's: "SANCTlON", "lNDlAN" */
        for (size_t k = 0; k < n; k++)
            if (islower((unsigned char)w[k]) && w[k] != 'l')
                return 0;
        for (size_t k = 0; k < n; k++)
            if (w[k] == 'l')
                w[k] = 'I', odd++;
        return odd > 0;
    }
    return 0;
}

static int word_char(unsigned char c)
{
    return isalnum(c) != 0;
}

/* How many words of s[0, n) mend would change; stops at OCR_MIN. */
static size_t count_mends(const char *s, size_t n)
{
    size_t i = 0, found = 0;
    char w[64];
    while (i < n && found < OCR_MIN) {
        size_t e = i;
        while (e < n && word_char((unsigned char)s[e]))
            e++;
        if (e > i && e - i < sizeof w && (i == 0 || !((unsigned char)s[i - 1] & 0x80)) &&
            (e == n || !((unsigned char)s[e] & 0x80)))
            found += mend(s, i, e, w);
        i = e > i ? e : i + 1;
    }
    return found;
}

fm_status fm_doc_ocr_mend(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    char w[64];
    if (count_mends(s, n) < OCR_MIN) {
        fm_buf_append(ctx, out, s, n);
        return fm_doc_finish(ctx, out);
    }
    while (i < n) {
        size_t e = i;
        while (e < n && word_char((unsigned char)s[e]))
            e++;
        if (e > i && e - i < sizeof w && (i == 0 || !((unsigned char)s[i - 1] & 0x80)) &&
            (e == n || !((unsigned char)s[e] & 0x80)) && mend(s, i, e, w)) {
            fm_buf_append(ctx, out, w, e - i);
            i = e;
            continue;
        }
        if (e == i)
            e = i + 1;
        fm_buf_append(ctx, out, s + i, e - i);
        i = e;
    }
    return fm_doc_finish(ctx, out);
}

fm_status fm_doc_ascii_digits(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && ((u[i] == 0xDB && u[i + 1] >= 0xB0 && u[i + 1] <= 0xB9) ||
                          (u[i] == 0xD9 && u[i + 1] >= 0xA0 && u[i + 1] <= 0xA9))) {
            /* U+06F0-06F9 (Persian, Urdu, Pashto), U+0660-0669 (Arabic) */
            fm_buf_putc(ctx, out, (char)('0' + (u[i + 1] - (u[i] == 0xDB ? 0xB0 : 0xA0))));
            i++;
            continue;
        }
        fm_buf_putc(ctx, out, s[i]);
    }
    return fm_doc_finish(ctx, out);
}
