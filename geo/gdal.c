/* gdal.c: binds the GDAL functions of fm_gdal.h at run time (dlopen of the
 * soname found at configure time, FM_GDAL_SONAME), so that commands which do
 * not touch GDAL do not pay for loading it. */
#include "geo/fm_gdal.h"

#ifndef FM_GDAL_SONAME
#define FM_GDAL_SONAME "libgdal.so"
#endif

fm_status fm_gdal_load(fm_ctx *ctx, fm_gdal *api)
{
#define FM_GDAL_NAME(f) #f,
#define FM_GDAL_SLOT(f) (void **)&api->f,
    static const char *const names[] = {FM_GDAL_FUNCTIONS(FM_GDAL_NAME)};
    void **const slots[] = {FM_GDAL_FUNCTIONS(FM_GDAL_SLOT)};
#undef FM_GDAL_NAME
#undef FM_GDAL_SLOT
    fm_status st = fm_dl_bind(ctx, FM_GDAL_SONAME, "GDAL", "", "", names, slots,
                              sizeof names / sizeof names[0]);
    if (!st)
        api->GDALAllRegister();
    return st;
}
