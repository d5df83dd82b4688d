/* mangen.c: writes the manual page (frontiermap.1) and the bash completion
 * from the help texts the program itself prints, so neither is a second copy
 * to keep in step by hand. Run at build time: fm_mangen man|bash FILE. */
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
         "below is shown with the help text it prints for \\fB\\-\\-help\\fR.");
    puts(".SH COMMANDS");
    for (const fm_command *c = fm_commands; c->name; c++) {
        char *h = help_of("frontiermap", (char *)c->name, "--help");
        printf(".SS %s\n%s.\n.PP\n", c->name, c->summary);
        troff_lines(h);
        free(h);
    }
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

/* Appends to opts every "--name" in help (once each) and to vals the
 * "--name a|b|c" value lists, as bash case arms. */
static void collect(const char *help, char *opts, size_t ocap, char *vals, size_t vcap)
{
    for (const char *p = help; (p = strstr(p, "--")) != NULL;) {
        char name[64], word[64];
        size_t n = 0;
        p += 2;
        while (n + 1 < sizeof name && (isalnum((unsigned char)p[n]) || p[n] == '-'))
            n++;
        if (!n || !isalpha((unsigned char)p[0])) {
            continue;
        }
        snprintf(name, sizeof name, "--%.*s ", (int)n, p);
        if (!strstr(opts, name) && strlen(opts) + strlen(name) + 1 < ocap)
            strcat(opts, name);
        p += n;
        if (*p == ' ' || *p == '=') { /* a value list such as table|csv|json */
            const char *v = p + 1;
            size_t m = strcspn(v, " ]\n");
            char key[80];
            snprintf(key, sizeof key, "      %s)", name);
            if (m && m < sizeof word && memchr(v, '|', m) && !memchr(v, '\'', m) &&
                !strstr(vals, key)) { /* the first list given for an option */
                char arm[256];
                snprintf(word, sizeof word, "%.*s", (int)m, v);
                for (char *q = word; *q; q++)
                    if (*q == '|')
                        *q = ' ';
                snprintf(arm, sizeof arm, "      %s) COMPREPLY=($(compgen -W '%s' -- \"$cur\")); "
                         "return;;\n", name, word);
                if (strlen(vals) + strlen(arm) + 1 < vcap)
                    strcat(vals, arm);
            }
        }
    }
}

static void write_bash(void)
{
    char *top = help_of("frontiermap", "--help", NULL);
    puts("# bash completion for frontiermap, generated from its --help texts by fm_mangen");
    puts("_frontiermap()\n{\n    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}"
         "\n    local cmd= i\n    for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "        case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break;; esac\n"
         "    done\n    if [[ -z $cmd ]]; then");
    printf("        COMPREPLY=($(compgen -W '");
    for (const fm_command *c = fm_commands; c->name; c++)
        printf("%s ", c->name);
    puts("--help --version -q -v' -- \"$cur\"))\n        return\n    fi\n    case $cmd in");
    for (const fm_command *c = fm_commands; c->name; c++) {
        static char opts[4096], vals[8192];
        char *h = help_of("frontiermap", (char *)c->name, "--help");
        strcpy(opts, "--help ");
        vals[0] = '\0';
        collect(h, opts, sizeof opts, vals, sizeof vals);
        printf("    %s)\n        case $prev in\n%s        esac\n", c->name, vals);
        printf("        [[ $cur == -* ]] && COMPREPLY=($(compgen -W '%s' -- \"$cur\"));;\n", opts);
        free(h);
    }
    puts("    esac\n}\ncomplete -o default -F _frontiermap frontiermap");
    free(top);
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
