/* extract_persons.c: people counted without a figure ("a soldier", "two
 * brothers", named persons listed before or after a verb), a count that is a
 * year or inside a date, and the words after a count that make it part of a
 * larger figure ("among them", "in all"). Pure functions; nothing allocated. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

int tx_is_year(const fm_count *c)
{
    return c->best >= 1900 && c->best <= 2100 && c->best == c->hi && !c->approx;
}

/* Whether "another" at i is followed by a count of its own ("another two
 * soldiers died"). */
static int another_count(const char *s, size_t n, size_t i)
{
    fm_count c;
    size_t j = fm_tx_skip_space(s, n, i + 7);
    return j < n && fm_count_read(s + j, n - j, &c) > 0;
}

/* "a soldier", "an officer", "a tribal elder": the count one, where a victim
 * noun follows at once (two words may stand between); not "a bomb killed four
 * policemen". */
size_t tx_article_count(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                        fm_count *c)
{
    size_t j, l;
    if (fm_tx_word_at(s, n, i, "the") &&
        (fm_tx_word_at(s, n, i + 4, "bomber") || fm_tx_word_at(s, n, i + 4, "attacker") ||
         fm_tx_word_at(s, n, i + 4, "suicide bomber"))) {
        /* "the bomber also died", "The bomber was also killed": one more */
        memset(c, 0, sizeof *c);
        c->best = c->lo = c->hi = 1;
        c->end = 3;
        return 3;
    }
    if (!(fm_tx_word_at(s, n, i, "a") || fm_tx_word_at(s, n, i, "an") ||
          (fm_tx_word_at(s, n, i, "another") && !another_count(s, n, i))))
        /* ("another soldier died": one more; not "another two soldiers") */
        return 0;
    if (i >= 3 && s[i - 1] == ' ' && s[i - 2] == ',') {
        /* "a passer-by, a young labourer, was killed": the same man again */
        size_t e = i - 2, b = e;
        while (b > 0 && (fm_tx_is_word_char((unsigned char)s[b - 1]) || s[b - 1] == '-'))
            b--;
        if (b < e && fm_lexicon_match(lx, FM_LEX_VICTIM, s + b, e - b, &l) && l == e - b)
            return 0;
    }
    j = fm_tx_skip_space(s, n, tx_next_word(s, n, i));
    for (int w = 0; !fm_lexicon_match(lx, FM_LEX_VICTIM, s + j, n - j, &l); w++) {
        /* "a Frontier Corps soldier": two words may stand between (not
         * "a house, 5 militants") */
        if (w == 2 || j >= n || !fm_tx_is_word_char((unsigned char)s[j]) ||
            isdigit((unsigned char)s[j]))
            return 0;
        size_t e = j;
        while (e < n && fm_tx_is_word_char((unsigned char)s[e]))
            e++;
        if (fm_tx_word_at(s, n, j, "few") || fm_tx_word_at(s, n, j, "handful") ||
            fm_tx_word_at(s, n, j, "number"))
            return 0; /* "had lost only a few men" */
        if (fm_tx_word_at(s, n, j, "of") && !fm_tx_word_at(s, n, i, "one"))
            return 0; /* "a team of polio workers", "a convoy of soldiers": many (not
                       * "one of the soldiers") */
        j = fm_tx_skip_space(s, n, tx_next_word(s, n, j));
        for (size_t k = e; k < j; k++)
            if (s[k] == ',' || s[k] == ';' || s[k] == '.')
                return 0;
    }
    memset(c, 0, sizeof *c);
    c->best = c->lo = c->hi = 1;
    c->end = tx_next_word(s, n, i) - i;
    return c->end;
}

/* Whether s[b, e) is one person the lexicon knows as a victim, with its
 * determiner: "a woman", "his wife", "the driver" (not "the soldiers"). */
static int one_person(const fm_lexicon *lx, const char *s, size_t b, size_t e)
{
    static const char *const dets[] = {"a", "an", "one", "his", "her", "their", "the", NULL};
    static const char *const plural[] = {"people", "police", "children", "men", "women",
                                         "staff", "personnel", NULL};
    size_t j = e, l;
    const fm_lex_entry *v;
    while (j > b && fm_tx_is_word_char((unsigned char)s[j - 1]))
        j--; /* the noun */
    if (j == e || !(v = fm_lexicon_match(lx, FM_LEX_VICTIM, s + j, e - j, &l)) || l != e - j ||
        s[e - 1] == 's')
        return 0;
    for (size_t k = 0; plural[k]; k++)
        if (fm_tx_word_at(s, e, j, plural[k]))
            return 0;
    for (int mod = 0; mod < 2; mod++) {
        /* (one word may qualify the noun: "the van driver", "a police guard") */
        while (j > b && s[j - 1] == ' ')
            j--;
        for (size_t k = 0; dets[k]; k++) {
            size_t w = strlen(dets[k]);
            if (j >= b + w && fm_tx_word_at(s, j, j - w, dets[k]) && j - w == b)
                return 1;
        }
        while (j > b && fm_tx_is_word_char((unsigned char)s[j - 1]))
            j--;
    }
    return 0;
}

/* "His wife, his mother and six of his children died": the persons named
 * one by one in a list that ends with the count at i, told before their
 * verb; how many (none when a toll before, from, already holds them). */
int tx_persons_before(const fm_lexicon *lx, const char *s, size_t from, size_t i)
{
    static const char *const dets[] = {"his", "her", "their", "the", NULL};
    int count = 0;
    size_t k = i;
    while (k > from && s[k - 1] == ' ')
        k--;
    for (size_t d = 0; dets[d]; d++) {
        size_t w = strlen(dets[d]);
        if (k >= from + w && fm_tx_word_at(s, k, k - w, dets[d])) {
            k -= w; /* ("and her two sons") */
            break;
        }
    }
    for (;;) {
        size_t e, b;
        while (k > from && s[k - 1] == ' ')
            k--;
        if (k >= from + 3 && fm_tx_word_at(s, k, k - 3, "and"))
            k -= 3;
        else if (k > from && s[k - 1] == ',')
            k--;
        else
            return count;
        while (k > from && s[k - 1] == ' ')
            k--;
        if (k > from && s[k - 1] == ',')
            k--; /* (", and") */
        e = k;
        while (k > from && s[k - 1] == ' ')
            k--;
        b = e;
        for (int words = 0; words < 2 && b > from; words++) {
            while (b > from && s[b - 1] == ' ')
                b--;
            while (b > from && fm_tx_is_word_char((unsigned char)s[b - 1]))
                b--;
            if (one_person(lx, s, b, e))
                break;
        }
        if (!one_person(lx, s, b, e))
            return count;
        count++;
        k = b;
    }
}

/* Where one person named from b ends ("the van driver", at most three
 * words, before to), or 0. */
static size_t person_end(const fm_lexicon *lx, const char *s, size_t b, size_t to)
{
    size_t e = b;
    for (int words = 0; words < 3 && e < to; words++) {
        while (e < to && fm_tx_is_word_char((unsigned char)s[e]))
            e++;
        if (one_person(lx, s, b, e))
            return e;
        e = fm_tx_skip_space(s, to, e);
    }
    return 0;
}

/* "a police guard and the bomber killed": the persons named one by one
 * after the count's noun (from) and before its verb (to); how many. */
int tx_persons_after(const fm_lexicon *lx, const char *s, size_t from, size_t to,
                     size_t *last)
{
    int count = 0;
    size_t k = from;
    for (;;) {
        size_t b, e;
        int sep = 0;
        k = fm_tx_skip_space(s, to, k);
        if (k < to && s[k] == ',')
            k = fm_tx_skip_space(s, to, k + 1), sep = 1;
        if (fm_tx_word_at(s, to, k, "and"))
            k += 3, sep = 1;
        if (!sep)
            return count;
        b = fm_tx_skip_space(s, to, k);
        if (!(e = person_end(lx, s, b, to)))
            return count;
        count++;
        k = *last = e;
    }
}

/* "killing him and three other people", "killing the driver and two
 * passengers": persons named one by one between a verb (from) and its
 * count (to); how many, or 0 unless they fill the gap. */
int tx_persons_between(const fm_lexicon *lx, const char *s, size_t from, size_t to)
{
    int count = 0;
    size_t k = fm_tx_skip_space(s, to, from);
    while (k < to) {
        size_t e;
        if (fm_tx_word_at(s, to, k, "him") || fm_tx_word_at(s, to, k, "her"))
            e = k + 3;
        else if (!(e = person_end(lx, s, k, to)))
            return 0;
        count++;
        k = fm_tx_skip_space(s, to, e);
        if (k < to && s[k] == ',')
            k = fm_tx_skip_space(s, to, k + 1);
        if (!fm_tx_word_at(s, to, k, "and"))
            return k == to ? count : 0;
        k = fm_tx_skip_space(s, to, k + 3);
    }
    return k == to ? count : 0;
}

int tx_inside_date(const tx_sentence *st, size_t off)
{
    for (size_t k = 0; k < st->ndate && k < TX_MAX_DATES; k++)
        if (off >= st->start + st->date[k].off &&
            off < st->start + st->date[k].off + st->date[k].len)
            return 1;
    return 0;
}

/* Whether only "and", "her", "his", "their", a comma and a victim noun lie
 * between a toll's end and position i. */
int tx_chained(const char *s, size_t from, size_t i)
{
    static const char *const glue[] = {"and", "her", "his", "their", "its", "a", "an", NULL};
    size_t k = from, words = 0;
    int and_seen = 0;
    while (k < i) {
        size_t e, d = tx_dash_len(s, i, k);
        if (d) {
            /* an aside between dashes is passed over whole ("nine children
             * - five boys and four girls - and a woman") */
            size_t c = k + d;
            while (c < i && !tx_dash_len(s, i, c))
                c++;
            k = c < i ? c + tx_dash_len(s, i, c) : k + d;
            continue;
        }
        if (s[k] == ' ' || s[k] == ',') {
            k++;
            continue;
        }
        e = k;
        while (e < i && fm_tx_is_word_char((unsigned char)s[e]))
            e++;
        if (e == k)
            return 0;
        {
            int ok = 0;
            for (size_t g = 0; glue[g]; g++)
                if (e - k == strlen(glue[g]) && !strncasecmp(s + k, glue[g], e - k))
                    ok = 1;
            if (!ok && ++words > 2)
                return 0;
            if (e - k == 3 && !strncasecmp(s + k, "and", 3))
                and_seen = 1;
        }
        k = e;
    }
    return and_seen;
}

/* "at least three boys were among them", "two children among the dead":
 * a part of the dead already counted. */
int tx_among_after(const char *s, size_t n, size_t i)
{
    for (int w = 0; w < 4 && i < n; w++) {
        i = fm_tx_skip_space(s, n, i);
        if (fm_tx_word_at(s, n, i, "were among") || fm_tx_word_at(s, n, i, "was among") ||
            fm_tx_word_at(s, n, i, "are among") || fm_tx_word_at(s, n, i, "among them") ||
            fm_tx_word_at(s, n, i, "among the dead"))
            return 1;
        if (i < n && strchr(",;.:()", s[i]))
            return 0;
        while (i < n && fm_tx_is_word_char((unsigned char)s[i]))
            i++;
    }
    return 0;
}

/* The words that say a count is a total: "in all", "in total". */

/* "making the dead twenty-three (23) in all": the count is a total. */
int tx_in_all_after(const char *s, size_t n, size_t i)
{
    i = fm_tx_skip_space(s, n, i);
    if (i < n && s[i] == '(') {
        const char *close = memchr(s + i, ')', n - i);
        if (close && close - (s + i) < 8)
            i = fm_tx_skip_space(s, n, (size_t)(close - s) + 1);
    }
    if (!(fm_tx_word_at(s, n, i, "in all") || fm_tx_word_at(s, n, i, "in total") ||
          fm_tx_word_at(s, n, i, "altogether") || fm_tx_word_at(s, n, i, "au total") ||
          fm_tx_word_at(s, n, i, "insgesamt"))) {
        /* "nine martyrs in all", "four souls in all": the counted word between */
        size_t w = i;
        while (w < n && isalpha((unsigned char)s[w]))
            w++;
        if (w == i || w - i > 12 || w >= n || s[w] != ' ')
            return 0;
        i = w + 1;
    }
    return fm_tx_word_at(s, n, i, "in all") || fm_tx_word_at(s, n, i, "in total") ||
           fm_tx_word_at(s, n, i, "altogether") || fm_tx_word_at(s, n, i, "au total") ||
           fm_tx_word_at(s, n, i, "insgesamt");
}
