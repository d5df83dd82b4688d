/* incident.c: the rules every incident obeys whatever its origin (import,
 * add, built-in): validation with plain-words reasons, the content hash that
 * tells an unchanged re-import, geocoding and border checks of a row, and the
 * small hash map used to catch duplicate ids. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "data/columns.h"

#define MAX_COUNT 100000
#define MAX_ID_LEN 256
#define MAX_TEXT_LEN 100000
#define MAX_NAME_LEN 1000 /* places, actors, types */

void fm_incident_clear(fm_incident *inc)
{
    memset(inc, 0, sizeof *inc);
    inc->date_start = inc->date_end = FM_DAY_NONE;
    inc->date_precision = inc->geo_precision = inc->geo_precision_src = -1;
    inc->loc_precision = inc->date_class = -1;
    inc->fatalities = inc->fatalities_low = inc->fatalities_high = inc->injured = -1;
    inc->civilian_targeting = inc->deaths_civilians = -1;
    inc->lon = inc->lat = NAN;
    inc->border_km = NAN;
}

void fm_incident_init(fm_incident *inc)
{
    fm_incident_clear(inc);
}

static fm_status check_count(fm_ctx *ctx, const char *what, int v)
{
    if (v < -1 || v > MAX_COUNT)
        return fm_error(ctx, FM_ERANGE, "%s %d is out of range (0..%d)", what, v, MAX_COUNT);
    return FM_OK;
}

/* Names (places, actors, types) are short; notes and citations may be long.
 * Text must be UTF-8: a Latin-1 or Windows-1252 file is refused, not guessed
 * at, with the command that converts it. */
static fm_status check_text(fm_ctx *ctx, const char *what, const char *s, size_t max)
{
    if (!s)
        return FM_OK;
    if (strlen(s) > max)
        return fm_error(ctx, FM_ERANGE, "%s is too long (%zu bytes, at most %zu)", what,
                        strlen(s), max);
    return fm_utf8_check(ctx, what, s);
}

static fm_status check_texts(fm_ctx *ctx, const fm_incident *inc)
{
    const char *names[] = {"event_type", "sub_event_type", "actor1", "actor2", "location",
                           "admin1", "admin2", "country", "violence type", "admin1 (source)",
                           "admin2 (source)", "dyad", "claims", "notes", "citation", "tags",
                           "source", "source id"};
    const char *vals[] = {inc->event_type, inc->sub_event_type, inc->actor1, inc->actor2,
                          inc->location, inc->admin1, inc->admin2, inc->country,
                          inc->violence_type, inc->admin1_src, inc->admin2_src, inc->dyad,
                          inc->claims, inc->notes, inc->citation, inc->tags, inc->source,
                          inc->source_id};
    fm_status s;
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        if ((s = check_text(ctx, names[i], vals[i], i < 12 ? MAX_NAME_LEN : MAX_TEXT_LEN)))
            return s;
    return FM_OK;
}

/* A row without coordinates whose place the gazetteer does not know is kept
 * unlocated (loc_precision none): it counts in stats and exports, and the
 * spatial products say they left it out. */
static fm_status check_coords(fm_ctx *ctx, const fm_incident *inc)
{
    if (isnan(inc->lon) && isnan(inc->lat))
        return FM_OK;
    if (!isfinite(inc->lon) || !isfinite(inc->lat))
        return fm_error(ctx, FM_EINVAL, "coordinates are not finite numbers");
    if (inc->lat < -90 || inc->lat > 90)
        return fm_error(ctx, FM_ERANGE, "latitude %g is out of range (-90..90)", inc->lat);
    if (inc->lon < -180 || inc->lon > 180)
        return fm_error(ctx, FM_ERANGE, "longitude %g is out of range (-180..180)", inc->lon);
    if (inc->lon == 0 && inc->lat == 0)
        return fm_error(ctx, FM_EINVAL, "coordinates 0,0 look like a missing value");
    return FM_OK;
}

static fm_status check_codes(fm_ctx *ctx, const fm_incident *inc)
{
    if (inc->date_precision != -1 && (inc->date_precision < 1 || inc->date_precision > 5))
        return fm_error(ctx, FM_ERANGE, "date precision %d is out of range (1..5)",
                        inc->date_precision);
    if (inc->geo_precision != -1 && (inc->geo_precision < 1 || inc->geo_precision > 3))
        return fm_error(ctx, FM_ERANGE, "geo precision %d is out of range (1..3)",
                        inc->geo_precision);
    if (inc->geo_precision_src != -1 &&
        (inc->geo_precision_src < 1 || inc->geo_precision_src > 7))
        return fm_error(ctx, FM_ERANGE, "source geo precision %d is out of range (1..7)",
                        inc->geo_precision_src);
    if (inc->loc_precision != -1 && !fm_loc_class_name(inc->loc_precision))
        return fm_error(ctx, FM_ERANGE, "location precision %d is out of range",
                        inc->loc_precision);
    if (inc->date_class != -1 && !fm_date_class_name(inc->date_class))
        return fm_error(ctx, FM_ERANGE, "date precision class %d is out of range",
                        inc->date_class);
    if (inc->civilian_targeting < -1 || inc->civilian_targeting > 1)
        return fm_error(ctx, FM_ERANGE, "civilian_targeting must be 0 or 1");
    return FM_OK;
}

fm_status fm_incident_validate(fm_ctx *ctx, const fm_incident *inc)
{
    fm_status s;
    if (!inc->source || !*inc->source)
        return fm_error(ctx, FM_EINVAL, "no source");
    if (!inc->source_id || !*inc->source_id)
        return fm_error(ctx, FM_EINVAL, "no source id");
    if (strlen(inc->source_id) > MAX_ID_LEN || strlen(inc->source) > MAX_ID_LEN)
        return fm_error(ctx, FM_ERANGE, "source id is too long (at most %d bytes)", MAX_ID_LEN);
    if (inc->date_start == FM_DAY_NONE)
        return fm_error(ctx, FM_EINVAL, "no date");
    if (inc->date_end != FM_DAY_NONE && inc->date_end < inc->date_start)
        return fm_error(ctx, FM_EINVAL, "the end date is before the start date");
    if ((s = check_coords(ctx, inc)) || (s = check_codes(ctx, inc)) ||
        (s = check_count(ctx, "fatalities", inc->fatalities)) ||
        (s = check_count(ctx, "fatalities (low)", inc->fatalities_low)) ||
        (s = check_count(ctx, "fatalities (high)", inc->fatalities_high)) ||
        (s = check_count(ctx, "injured", inc->injured)) ||
        (s = check_count(ctx, "civilian deaths", inc->deaths_civilians)))
        return s;
    return check_texts(ctx, inc);
}

fm_status fm_incident_check_swapped(fm_ctx *ctx, const fm_incident *inc)
{
    if (!inc->flags || !strstr(inc->flags, "possibly-swapped-lat-lon"))
        return FM_OK;
    return fm_error(ctx, FM_EINVAL,
                    "latitude and longitude look swapped: lat %.5f, lon %.5f is outside %.40s"
                    " but lat %.5f, lon %.5f is inside; swap the columns (or use --map)",
                    inc->lat, inc->lon, inc->country, inc->lon, inc->lat);
}

uint64_t fm_hash_str(const char *s, uint64_t h)
{
    if (s)
        for (; *s; s++)
            h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xff) * 1099511628211ULL; /* a separator so "ab","c" != "a","bc" */
}

static uint64_t hash_num(double v, uint64_t h)
{
    unsigned char b[8];
    memcpy(b, &v, 8);
    for (int i = 0; i < 8; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

/* Eight bytes at a time: the content hash runs over every row's notes. */
static uint64_t hash_text(const char *s, uint64_t h)
{
    size_t n = s ? strlen(s) : 0;
    uint64_t w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    w = 0;
    if (n)
        memcpy(&w, s, n);
    h = (h ^ w ^ ((uint64_t)n << 56)) * 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 32);
}

/* The texts, then the numbers, of columns.h in its order. The precision
 * classes are left out: they follow from the codes, point and dates hashed
 * here, and stores upgraded to hold them keep their hashes. */
uint64_t fm_incident_hash(const fm_incident *inc)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < FM_NCOLUMNS; i++)
        if (fm_columns[i].kind == 's' || fm_columns[i].kind == 'n')
            h = hash_text(FM_COL_STR(inc, &fm_columns[i]), h);
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        double v;
        switch (c->kind) {
        case 'd': v = FM_COL_DAY(inc, c); break;
        case 'i': v = FM_COL_INT(inc, c); break;
        case 'p': v = FM_COL_DBL(inc, c); break;
        case 'r': v = isnan(FM_COL_DBL(inc, c)) ? -1 : FM_COL_DBL(inc, c); break;
        default: continue;
        }
        h = hash_num(v, h);
    }
    return h & 0x7fffffffffffffffULL;
}

fm_day fm_day_from_iso(const char *s)
{
    int v[8];
    if (!s)
        return FM_DAY_NONE;
    for (int i = 0, k = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return FM_DAY_NONE;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return FM_DAY_NONE;
        v[k++] = s[i] - '0';
    }
    {
        int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], m = v[4] * 10 + v[5],
            d = v[6] * 10 + v[7];
        if (m < 1 || m > 12 || d < 1 || d > fm_days_in_month(y, m) || y < 1000)
            return FM_DAY_NONE;
        return fm_day_from_ymd(y, m, d);
    }
}

int fm_parse_flag(const char *s)
{
    if (!s || !*s)
        return -1;
    if (!strcmp(s, "1") || !strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
        !strcasecmp(s, "civilian targeting") || !strcasecmp(s, "civilians targeted"))
        return 1;
    if (!strcmp(s, "0") || !strcasecmp(s, "no") || !strcasecmp(s, "false"))
        return 0;
    return -2; /* unreadable: the caller reports it */
}

/* ---- hash map ------------------------------------------------------------- */

/* A big set (a million ids take 16 MB) is probed at random, a TLB miss an
 * add on 4 KB pages: huge pages, where the kernel offers them on request,
 * spare that (1,000,000 adds 62 -> 34 ms alone, more on a busy host). The
 * fresh pages are untouched, so they are asked for before any is used; a
 * refusal changes nothing. */
static void hashset_pages(void *slots, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    uintptr_t a = ((uintptr_t)slots + 4095) & ~(uintptr_t)4095;
    uintptr_t z = ((uintptr_t)slots + bytes) & ~(uintptr_t)4095;
    if (bytes >= (4u << 20) && z > a)
        (void)madvise((void *)a, z - a, MADV_HUGEPAGE);
#else
    (void)slots, (void)bytes;
#endif
}

static fm_status hashset_resize(fm_ctx *ctx, fm_hashset *hs, size_t cap)
{
    uint64_t *slots = calloc(cap, sizeof *slots);
    size_t i, j;
    if (!slots)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    hashset_pages(slots, cap * sizeof *slots);
    for (i = 0; i < hs->cap; i++) {
        if (!hs->slots[i])
            continue;
        for (j = (hs->slots[i] >> 8) & (cap - 1); slots[j]; j = (j + 1) & (cap - 1))
            ;
        slots[j] = hs->slots[i];
    }
    free(hs->slots);
    hs->slots = slots;
    hs->cap = cap;
    return FM_OK;
}

fm_status fm_hashset_reserve(fm_ctx *ctx, fm_hashset *hs, size_t n)
{
    size_t cap = 1024;
    while (cap * 7 < n * 10)
        cap *= 2;
    return cap > hs->cap ? hashset_resize(ctx, hs, cap) : FM_OK;
}

fm_status fm_hashset_add(fm_ctx *ctx, fm_hashset *hs, uint64_t key, uint32_t tag,
                         uint32_t *prev)
{
    size_t j;
    fm_status s;
    if ((hs->n + 1) * 10 > hs->cap * 7 &&
        (s = hashset_resize(ctx, hs, hs->cap ? hs->cap * 2 : 1024)))
        return s;
    key ^= key >> 29; /* FNV's low bits are weak */
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 32;
    key &= ~(uint64_t)0xff;
    tag = (tag - 1) % 255 + 1;
    for (j = (key >> 8) & (hs->cap - 1); hs->slots[j]; j = (j + 1) & (hs->cap - 1))
        if ((hs->slots[j] & ~(uint64_t)0xff) == key) {
            *prev = (uint32_t)(hs->slots[j] & 0xff);
            hs->slots[j] = key | tag;
            return FM_OK;
        }
    hs->slots[j] = key | tag;
    hs->n++;
    *prev = 0;
    return FM_OK;
}

void fm_hashset_free(fm_hashset *hs)
{
    free(hs->slots);
    memset(hs, 0, sizeof *hs);
}
