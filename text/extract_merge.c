/* extract_merge.c: the same incident told twice (same place, dates a day
 * apart, figures that agree, a lead's floor and the body's toll, two parties'
 * accounts of one day) merged into one, after the document is read. Works in
 * place on the caller's tx_inc_list; frees nothing (incidents own no memory). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* Whether two accounts share a party that gave a figure, or one gives the
 * other's toll as a claim. */
static int same_claim_party(const fm_text_incident *a, const fm_text_incident *b)
{
    /* two parties' accounts of one attack ("the mujahideen killed 17";
     * "the ISPR said four soldiers embraced shahadat"): no party in common
     * on the same day, or the same figure from each party both give */
    if (a->nclaims && b->nclaims) {
        int common = 0, agree = 1;
        for (size_t i = 0; i < a->nclaims; i++)
            for (size_t j = 0; j < b->nclaims; j++)
                if (!strcmp(a->claims[i].party, b->claims[j].party)) {
                    common = 1;
                    agree &= a->claims[i].killed == b->claims[j].killed;
                }
        if ((!common && a->date_start == b->date_start) || (common && agree))
            return 1;
    }
    for (size_t i = 0; i < a->nclaims; i++) {
        if (a->claims[i].killed == b->killed)
            return 1;
        for (size_t j = 0; j < b->nclaims; j++)
            if (!strcmp(a->claims[i].party, b->claims[j].party) ||
                a->claims[i].killed == b->claims[j].killed)
                return 1;
    }
    for (size_t j = 0; j < b->nclaims; j++)
        if (b->claims[j].killed == a->killed)
            return 1;
    /* the document's account, then a party's own ("TTP claims ... 25 were
     * killed") of the same place and day */
    if (!a->nclaims && b->nclaims == 1 && b->claims[0].killed == b->killed &&
        a->date_start == b->date_start)
        return 1;
    return 0;
}

/* Same incident told twice in the document: same place, dates a day apart,
 * figures that agree. */
/* A figure that only sets a floor ("dozens", "at least 24") under another
 * account's: the lead before the body's exact toll. */
static int floor_under(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->killed_hi < 0 && a->killed_lo == a->killed && b->killed_hi >= 0 &&
           b->killed >= a->killed;
}

/* A date of one day, or the dateline's "that day or the day before". */
static int near_day(const fm_text_incident *a)
{
    return a->date_precision <= 2 && a->date_end - a->date_start <= 1;
}

/* b is told at the district a lies in, or at the district's seat named like
 * it ("Shergarh, PS Takht Bhai, Mardan" in a table; "Note 2: ... revised to
 * 35" placed at Mardan). */
static int within_district(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->admin2[0] && !strcmp(b->place_name, a->admin2) &&
           (!strcmp(a->admin2, b->admin2) || !b->admin2[0]) &&
           strcmp(a->place_name, b->place_name); /* (or its seat, named like it, which
                                                  * the gazetteer may give no district:
                                                  * Karachi, over its five) */
}

/* Whether a party claims in both accounts. */
static int party_in_both(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (!strcasecmp(a->claims[i].party, b->claims[k].party))
                return 1;
    return 0;
}

/* Whether one party gives the same killed figure in both accounts. */
static int same_party_figure(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (a->claims[i].killed >= 0 && a->claims[i].killed == b->claims[k].killed &&
                !strcasecmp(a->claims[i].party, b->claims[k].party))
                return 1;
    return 0;
}

/* Whether a's toll is one of its parties' figures: an account told only
 * as a claim, not a toll of the document's own beside the claims ("seven
 * died in Kuza Drushkela ...; residents put the number at twelve"). */
static int toll_is_claim(const fm_text_incident *a)
{
    for (size_t i = 0; i < a->nclaims; i++)
        if (a->claims[i].killed == a->killed)
            return 1;
    return 0;
}

/* "Jamrud: seven killed" over its story, "gunmen fired on a vehicle in
 * Shah Kas, Jamrud; seven civilians were killed": the same toll, within a
 * few paragraphs, on overlapping days, at places 25 km apart or less. */
static int headline_story(const fm_text_incident *a, const fm_text_incident *b)
{
    if (a->killed <= 0 || a->killed != b->killed || b->para > a->para + 3 ||
        a->date_start == FM_DAY_NONE || b->date_start == FM_DAY_NONE ||
        a->date_start > b->date_end || b->date_start > a->date_end ||
        a->geo_precision < 1 || b->geo_precision < 1 || a->geo_precision > 3 ||
        b->geo_precision > 3 || (a->date_precision != 1 && b->date_precision != 1))
        return 0;
    return tx_metres_apart(a->lat, a->lon, b->lat, b->lon) <= 25000.0;
}

/* a is placed at a province only, and b lies in that province. */
static int province_holds(const fm_text_incident *a, const fm_text_incident *b)
{
    return !a->admin2[0] && a->admin1[0] && !strcmp(a->place_name, a->admin1) &&
           !strcmp(a->admin1, b->admin1) && b->admin2[0];
}

/* Whether a party claims in both accounts with different figures: two
 * attacks, each with the party's own count. */
static int parties_differ(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (!strcasecmp(a->claims[i].party, b->claims[k].party) &&
                a->claims[i].killed != b->claims[k].killed)
                return 1;
    return 0;
}

int tx_toll_told_again(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->killed == b->killed && a->date_start != FM_DAY_NONE &&
           b->date_start != FM_DAY_NONE && (long)b->date_start >= (long)a->date_start - 1 &&
           (long)b->date_start <= (long)a->date_end + 2;
}

/* Whether the place b wrote is the one a wrote, but for a last word of kind
 * ("Shawat" and "the Shawat area"). */
static int same_words(const char *b, const char *a)
{
    size_t n = strlen(b);
    if (!strncasecmp(a, "the ", 4))
        a += 4;
    if (!n || strncasecmp(a, b, n))
        return 0;
    return !a[n] || !strcasecmp(a + n, " area") || !strcasecmp(a + n, " village") ||
           !strcasecmp(a + n, " valley") || !strcasecmp(a + n, " town");
}

static int same_incident(const fm_text_incident *a, const fm_text_incident *b)
{
    if (a->ev.start == b->ev.start)
        return 0; /* the two parts of one sentence (tx_sentence_split): "four in
                   * the Datta Khel area and four in the Shawal valley" */
    if (!a->place_name[0])
        return 0;
    if (((!b->place_name[0] && b->place_text[0] && !strcasecmp(b->place_text, a->place_name)) ||
         (!strcmp(b->place_name, a->place_name) && a->nclaims && b->nclaims &&
          !party_in_both(a, b))) &&
        b->killed > 0 && tx_toll_told_again(a, b))
        return 1; /* "The four Baloch youths killed in Chattar were not members of our
                   * organisation", two days after "Four alleged militants ... were shot
                   * dead ... in the Chattar area of Nasirabad district": the name the
                   * second account could not place alone is the first's place (or
                   * placed by it: tx_resolve_same_name), another party's word */
    if (!b->place_name[0])
        /* "that was the 20th, 12 dead": told again without its place; "Residents
         * of Shawat, on the other hand, said that fourteen people had died",
         * after the ISPR's nine in the Shawat area: another party's account */
        return (b->killed > 0 && a->killed == b->killed && a->date_precision == 1 &&
                b->date_precision == 1 && a->date_start == b->date_start) ||
               (b->place_text[0] && same_words(b->place_text, a->place_text) && a->nclaims &&
                b->nclaims && !party_in_both(a, b) && a->date_start != FM_DAY_NONE &&
                b->date_start != FM_DAY_NONE && a->date_start <= b->date_end &&
                b->date_start <= a->date_end);
    if (strcmp(a->place_name, b->place_name) && headline_story(a, b))
        return 1;
    if (strcmp(a->place_name, b->place_name))
        return a->date_precision == 1 && b->date_precision == 1 &&
               a->date_start == b->date_start &&
               (((province_holds(a, b) || province_holds(b, a)) && a->killed > 0 &&
                 a->killed == b->killed) || /* the same toll the same day, told once at
                                             * its town and once at its province (a
                                             * bilingual notice's Urdu paragraph) */
               (((within_district(a, b) || within_district(b, a)) && a->killed >= 0 &&
                 a->killed == b->killed) || /* the same toll the same day */
                (a->admin2[0] && !strcmp(a->admin2, b->admin2) &&
                 (toll_is_claim(a) || toll_is_claim(b)) && !parties_differ(a, b) &&
                 a->killed >= 0 && b->killed >= 0)));
               /* (or the same fighting told once as a party's claim: "in Tirah the
                * Lashkar claimed thirty on the eleventh", "ISPR's figure for the
                * Sipah fighting on the eleventh is eighteen") */
    if (a->date_start == FM_DAY_NONE || b->date_start == FM_DAY_NONE || !near_day(a) ||
        !near_day(b) || (long)a->date_start > (long)b->date_end + 1 ||
        (long)b->date_start > (long)a->date_end + 1)
        return 0;
    if (a->nclaims > 0 && b->nclaims > 0 && !party_in_both(a, b) && a->killed >= 0 &&
        b->killed >= 0 &&
        (a->date_precision == 1 || b->date_precision == 1 ||
         (a->date_start == b->date_start && a->date_end == b->date_end)) &&
        a->date_start <= b->date_end && b->date_start <= a->date_end)
        return 1; /* one party's figure for the place and day, another's for "last
                   * night" there: two accounts of one attack (or both told under
                   * one dateline's "that day or the day before") */
    if (same_party_figure(a, b) && a->date_start <= b->date_end && b->date_start <= a->date_end)
        return 1; /* the FC's ten at Kohlu on the 13th, and a statement of the 14th
                   * that answers them: one fight, told twice */
    if ((a->date_precision > 1 || b->date_precision > 1) && !floor_under(a, b) &&
        !floor_under(b, a))
        return 0; /* a dateline's vague day joins only a lead it completes */
    if (a->killed < 0 || b->killed < 0 || a->killed == b->killed)
        return a->date_precision == 1 && b->date_precision == 1;
    if (floor_under(a, b) || floor_under(b, a))
        return 1;
    if (!b->nclaims && a->nclaims && b->killed > a->killed && a->date_precision == 1 &&
        b->date_precision == 1 && a->date_start == b->date_start && a->geo_precision == 1 &&
        b->geo_precision == 1)
        return 1; /* a wire's running story: "toll rises to nine" (officials), then
                   * "Eleven people were killed" in its next update, at the same
                   * town the same day */
    /* the same attack told again through a party's claim ("Ormara ambush
     * (15 Oct): BRAS said 20, the ISPR 14"): its figures are claims of it */
    return (a->nclaims > 0 || b->nclaims > 0) && same_claim_party(a, b);
}

/* Whether every party b quotes is already quoted in a. */
static int same_parties(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t k = 0; k < b->nclaims; k++) {
        size_t j;
        for (j = 0; j < a->nclaims && strcmp(a->claims[j].party, b->claims[k].party); j++)
            ;
        if (j == a->nclaims)
            return 0;
    }
    return b->nclaims > 0;
}

/* Folds b, told later in the text, into a. newest_first: the text runs
 * newest first (a thread of replies, a live blog), so b is the older word. */
/* Whether inc's toll is only an armed group's claim ("two companions
 * embraced martyrdom", in a statement of the BRA). */
static int toll_by_group(const fm_lexicon *lx, const fm_text_incident *inc)
{
    int any = 0;
    for (size_t i = 0; i < inc->nclaims; i++)
        if (inc->claims[i].killed == inc->killed) {
            if (!tx_armed_group(lx, inc->claims[i].party))
                return 0;
            any = 1;
        }
    return any;
}

static void merge_into(const fm_lexicon *lx, fm_text_incident *a, const fm_text_incident *b,
                       int newest_first)
{
    /* an older message's figure from a party the newer one quotes again
     * ("police now say the toll is 10" above "police say at least 8") is
     * superseded, not a competing account */
    int older_word = newest_first && same_parties(a, b) && a->killed >= 0;
    int update = !newest_first && same_parties(a, b) && floor_under(a, b);
    if (within_district(b, a) || province_holds(a, b) ||
        (b->geo_precision > 0 && b->geo_precision < a->geo_precision && a->admin2[0] &&
         !strcmp(a->admin2, b->admin2) && strcmp(b->place_name, a->admin2))) {
        /* the village, not its district or valley (not the district's town
         * named like it: "the mountains of Kohlu" after "the Sangan area of
         * Kohlu district" is the district) */
        memcpy(a->place_text, b->place_text, sizeof a->place_text);
        memcpy(a->place_name, b->place_name, sizeof a->place_name);
        memcpy(a->admin1, b->admin1, sizeof a->admin1);
        memcpy(a->admin2, b->admin2, sizeof a->admin2);
        memcpy(a->country, b->country, sizeof a->country);
        a->lon = b->lon, a->lat = b->lat, a->geo_precision = b->geo_precision;
        a->place_conf = b->place_conf, a->place_ev = b->place_ev;
    }
    if (older_word)
        ; /* a's figures stand */
    else if (floor_under(a, b) && (!b->nclaims || update || !toll_by_group(lx, b))) {
        /* the lead's "dozens", the body's 43: the exact toll (also a
         * party's own update: "at least 30 killed, police say" in a wire's
         * URGENT, "killing 35 people ..., police said" in its update) */
        a->killed = b->killed, a->killed_lo = b->killed_lo, a->killed_hi = b->killed_hi;
        a->killed_conf = b->killed_conf, a->killed_ev = b->killed_ev;
    }
    if (b->date_precision < a->date_precision ||
        (newest_first && b->date_precision == a->date_precision &&
         b->date_conf >= a->date_conf && b->date_start < a->date_start)) {
        /* (newest first, the older entry first told it, closer to its day) */
        a->date_start = b->date_start, a->date_end = b->date_end;
        a->date_precision = b->date_precision, a->date_conf = b->date_conf;
        a->date_ev = b->date_ev;
    }
    if (older_word)
        ;
    else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed &&
        a->killed_own != b->killed_own) {
        /* a party's figure the document adopted against the other accounts */
        long hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1
                  : a->killed_hi > b->killed_hi ? a->killed_hi : b->killed_hi;
        long other = a->killed_own ? b->killed : a->killed;
        if (b->killed_own) {
            a->killed = a->killed_lo = b->killed;
            a->killed_ev = b->killed_ev, a->killed_conf = b->killed_conf, a->killed_own = 1;
        }
        a->killed_hi = hi >= 0 && hi < other ? other : hi;
        if (a->killed_hi >= 0 && a->killed_hi < a->killed)
            a->killed_hi = a->killed;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims &&
        !a->nclaims) {
        /* the text's own figure against a party's: the text's is the toll */
        if (b->killed_hi < 0 || b->killed_hi > a->killed_hi)
            a->killed_hi = b->killed_hi < 0 ? -1 : b->killed_hi;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && a->nclaims &&
               !b->nclaims) {
        a->killed = a->killed_lo = b->killed;
        a->killed_ev = b->killed_ev;
        a->killed_conf = b->killed_conf;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims &&
               toll_by_group(lx, a) != toll_by_group(lx, b)) {
        /* an armed group's claim against another party's figure: the
         * other's is the toll (as settle_figures has it within one
         * account), the range runs to both */
        long lo = a->killed < b->killed ? a->killed : b->killed;
        long hi = a->killed > b->killed ? a->killed : b->killed;
        if (toll_by_group(lx, a)) {
            a->killed = b->killed;
            a->killed_ev = b->killed_ev;
            a->killed_conf = b->killed_conf;
        }
        a->killed_lo = lo;
        a->killed_hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1 : hi;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims) {
        /* competing accounts: the lowest is the toll, the range runs to the
         * highest (as settle_figures does within one account) */
        long lo = a->killed < b->killed ? a->killed : b->killed;
        long hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1
                  : a->killed_hi > b->killed_hi ? a->killed_hi : b->killed_hi;
        if (b->killed < a->killed)
            a->killed_ev = b->killed_ev;
        a->killed = a->killed_lo = lo;
        a->killed_hi = hi >= 0 && hi < lo ? lo : hi;
        a->killed_conf = 0.6;
    }
    if (a->killed < 0 && b->killed >= 0) {
        a->killed = b->killed;
        a->killed_lo = b->killed_lo;
        a->killed_hi = b->killed_hi;
        a->killed_conf = b->killed_conf;
        a->killed_ev = b->killed_ev;
    }
    if (a->injured < 0 && b->injured >= 0)
        a->injured = b->injured, a->injured_conf = b->injured_conf, a->injured_ev = b->injured_ev;
    for (size_t k = 0; k < b->nclaims && a->nclaims < FM_EXTRACT_MAX_CLAIMS; k++) {
        size_t j;
        for (j = 0; j < a->nclaims && strcmp(a->claims[j].party, b->claims[k].party); j++)
            ;
        if (j == a->nclaims)
            a->claims[a->nclaims++] = b->claims[k];
        else if (update)
            a->claims[j] = b->claims[k]; /* (the party's later, exact word) */
    }
    if (!a->actor1[0])
        memcpy(a->actor1, b->actor1, sizeof a->actor1);
    if (!a->actor2[0])
        memcpy(a->actor2, b->actor2, sizeof a->actor2);
    if (b->type_conf > a->type_conf) {
        memcpy(a->event_type, b->event_type, sizeof a->event_type);
        memcpy(a->sub_event_type, b->sub_event_type, sizeof a->sub_event_type);
        a->type_conf = b->type_conf;
    }
}

/* In a log kept newest first, two entries on the same place and day with
 * different figures are updates of one incident: the first is the newest. */
static int same_entry(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->place_name[0] && !strcmp(a->place_name, b->place_name) &&
           near_day(a) && a->date_start == b->date_start && a->date_end == b->date_end &&
           a->killed >= 0 && b->killed >= 0 && !a->nclaims && !b->nclaims;
}

/* "hundreds of tribesmen protested in Miranshah", "the highway was closed
 * by a protest": a peaceful protest told with no dead, hurt or claim is
 * not the kind of incident extract is for (violence), and goes. */
void tx_drop_quiet_protests(tx_inc_list *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!(l->v[i].killed < 0 && l->v[i].injured < 0 && !l->v[i].nclaims &&
              !strcmp(l->v[i].sub_event_type, "Peaceful protest")))
            l->v[w++] = l->v[i];
    l->n = w;
}

/* "The MQM's coordination committee ... said today that six of its workers
 * had been ... killed in cold blood in Sunday's so-called encounter", with
 * no place: a party's figure for the day of one incident the document placed
 * is its claim for that incident, when only one incident was that day. */
static int placeless_claim_of(const tx_inc_list *l, size_t i, size_t w)
{
    const fm_text_incident *b = &l->v[i];
    size_t found = (size_t)-1;
    if (b->place_text[0] || b->place_name[0] || !b->nclaims || !toll_is_claim(b) ||
        b->date_precision != 1 || b->killed <= 0)
        return -1;
    for (size_t k = 0; k < w; k++) {
        const fm_text_incident *a = &l->v[k];
        if (a->date_precision != 1 || a->date_start != b->date_start || !a->place_name[0])
            continue;
        if (found != (size_t)-1 || party_in_both(a, b))
            return -1;
        found = k;
    }
    return found == (size_t)-1 ? -1 : (int)found;
}

void tx_dedupe(const fm_lexicon *lx, tx_inc_list *l, int newest_first)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t k;
        for (k = 0; k < w; k++)
            if (same_incident(&l->v[k], &l->v[i]) ||
                (newest_first && same_entry(&l->v[k], &l->v[i])))
                break;
        if (k == w) {
            int c = placeless_claim_of(l, i, w);
            if (c >= 0)
                k = (size_t)c;
        }
        if (k < w)
            merge_into(lx, &l->v[k], &l->v[i], newest_first);
        else
            l->v[w++] = l->v[i];
    }
    l->n = w;
}
