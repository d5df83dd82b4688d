/* columns.h: the one list of an incident's stored columns. The store's
 * schema (and its upgrade), the insert, update and select lists, the binding
 * and reading of rows, the hash of a row's content, the CSV and GeoJSON
 * exports and the merge of columns a file lacks are all generated from it:
 * to add a field, add it to fm_incident, append one line here (with the next
 * schema version as `since`), and bump FM_SCHEMA_VERSION (store_priv.h).
 *
 * X(name, kind, since, absent, canon, required), in the order of the table's columns:
 *   name    the column, and the fm_incident field of that name
 *   kind    s text; n a name as the source wrote it (exported as the canonical
 *           name `canon` where the source's spelling is not stored); i a count
 *           (int, -1 unknown, NULL stored); d a day (fm_day, ISO text); p a
 *           coordinate of the point (double, NAN unknown); r another real
 *           (NAN unknown); l a location class and c a date class (int codes,
 *           stored by name); k the creation and u the update time (set by the
 *           writer); h the content hash (not a field: the writer's)
 *   since   the schema version that added it (older stores get it by ALTER)
 *   absent  the FM_ABSENT_* bits under which a re-import from a file lacking
 *           them keeps the stored value (merge.c); 0: always written
 *   canon   kind n: the canonical field; others repeat their own name
 *   required 1: never NULL (NOT NULL in the schema)
 *
 * The content hash (fm_incident_hash) runs over the texts (s, n) and then
 * the numbers (d, i, p, r) in this order: reordering them changes the hash
 * of every stored row, so that a re-import would report every row updated. */
#ifndef FM_COLUMNS_H
#define FM_COLUMNS_H

#include <stddef.h>

#include "data/store_priv.h"

#define FM_INCIDENT_COLUMNS(X)                                                              \
    X(source, s, 1, 0, source, 1)                                                           \
    X(source_id, s, 1, 0, source_id, 1)                                                     \
    X(date_start, d, 1, 0, date_start, 0)                                                   \
    X(date_end, d, 1, 0, date_end, 0)                                                       \
    X(date_precision, i, 1, FM_ABSENT_DATE_PREC, date_precision, 0)                         \
    X(event_type, s, 1, FM_ABSENT_TYPE, event_type, 0)                                      \
    X(sub_event_type, s, 1, FM_ABSENT_SUB_TYPE, sub_event_type, 0)                          \
    X(actor1, s, 1, FM_ABSENT_ACTOR1, actor1, 0)                                            \
    X(actor2, s, 1, FM_ABSENT_ACTOR2, actor2, 0)                                            \
    X(location, s, 1, FM_ABSENT_LOCATION, location, 0)                                      \
    X(admin1, s, 1, FM_ABSENT_ADMIN1, admin1, 0)                                            \
    X(admin2, s, 1, FM_ABSENT_ADMIN2, admin2, 0)                                            \
    X(country, s, 1, FM_ABSENT_COUNTRY, country, 0)                                         \
    X(lon, p, 1, FM_ABSENT_POINT, lon, 0)                                                   \
    X(lat, p, 1, FM_ABSENT_POINT, lat, 0)                                                   \
    X(geo_precision, i, 1, FM_ABSENT_GEO_PREC | FM_ABSENT_POINT, geo_precision, 0)          \
    X(geo_precision_src, i, 1, FM_ABSENT_GEO_PREC | FM_ABSENT_POINT, geo_precision_src, 0)  \
    X(fatalities, i, 1, FM_ABSENT_FATALITIES, fatalities, 0)                                \
    X(fatalities_low, i, 1, FM_ABSENT_LOW, fatalities_low, 0)                               \
    X(fatalities_high, i, 1, FM_ABSENT_HIGH, fatalities_high, 0)                            \
    X(injured, i, 1, FM_ABSENT_INJURED, injured, 0)                                         \
    X(civilian_targeting, i, 1, FM_ABSENT_CIV, civilian_targeting, 0)                       \
    X(claims, s, 1, FM_ABSENT_CLAIMS, claims, 0)                                            \
    X(notes, s, 1, FM_ABSENT_NOTES, notes, 0)                                               \
    X(citation, s, 1, FM_ABSENT_CITATION, citation, 0)                                      \
    X(tags, s, 1, FM_ABSENT_TAGS, tags, 0)                                                  \
    /* flags record checks against the point, the country and the province */              \
    X(flags, s, 1, FM_ABSENT_POINT | FM_ABSENT_COUNTRY | FM_ABSENT_ADMIN1, flags, 0)        \
    X(border_km, r, 1, FM_ABSENT_POINT, border_km, 0)                                       \
    X(border_side, s, 1, FM_ABSENT_POINT, border_side, 0)                                   \
    X(created, k, 1, 0, created, 0)                                                         \
    X(updated, u, 1, 0, updated, 0)                                                         \
    X(content_hash, h, 1, 0, source, 0)                                                     \
    /* 2: the source's vocabulary and places as written (data/canon.c) */                   \
    X(violence_type, s, 2, FM_ABSENT_DYAD, violence_type, 0)                                \
    X(dyad, s, 2, FM_ABSENT_DYAD, dyad, 0)                                                  \
    X(deaths_civilians, i, 2, FM_ABSENT_CIV_DEATHS, deaths_civilians, 0)                    \
    X(admin1_src, n, 2, FM_ABSENT_ADMIN1, admin1, 0)                                        \
    X(admin2_src, n, 2, FM_ABSENT_ADMIN2, admin2, 0)                                        \
    /* 3: one precision model for every source (data/precision.c); an older store's      \
     * rows get their classes when the columns are added */                                 \
    X(loc_precision, l, 3, FM_ABSENT_GEO_PREC | FM_ABSENT_POINT, loc_precision, 0)          \
    X(date_class, c, 3, FM_ABSENT_DATE_PREC, date_class, 0)

/* SQL types by kind (a GeoPackage store; the PostGIS schema has its own). */
#define FM_COL_SQLTYPE_s "TEXT"
#define FM_COL_SQLTYPE_n "TEXT"
#define FM_COL_SQLTYPE_i "INTEGER"
#define FM_COL_SQLTYPE_d "DATE"
#define FM_COL_SQLTYPE_p "REAL"
#define FM_COL_SQLTYPE_r "REAL"
#define FM_COL_SQLTYPE_l "TEXT"
#define FM_COL_SQLTYPE_c "TEXT"
#define FM_COL_SQLTYPE_k "DATETIME"
#define FM_COL_SQLTYPE_u "DATETIME"
#define FM_COL_SQLTYPE_h "INTEGER"

/* The columns of the first schema, as a CREATE TABLE list (", name TYPE"). */
#define FM_COL_NOTNULL_0 ""
#define FM_COL_NOTNULL_1 " NOT NULL"
#define FM_COL_V1_1(name, type, req) ", " #name " " type FM_COL_NOTNULL_##req
#define FM_COL_V1_2(name, type, req)
#define FM_COL_V1_3(name, type, req)
#define FM_COL_V1(name, kind, since, absent, canon, req) \
    FM_COL_V1_##since(name, FM_COL_SQLTYPE_##kind, req)
#define FM_INCIDENT_COLUMNS_V1 FM_INCIDENT_COLUMNS(FM_COL_V1)

/* Where a field is in fm_incident ((size_t)-1 for the hash, not a field). */
#define FM_COL_OFF_s(name) offsetof(fm_incident, name)
#define FM_COL_OFF_n FM_COL_OFF_s
#define FM_COL_OFF_i FM_COL_OFF_s
#define FM_COL_OFF_d FM_COL_OFF_s
#define FM_COL_OFF_p FM_COL_OFF_s
#define FM_COL_OFF_r FM_COL_OFF_s
#define FM_COL_OFF_l FM_COL_OFF_s
#define FM_COL_OFF_c FM_COL_OFF_s
#define FM_COL_OFF_k FM_COL_OFF_s
#define FM_COL_OFF_u FM_COL_OFF_s
#define FM_COL_OFF_h(name) ((size_t)-1)

/* The list as data, for code that walks it at run time (columns.c). */
typedef struct {
    const char *name;
    char kind;        /* 's', 'n', 'i', ... as above */
    int since;
    unsigned absent;  /* FM_ABSENT_* bits */
    size_t off;       /* of the field in fm_incident; (size_t)-1 for 'h' */
    size_t canon_off; /* kind n: of the canonical field */
    const char *sqltype;
    int required;     /* NOT NULL */
} fm_column;

enum {
#define FM_COL_ENUM(name, kind, since, absent, canon, req) FM_COL_##name,
    FM_INCIDENT_COLUMNS(FM_COL_ENUM)
#undef FM_COL_ENUM
    FM_NCOLUMNS
};

extern const fm_column fm_columns[FM_NCOLUMNS];

/* Field accessors (c->off must not be (size_t)-1). */
#define FM_COL_STR(inc, c) (*(const char *const *)((const char *)(inc) + (c)->off))
#define FM_COL_INT(inc, c) (*(const int *)((const char *)(inc) + (c)->off))
#define FM_COL_DBL(inc, c) (*(const double *)((const char *)(inc) + (c)->off))
#define FM_COL_DAY(inc, c) (*(const fm_day *)((const char *)(inc) + (c)->off))

/* The text a column of kind l or c is stored as (NULL when unknown), and the
 * code a stored text stands for (-1 unknown). */
const char *fm_column_class_name(const fm_column *c, int code);
int fm_column_class_parse(const fm_column *c, const char *s);

#endif
