/* date.c: calendar dates as day numbers, and a strict parser for the ways
 * dates are written in ACLED, UCDP and hand-made exports. Impossible dates and
 * ambiguous numeric forms are refused rather than guessed. */
#include "core/fm_core.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fm_days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Howard Hinnant's days_from_civil. */
fm_day fm_day_from_ymd(int y, int m, int d)
{
    int era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void fm_day_to_ymd(fm_day z, int *y, int *m, int *d)
{
    int era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

void fm_day_format(fm_day day, char out[11])
{
    int y, m, d;
    if (day == FM_DAY_NONE) {
        out[0] = '\0';
        return;
    }
    fm_day_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

int fm_month_from_name(const char *s, size_t n)
{
    static const char *names[12] = {"january", "february", "march", "april", "may", "june",
                                    "july", "august", "september", "october", "november",
                                    "december"};
    int i;
    if (n < 3)
        return 0;
    for (i = 0; i < 12; i++) {
        size_t full = strlen(names[i]);
        if ((n == full || n == 3 || (i == 8 && n == 4)) && strncasecmp(s, names[i], n) == 0)
            return i + 1;
    }
    return 0;
}

/* ---- the parser ----------------------------------------------------------- */

/* Reads min..max digits at *p into *v; 0 when there are fewer or more. */
static int read_digits(const char **p, int min, int max, int *v)
{
    int n = 0;
    *v = 0;
    while (isdigit((unsigned char)(*p)[n])) {
        if (n == max)
            return 0;
        *v = *v * 10 + ((*p)[n] - '0');
        n++;
    }
    *p += n;
    return n >= min;
}

/* Reads a month name (January, Jan, Sept) at *p. */
static int read_month(const char **p, int *m)
{
    size_t n = 0;
    while (isalpha((unsigned char)(*p)[n]))
        n++;
    *m = fm_month_from_name(*p, n);
    *p += n;
    return *m != 0;
}

static int read_spaces(const char **p)
{
    int n = 0;
    while ((*p)[n] == ' ')
        n++;
    *p += n;
    return n > 0;
}

/* The time of an ISO timestamp after its 'T' or space, to the end: HH:MM,
 * optional :SS and fraction, optional Z or +HH:MM (GED writes
 * "2009-01-01 00:00:00.000"). Only checked, never used: the day is what
 * frontiermap keeps. */
static int iso_time_ok(const char *p)
{
    int h, mi, s;
    if (!read_digits(&p, 2, 2, &h) || h > 24 || *p++ != ':' || !read_digits(&p, 2, 2, &mi) ||
        mi > 59)
        return 0;
    if (*p == ':') {
        p++;
        if (!read_digits(&p, 2, 2, &s) || s > 60)
            return 0;
        if (*p == '.' || *p == ',') {
            p++;
            if (!isdigit((unsigned char)*p))
                return 0;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    if (*p == 'Z')
        p++;
    else if (*p == '+' || *p == '-') {
        p++;
        if (!read_digits(&p, 2, 2, &h) || h > 14)
            return 0;
        if (*p == ':')
            p++;
        if (*p && (!read_digits(&p, 2, 2, &mi) || mi > 59))
            return 0;
    }
    return *p == '\0';
}

/* YYYY-MM-DD or YYYY/MM/DD (month and day of one or two digits, one
 * separator), then nothing or a time (GDAL writes "2025/10/01 12:00:00+00"). */
static int parse_ymd(const char *p, int *y, int *m, int *d)
{
    char sep;
    if (!read_digits(&p, 4, 4, y) || (*p != '-' && *p != '/'))
        return 0;
    sep = *p++;
    if (!read_digits(&p, 1, 2, m) || *p++ != sep || !read_digits(&p, 1, 2, d))
        return 0;
    if (!*p)
        return 1;
    return (*p == 'T' || *p == ' ') && iso_time_ok(p + 1);
}

/* 15 October 2025, 15 Oct 2025, 15-Oct-2025. */
static int parse_dmy(const char *p, int *y, int *m, int *d)
{
    int dash;
    if (!read_digits(&p, 1, 2, d))
        return 0;
    dash = *p == '-';
    if (dash ? *p++ != '-' : !read_spaces(&p))
        return 0;
    if (!read_month(&p, m) || (dash ? *p++ != '-' : !read_spaces(&p)))
        return 0;
    return read_digits(&p, 4, 4, y) && !*p;
}

/* October 15, 2025 (the comma may be left out). */
static int parse_mdy(const char *p, int *y, int *m, int *d)
{
    if (!read_month(&p, m) || !read_spaces(&p) || !read_digits(&p, 1, 2, d))
        return 0;
    if (*p == ',')
        p++, read_spaces(&p);
    else if (!read_spaces(&p))
        return 0;
    return read_digits(&p, 4, 4, y) && !*p;
}

/* Whether s looks like a day-first or two-digit-year numeric date (31/12/24,
 * 12.10.2025), which is refused as ambiguous rather than called malformed. */
static int numeric_ambiguous(const char *s)
{
    size_t first = strspn(s, "0123456789");
    return first > 0 && first < 4 && strspn(s, "0123456789-/. ") == strlen(s);
}

fm_status fm_date_parse(fm_ctx *ctx, const char *s, fm_day *out)
{
    int y = 0, m = 0, d = 0;
    char clean[64];
    size_t sl = strlen(s);
    while (sl && isspace((unsigned char)s[sl - 1]))
        sl--;
    while (sl && isspace((unsigned char)*s))
        s++, sl--;
    if (sl == 0)
        return fm_error(ctx, FM_EINVAL, "empty date");
    if (sl >= sizeof clean)
        return fm_error(ctx, FM_EINVAL, "invalid date '%.40s...'", s);
    memcpy(clean, s, sl);
    clean[sl] = '\0';
    if (!parse_ymd(clean, &y, &m, &d) && !parse_dmy(clean, &y, &m, &d) &&
        !parse_mdy(clean, &y, &m, &d)) {
        if (numeric_ambiguous(clean))
            return fm_error(ctx, FM_EINVAL,
                            "ambiguous date '%s': write it as YYYY-MM-DD or '15 October 2025'",
                            clean);
        return fm_error(ctx, FM_EINVAL,
                        "invalid date '%s': expected YYYY-MM-DD, '15 October 2025' or "
                        "'October 15, 2025'",
                        clean);
    }
    if (m < 1 || m > 12)
        return fm_error(ctx, FM_EINVAL, "invalid date '%s': no such month", clean);
    if (y < 1000 || y > 9999)
        return fm_error(ctx, FM_EINVAL, "invalid date '%s': year must have four digits", clean);
    if (d < 1 || d > fm_days_in_month(y, m))
        return fm_error(ctx, FM_EINVAL, "invalid date '%s': %04d-%02d has no day %d", clean, y,
                        m, d);
    *out = fm_day_from_ymd(y, m, d);
    return FM_OK;
}

fm_status fm_month_parse(fm_ctx *ctx, const char *s, fm_day *first, fm_day *last)
{
    int y, m;
    const char *p = s;
    if (!read_digits(&p, 4, 4, &y) || *p++ != '-' || !read_digits(&p, 2, 2, &m) || *p ||
        m < 1 || m > 12 || y < 1000)
        return fm_error(ctx, FM_EINVAL, "invalid month '%s': expected YYYY-MM", s);
    *first = fm_day_from_ymd(y, m, 1);
    *last = fm_day_from_ymd(y, m, fm_days_in_month(y, m));
    return FM_OK;
}
