/* raster.c: the density layer of a heatmap drawn as an image under the
 * symbols (colours from the ramp, transparent at the low end so the basemap
 * shows through) and its colour bar in the legend. The grid comes in the
 * map's projection, so one cell maps onto the page by a plain scale. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "render/map_priv.h"

static uint32_t premul(const double rgba[4])
{
    double a = rgba[3] < 0 ? 0 : rgba[3] > 1 ? 1 : rgba[3];
    uint32_t A = (uint32_t)(a * 255 + 0.5);
    uint32_t R = (uint32_t)(rgba[0] * a * 255 + 0.5), G = (uint32_t)(rgba[1] * a * 255 + 0.5);
    uint32_t B = (uint32_t)(rgba[2] * a * 255 + 0.5);
    return A << 24 | R << 16 | G << 8 | B;
}

static const cairo_user_data_key_t pixels_key;

static void pixels_free(void *data)
{
    fm_big_free(data);
}

cairo_surface_t *fm_image_big(int w, int h)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    unsigned char *data = stride > 0 && h > 0 ? fm_big_calloc((size_t)h, (size_t)stride) : NULL;
    cairo_surface_t *img;
    if (!data)
        return cairo_image_surface_create(CAIRO_FORMAT_INVALID, 0, 0); /* an error surface */
    img = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, w, h, stride);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        fm_big_free(data);
        return img;
    }
    if (cairo_surface_set_user_data(img, &pixels_key, data, pixels_free) !=
        CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        fm_big_free(data);
        return cairo_image_surface_create(CAIRO_FORMAT_INVALID, 0, 0);
    }
    return img;
}

/* An image of grid g coloured by ramp over [0, max]; row 0 is the north.
 * A cell of no density is left at zero, the colour the ramp gives it
 * (transparent): most cells of a map are such, and are neither coloured
 * nor faulted in page by page. */
static cairo_surface_t *grid_image(const fm_grid *g, fm_ramp ramp, double max)
{
    cairo_surface_t *img = fm_image_big((int)g->nx, (int)g->ny);
    unsigned char *data;
    int stride;
    size_t i, j;
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
        return img;
    data = cairo_image_surface_get_data(img);
    stride = cairo_image_surface_get_stride(img);
    for (j = 0; j < g->ny; j++) {
        uint32_t *row = (uint32_t *)(void *)(data + (g->ny - 1 - j) * (size_t)stride);
        for (i = 0; i < g->nx; i++) {
            double rgba[4], v = g->v[j * g->nx + i];
            if (!(v > 0)) /* fm_ramp_color's t <= 0: alpha 0, premultiplied 0 */
                continue;
            fm_ramp_color(ramp, isfinite(v) ? v / max : 0, rgba);
            row[i] = premul(rgba);
        }
    }
    cairo_surface_mark_dirty(img);
    return img;
}

void fm_density_draw(fm_map *map, cairo_t *cr)
{
    const fm_grid *g = map->grid;
    cairo_surface_t *img;
    cairo_pattern_t *pat;
    double px, py;
    if (!g || g->nx > 20000 || g->ny > 20000)
        return;
    img = grid_image(g, map->ramp, map->scale_max);
    if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
        /* the image's top-left is the grid's north-west corner */
        fm_lay_page(&map->lay, g->x0, g->y0 + g->ny * g->cell_m, &px, &py);
        cairo_save(cr);
        cairo_translate(cr, px, py);
        cairo_scale(cr, g->cell_m * map->lay.scale, g->cell_m * map->lay.scale);
        cairo_set_source_surface(cr, img, 0, 0);
        pat = cairo_get_source(cr);
        cairo_pattern_set_filter(pat, CAIRO_FILTER_BILINEAR);
        cairo_pattern_set_extend(pat, CAIRO_EXTEND_PAD);
        cairo_rectangle(cr, 0, 0, (double)g->nx, (double)g->ny);
        cairo_fill(cr);
        cairo_restore(cr);
    }
    cairo_surface_destroy(img);
}

void fm_colorbar_draw(fm_map *map, cairo_t *cr, double x, double y, double w)
{
    int i;
    char buf[FM_NUMBER_BUF + 4], num[FM_NUMBER_BUF];
    for (i = 0; i < 128; i++) {
        double rgba[4];
        fm_ramp_color(map->ramp, (i + 0.5) / 128.0, rgba);
        cairo_set_source_rgba(cr, rgba[0], rgba[1], rgba[2], rgba[3]);
        cairo_rectangle(cr, x + w * i / 128.0, y, w / 128.0 + 0.05, 7);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.4);
    cairo_rectangle(cr, x, y, w, 7);
    cairo_stroke(cr);
    for (i = 0; i <= 4; i += 2) {
        PangoLayout *pl;
        int tw, th;
        snprintf(buf, sizeof buf, "%s%s", i == 4 ? "\u2265" : "",
                 fm_format_value(map->scale_max * i / 4, num));
        pl = fm_text_layout(cr, buf, 6, 0);
        pango_layout_get_size(pl, &tw, &th);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        fm_text_draw(cr, pl, x + w * i / 4 - tw / 2.0 / PANGO_SCALE, y + 8, 0);
        g_object_unref(pl);
    }
}
