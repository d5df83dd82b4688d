/* credits.c: the credit line a map or heatmap gives for the incident
 * sources it shows, with the citation each source asks for. */
#include <stdlib.h>
#include <string.h>

#include "data/fm_data.h"

/* Whether the credits cite source s on its own. */
static int cited_alone(const char *s)
{
    return !strcmp(s, "reports") || !strcmp(s, "ged") || !strcmp(s, "acled");
}

fm_status fm_credit_keep(fm_ctx *ctx, char **sources, size_t *n, size_t cap, const char *s)
{
    size_t i = *n;
    char *copy;
    s = s ? s : "";
    for (size_t k = 0; k < *n; k++)
        if (!strcmp(sources[k], s))
            return FM_OK;
    if (*n == cap) { /* full: only a cited source comes in, over the last other */
        if (!cited_alone(s))
            return FM_OK;
        while (i > 0 && cited_alone(sources[i - 1]))
            i--;
        if (i-- == 0)
            return FM_OK; /* (cap < 4: cannot happen) */
    }
    if (!(copy = strdup(s)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (i < *n)
        free(sources[i]);
    else
        (*n)++;
    sources[i] = copy;
    return FM_OK;
}

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
