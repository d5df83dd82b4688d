/* extract_tolls.c: a sentence's tolls: each count tied to a killed or injured
 * word, with its victims, whether it is a breakdown, a total or a party's
 * figure, written into the caller's tx_sentence (at most TX_MAX_TOLLS); a
 * bare "Total 6.", a record's casualties field, one named victim. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

static const char *const in_all[] = {"in all", "in total", NULL};

/* "Total 6." after "5 terrorists killed, 1 soldier shaheed": a sentence
 * that is only a total. Read as a killed total; the assembler keeps it
 * only after a toll of the same paragraph. */
void tx_bare_total(const char *s, tx_sentence *st)
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
    if (!(used = fm_count_read(s + i, n - i, &c)) || tx_is_year(&c))
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
void tx_field_count(const char *s, tx_sentence *st)
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
    if (i >= n || !(used = fm_count_read(s + i, n - i, &c)) || tx_is_year(&c) || c.best <= 0)
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
 * life", "Constable Muhammad Riaz martyred": a soldier's or policeman's
 * death told of one named man, the verb straight after a name or the roster
 * that follows it (its last word capitalised), with no count in the
 * sentence. */
static int named_martyr(const char *s, const tx_sentence *st, size_t i)
{
    size_t b = i;
    if (!(fm_tx_word_at(s, st->end, i, "embraced shahadat") ||
          fm_tx_word_at(s, st->end, i, "embraced martyrdom") ||
          fm_tx_word_at(s, st->end, i, "laid down his life") ||
          fm_tx_word_at(s, st->end, i, "martyred")))
        return 0; /* ("Constable Muhammad Riaz martyred.", a post's short form) */
    while (b > st->start && (s[b - 1] == ' ' || s[b - 1] == ','))
        b--;
    if (b > st->start && s[b - 1] == ')') {
        /* "Constable Gul Rehman No. 512 (resident of Karak) embraced
         * shahadat": past his home and his belt number */
        size_t o = b - 1;
        while (o > st->start && b - o < 64 && s[o - 1] != '(' && s[o - 1] != ')')
            o--;
        if (o > st->start && s[o - 1] == '(') {
            b = o - 1;
            while (b > st->start && s[b - 1] == ' ')
                b--;
        }
    }
    if (b > st->start && isdigit((unsigned char)s[b - 1])) {
        size_t d = b;
        while (d > st->start && isdigit((unsigned char)s[d - 1]))
            d--;
        while (d > st->start && s[d - 1] == ' ')
            d--;
        if (d >= st->start + 3 && !strncmp(s + d - 3, "No.", 3))
            d -= 3;
        else if (d >= st->start + 2 && !strncmp(s + d - 2, "No", 2))
            d -= 2;
        else
            d = b;
        if (d < b)
            for (b = d; b > st->start && s[b - 1] == ' ';)
                b--;
    }
    while (b > st->start && isalpha((unsigned char)s[b - 1]))
        b--;
    if (b < i && isupper((unsigned char)s[b]) && fm_tx_word_at(s, st->end, i, "martyred")) {
        /* the bare participle only where the named man opens the sentence
         * (not "Police Lines, named after the Capital City Police Officer
         * martyred on 27th January 2007") */
        size_t k = b;
        while (k > st->start && s[k - 1] == ' ' && k >= st->start + 2 &&
               isalpha((unsigned char)s[k - 2])) {
            size_t w = k - 1;
            while (w > st->start && isalpha((unsigned char)s[w - 1]))
                w--;
            if (!isupper((unsigned char)s[w]))
                return 0;
            k = w;
        }
        return fm_tx_skip_space(s, st->end, st->start) == k && k < b;
    }
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
void tx_lone_victim(const fm_lexicon *lx, const char *s, tx_sentence *st)
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
    for (size_t o = e > lo + 30 ? e - 30 : lo; o + 4 < e; o++)
        if (!memcmp(s + o, " of ", 4) && isupper((unsigned char)s[o + 4])) {
            /* "The Home Department of Balochistan": a party of a named
             * province, city or country (capitalised words to e) */
            size_t q;
            for (q = o + 4; q < e && (isalpha((unsigned char)s[q]) || s[q] == ' ' ||
                                      s[q] == '-'); q++)
                if (s[q] == ' ' && q + 1 < e && !isupper((unsigned char)s[q + 1]))
                    break;
            if (q == e && o > lo && party_ends_at(lx, s, lo, o))
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
                                        "said the death toll was", "confirmed", "confirms",
                                        "confirm", "recorded", "records", NULL};
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
        {
            /* "The Home Department has confirmed three" */
            static const char *const aux[] = {"has", "have", "had", NULL};
            e = word_back(s, lo, e, aux);
        }
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

/* "the police figure, repeated by the Sindh Home Department on 8 January,
 * is six": "figure", an aside between commas, then "is" or "was" ending at
 * k; where the words before "figure" end, or 0. */
static size_t aside_figure(const char *s, size_t lo, size_t k)
{
    static const char *const nouns[] = {"figure", "toll", "count", "tally", NULL};
    size_t v, c;
    if (k >= lo + 4 && fm_tx_word_at(s, k, k - 3, " is"))
        v = k - 3;
    else if (k >= lo + 5 && fm_tx_word_at(s, k, k - 4, " was"))
        v = k - 4;
    else
        return 0;
    if (v <= lo || s[v - 1] != ',')
        return 0;
    for (c = v - 1; c > lo && v - c < 100 && s[c - 1] != ',' && !strchr(".;", s[c - 1]); c--)
        ;
    if (c <= lo || s[c - 1] != ',')
        return 0;
    c--; /* the aside's opening comma */
    for (size_t q = 0; nouns[q]; q++) {
        size_t w = strlen(nouns[q]);
        if (c >= lo + w + 1 && fm_tx_word_at(s, c, c - w, nouns[q]) && s[c - w - 1] == ' ')
            return c - w - 1;
    }
    return 0;
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
                                             "not", "i", "only", "stands", "stood",
                                             "remains", "holds", NULL};
    size_t k = i, e = 0, after = fm_tx_skip_space(s, n, i + used);
    while (k > lo && s[k - 1] == ' ')
        k--;
    e = aside_figure(s, lo, k);
    for (size_t h = 0; heads[h] && !e; h++) {
        size_t w = strlen(heads[h]);
        while (w && heads[h][w - 1] == ' ')
            w--;
        if (k >= lo + w + 2 && fm_tx_word_at(s, k, k - w, heads[h]) && s[k - w - 1] == ' ')
            e = k - w - 1;
    }
    if (!e) {
        /* "the figure of the Interior Ministry is six": the party named
         * after "figure of", then "is" or "was" */
        static const char *const verb[] = {"is", "was", NULL};
        static const char *const of[] = {"figure of the", "figure of", "count of the",
                                         "toll of the", NULL};
        size_t v = word_back(s, lo, k, verb), b;
        if (v == k)
            return 0;
        for (b = v > lo + 40 ? v - 40 : lo; b < v; b++) {
            size_t l;
            if ((b == lo || !fm_tx_is_word_char((unsigned char)s[b - 1])) &&
                fm_lexicon_match(lx, FM_LEX_PARTY, s + b, v - b, &l) && b + l == v)
                break;
        }
        return b < v && word_back(s, lo, b > lo ? b - 1 : b, of) != (b > lo ? b - 1 : b);
    }
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
    else if (e >= lo + 3 && s[e - 1] == '\'' && s[e - 2] == 's')
        e -= 1; /* "the officials' figure of six" */
    if (after < n && isalpha((unsigned char)s[after]) && !tx_victim_after(lx, s, n, i + used)) {
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
    return tx_cue_after(s, i, n, ".;", cues);
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

/* "The ISPR figure is the official one", "the first one was wrong": "one"
 * after an article or an adjective of choosing stands for a noun said
 * before, not a count. */
static int pronoun_one(const char *s, size_t lo, size_t n, size_t i)
{
    static const char *const before[] = {"the", "this", "that", "which", "official", "only",
                                         "first", "last", "same", "other", "right", "wrong",
                                         "higher", "lower", "earlier", "later", "final",
                                         "correct", "older", "newer", "lowest", "highest",
                                         "latest", "second", "third", NULL};
    static const char *const after[] = {"is", "was", "and", "but", "or", "which", "that",
                                        "given", "used", "we", "they", NULL};
    size_t e = i, b, k = fm_tx_skip_space(s, n, i + 3), w;
    if (!fm_tx_word_at(s, n, i, "one"))
        return 0;
    for (w = 0; after[w] && !fm_tx_word_at(s, n, k, after[w]); w++)
        ;
    if (!(k >= n || strchr(".,;:)", s[k]) || after[w]))
        return 0; /* ("that one person", "only one soldier": a count) */
    while (e > lo && s[e - 1] == ' ')
        e--;
    for (b = e; b > lo && isalpha((unsigned char)s[b - 1]); b--)
        ;
    if (b == e || (b > lo && fm_tx_is_word_char((unsigned char)s[b - 1])))
        return 0;
    for (size_t q = 0; before[q]; q++)
        if (e - b == strlen(before[q]) && !strncasecmp(s + b, before[q], e - b))
            return 1;
    return 0;
}

void tx_read_tolls(const fm_lexicon *lx, const char *s, tx_sentence *st)
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
        if ((i > lo && fm_tx_is_word_char((unsigned char)s[i - 1])) || tx_inside_date(st, i) ||
            i < named_to) {
            i++;
            continue;
        }
        used = fm_count_read(s + i, n - i, &c);
        if (!used)
            used = tx_article_count(lx, s, n, i, &c);
        if (!used || tx_is_year(&c) || tx_unit_after(s, n, i + used) || tx_money_before(s, lo, i) ||
            tx_page_before(s, lo, i) || tx_age_before(s, lo, i) || tx_taken_before(s, lo, i) ||
            tx_period_sum_before(s, lo, i) || tx_sum_after(s, n, i + used) || tx_crime_charged_before(s, lo, i) ||
            (i + 8 <= n && tx_in_party_name(lx, s, lo, i)) ||
            (i >= lo + 3 && !strncasecmp(s + i - 3, "no.", 3)) ||
            (i >= lo + 2 && (s[i - 1] == '\'' || s[i - 1] == ':' || s[i - 1] == '.') &&
             isdigit((unsigned char)s[i - 2])) || /* ("DUR 0'40\"", "at 10:30", "1.200") */
            (i >= lo + 3 && fm_tx_word_at(s, i, i - 3, "no") && fm_tx_word_at(s, n, i, "one")) ||
            pronoun_one(s, lo, n, i) ||
            (i >= lo + 2 && (s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == '#' ||
                             s[i - 1] == '_') &&
             fm_tx_is_word_char((unsigned char)s[i - 2]))) {
            /* (nor a field's name, "`claim_1` ISPR:7") */
            i = used ? i + used : i + 1;
            continue;
        }
        size_t vat = 0, vlen = 0;
        v = tx_victim_at(lx, s, n, i + used, &vat, &vlen);
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
            const fm_lex_entry *before = tx_verb_before(lx, s, lo, n, i, &bat, &bkilled, &gap);
            verb = before && gap <= 1 ? NULL : tx_verb_after(lx, s, n, i + used, &at, &len, &killed);
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
        if (!verb && st->ntoll && tx_chained(s, st->toll[st->ntoll - 1].end, i) &&
            st->toll[st->ntoll - 1].off < st->toll[st->ntoll - 1].end &&
            (tx_victim_after(lx, s, n, i + used) || tx_article_count(lx, s, n, i, &one))) {
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
              (tx_victim_after(lx, s, n, i + used) ||
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
            tx_revised_before(s, lo, i) && !fm_tx_word_at(s, n, fm_tx_skip_space(s, n, i + used), "more") &&
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
            st->toll[st->ntoll - 1].breakdown && tx_superseded(s, lo, st->toll[st->ntoll - 1].off)) {
            static const char *const later[] = {"then", "later", "updated", "revised", "now",
                                                NULL};
            size_t after = fm_tx_skip_space(s, n, i + used);
            if ((after >= n || s[after] == '.' || s[after] == ',' || s[after] == ';') &&
                tx_cue_after(s, st->toll[st->ntoll - 1].end, i, NULL, later)) {
                /* "The army first said 23 militants were killed, then, in an
                 * updated statement, 39.": the later figure, the same verb */
                verb = &along;
                at = i;
                len = used;
                killed = 1;
            }
        }
        if (!verb && st->ntoll && st->toll[st->ntoll - 1].killed &&
            (sum_sign(s, lo, i) || tx_in_all_after(s, n, i + used))) {
            /* "9 jawanan shaheedan aw 14 dahshatgard mari - total 23", "3
             * shaheed, 34 militants = 37", "and the bomber also died: 15 in
             * total": the sum of the dead before it */
            verb = &along;
            at = i;
            len = used;
            killed = 1;
            total_sum = 1;
        }
        if (!verb && tx_in_all_after(s, n, i + used)) {
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
                if (s[k] == '(' && (v = tx_victim_at(lx, s, i, k + 1, &vat, &vlen)) != NULL)
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
            t->c.lo = t->c.best += tx_persons_before(lx, s, lo, i);
            if (v && vat + vlen <= at) {
                size_t ve = vat + vlen, vb = at;
                int more = tx_persons_after(lx, s, ve, at, &named_to);
                while (vb > ve && s[vb - 1] == ' ')
                    vb--;
                if (more <= t->c.best && ve < at && s[ve] == ',' && vb > ve + 1 &&
                    s[vb - 1] == ',')
                    more = 0; /* "Two civilians, a woman and her son, were killed":
                               * the two, named between commas */
                t->c.lo = t->c.best += more;
            }
        } else if (killed && at < i && at + len <= i && t->c.best > 0) {
            /* ("killing him and three other people", "killing two students
             * and the van driver") */
            size_t ve = at + len;
            while (ve < i && fm_tx_is_word_char((unsigned char)s[ve]))
                ve++; /* (the verb's end) */
            int more = tx_persons_between(lx, s, ve, i);
            if (v) {
                int after = tx_persons_after(lx, s, vat + vlen, n, &named_to);
                if (!(vat + vlen < n && s[vat + vlen] == ',' && after <= t->c.best))
                    more += after; /* (not "killed two people, the candidate and
                                    * one other man": the two, named after a comma) */
            }
            t->c.lo = t->c.best += more;
        }
        /* "(26 dead in total)", "15 in all": said to be a total */
        said_total = tx_in_all_after(s, n, i + used) || tx_in_all_after(s, n, t->end);
        int restated = killed && restated_sum(s, lo, i, st, t);
        t->owned = owned;
        t->breakdown = (tx_in_parens(s, lo, i) && st->ntoll > 1 && !said_total && !party_fig &&
                        !restated) ||
                       tx_breakdown_before(lx, s, lo, i) ||
                       (tx_breakdown_after(s, n, i + used, tx_total_before(s, st, i),
                                           at < i && st->ntoll == 1 && tx_verb_ends_at(s, at, i)) &&
                        !(i >= lo + 10 && fm_tx_word_at(s, n, i - 10, "bodies of"))) ||
                       tx_in_dash_aside(s, lo, i, st) ||
                       tx_excluded(s, lo, n, i) || tx_denied_before(s, lo, i) ||
                       tx_other_event_before(s, lo, i) || tx_the_ones(s, lo, n, i, used) ||
                       tx_superseded(s, lo, i) || tx_listed_after_colon(s, st, i) ||
                       tx_negated_before(s, lo, i) || tx_among_after(s, n, i + used) ||
                       tx_rejected_after(s, i, n) || summand(s, lo, n, i, t->end) ||
                       (killed && included_after(s, n, t->end)) ||
                       (killed && !strcmp(verb->phrase, "were buried") && i >= lo + 4 &&
                        fm_tx_word_at(s, i, i - 4, "the "));
        /* ("The two Levies men were from Usta Muhammad and were buried there":
         * the dead told before, buried; "26 persons were buried" is a toll) */
        t->total = killed && (strstr(verb->phrase, "toll") || !strcmp(verb->v2, "toll") ||
                              restated ||
                              said_total || total_sum ||
                              (st->ntoll > 1 && sum_sign(s, lo, i)) ||
                              (at > i + used && tx_cue_after(s, i + used, at, NULL, in_all)));
        /* ("26 dead in total") */
        if (killed && t->breakdown && !tx_negated_before(s, lo, i) && said_total)
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
            long named = tx_named_ranks(s, lo, i - 11);
            t->c.best += named;
            t->c.lo += named;
            if (t->c.hi >= 0)
                t->c.hi += named;
        }
        i += used;
    }
}
