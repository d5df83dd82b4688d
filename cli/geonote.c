/* geonote.c: what every command that geocodes tells the user about an answer
 * that needed more than a plain match (a spelling, a choice among same-named
 * places, a fallback, a name across the border, a place from their store),
 * and the memo of their store's place names that geocode and near consult. */
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"

void fm_cli_geocode_note(fm_cli *cli, const char *where, const char *query,
                         const fm_geocode_result *r)
{
    fm_buf b = {0};
    if (cli->quiet || !r->flags || fm_geocode_describe(cli->ctx, query, r, &b)) {
        fm_buf_free(&b);
        return;
    }
    fprintf(cli->err, "frontiermap: note: %s%s%s\n", where ? where : "", where ? ": " : "",
            fm_buf_str(&b));
    fm_buf_free(&b);
}

fm_placememo *fm_cli_placememo(fm_cli *cli, const char *db_opt)
{
    fm_store *st = NULL;
    fm_placememo *m = NULL;
    if (!fm_cli_db_path(db_opt) || (!fm_store_is_remote(fm_cli_db_path(db_opt)) &&
                                    access(fm_cli_db_path(db_opt), F_OK) != 0))
        return NULL; /* the built-in incidents are not the user's data; a new store is empty */
    if (fm_store_open(cli->ctx, fm_cli_db_path(db_opt), FM_STORE_READ, &st) ||
        fm_store_placememo(cli->ctx, st, &m)) {
        if (!cli->quiet)
            fprintf(cli->err, "frontiermap: warning: the store's place names are not used: %s\n",
                    fm_ctx_message(cli->ctx));
        fm_ctx_clear(cli->ctx);
        m = NULL;
    }
    fm_store_close(st);
    return m;
}
