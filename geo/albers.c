/* albers.c: the Albers equal-area conic of fm_proj_create, forward and
 * inverse, as PROJ 9 computes it through fm_proj's pipeline (unitconvert
 * from degrees, then aea on WGS 84): the same operations in the same order
 * (aea.cpp's setup, e_forward and e_inverse with pj_qsfn, pj_msfn and
 * phi1_; fwd.cpp's and inv.cpp's checks, adjlon and scaling), so the same
 * bits, in about a third of the time and without loading libproj and its
 * forty libraries. tests/unit/test_geod.c compares them with PROJ itself. */
#include <math.h>

#include "geo/albers.h"

#define DEG 0.017453292519943296 /* unitconvert's factor for "deg" */

/* pj_qsfn, for e >= 1e-7 (WGS 84's is 0.08). */
static double qsfn(double sinphi, double e, double one_es)
{
    double con = e * sinphi, div1 = 1.0 - con * con, div2 = 1.0 + con;
    if (div1 == 0.0 || div2 == 0.0)
        return HUGE_VAL;
    return one_es * (sinphi / div1 - (.5 / e) * log((1. - con) / div2));
}

/* aea's phi1_: the latitude of q, by Newton's method. */
static double phi1(double qs, double e, double one_es)
{
    double phi = asin(.5 * qs), sinpi, cospi, con, com, dphi;
    int i = 15;
    do {
        sinpi = sin(phi);
        cospi = cos(phi);
        con = e * sinpi;
        com = 1. - con * con;
        dphi = .5 * com * com / cospi *
               (qs / one_es - sinpi / com + .5 / e * log((1. - con) / (1. + con)));
        phi += dphi;
    } while (fabs(dphi) > 1e-10 && --i);
    return i ? phi : HUGE_VAL;
}

static double adjlon(double lon)
{
    if (fabs(lon) < M_PI + 1e-12)
        return lon;
    lon += M_PI;
    lon -= 2 * M_PI * floor(lon / (2 * M_PI));
    return lon - M_PI;
}

void fm_albers_setup(fm_albers *q, double lat1, double lat2, double lat0, double lon0)
{
    double f = 1 / 298.257223563, es = 2 * f - f * f, m1, ml1, m2, ml2, sinphi, cosphi;
    q->on = 0;
    q->a = 6378137.0, q->e = sqrt(es), q->one_es = 1. - es, q->lam0 = lon0 * DEG;
    if (fabs(lat1 * DEG) > M_PI_2 || fabs(lat2 * DEG) > M_PI_2 ||
        fabs(lat1 * DEG + lat2 * DEG) < 1e-10 || fabs(lat1 * DEG - lat2 * DEG) < 1e-10)
        return; /* PROJ's errors, or its tangent cone: PROJ does those */
    sinphi = sin(lat1 * DEG), cosphi = cos(lat1 * DEG);
    m1 = cosphi / sqrt(1. - es * sinphi * sinphi); /* pj_msfn */
    ml1 = qsfn(sinphi, q->e, q->one_es);
    sinphi = sin(lat2 * DEG), cosphi = cos(lat2 * DEG);
    m2 = cosphi / sqrt(1. - es * sinphi * sinphi);
    ml2 = qsfn(sinphi, q->e, q->one_es);
    if (ml2 == ml1)
        return;
    q->n = (m1 * m1 - m2 * m2) / (ml2 - ml1);
    q->ec = 1. - .5 * q->one_es * log((1. - q->e) / (1. + q->e)) / q->e;
    q->c = m1 * m1 + q->n * ml1;
    q->dd = 1. / q->n;
    q->rho0 = q->dd * sqrt(q->c - q->n * qsfn(sin(lat0 * DEG), q->e, q->one_es));
    q->on = q->n != 0 && isfinite(q->rho0);
}

void fm_albers_fwd(const fm_albers *q, double *xy)
{
    double lam = xy[0] * DEG, phi = xy[1] * DEG, rho;
    /* fwd_prepare (a NaN fails later in PROJ, with the same result) */
    if (xy[0] == HUGE_VAL || xy[1] == HUGE_VAL || isnan(lam) || isnan(phi) ||
        (phi < 0 ? -phi : phi) - M_PI_2 > 1e-12 || lam > 10 || lam < -10) {
        xy[0] = xy[1] = HUGE_VAL;
        return;
    }
    if (phi > M_PI_2)
        phi = M_PI_2;
    if (phi < -M_PI_2)
        phi = -M_PI_2;
    lam = adjlon((adjlon(lam) - 0.0) - q->lam0);
    /* e_forward */
    rho = q->c - q->n * qsfn(sin(phi), q->e, q->one_es);
    if (!(rho >= 0.)) {
        xy[0] = xy[1] = HUGE_VAL;
        return;
    }
    rho = q->dd * sqrt(rho);
    lam *= q->n;
    /* fwd_finalize: classic units times a, then the false origin (0) */
    xy[0] = 1.0 * (rho * sin(lam) * q->a + 0.0);
    xy[1] = 1.0 * ((q->rho0 - rho * cos(lam)) * q->a + 0.0);
}

void fm_albers_inv(const fm_albers *q, double *xy)
{
    double x, y, rho, lam, phi;
    if (xy[0] == HUGE_VAL || xy[1] == HUGE_VAL || isnan(xy[0]) || isnan(xy[1])) {
        xy[0] = xy[1] = HUGE_VAL;
        return;
    }
    /* inv_prepare: the false origin off, then in units of a */
    x = (1.0 * xy[0] - 0.0) * (1. / q->a);
    y = (1.0 * xy[1] - 0.0) * (1. / q->a);
    /* e_inverse */
    y = q->rho0 - y;
    rho = hypot(x, y);
    if (rho != 0.0) {
        if (q->n < 0.)
            rho = -rho, x = -x, y = -y;
        phi = rho / q->dd;
        phi = (q->c - phi * phi) / q->n;
        if (fabs(q->ec - fabs(phi)) > 1e-7) {
            if (fabs(phi) > 2 || (phi = phi1(phi, q->e, q->one_es)) == HUGE_VAL) {
                xy[0] = xy[1] = HUGE_VAL;
                return;
            }
        } else {
            phi = phi < 0. ? -M_PI_2 : M_PI_2;
        }
        lam = atan2(x, y) / q->n;
    } else {
        lam = 0.;
        phi = q->n > 0. ? M_PI_2 : -M_PI_2;
    }
    /* inv_finalize, then unitconvert back to degrees */
    lam = adjlon(lam + 0.0 + q->lam0);
    xy[0] = lam / DEG;
    xy[1] = phi / DEG;
}
