/* test_precision.c: the precision model: location and date classes from GED,
 * ACLED, report and geocoded rows; unlocated incidents kept (reports.csv
 * imports without --skip-bad, the R*Tree and packed points skip them, an
 * export carries them); older stores upgraded with the classes filled. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "data/fm_data.h"
#include "fm_test.h"

static fm_ctx *ctx;

static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", fm_test_tmpdir(), name);
    fm_store_remove_files(buf);
    return buf;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static fm_status import1(fm_store *st, const char *file, fm_import_stats *stats)
{
    fm_import_opts o;
    const char *paths[1] = {file};
    memset(&o, 0, sizeof o);
    return fm_store_import(ctx, st, paths, 1, &o, stats);
}

static void test_names(void)
{
    CHECK_STR(fm_loc_class_name(FM_LOC_EXACT), "exact");
    CHECK_STR(fm_loc_class_name(FM_LOC_NONE), "none");
    CHECK(fm_loc_class_name(0) == NULL && fm_loc_class_name(7) == NULL);
    CHECK(fm_loc_class_parse("District") == FM_LOC_DISTRICT);
    CHECK(fm_loc_class_parse("town") == -1 && fm_loc_class_parse(NULL) == -1);
    CHECK_STR(fm_date_class_name(FM_DATE_DAYS), "days");
    CHECK(fm_date_class_parse("YEAR") == FM_DATE_YEAR && fm_date_class_parse("week") == -1);
}

/* GED rows (where_prec 1-7, date_prec 1-5) keep their codes beside the classes. */
static void test_ged_classes(void)
{
    char csv[512], db[512];
    fm_store *st = NULL;
    fm_import_stats s;
    const char *hdr =
        "id,type_of_violence,side_a,side_b,where_prec,where_coordinates,adm_1,adm_2,latitude,"
        "longitude,country,date_prec,date_start,date_end,best,low,high\n";
    fm_buf text = {0};
    fm_buf_puts(ctx, &text, hdr);
    fm_buf_puts(ctx, &text,
                "1,1,Government of Pakistan,TTP,1,Wana,KP,South Waziristan,32.30,69.57,Pakistan,"
                "1,2009-03-02,2009-03-02,5,5,5\n"
                "2,1,Government of Pakistan,TTP,3,Khyber district,KP,Khyber,34.0,71.2,Pakistan,"
                "2,2009-03-04,2009-03-07,3,3,3\n"
                "3,1,Government of Pakistan,TTP,4,KP province,KP,,34.0,71.5,Pakistan,4,"
                "2009-03-01,2009-03-31,9,9,9\n"
                "4,1,Government of Pakistan,TTP,6,Pakistan,,,30.0,70.0,Pakistan,5,"
                "2009-01-01,2009-12-31,1428,1428,1428\n"
                "5,3,TTP,Civilians,2,near Bannu,KP,Bannu,32.98,70.60,Pakistan,1,2009-03-10,"
                "2009-03-10,2,2,2\n");
    write_file(tmp_path("ged5.csv", csv, sizeof csv), fm_buf_str(&text));
    fm_buf_free(&text);
    CHECK(fm_store_open(ctx, tmp_path("ged5.gpkg", db, sizeof db), FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, csv, &s) == FM_OK && s.added == 5);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = '1' AND"
                              " loc_precision = 'exact' AND date_class = 'day'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = '2' AND"
                              " loc_precision = 'district' AND date_class = 'days'"
                              " AND geo_precision_src = 3") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = '3' AND"
                              " loc_precision = 'province' AND date_class = 'month'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = '4' AND"
                              " loc_precision = 'country' AND date_class = 'year'"
                              " AND geo_precision_src = 6") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = '5' AND"
                              " loc_precision = 'near'") == 1);
}

/* ACLED's scale: 1 exact, 2 near, 3 province; time_precision 1-3. */
static void test_acled_classes(void)
{
    char csv[512], db[512];
    fm_store *st = NULL;
    fm_import_stats s;
    write_file(tmp_path("acled3.csv", csv, sizeof csv),
               "event_id_cnty,event_date,time_precision,event_type,country,admin1,admin2,"
               "location,latitude,longitude,geo_precision,fatalities\n"
               "PAK1,2025-10-12,1,Battles,Pakistan,KP,Khyber,Torkham,34.1,71.09,1,3\n"
               "PAK2,2025-10-13,2,Battles,Pakistan,KP,Khyber,Landi Kotal,34.09,71.14,2,1\n"
               "PAK3,2025-10-14,3,Battles,Pakistan,KP,Khyber,Peshawar,34.01,71.57,3,0\n");
    CHECK(fm_store_open(ctx, tmp_path("acled3.gpkg", db, sizeof db), FM_STORE_WRITE, &st) ==
          FM_OK);
    CHECK(import1(st, csv, &s) == FM_OK && s.added == 3);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE loc_precision = 'exact'"
                              " AND date_class = 'day' AND source_id = 'PAK1'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE loc_precision = 'near'"
                              " AND date_class = 'days' AND source_id = 'PAK2'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE loc_precision = 'province'"
                              " AND date_class = 'month' AND source_id = 'PAK3'") == 1);
}

/* The project's own reports.csv imports whole, without --skip-bad: the rows
 * the gazetteer cannot place are kept without a point, out of the R*Tree. */
static void test_reports_unlocated(void)
{
    char csv[4096], db[512], out[512];
    fm_store *st = NULL;
    fm_import_stats s;
    fm_filter f;
    fm_results *r = NULL;
    int64_t n = -1;
    size_t written = 0;
    snprintf(csv, sizeof csv, "%s/incidents/reports.csv", fm_ctx_data_dir(ctx));
    CHECK(fm_store_open(ctx, tmp_path("reports.gpkg", db, sizeof db), FM_STORE_WRITE, &st) ==
          FM_OK);
    CHECK(import1(st, csv, &s) == FM_OK);
    CHECK(s.rejected == 0 && s.added == 44 && s.unlocated == 4);
    fm_filter_init(&f);
    CHECK(fm_store_count(ctx, st, &f, &n) == FM_OK && n == 44);
    f.since = fm_day_from_ymd(2025, 10, 11);
    f.until = fm_day_from_ymd(2025, 10, 12);
    CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK);
    {
        int found = 0;
        for (size_t i = 0; r && i < r->n; i++)
            if (!strcmp(r->items[i].source_id, "2025-10-11-taliban-attacks-border-posts")) {
                found = 1;
                CHECK(isnan(r->items[i].lon) && r->items[i].loc_precision == FM_LOC_NONE);
                CHECK(r->items[i].claims && strstr(r->items[i].claims, "Taliban: 58") &&
                      strstr(r->items[i].claims, "ISPR: 23"));
            }
        CHECK(found);
    }
    fm_results_destroy(r);
    fm_filter_init(&f);
    CHECK(fm_store_export(ctx, st, &f, FM_EXPORT_CSV, tmp_path("reports-out.csv", out,
                                                                sizeof out), NULL, &written) == FM_OK);
    CHECK(written == 44);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE geom IS NULL") == 4);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE loc_precision = 'none'") == 4);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM rtree_incidents_geom") == 40);
    /* the export's unlocated rows read back as unlocated, and lat/lon stay empty */
    {
        char db2[512];
        CHECK(fm_store_open(ctx, tmp_path("reports2.gpkg", db2, sizeof db2), FM_STORE_WRITE,
                            &st) == FM_OK);
        CHECK(import1(st, out, &s) == FM_OK && s.added == 44 && s.unlocated == 4);
        fm_store_close(st);
    }
}

/* A store of schema 1 (no class columns) gets them, filled, when opened,
 * even for reading; one that cannot be written is refused with the reason. */
static void test_upgrade(void)
{
    char db[512], csv[512];
    fm_store *st = NULL;
    fm_import_stats s;
    sqlite3 *h;
    write_file(tmp_path("old.csv", csv, sizeof csv),
               "source_id,date,date_end,date_precision,type,lat,lon,geo_precision,admin2,"
               "location\n"
               "a,2025-10-01,2025-10-01,1,Battles,34.1,71.09,1,Khyber,Torkham\n"
               "b,2025-10-01,2025-10-31,3,Battles,34.0,71.2,3,Khyber,Khyber\n"
               "c,2025-10-01,2025-10-03,1,Battles,34.0,71.5,3,,KP\n");
    CHECK(fm_store_open(ctx, tmp_path("old.gpkg", db, sizeof db), FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, csv, &s) == FM_OK && s.added == 3);
    fm_store_close(st);
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "DROP INDEX incidents_coarse;"
                          "ALTER TABLE incidents DROP COLUMN loc_precision;"
                          "ALTER TABLE incidents DROP COLUMN date_class;"
                          "UPDATE frontiermap_meta SET value = '1' WHERE key = 'schema_version'",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    chmod(db, 0444);
    if (access(db, W_OK) != 0) { /* not root: the upgrade cannot be written */
        CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) != FM_OK);
        CHECK(strstr(fm_ctx_message(ctx), "older frontiermap") != NULL);
        fm_ctx_clear(ctx);
    }
    chmod(db, 0644);
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT CAST(value AS INTEGER) FROM frontiermap_meta"
                              " WHERE key = 'schema_version'") == 3);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = 'a' AND"
                              " loc_precision = 'exact' AND date_class = 'day'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name ="
                              " 'incidents_coarse'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = 'b' AND"
                              " loc_precision = 'district' AND date_class = 'month'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = 'c' AND"
                              " loc_precision = 'province' AND date_class = 'days'") == 1);
}

/* A hand-entered place the gazetteer does not know is refused, unless the
 * incident is meant to be unlocated. */
static void test_add_unlocated(void)
{
    char db[512];
    fm_store *st = NULL;
    fm_incident inc;
    fm_incident_init(&inc);
    inc.source_id = "x", inc.event_type = "Battles", inc.location = "Nowhere-in-particular";
    inc.date_start = inc.date_end = fm_day_from_ymd(2025, 10, 12);
    CHECK(fm_store_open(ctx, tmp_path("add.gpkg", db, sizeof db), FM_STORE_WRITE, &st) == FM_OK);
    CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "--unlocated") != NULL);
    fm_ctx_clear(ctx);
    inc.loc_precision = FM_LOC_NONE;
    CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE loc_precision = 'none'"
                              " AND geom IS NULL") == 1);
}

/* The time rule and the class filter, the same through every query: count,
 * result set, one at a time, points and stats. */
static int64_t count(fm_store *st, const fm_filter *f)
{
    int64_t n = -1, m = 0;
    fm_results *r = NULL;
    fm_points *p = NULL;
    CHECK(fm_store_count(ctx, st, f, &n) == FM_OK);
    CHECK(fm_store_query(ctx, st, f, &r) == FM_OK);
    CHECK(fm_store_query_points(ctx, st, f, 0, &p) == FM_OK);
    m = r ? (int64_t)r->n : -2;
    CHECK(m == n && p && (int64_t)p->n == n);
    fm_results_destroy(r);
    fm_points_destroy(p);
    return n;
}

static void test_time_rule(void)
{
    char csv[512], db[512];
    fm_store *st = NULL;
    fm_import_stats s;
    fm_filter f;
    fm_stat_row *rows = NULL;
    size_t n = 0;
    write_file(tmp_path("time.csv", csv, sizeof csv),
               "source_id,date,date_end,type,lat,lon,geo_precision,loc_precision,killed,location\n"
               "a,2009-03-05,2009-03-05,Battles,34.0,71.5,1,,10,A\n"
               "b,2009-03-30,2009-04-02,Battles,34.1,71.6,2,,5,B\n"
               "c,2009-01-01,2009-12-31,Battles,30.0,70.0,,country,100,Pakistan\n"
               "d,2009-03-10,2009-03-10,Battles,,,,none,7,Border posts (unspecified)\n"
               "e,2009-02-01,2009-03-15,Battles,33.0,70.0,3,,3,E\n");
    CHECK(fm_store_open(ctx, tmp_path("time.gpkg", db, sizeof db), FM_STORE_WRITE, &st) ==
          FM_OK);
    CHECK(import1(st, csv, &s) == FM_OK && s.added == 5 && s.unlocated == 1);
    fm_filter_init(&f);
    f.since = fm_day_from_ymd(2009, 3, 1), f.until = fm_day_from_ymd(2009, 3, 31);
    CHECK(count(st, &f) == 3); /* a, b (starts in March), d; not e (starts in February) */
    f.spans = FM_SPANS_LONGER;
    CHECK(count(st, &f) == 0);
    f.spans = FM_SPANS_FIT;
    f.loc_mask = FM_LOC_SPATIAL;
    CHECK(count(st, &f) == 2);
    f.loc_mask = FM_LOC_BIT(FM_LOC_EXACT);
    CHECK(count(st, &f) == 1);
    f.loc_mask = 0;
    f.since = fm_day_from_ymd(2009, 2, 1), f.until = fm_day_from_ymd(2009, 2, 28);
    CHECK(count(st, &f) == 0); /* e lasts 43 days: longer than February */
    f.spans = FM_SPANS_LONGER;
    CHECK(count(st, &f) == 1);
    f.spans = FM_SPANS_ALL;
    CHECK(count(st, &f) == 1);
    f.spans = FM_SPANS_FIT;
    f.since = fm_day_from_ymd(2009, 1, 1), f.until = fm_day_from_ymd(2009, 12, 31);
    CHECK(count(st, &f) == 5);
    f.has_near = 1, f.lon = 70.0, f.lat = 30.0, f.radius_m = 3000;
    CHECK(count(st, &f) == 1); /* c, at its nominal point */
    f.loc_mask = FM_LOC_SPATIAL;
    CHECK(count(st, &f) == 0);
    f.loc_mask = FM_LOC_BIT(FM_LOC_COUNTRY); /* through incidents_coarse */
    CHECK(count(st, &f) == 1);
    f.has_near = 0;
    f.loc_mask = FM_LOC_BIT(FM_LOC_NONE);
    CHECK(count(st, &f) == 1);
    f.loc_mask = FM_LOC_COARSE;
    CHECK(count(st, &f) == 2);
    f.has_near = 1;
    /* stats by month over the year: months and the row counted apart add up */
    fm_filter_init(&f);
    f.since = fm_day_from_ymd(2009, 1, 1), f.until = fm_day_from_ymd(2009, 12, 31);
    CHECK(fm_store_stats(ctx, st, &f, FM_GROUP_MONTH, &rows, &n) == FM_OK);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(rows[0].key, "2009-03");
        CHECK(rows[0].incidents == 3 && rows[0].fatalities == 22);
        CHECK_STR(rows[1].key, FM_STATS_LONGER_MONTH);
        CHECK(rows[1].incidents == 2 && rows[1].fatalities == 103);
        CHECK(fm_stat_key_apart(rows[1].key) && !fm_stat_key_apart(rows[0].key));
    }
    fm_stat_rows_free(rows, n);
    /* by province over March: what is longer than the period has its own row */
    f.since = fm_day_from_ymd(2009, 3, 1), f.until = fm_day_from_ymd(2009, 3, 3);
    CHECK(fm_store_stats(ctx, st, &f, FM_GROUP_NONE, &rows, &n) == FM_OK);
    CHECK(n == 0);
    fm_stat_rows_free(rows, n);
    f.since = fm_day_from_ymd(2009, 3, 30), f.until = fm_day_from_ymd(2009, 3, 31);
    CHECK(fm_store_stats(ctx, st, &f, FM_GROUP_NONE, &rows, &n) == FM_OK);
    CHECK(n == 1 && !strcmp(rows[0].key, FM_STATS_LONGER_PERIOD) && rows[0].incidents == 1);
    fm_stat_rows_free(rows, n);
    fm_store_close(st);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_names);
    RUN(test_ged_classes);
    RUN(test_acled_classes);
    RUN(test_reports_unlocated);
    RUN(test_upgrade);
    RUN(test_add_unlocated);
    RUN(test_time_rule);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
