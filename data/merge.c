/* merge.c: a re-import from a file that lacks some columns (an ACLED export
 * with fewer columns, say) updates only what the file carries: the columns it
 * lacks keep their stored values instead of being blanked. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "data/columns.h"

/* The stored columns a file may lack: those of columns.h with FM_ABSENT_*
 * bits, in that order. */
static fm_status prepare(fm_ctx *ctx, sqlite3 *db, sqlite3_stmt **stmt)
{
    fm_buf sql = {0};
    fm_status s = FM_OK;
    int first = 1;
    if (*stmt)
        return FM_OK;
    fm_buf_puts(ctx, &sql, "SELECT ");
    for (size_t i = 0; i < FM_NCOLUMNS; i++)
        if (fm_columns[i].absent) {
            fm_buf_printf(ctx, &sql, "%s%s", first ? "" : ", ", fm_columns[i].name);
            first = 0;
        }
    fm_buf_puts(ctx, &sql, " FROM incidents WHERE fid = ?");
    if ((s = fm_buf_check(ctx, &sql)))
        ;
    else if (sqlite3_prepare_v3(db, fm_buf_str(&sql), -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) !=
        SQLITE_OK)
        s = fm_sql_error(ctx, db, "cannot read the stored incident");
    fm_buf_free(&sql);
    return s;
}

fm_status fm_incident_merge_stored(fm_ctx *ctx, sqlite3 *db, sqlite3_stmt **stmt, fm_buf *text,
                                   int64_t fid, uint32_t absent, fm_incident *inc)
{
    size_t at[FM_NCOLUMNS];
    int rc, k;
    fm_status s = FM_OK;
    if ((s = prepare(ctx, db, stmt)))
        return s;
    sqlite3_bind_int64(*stmt, 1, fid);
    if ((rc = sqlite3_step(*stmt)) != SQLITE_ROW) {
        sqlite3_reset(*stmt);
        return rc == SQLITE_DONE ? fm_error(ctx, FM_EDB, "incident %lld vanished", (long long)fid)
                                 : fm_sql_error(ctx, db, "cannot read the stored incident");
    }
    k = 0;
    for (size_t i = 0; i < FM_NCOLUMNS; i++) {
        if (!fm_columns[i].absent)
            continue;
        if (i == FM_COL_lon && sqlite3_column_type(*stmt, k) == SQLITE_NULL)
            absent &= ~(uint32_t)FM_ABSENT_POINT; /* nothing stored: keep what was geocoded */
        k++;
    }
    /* texts are copied first and pointed to after: the buffer may move */
    fm_buf_reset(text);
    k = 0;
    for (size_t i = 0; !s && i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        char *f;
        int null;
        at[i] = (size_t)-1;
        if (!c->absent || c->kind == 'h')
            continue; /* (the hash has no field to point at) */
        f = (char *)inc + c->off;
        null = sqlite3_column_type(*stmt, k) == SQLITE_NULL;
        if (absent & c->absent) {
            switch (c->kind) {
            case 'i': *(int *)f = null ? -1 : sqlite3_column_int(*stmt, k); break;
            case 'l': case 'c':
                *(int *)f = fm_column_class_parse(c, (const char *)sqlite3_column_text(*stmt, k));
                break;
            case 'p': case 'r': *(double *)f = null ? NAN : sqlite3_column_double(*stmt, k); break;
            case 's': case 'n':
                if (null) {
                    *(const char **)f = NULL;
                } else {
                    at[i] = text->len;
                    s = fm_buf_append(ctx, text, (const char *)sqlite3_column_text(*stmt, k),
                                      (size_t)sqlite3_column_bytes(*stmt, k) + 1);
                }
                break;
            }
        }
        k++;
    }
    sqlite3_reset(*stmt);
    for (size_t i = 0; !s && i < FM_NCOLUMNS; i++)
        if (at[i] != (size_t)-1)
            *(const char **)((char *)inc + fm_columns[i].off) = text->data + at[i];
    return s;
}
