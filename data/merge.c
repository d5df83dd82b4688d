/* merge.c: a re-import from a file that lacks some columns (an ACLED export
 * with fewer columns, say) updates only what the file carries: the columns it
 * lacks keep their stored values instead of being blanked. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "data/store_priv.h"

/* Stored columns and where they go; kinds: 's' text, 'i' count, 'd' real,
 * 'L' a location class and 'D' a date class (names stored, codes kept). */
static const struct {
    const char *col;
    size_t off;
    char kind;
    uint32_t bit;
} cols[] = {
    {"event_type", offsetof(fm_incident, event_type), 's', FM_ABSENT_TYPE},
    {"sub_event_type", offsetof(fm_incident, sub_event_type), 's', FM_ABSENT_SUB_TYPE},
    {"civilian_targeting", offsetof(fm_incident, civilian_targeting), 'i', FM_ABSENT_CIV},
    {"actor1", offsetof(fm_incident, actor1), 's', FM_ABSENT_ACTOR1},
    {"actor2", offsetof(fm_incident, actor2), 's', FM_ABSENT_ACTOR2},
    {"location", offsetof(fm_incident, location), 's', FM_ABSENT_LOCATION},
    {"admin1", offsetof(fm_incident, admin1), 's', FM_ABSENT_ADMIN1},
    {"admin2", offsetof(fm_incident, admin2), 's', FM_ABSENT_ADMIN2},
    {"admin1_src", offsetof(fm_incident, admin1_src), 's', FM_ABSENT_ADMIN1},
    {"admin2_src", offsetof(fm_incident, admin2_src), 's', FM_ABSENT_ADMIN2},
    {"violence_type", offsetof(fm_incident, violence_type), 's', FM_ABSENT_DYAD},
    {"dyad", offsetof(fm_incident, dyad), 's', FM_ABSENT_DYAD},
    {"deaths_civilians", offsetof(fm_incident, deaths_civilians), 'i', FM_ABSENT_CIV_DEATHS},
    {"country", offsetof(fm_incident, country), 's', FM_ABSENT_COUNTRY},
    {"date_precision", offsetof(fm_incident, date_precision), 'i', FM_ABSENT_DATE_PREC},
    {"fatalities", offsetof(fm_incident, fatalities), 'i', FM_ABSENT_FATALITIES},
    {"fatalities_low", offsetof(fm_incident, fatalities_low), 'i', FM_ABSENT_LOW},
    {"fatalities_high", offsetof(fm_incident, fatalities_high), 'i', FM_ABSENT_HIGH},
    {"injured", offsetof(fm_incident, injured), 'i', FM_ABSENT_INJURED},
    {"claims", offsetof(fm_incident, claims), 's', FM_ABSENT_CLAIMS},
    {"notes", offsetof(fm_incident, notes), 's', FM_ABSENT_NOTES},
    {"citation", offsetof(fm_incident, citation), 's', FM_ABSENT_CITATION},
    {"tags", offsetof(fm_incident, tags), 's', FM_ABSENT_TAGS},
    {"geo_precision", offsetof(fm_incident, geo_precision), 'i',
     FM_ABSENT_GEO_PREC | FM_ABSENT_POINT},
    {"geo_precision_src", offsetof(fm_incident, geo_precision_src), 'i',
     FM_ABSENT_GEO_PREC | FM_ABSENT_POINT},
    {"loc_precision", offsetof(fm_incident, loc_precision), 'L',
     FM_ABSENT_GEO_PREC | FM_ABSENT_POINT},
    {"date_class", offsetof(fm_incident, date_class), 'D', FM_ABSENT_DATE_PREC},
    /* no coordinates in the file: the stored point and what follows from it */
    {"lon", offsetof(fm_incident, lon), 'd', FM_ABSENT_POINT},
    {"lat", offsetof(fm_incident, lat), 'd', FM_ABSENT_POINT},
    {"border_km", offsetof(fm_incident, border_km), 'd', FM_ABSENT_POINT},
    {"border_side", offsetof(fm_incident, border_side), 's', FM_ABSENT_POINT},
    /* flags record checks against the point, the country and the province */
    {"flags", offsetof(fm_incident, flags), 's',
     FM_ABSENT_POINT | FM_ABSENT_COUNTRY | FM_ABSENT_ADMIN1},
};
#define NCOLS (sizeof cols / sizeof cols[0])

static fm_status prepare(fm_ctx *ctx, sqlite3 *db, sqlite3_stmt **stmt)
{
    fm_buf sql = {0};
    fm_status s = FM_OK;
    if (*stmt)
        return FM_OK;
    fm_buf_puts(ctx, &sql, "SELECT ");
    for (size_t i = 0; i < NCOLS; i++)
        fm_buf_printf(ctx, &sql, "%s%s", i ? ", " : "", cols[i].col);
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
    size_t at[NCOLS], lon = 0;
    int rc;
    fm_status s;
    if ((s = prepare(ctx, db, stmt)))
        return s;
    sqlite3_bind_int64(*stmt, 1, fid);
    if ((rc = sqlite3_step(*stmt)) != SQLITE_ROW) {
        sqlite3_reset(*stmt);
        return rc == SQLITE_DONE ? fm_error(ctx, FM_EDB, "incident %lld vanished", (long long)fid)
                                 : fm_sql_error(ctx, db, "cannot read the stored incident");
    }
    while (strcmp(cols[lon].col, "lon") != 0)
        lon++;
    if (sqlite3_column_type(*stmt, (int)lon) == SQLITE_NULL)
        absent &= ~(uint32_t)FM_ABSENT_POINT; /* nothing stored: keep what was geocoded */
    /* texts are copied first and pointed to after: the buffer may move */
    fm_buf_reset(text);
    for (size_t i = 0; i < NCOLS; i++) {
        char *f = (char *)inc + cols[i].off;
        int null = sqlite3_column_type(*stmt, (int)i) == SQLITE_NULL;
        at[i] = (size_t)-1;
        if (!(absent & cols[i].bit))
            continue;
        if (cols[i].kind == 'i')
            *(int *)f = null ? -1 : sqlite3_column_int(*stmt, (int)i);
        else if (cols[i].kind == 'L')
            *(int *)f = fm_loc_class_parse((const char *)sqlite3_column_text(*stmt, (int)i));
        else if (cols[i].kind == 'D')
            *(int *)f = fm_date_class_parse((const char *)sqlite3_column_text(*stmt, (int)i));
        else if (cols[i].kind == 'd')
            *(double *)f = null ? NAN : sqlite3_column_double(*stmt, (int)i);
        else if (null)
            *(const char **)f = NULL;
        else {
            at[i] = text->len;
            if ((s = fm_buf_append(ctx, text, (const char *)sqlite3_column_text(*stmt, (int)i),
                                   (size_t)sqlite3_column_bytes(*stmt, (int)i) + 1)))
                break;
        }
    }
    sqlite3_reset(*stmt);
    for (size_t i = 0; !s && i < NCOLS; i++)
        if (at[i] != (size_t)-1)
            *(const char **)((char *)inc + cols[i].off) = text->data + at[i];
    return s;
}
