/* draw_module.c: the entry of the drawing module fm_render.so (cli/draw.h):
 * the map, heatmap and monthly commands and the chart of stats, from the
 * fm_cli library. The module's
 * link exports this symbol only (cli/draw_module.map): its own copies of the
 * core, geo and data code stay private to it. */
#include "cli/draw.h"

__attribute__((visibility("default"))) const fm_draw_module fm_draw_module_v1 = {
    FM_DRAW_VERSION, sizeof(fm_cli), cmd_map, cmd_heatmap, cmd_monthly, fm_cli_stats_chart};
