/* places.c: the places a sentence names. Capitalised runs of up to four
 * words (and words in Arabic script) are looked up in the gazetteer, longest
 * first; a trailing "district", "village", "area" or "border" goes with the
 * name so the geocoder knows what kind of place is meant. A one-word name
 * known only as a village needs a cue before it ("in", "at", "near") or a
 * generic word after it: villages are named like common words. A name used
 * for a government ("Islamabad said") or for someone's hometown ("a native of
 * Bannu") is marked, not dropped, so the caller can tell. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define MAX_WORDS 4

static int is_arabic_lead(unsigned char c)
{
    return c >= 0xD8 && c <= 0xDB; /* U+0600-U+06FF */
}

static int starts_name(const unsigned char *u)
{
    if (isupper(u[0]))
        return 1;
    if (is_arabic_lead(u[0]))
        return 1;
    return u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E; /* Latin-1 capitals */
}

/* The end of the word at i (letters, digits, apostrophes inside, marks). */
static size_t word_end(const char *s, size_t n, size_t i)
{
    while (i < n && (fm_tx_is_word_char((unsigned char)s[i]) ||
                     (s[i] == '\'' && i + 1 < n && isalpha((unsigned char)s[i + 1]) &&
                      !(s[i + 1] == 's' && (i + 2 >= n || !isalpha((unsigned char)s[i + 2]))))))
        i++;
    /* "’s" (E2 80 99 s) ends the name */
    return i;
}

static int all_caps(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (islower((unsigned char)s[i]))
            return 0;
    return 1;
}

/* "LeI", "TTP", "BLA": a group's initials (a short word with two capitals
 * or more) that the lexicon knows as a party or an actor and not as a
 * place's short form; no place, whatever the gazetteer's near spellings. */
static int group_initials(const fm_lexicon *lx, const char *s, size_t n)
{
    size_t caps = 0, l;
    const fm_lex_entry *e;
    if (n < 2 || n > 6)
        return 0;
    for (size_t i = 0; i < n; i++)
        caps += isupper((unsigned char)s[i]) != 0;
    if (caps < 2)
        return 0;
    if ((e = fm_lexicon_match(lx, FM_LEX_PLACE, s, n, &l)) != NULL && l == n)
        return 0;
    return ((e = fm_lexicon_match(lx, FM_LEX_PARTY, s, n, &l)) != NULL && l == n) ||
           ((e = fm_lexicon_match(lx, FM_LEX_ACTOR, s, n, &l)) != NULL && l == n);
}

static int is_connector(const char *s, size_t a, size_t b)
{
    static const char *const small[] = {"e", "i", "al", "ul", "ud", "ur", "ush", "wa", "o",
                                        NULL};
    for (size_t k = 0; small[k]; k++)
        if (b - a == strlen(small[k]) && !strncmp(s + a, small[k], b - a))
            return 1;
    return 0;
}

static const char *const generic_after[] = {"district", "tehsil", "agency", "village",
                                            "town", "city", "area", "areas", "border",
                                            "crossing", "province", "valley", "bazaar", "sector",
                                            "subdivision", NULL};

/* The generic word after position i, if any: its end, else 0. */
static size_t generic_at(const char *s, size_t n, size_t i)
{
    size_t j = i < n && s[i] == ' ' ? i + 1 : i;
    for (size_t k = 0; generic_after[k]; k++)
        if (fm_tx_word_at(s, n, j, generic_after[k]))
            return j + strlen(generic_after[k]);
    return 0;
}

/* Words after a name that make it a landmark's name ("Dir Colony" in
 * Peshawar, "Kohat Road", "Bacha Khan University"): the place is not the
 * one the name would say. */
static const char *const landmark_after[] = {"colony", "road", "chowk", "gate", "hospital",
                                             "university", "college", "school", "mosque",
                                             "stadium", "highway", "motorway", "airport",
                                             "square", "park", "bridge", "tunnel", "plaza",
                                             "hotel", "street", "avenue", "stop",
                                             /* a body named for its people or land
                                              * ("the Hazara Democratic Party") */
                                             "party", "council", "committee", "association",
                                             "movement", "alliance", "federation", "union",
                                             NULL};

static int landmark_at(const char *s, size_t n, size_t i)
{
    size_t j = i < n && s[i] == ' ' ? i + 1 : i;
    /* "Arbab Karam Khan Road": up to two more words of the landmark's name */
    for (int words = 0; words < 3; words++) {
        if (j >= n || !isupper((unsigned char)s[j]))
            return 0;
        for (size_t k = 0; landmark_after[k]; k++)
            if (fm_tx_word_at(s, n, j, landmark_after[k]))
                return 1;
        while (j < n && isalpha((unsigned char)s[j]))
            j++;
        if (j >= n || s[j] != ' ')
            return 0;
        j++;
    }
    return 0;
}

static const char *const cues[] = {"in", "at", "near", "of", "outside", "around", "into",
                                   "inside", "on", "across", "from", "to", "through",
                                   "between", "and", "targeting", "struck", "hit", "reached",
                                   "entered", "raided", "stormed", "shelled", NULL};
static const char *const says[] = {"said", "says", "say", "accused", "accuses", "claimed",
                                   "claims", "denied", "denies", "blamed", "blames", "vowed",
                                   "warned", "condemned", "insisted", "insists", "rejected",
                                   "holds", "demanded", "announced", "urged", "responded",
                                   "has", "had", "will", "would", "wants", "sees", "told", NULL};
static const char *const native[] = {"native of", "hails from", "hailed from", "resident of",
                                     /* "a labourer from Rahim Yar Khan", shot in Quetta */
                                     "labourer from", "labourers from", "worker from",
                                     "workers from", "student from", "students from",
                                     "trader from", "traders from", "pilgrims from",
                                     "tourists from", "migrant from", "migrants from",
                                     "belonged to", "belonging to", "hometown", "born in",
                                     "home town", "a son of", "buried in", "funeral in",
                                     "funeral prayers in", "prayers were offered in",
                                     "prayers was offered in", "laid to rest in",
                                     "son of", "daughter of", "wife of", "s/o", "d/o",
                                     /* where the wounded were taken, not where they fell */
                                     "hospital in", "hospitals in", "shifted to",
                                     "rushed to", "taken to", "admitted to", "referred to",
                                     "evacuated to", "died later in", "later died in",
                                     "succumbed in", "died in hospital in",
                                     /* where the people who tell it went */
                                     "who reached", "fled to", "who arrived in",
                                     "displaced to", "took refuge in",
                                     /* where the teller was or lives ("I was in
                                      * Bannu that day") */
                                     "I was in", "we were in", "I was at", "I live in",
                                     "lives in", "grew up in",
                                     /* where the violence came from ("as the
                                      * violence spread from Hyderabad") */
                                     "spread from", "spreading from", "spilled over from",
                                     /* a hospital's town ("died at DHQ Hangu") */
                                     "DHQ", "THQ", "CMH", "AHQ", NULL};

/* The word before position i (start of the mention): its start, or i. */
static size_t prev_word(const char *s, size_t lo, size_t i)
{
    size_t e = i;
    while (e > lo && (s[e - 1] == ' ' || s[e - 1] == ','))
        e--;
    size_t b = e;
    while (b > lo && fm_tx_is_word_char((unsigned char)s[b - 1]))
        b--;
    return b;
}

/* "PESHAWAR, 12 October 2025 -" or "QUETTA:" at the head of a story: where
 * it was filed, not where it happened. */
static int is_dateline_place(const char *s, size_t lo, const fm_text_place *p)
{
    size_t e = p->off + p->len;
    if (p->off != lo && !(p->off > 0 && s[p->off - 1] == '\n'))
        return 0;
    for (size_t i = p->off; i < e; i++)
        if (islower((unsigned char)s[i]))
            return 0;
    return s[e] == ',' || s[e] == ':' || (s[e] == ' ' && s[e + 1] == '(');
}

static int is_capital(const char *name)
{
    return !strcmp(name, "Islamabad") || !strcmp(name, "Kabul") || !strcmp(name, "Rawalpindi");
}

static int cue_word(const char *s, size_t end, size_t at)
{
    for (size_t k = 0; cues[k]; k++)
        if (fm_tx_word_at(s, end, at, cues[k]))
            return 1;
    return 0;
}

/* Whether the word before the preposition at b is one of words. */
static int prev_word_in(const char *s, size_t lo, size_t b, const char *const *words)
{
    size_t w = prev_word(s, lo, b);
    for (size_t k = 0; words[k] && w < b; k++)
        if (fm_tx_word_at(s, b, w, words[k]))
            return 1;
    return 0;
}

static void mark_context(const char *s, size_t lo, size_t hi, fm_text_place *p)
{
    if (is_dateline_place(s, lo, p))
        p->metonym = p->dateline = 1;
    size_t b = prev_word(s, lo, p->off), e = p->off + p->len, j;
    for (size_t k = 0; cues[k]; k++)
        if (b < p->off && fm_tx_word_at(s, p->off, b, cues[k]))
            p->cue = 1, p->weak_cue = !strcmp(cues[k], "of");

    if (b < p->off && fm_tx_word_at(s, p->off, b, "from")) {
        /* "coaches travelling from Pishin to Karachi were stopped at Khad
         * Kocha": the ends of a route are not where it happened */
        size_t k = fm_tx_skip_space(s, hi, e);
        if (fm_tx_word_at(s, hi, k, "to") && k + 3 < hi && isupper((unsigned char)s[k + 3]))
            p->cue = 0, p->metonym = 1;
    }
    if (b < p->off && fm_tx_word_at(s, p->off, b, "from")) {
        /* "terrorists who had crossed from Kunar attacked posts in the Salala
         * area", "shells fired from Afghan territory": where the attackers
         * came from is not where it happened, nor a hint to it; "a convoy
         * travelling from Bannu was ambushed short of Miranshah": nor where a
         * convoy set out */
        static const char *const moved[] = {"crossed", "crossing", "came", "coming",
                                            "infiltrated", "infiltrating", "fired",
                                            "launched", "entered", "sneaked", "travelling",
                                            "traveling", "returning", "heading", "driving",
                                            "way", NULL};
        if (prev_word_in(s, lo, b, moved))
            p->cue = 0, p->metonym = 1;
    }
    if (b < p->off && (fm_tx_word_at(s, p->off, b, "in") || fm_tx_word_at(s, p->off, b, "at") ||
                       fm_tx_word_at(s, p->off, b, "from"))) {
        /* "in a statement issued at Jammu", "a press release from
         * Rawalpindi", "at a press conference in Karachi": where it was
         * said, not where it happened */
        static const char *const issued[] = {"issued", "released", "statement", "release",
                                             "datelined", "dated", "broadcast", "conference",
                                             "briefing", NULL};
        if (prev_word_in(s, lo, b, issued))
            p->cue = 0, p->metonym = 1;
    }
    if (b < p->off && (fm_tx_word_at(s, p->off, b, "in") || fm_tx_word_at(s, p->off, b, "at"))) {
        /* "claimed by telephone to journalists in Peshawar", "told reporters
         * at the Quetta Press Club": where it was said, not where it
         * happened */
        static const char *const told[] = {"journalists", "reporters", "correspondents",
                                           "correspondent", "newsmen", "partners",
                                           "staff", "aid workers", "monitors", NULL};
        /* ("partners in Timergara reported continued shelling in Mamund
         * tehsil": where the relief agencies heard of it) */
        if (prev_word_in(s, lo, b, told))
            p->cue = 0, p->metonym = 1;
    }
    {
        /* "Residents quoted by the Peshawar press", "the Quetta papers", "a
         * Bannu daily", "Radio Pakistan's Peshawar news", "our Quetta
         * correspondent": the place of the press that told it */
        static const char *const press[] = {"press", "papers", "newspaper", "newspapers",
                                            "daily", "dailies", "media", "bureau", "bureaus",
                                            "news", "edition", "correspondent", "correspondents",
                                            "reporter", "reporters", "desk", NULL};
        size_t k = fm_tx_skip_space(s, hi, e);
        for (size_t q = 0; press[q]; q++)
            if (fm_tx_word_at(s, hi, k, press[q]) &&
                !fm_tx_word_at(s, hi, k, "press club")) /* (the Quetta press club: a
                                                         * building, where it happened) */
                p->cue = 0, p->metonym = 1;
        if (fm_tx_word_at(s, hi, k, "press club") && b < p->off) {
            /* "told the Quetta Press Club by telephone": the club as the
             * press it is, not the building */
            static const char *const told[] = {"told", "telephoned", "phoned", "rang",
                                               "called", "informed", "contacted", "faxed",
                                               "emailed", "e-mailed", "addressed", NULL};
            size_t w = fm_tx_word_at(s, p->off, b, "the") ? prev_word(s, lo, b) : b;
            size_t w2 = w > lo ? prev_word(s, lo, w) : w;
            for (size_t q = 0; told[q] && w < p->off; q++)
                if (fm_tx_word_at(s, p->off, w, told[q]))
                    p->cue = 0, p->metonym = 1;
            if (w2 < w && fm_tx_word_at(s, b, w, "at") && fm_tx_word_at(s, w, w2, "conference"))
                p->cue = 0, p->metonym = 1; /* "a press conference at the Peshawar
                                              * Press Club": where it was said */
        }
    }
    {
        /* "Tribal elders of the Zalikhel who met the Centre's researcher in
         * Peshawar a week later", "a man who said he spoke for the
         * \"mujahideen of North Waziristan\"": where a speaker met the
         * teller, or whom he spoke for, not where it happened */
        static const char *const met[] = {"who met", "who spoke to", "who spoke with",
                                          "who talked to", "who visited", "who came to",
                                          "who travelled to", "who traveled to",
                                          "spoke for the", "speaking for the",
                                          "spoke for", "speaking for", NULL};
        size_t from = p->off > lo + 80 ? p->off - 80 : lo;
        for (size_t k = p->off; k > from; k--) {
            size_t at = k - 1;
            int hit = 0;
            if (strchr(".;:", s[at]) && !(s[at] == '.' && at > lo && isupper((unsigned char)s[at - 1])))
                break;
            for (size_t q = 0; met[q] && !hit; q++)
                hit = (at == lo || !isalnum((unsigned char)s[at - 1])) &&
                      fm_tx_word_at(s, p->off, at, met[q]);
            if (hit) {
                p->cue = 0, p->metonym = 1;
                break;
            }
        }
    }
    if (b < p->off && fm_tx_word_at(s, p->off, b, "to")) {
        /* "Residents who brought the bodies to Peshawar", "the injured were
         * shifted to Bannu": where the dead and hurt were taken; "from Quetta
         * to Karachi": the ends of a route. Not where it happened. */
        static const char *const taken[] = {"brought", "shifted", "taken", "rushed", "moved",
                                            "evacuated", "referred", "carried", "transferred",
                                            "airlifted", "bodies", "body", "injured",
                                            "wounded", NULL};
        size_t w = prev_word(s, lo, b), w2 = w > lo ? prev_word(s, lo, w) : w;
        for (size_t k = 0; taken[k]; k++)
            if ((w < b && fm_tx_word_at(s, b, w, taken[k])) ||
                (w2 < w && fm_tx_word_at(s, w, w2, taken[k])))
                p->cue = 0, p->metonym = 1;
        if (w2 < w && isupper((unsigned char)s[w]) && fm_tx_word_at(s, w, w2, "from"))
            p->cue = 0, p->metonym = 1;
    }
    if (p->off > lo + 2 && s[p->off - 1] == '(') {
        /* "in سپین ڈنڈ (Spin Drand)", "at Shalam Raghzai (Sholam)": another
         * spelling of the name before it takes the cue before that name */
        size_t a = p->off - 1, words = 0;
        while (a > lo && (s[a - 1] == ' ' || (unsigned char)s[a - 1] >= 0x80))
            a--;
        while (a > lo && words < 3 && isupper((unsigned char)s[prev_word(s, lo, a)]) &&
               a - prev_word(s, lo, a) < 24 && !cue_word(s, a, prev_word(s, lo, a))) {
            a = prev_word(s, lo, a); /* (a name in Latin letters) */
            while (a > lo && s[a - 1] == ' ')
                a--;
            words++;
        }
        if (a < p->off - 2) {
            size_t w = prev_word(s, lo, a);
            for (size_t k = 0; cues[k]; k++)
                if (w < a && fm_tx_word_at(s, a, w, cues[k]))
                    p->cue = 1;
            if (tx_field_value_at(s, lo, a, TX_FIELD_PLACE))
                p->cue = 1; /* "Location: Lwara Mandi (Lwara Mandai)" */
        }
    }
    if (tx_field_value_at(s, lo, p->off, TX_FIELD_PLACE))
        p->cue = 1; /* "Location: Gomal, Tank district": a form's place field */
    if (b < p->off && fm_tx_word_at(s, p->off, b, "of")) {
        /* "about 10 km north-west of Wana", "north of Quetta", "15 miles
         * from": a point the place is measured from */
        static const char *const dirs[] = {"north", "south", "east", "west", "north-west",
                                           "north-east", "south-west", "south-east",
                                           "northwest", "northeast", "southwest", "southeast",
                                           "km", "kilometres", "kilometers", "miles", NULL};
        size_t w = prev_word(s, lo, b);
        for (size_t k = 0; dirs[k] && w < b; k++)
            if (fm_tx_word_at(s, b, w, dirs[k]))
                p->reference = 1, p->cue = 0;
    }
    if (p->kind_rank == 1 && p->place && p->place->kind == FM_PLACE_PROVINCE) {
        /* "the Balochistan Police Training College", "the Balochistan home
         * department": a province's name in an institution's, not a place */
        static const char *const inst[] = {"police", "assembly", "home department",
                                           "home department's", "government", "university",
                                           "high court", "levies", "constabulary", "college",
                                           "liberation", "republican", "chief minister",
                                           "governor", "health department", "secretariat",
                                           "public service", "bar council", NULL};
        size_t k = fm_tx_skip_space(s, hi, p->off + p->len);
        for (size_t w = 0; inst[w]; w++)
            if (fm_tx_word_at(s, hi, k, inst[w]))
                p->metonym = 1, p->cue = 0;
    }
    /* "Bajaur's Nawagai": named as a place inside another (not "Radio
     * Pakistan's Peshawar news", the press named above) */
    if (!p->metonym && ((p->off >= lo + 3 && !strncmp(s + p->off - 3, "'s ", 3)) ||
         (p->off >= lo + 5 && !strncmp(s + p->off - 5, "\xE2\x80\x99s ", 5))))
        p->cue = 1;
    j = e;
    if (j + 2 < hi && (s[j] == '\'' || !strncmp(s + j, "\xE2\x80\x99", 3))) {
        j += s[j] == '\'' ? 1 : 3;
        if (j < hi && s[j] == 's' && j + 2 < hi && s[j + 1] == ' ' &&
            islower((unsigned char)s[j + 2]) && p->kind_rank <= 3 && p->place &&
            (p->place->kind == FM_PLACE_CITY) &&
            !generic_at(s, hi, j + 1))
            p->metonym = 1; /* "Islamabad's confidence" */
    }
    j = fm_tx_skip_space(s, hi, e);
    for (size_t k = 0; says[k]; k++)
        if (fm_tx_word_at(s, hi, j, says[k]) && p->place && p->place->kind == FM_PLACE_CITY)
            p->metonym = 1;
    {
        /* "told Khyber News", "the Balochistan Post": a name of a channel or
         * a paper, not a place */
        static const char *const media[] = {"News", "TV", "Television", "Radio", "Post",
                                            "Times", "Tribune", "Express", "Today", "Voice",
                                            NULL};
        for (size_t k = 0; media[k]; k++)
            if (j < hi && !strncmp(s + j, media[k], strlen(media[k])) &&
                fm_tx_word_at(s, hi, j, media[k]))
                p->cue = 0, p->metonym = 1;
    }
    {
        /* "Maulvi Nazir", "Mullah Dadullah", "Haji Namdar": a man's name
         * after his title; "Nazir's spokesman", "Nazir's men": a man (or his
         * group) by his name. Neither is a place. */
        static const char *const titles[] = {"Maulvi", "Maulana", "Mullah", "Mulla", "Mufti",
                                             "Qari", "Hafiz", "Haji", "Sufi", "Pir", "Mr",
                                             "Dr", "Sheikh", "Shaikh", "Commander", "Syed",
                                             "Sayed", "Nawab", "Sardar", NULL};
        static const char *const his[] = {"spokesman", "spokesperson", "men", "fighters",
                                          "followers", "loyalists", "supporters", "group",
                                          "faction", "militants", "commanders", "son",
                                          "brother", "deputy", "lashkar", NULL};
        size_t q = e;
        for (size_t k = 0; titles[k]; k++)
            if (b < p->off && fm_tx_word_at(s, p->off, b, titles[k]) &&
                (b + strlen(titles[k]) == p->off - 1 ||
                 (s[b + strlen(titles[k])] == '.' && b + strlen(titles[k]) == p->off - 2)))
                p->cue = 0, p->metonym = 1;
        if (q + 3 < hi && s[q] == '\'' && s[q + 1] == 's' && s[q + 2] == ' ')
            q += 3;
        else if (q + 5 < hi && !memcmp(s + q, "\xE2\x80\x99s ", 5))
            q += 5;
        for (size_t k = 0; q > e && his[k]; k++)
            if (fm_tx_word_at(s, hi, q, his[k]))
                p->cue = 0, p->metonym = 1;
    }
    {
        /* "The DPO Mansehra confirmed", "DIG Quetta says": an official's
         * seat named in his title, not where it happened */
        static const char *const titles[] = {"DPO", "DCO", "DC", "SSP", "SP", "DIG", "IG",
                                             "IGP", "CCPO", "DSP", "SHO", "PA", NULL};
        for (size_t k = 0; titles[k]; k++)
            if (b < p->off && !strncmp(s + b, titles[k], strlen(titles[k])) &&
                fm_tx_word_at(s, p->off, b, titles[k]))
                p->cue = 0, p->metonym = 1;
    }
    {
        /* "confirmed by the District Police Officer, Buner", "said by the
         * Deputy Commissioner Kech": a title spelt out, with or without its
         * comma, of the one who speaks */
        static const char *const offices[] = {"Officer", "Commissioner", "Superintendent",
                                              NULL};
        size_t k = p->off;
        while (k > lo && s[k - 1] == ' ')
            k--;
        if (k > lo && s[k - 1] == ',')
            k--;
        for (size_t t = 0; offices[t]; t++) {
            size_t l = strlen(offices[t]);
            if (k >= lo + l && !strncmp(s + k - l, offices[t], l) &&
                (k == lo + l || !fm_tx_is_word_char((unsigned char)s[k - l - 1]))) {
                /* only as the one who says or confirms ("by the ..."): a
                 * heading's "Statement of the Capital City Police Officer,
                 * Quetta" places its statement */
                size_t b2 = k - l > lo + 48 ? k - l - 48 : lo;
                for (size_t q = b2; q < k - l; q++)
                    if (fm_tx_word_at(s, k - l, q, "by"))
                        p->cue = 0, p->metonym = 1;
            }
        }
    }
    if (b < p->off && (fm_tx_word_at(s, p->off, b, "in") || fm_tx_word_at(s, p->off, b, "of"))) {
        /* "officials of the political administration in Tank told",
         * "Residents of Bhangar told us": where the speakers sit or live, not
         * where it happened (the story told before places it) */
        static const char *const speakers[] = {"officials", "administration", "authorities",
                                               "police", "sources", "office", NULL};
        static const char *const dwellers[] = {"residents", "elders", "villagers", "people",
                                               "tribesmen", "notables", NULL};
        int of = s[b] == 'o';
        size_t w = prev_word(s, lo, b);
        int speaks = 0;
        for (size_t k = 0; says[k]; k++)
            speaks |= fm_tx_word_at(s, hi, j, says[k]);
        for (size_t k = 0; speaks && !of && speakers[k] && w < b; k++)
            if (fm_tx_word_at(s, b, w, speakers[k]))
                p->cue = 0, p->metonym = 1;
        for (size_t k = 0; speaks && of && dwellers[k] && w < b; k++)
            if (fm_tx_word_at(s, b, w, dwellers[k]))
                p->cue = 0, p->metonym = 1;
    }
    /* "Islamabad should rethink", "Kabul denies": a capital named without a
     * cue, before a verb, is its government */
    if (!p->cue && p->place && is_capital(p->place->name) && j < hi &&
        islower((unsigned char)s[j]) && !generic_at(s, hi, j) &&
        !fm_tx_word_at(s, hi, j, "on") && !fm_tx_word_at(s, hi, j, "in"))
        p->metonym = 1;
    {
        /* "Receiving : THQ Hospital Thall; DHQ Hospital Hangu; referrals to
         * LRH Peshawar": a casualty record's field of where the dead and
         * wounded were taken */
        static const char *const taken[] = {"receiving", "received at", "referred to",
                                            "referrals", "hospital", "hospitals",
                                            "evacuated to", "shifted to", NULL};
        size_t ls = p->off;
        while (ls > 0 && s[ls - 1] != '\n' && p->off - ls < 200)
            ls--;
        if (ls == 0 || s[ls - 1] == '\n') {
            ls = fm_tx_skip_space(s, p->off, ls);
            for (size_t k = 0; taken[k]; k++)
                if (fm_tx_word_at(s, p->off, ls, taken[k])) {
                    size_t c = ls + strlen(taken[k]);
                    while (c < p->off && s[c] == ' ')
                        c++;
                    if (c < p->off && s[c] == ':')
                        p->hometown = 1;
                }
        }
    }
    for (size_t k = 0; native[k]; k++) {
        size_t l = strlen(native[k]);
        size_t from = p->off > lo + l + 12 ? p->off - l - 12 : lo;
        for (size_t t = from; t + l <= p->off; t++)
            if (fm_tx_word_at(s, p->off, t, native[k]))
                p->hometown = 1;
    }
}

/* Whether the word before i (one space back) is a capitalised word inside a
 * sentence: "Rogha" in "at Salay Rogha village". */
static int after_name_word(const char *s, size_t lo, size_t i)
{
    size_t w;
    if (i < lo + 2 || s[i - 1] != ' ' || !fm_tx_is_word_char((unsigned char)s[i - 2]))
        return 0;
    w = i - 1;
    while (w > lo && fm_tx_is_word_char((unsigned char)s[w - 1]))
        w--;
    if (!isupper((unsigned char)s[w]))
        return 0;
    /* the sentence's first word, or one after a colon or a dash, starts it */
    while (w > lo && s[w - 1] == ' ')
        w--;
    return w > lo && !strchr(".:;!?-(\"", s[w - 1]);
}

/* Whether the name ending at e opens or continues a list of names that a
 * plural generic word closes: "Marsi Khel" in "the Datta Khel, Marsi Khel
 * and Kam Sham areas". */
static int listed_with_generic(const char *s, size_t n, size_t e)
{
    static const char *const plural[] = {"areas", "villages", "valleys", "tehsils", NULL};
    size_t k = e, lim = e + 80 < n ? e + 80 : n;
    while (k < lim) {
        size_t w = k;
        if (s[k] == ' ' || s[k] == ',' || s[k] == '-') {
            k++;
            continue;
        }
        if (!isalpha((unsigned char)s[k]))
            return 0;
        for (size_t p = 0; plural[p]; p++)
            if (fm_tx_word_at(s, n, k, plural[p]))
                return k > e;
        while (w < lim && isalpha((unsigned char)s[w]))
            w++;
        if (!isupper((unsigned char)s[k]) && !fm_tx_word_at(s, n, k, "and"))
            return 0;
        k = w;
    }
    return 0;
}

static int rank_of(fm_place_kind k)
{
    return k == FM_PLACE_PROVINCE ? 1 : k == FM_PLACE_DISTRICT ? 2 : 3;
}

/* The entry a bare name most likely means: a province, district, city or
 * town before a village of the same name. */
static const fm_place *best_entry(const fm_gazetteer *gz, const fm_gazetteer_hit *hits,
                                  size_t nh)
{
    static const int order[] = {1, 2, 2, 0, 1, 3}; /* by fm_place_kind */
    const fm_place *best = NULL;
    for (size_t i = 0; i < nh; i++) {
        const fm_place *p = fm_gazetteer_get(gz, hits[i].index);
        if (!best || order[p->kind] < order[best->kind])
            best = p;
    }
    return best;
}

size_t fm_text_places(fm_ctx *ctx, const fm_gazetteer *gz, const fm_lexicon *lx,
                      const char *s, size_t start, size_t end, fm_text_place *out, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    fm_buf key = {0};
    size_t count = 0, i = start;
    /* a sentence in capitals ("SF OPERATION IN LAL QILLA AREA MAIDAN"): its
     * capitals do not say where a name ends */
    int shout = end - start > 12 && all_caps(s + start, end - start);
    while (i < end) {
        size_t we[MAX_WORDS], nw = 0, j = i, done = 0;
        if ((i > start && fm_tx_is_word_char(u[i - 1])) || !starts_name(u + i)) {
            i++;
            continue;
        }
        /* collect up to MAX_WORDS words of a name */
        while (nw < MAX_WORDS && j < end) {
            size_t e = word_end(s, end, j);
            if (e == j)
                break;
            while (e == j + 1 && e + 1 < end && s[e] == '.' && isupper(u[e - 1]) &&
                   (isupper(u[e + 1]) || s[e + 1] == ' ')) {
                /* "D.I. Khan", "D.G. Khan": initials are one word */
                size_t f = e + 1;
                if (f < end && isupper(u[f]) && f + 1 < end && s[f + 1] == '.') {
                    e = f + 2;
                    j = f;
                    continue;
                }
                e++;
                break;
            }
            if (nw > 0 && !starts_name(u + j) && !is_connector(s, j, e))
                break;
            we[nw++] = e;
            if (e < end && (s[e] == ' ' || s[e] == '-') && e + 1 < end &&
                fm_tx_is_word_char(u[e + 1]))
                j = e + 1;
            else
                break;
        }
        for (size_t k = nw; k > 0 && !done; k--) {
            fm_gazetteer_hit hits[16];
            size_t nh, len = we[k - 1] - i, g;
            const fm_place *p;
            if (k == 1 && is_connector(s, i, we[0]))
                continue;
            if (k > 1 && len == 2 * k - 1)
                continue; /* "C O N F I D E N T I A L": letters spaced out, no name */
            if (landmark_at(s, end, we[k - 1]))
                continue;
            if (k == 1 && we[0] + 9 <= end &&
                (!memcmp(s + we[0], " \xD8\xA7\xD9\x84\xD9\x8A\xD9\x87", 9) ||
                 !memcmp(s + we[0], " \xD8\xA7\xD9\x84\xDB\x8C\xDB\x81", 9)))
                continue; /* "انا لله وانا اليه راجعون", the words said at a death:
                           * its "wa inna" is not Wana */
            if (we[k - 1] + 1 < end && s[we[k - 1]] == '-' &&
                islower((unsigned char)s[we[k - 1] + 1]))
                continue; /* "the Peshawar-bound Jaffar Express", "Quetta-based" */
            if (k == 2 && lx && we[0] == i + 3 && !strncasecmp(s + i, "the", 3)) {
                /* "FOR MOST OF THE DAY" in a cable's capitals: the article
                 * does not make a word a place (Day, Ghor) */
                size_t l, w2 = we[0] + 1;
                if (fm_lexicon_match(lx, FM_LEX_NOTPLACE, s + w2, we[1] - w2, &l) &&
                    l == we[1] - w2)
                    continue;
            }
            if (k == 1 && lx) {
                size_t l;
                const fm_lex_entry *np = fm_lexicon_match(lx, FM_LEX_NOTPLACE, s + i, we[0] - i,
                                                          &l);
                if (np && l == we[0] - i)
                    continue;
                if (group_initials(lx, s + i, we[0] - i))
                    continue;
            }
            key.len = 0;
            if (key.data)
                key.data[0] = '\0';
            {
                char tmp[256];
                const fm_lex_entry *ab = NULL;
                size_t l;
                if (len >= sizeof tmp)
                    continue;
                memcpy(tmp, s + i, len);
                tmp[len] = '\0';
                /* "DIK", "NW", "LM": the short forms reporters write, spelt
                 * out by the lexicon; in capitals only ("NW", not "Nw") */
                if (lx && (ab = fm_lexicon_match(lx, FM_LEX_PLACE, s + i, len, &l)) &&
                    l == len && all_caps(s + i, len))
                    snprintf(tmp, sizeof tmp, "%s", ab->v1);
                if (fm_name_fold(ctx, tmp, &key) || !key.data || !*key.data) {
                    fm_ctx_clear(ctx);
                    continue;
                }
            }
            nh = fm_gazetteer_find(gz, key.data, hits, 16);
            if (!nh && k == 2) {
                /* "Ghar Lamai" for the gazetteer's Gharlamai, "Datta Khel" for
                 * Dattakhel: two words written as one */
                size_t w = 0;
                for (size_t r = 0; key.data[r]; r++)
                    if (key.data[r] != ' ' && key.data[r] != '-')
                        key.data[w++] = key.data[r];
                key.data[w] = '\0';
                key.len = w;
                nh = fm_gazetteer_find(gz, key.data, hits, 16);
            }
            if (!nh)
                continue;
            p = best_entry(gz, hits, nh < 16 ? nh : 16);
            g = generic_at(s, end, we[k - 1]);
            if (g && p->kind != FM_PLACE_DISTRICT &&
                (fm_tx_word_at(s, end, g - 8, "district") || fm_tx_word_at(s, end, g - 6, "agency")))
                for (size_t h = 0; h < nh && h < 16; h++) {
                    /* "in Nasirabad district": the district of the name, not a
                     * town of Sindh called so */
                    const fm_place *d = fm_gazetteer_get(gz, hits[h].index);
                    if (d && d->kind == FM_PLACE_DISTRICT) {
                        p = d;
                        break;
                    }
                }
            if (p->kind == FM_PLACE_VILLAGE && !shout &&
                ((k < nw && !g) || after_name_word(s, start, i)))
                continue; /* "Salay" or "Rogha" of "Salay Rogha village": a word of
                           * a longer name, not a village called so (in capitals
                           * every word looks like a name's) */
            if (count < max) {
                fm_text_place *tp = &out[count];
                memset(tp, 0, sizeof *tp);
                tp->off = i;
                tp->len = g ? g - i : len;
                tp->place = p;
                tp->namesakes = (int)(nh < 16 ? nh : 16);
                tp->kind_rank = rank_of(p->kind);
                mark_context(s, start, end, tp);
                /* "police in Peshawar district said": a place, not a
                 * government, when a generic word or a cue goes with it */
                if (tp->metonym && !tp->dateline &&
                    (g || (tp->cue && !is_capital(p->name))))
                    tp->metonym = 0;
                if (g) {
                    tp->cue = 1; /* "Nawagai area", "Spera district" */
                    /* the generic word says which of the name's places is
                     * meant: "Khost province" is not Khost city */
                    if (fm_tx_word_at(s, end, g - 8, "province"))
                        tp->kind_rank = 1;
                    else if (fm_tx_word_at(s, end, g - 8, "district") ||
                             fm_tx_word_at(s, end, g - 6, "agency") ||
                             fm_tx_word_at(s, end, g - 6, "tehsil") ||
                             fm_tx_word_at(s, end, g - 11, "subdivision"))
                        tp->kind_rank = tp->kind_rank < 2 ? tp->kind_rank : 2;
                }
                if (p->kind == FM_PLACE_VILLAGE && !tp->cue && !g && listed_with_generic(s, end, we[k - 1]))
                    tp->cue = 1; /* "the Datta Khel, Marsi Khel and Kam Sham areas":
                                  * one of a list the generic word ends */
                if (p->kind == FM_PLACE_VILLAGE && !tp->cue && !g) {
                    done = 1; /* a lone word known only as a village: not enough */
                    i = we[0];
                    break;
                }
            }
            count++;
            done = 1;
            i = g ? g : we[k - 1];
        }
        if (!done)
            i = we[0] > i ? we[0] : i + 1;
    }
    free(key.data);
    return count;
}
