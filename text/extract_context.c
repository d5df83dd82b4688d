/* extract_context.c: the words around a count that say what it is not, or
 * what kind of figure it is: money, an age, a unit, a page, a breakdown of a
 * figure already given, a denied, superseded, revised or excluded figure, a
 * total. Pure functions of the text; they own and allocate nothing. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

size_t tx_next_word(const char *s, size_t n, size_t i)
{
    while (i < n && fm_tx_is_word_char((unsigned char)s[i]))
        i++;
    while (i < n && !fm_tx_is_word_char((unsigned char)s[i]) && !strchr(";:.()", s[i]))
        i++;
    return i;
}

/* Whether a clause break lies in s[a, b): a semicolon, colon, parenthesis, or
 * a conjunction that starts a new clause. */
int tx_clause_break(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (strchr(";:()|", s[i]))
            return 1;
        if (fm_tx_word_at(s, b, i, "while") || fm_tx_word_at(s, b, i, "whereas") ||
            fm_tx_word_at(s, b, i, "but") || fm_tx_word_at(s, b, i, "after") ||
            fm_tx_word_at(s, b, i, "when"))
            return 1;
    }
    return 0;
}

static const char *const units[] = {"km", "kilometres", "kilometers", "kilometre", "miles",
                                    "mile", "metres", "meters", "years", "year", "days",
                                    "day", "months", "month", "hours", "hour", "hrs", "minutes",
                                    "weeks", "week", "per", "percent", "incidents", "attacks",
                                    "operations", "strikes", "cases", "times", "rupees",
                                    "dollars", "families", "houses", "homes", "vehicles",
                                    "tonnes", "trucks", "am", "pm", "pkt", "gmt", "utc", "kg", "million", "billion",
                                    "bn", "displaced", "arrested", "detained", "suspects",
                                    "provinces", "districts", "points", "posts", "checkposts",
                                    "terrorist attacks", "militant attacks", "rounds", "shells",
                                    "mortars", "rockets", "drones", "groups", "members",
                                    "delegates", "seats", "points", "percentage", "shops", "buildings",
                                    "empties", "kalashnikovs", "weapons", "villages", "graves",
                                    "family", "household", "households", "tribe", "clan",
                                    /* ("Two goats were also killed") */
                                    "goats", "goat", "sheep", "cows", "cow", "cattle",
                                    "buffaloes", "buffalo", "animals", "livestock", "mules",
                                    "donkeys", "camels", "horses", NULL};

/* Whether one of words (a list ending in NULL) ends straight before i,
 * past the spaces, at a word's start. */
int tx_word_before(const char *s, size_t lo, size_t i, const char *const *words)
{
    while (i > lo && s[i - 1] == ' ')
        i--;
    for (size_t k = 0; words[k]; k++) {
        size_t w = strlen(words[k]);
        if (i >= lo + w && fm_tx_word_at(s, i, i - w, words[k]))
            return 1;
    }
    return 0;
}

/* "Rs. 500,000 each", "$2 million", "PKR 1m": money, not people. */
int tx_money_before(const char *s, size_t lo, size_t i)
{
    static const char *const cur[] = {"rs.", "rs", "pkr", "usd", "afs", "afn", "afghanis",
                                      "rupees", NULL};
    return (i > lo && s[i - 1] == '$') || tx_word_before(s, lo, i, cur);
}

/* "Sepoy Muhammad Rizwan, age 22,", "aged 31", "Sepoy Asmatullah, 24,
 * resident of Bannu": a person's age, no count (a number alone between
 * commas right after a capitalised name). */
int tx_age_before(const char *s, size_t lo, size_t i)
{
    static const char *const ages[] = {"age", "aged", NULL};
    /* "a boy of fourteen", "a shopkeeper, 45,": one person's age */
    static const char *const one[] = {"boy", "girl", "man", "woman", "child", "son", "daughter",
                                      "youth", "teenager", "student", "shopkeeper", "driver",
                                      "farmer", "labourer", "laborer", "vendor", "constable",
                                      "soldier", "policeman", "elder", "widow", "mother",
                                      "father", "brother", "sister", "nephew", "niece", NULL};
    size_t e = i, b;
    if (tx_word_before(s, lo, i, ages))
        return 1;
    if (i >= lo + 5 && !strncmp(s + i - 4, " of ", 4) && tx_word_before(s, lo, i - 3, one))
        return 1;
    {
        size_t w = i; /* the count's end, in words ("fourteen") or figures ("45") */
        while (w < i + 24 && s[w] && (isalpha((unsigned char)s[w]) || s[w] == '-'))
            w++;
        while (e < i + 4 && isdigit((unsigned char)s[e]))
            e++;
        w = w > i ? w : e;
        if (w > i && s[w] == ',' && i >= lo + 2 && s[i - 1] == ' ' && s[i - 2] == ',' &&
            tx_word_before(s, lo, i - 2, one))
            return 1;
    }
    if (e == i || s[e] != ',' || i < lo + 4 || s[i - 1] != ' ' || s[i - 2] != ',')
        return 0;
    for (b = i - 2; b > lo && isalpha((unsigned char)s[b - 1]); b--)
        ;
    return b < i - 2 && isupper((unsigned char)s[b]) && (b == lo || s[b - 1] == ' ');
}

/* "bringing the day's official toll to 21", "the week's toll rose to
 * 40", "some outlets combined them as '21 terrorists killed'": a sum over
 * incidents told apart, not one incident's figure. */
int tx_period_sum_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"day's toll", "day's official toll", "day's death toll",
                                       "day's total", "toll for the day", "total for the day",
                                       "week's toll", "week's death toll", "week's total",
                                       "month's toll", "month's death toll", "month's total",
                                       "combined them", "combining them", "added together as",
                                       NULL};
    size_t from = i > lo + 48 ? i - 48 : lo;
    for (size_t k = from; k < i; k++)
        for (size_t c = 0; cues[c]; c++)
            if ((k == lo || !fm_tx_is_word_char((unsigned char)s[k - 1])) &&
                !strncasecmp(s + k, cues[c], strlen(cues[c])) && k + strlen(cues[c]) <= i)
                return 1;
    return 0;
}

/* "bringing to 34 the number of militants killed in the two areas", "43 in
 * all in both operations": a sum over incidents told apart (the count's
 * clause, up to its stop, ends by naming them together). */
int tx_sum_after(const char *s, size_t n, size_t i)
{
    static const char *const both[] = {"in the two areas", "in both areas", "in the two operations",
                                       "in both operations", "in the two attacks",
                                       "in both attacks", "in the two strikes", "in both strikes",
                                       "in the two places", "in the two districts",
                                       "in the three areas", "in the three districts", NULL};
    for (size_t k = i; k < n && k < i + 90 && s[k] != '.' && s[k] != ';'; k++)
        for (size_t c = 0; both[c]; c++)
            if ((k == 0 || s[k - 1] == ' ') && fm_tx_word_at(s, n, k, both[c]))
                return 1;
    return 0;
}

/* "killed six militants and arrested 12 others", "rescued three
 * hostages": people taken or saved, not a toll. */
int tx_taken_before(const char *s, size_t lo, size_t i)
{
    static const char *const taken[] = {"arrested", "detained", "apprehended", "captured",
                                        "nabbed", "rescued", "evacuated", "abducted",
                                        "kidnapped", "freed", "released",
                                        "held", "taken into custody", "took into custody",
                                        "rounded up", "arresting", "detaining",
                                        "capturing", "rescuing", NULL};
    return tx_word_before(s, lo, i, taken);
}

/* "was wanted in the killing of two polio workers in 2019", "accused of
 * killing three policemen": a man's past crime, not the incident's toll. */
int tx_crime_charged_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"wanted in the killing of", "wanted for the killing of",
                                       "wanted in the murder of", "involved in the killing of",
                                       "involved in killing", "accused of killing",
                                       "accused of the killing of", "charged with killing",
                                       "charged with the killing of", "wanted for killing",
                                       /* "asking for an inquiry into the three labourers'
                                        * deaths": a toll told already, asked about */
                                       "inquiry into the", "enquiry into the", "probe into the",
                                       "investigation into the",
                                       /* "a call for donations \"for the families of 300
                                        * martyrs of 1432\"": a year's dead, appealed for */
                                       "donations for the families of", "for the families of",
                                       NULL};
    return tx_word_before(s, lo, i, cues);
}

int tx_unit_after(const char *s, size_t n, size_t i)
{
    i = fm_tx_skip_space(s, n, i);
    if (i < n && (s[i] == '%' || s[i] == '-'))
        return 1; /* 5%, 12-year-old */
    for (size_t k = 0; units[k]; k++)
        if (fm_tx_word_at(s, n, i, units[k]))
            return 1;
    return 0;
}

/* Inside the parentheses that follow another count: a breakdown. */
int tx_in_parens(const char *s, size_t start, size_t i)
{
    int depth = 0;
    for (size_t k = start; k < i; k++)
        depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
    return depth > 0;
}

/* A count after "including", "among them": part of a figure already given,
 * up to the end of that phrase (", and", a semicolon, a verb of its own). */
int tx_breakdown_before(const fm_lexicon *lx, const char *s, size_t start, size_t i)
{
    static const char *const cues[] = {"including", "among them", "among the dead",
                                       "among those", "among whom", "of whom", "of them",
                                       "which included", "dont", "darunter", NULL};
    size_t from = i > start + 60 ? i - 60 : start, l;
    int seen = 0;
    for (size_t k = from; k < i; k++) {
        if (strchr(";.", s[k]) || (s[k] == ',' && fm_tx_word_at(s, i, k + 2, "and")))
            seen = 0;
        if (k > from && fm_tx_is_word_char((unsigned char)s[k - 1]))
            continue;
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(s, i, k, cues[c]))
                seen = 1;
        if (fm_lexicon_match(lx, FM_LEX_KILLED, s + k, i - k, &l) ||
            fm_lexicon_match(lx, FM_LEX_INJURED, s + k, i - k, &l))
            seen = 0;
    }
    return seen;
}

/* The bytes of a dash at k (" - " counts its hyphen; an en or em dash its
 * three bytes), else 0. */
size_t tx_dash_len(const char *s, size_t n, size_t k)
{
    if (s[k] == '-' && k > 0 && s[k - 1] == ' ' && k + 1 < n && s[k + 1] == ' ')
        return 1;
    if ((unsigned char)s[k] == 0xE2 && k + 2 < n && (unsigned char)s[k + 1] == 0x80 &&
        ((unsigned char)s[k + 2] == 0x93 || (unsigned char)s[k + 2] == 0x94))
        return 3;
    return 0;
}

/* A count in an aside set off by dashes right after another toll ("the
 * toll rose to 35 - thirteen soldiers, ten civilians and a dozen
 * attackers"; "nine children - five boys and four girls - and a woman"):
 * the parts of that toll. An aside closed by its second dash is over. */
int tx_in_dash_aside(const char *s, size_t lo, size_t i, const tx_sentence *st)
{
    size_t from = i > lo + 120 ? i - 120 : lo, open = 0;
    int dashes = 0;
    for (size_t k = from; k < i; k++) {
        if (!tx_dash_len(s, i, k) || (k == lo && s[k] == '-'))
            continue;
        if (!dashes)
            open = k;
        dashes++;
    }
    if (dashes != 1)
        return 0;
    {
        size_t w = fm_tx_skip_space(s, i, open + tx_dash_len(s, i, open));
        if (fm_tx_word_at(s, i, w, "and") || fm_tx_word_at(s, i, w, "or"))
            return 0; /* "nine children - and two women": a list goes on */
    }
    for (size_t t = 0; t < st->ntoll; t++)
        if (!st->toll[t].breakdown && st->toll[t].end <= open && open - st->toll[t].end <= 24)
            return 1;
    return 0;
}

/* "SEVENTEEN dead (...), the bomber not counted": the cue at i after the
 * figure at at has a subject of its own, named after a comma just before it. */
static int own_subject(const char *s, size_t at, size_t i)
{
    size_t c = i, words = 0;
    if (i <= at)
        return 0;
    while (c > at && s[c - 1] != ',' && s[c - 1] != '(' && s[c - 1] != ')')
        c--;
    if (c == at || s[c - 1] != ',')
        return 0;
    c = fm_tx_skip_space(s, i, c);
    if (!(fm_tx_word_at(s, i, c, "the") || fm_tx_word_at(s, i, c, "his") ||
          fm_tx_word_at(s, i, c, "their") || fm_tx_word_at(s, i, c, "two") ||
          fm_tx_word_at(s, i, c, "three")))
        return 0;
    for (size_t k = c; k < i; k++)
        words += s[k] == ' ';
    return words <= 3;
}

/* "This is separate from the jet strikes in the morning (reports of dozens
 * dead ...)": a figure of another event, named as apart from this one. */
int tx_other_event_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"separate from", "unrelated to", "not connected to",
                                       "not linked to", "not related to", NULL};
    for (size_t k = i > lo + 90 ? i - 90 : lo; k < i; k++)
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(s, i, k, cues[c]))
                return 1;
    return 0;
}

/* "the bodies of the five were handed over": "the" and a count with no
 * noun of its own names people already counted. */
int tx_the_ones(const char *s, size_t lo, size_t n, size_t i, size_t used)
{
    size_t k = fm_tx_skip_space(s, n, i + used);
    if (!(i >= lo + 4 && fm_tx_word_at(s, i, i - 4, "the ")))
        return 0;
    return k >= n || strchr(",.;", s[k]) || fm_tx_word_at(s, n, k, "were") ||
           fm_tx_word_at(s, n, k, "was") || fm_tx_word_at(s, n, k, "had") ||
           fm_tx_word_at(s, n, k, "have") || fm_tx_word_at(s, n, k, "are") ||
           fm_tx_word_at(s, n, k, "includes") || fm_tx_word_at(s, n, k, "included") ||
           fm_tx_word_at(s, n, k, "include") || fm_tx_word_at(s, n, k, "is");
    /* ("The 1,102 includes deaths in Tirah after 15 October": a figure told
     * before, what it covers) */
}

/* "p. 211", "pp. 141-168", "Vol. 7", "para 4", "S.No 1": a page, volume,
 * paragraph or serial number, not a count. */
int tx_page_before(const char *s, size_t lo, size_t i)
{
    static const char *const marks[] = {"p.", "pp.", "vol.", "page", "pages", "para",
                                        "paras", "paragraph", "vol", "chapter", "ch.",
                                        "s.no", "s. no", "sr. no", "sr.no", "s/no",
                                        "serial", "no", "no.", NULL};
    size_t k = i;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k == i)
        return 0;
    for (size_t m = 0; marks[m]; m++) {
        size_t w = strlen(marks[m]);
        if (k >= lo + w && !strncasecmp(s + k - w, marks[m], w) &&
            (k == lo + w || !fm_tx_is_word_char((unsigned char)s[k - w - 1])))
            return 1;
    }
    return 0;
}

/* "revised to 5", "rose to 31", "final 13": a bare figure straight after
 * words that give a later count of the dead told before it. */
int tx_revised_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"revised to", "rose to", "risen to", "increased to",
                                       "climbed to", "corrected to", "final", NULL};
    size_t k = i;
    while (k > lo && s[k - 1] == ' ')
        k--;
    for (size_t c = 0; cues[c]; c++) {
        size_t w = strlen(cues[c]);
        if (k >= lo + w && fm_tx_word_at(s, k, k - w, cues[c]) &&
            (k == lo + w || !fm_tx_is_word_char((unsigned char)s[k - w - 1])))
            return 1;
    }
    return 0;
}

/* "not included in the toll", "excluding the attackers": figures beside the
 * toll, not in it. */
int tx_excluded(const char *s, size_t lo, size_t n, size_t at)
{
    static const char *const cues[] = {"not included", "not counted", "excluding",
                                       "not among the", "in addition to the toll", NULL};
    size_t a = at, b = at, semi = n;
    if (n > lo && s[n - 1] == ';') /* the clause after it says so of these figures */
        while (s[n] && s[n] != '.' && s[n] != '\n' && s[n] != ';')
            n++;
    /* the figure's own clause: "31 people were killed ..., and that the bomber
     * was not among the dead counted" says it of the bomber, not the 31 */
    while (a > lo && s[a - 1] != ';' && !(a >= lo + 6 && !strncmp(s + a - 6, ", and ", 6)))
        a--;
    while (b < n && !(s[b] == ';' && b + 1 != semi) &&
           strncmp(s + b, ", and ", 6) && strncmp(s + b, ", but ", 6))
        b++;
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; cues[k]; k++)
            if (fm_tx_word_at(s, b, i, cues[k]) && !own_subject(s, at, i))
                return 1;
    return 0;
}

/* Whether one of cues stands in the 60 bytes before i, in the same clause. */
static int cue_in_clause_before(const char *s, size_t lo, size_t i,
                                const char *const *cues)
{
    size_t from = i > lo + 60 ? i - 60 : lo;
    for (size_t k = from; k < i; k++)
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(s, i, k, cues[c]) && !tx_clause_break(s, k, i))
                return 1;
    return 0;
}

/* "Police denied that five policemen had been killed": the figure is one a
 * party rejects, not one it gives. */
int tx_denied_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"denied", "denies", "deny", "rejected", "rejects",
                                       "dismissed", "disputed", "refuted", "not accept that",
                                       "cannot accept that", NULL};
    /* ("I will not accept that twelve were killed") */
    /* "rejected the official account and said 35 people had died": the
     * figure is the speaker's own, said after the denial */
    static const char *const own[] = {"and said", "and claimed", "saying", NULL};
    return cue_in_clause_before(s, lo, i, cues) && !cue_in_clause_before(s, lo, i, own);
}

/* "Officials had initially put the toll at three", "police had first said
 * six": a figure the text says was superseded. */
int tx_superseded(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"initially", "had first", "at first", "first reports",
                                       "earlier put", "earlier reports", "had earlier",
                                       "preliminary", "initial reports", "early reports",
                                       "initial toll", "initial figure", "had put",
                                       "had given", "first reported", "first put",
                                       "first given", "first said", "wrongly reported",
                                       "erroneously reported", "incorrectly reported",
                                       "mistakenly reported", "wrongly stated",
                                       "early wire copy", "early copy", "earlier copy",
                                       "early wire reports", "first wire copy",
                                       "earlier report", "which gave", "first figure",
                                       "first police figure", "first official figure",
                                       "first toll", "first official toll", "first count",
                                       "earliest figure", NULL};
    /* ("In some of our editions yesterday it was wrongly reported that three
     * soldiers had been martyred"; "Corrects its earlier report of the 16 July
     * clash, which gave four dead") */
    return cue_in_clause_before(s, lo, i, cues);
}

/* "The claim of the terrorists that more than a hundred were killed has no
 * basis", "The claim of seven is false": a figure the sentence rejects. */
/* Whether one of cues stands in s[i, n) before a character of stops (NULL:
 * none stop the search). */
int tx_cue_after(const char *s, size_t i, size_t n, const char *stops,
                 const char *const *cues)
{
    for (size_t k = i; k < n && !(stops && strchr(stops, s[k])); k++)
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(s, n, k, cues[c]))
                return 1;
    return 0;
}

int tx_rejected_after(const char *s, size_t i, size_t n)
{
    static const char *const cues[] = {"has no basis", "is false", "is baseless",
                                       "is nonsense", "are false", "is untrue", "is incorrect",
                                       "is propaganda", NULL};
    return tx_cue_after(s, i, n, NULL, cues);
}

/* "not 35, nine people died": a figure denied by the word before it. */
int tx_negated_before(const char *s, size_t lo, size_t i)
{
    size_t k = i;
    if (fm_tx_word_at(s, i + 12, i, "more than") || fm_tx_word_at(s, i + 12, i, "less than") ||
        fm_tx_word_at(s, i + 12, i, "fewer than"))
        return 0; /* "not more than seven": a bound, not a denial */
    while (k > lo && s[k - 1] == ' ')
        k--;
    return k >= lo + 3 && fm_tx_word_at(s, k, k - 3, "not") &&
           !(k >= lo + 7 && (fm_tx_word_at(s, k, k - 7, "but not") ||
                             fm_tx_word_at(s, k, k - 7, "and not")));
}

/* "Rescue 1122 says 4 dead": a number that is part of a party's name. */
int tx_in_party_name(const fm_lexicon *lx, const char *s, size_t lo, size_t i)
{
    for (size_t k = i > lo + 24 ? i - 24 : lo; k < i; k++) {
        size_t l;
        if ((k == lo || !fm_tx_is_word_char((unsigned char)s[k - 1])) &&
            fm_lexicon_match(lx, FM_LEX_PARTY, s + k, i + 8 - k, &l) && k + l > i)
            return 1;
    }
    return 0;
}

/* "Nine people were killed: three foreign trainers, a soldier and four
 * pupils": a count after a colon that follows a killed toll lists its dead. */
int tx_listed_after_colon(const char *s, const tx_sentence *st, size_t i)
{
    for (size_t t = 0; t < st->ntoll; t++) {
        const tx_toll *tl = &st->toll[t];
        if (!tl->killed || tl->breakdown || tl->end > i)
            continue;
        for (size_t k = tl->end; k < i; k++) {
            if (s[k] == ':')
                return k - tl->end < 3;
            if (s[k] != ' ')
                break;
        }
    }
    return 0;
}

/* Whether the sentence has given a killed toll before the count at i that
 * is a total, not the first of a list ("a policeman and three of the
 * attackers"). */
int tx_total_before(const char *s, const tx_sentence *st, size_t i)
{
    for (size_t t = 0; t < st->ntoll; t++) {
        size_t e = st->toll[t].end, k;
        if (!st->toll[t].killed || st->toll[t].breakdown)
            continue;
        k = fm_tx_skip_space(s, i, e < i ? e : i);
        if (k < i && s[k] == ',')
            k = fm_tx_skip_space(s, i, k + 1);
        if (fm_tx_word_at(s, i, k, "and"))
            k = fm_tx_skip_space(s, i, k + 3);
        if (k < i)
            return 1;
    }
    return 0;
}

/* Whether the word at `at` (a verb) is the last before i: "killing eleven". */
int tx_verb_ends_at(const char *s, size_t at, size_t i)
{
    while (at < i && fm_tx_is_word_char((unsigned char)s[at]))
        at++;
    return fm_tx_skip_space(s, i, at) == i;
}

int tx_breakdown_after(const char *s, size_t n, size_t i, int total_before, int verb_right_before)
{
    i = fm_tx_skip_space(s, n, i);
    if (fm_tx_word_at(s, n, i, "of them") || fm_tx_word_at(s, n, i, "of whom") ||
        fm_tx_word_at(s, n, i, "of those") || fm_tx_word_at(s, n, i, "of these"))
        return total_before || !verb_right_before; /* ("repulsed an attack by militants
                                                    * ..., killing eleven of them": the
                                                    * attackers, no earlier count) */
    if (fm_tx_word_at(s, n, i, "of the dead") || fm_tx_word_at(s, n, i, "of the injured") ||
        fm_tx_word_at(s, n, i, "of the wounded") || fm_tx_word_at(s, n, i, "of the victims"))
        return 1;
    /* "22 killed, 18 of the militants in Mamozai" splits the total before it;
     * "a policeman and three of the attackers were killed" counts them */
    if (!fm_tx_word_at(s, n, i, "of the"))
        return 0;
    for (size_t k = i + 6, w = 0; k < n && w < 5 && !strchr(".;,", s[k]); w++) {
        k = fm_tx_skip_space(s, n, k);
        if (fm_tx_word_at(s, n, k, "also"))
            return 0; /* "a policeman was martyred ... and two of the attackers were
                       * also killed": more dead, not a part of the policeman */
        while (k < n && fm_tx_is_word_char((unsigned char)s[k]))
            k++;
    }
    if (total_before)
        return 1;
    /* "three of the soldiers killed on Saturday were from the town": a part
     * of victims already counted (the participle), not a count of its own */
    i = fm_tx_skip_space(s, n, i + 6);
    for (int w = 0; w < 2 && i < n; w++) {
        while (i < n && fm_tx_is_word_char((unsigned char)s[i]))
            i++;
        i = fm_tx_skip_space(s, n, i);
        if (fm_tx_word_at(s, n, i, "killed") || fm_tx_word_at(s, n, i, "dead") ||
            fm_tx_word_at(s, n, i, "wounded") || fm_tx_word_at(s, n, i, "injured"))
            return 1;
        if (fm_tx_word_at(s, n, i, "were") || fm_tx_word_at(s, n, i, "was") ||
            fm_tx_word_at(s, n, i, "had") || fm_tx_word_at(s, n, i, "have") ||
            fm_tx_word_at(s, n, i, "are") || fm_tx_word_at(s, n, i, "died"))
            return 0; /* "three of the attackers were killed": a count */
    }
    return 0;
}
