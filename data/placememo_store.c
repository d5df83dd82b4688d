/* placememo_store.c: what the user's store knows of places: every location
 * name its rows gave with coordinates of their own (not placed by our
 * geocoder) at precision 1-2 (ACLED geo_precision; GED where_prec 1-2),
 * read in one pass into a memo the geocoder offers as candidates. */
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

/* Rows placed by the geocoder are left out: learning from our own guesses
 * would only repeat them with more confidence. */
static const char memo_sql[] =
    "SELECT location, admin1, admin2, country, lon, lat, geo_precision, geo_precision_src,"
    " source FROM incidents WHERE location IS NOT NULL AND location <> ''"
    " AND lon IS NOT NULL AND lat IS NOT NULL AND geo_precision IN (1, 2)"
    " AND (geo_precision_src IS NULL OR geo_precision_src <= 2 OR source NOT LIKE 'ged%')"
    " AND (flags IS NULL OR flags NOT LIKE '%geocod%')";

static const char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

static fm_status read_rows(fm_ctx *ctx, sqlite3 *db, fm_placememo *m)
{
    sqlite3_stmt *s = NULL;
    fm_status st = FM_OK;
    int rc;
    if (sqlite3_prepare_v2(db, memo_sql, -1, &s, NULL) != SQLITE_OK)
        return fm_error(ctx, FM_EDB, "cannot read the store's place names: %s",
                        sqlite3_errmsg(db));
    while (!st && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *source = col_text(s, 8);
        int prec = sqlite3_column_int(s, 6);
        int src_prec = sqlite3_column_type(s, 7) == SQLITE_NULL || strncmp(source, "ged", 3)
                           ? prec : sqlite3_column_int(s, 7);
        st = fm_placememo_add(ctx, m, col_text(s, 0), col_text(s, 1), col_text(s, 2),
                              col_text(s, 3), sqlite3_column_double(s, 4),
                              sqlite3_column_double(s, 5), prec, source, src_prec, 1);
    }
    if (!st && rc != SQLITE_DONE)
        st = fm_error(ctx, FM_EDB, "cannot read the store's place names: %s", sqlite3_errmsg(db));
    sqlite3_finalize(s);
    return st;
}

fm_status fm_gpkg_placememo(fm_ctx *ctx, fm_store *st, fm_placememo **out)
{
    fm_placememo *m = NULL;
    fm_status s;
    *out = NULL;
    if ((s = fm_placememo_create(ctx, &m)))
        return s;
    if ((s = read_rows(ctx, st->db, m)) || (s = fm_placememo_finish(ctx, m))) {
        fm_placememo_destroy(m);
        return s;
    }
    *out = m;
    return FM_OK;
}
