/* labelone.c: one name placed: its type and text laid out, tried round its
 * marker or in its area, a size smaller or over the symbols where its kind
 * may, names or counts moved for it (labelspot.c, countroom.c), and its
 * records (the label list, the boxes drawn). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/labelspot.h"

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
    double pt = fm_label_style_get(c->kind)->size * scale * fm_label_page_scale(map);
    PangoLayout *pl = fm_text_layout(cr, text, fmax(pt, fmin(FM_NAME_MIN_PT, fm_label_style_get(c->kind)->size)),
                                     fm_label_style_get(c->kind)->bold);
    if (c->kind == FM_LK_RIVER) { /* water is named in italics */
        PangoFontDescription *fd =
            pango_font_description_copy(pango_layout_get_font_description(pl));
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
        pango_layout_set_font_description(pl, fd);
        pango_font_description_free(fd);
    }
    if (fm_label_style_get(c->kind)->spacing) { /* on the Latin line only: Arabic script joins */
        PangoAttrList *al = pango_attr_list_new();
        PangoAttribute *at = pango_attr_letter_spacing_new(fm_label_style_get(c->kind)->spacing);
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
    ok = fm_label_style_get(c->kind)->marker > 0 || (c->kind == FM_LK_DISTRICT && !c->g)
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
 * important place (markers seeded by fm_label_obstacles_seed() carry their candidate's index
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
double fm_label_name_gap(const placed *pd)
{
    double bx = fmax(pd->box.x0, fmin(pd->x, pd->box.x1)), by = fmax(pd->box.y0, fmin(pd->y, pd->box.y1));
    return fmax(0, hypot(bx - pd->x, by - pd->y) - fm_label_style_get(pd->kind)->marker - 0.6);
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
        fm_label_name_gap(pd) <= ob->near_pt)
        return 0;
    near.reach_pt = ob->near_pt;
    return ((ob->near_mode & NEAR_NAMES) &&
            fm_label_make_room(ctx, map, ob, all, &near, self, &alt, lg_x, lg_y, 2)) ||
           ((ob->near_mode & NEAR_COUNTS) &&
            fm_label_count_room(ctx, map, ob, &near, self, &alt, lg_x, lg_y, ob->near_pt));
}

fm_status fm_label_one(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *all,
                           const fm_label_cand *c, int self, obstacles *ob)
{
    char text[256];
    placed pd;
    double r = fm_label_style_get(c->kind)->marker;
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
