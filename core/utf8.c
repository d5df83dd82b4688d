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
