/* spacedtext.c: letter-spaced names (countries, provinces) drawn so that a
 * PDF reader finds them as words. Pango draws each glyph as its own cluster,
 * and pdftotext, seeing the gaps letter spacing leaves, reads "AFGHANISTAN"
 * as "A F G H A N I S T A N". Drawn here with one cluster per run (the
 * run's whole text for all its glyphs), cairo's PDF surface marks the run
 * with an ActualText span, which text extraction and search read as the
 * name; the glyphs and their positions are Pango's, so the picture is the
 * same. Only left-to-right runs are taken (the Latin names letter spacing
 * applies to), of at most MAX_GLYPHS glyphs a run; anything else is left to
 * Pango. */

#define MAX_GLYPHS 96
#include <string.h>

#include "render/map_priv.h"

/* Whether the layout carries letter spacing and every run is left to right. */
static int spaced_ltr(PangoLayout *pl)
{
    PangoAttrList *al = pango_layout_get_attributes(pl);
    PangoAttrIterator *it;
    PangoLayoutIter *li;
    int spaced = 0, ok = 1;
    if (!al)
        return 0;
    it = pango_attr_list_get_iterator(al);
    do
        spaced |= pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING) != NULL;
    while (!spaced && pango_attr_iterator_next(it));
    pango_attr_iterator_destroy(it);
    if (!spaced)
        return 0;
    li = pango_layout_get_iter(pl);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(li);
        if (run && (run->item->analysis.level % 2 || !run->glyphs->num_glyphs ||
                    run->glyphs->num_glyphs > MAX_GLYPHS))
            ok = 0;
    } while (ok && pango_layout_iter_next_run(li));
    pango_layout_iter_free(li);
    return ok;
}

/* Draws (or, path_only, adds to the path) one run's glyphs at their places
 * with the run's text as one cluster. */
static void show_run(cairo_t *cr, PangoLayout *pl, PangoLayoutIter *li, PangoLayoutRun *run,
                    double x, double y, int path_only)
{
    const char *text = pango_layout_get_text(pl) + run->item->offset;
    PangoGlyphString *gs = run->glyphs;
    PangoRectangle ext;
    cairo_glyph_t g[MAX_GLYPHS];
    cairo_text_cluster_t cl;
    cairo_scaled_font_t *sf;
    double base = pango_layout_iter_get_baseline(li) / (double)PANGO_SCALE, cx;
    int i, n = 0;
    pango_layout_iter_get_run_extents(li, NULL, &ext);
    cx = ext.x;
    for (i = 0; i < gs->num_glyphs; i++) {
        const PangoGlyphInfo *gi = &gs->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
            g[n].index = gi->glyph;
            g[n].x = x + (cx + gi->geometry.x_offset) / PANGO_SCALE;
            g[n].y = y + base + gi->geometry.y_offset / (double)PANGO_SCALE;
            n++;
        }
        cx += gi->geometry.width;
    }
    sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
    if (sf && n) {
        cairo_set_scaled_font(cr, sf);
        if (path_only)
            cairo_glyph_path(cr, g, n);
        else {
            cl.num_bytes = run->item->length, cl.num_glyphs = n;
            cairo_show_text_glyphs(cr, text, run->item->length, g, n, &cl, 1, 0);
        }
    }
}

int fm_spaced_text_show(cairo_t *cr, PangoLayout *pl, double x, double y, int path_only)
{
    PangoLayoutIter *li;
    if (!spaced_ltr(pl))
        return 0;
    cairo_save(cr); /* (the font; the path is not saved: glyph paths stay on it) */
    li = pango_layout_get_iter(pl);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(li);
        if (run)
            show_run(cr, pl, li, run, x, y, path_only);
    } while (pango_layout_iter_next_run(li));
    pango_layout_iter_free(li);
    cairo_restore(cr);
    return 1;
}
