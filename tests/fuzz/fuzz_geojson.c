/* fuzz_geojson.c: libFuzzer target for the basemap's GeoJSON reader: any bytes
 * must end in well-formed features or a clean error, never a crash, hang,
 * leak or out-of-bounds read. Each feature's arrays are checked for sense. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Part bounds ascend within the points, every point lies in the bounding
 * box, and point in polygon runs over the whole geometry. */
static fm_status check_feature(fm_ctx *ctx, fm_geojson_feature *f, long index, void *user)
{
    const fm_geom *g = &f->g;
    size_t i;
    (void)ctx, (void)user;
    if (index < 1 || !g->npoints || !g->nparts || g->part_start[0] != 0 ||
        g->part_start[g->nparts] != g->npoints || !g->ring_is_hole)
        abort();
    for (i = 0; i < g->nparts; i++)
        if (g->part_start[i] > g->part_start[i + 1] || g->ring_is_hole[0])
            abort();
    for (i = 0; i < g->npoints; i++)
        if (!(g->xy[2 * i] >= g->west && g->xy[2 * i] <= g->east &&
              g->xy[2 * i + 1] >= g->south && g->xy[2 * i + 1] <= g->north))
            abort();
    for (i = 0; i < FM_GEOJSON_MAX_PROPS; i++)
        if (f->prop[i] && strlen(f->prop[i]) > 1000000)
            abort();
    (void)fm_geom_contains(g, (g->west + g->east) / 2, (g->south + g->north) / 2);
    return index > 1000 ? FM_ERANGE : FM_OK; /* the callback's failure path too */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const keys[] = {"iso2", "iso2", "name", "country", NULL};
    fm_ctx *ctx = fm_ctx_create();
    fm_status st = fm_geojson_read_mem(ctx, (const char *)data, size, "fuzz.geojson", keys,
                                       check_feature, NULL);
    if (st != FM_OK && st != FM_EFORMAT && st != FM_ERANGE && st != FM_ENOMEM)
        abort();
    if (st == FM_EFORMAT && strncmp(fm_ctx_message(ctx), "'fuzz.geojson': ", 16))
        abort();
    fm_ctx_destroy(ctx);
    return 0;
}
