/* import_csv.c: reading ACLED, UCDP GED and generic CSV exports onto the
 * incident model. Columns are matched by name, case-insensitively, so old
 * and new ACLED layouts, UPPERCASE headers and subsets all work; GED's HDX
 * HXL row is skipped; a --map string renames columns for other files.
 * GED where_prec (1-7) is kept in geo_precision_src and mapped to ACLED's
 * scale: 1 exact -> 1; 2 within 25 km, 3 district -> 2; 4-7 province,
 * linear feature, country, waters -> 3. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/store_priv.h"

typedef enum {
    F_SOURCE_ID, F_SOURCE_ID2, F_DATE, F_DATE_END, F_DATE_PREC, F_EVENT_TYPE, F_SUB_TYPE,
    F_ACTOR1, F_ACTOR2, F_CIV, F_COUNTRY, F_ADMIN1, F_ADMIN2, F_LOCATION, F_LAT, F_LON,
    F_GEO_PREC, F_GEO_PREC_SRC, F_FATAL, F_FATAL_LOW, F_FATAL_HIGH, F_INJURED, F_CLAIMS,
    F_NOTES, F_CITATION, F_TAGS, F_SOURCE, F_TOV, F_RELID, F_WHERE_DESC, F_VIOLENCE, F_DYAD,
    F_CIV_DEATHS, F_ADMIN1_SRC, F_ADMIN2_SRC, F_DEATHS_A, F_HEADLINE, F_ARTICLE, F_LOC_CLASS,
    F_DATE_CLASS, F_COUNT
} field;

typedef struct {
    const char *name;
    field f;
} colname;

static const colname acled_cols[] = {
    {"event_id_cnty", F_SOURCE_ID}, {"event_id_no_cnty", F_SOURCE_ID2},
    {"event_date", F_DATE}, {"time_precision", F_DATE_PREC}, {"event_type", F_EVENT_TYPE},
    {"sub_event_type", F_SUB_TYPE}, {"actor1", F_ACTOR1}, {"actor2", F_ACTOR2},
    {"civilian_targeting", F_CIV}, {"country", F_COUNTRY}, {"admin1", F_ADMIN1},
    {"admin2", F_ADMIN2}, {"location", F_LOCATION}, {"latitude", F_LAT},
    {"longitude", F_LON}, {"geo_precision", F_GEO_PREC}, {"source", F_CITATION},
    {"notes", F_NOTES}, {"fatalities", F_FATAL}, {"tags", F_TAGS}, {NULL, F_COUNT}};

static const colname ged_cols[] = {
    {"id", F_SOURCE_ID}, {"relid", F_RELID}, {"date_start", F_DATE}, {"date_end", F_DATE_END},
    {"date_prec", F_DATE_PREC}, {"type_of_violence", F_TOV}, {"side_a", F_ACTOR1},
    {"side_b", F_ACTOR2}, {"country", F_COUNTRY}, {"adm_1", F_ADMIN1}, {"adm_2", F_ADMIN2},
    {"where_coordinates", F_LOCATION}, {"where_description", F_WHERE_DESC},
    {"latitude", F_LAT}, {"longitude", F_LON}, {"where_prec", F_GEO_PREC_SRC},
    {"best", F_FATAL}, {"low", F_FATAL_LOW}, {"high", F_FATAL_HIGH},
    {"conflict_name", F_TAGS}, {"source_office", F_CITATION}, {"dyad_name", F_DYAD},
    {"deaths_civilians", F_CIV_DEATHS}, {"deaths_a", F_DEATHS_A},
    {"source_headline", F_HEADLINE}, {"source_article", F_ARTICLE}, {NULL, F_COUNT}};

/* Generic files: our own column names first, then common synonyms. */
static const colname generic_cols[] = {
    {"source_id", F_SOURCE_ID}, {"id", F_SOURCE_ID}, {"event_id", F_SOURCE_ID},
    {"event_id_cnty", F_SOURCE_ID}, {"date_start", F_DATE}, {"date", F_DATE},
    {"event_date", F_DATE}, {"when", F_DATE}, {"date_end", F_DATE_END},
    {"date_precision", F_DATE_PREC}, {"time_precision", F_DATE_PREC},
    {"event_type", F_EVENT_TYPE}, {"type", F_EVENT_TYPE}, {"sub_event_type", F_SUB_TYPE},
    {"sub_type", F_SUB_TYPE}, {"actor1", F_ACTOR1}, {"actor", F_ACTOR1},
    {"perpetrator", F_ACTOR1}, {"actor2", F_ACTOR2}, {"target", F_ACTOR2},
    {"civilian_targeting", F_CIV}, {"country", F_COUNTRY}, {"admin1", F_ADMIN1},
    {"province", F_ADMIN1}, {"state", F_ADMIN1}, {"admin2", F_ADMIN2},
    {"district", F_ADMIN2}, {"location", F_LOCATION}, {"place", F_LOCATION},
    {"town", F_LOCATION}, {"village", F_LOCATION}, {"city", F_LOCATION},
    {"lat", F_LAT}, {"latitude", F_LAT}, {"y", F_LAT}, {"lon", F_LON}, {"lng", F_LON},
    {"long", F_LON}, {"longitude", F_LON}, {"x", F_LON}, {"geo_precision", F_GEO_PREC},
    {"fatalities_best", F_FATAL}, {"fatalities", F_FATAL}, {"killed", F_FATAL},
    {"deaths", F_FATAL}, {"dead", F_FATAL}, {"best", F_FATAL}, {"fatalities_low", F_FATAL_LOW},
    {"fatalities_high", F_FATAL_HIGH}, {"injured", F_INJURED}, {"wounded", F_INJURED},
    {"claims", F_CLAIMS}, {"notes", F_NOTES}, {"description", F_NOTES},
    {"citation", F_CITATION}, {"reference", F_CITATION}, {"url", F_CITATION},
    {"tags", F_TAGS}, {"source", F_SOURCE}, {"violence_type", F_VIOLENCE}, {"dyad", F_DYAD},
    {"deaths_civilians", F_CIV_DEATHS}, {"civilian_deaths", F_CIV_DEATHS},
    {"admin1_src", F_ADMIN1_SRC}, {"admin2_src", F_ADMIN2_SRC}, {"loc_precision", F_LOC_CLASS},
    {"location_precision", F_LOC_CLASS}, {"date_class", F_DATE_CLASS}, {NULL, F_COUNT}};

/* Our field names for --map keys. */
static const colname map_keys[] = {
    {"source_id", F_SOURCE_ID}, {"id", F_SOURCE_ID}, {"date", F_DATE},
    {"date_start", F_DATE}, {"date_end", F_DATE_END}, {"date_precision", F_DATE_PREC},
    {"type", F_EVENT_TYPE}, {"event_type", F_EVENT_TYPE}, {"sub_type", F_SUB_TYPE},
    {"sub_event_type", F_SUB_TYPE}, {"actor1", F_ACTOR1}, {"actor2", F_ACTOR2},
    {"civilian_targeting", F_CIV}, {"country", F_COUNTRY}, {"admin1", F_ADMIN1},
    {"admin2", F_ADMIN2}, {"location", F_LOCATION}, {"place", F_LOCATION}, {"lat", F_LAT},
    {"lon", F_LON}, {"geo_precision", F_GEO_PREC}, {"fatalities", F_FATAL},
    {"killed", F_FATAL}, {"fatalities_low", F_FATAL_LOW}, {"fatalities_high", F_FATAL_HIGH},
    {"injured", F_INJURED}, {"claims", F_CLAIMS}, {"notes", F_NOTES},
    {"citation", F_CITATION}, {"tags", F_TAGS}, {"source", F_SOURCE},
    {"violence_type", F_VIOLENCE}, {"dyad", F_DYAD}, {"deaths_civilians", F_CIV_DEATHS},
    {"loc_precision", F_LOC_CLASS}, {"date_class", F_DATE_CLASS}, {NULL, F_COUNT}};

typedef struct {
    fm_format fmt;
    int col[F_COUNT]; /* column index of each field, -1 when absent */
    fm_csv *csv;
    size_t ncols;
} reader;

static const char *get(const reader *r, field f)
{
    int c = r->col[f];
    const char *s;
    if (c < 0)
        return "";
    s = fm_csv_field(r->csv, (size_t)c);
    return s ? s : "";
}

static fm_status map_columns(fm_ctx *ctx, reader *r, const colname *table, const char *mapping)
{
    size_t i, k;
    for (k = 0; k < F_COUNT; k++)
        r->col[k] = -1;
    for (i = 0; i < r->ncols; i++) {
        const char *h = fm_csv_field(r->csv, i);
        for (k = 0; table[k].name; k++)
            if (!strcasecmp(h, table[k].name) && r->col[table[k].f] < 0)
                r->col[table[k].f] = (int)i;
    }
    while (mapping && *mapping) { /* "lat=Y,lon=X" */
        const char *eq = strchr(mapping, '='), *end = strchr(mapping, ',');
        size_t klen, vlen;
        int found = -1;
        if (!end)
            end = mapping + strlen(mapping);
        if (!eq || eq > end)
            return fm_error(ctx, FM_EUSAGE, "invalid --map '%s': expected field=column,...",
                            mapping);
        klen = (size_t)(eq - mapping);
        vlen = (size_t)(end - eq - 1);
        for (i = 0; i < r->ncols; i++)
            if (strlen(fm_csv_field(r->csv, i)) == vlen &&
                !strncasecmp(fm_csv_field(r->csv, i), eq + 1, vlen))
                found = (int)i;
        for (k = 0; map_keys[k].name; k++)
            if (strlen(map_keys[k].name) == klen && !strncasecmp(map_keys[k].name, mapping, klen))
                break;
        if (!map_keys[k].name)
            return fm_error(ctx, FM_EUSAGE, "invalid --map: unknown field '%.*s'", (int)klen,
                            mapping);
        if (found < 0)
            return fm_error(ctx, FM_EUSAGE, "invalid --map: the file has no column '%.*s'",
                            (int)vlen, eq + 1);
        r->col[map_keys[k].f] = found;
        mapping = *end ? end + 1 : end;
    }
    return FM_OK;
}

static int has_col(const fm_csv *csv, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(fm_csv_field(csv, i), name))
            return 1;
    return 0;
}

static fm_format detect_header(const fm_csv *csv, size_t n)
{
    if (has_col(csv, n, "event_id_cnty") ||
        (has_col(csv, n, "event_date") && has_col(csv, n, "geo_precision")))
        return FM_FORMAT_ACLED;
    if (has_col(csv, n, "type_of_violence") || (has_col(csv, n, "where_prec") &&
                                                has_col(csv, n, "best")))
        return FM_FORMAT_GED;
    return FM_FORMAT_CSV;
}

/* ---- field parsers (a bad value is a row error naming the column) -------- */

static fm_status parse_int(fm_ctx *ctx, const char *s, const char *what, int *out)
{
    long v;
    double d;
    if (!*s)
        return FM_OK;
    if (fm_parse_long(ctx, s, &v) == FM_OK) {
        if (v < -1000000000L || v > 1000000000L)
            return fm_error(ctx, FM_ERANGE, "%s '%s' is out of range", what, s);
        *out = (int)v;
        return FM_OK;
    }
    /* "12.0" from spreadsheets is fine; "12.5" is not */
    if (fm_parse_double(ctx, s, &d) == FM_OK && d == floor(d) && fabs(d) < 1e9) {
        fm_ctx_clear(ctx);
        *out = (int)d;
        return FM_OK;
    }
    return fm_error(ctx, FM_EINVAL, "%s '%.40s' is not a whole number", what, s);
}

static fm_status parse_coord(fm_ctx *ctx, const char *s, const char *what, double *out)
{
    if (!*s)
        return FM_OK;
    if (fm_parse_double(ctx, s, out))
        return fm_error(ctx, FM_EINVAL, "%s '%.40s' is not a number", what, s);
    return FM_OK;
}

static fm_status parse_dates(fm_ctx *ctx, const reader *r, fm_incident *inc)
{
    const char *d = get(r, F_DATE), *e = get(r, F_DATE_END);
    if (!*d)
        return r->col[F_DATE] < 0 ? fm_error(ctx, FM_EINVAL, "the file has no date column")
                                  : fm_error(ctx, FM_EINVAL, "no date");
    /* the common forms read fast: "2025-10-01", and GED's "2009-01-01
     * 00:00:00.000"; anything else, text after a date included, goes through
     * the strict parser */
    if ((inc->date_start = fm_day_from_iso(d)) == FM_DAY_NONE ||
        (d[10] && strcmp(d + 10, " 00:00:00.000") != 0)) {
        if (fm_date_parse(ctx, d, &inc->date_start))
            return FM_EINVAL;
    }
    if (*e && fm_date_parse(ctx, e, &inc->date_end))
        return fm_error_prefix(ctx, FM_EINVAL, "end date");
    if (!*e)
        inc->date_end = inc->date_start;
    return FM_OK;
}

static fm_status parse_numbers(fm_ctx *ctx, const reader *r, fm_incident *inc)
{
    fm_status s;
    if ((s = parse_coord(ctx, get(r, F_LAT), "latitude", &inc->lat)) ||
        (s = parse_coord(ctx, get(r, F_LON), "longitude", &inc->lon)) ||
        (s = parse_int(ctx, get(r, F_DATE_PREC), "date precision", &inc->date_precision)) ||
        (s = parse_int(ctx, get(r, F_GEO_PREC), "geo precision", &inc->geo_precision)) ||
        (s = parse_int(ctx, get(r, F_GEO_PREC_SRC), "geo precision", &inc->geo_precision_src)) ||
        (s = parse_int(ctx, get(r, F_FATAL), "fatalities", &inc->fatalities)) ||
        (s = parse_int(ctx, get(r, F_FATAL_LOW), "fatalities low", &inc->fatalities_low)) ||
        (s = parse_int(ctx, get(r, F_FATAL_HIGH), "fatalities high", &inc->fatalities_high)) ||
        (s = parse_int(ctx, get(r, F_INJURED), "injured", &inc->injured)) ||
        (s = parse_int(ctx, get(r, F_CIV_DEATHS), "civilian deaths", &inc->deaths_civilians)))
        return s;
    if (inc->fatalities < -1 || inc->fatalities_low < -1 || inc->fatalities_high < -1 ||
        inc->injured < -1 || inc->deaths_civilians < -1)
        return fm_error(ctx, FM_ERANGE, "negative count of people");
    if (isnan(inc->lat) != isnan(inc->lon))
        return fm_error(ctx, FM_EINVAL, "only one of latitude and longitude is given");
    return FM_OK;
}

/* GED: type_of_violence kept as GED's own typology, and the ACLED type
 * where the event's data support one (ged_types.c), or GED's own words with
 * --ged-types ucdp; where_prec -> ACLED scale. */
static fm_status ged_specifics(fm_import_job *job, const reader *r, fm_incident *inc)
{
    static const char *const own[] = {"State-based violence", "Non-state violence",
                                      "One-sided violence"};
    const char *tov = get(r, F_TOV);
    int gp = inc->geo_precision_src, t = 0;
    fm_ged_event ev;
    if (*tov && (tov[1] || tov[0] < '1' || tov[0] > '3'))
        return fm_error(job->ctx, FM_EINVAL, "type_of_violence '%.20s' is not 1, 2 or 3", tov);
    if (*tov) {
        t = tov[0] - '0';
        inc->violence_type = t == 1 ? "state-based" : t == 2 ? "non-state" : "one-sided";
        memset(&ev, 0, sizeof ev);
        ev.type_of_violence = t;
        ev.side_a = inc->actor1;
        ev.country = inc->country;
        ev.deaths_a = -1;
        if (*get(r, F_DEATHS_A) &&
            parse_int(job->ctx, get(r, F_DEATHS_A), "deaths_a", &ev.deaths_a))
            return FM_EINVAL;
        ev.text[0] = get(r, F_HEADLINE);
        ev.text[1] = get(r, F_ARTICLE);
        ev.text[2] = get(r, F_WHERE_DESC);
        fm_ged_acled_type(&ev, inc);
        if (job->opts->ged_types == FM_GED_TYPES_UCDP) {
            inc->event_type = own[t - 1];
            inc->sub_event_type = NULL;
        }
    }
    if (gp >= 1)
        inc->geo_precision = gp == 1 ? 1 : gp <= 3 ? 2 : 3;
    inc->loc_precision = fm_loc_from_ged(gp);
    inc->date_class = fm_date_from_ged(inc->date_precision);
    return FM_OK;
}

static fm_status fill_row(fm_import_job *job, const reader *r, fm_incident *inc)
{
    fm_ctx *ctx = job->ctx;
    fm_status s;
    const char *civ;
    fm_incident_clear(inc);
    inc->source = job->opts->source ? job->opts->source
                  : *get(r, F_SOURCE) && r->fmt == FM_FORMAT_CSV ? get(r, F_SOURCE)
                                                                 : job->source;
    inc->source_id = *get(r, F_SOURCE_ID) ? get(r, F_SOURCE_ID) : get(r, F_SOURCE_ID2);
    inc->event_type = get(r, F_EVENT_TYPE);
    inc->sub_event_type = get(r, F_SUB_TYPE);
    inc->actor1 = get(r, F_ACTOR1);
    inc->actor2 = get(r, F_ACTOR2);
    inc->country = get(r, F_COUNTRY);
    inc->admin1 = get(r, F_ADMIN1);
    inc->admin2 = get(r, F_ADMIN2);
    inc->location = get(r, F_LOCATION);
    inc->claims = get(r, F_CLAIMS);
    inc->notes = r->fmt == FM_FORMAT_GED ? get(r, F_WHERE_DESC) : get(r, F_NOTES);
    inc->citation = get(r, F_CITATION);
    inc->tags = get(r, F_TAGS);
    inc->violence_type = get(r, F_VIOLENCE);
    inc->dyad = get(r, F_DYAD);
    inc->admin1_src = get(r, F_ADMIN1_SRC);
    inc->admin2_src = get(r, F_ADMIN2_SRC);
    if ((s = parse_dates(ctx, r, inc)) || (s = parse_numbers(ctx, r, inc)))
        return s;
    civ = get(r, F_CIV);
    inc->civilian_targeting = fm_parse_flag(civ);
    if (inc->civilian_targeting == -2)
        return fm_error(ctx, FM_EINVAL, "civilian_targeting '%.40s' is not yes/no", civ);
    if (r->fmt == FM_FORMAT_ACLED && inc->civilian_targeting < 0 && r->col[F_CIV] >= 0)
        inc->civilian_targeting = 0; /* ACLED leaves the column blank for "no" */
    if (r->fmt == FM_FORMAT_GED && (s = ged_specifics(job, r, inc)))
        return s;
    if (r->fmt == FM_FORMAT_ACLED)
        inc->loc_precision = fm_loc_from_acled(inc->geo_precision);
    if ((s = fm_class_value(ctx, get(r, F_LOC_CLASS), 0, &inc->loc_precision)) ||
        (s = fm_class_value(ctx, get(r, F_DATE_CLASS), 1, &inc->date_class)))
        return s;
    return FM_OK;
}

/* Generic rows without an id get one from their content, so re-importing the
 * same file finds the same rows. */
static fm_status derive_id(fm_import_job *job, fm_incident *inc)
{
    char day[11];
    uint64_t h = 1469598103934665603ULL;
    fm_day_format(inc->date_start, day);
    h = fm_hash_str(day, h);
    h = fm_hash_str(inc->location, h);
    h = fm_hash_str(inc->event_type, h);
    h = fm_hash_str(inc->actor1, h);
    h = fm_hash_str(inc->notes, h);
    fm_buf_reset(&job->scratch);
    fm_buf_printf(job->ctx, &job->scratch, "%s-%016llx", day, (unsigned long long)h);
    inc->source_id = fm_buf_str(&job->scratch);
    return fm_buf_check(job->ctx, &job->scratch);
}

static int is_hxl_row(const fm_csv *csv, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *f = fm_csv_field(csv, i);
        if (*f)
            return *f == '#';
    }
    return 0;
}

static fm_status read_rows(fm_import_job *job, reader *r)
{
    fm_incident inc;
    size_t n;
    fm_status s;
    long rows = 0;
    char msg[96];
    snprintf(msg, sizeof msg, "importing %s", strrchr(job->path, '/') ? strrchr(job->path, '/') + 1
                                                                       : job->path);
    fm_utf8_repair(msg);
    while ((s = fm_csv_next(job->ctx, r->csv, &n)) == FM_OK && n > 0) {
        long line = fm_csv_line(r->csv);
        if (rows == 0 && is_hxl_row(r->csv, n))
            continue;
        rows++;
        job->row_nfields = n;
        if (n != r->ncols) {
            fm_error(job->ctx, FM_EFORMAT, "%zu fields where the header has %zu", n, r->ncols);
        } else if (fill_row(job, r, &inc) == FM_OK) {
            if (!*inc.source_id && r->fmt == FM_FORMAT_CSV && (s = derive_id(job, &inc)))
                return s;
            fm_ctx_clear(job->ctx);
        }
        if ((s = fm_import_row(job, fm_ctx_status(job->ctx) ? NULL : &inc, line, r->csv)))
            return s;
        if ((rows & 16383) == 0 && fm_csv_size(r->csv) &&
            (s = fm_progress(job->ctx, (double)fm_csv_offset(r->csv) / fm_csv_size(r->csv), msg)))
            return s;
    }
    if (!s && rows == 0)
        return fm_error(job->ctx, FM_EFORMAT, "'%s' has a header but no rows", job->path);
    return s;
}

/* The FM_ABSENT_* groups of columns the file does not carry at all. */
static uint32_t absent_columns(const reader *r)
{
    static const struct {
        field f;
        uint32_t bit;
    } cols[] = {
        {F_EVENT_TYPE, FM_ABSENT_TYPE}, {F_SUB_TYPE, FM_ABSENT_SUB_TYPE}, {F_CIV, FM_ABSENT_CIV},
        {F_ACTOR1, FM_ABSENT_ACTOR1}, {F_ACTOR2, FM_ABSENT_ACTOR2},
        {F_LOCATION, FM_ABSENT_LOCATION}, {F_ADMIN1, FM_ABSENT_ADMIN1},
        {F_ADMIN2, FM_ABSENT_ADMIN2}, {F_COUNTRY, FM_ABSENT_COUNTRY},
        {F_DATE_PREC, FM_ABSENT_DATE_PREC}, {F_FATAL, FM_ABSENT_FATALITIES},
        {F_FATAL_LOW, FM_ABSENT_LOW}, {F_FATAL_HIGH, FM_ABSENT_HIGH},
        {F_INJURED, FM_ABSENT_INJURED}, {F_CLAIMS, FM_ABSENT_CLAIMS}, {F_NOTES, FM_ABSENT_NOTES},
        {F_CITATION, FM_ABSENT_CITATION}, {F_TAGS, FM_ABSENT_TAGS}, {F_DYAD, FM_ABSENT_DYAD},
        {F_CIV_DEATHS, FM_ABSENT_CIV_DEATHS}};
    uint32_t absent = 0, from_tov = FM_ABSENT_TYPE | FM_ABSENT_SUB_TYPE | FM_ABSENT_CIV;
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (r->col[cols[i].f] < 0)
            absent |= cols[i].bit;
    if (r->col[F_LAT] < 0 || r->col[F_LON] < 0)
        absent |= FM_ABSENT_POINT;
    if (r->col[F_GEO_PREC] < 0 && r->col[F_GEO_PREC_SRC] < 0)
        absent |= FM_ABSENT_GEO_PREC;
    if (r->col[F_VIOLENCE] >= 0 || r->col[F_TOV] >= 0) /* GED's typology: either column */
        absent &= ~(uint32_t)FM_ABSENT_DYAD;
    if (r->fmt == FM_FORMAT_GED) { /* type and civilians come from type_of_violence */
        absent &= ~(from_tov | FM_ABSENT_NOTES);
        absent |= r->col[F_TOV] < 0 ? from_tov : 0;
        absent |= r->col[F_WHERE_DESC] < 0 ? FM_ABSENT_NOTES : 0;
    }
    return absent;
}

fm_status fm_import_csv(fm_import_job *job, fm_format fmt)
{
    reader r;
    fm_status s;
    const char *names[1024];
    memset(&r, 0, sizeof r);
    if ((s = fm_csv_open(job->ctx, job->path, &r.csv)))
        return s;
    if ((s = fm_csv_next(job->ctx, r.csv, &r.ncols)) || r.ncols == 0) {
        fm_csv_close(r.csv);
        return s ? s : fm_error(job->ctx, FM_EFORMAT, "'%s' is empty", job->path);
    }
    r.fmt = fmt == FM_FORMAT_AUTO ? detect_header(r.csv, r.ncols) : fmt;
    job->source = r.fmt == FM_FORMAT_ACLED ? "acled" : r.fmt == FM_FORMAT_GED ? "ged" : "csv";
    /* a binary or Latin-1 file shows in its header first */
    for (size_t i = 0; !s && i < r.ncols; i++)
        if (fm_utf8_check(job->ctx, "the header", fm_csv_field(r.csv, i)))
            s = fm_error_prefix(job->ctx, FM_EFORMAT, "%s:%ld", job->path, fm_csv_line(r.csv));
    if (!s)
        s = map_columns(job->ctx, &r, r.fmt == FM_FORMAT_ACLED ? acled_cols
                                      : r.fmt == FM_FORMAT_GED ? ged_cols : generic_cols,
                        job->opts->mapping);
    if (!s && r.col[F_DATE] < 0)
        s = fm_error(job->ctx, FM_EFORMAT, "%s: no date column (looked for %s); name it with"
                     " --map date=COLUMN", job->path,
                     r.fmt == FM_FORMAT_ACLED ? "event_date" : r.fmt == FM_FORMAT_GED ? "date_start"
                                                                : "date, event_date, date_start");
    if (!s && r.col[F_LAT] < 0 && r.col[F_LOCATION] < 0 && r.col[F_ADMIN2] < 0)
        s = fm_error(job->ctx, FM_EFORMAT, "%s: no coordinates (latitude/longitude) and no"
                     " place column; name them with --map lat=COLUMN,lon=COLUMN", job->path);
    if (!s && (r.fmt == FM_FORMAT_ACLED || r.fmt == FM_FORMAT_GED) && r.col[F_SOURCE_ID] < 0 &&
        r.col[F_SOURCE_ID2] < 0)
        s = fm_error(job->ctx, FM_EFORMAT, "%s: no event id column (%s)", job->path,
                     r.fmt == FM_FORMAT_ACLED ? "event_id_cnty" : "id");
    if (!s) {
        size_t k = r.ncols < 1024 ? r.ncols : 1024;
        for (size_t i = 0; i < k; i++)
            names[i] = fm_csv_field(r.csv, i);
        fm_import_set_header(job, names, k);
        job->absent = absent_columns(&r);
        s = read_rows(job, &r);
    }
    fm_csv_close(r.csv);
    return s;
}

fm_status fm_import_detect(fm_ctx *ctx, const char *path, fm_format *out)
{
    unsigned char head[64] = {0};
    size_t n = 0, i = 0;
    FILE *f = fopen(path, "rb");
    const char *dot = strrchr(path, '.');
    *out = FM_FORMAT_AUTO;
    if (f) {
        n = fread(head, 1, sizeof head - 1, f);
        fclose(f);
    }
    if (n >= 16 && !memcmp(head, "SQLite format 3", 15)) {
        *out = FM_FORMAT_GPKG;
        return FM_OK;
    }
    if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < n && isspace(head[i]))
        i++;
    if ((i < n && head[i] == '{') ||
        (dot && (!strcasecmp(dot, ".geojson") || !strcasecmp(dot, ".json"))))
        *out = FM_FORMAT_GEOJSON;
    else if (dot && !strcasecmp(dot, ".gpkg"))
        *out = FM_FORMAT_GPKG;
    (void)ctx;
    return FM_OK;
}
