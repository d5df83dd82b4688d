/* periodnote.c: the note a map of older incidents carries about district
 * names and boundaries: the map draws those of 2025, so each change made
 * since the first incident shown, to a district in the frame, is named with
 * its year ("South Waziristan was split into Upper and Lower South Waziristan
 * (2022)"), so no reader takes a 2009 event for one in a 2022 district.
 * A year no source in the repository confirms is marked with a dagger and
 * the note says so (issue 14: period-correct names, or a note). */
#include <string.h>

#include "cli/cli.h"

/* Changes since the data's first year (the districts that carry them, one
 * of which must be in the frame), and where each year comes from. Checked
 * against the sources of the gazetteer (../shared/data/gazetteer and its
 * README: Who's On First's Pakistani district set, UCDP GED's adm_2 names)
 * and the seed reports (data/incidents/README.md): only the FATA merger's
 * year is stated there. Who's On First's set bounds the others without
 * dating them: its set (c. 2015-2017, its README says) has Kohistan and
 * Chitral whole and lacks Duki, Chaman, Hub, Usta Muhammad, Surab and the
 * Waziristan split, so those came after it; the Kohistan split's 2014 sits
 * ill with that date (one of the two is wrong). UCDP GED
 * 21.1 keeps the old districts to 2021, as it names places by one fixed set.
 * confirmed 0: the year is the project's record (scripts/data/curated.py's
 * notes; Kohistan's from memory), not confirmed by a source in the
 * repository, and printed with a dagger. year 0: no year recorded, only
 * that it came after Who's On First's set. (Kolai-Palas and Central Dir,
 * in scripts/data/curated.py's list, have no district row in the gazetteer,
 * so no map draws them and no note names them.) */
static const struct {
    int year, confirmed;
    const char *districts; /* '|' separated, today's names */
    const char *what;
} changes[] = {
    /* Crisis Group, "Pakistan: Responding to the Militant Surge on the Afghan
     * Border", Asia-Pacific Report 354, 27 Feb 2026 (data/incidents/README.md):
     * "the former FATA, which Islamabad folded into Khyber Pakhtunkhwa in 2018" */
    {2018, 1,
     "Bajaur|Mohmand|Khyber|Orakzai|Kurram|North Waziristan|Upper South Waziristan|"
     "Lower South Waziristan",
     "the tribal agencies (FATA) and frontier regions joined Khyber Pakhtunkhwa as districts "
     "(North Waziristan Agency is North Waziristan district)"},
    {2022, 0, "Upper South Waziristan|Lower South Waziristan",
     "South Waziristan was split into Upper and Lower South Waziristan"},
    {2018, 0, "Upper Chitral|Lower Chitral", "Chitral was split into Upper and Lower Chitral"},
    {2014, 0, "Upper Kohistan|Lower Kohistan", "Kohistan was split into Upper and Lower Kohistan"},
    {2016, 0, "Duki", "Duki district was formed from Loralai"},
    {2021, 0, "Chaman", "Chaman district was formed from Qila Abdullah"},
    {2022, 0, "Hub", "Hub district was formed from Lasbela"},
    {0, 0, "Usta Muhammad", "Usta Muhammad district was formed from Jafarabad"},
    {0, 0, "Surab", "Surab district was formed from Kalat"},
};

static int name_in(const char *name, const char *list)
{
    size_t n = strlen(name);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Whether a district of the list has its point in the extent (NULL: any). */
static int in_frame(const fm_gazetteer *gz, const char *list, const double *ext)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        if (strcmp(p->country, "PK") || !name_in(p->name, list))
            continue;
        if (!ext || (p->lon >= ext[0] && p->lon <= ext[2] && p->lat >= ext[1] && p->lat <= ext[3]))
            return 1;
    }
    return 0;
}

int fm_cli_change_confirmed(const char *district, int year)
{
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        if (changes[i].year == year && name_in(district, changes[i].districts))
            return changes[i].confirmed;
    return 0;
}

void fm_cli_period_note(fm_ctx *ctx, const fm_gazetteer *gz, int first_year, const double *ext,
                        fm_buf *b)
{
    size_t shown = 0, unconfirmed = 0;
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        int y = changes[i].year;
        if (!(y ? first_year < y : first_year < 2017) || !in_frame(gz, changes[i].districts, ext))
            continue;
        if (!shown++)
            fm_buf_printf(ctx, b, "%sDistrict names and boundaries are those of 2025; since the "
                          "first incidents shown, ", b->len ? "\n" : "");
        else
            fm_buf_puts(ctx, b, "; ");
        fm_buf_puts(ctx, b, changes[i].what);
        if (y)
            fm_buf_printf(ctx, b, " (%d%s)", y, changes[i].confirmed ? "" : "\u2020");
        else
            fm_buf_puts(ctx, b, " (after c. 2016)");
        unconfirmed += y && !changes[i].confirmed;
    }
    if (shown)
        fm_buf_puts(ctx, b, ".");
    if (unconfirmed)
        fm_buf_puts(ctx, b, " \u2020 Year from the project's records, not confirmed by a source "
                            "in its data.");
}
