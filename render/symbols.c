/* symbols.c: incident symbols. Circle area is proportional to fatalities
 * (a minimum size for zero or unknown), colour says the event type (Okabe-Ito,
 * safe for colour-blind readers), district- or province-level locations are
 * hollow and dashed, and points that would overlap at the map's scale are
 * combined greedily into one symbol with the count inside. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/map_priv.h"

static const struct {
    const char *key;
    double rgb[3];
} class_palette[] = {
    {"battle", {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0}},
    {"explosion", {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0}},
    {"remote", {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0}},
    {"civilian", {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0}},
    {"one-sided", {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0}},
    {"protest", {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0}},
    {"riot", {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0}},
    {"strategic", {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0}},
};
static const double spare_palette[][3] = {
    {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0}, {0x99 / 255.0, 0x66 / 255.0, 0x33 / 255.0},
    {0x66 / 255.0, 0x66 / 255.0, 0x66 / 255.0}, {0x88 / 255.0, 0xCC / 255.0, 0xEE / 255.0},
};

/* Does name contain key (lowercase ASCII) in any case? */
static int has_word(const char *name, const char *key)
{
    size_t n = strlen(key);
    for (; *name; name++)
        if (!strncasecmp(name, key, n))
            return 1;
    return 0;
}

/* Known event types keep their colour whatever the class order; the rest
 * take the spare colours in class order. The incidents of a heatmap (one
 * class over a density) are near-black, a colour no ramp ends in: the
 * spare yellow vanished on viridis' yellow peak. */
void fm_class_color(const fm_map *map, int cls, double rgb[3])
{
    size_t i, spare = 0;
    int c;
    if (cls < 0 || (size_t)cls >= map->nclasses) {
        rgb[0] = rgb[1] = rgb[2] = 0.45;
        return;
    }
    if (map->grid && map->nclasses == 1) {
        rgb[0] = rgb[1] = rgb[2] = 0.12;
        return;
    }
    for (c = 0; c <= cls; c++) {
        const char *name = map->classes[c];
        int known = 0;
        for (i = 0; i < sizeof class_palette / sizeof class_palette[0]; i++)
            if (has_word(name, class_palette[i].key)) {
                if (c == cls)
                    memcpy(rgb, class_palette[i].rgb, sizeof class_palette[i].rgb);
                known = 1;
                break;
            }
        if (!known && c == cls)
            memcpy(rgb, spare_palette[spare % 4], 3 * sizeof(double));
        spare += !known;
    }
}

double fm_symbol_radius(const fm_map *map, long fatalities)
{
    return fm_symbol_radius_u(map->cluster_k, fatalities) * map->sym_scale;
}

/* The page's scale of symbol units (points per unit), and the counts' type
 * size: the units' size on the page, kept legible on small pages (A5) and
 * not outsized on large ones (A3). */
static void set_scale(fm_map *map)
{
    map->sym_scale = map->cluster_u > 0 ? map->lay.scale / map->cluster_u : 1;
    map->cluster_pt = FM_SYM_CLUSTER_U * map->sym_scale;
    map->size_k = map->cluster_k * map->sym_scale;
    map->count_pt = fmin(FM_COUNT_MAX_PT, fmax(FM_COUNT_MIN_PT, FM_COUNT_U * map->sym_scale));
}

/* Where a count set larger than the clusters were kept apart for (a page
 * under A4's scale, its counts at the legible minimum) would print over an
 * earlier one, it moves off the middle (as a count under a crossing does,
 * labelseed.c): inside its circle, on its rim, then up to FM_COUNT_OFF_MAX off
 * it with a tick (countspot.c), clear of the counts placed: the clusters and
 * their counts stay those of every other page. Largest symbols first, so
 * theirs stay in the middle. Before, a count stepped up to 15 pt further
 * out than the rim with nothing tying it to its circle ("56" 20 pt off its
 * 2 pt circle on the whole record's A5 map). */
int fm_counts_spread(const fm_map *map)
{
    return map->count_pt > FM_COUNT_CLASH_U * map->sym_scale * 1.001;
}

static int spot_clear(const fm_map *map, fm_boxgrid *g, size_t i, fm_box *cb)
{
    return fm_symbol_count_box(&map->symbols[i], cb) && !fm_boxgrid_hits(g, cb) &&
           !fm_count_reads_other(map->symbols, map->nsymbols, i);
}

static fm_status spread_counts(fm_ctx *ctx, fm_map *map)
{
    fm_boxgrid g;
    fm_box cb, area = map->lay.frame;
    size_t i;
    fm_status st;
    if (!fm_counts_spread(map))
        return FM_OK; /* the clusters keep these counts apart */
    area.x0 -= 40, area.y0 -= 40, area.x1 += 40, area.y1 += 40;
    if ((st = fm_boxgrid_init(ctx, &g, &area)))
        return st;
    for (i = 0; !st && i < map->nsymbols; i++) {
        fm_symbol *s = &map->symbols[i];
        int k;
        if (s->count < 2)
            continue;
        for (k = 0; !spot_clear(map, &g, i, &cb) && fm_count_spot(s, k, &s->count_x, &s->count_y);
             k++)
            ;
        if (!spot_clear(map, &g, i, &cb)) /* nowhere clear: in the middle, as drawn before */
            s->count_x = s->x, s->count_y = s->y, fm_symbol_count_box(s, &cb);
        fm_count_tick_mark(s);
        st = fm_boxgrid_add(ctx, &g, cb, (int)i);
    }
    fm_boxgrid_free(&g);
    return st;
}

/* The clusters whose centres lie in the frame, as page symbols (the class
 * counts shared with the clusters), largest first as the clusters are; the
 * class totals and the largest fatality sum are those drawn (the legend's),
 * and so is what the legend keys (legendshown.c). */
fm_status fm_symbols_place(fm_ctx *ctx, fm_map *map)
{
    const fm_box *f = &map->lay.frame;
    size_t i, c, nc = map->nclasses + 1;
    fm_status st;
    set_scale(map);
    free(map->symbols);
    free(map->class_totals);
    map->nsymbols = 0;
    map->max_fatalities = 1;
    map->symbols = fm_malloc_array(map->nclusters ? map->nclusters : 1, sizeof *map->symbols);
    map->class_totals = calloc(nc, sizeof *map->class_totals);
    if (!map->symbols || !map->class_totals)
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu symbols", map->nclusters);
    for (i = 0; i < map->nclusters; i++) {
        const fm_symbol *u = &map->clusters[i];
        fm_symbol *s = &map->symbols[map->nsymbols];
        double px, py;
        fm_lay_page(&map->lay, u->x / map->cluster_u, -u->y / map->cluster_u, &px, &py);
        if (!(px >= f->x0 && px <= f->x1 && py >= f->y0 && py <= f->y1))
            continue;
        *s = *u;
        s->x = s->count_x = px, s->y = s->count_y = py;
        s->r = u->r * map->sym_scale;
        s->count_pt = map->count_pt;
        s->tick = 0;
        for (c = 0; c < nc; c++)
            map->class_totals[c] += (size_t)s->cls_count[c];
        if (s->fatalities > map->max_fatalities)
            map->max_fatalities = s->fatalities;
        map->nsymbols++;
    }
    st = spread_counts(ctx, map);
    return st ? st : fm_legend_shown_make(ctx, map);
}

static void fill_wedges(fm_map *map, cairo_t *cr, const fm_symbol *s, double alpha)
{
    size_t c;
    double a0 = -M_PI / 2, rgb[3];
    for (c = 0; c <= map->nclasses; c++) {
        double a1;
        if (!s->cls_count[c])
            continue;
        a1 = a0 + 2 * M_PI * s->cls_count[c] / s->count;
        fm_class_color(map, c == map->nclasses ? -1 : (int)c, rgb);
        cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], alpha);
        if (s->cls_count[c] == s->count)
            cairo_arc(cr, s->x, s->y, s->r, 0, 2 * M_PI);
        else {
            cairo_move_to(cr, s->x, s->y);
            cairo_arc(cr, s->x, s->y, s->r, a0, a1);
            cairo_close_path(cr);
        }
        cairo_fill(cr);
        a0 = a1;
    }
}

static void draw_count(cairo_t *cr, const fm_symbol *s)
{
    char buf[16];
    PangoLayout *pl;
    int w, h;
    double pt = s->count_pt > 0 ? s->count_pt : 5.5;
    snprintf(buf, sizeof buf, "%d", s->count);
    pl = fm_text_layout(cr, buf, s->count < 1000 ? pt : pt * (5.0 / 5.5), 1);
    pango_layout_get_size(pl, &w, &h);
    cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    fm_text_draw(cr, pl, s->count_x - w / 2.0 / PANGO_SCALE, s->count_y - h / 2.0 / PANGO_SCALE,
                 1.1 * pt / 5.5);
    g_object_unref(pl);
}

int fm_symbol_count_box(const fm_symbol *s, fm_box *b)
{
    if (s->count < 2)
        return 0;
    fm_count_box_at(s->count_x, s->count_y, s->count, s->count_pt > 0 ? s->count_pt : 5.5, b);
    return 1;
}

static void draw_circle(fm_map *map, cairo_t *cr, const fm_symbol *s)
{
    double rgb[3];
    static const double dash[] = {1.6, 1.0};
    if (map->grid) { /* over a density ramp: a white ring and a dark edge keep
                      * every colour legible, yellow on yellow included */
        cairo_arc(cr, s->x, s->y, s->r + 0.9, 0, 2 * M_PI);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_fill(cr);
        cairo_arc(cr, s->x, s->y, s->r + (s->approx ? 0 : 0.35), 0, 2 * M_PI);
        cairo_set_source_rgb(cr, s->approx ? 1 : 0.1, s->approx ? 1 : 0.1, s->approx ? 1 : 0.1);
        cairo_fill(cr);
    }
    fill_wedges(map, cr, s, s->approx ? 0.3 : map->grid ? 1.0 : 0.85);
    cairo_arc(cr, s->x, s->y, s->r, 0, 2 * M_PI);
    if (s->approx) {
        fm_class_color(map, s->cls, rgb);
        cairo_set_source_rgb(cr, rgb[0] * 0.7, rgb[1] * 0.7, rgb[2] * 0.7);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, dash, 2, 0);
    } else {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.5);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

void fm_symbol_draw_one(fm_map *map, cairo_t *cr, const fm_symbol *s)
{
    draw_circle(map, cr, s);
    if (s->count > 1)
        fm_count_tick_draw(cr, s), draw_count(cr, s);
}

void fm_symbols_draw(fm_map *map, cairo_t *cr)
{
    size_t i;
    for (i = 0; i < map->nsymbols; i++)
        draw_circle(map, cr, &map->symbols[i]);
}

void fm_symbols_draw_counts(fm_map *map, cairo_t *cr)
{
    size_t i;
    for (i = 0; i < map->nsymbols; i++)
        if (map->symbols[i].count > 1)
            fm_count_tick_draw(cr, &map->symbols[i]), draw_count(cr, &map->symbols[i]);
}
