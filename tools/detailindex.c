/* detailindex.c: writes the image of the basemap's detail at build time:
 * `frontiermap-detailindex DATA_DIR OUT` reads DATA_DIR/basemap's roads,
 * rivers, lakes and elevation grid, shades the relief and writes OUT (see
 * render/detail_image.c). */
#include <stdio.h>

#include "render/fm_render.h"

int main(int argc, char **argv)
{
    fm_ctx *ctx;
    fm_status st;
    if (argc != 3) {
        fprintf(stderr, "usage: frontiermap-detailindex DATA_DIR OUT\n");
        return 2;
    }
    if (!(ctx = fm_ctx_create())) {
        fprintf(stderr, "frontiermap-detailindex: out of memory\n");
        return 1;
    }
    if ((st = fm_detail_write_image(ctx, argv[1], argv[2])))
        fprintf(stderr, "frontiermap-detailindex: %s\n", fm_ctx_message(ctx));
    fm_ctx_destroy(ctx);
    return st ? 1 : 0;
}
