/* fm_test.h: a minimal test harness: CHECK records a failure with its line
 * and carries on; each test program returns non-zero if any check failed. */
#ifndef FM_TEST_H
#define FM_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/fm_core.h"

extern int fm_test_failures;
extern int fm_test_checks;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        fm_test_checks++;                                                            \
        if (!(cond)) {                                                               \
            fm_test_failures++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#define CHECK_STR(a, b)                                                                 \
    do {                                                                                \
        const char *a_ = (a), *b_ = (b);                                                \
        fm_test_checks++;                                                               \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                        \
            fm_test_failures++;                                                         \
            fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, \
                    b_ ? b_ : "(null)", a_ ? a_ : "(null)");                            \
        }                                                                               \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                          \
    do {                                                                               \
        double a_ = (a), b_ = (b);                                                     \
        fm_test_checks++;                                                              \
        if (!(fabs(a_ - b_) <= (tol))) {                                               \
            fm_test_failures++;                                                        \
            fprintf(stderr, "%s:%d: %s = %.9g, expected %.9g (tolerance %g)\n", __FILE__, \
                    __LINE__, #a, a_, b_, (double)(tol));                              \
        }                                                                              \
    } while (0)

/* Runs a test function, printing its name. */
#define RUN(fn)                              \
    do {                                     \
        fprintf(stderr, "-- %s\n", #fn);     \
        fn();                                \
    } while (0)

/* Ends main: prints a summary, returns the exit code. */
int fm_test_done(void);
/* A scratch directory for this test program (created), owned by the harness. */
const char *fm_test_tmpdir(void);
/* fm_test_tmpdir()/name, in one of 8 rotating buffers (so a few may be used at
 * once). */
const char *fm_test_path(const char *name);
/* The tests/ source directory. */
const char *fm_test_srcdir(void);
/* The first column of the first row of sql run read-only on the SQLite file
 * at path, as an integer; -1 when the file or the query fails. */
long long fm_test_sql_int(const char *path, const char *sql);
/* Runs "frontiermap ARGS..." (args NULL-terminated) in-process on ctx, its
 * standard output into out (cap bytes, NUL-terminated; may be NULL to drop
 * it), diagnostics to stderr; returns the exit code. */
int fm_test_run_cli(fm_ctx *ctx, char *out, size_t cap, const char **args);

#endif
