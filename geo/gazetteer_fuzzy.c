/* gazetteer_fuzzy.c: approximate lookups: every key within an edit limit k
 * of the query, by optimal-string-alignment distance over bytes (insertions,
 * deletions, substitutions, adjacent transpositions).
 *
 * The keys are a trie (built by gazetteer_build.c, stored in the image). A
 * walk goes down it depth first with one distance row per node (the band of
 * cells within k of the diagonal, 16 at a time with SSE2), leaving every
 * subtree whose row is past its budget or whose keys are all too short or
 * too long (each node knows the lengths of the keys below it); at a node
 * whose children's rows would all be past the budget unless their byte
 * occurs in the query, only those children are visited (when the children
 * are all letters, found through the node's labels without reading the
 * others). Walking with the
 * whole limit from the root visits the bushy top of the trie, so the budget
 * grows with the query consumed. An alignment within k costs h up to the
 * point where it leaves the first m = n / 2 bytes of the query and t after
 * it, h + t <= k, so h <= k / 2 or t <= (k - 1) / 2: one walk down the keys
 * allows k / 2 edits over the first m bytes and k over the rest; one down the
 * trie of the reversed keys, with the query reversed, allows (k - 1) / 2 over
 * the first n - m - 1 bytes (the query's last ones) and k over the rest. The
 * union holds every key within k; each is then verified by the distance
 * (bit vectors, as the linear scan's), so the answers are the linear scan's
 * (fm_gz_find_fuzzy_linear, kept as the reference for the tests), in the
 * same order: ascending key index. */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && !defined(FM_FUZZY_SCALAR)
#include <emmintrin.h>
#endif

#include "geo/gazetteer_priv.h"

#define ROW_CELLS (FM_GZ_MAX_KEY + 2)
#define FM_GZ_MAX_QUERY 64 /* the walk's bit masks hold a query's positions; a
                            * longer one (no name is) is scanned */

/* The distance of pattern p (m bytes, 1 <= m <= 64) to text t (nt bytes),
 * or cap + 1 once it is sure to exceed cap, by Hyyro's bit-vector
 * algorithm (Myers' for Levenshtein distance, with his transposition term:
 * "A bit-vector algorithm for computing Levenshtein and Damerau edit
 * distances", Nordic Journal of Computing 10, 2003): bit i of a column's
 * vectors is the step from row i to row i + 1 of the distance table, +1 (vp)
 * or -1 (vn); peq[c] has bit i set where p[i] == c, and is 0 for every other
 * byte. One text byte costs some twenty word operations instead of a row of
 * cells. score is the bottom row's cell; each later byte moves it by at most
 * one, so once it exceeds cap by more than the bytes left it cannot return. */
static int osa_bits(const uint64_t peq[256], size_t m, const unsigned char *t, size_t nt, int cap)
{
    uint64_t vp = m == 64 ? ~0ull : (1ull << m) - 1, vn = 0, d0 = 0, pm_prev = 0;
    const uint64_t top = 1ull << (m - 1);
    long score = (long)m;
    size_t j;
    for (j = 0; j < nt; j++) {
        uint64_t pm = peq[t[j]], hp, hn;
        uint64_t tr = ((~d0 & pm) << 1) & pm_prev; /* a transposition: p[i-1..i] = t[j..j-1] */
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | tr;
        hp = vn | ~(d0 | vp);
        hn = d0 & vp;
        score += (hp & top) ? 1 : (hn & top) ? -1 : 0;
        hp = hp << 1 | 1; /* the top row is the text's prefix length: each step +1 */
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_prev = pm;
        if (score - (long)(nt - j - 1) > cap)
            return cap + 1;
    }
    return score <= cap ? (int)score : cap + 1;
}

/* The same distance, a row of the table at a time: for patterns of more than
 * 64 bytes, and the reference osa_bits is tested against. */
static int osa_rows(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    int rows[3][FM_GZ_MAX_KEY + 2];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    size_t i, j;
    for (j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (i = 1; i <= na; i++) {
        int rowmin, *t;
        cur[0] = rowmin = (int)i;
        for (j = 1; j <= nb; j++) {
            int v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (rowmin > cap)
            return cap + 1;
        t = pp, pp = prev, prev = cur, cur = t;
    }
    return prev[nb] <= cap ? prev[nb] : cap + 1;
}

/* peq for osa_bits: the positions of each byte of p (m <= 64 bytes); the
 * entries of the bytes of p are cleared first, so peq needs zeroing only once
 * (and clearing again with peq_clear before another pattern). */
static void peq_set(uint64_t peq[256], const unsigned char *p, size_t m)
{
    size_t i;
    for (i = 0; i < m; i++)
        peq[p[i]] = 0;
    for (i = 0; i < m; i++)
        peq[p[i]] |= 1ull << i;
}

static void peq_clear(uint64_t peq[256], const unsigned char *p, size_t m)
{
    size_t i;
    for (i = 0; i < m; i++)
        peq[p[i]] = 0;
}

int fm_gz_osa_distance(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    uint64_t peq[256];
    if (na > 64 && nb <= 64) { /* the distance is symmetric: the shorter is the pattern */
        const char *t = a;
        size_t nt = na;
        a = b, na = nb, b = t, nb = nt;
    }
    if (na == 0 || na > 64) /* nothing to take a pattern from, or both too long */
        return na == 0 ? ((long)nb <= cap ? (int)nb : cap + 1) : osa_rows(a, na, b, nb, cap);
    memset(peq, 0, sizeof peq);
    peq_set(peq, (const unsigned char *)a, na);
    return osa_bits(peq, na, (const unsigned char *)b, nb, cap);
}

int fm_gz_osa_distance_rows(const char *a, size_t na, const char *b, size_t nb, int cap)
{
    return osa_rows(a, na, b, nb, cap);
}

size_t fm_gz_find_fuzzy_linear(const fm_gazetteer *gz, const char *key, int max_edits,
                               int important_only, fm_gazetteer_hit *hits, size_t max)
{
    char joined[FM_GZ_MAX_KEY + 1];
    size_t len, n = 0, u, lo_len, hi_len;
    if (!gz || !key || !gz->nukeys || max_edits < 0 || !(len = fm_gz_join_key(key, joined)))
        return 0;
    lo_len = len > (size_t)max_edits ? len - (size_t)max_edits : 1;
    hi_len = len + (size_t)max_edits > FM_GZ_MAX_KEY ? FM_GZ_MAX_KEY : len + (size_t)max_edits;
    for (u = gz->len_start[lo_len]; u < gz->len_start[hi_len + 1]; u++) {
        int d;
        if (important_only && !fm_gz_key_important(gz, u))
            continue;
        d = fm_gz_osa_distance(joined, len, gz->keys + gz->ukeys[u].off, gz->ukeys[u].len,
                             max_edits);
        if (d <= max_edits)
            n = fm_gz_emit_hits(gz, u, d, hits, max, n);
    }
    return n;
}

/* ---- the trie walk ------------------------------------------------------------ */

/* One walk: of the query q (n bytes) down one trie, within a limit that
 * depends on how much of q a path has consumed: budget[j] for the alignments
 * of the first j bytes of q. Row d holds the distances between the path's
 * first d bytes and the prefixes of q that lie within k (the greatest
 * budget) of the diagonal, as BAND cells along the diagonal: cell t of row d
 * is prefix j = d - k + t (t <= 2k); a cell over its budget, outside 0 <= j
 * <= n, or past 2k, is k + 1 (no path through it counts). On the diagonal the
 * cells a cell is computed from sit at the same t (one row and two rows up)
 * and at t + 1 (one row up), so a row is computed with 16-byte vector
 * operations. A walk collects the keys it reaches with their whole query
 * within k. A cell is put over its budget after the row's insertions are
 * counted, so a path may pass a cell over budget by insertions: that only
 * adds candidates, which the verification turns away. */
#define BAND 16
#define MAX_BAND_K 7 /* 2k + 1 cells and one past them fit in BAND; beyond
                      * that (no caller asks) the linear scan answers */
#define QPAD 16      /* bytes of padding before and after the query */
#define QBUF (QPAD + FM_GZ_MAX_QUERY + 2 * QPAD)

typedef struct {
    fm_gazetteer *gz;
    const fm_gz_node *nodes;
    size_t nnodes;
    const unsigned char *q;
    size_t n;
    int k;
    unsigned min_len, max_len;     /* the lengths a key within k can have */
    uint8_t rowmin[ROW_CELLS];     /* the least cell of each row (row 0's, and the
                                    * rows of the scalar band_next) */
    uint8_t free_row[ROW_CELLS];   /* per row: whether a child whose byte matches
                                    * no byte of q can still be within budget */
    uint64_t peq[256];             /* per byte, the positions in q that hold it */
    uint8_t *rows;                 /* ROW_CELLS rows of BAND cells, 16-aligned */
    unsigned char qpad[QBUF];      /* q with NULs around it: no key holds a NUL */
    uint8_t bud[QBUF];             /* budget[j] at QPAD + j, 0 around it */
    uint8_t lim1[QBUF];            /* budget[j] + 1 at QPAD + j, 0 around it */
#if defined(__SSE2__) && !defined(FM_FUZZY_SCALAR)
    __m128i bandmask;              /* 0xff in the lanes t <= 2k, 0 beyond */
    const __m128i *lenlim;         /* k's table of lenlim_fill */
#endif
    uint8_t reach[QBUF];           /* at QPAD + j: 1 + the most a cell at prefix j
                                    * may cost for a path on from it, down a byte
                                    * that matches nothing, to stay within budget
                                    * somewhere; 0 around it */
    unsigned char path[ROW_CELLS]; /* path[d - 1]: the byte at depth d */
    uint64_t band[ROW_CELLS];      /* per depth d < n + k: the positions of q whose
                                    * bytes can match at depth d + 1: q[j - 1] for a
                                    * cell j of row d + 1, or q[j - 2] in a
                                    * transposition, max(0, d - k - 1) ..
                                    * min(n, d + k + 1) - 1 */
    uint32_t letters[ROW_CELLS];   /* per depth d < n + k: the lowercase letters
                                    * among the bytes at band[d], as node labels */
    int oom;
} walk;

#define ROW(w, d) ((w)->rows + (size_t)(d) * BAND)

/* The scratch holds the rows and then, per k <= MAX_BAND_K, (2k + 1)^2
 * vectors: at x * (2k + 1) + y, x, y in 0 .. 2k, lane t is k + 1 less the
 * least a cell of lane t must cost more to end within k at a key whose
 * length l is n + k - x <= l <= n + k - y: max(0, x - t, t - y), since the
 * cell j = d - k + t has n - j bytes of q left and the key l - d. */
#define LENLIM_AT(k) ((size_t)ROW_CELLS * BAND + \
                      16 * (size_t)((k) * (4 * (k) * (k) - 1) / 3)) /* sum (2i + 1)^2, i < k */
#define SCRATCH_BYTES LENLIM_AT(MAX_BAND_K + 1)

static void lenlim_fill(uint8_t *scratch)
{
    int k, x, y, t;
    for (k = 0; k <= MAX_BAND_K; k++) {
        uint8_t *v = scratch + LENLIM_AT(k);
        for (x = 0; x <= 2 * k; x++)
            for (y = 0; y <= 2 * k; y++, v += 16)
                for (t = 0; t < 16; t++) {
                    int more = x - t > 0 ? x - t : t - y > 0 ? t - y : 0;
                    v[t] = (uint8_t)(more > k + 1 ? 0 : k + 1 - more);
                }
    }
}

/* The index of the lowest set bit of m (m != 0). */
static unsigned ctz64(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned i = 0;
    while (!(m & 1))
        m >>= 1, i++;
    return i;
#endif
}

/* How many bits of v are set: SWAR, as fast here as the POPCNT instruction,
 * which a generic x86-64 build may not use. */
static uint32_t count_bits(uint32_t v)
{
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    return (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
}

/* Sets up a walk of q (n bytes, 1 <= n <= FM_GZ_MAX_QUERY) down trie: the
 * budget is lo for prefixes of at most cut bytes, k beyond (lo <= k). */
static void walk_init(walk *w, fm_gazetteer *gz, int trie, const unsigned char *q, size_t n,
                      int k, int lo, size_t cut)
{
    size_t j;
    int best;
    memset(w->peq, 0, sizeof w->peq);
    memset(w->qpad, 0, sizeof w->qpad);
    memset(w->bud, 0, sizeof w->bud);
    memset(w->lim1, 0, sizeof w->lim1);
    memset(w->reach, 0, sizeof w->reach);
    w->oom = 0;
    w->gz = gz, w->nodes = gz->trie[trie], w->nnodes = gz->ntrie[trie];
    w->q = q, w->n = n, w->k = k, w->rows = gz->fz_rows;
    w->min_len = n > (size_t)k ? (unsigned)(n - (size_t)k) : 0;
    w->max_len = (unsigned)n + (unsigned)k;
    for (j = 0; j < n; j++) {
        w->peq[q[j]] |= 1ull << j;
        w->qpad[QPAD + j] = q[j];
    }
    for (j = 0; j <= n; j++) {
        w->bud[QPAD + j] = (uint8_t)(j <= cut ? lo : k);
        w->lim1[QPAD + j] = (uint8_t)(w->bud[QPAD + j] + 1);
    }
    for (j = 0; j < n + (size_t)k; j++) {
        size_t from = j + 1 > (size_t)k + 2 ? j + 1 - (size_t)k - 2 : 0;
        size_t to = j + 1 + (size_t)k < n ? j + 1 + (size_t)k : n;
        uint64_t m;
        w->band[j] = from >= to ? 0 : (to - from >= 64 ? ~0ull : ((1ull << (to - from)) - 1) << from);
        for (m = w->band[j], w->letters[j] = 0; m; m &= m - 1) {
            unsigned c = q[ctz64(m)];
            if (c >= 'a' && c <= 'z')
                w->letters[j] |= 1u << (c - 'a');
        }
    }
#if defined(__SSE2__) && !defined(FM_FUZZY_SCALAR)
    w->bandmask = _mm_cmplt_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                 _mm_set1_epi8((char)(2 * k + 1)));
    w->lenlim = (const __m128i *)(gz->fz_rows + LENLIM_AT(k));
#endif
    /* a cell of cost c at prefix j, followed by a byte that matches nothing,
     * costs c + 1 at prefix j (the byte deleted) or c + 1 + (i - j - 1) at a
     * prefix i > j (a substitution, then insertions): within budget somewhere
     * when c < max(budget[j], max over i > j of budget[i] - (i - j - 1)) */
    best = -1;
    for (j = n + 1; j-- > 0;) {
        int here = w->bud[QPAD + j], r = best > here ? best : here;
        w->reach[QPAD + j] = (uint8_t)r;
        /* best for j - 1: max over i >= j of budget[i] - (i - j) */
        best = best - 1 > here ? best - 1 : here;
    }
}

/* Caps row r (BAND cells, valid where lo <= t <= hi) at the budget and
 * k + 1, and records its least cell and whether a non-matching child can
 * live, as row d. */
static void row_finish(walk *w, size_t d, uint8_t *r)
{
    const uint8_t *bud = w->bud + QPAD + d - (size_t)w->k, *reach = w->reach + QPAD + d - (size_t)w->k;
    const uint8_t cap = (uint8_t)(w->k + 1);
    uint8_t least = cap, free_ = 0;
    size_t t;
    for (t = 0; t < BAND; t++) {
        uint8_t v = r[t];
        if (v > bud[t])
            v = cap;
        r[t] = v;
        if (v < least)
            least = v;
        if (v < reach[t])
            free_ = 1;
    }
    w->rowmin[d] = least;
    w->free_row[d] = free_;
}

static void row_zero(walk *w)
{
    uint8_t *r = ROW(w, 0);
    size_t t;
    for (t = 0; t < BAND; t++) /* prefix j = t - k of q costs j */
        r[t] = t >= (size_t)w->k && t - (size_t)w->k <= w->n && t <= 2 * (size_t)w->k
                   ? (uint8_t)(t - (size_t)w->k)
                   : (uint8_t)(w->k + 1);
    row_finish(w, 0, r);
}

#if defined(__SSE2__) && !defined(FM_FUZZY_SCALAR) /* FM_FUZZY_SCALAR: to test the other */
/* Row d (d >= 1) for byte c at depth d, with SSE2: the cell from above-left
 * (a substitution or match), from above (a deletion), from two rows up (a
 * transposition), then from the left (an insertion) as a prefix minimum in
 * shifts of 1, 2 and 4 (and 8 when the band is wider than 8 cells); then the
 * budget, which also puts the cells outside 0 <= j <= n or past 2k at k + 1.
 * Before the budget no cell needs capping: a cell left of the band's valid
 * part (j < 0) comes from such cells, k + 1 or more, and one right of it
 * passes its value only further right. Returns whether some cell is within
 * the budget. */
static int band_next(walk *w, size_t d, unsigned c, fm_gz_edge e)
{
    const __m128i one = _mm_set1_epi8(1), cap = _mm_set1_epi8((char)(w->k + 1));
    /* the keys below are mn .. mx bytes long (mx >= n - k, mn <= n + k: the
     * caller's length test): lenlim's entry for them */
    const int nk = (int)w->n + w->k, k2 = 2 * w->k;
    int x = nk - (int)FM_GZ_EDGE_MAX_LEN(e), y = nk - (int)FM_GZ_EDGE_MIN_LEN(e);
    x = x < 0 ? 0 : x > k2 ? k2 : x;
    y = y < 0 ? 0 : y > k2 ? k2 : y;
    const __m128i ff = _mm_set1_epi8(-1);
    const __m128i up = _mm_load_si128((const __m128i *)ROW(w, d - 1));
    /* lane t: q[j - 1] and q[j - 2], j = d - k + t */
    const unsigned char *qj = w->qpad + QPAD + d - (size_t)w->k - 1;
    const __m128i q1 = _mm_loadu_si128((const __m128i *)qj);
    const __m128i cv = _mm_set1_epi8((char)c);
    const __m128i eq = _mm_cmpeq_epi8(q1, cv);
    /* budget + 1 at the cells of the band, 0 elsewhere: a cell of v at or
     * above it is over */
    const __m128i lim = _mm_min_epu8(
        _mm_and_si128(_mm_loadu_si128((const __m128i *)(w->lim1 + QPAD + d - (size_t)w->k)),
                      w->bandmask),
        _mm_load_si128(&w->lenlim[x * (k2 + 1) + y]));
    const __m128i reach = _mm_loadu_si128((const __m128i *)(w->reach + QPAD + d - (size_t)w->k));
    __m128i v, over;
    v = _mm_adds_epu8(up, _mm_andnot_si128(eq, one));
    v = _mm_min_epu8(v, _mm_adds_epu8(_mm_srli_si128(up, 1), one)); /* lane 15 is past 2k */
    if (d >= 2) {
        const __m128i q2 = _mm_loadu_si128((const __m128i *)(qj - 1));
        const __m128i sw = _mm_and_si128(_mm_cmpeq_epi8(q2, cv),
                                         _mm_cmpeq_epi8(q1, _mm_set1_epi8((char)w->path[d - 2])));
        const __m128i up2 = _mm_load_si128((const __m128i *)ROW(w, d - 2));
        v = _mm_min_epu8(v, _mm_or_si128(_mm_adds_epu8(up2, one), _mm_andnot_si128(sw, ff)));
    }
    /* insertions: v[t] = min(v[t], v[t - s] + s), s = 1, 2, 4 (, 8) */
    v = _mm_min_epu8(v, _mm_adds_epu8(_mm_or_si128(_mm_slli_si128(v, 1), _mm_srli_si128(ff, 15)), one));
    v = _mm_min_epu8(v, _mm_adds_epu8(_mm_or_si128(_mm_slli_si128(v, 2), _mm_srli_si128(ff, 14)), _mm_set1_epi8(2)));
    v = _mm_min_epu8(v, _mm_adds_epu8(_mm_or_si128(_mm_slli_si128(v, 4), _mm_srli_si128(ff, 12)), _mm_set1_epi8(4)));
    if (w->k > 3)
        v = _mm_min_epu8(v, _mm_adds_epu8(_mm_or_si128(_mm_slli_si128(v, 8), _mm_srli_si128(ff, 8)), _mm_set1_epi8(8)));
    /* the budget: a cell at or over lim is k + 1 */
    over = _mm_cmpeq_epi8(_mm_max_epu8(v, lim), v);
    v = _mm_or_si128(_mm_and_si128(over, cap), _mm_andnot_si128(over, v));
    _mm_store_si128((__m128i *)ROW(w, d), v);
    /* a non-matching child can live when some cell is below its reach */
    w->free_row[d] = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, reach), v)) != 0xffff;
    /* every cell is now k + 1 or within its budget */
    return _mm_movemask_epi8(over) != 0xffff;
}
#else
/* The same, one cell at a time. */
static int band_next(walk *w, size_t d, unsigned c, fm_gz_edge e)
{
    const unsigned cap = (unsigned)w->k + 1;
    const long nk = (long)w->n + w->k, x = nk - (long)FM_GZ_EDGE_MAX_LEN(e),
               y = nk - (long)FM_GZ_EDGE_MIN_LEN(e);
    const uint8_t *up = ROW(w, d - 1), *up2 = d >= 2 ? ROW(w, d - 2) : NULL;
    const unsigned char *qj = w->qpad + QPAD + d - (size_t)w->k - 1;
    long lo = (long)w->k - (long)d, hi = (long)w->n + (long)w->k - (long)d, t;
    uint8_t *cur = ROW(w, d);
    unsigned left = cap;
    if (hi > 2 * (long)w->k)
        hi = 2 * (long)w->k;
    for (t = 0; t < BAND; t++) {
        unsigned v = cap;
        if (t >= lo && t <= hi) {
            v = up[t] + (qj[t] != c);
            if (t + 1 < BAND && up[t + 1] + 1u < v)
                v = up[t + 1] + 1u;
            if (left + 1 < v)
                v = left + 1;
            if (up2 && qj[t - 1] == c && qj[t] == w->path[d - 2] && up2[t] + 1u < v)
                v = up2[t] + 1u;
            if (v > cap)
                v = cap;
            /* as long as the keys below allow (see the SSE2 version) */
            if (v + (unsigned)(x - t > 0 ? x - t : t - y > 0 ? t - y : 0) > (unsigned)w->k)
                v = cap;
        }
        cur[t] = (uint8_t)v;
        left = v;
    }
    row_finish(w, d, cur);
    return w->rowmin[d] <= (unsigned)w->k;
}
#endif

static void add_cand(walk *w, uint32_t u)
{
    fm_gazetteer *gz = w->gz;
    if (gz->fz_n >= gz->fz_cap) {
        size_t cap = gz->fz_cap ? 2 * gz->fz_cap : 64;
        uint32_t *p = realloc(gz->fz_cands, cap * sizeof *p);
        if (!p) {
            w->oom = 1;
            return;
        }
        gz->fz_cands = p, gz->fz_cap = cap;
    }
    gz->fz_cands[gz->fz_n++] = u;
}

/* Asks for the cache line of node i's children while its row is computed:
 * the walk is otherwise bound by waiting for each node's children (the
 * tries are tens of megabytes, read in no order a cache can guess). */
static void prefetch_children(const walk *w, uint32_t i)
{
#if defined(__GNUC__)
    const fm_gz_node *nd = &w->nodes[i];
    if (FM_GZ_NODE_NCHILD(nd) && nd->child < w->nnodes)
        __builtin_prefetch(&w->nodes[nd->child]);
#else
    (void)w, (void)i;
#endif
}

/* Visits node (at depth d, its row computed and within budget) and the
 * subtree below it. */
static void visit(walk *w, uint32_t node, size_t d)
{
    const fm_gz_node *nd = &w->nodes[node];
    uint32_t i, end, key = FM_GZ_NODE_KEY(nd), nchild = FM_GZ_NODE_NCHILD(nd);
    uint64_t band;
    /* the whole query within k: the last cell of the row, if in its band */
    if (key && key <= w->gz->nukeys && d + (size_t)w->k >= w->n && w->n + (size_t)w->k >= d &&
        ROW(w, d)[w->n + (size_t)w->k - d] <= w->k)
        add_cand(w, key - 1);
    /* a row past depth n + k is past the limit everywhere (that is short of
     * FM_GZ_MAX_KEY); a damaged index ends the walk here */
    if (d >= w->n + (size_t)w->k || (uint64_t)nd->child + nchild > w->nnodes)
        return;
    /* a child whose byte matches no query byte near the diagonal gets each
     * cell from a neighbour + 1: over budget everywhere unless free_row says
     * otherwise; band[d] holds the positions of q whose bytes can match */
    end = nd->child + nchild;
    if (w->free_row[d]) { /* any byte may do: the lengths decide */
        for (i = nd->child; i < end; i++) {
            fm_gz_edge e = w->nodes[i].edge;
            if (FM_GZ_EDGE_MIN_LEN(e) > w->max_len || FM_GZ_EDGE_MAX_LEN(e) < w->min_len)
                continue;
            prefetch_children(w, i);
            w->path[d] = (unsigned char)FM_GZ_EDGE_LABEL(e);
            if (band_next(w, d + 1, FM_GZ_EDGE_LABEL(e), e))
                visit(w, i, d + 1);
        }
        return;
    }
    if (!(nd->labels & FM_GZ_LABELS_OTHER)) {
        /* children labelled by letters only: straight to those the band holds;
         * a letter's child is the number of letters before it (byte order) */
        uint32_t want = nd->labels & w->letters[d];
        for (; want; want &= want - 1) {
            uint32_t below = (want & -want) - 1;
            fm_gz_edge e;
            i = nd->child + count_bits(nd->labels & below);
            if (i >= end) /* a damaged index */
                return;
            e = w->nodes[i].edge;
            if (FM_GZ_EDGE_MIN_LEN(e) > w->max_len || FM_GZ_EDGE_MAX_LEN(e) < w->min_len)
                continue;
            prefetch_children(w, i);
            w->path[d] = (unsigned char)FM_GZ_EDGE_LABEL(e);
            if (band_next(w, d + 1, FM_GZ_EDGE_LABEL(e), e))
                visit(w, i, d + 1);
        }
        return;
    }
    band = w->band[d];
    for (i = nd->child; i < end; i++) {
        fm_gz_edge e = w->nodes[i].edge;
        unsigned b = FM_GZ_EDGE_LABEL(e);
        if (!(w->peq[b] & band) || FM_GZ_EDGE_MIN_LEN(e) > w->max_len ||
            FM_GZ_EDGE_MAX_LEN(e) < w->min_len)
            continue; /* no key below within the limit */
        prefetch_children(w, i);
        w->path[d] = (unsigned char)b;
        if (band_next(w, d + 1, b, e))
            visit(w, i, d + 1);
    }
}

/* The walk of q (n bytes) down trie with budget lo over its first cut bytes
 * and k beyond; returns nonzero when out of memory. */
static int walk_staged(fm_gazetteer *gz, int trie, const unsigned char *q, size_t n, int k,
                       int lo, size_t cut)
{
    walk w;
    walk_init(&w, gz, trie, q, n, k, lo, cut);
    row_zero(&w);
    if (w.nnodes && w.rowmin[0] <= k)
        visit(&w, 0, 0);
    return w.oom;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The fuzzy search down the tries set + 0 (the keys) and set + 1 (reversed). */
static size_t find_fuzzy(const fm_gazetteer *cgz, const char *key, int max_edits, int set,
                         fm_gazetteer_hit *hits, size_t max)
{
    /* the scratch is allocated on first use: the object is otherwise
     * read-only, and documented as not for two threads at once */
    fm_gazetteer *gz = (fm_gazetteer *)cgz;
    char joined[FM_GZ_MAX_KEY + 1];
    unsigned char rev[FM_GZ_MAX_KEY + 1];
    size_t len, i, m, n = 0;
    int bad;
    if (!gz || !key || !gz->nukeys || max_edits < 0 || !(len = fm_gz_join_key(key, joined)))
        return 0;
    if (!gz->ntrie[set] || !gz->ntrie[set + 1] || len > FM_GZ_MAX_QUERY ||
        max_edits > MAX_BAND_K) /* the reference scan */
        return fm_gz_find_fuzzy_linear(gz, key, max_edits, set == FM_GZ_TRIE_IMPORTANT, hits, max);
    if (!gz->fz_rows) {
        if (!(gz->fz_rows = aligned_alloc(16, SCRATCH_BYTES)))
            return 0;
        lenlim_fill(gz->fz_rows);
        memset(gz->fz_peq, 0, sizeof gz->fz_peq); /* kept zero between searches */
    }
    for (i = 0; i < len; i++)
        rev[i] = (unsigned char)joined[len - 1 - i];
    m = len / 2;
    gz->fz_n = 0;
    /* an alignment within k costs h up to the point where it leaves the
     * first m bytes of the query, and t after it, h + t <= k: either h <= k / 2
     * (down the keys, at most k / 2 over the first m bytes) or t <= (k - 1) / 2
     * (down the reversed keys, the reversed query, at most (k - 1) / 2 over
     * its first len - m - 1 bytes) */
    bad = walk_staged(gz, set, (const unsigned char *)joined, len, max_edits, max_edits / 2, m);
    if (!bad && max_edits > 0)
        bad = walk_staged(gz, set + 1, rev, len, max_edits, (max_edits - 1) / 2, len - m - 1);
    if (bad)
        return 0;
    if (gz->fz_n > 1)
        qsort(gz->fz_cands, gz->fz_n, sizeof *gz->fz_cands, cmp_u32);
    peq_set(gz->fz_peq, (const unsigned char *)joined, len); /* 1 <= len <= 64 here */
    for (i = 0; i < gz->fz_n; i++) {
        uint32_t u = gz->fz_cands[i];
        int d;
        if (i && u == gz->fz_cands[i - 1])
            continue;
        d = osa_bits(gz->fz_peq, len, (const unsigned char *)gz->keys + gz->ukeys[u].off,
                     gz->ukeys[u].len, max_edits);
        if (d <= max_edits)
            n = fm_gz_emit_hits(gz, u, d, hits, max, n);
    }
    peq_clear(gz->fz_peq, (const unsigned char *)joined, len);
    return n;
}

size_t fm_gazetteer_find_fuzzy(const fm_gazetteer *gz, const char *key, int max_edits,
                               fm_gazetteer_hit *hits, size_t max)
{
    return find_fuzzy(gz, key, max_edits, FM_GZ_TRIE_ALL, hits, max);
}

size_t fm_gazetteer_find_fuzzy_important(const fm_gazetteer *gz, const char *key, int max_edits,
                                         fm_gazetteer_hit *hits, size_t max)
{
    return find_fuzzy(gz, key, max_edits, FM_GZ_TRIE_IMPORTANT, hits, max);
}
