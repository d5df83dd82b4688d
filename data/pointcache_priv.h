/* pointcache_priv.h: the packed point record shared by pointcache.c (the
 * copy built whole) and pointcache_patch.c (the copy patched after a small
 * write). See pointcache.c for what the copy is for. */
#ifndef FM_POINTCACHE_PRIV_H
#define FM_POINTCACHE_PRIV_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "data/store_priv.h"

#define PC_MIN_ROWS 50000  /* smaller stores read their rows directly */
#define PC_CHUNK 65536     /* points per blob */
#define PC_REC 48          /* bytes per point, see fm_pc_rec_put */
#define PC_MAX_SOURCES 65535
#define PC_NULL_INT INT32_MIN

/* One point: fid, lon, lat, border_km (NAN: none), first and last day,
 * fatalities (PC_NULL_INT: unknown), source index, geo precision (-1 none),
 * border side (0 none, 1 PK, 2 AF, 3 another value) and location class
 * (fm_loc_class, 0 unknown) sharing the last byte. Native byte order: the
 * copy is rebuilt by whichever machine writes the store. Records of a copy
 * are in fid order, across its chunks too. */
typedef struct {
    int64_t fid;
    double lon, lat, border_km;
    int32_t day0, day1, fatalities;
    uint16_t source;
    int8_t geo_precision, side, loc;
} pc_rec;

static inline void fm_pc_rec_put(unsigned char *b, const pc_rec *r)
{
    memcpy(b, &r->fid, 8);
    memcpy(b + 8, &r->lon, 8);
    memcpy(b + 16, &r->lat, 8);
    memcpy(b + 24, &r->border_km, 8);
    memcpy(b + 32, &r->day0, 4);
    memcpy(b + 36, &r->day1, 4);
    memcpy(b + 40, &r->fatalities, 4);
    memcpy(b + 44, &r->source, 2);
    memcpy(b + 46, &r->geo_precision, 1);
    b[47] = (unsigned char)((r->side & 0x0f) | ((r->loc & 0x0f) << 4));
}

static inline void fm_pc_rec_get(const unsigned char *b, pc_rec *r)
{
    memcpy(&r->fid, b, 8);
    memcpy(&r->lon, b + 8, 8);
    memcpy(&r->lat, b + 16, 8);
    memcpy(&r->border_km, b + 24, 8);
    memcpy(&r->day0, b + 32, 4);
    memcpy(&r->day1, b + 36, 4);
    memcpy(&r->fatalities, b + 40, 4);
    memcpy(&r->source, b + 44, 2);
    memcpy(&r->geo_precision, b + 46, 1);
    r->side = (int8_t)(b[47] & 0x0f);
    r->loc = (int8_t)(b[47] >> 4);
}

static inline int8_t fm_pc_side_code(const unsigned char *s)
{
    if (!s)
        return 0;
    return !strcmp((const char *)s, "PK") ? 1 : !strcmp((const char *)s, "AF") ? 2 : 3;
}

/* The record of a row as written (all but its source index); 0 when the
 * copy cannot hold it exactly (no start date): then there is no copy. */
static inline int fm_pc_rec_from_incident(pc_rec *r, int64_t fid, const fm_incident *inc)
{
    int xy = isfinite(inc->lon) && isfinite(inc->lat);
    r->fid = fid;
    r->lon = xy ? inc->lon : NAN;
    r->lat = xy ? inc->lat : NAN;
    r->border_km = isfinite(inc->border_km) ? inc->border_km : NAN;
    r->day0 = inc->date_start;
    r->day1 = inc->date_end != FM_DAY_NONE ? inc->date_end : inc->date_start;
    r->fatalities = inc->fatalities >= 0 ? inc->fatalities : PC_NULL_INT;
    r->geo_precision = (int8_t)(inc->geo_precision >= 0 ? inc->geo_precision & 0x7f : -1);
    r->side = fm_pc_side_code((const unsigned char *)(inc->border_side && *inc->border_side
                                                          ? inc->border_side : NULL));
    r->loc = (int8_t)(inc->loc_precision > 0 ? inc->loc_precision : 0);
    r->source = 0;
    return r->day0 != FM_DAY_NONE;
}

#endif
