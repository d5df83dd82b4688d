/* store.c: opening and closing a GeoPackage store: permission checks with
 * clear messages; an existing file proven to be a frontiermap store, and
 * sound, before anything in it changes (journal mode included); a new store
 * built under a temporary name and published by an explicit step that can
 * fail; WAL and a busy timeout so readers are never blocked and a second
 * writer waits, then says why. */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fm_output.h"
#include "data/store_priv.h"

/* Stores of up to this many pages (16 MB of 4 KB pages, some 30,000
 * incidents) are checked whole before a write: PRAGMA quick_check reads and
 * parses every page, about 6 ms a MB on an idle 2-core machine (0.02 s for
 * the UCDP GED sample's 3 MB; 1.0-1.5 s for 61 MB under load, when its
 * small imports take 0.9 s; 3.3 s for a million rows in 562 MB). Bigger
 * stores get the checks of store_integrity_big (0.01-0.05 s at 562 MB). */
#define FM_CHECK_FULL_PAGES 4096

static fm_status store_alloc(fm_ctx *ctx, const char *path, fm_store **out)
{
    fm_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    st->lock_fd = -1;
    st->ops = &fm_gpkg_ops;
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

/* Releases the lock of a new store. The file goes while still locked: a
 * process that opened it meanwhile finds, once it holds the lock, that the
 * name leads elsewhere (lock_acquire) and starts again. */
static void lock_release(fm_store *st)
{
    if (st->lock_fd >= 0) {
        unlink(st->lock_path);
        close(st->lock_fd);
        st->lock_fd = -1;
    }
    free(st->lock_path);
    st->lock_path = NULL;
}

void fm_gpkg_close(fm_store *st)
{
    if (!st)
        return;
    sqlite3_close_v2(st->db);
    if (st->final_path) { /* built but never published: only the build goes */
        fm_store_remove_files(st->path);
        free(st->final_path);
    }
    lock_release(st);
    free(st->path);
    free(st);
}

int fm_store_created(const fm_store *st)
{
    return st && st->created;
}

const fm_store_ops fm_gpkg_ops = {
    "GeoPackage", fm_gpkg_close, fm_gpkg_query, fm_gpkg_query_each, fm_gpkg_query_points,
    fm_gpkg_count, fm_gpkg_stats, fm_gpkg_placememo, fm_gpkg_imported_on, fm_gpkg_source_info,
    fm_gpkg_import, fm_gpkg_add};

const char *fm_store_path(const fm_store *st)
{
    return !st ? "" : st->final_path ? st->final_path : st->path;
}

/* The directory holding path (SQLite creates path-wal and path-shm there). */
static int dir_writable(const char *path)
{
    char *copy = strdup(path), *slash;
    int ok;
    if (!copy)
        return 0;
    slash = strrchr(copy, '/');
    if (slash)
        slash[slash == copy] = '\0';
    ok = access(slash ? copy : ".", W_OK) == 0;
    free(copy);
    return ok;
}

static fm_status check_access(fm_ctx *ctx, const char *path, fm_store_mode mode, int *exists)
{
    struct stat sb;
    *exists = stat(path, &sb) == 0;
    if (*exists && S_ISDIR(sb.st_mode))
        return fm_error(ctx, FM_EIO, "cannot open store '%s': is a directory", path);
    if (*exists && !S_ISREG(sb.st_mode))
        return fm_error(ctx, FM_EFORMAT, "'%s' is not a GeoPackage store: not a regular file",
                        path);
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

/* Settings that change nothing in the file. */
static fm_status store_session(fm_ctx *ctx, fm_store *st)
{
    sqlite3_busy_timeout(st->db, 5000);
    return fm_schema_functions(ctx, st->db);
}

/* Settings that may change the file (journal mode): only once it is known
 * to be ours, or being built. */
static fm_status store_pragmas(fm_ctx *ctx, fm_store *st, fm_store_mode mode)
{
    if (mode == FM_STORE_READ)
        return fm_sql_exec(ctx, st->db, "PRAGMA cache_size = -16000; PRAGMA mmap_size = 2147418112;");
    if (st->final_path || st->output) /* a private file until published: no journal needed */
        return fm_sql_exec(ctx, st->db, "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = OFF;"
                                        " PRAGMA synchronous = OFF; PRAGMA cache_size = -4000;");
    /* WAL: readers go on during an import; FULL: the commit is durable. */
    return fm_sql_exec(ctx, st->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                                    " PRAGMA cache_size = -32000; PRAGMA temp_store = FILE;");
}

static fm_status store_init_new(fm_ctx *ctx, fm_store *st)
{
    fm_status s;
    if ((s = store_pragmas(ctx, st, FM_STORE_WRITE)) ||
        (s = fm_sql_exec(ctx, st->db, "BEGIN IMMEDIATE;")))
        return s;
    if ((s = fm_schema_create(ctx, st->db))) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return s;
    }
    return fm_sql_exec(ctx, st->db, "COMMIT");
}

static int64_t pragma_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Runs a quick_check statement; its first complaint goes to why ("" when ok). */
static int quick_check(sqlite3 *db, const char *sql, char *why, size_t cap)
{
    sqlite3_stmt *s;
    int rc;
    why[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
        snprintf(why, cap, "%s", sqlite3_errmsg(db));
        return 0;
    }
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0)
        snprintf(why, cap, "%s", (const char *)sqlite3_column_text(s, 0));
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        snprintf(why, cap, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return !why[0];
}

/* A big store: its pages must all be in the file (a truncated copy is the
 * commonest damage), and every table but the four big ones (the incidents,
 * their R*Tree and packed points, checked by SQLite page by page as an
 * import reads them) passes quick_check. */
static int store_integrity_big(fm_store *st, int64_t pages, char *why, size_t cap)
{
    static const char *const big[] = {"incidents", "frontiermap_points",
                                      "rtree_incidents_geom_node", "rtree_incidents_geom_rowid"};
    int64_t page_size = pragma_int(st->db, "PRAGMA page_size");
    struct stat db, wal = {0};
    char walp[4200], sql[300];
    sqlite3_stmt *s;
    int ok = 1;
    snprintf(walp, sizeof walp, "%s-wal", st->path);
    stat(walp, &wal);
    if (stat(st->path, &db) == 0 && pages * page_size > db.st_size + wal.st_size) {
        snprintf(why, cap, "the file holds %lld bytes of its %lld (cut short)",
                 (long long)db.st_size, (long long)(pages * page_size));
        return 0;
    }
    if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                   " AND name NOT LIKE 'sqlite_%'", -1, &s, NULL) != SQLITE_OK)
        return quick_check(st->db, "SELECT 'cannot read the schema'", why, cap);
    while (ok && sqlite3_step(s) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        int skip = 0;
        for (size_t i = 0; i < sizeof big / sizeof big[0]; i++)
            skip |= !strcmp(t, big[i]);
        if (skip || strchr(t, '"'))
            continue;
        snprintf(sql, sizeof sql, "PRAGMA quick_check(\"%s\")", t);
        ok = quick_check(st->db, sql, why, cap);
    }
    sqlite3_finalize(s);
    return ok;
}

/* Before the first write into an existing store: a damaged one is refused
 * with what to do, rather than written into while reads fail. */
static fm_status store_integrity(fm_ctx *ctx, fm_store *st)
{
    char why[512];
    int64_t pages = pragma_int(st->db, "PRAGMA page_count");
    double t0 = fm_clock_s();
    int ok = pages < 0 ? quick_check(st->db, "PRAGMA page_count", why, sizeof why)
             : pages <= FM_CHECK_FULL_PAGES ? quick_check(st->db, "PRAGMA quick_check(1)", why,
                                                          sizeof why)
                                            : store_integrity_big(st, pages, why, sizeof why);
    fm_log(ctx, FM_LOG_DEBUG, "store: %s check of %lld pages in %.3f s",
           pages <= FM_CHECK_FULL_PAGES ? "full" : "partial", (long long)pages,
           fm_clock_s() - t0);
    if (ok)
        return FM_OK;
    if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_BUSY)
        return fm_sql_error(ctx, st->db, st->path);
    return fm_store_damaged(ctx, NULL, st->path, why, "; nothing was written to it");
}

fm_status fm_store_damaged(fm_ctx *ctx, const char *what, const char *path, const char *detail,
                           const char *note)
{
    char one[400];
    size_t n = 0;
    /* quick_check starts with "*** in database main ***" and a newline */
    if (!strncmp(detail, "*** in database ", 16) && strchr(detail, '\n'))
        detail = strchr(detail, '\n') + 1;
    for (; *detail && n < sizeof one - 1; detail++)
        one[n++] = *detail == '\n' ? ';' : *detail;
    one[n] = '\0';
    return fm_error(ctx, FM_EDB,
                    "%s%sthe store '%s' is damaged (%s)%s. Restore a backup copy, or save what "
                    "can still be read: export it a date range at a time (frontiermap export "
                    "--db '%s' --format gpkg --out part1.gpkg --until 2015-12-31, and so on; a "
                    "range that fails holds the damage) and import the parts into a new store",
                    what ? what : "", what ? ": " : "", path, one, note ? note : "", path);
}

/* An existing file: proven a frontiermap store (reading only) before its
 * journal mode or anything else changes; for writing, also sound. An empty
 * file is initialised. */
static fm_status store_check(fm_ctx *ctx, fm_store *st, fm_store_mode mode)
{
    int64_t n = pragma_int(st->db, "SELECT count(*) FROM sqlite_master");
    fm_status s;
    if (n < 0) {
        int code = sqlite3_errcode(st->db) & 0xff;
        if (code == SQLITE_NOTADB)
            return fm_error(ctx, FM_EFORMAT, "'%s' is not a GeoPackage store: %s", st->path,
                            sqlite3_errmsg(st->db));
        if (code == SQLITE_CORRUPT)
            return fm_store_damaged(ctx, NULL, st->path, sqlite3_errmsg(st->db),
                                    mode == FM_STORE_WRITE ? "; nothing was written to it" : NULL);
        return fm_sql_error(ctx, st->db, st->path);
    }
    if (n == 0 && mode == FM_STORE_WRITE)
        return store_init_new(ctx, st);
    if ((s = fm_schema_check(ctx, st->db, st->path)))
        return s;
    if (mode == FM_STORE_WRITE && (s = store_integrity(ctx, st)))
        return s;
    if ((s = store_pragmas(ctx, st, mode)))
        return fm_error_prefix(ctx, s, "cannot open store '%s'", st->path);
    return fm_schema_upgrade(ctx, st->db, st->path);
}

static fm_status store_connect(fm_ctx *ctx, fm_store *st, fm_store_mode mode, int exists)
{
    int flags = mode == FM_STORE_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READONLY;
    fm_status s;
    if (sqlite3_open_v2(st->path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return fm_error(ctx, FM_EIO, "cannot open store '%s': %s", st->path,
                        st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if ((s = store_session(ctx, st)))
        return s;
    if (!exists)
        return store_init_new(ctx, st);
    return store_check(ctx, st, mode);
}

/* Removes what a killed build of this store left: ".NAME.building-PID" files
 * (and their -wal/-shm) whose process is gone. Called with the store's lock
 * held, so no live build of this store can be caught half-way. */
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

/* Takes the lock of a new store, the file ".NAME.lock" beside it, waiting
 * like SQLite's busy timeout: two imports creating the same store take
 * turns, and imports creating other stores in the directory do not wait. */
static fm_status lock_acquire(fm_ctx *ctx, fm_store *st, const char *dir, const char *base)
{
    struct stat held, now;
    int waited = 0;
    if (!(st->lock_path = malloc(strlen(dir) + strlen(base) + 8)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    sprintf(st->lock_path, "%s/.%s.lock", dir, base);
    for (;;) {
        int fd = open(st->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0)
            return fm_error(ctx, FM_EIO, "cannot create store '%s': cannot create '%s': %s",
                            st->path, st->lock_path, strerror(errno));
        while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            if (waited >= 5000) {
                close(fd);
                return fm_error(ctx, FM_EBUSY, "the store '%s' is locked by another import; "
                                "try again when it finishes", st->path);
            }
            usleep(50000);
            waited += 50;
        }
        if (fstat(fd, &held) == 0 && stat(st->lock_path, &now) == 0 &&
            held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
            st->lock_fd = fd;
            return FM_OK;
        }
        close(fd); /* removed by the holder before us: lock the file there now */
    }
}

/* A new store: take its lock, then build under a temporary name. When
 * another import created the store meanwhile, it is used as it is
 * (*exists = 1) and this handle built nothing. */
static fm_status store_prepare_new(fm_ctx *ctx, fm_store *st, int *exists)
{
    char *copy = strdup(st->path), *slash, *build;
    const char *dir, *base;
    fm_status s;
    if (!copy)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    slash = strrchr(copy, '/');
    if (slash)
        *slash = '\0';
    dir = !slash ? "." : *copy ? copy : "/";
    base = slash ? slash + 1 : copy;
    if ((s = lock_acquire(ctx, st, dir, base))) {
        free(copy);
        return s;
    }
    if (access(st->path, F_OK) == 0) {
        lock_release(st);
        free(copy);
        *exists = 1;
        return FM_OK;
    }
    remove_stale_builds(dir, base);
    build = malloc(strlen(dir) + strlen(base) + 40);
    if (build)
        sprintf(build, "%s/.%s.building-%ld", dir, base, (long)getpid());
    free(copy);
    if (!build)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    st->final_path = st->path;
    st->path = build;
    st->created = 1;
    fm_store_remove_files(st->path);
    return FM_OK;
}

/* Renames from to to unless something is at to already (EEXIST). */
static int rename_noreplace(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        return -1;
    /* a file system without it: a hard link cannot replace a name either */
    if (link(from, to) == 0)
        return unlink(from), 0;
    if (errno == EEXIST || (errno != EPERM && errno != EOPNOTSUPP))
        return -1;
    /* nor links (FAT): the store's lock keeps other imports away */
    if (access(to, F_OK) == 0) {
        errno = EEXIST;
        return -1;
    }
    return rename(from, to);
}

fm_status fm_store_publish(fm_ctx *ctx, fm_store *st)
{
    const char *final = st->final_path;
    char *copy, *slash;
    fm_status s;
    if (!final)
        return FM_OK;
    /* WAL from now on: readers go on while it is written */
    if ((s = fm_sql_exec(ctx, st->db, "PRAGMA journal_mode = WAL;")))
        return fm_error_prefix(ctx, s, "cannot publish the new store '%s'", final);
    if (sqlite3_close(st->db) != SQLITE_OK)
        return fm_error(ctx, FM_EDB, "cannot publish the new store '%s': %s", final,
                        sqlite3_errmsg(st->db));
    st->db = NULL;
    fsync_path(st->path, O_RDONLY);
    if (rename_noreplace(st->path, final) != 0) {
        if (errno == EEXIST)
            return fm_error(ctx, FM_EBUSY, "the store '%s' was created by another program while "
                            "this import built it: nothing was written; run the import again "
                            "to add to it", final);
        return fm_error(ctx, FM_EIO, "cannot publish the new store '%s': %s", final,
                        strerror(errno));
    }
    if ((copy = strdup(final)) != NULL) {
        slash = strrchr(copy, '/');
        if (slash)
            slash[slash == copy] = '\0';
        fsync_path(slash ? copy : ".", O_RDONLY | O_DIRECTORY);
        free(copy);
    }
    free(st->path);
    st->path = st->final_path;
    st->final_path = NULL;
    lock_release(st);
    /* the handle goes on, on the published file */
    if (sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
            SQLITE_OK ||
        (s = store_session(ctx, st)) || (s = store_pragmas(ctx, st, FM_STORE_WRITE)))
        return fm_error(ctx, FM_EDB, "the store '%s' was created but cannot be reopened: %s",
                        st->path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
    return FM_OK;
}

fm_status fm_store_create_output(fm_ctx *ctx, const char *path, fm_store **out)
{
    fm_store *st = NULL;
    fm_status s;
    *out = NULL;
    if ((s = store_alloc(ctx, path, &st)))
        return s;
    st->output = 1;
    st->created = 1;
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        s = fm_error(ctx, FM_EIO, "cannot create '%s': %s", path,
                     st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if (!s && !(s = store_session(ctx, st)))
        s = store_init_new(ctx, st);
    if (s) {
        fm_store_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

fm_status fm_store_seal(fm_ctx *ctx, fm_store *st)
{
    fm_status s = fm_sql_exec(ctx, st->db, "PRAGMA journal_mode = DELETE;");
    if (!s && sqlite3_close(st->db) == SQLITE_OK)
        st->db = NULL;
    else if (!s)
        s = fm_sql_error(ctx, st->db, "cannot finish the GeoPackage");
    fm_store_close(st);
    return s;
}

void fm_store_process_init(void)
{
    /* SQLite's memory statistics take a process-wide mutex on every
     * allocation; nothing here reads them */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

fm_status fm_gpkg_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out)
{
    fm_store *st = NULL;
    fm_status s;
    int exists;
    *out = NULL;
    if (!path || !*path)
        return fm_error(ctx, FM_EINVAL, "no store path given");
    if ((s = check_access(ctx, path, mode, &exists)) || (s = store_alloc(ctx, path, &st)))
        return s;
    st->read_only = mode == FM_STORE_READ;
    /* no output of this command may replace it */
    if ((s = fm_ctx_hold_file(ctx, path, FM_HELD_STORE)) ||
        (!exists && (s = store_prepare_new(ctx, st, &exists)))) {
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
            SQLITE_OK && !(s = store_session(ctx, st)))
            s = store_check(ctx, st, mode);
    }
    if (s) {
        fm_store_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

/* An in-memory (or scratch) store with the schema; filled by the built-in
 * loader (or a PostGIS mirror). */
static fm_status open_unnamed(fm_ctx *ctx, const char *name, fm_store **out)
{
    fm_store *st = NULL;
    fm_status s;
    *out = NULL;
    if ((s = store_alloc(ctx, ":memory:", &st)))
        return s;
    if (sqlite3_open_v2(name, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
            SQLITE_OK ||
        (*name == '\0' && (s = fm_sql_exec(ctx, st->db, "PRAGMA synchronous = OFF;"
                                                        " PRAGMA cache_size = -65536"))) ||
        (s = fm_schema_functions(ctx, st->db)) || (s = fm_schema_create(ctx, st->db))) {
        s = s ? s : fm_error(ctx, FM_ENOMEM, "cannot create an in-memory store");
        fm_store_close(st);
        return s;
    }
    *out = st;
    return FM_OK;
}

fm_status fm_store_open_memory(fm_ctx *ctx, fm_store **out)
{
    return open_unnamed(ctx, ":memory:", out);
}

fm_status fm_store_open_scratch(fm_ctx *ctx, fm_store **out)
{
    return open_unnamed(ctx, "", out);
}

/* Removes a store's build file (with its -wal and -shm). */
void fm_store_remove_files(const char *path)
{
    char aux[4200];
    unlink(path);
    snprintf(aux, sizeof aux, "%s-wal", path);
    unlink(aux);
    snprintf(aux, sizeof aux, "%s-shm", path);
    unlink(aux);
}

fm_status fm_gpkg_source_info(fm_ctx *ctx, fm_store *st, const char *source, fm_source_info *out)
{
    sqlite3_stmt *s;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(st->db, "SELECT key, value FROM frontiermap_meta WHERE key IN"
                                   " ('version:' || ?1, 'file:' || ?1)", -1, &s, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, st->db, "cannot read the store");
    sqlite3_bind_text(s, 1, source, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *k = (const char *)sqlite3_column_text(s, 0);
        const char *v = (const char *)sqlite3_column_text(s, 1);
        if (k && v && !strncmp(k, "version:", 8))
            snprintf(out->version, sizeof out->version, "%s", v);
        else if (k && v)
            snprintf(out->file, sizeof out->file, "%s", v);
    }
    sqlite3_finalize(s);
    return FM_OK;
}

fm_status fm_gpkg_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11])
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
