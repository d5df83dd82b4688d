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

/* Whether a district of Khyber Pakhtunkhwa has its point in the extent. */
static int kp_in_frame(const fm_gazetteer *gz, const double *ext)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        if (p->admin1 && !strcmp(p->admin1, "Khyber Pakhtunkhwa") &&
            (!ext || (p->lon >= ext[0] && p->lon <= ext[2] && p->lat >= ext[1] &&
                      p->lat <= ext[3])))
            return 1;
    }
    return 0;
}

/* The province names the map uses (those of the period's last year, as its
 * labels and title give them: render/periodnames.c) where they are not
 * today's: the renaming of 2010, for a period ending before it or reaching
 * back before it and ending before the merger (FATA's 2018 is in the
 * sentence on districts). Short: a line more of note costs a frame 8 pt
 * and a name or two (the 2009-2014 frontier map lost Mardan to one). Returns
 * how many years it gave that no source confirms (the renaming's). */
static size_t province_note(fm_ctx *ctx, int first_year, int last_year, fm_buf *b)
{
    int nwfp = last_year > 0 && last_year < FM_NWFP_UNTIL;
    int renamed = first_year > 0 && first_year < FM_NWFP_UNTIL && !nwfp &&
                  last_year < FM_FATA_UNTIL;
    if (!nwfp && !renamed)
        return 0;
    if (b->len)
        fm_buf_puts(ctx, b, "\n");
    if (nwfp)
        fm_buf_printf(ctx, b, "North-West Frontier was renamed Khyber Pakhtunkhwa in %d\u2020.",
                      FM_NWFP_UNTIL);
    else
        fm_buf_printf(ctx, b, "Khyber Pakhtunkhwa was North-West Frontier until %d\u2020.",
                      FM_NWFP_UNTIL);
    return 1;
}

/* The changes of geo/succession.c's table (which cites the sources of their
 * years) made since first_year, to districts one of which is in the frame.
 * Kolai-Palas and Central Dir, in the table, have no district row in the
 * gazetteer, so no map draws them and no note names them. */
void fm_cli_period_note(fm_ctx *ctx, const fm_gazetteer *gz, int first_year, int last_year,
                        const double *ext, fm_buf *b)
{
    const fm_district_change *ch;
    size_t shown = 0, unconfirmed = 0, len0 = b->len;
    int named; /* a sentence on province names, which the one on districts follows */
    if (kp_in_frame(gz, ext))
        unconfirmed += province_note(ctx, first_year, last_year, b);
    named = b->len > len0;
    for (size_t i = 0; (ch = fm_district_change_find(NULL, i)); i++) {
        int y = ch->year;
        if (!(y ? first_year < y : first_year < 2017) || !in_frame(gz, ch->made, ext))
            continue;
        if (!shown++)
            fm_buf_printf(ctx, b, "%sDistrict names and boundaries are those of 2025; since the "
                          "first incidents shown, ", named ? " " : b->len ? "\n" : "");
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
