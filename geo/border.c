/* border.c: exact geodesic distance from a point to the border line: the
 * border's segments in a tree of spherical caps searched best first, ranked
 * on the sphere, and the few best measured on the WGS84 ellipsoid. */
#include <geodesic.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo_priv.h"

#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)
#define DEG (M_PI / 180)
#define EARTH_R_KM 6371.0088 /* mean radius: the sphere used to rank segments */
#define EULER_MARGIN 1.5e-4 /* relative error bound of euler_km, with a margin */
#define MIN_RADIUS_KM 6335.43 /* WGS84 meridian radius at the equator */
#define LEAF_SEGS 8          /* border segments per leaf cap */
#define NODE_FANOUT 8        /* child caps per inner cap */
#define HEAP_MAX 256         /* pending caps of a best-first search */
#define LONG_SEG_M 1000.0    /* beyond this, follow the geodesic, not the chord */
#define MAX_CANDIDATES 256   /* segments kept for the exact pass */
#define ALONG_TOL_M 0.01     /* along-track step that ends the walk on a long segment */

/* One border segment: its ends in lon/lat and as unit vectors, the unit
 * normal n of its great circle and the normals u = n x a, w = b x n of the
 * planes that bound its lune (arc == 0 for a zero-length segment). */
typedef struct {
    double ab[4];
    double a[3], b[3], n[3], u[3], w[3];
    uint32_t feat;
    int arc;
} border_seg;

/* A node of the cap tree: a spherical cap (centre c, chord r) holding either
 * a run of consecutive segments [first,end) (a leaf) or the child nodes
 * [first,end). Consecutive segments follow the line, so runs of them and runs
 * of runs stay compact; a query descends best first. */
typedef struct {
    double c[3], r;
    uint32_t first, end;
    int leaf;
} border_node;

typedef struct fm_border {
    border_seg *seg;
    size_t nseg;
    border_node *node; /* leaves first, then each level above; the root last */
    size_t nnode;
    struct geod_geodesic geod;
} border_index;

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

void fm_border_destroy(fm_border *bi)
{
    if (!bi)
        return;
    free(bi->seg);
    free(bi->node);
    free(bi);
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

/* Normalises the sum c into a unit centre (the pole when it vanishes). */
static void cap_centre(double c[3])
{
    double m = sqrt(dot(c, c));
    for (int k = 0; k < 3; k++)
        c[k] = m > 0 ? c[k] / m : (k == 2);
}

/* The leaf cap around a run of segments: |P - c| - r bounds the chord from P
 * to any point of the run from below. */
static void leaf_init(border_node *c, const border_seg *seg, uint32_t first, uint32_t end)
{
    double cmin = 1;
    uint32_t i;
    c->first = first;
    c->end = end;
    c->leaf = 1;
    memset(c->c, 0, sizeof c->c);
    for (i = first; i < end; i++)
        for (int k = 0; k < 3; k++)
            c->c[k] += seg[i].a[k] + seg[i].b[k];
    cap_centre(c->c);
    for (i = first; i < end; i++) {
        cmin = fmin(cmin, dot(c->c, seg[i].a));
        cmin = fmin(cmin, dot(c->c, seg[i].b));
    }
    /* arcs between vertices stay inside the cap when it is under a hemisphere */
    c->r = cmin > 0.01 ? sqrt(2 - 2 * cmin) * (1 + 1e-9) + 1e-12 : 4;
}

/* An inner cap over the nodes [first,end): the centre of their centres and a
 * radius that covers every child cap (triangle inequality on chords). */
static void inner_init(border_node *G, const border_node *node, uint32_t first, uint32_t end)
{
    uint32_t i;
    G->first = first;
    G->end = end;
    G->leaf = 0;
    memset(G->c, 0, sizeof G->c);
    for (i = first; i < end; i++)
        for (int k = 0; k < 3; k++)
            G->c[k] += node[i].c[k];
    cap_centre(G->c);
    G->r = 0;
    for (i = first; i < end; i++)
        G->r = fmax(G->r, sqrt(chord2(G->c, node[i].c)) + node[i].r);
    G->r = G->r * (1 + 1e-9) + 1e-12;
}

/* Levels above the leaves, NODE_FANOUT consecutive nodes per cap, up to one
 * root. There are fewer inner nodes than leaves, so 2 * leaves + 1 suffice. */
static void tree_build(border_index *bi)
{
    size_t lo = 0, hi = bi->nnode, i;
    while (hi - lo > 1) {
        for (i = lo; i < hi; i += NODE_FANOUT) {
            size_t e = i + NODE_FANOUT < hi ? i + NODE_FANOUT : hi;
            inner_init(&bi->node[bi->nnode++], bi->node, (uint32_t)i, (uint32_t)e);
        }
        lo = hi;
        hi = bi->nnode;
    }
}

/* Every segment of the border layer, in leaves of LEAF_SEGS per part. */
static fm_status border_build(fm_ctx *ctx, border_index *bi, const fm_basemap *bm)
{
    size_t i, p, k, n = 0, nfeat = fm_basemap_count(bm, FM_LAYER_BORDER);
    for (i = 0; i < nfeat; i++)
        n += fm_basemap_geom(bm, FM_LAYER_BORDER, i, NULL, NULL)->npoints;
    bi->seg = fm_malloc_array(n ? n : 1, sizeof *bi->seg);
    bi->node = fm_malloc_array(n + 2, sizeof *bi->node); /* leaves <= n/2, all < n + 2 */
    if (!bi->seg || !bi->node || n >= UINT32_MAX)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < nfeat; i++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, i, NULL, NULL);
        for (p = 0; p < g->nparts; p++) {
            uint32_t first = (uint32_t)bi->nseg;
            for (k = g->part_start[p]; k + 1 < g->part_start[p + 1]; k++) {
                seg_init(&bi->seg[bi->nseg++], g->xy + 2 * k, (uint32_t)i);
                if (bi->nseg - first == LEAF_SEGS) {
                    leaf_init(&bi->node[bi->nnode++], bi->seg, first, (uint32_t)bi->nseg);
                    first = (uint32_t)bi->nseg;
                }
            }
            if (bi->nseg > first)
                leaf_init(&bi->node[bi->nnode++], bi->seg, first, (uint32_t)bi->nseg);
        }
    }
    tree_build(bi);
    return FM_OK;
}

fm_status fm_border_create(fm_ctx *ctx, const fm_basemap *bm, fm_border **out)
{
    fm_border *bi = calloc(1, sizeof *bi);
    fm_status st;
    *out = NULL;
    if (!bi)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    geod_init(&bi->geod, WGS84_A, WGS84_F);
    if ((st = border_build(ctx, bi, bm))) {
        fm_border_destroy(bi);
        return st;
    }
    *out = bi;
    return FM_OK;
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

static void scan_leaf(const border_index *bi, const border_node *c, const double p[3],
                      cand_set *cs)
{
    uint32_t i;
    double q[3], c2;
    int vtx;
    for (i = c->first; i < c->end; i++)
        if ((c2 = seg_foot(&bi->seg[i], p, q, &vtx)) <= cs->lim2)
            cand_add(cs, i, vtx, euler_km(p, q, c2));
}

/* Lower bound of the chord from p to node c (may be negative). */
static double node_bound(const border_node *c, const double p[3])
{
    return sqrt(chord2(p, c->c)) - c->r;
}

static int bound_may_hold(double lb, const cand_set *cs)
{
    return lb <= 0 || lb * lb <= cs->lim2;
}

/* A min-heap of pending nodes keyed by their lower bounds. */
typedef struct {
    double lb[HEAP_MAX];
    uint32_t id[HEAP_MAX];
    size_t n;
} node_heap;

static void heap_push(node_heap *h, double lb, uint32_t id)
{
    size_t i = h->n++, up;
    for (; i > 0 && h->lb[up = (i - 1) / 2] > lb; i = up)
        h->lb[i] = h->lb[up], h->id[i] = h->id[up];
    h->lb[i] = lb;
    h->id[i] = id;
}

static uint32_t heap_pop(node_heap *h, double *lb)
{
    uint32_t top = h->id[0], id = h->id[--h->n];
    double key = h->lb[h->n];
    size_t i = 0, k;
    *lb = h->lb[0];
    while ((k = 2 * i + 1) < h->n) {
        if (k + 1 < h->n && h->lb[k + 1] < h->lb[k])
            k++;
        if (h->lb[k] >= key)
            break;
        h->lb[i] = h->lb[k], h->id[i] = h->id[k];
        i = k;
    }
    h->lb[i] = key;
    h->id[i] = id;
    return top;
}

static void node_visit(const border_index *bi, uint32_t id, const double p[3], cand_set *cs,
                       node_heap *h);

/* Depth first through a node when the heap is full (never in practice). */
static void node_scan(const border_index *bi, uint32_t id, const double p[3], cand_set *cs,
                      node_heap *h)
{
    if (bound_may_hold(node_bound(&bi->node[id], p), cs))
        node_visit(bi, id, p, cs, h);
}

/* Scans a leaf or queues the children of an inner node that may hold a
 * closer segment. */
static void node_visit(const border_index *bi, uint32_t id, const double p[3], cand_set *cs,
                       node_heap *h)
{
    const border_node *nd = &bi->node[id];
    uint32_t i;
    double lb;
    if (nd->leaf) {
        scan_leaf(bi, nd, p, cs);
        return;
    }
    for (i = nd->first; i < nd->end; i++) {
        if (!bound_may_hold(lb = node_bound(&bi->node[i], p), cs))
            continue;
        if (h->n < HEAP_MAX)
            heap_push(h, lb, i);
        else
            node_scan(bi, i, p, cs, h);
    }
}

/* Best first from the root: the nearest caps come first and set a tight
 * limit at once; the search ends when no pending cap may hold a candidate. */
static void border_search(const border_index *bi, const double p[3], cand_set *cs)
{
    node_heap h;
    double lb;
    uint32_t id;
    h.n = 0;
    heap_push(&h, node_bound(&bi->node[bi->nnode - 1], p), (uint32_t)(bi->nnode - 1));
    while (h.n > 0) {
        id = heap_pop(&h, &lb);
        if (!bound_may_hold(lb, cs))
            break;
        node_visit(bi, id, p, cs, &h);
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
static double seg_exact(const border_index *bi, const border_seg *seg, double lon, double lat,
                        double *qlon, double *qlat)
{
    const struct geod_geodesic *g = &bi->geod;
    const double *ab = seg->ab;
    double t = seg_param(ab, lon, lat), s12, azi1, azi2, s, d, az_qp, az_q, ds;
    double r = EARTH_R_KM * 1000;
    struct geod_geodesicline line;
    int i;
    if (!seg_is_long(seg)) {
        *qlon = ab[0] + t * (ab[2] - ab[0]);
        *qlat = ab[1] + t * (ab[3] - ab[1]);
        geod_inverse(g, lat, lon, *qlat, *qlon, &d, NULL, NULL);
        return d;
    }
    geod_inverse(g, ab[1], ab[0], ab[3], ab[2], &s12, &azi1, &azi2);
    geod_lineinit(&line, g, ab[1], ab[0], azi1,
                  GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_AZIMUTH | GEOD_DISTANCE_IN);
    s = t * s12;
    for (i = 0; i < 20; i++) {
        geod_position(&line, s, qlat, qlon, &az_q);
        geod_inverse(g, *qlat, *qlon, lat, lon, &d, &az_qp, NULL);
        ds = r * atan2(sin(d / r) * cos((az_qp - az_q) * DEG), cos(d / r));
        ds = s + ds < 0 ? -s : s + ds > s12 ? s12 - s : ds;
        s += ds;
        if (fabs(ds) < ALONG_TOL_M) /* the distance errs by ~ ds^2 / (2 d) */
            break;
    }
    geod_position(&line, s, qlat, qlon, NULL);
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

/* Candidates nearest first (insertion sort: there are a handful). */
static void cand_sort(cand_set *cs)
{
    size_t i, k;
    for (i = 1; i < cs->n; i++) {
        cand c = cs->c[i];
        for (k = i; k > 0 && cs->c[k - 1].km > c.km; k--)
            cs->c[k] = cs->c[k - 1];
        cs->c[k] = c;
    }
}

double fm_basemap_border_nearest(const fm_basemap *bm, double lon, double lat, double *near_lon,
                                 double *near_lat, size_t *feature)
{
    cand_set cs;
    double p[3], best = HUGE_VAL, qlon, qlat, blon = NAN, blat = NAN;
    size_t i, bfeat = (size_t)-1;
    const border_index *bi = bm ? bm->border : NULL;
    if (!bi || !bi->nseg || !isfinite(lon) || !isfinite(lat))
        return HUGE_VAL;
    unit_vec(lon, lat, p);
    cs.n = 0;
    cs.best = cs.lim = cs.lim2 = HUGE_VAL;
    border_search(bi, p, &cs);
    /* nearest first; stop once the ranking's error bound rules the rest out */
    cand_sort(&cs);
    for (i = 0; i < cs.n; i++) {
        const border_seg *s = &bi->seg[cs.c[i].seg];
        double d, b_km = best / 1000;
        if (cs.c[i].km > b_km * (1 + EULER_MARGIN + b_km * 5e-7) + 0.005)
            break;
        if (seen_vertex(bi, &cs, i))
            continue;
        d = seg_exact(bi, s, lon, lat, &qlon, &qlat);
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
