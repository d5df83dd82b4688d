/* cmd_near.c: `frontiermap near`: incidents within a radius of a place or a
 * LAT,LON point, nearest first, with exact ellipsoidal distance and bearing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

typedef struct {
    const char *db, *where;
    int count, geojson;
    fm_table_format fmt;
    fm_filter f;
    char label[256];
} near_opts;

/* 1 when the text before the first comma is a number (strtod's view, so
 * "nan" and "inf" too): the user meant coordinates. */
static int looks_numeric(const char *s)
{
    char *end;
    if (!strchr(s, ','))
        return 0;
    (void)strtod(s, &end);
    while (end > s && *end == ' ')
        end++;
    return end > s && *end == ',';
}

static fm_status resolve_place(fm_cli *cli, near_opts *o)
{
    fm_gazetteer *gz = NULL;
    fm_geocode_hint hint = {NULL, NULL, NULL, 1, NULL, 0};
    fm_placememo *memo = NULL;
    fm_geocode_result r;
    fm_status s;
    if ((s = fm_parse_latlon(cli->ctx, o->where, &o->f.lon, &o->f.lat)) == FM_OK) {
        snprintf(o->label, sizeof o->label, "%.5f,%.5f", o->f.lat, o->f.lon);
        return FM_OK;
    }
    if (looks_numeric(o->where))
        return s; /* "95,70", "NaN,70": bad coordinates, not a place name */
    fm_ctx_clear(cli->ctx);
    if ((s = fm_gazetteer_open(cli->ctx, NULL, &gz)))
        return s;
    s = fm_geocode(cli->ctx, gz, o->where, &hint, &r);
    /* the user's store is read only when the gazetteer's answer is in doubt */
    if ((s == FM_ENOTFOUND || (!s && r.flags)) && (memo = fm_cli_placememo(cli, o->db))) {
        hint.memo = memo;
        fm_ctx_clear(cli->ctx);
        s = fm_geocode(cli->ctx, gz, o->where, &hint, &r);
    }
    if (!s) {
        o->f.lon = r.lon;
        o->f.lat = r.lat;
        snprintf(o->label, sizeof o->label, "%s (%s)", r.place ? r.place->name : o->where,
                 r.place ? fm_place_kind_name(r.place->kind) : "place");
        fm_utf8_repair(o->label); /* a long name cut by the label's size */
        if (r.flags)
            fm_cli_geocode_note(cli, NULL, o->where, &r);
        else if (r.precision > 1)
            fprintf(cli->err, "frontiermap: note: '%s' resolved to %s at %.4f,%.4f with "
                              "precision %d%s%s\n",
                    o->where, o->label, r.lat, r.lon, r.precision, *r.note ? ": " : "", r.note);
    }
    fm_gazetteer_close(gz);
    fm_placememo_destroy(memo);
    return s;
}

static void print_summary(fm_cli *cli, const near_opts *o, const fm_results *r)
{
    long long killed = 0;
    fm_day lo = o->f.since, hi = o->f.until;
    char a[11] = "", b[11] = "";
    size_t i;
    for (i = 0; i < r->n; i++) {
        const fm_incident *x = &r->items[i];
        killed += x->fatalities > 0 ? x->fatalities : 0;
        if (o->f.since == FM_DAY_NONE && (lo == FM_DAY_NONE || x->date_start < lo))
            lo = x->date_start;
        if (o->f.until == FM_DAY_NONE && (hi == FM_DAY_NONE || x->date_end > hi))
            hi = x->date_end;
    }
    if (lo != FM_DAY_NONE)
        fm_day_format(lo, a);
    if (hi != FM_DAY_NONE)
        fm_day_format(hi, b);
    fprintf(cli->out, "%zu incident%s, %lld killed (best estimate), within %g km of %s", r->n,
            r->n == 1 ? "" : "s", killed, o->f.radius_m / 1000, o->label);
    if (*a || *b)
        fprintf(cli->out, " %s to %s", *a ? a : "...", *b ? b : "...");
    fputc('\n', cli->out);
}

/* Each row says how well its place and date are known: the location class
 * with the source's own code (GED where_prec, else the ACLED scale), and the
 * date span with its class. */
static fm_status print_rows(fm_cli *cli, const near_opts *o, const fm_results *r)
{
    static const char *const hdr[] = {"source", "source_id", "date", "date_end", "date_class",
                                      "distance_km", "bearing_deg", "location", "admin1",
                                      "admin2", "event_type", "fatalities", "loc_precision",
                                      "source_precision", "lat", "lon"};
    static const int num[] = {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 1};
    fm_table *t = fm_table_create(16, hdr, num);
    fm_status s = FM_OK;
    if (!t)
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->n && !s; i++) {
        const fm_incident *x = &r->items[i];
        char d[11], e[11], km[32], az[32], k[16] = "", la[32], lo[32], sp[16] = "";
        int code = x->geo_precision_src >= 1 ? x->geo_precision_src : x->geo_precision;
        fm_day_format(x->date_start, d);
        fm_day_format(x->date_end != FM_DAY_NONE ? x->date_end : x->date_start, e);
        snprintf(km, sizeof km, "%.3f", r->dist_m[i] / 1000);
        snprintf(az, sizeof az, "%.1f", r->bearing_deg[i]);
        if (x->fatalities >= 0)
            snprintf(k, sizeof k, "%d", x->fatalities);
        if (code >= 1)
            snprintf(sp, sizeof sp, "%d", code);
        snprintf(la, sizeof la, "%.5f", x->lat);
        snprintf(lo, sizeof lo, "%.5f", x->lon);
        const char *cells[] = {x->source, x->source_id, d, e, fm_date_class_name(x->date_class),
                               km, az, x->location, x->admin1, x->admin2, x->event_type, k,
                               fm_loc_class_name(x->loc_precision), sp, la, lo};
        s = fm_table_add(cli->ctx, t, cells);
    }
    if (!s)
        fm_table_print(t, o->fmt, cli->out);
    fm_table_destroy(t);
    return s;
}

/* What the radius holds but the answer leaves out, on stdout after a table
 * and on stderr after data meant for another program. */
static fm_status print_left_out(fm_cli *cli, const near_opts *o, fm_store *st)
{
    fm_cli_left l;
    fm_buf b = {0};
    fm_status s = fm_cli_left_out(cli, st, &o->f, 0, 0, &l);
    if (!s)
        fm_cli_left_describe(cli, &o->f, &l, "not counted", &b);
    if (!s && b.len && !cli->quiet)
        fprintf(o->fmt == FM_TABLE_TEXT && !o->count && !o->geojson ? cli->out : cli->err,
                "%sleft out: %s%s\n", o->fmt == FM_TABLE_TEXT && !o->count && !o->geojson
                                            ? "" : "frontiermap: near: ",
                fm_buf_str(&b),
                l.coarse.n ? " (--precision all counts them)" : "");
    fm_buf_free(&b);
    fm_cli_left_free(&l);
    return s;
}

static int run_near(fm_cli *cli, near_opts *o)
{
    fm_store *st = NULL;
    fm_results *r = NULL;
    fm_status s;
    int64_t n;
    if ((s = resolve_place(cli, o)))
        return fm_cli_fail(cli, s);
    o->f.has_near = 1;
    if ((s = fm_cli_open_store(cli, o->db, FM_STORE_READ, &st)))
        return fm_cli_fail(cli, s);
    fm_cli_spatial_default(&o->f);
    if (o->count) {
        if (!(s = fm_store_count(cli->ctx, st, &o->f, &n)))
            fprintf(cli->out, "%lld\n", (long long)n);
    } else if (!(s = fm_store_query(cli->ctx, st, &o->f, &r))) {
        if (o->geojson)
            s = fm_results_write(cli->ctx, r, FM_EXPORT_GEOJSON, cli->out);
        else if (!(s = print_rows(cli, o, r)) && o->fmt == FM_TABLE_TEXT)
            print_summary(cli, o, r);
    }
    if (!s)
        s = print_left_out(cli, o, st);
    fm_results_destroy(r);
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    near_opts *o = target;
    (void)opt;
    o->geojson = !strcasecmp(arg, "geojson");
    if (!o->geojson && fm_table_format_parse(arg, &o->fmt) != 0)
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --format '%s': use table, csv, geojson "
                        "or json", arg);
    return FM_OK;
}

static const fm_opt near_opts_table[] = {
    FM_STRING(0, "db", near_opts, db, "F", "the store (default $FRONTIERMAP_DB, else built-in)"),
    FM_VALUE(0, "radius", near_opts, f.radius_m, "R", "25km (default), 2500m, 10 (km)",
             fm_cli_radius_value, 0, NULL),
    {FM_OPTK_VALUE, 0, "format", 0, "F", "table (default), csv, geojson or json", format_value,
     0, "table|csv|geojson|json", 0, NULL},
    FM_FLAG(0, "count", near_opts, count, "print only the number of incidents"),
    FM_INCLUDE(near_opts, f, fm_cli_filter_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_near_desc = {
    "near",
    "usage: frontiermap near [--db F] PLACE|LAT,LON [--radius 25km] [filters]\n"
    "                        [--format table|csv|geojson|json] [--count]\n",
    "Incidents within a radius of a place (crossings first) or of LAT,LON (latitude\n"
    "first, negative south and west: near -33.9,18.4), nearest first, with exact\n"
    "ellipsoidal distance and bearing.\n",
    near_opts_table, NULL, 1, 1, "no place or LAT,LON given"};

int cmd_near(fm_cli *cli, int argc, char **argv)
{
    near_opts o;
    int rc, n;
    memset(&o, 0, sizeof o);
    fm_filter_init(&o.f);
    o.f.radius_m = 25000;
    if ((rc = fm_opts_parse(cli, &fm_near_desc, &o, argc, argv, &n)) >= 0)
        return rc;
    o.where = argv[0];
    return run_near(cli, &o);
}
