/* extract_orgs.c: a body the lexicon does not know that speaks for a toll.
 * "The traders' association later put the dead at six", "the Pakhtun Action
 * Committee said 19": a noun phrase that ends in the word for an organised
 * body, as the subject of a verb of saying, is the party, named as the text
 * names it. The name is copied into the caller's buffer. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* The words that end an organised body's name. */
static const char *const bodies[] = {
    "association", "council", "committee", "union", "front", "movement", "party",
    "organisation", "organization", "federation", "alliance", "league", "network",
    "forum", "shura", "commission", "society", "faction", "tanzeem", "ittehad", NULL};

/* Words that may stand between the name and its verb ("later", "also"). */
static const char *const between[] = {"later", "also", "itself", "then", "however", "again",
                                      "has", "had", "have", NULL};

/* The party named s[b, e), as the text names it, capitalised, into out. */
static void name_party(const char *s, size_t b, size_t e, tx_party_at *out)
{
    out->off = b;
    out->len = e - b;
    out->end = e;
    out->rejects = 0;
    snprintf(out->name, sizeof out->name, "%.*s", (int)(e - b), s + b);
    out->name[0] = (char)toupper((unsigned char)out->name[0]);
}

static size_t word_end_at(const char *s, size_t n, size_t i)
{
    while (i < n && (fm_tx_is_word_char((unsigned char)s[i]) || s[i] == '-' || s[i] == '\''))
        i++;
    return i;
}

/* Whether the word at [i, e) is a body's word. */
static int body_word(const char *s, size_t i, size_t e)
{
    for (size_t k = 0; bodies[k]; k++)
        if (e - i == strlen(bodies[k]) && !strncasecmp(s + i, bodies[k], e - i))
            return 1;
    return 0;
}

/* Past the words that may stand before the verb, and an aside between
 * commas ("The MQM, in a statement from London, said"). */
static size_t to_verb(const char *s, size_t n, size_t e)
{
    size_t j = fm_tx_skip_space(s, n, e);
    if (j < n && s[j] == ',') {
        size_t c = j + 1;
        while (c < n && c < j + 100 && s[c] != ',' && s[c] != '.')
            c++;
        if (c < n && s[c] == ',')
            j = fm_tx_skip_space(s, n, c + 1);
    }
    for (int again = 1; again;) {
        again = 0;
        for (size_t k = 0; between[k]; k++)
            if (fm_tx_word_at(s, n, j, between[k])) {
                j = fm_tx_skip_space(s, n, j + strlen(between[k]));
                again = 1;
            }
    }
    return j;
}

/* "Leaders of the Pakhtoon transporters, in a press conference held the next
 * day, claimed ...": the people whose leaders speak, up to four words after
 * "of the", when a verb of saying follows them (past an aside); 1 with the
 * party in out. */
static int leaders_of(const char *s, size_t lo, size_t n, size_t i, tx_party_at *out)
{
    static const char *const heads[] = {"leaders of the", "representatives of the",
                                        "spokesmen for the", "office-bearers of the", NULL};
    size_t b, e, we, k;
    for (k = 0; heads[k] && !fm_tx_word_at(s, n, i, heads[k]); k++)
        ;
    if (!heads[k] || (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])))
        return 0;
    b = e = fm_tx_skip_space(s, n, i + strlen(heads[k]));
    for (int words = 0; words < 4 && e < n && fm_tx_is_word_char((unsigned char)s[e]); words++) {
        we = word_end_at(s, n, e);
        if (tx_said_at(s, n, e))
            break;
        if (tx_said_at(s, n, to_verb(s, n, we))) {
            name_party(s, b, we, out);
            return 1;
        }
        if (we < n && s[we] == ' ')
            e = we + 1;
        else
            break;
    }
    return 0;
}

size_t tx_unknown_org(const char *s, size_t lo, size_t n, tx_party_at *out)
{
    for (size_t i = lo; i + 4 < n; i++) {
        if (leaders_of(s, lo, n, i, out))
            return 1;
        size_t b, e, words = 0;
        if (!fm_tx_word_at(s, n, i, "the"))
            continue;
        b = fm_tx_skip_space(s, n, i + 3);
        e = b;
        while (words < 4 && e < n && fm_tx_is_word_char((unsigned char)s[e])) {
            size_t we = word_end_at(s, n, e);
            words++;
            if (words > 1 && body_word(s, e, we)) {
                size_t v = to_verb(s, n, we);
                if (tx_said_at(s, n, v)) {
                    name_party(s, b, we, out);
                    return 1;
                }
                if (!(we + 1 < n && s[we] == ' ' && isupper((unsigned char)s[we + 1])))
                    break; /* (but "the Sunni Ittehad Council": a body's word
                            * inside the name goes on to its last) */
            }
            if (we < n && s[we] == ' ')
                e = we + 1;
            else
                break;
        }
    }
    return 0;
}

/* "A man who said he spoke for the \"mujahideen of North Waziristan\"
 * telephoned journalists ... to say that fifteen soldiers had died": whom a
 * caller speaks for, named in quotation marks (up to its "of"), is the
 * party; one at most. */
size_t tx_spoke_for(const char *s, size_t lo, size_t n, tx_party_at *out)
{
    static const char *const cues[] = {"spoke for the", "speaking for the", "speak for the",
                                       "spokesman for the", NULL};
    for (size_t i = lo; i + 4 < n; i++) {
        size_t c, q, e, cut;
        for (c = 0; cues[c] && !fm_tx_word_at(s, n, i, cues[c]); c++)
            ;
        if (!cues[c] || (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])))
            continue;
        q = fm_tx_skip_space(s, n, i + strlen(cues[c]));
        if (q >= n || s[q] != '"')
            continue;
        for (e = q + 1; e < n && s[e] != '"' && e < q + 60; e++)
            ;
        if (e >= n || s[e] != '"' || e == q + 1)
            continue;
        for (cut = q + 1; cut + 4 < e && memcmp(s + cut, " of ", 4); cut++)
            ;
        if (cut + 4 >= e)
            cut = e;
        out->off = q + 1;
        out->len = cut - (q + 1);
        out->end = e + 1;
        out->rejects = 0;
        snprintf(out->name, sizeof out->name, "%.*s", (int)out->len, s + q + 1);
        out->name[0] = (char)toupper((unsigned char)out->name[0]);
        return 1;
    }
    return 0;
}

/* "Indian newspapers, quoting unnamed army officers, reported that ... 25
 * had been killed": whom a report quotes is the party (with the report's
 * nationality when the quoted name has none: "Indian army officers"); one
 * at most. */
size_t tx_quoting(const fm_lexicon *lx, const char *s, size_t lo, size_t n, tx_party_at *out)
{
    static const char *const vague[] = {"unnamed", "unidentified", "anonymous", "local", "their",
                                        "its", "his", "the", NULL};
    static const char *const nations[] = {"Indian", "Afghan", "Pakistani", "Iranian", NULL};
    for (size_t i = lo; i + 8 < n; i++) {
        size_t b, e, c;
        int words = 0;
        char nation[16] = "";
        if (!fm_tx_word_at(s, n, i, "quoting") ||
            (i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])))
            continue;
        b = fm_tx_skip_space(s, n, i + 7);
        for (size_t k = 0; vague[k]; k++)
            if (fm_tx_word_at(s, n, b, vague[k])) {
                b = fm_tx_skip_space(s, n, b + strlen(vague[k]));
                k = (size_t)-1; /* ("the unnamed", "their own") */
            }
        for (e = b; e < n && words < 4 && fm_tx_is_word_char((unsigned char)s[e]);) {
            if (tx_said_at(s, n, e))
                break;
            e = word_end_at(s, n, e);
            words++;
            if (e < n && s[e] == ' ' && e + 1 < n && fm_tx_is_word_char((unsigned char)s[e + 1]) &&
                !tx_said_at(s, n, e + 1) && !fm_tx_word_at(s, n, e + 1, "as") &&
                !fm_tx_word_at(s, n, e + 1, "that"))
                e++;
            else
                break;
        }
        if (e == b || words == 0 || words >= 4 || !(e < n && (s[e] == ',' || s[e] == ' ')))
            continue;
        for (c = lo; c < i; c++)
            for (size_t k = 0; nations[k] && !nation[0]; k++)
                if ((c == lo || s[c - 1] == ' ') && fm_tx_word_at(s, i, c, nations[k]))
                    snprintf(nation, sizeof nation, "%s ", nations[k]);
        for (size_t k = 0; nations[k]; k++)
            if (fm_tx_word_at(s, e, b, nations[k]))
                nation[0] = '\0';
        name_party(s, b, e, out);
        if (nation[0])
            snprintf(out->name, sizeof out->name, "%s%.*s", nation, (int)(e - b), s + b);
        {
            /* "quoting their army" on Indian television: the Indian Army, as
             * the lexicon names it */
            size_t l, nl = strlen(out->name);
            const fm_lex_entry *p = fm_lexicon_match(lx, FM_LEX_PARTY, out->name, nl, &l);
            if (p && l == nl && p->v1[0])
                snprintf(out->name, sizeof out->name, "%s", p->v1);
        }
        return 1;
    }
    return 0;
}
