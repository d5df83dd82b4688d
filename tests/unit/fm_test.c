/* fm_test.c: counters and helpers behind fm_test.h. */
#include "fm_test.h"

#include "cli/cli.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int fm_test_failures;
int fm_test_checks;

int fm_test_done(void)
{
    fprintf(stderr, "%d checks, %d failed\n", fm_test_checks, fm_test_failures);
    return fm_test_failures ? 1 : 0;
}

const char *fm_test_tmpdir(void)
{
    static char dir[4096];
    const char *base = getenv("FM_TEST_TMP");
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "%s/t%ld", base && *base ? base : "/tmp/fm_test", (long)getpid());
        mkdir(base && *base ? base : "/tmp/fm_test", 0777);
        mkdir(dir, 0777);
    }
    return dir;
}

const char *fm_test_path(const char *name)
{
    static char buf[8][8192]; /* room for fm_test_tmpdir()'s 4096 and a name */
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/%s", fm_test_tmpdir(), name);
    return buf[k];
}

const char *fm_test_srcdir(void)
{
    const char *s = getenv("FM_TEST_SRC");
    return s && *s ? s : "tests";
}

long long fm_test_sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    long long v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return v;
}

int fm_test_run_cli(fm_ctx *ctx, char *out, size_t cap, const char **args)
{
    char *argv[40], drop[4096];
    int argc = 0, rc;
    FILE *f = out ? fmemopen(out, cap, "w") : fmemopen(drop, sizeof drop, "w");
    fm_cli cli = {ctx, f, stderr, 0, 0, 0};
    argv[argc++] = "frontiermap";
    while (*args && argc < 39)
        argv[argc++] = (char *)*args++;
    argv[argc] = NULL;
    rc = fm_cli_main(&cli, argc, argv);
    fclose(f);
    return rc;
}
