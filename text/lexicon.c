/* lexicon.c: the words the extractor knows, as data. One entry per line of
 * data/extract/lexicon.tsv: kind, phrase, up to two values and a weight,
 * separated by tabs; '#' starts a comment. Entries are matched as whole
 * words, case-insensitively, longest first. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

static const char *const kind_names[FM_LEX_KINDS] = {
    "killed", "injured", "event", "actor", "party", "victim", "ignore", "aggregate", "notplace",
    "place", "correction", "adopt"};

struct fm_lexicon {
    fm_lex_entry *e;
    size_t n;
    char *pool; /* the file's text, cut into the entries' strings */
    /* per kind and first letter: the range of e (sorted by kind, letter, then
     * length, longest first) */
    size_t first[FM_LEX_KINDS][28], last[FM_LEX_KINDS][28];
};

static int letter_of(char c)
{
    c = (char)tolower((unsigned char)c);
    /* 26 digits and signs, 27 other scripts (Urdu's phrases): a count's
     * digit is never looked up among them */
    return c >= 'a' && c <= 'z' ? c - 'a' : (unsigned char)c >= 0x80 ? 27 : 26;
}

static int cmp_entry(const void *a, const void *b)
{
    const fm_lex_entry *x = a, *y = b;
    size_t lx, ly;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    if (letter_of(x->phrase[0]) != letter_of(y->phrase[0]))
        return letter_of(x->phrase[0]) - letter_of(y->phrase[0]);
    lx = strlen(x->phrase);
    ly = strlen(y->phrase);
    return lx > ly ? -1 : lx < ly;
}

static fm_status parse_line(fm_ctx *ctx, const char *path, size_t lineno, char *line,
                            fm_lex_entry *e)
{
    char *f[5] = {0};
    size_t nf = 0;
    char *p = line;
    while (nf < 5) {
        f[nf++] = p;
        p = strchr(p, '\t');
        if (!p)
            break;
        *p++ = '\0';
    }
    if (p)
        return fm_error(ctx, FM_EFORMAT, "%s:%zu: more than 5 fields", path, lineno);
    if (nf < 2 || !*f[1])
        return fm_error(ctx, FM_EFORMAT, "%s:%zu: expected KIND<TAB>PHRASE[<TAB>VALUE...]",
                        path, lineno);
    e->kind = FM_LEX_KINDS;
    for (int k = 0; k < FM_LEX_KINDS; k++)
        if (!strcmp(f[0], kind_names[k]))
            e->kind = (fm_lex_kind)k;
    if (e->kind == FM_LEX_KINDS)
        return fm_error(ctx, FM_EFORMAT, "%s:%zu: unknown kind '%s'", path, lineno, f[0]);
    for (char *c = f[1]; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    e->phrase = f[1];
    e->v1 = nf > 2 ? f[2] : "";
    e->v2 = nf > 3 ? f[3] : "";
    e->weight = 1;
    if (nf > 4) {
        char *end;
        long w = strtol(f[4], &end, 10);
        if (*end || end == f[4] || w < 0 || w > 100)
            return fm_error(ctx, FM_EFORMAT, "%s:%zu: weight '%s' is not 0-100", path,
                            lineno, f[4]);
        e->weight = (int)w;
    }
    return FM_OK;
}

fm_status fm_lexicon_load(fm_ctx *ctx, const char *path, fm_lexicon **out)
{
    FILE *f = fopen(path, "rb");
    fm_lexicon *lx;
    fm_buf b = {0};
    size_t cap = 0, lineno = 0;
    char chunk[8192], *line, *next;
    size_t got;
    *out = NULL;
    if (!f)
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        fm_buf_append(ctx, &b, chunk, got);
    fclose(f);
    if (fm_buf_check(ctx, &b) || fm_buf_putc(ctx, &b, '\n')) {
        free(b.data);
        return fm_ctx_status(ctx);
    }
    if (!(lx = calloc(1, sizeof *lx))) {
        free(b.data);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    lx->pool = b.data;
    for (line = lx->pool; (next = strchr(line, '\n')); line = next + 1) {
        *next = '\0';
        lineno++;
        if (next > line && next[-1] == '\r')
            next[-1] = '\0';
        if (!*line || *line == '#')
            continue;
        if (fm_grow(ctx, (void **)&lx->e, &cap, lx->n + 1, sizeof *lx->e) ||
            parse_line(ctx, path, lineno, line, &lx->e[lx->n])) {
            fm_lexicon_free(lx);
            return fm_ctx_status(ctx);
        }
        lx->n++;
    }
    qsort(lx->e, lx->n, sizeof *lx->e, cmp_entry);
    for (int k = 0; k < FM_LEX_KINDS; k++)
        for (int c = 0; c < 28; c++)
            lx->first[k][c] = lx->last[k][c] = 0;
    for (size_t i = lx->n; i-- > 0;) {
        int k = (int)lx->e[i].kind, c = letter_of(lx->e[i].phrase[0]);
        lx->first[k][c] = i;
        if (!lx->last[k][c])
            lx->last[k][c] = i + 1;
    }
    *out = lx;
    return FM_OK;
}

void fm_lexicon_free(fm_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->e);
    free(lx->pool);
    free(lx);
}

const fm_lex_entry *fm_lexicon_match(const fm_lexicon *lx, fm_lex_kind kind, const char *s,
                                     size_t n, size_t *len)
{
    int c;
    if (!n)
        return NULL;
    c = letter_of(s[0]);
    for (size_t i = lx->first[kind][c]; i < lx->last[kind][c]; i++) {
        const char *p = lx->e[i].phrase;
        size_t l = strlen(p);
        /* a phrase ending in '*' matches any word it begins ("commemorat*") */
        if (l && p[l - 1] == '*') {
            size_t j = l - 1;
            if (j <= n && !strncasecmp(s, p, j)) {
                while (j < n && fm_tx_is_word_char((unsigned char)s[j]))
                    j++;
                *len = j;
                return &lx->e[i];
            }
            continue;
        }
        if (fm_tx_word_at(s, n, 0, p)) {
            *len = l;
            return &lx->e[i];
        }
    }
    return NULL;
}
