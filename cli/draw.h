/* draw.h: the drawing commands as a module loaded on first use. map, heatmap,
 * monthly and stats --chart need Cairo, Pango (with HarfBuzz and fontconfig) and PROJ:
 * ~75 shared libraries, tens of milliseconds of dynamic loading that near,
 * where, stats, export, geocode and import never use. So the program does
 * not link them: those three commands and the chart of stats live in a
 * shared module, fm_render.so (built from cli/draw_module.c with render/,
 * heat/ and PROJ), which the program loads with dlopen when one of them runs
 * (cli/draw_loader.c).
 * Tests and tools link the commands directly (the fm_cli library). */
#ifndef FM_CLI_DRAW_H
#define FM_CLI_DRAW_H

#include "cli/cli.h"

/* The module's file name, found beside the program (the build tree) or in
 * PREFIX/lib/frontiermap for PREFIX/bin/frontiermap (an install). */
#define FM_DRAW_MODULE_FILE "fm_render.so"
#define FM_DRAW_MODULE_DIR "lib/frontiermap"
/* The one symbol the module exports. */
#define FM_DRAW_MODULE_SYMBOL "fm_draw_module_v1"

/* What the module offers: the commands, and what it was built as, so that a
 * module left from another build is refused rather than called. */
typedef struct {
    const char *version;  /* fm_version() of its build */
    size_t cli_size;      /* sizeof(fm_cli) of its build */
    fm_cmd_fn map, heatmap, monthly;
    fm_status (*stats_chart)(fm_cli *cli, fm_store *st, const fm_filter *f, fm_group_by by,
                             const char *by_name, int fatalities, const char *path);
} fm_draw_module;

extern const fm_draw_module fm_draw_module_v1;

#endif
