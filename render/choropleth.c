/* choropleth.c: districts shaded by a figure (incidents or fatalities), in
 * classes the caller worked out (fm_classify_jenks), over the land and under
 * the rivers, roads, borders and names. Districts with a zero are white,
 * districts without data hatched grey, so a reader never takes "nothing
 * recorded" for "not covered". */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

/* ColorBrewer Purples (7 classes): sequential and printable, apart from the
 * blue of water and the red of the border line. */
static const double class_rgb[][3] = {
    {0xf2 / 255.0, 0xf0 / 255.0, 0xf7 / 255.0}, {0xda / 255.0, 0xda / 255.0, 0xeb / 255.0},
    {0xbc / 255.0, 0xbd / 255.0, 0xdc / 255.0}, {0x9e / 255.0, 0x9a / 255.0, 0xc8 / 255.0},
    {0x80 / 255.0, 0x7d / 255.0, 0xba / 255.0}, {0x6a / 255.0, 0x51 / 255.0, 0xa3 / 255.0},
    {0x4a / 255.0, 0x14 / 255.0, 0x86 / 255.0}};
static const double zero_rgb[3] = {1, 1, 1};
static const double nodata_rgb[3] = {0.86, 0.86, 0.86};

/* The colours of n classes: spread over the ramp, darkest last. */
void fm_choro_class_color(size_t cls, size_t n, double rgb[3])
{
    size_t nr = sizeof class_rgb / sizeof class_rgb[0], at;
    if (n <= 1)
        at = nr / 2;
    else
        at = 1 + cls * (nr - 2) / (n - 1); /* skip the palest, too near white */
    memcpy(rgb, class_rgb[at < nr ? at : nr - 1], sizeof class_rgb[0]);
}

void fm_choro_value_color(const fm_map *map, double v, double rgb[3])
{
    const struct fm_choro *c = map->choro;
    if (isnan(v))
        memcpy(rgb, nodata_rgb, sizeof nodata_rgb);
    else if (v <= 0)
        memcpy(rgb, zero_rgb, sizeof zero_rgb);
    else
        fm_choro_class_color((size_t)fm_classify_find(c->upper, c->nclasses, v), c->nclasses,
                             rgb);
}

void fm_choro_free(struct fm_choro *c)
{
    if (!c)
        return;
    free(c->geoms);
    free(c->value);
    free(c->joined);
    free(c->heading);
    free(c->method);
    free(c);
}

fm_status fm_map_set_choropleth(fm_ctx *ctx, fm_map *map, const fm_choropleth *in)
{
    struct fm_choro *c;
    if (in->nclasses > FM_CHORO_MAX_CLASSES)
        return fm_error(ctx, FM_EINVAL, "at most %d classes", FM_CHORO_MAX_CLASSES);
    if (!(c = calloc(1, sizeof *c)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    c->n = in->n;
    c->nclasses = in->nclasses;
    memcpy(c->upper, in->upper, in->nclasses * sizeof *in->upper);
    if ((in->n && (!(c->geoms = fm_malloc_array(in->n, sizeof *c->geoms)) ||
                   !(c->value = fm_malloc_array(in->n, sizeof *c->value)))) ||
        !(c->heading = fm_strdup(ctx, in->heading ? in->heading : "")) ||
        !(c->method = fm_strdup(ctx, in->method ? in->method : ""))) {
        fm_choro_free(c);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    if (in->n) {
        memcpy(c->geoms, in->geoms, in->n * sizeof *c->geoms);
        memcpy(c->value, in->value, in->n * sizeof *c->value);
        if (in->joined) {
            if (!(c->joined = malloc(in->n))) {
                fm_choro_free(c);
                return fm_error(ctx, FM_ENOMEM, "out of memory");
            }
            memcpy(c->joined, in->joined, in->n);
        }
    }
    c->lowest = HUGE_VAL;
    for (size_t i = 0; i < in->n; i++)
        if (in->value[i] > 0 && in->value[i] < c->lowest)
            c->lowest = in->value[i];
    fm_choro_free(map->choro);
    map->choro = c;
    return FM_OK;
}

/* Diagonal hatching over the path (no data), clipped to it. */
static void hatch(cairo_t *cr, const fm_box *f)
{
    double x;
    cairo_save(cr);
    cairo_clip_preserve(cr);
    cairo_set_source_rgb(cr, 0.70, 0.70, 0.70);
    cairo_set_line_width(cr, 0.35);
    for (x = f->x0 - (f->y1 - f->y0); x < f->x1; x += 4) {
        cairo_move_to(cr, x, f->y1);
        cairo_line_to(cr, x + (f->y1 - f->y0), f->y0);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

void fm_choro_draw(fm_map *map, cairo_t *cr)
{
    const struct fm_choro *c = map->choro;
    double rgb[3];
    if (!c)
        return;
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (size_t i = 0; i < c->n; i++) { /* fills, then every outline over them */
        if (!c->geoms[i])
            continue;
        fm_geom_path(map, cr, c->geoms[i], 1);
        fm_choro_value_color(map, c->value[i], rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        if (isnan(c->value[i])) {
            cairo_fill_preserve(cr);
            hatch(cr, &map->lay.frame);
            cairo_new_path(cr);
        } else {
            cairo_fill(cr);
        }
    }
    for (size_t i = 0; i < c->n; i++)
        if (c->geoms[i])
            fm_geom_path(map, cr, c->geoms[i], 1);
    cairo_set_source_rgba(cr, 0.35, 0.35, 0.40, 0.7);
    cairo_set_line_width(cr, 0.3);
    cairo_stroke(cr);
    /* a unit of several polygons is one district: its fill goes again over
     * the lines inside it (and the inner half of its outline) */
    for (size_t i = 0; c->joined && i < c->n; i++) {
        if (!c->geoms[i] || !(c->joined[i] || (i + 1 < c->n && c->joined[i + 1])) ||
            isnan(c->value[i]))
            continue;
        fm_geom_path(map, cr, c->geoms[i], 1);
        fm_choro_value_color(map, c->value[i], rgb);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}
