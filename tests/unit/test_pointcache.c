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
          "fatalities\n", f);
    for (long i = 0; i < ROWS; i++) {
        char fat[16] = "";
        if (i % 11)
            snprintf(fat, sizeof fat, "%ld", i % 9);
        fprintf(f, "%s%ld,2025-%02ld-%02ld,Battles,%s,Place %ld,%.4f,%.4f,%s\n",
                i % 3 ? "PAK" : "AFG", i, 1 + i % 12, 1 + i % 28,
                i % 3 ? "Pakistan" : "Afghanistan", i % 50, 31.0 + (double)(i % 3000) / 1000,
                69.0 + (double)(i % 2999) / 1000, fat);
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
    fm_filter f[7];
    for (int i = 0; i < 7; i++)
        fm_filter_init(&f[i]);
    f[1].since = fm_day_from_ymd(2025, 3, 1), f[1].until = fm_day_from_ymd(2025, 5, 31);
    f[2].min_fatalities = 5;
    f[3].near_border_m = 60000, f[3].side = "PK";
    f[4].has_bbox = 1, f[4].west = 69.5, f[4].south = 31.5, f[4].east = 70.5, f[4].north = 32.5;
    f[5].has_near = 1, f[5].lon = 70.0, f[5].lat = 32.0, f[5].radius_m = 40000;
    f[6].until = fm_day_from_ymd(2025, 1, 31), f[6].side = "AF", f[6].min_fatalities = 0;
    for (int i = 0; i < 7; i++) {
        fm_points *a = points(with, &f[i]), *b = points(without, &f[i]);
        CHECK(a && b && a->n > 0);
        if (!a || !b || !a->n)
            printf("filter %d: %zu and %zu points\n", i, a ? a->n : 0, b ? b->n : 0);
        CHECK(same_points(a, b));
        fm_points_destroy(a);
        fm_points_destroy(b);
    }
}

static void test_copy_matches_table(void)
{
    char csv[512], db[512], plain[512], cmd[1200];
    fm_basemap *bm = NULL;
    snprintf(csv, sizeof csv, "%s/pc.csv", fm_test_tmpdir());
    snprintf(db, sizeof db, "%s/pc.gpkg", fm_test_tmpdir());
    snprintf(plain, sizeof plain, "%s/pc_plain.gpkg", fm_test_tmpdir());
    fm_store_remove_files(db);
    fm_store_remove_files(plain);
    write_csv(csv);
    {
        fm_store *st;
        fm_import_stats s;
        const char *paths[1] = {csv};
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
        fm_import_opts o;
        memset(&o, 0, sizeof o);
        CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK); /* border distances */
        o.bm = bm;
        CHECK(fm_store_import(ctx, st, paths, 1, &o, &s) == FM_OK);
        CHECK(s.added == ROWS);
        fm_store_close(st);
    }
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
        fm_incident_init(&inc);
        inc.source = "manual", inc.source_id = "extra-1", inc.event_type = "Battles";
        inc.date_start = inc.date_end = fm_day_from_ymd(2025, 6, 1);
        inc.lon = 70.1, inc.lat = 32.1, inc.fatalities = 2, inc.country = "Pakistan";
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

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_copy_matches_table);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
