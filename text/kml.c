/* kml.c: a KML export (Google Earth, QGIS, a tracker's map layer) as text.
 * Each Placemark becomes a heading with its day (TimeStamp's <when>, or
 * TimeSpan's <begin>) and a paragraph of its name and description, closed
 * by the point it is drawn at, written the way the sentence reader takes a
 * point: "(coordinates: 26.016, 63.889)" (KML writes longitude first). A
 * description's CDATA is taken as it stands; tags inside it (a <br>) become
 * spaces and entities are kept as written. What is outside the
 * Placemarks (the document's and folders' names, styles) is dropped, so that
 * a layer named after one district does not make every mark that district's. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

int fm_doc_is_kml(const char *s, size_t n)
{
    size_t m = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 4 < m; i++)
        if (s[i] == '<' && !strncasecmp(s + i, "<kml", 4))
            return 1;
    return 0;
}

/* Where "<tag" (followed by '>' or a space) starts in s[a, b), or b. */
static size_t find_open(const char *s, size_t a, size_t b, const char *tag)
{
    size_t l = strlen(tag);
    for (size_t i = a; i + l + 2 <= b; i++)
        if (s[i] == '<' && !strncasecmp(s + i + 1, tag, l) &&
            (s[i + 1 + l] == '>' || s[i + 1 + l] == ' '))
            return i;
    return b;
}

/* The text of the first <tag>...</tag> in s[a, b) into [*ta, *tb) (CDATA
 * markers left out); 0 when there is none. */
static int element(const char *s, size_t a, size_t b, const char *tag, size_t *ta, size_t *tb)
{
    size_t o = find_open(s, a, b, tag), l = strlen(tag), c;
    const char *gt;
    if (o >= b || !(gt = memchr(s + o, '>', b - o)))
        return 0;
    *ta = (size_t)(gt - s) + 1;
    for (c = *ta; c + l + 3 <= b; c++)
        if (s[c] == '<' && s[c + 1] == '/' && !strncasecmp(s + c + 2, tag, l) && s[c + 2 + l] == '>')
            break;
    if (c + l + 3 > b)
        return 0;
    *tb = c;
    if (*tb - *ta >= 12 && !memcmp(s + *ta, "<![CDATA[", 9) && !memcmp(s + *tb - 3, "]]>", 3)) {
        *ta += 9;
        *tb -= 3;
    }
    while (*ta < *tb && isspace((unsigned char)s[*ta]))
        (*ta)++;
    while (*tb > *ta && isspace((unsigned char)s[*tb - 1]))
        (*tb)--;
    return 1;
}

/* Copies s[a, b) with its line breaks as spaces and its tags as spaces. */
static void put_text(fm_ctx *ctx, fm_buf *out, const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', b - i);
            if (gt) {
                fm_buf_putc(ctx, out, ' ');
                i = (size_t)(gt - s);
                continue;
            }
        }
        fm_buf_putc(ctx, out, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
    }
}

/* "63.889,26.016,0": longitude, latitude (and height) into the sentence
 * reader's form, latitude first. */
static void put_point(fm_ctx *ctx, fm_buf *out, const char *s, size_t a, size_t b)
{
    size_t comma = a, end;
    while (comma < b && s[comma] != ',')
        comma++;
    if (comma >= b)
        return;
    end = comma + 1;
    while (end < b && s[end] != ',' && !isspace((unsigned char)s[end]))
        end++;
    fm_buf_puts(ctx, out, " (coordinates: ");
    fm_buf_append(ctx, out, s + comma + 1, end - comma - 1);
    fm_buf_puts(ctx, out, ", ");
    fm_buf_append(ctx, out, s + a, comma - a);
    fm_buf_putc(ctx, out, ')');
}

/* The latest day a mark gives ("2021-12-29"), into last (11 bytes; "" for
 * none). */
static void latest_day(const char *s, size_t n, char *last)
{
    last[0] = '\0';
    for (size_t i = 0; i + 17 < n; i++) {
        size_t v;
        if (s[i] != '<')
            continue;
        if (!strncasecmp(s + i, "<when>", 6))
            v = i + 6;
        else if (!strncasecmp(s + i, "<begin>", 7))
            v = i + 7;
        else
            continue;
        if (v + 10 <= n && isdigit((unsigned char)s[v]) && isdigit((unsigned char)s[v + 3]) &&
            s[v + 4] == '-' && s[v + 7] == '-' && (!last[0] || memcmp(s + v, last, 10) > 0)) {
            memcpy(last, s + v, 10);
            last[10] = '\0';
        }
    }
}

fm_status fm_doc_strip_kml(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    char last[11];
    /* the layer's date, its latest mark's day, heads the text: each mark's
     * own day is then its section's, not the document's */
    latest_day(s, n, last);
    fm_buf_puts(ctx, out, "Map layer");
    if (last[0]) {
        fm_buf_puts(ctx, out, ", marks to ");
        fm_buf_puts(ctx, out, last);
    }
    fm_buf_puts(ctx, out, "\n\n");
    while ((i = find_open(s, i, n, "Placemark")) < n) {
        size_t e = i, a, b, da, db;
        int dated;
        while (e + 12 <= n && strncasecmp(s + e, "</Placemark>", 12))
            e++;
        if (e + 12 > n)
            e = n;
        dated = element(s, i, e, "when", &da, &db) || element(s, i, e, "begin", &da, &db);
        if (dated) {
            put_text(ctx, out, s, da, db < da + 10 ? db : da + 10); /* (the day of a time) */
            fm_buf_puts(ctx, out, "\n\n");
        }
        if (element(s, i, e, "name", &a, &b)) {
            put_text(ctx, out, s, a, b);
            fm_buf_puts(ctx, out, b > a && strchr(".!?", s[b - 1]) ? " " : ". ");
        }
        if (element(s, i, e, "description", &a, &b))
            put_text(ctx, out, s, a, b);
        if (element(s, i, e, "coordinates", &a, &b))
            put_point(ctx, out, s, a, b);
        fm_buf_puts(ctx, out, "\n\n");
        i = e;
    }
    return fm_doc_finish(ctx, out);
}
