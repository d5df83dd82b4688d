/* placedoubles.c: one place is named once. The gazetteer may hold one place
 * twice, under two spellings and from two sources ("Torkham", the crossing,
 * and "Towr Kham", Who's On First's village 1.8 km from it, which lists
 * Torkham among its names): of two point names within DOUBLE_KM whose name
 * is one of the other's names (folded: case, marks, spellings, generic
 * words, spaces), the lesser is dropped and the other keeps its spelling.
 * And one Afghan district may be two rows, geoBoundaries' polygon without a
 * seat ("Nika", "Spira", "Tere Zayi") and GeoNames' seat ("Nikeh", "Sperah",
 * "Terayzai"): a district named inside its polygon for want of a seat is not
 * named when a seat the map names lies in that polygon; when instead a town
 * GeoNames calls its centre is in the frame ("Markaz-e Woluswali-ye Achin",
 * the centre of Achin), that town is named as its seat, with its name.
 * An incident list's point for a town is rougher: UCDP GED's "Timer Gara",
 * Lower Dir's seat, lies 11 km south of GeoNames' Timargara. Of two towns
 * (or seats, cities) of one district within FAR_KM, one from an incident
 * list and one from a gazetteer, spelled alike (folded, then a vowel for a
 * vowel, an h in or out: fm_name_alike), the gazetteer's point is named,
 * with the other's kind and weight if they are more. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/map_priv.h"

#define DOUBLE_KM 4.0 /* one place under two entries: this close, no further */
#define FAR_KM 15.0   /* one town, an incident list's point against a gazetteer's */
#define KM_PER_DEG 111.32

/* The point a candidate names (a district's seat, else the place). */
static void cand_lonlat(const fm_label_cand *c, double *lon, double *lat)
{
    int seat = c->p->kind == FM_PLACE_DISTRICT && !isnan(c->p->seat_lon);
    *lon = seat ? c->p->seat_lon : c->p->lon;
    *lat = seat ? c->p->seat_lat : c->p->lat;
}

/* name folded, spaces left out, into out (cap bytes); "" when it folds to
 * nothing or is not valid UTF-8. */
static void fold_key(fm_buf *b, const char *name, char *out, size_t cap)
{
    size_t k = 0;
    const char *s;
    *out = '\0';
    if (fm_name_fold(NULL, name, b) || !b->len)
        return;
    for (s = fm_buf_str(b); *s && k + 1 < cap; s++)
        if (*s != ' ')
            out[k++] = *s;
    out[k] = '\0';
}

/* Whether key (a folded name) is p's name or one of its aliases, folded. */
static int known_as(fm_buf *b, const fm_place *p, const char *key)
{
    char one[256], k2[256];
    const char *a = p->aliases;
    if (!*key)
        return 0;
    fold_key(b, p->name, k2, sizeof k2);
    if (!strcmp(k2, key))
        return 1;
    while (a && *a) {
        size_t n = strcspn(a, "|");
        snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), a);
        fold_key(b, one, k2, sizeof k2);
        if (!strcmp(k2, key))
            return 1;
        a += n + (a[n] == '|');
    }
    return 0;
}

/* Whether the names of a and b are one place's: either's name among the
 * other's names. */
static int same_family(fm_buf *b, const fm_label_cand *x, const fm_label_cand *y)
{
    char kx[256], ky[256];
    fold_key(b, x->name, kx, sizeof kx);
    fold_key(b, y->name, ky, sizeof ky);
    return (*kx && !strcmp(kx, ky)) || known_as(b, y->p, kx) || known_as(b, x->p, ky);
}

/* Whether x names the place better than y: the more important kind (a
 * crossing over a village, a seat over a town), the guaranteed one, the one
 * a gazetteer (GeoNames) vouches for, then the first in the gazetteer. */
static int better(const fm_label_cand *x, const fm_label_cand *y)
{
    int gx = x->p->source && !strncmp(x->p->source, "geonames", 8);
    int gy = y->p->source && !strncmp(y->p->source, "geonames", 8);
    if (x->kind != y->kind)
        return x->kind < y->kind;
    if (x->must != y->must)
        return x->must > y->must;
    if (gx != gy)
        return gx > gy;
    return x->id < y->id;
}

/* Whether p's point comes from an incident list (UCDP GED, ACLED), not a
 * gazetteer. */
static int from_incidents(const fm_place *p)
{
    return p->source && (!strncmp(p->source, "ucdp", 4) || !strncmp(p->source, "acled", 5));
}

/* Whether x and y are one town filed twice far apart: settlements (not
 * villages) of one district, one point from an incident list and one from
 * a gazetteer, their names (or aliases) spelled alike. */
static int far_double(fm_buf *b, const fm_label_cand *x, const fm_label_cand *y)
{
    char kx[256], ky[256];
    int kinds = (x->kind == FM_LK_CITY || x->kind == FM_LK_SEAT || x->kind == FM_LK_TOWN) &&
                (y->kind == FM_LK_CITY || y->kind == FM_LK_SEAT || y->kind == FM_LK_TOWN);
    if (!kinds || from_incidents(x->p) == from_incidents(y->p) || !x->p->admin2 ||
        !y->p->admin2 || strcmp(x->p->country, y->p->country) ||
        strcasecmp(x->p->admin2, y->p->admin2))
        return 0;
    fold_key(b, x->name, kx, sizeof kx);
    fold_key(b, y->name, ky, sizeof ky);
    return fm_name_alike(kx, ky) || same_family(b, x, y);
}

static int cmp_lon(const void *a, const void *b)
{
    double p = ((const double *)a)[0], q = ((const double *)b)[0];
    return p < q ? -1 : p > q;
}

/* Whether c names a seat (a town at a district's seat, a district row
 * standing for its seat, a provincial or major capital) at a point. */
static int names_seat(const fm_label_cand *c)
{
    return c->p && !c->g && (c->kind == FM_LK_SEAT || c->kind == FM_LK_CITY ||
                             c->kind == FM_LK_CAPITAL);
}

/* Drops each seatless district whose polygon holds a seat named. */
static void drop_seated_districts(const fm_map *map, fm_label_cand *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double lon, lat;
        const fm_area *a;
        if (!names_seat(&c[i]))
            continue;
        cand_lonlat(&c[i], &lon, &lat);
        if (!(a = fm_gazetteer_area_at(map->gz, lon, lat, c[i].p->country)))
            continue;
        for (size_t j = 0; j < n; j++)
            if (c[j].kind == FM_LK_DISTRICT && c[j].g == a->geom && c[j].p != c[i].p)
                c[j].kind = -1;
    }
}

int fm_label_centre_words(const char *lower)
{
    /* GeoNames and Who's On First spell the district centre Woluswali,
     * Wuluswali, Wuleswali, Woleswali ("Wuleswali Sayyid Karam"); not
     * "hukumat" alone: Karez-e Hukumat Khan is a village named after a man */
    static const char *const words[] = {"markaz",   "woluswal",   "wuluswal", "wuleswal",
                                        "woleswal", "alaqahdari", "hukumati"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(lower, words[i]))
            return 1;
    return 0;
}

/* Whether a gazetteer name says "the centre of a district" (GeoNames files
 * Afghan district centres as "Markaz-e Woluswali-ye Achin", "'Alaqahdari
 * Nakah", "Hukumati Baghran"). */
static int centre_name(const char *name)
{
    char plain[256];
    fm_label_plain(name, plain, sizeof plain);
    for (char *s = plain; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s + 32);
    return fm_label_centre_words(plain);
}

/* A town or village a gazetteer calls the centre of a district the map names
 * for want of a seat ("Markaz-e Woluswali-ye Achin" in Acheen) is that
 * district's seat: it takes the district's name and guarantee, and the name
 * in the polygon goes, as merge_seats does for a district with a seat. */
static void adopt_centres(fm_label_cand *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fm_label_cand *t = &c[i];
        if (t->kind < 0 || !t->p || t->g || !t->p->admin2 ||
            (t->p->kind != FM_PLACE_TOWN && t->p->kind != FM_PLACE_VILLAGE) || !centre_name(t->name))
            continue;
        for (size_t j = 0; j < n; j++) {
            fm_label_cand *d = &c[j];
            if (d->kind != FM_LK_DISTRICT || !d->p || strcmp(d->p->country, t->p->country) ||
                strcasecmp(d->p->name, t->p->admin2) || fabs(d->p->lon - t->p->lon) > 0.3 ||
                fabs(d->p->lat - t->p->lat) > 0.3)
                continue;
            t->name = d->p->name, t->kind = FM_LK_SEAT, t->must = d->must;
            t->score = fmax(t->score, d->score);
            d->kind = -1;
            break;
        }
    }
}

/* Marks the lesser of each doubled point name dropped (kind -1), its
 * weight kept by the other (score, guarantee), and the districts named for
 * want of a seat whose seat is named after all. Names of areas, routes and
 * rivers are not looked at otherwise. */
fm_status fm_label_cands_merge_doubles(fm_ctx *ctx, const fm_map *map, fm_label_cand *c,
                                       size_t n)
{
    double *ix; /* lon, lat, index: sorted by lon, swept */
    size_t m = 0, i, j;
    fm_buf b = {0};
    if (!n)
        return FM_OK;
    if (map->gz)
        drop_seated_districts(map, c, n);
    adopt_centres(c, n);
    if (!(ix = fm_malloc_array(n, 3 * sizeof *ix)))
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    for (i = 0; i < n; i++)
        if (c[i].kind >= 0 && c[i].p && !c[i].g && c[i].name) {
            cand_lonlat(&c[i], &ix[3 * m], &ix[3 * m + 1]);
            ix[3 * m + 2] = (double)i, m++;
        }
    qsort(ix, m, 3 * sizeof *ix, cmp_lon);
    for (i = 0; i < m; i++) {
        double dlon = FAR_KM / (KM_PER_DEG * cos(ix[3 * i + 1] * M_PI / 180));
        for (j = i + 1; j < m && ix[3 * j] - ix[3 * i] <= dlon; j++) {
            fm_label_cand *x = &c[(size_t)ix[3 * i + 2]], *y = &c[(size_t)ix[3 * j + 2]], *keep, *drop;
            double dx = (ix[3 * j] - ix[3 * i]) * KM_PER_DEG * cos(ix[3 * i + 1] * M_PI / 180);
            double dy = (ix[3 * j + 1] - ix[3 * i + 1]) * KM_PER_DEG, d = hypot(dx, dy);
            if (x->kind < 0 || y->kind < 0 || d > FAR_KM)
                continue;
            if (d <= DOUBLE_KM && same_family(&b, x, y)) {
                keep = better(x, y) ? x : y, drop = keep == x ? y : x;
            } else if (far_double(&b, x, y)) { /* the gazetteer's point, the better kind */
                keep = from_incidents(x->p) ? y : x, drop = keep == x ? y : x;
                if (drop->kind < keep->kind)
                    keep->kind = drop->kind;
                keep->subject |= drop->subject;
            } else {
                continue;
            }
            keep->score = fmax(keep->score, drop->score);
            keep->must |= drop->must;
            drop->kind = -1;
        }
    }
    fm_buf_free(&b);
    free(ix);
    return FM_OK;
}
