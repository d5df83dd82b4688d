/* export.c: result sets written as CSV, GeoJSON (RFC 7946, every property
 * including claims), KML placemarks, or a new GeoPackage store; files are
 * written to a temporary name in the same directory and renamed into place. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/store_priv.h"

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

static void geojson_feature(FILE *f, const fm_results *r, size_t i)
{
    const fm_incident *x = &r->items[i];
    struct { const char *k; const char *v; } strs[] = {
        {"source", x->source}, {"source_id", x->source_id}, {"event_type", x->event_type},
        {"sub_event_type", x->sub_event_type}, {"actor1", x->actor1}, {"actor2", x->actor2},
        {"location", x->location}, {"admin1", x->admin1}, {"admin2", x->admin2},
        {"country", x->country}, {"claims", x->claims}, {"notes", x->notes},
        {"citation", x->citation}, {"tags", x->tags}, {"flags", x->flags},
        {"border_side", x->border_side}};
    struct { const char *k; int v; } ints[] = {
        {"date_precision", x->date_precision}, {"geo_precision", x->geo_precision},
        {"geo_precision_src", x->geo_precision_src}, {"fatalities", x->fatalities},
        {"fatalities_low", x->fatalities_low}, {"fatalities_high", x->fatalities_high},
        {"injured", x->injured}, {"civilian_targeting", x->civilian_targeting}};
    size_t k;
    fprintf(f, "{\"type\":\"Feature\",\"id\":%lld,\"geometry\":", (long long)x->id);
    if (isfinite(x->lon) && isfinite(x->lat))
        fprintf(f, "{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]}", x->lon, x->lat);
    else
        fputs("null", f);
    fputs(",\"properties\":{\"date_start\":", f);
    json_day(f, x->date_start);
    fputs(",\"date_end\":", f);
    json_day(f, x->date_end);
    for (k = 0; k < sizeof strs / sizeof strs[0]; k++) {
        fprintf(f, ",\"%s\":", strs[k].k);
        json_str(f, strs[k].v);
    }
    for (k = 0; k < sizeof ints / sizeof ints[0]; k++) {
        fprintf(f, ",\"%s\":", ints[k].k);
        json_int(f, ints[k].v);
    }
    if (isfinite(x->border_km))
        fprintf(f, ",\"border_km\":%.3f", x->border_km);
    if (r->dist_m && isfinite(r->dist_m[i]))
        fprintf(f, ",\"distance_km\":%.3f,\"bearing_deg\":%.1f", r->dist_m[i] / 1000,
                r->bearing_deg[i]);
    fputs("}}", f);
}

static void write_geojson(const fm_results *r, FILE *f)
{
    fputs("{\"type\":\"FeatureCollection\",\"features\":[\n", f);
    for (size_t i = 0; i < r->n; i++) {
        geojson_feature(f, r, i);
        fputs(i + 1 < r->n ? ",\n" : "\n", f);
    }
    fputs("]}\n", f);
}

static void csv_int(FILE *f, int v)
{
    if (v >= 0)
        fprintf(f, "%d", v);
}

static void write_csv(const fm_results *r, FILE *f)
{
    fputs("source,source_id,date_start,date_end,date_precision,event_type,sub_event_type,"
          "actor1,actor2,location,admin1,admin2,country,lat,lon,geo_precision,"
          "geo_precision_src,fatalities,fatalities_low,fatalities_high,injured,"
          "civilian_targeting,claims,notes,citation,tags,flags,border_km,border_side\n", f);
    for (size_t i = 0; i < r->n; i++) {
        const fm_incident *x = &r->items[i];
        char d1[11] = "", d2[11] = "";
        const char *a[] = {x->event_type, x->sub_event_type, x->actor1, x->actor2,
                           x->location, x->admin1, x->admin2, x->country};
        const char *b[] = {x->claims, x->notes, x->citation, x->tags, x->flags};
        if (x->date_start != FM_DAY_NONE)
            fm_day_format(x->date_start, d1);
        if (x->date_end != FM_DAY_NONE)
            fm_day_format(x->date_end, d2);
        fm_csv_write_field(f, x->source);
        fputc(',', f);
        fm_csv_write_field(f, x->source_id);
        fprintf(f, ",%s,%s,", d1, d2);
        csv_int(f, x->date_precision);
        for (size_t k = 0; k < 8; k++) {
            fputc(',', f);
            fm_csv_write_field(f, a[k] ? a[k] : "");
        }
        fprintf(f, ",%.7f,%.7f,", x->lat, x->lon);
        int n[] = {x->geo_precision, x->geo_precision_src, x->fatalities, x->fatalities_low,
                   x->fatalities_high, x->injured, x->civilian_targeting};
        for (size_t k = 0; k < 7; k++) {
            csv_int(f, n[k]);
            fputc(',', f);
        }
        for (size_t k = 0; k < 5; k++) {
            fm_csv_write_field(f, b[k] ? b[k] : "");
            fputc(',', f);
        }
        if (isfinite(x->border_km))
            fprintf(f, "%.3f", x->border_km);
        fputc(',', f);
        fm_csv_write_field(f, x->border_side ? x->border_side : "");
        fputc('\n', f);
    }
}

static void xml_str(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void write_kml(const fm_results *r, FILE *f)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>frontiermap incidents"
          "</name>\n", f);
    for (size_t i = 0; i < r->n; i++) {
        const fm_incident *x = &r->items[i];
        char d[11] = "";
        if (!isfinite(x->lon) || !isfinite(x->lat))
            continue;
        if (x->date_start != FM_DAY_NONE)
            fm_day_format(x->date_start, d);
        fputs("<Placemark><name>", f);
        xml_str(f, x->location && *x->location ? x->location : x->source_id);
        fprintf(f, " %s</name><description>", d);
        xml_str(f, x->event_type);
        if (x->fatalities >= 0)
            fprintf(f, "; %d killed", x->fatalities);
        if (x->claims && *x->claims) {
            fputs("; claims: ", f);
            xml_str(f, x->claims);
        }
        fputs("; ", f);
        xml_str(f, x->source);
        fputc(' ', f);
        xml_str(f, x->source_id);
        fprintf(f, "</description>%s%s%s<Point><coordinates>%.7f,%.7f</coordinates></Point>"
                   "</Placemark>\n", *d ? "<TimeStamp><when>" : "", d,
                *d ? "</when></TimeStamp>" : "", x->lon, x->lat);
    }
    fputs("</Document></kml>\n", f);
}

fm_status fm_results_write(fm_ctx *ctx, const fm_results *r, fm_export_format fmt, FILE *f)
{
    if (fmt == FM_EXPORT_CSV)
        write_csv(r, f);
    else if (fmt == FM_EXPORT_GEOJSON)
        write_geojson(r, f);
    else if (fmt == FM_EXPORT_KML)
        write_kml(r, f);
    else
        return fm_error(ctx, FM_EINVAL, "a GeoPackage export needs a file name");
    if (ferror(f))
        return fm_error(ctx, FM_EIO, "cannot write the export: %s", strerror(errno));
    return FM_OK;
}

static fm_status write_gpkg(fm_ctx *ctx, const fm_results *r, const char *tmp)
{
    fm_store *st = NULL;
    fm_writer *w = NULL;
    fm_put_result res;
    fm_status s;
    fm_store_remove_files(tmp);
    if ((s = fm_store_open(ctx, tmp, FM_STORE_WRITE, &st)) ||
        (s = fm_writer_begin(ctx, st, (int64_t)r->n, &w))) {
        fm_store_close(st);
        return s;
    }
    for (size_t i = 0; i < r->n && !s; i++)
        s = fm_writer_put(ctx, w, &r->items[i], 1, &res);
    s = s ? (fm_writer_abort(w), s) : fm_writer_commit(ctx, w);
    if (!s)
        s = fm_sql_exec(ctx, st->db, "PRAGMA journal_mode = DELETE;");
    fm_store_close(st);
    return s;
}

fm_status fm_results_export(fm_ctx *ctx, const fm_results *r, fm_export_format fmt,
                            const char *path)
{
    fm_buf tmp = {0};
    FILE *f;
    fm_status s = FM_OK;
    if (!strcmp(path, "-"))
        return fmt == FM_EXPORT_GPKG ? fm_error(ctx, FM_EINVAL, "a GeoPackage cannot go to stdout")
                                     : fm_results_write(ctx, r, fmt, stdout);
    fm_buf_printf(ctx, &tmp, "%s.tmp%ld", path, (long)getpid());
    if (fmt == FM_EXPORT_GPKG) {
        s = write_gpkg(ctx, r, fm_buf_str(&tmp));
    } else if (!(f = fopen(fm_buf_str(&tmp), "w"))) {
        s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    } else {
        s = fm_results_write(ctx, r, fmt, f);
        if (fclose(f) != 0 && !s)
            s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    }
    if (!s && rename(fm_buf_str(&tmp), path) != 0)
        s = fm_error(ctx, FM_EIO, "cannot write '%s': %s", path, strerror(errno));
    if (s)
        fm_store_remove_files(fm_buf_str(&tmp));
    fm_buf_free(&tmp);
    return s;
}
