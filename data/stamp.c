/* stamp.c: a row's `created` and `updated` stamps as the stores keep them,
 * "YYYY-MM-DDTHH:MM:SS.sssZ" (UTC, to the millisecond): made from a date and
 * time read elsewhere (a GeoPackage's DATETIME, through OGR) so an import
 * keeps the stamps a frontiermap store gave its rows, and read back as a
 * count of milliseconds for PostgreSQL's binary COPY. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/store_priv.h"

/* Stamps from year 1 to 9999 (PostgreSQL and ISO 8601 text both hold them). */
#define MS_PER_DAY 86400000LL

/* Milliseconds since 1970-01-01 of a broken-down UTC time; 0 when a part is
 * out of range (a 60th second, a leap second, is refused: no store keeps it). */
static int stamp_ms(int y, int mo, int d, int h, int mi, int64_t ms_of_minute, int64_t *out)
{
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > fm_days_in_month(y, mo) ||
        h < 0 || h > 23 || mi < 0 || mi > 59 || ms_of_minute < 0 || ms_of_minute >= 60000)
        return 0;
    *out = (int64_t)fm_day_from_ymd(y, mo, d) * MS_PER_DAY + ((int64_t)h * 60 + mi) * 60000 +
           ms_of_minute;
    return 1;
}

int fm_stamp_make(int y, int mo, int d, int h, int mi, double sec, int tz_min_east,
                  char out[FM_STAMP_SIZE])
{
    int64_t ms, day, rem;
    int yy, mm, dd;
    char b[96];
    int64_t milli = isfinite(sec) ? (int64_t)floor(sec * 1000 + 0.5) : -1;
    if (milli == 60000 && sec < 60)
        milli = 59999; /* 59.9996 s read as a float: not the next minute */
    if (!stamp_ms(y, mo, d, h, mi, milli, &ms))
        return 0;
    ms -= (int64_t)tz_min_east * 60000;
    day = ms >= 0 ? ms / MS_PER_DAY : -((-ms + MS_PER_DAY - 1) / MS_PER_DAY);
    rem = ms - day * MS_PER_DAY;
    fm_day_to_ymd((fm_day)day, &yy, &mm, &dd);
    if (yy < 1 || yy > 9999)
        return 0;
    /* room for what the compiler cannot bound; the parts fit FM_STAMP_SIZE */
    snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", yy, mm, dd,
             (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
             (int)(rem % 1000));
    memcpy(out, b, FM_STAMP_SIZE);
    return 1;
}

/* n digits at s as a number (-1 when one is not a digit). */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int fm_stamp_parse(const char *s, char out[FM_STAMP_SIZE])
{
    int v[6] = {0}, tz = 0, n = 0;
    double sec = 0;
    static const char sep[] = "--T::";
    const char *p = s;
    /* YYYY-MM-DD, then T or a space, hh:mm, and :ss[.fff] if given */
    for (int i = 0; i < 5; i++) {
        int w = i ? 2 : 4;
        if ((v[i] = digits(p, w)) < 0)
            return 0;
        p += w;
        if (i < 4 && *p != sep[i] && !(i == 2 && *p == ' '))
            return 0;
        p += i < 4;
    }
    if (*p == ':') {
        if ((v[5] = digits(p + 1, 2)) < 0)
            return 0;
        p += 3;
        sec = v[5];
        if (*p == '.') {
            double f = 0.1;
            for (p++, n = 0; *p >= '0' && *p <= '9'; p++, n++, f /= 10)
                sec += (*p - '0') * f;
            if (!n)
                return 0;
        }
    }
    if (*p == '+' || *p == '-') { /* +hh[:mm] or +hhmm east of UTC */
        int hh = digits(p + 1, 2), mm = 0;
        const char *q = p + 3;
        if (hh < 0)
            return 0;
        if (*q == ':')
            q++;
        if (*q && (mm = digits(q, 2)) < 0)
            return 0;
        q += *q ? 2 : 0;
        tz = (*p == '-' ? -1 : 1) * (hh * 60 + mm);
        p = q;
    } else if (*p == 'Z') {
        p++;
    }
    return !*p && fm_stamp_make(v[0], v[1], v[2], v[3], v[4], sec, tz, out);
}

int fm_stamp_unix_ms(const char *s, int64_t *ms)
{
    static const char form[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    int sec, milli;
    if (!s || strlen(s) != sizeof form - 1)
        return 0;
    for (size_t i = 0; i < sizeof form - 1; i++)
        if (form[i] != 'd' && s[i] != form[i])
            return 0;
    sec = digits(s + 17, 2), milli = digits(s + 20, 3);
    if (sec < 0 || milli < 0)
        return 0;
    return stamp_ms(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), digits(s + 11, 2),
                    digits(s + 14, 2), (int64_t)sec * 1000 + milli, ms);
}
