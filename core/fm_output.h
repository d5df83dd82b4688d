/* fm_output.h: the files a command writes, and the files it must never
 * replace. Every output (export, map, heatmap and its GeoTIFF, the monthly
 * series, rejects) is opened here: refused when it is the store, an input of
 * the command, or not a regular file; written to a temporary file beside its
 * target and renamed over it only when complete. Part of the core module. */
#ifndef FM_OUTPUT_H
#define FM_OUTPUT_H

#include "core/fm_core.h"

/* ---- files in use (core/held.c) -------------------------------------------- */

typedef enum {
    FM_HELD_STORE = 0, /* a store (its -wal, -shm and -journal are protected too) */
    FM_HELD_INPUT      /* a file the command reads */
} fm_held_role;

/* Records on ctx that path is in use by this command: no output opened
 * through ctx may replace it, whatever name it is given by (symbolic and hard
 * links, ./ and ../ are resolved: device and inode, then the real path). The
 * path need not exist yet (a store being created). Holding one file twice
 * keeps one record. FM_ENOMEM is the only failure. */
fm_status fm_ctx_hold_file(fm_ctx *ctx, const char *path, fm_held_role role);
/* Forgets every held file (between two commands run on one context). */
void fm_ctx_release_files(fm_ctx *ctx);
/* FM_EUSAGE with a message naming both when path is a held file (or a
 * store's companion), else FM_OK; stores_only: only held stores count.
 * `what` says what path is for, for the message ("output", "input"). */
fm_status fm_ctx_check_held(fm_ctx *ctx, const char *path, int stores_only, const char *what);
/* 1 when a and b name the same file (existing or not), after resolving links. */
int fm_path_same_file(const char *a, const char *b);

/* ---- outputs (core/output.c) ----------------------------------------------- */

/* Flags of fm_output_check and fm_output_open. */
enum {
    /* The writer opens the file by name (SQLite, GDAL): a regular file is
     * required; there is no stream. */
    FM_OUTPUT_BY_NAME = 1
};

/* What fm_output_open would do with path, without creating anything:
 * FM_EUSAGE (exit 2) with a clear message when path is empty or "-", is held
 * on ctx (the store, its companions, an input), is a directory, a FIFO, a
 * device or a socket, or is a symbolic link to one; FM_EIO when its
 * directory does not exist. A symbolic link to a regular file (or to a file
 * still to be created) is followed: the file it points to is replaced, the
 * link stays. /dev/stdout, /dev/stderr and /dev/fd/N name a descriptor the
 * user opened on purpose: whatever they lead to (a pipe, a FIFO, a device)
 * is written through, except with FM_OUTPUT_BY_NAME. "-" (stdout) is for the
 * caller to handle before calling here, where its format allows. */
fm_status fm_output_check(fm_ctx *ctx, const char *path, unsigned flags);

typedef struct fm_output fm_output;

/* Checks path as fm_output_check does, then creates the temporary file
 * beside the target: mode 0666 less the umask for a new file (0644 with the
 * usual umask), the target's own mode when one is replaced. *out is freed by
 * fm_output_commit or fm_output_abort. */
fm_status fm_output_open(fm_ctx *ctx, const char *path, unsigned flags, fm_output **out);
/* The stream to write (owned by o; NULL with FM_OUTPUT_BY_NAME). */
FILE *fm_output_stream(fm_output *o);
/* The file a by-name writer writes (exists, empty; owned by o). */
const char *fm_output_temp(const fm_output *o);
/* The path the output ends at (a link's target; owned by o). */
const char *fm_output_target(const fm_output *o);
/* Flushes and closes the stream (a write error, such as a full disk, is
 * FM_EIO), then renames the temporary file over the target. On failure the
 * temporary file is removed and the target is as it was. Frees o. */
fm_status fm_output_commit(fm_ctx *ctx, fm_output *o);
/* Removes the temporary file; the target is untouched. Accepts NULL. */
void fm_output_abort(fm_output *o);

#endif
