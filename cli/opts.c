/* opts.c: the option parser and the help it generates (see opts.h): one
 * reading of the command line for every command, so --help, unknown
 * options, missing values and stray operands behave the same everywhere. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define HELP_COL 27 /* where an option's help text starts */

int fm_opts_usage_error(fm_cli *cli, const fm_cmd_desc *d, const char *fmt, ...)
{
    const char *s = d->synopsis, *end = strstr(s, "\n\n");
    va_list ap;
    fprintf(cli->err, "frontiermap: %s: ", d->name);
    va_start(ap, fmt);
    vfprintf(cli->err, fmt, ap);
    va_end(ap);
    fputc('\n', cli->err);
    /* the synopsis is the usage block up to its first empty line */
    fprintf(cli->err, "%.*s", (int)(end ? (size_t)(end - s) + 1 : strlen(s)), s);
    return FM_EXIT_USAGE;
}

/* ---- looking options up -------------------------------------------------- */

typedef struct {
    const fm_opt *opt;
    size_t offset; /* of the including tables, added to opt->offset */
} found_opt;

/* The option named `name` (length n) or with short name c; returns 1 when found. */
static int find_opt(const fm_opt *t, size_t base, const char *name, size_t n, char c,
                    found_opt *out)
{
    for (; t->kind != FM_OPTK_END; t++) {
        if (t->kind == FM_OPTK_INCLUDE) {
            if (find_opt(t->include, base + t->offset, name, n, c, out))
                return 1;
        } else if (t->kind != FM_OPTK_TEXT &&
                   ((c && t->short_name == c) ||
                    (name && t->long_name && strlen(t->long_name) == n &&
                     !strncmp(t->long_name, name, n)))) {
            out->opt = t;
            out->offset = base + t->offset;
            return 1;
        }
    }
    return 0;
}

void fm_opts_walk(const fm_opt *t, int with_hidden, void (*visit)(const fm_opt *, void *),
                  void *user)
{
    for (; t->kind != FM_OPTK_END; t++) {
        if (t->kind == FM_OPTK_INCLUDE)
            fm_opts_walk(t->include, with_hidden, visit, user);
        else if (with_hidden || !(t->flags & FM_OPTF_HIDDEN))
            visit(t, user);
    }
}

/* Optimal string alignment distance (adjacent swaps count one), capped. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t d[3][64], *prev2 = d[0], *prev = d[1], *cur = d[2];
    if (la >= 63 || lb >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        size_t *t;
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1], v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
        }
        t = prev2, prev2 = prev, prev = cur, cur = t;
    }
    return prev[lb];
}

typedef struct {
    const char *name;
    char *out;
    size_t cap, n;
} suggest_state;

static void suggest_visit(const fm_opt *o, void *user)
{
    suggest_state *s = user;
    size_t len = strlen(s->name), used = strlen(s->out);
    if (!o->long_name || s->n >= 3)
        return;
    /* a prefix (what an abbreviation would have meant) or a near spelling;
     * a short name is compared whole ("--nera" -> "--near") */
    if ((len >= 2 && !strncmp(o->long_name, s->name, len)) ||
        edit_distance(o->long_name, s->name) <= (len <= 4 ? 1u : 2u)) {
        snprintf(s->out + used, s->cap - used, "%s'--%s'", s->n ? " or " : "", o->long_name);
        s->n++;
    }
}

void fm_opts_suggest(const fm_opt *table, const char *name, char *out, size_t cap)
{
    suggest_state s = {name, out, cap, 0};
    out[0] = '\0';
    fm_opts_walk(table, 0, suggest_visit, &s);
}

/* ---- parsing ------------------------------------------------------------- */

/* "-33.9,18.4", "-5", "-.5": a negative number is an operand, not options. */
static int is_negative_number(const char *a)
{
    return a[0] == '-' && ((a[1] >= '0' && a[1] <= '9') || (a[1] == '.' && a[2] >= '0' &&
                                                             a[2] <= '9'));
}

/* Stores one option's value (arg NULL for a flag); returns -1 or an exit code. */
static int apply(fm_cli *cli, const fm_cmd_desc *d, void *base, const found_opt *f,
                 const char *arg)
{
    void *target = (char *)base + f->offset;
    fm_status st;
    if (f->opt->kind == FM_OPTK_STRING) {
        *(const char **)target = arg;
        return -1;
    }
    if (f->opt->kind == FM_OPTK_FLAG && !f->opt->fn) {
        *(int *)target = f->opt->data ? (int)f->opt->data : 1;
        return -1;
    }
    fm_ctx_clear(cli->ctx);
    if (!(st = f->opt->fn(cli, f->opt, target, arg)))
        return -1;
    if (st == FM_EUSAGE)
        return fm_opts_usage_error(cli, d, "%s", fm_ctx_message(cli->ctx));
    return fm_cli_fail(cli, st);
}

/* The option's display name for messages: "--radius" or "-h". */
static void opt_label(const found_opt *f, char *out, size_t cap)
{
    if (f->opt->long_name)
        snprintf(out, cap, "--%s", f->opt->long_name);
    else
        snprintf(out, cap, "-%c", f->opt->short_name);
}

static int unknown_long(fm_cli *cli, const fm_cmd_desc *d, const char *name, size_t n)
{
    char key[128], sugg[256];
    snprintf(key, sizeof key, "%.*s", (int)(n < 100 ? n : 100), name);
    fm_opts_suggest(d->opts, key, sugg, sizeof sugg);
    if (*sugg)
        return fm_opts_usage_error(cli, d, "unknown option '--%s'; did you mean %s?", key, sugg);
    return fm_opts_usage_error(cli, d, "unknown option '--%s'", key);
}

/* "--name", "--name=value", "--name value"; *i advances past what it used. */
static int parse_long(fm_cli *cli, const fm_cmd_desc *d, void *base, int argc, char **argv,
                      int *i)
{
    const char *a = argv[*i] + 2, *eq = strchr(a, '=');
    size_t n = eq ? (size_t)(eq - a) : strlen(a);
    found_opt f;
    char label[80];
    if (!eq && !strcmp(a, "help")) { /* every command has it */
        fm_opts_help(d, cli->out);
        return FM_EXIT_OK;
    }
    if (!find_opt(d->opts, 0, a, n, 0, &f))
        return unknown_long(cli, d, a, n);
    opt_label(&f, label, sizeof label);
    if (f.opt->kind == FM_OPTK_FLAG) {
        if (eq)
            return fm_opts_usage_error(cli, d, "'%s' takes no value", label);
        return apply(cli, d, base, &f, NULL);
    }
    if (eq)
        return apply(cli, d, base, &f, eq + 1);
    if (*i + 1 >= argc)
        return fm_opts_usage_error(cli, d, "missing value for '%s'", label);
    return apply(cli, d, base, &f, argv[++*i]);
}

/* "-h", "-xVALUE", "-x VALUE", and bundled flags ("-qv"). */
static int parse_short(fm_cli *cli, const fm_cmd_desc *d, void *base, int argc, char **argv,
                       int *i)
{
    const char *a = argv[*i] + 1;
    for (; *a; a++) {
        found_opt f;
        char label[8];
        int rc;
        if (!find_opt(d->opts, 0, NULL, 0, *a, &f)) {
            if (*a == 'h') {
                fm_opts_help(d, cli->out);
                return FM_EXIT_OK;
            }
            return fm_opts_usage_error(cli, d, "unknown option '-%c'", *a);
        }
        snprintf(label, sizeof label, "-%c", *a);
        if (f.opt->kind == FM_OPTK_FLAG) {
            if ((rc = apply(cli, d, base, &f, NULL)) >= 0)
                return rc;
            continue;
        }
        if (a[1])
            return apply(cli, d, base, &f, a + 1);
        if (*i + 1 >= argc)
            return fm_opts_usage_error(cli, d, "missing value for '%s'", label);
        return apply(cli, d, base, &f, argv[++*i]);
    }
    return -1;
}

static int check_operands(fm_cli *cli, const fm_cmd_desc *d, char **ops, int n)
{
    if (n < d->min_operands)
        return fm_opts_usage_error(cli, d, "%s", d->missing ? d->missing : "too few arguments");
    if (d->max_operands >= 0 && n > d->max_operands)
        return fm_opts_usage_error(cli, d, "unexpected argument '%s'", ops[d->max_operands]);
    return -1;
}

int fm_opts_parse(fm_cli *cli, const fm_cmd_desc *d, void *base, int argc, char **argv,
                  int *nops)
{
    int i, n = 0, rc, dashdash = 0;
    for (i = 1; i < argc; i++) {
        char *a = argv[i];
        if (dashdash || a[0] != '-' || !a[1] || is_negative_number(a)) {
            argv[n++] = a; /* n <= i - 1: never overwrites what is still to read */
            continue;
        }
        if (!strcmp(a, "--")) {
            dashdash = 1;
            continue;
        }
        rc = a[1] == '-' ? parse_long(cli, d, base, argc, argv, &i)
                         : parse_short(cli, d, base, argc, argv, &i);
        if (rc >= 0)
            return rc;
    }
    *nops = n;
    argv[n] = NULL;
    return check_operands(cli, d, argv, n);
}

/* ---- help ---------------------------------------------------------------- */

/* "  -h, --help" or "  --radius R", the text before the help column. */
static void opt_head(const fm_opt *o, char *out, size_t cap)
{
    int k = snprintf(out, cap, "  ");
    if (o->short_name)
        k += snprintf(out + k, cap - (size_t)k, "-%c%s", o->short_name, o->long_name ? ", " : "");
    if (o->long_name)
        k += snprintf(out + k, cap - (size_t)k, "--%s", o->long_name);
    if (o->kind != FM_OPTK_FLAG && o->argh)
        snprintf(out + k, cap - (size_t)k, " %s", o->argh);
}

static void help_visit(const fm_opt *o, void *user)
{
    FILE *f = user;
    char head[128];
    const char *h = o->help ? o->help : "";
    if (o->kind == FM_OPTK_TEXT) {
        fputs(h, f);
        return;
    }
    opt_head(o, head, sizeof head);
    if (strlen(head) + 2 > HELP_COL)
        fprintf(f, "%s\n%*s", head, HELP_COL, "");
    else
        fprintf(f, "%-*s", HELP_COL, head);
    for (;;) { /* continuation lines line up under the first */
        size_t n = strcspn(h, "\n");
        fprintf(f, "%.*s\n", (int)n, h);
        if (!h[n] || !h[n + 1])
            break;
        h += n + 1;
        fprintf(f, "%*s", HELP_COL, "");
    }
}

void fm_opts_help(const fm_cmd_desc *d, FILE *f)
{
    fputs(d->synopsis, f);
    if (d->about)
        fputs(d->about, f);
    fprintf(f, "%-*sthis help\n", HELP_COL, "  -h, --help");
    fm_opts_walk(d->opts, 0, help_visit, f);
    if (d->footer)
        fputs(d->footer, f);
}
