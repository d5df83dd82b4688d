/* years.c: the first and last year of the incidents a filter keeps, as a
 * count by year (fm_store_stats, FM_GROUP_YEAR) has them, without counting
 * them: a heatmap of an open period names its provinces after its last year
 * and notes the district changes since its first. Grouping a million rows
 * by year costs SQLite over a second of CPU; walking incidents_date from the
 * open end to the first incident kept takes microseconds. */
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

/* Progress callbacks of 1000 SQLite instructions a walk may take (a few
 * thousands of rows) before the count by year is asked instead: a
 * filter that keeps few incidents would otherwise walk the whole index,
 * row by row, slower than a count's scan. */
#define YEARS_WALK_BUDGET 500

static int walk_budget(void *user)
{
    int *left = user;
    return --*left < 0;
}

/* The year a count by year gives date_start: its first four characters
 * read as a number (0, no year, when that is not a positive number). */
static int year_of(const char *date_start)
{
    char y[5] = {0};
    if (!date_start)
        return 0;
    strncpy(y, date_start, 4);
    return atoi(y) > 0 ? atoi(y) : 0;
}

/* The year of the first (desc: last) incident f keeps in date_start order
 * that has a year; 0 when none; FM_ECANCEL when the walk ran out of budget.
 * Only for a store whose every date_start is ISO text ("YYYY-MM-DD...", as
 * its packed points guarantee), where that order is the order of years,
 * and a filter without a place. */
static fm_status walk(fm_ctx *ctx, fm_store *st, const fm_filter *f, int desc, int *year)
{
    fm_query *q;
    sqlite3_stmt *s;
    fm_status err;
    int rc, left = YEARS_WALK_BUDGET;
    *year = 0;
    /* the tail adds the count's year rule to the WHERE clauses: a row the
     * count would put in its "(longer than a year)" row has no year */
    err = fm_query_prepare(ctx, st, f, "date_start",
                           desc ? " AND NOT coalesce(" FM_SQL_LONGER_THAN_YEAR ", 0)"
                                  " ORDER BY date_start DESC"
                                : " AND NOT coalesce(" FM_SQL_LONGER_THAN_YEAR ", 0)"
                                  " ORDER BY date_start",
                           &q);
    if (err)
        return err;
    s = fm_query_stmt(q);
    sqlite3_progress_handler(st->db, 1000, walk_budget, &left);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        if ((*year = year_of((const char *)sqlite3_column_text(s, 0))))
            break;
    sqlite3_progress_handler(st->db, 0, NULL, NULL);
    if (rc == SQLITE_INTERRUPT)
        err = FM_ECANCEL;
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = fm_sql_error(ctx, st->db, "cannot query the store");
    fm_query_free(q);
    return err;
}

/* The years from the count by year itself (any store). */
static fm_status years_counted(fm_ctx *ctx, fm_store *st, const fm_filter *f, int *first,
                               int *last)
{
    fm_stat_row *rows = NULL;
    size_t n = 0, i;
    fm_status s = fm_store_stats(ctx, st, f, FM_GROUP_YEAR, &rows, &n);
    for (i = 0; !s && i < n; i++) {
        int y = fm_stat_key_apart(rows[i].key) ? 0 : atoi(rows[i].key);
        if (y > 0 && rows[i].incidents > 0) {
            *first = *first && *first < y ? *first : y;
            *last = *last > y ? *last : y;
        }
    }
    fm_stat_rows_free(rows, n);
    return s;
}

fm_status fm_store_years(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned which,
                         int *first, int *last)
{
    fm_status s = FM_ECANCEL;
    *first = *last = 0;
    /* the packed copy exists only while every row's dates are ISO text; a
     * place filter's R*Tree set would be built whole before the walk's
     * first row (a count's work), so it is counted, as before */
    if (!st->remote && !f->has_bbox && !f->has_near && !f->within &&
        fm_pointcache_present(st->db)) {
        s = (which & FM_YEARS_FIRST) ? walk(ctx, st, f, 0, first) : FM_OK;
        if (!s && (which & FM_YEARS_LAST))
            s = walk(ctx, st, f, 1, last);
    }
    if (s != FM_ECANCEL)
        return s;
    *first = *last = 0;
    if ((s = years_counted(ctx, st, f, first, last)))
        return s;
    *first = (which & FM_YEARS_FIRST) ? *first : 0;
    *last = (which & FM_YEARS_LAST) ? *last : 0;
    return FM_OK;
}
