/* proj.c: the map projection, through PROJ: an Albers equal-area conic fitted
 * to the extent, so heatmap densities are per true area and the frontier's
 * shapes are barely distorted. Never plate carree. The conic's forward
 * projection, which drawing asks for a few hundred thousand times a map, is
 * also written out here (aea_fwd): PROJ's own arithmetic, step for step, so
 * the same bits at a third of the time (tests/unit/test_geod.c compares). */
#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_geo.h"

/* The constants of PROJ's aea (aea.cpp's setup for an ellipsoid, the
 * secant case) and of the pipeline around it. */
typedef struct {
    int on;
    double lam0, n, c, dd, rho0, e, one_es, a;
} aea_consts;

struct fm_proj {
    PJ_CONTEXT *pj_ctx;
    PJ *pj;
    char def[256];
    char label[128];
    char *wkt;
    aea_consts aea; /* fm_proj_create's conic; .on 0 for fm_proj_create_def's */
};

#define AEA_DEG 0.017453292519943296 /* unitconvert's factor for "deg" */

/* PROJ's pj_qsfn, for e >= 1e-7 (WGS 84's is 0.08). */
static double aea_qsfn(double sinphi, double e, double one_es)
{
    double con = e * sinphi, div1 = 1.0 - con * con, div2 = 1.0 + con;
    if (div1 == 0.0 || div2 == 0.0)
        return HUGE_VAL;
    return one_es * (sinphi / div1 - (.5 / e) * log((1. - con) / div2));
}

/* aea's setup on WGS 84 (pj_ell_set's es from rf; dmstor's radians). */
static void aea_setup(aea_consts *q, double lat1, double lat2, double lat0, double lon0)
{
    double f = 1 / 298.257223563, es = 2 * f - f * f, m1, ml1, m2, ml2, sinphi, cosphi;
    q->a = 6378137.0, q->e = sqrt(es), q->one_es = 1. - es, q->lam0 = lon0 * AEA_DEG;
    sinphi = sin(lat1 * AEA_DEG), cosphi = cos(lat1 * AEA_DEG);
    m1 = cosphi / sqrt(1. - es * sinphi * sinphi); /* pj_msfn */
    ml1 = aea_qsfn(sinphi, q->e, q->one_es);
    sinphi = sin(lat2 * AEA_DEG), cosphi = cos(lat2 * AEA_DEG);
    m2 = cosphi / sqrt(1. - es * sinphi * sinphi);
    ml2 = aea_qsfn(sinphi, q->e, q->one_es);
    if (ml2 == ml1 || fabs(lat1 - lat2) * AEA_DEG < 1e-10)
        return; /* not the secant cone fm_proj_create makes: PROJ does it */
    q->n = (m1 * m1 - m2 * m2) / (ml2 - ml1);
    q->c = m1 * m1 + q->n * ml1;
    q->dd = 1. / q->n;
    q->rho0 = q->dd * sqrt(q->c - q->n * aea_qsfn(sin(lat0 * AEA_DEG), q->e, q->one_es));
    q->on = q->n != 0 && isfinite(q->rho0);
}

/* One point through the pipeline: unitconvert (degrees to radians), then
 * pj_fwd4d's checks (fwd_prepare), aea's e_forward, and fwd_finalize. */
static void aea_fwd(const aea_consts *q, double *xy)
{
    double lam = xy[0] * AEA_DEG, phi = xy[1] * AEA_DEG, rho;
    if ((phi < 0 ? -phi : phi) - M_PI_2 > 1e-12 || lam > 10 || lam < -10 || isnan(lam) ||
        isnan(phi)) {
        xy[0] = xy[1] = HUGE_VAL;
        return;
    }
    if (fabs(lam) >= M_PI + 1e-12) { /* adjlon */
        lam += M_PI;
        lam -= 2 * M_PI * floor(lam / (2 * M_PI));
        lam -= M_PI;
    }
    lam = (lam - 0.0) - q->lam0;
    if (fabs(lam) >= M_PI + 1e-12) {
        lam += M_PI;
        lam -= 2 * M_PI * floor(lam / (2 * M_PI));
        lam -= M_PI;
    }
    rho = q->c - q->n * aea_qsfn(sin(phi), q->e, q->one_es);
    if (!(rho >= 0.)) {
        xy[0] = xy[1] = HUGE_VAL;
        return;
    }
    rho = q->dd * sqrt(rho);
    lam *= q->n;
    xy[0] = 1.0 * (rho * sin(lam) * q->a + 0.0);
    xy[1] = 1.0 * ((q->rho0 - rho * cos(lam)) * q->a + 0.0);
}

/* PROJ's own messages: the errors are read back from the context instead. */
static void proj_quiet(void *user, int level, const char *msg)
{
    (void)user, (void)level, (void)msg;
}

/* A projection of the PROJ string def. With no_db (a definition that names
 * everything it uses, as fm_proj_create's does) PROJ looks for its files
 * only in frontiermap's data directory, which holds none: proj_create then
 * does not open and read its database (proj.db, 18 ms of CPU and 700 page
 * faults a process, for nothing the Albers pipeline needs), and gives the
 * same transformation and the same WKT. */
static fm_status proj_make(fm_ctx *ctx, const char *def, const char *label, int no_db,
                           fm_proj **out)
{
    fm_proj *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    p->pj_ctx = proj_context_create();
    if (!p->pj_ctx) {
        free(p);
        return fm_error(ctx, FM_ENOMEM, "cannot create a PROJ context");
    }
    if (no_db) {
        const char *dir = fm_ctx_data_dir(ctx);
        proj_context_set_search_paths(p->pj_ctx, 1, &dir);
    }
    proj_log_level(p->pj_ctx, PJ_LOG_NONE);
    proj_log_func(p->pj_ctx, NULL, proj_quiet);
    snprintf(p->def, sizeof p->def, "%s", def);
    snprintf(p->label, sizeof p->label, "%s", label);
    /* lon/lat degrees in, metres out */
    {
        char pipeline[400];
        snprintf(pipeline, sizeof pipeline, "+proj=pipeline +step +proj=unitconvert +xy_in=deg "
                 "+xy_out=rad +step %s", def);
        p->pj = proj_create(p->pj_ctx, pipeline);
    }
    if (!p->pj) {
        int err = proj_context_errno(p->pj_ctx);
        fm_error(ctx, FM_EINVAL, "invalid projection '%s': %s", def,
                 proj_context_errno_string(p->pj_ctx, err));
        fm_proj_destroy(p);
        return FM_EINVAL;
    }
    *out = p;
    return FM_OK;
}

fm_status fm_proj_create(fm_ctx *ctx, double west, double south, double east, double north,
                         fm_proj **out)
{
    char def[256], label[128];
    double span = north - south;
    double lat1 = south + span / 6, lat2 = north - span / 6;
    double lon0 = (west + east) / 2, lat0 = (south + north) / 2;
    if (!(west < east && south < north) || south < -89 || north > 89)
        return fm_error(ctx, FM_EINVAL, "invalid map extent %g,%g,%g,%g", west, south, east,
                        north);
    if (fabs(lat2 - lat1) < 0.5) { /* a thin extent still needs two distinct parallels */
        lat1 = lat0 - 0.5;
        lat2 = lat0 + 0.5;
    }
    char v[4][32];
    fm_status st;
    /* the parameters as PROJ reads them back from the string */
    snprintf(v[0], sizeof v[0], "%.2f", lat1);
    snprintf(v[1], sizeof v[1], "%.2f", lat2);
    snprintf(v[2], sizeof v[2], "%.2f", lat0);
    snprintf(v[3], sizeof v[3], "%.2f", lon0);
    snprintf(def, sizeof def,
             "+proj=aea +lat_1=%s +lat_2=%s +lat_0=%s +lon_0=%s +x_0=0 +y_0=0 "
             "+ellps=WGS84 +units=m +no_defs",
             v[0], v[1], v[2], v[3]);
    snprintf(label, sizeof label,
             "Albers equal-area conic, standard parallels %.1f\u00b0N and %.1f\u00b0N, "
             "central meridian %.1f\u00b0E, WGS 84",
             lat1, lat2, lon0);
    if ((st = proj_make(ctx, def, label, 1, out)))
        return st;
    aea_setup(&(*out)->aea, strtod(v[0], NULL), strtod(v[1], NULL), strtod(v[2], NULL),
              strtod(v[3], NULL));
    return FM_OK;
}

fm_status fm_proj_create_def(fm_ctx *ctx, const char *def, fm_proj **out)
{
    return proj_make(ctx, def, def, 0, out);
}

void fm_proj_destroy(fm_proj *p)
{
    if (!p)
        return;
    if (p->pj)
        proj_destroy(p->pj);
    free(p->wkt);
    proj_context_destroy(p->pj_ctx);
    free(p);
}

static void proj_run(fm_proj *p, double *xy, size_t n, PJ_DIRECTION dir)
{
    size_t i;
    for (i = 0; i < n; i++) {
        PJ_COORD c = proj_coord(xy[2 * i], xy[2 * i + 1], 0, 0);
        c = proj_trans(p->pj, dir, c);
        if (c.xy.x == HUGE_VAL || isnan(c.xy.x)) {
            xy[2 * i] = xy[2 * i + 1] = HUGE_VAL;
            continue;
        }
        xy[2 * i] = c.xy.x;
        xy[2 * i + 1] = c.xy.y;
    }
}

void fm_proj_fwd(fm_proj *p, double *xy, size_t n)
{
    if (!p->aea.on) {
        proj_run(p, xy, n, PJ_FWD);
        return;
    }
    for (size_t i = 0; i < n; i++)
        aea_fwd(&p->aea, xy + 2 * i);
}

void fm_proj_inv(fm_proj *p, double *xy, size_t n)
{
    proj_run(p, xy, n, PJ_INV);
}

const char *fm_proj_def(const fm_proj *p)
{
    return p->def;
}

const char *fm_proj_wkt(fm_proj *p)
{
    if (!p->wkt) {
        char crsdef[300];
        PJ *crs;
        snprintf(crsdef, sizeof crsdef, "%s +type=crs", p->def);
        crs = proj_create(p->pj_ctx, crsdef);
        const char *w = crs ? proj_as_wkt(p->pj_ctx, crs, PJ_WKT1_GDAL, NULL) : NULL;
        p->wkt = w ? strdup(w) : NULL;
        if (crs)
            proj_destroy(crs);
    }
    return p->wkt ? p->wkt : "";
}

const char *fm_proj_label(const fm_proj *p)
{
    return p->label;
}
