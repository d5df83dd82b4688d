/* pg_meta.c: records of frontiermap_meta (the day, file and version of each
 * source a write brought) gathered and then written by one statement, not a
 * round trip each (an import of 20 sources: 22 records, 6-11 ms one by one). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* Records per statement: two parameters each, well under libpq's 65,535. */
#define META_CHUNK 1000

/* The key is prefix and key in one string, ended by its NUL, the value
 * after it; offsets, not pointers, as text may move as it grows. */
fm_status fm_pg_meta_add(fm_ctx *ctx, fm_pg_meta *m, const char *prefix, const char *key,
                         const char *value)
{
    fm_status s;
    if (!key)
        return fm_error(ctx, FM_EINVAL, "a record of the import has no key");
    if ((s = fm_grow(ctx, (void **)&m->at, &m->cap, m->n + 2, sizeof *m->at)))
        return s;
    m->at[m->n++] = m->text.len;
    fm_buf_puts(ctx, &m->text, prefix);
    fm_buf_puts(ctx, &m->text, key);
    fm_buf_append(ctx, &m->text, "", 1); /* its NUL: the value follows */
    m->at[m->n++] = value ? m->text.len : SIZE_MAX;
    if (value)
        fm_buf_append(ctx, &m->text, value, strlen(value) + 1);
    return fm_buf_check(ctx, &m->text);
}

/* One INSERT of records [from, from + n): "VALUES ($1, $2), ($3, $4), ...". */
static fm_status meta_chunk(fm_ctx *ctx, fm_pg *pg, const fm_pg_meta *m, size_t from, size_t n,
                            const char **v)
{
    fm_buf sql = {0};
    PGresult *r;
    fm_status s;
    fm_buf_puts(ctx, &sql, "INSERT INTO frontiermap_meta (key, value) VALUES ");
    for (size_t i = 0; i < n; i++) {
        size_t k = 2 * (from + i);
        fm_buf_printf(ctx, &sql, "%s($%zu, $%zu)", i ? ", " : "", 2 * i + 1, 2 * i + 2);
        v[2 * i] = m->text.data + m->at[k];
        v[2 * i + 1] = m->at[k + 1] == SIZE_MAX ? NULL : m->text.data + m->at[k + 1];
    }
    fm_buf_puts(ctx, &sql, " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value");
    if ((s = fm_buf_check(ctx, &sql))) {
        fm_buf_free(&sql);
        return s;
    }
    r = pg->api.PQexecParams(pg->conn, fm_buf_str(&sql), (int)(2 * n), NULL, v, NULL, NULL, 0);
    fm_buf_free(&sql);
    if (!(s = fm_pg_check(ctx, pg, r, PGRES_COMMAND_OK, "cannot record the import")))
        pg->api.PQclear(r);
    return s;
}

/* v: room for a chunk's parameters, reused from chunk to chunk. */
fm_status fm_pg_meta_write(fm_ctx *ctx, fm_pg *pg, const fm_pg_meta *m)
{
    size_t records = m->n / 2;
    const char **v;
    fm_status s = FM_OK;
    if (!records)
        return FM_OK;
    if (!(v = fm_malloc_array(2 * (records < META_CHUNK ? records : META_CHUNK), sizeof *v)))
        return fm_error(ctx, FM_ENOMEM, "out of memory recording the import");
    for (size_t i = 0; !s && i < records; i += META_CHUNK)
        s = meta_chunk(ctx, pg, m, i, records - i < META_CHUNK ? records - i : META_CHUNK, v);
    free(v);
    return s;
}

/* Leaves m empty ({0}), ready for reuse. */
void fm_pg_meta_free(fm_pg_meta *m)
{
    if (!m)
        return;
    fm_buf_free(&m->text);
    free(m->at);
    memset(m, 0, sizeof *m);
}

#endif
