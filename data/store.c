/* store.c: opening and closing a GeoPackage store: permission checks with
 * clear messages, creating the schema for a new file, WAL and busy timeout so
 * readers are never blocked and a second writer waits, then says why. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <libgen.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/store_priv.h"

static fm_status store_alloc(fm_ctx *ctx, const char *path, fm_store **out)
{
    fm_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    st->dir_lock_fd = -1;
    *out = st;
    return FM_OK;
}

static void fsync_path(const char *path, int flags)
{
    int fd = open(path, flags);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Moves a newly built store into place: WAL from now on, synced, renamed. */
static int store_publish(fm_store *st)
{
    char *copy;
    int ok;
    ok = sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_OK;
    ok = sqlite3_close_v2(st->db) == SQLITE_OK && ok;
    st->db = NULL;
    fsync_path(st->path, O_RDONLY);
    ok = ok && rename(st->path, st->final_path) == 0;
    if (ok && (copy = strdup(st->final_path))) {
        fsync_path(dirname(copy), O_RDONLY | O_DIRECTORY);
        free(copy);
    }
    return ok;
}

void fm_store_close(fm_store *st)
{
    if (!st)
        return;
    if (st->final_path) {
        if (!(st->publish && st->db && store_publish(st))) {
            sqlite3_close_v2(st->db);
            st->db = NULL;
            fm_store_remove_files(st->path);
        }
        free(st->final_path);
    }
    sqlite3_close_v2(st->db);
    if (st->dir_lock_fd >= 0)
        close(st->dir_lock_fd);
    free(st->path);
    free(st);
}

int fm_store_created(const fm_store *st)
{
    return st && st->created;
}

const char *fm_store_path(const fm_store *st)
{
    return !st ? "" : st->final_path ? st->final_path : st->path;
}

/* The directory holding path (SQLite creates path-wal and path-shm there). */
static int dir_writable(const char *path)
{
    char *copy = strdup(path);
    int ok;
    if (!copy)
        return 0;
    ok = access(dirname(copy), W_OK) == 0;
    free(copy);
    return ok;
}

static fm_status check_access(fm_ctx *ctx, const char *path, fm_store_mode mode, int *exists)
{
    struct stat sb;
    *exists = stat(path, &sb) == 0;
    if (*exists && S_ISDIR(sb.st_mode))
        return fm_error(ctx, FM_EIO, "cannot open store '%s': is a directory", path);
    if (!*exists && errno != ENOENT)
        return fm_error(ctx, FM_EIO, "cannot open store '%s': %s", path, strerror(errno));
    if (!*exists && mode == FM_STORE_READ)
        return fm_error(ctx, FM_ENOTFOUND,
                        "store '%s' does not exist (create it with 'frontiermap import --db %s "
                        "FILE')", path, path);
    if (mode == FM_STORE_WRITE && *exists && access(path, W_OK) != 0)
        return fm_error(ctx, FM_EIO, "cannot write to store '%s': %s (the store is read-only)",
                        path, strerror(errno));
    if (mode == FM_STORE_WRITE && !dir_writable(path))
        return fm_error(ctx, FM_EIO, "cannot %s store '%s': its directory is not writable",
                        *exists ? "write to" : "create", path);
    return FM_OK;
}

static fm_status store_pragmas(fm_ctx *ctx, fm_store *st, fm_store_mode mode)
{
    fm_status s;
    sqlite3_busy_timeout(st->db, 5000);
    if ((s = fm_schema_functions(ctx, st->db)))
        return s;
    if (mode == FM_STORE_READ)
        return fm_sql_exec(ctx, st->db, "PRAGMA cache_size = -16000; PRAGMA mmap_size = 268435456;");
    if (st->final_path) /* a private file until published: no journal needed */
        return fm_sql_exec(ctx, st->db, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = OFF;"
                                        " PRAGMA synchronous = OFF; PRAGMA cache_size = -4000;");
    /* WAL: readers go on during an import; FULL: the commit is durable. */
    return fm_sql_exec(ctx, st->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                    " PRAGMA cache_size = -32000; PRAGMA temp_store = FILE;");
}

static fm_status store_init_new(fm_ctx *ctx, fm_store *st)
{
    fm_status s;
    if ((s = fm_sql_exec(ctx, st->db, st->final_path ? "BEGIN IMMEDIATE;"
                                                     : "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE;")))
        return s;
    if ((s = fm_schema_create(ctx, st->db))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return fm_sql_exec(ctx, st->db, "COMMIT");
}

/* An existing store: sure it is ours; an empty file is initialised. */
static fm_status store_check(fm_ctx *ctx, fm_store *st, fm_store_mode mode)
{
    sqlite3_stmt *s;
    int n = -1, rc;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master", -1, &s, NULL) ==
        SQLITE_OK) {
        if ((rc = sqlite3_step(s)) == SQLITE_ROW)
            n = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    if (n < 0) {
        int code = sqlite3_errcode(st->db);
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            return fm_error(ctx, FM_EFORMAT, "'%s' is not a GeoPackage store: %s", st->path,
                            sqlite3_errmsg(st->db));
        return fm_sql_error(ctx, st->db, st->path);
    }
    if (n == 0 && mode == FM_STORE_WRITE)
        return store_init_new(ctx, st);
    return fm_schema_check(ctx, st->db, st->path);
}

static fm_status store_connect(fm_ctx *ctx, fm_store *st, fm_store_mode mode, int exists)
{
    int flags = mode == FM_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READONLY;
    fm_status s;
    if (sqlite3_open_v2(st->path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return fm_error(ctx, FM_EIO, "cannot open store '%s': %s", st->path,
                        st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if ((s = store_pragmas(ctx, st, mode))) {
        if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_NOTADB)
            return fm_error(ctx, FM_EFORMAT, "'%s' is not a GeoPackage store (%s)", st->path,
                            sqlite3_errmsg(st->db));
        return fm_error_prefix(ctx, s, "cannot open store '%s'", st->path);
    }
    if (!exists)
        return store_init_new(ctx, st);
    return store_check(ctx, st, mode);
}

/* Removes what a killed build of this store left: ".NAME.building-PID" files
 * (and their -wal/-shm) whose process is gone. Called with the directory
 * locked, so no live build of this store can be caught half-way. */
static void remove_stale_builds(const char *dir, const char *name)
{
    char prefix[512], *path;
    struct dirent *e;
    DIR *d;
    size_t n = (size_t)snprintf(prefix, sizeof prefix, ".%s.building-", name);
    if (n >= sizeof prefix || !(d = opendir(dir)))
        return;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long pid;
        if (strncmp(e->d_name, prefix, n) != 0)
            continue;
        pid = strtol(e->d_name + n, &end, 10);
        if (end == e->d_name + n || *end || pid <= 0) /* -wal, -shm go with theirs */
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) /* still running */
            continue;
        if ((path = malloc(strlen(dir) + strlen(e->d_name) + 2)) != NULL) {
            sprintf(path, "%s/%s", dir, e->d_name);
            fm_store_remove_files(path);
            free(path);
        }
    }
    closedir(d);
}

/* A new store: lock the directory so two imports creating the same store
 * serialise, then build under a temporary name. */
static fm_status store_prepare_new(fm_ctx *ctx, fm_store *st, int *exists)
{
    char *copy = strdup(st->path), *base;
    const char *dir;
    fm_buf tmp = {0};
    if (!copy)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    dir = dirname(copy);
    st->dir_lock_fd = open(dir, O_RDONLY | O_DIRECTORY);
    for (int waited = 0; st->dir_lock_fd >= 0 && flock(st->dir_lock_fd, LOCK_EX | LOCK_NB) != 0;
         waited += 50) {
        if (waited < 5000) { /* wait like SQLite's busy timeout */
            usleep(50000);
            continue;
        }
        free(copy);
        return fm_error(ctx, FM_EBUSY,
                        "the store '%s' is locked by another import; try again when it finishes",
                        st->path);
    }
    if (access(st->path, F_OK) == 0) { /* created meanwhile: use it as it is */
        *exists = 1;
        free(copy);
        return FM_OK;
    }
    free(copy);
    copy = strdup(st->path);
    base = copy ? strrchr(copy, '/') : NULL;
    if (base)
        *base++ = '\0';
    if (!copy)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    remove_stale_builds(base ? copy : ".", base ? base : copy);
    fm_buf_printf(ctx, &tmp, "%s%s.%s.building-%ld", base ? copy : "", base ? "/" : "",
                  base ? base : copy, (long)getpid());
    free(copy);
    st->final_path = st->path;
    st->path = fm_buf_check(ctx, &tmp) ? NULL : strdup(fm_buf_str(&tmp));
    fm_buf_free(&tmp);
    if (!st->path)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    fm_store_remove_files(st->path);
    return FM_OK;
}

void fm_store_process_init(void)
{
    /* SQLite's memory statistics take a process-wide mutex on every
     * allocation; nothing here reads them */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

fm_status fm_store_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out)
{
    fm_store *st = NULL;
    fm_status s;
    int exists;
    *out = NULL;
    if (!path || !*path)
        return fm_error(ctx, FM_EINVAL, "no store path given");
    if ((s = check_access(ctx, path, mode, &exists)) || (s = store_alloc(ctx, path, &st)))
        return s;
    st->created = !exists;
    st->read_only = mode == FM_STORE_READ;
    if (!exists && (s = store_prepare_new(ctx, st, &exists))) {
        fm_store_close(st);
        return s;
    }
    s = store_connect(ctx, st, mode, exists);
    if ((s == FM_EIO || s == FM_EDB) && mode == FM_STORE_READ && !dir_writable(path)) {
        /* a WAL store in a read-only place: read it as an immutable file */
        char uri[4200];
        fm_ctx_clear(ctx);
        sqlite3_close_v2(st->db);
        st->db = NULL;
        snprintf(uri, sizeof uri, "file:%s?immutable=1", path);
        if (sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) ==
            SQLITE_OK && !(s = store_pragmas(ctx, st, mode)))
            s = store_check(ctx, st, mode);
    }
    if (s) {
        fm_store_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

/* An in-memory store with the schema; filled by the built-in loader. */
fm_status fm_store_open_memory(fm_ctx *ctx, fm_store **out)
{
    fm_store *st = NULL;
    fm_status s;
    *out = NULL;
    if ((s = store_alloc(ctx, ":memory:", &st)))
        return s;
    if (sqlite3_open_v2(":memory:", &st->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        (s = fm_schema_functions(ctx, st->db)) || (s = fm_schema_create(ctx, st->db))) {
        s = s ? s : fm_error(ctx, FM_ENOMEM, "cannot create an in-memory store");
        fm_store_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

/* Removes a store file created by a failed import (with its -wal and -shm). */
void fm_store_remove_files(const char *path)
{
    char aux[4200];
    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
}

fm_status fm_store_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11])
{
    static const char *const sql[2] = {
        "SELECT value FROM frontiermap_meta WHERE key = 'imported:' || ?1",
        /* stores from before the import dates were recorded: the newest row's
         * (read from the end of the table, not a scan of a million rows) */
        "SELECT created FROM incidents WHERE source = ?1 ORDER BY fid DESC LIMIT 1"};
    day[0] = '\0';
    for (int i = 0; i < 2 && !day[0]; i++) {
        sqlite3_stmt *s;
        const unsigned char *v;
        if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) != SQLITE_OK)
            return fm_sql_error(ctx, st->db, "cannot read the store");
        sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW && (v = sqlite3_column_text(s, 0)) &&
            strlen((const char *)v) >= 10)
            snprintf(day, 11, "%.10s", (const char *)v);
        sqlite3_finalize(s);
    }
    return FM_OK;
}
