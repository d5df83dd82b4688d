/* proj.c: the map projection: an Albers equal-area conic fitted to the
 * extent, so heatmap densities are per true area and the frontier's shapes
 * are barely distorted. Never plate carree. The conic is computed by
 * geo/albers.c, PROJ's arithmetic to the bit; PROJ itself (libproj and its
 * forty libraries, ~16 ms of loading) is bound at run time, like GDAL, only
 * for what needs it: the WKT of a --grid-out GeoTIFF and the projections of
 * fm_proj_create_def. */
#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>

#include "geo/albers.h"
#include "geo/fm_geo.h"

#ifndef FM_PROJ_SONAME
#define FM_PROJ_SONAME "libproj.so"
#endif

/* Every PROJ function frontiermap calls. */
#define FM_PROJ_FUNCTIONS(X)                                                               \
    X(proj_as_wkt) X(proj_context_create) X(proj_context_destroy) X(proj_context_errno)      \
    X(proj_context_errno_string) X(proj_context_set_search_paths) X(proj_create)             \
    X(proj_destroy) X(proj_log_func) X(proj_log_level) X(proj_trans)

typedef struct {
#define FM_PROJ_MEMBER(f) __typeof__(f) *f;
    FM_PROJ_FUNCTIONS(FM_PROJ_MEMBER)
#undef FM_PROJ_MEMBER
} proj_api;

struct fm_proj {
    proj_api api;   /* bound when pj_ctx is made */
    PJ_CONTEXT *pj_ctx;
    PJ *pj;         /* the pipeline; NULL until PROJ is needed */
    char def[256];
    char label[128];
    char *search;   /* PROJ's only search path (no_db), or NULL */
    char *wkt;
    fm_albers aea;  /* fm_proj_create's conic; .on 0 for fm_proj_create_def's */
};

/* Binds PROJ's functions (the library stays loaded, as a linked one would). */
static fm_status proj_bind(fm_ctx *ctx, proj_api *api)
{
#define FM_PROJ_NAME(f) #f,
#define FM_PROJ_SLOT(f) (void **)&api->f,
    static const char *const names[] = {FM_PROJ_FUNCTIONS(FM_PROJ_NAME)};
    void **const slots[] = {FM_PROJ_FUNCTIONS(FM_PROJ_SLOT)};
#undef FM_PROJ_NAME
#undef FM_PROJ_SLOT
    return fm_dl_bind(ctx, FM_PROJ_SONAME, "PROJ", "", "", names, slots,
                      sizeof names / sizeof names[0]);
}

/* PROJ's own messages: the errors are read back from the context instead. */
static void proj_quiet(void *user, int level, const char *msg)
{
    (void)user, (void)level, (void)msg;
}

/* PROJ's context and pipeline for p->def. With p->search (a definition that
 * names everything it uses, as fm_proj_create's does) PROJ looks for its
 * files only in frontiermap's data directory, which holds none: proj_create
 * then does not open and read its database (proj.db, 18 ms of CPU and 700
 * page faults a process, for nothing the Albers pipeline needs), and gives
 * the same transformation and the same WKT. */
static fm_status proj_open(fm_ctx *ctx, fm_proj *p)
{
    const proj_api *a = &p->api;
    char pipeline[400];
    fm_status st;
    if (p->pj)
        return FM_OK;
    if (!p->pj_ctx) {
        if ((st = proj_bind(ctx, &p->api)))
            return st;
        if (!(p->pj_ctx = a->proj_context_create()))
            return fm_error(ctx, FM_ENOMEM, "cannot create a PROJ context");
        if (p->search)
            a->proj_context_set_search_paths(p->pj_ctx, 1, (const char *const *)&p->search);
        a->proj_log_level(p->pj_ctx, PJ_LOG_NONE);
        a->proj_log_func(p->pj_ctx, NULL, proj_quiet);
    }
    /* lon/lat degrees in, metres out */
    snprintf(pipeline, sizeof pipeline, "+proj=pipeline +step +proj=unitconvert +xy_in=deg "
             "+xy_out=rad +step %s", p->def);
    if (!(p->pj = a->proj_create(p->pj_ctx, pipeline))) {
        int err = a->proj_context_errno(p->pj_ctx);
        return fm_error(ctx, FM_EINVAL, "invalid projection '%s': %s", p->def,
                        a->proj_context_errno_string(p->pj_ctx, err));
    }
    return FM_OK;
}

/* A projection of def, PROJ's pipeline made at once unless aea computes it. */
static fm_status proj_make(fm_ctx *ctx, const char *def, const char *label, int no_db,
                           const fm_albers *aea, fm_proj **out)
{
    fm_proj *p = calloc(1, sizeof *p);
    fm_status st;
    const char *dir = fm_ctx_data_dir(ctx);
    *out = NULL;
    if (!p || (no_db && !(p->search = strdup(dir ? dir : "")))) {
        free(p);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    snprintf(p->def, sizeof p->def, "%s", def);
    snprintf(p->label, sizeof p->label, "%s", label);
    if (aea)
        p->aea = *aea;
    if (!p->aea.on && (st = proj_open(ctx, p))) {
        fm_proj_destroy(p);
        return st;
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
    fm_albers aea;
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
    fm_albers_setup(&aea, strtod(v[0], NULL), strtod(v[1], NULL), strtod(v[2], NULL),
                    strtod(v[3], NULL));
    return proj_make(ctx, def, label, 1, &aea, out);
}

fm_status fm_proj_create_def(fm_ctx *ctx, const char *def, fm_proj **out)
{
    return proj_make(ctx, def, def, 0, NULL, out);
}

void fm_proj_destroy(fm_proj *p)
{
    if (!p)
        return;
    if (p->pj)
        p->api.proj_destroy(p->pj);
    if (p->pj_ctx)
        p->api.proj_context_destroy(p->pj_ctx);
    free(p->wkt);
    free(p->search);
    free(p);
}

static void proj_run(fm_proj *p, double *xy, size_t n, PJ_DIRECTION dir)
{
    size_t i;
    for (i = 0; i < n; i++) {
        PJ_COORD c = {{xy[2 * i], xy[2 * i + 1], 0, 0}};
        c = p->api.proj_trans(p->pj, dir, c);
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
        fm_albers_fwd(&p->aea, xy + 2 * i);
}

void fm_proj_inv(fm_proj *p, double *xy, size_t n)
{
    if (!p->aea.on) {
        proj_run(p, xy, n, PJ_INV);
        return;
    }
    for (size_t i = 0; i < n; i++)
        fm_albers_inv(&p->aea, xy + 2 * i);
}

const char *fm_proj_def(const fm_proj *p)
{
    return p->def;
}

const char *fm_proj_wkt(fm_proj *p)
{
    if (!p->wkt) {
        char crsdef[300];
        PJ *crs = NULL;
        const char *w = NULL;
        fm_ctx *ctx = fm_ctx_create(); /* PROJ's first use: its errors go nowhere */
        if (ctx && !proj_open(ctx, p)) {
            snprintf(crsdef, sizeof crsdef, "%s +type=crs", p->def);
            if ((crs = p->api.proj_create(p->pj_ctx, crsdef)))
                w = p->api.proj_as_wkt(p->pj_ctx, crs, PJ_WKT1_GDAL, NULL);
        }
        p->wkt = w ? strdup(w) : NULL;
        if (crs)
            p->api.proj_destroy(crs);
        fm_ctx_destroy(ctx);
    }
    return p->wkt ? p->wkt : "";
}

const char *fm_proj_label(const fm_proj *p)
{
    return p->label;
}
