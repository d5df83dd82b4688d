/* opt_heat.c: the options that shape a density surface (--bandwidth,
 * --kernel, --weight, --cell, --scale-max, --ramp, --points), declared once
 * as an option group whose values go into an fm_heat_opts; heatmap and
 * monthly include it, with the filter and page groups beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

/* --bandwidth (data 0) and --cell (data 1): a distance within the range. */
static fm_status km_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    static const double lo_m[] = {100, 50}, hi_m[] = {1000e3, 100e3};
    double *out = target;
    int k = (int)opt->data;
    if (fm_parse_distance_m(cli->ctx, arg, out))
        return fm_error_prefix(cli->ctx, FM_EUSAGE, "--%s", opt->long_name);
    if (!(*out >= lo_m[k] && *out <= hi_m[k]))
        return fm_error(cli->ctx, FM_EUSAGE, "--%s %s is out of range (%g to %g km)",
                        opt->long_name, arg, lo_m[k] / 1000, hi_m[k] / 1000);
    return FM_OK;
}

static fm_status kernel_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    fm_kernel *k = target;
    (void)opt;
    if (!strcasecmp(arg, "gaussian"))
        *k = FM_KERNEL_GAUSSIAN;
    else if (!strcasecmp(arg, "quartic") || !strcasecmp(arg, "biweight"))
        *k = FM_KERNEL_QUARTIC;
    else
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --kernel '%s': use gaussian or quartic",
                        arg);
    return FM_OK;
}

static fm_status weight_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    int *w = target;
    (void)opt;
    if (!strcasecmp(arg, "count"))
        *w = 0;
    else if (!strcasecmp(arg, "fatalities"))
        *w = 1;
    else
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --weight '%s': use count or fatalities",
                        arg);
    return FM_OK;
}

static fm_status scale_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    double *d = target;
    (void)opt;
    if (fm_parse_double(cli->ctx, arg, d) || !(*d > 0))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --scale-max '%s': a positive number", arg);
    return FM_OK;
}

static fm_status ramp_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    return fm_ramp_parse(cli->ctx, arg, target) ? fm_error_prefix(cli->ctx, FM_EUSAGE, "--ramp")
                                                : FM_OK;
}

const fm_opt fm_cli_heat_opts[] = {
    FM_TEXT("density:\n"),
    FM_VALUE(0, "bandwidth", fm_heat_opts, bandwidth_m, "D",
             "kernel bandwidth, 30km by default (Gaussian sigma,\nquartic radius); 0.1 to 1000 km",
             km_value, 0, NULL),
    FM_VALUE(0, "kernel", fm_heat_opts, kernel, "gaussian|quartic",
             "gaussian (default; truncated at 4 sigma) or quartic\n(exact radial)", kernel_value,
             0, "gaussian|quartic"),
    FM_VALUE(0, "weight", fm_heat_opts, weight_fatalities, "count|fatalities",
             "count (default) or fatalities (unknown fatalities count 0)", weight_value, 0,
             "count|fatalities"),
    FM_VALUE(0, "cell", fm_heat_opts, cell_m, "D",
             "grid cell size, 1km by default (at most the bandwidth)", km_value, 1, NULL),
    FM_VALUE(0, "scale-max", fm_heat_opts, scale_max, "N",
             "top of the colour scale (default: the peak density)", scale_value, 0, NULL),
    FM_VALUE(0, "ramp", fm_heat_opts, ramp, "viridis|magma|inferno",
             "viridis (default), magma or inferno; fades to\ntransparent at the low end",
             ramp_value, 0, "viridis|magma|inferno"),
    FM_FLAG(0, "points", fm_heat_opts, points, "also draw the incidents"),
    FM_OPTS_END};

fm_status fm_cli_heat_period(fm_cli *cli, fm_store *st, const fm_gazetteer *gz, fm_heat_opts *o,
                             fm_day since, fm_day until, fm_buf *note)
{
    int first = 0, last = 0, m, d;
    double e[4];
    fm_status s = FM_OK;
    if (since != FM_DAY_NONE)
        fm_day_to_ymd(since, &first, &m, &d);
    if (until != FM_DAY_NONE)
        fm_day_to_ymd(until, &last, &m, &d);
    if (!first || !last) { /* an open end: the incidents' own years */
        fm_filter f = o->filter;
        int f0, f1;
        f.since = since, f.until = until;
        fm_filter_spatial_default(&f);
        if ((s = fm_store_years(cli->ctx, st, &f, (first ? 0 : FM_YEARS_FIRST) |
                                                      (last ? 0 : FM_YEARS_LAST),
                                &f0, &f1)))
            return s;
        first = first ? first : f0;
        last = last ? last : f1;
    }
    o->map.period_year = last;
    o->period_note = NULL;
    if (first && gz) {
        fm_heat_extent(o, e);
        fm_cli_period_note(cli->ctx, gz, first, last, e, note);
        if ((s = fm_buf_check(cli->ctx, note)))
            return s;
        o->period_note = note->len ? fm_buf_str(note) : NULL;
    }
    return FM_OK;
}

fm_status fm_cli_heat_district(fm_cli *cli, fm_store *st, const fm_gazetteer *gz,
                               fm_heat_opts *o, fm_day since, fm_day until,
                               fm_cli_district_frame *df, const char *series, char *where,
                               size_t cap, fm_buf *note)
{
    fm_status s = fm_cli_district_frame_store(cli->ctx, st, gz, &o->filter, since, until,
                                              &o->map, df);
    if (s || !df->n)
        return s;
    snprintf(where, cap, "in %s district", df->name);
    o->where = where;
    if ((s = fm_cli_district_frame_note(cli->ctx, df, note)))
        return s;
    if (note->len && series) /* a month's map: the count is the series' */
        fm_buf_printf(cli->ctx, note, " (from %s)", series);
    if ((s = fm_buf_check(cli->ctx, note)))
        return s;
    o->map.note = note->len ? fm_buf_str(note) : NULL;
    return FM_OK;
}

fm_status fm_cli_heat_province(fm_cli *cli, const fm_basemap *bm, fm_cli_page *page,
                               fm_heat_opts *o, int *titled)
{
    fm_filter *f = &o->filter;
    double e[4];
    fm_status s;
    *titled = 0;
    if (page->province[0]) {
        if ((s = fm_cli_region_apply(cli->ctx, bm, page->province, f, &o->map, e)))
            return s;
    } else if (f->admin1 && !f->admin2 && !page->has_region_box && !f->has_bbox &&
               fm_cli_province_frame(cli->ctx, bm, f->admin1, page)) {
        /* (framed on the whole frontier, titled without the province) */
        *titled = 1;
        o->map.subject = page->mo.subject;
        o->map.subject_country = page->mo.subject_country;
        e[0] = page->mo.west, e[1] = page->mo.south, e[2] = page->mo.east, e[3] = page->mo.north;
    } else {
        return FM_OK;
    }
    o->map.has_extent = 1; /* the polygon's box with map's margin */
    o->map.west = e[0], o->map.south = e[1], o->map.east = e[2], o->map.north = e[3];
    return FM_OK;
}
