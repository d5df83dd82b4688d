/* name.c: folds a place name to the key it is matched on: Unicode NFKC, case
 * folding and marks stripped (utf8proc), Arabic-script letter variants unified,
 * generic words dropped and Latin transliteration variants reduced to one
 * spelling, so that Bêrmal, BERMAL and Bermal village all fold to "bermal". */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "geo/fm_geo.h"

#define FOLD_OPTIONS                                                                   \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |        \
     UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

/* Generic words and what dropping them says about the query. */
static const struct {
    const char *word;
    unsigned flag;
} generic_words[] = {
    {"district", FM_NAME_DISTRICT}, {"districts", FM_NAME_DISTRICT}, {"distt", FM_NAME_DISTRICT},
    {"dist", FM_NAME_DISTRICT}, {"agency", FM_NAME_DISTRICT}, {"tehsil", FM_NAME_DISTRICT},
    {"tahsil", FM_NAME_DISTRICT}, {"subdivision", FM_NAME_DISTRICT},
    {"province", FM_NAME_PROVINCE}, {"town", FM_NAME_SETTLEMENT}, {"township", FM_NAME_SETTLEMENT},
    {"village", FM_NAME_SETTLEMENT}, {"city", FM_NAME_SETTLEMENT}, {"area", 0}, {"areas", 0},
    {"valley", 0}, {"valleys", 0}, {"sector", 0},
    {"region", 0}, {"the", 0}, {"of", 0}, {"and", 0}, {"e", 0}, {"i", 0},
    {"border", FM_NAME_CROSSING}, {"crossing", FM_NAME_CROSSING}, {"checkpost", FM_NAME_CROSSING},
    {"checkpoint", FM_NAME_CROSSING},
    /* Arabic script (letters already unified: ی ک ه) */
    {"\xd9\x88\xd9\x84\xd8\xb3\xd9\x88\xd8\xa7\xd9\x84\xdb\x8c", FM_NAME_DISTRICT}, /* ولسوالی */
    {"\xd8\xb6\xd9\x84\xd8\xb9", FM_NAME_DISTRICT},                                 /* ضلع */
    {"\xd8\xaa\xd8\xad\xd8\xb5\xdb\x8c\xd9\x84", FM_NAME_DISTRICT},                 /* تحصیل */
    {"\xd9\x88\xd9\x84\xd8\xa7\xdb\x8c\xd8\xaa", FM_NAME_PROVINCE},                 /* ولایت */
    {"\xd8\xb5\xd9\x88\xd8\xa8\xd9\x87", FM_NAME_PROVINCE},                         /* صوبه */
    {"\xd8\xb4\xd9\x87\xd8\xb1", FM_NAME_SETTLEMENT},                               /* شهر */
};

/* Whole-token spellings reduced to one (after the letter rules below ran). */
static const struct {
    const char *from, *to;
} token_map[] = {
    {"kila", "qila"}, {"qala", "qila"}, {"qalah", "qila"}, {"kilah", "qila"},
    {"pakhtunkwa", "pakhtunkhwa"}, {"pukhtunkhwa", "pakhtunkhwa"}, {"paktunkhwa", "pakhtunkhwa"},
    {"pakhtunkhawa", "pakhtunkhwa"}, {"pakhtunkhuwa", "pakhtunkhwa"}, {"pashtunkhwa", "pakhtunkhwa"},
    {"kheil", "khel"}, {"khail", "khel"}, {"khil", "khel"},
    {"kelai", "kalai"}, {"kili", "kalai"}, {"kile", "kalai"},
};

/* Endings split off a joined word so Miranshah and Miran Shah fold alike. */
static const char *const split_suffixes[] = {"shah", "khel", "zai", "abad", "kalai", "khan"};

/* Arabic, Persian, Urdu and Pashto letter variants -> one letter; 0 drops the
 * code point; -1 leaves it alone. Digits become ASCII digits. */
static int32_t arabic_unify(int32_t cp)
{
    if (cp >= 0x0660 && cp <= 0x0669)
        return '0' + (cp - 0x0660);
    if (cp >= 0x06F0 && cp <= 0x06F9)
        return '0' + (cp - 0x06F0);
    switch (cp) {
    case 0x064A: case 0x0649: case 0x06D0: case 0x06CD: case 0x06D2: case 0x06D3: case 0x06CE:
        return 0x06CC; /* ya */
    case 0x0643: case 0x06AA:
        return 0x06A9; /* kaf */
    case 0x06C1: case 0x06BE: case 0x06D5: case 0x0629: case 0x06C3: case 0x06C0: case 0x06C2:
        return 0x0647; /* heh, teh marbuta */
    case 0x0671: case 0x0622: case 0x0623: case 0x0625: case 0x0672: case 0x0673:
        return 0x0627; /* alef */
    case 0x0624:
        return 0x0648; /* waw with hamza */
    case 0x0626:
        return 0x06CC;
    case 0x06AB:
        return 0x06AF; /* Pashto gaf */
    case 0x0640: case 0x200C: case 0x200D: case 0x200B: case 0xFEFF:
        return 0; /* tatweel, joiners */
    default:
        return -1;
    }
}

/* Apostrophes and ayn/hamza transliteration marks vanish inside a word. */
static int is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
           cp == 0x02BB || cp == 0x02BE || cp == 0x02BF || cp == 0x02B9 || cp == 0x00B4;
}

static int is_word_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Splits s (NFKC, case-folded) into words separated by single spaces in tok.
 * A dot after a single letter joins an abbreviation (F.R. -> fr). */
static fm_status split_words(fm_ctx *ctx, const char *s, fm_buf *tok)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t run = 0; /* letters since the last word start or abbreviation dot */
    fm_status st = FM_OK;
    while (*p && !st) {
        int32_t cp;
        utf8proc_ssize_t n = *p < 0x80 ? (cp = *p, 1) : utf8proc_iterate(p, -1, &cp);
        if (n <= 0)
            return fm_error(ctx, FM_EINVAL, "invalid UTF-8 in name");
        p += n;
        if (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))) {
            st = fm_buf_putc(ctx, tok, (char)cp);
            run++;
        } else if (cp >= 'A' && cp <= 'Z') {
            st = fm_buf_putc(ctx, tok, (char)(cp - 'A' + 'a'));
            run++;
        } else if (is_apostrophe(cp)) {
            continue;
        } else if (cp == '.' && run == 1) {
            run = 0;
        } else {
            int32_t u = cp >= 0x80 ? arabic_unify(cp) : -1;
            if (u == 0)
                continue;
            if (u > 0)
                cp = u;
            if (cp >= 0x80 ? is_word_cp(cp) : (cp >= '0' && cp <= '9')) {
                uint8_t enc[4];
                utf8proc_ssize_t k = utf8proc_encode_char(cp, enc);
                st = fm_buf_append(ctx, tok, (const char *)enc, (size_t)k);
                run++;
            } else {
                if (tok->len && tok->data[tok->len - 1] != ' ')
                    st = fm_buf_putc(ctx, tok, ' ');
                run = 0;
            }
        }
    }
    return st;
}

static int all_ascii(const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80)
            return 0;
    return 1;
}

/* Letter rules on one lowercase ASCII word, in place (the word only shrinks):
 * oo -> u, ee -> i, o -> u, doubled letters single, final ay/ey/ei -> ai, a final
 * y after a consonant -> i. */
static size_t latin_rules(char *w, size_t n)
{
    size_t i, j = 0;
    for (i = 0; i < n; i++) {
        char c = w[i];
        if (c == 'o' && i + 1 < n && w[i + 1] == 'o')
            i++;
        else if (c == 'e' && i + 1 < n && w[i + 1] == 'e')
            c = 'i', i++;
        if (c == 'o')
            c = 'u';
        if (j > 0 && w[j - 1] == c && !(c >= '0' && c <= '9'))
            continue;
        w[j++] = c;
    }
    if (j >= 3 && w[j - 1] == 'y' && (w[j - 2] == 'a' || w[j - 2] == 'e'))
        w[j - 2] = 'a', w[j - 1] = 'i';
    else if (j >= 3 && w[j - 1] == 'y' && !strchr("aeiouy", w[j - 2]))
        w[j - 1] = 'i'; /* Jiwny, Pasny, Ghazny: a final i */
    else if (j >= 3 && w[j - 2] == 'e' && w[j - 1] == 'i')
        w[j - 2] = 'a';
    return j;
}

static unsigned generic_flag(const char *w, size_t n, int *found)
{
    size_t i;
    for (i = 0; i < sizeof generic_words / sizeof *generic_words; i++)
        if (generic_words[i].word[0] == w[0] && strlen(generic_words[i].word) == n &&
            !memcmp(generic_words[i].word, w, n)) {
            *found = 1;
            return generic_words[i].flag;
        }
    *found = 0;
    return 0;
}

/* Appends word w (n bytes) to out after the spelling rules (unless !rules:
 * as written), splitting a known ending off a joined word. */
static fm_status put_word(fm_ctx *ctx, fm_buf *out, const char *w, size_t n, int rules)
{
    char tmp[64];
    size_t i, len;
    fm_status st;
    if (out->len && (st = fm_buf_putc(ctx, out, ' ')))
        return st;
    if (!rules || n >= sizeof tmp || !all_ascii(w, n))
        return fm_buf_append(ctx, out, w, n);
    memcpy(tmp, w, n);
    len = latin_rules(tmp, n);
    tmp[len] = '\0';
    for (i = 0; i < sizeof token_map / sizeof *token_map; i++)
        if (token_map[i].from[0] == tmp[0] && !strcmp(tmp, token_map[i].from)) {
            len = strlen(token_map[i].to);
            memcpy(tmp, token_map[i].to, len + 1);
            break;
        }
    for (i = 0; i < sizeof split_suffixes / sizeof *split_suffixes && len; i++) {
        size_t sl = strlen(split_suffixes[i]);
        if (split_suffixes[i][sl - 1] == tmp[len - 1] && len >= sl + 3 &&
            !strcmp(tmp + len - sl, split_suffixes[i])) {
            if ((st = fm_buf_append(ctx, out, tmp, len - sl)) || (st = fm_buf_putc(ctx, out, ' ')))
                return st;
            return fm_buf_append(ctx, out, tmp + len - sl, sl);
        }
    }
    return fm_buf_append(ctx, out, tmp, len);
}

/* Writes the words of tok to out, dropping generic words unless every word is
 * generic; "frontier region" becomes "fr". */
static fm_status emit_words(fm_ctx *ctx, const char *tok, fm_buf *out, unsigned *generic,
                            int rules)
{
    int pass;
    for (pass = 0; pass < 2; pass++) {
        const char *p = tok;
        size_t kept = 0;
        while (*p) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            int found = 0;
            unsigned flag = generic_flag(p, n, &found);
            fm_status st;
            if (n == 8 && !memcmp(p, "frontier", 8) && e && !strncmp(e + 1, "region", 6) &&
                (e[7] == ' ' || e[7] == '\0')) {
                st = put_word(ctx, out, "fr", 2, rules);
                p = e + 7;
                kept++;
            } else if (found && pass == 0) {
                if (generic)
                    *generic |= flag;
                st = FM_OK;
                p += n;
            } else {
                st = put_word(ctx, out, p, n, rules);
                p += n;
                kept++;
            }
            if (st)
                return st;
            while (*p == ' ')
                p++;
        }
        if (kept || !*tok)
            return FM_OK;
        fm_buf_reset(out);
    }
    return FM_OK;
}

/* utf8proc_map's NFKC, case folding and mark stripping of name, a code
 * point at a time, into out (cap bytes), for a name whose every code point
 * maps to ASCII (a transliteration's ā, ḩ, ē, ô): 0 for any other (Arabic
 * script, invalid UTF-8, too long), which utf8proc_map then does whole. The
 * same bytes: each code point is decomposed by itself in utf8proc_map too;
 * marks are stripped there, so none is left to reorder; and no two ASCII
 * letters compose. It spares the two passes and the allocation of the
 * whole-string map (half a batch's queries carry such letters). */
static int map_to_ascii(const char *name, char *out, size_t cap)
{
    const uint8_t *p = (const uint8_t *)name;
    size_t n = 0;
    while (*p) {
        utf8proc_int32_t cp, dec[8];
        utf8proc_ssize_t k, i;
        if (*p < 0x80) {
            if (n + 1 >= cap)
                return 0;
            out[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
            p++;
            continue;
        }
        if ((k = utf8proc_iterate(p, -1, &cp)) <= 0)
            return 0;
        p += k;
        k = utf8proc_decompose_char(cp, dec, 8, FOLD_OPTIONS, NULL);
        if (k < 0 || k > 8 || n + (size_t)k >= cap)
            return 0;
        for (i = 0; i < k; i++) {
            if (dec[i] >= 0x80)
                return 0;
            out[n++] = (char)dec[i];
        }
    }
    out[n] = '\0';
    return 1;
}

static fm_status fold(fm_ctx *ctx, const char *name, fm_buf *out, unsigned *generic, int rules)
{
    const unsigned char *p;
    uint8_t *mapped = NULL;
    char ascii[256];
    fm_buf tok = {0};
    fm_status st;
    if (!name)
        return fm_error(ctx, FM_EINVAL, "no name to fold");
    fm_buf_reset(out);
    for (p = (const unsigned char *)name; *p && *p < 0x80; p++)
        ;
    if (*p && map_to_ascii(name, ascii, sizeof ascii)) {
        name = ascii;
    } else if (*p) { /* let utf8proc do NFKC, case folding and mark stripping */
        utf8proc_ssize_t n = utf8proc_map((const uint8_t *)name, (utf8proc_ssize_t)strlen(name),
                                          &mapped, FOLD_OPTIONS);
        if (n < 0)
            return fm_error(ctx, n == UTF8PROC_ERROR_NOMEM ? FM_ENOMEM : FM_EINVAL,
                            "cannot fold name: %s", utf8proc_errmsg(n));
    }
    st = split_words(ctx, mapped ? (const char *)mapped : name, &tok);
    free(mapped);
    if (!st)
        st = emit_words(ctx, fm_buf_str(&tok), out, generic, rules);
    fm_buf_free(&tok);
    if (!st && !out->data)
        st = fm_buf_append(ctx, out, "", 0);
    return st;
}

fm_status fm_name_fold_ex(fm_ctx *ctx, const char *name, fm_buf *out, unsigned *generic)
{
    return fold(ctx, name, out, generic, 1);
}

fm_status fm_name_written(fm_ctx *ctx, const char *name, fm_buf *out)
{
    return fold(ctx, name, out, NULL, 0);
}

fm_status fm_name_fold(fm_ctx *ctx, const char *name, fm_buf *out)
{
    return fm_name_fold_ex(ctx, name, out, NULL);
}
