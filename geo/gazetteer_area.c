/* gazetteer_area.c: district areas: the polygons of districts.geojson, each
 * linked to its district entry, with point-in-polygon lookups (which district
 * holds a point) and the distance from a point to an area. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo/gazetteer_priv.h"

#define DEG (M_PI / 180)

typedef struct {
    fm_gazetteer *gz;
    const fm_place **by_id; /* entries sorted by id, for linking */
    size_t cap;
    const char *path;
} area_load;

static int cmp_place_id(const void *a, const void *b)
{
    int x = (*(const fm_place *const *)a)->id, y = (*(const fm_place *const *)b)->id;
    return (x > y) - (x < y);
}

static const fm_place *place_by_id(const area_load *al, long id)
{
    size_t lo = 0, hi = al->gz->nplaces;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (al->by_id[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < al->gz->nplaces && al->by_id[lo]->id == id ? al->by_id[lo] : NULL;
}

static fm_status take_feature(fm_ctx *ctx, fm_geojson_feature *f, long index, void *user)
{
    area_load *al = user;
    fm_gazetteer *gz = al->gz;
    const fm_place *d;
    long id;
    void *p = gz->areas;
    if (!f->prop[0] || fm_parse_long(ctx, f->prop[0], &id))
        return fm_error(ctx, FM_EFORMAT, "%s: feature %ld: no numeric \"id\" property",
                        al->path, index);
    if (!(d = place_by_id(al, id)))
        return FM_OK; /* its entry was taken out of places.csv: the polygon goes with it */
    if (d->kind != FM_PLACE_DISTRICT)
        return fm_error(ctx, FM_EFORMAT, "%s: feature %ld: id %ld is not a district of places.csv",
                        al->path, index, id);
    if (f->g.npoints < 3)
        return fm_error(ctx, FM_EFORMAT, "%s: feature %ld: not a polygon", al->path, index);
    if (fm_grow(ctx, &p, &al->cap, gz->nareas + 1, sizeof *gz->areas))
        return FM_ENOMEM;
    gz->areas = p;
    gz->areas[gz->nareas].g = f->g;
    memset(&f->g, 0, sizeof f->g);
    gz->areas[gz->nareas].a.district = d;
    gz->areas[gz->nareas].a.approximate = f->prop[1] && !strcmp(f->prop[1], "approximate");
    gz->areas[gz->nareas].a.former = f->prop[1] && !strcmp(f->prop[1], "former");
    gz->nareas++;
    return FM_OK;
}

fm_status fm_gz_areas_load(fm_ctx *ctx, fm_gazetteer *gz, const char *path)
{
    static const char *const keys[] = {"id", "boundary", NULL};
    area_load al = {gz, NULL, 0, path};
    size_t i;
    fm_status st;
    if (!(al.by_id = fm_malloc_array(gz->nplaces + 1, sizeof *al.by_id)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < gz->nplaces; i++)
        al.by_id[i] = &gz->places[i];
    qsort(al.by_id, gz->nplaces, sizeof *al.by_id, cmp_place_id);
    st = fm_geojson_read_file(ctx, path, keys, take_feature, &al);
    free(al.by_id);
    for (i = 0; i < gz->nareas; i++) /* stable only once the array stops growing */
        gz->areas[i].a.geom = &gz->areas[i].g;
    return st;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The areas by entry index (gz->area_index), built on first use like the
 * fuzzy search's scratch; NULL when out of memory (the areas are then scanned). */
static const uint64_t *area_index(const fm_gazetteer *cgz)
{
    fm_gazetteer *gz = (fm_gazetteer *)cgz;
    size_t i;
    if (gz->area_index || gz->shared || !gz->nareas ||
        !(gz->area_index = fm_malloc_array(gz->nareas, sizeof *gz->area_index)))
        return gz->area_index;
    for (i = 0; i < gz->nareas; i++)
        gz->area_index[i] = (uint64_t)(gz->areas[i].a.district - gz->places) << 32 | i;
    qsort(gz->area_index, gz->nareas, sizeof *gz->area_index, cmp_u64);
    return gz->area_index;
}

const fm_area *fm_gazetteer_area_of(const fm_gazetteer *gz, const fm_place *district)
{
    const uint64_t *ix;
    size_t i, lo = 0, hi;
    uint64_t want;
    if (!gz || !district)
        return NULL;
    if (!(ix = area_index(gz))) {
        for (i = 0; i < gz->nareas; i++)
            if (gz->areas[i].a.district == district)
                return &gz->areas[i].a;
        return NULL;
    }
    if ((uintptr_t)district < (uintptr_t)gz->places ||
        (uintptr_t)district >= (uintptr_t)(gz->places + gz->nplaces))
        return NULL; /* not an entry of gz (a memo's place): no area */
    /* the first area of the entry, as the scan would find */
    want = (uint64_t)(district - gz->places) << 32;
    hi = gz->nareas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix[mid] < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < gz->nareas && ix[lo] >> 32 == want >> 32 ? &gz->areas[ix[lo] & 0xffffffffu].a
                                                         : NULL;
}

const fm_area *fm_gazetteer_area_at(const fm_gazetteer *gz, double lon, double lat,
                                    const char *country)
{
    size_t i;
    if (!gz)
        return NULL;
    for (i = 0; i < gz->nareas; i++) {
        const struct fm_area_rec *r = &gz->areas[i];
        if (r->a.former || (country && strcmp(r->a.district->country, country)))
            continue;
        if (fm_geom_contains(&r->g, lon, lat))
            return &r->a;
    }
    return NULL;
}

double fm_area_distance_km(const fm_area *a, double lon, double lat)
{
    if (!a || !a->geom)
        return HUGE_VAL;
    return fm_geom_contains(a->geom, lon, lat) ? 0 : fm_geom_outline_km(a->geom, lon, lat);
}

int fm_area_within_km(const fm_area *a, double lon, double lat, double km)
{
    const fm_geom *g = a ? a->geom : NULL;
    double kx, ky, dx, dy;
    if (!g)
        return 0;
    /* outside the box, every point of the outline is at least as far off in
     * longitude and in latitude as the box is, in the planar frame of the
     * outline distance (fm_geom_outline_km): one scale, no segment */
    dx = lon < g->west ? g->west - lon : lon > g->east ? lon - g->east : 0;
    dy = lat < g->south ? g->south - lat : lat > g->north ? lat - g->north : 0;
    if (dx > 0 || dy > 0) {
        fm_geod_scale(lat, &kx, &ky);
        if (fmax(dx * kx, dy * ky) / 1000 > km * (1 + 1e-9) + 1e-9)
            return 0;
    }
    return fm_area_distance_km(a, lon, lat) <= km;
}
