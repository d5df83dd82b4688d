/* cli.h: what the subcommands share: the dispatch table, the command-line
 * session (context and streams), error reporting, option helpers and the
 * table/CSV/JSON printer. Only cli/ prints or exits. */
#ifndef FM_CLI_H
#define FM_CLI_H

#include <stdio.h>

#include "core/fm_core.h"
#include "data/fm_data.h"
#include "geo/fm_geo.h"
#include "render/fm_render.h"

/* Exit codes. */
enum { FM_EXIT_OK = 0, FM_EXIT_FAIL = 1, FM_EXIT_USAGE = 2 };

/* One invocation: the context plus where output and diagnostics go, so tests
 * can run commands in-process against memory streams. */
typedef struct {
    fm_ctx *ctx;
    FILE *out;
    FILE *err;
    int quiet;
    int verbose;
    int progress_tty; /* draw a progress bar (stderr is a terminal) */
} fm_cli;

typedef int (*fm_cmd_fn)(fm_cli *cli, int argc, char **argv);

typedef struct {
    const char *name;
    fm_cmd_fn fn;
    const char *summary;
} fm_command;

/* The dispatch table, ending with a zeroed entry (cli/commands.c). */
extern const fm_command fm_commands[];

/* Runs the whole program as main() would, argv[0] included; returns the exit code. */
int fm_cli_main(fm_cli *cli, int argc, char **argv);

/* Reports the context's error on cli->err as "frontiermap: <msg>" and returns
 * the exit code for st (2 for FM_EUSAGE, else 1). */
int fm_cli_fail(fm_cli *cli, fm_status st);
/* Prints "frontiermap <cmd>: <msg>" and the usage line; returns 2. */
int fm_cli_usage_error(fm_cli *cli, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints usage to cli->out (for --help); returns 0. */
int fm_cli_help(fm_cli *cli, const char *usage);

/* Resolves the store: --db value, else $FRONTIERMAP_DB, else NULL (built-in). */
const char *fm_cli_db_path(const char *db_opt);
/* Opens the store named by db_opt/$FRONTIERMAP_DB, or the built-in incidents. */
fm_status fm_cli_open_store(fm_cli *cli, const char *db_opt, fm_store_mode mode,
                            fm_store **out);
/* Installs the terminal progress bar on cli->ctx when stderr is a terminal. */
void fm_cli_progress_begin(fm_cli *cli);
void fm_cli_progress_end(fm_cli *cli);

/* ---- common filter options (--since --until --type --actor ...) ---------- */

/* Option codes of the shared filter options; put FM_CLI_FILTER_OPTIONS in a
 * getopt_long table and pass unknown codes to fm_cli_filter_option. */
enum {
    FM_OPT_SINCE = 1000, FM_OPT_UNTIL, FM_OPT_TYPE, FM_OPT_ACTOR, FM_OPT_MIN_FATALITIES,
    FM_OPT_BBOX, FM_OPT_NEAR_BORDER, FM_OPT_SIDE, FM_OPT_FILTER_LAST
};
#define FM_CLI_FILTER_OPTIONS                                                          \
    {"since", 1, 0, FM_OPT_SINCE}, {"until", 1, 0, FM_OPT_UNTIL},                      \
    {"type", 1, 0, FM_OPT_TYPE}, {"actor", 1, 0, FM_OPT_ACTOR},                        \
    {"min-fatalities", 1, 0, FM_OPT_MIN_FATALITIES}, {"bbox", 1, 0, FM_OPT_BBOX},      \
    {"near-border", 1, 0, FM_OPT_NEAR_BORDER}, {"side", 1, 0, FM_OPT_SIDE}
#define FM_CLI_FILTER_USAGE                                                            \
    "  --since D --until D      dates (2025-10-01, '15 October 2025'), inclusive\n"    \
    "  --type T                 event type or sub-type (substring, any case)\n"        \
    "  --actor A                actor1 or actor2 (substring)\n"                        \
    "  --min-fatalities N       at least N killed (best estimate)\n"                   \
    "  --bbox W,S,E,N           longitude/latitude box\n"                              \
    "  --near-border 10km       within this distance of the border\n"                  \
    "  --side PK|AF             on this side of the border\n"

/* Applies filter option code (FM_OPT_*) with value val to f. Returns FM_OK,
 * or FM_EUSAGE with a message on ctx for a bad value. */
fm_status fm_cli_filter_option(fm_cli *cli, fm_filter *f, int code, const char *val);
/* Describes active filters for a subtitle ("since 2025-10-01, type Battles"). */
void fm_cli_filter_describe(const fm_filter *f, fm_buf *out, fm_ctx *ctx);

/* ---- tabular output ------------------------------------------------------- */

typedef enum { FM_TABLE_TEXT = 0, FM_TABLE_CSV, FM_TABLE_JSON } fm_table_format;

int fm_table_format_parse(const char *s, fm_table_format *out);

typedef struct fm_table fm_table;

/* A table of strings; numeric columns (numeric[i] != 0) are right-aligned in
 * text and unquoted in JSON. Destroy with fm_table_destroy (accepts NULL). */
fm_table *fm_table_create(size_t ncols, const char *const *headers, const int *numeric);
void fm_table_destroy(fm_table *t);
/* Appends a row of ncols strings (copied; NULL prints as empty / null). */
fm_status fm_table_add(fm_ctx *ctx, fm_table *t, const char *const *cells);
/* Prints the table; JSON is an array of objects keyed by header. */
void fm_table_print(const fm_table *t, fm_table_format fmt, FILE *f);

/* ---- subcommands (one file each: cli/cmd_<name>.c) ----------------------- */

int cmd_geocode(fm_cli *cli, int argc, char **argv);
int cmd_where(fm_cli *cli, int argc, char **argv);
int cmd_import(fm_cli *cli, int argc, char **argv);
int cmd_add(fm_cli *cli, int argc, char **argv);
int cmd_near(fm_cli *cli, int argc, char **argv);
int cmd_stats(fm_cli *cli, int argc, char **argv);
int cmd_export(fm_cli *cli, int argc, char **argv);
int cmd_map(fm_cli *cli, int argc, char **argv);
int cmd_heatmap(fm_cli *cli, int argc, char **argv);
int cmd_monthly(fm_cli *cli, int argc, char **argv);

#endif
