/* ctx.c: the frontiermap context: last error, log sink, progress callback and
 * data directory. No globals: everything a call needs to report lives here. */
#include "core/fm_core.h"
#include "core/core_priv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FM_MSG_MAX 2048

struct fm_ctx {
    fm_status status;
    char message[FM_MSG_MAX];
    fm_log_fn log_fn;
    void *log_user;
    fm_log_level log_level;
    fm_progress_fn progress_fn;
    void *progress_user;
    char *data_dir;
    struct fm_held_files *held; /* files outputs must not replace (held.c) */
};

fm_ctx *fm_ctx_create(void)
{
    fm_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx)
        ctx->log_level = FM_LOG_WARN;
    return ctx;
}

void fm_ctx_destroy(fm_ctx *ctx)
{
    if (!ctx)
        return;
    free(ctx->data_dir);
    fm_held_files_free(ctx->held);
    free(ctx);
}

fm_status fm_error(fm_ctx *ctx, fm_status code, const char *fmt, ...)
{
    va_list ap;
    if (!ctx)
        return code;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
    va_end(ap);
    fm_utf8_repair(ctx->message); /* user text cut by %.40s or by the buffer */
    ctx->status = code;
    return code;
}

fm_status fm_error_prefix(fm_ctx *ctx, fm_status code, const char *fmt, ...)
{
    char prefix[FM_MSG_MAX], old[FM_MSG_MAX];
    va_list ap;
    if (!ctx)
        return code;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    memcpy(old, ctx->message, sizeof old);
    {
        /* the prefix may leave no room for the old text: copy what fits */
        const char *rest = old[0] ? old : fm_status_str(code);
        size_t cap = sizeof ctx->message, n = strlen(prefix), m = strlen(rest);
        if (n > cap - 3)
            n = cap - 3;
        memcpy(ctx->message, prefix, n);
        memcpy(ctx->message + n, ": ", 2);
        if (m > cap - n - 3)
            m = cap - n - 3;
        memcpy(ctx->message + n + 2, rest, m);
        ctx->message[n + 2 + m] = '\0';
        fm_utf8_repair(ctx->message);
    }
    ctx->status = code;
    return code;
}

struct fm_held_files **fm_ctx_held_slot(fm_ctx *ctx)
{
    return &ctx->held;
}

const char *fm_ctx_message(const fm_ctx *ctx)
{
    return ctx ? ctx->message : "";
}

fm_status fm_ctx_status(const fm_ctx *ctx)
{
    return ctx ? ctx->status : FM_OK;
}

void fm_ctx_clear(fm_ctx *ctx)
{
    if (!ctx)
        return;
    ctx->status = FM_OK;
    ctx->message[0] = '\0';
}

const char *fm_status_str(fm_status st)
{
    switch (st) {
    case FM_OK: return "ok";
    case FM_EINVAL: return "invalid input";
    case FM_ENOMEM: return "out of memory";
    case FM_EIO: return "input/output error";
    case FM_ENOTFOUND: return "not found";
    case FM_EFORMAT: return "unrecognised format";
    case FM_EDB: return "store error";
    case FM_EBUSY: return "store is busy";
    case FM_ERANGE: return "value out of range";
    case FM_ECANCEL: return "cancelled";
    case FM_EUSAGE: return "usage error";
    }
    return "unknown error";
}

void fm_ctx_set_logger(fm_ctx *ctx, fm_log_fn fn, void *user)
{
    ctx->log_fn = fn;
    ctx->log_user = user;
}

void fm_ctx_set_log_level(fm_ctx *ctx, fm_log_level level)
{
    ctx->log_level = level;
}

void fm_ctx_inherit_log(fm_ctx *ctx, const fm_ctx *from)
{
    ctx->log_fn = from->log_fn;
    ctx->log_user = from->log_user;
    ctx->log_level = from->log_level;
}

fm_log_level fm_ctx_log_level(const fm_ctx *ctx)
{
    return ctx->log_level;
}

void fm_log(fm_ctx *ctx, fm_log_level level, const char *fmt, ...)
{
    char line[FM_MSG_MAX];
    va_list ap;
    if (!ctx || !ctx->log_fn || level > ctx->log_level)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fm_utf8_repair(line);
    ctx->log_fn(ctx->log_user, level, line);
}

void fm_ctx_set_progress(fm_ctx *ctx, fm_progress_fn fn, void *user)
{
    ctx->progress_fn = fn;
    ctx->progress_user = user;
}

fm_status fm_progress(fm_ctx *ctx, double fraction, const char *msg)
{
    if (!ctx || !ctx->progress_fn)
        return FM_OK;
    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    if (!ctx->progress_fn(fraction, msg, ctx->progress_user))
        return fm_error(ctx, FM_ECANCEL, "cancelled");
    return FM_OK;
}

const char *fm_ctx_data_dir(const fm_ctx *ctx)
{
    const char *env;
    if (ctx && ctx->data_dir)
        return ctx->data_dir;
    env = getenv("FRONTIERMAP_DATA");
    if (env && *env)
        return env;
    return FM_DEFAULT_DATA_DIR;
}

fm_status fm_ctx_set_data_dir(fm_ctx *ctx, const char *dir)
{
    char *copy = NULL;
    if (dir && !(copy = strdup(dir)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    free(ctx->data_dir);
    ctx->data_dir = copy;
    return FM_OK;
}

const char *fm_version(void)
{
    return FM_VERSION;
}

double fm_clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
