/* pq.c: binds the libpq functions of fm_pq.h at run time (dlopen of the
 * soname found at configure time, FM_PQ_SONAME). */
#include "data/fm_pq.h"

#ifdef FM_HAVE_LIBPQ
#include <dlfcn.h>

#ifndef FM_PQ_SONAME
#define FM_PQ_SONAME "libpq.so.5"
#endif

fm_status fm_pq_load(fm_ctx *ctx, fm_pq *api)
{
    void *lib = dlopen(FM_PQ_SONAME, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE);
    void *sym;
    if (!lib)
        return fm_error(ctx, FM_EIO,
                        "cannot load libpq (%s) for the PostgreSQL store: %s (install libpq5)",
                        FM_PQ_SONAME, dlerror());
#define FM_PQ_BIND(f)                                                                      \
    if (!(sym = dlsym(lib, #f))) {                                                         \
        dlclose(lib);                                                                      \
        return fm_error(ctx, FM_EIO, "libpq (%s) has no function %s", FM_PQ_SONAME, #f);   \
    }                                                                                      \
    *(void **)&api->f = sym;
    FM_PQ_FUNCTIONS(FM_PQ_BIND)
#undef FM_PQ_BIND
    dlclose(lib); /* NODELETE: stays mapped; the pointers stay valid */
    return FM_OK;
}
#endif
