/* held.c: the files a command uses (its store, its inputs), recorded on the
 * context so that no output replaces one of them under any of its names:
 * files are compared by device and inode, and by real path for files that
 * do not exist yet and for a store's -wal, -shm and -journal companions. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core_priv.h"
#include "core/fm_output.h"

typedef struct {
    char *canon;  /* real path (for a file still to come: its directory's, and its name) */
    char *shown;  /* as the user gave it, for messages */
    dev_t dev;
    ino_t ino;
    int has_id;   /* the file existed when held */
    fm_held_role role;
} held_file;

struct fm_held_files {
    held_file *v;
    size_t n, cap;
};

static const char *const companions[] = {"-wal", "-shm", "-journal"};

char *fm_path_canonical(const char *path)
{
    char *real = realpath(path, NULL), *copy, *slash, *dir, *out;
    const char *base;
    if (real || errno != ENOENT)
        return real;
    if (!(copy = strdup(path)))
        return NULL;
    slash = strrchr(copy, '/');
    if (!slash) {
        dir = NULL, base = copy;
    } else {
        *slash = '\0';
        dir = copy, base = slash + 1;
    }
    if (!*base) { /* "dir/": a directory, which did not resolve */
        free(copy);
        errno = ENOENT;
        return NULL;
    }
    real = realpath(!dir ? "." : *dir ? dir : "/", NULL);
    out = real ? malloc(strlen(real) + strlen(base) + 2) : NULL;
    if (out)
        sprintf(out, "%s/%s", strcmp(real, "/") ? real : "", base);
    free(real);
    free(copy);
    return out;
}

void fm_held_files_free(struct fm_held_files *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        free(h->v[i].canon);
        free(h->v[i].shown);
    }
    free(h->v);
    free(h);
}

fm_status fm_ctx_hold_file(fm_ctx *ctx, const char *path, fm_held_role role)
{
    struct fm_held_files **slot = fm_ctx_held_slot(ctx), *h = *slot;
    struct stat sb;
    held_file f;
    if (!path || !*path || !strcmp(path, "-"))
        return FM_OK;
    if (!h && !(h = *slot = calloc(1, sizeof *h)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    memset(&f, 0, sizeof f);
    f.role = role;
    /* a path whose directory does not resolve names no file an output could reach */
    f.canon = fm_path_canonical(path);
    if (!f.canon && !(f.canon = strdup(path)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (size_t i = 0; i < h->n; i++)
        if (h->v[i].role == role && !strcmp(h->v[i].canon, f.canon)) {
            free(f.canon);
            return FM_OK;
        }
    if (stat(path, &sb) == 0)
        f.has_id = 1, f.dev = sb.st_dev, f.ino = sb.st_ino;
    if (!(f.shown = strdup(path)) || fm_grow(ctx, (void **)&h->v, &h->cap, h->n + 1, sizeof f)) {
        free(f.canon);
        free(f.shown);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    h->v[h->n++] = f;
    return FM_OK;
}

void fm_ctx_release_files(fm_ctx *ctx)
{
    struct fm_held_files **slot = fm_ctx_held_slot(ctx);
    fm_held_files_free(*slot);
    *slot = NULL;
}

static int same_id(const struct stat *a, dev_t dev, ino_t ino)
{
    return a->st_dev == dev && a->st_ino == ino;
}

/* The held file that canon (with sb when it exists) names, if any; *which
 * says which of a store's companions it is (NULL: the file itself). */
static const held_file *find_held(const struct fm_held_files *h, const char *canon,
                                  const struct stat *sb, int stores_only, const char **which)
{
    struct stat now;
    *which = NULL;
    for (size_t i = 0; h && i < h->n; i++) {
        const held_file *f = &h->v[i];
        size_t n = strlen(f->canon);
        if (stores_only && f->role != FM_HELD_STORE)
            continue;
        if (sb && f->has_id && same_id(sb, f->dev, f->ino))
            return f;
        /* the held path may name another file by now (a store published since) */
        if (sb && stat(f->canon, &now) == 0 && same_id(sb, now.st_dev, now.st_ino))
            return f;
        if (!strcmp(canon, f->canon))
            return f;
        for (size_t k = 0; f->role == FM_HELD_STORE && k < 3; k++)
            if (!strncmp(canon, f->canon, n) && !strcmp(canon + n, companions[k])) {
                *which = companions[k];
                return f;
            }
    }
    return NULL;
}

static fm_status refuse(fm_ctx *ctx, const char *path, const char *what, const held_file *f,
                        const char *which)
{
    if (f->role == FM_HELD_INPUT)
        return fm_error(ctx, FM_EUSAGE,
                        "will not write the %s '%s': it is '%s', an input of this command "
                        "(choose another file)", what, path, f->shown);
    if (which)
        return fm_error(ctx, FM_EUSAGE,
                        "will not write the %s '%s': it is the %s of the store '%s' "
                        "(choose another file)", what, path,
                        !strcmp(which, "-wal")   ? "write-ahead log"
                        : !strcmp(which, "-shm") ? "shared-memory index"
                                                 : "rollback journal", f->shown);
    return fm_error(ctx, FM_EUSAGE,
                    "will not write the %s '%s': it is the store '%s' (choose another file)",
                    what, path, f->shown);
}

fm_status fm_held_check(fm_ctx *ctx, const char *path, const char *target, int stores_only,
                        const char *what)
{
    struct fm_held_files *h = *fm_ctx_held_slot(ctx);
    struct stat sb;
    const held_file *f;
    const char *which;
    char *canon;
    int exists;
    if (!h || !h->n)
        return FM_OK;
    exists = stat(target, &sb) == 0;
    if (!(canon = fm_path_canonical(target)) && !(canon = strdup(target)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    f = find_held(h, canon, exists ? &sb : NULL, stores_only, &which);
    free(canon);
    if (!f)
        return FM_OK;
    if (stores_only && !which)
        return fm_error(ctx, FM_EUSAGE, "the %s '%s' is the store '%s' itself", what, path,
                        f->shown);
    return refuse(ctx, path, what, f, which);
}

fm_status fm_ctx_check_held(fm_ctx *ctx, const char *path, int stores_only, const char *what)
{
    return fm_held_check(ctx, path, path, stores_only, what);
}

int fm_path_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    char *ca, *cb;
    int same;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return same_id(&sa, sb.st_dev, sb.st_ino);
    ca = fm_path_canonical(a);
    cb = fm_path_canonical(b);
    same = ca && cb ? !strcmp(ca, cb) : !strcmp(a, b);
    free(ca);
    free(cb);
    return same;
}
