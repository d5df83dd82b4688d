/* main.c: the frontiermap program: a context, the standard streams, and
 * fm_cli_main(). Everything else lives in the fm_cli library so that tests
 * run commands in-process. */
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    fm_cli cli = {0};
    int rc;
    fm_store_process_init();
    cli.ctx = fm_ctx_create();
    if (!cli.ctx) {
        fputs("frontiermap: out of memory\n", stderr);
        return FM_EXIT_FAIL;
    }
    cli.out = stdout;
    cli.err = stderr;
    if (fm_cli_find_data(&cli)) {
        fprintf(stderr, "frontiermap: %s\n", fm_ctx_message(cli.ctx));
        fm_ctx_destroy(cli.ctx);
        return FM_EXIT_FAIL;
    }
    cli.progress_tty = isatty(STDERR_FILENO);
    rc = fm_cli_main(&cli, argc, argv);
    fm_ctx_destroy(cli.ctx);
    return rc;
}
