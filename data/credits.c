/* credits.c: the credit line a map or heatmap gives for the incident
 * sources it shows, with the citation each source asks for. */
#include <string.h>

#include "data/fm_data.h"

/* UCDP GED with the version the imported file stated, never a constant: a
 * map must cite the release its data came from. */
static void credit_ged(fm_ctx *ctx, const fm_source_info *g, fm_buf *b)
{
    if (g && g->version[0])
        fm_buf_printf(ctx, b, "UCDP GED %s (Sundberg & Melander 2013; Davies et al. 2023),"
                      " CC BY 4.0. ", g->version);
    else if (g && g->file[0])
        fm_buf_printf(ctx, b, "UCDP GED, version not stated in the file imported (%s)"
                      " (Sundberg & Melander 2013; Davies et al. 2023), CC BY 4.0. ", g->file);
    else
        fm_buf_puts(ctx, b, "UCDP GED, version not recorded (Sundberg & Melander 2013;"
                    " Davies et al. 2023), CC BY 4.0. ");
}

void fm_credit_sources(fm_ctx *ctx, const char *const *sources, size_t n,
                       const char *acled_accessed, const fm_source_info *ged_info, fm_buf *b)
{
    size_t i, other = 0;
    const char *other_name = NULL;
    int reports = 0, ged = 0, acled = 0;
    for (i = 0; i < n; i++) {
        const char *s = sources[i] ? sources[i] : "";
        if (!strcmp(s, "reports"))
            reports = 1;
        else if (!strcmp(s, "ged"))
            ged = 1;
        else if (!strcmp(s, "acled"))
            acled = 1;
        else if (!other++)
            other_name = *s ? s : "unnamed source";
    }
    if (reports)
        fm_buf_puts(ctx, b, "Incidents: frontiermap built-in set compiled from five "
                    "public reports (see data/incidents/README.md). ");
    if (acled)
        fm_buf_printf(ctx, b, "ACLED (Armed Conflict Location & Event Data), accessed %s. ",
                      acled_accessed && *acled_accessed ? acled_accessed : "date not recorded");
    if (ged)
        credit_ged(ctx, ged_info, b);
    if (other)
        fm_buf_printf(ctx, b, "Other sources: %s%s. ", other_name, other > 1 ? " and more" : "");
    if (!n)
        fm_buf_puts(ctx, b, "No incidents matched. ");
}
