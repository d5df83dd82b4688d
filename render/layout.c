/* layout.c: where things go on the page (title block, map frame, legend,
 * inset, credits; portrait puts the panels under the map, landscape beside
 * it) and the text blocks around the frame, all set with Pango. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"


PangoLayout *fm_text_layout(cairo_t *cr, const char *text, double size_pt, int bold)
{
    PangoLayout *pl = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans, Noto Naskh Arabic");
    PangoContext *pc = pango_layout_get_context(pl);
    cairo_font_options_t *fo = cairo_font_options_create();
    /* no hinting: text metrics must not depend on the output resolution */
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    /* nor on whole points: rounded, a village's 5.4 pt name lost half its
     * space ("Ghafur Khel" read "GhafurKhel" in the PDF's text) */
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(pl, fd);
    pango_font_description_free(fd);
    pango_layout_context_changed(pl);
    pango_layout_set_text(pl, text, -1);
    return pl;
}

void fm_text_draw(cairo_t *cr, PangoLayout *pl, double x, double y, double halo_pt)
{
    double r, g, b, a;
    cairo_pattern_t *src = cairo_get_source(cr);
    cairo_pattern_get_rgba(src, &r, &g, &b, &a);
    if (fm_svgtext_record(cr, pl, x, y, halo_pt)) { /* SVG: real text, written at the end */
        cairo_new_path(cr);
        return;
    }
    cairo_move_to(cr, x, y);
    if (halo_pt > 0) {
        cairo_save(cr);
        cairo_new_path(cr);
        if (!fm_spaced_text_show(cr, pl, x, y, 1)) {
            cairo_move_to(cr, x, y);
            pango_cairo_layout_path(cr, pl);
        }
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_set_line_width(cr, 2 * halo_pt);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        /* in a raster, the halo's soft edge on a 4 x 4 grid of samples:
         * stroking glyph outlines is the dearest drawing of a page (a
         * heatmap's 220 names: 57 ms of CPU at cairo's finest, 28 ms so),
         * and the halo's edge moves by a few levels, never its text */
        if (cairo_surface_get_type(cairo_get_group_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE)
            cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_move_to(cr, x, y);
    }
    cairo_set_source_rgba(cr, r, g, b, a);
    if (!fm_spaced_text_show(cr, pl, x, y, 0))
        pango_cairo_show_layout(cr, pl);
    cairo_new_path(cr);
}

static double text_height(cairo_t *cr, const char *text, double size, double width)
{
    PangoLayout *pl = fm_text_layout(cr, text, size, 0);
    int w, h;
    pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_get_size(pl, &w, &h);
    g_object_unref(pl);
    return h / (double)PANGO_SCALE;
}

/* The projected box of the view extent, sampled along its edges (a conic
 * bends parallels, so the corners alone are not enough). */
static void view_bbox(fm_map *map, double w, double s, double e, double n, double bb[4])
{
    int i, k;
    bb[0] = bb[1] = HUGE_VAL;
    bb[2] = bb[3] = -HUGE_VAL;
    for (i = 0; i <= 40; i++) {
        double t = i / 40.0, p[8] = {w + t * (e - w), s, w + t * (e - w), n,
                                     w, s + t * (n - s), e, s + t * (n - s)};
        fm_proj_fwd(map->proj, p, 4);
        for (k = 0; k < 4; k++) {
            if (p[2 * k] == HUGE_VAL)
                continue;
            bb[0] = fmin(bb[0], p[2 * k]);
            bb[1] = fmin(bb[1], p[2 * k + 1]);
            bb[2] = fmax(bb[2], p[2 * k]);
            bb[3] = fmax(bb[3], p[2 * k + 1]);
        }
    }
}

/* The lon/lat extent to show: the options', else the frontier grown to hold
 * the points (with a little padding), within Afghanistan and Pakistan. */
static void view_extent(fm_map *map, double e[4])
{
    size_t i;
    e[0] = map->west, e[1] = map->south, e[2] = map->east, e[3] = map->north;
    if (map->opts.has_extent)
        return;
    for (i = 0; i < map->npts; i++) {
        double lon = map->pts[i].lon, lat = map->pts[i].lat;
        if (!(lon >= 58 && lon <= 80 && lat >= 22 && lat <= 40))
            continue;
        e[0] = fmin(e[0], lon - 0.5);
        e[1] = fmin(e[1], lat - 0.5);
        e[2] = fmax(e[2], lon + 0.5);
        e[3] = fmax(e[3], lat + 0.5);
    }
}

/* Grows the projected view so it fills the frame exactly, keeping its centre. */
static void fit_view(fm_layout *l, const double bb[4])
{
    double fw = l->frame.x1 - l->frame.x0, fh = l->frame.y1 - l->frame.y0;
    double vw = bb[2] - bb[0], vh = bb[3] - bb[1];
    double cx = (bb[0] + bb[2]) / 2, cy = (bb[1] + bb[3]) / 2;
    l->scale = fmin(fw / vw, fh / vh);
    l->vx0 = cx - fw / l->scale / 2;
    l->vx1 = cx + fw / l->scale / 2;
    l->vy0 = cy - fh / l->scale / 2;
    l->vy1 = cy + fh / l->scale / 2;
}

static const char *credits_text(fm_map *map, fm_buf *b, fm_ctx *ctx);

void fm_map_guess_view(const fm_map_opts *o, const double bb[4], double legend_h,
                       double view[4])
{
    static const double credits_h[2] = {30, 66}; /* four to eight lines of 6 pt */
    int i;
    memcpy(view, bb, 4 * sizeof *view);
    if (!(bb[2] > bb[0] && bb[3] > bb[1]))
        return;
    for (i = 0; i < 2; i++) {
        fm_layout l;
        memset(&l, 0, sizeof l);
        l.page_w = o->page_w_mm * FM_PT_PER_MM;
        l.page_h = o->page_h_mm * FM_PT_PER_MM;
        l.fs = fm_arrange_furniture_scale(l.page_w, l.page_h);
        memcpy(l.bb, bb, sizeof l.bb);
        l.credits_hs[0] = l.credits_hs[1] = l.credits_hs[2] = credits_h[i];
        if (fm_arrange(NULL, NULL, &l, legend_h, 0))
            continue;
        fit_view(&l, l.bb);
        view[0] = fmin(view[0], l.vx0), view[1] = fmin(view[1], l.vy0);
        view[2] = fmax(view[2], l.vx1), view[3] = fmax(view[3], l.vy1);
    }
}

void fm_layout_view_lonlat(fm_map *map)
{
    const fm_layout *l = &map->lay;
    double *bb = map->view_ll;
    int i, k;
    map->empty_y = NAN; /* a new frame: its message is placed again */
    bb[0] = bb[1] = HUGE_VAL;
    bb[2] = bb[3] = -HUGE_VAL;
    for (i = 0; i <= 16; i++) {
        double t = i / 16.0;
        double p[8] = {l->vx0 + t * (l->vx1 - l->vx0), l->vy0, l->vx0 + t * (l->vx1 - l->vx0),
                       l->vy1, l->vx0, l->vy0 + t * (l->vy1 - l->vy0), l->vx1,
                       l->vy0 + t * (l->vy1 - l->vy0)};
        fm_proj_inv(map->proj, p, 4);
        for (k = 0; k < 4; k++) {
            if (p[2 * k] == HUGE_VAL || !isfinite(p[2 * k]))
                continue;
            bb[0] = fmin(bb[0], p[2 * k]), bb[1] = fmin(bb[1], p[2 * k + 1]);
            bb[2] = fmax(bb[2], p[2 * k]), bb[3] = fmax(bb[3], p[2 * k + 1]);
        }
    }
    bb[0] -= 0.01, bb[1] -= 0.01, bb[2] += 0.01, bb[3] += 0.01;
}

/* Whether the frame shows more than the explicit extent (by 1% or more),
 * or than the polygons the map is about. */
static int beyond_extent(const fm_map *map)
{
    const fm_layout *l = &map->lay;
    double w = l->vx1 - l->vx0, h = l->vy1 - l->vy0;
    if (map->opts.nfocus)
        return 1;
    return map->opts.has_extent && (l->bb[0] - l->vx0 > 0.01 * w || l->vx1 - l->bb[2] > 0.01 * w ||
                                    l->bb[1] - l->vy0 > 0.01 * h || l->vy1 - l->bb[3] > 0.01 * h);
}

/* The extent's outline as a closed path, its edges sampled (a conic bends
 * parallels); the outer rings of the polygons the map is about instead,
 * when it has them (they do not overlap: neighbouring districts). */
static void extent_path(fm_map *map, cairo_t *cr)
{
    double x, y, w = map->west, s = map->south, e = map->east, n = map->north;
    int i, side, started = 0;
    if (map->opts.nfocus) {
        for (size_t k = 0; k < map->opts.nfocus; k++)
            fm_geom_path(map, cr, map->opts.focus[k], 2);
        return;
    }
    for (side = 0; side < 4; side++)
        for (i = 0; i < 40; i++) {
            double t = i / 40.0;
            double lon = side == 0 ? w + t * (e - w) : side == 1 ? e : side == 2 ? e - t * (e - w) : w;
            double lat = side == 0 ? s : side == 1 ? s + t * (n - s) : side == 2 ? n : n - t * (n - s);
            if (!fm_map_lonlat_page(map, lon, lat, &x, &y))
                continue;
            if (started)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            started = 1;
        }
    cairo_close_path(cr);
}

void fm_extent_veil(fm_map *map, cairo_t *cr)
{
    const fm_box *f = &map->lay.frame;
    if (!beyond_extent(map))
        return;
    cairo_save(cr);
    cairo_rectangle(cr, f->x0, f->y0, f->x1 - f->x0, f->y1 - f->y0);
    extent_path(map, cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.5);
    cairo_fill(cr);
    cairo_restore(cr);
}

void fm_extent_outline(fm_map *map, cairo_t *cr)
{
    static const double dash[] = {3, 2};
    if (!beyond_extent(map))
        return;
    extent_path(map, cr);
    cairo_set_source_rgba(cr, 0.35, 0.35, 0.4, 0.8);
    cairo_set_line_width(cr, 0.6);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

fm_status fm_layout_compute(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_layout *l)
{
    double e[4], m = fm_arrange_margin_pt(), cred_w[3];
    fm_status st;
    memset(l, 0, sizeof *l);
    l->page_w = map->opts.page_w_mm * FM_PT_PER_MM;
    l->page_h = map->opts.page_h_mm * FM_PT_PER_MM;
    l->fs = fm_arrange_furniture_scale(l->page_w, l->page_h);
    cred_w[FM_CREDITS_COLUMN] = FM_SIDE_PT * l->fs;
    cred_w[FM_CREDITS_UNDER] = fmax(l->page_w - 2 * m - FM_SIDE_PT * l->fs - 10, 50);
    cred_w[FM_CREDITS_ACROSS] = l->page_w - 2 * m;
    view_extent(map, e);
    memcpy(l->ext_ll, e, sizeof l->ext_ll);
    view_bbox(map, e[0], e[1], e[2], e[3], l->bb);
    if (!(l->bb[2] > l->bb[0] && l->bb[3] > l->bb[1]))
        return fm_error(ctx, FM_ERANGE, "the map extent does not project");
    credits_text(map, &map->credit_text, ctx);
    if (fm_buf_check(ctx, &map->credit_text))
        return FM_ENOMEM;
    for (int i = 0; i < 3; i++) /* in the side column, under the frame beside it, across */
        l->credits_hs[i] = text_height(cr, fm_buf_str(&map->credit_text), 6 * l->fs, cred_w[i]) + 2;
    /* a first guess, arranged again once the symbols (and so the legend) are known */
    if (!(st = fm_arrange(ctx, NULL, l, 190, 0))) {
        fit_view(l, l->bb);
        fm_layout_view_lonlat(map);
    }
    return st;
}

int fm_layout_refine(fm_map *map, fm_layout *l, int round)
{
    fm_layout before = *l;
    if (fm_arrange(NULL, map, l, 0, round > 0)) {
        *l = before; /* keep the first guess */
        return 0;
    }
    fit_view(l, l->bb);
    fm_layout_view_lonlat(map);
    return memcmp(&before.frame, &l->frame, sizeof l->frame) != 0;
}

void fm_layout_draw_title(fm_map *map, cairo_t *cr)
{
    const fm_box *b = &map->lay.title;
    double w = b->x1 - b->x0;
    int tw, th;
    const char *title = map->title ? map->title : "Incidents";
    PangoLayout *pl = fm_text_layout(cr, title, 15 * map->lay.fs, 1);
    pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
    pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    fm_text_draw(cr, pl, b->x0, b->y0, 0);
    pango_layout_get_size(pl, &tw, &th);
    g_object_unref(pl);
    if (map->subtitle && *map->subtitle) {
        pl = fm_text_layout(cr, map->subtitle, 8.5 * map->lay.fs, 0);
        pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
        pango_layout_set_ellipsize(pl, PANGO_ELLIPSIZE_END);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        fm_text_draw(cr, pl, b->x0, b->y0 + th / (double)PANGO_SCALE + 2, 0);
        g_object_unref(pl);
    }
    cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
    cairo_rectangle(cr, b->x0, b->y1 - 1.5, 40 * map->lay.fs, 1.5);
    cairo_fill(cr);
}

static const char *credits_text(fm_map *map, fm_buf *b, fm_ctx *ctx)
{
    fm_buf_reset(b);
    if (map->note && *map->note) /* what is not on the map, first: it changes the reading */
        fm_buf_printf(ctx, b, "Not on the map: %s\n", map->note);
    if (map->credits && *map->credits)
        fm_buf_printf(ctx, b, "Data: %s\n", map->credits);
    fm_buf_printf(ctx, b,
                  "Basemap: Natural Earth (public domain); border%s: OpenStreetMap contributors "
                  "(ODbL)%s; places: GeoNames (CC BY 4.0) and curated crossings. Boundaries and "
                  "names shown do not imply endorsement or acceptance.\n"
                  "Projection: %s. Generated by frontiermap %s.",
                  map->detail && map->detail->n ? ", roads, rivers and lakes" : "",
                  map->detail && (map->detail->z || map->detail->shade)
                      ? "; relief: SRTM30_PLUS (public domain)"
                      : "",
                  fm_proj_label(map->proj), fm_version());
    return fm_buf_str(b);
}

void fm_layout_draw_credits(fm_map *map, cairo_t *cr)
{
    const fm_box *b = &map->lay.credits;
    fm_box *u = &map->lay.credits_used;
    PangoLayout *pl = fm_text_layout(cr, fm_buf_str(&map->credit_text), 6 * map->lay.fs, 0);
    PangoRectangle ink, logical;
    pango_layout_set_width(pl, (int)((b->x1 - b->x0) * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    fm_text_draw(cr, pl, b->x0, b->y0, 0);
    pango_layout_get_extents(pl, &ink, &logical);
    u->x0 = b->x0 + logical.x / (double)PANGO_SCALE;
    u->y0 = b->y0 + logical.y / (double)PANGO_SCALE;
    u->x1 = u->x0 + logical.width / (double)PANGO_SCALE;
    u->y1 = u->y0 + logical.height / (double)PANGO_SCALE;
    g_object_unref(pl);
}
