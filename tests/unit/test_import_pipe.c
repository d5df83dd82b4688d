/* test_import_pipe.c: big imports store rows on a second thread
 * (data/import_pipe.c): the same counts and rows as a one-thread import,
 * every border distance the one measured on its own,
 * duplicates and bad rows still reported with their line, an update across
 * two files of one import, and a failure on the storing side (an SQL error
 * at one row) that leaves the store as it was. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/fm_data.h"
#include "fm_test.h"

#define ROWS 30000 /* ~8 MB of CSV: over the threaded-import threshold */

static fm_ctx *ctx;
static fm_basemap *basemap; /* the built-in one: imports measure border distances */

static const char *tmp_path(const char *name, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s/%s", fm_test_tmpdir(), name);
    fm_store_remove_files(buf);
    remove(buf);
    return buf;
}

static int sql_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db) == SQLITE_OK &&
             sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(db);
    return rc;
}

/* ROWS ACLED-like rows with ids PREFIXn; dup_at > 0 repeats the first id
 * there; fat_add changes every row's fatalities (a newer export). */
static void write_csv(const char *path, const char *prefix, long dup_at, int fat_add)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "event_id_cnty,event_date,event_type,country,location,latitude,longitude,"
               "fatalities,notes\n");
    for (long i = 0; i < ROWS; i++)
        fprintf(f, "%s%ld,2025-%02ld-%02ld,Battles,Pakistan,Place %ld,%.4f,%.4f,%ld,"
                   "\"synthetic row %ld, padded so that the file is big enough to be "
                   "stored on a second thread; padding padding padding padding padding\"\n",
                prefix, i == dup_at ? 0 : i, 1 + i % 12, 1 + i % 28, i % 50,
                32.0 + (double)(i % 1000) / 1000, 70.5 + (double)(i % 997) / 1000,
                i % 7 + fat_add, i);
    fclose(f);
}

static fm_status import(const char *db, const char *const *paths, size_t n, int skip_bad,
                        fm_import_stats *stats)
{
    fm_store *st;
    fm_import_opts o;
    fm_status s;
    memset(&o, 0, sizeof o);
    o.skip_bad = skip_bad;
    o.bm = basemap;
    if ((s = fm_store_open(ctx, db, FM_STORE_WRITE, &st)))
        return s;
    s = fm_store_import(ctx, st, paths, n, &o, stats);
    fm_store_close(st);
    return s;
}

/* Rows of db whose border distance is not the one fm_basemap_border_km
 * gives their point, to the bit (either thread may have measured it, the
 * storing one ahead of the batch it stores); -1 when db holds not ROWS. */
static long border_mismatches(const char *db)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    long bad = 0, n = 0;
    if (!basemap)
        return -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, "SELECT lon, lat, border_km FROM incidents", -1, &st, NULL) ==
            SQLITE_OK)
        for (; sqlite3_step(st) == SQLITE_ROW; n++) {
            double want = fm_basemap_border_km(basemap, sqlite3_column_double(st, 0),
                                               sqlite3_column_double(st, 1));
            double got = sqlite3_column_double(st, 2);
            bad += sqlite3_column_type(st, 2) != SQLITE_FLOAT || memcmp(&want, &got, sizeof got);
        }
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n == ROWS ? bad : -1;
}

static void test_counts_and_rows(void)
{
    char db[512], a[512], b[512];
    const char *one[1] = {a}, *two[2] = {a, b};
    fm_import_stats s;
    tmp_path("pipe.gpkg", db, sizeof db);
    write_csv(tmp_path("pipe_a.csv", a, sizeof a), "PAK", -1, 0);
    CHECK(import(db, one, 1, 0, &s) == FM_OK);
    CHECK(s.rows == ROWS && s.added == ROWS && s.updated == 0 && s.rejected == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM rtree_incidents_geom") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT sum(fatalities) FROM incidents") == 89995);
    CHECK(border_mismatches(db) == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id = 'PAK29999' AND"
                      " location = 'Place 49' AND fatalities = 4") == 1);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check ="
                      " 'ok'") == 1);
    /* the same export again: nothing changes; a newer one: every row updated */
    CHECK(import(db, one, 1, 0, &s) == FM_OK);
    CHECK(s.unchanged == ROWS && s.added == 0 && s.updated == 0);
    write_csv(a, "PAK", -1, 1);
    CHECK(import(db, one, 1, 0, &s) == FM_OK);
    CHECK(s.updated == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT sum(fatalities) FROM incidents") == 89995 + ROWS);
    /* past 20,000 updates the store went bulk mid-import (writer.c go_bulk):
     * its indexes and triggers are all back, the R*Tree rebuilt whole */
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM rtree_incidents_geom") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM sqlite_master WHERE name IN"
                              " ('incidents_date', 'incidents_source_uid',"
                              " 'rtree_incidents_geom_insert', 'rtree_incidents_geom_update1',"
                              " 'frontiermap_points_insert')") == 5);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check ="
                      " 'ok'") == 1);

    /* a fresh store fed two files where the second updates the first */
    tmp_path("pipe2.gpkg", db, sizeof db);
    write_csv(a, "AFG", -1, 0);
    write_csv(tmp_path("pipe_b.csv", b, sizeof b), "AFG", -1, 2);
    CHECK(import(db, two, 2, 0, &s) == FM_OK);
    CHECK(s.added == ROWS && s.updated == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT sum(fatalities) FROM incidents") == 89995 + 2 * ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_index_list('incidents') WHERE name ="
                      " 'incidents_source_uid'") == 1);
}

/* A first import stores rows sixteen to an INSERT (fm_writer_insert_batch),
 * each taking the next fid: every row's point in the R*Tree, its claims and
 * its packed copy must name its own fid, to the last odd rows of the file. */
static void test_first_import_fids(void)
{
    char db[512], a[512];
    const char *one[1] = {a};
    fm_import_stats s;
    long n = ROWS + 13; /* not a multiple of the batch */
    FILE *f = fopen(tmp_path("pipe_fids.csv", a, sizeof a), "w");
    tmp_path("pipe_fids.gpkg", db, sizeof db);
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "source,id,date,latitude,longitude,fatalities,claims,notes\n");
    for (long i = 0; i < n; i++)
        fprintf(f, "test,R%ld,2024-03-%02ld,%.4f,%.4f,%ld,%s,\"padding so that the file is"
                   " stored on a second thread, padding padding padding padding padding padding"
                   " padding padding padding padding padding padding padding padding\"\n",
                i, 1 + i % 28, 31.0 + (double)(i % 1999) / 1000, 69.0 + (double)(i % 2003) / 1000,
                i % 5, i % 3 == 0 ? "\"Pakistan: 4; Taliban: 9\"" : "");
    fclose(f);
    CHECK(import(db, one, 1, 0, &s) == FM_OK);
    CHECK(s.added == n && s.rejected == 0);
    /* file order is fid order */
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id != 'R' || (fid - 1)")
          == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents i JOIN rtree_incidents_geom r"
                              " ON r.id = i.fid WHERE r.minx <= i.lon AND r.maxx >= i.lon AND"
                              " r.miny <= i.lat AND r.maxy >= i.lat") == n);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incident_claims c JOIN incidents i ON"
                              " i.fid = c.incident_fid WHERE i.claims LIKE '%' || c.party ||"
                              " ': ' || c.claim || '%'") == 2 * ((n + 2) / 3));
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incident_claims") == 2 * ((n + 2) / 3));
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check ="
                      " 'ok'") == 1);
}

static void test_duplicate_late_in_file(void)
{
    char db[512], a[512];
    const char *one[1] = {a};
    fm_import_stats s;
    tmp_path("pipe_dup.gpkg", db, sizeof db);
    write_csv(tmp_path("pipe_dup.csv", a, sizeof a), "PAK", 25000, 0);
    CHECK(import(db, one, 1, 0, &s) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "pipe_dup.csv:25002: duplicate source id 'PAK0'") != NULL);
    /* no store, or an empty one */
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") <= 0);
    CHECK(import(db, one, 1, 1, &s) == FM_OK);
    CHECK(s.added == ROWS - 1 && s.rejected == 1);
}

static void test_storing_side_failure(void)
{
    char db[512], a[512], b[512];
    const char *one[1] = {a}, *other[1] = {b};
    fm_import_stats s;
    tmp_path("pipe_fail.gpkg", db, sizeof db);
    write_csv(tmp_path("pipe_fail_a.csv", a, sizeof a), "PAK", -1, 0);
    write_csv(tmp_path("pipe_fail_b.csv", b, sizeof b), "AFG", -1, 0);
    CHECK(import(db, one, 1, 0, &s) == FM_OK);
    /* SQLite refuses one row of the second import, long after it started */
    CHECK(sql_exec(db, "CREATE TRIGGER refuse BEFORE INSERT ON incidents"
                       " WHEN NEW.source_id = 'AFG27000'"
                       " BEGIN SELECT RAISE(ABORT, 'refused'); END;"));
    CHECK(import(db, other, 1, 0, &s) != FM_OK);
    CHECK(strstr(fm_ctx_message(ctx), "pipe_fail_b.csv:27002") != NULL);
    CHECK(strstr(fm_ctx_message(ctx), "refused") != NULL);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM incidents WHERE source_id LIKE 'AFG%'") == 0);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM rtree_incidents_geom") == ROWS);
    CHECK(fm_test_sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check ="
                      " 'ok'") == 1);
}

int main(void)
{
    ctx = fm_ctx_create();
    CHECK(fm_basemap_open(ctx, NULL, &basemap) == FM_OK);
    RUN(test_counts_and_rows);
    RUN(test_first_import_fids);
    RUN(test_duplicate_late_in_file);
    RUN(test_storing_side_failure);
    fm_basemap_close(basemap);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
