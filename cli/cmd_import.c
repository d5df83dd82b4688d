/* cmd_import.c: `frontiermap import`: loads ACLED, UCDP GED, CSV, GeoJSON or
 * GeoPackage files into a store as one transaction, and reports what changed. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli/cli.h"

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

/* The identity of FILE.rejects.csv for each input before the import, so that
 * afterwards the ones it wrote (renamed into place: a new inode) are named. */
typedef struct {
    dev_t dev;
    ino_t ino;
    int existed;
} file_id;

static void rejects_ids(char **files, int n, file_id *ids)
{
    char path[4096];
    struct stat sb;
    for (int i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s.rejects.csv", files[i]);
        ids[i].existed = stat(path, &sb) == 0;
        ids[i].dev = ids[i].existed ? sb.st_dev : 0;
        ids[i].ino = ids[i].existed ? sb.st_ino : 0;
    }
}

/* "written to a.csv.rejects.csv" (and the others written), or --rejects's file. */
static void say_rejects(fm_cli *cli, const fm_import_opts *opts, const fm_import_stats *stats,
                        char **files, int n, const file_id *before)
{
    char path[4096];
    struct stat sb;
    int shown = 0;
    fprintf(cli->err, "frontiermap: %lld row%s rejected", (long long)stats->rejected,
            stats->rejected == 1 ? "" : "s");
    if (opts->rejects_path) {
        fprintf(cli->err, ", written to %s\n", opts->rejects_path);
        return;
    }
    for (int i = 0; i < n && before; i++) {
        snprintf(path, sizeof path, "%s.rejects.csv", files[i]);
        if (stat(path, &sb) == 0 && (!before[i].existed || sb.st_ino != before[i].ino ||
                                     sb.st_dev != before[i].dev))
            fprintf(cli->err, "%s%s", shown++ ? ", " : ", written to ", path);
    }
    fputs(shown ? "\n" : ", written beside their inputs as INPUT.rejects.csv\n", cli->err);
}

static int run_import(fm_cli *cli, const char *db, fm_import_opts *opts, char **files, int n)
{
    file_id *before = opts->skip_bad ? calloc((size_t)n, sizeof *before) : NULL;
    fm_store *st = NULL;
    fm_import_stats stats;
    fm_gazetteer *gz = NULL;
    fm_basemap *bm = NULL;
    fm_status s;
    if ((s = load_geo(cli, &gz, &bm))) {
        free(before);
        return fm_cli_fail(cli, s);
    }
    if ((s = fm_cli_open_store(cli, db, FM_STORE_WRITE, &st))) {
        fm_basemap_close(bm);
        free(before);
        return fm_cli_fail(cli, s);
    }
    if (before)
        rejects_ids(files, n, before);
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
    if (s) {
        free(before);
        return fm_cli_fail(cli, s);
    }
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
        say_rejects(cli, opts, &stats, files, n, before);
    free(before);
    return FM_EXIT_OK;
}

typedef struct {
    const char *db;
    fm_import_opts io;
} import_opts;

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (!parse_format(arg, target))
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --format '%s': use auto, acled, ged, csv, "
                        "geojson or gpkg", arg);
    return FM_OK;
}

static fm_status source_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (!*arg || fm_utf8_check(cli->ctx, "the name", arg))
        return fm_error(cli->ctx, FM_EUSAGE, "--source needs a name");
    *(const char **)target = arg;
    return FM_OK;
}

static fm_status version_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (!*arg || strlen(arg) > 60 || fm_utf8_check(cli->ctx, "the version", arg))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --source-version '%s'", arg);
    *(const char **)target = arg;
    return FM_OK;
}

static fm_status ged_types_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (strcasecmp(arg, "acled") && strcasecmp(arg, "ucdp"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --ged-types '%s': use acled or ucdp", arg);
    *(int *)target = strcasecmp(arg, "ucdp") ? FM_GED_TYPES_ACLED : FM_GED_TYPES_UCDP;
    return FM_OK;
}

static const fm_opt import_opts_table[] = {
    FM_STRING(0, "db", import_opts, db, "F", "the store (created if missing)"),
    FM_VALUE(0, "format", import_opts, io.format, "F",
             "the input format; auto looks at the header (default)", format_value, 0,
             "auto|acled|ged|csv|geojson|gpkg"),
    FM_FLAG(0, "skip-bad", import_opts, io.skip_bad, "import good rows, write rejects with line "
            "and reason"),
    FM_STRING(0, "rejects", import_opts, io.rejects_path, "FILE",
              "where rejects go (default INPUT.rejects.csv beside each input)"),
    FM_STRING(0, "map", import_opts, io.mapping, "M",
              "generic CSV columns: date=When,lat=Y,lon=X,location=Place,..."),
    FM_VALUE(0, "source", import_opts, io.source, "NAME",
             "the source name to record (default acled, ged, csv, ...)", source_value, 0, NULL),
    FM_VALUE(0, "source-version", import_opts, io.source_version, "V",
             "the release of the source's export, credited on maps\n"
             "(default: read from the file name, e.g. ged211 -> UCDP GED 21.1)",
             version_value, 0, NULL),
    FM_VALUE(0, "ged-types", import_opts, io.ged_types, "T",
             "acled (default): a GED event gets the ACLED type its sources\n"
             "support (air/drone strike, shelling, battle, violence against\n"
             "civilians); ucdp: GED's own (state-based, non-state, one-sided)",
             ged_types_value, 0, "acled|ucdp"),
    FM_OPTS_END};

const fm_cmd_desc fm_import_desc = {
    "import",
    "usage: frontiermap import [--db F] [--format auto|acled|ged|csv|geojson|gpkg]\n"
    "                          [--skip-bad] [--rejects FILE] [--map 'lat=Y,lon=X,...']\n"
    "                          [--source NAME] [--source-version V] [--ged-types acled|ucdp]\n"
    "                          FILE...\n",
    "Imports incident files into the store (default $FRONTIERMAP_DB) as one transaction:\n"
    "a bad row aborts the whole import and leaves the store as it was, unless --skip-bad,\n"
    "which imports the good rows and writes the others to INPUT.rejects.csv.\n"
    "Rows are matched on (source, source_id): re-importing updates them.\n",
    import_opts_table, NULL, 1, -1, "no input file"};

int cmd_import(fm_cli *cli, int argc, char **argv)
{
    import_opts o;
    int rc, n;
    memset(&o, 0, sizeof o);
    if ((rc = fm_opts_parse(cli, &fm_import_desc, &o, argc, argv, &n)) >= 0)
        return rc;
    if (o.io.rejects_path && !o.io.skip_bad)
        return fm_opts_usage_error(cli, &fm_import_desc, "--rejects needs --skip-bad");
    return run_import(cli, o.db, &o.io, argv, n);
}
