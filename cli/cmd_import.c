/* cmd_import.c: `frontiermap import`: loads ACLED, UCDP GED, CSV, GeoJSON or
 * GeoPackage files into a store as one transaction, and reports what changed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static const char import_usage[] =
    "usage: frontiermap import [--db F] [--format auto|acled|ged|csv|geojson|gpkg]\n"
    "                          [--skip-bad] [--rejects FILE] [--map 'lat=Y,lon=X,...']\n"
    "                          [--source NAME] [--source-version V] [--ged-types acled|ucdp]\n"
    "                          FILE...\n"
    "Imports incident files into the store (default $FRONTIERMAP_DB) as one transaction:\n"
    "a bad row aborts the whole import and leaves the store as it was, unless --skip-bad,\n"
    "which imports the good rows and writes the others to FILE.rejects.csv.\n"
    "Rows are matched on (source, source_id): re-importing updates them.\n"
    "  --db F           the store (created if missing)\n"
    "  --format F       the input format; auto looks at the header (default)\n"
    "  --skip-bad       import good rows, write rejects with line and reason\n"
    "  --rejects FILE   where rejects go (default FILE.rejects.csv)\n"
    "  --map M          generic CSV columns: date=When,lat=Y,lon=X,location=Place,...\n"
    "  --source NAME    the source name to record (default acled, ged, csv, ...)\n"
    "  --source-version V  the release of the source's export, credited on maps\n"
    "                   (default: read from the file name, e.g. ged211 -> UCDP GED 21.1)\n"
    "  --ged-types T    acled (default): a GED event gets the ACLED type its sources\n"
    "                   support (air/drone strike, shelling, battle, violence against\n"
    "                   civilians); ucdp: GED's own (state-based, non-state, one-sided)\n";

static int parse_format(const char *s, fm_format *out)
{
    static const char *const names[] = {"auto", "acled", "ged", "csv", "geojson", "gpkg"};
    for (int i = 0; i < 6; i++)
        if (!strcasecmp(s, names[i])) {
            *out = (fm_format)i;
            return 1;
        }
    return 0;
}

/* The gazetteer is loaded by the import itself, only if a row needs it. The
 * basemap is needed: without it rows would be stored without the
 * outside-country and swapped-coordinate checks and without border
 * distances, so a missing one is an error, before the store is touched. */
static fm_status load_geo(fm_cli *cli, fm_gazetteer **gz, fm_basemap **bm)
{
    *gz = NULL;
    return fm_basemap_open(cli->ctx, NULL, bm);
}

static int run_import(fm_cli *cli, const char *db, fm_import_opts *opts, char **files, int n)
{
    fm_store *st = NULL;
    fm_import_stats stats;
    fm_gazetteer *gz = NULL;
    fm_basemap *bm = NULL;
    fm_status s;
    if ((s = load_geo(cli, &gz, &bm)))
        return fm_cli_fail(cli, s);
    if ((s = fm_cli_open_store(cli, db, FM_STORE_WRITE, &st))) {
        fm_basemap_close(bm);
        return fm_cli_fail(cli, s);
    }
    opts->gz = gz;
    opts->bm = bm;
    fm_cli_progress_begin(cli);
    s = fm_store_import(cli->ctx, st, (const char *const *)files, (size_t)n, opts, &stats);
    fm_cli_progress_end(cli);
    /* a new store exists only if the import committed (fm_writer_commit
     * published it); closing discards an unpublished build, nothing else */
    fm_store_close(st);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    if (s)
        return fm_cli_fail(cli, s);
    if (!cli->quiet)
        fprintf(cli->out,
                "imported %lld rows from %s%s: %lld added, %lld updated, %lld unchanged, "
                "%lld rejected\n",
                (long long)stats.rows, files[0], n > 1 ? " and others" : "",
                (long long)stats.added, (long long)stats.updated, (long long)stats.unchanged,
                (long long)stats.rejected);
    if (!cli->quiet && stats.geo_doubtful > FM_IMPORT_GEO_SHOWN)
        fprintf(cli->err, "frontiermap: %lld rows were placed by a name that needed more than a "
                          "plain match (the first %d are shown above; their flags column says "
                          "which doubt: geocode-spelling, -chosen, -ambiguous, -country, "
                          "-fallback, -store)\n",
                (long long)stats.geo_doubtful, FM_IMPORT_GEO_SHOWN);
    if (!cli->quiet && (stats.geocoded || stats.flagged))
        fprintf(cli->err, "frontiermap: %lld rows geocoded from their place names, %lld flagged"
                          " (see the flags column)\n",
                (long long)stats.geocoded, (long long)stats.flagged);
    if (!cli->quiet && stats.unlocated)
        fprintf(cli->err, "frontiermap: %lld rows kept without a location (no coordinates and"
                          " a place the gazetteer does not know): counted by stats and export,"
                          " left out of maps and near\n",
                (long long)stats.unlocated);
    if (stats.rejected && !cli->quiet)
        fprintf(cli->err, "frontiermap: %lld rows rejected, written to %s\n",
                (long long)stats.rejected,
                opts->rejects_path ? opts->rejects_path : "FILE.rejects.csv");
    return FM_EXIT_OK;
}

int cmd_import(fm_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'}, {"format", 1, 0, 'f'}, {"skip-bad", 0, 0, 's'},
        {"rejects", 1, 0, 'r'}, {"map", 1, 0, 'm'}, {"source", 1, 0, 'S'},
        {"source-version", 1, 0, 'V'}, {"ged-types", 1, 0, 'G'},
        {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    fm_import_opts opts;
    const char *db = NULL;
    int c;
    memset(&opts, 0, sizeof opts);
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'f':
            if (!parse_format(optarg, &opts.format))
                return fm_cli_usage_error(cli, import_usage, "unknown --format '%s'", optarg);
            break;
        case 's': opts.skip_bad = 1; break;
        case 'r': opts.rejects_path = optarg; break;
        case 'm': opts.mapping = optarg; break;
        case 'S':
            if (!*optarg)
                return fm_cli_usage_error(cli, import_usage, "--source needs a name");
            opts.source = optarg;
            break;
        case 'V':
            if (!*optarg || strlen(optarg) > 60 || fm_utf8_check(cli->ctx, "the version", optarg))
                return fm_cli_usage_error(cli, import_usage, "invalid --source-version '%s'",
                                          optarg);
            opts.source_version = optarg;
            break;
        case 'G':
            if (strcasecmp(optarg, "acled") && strcasecmp(optarg, "ucdp"))
                return fm_cli_usage_error(cli, import_usage,
                                          "invalid --ged-types '%s': use acled or ucdp", optarg);
            opts.ged_types = strcasecmp(optarg, "ucdp") ? FM_GED_TYPES_ACLED : FM_GED_TYPES_UCDP;
            break;
        case 'h': return fm_cli_help(cli, import_usage);
        default:
            return fm_cli_option_error(cli, import_usage, "import", c, argv);
        }
    }
    if (optind >= argc)
        return fm_cli_usage_error(cli, import_usage, "no input file");
    if (opts.rejects_path && !opts.skip_bad)
        return fm_cli_usage_error(cli, import_usage, "--rejects needs --skip-bad");
    return run_import(cli, db, &opts, argv + optind, argc - optind);
}
