/* cmd_stats.c: `frontiermap stats`: incidents and fatalities (best, low,
 * high) per month, year, province, district, type, actor or source, with a
 * total row. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/fm_output.h"

static int parse_group(const char *s, fm_group_by *out)
{
    static const struct { const char *name; fm_group_by by; } groups[] = {
        {"month", FM_GROUP_MONTH}, {"year", FM_GROUP_YEAR}, {"admin1", FM_GROUP_ADMIN1},
        {"province", FM_GROUP_ADMIN1}, {"admin2", FM_GROUP_ADMIN2},
        {"district", FM_GROUP_ADMIN2}, {"type", FM_GROUP_TYPE}, {"actor", FM_GROUP_ACTOR},
        {"source", FM_GROUP_SOURCE}, {"subtype", FM_GROUP_SUB_TYPE},
        {"sub-type", FM_GROUP_SUB_TYPE}, {"violence", FM_GROUP_VIOLENCE},
        {"dyad", FM_GROUP_DYAD}, {"none", FM_GROUP_NONE}};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (!strcasecmp(s, groups[i].name)) {
            *out = groups[i].by;
            return 1;
        }
    return 0;
}

static fm_status add_line(fm_cli *cli, fm_table *t, const char *key, int64_t inc, int64_t f,
                          int64_t lo, int64_t hi)
{
    char b[4][32];
    snprintf(b[0], sizeof b[0], "%lld", (long long)inc);
    snprintf(b[1], sizeof b[1], "%lld", (long long)f);
    snprintf(b[2], sizeof b[2], "%lld", (long long)lo);
    snprintf(b[3], sizeof b[3], "%lld", (long long)hi);
    const char *cells[] = {key, b[0], b[1], b[2], b[3]};
    return fm_table_add(cli->ctx, t, cells);
}

typedef struct {
    const char *path; /* --chart, or NULL */
    int fatalities;   /* --weight fatalities */
} chart_opts;

/* The chart's series for --by: month gives one; the groupings with a few
 * values stack; the others (districts, actors, dyads) have too many. */
static int chart_series(fm_group_by by, fm_group_by *series)
{
    switch (by) {
    case FM_GROUP_MONTH: *series = FM_GROUP_NONE; return 1;
    case FM_GROUP_TYPE: case FM_GROUP_SOURCE: case FM_GROUP_VIOLENCE: case FM_GROUP_ADMIN1:
        *series = by;
        return 1;
    default: return 0;
    }
}

static int run_stats(fm_cli *cli, const char *db, const fm_filter *f, fm_group_by by,
                     fm_table_format fmt, const char *group_name, const chart_opts *co)
{
    const char *hdr[] = {group_name, "incidents", "fatalities_best", "fatalities_low",
                         "fatalities_high"};
    static const int num[] = {0, 1, 1, 1, 1};
    fm_store *st = NULL;
    fm_stat_row *rows = NULL;
    fm_table *t = NULL;
    size_t n = 0, i;
    int64_t tot[4] = {0, 0, 0, 0};
    fm_status s;
    if ((s = fm_cli_open_store(cli, db, FM_STORE_READ, &st)) ||
        (s = fm_store_stats(cli->ctx, st, f, by, &rows, &n)))
        goto done;
    if (!(t = fm_table_create(5, hdr, num))) {
        s = fm_error(cli->ctx, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n && !s; i++) {
        s = add_line(cli, t, rows[i].key, rows[i].incidents, rows[i].fatalities,
                     rows[i].fatalities_low, rows[i].fatalities_high);
        tot[0] += rows[i].incidents, tot[1] += rows[i].fatalities;
        tot[2] += rows[i].fatalities_low, tot[3] += rows[i].fatalities_high;
    }
    if (!s)
        s = add_line(cli, t, "total", tot[0], tot[1], tot[2], tot[3]);
    if (!s && co->path) {
        fm_group_by series = FM_GROUP_NONE;
        chart_series(by, &series);
        s = fm_cli_stats_chart(cli, st, f, series,
                               by == FM_GROUP_TYPE ? "event type"
                               : by == FM_GROUP_ADMIN1 ? "province"
                               : by == FM_GROUP_VIOLENCE ? "UCDP violence type" : group_name,
                               co->fatalities, co->path);
        if (!s && !cli->quiet && strcmp(co->path, "-"))
            fprintf(cli->err, "frontiermap: wrote the chart to %s\n", co->path);
    }
    if (!s)
        fm_table_print(t, fmt, cli->out);
done:
    fm_table_destroy(t);
    fm_stat_rows_free(rows, n);
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}

typedef struct {
    const char *db, *group;
    fm_group_by by;
    fm_table_format fmt;
    chart_opts chart;
    int have_weight;
    fm_filter f;
} stats_opts;

static fm_status by_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    stats_opts *o = target;
    (void)opt;
    if (!parse_group(arg, &o->by))
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --by '%s': use month, year, admin1, "
                        "admin2, type, subtype, actor, source, violence, dyad or none", arg);
    o->group = arg;
    return FM_OK;
}

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (fm_table_format_parse(arg, target) != 0)
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --format '%s': use table, csv or json",
                        arg);
    return FM_OK;
}

static fm_status weight_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    stats_opts *o = target;
    (void)opt;
    if (strcmp(arg, "count") && strcmp(arg, "fatalities"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --weight '%s': use count or fatalities",
                        arg);
    o->chart.fatalities = !strcmp(arg, "fatalities");
    o->have_weight = 1;
    return FM_OK;
}

static const fm_opt stats_opts_table[] = {
    FM_STRING(0, "db", stats_opts, db, "F", "the store (default $FRONTIERMAP_DB, else built-in)"),
    {FM_OPTK_VALUE, 0, "by", 0, "G", "the grouping (default month); violence and dyad are UCDP\n"
     "GED's own typology (state-based, non-state, one-sided)", by_value, 0,
     "month|year|admin1|admin2|type|subtype|actor|source|violence|dyad|none", 0, NULL},
    FM_VALUE(0, "format", stats_opts, fmt, "F", "table (default), csv or json", format_value, 0,
             "table|csv|json"),
    FM_STRING(0, "chart", stats_opts, chart.path, "FILE",
              "also draw incidents per month as a chart (PNG, PDF or\n"
              "SVG), stacked by --by type, source, violence or admin1\n"
              "(--by month: one series); counted in the month of their\n"
              "start date, those longer than it noted apart"),
    {FM_OPTK_VALUE, 0, "weight", 0, "W", "the chart's figure: count (default) or fatalities",
     weight_value, 0, "count|fatalities", 0, NULL},
    FM_INCLUDE(stats_opts, f, fm_cli_filter_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_stats_desc = {
    "stats",
    "usage: frontiermap stats [--db F] [--by month|year|admin1|admin2|type|subtype|actor|\n"
    "                         source|violence|dyad] [filters] [--format table|csv|json]\n"
    "                         [--chart FILE.png|pdf|svg [--weight count|fatalities]]\n",
    "Counts incidents and fatalities per group (low/high fall back to the best\n"
    "estimate where a row gives no range), with a total row.\n",
    stats_opts_table, NULL, 0, 0, NULL};

int cmd_stats(fm_cli *cli, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_stats_desc;
    stats_opts o;
    fm_group_by series;
    int rc, n;
    memset(&o, 0, sizeof o);
    o.group = "month";
    o.by = FM_GROUP_MONTH;
    o.fmt = FM_TABLE_TEXT;
    fm_filter_init(&o.f);
    if ((rc = fm_opts_parse(cli, d, &o, argc, argv, &n)) >= 0)
        return rc;
    if (o.have_weight && !o.chart.path)
        return fm_opts_usage_error(cli, d, "--weight is for --chart");
    if (o.chart.path) {
        const char *dot = strrchr(o.chart.path, '.');
        if (!chart_series(o.by, &series))
            return fm_opts_usage_error(cli, d, "--chart stacks --by month, type, source, "
                                       "violence or admin1, not '%s'", o.group);
        if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".pdf") &&
                     strcasecmp(dot, ".svg")))
            return fm_opts_usage_error(cli, d, "cannot tell the format of '%s': use .png, "
                                       ".pdf or .svg", o.chart.path);
        if (fm_output_check(cli->ctx, o.chart.path, 0))
            return fm_opts_usage_error(cli, d, "%s", fm_ctx_message(cli->ctx));
    }
    return run_stats(cli, o.db, &o.f, o.by, o.fmt, o.group, &o.chart);
}
