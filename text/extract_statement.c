/* extract_statement.c: who speaks for a whole text: a statement's or press
 * release's author from its first lines, a section's author, a forwarded
 * message's sender, and where a statement ends ("END"). Names are copied
 * into the caller's buffers; nothing is allocated. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* The author of a statement ("Statement of the Tehreek-e-Taliban Pakistan",
 * "ISPR press release", "No PR-214/2025-ISPR"), from its first lines: what
 * the statement says is that party's claim, not a reporter's account. */
void tx_author_of(const fm_lexicon *lx, const char *text, size_t len, char *out, size_t cap)
{
    size_t n = len < 400 ? len : 400, l, cue[8], ncue = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && ncue < 8; i++) {
        if (fm_tx_word_at(text, n, i, "statement") || fm_tx_word_at(text, n, i, "press release") ||
            fm_tx_word_at(text, n, i, "communique") || fm_tx_word_at(text, n, i, "claim of responsibility"))
            cue[ncue++] = i;
        else if ((i == 0 || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
                 fm_lexicon_match(lx, FM_LEX_KILLED, text + i, n - i, &l))
            n = i; /* (a statement quoted after a toll told is not the text's head:
                    * "ISPR ...: Two soldiers embraced shahadat ... TTP statement,
                    * same evening: ...") */
    }
    for (size_t i = 0; i < n; i++) {
        const fm_lex_entry *p;
        int statement = 0;
        if (i > 0 && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        for (size_t c = 0; c < ncue; c++)
            statement |= (i > cue[c] ? i - cue[c] : cue[c] - i) < 120; /* (the release's
                             * own head; not a party the release's story names further
                             * on: "PRESS RELEASE / Frontier Children's Rights Network
                             * ... As the provincial government and the TNSM announce") */
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + i, n - i, &l)) &&
            (statement || !strcmp(p->v1, "ISPR")) && isupper((unsigned char)text[i])) {
            if (!statement && !(i > 3 && text[i - 1] == '-'))
                continue; /* ISPR's numbered releases end "-ISPR" */
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return;
        }
    }
}

/* The end of a quoted statement ("--- END TRANSLATION ---", "End of
 * statement"). */
/* Whether one of cues (a list ending in NULL) stands at a word's start in
 * text[start, end). */
static int cue_in(const char *text, size_t start, size_t end, const char *const *cues)
{
    for (size_t i = start; i < end; i++)
        for (size_t k = 0; cues[k]; k++)
            if ((i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
                fm_tx_word_at(text, end, i, cues[k]))
                return 1;
    return 0;
}

int tx_statement_ends(const char *text, size_t start, size_t end)
{
    static const char *const cues[] = {"end translation", "end of translation",
                                       "end of statement", "end of the statement",
                                       "end statement", "end of text", "translation ends",
                                       "statement ends", NULL};
    return cue_in(text, start, end, cues);
}

/* "TEHRIK-E-TALIBAN PAKISTAN - CENTRAL MEDIA OFFICE (UMAR MEDIA)": the rest
 * of a heading that names a party says the party's media office speaks. */
static int media_office(const char *text, size_t from, size_t e)
{
    for (size_t i = from; i < e; i++)
        if (fm_tx_word_at(text, e, i, "media office") || fm_tx_word_at(text, e, i, "media wing") ||
            fm_tx_word_at(text, e, i, "media cell") || fm_tx_word_at(text, e, i, "central media") ||
            fm_tx_word_at(text, e, i, "spokesman") || fm_tx_word_at(text, e, i, "communique"))
            return 1;
    return 0;
}

/* A compiled file's parts ("PART 2. ISPR PRESS RELEASES AND RESPONSE",
 * "PART 3. DESK NOTE"): a part whose heading names a party that issues
 * statements is that party's; any other part is no longer the statement
 * before it. Headings inside a statement that name no part keep its author. */
/* Whether the heading st titles a statement ("Statement of the BLA",
 * "Press release by the ISPR"). */
static int statement_title(const char *text, size_t lo, size_t end)
{
    static const char *const titles[] = {"statement of", "statement by", "statement from",
                                         "press release of", "press release by", NULL};
    for (size_t k = 0; titles[k]; k++)
        if (fm_tx_word_at(text, end, lo, titles[k]))
            return 1;
    return 0;
}

int tx_statement_heading(const char *text, const tx_sentence *st)
{
    return statement_title(text, st->start, st->end);
}

/* "No PR-350/2018-ISPR   Rawalpindi - October 2, 2018": a release's number. */
static int release_number(const char *text, size_t lo, size_t e)
{
    for (size_t i = lo; i + 3 < e; i++)
        if ((i == lo || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
            (!strncmp(text + i, "PR-", 3) || !strncmp(text + i, "PR No", 5) ||
             !strncmp(text + i, "PR/", 3)))
            return 1;
    return 0;
}

int tx_release_heading(const char *text, const tx_sentence *st)
{
    return statement_title(text, st->start, st->end) ||
           release_number(text, st->start, st->end);
}

void tx_section_author(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                       char *out, size_t cap)
{
    size_t l, e = lo;
    int part;
    while (e < len && text[e] != '\n')
        e++;
    if (e > lo + 2 && strchr("-*+", text[lo]) && text[lo + 1] == ' ')
        return; /* "- BLF statement: ...": a list's item quotes a statement; it
                 * does not head the rest of the text */
    part = fm_tx_word_at(text, e, lo, "part") || fm_tx_word_at(text, e, lo, "annex");
    if ((e - lo > 120 && !(part && e - lo <= 320)) ||
        (e > lo && strchr(".!?\"", text[e - 1]) && !part))
        return; /* a heading is a short line of its own with no end stop (a
                 * part's may run on, and end with its title's stop) */
    part = fm_tx_word_at(text, e, lo, "part") || fm_tx_word_at(text, e, lo, "section") ||
           fm_tx_word_at(text, e, lo, "annex") || fm_tx_word_at(text, e, lo, "appendix");
    /* "Statement of the BLA (translated from Urdu), 14 February" */
    int titled = statement_title(text, lo, e) || release_number(text, lo, e);
    for (size_t i = lo; i < e; i++) {
        const fm_lex_entry *p;
        if (i > lo && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + i, e - i, &l)) &&
            isupper((unsigned char)text[i]) &&
            (part || titled || fm_tx_word_at(text, e, i + l + 1, "statement") ||
             fm_tx_word_at(text, e, i + l + 1, "press release") || media_office(text, i + l, e))) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return;
        }
    }
    if (part)
        out[0] = '\0';
}

/* "↪ Forwarded from ISPR Official (@ISPR_official_pk), message #1184": a
 * channel's forwarded post; its source is the post's author (the party a
 * lexicon knows in its name, else the name as written). 0 when the line at
 * lo is not one. */
int tx_forwarded_from(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                      char *out, size_t cap)
{
    size_t i = lo, e, l;
    if (i + 3 <= len && !memcmp(text + i, "\xE2\x86\xAA", 3))
        i = fm_tx_skip_space(text, len, i + 3);
    if (!fm_tx_word_at(text, len, i, "forwarded from"))
        return 0;
    i = fm_tx_skip_space(text, len, i + 14);
    for (e = i; e < len && e - i < 48 && !strchr("(,\n[|", text[e]); e++)
        ;
    while (e > i && text[e - 1] == ' ')
        e--;
    if (e == i)
        return 0;
    for (size_t k = i; k < e; k++) {
        const fm_lex_entry *p;
        if (k > i && fm_tx_is_word_char((unsigned char)text[k - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + k, e - k, &l)) != NULL &&
            isupper((unsigned char)text[k])) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return 1;
        }
    }
    snprintf(out, cap, "%.*s", (int)(e - i), text + i);
    return 1;
}

int tx_label_brackets(const char *text, size_t lo, size_t hi, size_t *open, size_t *close)
{
    size_t i = lo, c;
    /* a label of capitals ("OFFICIAL", "CLAIM", "PFW NOTE"), then "(" */
    while (i < hi && i - lo < 24 && (isupper((unsigned char)text[i]) || text[i] == ' '))
        i++;
    if (i - lo < 3 || i >= hi || text[i] != '(' || text[i - 1] != ' ')
        return 0;
    for (c = i + 1; c < hi && c - i < 120 && text[c] != ')'; c++)
        ;
    if (c >= hi || text[c] != ')' || c + 1 >= hi || text[c + 1] != ':')
        return 0;
    *open = i + 1;
    *close = c;
    return 1;
}

int tx_label_party(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                   size_t cap)
{
    size_t open, close, l;
    if (!tx_label_brackets(text, lo, hi, &open, &close))
        return 0;
    /* the first thing in the brackets is who speaks: "(Levies, Jafarabad, 12
     * Feb)", "(Baloch Republican Army, spokesman Sarbaz Baloch, 12 Feb)" */
    const fm_lex_entry *p = fm_lexicon_match(lx, FM_LEX_PARTY, text + open, close - open, &l);
    if (p && (open + l == close || text[open + l] == ',' || text[open + l] == ' ')) {
        snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
        return 1;
    }
    out[0] = '\0';
    return 1; /* (a label whose speaker the lexicon does not know: nobody's) */
}

/* The tag that opens a transcript's turn at lo: up to six words (and one
 * bracket) before a colon and a space, the first capitalised ("DG ISPR:",
 * "Q (Daily Awaz-e-Sarhad, Peshawar):", "Maulvi Omar:"). Its end (past the
 * colon), or 0 when the line does not open with one. */
/* Whether the '.' at i ends a title's abbreviation: "Mr.", "Dr.", "Maj.",
 * "Gen.", a capitalised word of two to four letters. */
static int title_at(const char *text, size_t lo, size_t i)
{
    size_t w = i;
    while (w > lo && isalpha((unsigned char)text[w - 1]))
        w--;
    return i - w >= 2 && i - w <= 4 && isupper((unsigned char)text[w]) &&
           (w == lo || text[w - 1] == ' ' || text[w - 1] == '(');
}

static size_t turn_tag_end(const char *text, size_t lo, size_t hi)
{
    size_t i = lo, words = 1;
    if (i >= hi || !isupper((unsigned char)text[i]))
        return 0;
    for (; i < hi && i - lo < 80; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '(') {
            const char *close = memchr(text + i, ')', hi - i);
            if (!close || close - (text + i) > 60)
                return 0;
            i = (size_t)(close - text);
            continue;
        }
        if (c == ':')
            return i + 1 < hi && text[i + 1] == ' ' && i > lo ? i + 1 : 0;
        if (c == ' ' && ++words > 6)
            return 0;
        if (c == '\n' || c == '.' || c == ',' || c == ';' || c == '"' || isdigit(c))
            if (!(c == '.' && i > lo && (isupper((unsigned char)text[i - 1]) || title_at(text, lo, i))))
                return 0; /* ("Q.", "Maj. Gen.", "Mr. Speaker": abbreviations) */
    }
    return 0;
}

/* Whether the tag at lo asks: "Q", "Q.", "Question", "Q (Dawn)". */
static int question_tag(const char *text, size_t lo, size_t end)
{
    return fm_tx_word_at(text, end, lo, "Q") || fm_tx_word_at(text, end, lo, "Question") ||
           fm_tx_word_at(text, end, lo, "Reporter") || fm_tx_word_at(text, end, lo, "Journalist");
}

static int chair_tag(const char *text, size_t lo, size_t end);

/* Whether text[lo, end) reads as a person's or an office's name: two words
 * or more, each capitalised but "for", "of", "and", "the" ("Minister for
 * Interior"; not "Editor's note", "Source"). */
static int name_like(const char *text, size_t lo, size_t end)
{
    size_t words = 0;
    for (size_t i = lo; i < end; i++) {
        if (i > lo && text[i - 1] != ' ')
            continue;
        if (text[i] == ' ')
            continue;
        words++;
        if (!isupper((unsigned char)text[i]) && !fm_tx_word_at(text, end, i, "for") &&
            !fm_tx_word_at(text, end, i, "of") && !fm_tx_word_at(text, end, i, "and") &&
            !fm_tx_word_at(text, end, i, "the"))
            return 0;
    }
    return words >= 2;
}

int tx_turn_tag(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                size_t cap)
{
    size_t e = turn_tag_end(text, lo, hi), l;
    out[0] = '\0';
    if (!e)
        return 0;
    if (question_tag(text, lo, e))
        return 2;
    for (size_t i = lo; i < e; i++) {
        const fm_lex_entry *p;
        if (i > lo && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + i, e - 1 - i, &l)) != NULL) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            break;
        }
    }
    if (!out[0] && !chair_tag(text, lo, e)) {
        /* "Mr. Kanwar Khalid Yunus: ... My party has the names of twelve",
         * "Minister for Interior: Sir, ...": a speaker whose tag names no
         * party the lexicon knows speaks by the tag's name (its bracket
         * left out) */
        size_t end = lo;
        while (end < e - 1 && text[end] != '(')
            end++;
        while (end > lo && text[end - 1] == ' ')
            end--;
        if (end - lo >= 4 && end - lo < cap && name_like(text, lo, end))
            snprintf(out, cap, "%.*s", (int)(end - lo), text + lo);
    }
    return 1;
}

/* Whether the tag at lo is the chair's: "Mr. Speaker:", "Madam Chairman:". */
static int chair_tag(const char *text, size_t lo, size_t end)
{
    static const char *const chairs[] = {"Mr. Speaker", "Mr Speaker", "Madam Speaker",
                                         "Mr. Deputy Speaker", "Deputy Speaker",
                                         "Mr. Chairman", "Mr Chairman", "Madam Chairman",
                                         "Madam Chairperson", "Chairman", NULL};
    for (size_t k = 0; chairs[k]; k++)
        if (fm_tx_word_at(text, end, lo, chairs[k]))
            return 1;
    return 0;
}

int tx_is_transcript(const fm_lexicon *lx, const char *text, size_t len)
{
    size_t questions = 0, answers = 0, tags = 0, chair = 0;
    char party[64];
    for (size_t i = 0; i < len; i++) {
        int t;
        if (i > 0 && text[i - 1] != '\n')
            continue;
        t = tx_turn_tag(lx, text, i, len, party, sizeof party);
        questions += t == 2;
        answers += t == 1 && party[0];
        tags += t != 0;
        chair += t != 0 && chair_tag(text, i, len);
    }
    /* (and a house's debate: members' and ministers' turns under the chair's,
     * "Minister for Interior: Sir, the figure of nine is ...") */
    return (questions >= 2 && answers >= 2) || (chair >= 1 && answers >= 2 && tags >= 4);
}

int tx_lead_party(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                  size_t cap)
{
    static const char *const kinds[] = {"statement", "rebuttal", "response", "reply", "claim",
                                        "denial", "version", NULL};
    size_t l, w;
    const fm_lex_entry *p = fm_lexicon_match(lx, FM_LEX_PARTY, text + lo, hi - lo, &l);
    if (!p || !isupper((unsigned char)text[lo]))
        return 0;
    w = fm_tx_skip_space(text, hi, lo + l);
    for (size_t k = 0; kinds[k]; k++)
        if (fm_tx_word_at(text, hi, w, kinds[k])) {
            size_t e = w + strlen(kinds[k]);
            if (e < hi && (text[e] == ',' || text[e] == ':' ||
                           (text[e] == ' ' && e + 1 < hi && text[e + 1] == '('))) {
                snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
                return 1;
            }
        }
    return 0;
}

int tx_rebuts(const char *text, size_t start, size_t end)
{
    static const char *const cues[] = {"is a lie", "are lies", "is false", "is untrue",
                                       "is baseless", "the truth is", "in truth", NULL};
    return cue_in(text, start, end, cues);
}

int tx_weighs_claims(const char *text, size_t start, size_t end)
{
    static const char *const cues[] = {"no basis for", "the higher figure", "is borne out",
                                       "are borne out", "not borne out", NULL};
    return cue_in(text, start, end, cues);
}

size_t tx_question_tag_end(const char *text, size_t lo, size_t hi)
{
    size_t e = turn_tag_end(text, lo, hi);
    return e && question_tag(text, lo, e) ? e : 0;
}
