/* halo.c: a line stroked on a halo (a wider, lighter stroke under it) so it
 * reads over the basemap and the symbols: leaders, buffer rings, callout
 * leaders and the disputed border, in the map and in its legend. */
#include "render/map_priv.h"

void fm_stroke_haloed(cairo_t *cr, const fm_halo_line *s)
{
    cairo_set_source_rgba(cr, s->halo[0], s->halo[1], s->halo[2], s->halo[3]);
    cairo_set_line_width(cr, s->halo_w);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, s->rgb[0], s->rgb[1], s->rgb[2]);
    cairo_set_line_width(cr, s->w);
    if (s->butt)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    if (s->dash)
        cairo_set_dash(cr, s->dash, s->ndash, 0);
    cairo_stroke(cr);
    if (s->dash)
        cairo_set_dash(cr, NULL, 0, 0);
}
