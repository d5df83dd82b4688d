/* fm_gdal.h: GDAL, loaded on first use instead of at every start. Linking
 * libgdal pulls ~70 shared libraries into every process (~45 ms of dynamic
 * loading before main), yet only `import` of GeoJSON/GeoPackage and
 * `heatmap --grid-out` call it; so frontiermap compiles against GDAL's
 * headers and binds these functions with dlopen/dlsym when needed. */
#ifndef FM_GDAL_H
#define FM_GDAL_H

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "core/fm_core.h"

/* Every GDAL function frontiermap calls; add one here to call it. */
#define FM_GDAL_FUNCTIONS(X)                                                            \
    X(CPLErrorReset) X(CPLGetLastErrorMsg) X(CPLGetLastErrorType) X(CPLPopErrorHandler)   \
    X(CPLPushErrorHandler) X(CPLQuietErrorHandler) X(GDALAllRegister) X(GDALClose)        \
    X(GDALCreate) X(GDALDatasetGetLayer) X(GDALDatasetGetLayerByName)                     \
    X(GDALGetDriverByName) X(GDALGetRasterBand) X(GDALOpenEx) X(GDALRasterIO)             \
    X(GDALSetGeoTransform) X(GDALSetProjection) X(GDALSetRasterUnitType)                  \
    X(OCTDestroyCoordinateTransformation) X(OCTNewCoordinateTransformation)               \
    X(OCTTransform) X(OGR_F_Destroy) X(OGR_F_GetFieldAsDateTimeEx)                \
    X(OGR_F_GetFieldAsString) X(OGR_F_GetGeometryRef)    \
    X(OGR_F_IsFieldSetAndNotNull) X(OGR_FD_GetFieldCount) X(OGR_FD_GetFieldDefn)          \
    X(OGR_Fld_GetNameRef) X(OGR_G_GetGeometryName) X(OGR_G_GetGeometryType)               \
    X(OGR_G_GetX) X(OGR_G_GetY) X(OGR_G_IsEmpty) X(OGR_GT_Flatten)                         \
    X(OGR_L_GetLayerDefn)                                                               \
    X(OGR_L_GetNextFeature) X(OGR_L_GetSpatialRef) X(OGR_L_ResetReading)                  \
    X(OSRDestroySpatialReference) X(OSRImportFromEPSG) X(OSRIsSame)                       \
    X(OSRNewSpatialReference) X(OSRSetAxisMappingStrategy)

/* The bound functions, named as in GDAL: api->GDALClose(ds). */
typedef struct fm_gdal {
#define FM_GDAL_MEMBER(f) __typeof__(f) *f;
    FM_GDAL_FUNCTIONS(FM_GDAL_MEMBER)
#undef FM_GDAL_MEMBER
} fm_gdal;

/* Loads GDAL (once per process; it then stays loaded, as a linked library
 * would), registers its drivers and fills *api. FM_EIO with the loader's
 * message when GDAL is not installed. */
fm_status fm_gdal_load(fm_ctx *ctx, fm_gdal *api);

#endif
