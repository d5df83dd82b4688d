/* legend.c: the legend panel: event types with their counts, the fatality
 * size scale, what hollow and numbered symbols mean, the reference layers
 * (crossings, towns, the disputed border, provinces), the density colour bar
 * when there is one, the scale bar and the north arrow. Entries flow down
 * the panel in columns. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/map_priv.h"

#define KEY_W 22.0 /* room for the key symbol left of an entry's text */

typedef struct {
    cairo_t *cr;
    fm_map *map;
    double x, y, col_w, top, bottom, right, left;
    int dropped; /* entries that found no room */
    double used_y; /* the lowest point a full column reached */
    double bar_km, bar_w; /* the scale bar drawn (0: none) */
    int strict; /* a section that fits a column whole never splits */
} cursor;

static PangoLayout *entry_text(cursor *c, const char *text, double size, int bold)
{
    PangoLayout *pl = fm_text_layout(c->cr, text, size, bold);
    pango_layout_set_width(pl, (int)((c->col_w - KEY_W - 6) * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
    return pl;
}

/* Makes room for h points, starting a new column when the current is full. */
static int room(cursor *c, double h)
{
    if (c->y + h > c->bottom + 0.01 && c->y > c->top) { /* 0.01: the same wherever b is */
        c->used_y = fmax(c->used_y, c->y);
        c->x += c->col_w;
        c->y = c->top;
    }
    if (c->x + c->col_w <= c->right + 1)
        return 1;
    c->dropped++;
    return 0;
}

/* A section's heading, kept in one column with the first next_h points of
 * what it heads (at least 14). */
static void heading(cursor *c, const char *text, double next_h)
{
    PangoLayout *pl = entry_text(c, text, 7.5, 1);
    int w, h;
    pango_layout_get_size(pl, &w, &h);
    /* with the gap over it, unless it heads a column */
    if (room(c, (c->y > c->top ? 4 : 0) + h / (double)PANGO_SCALE + 2 + fmax(14, next_h))) {
        c->y += c->y > c->top ? 4 : 0;
        cairo_set_source_rgb(c->cr, 0.1, 0.1, 0.1);
        fm_text_draw(c->cr, pl, c->x, c->y, 0);
        c->y += h / (double)PANGO_SCALE + 2;
    }
    g_object_unref(pl);
}

/* An entry: key drawn by fn centred at (x + KEY_W/2, middle), text right of it.
 * Returns the centre of the key so callers can draw it, or 0 when no room. */
static int entry(cursor *c, const char *text, double key_h, double *kx, double *ky)
{
    PangoLayout *pl = entry_text(c, text, 6.8, 0);
    int w, h, ok;
    double th;
    pango_layout_get_size(pl, &w, &h);
    th = fmax(h / (double)PANGO_SCALE, key_h);
    ok = room(c, th);
    if (ok) {
        cairo_set_source_rgb(c->cr, 0.15, 0.15, 0.15);
        fm_text_draw(c->cr, pl, c->x + KEY_W + 4, c->y + (th - h / (double)PANGO_SCALE) / 2, 0);
        *kx = c->x + KEY_W / 2;
        *ky = c->y + th / 2;
        c->y += th + 3;
    }
    g_object_unref(pl);
    return ok;
}

static void classes(cursor *c)
{
    fm_map *m = c->map;
    size_t i;
    char buf[160];
    double kx, ky, rgb[3];
    heading(c, "Incidents by type (number)", 12);
    for (i = 0; i <= m->nclasses; i++) {
        size_t n = m->class_totals ? m->class_totals[i] : 0;
        if (!n)
            continue;
        snprintf(buf, sizeof buf, "%s (%zu)", i < m->nclasses ? m->classes[i] : "other", n);
        if (!entry(c, buf, 9, &kx, &ky))
            continue;
        fm_class_color(m, i < m->nclasses ? (int)i : -1, rgb);
        cairo_arc(c->cr, kx, ky, 4, 0, 2 * M_PI);
        cairo_set_source_rgba(c->cr, rgb[0], rgb[1], rgb[2], 0.85);
        cairo_fill(c->cr);
    }
}

/* Values for the size key: the round number at or above the largest
 * symbol (so the key covers every symbol drawn), then about a quarter of
 * each value above it. */
static int size_values(long maxf, long v[3])
{
    static const long nice[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
                                20000, 50000, 100000, 200000, 500000};
    int i, n = 0, nn = (int)(sizeof nice / sizeof nice[0]);
    long top = nice[nn - 1];
    for (i = nn - 1; i >= 0; i--)
        if (nice[i] >= maxf)
            top = nice[i];
    v[n++] = top;
    while (n < 3 && v[n - 1] >= 4) { /* each about a quarter of the one above */
        long next = 1;
        for (i = 0; i < nn; i++)
            if (nice[i] * 4 <= v[n - 1])
                next = nice[i];
        v[n++] = next;
    }
    return n;
}

/* A symbol's radius in the legend's units: the legend is set at the
 * furniture's scale (smaller on pages under A4), its keys at the map's,
 * so a key's circle is the size of the map's symbol of that value (on A5
 * the largest was drawn 0.84 of it, smaller than the largest symbol). */
static double key_radius(const fm_map *m, long fatalities)
{
    return fm_symbol_radius(m, fatalities) / (m->lay.fs > 0 ? m->lay.fs : 1);
}

/* Nested circles sharing a base line, each value on a leader to its top. */
#define VALUE_HALF 4.5 /* half the height of a value's line (6.5 pt type) */
#define NONE_H 13.0    /* the "none or not reported" entry: a line of 6.8 pt and its gap */
static void size_key(cursor *c)
{
    fm_map *m = c->map;
    long v[3];
    int i, n = size_values(m->max_fatalities, v);
    char buf[64];
    double rmax = key_radius(m, v[0]), cx, base, kx, ky, last_y = -HUGE_VAL;
    double key_h = 2 * rmax + VALUE_HALF + 5 + NONE_H; /* circles and "none": one column */
    m->lay.sizekey_value = v[0];
    m->lay.sizekey_pt = 0; /* until drawn */
    if (!fm_legend_shows(m, FM_SHOWN_FATAL)) { /* no circle but the least: "none" alone */
        heading(c, "Fatalities (best estimate)", NONE_H);
        if (entry(c, "none or not reported", 8, &kx, &ky)) {
            cairo_arc(c->cr, kx, ky, key_radius(m, 0), 0, 2 * M_PI);
            cairo_set_source_rgb(c->cr, 0.55, 0.55, 0.55);
            cairo_fill(c->cr);
        }
        return;
    }
    heading(c, "Fatalities (best estimate)", key_h);
    if (!room(c, key_h))
        return;
    /* a value drawn at the minimum size says nothing the "none" entry does not */
    while (n > 1 && key_radius(m, v[n - 1]) < key_radius(m, 0) + 0.8)
        n--;
    /* the top value is centred on the largest circle's top: room above it
     * for half its height, clear of the heading */
    cx = c->x + fmax(rmax, KEY_W / 2) + 1, base = c->y + VALUE_HALF + 2 * rmax + 1;
    m->lay.sizekey_pt = rmax * (m->lay.fs > 0 ? m->lay.fs : 1);
    for (i = 0; i < n; i++) {
        double r = key_radius(m, v[i]), ty = base - 2 * r;
        PangoLayout *pl;
        int tw, th;
        cairo_arc(c->cr, cx, base - r, r, 0, 2 * M_PI);
        cairo_set_source_rgba(c->cr, 0.55, 0.55, 0.55, i == 0 ? 0.35 : 0.25);
        cairo_fill_preserve(c->cr);
        cairo_set_source_rgb(c->cr, 0.35, 0.35, 0.35);
        cairo_set_line_width(c->cr, 0.5);
        cairo_stroke(c->cr);
        ty = fmax(ty, last_y + 7); /* values never touch: leaders bend down */
        last_y = ty;
        cairo_move_to(c->cr, cx, base - 2 * r);
        cairo_line_to(c->cr, cx + rmax + 4, base - 2 * r);
        cairo_line_to(c->cr, cx + rmax + 8, ty);
        cairo_set_line_width(c->cr, 0.3);
        cairo_stroke(c->cr);
        snprintf(buf, sizeof buf, "%ld", v[i]);
        pl = fm_text_layout(c->cr, buf, 6.5, 0);
        pango_layout_get_size(pl, &tw, &th);
        cairo_set_source_rgb(c->cr, 0.15, 0.15, 0.15);
        fm_text_draw(c->cr, pl, cx + rmax + 10, ty - th / 2.0 / PANGO_SCALE, 0);
        g_object_unref(pl);
    }
    c->y = fmax(base, last_y + 4) + 4;
    if (fm_legend_shows(m, FM_SHOWN_UNFATAL) && entry(c, "none or not reported", 8, &kx, &ky)) {
        cairo_arc(c->cr, kx, ky, key_radius(m, 0), 0, 2 * M_PI);
        cairo_set_source_rgb(c->cr, 0.55, 0.55, 0.55);
        cairo_fill(c->cr);
    }
}

static void symbol_key(cursor *c)
{
    fm_symbol s;
    int counts[64] = {0};
    double kx, ky, fs = c->map->lay.fs > 0 ? c->map->lay.fs : 1;
    memset(&s, 0, sizeof s);
    s.cls = -1;
    s.cls_count = counts;
    if (c->map->nclasses + 1 > 64)
        return;
    counts[c->map->nclasses] = 1;
    if (!fm_legend_shows(c->map, FM_SHOWN_APPROX) && !fm_legend_shows(c->map, FM_SHOWN_COMBINED))
        return;
    heading(c, "Symbols", 15);
    if (fm_legend_shows(c->map, FM_SHOWN_APPROX) && entry(c, "location approximate (district or province level)", 12, &kx, &ky)) {
        s.x = kx, s.y = ky, s.r = fmin(5 * c->map->sym_scale, 7) / fs, s.count = 1, s.approx = 1;
        fm_symbol_draw_one(c->map, c->cr, &s);
    }
    if (fm_legend_shows(c->map, FM_SHOWN_COMBINED) &&
        entry(c, "nearby incidents combined; the number says how many", 12, &kx, &ky)) {
        s.x = kx, s.y = ky, s.r = fmin(5.5 * c->map->sym_scale, 7.5) / fs, s.count = 12;
        s.count_x = s.x, s.count_y = s.y, s.count_pt = c->map->count_pt / fs, s.approx = 0;
        counts[c->map->nclasses] = 12;
        fm_symbol_draw_one(c->map, c->cr, &s);
    }
}

/* The reference layers the frame draws (legendshown.c): a key for a
 * crossing or a border the frame does not hold sends a reader looking. */
static int reference_any(const fm_map *m)
{
    static const unsigned bits[] = {FM_SHOWN_CROSSING, FM_SHOWN_CAPITAL, FM_SHOWN_PLACE,
                                    FM_SHOWN_BORDER,   FM_SHOWN_ROAD,    FM_SHOWN_RIVER,
                                    FM_SHOWN_RING,     FM_SHOWN_PROVLINE};
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (fm_legend_shows(m, bits[i]))
            return 1;
    return 0;
}

static void reference_key(cursor *c)
{
    double kx, ky;
    unsigned places = c->map->opts.labels & (FM_LABEL_DISTRICTS | FM_LABEL_TOWNS);
    if (!reference_any(c->map))
        return;
    heading(c, "Reference", 12);
    if ((c->map->opts.labels & FM_LABEL_CROSSINGS) && fm_legend_shows(c->map, FM_SHOWN_CROSSING) &&
        entry(c, "border crossing", 9, &kx, &ky))
        fm_crossing_mark(c->cr, kx, ky, 3.2);
    if (places && fm_legend_shows(c->map, FM_SHOWN_CAPITAL) && entry(c, "major city", 8, &kx, &ky))
        fm_city_mark(c->cr, kx, ky, 1);
    if (places && fm_legend_shows(c->map, FM_SHOWN_PLACE) &&
        entry(c, "town or district seat", 8, &kx, &ky))
        fm_city_mark(c->cr, kx, ky, 0);
    if (fm_legend_shows(c->map, FM_SHOWN_BORDER) &&
        entry(c, "International boundary (Durand Line); its status is disputed by Afghanistan",
              8, &kx, &ky)) {
        cairo_move_to(c->cr, kx - 10, ky);
        cairo_line_to(c->cr, kx + 10, ky);
        fm_stroke_haloed(c->cr, &fm_border_line);
    }
    if (fm_legend_shows(c->map, FM_SHOWN_ROAD) &&
        entry(c, "main road, with its route number", 8, &kx, &ky)) {
        cairo_move_to(c->cr, kx - 10, ky);
        cairo_line_to(c->cr, kx + 10, ky);
        cairo_set_source_rgb(c->cr, 0.62, 0.50, 0.44);
        cairo_set_line_width(c->cr, 0.9);
        cairo_stroke(c->cr);
    }
    if (fm_legend_shows(c->map, FM_SHOWN_RIVER) && entry(c, "river", 6, &kx, &ky)) {
        cairo_move_to(c->cr, kx - 10, ky + 1);
        cairo_curve_to(c->cr, kx - 4, ky - 2, kx + 4, ky + 3, kx + 10, ky - 1);
        cairo_set_source_rgb(c->cr, 0.48, 0.66, 0.84);
        cairo_set_line_width(c->cr, 0.8);
        cairo_stroke(c->cr);
    }
    if (c->map->nrings && fm_legend_shows(c->map, FM_SHOWN_RING) &&
        entry(c, "buffer ring, labelled with its radius", 8, &kx, &ky)) {
        static const double dash[] = {4, 2};
        cairo_move_to(c->cr, kx - 10, ky);
        cairo_line_to(c->cr, kx + 10, ky);
        cairo_set_source_rgb(c->cr, 0.15, 0.15, 0.25);
        cairo_set_line_width(c->cr, 0.9);
        cairo_set_dash(c->cr, dash, 2, 0);
        cairo_stroke(c->cr);
        cairo_set_dash(c->cr, NULL, 0, 0);
    }
    if (fm_legend_shows(c->map, FM_SHOWN_PROVLINE) && entry(c, "province boundary", 6, &kx, &ky)) {
        cairo_move_to(c->cr, kx - 10, ky);
        cairo_line_to(c->cr, kx + 10, ky);
        cairo_set_source_rgb(c->cr, 0.66, 0.63, 0.58);
        cairo_set_line_width(c->cr, 0.6);
        cairo_stroke(c->cr);
    }
}

/* A filled key box for the choropleth's entries (hatched for no data). */
static void choro_box(cursor *c, double kx, double ky, double v)
{
    double rgb[3];
    fm_choro_value_color(c->map, v, rgb);
    cairo_rectangle(c->cr, kx - 7, ky - 4.5, 14, 9);
    cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
    cairo_fill_preserve(c->cr);
    if (isnan(v)) {
        cairo_save(c->cr);
        cairo_clip_preserve(c->cr);
        cairo_set_source_rgb(c->cr, 0.70, 0.70, 0.70);
        cairo_set_line_width(c->cr, 0.35);
        for (double x = kx - 16; x < kx + 8; x += 4)
            cairo_move_to(c->cr, x, ky + 4.5), cairo_line_to(c->cr, x + 9, ky - 4.5);
        cairo_stroke(c->cr);
        cairo_restore(c->cr);
        cairo_rectangle(c->cr, kx - 7, ky - 4.5, 14, 9);
    }
    cairo_set_source_rgb(c->cr, 0.45, 0.45, 0.5);
    cairo_set_line_width(c->cr, 0.4);
    cairo_stroke(c->cr);
}

/* The choropleth's key: each class as a range of whole numbers (the
 * figures are counts or sums of counts), zero, no data, and the method. */
static void choro_key(cursor *c)
{
    const struct fm_choro *ch = c->map->choro;
    char buf[160], a[FM_NUMBER_BUF], b[FM_NUMBER_BUF];
    double kx, ky, lo = ch->lowest;
    heading(c, ch->heading, 12);
    for (size_t j = 0; j < ch->nclasses; j++) {
        long long l = llround(ceil(lo)), h = llround(floor(ch->upper[j]));
        if (l >= h)
            snprintf(buf, sizeof buf, "%s", fm_format_count(h, b));
        else
            snprintf(buf, sizeof buf, "%s\u2013%s", fm_format_count(l, a), fm_format_count(h, b));
        if (entry(c, buf, 9, &kx, &ky))
            choro_box(c, kx, ky, ch->upper[j]);
        lo = floor(ch->upper[j]) + 1;
    }
    if (fm_legend_shows(c->map, FM_SHOWN_ZERO) && entry(c, "0 (none recorded)", 9, &kx, &ky))
        choro_box(c, kx, ky, 0);
    if (fm_legend_shows(c->map, FM_SHOWN_NODATA) &&
        entry(c, "no data (outside the sources' coverage or the filter)", 9, &kx, &ky))
        choro_box(c, kx, ky, NAN);
    if (ch->method && *ch->method) {
        PangoLayout *pl = entry_text(c, ch->method, 6.2, 0);
        int w, h;
        pango_layout_get_size(pl, &w, &h);
        if (room(c, h / (double)PANGO_SCALE + 2)) {
            cairo_set_source_rgb(c->cr, 0.3, 0.3, 0.3);
            fm_text_draw(c->cr, pl, c->x, c->y, 0);
            c->y += h / (double)PANGO_SCALE + 3;
        }
        g_object_unref(pl);
    }
}

static void scale_and_north(cursor *c)
{
    double w = fmin(c->col_w - 30, 130);
    if (!room(c, 30))
        return;
    c->y += 6;
    fm_scalebar_draw(c->map, c->cr, c->x + 2, c->y + 10, w, &c->bar_km, &c->bar_w);
    fm_north_draw(c->map, c->cr, c->x + w + 32, c->y + 14);
    c->y += 24; /* the bar's figures end here */
}

/* Columns of at least COL_MIN_PT, at most three. */
#define COL_MIN_PT 165.0

static void density_key(cursor *c)
{
    if (!room(c, 40))
        return;
    heading(c, c->map->units && *c->map->units ? c->map->units : "density", 26);
    fm_colorbar_draw(c->map, c->cr, c->x + 2, c->y + 2, fmin(c->col_w - 20, 150));
    c->y += 26;
}

typedef void (*section_fn)(cursor *c);

/* The keys to symbols in a column of their own, when the figures (types,
 * sizes) leave the first one. */
static void keys_apart_break(cursor *c)
{
    if (c->x == c->left && c->y > c->top) {
        c->used_y = fmax(c->used_y, c->y);
        c->x += c->col_w;
        c->y = c->top;
    }
}

static void sections_run(cursor *c, const section_fn *fn, size_t n, int whole);

/* Whether sections fn[0..n) fit (no entry left out) drawn from where c is,
 * or from the head of the next column (next), tried on a scratch surface;
 * with first_whole, the first must also fit without starting a column. */
static int sections_fit(const cursor *c, const section_fn *fn, size_t n, int next,
                        int first_whole)
{
    cursor t = *c;
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    double x;
    int fits;
    t.cr = cairo_create(s);
    if (next)
        t.x += t.col_w, t.y = t.top;
    x = t.x;
    if (first_whole) {
        fn[0](&t);
        n = t.x == x ? n - 1 : 0, fn++;
        fits = t.x == x;
    } else {
        fits = 1;
    }
    sections_run(&t, fn, n, 0);
    cairo_destroy(t.cr);
    cairo_surface_destroy(s);
    return fits && t.dropped == c->dropped;
}

/* Draws sections fn[0..n) down the columns. With whole, a section that
 * does not fit what is left of a column starts the next one when it fits
 * there whole and (unless c->strict) the rest still fits after it (a
 * heading was left at a column's foot, the size key's circles at the next
 * one's head); a section longer than a column, or (not strict) one whose
 * move would leave later entries no room, runs on down the columns. */
static void sections_run(cursor *c, const section_fn *fn, size_t n, int whole)
{
    for (size_t i = 0; i < n; i++) {
        double x;
        if (whole && fn[i] != keys_apart_break && c->y > c->top &&
            c->x + 2 * c->col_w <= c->right + 1 && !sections_fit(c, fn + i, 1, 0, 1) &&
            sections_fit(c, fn + i, c->strict ? 1 : n - i, 1, 1)) {
            c->used_y = fmax(c->used_y, c->y);
            c->x += c->col_w;
            c->y = c->top;
        }
        x = c->x;
        fn[i](c);
        /* strict: a section run on into the next column does not fit (the
         * Reference longer than the column beside the inset) */
        if (c->strict && fn[i] != keys_apart_break && c->x != x)
            c->dropped++;
    }
}

/* Draws the legend into box b; returns how many entries found no room.
 * used (or NULL) gets the part of b the entries took and bar (or NULL) the
 * scale bar's length in km and in the legend's units. With keys_apart, the
 * keys to symbols start a column of their own when the figures (types,
 * sizes) leave the first one; else the entries flow on down the columns. */
static int legend_run(fm_map *map, cairo_t *cr, const fm_box *b, int keys_apart, int strict,
                      fm_box *used, double bar[2])
{
    double w = b->x1 - b->x0;
    int ncol = (int)fmax(1, fmin(3, floor(w / COL_MIN_PT)));
    cursor c = {cr, map, b->x0, b->y0, w / ncol, b->y0, b->y1, b->x1, b->x0, 0, b->y0, 0, 0, strict};
    section_fn fn[8];
    size_t n = 0;
    int syms = map->npts && fm_legend_shows(map, FM_SHOWN_SYMBOL); /* any in the frame */
    if (map->choro)
        fn[n++] = choro_key;
    if (syms)
        fn[n++] = classes, fn[n++] = size_key;
    if (keys_apart && ncol > 1 && (syms || map->choro))
        fn[n++] = keys_apart_break;
    if (syms)
        fn[n++] = symbol_key;
    if (map->grid)
        fn[n++] = density_key;
    fn[n++] = reference_key;
    fn[n++] = scale_and_north;
    sections_run(&c, fn, n, 1);
    if (used) {
        used->x0 = b->x0, used->y0 = b->y0;
        used->x1 = fmin(c.x + c.col_w, b->x1), used->y1 = fmax(c.used_y, c.y);
    }
    if (bar)
        bar[0] = c.bar_km, bar[1] = c.bar_w;
    return c.dropped;
}

/* The smallest height (to 2 pt, at most max_h) at which the legend fits
 * between x0 and x1 on cr, its keys apart or not, its sections whole
 * (strict) or not; HUGE_VAL when it does not fit max_h. */
static double least_height(fm_map *map, cairo_t *cr, double x0, double x1, double max_h,
                           int keys_apart, int strict)
{
    double lo = 40, hi = max_h;
    fm_box b = {x0, 0, x1, max_h};
    if (legend_run(map, cr, &b, keys_apart, strict, NULL, NULL))
        return HUGE_VAL;
    while (hi - lo > 2) {
        b.y1 = (lo + hi) / 2;
        cairo_save(cr);
        if (legend_run(map, cr, &b, keys_apart, strict, NULL, NULL))
            lo = b.y1;
        else
            hi = b.y1;
        cairo_restore(cr);
    }
    return hi;
}

/* Whether legend_run with keys_apart and strict fits b (drawn on a
 * scratch surface). */
static int legend_fits(fm_map *map, const fm_box *b, int keys_apart, int strict)
{
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);
    int fits = !legend_run(map, cr, b, keys_apart, strict, NULL, NULL);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return fits;
}

/* The box to draw the legend in, within b, and how (LEGEND_APART: the
 * keys apart; LEGEND_WHOLE: no section split): b with its sections whole
 * when they fit so, the keys apart before flowing; when nothing fits b (a
 * section moved whole to the next column can leave the last entries no
 * room in a box where a lower one held them all), the lowest box found to
 * hold them. */
#define LEGEND_APART 1
#define LEGEND_WHOLE 2
static int legend_box(fm_map *map, fm_box *b)
{
    static const int modes[] = {LEGEND_APART | LEGEND_WHOLE, LEGEND_WHOLE, LEGEND_APART, 0};
    cairo_surface_t *s;
    cairo_t *cr;
    double h = b->y1 - b->y0, least;
    int keys_apart;
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (legend_fits(map, b, modes[i] & LEGEND_APART, !!(modes[i] & LEGEND_WHOLE)))
            return modes[i];
    s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cr = cairo_create(s);
    for (keys_apart = 0; keys_apart < 2; keys_apart++)
        if ((least = least_height(map, cr, b->x0, b->x1, h, keys_apart, 0)) < h) {
            b->y1 = b->y0 + least;
            break;
        }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return keys_apart == 1;
}

/* The legend is set at the furniture's scale (fm_layout.fs): it is drawn
 * in a box of its own units, fs page points each. */
void fm_layout_draw_legend(fm_map *map, cairo_t *cr)
{
    double fs = map->lay.fs > 0 ? map->lay.fs : 1, bar[2];
    fm_box used, b = map->lay.legend;
    int mode;
    b.x0 /= fs, b.y0 /= fs, b.x1 /= fs, b.y1 /= fs;
    mode = legend_box(map, &b);
    cairo_save(cr);
    cairo_scale(cr, fs, fs);
    map->lay.legend_dropped = legend_run(map, cr, &b, mode & LEGEND_APART,
                                         !!(mode & LEGEND_WHOLE), &used, bar);
    cairo_restore(cr);
    map->lay.scalebar_km = bar[0], map->lay.scalebar_pt = bar[1] * fs;
    used.x0 *= fs, used.y0 *= fs, used.x1 *= fs, used.y1 *= fs;
    map->lay.legend_used = used;
}

/* The height the legend asks for between x0 and x1, its sections whole
 * (strict) or not: flowing, or with the keys apart when that is not much
 * taller; HUGE_VAL when it does not fit max_h. */
static double legend_asks(fm_map *map, cairo_t *cr, double x0, double x1, double min_h,
                          double max_h, int strict)
{
    double flow, apart, worth;
    flow = apart = least_height(map, cr, x0, x1, max_h, 0, strict);
    if (flow == HUGE_VAL)
        return HUGE_VAL;
    /* the keys to symbols in a column of their own read better, unless that
     * makes the legend much taller than the room it has anyway (a narrow
     * page: its legend in two columns, the reference all in the second) */
    worth = fmax(1.2 * flow + 2, min_h);
    if (x1 - x0 >= 2 * COL_MIN_PT)
        apart = least_height(map, cr, x0, x1, fmin(max_h, worth), 1, strict);
    return fmax(apart <= worth ? apart : flow, min_h);
}

/* A legend whose sections all stay whole may be this much taller than one
 * that splits a section across two columns (on the A3 portrait KP map the
 * Symbols heading and its first entry stood at the foot of the second
 * column, "nearby incidents combined" at the head of the third, over the
 * Reference heading; the A4 heatmap's Reference ran on beside the inset,
 * "river" and "province boundary" under no heading). */
#define WHOLE_SLACK 1.25

double fm_legend_height(fm_map *map, double x0, double x1, double min_h, double max_h)
{
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);
    double fs = map->lay.fs > 0 ? map->lay.fs : 1, split, whole;
    x0 /= fs, x1 /= fs, min_h /= fs, max_h /= fs; /* in the legend's units */
    split = legend_asks(map, cr, x0, x1, min_h, max_h, 0);
    whole = split;
    if (split < HUGE_VAL) { /* (the sections may well stay whole at that height) */
        fm_box b = {x0, 0, x1, split};
        if (legend_run(map, cr, &b, 0, 1, NULL, NULL) && legend_run(map, cr, &b, 1, 1, NULL, NULL))
            whole = legend_asks(map, cr, x0, x1, min_h, max_h, 1);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    if (split == HUGE_VAL) /* does not fit even at the most: take it all */
        return fs * max_h;
    return fs * (whole <= WHOLE_SLACK * split + 2 ? whole : split);
}
