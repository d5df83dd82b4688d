/* basemap.c: the region's boundaries (countries, provinces, the Durand Line)
 * read from GeoJSON (by a small reader of its own) into flat lon/lat arrays,
 * with indexes for fast point-in-polygon tests and exact distance to the border. */
#include <errno.h>
#include <float.h>
#include <geodesic.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo/fm_geo.h"

#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)
#define DEG (M_PI / 180)
#define EARTH_R_KM 6371.0088 /* mean radius: the sphere used to rank segments */
#define EULER_MARGIN 1.5e-4 /* relative error bound of euler_km, with a margin */
#define MIN_RADIUS_KM 6335.43 /* WGS84 meridian radius at the equator */
#define CHUNK_SEGS 32        /* border segments per bounding cap */
#define CHUNK_GROUP 16       /* chunks per group cap */
#define LONG_SEG_M 1000.0    /* beyond this, follow the geodesic, not the chord */
#define MAX_CANDIDATES 256   /* segments kept for the exact pass */

/* Edges of one polygon feature bucketed by latitude band, so a ray-casting
 * test looks only at the edges that cross the point's band. */
typedef struct {
    size_t nbands;
    double band_h;      /* degrees of latitude per band */
    size_t *band_start; /* nbands + 1 */
    uint32_t *edges;    /* index of an edge's first point; the second is next[] */
    uint32_t *next;     /* per point: index of the following point in its ring */
} edge_index;

typedef struct {
    fm_geom g;
    char *name;
    char *country;
    char *label; /* countries: the full name ("Pakistan") */
    edge_index idx;
} bm_feature;

typedef struct {
    bm_feature *f;
    size_t n;
} bm_layer;

/* One border segment: its ends in lon/lat and as unit vectors, the unit
 * normal n of its great circle and the normals u = n x a, w = b x n of the
 * planes that bound its lune (arc == 0 for a zero-length segment). */
typedef struct {
    double ab[4];
    double a[3], b[3], n[3], u[3], w[3];
    uint32_t feat;
    int arc;
} border_seg;

/* A run of consecutive segments inside a spherical cap (centre c, chord r). */
typedef struct {
    double c[3], r;
    uint32_t first, end;
} border_chunk;

typedef struct {
    border_seg *seg;
    size_t nseg;
    border_chunk *chunk;
    size_t nchunk;
    border_chunk *group; /* caps of CHUNK_GROUP consecutive chunks */
    size_t ngroup;
} border_index;

struct fm_basemap {
    bm_layer layers[FM_LAYER_COUNT];
    border_index border;
    struct geod_geodesic geod;
};

static const char *const layer_file[FM_LAYER_COUNT] = {"countries", "provinces", "border"};
/* property holding the name and the country of each layer */
static const char *const layer_name_prop[FM_LAYER_COUNT] = {"iso2", "name", "name"};
static const char *const layer_country_prop[FM_LAYER_COUNT] = {"iso2", "country", NULL};

/* ---- geometry conversion -------------------------------------------------- */

static void geom_free(fm_geom *g)
{
    free(g->xy);
    free(g->part_start);
    free(g->ring_is_hole);
    memset(g, 0, sizeof *g);
}

/* ---- point in polygon ------------------------------------------------------ */

/* Even-odd crossing test of one edge against a ray going east from (x, y). */
static int edge_crosses(const double *a, const double *b, double x, double y)
{
    if ((a[1] > y) == (b[1] > y))
        return 0;
    return x < a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
}

int fm_geom_contains(const fm_geom *g, double lon, double lat)
{
    size_t p, i;
    int in = 0;
    if (!g || lon < g->west || lon > g->east || lat < g->south || lat > g->north)
        return 0;
    for (p = 0; p < g->nparts; p++) {
        size_t s = g->part_start[p], e = g->part_start[p + 1];
        for (i = s; i < e; i++) /* the closing edge too, for rings left open */
            in ^= edge_crosses(g->xy + 2 * i, g->xy + 2 * (i + 1 < e ? i + 1 : s), lon, lat);
    }
    return in;
}

static void edge_index_free(edge_index *ix)
{
    free(ix->band_start);
    free(ix->edges);
    free(ix->next);
    memset(ix, 0, sizeof *ix);
}

/* Visits each edge's band range: counts (fill == 0) or fills the band lists. */
static void edge_index_pass(edge_index *ix, const fm_geom *g, size_t *pos)
{
    size_t i;
    for (i = 0; i < g->npoints; i++) {
        double y1 = g->xy[2 * i + 1], y2 = g->xy[2 * ix->next[i] + 1];
        size_t b0 = (size_t)((fmin(y1, y2) - g->south) / ix->band_h);
        size_t b1 = (size_t)((fmax(y1, y2) - g->south) / ix->band_h), b;
        if (b1 >= ix->nbands)
            b1 = ix->nbands - 1;
        for (b = b0; b <= b1; b++) {
            if (pos)
                ix->edges[pos[b]++] = (uint32_t)i;
            else
                ix->band_start[b + 1]++;
        }
    }
}

static fm_status edge_index_build(fm_ctx *ctx, edge_index *ix, const fm_geom *g)
{
    size_t i, p, *pos;
    memset(ix, 0, sizeof *ix);
    if (!g->npoints)
        return FM_OK;
    ix->nbands = g->npoints / 16 + 1;
    if (ix->nbands > 4096)
        ix->nbands = 4096;
    ix->band_h = (g->north - g->south) / (double)ix->nbands;
    if (!(ix->band_h > 0))
        ix->band_h = 1;
    ix->band_start = calloc(ix->nbands + 1, sizeof *ix->band_start);
    ix->next = fm_malloc_array(g->npoints, sizeof *ix->next);
    pos = fm_malloc_array(ix->nbands, sizeof *pos);
    if (!ix->band_start || !ix->next || !pos)
        goto nomem;
    for (p = 0; p < g->nparts; p++)
        for (i = g->part_start[p]; i < g->part_start[p + 1]; i++)
            ix->next[i] = (uint32_t)(i + 1 < g->part_start[p + 1] ? i + 1 : g->part_start[p]);
    edge_index_pass(ix, g, NULL);
    for (i = 0; i < ix->nbands; i++)
        ix->band_start[i + 1] += ix->band_start[i];
    ix->edges = fm_malloc_array(ix->band_start[ix->nbands] + 1, sizeof *ix->edges);
    if (!ix->edges)
        goto nomem;
    memcpy(pos, ix->band_start, ix->nbands * sizeof *pos);
    edge_index_pass(ix, g, pos);
    free(pos);
    return FM_OK;
nomem:
    free(pos);
    edge_index_free(ix);
    return fm_error(ctx, FM_ENOMEM, "out of memory");
}

static int feature_contains(const bm_feature *f, double lon, double lat)
{
    const fm_geom *g = &f->g;
    const edge_index *ix = &f->idx;
    size_t b, k;
    int in = 0;
    if (lon < g->west || lon > g->east || lat < g->south || lat > g->north || !ix->nbands)
        return 0;
    b = (size_t)((lat - g->south) / ix->band_h);
    if (b >= ix->nbands)
        b = ix->nbands - 1;
    for (k = ix->band_start[b]; k < ix->band_start[b + 1]; k++) {
        uint32_t i = ix->edges[k];
        in ^= edge_crosses(g->xy + 2 * (size_t)i, g->xy + 2 * (size_t)ix->next[i], lon, lat);
    }
    return in;
}

size_t fm_basemap_find(const fm_basemap *bm, fm_layer layer, double lon, double lat)
{
    size_t i;
    if (!bm || layer >= FM_LAYER_BORDER || isnan(lon) || isnan(lat))
        return (size_t)-1;
    for (i = 0; i < bm->layers[layer].n; i++)
        if (feature_contains(&bm->layers[layer].f[i], lon, lat))
            return i;
    return (size_t)-1;
}

/* ---- border segments on the sphere ------------------------------------------ */

/* Segments are ranked on a sphere (unit vectors), where the distance from a
 * point to a great-circle arc has a closed form and cheap bounds; only the few
 * best are then measured exactly on the ellipsoid. The sphere's error against
 * WGS84 varies smoothly with direction, so a small relative margin keeps every
 * segment that could be the nearest one. */
static void unit_vec(double lon, double lat, double v[3])
{
    double cl = cos(lat * DEG);
    v[0] = cl * cos(lon * DEG);
    v[1] = cl * sin(lon * DEG);
    v[2] = sin(lat * DEG);
}

static void cross(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

static double dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static double chord2(const double a[3], const double b[3])
{
    double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return dx * dx + dy * dy + dz * dz;
}

static int seg_is_long(const border_seg *s)
{
    return sqrt(chord2(s->a, s->b)) * EARTH_R_KM * 1000 >= LONG_SEG_M;
}

static void border_free(border_index *bi)
{
    free(bi->seg);
    free(bi->chunk);
    free(bi->group);
    memset(bi, 0, sizeof *bi);
}

static void seg_init(border_seg *s, const double *ab, uint32_t feat)
{
    double m;
    memcpy(s->ab, ab, sizeof s->ab);
    s->feat = feat;
    unit_vec(ab[0], ab[1], s->a);
    unit_vec(ab[2], ab[3], s->b);
    cross(s->a, s->b, s->n);
    m = sqrt(dot(s->n, s->n));
    s->arc = m > 1e-15;
    if (!s->arc)
        return;
    s->n[0] /= m, s->n[1] /= m, s->n[2] /= m;
    cross(s->n, s->a, s->u);
    cross(s->b, s->n, s->w);
}

/* The cap around a run of segments: centre c (unit) and chord radius r, so
 * |P - c| - r bounds the chord from P to any point of the run from below. */
static void chunk_init(border_chunk *c, const border_seg *seg, uint32_t first, uint32_t end)
{
    double m, cmin = 1;
    uint32_t i;
    c->first = first;
    c->end = end;
    memset(c->c, 0, sizeof c->c);
    for (i = first; i < end; i++)
        for (int k = 0; k < 3; k++)
            c->c[k] += seg[i].a[k] + seg[i].b[k];
    m = sqrt(dot(c->c, c->c));
    for (int k = 0; k < 3; k++)
        c->c[k] = m > 0 ? c->c[k] / m : (k == 2);
    for (i = first; i < end; i++) {
        cmin = fmin(cmin, dot(c->c, seg[i].a));
        cmin = fmin(cmin, dot(c->c, seg[i].b));
    }
    /* arcs between vertices stay inside the cap when it is under a hemisphere */
    c->r = cmin > 0.01 ? sqrt(2 - 2 * cmin) * (1 + 1e-9) + 1e-12 : 4;
}

/* Caps over runs of chunks: the centre of the chunk centres, a radius that
 * covers every chunk cap (triangle inequality on chords). */
static fm_status group_build(fm_ctx *ctx, border_index *bi)
{
    size_t g, i;
    bi->ngroup = (bi->nchunk + CHUNK_GROUP - 1) / CHUNK_GROUP;
    bi->group = fm_malloc_array(bi->ngroup + 1, sizeof *bi->group);
    if (!bi->group)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (g = 0; g < bi->ngroup; g++) {
        border_chunk *G = &bi->group[g];
        double m;
        G->first = (uint32_t)(g * CHUNK_GROUP);
        G->end = (uint32_t)(G->first + CHUNK_GROUP < bi->nchunk ? G->first + CHUNK_GROUP
                                                                : bi->nchunk);
        memset(G->c, 0, sizeof G->c);
        for (i = G->first; i < G->end; i++)
            for (int k = 0; k < 3; k++)
                G->c[k] += bi->chunk[i].c[k];
        m = sqrt(dot(G->c, G->c));
        for (int k = 0; k < 3; k++)
            G->c[k] = m > 0 ? G->c[k] / m : (k == 2);
        G->r = 0;
        for (i = G->first; i < G->end; i++)
            G->r = fmax(G->r, sqrt(chord2(G->c, bi->chunk[i].c)) + bi->chunk[i].r);
        G->r = G->r * (1 + 1e-9) + 1e-12;
    }
    return FM_OK;
}

static fm_status border_build(fm_ctx *ctx, border_index *bi, const bm_layer *ly)
{
    size_t i, p, k, n = 0;
    for (i = 0; i < ly->n; i++)
        n += ly->f[i].g.npoints;
    bi->seg = fm_malloc_array(n ? n : 1, sizeof *bi->seg);
    bi->chunk = fm_malloc_array(n / 2 + 1, sizeof *bi->chunk); /* >= chunks */
    if (!bi->seg || !bi->chunk || n >= UINT32_MAX)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < ly->n; i++) {
        const fm_geom *g = &ly->f[i].g;
        for (p = 0; p < g->nparts; p++) {
            uint32_t first = (uint32_t)bi->nseg;
            for (k = g->part_start[p]; k + 1 < g->part_start[p + 1]; k++) {
                seg_init(&bi->seg[bi->nseg++], g->xy + 2 * k, (uint32_t)i);
                if (bi->nseg - first == CHUNK_SEGS) {
                    chunk_init(&bi->chunk[bi->nchunk++], bi->seg, first, (uint32_t)bi->nseg);
                    first = (uint32_t)bi->nseg;
                }
            }
            if (bi->nseg > first)
                chunk_init(&bi->chunk[bi->nchunk++], bi->seg, first, (uint32_t)bi->nseg);
        }
    }
    return group_build(ctx, bi);
}

/* Squared chord from P to the arc of s; q receives the arc's nearest point. */
static double seg_foot(const border_seg *s, const double p[3], double q[3], int *vtx)
{
    double pn, m, ca, cb;
    if (s->arc && dot(p, s->u) >= 0 && dot(p, s->w) >= 0) {
        pn = dot(p, s->n);
        for (int k = 0; k < 3; k++)
            q[k] = p[k] - pn * s->n[k];
        m = sqrt(dot(q, q));
        if (m > 0) {
            q[0] /= m, q[1] /= m, q[2] /= m;
            *vtx = -1;
            return chord2(p, q);
        }
    }
    ca = chord2(p, s->a);
    cb = chord2(p, s->b);
    memcpy(q, ca <= cb ? s->a : s->b, 3 * sizeof(double));
    *vtx = ca <= cb ? 0 : 1;
    return fmin(ca, cb);
}

/* Distance (km) from P to Q on the ellipsoid, approximated by the angle
 * between them times the radius of curvature in the direction of travel
 * (Euler's formula at the mean latitude): within 5e-5 of the geodesic up to
 * 400 km here, against 0.5% for a plain sphere. Ranks segments only. */
static double euler_km(const double p[3], const double q[3], double c2)
{
    double e2 = WGS84_F * (2 - WGS84_F), d[3] = {q[0] - p[0], q[1] - p[1], q[2] - p[2]};
    double hp = sqrt(p[0] * p[0] + p[1] * p[1]), sl = (p[2] + q[2]) / 2, w2, m, n, e, no, c;
    double th = 2 * asin(fmin(1, sqrt(c2) / 2));
    e = hp > 0 ? (-p[1] * d[0] + p[0] * d[1]) / hp : d[0];
    no = hp > 0 ? -p[2] * (p[0] * d[0] + p[1] * d[1]) / hp + hp * d[2] : d[1];
    w2 = 1 - e2 * sl * sl;
    m = WGS84_A * (1 - e2) / (w2 * sqrt(w2));
    n = WGS84_A / sqrt(w2);
    c = e * e + no * no > 0 ? no * no / (e * e + no * no) : 1;
    return th / (c / m + (1 - c) / n) / 1000;
}

/* Candidates ranked by euler_km: kept while within EULER_MARGIN of the best;
 * the chord limit lim2 prunes segments and caps (a sphere of the ellipsoid's
 * smallest radius of curvature never overstates a distance). */
typedef struct {
    uint32_t seg;
    int vtx; /* nearest point: -1 inside the arc, 0 end a, 1 end b */
    double km;
} cand;

typedef struct {
    cand c[MAX_CANDIDATES];
    size_t n;
    double best, lim, lim2;
} cand_set;

static void cand_limit(cand_set *cs, double km)
{
    double th;
    cs->best = km;
    cs->lim = km * (1 + EULER_MARGIN + km * 5e-7) + 0.005; /* looser far away */
    th = cs->lim / MIN_RADIUS_KM;
    cs->lim2 = th >= M_PI ? 4 : 4 * sin(th / 2) * sin(th / 2);
}

static void cand_add(cand_set *cs, uint32_t seg, int vtx, double km)
{
    size_t i, k = 0;
    if (km < cs->best)
        cand_limit(cs, km);
    if (km > cs->lim)
        return;
    if (cs->n == MAX_CANDIDATES) { /* drop what the better best has ruled out */
        for (i = 0; i < cs->n; i++)
            if (cs->c[i].km <= cs->lim)
                cs->c[k++] = cs->c[i];
        cs->n = k;
        if (k == MAX_CANDIDATES) { /* still full: replace the worst */
            for (i = 1, k = 0; i < cs->n; i++)
                k = cs->c[i].km > cs->c[k].km ? i : k;
            if (cs->c[k].km <= km)
                return;
            cs->c[k] = cs->c[--cs->n];
        }
    }
    cs->c[cs->n].seg = seg;
    cs->c[cs->n].vtx = vtx;
    cs->c[cs->n++].km = km;
}

static void scan_chunk(const border_index *bi, const border_chunk *c, const double p[3],
                       cand_set *cs)
{
    uint32_t i;
    double q[3], c2;
    int vtx;
    for (i = c->first; i < c->end; i++)
        if ((c2 = seg_foot(&bi->seg[i], p, q, &vtx)) <= cs->lim2)
            cand_add(cs, i, vtx, euler_km(p, q, c2));
}
/* Lower bound of the chord from p to chunk c (may be negative). */
static double chunk_bound(const border_chunk *c, const double p[3])
{
    return sqrt(chord2(p, c->c)) - c->r;
}

/* The cap among [first,end) of caps with the smallest lower bound. */
static size_t closest_cap(const border_chunk *caps, size_t first, size_t end, const double p[3])
{
    size_t i, best = first;
    double lb, best_lb = HUGE_VAL;
    for (i = first; i < end; i++)
        if ((lb = chunk_bound(&caps[i], p)) < best_lb)
            best_lb = lb, best = i;
    return best;
}

static int cap_may_hold(const border_chunk *cap, const double p[3], const cand_set *cs)
{
    double lb = chunk_bound(cap, p);
    return lb <= 0 || lb * lb <= cs->lim2;
}

/* Scans first the chunk nearest to the point (to set a good limit at once),
 * then every chunk of every group whose cap may hold a closer segment. */
static void border_search(const border_index *bi, const double p[3], cand_set *cs)
{
    size_t g = closest_cap(bi->group, 0, bi->ngroup, p), i;
    size_t first = closest_cap(bi->chunk, bi->group[g].first, bi->group[g].end, p);
    scan_chunk(bi, &bi->chunk[first], p, cs);
    for (g = 0; g < bi->ngroup; g++) {
        if (!cap_may_hold(&bi->group[g], p, cs))
            continue;
        for (i = bi->group[g].first; i < bi->group[g].end; i++)
            if (i != first && cap_may_hold(&bi->chunk[i], p, cs))
                scan_chunk(bi, &bi->chunk[i], p, cs);
    }
}

/* Parameter along ab (0..1) of the point nearest to (lon,lat) in a local
 * planar frame (km per degree from the ellipsoid's radii there): a starting
 * point for the exact step. */
static double seg_param(const double *ab, double lon, double lat)
{
    double e2 = WGS84_F * (2 - WGS84_F), s = sin(lat * DEG), w = sqrt(1 - e2 * s * s);
    double kx = cos(lat * DEG) / w, ky = (1 - e2) / (w * w * w);
    double ax = (ab[0] - lon) * kx, ay = (ab[1] - lat) * ky;
    double dx = (ab[2] - ab[0]) * kx, dy = (ab[3] - ab[1]) * ky;
    double l2 = dx * dx + dy * dy, u;
    if (!(l2 > 0))
        return 0;
    u = -(ax * dx + ay * dy) / l2;
    return u < 0 ? 0 : u > 1 ? 1 : u;
}

/* Exact distance (m) from P to the geodesic segment ab. Short segments: the
 * chord in lon/lat and the geodesic differ by millimetres, so the point at
 * the planar parameter is exact enough. Long ones: walk along the geodesic to
 * the foot of the perpendicular (a spherical along-track correction, which
 * converges in a few steps). */
static double seg_exact(const fm_basemap *bm, const border_seg *seg, double lon, double lat,
                        double *qlon, double *qlat)
{
    const struct geod_geodesic *g = &bm->geod;
    const double *ab = seg->ab;
    double t = seg_param(ab, lon, lat), s12, azi1, azi2, s, d, az_qp, az_q, ds;
    double r = EARTH_R_KM * 1000;
    int i;
    if (!seg_is_long(seg)) {
        *qlon = ab[0] + t * (ab[2] - ab[0]);
        *qlat = ab[1] + t * (ab[3] - ab[1]);
        geod_inverse(g, lat, lon, *qlat, *qlon, &d, NULL, NULL);
        return d;
    }
    geod_inverse(g, ab[1], ab[0], ab[3], ab[2], &s12, &azi1, &azi2);
    s = t * s12;
    for (i = 0; i < 20; i++) {
        geod_direct(g, ab[1], ab[0], azi1, s, qlat, qlon, &az_q);
        geod_inverse(g, *qlat, *qlon, lat, lon, &d, &az_qp, NULL);
        ds = r * atan2(sin(d / r) * cos((az_qp - az_q) * DEG), cos(d / r));
        ds = s + ds < 0 ? -s : s + ds > s12 ? s12 - s : ds;
        s += ds;
        if (fabs(ds) < 1e-4)
            break;
    }
    geod_direct(g, ab[1], ab[0], azi1, s, qlat, qlon, NULL);
    geod_inverse(g, lat, lon, *qlat, *qlon, &d, NULL, NULL);
    return d;
}

/* Whether candidate i's nearest point is a vertex already measured through
 * an earlier candidate (two short segments meeting at the nearest vertex). */
static int seen_vertex(const border_index *bi, const cand_set *cs, size_t i)
{
    const cand *c = &cs->c[i];
    size_t k;
    if (c->vtx < 0 || seg_is_long(&bi->seg[c->seg])) /* a long one's foot may move */
        return 0;
    for (k = 0; k < i; k++) {
        const cand *o = &cs->c[k];
        if (o->vtx >= 0 && !memcmp(bi->seg[c->seg].ab + 2 * c->vtx,
                                   bi->seg[o->seg].ab + 2 * o->vtx, 2 * sizeof(double)))
            return 1;
    }
    return 0;
}

static int cand_cmp(const void *a, const void *b)
{
    double x = ((const cand *)a)->km, y = ((const cand *)b)->km;
    return x < y ? -1 : x > y;
}

double fm_basemap_border_nearest(const fm_basemap *bm, double lon, double lat, double *near_lon,
                                 double *near_lat, size_t *feature)
{
    cand_set cs;
    double p[3], best = HUGE_VAL, qlon, qlat, blon = NAN, blat = NAN;
    size_t i, bfeat = (size_t)-1;
    if (!bm || !bm->border.nseg || !isfinite(lon) || !isfinite(lat))
        return HUGE_VAL;
    unit_vec(lon, lat, p);
    cs.n = 0;
    cs.best = cs.lim = cs.lim2 = HUGE_VAL;
    border_search(&bm->border, p, &cs);
    /* nearest first; stop once the ranking's error bound rules the rest out */
    qsort(cs.c, cs.n, sizeof *cs.c, cand_cmp);
    for (i = 0; i < cs.n; i++) {
        const border_seg *s = &bm->border.seg[cs.c[i].seg];
        double d, b_km = best / 1000;
        if (cs.c[i].km > b_km * (1 + EULER_MARGIN + b_km * 5e-7) + 0.005)
            break;
        if (seen_vertex(&bm->border, &cs, i))
            continue;
        d = seg_exact(bm, s, lon, lat, &qlon, &qlat);
        if (d < best)
            best = d, blon = qlon, blat = qlat, bfeat = s->feat;
    }
    if (near_lon)
        *near_lon = blon;
    if (near_lat)
        *near_lat = blat;
    if (feature)
        *feature = bfeat;
    return best / 1000;
}

double fm_basemap_border_km(const fm_basemap *bm, double lon, double lat)
{
    return fm_basemap_border_nearest(bm, lon, lat, NULL, NULL, NULL);
}

/* ---- reading GeoJSON ---------------------------------------------------------- */

/* The basemap files are read by a small JSON reader of their own, not through
 * GDAL: GDAL's GeoJSON driver spends about 1 us per vertex (it parses the file
 * twice and makes a JSON object of every number), 50-90 ms for the 50,000
 * vertices here against about 3 ms. It reads any JSON; of GeoJSON it takes a
 * FeatureCollection of (Multi)Polygon and (Multi)LineString features. */
#define JSON_MAX_DEPTH 32

typedef struct {
    fm_ctx *ctx;
    const char *s, *p, *end, *path;
    fm_status st;
    fm_geom g;          /* the geometry being read; capacities below */
    size_t cap_pts, cap_parts;
    int part_depth;     /* nesting of the arrays holding positions, -1 if none yet */
    unsigned char *first_in_parent; /* per part: whether it came first in its array */
} jreader;

static fm_status jr_fail(jreader *jr, const char *what)
{
    int line = 1;
    const char *q;
    if (jr->st)
        return jr->st;
    for (q = jr->s; q < jr->p && q < jr->end; q++)
        line += *q == '\n';
    return jr->st = fm_error(jr->ctx, FM_EFORMAT, "'%s': line %d: %s", jr->path, line, what);
}

static int jr_peek(jreader *jr)
{
    while (jr->p < jr->end && (*jr->p == ' ' || *jr->p == '\n' || *jr->p == '\r' || *jr->p == '\t'))
        jr->p++;
    return jr->p < jr->end ? (unsigned char)*jr->p : -1;
}

static int jr_eat(jreader *jr, char c)
{
    if (jr_peek(jr) != (unsigned char)c)
        return 0;
    jr->p++;
    return 1;
}

static fm_status jr_expect(jreader *jr, char c)
{
    static char msg[] = "expected 'x'";
    if (jr_eat(jr, c))
        return FM_OK;
    msg[10] = c;
    return jr_fail(jr, msg);
}

/* Appends code point u to b as UTF-8. */
static void put_utf8(char *b, size_t *n, unsigned u)
{
    if (u < 0x80) {
        b[(*n)++] = (char)u;
    } else if (u < 0x800) {
        b[(*n)++] = (char)(0xC0 | u >> 6), b[(*n)++] = (char)(0x80 | (u & 63));
    } else if (u < 0x10000) {
        b[(*n)++] = (char)(0xE0 | u >> 12), b[(*n)++] = (char)(0x80 | (u >> 6 & 63));
        b[(*n)++] = (char)(0x80 | (u & 63));
    } else {
        b[(*n)++] = (char)(0xF0 | u >> 18), b[(*n)++] = (char)(0x80 | (u >> 12 & 63));
        b[(*n)++] = (char)(0x80 | (u >> 6 & 63)), b[(*n)++] = (char)(0x80 | (u & 63));
    }
}

static int hex4(const char *p, unsigned *u)
{
    int i;
    *u = 0;
    for (i = 0; i < 4; i++) {
        int c = p[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return 0;
        *u = *u * 16 + (unsigned)d;
    }
    return 1;
}

/* One escape after the backslash at jr->p; appends to out (if any). */
static fm_status jr_escape(jreader *jr, char *out, size_t *n)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *e;
    unsigned u, lo;
    if (jr->p + 1 >= jr->end)
        return jr_fail(jr, "unterminated string");
    if (jr->p[1] != 'u') {
        if (!jr->p[1] || !(e = strchr(from, jr->p[1])))
            return jr_fail(jr, "invalid escape in string");
        if (out)
            out[(*n)++] = to[e - from];
        jr->p += 2;
        return FM_OK;
    }
    if (jr->end - jr->p < 6 || !hex4(jr->p + 2, &u))
        return jr_fail(jr, "invalid \\u escape in string");
    jr->p += 6;
    if (u >= 0xD800 && u < 0xDC00 && jr->end - jr->p >= 6 && jr->p[0] == '\\' &&
        jr->p[1] == 'u' && hex4(jr->p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        jr->p += 6;
    } else if (u >= 0xD800 && u < 0xE000) {
        u = 0xFFFD; /* a lone surrogate */
    }
    if (out)
        put_utf8(out, n, u);
    return FM_OK;
}

/* A string; *out (if out) receives a malloc'd copy, which the caller frees. The
 * decoded text is never longer than its escaped form, so one allocation does. */
static fm_status jr_string(jreader *jr, char **out)
{
    const char *q;
    char *b = NULL;
    size_t n = 0;
    if (jr_expect(jr, '"'))
        return jr->st;
    for (q = jr->p; q < jr->end && *q != '"'; q++)
        q += *q == '\\';
    if (q >= jr->end)
        return jr_fail(jr, "unterminated string");
    if (out && !(b = *out = malloc((size_t)(q - jr->p) + 1)))
        return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
    while (*jr->p != '"') {
        if ((unsigned char)*jr->p < 0x20)
            return jr_fail(jr, "control character in string");
        if (*jr->p == '\\') {
            if (jr_escape(jr, b, &n))
                return jr->st;
        } else {
            if (b)
                b[n++] = *jr->p;
            jr->p++;
        }
    }
    jr->p++;
    if (b)
        b[n] = '\0';
    return FM_OK;
}

static int is_digit(const char *p, const char *end)
{
    return p < end && *p >= '0' && *p <= '9';
}

/* A JSON number. Up to 15 digits and no exponent (every number the build
 * script writes) is an exact integer divided by a power of ten, which IEEE
 * division rounds correctly, as strtod would; the rest goes to strtod. */
static fm_status jr_number(jreader *jr, double *v)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15};
    const char *p, *end = jr->end, *start;
    uint64_t m = 0;
    int digits = 0, frac = 0, simple = 1;
    char tmp[64];
    jr_peek(jr);
    p = start = jr->p;
    p += p < end && *p == '-';
    if (!is_digit(p, end))
        return jr_fail(jr, "expected a value");
    for (; is_digit(p, end); p++, digits++)
        m = digits < 18 ? m * 10 + (uint64_t)(*p - '0') : m;
    if (p < end && *p == '.') {
        if (!is_digit(++p, end))
            return jr_fail(jr, "invalid number");
        for (; is_digit(p, end); p++, digits++, frac++)
            m = digits < 18 ? m * 10 + (uint64_t)(*p - '0') : m;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        simple = 0;
        p += p + 1 < end && (p[1] == '+' || p[1] == '-');
        if (!is_digit(++p, end))
            return jr_fail(jr, "invalid number");
        while (is_digit(p, end))
            p++;
    }
    jr->p = p;
    if (simple && digits <= 15) {
        *v = (double)m / p10[frac];
        *v = *start == '-' ? -*v : *v;
        return FM_OK;
    }
    if ((size_t)(p - start) >= sizeof tmp)
        return jr_fail(jr, "number too long");
    memcpy(tmp, start, (size_t)(p - start));
    tmp[p - start] = '\0';
    *v = strtod(tmp, NULL);
    return isfinite(*v) ? FM_OK : jr_fail(jr, "number out of range");
}

static fm_status jr_skip(jreader *jr, int depth)
{
    int c = jr_peek(jr);
    double v;
    if (depth > JSON_MAX_DEPTH)
        return jr_fail(jr, "nested too deeply");
    if (c == '"')
        return jr_string(jr, NULL);
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        jr->p++;
        if (jr_eat(jr, close))
            return FM_OK;
        do {
            if (c == '{' && (jr_string(jr, NULL) || jr_expect(jr, ':')))
                return jr->st;
            if (jr_skip(jr, depth + 1))
                return jr->st;
        } while (jr_eat(jr, ','));
        return jr_expect(jr, close);
    }
    if (c == 't' || c == 'f' || c == 'n') {
        static const char *const lit[] = {"true", "false", "null"};
        const char *w = lit[c == 't' ? 0 : c == 'f' ? 1 : 2];
        size_t n = strlen(w);
        if ((size_t)(jr->end - jr->p) < n || memcmp(jr->p, w, n))
            return jr_fail(jr, "expected a value");
        jr->p += n;
        return FM_OK;
    }
    return jr_number(jr, &v);
}

/* Calls fn for each member of an object, the reader at the member's value. */
typedef fm_status (*member_fn)(jreader *jr, const char *key, void *user);

static fm_status jr_object(jreader *jr, member_fn fn, void *user)
{
    char *key = NULL;
    if (jr_expect(jr, '{') || jr_eat(jr, '}'))
        return jr->st;
    do {
        if (jr_string(jr, &key) || jr_expect(jr, ':'))
            break;
        fn(jr, key, user);
        free(key);
        key = NULL;
    } while (!jr->st && jr_eat(jr, ','));
    free(key);
    return jr->st ? jr->st : jr_expect(jr, '}');
}

static fm_status geom_grow(jreader *jr)
{
    fm_geom *g = &jr->g;
    if (g->npoints == jr->cap_pts) {
        size_t n = jr->cap_pts ? 2 * jr->cap_pts : 256;
        double *xy = g->npoints < UINT32_MAX - 1 ? realloc(g->xy, n * 2 * sizeof *xy) : NULL;
        if (!xy)
            return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
        g->xy = xy, jr->cap_pts = n;
    }
    if (g->nparts + 1 >= jr->cap_parts) {
        size_t n = jr->cap_parts ? 2 * jr->cap_parts : 16;
        size_t *ps = realloc(g->part_start, n * sizeof *ps);
        unsigned char *f = ps ? realloc(jr->first_in_parent, n) : NULL;
        if (ps)
            g->part_start = ps;
        if (!f)
            return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
        jr->first_in_parent = f, jr->cap_parts = n;
    }
    return FM_OK;
}

/* A position [lon, lat, ...]: the first two numbers are kept. */
static fm_status jr_position(jreader *jr)
{
    double v[2];
    int n = 0;
    jr->p++; /* '[' */
    do {
        double x;
        if (jr_number(jr, &x))
            return jr->st;
        if (n < 2)
            v[n] = x;
        n++;
    } while (jr_eat(jr, ','));
    if (jr_expect(jr, ']'))
        return jr->st;
    if (n < 2 || fabs(v[0]) > 360 || fabs(v[1]) > 90)
        return jr_fail(jr, n < 2 ? "position with fewer than two numbers" : "position out of range");
    if (geom_grow(jr))
        return jr->st;
    jr->g.xy[2 * jr->g.npoints] = v[0];
    jr->g.xy[2 * jr->g.npoints++ + 1] = v[1];
    return FM_OK;
}

/* Nested coordinate arrays: an array of positions becomes one part. */
static fm_status jr_coords(jreader *jr, int depth, int first)
{
    fm_geom *g = &jr->g;
    int i = 0, c;
    if (depth > 4)
        return jr_fail(jr, "coordinates nested too deeply");
    if (jr_expect(jr, '['))
        return jr->st;
    if (jr_eat(jr, ']'))
        return FM_OK;
    if (jr_peek(jr) != '[')
        return jr_fail(jr, "geometry is not a (Multi)LineString or (Multi)Polygon");
    if (jr_peek(jr) == '[' && (c = jr_peek(&(jreader){.p = jr->p + 1, .end = jr->end})) != '[') {
        if (c != '-' && (c < '0' || c > '9'))
            return jr_fail(jr, "expected a position");
        if (jr->part_depth >= 0 && jr->part_depth != depth)
            return jr_fail(jr, "coordinates nested unevenly");
        jr->part_depth = depth;
        if (geom_grow(jr))
            return jr->st;
        jr->first_in_parent[g->nparts] = (unsigned char)first;
        g->part_start[g->nparts] = g->npoints;
        do {
            if (jr_peek(jr) != '[')
                return jr_fail(jr, "expected a position");
            if (jr_position(jr))
                return jr->st;
        } while (jr_eat(jr, ','));
        g->part_start[++g->nparts] = g->npoints;
        return jr_expect(jr, ']');
    }
    do {
        if (jr_coords(jr, depth + 1, i++ == 0))
            return jr->st;
    } while (jr_eat(jr, ','));
    return jr_expect(jr, ']');
}

typedef struct {
    char *type;
    int has_coords;
} geom_read;

static fm_status geom_member(jreader *jr, const char *key, void *user)
{
    geom_read *gr = user;
    if (!strcmp(key, "type") && jr_peek(jr) == '"' && !gr->type)
        return jr_string(jr, &gr->type);
    if (!strcmp(key, "coordinates") && !gr->has_coords) {
        gr->has_coords = 1;
        return jr_coords(jr, 0, 1);
    }
    return jr_skip(jr, 2);
}

/* A geometry object into jr->g: its parts, holes and bounding box. */
static fm_status jr_geometry(jreader *jr)
{
    static const char *const types[] = {"LineString", "MultiLineString", "Polygon",
                                        "MultiPolygon"};
    geom_read gr = {NULL, 0};
    fm_geom *g = &jr->g;
    size_t i;
    int t;
    jr->part_depth = -1;
    if (jr_object(jr, geom_member, &gr)) {
        free(gr.type);
        return jr->st;
    }
    for (t = 0; t < 4 && !(gr.type && !strcmp(gr.type, types[t])); t++)
        ;
    free(gr.type);
    if (t == 4)
        return jr_fail(jr, "geometry is not a (Multi)LineString or (Multi)Polygon");
    if (g->npoints && jr->part_depth != (t == 0 ? 0 : t == 3 ? 2 : 1))
        return jr_fail(jr, "coordinates do not match the geometry type");
    if (!(g->ring_is_hole = calloc(g->nparts + 1, 1)))
        return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < g->nparts; i++) /* in a polygon, every ring after the first is a hole */
        g->ring_is_hole[i] = (unsigned char)(t >= 2 && !jr->first_in_parent[i]);
    g->west = g->south = HUGE_VAL;
    g->east = g->north = -HUGE_VAL;
    for (i = 0; i < g->npoints; i++) {
        double x = g->xy[2 * i], y = g->xy[2 * i + 1];
        g->west = fmin(g->west, x), g->east = fmax(g->east, x);
        g->south = fmin(g->south, y), g->north = fmax(g->north, y);
    }
    return FM_OK;
}

/* ---- loading ------------------------------------------------------------------ */

typedef struct {
    fm_layer which;
    bm_feature *f;
    int has_geom;
} feature_read;

static fm_status keep_string(jreader *jr, char **slot)
{
    if (*slot || jr_peek(jr) != '"')
        return jr_skip(jr, 3);
    return jr_string(jr, slot);
}

static fm_status prop_member(jreader *jr, const char *key, void *user)
{
    feature_read *fr = user;
    const char *np = layer_name_prop[fr->which], *cp = layer_country_prop[fr->which];
    if (!strcmp(key, np)) {
        if (keep_string(jr, &fr->f->name))
            return jr->st;
        if (cp && !strcmp(cp, np) && fr->f->name && !fr->f->country &&
            !(fr->f->country = fm_strdup(jr->ctx, fr->f->name)))
            return jr->st = FM_ENOMEM;
        return FM_OK;
    }
    if (cp && !strcmp(key, cp))
        return keep_string(jr, &fr->f->country);
    if (fr->which == FM_LAYER_COUNTRIES && !strcmp(key, "name"))
        return keep_string(jr, &fr->f->label);
    return jr_skip(jr, 3);
}

static fm_status feature_member(jreader *jr, const char *key, void *user)
{
    feature_read *fr = user;
    if (!strcmp(key, "properties") && jr_peek(jr) == '{')
        return jr_object(jr, prop_member, fr);
    if (!strcmp(key, "geometry") && jr_peek(jr) == '{' && !fr->has_geom) {
        fr->has_geom = 1;
        memset(&jr->g, 0, sizeof jr->g);
        jr->cap_pts = jr->cap_parts = 0;
        if (geom_grow(jr))
            return jr->st;
        jr->g.part_start[0] = 0;
        jr_geometry(jr);
        fr->f->g = jr->g; /* the feature owns it now, even half read */
        memset(&jr->g, 0, sizeof jr->g);
        return jr->st;
    }
    return jr_skip(jr, 2);
}

static char *empty_if_null(fm_ctx *ctx, char *s)
{
    return s ? s : fm_strdup(ctx, "");
}

/* One feature: its strings, geometry and (polygons) edge index. */
static fm_status read_feature(jreader *jr, fm_layer which, bm_feature *f, long fid)
{
    feature_read fr = {which, f, 0};
    if (jr_object(jr, feature_member, &fr))
        return jr->st;
    if (!(f->name = empty_if_null(jr->ctx, f->name)) ||
        !(f->country = empty_if_null(jr->ctx, f->country)) ||
        !(f->label = empty_if_null(jr->ctx, f->label)))
        return jr->st = FM_ENOMEM;
    if (!f->g.npoints)
        return jr->st = fm_error(jr->ctx, FM_EFORMAT, "'%s': feature %ld has no geometry",
                                 jr->path, fid);
    if (which != FM_LAYER_BORDER && !*f->name)
        return jr->st = fm_error(jr->ctx, FM_EFORMAT, "'%s': feature %ld has no '%s' property",
                                 jr->path, fid, layer_name_prop[which]);
    return which == FM_LAYER_BORDER ? FM_OK : (jr->st = edge_index_build(jr->ctx, &f->idx, &f->g));
}

typedef struct {
    fm_layer which;
    bm_layer *ly;
    size_t cap;
    int has_features;
} layer_read;

static fm_status features_array(jreader *jr, layer_read *lr)
{
    bm_layer *ly = lr->ly;
    if (jr_expect(jr, '[') || jr_eat(jr, ']'))
        return jr->st;
    do {
        if (ly->n == lr->cap) {
            size_t n = lr->cap ? 2 * lr->cap : 16;
            bm_feature *f = n < 1000000 ? realloc(ly->f, n * sizeof *f) : NULL;
            if (!f)
                return jr->st = fm_error(jr->ctx, FM_ENOMEM, "out of memory");
            ly->f = f, lr->cap = n;
        }
        memset(&ly->f[ly->n], 0, sizeof *ly->f);
        ly->n++;
        if (read_feature(jr, lr->which, &ly->f[ly->n - 1], (long)ly->n))
            return jr->st;
    } while (jr_eat(jr, ','));
    return jr_expect(jr, ']');
}

static fm_status collection_member(jreader *jr, const char *key, void *user)
{
    layer_read *lr = user;
    if (!strcmp(key, "features") && !lr->has_features) {
        lr->has_features = 1;
        return features_array(jr, lr);
    }
    return jr_skip(jr, 1);
}

/* Reads the whole file into a malloc'd buffer. */
static fm_status slurp(fm_ctx *ctx, const char *path, char **text, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    long n;
    if (!fp)
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    if (fseek(fp, 0, SEEK_END) || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) ||
        !(*text = malloc((size_t)n + 1)) || fread(*text, 1, (size_t)n, fp) != (size_t)n) {
        int e = errno;
        fclose(fp);
        return fm_error(ctx, FM_EIO, "cannot read '%s': %s", path, strerror(e));
    }
    fclose(fp);
    (*text)[n] = '\0';
    *len = (size_t)n;
    return FM_OK;
}

static fm_status open_layer(fm_ctx *ctx, const char *dir, fm_layer which, bm_layer *ly)
{
    char path[4096];
    char *text = NULL;
    size_t len = 0;
    jreader jr;
    layer_read lr = {which, ly, 0, 0};
    snprintf(path, sizeof path, "%s/basemap/%s.geojson", dir, layer_file[which]);
    fm_status st = slurp(ctx, path, &text, &len);
    if (st) {
        free(text);
        return st;
    }
    memset(&jr, 0, sizeof jr);
    jr.ctx = ctx, jr.s = jr.p = text, jr.end = text + len, jr.path = path;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* a UTF-8 byte order mark */
        jr.p += 3;
    if (jr_peek(&jr) != '{')
        jr_fail(&jr, "not a GeoJSON file");
    else if (!jr_object(&jr, collection_member, &lr) && jr_peek(&jr) != -1)
        jr_fail(&jr, "text after the end of the GeoJSON");
    else if (!jr.st && !lr.has_features)
        jr_fail(&jr, "not a GeoJSON FeatureCollection");
    geom_free(&jr.g);
    free(jr.first_in_parent);
    free(text);
    return jr.st;
}

fm_status fm_basemap_open(fm_ctx *ctx, const char *data_dir, fm_basemap **out)
{
    fm_basemap *bm;
    fm_status st = FM_OK;
    int i;
    *out = NULL;
    if (!data_dir)
        data_dir = fm_ctx_data_dir(ctx);
    if (!(bm = calloc(1, sizeof *bm)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    geod_init(&bm->geod, WGS84_A, WGS84_F);
    for (i = 0; i < FM_LAYER_COUNT && !st; i++)
        st = open_layer(ctx, data_dir, (fm_layer)i, &bm->layers[i]);
    if (!st)
        st = border_build(ctx, &bm->border, &bm->layers[FM_LAYER_BORDER]);
    if (st) {
        fm_basemap_close(bm);
        return st;
    }
    *out = bm;
    return FM_OK;
}

void fm_basemap_close(fm_basemap *bm)
{
    size_t i, k;
    if (!bm)
        return;
    for (i = 0; i < FM_LAYER_COUNT; i++) {
        for (k = 0; bm->layers[i].f && k < bm->layers[i].n; k++) {
            bm_feature *f = &bm->layers[i].f[k];
            geom_free(&f->g);
            edge_index_free(&f->idx);
            free(f->name);
            free(f->country);
            free(f->label);
        }
        free(bm->layers[i].f);
    }
    border_free(&bm->border);
    free(bm);
}

size_t fm_basemap_count(const fm_basemap *bm, fm_layer layer)
{
    return bm && layer < FM_LAYER_COUNT ? bm->layers[layer].n : 0;
}

const fm_geom *fm_basemap_geom(const fm_basemap *bm, fm_layer layer, size_t i,
                               const char **name, const char **country)
{
    const bm_feature *f;
    if (!bm || layer >= FM_LAYER_COUNT || i >= bm->layers[layer].n)
        return NULL;
    f = &bm->layers[layer].f[i];
    if (name)
        *name = f->name;
    if (country)
        *country = *f->country ? f->country : NULL;
    return &f->g;
}

const char *fm_basemap_country_name(const fm_basemap *bm, const char *iso2)
{
    size_t i;
    if (!bm || !iso2)
        return NULL;
    for (i = 0; i < bm->layers[FM_LAYER_COUNTRIES].n; i++) {
        const bm_feature *f = &bm->layers[FM_LAYER_COUNTRIES].f[i];
        if (!strcmp(f->name, iso2))
            return *f->label ? f->label : NULL;
    }
    return NULL;
}
