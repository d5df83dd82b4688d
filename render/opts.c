/* opts.c: defaults for map options (A4 portrait, 150 dpi, English labels). */
#include <string.h>

#include "render/fm_render.h"

void fm_map_opts_init(fm_map_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->format = FM_OUT_AUTO;
    opts->page_w_mm = 210;
    opts->page_h_mm = 297;
    opts->dpi = 150;
    opts->labels = FM_LABEL_CROSSINGS | FM_LABEL_DISTRICTS | FM_LABEL_PROVINCES | FM_LABEL_SCALE;
    opts->lang = "en";
}
