/* labeltext.c: the text of a label: area names in capitals (wrapped at the
 * middle space when asked), place names in English and, with --lang en+ps or
 * en+ur, a second line in Arabic script. Pashto and Urdu write many names
 * differently; the gazetteer's aliases carry no language tag, so the alias is
 * chosen by the letters only one of the two languages uses (Pashto ټ ډ ړ ږ ښ
 * ګ ڼ ې ۍ ځ څ; Urdu ٹ ڈ ڑ ں ے ہ ھ). Where the gazetteer has one Arabic-script
 * spelling, both languages show it. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "render/map_priv.h"

/* Folded in a buffer of its own, not by utf8proc_map, which allocates:
 * when that allocation failed the name was compared unfolded and the map
 * came out different with exit 0 (test_alloc_fail, map N=6993). A name of
 * PLAIN_MAX code points or more (none in the gazetteer) stays as it is. */
#define PLAIN_MAX 256

void fm_label_plain(const char *s, char *out, size_t cap)
{
    const utf8proc_option_t opt =
        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK;
    utf8proc_int32_t buf[PLAIN_MAX];
    utf8proc_ssize_t n;
    const char *p;
    for (p = s; *p && (unsigned char)*p < 0x80; p++)
        ;
    if (!*p) { /* plain ASCII */
        snprintf(out, cap, "%s", s);
        return;
    }
    n = utf8proc_decompose((const utf8proc_uint8_t *)s, 0, buf, PLAIN_MAX - 1, opt);
    if (n >= 0 && n < PLAIN_MAX) /* (reencode writes UTF-8 and a 0 over buf) */
        n = utf8proc_reencode(buf, n, opt);
    snprintf(out, cap, "%s", n >= 0 && n < PLAIN_MAX ? (const char *)buf : s);
}

/* The name a place is printed under: before its first comma (UCDP GED
 * writes the area after it: "Maizer locality, Datta Khel"), less a last
 * word that only says what it is ("Kushkak village", "Shimshal Village").
 * A name that is nothing but such a word stays as it is. */
void fm_label_display(const char *s, char *out, size_t cap)
{
    static const char *generic[] = {"village", "locality", "suburb"};
    size_t n, i, w;
    fm_label_plain(s, out, cap);
    n = strcspn(out, ",");
    while (n > 0 && out[n - 1] == ' ')
        n--;
    if (n > 0)
        out[n] = '\0';
    for (i = 0; i < sizeof generic / sizeof generic[0]; i++) {
        w = strlen(generic[i]);
        if (n > w + 1 && out[n - w - 1] == ' ' && !strcasecmp(out + n - w, generic[i])) {
            for (n -= w + 1; n > 0 && out[n - 1] == ' '; n--)
                ;
            out[n] = '\0';
            break;
        }
    }
}

/* Code points of U+0600..U+06FF in s[0..n), one at a time. */
static int next_arabic(const char *s, size_t n, size_t *i)
{
    while (*i < n) {
        unsigned char a = (unsigned char)s[*i];
        if (a >= 0xD8 && a <= 0xDB && *i + 1 < n) {
            int cp = ((a & 0x1F) << 6) | ((unsigned char)s[*i + 1] & 0x3F);
            *i += 2;
            return cp;
        }
        *i += 1;
    }
    return -1;
}

static int is_pashto_letter(int cp)
{
    static const int ps[] = {0x067C, 0x0689, 0x0693, 0x0696, 0x069A, 0x06AB, 0x06BC,
                             0x06D0, 0x06CD, 0x0681, 0x0685};
    size_t i;
    for (i = 0; i < sizeof ps / sizeof ps[0]; i++)
        if (cp == ps[i])
            return 1;
    return 0;
}

static int is_urdu_letter(int cp)
{
    static const int ur[] = {0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06C1, 0x06BE, 0x06D3};
    size_t i;
    for (i = 0; i < sizeof ur / sizeof ur[0]; i++)
        if (cp == ur[i])
            return 1;
    return 0;
}

/* How well an alias fits the language (-1: not in Arabic script). */
static int script_fit(const char *s, size_t n, int pashto)
{
    size_t i = 0;
    int cp, any = 0, fit = 10;
    while ((cp = next_arabic(s, n, &i)) >= 0) {
        any = 1;
        if (is_pashto_letter(cp))
            fit += pashto ? 2 : -3;
        if (is_urdu_letter(cp))
            fit += pashto ? -3 : 2;
    }
    return any ? fit : -1;
}

/* The Arabic-script alias that fits the language best (the first on ties). */
static const char *script_alias(const char *aliases, int pashto, size_t *len)
{
    const char *s = aliases ? aliases : "", *best = NULL;
    int best_fit = -1;
    while (*s) {
        size_t n = strcspn(s, "|");
        int fit = script_fit(s, n, pashto);
        if (fit > best_fit)
            best = s, best_fit = fit, *len = n;
        s += n + (s[n] == '|');
    }
    return best;
}

/* Country names in Arabic script (the same in Pashto and Urdu). */
static const char *country_script(const char *iso2)
{
    if (iso2 && !strcmp(iso2, "AF"))
        return "\u0627\u0641\u063a\u0627\u0646\u0633\u062a\u0627\u0646";
    if (iso2 && !strcmp(iso2, "PK"))
        return "\u067e\u0627\u06a9\u0633\u062a\u0627\u0646";
    return NULL;
}

/* The gazetteer's province entry of that name, for its script aliases. */
static const fm_place *province_place(const fm_map *map, const char *name)
{
    size_t i, n = map->gz ? fm_gazetteer_count(map->gz) : 0;
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get(map->gz, i);
        if (p && p->kind == FM_PLACE_PROVINCE && !strcmp(p->name, name))
            return p;
    }
    return NULL;
}

/* The Arabic-script line of a label, or NULL. */
static const char *script_line(const fm_map *map, const fm_label_cand *c, size_t *len)
{
    int pashto = !strcmp(map->lang, "en+ps");
    const fm_place *p = c->p;
    const char *s;
    if (!strcmp(map->lang, "en"))
        return NULL;
    if (c->kind == FM_LK_HOME || c->kind == FM_LK_COUNTRY) {
        s = country_script(c->iso2);
        *len = s ? strlen(s) : 0;
        return s;
    }
    if (!p && c->kind == FM_LK_PROVINCE)
        p = province_place(map, c->name);
    return p ? script_alias(p->aliases, pashto, len) : NULL;
}

int fm_label_text(const fm_map *map, const fm_label_cand *c, int wrap, char *text, size_t cap)
{
    size_t len = 0, i;
    const char *ar = script_line(map, c, &len);
    int area = c->kind == FM_LK_HOME || c->kind == FM_LK_COUNTRY || c->kind == FM_LK_PROVINCE;
    if (ar)
        len = fm_utf8_fit(ar, len, 120); /* cut between characters */
    if (area) {
        size_t n = strlen(c->name), best = 0;
        snprintf(text, cap, "%s", c->name);
        for (i = 0; text[i]; i++) {
            if (text[i] >= 'a' && text[i] <= 'z')
                text[i] = (char)(text[i] - 32);
            if (text[i] == ' ' && (!best || labs((long)(2 * i) - (long)n) <
                                                 labs((long)(2 * best) - (long)n)))
                best = i;
        }
        if (wrap && !best)
            return 0;
        if (wrap)
            text[best] = '\n';
        if (ar)
            snprintf(text + strlen(text), cap - strlen(text), "\n%.*s", (int)len, ar);
        fm_utf8_repair(text); /* a name longer than the buffer */
        return 1;
    }
    fm_label_display(c->name, text, cap);
    if (ar)
        snprintf(text + strlen(text), cap - strlen(text), "\n%.*s", (int)len, ar);
    fm_utf8_repair(text);
    return !wrap;
}
