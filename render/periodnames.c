/* periodnames.c: the province names and units of a map's period. The
 * basemap's provinces are today's; a map whose incidents end before a change
 * names them as they were (fm_map_opts.period_year, the period's last year):
 * before the 2018 merger the tribal agencies were the Federally
 * Administered Tribal Areas, not Khyber Pakhtunkhwa, and before the 2010
 * renaming Khyber Pakhtunkhwa was the North-West Frontier Province. FATA is
 * drawn from the agencies' district polygons (South Waziristan whole); its
 * six frontier regions lie inside today's neighbouring districts and are
 * left in Khyber Pakhtunkhwa. */
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"


static const char *const agencies[] = {"Bajaur",  "Mohmand", "Khyber",          "Orakzai",
                                       "Kurram", "North Waziristan", "South Waziristan"};

const char *fm_period_province_name(const fm_map *map, const char *name)
{
    return fm_province_name_then(name, map->opts.period_year);
}

/* Appends the parts of g to out (grown as needed). */
static fm_status append_geom(fm_ctx *ctx, fm_geom *out, const fm_geom *g, size_t *cap_pts,
                             size_t *cap_parts)
{
    size_t base = out->npoints;
    if (fm_grow(ctx, (void **)&out->xy, cap_pts, (out->npoints + g->npoints) * 2,
                sizeof *out->xy) ||
        fm_grow(ctx, (void **)&out->part_start, cap_parts, out->nparts + g->nparts + 1,
                sizeof *out->part_start))
        return FM_ENOMEM;
    memcpy(out->xy + 2 * base, g->xy, g->npoints * 2 * sizeof *g->xy);
    for (size_t i = 0; i < g->nparts; i++)
        out->part_start[out->nparts + i] = base + g->part_start[i];
    out->nparts += g->nparts;
    out->npoints += g->npoints;
    out->part_start[out->nparts] = out->npoints;
    if (base == 0) {
        out->west = g->west, out->south = g->south, out->east = g->east, out->north = g->north;
    } else {
        out->west = g->west < out->west ? g->west : out->west;
        out->south = g->south < out->south ? g->south : out->south;
        out->east = g->east > out->east ? g->east : out->east;
        out->north = g->north > out->north ? g->north : out->north;
    }
    return FM_OK;
}

fm_status fm_period_fata(fm_ctx *ctx, fm_map *map, const fm_geom **out)
{
    size_t nd, cap_pts = 0, cap_parts = 0;
    int y = map->opts.period_year;
    *out = NULL;
    if (!(y > 0 && y < FM_FATA_UNTIL) || !map->gz)
        return FM_OK;
    if (map->fata.nparts) {
        *out = &map->fata;
        return FM_OK;
    }
    nd = fm_gazetteer_count_kind(map->gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(map->gz, FM_PLACE_DISTRICT, i);
        const fm_area *a;
        size_t k;
        if (strcmp(p->country, "PK"))
            continue;
        for (k = 0; k < sizeof agencies / sizeof agencies[0] && strcmp(p->name, agencies[k]); k++)
            ;
        if (k == sizeof agencies / sizeof agencies[0] || !(a = fm_gazetteer_area_of(map->gz, p)) ||
            !a->geom)
            continue;
        if (append_geom(ctx, &map->fata, a->geom, &cap_pts, &cap_parts))
            return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    /* holes of the parts are not kept (ring_is_hole NULL): no agency has one */
    if (map->fata.nparts)
        *out = &map->fata;
    return FM_OK;
}
