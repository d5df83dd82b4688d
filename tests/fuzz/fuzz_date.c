/* fuzz_date.c: libFuzzer target for the date, month, number, distance and
 * coordinate parsers; an accepted date must round-trip through its format. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm_core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_ctx *ctx = fm_ctx_create();
    char *s = malloc(size + 1);
    fm_day d, d2, a, b;
    double v, lon, lat;
    long l;
    char iso[11];
    memcpy(s, data, size);
    s[size] = '\0';
    if (fm_date_parse(ctx, s, &d) == FM_OK) {
        fm_day_format(d, iso);
        if (fm_date_parse(ctx, iso, &d2) != FM_OK || d2 != d)
            abort();
    }
    if (fm_month_parse(ctx, s, &a, &b) == FM_OK && b < a)
        abort();
    if (fm_parse_double(ctx, s, &v) == FM_OK && v != v)
        abort();
    (void)fm_parse_long(ctx, s, &l);
    if (fm_parse_distance_m(ctx, s, &v) == FM_OK && !(v >= 0))
        abort();
    if (fm_parse_latlon(ctx, s, &lon, &lat) == FM_OK && (lat < -90 || lat > 90))
        abort();
    free(s);
    fm_ctx_destroy(ctx);
    return 0;
}
