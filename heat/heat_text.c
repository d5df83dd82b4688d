/* heat_text.c: the words and numbers around a heatmap: its defaults, units,
 * title, credits, and the hash of the options that change the picture. */
#include <stdio.h>
#include <string.h>

#include "heat/fm_heat.h"

static const char *const month_names[12] = {"January", "February", "March", "April", "May",
                                             "June", "July", "August", "September",
                                             "October", "November", "December"};

void fm_heat_opts_init(fm_heat_opts *o)
{
    memset(o, 0, sizeof *o);
    fm_filter_init(&o->filter);
    o->bandwidth_m = 30000;
    o->cell_m = 1000;
    o->kernel = FM_KERNEL_GAUSSIAN;
    o->ramp = FM_RAMP_VIRIDIS;
    fm_map_opts_init(&o->map);
}

const char *fm_heat_units(const fm_heat_opts *o, int ascii)
{
    if (o->weight_fatalities)
        return ascii ? "fatalities per 100 km2" : "fatalities per 100 km\u00b2";
    return ascii ? "incidents per 100 km2" : "incidents per 100 km\u00b2";
}

/* FNV-1a, 64 bits: a stable hash for the monthly manifest (not for security). */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    return hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

uint64_t fm_heat_opts_hash(const fm_heat_opts *o)
{
    char b[512];
    const fm_filter *f = &o->filter;
    uint64_t h = 14695981039346656037ULL;
    snprintf(b, sizeof b, "%.17g|%.17g|%d|%d|%.17g|%d|%d|%.17g|%.17g|%d|%u|%d|%.17g,%.17g,%.17g,"
             "%.17g|%d|%.17g",
             o->bandwidth_m, o->cell_m, (int)o->kernel, o->weight_fatalities, o->scale_max,
             (int)o->ramp, o->points, o->map.page_w_mm, o->map.page_h_mm, o->map.dpi,
             o->map.labels, f->has_bbox, f->west, f->south, f->east, f->north,
             f->min_fatalities, f->near_border_m);
    h = hash_str(h, b);
    h = hash_str(h, o->title);
    h = hash_str(h, o->where);
    h = hash_str(h, o->map.lang);
    h = hash_bytes(h, &f->loc_mask, sizeof f->loc_mask);
    h = hash_bytes(h, &f->spans, sizeof f->spans);
    h = hash_str(h, f->type);
    h = hash_str(h, f->actor);
    h = hash_str(h, f->country);
    h = hash_str(h, f->admin1);
    h = hash_str(h, f->admin2);
    h ^= f->within ? (uint64_t)f->within->npoints * 0x9e3779b97f4a7c15ULL : 0;
    return hash_str(h, f->side);
}

static void format_day(fm_day d, char *out, size_t cap)
{
    int y, m, dd;
    fm_day_to_ymd(d, &y, &m, &dd);
    snprintf(out, cap, "%d %s %d", dd, month_names[m - 1], y);
}

void fm_heat_title(const fm_heat_opts *o, fm_day since, fm_day until, fm_buf *out,
                   fm_ctx *ctx)
{
    char a[40], b[40];
    int y1, m1, d1, y2, m2, d2;
    if (o->title) {
        fm_buf_puts(ctx, out, o->title);
        return;
    }
    fm_buf_puts(ctx, out, o->weight_fatalities ? "Fatality density" : "Incident density");
    if (o->where && *o->where)
        fm_buf_printf(ctx, out, " %s", o->where);
    if (since == FM_DAY_NONE && until == FM_DAY_NONE)
        return;
    fm_day_to_ymd(since, &y1, &m1, &d1);
    fm_day_to_ymd(until, &y2, &m2, &d2);
    if (since != FM_DAY_NONE && until != FM_DAY_NONE && y1 == y2 && m1 == m2 && d1 == 1 &&
        d2 == fm_days_in_month(y2, m2)) {
        fm_buf_printf(ctx, out, ", %s %d", month_names[m1 - 1], y1);
        return;
    }
    if (since != FM_DAY_NONE && until != FM_DAY_NONE && y1 == y2 && m1 == 1 && d1 == 1 &&
        m2 == 12 && d2 == 31) { /* a whole year */
        fm_buf_printf(ctx, out, ", %d", y1);
        return;
    }
    if (since != FM_DAY_NONE && until != FM_DAY_NONE && y1 < y2 && m1 == 1 && d1 == 1 &&
        m2 == 12 && d2 == 31) { /* whole years: short enough for the page */
        fm_buf_printf(ctx, out, ", %d\u2013%d", y1, y2);
        return;
    }
    if (since != FM_DAY_NONE && until != FM_DAY_NONE && d1 == 1 &&
        d2 == fm_days_in_month(y2, m2)) { /* whole months */
        if (y1 == y2)
            fm_buf_printf(ctx, out, ", %s\u2013%s %d", month_names[m1 - 1], month_names[m2 - 1],
                          y1);
        else
            fm_buf_printf(ctx, out, ", %s %d \u2013 %s %d", month_names[m1 - 1], y1,
                          month_names[m2 - 1], y2);
        return;
    }
    format_day(since, a, sizeof a);
    format_day(until, b, sizeof b);
    if (since == FM_DAY_NONE)
        fm_buf_printf(ctx, out, ", until %s", b);
    else if (until == FM_DAY_NONE)
        fm_buf_printf(ctx, out, ", since %s", a);
    else
        fm_buf_printf(ctx, out, ", %s to %s", a, b);
}

/* Credits: the sources of the incidents shown, and how the density was made. */
void fm_heat_credits(fm_ctx *ctx, const fm_heat_opts *o, const fm_heat_layer *l, fm_buf *b)
{
    size_t n = l->pts && l->pts->n ? l->pts->nsources : 0;
    if (n)
        fm_credit_sources(ctx, (const char *const *)l->pts->sources, n, l->acled_day, &l->ged,
                          b);
    else
        fm_buf_puts(ctx, b, "No incidents in this period. ");
    fm_buf_printf(ctx, b, "Density: %s kernel, bandwidth %g km, %g km cells, %s",
                  o->kernel == FM_KERNEL_GAUSSIAN ? "Gaussian" : "quartic",
                  o->bandwidth_m / 1000, o->cell_m / 1000, fm_heat_units(o, 0));
}

