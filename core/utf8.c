/* utf8.c: strict UTF-8 validation for text that comes from files and the
 * command line (a Latin-1 or UTF-16 export is refused with the command that
 * converts it, never guessed at), and JSON string output. */
#include "core/fm_core.h"

#include <stdint.h>
#include <string.h>

long fm_utf8_bad_offset(const char *str)
{
    const unsigned char *s = (const unsigned char *)str, *p = s;
    size_t len = strlen(str);
    /* most imported text is ASCII: skip it eight bytes at a time */
    for (const unsigned char *end = s + len; end - p >= 8; p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        if (w & 0x8080808080808080ULL)
            break;
    }
    while (*p) {
        unsigned c = *p;
        int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
        if (n < 0)
            return (long)(p - s);
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return (long)(p - s);
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
            (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
            return (long)(p - s);
        p += n + 1;
    }
    return -1;
}

fm_status fm_utf8_check(fm_ctx *ctx, const char *what, const char *s)
{
    long bad;
    if (!s || (bad = fm_utf8_bad_offset(s)) < 0)
        return FM_OK;
    return fm_error(ctx, FM_EFORMAT,
                    "%s is not valid UTF-8 (byte 0x%02X at position %ld); if the file is"
                    " Latin-1, convert it: iconv -f LATIN1 -t UTF-8 FILE > NEW.csv",
                    what, (unsigned char)s[bad], bad + 1);
}

void fm_json_write_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* The length of the well-formed sequence at p (1 to 4), or 0 when p does not
 * start one. */
static int seq_len(const unsigned char *p)
{
    unsigned c = *p;
    int n = c < 0x80 ? 0 : c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
            : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
    if (n < 0)
        return 0;
    for (int i = 1; i <= n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) || (c == 0xF0 && p[1] < 0x90) ||
        (c == 0xF4 && p[1] > 0x8F))
        return 0;
    return n + 1;
}

size_t fm_utf8_fit(const char *s, size_t len, size_t max)
{
    size_t n = len;
    if (n <= max)
        return n;
    /* step back over continuation bytes to the start of the cut character */
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void fm_utf8_repair(char *str)
{
    unsigned char *s = (unsigned char *)str, *w = s;
    while (*s) {
        int n = seq_len(s);
        if (n > 0) {
            memmove(w, s, (size_t)n);
            w += n, s += n;
            continue;
        }
        /* a lead byte whose sequence stops short where a cut ended it
         * (%.40s, a full buffer) is dropped; any other bad byte becomes '?' */
        if (*s >= 0xC2 && *s <= 0xF4) {
            int want = *s >= 0xF0 ? 3 : *s >= 0xE0 ? 2 : 1, k = 1;
            while (k <= want && (s[k] & 0xC0) == 0x80)
                k++;
            if (k <= want && (s[k] & 0x80) == 0) {
                s += k;
                continue;
            }
        }
        *w++ = '?';
        s++;
    }
    *w = '\0';
}
