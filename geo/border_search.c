/* border_search.c: the candidate segments of a border-distance query: best
 * first through the tree of caps, or from the grid cell holding the point,
 * which lists the leaves that may hold the nearest point from anywhere in it
 * (cells built on first use and published atomically: the index is shared
 * between threads). Only proven bounds prune; border.c measures the rest. */
#include "geo/border_priv.h"

/* ---- the search --------------------------------------------------------------- */



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

/* The grid coordinates of the cell holding (lon, lat); 0 outside the grid. */
static int cell_at(const border_index *bi, double lon, double lat, size_t *ix, size_t *iy)
{
    double x = (lon - bi->g_lon) / CELL_DEG, y = (lat - bi->g_lat) / CELL_DEG;
    if (!bi->block ||
        !(x >= 0 && y >= 0 && x < (double)(bi->g_nx * BLOCK) && y < (double)(bi->g_ny * BLOCK)))
        return 0;
    *ix = (size_t)x, *iy = (size_t)y;
    return 1;
}

/* The cell holding (lon, lat), built on first use (published the same way);
 * NULL outside the grid or out of memory. */
static const border_cell *cell_get(const border_index *bi, double lon, double lat)
{
    size_t ix, iy;
    cell_block *b;
    border_cell *cl, *none = NULL;
    _Atomic(border_cell *) *slot;
    if (!cell_at(bi, lon, lat, &ix, &iy) ||
        !(b = block_get(bi, iy / BLOCK * bi->g_nx + ix / BLOCK)))
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

/* The cells are scattered over megabytes (built as queries first meet
 * them), and a query on a busy host used to start by waiting on its cell:
 * a third of the search's samples. The first lines of a built cell (its
 * bound and nearest leaves) start loading here. */
void fm_border_prefetch(const border_index *bi, double lon, double lat)
{
    size_t ix, iy;
    cell_block *b;
    const border_cell *cl;
    if (!cell_at(bi, lon, lat, &ix, &iy) ||
        !(b = atomic_load_explicit(&bi->block[iy / BLOCK * bi->g_nx + ix / BLOCK],
                                   memory_order_acquire)) ||
        !(cl = atomic_load_explicit(&b->cell[iy % BLOCK * BLOCK + ix % BLOCK],
                                    memory_order_acquire)))
        return;
#if defined(__GNUC__)
    __builtin_prefetch(cl);
    __builtin_prefetch((const char *)cl + 64);
    __builtin_prefetch((const char *)cl + 128);
#endif
}

void fm_border_candidates(const border_index *bi, double lon, double lat, query *qr)
{
    const border_cell *cl = cell_get(bi, lon, lat);
    if (cl)
        cell_search(bi, cl, qr);
    else
        border_search(bi, qr);
}
