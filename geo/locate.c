/* locate.c: reverse geocoding: from a point to its country and province
 * (point in polygon on the basemap), the nearest district seat and border
 * crossing (gazetteer) and the distance to the Durand Line with its side. */
#include <math.h>
#include <string.h>

#include "geo/fm_geo.h"

#define DEG (M_PI / 180)

/* A cheap distance bound for ranking gazetteer entries: an equirectangular
 * frame at the query latitude, which is within 1% at frontier distances. The
 * exact geodesic is then taken for every entry ranked within 2% of the best. */
static double approx_km(double lon, double lat, double lon2, double lat2)
{
    double dx = (lon2 - lon) * cos((lat + lat2) / 2 * DEG), dy = lat2 - lat;
    return sqrt(dx * dx + dy * dy) * 111.2;
}

/* The nearest gazetteer entry of a kind (and country, when given). */
static const fm_place *nearest_place(const fm_gazetteer *gz, fm_place_kind kind,
                                     const char *country, double lon, double lat, double *km)
{
    size_t i, n = fm_gazetteer_count(gz);
    double best_approx = HUGE_VAL, best = HUGE_VAL;
    const fm_place *hit = NULL;
    for (i = 0; i < n; i++) {
        const fm_place *p = fm_gazetteer_get(gz, i);
        double a;
        if (p->kind != kind || (country && strcmp(p->country, country)))
            continue;
        if ((a = approx_km(lon, lat, p->lon, p->lat)) < best_approx)
            best_approx = a;
    }
    for (i = 0; i < n && best_approx < HUGE_VAL; i++) {
        const fm_place *p = fm_gazetteer_get(gz, i);
        double d;
        if (p->kind != kind || (country && strcmp(p->country, country)) ||
            approx_km(lon, lat, p->lon, p->lat) > best_approx * 1.02 + 0.5)
            continue;
        d = fm_geod_inverse(lon, lat, p->lon, p->lat, NULL) / 1000;
        if (d < best)
            best = d, hit = p;
    }
    *km = hit ? best : NAN;
    return hit;
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

fm_status fm_locate(fm_ctx *ctx, const fm_basemap *bm, const fm_gazetteer *gz, double lon,
                    double lat, fm_location *out)
{
    size_t ci;
    memset(out, 0, sizeof *out);
    out->district_km = out->crossing_km = out->border_km = NAN;
    if (!bm)
        return fm_error(ctx, FM_EINVAL, "no basemap given");
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
        return fm_error(ctx, FM_ERANGE, "invalid coordinates %g,%g", lat, lon);
    ci = fm_basemap_find(bm, FM_LAYER_COUNTRIES, lon, lat);
    if (ci != (size_t)-1)
        fm_basemap_geom(bm, FM_LAYER_COUNTRIES, ci, &out->country, NULL);
    out->admin1 = find_province(bm, out->country, lon, lat);
    out->border_km = fm_basemap_border_km(bm, lon, lat);
    if (out->country && (!strcmp(out->country, "PK") || !strcmp(out->country, "AF")))
        out->border_side = out->country;
    if (gz) {
        if (out->border_side)
            out->district = nearest_place(gz, FM_PLACE_DISTRICT, out->country, lon, lat,
                                          &out->district_km);
        out->crossing = nearest_place(gz, FM_PLACE_CROSSING, NULL, lon, lat, &out->crossing_km);
    }
    return FM_OK;
}
