/* labels.c: names on the map, placed most important first (placecands.c:
 * crossings, major cities, the two countries, provinces, cities, district
 * seats, other countries, towns, villages) so the least important are the
 * ones dropped; when a name the map guarantees finds no room, the names are
 * placed again with it first.
 * Point names try eight positions around their marker, then rings further
 * out (labelspot.c); incident symbols are soft obstacles (a name may touch one only when
 * it must be named, at a cost), labels, markers and the counts of combined
 * symbols are hard ones. A name that had to move away from its place gets a
 * leader line. Country and province names try centres inside their polygon,
 * farthest from its edges first. Drawing order keeps everything readable:
 * leaders and place markers, the symbols, crossing markers, the counts, and
 * the names on top. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

static const struct {
    double size;
    int bold;
    int spacing;   /* letter spacing, Pango units */
    double rgb[3];
    double marker; /* radius; 0 for names of areas */
    int rings;     /* rings tried when the name need not be shown */
    double halo;
} style[FM_LK_N] = {
    [FM_LK_CROSSING] = {6.6, 1, 0, {0.45, 0.05, 0.05}, 3.2, 3, 1.2},
    [FM_LK_CAPITAL] = {7.8, 1, 0, {0.06, 0.06, 0.06}, 2.5, 4, 1.3},
    [FM_LK_HOME] = {11.0, 1, 3600, {0.36, 0.33, 0.30}, 0, 0, 1.2},
    [FM_LK_COUNTRY] = {8.5, 0, 2600, {0.50, 0.50, 0.50}, 0, 0, 1.0},
    [FM_LK_PROVINCE] = {6.8, 0, 1300, {0.45, 0.42, 0.38}, 0, 0, 1.1},
    [FM_LK_CITY] = {6.8, 1, 0, {0.14, 0.14, 0.14}, 1.9, 3, 1.2},
    [FM_LK_SEAT] = {6.4, 0, 0, {0.12, 0.12, 0.12}, 1.6, 3, 1.2},
    [FM_LK_DISTRICT] = {5.8, 0, 0, {0.36, 0.33, 0.30}, 0, 0, 1.1},
    [FM_LK_TOWN] = {6.0, 0, 0, {0.22, 0.22, 0.22}, 1.3, 2, 1.2},
    [FM_LK_ROUTE] = {5.2, 1, 0, {0.25, 0.22, 0.20}, 0, 0, 0},
    [FM_LK_RIVER] = {6.0, 0, 300, {0.20, 0.42, 0.65}, 0, 0, 1.1},
    [FM_LK_VILLAGE] = {5.4, 0, 0, {0.30, 0.30, 0.30}, 1.0, 2, 1.1},
};

double fm_label_marker(int kind)
{
    return style[kind].marker;
}

int fm_label_rings(int kind)
{
    return style[kind].rings;
}

/* ---- the side of the border ---------------------------------------------------- */

/* The Pakistan side of the Durand Line as page edges: the line as drawn
 * (OpenStreetMap's) closed round the south and east. Natural Earth's country
 * and province polygons run a kilometre or two beside it, a name's width on
 * a 20 km view: without this a name can sit inside its polygon and across
 * the drawn border. Only the edges that reach the frame's height are kept
 * (the others cannot change which side a point in the frame is on). */
static fm_status side_make(fm_ctx *ctx, fm_map *map, obstacles *ob)
{
    const fm_geom *g = NULL;
    const fm_box *f = &map->lay.frame;
    size_t i, k, n = 0, best = 0, cap = 0, nb = map->bm ? fm_basemap_count(map->bm, FM_LAYER_BORDER) : 0;
    double ring[8], px = 0, py = 0, fx = 0, fy = 0;
    int flip, have = 0;
    for (i = 0; i < nb; i++) { /* the longest line: the Durand Line */
        const fm_geom *b = fm_basemap_geom(map->bm, FM_LAYER_BORDER, i, NULL, NULL);
        if (b && b->nparts == 1 && b->npoints > best)
            g = b, best = b->npoints;
    }
    if (!g || best < 2)
        return FM_OK;
    /* from its north-east end to its south-west one, then south, east, north */
    flip = g->xy[1] < g->xy[2 * (best - 1) + 1];
    ring[0] = g->xy[flip ? 0 : 2 * (best - 1)], ring[1] = g->south - 8;
    ring[2] = g->east + 8, ring[3] = g->south - 8;
    ring[4] = g->east + 8, ring[5] = g->north + 2;
    ring[6] = g->xy[flip ? 2 * (best - 1) : 0], ring[7] = g->north + 2;
    for (k = 0; k <= best + 4; k++) {
        size_t j = k < best ? (flip ? best - 1 - k : k) : 0;
        const double *v = k < best ? g->xy + 2 * j : k < best + 4 ? ring + 2 * (k - best) : NULL;
        double x, y;
        if (!v) /* closed on the first vertex */
            x = fx, y = fy;
        else if (!fm_map_lonlat_page(map, v[0], v[1], &x, &y))
            continue;
        if (!have++)
            fx = x, fy = y;
        else if (!(fmax(py, y) < f->y0 || fmin(py, y) > f->y1)) {
            if (fm_grow(ctx, (void **)&ob->side, &cap, 4 * (n + 1), sizeof *ob->side))
                return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
            ob->side[4 * n] = px, ob->side[4 * n + 1] = py;
            ob->side[4 * n + 2] = x, ob->side[4 * n + 3] = y;
            n++;
        }
        px = x, py = y;
    }
    ob->nside = n;
    return FM_OK;
}

/* Whether page point (x, y) is on the Pakistan side (even-odd rule). */
static int side_pk(const obstacles *ob, double x, double y)
{
    int in = 0;
    for (size_t k = 0; k < ob->nside; k++) {
        const double *e = ob->side + 4 * k;
        if ((e[1] > y) != (e[3] > y) && x < (e[2] - e[0]) * (y - e[1]) / (e[3] - e[1]) + e[0])
            in = !in;
    }
    return in;
}

/* Whether the whole box b lies on iso2's side of the border (always, for
 * other countries or without a border). */
static int on_side(const obstacles *ob, const char *iso2, const fm_box *b)
{
    int pk;
    if (!ob->side || !iso2 || (!(pk = !strcmp(iso2, "PK")) && strcmp(iso2, "AF")))
        return 1;
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            if (side_pk(ob, b->x0 + (b->x1 - b->x0) * i / 4, b->y0 + (b->y1 - b->y0) * k / 2) != pk)
                return 0;
    return 1;
}

/* Whether any of a 5 x 3 grid of points over box b lies in pp (Khyber
 * Pakhtunkhwa's name kept wholly outside FATA, not only its middle). */
static int poly_meets_box(const fm_page_poly *pp, const fm_box *b)
{
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 3; k++)
            if (fm_page_poly_contains(pp, b->x0 + (b->x1 - b->x0) * i / 4,
                                      b->y0 + (b->y1 - b->y0) * k / 2))
                return 1;
    return 0;
}

/* Inside the area's polygon, where it is widest first; without a polygon,
 * centred on the point or nudged up or down. over: symbols may be covered.
 * 1 placed, 0 no room, -1 the polygon could not be made (no memory): an
 * error, not a label left out, which would silently be a different map. */
int fm_label_place_area(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                      double h, int over, fm_box *out)
{
    static const double nudge[] = {0, -8, 8, -16, 16};
    fm_page_poly pp, np;
    double xy[2 * 200];
    size_t n, i;
    int k, ok = 0;
    if (!c->g) {
        for (k = 0; k < 5; k++) {
            fm_box b = box_at(c->x, c->y + nudge[k], w, h);
            if (in_frame(map, &b) && hard_clear(ob, &b) && !fm_boxgrid_hits(&ob->ldr, &b) &&
                (over || (!fm_label_sym_cover(map, ob, &b) && !fm_label_count_near(ob, &b)))) {
                *out = b;
                return 1;
            }
        }
        return 0;
    }
    if (fm_page_poly_make(ctx, map, c->g, &pp))
        return -1;
    if (c->not_in && fm_page_poly_make(ctx, map, c->not_in, &np)) {
        fm_page_poly_free(&pp);
        return -1;
    }
    n = fm_page_poly_anchors(&pp, &map->lay.frame, h / 2 + 1, xy, 200);
    /* the last try (area_again) also looks between the anchors, a quarter
     * and a half of the name's width and height off each */
    for (i = 0; i < n * (ob->last ? 25 : 1) && !ok; i++) {
        size_t a = ob->last ? i / 25 : i;
        double dx = ob->last ? (double)((int)(i % 5) - 2) * w / 4 : 0;
        double dy = ob->last ? (double)((int)(i / 5 % 5) - 2) * h / 2 : 0;
        fm_box b = box_at(xy[2 * a] + dx, xy[2 * a + 1] + dy, w, h);
        if (in_frame(map, &b) && hard_clear(ob, &b) && !fm_boxgrid_hits(&ob->ldr, &b) &&
            (over || (!fm_label_sym_cover(map, ob, &b) && !fm_label_count_near(ob, &b))) &&
            fm_page_poly_holds_box(&pp, &b) && on_side(ob, c->iso2, &b) &&
            (!c->not_in || !poly_meets_box(&np, &b)))
            *out = b, ok = 1;
    }
    fm_page_poly_free(&pp);
    if (c->not_in)
        fm_page_poly_free(&np);
    return ok;
}

/* ---- markers ----------------------------------------------------------------- */

static void draw_marker(cairo_t *cr, int kind, double x, double y, double r)
{
    if (kind == FM_LK_CROSSING) {
        fm_crossing_mark(cr, x, y, r);
        return;
    }
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    if (kind == FM_LK_CAPITAL) { /* a dark dot in a white ring */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_new_path(cr);
        cairo_arc(cr, x, y, r - 0.8, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_fill(cr);
        return;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, kind == FM_LK_CITY || kind == FM_LK_SEAT ? 0.9 : 0.7);
    cairo_stroke(cr);
}

void fm_city_mark(cairo_t *cr, double x, double y, int big)
{
    int k = big ? FM_LK_CAPITAL : FM_LK_SEAT;
    draw_marker(cr, k, x, y, style[k].marker);
}

void fm_crossing_mark(cairo_t *cr, double x, double y, double s)
{
    cairo_move_to(cr, x, y - s);
    cairo_line_to(cr, x + s, y);
    cairo_line_to(cr, x, y + s);
    cairo_line_to(cr, x - s, y);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.55, 0.05, 0.05);
    cairo_set_line_width(cr, 1.1);
    cairo_stroke(cr);
    cairo_arc(cr, x, y, s * 0.3, 0, 2 * M_PI);
    cairo_fill(cr);
}

/* A leader from the edge of the marker to the nearest point of the label
 * box, on a thin halo so it reads across the basemap. */
static void draw_leader(cairo_t *cr, const placed *p)
{
    double r = style[p->kind].marker + 0.6;
    double bx = fmax(p->box.x0, fmin(p->x, p->box.x1)), by = fmax(p->box.y0, fmin(p->y, p->box.y1));
    double d = hypot(bx - p->x, by - p->y);
    if (d <= r)
        return;
    cairo_move_to(cr, p->x + (bx - p->x) * r / d, p->y + (by - p->y) * r / d);
    cairo_line_to(cr, bx, by);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
    cairo_set_line_width(cr, 1.6);
    cairo_stroke_preserve(cr);
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.45);
    cairo_stroke(cr);
}

/* A route number's shield: a small white plate with a grey edge. */
static void draw_shield(cairo_t *cr, const fm_box *b)
{
    cairo_rectangle(cr, b->x0 - 0.8, b->y0 - 0.2, b->x1 - b->x0 + 1.6, b->y1 - b->y0 + 0.4);
    cairo_set_source_rgb(cr, 1, 1, 0.97);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.45, 0.40, 0.36);
    cairo_set_line_width(cr, 0.5);
    cairo_stroke(cr);
}

/* ---- labels -------------------------------------------------------------------- */

void fm_labels_reset(fm_map *map)
{
    size_t i;
    for (i = 0; i < map->nlabels; i++)
        free(map->label_texts[i]);
    map->nlabels = 0;
    for (i = 0; i < map->nlrec; i++)
        free(map->lrec[i].text);
    map->nlrec = 0;
    map->unnamed_placed = 0;
    free(map->unnamed_text);
    map->unnamed_text = NULL;
}

static const char *const kind_names[FM_LK_N] = {
    [FM_LK_CROSSING] = "crossing", [FM_LK_CAPITAL] = "capital", [FM_LK_HOME] = "country",
    [FM_LK_PROVINCE] = "province", [FM_LK_CITY] = "city",       [FM_LK_SEAT] = "seat",
    [FM_LK_COUNTRY] = "country",   [FM_LK_TOWN] = "town",       [FM_LK_ROUTE] = "route",
    [FM_LK_DISTRICT] = "district",
    [FM_LK_RIVER] = "river",       [FM_LK_VILLAGE] = "village"};

int fm_map_label_info_get(const fm_map *map, size_t i, fm_map_label_info *out)
{
    const struct fm_label_rec *r;
    if (i >= map->nlrec)
        return 0;
    r = &map->lrec[i];
    out->text = r->text, out->kind = kind_names[r->kind];
    out->must = r->must, out->placed = r->placed, out->leader = r->leader;
    out->lon = r->lon, out->lat = r->lat, out->x = r->x, out->y = r->y;
    out->box[0] = r->box.x0, out->box[1] = r->box.y0, out->box[2] = r->box.x1;
    out->box[3] = r->box.y1;
    return 1;
}

/* Notes name c in the list of every name considered (pd NULL: left out). */
static fm_status note_cand(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, int self,
                           const char *text, const placed *pd)
{
    struct fm_label_rec *r;
    const double *v = map->view_ll;
    if (!pd && c->g && (c->g->east < v[0] || c->g->west > v[2] || c->g->north < v[1] ||
                        c->g->south > v[3]))
        return FM_OK; /* an area off the frame: not a name left out */
    if (fm_grow(ctx, (void **)&map->lrec, &map->lrec_cap, map->nlrec + 1, sizeof *map->lrec))
        return FM_ENOMEM;
    r = &map->lrec[map->nlrec];
    memset(r, 0, sizeof *r);
    if (!(r->text = fm_strdup(ctx, text && *text ? text : c->name ? c->name : "")))
        return FM_ENOMEM;
    map->nlrec++;
    /* a name guaranteed by rank, or within a reach, that found no room near
     * its place is left out as any other (its guarantee is "where it fits") */
    r->kind = c->kind, r->must = c->must && !((c->ranked || c->reach_pt > 0) && !pd);
    r->x = c->x, r->y = c->y;
    r->cand = self - 1;
    r->lon = r->lat = NAN;
    if (c->p) { /* a district at its seat, else (no seat known) at its middle */
        int seat = c->p->kind == FM_PLACE_DISTRICT && !isnan(c->p->seat_lon);
        r->lon = seat ? c->p->seat_lon : c->p->lon;
        r->lat = seat ? c->p->seat_lat : c->p->lat;
    }
    if (pd)
        r->placed = 1, r->leader = pd->leader, r->box = pd->box;
    return FM_OK;
}

static fm_status record(fm_ctx *ctx, fm_map *map, const fm_box *b, const char *text)
{
    char *t;
    if (fm_grow(ctx, (void **)&map->label_boxes, &map->label_cap, map->nlabels + 1,
                sizeof *map->label_boxes) ||
        fm_grow(ctx, (void **)&map->label_texts, &map->text_cap, map->nlabels + 1,
                sizeof *map->label_texts) ||
        !(t = fm_strdup(ctx, text)))
        return FM_ENOMEM;
    map->label_boxes[map->nlabels] = *b;
    map->label_texts[map->nlabels++] = t;
    return FM_OK;
}

/* The names' type on this page: set smaller on pages smaller than A4, as
 * the furniture is (fm_layout.fs, 0.84 on A5), never under
 * FM_NAME_MIN_PT. At A4's sizes an A5 map's names took 1.4 times the
 * room a reduced map's would, and the KP map's Peshawar valley and Swat
 * left half the province's seats out or hung them on long leaders. */
double fm_label_page_scale(const fm_map *map)
{
    return map->lay.fs > 0 ? map->lay.fs : 1;
}

static PangoLayout *label_layout(const fm_map *map, cairo_t *cr, const fm_label_cand *c,
                                 const char *text, double scale)
{
    double pt = style[c->kind].size * scale * fm_label_page_scale(map);
    PangoLayout *pl = fm_text_layout(cr, text, fmax(pt, fmin(FM_NAME_MIN_PT, style[c->kind].size)),
                                     style[c->kind].bold);
    if (c->kind == FM_LK_RIVER) { /* water is named in italics */
        PangoFontDescription *fd =
            pango_font_description_copy(pango_layout_get_font_description(pl));
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
        pango_layout_set_font_description(pl, fd);
        pango_font_description_free(fd);
    }
    if (style[c->kind].spacing) { /* on the Latin line only: Arabic script joins */
        PangoAttrList *al = pango_attr_list_new();
        PangoAttribute *at = pango_attr_letter_spacing_new(style[c->kind].spacing);
        const char *nl = strchr(text, '\n');
        at->start_index = 0;
        at->end_index = nl && (unsigned char)nl[1] >= 0xD8 ? (guint)(nl - text) : G_MAXUINT;
        pango_attr_list_insert(al, at);
        pango_layout_set_attributes(pl, al);
        pango_attr_list_unref(al);
    }
    pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    return pl;
}

/* Lays out the text (wrapped when asked) and finds it a place. */
static int try_place(fm_ctx *ctx, fm_map *map, cairo_t *cr, obstacles *ob, const fm_label_cand *c,
                     int wrap, int over, double scale, char *text, size_t cap, placed *pd)
{
    PangoLayout *pl;
    PangoRectangle ink, lg;
    fm_box b;
    int ok, leader = 0;
    if (!fm_label_text(map, c, wrap, text, cap))
        return 0;
    pl = label_layout(map, cr, c, text, scale);
    pango_layout_get_pixel_extents(pl, &ink, &lg);
    /* (a district's name at its middle, its polygon too narrow, goes round
     * that point as a place's would) */
    ok = style[c->kind].marker > 0 || (c->kind == FM_LK_DISTRICT && !c->g)
             ? fm_label_place_point(map, ob, c, lg.width + 1.0, lg.height, &b, &leader)
             : fm_label_place_area(ctx, map, ob, c, lg.width + 1.0, lg.height, over, &b);
    if (ok <= 0) {
        g_object_unref(pl);
        return ok;
    }
    pd->kind = c->kind, pd->pl = pl, pd->leader = leader, pd->box = b;
    pd->x = c->x, pd->y = c->y;
    pd->tx = b.x0 + 0.5 - lg.x, pd->ty = b.y0 - lg.y;
    return 1;
}

/* Whether the marker box mk touches a label or the marker of a more
 * important place (markers seeded by seed() carry their candidate's index
 * + 1 as tag, placed names' boxes minus their index in done - 1; a seeded marker of a lesser place gives way, and that place is
 * left out when its turn comes). self is -1 for a place not seeded; shares:
 * the place's marker may lie under another's (fm_label_cand.shares). */
static int marker_blocked(obstacles *ob, const fm_box *mk, int self, int shares)
{
    int idx[64];
    size_t n = fm_boxgrid_query(&ob->lab, mk, idx, 64), i;
    if (n > 64)
        return 1;
    for (i = 0; i < n; i++) {
        int t = ob->lab.tag[idx[i]];
        if (t <= 0 || (!shares && t != self && (self < 0 || t < self)))
            return 1;
    }
    return 0;
}

/* The records of name c, just placed as the last of ob->done by moving
 * counts or other names, and of the names it moved (text: its name). */
static fm_status moved_records(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c,
                               int self, const char *text)
{
    size_t i, me = ob->ndone - 1;
    if (note_cand(ctx, map, c, self, text, &ob->done[me]) ||
        record(ctx, map, &ob->done[me].box, text))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    ob->done[me].lrec = map->nlrec - 1;
    for (i = 0; i < me; i++) { /* the moved names' records (label_boxes: one per done) */
        struct fm_label_rec *rc = &map->lrec[ob->done[i].lrec];
        if (!rc->placed)
            continue;
        if (ob->done[i].gone)
            rc->placed = 0, rc->leader = 0, memset(&rc->box, 0, sizeof rc->box);
        else
            rc->leader = ob->done[i].leader, rc->box = ob->done[i].box;
        map->label_boxes[i] = ob->done[i].box;
    }
    return FM_OK;
}

/* A seat of the subject that found no room within its reach (text: its
 * name): placed by make_room where moving other names makes room, or
 * stacked under the name of the place its marker touches (pair_up), the
 * records of the moved ones brought up to date; else left out. */
static fm_status label_moving(fm_ctx *ctx, fm_map *map, cairo_t *cr, obstacles *ob,
                              const fm_label_cand *all, const fm_label_cand *c, int self,
                              const char *text)
{
    PangoRectangle ink, lg;
    placed pd;
    memset(&pd, 0, sizeof pd);
    pd.pl = label_layout(map, cr, c, text, 1);
    pango_layout_get_pixel_extents(pd.pl, &ink, &lg);
    pd.kind = c->kind, pd.x = c->x, pd.y = c->y;
    pd.box = box_at(0, 0, lg.width + 1.0, lg.height);
    /* clean room made by moving counts (a crossing or major city on a page
     * whose counts are spread) or names first (a seat: names, then counts),
     * then the pair, then a leader through a name or across a leader, with
     * or without moving names */
    if (!(c->kind <= FM_LK_CAPITAL &&
          fm_label_count_room(ctx, map, ob, c, self, &pd, lg.x, lg.y, c->reach_pt)) &&
        !fm_label_make_room(ctx, map, ob, all, c, self, &pd, lg.x, lg.y, 0) &&
        !(c->kind == FM_LK_SEAT &&
          fm_label_count_room(ctx, map, ob, c, self, &pd, lg.x, lg.y, c->reach_pt)) &&
        !(c->shares && fm_label_pair_up(ctx, map, ob, all, c, self, &pd, lg.x, lg.y)) &&
        !fm_label_place_loose(ctx, map, ob, c, self, &pd, lg.x, lg.y) &&
        !fm_label_make_room(ctx, map, ob, all, c, self, &pd, lg.x, lg.y, 1)) {
        g_object_unref(pd.pl);
        return note_cand(ctx, map, c, self, NULL, NULL);
    }
    return moved_records(ctx, map, ob, c, self, text);
}

/* The gap between a placed name's box and its marker's rim. */
static double name_gap(const placed *pd)
{
    double bx = fmax(pd->box.x0, fmin(pd->x, pd->box.x1)), by = fmax(pd->box.y0, fmin(pd->y, pd->box.y1));
    return fmax(0, hypot(bx - pd->x, by - pd->y) - style[pd->kind].marker - 0.6);
}

/* A crossing or major city that the rings hang further than ob->near_pt on
 * a page whose counts are spread: room within near_pt made by moving one or
 * two names placed before it (each placed again at most 3 pt further from
 * its own marker, labelspot.c's make_room), else by moving counts round
 * their circles (countroom.c). 1 placed as done[ndone - 1] (pd's layout
 * taken over), 0 not (pd as it was). */
static int near_by_moving(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *all,
                          const fm_label_cand *c, int self, placed *pd)
{
    placed alt = *pd;
    fm_label_cand near = *c;
    double lg_x = pd->box.x0 + 0.5 - pd->tx, lg_y = pd->box.y0 - pd->ty;
    if (ob->near_pt <= 0 || c->kind > FM_LK_CAPITAL || c->reach_pt <= 0 || !pd->leader ||
        name_gap(pd) <= ob->near_pt)
        return 0;
    near.reach_pt = ob->near_pt;
    return ((ob->near_mode & NEAR_NAMES) &&
            fm_label_make_room(ctx, map, ob, all, &near, self, &alt, lg_x, lg_y, 2)) ||
           ((ob->near_mode & NEAR_COUNTS) &&
            fm_label_count_room(ctx, map, ob, &near, self, &alt, lg_x, lg_y, ob->near_pt));
}

static fm_status label_one(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *all,
                           const fm_label_cand *c, int self, obstacles *ob)
{
    char text[256];
    placed pd;
    double r = style[c->kind].marker;
    fm_box mk = box_at(c->x, c->y, 2 * r, 2 * r), core = box_at(c->x, c->y, r, r);
    int seeded = c->must && !c->unseeded && r > 0, ok;
    /* a place whose marker would sit on another's is left out (markers of
     * places that must be named may touch), and one that need not be named
     * whose marker would lie by another place's name; one under a symbol is
     * named round it (place_point) */
    if (r > 0 && c->kind > FM_LK_CAPITAL &&
        (marker_blocked(ob, seeded ? &core : &mk, seeded ? self : -1, c->must && c->shares) ||
         ((!c->must || c->unseeded) && fm_label_marker_confuses(ob, c->x, c->y, r))))
        return note_cand(ctx, map, c, self, NULL, NULL);
    memset(&pd, 0, sizeof pd);
    /* no name covers the marker of a place that must be named (it would be
     * left out: the guarantee is the other's too) */
    ok = try_place(ctx, map, cr, ob, c, 0, 0, 1, text, sizeof text, &pd);
    if (!ok && r == 0) /* an area name on two lines */
        ok = try_place(ctx, map, cr, ob, c, 1, 0, 1, text, sizeof text, &pd);
    /* (in turn, not with ||: -1, no memory, must stop the search) */
    if (!ok && c->kind == FM_LK_PROVINCE) /* crowded by names: a size smaller */
        ok = try_place(ctx, map, cr, ob, c, 0, 0, 0.82, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_PROVINCE)
        ok = try_place(ctx, map, cr, ob, c, 1, 0, 0.82, text, sizeof text, &pd);
    /* the two countries are what a reader finds the rest by: in a dense
     * cloud their names go over the symbols, on a halo; so do their
     * provinces' (FATA on a map of 2009, its agencies full of symbols),
     * a size smaller, never over a count or another name */
    if (!ok && c->kind == FM_LK_HOME)
        ok = try_place(ctx, map, cr, ob, c, 0, 1, 1, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_PROVINCE && c->iso2 &&
        (!strcmp(c->iso2, "PK") || !strcmp(c->iso2, "AF")))
        ok = try_place(ctx, map, cr, ob, c, 0, 1, 0.82, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_PROVINCE && ob->last)
        ok = try_place(ctx, map, cr, ob, c, 1, 1, 0.82, text, sizeof text, &pd);
    if (!ok && c->kind == FM_LK_DISTRICT && c->g) { /* a district too narrow for its */
        fm_label_cand pt = *c;                   /* name: around its middle */
        pt.g = NULL;
        ok = try_place(ctx, map, cr, ob, &pt, 0, 0, 1, text, sizeof text, &pd);
    }
    /* a seat of the subject in a crowd (a view too small for all the
     * seats): its name a size smaller before others are moved for it */
    if (!ok && c->reach_pt > 0 && c->kind == FM_LK_SEAT)
        ok = try_place(ctx, map, cr, ob, c, 0, 0, 0.85, text, sizeof text, &pd);
    if (ok < 0)
        return FM_ENOMEM;
    if (!ok && c->reach_pt > 0 && r > 0 && fm_label_text(map, c, 0, text, sizeof text))
        return label_moving(ctx, map, cr, ob, all, c, self, text);
    if (!ok)
        return note_cand(ctx, map, c, self, NULL, NULL);
    if (near_by_moving(ctx, map, ob, all, c, self, &pd))
        return moved_records(ctx, map, ob, c, self, text);
    if (note_cand(ctx, map, c, self, text, &pd)) {
        g_object_unref(pd.pl);
        return FM_ENOMEM;
    }
    pd.cand = self - 1, pd.lrec = map->nlrec - 1;
    if (fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done)) {
        g_object_unref(pd.pl);
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    }
    ob->done[ob->ndone++] = pd;
    if (fm_label_file_boxes(ctx, ob, ob->ndone - 1, seeded) || record(ctx, map, &pd.box, text))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    return FM_OK;
}

/* Whether count box b meets the count of another symbol than skip. */
static int count_clash(const fm_map *map, const fm_box *b, size_t skip)
{
    size_t k;
    fm_box cb;
    for (k = 0; k < map->nsymbols; k++)
        if (k != skip && fm_symbol_count_box(&map->symbols[k], &cb) && cb.x0 < b->x1 &&
            b->x0 < cb.x1 && cb.y0 < b->y1 && b->y0 < cb.y1)
            return 1;
    return 0;
}

/* Whether count box b meets a crossing marker of c (grown by pad). */
static int count_on_crossing(const fm_label_cand *c, size_t n, const fm_box *b, double pad)
{
    double s = style[FM_LK_CROSSING].marker + pad;
    for (size_t i = 0; i < n; i++)
        if (c[i].kind == FM_LK_CROSSING && c[i].x - s < b->x1 && b->x0 < c[i].x + s &&
            c[i].y - s < b->y1 && b->y0 < c[i].y + s)
            return 1;
    return 0;
}

/* A crossing marker sits on top of the symbols; a count under one moves
 * off it: to a corner of the symbol's rim, then further round and out, to
 * the first place clear of every crossing marker and of the other counts
 * (crossings a few points apart on a small-scale view crowd the corners). */
static void move_counts_corner(fm_map *map, const fm_label_cand *c, size_t n)
{
    static const double cx[] = {1, -1, -1, 1, 1.3, -1.3, 0, 0};
    static const double cy[] = {-1, -1, 1, 1, 0, 0, -1.3, 1.3};
    size_t k;
    for (k = 0; k < map->nsymbols; k++) {
        fm_symbol *sy = &map->symbols[k];
        double x0 = sy->count_x, y0 = sy->count_y, hw, d;
        fm_box cb;
        int q, step, done = 0;
        if (!fm_symbol_count_box(sy, &cb) || !count_on_crossing(c, n, &cb, 0.8))
            continue;
        hw = (cb.x1 - cb.x0) / 2;
        d = fmax(sy->r * 0.72, style[FM_LK_CROSSING].marker + 0.8);
        for (step = 0; step < 4 && !done; step++)
            for (q = 0; q < 8 && !done; q++) {
                sy->count_x = x0 + cx[q] * (d + hw * 0.6 + step * 4);
                sy->count_y = y0 + cy[q] * (d + 1.5 + step * 4);
                done = fm_symbol_count_box(sy, &cb) && !count_on_crossing(c, n, &cb, 0.8) &&
                       !count_clash(map, &cb, k);
            }
        if (!done) /* nowhere clear: the corner nearest it, as before */
            sy->count_x = x0 + (d + hw * 0.6), sy->count_y = y0 - (d + 1.5);
    }
}

/* The same on a page whose counts symbols.c spreads (A5), as it does
 * (countspot.c): inside the circle, on its rim, then out with a tick, clear
 * of the crossing markers, the other counts and the other circles. The
 * places are round the symbol, not round where symbols.c moved the count:
 * moved twice, by the corners' steps, the whole record's "56" stood 20 pt
 * off its 2 pt circle, with nothing tying it to it. */
static void move_counts_round(fm_map *map, const fm_label_cand *c, size_t n)
{
    size_t k;
    for (k = 0; k < map->nsymbols; k++) {
        fm_symbol *sy = &map->symbols[k];
        double x0 = sy->count_x, y0 = sy->count_y;
        fm_box cb;
        int q, pass, done = 0;
        if (!fm_symbol_count_box(sy, &cb) || !count_on_crossing(c, n, &cb, 0.8))
            continue;
        /* (nowhere clear of the counts: clear of the markers at least) */
        for (pass = 0; pass < 2 && !done; pass++)
            for (q = 0; !done && fm_count_spot(sy, q, &sy->count_x, &sy->count_y); q++)
                done = fm_symbol_count_box(sy, &cb) && !count_on_crossing(c, n, &cb, 0.8) &&
                       (pass || (!count_clash(map, &cb, k) &&
                                 !fm_count_reads_other(map->symbols, map->nsymbols, k)));
        if (!done) /* nowhere: where it was */
            sy->count_x = x0, sy->count_y = y0;
        fm_count_tick_mark(sy);
    }
}

static void move_counts(fm_map *map, const fm_label_cand *c, size_t n)
{
    if (fm_counts_spread(map))
        move_counts_round(map, c, n);
    else
        move_counts_corner(map, c, n);
}

/* Symbols, their counts and the markers of the places that must be named
 * are obstacles from the start, so no earlier name covers a later place. */
static fm_status seed(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, size_t n, obstacles *ob)
{
    size_t i;
    fm_status st;
    move_counts(map, c, n);
    if ((st = fm_boxgrid_init(ctx, &ob->lab, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->cnt, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->sym, &map->lay.frame)) ||
        (st = fm_boxgrid_init(ctx, &ob->ldr, &map->lay.frame)))
        return st;
    for (i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        if (fm_boxgrid_add(ctx, &ob->sym, box_at(s->x, s->y, 2 * s->r, 2 * s->r), (int)i) ||
            fm_label_file_count(ctx, ob, map, i))
            return FM_ENOMEM;
    }
    for (i = 0; i < map->ncallouts; i++) { /* callout boxes and their leaders */
        double seg[4];
        int k, steps;
        if (!fm_callout_leader(map, i, seg))
            continue;
        if (fm_boxgrid_add(ctx, &ob->lab, map->callouts[i].box, 0))
            return FM_ENOMEM;
        steps = (int)(hypot(seg[2] - seg[0], seg[3] - seg[1]) / 2.5) + 1;
        for (k = 0; k <= steps; k++) {
            double t = (double)k / steps;
            if (fm_boxgrid_add(ctx, &ob->lab,
                               box_at(seg[0] + t * (seg[2] - seg[0]), seg[1] + t * (seg[3] - seg[1]),
                                      2.0, 2.0),
                               0))
                return FM_ENOMEM;
        }
    }
    { /* the message of a map without incidents, on its halo */
        fm_box eb;
        if (fm_map_empty_box(map, ob->cr, &eb, NULL) &&
            fm_boxgrid_add(ctx, &ob->lab, (fm_box){eb.x0 - 3, eb.y0 - 3, eb.x1 + 3, eb.y1 + 3}, 0))
            return FM_ENOMEM;
    }
    for (i = 0; i < n; i++) { /* (a marker that lies under another's blocks none: tag past all) */
        double d = 2 * style[c[i].kind].marker + 0.6;
        if (c[i].must && !c[i].unseeded && d > 1 &&
            fm_boxgrid_add(ctx, &ob->lab, box_at(c[i].x, c[i].y, d, d),
                           c[i].shares ? (int)n + 1 : (int)i + 1))
            return FM_ENOMEM;
    }
    for (i = 0; i < map->nrings; i++) { /* ring labels, drawn by draw_all, clear of the */
        fm_box rb;                      /* counts and markers (it lay over Peshawar's) */
        PangoLayout *pl = NULL;
        fm_ring_label_choose(map, ob->cr, i, &ob->lab, &ob->cnt, &ob->sym);
        if (fm_ring_label_box(map, ob->cr, i, &rb, &pl)) {
            const double *s = map->rings[i].leader;
            int k, steps = (int)(hypot(s[2] - s[0], s[3] - s[1]) / 2.5) + 1;
            g_object_unref(pl);
            if (fm_boxgrid_add(ctx, &ob->lab, rb, 0))
                return FM_ENOMEM;
            for (k = 0; map->rings[i].has_leader && k <= steps; k++) { /* its leader */
                double t = (double)k / steps;
                if (fm_boxgrid_add(ctx, &ob->ldr,
                                   box_at(s[0] + t * (s[2] - s[0]), s[1] + t * (s[3] - s[1]), 1.5, 1.5), 0))
                    return FM_ENOMEM;
            }
        }
    }
    return FM_OK;
}

static void draw_all(fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n, obstacles *ob)
{
    size_t i;
    int k;
    /* leaders and place markers under the symbols (the data stays on top),
     * crossings over them, the counts over everything but the names */
    for (i = 0; i < ob->ndone; i++)
        if (ob->done[i].leader && !ob->done[i].gone)
            draw_leader(cr, &ob->done[i]);
    for (i = 0; i < map->nrings; i++)
        fm_ring_leader_draw(map, cr, i);
    for (k = FM_LK_N - 1; k > FM_LK_CROSSING; k--) /* the lesser below, where two touch */
        for (i = 0; i < ob->ndone; i++)
            if (ob->done[i].kind == k && style[k].marker > 0 && !ob->done[i].gone)
                draw_marker(cr, k, ob->done[i].x, ob->done[i].y, style[k].marker);
    fm_symbols_draw(map, cr);
    for (i = 0; i < n; i++)
        if (c[i].kind == FM_LK_CROSSING)
            draw_marker(cr, FM_LK_CROSSING, c[i].x, c[i].y, style[FM_LK_CROSSING].marker);
    fm_symbols_draw_counts(map, cr);
    for (i = 0; i < map->nrings; i++) {
        fm_box rb;
        PangoLayout *pl = NULL;
        PangoRectangle ink, lg;
        if (!fm_ring_label_box(map, cr, i, &rb, &pl))
            continue;
        pango_layout_get_pixel_extents(pl, &ink, &lg);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.25);
        fm_text_draw(cr, pl, rb.x0 - lg.x, rb.y0 - lg.y, 1.4);
        g_object_unref(pl);
    }
    for (i = 0; i < ob->ndone; i++) {
        const double *rgb = style[ob->done[i].kind].rgb;
        if (ob->done[i].gone)
            continue;
        if (ob->done[i].kind == FM_LK_ROUTE)
            draw_shield(cr, &ob->done[i].box);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        fm_text_draw(cr, ob->done[i].pl, ob->done[i].tx, ob->done[i].ty,
                     style[ob->done[i].kind].halo);
    }
}

static void obstacles_free(obstacles *ob)
{
    for (size_t i = 0; i < ob->ndone; i++)
        g_object_unref(ob->done[i].pl);
    free(ob->done);
    free(ob->side);
    fm_boxgrid_free(&ob->lab);
    fm_boxgrid_free(&ob->cnt);
    fm_boxgrid_free(&ob->sym);
    fm_boxgrid_free(&ob->ldr);
    memset(ob, 0, sizeof *ob);
}

/* The names moved out of the way and left out leave the list of names
 * drawn (map->label_boxes and label_texts, one per done, in order). */
static void labels_compact(fm_map *map, obstacles *ob)
{
    size_t i, k = 0;
    for (i = 0; i < ob->ndone && i < map->nlabels; i++) {
        if (ob->done[i].gone) {
            free(map->label_texts[i]);
            continue;
        }
        map->label_boxes[k] = map->label_boxes[i];
        map->label_texts[k++] = map->label_texts[i];
    }
    for (; i < map->nlabels; i++)
        map->label_boxes[k] = map->label_boxes[i], map->label_texts[k++] = map->label_texts[i];
    map->nlabels = k;
}

/* Whether c names Afghanistan or Pakistan or one of their provinces: what a
 * reader finds the rest by. */
static int home_area(const fm_label_cand *c)
{
    return c->kind == FM_LK_HOME || (c->kind == FM_LK_PROVINCE && c->iso2 &&
                                     (!strcmp(c->iso2, "PK") || !strcmp(c->iso2, "AF")));
}

/* A home country's or province's name that a seat moved out of its way
 * (make_room) and that found no other room then, or none at its turn, is
 * placed once more after every other name, where room is left (over the
 * symbols, a size smaller if need be): on the 2005-2009 KP map the seats
 * of the Peshawar valley had taken the North-West Frontier's name off the
 * map its title named. Its record is the new try's, placed or not. */
static fm_status area_again(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                            size_t n, obstacles *ob)
{
    fm_status st = FM_OK;
    size_t i, r, r0;
    ob->last = 1;
    for (r = 0; r < map->nlrec && !st; r++) {
        struct fm_label_rec *old = &map->lrec[r];
        if (old->placed || old->cand >= n || !home_area(&c[old->cand]))
            continue;
        r0 = map->nlrec;
        i = old->cand;
        if ((st = label_one(ctx, map, cr, c, &c[i], (int)i + 1, ob)) || map->nlrec == r0)
            continue;
        old = &map->lrec[r]; /* (label_one may have moved the records) */
        if (map->lrec[r0].placed) {
            free(old->text);
            *old = map->lrec[r0];
        } else {
            free(map->lrec[r0].text);
        }
        map->nlrec = r0;
    }
    ob->last = 0;
    return st;
}

/* Where the counts stood before any placement (x, y and tick of each
 * symbol): a name that moved counts (countroom.c) moved them for its own
 * try only, so each try starts from these. NULL: not kept. */
static double *counts_keep(const fm_map *map)
{
    double *k = fm_malloc_array(3 * map->nsymbols + 1, sizeof *k);
    for (size_t i = 0; k && i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        k[3 * i] = s->count_x, k[3 * i + 1] = s->count_y, k[3 * i + 2] = s->tick;
    }
    return k;
}

static void counts_restore(fm_map *map, const double *k)
{
    for (size_t i = 0; k && i < map->nsymbols; i++) {
        fm_symbol *s = &map->symbols[i];
        s->count_x = k[3 * i], s->count_y = k[3 * i + 1], s->tick = (int)k[3 * i + 2];
    }
}

static fm_status place_all(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                           size_t n, obstacles *ob, const double *counts)
{
    fm_status st;
    size_t i;
    if (fm_counts_spread(map)) /* (only there do names move counts) */
        counts_restore(map, counts);
    double near_pt = ob->near_pt;
    int near_mode = ob->near_mode;
    obstacles_free(ob);
    ob->cr = cr, ob->near_pt = near_pt, ob->near_mode = near_mode;
    fm_labels_reset(map);
    st = seed(ctx, map, c, n, ob);
    if (!st)
        st = side_make(ctx, map, ob);
    for (i = 0; i < n && !st; i++)
        st = label_one(ctx, map, cr, c, &c[i], (int)i + 1, ob);
    if (!st)
        st = area_again(ctx, map, cr, c, n, ob);
    if (!st)
        labels_compact(map, ob);
    return st;
}

/* The guaranteed names that found no room go first on the next try;
 * returns how many there were. */
static size_t promote_missed(const fm_map *map, fm_label_cand *c, size_t n)
{
    size_t i, missed = 0;
    for (i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        fm_label_cand *m = r->cand < n ? &c[r->cand] : NULL;
        if (m && m->must && !m->ranked && m->p && !r->placed) {
            m->score += m->score >= FM_LABEL_PROMOTED ? 0 : FM_LABEL_PROMOTED;
            missed++;
        }
    }
    return missed;
}

/* The places named within a reach (a city in a crowd, a seat of the
 * subject on a small view; never a crossing, major city or provincial
 * capital) that the placement left out: their markers are not drawn, yet,
 * seeded as obstacles, they kept the names placed before them from their
 * room. Marks them unseeded and returns how many were newly marked. */
static size_t unseed_missed(const fm_map *map, fm_label_cand *c, size_t n)
{
    size_t i, k = 0;
    for (i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        fm_label_cand *m = r->cand < n ? &c[r->cand] : NULL;
        if (m && !r->placed && m->must && m->reach_pt > 0 && m->kind > FM_LK_CAPITAL &&
            !m->unseeded)
            m->unseeded = 1, k++;
    }
    return k;
}

/* What a placement achieved: the promised names it left out (the note's)
 * in *missed, the guaranteed names it placed in *named. */
static void placement_tally(const fm_map *map, const fm_label_cand *c, size_t n, size_t *missed,
                            size_t *named)
{
    *missed = *named = 0;
    for (size_t i = 0; i < map->nlrec; i++) {
        const struct fm_label_rec *r = &map->lrec[i];
        *missed += fm_unnamed_promised(r, c, n);
        *named += r->placed && r->cand < n && c[r->cand].must;
    }
}

/* On a page under A4 (its crowds tightest), the placement is tried once
 * more with the markers of the places it left out within a reach unseeded
 * (unseed_missed), and kept if it leaves no more promised names out and
 * names as many guaranteed ones. In the Khyber crowd of the whole record's
 * A5 map the markers of Kohat, Mardan, Mingora and Abbottabad, none of them
 * named, held the room Torkham's name needed; it went to the note. */
static fm_status place_unseeded(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_label_cand *c, size_t n,
                                obstacles *ob, const double *counts)
{
    size_t missed0, named0, missed1, named1, i;
    fm_status st;
    if (fm_label_page_scale(map) >= 0.999)
        return FM_OK;
    placement_tally(map, c, n, &missed0, &named0);
    if (!unseed_missed(map, c, n))
        return FM_OK;
    if ((st = place_all(ctx, map, cr, c, n, ob, counts)))
        return st;
    placement_tally(map, c, n, &missed1, &named1);
    if (missed1 <= missed0 && named1 >= named0)
        return FM_OK;
    for (i = 0; i < n; i++) /* no better: as it was */
        c[i].unseeded = 0;
    return place_all(ctx, map, cr, c, n, ob, counts);
}

/* The gaps between the guaranteed crossings' and major cities' names and
 * their markers, summed; the names drawn; those gaps over far (*nfar). */
static double crossing_gaps(const obstacles *ob, const fm_label_cand *c, size_t n, size_t *names,
                            double far, size_t *nfar)
{
    double sum = 0;
    *names = *nfar = 0;
    for (size_t i = 0; i < ob->ndone; i++) {
        const placed *pd = &ob->done[i];
        double g;
        if (pd->gone)
            continue;
        ++*names;
        if (pd->kind <= FM_LK_CAPITAL && (size_t)pd->cand < n && c[pd->cand].must) {
            sum += g = name_gap(pd);
            *nfar += g > far;
        }
    }
    return sum;
}

#define NEAR_PT 20.0
#define NEAR_LOSS 2 /* names a placement nearer may drop (villages, other countries' towns) */

/* What a placement achieved, to compare two: the promised names left out,
 * the guaranteed names placed, the names drawn, crossing_gaps's sum and
 * how many of its gaps are over NEAR_PT (at the page's type). */
typedef struct {
    size_t missed, named, names, far;
    double gaps;
} tally;

static tally tally_of(const fm_map *map, const obstacles *ob, const fm_label_cand *c, size_t n)
{
    tally t;
    placement_tally(map, c, n, &t.missed, &t.named);
    t.gaps = crossing_gaps(ob, c, n, &t.names, NEAR_PT * fm_label_page_scale(map), &t.far);
    return t;
}

/* On a page whose counts are spread (A5), the crossings and major cities
 * the rings hang further than NEAR_PT (at A4's type) from their markers
 * first try room within it (near_by_moving): made by moving counts alone
 * (ob->near_mode NEAR_COUNTS), or names placed before them, then counts
 * (NEAR_NAMES | NEAR_COUNTS). Each is placed in full and the one that
 * brings those names nearest is kept if it leaves no more promised names
 * out, names as many guaranteed ones and at most NEAR_LOSS fewer names in
 * all; else the names are placed as before. On the whole record's portrait
 * A5 map of the GED sample Peshawar's name, placed first, had taken the
 * room 11 pt from Jalalabad's marker and hung it 35 pt off; moving counts
 * on every A5 map cost Mardan its name on the KP maps. */
static fm_status place_near(fm_ctx *ctx, fm_map *map, cairo_t *cr, fm_label_cand *c, size_t n,
                            obstacles *ob, const double *counts)
{
    static const int modes[] = {NEAR_COUNTS, NEAR_NAMES | NEAR_COUNTS};
    tally t0, t;
    int best = -1;
    double gaps;
    fm_status st = FM_OK;
    if (fm_label_page_scale(map) >= 0.999 || !fm_counts_spread(map))
        return FM_OK;
    t0 = tally_of(map, ob, c, n);
    if (!t0.far) /* (none hung far: nothing to try) */
        return FM_OK;
    gaps = t0.gaps - 1;
    for (int k = 0; k < 2 && !st; k++) {
        ob->near_pt = NEAR_PT * fm_label_page_scale(map), ob->near_mode = modes[k];
        st = place_all(ctx, map, cr, c, n, ob, counts);
        t = tally_of(map, ob, c, n);
        if (t.missed <= t0.missed && t.named >= t0.named && t.names + NEAR_LOSS >= t0.names &&
            t.gaps < gaps)
            best = k, gaps = t.gaps;
    }
    ob->near_pt = 0, ob->near_mode = 0;
    if (st || best == 1) /* (the last one placed is the one kept) */
        return st;
    if (best == 0)
        ob->near_pt = NEAR_PT * fm_label_page_scale(map), ob->near_mode = modes[0];
    st = place_all(ctx, map, cr, c, n, ob, counts);
    ob->near_pt = 0, ob->near_mode = 0;
    return st;
}

/* The callouts, clear of the places that must be named. */
static fm_status place_callouts(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c,
                                size_t n)
{
    double *marks = fm_malloc_array(2 * n + 1, sizeof *marks);
    size_t i, k = 0;
    if (!marks)
        return fm_error(ctx, FM_ENOMEM, "out of memory for callouts");
    for (i = 0; i < n; i++)
        if (c[i].must && c[i].p && !c[i].g)
            marks[2 * k] = c[i].x, marks[2 * k + 1] = c[i].y, k++;
    fm_callouts_place(map, cr, marks, k);
    free(marks);
    return FM_OK;
}

/* Places the names (most important first; when a guaranteed name finds no
 * room, up to three more tries with the names that missed placed first,
 * keeping the try that missed fewest), then draws everything. */
fm_status fm_labels_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    fm_label_cand *c = NULL;
    double *counts = NULL;
    size_t n = 0, missed, tries;
    obstacles ob;
    fm_status st;
    memset(&ob, 0, sizeof ob);
    fm_labels_reset(map);
    st = fm_label_cands_collect(ctx, map, &c, &n);
    if (!st && map->ncallouts) /* first, so the names keep off them */
        st = place_callouts(ctx, map, cr, c, n);
    if (!st && !(counts = counts_keep(map)))
        st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    if (!st)
        st = place_all(ctx, map, cr, c, n, &ob, counts);
    for (tries = 0; !st && tries < 3 && (missed = promote_missed(map, c, n)); tries++) {
        fm_label_cand *again = fm_malloc_array(n, sizeof *again);
        if (!again) {
            st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
            break;
        }
        memcpy(again, c, n * sizeof *c);
        fm_label_cands_sort(again, n);
        if (!(st = place_all(ctx, map, cr, again, n, &ob, counts)) &&
            promote_missed(map, again, n) < missed) {
            free(c);
            c = again;
            continue;
        }
        free(again);
        if (!st) /* no better: the earlier order again */
            st = place_all(ctx, map, cr, c, n, &ob, counts);
        break;
    }
    if (!st)
        st = place_unseeded(ctx, map, cr, c, n, &ob, counts);
    if (!st)
        st = place_near(ctx, map, cr, c, n, &ob, counts);
    if (!st) {
        draw_all(map, cr, c, n, &ob);
        fm_unnamed_draw(ctx, map, cr, c, n, &ob); /* the promised names left out, said */
    }
    obstacles_free(&ob);
    free(counts);
    free(c);
    return st;
}
