/* placecands.c: which places may be named on a map, and how much each
 * matters. Importance comes from the kind of place (crossings, major cities,
 * cities, district seats, towns, villages) and, within a kind, from how many
 * of the map's incidents lie around it and whether a gazetteer (GeoNames)
 * rather than an incident list vouches for it. The places an editor expects
 * (crossings, major cities, every district seat, the leading towns) are
 * marked `must`: labels.c names them at every scale, with a leader line when
 * they have to move away from the symbols. The gazetteer knows no populations:
 * its towns are the places a gazetteer or an incident source calls a town,
 * and as many of them as a third of the frame's room holds are guaranteed,
 * those with incidents at and around them and those GeoNames vouches for
 * first, so a town keeps its name in a year when little happened there. Of
 * two guaranteed places whose markers would touch, the lesser gives way. The gazetteer may hold a hundred
 * thousand villages: only those inside the frame are looked at, villages only
 * on large-scale views, and only a bounded number of them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define SEAT_SNAP_DEG 0.012  /* a town this close to a district row is its seat */
#define MUST_TOWNS 6        /* the leading towns a map always names */
#define MAX_VILLAGES 60      /* villages considered on a large-scale view */
#define AUTO_VILLAGE_ROOM 6  /* by default, one village per this many names of room */
#define VILLAGE_MIN 0.35     /* a village's least weight (a tertiary road, or incidents) */
#define VILLAGE_SPREAD_PT 42.0 /* no two villages (or a village and a town) closer */
#define VILLAGE_VIEW_M 160e3 /* villages only on views narrower than this */
#define CROWD_PT 36.0      /* a guaranteed name's neighbourhood, page points */
#define CROWD_MAX 4         /* guaranteed names it holds */
#define KNOT_PT 12.0        /* a knot of places: markers this close, page points */
#define KNOT_MAX 2          /* guaranteed places around one in a knot */
#define SUBJECT_REACH_PT 40.0 /* the subject's seats on a view too small for all: their
                                * longest leader, on A4 (scaled with the symbols) */
#define SMALL_PAGE_REACH_PT 40.0 /* a crossing's or major city's longest leader on a
                                  * page under A4, at A4's type */
#define HEAT_CELL 12.0       /* page points per cell of the incident-count grid */

/* The cities a reader looks for first (name or admin2, as in the gazetteer). */
static const char *const major[] = {"Kabul", "Islamabad", "Peshawar", "Quetta", "Jalalabad",
                                    "Kandahar", "Lahore", "Karachi", "Herat", "Mazar-e Sharif"};

static void plain_key(const char *name, char *out, size_t cap);

/* A major city: a city named in the list or standing for its district, or a
 * town of the list's name (GeoNames files Kandahār and Herāt as towns), the
 * name's marks ignored. */
static int is_major(const fm_place *p)
{
    size_t i;
    char a[96], b[96];
    plain_key(p->name, a, sizeof a);
    for (i = 0; i < sizeof major / sizeof major[0]; i++) {
        plain_key(major[i], b, sizeof b);
        if (!strcmp(a, b) || (p->kind == FM_PLACE_CITY && p->admin2 && !strcmp(p->admin2, major[i])))
            return 1;
    }
    return 0;
}

/* Pakistan's provincial capitals (GeoNames PPLA in Who's On First's places;
 * Islamabad, PPLC, is a major city and has no district row). */
static const char *const pk_capitals[] = {"Peshawar", "Quetta",       "Lahore",
                                          "Karachi",  "Muzaffarabad", "Gilgit"};

/* Whether a district row is its province's capital district. Afghanistan's
 * district codes (AIMS/CSO, as GeoNames carries them: "admin2 AF.23.2401")
 * number the provincial centre 01 within its province (Kandahar 2401, Sharan
 * 2901, Asadabad 1001): all 34 centres, read from the gazetteer's sources. */
static int is_prov_capital(const fm_place *p)
{
    const char *s;
    size_t i, n;
    if (p->kind != FM_PLACE_DISTRICT)
        return 0;
    if (!strcmp(p->country, "PK")) {
        for (i = 0; i < sizeof pk_capitals / sizeof pk_capitals[0]; i++)
            if (!strcmp(p->name, pk_capitals[i]))
                return 1;
        return 0;
    }
    if (!p->source || !(s = strstr(p->source, "admin2 AF.")))
        return 0;
    for (s += 10; *s >= '0' && *s <= '9'; s++)
        ;
    if (*s++ != '.')
        return 0;
    for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
        ;
    return n >= 3 && s[n - 2] == '0' && s[n - 1] == '1';
}

/* ---- incidents around a place ------------------------------------------- */

typedef struct {
    int nx, ny;
    double x0, y0;
    double *v;      /* incidents per cell */
    fm_boxgrid sym; /* the symbols as points, tagged with their index */
} heat;

static fm_status heat_build(fm_ctx *ctx, const fm_map *map, heat *h)
{
    const fm_box *f = &map->lay.frame;
    size_t i;
    h->x0 = f->x0, h->y0 = f->y0;
    h->nx = (int)((f->x1 - f->x0) / HEAT_CELL) + 1;
    h->ny = (int)((f->y1 - f->y0) / HEAT_CELL) + 1;
    h->v = calloc((size_t)h->nx * h->ny, sizeof *h->v);
    if (!h->v)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    if (fm_boxgrid_init(ctx, &h->sym, f))
        return FM_ENOMEM;
    for (i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        int cx = (int)((s->x - h->x0) / HEAT_CELL), cy = (int)((s->y - h->y0) / HEAT_CELL);
        fm_box pt = {s->x, s->y, s->x, s->y};
        if (cx >= 0 && cy >= 0 && cx < h->nx && cy < h->ny)
            h->v[cy * h->nx + cx] += s->count;
        if (fm_boxgrid_add(ctx, &h->sym, pt, (int)i))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Incidents within about one cell of (x, y). */
static double heat_at(const heat *h, double x, double y)
{
    int cx = (int)((x - h->x0) / HEAT_CELL), cy = (int)((y - h->y0) / HEAT_CELL), dx, dy;
    double sum = 0;
    for (dy = -1; dy <= 1; dy++)
        for (dx = -1; dx <= 1; dx++) {
            int x1 = cx + dx, y1 = cy + dy;
            if (x1 >= 0 && y1 >= 0 && x1 < h->nx && y1 < h->ny)
                sum += h->v[y1 * h->nx + x1] * (dx || dy ? 0.5 : 1.0);
        }
    return sum;
}

/* Incidents at the place itself: in the symbols whose centre lies within
 * the clustering distance of (x, y). */
static double at_place(const fm_map *map, heat *h, double x, double y)
{
    double r = map->cluster_pt > 0 ? map->cluster_pt : 6.5, sum = 0;
    fm_box b = {x - r, y - r, x + r, y + r};
    int idx[64];
    size_t n = fm_boxgrid_query(&h->sym, &b, idx, 64), i;
    for (i = 0; i < n && i < 64; i++) {
        const fm_symbol *s = &map->symbols[h->sym.tag[idx[i]]];
        if (hypot(s->x - x, s->y - y) <= r)
            sum += s->count;
    }
    return sum;
}

/* ---- candidates ------------------------------------------------------------ */

typedef struct {
    fm_label_cand *c;
    size_t n, cap;
} cands;

static fm_status add(fm_ctx *ctx, cands *cs, const fm_label_cand *one)
{
    if (fm_grow(ctx, (void **)&cs->c, &cs->cap, cs->n + 1, sizeof *cs->c))
        return FM_ENOMEM;
    cs->c[cs->n++] = *one;
    return FM_OK;
}

/* The label kinds asked for on this view: the options', and by default
 * (FM_LABEL_SCALE) every town and the leading villages on a large-scale
 * view, where the seats and crossings alone leave the frame empty. */
static unsigned label_bits(const fm_map *map)
{
    unsigned bits = map->opts.labels;
    if ((bits & FM_LABEL_SCALE) && map->lay.vx1 - map->lay.vx0 < VILLAGE_VIEW_M)
        bits |= FM_LABEL_TOWNS;
    return bits;
}

/* The label kind of a place, or -1 when the options leave it out. */
static int kind_of(const fm_map *map, const fm_place *p, int villages)
{
    unsigned bits = label_bits(map);
    switch (p->kind) {
    case FM_PLACE_CROSSING:
        return bits & FM_LABEL_CROSSINGS ? FM_LK_CROSSING : -1;
    case FM_PLACE_PROVINCE: /* from the gazetteer only without a basemap */
        return !map->bm && (bits & FM_LABEL_PROVINCES) ? FM_LK_PROVINCE : -1;
    case FM_PLACE_CITY:
        if (!(bits & (FM_LABEL_DISTRICTS | FM_LABEL_TOWNS)))
            return -1;
        return is_major(p) ? FM_LK_CAPITAL : FM_LK_CITY;
    case FM_PLACE_DISTRICT: /* a provincial capital ranks as a city */
        if (!(bits & FM_LABEL_DISTRICTS))
            return -1;
        if (isnan(p->seat_lon))
            return FM_LK_DISTRICT;
        return is_prov_capital(p) ? FM_LK_CITY : FM_LK_SEAT;
    case FM_PLACE_TOWN:
        if (!(bits & (FM_LABEL_TOWNS | FM_LABEL_DISTRICTS)))
            return -1;
        return is_major(p) ? FM_LK_CAPITAL : FM_LK_TOWN;
    case FM_PLACE_VILLAGE:
        return villages && (bits & FM_LABEL_TOWNS) ? FM_LK_VILLAGE : -1;
    default:
        return -1;
    }
}

/* Lowercase ASCII letters and digits of the name with its marks stripped,
 * so "Spīn Bōldak" and "Spin Boldak" compare equal. */
static void plain_key(const char *name, char *out, size_t cap)
{
    size_t k = 0;
    char buf[256];
    const char *s = buf;
    fm_label_plain(name, buf, sizeof buf);
    for (; *s && k + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 'A' && ch <= 'Z')
            out[k++] = (char)(ch + 32);
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            out[k++] = (char)ch;
    }
    out[k] = 0;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Whether a district with no seat known (named at its middle) has a city or
 * town of its own name within 50 km, named already. */
static int district_has_city(const cands *cs, const fm_label_cand *d)
{
    char a[96], b[96];
    size_t j;
    plain_key(d->name, b, sizeof b);
    for (j = 0; j < cs->n; j++) {
        const fm_label_cand *t = &cs->c[j];
        if (!t->p || (t->p->kind != FM_PLACE_TOWN && t->p->kind != FM_PLACE_CITY) ||
            strcmp(t->p->country, d->p->country) || fabs(t->p->lon - d->p->lon) > 0.5 ||
            fabs(t->p->lat - d->p->lat) > 0.5)
            continue;
        plain_key(t->name, a, sizeof a);
        if (!strcmp(a, b))
            return 1;
    }
    return 0;
}

/* A district seat named after a city it is part of ("Karachi East",
 * "Karachi West" at points inside Karachi, beside "Karachi") is a quarter of
 * that city: on a view wider than a city's surroundings (VILLAGE_VIEW_M) the
 * city names it, and the seat is left out. */
static void drop_city_parts(const fm_map *map, cands *cs)
{
    char a[96], b[96];
    if (map->lay.vx1 - map->lay.vx0 < VILLAGE_VIEW_M)
        return;
    for (size_t i = 0; i < cs->n; i++) {
        fm_label_cand *d = &cs->c[i];
        size_t nb;
        if (d->kind != FM_LK_SEAT || !d->p)
            continue;
        plain_key(d->name, b, sizeof b);
        nb = strlen(b);
        for (size_t j = 0; j < cs->n && d->kind >= 0; j++) {
            const fm_label_cand *c = &cs->c[j];
            size_t na;
            if ((c->kind != FM_LK_CITY && c->kind != FM_LK_CAPITAL) || !c->p ||
                strcmp(c->p->country, d->p->country) || fabs(c->x - d->x) > 30 ||
                fabs(c->y - d->y) > 30)
                continue;
            plain_key(c->name, a, sizeof a);
            na = strlen(a);
            if (na >= 4 && nb > na && (!strncmp(b, a, na) || !strcmp(b + nb - na, a)))
                d->kind = -1;
        }
    }
}

/* Whether candidate t is a town or city at district row d's seat. */
static int at_seat(const fm_label_cand *t, const fm_label_cand *d)
{
    return t->kind >= 0 && t->p && (t->p->kind == FM_PLACE_TOWN || t->p->kind == FM_PLACE_CITY) &&
           fabs(t->p->lon - d->p->seat_lon) <= SEAT_SNAP_DEG &&
           fabs(t->p->lat - d->p->seat_lat) <= SEAT_SNAP_DEG && !strcmp(t->p->country, d->p->country);
}

/* Of the towns at d's seat (GeoNames may file one town twice, "Muhmand
 * Dara" and "Mohmand Darah" 800 m apart), the one that names it: a city
 * first, then the district's own name, then the one a gazetteer (GeoNames)
 * vouches for, then the first. */
static size_t seat_town(const cands *cs, const fm_label_cand *d)
{
    size_t j, best = (size_t)-1;
    int best_rank = -1;
    char a[96], b[96];
    plain_key(d->name, b, sizeof b);
    for (j = 0; j < cs->n; j++) {
        const fm_label_cand *t = &cs->c[j];
        int rank;
        if (t == d || !at_seat(t, d))
            continue;
        plain_key(t->name, a, sizeof a);
        rank = 4 * (t->p->kind == FM_PLACE_CITY) + 2 * !strcmp(a, b) +
               (t->p->source && !strncmp(t->p->source, "geonames", 8));
        if (rank > best_rank)
            best_rank = rank, best = j;
    }
    return best;
}

/* Whether t is a town or village a gazetteer calls the centre of d's
 * district ("Markaz-e Wuluswali-ye Yosuf Khel", "'Alaqahdari Nakah"), filed
 * apart from the seat d names, within 20 km of it: the seat again, under
 * another record (named once, as the seat). */
static int centre_of(const fm_label_cand *t, const fm_label_cand *d)
{
    char a[96];
    if (t->kind < 0 || !t->p || (t->p->kind != FM_PLACE_TOWN && t->p->kind != FM_PLACE_VILLAGE) ||
        !t->p->admin2 || strcasecmp(t->p->admin2, d->p->name) ||
        strcmp(t->p->country, d->p->country) || fabs(t->p->lon - d->p->seat_lon) > 0.2 ||
        fabs(t->p->lat - d->p->seat_lat) > 0.2 || at_seat(t, d))
        return 0;
    plain_key(t->name, a, sizeof a);
    return fm_label_centre_words(a);
}

/* Towns at a district row's seat are its seat: the seat keeps the town's
 * name (Miran Shah, not North Waziristan; Landi Kotal, not Khyber), in the
 * district's plain spelling when the two differ only by diacritics; the
 * district rows are then dropped. A district row with no town at its point
 * stands for its seat under its own name. */
static void merge_seats(cands *cs)
{
    size_t i, j;
    for (i = 0; i < cs->n; i++) {
        fm_label_cand *d = &cs->c[i];
        int dkind = d->kind;
        if (dkind == FM_LK_DISTRICT && d->p && district_has_city(cs, d))
            d->kind = -1; /* Karachi: the city of its name speaks for it */
        if ((dkind != FM_LK_SEAT && dkind != FM_LK_CITY) || !d->p ||
            d->p->kind != FM_PLACE_DISTRICT || isnan(d->p->seat_lon))
            continue;
        size_t keep = seat_town(cs, d);
        for (j = 0; j < cs->n; j++) {
            fm_label_cand *t = &cs->c[j];
            char a[96], b[96];
            if (j != i && centre_of(t, d)) { /* the seat, another record */
                t->kind = -1;
                continue;
            }
            if (j == i || !at_seat(t, d))
                continue;
            if (j != keep) { /* the same seat under another spelling: named once */
                t->kind = -1;
                continue;
            }
            plain_key(t->name, a, sizeof a);
            plain_key(d->name, b, sizeof b);
            /* GeoNames calls many Afghan seats "'Alaqahdari X" or "Markaz-e
             * Woluswali-ye X" (district centre of X): print the district */
            if ((!strcmp(a, b) && is_ascii(d->name) && !is_ascii(t->name)) ||
                fm_label_centre_words(a) || strstr(a, "hukumat"))
                t->name = d->name;
            if (t->kind > dkind) /* a town at a seat is the seat, at a capital a city */
                t->kind = dkind;
            t->must = 1;
            t->score = fmax(t->score, d->score);
            d->kind = -1; /* the town speaks for it */
        }
    }
    for (i = j = 0; i < cs->n; i++)
        if (cs->c[i].kind >= 0)
            cs->c[j++] = cs->c[i];
    cs->n = j;
}

/* A place's weight within its kind: the incidents at it and, less, around
 * it, and a little for a gazetteer's vouching (GeoNames) over a name taken
 * from an incident list. */
static double place_score(const fm_map *map, heat *h, const fm_label_cand *c)
{
    double s = log1p(at_place(map, h, c->x, c->y)) + 0.5 * log1p(heat_at(h, c->x, c->y));
    if (c->p && c->p->source && !strncmp(c->p->source, "geonames", 8))
        s += 1.5;
    return s;
}

static size_t fm_max_sz(size_t a, size_t b)
{
    return a > b ? a : b;
}

static size_t fm_min_sz(size_t a, size_t b)
{
    return a < b ? a : b;
}

static int cmp_double_desc(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return p > q ? -1 : p < q;
}

/* How many point names of the usual size the frame holds without crowding
 * (about one name per 60 x 40 points at A4's type, less on a smaller page
 * whose names are set smaller: fm_label_page_scale). */
static size_t frame_capacity(const fm_map *map)
{
    const fm_box *f = &map->lay.frame;
    double s = fm_label_page_scale(map);
    return (size_t)((f->x1 - f->x0) * (f->y1 - f->y0) / (60.0 * 40.0 * s * s));
}

/* Whether place p at (lon, lat) lies in what the map is about: the province
 * its --region names, else the district polygons it veils around; 0 on a
 * map about no area (the frontier, a box). A province's place is also of its
 * country: Natural Earth's KP runs a kilometre or two beside the Durand
 * Line, and held Tsaperai, an Afghan seat, as one of KP's. */
static int in_subject(const fm_map *map, const fm_place *p, double lon, double lat)
{
    const fm_map_opts *o = &map->opts;
    if (o->subject)
        return (!o->subject_country || !p->country || !strcmp(p->country, o->subject_country)) &&
               fm_geom_contains(o->subject, lon, lat);
    for (size_t i = 0; i < o->nfocus; i++)
        if (fm_geom_contains(o->focus[i], lon, lat))
            return 1;
    return 0;
}

/* A district named at its seat, or (no seat known) at its middle. */
static int is_seat(int kind)
{
    return kind == FM_LK_SEAT || kind == FM_LK_DISTRICT;
}

/* A seat's rank for the guarantee: the subject's seats (the province a
 * --region kp names) before any other, then by score. */
static double seat_rank(const fm_label_cand *c)
{
    return c->score + (c->subject ? 1e6 : 0);
}

/* The reach of a seat of the subject on a view too small for all the
 * seats: SUBJECT_REACH_PT on A4, scaled with the symbols; on a page under A4
 * no less than scaled with the names (fm_label_page_scale): the symbols
 * shrink to 0.53 of A4's on A5 but the names only to 0.84, so a 16 pt reach
 * was shorter than the names it should hold. */
static double subject_reach(const fm_map *map)
{
    double k = map->sym_scale > 0 ? map->sym_scale : 1, s = fm_label_page_scale(map);
    return SUBJECT_REACH_PT * (s < 0.999 ? fmax(k, FM_SYM_UNIT_K * s) : k);
}

/* Every seat in the frame must be named while they fit; on a small-scale
 * view with more seats than room, the seats of the map's subject, then
 * those with the most incidents around them, keep the guarantee and the
 * rest compete like towns (on the A4 KP map, KP's seats before the Afghan
 * and Punjabi ones across its edges). */
static fm_status limit_seats(fm_ctx *ctx, const fm_map *map, cands *cs)
{
    size_t i, k = 0, room = frame_capacity(map) / 2;
    double *sc, cut;
    for (i = 0; i < cs->n; i++)
        k += is_seat(cs->c[i].kind);
    if (k <= room)
        return FM_OK;
    if (!(sc = fm_malloc_array(k, sizeof *sc)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = k = 0; i < cs->n; i++)
        if (is_seat(cs->c[i].kind))
            sc[k++] = seat_rank(&cs->c[i]);
    qsort(sc, k, sizeof *sc, cmp_double_desc);
    cut = room ? sc[room - 1] : HUGE_VAL;
    for (i = 0; i < cs->n; i++)
        if (is_seat(cs->c[i].kind) && seat_rank(&cs->c[i]) < cut)
            cs->c[i].must = 0;
        else if (is_seat(cs->c[i].kind) && !cs->c[i].subject)
            cs->c[i].ranked = 1;
        else if (is_seat(cs->c[i].kind))
            cs->c[i].reach_pt = subject_reach(map);
    free(sc);
    return FM_OK;
}

static int cmp_cand(const void *a, const void *b)
{
    const fm_label_cand *p = a, *q = b;
    if (p->kind != q->kind)
        return p->kind - q->kind;
    if (p->must != q->must)
        return q->must - p->must;
    if (p->subject != q->subject) /* the map's own province first */
        return q->subject - p->subject;
    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;
    return p->id < q->id ? -1 : p->id > q->id;
}

/* The order names are placed in: by kind (crossings, major cities, the two
 * countries, provinces, cities, seats, ...), guarantee and score, except
 * that the cities come straight after the crossings and major cities, and
 * the names promoted by a failed try (labels.c adds FM_LABEL_PROMOTED to
 * their score) after them, before every other name: a promoted seat placed
 * before the cities pushed them to long leaders (on 28 maps of the GED
 * sample leaders over 30 pt fell from 34 to 28, and 16 more seats were
 * named). */
static int placing_group(const fm_label_cand *c)
{
    if (c->kind == FM_LK_CAPITAL && c->reach_pt > 0) /* a small page: before the crossings */
        return -1;
    if (c->kind <= FM_LK_CAPITAL)
        return 0;
    if (c->score >= FM_LABEL_PROMOTED)
        return 2;
    return c->kind == FM_LK_CITY ? 1 : 3;
}

static int cmp_placing(const void *a, const void *b)
{
    int pg = placing_group(a), qg = placing_group(b);
    if (pg != qg)
        return pg - qg;
    return cmp_cand(a, b);
}

void fm_label_cands_sort(fm_label_cand *c, size_t n)
{
    if (n)
        qsort(c, n, sizeof *c, cmp_placing);
}

/* Whether a place named at a point lies within VILLAGE_SPREAD_PT of one of
 * the n kept before it (towns, seats, cities, crossings, villages). */
static int crowded(const fm_label_cand *kept, size_t n, const fm_label_cand *c, double spread)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (kept[i].p && !kept[i].g && kept[i].kind != FM_LK_ROUTE &&
            kept[i].kind != FM_LK_RIVER &&
            hypot(kept[i].x - c->x, kept[i].y - c->y) < spread)
            return 1;
    return 0;
}

/* The leading towns by score become `must` (the only towns named when the
 * labels leave towns out). Villages are kept by weight (placerank.c's, with
 * the incidents around them), none within VILLAGE_SPREAD_PT of a place kept
 * before it (so they spread over the frame rather than crowd one valley),
 * those under VILLAGE_MIN (off the roads drawn, no incidents) only twice as
 * far from any, at most max_villages. cs is sorted. */
static void rank_towns(cands *cs, unsigned bits, size_t must_towns, size_t max_villages)
{
    size_t i, k, towns = 0, villages = 0;
    for (i = k = 0; i < cs->n; i++) {
        fm_label_cand *c = &cs->c[i];
        if (c->kind == FM_LK_TOWN && towns++ < must_towns)
            c->must = 1, c->ranked = 1;
        /* without "towns" asked for, only the leading towns are named */
        if (c->kind == FM_LK_TOWN && !c->must && !(bits & FM_LABEL_TOWNS))
            continue;
        /* a village of no weight only where nothing else is named around it,
         * so no part of the frame is left without a name to find one's way by */
        if (c->kind == FM_LK_VILLAGE &&
            (villages >= max_villages ||
             crowded(cs->c, k, c, c->score < VILLAGE_MIN ? 2 * VILLAGE_SPREAD_PT
                                                         : VILLAGE_SPREAD_PT)))
            continue;
        villages += c->kind == FM_LK_VILLAGE;
        /* a district named at its middle only where the seats are named */
        if (c->kind == FM_LK_DISTRICT && !c->must)
            continue;
        cs->c[k++] = *c;
    }
    cs->n = k;
}

/* Gazetteer places in the frame. On a wide view, seats, towns and minor
 * cities far from the frontier are noise and are left out. */
static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The entries a view without villages can name, in file order (the order
 * every entry would be walked in): the 2,000 that are not villages, rather
 * than all 74,000, each decoded from the mapped gazetteer when first read. */
static fm_status places_but_villages(fm_ctx *ctx, const fm_gazetteer *gz, size_t **out,
                                     size_t *n)
{
    size_t total = 0, k = 0, i;
    int kind;
    for (kind = 0; kind < FM_PLACE_VILLAGE; kind++)
        total += fm_gazetteer_count_kind(gz, (fm_place_kind)kind);
    *out = NULL;
    if (!total) /* no index of kinds: every entry */
        return FM_OK;
    if (!(*out = fm_malloc_array(total, sizeof **out)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (kind = 0; kind < FM_PLACE_VILLAGE; kind++)
        for (i = 0; i < fm_gazetteer_count_kind(gz, (fm_place_kind)kind); i++)
            (*out)[k++] = fm_gazetteer_index_kind(gz, (fm_place_kind)kind, i);
    qsort(*out, k, sizeof **out, cmp_index);
    *n = k;
    return FM_OK;
}

static fm_status collect_places(fm_ctx *ctx, fm_map *map, heat *h, const fm_road_grid *roads,
                                cands *cs)
{
    size_t i, k, total = map->gz ? fm_gazetteer_count(map->gz) : 0, *only = NULL;
    const fm_box *f = &map->lay.frame;
    double view_m = map->lay.vx1 - map->lay.vx0;
    const double *bb = map->view_ll;
    int wide = map->bm && view_m > 600e3, villages = view_m < VILLAGE_VIEW_M;
    fm_status st = FM_OK;
    if (total && !villages) {
        size_t n;
        if ((st = places_but_villages(ctx, map->gz, &only, &n)))
            return st;
        total = only ? n : total;
    }
    for (i = 0; i < total; i++) {
        const fm_place *p = fm_gazetteer_get(map->gz, only ? only[i] : i);
        fm_label_cand one;
        double lon, lat;
        int kind;
        if (!p)
            continue;
        lon = p->lon, lat = p->lat;
        if (p->kind == FM_PLACE_DISTRICT && !isnan(p->seat_lon)) /* its point is its middle */
            lon = p->seat_lon, lat = p->seat_lat;
        if (isnan(lon) || lon < bb[0] || lon > bb[2] || lat < bb[1] || lat > bb[3] ||
            (kind = kind_of(map, p, villages)) < 0)
            continue;
        /* a village beyond an explicit extent (veiled) helps no reader */
        if (kind == FM_LK_VILLAGE && map->opts.has_extent &&
            (lon < map->opts.west || lon > map->opts.east || lat < map->opts.south ||
             lat > map->opts.north))
            continue;
        memset(&one, 0, sizeof one);
        if (!fm_map_lonlat_page(map, lon, lat, &one.x, &one.y) || one.x < f->x0 ||
            one.x > f->x1 || one.y < f->y0 || one.y > f->y1)
            continue;
        /* (provincial capitals and the cities, GeoNames' largest towns,
         * are named on every view, and district seats wherever there is
         * room: the seats far from the frontier, with fewer incidents
         * around them, come last among the seats; a city dropped here left
         * the seat at its point, Jacobabad or Sargodha, unguaranteed) */
        if (wide && kind > FM_LK_CITY && kind != FM_LK_SEAT &&
            fm_basemap_border_km(map->bm, lon, lat) > (kind == FM_LK_CITY ? 160 : 110))
            continue;
        one.kind = kind, one.id = p->id, one.p = p, one.name = p->name;
        one.must = kind <= FM_LK_CAPITAL || is_seat(kind);
        if (kind == FM_LK_DISTRICT) { /* its name inside its polygon */
            const fm_area *a = fm_gazetteer_area_of(map->gz, p);
            one.g = a ? a->geom : NULL;
            one.iso2 = p->country; /* kept on its side of the drawn border */
        }
        one.subject = (is_seat(kind) || kind == FM_LK_TOWN || kind == FM_LK_CITY) &&
                      in_subject(map, p, lon, lat);
        one.score = place_score(map, h, &one);
        if (kind == FM_LK_VILLAGE)
            one.score += fm_village_weight(roads, p, one.x, one.y);
        if (wide && kind == FM_LK_SEAT) /* of two seats alike, the one nearer the border */
            one.score += 0.5 / (1 + fm_basemap_border_km(map->bm, lon, lat) / 100);
        if (kind == FM_LK_CITY)
            one.must = 1;
        if (add(ctx, cs, &one)) {
            free(only);
            return FM_ENOMEM;
        }
    }
    free(only);
    merge_seats(cs);
    drop_city_parts(map, cs);
    if ((st = fm_label_cands_merge_doubles(ctx, map, cs->c, cs->n)))
        return st;
    for (i = k = 0; i < cs->n; i++) /* the doubles dropped */
        if (cs->c[i].kind >= 0)
            cs->c[k++] = cs->c[i];
    cs->n = k;
    return limit_seats(ctx, map, cs);
}

/* Countries and provinces from the basemap polygons, named as in the map's
 * period (periodnames.c): before 2018 FATA is a name of its own, and Khyber
 * Pakhtunkhwa's is placed outside it. */
static fm_status collect_areas(fm_ctx *ctx, fm_map *map, cands *cs)
{
    size_t i, nc, np;
    const fm_geom *fata = NULL;
    if (!map->bm || !map->opts.labels)
        return FM_OK;
    if ((map->opts.labels & FM_LABEL_PROVINCES) && fm_period_fata(ctx, map, &fata))
        return FM_ENOMEM;
    if (fata) {
        fm_label_cand one;
        memset(&one, 0, sizeof one);
        one.g = fata, one.name = "FATA", one.kind = FM_LK_PROVINCE, one.id = -1, one.iso2 = "PK";
        if (add(ctx, cs, &one))
            return FM_ENOMEM;
    }
    nc = fm_basemap_count(map->bm, FM_LAYER_COUNTRIES);
    np = map->opts.labels & FM_LABEL_PROVINCES ? fm_basemap_count(map->bm, FM_LAYER_PROVINCES) : 0;
    for (i = 0; i < nc + np; i++) {
        const char *name = NULL, *country = NULL;
        fm_layer layer = i < nc ? FM_LAYER_COUNTRIES : FM_LAYER_PROVINCES;
        fm_label_cand one;
        memset(&one, 0, sizeof one);
        one.g = fm_basemap_geom(map->bm, layer, i < nc ? i : i - nc, &name, &country);
        if (!one.g || !name)
            continue;
        if (layer == FM_LAYER_COUNTRIES) {
            int home = !strcmp(name, "AF") || !strcmp(name, "PK");
            one.name = fm_basemap_country_name(map->bm, name);
            one.kind = home ? FM_LK_HOME : FM_LK_COUNTRY;
            one.iso2 = name;
        } else {
            one.name = fm_period_province_name(map, name), one.kind = FM_LK_PROVINCE;
            one.iso2 = country; /* (its country: the home countries' may go over symbols) */
            if (!strcmp(name, "Khyber Pakhtunkhwa"))
                one.not_in = fata;
        }
        if (!one.name || one.g->east < map->west - 10 || one.g->west > map->east + 10 ||
            one.g->north < map->south - 10 || one.g->south > map->north + 10)
            continue;
        one.id = (int)i;
        if (add(ctx, cs, &one))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Marker radius of a place named at a point (labeldraw.c's styles), for the
 * test of markers that would touch. */
static double marker_pt(int kind)
{
    return kind == FM_LK_CROSSING ? 3.2 : kind == FM_LK_CAPITAL ? 2.5 : kind == FM_LK_CITY ? 1.9
           : kind == FM_LK_SEAT ? 1.6 : kind == FM_LK_TOWN ? 1.3 : kind == FM_LK_DISTRICT ? 0 : 1.0;
}

/* A city (GeoNames' largest towns) in a crowd keeps its guarantee within
 * the reach a seat of the subject has (Okara by Sahiwal, Jhelum by
 * Islamabad on the whole record's A4 map of Pakistan): named near its place
 * or left out, never on a leader across the crowd. Returns 1 when c keeps it. */
static int crowd_city(const fm_map *map, fm_label_cand *c)
{
    if (c->kind != FM_LK_CITY || !c->p || c->p->kind != FM_PLACE_CITY)
        return 0;
    c->reach_pt = SUBJECT_REACH_PT * fmin(1, map->sym_scale > 0 ? map->sym_scale : 1);
    return 1;
}

/* On a page smaller than A4 (its names set smaller, fm_label_page_scale
 * under 1), a crossing, major city or provincial capital is named within
 * SMALL_PAGE_REACH_PT (at the page's type) of its place or left out, and
 * said in the note (unnamed.c); the major cities and capitals are then
 * placed before the crossings (cmp_placing), as the places a reader finds
 * the rest by, so a crowd drops a crossing's name before Peshawar: on the whole
 * record's A5 maps Peshawar hung 52-61 pt and Jalalabad 41-65 pt from their
 * markers, across the Khyber crowd, one beside Islamabad's. Returns 1 when
 * c takes that reach. */
static int small_page_reach(const fm_map *map, fm_label_cand *c)
{
    double s = fm_label_page_scale(map);
    if (s >= 0.999 || c->kind > FM_LK_CAPITAL)
        return 0;
    c->reach_pt = SMALL_PAGE_REACH_PT * s;
    return 1;
}

/* A guaranteed place whose marker would touch a more important guaranteed
 * place's (the same town under two spellings, a village at a seat's gate)
 * cannot be drawn apart from it, and one in a neighbourhood that already
 * holds CROWD_MAX guaranteed names within CROWD_PT (seats and towns packed on
 * a small-scale view), or KNOT_MAX within KNOT_PT (a seat between two
 * crossings a few points apart), could only be placed at the end of a long
 * leader across the others: both lose the guarantee (crossings and major cities
 * never do). cs is sorted. */
static fm_status limit_crowding(fm_ctx *ctx, const fm_map *map, cands *cs)
{
    fm_boxgrid g;
    size_t i;
    if (fm_boxgrid_init(ctx, &g, &map->lay.frame))
        return FM_ENOMEM;
    for (i = 0; i < cs->n; i++) {
        fm_label_cand *c = &cs->c[i];
        double r = marker_pt(c->kind) + 0.3;
        fm_box b = {c->x - r, c->y - r, c->x + r, c->y + r};
        fm_box near = {c->x - CROWD_PT, c->y - CROWD_PT, c->x + CROWD_PT, c->y + CROWD_PT};
        int idx[64], crowd = 0, knot = 0;
        size_t n, k;
        if (!c->must || !c->p || (c->g && c->kind != FM_LK_DISTRICT))
            continue;
        n = fm_boxgrid_query(&g, &near, idx, 64);
        for (k = 0; k < n && k < 64; k++) {
            const fm_box *o = &g.b[idx[k]];
            double d = hypot((o->x0 + o->x1) / 2 - c->x, (o->y0 + o->y1) / 2 - c->y);
            crowd += d < CROWD_PT;
            knot += d < KNOT_PT;
        }
        /* (a seat or city of the map's subject keeps its guarantee in a
         * crowd (Abbottabad, a city at a seat, on the A4 KP map), a seat
         * also beside a more important place whose marker its own touches:
         * Saidu Sharif by Mingora and Landi Kotal by Torkham on the KP map,
         * their markers drawn under the other's; limit_seats's reach still
         * holds for them) */
        c->shares = c->subject && is_seat(c->kind) && fm_boxgrid_hits(&g, &b);
        if (c->kind > FM_LK_CAPITAL &&
            ((fm_boxgrid_hits(&g, &b) && !c->shares) ||
             (crowd >= CROWD_MAX && !(c->subject && (is_seat(c->kind) || c->kind == FM_LK_CITY)) &&
              !crowd_city(map, c)) ||
             knot >= KNOT_MAX)) {
            c->shares = 0;
            c->must = 0;
            continue;
        }
        if (fm_boxgrid_add(ctx, &g, b, (int)i)) {
            fm_boxgrid_free(&g);
            return FM_ENOMEM;
        }
    }
    fm_boxgrid_free(&g);
    return FM_OK;
}

fm_status fm_label_cands_collect(fm_ctx *ctx, fm_map *map, fm_label_cand **out, size_t *n)
{
    cands cs = {NULL, 0, 0};
    heat h;
    fm_road_grid roads;
    fm_status st;
    unsigned bits = label_bits(map);
    /* by default a share of the room; asked for, as many as fit */
    size_t max_villages = map->opts.labels & FM_LABEL_TOWNS
                              ? MAX_VILLAGES
                              : frame_capacity(map) / AUTO_VILLAGE_ROOM;
    *out = NULL, *n = 0;
    memset(&h, 0, sizeof h);
    memset(&roads, 0, sizeof roads);
    if (!(st = heat_build(ctx, map, &h)) &&
        (!(bits & FM_LABEL_TOWNS) || !(st = fm_road_grid_build(ctx, map, &roads))) &&
        !(st = collect_places(ctx, map, &h, &roads, &cs)) &&
        !(st = collect_areas(ctx, map, &cs)) &&
        !(st = fm_detail_label_cands(ctx, map, &cs.c, &cs.n, &cs.cap))) {
        if (cs.n)
            qsort(cs.c, cs.n, sizeof *cs.c, cmp_cand);
        rank_towns(&cs, bits, fm_max_sz(MUST_TOWNS, frame_capacity(map) / 3),
                   fm_min_sz(max_villages, MAX_VILLAGES));
        for (size_t i = 0; i < cs.n; i++)
            if (cs.c[i].must && !cs.c[i].g)
                small_page_reach(map, &cs.c[i]);
        if (!(st = limit_crowding(ctx, map, &cs)))
            fm_label_cands_sort(cs.c, cs.n);
        for (size_t i = 0; i < cs.n; i++) /* crossings and cities: near their place */
            if (cs.c[i].must && cs.c[i].kind <= FM_LK_CITY && !cs.c[i].g && !cs.c[i].reach_pt &&
                !crowd_city(map, &cs.c[i]))
                cs.c[i].prefer_pt = SUBJECT_REACH_PT * fmin(1, map->sym_scale > 0 ? map->sym_scale : 1);
    }
    free(h.v);
    fm_boxgrid_free(&h.sym);
    fm_road_grid_free(&roads);
    if (st) {
        free(cs.c);
        return st;
    }
    *out = cs.c, *n = cs.n;
    return FM_OK;
}

/* The label kinds (bit 1 << FM_LK_*) of the places this view may name whose
 * points lie in the frame: the legend keys a marker only when such a place
 * is there (legendshown.c). On a wide view the towns far from the border are
 * left out, as collect_places leaves them. ~0u when out of memory (every
 * key kept). */
unsigned fm_label_kinds_in_frame(fm_map *map)
{
    size_t i, n = 0, total = map->gz ? fm_gazetteer_count(map->gz) : 0, *only = NULL;
    const fm_box *f = &map->lay.frame;
    double view_m = map->lay.vx1 - map->lay.vx0;
    int wide = map->bm && view_m > 600e3, villages = view_m < VILLAGE_VIEW_M;
    unsigned found = 0;
    if (total && !villages) {
        if (places_but_villages(NULL, map->gz, &only, &n))
            return ~0u;
        total = only ? n : total;
    }
    for (i = 0; i < total; i++) {
        const fm_place *p = fm_gazetteer_get(map->gz, only ? only[i] : i);
        double lon, lat, x, y;
        int kind;
        if (!p || (kind = kind_of(map, p, villages)) < 0 || (found & (1u << kind)))
            continue;
        lon = p->lon, lat = p->lat;
        if (p->kind == FM_PLACE_DISTRICT && !isnan(p->seat_lon))
            lon = p->seat_lon, lat = p->seat_lat;
        if (isnan(lon) || !fm_map_lonlat_page(map, lon, lat, &x, &y) || x < f->x0 || x > f->x1 ||
            y < f->y0 || y > f->y1)
            continue;
        if (wide && kind > FM_LK_CITY && kind != FM_LK_SEAT &&
            fm_basemap_border_km(map->bm, lon, lat) > (kind == FM_LK_CITY ? 160 : 110))
            continue;
        found |= 1u << kind;
    }
    free(only);
    return found;
}
