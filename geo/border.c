/* border.c: exact geodesic distance from a point to the border line: the
 * border's segments on the conformal sphere in a tree of caps, a lon/lat grid
 * of cells listing the leaves that may hold a nearest point, proven bounds,
 * and the nearest measured on the WGS84 ellipsoid. */
#include <geodesic.h>
#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo/geo_priv.h"

#define WGS84_A 6378137.0
#define WGS84_F (1 / 298.257223563)
#define DEG (M_PI / 180)
#define LEAF_SEGS 8        /* border segments per leaf cap */
#define NODE_FANOUT 8      /* child caps per inner cap */
#define HEAP_MAX 256       /* pending caps of a best-first search */
#define PIECE_M 2000.0     /* longer segments are split at points of their geodesic */
#define MAX_CANDIDATES 64  /* segments kept for the exact pass */
#define FAR_M 100000.0     /* beyond this, step the foot along the border to the exact one */
#define ALONG_TOL_M 0.01   /* along-track step that ends that walk */
#define K_SLOPE 0.002      /* over max |dk/dz| / 4 = 0.00169: k lost to a poleward bulge */
#define TIE 1e-12          /* relative rounding margin of the bounds */
#define K_POLE 0.99665     /* k at the poles, its least value, rounded down */
#define CELL_DEG 0.025     /* side of a grid cell */
#define GRID_MARGIN_DEG 2.5 /* the grid covers the border's box and this around it */
#define GRID_MAX_DEG 40.0  /* no grid for a border spread wider than this */
#define CELL_SLACK_M 1.0   /* a cell keeps every leaf within this of the nearest */
#define STACK_MAX 512      /* pending nodes of a cell's descent */
#define HIT_MAX 128        /* segments met in a cell's first pass */
#define BLOCK 64           /* a block of the grid has BLOCK x BLOCK cells */
#define GRID_BUDGET (8u << 20) /* bytes of cells and blocks; past it, the tree search */

/* Segments are handled on the conformal sphere of radius a: longitude kept,
 * geodetic latitude replaced by the conformal one. The map preserves angles
 * and scales lengths by k(latitude) the same way in every direction, so the
 * ellipsoidal length of a path is its length on the sphere times k somewhere
 * along it. k falls slowly from 1 at the equator towards the poles (by 4e-4
 * between 29 and 37 degrees), which gives tight proven bounds on distances
 * (a metre at 50 km) and a perpendicular foot that is the ellipsoidal one to
 * well under a millimetre up to 100 km. A border segment is the great-circle
 * arc between its ends there, within 0.3 mm of the geodesic for segments of
 * up to 2 km; longer ones are split at points of their geodesic. */

/* One segment: its ends (indices into the vertex arrays, b = a + 1), the unit
 * normal n of its great circle and the normals u = n x A, w = B x n of the
 * planes that bound its lune (arc == 0 for a zero-length segment). */
typedef struct {
    double n[3], u[3], w[3];
    uint32_t a, feat;
    int arc, next; /* next: segment a + 1 continues the line past b */
} border_seg;

/* A node of the cap tree: a spherical cap (centre c, chord r) holding either
 * a run of consecutive segments [first,end) (a leaf) or the child nodes
 * [first,end); ik is 1 / k at its point of greatest |latitude|.
 * Consecutive segments follow the line, so runs stay compact. */
typedef struct {
    double c[3], r, ik; /* ik = 1 / k */
    uint32_t first, end;
    int leaf;
} border_node;

/* A cell of the grid: the leaves that may hold the nearest point of the
 * border (within CELL_SLACK_M) to any point of the cell, nearest first. */
typedef struct {
    double key;    /* |c - cap centre| - cap chord: under |P - cap| + R */
    uint32_t leaf;
} cell_leaf;

typedef struct {
    double R, ik;  /* chord from the centre c to any point; most 1 / k */
    uint32_t n;
    cell_leaf e[]; /* by key */
} border_cell;

/* BLOCK x BLOCK cells, NULL until built. */
typedef struct {
    _Atomic(border_cell *) cell[BLOCK * BLOCK];
} cell_block;

/* A tighter bound of a leaf for the grid: its points x lie in the box
 * |x.m| <= w, lo <= x.t <= hi, with m the normal of the great circle through
 * its ends and t along their chord (m . t = 0), so that |P - x|^2 is at
 * least the sum of the squared gaps of P.m and P.t to those ranges. */
typedef struct {
    double m[3], t[3], w, lo, hi;
} leaf_box;

typedef struct fm_border {
    double (*v)[3];  /* vertices on the conformal sphere */
    double (*ll)[2]; /* the same in lon/lat */
    size_t nv, cap_v;
    border_seg *seg;
    size_t nseg, cap_seg;
    border_node *node; /* leaves first, then each level above; the root last */
    size_t nnode, cap_node;
    struct geod_geodesic geod;
    /* cells of CELL_DEG from (g_lon, g_lat) in blocks, each built by the
     * first query that falls in it and published atomically: the index stays
     * safe to share between threads. NULL when the border has no grid. */
    _Atomic(cell_block *) *block;
    _Atomic size_t grid_bytes; /* held by cells and blocks, against GRID_BUDGET */
    leaf_box *box; /* one per leaf (the first nodes) */
    double g_lon, g_lat;
    size_t g_nx, g_ny; /* blocks */
} border_index;

/* ---- the conformal sphere --------------------------------------------------- */

/* Series in the third flattening n (Karney 2011), to 1e-15 rad. */
static const double CHI_A[5] = {-3.3565546197974277e-03, 4.694573027162597e-06,
                                -8.194497547212907e-09, 1.5579966828591918e-11,
                                -3.103292241538314e-14};
static const double PHI_B[5] = {3.356551469132832e-03, 6.571873198628443e-06,
                                1.7646404113085808e-08, 5.3877537842559224e-11,
                                1.7640074726322128e-13};
/* k(z) with z the sine of conformal latitude: Chebyshev series in 2 z^2 - 1,
 * within 1e-13 of N cos(phi) / (a cos(chi)). */
static const double K_CHEB[5] = {0.99832429843125703, -0.0016726560641888086,
                                 3.0383112684558011e-06, -7.1738241944063752e-09,
                                 1.9407926654668728e-11};

/* sum c[j] sin(2 (j+1) x) from sin x, cos x (Clenshaw). */
static double sin_series(const double c[5], double s, double co)
{
    double s2 = 2 * s * co, c2 = co * co - s * s, b1 = 0, b2 = 0, t;
    for (int j = 4; j >= 0; j--) {
        t = 2 * c2 * b1 - b2 + c[j];
        b2 = b1;
        b1 = t;
    }
    return s2 * b1;
}

static double scale_k(double z)
{
    double x = 2 * z * z - 1, b1 = 0, b2 = 0, t;
    x = x > 1 ? 1 : x;
    for (int j = 4; j >= 1; j--) {
        t = 2 * x * b1 - b2 + K_CHEB[j];
        b2 = b1;
        b1 = t;
    }
    return x * b1 - b2 + K_CHEB[0];
}

static void to_sphere(double lon, double lat, double v[3])
{
    double sp = sin(lat * DEG), cp = cos(lat * DEG), d = sin_series(CHI_A, sp, cp);
    double d2 = d * d, sd = d * (1 - d2 / 6 * (1 - d2 / 20)), cd = 1 - d2 / 2 * (1 - d2 / 12);
    double sc = sp * cd + cp * sd, cc = cp * cd - sp * sd;
    v[0] = cc * cos(lon * DEG);
    v[1] = cc * sin(lon * DEG);
    v[2] = sc;
}

static void from_sphere(const double q[3], double *lon, double *lat)
{
    double h = sqrt(q[0] * q[0] + q[1] * q[1]), m = sqrt(h * h + q[2] * q[2]);
    *lon = atan2(q[1], q[0]) / DEG;
    *lat = (atan2(q[2], h) + sin_series(PHI_B, q[2] / m, h / m)) / DEG;
}

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
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

/* asin(x) for 0 <= x <= 1, by its series where that is exact to 1e-16. */
static double asin_pos(double x)
{
    double x2 = x * x;
    if (x > 0.02)
        return asin(fmin(1, x));
    return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112))));
}

void fm_border_destroy(fm_border *bi)
{
    if (!bi)
        return;
    free(bi->v);
    free(bi->ll);
    free(bi->seg);
    free(bi->node);
    for (size_t i = 0; bi->block && i < bi->g_nx * bi->g_ny; i++) {
        cell_block *b = atomic_load_explicit(&bi->block[i], memory_order_relaxed);
        for (size_t k = 0; b && k < BLOCK * BLOCK; k++)
            free(atomic_load_explicit(&b->cell[k], memory_order_relaxed));
        free(b);
    }
    free(bi->block);
    free(bi->box);
    free(bi);
}

/* ---- building the index ----------------------------------------------------- */

/* Makes room for one more element of an array of size elements. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    void *p;
    size_t want = *cap ? 2 * *cap : n + 1024;
    if (n < *cap)
        return 1;
    if (!(p = realloc(*arr, want * size)))
        return 0;
    *arr = p;
    *cap = want;
    return 1;
}

/* Appends a vertex; v is its point on the sphere, or NULL to compute it. */
static int vertex_add(border_index *bi, double lon, double lat, const double v[3])
{
    size_t cap_v = bi->cap_v, cap_ll = bi->cap_v; /* the two arrays grow together */
    if (!grow((void **)&bi->v, &cap_v, bi->nv, sizeof *bi->v) ||
        !grow((void **)&bi->ll, &cap_ll, bi->nv, sizeof *bi->ll))
        return 0;
    bi->cap_v = cap_v;
    bi->ll[bi->nv][0] = lon;
    bi->ll[bi->nv][1] = lat;
    if (v)
        memcpy(bi->v[bi->nv++], v, sizeof *bi->v);
    else
        to_sphere(lon, lat, bi->v[bi->nv++]);
    return 1;
}

/* The segment from vertex nv - 2 to nv - 1. */
static int seg_add(border_index *bi, uint32_t feat)
{
    border_seg *s;
    const double *a, *b;
    double m;
    if (!grow((void **)&bi->seg, &bi->cap_seg, bi->nseg, sizeof *bi->seg))
        return 0;
    s = &bi->seg[bi->nseg++];
    s->a = (uint32_t)(bi->nv - 2);
    s->feat = feat;
    s->next = 0;
    a = bi->v[s->a];
    b = bi->v[s->a + 1];
    cross(a, b, s->n);
    m = sqrt(dot(s->n, s->n));
    s->arc = m > 1e-15;
    if (s->arc) {
        s->n[0] /= m, s->n[1] /= m, s->n[2] /= m;
        cross(s->n, a, s->u);
        cross(b, s->n, s->w);
    }
    return 1;
}

/* Adds the line from the last vertex to (lon, lat): one segment, or pieces
 * of at most PIECE_M between points of the geodesic when it is long. */
static int line_to(border_index *bi, double lon, double lat, uint32_t feat)
{
    const double *ll = bi->ll[bi->nv - 1];
    double q[3], s12, azi1, plat, plon;
    struct geod_geodesicline line;
    int i, np;
    to_sphere(lon, lat, q);
    if (sqrt(chord2(bi->v[bi->nv - 1], q)) * WGS84_A > PIECE_M * 0.99) {
        geod_inverse(&bi->geod, ll[1], ll[0], lat, lon, &s12, &azi1, NULL);
        np = (int)ceil(s12 / PIECE_M);
        geod_lineinit(&line, &bi->geod, ll[1], ll[0], azi1,
                      GEOD_LATITUDE | GEOD_LONGITUDE | GEOD_DISTANCE_IN);
        for (i = 1; i < np; i++) {
            geod_position(&line, s12 * i / np, &plat, &plon, NULL);
            if (!vertex_add(bi, plon, plat, NULL) || !seg_add(bi, feat))
                return 0;
        }
    }
    return vertex_add(bi, lon, lat, q) && seg_add(bi, feat);
}

/* Normalises the sum c into a unit centre (the pole when it vanishes). */
static void cap_centre(double c[3])
{
    double m = sqrt(dot(c, c));
    for (int k = 0; k < 3; k++)
        c[k] = m > 0 ? c[k] / m : (k == 2);
}

/* The leaf cap around a run of segments: |P - c| - r bounds the chord from P
 * to any point of the run from below; k is that of its highest vertex (arcs
 * of 2 km bulge poleward by less than 1e-7 of a degree). */
static void leaf_init(border_node *c, const border_index *bi, uint32_t first, uint32_t end)
{
    double cmin = 1, zmax = 0;
    uint32_t i, v;
    c->first = first;
    c->end = end;
    c->leaf = 1;
    memset(c->c, 0, sizeof c->c);
    for (i = first; i < end; i++)
        for (v = bi->seg[i].a; v <= bi->seg[i].a + 1; v++)
            for (int k = 0; k < 3; k++)
                c->c[k] += bi->v[v][k];
    cap_centre(c->c);
    for (i = first; i < end; i++)
        for (v = bi->seg[i].a; v <= bi->seg[i].a + 1; v++) {
            cmin = fmin(cmin, dot(c->c, bi->v[v]));
            zmax = fmax(zmax, fabs(bi->v[v][2]));
        }
    /* arcs between vertices stay inside the cap when it is under a hemisphere */
    c->r = cmin > 0.01 ? sqrt(2 - 2 * cmin) * (1 + 1e-9) + 1e-12 : 4;
    c->ik = 1 / scale_k(fmin(1, zmax + 1e-6));
}

/* An inner cap over the nodes [first,end): the centre of their centres and a
 * radius that covers every child cap (triangle inequality on chords). */
static void inner_init(border_node *G, const border_node *node, uint32_t first, uint32_t end)
{
    uint32_t i;
    G->first = first;
    G->end = end;
    G->leaf = 0;
    G->ik = 1;
    memset(G->c, 0, sizeof G->c);
    for (i = first; i < end; i++)
        for (int k = 0; k < 3; k++)
            G->c[k] += node[i].c[k];
    cap_centre(G->c);
    G->r = 0;
    for (i = first; i < end; i++) {
        G->r = fmax(G->r, sqrt(chord2(G->c, node[i].c)) + node[i].r);
        G->ik = fmax(G->ik, node[i].ik);
    }
    G->r = G->r * (1 + 1e-9) + 1e-12;
}

static int node_add(border_index *bi)
{
    return grow((void **)&bi->node, &bi->cap_node, bi->nnode, sizeof *bi->node);
}

/* Leaves of LEAF_SEGS consecutive segments of one part, then levels of
 * NODE_FANOUT consecutive nodes per cap, up to one root. */
static int tree_build(border_index *bi)
{
    size_t lo = 0, hi, i, first = 0;
    for (i = 1; i <= bi->nseg; i++)
        if (i == bi->nseg || i - first == LEAF_SEGS || !bi->seg[i - 1].next) {
            if (!node_add(bi))
                return 0;
            leaf_init(&bi->node[bi->nnode++], bi, (uint32_t)first, (uint32_t)i);
            first = i;
        }
    for (hi = bi->nnode; hi - lo > 1; lo = hi, hi = bi->nnode)
        for (i = lo; i < hi; i += NODE_FANOUT) {
            size_t e = i + NODE_FANOUT < hi ? i + NODE_FANOUT : hi;
            if (!node_add(bi))
                return 0;
            inner_init(&bi->node[bi->nnode++], bi->node, (uint32_t)i, (uint32_t)e);
        }
    return 1;
}

/* The box of leaf nd: an arc between vertices u, v bulges from their
 * chord by a factor under 1 + |u - v|^2 / 7, which widens the ranges. */
static void box_init(const border_index *bi, const border_node *nd, leaf_box *b)
{
    uint32_t a = bi->seg[nd->first].a, z = bi->seg[nd->end - 1].a + 1, i;
    double m, e = 0, x;
    cross(bi->v[a], bi->v[z], b->m);
    m = sqrt(dot(b->m, b->m));
    for (int k = 0; k < 3; k++)
        b->t[k] = bi->v[z][k] - bi->v[a][k];
    x = sqrt(dot(b->t, b->t));
    if (!(m > 1e-12 && x > 1e-12)) { /* no direction: a box of everything */
        memset(b, 0, sizeof *b);
        b->w = b->hi = 2;
        b->lo = -2;
        return;
    }
    for (int k = 0; k < 3; k++)
        b->m[k] /= m, b->t[k] /= x;
    b->w = 0, b->lo = HUGE_VAL, b->hi = -HUGE_VAL;
    for (i = a; i <= z; i++) {
        b->w = max2(b->w, fabs(dot(bi->v[i], b->m)));
        x = dot(bi->v[i], b->t);
        b->lo = min2(b->lo, x), b->hi = max2(b->hi, x);
        if (i > a)
            e = max2(e, chord2(bi->v[i - 1], bi->v[i]));
    }
    e = e / 7 + 1e-14;
    b->w += e, b->lo -= e, b->hi += e;
}

/* The grid over the border's box and GRID_MARGIN_DEG around it (none for a
 * border spread too wide or too near a pole); its cells are built on use. */
static int grid_init(border_index *bi)
{
    double lo0 = HUGE_VAL, lo1 = -HUGE_VAL, la0 = HUGE_VAL, la1 = -HUGE_VAL;
    size_t n = 0;
    for (size_t i = 0; i < bi->nv; i++) {
        lo0 = fmin(lo0, bi->ll[i][0]), lo1 = fmax(lo1, bi->ll[i][0]);
        la0 = fmin(la0, bi->ll[i][1]), la1 = fmax(la1, bi->ll[i][1]);
    }
    bi->g_lon = floor(lo0 - GRID_MARGIN_DEG);
    bi->g_lat = floor(la0 - GRID_MARGIN_DEG);
    lo1 += GRID_MARGIN_DEG, la1 += GRID_MARGIN_DEG;
    if (lo1 - bi->g_lon > GRID_MAX_DEG || la1 - bi->g_lat > GRID_MAX_DEG ||
        fabs(bi->g_lat) > 80 || fabs(la1) > 80)
        return 1; /* the tree alone */
    bi->g_nx = (size_t)ceil((lo1 - bi->g_lon) / (CELL_DEG * BLOCK));
    bi->g_ny = (size_t)ceil((la1 - bi->g_lat) / (CELL_DEG * BLOCK));
    for (size_t i = 0; i < bi->nnode && bi->node[i].leaf; i++)
        n = i + 1;
    if (!(bi->box = malloc(n * sizeof *bi->box)))
        return 0;
    for (size_t i = 0; i < n; i++)
        box_init(bi, &bi->node[i], &bi->box[i]);
    bi->block = calloc(bi->g_nx * bi->g_ny, sizeof *bi->block);
    return bi->block != NULL;
}

/* Every segment of the border layer, part after part. */
static int border_build(border_index *bi, const fm_basemap *bm)
{
    size_t i, p, k, n = 0, cap_ll = 0, nfeat = fm_basemap_count(bm, FM_LAYER_BORDER);
    for (i = 0; i < nfeat; i++)
        n += fm_basemap_geom(bm, FM_LAYER_BORDER, i, NULL, NULL)->npoints;
    /* room for every point and a few hundred from split segments */
    if (!grow((void **)&bi->v, &bi->cap_v, n, sizeof *bi->v) ||
        !grow((void **)&bi->ll, &cap_ll, n, sizeof *bi->ll) ||
        !grow((void **)&bi->seg, &bi->cap_seg, bi->cap_v, sizeof *bi->seg) ||
        !grow((void **)&bi->node, &bi->cap_node, bi->cap_v / 4, sizeof *bi->node))
        return 0;
    for (i = 0; i < nfeat; i++) {
        const fm_geom *g = fm_basemap_geom(bm, FM_LAYER_BORDER, i, NULL, NULL);
        for (p = 0; p < g->nparts; p++) {
            size_t s0 = bi->nseg;
            for (k = g->part_start[p]; k < g->part_start[p + 1]; k++) {
                const double *xy = g->xy + 2 * k;
                if (bi->nv > UINT32_MAX / 2)
                    return 0;
                if (k == g->part_start[p] ? !vertex_add(bi, xy[0], xy[1], NULL)
                                          : !line_to(bi, xy[0], xy[1], (uint32_t)i))
                    return 0;
            }
            for (k = s0; k + 1 < bi->nseg; k++)
                bi->seg[k].next = 1;
        }
    }
    return bi->nseg == 0 || (tree_build(bi) && grid_init(bi));
}

fm_status fm_border_create(fm_ctx *ctx, const fm_basemap *bm, fm_border **out)
{
    fm_border *bi = calloc(1, sizeof *bi);
    *out = NULL;
    if (!bi)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    geod_init(&bi->geod, WGS84_A, WGS84_F);
    if (!border_build(bi, bm)) {
        fm_border_destroy(bi);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    *out = bi;
    return FM_OK;
}

/* ---- the search --------------------------------------------------------------- */

/* A segment's nearest point to P on the sphere, with proven bounds of the
 * ellipsoidal distance from P to it: lb (no point of the segment is nearer)
 * and the estimate est used to order the exact measurements. */
typedef struct {
    double q[3], est, lb;
    uint32_t seg;
    int vtx; /* -1 inside the arc, 0 end a, 1 end b */
} cand;

/* A query: the point P on the sphere, its k, the least upper bound ub of the
 * distance found so far and the candidates that may beat it. */
typedef struct {
    const double *p;
    double ikp, ub, lim; /* lim / k bounds the angle to anything nearer than ub */
    uint32_t seed;       /* the leaf scanned first */
    cand c[MAX_CANDIDATES];
    size_t n;
} query;

/* Lower bound (m) of the ellipsoidal length of a path from P covering an
 * angle of at least th on the sphere between latitudes where the scale is at
 * least k: a path leaves that band only by its poleward bulge (under th^2 / 4
 * in z), where k falls by at most K_SLOPE th^2. */
static double lb_m(double th, double k)
{
    double kt = k - K_SLOPE * th * th;
    return WGS84_A * th * (kt > K_POLE ? kt : K_POLE) * (1 - TIE);
}

/* A new least upper bound: no point at an angle th with lb_m(th, k) >= ub
 * can beat it, and th >= lim / k implies that (k >= K_POLE, so K_SLOPE th^2
 * costs k at most the factor the bracket makes up for). */
static void set_ub(query *qr, double ub)
{
    double t = ub / (WGS84_A * (1 - TIE)), t1 = 1.01 * t / K_POLE;
    qr->ub = ub;
    qr->lim = t < 0.5 ? t / (1 - K_SLOPE * t1 * t1 / K_POLE) : 4;
}

static int in_lune(const border_seg *s, const double p[3])
{
    return s->arc && dot(p, s->u) >= 0 && dot(p, s->w) >= 0;
}

/* Keeps a candidate whose lower bound is under the best upper bound, with
 * the upper bound a th k(lowest |latitude|) of its own distance. */
static void cand_add(const border_index *bi, query *qr, uint32_t i, int vtx)
{
    const border_seg *s = &bi->seg[i];
    const double *p = qr->p;
    double q[3], pn, m, th, zp = p[2], zq, ub, lb;
    size_t k, j = 0;
    if (vtx < 0) {
        pn = dot(p, s->n);
        for (k = 0; k < 3; k++)
            q[k] = p[k] - pn * s->n[k];
        m = sqrt(dot(q, q));
        for (k = 0; k < 3; k++)
            q[k] /= m;
        th = asin_pos(fabs(pn));
    } else {
        memcpy(q, bi->v[s->a + (uint32_t)vtx], sizeof q);
        th = 2 * asin_pos(sqrt(chord2(p, q)) / 2);
    }
    zq = q[2];
    lb = lb_m(th, scale_k(max2(fabs(zp), fabs(zq))));
    if (lb >= qr->ub)
        return;
    ub = WGS84_A * th * scale_k(zp * zq <= 0 ? 0 : min2(fabs(zp), fabs(zq))) * (1 + TIE);
    if (ub < qr->ub)
        set_ub(qr, ub);
    if (qr->n == MAX_CANDIDATES) { /* drop what the better bound has ruled out */
        for (k = 0; k < qr->n; k++)
            if (qr->c[k].lb < qr->ub)
                qr->c[j++] = qr->c[k];
        if ((qr->n = j) == MAX_CANDIDATES) { /* still full: drop the weakest */
            for (k = 1, j = 0; k < qr->n; k++)
                j = qr->c[k].lb > qr->c[j].lb ? k : j;
            if (qr->c[j].lb <= lb)
                return;
            qr->c[j] = qr->c[--qr->n];
        }
    }
    memcpy(qr->c[qr->n].q, q, sizeof q);
    qr->c[qr->n].lb = lb;
    qr->c[qr->n].est = WGS84_A * th * scale_k((zp + zq) / 2);
    qr->c[qr->n].seg = i;
    qr->c[qr->n++].vtx = vtx;
}

/* Tests one segment: the sine of P's distance to the arc, or the chord to
 * its nearer end, bounds the angle from below. An end where P also faces the
 * inside of the adjoining segment is never the nearest point. */
static double seg_lb2(const border_index *bi, const border_seg *s, const double p[3], int *vtx)
{
    double ca, cb, pn;
    if (in_lune(s, p)) {
        pn = dot(p, s->n);
        *vtx = -1;
        return pn * pn;
    }
    ca = chord2(p, bi->v[s->a]);
    cb = chord2(p, bi->v[s->a + 1]);
    *vtx = ca <= cb ? 0 : 1;
    return min2(ca, cb);
}

static void seg_keep(const border_index *bi, uint32_t i, int vtx, query *qr)
{
    const border_seg *s = &bi->seg[i];
    if (vtx == 1 && s->next && in_lune(s + 1, qr->p))
        return;
    if (vtx == 0 && i > 0 && s[-1].next && in_lune(s - 1, qr->p))
        return;
    cand_add(bi, qr, i, vtx);
}

static void seg_eval(const border_index *bi, uint32_t i, query *qr, double th2)
{
    int vtx;
    if (seg_lb2(bi, &bi->seg[i], qr->p, &vtx) < th2)
        seg_keep(bi, i, vtx, qr);
}

/* The least angle at which anything in a node whose 1 / k is at most ik
 * could beat the bound. */
static double node_lim_ik(double ik, const query *qr)
{
    return qr->lim * max2(ik, qr->ikp);
}

static double node_lim(const border_node *nd, const query *qr)
{
    return node_lim_ik(nd->ik, qr);
}

/* Whether node nd may hold a point nearer than the bound; *c receives the
 * chord from P to its cap (negative inside), its key in the heap. */
static int node_may_hold(const border_node *nd, const query *qr, double *c)
{
    double d2 = chord2(qr->p, nd->c), m = nd->r + node_lim(nd, qr);
    if (d2 >= m * m)
        return 0;
    *c = sqrt(d2) - nd->r;
    return 1;
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

static void node_visit(const border_index *bi, uint32_t id, query *qr, node_heap *h);

/* Depth first through a node when the heap is full (never in practice). */
static void node_scan(const border_index *bi, uint32_t id, query *qr, node_heap *h)
{
    double c;
    if (node_may_hold(&bi->node[id], qr, &c))
        node_visit(bi, id, qr, h);
}

/* Scans a leaf or queues the children of an inner node that may hold a
 * nearer point. */
static void node_visit(const border_index *bi, uint32_t id, query *qr, node_heap *h)
{
    const border_node *nd = &bi->node[id];
    uint32_t i;
    double c, th;
    if (nd->leaf) {
        if (h && id == qr->seed)
            return;
        for (i = nd->first; i < nd->end; i++) { /* the bound tightens as it goes */
            th = node_lim(nd, qr);
            seg_eval(bi, i, qr, th * th);
        }
        return;
    }
    for (i = nd->first; i < nd->end; i++) {
        if (!node_may_hold(&bi->node[i], qr, &c))
            continue;
        if (h->n < HEAP_MAX)
            heap_push(h, c, i);
        else
            node_scan(bi, i, qr, h);
    }
}

/* The leaf reached from the root by always stepping into the child cap
 * nearest to p. */
static uint32_t greedy_leaf(const border_index *bi, const double p[3])
{
    const border_node *nd = &bi->node[bi->nnode - 1];
    uint32_t i, best;
    double c, bc;
    while (!nd->leaf) {
        for (i = best = nd->first, bc = HUGE_VAL; i < nd->end; i++)
            if ((c = sqrt(chord2(p, bi->node[i].c)) - bi->node[i].r) < bc)
                bc = c, best = i;
        nd = &bi->node[best];
    }
    return (uint32_t)(nd - bi->node);
}

/* A first bound from the greedy leaf, so that the search proper queues few
 * caps. */
static void seed_bound(const border_index *bi, query *qr)
{
    qr->seed = greedy_leaf(bi, qr->p);
    node_visit(bi, qr->seed, qr, NULL);
}

/* Best first from the root: the nearest caps come first and set a tight
 * bound at once; the search ends when no pending cap may hold a nearer point. */
static void border_search(const border_index *bi, query *qr)
{
    node_heap h;
    double c;
    uint32_t id;
    h.n = 0;
    seed_bound(bi, qr);
    heap_push(&h, 0, (uint32_t)(bi->nnode - 1));
    while (h.n > 0) {
        id = heap_pop(&h, &c);
        if (c < node_lim(&bi->node[id], qr))
            node_visit(bi, id, qr, &h);
    }
}

/* ---- the grid of cells -------------------------------------------------------- */

/* Chords on the unit sphere: every point P of a cell lies within R of its
 * centre c, and within |P - b| + rb of a point y of the border (the cap of
 * some node). A point x of the border is the nearest (within CELL_SLACK_M)
 * only when |P - x| <= rho |P - y| + eps: with k at most kmax along the
 * spherical arc P-y and the lb_m bound with kmin for P-x, the ellipsoidal
 * lengths obey a kmin |P - x| <= a kmax theta(P, y) + slack, and theta <=
 * chord (1 + chord^2 / 20). */
typedef struct {
    double c[3], R, z0, z1; /* z0, z1: the cell's range of |z| */
    double b[3], rb, db;    /* db = |c - b| */
    double rho, eps;
} cell_bound;

/* Takes node nd's cap as the one holding y. |z| moves by at most the chord,
 * which bounds theta(P, y) by ty and theta(P, x) by tx. */
static void cell_set_ref(cell_bound *cb, const border_node *nd)
{
    double db = sqrt(chord2(cb->c, nd->c)), cy = db + cb->R + nd->r;
    double ty = cy * (1 + cy * cy / 20), tx = (ty + CELL_SLACK_M / WGS84_A) / K_POLE * 1.001;
    double kmax = scale_k(max2(0, cb->z0 - ty));
    double kmin = max2(K_POLE, scale_k(min2(1, cb->z1 + tx)) - K_SLOPE * tx * tx);
    memcpy(cb->b, nd->c, sizeof cb->b);
    cb->rb = nd->r;
    cb->db = db;
    cb->rho = kmax / kmin * (1 + cy * cy / 20) * (1 + 1e-9);
    cb->eps = CELL_SLACK_M / (WGS84_A * kmin);
}

/* Whether node nd may hold a nearest point x for some P of the cell:
 * f(P) = |P - A| - rho |P - b| with A its centre has a gradient under
 * |u_A - u_b| + rho - 1, and |u_A - u_b| <= 2 |A - b| / (|P - A| + |P - b|)
 * (Dunkl-Williams), so f over the cell is at least f(c) - g R. */
static int cell_may_hold(const cell_bound *cb, const border_node *nd)
{
    double da = sqrt(chord2(cb->c, nd->c)), den = da + cb->db - 2 * cb->R;
    double g = den > 0 ? min2(2, 2 * sqrt(chord2(nd->c, cb->b)) / den) : 2;
    double f = da - cb->rho * cb->db - (g + cb->rho - 1) * cb->R;
    return f <= (nd->r + cb->rho * cb->rb + cb->eps) * (1 + 1e-9) + 1e-12;
}

/* The centre and covering chord of cell (ix, iy): the farthest point of a
 * lon/lat box from its centre is a corner. */
static void cell_box(const border_index *bi, size_t ix, size_t iy, cell_bound *cb)
{
    double lon = bi->g_lon + (double)ix * CELL_DEG, lat = bi->g_lat + (double)iy * CELL_DEG;
    double v[4][3];
    to_sphere(lon + CELL_DEG / 2, lat + CELL_DEG / 2, cb->c);
    cb->R = 0;
    for (int k = 0; k < 4; k++) {
        to_sphere(lon + CELL_DEG * (k & 1), lat + CELL_DEG * (k >> 1), v[k]);
        cb->R = max2(cb->R, sqrt(chord2(cb->c, v[k])));
    }
    cb->R = cb->R * 1.001 + 1e-12;
    cb->z0 = v[0][2] * v[3][2] <= 0 ? 0 : max2(0, min2(fabs(v[0][2]), fabs(v[3][2])) - 1e-9);
    cb->z1 = min2(1, max2(fabs(v[0][2]), fabs(v[3][2])) + 1e-9);
}

/* Keeps the leaves of the cell that may hold a nearest point, sorted by key
 * (insertion: there are tens). */
static void cell_filter(const border_index *bi, const cell_bound *cb, border_cell *cl)
{
    uint32_t i, k, n = 0;
    cl->R = cb->R;
    cl->ik = 0;
    for (i = 0; i < cl->n; i++) {
        const border_node *nd = &bi->node[cl->e[i].leaf];
        cell_leaf e = {sqrt(chord2(cb->c, nd->c)) - nd->r, cl->e[i].leaf};
        if (!cell_may_hold(cb, nd))
            continue;
        cl->ik = max2(cl->ik, nd->ik);
        for (k = n++; k > 0 && cl->e[k - 1].key > e.key; k--)
            cl->e[k] = cl->e[k - 1];
        cl->e[k] = e;
    }
    cl->n = n;
}

/* The leaves of a cell: the caps that may hold a nearest point, from the
 * root down, with y first in the greedy leaf of the centre and then in the
 * best leaf found. NULL when out of memory. */
static border_cell *cell_build(const border_index *bi, size_t ix, size_t iy)
{
    cell_bound cb;
    border_cell *cl = NULL, *big;
    uint32_t stack[STACK_MAX], i, n = 0, cap = 64, ns = 0;
    cell_box(bi, ix, iy, &cb);
    cell_set_ref(&cb, &bi->node[greedy_leaf(bi, cb.c)]);
    stack[ns++] = (uint32_t)(bi->nnode - 1);
    if (!(cl = malloc(sizeof *cl + cap * sizeof *cl->e)))
        return NULL;
    while (ns > 0) {
        const border_node *nd = &bi->node[stack[--ns]];
        if (!cell_may_hold(&cb, nd))
            continue;
        if (!nd->leaf && ns + (nd->end - nd->first) > STACK_MAX)
            goto fail;
        for (i = nd->first; !nd->leaf && i < nd->end; i++)
            stack[ns++] = i;
        if (nd->leaf && n == cap) {
            if (!(big = realloc(cl, sizeof *cl + (cap *= 2) * sizeof *cl->e)))
                goto fail;
            cl = big;
        }
        if (nd->leaf)
            cl->e[n++].leaf = (uint32_t)(nd - bi->node);
    }
    for (i = 0; i < n; i++) { /* a better y */
        const border_node *nd = &bi->node[cl->e[i].leaf];
        if (sqrt(chord2(cb.c, nd->c)) + nd->r < cb.db + cb.rb)
            cell_set_ref(&cb, nd);
    }
    cl->n = n;
    cell_filter(bi, &cb, cl);
    if (cl->n > 0) { /* kept for the life of the basemap: no spare room */
        big = realloc(cl, sizeof *cl + cl->n * sizeof *cl->e);
        return big ? big : cl;
    }
fail:
    free(cl);
    return NULL;
}

/* Cells and blocks are built while the grid holds under GRID_BUDGET bytes
 * (a soft limit: the last one built may pass it); a long import over a wide
 * area would otherwise keep building them. Past it, queries in cells not
 * built go through the tree, with the same results. */
static int grid_full(const border_index *bi)
{
    return atomic_load_explicit(&((border_index *)bi)->grid_bytes, memory_order_relaxed) >=
           GRID_BUDGET;
}

static void grid_count(const border_index *bi, ptrdiff_t n)
{
    _Atomic size_t *used = &((border_index *)bi)->grid_bytes;
    if (n >= 0)
        atomic_fetch_add_explicit(used, (size_t)n, memory_order_relaxed);
    else
        atomic_fetch_sub_explicit(used, (size_t)-n, memory_order_relaxed);
}

/* The block of cells at, allocated on first use: two threads may both
 * allocate it, one publishes and the other frees its copy. */
static cell_block *block_get(const border_index *bi, size_t at)
{
    cell_block *b = atomic_load_explicit(&bi->block[at], memory_order_acquire), *none = NULL;
    if (b || grid_full(bi) || !(b = calloc(1, sizeof *b)))
        return b;
    if (atomic_compare_exchange_strong_explicit(&bi->block[at], &none, b, memory_order_acq_rel,
                                                memory_order_acquire)) {
        grid_count(bi, (ptrdiff_t)sizeof *b);
        return b;
    }
    free(b);
    return none;
}

/* The cell holding (lon, lat), built on first use (published the same way);
 * NULL outside the grid or out of memory. */
static const border_cell *cell_get(const border_index *bi, double lon, double lat)
{
    double x, y;
    size_t ix, iy;
    cell_block *b;
    border_cell *cl, *none = NULL;
    _Atomic(border_cell *) *slot;
    if (!bi->block)
        return NULL;
    x = (lon - bi->g_lon) / CELL_DEG;
    y = (lat - bi->g_lat) / CELL_DEG;
    if (!(x >= 0 && y >= 0 && x < (double)(bi->g_nx * BLOCK) && y < (double)(bi->g_ny * BLOCK)))
        return NULL;
    ix = (size_t)x, iy = (size_t)y;
    if (!(b = block_get(bi, iy / BLOCK * bi->g_nx + ix / BLOCK)))
        return NULL;
    slot = &b->cell[iy % BLOCK * BLOCK + ix % BLOCK];
    if ((cl = atomic_load_explicit(slot, memory_order_acquire)) || grid_full(bi) ||
        !(cl = cell_build(bi, ix, iy)))
        return cl;
    if (atomic_compare_exchange_strong_explicit(slot, &none, cl, memory_order_acq_rel,
                                                memory_order_acquire)) {
        grid_count(bi, (ptrdiff_t)(sizeof *cl + cl->n * sizeof *cl->e));
        return cl;
    }
    free(cl);
    return none;
}

/* A lower bound of the chord from P to leaf id, by its box. */
static double leaf_lb(const border_index *bi, uint32_t id, const double p[3])
{
    const leaf_box *b = &bi->box[id];
    double pm = max2(fabs(dot(p, b->m)) - b->w, 0), pt = dot(p, b->t), g;
    g = pt < b->lo ? b->lo - pt : pt > b->hi ? pt - b->hi : 0;
    return sqrt(pm * pm + g * g) * (1 - TIE);
}

/* A segment met in a cell's first pass: its lower bound and nearer end. */
typedef struct {
    double lb2, ik;
    uint32_t seg;
    int vtx;
} seg_hit;

/* The search within a cell. First the leaves whose boxes come within the
 * least segment bound met so far, every segment's bound kept; then the
 * candidates among them, the least first for a tight bound at once; then
 * the leaves left out whose boxes may still beat the bound (none past the
 * first whose key does, by the keys' order). */
static void cell_search(const border_index *bi, const border_cell *cl, query *qr)
{
    seg_hit hit[HIT_MAX];
    uint32_t skip[HIT_MAX], i, s, done, nh = 0, nskip = 0, seed = 0;
    double least = HUGE_VAL, c, th, skip_lb[HIT_MAX];
    for (done = 0; done < cl->n && nh + LEAF_SEGS <= HIT_MAX && nskip < HIT_MAX; done++) {
        const border_node *nd = &bi->node[cl->e[done].leaf];
        if ((c = cl->e[done].key - cl->R) > 0 && c * c > least * 1.0001)
            break;
        c = leaf_lb(bi, cl->e[done].leaf, qr->p);
        if (c > 0 && c * c > least * 1.0001) {
            skip_lb[nskip] = c;
            skip[nskip++] = cl->e[done].leaf;
            continue;
        }
        for (s = nd->first; s < nd->end; s++, nh++) {
            hit[nh].lb2 = seg_lb2(bi, &bi->seg[s], qr->p, &hit[nh].vtx);
            hit[nh].seg = s;
            hit[nh].ik = nd->ik;
            if (hit[nh].lb2 < least)
                least = hit[nh].lb2, seed = nh;
        }
    }
    if (nh > 0)
        seg_keep(bi, hit[seed].seg, hit[seed].vtx, qr);
    for (i = 0; i < nh; i++) {
        th = qr->lim * max2(hit[i].ik, qr->ikp);
        if (i != seed && hit[i].lb2 < th * th)
            seg_keep(bi, hit[i].seg, hit[i].vtx, qr);
    }
    for (i = 0; i < nskip; i++)
        if (skip_lb[i] < node_lim(&bi->node[skip[i]], qr))
            node_visit(bi, skip[i], qr, NULL);
    for (; done < cl->n; done++) {
        if (cl->e[done].key - cl->R >= node_lim_ik(cl->ik, qr) * (1 + TIE))
            break;
        if (leaf_lb(bi, cl->e[done].leaf, qr->p) < node_lim(&bi->node[cl->e[done].leaf], qr))
            node_visit(bi, cl->e[done].leaf, qr, NULL);
    }
}

/* ---- the exact pass ------------------------------------------------------------ */

/* Azimuth (degrees) of direction t at unit vector q on the sphere, which the
 * conformal map keeps on the ellipsoid. */
static double azimuth(const double q[3], const double t[3])
{
    double h = sqrt(q[0] * q[0] + q[1] * q[1]);
    double e = (-q[1] * t[0] + q[0] * t[1]) / h, no = -q[2] * (q[0] * t[0] + q[1] * t[1]) / h + h * t[2];
    return atan2(e, no) / DEG;
}

/* Far from the border the sphere's foot drifts from the ellipsoid's (by
 * ~ 5e-10 d^2 / 2, so 25 m at 300 km): step along the arc by the spherical
 * along-track distance of P from the foot until the step is under a
 * centimetre, keeping the nearest point met. */
static double foot_walk(const border_index *bi, const border_seg *s, const double pll[2],
                        double q[3], double d, double *qlon, double *qlat)
{
    const double r = 6371008.8;
    double t[3], nq[3], azp, dd, ds, al, nlon, nlat;
    int i, k;
    for (i = 0; i < 20 && sqrt(q[0] * q[0] + q[1] * q[1]) > 1e-9; i++) {
        cross(s->n, q, t); /* along the arc, towards b */
        geod_inverse(&bi->geod, *qlat, *qlon, pll[1], pll[0], &dd, &azp, NULL);
        ds = r * atan2(sin(dd / r) * cos((azp - azimuth(q, t)) * DEG), cos(dd / r));
        al = ds / (WGS84_A * scale_k(q[2]));
        for (k = 0; k < 3; k++)
            nq[k] = q[k] * cos(al) + t[k] * sin(al);
        if (dot(nq, s->u) < 0)
            memcpy(nq, bi->v[s->a], sizeof nq);
        else if (dot(nq, s->w) < 0)
            memcpy(nq, bi->v[s->a + 1], sizeof nq);
        from_sphere(nq, &nlon, &nlat);
        geod_inverse(&bi->geod, pll[1], pll[0], nlat, nlon, &dd, NULL, NULL);
        if (!(dd < d))
            break;
        d = dd, *qlon = nlon, *qlat = nlat;
        memcpy(q, nq, sizeof nq);
        if (fabs(ds) < ALONG_TOL_M)
            break;
    }
    return d;
}

/* Exact distance (m) from P to candidate c's point of the border. */
static double cand_measure(const border_index *bi, cand *c, const double pll[2], double *qlon,
                           double *qlat)
{
    const border_seg *s = &bi->seg[c->seg];
    double d;
    if (c->vtx >= 0) {
        *qlon = bi->ll[s->a + (uint32_t)c->vtx][0];
        *qlat = bi->ll[s->a + (uint32_t)c->vtx][1];
    } else {
        from_sphere(c->q, qlon, qlat);
    }
    geod_inverse(&bi->geod, pll[1], pll[0], *qlat, *qlon, &d, NULL, NULL);
    return d > FAR_M && c->vtx < 0 ? foot_walk(bi, s, pll, c->q, d, qlon, qlat) : d;
}

/* Candidates nearest first (insertion sort: there are a handful). */
static void cand_sort(query *qr)
{
    size_t i, k;
    for (i = 1; i < qr->n; i++) {
        cand c = qr->c[i];
        for (k = i; k > 0 && qr->c[k - 1].est > c.est; k--)
            qr->c[k] = qr->c[k - 1];
        qr->c[k] = c;
    }
}

/* Whether candidate i is a vertex that an earlier candidate already is. */
static int seen_vertex(const border_index *bi, const query *qr, size_t i)
{
    const cand *c = &qr->c[i];
    size_t k;
    if (c->vtx < 0)
        return 0;
    for (k = 0; k < i; k++) {
        const cand *o = &qr->c[k];
        if (o->vtx >= 0 && !memcmp(bi->ll[bi->seg[c->seg].a + (uint32_t)c->vtx],
                                   bi->ll[bi->seg[o->seg].a + (uint32_t)o->vtx], sizeof *bi->ll))
            return 1;
    }
    return 0;
}

double fm_basemap_border_nearest(const fm_basemap *bm, double lon, double lat, double *near_lon,
                                 double *near_lat, size_t *feature)
{
    const border_index *bi = bm ? bm->border : NULL;
    double p[3], pll[2] = {lon, lat}, best = HUGE_VAL, d, qlon, qlat, blon = NAN, blat = NAN;
    size_t i, bfeat = (size_t)-1;
    const border_cell *cl;
    query qr;
    if (!bi || !bi->nseg || !isfinite(lon) || !isfinite(lat))
        return HUGE_VAL;
    to_sphere(lon, lat, p);
    qr.p = p;
    qr.ikp = 1 / scale_k(fabs(p[2]));
    qr.ub = HUGE_VAL;
    qr.lim = 4;
    qr.n = 0;
    if ((cl = cell_get(bi, lon, lat)))
        cell_search(bi, cl, &qr);
    else
        border_search(bi, &qr);
    /* the best estimate first; the rest only while their bound may beat it */
    cand_sort(&qr);
    for (i = 0; i < qr.n; i++) {
        if (qr.c[i].lb >= best || seen_vertex(bi, &qr, i))
            continue;
        d = cand_measure(bi, &qr.c[i], pll, &qlon, &qlat);
        if (d < best)
            best = d, blon = qlon, blat = qlat, bfeat = bi->seg[qr.c[i].seg].feat;
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
