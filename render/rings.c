/* rings.c: buffer rings for reports ("everything within 25 km of Torkham"):
 * the geodesic circle of the radius around the place, sampled every 2
 * degrees of azimuth through fm_geod_direct, so it is true on the ground
 * whatever the projection does to it, drawn as a dark dashed line on a
 * white halo, with its label ("Torkham 25 km") at the top of the ring, or
 * where the ring is in the frame nearest its top. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/map_priv.h"

static void ring_path(fm_map *map, cairo_t *cr, size_t i)
{
    int k, started = 0;
    for (k = 0; k <= 180; k++) {
        double lon, lat, x, y;
        fm_geod_direct(map->rings[i].lon, map->rings[i].lat, k * 2.0, map->rings[i].radius_m,
                       &lon, &lat);
        if (!fm_map_lonlat_page(map, lon, lat, &x, &y))
            continue;
        if (started)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
        started = 1;
    }
    if (started)
        cairo_close_path(cr);
}

void fm_rings_draw(fm_map *map, cairo_t *cr)
{
    static const double dash[] = {4, 2};
    const fm_halo_line ring = {{1, 1, 1, 0.85}, 2.4, {0.15, 0.15, 0.25}, 0.9, dash, 2, 0};
    size_t i;
    double x, y;
    for (i = 0; i < map->nrings; i++) {
        ring_path(map, cr, i);
        fm_stroke_haloed(cr, &ring);
        if (fm_map_lonlat_page(map, map->rings[i].lon, map->rings[i].lat, &x, &y)) {
            cairo_arc(cr, x, y, 1.2, 0, 2 * M_PI); /* the centre */
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.25);
            cairo_fill(cr);
        }
    }
}

/* The azimuths tried, the top of the ring first, then round it either way:
 * a ring whose top lies off the frame (Torkham's 25 km in a 45 km box) was
 * drawn without its label. */
static const double label_az[] = {0, 30, -30, 60, -60, 90, -90, 120, -120, 150, -150, 180};

/* The label's box at azimuth az, out pt beyond the ring (0: centred on the
 * line, as on a wide ring; further: clear of a small ring and what it
 * holds), and the ring's point there (p); 0 when it is not on the page. */
static int box_at_az(fm_map *map, size_t i, double az, double out, double w, double h,
                     fm_box *b, double p[2])
{
    double lon, lat, x, y, cx, cy;
    fm_geod_direct(map->rings[i].lon, map->rings[i].lat, az, map->rings[i].radius_m, &lon, &lat);
    if (!fm_map_lonlat_page(map, lon, lat, &x, &y) ||
        !fm_map_lonlat_page(map, map->rings[i].lon, map->rings[i].lat, &cx, &cy))
        return 0;
    p[0] = x, p[1] = y;
    if (out > 0) { /* the box's side nearest the ring out pt from it, along the radius */
        double dx = x - cx, dy = y - cy, d = hypot(dx, dy);
        double ux = d > 0 ? dx / d : 0, uy = d > 0 ? dy / d : -1;
        double t = fmin(w / 2 / fmax(fabs(ux), 1e-9), h / 2 / fmax(fabs(uy), 1e-9));
        x += ux * (t + out), y += uy * (t + out);
    }
    b->x0 = x - w / 2, b->x1 = x + w / 2, b->y0 = y - h / 2, b->y1 = y + h / 2;
    return 1;
}

static int in_frame(const fm_map *map, const fm_box *b)
{
    const fm_box *f = &map->lay.frame;
    return b->x0 >= f->x0 + 2 && b->x1 <= f->x1 - 2 && b->y0 >= f->y0 + 2 && b->y1 <= f->y1 - 2;
}

/* From the ring's point p to the nearest point of b (seg: x0, y0, x1, y1). */
static void leader_of(const double p[2], const fm_box *b, double seg[4])
{
    seg[0] = p[0], seg[1] = p[1];
    seg[2] = fmax(b->x0, fmin(p[0], b->x1)), seg[3] = fmax(b->y0, fmin(p[1], b->y1));
}

/* Counts and markers (hard, cnt) the leader seg runs through. */
static double leader_hits(fm_boxgrid *hard, fm_boxgrid *cnt, const double seg[4])
{
    double len = hypot(seg[2] - seg[0], seg[3] - seg[1]), n = 0;
    int steps = (int)(len / 2) + 1;
    for (int k = 1; k < steps; k++) { /* not the ends: the ring's and the label's */
        double t = (double)k / steps, x = seg[0] + t * (seg[2] - seg[0]), y = seg[1] + t * (seg[3] - seg[1]);
        fm_box b = {x - 0.6, y - 0.6, x + 0.6, y + 0.6};
        n += (double)(fm_boxgrid_query(hard, &b, NULL, 0) + fm_boxgrid_query(cnt, &b, NULL, 0));
    }
    return n;
}

/* The label in form 0 (as given: "Torkham 25 km"), 1 (the place over the
 * radius) or 2 (the radius alone: the ring's centre is named at its
 * marker); 0 when the label has no such form (no place in it). */
static int form_text(const char *label, int form, char *out, size_t cap)
{
    const char *km = strrchr(label, ' '), *sp = NULL;
    for (const char *p = label; km && p < km; p++) /* the space before the figure */
        if (*p == ' ')
            sp = p;
    if (form == 0 || !sp) {
        snprintf(out, cap, "%s", label);
        return form == 0;
    }
    if (form == 1)
        snprintf(out, cap, "%.*s\n%s", (int)(sp - label), label, sp + 1);
    else
        snprintf(out, cap, "%s", sp + 1);
    return 1;
}

static PangoLayout *form_layout(cairo_t *cr, const char *label, int form)
{
    char t[320];
    form_text(label, form, t, sizeof t);
    PangoLayout *pl = fm_text_layout(cr, t, 6.4, 1);
    if (form == 1)
        pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    return pl;
}

void fm_ring_label_choose(fm_map *map, cairo_t *cr, size_t i, fm_boxgrid *hard, fm_boxgrid *cnt,
                          fm_boxgrid *sym)
{
    /* on the line, then just outside, then further out on a leader (as far
     * as a callout goes, in a crowd on a small page): a label over a count
     * or a place's marker is never taken where another is clear of them,
     * nor a leader through them (drawn under them, as the names' leaders
     * are: out of a crowd it may have to); then the fewest symbols under the label,
     * the nearest the ring, the nearest the top; on two lines or the radius
     * alone (the centre is named at its marker) before over a count */
    static const double outs[] = {0, 1.5, 8, 16, 26, 38, 52, 70, 95, 125};
    double best = HUGE_VAL;
    map->rings[i].label_chosen = -1, map->rings[i].has_leader = 0, map->rings[i].label_form = 0;
    for (int form = 0; form < 3; form++) { /* narrower forms where the whole finds no room */
        char t[320];
        PangoRectangle ink, lg;
        PangoLayout *pl;
        if (!form_text(map->rings[i].label, form, t, sizeof t))
            break;
        pl = form_layout(cr, map->rings[i].label, form);
        pango_layout_get_pixel_extents(pl, &ink, &lg);
        g_object_unref(pl);
        for (size_t o = 0; o < sizeof outs / sizeof outs[0]; o++)
            for (size_t k = 0; k < sizeof label_az / sizeof label_az[0]; k++) {
                fm_box b, pad;
                double cost, p[2], seg[4];
                if (!box_at_az(map, i, label_az[k], outs[o], lg.width, lg.height, &b, p) ||
                    !in_frame(map, &b))
                    continue;
                pad = (fm_box){b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1}; /* the halo */
                leader_of(p, &b, seg);
                cost = 1000.0 * (double)(fm_boxgrid_query(hard, &pad, NULL, 0) +
                                         fm_boxgrid_query(cnt, &pad, NULL, 0)) +
                       100.0 * (outs[o] > 2 ? leader_hits(hard, cnt, seg) : 0) +
                       30.0 * (double)fm_boxgrid_query(sym, &pad, NULL, 0) + outs[o] + (double)k +
                       40.0 * form;
                if (cost < best) {
                    best = cost, map->rings[i].label_box = b, map->rings[i].label_chosen = 1;
                    map->rings[i].has_leader = outs[o] > 2, map->rings[i].label_form = form;
                    memcpy(map->rings[i].leader, seg, sizeof seg);
                }
            }
    }
}

void fm_ring_leader_draw(const fm_map *map, cairo_t *cr, size_t i)
{
    static const fm_halo_line leader = {{1, 1, 1, 0.85}, 1.6, {0.15, 0.15, 0.25}, 0.45, NULL, 0, 0};
    const double *s = map->rings[i].leader;
    if (map->rings[i].label_chosen != 1 || !map->rings[i].has_leader)
        return;
    cairo_move_to(cr, s[0], s[1]);
    cairo_line_to(cr, s[2], s[3]);
    fm_stroke_haloed(cr, &leader);
}

int fm_ring_label_box(fm_map *map, cairo_t *cr, size_t i, fm_box *b, PangoLayout **pl)
{
    PangoRectangle ink, lg;
    *pl = form_layout(cr, map->rings[i].label,
                      map->rings[i].label_chosen == 1 ? map->rings[i].label_form : 0);
    pango_layout_get_pixel_extents(*pl, &ink, &lg);
    if (map->rings[i].label_chosen == 1) {
        *b = map->rings[i].label_box;
        return 1;
    }
    for (size_t k = 0; !map->rings[i].label_chosen && k < sizeof label_az / sizeof label_az[0]; k++)
        if (box_at_az(map, i, label_az[k], 0, lg.width, lg.height, b, (double[2]){0, 0}) &&
            in_frame(map, b))
            return 1;
    g_object_unref(*pl);
    *pl = NULL;
    return 0;
}

int fm_map_ring_info(const fm_map *map, size_t i, double box[4], double pt[2], int *leader,
                     char *text, size_t cap)
{
    const fm_box *b;
    if (i >= map->nrings || map->rings[i].label_chosen != 1)
        return 0;
    b = &map->rings[i].label_box;
    box[0] = b->x0, box[1] = b->y0, box[2] = b->x1, box[3] = b->y1;
    pt[0] = map->rings[i].leader[0], pt[1] = map->rings[i].leader[1];
    *leader = map->rings[i].has_leader;
    form_text(map->rings[i].label, map->rings[i].label_form, text, cap);
    return 1;
}
