/* ical.c: an iCalendar export (RFC 5545, .ics: a desk calendar of incidents
 * and meetings) as text. Folded lines are unfolded (a line break followed by
 * a space or tab goes on the line before) and escapes undone ("\," "\;"
 * "\n" "\\"); each event becomes a heading that gives its day and place
 * ("16 September 2008 - Kabal, Swat") and a paragraph of its summary and
 * description, so that the extractor reads the day of the entry as the
 * section's date. A cancelled event (STATUS:CANCELLED) is left out: the
 * calendar says it did not happen. A start in UTC ("...T203000Z") is moved
 * to the calendar's own offset (its VTIMEZONE's TZOFFSETTO) before its day
 * is taken. Everything else (the calendar's header, alarms, time zones) is
 * dropped. The day the calendar was exported heads the text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text_priv.h"

int fm_doc_is_ical(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    return n - i >= 15 && !memcmp(s + i, "BEGIN:VCALENDAR", 15);
}

/* One unfolded content line: name (up to ';' or ':'), its value. */
typedef struct {
    char name[32];
    const char *param; /* the parameters between name and ':' ("" none) */
    size_t param_len;
    fm_buf value;      /* unescaped */
} ical_line;

/* Reads the content line that starts at s[i] into l (unfolding and
 * unescaping its value); the index after it. */
static size_t read_line(fm_ctx *ctx, const char *s, size_t n, size_t i, ical_line *l)
{
    size_t k = i, nl = 0;
    l->value.len = 0;
    if (l->value.data)
        l->value.data[0] = '\0';
    while (k < n && s[k] != ':' && s[k] != ';' && s[k] != '\n' && nl + 1 < sizeof l->name)
        l->name[nl++] = (char)toupper((unsigned char)s[k++]);
    l->name[nl] = '\0';
    l->param = s + k;
    while (k < n && s[k] != ':' && s[k] != '\n')
        k++;
    l->param_len = (size_t)(l->param - s) < k ? k - (size_t)(l->param - s) : 0;
    if (k < n && s[k] == ':')
        k++;
    while (k < n) {
        if (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')
            k++;
        if (s[k] == '\n') {
            if (k + 1 < n && (s[k + 1] == ' ' || s[k + 1] == '\t')) {
                k += 2; /* a folded line goes on */
                continue;
            }
            k++;
            break;
        }
        if (s[k] == '\\' && k + 1 < n && strchr(",;:\\nN", s[k + 1])) {
            char c = s[k + 1] == 'n' || s[k + 1] == 'N' ? '\n' : s[k + 1];
            fm_buf_putc(ctx, &l->value, c);
            k += 2;
            continue;
        }
        fm_buf_putc(ctx, &l->value, s[k]);
        k++;
    }
    if (!l->value.data)
        fm_buf_puts(ctx, &l->value, "");
    return k;
}

/* "+0500" as minutes east; 0 if not an offset. */
static int offset_minutes(const char *v)
{
    int sign, h, m;
    if (!v || (v[0] != '+' && v[0] != '-') || strlen(v) < 5)
        return 0;
    for (int k = 1; k < 5; k++)
        if (!isdigit((unsigned char)v[k]))
            return 0;
    sign = v[0] == '-' ? -1 : 1;
    h = (v[1] - '0') * 10 + (v[2] - '0');
    m = (v[3] - '0') * 10 + (v[4] - '0');
    return sign * (h * 60 + m);
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* The day of v[0, n), "20080916" or "20080920T203000Z" (the latter moved
 * by offset minutes when it is UTC), into y, m, d; 0 if not a date. */
static int event_day(const char *v, size_t n, int offset, int *y, int *m, int *d)
{
    if (n < 8)
        return 0;
    for (int k = 0; k < 8; k++)
        if (!isdigit((unsigned char)v[k]))
            return 0;
    *y = atoi((char[]){v[0], v[1], v[2], v[3], 0});
    *m = (v[4] - '0') * 10 + (v[5] - '0');
    *d = (v[6] - '0') * 10 + (v[7] - '0');
    if (*m < 1 || *m > 12 || *d < 1 || *d > days_in(*y, *m))
        return 0;
    if (n >= 16 && v[8] == 'T' && v[15] == 'Z') {
        int hh = (v[9] - '0') * 10 + (v[10] - '0'), mm = (v[11] - '0') * 10 + (v[12] - '0');
        int local = hh * 60 + mm + offset;
        if (local >= 24 * 60 && ++*d > days_in(*y, *m)) {
            *d = 1;
            if (++*m > 12)
                *m = 1, ++*y;
        } else if (local < 0 && --*d < 1) {
            if (--*m < 1)
                *m = 12, --*y;
            *d = days_in(*y, *m);
        }
    }
    return 1;
}

typedef struct {
    fm_buf summary, description, location, start;
    int cancelled;
} ical_event;

static void event_clear(ical_event *e)
{
    e->summary.len = e->description.len = e->location.len = e->start.len = 0;
    e->cancelled = 0;
}

static void keep(fm_ctx *ctx, fm_buf *to, const fm_buf *from)
{
    to->len = 0;
    fm_buf_append(ctx, to, from->data ? from->data : "", from->len);
}

/* Writes one event: a heading with its day and place, then its text. */
static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};

/* The day the calendar was exported (its first DTSTAMP, the time the file
 * was written) as the text's dateline: the events' own days are not the day
 * of the document. (Not its name: "Malakand-Bajaur desk" would make one
 * district the document's area for every event.) */
static void write_head(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    int y, m, d;
    fm_buf_puts(ctx, out, "Calendar");
    for (size_t i = 0; i + 16 < n; i = fm_tx_line_end(s, n, i) + 1)
        if (!memcmp(s + i, "DTSTAMP:", 8) &&
            event_day(s + i + 8, fm_tx_line_end(s, n, i) - (i + 8), 0, &y, &m, &d)) {
            fm_buf_printf(ctx, out, ", exported %d %s %d", d, months[m - 1], y);
            break;
        }
    fm_buf_puts(ctx, out, "\n\n");
}

static void write_event(fm_ctx *ctx, const ical_event *e, int offset, fm_buf *out)
{
    int y, m, d;
    if (e->cancelled || !e->start.len ||
        !event_day(e->start.data, e->start.len, offset, &y, &m, &d))
        return;
    fm_buf_printf(ctx, out, "%d %s %d", d, months[m - 1], y);
    if (e->location.len) {
        fm_buf_puts(ctx, out, " - ");
        fm_buf_append(ctx, out, e->location.data, e->location.len);
    }
    fm_buf_puts(ctx, out, "\n\n");
    if (e->summary.len) {
        fm_buf_append(ctx, out, e->summary.data, e->summary.len);
        if (!strchr(".!?", e->summary.data[e->summary.len - 1]))
            fm_buf_putc(ctx, out, '.');
        fm_buf_putc(ctx, out, e->description.len ? ' ' : '\n');
    }
    if (e->description.len) {
        fm_buf_append(ctx, out, e->description.data, e->description.len);
        fm_buf_putc(ctx, out, '\n');
    }
    fm_buf_putc(ctx, out, '\n');
}

fm_status fm_doc_strip_ical(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    ical_line l;
    ical_event e;
    int in_event = 0, depth = 0, offset = 0, named = 0;
    size_t i = 0;
    memset(&l, 0, sizeof l);
    memset(&e, 0, sizeof e);
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        i = 3;
    while (i < n) {
        i = read_line(ctx, s, n, i, &l);
        if (l.value.status)
            break; /* (out of memory: reported below) */
        if (!strcmp(l.name, "BEGIN")) {
            if (!strcmp(l.value.data, "VEVENT")) {
                if (!named)
                    write_head(ctx, s, n, out);
                named = 1;
                in_event = 1;
                depth = 0;
                event_clear(&e);
            } else if (in_event) {
                depth++; /* a VALARM inside the event */
            }
        } else if (!strcmp(l.name, "END")) {
            if (in_event && depth)
                depth--;
            else if (in_event && !strcmp(l.value.data, "VEVENT")) {
                write_event(ctx, &e, offset, out);
                in_event = 0;
            }
        } else if (!strcmp(l.name, "TZOFFSETTO") && !in_event) {
            offset = offset_minutes(l.value.data);
        } else if (in_event && !depth) {
            if (!strcmp(l.name, "SUMMARY"))
                keep(ctx, &e.summary, &l.value);
            else if (!strcmp(l.name, "DESCRIPTION"))
                keep(ctx, &e.description, &l.value);
            else if (!strcmp(l.name, "LOCATION"))
                keep(ctx, &e.location, &l.value);
            else if (!strcmp(l.name, "DTSTART"))
                keep(ctx, &e.start, &l.value);
            else if (!strcmp(l.name, "STATUS"))
                e.cancelled = !strcasecmp(l.value.data, "CANCELLED");
        }
    }
    {
        fm_buf *mine[] = {&l.value, &e.summary, &e.description, &e.location, &e.start};
        fm_status st = FM_OK;
        for (size_t k = 0; k < sizeof mine / sizeof mine[0]; k++) {
            if (!st && mine[k]->status)
                st = mine[k]->status;
            free(mine[k]->data);
        }
        if (st)
            return st;
    }
    return fm_doc_finish(ctx, out);
}
