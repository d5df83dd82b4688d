/* border_priv.h: shared by geo/border.c (building the index, the exact pass,
 * the public functions) and geo/border_search.c (the tree and grid searches):
 * the index's types, its tuning constants and the conformal-sphere helpers. */
#ifndef FM_BORDER_PRIV_H
#define FM_BORDER_PRIV_H

#include "geo/karney/fm_geodesic.h"
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
static inline double sin_series(const double c[5], double s, double co)
{
    double s2 = 2 * s * co, c2 = co * co - s * s, b1 = 0, b2 = 0, t;
    for (int j = 4; j >= 0; j--) {
        t = 2 * c2 * b1 - b2 + c[j];
        b2 = b1;
        b1 = t;
    }
    return s2 * b1;
}

static inline double scale_k(double z)
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

static inline void to_sphere(double lon, double lat, double v[3])
{
    double sp = sin(lat * DEG), cp = cos(lat * DEG), d = sin_series(CHI_A, sp, cp);
    double d2 = d * d, sd = d * (1 - d2 / 6 * (1 - d2 / 20)), cd = 1 - d2 / 2 * (1 - d2 / 12);
    double sc = sp * cd + cp * sd, cc = cp * cd - sp * sd;
    v[0] = cc * cos(lon * DEG);
    v[1] = cc * sin(lon * DEG);
    v[2] = sc;
}

static inline void from_sphere(const double q[3], double *lon, double *lat)
{
    double h = sqrt(q[0] * q[0] + q[1] * q[1]), m = sqrt(h * h + q[2] * q[2]);
    *lon = atan2(q[1], q[0]) / DEG;
    *lat = (atan2(q[2], h) + sin_series(PHI_B, q[2] / m, h / m)) / DEG;
}

static inline double min2(double a, double b)
{
    return a < b ? a : b;
}

static inline double max2(double a, double b)
{
    return a > b ? a : b;
}

static inline void cross(const double a[3], const double b[3], double out[3])
{
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}

static inline double dot(const double a[3], const double b[3])
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

static inline double chord2(const double a[3], const double b[3])
{
    double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
    return dx * dx + dy * dy + dz * dz;
}

/* asin(x) for 0 <= x <= 1, by its series where that is exact to 1e-16. */
static inline double asin_pos(double x)
{
    double x2 = x * x;
    if (x > 0.02)
        return asin(fmin(1, x));
    return x * (1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112))));
}

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

/* border_search.c: the candidates of a query: from the grid cell holding
 * (lon, lat) when there is one (built on first use), else from the tree. */
void fm_border_candidates(const border_index *bi, double lon, double lat, query *qr);
/* border_search.c: starts loading the cell holding (lon, lat), if built. */
void fm_border_prefetch(const border_index *bi, double lon, double lat);

#endif
