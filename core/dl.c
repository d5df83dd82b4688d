/* dl.c: binds a shared library's functions at run time (dlopen), for the
 * libraries only some commands need (GDAL, PROJ, libpq): a command that does
 * not call them does not pay for loading them. */
#include <dlfcn.h>

#include "core/fm_core.h"

fm_status fm_dl_bind(fm_ctx *ctx, const char *soname, const char *what, const char *purpose,
                     const char *hint, const char *const *names, void **const *slots, size_t n)
{
    /* RTLD_NODELETE: the library keeps process-wide state (GDAL's drivers
     * and caches) that must outlive any one caller, and the pointers stay
     * valid; the handle is only a reference count. RTLD_LAZY: binding every
     * symbol of GDAL's ~70 libraries up front costs ~40 ms; the functions
     * used are bound on their first call instead. */
    void *lib = dlopen(soname, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    if (!lib)
        return fm_error(ctx, FM_EIO, "cannot load %s (%s)%s: %s%s", what, soname, purpose,
                        dlerror(), hint);
    for (size_t k = 0; k < n; k++) {
        void *sym = dlsym(lib, names[k]);
        if (!sym) {
            dlclose(lib);
            return fm_error(ctx, FM_EIO, "%s (%s) has no function %s", what, soname, names[k]);
        }
        *slots[k] = sym;
    }
    dlclose(lib); /* NODELETE: stays mapped; the pointers stay valid */
    return FM_OK;
}
