/* extract_parties.c: who said it. The parties a sentence names as speakers
 * ("ISPR said", "according to police", "Taliban: 58"), the figure a
 * document adopts as its own, and each toll given to the nearest speaker in
 * its clause. Party names are copied into the caller's fixed buffers. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

static const char *const said[] = {"said", "says", "say", "claimed", "claims", "claim",
                                   "stated", "states", "reported", "reports", "confirmed", "confirms",
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
                                   "quoted", "disputed", "contradicted", "contested", "dismissed", "refuted", "message",
                                   "statement", "phoned", "telephoned", "gave the figure",
                                   "gave a figure", "gives the figure", "gave the toll",
                                   "spoke of", "speaks of", "counted", "admitted", "gave",
                                   "boasted", "bragged", "deposed", "testified", "records", "recorded",
                                   /* "a man speaking for the TTP called journalists here" */
                                   "called journalists", "called reporters", "rang journalists",
                                   "rang reporters", "contacted journalists", "contacted reporters", "stand by their", "stand by its",
                                   "stands by its", "stands by their", "stood by their",
                                   "stood by its", "were saying", "was saying", "are saying", "is saying",
                                   /* "the paper quotes residents as saying" */
                                   "as saying", "as having said", "as telling",
                                   /* Roman Urdu: "Police ke mutabiq", "TTP ke ek tarjuman ne" */
                                   "ke mutabiq", "ke tarjuman", "ke ek tarjuman", "tarjuman ke mutabiq",
                                   /* Pashto: "د پولیټیکل انتظامیې په وینا", its spokesman said */
                                   "په وینا", "یو ویاند", "ویاند", "وویل",
                                   /* Urdu: "پولیس کے مطابق", "کے ترجمان نے ... دعویٰ کیا" */
                                   "کے مطابق", "کے ترجمان", "نے کہا", "نے بتایا",
                                   "نے دعویٰ کیا",
                                   NULL};

int tx_word_of_at(const char *s, size_t n, size_t i, const char *const *words)
{
    i = fm_tx_skip_space(s, n, i);
    for (size_t k = 0; words[k]; k++)
        if (fm_tx_word_at(s, n, i, words[k]))
            return 1;
    return 0;
}

/* i past an opening quotation mark there ('"' or U+201C), if any. */
static size_t past_open_quote(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '"')
        return i + 1;
    if (i + 2 < n && !memcmp(s + i, "\xE2\x80\x9C", 3))
        return i + 3;
    return i;
}

int tx_said_at(const char *s, size_t n, size_t i)
{
    i = past_open_quote(s, n, fm_tx_skip_space(s, n, i)); /* the police "stand by
                                     * their figure of four": the verb quoted */
    if (fm_tx_word_at(s, n, i, "have") || fm_tx_word_at(s, n, i, "has") ||
        fm_tx_word_at(s, n, i, "had")) {
        /* "the local elders, through the district nazim, have stated" */
        size_t v = fm_tx_skip_space(s, n, tx_next_word(s, n, i));
        if (tx_word_of_at(s, n, v, said))
            return 1;
    }
    return tx_word_of_at(s, n, i, said);
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

/* The length of the letters straight before i (a word's, back from its end). */
static size_t word_back(const char *s, size_t lo, size_t i)
{
    size_t b = i;
    while (b > lo && isalpha((unsigned char)s[b - 1]))
        b--;
    return i - b;
}

/* "Mohmand elders", "Safi elders", "Swat Taliban": a proper noun before a
 * party that names a people in general says which of them speak; the
 * name as the text gives it (qualifier and party) into out, or 0. */
static int party_qualified(const char *s, size_t lo, size_t n, size_t i, size_t l,
                           const char *label, char *out, size_t cap)
{
    static const char *const kinds[] = {"Elders", "Taliban", "Jirga", "Authorities",
                                        "Government", NULL};
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
    if ((!strcmp(label, "Authorities") || !strcmp(label, "Government")) && b >= lo + 3 &&
        s[b - 1] == ' ') {
        /* "The Azad Kashmir authorities' figure": a body named by its
         * territory's two words */
        size_t wl = word_back(s, lo, b - 1), a = b - 1 - wl;
        int ok = wl >= 2 && isupper((unsigned char)s[a]) &&
                 (a == lo || s[a - 1] == ' ' || s[a - 1] == '(');
        for (size_t k = 0; ok && common[k]; k++)
            if (strlen(common[k]) == wl && !strncmp(s + a, common[k], wl))
                ok = 0;
        if (ok)
            b = a;
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
    return fm_count_read(s + b, k - b, &c) == k - b && !tx_is_year(&c) && c.best > 0;
}

/* Whether the party at i signs a quotation: a closing quote, a dash, then
 * at most a few words ("statement of", "a spokesman for the") before the
 * party, as a pull quote's attribution gives it: '"..." -- statement of
 * Lashkar-e-Islam, 8 April 2013'. */
static int quote_signed_by(const char *s, size_t lo, size_t i)
{
    size_t d = i, words = 0;
    while (d > lo && i - d < 48) {
        unsigned char c = (unsigned char)s[d - 1];
        if (c == '.' || c == ';' || c == ':' || c == '"' || c == '\n')
            return 0; /* (a comma may stand between: "-- Azad Baloch, BLA, to reporters") */
        if ((c == '-' && d >= lo + 2 && s[d - 2] == '-') ||
            (d >= lo + 3 && (unsigned char)s[d - 3] == 0xE2 && (unsigned char)s[d - 2] == 0x80 &&
             (c == 0x94 || c == 0x93)))
            break; /* "--", an em or en dash */
        words += c == ' ';
        d--;
    }
    if (d <= lo || i - d >= 48 || words > 5)
        return 0;
    d -= s[d - 1] == '-' ? 2 : 3;
    while (d > lo && (s[d - 1] == ' ' || s[d - 1] == '\n'))
        d--; /* (the signature may stand in a paragraph of its own) */
    return d > lo && (s[d - 1] == '"' ||
                      (d >= lo + 3 && (unsigned char)s[d - 3] == 0xE2 &&
                       (unsigned char)s[d - 2] == 0x80 && (unsigned char)s[d - 1] == 0x9D));
}

/* Whether a verb of the party's own clause follows it at j: "repulsed",
 * "were", "had" ("The ISPR said security forces repulsed an attack": the
 * security forces are said to have acted, not the ones said to). */
static int clause_verb_at(const char *s, size_t n, size_t j)
{
    static const char *const aux[] = {"were", "had", "have", "has", "would", "will", NULL};
    /* (not "is": "the figure of the Interior Ministry is six") */
    size_t w = fm_tx_skip_space(s, n, j), e = w;
    while (e < n && islower((unsigned char)s[e]))
        e++;
    if (e == w || (e < n && fm_tx_is_word_char((unsigned char)s[e])))
        return 0;
    for (size_t k = 0; aux[k]; k++)
        if (e - w == strlen(aux[k]) && !strncmp(s + w, aux[k], e - w))
            return 1;
    return e - w > 4 && !strncmp(s + e - 2, "ed", 2) && !fm_tx_word_at(s, n, w, "said") &&
           !fm_tx_word_at(s, n, w, "added");
}

/* Whether the party that ends at j rejects what follows: "rejected",
 * "denied", "disputed" ... */
static int rejects_at(const char *s, size_t n, size_t j)
{
    static const char *const verbs[] = {"rejected", "rejects", "denied", "denies", "disputed",
                                        "dismissed", "refuted", "contradicted", NULL};
    return tx_word_of_at(s, n, j, verbs);
}

/* Whether a quotation opens at i, past the spaces ('...: "Our mujahideen'). */
static int quote_follows(const char *s, size_t n, size_t i)
{
    i = fm_tx_skip_space(s, n, i);
    return i < n && (s[i] == '"' || (i + 3 <= n && !memcmp(s + i, "\xE2\x80\x9C", 3)));
}

/* Whether a colon or an opening quotation mark stands in s[a, b). */
static int opens_quote(const char *s, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (s[k] == ':' || s[k] == '"' ||
            (k + 3 <= b && !memcmp(s + k, "\xE2\x80\x9C", 3)))
            return 1;
    return 0;
}

/* Where a word saying which officials straight before i begins ("according
 * to provincial officials", "to senior police officials"); i when there is
 * none. */
static size_t qualifier_before(const char *s, size_t lo, size_t i)
{
    static const char *const quals[] = {"provincial", "local", "senior", "district",
                                        "government", "military", "security", "tribal",
                                        "intelligence", "federal", "hospital", "police",
                                        "army", "official", NULL};
    size_t w = i;
    if (w < lo + 2 || s[w - 1] != ' ')
        return i;
    w--;
    while (w > lo && isalpha((unsigned char)s[w - 1]))
        w--;
    for (size_t k = 0; quals[k]; k++)
        if (fm_tx_word_at(s, i, w, quals[k]) && w + strlen(quals[k]) + 1 == i)
            return w;
    return i;
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

/* Past a possessive "'s" or "’s" at j (bounded by n), else j. */
static size_t possessive_end(const char *s, size_t n, size_t j)
{
    if (j + 2 < n && s[j] == '\'' && s[j + 1] == 's')
        return j + 2;
    if (j + 4 < n && !memcmp(s + j, "\xE2\x80\x99s", 4))
        return j + 4;
    return j;
}

/* Whether the party at [i, j) is the owner of a figure another speaker
 * rejects: "called the army's figure \"a lie\"", "disputed the ISPR's
 * toll", "says the army's figure is false". It does not speak there. */
static int disputed_figure(const char *s, size_t lo, size_t n, size_t i, size_t j)
{
    static const char *const figure[] = {"figure", "figures", "toll", "claim", "claims",
                                         "count", "numbers", "account", "version", NULL};
    static const char *const verb[] = {"called", "rejected", "disputed", "dismissed",
                                       "contradicted", "denied", "questioned", "challenged",
                                       "ridiculed", "mocked", "refuted", "calling", "calls",
                                       "rejects", "disputes", "dismisses", "contradicts",
                                       "denies", "questions", "challenges", "refutes",
                                       "rejecting", "disputing", "dismissing", NULL};
    static const char *const false_[] = {"a lie", "lies", "false", "wrong", "untrue",
                                         "propaganda", "exaggerated", "inflated", "fabricated",
                                         "nonsense", "baseless", NULL};
    size_t q = possessive_end(s, n, j);
    if (q == j || !tx_word_of_at(s, n, q, figure))
        return 0;
    {
        /* "He says the army's figure is \"a lie\"" */
        size_t v = fm_tx_skip_space(s, n, tx_next_word(s, n, fm_tx_skip_space(s, n, q)));
        if (fm_tx_word_at(s, n, v, "is") || fm_tx_word_at(s, n, v, "was")) {
            v = past_open_quote(s, n, fm_tx_skip_space(s, n, tx_next_word(s, n, v)));
            if (tx_word_of_at(s, n, v, false_))
                return 1;
        }
    }
    while (i > lo && s[i - 1] == ' ')
        i--;
    if (i >= lo + 3 && fm_tx_word_at(s, i, i - 3, "the"))
        i -= 3; /* ("called the army's figure") */
    return tx_word_before(s, lo, i, verb);
}

/* Whether only spaces, a comma and a rank come between a and b: "The
 * military spokesman, Maj. Gen. Shaukat Sultan": one speaker. */
static int title_gap(const char *s, size_t n, size_t a, size_t b)
{
    static const char *const ranks[] = {"Maj. Gen.", "Major General", "Lt. Gen.", "Lt Gen",
                                        "Lieutenant General", "Maj Gen", "Brig.", "Brigadier",
                                        "Col.", "Colonel", "Maulana", "Mufti", "Maulvi",
                                        "Qari", "Dr.", "Dr", "Mr.", "Mr", "General", "Gen.",
                                        NULL};
    a = fm_tx_skip_space(s, n, a);
    if (a < b && s[a] == ',')
        a = fm_tx_skip_space(s, n, a + 1);
    for (size_t k = 0; ranks[k] && a < b; k++)
        if (!strncmp(s + a, ranks[k], strlen(ranks[k])) && s[a + strlen(ranks[k])] == ' ') {
            a = fm_tx_skip_space(s, n, a + strlen(ranks[k]));
            k = (size_t)-1; /* ("Maj. Gen." then nothing, or "Maulana Mufti") */
        }
    return a == b;
}

/* Whether the words between a party's end a and a speaker's name at b make
 * him its spokesman: "the Taliban spokesman, Muslim Khan", "the Taliban,
 * through their spokes-man Muslim Khan", "the TTP's spokesman Azam Tariq". */
static int spokesman_gap(const char *s, size_t n, size_t a, size_t b, int seen)
{
    static const char *const via[] = {"through their", "through its", "via their", "via its",
                                      "through a", "through", NULL};
    static const char *const role[] = {"spokesman", "spokes-man", "spokesperson",
                                       "spokes- man", "commander", NULL};
    a = fm_tx_skip_space(s, n, possessive_end(s, b, a));
    if (a < b && s[a] == ',')
        a = fm_tx_skip_space(s, n, a + 1);
    for (size_t k = 0; via[k]; k++)
        if (fm_tx_word_at(s, b, a, via[k])) {
            a = fm_tx_skip_space(s, n, a + strlen(via[k]));
            break;
        }
    for (size_t k = 0; role[k]; k++)
        if (fm_tx_word_at(s, b, a, role[k])) {
            a += strlen(role[k]);
            seen = 1;
            break;
        }
    a = fm_tx_skip_space(s, n, a);
    if (fm_tx_word_at(s, b, a, "in") || fm_tx_word_at(s, b, a, "for")) {
        /* "A Taliban spokesman in Swat, Muslim Khan": where he speaks from */
        a = fm_tx_skip_space(s, n, tx_next_word(s, b, a));
        if (a >= b || !isupper((unsigned char)s[a]))
            return 0;
        a = tx_next_word(s, b, a);
    }
    return seen && title_gap(s, n, a, b);
}

/* "Complainant: Inspector, CTD Gujranwala.": a record's field labelled by
 * a party, its value a few words naming a person, no figure; the party does
 * not speak for the record's toll (not "ISPR: A military convoy was
 * ambushed ...", a statement under its author's name). */
static int bare_label(const char *s, size_t lo, size_t n, size_t i, size_t j)
{
    size_t words = 0;
    if (fm_tx_past_bullet(s, lo, n) != i)
        return 0;
    for (size_t e = j + 1; e < n; e++) {
        fm_count c;
        if (s[e] == ' ' && e + 1 < n && s[e + 1] != ' ' && ++words > 6)
            return 0;
        if ((e == j + 1 || !fm_tx_is_word_char((unsigned char)s[e - 1])) &&
            fm_count_read(s + e, n - e, &c) > 0 && c.best > 0)
            return 0;
    }
    return 1;
}

/* Attributions in the sentence: "PARTY said", "according to PARTY",
 * "PARTY:" and "said PARTY". */
size_t tx_read_parties(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                       tx_party_at *out, size_t max)
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
        if (j + 2 < n && s[j] == ' ' && s[j + 1] == '@' &&
            fm_tx_is_word_char((unsigned char)s[j + 2])) {
            /* "DG ISPR @AsimBajwaISPR: ...": a post's author and handle */
            size_t h = j + 2;
            while (h < n && (fm_tx_is_word_char((unsigned char)s[h]) || s[h] == '_'))
                h++;
            if (h < n && s[h] == ':')
                j = h;
        }
        {
            /* "the deadliest attacks in Pakistan this year, said": a place,
             * not a speaker ("in Kabul", "across Pakistan"); "read out on
             * Radio Pakistan": where it was heard */
            static const char *const where[] = {"in", "across", "inside", "throughout", "into",
                                                "within", "on", NULL};
            /* "the JWP accused the FC of shelling villages and put the toll
             * at twelve": the accused does not speak */
            static const char *const accused[] = {"accused the", "accused", "accusing the",
                                                  "accusing", "blamed the", "blamed",
                                                  "blaming the", "blaming", NULL};
            /* "The elders of Mattani, in their jirga with the Assistant
             * Commissioner, claimed thirteen": a party named as someone's
             * (their jirga, its statement) is not the speaker */
            static const char *const whose[] = {"their", "its", "his", "her", NULL};
            if (tx_word_before(s, lo, i, where) || tx_word_before(s, lo, i, accused) ||
                tx_word_before(s, lo, i, whose) || disputed_figure(s, lo, n, i, j)) {
                i = j;
                continue;
            }
        }
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
            if (close && (close - (s + q) < 24 ||
                          (close - (s + q) < 100 && tx_said_at(s, n, (size_t)(close - s) + 1))))
                j = (size_t)(close - s) + 1; /* ("TTP (Ehsanullah Ehsan, by phone to
                                              * journalists in Parachinar) says") */
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
            if (close && (size_t)(close - (s + j)) < reach && tx_said_at(s, n, (size_t)(close - s) + 1))
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
        if (i > lo && s[i - 1] == '(' && j < n && s[j] == ')' && i >= lo + 3 &&
            (s[i - 2] == ' ' && isalpha((unsigned char)s[i - 3])))
            attributed = 1; /* "6 killed (police); Edhi Foundation: 7": a figure's
                             * source in brackets after it */
        if (quote_signed_by(s, lo, i))
            attributed = 1; /* '"... only four of our mujahideen were martyred ..."
                             * -- Ehsanullah Ehsan, spokesman of the TTP' */
        if ((tx_said_at(s, n, j) && !responsibility_at(s, n, j)) ||
            (j < n && s[j] == ':' && !bare_label(s, lo, n, i, j)))
            attributed = 1;
        if (j < n && s[j] == ')' && tx_said_at(s, n, j + 1) && !responsibility_at(s, n, j + 1) &&
            initials_at(s, i, j))
            attributed = 1; /* "The Baloch group that said it did it (the BLF) claimed
                             * five soldiers" (its initials: not "A TTP spokesman
                             * (Muhammad Khurasani) told AFP", the spokesman's name) */
        {
            /* "the Pakistani Taliban's spokesman Shahidullah Shahid called
             * Mashaal and said that ...": the party's own verb a few words on,
             * in the same clause */
            size_t w = j, words = 0, budget = 8, vat, vlen;
            size_t head = lo;
            for (size_t c = lo; c < i; c++)
                if (s[c] == ':' || s[c] == ';')
                    head = c + 1; /* ("Competing claim: a Taliban commander told") */
            head = fm_tx_skip_space(s, n, head);
            if (fm_tx_word_at(s, n, head, "a") || fm_tx_word_at(s, n, head, "an") ||
                fm_tx_word_at(s, n, head, "the"))
                head = fm_tx_skip_space(s, n, tx_next_word(s, n, head));
            if (tx_victim_at(lx, s, n, j, &vat, &vlen) && vat == fm_tx_skip_space(s, n, j) &&
                i != head)
                w = n; /* "killing three Frontier Corps soldiers, an official said":
                        * the party names the victims, it does not speak (as the
                        * sentence's subject it does: "A Taliban commander reached
                        * by telephone insisted that only 12 people had died") */
            for (size_t c = j; !attributed && c < n && c < j + 120; c++) {
                /* "Hafiz Gul Bahadur group channel (Sat, 22:05), in a voice note
                 * attributed to its spokesman Ahmadullah Ahmadi: \"Our mujahideen
                 * killed two\"": the party's words after a colon, however far */
                if (s[c] == '(') {
                    const char *close = memchr(s + c, ')', n - c);
                    if (!close || close - (s + c) > 40)
                        break;
                    c = (size_t)(close - s);
                    continue;
                }
                if (strchr(".;\"\n", s[c]))
                    break;
                if (s[c] == ':') {
                    attributed = quote_follows(s, n, c + 1);
                    break;
                }
            }
            while (!attributed && w < n && words < budget && !strchr(".;:)\"", s[w]) &&
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
                    size_t q0 = fm_tx_skip_space(s, n, w + 1), ol;
                    if (fm_tx_word_at(s, n, q0, "the") || fm_tx_word_at(s, n, q0, "a"))
                        q0 = fm_tx_skip_space(s, n, tx_next_word(s, n, q0));
                    if (fm_lexicon_match(lx, FM_LEX_PARTY, s + q0, n - q0, &ol))
                        break; /* "attacked a security forces vehicle in Khyber
                                * Agency on Wednesday, officials said": the verb
                                * is the next party's */
                }
                if (s[w] == ',' && w + 2 < n) {
                    /* "The Taleban spokesman Ehsanollah Ehsan, speaking by phone
                     * to an Afghan outlet, said": an aside of a participle;
                     * "Complainant Syed Ashraf Ali, in-charge of the unit
                     * office, states": an appositive before the verb */
                    size_t q = fm_tx_skip_space(s, n, w + 1), e = q;
                    const char *close;
                    const char *comma = memchr(s + q, ',', n - q);
                    if (comma && comma - (s + q) < 90 && !memchr(s + q, '.', (size_t)(comma - (s + q))) &&
                        tx_said_at(s, n, (size_t)(comma - s) + 1) &&
                        !responsibility_at(s, n, (size_t)(comma - s) + 1)) {
                        attributed = 1;
                        break;
                    }
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
                    if (tx_said_at(s, n, w + 1) && !responsibility_at(s, n, w + 1))
                        attributed = 1;
                    else if (responsibility_at(s, n, w + 1) && budget == 8)
                        budget += 8; /* "The Islamic State group's news agency claimed
                                      * the attack the next day and said five" */
                }
                w++;
            }
        }
        {
            /* "the enemy's claim that", "ISPR's figure for the Sipah fighting
             * is eighteen" */
            static const char *const owned[] = {"claim", "figure", "toll", "count", "account",
                                                "register", "records", "tally", "list", "figures",
                                                "statement", "release", "communique",
                                                NULL};
            size_t q = possessive_end(s, n, j);
            if (q == j && q + 1 < n && q > i && s[q - 1] == 's' && s[q] == '\'')
                q += 1; /* "the authorities' figure" */
            /* ("the ISPR figure of six": the party's name as a modifier) */
            int article = (i >= lo + 4 && fm_tx_word_at(s, i, i - 4, "the")) ||
                          fm_tx_word_at(s, j, i, "the") || /* (the lexicon's "the police") */
                          isupper((unsigned char)s[i]); /* ("Police figure of 12") */
            size_t q2 = q > j ? tx_next_word(s, n, fm_tx_skip_space(s, n, q)) : q;
            for (size_t w = 0; owned[w]; w++)
                if ((q > j || (article && w > 0)) &&
                    (fm_tx_word_at(s, n, fm_tx_skip_space(s, n, q), owned[w]) ||
                     (w > 0 && q2 > q && fm_tx_word_at(s, n, q2, owned[w]))))
                    attributed = 1; /* (not "the TTP claim": "claim" follows a possessive;
                                     * "the civil hospital's casualty register") */
        }
        size_t i0 = qualifier_before(s, lo, proper_before(s, lo, i)); /* "according
                                     * to the Kohat police", "to provincial officials" */
        if (i0 >= lo + 4 && fm_tx_word_at(s, i0, i0 - 4, "the"))
            i0 -= 4; /* "according to the security forces": past the article */
        /* ("said 27 Taliban and four lashkar men were killed": counted
         * victims, not the one said to) */
        size_t vat2, vlen2;
        int vkilled;
        const fm_lex_entry *verb2 = tx_verb_after(lx, s, n, j, &vat2, &vlen2, &vkilled);
        int counted = counted_before(s, lo, i) && verb2;
        /* ("The ISPR said security forces killed four terrorists": the ones
         * who killed, not the ones said to) */
        int agent = (verb2 && vat2 == fm_tx_skip_space(s, n, j)) || clause_verb_at(s, n, j);
        for (size_t b = i0 > lo + 14 ? i0 - 14 : lo; b < i0 && !counted; b++)
            if ((fm_tx_word_at(s, i0, b, "according to") || fm_tx_word_at(s, i0, b, "said") ||
                 fm_tx_word_at(s, i0, b, "figure of") || /* "fourteen dead, the figure of
                                                           * the Sindh police" */
                 fm_tx_word_at(s, i0, b, "quoting") || fm_tx_word_at(s, i0, b, "citing") ||
                 fm_tx_word_at(s, i0, b, "called") || fm_tx_word_at(s, i0, b, "spoke to") ||
                 fm_tx_word_at(s, i0, b, "spoke with") || fm_tx_word_at(s, i0, b, "talked to") ||
                 fm_tx_word_at(s, i0, b, "interviewed") || fm_tx_word_at(s, i0, b, "given by") ||
                 fm_tx_word_at(s, i0, b, "issued by") || fm_tx_word_at(s, i0, b, "reply from") ||
                 fm_tx_word_at(s, i0, b, "response from") ||
                 fm_tx_word_at(s, i0, b, "rebuttal from")) &&
                !opens_quote(s, b, i0) && !agent) /* (not 'said: "Security forces
                                                     * today repulsed': the quotation's
                                                     * subject) */
                attributed = 1; /* ("The figure given by the Inter-Services Public
                                 * Relations, twenty-one dead in all, stands"; "the papers
                                 * carry a reply from Muslim Khan": he speaks) */
        if (attributed && j < n && s[j] == ',') {
            /* "Muslim Khan, the spokesman of the Swat Taliban, contradicted":
             * the party his apposition names speaks through him */
            static const char *const of[] = {"the spokesman of", "the spokesman for",
                                             "a spokesman of", "a spokesman for",
                                             "spokesman of", "spokesman for",
                                             "the spokesperson of", "the spokesperson for",
                                             NULL};
            if (tx_word_of_at(s, n, j + 1, of)) {
                i = j;
                continue;
            }
        }
        if (attributed && count > 0 && title_gap(s, n, out[count - 1].end, i) &&
            out[count - 1].len > 9 &&
            (!strncasecmp(s + out[count - 1].off + out[count - 1].len - 9, "spokesman", 9) ||
             !strncasecmp(s + out[count - 1].off + out[count - 1].len - 9, "commander", 9))) {
            /* "Taliban spokesman Ehsanullah Ehsan said": the spokesman's
             * name after his party's is the same speaker (who "disputed"
             * what follows, if he did) */
            out[count - 1].rejects |= rejects_at(s, n, j);
            i = j;
            continue;
        }
        if (attributed) {
            const fm_lex_entry *owner = NULL;
            size_t ol = 0;
            for (size_t b = i > lo + 48 ? i - 48 : lo; b + 3 < i && !owner; b++)
                if ((b == lo || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
                    (owner = fm_lexicon_match(lx, FM_LEX_PARTY, s + b, i - b, &ol)) != NULL &&
                    (strcmp(owner->v2, "group") ||
                     !((i - (b + ol) == 3 && !strncmp(s + b + ol, "'s ", 3)) ||
                       (i - (b + ol) == 5 && !strncmp(s + b + ol, "\xE2\x80\x99s ", 5)) ||
                       spokesman_gap(s, n, b + ol, i,
                                     ol > 9 && !strncasecmp(s + b + ol - 9, "spokesman", 9)))))
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
            out[count].rejects = rejects_at(s, n, j);
            if (count > 0 && !strcmp(out[count].name, out[count - 1].name) &&
                i - out[count - 1].end < 40 && !memchr(s + out[count - 1].end, ',', i - out[count - 1].end))
                out[count - 1].end = j, out[count - 1].rejects |= out[count].rejects;
                                       /* "Pakistani Taliban spokesman Ehsanullah
                                        * Ehsan said": one speaker, named twice */
            else
                count++;
        }
        i = j;
    }
    return count;
}

/* "LI's spokesman told a local FM station only 3": a group the lexicon does
 * not know, named as the owner of a spokesman who speaks; one party at
 * most, into out. */
size_t tx_unknown_spokesman(const char *s, size_t lo, size_t n, tx_party_at *out)
{
    /* (the media from first_media on may take one adjective: "Fazlullah's
     * illegal FM station claimed twelve") */
    static const char *const roles[] = {"spokesman", "spokesperson", "commander",
                                        "FM station", "FM radio", "radio", "radio station",
                                        NULL};
    const size_t first_media = 3;
    for (size_t i = lo; i + 4 < n; i++) {
        size_t b = i, e;
        if (s[i] != '\'' || s[i + 1] != 's' || s[i + 2] != ' ')
            continue;
        while (b > lo && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '-'))
            b--;
        if (b == i || !isupper((unsigned char)s[b]) || (b > lo && s[b - 1] != ' '))
            continue;
        for (size_t r = 0; roles[r]; r++) {
            size_t at = i + 3;
            if (!fm_tx_word_at(s, n, at, roles[r]) && r >= first_media &&
                islower((unsigned char)s[at]))
                at = fm_tx_skip_space(s, n, tx_next_word(s, n, at));
            if (fm_tx_word_at(s, n, at, roles[r])) {
                e = at + strlen(roles[r]);
                if (e < n && s[e] == ',' && b >= lo + 4 && fm_tx_word_at(s, n, b - 4, "the"))
                    e++; /* "Sirajuddin, the TNSM's spokesman, told reporters" */
                else if (e + 2 < n && s[e] == ',' && isupper((unsigned char)s[e + 2])) {
                    /* "Fazlullah's spokesman, Maulana Ghulam Hussain, tells BBC
                     * Urdu": past the spokesman's name */
                    const char *c = memchr(s + e + 1, ',', n - e - 1);
                    if (c && c - (s + e) < 48 && !memchr(s + e + 1, '.', (size_t)(c - (s + e))))
                        e = (size_t)(c - s) + 1;
                } else if (e + 2 < n && s[e] == ',') {
                    /* "Maulvi Nazir's spokesman, speaking by telephone to
                     * reporters on March 20, claimed": past a participle's aside */
                    size_t w = fm_tx_skip_space(s, n, e + 1), we = w;
                    const char *c = memchr(s + e + 1, ',', n - e - 1);
                    while (we < n && isalpha((unsigned char)s[we]))
                        we++;
                    if (we - w > 4 && !strncmp(s + we - 3, "ing", 3) && c && c - (s + e) < 120 &&
                        !memchr(s + e + 1, '.', (size_t)(c - (s + e))))
                        e = (size_t)(c - s) + 1;
                }
                if (!tx_said_at(s, n, fm_tx_skip_space(s, n, e)))
                    break;
                out->off = b;
                out->len = i - b;
                out->rejects = 0;
                out->group = 1; /* (a body with a spokesman the lexicon does not
                                 * know is a group or a movement, not the state) */
                out->end = e;
                snprintf(out->name, sizeof out->name, "%.*s", (int)(i - b), s + b);
                return 1;
            }
        }
    }
    return 0;
}

/* "We use the ISPR figure", "ISPR 23 (our figure), elders 14", "Police figure
 * of 12 is the one we stand by": the party named nearest the cue, whose
 * figure the document takes as its own; "" when there is no cue or party. */
int tx_read_adopted(const fm_lexicon *lx, const char *s, size_t lo, size_t n, char *out,
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
        if (memchr(s + (i < cue ? i + l : cue), ';', d))
            d = (size_t)-2; /* ("The police nine ... is the one we use; the MQM's
                             * thirteen appears nowhere else": another clause's) */
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

/* "Two soldiers embraced shahadat; in the exchange of fire five terrorists
 * were killed, the ISPR said.": a speaker after the sentence's last clause,
 * with only its verb of saying before the stop, speaks for every clause. */
static int tail_speaker(const char *s, const tx_sentence *st, const tx_party_at *p)
{
    size_t b = p->off, e = p->end, k;
    while (b > st->start && s[b - 1] == ' ')
        b--;
    if (b >= st->start + 4 && !strncasecmp(s + b - 3, "the", 3) && s[b - 4] == ' ')
        b -= 4; /* (", the ISPR said") */
    if (b <= st->start || s[b - 1] != ',')
        return 0;
    for (k = 0; k < st->ntoll; k++)
        if (st->toll[k].end > p->off)
            return 0;
    e = fm_tx_skip_space(s, st->end, e);
    if (!tx_said_at(s, st->end, e))
        return 0;
    while (e < st->end && fm_tx_is_word_char((unsigned char)s[e]))
        e++;
    e = fm_tx_skip_space(s, st->end, e);
    return e >= st->end || s[e] == '.' || s[e] == '\n';
}

void tx_attribute(const char *s, tx_sentence *st, const tx_party_at *p, size_t np)
{
    for (size_t t = 0; t < st->ntoll; t++) {
        tx_toll *tl = &st->toll[t];
        const tx_party_at *best = NULL;
        size_t bestd = (size_t)-1;
        for (size_t k = 0; k < np; k++) {
            size_t a = p[k].off < tl->off ? p[k].end : tl->end;
            size_t b = p[k].off < tl->off ? tl->off : p[k].off;
            size_t d = b - a;
            if (tx_clause_break(s, a, b) && !(p[k].off < tl->off && s[p[k].end] == ':'))
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
            !(p[0].off > tl->end && memchr(s + tl->end, ';', p[0].off - tl->end) &&
              !tail_speaker(s, st, &p[0])) &&
            !(p[0].off < tl->off && memchr(s + p[0].end, ';', tl->off - p[0].end)) &&
            !(p[0].off < tl->off && first_person(s, p[0].end, tl->off)))
            best = &p[0]; /* the sentence's one speaker: "ISPR said six soldiers
                           * died while repulsing the attack and that four
                           * terrorists were killed" */
        if (best) {
            snprintf(tl->party, sizeof tl->party, "%s", best->name);
            tl->party_group = best->group;
        }
    }
}

void tx_quote_signer(const fm_lexicon *lx, const char *s, size_t lo, size_t hi, char *out,
                     size_t cap)
{
    size_t q = lo;
    /* the paragraph opens with a quotation mark */
    if (q < hi && s[q] == '"')
        q++;
    else if (q + 3 <= hi && !memcmp(s + q, "\xE2\x80\x9C", 3))
        q += 3;
    else
        return;
    for (size_t i = hi; i > q; i--) {
        size_t l;
        const fm_lex_entry *p;
        if (fm_tx_is_word_char((unsigned char)s[i - 1]) && i - 1 > q &&
            !fm_tx_is_word_char((unsigned char)s[i - 2]) &&
            (p = fm_lexicon_match(lx, FM_LEX_PARTY, s + i - 1, hi - (i - 1), &l)) != NULL &&
            quote_signed_by(s, q, i - 1)) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return;
        }
    }
}
