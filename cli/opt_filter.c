/* opt_filter.c: the filter options every query command shares (--since,
 * --until, --type, --bbox, --precision ...), declared once as an option
 * group (fm_cli_filter_opts) whose values go into an fm_filter. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

/* What each filter option sets (opt->data of its table entry). */
enum {
    FM_OPT_SINCE = 1000, FM_OPT_UNTIL, FM_OPT_TYPE, FM_OPT_ACTOR, FM_OPT_MIN_FATALITIES,
    FM_OPT_BBOX, FM_OPT_NEAR_BORDER, FM_OPT_SIDE, FM_OPT_COUNTRY, FM_OPT_ADMIN1, FM_OPT_ADMIN2,
    FM_OPT_PRECISION, FM_OPT_MAX_PRECISION
};

static fm_status parse_bbox(fm_cli *cli, fm_filter *f, const char *val)
{
    double v[4];
    if (fm_parse_doubles(cli->ctx, val, ',', v, 4) || !isfinite(v[0]) || !isfinite(v[1]) || !isfinite(v[2]) || !isfinite(v[3]) ||
        v[0] >= v[2] || v[1] >= v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)
        return fm_error(cli->ctx, FM_EUSAGE,
                        "invalid --bbox '%s': expected W,S,E,N in degrees with W<E and S<N",
                        val);
    f->has_bbox = 1;
    f->west = v[0];
    f->south = v[1];
    f->east = v[2];
    f->north = v[3];
    return FM_OK;
}

/* "exact,near" or "all" -> a set of location classes. */
static fm_status parse_precision(fm_cli *cli, fm_filter *f, const char *val)
{
    unsigned mask = 0;
    const char *p = val;
    char word[32];
    if (!strcasecmp(val, "all") || !strcasecmp(val, "any")) {
        f->loc_mask = FM_LOC_ALL;
        return FM_OK;
    }
    while (*p) {
        size_t n = strcspn(p, ",");
        int c;
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word - 1 ? n : sizeof word - 1), p);
        if ((c = fm_loc_class_parse(word)) < 0 || n >= sizeof word)
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --precision '%s': use exact, near,"
                            " district, province, country or none, separated by commas, or"
                            " all", val);
        mask |= FM_LOC_BIT(c);
        p += n + (p[n] == ',');
    }
    if (!mask)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --precision '%s'", val);
    f->loc_mask = f->loc_mask && f->loc_mask != FM_LOC_ALL ? f->loc_mask & mask : mask;
    return FM_OK;
}

/* "district" -> exact, near and district. */
static fm_status parse_max_precision(fm_cli *cli, fm_filter *f, const char *val)
{
    unsigned mask = 0;
    int c = fm_loc_class_parse(val);
    if (c < 0)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --max-precision '%s': use exact, near,"
                        " district, province, country or none", val);
    for (int k = FM_LOC_EXACT; k <= c; k++)
        mask |= FM_LOC_BIT(k);
    f->loc_mask = f->loc_mask && f->loc_mask != FM_LOC_ALL ? f->loc_mask & mask : mask;
    return FM_OK;
}

/* Applies filter option code with value val to f: FM_OK, or FM_EUSAGE with
 * the reason on the context. */
static fm_status filter_option(fm_cli *cli, fm_filter *f, int code, const char *val)
{
    long n;
    switch (code) {
    case FM_OPT_PRECISION:
        return parse_precision(cli, f, val);
    case FM_OPT_MAX_PRECISION:
        return parse_max_precision(cli, f, val);
    case FM_OPT_SINCE:
    case FM_OPT_UNTIL:
        if (fm_date_parse(cli->ctx, val, code == FM_OPT_SINCE ? &f->since : &f->until))
            return fm_error_prefix(cli->ctx, FM_EUSAGE, "--%s",
                                   code == FM_OPT_SINCE ? "since" : "until");
        if (f->since != FM_DAY_NONE && f->until != FM_DAY_NONE && f->since > f->until)
            return fm_error(cli->ctx, FM_EUSAGE, "--since is after --until");
        return FM_OK;
    case FM_OPT_TYPE:
        f->type = val;
        return FM_OK;
    case FM_OPT_ACTOR:
        f->actor = val;
        return FM_OK;
    case FM_OPT_MIN_FATALITIES:
        if (fm_parse_long(cli->ctx, val, &n) || n < 0 || n > 1000000)
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --min-fatalities '%s'", val);
        f->min_fatalities = (int)n;
        return FM_OK;
    case FM_OPT_BBOX:
        return parse_bbox(cli, f, val);
    case FM_OPT_NEAR_BORDER:
        if (fm_parse_distance_m(cli->ctx, val, &f->near_border_m))
            return fm_error_prefix(cli->ctx, FM_EUSAGE, "--near-border");
        return FM_OK;
    case FM_OPT_SIDE:
        if (!*(f->side = fm_country_code(val)))
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --side '%s': use PK or AF", val);
        return FM_OK;
    case FM_OPT_COUNTRY:
    case FM_OPT_ADMIN1:
    case FM_OPT_ADMIN2:
        if (!*val || fm_utf8_check(cli->ctx, "the name", val))
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --%s '%s'",
                            code == FM_OPT_COUNTRY ? "country"
                            : code == FM_OPT_ADMIN1 ? "admin1" : "admin2", val);
        *(code == FM_OPT_COUNTRY ? &f->country : code == FM_OPT_ADMIN1 ? &f->admin1
                                                                         : &f->admin2) = val;
        return FM_OK;
    }
    return fm_error(cli->ctx, FM_EUSAGE, "unknown option");
}


static fm_status filter_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    return filter_option(cli, target, (int)opt->data, arg);
}

#define FILTER(name, argh, code, help, choices) \
    {FM_OPTK_VALUE, 0, name, 0, argh, help, filter_value, code, choices, 0, NULL}

const fm_opt fm_cli_filter_opts[] = {
    FM_TEXT("filters (which incidents count):\n"),
    FILTER("since", "D", FM_OPT_SINCE, "from this date, inclusive (2025-10-01, 2025/10/01,\n'15 October 2025', 'October 15, 2025')", NULL),
    FILTER("until", "D", FM_OPT_UNTIL, "to this date, inclusive", NULL),
    FILTER("type", "T", FM_OPT_TYPE, "event type or sub-type (substring, any case)", NULL),
    FILTER("actor", "A", FM_OPT_ACTOR, "actor1 or actor2 (substring)", NULL),
    FILTER("min-fatalities", "N", FM_OPT_MIN_FATALITIES, "at least N killed (best estimate)", NULL),
    FILTER("bbox", "W,S,E,N", FM_OPT_BBOX, "longitude/latitude box", NULL),
    FILTER("near-border", "D", FM_OPT_NEAR_BORDER, "within this distance of the border (10km)", NULL),
    FILTER("side", "PK|AF", FM_OPT_SIDE, "on this side of the border", "PK|AF"),
    FILTER("country", "C", FM_OPT_COUNTRY, "PK, AF, Pakistan, Afghanistan (the incident's country)", "PK|AF"),
    FILTER("admin1", "P", FM_OPT_ADMIN1, "province, any spelling (KPK, NWFP, 'Balochistan\n"
           "province'); FATA is Khyber Pakhtunkhwa since 2018", NULL),
    FILTER("admin2", "D", FM_OPT_ADMIN2, "district, any spelling ('Khyber agency', 'FR Kohat')", NULL),
    FILTER("precision", "LIST", FM_OPT_PRECISION, "location precision: exact,near,district,province,\n"
           "country,none, or all (maps, heatmaps and near leave\nout country and none unless asked)",
           "all|exact|near|district|province|country|none"),
    FILTER("max-precision", "C", FM_OPT_MAX_PRECISION,
           "this class or finer (e.g. district: exact to district)",
           "exact|near|district|province|country|none"),
    FM_TEXT("time: an incident counts in the period holding its start date; with --since and\n"
            "--until, those lasting longer than the period are counted apart\n"),
    FM_OPTS_END};

/* --radius: a distance above zero. */
fm_status fm_cli_radius_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    double *r = target;
    (void)opt;
    if (fm_parse_distance_m(cli->ctx, arg, r))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --radius '%s': %s", arg, fm_cli_reason(cli));
    if (*r <= 0)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --radius '%s'", arg);
    return FM_OK;
}
