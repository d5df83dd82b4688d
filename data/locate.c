/* locate.c: where a row lies: geocoding rows that name a place but carry no
 * coordinates (keeping the geocoder's precision), flagging coordinates that
 * fall outside the stated country (and noticing when swapping latitude and
 * longitude would fix them), and the distance to the border with its side. */
#include <math.h>
#include <string.h>
#include <strings.h>

#include "data/store_priv.h"

#ifndef FM_HAVE_LOCATE
#define FM_HAVE_LOCATE 1 /* 0: border distance only, no country check */
#endif

static void add_flag(fm_ctx *ctx, fm_buf *flags, const char *flag)
{
    if (flags->len)
        fm_buf_putc(ctx, flags, '|');
    fm_buf_puts(ctx, flags, flag);
}

/* The flags column's word for each doubt, so that map and export can tell
 * later which points were placed with one. */
static void add_doubt_flags(fm_ctx *ctx, fm_buf *flags, unsigned doubts)
{
    static const char *const words[] = {"geocode-spelling", "geocode-chosen",
                                        "geocode-ambiguous", "geocode-country",
                                        "geocode-fallback", "geocode-store"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (doubts & (1u << i))
            add_flag(ctx, flags, words[i]);
}

/* The location class of a geocoded row: the area the answer stands for (a
 * district or province seat, or a row that named only its district (i 1) or
 * province (i 2)), else how sure the match of the place itself was. */
static int geocoded_class(const fm_geocode_result *r, size_t i)
{
    fm_place_kind k = r->place ? r->place->kind : FM_PLACE_TOWN;
    if (k == FM_PLACE_PROVINCE || i == 2)
        return FM_LOC_PROVINCE;
    if (k == FM_PLACE_DISTRICT || i == 1 || r->precision >= 3)
        return FM_LOC_DISTRICT;
    return r->precision == 1 ? FM_LOC_EXACT : FM_LOC_NEAR;
}

/* Places a row by its location, else its admin2, else its admin1. A refused
 * location is said in the report with its candidates; when nothing places
 * the row, that refusal is the row's error (returned, message on ctx). */
static fm_status geocode_row(fm_ctx *ctx, fm_incident *inc, const fm_gazetteer *gz,
                             const fm_placememo *places, fm_geo_report *rep)
{
    const char *queries[] = {inc->location, inc->admin2, inc->admin1};
    fm_geocode_hint hint = {inc->admin1, inc->admin2, inc->country, 0, places, 0};
    fm_geocode_result r;
    fm_status st;
    for (size_t i = 0; i < 3; i++) {
        if (!queries[i] || !*queries[i])
            continue;
        st = fm_geocode(ctx, gz, queries[i], &hint, &r);
        if (st == FM_OK) {
            inc->lon = r.lon;
            inc->lat = r.lat;
            inc->geo_precision = i == 0 ? r.precision : i == 1 && r.precision < 2 ? 2 : 3;
            if (inc->geo_precision < r.precision)
                inc->geo_precision = r.precision;
            inc->loc_precision = geocoded_class(&r, i);
            rep->geocoded = 1;
            rep->doubts = r.flags | (rep->refused || i > 0 ? FM_GEOCODE_FALLBACK : 0);
            if (rep->refused) {
                fm_buf_printf(ctx, &rep->note, "; placed at %s %s instead, precision %d",
                              fm_place_kind_name(r.place->kind), r.place->name,
                              inc->geo_precision);
            } else if (r.flags) {
                fm_geocode_describe(ctx, queries[i], &r, &rep->note);
            }
            return FM_OK;
        }
        if (st == FM_ENOMEM)
            return st;
        if (i == 0 && st == FM_ENOTFOUND && r.nalt > 0) { /* refused, with candidates */
            rep->refused = 1;
            fm_buf_puts(ctx, &rep->note, fm_ctx_message(ctx));
        }
        fm_ctx_clear(ctx);
    }
    if (rep->refused)
        return fm_error(ctx, FM_ENOTFOUND, "no coordinates, and %s", fm_buf_str(&rep->note));
    return FM_OK;
}

#if FM_HAVE_LOCATE
/* What an import needs of fm_locate (country, border distance and side),
 * without the province and nearest-place searches it does not use. */
/* The ISO2 code of the country polygon holding the point, or NULL. */
static const char *country_at(const fm_basemap *bm, double lon, double lat)
{
    const char *iso2 = NULL;
    size_t ci = fm_basemap_find(bm, FM_LAYER_COUNTRIES, lon, lat);
    if (ci != (size_t)-1)
        fm_basemap_geom(bm, FM_LAYER_COUNTRIES, ci, &iso2, NULL);
    return iso2;
}

static int country_and_border(const fm_basemap *bm, double lon, double lat, fm_location *loc)
{
    memset(loc, 0, sizeof *loc);
    loc->country = country_at(bm, lon, lat);
    loc->border_km = fm_basemap_border_km(bm, lon, lat);
    if (loc->country && (!strcmp(loc->country, "PK") || !strcmp(loc->country, "AF")))
        loc->border_side = loc->country;
    return 1;
}

/* Real exports repeat the same coordinates (one town, many events): the
 * answer for an exact repeat comes from a small direct-mapped memo. */
static int locate_memo(fm_ctx *ctx, const fm_basemap *bm, fm_locate_memo *memo, double lon,
                       double lat, fm_location *loc)
{
    uint64_t a, b, h;
    fm_locate_slot *slot;
    (void)ctx;
    if (!memo)
        return country_and_border(bm, lon, lat, loc);
    memcpy(&a, &lon, 8);
    memcpy(&b, &lat, 8);
    h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL);
    slot = &memo->slots[(h >> 40) % FM_LOCATE_MEMO];
    if (slot->used && slot->lon == lon && slot->lat == lat) {
        *loc = slot->loc;
        return slot->ok;
    }
    slot->ok = country_and_border(bm, lon, lat, &slot->loc);
    slot->used = 1;
    slot->lon = lon;
    slot->lat = lat;
    *loc = slot->loc;
    return slot->ok;
}

static void check_country(fm_ctx *ctx, fm_incident *inc, const fm_basemap *bm, fm_buf *flags,
                          fm_locate_memo *memo, int *border_later)
{
    fm_location loc;
    const char *want = fm_country_code(inc->country), *swapped;
    if (border_later) { /* the country now, the distance on either thread later */
        memset(&loc, 0, sizeof loc);
        loc.country = country_at(bm, inc->lon, inc->lat);
        if (loc.country && (!strcmp(loc.country, "PK") || !strcmp(loc.country, "AF")))
            loc.border_side = loc.country;
        loc.border_km = NAN;
        *border_later = 1;
    } else if (!locate_memo(ctx, bm, memo, inc->lon, inc->lat, &loc)) {
        return;
    }
    inc->border_km = loc.border_km;
    inc->border_side = loc.border_side;
    if (!*want || (loc.country && !strcmp(loc.country, want)))
        return;
    add_flag(ctx, flags, "outside-country");
    /* only the country of the swapped point matters: its border distance,
     * thousands of km away, would cost a millisecond for nothing */
    swapped = fabs(inc->lon) <= 90 ? country_at(bm, inc->lat, inc->lon) : NULL;
    if (swapped && !strcmp(swapped, want))
        add_flag(ctx, flags, "possibly-swapped-lat-lon");
    fm_ctx_clear(ctx);
}
#endif

fm_status fm_incident_locate(fm_ctx *ctx, fm_incident *inc, const fm_gazetteer *gz,
                             const fm_placememo *places, const fm_basemap *bm,
                             fm_locate_memo *memo, fm_buf *flags, fm_geo_report *rep,
                             int *border_later)
{
    fm_status st;
    rep->geocoded = rep->refused = 0;
    rep->doubts = 0;
    fm_buf_reset(&rep->note);
    if (border_later)
        *border_later = 0;
    fm_buf_reset(flags);
    if (isnan(inc->lon) && isnan(inc->lat) && gz && inc->loc_precision != FM_LOC_NONE) {
        if ((st = geocode_row(ctx, inc, gz, places, rep)))
            return st;
        if (rep->geocoded) {
            add_flag(ctx, flags, "geocoded");
            add_doubt_flags(ctx, flags, rep->doubts);
        }
    }
#if FM_HAVE_LOCATE
    if (bm && isfinite(inc->lon) && isfinite(inc->lat) && fabs(inc->lat) <= 90 &&
        fabs(inc->lon) <= 180)
        check_country(ctx, inc, bm, flags, memo, border_later);
#else
    (void)memo;
    if (bm && isfinite(inc->lon) && isfinite(inc->lat) && fabs(inc->lat) <= 90 &&
        fabs(inc->lon) <= 180)
        inc->border_km = fm_basemap_border_km(bm, inc->lon, inc->lat);
#endif
    if (fm_buf_check(ctx, flags))
        return FM_ENOMEM;
    if (flags->len)
        inc->flags = fm_buf_str(flags);
    return FM_OK;
}

/* The memo's slot for inc's point. */
static fm_border_slot *border_slot(fm_border_memo *memo, const fm_incident *inc)
{
    uint64_t a, b, h;
    memcpy(&a, &inc->lon, 8);
    memcpy(&b, &inc->lat, 8);
    h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL);
    return &memo->slots[(h >> 40) % FM_LOCATE_MEMO];
}

void fm_incident_border_prefetch(const fm_basemap *bm, fm_border_memo *memo,
                                 const fm_incident *inc)
{
#if defined(__GNUC__)
    __builtin_prefetch(border_slot(memo, inc));
#endif
    fm_basemap_border_prefetch(bm, inc->lon, inc->lat);
}

void fm_incident_border(const fm_basemap *bm, fm_border_memo *memo, fm_incident *inc)
{
    fm_border_slot *slot = border_slot(memo, inc);
    if (!slot->used || slot->lon != inc->lon || slot->lat != inc->lat) {
        slot->km = fm_basemap_border_km(bm, inc->lon, inc->lat);
        slot->lon = inc->lon;
        slot->lat = inc->lat;
        slot->used = 1;
    }
    inc->border_km = slot->km;
}
