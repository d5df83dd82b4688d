/* test_output.c: outputs and the files they must not replace (core/output.c,
 * core/held.c), and the lifetime of a new store: built under its own lock,
 * published by its first commit without ever replacing a file, discarded
 * when closed unpublished. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fm_output.h"
#include "data/fm_data.h"
#include "fm_test.h"

static fm_ctx *ctx;

static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/out/%s", fm_test_tmpdir(), name);
    return buf;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    chmod(path, mode);
}

static int file_is(const char *path, const char *text)
{
    char buf[256] = "";
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return f && !strcmp(buf, text);
}

/* Entries of the scratch directory whose names contain part. */
static int count_entries(const char *part)
{
    char dir[512];
    struct dirent *e;
    int n = 0;
    DIR *d = opendir(tmp_path("", dir, sizeof dir));
    while (d && (e = readdir(d)) != NULL)
        n += strstr(e->d_name, part) != NULL;
    if (d)
        closedir(d);
    return n;
}

static void test_held_files(void)
{
    char store[512], lnk[512], hard[512], wal[512], in[512], other[512], dots[512];
    tmp_path("held.gpkg", store, sizeof store);
    tmp_path("held-link.gpkg", lnk, sizeof lnk);
    tmp_path("held-hard.gpkg", hard, sizeof hard);
    tmp_path("held.gpkg-wal", wal, sizeof wal);
    tmp_path("in.csv", in, sizeof in);
    tmp_path("other.csv", other, sizeof other);
    snprintf(dots, sizeof dots, "%s/out/../out/held.gpkg", fm_test_tmpdir());
    write_file(store, "store", 0644);
    write_file(in, "input", 0644);
    unlink(lnk);
    unlink(hard);
    CHECK(symlink(store, lnk) == 0);
    CHECK(link(store, hard) == 0);
    CHECK(fm_ctx_hold_file(ctx, store, FM_HELD_STORE) == FM_OK);
    CHECK(fm_ctx_hold_file(ctx, in, FM_HELD_INPUT) == FM_OK);
    CHECK(fm_output_check(ctx, store, 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "it is the store") != NULL);
    CHECK(fm_output_check(ctx, lnk, 0) == FM_EUSAGE);
    CHECK(fm_output_check(ctx, hard, FM_OUTPUT_BY_NAME) == FM_EUSAGE);
    CHECK(fm_output_check(ctx, dots, 0) == FM_EUSAGE);
    CHECK(fm_output_check(ctx, wal, 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "write-ahead log") != NULL);
    CHECK(fm_output_check(ctx, in, 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "an input of this command") != NULL);
    CHECK(fm_output_check(ctx, other, 0) == FM_OK);
    /* an input that is the store (any name), but not an input checked against itself */
    CHECK(fm_ctx_check_held(ctx, lnk, 1, "input") == FM_EUSAGE);
    CHECK(fm_ctx_check_held(ctx, in, 1, "input") == FM_OK);
    CHECK(fm_path_same_file(lnk, store) && fm_path_same_file(dots, hard));
    CHECK(!fm_path_same_file(store, in));
    fm_ctx_release_files(ctx);
    CHECK(fm_output_check(ctx, store, 0) == FM_OK);
    CHECK(file_is(store, "store") && file_is(in, "input"));
    fm_ctx_clear(ctx);
}

static void test_not_regular(void)
{
    char dir[512], fifo[512], missing[512];
    tmp_path("adir", dir, sizeof dir);
    tmp_path("afifo", fifo, sizeof fifo);
    tmp_path("no/such/x.csv", missing, sizeof missing);
    mkdir(dir, 0755);
    unlink(fifo);
    CHECK(mkfifo(fifo, 0644) == 0);
    CHECK(fm_output_check(ctx, dir, 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "a directory") != NULL);
    CHECK(fm_output_check(ctx, fifo, 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "a FIFO") != NULL);
    CHECK(fm_output_check(ctx, "/dev/null", 0) == FM_EUSAGE);
    CHECK(strstr(fm_ctx_message(ctx), "a character device") != NULL);
    CHECK(fm_output_check(ctx, "", 0) == FM_EUSAGE);
    CHECK(fm_output_check(ctx, "-", 0) == FM_EUSAGE);
    CHECK(fm_output_check(ctx, missing, 0) == FM_EIO);
    fm_ctx_clear(ctx);
}

static void test_commit_and_abort(void)
{
    char target[512], lnk[512], made[512], dangling[512];
    fm_output *o = NULL;
    struct stat sb;
    tmp_path("kept.csv", target, sizeof target);
    tmp_path("kept-link.csv", lnk, sizeof lnk);
    tmp_path("made.csv", made, sizeof made);
    tmp_path("dangling.csv", dangling, sizeof dangling);
    write_file(target, "old", 0640);
    /* aborted: the target as it was, no temporary file left */
    CHECK(fm_output_open(ctx, target, 0, &o) == FM_OK && fm_output_stream(o));
    fputs("new", fm_output_stream(o));
    fm_output_abort(o);
    CHECK(file_is(target, "old"));
    CHECK(count_entries(".tmp") == 0);
    /* committed through a link: the target replaced, its mode kept, the link kept */
    unlink(lnk);
    CHECK(symlink("kept.csv", lnk) == 0);
    CHECK(fm_output_open(ctx, lnk, 0, &o) == FM_OK);
    fputs("new", fm_output_stream(o));
    CHECK(fm_output_commit(ctx, o) == FM_OK);
    CHECK(file_is(target, "new"));
    CHECK(stat(target, &sb) == 0 && (sb.st_mode & 0777) == 0640);
    CHECK(lstat(lnk, &sb) == 0 && S_ISLNK(sb.st_mode));
    /* a by-name writer gets an empty temporary file, no stream; a dangling
     * link's target is created */
    unlink(made);
    unlink(dangling);
    CHECK(symlink("made.csv", dangling) == 0);
    CHECK(fm_output_open(ctx, dangling, FM_OUTPUT_BY_NAME, &o) == FM_OK);
    CHECK(!fm_output_stream(o) && fm_output_temp(o));
    CHECK(stat(fm_output_temp(o), &sb) == 0 && sb.st_size == 0);
    write_file(fm_output_temp(o), "by name", 0644);
    CHECK(fm_output_commit(ctx, o) == FM_OK);
    CHECK(file_is(made, "by name"));
    CHECK(lstat(dangling, &sb) == 0 && S_ISLNK(sb.st_mode));
    CHECK(count_entries(".tmp") == 0);
}

/* A new store appears only when its first import commits, and never over a
 * file that appeared meanwhile; closing an unpublished build leaves nothing. */
static void test_store_lifetime(void)
{
    char db[512], other[512], csv[512];
    const char *paths[1];
    fm_import_stats stats;
    fm_store *st = NULL, *st2 = NULL;
    snprintf(csv, sizeof csv, "%s/cli/fixtures/acled_current.csv", fm_test_srcdir());
    paths[0] = csv;
    tmp_path("life.gpkg", db, sizeof db);
    tmp_path("life2.gpkg", other, sizeof other);
    fm_store_remove_files(db);
    fm_store_remove_files(other);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK && fm_store_created(st));
    CHECK(access(db, F_OK) != 0); /* not there until published */
    /* another new store in the same directory does not wait for this one */
    CHECK(fm_store_open(ctx, other, FM_STORE_WRITE, &st2) == FM_OK);
    fm_store_close(st2); /* never published: gone, with its build and lock */
    CHECK(access(other, F_OK) != 0);
    /* a file appears under the name meanwhile: the import fails, it stays */
    write_file(db, "someone else's", 0644);
    CHECK(fm_store_import(ctx, st, paths, 1, NULL, &stats) == FM_EBUSY);
    CHECK(strstr(fm_ctx_message(ctx), "created by another program") != NULL);
    fm_store_close(st);
    CHECK(file_is(db, "someone else's"));
    CHECK(count_entries(".building") == 0 && count_entries(".lock") == 0);
    /* published by the commit: there, and the handle still works */
    unlink(db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(fm_store_import(ctx, st, paths, 1, NULL, &stats) == FM_OK && stats.added == 20);
    CHECK(access(db, F_OK) == 0);
    CHECK(fm_store_import(ctx, st, paths, 1, NULL, &stats) == FM_OK && stats.unchanged == 20);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == 20);
    CHECK(count_entries(".building") == 0 && count_entries(".lock") == 0);
    fm_ctx_release_files(ctx);
    fm_ctx_clear(ctx);
}

int main(void)
{
    char dir[512];
    ctx = fm_ctx_create();
    mkdir(tmp_path("", dir, sizeof dir), 0755);
    RUN(test_held_files);
    RUN(test_not_regular);
    RUN(test_commit_and_abort);
    RUN(test_store_lifetime);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
