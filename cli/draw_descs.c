/* draw_descs.c: the option tables of every command, the drawing ones
 * included, for what links all of them (fm_cli: the tests and fm_mangen).
 * The program's dispatch table cannot name map's, heatmap's and monthly's
 * tables: they live in the drawing module, loaded on first use. */
#include <string.h>

#include "cli/cli.h"

const fm_cmd_desc *fm_cli_desc(const fm_command *c)
{
    static const fm_cmd_desc *const drawing[] = {&fm_map_desc, &fm_heatmap_desc,
                                                 &fm_monthly_desc};
    if (c->desc)
        return c->desc;
    for (size_t i = 0; i < sizeof drawing / sizeof drawing[0]; i++)
        if (!strcmp(drawing[i]->name, c->name))
            return drawing[i];
    return NULL;
}
