/* cmd_heatmap.c: `frontiermap heatmap`: incident density in an equal-area
 * projection, drawn over the basemap with a perceptual ramp, optionally also
 * written as a GeoTIFF (the pipeline: heat/fm_heat.h). The heatmap options
 * (fm_cli_heat_option) are shared with `monthly`. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/fm_output.h"

static const char usage[] =
    "usage: frontiermap heatmap [--db F] --out FILE.png|pdf|svg [--month YYYY-MM | --since D "
    "--until D] [options]\n"
    "\n"
    "Kernel density of the incidents, in incidents (or fatalities) per 100 km\u00b2, computed\n"
    "on a grid in an equal-area (Albers) projection and drawn over the basemap.\n"
    "\n"
    "  --db F                   store (default $FRONTIERMAP_DB, else the built-in incidents)\n"
    "  --out FILE               output .png, .pdf or .svg (required)\n"
    "  --month YYYY-MM          the period: one calendar month\n"
    "  --region R               a named extent, as for map (also filters to it):\n"
    "                           " FM_CLI_REGION_NAMES "\n"
    "  --grid-out FILE.tif      also write the density grid as a Float32 GeoTIFF in the\n"
    "                           equal-area CRS, unit set (for QGIS)\n"
    "%s"
    "%s"
    "\n"
    "Exit codes: 0 ok, 1 failure, 2 usage.\n";

#define HEAT_USAGE                                                                        \
    "  --bandwidth 30km         kernel bandwidth (Gaussian sigma, quartic radius)\n"      \
    "  --kernel gaussian|quartic  Gaussian (truncated at 4 sigma) or exact radial quartic\n" \
    "  --weight count|fatalities  what the density counts (unknown fatalities count 0)\n"  \
    "  --cell 1km               grid cell size (at most the bandwidth)\n"                 \
    "  --scale-max N            top of the colour scale (default: the peak density)\n"    \
    "  --ramp viridis|magma|inferno  colour ramp (fades to transparent at the low end)\n" \
    "  --points                 also draw the incidents\n"                                \
    "  --title T                title (default: 'Incident density, <period>')\n"         \
    "  --size A4|A3|A5|Letter[-landscape]|WxH  page size (WxH in mm), default A4\n"      \
    "  --dpi N                  PNG resolution (default 150)\n"                           \
    "  --labels LIST            crossings,districts,provinces,towns | all | none\n"      \
    "  --lang en|en+ps|en+ur    label languages\n"

/* A4, A3, A5, Letter, Legal, each optionally "-landscape", or "WxH" in mm. */
static fm_status parse_size(fm_cli *cli, fm_map_opts *m, const char *val)
{
    static const struct { const char *name; double w, h; } pages[] = {
        {"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4},
        {"Legal", 215.9, 355.6}};
    double w, h, wh[2];
    size_t i, n;
    if (fm_parse_doubles(NULL, val, 'x', wh, 2) == FM_OK) {
        w = wh[0], h = wh[1];
        if (!(w >= 50 && h >= 50 && w <= 2000 && h <= 2000))
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --size '%s': 50 to 2000 mm", val);
        m->page_w_mm = w, m->page_h_mm = h;
        return FM_OK;
    }
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        n = strlen(pages[i].name);
        if (strncasecmp(val, pages[i].name, n) != 0)
            continue;
        if (!val[n] || !strcasecmp(val + n, "-portrait")) {
            m->page_w_mm = pages[i].w, m->page_h_mm = pages[i].h;
            return FM_OK;
        }
        if (!strcasecmp(val + n, "-landscape")) {
            m->page_w_mm = pages[i].h, m->page_h_mm = pages[i].w;
            return FM_OK;
        }
    }
    return fm_error(cli->ctx, FM_EUSAGE,
                    "invalid --size '%s': use A3, A4, A5, Letter or Legal (optionally "
                    "-landscape) or WxH in mm",
                    val);
}

static fm_status parse_labels(fm_cli *cli, fm_map_opts *m, const char *val)
{
    static const struct { const char *name; unsigned bit; } kinds[] = {
        {"crossings", FM_LABEL_CROSSINGS}, {"districts", FM_LABEL_DISTRICTS},
        {"provinces", FM_LABEL_PROVINCES}, {"towns", FM_LABEL_TOWNS},
        {"all", FM_LABEL_CROSSINGS | FM_LABEL_DISTRICTS | FM_LABEL_PROVINCES | FM_LABEL_TOWNS},
        {"none", 0}};
    unsigned bits = 0;
    const char *p = val;
    while (*p) {
        size_t n = strcspn(p, ","), i;
        for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strlen(kinds[i].name) == n && !strncasecmp(p, kinds[i].name, n))
                break;
        if (i == sizeof kinds / sizeof kinds[0])
            return fm_error(cli->ctx, FM_EUSAGE,
                            "invalid --labels '%s': use crossings, districts, provinces, "
                            "towns, all or none, separated by commas",
                            val);
        bits |= kinds[i].bit;
        p += n + (p[n] == ',');
    }
    m->labels = bits;
    return FM_OK;
}

static fm_status parse_km(fm_cli *cli, const char *opt, const char *val, double lo_m,
                          double hi_m, double *out)
{
    if (fm_parse_distance_m(cli->ctx, val, out))
        return fm_error_prefix(cli->ctx, FM_EUSAGE, "--%s", opt);
    if (!(*out >= lo_m && *out <= hi_m))
        return fm_error(cli->ctx, FM_EUSAGE, "--%s %s is out of range (%g to %g km)", opt, val,
                        lo_m / 1000, hi_m / 1000);
    return FM_OK;
}

static fm_status heat_option_value(fm_cli *cli, fm_heat_opts *o, int code, const char *val)
{
    double d;
    long n;
    switch (code) {
    case FM_OPT_SCALE_MAX:
        if (fm_parse_double(cli->ctx, val, &d) || !(d > 0))
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --scale-max '%s': a positive number",
                            val);
        o->scale_max = d;
        return FM_OK;
    case FM_OPT_RAMP:
        return fm_ramp_parse(cli->ctx, val, &o->ramp) ? fm_error_prefix(cli->ctx, FM_EUSAGE,
                                                                         "--ramp")
                                                       : FM_OK;
    case FM_OPT_TITLE:
        o->title = val;
        return FM_OK;
    case FM_OPT_SIZE:
        return parse_size(cli, &o->map, val);
    case FM_OPT_DPI:
        if (fm_parse_long(cli->ctx, val, &n) || n < 36 || n > 1200)
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --dpi '%s': 36 to 1200", val);
        o->map.dpi = (int)n;
        return FM_OK;
    case FM_OPT_LABELS:
        return parse_labels(cli, &o->map, val);
    case FM_OPT_LANG:
        if (strcmp(val, "en") && strcmp(val, "en+ps") && strcmp(val, "en+ur"))
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --lang '%s': use en, en+ps or en+ur",
                            val);
        o->map.lang = val;
        return FM_OK;
    }
    return fm_error(cli->ctx, FM_EUSAGE, "unknown option");
}

fm_status fm_cli_heat_option(fm_cli *cli, fm_heat_opts *o, int code, const char *val)
{
    if (code >= FM_OPT_SINCE && code < FM_OPT_FILTER_LAST)
        return fm_cli_filter_option(cli, &o->filter, code, val);
    switch (code) {
    case FM_OPT_BANDWIDTH:
        return parse_km(cli, "bandwidth", val, 100, 1000e3, &o->bandwidth_m);
    case FM_OPT_CELL:
        return parse_km(cli, "cell", val, 50, 100e3, &o->cell_m);
    case FM_OPT_KERNEL:
        if (!strcasecmp(val, "gaussian"))
            o->kernel = FM_KERNEL_GAUSSIAN;
        else if (!strcasecmp(val, "quartic") || !strcasecmp(val, "biweight"))
            o->kernel = FM_KERNEL_QUARTIC;
        else
            return fm_error(cli->ctx, FM_EUSAGE,
                            "invalid --kernel '%s': use gaussian or quartic", val);
        return FM_OK;
    case FM_OPT_WEIGHT:
        if (!strcasecmp(val, "count"))
            o->weight_fatalities = 0;
        else if (!strcasecmp(val, "fatalities"))
            o->weight_fatalities = 1;
        else
            return fm_error(cli->ctx, FM_EUSAGE,
                            "invalid --weight '%s': use count or fatalities", val);
        return FM_OK;
    case FM_OPT_POINTS:
        o->points = 1;
        return FM_OK;
    }
    return heat_option_value(cli, o, code, val);
}

/* ---- the command ---------------------------------------------------------- */

enum { OPT_DB = 1, OPT_OUT, OPT_MONTH, OPT_GRID_OUT, OPT_REGION, OPT_HELP };

typedef struct {
    const char *db, *out, *grid_out;
    int month_given, range_given;
    fm_day since, until;
    fm_heat_opts heat;
    char province[64]; /* --region names a province: its polygon, applied once loaded */
} heat_args;

static int check_out(fm_cli *cli, const char *out, const char *us)
{
    const char *dot = out ? strrchr(out, '.') : NULL;
    if (!out)
        return fm_cli_usage_error(cli, us, "heatmap: --out FILE is required");
    if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".pdf") && strcasecmp(dot, ".svg")))
        return fm_cli_usage_error(cli, us, "heatmap: --out '%s' must end in .png, .pdf or .svg",
                                  out);
    return FM_EXIT_OK;
}

static int parse_args(fm_cli *cli, int argc, char **argv, heat_args *a, const char *us)
{
    static const struct option longopts[] = {
        {"db", 1, 0, OPT_DB}, {"out", 1, 0, OPT_OUT}, {"month", 1, 0, OPT_MONTH},
        {"grid-out", 1, 0, OPT_GRID_OUT}, {"region", 1, 0, OPT_REGION}, {"help", 0, 0, OPT_HELP},
        FM_CLI_FILTER_OPTIONS, FM_CLI_HEAT_OPTIONS, {0, 0, 0, 0}};
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == OPT_HELP)
            return -1;
        if (c == '?' || c == ':')
            return fm_cli_option_error(cli, us, "heatmap", c, argv);
        if (c == OPT_DB)
            a->db = optarg;
        else if (c == OPT_OUT)
            a->out = optarg;
        else if (c == OPT_GRID_OUT)
            a->grid_out = optarg;
        else if (c == OPT_REGION) {
            fm_filter *f = &a->heat.filter;
            double e[4];
            if (fm_cli_region_province(cli->ctx, optarg, a->province, sizeof a->province))
                return fm_cli_fail(cli, fm_ctx_status(cli->ctx));
            if (a->province[0])
                continue;
            if (!fm_cli_region_find(optarg, e))
                return fm_cli_usage_error(cli, us, "heatmap: unknown --region '%s'", optarg);
            /* the grid, the map and the counts all follow the region's box */
            f->has_bbox = 1;
            f->west = e[0], f->south = e[1], f->east = e[2], f->north = e[3];
        }
        else if (c == OPT_MONTH) {
            if (fm_month_parse(cli->ctx, optarg, &a->since, &a->until))
                return fm_cli_usage_error(cli, us, "heatmap: --month: %s",
                                          fm_ctx_message(cli->ctx));
            a->month_given = 1;
        } else {
            if (c == FM_OPT_SINCE || c == FM_OPT_UNTIL)
                a->range_given = 1;
            if (fm_cli_heat_option(cli, &a->heat, c, optarg))
                return fm_cli_usage_error(cli, us, "heatmap: %s", fm_ctx_message(cli->ctx));
        }
    }
    if (optind < argc)
        return fm_cli_usage_error(cli, us, "heatmap: unexpected argument '%s'", argv[optind]);
    if (a->month_given && a->range_given)
        return fm_cli_usage_error(cli, us, "heatmap: give --month or --since/--until, not both");
    if (!a->month_given)
        a->since = a->heat.filter.since, a->until = a->heat.filter.until;
    if (a->heat.bandwidth_m < a->heat.cell_m)
        return fm_cli_usage_error(cli, us, "heatmap: --bandwidth (%g km) must be at least "
                                  "--cell (%g km)",
                                  a->heat.bandwidth_m / 1000, a->heat.cell_m / 1000);
    return check_out(cli, a->out, us);
}

static void subtitle_of(const heat_args *a, const fm_heat_layer *l, fm_buf *b, fm_ctx *ctx)
{
    fm_filter f = a->heat.filter;
    char n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF];
    f.since = a->since;
    f.until = a->until;
    if (f.since == FM_DAY_NONE && f.until == FM_DAY_NONE)
        fm_buf_puts(ctx, b, "all dates");
    fm_cli_filter_describe(&f, b, ctx);
    fm_buf_printf(ctx, b, "%s%s incident%s, %s killed; %s kernel, bandwidth %g km",
                  b->len ? "; " : "", fm_format_count((long long)l->incidents, n1),
                  l->incidents == 1 ? "" : "s", fm_format_count(l->fatalities, n2), a->heat.kernel == FM_KERNEL_GAUSSIAN ? "Gaussian" : "quartic",
                  a->heat.bandwidth_m / 1000);
}

/* Computes, draws and (with --grid-out) writes the grid; stores are opened by the caller. */
static fm_status heatmap_run(fm_cli *cli, heat_args *a, fm_store *st, const fm_basemap *bm,
                             const fm_gazetteer *gz)
{
    fm_heat_layer l;
    fm_proj *proj = NULL;
    fm_buf title = {0}, sub = {0};
    fm_status s;
    double scale;
    if ((s = fm_heat_proj(cli->ctx, &a->heat, &proj)))
        return s;
    if ((s = fm_heat_compute(cli->ctx, st, &a->heat, proj, a->since, a->until, &l))) {
        fm_proj_destroy(proj);
        return s;
    }
    scale = a->heat.scale_max > 0 ? a->heat.scale_max : (l.max > 0 ? l.max : 1);
    fm_heat_title(&a->heat, a->since, a->until, &title, cli->ctx);
    subtitle_of(a, &l, &sub, cli->ctx);
    /* the grid first: a bad --grid-out path then leaves no map behind either */
    if (!(s = fm_buf_check(cli->ctx, &title)))
        s = fm_buf_check(cli->ctx, &sub);
    if (!s && a->grid_out)
        s = fm_grid_write_geotiff(cli->ctx, l.grid, fm_proj_wkt(proj),
                                  fm_heat_units(&a->heat, 1), a->grid_out);
    if (!s)
        s = fm_heat_render(cli->ctx, &a->heat, bm, gz, &l, scale, fm_buf_str(&title),
                               fm_buf_str(&sub), a->out);
    if (!s && !cli->quiet) {
        fm_buf left = {0};
        fm_filter f = a->heat.filter;
        fm_cli_spatial_default(&f);
        fm_cli_left_describe(cli, &f, &l.left, "not mapped", &left);
        fprintf(cli->out, "%s: %zu incidents, %ld killed, peak %.4g %s, scale 0-%.4g\n", a->out,
                l.incidents, l.fatalities, l.max, fm_heat_units(&a->heat, 1), scale);
        if (left.len)
            fprintf(cli->out, "left out: %s\n", fm_buf_str(&left));
        fm_buf_free(&left);
    }
    fm_buf_free(&title);
    fm_buf_free(&sub);
    fm_heat_layer_free(&l);
    fm_proj_destroy(proj);
    return s;
}

/* Both outputs, before anything is computed: neither may replace the store,
 * a device or the other (a grid renamed over by the map). */
static fm_status check_outputs(fm_cli *cli, const heat_args *a)
{
    fm_status s = fm_output_check(cli->ctx, a->out, 0);
    if (s || !a->grid_out)
        return s;
    if ((s = fm_output_check(cli->ctx, a->grid_out, FM_OUTPUT_BY_NAME)))
        return s == FM_EUSAGE ? s : fm_error_prefix(cli->ctx, s, "cannot write --grid-out");
    if (fm_path_same_file(a->out, a->grid_out))
        return fm_error(cli->ctx, FM_EUSAGE, "--out and --grid-out name one file ('%s')",
                        a->out);
    return FM_OK;
}

int cmd_heatmap(fm_cli *cli, int argc, char **argv)
{
    char us[4096];
    heat_args a;
    fm_store *st = NULL;
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_status s;
    int rc;
    snprintf(us, sizeof us, usage, HEAT_USAGE, FM_CLI_FILTER_USAGE);
    memset(&a, 0, sizeof a);
    fm_heat_opts_init(&a.heat);
    rc = parse_args(cli, argc, argv, &a, us);
    if (rc < 0)
        return fm_cli_help(cli, us);
    if (rc)
        return rc;
    fm_cli_progress_begin(cli);
    if (!(s = fm_cli_open_store(cli, a.db, FM_STORE_READ, &st)) &&
        !(s = check_outputs(cli, &a)) && !(s = fm_basemap_open(cli->ctx, NULL, &bm)) &&
        !(s = fm_gazetteer_open(cli->ctx, NULL, &gz))) {
        double e[4];
        if (a.province[0])
            s = fm_cli_region_apply(cli->ctx, bm, a.province, &a.heat.filter, e);
        if (!s)
            s = heatmap_run(cli, &a, st, bm, gz);
    }
    fm_cli_progress_end(cli);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}
