/* test_pointcache.c: the packed points of a big store (data/pointcache.c)
 * give exactly what reading the table gives, under every filter they answer;
 * a write by another program empties them (and the table answers again); an
 * import rebuilds them. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/fm_data.h"
#include "data/store_priv.h"
#include "geo/fm_geo.h"
#include "fm_test.h"

#define ROWS 60000 /* over the 50,000 rows that get a packed copy */

static fm_ctx *ctx;

/* The GeoPackage functions the R*Tree triggers call, as GDAL and QGIS
 * provide them (here for points only: the box is the point). */
static void st_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
    double lon, lat;
    const char *name = sqlite3_user_data(c);
    (void)argc;
    if (!fm_blob_point(sqlite3_value_blob(argv[0]), sqlite3_value_bytes(argv[0]), &lon,
                              &lat)) {
        sqlite3_result_null(c);
        return;
    }
    if (!strcmp(name, "ST_IsEmpty"))
        sqlite3_result_int(c, 0);
    else
        sqlite3_result_double(c, strstr(name, "X") ? lon : lat);
}

/* Runs sql as another program would (a connection with GeoPackage functions). */
static int sql_exec(const char *path, const char *sql)
{
    static const char *const fns[] = {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"};
    sqlite3 *db;
    int ok = sqlite3_open(path, &db) == SQLITE_OK;
    for (size_t i = 0; ok && i < 5; i++)
        ok = sqlite3_create_function(db, fns[i], 1, SQLITE_UTF8, (void *)fns[i], st_fn, NULL,
                                     NULL) == SQLITE_OK;
    ok = ok && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

static void write_csv(const char *path)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("event_id_cnty,event_date,event_type,country,location,latitude,longitude,"
          "fatalities,geo_precision\n", f);
    for (long i = 0; i < ROWS; i++) {
        char fat[16] = "";
        if (i % 11)
            snprintf(fat, sizeof fat, "%ld", i % 9);
        fprintf(f, "%s%ld,2025-%02ld-%02ld,Battles,%s,Place %ld,%.4f,%.4f,%s,%ld\n",
                i % 3 ? "PAK" : "AFG", i, 1 + i % 12, 1 + i % 28,
                i % 3 ? "Pakistan" : "Afghanistan", i % 50, 31.0 + (double)(i % 3000) / 1000,
                69.0 + (double)(i % 2999) / 1000, fat, 1 + i % 7 % 3);
    }
    fclose(f);
}

/* The points of f from store db, with the packed copy or without it. */
static fm_points *points(const char *db, const fm_filter *f)
{
    fm_store *st;
    fm_points *p = NULL;
    if (fm_store_open(ctx, db, FM_STORE_READ, &st) != FM_OK)
        return NULL;
    CHECK(fm_store_query_points(ctx, st, f, FM_POINTS_PRECISION, &p) == FM_OK);
    fm_store_close(st);
    return p;
}

/* Same points (as a multiset: the two paths may read in another order). */
static int same_points(const fm_points *a, const fm_points *b)
{
    double sa[4] = {0}, sb[4] = {0};
    if (!a || !b || a->n != b->n || a->nsources != b->nsources)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        sa[0] += a->lonlat[2 * i], sa[1] += a->lonlat[2 * i + 1];
        sa[2] += a->fatalities[i], sa[3] += a->geo_precision[i];
        sb[0] += b->lonlat[2 * i], sb[1] += b->lonlat[2 * i + 1];
        sb[2] += b->fatalities[i], sb[3] += b->geo_precision[i];
    }
    return fabs(sa[0] - sb[0]) < 1e-6 && fabs(sa[1] - sb[1]) < 1e-6 && sa[2] == sb[2] &&
           sa[3] == sb[3];
}

/* How many points of store db have at least min fatalities. */
static size_t count_at_least(const char *db, int min)
{
    fm_filter f;
    fm_points *p;
    size_t n;
    fm_filter_init(&f);
    f.min_fatalities = min;
    p = points(db, &f);
    n = p ? p->n : (size_t)-1;
    fm_points_destroy(p);
    return n;
}

static void compare_paths(const char *with, const char *without)
{
    fm_filter f[9];
    for (int i = 0; i < 9; i++)
        fm_filter_init(&f[i]);
    /* location classes (ACLED 1-3: exact, near, province), alone and with dates */
    f[7].loc_mask = FM_LOC_BIT(FM_LOC_EXACT) | FM_LOC_BIT(FM_LOC_PROVINCE);
    f[8].loc_mask = FM_LOC_BIT(FM_LOC_NEAR), f[8].since = fm_day_from_ymd(2025, 2, 1);
    f[8].until = fm_day_from_ymd(2025, 2, 28);
    f[1].since = fm_day_from_ymd(2025, 3, 1), f[1].until = fm_day_from_ymd(2025, 5, 31);
    f[2].min_fatalities = 5;
    f[3].near_border_m = 60000, f[3].side = "PK";
    f[4].has_bbox = 1, f[4].west = 69.5, f[4].south = 31.5, f[4].east = 70.5, f[4].north = 32.5;
    f[5].has_near = 1, f[5].lon = 70.0, f[5].lat = 32.0, f[5].radius_m = 40000;
    f[6].until = fm_day_from_ymd(2025, 1, 31), f[6].side = "AF", f[6].min_fatalities = 0;
    for (int i = 0; i < 9; i++) {
        fm_points *a = points(with, &f[i]), *b = points(without, &f[i]);
        CHECK(a && b && a->n > 0);
        if (!a || !b || !a->n)
            printf("filter %d: %zu and %zu points\n", i, a ? a->n : 0, b ? b->n : 0);
        CHECK(same_points(a, b));
        fm_points_destroy(a);
        fm_points_destroy(b);
    }
}

/* name in the test's temporary directory, removed with its companions. */
static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", fm_test_tmpdir(), name);
    fm_store_remove_files(buf);
    return buf;
}

static fm_status import_file(const char *db, const char *csv, fm_basemap *bm)
{
    fm_store *st;
    fm_import_stats s;
    fm_import_opts o;
    const char *paths[1] = {csv};
    fm_status err;
    memset(&o, 0, sizeof o);
    o.bm = bm;
    if ((err = fm_store_open(ctx, db, FM_STORE_WRITE, &st)))
        return err;
    err = fm_store_import(ctx, st, paths, 1, &o, &s);
    fm_store_close(st);
    return err;
}

/* A hand-entered incident of source "manual". */
static void manual_incident(fm_incident *inc, const char *id, fm_day day, double lon, double lat,
                            int fatalities)
{
    fm_incident_init(inc);
    inc->source = "manual", inc->source_id = id, inc->event_type = "Battles";
    inc->date_start = inc->date_end = day;
    inc->lon = lon, inc->lat = lat, inc->fatalities = fatalities, inc->country = "Pakistan";
}

static void test_copy_matches_table(void)
{
    char csv[512], db[512], plain[512], cmd[1200];
    fm_basemap *bm = NULL;
    tmp_path("pc.csv", csv, sizeof csv);
    tmp_path("pc.gpkg", db, sizeof db);
    tmp_path("pc_plain.gpkg", plain, sizeof plain);
    write_csv(csv);
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK); /* border distances */
    CHECK(import_file(db, csv, bm) == FM_OK);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT sum(length(data)) FROM frontiermap_points") == ROWS * 48);
    /* the same store without its copy reads the table */
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, plain);
    CHECK(system(cmd) == 0);
    CHECK(sql_exec(plain, "DELETE FROM frontiermap_points"));
    compare_paths(db, plain);

    /* another program writes: the copy empties itself, the answer follows */
    CHECK(sql_exec(db, "UPDATE incidents SET fatalities = 1000 WHERE source_id = 'PAK1'"));
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_points") == 0);
    CHECK(count_at_least(db, 1000) == 1);
    /* the next import that changes something packs them again */
    {
        fm_store *st;
        fm_incident inc;
        manual_incident(&inc, "extra-1", fm_day_from_ymd(2025, 6, 1), 70.1, 32.1, 2);
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
        CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK);
        fm_store_close(st);
    }
    CHECK(fm_test_sql_int(db, "SELECT sum(length(data)) FROM frontiermap_points") ==
          (ROWS + 1) * 48);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_points_sources") == 2);
    /* that copy was read back from the table (the first was packed as rows went in) */
    fm_store_remove_files(plain);
    CHECK(system(cmd) == 0);
    CHECK(sql_exec(plain, "DELETE FROM frontiermap_points"));
    compare_paths(db, plain);
    CHECK(count_at_least(db, 1000) == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE"
                              " integrity_check = 'ok'") == 1);
    fm_basemap_close(bm);
}

/* Counts the commits that patched the copy (the writer's debug log). */
static int patched;
static void count_patched(void *user, fm_log_level level, const char *msg)
{
    (void)user, (void)level;
    patched += strstr(msg, "store: points patched") != NULL;
}

/* Small writes patch the copy (pointcache_patch.c) instead of rebuilding it:
 * the patched copy must be byte for byte the one a rebuild makes, failed
 * writes must leave it and its triggers as they were, and other programs'
 * writes must still empty it afterwards. */
static void test_patched_copy_is_rebuilt_copy(void)
{
    char csv[512], db[512], rebuilt[512], cmd[1200], sql[1400];
    fm_basemap *bm = NULL;
    FILE *f;
    tmp_path("pcp.csv", csv, sizeof csv);
    tmp_path("pcp.gpkg", db, sizeof db);
    tmp_path("pcp_rebuilt.gpkg", rebuilt, sizeof rebuilt);
    write_csv(csv);
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK);
    CHECK(import_file(db, csv, bm) == FM_OK);
    fm_ctx_set_logger(ctx, count_patched, NULL);
    fm_ctx_set_log_level(ctx, FM_LOG_DEBUG);
    /* a week's export: updates across the copy and 6,000 new rows, which
     * fill the first chunk (65,536 points) and open a second */
    f = fopen(csv, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("event_id_cnty,event_date,event_type,country,location,latitude,longitude,"
          "fatalities\n", f);
    for (long i = 0; i < 6000; i++)
        fprintf(f, "PAK%ld,2025-07-%02ld,Battles,Pakistan,Place %ld,%.4f,%.4f,%ld\n",
                100000 + i, 1 + i % 28, i % 50, 32.5 + (double)(i % 500) / 1000, 70.0, i % 4);
    for (long i = 1; i < ROWS; i += 997) /* updated: new figures and places */
        fprintf(f, "%s%ld,2025-%02ld-%02ld,Battles,%s,Place %ld,%.4f,%.4f,%ld\n",
                i % 3 ? "PAK" : "AFG", i, 1 + i % 12, 1 + i % 28,
                i % 3 ? "Pakistan" : "Afghanistan", i % 50, 31.5, 69.5, 40 + i % 9);
    fclose(f);
    CHECK(import_file(db, csv, bm) == FM_OK);
    {
        fm_store *st;
        fm_incident inc;
        manual_incident(&inc, "by-hand", fm_day_from_ymd(2025, 8, 1), 70.2, 32.2, 7);
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
        CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK); /* a new source */
        inc.fatalities = 8; /* and the same row again: an update of the newest */
        CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK);
        fm_store_close(st);
    }
    CHECK(patched == 3); /* the import and both adds patched, none rebuilt */
    fm_ctx_set_logger(ctx, NULL, NULL);
    fm_ctx_set_log_level(ctx, FM_LOG_WARN);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_points") == 2);
    CHECK(fm_test_sql_int(db, "SELECT sum(length(data)) FROM frontiermap_points") ==
          (ROWS + 6001) * 48);
    /* a failing import changes nothing and keeps the triggers */
    f = fopen(csv, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("event_id_cnty,event_date,event_type,country,location,latitude,longitude\n"
          "PAK7,2025-07-01,Battles,Pakistan,x,32.0,70.0\n"
          "PAK8,not a date,Battles,Pakistan,x,32.0,70.0\n", f);
    fclose(f);
    CHECK(import_file(db, csv, bm) == FM_EINVAL);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND"
                              " name LIKE 'frontiermap_points_%'") == 3);
    /* byte for byte what a rebuild from the table gives */
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, rebuilt);
    CHECK(system(cmd) == 0);
    {
        sqlite3 *h;
        CHECK(sqlite3_open(rebuilt, &h) == SQLITE_OK);
        CHECK(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK);
        CHECK(fm_pointcache_rebuild(ctx, h, ROWS + 6001) == FM_OK);
        CHECK(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
        sqlite3_close(h);
    }
    snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM frontiermap_points a JOIN"
             " r.frontiermap_points b USING (chunk) WHERE a.data = b.data) * 10 +"
             " (SELECT count(*) FROM frontiermap_points_sources a JOIN"
             " r.frontiermap_points_sources b USING (idx) WHERE a.source = b.source)");
    {
        sqlite3 *h;
        sqlite3_stmt *s;
        char att[700];
        CHECK(sqlite3_open(db, &h) == SQLITE_OK);
        snprintf(att, sizeof att, "ATTACH '%s' AS r", rebuilt);
        CHECK(sqlite3_exec(h, att, NULL, NULL, NULL) == SQLITE_OK);
        CHECK(sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK);
        CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 2 * 10 + 2);
        sqlite3_finalize(s);
        sqlite3_close(h);
    }
    /* and another program's write still empties it */
    CHECK(sql_exec(db, "UPDATE incidents SET fatalities = 1000 WHERE source_id = 'PAK1'"));
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_points") == 0);
    fm_basemap_close(bm);
}

/* The years of f's incidents from their count by year (what
 * fm_store_years must give without counting). */
static void years_counted(fm_store *st, const fm_filter *f, int *first, int *last)
{
    fm_stat_row *rows = NULL;
    size_t n = 0;
    *first = *last = 0;
    CHECK(fm_store_stats(ctx, st, f, FM_GROUP_YEAR, &rows, &n) == FM_OK);
    for (size_t i = 0; i < n; i++) {
        int y = fm_stat_key_apart(rows[i].key) ? 0 : atoi(rows[i].key);
        if (y > 0) {
            *first = *first && *first < y ? *first : y;
            *last = *last > y ? *last : y;
        }
    }
    fm_stat_rows_free(rows, n);
}

/* fm_store_years walks the date index of a store with a packed copy (and
 * counts without one): the same years as the count, under every filter,
 * incidents longer than their year at both ends of the index left out. */
static void test_years_match_count(void)
{
    char csv[512], db[512], plain[512], cmd[1200];
    fm_filter f[11];
    FILE *out;
    tmp_path("yr.csv", csv, sizeof csv);
    tmp_path("yr.gpkg", db, sizeof db);
    tmp_path("yr_plain.gpkg", plain, sizeof plain);
    out = fopen(csv, "w");
    CHECK(out != NULL);
    if (!out)
        return;
    fputs("event_id_cnty,event_date,event_type,country,location,latitude,longitude,"
          "fatalities\n", out);
    for (long i = 0; i < ROWS; i++) /* 2003 to 2022, 2003 and 2022 only far from the border */
        fprintf(out, "PAK%ld,%ld-%02ld-%02ld,%s,Pakistan,Place %ld,%.4f,%.4f,%ld\n", i,
                2003 + i % 20, 1 + i % 12, 1 + i % 28, i % 5 ? "Battles" : "Riots", i % 50,
                i % 20 == 0 || i % 20 == 19 ? 27.0 : 31.0 + (double)(i % 3000) / 1000,
                i % 20 == 0 || i % 20 == 19 ? 67.0 : 69.0 + (double)(i % 2999) / 1000, i % 9);
    fclose(out);
    CHECK(import_file(db, csv, NULL) == FM_OK);
    {
        static const struct {
            const char *id;
            int y0, m0, d0, y1, m1, d1;
            double lon, lat;
        } extra[] = {{"long-first", 1999, 2, 1, 2000, 12, 31, 70.0, 32.0},
                     {"short-first", 2001, 5, 1, 2001, 5, 1, 75.0, 36.0},
                     {"long-last", 2030, 6, 1, 2031, 7, 1, 70.0, 32.0},
                     {"year-last", 2025, 1, 1, 2025, 12, 31, 70.5, 32.5}};
        fm_store *st;
        fm_incident inc;
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
        for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
            manual_incident(&inc, extra[i].id, fm_day_from_ymd(extra[i].y0, extra[i].m0,
                                                               extra[i].d0),
                            extra[i].lon, extra[i].lat, 3);
            inc.date_end = fm_day_from_ymd(extra[i].y1, extra[i].m1, extra[i].d1);
            CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK);
        }
        fm_store_close(st);
    }
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_points") > 0);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", db, plain);
    CHECK(system(cmd) == 0);
    CHECK(sql_exec(plain, "DELETE FROM frontiermap_points"));
    for (int i = 0; i < 11; i++)
        fm_filter_init(&f[i]);
    f[1].loc_mask = FM_LOC_SPATIAL;
    f[2].since = fm_day_from_ymd(2005, 1, 1);
    f[3].until = fm_day_from_ymd(2010, 6, 30);
    f[4].has_bbox = 1, f[4].west = 68.5, f[4].south = 30.5, f[4].east = 72.5, f[4].north = 34.5;
    f[5].has_near = 1, f[5].lon = 70.0, f[5].lat = 32.0, f[5].radius_m = 40000;
    f[6].type = "riots";
    f[7].type = "no such type"; /* walks the whole index: the count answers */
    f[8].min_fatalities = 8;
    f[9].near_border_m = 300000;
    f[10].since = fm_day_from_ymd(2004, 1, 1), f[10].until = fm_day_from_ymd(2011, 12, 31);
    for (int i = 0; i < 11; i++) {
        for (int k = 0; k < 2; k++) {
            fm_store *st;
            int want[2], got[2], part[2];
            if (fm_store_open(ctx, k ? plain : db, FM_STORE_READ, &st) != FM_OK) {
                CHECK(0);
                continue;
            }
            years_counted(st, &f[i], &want[0], &want[1]);
            CHECK(fm_store_years(ctx, st, &f[i], FM_YEARS_FIRST | FM_YEARS_LAST, &got[0],
                                 &got[1]) == FM_OK);
            if (got[0] != want[0] || got[1] != want[1])
                printf("filter %d%s: years %d-%d, counted %d-%d\n", i, k ? " (no copy)" : "",
                       got[0], got[1], want[0], want[1]);
            CHECK(got[0] == want[0] && got[1] == want[1]);
            CHECK(fm_store_years(ctx, st, &f[i], FM_YEARS_LAST, &part[0], &part[1]) == FM_OK);
            CHECK(part[0] == 0 && part[1] == want[1]);
            fm_store_close(st);
        }
    }
    { /* the ends this store was made to have */
        fm_store *st;
        int y0 = 0, y1 = 0;
        CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
        CHECK(fm_store_years(ctx, st, &f[0], FM_YEARS_FIRST | FM_YEARS_LAST, &y0, &y1) ==
              FM_OK);
        CHECK(y0 == 2001 && y1 == 2025);
        CHECK(fm_store_years(ctx, st, &f[4], FM_YEARS_FIRST | FM_YEARS_LAST, &y0, &y1) ==
              FM_OK);
        CHECK(y0 == 2004 && y1 == 2025);
        fm_store_close(st);
    }
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_copy_matches_table);
    RUN(test_patched_copy_is_rebuilt_copy);
    RUN(test_years_match_count);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
