/* test_pg_copy.c: an incident as a tuple of binary COPY (data/pg_copy.c), the
 * bytes the PostGIS import streams: geom as EWKB with SRID 4326 and then one
 * field per column of columns.h, each a big-endian length (-1 for NULL) and
 * its bytes: texts as they are (empty ones NULL), counts and days as int4,
 * reals as float8, the times and the hash as int8; nothing past the last.
 * And the stamps a row brings (data/stamp.c). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "data/fm_data.h"
#include "data/pg_priv.h"
#include "fm_test.h"

static fm_ctx *ctx;

static uint64_t be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* Splits a tuple into its fields: start and length (-1: NULL) of each, the
 * count returned (-1 when a length runs past the end). */
static int fields(const fm_buf *b, const unsigned char *at[], long len[], int max)
{
    const unsigned char *p = (const unsigned char *)b->data, *end = p + b->len;
    int n = 0;
    while (p < end && n < max) {
        if (end - p < 4)
            return -1;
        len[n] = (long)(int32_t)(uint32_t)be(p, 4);
        at[n] = p + 4;
        p += 4 + (len[n] > 0 ? len[n] : 0);
        if (p > end)
            return -1;
        n++;
    }
    return p == end ? n : -1;
}

static double f8(const unsigned char *p)
{
    uint64_t u = be(p, 8);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static void test_row(void)
{
    fm_incident inc;
    fm_buf b = {0};
    const unsigned char *at[FM_NCOLUMNS + 2];
    long len[FM_NCOLUMNS + 2];
    double lon = 71.0912, lat = 34.1003;
    static const unsigned char ewkb[9] = {1, 1, 0, 0, 0x20, 0xe6, 0x10, 0, 0};
    fm_incident_init(&inc);
    inc.source = "acled";
    inc.source_id = "PAK12";
    inc.notes = ""; /* stored NULL */
    inc.location = "Torkham";
    inc.lon = lon, inc.lat = lat;
    inc.fatalities = 3;
    inc.date_start = fm_day_from_ymd(2025, 10, 15);
    inc.border_km = 1.5;
    CHECK(fm_pg_copy_row(ctx, &b, &inc, 0x0102030405060708ULL, -5) == FM_OK);
    CHECK(fields(&b, at, len, FM_NCOLUMNS + 2) == 1 + FM_NCOLUMNS);
    CHECK(len[0] == 25 && !memcmp(at[0], ewkb, 9));
    CHECK(!memcmp(at[0] + 9, &lon, 8) && !memcmp(at[0] + 17, &lat, 8)); /* little-endian */
    for (int i = 0; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        const unsigned char *p = at[1 + i];
        long n = len[1 + i];
        if (c->off != (size_t)-1 && (c->kind == 's' || c->kind == 'n') && FM_COL_STR(&inc, c) &&
            *FM_COL_STR(&inc, c))
            CHECK(n == (long)strlen(FM_COL_STR(&inc, c)) &&
                  !memcmp(p, FM_COL_STR(&inc, c), (size_t)n));
        else if (c->kind == 's' || c->kind == 'n')
            CHECK(n == -1);
        if (c->kind == 'k' || c->kind == 'u')
            CHECK(n == 8 && (int64_t)be(p, 8) == -5);
        if (c->kind == 'h')
            CHECK(n == 8 && be(p, 8) == 0x0102030405060708ULL);
        if (c->kind == 'p')
            CHECK(n == 8 && f8(p) == FM_COL_DBL(&inc, c));
    }
    CHECK(len[1 + FM_COL_fatalities] == 4 && be(at[1 + FM_COL_fatalities], 4) == 3);
    CHECK(len[1 + FM_COL_fatalities_low] == -1);
    CHECK(len[1 + FM_COL_date_start] == 4 &&
          (int32_t)be(at[1 + FM_COL_date_start], 4) == fm_day_from_ymd(2025, 10, 15) - 10957);
    CHECK(len[1 + FM_COL_date_end] == -1);
    CHECK(len[1 + FM_COL_border_km] == 8 && f8(at[1 + FM_COL_border_km]) == 1.5);
    CHECK(len[1 + FM_COL_notes] == -1);
    CHECK(b.data[b.len] == '\0');

    /* a second tuple after the first; without a point: geom, lon, lat NULL */
    size_t first = b.len;
    inc.lon = inc.lat = NAN;
    inc.border_km = NAN;
    CHECK(fm_pg_copy_row(ctx, &b, &inc, 1, 0) == FM_OK);
    fm_buf rest = {0};
    CHECK(fm_buf_append(ctx, &rest, b.data + first, b.len - first) == FM_OK);
    CHECK(fields(&rest, at, len, FM_NCOLUMNS + 2) == 1 + FM_NCOLUMNS);
    CHECK(len[0] == -1 && len[1 + FM_COL_lon] == -1 && len[1 + FM_COL_lat] == -1);
    CHECK(len[1 + FM_COL_border_km] == -1);
    CHECK(len[1 + FM_COL_source] == 5 && !memcmp(at[1 + FM_COL_source], "acled", 5));
    fm_buf_free(&rest);

    /* a buffer that failed takes nothing and says so */
    size_t had = b.len;
    CHECK(fm_buf_append(ctx, &b, "x", SIZE_MAX - 2) == FM_ENOMEM);
    fm_ctx_clear(ctx);
    CHECK(fm_pg_copy_row(ctx, &b, &inc, 1, 0) == FM_ENOMEM);
    CHECK(b.len == had);
    fm_buf_free(&b);
    fm_ctx_clear(ctx);
}

/* A row's own stamps (a frontiermap GeoPackage's, stamp.c) go as they are,
 * in PostgreSQL's microseconds since 2000-01-01; without them, now_us. */
static void test_stamps(void)
{
    fm_incident inc;
    fm_buf b = {0};
    const unsigned char *at[FM_NCOLUMNS + 2];
    long len[FM_NCOLUMNS + 2];
    char st[FM_STAMP_SIZE];
    int64_t ms;
    fm_incident_init(&inc);
    inc.source = "gpkg";
    inc.source_id = "x1";
    inc.created = "2000-01-01T00:00:01.500Z";
    inc.updated = "1999-12-31T23:59:59.000Z";
    CHECK(fm_pg_copy_row(ctx, &b, &inc, 1, 42) == FM_OK);
    CHECK(fields(&b, at, len, FM_NCOLUMNS + 2) == 1 + FM_NCOLUMNS);
    CHECK(len[1 + FM_COL_created] == 8 && (int64_t)be(at[1 + FM_COL_created], 8) == 1500000);
    CHECK(len[1 + FM_COL_updated] == 8 && (int64_t)be(at[1 + FM_COL_updated], 8) == -1000000);
    fm_buf_reset(&b);
    inc.created = "2000-01-01 00:00:01"; /* not the stored form: the write's time */
    inc.updated = NULL;
    CHECK(fm_pg_copy_row(ctx, &b, &inc, 1, 42) == FM_OK);
    CHECK(fields(&b, at, len, FM_NCOLUMNS + 2) == 1 + FM_NCOLUMNS);
    CHECK((int64_t)be(at[1 + FM_COL_created], 8) == 42 && (int64_t)be(at[1 + FM_COL_updated], 8) == 42);
    fm_buf_free(&b);

    /* the forms read, to UTC and the millisecond */
    CHECK(fm_stamp_parse("2024-01-02T03:04:05.678Z", st) && !strcmp(st, "2024-01-02T03:04:05.678Z"));
    CHECK(fm_stamp_parse("2024-01-02 03:04", st) && !strcmp(st, "2024-01-02T03:04:00.000Z"));
    CHECK(fm_stamp_parse("2024-01-01T02:00:00.1+05:30", st) && !strcmp(st, "2023-12-31T20:30:00.100Z"));
    CHECK(fm_stamp_parse("2024-03-01T00:00:00-0100", st) && !strcmp(st, "2024-03-01T01:00:00.000Z"));
    CHECK(fm_stamp_parse("2024-02-28T23:59:59.9996Z", st) && !strcmp(st, "2024-02-28T23:59:59.999Z"));
    CHECK(!fm_stamp_parse("2023-02-29T00:00:00Z", st));
    CHECK(!fm_stamp_parse("2024-01-02T24:00:00Z", st));
    CHECK(!fm_stamp_parse("2024-01-02", st));
    CHECK(!fm_stamp_parse("yesterday", st));
    CHECK(!fm_stamp_parse("2024-01-02T03:04:05.Z", st));
    CHECK(!fm_stamp_parse("2024-01-02T03:04:05Z junk", st));
    CHECK(fm_stamp_unix_ms("1970-01-02T00:00:00.001Z", &ms) && ms == 86400001);
    CHECK(!fm_stamp_unix_ms("1970-01-02T00:00:00Z", &ms));
    CHECK(!fm_stamp_unix_ms("1970-13-02T00:00:00.000Z", &ms));
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_row);
    RUN(test_stamps);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
