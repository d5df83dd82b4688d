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

/* The credits a KML file carries, as a map of the same incidents would give
 * them: each source of the rows (with UCDP GED's release and ACLED's access
 * date), the time rule and the frontiermap version. */
static fm_status kml_credits(fm_cli *cli, fm_store *st, const fm_filter *f, fm_buf *b)
{
    fm_stat_row *rows = NULL;
    const char *names[16];
    size_t n = 0, k = 0;
    char acled[11] = "";
    fm_source_info ged;
    fm_status s;
    if ((s = fm_store_stats(cli->ctx, st, f, FM_GROUP_SOURCE, &rows, &n)) ||
        (s = fm_store_source_info(cli->ctx, st, "ged", &ged)) ||
        (s = fm_store_imported_on(cli->ctx, st, "acled", acled))) {
        fm_stat_rows_free(rows, n);
        return s;
    }
    for (size_t i = 0; i < n && k < sizeof names / sizeof names[0]; i++)
        if (!fm_stat_key_apart(rows[i].key))
            names[k++] = rows[i].key;
    fm_cli_credit_sources(cli->ctx, names, k, acled, &ged, b);
    fm_buf_printf(cli->ctx, b, "Each placemark spans the days of its incident (TimeSpan); "
                  "styles are by event type. Exported by frontiermap %s.", fm_version());
    fm_stat_rows_free(rows, n);
    return fm_buf_check(cli->ctx, b);
}

static int run_export(fm_cli *cli, const char *db, const fm_filter *f, fm_export_format fmt,
                      const char *out)
{
    fm_store *st = NULL;
    size_t n = 0;
    fm_status s;
    fm_buf cred = {0};
    fm_export_notes notes = {NULL, 0};
    if (!(s = fm_cli_open_store(cli, db, FM_STORE_READ, &st)) && fmt == FM_EXPORT_KML &&
        !(s = kml_credits(cli, st, f, &cred)))
        notes.credits = fm_buf_str(&cred);
    if (!s)
        s = fm_store_export_notes(cli->ctx, st, f, fmt, out, cli->out, &notes, &n);
    fm_buf_free(&cred);
    if (!s && strcmp(out, "-") && !cli->quiet)
        fprintf(cli->err, "frontiermap: wrote %zu incidents to %s\n", n, out);
    if (!s && notes.without_point && !cli->quiet)
        fprintf(cli->err, "frontiermap: export: %zu incident%s without a point not written "
                          "(KML holds points only; CSV and GeoJSON keep them)\n",
                notes.without_point, notes.without_point == 1 ? "" : "s");
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
