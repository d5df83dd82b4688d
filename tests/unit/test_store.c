/* test_store.c: the GeoPackage store: schema, ACLED/GED/CSV import, upsert
 * counts, all-or-nothing failures, --skip-bad rejects, queries against a
 * brute-force geodesic count, the built-in incidents, locking messages. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data/fm_data.h"
#include "fm_test.h"

static fm_ctx *ctx;
static char fx[1024];

static const char *fixture(const char *name)
{
    snprintf(fx, sizeof fx, "%s/cli/fixtures/%s", fm_test_srcdir(), name);
    return fx;
}

static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", fm_test_tmpdir(), name);
    fm_store_remove_files(buf);
    return buf;
}

static fm_status import1(fm_store *st, const char *file, int skip_bad, fm_import_stats *stats)
{
    fm_import_opts o;
    const char *paths[1] = {file};
    memset(&o, 0, sizeof o);
    o.skip_bad = skip_bad;
    return fm_store_import(ctx, st, paths, 1, &o, stats);
}

static void test_schema_and_acled_layouts(void)
{
    char db[512];
    fm_store *st;
    fm_import_stats s;
    tmp_path("layouts.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, fixture("acled_current.csv"), 0, &s) == FM_OK);
    CHECK(s.added == 20 && s.rows == 20);
    CHECK(import1(st, fixture("acled_current.csv"), 0, &s) == FM_OK);
    CHECK(s.unchanged == 20 && s.added == 0);
    CHECK(import1(st, fixture("acled_upper.csv"), 0, &s) == FM_OK);
    CHECK(s.unchanged == 20);
    CHECK(import1(st, fixture("acled_old.csv"), 0, &s) == FM_OK);
    CHECK(s.unchanged == 20); /* same events, ISO dates, text inter1 */
    /* fewer columns, same values: unchanged, and what it lacks is kept */
    CHECK(import1(st, fixture("acled_subset.csv"), 0, &s) == FM_OK);
    CHECK(s.unchanged == 20 && s.updated == 0);
    {
        /* fewer columns, a newer figure: updated, and still nothing blanked */
        char sub[512];
        FILE *f = fopen(tmp_path("subset_newer.csv", sub, sizeof sub), "w");
        CHECK(f != NULL);
        if (f) {
            fputs("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities\n"
                  "PAK1,20 March 2025,Battles,Wana,32.4659,69.6547,4\n", f);
            fclose(f);
        }
        CHECK(import1(st, sub, 0, &s) == FM_OK);
        CHECK(s.updated == 1);
        /* no coordinates at all: the place is geocoded, but the stored point stays */
        f = fopen(sub, "w");
        CHECK(f != NULL);
        if (f) {
            fputs("event_id_cnty,event_date,event_type,location,fatalities\n"
                  "PAK1,20 March 2025,Battles,Wana,4\n", f);
            fclose(f);
        }
        CHECK(import1(st, sub, 0, &s) == FM_OK);
        CHECK(s.unchanged == 1);
    }
    CHECK(import1(st, fixture("ged_hdx.csv"), 0, &s) == FM_OK);
    CHECK(s.added == 30);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "PRAGMA application_id") == 0x47504B47);
    CHECK(fm_test_sql_int(db, "PRAGMA user_version") == 10200);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == 50);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM rtree_incidents_geom") == 50);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM gpkg_extensions WHERE extension_name ="
                      " 'gpkg_rtree_index'") == 1);
    CHECK(fm_test_sql_int(db, "SELECT CAST(value AS INTEGER) FROM frontiermap_meta"
                      " WHERE key = 'schema_version'") == 3);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source = 'ged' AND event_type ="
                      " 'Violence against civilians' AND civilian_targeting = 0") == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source = 'ged' AND"
                      " geo_precision_src IS NULL") == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = 'PAK1' AND"
                      " fatalities = 4 AND lat = 32.4659 AND sub_event_type = 'Armed clash'"
                      " AND actor1 LIKE"
                      " 'Military Forces%' AND notes LIKE 'On 2025-03-20%' AND country ="
                      " 'Pakistan' AND geo_precision = 1") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source = 'acled' AND"
                      " (sub_event_type IS NULL OR notes IS NULL OR actor1 IS NULL)") == 0);
}

static void test_failure_leaves_store_unchanged(void)
{
    char db[512], rej[600];
    fm_store *st;
    fm_import_stats s;
    tmp_path("atomic.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, fixture("acled_current.csv"), 0, &s) == FM_OK);
    CHECK(import1(st, fixture("bad_mixed.csv"), 0, &s) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "bad_mixed.csv:4: invalid date '2025-02-30'") != NULL);
    CHECK(import1(st, fixture("bad_dup.csv"), 0, &s) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "bad_dup.csv:4: duplicate source id 'PAK1'") != NULL);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == 20);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check"
                              " WHERE integrity_check = 'ok'") == 1);

    /* skip-bad: the good rows go in, the bad one to the rejects file */
    snprintf(rej, sizeof rej, "%s/rejects.csv", fm_test_tmpdir());
    unlink(rej);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    {
        fm_import_opts o;
        const char *paths[1] = {fixture("bad_mixed.csv")};
        memset(&o, 0, sizeof o);
        o.skip_bad = 1;
        o.rejects_path = rej;
        CHECK(fm_store_import(ctx, st, paths, 1, &o, &s) == FM_OK);
        CHECK(s.added + s.updated == 3 && s.rejected == 1);
    }
    fm_store_close(st);
    CHECK(access(rej, R_OK) == 0);
    {
        char buf[512] = "";
        FILE *f = fopen(rej, "r");
        size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        buf[n] = '\0';
        if (f)
            fclose(f);
        CHECK(strstr(buf, "line,reason") != NULL);
        CHECK(strstr(buf, "PAK3,2025-02-30,") != NULL);
        CHECK(strstr(buf, ",4,") != NULL);
    }
}

static void test_validation_messages(void)
{
    static const struct { const char *file, *want; } cases[] = {
        {"bad_ambiguous.csv", ":3: ambiguous date '31/12/24'"},
        {"bad_nan.csv", ":2: latitude 'NaN' is not a number"},
        {"bad_range.csv", ":2: latitude 134.1 is out of range"},
        {"bad_fatal.csv", ":2: negative count"},
        {"bad_nodate.csv", "no date column"},
        {"empty.csv", "is empty"}};
    char db[512];
    fm_store *st;
    fm_import_stats s;
    tmp_path("valid.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(import1(st, fixture(cases[i].file), 0, &s) != FM_OK);
        if (!strstr(fm_ctx_message(ctx), cases[i].want))
            fprintf(stderr, "%s: got '%s'\n", cases[i].file, fm_ctx_message(ctx));
        CHECK(strstr(fm_ctx_message(ctx), cases[i].want) != NULL);
    }
    fm_store_close(st);
    CHECK(access(db, F_OK) != 0); /* never committed: never published */
}

/* A new store whose first import fails is not left behind. */
static void test_new_store_removed_on_failure(void)
{
    char db[512];
    fm_store *st;
    fm_import_stats s;
    tmp_path("never.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(fm_store_created(st));
    CHECK(import1(st, fixture("bad_date.csv"), 0, &s) != FM_OK);
    fm_store_close(st);
    CHECK(access(db, F_OK) != 0);
}

static void test_read_only_and_locked(void)
{
    char db[512];
    fm_store *st, *st2;
    fm_import_stats s;
    sqlite3 *other;
    tmp_path("ro.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_ENOTFOUND);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, fixture("acled_current.csv"), 0, &s) == FM_OK);
    fm_store_close(st);
    /* another writer holds the lock: a clear message after the busy timeout */
    CHECK(sqlite3_open(db, &other) == SQLITE_OK);
    CHECK(sqlite3_exec(other, "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE", 0, 0, 0) == SQLITE_OK);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st2) == FM_OK);
    CHECK(import1(st2, fixture("ged_hdx.csv"), 0, &s) == FM_EBUSY);
    CHECK(strstr(fm_ctx_message(ctx), "is locked by another import; try again") != NULL);
    /* readers are not blocked by the writer */
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    {
        fm_filter f;
        int64_t n = -1;
        fm_filter_init(&f);
        CHECK(fm_store_count(ctx, st, &f, &n) == FM_OK && n == 20);
    }
    fm_store_close(st);
    fm_store_close(st2);
    sqlite3_exec(other, "ROLLBACK", 0, 0, 0);
    sqlite3_close(other);
    if (geteuid() != 0) { /* root ignores file modes */
        chmod(db, 0444);
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_EIO);
        CHECK(strstr(fm_ctx_message(ctx), "read-only") != NULL);
        chmod(db, 0644);
    }
    CHECK(fm_store_open(ctx, "/nonexistent-dir/x.gpkg", FM_STORE_WRITE, &st) == FM_EIO);
    CHECK(fm_store_open(ctx, fixture("acled_current.csv"), FM_STORE_READ, &st) == FM_EFORMAT);
}

/* The radius query against every row's exact distance. */
static void test_near_matches_brute_force(void)
{
    char db[512], csv[512];
    fm_store *st;
    fm_results *all = NULL, *r = NULL;
    fm_filter f;
    fm_import_stats s;
    int64_t n = -1;
    size_t i, want = 0;
    FILE *out;
    tmp_path("near.gpkg", db, sizeof db);
    snprintf(csv, sizeof csv, "%s/near.csv", fm_test_tmpdir());
    out = fopen(csv, "w");
    fprintf(out, "id,date,lat,lon,type\n");
    srand(7);
    for (i = 0; i < 3000; i++) /* points scattered 0-60 km around Torkham */
        fprintf(out, "p%zu,2025-10-%02zu,%.6f,%.6f,Battles\n", i, 1 + i % 28,
                34.1 + (rand() / (double)RAND_MAX - 0.5) * 1.1,
                71.09 + (rand() / (double)RAND_MAX - 0.5) * 1.3);
    fclose(out);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, csv, 0, &s) == FM_OK && s.added == 3000);
    fm_filter_init(&f);
    CHECK(fm_store_query(ctx, st, &f, &all) == FM_OK && all && all->n == 3000);
    f.has_near = 1;
    f.lon = 71.09;
    f.lat = 34.1;
    f.radius_m = 25000;
    for (i = 0; all && i < all->n; i++)
        want += fm_geod_inverse(f.lon, f.lat, all->items[i].lon, all->items[i].lat, NULL) <= 25000;
    CHECK(fm_store_count(ctx, st, &f, &n) == FM_OK);
    CHECK(n == (int64_t)want);
    CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK && r && r->n == want);
    for (i = 1; r && i < r->n; i++)
        CHECK(r->dist_m[i - 1] <= r->dist_m[i]);
    if (r && r->n)
        CHECK(r->bearing_deg[0] >= 0 && r->bearing_deg[0] < 360);
    /* with another filter the count takes the SQL path and still agrees */
    f.since = fm_day_from_ymd(2025, 10, 15);
    fm_results_destroy(r);
    CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK);
    CHECK(fm_store_count(ctx, st, &f, &n) == FM_OK && r && n == (int64_t)r->n);
    fm_results_destroy(r);
    fm_results_destroy(all);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check ="
                      " 'ok'") == 1);
}

/* Points a few centimetres to tens of metres either side of the circle's
 * edge, where the R*Tree's float boxes cannot decide alone, at radii the
 * cheap distance is trusted for and beyond, and across the antimeridian:
 * the count (read from the R*Tree's nodes) and the row query agree with
 * the exact distance of every stored point. */
static void test_near_edge_exact(void)
{
    static const double deltas[] = {-30, -3, -1, -0.4, -0.05, 0.05, 0.4, 1, 3, 30};
    static const struct { double lon, lat, r; } circles[] = {
        {71.09, 34.1, 25000}, {71.09, 34.1, 1500}, {69.2, 33.3, 250000}, {179.99, 0.5, 5000}};
    char db[512], csv[512];
    size_t c, i, k, id = 0;
    for (c = 0; c < sizeof circles / sizeof circles[0]; c++) {
        fm_store *st;
        fm_results *all = NULL, *r = NULL;
        fm_filter f;
        fm_import_stats s;
        int64_t n = -1;
        size_t want = 0;
        FILE *out;
        char name[32];
        snprintf(name, sizeof name, "edge%zu.gpkg", c);
        tmp_path(name, db, sizeof db);
        snprintf(csv, sizeof csv, "%s/edge%zu.csv", fm_test_tmpdir(), c);
        out = fopen(csv, "w");
        fprintf(out, "id,date,lat,lon,type\n");
        for (i = 0; i < 360; i += 7)
            for (k = 0; k < sizeof deltas / sizeof deltas[0]; k++) {
                double lon, lat;
                fm_geod_direct(circles[c].lon, circles[c].lat, (double)i + 0.3 * (double)k,
                               circles[c].r + deltas[k], &lon, &lat);
                fprintf(out, "e%zu,2025-10-01,%.10f,%.10f,Battles\n", id++, lat,
                        lon > 180 ? lon - 360 : lon);
            }
        fclose(out);
        CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
        CHECK(import1(st, csv, 0, &s) == FM_OK && s.added > 500);
        fm_filter_init(&f);
        CHECK(fm_store_query(ctx, st, &f, &all) == FM_OK && all);
        f.has_near = 1;
        f.lon = circles[c].lon, f.lat = circles[c].lat, f.radius_m = circles[c].r;
        for (i = 0; all && i < all->n; i++)
            want += fm_geod_inverse(f.lon, f.lat, all->items[i].lon, all->items[i].lat, NULL) <=
                    f.radius_m;
        CHECK(want > 200 && want < 400);
        CHECK(fm_store_count(ctx, st, &f, &n) == FM_OK);
        CHECK(n == (int64_t)want);
        CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK && r && r->n == want);
        fm_results_destroy(r);
        fm_results_destroy(all);
        fm_store_close(st);
    }
}

/* A new store at db holding one hand-entered incident of source. */
static void store_with_one(const char *db, const char *source)
{
    fm_store *st = NULL;
    fm_incident inc;
    fm_incident_init(&inc);
    inc.source = source, inc.source_id = "one", inc.event_type = "Battles";
    inc.date_start = inc.date_end = fm_day_from_ymd(2025, 10, 12);
    inc.lon = 71.09, inc.lat = 34.1;
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(fm_store_add(ctx, st, &inc, NULL, NULL) == FM_OK);
    fm_store_close(st);
}

/* A damaged R*Tree node (a cell count beyond its blob, a missing child) is
 * reported as a damaged store by the place count, not read past its end. */
static void test_near_damaged_rtree(void)
{
    static const char *const damage[] = {
        "UPDATE rtree_incidents_geom_node SET data = X'0000FFFF' WHERE nodeno = 1",
        /* depth 1, one child (node 99, absent) boxed 70-72 E, 34-35 N */
        "UPDATE rtree_incidents_geom_node SET data = X'00010001' || X'0000000000000063' ||"
        " X'428C0000' || X'42900000' || X'42080000' || X'420C0000' WHERE nodeno = 1"};
    char db[512];
    size_t k;
    for (k = 0; k < sizeof damage / sizeof damage[0]; k++) {
        fm_store *st = NULL;
        fm_filter f;
        sqlite3 *h = NULL;
        int64_t n = -1;
        tmp_path(k ? "rtdmg1.gpkg" : "rtdmg0.gpkg", db, sizeof db);
        store_with_one(db, "acled");
        CHECK(sqlite3_open(db, &h) == SQLITE_OK &&
              sqlite3_exec(h, damage[k], NULL, NULL, NULL) == SQLITE_OK);
        sqlite3_close(h);
        CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
        fm_filter_init(&f);
        f.has_near = 1, f.lon = 71.09, f.lat = 34.1, f.radius_m = 25000;
        CHECK(st && fm_store_count(ctx, st, &f, &n) == FM_EDB);
        CHECK(strstr(fm_ctx_message(ctx), "spatial index") != NULL);
        fm_store_close(st);
    }
}

/* A store made before the border index was dropped loses it the first time
 * it is opened for writing; opening it to read leaves it be. */
static void test_old_border_index_dropped(void)
{
    char db[512];
    fm_store *st = NULL;
    sqlite3 *h;
    store_with_one(tmp_path("oldindex.gpkg", db, sizeof db), "manual");
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "CREATE INDEX incidents_border ON incidents(border_km)", NULL, NULL,
                       NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'incidents_border'")
          == 1);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'incidents_border'")
          == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'incidents_date'")
          == 1);
}

/* A store of schema 1 (before violence_type, dyad, deaths_civilians and the
 * places as written) gains the columns when opened, even for reading, and
 * its rows read as before. */
static void test_schema1_store_upgraded(void)
{
    static const char *const cols[] = {"violence_type", "dyad", "deaths_civilians",
                                       "admin1_src", "admin2_src"};
    char db[512], sql[128];
    fm_store *st = NULL;
    fm_results *r = NULL;
    fm_filter f;
    sqlite3 *h;
    store_with_one(tmp_path("schema1.gpkg", db, sizeof db), "manual");
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        snprintf(sql, sizeof sql, "ALTER TABLE incidents DROP COLUMN %s", cols[i]);
        CHECK(sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK);
    }
    CHECK(sqlite3_exec(h, "UPDATE frontiermap_meta SET value = '1' WHERE key = 'schema_version'",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_table_info('incidents')"
                              " WHERE name = 'dyad'") == 0);
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    fm_filter_init(&f);
    CHECK(st && fm_store_query(ctx, st, &f, &r) == FM_OK);
    CHECK(r && r->n == 1 && r->items[0].deaths_civilians == -1 && !r->items[0].dyad);
    fm_results_destroy(r);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_table_info('incidents') WHERE name IN"
                              " ('violence_type', 'dyad', 'deaths_civilians', 'admin1_src',"
                              " 'admin2_src')") == 5);
    CHECK(fm_test_sql_int(db, "SELECT CAST(value AS INTEGER) FROM frontiermap_meta"
                              " WHERE key = 'schema_version'") == 3);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == 1);
}

/* Each write records the day its sources were imported (the access date in
 * heatmap credits); older stores without the record answer from the rows. */
static void test_imported_on(void)
{
    char db[512], day[11], today[11];
    fm_store *st = NULL;
    time_t t = time(NULL);
    struct tm tmv;
    gmtime_r(&t, &tmv);
    strftime(today, sizeof today, "%Y-%m-%d", &tmv);
    store_with_one(tmp_path("imported.gpkg", db, sizeof db), "acled");
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    CHECK(fm_store_imported_on(ctx, st, "acled", day) == FM_OK && !strcmp(day, today));
    CHECK(fm_store_imported_on(ctx, st, "ged", day) == FM_OK && day[0] == '\0');
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM frontiermap_meta WHERE key = 'imported:acled'")
          == 1);
    {
        sqlite3 *h;
        CHECK(sqlite3_open(db, &h) == SQLITE_OK);
        CHECK(sqlite3_exec(h, "DELETE FROM frontiermap_meta WHERE key LIKE 'imported:%'", NULL,
                           NULL, NULL) == SQLITE_OK);
        sqlite3_close(h);
    }
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    CHECK(fm_store_imported_on(ctx, st, "acled", day) == FM_OK && !strcmp(day, today));
    CHECK(fm_store_imported_on(ctx, st, "ged", day) == FM_OK && day[0] == '\0');
    fm_store_close(st);
}

/* A result set (near) written as a GeoPackage carries what its store
 * recorded of its sources (the day each was imported: a heatmap's
 * "accessed"; the file), as export --format gpkg does, not the day it was
 * written; without the store it is refused and nothing is written. */
static void test_results_gpkg_records(void)
{
    char db[512], out[512];
    fm_store *st = NULL;
    fm_results *r = NULL;
    fm_filter f;
    sqlite3 *h;
    store_with_one(tmp_path("records.gpkg", db, sizeof db), "acled");
    CHECK(sqlite3_open(db, &h) == SQLITE_OK);
    CHECK(sqlite3_exec(h, "UPDATE frontiermap_meta SET value = '2019-04-05' WHERE key ="
                          " 'imported:acled'; INSERT OR REPLACE INTO frontiermap_meta VALUES"
                          " ('file:acled', 'acled-2019.csv'), ('version:acled', '')",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(h);
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    fm_filter_init(&f);
    f.has_near = 1, f.lon = 71.09, f.lat = 34.1, f.radius_m = 10000;
    CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK && r && r->n == 1);
    tmp_path("records_near.gpkg", out, sizeof out);
    CHECK(r && fm_results_export(ctx, r, NULL, FM_EXPORT_GPKG, out) == FM_EUSAGE);
    CHECK(access(out, F_OK) != 0);
    CHECK(r && fm_results_export(ctx, r, st, FM_EXPORT_GPKG, out) == FM_OK);
    CHECK(fm_test_sql_int(out, "SELECT count(*) FROM frontiermap_meta WHERE key ="
                               " 'imported:acled' AND value = '2019-04-05'") == 1);
    CHECK(fm_test_sql_int(out, "SELECT count(*) FROM frontiermap_meta WHERE key ="
                               " 'file:acled' AND value = 'acled-2019.csv'") == 1);
    CHECK(fm_test_sql_int(out, "SELECT count(*) FROM incidents") == 1);
    fm_results_destroy(r);
    fm_store_close(st);
}

static void test_builtin(void)
{
    fm_store *st = NULL;
    fm_filter f;
    int64_t n = 0;
    CHECK(fm_store_open_builtin(ctx, &st) == FM_OK);
    fm_filter_init(&f);
    CHECK(st && fm_store_count(ctx, st, &f, &n) == FM_OK);
    CHECK(n >= 20);
    fm_store_close(st);
}

/* The light points query must agree with the full query on every filter the
 * heatmap uses, multi-day GED events (date_end > date_start) included. */
static void check_points_match(fm_store *st, const char *since, const char *until)
{
    fm_filter f;
    fm_results *r = NULL;
    fm_points *p = NULL;
    long fat_r = 0, fat_p = 0;
    size_t i;
    fm_filter_init(&f);
    if (since)
        CHECK(fm_date_parse(ctx, since, &f.since) == FM_OK);
    if (until)
        CHECK(fm_date_parse(ctx, until, &f.until) == FM_OK);
    CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK);
    CHECK(fm_store_query_points(ctx, st, &f, 0, &p) == FM_OK);
    if (!r || !p)
        goto done;
    CHECK(r->n == p->n);
    for (i = 0; i < r->n; i++)
        fat_r += r->items[i].fatalities > 0 ? r->items[i].fatalities : 0;
    for (i = 0; i < p->n; i++)
        fat_p += p->fatalities[i] > 0 ? p->fatalities[i] : 0;
    CHECK(fat_r == fat_p);
    CHECK(p->nsources == (p->n ? 1u : 0u));
done:
    fm_results_destroy(r);
    fm_points_destroy(p);
}

/* Whole contents of a file, or NULL. */
static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    *len = -1;
    if (f && fseek(f, 0, SEEK_END) == 0 && (*len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (b = malloc((size_t)*len + 1)) && fread(b, 1, (size_t)*len, f) != (size_t)*len) {
        free(b);
        b = NULL;
    }
    if (f)
        fclose(f);
    return b;
}

/* The row-by-row export (fm_store_export) writes the very bytes the result
 * set export writes, in every text format, with and without place filters;
 * its GeoPackage holds every row. */
static void check_export_streams(fm_store *st)
{
    static const fm_export_format fmts[] = {FM_EXPORT_CSV, FM_EXPORT_GEOJSON, FM_EXPORT_KML};
    char a[512], b[512];
    for (int k = 0; k < 3; k++) {
        fm_filter f;
        fm_filter_init(&f);
        if (k == 1)
            f.has_bbox = 1, f.west = 70, f.south = 32, f.east = 72, f.north = 35;
        if (k == 2)
            f.has_near = 1, f.lon = 71.09, f.lat = 34.1, f.radius_m = 150000;
        for (int i = 0; i < 3; i++) {
            fm_results *r = NULL;
            size_t n = 0;
            long la, lb;
            char *x, *y;
            tmp_path("exp_a.out", a, sizeof a);
            tmp_path("exp_b.out", b, sizeof b);
            CHECK(fm_store_query(ctx, st, &f, &r) == FM_OK);
            CHECK(r && fm_results_export(ctx, r, NULL, fmts[i], a) == FM_OK);
            CHECK(fm_store_export(ctx, st, &f, fmts[i], b, stdout, &n) == FM_OK);
            CHECK(r && n == r->n && n > 100);
            x = slurp(a, &la);
            y = slurp(b, &lb);
            CHECK(x && y && la == lb && la > 0 && memcmp(x, y, (size_t)la) == 0);
            free(x);
            free(y);
            fm_results_destroy(r);
        }
    }
    {
        fm_filter f;
        size_t n = 0;
        fm_filter_init(&f);
        tmp_path("exp.gpkg", a, sizeof a);
        CHECK(fm_store_export(ctx, st, &f, FM_EXPORT_GPKG, a, stdout, &n) == FM_OK);
        CHECK(n == 6416 && fm_test_sql_int(a, "SELECT count(*) FROM incidents") == 6416);
    }
}

static void test_ged_full(void)
{
    char ged[4096], db[512];
    fm_store *st;
    fm_import_stats s;
    snprintf(ged, sizeof ged, "%s/../data/samples/ucdp-ged-pakistan-1989-2021.csv",
             fm_test_srcdir());
    if (access(ged, R_OK) != 0) {
        fprintf(stderr, "   skipped: %s is absent\n", ged);
        return;
    }
    tmp_path("ged.gpkg", db, sizeof db);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(import1(st, ged, 0, &s) == FM_OK);
    CHECK(s.added == 6416 && s.rejected == 0);
    check_points_match(st, NULL, NULL);
    check_points_match(st, "2009-01-01", "2009-12-31");
    check_points_match(st, "2014-06-10", "2014-06-20");
    check_points_match(st, "2030-01-01", "2030-01-31");
    fm_store_close(st);
    /* as `export` reads it: a published store, opened for reading */
    CHECK(fm_store_open(ctx, db, FM_STORE_READ, &st) == FM_OK);
    check_export_streams(st);
    fm_store_close(st);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == 6416);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE date_end > date_start") == 348);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_schema_and_acled_layouts);
    RUN(test_failure_leaves_store_unchanged);
    RUN(test_validation_messages);
    RUN(test_new_store_removed_on_failure);
    RUN(test_read_only_and_locked);
    RUN(test_near_matches_brute_force);
    RUN(test_near_edge_exact);
    RUN(test_near_damaged_rtree);
    RUN(test_old_border_index_dropped);
    RUN(test_schema1_store_upgraded);
    RUN(test_imported_on);
    RUN(test_results_gpkg_records);
    RUN(test_builtin);
    RUN(test_ged_full);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
