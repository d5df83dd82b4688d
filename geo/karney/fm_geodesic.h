/* fm_geodesic.h: Karney's geodesic routines (geodesic.h) under frontiermap's
 * own names, so this copy never collides with the same functions in libproj,
 * which the drawing module and the tests also load. Include this, never
 * geodesic.h directly; geodesic.c is compiled with it forced in first
 * (CMakeLists.txt). Not part of the original. */
#ifndef FM_GEODESIC_H
#define FM_GEODESIC_H

#define geod_direct fm_karney_geod_direct
#define geod_directline fm_karney_geod_directline
#define geod_gendirect fm_karney_geod_gendirect
#define geod_gendirectline fm_karney_geod_gendirectline
#define geod_geninverse fm_karney_geod_geninverse
#define geod_genposition fm_karney_geod_genposition
#define geod_gensetdistance fm_karney_geod_gensetdistance
#define geod_init fm_karney_geod_init
#define geod_inverse fm_karney_geod_inverse
#define geod_inverseline fm_karney_geod_inverseline
#define geod_lineinit fm_karney_geod_lineinit
#define geod_polygon_addedge fm_karney_geod_polygon_addedge
#define geod_polygon_addpoint fm_karney_geod_polygon_addpoint
#define geod_polygon_clear fm_karney_geod_polygon_clear
#define geod_polygon_compute fm_karney_geod_polygon_compute
#define geod_polygon_init fm_karney_geod_polygon_init
#define geod_polygon_testedge fm_karney_geod_polygon_testedge
#define geod_polygon_testpoint fm_karney_geod_polygon_testpoint
#define geod_polygonarea fm_karney_geod_polygonarea
#define geod_position fm_karney_geod_position
#define geod_setdistance fm_karney_geod_setdistance

#define GEOD_DLL
#include "geodesic.h"

#endif
