/* gdal.c: binds the GDAL functions of fm_gdal.h at run time (dlopen of the
 * soname found at configure time, FM_GDAL_SONAME), so that commands which do
 * not touch GDAL do not pay for loading it. */
#include <dlfcn.h>

#include "geo/fm_gdal.h"

#ifndef FM_GDAL_SONAME
#define FM_GDAL_SONAME "libgdal.so"
#endif

fm_status fm_gdal_load(fm_ctx *ctx, fm_gdal *api)
{
    /* RTLD_NODELETE: GDAL keeps process-wide state (drivers, caches) that
     * must outlive any one caller; the handle is only a reference count.
     * RTLD_LAZY: binding every symbol of its ~70 libraries up front costs
     * ~40 ms; the functions used are bound on first call instead. */
    void *lib = dlopen(FM_GDAL_SONAME, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    void *sym;
    if (!lib)
        return fm_error(ctx, FM_EIO, "cannot load GDAL (%s): %s", FM_GDAL_SONAME, dlerror());
#define FM_GDAL_BIND(f)                                                                  \
    if (!(sym = dlsym(lib, #f))) {                                                       \
        dlclose(lib);                                                                    \
        return fm_error(ctx, FM_EIO, "GDAL (%s) has no function %s", FM_GDAL_SONAME, #f); \
    }                                                                                    \
    *(void **)&api->f = sym;
    FM_GDAL_FUNCTIONS(FM_GDAL_BIND)
#undef FM_GDAL_BIND
    dlclose(lib); /* NODELETE: stays mapped; the pointers stay valid */
    api->GDALAllRegister();
    return FM_OK;
}
