/* geod.c: exact ellipsoidal distances and bearings on WGS84 through PROJ's
 * geodesic routines (Karney 2013), and the bounding box of a geodesic circle
 * used to prefilter spatial-index queries. */
#include "geo/karney/fm_geodesic.h"
#include <math.h>

#include "geo/fm_geo.h"

#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)

double fm_geod_inverse(double lon1, double lat1, double lon2, double lat2, double *azi_deg)
{
    struct geod_geodesic g;
    double s12, azi1, azi2;
    geod_init(&g, WGS84_A, WGS84_F);
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
    if (azi_deg) {
        if (azi1 < 0)
            azi1 += 360;
        *azi_deg = azi1 >= 360 ? azi1 - 360 : azi1;
    }
    return s12;
}

void fm_geod_direct(double lon, double lat, double azi_deg, double dist_m, double *lon2,
                    double *lat2)
{
    struct geod_geodesic g;
    geod_init(&g, WGS84_A, WGS84_F);
    geod_direct(&g, lat, lon, azi_deg, dist_m, lat2, lon2, NULL);
}

void fm_geod_scale(double lat, double *m_per_deg_lon, double *m_per_deg_lat)
{
    const double e2 = WGS84_F * (2 - WGS84_F), deg = M_PI / 180;
    double s = sin(lat * deg), w = 1 - e2 * s * s;
    double n = WGS84_A / sqrt(w), m = WGS84_A * (1 - e2) / (w * sqrt(w));
    *m_per_deg_lon = deg * n * cos(lat * deg);
    *m_per_deg_lat = deg * m;
}

double fm_geod_approx_m(double lon1, double lat1, double lon2, double lat2)
{
    double kx, ky, dlon = lon2 - lon1, dx, dy;
    if (dlon > 180)
        dlon -= 360;
    else if (dlon < -180)
        dlon += 360;
    fm_geod_scale((lat1 + lat2) / 2, &kx, &ky);
    dx = dlon * kx, dy = (lat2 - lat1) * ky;
    return sqrt(dx * dx + dy * dy);
}

/* How far east of lon (degrees, 0 to 180) going dist_m on bearing azi_deg
 * reaches. */
static double reach(double lon, double lat, double azi_deg, double dist_m)
{
    double lo, la, d;
    fm_geod_direct(lon, lat, azi_deg, dist_m, &lo, &la);
    d = fmod(lo - lon, 360);
    if (d > 180)
        d -= 360;
    else if (d < -180)
        d += 360;
    return fabs(d);
}

/* The box of a geodesic circle. A circle that reaches a pole (its radius, with
 * the pad, at least the meridian distance to it) spans every longitude; so
 * does one that comes within a degree of a pole, where the east-west reach
 * changes too fast with the bearing to be sampled safely. Otherwise its
 * northernmost and southernmost points lie on the meridian, and its east-west
 * reach is the largest longitude difference over bearings sampled every
 * degree, then every 0.05 degree around the widest. A 0.5% pad on the radius
 * and 1% on the reach keep the box conservative. A box that crosses the
 * antimeridian comes back with west > east. */
void fm_geod_bbox(double lon, double lat, double radius_m, double *west, double *south,
                  double *east, double *north)
{
    double r = radius_m * 1.005 + 1.0, lo, dlon = 0, best = 0;
    *north = r >= fm_geod_inverse(lon, lat, lon, 90, NULL) ? 90 : NAN;
    *south = r >= fm_geod_inverse(lon, lat, lon, -90, NULL) ? -90 : NAN;
    if (isnan(*north))
        fm_geod_direct(lon, lat, 0, r, &lo, north);
    if (isnan(*south))
        fm_geod_direct(lon, lat, 180, r, &lo, south);
    if (*north >= 89 || *south <= -89) {
        *west = -180;
        *east = 180;
        return;
    }
    for (int i = 0; i <= 180; i++) {
        double d = reach(lon, lat, i, r);
        if (d > dlon)
            dlon = d, best = i;
    }
    for (int i = -20; i <= 20; i++) {
        double d = reach(lon, lat, best + i * 0.05, r);
        if (d > dlon)
            dlon = d;
    }
    dlon = dlon * 1.01 + 1e-7;
    if (dlon >= 180) {
        *west = -180;
        *east = 180;
        return;
    }
    *west = lon - dlon;
    *east = lon + dlon;
    if (*west < -180)
        *west += 360;
    if (*east > 180)
        *east -= 360;
}
