/* districtframe.c: what a map under a district filter (--admin2 without
 * --region or --bbox) frames: the district's polygons (its own, or the ones
 * that cover a name no polygon draws, choro.c's hosts), their box with a
 * margin at a minimum size, widened to the incidents filed under the
 * district a little outside it; the map veils the land beyond the polygons
 * and names the district in its title. map, heatmap and monthly all frame
 * through fm_cli_district_frame_apply (heatmap and monthly by way of
 * fm_cli_district_frame_store, which reads the points from the store). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

#define KM_PER_DEG 111.32
#define MIN_SIDE_KM 60.0  /* a district smaller than this is framed at this */
#define MARGIN_FRAC 0.08  /* of each side, at least MARGIN_KM */
#define MARGIN_KM 6.0
#define NEAR_KM 30.0      /* incidents this far outside the polygons' box still framed */

/* Whether d is one of the districts a filter on name covers, in country and
 * admin1 when given ("" otherwise). */
static int names_district(const fm_place *d, const char *name, const char *cc,
                          const char *admin1)
{
    return !strcasecmp(d->name, name) && (!*cc || !strcmp(d->country, cc)) &&
           (!*admin1 || !strcasecmp(d->admin1, admin1));
}

/* Adds the polygons of today's Pakistani districts that cover the name
 * (a name from before a split, or one no source draws) to fr. */
static void add_hosts(const fm_gazetteer *gz, const char *name, fm_cli_district_frame *fr)
{
    const char *within = fm_cli_district_hosts(name, NULL);
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; within && i < nd && fr->n < FM_CLI_FRAME_MAX; i++) {
        const fm_place *s = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        const fm_area *sa;
        if (!s || strcmp(s->country, "PK") || !fm_name_in_list(s->name, within) ||
            !(sa = fm_gazetteer_area_of(gz, s)) || !sa->geom || sa->former)
            continue;
        fr->geoms[fr->n++] = sa->geom;
    }
}

/* Adds the polygon of district d to fr, and its hosts' in Pakistan unless
 * it is a former district's (which holds its successors already). */
static void add_district(const fm_gazetteer *gz, const fm_place *d, fm_cli_district_frame *fr)
{
    const fm_area *a = fm_gazetteer_area_of(gz, d);
    if (a && a->geom && fr->n < FM_CLI_FRAME_MAX)
        fr->geoms[fr->n++] = a->geom;
    if (!(a && a->former) && !strcmp(d->country, "PK"))
        add_hosts(gz, d->name, fr);
}

/* The box (w, s, e, n) of fr's polygons. */
static void polygons_box(const fm_cli_district_frame *fr, double box[4])
{
    box[0] = box[1] = HUGE_VAL, box[2] = box[3] = -HUGE_VAL;
    for (size_t i = 0; i < fr->n; i++) {
        box[0] = fmin(box[0], fr->geoms[i]->west), box[1] = fmin(box[1], fr->geoms[i]->south);
        box[2] = fmax(box[2], fr->geoms[i]->east), box[3] = fmax(box[3], fr->geoms[i]->north);
    }
}

/* How many of the points lie within km of box. */
static size_t points_near(const double box[4], const fm_map_point *pts, size_t npts, double km)
{
    double ky = km / KM_PER_DEG, kx = ky / cos((box[1] + box[3]) / 2 * M_PI / 180);
    size_t n = 0;
    for (size_t i = 0; i < npts; i++)
        n += pts[i].lon >= box[0] - kx && pts[i].lon <= box[2] + kx &&
             pts[i].lat >= box[1] - ky && pts[i].lat <= box[3] + ky;
    return n;
}

/* Takes fr for out when more of the points lie in its polygons' box than in
 * those of the candidate taken so far (*best_n, one more than the count). */
static void consider(const fm_cli_district_frame *fr, const char *name,
                     const fm_map_point *pts, size_t npts, size_t *best_n,
                     fm_cli_district_frame *out)
{
    double box[4];
    size_t n;
    if (!fr->n)
        return;
    polygons_box(fr, box);
    if ((n = points_near(box, pts, npts, 0) + 1) <= *best_n)
        return;
    *best_n = n;
    memcpy(out->geoms, fr->geoms, sizeof fr->geoms);
    out->n = fr->n;
    snprintf(out->name, sizeof out->name, "%s", name);
}

/* The frame around box: the points within NEAR_KM of it taken in, a margin
 * added, then each side grown to MIN_SIDE_KM about the middle. */
static void frame_box(const double box[4], const fm_map_point *pts, size_t npts, double e[4])
{
    double ky = NEAR_KM / KM_PER_DEG, kx = ky / cos((box[1] + box[3]) / 2 * M_PI / 180);
    double kmx = KM_PER_DEG * cos((box[1] + box[3]) / 2 * M_PI / 180), mx, my, w, h;
    memcpy(e, box, 4 * sizeof *e);
    for (size_t i = 0; i < npts; i++)
        if (pts[i].lon >= box[0] - kx && pts[i].lon <= box[2] + kx &&
            pts[i].lat >= box[1] - ky && pts[i].lat <= box[3] + ky) {
            e[0] = fmin(e[0], pts[i].lon), e[1] = fmin(e[1], pts[i].lat);
            e[2] = fmax(e[2], pts[i].lon), e[3] = fmax(e[3], pts[i].lat);
        }
    mx = fmax((e[2] - e[0]) * MARGIN_FRAC, MARGIN_KM / kmx);
    my = fmax((e[3] - e[1]) * MARGIN_FRAC, MARGIN_KM / KM_PER_DEG);
    e[0] -= mx, e[2] += mx, e[1] -= my, e[3] += my;
    w = fmax(0, MIN_SIDE_KM / kmx - (e[2] - e[0])) / 2;
    h = fmax(0, MIN_SIDE_KM / KM_PER_DEG - (e[3] - e[1])) / 2;
    e[0] -= w, e[2] += w, e[1] -= h, e[3] += h;
}

fm_status fm_cli_district_frame_find(fm_ctx *ctx, const fm_gazetteer *gz, const fm_filter *f,
                                     const fm_map_point *pts, size_t npts,
                                     fm_cli_district_frame *out)
{
    fm_admin_names *an;
    fm_admin_canon c;
    char cc[3] = "", admin1[128] = "";
    size_t nd, best_n = 0;
    int pk_seen = 0;
    fm_cli_district_frame fr;
    fm_status st;
    memset(out, 0, sizeof *out);
    if (!f->admin2 || !gz)
        return FM_OK;
    if (!(an = fm_admin_names_create(ctx)))
        return FM_ENOMEM;
    if ((st = fm_admin_names_canon(ctx, an, f->country, f->admin1, f->admin2, &c))) {
        fm_admin_names_destroy(an);
        return st;
    }
    snprintf(out->name, sizeof out->name, "%s", c.admin2);
    snprintf(cc, sizeof cc, "%s", f->country ? fm_country_code(f->country) : "");
    if (f->admin1)
        snprintf(admin1, sizeof admin1, "%s", c.admin1);
    fm_admin_names_destroy(an);
    /* one district of that name per country and province: the one holding
     * the most of the incidents (Kohistan is a district of Badakhshan, one of
     * Faryab and a name of Pakistan's from before its split) */
    nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *d = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        if (!d || !names_district(d, out->name, cc, admin1))
            continue;
        pk_seen |= !strcmp(d->country, "PK");
        memset(&fr, 0, sizeof fr);
        add_district(gz, d, &fr);
        consider(&fr, d->name, pts, npts, &best_n, out);
    }
    if (!pk_seen && (!*cc || !strcmp(cc, "PK"))) { /* a Pakistani name no entry carries */
        memset(&fr, 0, sizeof fr);
        char name[sizeof out->name];
        snprintf(name, sizeof name, "%s", out->name);
        add_hosts(gz, name, &fr);
        consider(&fr, name, pts, npts, &best_n, out);
    }
    if (out->n) {
        double box[4];
        polygons_box(out, box);
        frame_box(box, pts, npts, out->extent);
        for (size_t i = 0; i < npts; i++)
            out->beyond += !(pts[i].lon >= out->extent[0] && pts[i].lon <= out->extent[2] &&
                             pts[i].lat >= out->extent[1] && pts[i].lat <= out->extent[3]);
    }
    return FM_OK;
}

fm_status fm_cli_district_frame_apply(fm_ctx *ctx, const fm_gazetteer *gz, const fm_filter *f,
                                      const fm_map_point *pts, size_t npts, fm_map_opts *mo,
                                      fm_cli_district_frame *out)
{
    fm_status st;
    memset(out, 0, sizeof *out);
    if (mo->has_extent || !f->admin2 || f->has_bbox)
        return FM_OK;
    if ((st = fm_cli_district_frame_find(ctx, gz, f, pts, npts, out)) || !out->n)
        return st;
    mo->has_extent = 1;
    mo->west = out->extent[0], mo->south = out->extent[1];
    mo->east = out->extent[2], mo->north = out->extent[3];
    mo->focus = out->geoms, mo->nfocus = out->n;
    return FM_OK;
}

fm_status fm_cli_district_frame_note(fm_ctx *ctx, const fm_cli_district_frame *df, fm_buf *note)
{
    if (df->n && df->beyond)
        fm_buf_printf(ctx, note, "%s%zu incident%s filed under %s but placed more than "
                      "30 km outside it", note->len ? ". " : "", df->beyond,
                      df->beyond == 1 ? "" : "s", df->name);
    return fm_buf_check(ctx, note);
}

fm_status fm_cli_district_frame_store(fm_ctx *ctx, fm_store *st, const fm_gazetteer *gz,
                                      fm_filter *f, fm_day since, fm_day until,
                                      fm_map_opts *mo, fm_cli_district_frame *out)
{
    fm_filter q = *f;
    fm_points *p = NULL;
    fm_map_point *pts;
    fm_status s;
    memset(out, 0, sizeof *out);
    if (mo->has_extent || !f->admin2 || f->has_bbox)
        return FM_OK;
    q.since = since, q.until = until;
    fm_filter_spatial_default(&q);
    q.loc_mask &= ~FM_LOC_BIT(FM_LOC_NONE); /* the points a heatmap takes */
    if ((s = fm_store_query_points(ctx, st, &q, 0, &p)))
        return s;
    if (!(pts = fm_malloc_array(p->n ? p->n : 1, sizeof *pts))) {
        fm_points_destroy(p);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < p->n; i++) {
        memset(&pts[i], 0, sizeof pts[i]);
        pts[i].lon = p->lonlat[2 * i], pts[i].lat = p->lonlat[2 * i + 1];
    }
    s = fm_cli_district_frame_apply(ctx, gz, f, pts, p->n, mo, out);
    if (!s && out->n) { /* the density and its counts are the frame's, as a map's */
        f->has_bbox = 1;
        f->west = out->extent[0], f->south = out->extent[1];
        f->east = out->extent[2], f->north = out->extent[3];
    }
    free(pts);
    fm_points_destroy(p);
    return s;
}
