/* labelspot.h: what the label files (labels.c, labelone.c, labelseed.c,
 * labelside.c, labeldraw.c) and labelspot.c share: the names placed so
 * far, the obstacles a name is placed among, and where a point name goes
 * (labelspot.c). Private to render/. */
#ifndef FM_RENDER_LABELSPOT_H
#define FM_RENDER_LABELSPOT_H

#include "render/map_priv.h"

/* A placed label, drawn once all are placed: its text at (tx, ty), the
 * marker of a place at (x, y), and a leader from the marker when moved. */
typedef struct {
    int kind, leader;
    double x, y, tx, ty;
    fm_box box;
    PangoLayout *pl;
    int cand;          /* its candidate's index in this placement's list */
    int gone;          /* moved out of a guaranteed name's way, with no room left */
    size_t lab0, nlab; /* its boxes in the obstacles' lab (name, then marker) */
    size_t ldr0, ldr1; /* its leader's in ldr */
    size_t lrec;       /* its record in map->lrec */
} placed;

enum { NEAR_NAMES = 1, NEAR_COUNTS = 2 };

/* Hard obstacles: labels and markers (lab), the counts of combined symbols
 * (cnt), the leader lines drawn (ldr, a chain of small boxes along each);
 * soft: the symbols (sym, tagged with their index). */
typedef struct {
    fm_boxgrid lab, cnt, sym, ldr;
    placed *done;
    size_t ndone, done_cap;
    cairo_t *cr;
    double *side;   /* the Pakistan side's edges across the frame (x0, y0, x1, y1;
                     * owned), for area names of the two countries; NULL: none */
    size_t nside;
    int last;       /* the names are placed again after all (labels.c's
                     * area_again): a home province's name on two lines over
                     * the symbols too */
    double near_pt; /* > 0: a crossing or major city hung further than this
                     * on a page whose counts are spread first tries moving
                     * names or counts for room within it (labelone.c,
                     * near_by_moving; near_mode: NEAR_NAMES, NEAR_COUNTS) */
    int near_mode;
} obstacles;

static inline fm_box box_at(double cx, double cy, double w, double h)
{
    fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    return b;
}

static inline int in_frame(const fm_map *map, const fm_box *b)
{
    const fm_box *f = &map->lay.frame;
    return b->x0 >= f->x0 + 2 && b->x1 <= f->x1 - 2 && b->y0 >= f->y0 + 2 && b->y1 <= f->y1 - 2;
}

/* Whether b is clear of the hard obstacles: names, the counts of combined
 * symbols and the markers of the places that must be named. */
static inline int hard_clear(obstacles *ob, const fm_box *b)
{
    return !fm_boxgrid_hits(&ob->cnt, b) && !fm_boxgrid_hits(&ob->lab, b);
}

/* labeldraw.c: each kind's type, colour, marker and halo; the radius of a
 * kind's place marker (0: an area's name) and the rings a name of that kind
 * tries when it need not be shown. */
typedef struct {
    double size;
    int bold;
    int spacing;   /* letter spacing, Pango units */
    double rgb[3];
    double marker; /* radius; 0 for names of areas */
    int rings;     /* rings tried when the name need not be shown */
    double halo;
} fm_label_style;
const fm_label_style *fm_label_style_get(int kind);
double fm_label_marker(int kind);
int fm_label_rings(int kind);
/* Draws the placement in ob: leaders and place markers under the symbols,
 * the crossing markers of c[0..n) over them, the counts, ring labels, then
 * the names on top. */
void fm_labels_paint(fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n, obstacles *ob);

/* labelside.c: the Pakistan side of the drawn border as page edges across
 * the frame, in ob->side (none without a border). */
fm_status fm_label_side_make(fm_ctx *ctx, fm_map *map, obstacles *ob);
/* A country's or province's name (w x h) inside its polygon, clear of the
 * names (over: over the symbols too): 1 placed, 0 no room, -1 no memory. */
int fm_label_place_area(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                        double h, int over, fm_box *out);

/* labelone.c: places name c (the self-th of all, counted from 1) among the
 * obstacles and records it, placed or left out. */
fm_status fm_label_one(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *all,
                       const fm_label_cand *c, int self, obstacles *ob);
/* The gap between a placed name's box and its marker's rim. */
double fm_label_name_gap(const placed *pd);

/* labelseed.c: a placement's starting obstacles (counts under crossing
 * markers moved off them first); freed with fm_label_obstacles_free, which
 * leaves ob zeroed. */
fm_status fm_label_obstacles_seed(fm_ctx *ctx, fm_map *map, const fm_label_cand *c, size_t n,
                                  obstacles *ob);
void fm_label_obstacles_free(obstacles *ob);
/* The counts' places (x, y, tick of each symbol), kept before any placement
 * (NULL: no memory; the caller frees it) and restored before each. */
double *fm_label_counts_keep(const fm_map *map);
void fm_label_counts_restore(fm_map *map, const double *k);

/* labelspot.c */
/* The share of box b covered by incident symbols, 0 when clear. */
double fm_label_sym_cover(const fm_map *map, obstacles *ob, const fm_box *b);
/* Whether b comes within a pad of a count of combined symbols. */
int fm_label_count_near(obstacles *ob, const fm_box *b);
/* The place of a point name's box (w x h) round its marker: 1 found (*out,
 * *leader: whether it needs a leader line), 0 none. */
int fm_label_place_point(const fm_map *map, obstacles *ob, const fm_label_cand *c, double w,
                         double h, fm_box *out, int *leader);
/* What c's name in box b costs as the sweep takes a position (in rings):
 * its leader from the marker (not the rim of a symbol over it), at most lim
 * long, clear of names and leaders (it may pass under a count), the box
 * clear of them and of the counts and not by another place's marker;
 * HUGE_VAL where it may not go. *leader: whether it needs a leader line. */
double fm_label_spot_clean(const fm_map *map, obstacles *ob, const fm_label_cand *c,
                           const fm_box *b, double lim, int *leader);
/* Takes the boxes of placed name ob->done[i] (name, marker, leader) out of
 * the obstacles (labels.c then drops it from done). */
void fm_label_unfile(obstacles *ob, size_t i);
/* Whether a marker of radius r at (x, y) lies nearer a placed point name than
 * that name's own marker does (a reader would take the name for it). */
int fm_label_marker_confuses(obstacles *ob, double x, double y, double r);
/* Files the boxes of placed name ob->done[i] as obstacles, tagged as its own. */
fm_status fm_label_file_boxes(fm_ctx *ctx, obstacles *ob, size_t i, int seeded);
/* A guaranteed name within a reach that found no room: moves one or two
 * placed names out of its way (make_room; loose 1: its leader may cross a
 * name or a leader; 2: it may pass under a count, as near_by_moving's), or stacks it under the name of the place whose marker its
 * own touches (pair_up). 1 placed as
 * ob->done[ob->ndone - 1] (pd: its layout and box size; lg_x, lg_y: the
 * layout's logical origin), 0 not. */
int fm_label_make_room(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *all,
                       const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y,
                       int loose);
int fm_label_pair_up(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *all,
                     const fm_label_cand *c, int self, placed *pd, double lg_x, double lg_y);

/* The nearest place within c's reach where its leader may cross a name or
 * a leader (at a cost, as on the rings): 1 placed as done[ob->ndone - 1]. */
int fm_label_place_loose(fm_ctx *ctx, const fm_map *map, obstacles *ob, const fm_label_cand *c,
                         int self, placed *pd, double lg_x, double lg_y);

/* countroom.c */
/* Files symbol i's count and its tick (if any) as obstacles in ob->cnt,
 * tagged i. */
fm_status fm_label_file_count(fm_ctx *ctx, obstacles *ob, const fm_map *map, size_t i);
/* On a page whose counts are spread (A5): the nearest place within lim of
 * c's marker where moving up to three counts round their own circles
 * (countspot.c's places, clear of every name, marker, leader and count)
 * makes clean room for its name (pd: its layout and box size; lg_x, lg_y:
 * the layout's logical origin). 1 placed as ob->done[ob->ndone - 1], the
 * counts moved in map->symbols; 0 nothing changed. */
int fm_label_count_room(fm_ctx *ctx, fm_map *map, obstacles *ob, const fm_label_cand *c,
                        int self, placed *pd, double lg_x, double lg_y, double lim);

/* unnamed.c: after the names are drawn, a note in a corner of the frame
 * listing the crossings, major cities and guaranteed district seats the
 * placement c (n candidates) left out; nothing when it left none out. */
/* Whether record r (of the placement of c, n candidates) is a name the map
 * promised and left out: one the note lists. */
int fm_unnamed_promised(const struct fm_label_rec *r, const fm_label_cand *c, size_t n);
void fm_unnamed_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr, const fm_label_cand *c, size_t n,
                     obstacles *ob);

#endif
