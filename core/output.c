/* output.c: opening an output file. The path is checked (not a held file,
 * not a directory, FIFO, device or socket, a link followed to its target),
 * then written under a temporary name beside its target and renamed over it
 * only when complete, so that a failure leaves whatever was there as it was. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/core_priv.h"
#include "core/fm_output.h"

struct fm_output {
    char *shown;  /* as given, for messages */
    char *target; /* the file replaced: path itself, or where its links lead */
    char *tmp;    /* the temporary file; NULL when written through */
    FILE *f;      /* the stream (not for by-name writers) */
};

/* Where an output goes, as worked out by plan(). */
typedef struct {
    char *target;
    int exists;  /* a regular file is there: replaced, keeping its mode */
    int through; /* a descriptor the user named, written as it is */
    mode_t mode;
} out_plan;

/* Paths that name a descriptor the user opened on purpose. */
static int is_descriptor_path(const char *p)
{
    return !strcmp(p, "/dev/stdout") || !strcmp(p, "/dev/stderr") ||
           !strncmp(p, "/dev/fd/", 8) || !strncmp(p, "/proc/self/fd/", 14);
}

static const char *kind_name(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO (named pipe)";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* Follows a chain of symbolic links that ends at a name not taken yet: the
 * file to create. NULL with errno set on a loop or an unreadable link. */
static char *follow_dangling(const char *path)
{
    char *cur = strdup(path), buf[PATH_MAX];
    for (int i = 0; cur && i < 40; i++) {
        struct stat sb;
        const char *slash;
        char *next;
        ssize_t n;
        if (lstat(cur, &sb) != 0) {
            if (errno == ENOENT)
                return cur;
            break;
        }
        if (!S_ISLNK(sb.st_mode) || (n = readlink(cur, buf, sizeof buf - 1)) < 0) {
            if (!S_ISLNK(sb.st_mode))
                errno = ENOENT; /* there after all, yet stat saw nothing: give up */
            break;
        }
        buf[n] = '\0';
        slash = strrchr(cur, '/');
        if (buf[0] == '/' || !slash) {
            next = strdup(buf);
        } else if ((next = malloc((size_t)(slash - cur) + (size_t)n + 2)) != NULL) {
            sprintf(next, "%.*s/%s", (int)(slash - cur), cur, buf);
        }
        free(cur);
        cur = next;
        if (i == 39)
            errno = ELOOP;
    }
    free(cur);
    return NULL;
}

static fm_status refuse_kind(fm_ctx *ctx, const char *path, int link, mode_t m, unsigned flags)
{
    return fm_error(ctx, FM_EUSAGE, "will not write the output '%s': it is %s%s, not a regular "
                    "file%s", path, link ? "a link to " : "", kind_name(m),
                    S_ISDIR(m) || (flags & FM_OUTPUT_BY_NAME)
                        ? ""
                        : " (to write to a pipe or device, use '--out -' where the format"
                          " allows, or an open descriptor such as /dev/stdout, and redirect)");
}

/* Works out the target of path, or refuses it. */
static fm_status plan(fm_ctx *ctx, const char *path, unsigned flags, out_plan *p)
{
    struct stat ls, sb;
    char *dir;
    memset(p, 0, sizeof *p);
    if (!path || !*path)
        return fm_error(ctx, FM_EUSAGE, "no output file given");
    if (!strcmp(path, "-"))
        return fm_error(ctx, FM_EUSAGE, "this output cannot go to stdout ('-'): give a file name");
    if (lstat(path, &ls) != 0) {
        if (errno != ENOENT)
            return fm_error(ctx, FM_EIO, "cannot create '%s': %s", path, strerror(errno));
        p->target = strdup(path);
    } else if (stat(path, &sb) != 0) { /* a link to a file still to be created */
        if (errno != ENOENT || !(p->target = follow_dangling(path)))
            return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    } else if (S_ISREG(sb.st_mode)) {
        if (access(path, W_OK) != 0)
            return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
        p->exists = 1;
        p->mode = sb.st_mode & 07777;
        p->target = S_ISLNK(ls.st_mode) ? realpath(path, NULL) : strdup(path);
        if (!p->target && errno != ENOMEM)
            return fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    } else if (is_descriptor_path(path) && !S_ISDIR(sb.st_mode) &&
               !(flags & FM_OUTPUT_BY_NAME)) {
        p->through = 1;
        p->target = strdup(path);
    } else {
        return refuse_kind(ctx, path, S_ISLNK(ls.st_mode), sb.st_mode, flags);
    }
    if (!p->target)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (!p->exists && !p->through) { /* its directory must be there */
        if (!(dir = fm_path_canonical(p->target))) {
            fm_status s = fm_error(ctx, FM_EIO, "cannot create '%s': %s", path, strerror(errno));
            free(p->target);
            p->target = NULL;
            return s;
        }
        free(dir);
    }
    return fm_held_check(ctx, path, p->target, 0, "output");
}

fm_status fm_output_check(fm_ctx *ctx, const char *path, unsigned flags)
{
    out_plan p;
    fm_status s = plan(ctx, path, flags, &p);
    free(p.target);
    return s;
}

/* Creates target.tmp-XXXXXX (or a short name in its directory when the name
 * is long) with mode 0666 less the umask; its name goes to *tmp. */
static int create_temp(const char *target, char **tmp)
{
    const char *slash = strrchr(target, '/'), *base = slash ? slash + 1 : target;
    size_t n = strlen(target) + 40;
    unsigned seed = (unsigned)getpid() * 2654435761u;
    struct timespec ts;
    if (!(*tmp = malloc(n)))
        return -1;
    clock_gettime(CLOCK_REALTIME, &ts);
    seed ^= (unsigned)ts.tv_nsec;
    for (int i = 0; i < 100; i++) {
        int fd;
        seed = seed * 1103515245u + 12345u;
        if (strlen(base) < 200)
            snprintf(*tmp, n, "%s.tmp-%06x", target, (seed >> 8) & 0xffffff);
        else
            snprintf(*tmp, n, "%.*s.frontiermap-%06x.tmp", (int)(base - target), target,
                     (seed >> 8) & 0xffffff);
        fd = open(*tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

/* A descriptor the user named: opened without waiting for a FIFO's reader. */
static fm_status open_through(fm_ctx *ctx, fm_output *o)
{
    int fd = open(o->target, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY), fl;
    if (fd < 0)
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", o->shown,
                        errno == ENXIO ? "nothing is reading it" : strerror(errno));
    if ((fl = fcntl(fd, F_GETFL)) != -1)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    if (!(o->f = fdopen(fd, "wb"))) {
        close(fd);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

static fm_status open_temp(fm_ctx *ctx, fm_output *o, const out_plan *p, unsigned flags)
{
    int fd = create_temp(o->target, &o->tmp);
    if (fd < 0) {
        fm_status s = fm_error(ctx, FM_EIO, "cannot create '%s': %s", o->shown, strerror(errno));
        free(o->tmp);
        o->tmp = NULL;
        return s;
    }
    if (p->exists)
        fchmod(fd, p->mode); /* a file replaced keeps its permissions */
    if (flags & FM_OUTPUT_BY_NAME) {
        close(fd);
        return FM_OK;
    }
    if (!(o->f = fdopen(fd, "wb"))) {
        close(fd);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

fm_status fm_output_open(fm_ctx *ctx, const char *path, unsigned flags, fm_output **out)
{
    fm_output *o;
    out_plan p;
    fm_status s;
    *out = NULL;
    if ((s = plan(ctx, path, flags, &p))) {
        free(p.target);
        return s;
    }
    if (!(o = calloc(1, sizeof *o)) || !(o->shown = strdup(path))) {
        free(o);
        free(p.target);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    o->target = p.target;
    s = p.through ? open_through(ctx, o) : open_temp(ctx, o, &p, flags);
    if (s) {
        fm_output_abort(o);
        return s;
    }
    *out = o;
    return FM_OK;
}

FILE *fm_output_stream(fm_output *o)
{
    return o ? o->f : NULL;
}

const char *fm_output_temp(const fm_output *o)
{
    return o ? o->tmp : NULL;
}

const char *fm_output_target(const fm_output *o)
{
    return o ? o->target : NULL;
}

static void output_free(fm_output *o)
{
    free(o->shown);
    free(o->target);
    free(o->tmp);
    free(o);
}

fm_status fm_output_commit(fm_ctx *ctx, fm_output *o)
{
    fm_status s = FM_OK;
    if (o->f) {
        errno = 0;
        if (fflush(o->f) != 0 || ferror(o->f))
            s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", o->shown,
                         errno ? strerror(errno) : "write error");
        if (fclose(o->f) != 0 && !s)
            s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", o->shown, strerror(errno));
        o->f = NULL;
    }
    if (!s && o->tmp && rename(o->tmp, o->target) != 0)
        s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", o->shown, strerror(errno));
    if (s && o->tmp)
        unlink(o->tmp);
    output_free(o);
    return s;
}

void fm_output_abort(fm_output *o)
{
    if (!o)
        return;
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    output_free(o);
}
