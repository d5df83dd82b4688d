/* query.c: incidents matching a filter. Time, type, actor, fatality and
 * border filters go to SQLite; place filters go through the R*Tree with a box
 * that surely holds the geodesic circle, then the exact ellipsoidal distance
 * decides. A cheap local distance with a safe margin settles the clear cases
 * so the exact (Karney) computation runs only near the circle's edge. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

void fm_filter_init(fm_filter *f)
{
    memset(f, 0, sizeof *f);
    f->since = f->until = FM_DAY_NONE;
    f->min_fatalities = -1;
    f->near_border_m = -1;
    f->lon = f->lat = NAN;
}

int fm_filter_span_limit(const fm_filter *f)
{
    if (f->since == FM_DAY_NONE || f->until == FM_DAY_NONE || f->until < f->since)
        return -1;
    return (int)(f->until - f->since + 1);
}

int fm_loc_mask_coarse(unsigned mask)
{
    return mask && (mask & FM_LOC_ALL) && !(mask & FM_LOC_ALL & ~FM_LOC_COARSE);
}

int fm_loc_mask_has(unsigned mask, int loc_class)
{
    return !mask || (loc_class >= FM_LOC_EXACT && loc_class <= FM_LOC_NONE &&
                     (mask & FM_LOC_BIT(loc_class)));
}

/* ---- the circle test ------------------------------------------------------ */

typedef struct {
    double lon, lat, r, margin;
    int fast; /* the local approximation is trusted (small radius, not polar) */
} circle;

static void circle_init(circle *c, const fm_filter *f)
{
    c->lon = f->lon;
    c->lat = f->lat;
    c->r = f->radius_m;
    c->margin = 0.003 * f->radius_m + 10;
    c->fast = f->radius_m <= 200000 && fabs(f->lat) < 75;
}


/* -1 surely outside, 1 surely inside, 0 ask the exact distance. */
static int circle_quick(const circle *c, double lon, double lat)
{
    double d;
    if (!c->fast)
        return 0;
    d = fm_geod_approx_m(c->lon, c->lat, lon, lat); /* within 0.05%: see c->fast */
    return d < c->r - c->margin ? 1 : d > c->r + c->margin ? -1 : 0;
}

static int circle_exact(const circle *c, double lon, double lat, double *dist, double *azi)
{
    *dist = fm_geod_inverse(c->lon, c->lat, lon, lat, azi);
    return *dist <= c->r;
}

/* ---- SQL building --------------------------------------------------------- */

typedef struct {
    fm_buf sql;
    int nbind;
    struct { int kind; double d; const char *s; } binds[32];
    fm_buf names; /* canonical province and district of the filter, bound by pointer */
} qbuild;

static void add_d(qbuild *q, double d)
{
    q->binds[q->nbind].kind = 0;
    q->binds[q->nbind++].d = d;
}

static void add_s(qbuild *q, const char *s)
{
    q->binds[q->nbind].kind = 1;
    q->binds[q->nbind++].s = s;
}

static void box_clause(fm_ctx *ctx, qbuild *q, double w, double s, double e, double n)
{
    if (w <= e) {
        fm_buf_puts(ctx, &q->sql, " AND fid IN (SELECT id FROM rtree_incidents_geom WHERE"
                                  " maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?)");
        add_d(q, w), add_d(q, e), add_d(q, s), add_d(q, n);
        return;
    }
    fm_buf_puts(ctx, &q->sql, " AND fid IN (SELECT id FROM rtree_incidents_geom WHERE"
                              " (maxx >= ? OR minx <= ?) AND maxy >= ? AND miny <= ?)");
    add_d(q, w), add_d(q, e), add_d(q, s), add_d(q, n);
}

/* ---- date ranges ---------------------------------------------------------- */

/* What the store says about its dates: the first and last date_start (through
 * incidents_date) and the longest span of a multi-day incident (through the
 * partial index incidents_multiday; -1 when a store opened read-only predates
 * it). All three are index lookups, not scans. */
typedef struct {
    fm_day first, last;
    int span;
} date_stats;

static int read_date_stats(fm_store *st, int with_span, date_stats *d)
{
    static const char *const sql[2] = {
        "SELECT (SELECT min(date_start) FROM incidents), (SELECT max(date_start) FROM incidents)",
        "SELECT (SELECT min(date_start) FROM incidents), (SELECT max(date_start) FROM incidents),"
        " (SELECT coalesce(max(julianday(date_end) - julianday(date_start)), 0) FROM incidents"
        " INDEXED BY incidents_multiday WHERE date_end > date_start)"};
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_prepare_v2(st->db, sql[with_span], -1, &s, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        d->first = fm_day_from_iso((const char *)sqlite3_column_text(s, 0));
        d->last = fm_day_from_iso((const char *)sqlite3_column_text(s, 1));
        d->span = with_span ? (int)ceil(sqlite3_column_double(s, 2)) : -1;
        ok = 1;
    }
    sqlite3_finalize(s);
    return ok;
}

/* The date clauses: an incident is in the period when its date_start is
 * (docs/DESIGN.md "Time"), so a series of periods counts each incident once.
 * When the range read from incidents_date is much of the store the clause is
 * written so SQLite scans the table instead: a scan reads each page once, an
 * index range over most of a big table visits rows in random order and is
 * several times slower. Then the span of days against a bounded period. */
static void date_clauses(fm_ctx *ctx, fm_store *st, qbuild *q, const fm_filter *f,
                         char days[3][11])
{
    date_stats d = {FM_DAY_NONE, FM_DAY_NONE, -1};
    fm_day lo, hi;
    const char *col = "+date_start";
    int limit = fm_filter_span_limit(f);
    if (f->spans == FM_SPANS_LONGER && limit < 0)
        fm_buf_puts(ctx, &q->sql, " AND 0"); /* an open period: nothing is longer */
    if (f->since == FM_DAY_NONE && f->until == FM_DAY_NONE)
        return;
    if (read_date_stats(st, 0, &d) && d.first != FM_DAY_NONE && d.last != FM_DAY_NONE) {
        lo = f->since == FM_DAY_NONE || f->since < d.first ? d.first : f->since;
        hi = f->until == FM_DAY_NONE || f->until > d.last ? d.last : f->until;
        if (hi < lo || (double)(hi - lo + 1) <= 0.2 * (double)(d.last - d.first + 1))
            col = "date_start";
    }
    if (f->since != FM_DAY_NONE) {
        fm_day_format(f->since, days[0]);
        fm_buf_printf(ctx, &q->sql, " AND %s >= ?", col);
        add_s(q, days[0]);
    }
    if (f->until != FM_DAY_NONE) {
        fm_day_format(f->until, days[1]);
        fm_buf_printf(ctx, &q->sql, " AND %s <= ?", col);
        add_s(q, days[1]);
    }
    if (limit >= 0 && f->spans != FM_SPANS_ALL) {
        fm_buf_printf(ctx, &q->sql, " AND julianday(coalesce(date_end, date_start)) -"
                                    " julianday(date_start) + 1 %s ?",
                      f->spans == FM_SPANS_LONGER ? ">" : "<=");
        add_d(q, limit);
    }
}

/* The location classes of f->loc_mask as an SQL condition (rows written by
 * other programs, without a class, count as exact when they have a point). */
static void loc_clause(fm_ctx *ctx, qbuild *q, unsigned mask)
{
    const char *sep = "";
    if (!mask || (mask & FM_LOC_ALL) == FM_LOC_ALL)
        return;
    if (fm_loc_mask_coarse(mask)) { /* the terms of incidents_coarse, to use it */
        fm_buf_puts(ctx, &q->sql, " AND loc_precision IN ('country', 'none')");
        if (mask != FM_LOC_COARSE)
            fm_buf_printf(ctx, &q->sql, " AND loc_precision = '%s'",
                          mask & FM_LOC_BIT(FM_LOC_NONE) ? "none" : "country");
        return;
    }
    fm_buf_puts(ctx, &q->sql, " AND coalesce(loc_precision, CASE WHEN geom IS NULL THEN 'none'"
                              " ELSE 'exact' END) IN (");
    for (int c = FM_LOC_EXACT; c <= FM_LOC_NONE; c++)
        if (mask & FM_LOC_BIT(c)) {
            fm_buf_printf(ctx, &q->sql, "%s'%s'", sep, fm_loc_class_name(c));
            sep = ", ";
        }
    fm_buf_puts(ctx, &q->sql, *sep ? ")" : "NULL)");
}

/* Whether the store has incidents_coarse (an older one opened read-only may
 * not: its queries then scan). */
static int has_coarse_index(sqlite3 *db)
{
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND"
                               " name = 'incidents_coarse'", -1, &s, NULL) != SQLITE_OK)
        return 0;
    ok = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return ok;
}

/* Country (every way sources write Pakistan and Afghanistan), province and
 * district. Stored names are canonical (data/normalise.c): the filter's are
 * made canonical the same way ("kpk", "FATA" -> Khyber Pakhtunkhwa), and
 * the source's own spelling matches too. */
static fm_status admin_clauses(fm_ctx *ctx, qbuild *q, const fm_filter *f)
{
    const char *cc = f->country && *f->country ? fm_country_code(f->country) : NULL;
    const char *a1 = f->admin1 && *f->admin1 ? f->admin1 : NULL;
    const char *a2 = f->admin2 && *f->admin2 ? f->admin2 : NULL;
    fm_admin_names *an;
    fm_admin_canon c;
    fm_status st;
    if (cc && *cc) {
        fm_buf_puts(ctx, &q->sql, !strcmp(cc, "PK")
                                      ? " AND lower(country) IN ('pakistan', 'pk', 'pak',"
                                        " 'islamic republic of pakistan')"
                                      : " AND lower(country) IN ('afghanistan', 'af', 'afg',"
                                        " 'islamic emirate of afghanistan',"
                                        " 'islamic republic of afghanistan')");
    } else if (cc) {
        fm_buf_puts(ctx, &q->sql, " AND country = ? COLLATE NOCASE");
        add_s(q, f->country);
    }
    if (!a1 && !a2)
        return FM_OK;
    /* the canonical names go into q->names whole before any is bound:
     * the buffer must not move under a bound pointer */
    if (!(an = fm_admin_names_create(ctx)))
        return FM_ENOMEM;
    if ((st = fm_admin_names_canon(ctx, an, f->country, a1, a2, &c)) ||
        (st = fm_buf_append(ctx, &q->names, c.admin1, strlen(c.admin1) + 1)) ||
        (st = fm_buf_append(ctx, &q->names, c.admin2, strlen(c.admin2) + 1))) {
        fm_admin_names_destroy(an);
        return st;
    }
    fm_admin_names_destroy(an);
    if (a1) {
        fm_buf_puts(ctx, &q->sql, " AND (admin1 = ? COLLATE NOCASE OR admin1_src = ? COLLATE"
                                  " NOCASE)");
        add_s(q, q->names.data), add_s(q, a1);
    }
    if (a2) {
        fm_buf_puts(ctx, &q->sql, " AND (admin2 = ? COLLATE NOCASE OR admin2_src = ? COLLATE"
                                  " NOCASE)");
        add_s(q, q->names.data + strlen(q->names.data) + 1), add_s(q, a2);
    }
    return FM_OK;
}

static fm_status where_clauses(fm_ctx *ctx, fm_store *st, qbuild *q, const fm_filter *f,
                               char days[3][11])
{
    fm_status err;
    date_clauses(ctx, st, q, f, days);
    loc_clause(ctx, q, f->loc_mask);
    if (f->type && *f->type) {
        fm_buf_puts(ctx, &q->sql, " AND (instr(lower(event_type), lower(?)) > 0 OR"
                                  " instr(lower(sub_event_type), lower(?)) > 0 OR"
                                  " instr(lower(violence_type), lower(?)) > 0)");
        add_s(q, f->type), add_s(q, f->type), add_s(q, f->type);
    }
    if (f->actor && *f->actor) {
        fm_buf_puts(ctx, &q->sql, " AND (instr(lower(actor1), lower(?)) > 0 OR"
                                  " instr(lower(actor2), lower(?)) > 0)");
        add_s(q, f->actor), add_s(q, f->actor);
    }
    if (f->min_fatalities >= 0) {
        fm_buf_puts(ctx, &q->sql, " AND fatalities >= ?");
        add_d(q, f->min_fatalities);
    }
    if (f->near_border_m >= 0) {
        fm_buf_puts(ctx, &q->sql, " AND border_km <= ?");
        add_d(q, f->near_border_m / 1000);
    }
    if (f->side) {
        fm_buf_puts(ctx, &q->sql, " AND border_side = ?");
        add_s(q, f->side);
    }
    if ((err = admin_clauses(ctx, q, f)))
        return err;
    /* the few coarse rows come through their index; their place is tested in
     * C (fm_query_place_ok), not against an R*Tree box of many thousands */
    if (fm_loc_mask_coarse(f->loc_mask) && has_coarse_index(st->db))
        return FM_OK;
    if (f->has_bbox)
        box_clause(ctx, q, f->west, f->south, f->east, f->north);
    if (f->has_near) {
        double w, s, e, n;
        fm_geod_bbox(f->lon, f->lat, f->radius_m, &w, &s, &e, &n);
        box_clause(ctx, q, w, s, e, n);
    }
    return FM_OK;
}

static fm_status prepare_query(fm_ctx *ctx, fm_store *st, qbuild *q, sqlite3_stmt **out)
{
    fm_status err = fm_buf_check(ctx, &q->sql);
    if (err)
        return err;
    if (sqlite3_prepare_v2(st->db, fm_buf_str(&q->sql), -1, out, NULL) != SQLITE_OK)
        return fm_sql_error(ctx, st->db, "cannot query the store");
    for (int i = 0; i < q->nbind; i++) {
        if (q->binds[i].kind)
            sqlite3_bind_text(*out, i + 1, q->binds[i].s, -1, SQLITE_STATIC);
        else
            sqlite3_bind_double(*out, i + 1, q->binds[i].d);
    }
    return FM_OK;
}

static fm_status check_filter(fm_ctx *ctx, const fm_filter *f)
{
    if (f->has_near && (!isfinite(f->lon) || !isfinite(f->lat) || fabs(f->lat) > 90 ||
                        !(f->radius_m >= 0) || f->radius_m > FM_GEOD_MAX_M))
        return fm_error(ctx, FM_EINVAL, "invalid centre or radius for a distance filter");
    return FM_OK;
}

/* Whether a stored point passes the place filters; distance/bearing out. */
static int place_ok(const fm_filter *f, const circle *c, double lon, double lat, double *dist,
                    double *azi)
{
    *dist = *azi = NAN;
    if ((f->has_bbox || f->has_near) && !(isfinite(lon) && isfinite(lat)))
        return 0; /* an unlocated incident is in no place */
    if (f->within && !fm_geom_contains(f->within, lon, lat))
        return 0;
    if (f->has_bbox && (lat < f->south || lat > f->north ||
                        (f->west <= f->east ? (lon < f->west || lon > f->east)
                                            : (lon < f->west && lon > f->east))))
        return 0;
    if (!f->has_near)
        return 1;
    if (circle_quick(c, lon, lat) < 0)
        return 0;
    return circle_exact(c, lon, lat, dist, azi);
}

/* ---- count ---------------------------------------------------------------- */

static int only_place(const fm_filter *f)
{
    return f->since == FM_DAY_NONE && f->until == FM_DAY_NONE && f->spans != FM_SPANS_LONGER &&
           !(f->type && *f->type) &&
           !(f->actor && *f->actor) && f->min_fatalities < 0 && f->near_border_m < 0 &&
           !f->side && !f->has_bbox && !f->within && !(f->country && *f->country) &&
           !(f->admin1 && *f->admin1) && !(f->admin2 && *f->admin2);
}

static int cmp_fid(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* The fids of the rows of the coarse classes in mask, sorted, from
 * incidents_coarse; their number, or -1 (then each row is asked). */
static int64_t coarse_fids(sqlite3 *db, unsigned mask, int64_t **out)
{
    sqlite3_stmt *s;
    size_t n = 0, cap = 0;
    int64_t *v = NULL;
    int ok = 1;
    const char *sql =
        mask == FM_LOC_COARSE
            ? "SELECT fid FROM incidents INDEXED BY incidents_coarse WHERE loc_precision IN"
              " ('country', 'none') ORDER BY fid"
        : mask & FM_LOC_BIT(FM_LOC_NONE)
            ? "SELECT fid FROM incidents INDEXED BY incidents_coarse WHERE loc_precision IN"
              " ('country', 'none') AND loc_precision = 'none' ORDER BY fid"
            : "SELECT fid FROM incidents INDEXED BY incidents_coarse WHERE loc_precision IN"
              " ('country', 'none') AND loc_precision = 'country' ORDER BY fid";
    *out = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return -1;
    while (ok && sqlite3_step(s) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *g = realloc(v, (cap = cap ? 2 * cap : 256) * sizeof *v);
            if (!g) {
                ok = 0;
                break;
            }
            v = g;
        }
        v[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (!ok) {
        free(v);
        return -1;
    }
    *out = v;
    return (int64_t)n;
}

/* Whether row fid's location class is in mask (a row without one counts as
 * exact: it is in the R*Tree, so it has a point). */
static int class_ok(sqlite3 *db, sqlite3_stmt **cls, int64_t fid, unsigned mask)
{
    int ok = 0;
    if (!*cls && sqlite3_prepare_v2(db, "SELECT loc_precision FROM incidents WHERE fid = ?", -1,
                                    cls, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(*cls, 1, fid);
    if (sqlite3_step(*cls) == SQLITE_ROW) {
        int c = fm_loc_class_parse((const char *)sqlite3_column_text(*cls, 0));
        ok = fm_loc_mask_has(mask, c < 0 ? FM_LOC_EXACT : c);
    }
    sqlite3_reset(*cls);
    return ok;
}

/* How far (m) any point of the R*Tree box can be from its centre: half its
 * diagonal at 111.7 km a degree, more than a degree of latitude (111.69 km at
 * most) or of longitude (111.32 km at most) spans anywhere on WGS84. */
static double box_reach_m(double minx, double maxx, double miny, double maxy)
{
    double dx = (maxx - minx) / 2, dy = (maxy - miny) / 2;
    return 111700 * sqrt(dx * dx + dy * dy);
}

/* Whether a stored point whose R*Tree box has centre (lon, lat) and reach
 * hd (m) is in the circle: 1 in, -1 out, 0 only its stored geometry can
 * say. The boxes are the points rounded outward to floats (about a metre),
 * so the cheap distance decides all but a ring a few tens of metres wide
 * (twice its 0.05% bound, plus the reach); in it the exact distance to the centre
 * decides, since the point is within hd of it, unless the edge passes within
 * hd of the centre too: a handful of points in a million. */
static int circle_box(const circle *c, double lon, double lat, double hd)
{
    double d, azi, slack = 0.001 * c->r + hd + 1;
    if (c->fast) {
        d = fm_geod_approx_m(c->lon, c->lat, lon, lat);
        if (d < c->r - slack)
            return 1;
        if (d > c->r + slack)
            return -1;
    }
    if (hd > 10) /* not a point's box (a geometry written by another program) */
        return 0;
    d = fm_geod_inverse(c->lon, c->lat, lon, lat, &azi);
    return d < c->r - hd - 1e-3 ? 1 : d > c->r + hd + 1e-3 ? -1 : 0;
}

typedef struct {
    fm_store *st;
    const fm_filter *f;
    circle c;
    sqlite3_stmt *geom, *cls;
    const int64_t *out; /* the fids left out, sorted (nout >= 0), else NULL */
    int64_t nout, n;
    int restrict_loc;
} rtree_count;

/* One entry of the R*Tree box: in the circle (decided by its box, else by
 * its stored point) and of a class the filter keeps. */
static fm_status count_entry(void *user, int64_t id, const float b[4])
{
    rtree_count *j = user;
    double lon = ((double)b[0] + b[1]) / 2, lat = ((double)b[2] + b[3]) / 2, dist, azi;
    int k = circle_box(&j->c, lon, lat, box_reach_m(b[0], b[1], b[2], b[3]));
    if (k == 0) {
        sqlite3_bind_int64(j->geom, 1, id);
        if (sqlite3_step(j->geom) == SQLITE_ROW &&
            fm_blob_point(sqlite3_column_blob(j->geom, 0), sqlite3_column_bytes(j->geom, 0),
                          &lon, &lat))
            k = circle_exact(&j->c, lon, lat, &dist, &azi) ? 1 : -1;
        sqlite3_reset(j->geom);
    }
    if (k > 0 && j->nout >= 0)
        k = j->nout == 0 || !bsearch(&id, j->out, (size_t)j->nout, sizeof *j->out, cmp_fid);
    else if (k > 0 && j->restrict_loc)
        k = class_ok(j->st->db, &j->cls, id, j->f->loc_mask);
    j->n += k > 0;
    return FM_OK;
}

/* The R*Tree alone answers nearly every point (its boxes hold each point
 * within a float's rounding); only points within about a metre of the edge
 * read their exact geometry. The nodes are read directly (rtree_read.c). */
static fm_status count_rtree(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n)
{
    rtree_count j;
    double w, so, e, no;
    int64_t *out = NULL;
    int own_txn;
    fm_status err = FM_OK;
    memset(&j, 0, sizeof j);
    j.st = st, j.f = f, j.nout = -1;
    j.restrict_loc = f->loc_mask && (f->loc_mask & FM_LOC_ALL) != FM_LOC_ALL;
    circle_init(&j.c, f);
    /* one read transaction for the whole count: one snapshot of the tree
     * and the table, and SQLite's locks taken once, not at every node */
    own_txn = sqlite3_get_autocommit(st->db);
    if (own_txn && (err = fm_sql_exec(ctx, st->db, "BEGIN")))
        return err;
    /* the default classes leave out only the few coarse rows: their fids */
    if (j.restrict_loc && fm_loc_mask_coarse(FM_LOC_ALL & ~f->loc_mask) &&
        has_coarse_index(st->db))
        j.nout = coarse_fids(st->db, FM_LOC_ALL & ~f->loc_mask, &out);
    j.out = out;
    fm_geod_bbox(f->lon, f->lat, f->radius_m, &w, &so, &e, &no);
    *n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT geom FROM incidents WHERE fid = ?", -1, &j.geom,
                           NULL) != SQLITE_OK)
        err = fm_sql_error(ctx, st->db, "cannot query the store");
    else
        err = fm_rtree_scan(ctx, st->db, "rtree_incidents_geom", w, so, e, no, count_entry, &j);
    if (!err)
        *n = j.n;
    sqlite3_finalize(j.geom);
    sqlite3_finalize(j.cls);
    free(out);
    if (own_txn)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL); /* it only read */
    return err;
}

typedef struct {
    const fm_filter *f;
    circle c;
    int64_t n;
} count_job;

static fm_status count_point(void *user, int64_t fid, double lon, double lat, int fatalities,
                             int geo_precision, const char *source)
{
    count_job *j = user;
    double d, a;
    (void)fid, (void)fatalities, (void)geo_precision, (void)source;
    j->n += place_ok(j->f, &j->c, lon, lat, &d, &a);
    return FM_OK;
}

/* A place count that also asks for location classes, which the R*Tree does
 * not know: the packed points carry them, and one pass over them (tens of
 * milliseconds for a million) beats looking up each row in the circle. */
static fm_status count_cached(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n)
{
    count_job j;
    fm_status err;
    j.f = f;
    j.n = 0;
    circle_init(&j.c, f);
    err = fm_pointcache_scan(ctx, st->db, f, count_point, &j);
    *n = err ? 0 : j.n;
    return err;
}

fm_status fm_gpkg_count(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n)
{
    qbuild q;
    sqlite3_stmt *s = NULL;
    char days[3][11];
    circle c;
    int rc;
    fm_status err;
    *n = 0;
    if ((err = check_filter(ctx, f)))
        return err;
    if (f->has_near && only_place(f) && f->loc_mask &&
        (f->loc_mask & FM_LOC_ALL) != FM_LOC_ALL &&
        !(fm_loc_mask_coarse(FM_LOC_ALL & ~f->loc_mask) && has_coarse_index(st->db)) &&
        fm_pointcache_usable(st->db, f))
        return count_cached(ctx, st, f, n);
    if (f->has_near && only_place(f))
        return count_rtree(ctx, st, f, n);
    memset(&q, 0, sizeof q);
    circle_init(&c, f);
    fm_buf_puts(ctx, &q.sql, f->has_near || f->has_bbox || f->within
                                 ? "SELECT geom FROM incidents WHERE 1"
                                                        : "SELECT count(*) FROM incidents WHERE 1");
    if ((err = where_clauses(ctx, st, &q, f, days)) || (err = prepare_query(ctx, st, &q, &s)))
        goto done;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        double lon, lat, d, a;
        if (!f->has_near && !f->has_bbox && !f->within) {
            *n = sqlite3_column_int64(s, 0);
            continue;
        }
        if (fm_blob_point(sqlite3_column_blob(s, 0), sqlite3_column_bytes(s, 0), &lon, &lat) &&
            place_ok(f, &c, lon, lat, &d, &a))
            (*n)++;
    }
    if (rc != SQLITE_DONE)
        err = fm_sql_error(ctx, st->db, "cannot query the store");
done:
    sqlite3_finalize(s);
    fm_buf_free(&q.sql);
    fm_buf_free(&q.names);
    return err;
}

/* ---- a prepared row query, for results.c ------------------------------------ */

struct fm_query {
    qbuild q;
    sqlite3_stmt *s;
    circle c;
    fm_filter f;
    char days[3][11];
};

fm_status fm_query_prepare(fm_ctx *ctx, fm_store *st, const fm_filter *f, const char *cols,
                           const char *order, fm_query **out)
{
    fm_query *q;
    fm_status err;
    *out = NULL;
    if ((err = check_filter(ctx, f)))
        return err;
    if (!(q = calloc(1, sizeof *q)))
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    q->f = *f;
    circle_init(&q->c, f);
    fm_buf_printf(ctx, &q->q.sql, "SELECT %s FROM incidents%s WHERE 1", cols,
                  fm_loc_mask_coarse(f->loc_mask) && has_coarse_index(st->db)
                      ? " INDEXED BY incidents_coarse" : "");
    err = where_clauses(ctx, st, &q->q, &q->f, q->days);
    if (order)
        fm_buf_printf(ctx, &q->q.sql, " %s", order);
    if (err || (err = prepare_query(ctx, st, &q->q, &q->s))) {
        fm_query_free(q);
        return err;
    }
    *out = q;
    return FM_OK;
}

sqlite3_stmt *fm_query_stmt(fm_query *q)
{
    return q->s;
}

int fm_query_place_ok(fm_query *q, double lon, double lat, double *dist, double *azi)
{
    return place_ok(&q->f, &q->c, lon, lat, dist, azi);
}

void fm_query_free(fm_query *q)
{
    if (!q)
        return;
    sqlite3_finalize(q->s);
    fm_buf_free(&q->q.sql);
    fm_buf_free(&q->q.names);
    free(q);
}
