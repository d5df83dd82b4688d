/* border.c: exact geodesic distance from a point to the border line: the
 * border's segments on the conformal sphere in a tree of caps (built here),
 * candidates found by border_search.c (a grid of cells over the tree), and
 * the nearest measured on the WGS84 ellipsoid. */
#include "geo/border_priv.h"

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
    query qr;
    if (!bi || !bi->nseg || !isfinite(lon) || !isfinite(lat))
        return HUGE_VAL;
    to_sphere(lon, lat, p);
    qr.p = p;
    qr.ikp = 1 / scale_k(fabs(p[2]));
    qr.ub = HUGE_VAL;
    qr.lim = 4;
    qr.n = 0;
    fm_border_candidates(bi, lon, lat, &qr);
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

void fm_basemap_border_prefetch(const fm_basemap *bm, double lon, double lat)
{
    if (bm && bm->border && bm->border->nseg && isfinite(lon) && isfinite(lat))
        fm_border_prefetch(bm->border, lon, lat);
}

double fm_basemap_border_km(const fm_basemap *bm, double lon, double lat)
{
    return fm_basemap_border_nearest(bm, lon, lat, NULL, NULL, NULL);
}
