/* numbers.c: counts as reporters write them. Digits ("1,200", "12-15"),
 * words ("seven", "twenty-three", "two hundred"), groups ("a dozen", "two
 * dozen", "dozens", "scores", "hundreds") and the modifiers that make a count
 * a bound ("at least", "more than", "up to", "about"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

static const char *const units[] = {"zero",    "one",     "two",       "three",    "four",
                                    "five",    "six",     "seven",     "eight",    "nine",
                                    "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens[] = {"", "", "twenty", "thirty", "forty",
                                   "fifty", "sixty", "seventy", "eighty", "ninety"};

/* French and German number words, as wire services in those languages
 * write counts ("Quinze personnes ont été tuées", "zwölf Soldaten"):
 * longest first where one begins another. "un"/"une" in capitals are the
 * UN; "Sept" with a capital and a stop or a figure after it is September. */
static const struct {
    const char *word;
    int value;
} foreign[] = {
    {"dix-sept", 17}, {"dix-huit", 18}, {"dix-neuf", 19}, {"quatorze", 14}, {"cinquante", 50},
    {"quarante", 40}, {"soixante", 60}, {"quatre", 4}, {"treize", 13}, {"quinze", 15},
    {"trente", 30}, {"douze", 12}, {"seize", 16}, {"vingt", 20}, {"trois", 3}, {"deux", 2},
    {"cinq", 5}, {"huit", 8}, {"neuf", 9}, {"onze", 11}, {"sept", 7}, {"dix", 10}, {"une", 1},
    {"un", 1},
    {"neunzehn", 19}, {"siebzehn", 17}, {"achtzehn", 18}, {"dreizehn", 13}, {"vierzehn", 14},
    {"f\xC3\xBCnfzehn", 15}, {"sechzehn", 16}, {"zwanzig", 20}, {"drei\xC3\x9Fig", 30},
    {"dreissig", 30}, {"vierzig", 40}, {"f\xC3\xBCnfzig", 50}, {"sechzig", 60},
    {"zw\xC3\xB6lf", 12}, {"sieben", 7}, {"sechs", 6}, {"f\xC3\xBCnf", 5}, {"zwei", 2},
    {"drei", 3}, {"vier", 4}, {"acht", 8}, {"neun", 9}, {"zehn", 10}, {"eine", 1}, {"ein", 1},
    {"elf", 11},
    /* Urdu: "دو بچے جاں بحق", "چاروں حملہ آور" */
    {"گیارہ", 11}, {"بارہ", 12}, {"تیرہ", 13}, {"چودہ", 14}, {"پندرہ", 15}, {"سولہ", 16},
    {"سترہ", 17}, {"اٹھارہ", 18}, {"انیس", 19}, {"بیس", 20}, {"پچیس", 25}, {"تیس", 30},
    {"چالیس", 40}, {"پچاس", 50}, {"ایک", 1}, {"دونوں", 2}, {"دو", 2}, {"تینوں", 3},
    {"تین", 3}, {"چاروں", 4}, {"چار", 4}, {"پانچوں", 5}, {"پانچ", 5}, {"چھ", 6},
    {"سات", 7}, {"آٹھ", 8}, {"نو", 9}, {"دس", 10},
    /* Pashto: "درې کسان ووژل شول" */
    {"دوه", 2}, {"درې", 3}, {"څلور", 4}, {"پنځه", 5}, {"شپږ", 6}, {"اووه", 7},
    {"اته", 8}, {"نهه", 9}, {"لس", 10}, {"شل", 20},
};

static long foreign_value(const char *s, size_t n, size_t *len)
{
    for (size_t k = 0; k < sizeof foreign / sizeof foreign[0]; k++) {
        size_t l;
        if (tolower((unsigned char)s[0]) != (unsigned char)foreign[k].word[0])
            continue; /* (the first letter first: this runs on every word) */
        l = strlen(foreign[k].word);
        if (l > n || strncasecmp(s, foreign[k].word, l) ||
            (l < n && (isalnum((unsigned char)s[l]) || (unsigned char)s[l] >= 0x80)))
            continue;
        if ((l <= 3 && l >= 2 && foreign[k].word[0] == 'u' && isupper((unsigned char)s[0]) &&
             isupper((unsigned char)s[1])))
            return -1; /* "UN" */
        if (!strcmp(foreign[k].word, "sept") && isupper((unsigned char)s[0])) {
            size_t after = fm_tx_skip_space(s, n, l);
            if (l >= n || s[l] == '.' || (after < n && isdigit((unsigned char)s[after])))
                return -1; /* "Sept. 11", "Sept 12" */
        }
        if (foreign[k].value >= 20 && foreign[k].value % 10 == 0 && l + 1 < n && s[l] == '-')
            for (size_t u = 0; u < sizeof foreign / sizeof foreign[0]; u++) {
                size_t ul = strlen(foreign[u].word);
                if (foreign[u].value < 10 && l + 1 + ul <= n &&
                    !strncasecmp(s + l + 1, foreign[u].word, ul) &&
                    (l + 1 + ul == n || !isalnum((unsigned char)s[l + 1 + ul]))) {
                    *len = l + 1 + ul; /* "quarante-sept" */
                    return foreign[k].value + foreign[u].value;
                }
            }
        *len = l;
        return foreign[k].value;
    }
    return -1;
}

/* A number word at s: its value (or -1) and *len. */
static long word_value(const char *s, size_t n, size_t *len)
{
    for (int t = 2; t < 10; t++)
        if (fm_tx_word_at(s, n, 0, tens[t]) ||
            (n > strlen(tens[t]) && !strncasecmp(s, tens[t], strlen(tens[t])) &&
             s[strlen(tens[t])] == '-')) {
            size_t l = strlen(tens[t]);
            if (l < n && s[l] == '-')
                for (int u = 1; u < 10; u++)
                    if (fm_tx_word_at(s, n, l + 1, units[u])) {
                        *len = l + 1 + strlen(units[u]);
                        return t * 10 + u;
                    }
            *len = l;
            return t * 10;
        }
    for (int u = 19; u >= 0; u--)
        if (fm_tx_word_at(s, n, 0, units[u])) {
            *len = strlen(units[u]);
            return u;
        }
    return foreign_value(s, n, len);
}

/* Digits with thousands commas at s: value (or -1) and *len. */
static long digits_value(const char *s, size_t n, size_t *len)
{
    size_t i = 0;
    long v = 0;
    if (!n || !isdigit((unsigned char)s[0]))
        return -1;
    if (s[0] == '0' && n > 1 && isdigit((unsigned char)s[1]) &&
        !(n == 2 || !isdigit((unsigned char)s[2])))
        return -1; /* "0920 hrs"; but "03" is three in a police report */
    while (i < n && (isdigit((unsigned char)s[i]) ||
                     (s[i] == ',' && i + 3 < n && isdigit((unsigned char)s[i + 1]) &&
                      isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
                      (i + 4 >= n || !isdigit((unsigned char)s[i + 4]))))) {
        if (s[i] != ',') {
            if (v > 100000000L)
                return -1;
            v = v * 10 + (s[i] - '0');
        }
        i++;
    }
    if (i < n && isalpha((unsigned char)s[i]))
        return -1; /* 5km, 3rd, 2025s */
    if (i < n && s[i] == '.' && i + 1 < n && isdigit((unsigned char)s[i + 1]))
        return -1; /* a decimal is not a count */
    *len = i;
    return v;
}

/* A plain number at s: digits or words, "hundred"/"thousand" multipliers and
 * "a dozen"/"two dozen". */
static long number_at(const char *s, size_t n, size_t *len)
{
    size_t l = 0, k;
    long v = digits_value(s, n, &l);
    if (v < 0)
        v = word_value(s, n, &l);
    if (v < 0 && (fm_tx_word_at(s, n, 0, "a") || fm_tx_word_at(s, n, 0, "an"))) {
        l = s[1] == 'n' ? 2 : 1;
        k = fm_tx_skip_space(s, n, l);
        if (fm_tx_word_at(s, n, k, "dozen")) {
            *len = k + 5;
            return 12;
        }
        if (fm_tx_word_at(s, n, k, "hundred")) {
            *len = k + 7;
            return 100;
        }
        return -1;
    }
    if (v < 0)
        return -1;
    k = fm_tx_skip_space(s, n, l);
    if (fm_tx_word_at(s, n, k, "dozen")) {
        *len = k + 5;
        return v * 12;
    }
    if (fm_tx_word_at(s, n, k, "hundred")) {
        size_t m;
        long rest;
        v *= 100;
        l = k + 7;
        m = fm_tx_skip_space(s, n, l);
        if (fm_tx_word_at(s, n, m, "and"))
            m = fm_tx_skip_space(s, n, m + 3);
        if ((rest = word_value(s + m, n - m, &k)) > 0) {
            v += rest;
            l = m + k;
        }
    } else if (fm_tx_word_at(s, n, k, "thousand")) {
        v *= 1000;
        l = k + 8;
    }
    *len = l;
    return v;
}

static const struct {
    const char *words;
    int kind; /* 1 lower bound, 2 upper bound, 3 about */
} modifiers[] = {{"at least", 1},       {"more than", 1},    {"over", 1},
                 {"no fewer than", 1},  {"no less than", 1}, {"upwards of", 1},
                 {"in excess of", 1},   {"up to", 2},        {"as many as", 2},
                 {"above", 1},          {"well over", 1},    {"well above", 1},
                 {"nearly", 3},         {"almost", 3},       {"about", 3},
                 {"around", 3},         {"some", 3},         {"approximately", 3},
                 {"roughly", 3},        {"an estimated", 3}, {"close to", 3},
                 {"at most", 2},        {"fewer than", 2},   {"less than", 2},
                 {NULL, 0}};

/* Groups with no exact figure: the lower bound they promise. */
static const struct {
    const char *word;
    long lo;
} groups[] = {{"dozens", 24}, {"scores", 40}, {"hundreds", 200}, {"thousands", 2000},
              {NULL, 0}};

size_t fm_count_read(const char *s, size_t n, fm_count *out)
{
    size_t i = 0, l = 0;
    int mod = 0, bracketed = 0;
    long v;
    memset(out, 0, sizeof *out);
    for (size_t m = 0; modifiers[m].words; m++)
        if (fm_tx_word_at(s, n, 0, modifiers[m].words)) {
            mod = modifiers[m].kind;
            i = fm_tx_skip_space(s, n, strlen(modifiers[m].words));
            break;
        }
    for (size_t g = 0; groups[g].word; g++)
        if (fm_tx_word_at(s, n, i, groups[g].word)) {
            out->best = out->lo = groups[g].lo;
            out->hi = -1;
            out->approx = 1;
            out->vague = 1;
            out->start = 0;
            out->end = i + strlen(groups[g].word);
            return out->end;
        }
    if (fm_tx_word_at(s, n, i, "no") || fm_tx_word_at(s, n, i, "none")) {
        if (mod)
            return 0;
        out->end = i + (fm_tx_word_at(s, n, i, "none") ? 4 : 2);
        out->hi = 0;
        return out->end;
    }
    v = number_at(s + i, n - i, &l);
    if (v < 0)
        return 0;
    out->best = out->lo = v;
    out->hi = v;
    out->end = i + l;
    {
        /* "three (03) police officials", as police and court papers write
         * a count, "one hundred and twenty [120]" as a translator does: the
         * figure in brackets repeats it */
        size_t j = fm_tx_skip_space(s, n, out->end), k = 0;
        if (j < n && (s[j] == '(' || s[j] == '[') &&
            digits_value(s + j + 1, n - j - 1, &k) == v && j + 1 + k < n &&
            s[j + 1 + k] == (s[j] == '(' ? ')' : ']')) {
            out->end = j + 2 + k;
            bracketed = 1;
        }
    }
    /* ranges: 12-15, 12 to 15, 12 or 13 */
    if (!bracketed) {
        size_t j = out->end, k = 0;
        long v2 = -1;
        if (j < n && s[j] == '-')
            v2 = digits_value(s + j + 1, n - j - 1, &k), k += 1;
        else if (fm_tx_word_at(s, n, fm_tx_skip_space(s, n, j), "to") ||
                 fm_tx_word_at(s, n, fm_tx_skip_space(s, n, j), "or")) {
            size_t t = fm_tx_skip_space(s, n, fm_tx_skip_space(s, n, j) + 2);
            v2 = number_at(s + t, n - t, &k);
            k += t - j;
        }
        if (v2 > v && v2 < v * 10 + 10) {
            out->hi = v2;
            out->end = j + k;
        }
    }
    if (mod == 1) {
        out->hi = -1;
        out->approx = 1;
    } else if (mod == 2) {
        out->lo = 0;
        out->approx = 1;
    } else if (mod == 3) {
        out->approx = 1;
    }
    return out->end;
}
