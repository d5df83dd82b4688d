/* proj.c: the map projection, through PROJ: an Albers equal-area conic fitted
 * to the extent, so heatmap densities are per true area and the frontier's
 * shapes are barely distorted. Never plate carree. */
#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_geo.h"

struct fm_proj {
    PJ_CONTEXT *pj_ctx;
    PJ *pj;
    char def[256];
    char label[128];
    char *wkt;
};

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
    snprintf(def, sizeof def,
             "+proj=aea +lat_1=%.2f +lat_2=%.2f +lat_0=%.2f +lon_0=%.2f +x_0=0 +y_0=0 "
             "+ellps=WGS84 +units=m +no_defs",
             lat1, lat2, lat0, lon0);
    snprintf(label, sizeof label,
             "Albers equal-area conic, standard parallels %.1f\u00b0N and %.1f\u00b0N, "
             "central meridian %.1f\u00b0E, WGS 84",
             lat1, lat2, lon0);
    return proj_make(ctx, def, label, 1, out);
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
    proj_run(p, xy, n, PJ_FWD);
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
