/* leftout.c: the commands' names for data/leftout.c (what a spatial product
 * left out), on the command's context. */
#include "cli/cli.h"

fm_status fm_cli_left_out(fm_cli *cli, fm_store *st, const fm_filter *f, int with_unlocated,
                          int list, fm_cli_left *out)
{
    return fm_left_out(cli->ctx, st, f, with_unlocated, list, out);
}

void fm_cli_left_describe(fm_cli *cli, const fm_filter *f, const fm_cli_left *l,
                          const char *verb, fm_buf *out)
{
    fm_left_describe(cli->ctx, f, l, verb, out);
}

void fm_cli_left_free(fm_cli_left *l)
{
    fm_left_free(l);
}
