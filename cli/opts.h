/* opts.h: the command-line option parser, table-driven on the model of git's
 * parse-options. Each command declares its options once, in a table of
 * fm_opt (name, short name, value placeholder, where the value goes, help
 * text); fm_opts_parse reads argv against it, fm_opts_help prints the help
 * built from it, and fm_mangen writes the manual page and the bash
 * completion from the same tables. Shared groups (filters, page, heatmap)
 * are tables of their own, included by offset. */
#ifndef FM_CLI_OPTS_H
#define FM_CLI_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/fm_core.h"

struct fm_cli_s;
typedef struct fm_opt fm_opt;

typedef enum {
    FM_OPTK_END = 0, /* ends a table */
    FM_OPTK_FLAG,    /* no value: *(int *)target = 1, or fn(..., NULL) when fn is set */
    FM_OPTK_STRING,  /* *(const char **)target = the value (a pointer into argv) */
    FM_OPTK_VALUE,   /* a value handed to fn, which checks and stores it */
    FM_OPTK_TEXT,    /* no option: help is printed as it is (a heading or a note) */
    FM_OPTK_INCLUDE  /* the options of table `include`, their targets at offset */
} fm_opt_kind;

/* Checks and stores one value (arg; NULL for a flag) into target, which is
 * the command's options struct plus opt->offset. Returns FM_OK, FM_EUSAGE
 * with the reason on the context ("invalid --dpi '9': use 24 to 1200"), or
 * another status for a failure that is not the user's (exit 1). */
typedef fm_status (*fm_opt_fn)(struct fm_cli_s *cli, const fm_opt *opt, void *target,
                               const char *arg);

enum {
    FM_OPTF_HIDDEN = 1 /* accepted but not shown: a deprecated spelling */
};

struct fm_opt {
    fm_opt_kind kind;
    char short_name;        /* 'h', or 0 */
    const char *long_name;  /* "radius", without the dashes; NULL for TEXT/INCLUDE */
    size_t offset;          /* where the value goes, from the base passed to the parser */
    const char *argh;       /* the value's placeholder in help: "R", "FILE" */
    const char *help;       /* one line or several ('\n'), without the option */
    fm_opt_fn fn;           /* VALUE (required) and FLAG (optional) */
    intptr_t data;          /* for fn: a code, a bound, ... */
    const char *choices;    /* "table|csv|json": the values, for completion */
    unsigned flags;         /* FM_OPTF_* */
    const fm_opt *include;  /* INCLUDE: the table */
};

/* Table entries. TARGET is a member of the command's options struct T. */
#define FM_FLAG(s, l, T, m, h) {FM_OPTK_FLAG, s, l, offsetof(T, m), NULL, h, NULL, 0, NULL, 0, NULL}
#define FM_STRING(s, l, T, m, a, h) {FM_OPTK_STRING, s, l, offsetof(T, m), a, h, NULL, 0, NULL, 0, NULL}
#define FM_VALUE(s, l, T, m, a, h, f, d, c) {FM_OPTK_VALUE, s, l, offsetof(T, m), a, h, f, d, c, 0, NULL}
#define FM_FLAG_FN(s, l, T, m, h, f, d) {FM_OPTK_FLAG, s, l, offsetof(T, m), NULL, h, f, d, NULL, 0, NULL}
#define FM_TEXT(h) {FM_OPTK_TEXT, 0, NULL, 0, NULL, h, NULL, 0, NULL, 0, NULL}
#define FM_INCLUDE(T, m, table) {FM_OPTK_INCLUDE, 0, NULL, offsetof(T, m), NULL, NULL, NULL, 0, NULL, 0, table}
#define FM_OPTS_END {FM_OPTK_END, 0, NULL, 0, NULL, NULL, NULL, 0, NULL, 0, NULL}

/* What a command is: its synopsis, what it does, its options and operands.
 * Help is synopsis, about, the options (generated), then footer. */
typedef struct {
    const char *name;       /* "near" */
    const char *synopsis;   /* "usage: frontiermap near ...\n", maybe several lines */
    const char *about;      /* a paragraph or NULL */
    const fm_opt *opts;     /* the table, FM_OPTK_END-terminated */
    const char *footer;     /* after the options, or NULL */
    int min_operands;       /* fewer: the usage error `missing` */
    int max_operands;       /* -1: any number; more: "unexpected argument 'x'" */
    const char *missing;    /* "no place or LAT,LON given" */
} fm_cmd_desc;

/* Parses argv (argv[0] the command's name) against d into base. Options and
 * operands may come in any order; "--" ends the options; a long option must
 * be spelled whole (no abbreviations); an argument such as "-33.9,18.4" or
 * "-5" is an operand, not an option. On success returns -1 and leaves the
 * operands, in order, in argv[0..*nops-1]. Otherwise returns the exit code
 * the command must return: 0 after printing the help (-h, --help), 1 after
 * a failure that is not a usage error, 2 after a usage error (unknown
 * option, with the nearest names; a missing or refused value; a stray or
 * missing operand), said on cli->err with the synopsis. */
int fm_opts_parse(struct fm_cli_s *cli, const fm_cmd_desc *d, void *base, int argc, char **argv,
                  int *nops);

/* Prints d's help (synopsis, about, the options from the table, footer). */
void fm_opts_help(const fm_cmd_desc *d, FILE *f);

/* Prints "frontiermap: CMD: <message>" and the synopsis on cli->err; returns 2. */
int fm_opts_usage_error(struct fm_cli_s *cli, const fm_cmd_desc *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Calls visit for every option of the table, includes followed (TEXT
 * entries too; hidden ones only when with_hidden). For generators. */
void fm_opts_walk(const fm_opt *table, int with_hidden,
                  void (*visit)(const fm_opt *opt, void *user), void *user);

/* The names of table's options within edit distance 2 of name, or having
 * name as a prefix, written into out as "'--a' or '--b'"; "" when none.
 * For the "did you mean" of an unknown option. */
void fm_opts_suggest(const fm_opt *table, const char *name, char *out, size_t cap);

#endif
