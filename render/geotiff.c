/* geotiff.c: writes a density grid as a one-band Float32 GeoTIFF through GDAL
 * (north-up, DEFLATE, CRS and unit set), so QGIS opens it as it is. The file
 * is written through fm_output_open: under a temporary name beside its
 * target (0644 less the umask), renamed over it when complete. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fm_output.h"
#include "geo/fm_gdal.h"
#include "render/fm_render.h"

/* Copies GDAL's last error into ctx, with what we were doing first. */
static fm_status gdal_fail(fm_ctx *ctx, const fm_gdal *api, const char *what,
                           const char *path)
{
    const char *msg = api->CPLGetLastErrorMsg();
    return fm_error(ctx, FM_EIO, "cannot %s '%s': %s", what, path,
                    msg && *msg ? msg : "GDAL error");
}

/* Writes the rows north first, since fm_grid row 0 is the southernmost. */
static fm_status write_band(fm_ctx *ctx, const fm_gdal *api, GDALDatasetH ds,
                            const fm_grid *g, const char *units, const char *path)
{
    GDALRasterBandH band = api->GDALGetRasterBand(ds, 1);
    size_t r;
    if (units && *units && api->GDALSetRasterUnitType(band, units) != CE_None)
        return gdal_fail(ctx, api, "set the unit of", path);
    for (r = 0; r < g->ny; r++) {
        float *row = g->v + (g->ny - 1 - r) * g->nx;
        if (api->GDALRasterIO(band, GF_Write, 0, (int)r, (int)g->nx, 1, row, (int)g->nx, 1,
                         GDT_Float32, 0, 0) != CE_None)
            return gdal_fail(ctx, api, "write", path);
    }
    return FM_OK;
}

static fm_status write_dataset(fm_ctx *ctx, const fm_gdal *api, const fm_grid *g,
                               const char *wkt, const char *units, const char *tmp,
                               const char *path)
{
    /* the tiles compressed on every core: the same bytes, in less time */
    char *opts[] = {"COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "NUM_THREADS=ALL_CPUS",
                    NULL};
    double gt[6] = {g->x0, g->cell_m, 0, g->y0 + (double)g->ny * g->cell_m, 0, -g->cell_m};
    GDALDriverH drv;
    GDALDatasetH ds;
    fm_status st = FM_OK;
    drv = api->GDALGetDriverByName("GTiff");
    if (!drv)
        return fm_error(ctx, FM_EIO, "cannot write '%s': GDAL has no GTiff driver", path);
    ds = api->GDALCreate(drv, tmp, (int)g->nx, (int)g->ny, 1, GDT_Float32, opts);
    if (!ds)
        return gdal_fail(ctx, api, "create", path);
    if (api->GDALSetGeoTransform(ds, gt) != CE_None)
        st = gdal_fail(ctx, api, "set the georeferencing of", path);
    else if (wkt && *wkt && api->GDALSetProjection(ds, wkt) != CE_None)
        st = gdal_fail(ctx, api, "set the CRS of", path);
    else
        st = write_band(ctx, api, ds, g, units, path);
    api->CPLErrorReset();
    api->GDALClose(ds);
    if (!st && api->CPLGetLastErrorType() >= CE_Failure)
        st = gdal_fail(ctx, api, "write", path);
    return st;
}

fm_status fm_grid_write_geotiff(fm_ctx *ctx, const fm_grid *g, const char *wkt,
                                const char *units, const char *path)
{
    fm_gdal gdal, *api = &gdal;
    fm_output *out = NULL;
    fm_status st;
    if (!g || !g->v || !path || !*path)
        return fm_error(ctx, FM_EINVAL, "no grid or no output path for the GeoTIFF");
    if (g->nx > 0x7fffffff || g->ny > 0x7fffffff)
        return fm_error(ctx, FM_ERANGE, "grid too large for a GeoTIFF");
    if ((st = fm_gdal_load(ctx, api)) ||
        (st = fm_output_open(ctx, path, FM_OUTPUT_BY_NAME, &out)))
        return st;
    api->CPLPushErrorHandler(api->CPLQuietErrorHandler);
    st = write_dataset(ctx, api, g, wkt, units, fm_output_temp(out), path);
    api->CPLPopErrorHandler();
    if (st) {
        fm_output_abort(out);
        return st;
    }
    return fm_output_commit(ctx, out);
}
