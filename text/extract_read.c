/* extract_read.c: one sentence, read as an analyst reads it. Tolls (a count
 * tied to a word that says it died or was hurt, before it: "seven soldiers
 * were killed", or after: "killing at least 12"), who said so ("ISPR said",
 * "according to police", "Taliban: 58"), dates, places, the event cue, the
 * actors, and the cues that make a sentence not an incident at all (a
 * meeting, an anniversary, a yearly total). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

#define WINDOW_WORDS 12

static size_t next_word(const char *s, size_t n, size_t i)
{
    while (i < n && fm_tx_is_word_char((unsigned char)s[i]))
        i++;
    while (i < n && !fm_tx_is_word_char((unsigned char)s[i]) && !strchr(";:.()", s[i]))
        i++;
    return i;
}

/* Whether a clause break lies in s[a, b): a semicolon, colon, parenthesis, or
 * a conjunction that starts a new clause. */
static int clause_break(const char *s, size_t a, size_t b)
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
                                    "family", "household", "households", "tribe", "clan", NULL};

/* Whether one of words (a list ending in NULL) ends straight before i,
 * past the spaces, at a word's start. */
static int word_before(const char *s, size_t lo, size_t i, const char *const *words)
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
static int money_before(const char *s, size_t lo, size_t i)
{
    static const char *const cur[] = {"rs.", "rs", "pkr", "usd", "afs", "afn", "afghanis",
                                      "rupees", NULL};
    return (i > lo && s[i - 1] == '$') || word_before(s, lo, i, cur);
}

/* "Sepoy Muhammad Rizwan, age 22,", "aged 31": a person's age, no count. */
static int age_before(const char *s, size_t lo, size_t i)
{
    static const char *const ages[] = {"age", "aged", NULL};
    return word_before(s, lo, i, ages);
}

/* "was wanted in the killing of two polio workers in 2019", "accused of
 * killing three policemen": a man's past crime, not the incident's toll. */
static int crime_charged_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"wanted in the killing of", "wanted for the killing of",
                                       "wanted in the murder of", "involved in the killing of",
                                       "involved in killing", "accused of killing",
                                       "accused of the killing of", "charged with killing",
                                       "charged with the killing of", "wanted for killing", NULL};
    return word_before(s, lo, i, cues);
}

static int unit_after(const char *s, size_t n, size_t i)
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
static int in_parens(const char *s, size_t start, size_t i)
{
    int depth = 0;
    for (size_t k = start; k < i; k++)
        depth += s[k] == '(' ? 1 : s[k] == ')' ? -1 : 0;
    return depth > 0;
}

/* A count after "including", "among them": part of a figure already given,
 * up to the end of that phrase (", and", a semicolon, a verb of its own). */
static int breakdown_before(const fm_lexicon *lx, const char *s, size_t start, size_t i)
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
static size_t dash_len(const char *s, size_t n, size_t k)
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
static int in_dash_aside(const char *s, size_t lo, size_t i, const tx_sentence *st)
{
    size_t from = i > lo + 120 ? i - 120 : lo, open = 0;
    int dashes = 0;
    for (size_t k = from; k < i; k++) {
        if (!dash_len(s, i, k) || (k == lo && s[k] == '-'))
            continue;
        if (!dashes)
            open = k;
        dashes++;
    }
    if (dashes != 1)
        return 0;
    {
        size_t w = fm_tx_skip_space(s, i, open + dash_len(s, i, open));
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
static int other_event_before(const char *s, size_t lo, size_t i)
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
static int the_ones(const char *s, size_t lo, size_t n, size_t i, size_t used)
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
static int page_before(const char *s, size_t lo, size_t i)
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
static int revised_before(const char *s, size_t lo, size_t i)
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
static int excluded(const char *s, size_t lo, size_t n, size_t at)
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
            if (fm_tx_word_at(s, i, k, cues[c]) && !clause_break(s, k, i))
                return 1;
    return 0;
}

/* "Police denied that five policemen had been killed": the figure is one a
 * party rejects, not one it gives. */
static int denied_before(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"denied", "denies", "deny", "rejected", "rejects",
                                       "dismissed", "disputed", "refuted", NULL};
    /* "rejected the official account and said 35 people had died": the
     * figure is the speaker's own, said after the denial */
    static const char *const own[] = {"and said", "and claimed", "saying", NULL};
    return cue_in_clause_before(s, lo, i, cues) && !cue_in_clause_before(s, lo, i, own);
}

/* "Officials had initially put the toll at three", "police had first said
 * six": a figure the text says was superseded. */
static int superseded(const char *s, size_t lo, size_t i)
{
    static const char *const cues[] = {"initially", "had first", "at first", "first reports",
                                       "earlier put", "earlier reports", "had earlier",
                                       "preliminary", "initial reports", "early reports",
                                       "initial toll", "initial figure", "had put",
                                       "had given", "first reported", "first put",
                                       "first given", "first said", "wrongly reported",
                                       "erroneously reported", "incorrectly reported",
                                       "mistakenly reported", "wrongly stated", NULL};
    /* ("In some of our editions yesterday it was wrongly reported that three
     * soldiers had been martyred") */
    return cue_in_clause_before(s, lo, i, cues);
}

/* "The claim of the terrorists that more than a hundred were killed has no
 * basis", "The claim of seven is false": a figure the sentence rejects. */
/* Whether one of cues stands in s[i, n) before a character of stops (NULL:
 * none stop the search). */
static int cue_after(const char *s, size_t i, size_t n, const char *stops,
                     const char *const *cues)
{
    for (size_t k = i; k < n && !(stops && strchr(stops, s[k])); k++)
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(s, n, k, cues[c]))
                return 1;
    return 0;
}

static int rejected_after(const char *s, size_t i, size_t n)
{
    static const char *const cues[] = {"has no basis", "is false", "is baseless",
                                       "is nonsense", "are false", "is untrue", "is incorrect",
                                       "is propaganda", NULL};
    return cue_after(s, i, n, NULL, cues);
}

/* "not 35, nine people died": a figure denied by the word before it. */
static int negated_before(const char *s, size_t lo, size_t i)
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
static int in_party_name(const fm_lexicon *lx, const char *s, size_t lo, size_t i)
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
static int listed_after_colon(const char *s, const tx_sentence *st, size_t i)
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
static int total_before(const char *s, const tx_sentence *st, size_t i)
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
static int verb_ends_at(const char *s, size_t at, size_t i)
{
    while (at < i && fm_tx_is_word_char((unsigned char)s[at]))
        at++;
    return fm_tx_skip_space(s, i, at) == i;
}

static int breakdown_after(const char *s, size_t n, size_t i, int total_before, int verb_right_before)
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

/* The victim noun in the few words after a count; *at and *len say where. */
static const fm_lex_entry *victim_at(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                                     size_t *at, size_t *len)
{
    for (int w = 0; w < 4 && i < n; w++) {
        const fm_lex_entry *v;
        i = fm_tx_skip_space(s, n, i);
        if ((v = fm_lexicon_match(lx, FM_LEX_VICTIM, s + i, n - i, len))) {
            *at = i;
            return v;
        }
        if (i < n && strchr(",;.()", s[i]))
            break;
        if (w > 0 && (fm_tx_word_at(s, n, i, "and") || fm_tx_word_at(s, n, i, "or")))
            break; /* "26 hostages and four security personnel" */
        if (fm_tx_word_at(s, n, i, "including") || fm_tx_word_at(s, n, i, "excluding") ||
            fm_tx_word_at(s, n, i, "besides") || fm_tx_word_at(s, n, i, "except"))
            break; /* "five (05) including the bomber": a part, not who they were */
        i = next_word(s, n, i);
    }
    return NULL;
}

static const fm_lex_entry *victim_after(const fm_lexicon *lx, const char *s, size_t n, size_t i)
{
    size_t at, len;
    return victim_at(lx, s, n, i, &at, &len);
}

/* Words a count's own noun phrase does not run through: "the N-70 highway
 * near Kalat and killed nine" is not a toll of 70. */
static const char *const stops[] = {"near", "in", "at", "on", "from", "by", "into", "during",
                                    "across", "through", "towards", "toward", "against",
                                    "outside", "inside", NULL};

/* A killed/injured word after the count at i (within the clause). */
/* A roster of the victims between a count and its verb: "Two soldiers,
 * Lance Naik Imtiaz Ali, age 29, resident of Chakwal, and Sepoy Muhammad
 * Rizwan, age 22, resident of Swabi, embraced shahadat". From i (just after
 * a comma), comma-separated parts that open with a name, "age", "aged",
 * "resident" or "son": where the part after them begins (the verb), or 0
 * when there is no such roster. */
static size_t roster_end(const char *s, size_t n, size_t i)
{
    size_t names = 0, lim = i + 320 < n ? i + 320 : n;
    for (;;) {
        size_t w = fm_tx_skip_space(s, lim, i), e;
        if (fm_tx_word_at(s, lim, w, "and"))
            w = fm_tx_skip_space(s, lim, w + 3);
        if (w >= lim)
            return 0;
        if (isupper((unsigned char)s[w]))
            names++;
        else if (!(fm_tx_word_at(s, lim, w, "age") || fm_tx_word_at(s, lim, w, "aged") ||
                   fm_tx_word_at(s, lim, w, "resident") || fm_tx_word_at(s, lim, w, "son")))
            return names ? w : 0;
        for (e = w; e < lim && s[e] != ','; e++)
            if (strchr(".;:()", s[e]) && !(s[e] == '.' && e > w && isupper((unsigned char)s[e - 1])))
                return 0;
        if (e >= lim)
            return 0;
        i = e + 1;
    }
}

static const fm_lex_entry *verb_after(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                                      size_t *at, size_t *len, int *killed)
{
    int dashed = 0;  /* a dash came between: "حملہ آور 3 — twelve dead" */
    int passive = 0; /* only "were killed" now: the victims' phrase ran through
                      * a preposition ("Three people travelling in the vehicle
                      * were killed") */
    size_t from = i, prev = i;
    for (int w = 0; w < WINDOW_WORDS && i < n; w++) {
        const fm_lex_entry *e;
        i = fm_tx_skip_space(s, n, i);
        while (i + 1 < n && s[i] == '.' && i > 0 && isupper((unsigned char)s[i - 1]) &&
               (isupper((unsigned char)s[i + 1]) ||
                (s[i + 1] == ' ' && i + 2 < n && islower((unsigned char)s[i + 2]))))
            i = fm_tx_skip_space(s, n, i + 1); /* "the police and F.C. had embraced" */
        if (i >= n || strchr(";:.()|", s[i]))
            break;
        dashed |= dash_len(s, n, i) > 0;
        if (w > 0 && i >= from + 2 && s[i - 1] != ',' && s[i - 2] == ',' &&
            (fm_tx_word_at(s, n, i, "among them") || fm_tx_word_at(s, n, i, "including") ||
             fm_tx_word_at(s, n, i, "who") || fm_tx_word_at(s, n, i, "all of them") ||
             fm_tx_word_at(s, n, i, "most of them") || fm_tx_word_at(s, n, i, "one of them") ||
             fm_tx_word_at(s, n, i, "both of them") || fm_tx_word_at(s, n, i, "one of whom") ||
             fm_tx_word_at(s, n, i, "two of them"))) {
            /* "Four policemen, among them a bomb disposal officer who was
             * trying to defuse a second device, were killed": past the aside */
            const char *close = memchr(s + i, ',', n - i);
            if (close && close - (s + i) < 120) {
                i = (size_t)(close - s) + 1;
                continue;
            }
        }
        if (fm_tx_word_at(s, n, i, "while") || fm_tx_word_at(s, n, i, "but"))
            break;
        if (w > 0 && i >= from + 2 && s[i - 1] == ' ' && s[i - 2] == ',') {
            size_t r = roster_end(s, n, i - 1), l;
            if (r && (fm_lexicon_match(lx, FM_LEX_KILLED, s + r, n - r, &l) ||
                      fm_lexicon_match(lx, FM_LEX_INJURED, s + r, n - r, &l))) {
                i = r; /* past the victims' names to their verb */
                continue;
            }
        }
        if (fm_tx_word_at(s, n, i, "in all") || fm_tx_word_at(s, n, i, "in total")) {
            i += fm_tx_word_at(s, n, i, "in all") ? 6 : 8; /* "thirteen persons in all
                                                            * lost their lives" */
            continue;
        }
        for (size_t k = 0; stops[k] && !passive; k++)
            if (fm_tx_word_at(s, n, i, stops[k])) {
                size_t vat, vlen;
                if (w > 3 || !victim_at(lx, s, i, from, &vat, &vlen))
                    return NULL;
                passive = 1;
            }
        for (int k = 0; k < 2; k++) {
            fm_lex_kind kind = k ? FM_LEX_INJURED : FM_LEX_KILLED;
            e = fm_lexicon_match(lx, kind, s + i, n - i, len);
            if (e && !strcmp(e->v1, "after") && *len > 1 && s[i + *len - 1] == ':')
                e = fm_lexicon_match(lx, kind, s + i, *len - 1, len); /* "36 dead: five
                                                                       * of them ...", not
                                                                       * the label "Dead:" */
            if (e && passive &&
                !(fm_tx_word_at(s, n, prev, "were") || fm_tx_word_at(s, n, prev, "was") ||
                  fm_tx_word_at(s, n, prev, "been") || !strncmp(e->phrase, "were ", 5) ||
                  !strncmp(e->phrase, "was ", 4)))
                return NULL;
            if (e && strcmp(e->v1, "after")) {
                *at = i;
                *killed = !k;
                return e;
            }
        }
        if (w > 0) {
            fm_count c;
            if (fm_count_read(s + i, n - i, &c) && !unit_after(s, n, i + c.end) &&
                (w > 2 || dashed) && !(w <= 6 && !dashed && fm_tx_word_at(s, n, prev, "and")))
                break; /* another count's own clause (not the next of a list: "16
                        * soldiers and FC personnel and 24 militants are killed") */
        }
        prev = i;
        i = next_word(s, n, i);
        if (i < n && s[i] == ',')
            i++;
    }
    return NULL;
}

/* A killed/injured word just before the count at i ("killing at least 12"). */
static int about_toll(const char *s, size_t lo, size_t n)
{
    for (size_t k = lo; k < n; k++)
        if (fm_tx_word_at(s, n, k, "toll") || fm_tx_word_at(s, n, k, "death") ||
            fm_tx_word_at(s, n, k, "dead") || fm_tx_word_at(s, n, k, "fatalities"))
            return 1;
    return 0;
}

/* "Martyred (police) 01": only a bracketed word between the verb and the
 * figure. */
static int victims_bracketed(const char *s, size_t a, size_t b)
{
    size_t o = fm_tx_skip_space(s, b, a), c = o;
    if (o >= b || s[o] != '(')
        return 0;
    while (c < b && s[c] != ')')
        if (!isalpha((unsigned char)s[c++]) && c > o + 1 && s[c - 1] != ' ')
            return 0;
    return c < b && fm_tx_skip_space(s, b, c + 1) == b;
}

/* "... are eighteen": a copula just before the count at i. */
static int copula_before(const char *s, size_t lo, size_t i)
{
    static const char *const cop[] = {"are", "is", "was", "were", "stood at", "stands at",
                                      "at", "to", NULL};
    return word_before(s, lo, i, cop);
}

/* s[a, b) is only an attribution set off by commas between a verb and its
 * count: "killed, according to the military, 50 militants". */
static int attribution_aside(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] == ' ')
        a++;
    while (b > a && s[b - 1] == ' ')
        b--;
    if (b - a < 16 || s[a] != ',' || s[b - 1] != ',')
        return 0;
    a = fm_tx_skip_space(s, b, a + 1);
    if (!fm_tx_word_at(s, b, a, "according to"))
        return 0;
    for (size_t i = a; i < b - 1; i++)
        if (strchr(",;:()", s[i]))
            return 0;
    return 1;
}

static int in_all_after(const char *s, size_t n, size_t i);

/* "toll is", "toll was": a phrase ending in a copula. */
static int copula_end(const char *phrase)
{
    size_t l = strlen(phrase);
    return (l > 3 && !strcmp(phrase + l - 3, " is")) || (l > 4 && !strcmp(phrase + l - 4, " was"));
}

/* Whether only hedges ("at least", "about", "now") lie in s[a, b): "the toll
 * is now 10", not "the toll was highest and at least one". */
static int hedge_only(const char *s, size_t a, size_t b)
{
    static const char *const hedges[] = {"at least", "about", "now", "around", "nearly",
                                         "some", "over", "just", NULL};
    while (a < b) {
        size_t k;
        if (s[a] == ' ') {
            a++;
            continue;
        }
        for (k = 0; hedges[k] && !fm_tx_word_at(s, b, a, hedges[k]); k++)
            ;
        if (!hedges[k])
            return 0;
        a += strlen(hedges[k]);
    }
    return 1;
}

/* Whether the count at i is said to be a total ("15 in total"). */
static int total_at(const char *s, size_t n, size_t i)
{
    fm_count c;
    size_t used = fm_count_read(s + i, n - i, &c);
    return used && in_all_after(s, n, i + used);
}

/* "The final count, which the political administration read out at the
 * funeral, was sixteen": past a relative aside right after a toll's word
 * (", which ...,", ", who ...,"), where the rest of its clause starts; a
 * when there is none. */
static size_t relative_aside_end(const char *s, size_t a, size_t i)
{
    size_t w;
    const char *close;
    if (a >= i || s[a] != ',')
        return a;
    w = fm_tx_skip_space(s, i, a + 1);
    if (!(fm_tx_word_at(s, i, w, "which") || fm_tx_word_at(s, i, w, "who") ||
          fm_tx_word_at(s, i, w, "as")))
        return a;
    close = memchr(s + w, ',', i - w);
    return close && close - (s + a) < 100 ? (size_t)(close - s) + 1 : a;
}

static const fm_lex_entry *verb_before(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                                       size_t i, size_t *at, int *killed, size_t *gap_words)
{
    size_t from = i > lo + 140 ? i - 140 : lo; /* (far enough for a relative aside) */
    const fm_lex_entry *best = NULL;
    for (size_t k = from; k < i; k++) {
        if (k > lo && fm_tx_is_word_char((unsigned char)s[k - 1]))
            continue;
        for (int t = 0; t < 2; t++) {
            size_t l;
            const fm_lex_entry *e =
                fm_lexicon_match(lx, t ? FM_LEX_INJURED : FM_LEX_KILLED, s + k, i - k, &l);
            /* "the total dead in the occurrence are eighteen": a total's
             * word may stand further off when a copula leads to the count */
            int far = e && (!strcmp(e->v2, "toll") || strstr(e->phrase, "number of")) &&
                      copula_before(s, lo, i);
            if (e && strcmp(e->v1, "before") && k + l <= i &&
                (strcmp(e->v2, "toll") || about_toll(s, lo, n)) &&
                (far || fm_tx_skip_space(s, i, k + l) >= i - 12 ||
                 attribution_aside(s, k + l, i) ||
                 fm_tx_skip_space(s, i, relative_aside_end(s, k + l, i)) + 12 >= i) &&
                (!clause_break(s, k + l, i) || victims_bracketed(s, k + l, i) ||
                 ((strstr(e->phrase, "toll") || total_at(s, n, i)) && k + l < i &&
                  s[k + l] == ':' && fm_tx_skip_space(s, i, k + l + 1) == i))) {
                /* ("gives the toll we use: 82", "the bomber also died: 15 in
                 * total") */
                size_t from_w = relative_aside_end(s, k + l, i);
                size_t gap = i - from_w, words = 0;
                int aside = attribution_aside(s, k + l, i);
                for (size_t g = from_w; g < i && !aside; g++)
                    words += s[g] == ' ';
                if (aside)
                    gap = 0; /* "killed, according to the military, 50 militants" */
                int agent = 0; /* "shot dead by two men on a motorcycle": who did it */
                for (size_t g = k + l; g < i && !agent; g++)
                    agent = fm_tx_word_at(s, i, g, "by") && (g == 0 || s[g - 1] == ' ');
                if (((gap < 20 && words <= 3) || (far && words <= 6)) && !agent &&
                    (aside || !memchr(s + from_w, ',', gap)) &&
                    !(copula_end(e->phrase) && !hedge_only(s, k + l, i))) {
                    best = e;
                    *at = k;
                    *killed = !t;
                    *gap_words = words;
                }
            }
        }
    }
    return best;
}

/* Ranks named before "along with": each is one more of the dead. */
static long named_ranks(const char *s, size_t lo, size_t end)
{
    static const char *const ranks[] = {"lieutenant colonel", "lt col", "colonel", "major",
                                        "captain", "brigadier", "lieutenant", "subedar",
                                        "naib subedar", "havildar", "lance naik", "naik",
                                        "sepoy", "sub-inspector", "inspector", "constable",
                                        "sergeant", NULL};
    long n = 0;
    for (size_t i = lo; i < end; i++) {
        if (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if (!isupper((unsigned char)s[i]))
            continue;
        for (size_t k = 0; ranks[k]; k++)
            if (fm_tx_word_at(s, end, i, ranks[k])) {
                size_t j = fm_tx_skip_space(s, end, i + strlen(ranks[k]));
                if (j < end && isupper((unsigned char)s[j]))
                    n++;
                i += strlen(ranks[k]);
                break;
            }
    }
    return n;
}

static int is_year(const fm_count *c)
{
    return c->best >= 1900 && c->best <= 2100 && c->best == c->hi && !c->approx;
}

/* "a soldier", "an officer", "a tribal elder": the count one, where a victim
 * noun follows at once (two words may stand between); not "a bomb killed four
 * policemen". */
static size_t article_count(const fm_lexicon *lx, const char *s, size_t n, size_t i,
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
          fm_tx_word_at(s, n, i, "one")))
        return 0;
    if (i >= 3 && s[i - 1] == ' ' && s[i - 2] == ',') {
        /* "a passer-by, a young labourer, was killed": the same man again */
        size_t e = i - 2, b = e;
        while (b > 0 && (fm_tx_is_word_char((unsigned char)s[b - 1]) || s[b - 1] == '-'))
            b--;
        if (b < e && fm_lexicon_match(lx, FM_LEX_VICTIM, s + b, e - b, &l) && l == e - b)
            return 0;
    }
    j = fm_tx_skip_space(s, n, next_word(s, n, i));
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
        j = fm_tx_skip_space(s, n, next_word(s, n, j));
        for (size_t k = e; k < j; k++)
            if (s[k] == ',' || s[k] == ';' || s[k] == '.')
                return 0;
    }
    memset(c, 0, sizeof *c);
    c->best = c->lo = c->hi = 1;
    c->end = next_word(s, n, i) - i;
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
static int persons_before(const fm_lexicon *lx, const char *s, size_t from, size_t i)
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
static int persons_after(const fm_lexicon *lx, const char *s, size_t from, size_t to,
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
static int persons_between(const fm_lexicon *lx, const char *s, size_t from, size_t to)
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

static int inside_date(const tx_sentence *st, size_t off)
{
    for (size_t k = 0; k < st->ndate && k < TX_MAX_DATES; k++)
        if (off >= st->start + st->date[k].off &&
            off < st->start + st->date[k].off + st->date[k].len)
            return 1;
    return 0;
}

/* Whether only "and", "her", "his", "their", a comma and a victim noun lie
 * between a toll's end and position i. */
static int chained(const char *s, size_t from, size_t i)
{
    static const char *const glue[] = {"and", "her", "his", "their", "its", "a", "an", NULL};
    size_t k = from, words = 0;
    int and_seen = 0;
    while (k < i) {
        size_t e, d = dash_len(s, i, k);
        if (d) {
            /* an aside between dashes is passed over whole ("nine children
             * - five boys and four girls - and a woman") */
            size_t c = k + d;
            while (c < i && !dash_len(s, i, c))
                c++;
            k = c < i ? c + dash_len(s, i, c) : k + d;
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
static int among_after(const char *s, size_t n, size_t i)
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
static const char *const in_all[] = {"in all", "in total", NULL};

/* "making the dead twenty-three (23) in all": the count is a total. */
static int in_all_after(const char *s, size_t n, size_t i)
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

/* "Total 6." after "5 terrorists killed, 1 soldier shaheed": a sentence
 * that is only a total. Read as a killed total; the assembler keeps it
 * only after a toll of the same paragraph. */
static void bare_total(const char *s, tx_sentence *st)
{
    size_t i = st->start, n = st->end, used;
    fm_count c;
    if (i < n && s[i] == '[') {
        /* "[ISPR press release via APP, English, 31 Jan] Total: 43." */
        const char *close = memchr(s + i, ']', n - i);
        if (close)
            i = fm_tx_skip_space(s, n, (size_t)(close - s) + 1);
    }
    if (fm_tx_word_at(s, n, i, "total"))
        i += 5;
    else if (fm_tx_word_at(s, n, i, "in all"))
        i += 6;
    else
        return;
    if (i < n && (s[i] == ':' || s[i] == ','))
        i++;
    i = fm_tx_skip_space(s, n, i);
    if (!(used = fm_count_read(s + i, n - i, &c)) || is_year(&c))
        return;
    if (fm_tx_skip_space(s, n, i + used) < n && !strchr(".!", s[fm_tx_skip_space(s, n, i + used)]))
        return;
    memset(&st->toll[0], 0, sizeof st->toll[0]);
    st->toll[0].c = c;
    st->toll[0].off = i;
    st->toll[0].end = i + used;
    st->toll[0].killed = 1;
    st->toll[0].total = 1;
    st->toll[0].victims = "";
    st->toll[0].civilians = -1;
    st->bare_total = 1;
    st->ntoll = 1;
}

/* A record's casualty field with a bare figure, "Casualties (confirmed):
 * 15", "Deaths: three (3)", "Casualties (injured): approx. 30": the label
 * says what the figure counts, and the record gives it in its own voice. */
static void field_count(const char *s, tx_sentence *st)
{
    size_t i = st->start, n = st->end, used, k;
    fm_count c;
    while (i < n && s[i] != ':')
        i++;
    static const char *const hedges[] = {"approx.", "approx", "ca.", NULL};
    i = fm_tx_skip_space(s, n, i + 1);
    for (size_t h = 0; hedges[h]; h++)
        if (fm_tx_word_at(s, n, i, hedges[h])) {
            i = fm_tx_skip_space(s, n, i + strlen(hedges[h]));
            break;
        }
    if (i >= n || !(used = fm_count_read(s + i, n - i, &c)) || is_year(&c) || c.best <= 0)
        return;
    k = fm_tx_skip_space(s, n, i + used);
    if (k < n && !strchr("(,;.\n", s[k]))
        return; /* ("Casualties (injured): 2 FC" is read as a toll, or not at all) */
    memset(&st->toll[0], 0, sizeof st->toll[0]);
    st->toll[0].c = c;
    st->toll[0].off = i;
    st->toll[0].end = i + used;
    st->toll[0].killed = st->field == TX_FIELD_DEAD;
    st->toll[0].victims = "";
    st->toll[0].civilians = -1;
    st->ntoll = 1;
}

/* "Sepoy Fazal Wahab ... embraced shahadat", "Constable Ali laid down his
 * life": a soldier's or policeman's death told of one named man, the verb
 * straight after a name or the roster that follows it (its last word
 * capitalised), with no count in the sentence. */
static int named_martyr(const char *s, const tx_sentence *st, size_t i)
{
    size_t b = i;
    if (!(fm_tx_word_at(s, st->end, i, "embraced shahadat") ||
          fm_tx_word_at(s, st->end, i, "embraced martyrdom") ||
          fm_tx_word_at(s, st->end, i, "laid down his life")))
        return 0;
    while (b > st->start && (s[b - 1] == ' ' || s[b - 1] == ','))
        b--;
    while (b > st->start && isalpha((unsigned char)s[b - 1]))
        b--;
    return b < i && isupper((unsigned char)s[b]) && b > st->start;
}

/* Appends to st a toll of one dead, the verb at v (l bytes) after the man
 * told of at i; a named man (named: "Sepoy Fazal Wahab") is of the group
 * the first victim word before him names (a soldier, one of the groups the
 * text counts). */
static void add_one_dead(const fm_lexicon *lx, const char *s, tx_sentence *st, size_t i,
                         size_t v, size_t l, int named)
{
    tx_toll *t = &st->toll[st->ntoll++];
    memset(t, 0, sizeof *t);
    t->c.best = t->c.lo = t->c.hi = 1;
    t->off = i;
    t->end = v + l;
    t->killed = 1;
    t->victims = "";
    t->civilians = -1;
    for (size_t b = st->start; b < i && named; b++) {
        const fm_lex_entry *vic;
        size_t vl;
        if ((b == st->start || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
            (vic = fm_lexicon_match(lx, FM_LEX_VICTIM, s + b, i - b, &vl)) != NULL) {
            t->victims = vic->v1;
            t->civilians = 0;
            snprintf(t->noun, sizeof t->noun, "%.*s", (int)vl, s + b);
            break;
        }
    }
}

/* "Mr. Fazal Wahid, driver of our van, was shot dead near Matta": a
 * verb of killing in the singular ("was killed", "was shot dead", "was
 * martyred") in a sentence that gives no count of the dead is one dead (not
 * "no one was killed", "was not killed", "was nearly killed", "if he was
 * killed"); so is a man named straight before "embraced shahadat". Added
 * after any count of the hurt; st must have room for one more toll. */
static void lone_victim(const fm_lexicon *lx, const char *s, tx_sentence *st)
{
    static const char *const nots[] = {"no one", "nobody", "none", "no-one", "if", "whether",
                                       "no person", "nothing", NULL};
    static const char *const soft[] = {"not ", "nearly ", "almost ", "never ", "feared ",
                                       NULL};
    for (size_t i = st->start; i + 4 < st->end; i++) {
        size_t l, v;
        const fm_lex_entry *e;
        int neg = 0;
        if (named_martyr(s, st, i)) {
            /* "Sepoy Fazal Wahab, age 24 years, ..., embraced shahadat" */
            if (fm_lexicon_match(lx, FM_LEX_KILLED, s + i, st->end - i, &l))
                add_one_dead(lx, s, st, i, i, l, 1);
            return;
        }
        if (!fm_tx_word_at(s, st->end, i, "was"))
            continue;
        v = fm_tx_skip_space(s, st->end, i + 3);
        for (size_t k = 0; soft[k]; k++)
            neg |= v + strlen(soft[k]) <= st->end && !strncasecmp(s + v, soft[k], strlen(soft[k]));
        if (neg || !(e = fm_lexicon_match(lx, FM_LEX_KILLED, s + v, st->end - v, &l)) ||
            !strcmp(e->v1, "after") || !strncmp(e->phrase, "were ", 5))
            continue;
        for (size_t b = i > st->start + 24 ? i - 24 : st->start; b < i && !neg; b++)
            for (size_t k = 0; nots[k] && !neg; k++)
                neg = fm_tx_word_at(s, i, b, nots[k]);
        if (!neg)
            add_one_dead(lx, s, st, i, v, l, 0);
        return;
    }
}

/* Whether a party the lexicon knows ends at e (starting at most 40 bytes
 * before it, at a word's start). */
static int party_ends_at(const fm_lexicon *lx, const char *s, size_t lo, size_t e)
{
    for (size_t b = e > lo + 40 ? e - 40 : lo; b < e; b++) {
        size_t l;
        if ((b == lo || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
            fm_lexicon_match(lx, FM_LEX_PARTY, s + b, e - b, &l) && b + l == e)
            return 1;
    }
    return 0;
}

/* e moved back past one of words (and the space before it) when one ends
 * at e: "statement" in "a TTP statement", "final" in "Government's final". */
static size_t word_back(const char *s, size_t lo, size_t e, const char *const *words)
{
    for (size_t q = 0; words[q]; q++) {
        size_t w = strlen(words[q]);
        if (e >= lo + w + 1 && fm_tx_word_at(s, e, e - w, words[q]) && s[e - w - 1] == ' ')
            return e - w - 1;
    }
    return e;
}

/* "Mohmand elders say 28.", "(TTP: 5 / Police: 3)": a bare figure, ending
 * its clause, straight after a party and its verb of saying or its colon;
 * the party's own count of the dead the text is about. */
static int party_figure_before(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                               size_t i, size_t used)
{
    static const char *const verbs[] = {"say", "says", "said", "count", "counts", "counted",
                                        "put it at", "puts it at", "insist on", "insists on",
                                        "gave", "give", "gives", "admitted", "admits",
                                        "admit", "said the figure was",
                                        "say the figure is", "says the figure is",
                                        "said the toll was", "said the number was",
                                        "said the death toll was", NULL};
    size_t k = i, after = fm_tx_skip_space(s, n, i + used), e = 0;
    int named = 0; /* "said the figure was four and that no one else was hit": the
                    * figure named as such ends at "and" too */
    for (size_t b = i > lo + 24 ? i - 24 : lo; b < i && !named; b++)
        named = fm_tx_word_at(s, i, b, "the figure was") || fm_tx_word_at(s, i, b, "the toll was") ||
                fm_tx_word_at(s, i, b, "the figure is") || fm_tx_word_at(s, i, b, "the number was");
    if (named && after < n && fm_tx_word_at(s, n, after, "and") &&
        !isdigit((unsigned char)s[fm_tx_skip_space(s, n, after + 3)]))
        after = n;
    if (after < n && !strchr(".,;/)]", s[after]))
        return 0;
    if (after < n && s[after] == ',') {
        /* "said nine, not twelve, containers were burnt": the figure goes on */
        size_t q = fm_tx_skip_space(s, n, after + 1);
        if (q >= n || isdigit((unsigned char)s[q]) || fm_tx_word_at(s, n, q, "not") ||
            fm_tx_word_at(s, n, q, "or") || fm_tx_word_at(s, n, q, "to"))
            return 0;
    }
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k > lo && s[k - 1] == ':') {
        e = k - 1; /* the colon */
    } else {
        for (size_t v = 0; verbs[v] && !e; v++) {
            size_t w = strlen(verbs[v]);
            if (k >= lo + w + 2 && fm_tx_word_at(s, k, k - w, verbs[v]) && s[k - w - 1] == ' ')
                e = k - w - 1;
        }
        if (!e)
            return 0;
    }
    while (e > lo && s[e - 1] == ' ')
        e--;
    {
        /* "a TTP statement admitted two": the party's statement speaks */
        static const char *const media[] = {"statement", "spokesman", "message", "release",
                                            NULL};
        e = word_back(s, lo, e, media);
    }
    /* a party whose name ends at e */
    return party_ends_at(lx, s, lo, e);
}

/* "the ISPR figure of six beside it", "Police figure of 12 (9 + 3)", "The
 * Government's figure is eight": a party's own figure, named as its figure,
 * straight before the count, which no noun but the victims' follows. */
static int owned_figure_before(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                               size_t i, size_t used)
{
    static const char *const heads[] = {"figure of", "figure is", "figure was",
                                        "figure stands at", "figure, ", "count of",
                                        "count is", "count was", "tally of", "tally is",
                                        "toll of", "toll is", "toll was", NULL};
    static const char *const free_words[] = {"beside", "in", "at", "for", "and", "is",
                                             "was", "from", "which", "that", "dead",
                                             "killed", "of", "as", "but", "against",
                                             "not", "i", "only", NULL};
    size_t k = i, e = 0, after = fm_tx_skip_space(s, n, i + used);
    while (k > lo && s[k - 1] == ' ')
        k--;
    for (size_t h = 0; heads[h] && !e; h++) {
        size_t w = strlen(heads[h]);
        while (w && heads[h][w - 1] == ' ')
            w--;
        if (k >= lo + w + 2 && fm_tx_word_at(s, k, k - w, heads[h]) && s[k - w - 1] == ' ')
            e = k - w - 1;
    }
    if (!e)
        return 0;
    {
        /* "The Punjab Government's final figure was 27" */
        static const char *const adj[] = {"final", "official", "revised", "latest", "own",
                                          "updated", NULL};
        e = word_back(s, lo, e, adj);
    }
    if (e >= lo + 2 && s[e - 2] == '\'' && s[e - 1] == 's')
        e -= 2;
    else if (e >= lo + 4 && !strncmp(s + e - 4, "\xE2\x80\x99s", 4))
        e -= 4;
    if (after < n && isalpha((unsigned char)s[after]) && !victim_after(lx, s, n, i + used)) {
        size_t q;
        for (q = 0; free_words[q] && !fm_tx_word_at(s, n, after, free_words[q]); q++)
            ;
        if (!free_words[q])
            return 0;
    }
    return party_ends_at(lx, s, lo, e);
}

/* Whether the sentence before i, or its paragraph's sense, is about the
 * dead: "claimed fifteen" after an attack, not "claimed 3 attacks". The
 * count must not be followed by a noun other than victims (checked by the
 * caller); here, no word of counting things other than people before it. */
static int about_dead(const char *s, size_t lo, size_t i)
{
    static const char *const things[] = {"responsibility for", "attacks", "vehicles",
                                         "posts", NULL};
    for (size_t k = i > lo + 40 ? i - 40 : lo; k < i; k++)
        for (size_t w = 0; things[w]; w++)
            if (fm_tx_word_at(s, i, k, things[w]))
                return 0;
    return 1;
}

/* "three patients died at DHQ Hangu on 08-07 and 09-07-2013 and are
 * included here": dead already counted in a total, in the clause after the
 * toll. */
static int included_after(const char *s, size_t n, size_t i)
{
    static const char *const cues[] = {"and are included", "and were included",
                                       "are included in", "were included in", NULL};
    return cue_after(s, i, n, ".;", cues);
}

/* "= 37", "- total 23", "total: 23": a sum's sign just before the count at i. */
static int sum_sign(const char *s, size_t lo, size_t i)
{
    size_t k = i;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k > lo && s[k - 1] == ':')
        k--;
    if (k > lo && s[k - 1] == '=')
        return 1;
    return k >= lo + 5 && fm_tx_word_at(s, k, k - 5, "total") &&
           (k == lo + 5 || !fm_tx_is_word_char((unsigned char)s[k - 6]));
}

/* "five soldiers and 27 militants were killed, i.e. 32 dead": a count after
 * "i.e." that is the sum of the killed before it in the sentence restates
 * them (after a total, "13, i.e. two police officials, ...", it breaks it
 * down instead). t is the new toll, not yet counted in st. */
static int restated_sum(const char *s, size_t lo, size_t i, const tx_sentence *st,
                        const tx_toll *t)
{
    size_t k = i;
    long sum = 0;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (!(k >= lo + 4 && !strncmp(s + k - 4, "i.e.", 4)) &&
        !(k >= lo + 5 && !strncmp(s + k - 5, "i.e.,", 5)) &&
        !(k > lo && s[k - 1] == '('))
        return 0; /* ("one Khasadar and one LI fighter dead (two killed)") */
    for (size_t q = 0; q < st->ntoll; q++)
        if (&st->toll[q] != t && st->toll[q].killed && st->toll[q].end <= i)
            sum += st->toll[q].c.best;
    return sum > 0 && sum == t->c.best;
}

/* "(4 shaheed + 7 terrorists = 11)": a count added to another is a part of
 * the sum after it. */
static int summand(const char *s, size_t lo, size_t n, size_t i, size_t end)
{
    size_t k = i;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k > lo && s[k - 1] == '+')
        return 1;
    k = fm_tx_skip_space(s, n, end);
    return k < n && s[k] == '+';
}

static void read_tolls(const fm_lexicon *lx, const char *s, tx_sentence *st)
{
    static const fm_lex_entry along = {FM_LEX_KILLED, "along with", "after", "", 1};
    size_t lo = st->start, n = st->end;
    size_t named_to = lo; /* persons already added to a toll, named up to here */
    for (size_t i = lo; i < n && st->ntoll < TX_MAX_TOLLS;) {
        fm_count c, one;
        size_t used, at = 0, len = 0;
        int killed = 0, total_sum = 0, said_total, party_fig = 0, owned = 0;
        const fm_lex_entry *v, *verb;
        tx_toll *t;
        if ((i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])) || inside_date(st, i) ||
            i < named_to) {
            i++;
            continue;
        }
        used = fm_count_read(s + i, n - i, &c);
        if (!used)
            used = article_count(lx, s, n, i, &c);
        if (!used || is_year(&c) || unit_after(s, n, i + used) || money_before(s, lo, i) ||
            page_before(s, lo, i) || age_before(s, lo, i) || crime_charged_before(s, lo, i) ||
            (i + 8 <= n && in_party_name(lx, s, lo, i)) ||
            (i >= lo + 3 && !strncasecmp(s + i - 3, "no.", 3)) ||
            (i >= lo + 2 && (s[i - 1] == '\'' || s[i - 1] == ':' || s[i - 1] == '.') &&
             isdigit((unsigned char)s[i - 2])) || /* ("DUR 0'40\"", "at 10:30", "1.200") */
            (i >= lo + 3 && fm_tx_word_at(s, i, i - 3, "no") && fm_tx_word_at(s, n, i, "one")) ||
            (i >= lo + 2 && (s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == '#') &&
             fm_tx_is_word_char((unsigned char)s[i - 2]))) {
            i = used ? i + used : i + 1;
            continue;
        }
        size_t vat = 0, vlen = 0;
        v = victim_at(lx, s, n, i + used, &vat, &vlen);
        if (used == 6 && !memcmp(s + i, "\xD8\xA7\xDB\x8C\xDA\xA9", 6) &&
            !(v && vat == fm_tx_skip_space(s, n, i + used))) {
            i += used; /* Urdu "ایک" is "a" as often as "one": "ایک دھماکے میں" (in a
                        * blast); a count only before its victims ("ایک شخص") */
            continue;
        }
        {
            /* "killing at least 12" binds closer than a verb further on */
            size_t bat = 0, gap = 99;
            int bkilled = 0;
            const fm_lex_entry *before = verb_before(lx, s, lo, n, i, &bat, &bkilled, &gap);
            verb = before && gap <= 1 ? NULL : verb_after(lx, s, n, i + used, &at, &len, &killed);
            if (!verb && before) {
                verb = before;
                at = bat;
                killed = bkilled;
                len = 0;
            }
        }
        if (!verb && i >= lo + 11 && fm_tx_word_at(s, n, i - 11, "along with") && st->ntoll &&
            st->toll[st->ntoll - 1].killed) {
            /* "26 hostages had been killed, the military said, along with 33
             * attackers" */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
        }
        if (!verb && st->ntoll && chained(s, st->toll[st->ntoll - 1].end, i) &&
            st->toll[st->ntoll - 1].off < st->toll[st->ntoll - 1].end &&
            (victim_after(lx, s, n, i + used) || article_count(lx, s, n, i, &one))) {
            /* "killing a woman and her two sons": the same verb */
            const tx_toll *prev = &st->toll[st->ntoll - 1];
            verb = &along;
            at = i;
            len = used;
            killed = prev->killed;
        }
        if (!verb && i >= lo + 6 &&
            (fm_tx_word_at(s, n, i - 6, "claim") ||
             (i >= lo + 7 && fm_tx_word_at(s, n, i - 7, "claims")) ||
             (i >= lo + 8 && fm_tx_word_at(s, n, i - 8, "claimed")) ||
             (i >= lo + 9 && fm_tx_word_at(s, n, i - 9, "claiming"))) &&
            ((st->ntoll && st->toll[st->ntoll - 1].killed) ||
             (about_dead(s, lo, i) &&
              (victim_after(lx, s, n, i + used) ||
               (i + used < n && strchr(".;,", s[fm_tx_skip_space(s, n, i + used)])))))) {
            /* (and in the next sentence: "The BLF put out a statement the
             * same night claiming nine.", "Umar Media claimed fifteen
             * soldiers.") */
            /* "Database: 7 killed (official); TTP claim 18": the same count,
             * as the party has it */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
        }
        if (!verb && st->ntoll && st->toll[st->ntoll - 1].killed && c.best > 0 &&
            revised_before(s, lo, i) && !fm_tx_word_at(s, n, fm_tx_skip_space(s, n, i + used), "more") &&
            !fm_tx_word_at(s, n, fm_tx_skip_space(s, n, i + used), "others")) {
            /* "First report: 4 militants killed; revised to 5 two days
             * later", "AP: 8 dead; final 13 from Civil Hospital": the later
             * figure of the same dead, and the first one superseded */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
            v = NULL;
            for (size_t k = 0; k < st->ntoll; k++)
                if (st->toll[k].killed && !st->toll[k].total)
                    st->toll[k].breakdown = 1;
        }
        if (!verb && about_dead(s, lo, i) && c.best > 0 &&
            (party_figure_before(lx, s, lo, n, i, used) ||
             (owned = owned_figure_before(lx, s, lo, n, i, used)) != 0)) {
            /* "ISPR: 24 soldiers martyred. Mohmand elders say 28.", "(TTP: 5 /
             * Police: 3)": the party's count of the same dead, of no group
             * ("21 / Taliban: 12": the next party is not the victims) */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
            v = NULL;
            party_fig = 1;
        }
        if (!verb && st->ntoll && st->toll[st->ntoll - 1].killed &&
            st->toll[st->ntoll - 1].breakdown && superseded(s, lo, st->toll[st->ntoll - 1].off)) {
            static const char *const later[] = {"then", "later", "updated", "revised", "now",
                                                NULL};
            size_t after = fm_tx_skip_space(s, n, i + used);
            if ((after >= n || s[after] == '.' || s[after] == ',' || s[after] == ';') &&
                cue_after(s, st->toll[st->ntoll - 1].end, i, NULL, later)) {
                /* "The army first said 23 militants were killed, then, in an
                 * updated statement, 39.": the later figure, the same verb */
                verb = &along;
                at = i;
                len = used;
                killed = 1;
            }
        }
        if (!verb && st->ntoll && st->toll[st->ntoll - 1].killed &&
            (sum_sign(s, lo, i) || in_all_after(s, n, i + used))) {
            /* "9 jawanan shaheedan aw 14 dahshatgard mari - total 23", "3
             * shaheed, 34 militants = 37", "and the bomber also died: 15 in
             * total": the sum of the dead before it */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
            total_sum = 1;
        }
        if (!verb && in_all_after(s, n, i + used)) {
            /* "He was martyred together with two of his companions and one
             * other person, four souls in all": the sentence's verb of dying,
             * however far back, and the count is its total */
            int dying = 0;
            for (size_t k = lo; k < i && !dying; k++) {
                size_t l;
                const fm_lex_entry *e;
                if (k > lo && fm_tx_is_word_char((unsigned char)s[k - 1]))
                    continue;
                e = fm_lexicon_match(lx, FM_LEX_KILLED, s + k, i - k, &l);
                dying = e && strcmp(e->v1, "before") && strcmp(e->v2, "toll");
            }
            if (dying && !st->ntoll) {
                verb = &along;
                at = i;
                len = used;
                killed = 1;
                total_sum = 1;
            }
        }
        if (!verb || (c.hi == 0 && c.best == 0)) { /* ("00 killed": none) */
            i += used;
            continue;
        }
        if (!v && at < i) {
            /* "Martyred (police) 03": the victims in brackets between the
             * word and the figure, as a sitrep's summary line gives them */
            for (size_t k = at; k < i; k++)
                if (s[k] == '(' && (v = victim_at(lx, s, i, k + 1, &vat, &vlen)) != NULL)
                    break;
        }
        t = &st->toll[st->ntoll++];
        memset(t, 0, sizeof *t);
        t->c = c;
        t->off = at < i ? at : i;
        t->end = at < i ? i + used : at + len;
        t->killed = killed;
        t->victims = v ? v->v1 : "";
        if (v && v->v1[0])
            snprintf(t->noun, sizeof t->noun, "%.*s", (int)(vlen < 23 ? vlen : 23), s + vat);
        t->civilians = v ? (!strcmp(v->v2, "civ") ? 1 : !strcmp(v->v2, "civ?") ? -1 : 0) : -1;
        if (killed && at > i && st->ntoll == 1 && t->c.best > 0) {
            /* ("a woman and her two sons died", "a police guard and the
             * bomber killed") */
            t->c.lo = t->c.best += persons_before(lx, s, lo, i);
            if (v && vat + vlen <= at)
                t->c.lo = t->c.best += persons_after(lx, s, vat + vlen, at, &named_to);
        } else if (killed && at < i && at + len <= i && t->c.best > 0) {
            /* ("killing him and three other people", "killing two students
             * and the van driver") */
            size_t ve = at + len;
            while (ve < i && fm_tx_is_word_char((unsigned char)s[ve]))
                ve++; /* (the verb's end) */
            int more = persons_between(lx, s, ve, i);
            if (v)
                more += persons_after(lx, s, vat + vlen, n, &named_to);
            t->c.lo = t->c.best += more;
        }
        /* "(26 dead in total)", "15 in all": said to be a total */
        said_total = in_all_after(s, n, i + used) || in_all_after(s, n, t->end);
        int restated = killed && restated_sum(s, lo, i, st, t);
        t->owned = owned;
        t->breakdown = (in_parens(s, lo, i) && st->ntoll > 1 && !said_total && !party_fig &&
                        !restated) ||
                       breakdown_before(lx, s, lo, i) ||
                       (breakdown_after(s, n, i + used, total_before(s, st, i),
                                        at < i && st->ntoll == 1 && verb_ends_at(s, at, i)) &&
                        !(i >= lo + 10 && fm_tx_word_at(s, n, i - 10, "bodies of"))) ||
                       in_dash_aside(s, lo, i, st) ||
                       excluded(s, lo, n, i) || denied_before(s, lo, i) ||
                       other_event_before(s, lo, i) || the_ones(s, lo, n, i, used) ||
                       superseded(s, lo, i) || listed_after_colon(s, st, i) ||
                       negated_before(s, lo, i) || among_after(s, n, i + used) ||
                       rejected_after(s, i, n) || summand(s, lo, n, i, t->end) ||
                       (killed && included_after(s, n, t->end));
        t->total = killed && (strstr(verb->phrase, "toll") || !strcmp(verb->v2, "toll") ||
                              restated ||
                              said_total || total_sum ||
                              (st->ntoll > 1 && sum_sign(s, lo, i)) ||
                              (at > i + used && cue_after(s, i + used, at, NULL, in_all)));
        /* ("26 dead in total") */
        if (killed && t->breakdown && !negated_before(s, lo, i) && said_total)
            t->breakdown = 0; /* ("among them the staff, plus the bomber (26 dead in
                               * total)": the total, whatever came before) */
        if (killed && !t->breakdown) {
            /* "killing 26 civilians, among them two children, and himself":
             * the bomber is one more of the dead */
            for (size_t k = t->end; k + 11 <= n && k < t->end + 80 && !strchr(".;", s[k]); k++)
                if ((fm_tx_word_at(s, n, k, "and himself") ||
                     fm_tx_word_at(s, n, k, "as well as himself") ||
                     fm_tx_word_at(s, n, k, "in addition to the bomber") ||
                     fm_tx_word_at(s, n, k, "in addition to the attacker") ||
                     fm_tx_word_at(s, n, k, "besides the bomber")) &&
                    (k == 0 || !fm_tx_is_word_char((unsigned char)s[k - 1]))) {
                    t->c.best++, t->c.lo++;
                    if (t->c.hi >= 0)
                        t->c.hi++;
                    break;
                }
        }
        if (i >= lo + 11 && fm_tx_word_at(s, n, i - 11, "along with")) {
            /* "Lt Col X, his second in command Major Y, along with nine soldiers" */
            long named = named_ranks(s, lo, i - 11);
            t->c.best += named;
            t->c.lo += named;
            if (t->c.hi >= 0)
                t->c.hi += named;
        }
        i += used;
    }
}

/* ---- who said it ------------------------------------------------------------ */

static const char *const said[] = {"said", "says", "say", "claimed", "claims", "claim",
                                   "stated", "reported", "reports", "confirmed", "confirms",
                                   "told", "tells", "telling", "put the toll at", "put the death toll at", "put the number of dead at",
                                   "put the number of the dead at", "put the number at",
                                   "put the figure at", "put the dead at",
                                   "puts the toll at", "puts the death toll at",
                                   "puts the number of dead at", "puts the number at",
                                   "puts the figure at", "puts the dead at",
                                   "putting the toll at", "putting the death toll at",
                                   "putting the number at", "putting the dead at",
                                   "announced", "acknowledged", "maintained", "alleged",
                                   "insisted", "added", "speaking to", "rejected", "denied",
                                   "quoted", "disputed", "dismissed", "refuted", "message",
                                   "statement", "phoned", "telephoned", "gave the figure",
                                   "gave a figure", "gives the figure", "gave the toll",
                                   "spoke of", "speaks of", "counted", "admitted", "gave",
                                   /* Roman Urdu: "Police ke mutabiq", "TTP ke ek tarjuman ne" */
                                   "ke mutabiq", "ke tarjuman", "ke ek tarjuman", "tarjuman ke mutabiq",
                                   /* Pashto: "د پولیټیکل انتظامیې په وینا", its spokesman said */
                                   "په وینا", "یو ویاند", "ویاند", "وویل",
                                   /* Urdu: "پولیس کے مطابق", "کے ترجمان نے ... دعویٰ کیا" */
                                   "کے مطابق", "کے ترجمان", "نے کہا", "نے بتایا",
                                   "نے دعویٰ کیا",
                                   NULL};

static int said_at(const char *s, size_t n, size_t i)
{
    i = fm_tx_skip_space(s, n, i);
    for (size_t k = 0; said[k]; k++)
        if (fm_tx_word_at(s, n, i, said[k]))
            return 1;
    return 0;
}

/* "Lashkar-e-Jhangvi claimed responsibility": a claim of the attack, not
 * of a figure; the party speaks for no toll. */
static int responsibility_at(const char *s, size_t n, size_t i)
{
    i = fm_tx_skip_space(s, n, i);
    if (!(fm_tx_word_at(s, n, i, "claimed") || fm_tx_word_at(s, n, i, "claims") ||
          fm_tx_word_at(s, n, i, "claim")))
        return 0;
    while (i < n && fm_tx_is_word_char((unsigned char)s[i]))
        i++;
    i = fm_tx_skip_space(s, n, i);
    return fm_tx_word_at(s, n, i, "responsibility") || fm_tx_word_at(s, n, i, "the attack") ||
           fm_tx_word_at(s, n, i, "the bombing");
}

typedef struct {
    size_t off, len, end; /* end: past any "(TTP)" after the name */
    char name[64];
    int rejects; /* "a figure the military rejected": the party denies, not tells */
} party_at;

/* Attributions in the sentence: "PARTY said", "according to PARTY",
 * "PARTY:" and "said PARTY". */
/* "Mohmand elders", "Safi elders", "Swat Taliban": a proper noun before a
 * party that names a people in general says which of them speak; the
 * name as the text gives it (qualifier and party) into out, or 0. */
static int party_qualified(const char *s, size_t lo, size_t n, size_t i, size_t l,
                           const char *label, char *out, size_t cap)
{
    static const char *const kinds[] = {"Elders", "Taliban", NULL};
    static const char *const common[] = {
        "The", "A", "An", "And", "But", "Other", "Some", "Many", "Most", "All", "Both",
        "These", "Those", "His", "Her", "Their", "Our", "Its", "When", "While", "After",
        "Before", "According", "Yesterday", "Today", "Earlier", "Later", "Several", "Local",
        "Tribal", "Senior", "Angry", "Armed", "Also", "Even", "Only", "Two", "Three", "Four",
        "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Pakistani", "Pakistan", "Afghan",
        "Afghanistan", "Meanwhile", "However", NULL};
    size_t e = i, b;
    int kind = 0;
    for (size_t k = 0; kinds[k]; k++)
        kind |= !strcmp(label, kinds[k]);
    if (!kind)
        return 0;
    if (i + l + 8 < n && !strncmp(s + i + l, " of the ", 8)) {
        /* "Elders of the Mangal tribe": "Mangal elders" */
        size_t q = i + l + 8, r = q;
        while (r < n && isalpha((unsigned char)s[r]))
            r++;
        if (r - q >= 3 && isupper((unsigned char)s[q]) &&
            (!strncmp(s + r, " tribe", 6) || !strncmp(s + r, " clan", 5))) {
            snprintf(out, cap, "%.*s %c%.*s", (int)(r - q), s + q,
                     tolower((unsigned char)s[i]), (int)l - 1, s + i + 1);
            return 1;
        }
    }
    if (e < lo + 4 || s[e - 1] != ' ')
        return 0;
    e--;
    b = e;
    while (b > lo && isalpha((unsigned char)s[b - 1]))
        b--;
    if (e - b < 3 || !isupper((unsigned char)s[b]) || !islower((unsigned char)s[b + 1]) ||
        (b > lo && s[b - 1] != ' ' && s[b - 1] != '(' && s[b - 1] != '"'))
        return 0;
    for (size_t k = 0; common[k]; k++)
        if (strlen(common[k]) == e - b && !strncmp(s + b, common[k], e - b))
            return 0;
    {
        size_t wl;
        if ((fm_tx_month_at(s + b, e - b, &wl) && wl == e - b) ||
            (fm_tx_weekday_any_at(s + b, e - b, &wl) >= 0 && wl == e - b))
            return 0; /* ("Sunday Taliban", "March elders": a day, not a qualifier) */
    }
    snprintf(out, cap, "%.*s %.*s", (int)(e - b), s + b, (int)l, s + i);
    return 1;
}

/* Whether s[i, j) is a group's initials, with or without "the": "BLF",
 * "the TTP". */
static int initials_at(const char *s, size_t i, size_t j)
{
    size_t caps = 0;
    if (j >= i + 4 && !strncasecmp(s + i, "the ", 4))
        i += 4;
    for (size_t k = i; k < j; k++) {
        if (!isupper((unsigned char)s[k]) && s[k] != '-')
            return 0;
        caps++;
    }
    return caps >= 2;
}

/* Whether a count stands straight before i ("27 Taliban", "twelve
 * policemen"): what follows is counted, not speaking. */
static int counted_before(const char *s, size_t lo, size_t i)
{
    size_t k = i, b;
    fm_count c;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k == i || k == lo)
        return 0;
    b = k;
    while (b > lo && fm_tx_is_word_char((unsigned char)s[b - 1]))
        b--;
    return fm_count_read(s + b, k - b, &c) == k - b && !is_year(&c) && c.best > 0;
}

/* Where one or two capitalised words straight before i begin, after "the":
 * "the Kohat police", "the Sindh police" name the party with a place; i
 * when there are none or no article. */
static size_t proper_before(const char *s, size_t lo, size_t i)
{
    size_t b = i;
    for (int words = 0; words < 2; words++) {
        size_t e = b;
        if (e < lo + 2 || s[e - 1] != ' ')
            break;
        e--;
        size_t w = e;
        while (w > lo && (isalpha((unsigned char)s[w - 1]) || s[w - 1] == '-'))
            w--;
        if (e - w < 3 || !isupper((unsigned char)s[w]) || !islower((unsigned char)s[w + 1]))
            break;
        b = w;
        if (b >= lo + 4 && fm_tx_word_at(s, b, b - 4, "the"))
            return b;
    }
    return i;
}

static size_t read_parties(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                           party_at *out, size_t max)
{
    size_t count = 0;
    for (size_t i = lo; i < n && count < max; i++) {
        size_t l, j;
        const fm_lex_entry *p;
        int attributed = 0;
        if (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if (!(p = fm_lexicon_match(lx, FM_LEX_PARTY, s + i, n - i, &l)))
            continue;
        j = i + l;
        {
            /* "Local officials interviewed by the United Nations put the
             * number of dead at 25": the interviewer does not speak */
            static const char *const asked[] = {"interviewed by", "contacted by", "reached by",
                                                "questioned by", "asked by", NULL};
            int by = 0;
            for (size_t k = 0; asked[k]; k++) {
                size_t w = strlen(asked[k]);
                size_t at = i >= lo + w + 1 ? i - w - 1 : lo;
                by |= i >= lo + w + 1 && fm_tx_word_at(s, i, at, asked[k]);
            }
            if (!by && i >= lo + 8 && fm_tx_word_at(s, i, i - 7, "by the"))
                for (size_t k = 0; asked[k]; k++) {
                    size_t w = strlen(asked[k]) - 3; /* the verb, before "by the" */
                    by |= i >= lo + w + 8 && fm_tx_word_at(s, i, i - 8 - w, asked[k]);
                }
            if (by) {
                i = j;
                continue;
            }
        }
        {
            /* "The BLF, which is part of the BRAS alliance, put out a
             * statement": the party in a relative aside does not speak */
            size_t c = i;
            while (c > lo && i - c < 40 && s[c - 1] != ',')
                c--;
            int dash = 0; /* "Kotkai -- the home village ..., which the army took
                           * that week -- the military said": the aside ended */
            for (size_t k = c; k + 1 < i && !dash; k++)
                dash = (s[k] == '-' && s[k + 1] == '-') ||
                       (k + 2 < i && !memcmp(s + k, "\xE2\x80\x94", 3));
            if (c > lo && s[c - 1] == ',' && !dash) {
                size_t w = fm_tx_skip_space(s, i, c);
                if ((fm_tx_word_at(s, i, w, "which") || fm_tx_word_at(s, i, w, "who")) &&
                    memchr(s + j, ',', n - j)) {
                    i = j;
                    continue;
                }
            }
        }
        /* "Tehreek-e-Taliban Pakistan (TTP) claimed" */
        {
            size_t q = fm_tx_skip_space(s, n, j);
            const char *close = q < n && s[q] == '(' ? memchr(s + q, ')', n - q) : NULL;
            if (close && close - (s + q) < 24)
                j = (size_t)(close - s) + 1;
        }
        /* "The BLF, which is part of the BRAS alliance, put out a statement
         * ... claiming nine": the party speaks after its relative aside */
        if (j < n && s[j] == ',') {
            size_t w = fm_tx_skip_space(s, n, j + 1);
            const char *close = memchr(s + j + 1, ',', n - j - 1);
            if ((fm_tx_word_at(s, n, w, "which") || fm_tx_word_at(s, n, w, "who")) && close &&
                close - (s + j) < 64)
                j = (size_t)(close - s) + 1;
        }
        /* "the ISPR, the military's media wing, said"; "Jamaat-ul-Ahrar, a
         * faction of the Pakistani Taliban that has claimed several of the
         * deadliest attacks this year, said" (an appositive with an article
         * may run longer) */
        if (j < n && s[j] == ',') {
            const char *close = memchr(s + j + 1, ',', n - j - 1);
            size_t w = fm_tx_skip_space(s, n, j + 1);
            size_t reach = fm_tx_word_at(s, n, w, "a") || fm_tx_word_at(s, n, w, "an") ? 160 : 48;
            if (close && (size_t)(close - (s + j)) < reach && said_at(s, n, (size_t)(close - s) + 1))
                attributed = 1;
        }
        {
            /* "a faction of the Pakistani Taliban that has claimed several
             * attacks": a relative clause about the party, not its word */
            size_t w = fm_tx_skip_space(s, n, j);
            if (fm_tx_word_at(s, n, w, "that has") || fm_tx_word_at(s, n, w, "that have") ||
                fm_tx_word_at(s, n, w, "that had")) {
                i = j;
                continue;
            }
        }
        if ((said_at(s, n, j) && !responsibility_at(s, n, j)) || (j < n && s[j] == ':'))
            attributed = 1;
        if (j < n && s[j] == ')' && said_at(s, n, j + 1) && !responsibility_at(s, n, j + 1) &&
            initials_at(s, i, j))
            attributed = 1; /* "The Baloch group that said it did it (the BLF) claimed
                             * five soldiers" (its initials: not "A TTP spokesman
                             * (Muhammad Khurasani) told AFP", the spokesman's name) */
        {
            /* "the Pakistani Taliban's spokesman Shahidullah Shahid called
             * Mashaal and said that ...": the party's own verb a few words on,
             * in the same clause */
            size_t w = j, words = 0, vat, vlen;
            size_t head = lo;
            for (size_t c = lo; c < i; c++)
                if (s[c] == ':' || s[c] == ';')
                    head = c + 1; /* ("Competing claim: a Taliban commander told") */
            head = fm_tx_skip_space(s, n, head);
            if (fm_tx_word_at(s, n, head, "a") || fm_tx_word_at(s, n, head, "an") ||
                fm_tx_word_at(s, n, head, "the"))
                head = fm_tx_skip_space(s, n, next_word(s, n, head));
            if (victim_at(lx, s, n, j, &vat, &vlen) && vat == fm_tx_skip_space(s, n, j) &&
                i != head)
                w = n; /* "killing three Frontier Corps soldiers, an official said":
                        * the party names the victims, it does not speak (as the
                        * sentence's subject it does: "A Taliban commander reached
                        * by telephone insisted that only 12 people had died") */
            while (!attributed && w < n && words < 8 && !strchr(".;:)\"", s[w]) &&
                   !(s[w] == ',' && (fm_tx_word_at(s, n, fm_tx_skip_space(s, n, w + 1), "and") ||
                                     fm_tx_word_at(s, n, fm_tx_skip_space(s, n, w + 1), "but")))) {
                /* (", and the post-mortem reports ...": another clause's verb) */
                if (s[w] == '(') {
                    /* "A TTP spokesman (Muhammad Khurasani) told AFP" */
                    const char *close = memchr(s + w, ')', n - w);
                    if (!close || close - (s + w) > 40)
                        break;
                    w = (size_t)(close - s) + 1;
                    continue;
                }
                if (s[w] == ',' && w + 2 < n) {
                    /* "The Taleban spokesman Ehsanollah Ehsan, speaking by phone
                     * to an Afghan outlet, said": an aside of a participle */
                    size_t q = fm_tx_skip_space(s, n, w + 1), e = q;
                    const char *close;
                    while (e < n && isalpha((unsigned char)s[e]))
                        e++;
                    if (e - q > 4 && !strncmp(s + e - 3, "ing", 3) &&
                        (close = memchr(s + e, ',', n - e)) != NULL && close - (s + e) < 60) {
                        w = (size_t)(close - s) + 1;
                        continue;
                    }
                }
                if (s[w] == ' ') {
                    words++;
                    if (said_at(s, n, w + 1) && !responsibility_at(s, n, w + 1))
                        attributed = 1;
                }
                w++;
            }
        }
        {
            /* "the enemy's claim that", "ISPR's figure for the Sipah fighting
             * is eighteen" */
            static const char *const owned[] = {"claim", "figure", "toll", "count", "account",
                                                NULL};
            size_t q = j;
            if (q + 2 < n && s[q] == '\'' && s[q + 1] == 's')
                q += 2;
            else if (q + 4 < n && !strncmp(s + q, "\xE2\x80\x99s", 4))
                q += 4;
            /* ("the ISPR figure of six": the party's name as a modifier) */
            int article = (i >= lo + 4 && fm_tx_word_at(s, i, i - 4, "the")) ||
                          isupper((unsigned char)s[i]); /* ("Police figure of 12") */
            for (size_t w = 0; owned[w]; w++)
                if ((q > j || (article && w > 0)) &&
                    fm_tx_word_at(s, n, fm_tx_skip_space(s, n, q), owned[w]))
                    attributed = 1; /* (not "the TTP claim": "claim" follows a possessive) */
        }
        size_t i0 = proper_before(s, lo, i); /* "according to the Kohat police" */
        if (i0 >= lo + 4 && fm_tx_word_at(s, i0, i0 - 4, "the"))
            i0 -= 4; /* "according to the security forces": past the article */
        /* ("said 27 Taliban and four lashkar men were killed": counted
         * victims, not the one said to) */
        size_t vat2, vlen2;
        int vkilled;
        int counted = counted_before(s, lo, i) && verb_after(lx, s, n, j, &vat2, &vlen2, &vkilled);
        for (size_t b = i0 > lo + 14 ? i0 - 14 : lo; b < i0 && !counted; b++)
            if (fm_tx_word_at(s, i0, b, "according to") || fm_tx_word_at(s, i0, b, "said") ||
                fm_tx_word_at(s, i0, b, "figure of") || /* "fourteen dead, the figure of
                                                           * the Sindh police" */
                fm_tx_word_at(s, i0, b, "quoting") || fm_tx_word_at(s, i0, b, "citing") ||
                fm_tx_word_at(s, i0, b, "called") || fm_tx_word_at(s, i0, b, "spoke to") ||
                fm_tx_word_at(s, i0, b, "spoke with") || fm_tx_word_at(s, i0, b, "talked to") ||
                fm_tx_word_at(s, i0, b, "interviewed") || fm_tx_word_at(s, i0, b, "given by") ||
                fm_tx_word_at(s, i0, b, "issued by"))
                attributed = 1; /* ("The figure given by the Inter-Services Public
                                 * Relations, twenty-one dead in all, stands") */
        if (attributed) {
            const fm_lex_entry *owner = NULL;
            size_t ol = 0;
            for (size_t b = i > lo + 32 ? i - 32 : lo; b + 3 < i && !owner; b++)
                if ((b == lo || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
                    (owner = fm_lexicon_match(lx, FM_LEX_PARTY, s + b, i - b, &ol)) != NULL &&
                    (strcmp(owner->v2, "group") ||
                     !((i - (b + ol) == 3 && !strncmp(s + b + ol, "'s ", 3)) ||
                       (i - (b + ol) == 5 && !strncmp(s + b + ol, "\xE2\x80\x99s ", 5)))))
                    owner = NULL;
            out[count].off = i;
            if (owner && owner->v1[0])
                /* "The Taliban's Ehsanullah Ehsan claimed": the party the text
                 * names as the speaker's own */
                snprintf(out[count].name, sizeof out[count].name, "%s", owner->v1);
            else if (p->v1[0] && party_qualified(s, lo, n, i, l, p->v1, out[count].name,
                                                 sizeof out[count].name))
                ;
            else if (p->v1[0])
                snprintf(out[count].name, sizeof out[count].name, "%s", p->v1);
            else
                snprintf(out[count].name, sizeof out[count].name, "%.*s", (int)l, s + i);
            out[count].len = l;
            out[count].end = j;
            {
                size_t v = fm_tx_skip_space(s, n, j);
                out[count].rejects = fm_tx_word_at(s, n, v, "rejected") ||
                                     fm_tx_word_at(s, n, v, "rejects") ||
                                     fm_tx_word_at(s, n, v, "denied") ||
                                     fm_tx_word_at(s, n, v, "denies") ||
                                     fm_tx_word_at(s, n, v, "disputed") ||
                                     fm_tx_word_at(s, n, v, "dismissed") ||
                                     fm_tx_word_at(s, n, v, "refuted");
            }
            count++;
        }
        i = j;
    }
    return count;
}

/* "LI's spokesman told a local FM station only 3": a group the lexicon does
 * not know, named as the owner of a spokesman who speaks; one party at
 * most, into out. */
static size_t unknown_spokesman(const char *s, size_t lo, size_t n, party_at *out)
{
    static const char *const roles[] = {"spokesman", "spokesperson", "commander", NULL};
    for (size_t i = lo; i + 4 < n; i++) {
        size_t b = i, e;
        if (s[i] != '\'' || s[i + 1] != 's' || s[i + 2] != ' ')
            continue;
        while (b > lo && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '-'))
            b--;
        if (b == i || !isupper((unsigned char)s[b]) || (b > lo && s[b - 1] != ' '))
            continue;
        for (size_t r = 0; roles[r]; r++)
            if (fm_tx_word_at(s, n, i + 3, roles[r])) {
                e = i + 3 + strlen(roles[r]);
                if (!said_at(s, n, fm_tx_skip_space(s, n, e)))
                    break;
                out->off = b;
                out->len = i - b;
                out->rejects = 0;
                out->end = e;
                snprintf(out->name, sizeof out->name, "%.*s", (int)(i - b), s + b);
                return 1;
            }
    }
    return 0;
}

/* "We use the ISPR figure", "ISPR 23 (our figure), elders 14", "Police figure
 * of 12 is the one we stand by": the party named nearest the cue, whose
 * figure the document takes as its own; "" when there is no cue or party. */
static int read_adopted(const fm_lexicon *lx, const char *s, size_t lo, size_t n, char *out,
                        size_t cap)
{
    size_t cue = n, l, best = (size_t)-1;
    out[0] = '\0';
    for (size_t i = lo; i < n && cue == n; i++)
        if ((i == lo || !fm_tx_is_word_char((unsigned char)s[i - 1])) &&
            fm_lexicon_match(lx, FM_LEX_ADOPT, s + i, n - i, &l))
            cue = i;
    if (cue == n)
        return 0;
    for (size_t i = lo; i < n; i++) {
        const fm_lex_entry *p;
        size_t d;
        if (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if (!(p = fm_lexicon_match(lx, FM_LEX_PARTY, s + i, n - i, &l)))
            continue;
        d = i < cue ? cue - (i + l) : i - cue;
        if (d < best) {
            best = d;
            if (p->v1[0])
                snprintf(out, cap, "%s", p->v1);
            else
                snprintf(out, cap, "%.*s", (int)l, s + i);
        }
        i += l;
    }
    return 1;
}

/* Each toll goes to the attribution in its clause (before or after it);
 * with none there, to a sentence-final "..., officials said". */
/* Whether a clause with a first-person subject ("and I myself counted",
 * ", we found") opens in s[a, b). */
static int first_person(const char *s, size_t a, size_t b)
{
    for (size_t k = a; k + 2 < b; k++)
        if ((k == a || s[k - 1] == ' ') &&
            ((s[k] == 'I' && s[k + 1] == ' ') || fm_tx_word_at(s, b, k, "we ")) &&
            k >= a + 5 && (!strncmp(s + k - 4, "and ", 4) || !strncmp(s + k - 2, ", ", 2)))
            return 1;
    return 0;
}

static void attribute(const char *s, tx_sentence *st, const party_at *p, size_t np)
{
    for (size_t t = 0; t < st->ntoll; t++) {
        tx_toll *tl = &st->toll[t];
        const party_at *best = NULL;
        size_t bestd = (size_t)-1;
        for (size_t k = 0; k < np; k++) {
            size_t a = p[k].off < tl->off ? p[k].end : tl->end;
            size_t b = p[k].off < tl->off ? tl->off : p[k].off;
            size_t d = b - a;
            if (clause_break(s, a, b) && !(p[k].off < tl->off && s[p[k].end] == ':'))
                continue;
            if (p[k].rejects && p[k].off > tl->end)
                continue; /* "claimed that twenty soldiers had been killed, a figure the
                           * military rejected" */
            if (p[k].off < tl->off && first_person(s, a, b))
                continue; /* "the political administration gave the figure of ten
                           * dead, and I myself counted ten bodies": the second is
                           * the teller's own */
            if (d < bestd) {
                bestd = d;
                best = &p[k];
            }
        }
        if (!best && np == 1 &&
            !(p[0].off > tl->end && memchr(s + tl->end, ';', p[0].off - tl->end)) &&
            !(p[0].off < tl->off && memchr(s + p[0].end, ';', tl->off - p[0].end)) &&
            !(p[0].off < tl->off && first_person(s, p[0].end, tl->off)))
            best = &p[0]; /* the sentence's one speaker: "ISPR said six soldiers
                           * died while repulsing the attack and that four
                           * terrorists were killed" */
        if (best)
            snprintf(tl->party, sizeof tl->party, "%s", best->name);
    }
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

static void read_cues(const fm_lexicon *lx, const char *s, tx_sentence *st)
{
    size_t lo = st->start, n = st->end;
    for (size_t i = lo; i < n; i++) {
        size_t l;
        const fm_lex_entry *e;
        if (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1]))
            continue;
        if ((e = fm_lexicon_match(lx, FM_LEX_EVENT, s + i, n - i, &l)) &&
            (!st->event || e->weight > st->event->weight)) {
            st->event = e;
            st->event_off = i;
        }
        if ((e = fm_lexicon_match(lx, FM_LEX_ACTOR, s + i, n - i, &l)) && !st->perp &&
            (!st->event || i < st->event_off || !strcmp(e->v2, "perp")) && !in_victim_phrase(s, lo, i))
            st->perp = e->v1;
        if ((e = fm_lexicon_match(lx, FM_LEX_IGNORE, s + i, n - i, &l)) && e->weight > st->ignore &&
            !time_anchor(s, st->start, i) &&
            !(e->weight == 1 && st->event && strcmp(st->event->v1, "Protests") &&
              strcmp(st->event->v1, "Strategic developments")))
            st->ignore = e->weight; /* (not "a suicide bomber struck the corner meeting":
                                     * the attack told first is the news) */
        if ((e = fm_lexicon_match(lx, FM_LEX_AGGREGATE, s + i, n - i, &l)) &&
            !(fm_tx_word_at(s, n, i, "since") && since_as_adverb(s, n, i + l)))
            st->aggregate = strcmp(e->v1, "weak") ? 1 : st->aggregate == 1 ? 1 : 2;
        if (fm_lexicon_match(lx, FM_LEX_CORRECTION, s + i, n - i, &l))
            st->correction = 1;
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

static int is_citation(const char *s, size_t lo, size_t n)
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
static int names_old_year(const char *s, size_t lo, size_t n, const fm_text_date *ref)
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
static int clock_at(const char *s, size_t lo, size_t n)
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

static int is_heading(const char *s, size_t lo, size_t n)
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
static void read_coords(const char *s, tx_sentence *st)
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

void tx_sentence_read(fm_ctx *ctx, const fm_extract_opts *opt, const char *text, size_t start,
                      size_t end, size_t para, const fm_text_date *ref, tx_sentence *out)
{
    party_at parties[8];
    size_t np;
    memset(out, 0, sizeof *out);
    out->start = start;
    out->end = end;
    out->para = para;
    out->ndate = fm_text_dates(text + start, end - start, ref, out->date, TX_MAX_DATES);
    if (out->ndate > TX_MAX_DATES)
        out->ndate = TX_MAX_DATES;
    out->field = tx_field_kind(text, start, end);
    if (out->field == TX_FIELD_FILED)
        out->ndate = 0; /* "Date of report: 19/01/2010": not when it happened */
    read_tolls(opt->lx, text, out);
    read_coords(text, out);
    if (!out->ntoll)
        bare_total(text, out);
    if (!out->ntoll && (out->field == TX_FIELD_DEAD || out->field == TX_FIELD_HURT))
        field_count(text, out);
    {
        int killed = 0; /* ("ASI Noor Muhammad embraced shahadat and one constable was
                         * injured": the dead man beside a count of the hurt) */
        for (size_t t = 0; t < out->ntoll; t++)
            killed |= out->toll[t].killed;
        if (!killed && out->ntoll < TX_MAX_TOLLS)
            lone_victim(opt->lx, text, out);
    }
    np = read_parties(opt->lx, text, start, end, parties, 8);
    if (!np)
        np = unknown_spokesman(text, start, end, parties);
    attribute(text, out, parties, np);
    for (size_t t = 0; t < out->ntoll; t++)
        for (size_t k = 0; out->toll[t].total && !out->toll[t].breakdown && k < t; k++)
            if (out->toll[k].killed && !strcmp(out->toll[k].party, out->toll[t].party))
                out->toll[k].breakdown = 1; /* (a part of the running total) */
    out->speaker[0] = '\0';
    out->adopt_cue = read_adopted(opt->lx, text, start, end, out->adopts, sizeof out->adopts);
    out->says = 0;
    for (size_t i = start; i < end && !out->says; i++)
        if ((i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
            said_at(text, end, i) && (i == start || text[i - 1] == ' ')) {
            out->says = 1;
            /* '"Only nine were killed," he told Reuters': the speaker named before */
            out->says_pronoun = !np && (fm_tx_word_at(text, i, i >= start + 3 ? i - 3 : start, "he") ||
                                        fm_tx_word_at(text, i, i >= start + 4 ? i - 4 : start, "she") ||
                                        fm_tx_word_at(text, i, i >= start + 5 ? i - 5 : start, "they"));
        }
    if (out->says && !np) {
        /* "Its spokesman, Asad Mansoor, said ... that eleven soldiers had been
         * killed": the group the sentence before named speaks */
        static const char *const own[] = {"its spokesman", "their spokesman", "the group's spokesman",
                                          "its spokesperson", "the group's spokesperson",
                                          "a spokesman for the group", "the group said",
                                          "the group claimed", NULL};
        for (size_t i = start; i < end && !out->says_pronoun; i++)
            for (size_t k = 0; own[k] && !out->says_pronoun; k++)
                out->says_pronoun = (i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
                                    fm_tx_word_at(text, end, i, own[k]);
    }
    if (np == 1)
        snprintf(out->speaker, sizeof out->speaker, "%s", parties[0].name);
    read_cues(opt->lx, text, out);
    for (size_t k = 0; k < out->ndate; k++)
        if ((out->date[k].precision == 2 || out->date[k].period) && !out->date[k].relative &&
            out->date[k].end - out->date[k].start >= 6)
            out->aggregate = 1; /* "63 wounded from 7 to 20 August", "between 1 October
                                 * and 31 December 2019, in which 58 people were killed":
                                 * a period's count */
    for (size_t k = 0; k < out->ndate && out->aggregate != 3; k++) {
        /* "over 600 militants and 70 soldiers killed since 17 October": a
         * count over the period since a day, not one incident's */
        size_t d = start + out->date[k].off;
        if (d < start + 6 || strncasecmp(text + d - 6, "since ", 6))
            continue;
        for (size_t t = 0; t < out->ntoll; t++)
            if (out->toll[t].killed && out->toll[t].end <= d && d - out->toll[t].end < 60 &&
                !memchr(text + out->toll[t].end, '.', d - out->toll[t].end))
                out->aggregate = 3; /* (whatever day the sentence gives: "given
                                     * on 12 December") */
    }
    if (out->aggregate == 2) {
        /* "a total of three (03) persons": one incident's dead, unless a
         * period is named ("a total of 52 in August") */
        out->aggregate = 0;
        for (size_t k = 0; k < out->ndate; k++)
            out->aggregate |= out->date[k].precision >= 3;
    }
    for (size_t i = start; i + 8 < end && out->aggregate != 1; i++)
        if (fm_tx_word_at(text, end, i, "between") &&
            isdigit((unsigned char)text[fm_tx_skip_space(text, end, i + 7)])) {
            /* "between 7 and 20 August" */
            size_t j = fm_tx_skip_space(text, end, i + 7);
            while (j < end && isdigit((unsigned char)text[j]))
                j++;
            while (j < end && isalpha((unsigned char)text[j]))
                j++; /* (7th) */
            out->aggregate = fm_tx_word_at(text, end, fm_tx_skip_space(text, end, j), "and");
        }
    out->heading = is_heading(text, start, end);
    if (end - start > 4 && text[start] == '[' && text[start + 1] == '^') {
        /* "[^4]: For example a military statement in mid-July ...": a
         * Markdown footnote's text tells about a figure, not an incident */
        const char *close = memchr(text + start, ']', end - start);
        if (close && close + 1 < text + end && close[1] == ':')
            out->ignore = 2;
    }
    out->clock = out->heading ? clock_at(text, start, end) : -1;
    if (is_citation(text, start, end) || out->heading)
        out->ignore = 2;
    if (fm_tx_is_label(text, start, end)) {
        out->ignore = 2;
        out->label = 1;
        out->nplace = 0; /* (a reporter's seat: "REPORTER, WANA (English):") */
        return;
    }
    out->old_year = names_old_year(text, start, end, ref);
    out->nplace = fm_text_places(ctx, opt->gz, opt->lx, text, start, end, out->place,
                                 TX_MAX_PLACES);
    if (out->nplace > TX_MAX_PLACES)
        out->nplace = TX_MAX_PLACES;
    /* "The Taliban spokesman, Sajjad Mohmand, phoned": a man's name */
    for (size_t i = 0; i < out->nplace; i++) {
        static const char *const roles[] = {"spokesman, ", "spokesperson, ", "commander, ",
                                            "leader, ", "chief, ", NULL};
        size_t o = out->place[i].off, g = o;
        if (g < start + 2 || text[g - 1] != ' ' || !isalpha((unsigned char)text[g - 2]))
            continue;
        g--;
        while (g > start && isalpha((unsigned char)text[g - 1]))
            g--; /* the given name */
        if (!isupper((unsigned char)text[g]) || g == o - 1)
            continue;
        for (size_t r = 0; roles[r]; r++) {
            size_t l = strlen(roles[r]);
            if (g >= start + l && !strncmp(text + g - l, roles[r], l))
                out->place[i].metonym = 1;
        }
    }
    /* a name inside a party's ("Baloch Raji Aajoi Sangar") is not a place */
    for (size_t i = 0; i < out->nplace; i++)
        for (size_t k = 0; k < np; k++)
            if (out->place[i].off >= parties[k].off &&
                out->place[i].off < parties[k].off + parties[k].len)
                out->place[i].metonym = 1;
}

/* The mention that starts at i or after "the " there, or NULL. */
static const fm_text_place *place_starting(const tx_sentence *st, const char *s, size_t i)
{
    if (!strncmp(s + i, "the ", 4))
        i += 4;
    for (size_t k = 0; k < st->nplace; k++)
        if (st->place[k].off == i)
            return &st->place[k];
    return NULL;
}

/* The first mention after offset i, or NULL. */
static const fm_text_place *place_after(const tx_sentence *st, size_t i)
{
    const fm_text_place *p = NULL;
    for (size_t k = 0; k < st->nplace; k++)
        if (st->place[k].off >= i && (!p || st->place[k].off < p->off))
            p = &st->place[k];
    return p;
}

/* Whether two mentions name one place: the same entry or the same words. */
static int same_mention(const char *s, const fm_text_place *a, const fm_text_place *b)
{
    return (a->place && a->place == b->place) ||
           (a->len == b->len && !strncasecmp(s + a->off, s + b->off, a->len));
}

/* "killing four militants in Khadizai on 21 October and eight in the
 * Mamozai area on 29 October", "eight militants in Dabori, and seven more
 * in Ghaljo": a count after "and" whose verb is the toll's before it, with a
 * place of its own straight after; added to st as a toll like t. */
static void read_gapped_toll(const char *s, tx_sentence *st, const tx_toll *t)
{
    const fm_text_place *p1 = place_after(st, t->end), *p2;
    size_t i, w;
    fm_count c;
    if (!p1 || st->ntoll >= TX_MAX_TOLLS)
        return;
    for (i = p1->off + p1->len; i < st->end && i < p1->off + p1->len + 80; i++)
        if (s[i] == '.' || s[i] == ';' || fm_tx_word_at(s, st->end, i, "and"))
            break;
    if (i >= st->end || !fm_tx_word_at(s, st->end, i, "and"))
        return;
    i = fm_tx_skip_space(s, st->end, i + 3);
    if (i < st->end && s[i] == ',') {
        /* "and, in a separate statement on the same day, 21 more in the Kuki
         * Khel area": past the aside */
        const char *close = memchr(s + i + 1, ',', st->end - i - 1);
        if (!close || close - (s + i) > 80)
            return;
        i = fm_tx_skip_space(s, st->end, (size_t)(close - s) + 1);
    }
    if (!fm_count_read(s + i, st->end - i, &c) || c.start != 0 || is_year(&c) || c.best <= 0 ||
        c.vague)
        return;
    w = fm_tx_skip_space(s, st->end, i + c.end);
    if (fm_tx_word_at(s, st->end, w, "more") || fm_tx_word_at(s, st->end, w, "others"))
        w = fm_tx_skip_space(s, st->end, next_word(s, st->end, w));
    else if (t->noun[0] && fm_tx_word_at(s, st->end, w, t->noun))
        w = fm_tx_skip_space(s, st->end, w + strlen(t->noun));
    if (!(fm_tx_word_at(s, st->end, w, "in") || fm_tx_word_at(s, st->end, w, "at") ||
          fm_tx_word_at(s, st->end, w, "near")))
        return;
    w = fm_tx_skip_space(s, st->end, next_word(s, st->end, w));
    if (!(p2 = place_starting(st, s, w)) || same_mention(s, p1, p2))
        return;
    for (size_t k = 0; k < st->ntoll; k++)
        if (st->toll[k].off <= i && st->toll[k].end > i)
            return; /* (read already) */
    tx_toll *g = &st->toll[st->ntoll++];
    *g = *t;
    g->c = c;
    g->off = i;
    g->end = i + c.end;
}

static int dated_within(const tx_sentence *st, size_t lo, size_t hi);

/* Where a sentence that tells two incidents divides: two killed tolls, each
 * with a place of its own after it, the second after "and", "while" or
 * "whereas" ("a bomb killed three people in Quetta and another killed four
 * in Turbat"); 0 when it tells one. */
static size_t split_point(const char *s, const tx_sentence *st)
{
    for (size_t a = 0; a < st->ntoll; a++) {
        const tx_toll *t1 = &st->toll[a], *t2 = NULL;
        const fm_text_place *p1, *p2;
        if (!t1->killed || t1->breakdown || t1->total)
            continue;
        for (size_t b = 0; b < st->ntoll; b++)
            if (st->toll[b].off > t1->end && st->toll[b].killed && !st->toll[b].breakdown &&
                !st->toll[b].total && !st->toll[b].owned &&
                (!t2 || st->toll[b].off < t2->off))
                t2 = &st->toll[b];
        if (!t2)
            continue;
        p1 = place_after(st, t1->end);
        if (!p1 || p1->off >= t2->off || p1->kind_rank < 2 || p1->reference || p1->hometown)
            continue;
        for (size_t i = t2->off; i > p1->off + p1->len; i--)
            if (fm_tx_word_at(s, t2->off, i, "and") || fm_tx_word_at(s, t2->off, i, "while") ||
                fm_tx_word_at(s, t2->off, i, "whereas")) {
                size_t c = s[i - 1] == ' ' && s[i - 2] == ',' ? i - 2 : i - 1;
                /* the second part's place after its toll, or before it ("and in the
                 * Khuiratta sector of Kotli district a civilian was killed") */
                size_t after = fm_tx_skip_space(s, st->end, next_word(s, st->end, i));
                p2 = place_after(st, c);
                if (!p2 || p2->kind_rank < 2 || p2->reference || p2->hometown ||
                    (p2->off < t2->off && !(fm_tx_word_at(s, st->end, after, "in") ||
                                           fm_tx_word_at(s, st->end, after, "at"))))
                    break; /* (before its toll, only as the part's opening "in ...") */
                if (same_mention(s, p1, p2) && !(dated_within(st, st->start, c) &&
                                                 dated_within(st, c, t2->off)))
                    break; /* (one place: two incidents only on two days, "On 6
                            * August, three ... in Karachi, and on 28 September,
                            * six ... in Karachi") */
                return c;
            }
    }
    return 0;
}

/* Whether a date of st begins within [lo, hi) of the text. */
static int dated_within(const tx_sentence *st, size_t lo, size_t hi)
{
    for (size_t i = 0; i < st->ndate; i++)
        if (st->start + st->date[i].off >= lo && st->start + st->date[i].off < hi)
            return 1;
    return 0;
}

/* Keeps in st the tolls, places and dates within [lo, hi) of the text. */
static void keep_within(tx_sentence *st, size_t lo, size_t hi)
{
    size_t k = 0;
    for (size_t i = 0; i < st->ntoll; i++)
        if (st->toll[i].off >= lo && st->toll[i].off < hi)
            st->toll[k++] = st->toll[i];
    st->ntoll = k;
    k = 0;
    for (size_t i = 0; i < st->nplace; i++)
        if (st->place[i].off >= lo && st->place[i].off < hi)
            st->place[k++] = st->place[i];
    st->nplace = k;
    k = 0;
    for (size_t i = 0; i < st->ndate; i++)
        if (st->start + st->date[i].off >= lo && st->start + st->date[i].off < hi)
            st->date[k++] = st->date[i];
    st->ndate = k;
}

int tx_sentence_split(const char *text, tx_sentence *st, tx_sentence *second)
{
    size_t c, n = st->ntoll;
    int dated_after = 0;
    for (size_t k = 0; k < n; k++)
        if (st->toll[k].killed && !st->toll[k].breakdown && !st->toll[k].total)
            read_gapped_toll(text, st, &st->toll[k]);
    if (!(c = split_point(text, st)))
        return 0;
    *second = *st;
    for (size_t i = 0; i < st->ndate; i++)
        dated_after |= st->start + st->date[i].off >= c;
    keep_within(st, st->start, c);
    /* (a second part with no date of its own is on the sentence's day) */
    keep_within(second, c, second->end);
    if (!dated_after) {
        second->ndate = st->ndate;
        memcpy(second->date, st->date, st->ndate * sizeof *st->date);
    }
    st->end = c;
    return 1;
}
