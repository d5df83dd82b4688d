/* cmd_stats.c: placeholder until the subcommand lands. */
#include "cli/cli.h"

int cmd_stats(fm_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(cli->err, "frontiermap: 'stats' is not available yet\n");
    return FM_EXIT_FAIL;
}
