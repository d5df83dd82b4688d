/* svgtext.c: real <text> in SVG output. Cairo's SVG surface draws text as
 * glyph outlines, which no editor can correct; so on an SVG canvas
 * fm_text_draw records each line of a label here instead of drawing it, with
 * the position, font, colour and halo Pango and cairo would have used, and
 * the canvas writes the lines as <text> elements (Noto Sans, halos as a
 * white stroke painted under the fill) on top of the drawing when it
 * finishes. Positions are those of the PDF: the middle of each line's
 * logical box on its baseline, in page points. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

struct fm_svgtext {
    fm_buf out; /* the <text> elements so far */
    fm_ctx *ctx;
};

static const cairo_user_data_key_t svgtext_key;

fm_svgtext *fm_svgtext_create(fm_ctx *ctx)
{
    fm_svgtext *t = calloc(1, sizeof *t);
    if (t)
        t->ctx = ctx;
    return t;
}

void fm_svgtext_destroy(fm_svgtext *t)
{
    if (!t)
        return;
    fm_buf_free(&t->out);
    free(t);
}

void fm_svgtext_attach(cairo_t *cr, fm_svgtext *t)
{
    cairo_set_user_data(cr, &svgtext_key, t, NULL); /* the canvas owns t */
}

const char *fm_svgtext_elements(fm_svgtext *t, size_t *len)
{
    *len = t->out.len;
    return t->out.len ? fm_buf_str(&t->out) : "";
}

fm_status fm_svgtext_status(const fm_svgtext *t)
{
    return t->out.status;
}

/* Markup escaped; what XML 1.0 forbids outright (C0 controls but tab, LF
 * and CR, such as ESC in a --title; U+FFFE, U+FFFF) becomes U+FFFD, as in
 * KML exports, so the SVG stays XML. */
static void put_escaped(fm_svgtext *t, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': fm_buf_puts(t->ctx, &t->out, "&amp;"); break;
        case '<': fm_buf_puts(t->ctx, &t->out, "&lt;"); break;
        case '>': fm_buf_puts(t->ctx, &t->out, "&gt;"); break;
        case '"': fm_buf_puts(t->ctx, &t->out, "&quot;"); break;
        case '\t': case '\n': case '\r': fm_buf_putc(t->ctx, &t->out, s[i]); break;
        default:
            if (c < 0x20) {
                fm_buf_puts(t->ctx, &t->out, "\xEF\xBF\xBD");
            } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
                       ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
                fm_buf_puts(t->ctx, &t->out, "\xEF\xBF\xBD");
                i += 2;
            } else {
                fm_buf_putc(t->ctx, &t->out, s[i]);
            }
        }
    }
}

static int hex(double v)
{
    int k = (int)lround(v * 255);
    return k < 0 ? 0 : k > 255 ? 255 : k;
}

/* Letter spacing set on the layout (points), 0 when none. */
static double letter_spacing(PangoLayout *pl)
{
    PangoAttrList *al = pango_layout_get_attributes(pl);
    PangoAttrIterator *it;
    PangoAttribute *a;
    double sp = 0;
    if (!al)
        return 0;
    it = pango_attr_list_get_iterator(al);
    a = pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING);
    if (a)
        sp = ((PangoAttrInt *)a)->value / (double)PANGO_SCALE;
    pango_attr_iterator_destroy(it);
    return sp;
}

/* The font attributes of a line, scaled by k (device units per user unit). */
static void font_attrs(fm_svgtext *t, PangoLayout *pl, double k, int arabic)
{
    const PangoFontDescription *fd = pango_layout_get_font_description(pl);
    double size = fd ? pango_font_description_get_size(fd) / (double)PANGO_SCALE : 10;
    int bold = fd && pango_font_description_get_weight(fd) >= PANGO_WEIGHT_BOLD;
    int italic = fd && pango_font_description_get_style(fd) == PANGO_STYLE_ITALIC;
    double sp = letter_spacing(pl);
    fm_buf_printf(t->ctx, &t->out,
                  " font-family=\"%s\" font-size=\"%.2f\"%s%s",
                  arabic ? "Noto Naskh Arabic, Noto Sans Arabic, Noto Sans" : "Noto Sans, sans-serif",
                  size * k, bold ? " font-weight=\"bold\"" : "",
                  italic ? " font-style=\"italic\"" : "");
    if (sp > 0 && !arabic)
        fm_buf_printf(t->ctx, &t->out, " letter-spacing=\"%.2f\"", sp * k);
}

static int has_arabic(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0xD8 && (unsigned char)s[i] <= 0xDB)
            return 1;
    return 0;
}

int fm_svgtext_record(cairo_t *cr, PangoLayout *pl, double x, double y, double halo_pt)
{
    fm_svgtext *t = cairo_get_user_data(cr, &svgtext_key);
    const char *text = pango_layout_get_text(pl);
    PangoLayoutIter *it;
    cairo_matrix_t m;
    double r, g, b, a, k, angle;
    if (!t)
        return 0;
    cairo_get_matrix(cr, &m);
    k = sqrt(fabs(m.xx * m.yy - m.xy * m.yx));
    angle = atan2(m.yx, m.xx) * 180 / M_PI;
    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a);
    it = pango_layout_get_iter(pl);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle lg;
        double cx, cy;
        int arabic;
        if (!line || line->length <= 0)
            continue;
        pango_layout_iter_get_line_extents(it, NULL, &lg);
        cx = x + (lg.x + lg.width / 2.0) / PANGO_SCALE;
        cy = y + pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        cairo_user_to_device(cr, &cx, &cy);
        arabic = has_arabic(text + line->start_index, (size_t)line->length);
        fm_buf_printf(t->ctx, &t->out, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\"", cx,
                      cy);
        if (fabs(angle) > 0.01)
            fm_buf_printf(t->ctx, &t->out, " transform=\"rotate(%.2f %.2f %.2f)\"", angle, cx, cy);
        font_attrs(t, pl, k, arabic);
        if (arabic)
            fm_buf_puts(t->ctx, &t->out, " direction=\"rtl\"");
        fm_buf_printf(t->ctx, &t->out, " fill=\"#%02x%02x%02x\"", hex(r), hex(g), hex(b));
        if (a < 1)
            fm_buf_printf(t->ctx, &t->out, " fill-opacity=\"%.2f\"", a);
        if (halo_pt > 0)
            fm_buf_printf(t->ctx, &t->out,
                          " stroke=\"#ffffff\" stroke-opacity=\"0.9\" stroke-width=\"%.2f\""
                          " stroke-linejoin=\"round\" paint-order=\"stroke\"",
                          2 * halo_pt * k);
        fm_buf_puts(t->ctx, &t->out, ">");
        put_escaped(t, text + line->start_index, (size_t)line->length);
        fm_buf_puts(t->ctx, &t->out, "</text>\n");
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return 1;
}
