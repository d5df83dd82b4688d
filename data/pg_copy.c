/* pg_copy.c: an incident as one tuple of PostgreSQL's binary COPY format,
 * the import's COPY stream (pg_import.c): each field a 32-bit length (-1 for
 * NULL) and its bytes in network order, the point as EWKB with SRID 4326.
 * The tuple is written into room made once for the whole row: appending its
 * ~85 pieces one by one cost more than the bytes (~0.4 s of the client's
 * CPU in a million rows). */
#include <math.h>
#include <string.h>

#include "data/pg_priv.h"

/* PostgreSQL's epoch (2000-01-01) in fm_day (days since 1970-01-01). */
#define PG_EPOCH_DAYS 10957
/* Bytes of a field that is not text, at most: the length and an int8. */
#define FIXED_MAX 12

static char *w_be32(char *o, uint32_t v)
{
    o[0] = (char)(v >> 24), o[1] = (char)(v >> 16), o[2] = (char)(v >> 8), o[3] = (char)v;
    return o + 4;
}

static char *w_null(char *o)
{
    return w_be32(o, 0xffffffffu);
}

static char *w_i4(char *o, int32_t v)
{
    return w_be32(w_be32(o, 4), (uint32_t)v);
}

static char *w_i8(char *o, int64_t v)
{
    o = w_be32(o, 8);
    o = w_be32(o, (uint32_t)((uint64_t)v >> 32));
    return w_be32(o, (uint32_t)(uint64_t)v);
}

static char *w_f8(char *o, double v)
{
    int64_t u;
    memcpy(&u, &v, 8);
    return w_i8(o, u);
}

/* Empty and missing texts are stored NULL, as the GeoPackage writer does;
 * n is the text's length. */
static char *w_text(char *o, const char *s, size_t n)
{
    if (!n)
        return w_null(o);
    o = w_be32(o, (uint32_t)n);
    memcpy(o, s, n);
    return o + n;
}

/* The point as EWKB: little-endian, as its first byte says. */
static char *w_point(char *o, double lon, double lat)
{
    static const char head[9] = {1, 1, 0, 0, 0x20, (char)0xe6, 0x10, 0, 0};
    o = w_be32(o, 25);
    memcpy(o, head, sizeof head);
    memcpy(o + 9, &lon, 8);
    memcpy(o + 17, &lat, 8);
    return o + 25;
}

/* The text of a text column (kinds s, n, l, c), NULL for none. */
static const char *col_text(const fm_incident *inc, const fm_column *c)
{
    return c->kind == 'l' || c->kind == 'c' ? fm_column_class_name(c, FM_COL_INT(inc, c))
                                            : FM_COL_STR(inc, c);
}

static int is_text(const fm_column *c)
{
    return c->kind == 's' || c->kind == 'n' || c->kind == 'l' || c->kind == 'c';
}

/* A stamp the row brings (writer.c's rule), as PostgreSQL's microseconds
 * since 2000-01-01; else now_us. */
static int64_t stamp_us(const char *stamp, int64_t now_us)
{
    int64_t ms;
    if (!stamp || !*stamp || !fm_stamp_unix_ms(stamp, &ms))
        return now_us;
    return (ms - (int64_t)PG_EPOCH_DAYS * 86400000) * 1000;
}

/* One column's field (its text's length in len). */
static char *w_column(char *o, const fm_incident *inc, const fm_column *c, const char *text,
                      size_t len, int has_xy, uint64_t hash, int64_t now_us)
{
    if (is_text(c))
        return w_text(o, text, len);
    switch (c->kind) {
    case 'i': return FM_COL_INT(inc, c) >= 0 ? w_i4(o, FM_COL_INT(inc, c)) : w_null(o);
    case 'd':
        return FM_COL_DAY(inc, c) != FM_DAY_NONE ? w_i4(o, FM_COL_DAY(inc, c) - PG_EPOCH_DAYS)
                                                 : w_null(o);
    case 'p': return has_xy ? w_f8(o, FM_COL_DBL(inc, c)) : w_null(o);
    case 'r': return isfinite(FM_COL_DBL(inc, c)) ? w_f8(o, FM_COL_DBL(inc, c)) : w_null(o);
    case 'k': case 'u': return w_i8(o, stamp_us(FM_COL_STR(inc, c), now_us));
    case 'h': return w_i8(o, (int64_t)hash);
    }
    return w_null(o);
}

fm_status fm_pg_copy_row(fm_ctx *ctx, fm_buf *b, const fm_incident *inc, uint64_t hash,
                         int64_t now_us)
{
    const char *text[FM_NCOLUMNS];
    size_t len[FM_NCOLUMNS], need = 4 + 25;
    int has_xy = isfinite(inc->lon) && isfinite(inc->lat);
    char *o, *start;
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        text[i] = is_text(c) ? col_text(inc, c) : NULL;
        len[i] = text[i] ? strlen(text[i]) : 0;
        need += len[i] + FIXED_MAX; /* texts in memory: their sum cannot wrap */
    }
    if (!(start = o = fm_buf_room(ctx, b, need)))
        return b->status;
    o = has_xy ? w_point(o, inc->lon, inc->lat) : w_null(o);
    for (int i = 0; i < FM_NCOLUMNS; i++)
        o = w_column(o, inc, &fm_columns[i], text[i], len[i], has_xy, hash, now_us);
    fm_buf_commit(b, (size_t)(o - start));
    return FM_OK;
}
