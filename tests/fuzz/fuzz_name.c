/* fuzz_name.c: libFuzzer target for the name normaliser and the geocoder:
 * arbitrary bytes must fold or fail cleanly, and geocoding them (as a query
 * and as hints) must never crash. Built with -DFM_FUZZ=ON and clang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static fm_ctx *ctx;
static fm_gazetteer *gz;

static void setup(void)
{
    const char *src = getenv("FM_TEST_SRC");
    char dir[4096];
    ctx = fm_ctx_create();
    if (src && *src) {
        snprintf(dir, sizeof dir, "%s/unit/fixtures", src);
    } else { /* tests/ from this file's path: <tests>/fuzz/fuzz_name.c */
        const char *f = __FILE__, *cut = strstr(f, "/fuzz/fuzz_name.c");
        snprintf(dir, sizeof dir, "%.*s/unit/fixtures", cut ? (int)(cut - f) : 5,
                 cut ? f : "tests");
    }
    if (fm_gazetteer_open(ctx, dir, &gz) != FM_OK)
        gz = NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    fm_buf b = {0};
    fm_geocode_result r;
    fm_geocode_hint h = {0};
    unsigned generic = 0;
    if (!ctx)
        setup();
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    if (fm_name_fold_ex(ctx, s, &b, &generic) == FM_OK && strlen(fm_buf_str(&b)) > 4 * size + 8)
        abort(); /* folding never grows a name much */
    if (gz) {
        fm_geocode(ctx, gz, s, NULL, &r);
        h.admin2 = s;
        h.admin1 = s + size / 2;
        h.prefer_crossing = (int)(size & 1);
        fm_geocode(ctx, gz, "Matta", &h, &r);
    }
    fm_buf_free(&b);
    free(s);
    return 0;
}
