/* core_priv.h: what the core's own files share and nobody else sees: the
 * context's list of files in use (ctx.c keeps it, held.c fills it) and the
 * path resolution that held.c and output.c both need. */
#ifndef FM_CORE_PRIV_H
#define FM_CORE_PRIV_H

#include "core/fm_core.h"

struct fm_held_files;

/* The context's list of held files (NULL until the first hold). */
struct fm_held_files **fm_ctx_held_slot(fm_ctx *ctx);
/* Frees the list; accepts NULL. */
void fm_held_files_free(struct fm_held_files *h);

/* The real path of path (links, ./ and ../ resolved); for a file that does
 * not exist, the real path of its directory joined with its name. NULL with
 * errno set when the directory cannot be resolved. The caller frees. */
char *fm_path_canonical(const char *path);

/* fm_ctx_check_held for target, the file path leads to (a link followed),
 * with path in the message. */
fm_status fm_held_check(fm_ctx *ctx, const char *path, const char *target, int stores_only,
                        const char *what);

#endif
