/* test_ramp.c: the colour ramps: names, the published end colours, rising
 * lightness (what makes them perceptual) and the fade to transparent. */
#include "fm_test.h"
#include "render/fm_render.h"

static fm_ctx *ctx;

static void test_parse(void)
{
    fm_ramp r = FM_RAMP_VIRIDIS;
    CHECK(fm_ramp_parse(ctx, "magma", &r) == FM_OK && r == FM_RAMP_MAGMA);
    CHECK(fm_ramp_parse(ctx, "Inferno", &r) == FM_OK && r == FM_RAMP_INFERNO);
    CHECK(fm_ramp_parse(ctx, "viridis", &r) == FM_OK && r == FM_RAMP_VIRIDIS);
    CHECK(fm_ramp_parse(ctx, "jet", &r) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "unknown colour ramp 'jet'") != NULL);
    CHECK(fm_ramp_parse(ctx, NULL, &r) == FM_EINVAL);
}

static void test_end_colours(void)
{
    double c[4];
    fm_ramp_color(FM_RAMP_VIRIDIS, 1, c); /* #fde725 */
    CHECK_NEAR(c[0], 253 / 255.0, 1e-9);
    CHECK_NEAR(c[1], 231 / 255.0, 1e-9);
    CHECK_NEAR(c[2], 37 / 255.0, 1e-9);
    CHECK(c[3] == 1);
    fm_ramp_color(FM_RAMP_VIRIDIS, 0, c); /* #440154, fully transparent */
    CHECK_NEAR(c[0], 68 / 255.0, 1e-9);
    CHECK_NEAR(c[2], 84 / 255.0, 1e-9);
    CHECK(c[3] == 0);
    fm_ramp_color(FM_RAMP_MAGMA, 1, c); /* #fcfdbf */
    CHECK_NEAR(c[0], 252 / 255.0, 1e-9);
    CHECK_NEAR(c[2], 191 / 255.0, 1e-9);
    fm_ramp_color(FM_RAMP_INFERNO, 1, c); /* #fcffa4 */
    CHECK_NEAR(c[1], 255 / 255.0, 1e-9);
    CHECK_NEAR(c[2], 164 / 255.0, 1e-9);
    /* clamping, NaN */
    fm_ramp_color(FM_RAMP_INFERNO, 7, c);
    CHECK_NEAR(c[2], 164 / 255.0, 1e-9);
    fm_ramp_color(FM_RAMP_INFERNO, -3, c);
    CHECK(c[3] == 0);
    fm_ramp_color(FM_RAMP_INFERNO, NAN, c);
    CHECK(c[3] == 0 && c[0] >= 0 && c[0] <= 1);
}

/* Relative luminance rises along every ramp, and alpha rises from 0 to 1 over
 * the low end, then stays opaque. */
static void test_monotone(void)
{
    int r, i;
    for (r = FM_RAMP_VIRIDIS; r <= FM_RAMP_INFERNO; r++) {
        double prev_l = -1, prev_a = -1, c[4];
        int ok_l = 1, ok_a = 1;
        for (i = 0; i <= 200; i++) {
            double l;
            fm_ramp_color((fm_ramp)r, i / 200.0, c);
            l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
            ok_l &= l > prev_l;
            ok_a &= c[3] >= prev_a;
            prev_l = l;
            prev_a = c[3];
        }
        CHECK(ok_l);
        CHECK(ok_a);
        fm_ramp_color((fm_ramp)r, 0.05, c);
        CHECK(c[3] > 0 && c[3] < 0.5);
        fm_ramp_color((fm_ramp)r, 0.25, c);
        CHECK(c[3] == 1);
    }
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_parse);
    RUN(test_end_colours);
    RUN(test_monotone);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
