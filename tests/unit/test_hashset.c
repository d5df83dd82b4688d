/* test_hashset.c: the set of ids that catches duplicates in an import
 * (data/incident.c, fm_hashset_*): each key added once reports no earlier
 * tag, a key added again reports the tag it was last added with, through
 * growth from empty and in a set reserved big enough to ask for huge pages. */
#include <stdint.h>
#include <stdlib.h>

#include "data/store_priv.h"
#include "fm_test.h"

static fm_ctx *ctx;

/* Adds n keys (tags 1..7 by key), then adds them all again: every first add
 * must find nothing, every second the key's tag. Returns the mismatches. */
static long fill_twice(fm_hashset *hs, size_t n)
{
    long bad = 0;
    uint32_t prev;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            uint64_t key = 0x9e3779b97f4a7c15ULL * (i + 1);
            uint32_t tag = (uint32_t)(i % 7) + 1;
            if (fm_hashset_add(ctx, hs, key, tag, &prev) != FM_OK)
                return -1;
            bad += pass == 0 ? prev != 0 : prev != tag;
        }
    return bad;
}

static void test_grows(void)
{
    fm_hashset hs = {0};
    CHECK(fill_twice(&hs, 50000) == 0);
    CHECK(hs.n == 50000 && hs.cap >= 50000 * 10 / 7);
    fm_hashset_free(&hs);
    CHECK(hs.slots == NULL && hs.n == 0);
}

static void test_reserved_big(void)
{
    fm_hashset hs = {0};
    CHECK(fm_hashset_reserve(ctx, &hs, 1000000) == FM_OK);
    CHECK(hs.cap * sizeof *hs.slots >= (4u << 20)); /* past the huge-page threshold */
    size_t cap = hs.cap;
    CHECK(fill_twice(&hs, 1000000) == 0);
    CHECK(hs.n == 1000000 && hs.cap == cap); /* no growth past the reservation */
    fm_hashset_free(&hs);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_grows);
    RUN(test_reserved_big);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
