/* fields.c: what a record's field line is about, from its label. Incident
 * forms, case files and logs write one field a line ("Location: Gomal, Tank
 * district", "Date of incident: 23 Jan 2010", "Date of report: 24/01/2010");
 * the label says whether the value is where it happened, when it happened,
 * or when the record was written. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

/* Label words that make the value the place ("Location", "Place of
 * incident", "Agency/District"), matched as whole words of the label. */
static const char *const place_words[] = {"location", "place", "site",     "village", "locality",
                                          "venue",    "scene", "district", "agency",  "tehsil",
                                          "area",     "where", NULL};
/* ... when it was written or received, not when it happened */
static const char *const filed_words[] = {"report",   "reported",  "received", "filed",
                                          "published", "updated",  "compiled", "entered",
                                          "logged",   "submitted", NULL};
/* ... when it happened */
static const char *const event_words[] = {"incident", "attack", "event", "occurrence", "strike",
                                          "occurred", NULL};
/* ... how many died, or were hurt ("Casualties (injured)") */
static const char *const dead_words[] = {"killed", "dead", "deaths", "fatalities", "casualties",
                                         "martyred", "died", "toll", NULL};
static const char *const hurt_words[] = {"injured", "wounded", "hurt", "injuries", NULL};
static const char *const claim_words[] = {"claimed", "claim", "claims", "alleged", NULL};
static const char *const date_words[] = {"date", "dated", "when", "day", "time", NULL};

static int label_has(const char *s, size_t start, size_t colon, const char *const *words)
{
    for (size_t i = start; i < colon; i++)
        if (i == start || !isalpha((unsigned char)s[i - 1]))
            for (size_t k = 0; words[k]; k++)
                if (fm_tx_word_at(s, colon, i, words[k]))
                    return 1;
    return 0;
}

tx_field tx_field_kind(const char *s, size_t start, size_t end)
{
    size_t colon = start;
    int filed, event;
    if ((start && s[start - 1] != '\n') || !fm_tx_field_line(s, start, end))
        return TX_FIELD_NONE;
    start = fm_tx_past_bullet(s, start, end);
    while (colon < end && s[colon] != ':')
        colon++;
    filed = label_has(s, start, colon, filed_words);
    event = label_has(s, start, colon, event_words);
    if (label_has(s, start, colon, date_words) && !label_has(s, start, colon, place_words))
        /* "Date of incident", "Date/time", "Incident date"; "Date of
         * report" was written later */
        return filed && !event ? TX_FIELD_FILED : TX_FIELD_DAY;
    if (label_has(s, start, colon, place_words))
        return TX_FIELD_PLACE;
    if (fm_tx_word_at(s, colon, fm_tx_skip_space(s, colon, start), "occurrence") ||
        fm_tx_word_at(s, colon, fm_tx_skip_space(s, colon, start), "incident"))
        /* an FIR's "Occurrence: 29.10.2016 at about 0230 hours, a house
         * ... Gujranwala": when (and where) it happened */
        return TX_FIELD_DAY;
    if (!fm_tx_word_at(s, colon, start, "claimed") && !label_has(s, start, colon, claim_words)) {
        /* (a claim's figure needs its party: "Casualties (claimed, other
         * party): Taliban: 5") */
        if (label_has(s, start, colon, hurt_words))
            return TX_FIELD_HURT;
        if (label_has(s, start, colon, dead_words))
            return TX_FIELD_DEAD;
    }
    /* "Received: 19 Jan", "Last updated: ..." ("Reported:" alone may be
     * when it happened) */
    return filed && !event && !fm_tx_word_at(s, colon, start, "reported") &&
                   !fm_tx_word_at(s, colon, start, "report")
               ? TX_FIELD_FILED
               : TX_FIELD_NONE;
}

int tx_field_value_at(const char *s, size_t lo, size_t at, tx_field kind)
{
    size_t k = at, line = at;
    while (k > lo && s[k - 1] == ' ')
        k--;
    if (k <= lo || s[k - 1] != ':')
        return 0;
    while (line > 0 && s[line - 1] != '\n')
        line--;
    return tx_field_kind(s, line, at + 1) == kind;
}
