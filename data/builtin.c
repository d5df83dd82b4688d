/* builtin.c: the built-in incidents of the reports (data_dir/incidents/
 * reports.csv) loaded into an in-memory store, geocoded where they lack
 * coordinates, so every command works on a fresh clone without --db. */
#include <stdio.h>
#include <string.h>

#include "data/store_priv.h"

fm_status fm_store_open_builtin(fm_ctx *ctx, fm_store **out)
{
    char path[4096];
    const char *paths[1];
    fm_import_opts opts;
    fm_import_stats stats;
    fm_store *st;
    fm_status s;
    *out = NULL;
    snprintf(path, sizeof path, "%s/incidents/reports.csv", fm_ctx_data_dir(ctx));
    if ((s = fm_store_open_memory(ctx, &st)))
        return s;
    memset(&opts, 0, sizeof opts);
    opts.format = FM_FORMAT_CSV;
    opts.source = "reports";
    opts.skip_bad = 1; /* an unplaceable report row must not break every command */
    paths[0] = path;
    if ((s = fm_import_run(ctx, st, paths, 1, &opts, &stats,
                           FM_IMPORT_LAZY_GZ | FM_IMPORT_DROP_REJECTS))) {
        fm_store_close(st);
        return fm_error_prefix(ctx, s, "cannot load the built-in incidents");
    }
    if (stats.rejected)
        fm_log(ctx, FM_LOG_INFO, "%lld built-in incidents left out (see above)",
               (long long)stats.rejected);
    st->read_only = 1;
    *out = st;
    return FM_OK;
}
