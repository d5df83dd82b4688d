/* cachedir.c: where heatmap and monthly keep the layers of their pages
 * that do not depend on the incidents (render/layers.c):
 * $FRONTIERMAP_CACHE when set ("off" or empty: nowhere), else
 * $XDG_CACHE_HOME/frontiermap, else ~/.cache/frontiermap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char *fm_cli_layer_cache(char *buf, size_t n)
{
    const char *env = getenv("FRONTIERMAP_CACHE"), *base;
    int len;
    if (env)
        return *env && strcmp(env, "off") ? env : NULL;
    if ((base = getenv("XDG_CACHE_HOME")) && *base == '/')
        len = snprintf(buf, n, "%s/frontiermap", base);
    else if ((base = getenv("HOME")) && *base == '/')
        len = snprintf(buf, n, "%s/.cache/frontiermap", base);
    else
        return NULL;
    return len > 0 && (size_t)len < n ? buf : NULL;
}
