/* map.c: the fm_map object (options, points, classes, density layer) and the
 * render pass that puts the layers on the page in order: the ground,
 * density, the basemap's lines, graticule, symbols, labels, then the
 * furniture around the frame. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

static fm_status copy_str(fm_ctx *ctx, char **dst, const char *src)
{
    free(*dst);
    *dst = NULL;
    if (!src)
        return FM_OK;
    *dst = fm_strdup(ctx, src);
    return *dst ? FM_OK : FM_ENOMEM;
}

static fm_status copy_opts(fm_ctx *ctx, fm_map *m, const fm_map_opts *o)
{
    m->opts = *o;
    if (copy_str(ctx, &m->title, o->title) || copy_str(ctx, &m->subtitle, o->subtitle) ||
        copy_str(ctx, &m->credits, o->credits) ||
        copy_str(ctx, &m->lang, o->lang ? o->lang : "en") ||
        copy_str(ctx, &m->empty_message, o->empty_message) || copy_str(ctx, &m->note, o->note))
        return FM_ENOMEM;
    m->opts.title = m->title;
    m->opts.subtitle = m->subtitle;
    m->opts.credits = m->credits;
    m->opts.lang = m->lang;
    m->opts.empty_message = m->empty_message;
    m->empty_y = NAN;
    m->opts.note = m->note;
    return FM_OK;
}

static fm_status check_opts(fm_ctx *ctx, const fm_map_opts *o)
{
    if (o->has_extent &&
        !(o->west < o->east && o->south < o->north && o->west >= -180 && o->east <= 180 &&
          o->south >= -80 && o->north <= 80))
        return fm_error(ctx, FM_EINVAL, "invalid map extent %g,%g,%g,%g", o->west, o->south,
                        o->east, o->north);
    if (o->has_extent && (o->east - o->west > 60 || o->north - o->south > 45))
        return fm_error(ctx, FM_ERANGE, "map extent %g,%g,%g,%g is too large for a regional map",
                        o->west, o->south, o->east, o->north);
    if (o->lang && strcmp(o->lang, "en") && strcmp(o->lang, "en+ps") &&
        strcmp(o->lang, "en+ur"))
        return fm_error(ctx, FM_EINVAL, "unknown label language '%s': use en, en+ps or en+ur",
                        o->lang);
    return FM_OK;
}

fm_status fm_map_create(fm_ctx *ctx, const fm_map_opts *opts, const fm_basemap *bm,
                        const fm_gazetteer *gz, fm_map **out)
{
    fm_map *m;
    fm_status st;
    *out = NULL;
    if ((st = check_opts(ctx, opts)) != FM_OK)
        return st;
    m = calloc(1, sizeof *m);
    if (!m)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    m->bm = bm;
    m->gz = gz;
    if (opts->has_extent) {
        m->west = opts->west, m->south = opts->south;
        m->east = opts->east, m->north = opts->north;
    } else { /* the frontier as a reader expects to see it */
        double e[4];
        fm_frontier_bbox(e);
        m->west = e[0], m->south = e[1], m->east = e[2], m->north = e[3];
    }
    if ((st = copy_opts(ctx, m, opts)) != FM_OK ||
        (st = fm_proj_create(ctx, m->west, m->south, m->east, m->north, &m->proj)) != FM_OK) {
        fm_map_destroy(m);
        return st;
    }
    *out = m;
    return FM_OK;
}

fm_status fm_map_set_subtitle(fm_ctx *ctx, fm_map *map, const char *subtitle)
{
    if (copy_str(ctx, &map->subtitle, subtitle))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    map->opts.subtitle = map->subtitle;
    return FM_OK;
}

static void free_classes(fm_map *m)
{
    size_t i;
    for (i = 0; i < m->nclasses; i++)
        free(m->classes[i]);
    free(m->classes);
    m->classes = NULL;
    m->nclasses = 0;
}

void fm_map_destroy(fm_map *m)
{
    if (!m)
        return;
    free(m->title);
    free(m->subtitle);
    free(m->credits);
    free(m->lang);
    free(m->empty_message);
    free(m->note);
    free(m->layer_cache);
    fm_proj_destroy(m->proj);
    free(m->pts);
    free_classes(m);
    fm_grid_destroy(m->grid);
    free(m->units);
    fm_labels_reset(m);
    free(m->label_texts);
    free(m->label_boxes);
    free(m->lrec);
    free(m->unnamed_text);
    free(m->symbols);
    free(m->clusters);
    free(m->cls_counts);
    free(m->class_totals);
    fm_buf_free(&m->credit_text);
    if (!m->detail_borrowed)
        fm_detail_close(m->detail);
    while (m->nrings)
        free(m->rings[--m->nrings].label);
    fm_choro_free(m->choro);
    fm_callouts_free(m);
    free(m->fata.xy);
    free(m->fata.part_start);
    free(m->fata_line.xy);
    free(m->fata_line.part_start);
    free(m->prov_lines.xy);
    free(m->prov_lines.part_start);
    free(m);
}

fm_proj *fm_map_proj(fm_map *map)
{
    return map->proj;
}

fm_status fm_map_set_points(fm_ctx *ctx, fm_map *map, const fm_map_point *pts, size_t n,
                            const char *const *class_names, size_t nclasses)
{
    size_t i;
    fm_map_point *copy = NULL;
    if (n) {
        copy = fm_malloc_array(n, sizeof *copy);
        if (!copy)
            return fm_error(ctx, FM_ENOMEM, "out of memory for %zu points", n);
        memcpy(copy, pts, n * sizeof *copy);
    }
    for (i = 0; i < n; i++)
        if (copy[i].cls < 0 || (size_t)copy[i].cls >= nclasses)
            copy[i].cls = -1; /* drawn as "other" */
    free(map->pts);
    map->pts = copy;
    map->npts = n;
    free_classes(map);
    if (nclasses) {
        map->classes = calloc(nclasses, sizeof *map->classes);
        if (!map->classes)
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        map->nclasses = nclasses;
        for (i = 0; i < nclasses; i++)
            if (!(map->classes[i] = fm_strdup(ctx, class_names[i] ? class_names[i] : "other")))
                return FM_ENOMEM;
    }
    return FM_OK;
}

fm_status fm_map_set_density(fm_ctx *ctx, fm_map *map, const fm_grid *g, fm_ramp ramp,
                             double scale_max, const char *units)
{
    fm_grid *c;
    fm_status st;
    if (!g || !g->nx || !g->ny || !g->v || !(g->cell_m > 0))
        return fm_error(ctx, FM_EINVAL, "empty density grid");
    if ((st = fm_grid_create(ctx, g->nx, g->ny, g->x0, g->y0, g->cell_m, &c)))
        return st;
    memcpy(c->v, g->v, g->nx * g->ny * sizeof *c->v);
    fm_grid_destroy(map->grid);
    map->grid = c;
    map->ramp = ramp;
    map->scale_max = scale_max > 0 ? scale_max : 1;
    return copy_str(ctx, &map->units, units ? units : "");
}

fm_status fm_map_set_layer_cache(fm_ctx *ctx, fm_map *map, const char *dir)
{
    return copy_str(ctx, &map->layer_cache, dir && *dir ? dir : NULL);
}

void fm_map_set_density_source(fm_map *map, fm_density_fill_fn fill, const void *user)
{
    map->density_fill = fill;
    map->density_user = user;
}

/* Whether the density grid covers the frame's view (within a quarter cell:
 * the image's edge pixels are padded over less than that). */
static int density_covers(const fm_map *map)
{
    const fm_grid *g = map->grid;
    const fm_layout *l = &map->lay;
    double tol = 0.25 * g->cell_m;
    return g->x0 <= l->vx0 + tol && g->y0 <= l->vy0 + tol &&
           g->x0 + (double)g->nx * g->cell_m >= l->vx1 - tol &&
           g->y0 + (double)g->ny * g->cell_m >= l->vy1 - tol;
}

/* Asks the density's source for a grid over the whole frame when the one
 * given stops inside it. */
static fm_status density_cover(fm_ctx *ctx, fm_map *map)
{
    double view[4];
    fm_grid *g = NULL;
    fm_status st;
    if (!map->grid || !map->density_fill || density_covers(map))
        return FM_OK;
    view[0] = map->lay.vx0, view[1] = map->lay.vy0;
    view[2] = map->lay.vx1, view[3] = map->lay.vy1;
    if ((st = map->density_fill(ctx, map->density_user, view, &g)))
        return st;
    if (g) {
        fm_grid_destroy(map->grid);
        map->grid = g;
    }
    return FM_OK;
}

fm_status fm_map_add_ring(fm_ctx *ctx, fm_map *map, double lon, double lat, double radius_m,
                          const char *label)
{
    char *copy;
    if (map->nrings >= FM_MAP_MAX_RINGS)
        return fm_error(ctx, FM_EINVAL, "at most %d rings", FM_MAP_MAX_RINGS);
    if (!(radius_m > 0 && radius_m <= 2e6) || !(lon >= -180 && lon <= 180) ||
        !(lat >= -85 && lat <= 85))
        return fm_error(ctx, FM_EINVAL, "invalid ring of %g m at %g,%g", radius_m, lat, lon);
    if (!(copy = fm_strdup(ctx, label ? label : "")))
        return FM_ENOMEM;
    map->rings[map->nrings].lon = lon, map->rings[map->nrings].lat = lat;
    map->rings[map->nrings].radius_m = radius_m;
    map->rings[map->nrings++].label = copy;
    return FM_OK;
}

int fm_map_lonlat_page(fm_map *map, double lon, double lat, double *px, double *py)
{
    double xy[2] = {lon, lat};
    fm_proj_fwd(map->proj, xy, 1);
    if (xy[0] == HUGE_VAL)
        return 0;
    fm_lay_page(&map->lay, xy[0], xy[1], px, py);
    return 1;
}

fm_status fm_map_page_point(fm_ctx *ctx, fm_map *map, double lon, double lat, double *x_pt,
                            double *y_pt)
{
    if (!map->lay.scale || !fm_map_lonlat_page(map, lon, lat, x_pt, y_pt))
        return fm_error(ctx, FM_ERANGE, "%g,%g is not on the map", lat, lon);
    return FM_OK;
}

size_t fm_map_label_boxes(const fm_map *map, const double **boxes)
{
    *boxes = (const double *)map->label_boxes;
    return map->nlabels;
}

const char *fm_map_label_text(const fm_map *map, size_t i)
{
    return i < map->nlabels ? map->label_texts[i] : NULL;
}

size_t fm_map_symbol_count(const fm_map *map)
{
    return map->nsymbols;
}

int fm_map_symbol_info(const fm_map *map, size_t i, double xyr[3], double count_box[4])
{
    fm_box cb = {0, 0, 0, 0};
    if (i >= map->nsymbols)
        return 0;
    xyr[0] = map->symbols[i].x, xyr[1] = map->symbols[i].y, xyr[2] = map->symbols[i].r;
    fm_symbol_count_box(&map->symbols[i], &cb);
    count_box[0] = cb.x0, count_box[1] = cb.y0, count_box[2] = cb.x1, count_box[3] = cb.y1;
    return 1;
}

int fm_map_symbol_get(const fm_map *map, size_t i, fm_map_symbol_rec *out)
{
    const fm_symbol *s;
    const fm_layout *l = &map->lay;
    double xy[2];
    if (i >= map->nsymbols)
        return 0;
    s = &map->symbols[i];
    out->count = s->count, out->approx = s->approx, out->cls = s->cls;
    out->fatalities = s->fatalities;
    out->x = s->x, out->y = s->y, out->r = s->r;
    xy[0] = l->vx0 + (s->x - l->frame.x0) / l->scale;
    xy[1] = l->vy0 + (l->frame.y1 - s->y) / l->scale;
    fm_proj_inv(map->proj, xy, 1);
    out->lon = xy[0], out->lat = xy[1];
    return 1;
}

void fm_map_frame_box(const fm_map *map, double box[4])
{
    box[0] = map->lay.frame.x0, box[1] = map->lay.frame.y0;
    box[2] = map->lay.frame.x1, box[3] = map->lay.frame.y1;
}

static void box_out(const fm_box *b, double out[4])
{
    out[0] = b->x0, out[1] = b->y0, out[2] = b->x1, out[3] = b->y1;
}

void fm_map_layout_get(const fm_map *map, fm_map_layout_info *out)
{
    const fm_layout *l = &map->lay;
    memset(out, 0, sizeof *out);
    out->page_w = l->page_w, out->page_h = l->page_h;
    box_out(&l->frame, out->frame);
    box_out(&l->title, out->title);
    box_out(&l->legend_used, out->legend);
    if (l->inset.x1 - l->inset.x0 >= 20 && l->inset.y1 - l->inset.y0 >= 20) /* as inset.c */
        box_out(&l->inset, out->inset);
    box_out(&l->credits_used, out->credits);
    out->legend_dropped = l->legend_dropped;
    out->scalebar_km = l->scalebar_km, out->scalebar_pt = l->scalebar_pt;
    out->sizekey_value = l->sizekey_pt > 0 ? l->sizekey_value : 0;
    out->sizekey_pt = l->sizekey_pt;
    memcpy(out->view_ll, map->view_ll, sizeof out->view_ll);
    memcpy(out->extent_ll, l->ext_ll, sizeof out->extent_ll);
}

/* The places of the gazetteer in b (widened by the room a name takes beside
 * its marker) that a map names first: crossings, cities and district seats
 * count 4, towns 1. */
static size_t places_under(fm_map *map, const fm_box *b)
{
    static const fm_place_kind kinds[] = {FM_PLACE_CROSSING, FM_PLACE_CITY, FM_PLACE_DISTRICT,
                                          FM_PLACE_TOWN};
    size_t n = 0;
    for (size_t k = 0; map->gz && k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t i = 0; i < fm_gazetteer_count_kind(map->gz, kinds[k]); i++) {
            const fm_place *p = fm_gazetteer_get_kind(map->gz, kinds[k], i);
            double lon, lat, x, y;
            if (!p)
                continue;
            lon = isnan(p->seat_lon) ? p->lon : p->seat_lon;
            lat = isnan(p->seat_lon) ? p->lat : p->seat_lat;
            if (p->kind == FM_PLACE_DISTRICT && isnan(p->seat_lon))
                continue; /* named in its polygon, wherever there is room */
            if (lon < map->view_ll[0] || lon > map->view_ll[2] || lat < map->view_ll[1] ||
                lat > map->view_ll[3] || !fm_map_lonlat_page(map, lon, lat, &x, &y))
                continue;
            if (x > b->x0 - 30 && x < b->x1 + 30 && y > b->y0 - 14 && y < b->y1 + 14)
                n += kinds[k] == FM_PLACE_TOWN ? 1 : 4;
        }
    return n;
}

/* Where the message box of width w and height h goes: the middle of the
 * frame, else the nearest of a few places above, below and beside it that
 * covers fewer places (chosen once per frame: every placement of the names
 * and the drawing see the same box). */
static void empty_at(fm_map *map, double w, double h, double *x0, double *y0)
{
    static const double ay[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.12, 0.88, 0.06, 0.94};
    static const double ax[] = {0.5, 0.3, 0.7};
    const fm_box *f = &map->lay.frame;
    size_t best = (size_t)-1;
    *x0 = (f->x0 + f->x1 - w) / 2, *y0 = (f->y0 + f->y1 - h) / 2;
    for (size_t i = 0; i < sizeof ay / sizeof ay[0] && best; i++)
        for (size_t k = 0; k < sizeof ax / sizeof ax[0] && best; k++) {
            double cx = f->x0 + ax[k] * (f->x1 - f->x0), cy = f->y0 + ay[i] * (f->y1 - f->y0);
            fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
            size_t n;
            if (k && (b.x0 < f->x0 + 4 || b.x1 > f->x1 - 4)) /* off a narrow frame */
                continue;
            if ((n = places_under(map, &b)) < best)
                best = n, *x0 = b.x0, *y0 = b.y0;
        }
}

int fm_map_empty_box(fm_map *map, cairo_t *cr, fm_box *out, PangoLayout **pl_out)
{
    PangoLayout *pl;
    int w, h;
    if (map->npts || !map->empty_message || map->choro)
        return 0;
    pl = fm_text_layout(cr, map->empty_message, 14, 1);
    pango_layout_get_size(pl, &w, &h);
    if (isnan(map->empty_y))
        empty_at(map, w / (double)PANGO_SCALE, h / (double)PANGO_SCALE, &map->empty_x,
                 &map->empty_y);
    out->x0 = map->empty_x, out->y0 = map->empty_y;
    out->x1 = out->x0 + w / (double)PANGO_SCALE, out->y1 = out->y0 + h / (double)PANGO_SCALE;
    if (pl_out)
        *pl_out = pl;
    else
        g_object_unref(pl);
    return 1;
}

static void draw_empty(fm_map *map, cairo_t *cr)
{
    PangoLayout *pl;
    fm_box b;
    if (!fm_map_empty_box(map, cr, &b, &pl))
        return;
    /* its own colour: the source left by what was drawn before was the last
     * name's (a river's blue) or, over a density drawn in layers, white */
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fm_text_draw(cr, pl, b.x0, b.y0, 3);
    g_object_unref(pl);
}

fm_status fm_map_draw_over(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    fm_basemap_draw_lines(map, cr); /* nothing without a density (the ground has them) */
    fm_extent_veil(map, cr);
    fm_graticule_draw(map, cr);
    fm_extent_outline(map, cr);
    fm_rings_draw(map, cr);
    return fm_labels_draw(ctx, map, cr); /* also the symbols, between markers and names */
}

/* Everything inside the map frame, clipped to it: the ground, the density
 * over it (a density map in layers, layers.c), the lines, names and symbols
 * over both. */
static fm_status draw_frame_content(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    fm_status st = fm_basemap_prepare(ctx, map);
    if (st)
        return st; /* (not a map missing its province lines) */
    if (fm_layers_apply(map, cr))
        st = fm_layers_draw(ctx, map, cr);
    cairo_save(cr);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_clip(cr);
    if (!fm_layers_apply(map, cr)) {
        fm_basemap_draw(map, cr);
        if (map->grid)
            fm_density_draw(map, cr);
        st = fm_map_draw_over(ctx, map, cr);
    }
    draw_empty(map, cr);
    fm_callouts_draw(map, cr);
    cairo_restore(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    cairo_stroke(cr);
    return st;
}

void fm_map_use_detail(fm_map *map, fm_detail *d)
{
    if (!map->detail_borrowed)
        fm_detail_close(map->detail);
    map->detail = d;
    map->detail_borrowed = 1;
}

fm_status fm_map_render(fm_ctx *ctx, fm_map *map, const char *path)
{
    fm_canvas *cv;
    cairo_t *cr;
    fm_status st;
    st = fm_canvas_open(ctx, path, map->opts.format, map->opts.page_w_mm, map->opts.page_h_mm,
                        map->opts.dpi, map->title, &cv);
    if (st)
        return st;
    cr = fm_canvas_cr(cv);
    fm_labels_reset(map);
    if (map->bm && !map->detail && (st = fm_detail_open(ctx, NULL, &map->detail))) {
        fm_canvas_close(ctx, cv, 0);
        return st;
    }
    /* the clusters depend on the extent alone (made once); the legend's
     * height on the symbols' sizes, and those on the frame: a few rounds,
     * the symbols always placed in the last frame */
    if (!(st = fm_layout_compute(ctx, map, cr, &map->lay)) && !(st = fm_clusters_build(ctx, map)) &&
        !(st = fm_symbols_place(ctx, map))) {
        for (int round = 0; !st && round < 3 && fm_layout_refine(map, &map->lay, round); round++)
            st = fm_symbols_place(ctx, map);
    }
    if (!st) {
        fm_layout_view_lonlat(map);
        if (!(st = density_cover(ctx, map)))
            st = draw_frame_content(ctx, map, cr);
    }
    if (!st) {
        fm_layout_draw_title(map, cr);
        fm_layout_draw_legend(map, cr);
        fm_inset_draw(map, cr);
        fm_layout_draw_credits(map, cr);
    }
    {
        fm_status cst = fm_canvas_close(ctx, cv, st == FM_OK);
        return st ? st : cst;
    }
}

void fm_render_release_fonts(void)
{
    /* Only pango's font map: cairo's own caches stay to the process exit.
     * cairo_debug_reset_static_data() asserts that no font is alive, and
     * fontconfig's loader thread can still hold one: test_heat_frame
     * aborted so, once, under a parallel ctest (2026-12-06), as a map
     * beside an import had before. Leak checkers see the caches as
     * reachable, not lost. */
    pango_cairo_font_map_set_default(NULL);
}
