/* mangen.c: writes the manual page (frontiermap.1) and the bash completion
 * from the commands' option tables (cli/opts.h), the same the parser reads
 * and the help is made from, so neither is a second copy to keep in step by
 * hand. Run at build time: fm_mangen man|bash FILE. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The text `frontiermap ARGS` prints on stdout (args ends with NULL); the
 * caller frees it. */
static char *help_of(char *a0, char *a1, char *a2)
{
    char *argv[] = {a0, a1, a2, NULL}, *text = NULL;
    size_t len = 0;
    fm_cli cli = {0};
    FILE *err = fopen("/dev/null", "w");
    cli.ctx = fm_ctx_create();
    cli.out = open_memstream(&text, &len);
    cli.err = err;
    if (!cli.ctx || !cli.out || !err) {
        fputs("fm_mangen: out of memory\n", stderr);
        exit(1);
    }
    fm_cli_main(&cli, a2 ? 3 : 2, argv);
    fclose(cli.out);
    fclose(err);
    fm_ctx_destroy(cli.ctx);
    return text;
}

/* Writes text as troff no-fill lines: backslashes escaped, and a line that
 * starts with a dot or quote protected. */
static void troff_lines(const char *text)
{
    fputs(".nf\n", stdout);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        if (*p == '.' || *p == '\'')
            fputs("\\&", stdout);
        for (size_t i = 0; i < n; i++) {
            if (p[i] == '\\')
                fputs("\\e", stdout);
            else if (p[i] == '-')
                fputs("\\-", stdout);
            else
                putchar(p[i]);
        }
        putchar('\n');
        p += n + (p[n] == '\n');
    }
    fputs(".fi\n", stdout);
}

/* Writes text as filled troff: its lines joined, backslashes and dashes
 * escaped, a leading dot or quote protected. */
static void troff_text(const char *text)
{
    int bol = 1;
    for (const char *p = text; *p; p++) {
        if (bol && (*p == '.' || *p == '\''))
            fputs("\\&", stdout);
        bol = 0;
        if (*p == '\\')
            fputs("\\e", stdout);
        else if (*p == '-')
            fputs("\\-", stdout);
        else if (*p == '\n')
            putchar('\n'), bol = 1;
        else
            putchar(*p);
    }
    if (!bol)
        putchar('\n');
}

/* One option as a tagged paragraph: ".TP", "\fB\-\-radius\fR \fIR\fR", help. */
static void man_option(const fm_opt *o, void *user)
{
    (void)user;
    if (o->kind == FM_OPTK_TEXT) {
        puts(".PP");
        troff_text(o->help);
        return;
    }
    puts(".TP");
    if (o->short_name)
        printf("\\fB\\-%c\\fR%s", o->short_name, o->long_name ? ", " : "");
    if (o->long_name) {
        fputs("\\fB\\-\\-", stdout);
        for (const char *p = o->long_name; *p; p++)
            fputs(*p == '-' ? "\\-" : (char[2]){*p, 0}, stdout);
        fputs("\\fR", stdout);
    }
    if (o->kind != FM_OPTK_FLAG && o->argh)
        printf(" \\fI%s\\fR", o->argh);
    putchar('\n');
    troff_text(o->help ? o->help : "");
}

/* A command: its summary, synopsis and description, then every option of
 * its table (groups included) and the text that follows them. */
static void write_command(const fm_command *c)
{
    const fm_cmd_desc *d = fm_cli_desc(c);
    printf(".SS %s\n%s.\n", c->name, c->summary);
    troff_lines(d->synopsis);
    if (d->about) {
        puts(".PP");
        troff_lines(d->about);
    }
    puts(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nprint the help of the command");
    fm_opts_walk(d->opts, 0, man_option, NULL);
    if (d->footer) {
        puts(".PP");
        troff_lines(d->footer);
    }
}

static void write_man(void)
{
    char *top = help_of("frontiermap", "--help", NULL), *ver = help_of("frontiermap", "--version", NULL);
    ver[strcspn(ver, "\n")] = '\0';
    printf(".TH FRONTIERMAP 1 \"\" \"%s\" \"User Commands\"\n", ver);
    puts(".SH NAME\nfrontiermap \\- incident maps and queries for the Afghanistan\\(enPakistan "
         "frontier");
    puts(".SH SYNOPSIS");
    troff_lines(top);
    puts(".SH DESCRIPTION\n"
         "frontiermap resolves place names along the frontier to coordinates, keeps incidents "
         "in a GeoPackage store, answers questions such as what happened within 25 km of a "
         "crossing, and draws annotated maps and heatmaps to PNG, PDF and SVG. Each command "
         "below is shown with its options, as \\fB\\-\\-help\\fR prints them. Long options "
         "are spelled whole (never abbreviated); options and operands come in any order; "
         "\\fB\\-\\-\\fR ends the options.");
    puts(".SH COMMANDS");
    for (const fm_command *c = fm_commands; c->name; c++)
        write_command(c);
    puts(".SH ENVIRONMENT\n"
         ".TP\n.B FRONTIERMAP_DB\nthe store used when \\fB\\-\\-db\\fR is not given; "
         "without either, the built-in incidents from the reports.\n"
         ".TP\n.B FRONTIERMAP_DATA\nthe directory of the built-in data (gazetteer/, basemap/, "
         "incidents/); by default \\fI../share/frontiermap\\fR beside the program.");
    puts(".SH FILES\n.TP\n.I PREFIX/share/frontiermap\nthe gazetteer, basemap and built-in "
         "incidents, installed with the program; the program finds them relative to itself, "
         "so an installed tree can be moved as a whole.");
    puts(".SH EXIT STATUS\n0 success, 1 failure, 2 usage error. Data goes to standard output, "
         "diagnostics to standard error.");
    free(top);
    free(ver);
}

typedef struct {
    char opts[4096];
    char vals[8192];
} completion;

/* Adds an option's name to the list and, when it has a list of values, a
 * case arm completing them. */
static void complete_visit(const fm_opt *o, void *user)
{
    completion *c = user;
    char name[80], arm[512], word[400];
    if (o->kind == FM_OPTK_TEXT || !o->long_name)
        return;
    snprintf(name, sizeof name, "--%s ", o->long_name);
    if (strlen(c->opts) + strlen(name) + 1 < sizeof c->opts)
        strcat(c->opts, name);
    if (!o->choices || o->kind == FM_OPTK_FLAG)
        return;
    snprintf(word, sizeof word, "%s", o->choices);
    for (char *q = word; *q; q++)
        if (*q == '|')
            *q = ' ';
    snprintf(arm, sizeof arm, "      --%s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); return;;\n",
             o->long_name, word);
    if (strlen(c->vals) + strlen(arm) + 1 < sizeof c->vals)
        strcat(c->vals, arm);
}

static void write_bash(void)
{
    puts("# bash completion for frontiermap, generated from its option tables by fm_mangen");
    puts("_frontiermap()\n{\n    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}"
         "\n    local cmd= i\n    for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "        case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break;; esac\n"
         "    done\n    if [[ -z $cmd ]]; then");
    printf("        COMPREPLY=($(compgen -W '");
    for (const fm_command *c = fm_commands; c->name; c++)
        printf("%s ", c->name);
    puts("--help --version -q -v' -- \"$cur\"))\n        return\n    fi\n    case $cmd in");
    for (const fm_command *c = fm_commands; c->name; c++) {
        static completion comp;
        strcpy(comp.opts, "-h --help ");
        comp.vals[0] = '\0';
        fm_opts_walk(fm_cli_desc(c)->opts, 0, complete_visit, &comp);
        printf("    %s)\n        case $prev in\n%s        esac\n", c->name, comp.vals);
        printf("        [[ $cur == -* ]] && COMPREPLY=($(compgen -W '%s' -- \"$cur\"));;\n",
               comp.opts);
    }
    puts("    esac\n}\ncomplete -o default -F _frontiermap frontiermap");
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "man") && strcmp(argv[1], "bash"))) {
        fputs("usage: fm_mangen man|bash OUTPUT\n", stderr);
        return 2;
    }
    if (!freopen(argv[2], "w", stdout)) {
        perror(argv[2]);
        return 1;
    }
    if (!strcmp(argv[1], "man"))
        write_man();
    else
        write_bash();
    return fflush(stdout) == 0 && !ferror(stdout) && fclose(stdout) == 0 ? 0 : 1;
}
