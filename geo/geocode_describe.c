/* geocode_describe.c: the geocoder's answers in words for a person: a place
 * with its district, province and country, and what an answer needed beyond
 * a plain match, as the commands announce it on stderr. */
#include <string.h>

#include "geo/fm_geo.h"

fm_status fm_place_describe(fm_ctx *ctx, const fm_place *p, int edits, fm_buf *out)
{
    int from_store = !strncmp(p->source, "from your store", 15);
    fm_status st = fm_buf_printf(ctx, out, "%s (%s", p->name,
                                 from_store ? p->source : fm_place_kind_name(p->kind));
    const char *parts[3] = {p->admin2, p->admin1, p->country};
    int i, first = 1;
    for (i = 0; i < 3 && !st; i++) {
        if (!*parts[i] || (i == 0 && !strcmp(parts[0], p->name) && p->kind == FM_PLACE_DISTRICT) ||
            (i == 1 && p->kind == FM_PLACE_PROVINCE && !strcmp(parts[1], p->name)))
            continue;
        st = fm_buf_printf(ctx, out, "%s%s", first ? "; " : ", ", parts[i]);
        first = 0;
    }
    if (!st && edits < 0)
        st = fm_buf_puts(ctx, out, "; a word left off");
    if (!st && edits > 0)
        st = fm_buf_printf(ctx, out, "; %d letter%s off", edits, edits == 1 ? "" : "s");
    if (!st)
        st = fm_buf_putc(ctx, out, ')');
    return st;
}

fm_status fm_geocode_describe(fm_ctx *ctx, const char *query, const fm_geocode_result *r,
                              fm_buf *out)
{
    fm_status st;
    fm_buf_reset(out);
    if (!r->flags || !r->place)
        return fm_buf_append(ctx, out, "", 0);
    st = fm_buf_printf(ctx, out, "'%s' -> ", query);
    if (!st)
        st = fm_place_describe(ctx, r->place, 0, out);
    if (!st)
        st = fm_buf_printf(ctx, out, " at %.5f,%.5f, precision %d", r->lat, r->lon,
                           r->precision);
    if (!st && *r->note)
        st = fm_buf_printf(ctx, out, ": %s", r->note);
    return st;
}
