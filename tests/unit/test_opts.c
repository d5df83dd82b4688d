/* test_opts.c: the option parser (cli/opts.c) on a table of its own and on
 * the commands' tables: values and flags, unknown options with suggestions,
 * no abbreviations, missing values, -h/--help, stray operands, negative
 * numbers as operands, included groups; and the help generated. */
#include <stdlib.h>

#include "cli/cli.h"
#include "fm_test.h"

typedef struct {
    const char *db, *name;
    int count, verbose;
    double radius;
    fm_filter f;
} toy;

static fm_status radius_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (fm_parse_double(cli->ctx, arg, target) || *(double *)target <= 0)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --radius '%s'", arg);
    return FM_OK;
}

static const fm_opt toy_opts[] = {
    FM_STRING('d', "db", toy, db, "F", "the store"),
    FM_FLAG(0, "count", toy, count, "count only"),
    FM_FLAG('v', "verbose", toy, verbose, "say more"),
    FM_VALUE(0, "radius", toy, radius, "R", "a radius\nover two lines", radius_value, 0, NULL),
    FM_STRING(0, "name", toy, name, "N", "a name"),
    FM_INCLUDE(toy, f, fm_cli_filter_opts),
    FM_OPTS_END};

static const fm_cmd_desc toy_desc = {"toy", "usage: frontiermap toy [options] X [Y]\n",
                                     "A test command.\n", toy_opts, "The end.\n", 1, 2,
                                     "no X given"};

/* Runs the parser on a NULL-terminated argument list; out and err receive
 * what it printed. Returns the parser's result (-1: go on). */
static int parse(toy *t, char *out, char *err, int *nops, char **ops, const char **args)
{
    char *argv[32], *obuf = NULL, *ebuf = NULL;
    size_t olen = 0, elen = 0;
    int argc = 0, rc;
    fm_cli cli = {0};
    cli.ctx = fm_ctx_create();
    cli.out = open_memstream(&obuf, &olen);
    cli.err = open_memstream(&ebuf, &elen);
    argv[argc++] = (char *)"toy";
    while (*args && argc < 31)
        argv[argc++] = (char *)*args++;
    argv[argc] = NULL;
    memset(t, 0, sizeof *t);
    fm_filter_init(&t->f);
    *nops = -1;
    rc = fm_opts_parse(&cli, &toy_desc, t, argc, argv, nops);
    fclose(cli.out);
    fclose(cli.err);
    snprintf(out, 4096, "%s", obuf ? obuf : "");
    snprintf(err, 4096, "%s", ebuf ? ebuf : "");
    for (int i = 0; rc < 0 && i < *nops && i < 4; i++)
        ops[i] = argv[i];
    free(obuf);
    free(ebuf);
    fm_ctx_destroy(cli.ctx);
    return rc;
}

#define PARSE(...) parse(&t, out, err, &n, ops, (const char *[]){__VA_ARGS__, NULL})

static void test_values_and_operands(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("--db", "a.gpkg", "X", "--count", "--radius=5", "-v", "Y") == -1);
    CHECK_STR(t.db, "a.gpkg");
    CHECK(t.count == 1 && t.verbose == 1);
    CHECK_NEAR(t.radius, 5, 0);
    CHECK(n == 2);
    CHECK_STR(ops[0], "X");
    CHECK_STR(ops[1], "Y");
    CHECK(!*out && !*err);
    /* short forms: -dFILE, -d FILE, bundled flags */
    CHECK(PARSE("-dx.gpkg", "X") == -1);
    CHECK_STR(t.db, "x.gpkg");
    CHECK(PARSE("-d", "y.gpkg", "X") == -1);
    CHECK_STR(t.db, "y.gpkg");
    /* a value may start with a dash: it is the option's value */
    CHECK(PARSE("--name", "-x", "X") == -1);
    CHECK_STR(t.name, "-x");
    /* "--" ends the options */
    CHECK(PARSE("--", "--count") == -1);
    CHECK(n == 1 && t.count == 0);
    CHECK_STR(ops[0], "--count");
    /* "-" is an operand (stdin) */
    CHECK(PARSE("-") == -1);
    CHECK(n == 1);
}

static void test_negative_operands(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("-89.5,120") == -1);
    CHECK(n == 1);
    CHECK_STR(ops[0], "-89.5,120");
    CHECK(PARSE("--count", "-33.9", "-.5") == -1);
    CHECK(n == 2 && t.count);
    CHECK_STR(ops[1], "-.5");
}

static void test_unknown_and_abbreviation(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    /* no abbreviations: --near is not --near-border, and the error says so */
    CHECK(PARSE("--near", "34.11,71.08", "X") == FM_EXIT_USAGE);
    CHECK(strstr(err, "frontiermap: toy: unknown option '--near'; did you mean '--near-border'?"));
    CHECK(strstr(err, "usage: frontiermap toy"));
    CHECK(t.f.near_border_m < 0);
    CHECK(PARSE("--cout", "X") == FM_EXIT_USAGE);
    CHECK(strstr(err, "did you mean '--count'?"));
    CHECK(PARSE("--raduis=3", "X") == FM_EXIT_USAGE);
    CHECK(strstr(err, "did you mean '--radius'?"));
    CHECK(PARSE("--frobnicate", "X") == FM_EXIT_USAGE);
    CHECK(strstr(err, "unknown option '--frobnicate'\n"));
    CHECK(PARSE("-z", "X") == FM_EXIT_USAGE);
    CHECK(strstr(err, "unknown option '-z'"));
    CHECK(!*out);
}

static void test_missing_and_refused_values(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("X", "--radius") == FM_EXIT_USAGE);
    CHECK(strstr(err, "toy: missing value for '--radius'"));
    CHECK(PARSE("X", "-d") == FM_EXIT_USAGE);
    CHECK(strstr(err, "missing value for '-d'"));
    CHECK(PARSE("X", "--radius", "-3") == FM_EXIT_USAGE);
    CHECK(strstr(err, "invalid --radius '-3'"));
    CHECK(PARSE("X", "--count=yes") == FM_EXIT_USAGE);
    CHECK(strstr(err, "'--count' takes no value"));
    /* a group's option refusing its value */
    CHECK(PARSE("X", "--since", "31/12/24") == FM_EXIT_USAGE);
    CHECK(strstr(err, "--since"));
}

static void test_operand_counts(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("--count") == FM_EXIT_USAGE);
    CHECK(strstr(err, "toy: no X given"));
    CHECK(PARSE("X", "Y", "Z") == FM_EXIT_USAGE);
    CHECK(strstr(err, "unexpected argument 'Z'"));
}

static void test_help(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("-h") == FM_EXIT_OK);
    CHECK(!strncmp(out, "usage: frontiermap toy [options] X [Y]\nA test command.\n", 55));
    CHECK(strstr(out, "  -d, --db F               the store\n"));
    CHECK(strstr(out, "  --radius R               a radius\n"
                      "                           over two lines\n"));
    CHECK(strstr(out, "  --near-border D"));
    CHECK(strstr(out, "The end.\n"));
    CHECK(!*err);
    /* --help anywhere, even without the operands the command needs */
    CHECK(PARSE("--count", "--help") == FM_EXIT_OK);
    CHECK(strstr(out, "usage: frontiermap toy"));
    CHECK(PARSE("X", "-vh") == FM_EXIT_OK);
    CHECK(strstr(out, "usage: frontiermap toy"));
}

static void test_groups(void)
{
    toy t;
    char out[4096], err[4096], *ops[4];
    int n;
    CHECK(PARSE("X", "--since", "2025-10-01", "--near-border", "10km", "--bbox",
                "69,31,72,35", "--precision", "exact,near") == -1);
    CHECK(t.f.since == fm_day_from_ymd(2025, 10, 1));
    CHECK_NEAR(t.f.near_border_m, 10000, 1e-9);
    CHECK(t.f.has_bbox && t.f.west == 69 && t.f.north == 35);
    CHECK(t.f.loc_mask == (FM_LOC_BIT(FM_LOC_EXACT) | FM_LOC_BIT(FM_LOC_NEAR)));
}

/* The commands' own tables: every option named once across includes, so no
 * name shadows another; every value option has a placeholder and help. */
typedef struct {
    const char *names[128];
    size_t n;
    int bad;
} seen;

static void seen_visit(const fm_opt *o, void *user)
{
    seen *s = user;
    if (o->kind == FM_OPTK_TEXT)
        return;
    for (size_t i = 0; i < s->n; i++)
        if (o->long_name && !strcmp(s->names[i], o->long_name)) {
            fprintf(stderr, "option --%s declared twice\n", o->long_name);
            s->bad++;
        }
    if (!o->help || (o->kind != FM_OPTK_FLAG && !o->argh) ||
        (o->kind == FM_OPTK_VALUE && !o->fn)) {
        fprintf(stderr, "option --%s lacks help, placeholder or function\n", o->long_name);
        s->bad++;
    }
    if (s->n < 128 && o->long_name)
        s->names[s->n++] = o->long_name;
}

static void test_command_tables(void)
{
    int ncmd = 0;
    for (const fm_command *c = fm_commands; c->name; c++) {
        const fm_cmd_desc *d = fm_cli_desc(c);
        seen s = {{0}, 0, 0};
        CHECK(d != NULL); /* every command is on the parser */
        if (!d)
            continue;
        ncmd++;
        CHECK_STR(d->name, c->name);
        fm_opts_walk(d->opts, 1, seen_visit, &s);
        CHECK(s.bad == 0);
    }
    CHECK(ncmd >= 10);
}

/* Every command answers -h and --help on stdout with exit 0, and refuses an
 * abbreviation of one of its options with a suggestion. */
static void test_commands_help(void)
{
    fm_ctx *ctx = fm_ctx_create();
    char out[65536];
    for (const fm_command *c = fm_commands; c->name; c++) {
        const char *h1[] = {c->name, "-h", NULL};
        const char *h2[] = {c->name, "--help", NULL};
        char want[64];
        snprintf(want, sizeof want, "usage: frontiermap %s", c->name);
        CHECK(fm_test_run_cli(ctx, out, sizeof out, h1) == 0);
        CHECK(strstr(out, want) == out);
        CHECK(fm_test_run_cli(ctx, out, sizeof out, h2) == 0);
        CHECK(strstr(out, want) == out);
    }
    {
        const char *a[] = {"stats", "--near", "34.11,71.08", NULL};
        CHECK(fm_test_run_cli(ctx, out, sizeof out, a) == FM_EXIT_USAGE);
    }
    fm_ctx_destroy(ctx);
}

/* The page group behaves the same on map, heatmap and monthly: the same
 * values refused with the same words. */
static void test_page_group_shared(void)
{
    fm_ctx *ctx = fm_ctx_create();
    static const char *const cmds[] = {"map", "heatmap", "monthly"};
    for (size_t i = 0; i < 3; i++) {
        const char *dpi[] = {cmds[i], "--dpi", "10", NULL};
        const char *size[] = {cmds[i], "--size", "B7", NULL};
        const char *reg[] = {cmds[i], "--region", "atlantis", NULL};
        const char *abbrev[] = {cmds[i], "--land", NULL};
        CHECK(fm_test_run_cli(ctx, NULL, 0, dpi) == FM_EXIT_USAGE);
        CHECK(strstr(fm_ctx_message(ctx), "invalid --dpi '10': use 24 to 1200"));
        CHECK(fm_test_run_cli(ctx, NULL, 0, size) == FM_EXIT_USAGE);
        CHECK(strstr(fm_ctx_message(ctx), "invalid --size 'B7'"));
        CHECK(fm_test_run_cli(ctx, NULL, 0, reg) == FM_EXIT_USAGE);
        CHECK(strstr(fm_ctx_message(ctx), "unknown --region 'atlantis'"));
        CHECK(fm_test_run_cli(ctx, NULL, 0, abbrev) == FM_EXIT_USAGE);
    }
    fm_ctx_destroy(ctx);
}

int main(void)
{
    RUN(test_values_and_operands);
    RUN(test_negative_operands);
    RUN(test_unknown_and_abbreviation);
    RUN(test_missing_and_refused_values);
    RUN(test_operand_counts);
    RUN(test_help);
    RUN(test_groups);
    RUN(test_command_tables);
    RUN(test_commands_help);
    RUN(test_page_group_shared);
    return fm_test_done();
}
