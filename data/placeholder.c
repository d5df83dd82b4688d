/* placeholder.c: stands in for the store until data/store.c lands. */
#include "data/fm_data.h"

fm_status fm_store_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out)
{
    (void)mode;
    *out = NULL;
    return fm_error(ctx, FM_EIO, "cannot open '%s': store not available yet", path);
}

fm_status fm_store_open_builtin(fm_ctx *ctx, fm_store **out)
{
    *out = NULL;
    return fm_error(ctx, FM_EIO, "built-in store not available yet");
}
