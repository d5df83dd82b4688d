/* source_list.c: the sources a write touched (rows of them written, or the
 * records of the file they came from noted), kept until the commit records
 * them in frontiermap_meta (writer.c, pg_import.c, export.c). It grows with
 * them: an import of a file naming many sources records every one. */
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

/* Places source's index in the table of slots (its size a power of two). */
static void slot_put(size_t *slots, size_t nslots, const char *source, size_t i)
{
    size_t h = (size_t)fm_hash_str(source, 1469598103934665603ULL) & (nslots - 1);
    while (slots[h])
        h = (h + 1) & (nslots - 1);
    slots[h] = i + 1;
}

/* Room for one more entry, the slots kept at most half full. */
static fm_status make_room(fm_ctx *ctx, fm_source_list *l)
{
    void *v = l->v;
    fm_status s = fm_grow(ctx, &v, &l->cap, l->n + 1, sizeof *l->v);
    size_t *slots, nslots = l->nslots ? l->nslots : 32;
    l->v = v;
    if (s || 2 * (l->n + 1) <= l->nslots)
        return s;
    while (2 * (l->n + 1) > nslots)
        nslots *= 2;
    if (!(slots = calloc(nslots, sizeof *slots)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (size_t i = 0; i < l->n; i++)
        slot_put(slots, nslots, l->v[i].source, i);
    free(l->slots);
    l->slots = slots;
    l->nslots = nslots;
    return FM_OK;
}

fm_status fm_source_list_find(fm_ctx *ctx, fm_source_list *l, const char *source, int add,
                              fm_source_rec **out)
{
    const char *src = source ? source : "";
    size_t h;
    fm_status s;
    *out = NULL;
    if (l->n && !strcmp(l->v[l->last].source, src)) { /* rows come in runs */
        *out = &l->v[l->last];
        return FM_OK;
    }
    h = l->nslots ? (size_t)fm_hash_str(src, 1469598103934665603ULL) & (l->nslots - 1) : 0;
    for (; l->nslots && l->slots[h]; h = (h + 1) & (l->nslots - 1))
        if (!strcmp(l->v[l->slots[h] - 1].source, src)) {
            l->last = l->slots[h] - 1;
            *out = &l->v[l->last];
            return FM_OK;
        }
    if (!add)
        return FM_OK;
    if ((s = make_room(ctx, l)))
        return s;
    memset(&l->v[l->n], 0, sizeof l->v[l->n]);
    if (!(l->v[l->n].source = strdup(src)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    slot_put(l->slots, l->nslots, src, l->n);
    l->last = l->n++;
    *out = &l->v[l->last];
    return FM_OK;
}

fm_status fm_source_list_wrote(fm_ctx *ctx, fm_source_list *l, const char *source)
{
    fm_source_rec *r;
    fm_status s = fm_source_list_find(ctx, l, source, 1, &r);
    if (!s)
        r->written = 1;
    return s;
}

fm_status fm_source_list_note(fm_ctx *ctx, fm_source_list *l, const char *source,
                              const char *file, const char *version, const char *day)
{
    const char *v[3] = {file, file ? (version ? version : "") : NULL, day};
    fm_source_rec *r;
    fm_status s = fm_source_list_find(ctx, l, source, 1, &r);
    if (s)
        return s;
    for (int k = 0; k < 3; k++) {
        free(r->rec[k]);
        r->rec[k] = NULL;
        if (v[k] && !(r->rec[k] = strdup(v[k])))
            return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    return FM_OK;
}

void fm_source_list_free(fm_source_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].source);
        for (int k = 0; k < 3; k++)
            free(l->v[i].rec[k]);
    }
    free(l->v);
    free(l->slots);
    memset(l, 0, sizeof *l);
}
