/* ged_types.c: the ACLED event type of a UCDP GED event, where the event's
 * own data support one. GED's typology (state-based, non-state, one-sided,
 * with side_a, side_b and the dyad) is always kept beside it; this mapping
 * only decides what `--type`, map colours and `stats --by type` see.
 *
 * The rule (docs/DESIGN.md, "UCDP GED's typology"), from the Pakistan sample:
 * - one-sided violence is ACLED's "Violence against civilians" / "Attack";
 * - a state-based or non-state event is "Explosions/Remote violence" /
 *   "Air/drone strike" when its sources (headlines, articles, where
 *   description) name an aerial weapon (drone, UAV, air strike, jets,
 *   warplanes, gunships, aircraft; a missile when side_a is a foreign
 *   government), nothing in them describes another kind of event (suicide
 *   attack, blast, IED, ambush, gun battle, clash, raid, police action), and
 *   side_a lost nobody (deaths_a 0: an air strike costs its side no dead);
 * - "Shelling/artillery/missile attack" when they name shelling, artillery,
 *   mortars or rockets and nothing contradicts it;
 * - otherwise "Battles" / "Armed clash", GED's organised armed violence.
 * side_a alone is not evidence: in the sample, 239 of the 411 events of the
 * dyad "Government of United States of America - al-Qaida" are Pakistani
 * police and army operations (Karachi, Punjab, Wana 2004), ground raids
 * (Abbottabad 2011) or events whose sources say nothing of the weapon. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "data/store_priv.h"

#define MAX_WORD 24

/* Words and two-word phrases, lowercase. */
static const char *const air_words[] = {
    "drone", "drones", "uav", "uavs", "unmanned", "predator", "predators", "reaper", "reapers",
    "airstrike", "airstrikes", "aerial", "jet", "jets", "warplane", "warplanes", "aircraft",
    "gunship", "gunships", "air strike", "air strikes", "air raid", "air raids", "air force",
    "air attack", "air attacks", "fighter plane", "fighter planes", "war plane", "war planes"};
static const char *const missile_words[] = {"missile", "missiles"};
static const char *const shell_words[] = {"shelling", "shelled", "shells", "artillery",
                                          "mortar", "mortars", "rocket", "rockets"};
static const char *const other_words[] = {
    "suicide", "blast", "blasts", "explosion", "explosions", "ied", "ieds", "roadside",
    "landmine", "landmines", "ambush", "ambushed", "gunbattle", "gunbattles", "gunfight",
    "gunfights", "shootout", "shootouts", "clash", "clashes", "clashed", "police", "policemen",
    "beheaded", "kidnapped", "abducted", "grenade", "grenades", "gun battle", "gun battles",
    "shoot out", "land mine", "land mines", "car bomb", "bomb blast", "bomb attack"};

#define N(a) (sizeof a / sizeof a[0])

typedef struct {
    int air, missile, shell, other;
} evidence;

/* Whether `phrase` ("air strike" or "jets") is the word w (after prev). */
static int is_phrase(const char *phrase, const char *prev, const char *w)
{
    const char *sp = strchr(phrase, ' ');
    if (!sp)
        return !strcmp(phrase, w);
    return strlen(prev) == (size_t)(sp - phrase) && !strncmp(phrase, prev, (size_t)(sp - phrase)) &&
           !strcmp(sp + 1, w);
}

static int in_list(const char *const *list, size_t n, const char *prev, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (is_phrase(list[i], prev, w))
            return 1;
    return 0;
}

/* One word (with the word before it): what it is evidence of. */
static void weigh(evidence *e, const char *prev, const char *w)
{
    e->air |= in_list(air_words, N(air_words), prev, w);
    e->missile |= in_list(missile_words, N(missile_words), prev, w);
    e->shell |= in_list(shell_words, N(shell_words), prev, w);
    e->other |= in_list(other_words, N(other_words), prev, w);
    /* a raid is on the ground, unless from the air */
    if ((!strcmp(w, "raid") || !strcmp(w, "raids")) && strcmp(prev, "air") && strcmp(prev, "drone"))
        e->other = 1;
}

/* The words of s, lowercased (ASCII letters and digits; longer words cut). */
static void read_words(evidence *e, const char *s)
{
    char prev[MAX_WORD + 1] = "", w[MAX_WORD + 1];
    size_t n = 0;
    for (;; s++) {
        unsigned char c = s && *s ? (unsigned char)*s : 0;
        if (isalnum(c)) {
            if (n < MAX_WORD)
                w[n++] = (char)tolower(c);
            continue;
        }
        if (n) {
            w[n] = '\0';
            weigh(e, prev, w);
            memcpy(prev, w, n + 1);
            n = 0;
        } else if (c && c != ' ' && c != '-') {
            prev[0] = '\0'; /* punctuation ends a phrase */
        }
        if (!c)
            break;
    }
}

/* A government other than the event country's ("Government of United States
 * of America" for an event in Pakistan). */
static int foreign_government(const char *side_a, const char *country)
{
    if (!side_a || strncasecmp(side_a, "Government of ", 14) != 0)
        return 0;
    return !country || !*country || !strstr(side_a + 14, country);
}

void fm_ged_acled_type(const fm_ged_event *ev, fm_incident *inc)
{
    evidence e = {0, 0, 0, 0};
    if (ev->type_of_violence == 3) {
        inc->event_type = "Violence against civilians";
        inc->sub_event_type = "Attack";
        inc->civilian_targeting = 1;
        return;
    }
    inc->civilian_targeting = 0;
    for (size_t i = 0; i < N(ev->text); i++)
        read_words(&e, ev->text[i]);
    if (e.missile && foreign_government(ev->side_a, ev->country))
        e.air = 1;
    if (e.air && !e.other && ev->deaths_a <= 0) {
        inc->event_type = "Explosions/Remote violence";
        inc->sub_event_type = "Air/drone strike";
    } else if (e.shell && !e.other) {
        inc->event_type = "Explosions/Remote violence";
        inc->sub_event_type = "Shelling/artillery/missile attack";
    } else {
        inc->event_type = "Battles";
        inc->sub_event_type = "Armed clash";
    }
}
