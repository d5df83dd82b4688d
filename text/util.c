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

/* Whether word (lower case) stands at s[i] as a whole word. */
int fm_tx_word_at(const char *s, size_t n, size_t i, const char *word)
{
    size_t w = strlen(word);
    if (i + w > n || strncasecmp(s + i, word, w))
        return 0;
    if (i > 0 && fm_tx_is_word_char((unsigned char)s[i - 1]))
        return 0;
    return i + w == n || !fm_tx_is_word_char((unsigned char)s[i + w]);
}

size_t fm_tx_skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
        i++;
    return i;
}

int fm_tx_month_at(const char *s, size_t n, size_t *len)
{
    static const char *const full[] = {"january", "february", "march",     "april",
                                       "may",     "june",     "july",      "august",
                                       "september", "october", "november", "december"};
    for (int m = 0; m < 12; m++) {
        if (fm_tx_word_at(s, n, 0, full[m])) {
            *len = strlen(full[m]);
            return m + 1;
        }
    }
    for (int m = 0; m < 12; m++) {
        char ab[5];
        memcpy(ab, full[m], 3);
        ab[3] = '\0';
        if (m == 4)
            continue; /* "may" is a verb more often than a month */
        if (fm_tx_word_at(s, n, 0, ab)) {
            *len = 3 + (n > 3 && s[3] == '.');
            return m + 1;
        }
        if (m == 8 && fm_tx_word_at(s, n, 0, "sept")) {
            *len = 4 + (n > 4 && s[4] == '.');
            return 9;
        }
    }
    return 0;
}

int fm_tx_weekday_at(const char *s, size_t n, size_t *len)
{
    static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    for (int d = 0; d < 7; d++)
        if (fm_tx_word_at(s, n, 0, days[d])) {
            *len = strlen(days[d]);
            return d;
        }
    return -1;
}
