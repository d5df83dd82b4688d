/* bigmem.c: zeroed buffers of megabytes (density work grids, page images)
 * mapped straight from the kernel, so they go back whole when freed and a
 * mapped buffer grows by mremap: the kernel moves its page tables, nothing
 * is copied or faulted in again. They are not marked for transparent huge
 * pages: in this virtual machine the balloon reports every free block of
 * 2 MB or more to the host, which takes its memory back, so a huge page is
 * nearly always one the host must fault in again on first touch: 84 MB of
 * fresh huge pages cost 0.2-0.8 s of system time cold, against 30-35 ms in
 * 4 KB pages (the small free blocks are not reported); only a run that
 * follows another within a second found its huge pages still backed (8 ms).
 * The mappings still start and end on a 2 MB boundary, for a kernel that
 * gives every mapping huge pages of its own accord. Small buffers, and
 * sanitizer builds (so ASan still sees every overrun), take calloc. */
#define _GNU_SOURCE /* mremap */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/fm_core.h"

#if defined(__SANITIZE_ADDRESS__)
#define BIG_MMAP 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define BIG_MMAP 0
#endif
#endif
#ifndef BIG_MMAP
#define BIG_MMAP 1
#endif

#define BIG_MIN ((size_t)1 << 21)   /* below 2 MB, calloc */
#define BIG_ALIGN ((size_t)1 << 21) /* where mappings start and end */
#define BIG_HDR 64                  /* holds the mapped length; keeps 64-byte alignment */

/* A fresh anonymous mapping of len bytes (a multiple of BIG_ALIGN) that
 * starts on a BIG_ALIGN boundary; NULL when none.
 * It is cut out of a mapping one BIG_ALIGN longer. */
static void *big_map(size_t len)
{
    unsigned char *q, *a;
    size_t head;
    if (len > SIZE_MAX - BIG_ALIGN)
        return NULL;
    q = mmap(NULL, len + BIG_ALIGN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED)
        return NULL;
    head = (BIG_ALIGN - (uintptr_t)q % BIG_ALIGN) % BIG_ALIGN;
    a = q + head;
    if (head)
        munmap(q, head);
    munmap(a + len, BIG_ALIGN - head);
    return a;
}

static size_t big_round(size_t len)
{
    return len > SIZE_MAX - BIG_ALIGN ? 0 : (len + BIG_ALIGN - 1) / BIG_ALIGN * BIG_ALIGN;
}

void *fm_big_calloc(size_t n, size_t size)
{
    size_t len;
    unsigned char *p;
    if (size && n > (SIZE_MAX - BIG_HDR) / size)
        return NULL;
    len = n * size + BIG_HDR;
    if (BIG_MMAP && len >= BIG_MIN && (len = big_round(len)) && (p = big_map(len))) {
        *(size_t *)p = len;
        return p + BIG_HDR;
    }
    len = n * size + BIG_HDR;
    if (!(p = calloc(1, len)))
        return NULL;
    *(size_t *)p = 0;
    return p + BIG_HDR;
}

void fm_big_free(void *ptr)
{
    unsigned char *p = ptr;
    size_t len;
    if (!p)
        return;
    p -= BIG_HDR;
    len = *(size_t *)p;
    if (len)
        munmap(p, len);
    else
        free(p);
}

#ifdef MREMAP_MAYMOVE
/* The mapping p of len bytes grown to nlen (both multiples of BIG_ALIGN,
 * p aligned), still aligned: in place when the addresses after it are free,
 * else its pages moved (not copied) to the start of a fresh aligned mapping;
 * NULL (p untouched) when neither can be had. */
static void *big_remap(void *p, size_t len, size_t nlen)
{
    void *m = mremap(p, len, nlen, 0), *q;
    if (m != MAP_FAILED)
        return m;
    if (!(q = big_map(nlen)))
        return NULL;
    m = mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, q);
    if (m == MAP_FAILED) {
        munmap(q, nlen);
        return NULL;
    }
    return m;
}
#endif

/* A new zeroed buffer of new_len bytes holding the first old_len of p. */
static void *big_move(void *p, size_t old_len, size_t new_len)
{
    void *q = fm_big_calloc(new_len, 1);
    if (q && old_len)
        memcpy(q, p, old_len);
    if (q)
        fm_big_free(p);
    return q;
}

fm_status fm_big_grow(fm_ctx *ctx, void **items, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    unsigned char *p = *items, *q;
    if (need <= *cap)
        return FM_OK;
    ncap = *cap ? *cap : 1024;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
        ncap *= 2;
    }
    if (size && ncap > (SIZE_MAX - BIG_HDR) / size)
        return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
    if (!p) {
        q = fm_big_calloc(ncap, size);
    } else {
#ifdef MREMAP_MAYMOVE
        size_t len = *(size_t *)(p - BIG_HDR), nlen = big_round(ncap * size + BIG_HDR);
        if (len) { /* mapped: the new pages come zeroed, as a mapping's do */
            void *m = nlen ? big_remap(p - BIG_HDR, len, nlen) : NULL;
            if (!m)
                return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
            *(size_t *)m = nlen;
            *items = (unsigned char *)m + BIG_HDR;
            *cap = ncap;
            return FM_OK;
        }
#endif
        q = big_move(p, *cap * size, ncap * size);
    }
    if (!q)
        return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
    *items = q;
    *cap = ncap;
    return FM_OK;
}
