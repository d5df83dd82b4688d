/* legend.c: a document's own abbreviations. A log or sitrep that opens
 * with "Abbreviations: QTA Quetta, PSH Peshawar, NWA/SWA North/South
 * Waziristan, K = killed, W = wounded" writes "QTA Police Lines: toll now 30
 * K"; each short form it defines is spelt out in the rest of the text, so
 * the gazetteer and the toll reader see "Quetta" and "30 killed". A one-
 * letter form is spelt out only after a count ("21 K", "5 soldiers K"). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define LEGEND_MAX 32

typedef struct {
    char abbr[8];
    char exp[40];
} legend_item;

static int is_abbr(const char *a)
{
    size_t n = strlen(a);
    int upper = 0;
    if (!n || n > 7)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)a[i]))
            return 0;
        upper |= isupper((unsigned char)a[i]);
    }
    return upper;
}

static void trim(const char **a, const char **b)
{
    while (*a < *b && isspace((unsigned char)**a))
        (*a)++;
    while (*b > *a && (isspace((unsigned char)(*b)[-1]) || (*b)[-1] == '.'))
        (*b)--;
}

/* Adds abbr = exp, splitting "NWA/SWA" = "North/South Waziristan". */
static void add_item(legend_item *it, size_t *n, const char *a, const char *ae, const char *x,
                     const char *xe)
{
    const char *slash = memchr(a, '/', (size_t)(ae - a));
    if (slash) {
        const char *xs = memchr(x, '/', (size_t)(xe - x)), *sp;
        if (!xs)
            return;
        for (sp = xs; sp < xe && *sp != ' '; sp++)
            ;
        /* "North/South Waziristan": "North" + " Waziristan", "South" + ... */
        for (int part = 0; part < 2 && *n < LEGEND_MAX; part++) {
            const char *pa = part ? slash + 1 : a, *pe = part ? ae : slash;
            const char *qa = part ? xs + 1 : x, *qe = part ? sp : xs;
            legend_item *t = &it[*n];
            if (pe - pa <= 0 || pe - pa >= (long)sizeof t->abbr ||
                (qe - qa) + (xe - sp) >= (long)sizeof t->exp)
                return;
            memcpy(t->abbr, pa, (size_t)(pe - pa));
            t->abbr[pe - pa] = '\0';
            memcpy(t->exp, qa, (size_t)(qe - qa));
            memcpy(t->exp + (qe - qa), sp, (size_t)(xe - sp));
            t->exp[(qe - qa) + (xe - sp)] = '\0';
            if (is_abbr(t->abbr))
                (*n)++;
        }
        return;
    }
    if (*n >= LEGEND_MAX || ae - a >= (long)sizeof it->abbr || xe - x >= (long)sizeof it->exp ||
        xe <= x)
        return;
    memcpy(it[*n].abbr, a, (size_t)(ae - a));
    it[*n].abbr[ae - a] = '\0';
    memcpy(it[*n].exp, x, (size_t)(xe - x));
    it[*n].exp[xe - x] = '\0';
    if (is_abbr(it[*n].abbr))
        (*n)++;
}

/* Reads the legend in s[a, b): items split by commas and semicolons. */
static size_t read_legend(const char *s, size_t a, size_t b, legend_item *it)
{
    size_t n = 0;
    while (a < b) {
        size_t e = a;
        const char *ia, *ie, *eq;
        while (e < b && s[e] != ',' && s[e] != ';')
            e++;
        ia = s + a, ie = s + e;
        trim(&ia, &ie);
        if ((eq = memchr(ia, '=', (size_t)(ie - ia))) != NULL) {
            const char *ae = eq, *x = eq + 1;
            trim(&ia, &ae);
            trim(&x, &ie);
            add_item(it, &n, ia, ae, x, ie);
        } else {
            const char *sp = ia;
            while (sp < ie && *sp != ' ')
                sp++;
            if (sp < ie) {
                const char *x = sp;
                trim(&x, &ie);
                add_item(it, &n, ia, sp, x, ie);
            }
        }
        a = e + 1;
    }
    return n;
}

/* Whether a count ends just before i, or one word before it: "21 K",
 * "40+ W", "5 soldiers K". */
static int after_count(const char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    if (k > 0 && s[k - 1] == '+')
        k--;
    if (k < i && k > 0 && isdigit((unsigned char)s[k - 1]))
        return 1;
    if (k == i || k == 0 || !isalpha((unsigned char)s[k - 1]))
        return 0;
    while (k > 0 && isalpha((unsigned char)s[k - 1]))
        k--; /* the word between */
    if (k == 0 || s[k - 1] != ' ')
        return 0;
    k--;
    return k > 0 && isdigit((unsigned char)s[k - 1]);
}

fm_status fm_doc_legend(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    legend_item it[LEGEND_MAX];
    size_t ni = 0, la = n, lb = n, past_blank = 0;
    for (size_t i = 0; i < n && i < 4000; i = fm_tx_line_end(s, n, i) + 1) {
        /* (a run of blank lines is skipped once, not again from each line) */
        size_t k = i < past_blank ? past_blank : fm_tx_skip_space(s, n, i), e;
        past_blank = k;
        if (!(fm_tx_word_at(s, n, k, "abbreviations") || fm_tx_word_at(s, n, k, "abbreviations used") ||
              fm_tx_word_at(s, n, k, "key to abbreviations")))
            continue;
        while (k < n && s[k] != ':' && s[k] != '\n')
            k++;
        if (k >= n || s[k] != ':')
            continue;
        /* the legend runs on over lines until a blank line or a rule */
        e = fm_tx_line_end(s, n, k);
        while (e < n) {
            size_t nx = fm_tx_skip_space(s, n, e + 1), ne = fm_tx_line_end(s, n, e + 1);
            if (nx >= ne || strchr("-=_*", s[nx]) || !memchr(s + nx, ',', ne - nx) ||
                memchr(s + nx, ':', ne - nx))
                break;
            e = ne;
        }
        la = i, lb = e;
        ni = read_legend(s, k + 1, e, it);
        break;
    }
    for (size_t i = 0; i < n;) {
        size_t best = 0, bl = 0;
        if (ni && (i < la || i >= lb) && (i == 0 || !isalnum((unsigned char)s[i - 1])))
            for (size_t k = 0; k < ni; k++) {
                size_t l = strlen(it[k].abbr);
                if (i + l <= n && !strncmp(s + i, it[k].abbr, l) &&
                    (i + l == n || !isalnum((unsigned char)s[i + l])) && l > bl &&
                    (l > 1 || after_count(s, i)))
                    best = k + 1, bl = l;
            }
        if (best) {
            fm_buf_puts(ctx, out, it[best - 1].exp);
            i += bl;
        } else
            fm_buf_putc(ctx, out, s[i++]);
    }
    return fm_doc_finish(ctx, out);
}
