/* test_core.c: the context, CSV reader, date and number parsers. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fm_test.h"

static fm_ctx *ctx;

static size_t read_all(const char *data, char fields[][64], size_t max, fm_status *st)
{
    fm_csv *csv;
    size_t n, total = 0, i;
    *st = fm_csv_open_mem(ctx, data, strlen(data), "t.csv", &csv);
    if (*st)
        return 0;
    while ((*st = fm_csv_next(ctx, csv, &n)) == FM_OK && n > 0)
        for (i = 0; i < n && total < max; i++)
            snprintf(fields[total++], 64, "%s", fm_csv_field(csv, i));
    fm_csv_close(csv);
    return total;
}

static void test_csv_rfc4180(void)
{
    char f[16][64];
    fm_status st;
    size_t n = read_all("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\r\n,,\n",
                        f, 16, &st);
    CHECK(st == FM_OK);
    CHECK(n == 9);
    CHECK_STR(f[0], "a");
    CHECK_STR(f[3], "x, y");
    CHECK_STR(f[4], "he said \"hi\"");
    CHECK_STR(f[5], "two\nlines");
    CHECK_STR(f[6], "");
    CHECK_STR(f[8], "");
}

static void test_csv_errors(void)
{
    char f[16][64];
    fm_status st;
    read_all("a,b\n\"open,c\n", f, 16, &st);
    CHECK(st == FM_EFORMAT);
    CHECK(strstr(fm_ctx_message(ctx), "t.csv:2") != NULL);
    CHECK(strstr(fm_ctx_message(ctx), "unbalanced quotes") != NULL);
    read_all("\xFF\xFE" "a\0,\0", f, 16, &st);
    CHECK(st == FM_EFORMAT);
    CHECK(strstr(fm_ctx_message(ctx), "UTF-16") != NULL);
    read_all("\"a\"b,c\n", f, 16, &st);
    CHECK(st == FM_EFORMAT);
}

static void test_csv_line_numbers(void)
{
    fm_csv *csv;
    size_t n;
    const char *d = "h1,h2\n\"multi\nline\",x\n\nlast,row\n";
    CHECK(fm_csv_open_mem(ctx, d, strlen(d), "m.csv", &csv) == FM_OK);
    CHECK(fm_csv_next(ctx, csv, &n) == FM_OK && n == 2 && fm_csv_line(csv) == 1);
    CHECK(fm_csv_next(ctx, csv, &n) == FM_OK && n == 2 && fm_csv_line(csv) == 2);
    CHECK(fm_csv_next(ctx, csv, &n) == FM_OK && n == 2 && fm_csv_line(csv) == 5);
    CHECK_STR(fm_csv_field(csv, 0), "last");
    CHECK(fm_csv_next(ctx, csv, &n) == FM_OK && n == 0);
    fm_csv_close(csv);
}

static void test_csv_field_limit(void)
{
    size_t big = 3u << 20, n;
    char *d = malloc(big + 8);
    fm_csv *csv;
    memset(d, 'x', big);
    strcpy(d + big, ",y\n");
    CHECK(fm_csv_open_mem(ctx, d, strlen(d), "big.csv", &csv) == FM_OK);
    CHECK(fm_csv_next(ctx, csv, &n) == FM_EFORMAT);
    CHECK(strstr(fm_ctx_message(ctx), "longer than") != NULL);
    fm_csv_close(csv);
    free(d);
}

static void test_dates(void)
{
    fm_day d;
    char s[11];
    CHECK(fm_date_parse(ctx, "2025-10-15", &d) == FM_OK);
    fm_day_format(d, s);
    CHECK_STR(s, "2025-10-15");
    CHECK(fm_date_parse(ctx, "15 October 2025", &d) == FM_OK);
    fm_day_format(d, s);
    CHECK_STR(s, "2025-10-15");
    CHECK(fm_date_parse(ctx, "16-May-2025", &d) == FM_OK);
    fm_day_format(d, s);
    CHECK_STR(s, "2025-05-16");
    CHECK(fm_date_parse(ctx, "October 9, 2025", &d) == FM_OK);
    fm_day_format(d, s);
    CHECK_STR(s, "2025-10-09");
    CHECK(fm_date_parse(ctx, "2021-12-31 00:00:00.000", &d) == FM_OK);
    fm_day_format(d, s);
    CHECK_STR(s, "2021-12-31");
    CHECK(fm_date_parse(ctx, "1970-01-01", &d) == FM_OK && d == 0);
    CHECK(fm_date_parse(ctx, "2024-02-29", &d) == FM_OK);
    CHECK(fm_date_parse(ctx, "2025-02-29", &d) == FM_EINVAL);
    CHECK(fm_date_parse(ctx, "2025-02-30", &d) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "has no day 30") != NULL);
    CHECK(fm_date_parse(ctx, "31/12/24", &d) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "ambiguous") != NULL);
    CHECK(fm_date_parse(ctx, "", &d) == FM_EINVAL);
    CHECK(fm_date_parse(ctx, "yesterday", &d) == FM_EINVAL);
    CHECK(fm_date_parse(ctx, "2025-13-01", &d) == FM_EINVAL);
}

static void test_months(void)
{
    fm_day a, b;
    char s[11];
    CHECK(fm_month_parse(ctx, "2024-02", &a, &b) == FM_OK);
    fm_day_format(b, s);
    CHECK_STR(s, "2024-02-29");
    CHECK(b - a == 28);
    CHECK(fm_month_parse(ctx, "2024-2", &a, &b) == FM_EINVAL);
    CHECK(fm_month_parse(ctx, "2024-13", &a, &b) == FM_EINVAL);
}

static void test_numbers(void)
{
    double v, lon, lat;
    long l;
    CHECK(fm_parse_double(ctx, " 34.5 ", &v) == FM_OK && v == 34.5);
    CHECK(fm_parse_double(ctx, "nan", &v) != FM_OK);
    CHECK(fm_parse_double(ctx, "inf", &v) != FM_OK);
    CHECK(fm_parse_double(ctx, "12abc", &v) == FM_EINVAL);
    CHECK(fm_parse_long(ctx, "58", &l) == FM_OK && l == 58);
    CHECK(fm_parse_long(ctx, "5.8", &l) == FM_EINVAL);
    CHECK(fm_parse_distance_m(ctx, "25km", &v) == FM_OK && v == 25000);
    CHECK(fm_parse_distance_m(ctx, "500 m", &v) == FM_OK && v == 500);
    CHECK(fm_parse_distance_m(ctx, "25", &v) == FM_OK && v == 25000);
    CHECK(fm_parse_distance_m(ctx, "-3km", &v) != FM_OK);
    CHECK(fm_parse_distance_m(ctx, "3 miles", &v) == FM_EINVAL);
    CHECK(fm_parse_latlon(ctx, "34.1,71.09", &lon, &lat) == FM_OK && lat == 34.1 && lon == 71.09);
    CHECK(fm_parse_latlon(ctx, "134.1,71.09", &lon, &lat) == FM_ERANGE);
    CHECK(fm_parse_latlon(ctx, "34.1", &lon, &lat) == FM_EINVAL);
    CHECK(fm_parse_latlon(ctx, "nan,1", &lon, &lat) != FM_OK);
}

/* The fast decimal path must give strtod's bits exactly, and leave to
 * strtod what it cannot read exactly (long mantissas); exponents are not
 * plain decimals and are refused. */
static void test_numbers_like_strtod(void)
{
    uint64_t r = 88172645463325252ULL;
    char buf[64];
    int bad = 0;
    for (int i = 0; i < 200000; i++) {
        double v, want;
        r ^= r << 13, r ^= r >> 7, r ^= r << 17;
        int ndig = 1 + (int)(r % 18), dot = (int)((r >> 8) % (unsigned)(ndig + 1)), k = 0;
        if ((r >> 16) & 1)
            buf[k++] = '-';
        for (int d = 0; d < ndig; d++) {
            if (d == dot && d > 0)
                buf[k++] = '.';
            buf[k++] = (char)('0' + (r >> (20 + 2 * d % 40)) % 10);
        }
        if (i % 97 == 0)
            k += snprintf(buf + k, sizeof buf - (size_t)k, "e%d", (int)(r % 40) - 20);
        buf[k] = 0;
        want = strtod(buf, NULL);
        if (strchr(buf, 'e') ? fm_parse_double(ctx, buf, &v) != FM_EINVAL
                             : fm_parse_double(ctx, buf, &v) != FM_OK ||
                                   memcmp(&v, &want, sizeof v) != 0)
            bad++;
    }
    CHECK(bad == 0);
    double v;
    CHECK(fm_parse_double(ctx, "-0", &v) == FM_OK && v == 0 && signbit(v));
    CHECK(fm_parse_double(ctx, "0.1", &v) == FM_OK && v == 0.1);
    CHECK(fm_parse_double(ctx, "71.0900", &v) == FM_OK && v == 71.09);
    CHECK(fm_parse_double(ctx, "123456789012345.6", &v) == FM_OK && v == 123456789012345.6);
    CHECK(fm_parse_double(ctx, "1.", &v) == FM_OK && v == 1);
    CHECK(fm_parse_double(ctx, ".", &v) == FM_EINVAL);
    CHECK(fm_parse_double(ctx, "1.2.3", &v) == FM_EINVAL);
    CHECK(fm_parse_double(ctx, "- 1", &v) == FM_EINVAL);
}

/* Plain decimals only, in files and on the command line alike: no hex, no
 * exponent, no infinity spelled out, nothing after the number. */
static void test_numbers_strict(void)
{
    static const char *const bad_doubles[] = {"0x20", "1e2", "1E2", "34.5e0", "infinity",
                                              "0x1p3", "34,5", "34.5.", "+-1", "1_000", "٣٤"};
    double v, box[4];
    long l;
    for (size_t i = 0; i < sizeof bad_doubles / sizeof *bad_doubles; i++)
        CHECK(fm_parse_double(ctx, bad_doubles[i], &v) == FM_EINVAL);
    CHECK(fm_parse_double(ctx, "-.5", &v) == FM_OK && v == -0.5);
    CHECK(fm_parse_double(ctx, "+71.0", &v) == FM_OK && v == 71);
    CHECK(fm_parse_double(ctx, "34.01234567890123456789", &v) == FM_OK && v == 34.01234567890123456789);
    CHECK(fm_parse_long(ctx, "0x20", &l) == FM_EINVAL);
    CHECK(fm_parse_long(ctx, "1e2", &l) == FM_EINVAL);
    CHECK(fm_parse_long(ctx, " 12 ", &l) == FM_OK && l == 12);
    CHECK(fm_parse_distance_m(ctx, "1e3km", &v) == FM_EINVAL);
    CHECK(fm_parse_distance_m(ctx, "0x10km", &v) == FM_EINVAL);
    CHECK(fm_parse_distance_m(ctx, "infkm", &v) == FM_EINVAL);
    CHECK(fm_parse_distance_m(ctx, "2.5 km", &v) == FM_OK && v == 2500);
    CHECK(fm_parse_distance_m(ctx, "20003.9km", &v) == FM_OK);
    CHECK(fm_parse_distance_m(ctx, "20004km", &v) == FM_ERANGE);
    CHECK(fm_parse_latlon(ctx, "3.4e1,71", &v, &v) == FM_EINVAL);
    CHECK(fm_parse_latlon(ctx, "0x22,71", &v, &v) == FM_EINVAL);
    CHECK(fm_parse_doubles(ctx, "70.5, 33,71.5,34", ',', box, 4) == FM_OK && box[3] == 34);
    CHECK(fm_parse_doubles(ctx, "70.5,33,71.5,34,", ',', box, 4) == FM_EINVAL);
    CHECK(fm_parse_doubles(ctx, "70.5,33,7e1,34", ',', box, 4) == FM_EINVAL);
    CHECK(fm_parse_doubles(ctx, "200x300", 'x', box, 2) == FM_OK && box[1] == 300);
    CHECK(fm_parse_doubles(ctx, "0x300", 'x', box, 2) == FM_OK && box[0] == 0);
    fm_ctx_clear(ctx);
}

/* The documented date forms, whole-string: nothing before, after or between
 * them is dropped silently. */
static void test_dates_strict(void)
{
    static const char *const good[][2] = {
        {"2025-10-01", "2025-10-01"}, {"2025/10/1", "2025-10-01"}, {" 2025-1-5 ", "2025-01-05"},
        {"2009-01-01 00:00:00.000", "2009-01-01"}, {"2025-10-15T08:30:00Z", "2025-10-15"},
        {"2025-10-15T08:30+05:00", "2025-10-15"}, {"15 October 2025", "2025-10-15"},
        {"15 Oct 2025", "2025-10-15"}, {"15-Oct-2025", "2025-10-15"}, {"1 Sept 2025", "2025-09-01"},
        {"October 15, 2025", "2025-10-15"}, {"Oct 15 2025", "2025-10-15"},
        {"2025/10/01 12:00:00+00", "2025-10-01"}};
    static const char *const bad[] = {
        "-2025-10-01", "2025-10-01 to 2025-10-05", "2025-10-01x", "2025-10-01 12", "2025--10-01",
        "2025-10/01", "2025.10.01", "2025-10-01T25:00", "2025-10-01 00:00:00 junk", "+2025-10-01",
        "15 October 2025 or so", "15 October, 2025", "15-Oct 2025", "October 2025",
        "2025-10-001", "02025-10-01", "15 Octobre 2025", "2025-10-01T", "2025/10/01 00:00 UTC"};
    fm_day d;
    char s[11];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        CHECK(fm_date_parse(ctx, good[i][0], &d) == FM_OK);
        fm_day_format(d, s);
        CHECK_STR(s, good[i][1]);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        d = 0;
        if (fm_date_parse(ctx, bad[i], &d) != FM_EINVAL)
            fprintf(stderr, "accepted: '%s'\n", bad[i]);
        CHECK(fm_date_parse(ctx, bad[i], &d) == FM_EINVAL);
    }
    CHECK(fm_date_parse(ctx, "12.10.2025", &d) == FM_EINVAL);
    CHECK(strstr(fm_ctx_message(ctx), "ambiguous") != NULL);
    CHECK(fm_month_parse(ctx, " 2025-1", &d, &d) == FM_EINVAL);
    CHECK(fm_month_parse(ctx, "2025-10 ", &d, &d) == FM_EINVAL);
    CHECK(fm_month_parse(ctx, "-2025-10", &d, &d) == FM_EINVAL);
    fm_ctx_clear(ctx);
}

static void test_errors_and_buf(void)
{
    fm_buf b = {0};
    CHECK(fm_error(ctx, FM_EIO, "cannot open '%s'", "x.csv") == FM_EIO);
    CHECK(fm_error_prefix(ctx, FM_EIO, "import") == FM_EIO);
    CHECK_STR(fm_ctx_message(ctx), "import: cannot open 'x.csv'");
    fm_ctx_clear(ctx);
    CHECK_STR(fm_ctx_message(ctx), "");
    CHECK_STR(fm_buf_str(&b), "");
    CHECK(fm_buf_printf(ctx, &b, "%s-%d", "a", 7) == FM_OK);
    CHECK(fm_buf_printf(ctx, &b, "%300s", "z") == FM_OK);
    CHECK(b.len == 3 + 300);
    fm_buf_free(&b);
    CHECK(fm_malloc_array(SIZE_MAX / 2, 4) == NULL);
}

/* The first failure sticks: later appends are no-ops, one check finds it,
 * fm_buf_cat hands it on, reset forgets it. */
static void test_buf_sticky_error(void)
{
    fm_buf b = {0}, c = {0};
    CHECK(fm_buf_puts(ctx, &b, "SELECT") == FM_OK);
    CHECK(fm_buf_check(ctx, &b) == FM_OK);
    CHECK(fm_buf_append(ctx, &b, "x", SIZE_MAX - 2) == FM_ENOMEM);
    fm_ctx_clear(ctx); /* a later success elsewhere must not hide it */
    CHECK(fm_buf_puts(ctx, &b, " WHERE 1") == FM_ENOMEM);
    CHECK(fm_buf_printf(ctx, &b, "%d", 5) == FM_ENOMEM);
    CHECK(fm_buf_putc(ctx, &b, ';') == FM_ENOMEM);
    CHECK_STR(fm_buf_str(&b), "SELECT");
    CHECK(fm_buf_check(ctx, &b) == FM_ENOMEM);
    CHECK(fm_ctx_status(ctx) == FM_ENOMEM);
    CHECK(strstr(fm_ctx_message(ctx), "out of memory") != NULL);
    fm_ctx_clear(ctx);
    CHECK(fm_buf_puts(ctx, &c, "a") == FM_OK);
    CHECK(fm_buf_cat(ctx, &c, &b) == FM_ENOMEM);
    CHECK(fm_buf_check(ctx, &c) == FM_ENOMEM);
    fm_buf_reset(&b);
    CHECK(fm_buf_check(ctx, &b) == FM_OK);
    CHECK(fm_buf_puts(ctx, &b, "ok") == FM_OK);
    fm_buf_free(&b);
    fm_buf_free(&c);
    CHECK(fm_buf_check(ctx, &c) == FM_OK);
    fm_ctx_clear(ctx);
}

/* Appends that fit in place and appends that grow the string give the same
 * bytes: byte by byte and word by word across every capacity boundary, the
 * NUL always after the last byte, nothing written past the capacity (ASan). */
static void test_buf_fill_boundaries(void)
{
    fm_buf b = {0}, w = {0};
    char want[1024]; /* 300 + 450 bytes */
    size_t i, n = 0;
    for (i = 0; i < 300; i++) {
        char c = (char)('a' + i % 26);
        CHECK(fm_buf_putc(ctx, &b, c) == FM_OK);
        want[n++] = c;
        CHECK(b.len == n && b.len < b.cap && b.data[b.len] == '\0');
        CHECK(fm_buf_append(ctx, &b, "xyz", i % 4) == FM_OK); /* 0 to 3 bytes */
        memcpy(want + n, "xyz", i % 4);
        n += i % 4;
        CHECK(b.len == n && b.len < b.cap && b.data[b.len] == '\0');
        CHECK(fm_buf_append(ctx, &w, want + n - 1 - i % 4, 1 + i % 4) == FM_OK);
    }
    CHECK(n < sizeof want && !memcmp(b.data, want, n));
    CHECK(w.len == n && !memcmp(w.data, want, n));
    fm_buf_reset(&b); /* reset keeps the capacity: the in-place path */
    CHECK(fm_buf_putc(ctx, &b, 'q') == FM_OK);
    CHECK_STR(fm_buf_str(&b), "q");
    fm_buf_free(&b);
    fm_buf_free(&w);
}

/* A field appended to a buffer is the field fm_csv_write_field writes:
 * plain, quoted for a comma, CR or LF, quotes doubled, empty, NULL. */
static void test_csv_append_field(void)
{
    static const char *const fields[] = {"Spin Boldak", "", "a,b", "say \"Torkham\"",
                                         "\"", "\"\"", "line\nbreak", "cr\r", "x\",y\"z,",
                                         "Gh\xc5\x8dr"};
    fm_buf b = {0};
    size_t i;
    for (i = 0; i <= sizeof fields / sizeof *fields; i++) {
        const char *s = i < sizeof fields / sizeof *fields ? fields[i] : NULL;
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        CHECK(f != NULL);
        fm_csv_write_field(f, s);
        fclose(f);
        fm_buf_reset(&b);
        CHECK(fm_csv_append_field(ctx, &b, s) == FM_OK);
        CHECK(b.len == len && (!len || !memcmp(b.data, out, len)));
        free(out);
    }
    CHECK(fm_csv_append_field(ctx, &b, "q\"") == FM_OK); /* appends after what is there */
    CHECK_STR(fm_buf_str(&b), "\"q\"\"\"");
    fm_buf_free(&b);
}

/* Room made for a caller's own writes: what it commits (no more than it
 * asked room for) joins the string, NUL-terminated; a failure sticks, as an
 * append's does, and a buffer that failed gives no room. */
static void test_buf_room(void)
{
    fm_buf b = {0};
    char *o;
    CHECK(fm_buf_puts(ctx, &b, "ab") == FM_OK);
    CHECK((o = fm_buf_room(ctx, &b, 100)) == b.data + 2);
    CHECK(b.cap >= 2 + 100 + 1);
    if (o)
        memcpy(o, "cdef", 4);
    fm_buf_commit(&b, 3); /* the caller wrote four, keeps three */
    CHECK(b.len == 5);
    CHECK_STR(fm_buf_str(&b), "abcde");
    CHECK(fm_buf_room(ctx, &b, 0) == b.data + 5);
    fm_buf_commit(&b, 0);
    CHECK_STR(fm_buf_str(&b), "abcde");
    CHECK(fm_buf_room(ctx, &b, SIZE_MAX - 3) == NULL);
    CHECK(fm_buf_check(ctx, &b) == FM_ENOMEM);
    fm_ctx_clear(ctx);
    CHECK(fm_buf_room(ctx, &b, 1) == NULL); /* sticky */
    CHECK(fm_buf_puts(ctx, &b, "x") == FM_ENOMEM);
    CHECK_STR(fm_buf_str(&b), "abcde");
    fm_buf_reset(&b);
    CHECK(fm_buf_room(ctx, &b, 1) != NULL);
    fm_buf_free(&b);
    fm_ctx_clear(ctx);
}

/* Cuts fall between characters; messages built from cut text are valid UTF-8. */
static void test_utf8_cuts(void)
{
    const char *name = "Gh\xc5\x8dr \xd8\xb7\xd9\x88\xd8\xb1\xd8\xae\xd9\x85"; /* Ghōr طورخم */
    char buf[64], big[3000];
    CHECK(fm_utf8_fit(name, strlen(name), 3) == 2);
    CHECK(fm_utf8_fit(name, strlen(name), 4) == 4);
    CHECK(fm_utf8_fit(name, strlen(name), 7) == 6);
    CHECK(fm_utf8_fit(name, strlen(name), 100) == strlen(name));
    for (int cut = 0; cut < 40; cut++) {
        fm_error(ctx, FM_EINVAL, "no '%.*s' here", cut, name);
        CHECK(fm_utf8_bad_offset(fm_ctx_message(ctx)) < 0);
    }
    fm_error(ctx, FM_EINVAL, "no '%.3s' in PK", name);
    CHECK_STR(fm_ctx_message(ctx), "no 'Gh' in PK");
    snprintf(buf, sizeof buf, "a\xe9" "b \xff \xc5");
    fm_utf8_repair(buf);
    CHECK_STR(buf, "ab ? ");
    /* a message longer than the context holds is cut between characters */
    for (size_t i = 0; i + 2 < sizeof big; i += 2)
        memcpy(big + i, "\xc5\x8d", 2);
    big[sizeof big - 1 - (sizeof big - 1) % 2] = '\0';
    for (int k = 0; k < 3; k++) {
        fm_error(ctx, FM_EINVAL, "%.*s%s", k, "xx", big);
        CHECK(fm_utf8_bad_offset(fm_ctx_message(ctx)) < 0);
        fm_error_prefix(ctx, FM_EINVAL, "%.*s%s", k, "yy", big);
        CHECK(fm_utf8_bad_offset(fm_ctx_message(ctx)) < 0);
    }
    fm_ctx_clear(ctx);
}

static void test_json_string(void)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    fm_json_write_string(f, "a\"b\\c\nd\re\tf\x01 \xd8\xb7");
    fputc(' ', f);
    fm_json_write_string(f, NULL);
    fclose(f);
    CHECK_STR(out, "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001 \xd8\xb7\" null");
    free(out);
    CHECK(fm_utf8_bad_offset("ok \xd8\xb7") == -1);
    CHECK(fm_utf8_bad_offset("Pe\xf1" "a") == 2);
    CHECK(fm_utf8_bad_offset("\xc0\xaf") == 0); /* overlong */
    /* past the eight-byte ASCII skip, at each offset */
    CHECK(fm_utf8_bad_offset("abcdefgh\xd8\xb7") == -1);
    CHECK(fm_utf8_bad_offset("abcdefghijklmnopq\xff") == 17);
    CHECK(fm_utf8_bad_offset("abcdefg\xff") == 7);
    CHECK(fm_utf8_bad_offset("abcdefghi\xc3") == 9);
    CHECK(fm_utf8_bad_offset("") == -1);
    CHECK(fm_utf8_check(ctx, "the place", "Pe\xf1" "a") == FM_EFORMAT);
    CHECK(strstr(fm_ctx_message(ctx), "iconv") != NULL);
}

static void test_number_format(void)
{
    char b[FM_NUMBER_BUF];
    CHECK_STR(fm_format_count(0, b), "0");
    CHECK_STR(fm_format_count(999, b), "999");
    CHECK_STR(fm_format_count(1000, b), "1,000");
    CHECK_STR(fm_format_count(1817281, b), "1,817,281");
    CHECK_STR(fm_format_count(-1234567, b), "-1,234,567");
    CHECK_STR(fm_format_count(LLONG_MIN, b), "-9,223,372,036,854,775,808");
    CHECK_STR(fm_format_value(2452.4, b), "2,452");
    CHECK_STR(fm_format_value(1226.2, b), "1,226");
    CHECK_STR(fm_format_value(999.4, b), "999");
    CHECK_STR(fm_format_value(35.24, b), "35.2");
    CHECK_STR(fm_format_value(0.3512, b), "0.351");
    CHECK_STR(fm_format_value(0, b), "0");
    CHECK_STR(fm_format_value(0.0001234, b), "1.2e-04");
}

/* fm_big_grow keeps what was there and zeroes what it adds, from nothing,
 * through the calloc'd small sizes, across to mapped ones and within them. */
static void test_big_grow(void)
{
    size_t cap = 0, need, i;
    int *a = NULL, ok = 1;
    for (need = 1; need <= (size_t)3 << 20; need = need * 3 + 1) {
        size_t old = cap;
        CHECK(fm_big_grow(ctx, (void **)&a, &cap, need, sizeof *a) == FM_OK);
        CHECK(cap >= need && cap >= old);
        for (i = 0; i < old && ok; i++)
            ok = a[i] == (int)(i * 7 + 1);
        for (; i < cap && ok; i++)
            ok = a[i] == 0;
        for (i = old; i < cap; i++)
            a[i] = (int)(i * 7 + 1);
    }
    CHECK(ok);
    need = cap;
    CHECK(fm_big_grow(ctx, (void **)&a, &cap, need, sizeof *a) == FM_OK && cap == need);
    CHECK(fm_big_grow(ctx, (void **)&a, &cap, SIZE_MAX / 2, sizeof *a) == FM_ENOMEM);
    CHECK(cap == need && a[need - 1] == (int)((need - 1) * 7 + 1));
    fm_big_free(a);
}

/* Whether the mapping of /proc/self/smaps that holds p is marked for huge
 * pages (its VmFlags has "hg"): 1 marked, 0 not, -1 no smaps or no mapping. */
static int smaps_hugepage(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int in = 0, marked = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long long lo, hi;
        if (sscanf(line, "%llx-%llx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' '))
            in = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        else if (in && !strncmp(line, "VmFlags:", 8)) {
            marked = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return marked;
}

/* Big buffers, new and grown, are not marked for transparent huge pages:
 * in this virtual machine a fresh huge page is nearly always one the host
 * must back again (core/bigmem.c), which cost a cold heatmap 0.2-0.8 s. */
static void test_big_not_hugepage(void)
{
    size_t cap = 0;
    char *a = fm_big_calloc((size_t)8 << 20, 1), *b = NULL;
    CHECK(a != NULL);
    CHECK(fm_big_grow(ctx, (void **)&b, &cap, (size_t)3 << 20, 1) == FM_OK);
    CHECK(fm_big_grow(ctx, (void **)&b, &cap, (size_t)9 << 20, 1) == FM_OK);
    a[0] = b[0] = 1;
    CHECK(smaps_hugepage(a) != 1);
    CHECK(smaps_hugepage(b) != 1);
    CHECK(smaps_hugepage(b + ((size_t)9 << 20) - 1) != 1);
    fm_big_free(a);
    fm_big_free(b);
}

/* fm_format_fixed writes what snprintf's "%.Nf" writes: random doubles of
 * every scale, coordinates, exact ties (k / 2^j, which round to even),
 * values next to a tie, negative zero and negatives that round to zero, and
 * the values it leaves to snprintf (1e9 and beyond, infinities, NaN). */
static void test_fixed_format(void)
{
    static const double special[] = {0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.5078125,
                                     0.5234375, -0.000001, -0.0000049, 999999999.99999,
                                     1e9, -1e9, 1e300, 5e-324, 2.2250738585072014e-308,
                                     34.123455, 71.000005, -0.5, 123456789.123456789};
    unsigned long long s = 0x243f6a8885a308d3ull;
    char a[400], b[400]; /* 1e300 in full */
    size_t i, bad = 0;
    int d;
    for (i = 0; i < sizeof special / sizeof *special; i++)
        for (d = 0; d <= 9; d++) {
            size_t n = fm_format_fixed(a, sizeof a, special[i], d);
            snprintf(b, sizeof b, "%.*f", d, special[i]);
            bad += strcmp(a, b) != 0 || n != strlen(b);
        }
    CHECK(fm_format_fixed(a, sizeof a, HUGE_VAL, 2) == 3 && !strcmp(a, "inf"));
    CHECK(fm_format_fixed(a, sizeof a, NAN, 2) && strstr(a, "nan"));
    for (i = 0; i < 200000; i++) {
        double v;
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        d = (int)(s >> 60) % 10;
        switch (i % 4) {
        case 0: /* a coordinate */
            v = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * 360;
            break;
        case 1: /* an exact tie or its neighbours: k / 2^j */
            v = ldexp((double)((s >> 20) % 100000), -(int)((s >> 8) % 24));
            v = (s & 1) ? nextafter(v, 0) : (s & 2) ? nextafter(v, 1e9) : v;
            break;
        case 2: /* any scale below 1e9, either sign */
            v = ldexp((double)(s >> 11), -(int)(53 + (s % 90))) * ((s & 4) ? -1 : 1) * 1e9;
            break;
        default: /* a few decimals, as a score */
            v = (double)((long long)(s >> 40) % 100000 - 50000) / 100.0;
            break;
        }
        fm_format_fixed(a, sizeof a, v, d);
        snprintf(b, sizeof b, "%.*f", d, v);
        bad += strcmp(a, b) != 0;
    }
    CHECK(bad == 0);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_csv_rfc4180);
    RUN(test_big_grow);
    RUN(test_big_not_hugepage);
    RUN(test_csv_errors);
    RUN(test_csv_line_numbers);
    RUN(test_csv_field_limit);
    RUN(test_dates);
    RUN(test_months);
    RUN(test_numbers);
    RUN(test_numbers_like_strtod);
    RUN(test_numbers_strict);
    RUN(test_dates_strict);
    RUN(test_errors_and_buf);
    RUN(test_buf_sticky_error);
    RUN(test_buf_fill_boundaries);
    RUN(test_csv_append_field);
    RUN(test_buf_room);
    RUN(test_utf8_cuts);
    RUN(test_json_string);
    RUN(test_number_format);
    RUN(test_fixed_format);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
