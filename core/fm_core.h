/* fm_core.h: the context, status codes, logging and progress shared by every
 * frontiermap module, plus the few small containers and parsers (strings, CSV,
 * dates) that the domain modules build on. core/ knows nothing of geography. */
#ifndef FM_CORE_H
#define FM_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Status codes. Every function that can fail returns one; FM_OK is zero so
 * `if (st) return st;` reads naturally. The message lives on the context. */
typedef enum {
    FM_OK = 0,
    FM_EINVAL,    /* bad argument or malformed input */
    FM_ENOMEM,    /* allocation failed or size overflowed */
    FM_EIO,       /* file or stream error */
    FM_ENOTFOUND, /* a name, file or record does not exist */
    FM_EFORMAT,   /* input is not in the expected format */
    FM_EDB,       /* store (SQLite) error */
    FM_EBUSY,     /* the store is locked by another writer */
    FM_ERANGE,    /* a value is out of its valid range */
    FM_ECANCEL,   /* the caller's progress callback asked to stop */
    FM_EUSAGE     /* command-line usage error (cli only) */
} fm_status;

/* The context: first argument to anything that can fail or log. It holds the
 * last error message, the log sink and the progress callback. One per thread. */
typedef struct fm_ctx fm_ctx;

typedef enum { FM_LOG_ERROR = 0, FM_LOG_WARN, FM_LOG_INFO, FM_LOG_DEBUG } fm_log_level;

/* Receives each log line (without trailing newline) at or above the level set. */
typedef void (*fm_log_fn)(void *user, fm_log_level level, const char *msg);

/* GDAL-style progress: fraction in [0,1], an optional message; return 0 to
 * ask the operation to stop (it then fails with FM_ECANCEL). */
typedef int (*fm_progress_fn)(double fraction, const char *msg, void *user);

/* Creates a context; NULL only when out of memory. Destroy with
 * fm_ctx_destroy(), which accepts NULL. Without a logger, messages are dropped. */
fm_ctx *fm_ctx_create(void);
void fm_ctx_destroy(fm_ctx *ctx);

/* Records a formatted error message on ctx and returns code, so callers write
 * `return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));`.
 * Lowercase, no final full stop, what failed first. */
fm_status fm_error(fm_ctx *ctx, fm_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the current message with "prefix: ", keeping the code; used to add
 * context (a file name, a line) as an error travels up. Returns code. */
fm_status fm_error_prefix(fm_ctx *ctx, fm_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Loads the shared library soname once per process (it then stays loaded)
 * and binds the n functions names[k] into *slots[k]: the libraries only some
 * commands need (GDAL, PROJ, libpq) are bound at run time. FM_EIO, naming the
 * library as what, when it cannot be loaded ("cannot load <what>
 * (<soname>)<purpose>: <loader's message><hint>") or lacks a function. */
fm_status fm_dl_bind(fm_ctx *ctx, const char *soname, const char *what, const char *purpose,
                     const char *hint, const char *const *names, void **const *slots, size_t n);

/* The last error message ("" when none); owned by ctx, valid until the next error. */
const char *fm_ctx_message(const fm_ctx *ctx);
fm_status fm_ctx_status(const fm_ctx *ctx);
void fm_ctx_clear(fm_ctx *ctx);
/* A short English phrase for a status code (static string). */
const char *fm_status_str(fm_status st);

void fm_ctx_set_logger(fm_ctx *ctx, fm_log_fn fn, void *user);
void fm_ctx_set_log_level(fm_ctx *ctx, fm_log_level level);
fm_log_level fm_ctx_log_level(const fm_ctx *ctx);
/* ctx logs where and what `from` logs: for the context of a helper thread,
 * whose messages then reach the same sink (which must take calls from any
 * thread, as a stdio stream does). */
void fm_ctx_inherit_log(fm_ctx *ctx, const fm_ctx *from);
void fm_log(fm_ctx *ctx, fm_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void fm_ctx_set_progress(fm_ctx *ctx, fm_progress_fn fn, void *user);
/* Reports progress; returns FM_ECANCEL (with a message) if the callback says stop. */
fm_status fm_progress(fm_ctx *ctx, double fraction, const char *msg);

/* The directory of the built-in data (gazetteer/, basemap/, incidents/):
 * set explicitly, else $FRONTIERMAP_DATA, else the build-time default.
 * The returned string is owned by ctx. */
const char *fm_ctx_data_dir(const fm_ctx *ctx);
fm_status fm_ctx_set_data_dir(fm_ctx *ctx, const char *dir);

const char *fm_version(void);

/* Seconds on a monotonic clock, for timing phases in the debug log. */
double fm_clock_s(void);

/* ---- memory --------------------------------------------------------------- */

/* Overflow-checked allocation of n * size bytes; NULL on overflow or no memory.
 * The caller frees with free(). */
void *fm_malloc_array(size_t n, size_t size);
void *fm_realloc_array(void *p, size_t n, size_t size);
/* Grows *items (capacity *cap) to hold at least need elements of size bytes,
 * doubling; on failure leaves *items untouched and records FM_ENOMEM. */
fm_status fm_grow(fm_ctx *ctx, void **items, size_t *cap, size_t need, size_t size);
/* A zeroed buffer of n * size bytes for big work arrays (megabytes): mapped
 * straight from the kernel, given back whole (core/bigmem.c). NULL on overflow
 * or no memory. Free with fm_big_free (accepts NULL), never free(). */
void *fm_big_calloc(size_t n, size_t size);
void fm_big_free(void *p);
/* fm_grow for a buffer from fm_big_calloc (or NULL): the new part zeroed. */
fm_status fm_big_grow(fm_ctx *ctx, void **items, size_t *cap, size_t need, size_t size);
/* strdup that records FM_ENOMEM on ctx; NULL in -> NULL out without error. */
char *fm_strdup(fm_ctx *ctx, const char *s);

/* ---- growable string ------------------------------------------------------ */

/* A NUL-terminated growable byte string. Zero-initialise ({0}) to start;
 * release with fm_buf_free(). data is NULL until something is appended.
 * Errors are sticky (cairo's model): the first failed append is remembered in
 * status, every later append is a no-op that returns it, and whoever uses the
 * string checks once with fm_buf_check() instead of after every append. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
    fm_status status; /* FM_OK, or the first failure since creation or reset */
} fm_buf;

fm_status fm_buf_append(fm_ctx *ctx, fm_buf *b, const char *s, size_t n);
fm_status fm_buf_puts(fm_ctx *ctx, fm_buf *b, const char *s);
/* For a caller that writes many small pieces itself: room for n more bytes
 * at the end of b (and the final NUL), returned where they begin; NULL after
 * a failure, kept on b as an append's is. Then fm_buf_commit(b, m) with the
 * m <= n bytes written there adds them to the string. */
char *fm_buf_room(fm_ctx *ctx, fm_buf *b, size_t n);
void fm_buf_commit(fm_buf *b, size_t n);
fm_status fm_buf_putc(fm_ctx *ctx, fm_buf *b, char c);
fm_status fm_buf_printf(fm_ctx *ctx, fm_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends src to b; a failure of src becomes b's (so one check covers both). */
fm_status fm_buf_cat(fm_ctx *ctx, fm_buf *b, const fm_buf *src);
/* FM_OK when every append since creation or the last reset succeeded; else
 * records the failure on ctx again (a later error may have replaced the
 * message) and returns it. Call before using the string. */
fm_status fm_buf_check(fm_ctx *ctx, const fm_buf *b);
/* Empties b and forgets a failure, keeping the memory. */
void fm_buf_reset(fm_buf *b);
void fm_buf_free(fm_buf *b);
/* Returns the string ("" when empty, never NULL); owned by b. After a failed
 * append it holds what fitted before the failure: fm_buf_check first. */
const char *fm_buf_str(const fm_buf *b);

/* ---- CSV ------------------------------------------------------------------ */

/* A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes
 * and newlines; CRLF and LF both end records; a UTF-8 BOM is skipped. It
 * rejects what it cannot read faithfully (unbalanced quotes, NUL bytes,
 * UTF-16, a field over the size limit) with the file name and line. */
typedef struct fm_csv fm_csv;

/* Opens path for reading ("-" reads stdin). Close with fm_csv_close(). */
fm_status fm_csv_open(fm_ctx *ctx, const char *path, fm_csv **out);
/* Reads from memory (not copied: data must outlive the reader). name labels errors. */
fm_status fm_csv_open_mem(fm_ctx *ctx, const char *data, size_t len, const char *name,
                          fm_csv **out);
void fm_csv_close(fm_csv *csv);
/* Reads the next record. On FM_OK *nfields is the field count and the fields
 * are valid until the next call (owned by the reader); *nfields == 0 means end
 * of input. Blank lines are skipped. */
fm_status fm_csv_next(fm_ctx *ctx, fm_csv *csv, size_t *nfields);
const char *fm_csv_field(const fm_csv *csv, size_t i);
size_t fm_csv_field_len(const fm_csv *csv, size_t i);
/* The physical line where the current record starts (1-based). */
long fm_csv_line(const fm_csv *csv);
const char *fm_csv_name(const fm_csv *csv);
/* Bytes consumed and total size (0 when unknown, e.g. stdin): for progress. */
uint64_t fm_csv_offset(const fm_csv *csv);
uint64_t fm_csv_size(const fm_csv *csv);
/* Largest accepted field, in bytes (default 1 MiB). */
void fm_csv_set_max_field(fm_csv *csv, size_t max_bytes);

/* Writes one field to f, quoted when it holds a comma, quote, CR or LF. */
void fm_csv_write_field(FILE *f, const char *s);
/* The same field appended to b (sticky errors, as every fm_buf append): a
 * row built in memory is written with one fwrite, not a stdio call a field
 * and a separator. NULL appends nothing. */
fm_status fm_csv_append_field(fm_ctx *ctx, fm_buf *b, const char *s);

/* Writes s to f as a JSON string literal (quotes, backslashes and control
 * characters escaped; UTF-8 passed through). NULL writes null. */
void fm_json_write_string(FILE *f, const char *s);

/* ---- dates ---------------------------------------------------------------- */

/* A calendar date as days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t fm_day;
#define FM_DAY_NONE INT32_MIN

/* Parses the whole of s (surrounding spaces aside) as one of: 2025-10-15,
 * 2025/10/15 (month and day of one or two digits), an ISO timestamp whose
 * date part is kept (2025-10-15T08:30:00Z, GED's "2009-01-01 00:00:00.000"),
 * 15 October 2025, 15 Oct 2025, 15-Oct-2025, October 15, 2025 (comma
 * optional). Anything else is refused, including text around a date
 * ("-2025-10-01", "2025-10-01 to 2025-10-05"), impossible dates (2025-02-30)
 * and ambiguous numeric forms (31/12/24). Records a message naming the text
 * on failure. */
fm_status fm_date_parse(fm_ctx *ctx, const char *s, fm_day *out);
/* Parses YYYY-MM into the first and last day of that month. */
fm_status fm_month_parse(fm_ctx *ctx, const char *s, fm_day *first, fm_day *last);
fm_day fm_day_from_ymd(int y, int m, int d);
void fm_day_to_ymd(fm_day day, int *y, int *m, int *d);
/* Writes YYYY-MM-DD into out (at least 11 bytes). */
void fm_day_format(fm_day day, char out[11]);
int fm_days_in_month(int y, int m);
/* The month (1-12) whose English name is exactly the n bytes at s, any case:
 * the full name, its first three letters, or "Sept"; 0 for anything else. */
int fm_month_from_name(const char *s, size_t n);

/* ---- text ----------------------------------------------------------------- */

/* The offset of the first byte of s that is not well-formed UTF-8 (overlong
 * forms, surrogates and code points above U+10FFFF included), or -1. */
long fm_utf8_bad_offset(const char *s);
/* The longest prefix of s[0..len) of at most max bytes that ends on a
 * character boundary: where to cut text that must stay valid UTF-8. */
size_t fm_utf8_fit(const char *s, size_t len, size_t max);
/* Makes s valid UTF-8 in place (it never grows): a sequence cut short by a
 * truncation (%.40s, a full buffer) is dropped, any other ill-formed byte
 * becomes '?'. Messages and labels pass through it before anyone sees them. */
void fm_utf8_repair(char *s);
/* FM_EFORMAT naming `what`, the offending byte and the iconv command that
 * converts a Latin-1 file, when s is not UTF-8; NULL is fine. */
fm_status fm_utf8_check(fm_ctx *ctx, const char *what, const char *s);

/* ---- numbers -------------------------------------------------------------- */

/* Strict whole-string parsers: surrounding spaces allowed, anything else is
 * FM_EINVAL (with what was wrong in the message). Doubles are plain decimals
 * (-12.5, 34, .5): no exponent, hexadecimal, NaN or Inf; longs are decimal
 * integers with an optional sign. */
fm_status fm_parse_double(fm_ctx *ctx, const char *s, double *out);
fm_status fm_parse_long(fm_ctx *ctx, const char *s, long *out);
/* Parses exactly n plain decimals separated by sep ("70.5,33,71.5,34" with
 * ','; "200x300" with 'x'), spaces allowed around each. */
fm_status fm_parse_doubles(fm_ctx *ctx, const char *s, char sep, double *out, size_t n);
/* The length of the plain decimal at the start of s (sign, digits, an
 * optional point and digits; at least one digit), 0 when there is none. No
 * exponents, hexadecimal, infinities or thousands separators. */
size_t fm_decimal_span(const char *s);
/* Parses a distance such as "25km", "25 km", "2500m", "25" (km) into metres. */
fm_status fm_parse_distance_m(fm_ctx *ctx, const char *s, double *out_m);
/* Parses "LAT,LON" (latitude first, as people write it) with range checks. */
fm_status fm_parse_latlon(fm_ctx *ctx, const char *s, double *lon, double *lat);

/* Numbers for people to read on maps: a count with thousands separators
 * ("1,817,281"), and a measured value to about three significant figures
 * without exponents ("2,452", "35.2", "0.35"). Both write into buf (at least
 * FM_NUMBER_BUF bytes) and return it. */
#define FM_NUMBER_BUF 40
const char *fm_format_count(long long v, char *buf);
const char *fm_format_value(double v, char *buf);

/* v as snprintf(buf, cap, "%.*f", decimals, v) writes it, byte for byte, and
 * its length; without printf for |v| < 1e9, 0 <= decimals <= 9 and cap >= 32
 * (core/fixed.c), with it otherwise. */
size_t fm_format_fixed(char *buf, size_t cap, double v, int decimals);

#endif
