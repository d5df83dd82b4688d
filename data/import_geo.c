/* import_geo.c: what an import says about the rows it placed by name: each
 * answer that needed more than a plain match (a spelling, a choice among
 * same-named places, a fallback, a refusal) logged with file:line, the first
 * twenty of them, the rest counted; and the store's own place names, read
 * once when the first row needs geocoding. */
#include "data/store_priv.h"

void fm_import_places(fm_import_job *job)
{
    fm_store *rd = NULL;
    job->places_tried = 1;
    if (!job->st || fm_store_created(job->st))
        return; /* a new store knows no places yet */
    if (job->st->places_fn) {
        if (job->st->places_fn(job->ctx, job->st->places_user, &job->places)) {
            fm_log(job->ctx, FM_LOG_INFO, "the store's place names are not used: %s",
                   fm_ctx_message(job->ctx));
            fm_ctx_clear(job->ctx);
            job->places = NULL;
        }
        return;
    }
    if (fm_store_open(job->ctx, fm_store_path(job->st), FM_STORE_READ, &rd) ||
        fm_store_placememo(job->ctx, rd, &job->places)) {
        fm_log(job->ctx, FM_LOG_INFO, "the store's place names are not used: %s",
               fm_ctx_message(job->ctx));
        fm_ctx_clear(job->ctx);
        job->places = NULL;
    }
    fm_store_close(rd);
}

void fm_import_announce(fm_import_job *job, long line)
{
    if (!job->geo.note.len || job->drop_rejects)
        return; /* the built-in incidents are the project's, not the user's, to check */
    job->stats->geo_doubtful++;
    if (job->geo_shown++ < FM_IMPORT_GEO_SHOWN)
        fm_log(job->ctx, FM_LOG_WARN, "%s:%ld: %s", job->path, line, fm_buf_str(&job->geo.note));
}
