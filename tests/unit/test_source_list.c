/* test_source_list.c: the sources a write touched (data/source_list.c,
 * fm_source_list_*): any number of them, each found again by name through
 * growth (no limit: an import once kept the first 16 and dropped the rest
 * of their records), written and noted apart, the last file noted winning;
 * and the few sources a map's credits keep (data/credits.c,
 * fm_credit_keep): the sources cited on their own always among them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"
#include "fm_test.h"

static fm_ctx *ctx;

static void test_many(void)
{
    fm_source_list l = {0};
    fm_source_rec *r;
    char name[32];
    long bad = 0;
    for (int i = 0; i < 5000; i++) { /* rows in runs of a source, each written */
        snprintf(name, sizeof name, "src%d", i);
        for (int k = 0; k < 3; k++)
            bad += fm_source_list_wrote(ctx, &l, name) != FM_OK;
    }
    CHECK(bad == 0 && l.n == 5000);
    for (int i = 4999; i >= 0; i--) { /* found again, in any order */
        snprintf(name, sizeof name, "src%d", i);
        bad += fm_source_list_find(ctx, &l, name, 0, &r) != FM_OK || !r || !r->written ||
               strcmp(r->source, name) || r != &l.v[i];
    }
    CHECK(bad == 0);
    CHECK(fm_source_list_find(ctx, &l, "src5000", 0, &r) == FM_OK && r == NULL && l.n == 5000);
    fm_source_list_free(&l);
    CHECK(l.n == 0 && l.v == NULL && l.slots == NULL);
}

static void test_noted(void)
{
    fm_source_list l = {0};
    fm_source_rec *r;
    CHECK(fm_source_list_note(ctx, &l, "ged", "ged211.csv", NULL, NULL) == FM_OK);
    CHECK(fm_source_list_note(ctx, &l, "acled", NULL, "x", "2019-04-05") == FM_OK);
    CHECK(fm_source_list_note(ctx, &l, "ged", "ged231.csv", "23.1", "2020-01-02") == FM_OK);
    CHECK(fm_source_list_wrote(ctx, &l, NULL) == FM_OK); /* NULL: "" */
    CHECK(l.n == 3);
    CHECK(fm_source_list_find(ctx, &l, "ged", 0, &r) == FM_OK && r && !r->written &&
          !strcmp(r->rec[0], "ged231.csv") && !strcmp(r->rec[1], "23.1") &&
          !strcmp(r->rec[2], "2020-01-02"));
    /* no file: no version either; the day stays */
    CHECK(fm_source_list_find(ctx, &l, "acled", 0, &r) == FM_OK && r && !r->rec[0] &&
          !r->rec[1] && !strcmp(r->rec[2], "2019-04-05"));
    CHECK(fm_source_list_find(ctx, &l, "", 0, &r) == FM_OK && r && r->written && !r->rec[0]);
    fm_source_list_free(&l);
    fm_source_list_free(NULL);
}

static void test_credit_keep(void)
{
    char *src[5], name[16];
    size_t n = 0;
    fm_buf b = {0};
    for (int i = 0; i < 9; i++) {
        snprintf(name, sizeof name, "src%d", i);
        CHECK(fm_credit_keep(ctx, src, &n, 5, name) == FM_OK);
    }
    CHECK(n == 5 && !strcmp(src[0], "src0") && !strcmp(src[4], "src4"));
    CHECK(fm_credit_keep(ctx, src, &n, 5, "acled") == FM_OK);
    CHECK(fm_credit_keep(ctx, src, &n, 5, "ged") == FM_OK);
    CHECK(fm_credit_keep(ctx, src, &n, 5, "reports") == FM_OK);
    CHECK(fm_credit_keep(ctx, src, &n, 5, "acled") == FM_OK); /* once */
    CHECK(fm_credit_keep(ctx, src, &n, 5, "src9") == FM_OK);  /* no room */
    CHECK(n == 5 && !strcmp(src[0], "src0") && !strcmp(src[1], "src1"));
    fm_credit_sources(ctx, (const char *const *)src, n, "2019-04-05", NULL, &b);
    CHECK(strstr(fm_buf_str(&b), "accessed 2019-04-05") && strstr(fm_buf_str(&b), "UCDP GED") &&
          strstr(fm_buf_str(&b), "public reports") &&
          strstr(fm_buf_str(&b), "Other sources: src0 and more"));
    fm_buf_free(&b);
    for (size_t i = 0; i < n; i++)
        free(src[i]);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_many);
    RUN(test_noted);
    RUN(test_credit_keep);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
