/* leftout.c: what a spatial product (near, map, heatmap, monthly) left out,
 * so it can say so: incidents whose location class it does not use
 * (country-level by default), incidents without a point, and incidents that
 * start in a bounded period but last longer than it (docs/DESIGN.md "Time").
 * The three are disjoint: each incident left out is told once. */
#include <math.h>
#include <string.h>

#include "data/fm_data.h"

#define PLACED (FM_LOC_ALL & ~FM_LOC_BIT(FM_LOC_NONE))
#define LIST_MAX 4 /* incidents named in a map's note */

typedef struct {
    fm_ctx *ctx;
    fm_tally *t;
    fm_left *l;   /* with list: the incidents are also named in l->names */
    int list;
} tally_job;

/* "Taliban: 58 Pakistani soldiers killed" from a claims text, each part cut
 * to its first clause, so a note stays short. */
static void short_claims(fm_ctx *ctx, const char *claims, fm_buf *b)
{
    const char *p = claims;
    int first = 1;
    while (p && *p) {
        size_t n = strcspn(p, ";"), cut = strcspn(p, ",(");
        while (*p == ' ')
            p++, n--, cut--;
        if (cut > n)
            cut = n;
        if (cut > 60)
            cut = 60;
        while (cut && p[cut - 1] == ' ')
            cut--;
        if (cut)
            fm_buf_printf(ctx, b, "%s%.*s", first ? "" : "; ", (int)cut, p), first = 0;
        p += n + (p[n] == ';');
    }
}

static void name_incident(fm_ctx *ctx, const fm_incident *in, fm_buf *b)
{
    char d1[11], d2[11];
    fm_day_format(in->date_start, d1);
    fm_day_format(in->date_end != FM_DAY_NONE ? in->date_end : in->date_start, d2);
    fm_buf_printf(ctx, b, "%s%s%s, %.70s", d1, strcmp(d1, d2) ? " to " : "",
                  strcmp(d1, d2) ? d2 : "",
                  in->location && *in->location ? in->location
                  : in->country && *in->country ? in->country : "place unknown");
    if (in->claims && *in->claims) {
        fm_buf_puts(ctx, b, " (");
        short_claims(ctx, in->claims, b);
        fm_buf_puts(ctx, b, ")");
    } else if (in->fatalities >= 0) {
        fm_buf_printf(ctx, b, " (%d killed)", in->fatalities);
    }
}

static fm_status tally_one(void *user, const fm_incident *in, double dist_m, double bearing_deg)
{
    tally_job *j = user;
    (void)dist_m, (void)bearing_deg;
    j->t->n++;
    j->t->killed += in->fatalities > 0 ? in->fatalities : 0;
    j->t->unknown += in->fatalities < 0;
    if (j->list && j->l->listed < LIST_MAX) {
        fm_buf_puts(j->ctx, &j->l->names, j->l->listed ? "; " : "");
        name_incident(j->ctx, in, &j->l->names);
        j->l->listed++;
    }
    return FM_OK;
}

/* Adds the incidents of f (with the classes mask, spans, and without its
 * place filters when unplaced) to t. */
/* Without names to list, the light point query does (from the packed copy
 * of a big store: a heatmap's tallies cost milliseconds, not table scans). */
static fm_status tally(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned mask, int spans,
                       int unplaced, fm_tally *t, fm_left *l, int list)
{
    fm_filter g = *f;
    tally_job j = {ctx, t, l, list};
    fm_points *p = NULL;
    fm_status s;
    if (!mask)
        return FM_OK;
    g.loc_mask = mask;
    g.spans = spans;
    if (unplaced)
        g.has_bbox = g.has_near = 0;
    if (list)
        return fm_store_query_each(ctx, st, &g, tally_one, &j);
    if ((s = fm_store_query_points(ctx, st, &g, 0, &p)))
        return s;
    for (size_t i = 0; i < p->n; i++) {
        t->killed += p->fatalities[i] > 0 ? p->fatalities[i] : 0;
        t->unknown += p->fatalities[i] < 0;
    }
    t->n += (long long)p->n;
    fm_points_destroy(p);
    return FM_OK;
}

fm_status fm_left_out(fm_ctx *ctx, fm_store *st, const fm_filter *f, int with_unlocated,
                          int list, fm_left *out)
{
    unsigned used = f->loc_mask ? f->loc_mask : FM_LOC_ALL;
    fm_status s;
    memset(out, 0, sizeof *out);
    if ((s = tally(ctx, st, f, PLACED & ~used, FM_SPANS_FIT, 0, &out->coarse, out, list)) ||
        (with_unlocated && !(used & FM_LOC_BIT(FM_LOC_NONE)) &&
         (s = tally(ctx, st, f, FM_LOC_BIT(FM_LOC_NONE), FM_SPANS_FIT, 1, &out->unlocated, out,
                    list))))
        return s;
    if (fm_filter_span_limit(f) < 0)
        return FM_OK;
    if ((s = tally(ctx, st, f, PLACED, FM_SPANS_LONGER, 0, &out->longer, NULL, 0)) ||
        (with_unlocated &&
         (s = tally(ctx, st, f, FM_LOC_BIT(FM_LOC_NONE), FM_SPANS_LONGER, 1, &out->longer,
                    NULL, 0))))
        return s;
    return FM_OK;
}

static void tally_words(fm_ctx *ctx, const fm_tally *t, const char *what, const char *verb,
                        fm_buf *b)
{
    char n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF];
    if (!t->n)
        return;
    fm_buf_printf(ctx, b, "%s%s incident%s %s, ", b->len ? "; " : "", fm_format_count(t->n, n1),
                  t->n == 1 ? "" : "s", what);
    if (t->unknown == t->n)
        fm_buf_puts(ctx, b, "no fatality figure given");
    else
        fm_buf_printf(ctx, b, "%s killed%s", fm_format_count(t->killed, n2),
                      t->unknown ? " (not all with a figure)" : "");
    fm_buf_printf(ctx, b, ", %s", verb);
}

void fm_left_describe(fm_ctx *ctx, const fm_filter *f, const fm_left *l,
                          const char *verb, fm_buf *out)
{
    unsigned used = f->loc_mask ? f->loc_mask : FM_LOC_ALL;
    char what[160] = "located only to ";
    size_t k = strlen(what);
    const char *sep = "";
    for (int c = FM_LOC_EXACT; c < FM_LOC_NONE; c++)
        if ((PLACED & ~used) & FM_LOC_BIT(c)) {
            k += (size_t)snprintf(what + k, sizeof what - k, "%s%s%s", sep,
                                  c == FM_LOC_COUNTRY ? "the " : "a ", fm_loc_class_name(c));
            sep = " or ";
        }
    if (strstr(what, "a exact") || strstr(what, "a near")) /* a finer class asked away */
        snprintf(what, sizeof what, "of another location precision");
    tally_words(ctx, &l->coarse, what, verb, out);
    tally_words(ctx, &l->unlocated, "without a usable location", verb, out);
    tally_words(ctx, &l->longer, "lasting longer than the period", verb, out);
}

void fm_filter_spatial_default(fm_filter *f)
{
    if (!f->loc_mask)
        f->loc_mask = FM_LOC_SPATIAL;
}

void fm_left_free(fm_left *l)
{
    fm_buf_free(&l->names);
}
