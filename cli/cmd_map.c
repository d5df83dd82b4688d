/* cmd_map.c: placeholder until the subcommand lands. */
#include "cli/cli.h"

int cmd_map(fm_cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(cli->err, "frontiermap: 'map' is not available yet\n");
    return FM_EXIT_FAIL;
}
