/* heat_detail.c: the basemap's detail (roads, rivers, lakes, relief) for a
 * heatmap, loaded on a second thread while the store is read and the
 * density computed: the two take a tenth to a third of a second each and
 * need nothing from each other. A series of heatmaps shares the one load. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_gdal.h"
#include "heat/fm_heat.h"

struct fm_heat_detail {
    pthread_t thread;
    int started, joined;
    fm_ctx *ctx;    /* the loading thread's own (messages, data directory) */
    fm_detail *d;   /* owned */
    fm_status st;
    double seconds; /* the load's */
    unsigned flags; /* FM_HEAT_* */
};

static void *load(void *arg)
{
    fm_heat_detail *h = arg;
    h->seconds = fm_clock_s();
    if (!(h->st = fm_detail_open(h->ctx, NULL, &h->d)))
        fm_detail_prepare(h->d);
    if (h->flags & FM_HEAT_WARM_GDAL) {
        /* a failure here is reported by the writer's own load */
        fm_gdal api;
        fm_ctx *quiet = fm_ctx_create();
        if (quiet)
            (void)fm_gdal_load(quiet, &api);
        fm_ctx_destroy(quiet);
    }
    h->seconds = fm_clock_s() - h->seconds;
    return NULL;
}

fm_heat_detail *fm_heat_detail_start(fm_ctx *ctx, unsigned flags)
{
    fm_heat_detail *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->flags = flags;
    if (!(h->ctx = fm_ctx_create()) ||
        fm_ctx_set_data_dir(h->ctx, fm_ctx_data_dir(ctx)) != FM_OK)
        return h; /* loaded when asked for, on the caller's thread */
    h->started = pthread_create(&h->thread, NULL, load, h) == 0;
    return h;
}

fm_status fm_heat_detail_get(fm_ctx *ctx, fm_heat_detail *h, fm_detail **out)
{
    *out = NULL;
    if (!h)
        return FM_OK; /* no loader: each map loads its own */
    if (h->started && !h->joined) {
        pthread_join(h->thread, NULL);
        h->joined = 1;
        fm_log(ctx, FM_LOG_DEBUG, "heatmap: the basemap's detail loaded in %.3f s",
               h->seconds);
        if (h->st)
            return h->st = fm_error(ctx, h->st, "%s", fm_ctx_message(h->ctx));
    } else if (!h->started && !h->joined) {
        h->joined = 1;
        if ((h->st = fm_detail_open(ctx, NULL, &h->d)))
            return h->st;
    } else if (h->st) {
        return fm_error(ctx, h->st, "cannot load the basemap's detail");
    }
    *out = h->d;
    return FM_OK;
}

void fm_heat_detail_destroy(fm_heat_detail *h)
{
    if (!h)
        return;
    if (h->started && !h->joined)
        pthread_join(h->thread, NULL);
    fm_detail_close(h->d);
    fm_ctx_destroy(h->ctx);
    free(h);
}
