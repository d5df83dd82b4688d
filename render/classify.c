/* classify.c: class breaks for choropleths, pure arithmetic: Jenks natural
 * breaks (Fisher's exact optimisation of the within-class sum of squared
 * deviations, by dynamic programming) on the sorted values. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/fm_render.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Distinct values among the sorted v. */
static size_t distinct(const double *v, size_t n)
{
    size_t d = n ? 1 : 0;
    for (size_t i = 1; i < n; i++)
        d += v[i] != v[i - 1];
    return d;
}

/* The optimal partition of sorted s[0..n) into k classes: lower[j][i] is the
 * first index of the last class when s[0..i] is split into j + 1 classes. */
static fm_status jenks(fm_ctx *ctx, const double *s, size_t n, size_t k, double *upper)
{
    double *cost = fm_malloc_array(k * n, sizeof *cost);
    size_t *lower = fm_malloc_array(k * n, sizeof *lower), i, j, m, end;
    double *sum = fm_malloc_array(n + 1, sizeof *sum), *sq = fm_malloc_array(n + 1, sizeof *sq);
    if (!cost || !lower || !sum || !sq) {
        free(cost), free(lower), free(sum), free(sq);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    sum[0] = sq[0] = 0;
    for (i = 0; i < n; i++)
        sum[i + 1] = sum[i] + s[i], sq[i + 1] = sq[i] + s[i] * s[i];
#define SSD(a, b) (sq[(b) + 1] - sq[a] - (sum[(b) + 1] - sum[a]) * (sum[(b) + 1] - sum[a]) / \
                                             (double)((b) - (a) + 1))
    for (i = 0; i < n; i++)
        cost[i] = SSD(0, i), lower[i] = 0;
    for (j = 1; j < k; j++)
        for (i = 0; i < n; i++) {
            double best = HUGE_VAL;
            size_t at = i;
            for (m = j; m <= i; m++) { /* the last class is s[m..i] */
                double c = cost[(j - 1) * n + m - 1] + SSD(m, i);
                if (c < best)
                    best = c, at = m;
            }
            cost[j * n + i] = best, lower[j * n + i] = at;
        }
#undef SSD
    end = n - 1;
    for (j = k; j-- > 0;) { /* the upper bound of each class, last first */
        upper[j] = s[end];
        if (j)
            end = lower[j * n + end] - 1;
    }
    free(cost), free(lower), free(sum), free(sq);
    return FM_OK;
}

fm_status fm_classify_jenks(fm_ctx *ctx, const double *v, size_t n, size_t k, double *upper,
                            size_t *nclasses)
{
    double *s;
    size_t d;
    fm_status st;
    *nclasses = 0;
    if (!n || !k)
        return FM_OK;
    if (!(s = fm_malloc_array(n, sizeof *s)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    memcpy(s, v, n * sizeof *s);
    qsort(s, n, sizeof *s, cmp_double);
    d = distinct(s, n);
    if (k > d)
        k = d; /* never an empty class */
    st = jenks(ctx, s, n, k, upper);
    if (!st) { /* ties can make two classes end on one value: merge them */
        size_t out = 0;
        for (size_t j = 0; j < k; j++)
            if (!out || upper[j] > upper[out - 1])
                upper[out++] = upper[j];
        *nclasses = out;
    }
    free(s);
    return st;
}

int fm_classify_find(const double *upper, size_t nclasses, double v)
{
    for (size_t j = 0; j < nclasses; j++)
        if (v <= upper[j])
            return (int)j;
    return nclasses ? (int)nclasses - 1 : -1;
}
