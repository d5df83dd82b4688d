/* util.c: small ASCII helpers for reading English text: words, months and
 * weekdays. They never look past the length they are given. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

int fm_tx_is_word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Whether the two bytes at s[k] are Arabic script's punctuation: the
 * Urdu full stop "۔", the comma "،", the semicolon "؛", the question
 * mark "؟" (they end a word as ASCII's do). */
static int arabic_stop_at(const char *s, size_t n, size_t k)
{
    const unsigned char *u = (const unsigned char *)s;
    return k + 1 < n && ((u[k] == 0xDB && u[k + 1] == 0x94) ||
                         (u[k] == 0xD8 && (u[k + 1] == 0x8C || u[k + 1] == 0x9B ||
                                           u[k + 1] == 0x9F)));
}

/* Whether word (lower case) stands at s[i] as a whole word. */
int fm_tx_word_at(const char *s, size_t n, size_t i, const char *word)
{
    size_t w = strlen(word);
    if (i > n || w > n - i || strncasecmp(s + i, word, w))
        return 0;
    if (i > 0 && fm_tx_is_word_char((unsigned char)s[i - 1]) &&
        !(i >= 2 && arabic_stop_at(s, i, i - 2)))
        return 0;
    return i + w == n || !fm_tx_is_word_char((unsigned char)s[i + w]) ||
           arabic_stop_at(s, n, i + w);
}

size_t fm_tx_skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    return i;
}

/* French, German and Urdu month names ("9 mai 2009", "23. Februar 2014"). */
static int foreign_month(const char *s, size_t n, size_t *len)
{
    static const struct {
        const char *name;
        int month;
    } names[] = {{"janvier", 1},        {"f\xC3\xA9vrier", 2}, {"fevrier", 2}, {"mars", 3},
                 {"avril", 4},          {"mai", 5},           {"juin", 6},    {"juillet", 7},
                 {"ao\xC3\xBBt", 8},    {"aout", 8},          {"septembre", 9}, {"octobre", 10},
                 {"novembre", 11},      {"d\xC3\xA9\x63\x65mbre", 12}, {"decembre", 12},
                 {"januar", 1},         {"februar", 2},       {"m\xC3\xA4rz", 3}, {"maerz", 3},
                 {"juni", 6},           {"juli", 7},          {"oktober", 10}, {"dezember", 12},
                 /* Urdu: "23 فروری 2013" */
                 {"جنوری", 1}, {"فروری", 2}, {"مارچ", 3}, {"اپریل", 4}, {"مئی", 5},
                 {"جون", 6}, {"جولائی", 7}, {"اگست", 8}, {"ستمبر", 9}, {"اکتوبر", 10},
                 {"نومبر", 11}, {"دسمبر", 12}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        size_t l = strlen(names[k].name);
        if (l <= n && !strncasecmp(s, names[k].name, l) &&
            (l == n || !(isalnum((unsigned char)s[l]) || (unsigned char)s[l] >= 0x80))) {
            *len = l;
            return names[k].month;
        }
    }
    return 0;
}

int fm_tx_month_foreign_at(const char *s, size_t n, size_t *len)
{
    return foreign_month(s, n, len);
}

int fm_tx_month_at(const char *s, size_t n, size_t *len)
{
    size_t w = 0;
    while (w < n && isalpha((unsigned char)s[w]))
        w++;
    if (w < n && fm_tx_is_word_char((unsigned char)s[w]))
        return 0;
    int m = fm_month_from_name(s, w);
    if (m == 0)
        return foreign_month(s, n, len);
    /* An abbreviation may carry its full stop ("Oct.", "Sept."); a full
     * name (May, June) never does: its stop ends the sentence. */
    int abbreviated = (w == 3 && m != 5) || (w == 4 && m == 9);
    *len = w + (abbreviated && w < n && s[w] == '.');
    return m;
}

/* A weekday's full name or short form ("Wed", "Thurs") at s, in any case:
 * its number (0 Monday .. 6 Sunday), else -1. */
int fm_tx_weekday_any_at(const char *s, size_t n, size_t *len)
{
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    /* French and German: "samedi", "am Samstag" */
    static const char *const foreign_days[] = {"lundi",  "mardi",    "mercredi", "jeudi",
                                               "vendredi", "samedi", "dimanche", "montag",
                                               "dienstag", "mittwoch", "donnerstag", "freitag",
                                               "samstag", "sonntag"};
    /* Urdu: "جمعہ کے روز", on Friday ("ہفتہ" is also a week, "پیر" a saint:
     * only before "کے روز", "کی رات", "کو", the words that make them days) */
    static const char *const urdu_days[] = {"پیر", "منگل", "بدھ", "جمعرات",
                                            "جمعہ", "ہفتہ", "اتوار"};
    static const char *const shorts[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                                         "fri", "sat", "sun"};
    static const int short_day[] = {0, 1, 1, 2, 3, 3, 3, 4, 5, 6};
    for (int d = 0; d < 7; d++)
        if (fm_tx_word_at(s, n, 0, days[d])) {
            *len = strlen(days[d]);
            return d;
        }
    for (int k = 0; k < 10; k++)
        if (fm_tx_word_at(s, n, 0, shorts[k])) {
            *len = strlen(shorts[k]);
            return short_day[k];
        }
    for (int d = 0; d < 14; d++)
        if (fm_tx_word_at(s, n, 0, foreign_days[d])) {
            *len = strlen(foreign_days[d]);
            return d % 7;
        }
    {
        /* Pashto and Dari: "پرون پنجشنبه", yesterday Thursday */
        static const char *const pashto_days[] = {"دوشنبه", "سه شنبه", "چهارشنبه",
                                                  "پنجشنبه", "جمعه", "شنبه", "یکشنبه"};
        for (int d = 0; d < 7; d++)
            if (fm_tx_word_at(s, n, 0, pashto_days[d])) {
                *len = strlen(pashto_days[d]);
                return d;
            }
    }
    for (int d = 0; d < 7; d++)
        if (fm_tx_word_at(s, n, 0, urdu_days[d])) {
            static const char *const marks[] = {"کے روز", "کی رات", "کی صبح", "کی شام", "کو",
                                                NULL};
            size_t l = strlen(urdu_days[d]), q = fm_tx_skip_space(s, n, l);
            for (size_t k = 0; marks[k]; k++)
                if (fm_tx_word_at(s, n, q, marks[k])) {
                    *len = l;
                    return d;
                }
        }
    return -1;
}

int fm_tx_weekday_at(const char *s, size_t n, size_t *len)
{
    size_t w;
    int d = fm_tx_weekday_any_at(s, n, &w), caps = 1;
    if (d < 0)
        return -1;
    if (w > 5 || (w == 5 && (s[4] == 'i' || s[4] == 'I'))) {
        *len = w; /* (a full name; "lundi", "mardi", "jeudi" are) */
        return d;
    }
    /* "SAT:", "Thu:", "MON -" in logs and threads: a short form in
     * capitals, or before a colon (never "Sun" the newspaper in a sentence) */
    for (size_t i = 0; i < w; i++)
        caps &= isupper((unsigned char)s[i]) != 0;
    if (caps && w + 1 < n && s[w] == ' ' && islower((unsigned char)s[w + 1]))
        return -1; /* "FRI has not been able to verify": an organisation's initials
                    * as a sentence's subject */
    if (caps || (w < n && s[w] == ':')) {
        *len = w;
        return d;
    }
    return -1;
}

/* A field of a record: a label of one to four words, the first capitalised,
 * then a colon and the value ("Police Station: Kabal", "Brief facts: On the
 * date ..."). */
size_t fm_tx_past_bullet(const char *s, size_t start, size_t end)
{
    if (start + 2 < end && (s[start] == '-' || s[start] == '*') && s[start + 1] == ' ')
        return start + 2;
    if (start + 4 < end && !memcmp(s + start, "\xE2\x80\xA2 ", 4))
        return start + 4; /* "• " */
    return start;
}

int fm_tx_field_line(const char *s, size_t start, size_t end)
{
    size_t k;
    int words = 0;
    start = fm_tx_past_bullet(s, start, end); /* "- Occurrence: 29.10.2016 ..." */
    k = start;
    if (start >= end || !isupper((unsigned char)s[start]))
        return 0;
    while (k < end && words < 4) {
        while (k < end && (isalpha((unsigned char)s[k]) || s[k] == '.' || s[k] == '/'))
            k++;
        if (k < end && s[k] == '(' && k > start && s[k - 1] == ' ') {
            /* "Casualties (confirmed): 15", "Casualties (claimed, other
             * party):": an aside in the label */
            const char *close = memchr(s + k, ')', end - k);
            if (!close || close - (s + k) > 32)
                return 0;
            k = (size_t)(close - s) + 1;
        }
        words++;
        while (k < end && s[k] == ' ' && k + 1 < end && (s[k + 1] == ' ' || s[k + 1] == ':'))
            k++; /* "Date/time : 02-09-2015", labels padded to a column */
        if (k < end && s[k] == ':')
            return k + 1 < end && s[k + 1] == ' ';
        if (k >= end || s[k] != ' ')
            return 0;
        k++;
    }
    return 0;
}

size_t fm_tx_line_end(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] != '\n')
        i++;
    return i;
}

fm_status fm_doc_finish(fm_ctx *ctx, fm_buf *out)
{
    if (!out->data)
        fm_buf_puts(ctx, out, "");
    return fm_buf_check(ctx, out);
}

size_t fm_doc_copy_line(fm_ctx *ctx, const char *s, size_t n, size_t i, size_t e, fm_buf *out)
{
    fm_buf_append(ctx, out, s + i, e - i);
    if (e < n)
        fm_buf_putc(ctx, out, '\n');
    return e + 1;
}
