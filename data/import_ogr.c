/* import_ogr.c: GeoJSON and GeoPackage layers read through GDAL/OGR onto the
 * incident model: point geometries (reprojected to WGS84 when the layer has
 * another CRS), attributes matched by name like a generic CSV. A bad feature
 * is reported as "file:N" with N the feature's position (1-based). */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "data/store_priv.h"
#include "geo/fm_gdal.h"

enum { K_ID, K_DATE, K_DATE_END, K_DATE_PREC, K_TYPE, K_SUB, K_A1, K_A2, K_LOC, K_ADM1, K_ADM2,
       K_COUNTRY, K_GEO_PREC, K_GEO_PREC_SRC, K_FAT, K_LOW, K_HIGH, K_INJ, K_CIV, K_CLAIMS,
       K_NOTES, K_CIT, K_TAGS, K_SOURCE, K_LAT, K_LON, K_VIOLENCE, K_DYAD, K_CIV_DEATHS,
       K_ADM1_SRC, K_ADM2_SRC, K_LOC_CLASS, K_DATE_CLASS, K_CREATED, K_UPDATED, K_COUNT };

static const struct { const char *name; int k; } names[] = {
    {"source_id", K_ID}, {"event_id_cnty", K_ID}, {"id", K_ID}, {"date_start", K_DATE},
    {"date", K_DATE}, {"event_date", K_DATE}, {"date_end", K_DATE_END},
    {"date_precision", K_DATE_PREC}, {"event_type", K_TYPE}, {"type", K_TYPE},
    {"sub_event_type", K_SUB}, {"actor1", K_A1}, {"actor2", K_A2}, {"location", K_LOC},
    {"place", K_LOC}, {"admin1", K_ADM1}, {"admin2", K_ADM2}, {"country", K_COUNTRY},
    {"geo_precision", K_GEO_PREC}, {"geo_precision_src", K_GEO_PREC_SRC},
    {"fatalities", K_FAT}, {"fatalities_best", K_FAT}, {"killed", K_FAT},
    {"fatalities_low", K_LOW}, {"fatalities_high", K_HIGH}, {"injured", K_INJ},
    {"civilian_targeting", K_CIV}, {"claims", K_CLAIMS}, {"notes", K_NOTES},
    {"citation", K_CIT}, {"tags", K_TAGS}, {"source", K_SOURCE}, {"latitude", K_LAT},
    {"lat", K_LAT}, {"longitude", K_LON}, {"lon", K_LON}, {"violence_type", K_VIOLENCE},
    {"dyad", K_DYAD}, {"deaths_civilians", K_CIV_DEATHS}, {"admin1_src", K_ADM1_SRC},
    {"admin2_src", K_ADM2_SRC}, {"loc_precision", K_LOC_CLASS},
    {"location_precision", K_LOC_CLASS}, {"date_class", K_DATE_CLASS}, {"created", K_CREATED},
    {"updated", K_UPDATED}};

typedef struct {
    const fm_gdal *api; /* borrowed */
    int col[K_COUNT];
    fm_buf val[K_COUNT];
    char stamp[2][FM_STAMP_SIZE]; /* the feature's created and updated */
    OGRCoordinateTransformationH ct;
} ogr_map;

static const char *val(ogr_map *m, OGRFeatureH f, int k, fm_ctx *ctx)
{
    const fm_gdal *api = m->api;
    fm_buf_reset(&m->val[k]);
    if (m->col[k] < 0 || !api->OGR_F_IsFieldSetAndNotNull(f, m->col[k]))
        return "";
    fm_buf_puts(ctx, &m->val[k], api->OGR_F_GetFieldAsString(f, m->col[k]));
    return fm_buf_str(&m->val[k]);
}

/* Whether every field copied so far fitted in memory (a failed copy reads as
 * an empty field, which must not pass for a missing value). */
static fm_status vals_check(fm_ctx *ctx, const ogr_map *m)
{
    for (int k = 0; k < K_COUNT; k++)
        if (fm_buf_check(ctx, &m->val[k]))
            return FM_ENOMEM;
    return FM_OK;
}

static fm_status int_val(fm_ctx *ctx, const char *s, const char *what, int *out)
{
    long v;
    if (!*s)
        return FM_OK;
    if (fm_parse_long(ctx, s, &v) || v < -1 || v > 1000000)
        return fm_error(ctx, FM_EINVAL, "%s '%.40s' is not a valid whole number", what, s);
    *out = (int)v;
    return FM_OK;
}

/* The feature's stamp k (K_CREATED, K_UPDATED) into out; "" when it has
 * none. A frontiermap GeoPackage's DATETIME reads as UTC; a time with an
 * offset is moved to UTC; one without (unknown or local) is taken as UTC. */
static fm_status stamp_val(fm_ctx *ctx, ogr_map *m, OGRFeatureH f, int k, char *out)
{
    int y, mo, d, h, mi, tz;
    float sec;
    out[0] = '\0';
    if (m->col[k] < 0 || !m->api->OGR_F_IsFieldSetAndNotNull(f, m->col[k]))
        return FM_OK;
    /* a DATETIME field through GDAL; a text one (GeoJSON's, when not every
     * value is a date and time) read here */
    if (m->api->OGR_F_GetFieldAsDateTimeEx(f, m->col[k], &y, &mo, &d, &h, &mi, &sec, &tz)
            ? !fm_stamp_make(y, mo, d, h, mi, sec, tz > 1 ? (tz - 100) * 15 : 0, out)
            : !fm_stamp_parse(val(m, f, k, ctx), out))
        return fm_error(ctx, FM_EINVAL, "%s '%.40s' is not a date and time",
                        k == K_CREATED ? "created" : "updated", val(m, f, k, ctx));
    return FM_OK;
}

/* The record's own created and updated stamps, kept (provenance): either
 * alone stands for both (a record made and not changed since, or one whose
 * making is unknown); neither leaves them to the writer (the time of the
 * import). */
static fm_status feature_stamps(fm_ctx *ctx, ogr_map *m, OGRFeatureH f, fm_incident *inc)
{
    fm_status s;
    if ((s = stamp_val(ctx, m, f, K_CREATED, m->stamp[0])) ||
        (s = stamp_val(ctx, m, f, K_UPDATED, m->stamp[1])))
        return s;
    if (!m->stamp[0][0] != !m->stamp[1][0])
        memcpy(m->stamp[0][0] ? m->stamp[1] : m->stamp[0],
               m->stamp[0][0] ? m->stamp[0] : m->stamp[1], FM_STAMP_SIZE);
    inc->created = m->stamp[0][0] ? m->stamp[0] : NULL;
    inc->updated = m->stamp[1][0] ? m->stamp[1] : NULL;
    return FM_OK;
}

static fm_status feature_point(fm_ctx *ctx, ogr_map *m, OGRFeatureH f, fm_incident *inc)
{
    const fm_gdal *api = m->api;
    OGRGeometryH g = api->OGR_F_GetGeometryRef(f);
    double x, y, z = 0;
    const char *lat, *lon;
    if (g && !api->OGR_G_IsEmpty(g)) {
        if (api->OGR_GT_Flatten(api->OGR_G_GetGeometryType(g)) != wkbPoint)
            return fm_error(ctx, FM_EFORMAT, "the geometry is a %s, not a point",
                            api->OGR_G_GetGeometryName(g));
        x = api->OGR_G_GetX(g, 0);
        y = api->OGR_G_GetY(g, 0);
        if (m->ct && !api->OCTTransform(m->ct, 1, &x, &y, &z))
            return fm_error(ctx, FM_EINVAL, "cannot transform the point to WGS84");
        inc->lon = x;
        inc->lat = y;
        return FM_OK;
    }
    lat = val(m, f, K_LAT, ctx);
    lon = val(m, f, K_LON, ctx);
    if (*lat && fm_parse_double(ctx, lat, &inc->lat))
        return fm_error_prefix(ctx, FM_EINVAL, "latitude");
    if (*lon && fm_parse_double(ctx, lon, &inc->lon))
        return fm_error_prefix(ctx, FM_EINVAL, "longitude");
    return FM_OK;
}

static fm_status feature_row(fm_import_job *job, ogr_map *m, OGRFeatureH f, fm_incident *inc)
{
    fm_ctx *ctx = job->ctx;
    const char *d, *e, *src;
    fm_status s;
    fm_incident_clear(inc);
    src = val(m, f, K_SOURCE, ctx);
    inc->source = job->opts->source ? job->opts->source : *src ? src : job->source;
    inc->source_id = val(m, f, K_ID, ctx);
    inc->event_type = val(m, f, K_TYPE, ctx);
    inc->sub_event_type = val(m, f, K_SUB, ctx);
    inc->actor1 = val(m, f, K_A1, ctx);
    inc->actor2 = val(m, f, K_A2, ctx);
    inc->location = val(m, f, K_LOC, ctx);
    inc->admin1 = val(m, f, K_ADM1, ctx);
    inc->admin2 = val(m, f, K_ADM2, ctx);
    inc->country = val(m, f, K_COUNTRY, ctx);
    inc->claims = val(m, f, K_CLAIMS, ctx);
    inc->notes = val(m, f, K_NOTES, ctx);
    inc->citation = val(m, f, K_CIT, ctx);
    inc->tags = val(m, f, K_TAGS, ctx);
    inc->violence_type = val(m, f, K_VIOLENCE, ctx);
    inc->dyad = val(m, f, K_DYAD, ctx);
    inc->admin1_src = val(m, f, K_ADM1_SRC, ctx);
    inc->admin2_src = val(m, f, K_ADM2_SRC, ctx);
    d = val(m, f, K_DATE, ctx);
    e = val(m, f, K_DATE_END, ctx);
    if ((s = vals_check(ctx, m)))
        return s;
    if (!*d)
        return fm_error(ctx, FM_EINVAL, "no date");
    if (fm_date_parse(ctx, d, &inc->date_start) || (*e && fm_date_parse(ctx, e, &inc->date_end)))
        return FM_EINVAL;
    if (!*e)
        inc->date_end = inc->date_start;
    if ((s = int_val(ctx, val(m, f, K_DATE_PREC, ctx), "date precision", &inc->date_precision)) ||
        (s = int_val(ctx, val(m, f, K_GEO_PREC, ctx), "geo precision", &inc->geo_precision)) ||
        (s = int_val(ctx, val(m, f, K_GEO_PREC_SRC, ctx), "geo precision",
                     &inc->geo_precision_src)) ||
        (s = int_val(ctx, val(m, f, K_FAT, ctx), "fatalities", &inc->fatalities)) ||
        (s = int_val(ctx, val(m, f, K_LOW, ctx), "fatalities low", &inc->fatalities_low)) ||
        (s = int_val(ctx, val(m, f, K_HIGH, ctx), "fatalities high", &inc->fatalities_high)) ||
        (s = int_val(ctx, val(m, f, K_INJ, ctx), "injured", &inc->injured)) ||
        (s = int_val(ctx, val(m, f, K_CIV_DEATHS, ctx), "civilian deaths",
                     &inc->deaths_civilians)))
        return s;
    inc->civilian_targeting = fm_parse_flag(val(m, f, K_CIV, ctx));
    if (inc->civilian_targeting == -2)
        return fm_error(ctx, FM_EINVAL, "civilian_targeting is not yes/no");
    if ((s = fm_class_value(ctx, val(m, f, K_LOC_CLASS, ctx), 0, &inc->loc_precision)) ||
        (s = fm_class_value(ctx, val(m, f, K_DATE_CLASS, ctx), 1, &inc->date_class)))
        return s;
    if ((s = feature_point(ctx, m, f, inc)) || (s = feature_stamps(ctx, m, f, inc)))
        return s;
    if (!*inc->source_id) { /* stable ids from content, as for generic CSV */
        char day[11];
        uint64_t h = fm_hash_str(inc->location, fm_hash_str(inc->event_type, 14695981039346656037ULL));
        h = fm_hash_str(inc->notes, h) ^ (uint64_t)(inc->lon * 1e6) ^ ((uint64_t)(inc->lat * 1e6) << 20);
        fm_day_format(inc->date_start, day);
        fm_buf_reset(&job->scratch);
        fm_buf_printf(ctx, &job->scratch, "%s-%016llx", day, (unsigned long long)h);
        if ((s = fm_buf_check(ctx, &job->scratch)))
            return s;
        inc->source_id = fm_buf_str(&job->scratch);
    }
    return vals_check(ctx, m);
}

static void map_layer(ogr_map *m, OGRLayerH layer)
{
    const fm_gdal *api = m->api;
    OGRFeatureDefnH defn = api->OGR_L_GetLayerDefn(layer);
    OGRSpatialReferenceH srs = api->OGR_L_GetSpatialRef(layer), wgs;
    int n = api->OGR_FD_GetFieldCount(defn);
    for (int k = 0; k < K_COUNT; k++)
        m->col[k] = -1;
    for (int i = 0; i < n; i++) {
        const char *fname = api->OGR_Fld_GetNameRef(api->OGR_FD_GetFieldDefn(defn, i));
        for (size_t j = 0; j < sizeof names / sizeof names[0]; j++)
            if (!strcasecmp(fname, names[j].name) && m->col[names[j].k] < 0)
                m->col[names[j].k] = i;
    }
    m->ct = NULL;
    if (srs) {
        wgs = api->OSRNewSpatialReference(NULL);
        api->OSRImportFromEPSG(wgs, 4326);
        api->OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
        api->OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
        if (!api->OSRIsSame(srs, wgs))
            m->ct = api->OCTNewCoordinateTransformation(srs, wgs);
        api->OSRDestroySpatialReference(wgs);
    }
}

/* The FM_ABSENT_* groups of fields the layer does not have. */
static uint32_t absent_fields(const ogr_map *m)
{
    static const struct {
        int k;
        uint32_t bit;
    } fields[] = {
        {K_TYPE, FM_ABSENT_TYPE}, {K_SUB, FM_ABSENT_SUB_TYPE}, {K_CIV, FM_ABSENT_CIV},
        {K_A1, FM_ABSENT_ACTOR1}, {K_A2, FM_ABSENT_ACTOR2}, {K_LOC, FM_ABSENT_LOCATION},
        {K_ADM1, FM_ABSENT_ADMIN1}, {K_ADM2, FM_ABSENT_ADMIN2}, {K_COUNTRY, FM_ABSENT_COUNTRY},
        {K_DATE_PREC, FM_ABSENT_DATE_PREC}, {K_FAT, FM_ABSENT_FATALITIES},
        {K_LOW, FM_ABSENT_LOW}, {K_HIGH, FM_ABSENT_HIGH}, {K_INJ, FM_ABSENT_INJURED},
        {K_CLAIMS, FM_ABSENT_CLAIMS}, {K_NOTES, FM_ABSENT_NOTES}, {K_CIT, FM_ABSENT_CITATION},
        {K_TAGS, FM_ABSENT_TAGS}, {K_DYAD, FM_ABSENT_DYAD}, {K_CIV_DEATHS, FM_ABSENT_CIV_DEATHS}};
    uint32_t absent = 0;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (m->col[fields[i].k] < 0)
            absent |= fields[i].bit;
    if (m->col[K_GEO_PREC] < 0 && m->col[K_GEO_PREC_SRC] < 0)
        absent |= FM_ABSENT_GEO_PREC;
    return absent; /* points come from the geometry */
}

static fm_status read_layer(fm_import_job *job, const fm_gdal *api, OGRLayerH layer)
{
    ogr_map m;
    OGRFeatureH f;
    fm_incident inc;
    fm_status s = FM_OK;
    long no = 0;
    memset(&m, 0, sizeof m);
    m.api = api;
    map_layer(&m, layer);
    job->absent = absent_fields(&m);
    if (m.col[K_DATE] < 0)
        s = fm_error(job->ctx, FM_EFORMAT, "%s: no date field (date, date_start or event_date)",
                     job->path);
    api->OGR_L_ResetReading(layer);
    /* what GDAL says of a feature (a GeoPackage's DATETIME it cannot read,
     * "Invalid content for record 4 in column created") makes it a reject,
     * not a row with the field quietly left out */
    api->CPLPushErrorHandler(api->CPLQuietErrorHandler);
    while (!s) {
        api->CPLErrorReset();
        if (!(f = api->OGR_L_GetNextFeature(layer)))
            break;
        no++;
        fm_ctx_clear(job->ctx);
        if (api->CPLGetLastErrorType() != CE_None) {
            fm_error(job->ctx, FM_EINVAL, "cannot read the record: %s", api->CPLGetLastErrorMsg());
            s = fm_import_row(job, NULL, no, NULL);
        } else
            s = fm_import_row(job, feature_row(job, &m, f, &inc) ? NULL : &inc, no, NULL);
        api->OGR_F_Destroy(f);
    }
    api->CPLPopErrorHandler();
    for (int k = 0; k < K_COUNT; k++)
        fm_buf_free(&m.val[k]);
    if (m.ct)
        api->OCTDestroyCoordinateTransformation(m.ct);
    return s;
}

fm_status fm_import_ogr(fm_import_job *job)
{
    fm_gdal gdal, *api = &gdal;
    GDALDatasetH ds;
    OGRLayerH layer = NULL;
    fm_status s;
    if ((s = fm_gdal_load(job->ctx, api)))
        return s;
    api->CPLPushErrorHandler(api->CPLQuietErrorHandler);
    ds = api->GDALOpenEx(job->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    api->CPLPopErrorHandler();
    if (!ds)
        return fm_error(job->ctx, FM_EFORMAT, "cannot read '%s' as GeoJSON or GeoPackage: %s",
                        job->path, api->CPLGetLastErrorMsg()[0] ? api->CPLGetLastErrorMsg()
                                                                : "unknown format");
    layer = api->GDALDatasetGetLayerByName(ds, "incidents");
    if (!layer)
        layer = api->GDALDatasetGetLayer(ds, 0);
    s = layer ? read_layer(job, api, layer)
              : fm_error(job->ctx, FM_EFORMAT, "'%s' has no vector layer", job->path);
    api->GDALClose(ds);
    return s;
}
