/* region.c: the named map extents that `map` and `heatmap` accept with
 * --region (frontier, kp, balochistan, agencies and Afghan provinces along
 * the border). A region named after a province follows the province's
 * polygon in the basemap (data/basemap/provinces.geojson), so `--region kp`
 * takes in no part of Punjab or Kashmir; the others are lon/lat boxes. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    double w, s, e, n;
} regions[] = {
    {"kp", 69.0, 30.9, 74.3, 37.1},
    {"balochistan", 60.8, 24.8, 70.4, 32.2}, {"khyber", 70.6, 33.7, 71.7, 34.4},
    {"waziristan", 69.1, 31.9, 70.8, 33.3},  {"kurram", 69.6, 33.3, 70.7, 34.1},
    {"bajaur", 71.0, 34.5, 71.9, 35.0},      {"mohmand", 70.9, 34.2, 71.7, 34.7},
    {"paktika", 67.4, 31.6, 69.8, 33.5},     {"paktia", 68.8, 33.2, 70.2, 34.1},
    {"khost", 69.4, 33.0, 70.4, 33.7},       {"kunar", 70.5, 34.4, 71.7, 35.5},
    {"kandahar", 64.6, 30.3, 67.6, 32.4},    {"nangarhar", 69.7, 33.8, 71.4, 34.6},
    {"chaman", 66.0, 30.6, 66.9, 31.2},
};

/* Short region names of provinces; any spelling of a province works too. */
static const struct {
    const char *name, *province;
} province_regions[] = {
    {"kp", "Khyber Pakhtunkhwa"}, {"balochistan", "Balochistan"}, {"paktika", "Paktika"},
    {"paktia", "Paktia"},         {"khost", "Khost"},             {"kunar", "Kunar"},
    {"kandahar", "Kandahar"},     {"nangarhar", "Nangarhar"},
};

fm_status fm_cli_region_province(fm_ctx *ctx, const char *name, char *out, size_t cap)
{
    fm_admin_names *an;
    fm_admin_canon c;
    fm_status st;
    *out = '\0';
    for (size_t i = 0; i < sizeof province_regions / sizeof province_regions[0]; i++)
        if (!strcasecmp(province_regions[i].name, name)) {
            snprintf(out, cap, "%s", province_regions[i].province);
            return FM_OK;
        }
    if (!(an = fm_admin_names_create(ctx)))
        return FM_ENOMEM;
    if (!(st = fm_admin_names_canon(ctx, an, NULL, name, NULL, &c)) && c.admin1_known)
        snprintf(out, cap, "%s", c.admin1);
    fm_admin_names_destroy(an);
    return st;
}

fm_status fm_cli_region_apply(fm_ctx *ctx, const fm_basemap *bm, const char *province,
                              fm_filter *f, fm_map_opts *mo, double extent[4])
{
    size_t n = fm_basemap_count(bm, FM_LAYER_PROVINCES);
    for (size_t i = 0; i < n; i++) {
        const char *name = NULL, *cc = NULL;
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, &name, &cc);
        double mx, my;
        if (!g || !name || strcmp(name, province))
            continue;
        f->within = g;
        mo->subject = g; /* its seats are named first */
        mo->subject_country = cc;
        f->has_bbox = 1;
        f->west = g->west, f->south = g->south, f->east = g->east, f->north = g->north;
        /* the map shows a little around the province */
        mx = (g->east - g->west) * 0.04, my = (g->north - g->south) * 0.04;
        extent[0] = g->west - mx, extent[1] = g->south - my;
        extent[2] = g->east + mx, extent[3] = g->north + my;
        return FM_OK;
    }
    return fm_error(ctx, FM_ENOTFOUND, "the basemap has no province '%s'", province);
}

int fm_cli_province_frame(fm_ctx *ctx, const fm_basemap *bm, const char *admin1, fm_cli_page *p)
{
    char name[sizeof p->province];
    fm_filter scratch;
    double e[4];
    size_t i, n = fm_basemap_count(bm, FM_LAYER_PROVINCES);
    if (fm_cli_region_province(ctx, admin1, name, sizeof name) || !name[0])
        return 0;
    for (i = 0; i < n; i++) { /* (asked first: region_apply's miss is an error) */
        const char *pn = NULL;
        if (fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, &pn, NULL) && pn && !strcmp(pn, name))
            break;
    }
    memset(&scratch, 0, sizeof scratch);
    if (i == n || fm_cli_region_apply(ctx, bm, name, &scratch, &p->mo, e))
        return 0;
    p->mo.has_extent = 1;
    p->mo.west = e[0], p->mo.south = e[1], p->mo.east = e[2], p->mo.north = e[3];
    snprintf(p->province, sizeof p->province, "%s", name);
    return 1;
}

int fm_cli_region_find(const char *name, double bbox[4])
{
    size_t i;
    if (name && !strcasecmp(name, "frontier")) { /* the default extent, geo's */
        fm_frontier_bbox(bbox);
        return 1;
    }
    for (i = 0; name && i < sizeof regions / sizeof regions[0]; i++)
        if (!strcasecmp(regions[i].name, name)) {
            bbox[0] = regions[i].w, bbox[1] = regions[i].s;
            bbox[2] = regions[i].e, bbox[3] = regions[i].n;
            return 1;
        }
    return 0;
}

/* How titles name the regions of --region (the names of regions[]). */
static const struct {
    const char *key, *where;
} region_titles[] = {
    {"frontier", "on the Afghanistan\u2013Pakistan frontier"},
    {"khyber", "in Khyber and around Torkham"},
    {"waziristan", "in North and South Waziristan"},
    {"kurram", "in Kurram"},
    {"bajaur", "in Bajaur"},
    {"mohmand", "in Mohmand"},
    {"paktia", "in Paktia"},
    {"khost", "in Khost"},
    {"kunar", "in Kunar"},
    {"kandahar", "in Kandahar"},
    {"nangarhar", "in Nangarhar"},
    {"chaman", "around Chaman and Spin Boldak"},
};

void fm_cli_region_where(const fm_cli_page *p, int frontier, int year, char *out, size_t cap)
{
    size_t i;
    if (p->province[0]) { /* the province's polygon: nothing across the border */
        char then[200];
        fm_province_title_then(p->province, year, then, sizeof then);
        snprintf(out, cap, "in %s", then);
        return;
    }
    for (i = 0; p->region && i < sizeof region_titles / sizeof region_titles[0]; i++)
        if (!strcasecmp(p->region, region_titles[i].key)) {
            snprintf(out, cap, "%s", region_titles[i].where);
            return;
        }
    if (p->region)
        snprintf(out, cap, "in the %s region", p->region);
    else
        snprintf(out, cap, "%s", frontier ? region_titles[0].where : "");
}

/* Whether town p is a district's seat: a district row's seat within
 * SEAT_KM of it (kx: km per degree of longitude there). */
#define SEAT_KM 1.5
static int town_is_seat(const fm_gazetteer *gz, const fm_place *p, double kx)
{
    for (size_t i = 0; i < fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT); i++) {
        const fm_place *d = fm_gazetteer_get(gz, fm_gazetteer_index_kind(gz, FM_PLACE_DISTRICT, i));
        if (d && !isnan(d->seat_lon) &&
            hypot((d->seat_lon - p->lon) * kx, (d->seat_lat - p->lat) * 111.32) <= SEAT_KM)
            return 1;
    }
    return 0;
}

/* The place a --bbox view is about, for its title: the border crossing,
 * city or town nearest the box's middle, a crossing or city preferred to a
 * town a little nearer and a district's seat to another town (SEAT_RANK),
 * within 70% of the way to its nearest edge; "" for a box wider than 250 km
 * (a region, not a place) or without such a place. A box round Parachinar,
 * Kurram's seat 7 km from its middle, was titled after the Kharlachi
 * crossing 18 km off, and one round Khar, Bajaur's seat, after the village
 * of Shin Kot. */
#define SEAT_RANK 0.5
void fm_cli_bbox_where(const fm_gazetteer *gz, const double box[4], char *out, size_t cap)
{
    static const struct { fm_place_kind kind; double rank; } kinds[] = {
        {FM_PLACE_CROSSING, 0}, {FM_PLACE_CITY, 0.3}, {FM_PLACE_TOWN, 1}};
    double lat0 = (box[1] + box[3]) / 2, lon0 = (box[0] + box[2]) / 2, kx = 111.32 * cos(lat0 * M_PI / 180);
    double half_km = fmin((box[2] - box[0]) * kx, (box[3] - box[1]) * 111.32) / 2, best = HUGE_VAL;
    const fm_place *pick = NULL;
    *out = '\0';
    if (!gz || fmax((box[2] - box[0]) * kx, (box[3] - box[1]) * 111.32) > 250 || half_km <= 0)
        return;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t i = 0; i < fm_gazetteer_count_kind(gz, kinds[k].kind); i++) {
            const fm_place *p = fm_gazetteer_get(gz, fm_gazetteer_index_kind(gz, kinds[k].kind, i));
            double d, score;
            if (!p || isnan(p->lon) || p->lon < box[0] || p->lon > box[2] || p->lat < box[1] ||
                p->lat > box[3])
                continue;
            d = hypot((p->lon - lon0) * kx, (p->lat - lat0) * 111.32) / half_km;
            score = kinds[k].rank + 2 * d;
            if (kinds[k].kind == FM_PLACE_TOWN && d <= 0.7 && SEAT_RANK + 2 * d < best &&
                town_is_seat(gz, p, kx))
                score = SEAT_RANK + 2 * d;
            if (d <= 0.7 && score < best)
                best = score, pick = p;
        }
    if (pick && pick->kind == FM_PLACE_CROSSING)
        snprintf(out, cap, "around the %s crossing", pick->name);
    else if (pick)
        snprintf(out, cap, "around %s", pick->name);
}
