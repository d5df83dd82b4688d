/* gazindex.c: writes the gazetteer's binary index at build time:
 * `frontiermap-gazindex DATA_DIR OUT` reads DATA_DIR/gazetteer/places.csv and
 * districts.geojson and writes OUT (see geo/gazetteer_image.c). */
#include <stdio.h>

#include "geo/fm_geo.h"

int main(int argc, char **argv)
{
    fm_ctx *ctx;
    fm_status st;
    if (argc != 3) {
        fprintf(stderr, "usage: frontiermap-gazindex DATA_DIR OUT\n");
        return 2;
    }
    if (!(ctx = fm_ctx_create())) {
        fprintf(stderr, "frontiermap-gazindex: out of memory\n");
        return 1;
    }
    if ((st = fm_gazetteer_write_index(ctx, argv[1], argv[2])))
        fprintf(stderr, "frontiermap-gazindex: %s\n", fm_ctx_message(ctx));
    fm_ctx_destroy(ctx);
    return st ? 1 : 0;
}
