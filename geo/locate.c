/* locate.c: reverse geocoding: from a point to its country and province
 * (point in polygon on the basemap), the district whose area holds it and the
 * nearest border crossing (gazetteer) and the distance to the Durand Line
 * with its side. */
#include <math.h>
#include <string.h>

#include "geo/fm_geo.h"
#include "geo/geo_priv.h"

#define DEG (M_PI / 180)
#define UNCERTAIN_KM 0.1 /* the simplified polygons may err this near the line */

/* The cheap distance for ranking gazetteer entries (fm_geod_approx_m, within
 * 0.05% at frontier distances); the exact geodesic is then taken for every
 * entry ranked within 2% of the best. */
static double approx_km(double lon, double lat, double lon2, double lat2)
{
    return fm_geod_approx_m(lon, lat, lon2, lat2) / 1000;
}

/* The nearest gazetteer entry of a kind (and country, when given). */
static const fm_place *nearest_place(const fm_gazetteer *gz, fm_place_kind kind,
                                     const char *country, double lon, double lat, double *km)
{
    size_t i, n = fm_gazetteer_count_kind(gz, kind);
    double best_approx = HUGE_VAL, best = HUGE_VAL;
    const fm_place *hit = NULL;
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, kind, i);
        double a;
        if (country && strcmp(p->country, country))
            continue;
        if ((a = approx_km(lon, lat, p->lon, p->lat)) < best_approx)
            best_approx = a;
    }
    for (i = 0; i < n && best_approx < HUGE_VAL; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, kind, i);
        double d;
        if ((country && strcmp(p->country, country)) ||
            approx_km(lon, lat, p->lon, p->lat) > best_approx * 1.02 + 0.5)
            continue;
        d = fm_geod_inverse(lon, lat, p->lon, p->lat, NULL) / 1000;
        if (d < best)
            best = d, hit = p;
    }
    *km = hit ? best : NAN;
    return hit;
}

/* The district holding the point: its area; else the nearest area within
 * FM_NEAR_AREA_KM (the two countries' district sets come from different
 * sources and leave slivers along the border); else the nearest seat of a
 * district that has no area. */
static void find_district(const fm_gazetteer *gz, const char *country, double lon, double lat,
                          fm_location *out)
{
    const fm_area *a = fm_gazetteer_area_at(gz, lon, lat, country);
    size_t i, n = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    double best = HUGE_VAL;
    if (a) {
        out->district = a->district, out->district_km = 0;
        out->district_basis = FM_DISTRICT_AREA, out->district_approximate = a->approximate;
        return;
    }
    for (i = 0; i < n; i++) {
        const fm_place *d = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        const fm_area *da;
        double km;
        if (strcmp(d->country, country) || !(da = fm_gazetteer_area_of(gz, d)) ||
            da->former || approx_km(lon, lat, d->lon, d->lat) > 400)
            continue;
        if ((km = fm_area_distance_km(da, lon, lat)) < best && km <= FM_NEAR_AREA_KM) {
            best = km, a = da;
        }
    }
    if (a) {
        out->district = a->district, out->district_km = best;
        out->district_basis = FM_DISTRICT_NEAR_AREA, out->district_approximate = a->approximate;
        return;
    }
    if ((out->district = nearest_place(gz, FM_PLACE_DISTRICT, country, lon, lat,
                                       &out->district_km)))
        out->district_basis = FM_DISTRICT_SEAT;
}

/* The province containing the point, preferring one of the point's country:
 * Natural Earth's provinces and OSM's border disagree by up to a few hundred
 * metres, and a Pakistani point must not get an Afghan province. */
static const char *find_province(const fm_basemap *bm, const char *country, double lon,
                                 double lat)
{
    size_t i, n = fm_basemap_count(bm, FM_LAYER_PROVINCES);
    const char *any = NULL;
    for (i = 0; i < n; i++) {
        const char *name, *c;
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_PROVINCES, i, &name, &c);
        if (!fm_geom_contains(g, lon, lat))
            continue;
        if (!country || (c && !strcmp(c, country)))
            return name;
        any = any ? any : name;
    }
    return country ? NULL : any;
}

/* Planar distance (km) from the point to segment ab in the frame of
 * fm_geod_approx_m at the point (kx, ky: km a degree of longitude and of
 * latitude there): within a fraction of a percent at these distances. */
static double seg_km(const double *a, const double *b, double lon, double lat, double kx,
                     double ky)
{
    double ax = (a[0] - lon) * kx, ay = (a[1] - lat) * ky;
    double dx = (b[0] - a[0]) * kx, dy = (b[1] - a[1]) * ky, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0)
        t = fmin(1, fmax(0, -(ax * dx + ay * dy) / l2));
    return hypot(ax + t * dx, ay + t * dy);
}

/* Distance (km) from the point to the outline of a polygon (every ring);
 * declared in geo_priv.h, also used for district areas. */
double fm_geom_outline_km(const fm_geom *g, double lon, double lat)
{
    double best = HUGE_VAL, kx, ky;
    size_t p, i;
    fm_geod_scale(lat, &kx, &ky);
    kx /= 1000, ky /= 1000;
    for (p = 0; p < g->nparts; p++) {
        size_t s = g->part_start[p], e = g->part_start[p + 1];
        for (i = s; i < e; i++)
            best = fmin(best, seg_km(g->xy + 2 * i, g->xy + 2 * (i + 1 < e ? i + 1 : s),
                                     lon, lat, kx, ky));
    }
    return best;
}

/* The ISO2 of the AF or PK polygon nearer to the point (owned by the basemap),
 * or NULL when the basemap has neither. */
static const char *nearer_side(const fm_basemap *bm, double lon, double lat)
{
    size_t i, n = fm_basemap_count(bm, FM_LAYER_COUNTRIES);
    const char *best = NULL;
    double best_km = HUGE_VAL, d;
    for (i = 0; i < n; i++) {
        const char *name;
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_COUNTRIES, i, &name, NULL);
        if ((!strcmp(name, "AF") || !strcmp(name, "PK")) &&
            (d = fm_geom_outline_km(g, lon, lat)) < best_km)
            best_km = d, best = name;
    }
    return best;
}

static int is_af_pk(const char *iso2)
{
    return iso2 && (!strcmp(iso2, "PK") || !strcmp(iso2, "AF"));
}

fm_status fm_locate(fm_ctx *ctx, const fm_basemap *bm, const fm_gazetteer *gz, double lon,
                    double lat, fm_location *out)
{
    size_t ci;
    const char *side;
    memset(out, 0, sizeof *out);
    out->district_km = out->crossing_km = out->border_km = NAN;
    if (!bm)
        return fm_error(ctx, FM_EINVAL, "no basemap given");
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        return fm_error(ctx, FM_ERANGE, "invalid coordinates %g,%g", lat, lon);
    ci = fm_basemap_find(bm, FM_LAYER_COUNTRIES, lon, lat);
    if (ci != (size_t)-1)
        fm_basemap_geom(bm, FM_LAYER_COUNTRIES, ci, &out->country, NULL);
    out->border_km = fm_basemap_border_km(bm, lon, lat);
    /* Within UNCERTAIN_KM of the Durand Line the side is uncertain: the
     * simplified polygons may put the point on the wrong side. An AF or PK
     * polygon's answer is kept (nothing here knows better), but a point that
     * close is in one of the two, so a sliver between them or a neighbour's
     * polygon gives way to the nearer of AF and PK. */
    if (out->border_km < UNCERTAIN_KM && !is_af_pk(out->country) &&
        (side = nearer_side(bm, lon, lat)))
        out->country = side;
    out->admin1 = find_province(bm, out->country, lon, lat);
    if (is_af_pk(out->country))
        out->border_side = out->country;
    if (gz) {
        if (out->border_side)
            find_district(gz, out->country, lon, lat, out);
        out->crossing = nearest_place(gz, FM_PLACE_CROSSING, NULL, lon, lat, &out->crossing_km);
    }
    return FM_OK;
}
