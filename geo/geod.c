/* geod.c: exact ellipsoidal distances and bearings on WGS84 through PROJ's
 * geodesic routines (Karney 2013), and the bounding box of a geodesic circle
 * used to prefilter spatial-index queries. */
#include <geodesic.h>
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

/* The circle's northernmost and southernmost points lie on the meridian; its
 * east-west extreme is bounded by going due east/west along the geodesic from
 * the latitude of widest reach, which a small margin covers at these
 * latitudes. A 0.5% pad keeps the box conservative. */
void fm_geod_bbox(double lon, double lat, double radius_m, double *west, double *south,
                  double *east, double *north)
{
    double lo, la, dlon = 0;
    double r = radius_m * 1.005 + 1.0;
    int az;
    fm_geod_direct(lon, lat, 0, r, &lo, north);
    fm_geod_direct(lon, lat, 180, r, &lo, south);
    if (*north > 90)
        *north = 90;
    if (*south < -90)
        *south = -90;
    for (az = 30; az <= 150; az += 5) {
        fm_geod_direct(lon, lat, az, r, &lo, &la);
        if (fabs(lo - lon) > dlon)
            dlon = fabs(lo - lon);
    }
    dlon *= 1.02;
    if (*north >= 89.9 || *south <= -89.9 || dlon >= 180) {
        *west = -180;
        *east = 180;
        return;
    }
    *west = lon - dlon;
    *east = lon + dlon;
}
