/* dates.c: dates as reports write them. Absolute forms (2025-10-15,
 * "15 October 2025", "October 15", "9-10 October", "October 2025", "late
 * October") and, against the document's dateline, relative ones ("on
 * Tuesday", "yesterday", "last night", "earlier this week", "last month").
 * A date without a year takes the dateline's, or the year before when that
 * would put it more than a week after the dateline. Numeric dates
 * ("07/03/2016", "23.05.2016", "2-9-2016") are read day first, as police,
 * court and government papers of the region write them; a slash date whose
 * second number cannot be a month is read month first (US style). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

/* 0 Monday .. 6 Sunday; 1970-01-01 was a Thursday. */
static int weekday_of(fm_day d)
{
    int w = (int)((d + 3) % 7);
    return w < 0 ? w + 7 : w;
}

static int small_int(const char *s, size_t n, size_t *len, int maxdig)
{
    size_t i = 0;
    int v = 0;
    while (i < n && i < (size_t)maxdig && isdigit((unsigned char)s[i]))
        v = v * 10 + (s[i++] - '0');
    if (!i || (i < n && isdigit((unsigned char)s[i])))
        return -1;
    *len = i;
    return v;
}

/* "ninth", "twenty-first": a day of the month in words (1-31), else -1. */
static int day_word(const char *s, size_t n, size_t *len)
{
    static const char *const units[] = {"first",  "second", "third", "fourth", "fifth",
                                        "sixth",  "seventh", "eighth", "ninth", NULL};
    static const char *const teens[] = {"tenth",     "eleventh",  "twelfth",    "thirteenth",
                                        "fourteenth", "fifteenth", "sixteenth",  "seventeenth",
                                        "eighteenth", "nineteenth", "twentieth", NULL};
    size_t j = 0;
    int base = 0;
    if (n >= 7 && !strncasecmp(s, "twenty", 6) && (s[6] == '-' || s[6] == ' '))
        base = 20, j = 7;
    else if (n >= 7 && !strncasecmp(s, "thirty", 6) && (s[6] == '-' || s[6] == ' '))
        base = 30, j = 7;
    else if (fm_tx_word_at(s, n, 0, "thirtieth"))
        return *len = 9, 30;
    for (int k = 0; units[k]; k++)
        if (fm_tx_word_at(s, n, j, units[k]) && base + k + 1 <= 31)
            return *len = j + strlen(units[k]), base + k + 1;
    for (int k = 0; !base && teens[k]; k++)
        if (fm_tx_word_at(s, n, 0, teens[k]))
            return *len = strlen(teens[k]), 10 + k;
    return -1;
}

/* A day of the month at s ("15", "15th", "1st", "the ninth"), else -1. */
static int day_at(const char *s, size_t n, size_t *len)
{
    size_t l;
    int d;
    size_t b = 0; /* "the 11th": digits after "the" only with their ordinal ending */
    int ordinal;
    if (n > 4 && !strncasecmp(s, "the ", 4) && (d = day_word(s + 4, n - 4, &l)) > 0) {
        *len = 4 + l;
        return d;
    }
    if (n > 4 && !strncasecmp(s, "the ", 4) && isdigit((unsigned char)s[4]))
        b = 4;
    d = small_int(s + b, n - b, &l, 2);
    if (d < 1 || d > 31)
        return -1;
    l += b;
    ordinal = l + 2 <= n && (!strncasecmp(s + l, "st", 2) || !strncasecmp(s + l, "nd", 2) ||
                             !strncasecmp(s + l, "rd", 2) || !strncasecmp(s + l, "th", 2));
    if (ordinal)
        l += 2;
    else if (b)
        return -1;
    if (l < n && isalpha((unsigned char)s[l]))
        return -1;
    *len = l;
    return d;
}

/* A year at s (1979-2099), else -1. */
static int year_at(const char *s, size_t n, size_t *len)
{
    size_t l;
    int y = small_int(s, n, &l, 4);
    if (l != 4 || y < 1979 || y > 2099 || (l < n && isalpha((unsigned char)s[l])))
        return -1;
    *len = l;
    return y;
}

/* A year at s, four digits (1979-2099) or, in numeric and log dates
 * ("08-08-13 13:20", "18.03.20", "03-Feb-12"), two not followed by a letter
 * or digit (00-49: 2000s, else 1900s, from 1979); else -1. */
static int year_or_short(const char *s, size_t n, size_t *len)
{
    int y = year_at(s, n, len), yy;
    if (y > 0)
        return y;
    yy = small_int(s, n, len, 2);
    if (yy < 0 || *len != 2 || (2 < n && isalnum((unsigned char)s[2])))
        return -1;
    y = yy < 50 ? 2000 + yy : 1900 + yy;
    return y < 1979 ? -1 : y;
}

/* Skips a separator between a day and a second day: "-", "–", "and", "to". */
static size_t range_sep(const char *s, size_t n, size_t i)
{
    size_t j = fm_tx_skip_space(s, n, i);
    if (j < n && (s[j] == '-' || s[j] == '/'))
        return fm_tx_skip_space(s, n, j + 1);
    if (j + 3 <= n && !memcmp(s + j, "\xE2\x80\x93", 3))
        return fm_tx_skip_space(s, n, j + 3);
    if (fm_tx_word_at(s, n, j, "and"))
        return fm_tx_skip_space(s, n, j + 3);
    if (fm_tx_word_at(s, n, j, "to"))
        return fm_tx_skip_space(s, n, j + 2);
    return 0;
}

static int month_cap(const char *s, size_t n, size_t *len)
{
    if (n && !isupper((unsigned char)s[0]))
        return fm_tx_month_foreign_at(s, n, len); /* (French writes "9 mai 2009") */
    if (!n)
        return 0;
    return fm_tx_month_at(s, n, len);
}

/* Fills out from year/month/day (year -1: from the dateline). 0 when the
 * date cannot be placed. */
static int place(const fm_text_date *ref, int y, int m, int d, int d2, fm_text_date *out)
{
    int has_year = y > 0;
    if (!has_year) {
        int ry, rm, rd;
        if (!ref || ref->start == FM_DAY_NONE)
            return 0;
        fm_day_to_ymd(ref->end, &ry, &rm, &rd);
        y = ry;
        if (fm_day_from_ymd(y, m, d > 0 ? d : 1) > ref->end + 7)
            y--;
    }
    if (d > 0) {
        if (d > fm_days_in_month(y, m) || (d2 > 0 && d2 > fm_days_in_month(y, m)))
            return 0;
        out->start = fm_day_from_ymd(y, m, d);
        out->end = d2 > d ? fm_day_from_ymd(y, m, d2) : out->start;
        out->precision = out->end == out->start ? 1 : out->end - out->start <= 7 ? 2 : 3;
    } else {
        out->start = fm_day_from_ymd(y, m, 1);
        out->end = fm_day_from_ymd(y, m, fm_days_in_month(y, m));
        out->precision = 3;
    }
    out->has_year = has_year;
    out->period = d > 0 && d2 > d && out->end - out->start >= 6; /* ("June 16 to 30": a
                                                                  * fortnight, its counts
                                                                  * a period's) */
    return 1;
}

/* The day-first date straight after a range separator at s[j] ("to 1
 * August 2020", "-1 August", "and 5 June 2016"): its day, month and year
 * (-1 when none) and where it ends; 0 when there is none. */
static size_t next_day_first(const char *s, size_t n, size_t j, int *d, int *m, int *y)
{
    size_t k = range_sep(s, n, j), l, e;
    if (!k || (*d = day_at(s + k, n - k, &l)) < 0)
        return 0;
    e = fm_tx_skip_space(s, n, k + l);
    if (fm_tx_word_at(s, n, e, "of"))
        e = fm_tx_skip_space(s, n, e + 2);
    if (!(*m = month_cap(s + e, n - e, &l)))
        return 0;
    e += l;
    size_t q = fm_tx_skip_space(s, n, e + (e < n && s[e] == ','));
    *y = year_at(s + q, n - q, &l);
    return *y > 0 ? q + l : e;
}

/* A span across months: "the night of 31 July to 1 August", "31 July-1
 * August 2020", "31 December/1 January". The second date, with its month,
 * follows at s[j] and ends the span. A span joined by "and" or '/' runs one
 * night only (not "on 3 May and 5 June", two days); one by "to" or a dash
 * at most a quarter. The length read past j, or 0. */
static size_t month_span(const char *s, size_t n, size_t j, const fm_text_date *ref,
                         int between, fm_text_date *out)
{
    int d, m, y;
    size_t e = next_day_first(s, n, j, &d, &m, &y);
    fm_text_date second;
    if (!e || !place(ref, y, m, d, -1, &second) || second.start <= out->start)
        return 0;
    size_t sep = fm_tx_skip_space(s, n, j);
    int night = s[sep] == '/' || (fm_tx_word_at(s, n, sep, "and") && !between);
    if (second.start - out->start > (night ? 1 : 92))
        return 0;
    out->end = second.start;
    out->precision = out->end - out->start <= 7 ? 2 : 3;
    out->period = 1;
    return e - j;
}

/* Day first: "15 October 2025", "9-10 October", "15th of October". */
static size_t day_first(const char *s, size_t n, const fm_text_date *ref, int between,
                        fm_text_date *out)
{
    size_t l, j, k;
    int d = day_at(s, n, &l), d2 = -1, m, y = -1;
    if (d < 0)
        return 0;
    j = l;
    if ((k = range_sep(s, n, j)) &&
        ((d2 = day_at(s + k, n - k, &l)) > d || (d2 = day_word(s + k, n - k, &l)) > d))
        j = k + l; /* ("the sixth and seventh of April") */
    else
        d2 = -1;
    if (j + 1 < n && s[j] == '.' && s[j + 1] == ' ' && d2 < 0)
        j++; /* German: "24. Februar 2014" (the month must follow) */
    j = fm_tx_skip_space(s, n, j);
    if (fm_tx_word_at(s, n, j, "of"))
        j = fm_tx_skip_space(s, n, j + 2);
    if (!(m = month_cap(s + j, n - j, &l)))
        return 0;
    j += l;
    k = fm_tx_skip_space(s, n, j + (j < n && s[j] == ','));
    if ((y = year_at(s + k, n - k, &l)) > 0)
        j = k + l;
    else if (d2 < 0) {
        /* "31 December to 1 January 2020", "3 May and 5 June 2016": the
         * year the next date gives (the one before, when the months wrap) */
        int nd, nm, ny;
        if (next_day_first(s, n, j, &nd, &nm, &ny) && ny > 0)
            y = ny - (m > nm);
    }
    if (!place(ref, y, m, d, d2, out))
        return 0;
    if (d2 < 0)
        j += month_span(s, n, j, ref, between, out);
    else
        out->period = d2 - d >= 6;
    return j;
}

/* Day d of the latest month up to the reference date that has it (under a
 * month's heading, that month: "the 11th" is of it); 0 when it cannot be. */
static int latest_day(const fm_text_date *ref, int d, fm_text_date *out)
{
    int ry, rm, rd, y, m;
    fm_day_to_ymd(ref->precision == 3 ? ref->start : ref->end, &ry, &rm, &rd);
    y = ry, m = rm;
    if (ref->precision != 3 && d > rd && --m == 0)
        m = 12, y--;
    if (d > fm_days_in_month(y, m))
        return 0;
    out->start = out->end = fm_day_from_ymd(y, m, d);
    out->precision = 1;
    out->has_year = 0;
    out->relative = 1;
    return 1;
}

/* A day of the month without its month, "on the sixteenth", "Saturday the
 * twentieth", "on the 11th": the latest such day up to the reference date
 * (a report tells what has happened). Only after "on" or a weekday, and not
 * before a noun ("on the second day"). */
static size_t bare_day(const char *s, size_t n, const fm_text_date *ref, fm_text_date *out)
{
    static const char *const next_ok[] = {"of", "in", "at", "near", "when", "and", "is", "was",
                                          "were", "there", "a", "an", "the", "this", "that",
                                          "he", "she", "they", "we", "i", "it", "two", NULL};
    size_t l, k;
    int d = day_at(s, n, &l);
    if (d < 0 || !ref || ref->start == FM_DAY_NONE || (n >= 4 && strncasecmp(s, "the ", 4)))
        return 0;
    k = fm_tx_skip_space(s, n, l);
    if (k < n && isalpha((unsigned char)s[k])) {
        int ok = 0;
        for (size_t w = 0; next_ok[w] && !ok; w++)
            ok = fm_tx_word_at(s, n, k, next_ok[w]);
        if (!ok)
            return 0;
    }
    return latest_day(ref, d, out) ? l : 0;
}

/* A list item's bare ordinal day, "- 13th — the ISI regional HQ", "19th:
 * Judicial complex": the latest such day up to the reference date. Only at
 * the start of the item (i is its offset past the bullet), with the
 * ordinal's ending and a dash, colon or comma after it. */
static size_t item_day(const char *s, size_t n, size_t i, const fm_text_date *ref,
                       fm_text_date *out)
{
    size_t l, k, b = 0;
    int d;
    while (b < i && (s[b] == ' ' || s[b] == '-' || s[b] == '*'))
        b++;
    if (b + 3 <= i && !memcmp(s + b, "\xE2\x80\xA2", 3))
        b = fm_tx_skip_space(s, n, b + 3); /* "•" */
    if (b != i || !ref || ref->start == FM_DAY_NONE || (d = day_at(s + i, n - i, &l)) < 0 ||
        l < 3 || !isalpha((unsigned char)s[i + l - 1]))
        return 0;
    k = fm_tx_skip_space(s, n, i + l);
    if (!(k < n && (s[k] == ':' || s[k] == ',' || s[k] == '-' ||
                    (k + 3 <= n && (!memcmp(s + k, "\xE2\x80\x94", 3) ||
                                    !memcmp(s + k, "\xE2\x80\x93", 3))))))
        return 0;
    return latest_day(ref, d, out) ? l : 0;
}

/* Whether a wire's credit follows a dateline's day: " (ACP) -", " (Reuters)
 * --", " (AP):". */
int fm_text_agency_after(const char *s, size_t n, size_t j)
{
    size_t k = fm_tx_skip_space(s, n, j), e;
    if (k >= n || s[k] != '(')
        return 0;
    for (e = k + 1; e < n && e - k < 24 && isalpha((unsigned char)s[e]); e++)
        ;
    if (e == k + 1 || e >= n || s[e] != ')' || !isupper((unsigned char)s[k + 1]))
        return 0;
    {
        size_t wl; /* (not "29 MARCH (Thu) - Azam Warsak": a timeline's weekday) */
        if (fm_tx_weekday_any_at(s + k + 1, e - k - 1, &wl) >= 0)
            return 0;
    }
    e = fm_tx_skip_space(s, n, e + 1);
    return e < n && (s[e] == '-' || s[e] == ':' || (unsigned char)s[e] == 0xE2);
}

/* A wire item's yearless dateline ("MUZAFFARABAD, Pakistan, June 3 (ACP) -",
 * in a running file whose first item is of May 25, 2003): the item is filed
 * after the document's date as often as before it, so the day is the one
 * nearest the reference, not the latest before it. */
static void nearest_year(const fm_text_date *ref, int m, int d, fm_text_date *out)
{
    int y, mm, dd;
    fm_day next;
    if (!ref || ref->start == FM_DAY_NONE)
        return;
    fm_day_to_ymd(out->start, &y, &mm, &dd);
    if (d > fm_days_in_month(y + 1, m))
        return;
    next = fm_day_from_ymd(y + 1, m, d);
    if (next - ref->end < ref->end - out->start) {
        out->end = next + (out->end - out->start);
        out->start = next;
    }
}

/* Month first: "October 15, 2025", "Oct. 9-10", "October 2025", "October". */
static size_t month_first(const char *s, size_t n, const fm_text_date *ref, int bare_ok,
                          fm_text_date *out)
{
    size_t l, j, k;
    int m = month_cap(s, n, &l), d, d2 = -1, y;
    if (!m)
        return 0;
    j = l;
    k = fm_tx_skip_space(s, n, j);
    if ((d = day_at(s + k, n - k, &l)) > 0 && !(year_at(s + k, n - k, &l) > 0)) {
        day_at(s + k, n - k, &l);
        j = k + l;
        if ((k = range_sep(s, n, j)) && (d2 = day_at(s + k, n - k, &l)) > d)
            j = k + l;
        else
            d2 = -1;
        k = fm_tx_skip_space(s, n, j + (j < n && s[j] == ','));
        if ((y = year_at(s + k, n - k, &l)) > 0)
            j = k + l;
        if (!place(ref, y, m, d, d2, out))
            return 0;
        if (y <= 0 && fm_text_agency_after(s, n, j))
            nearest_year(ref, m, d, out);
        return j;
    }
    k = fm_tx_skip_space(s, n, j + (j < n && s[j] == ','));
    if ((y = year_at(s + k, n - k, &l)) > 0)
        return place(ref, y, m, 0, -1, out) ? k + l : 0;
    return bare_ok && place(ref, -1, m, 0, -1, out) ? j : 0;
}

static size_t iso(const char *s, size_t n, fm_text_date *out)
{
    size_t l;
    int y = year_at(s, n, &l), m, d;
    if (y < 0 || l + 6 > n || (s[4] != '-' && s[4] != '/') || !isdigit((unsigned char)s[5]) ||
        !isdigit((unsigned char)s[6]) || s[7] != s[4])
        return 0; /* (and "2011/03/31", as Urdu and Pashto sites date their posts) */
    m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12 || (d = small_int(s + 8, n - 8, &l, 2)) < 1)
        return 0;
    return place(NULL, y, m, d, -1, out) ? 8 + l : 0;
}

/* Numeric: day, separator ('/', '.', '-'), month, the same separator, a
 * four-digit year. Not part of a longer run of numbers ("302/324/427/34"). */
static size_t numeric(const char *s, size_t n, fm_text_date *out)
{
    size_t l1, l2, l3, j;
    int a = small_int(s, n, &l1, 2), b, y, d, m;
    char sep;
    if (a < 1 || l1 >= n || (s[l1] != '/' && s[l1] != '.' && s[l1] != '-'))
        return 0;
    sep = s[l1];
    j = l1 + 1;
    if ((b = small_int(s + j, n - j, &l2, 2)) < 1 || j + l2 >= n || s[j + l2] != sep)
        return 0;
    j += l2 + 1;
    if ((y = year_or_short(s + j, n - j, &l3)) < 0)
        return 0;
    j += l3;
    if (j < n && (isdigit((unsigned char)s[j]) ||
                  (j + 1 < n && (s[j] == '/' || s[j] == '-') && isdigit((unsigned char)s[j + 1]))))
        return 0;
    d = a;
    m = b;
    if (m > 12 && sep == '/' && a <= 12) {
        d = b;
        m = a;
    }
    if (m < 1 || m > 12 || d > fm_days_in_month(y, m))
        return 0;
    return place(NULL, y, m, d, -1, out) ? j : 0;
}

/* A day, a month's name and a year joined by '-' or '/', as forms and logs
 * write them: "25-Jan-2010", "25/Jan/2010", "03-Feb-12". */
static size_t dashed(const char *s, size_t n, fm_text_date *out)
{
    size_t l1, l2, l3, j;
    int d = small_int(s, n, &l1, 2), m, y;
    char sep;
    if (d < 1 || l1 + 1 >= n || (s[l1] != '-' && s[l1] != '/'))
        return 0;
    sep = s[l1];
    j = l1 + 1;
    if (!(m = month_cap(s + j, n - j, &l2)) || j + l2 >= n || s[j + l2] != sep)
        return 0;
    j += l2 + 1;
    if ((y = year_or_short(s + j, n - j, &l3)) < 0)
        return 0;
    j += l3;
    if (j < n && (isalnum((unsigned char)s[j]) ||
                  ((s[j] == '-' || s[j] == '/') && j + 1 < n && isalnum((unsigned char)s[j + 1]))))
        return 0;
    return place(NULL, y, m, d, -1, out) ? j : 0;
}

/* A message's date-time group: "291945 MAR 09" (day 29, 19:45, March 2009),
 * "021127Z JUL 08" (the zone letter after the time), "151200Z MAR 2011":
 * six figures (day, hour, minute), a capitalised three-letter month, a
 * year. */
static size_t dtg(const char *s, size_t n, fm_text_date *out)
{
    size_t k = 0, ml, digits = 0;
    int d, hh, mm, m, y = 0;
    while (k < n && isdigit((unsigned char)s[k]) && digits < 7)
        k++, digits++;
    if (digits != 6)
        return 0;
    d = (s[0] - '0') * 10 + (s[1] - '0');
    hh = (s[2] - '0') * 10 + (s[3] - '0');
    mm = (s[4] - '0') * 10 + (s[5] - '0');
    if (hh > 24 || mm > 59)
        return 0;
    if (k < n && isupper((unsigned char)s[k]) && k + 1 < n && s[k + 1] == ' ')
        k++; /* the zone: "Z", "E" */
    if (k + 5 >= n || s[k] != ' ')
        return 0;
    k++;
    if (!(m = fm_tx_month_at(s + k, n - k, &ml)) || ml != 3 || !isupper((unsigned char)s[k + 1]))
        return 0;
    k += 3;
    if (k >= n || s[k] != ' ')
        return 0;
    k++;
    digits = 0;
    while (k < n && isdigit((unsigned char)s[k]) && digits < 5)
        y = y * 10 + (s[k++] - '0'), digits++;
    if (digits == 2)
        y += y < 70 ? 2000 : 1900;
    else if (digits != 4)
        return 0;
    if (k < n && isalnum((unsigned char)s[k]))
        return 0;
    return place(NULL, y, m, d, -1, out) ? k : 0;
}

/* A weekday and a day/month with no year, as diaries and logs head a day:
 * "Wed 9/9", "Sat, 12.9". The year is the reference date's; the weekday
 * must agree (day first, else month first), or it is not read. */
static size_t weekday_dm(const char *s, size_t n, const fm_text_date *ref, fm_text_date *out)
{
    size_t l, j, l1, l2;
    int w = fm_tx_weekday_any_at(s, n, &l), a, b;
    char sep;
    if (w < 0 || !isupper((unsigned char)s[0]))
        return 0;
    j = l + (l < n && s[l] == '.');
    j = fm_tx_skip_space(s, n, j + (j < n && s[j] == ','));
    if (j >= n || (a = small_int(s + j, n - j, &l1, 2)) < 1 || j + l1 + 1 >= n)
        return 0;
    sep = s[j + l1];
    if ((sep != '/' && sep != '.') ||
        (b = small_int(s + j + l1 + 1, n - j - l1 - 1, &l2, 2)) < 1)
        return 0;
    l = j + l1 + 1 + l2;
    if (l < n && (isalnum((unsigned char)s[l]) ||
                  ((s[l] == '/' || s[l] == '.') && l + 1 < n && isdigit((unsigned char)s[l + 1]))))
        return 0; /* ("Wed 9/9/2009": a whole date) */
    if (b <= 12 && place(ref, -1, b, a, -1, out) && weekday_of(out->start) == w)
        return l;
    if (a <= 12 && place(ref, -1, a, b, -1, out) && weekday_of(out->start) == w)
        return l;
    return 0;
}

/* Relative forms; the dateline must be a day. */
static size_t relative(const char *s, size_t n, const fm_text_date *ref, fm_text_date *out)
{
    fm_day r;
    size_t l;
    int w;
    if (!ref || ref->start == FM_DAY_NONE || ref->precision != 1)
        return 0;
    r = ref->start;
    out->relative = 1;
    out->has_year = 1;
    out->precision = 1;
    if ((w = fm_tx_weekday_at(s, n, &l)) >= 0 &&
        (isupper((unsigned char)s[0]) || s[l - 1] == 'i' || fm_tx_word_at(s, n, 0, "dimanche") ||
         (unsigned char)s[0] >= 0x80)) {
        /* (and Urdu's, "جمعہ کے روز", which has no capitals) */
        /* (French writes its weekdays in lower case: "tuées samedi à Mingora") */
        int back = (weekday_of(r) - w + 7) % 7;
        size_t k = fm_tx_skip_space(s, n, l);
        if (fm_tx_word_at(s, n, k, "prayers") || fm_tx_word_at(s, n, k, "prayer") ||
            fm_tx_word_at(s, n, k, "sermon") || fm_tx_word_at(s, n, k, "market") ||
            fm_tx_word_at(s, n, k, "bazaar"))
            return 0; /* "during Friday prayers": a time of the week, not a day */
        out->start = out->end = r - back;
        if (fm_tx_word_at(s, n, k, "and")) {
            /* "on Wednesday and Thursday of last week" */
            size_t k2 = fm_tx_skip_space(s, n, k + 3), l2;
            int w2 = fm_tx_weekday_at(s + k2, n - k2, &l2);
            size_t k3 = fm_tx_skip_space(s, n, k2 + l2);
            if (w2 > w && (fm_tx_word_at(s, n, k3, "of last week") ||
                           fm_tx_word_at(s, n, k3, "last week"))) {
                out->start = r - weekday_of(r) - 7 + w;
                out->end = r - weekday_of(r) - 7 + w2;
                out->precision = 2;
                return k3 + (s[k3] == 'o' ? 12 : 9);
            }
        }
        if (fm_tx_word_at(s, n, k, "of last week") || fm_tx_word_at(s, n, k, "last week")) {
            /* "on Wednesday of last week": that day in the week before */
            out->start = out->end = r - weekday_of(r) - 7 + w;
            return k + (s[k] == 'o' ? 12 : 9);
        }
        return l;
    }
    if (fm_tx_word_at(s, n, 0, "a week ago")) {
        out->start = out->end = r - 7;
        return 10;
    }
    if (fm_tx_word_at(s, n, 0, "yesterday")) {
        out->start = out->end = r - 1;
        return 9;
    }
    if (fm_tx_word_at(s, n, 0, "\xD9\xBE\xD8\xB1\xD9\x88\xD9\x86")) {
        out->start = out->end = r - 1; /* Pashto "پرون", yesterday */
        return 8;
    }
    if (fm_tx_word_at(s, n, 0, "\xD9\x86\xD9\x86")) {
        out->start = out->end = r; /* Pashto "نن", today */
        return 4;
    }
    if (fm_tx_word_at(s, n, 0, "hier") || fm_tx_word_at(s, n, 0, "gestern")) {
        out->start = out->end = r - 1; /* French, German */
        return s[0] == 'h' || s[0] == 'H' ? 4 : 7;
    }
    if (fm_tx_word_at(s, n, 0, "last night")) {
        out->start = r - 1;
        out->end = r;
        out->precision = 2;
        return 10;
    }
    {
        static const char *const today[] = {"today", "this morning", "tonight",
                                            "this afternoon", "this evening", "earlier today",
                                            NULL};
        for (size_t t = 0; today[t]; t++)
            if (fm_tx_word_at(s, n, 0, today[t])) {
                out->start = out->end = r;
                return strlen(today[t]);
            }
    }
    if (fm_tx_word_at(s, n, 0, "earlier this week") || fm_tx_word_at(s, n, 0, "this week")) {
        out->start = r - weekday_of(r);
        out->end = r;
        out->precision = 2;
        return s[0] == 'e' ? 17 : 9;
    }
    if (fm_tx_word_at(s, n, 0, "last week")) {
        out->start = r - weekday_of(r) - 7;
        out->end = out->start + 6;
        out->precision = 2;
        return 9;
    }
    if (fm_tx_word_at(s, n, 0, "last month") || fm_tx_word_at(s, n, 0, "this month")) {
        int y, m, d;
        fm_day_to_ymd(r, &y, &m, &d);
        if (s[0] == 'l' && --m == 0) {
            m = 12;
            y--;
        }
        out->start = fm_day_from_ymd(y, m, 1);
        out->end = fm_day_from_ymd(y, m, fm_days_in_month(y, m));
        out->precision = 3;
        return 10;
    }
    out->relative = 0;
    return 0;
}

size_t fm_text_dates(const char *s, size_t n, const fm_text_date *ref, fm_text_date *out,
                     size_t max)
{
    size_t count = 0;
    fm_text_date item; /* a wire item's dateline: its lead's days are read from it */
    for (size_t i = 0; i < n;) {
        fm_text_date d;
        size_t used = 0;
        if (i > 0 && fm_tx_is_word_char((unsigned char)s[i - 1])) {
            i++;
            continue;
        }
        memset(&d, 0, sizeof d);
        if (isdigit((unsigned char)s[i]))
            used = iso(s + i, n - i, &d);
        if (!used && isdigit((unsigned char)s[i]) && (i == 0 || !strchr("/.-", s[i - 1])))
            used = numeric(s + i, n - i, &d);
        if (!used && isdigit((unsigned char)s[i]) && (i == 0 || !strchr("/.-", s[i - 1])))
            used = dashed(s + i, n - i, &d);
        if (!used && isdigit((unsigned char)s[i]) && (i == 0 || !strchr("/.-", s[i - 1])))
            used = dtg(s + i, n - i, &d);
        if (!used && isdigit((unsigned char)s[i]) && i < 6 && !day_first(s + i, n - i, ref, 0, &d))
            used = item_day(s, n, i, ref, &d);
        if (!used && (isdigit((unsigned char)s[i]) || ((s[i] == 't' || s[i] == 'T') &&
                                                       fm_tx_word_at(s, n, i, "the"))))
            used = day_first(s + i, n - i, ref,
                             i >= 8 && !strncasecmp(s + i - 8, "between ", 8), &d);
        /* (and "the ninth of June"; "between 1 October and 31 December": a
         * period, not one night) */
        if (!used && (s[i] == 't' || s[i] == 'T') && i >= 3 &&
            (!strncasecmp(s + i - 3, "on ", 3) || !strncasecmp(s + i - 2, ", ", 2))) {
            /* "on the sixteenth"; "the same day as the Yakatoot blast, the
             * sixteenth," (an aside between commas) */
            used = bare_day(s + i, n - i, ref, &d);
            if (used && s[i - 1] == ' ' && s[i - 2] == ',' &&
                !(i + used < n && s[i + used] == ',') && !(i + used + 1 == n && s[i + used] == '.'))
                used = 0; /* (and "Yes, the twenty-eighth." ends an answer) */
        }
        if (!used) {
            /* a bare month needs a cue: "in October", "late October" */
            int cue = 0;
            static const char *const cues[] = {"in ", "early ", "late ", "mid-", "mid ",
                                               "during ", "since ", "of ", "by ", NULL};
            for (size_t c = 0; cues[c]; c++) {
                size_t cl = strlen(cues[c]);
                if (i >= cl && !strncasecmp(s + i - cl, cues[c], cl))
                    cue = 1;
            }
            if (i == 0 && n <= 24)
                cue = 1; /* a heading of its own: "## January", "July and August" */
            used = month_first(s + i, n - i, ref, cue, &d);
        }
        if (!used && isupper((unsigned char)s[i]))
            used = weekday_dm(s + i, n - i, ref, &d);
        if (!used) {
            size_t wl;
            used = relative(s + i, n - i, ref, &d);
            if (used && d.relative && d.precision == 1 && ref && d.start == ref->start &&
                i >= 5 && !strncasecmp(s + i - 5, "last ", 5) &&
                fm_tx_weekday_at(s + i, n - i, &wl) >= 0)
                d.start = d.end = d.start - 7; /* "Last Tuesday", written on a Tuesday */
            if (used && fm_tx_weekday_at(s + i, n - i, &wl) >= 0 && wl == used) {
                /* "Sunday 9 May", "Wednesday, 5 May 2021": the date says
                 * which Sunday */
                size_t j = i + used, u2 = 0;
                fm_text_date abs;
                if (j < n && s[j] == ',')
                    j++;
                j = fm_tx_skip_space(s, n, j);
                if (j + 3 <= n && !memcmp(s + j, "\xE2\x80\x94", 3))
                    j = fm_tx_skip_space(s, n, j + 3); /* "on the Thursday — the tenth —" */
                memset(&abs, 0, sizeof abs);
                if (j < n && isdigit((unsigned char)s[j]))
                    u2 = day_first(s + j, n - j, ref, 0, &abs);
                if (!u2 && fm_tx_word_at(s, n, j, "the") &&
                    !(u2 = day_first(s + j, n - j, ref, 0, &abs)))
                    u2 = bare_day(s + j, n - j, ref, &abs); /* "Saturday the twentieth" */
                if (!u2 && j < n)
                    u2 = month_first(s + j, n - j, ref, 1, &abs);
                if (u2 && !abs.has_year && abs.precision == 1 &&
                    weekday_of(abs.start) != fm_tx_weekday_any_at(s + i, n - i, &wl)) {
                    /* "on Wednesday, 18 June" in a 2012 review of a book about
                     * 2008: the weekday says which year, the latest before the
                     * reference's in which the day falls on it */
                    int y, m, dd, w = fm_tx_weekday_any_at(s + i, n - i, &wl), yr = 0, t;
                    fm_day_to_ymd(abs.start, &y, &m, &dd);
                    if (ref && ref->start != FM_DAY_NONE)
                        fm_day_to_ymd(ref->end, &yr, &t, &t);
                    /* (the reference's own year first: a stop-press "Monday 18
                     * June" after a newsletter of 20 May) */
                    for (int back = yr ? -1 : 1; back <= 7; back++) {
                        int cy = back < 0 ? yr : y - back;
                        if (back == 0 || (back > 0 && yr && cy >= yr))
                            continue;
                        if (dd <= fm_days_in_month(cy, m) &&
                            weekday_of(fm_day_from_ymd(cy, m, dd)) == w) {
                            abs.start = abs.end = fm_day_from_ymd(cy, m, dd);
                            abs.has_year = 1; /* (the weekday has said it) */
                            break;
                        }
                    }
                }
                if (u2) {
                    d = abs;
                    used = j - i + u2;
                }
            }
        }
        if (used) {
            d.off = i;
            d.len = used;
            if (count < max)
                out[count] = d;
            count++;
            if (!d.has_year && !d.relative && d.precision == 1 &&
                fm_text_agency_after(s, n, i + used)) {
                /* "MUZAFFARABAD, Pakistan, June 3 (ACP) - ... on Tuesday": the
                 * Tuesday before the item's own day */
                item = d;
                ref = &item;
            }
            i += used;
        } else {
            i++;
        }
    }
    return count;
}

/* The first year (1979-2099) the text names, or -1. */
static int first_year(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        size_t l;
        int y;
        if (i > 0 && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if (i > 1 && (s[i - 1] == '-' || s[i - 1] == '/') &&
            isalnum((unsigned char)s[i - 2]))
            continue; /* "Grant No. FATA-CI-2008-017": a reference's figures */
        if ((y = year_at(s + i, n - i, &l)) > 0 &&
            !(i + l + 1 < n && (s[i + l] == '-' || s[i + l] == '/') &&
              isdigit((unsigned char)s[i + l + 1])))
            return y;
    }
    return -1;
}

static int labelled(const char *text, size_t off)
{
    static const char *const labels[] = {"posted", "published", "dated", "date:", "issued",
                                         "as of", "updated", "released", "day:", "edition:",
                                         "submitted", NULL};
    size_t from = off > 24 ? off - 24 : 0;
    for (size_t i = from; i < off; i++)
        for (size_t k = 0; labels[k]; k++)
            if (!strncasecmp(text + i, labels[k], strlen(labels[k])) &&
                (i == 0 || !isalpha((unsigned char)text[i - 1])))
                return 1; /* (not "someone reposted it") */
    return 0;
}

/* Where a document's masthead, title and byline end, in bytes. */
#define DATELINE_HEAD 400

/* The end of a document's masthead: its first two lines. */
static size_t masthead_end(const char *text, size_t n)
{
    size_t e = 0;
    for (int nl = 0; e < n && nl < 2; e++)
        nl += text[e] == '\n' && (e == 0 || text[e - 1] != '\n');
    return e;
}

/* "Security Report, Third Quarter (July-September) 2017": a year alone in
 * the masthead dates, as a whole year, what the report leaves yearless. */
/* The year under review when the body's opening names one before the
 * masthead's y ("BOOK OF THE YEAR 2012" over "The year 2011 was among the
 * most turbulent ... On 24 February ..."), else y. */
static int reviewed_year(const char *text, size_t len, size_t from, int y)
{
    size_t lim = from + 1500 < len ? from + 1500 : len;
    for (size_t i = from; i + 13 <= lim; i++) {
        size_t l;
        int v;
        if ((i > 0 && isalnum((unsigned char)text[i - 1])) ||
            strncasecmp(text + i, "the year ", 9) || (v = year_at(text + i + 9, lim - i - 9, &l)) <= 0)
            continue;
        return v < y && v >= y - 2 ? v : y;
    }
    return y;
}

static int masthead_year(const char *text, size_t len, size_t n, fm_text_date *out)
{
    size_t head = masthead_end(text, n);
    int y = first_year(text, head);
    if (y <= 0)
        return 0;
    y = reviewed_year(text, len, head, y);
    memset(out, 0, sizeof *out);
    out->start = fm_day_from_ymd(y, 1, 1);
    out->end = fm_day_from_ymd(y, 12, 31);
    out->precision = 3;
    out->has_year = 1;
    return 1;
}

/* The last year (1979-2099) the text names, or -1. */
static int last_year(const char *s, size_t n)
{
    int last = -1;
    for (size_t i = 0; i + 4 <= n; i++) {
        size_t l;
        int y;
        if ((i == 0 || !fm_tx_is_word_char((unsigned char)s[i - 1])) &&
            (y = year_at(s + i, n - i, &l)) > last)
            last = y; /* (the latest, wherever it stands: "since January 2002 ...
                       * since 1990") */
    }
    return last;
}

void fm_tx_head_years(const char *s, size_t len, int *first, int *last)
{
    size_t i = 0, n = len < 300 ? len : 300;
    *first = *last = 0;
    while (i < n && (s[i] == '\n' || s[i] == ' '))
        i++;
    for (; i + 4 <= n && !(s[i] == '\n' && i + 1 < n && s[i + 1] == '\n'); i++) {
        int y;
        if ((i > 0 && isalnum((unsigned char)s[i - 1])) ||
            (i + 4 < n && isalnum((unsigned char)s[i + 4])))
            continue;
        if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) ||
            !isdigit((unsigned char)s[i + 2]) || !isdigit((unsigned char)s[i + 3]))
            continue;
        y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
            (s[i + 3] - '0');
        if (y < 1979 || y > 2099)
            continue;
        if (!*first || y < *first)
            *first = y;
        if (y > *last)
            *last = y;
    }
}

/* The first weekday named in text[from, to) ("on Monday"), or -1. */
static int lead_weekday(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        size_t l;
        int w;
        if ((i == 0 || !fm_tx_is_word_char((unsigned char)s[i - 1])) &&
            isupper((unsigned char)s[i]) && (w = fm_tx_weekday_at(s + i, to - i, &l)) >= 0)
            return w;
    }
    return -1;
}

/* Where the lead of a yearless dateline is read for its weekday. */
#define DATELINE_LEAD 600

/* The first day without its year in the head (read against ref), and the
 * weekday its lead names (-1 none); 0 when there is none. */
/* Whether the date at off stands in a wire item's dateline, its line
 * opening with a place in capitals and a comma ("MUZAFFARABAD, Pakistan,
 * May 25 (ACP) -"), as the first item of a running file gives it under the
 * file's long head. */
static int wire_dateline(const char *text, size_t off)
{
    size_t b = off, caps = 0;
    while (b > 0 && text[b - 1] != '\n' && off - b < 60)
        b--;
    if (b > 0 && text[b - 1] != '\n')
        return 0;
    while (b < off && (isupper((unsigned char)text[b]) || text[b] == ' ' || text[b] == '-'))
        caps += isupper((unsigned char)text[b++]) != 0;
    return caps >= 3 && b < off && text[b] == ',';
}

static int head_day(const char *text, size_t len, size_t n, const fm_text_date *ref,
                    fm_text_date *out, int *w)
{
    fm_text_date found[16];
    size_t k = fm_text_dates(text, n, ref, found, 16);
    for (size_t i = 0; i < k && i < 16; i++) {
        if (found[i].precision != 1 || found[i].relative || found[i].has_year ||
            (found[i].off >= DATELINE_HEAD && !wire_dateline(text, found[i].off)))
            continue;
        *out = found[i];
        *w = lead_weekday(text, found[i].off,
                          found[i].off + DATELINE_LEAD < len ? found[i].off + DATELINE_LEAD : len);
        return 1;
    }
    return 0;
}

/* "PESHAWAR, Pakistan, April 5 (Reuters) - ... on Monday": a day without
 * its year. The story is no older than the latest year it names (its
 * background: "lost scores of members since 2008"); of that year and the six
 * after it, the first in which the day falls on the weekday the lead names
 * (April 5 was a Monday in 2010), else that latest year. 0 when the head
 * holds no yearless day. */
static int yearless_dateline(const char *text, size_t len, size_t n, const int named[2],
                             fm_text_date *out)
{
    int y0 = named[0] > 0 ? named[0] : last_year(text, len), w = -1, y, m, d;
    fm_text_date ref;
    if (y0 <= 0)
        return 0;
    memset(&ref, 0, sizeof ref);
    ref.start = ref.end = fm_day_from_ymd(y0, 12, 31) + 7;
    ref.precision = 1;
    if (!head_day(text, len, n, &ref, out, &w))
        return 0;
    fm_day_to_ymd(out->start, &y, &m, &d);
    if (named[0] > 0) {
        /* the file's name dates the document: "dispatch-dec2017.txt" with
         * "Dec 29" is 2017; "digest-jan2018.txt" with "Dec 29" is 2017 too */
        if (named[1] && m > named[1] + 6)
            y0--;
        else if (named[1] && m + 6 < named[1])
            y0++;
        w = -1;
    }
    {
        /* "COURTS PAGE - SELECTED REPORTS, 2016-2017" over "PESHAWAR, Feb 3:
         * ... on Wednesday": the years the head names bound the story's;
         * the latest of them whose day falls on the weekday */
        int h0, h1, found = 0;
        fm_tx_head_years(text, len, &h0, &h1);
        for (int t = h1; w >= 0 && h0 > 0 && t >= h0 && !found; t--)
            if (d <= fm_days_in_month(t, m) && weekday_of(fm_day_from_ymd(t, m, d)) == w)
                y0 = t, found = 1;
        for (int t = y0; w >= 0 && !found && t <= y0 + 6; t++)
            if (d <= 28 + (m == 2 ? (t % 4 == 0) : 3) &&
                weekday_of(fm_day_from_ymd(t, m, d)) == w) {
                y0 = t;
                break;
            }
    }
    out->start = out->end = fm_day_from_ymd(y0, m, d);
    out->has_year = 1;
    return 1;
}

int fm_text_yearless_dateline(const char *text, size_t len, fm_day today, fm_text_date *out)
{
    fm_text_date ref, day;
    int ty, tm, td, w = -1, y, m, d;
    if (today <= 0)
        return 0;
    fm_day_to_ymd(today, &ty, &tm, &td);
    memset(&ref, 0, sizeof ref);
    ref.start = ref.end = today;
    ref.precision = 1;
    if (!head_day(text, len, len < 3000 ? len : 3000, &ref, &day, &w))
        return 0;
    fm_day_to_ymd(day.start, &y, &m, &d);
    for (int t = ty; t > ty - 12; t--) {
        fm_day at;
        if (d > fm_days_in_month(t, m) || (at = fm_day_from_ymd(t, m, d)) > today ||
            (w >= 0 && weekday_of(at) != w))
            continue;
        *out = day;
        out->start = out->end = at;
        out->has_year = 1;
        return 1;
    }
    return 0;
}

/* A message's date-time group in its header, as military and diplomatic
 * traffic gives it: "O 021127Z JUL 08" (day 02, 11:27 UTC, July 2008), "R
 * 151200Z MAR 2011". It is the message's own date, whatever dates the
 * header's other lines carry ("DECL: 07/02/2018"). */
static int date_time_group(const char *text, size_t n, fm_text_date *out)
{
    for (size_t i = 0; i + 14 <= n; i++) {
        size_t used;
        if ((i > 0 && !isspace((unsigned char)text[i - 1])) || text[i + 6] != 'Z')
            continue; /* (in a dateline the zone letter is always there) */
        memset(out, 0, sizeof *out);
        if ((used = dtg(text + i, n - i, out)) > 0) {
            out->off = i;
            out->len = used;
            return 1;
        }
    }
    memset(out, 0, sizeof *out);
    out->start = FM_DAY_NONE;
    return 0;
}

/* Four digits at s[0..n) as a year 1979-2099, else 0. */
static int name_year_at(const char *s, size_t n)
{
    int y = 0;
    if (n < 4)
        return 0;
    for (size_t i = 0; i < 4; i++)
        y = 10 * y + (s[i] - '0');
    return y >= 1979 && y <= 2099 ? y : 0;
}

/* The month a name gives beside a year: letters just before or just after
 * it ("dec2017", "december-2017", "2017_Dec"), or digits after it
 * ("2017-12", "2017-12-29"); 0 when none. i..j is the year's run. */
static int name_month(const char *b, size_t n, size_t i, size_t j)
{
    size_t a = i, e;
    if (a > 0 && (b[a - 1] == '-' || b[a - 1] == '_' || b[a - 1] == ' '))
        a--;
    e = a;
    while (a > 0 && isalpha((unsigned char)b[a - 1]))
        a--;
    if (a < e && fm_month_from_name(b + a, e - a) > 0)
        return fm_month_from_name(b + a, e - a);
    a = j < n && (b[j] == '-' || b[j] == '_' || b[j] == ' ') ? j + 1 : j;
    for (e = a; e < n && isalpha((unsigned char)b[e]); e++)
        ;
    if (e > a && fm_month_from_name(b + a, e - a) > 0)
        return fm_month_from_name(b + a, e - a);
    if (a > j && a + 2 <= n && isdigit((unsigned char)b[a]) && isdigit((unsigned char)b[a + 1]) &&
        (a + 2 == n || !isdigit((unsigned char)b[a + 2]))) {
        int mo = 10 * (b[a] - '0') + (b[a + 1] - '0');
        return mo >= 1 && mo <= 12 ? mo : 0;
    }
    return 0;
}

int fm_text_name_year(const char *path, int *month)
{
    const char *b, *dot;
    size_t n;
    int year = 0;
    *month = 0;
    if (!path)
        return 0;
    b = strrchr(path, '/');
    b = b ? b + 1 : path;
    dot = strrchr(b, '.');
    n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int y;
        if (!isdigit((unsigned char)b[i])) {
            i++;
            continue;
        }
        while (j < n && isdigit((unsigned char)b[j]))
            j++;
        /* a year alone, or a compact day "20171229" */
        y = j - i == 4 || j - i == 8 ? name_year_at(b + i, j - i) : 0;
        if (y && year && y != year)
            return *month = 0; /* "2014-2016": a span, no one year */
        if (y && !year) {
            year = y;
            if (j - i == 8) {
                int mo = 10 * (b[i + 4] - '0') + (b[i + 5] - '0');
                *month = mo >= 1 && mo <= 12 ? mo : 0;
            } else
                *month = name_month(b, n, i, j);
        }
        i = j;
    }
    return year;
}

void fm_text_dateline(const char *text, size_t len, fm_text_date *out)
{
    fm_text_dateline_named(NULL, text, len, out);
}

void fm_text_dateline_named(const char *name, const char *text, size_t len, fm_text_date *out)
{
    size_t n = len < 3000 ? len : 3000;
    int named[2];
    fm_text_date found[16];
    size_t k = fm_text_dates(text, n, NULL, found, 16);
    named[0] = fm_text_name_year(name, &named[1]);
    memset(out, 0, sizeof *out);
    out->start = FM_DAY_NONE;
    if (date_time_group(text, n < 1500 ? n : 1500, out))
        return;
    if (!k) {
        if (!yearless_dateline(text, len, n, named, out))
            masthead_year(text, len, n, out);
        return;
    }
    /* a date labelled as the document's own wins: "Posted 14 June 2025" over
     * "Notes from the border, week of 9 June 2025"; then a date in the
     * masthead's first lines, then in the head (a brief's "December 2021"
     * over "16 December 2014" in its background section); then the first
     * full date, the first month */
    for (size_t i = 0; i < k && i < 16; i++)
        if (found[i].has_year && found[i].precision == 1 && labelled(text, found[i].off)) {
            *out = found[i];
            return;
        }
    size_t first_lines = masthead_end(text, n);
    for (size_t i = 0; i < k && i < 16; i++)
        if (found[i].has_year && found[i].precision != 2 && found[i].off < first_lines) {
            fm_text_date wire;
            if (found[i].precision == 3 && yearless_dateline(text, len, n, named, &wire) &&
                wire.off < found[i].off) {
                /* "ISLAMABAD, Nov 3 (Reuters) - ... began in early August 2008":
                 * the yearless day before the month is the date */
                *out = wire;
                return;
            }
            *out = found[i]; /* the masthead's own date, a day or a month */
            return;
        }
    if (masthead_year(text, len, n, out))
        return;
    int head_day = 0; /* a day with its year in the head */
    for (size_t i = 0; i < k && i < 16; i++)
        head_day |= found[i].has_year && found[i].precision == 1 && found[i].off < DATELINE_HEAD;
    if (!head_day && yearless_dateline(text, len, n, named, out))
        return;
    for (int tier = 1; tier < 3; tier++) {
        size_t lim = tier == 1 ? DATELINE_HEAD : (size_t)-1;
        for (size_t i = 0; i < k && i < 16; i++)
            if (found[i].has_year && found[i].precision == 1 && found[i].off < lim) {
                *out = found[i];
                return;
            }
        for (size_t i = 0; i < k && i < 16; i++)
            if (found[i].has_year && found[i].precision == 3 && found[i].off < lim) {
                *out = found[i];
                return;
            }
    }
}
