/* segment.c: sentences and paragraphs. A sentence ends at . ! or ? (with any
 * closing quote or bracket) before a space and a capital, a digit or a quote;
 * not after a title or a short abbreviation ("Lt.", "No.", "U.S.") or inside
 * a number. A line break ends a sentence and a blank line ends a paragraph
 * (fm_doc_join_lines has already rejoined wrapped lines). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "brig", "sgt", "cpl", "no",
    "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "vs", "approx", "govt", "prof", "sen", "rep", "inc", "ltd", "co", "jr", "sr", "gov", "hon",
    "mt", "ft", "e.g", "i.e", "u.s", "u.n", "u.k", "fig", "vol", "pp", "para", "art", "sec",
    "insp", "supt", "dsp", "sho", "adm", "cmdr", "rs", "approx", "d.i", "d.g", "p", "ch",
    "exh", "nos", "cr", "crpc", NULL};

/* Past a footnote's mark straight after a sentence's stop: "(229)",
 * "[12]", or superscript digits ("¹²", "⁷"); j itself when there is none. */
static size_t past_note_mark(const unsigned char *u, size_t len, size_t j)
{
    size_t k = j;
    if (k < len && (u[k] == '(' || u[k] == '[')) {
        unsigned char close = u[k] == '(' ? ')' : ']';
        size_t d = k + 1;
        while (d < len && d - k <= 4 && isdigit(u[d]))
            d++;
        return d > k + 1 && d < len && u[d] == close ? d + 1 : j;
    }
    while (k + 1 < len && ((u[k] == 0xC2 && (u[k + 1] == 0xB9 || u[k + 1] == 0xB2 ||
                                             u[k + 1] == 0xB3)) ||
                           (k + 2 < len && u[k] == 0xE2 && u[k + 1] == 0x81 &&
                            (u[k + 2] == 0xB0 || (u[k + 2] >= 0xB4 && u[k + 2] <= 0xB9)))))
        k += u[k] == 0xC2 ? 2 : 3;
    return k;
}

/* Whether the word ending at s[i] (the '.') is an abbreviation. */
static int is_abbrev(const char *s, size_t start, size_t i)
{
    size_t b = i;
    char w[12];
    while (b > start && i - b < sizeof w && (isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.'))
        b--; /* (a longer word is no abbreviation: no need to walk all of it) */
    if (i - b == 1 && isupper((unsigned char)s[b]))
        return 1; /* an initial */
    if (i - b == 0 || i - b >= sizeof w)
        return 0;
    for (size_t k = 0; k < i - b; k++)
        w[k] = (char)tolower((unsigned char)s[b + k]);
    w[i - b] = '\0';
    for (size_t k = 0; abbrevs[k]; k++)
        if (!strcmp(abbrevs[k], w))
            return 1;
    return 0;
}

/* "1. Daily Mashriq, Peshawar - 18 February 2012", "A-1.  PESHAWAR",
 * "PART 2. ISPR RELEASES": the '.' at i ends a list item's or part's number
 * at the start of a line, not a sentence. */
static int item_marker(const char *s, size_t start, size_t i)
{
    size_t b = i;
    int digits = 0;
    while (b > start && i - b <= 4 && (isalnum((unsigned char)s[b - 1]) || s[b - 1] == '-')) {
        digits += isdigit((unsigned char)s[b - 1]) != 0;
        b--;
    }
    if (!digits || i - b > 4)
        return 0;
    if (b > start + 5 && !strncasecmp(s + b - 5, "part ", 5))
        b -= 5;
    else if (b > start + 8 && !strncasecmp(s + b - 8, "section ", 8))
        b -= 8;
    while (start < b && s[start] == ' ')
        start++;
    return b == start && (start == 0 || s[start - 1] == '\n' || s[start - 1] == ' ');
}

static int opens_sentence(const unsigned char *u, size_t j, size_t n)
{
    if (j >= n)
        return 1;
    if (isupper(u[j]) || isdigit(u[j]) || u[j] == '"' || u[j] == '\'' || u[j] == '(' ||
        u[j] == '[')
        return 1;
    if (u[j] >= 0xC0)
        return 1; /* a letter outside ASCII (Arabic script, Ö...) or a curly quote */
    return 0;
}

static fm_status push(fm_ctx *ctx, fm_sentence **v, size_t *n, size_t *cap, const char *s,
                      size_t a, size_t b, size_t para)
{
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    if (a == b)
        return FM_OK;
    if (fm_grow(ctx, (void **)v, cap, *n + 1, sizeof **v))
        return fm_ctx_status(ctx);
    (*v)[*n].start = a;
    (*v)[*n].end = b;
    (*v)[*n].para = para;
    (*n)++;
    return FM_OK;
}

static size_t words_in(const char *s, size_t a, size_t b)
{
    size_t w = 0;
    for (size_t i = a; i < b; i++)
        w += s[i] != ' ' && (i == a || s[i - 1] == ' ');
    return w;
}

/* Whether the semicolon at i joins two clauses of at least CLAUSE_WORDS
 * words each, outside brackets: a list of incidents, not of figures. The
 * caller counts the bracket depth and the words from the sentence's start
 * to i as it goes, so a run of semicolons costs no rescans. */
#define CLAUSE_WORDS 8
static int long_clauses(const char *s, size_t n, size_t i, int depth, size_t words)
{
    size_t e = i + 1;
    if (depth > 0 || i + 1 >= n || s[i + 1] != ' ')
        return 0;
    while (e < n && s[e] != ';' && s[e] != '\n' && !(s[e] == '.' && (e + 1 == n || s[e + 1] == ' ')))
        e++;
    return words >= CLAUSE_WORDS && words_in(s, i + 1, e) >= CLAUSE_WORDS;
}

fm_status fm_text_sentences(fm_ctx *ctx, const char *text, size_t len, fm_sentence **out,
                            size_t *n)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t cap = 0, start = 0, para = 0, words = 0; /* words in text[start, i) */
    int depth = 0;                                     /* brackets open there */
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < len; i++) {
        if (i == start)
            words = 0, depth = 0;
        if (text[i] == '\n') {
            if (push(ctx, out, n, &cap, text, start, i, para))
                return fm_ctx_status(ctx);
            if (i + 1 < len && text[i + 1] == '\n')
                para++;
            start = i + 1;
            continue;
        }
        if (text[i] == ';' && long_clauses(text, len, i, depth, words)) {
            /* "a constable was shot dead in Hangu; police in Peshawar said
             * they had killed three militants; and in Kech a soldier was
             * killed": clauses long enough to tell incidents of their own */
            if (push(ctx, out, n, &cap, text, start, i + 1, para))
                return fm_ctx_status(ctx);
            start = i + 1;
            continue;
        }
        words += text[i] != ' ' && (i == start || text[i - 1] == ' ');
        depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
        if (u[i] == 0xDB && i + 1 < len && u[i + 1] == 0x94) {
            /* "۔", Urdu's full stop, ends a sentence whatever follows */
            if (push(ctx, out, n, &cap, text, start, i + 2, para))
                return fm_ctx_status(ctx);
            start = i + 2;
            i++;
            continue;
        }
        if (text[i] != '.' && text[i] != '!' && text[i] != '?')
            continue;
        if (text[i] == '.' && (is_abbrev(text, start, i) ||
                               (i + 1 < len && isdigit(u[i + 1])) || item_marker(text, start, i)))
            continue;
        size_t j = i + 1;
        while (j < len && (strchr("\"')]", text[j]) ||
                           (u[j] == 0xE2 && j + 2 < len && u[j + 1] == 0x80 &&
                            (u[j + 2] == 0x9D || u[j + 2] == 0x99))))
            j += u[j] == 0xE2 ? 3 : 1;
        j = past_note_mark(u, len, j);
        if (j < len && text[j] != ' ')
            continue;
        if (!opens_sentence(u, fm_tx_skip_space(text, len, j), len))
            continue;
        if (push(ctx, out, n, &cap, text, start, j, para))
            return fm_ctx_status(ctx);
        start = j;
        i = j - 1;
    }
    if (push(ctx, out, n, &cap, text, start, len, para))
        return fm_ctx_status(ctx);
    return FM_OK;
}
