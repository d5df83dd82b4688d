/* pg_points.c: the points behind a density (heatmap, monthly) read straight
 * from the PostGIS store: fid, the point, fatalities, source and precision of
 * the rows a filter without place clauses keeps (pg_stats.c writes it as SQL
 * with query.c's exact semantics), in fid order, in binary through a
 * cursor (unordered: the rows are put in fid order here when the table's
 * order is not that already, which spares the server a sort), into the same
 * fm_points a GeoPackage scan builds (results.c's accumulator: the same
 * order, the same hash). Six columns of a row cross
 * the wire instead of a scratch GeoPackage of whole rows (pg_mirror.c).
 *
 * Why not bin in the server: the density's linear binning (render/density.c)
 * shares each point's weight between four cells by its exact place in the
 * equal-area projection, and frontiermap projects through PROJ and its own
 * lattice (render/lattice.c, under a metre off PROJ); PostGIS's ST_Transform
 * differs from that by fractions of a metre, and the cells' sums would be
 * added in another order, so the picture would no longer be the
 * GeoPackage's to the byte. And it is not faster: per point the server's
 * transform and grouping cost more than sending 40 bytes (docs/DESIGN.md,
 * Store, has the figures). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* Rows per FETCH (the number in take_rows SQL): a few megabytes at a time. */
#define FETCH_ROWS 50000

static uint64_t get_be(const char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | (unsigned char)p[i];
    return v;
}

static double get_f8(const PGresult *r, const fm_pq *api, int k, int c)
{
    uint64_t u;
    double d;
    if (api->PQgetisnull(r, k, c) || api->PQgetlength(r, k, c) != 8)
        return NAN;
    u = get_be(api->PQgetvalue(r, k, c), 8);
    memcpy(&d, &u, 8);
    return d;
}

static int get_i4(const PGresult *r, const fm_pq *api, int k, int c)
{
    if (api->PQgetisnull(r, k, c) || api->PQgetlength(r, k, c) != 4)
        return -1;
    return (int)(int32_t)get_be(api->PQgetvalue(r, k, c), 4);
}

/* One row as read, before the rows are put in fid order. */
typedef struct {
    int64_t fid;
    double lon, lat;
    int fatalities, geo_precision;
    int src; /* index into rows.src, -1: none */
} pt_row;

typedef struct {
    pt_row *v;
    size_t n, cap;
    char **src; /* the distinct sources, in the order met */
    size_t nsrc, capsrc;
    int last;   /* the previous row's source */
    int sorted; /* fids came ascending so far */
} pt_rows;

static void rows_free(pt_rows *rs)
{
    for (size_t i = 0; i < rs->nsrc; i++)
        free(rs->src[i]);
    free(rs->src);
    free(rs->v);
}

static int same_text(const char *a, const char *s, int n)
{
    return (int)strlen(a) == n && !memcmp(a, s, (size_t)n);
}

/* The index of source s (n bytes) among the distinct ones, added if new. */
static fm_status rows_source(fm_ctx *ctx, pt_rows *rs, const char *s, int n, int *out)
{
    size_t i;
    fm_status err;
    if (rs->last >= 0 && same_text(rs->src[rs->last], s, n)) { /* mostly the previous row's */
        *out = rs->last;
        return FM_OK;
    }
    for (i = 0; i < rs->nsrc && !same_text(rs->src[i], s, n); i++)
        ;
    if (i == rs->nsrc) {
        if ((err = fm_grow(ctx, (void **)&rs->src, &rs->capsrc, rs->nsrc + 1, sizeof *rs->src)))
            return err;
        if (!(rs->src[rs->nsrc] = strndup(s, (size_t)n)))
            return fm_error(ctx, FM_ENOMEM, "out of memory");
        rs->nsrc++;
    }
    *out = rs->last = (int)i;
    return FM_OK;
}

/* One FETCH's rows into rs; *n how many there were. */
static fm_status take_rows(fm_ctx *ctx, fm_pg *pg, pt_rows *rs, int prec, int *n)
{
    const fm_pq *api = &pg->api;
    PGresult *r = api->PQexecParams(pg->conn, "FETCH FORWARD 50000 FROM fm_points", 0, NULL, NULL,
                                    NULL, NULL, 1);
    fm_status s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot read the PostGIS store");
    if (s)
        return s;
    *n = api->PQntuples(r);
    s = fm_grow(ctx, (void **)&rs->v, &rs->cap, rs->n + (size_t)*n, sizeof *rs->v);
    for (int k = 0; !s && k < *n; k++) {
        pt_row *p = &rs->v[rs->n];
        p->fid = (int64_t)get_be(api->PQgetvalue(r, k, 0), 8);
        p->lon = get_f8(r, api, k, 1);
        p->lat = get_f8(r, api, k, 2);
        p->fatalities = get_i4(r, api, k, 3);
        p->geo_precision = prec ? get_i4(r, api, k, 5) : -1;
        p->src = -1;
        if (!api->PQgetisnull(r, k, 4))
            s = rows_source(ctx, rs, api->PQgetvalue(r, k, 4), api->PQgetlength(r, k, 4), &p->src);
        if (rs->n && rs->v[rs->n - 1].fid > p->fid)
            rs->sorted = 0;
        rs->n++;
    }
    api->PQclear(r);
    return s;
}

static int cmp_fid(const void *a, const void *b)
{
    int64_t x = ((const pt_row *)a)->fid, y = ((const pt_row *)b)->fid;
    return x < y ? -1 : x > y;
}

/* The rows, in fid order, into a new fm_points as a GeoPackage builds it. */
static fm_status rows_points(fm_ctx *ctx, pt_rows *rs, unsigned flags, fm_points **out)
{
    fm_points_acc *a;
    fm_status s;
    if (!rs->sorted) /* the table's order after updates: sorted here, not by the server */
        qsort(rs->v, rs->n, sizeof *rs->v, cmp_fid);
    if ((s = fm_points_acc_create(ctx, flags, rs->n, &a)))
        return s;
    for (size_t i = 0; !s && i < rs->n; i++) {
        const pt_row *p = &rs->v[i];
        const char *src = p->src >= 0 ? rs->src[p->src] : NULL;
        s = fm_points_acc_add(ctx, a, p->fid, p->lon, p->lat, p->fatalities, p->geo_precision,
                              src, src ? (int)strlen(src) : 0);
    }
    if (s) {
        fm_points_acc_destroy(a);
        return s;
    }
    *out = fm_points_acc_finish(a);
    return FM_OK;
}

fm_status fm_pg_points(fm_ctx *ctx, fm_pg *pg, const fm_filter *f, unsigned flags,
                       fm_points **out)
{
    int own = pg->api.PQtransactionStatus(pg->conn) == PQTRANS_IDLE;
    int prec = (flags & FM_POINTS_PRECISION) != 0, n = FETCH_ROWS;
    pt_rows rs;
    fm_pg_where w;
    fm_status s;
    *out = NULL;
    memset(&w, 0, sizeof w);
    memset(&rs, 0, sizeof rs);
    rs.last = -1;
    rs.sorted = 1;
    /* the point as the mirror takes it: from geom (rows QGIS moved too) */
    fm_buf_printf(ctx, &w.sql, "DECLARE fm_points NO SCROLL CURSOR FOR SELECT fid,"
                               " CASE WHEN geom IS NULL OR ST_IsEmpty(geom) THEN NULL ELSE"
                               " ST_X(geom) END, CASE WHEN geom IS NULL OR ST_IsEmpty(geom)"
                               " THEN NULL ELSE ST_Y(geom) END, fatalities, source%s FROM"
                               " incidents", prec ? ", geo_precision" : "");
    if ((s = fm_pg_where_add(ctx, &w, f)) || (s = fm_buf_check(ctx, &w.sql)))
        goto done;
    if (own && (s = fm_pg_exec(ctx, pg, fm_pg_read_begin)))
        goto done;
    {
        PGresult *r = pg->api.PQexecParams(pg->conn, fm_buf_str(&w.sql), w.n, NULL, w.params,
                                           NULL, NULL, 0);
        if (!(s = fm_pg_check(ctx, pg, r, PGRES_COMMAND_OK, "cannot read the PostGIS store")))
            pg->api.PQclear(r);
    }
    while (!s && n == FETCH_ROWS)
        s = take_rows(ctx, pg, &rs, prec, &n);
    if (!s)
        s = fm_pg_exec(ctx, pg, "CLOSE fm_points");
    if (own)
        fm_pg_exec_quiet(pg, s ? "ROLLBACK" : "COMMIT");
    if (!s)
        s = rows_points(ctx, &rs, flags, out);
done:
    fm_pg_where_free(&w);
    rows_free(&rs);
    return s;
}

#endif
