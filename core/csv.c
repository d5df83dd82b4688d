/* csv.c: a streaming RFC 4180 reader. It reads the input in large blocks and
 * copies each record's fields into one arena of NUL-terminated strings, so a
 * million-row import costs one pass over the bytes and no per-field malloc.
 * Anything it cannot read faithfully is an error naming the file and line. */
#include "core/fm_core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CSV_BLOCK (1 << 20)

struct fm_csv {
    FILE *f;          /* NULL when reading from memory */
    int own_f;
    char *name;
    const char *mem;  /* memory input, or the block buffer */
    char *block;
    size_t len, pos;  /* bytes in mem/block and the read position */
    int eof;
    uint64_t consumed, size;
    long line, record_line;
    int started;      /* BOM and encoding checked */
    size_t max_field;
    char *arena;      /* fields, each NUL-terminated */
    size_t arena_len, arena_cap;
    size_t *offs, *lens;
    size_t nfields, fields_cap;
};

static fm_status csv_alloc(fm_ctx *ctx, const char *name, fm_csv **out)
{
    fm_csv *c = calloc(1, sizeof *c);
    if (!c || !(c->name = strdup(name))) {
        free(c);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    c->line = 1;
    c->max_field = 1u << 20;
    *out = c;
    return FM_OK;
}

fm_status fm_csv_open(fm_ctx *ctx, const char *path, fm_csv **out)
{
    struct stat sb;
    fm_csv *c = NULL;
    FILE *f;
    int is_stdin = strcmp(path, "-") == 0;
    *out = NULL;
    if (!is_stdin && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return fm_error(ctx, FM_EIO, "cannot read '%s': is a directory", path);
    f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fm_error(ctx, FM_EIO, "cannot open '%s': %s", path, strerror(errno));
    if (csv_alloc(ctx, is_stdin ? "<stdin>" : path, &c)) {
        if (!is_stdin)
            fclose(f);
        return FM_ENOMEM;
    }
    c->f = f;
    c->own_f = !is_stdin;
    if (!is_stdin && fstat(fileno(f), &sb) == 0)
        c->size = (uint64_t)sb.st_size;
    c->block = malloc(CSV_BLOCK);
    if (!c->block) {
        fm_csv_close(c);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    c->mem = c->block;
    *out = c;
    return FM_OK;
}

fm_status fm_csv_open_mem(fm_ctx *ctx, const char *data, size_t len, const char *name,
                          fm_csv **out)
{
    fm_csv *c = NULL;
    *out = NULL;
    if (csv_alloc(ctx, name ? name : "<memory>", &c))
        return FM_ENOMEM;
    c->mem = data;
    c->len = len;
    c->eof = 1;
    c->size = len;
    *out = c;
    return FM_OK;
}

void fm_csv_close(fm_csv *c)
{
    if (!c)
        return;
    if (c->own_f && c->f)
        fclose(c->f);
    free(c->block);
    free(c->name);
    free(c->arena);
    free(c->offs);
    free(c->lens);
    free(c);
}

/* Refills the block; returns FM_OK with c->len == c->pos at end of input. */
static fm_status csv_fill(fm_ctx *ctx, fm_csv *c)
{
    size_t n;
    c->consumed += c->len;
    c->len = c->pos = 0;
    n = fread(c->block, 1, CSV_BLOCK, c->f);
    if (n < CSV_BLOCK) {
        if (ferror(c->f))
            return fm_error(ctx, FM_EIO, "cannot read '%s': %s", c->name, strerror(errno));
        c->eof = 1;
    }
    c->len = n;
    return FM_OK;
}

/* Returns the next byte, or -1 at end of input (-2 on read error). */
static int csv_getc(fm_ctx *ctx, fm_csv *c)
{
    if (c->pos >= c->len) {
        if (c->eof)
            return -1;
        if (csv_fill(ctx, c))
            return -2;
        if (c->pos >= c->len)
            return -1;
    }
    return (unsigned char)c->mem[c->pos++];
}

static int csv_peek(fm_ctx *ctx, fm_csv *c)
{
    int ch = csv_getc(ctx, c);
    if (ch >= 0)
        c->pos--;
    return ch;
}

static fm_status csv_check_start(fm_ctx *ctx, fm_csv *c)
{
    int a, b, d;
    c->started = 1;
    a = csv_getc(ctx, c);
    if (a < 0)
        return a == -2 ? FM_EIO : FM_OK;
    b = csv_peek(ctx, c);
    if ((a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF))
        return fm_error(ctx, FM_EFORMAT,
                        "%s: file is UTF-16; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8)",
                        c->name);
    if (a == 0xEF && b == 0xBB) {
        c->pos++;
        d = csv_getc(ctx, c);
        if (d != 0xBF)
            return fm_error(ctx, FM_EFORMAT, "%s:1: malformed byte order mark", c->name);
        return FM_OK;
    }
    if ((a == 0) != (b == 0) && (a ? a : b) >= 0x20 && (a ? a : b) < 0x7F)
        return fm_error(ctx, FM_EFORMAT,
                        "%s:1: looks like UTF-16 without a byte order mark (NUL bytes between"
                        " letters); convert it to UTF-8 (iconv -f UTF-16LE -t UTF-8)", c->name);
    if (b == 0 || a == 0)
        return fm_error(ctx, FM_EFORMAT, "%s:1: binary data (NUL byte); not a CSV file",
                        c->name);
    c->pos--;
    return FM_OK;
}

static fm_status csv_put(fm_ctx *ctx, fm_csv *c, char ch)
{
    if (c->arena_len + 1 >= c->arena_cap) {
        void *p = c->arena;
        if (fm_grow(ctx, &p, &c->arena_cap, c->arena_len + 2, 1))
            return FM_ENOMEM;
        c->arena = p;
    }
    c->arena[c->arena_len++] = ch;
    return FM_OK;
}

static fm_status csv_field_too_long(fm_ctx *ctx, fm_csv *c)
{
    return fm_error(ctx, FM_EFORMAT, "%s:%ld: field %zu is longer than %zu bytes", c->name,
                    c->record_line, c->nfields + 1, c->max_field);
}

/* Bytes that end a run of ordinary bytes outside quotes and inside them. */
static const unsigned char plain_stop[256] = {[0] = 1, [','] = 1, ['\n'] = 1, ['\r'] = 1};
static const unsigned char quoted_stop[256] = {[0] = 1, ['"'] = 1, ['\n'] = 1};

/* The fast path: copies the run of ordinary bytes at the read position (up to
 * a byte in stop or the end of the block) into the field that began at
 * arena offset start, in one go. The caller handles the byte that stopped it. */
static fm_status csv_run(fm_ctx *ctx, fm_csv *c, size_t start, const unsigned char *stop)
{
    const unsigned char *p = (const unsigned char *)c->mem + c->pos, *q = p;
    const unsigned char *e = (const unsigned char *)c->mem + c->len;
    size_t n;
    while (q < e && !stop[*q])
        q++;
    if (!(n = (size_t)(q - p)))
        return FM_OK;
    if (c->arena_len - start + n > c->max_field)
        return csv_field_too_long(ctx, c);
    if (c->arena_len + n + 1 >= c->arena_cap) {
        void *a = c->arena;
        if (fm_grow(ctx, &a, &c->arena_cap, c->arena_len + n + 2, 1))
            return FM_ENOMEM;
        c->arena = a;
    }
    memcpy(c->arena + c->arena_len, p, n);
    c->arena_len += n;
    c->pos += n;
    return FM_OK;
}

static fm_status csv_end_field(fm_ctx *ctx, fm_csv *c, size_t start)
{
    size_t flen = c->arena_len - start;
    if (csv_put(ctx, c, '\0'))
        return FM_ENOMEM;
    if (c->nfields + 1 > c->fields_cap) {
        void *po = c->offs, *pl = c->lens;
        size_t cap = c->fields_cap;
        if (fm_grow(ctx, &po, &cap, c->nfields + 1, sizeof(size_t)))
            return FM_ENOMEM;
        c->offs = po;
        cap = c->fields_cap;
        if (fm_grow(ctx, &pl, &cap, c->nfields + 1, sizeof(size_t)))
            return FM_ENOMEM;
        c->lens = pl;
        c->fields_cap = cap;
    }
    c->offs[c->nfields] = start;
    c->lens[c->nfields] = flen;
    c->nfields++;
    return FM_OK;
}

/* Reads one quoted field body (after the opening quote). */
static fm_status csv_quoted(fm_ctx *ctx, fm_csv *c, size_t start)
{
    for (;;) {
        int ch;
        if (csv_run(ctx, c, start, quoted_stop))
            return fm_ctx_status(ctx);
        if ((ch = csv_getc(ctx, c)) == -2)
            return FM_EIO;
        if (ch == -1)
            return fm_error(ctx, FM_EFORMAT,
                            "%s:%ld: unbalanced quotes: the quoted field opened here never closes",
                            c->name, c->record_line);
        if (ch == 0)
            return fm_error(ctx, FM_EFORMAT, "%s:%ld: NUL byte inside a field (binary data?)",
                            c->name, c->line);
        if (ch == '"') {
            int nx = csv_peek(ctx, c);
            if (nx != '"')
                return FM_OK;
            c->pos++;
        } else if (ch == '\n') {
            c->line++;
        }
        if (c->arena_len - start >= c->max_field)
            return csv_field_too_long(ctx, c);
        if (csv_put(ctx, c, (char)ch))
            return FM_ENOMEM;
    }
}

fm_status fm_csv_next(fm_ctx *ctx, fm_csv *c, size_t *nfields)
{
    size_t start;
    int ch, at_field_start = 1;
    *nfields = 0;
    if (!c->started && csv_check_start(ctx, c))
        return fm_ctx_status(ctx);
    c->nfields = 0;
    c->arena_len = 0;
    /* skip blank lines */
    for (;;) {
        ch = csv_peek(ctx, c);
        if (ch == '\r') {
            c->pos++;
        } else if (ch == '\n') {
            c->pos++;
            c->line++;
        } else {
            break;
        }
    }
    if (ch == -1)
        return FM_OK;
    if (ch == -2)
        return FM_EIO;
    c->record_line = c->line;
    start = 0;
    for (;;) {
        if (!at_field_start || (c->pos < c->len && c->mem[c->pos] != '"')) {
            size_t before = c->arena_len;
            if (csv_run(ctx, c, start, plain_stop))
                return fm_ctx_status(ctx);
            at_field_start = at_field_start && c->arena_len == before;
        }
        ch = csv_getc(ctx, c);
        if (ch == -2)
            return FM_EIO;
        if (at_field_start && ch == '"') {
            if (csv_quoted(ctx, c, start))
                return fm_ctx_status(ctx);
            at_field_start = 0;
            ch = csv_peek(ctx, c);
            if (ch != ',' && ch != '\n' && ch != '\r' && ch != -1)
                return fm_error(ctx, FM_EFORMAT,
                                "%s:%ld: unexpected character after closing quote in field %zu",
                                c->name, c->line, c->nfields + 1);
            continue;
        }
        if (ch == ',' || ch == '\n' || ch == -1 || ch == '\r') {
            if (csv_end_field(ctx, c, start))
                return FM_ENOMEM;
            start = c->arena_len;
            at_field_start = 1;
            if (ch == ',')
                continue;
            if (ch == '\r' && csv_peek(ctx, c) == '\n')
                c->pos++;
            if (ch != -1)
                c->line++;
            break;
        }
        if (ch == 0)
            return fm_error(ctx, FM_EFORMAT, "%s:%ld: NUL byte in field %zu (binary data?)",
                            c->name, c->line, c->nfields + 1);
        at_field_start = 0;
        if (c->arena_len - start >= c->max_field)
            return csv_field_too_long(ctx, c);
        if (csv_put(ctx, c, (char)ch))
            return FM_ENOMEM;
    }
    *nfields = c->nfields;
    return FM_OK;
}

const char *fm_csv_field(const fm_csv *c, size_t i)
{
    return i < c->nfields ? c->arena + c->offs[i] : "";
}

size_t fm_csv_field_len(const fm_csv *c, size_t i)
{
    return i < c->nfields ? c->lens[i] : 0;
}

long fm_csv_line(const fm_csv *c)
{
    return c->record_line;
}

const char *fm_csv_name(const fm_csv *c)
{
    return c->name;
}

uint64_t fm_csv_offset(const fm_csv *c)
{
    return c->f ? c->consumed + c->pos : c->pos;
}

uint64_t fm_csv_size(const fm_csv *c)
{
    return c->size;
}

void fm_csv_set_max_field(fm_csv *c, size_t max_bytes)
{
    c->max_field = max_bytes;
}

fm_status fm_csv_append_field(fm_ctx *ctx, fm_buf *b, const char *s)
{
    size_t n;
    if (!s)
        return b->status;
    for (n = 0; s[n] && s[n] != ',' && s[n] != '"' && s[n] != '\r' && s[n] != '\n'; n++)
        ; /* fields are short: a loop, not a call to strcspn */
    if (!s[n])
        return fm_buf_append(ctx, b, s, n);
    fm_buf_putc(ctx, b, '"');
    for (;;) { /* up to and including each quote, then the quote again */
        const char *q = strchr(s, '"');
        if (!q)
            break;
        fm_buf_append(ctx, b, s, (size_t)(q - s) + 1);
        fm_buf_putc(ctx, b, '"');
        s = q + 1;
    }
    fm_buf_puts(ctx, b, s);
    return fm_buf_putc(ctx, b, '"');
}

void fm_csv_write_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
