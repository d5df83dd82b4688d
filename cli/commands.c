/* commands.c: the dispatch table and the top-level option handling
 * (--help, --version, -q, -v) shared by every subcommand. */
#include <errno.h>
#include <string.h>

#include "cli/cli.h"
#include "core/fm_output.h"

const fm_command fm_commands[] = {
    {"geocode", cmd_geocode, "resolve place names to coordinates", &fm_geocode_desc},
    {"where", cmd_where, "reverse geocode LAT,LON: province, district, border distance",
     &fm_where_desc},
    {"import", cmd_import, "import ACLED, UCDP GED, CSV, GeoJSON or GeoPackage files",
     &fm_import_desc},
    {"add", cmd_add, "add one incident by hand", &fm_add_desc},
    {"near", cmd_near, "incidents within a radius of a place or point", &fm_near_desc},
    {"stats", cmd_stats, "counts and fatalities by month, province, district, type, actor",
     &fm_stats_desc},
    {"export", cmd_export, "write incidents as GeoJSON, GeoPackage, CSV or KML", &fm_export_desc},
    {"map", cmd_map, "draw an annotated map (PNG, PDF, SVG)", NULL},
    {"heatmap", cmd_heatmap, "draw an incident density heatmap", NULL},
    {"monthly", cmd_monthly, "regenerate one heatmap per month on one colour scale", NULL},
    {"db", cmd_db, "create or upgrade the schema of a PostgreSQL/PostGIS store", &fm_db_desc},
    {"extract", cmd_extract, "read candidate incidents from report text for review",
     &fm_extract_desc},
    {NULL, NULL, NULL, NULL}};

static const char main_usage[] =
    "usage: frontiermap [-q|-v] <command> [options]\n"
    "       frontiermap --version | --help | <command> --help\n";

static void log_to_stderr(void *user, fm_log_level level, const char *msg)
{
    fm_cli *cli = user;
    static const char *const tags[] = {"error", "warning", "info", "debug"};
    fprintf(cli->err, "frontiermap: %s: %s\n", tags[level], msg);
}

static void print_commands(FILE *f)
{
    const fm_command *c;
    fputs(main_usage, f);
    fputs("\ncommands:\n", f);
    for (c = fm_commands; c->name; c++)
        fprintf(f, "  %-9s %s\n", c->name, c->summary);
    fputs("\nWithout --db (or $FRONTIERMAP_DB) the built-in incidents from the reports are used.\n"
          "Exit codes: 0 ok, 1 failure, 2 usage error.\n",
          f);
}

/* Flushes stdout and turns a write failure (full disk, closed pipe) into an error. */
static int finish_output(fm_cli *cli, int rc)
{
    if (fflush(cli->out) != 0 || ferror(cli->out)) {
        fprintf(cli->err, "frontiermap: cannot write output: %s\n", strerror(errno));
        return rc ? rc : FM_EXIT_FAIL;
    }
    return rc;
}

/* One command on the context: the files it holds (its store, its inputs,
 * which no output may replace) are its own. */
static int run_command(fm_cli *cli, const fm_command *c, int argc, char **argv)
{
    int rc;
    fm_ctx_release_files(cli->ctx);
    rc = c->fn(cli, argc, argv);
    fm_ctx_release_files(cli->ctx);
    return rc;
}

static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
    return 0;
}

int fm_cli_main(fm_cli *cli, int argc, char **argv)
{
    const fm_command *c;
    int i = 1;
    fm_ctx_set_logger(cli->ctx, log_to_stderr, cli);
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--version")) {
            fprintf(cli->out, "frontiermap %s\n", fm_version());
            return finish_output(cli, FM_EXIT_OK);
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            print_commands(cli->out);
            return finish_output(cli, FM_EXIT_OK);
        } else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
            cli->quiet = 1;
        } else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
            cli->verbose++;
        } else {
            fprintf(cli->err, "frontiermap: unknown option '%s'\n%s", argv[i], main_usage);
            return FM_EXIT_USAGE;
        }
    }
    fm_ctx_set_log_level(cli->ctx, cli->quiet ? FM_LOG_ERROR
                                   : cli->verbose > 1 ? FM_LOG_DEBUG
                                   : cli->verbose ? FM_LOG_INFO
                                                  : FM_LOG_WARN);
    if (i >= argc) {
        print_commands(cli->err);
        return FM_EXIT_USAGE;
    }
    for (c = fm_commands; c->name; c++)
        if (!strcmp(c->name, argv[i])) {
            /* every command reads the built-in data (the gazetteer, the
             * basemap's checks, or the built-in incidents): a broken
             * installation says so before doing anything, --help aside */
            if (!wants_help(argc - i, argv + i) && fm_cli_need_data(cli))
                return fm_cli_fail(cli, FM_ENOTFOUND);
            return finish_output(cli, run_command(cli, c, argc - i, argv + i));
        }
    fprintf(cli->err, "frontiermap: '%s' is not a command; see 'frontiermap --help'\n", argv[i]);
    return FM_EXIT_USAGE;
}
