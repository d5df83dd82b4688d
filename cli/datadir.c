/* datadir.c: where the built-in data (gazetteer/, basemap/, incidents/) is
 * found: $FRONTIERMAP_DATA when set, else ../share/frontiermap beside the
 * program (the installed layout, so an installed tree can be moved as a
 * whole), else, for the program in its build tree, the source tree's data/. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef FM_BUILD_DIR
#define FM_BUILD_DIR ""
#endif

static int is_data_dir(const char *dir)
{
    char path[PATH_MAX + 32];
    struct stat sb;
    if (snprintf(path, sizeof path, "%s/gazetteer/places.csv", dir) >= (int)sizeof path)
        return 0;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

fm_status fm_cli_find_data(fm_cli *cli)
{
    char exe[PATH_MAX], dir[PATH_MAX + 32], build[PATH_MAX], *slash;
    const char *env = getenv("FRONTIERMAP_DATA");
    ssize_t n;
    if (env && *env)
        return FM_OK; /* fm_ctx_data_dir reads it */
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return FM_OK; /* no /proc: the built-in default */
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return FM_OK;
    *slash = '\0';
    /* PREFIX/bin/frontiermap -> PREFIX/share/frontiermap, said without ".." */
    if ((slash = strrchr(exe, '/')) && slash != exe)
        snprintf(dir, sizeof dir, "%.*s/share/frontiermap", (int)(slash - exe), exe);
    else
        snprintf(dir, sizeof dir, "%s/../share/frontiermap", exe);
    /* /proc/self/exe is canonical: compare it with the build dir's real path */
    if (is_data_dir(dir) || !*FM_BUILD_DIR || !realpath(FM_BUILD_DIR, build) ||
        strcmp(exe, build) != 0)
        return fm_ctx_set_data_dir(cli->ctx, dir);
    return FM_OK; /* the build tree: the source tree's data */
}

fm_status fm_cli_need_data(fm_cli *cli)
{
    const char *dir = fm_ctx_data_dir(cli->ctx);
    if (is_data_dir(dir))
        return FM_OK;
    return fm_error(cli->ctx, FM_ENOTFOUND,
                    "the built-in data is not in '%s' (no gazetteer/places.csv): reinstall "
                    "frontiermap, or set FRONTIERMAP_DATA to the directory holding gazetteer/, "
                    "basemap/ and incidents/", dir);
}
