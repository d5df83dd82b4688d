/* stats.c: incidents and fatalities per month, year, province, district,
 * type, actor or source, computed by SQLite's GROUP BY (a radius filter
 * falls back to grouping in C after the exact distance test). */
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

static const char *group_expr(fm_group_by by)
{
    switch (by) {
    case FM_GROUP_MONTH: return "substr(date_start, 1, 7)";
    case FM_GROUP_YEAR: return "substr(date_start, 1, 4)";
    case FM_GROUP_ADMIN1: return "coalesce(admin1, '(unknown)')";
    case FM_GROUP_ADMIN2: return "coalesce(admin2, '(unknown)')";
    case FM_GROUP_TYPE: return "coalesce(event_type, '(unknown)')";
    case FM_GROUP_ACTOR: return "coalesce(actor1, '(unknown)')";
    case FM_GROUP_SOURCE: return "source";
    case FM_GROUP_SUB_TYPE:
        return "coalesce(event_type, '(unknown)') || ' / ' || coalesce(sub_event_type, '(none)')";
    case FM_GROUP_VIOLENCE: return "coalesce(violence_type, '(not GED)')";
    case FM_GROUP_DYAD: return "coalesce(dyad, '(none)')";
    default: return "'all'";
    }
}

/* The group key with the time rule applied (docs/DESIGN.md "Time"): an
 * incident longer than the month (year) it starts in has no month (year)
 * row, and one longer than a bounded period no row of its group; both are
 * counted in a row of their own, so the rows still add up to the period. */
static void key_expr(fm_ctx *ctx, fm_group_by by, const fm_filter *f, fm_buf *b)
{
    int limit = fm_filter_span_limit(f);
    fm_buf_puts(ctx, b, "CASE");
    if (by == FM_GROUP_MONTH)
        fm_buf_puts(ctx, b, " WHEN " FM_SQL_SPAN_DAYS " > julianday(date(date_start,"
                            " 'start of month', '+1 month')) - julianday(date(date_start,"
                            " 'start of month')) THEN '" FM_STATS_LONGER_MONTH "'");
    if (by == FM_GROUP_YEAR)
        fm_buf_puts(ctx, b, " WHEN " FM_SQL_LONGER_THAN_YEAR " THEN '" FM_STATS_LONGER_YEAR "'");
    if (limit >= 0 && f->spans == FM_SPANS_FIT)
        fm_buf_printf(ctx, b, " WHEN " FM_SQL_SPAN_DAYS " > %d THEN '"
                      FM_STATS_LONGER_PERIOD "'", limit);
    if (b->len == 4) { /* no WHEN: the plain key */
        fm_buf_reset(b);
        fm_buf_puts(ctx, b, group_expr(by));
        return;
    }
    fm_buf_printf(ctx, b, " ELSE %s END", group_expr(by));
}

void fm_stat_rows_free(fm_stat_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        free(rows[i].key);
    free(rows);
}

static fm_status add_row(fm_ctx *ctx, fm_stat_row **rows, size_t *n, size_t *cap,
                         const char *key, const int64_t v[4])
{
    fm_stat_row *r;
    if (fm_grow(ctx, (void **)rows, cap, *n + 1, sizeof **rows))
        return FM_ENOMEM;
    r = &(*rows)[*n];
    if (!(r->key = fm_strdup(ctx, key ? key : "")))
        return FM_ENOMEM;
    r->incidents = v[0];
    r->fatalities = v[1];
    r->fatalities_low = v[2];
    r->fatalities_high = v[3];
    (*n)++;
    return FM_OK;
}

static int find_key(fm_stat_row *rows, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].key, key))
            return (int)i;
    return -1;
}

/* By key, the rows of incidents counted apart last. */
static int by_key(const void *a, const void *b)
{
    const char *x = ((const fm_stat_row *)a)->key, *y = ((const fm_stat_row *)b)->key;
    int ax = fm_stat_key_apart(x), ay = fm_stat_key_apart(y);
    return ax != ay ? ax - ay : strcmp(x, y);
}

int fm_stat_key_apart(const char *key)
{
    return key && !strncmp(key, "(longer than", 12);
}

fm_status fm_gpkg_stats(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                        fm_group_by then, fm_stat_row **rows, size_t *n)
{
    fm_buf kexpr = {0}, cols = {0};
    fm_filter all = *f;
    fm_query *q = NULL;
    sqlite3_stmt *s;
    size_t cap = 0;
    fm_status err;
    int rc, one_by_one = f->has_near || f->within; /* the exact place test, row by row */
    *rows = NULL;
    *n = 0;
    key_expr(ctx, by, f, &kexpr);
    if (then != FM_GROUP_NONE) { /* "key<US>then": the time rule stays on the first */
        fm_buf k2 = {0};
        fm_buf_printf(ctx, &k2, "(%s) || char(31) || %s", fm_buf_str(&kexpr), group_expr(then));
        fm_buf_free(&kexpr);
        kexpr = k2;
    }
    if (f->spans == FM_SPANS_FIT)
        all.spans = FM_SPANS_ALL; /* the longer ones get their own row */
    if (one_by_one)
        fm_buf_printf(ctx, &cols, "%s, 1, coalesce(fatalities, 0), coalesce(fatalities_low,"
                      " fatalities, 0), coalesce(fatalities_high, fatalities, 0), geom",
                      fm_buf_str(&kexpr));
    else
        fm_buf_printf(ctx, &cols, "%s AS k, count(*), total(fatalities), total(coalesce("
                      "fatalities_low, fatalities)), total(coalesce(fatalities_high, fatalities)),"
                      " NULL", fm_buf_str(&kexpr));
    err = fm_query_prepare(ctx, st, &all, fm_buf_str(&cols), one_by_one ? NULL : "GROUP BY 1",
                           &q);
    fm_buf_free(&kexpr);
    fm_buf_free(&cols);
    if (err)
        return err;
    s = fm_query_stmt(q);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(s, 0);
        int64_t v[4];
        double lon, lat, d, a;
        int at;
        for (int i = 0; i < 4; i++)
            v[i] = sqlite3_column_int64(s, i + 1);
        if (one_by_one && !(fm_blob_point(sqlite3_column_blob(s, 5), sqlite3_column_bytes(s, 5),
                                           &lon, &lat) &&
                             fm_query_place_ok(q, lon, lat, &d, &a)))
            continue;
        if (one_by_one && (at = find_key(*rows, *n, key ? key : "")) >= 0) {
            fm_stat_row *r = &(*rows)[at];
            r->incidents += v[0], r->fatalities += v[1];
            r->fatalities_low += v[2], r->fatalities_high += v[3];
        } else if ((err = add_row(ctx, rows, n, &cap, key, v))) {
            break;
        }
    }
    if (!err && rc != SQLITE_DONE)
        err = fm_sql_error(ctx, st->db, "cannot query the store");
    fm_query_free(q);
    if (err) {
        fm_stat_rows_free(*rows, *n);
        *rows = NULL;
        *n = 0;
        return err;
    }
    if (*n) /* qsort wants an array, even of nothing */
        qsort(*rows, *n, sizeof **rows, by_key);
    return FM_OK;
}
