/* test_columns.c: the one column list (data/columns.h): a new store's table
 * has its columns in its order, the schema version covers every column, the
 * content hash is the one stores already hold (reordering the list would
 * make every re-import report every row updated), and a CSV export has one
 * field per header name. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/columns.h"
#include "fm_test.h"

static fm_ctx *ctx;

static void test_list(void)
{
    int top = 0;
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        CHECK(fm_columns[i].since >= 1);
        if (fm_columns[i].since > top)
            top = fm_columns[i].since;
        CHECK(strchr("snidprlckuh", fm_columns[i].kind) != NULL);
        CHECK((fm_columns[i].kind == 'h') == (fm_columns[i].off == (size_t)-1));
        /* a later column never comes before an earlier schema's */
        CHECK(i == 0 || fm_columns[i].since >= fm_columns[i - 1].since);
    }
    CHECK(top == FM_SCHEMA_VERSION);
    CHECK_STR(fm_columns[FM_COL_civilian_targeting].name, "civilian_targeting");
    CHECK(fm_columns[FM_COL_lon].kind == 'p' && fm_columns[FM_COL_lat].kind == 'p');
}

static void test_table(void)
{
    char path[1024];
    fm_store *st = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int k = 0;
    snprintf(path, sizeof path, "%s/columns.gpkg", fm_test_tmpdir());
    fm_store_remove_files(path);
    CHECK(fm_store_open(ctx, path, FM_STORE_WRITE, &st) == FM_OK);
    {
        fm_incident inc;
        fm_import_opts o;
        memset(&o, 0, sizeof o);
        fm_incident_init(&inc);
        inc.source = "manual", inc.source_id = "c1", inc.lon = 71.5, inc.lat = 34.0;
        inc.date_start = inc.date_end = fm_day_from_ymd(2020, 1, 2);
        inc.location = "Peshawar", inc.country = "Pakistan";
        CHECK(fm_store_add(ctx, st, &inc, &o, NULL) == FM_OK);
    }
    fm_store_close(st);
    CHECK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "SELECT name, \"notnull\" FROM pragma_table_info('incidents')"
                                 " ORDER BY cid",
                             -1, &s, NULL) == SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        const char *want = k == 0 ? "fid" : k == 1 ? "geom"
                         : k - 2 < FM_NCOLUMNS ? fm_columns[k - 2].name : "(none)";
        CHECK_STR(name, want);
        if (k >= 2 && k - 2 < FM_NCOLUMNS)
            CHECK(sqlite3_column_int(s, 1) == fm_columns[k - 2].required);
        k++;
    }
    CHECK(k == FM_NCOLUMNS + 2);
    sqlite3_finalize(s);
    sqlite3_close(db);
    fm_store_remove_files(path);
}

static void test_hash(void)
{
    fm_incident inc;
    fm_incident_init(&inc);
    inc.source = "acled", inc.source_id = "PAK123";
    inc.date_start = inc.date_end = fm_day_from_ymd(2021, 5, 6);
    inc.date_precision = 1, inc.event_type = "Battles", inc.actor1 = "TTP";
    inc.location = "Wana", inc.admin1 = "Khyber Pakhtunkhwa", inc.country = "Pakistan";
    inc.lon = 69.5769, inc.lat = 32.3026, inc.geo_precision = 1, inc.fatalities = 4;
    inc.civilian_targeting = 0, inc.border_km = 12.5, inc.border_side = "PK";
    inc.admin1_src = "KPK";
    /* the value written by stores before the list (c33f14d) */
    CHECK(fm_incident_hash(&inc) == 2872558659406996686ULL);
    inc.deaths_civilians = 1; /* any field of the list changes it */
    CHECK(fm_incident_hash(&inc) != 2872558659406996686ULL);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_list);
    RUN(test_table);
    RUN(test_hash);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
