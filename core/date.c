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

static int month_from_name(const char *s, size_t n)
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

/* Splits s into up to 3 tokens of digits or letters; separators are space,
 * '-', '/', '.', ','. Returns the token count, or -1 on anything else. */
static int date_tokens(const char *s, const char *tok[3], size_t len[3], int alpha[3])
{
    int n = 0;
    while (*s) {
        if (strchr(" -/.,", *s)) {
            s++;
            continue;
        }
        if (n == 3 || !isalnum((unsigned char)*s))
            return -1;
        tok[n] = s;
        alpha[n] = isalpha((unsigned char)*s) != 0;
        while (*s && (alpha[n] ? isalpha((unsigned char)*s) : isdigit((unsigned char)*s)))
            s++;
        len[n] = (size_t)(s - tok[n]);
        if (*s && !strchr(" -/.,", *s))
            return -1;
        n++;
    }
    return n;
}

static long tok_num(const char *t, size_t n)
{
    long v = 0;
    size_t i;
    if (n == 0 || n > 4)
        return -1;
    for (i = 0; i < n; i++)
        v = v * 10 + (t[i] - '0');
    return v;
}

fm_status fm_date_parse(fm_ctx *ctx, const char *s, fm_day *out)
{
    const char *tok[3];
    size_t len[3];
    int alpha[3], n, y = 0, m = 0, d = 0;
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
    /* ISO timestamps: keep the date part */
    if (sl > 10 && clean[4] == '-' && clean[7] == '-' && (clean[10] == 'T' || clean[10] == ' '))
        clean[10] = '\0';
    n = date_tokens(clean, tok, len, alpha);
    if (n != 3)
        return fm_error(ctx, FM_EINVAL, "invalid date '%s'", clean);
    if (!alpha[0] && !alpha[1] && !alpha[2]) {
        if (len[0] != 4)
            return fm_error(ctx, FM_EINVAL,
                            "ambiguous date '%s': write it as YYYY-MM-DD or '15 October 2025'",
                            clean);
        y = (int)tok_num(tok[0], len[0]);
        m = (int)tok_num(tok[1], len[1]);
        d = (int)tok_num(tok[2], len[2]);
    } else if (!alpha[0] && alpha[1] && !alpha[2]) { /* 15 October 2025 */
        d = (int)tok_num(tok[0], len[0]);
        m = month_from_name(tok[1], len[1]);
        y = (int)tok_num(tok[2], len[2]);
        if (len[2] != 4)
            y = -1;
    } else if (alpha[0] && !alpha[1] && !alpha[2]) { /* October 15, 2025 */
        m = month_from_name(tok[0], len[0]);
        d = (int)tok_num(tok[1], len[1]);
        y = (int)tok_num(tok[2], len[2]);
        if (len[2] != 4)
            y = -1;
    } else {
        return fm_error(ctx, FM_EINVAL, "invalid date '%s'", clean);
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
    char extra;
    if (sscanf(s, "%4d-%2d%c", &y, &m, &extra) != 2 || strlen(s) != 7 || m < 1 || m > 12 ||
        y < 1000)
        return fm_error(ctx, FM_EINVAL, "invalid month '%s': expected YYYY-MM", s);
    *first = fm_day_from_ymd(y, m, 1);
    *last = fm_day_from_ymd(y, m, fm_days_in_month(y, m));
    return FM_OK;
}
