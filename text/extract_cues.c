/* extract_cues.c: what a sentence is besides its figures: the event cue, the
 * actors, the cues of non-incidents and period totals; whether it is a
 * citation, a heading, a time-stamped update, names an old year, or gives a
 * point's coordinates. Writes into the caller's tx_sentence; allocates nothing. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* Whether "because" stands in the sentence before i. */
static int because_before(const char *s, size_t lo, size_t i)
{
    for (size_t k = lo; k + 7 <= i; k++)
        if ((k == lo || !fm_tx_is_word_char((unsigned char)s[k - 1])) &&
            fm_tx_word_at(s, i, k, "because"))
            return 1;
    return 0;
}

/* "killing two policemen", "on a police van": the actor is the target. */
/* "five days after the election", "a week before the polls", "since the
 * ceasefire": what is named at i only dates the sentence's news. */
static int time_anchor(const char *s, size_t lo, size_t i)
{
    static const char *const anchors[] = {"after the", "before the", "since the", "ahead of the",
                                          "days after", "days before", NULL};
    for (size_t k = 0; anchors[k]; k++) {
        size_t w = strlen(anchors[k]);
        if (i >= lo + w + 1 && fm_tx_word_at(s, i - 1, i - 1 - w, anchors[k]))
            return 1;
    }
    return 0;
}

static int in_victim_phrase(const char *s, size_t lo, size_t i)
{
    static const char *const before[] = {"on", "at", "targeting", "against", "killing",
                                         "killed", "a", "the", "wounding", NULL};
    size_t b = i;
    while (b > lo && s[b - 1] == ' ')
        b--;
    size_t w = b;
    while (w > lo && fm_tx_is_word_char((unsigned char)s[w - 1]))
        w--;
    {
        fm_count c;
        if (w < b && fm_count_read(s + w, b - w, &c) == b - w)
            return 1; /* "killed three militants" */
    }
    for (size_t k = 0; before[k]; k++)
        if (w < b && fm_tx_word_at(s, b, w, before[k]))
            return strcmp(before[k], "the") && strcmp(before[k], "a") ? 1
                                                                        : in_victim_phrase(s, lo, w);
    return 0;
}

/* ---- cues ----------------------------------------------------------------- */

/* "(TTP, account since suspended)", "has since died": "since" as an adverb
 * before a participle, not the start of a period. */
static int since_as_adverb(const char *s, size_t n, size_t i)
{
    size_t e;
    i = fm_tx_skip_space(s, n, i);
    e = i;
    while (e < n && isalpha((unsigned char)s[e]))
        e++;
    return e - i > 3 && islower((unsigned char)s[i]) &&
           (!strncmp(s + e - 2, "ed", 2) || !strncmp(s + e - 2, "en", 2) ||
            fm_tx_word_at(s, n, i, "died") || fm_tx_word_at(s, n, i, "been"));
}

/* "a large group, I would say between 150 and 200, attacked": a speaker's
 * hedge, not a hypothetical. */
static int hedge_at(const char *s, size_t n, size_t i)
{
    return fm_tx_word_at(s, n, i, "would say") || fm_tx_word_at(s, n, i, "would think") ||
           fm_tx_word_at(s, n, i, "would guess") || fm_tx_word_at(s, n, i, "would estimate");
}

void tx_read_cues(const fm_lexicon *lx, const char *s, tx_sentence *st)
{
    size_t lo = st->start, n = st->end, adopting = lo;
    for (size_t i = lo; i < n; i++) {
        size_t l;
        const fm_lex_entry *e;
        if (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if (fm_lexicon_match(lx, FM_LEX_ADOPT, s + i, n - i, &l))
            adopting = i + l; /* ("We record the ISPR's figure": not a record) */
        if ((e = fm_lexicon_match(lx, FM_LEX_EVENT, s + i, n - i, &l)) &&
            (!st->event || e->weight > st->event->weight)) {
            st->event = e;
            st->event_off = i;
        }
        if ((e = fm_lexicon_match(lx, FM_LEX_ACTOR, s + i, n - i, &l)) && !st->perp &&
            (!st->event || i < st->event_off || !strcmp(e->v2, "perp")) && !in_victim_phrase(s, lo, i))
            st->perp = e->v1;
        if ((e = fm_lexicon_match(lx, FM_LEX_IGNORE, s + i, n - i, &l)) && e->weight > st->ignore &&
            !time_anchor(s, st->start, i) && !hedge_at(s, n, i) &&
            !(e->weight == 1 && st->event && strcmp(st->event->v1, "Protests") &&
              strcmp(st->event->v1, "Strategic developments")))
            st->ignore = e->weight; /* (not "a suicide bomber struck the corner meeting":
                                     * the attack told first is the news) */
        if ((e = fm_lexicon_match(lx, FM_LEX_AGGREGATE, s + i, n - i, &l)) && i >= adopting &&
            !(fm_tx_word_at(s, n, i, "since") && since_as_adverb(s, n, i + l)))
            st->aggregate = strcmp(e->v1, "weak") ? 1 : st->aggregate == 1 ? 1 : 2;
        if (fm_lexicon_match(lx, FM_LEX_CORRECTION, s + i, n - i, &l) && !because_before(s, lo, i))
            st->correction = 1; /* (not "said nine died, because two of the injured
                                 * died later": a party's reason for its figure) */
        if (fm_tx_word_at(s, n, i, "Pakistan") || fm_tx_word_at(s, n, i, "Pakistani"))
            st->country_pk = 1;
        if (fm_tx_word_at(s, n, i, "Afghanistan") || fm_tx_word_at(s, n, i, "Afghan"))
            st->country_af = 1;
        if (fm_tx_word_at(s, n, i, "claimed responsibility") ||
            fm_tx_word_at(s, n, i, "claimed the attack") ||
            fm_tx_word_at(s, n, i, "claimed the bombing")) {
            /* the actor named before it */
            for (size_t b = lo; b < i; b++) {
                const fm_lex_entry *a = fm_lexicon_match(lx, FM_LEX_ACTOR, s + b, i - b, &l);
                if (a && (b == lo || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
                    !strcmp(a->v2, "perp"))
                    snprintf(st->responsible, sizeof st->responsible, "%s", a->v1);
            }
        }
    }
    {
        static const char *const back[] = {"the attack", "the blast", "the strike",
                                           "the bombing", "the explosion", "the clash",
                                           "the incident", "the assault", "the ambush",
                                           "the strikes", "the attackers", "the raid",
                                           "the operation", "the victims", "the dead",
                                           "the injured", "the wounded", "the bomber",
                                           "it", "they", NULL};
        size_t i = fm_tx_skip_space(s, n, lo);
        for (size_t k = 0; back[k]; k++)
            for (size_t j = i; j < n && j < i + 60; j++)
                if (fm_tx_word_at(s, n, j, back[k]))
                    st->anaphora = 1;
    }
}

/* A reference, not a report: a footnote, or a cited title with its
 * publication and date ("Violence-linked fatalities hit six-year high",
 * *Dawn*, 1 January 2024). */
/* A reference list's entry, "Torelli, C. (2022, April 22). *Pakistani
 * airstrike leaves 47 civilians dead ...*": authors (capitalised words,
 * initials, "&", "and") up to ". (" and a year. Its figures are a title's. */
static int reference_entry(const char *s, size_t i, size_t n)
{
    size_t k = i;
    if (i >= n || !isupper((unsigned char)s[i]))
        return 0;
    while (k + 7 < n && k < i + 100) {
        if (s[k] == '.' && s[k + 1] == ' ' && s[k + 2] == '(')
            return isdigit((unsigned char)s[k + 3]) && isdigit((unsigned char)s[k + 4]) &&
                   isdigit((unsigned char)s[k + 5]) && isdigit((unsigned char)s[k + 6]) &&
                   (s[k + 7] == ')' || s[k + 7] == ',');
        if (s[k] == ' ' && !isupper((unsigned char)s[k + 1]) && s[k + 1] != '&' &&
            !fm_tx_word_at(s, n, k + 1, "and"))
            return 0; /* (a lower-case word: a sentence, not a list of authors) */
        k++;
    }
    return 0;
}

/* "(Lahore: Vanguard, 2014)": a book's imprint, city, colon, publisher and
 * year in brackets; the sentence cites the book. */
static int imprint_at(const char *s, size_t k, size_t n)
{
    size_t e = k + 1, colon = 0;
    if (s[k] != '(' || k + 1 >= n || !isupper((unsigned char)s[k + 1]))
        return 0;
    while (e < n && e < k + 80 && s[e] != ')' && s[e] != '\n') {
        if (s[e] == ':' && !colon)
            colon = e;
        e++;
    }
    if (e >= n || s[e] != ')' || !colon || e < k + 10)
        return 0;
    return s[e - 6] == ',' && s[e - 5] == ' ' && isdigit((unsigned char)s[e - 4]) &&
           isdigit((unsigned char)s[e - 3]) && isdigit((unsigned char)s[e - 2]) &&
           isdigit((unsigned char)s[e - 1]) && colon + 2 < e - 6 && s[colon + 1] == ' ';
}

int tx_is_citation(const char *s, size_t lo, size_t n)
{
    size_t i = fm_tx_skip_space(s, n, lo);
    if (i + 5 <= n && !strncmp(s + i, "<sup>", 5))
        return 1;
    if (i < n && s[i] == '[' && i + 1 < n && isdigit((unsigned char)s[i + 1]))
        return 1;
    if (reference_entry(s, i, n))
        return 1;
    for (size_t k = lo; k + 3 < n; k++) {
        if (imprint_at(s, k, n))
            return 1;
        if (s[k] == '*' && s[k + 1] == ',' && s[k + 2] == ' ' && k > lo &&
            isalnum((unsigned char)s[k - 1])) {
            /* *Dawn*, (an italic title: its opening star before a word; not
             * a footnote's star, "Additional IGP (Operations)*, was hit") */
            for (size_t b = k - 1; b > lo && k - b < 80; b--)
                if (s[b - 1] == '*' && isalnum((unsigned char)s[b]) &&
                    (b - 1 == lo || !isalnum((unsigned char)s[b - 2])))
                    return 1;
        }
        if ((s[k] == '"' || !strncmp(s + k, "\xE2\x80\x9D", 3)) && k + 4 < n) {
            size_t j = k + (s[k] == '"' ? 1 : 3);
            if (j + 2 < n && s[j] == ',' && s[j + 1] == ' ' &&
                (s[j + 2] == '*' || isupper((unsigned char)s[j + 2]))) {
                /* a year follows within the next 40 bytes */
                for (size_t y = j; y + 4 <= n && y < j + 48; y++)
                    if ((s[y] == '1' || s[y] == '2') && isdigit((unsigned char)s[y + 1]) &&
                        isdigit((unsigned char)s[y + 2]) && isdigit((unsigned char)s[y + 3]) &&
                        (s[y] == '2' ? s[y + 1] == '0' : s[y + 1] == '9'))
                        return 1;
            }
        }
    }
    return 0;
}

/* Whether the sentence names a year before the dateline's ("the 2014
 * Peshawar school massacre", "in 2009"). */
int tx_names_old_year(const char *s, size_t lo, size_t n, const fm_text_date *ref)
{
    int ry, rm, rd;
    if (!ref || ref->start == FM_DAY_NONE)
        return 0;
    fm_day_to_ymd(ref->start, &ry, &rm, &rd);
    for (size_t i = lo; i + 4 <= n; i++) {
        int y = 0;
        if ((i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])) ||
            (i + 4 < n && fm_tx_is_word_char((unsigned char)s[i + 4])))
            continue;
        for (size_t k = 0; k < 4 && isdigit((unsigned char)s[i + k]); k++)
            y = y * 10 + (s[i + k] - '0');
        if (y >= 1979 && y < ry)
            return 1;
    }
    return 0;
}

/* "19:05 — Final official toll": the minute of the day a live update's
 * heading opens with, or -1. */
int tx_clock_at(const char *s, size_t lo, size_t n)
{
    size_t i = lo;
    int h = 0, m = 0, k;
    for (k = 0; k < 2 && i < n && isdigit((unsigned char)s[i]); k++)
        h = h * 10 + (s[i++] - '0');
    if (!k || i + 3 > n || (s[i] != ':' && s[i] != '.') || !isdigit((unsigned char)s[i + 1]) ||
        !isdigit((unsigned char)s[i + 2]))
        return -1;
    m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
    i += 3;
    if (h > 23 || m > 59 || (i < n && (isalnum((unsigned char)s[i]) || s[i] == ':')))
        return -1; /* (not "10.300", "12:30:15" is fine only as a whole) */
    return h * 60 + m;
}

/* A title or heading: a paragraph of its own, short, not ending a sentence
 * ("Three policemen martyred in Lakki Marwat, Tank attacks"). The story
 * below tells the same incidents with their dates. */
/* "2. The air strike at Sra Vela, Tirah valley (10 April 2010)": a line
 * whose closing aside holds a year. */
static int dated_aside(const char *s, size_t lo, size_t e)
{
    size_t open = e - 1;
    while (open > lo && s[open] != '(')
        open--;
    for (size_t i = open; i + 4 < e; i++)
        if ((s[i] == '1' || s[i] == '2') && isdigit((unsigned char)s[i + 1]) &&
            isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
            return 1;
    return 0;
}

int tx_is_heading(const char *s, size_t lo, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t e = n;
    if ((lo > 0 && !(s[lo - 1] == '\n')) || (s[n] && s[n] != '\n'))
        return 0;
    if (n - lo <= 320 && (!strncmp(s + lo, "PART ", 5) || !strncmp(s + lo, "Part ", 5)) &&
        lo + 6 < n && isalnum(u[lo + 5]) && (u[lo + 6] == '.' || u[lo + 6] == ':' ||
                                             u[lo + 6] == ' '))
        return 1; /* "PART C. Statement of the Capital City Police Officer, Quetta, 10
                   * August 2016 (English original, extract).": a part's heading */
    if (n - lo > 160)
        return 0;
    {
        /* "TITLE: Case 1 - Dera Bugti, 5 June 2014", "Subject: ...": a
         * labelled title is a heading, whatever it ends with */
        static const char *const titles[] = {"title:", "heading:",
                                             NULL};
        for (size_t k = 0; titles[k]; k++)
            if (n - lo > strlen(titles[k]) + 2 && !strncasecmp(s + lo, titles[k], strlen(titles[k])))
                return 1;
    }
    while (e > lo && (s[e - 1] == ' '))
        e--;
    if (e > lo + 2 && strchr("-*+", s[lo]) && s[lo + 1] == ' ')
        return 0; /* "- Operation against BRA camps on the outskirts of Dera Bugti
                   * town": a list's item, under the slide's title */
    if (e > lo && s[e - 1] == ')' && (e - lo <= 60 || dated_aside(s, lo, e)) &&
        (isupper(u[lo]) || isdigit(u[lo]) || u[lo] == '#')) {
        /* ("#2277  08.05.2020 23:10  (edited 09.05.2020 07:30)": a post's) */
        /* "Wednesday 25 July 2018 (polling day)": a short title's aside */
        size_t open = e - 1;
        while (open > lo && s[open] != '(')
            open--;
        if (s[open] != '(' || open == lo || s[open - 1] != ' ')
            return 0;
    } else if (e > lo && strchr(".!?\"'):", s[e - 1]))
        return 0; /* (a line ending in a colon introduces what follows) */
    if (fm_tx_field_line(s, lo, e))
        return 0; /* "Casualties: Martyred 01": a record's field, not a heading */
    if (e >= lo + 3 && u[e - 3] == 0xE2 && u[e - 2] == 0x80 && (u[e - 1] == 0x9D || u[e - 1] == 0x99))
        return 0;
    if (e >= lo + 2 && u[e - 2] == 0xDB && u[e - 1] == 0x94)
        return 0; /* "۔", Urdu's full stop */
    return 1;
}

/* A decimal degree at s[i]: digits, a point, at least two decimals, an
 * optional degree sign and hemisphere letter (want: 'N' or 'E'); its end,
 * or 0. *v gets the value. */
static size_t degree_at(const char *s, size_t n, size_t i, char want, double *v)
{
    size_t k = i, dec = 0;
    double x = 0, f = 0.1;
    if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '-'))
        return 0;
    while (k < n && isdigit((unsigned char)s[k]) && k - i < 3)
        x = x * 10 + (s[k++] - '0');
    if (k == i || k >= n || s[k] != '.')
        return 0;
    k++;
    while (k < n && isdigit((unsigned char)s[k]) && dec < 8)
        x += (s[k++] - '0') * f, f /= 10, dec++;
    if (dec < 2 || (k < n && isdigit((unsigned char)s[k])))
        return 0;
    if (k + 1 < n && !memcmp(s + k, "\xC2\xB0", 2))
        k += 2; /* ° */
    while (k < n && s[k] == ' ')
        k++;
    if (k < n && (s[k] == want || s[k] == (want == 'N' ? 'n' : 'e')) &&
        (k + 1 >= n || !isalpha((unsigned char)s[k + 1])))
        k++;
    *v = x;
    return k;
}

/* "(coordinates: 32.96, 69.59)", "at 34.0151° N, 71.5249° E", "34.01N
 * 71.52E": a latitude and a longitude on the frontier (23-39 N, 60-78 E),
 * each with two decimals at least, into st. */
void tx_read_coords(const char *s, tx_sentence *st)
{
    size_t lo = st->start, n = st->end;
    for (size_t i = lo; i < n && !st->has_coord; i++) {
        double lat, lon;
        size_t e = isdigit((unsigned char)s[i]) ? degree_at(s, n, i, 'N', &lat) : 0, k;
        if (!e || lat < 23 || lat > 39)
            continue;
        k = e;
        while (k < n && (s[k] == ' ' || s[k] == ',' || s[k] == '/' || s[k] == ';'))
            k++;
        if (k == e || k >= n || !isdigit((unsigned char)s[k]))
            continue;
        if (!degree_at(s, n, k, 'E', &lon) || lon < 60 || lon > 78)
            continue;
        st->has_coord = 1;
        st->coord_lat = lat;
        st->coord_lon = lon;
    }
}
