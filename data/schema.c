/* schema.c: the GeoPackage 1.2 layout of a store: the gpkg_* metadata tables,
 * the `incidents` point layer with its R*Tree index and the standard triggers
 * (made to work on our connection by small ST_* functions), the claims child
 * table and frontiermap_meta with the schema version. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "data/columns.h"

static const char *const schema_sql =
    "PRAGMA application_id = 1196444487;" /* 'GPKG' */
    "PRAGMA user_version = 10200;"
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
    " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
    " definition TEXT NOT NULL, description TEXT);"
    "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1,"
    " 'undefined', 'undefined cartesian coordinate reference system');"
    "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0,"
    " 'undefined', 'undefined geographic coordinate reference system');"
    "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
    " 'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
    "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
    "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\","
    "\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]',"
    " 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');"
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
    " identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL"
    " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE,"
    " max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,"
    " CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
    " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
    " m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
    " CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
    " CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));"
    "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT,"
    " extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,"
    " CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));"
    /* the columns of the first schema (columns.h); the newer ones follow */
    "CREATE TABLE incidents (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT"
    FM_INCIDENT_COLUMNS_V1 ");"
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
    " VALUES ('incidents', 'features', 'incidents',"
    " 'frontiermap incidents (ACLED event taxonomy)', 4326);"
    "INSERT INTO gpkg_geometry_columns VALUES ('incidents', 'geom', 'POINT', 4326, 0, 0);"
    "CREATE VIRTUAL TABLE rtree_incidents_geom USING rtree(id, minx, maxx, miny, maxy);"
    "INSERT INTO gpkg_extensions VALUES ('incidents', 'geom', 'gpkg_rtree_index',"
    " 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');"
    "CREATE TABLE incident_claims (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
    " incident_fid INTEGER NOT NULL, party TEXT, claim TEXT);"
    "CREATE INDEX incident_claims_fid ON incident_claims(incident_fid);"
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description)"
    " VALUES ('incident_claims', 'attributes', 'incident_claims',"
    " 'competing figures claimed by each party for an incident (incident_fid)');"
    "CREATE TABLE frontiermap_meta (key TEXT PRIMARY KEY, value TEXT);"
    "INSERT INTO frontiermap_meta VALUES ('created_by', 'frontiermap');";

/* Columns newer than the first stores (schema version 1) are those of
 * columns.h with a later `since`: a new store gets them after the others, an
 * older store gets them by ALTER TABLE when it is opened (upgrade_columns). */

/* Indexes and triggers, dropped during bulk loads and rebuilt after. */
static const char *const unique_sql =
    "CREATE UNIQUE INDEX IF NOT EXISTS incidents_source_uid ON incidents(source, source_id);";
static const char *const index_sql =
    "CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date_start);";

/* No index on border_km: this is a frontier store, so most of its incidents
 * lie near the border and `--near-border` keeps a large share of them. On
 * 10^6 synthetic frontier incidents an index made a 10 km filter 2.4x slower
 * than a scan (random row visits) and gained 0.1 s only at 2 km, while
 * sorting it cost every big import ~1.2 s. Older stores have one; it is
 * dropped when they are opened for writing (upgrade_indexes). */
static const char *const old_index_sql = "DROP INDEX IF EXISTS incidents_border;";

/* Multi-day incidents only (ACLED has none, UCDP GED some): the longest span
 * bounds how far back a date filter must look, so a date range reads only its
 * part of incidents_date (query.c). Small, so kept through bulk loads; added
 * to older stores when they are opened for writing. */
static const char *const multiday_sql =
    "CREATE INDEX IF NOT EXISTS incidents_multiday ON incidents(date_start, date_end)"
    " WHERE date_end > date_start;";

/* The incidents that maps, heatmaps and near leave out by default (located
 * only to the country, or not at all): few, and wanted on their own for the
 * notes that say what was left out (query.c). Kept through bulk loads. */
static const char *const coarse_sql =
    "CREATE INDEX IF NOT EXISTS incidents_coarse ON incidents(loc_precision)"
    " WHERE loc_precision IN ('country', 'none');";

#define RT "rtree_incidents_geom"
#define RT_NEW "VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom)," \
               " ST_MaxY(NEW.geom))"
static const char *const trigger_sql =
    "CREATE TRIGGER IF NOT EXISTS " RT "_insert AFTER INSERT ON incidents"
    " WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))"
    " BEGIN INSERT OR REPLACE INTO " RT " " RT_NEW "; END;"
    "CREATE TRIGGER IF NOT EXISTS " RT "_update1 AFTER UPDATE OF geom ON incidents"
    " WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))"
    " BEGIN INSERT OR REPLACE INTO " RT " " RT_NEW "; END;"
    "CREATE TRIGGER IF NOT EXISTS " RT "_update2 AFTER UPDATE OF geom ON incidents"
    " WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))"
    " BEGIN DELETE FROM " RT " WHERE id = OLD.fid; END;"
    "CREATE TRIGGER IF NOT EXISTS " RT "_update3 AFTER UPDATE ON incidents"
    " WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))"
    " BEGIN DELETE FROM " RT " WHERE id = OLD.fid;"
    " INSERT OR REPLACE INTO " RT " " RT_NEW "; END;"
    "CREATE TRIGGER IF NOT EXISTS " RT "_update4 AFTER UPDATE ON incidents"
    " WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))"
    " BEGIN DELETE FROM " RT " WHERE id IN (OLD.fid, NEW.fid); END;"
    "CREATE TRIGGER IF NOT EXISTS " RT "_delete AFTER DELETE ON incidents"
    " WHEN old.geom NOT NULL"
    " BEGIN DELETE FROM " RT " WHERE id = OLD.fid; END;";

static const char *const drop_sql =
    "DROP TRIGGER IF EXISTS " RT "_insert; DROP TRIGGER IF EXISTS " RT "_update1;"
    "DROP TRIGGER IF EXISTS " RT "_update2; DROP TRIGGER IF EXISTS " RT "_update3;"
    "DROP TRIGGER IF EXISTS " RT "_update4; DROP TRIGGER IF EXISTS " RT "_delete;"
    "DROP INDEX IF EXISTS incidents_date; DROP INDEX IF EXISTS incidents_border;";

fm_status fm_sql_error(fm_ctx *ctx, sqlite3 *db, const char *what)
{
    int code = sqlite3_extended_errcode(db);
    if ((code & 0xff) == SQLITE_FULL)
        return fm_error(ctx, FM_EIO, "%s: the disk is full (%s)", what, sqlite3_errmsg(db));
    if ((code & 0xff) == SQLITE_READONLY)
        return fm_error(ctx, FM_EIO, "%s: the store is read-only (%s)", what,
                        sqlite3_errmsg(db));
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        return fm_error(ctx, FM_EBUSY, "%s: the store is locked by another process", what);
    if ((code & 0xff) == SQLITE_CORRUPT) {
        const char *file = sqlite3_db_filename(db, "main");
        return fm_store_damaged(ctx, what, file && *file ? file : "STORE", sqlite3_errmsg(db),
                                NULL);
    }
    return fm_error(ctx, FM_EDB, "%s: %s", what, sqlite3_errmsg(db));
}

fm_status fm_sql_exec(fm_ctx *ctx, sqlite3 *db, const char *sql)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, db, "store");
    return FM_OK;
}

void fm_gpkg_point(unsigned char out[FM_GPKG_POINT_BYTES], double lon, double lat)
{
    int32_t srs = 4326;
    uint32_t type = 1;
    out[0] = 'G';
    out[1] = 'P';
    out[2] = 0;    /* version 1 */
    out[3] = 0x01; /* little-endian, no envelope, not empty, standard */
    memcpy(out + 4, &srs, 4); /* the build targets little-endian hosts */
    out[8] = 1;
    memcpy(out + 9, &type, 4);
    memcpy(out + 13, &lon, 8);
    memcpy(out + 21, &lat, 8);
}

/* Reads the first point of a little-endian or big-endian GeoPackage point blob;
 * returns 0 for empty, malformed or non-point geometries. */
int fm_blob_point(const void *blob, int n, double *x, double *y)
{
    const unsigned char *b = blob;
    static const int env_len[8] = {0, 32, 48, 48, 64, 0, 0, 0};
    int flags, off, le;
    uint32_t type;
    unsigned char tmp[8];
    if (!b || n < 8 || b[0] != 'G' || b[1] != 'P')
        return 0;
    flags = b[3];
    if (flags & 0x10)
        return 0;
    off = 8 + env_len[(flags >> 1) & 7];
    if (n < off + 21)
        return 0;
    le = b[off] == 1;
    memcpy(&type, b + off + 1, 4);
    if (!le)
        type = __builtin_bswap32(type);
    if (type % 1000 != 1)
        return 0;
    for (int k = 0; k < 2; k++) {
        memcpy(tmp, b + off + 5 + 8 * k, 8);
        if (!le) {
            uint64_t v;
            memcpy(&v, tmp, 8);
            v = __builtin_bswap64(v);
            memcpy(tmp, &v, 8);
        }
        memcpy(k ? y : x, tmp, 8);
    }
    return !(isnan(*x) && isnan(*y));
}

static void fn_is_empty(sqlite3_context *c, int argc, sqlite3_value **v)
{
    double x, y;
    (void)argc;
    sqlite3_result_int(c, !fm_blob_point(sqlite3_value_blob(v[0]), sqlite3_value_bytes(v[0]),
                                        &x, &y));
}

static void fn_coord(sqlite3_context *c, int argc, sqlite3_value **v)
{
    double x, y;
    int want_y = *(const char *)sqlite3_user_data(c) == 'y';
    (void)argc;
    if (!fm_blob_point(sqlite3_value_blob(v[0]), sqlite3_value_bytes(v[0]), &x, &y))
        sqlite3_result_null(c);
    else
        sqlite3_result_double(c, want_y ? y : x);
}

fm_status fm_schema_functions(fm_ctx *ctx, sqlite3 *db)
{
    static const struct { const char *name; const char *axis; } fns[] = {
        {"ST_MinX", "x"}, {"ST_MaxX", "x"}, {"ST_MinY", "y"}, {"ST_MaxY", "y"},
        {"ST_X", "x"}, {"ST_Y", "y"}};
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    size_t i;
    if (sqlite3_create_function(db, "ST_IsEmpty", 1, flags, NULL, fn_is_empty, NULL, NULL))
        return fm_sql_error(ctx, db, "store");
    for (i = 0; i < sizeof fns / sizeof fns[0]; i++)
        if (sqlite3_create_function(db, fns[i].name, 1, flags, (void *)fns[i].axis, fn_coord,
                                    NULL, NULL))
            return fm_sql_error(ctx, db, "store");
    return FM_OK;
}

static int has_column(sqlite3 *db, const char *name)
{
    sqlite3_stmt *s;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info('incidents') WHERE name = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return found;
}

/* The precision classes of every row, by the rules an import applies
 * (fm_incident_classify), so an upgraded store reads as a new one. */
static fm_status fill_classes(fm_ctx *ctx, sqlite3 *db)
{
    sqlite3_stmt *r = NULL, *w = NULL;
    fm_status st = FM_OK;
    int rc;
    if (sqlite3_prepare_v2(db, "SELECT fid, lon, lat, geom, geo_precision, geo_precision_src,"
                               " admin2, date_start, date_end, date_precision, source"
                               " FROM incidents", -1, &r, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "UPDATE incidents SET loc_precision = ?, date_class = ?"
                               " WHERE fid = ?", -1, &w, NULL) != SQLITE_OK)
        st = fm_sql_error(ctx, db, "cannot upgrade the store");
    while (!st && (rc = sqlite3_step(r)) == SQLITE_ROW) {
        fm_incident inc;
        fm_incident_clear(&inc);
        if (sqlite3_column_type(r, 1) != SQLITE_NULL && sqlite3_column_type(r, 2) != SQLITE_NULL)
            inc.lon = sqlite3_column_double(r, 1), inc.lat = sqlite3_column_double(r, 2);
        else if (!fm_blob_point(sqlite3_column_blob(r, 3), sqlite3_column_bytes(r, 3), &inc.lon,
                                &inc.lat))
            inc.lon = inc.lat = NAN;
        inc.geo_precision = sqlite3_column_type(r, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(r, 4);
        inc.geo_precision_src =
            sqlite3_column_type(r, 5) == SQLITE_NULL ? -1 : sqlite3_column_int(r, 5);
        inc.admin2 = (const char *)sqlite3_column_text(r, 6);
        inc.date_start = fm_day_from_iso((const char *)sqlite3_column_text(r, 7));
        inc.date_end = fm_day_from_iso((const char *)sqlite3_column_text(r, 8));
        inc.date_precision =
            sqlite3_column_type(r, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(r, 9);
        inc.source = (const char *)sqlite3_column_text(r, 10);
        fm_incident_source_classes(&inc);
        fm_incident_classify(&inc);
        if (fm_loc_class_name(inc.loc_precision))
            sqlite3_bind_text(w, 1, fm_loc_class_name(inc.loc_precision), -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(w, 1);
        if (fm_date_class_name(inc.date_class))
            sqlite3_bind_text(w, 2, fm_date_class_name(inc.date_class), -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(w, 2);
        sqlite3_bind_int64(w, 3, sqlite3_column_int64(r, 0));
        if (sqlite3_step(w) != SQLITE_DONE)
            st = fm_sql_error(ctx, db, "cannot upgrade the store");
        sqlite3_reset(w);
    }
    if (!st && rc != SQLITE_DONE)
        st = fm_sql_error(ctx, db, "cannot upgrade the store");
    sqlite3_finalize(r);
    sqlite3_finalize(w);
    return st;
}

/* Adds the columns of added_cols a store lacks and records the version,
 * inside the caller's transaction. */
static fm_status add_columns(fm_ctx *ctx, sqlite3 *db)
{
    char sql[160];
    fm_status st;
    int classes = 0;
    for (size_t i = 0; i < FM_NCOLUMNS; i++) {
        if (fm_columns[i].since <= 1 || has_column(db, fm_columns[i].name))
            continue;
        snprintf(sql, sizeof sql, "ALTER TABLE incidents ADD COLUMN %s %s;", fm_columns[i].name,
                 fm_columns[i].sqltype);
        if ((st = fm_sql_exec(ctx, db, sql)))
            return st;
        classes |= fm_columns[i].kind == 'l';
    }
    if (classes && (st = fill_classes(ctx, db)))
        return st;
    if ((st = fm_sql_exec(ctx, db, coarse_sql)))
        return st;
    snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO frontiermap_meta (key, value)"
             " VALUES ('schema_version', '%d');", FM_SCHEMA_VERSION);
    return fm_sql_exec(ctx, db, sql);
}

fm_status fm_schema_create(fm_ctx *ctx, sqlite3 *db)
{
    fm_status st;
    if ((st = fm_sql_exec(ctx, db, schema_sql)) || (st = add_columns(ctx, db)) ||
        (st = fm_sql_exec(ctx, db, unique_sql)) ||
        (st = fm_sql_exec(ctx, db, index_sql)) || (st = fm_sql_exec(ctx, db, multiday_sql)) ||
        (st = fm_sql_exec(ctx, db, trigger_sql)) ||
        (st = fm_sql_exec(ctx, db, fm_pointcache_schema_sql)) ||
        (st = fm_sql_exec(ctx, db, fm_pointcache_trigger_sql)))
        return fm_error_prefix(ctx, st, "cannot create the store schema");
    return FM_OK;
}

static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        ok = 1;
    }
    sqlite3_finalize(s);
    return ok;
}

/* Adds the indexes newer than a store and drops the border index it no longer
 * needs, when it is open for writing. Only indexes: the schema version and
 * what older binaries read stay the same. Best
 * effort: a store busy with another writer gets it on a later open, and
 * readers do without it (query.c falls back to a scan). */
static void upgrade_indexes(sqlite3 *db)
{
    int64_t have = 0;
    if (sqlite3_db_readonly(db, "main") != 0)
        return;
    if (!query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND"
                       " name = 'incidents_multiday'", &have) || !have)
        sqlite3_exec(db, multiday_sql, NULL, NULL, NULL);
    if (!query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND"
                       " name = 'incidents_coarse'", &have) || !have)
        sqlite3_exec(db, coarse_sql, NULL, NULL, NULL);
    /* the packed points (pointcache.c) are newer than the first stores */
    if (!query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND"
                       " name = 'frontiermap_points_insert'", &have) || !have) {
        sqlite3_exec(db, fm_pointcache_schema_sql, NULL, NULL, NULL);
        sqlite3_exec(db, fm_pointcache_trigger_sql, NULL, NULL, NULL);
    }
    if (query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND"
                      " name = 'incidents_border'", &have) && have)
        sqlite3_exec(db, old_index_sql, NULL, NULL, NULL);
}

/* An older store gets the newer columns (one short write transaction; the
 * rows are not touched). A store opened read-only is upgraded through a
 * second connection that can write, when the file allows it; otherwise
 * it cannot be read by this version, and the message says how to fix it. */
static fm_status upgrade_columns(fm_ctx *ctx, sqlite3 *db, const char *path, int64_t ver)
{
    sqlite3 *rw = NULL;
    fm_status st;
    if (sqlite3_db_readonly(db, "main") != 0) {
        if (sqlite3_open_v2(path, &rw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
                SQLITE_OK ||
            sqlite3_db_readonly(rw, "main") != 0) {
            sqlite3_close_v2(rw);
            return fm_error(ctx, FM_EFORMAT,
                            "'%s' was written by an older frontiermap (store schema %lld) and"
                            " cannot be upgraded here (read-only); make it writable and run"
                            " any command on it once", path, (long long)ver);
        }
        sqlite3_busy_timeout(rw, 5000);
        if ((st = fm_schema_functions(ctx, rw))) {
            sqlite3_close_v2(rw);
            return st;
        }
        db = rw;
    }
    st = fm_sql_exec(ctx, db, "BEGIN IMMEDIATE");
    if (!st && (st = add_columns(ctx, db)))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    else if (!st)
        st = fm_sql_exec(ctx, db, "COMMIT");
    sqlite3_close_v2(rw);
    return st ? fm_error_prefix(ctx, st, "cannot upgrade the store '%s' to schema %d", path,
                                FM_SCHEMA_VERSION)
              : FM_OK;
}

fm_status fm_schema_check(fm_ctx *ctx, sqlite3 *db, const char *path)
{
    int64_t app = 0, ver = 0;
    if (!query_int(db, "PRAGMA application_id", &app))
        return fm_sql_error(ctx, db, path);
    if (app != 1196444487)
        return fm_error(ctx, FM_EFORMAT, "'%s' is not a GeoPackage (application_id %lld)",
                        path, (long long)app);
    if (!query_int(db, "SELECT CAST(value AS INTEGER) FROM frontiermap_meta"
                       " WHERE key = 'schema_version'", &ver))
        return fm_error(ctx, FM_EFORMAT,
                        "'%s' is a GeoPackage but not a frontiermap store (no frontiermap_meta)",
                        path);
    if (ver < 1 || ver > FM_SCHEMA_VERSION)
        return fm_error(ctx, FM_EFORMAT,
                        "'%s' has store schema version %lld; this frontiermap reads version %d",
                        path, (long long)ver, FM_SCHEMA_VERSION);
    return FM_OK;
}

fm_status fm_schema_upgrade(fm_ctx *ctx, sqlite3 *db, const char *path)
{
    int64_t ver = 0;
    fm_status st;
    if (!query_int(db, "SELECT CAST(value AS INTEGER) FROM frontiermap_meta"
                       " WHERE key = 'schema_version'", &ver))
        return fm_sql_error(ctx, db, path);
    if (ver < FM_SCHEMA_VERSION && (st = upgrade_columns(ctx, db, path, ver)))
        return st;
    upgrade_indexes(db);
    return FM_OK;
}

fm_status fm_schema_bulk_begin(fm_ctx *ctx, sqlite3 *db, int drop_unique)
{
    fm_status st = fm_sql_exec(ctx, db, drop_sql);
    if (!st)
        st = fm_sql_exec(ctx, db, fm_pointcache_drop_sql); /* rebuilt at commit */
    if (!st && drop_unique)
        st = fm_sql_exec(ctx, db, "DROP INDEX IF EXISTS incidents_source_uid;");
    return st;
}

/* Seconds since *t, which moves on to now (for the debug log). */
static double elapsed(double *t)
{
    double now = fm_clock_s(), d = now - *t;
    *t = now;
    return d;
}

typedef struct {
    fm_rtree_bulk *points;
    size_t m;
} presort_job;

static void *presort_main(void *arg)
{
    presort_job *j = arg;
    fm_rtree_bulk_presort(j->points, j->m);
    return NULL;
}

/* The unique index; meanwhile the new rows' points (when given) are sorted
 * into R*Tree leaves on a second thread, which SQLite leaves mostly idle. */
static fm_status unique_index(fm_ctx *ctx, sqlite3 *db, fm_rtree_bulk *points)
{
    presort_job job = {points, points ? fm_rtree_bulk_capacity(db, RT) : 0};
    pthread_t t;
    int threaded = job.m && pthread_create(&t, NULL, presort_main, &job) == 0;
    fm_status st = fm_sql_exec(ctx, db, unique_sql);
    if (threaded)
        pthread_join(t, NULL);
    if (st)
        return fm_error_prefix(ctx, st, "cannot index the store on (source, source_id)");
    return FM_OK;
}

fm_status fm_schema_bulk_end(fm_ctx *ctx, sqlite3 *db, fm_rtree_bulk *points)
{
    double t = fm_clock_s();
    fm_status st;
    fm_rtree_bulk *scan = NULL;
    /* the row phase needs few pages; sorting the indexes wants more */
    sqlite3_exec(db, "PRAGMA cache_size = -8000", NULL, NULL, NULL);
    /* and sorts faster with a helper thread (SQLite's own, for CREATE INDEX) */
    sqlite3_exec(db, "PRAGMA threads = 2", NULL, NULL, NULL);
    if ((st = unique_index(ctx, db, points)))
        return st;
    fm_log(ctx, FM_LOG_DEBUG, "store: (source, source_id) indexed (%.2f s)", elapsed(&t));
    if (!points && !(points = scan = fm_rtree_bulk_create(ctx, 0)))
        return FM_ENOMEM;
    st = scan ? fm_rtree_bulk_scan(ctx, db, scan) : FM_OK;
    if (!st)
        st = fm_rtree_bulk_write(ctx, db, RT, points);
    fm_rtree_bulk_destroy(scan);
    if (st)
        return st;
    fm_log(ctx, FM_LOG_DEBUG, "store: spatial index written (%.2f s)", elapsed(&t));
    if ((st = fm_sql_exec(ctx, db, index_sql)) || (st = fm_sql_exec(ctx, db, trigger_sql)) ||
        (st = fm_sql_exec(ctx, db, fm_pointcache_trigger_sql)))
        return st;
    fm_log(ctx, FM_LOG_DEBUG, "store: dates indexed (%.2f s)", elapsed(&t));
    return FM_OK;
}

fm_status fm_schema_update_extent(fm_ctx *ctx, sqlite3 *db, double w, double s, double e,
                                  double n)
{
    char sql[512];
    if (w > e) /* nothing written: only the timestamp */
        snprintf(sql, sizeof sql, "UPDATE gpkg_contents SET last_change ="
                 " strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now');");
    else
        snprintf(sql, sizeof sql,
                 "UPDATE gpkg_contents SET last_change = strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now');"
                 "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, %.17g), %.17g),"
                 " min_y = min(coalesce(min_y, %.17g), %.17g), max_x = max(coalesce(max_x, %.17g),"
                 " %.17g), max_y = max(coalesce(max_y, %.17g), %.17g) WHERE table_name = 'incidents';",
                 w, w, s, s, e, e, n, n);
    return fm_sql_exec(ctx, db, sql);
}
