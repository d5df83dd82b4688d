/* pq.c: binds the libpq functions of fm_pq.h at run time (dlopen of the
 * soname found at configure time, FM_PQ_SONAME). */
#include "data/fm_pq.h"

#ifdef FM_HAVE_LIBPQ

#ifndef FM_PQ_SONAME
#define FM_PQ_SONAME "libpq.so.5"
#endif

fm_status fm_pq_load(fm_ctx *ctx, fm_pq *api)
{
#define FM_PQ_NAME(f) #f,
#define FM_PQ_SLOT(f) (void **)&api->f,
    static const char *const names[] = {FM_PQ_FUNCTIONS(FM_PQ_NAME)};
    void **const slots[] = {FM_PQ_FUNCTIONS(FM_PQ_SLOT)};
#undef FM_PQ_NAME
#undef FM_PQ_SLOT
    return fm_dl_bind(ctx, FM_PQ_SONAME, "libpq", " for the PostgreSQL store",
                      " (install libpq5)", names, slots, sizeof names / sizeof names[0]);
}
#endif
