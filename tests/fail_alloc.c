/* fail_alloc.c: an LD_PRELOAD shim for the allocation-failure run
 * (tests/scripts/test_alloc_fail.sh). It makes the Nth allocation fail
 * (FM_FAIL_ALLOC=N; one allocation only, as a real shortage would hit one
 * call first), counting malloc, calloc, realloc, strdup and strndup made by
 * frontiermap's own code and by the C libraries that report a failure
 * (SQLite, utf8proc). Allocations inside glib, Pango, PROJ and GDAL are
 * neither counted nor failed: those libraries abort or throw on no memory by
 * design, which no caller can turn into an error. With FM_ALLOC_COUNT=FILE
 * the number of counted allocations is written to FILE at exit, so the test
 * knows how far to sweep. The drawing module (fm_render.so, dlopened by
 * map, heatmap and monthly) is frontiermap's own code too: the objects are
 * looked at again until it is seen loaded. FM_FAIL_ALLOC_NO_SQLITE=1 leaves SQLite out (the
 * map run: PROJ reads proj.db through it, see test_alloc_fail.sh).
 * FM_FAIL_ALLOC_TRACE=1 prints the failing call's
 * stack to stderr. */
#define _GNU_SOURCE
#include <execinfo.h>
#include <link.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

#define MAX_RANGES 64
static struct { uintptr_t lo, hi; } ranges[MAX_RANGES];
static int nranges;
static atomic_int ready; /* 0 not yet, 1 being set up, 2 ready */
static atomic_long counter;
static atomic_int module_seen; /* the drawing module is among the ranges */
static long fail_at = -1;

/* The executable's own segments, and those of the libraries we trust to
 * report a failed allocation. dl_iterate_phdr does not allocate. */
static int add_object(struct dl_phdr_info *info, size_t size, void *data)
{
    const char *name = info->dlpi_name;
    (void)size, (void)data;
    if (name && *name && !(strstr(name, "libsqlite3") && !getenv("FM_FAIL_ALLOC_NO_SQLITE")) &&
        !strstr(name, "libutf8proc") && !strstr(name, "fm_render.so"))
        return 0;
    if (name && strstr(name, "fm_render.so"))
        atomic_store(&module_seen, 1);
    for (int i = 0; i < info->dlpi_phnum && nranges < MAX_RANGES; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        ranges[nranges].lo = info->dlpi_addr + ph->p_vaddr;
        ranges[nranges].hi = ranges[nranges].lo + ph->p_memsz;
        nranges++;
    }
    return 0;
}

static void setup(void)
{
    int expect = 0;
    const char *n;
    if (!atomic_compare_exchange_strong(&ready, &expect, 1))
        return;
    n = getenv("FM_FAIL_ALLOC");
    fail_at = n && *n ? atol(n) : -1;
    dl_iterate_phdr(add_object, NULL);
    atomic_store(&ready, 2);
}

/* Whether this call (made from ret) is counted, and if so whether it fails. */
static int should_fail(const void *ret)
{
    uintptr_t a = (uintptr_t)ret;
    int ours = 0;
    if (atomic_load(&ready) != 2) {
        setup();
        if (atomic_load(&ready) != 2)
            return 0;
    }
    for (int i = 0; i < nranges && !ours; i++)
        ours = a >= ranges[i].lo && a < ranges[i].hi;
    if (!ours && !atomic_load(&module_seen)) {
        /* a caller outside: maybe the module, loaded since (before any thread
         * of ours starts, so the ranges are not read meanwhile) */
        nranges = 0;
        dl_iterate_phdr(add_object, NULL);
        for (int i = 0; i < nranges && !ours; i++)
            ours = a >= ranges[i].lo && a < ranges[i].hi;
    }
    if (!ours)
        return 0;
    if (atomic_fetch_add(&counter, 1) + 1 != fail_at)
        return 0;
    if (getenv("FM_FAIL_ALLOC_TRACE")) { /* where it failed, for debugging */
        void *frames[64];
        backtrace_symbols_fd(frames, backtrace(frames, 64), 2);
    }
    return 1;
}

void *malloc(size_t n)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    return __libc_realloc(p, n);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d;
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    if ((d = __libc_malloc(n)))
        memcpy(d, s, n);
    return d;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *d;
    if (should_fail(__builtin_return_address(0)))
        return NULL;
    if ((d = __libc_malloc(n + 1))) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

__attribute__((destructor)) static void report(void)
{
    const char *path = getenv("FM_ALLOC_COUNT");
    char line[32];
    int fd, len;
    if (!path || !*path)
        return;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    len = snprintf(line, sizeof line, "%ld\n", (long)atomic_load(&counter));
    if (write(fd, line, (size_t)len) != len) {
        /* nothing to do: the test then sees no count */
    }
    close(fd);
}
