/* cmd_export.c: `frontiermap export`: the incidents matching the filters
 * written as GeoJSON, GeoPackage, CSV or KML, through a temporary file. */
#include <getopt.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static const char export_usage[] =
    "usage: frontiermap export [--db F] --format geojson|gpkg|csv|kml --out FILE [filters]\n"
    "Writes the incidents matching the filters (all by default) to FILE (\"-\" for\n"
    "stdout, except gpkg); the file appears only once complete. FILE is never the\n"
    "store or a directory, FIFO or device: for a pipe or device use \"-\" or a\n"
    "descriptor (/dev/stdout, /dev/fd/N) and redirect.\n"
    "  --db F                   the store (default $FRONTIERMAP_DB, else built-in)\n"
    "  --near LAT,LON --radius R  only incidents within R of a point\n" FM_CLI_FILTER_USAGE;

static int parse_format(const char *s, fm_export_format *out)
{
    if (!strcasecmp(s, "geojson") || !strcasecmp(s, "json"))
        *out = FM_EXPORT_GEOJSON;
    else if (!strcasecmp(s, "gpkg"))
        *out = FM_EXPORT_GPKG;
    else if (!strcasecmp(s, "csv"))
        *out = FM_EXPORT_CSV;
    else if (!strcasecmp(s, "kml"))
        *out = FM_EXPORT_KML;
    else
        return 0;
    return 1;
}

static int run_export(fm_cli *cli, const char *db, const fm_filter *f, fm_export_format fmt,
                      const char *out)
{
    fm_store *st = NULL;
    size_t n = 0;
    fm_status s;
    if (!(s = fm_cli_open_store(cli, db, FM_STORE_READ, &st)))
        s = fm_store_export(cli->ctx, st, f, fmt, out, cli->out, &n);
    if (!s && strcmp(out, "-") && !cli->quiet)
        fprintf(cli->err, "frontiermap: wrote %zu incidents to %s\n", n, out);
    if (!s && !cli->quiet) { /* the time rule's incidents counted apart, said aloud */
        fm_cli_left l;
        fm_buf b = {0};
        if (!(s = fm_cli_left_out(cli, st, f, 1, 0, &l)))
            fm_cli_left_describe(cli, f, &l, "not written", &b);
        if (b.len)
            fprintf(cli->err, "frontiermap: export: left out: %s\n", fm_buf_str(&b));
        fm_buf_free(&b);
        fm_cli_left_free(&l);
    }
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}

int cmd_export(fm_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'}, {"format", 1, 0, 'f'}, {"out", 1, 0, 'o'}, {"near", 1, 0, 'n'},
        {"radius", 1, 0, 'r'}, {"help", 0, 0, 'h'}, FM_CLI_FILTER_OPTIONS, {0, 0, 0, 0}};
    const char *db = NULL, *out = NULL;
    fm_export_format fmt = FM_EXPORT_GEOJSON;
    int have_fmt = 0, c;
    fm_filter f;
    fm_filter_init(&f);
    f.radius_m = 25000;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (!parse_format(optarg, &fmt))
                return fm_cli_usage_error(cli, export_usage, "unknown --format '%s'", optarg);
            have_fmt = 1;
            break;
        case 'o': out = optarg; break;
        case 'n':
            if (fm_parse_latlon(cli->ctx, optarg, &f.lon, &f.lat))
                return fm_cli_usage_error(cli, export_usage, "%s", fm_ctx_message(cli->ctx));
            f.has_near = 1;
            break;
        case 'r':
            if (fm_parse_distance_m(cli->ctx, optarg, &f.radius_m))
                return fm_cli_usage_error(cli, export_usage, "invalid --radius '%s': %s",
                                          optarg, fm_cli_reason(cli));
            if (f.radius_m <= 0)
                return fm_cli_usage_error(cli, export_usage, "invalid --radius '%s'", optarg);
            break;
        case 'h': return fm_cli_help(cli, export_usage);
        default:
            if (c >= FM_OPT_SINCE && c < FM_OPT_FILTER_LAST) {
                if (fm_cli_filter_option(cli, &f, c, optarg))
                    return fm_cli_usage_error(cli, export_usage, "%s", fm_ctx_message(cli->ctx));
                break;
            }
            return fm_cli_option_error(cli, export_usage, "export", c, argv);
        }
    }
    if (optind < argc)
        return fm_cli_usage_error(cli, export_usage, "unexpected argument '%s'", argv[optind]);
    if (!out)
        return fm_cli_usage_error(cli, export_usage, "--out FILE is required");
    if (!have_fmt) {
        const char *dot = strrchr(out, '.');
        if (!dot || !parse_format(dot + 1, &fmt))
            return fm_cli_usage_error(cli, export_usage, "--format is required for '%s'", out);
    }
    return run_export(cli, db, &f, fmt, out);
}
