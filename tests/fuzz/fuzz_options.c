/* fuzz_options.c: libFuzzer target for command-line option parsing: the bytes
 * become an argv (split at NUL or newline) run through fm_cli_main with
 * in-memory streams. Only quick, read-only commands are reached: geocode,
 * where, near and stats (built-in store) and --help; --db, --batch, --out and
 * "-" are dropped so nothing is read from stdin or written to disk. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 24

static const char *const commands[] = {"geocode", "where", "near", "stats", "--help", "help"};

static int dropped(const char *a)
{
    static const char *const bad[] = {"--db", "--batch", "--out", "-o", "--rejects"};
    if (!strcmp(a, "-"))
        return 1;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (!strncmp(a, bad[i], strlen(bad[i])))
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf, *argv[MAX_ARGS + 3], *outp = NULL, *errp = NULL, *p, *end;
    size_t outn = 0, errn = 0;
    int argc = 0;
    fm_cli cli = {0};
    if (size < 1 || size > 4096)
        return 0;
    if (!(buf = malloc(size + 1)))
        return 0;
    memcpy(buf + 0, data + 1, size - 1);
    buf[size - 1] = '\0';
    argv[argc++] = "frontiermap";
    argv[argc++] = (char *)commands[data[0] % (sizeof commands / sizeof commands[0])];
    for (p = buf, end = buf + size - 1; p < end && argc < MAX_ARGS;) {
        char *q = p;
        while (q < end && *q && *q != '\n')
            q++;
        *q = '\0';
        if (!dropped(p))
            argv[argc++] = p;
        p = q + 1;
    }
    argv[argc] = NULL;
    cli.ctx = fm_ctx_create();
    cli.out = open_memstream(&outp, &outn);
    cli.err = open_memstream(&errp, &errn);
    if (cli.ctx && cli.out && cli.err) {
        int rc = fm_cli_main(&cli, argc, argv);
        fflush(cli.err);
        if (rc < 0 || rc > 2)
            abort(); /* exit codes are 0, 1, 2 */
        if (rc != 0 && errn == 0)
            abort(); /* every failure says why */
    }
    if (cli.out)
        fclose(cli.out);
    if (cli.err)
        fclose(cli.err);
    free(outp);
    free(errp);
    fm_ctx_destroy(cli.ctx);
    free(buf);
    return 0;
}
