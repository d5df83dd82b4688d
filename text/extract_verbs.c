/* extract_verbs.c: what ties a count to a death or an injury: the killed or
 * injured word after it ("seven soldiers were killed") or before it ("killing
 * at least 12"), and the victim noun beside it. Pure functions of the text
 * and the lexicon (whose entries they return, owned by the lexicon). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

#define WINDOW_WORDS 12

/* The victim noun in the few words after a count; *at and *len say where. */
const fm_lex_entry *tx_victim_at(const fm_lexicon *lx, const char *s, size_t n, size_t i,
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
        if (w == 0 && fm_tx_word_at(s, n, i, "and") &&
            !isdigit((unsigned char)s[fm_tx_skip_space(s, n, i + 3)]))
            break; /* "the toll was five and called the Taliban figure
                    * propaganda": another clause's noun */
        if (fm_tx_word_at(s, n, i, "including") || fm_tx_word_at(s, n, i, "excluding") ||
            fm_tx_word_at(s, n, i, "besides") || fm_tx_word_at(s, n, i, "except") ||
            fm_tx_word_at(s, n, i, "counting") || fm_tx_word_at(s, n, i, "not counting"))
            break; /* "five (05) including the bomber", "nine bodies, counting the
                    * attacker's": a part, not who they were */
        i = tx_next_word(s, n, i);
    }
    return NULL;
}

const fm_lex_entry *tx_victim_after(const fm_lexicon *lx, const char *s, size_t n, size_t i)
{
    size_t at, len;
    return tx_victim_at(lx, s, n, i, &at, &len);
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

const fm_lex_entry *tx_verb_after(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                                  size_t *at, size_t *len, int *killed)
{
    int dashed = 0;  /* a dash came between: "حملہ آور 3 — twelve dead" */
    int passive = 0; /* only "were killed" now: the victims' phrase ran through
                      * a preposition ("Three people travelling in the vehicle
                      * were killed") */
    int verb = 0;    /* past an auxiliary ("had been picked up from their homes
                      * and killed"): the predicate's prepositions, not the
                      * victims' phrase; its "and killed" goes on with it */
    int through = 0; /* a preposition passed in the predicate */
    int relative = 0; /* in a relative clause on the victims ("35 militants who had
                       * crossed from Afghanistan were killed"): its prepositions are
                       * its own, not the victims' phrase */
    size_t from = i, prev = i;
    for (int w = 0; w < WINDOW_WORDS && i < n; w++) {
        const fm_lex_entry *e;
        i = fm_tx_skip_space(s, n, i);
        while (i + 1 < n && s[i] == '.' && i > 0 && isupper((unsigned char)s[i - 1]) &&
               (isupper((unsigned char)s[i + 1]) ||
                (s[i + 1] == ' ' && i + 2 < n && islower((unsigned char)s[i + 2]))))
            i = fm_tx_skip_space(s, n, i + 1); /* "the police and F.C. had embraced" */
        if (i + 2 < n && s[i] == '(' && w > 0) {
            /* "One (01) FC sepoy and one (01) civilian passer-by were
             * killed": a count repeated in figures, as police papers write */
            size_t d = i + 1;
            while (d < n && d < i + 4 && isdigit((unsigned char)s[d]))
                d++;
            if (d > i + 1 && d < n && s[d] == ')') {
                i = d + 1;
                continue;
            }
        }
        if (i >= n || strchr(";:.()|", s[i]))
            break;
        dashed |= tx_dash_len(s, n, i) > 0;
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
        if (w > 0 && !strncmp(s + i, "\xD8\xB3\xD9\x85\xDB\x8C\xD8\xAA", 8))
            break; /* Urdu "ایک خاتون سمیت چھ دہشت گرد ہلاک", six killed including
                    * a woman: the one is among the six */
        if (fm_tx_word_at(s, n, i, "casualties") &&
            (fm_tx_word_at(s, n, fm_tx_skip_space(s, n, tx_next_word(s, n, i)), "killed and") ||
             fm_tx_word_at(s, n, fm_tx_skip_space(s, n, tx_next_word(s, n, i)), "dead and")))
            return NULL; /* "35 casualties, killed and wounded": the dead and the
                          * hurt together, no count of either */
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
        if (w > 0 && w <= 2 && !verb && s[i - 1] == ' ' && s[i - 2] != ',' &&
            (fm_tx_word_at(s, n, i, "who had") || fm_tx_word_at(s, n, i, "who have") ||
             fm_tx_word_at(s, n, i, "who came") || fm_tx_word_at(s, n, i, "who crossed"))) {
            size_t vat, vlen;
            relative = tx_victim_at(lx, s, i, from, &vat, &vlen) != NULL;
        }
        if (relative && (fm_tx_word_at(s, n, i, "were") || fm_tx_word_at(s, n, i, "was")))
            relative = 0; /* (its end: the victims' own verb) */
        if (w > 0 && (fm_tx_word_at(s, n, i, "were") || fm_tx_word_at(s, n, i, "was") ||
                      fm_tx_word_at(s, n, i, "had been") || fm_tx_word_at(s, n, i, "have been")))
            verb = 1;
        /* (the "-by" of "passers-by" is no preposition) */
        for (size_t k = 0; stops[k] && !passive && !relative && !(i > 0 && s[i - 1] == '-'); k++)
            if (verb && fm_tx_word_at(s, n, i, stops[k]))
                through = 1;
            else if (fm_tx_word_at(s, n, i, stops[k])) {
                size_t vat, vlen;
                if (w > 3 || !tx_victim_at(lx, s, i, from, &vat, &vlen))
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
            if (e && through && !fm_tx_word_at(s, n, prev, "and"))
                e = NULL; /* (only a verb joined to the predicate) */
            if (e && strcmp(e->v1, "after")) {
                *at = i;
                *killed = !k;
                return e;
            }
        }
        if (w > 0) {
            fm_count c;
            if (fm_count_read(s + i, n - i, &c) && !tx_unit_after(s, n, i + c.end) &&
                (w > 2 || dashed) && !(w <= 6 && !dashed && fm_tx_word_at(s, n, prev, "and")))
                break; /* another count's own clause (not the next of a list: "16
                        * soldiers and FC personnel and 24 militants are killed") */
        }
        prev = i;
        i = tx_next_word(s, n, i);
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
    return tx_word_before(s, lo, i, cop);
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
        if (s[a] == ' ' || s[a] == '"') {
            a++; /* (the real number was "above seventy") */
            continue;
        }
        if (a + 3 <= b && !memcmp(s + a, "\xE2\x80\x9C", 3)) {
            a += 3;
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
    return used && tx_in_all_after(s, n, i + used);
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

const fm_lex_entry *tx_verb_before(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
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
                (!tx_clause_break(s, k + l, i) || victims_bracketed(s, k + l, i) ||
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
long tx_named_ranks(const char *s, size_t lo, size_t end)
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
