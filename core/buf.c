/* buf.c: overflow-checked allocation helpers and the growable string fm_buf. */
#include "core/fm_core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void *fm_malloc_array(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return malloc(n * size > 0 ? n * size : 1);
}

void *fm_realloc_array(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return realloc(p, n * size > 0 ? n * size : 1);
}

fm_status fm_grow(fm_ctx *ctx, void **items, size_t *cap, size_t need, size_t size)
{
    size_t ncap;
    void *p;
    if (need <= *cap)
        return FM_OK;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
        ncap *= 2;
    }
    p = fm_realloc_array(*items, ncap, size);
    if (!p)
        return fm_error(ctx, FM_ENOMEM, "out of memory (array of %zu)", need);
    *items = p;
    *cap = ncap;
    return FM_OK;
}

char *fm_strdup(fm_ctx *ctx, const char *s)
{
    char *d;
    if (!s)
        return NULL;
    d = strdup(s);
    if (!d)
        fm_error(ctx, FM_ENOMEM, "out of memory");
    return d;
}

/* Remembers the first failure of b and returns it. */
static fm_status buf_fail(fm_buf *b, fm_status st)
{
    if (!b->status)
        b->status = st;
    return b->status;
}

fm_status fm_buf_append(fm_ctx *ctx, fm_buf *b, const char *s, size_t n)
{
    void *p = b->data;
    if (b->status)
        return b->status;
    /* the common case, cheaply: it fits with its NUL (name folding appends a
     * byte or a word at a time, hundreds of thousands in a batch) */
    if (b->data && b->len < b->cap && n < b->cap - b->len) {
        if (n)
            memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return FM_OK;
    }
    if (n > SIZE_MAX - b->len - 1)
        return buf_fail(b, fm_error(ctx, FM_ENOMEM, "string too long"));
    if (fm_grow(ctx, &p, &b->cap, b->len + n + 1, 1))
        return buf_fail(b, FM_ENOMEM);
    b->data = p;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return FM_OK;
}

char *fm_buf_room(fm_ctx *ctx, fm_buf *b, size_t n)
{
    void *p = b->data;
    if (b->status)
        return NULL;
    if (n > SIZE_MAX - b->len - 1) {
        buf_fail(b, fm_error(ctx, FM_ENOMEM, "string too long"));
        return NULL;
    }
    if (fm_grow(ctx, &p, &b->cap, b->len + n + 1, 1)) {
        buf_fail(b, FM_ENOMEM);
        return NULL;
    }
    b->data = p;
    return b->data + b->len;
}

void fm_buf_commit(fm_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

fm_status fm_buf_puts(fm_ctx *ctx, fm_buf *b, const char *s)
{
    return fm_buf_append(ctx, b, s, strlen(s));
}

fm_status fm_buf_putc(fm_ctx *ctx, fm_buf *b, char c)
{
    if (!b->status && b->data && b->len + 2 <= b->cap) { /* the byte and the NUL */
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return FM_OK;
    }
    return fm_buf_append(ctx, b, &c, 1);
}

fm_status fm_buf_printf(fm_ctx *ctx, fm_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;
    fm_status st;
    if (b->status)
        return b->status;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return buf_fail(b, fm_error(ctx, FM_EINVAL, "bad format"));
    if ((size_t)n < sizeof small)
        return fm_buf_append(ctx, b, small, (size_t)n);
    {
        char *big = malloc((size_t)n + 1);
        if (!big)
            return buf_fail(b, fm_error(ctx, FM_ENOMEM, "out of memory"));
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        st = fm_buf_append(ctx, b, big, (size_t)n);
        free(big);
        return st;
    }
}

fm_status fm_buf_cat(fm_ctx *ctx, fm_buf *b, const fm_buf *src)
{
    if (src->status)
        return buf_fail(b, src->status);
    return fm_buf_append(ctx, b, fm_buf_str(src), src->len);
}

fm_status fm_buf_check(fm_ctx *ctx, const fm_buf *b)
{
    if (!b->status)
        return FM_OK;
    return fm_error(ctx, b->status, "%s while building a string", fm_status_str(b->status));
}

void fm_buf_reset(fm_buf *b)
{
    b->len = 0;
    b->status = FM_OK;
    if (b->data)
        b->data[0] = '\0';
}

void fm_buf_free(fm_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->status = FM_OK;
}

const char *fm_buf_str(const fm_buf *b)
{
    return b->data ? b->data : "";
}
