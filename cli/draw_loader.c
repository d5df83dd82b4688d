/* draw_loader.c: the program's map, heatmap, monthly and stats chart: each
 * loads the drawing module (cli/draw.h) and runs what it holds. Linked into
 * the program instead of cmd_map.c, cmd_heatmap.c, cmd_monthly.c and
 * statchart.c. */
#include <dlfcn.h>
#include <limits.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "cli/draw.h"

/* Where the module is looked for: PREFIX/lib/frontiermap for the installed
 * PREFIX/bin/frontiermap (so an installed tree moves as a whole), then
 * beside the program (the build tree). Fills dirs[0..1]; returns how many. */
static int module_dirs(char dirs[2][PATH_MAX])
{
    char exe[PATH_MAX], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int k = 0;
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return 0;
    *slash = '\0';
    if ((slash = strrchr(exe, '/')) && slash != exe &&
        snprintf(dirs[k], PATH_MAX, "%.*s/" FM_DRAW_MODULE_DIR, (int)(slash - exe), exe) <
            PATH_MAX)
        k++;
    if (snprintf(dirs[k], PATH_MAX, "%s", exe) < PATH_MAX)
        k++;
    return k;
}

/* Loads the module: it stays loaded for the process (RTLD_NODELETE, as a
 * linked library would; Cairo and fontconfig keep process-wide state), its
 * libraries' functions bound on first call (RTLD_LAZY). */
static fm_status module_load(fm_cli *cli, const fm_draw_module **out)
{
    char dirs[2][PATH_MAX], path[PATH_MAX + 32], why[512] = "";
    int n = module_dirs(dirs);
    for (int i = 0; i < n; i++) {
        void *lib;
        const fm_draw_module *m;
        snprintf(path, sizeof path, "%s/" FM_DRAW_MODULE_FILE, dirs[i]);
        if (access(path, F_OK) != 0)
            continue;
        if (!(lib = dlopen(path, RTLD_LAZY | RTLD_LOCAL | RTLD_NODELETE))) {
            snprintf(why, sizeof why, ": %s", dlerror());
            break;
        }
        m = dlsym(lib, FM_DRAW_MODULE_SYMBOL);
        dlclose(lib); /* NODELETE: stays mapped */
        if (!m || strcmp(m->version, fm_version()) != 0 || m->cli_size != sizeof(fm_cli))
            return fm_error(cli->ctx, FM_EIO,
                            "the drawing module '%s' is not this frontiermap's (%s %s): "
                            "reinstall frontiermap",
                            path, m ? "version" : "no", m ? m->version : "entry point");
        *out = m;
        return FM_OK;
    }
    return fm_error(cli->ctx, FM_EIO,
                    "cannot load the drawing module " FM_DRAW_MODULE_FILE
                    " (looked in %s%s%s)%s: map, heatmap, monthly and stats --chart need "
                    "it; reinstall "
                    "frontiermap",
                    n ? dirs[0] : "no directory: /proc/self/exe unreadable",
                    n > 1 ? " and " : "", n > 1 ? dirs[1] : "", why);
}

/* The heap of a process that draws a page: tens of megabytes that Cairo,
 * Pango, zlib and SQLite take in pieces. It is grown in 64 MB steps, kept
 * (not trimmed), taken for blocks up to 32 MB too (not mapped one by one)
 * and shared by the drawing threads (one arena). It is not marked for huge
 * pages: in this virtual machine a fresh huge page is nearly always one the
 * host must back again (core/bigmem.c says why), which cost a cold heatmap
 * more system time than the 4 KB faults it saved. Only the drawing commands
 * ask; what the heap holds and the pictures are the same. */
static void heap_for_drawing(void)
{
    void *p;
    if (!mallopt(M_ARENA_MAX, 1) || !mallopt(M_TRIM_THRESHOLD, 256 << 20) ||
        !mallopt(M_MMAP_THRESHOLD, 32 << 20) || !mallopt(M_TOP_PAD, 64 << 20))
        return;
    free(p = malloc(1 << 20)); /* grows the heap by the pad now */
}

static int run(fm_cli *cli, int which, int argc, char **argv)
{
    const fm_draw_module *m = NULL;
    heap_for_drawing();
    if (module_load(cli, &m))
        return fm_cli_fail(cli, fm_ctx_status(cli->ctx));
    return (which == 0 ? m->map : which == 1 ? m->heatmap : m->monthly)(cli, argc, argv);
}

int cmd_map(fm_cli *cli, int argc, char **argv)
{
    return run(cli, 0, argc, argv);
}

int cmd_heatmap(fm_cli *cli, int argc, char **argv)
{
    return run(cli, 1, argc, argv);
}

int cmd_monthly(fm_cli *cli, int argc, char **argv)
{
    return run(cli, 2, argc, argv);
}

fm_status fm_cli_stats_chart(fm_cli *cli, fm_store *st, const fm_filter *f, fm_group_by by,
                             const char *by_name, int fatalities, const char *path)
{
    const fm_draw_module *m = NULL;
    fm_status s = module_load(cli, &m);
    return s ? s : m->stats_chart(cli, st, f, by, by_name, fatalities, path);
}
