/* precision.c: one precision model for every source. Each incident keeps its
 * source's own codes (ACLED geo_precision and time_precision, GED where_prec
 * and date_prec) and, beside them, a location class (exact .. country, none)
 * and a date class (day, days, month, year) on one scale, which the commands
 * filter and report on. The mapping is in docs/DESIGN.md "Precision". */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "data/store_priv.h"

static const char *const loc_names[] = {NULL, "exact", "near", "district", "province",
                                        "country", "none"};
static const char *const date_names[] = {NULL, "day", "days", "month", "year"};

const char *fm_loc_class_name(int c)
{
    return c >= FM_LOC_EXACT && c <= FM_LOC_NONE ? loc_names[c] : NULL;
}

int fm_loc_class_parse(const char *s)
{
    for (int c = FM_LOC_EXACT; s && c <= FM_LOC_NONE; c++)
        if (!strcasecmp(s, loc_names[c]))
            return c;
    return -1;
}

const char *fm_date_class_name(int c)
{
    return c >= FM_DATE_DAY && c <= FM_DATE_YEAR ? date_names[c] : NULL;
}

int fm_date_class_parse(const char *s)
{
    for (int c = FM_DATE_DAY; s && c <= FM_DATE_YEAR; c++)
        if (!strcasecmp(s, date_names[c]))
            return c;
    return -1;
}

int fm_loc_from_ged(int where_prec)
{
    switch (where_prec) {
    case 1: return FM_LOC_EXACT;
    case 2: return FM_LOC_NEAR;     /* within about 25 km */
    case 3: return FM_LOC_DISTRICT; /* second-order unit */
    case 4: return FM_LOC_PROVINCE; /* first-order unit */
    case 5: return FM_LOC_PROVINCE; /* a linear feature or an area larger than a province */
    case 6: return FM_LOC_COUNTRY;  /* only the country: a nominal point */
    case 7: return FM_LOC_COUNTRY;  /* international waters or airspace */
    default: return -1;
    }
}

int fm_loc_from_acled(int geo_precision)
{
    /* ACLED: 1 the town itself; 2 near it or part of a district; 3 only the
     * province or a larger region (coded at its capital) */
    return geo_precision == 1 ? FM_LOC_EXACT : geo_precision == 2 ? FM_LOC_NEAR
           : geo_precision == 3 ? FM_LOC_PROVINCE : -1;
}

int fm_date_from_ged(int date_prec)
{
    /* GED: 1 the day; 2 a span of 2-6 days; 3 the week; 4 the month; 5 the
     * year or a span longer than a month */
    return date_prec == 1 ? FM_DATE_DAY : date_prec == 2 || date_prec == 3 ? FM_DATE_DAYS
           : date_prec == 4 ? FM_DATE_MONTH : date_prec == 5 ? FM_DATE_YEAR : -1;
}

/* The class the dates themselves imply: one day, a span of days, about a
 * month, longer. */
static int date_from_span(const fm_incident *inc)
{
    fm_day end = inc->date_end != FM_DAY_NONE ? inc->date_end : inc->date_start;
    long span = (long)(end - inc->date_start);
    return span <= 0 ? FM_DATE_DAY : span < 27 ? FM_DATE_DAYS : span <= 31 ? FM_DATE_MONTH
                                                                             : FM_DATE_YEAR;
}

void fm_incident_source_classes(fm_incident *inc)
{
    const char *src = inc->source ? inc->source : "";
    int ged = !strcmp(src, "ged") || inc->geo_precision_src >= 1;
    if (inc->loc_precision < FM_LOC_EXACT) {
        if (inc->geo_precision_src >= 1)
            inc->loc_precision = fm_loc_from_ged(inc->geo_precision_src);
        else if (!strcmp(src, "acled"))
            inc->loc_precision = fm_loc_from_acled(inc->geo_precision);
    }
    if (ged && inc->date_class < FM_DATE_DAY)
        inc->date_class = fm_date_from_ged(inc->date_precision);
}

void fm_incident_classify(fm_incident *inc)
{
    int has_point = isfinite(inc->lon) && isfinite(inc->lat), span;
    if (!has_point)
        inc->loc_precision = FM_LOC_NONE;
    else if (inc->loc_precision < FM_LOC_EXACT || inc->loc_precision >= FM_LOC_NONE) {
        if (inc->geo_precision_src >= 1)
            inc->loc_precision = fm_loc_from_ged(inc->geo_precision_src);
        else if (inc->geo_precision == 3)
            /* the ACLED scale's 3 is "district or province": the row says which */
            inc->loc_precision = inc->admin2 && *inc->admin2 ? FM_LOC_DISTRICT : FM_LOC_PROVINCE;
        else if (inc->geo_precision >= 1)
            inc->loc_precision = fm_loc_from_acled(inc->geo_precision);
        else
            inc->loc_precision = FM_LOC_EXACT; /* coordinates given without a precision */
    }
    if (inc->date_start == FM_DAY_NONE)
        return;
    if (inc->date_class < FM_DATE_DAY || inc->date_class > FM_DATE_YEAR)
        inc->date_class = inc->date_precision == 1 ? FM_DATE_DAY
                          : inc->date_precision == 2 ? FM_DATE_DAYS
                          : inc->date_precision == 3 ? FM_DATE_MONTH : -1;
    /* never finer than the dates: "11 and 12 October" is a span of days */
    span = date_from_span(inc);
    if (inc->date_class < span)
        inc->date_class = span;
}

fm_status fm_class_value(fm_ctx *ctx, const char *s, int date, int *out)
{
    if (!s || !*s)
        return FM_OK;
    if ((*out = date ? fm_date_class_parse(s) : fm_loc_class_parse(s)) < 0)
        return fm_error(ctx, FM_EINVAL, date ? "date_class '%.40s' is not day, days, month or year"
                                             : "loc_precision '%.40s' is not exact, near,"
                                               " district, province, country or none", s);
    return FM_OK;
}
