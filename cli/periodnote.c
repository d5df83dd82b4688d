/* periodnote.c: the note a map of older incidents carries about district
 * names and boundaries: the map draws those of 2025, so each change made
 * since the first incident shown, to a district in the frame, is named with
 * its year ("South Waziristan was split into Upper and Lower South Waziristan
 * (2022)"), so no reader takes a 2009 event for one in a 2022 district. */
#include <string.h>

#include "cli/cli.h"

/* Changes since the data's first year (the districts that carry them, one
 * of which must be in the frame). year 0: formed after the c. 2016 district
 * set the polygons start from, the year not recorded here. */
static const struct {
    int year;
    const char *districts; /* '|' separated, today's names */
    const char *what;
} changes[] = {
    {2018, "Bajaur|Mohmand|Khyber|Orakzai|Kurram|North Waziristan|Upper South Waziristan|"
           "Lower South Waziristan",
     "the tribal agencies (FATA) and frontier regions joined Khyber Pakhtunkhwa as districts "
     "(North Waziristan Agency is North Waziristan district)"},
    {2022, "Upper South Waziristan|Lower South Waziristan",
     "South Waziristan was split into Upper and Lower South Waziristan"},
    {2018, "Upper Chitral|Lower Chitral", "Chitral was split into Upper and Lower Chitral"},
    {2014, "Upper Kohistan|Lower Kohistan", "Kohistan was split into Upper and Lower Kohistan"},
    {2016, "Duki", "Duki district was formed from Loralai"},
    {2021, "Chaman", "Chaman district was formed from Qila Abdullah"},
    {2022, "Hub", "Hub district was formed from Lasbela"},
    {0, "Usta Muhammad", "Usta Muhammad district was formed from Jafarabad"},
    {0, "Surab", "Surab district was formed from Kalat"},
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

void fm_cli_period_note(fm_ctx *ctx, const fm_gazetteer *gz, int first_year, const double *ext,
                        fm_buf *b)
{
    size_t shown = 0;
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
            fm_buf_printf(ctx, b, " (%d)", y);
        else
            fm_buf_puts(ctx, b, " (after 2016)");
    }
    if (shown)
        fm_buf_puts(ctx, b, ".");
}
