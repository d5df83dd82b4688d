/* export.c: result sets written as CSV, GeoJSON (RFC 7946, every property
 * including claims), KML placemarks, or a new GeoPackage store; files are
 * written to a temporary name in the same directory and renamed into place. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/fm_output.h"
#include "data/columns.h"

/* Empty strings are unknown values: null, like NULL. */
static void json_str(FILE *f, const char *s)
{
    fm_json_write_string(f, s && *s ? s : NULL);
}

static void json_int(FILE *f, int v)
{
    if (v < 0)
        fputs("null", f);
    else
        fprintf(f, "%d", v);
}

static void json_day(FILE *f, fm_day d)
{
    char b[11];
    if (d == FM_DAY_NONE) {
        fputs("null", f);
        return;
    }
    fm_day_format(d, b);
    fprintf(f, "\"%s\"", b);
}

/* The name as the source wrote it: stored only where it differs from the
 * canonical one (data/normalise.c). */
static const char *src_name(const char *src, const char *canon)
{
    return src && *src ? src : canon ? canon : "";
}

/* One column's text in a CSV or GeoJSON export (NULL when unknown): kind n
 * falls back to the canonical name, classes are written by name. */
static const char *col_text(const fm_incident *x, const fm_column *c)
{
    if (c->kind == 'n')
        return src_name(FM_COL_STR(x, c), *(const char *const *)((const char *)x + c->canon_off));
    if (c->kind == 'l' || c->kind == 'c')
        return fm_column_class_name(c, FM_COL_INT(x, c));
    return FM_COL_STR(x, c);
}

/* The properties go by kind, each kind in the order of columns.h: dates,
 * texts, counts, classes, then the other reals (only when known); the point
 * is the geometry, and the times and hash stay in the store. */
static void geojson_feature(FILE *f, const fm_incident *x, double dist_m, double bearing_deg)
{
    static const char *const passes[] = {"d", "sn", "i", "lc", "r"};
    fprintf(f, "{\"type\":\"Feature\",\"id\":%lld,\"geometry\":", (long long)x->id);
    if (isfinite(x->lon) && isfinite(x->lat))
        fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}", x->lon, x->lat);
    else
        fputs("null", f);
    fputs(",\"properties\":{", f);
    for (size_t p = 0, first = 1; p < sizeof passes / sizeof passes[0]; p++)
        for (int i = 0; i < FM_NCOLUMNS; i++) {
            const fm_column *c = &fm_columns[i];
            if (!strchr(passes[p], c->kind) || (c->kind == 'r' && !isfinite(FM_COL_DBL(x, c))))
                continue;
            fprintf(f, "%s\"%s\":", first ? "" : ",", c->name);
            first = 0;
            if (c->kind == 'd')
                json_day(f, FM_COL_DAY(x, c));
            else if (c->kind == 'i')
                json_int(f, FM_COL_INT(x, c));
            else if (c->kind == 'r')
                fprintf(f, "%.3f", FM_COL_DBL(x, c));
            else
                json_str(f, col_text(x, c));
        }
    if (isfinite(dist_m))
        fprintf(f, ",\"distance_km\":%.3f,\"bearing_deg\":%.1f", dist_m / 1000, bearing_deg);
    fputs("}}", f);
}

static void csv_int(FILE *f, int v)
{
    if (v >= 0)
        fprintf(f, "%d", v);
}

/* Whether a column goes into CSV exports: all but the times and the hash. */
static int csv_col(const fm_column *c)
{
    return c->kind != 'k' && c->kind != 'u' && c->kind != 'h';
}

/* The header: the columns of columns.h, with the point as "lat,lon" where
 * lon stands (lat first, as spreadsheets and ACLED write it). */
static void csv_header(FILE *f)
{
    for (int i = 0, first = 1; i < FM_NCOLUMNS; i++) {
        if (!csv_col(&fm_columns[i]) || i == FM_COL_lat)
            continue;
        fputs(first ? "" : ",", f);
        first = 0;
        fputs(i == FM_COL_lon ? "lat,lon" : fm_columns[i].name, f);
    }
    fputc('\n', f);
}

static void csv_row(FILE *f, const fm_incident *x)
{
    int has_xy = isfinite(x->lat) && isfinite(x->lon); /* an unlocated row: both empty */
    char d[11];
    for (int i = 0, first = 1; i < FM_NCOLUMNS; i++) {
        const fm_column *c = &fm_columns[i];
        const char *t;
        if (!csv_col(c) || i == FM_COL_lat)
            continue;
        fputs(first ? "" : ",", f);
        first = 0;
        switch (c->kind) {
        case 'd':
            if (FM_COL_DAY(x, c) != FM_DAY_NONE) {
                fm_day_format(FM_COL_DAY(x, c), d);
                fputs(d, f);
            }
            break;
        case 'i': csv_int(f, FM_COL_INT(x, c)); break;
        case 'p':
            if (has_xy)
                fprintf(f, "%.7f,%.7f", x->lat, x->lon);
            else
                fputc(',', f);
            break;
        case 'r':
            if (isfinite(FM_COL_DBL(x, c)))
                fprintf(f, "%.3f", FM_COL_DBL(x, c));
            break;
        default:
            t = col_text(x, c);
            fm_csv_write_field(f, t ? t : "");
        }
    }
    fputc('\n', f);
}

/* Writes s as XML 1.0 character data. The markup characters are escaped; the
 * characters XML 1.0 forbids outright, which no escape can carry (C0 controls
 * other than tab, LF and CR, such as ESC, BEL and VT; U+FFFE and U+FFFF),
 * become U+FFFD, the replacement character, so the file stays XML and the
 * reader still sees that something was there. */
static void xml_str(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\t': case '\n': case '\r': fputc(c, f); break;
        default:
            if (c < 0x20) {
                fputs("\xEF\xBF\xBD", f);
            } else if (c == 0xEF && (unsigned char)s[1] == 0xBF &&
                       ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF)) {
                fputs("\xEF\xBF\xBD", f);
                s += 2;
            } else {
                fputc(c, f);
            }
        }
    }
}

/* KML styles by event type, in the maps' colours (render/symbols.c,
 * Okabe-Ito): the same keywords pick them, so a type reads the same on the
 * map and in Google Earth. Colours are KML's aabbggrr. */
static const struct {
    const char *key, *id, *abgr;
} kml_styles[] = {
    {"battle", "battles", "ff005ed5"},        {"explosion", "explosions", "ffb27200"},
    {"remote", "explosions", "ffb27200"},     {"civilian", "civilians", "ffa779cc"},
    {"one-sided", "civilians", "ffa779cc"},   {"protest", "protests", "ff739e00"},
    {"riot", "riots", "ff009fe6"},            {"strategic", "strategic", "ffe9b456"},
    {"", "other", "ff666666"},
};

/* The style id of an event type: the first keyword it holds, else "other". */
static const char *kml_style_of(const char *type)
{
    size_t n = sizeof kml_styles / sizeof kml_styles[0];
    for (size_t i = 0; type && i + 1 < n; i++)
        for (const char *p = type; *p; p++)
            if (!strncasecmp(p, kml_styles[i].key, strlen(kml_styles[i].key)))
                return kml_styles[i].id;
    return kml_styles[n - 1].id;
}

/* The document head: its name, the credits (which travel with the file,
 * as on the maps) and one style per type, before any placemark as KML's
 * schema orders them. */
static void kml_head(FILE *f, const char *credits)
{
    size_t n = sizeof kml_styles / sizeof kml_styles[0];
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>frontiermap incidents"
          "</name>\n", f);
    if (credits && *credits) {
        fputs("<description>", f);
        xml_str(f, credits);
        fputs("</description>\n", f);
    }
    for (size_t i = 0; i < n; i++) {
        if (i && !strcmp(kml_styles[i].id, kml_styles[i - 1].id))
            continue;
        fprintf(f, "<Style id=\"%s\"><IconStyle><color>%s</color><scale>0.8</scale><Icon>"
                   "<href>http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png</href>"
                   "</Icon></IconStyle><LabelStyle><scale>0.7</scale></LabelStyle></Style>\n",
                kml_styles[i].id, kml_styles[i].abgr);
    }
}

/* One placemark; 0 when the incident has no point (KML cannot hold it). Its
 * TimeSpan begins on the first day of its span and ends on the last (a
 * one-day incident: both the same day), as dates: the sources give days. */
static int kml_placemark(FILE *f, const fm_incident *x)
{
    char d[11] = "", e[11] = "";
    if (!isfinite(x->lon) || !isfinite(x->lat))
        return 0;
    if (x->date_start != FM_DAY_NONE)
        fm_day_format(x->date_start, d);
    fm_day_format(x->date_end != FM_DAY_NONE ? x->date_end : x->date_start, e);
    fputs("<Placemark><name>", f);
    xml_str(f, x->location && *x->location ? x->location : x->source_id);
    fprintf(f, " %s</name><description>", d);
    xml_str(f, x->event_type);
    if (x->fatalities >= 0)
        fprintf(f, "; %d killed", x->fatalities);
    if (x->fatalities_low >= 0 && x->fatalities_high >= 0 &&
        (x->fatalities_low != x->fatalities || x->fatalities_high != x->fatalities))
        fprintf(f, " (estimates %d to %d)", x->fatalities_low, x->fatalities_high);
    if (x->claims && *x->claims) {
        fputs("; claims: ", f);
        xml_str(f, x->claims);
    }
    if (*d && strcmp(d, e))
        fprintf(f, "; %s to %s", d, e);
    if (x->loc_precision == FM_LOC_NEAR)
        fputs("; located within about 25 km", f);
    else if (x->loc_precision > FM_LOC_NEAR && fm_loc_class_name(x->loc_precision))
        fprintf(f, "; located only to the %s", fm_loc_class_name(x->loc_precision));
    fputs("; ", f);
    xml_str(f, x->source);
    fputc(' ', f);
    xml_str(f, x->source_id);
    fprintf(f, "</description>");
    if (*d)
        fprintf(f, "<TimeSpan><begin>%s</begin><end>%s</end></TimeSpan>", d, e);
    fprintf(f, "<styleUrl>#%s</styleUrl><Point><coordinates>%.7f,%.7f</coordinates></Point>"
               "</Placemark>\n", kml_style_of(x->event_type), x->lon, x->lat);
    return 1;
}

/* ---- an export under way: begin, one call per incident, end --------------- */

typedef struct {
    fm_ctx *ctx;
    fm_export_format fmt;
    FILE *f;      /* the text formats' stream (borrowed) */
    fm_store *st; /* a GeoPackage: the new store and its writer */
    fm_writer *w;
    size_t n;     /* incidents written */
    size_t nopoint; /* KML: of which without a point, so not in the file */
    const char *credits; /* KML: the document's description (borrowed) */
    fm_source_list sources; /* a GeoPackage: the sources of the rows written */
} exporter;

/* The store's records of the sources written (file, version, the day each
 * was imported), kept by the GeoPackage: its credits are the store's, not
 * the day of the export. */
static fm_status note_records(exporter *e, fm_store *from)
{
    fm_status s = FM_OK;
    for (size_t i = 0; !s && i < e->sources.n; i++) {
        const char *src = e->sources.v[i].source;
        fm_source_info info;
        char day[11];
        if (!(s = fm_store_imported_on(e->ctx, from, src, day)) &&
            !(s = fm_store_source_info(e->ctx, from, src, &info)))
            s = fm_writer_note_file(e->ctx, e->w, src, info.file[0] ? info.file : NULL,
                                    info.version, day[0] ? day : NULL);
    }
    return s;
}

static fm_status exp_begin(exporter *e, fm_ctx *ctx, fm_export_format fmt, FILE *f,
                           const char *gpkg_path, int64_t expect, const char *credits)
{
    fm_status s;
    memset(e, 0, sizeof *e);
    e->ctx = ctx;
    e->credits = credits;
    e->fmt = fmt;
    e->f = f;
    if (fmt == FM_EXPORT_GPKG) {
        if ((s = fm_store_create_output(ctx, gpkg_path, &e->st)))
            return s;
        return fm_writer_begin(ctx, e->st, expect, &e->w);
    }
    if (fmt == FM_EXPORT_KML)
        kml_head(f, credits);
    else if (fmt == FM_EXPORT_CSV)
        csv_header(f);
    else
        fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
    return FM_OK;
}

static fm_status exp_row(void *user, const fm_incident *x, double dist_m, double bearing_deg)
{
    exporter *e = user;
    fm_put_result res;
    fm_status s;
    e->n++;
    if (e->fmt == FM_EXPORT_GPKG)
        return (s = fm_source_list_wrote(e->ctx, &e->sources, x->source))
                   ? s : fm_writer_put(e->ctx, e->w, x, 1, &res);
    if (e->fmt == FM_EXPORT_CSV) {
        csv_row(e->f, x);
    } else if (e->fmt == FM_EXPORT_KML) {
        if (!kml_placemark(e->f, x)) {
            e->n--;
            e->nopoint++;
        }
    } else {
        if (e->n > 1)
            fputs(",\n", e->f);
        geojson_feature(e->f, x, dist_m, bearing_deg);
    }
    if (ferror(e->f)) /* a full disk shows here, not only at the end */
        return fm_error(e->ctx, FM_EIO, "cannot write the export: %s", strerror(errno));
    return FM_OK;
}

/* Ends the export that went as far as status s (a failure is returned). */
static fm_status exp_end(exporter *e, fm_status s)
{
    if (e->fmt == FM_EXPORT_GPKG) {
        fm_source_list_free(&e->sources);
        if (e->w)
            s = s ? (fm_writer_abort(e->w), s) : fm_writer_commit(e->ctx, e->w);
        /* rollback-journal mode, no -wal or -shm: it works on read-only media */
        if (!s)
            return fm_store_seal(e->ctx, e->st);
        fm_store_close(e->st);
        return s;
    }
    if (s)
        return s;
    if (e->fmt == FM_EXPORT_GEOJSON)
        fputs(e->n ? "\n]}\n" : "]}\n", e->f);
    else if (e->fmt == FM_EXPORT_KML)
        fputs("</Document></kml>\n", e->f);
    if (ferror(e->f))
        return fm_error(e->ctx, FM_EIO, "cannot write the export: %s", strerror(errno));
    return FM_OK;
}

/* Where the incidents come from: a result set, or a store queried row by row. */
typedef struct {
    const fm_results *r;
    fm_store *st;
    const fm_filter *f;
    fm_export_notes *notes; /* or NULL */
} export_src;

/* The rows, then (a GeoPackage) the records of their sources in the store
 * they came from. */
static fm_status feed(exporter *e, const export_src *src)
{
    fm_status s = FM_OK;
    if (!src->r)
        s = fm_store_query_each(e->ctx, src->st, src->f, exp_row, e);
    for (size_t i = 0; src->r && !s && i < src->r->n; i++)
        s = exp_row(e, &src->r->items[i], src->r->dist_m ? src->r->dist_m[i] : NAN,
                    src->r->bearing_deg ? src->r->bearing_deg[i] : NAN);
    return !s && e->fmt == FM_EXPORT_GPKG ? note_records(e, src->st) : s;
}

/* To path through a temporary file renamed into place (nothing half-written
 * is ever left, and nothing is replaced that must not be: fm_output_open),
 * or to out when path is "-". */
static fm_status export_to(fm_ctx *ctx, const export_src *src, fm_export_format fmt,
                           const char *path, FILE *out, int64_t expect, size_t *written)
{
    exporter e;
    fm_output *o = NULL;
    fm_status s;
    const char *credits = src->notes ? src->notes->credits : NULL;
    *written = 0;
    if (!strcmp(path, "-")) {
        if (fmt == FM_EXPORT_GPKG)
            return fm_error(ctx, FM_EUSAGE, "a GeoPackage cannot go to stdout: give a file name");
        if (!(s = exp_begin(&e, ctx, fmt, out, NULL, 0, credits)))
            s = feed(&e, src);
        s = exp_end(&e, s);
        *written = e.n;
        if (src->notes)
            src->notes->without_point = e.nopoint;
        return s;
    }
    if ((s = fm_output_open(ctx, path, fmt == FM_EXPORT_GPKG ? FM_OUTPUT_BY_NAME : 0, &o)))
        return s;
    if (!(s = exp_begin(&e, ctx, fmt, fm_output_stream(o), fm_output_temp(o), expect, credits)))
        s = feed(&e, src);
    s = exp_end(&e, s);
    if (s) {
        fm_output_abort(o);
        return s;
    }
    *written = e.n;
    if (src->notes)
        src->notes->without_point = e.nopoint;
    return fm_output_commit(ctx, o);
}

fm_status fm_results_write(fm_ctx *ctx, const fm_results *r, fm_export_format fmt, FILE *f)
{
    export_src src = {r, NULL, NULL, NULL};
    size_t n;
    return export_to(ctx, &src, fmt, "-", f, 0, &n);
}

fm_status fm_results_export(fm_ctx *ctx, const fm_results *r, fm_store *from,
                            fm_export_format fmt, const char *path)
{
    export_src src = {r, from, NULL, NULL};
    size_t n;
    if (fmt == FM_EXPORT_GPKG && !from)
        return fm_error(ctx, FM_EUSAGE, "a GeoPackage of a result set records its sources'"
                        " imports: give the store it was read from");
    return export_to(ctx, &src, fmt, path, stdout, (int64_t)r->n, &n);
}

fm_status fm_store_export(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_export_format fmt,
                          const char *path, FILE *out, size_t *written)
{
    return fm_store_export_notes(ctx, st, f, fmt, path, out, NULL, written);
}

fm_status fm_store_export_notes(fm_ctx *ctx, fm_store *st, const fm_filter *f,
                                fm_export_format fmt, const char *path, FILE *out,
                                fm_export_notes *notes, size_t *written)
{
    export_src src = {NULL, st, f, notes};
    int64_t expect = 0;
    fm_status s;
    /* a GeoPackage is loaded in bulk when big: the writer needs the size */
    if (fmt == FM_EXPORT_GPKG && (s = fm_store_count(ctx, st, f, &expect)))
        return s;
    return export_to(ctx, &src, fmt, path, out, expect, written);
}
