/* periodnote.c: the note a map of older incidents carries about district
 * names and boundaries: the map draws those of 2025, so each change made
 * since the first incident shown, to a district in the frame, is named with
 * its year ("South Waziristan was split into Upper and Lower South Waziristan
 * (2022)"), so no reader takes a 2009 event for one in a 2022 district.
 * A year no source in the repository confirms is marked with a dagger and
 * the note says so (issue 14: period-correct names, or a note). */
#include <string.h>

#include "cli/cli.h"

/* Whether a district of the list has its point in the extent (NULL: any). */
static int in_frame(const fm_gazetteer *gz, const char *list, const double *ext)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        if (strcmp(p->country, "PK") || !fm_name_in_list(p->name, list))
            continue;
        if (!ext || (p->lon >= ext[0] && p->lon <= ext[2] && p->lat >= ext[1] && p->lat <= ext[3]))
            return 1;
    }
    return 0;
}

/* The changes of geo/succession.c's table (which cites the sources of their
 * years) made since first_year, to districts one of which is in the frame.
 * Kolai-Palas and Central Dir, in the table, have no district row in the
 * gazetteer, so no map draws them and no note names them. */
void fm_cli_period_note(fm_ctx *ctx, const fm_gazetteer *gz, int first_year, const double *ext,
                        fm_buf *b)
{
    const fm_district_change *ch;
    size_t shown = 0, unconfirmed = 0;
    for (size_t i = 0; (ch = fm_district_change_find(NULL, i)); i++) {
        int y = ch->year;
        if (!(y ? first_year < y : first_year < 2017) || !in_frame(gz, ch->made, ext))
            continue;
        if (!shown++)
            fm_buf_printf(ctx, b, "%sDistrict names and boundaries are those of 2025; since the "
                          "first incidents shown, ", b->len ? "\n" : "");
        else
            fm_buf_puts(ctx, b, "; ");
        fm_buf_puts(ctx, b, ch->what);
        if (y)
            fm_buf_printf(ctx, b, " (%d%s)", y, ch->confirmed ? "" : "\u2020");
        else
            fm_buf_puts(ctx, b, " (after c. 2016)");
        unconfirmed += y && !ch->confirmed;
    }
    if (shown)
        fm_buf_puts(ctx, b, ".");
    if (unconfirmed)
        fm_buf_puts(ctx, b, " \u2020 Year from the project's records, not confirmed by a source "
                            "in its data.");
}
