/* canon.c: the canonical names of provinces (admin1) and districts (admin2)
 * as sources write them, so that one province is one row in a table and one
 * value of a filter: spelling variants and suffixes folded ("Balochistan
 * province", "Khyber Pakhtunkwa province", "KPK", "NWFP"), and the 2018
 * merger of the Federally Administered Tribal Areas into Khyber Pakhtunkhwa
 * applied (agencies and frontier regions become districts). Its own table,
 * matched through fm_name_fold; province names are the basemap's. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/fm_geo.h"

#define KP "Khyber Pakhtunkhwa"

/* Provinces: country, canonical name (as in data/basemap/provinces.geojson),
 * other spellings ('|' separated). FATA maps to Khyber Pakhtunkhwa. */
static const struct {
    const char *cc, *name, *aliases;
} provinces[] = {
    {"PK", KP, "Khyber Pakhtunkwa|Khyber-Pakhtunkhwa|Khyber Pakhtoonkhwa|Khyber Pukhtoonkhwa|"
               "Khyber Pakhtunkhwa Province|KP|KPK|K.P.|K.P.K.|K-P|NWFP|N.W.F.P.|"
               "North-West Frontier Province|North West Frontier Province|"
               "North-West Frontier|North West Frontier|Pakhtunkhwa|Sarhad"},
    {"PK", KP, "Federally Administered Tribal Areas|FATA|F.A.T.A.|Tribal Areas|"
               "Federally Administered Tribal Area|Ex-FATA|Former FATA|Merged Districts|"
               "Newly Merged Districts|Tribal Districts|Merged Tribal Districts"},
    {"PK", "Balochistan", "Baluchistan|Beluchistan|Balochistan Province"},
    {"PK", "Sindh", "Sind"},
    {"PK", "Punjab", "Panjab|Punjab Province"},
    {"PK", "Islamabad Capital Territory", "Islamabad|ICT|Islamabad Capital|Islamabad Capital "
                                          "Territory|Federal Capital Territory|Federal Capital"},
    {"PK", "Azad Kashmir", "Azad Jammu & Kashmir|Azad Jammu and Kashmir|Azad Jammu Kashmir|AJK|"
                           "AJ&K|Azad Kashmir|Pakistan-administered Kashmir"},
    {"PK", "Gilgit-Baltistan", "Gilgit Baltistan|Northern Areas|Federally Administered "
                               "Northern Areas|FANA"},
    {"AF", "Badakhshan", "Badakshan|Badahshan"},
    {"AF", "Badghis", "Badghes|Badgis|Badghisat"},
    {"AF", "Baghlan", "Baglan|Bughlan"},
    {"AF", "Balkh", ""},
    {"AF", "Bamyan", "Bamian|Bamiyan|Bamyaan"},
    {"AF", "Daykundi", "Daikundi|Daykondi|Dai Kundi|Day Kundi|Daikondi"},
    {"AF", "Farah", ""},
    {"AF", "Faryab", "Fariab|Faryaab"},
    {"AF", "Ghazni", "Ghazny|Gazni"},
    {"AF", "Ghor", "Ghowr|Ghur|Ghore|Ghour"},
    {"AF", "Helmand", "Hilmand|Helmend"},
    {"AF", "Herat", "Hirat|Herat Province"},
    {"AF", "Jowzjan", "Jawzjan|Jozjan|Juzjan|Jouzjan|Jauzjan"},
    {"AF", "Kabul", "Kabol|Cabul"},
    {"AF", "Kandahar", "Qandahar|Kandehar|Qandehar"},
    {"AF", "Kapisa", "Kapesa"},
    {"AF", "Khost", "Khowst|Khust"},
    {"AF", "Kunar", "Konar|Konarha|Kunarha"},
    {"AF", "Kunduz", "Qunduz|Kondoz|Konduz|Qonduz"},
    {"AF", "Laghman", "Lagman|Laghmaan"},
    {"AF", "Logar", "Lowgar|Loghar|Lawghar"},
    {"AF", "Nangarhar", "Ningarhar|Nangrahar|Ningrahar|Nangahar"},
    {"AF", "Nimroz", "Nimruz|Nimrooz|Nimroze"},
    {"AF", "Nuristan", "Nooristan|Nurestan"},
    {"AF", "Paktia", "Paktya|Paktiya|Paktiyā"},
    {"AF", "Paktika", "Paktica"},
    {"AF", "Panjshir", "Panjsher|Panjsheer|Panjshayr"},
    {"AF", "Parwan", "Parvan"},
    {"AF", "Samangan", ""},
    {"AF", "Sar-e Pol", "Sar-e-Pol|Sar-e Pul|Sar-e-Pul|Sari Pul|Sar-i-Pul|Saripul|Sar-i Pul|Sarepul"},
    {"AF", "Takhar", "Takar"},
    {"AF", "Uruzgan", "Oruzgan|Urozgan|Orozgan|Uruzgan Province"},
    {"AF", "Wardak", "Maidan Wardak|Maydan Wardak|Wardag|Maidan Wardag|Vardak"},
    {"AF", "Zabul", "Zabol|Zaboul"},
};

/* Districts whose spellings differ between sources, and the former agencies
 * and frontier regions of FATA (FR X joined district X in 2018): country,
 * province, canonical name, other spellings. A district not listed keeps the
 * source's spelling, less a generic word ("Swat district" -> "Swat"). */
static const struct {
    const char *cc, *admin1, *name, *aliases;
} districts[] = {
    {"PK", KP, "Bajaur", "Bajaur Agency|Bajour|Bajour Agency"},
    {"PK", KP, "Khyber", "Khyber Agency|Khyber Tribal District"},
    {"PK", KP, "Mohmand", "Mohmand Agency|Mohmand Tribal District"},
    {"PK", KP, "Orakzai", "Orakzai Agency|Orakzi|Orakzai Tribal District"},
    {"PK", KP, "Kurram", "Kurram Agency|Kurrum|Kuram"},
    {"PK", KP, "North Waziristan", "North Waziristan Agency|N. Waziristan|North Wazirstan|NWA"},
    {"PK", KP, "South Waziristan", "South Waziristan Agency|S. Waziristan|South Wazirstan|SWA"},
    {"PK", KP, "Kohat", "FR Kohat|Frontier Region Kohat"},
    {"PK", KP, "Peshawar", "FR Peshawar|Frontier Region Peshawar"},
    {"PK", KP, "Bannu", "FR Bannu|Frontier Region Bannu|FR Bannu - Mir Ali"},
    {"PK", KP, "Tank", "FR Tank|Frontier Region Tank|FR Tank - Jandola"},
    {"PK", KP, "Lakki Marwat", "FR Lakki Marwat|FR Lakki|Frontier Region Lakki Marwat|Lakki"},
    {"PK", KP, "Dera Ismail Khan", "D.I. Khan|DI Khan|D I Khan|D.I.Khan|Dera Ismael Khan|"
                                   "FR Dera Ismail Khan|FR D.I. Khan|Frontier Region Dera "
                                   "Ismail Khan"},
    {"PK", KP, "Battagram", "Batagram"},
    {"PK", KP, "Lower Dir", "Dir Lower"},
    {"PK", KP, "Upper Dir", "Dir Upper"},
    {"PK", "Punjab", "Dera Ghazi Khan", "D.G. Khan|DG Khan|D G Khan|D.G.Khan"},
    {"PK", "Punjab", "Sheikhupura", "Shekhupura|Sheikhupur"},
    {"PK", "Punjab", "Rahim Yar Khan", "Rahimyar Khan|R.Y. Khan"},
    {"PK", "Balochistan", "Qila Abdullah", "Killa Abdullah|Qilla Abdullah|Kila Abdullah"},
    {"PK", "Balochistan", "Qila Saifullah", "Killa Saifullah|Qilla Saifullah|Kila Saifullah"},
    {"PK", "Balochistan", "Musakhel", "Musa Khel"},
    {"PK", "Balochistan", "Lasbela", "Las Bela"},
    {"PK", "Balochistan", "Jafarabad", "Jaffarabad|Jafarabad Distrcit"},
    {"PK", "Sindh", "Shaheed Benazirabad", "Nawabshah|Nawab Shah|Shaheed Benazir Abad"},
    {"PK", "Gilgit-Baltistan", "Astore", "Astor"},
    {"PK", "Gilgit-Baltistan", "Diamer", "Diamir"},
    {"PK", "Azad Kashmir", "Bhimber", "Bhimbar"},
    {"PK", "Azad Kashmir", "Neelum", "Neelam"},
    {"PK", "Azad Kashmir", "Sudhnoti", "Sudhanoti|Sudhnuti"},
    {"PK", "Azad Kashmir", "Hattian Bala", "Hattian|Jhelum Valley"},
};

#define NPROV (sizeof provinces / sizeof provinces[0])
#define NDIST (sizeof districts / sizeof districts[0])
#define MEMO 256 /* remembered answers, */
#define WAYS 4   /* in sets of this many: a direct-mapped memo made two of the 17
                  * (country, province, district) of a synthetic ACLED file share
                  * a slot, and each turn of one evicted the other (a miss is ~60x
                  * a hit; 9% of rows missed) */

/* One folded spelling: which entry it names (provinces first, then districts). */
typedef struct {
    char *key;
    int entry;
} fold_key;

typedef struct {
    uint64_t hash;
    char *in[3];   /* country, admin1, admin2 as given */
    char *out[2];  /* admin1, admin2 canonical */
    int known[2];
    char cc[3];
    uint64_t last; /* the call that last used it: the set's oldest goes first */
} memo_slot;

struct fm_admin_names {
    fold_key *keys;
    size_t nkeys;
    fm_buf fold, word;
    memo_slot memo[MEMO];
    uint64_t calls;  /* numbering the calls, for memo_slot.last */
    size_t resolved; /* answers worked out rather than remembered */
};

/* Folds s with spaces removed ("miran shah" and "miranshah" alike) into out. */
static fm_status fold_key_of(fm_ctx *ctx, fm_admin_names *an, const char *s, fm_buf *out)
{
    fm_status st;
    fm_buf_reset(&an->fold);
    fm_buf_reset(out);
    if ((st = fm_name_fold(ctx, s, &an->fold)))
        return st;
    for (const char *p = fm_buf_str(&an->fold); *p; p++)
        if (*p != ' ' && (st = fm_buf_putc(ctx, out, *p)))
            return st;
    return FM_OK;
}

static fm_status add_key(fm_ctx *ctx, fm_admin_names *an, const char *name, size_t len,
                         int entry, size_t *cap)
{
    fm_buf w = {0};
    fm_status st;
    if (!len)
        return FM_OK;
    if ((st = fm_buf_append(ctx, &w, name, len)) ||
        (st = fold_key_of(ctx, an, fm_buf_str(&w), &an->word))) {
        fm_buf_free(&w);
        return st;
    }
    fm_buf_free(&w);
    if (!an->word.len)
        return FM_OK;
    if (fm_grow(ctx, (void **)&an->keys, cap, an->nkeys + 1, sizeof *an->keys))
        return FM_ENOMEM;
    if (!(an->keys[an->nkeys].key = strdup(fm_buf_str(&an->word))))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    an->keys[an->nkeys++].entry = entry;
    return FM_OK;
}

/* The canonical name and every alias of an entry. */
static fm_status add_entry(fm_ctx *ctx, fm_admin_names *an, const char *name,
                           const char *aliases, int entry, size_t *cap)
{
    fm_status st = add_key(ctx, an, name, strlen(name), entry, cap);
    for (const char *p = aliases; !st && *p;) {
        size_t n = strcspn(p, "|");
        st = add_key(ctx, an, p, n, entry, cap);
        p += n + (p[n] == '|');
    }
    return st;
}

fm_admin_names *fm_admin_names_create(fm_ctx *ctx)
{
    fm_admin_names *an = calloc(1, sizeof *an);
    size_t cap = 0;
    fm_status st = FM_OK;
    if (!an) {
        fm_error(ctx, FM_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; !st && i < NPROV; i++)
        st = add_entry(ctx, an, provinces[i].name, provinces[i].aliases, (int)i, &cap);
    for (size_t i = 0; !st && i < NDIST; i++)
        st = add_entry(ctx, an, districts[i].name, districts[i].aliases, (int)(NPROV + i), &cap);
    if (st) {
        fm_admin_names_destroy(an);
        return NULL;
    }
    return an;
}

static void memo_clear(memo_slot *m)
{
    for (int k = 0; k < 3; k++)
        free(m->in[k]), m->in[k] = NULL;
    for (int k = 0; k < 2; k++)
        free(m->out[k]), m->out[k] = NULL;
}

void fm_admin_names_destroy(fm_admin_names *an)
{
    if (!an)
        return;
    for (size_t i = 0; i < an->nkeys; i++)
        free(an->keys[i].key);
    free(an->keys);
    for (size_t i = 0; i < MEMO; i++)
        memo_clear(&an->memo[i]);
    fm_buf_free(&an->fold);
    fm_buf_free(&an->word);
    free(an);
}

/* The entry a folded key names within a country ("" any), provinces or
 * districts; -1 when none, or when the key names entries in two countries. */
static int find_entry(const fm_admin_names *an, const char *key, const char *cc, int district)
{
    int found = -1;
    for (size_t i = 0; i < an->nkeys; i++) {
        int e = an->keys[i].entry, is_dist = e >= (int)NPROV;
        const char *ecc = is_dist ? districts[e - NPROV].cc : provinces[e].cc;
        if (is_dist != district || strcmp(an->keys[i].key, key) || (*cc && strcmp(cc, ecc)))
            continue;
        if (found >= 0 && found != e) {
            const char *fcc = found >= (int)NPROV ? districts[found - NPROV].cc
                                                  : provinces[found].cc;
            if (strcmp(fcc, ecc))
                return -1;
            continue;
        }
        found = e;
    }
    return found;
}

/* A name the table does not know: trimmed, spaces collapsed, and a generic
 * first or last word dropped ("Swat district", "District Swat" -> "Swat"). */
static fm_status tidy(fm_ctx *ctx, const char *s, fm_buf *out)
{
    static const char *const generic[] = {"district", "distt", "distt.", "dist.", "distrcit",
                                          "agency", "province", "tehsil", "wilayat",
                                          "wuleswali", "woluswali"};
    const char *end;
    fm_buf_reset(out);
    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    for (size_t g = 0; g < sizeof generic / sizeof generic[0]; g++) {
        size_t n = strlen(generic[g]);
        if ((size_t)(end - s) > n + 1 && end[-(long)n - 1] == ' ' &&
            !strncasecmp(end - n, generic[g], n)) {
            end -= n + 1;
            while (end > s && end[-1] == ' ')
                end--;
        }
        if ((size_t)(end - s) > n + 1 && s[n] == ' ' && !strncasecmp(s, generic[g], n)) {
            s += n + 1;
            while (*s == ' ')
                s++;
        }
    }
    for (const char *p = s; p < end; p++)
        if (!(*p == ' ' && p[1] == ' ') && fm_buf_putc(ctx, out, *p))
            return FM_ENOMEM;
    return FM_OK;
}

static uint64_t hash3(const char *a, const char *b, const char *c)
{
    const char *s[3] = {a ? a : "", b ? b : "", c ? c : ""};
    uint64_t h = 1469598103934665603ULL;
    for (int k = 0; k < 3; k++) {
        for (const char *p = s[k]; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    return h;
}

static int same(const char *a, const char *b)
{
    return !strcmp(a ? a : "", b ? b : "");
}

/* The slot remembering the answer for in (hash h), or else the one of its
 * set to fill: empty (in[0] NULL) or the least recently used, emptied. */
static memo_slot *memo_find(fm_admin_names *an, uint64_t h, const char *const in[3])
{
    memo_slot *set = &an->memo[h % (MEMO / WAYS) * WAYS], *old = set;
    for (int w = 0; w < WAYS; w++) {
        memo_slot *m = &set[w];
        if (m->in[0] && m->hash == h && same(m->in[0], in[0]) && same(m->in[1], in[1]) &&
            same(m->in[2], in[2]))
            return m;
        if (!m->in[0] || (old->in[0] && m->last < old->last))
            old = m;
    }
    memo_clear(old);
    return old;
}

size_t fm_admin_names_resolved(const fm_admin_names *an)
{
    return an ? an->resolved : 0;
}

/* Works out one answer into slot m (whose inputs are set). */
static fm_status resolve(fm_ctx *ctx, fm_admin_names *an, memo_slot *m)
{
    const char *cc = fm_country_code(m->in[0]);
    int p = -1, d = -1;
    fm_buf a1 = {0}, a2 = {0};
    fm_status st = FM_OK;
    if (*m->in[1] && !(st = fold_key_of(ctx, an, m->in[1], &an->word)))
        p = find_entry(an, fm_buf_str(&an->word), cc, 0);
    if (!st && *m->in[2] && !(st = fold_key_of(ctx, an, m->in[2], &an->word)))
        d = find_entry(an, fm_buf_str(&an->word), p >= 0 ? provinces[p].cc : cc, 1);
    /* a district of another province than the one given is not this one */
    if (d >= 0 && p >= 0 && strcmp(districts[d - NPROV].admin1, provinces[p].name))
        d = -1;
    if (!st)
        st = p >= 0 ? fm_buf_puts(ctx, &a1, provinces[p].name)
             : d >= 0 && !*m->in[1] ? fm_buf_puts(ctx, &a1, districts[d - NPROV].admin1)
                                    : tidy(ctx, m->in[1], &a1);
    if (!st)
        st = d >= 0 ? fm_buf_puts(ctx, &a2, districts[d - NPROV].name) : tidy(ctx, m->in[2], &a2);
    if (!st && (!(m->out[0] = strdup(fm_buf_str(&a1))) || !(m->out[1] = strdup(fm_buf_str(&a2)))))
        st = fm_error(ctx, FM_ENOMEM, "out of memory");
    m->known[0] = p >= 0 || (d >= 0 && !*m->in[1]);
    m->known[1] = d >= 0;
    snprintf(m->cc, sizeof m->cc, "%s",
             *cc ? cc : p >= 0 ? provinces[p].cc : d >= 0 ? districts[d - NPROV].cc : "");
    fm_buf_free(&a1);
    fm_buf_free(&a2);
    return st;
}

fm_status fm_admin_names_canon(fm_ctx *ctx, fm_admin_names *an, const char *country,
                               const char *admin1, const char *admin2, fm_admin_canon *out)
{
    uint64_t h = hash3(country, admin1, admin2);
    const char *in[3] = {country ? country : "", admin1 ? admin1 : "", admin2 ? admin2 : ""};
    memo_slot *m = memo_find(an, h, in);
    fm_status st;
    m->last = ++an->calls;
    if (!m->in[0]) { /* not remembered: m is the set's emptied slot */
        an->resolved++;
        m->hash = h;
        for (int k = 0; k < 3; k++)
            if (!(m->in[k] = strdup(in[k]))) {
                memo_clear(m);
                return fm_error(ctx, FM_ENOMEM, "out of memory");
            }
        if ((st = resolve(ctx, an, m))) {
            memo_clear(m);
            return st;
        }
    }
    out->admin1 = m->out[0];
    out->admin2 = m->out[1];
    out->admin1_known = m->known[0];
    out->admin2_known = m->known[1];
    out->country_code = m->cc;
    return FM_OK;
}
