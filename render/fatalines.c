/* fatalines.c: on a map of a period before the 2018 merger, the line
 * between the Federally Administered Tribal Areas and the North-West
 * Frontier Province. The basemap's provinces are today's, so a 2009 map
 * named FATA and the North-West Frontier but drew no line between them:
 * the line is made of the edges the agencies' district polygons (those of
 * periodnames.c's FATA) share with the province's other districts (the
 * gazetteer's polygons share vertices along common edges). */
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

static const char *const agencies[] = {"Bajaur",  "Mohmand", "Khyber",          "Orakzai",
                                       "Kurram", "North Waziristan", "South Waziristan"};
/* districts made of an agency since: their outline is the agency's own */
static const char *const successors[] = {"Upper South Waziristan", "Lower South Waziristan"};

typedef struct {
    double ax, ay, bx, by; /* a before b (lon, then lat) */
    int used;
} seg;

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(name, list[k]))
            return 1;
    return 0;
}

static int seg_cmp(const void *pa, const void *pb)
{
    const seg *a = pa, *b = pb;
    return a->ax != b->ax ? (a->ax < b->ax ? -1 : 1)
         : a->ay != b->ay ? (a->ay < b->ay ? -1 : 1)
         : a->bx != b->bx ? (a->bx < b->bx ? -1 : 1)
         : a->by != b->by ? (a->by < b->by ? -1 : 1) : 0;
}

/* Appends the edges of g to *s (grown as needed); 1 on success. */
static int segs_add(fm_ctx *ctx, seg **s, size_t *n, size_t *cap, const fm_geom *g)
{
    for (size_t part = 0; part < g->nparts; part++)
        for (size_t i = g->part_start[part]; i + 1 < g->part_start[part + 1]; i++) {
            const double *p = g->xy + 2 * i;
            int swap = p[0] > p[2] || (p[0] == p[2] && p[1] > p[3]);
            if (p[0] == p[2] && p[1] == p[3])
                continue;
            if (fm_grow(ctx, (void **)s, cap, *n + 1, sizeof **s))
                return 0;
            (*s)[(*n)++] = swap ? (seg){p[2], p[3], p[0], p[1], 0} : (seg){p[0], p[1], p[2], p[3], 0};
        }
    return 1;
}

/* The agencies' edges (*ag, sorted) and those of the province's other
 * districts (*kp). */
static fm_status collect(fm_ctx *ctx, const fm_gazetteer *gz, seg **ag, size_t *nag, seg **kp,
                         size_t *nkp)
{
    size_t cap_a = 0, cap_k = 0, nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT);
    for (size_t i = 0; i < nd; i++) {
        const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i);
        const fm_area *a;
        int agency;
        if (strcmp(p->country, "PK") || !p->admin1 || strcmp(p->admin1, "Khyber Pakhtunkhwa") ||
            in_list(p->name, successors, sizeof successors / sizeof *successors) ||
            !(a = fm_gazetteer_area_of(gz, p)) || !a->geom)
            continue;
        agency = in_list(p->name, agencies, sizeof agencies / sizeof *agencies);
        if (!(agency ? segs_add(ctx, ag, nag, &cap_a, a->geom)
                     : segs_add(ctx, kp, nkp, &cap_k, a->geom)))
            return fm_error(ctx, FM_ENOMEM, "out of memory for the FATA line");
    }
    if (*nag)
        qsort(*ag, *nag, sizeof **ag, seg_cmp);
    return FM_OK;
}

/* Whether point (x, y) is end a (0) or b (1) of s, else -1. */
static int end_at(const seg *s, double x, double y)
{
    return s->ax == x && s->ay == y ? 0 : s->bx == x && s->by == y ? 1 : -1;
}

/* Extends run xy[*n] (room for n segs + 1 points) from its last point by
 * unused shared edges, as far as they go. */
static void run_extend(seg *m, size_t nm, double *xy, size_t *n)
{
    for (int found = 1; found;) {
        double x = xy[2 * *n - 2], y = xy[2 * *n - 1];
        found = 0;
        for (size_t j = 0; j < nm && !found; j++) {
            int e = m[j].used ? -1 : end_at(&m[j], x, y);
            if (e < 0)
                continue;
            m[j].used = found = 1;
            xy[2 * *n] = e ? m[j].ax : m[j].bx, xy[2 * *n + 1] = e ? m[j].ay : m[j].by;
            ++*n;
        }
    }
}

/* Reverses the n points of xy. */
static void run_reverse(double *xy, size_t n)
{
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        double tx = xy[2 * i], ty = xy[2 * i + 1];
        xy[2 * i] = xy[2 * j], xy[2 * i + 1] = xy[2 * j + 1];
        xy[2 * j] = tx, xy[2 * j + 1] = ty;
    }
}

/* Chains the nm shared edges m into the lines of out. */
static fm_status chain(fm_ctx *ctx, seg *m, size_t nm, fm_geom *out)
{
    out->xy = malloc((2 * nm + 2 * nm) * sizeof *out->xy); /* at most 2 points a seg */
    out->part_start = malloc((nm + 1) * sizeof *out->part_start);
    if (!out->xy || !out->part_start)
        return fm_error(ctx, FM_ENOMEM, "out of memory for the FATA line");
    out->part_start[0] = 0;
    for (size_t i = 0; i < nm; i++) {
        double *xy = out->xy + 2 * out->npoints;
        size_t n = 2;
        if (m[i].used)
            continue;
        m[i].used = 1;
        xy[0] = m[i].ax, xy[1] = m[i].ay, xy[2] = m[i].bx, xy[3] = m[i].by;
        run_extend(m, nm, xy, &n);
        run_reverse(xy, n);
        run_extend(m, nm, xy, &n);
        out->npoints += n;
        out->part_start[++out->nparts] = out->npoints;
    }
    out->west = out->south = 180, out->east = out->north = -180;
    for (size_t i = 0; i < out->npoints; i++) {
        double x = out->xy[2 * i], y = out->xy[2 * i + 1];
        out->west = x < out->west ? x : out->west, out->east = x > out->east ? x : out->east;
        out->south = y < out->south ? y : out->south, out->north = y > out->north ? y : out->north;
    }
    return FM_OK;
}

fm_status fm_period_fata_line(fm_ctx *ctx, fm_map *map, const fm_geom **out)
{
    seg *ag = NULL, *kp = NULL;
    size_t nag = 0, nkp = 0, nm = 0;
    int y = map->opts.period_year;
    fm_status st;
    *out = NULL;
    if (!(y > 0 && y < FM_FATA_UNTIL) || !map->gz)
        return FM_OK;
    if (map->fata_line_made) {
        *out = map->fata_line.nparts ? &map->fata_line : NULL;
        return FM_OK;
    }
    map->fata_line_made = 1;
    if (!(st = collect(ctx, map->gz, &ag, &nag, &kp, &nkp))) {
        for (size_t i = 0; i < nkp && nag; i++) /* the shared ones, into kp's front */
            if (bsearch(&kp[i], ag, nag, sizeof *ag, seg_cmp))
                kp[nm++] = kp[i];
        qsort(kp, nm, sizeof *kp, seg_cmp);
        size_t k = 0; /* (once each: an edge two of the province's districts hold) */
        for (size_t i = 0; i < nm; i++)
            if (!k || seg_cmp(&kp[i], &kp[k - 1]))
                kp[k++] = kp[i];
        nm = k;
        st = nm ? chain(ctx, kp, nm, &map->fata_line) : FM_OK;
    }
    free(ag), free(kp);
    if (!st && map->fata_line.nparts)
        *out = &map->fata_line;
    return st;
}
