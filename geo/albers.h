/* albers.h: the Albers equal-area conic of fm_proj_create computed here
 * instead of by PROJ (geo/albers.c); private to geo/proj.c and its tests. */
#ifndef FM_ALBERS_H
#define FM_ALBERS_H

/* The constants of PROJ's aea for a secant cone on WGS 84. */
typedef struct {
    int on; /* 0: not a cone fm_albers computes (PROJ must) */
    double lam0, n, c, dd, rho0, ec, e, one_es, a;
} fm_albers;

/* Sets up the cone of standard parallels lat1, lat2 (degrees), origin
 * lat0, central meridian lon0, as PROJ reads them from its string. */
void fm_albers_setup(fm_albers *q, double lat1, double lat2, double lat0, double lon0);
/* One point in place, lon/lat degrees -> metres, and back; HUGE_VAL in
 * both coordinates where PROJ fails the point. */
void fm_albers_fwd(const fm_albers *q, double *xy);
void fm_albers_inv(const fm_albers *q, double *xy);

#endif
