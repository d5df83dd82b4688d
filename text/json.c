/* json.c: incident records pasted as JSON (a tracker's export, an API's
 * answer) as sentences. A JSON value that starts a line, "{" or "[", is
 * read whole; each object in it with a date and a place or a toll becomes
 * a paragraph the extractor reads as it reads a table's row: "Separately,
 * on 2010-11-11, in Guli Khel village, North Waziristan, 6 killed, 2
 * injured. The officials said 6 were killed. The residents said 8 were
 * killed. <notes>". Its keys are
 * known by their names (date, location/place/village/town, district/admin2,
 * province/admin1, killed/fatalities/deaths, injured/wounded, notes/
 * description/text/summary, a claims object of party: figure); a record
 * whose status says superseded, retracted, duplicate or deleted, or whose
 * type says note, statement or anniversary, tells nothing. Anything that
 * does not parse as JSON is copied as it stands. A chat export's message
 * (a "text" and a "ts" in Unix seconds, as Slack writes them) becomes its
 * day as a heading and its text. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/text_priv.h"

#define JS_MAX_FIELDS 32
#define JS_MAX_CLAIMS 6

typedef struct {
    size_t key, keylen;   /* the key's text (without quotes) */
    size_t val, vallen;   /* a string's text (without quotes), or a scalar's */
    int string;
} js_field;

typedef struct {
    js_field f[JS_MAX_FIELDS];
    size_t n;
    js_field claim[JS_MAX_CLAIMS]; /* "killed_claims": {"officials": 6} */
    size_t nclaim;
} js_record;

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    return i;
}

/* A string at i ('"'): its end (past the closing quote), or 0. */
static size_t js_string(const char *s, size_t n, size_t i)
{
    for (size_t k = i + 1; k < n; k++) {
        if (s[k] == '\\')
            k++;
        else if (s[k] == '"')
            return k + 1;
        else if (s[k] == '\n')
            return 0;
    }
    return 0;
}

/* Any value at i: its end, or 0 when it does not parse (depth bounds
 * nesting). */
static size_t js_value(const char *s, size_t n, size_t i, int depth)
{
    i = skip_ws(s, n, i);
    if (i >= n || depth > 16)
        return 0;
    if (s[i] == '"')
        return js_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        char close = s[i] == '{' ? '}' : ']';
        size_t k = skip_ws(s, n, i + 1);
        if (k < n && s[k] == close)
            return k + 1;
        while (k < n) {
            if (close == '}') {
                size_t e = k < n && s[k] == '"' ? js_string(s, n, k) : 0;
                if (!e)
                    return 0;
                k = skip_ws(s, n, e);
                if (k >= n || s[k] != ':')
                    return 0;
                k++;
            }
            if (!(k = js_value(s, n, k, depth + 1)))
                return 0;
            k = skip_ws(s, n, k);
            if (k < n && s[k] == ',')
                k = skip_ws(s, n, k + 1);
            else if (k < n && s[k] == close)
                return k + 1;
            else
                return 0;
        }
        return 0;
    }
    while (i < n && (isalnum((unsigned char)s[i]) || strchr("+-.", s[i])))
        i++;
    return i;
}

/* Whether w occurs in s[0, n), case-insensitively. */
static int has(const char *s, size_t n, const char *w)
{
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++)
        if (!strncasecmp(s + i, w, l))
            return 1;
    return 0;
}

static int key_is(const char *s, const js_field *f, const char *const *names)
{
    for (size_t k = 0; names[k]; k++)
        if (f->keylen == strlen(names[k]) && !strncasecmp(s + f->key, names[k], f->keylen))
            return 1;
    return 0;
}

static const js_field *field(const char *s, const js_record *r, const char *const *names)
{
    for (size_t i = 0; i < r->n; i++)
        if (key_is(s, &r->f[i], names) && r->f[i].vallen &&
            !(r->f[i].vallen == 4 && !strncmp(s + r->f[i].val, "null", 4)))
            return &r->f[i];
    return NULL;
}

/* The flat fields of the object at i, and one claims object. */
static void js_fields(const char *s, size_t n, size_t i, size_t end, js_record *r)
{
    size_t k = skip_ws(s, n, i + 1);
    memset(r, 0, sizeof *r);
    while (k < end && s[k] == '"') {
        size_t ke = js_string(s, n, k), v, ve;
        if (!ke)
            return;
        v = skip_ws(s, n, ke);
        if (v >= end || s[v] != ':')
            return;
        v = skip_ws(s, n, v + 1);
        if (!(ve = js_value(s, n, v, 1)))
            return;
        if (s[v] == '{' && r->nclaim == 0 && (ke - k) > 2 &&
            has(s + k, ke - k, "claim")) {
            size_t c = skip_ws(s, n, v + 1);
            while (c < ve && s[c] == '"' && r->nclaim < JS_MAX_CLAIMS) {
                size_t ce = js_string(s, n, c), cv, cve;
                if (!ce)
                    break;
                cv = skip_ws(s, n, ce);
                if (cv >= ve || s[cv] != ':')
                    break;
                cv = skip_ws(s, n, cv + 1);
                if (!(cve = js_value(s, n, cv, 2)))
                    break;
                r->claim[r->nclaim++] = (js_field){c + 1, ce - c - 2, cv, cve - cv, 0};
                c = skip_ws(s, n, cve);
                if (c < ve && s[c] == ',')
                    c = skip_ws(s, n, c + 1);
            }
        } else if (s[v] != '{' && s[v] != '[' && r->n < JS_MAX_FIELDS) {
            js_field *f = &r->f[r->n++];
            f->key = k + 1;
            f->keylen = ke - k - 2;
            f->string = s[v] == '"';
            f->val = f->string ? v + 1 : v;
            f->vallen = f->string ? ve - v - 2 : ve - v;
        }
        k = skip_ws(s, n, ve);
        if (k < end && s[k] == ',')
            k = skip_ws(s, n, k + 1);
    }
}

/* A string's text, its escapes read ("\n" a space, "\"" a quote). */
static void put_text(fm_ctx *ctx, fm_buf *out, const char *s, const js_field *f)
{
    for (size_t i = f->val; i < f->val + f->vallen; i++) {
        if (s[i] == '\\' && i + 1 < f->val + f->vallen) {
            i++;
            fm_buf_putc(ctx, out, s[i] == 'n' || s[i] == 't' || s[i] == 'r' ? ' ' : s[i]);
        } else {
            fm_buf_putc(ctx, out, s[i]);
        }
    }
}

static int says(const char *s, const js_field *f, const char *word)
{
    return f && has(s + f->val, f->vallen, word);
}

/* A chat export's message (Slack: "text" and "ts", the time in Unix
 * seconds): its day on the frontier's clock (UTC+5, Pakistan's time; the
 * Afghan side's UTC+4:30 differs only in the half hour before midnight) as a
 * heading, then its text, so that its "today" and "tonight" are read
 * against the day it was written. A deleted message tells nothing. 1 when
 * r is such a message. */
static int put_message(fm_ctx *ctx, fm_buf *out, const char *s, const js_record *r,
                       const js_field *text)
{
    static const char *const ts_k[] = {"ts", "timestamp", NULL};
    static const char *const sub_k[] = {"subtype", NULL};
    const js_field *ts = field(s, r, ts_k), *sub = field(s, r, sub_k);
    long long secs = 0;
    size_t digits = 0;
    char day[11];
    if (!ts || !text->string)
        return 0;
    for (size_t i = ts->val; i < ts->val + ts->vallen && isdigit((unsigned char)s[i]); i++)
        if (++digits <= 11)
            secs = secs * 10 + (s[i] - '0');
    if (digits < 9 || digits > 11)
        return 0; /* not seconds since 1970 */
    if (says(s, sub, "deleted") || says(s, sub, "tombstone"))
        return 1;
    fm_day_format(fm_day_from_ymd(1970, 1, 1) + (fm_day)((secs + 5 * 3600) / 86400), day);
    fm_buf_puts(ctx, out, "\n\n");
    fm_buf_puts(ctx, out, day);
    fm_buf_puts(ctx, out, "\n\n");
    put_text(ctx, out, s, text);
    return 1;
}

/* One record as a paragraph (nothing when it tells no incident). */
static void put_record(fm_ctx *ctx, fm_buf *out, const char *s, const js_record *r)
{
    static const char *const date_k[] = {"date", "event_date", "date_start", "day", NULL};
    static const char *const place_k[] = {"location", "place", "village", "town", "site", NULL};
    static const char *const area_k[] = {"district", "admin2", "agency", NULL};
    static const char *const prov_k[] = {"province", "admin1", "region", NULL};
    static const char *const killed_k[] = {"killed", "fatalities", "deaths", "dead",
                                           "fatalities_best", NULL};
    static const char *const injured_k[] = {"injured", "wounded", NULL};
    static const char *const note_k[] = {"notes", "note", "description", "text", "summary", NULL};
    static const char *const status_k[] = {"status", NULL};
    static const char *const type_k[] = {"type", "kind", "event_type", NULL};
    const js_field *date = field(s, r, date_k), *place = field(s, r, place_k),
                   *area = field(s, r, area_k), *prov = field(s, r, prov_k),
                   *killed = field(s, r, killed_k), *injured = field(s, r, injured_k),
                   *note = field(s, r, note_k), *status = field(s, r, status_k),
                   *type = field(s, r, type_k);
    if (!date && note && put_message(ctx, out, s, r, note))
        return;
    if (!date || !(place || area || killed))
        return;
    if (says(s, status, "supersed") || says(s, status, "retract") || says(s, status, "duplicate") ||
        says(s, status, "delete") || says(s, type, "note") || says(s, type, "statement") ||
        says(s, type, "anniversary"))
        return;
    /* ("Separately": each record is an incident of its own, even on the same
     * day and place as the one before) */
    fm_buf_puts(ctx, out, "\n\nSeparately, on ");
    put_text(ctx, out, s, date);
    if (place || area || prov)
        fm_buf_puts(ctx, out, ", in ");
    if (place)
        put_text(ctx, out, s, place);
    if (area) {
        fm_buf_puts(ctx, out, place ? ", " : "");
        put_text(ctx, out, s, area);
    }
    if (prov) {
        fm_buf_puts(ctx, out, place || area ? ", " : "");
        put_text(ctx, out, s, prov);
    }
    if (killed && isdigit((unsigned char)s[killed->val])) {
        fm_buf_puts(ctx, out, ", ");
        put_text(ctx, out, s, killed);
        fm_buf_puts(ctx, out, " killed");
    }
    if (injured && isdigit((unsigned char)s[injured->val])) {
        fm_buf_puts(ctx, out, ", ");
        put_text(ctx, out, s, injured);
        fm_buf_puts(ctx, out, " injured");
    }
    fm_buf_puts(ctx, out, ".");
    for (size_t c = 0; c < r->nclaim; c++)
        if (isdigit((unsigned char)s[r->claim[c].val])) {
            fm_buf_puts(ctx, out, " The ");
            fm_buf_append(ctx, out, s + r->claim[c].key, r->claim[c].keylen);
            fm_buf_puts(ctx, out, " said ");
            fm_buf_append(ctx, out, s + r->claim[c].val, r->claim[c].vallen);
            fm_buf_puts(ctx, out, " were killed.");
        }
    if (note) {
        fm_buf_putc(ctx, out, ' ');
        put_text(ctx, out, s, note);
    }
}

/* Every object inside the value [i, e) that holds records. */
static void put_objects(fm_ctx *ctx, fm_buf *out, const char *s, size_t i, size_t e, int depth)
{
    for (size_t k = i; k < e; k++) {
        if (s[k] == '"') {
            size_t se = js_string(s, e, k);
            k = se ? se - 1 : k;
            continue;
        }
        if (s[k] == '{') {
            size_t oe = js_value(s, e, k, depth);
            js_record r;
            if (!oe)
                return;
            js_fields(s, e, k, oe, &r);
            put_record(ctx, out, s, &r);
            if (depth < 4)
                put_objects(ctx, out, s, k + 1, oe - 1, depth + 1);
            k = oe - 1;
        }
    }
}

fm_status fm_doc_json_records(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    for (size_t i = 0; i < n;) {
        size_t e = fm_tx_line_end(s, n, i), k = skip_ws(s, e, i), ve;
        if (k < e && (s[k] == '{' || s[k] == '[') && (ve = js_value(s, n, k, 0)) > k + 2 &&
            memchr(s + k, '\n', ve - k)) {
            put_objects(ctx, out, s, k, ve, 1);
            fm_buf_puts(ctx, out, "\n\n");
            i = fm_tx_line_end(s, n, ve) + 1; /* (the rest of its last line goes too) */
            continue;
        }
        i = fm_doc_copy_line(ctx, s, n, i, e, out);
    }
    return fm_doc_finish(ctx, out);
}
