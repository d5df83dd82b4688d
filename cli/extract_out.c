/* extract_out.c: what `frontiermap extract` writes. CSV in the import layout
 * (so `import` takes it once reviewed) with the confidences and evidence in
 * extra columns; JSON with every field, its confidence and its evidence; and
 * a review page in HTML that shows the document with the evidence marked. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/extract_out.h"

static void fmt_long(char *out, size_t cap, long v)
{
    if (v < 0)
        out[0] = '\0';
    else
        snprintf(out, cap, "%ld", v);
}

static const char *prec_name(int p)
{
    static const char *const names[] = {"none", "1", "2", "3"};
    return names[p < 0 || p > 3 ? 0 : p];
}

static void fmt_day(char out[11], fm_day d)
{
    if (d == FM_DAY_NONE)
        out[0] = '\0';
    else
        fm_day_format(d, out);
}

/* "ISPR: 11 soldiers, 19 militants killed; TTP: 30 soldiers killed" */
static void claims_text(const fm_text_incident *inc, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t k = 0; k < inc->nclaims && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s: %s", k ? "; " : "",
                                inc->claims[k].party, inc->claims[k].detail);
    if (len >= cap)
        out[cap - 1] = '\0';
    fm_utf8_repair(out);
}

static void evidence(const fm_doc *doc, fm_span sp, char *out, size_t cap)
{
    size_t n = sp.end > sp.start ? sp.end - sp.start : 0;
    n = fm_utf8_fit(doc->text + sp.start, n, n < cap - 1 ? n : cap - 1);
    memcpy(out, doc->text + sp.start, n);
    out[n] = '\0';
}

static const char *const csv_cols[] = {
    "source_id", "date_start", "date_end", "date_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "location", "admin1", "admin2", "country", "lon", "lat",
    "geo_precision", "fatalities_best", "fatalities_low", "fatalities_high", "injured",
    "civilian_targeting", "claims", "notes", "citation", "tags", "place_as_written",
    "confidence_date", "confidence_place", "confidence_killed", "confidence_type",
    "evidence_start", "evidence_end", "duplicate_of", NULL};

void fm_extract_csv_header(FILE *f)
{
    for (size_t i = 0; csv_cols[i]; i++)
        fprintf(f, "%s%s", i ? "," : "", csv_cols[i]);
    fputc('\n', f);
}

void fm_extract_csv_row(FILE *f, const fm_doc *doc, const char *id, const fm_text_incident *inc)
{
    char ds[11], de[11], dp[8], lon[32] = "", lat[32] = "", gp[8] = "", k[24], kl[24], kh[24],
        inj[24], claims[512], notes[1024], cite[512], conf[4][16], es[24], ee[24];
    const char *civ = !strncmp(inc->actor2, "Civilians", 9) ? "Civilian targeting" : "";
    fmt_day(ds, inc->date_start);
    fmt_day(de, inc->date_end);
    snprintf(dp, sizeof dp, "%d", inc->date_precision);
    if (!inc->date_precision)
        dp[0] = '\0';
    if (!isnan(inc->lon)) {
        snprintf(lon, sizeof lon, "%.5f", inc->lon);
        snprintf(lat, sizeof lat, "%.5f", inc->lat);
        snprintf(gp, sizeof gp, "%d", inc->geo_precision);
    }
    fmt_long(k, sizeof k, inc->killed);
    fmt_long(kl, sizeof kl, inc->killed >= 0 && inc->killed_lo != inc->killed ? inc->killed_lo : -1);
    fmt_long(kh, sizeof kh, inc->killed >= 0 && inc->killed_hi != inc->killed ? inc->killed_hi : -1);
    fmt_long(inj, sizeof inj, inc->injured);
    claims_text(inc, claims, sizeof claims);
    evidence(doc, inc->ev, notes, sizeof notes);
    for (char *c = notes; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' '; /* the evidence spans paragraphs; a row stays one line */
    snprintf(cite, sizeof cite, "%s, characters %zu-%zu (frontiermap extract; review before use)",
             doc->name, inc->ev.start, inc->ev.end);
    fm_utf8_repair(cite);
    snprintf(conf[0], 16, "%.2f", inc->date_conf);
    snprintf(conf[1], 16, "%.2f", inc->place_conf);
    snprintf(conf[2], 16, "%.2f", inc->killed_conf);
    snprintf(conf[3], 16, "%.2f", inc->type_conf);
    snprintf(es, sizeof es, "%zu", inc->ev.start);
    snprintf(ee, sizeof ee, "%zu", inc->ev.end);
    const char *cells[] = {id, ds, de, dp, inc->event_type, inc->sub_event_type, inc->actor1,
                           inc->actor2, inc->place_name[0] ? inc->place_name : inc->place_text,
                           inc->admin1, inc->admin2, inc->country, lon, lat, gp, k, kl, kh, inj,
                           civ, claims, notes, cite, "extracted", inc->place_text, conf[0],
                           conf[1], conf[2], conf[3], es, ee, inc->duplicate_of};
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        if (i)
            fputc(',', f);
        fm_csv_write_field(f, cells[i]);
    }
    fputc('\n', f);
}

static void json_span(FILE *f, const char *name, const fm_doc *doc, fm_span sp)
{
    char ev[1024];
    fprintf(f, "\"%s\":", name);
    if (sp.end <= sp.start) {
        fputs("null", f);
        return;
    }
    evidence(doc, sp, ev, sizeof ev);
    fprintf(f, "{\"start\":%zu,\"end\":%zu,\"text\":", sp.start, sp.end);
    fm_json_write_string(f, ev);
    fputc('}', f);
}

static void json_long(FILE *f, const char *name, long v)
{
    if (v < 0)
        fprintf(f, "\"%s\":null", name);
    else
        fprintf(f, "\"%s\":%ld", name, v);
}

void fm_extract_json(FILE *f, const fm_doc *doc, const char *id, const fm_text_incident *inc)
{
    char ds[11], de[11];
    fmt_day(ds, inc->date_start);
    fmt_day(de, inc->date_end);
    fputs("{\"id\":", f);
    fm_json_write_string(f, id);
    fputs(",\"date\":{\"start\":", f);
    fm_json_write_string(f, ds[0] ? ds : NULL);
    fputs(",\"end\":", f);
    fm_json_write_string(f, de[0] ? de : NULL);
    fprintf(f, ",\"precision\":%d,\"confidence\":%.2f,", inc->date_precision, inc->date_conf);
    json_span(f, "evidence", doc, inc->date_ev);
    fputs("},\"place\":{\"as_written\":", f);
    fm_json_write_string(f, inc->place_text);
    fputs(",\"name\":", f);
    fm_json_write_string(f, inc->place_name[0] ? inc->place_name : NULL);
    fputs(",\"admin1\":", f);
    fm_json_write_string(f, inc->admin1);
    fputs(",\"admin2\":", f);
    fm_json_write_string(f, inc->admin2);
    fputs(",\"country\":", f);
    fm_json_write_string(f, inc->country);
    if (isnan(inc->lon))
        fputs(",\"lon\":null,\"lat\":null", f);
    else
        fprintf(f, ",\"lon\":%.5f,\"lat\":%.5f", inc->lon, inc->lat);
    fprintf(f, ",\"precision\":");
    fm_json_write_string(f, prec_name(inc->geo_precision));
    fprintf(f, ",\"confidence\":%.2f,", inc->place_conf);
    json_span(f, "evidence", doc, inc->place_ev);
    fputs("},\"killed\":{", f);
    json_long(f, "best", inc->killed);
    fputc(',', f);
    json_long(f, "low", inc->killed >= 0 ? inc->killed_lo : -1);
    fputc(',', f);
    json_long(f, "high", inc->killed >= 0 ? inc->killed_hi : -1);
    fprintf(f, ",\"confidence\":%.2f,", inc->killed_conf);
    json_span(f, "evidence", doc, inc->killed_ev);
    fputs("},\"injured\":{", f);
    json_long(f, "best", inc->injured);
    fprintf(f, ",\"confidence\":%.2f,", inc->injured_conf);
    json_span(f, "evidence", doc, inc->injured_ev);
    fputs("},\"event_type\":", f);
    fm_json_write_string(f, inc->event_type);
    fputs(",\"sub_event_type\":", f);
    fm_json_write_string(f, inc->sub_event_type);
    fprintf(f, ",\"type_confidence\":%.2f,\"actor1\":", inc->type_conf);
    fm_json_write_string(f, inc->actor1);
    fputs(",\"actor2\":", f);
    fm_json_write_string(f, inc->actor2);
    fputs(",\"claims\":[", f);
    for (size_t k = 0; k < inc->nclaims; k++) {
        const fm_text_claim *c = &inc->claims[k];
        fputs(k ? ",{\"party\":" : "{\"party\":", f);
        fm_json_write_string(f, c->party);
        fputc(',', f);
        json_long(f, "killed", c->killed);
        fputc(',', f);
        json_long(f, "injured", c->injured);
        fputs(",\"said\":", f);
        fm_json_write_string(f, c->detail);
        fputc(',', f);
        json_span(f, "evidence", doc, c->ev);
        fputc('}', f);
    }
    fputs("],", f);
    json_span(f, "evidence", doc, inc->ev);
    fputs(",\"duplicate_of\":", f);
    fm_json_write_string(f, inc->duplicate_of[0] ? inc->duplicate_of : NULL);
    fputc('}', f);
}

/* ---- HTML review page ------------------------------------------------------ */

static void html_text(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\n':
            if (i + 1 < n && s[i + 1] == '\n') {
                fputs("</p>\n<p>", f);
                i++;
            } else {
                fputs("<br>", f);
            }
            break;
        default: fputc(s[i], f);
        }
    }
}

void fm_extract_html_begin(FILE *f)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>frontiermap extract: review</title>\n<style>\n"
          "body{font-family:'Noto Sans',sans-serif;max-width:60em;margin:2em auto;"
          "line-height:1.5;color:#222}\n"
          "table{border-collapse:collapse;font-size:90%}td,th{border:1px solid #ccc;"
          "padding:.2em .4em;vertical-align:top}\n"
          "mark.sent{background:#fff3c4}mark.date{background:#c9e7ff}"
          "mark.place{background:#d6f5d6}mark.killed{background:#ffd0d0}"
          "mark.injured{background:#ffe2c4}\n.low{color:#a33}\n</style></head><body>\n"
          "<h1>Candidate incidents for review</h1>\n"
          "<p>Every field was read from the text by rule; check each against its marked "
          "evidence before importing. Colours: <mark class=date>date</mark> "
          "<mark class=place>place</mark> <mark class=killed>killed</mark> "
          "<mark class=injured>injured</mark> <mark class=sent>incident sentence</mark>. "
          "Confidences below 0.5 are in <span class=low>red</span>.</p>\n",
          f);
}

static void conf_cell(FILE *f, double c)
{
    fprintf(f, "<td%s>%.2f</td>", c < 0.5 ? " class=low" : "", c);
}

typedef struct {
    size_t pos;
    int open; /* 1 open, 0 close */
    const char *cls;
    int id;
} mark_t;

static int cmp_mark(const void *a, const void *b)
{
    const mark_t *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->open - y->open; /* closes first */
}

void fm_extract_html_doc(FILE *f, const fm_doc *doc, const char *const *ids,
                         const fm_text_incident *inc, size_t n)
{
    mark_t *m = calloc(n * 10 + 1, sizeof *m);
    size_t nm = 0, pos = 0;
    fputs("<h2>", f);
    html_text(f, doc->name, strlen(doc->name));
    fprintf(f, "</h2>\n<table><tr><th>id</th><th>date</th><th>conf</th><th>place</th>"
               "<th>precision</th><th>conf</th><th>killed</th><th>injured</th><th>conf</th>"
               "<th>type</th><th>actors</th><th>claims</th><th>duplicate of</th></tr>\n");
    for (size_t i = 0; i < n; i++) {
        char ds[11], de[11], claims[512], k[48];
        fmt_day(ds, inc[i].date_start);
        fmt_day(de, inc[i].date_end);
        claims_text(&inc[i], claims, sizeof claims);
        if (inc[i].killed < 0)
            k[0] = '\0';
        else if (inc[i].killed_hi > inc[i].killed || inc[i].killed_lo < inc[i].killed)
            snprintf(k, sizeof k, "%ld (%ld-%ld)", inc[i].killed, inc[i].killed_lo,
                     inc[i].killed_hi > inc[i].killed ? inc[i].killed_hi : inc[i].killed);
        else if (inc[i].killed_hi < 0)
            snprintf(k, sizeof k, "%ld or more", inc[i].killed);
        else
            snprintf(k, sizeof k, "%ld", inc[i].killed);
        fprintf(f, "<tr><td><a href=\"#%s\">%s</a></td><td>%s%s%s</td>", ids[i], ids[i], ds,
                strcmp(ds, de) ? " to " : "", strcmp(ds, de) ? de : "");
        conf_cell(f, inc[i].date_conf);
        fputs("<td>", f);
        html_text(f, inc[i].place_name[0] ? inc[i].place_name : inc[i].place_text,
                  strlen(inc[i].place_name[0] ? inc[i].place_name : inc[i].place_text));
        fprintf(f, "</td><td>%s</td>",
                prec_name(inc[i].geo_precision));
        conf_cell(f, inc[i].place_conf);
        fprintf(f, "<td>%s</td><td>", k);
        if (inc[i].injured >= 0)
            fprintf(f, "%ld", inc[i].injured);
        fputs("</td>", f);
        conf_cell(f, inc[i].killed_conf);
        fputs("<td>", f);
        html_text(f, inc[i].sub_event_type, strlen(inc[i].sub_event_type));
        fputs("</td><td>", f);
        html_text(f, inc[i].actor1, strlen(inc[i].actor1));
        fputs(inc[i].actor2[0] ? " / " : "", f);
        html_text(f, inc[i].actor2, strlen(inc[i].actor2));
        fputs("</td><td>", f);
        html_text(f, claims, strlen(claims));
        fputs("</td><td>", f);
        html_text(f, inc[i].duplicate_of, strlen(inc[i].duplicate_of));
        fputs("</td></tr>\n", f);
        if (m) {
            const struct {
                fm_span sp;
                const char *cls;
            } spans[] = {{inc[i].ev, "sent"}, {inc[i].date_ev, "date"}, {inc[i].place_ev, "place"},
                         {inc[i].killed_ev, "killed"}, {inc[i].injured_ev, "injured"}};
            for (size_t s = 0; s < 5; s++)
                if (spans[s].sp.end > spans[s].sp.start) {
                    m[nm++] = (mark_t){spans[s].sp.start, 1, spans[s].cls, (int)i};
                    m[nm++] = (mark_t){spans[s].sp.end, 0, spans[s].cls, (int)i};
                }
        }
    }
    fputs("</table>\n<div class=doc><p>", f);
    if (m)
        qsort(m, nm, sizeof *m, cmp_mark);
    /* marks may overlap: each open/close is its own element boundary, so a
     * close ends the innermost open mark and the rest reopen */
    {
        const char *stack[64];
        int sid[64];
        size_t depth = 0;
        for (size_t k = 0; k <= nm; k++) {
            size_t at = k < nm ? m[k].pos : doc->len;
            if (at > pos) {
                html_text(f, doc->text + pos, at - pos);
                pos = at;
            }
            if (k == nm)
                break;
            if (m[k].open) {
                if (depth < 64) {
                    if (!strcmp(m[k].cls, "sent"))
                        fprintf(f, "<mark class=sent id=\"%s\" title=\"%s\">", ids[m[k].id],
                                ids[m[k].id]);
                    else
                        fprintf(f, "<mark class=%s>", m[k].cls);
                    stack[depth] = m[k].cls;
                    sid[depth++] = m[k].id;
                }
            } else {
                size_t d = depth;
                while (d > 0 && !(stack[d - 1] == m[k].cls && sid[d - 1] == m[k].id))
                    d--;
                if (!d)
                    continue;
                for (size_t j = depth; j >= d; j--)
                    fputs("</mark>", f);
                for (size_t j = d; j < depth; j++) {
                    stack[j - 1] = stack[j];
                    sid[j - 1] = sid[j];
                    fprintf(f, "<mark class=%s>", stack[j - 1]);
                }
                depth--;
            }
        }
        while (depth--)
            fputs("</mark>", f);
    }
    fputs("</p></div>\n", f);
    free(m);
}

void fm_extract_html_end(FILE *f)
{
    fputs("</body></html>\n", f);
}
