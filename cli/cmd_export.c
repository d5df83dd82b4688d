/* cmd_export.c: `frontiermap export`: the incidents matching the filters
 * written as GeoJSON, GeoPackage, CSV or KML, through a temporary file. */
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static int parse_format(const char *s, fm_export_format *out)
{
    if (!strcasecmp(s, "geojson") || !strcasecmp(s, "json"))
        *out = FM_EXPORT_GEOJSON;
    else if (!strcasecmp(s, "gpkg"))
        *out = FM_EXPORT_GPKG;
    else if (!strcasecmp(s, "csv"))
        *out = FM_EXPORT_CSV;
    else if (!strcasecmp(s, "kml"))
        *out = FM_EXPORT_KML;
    else
        return 0;
    return 1;
}

/* The credits a KML file carries, as a map of the same incidents would give
 * them: each source of the rows (with UCDP GED's release and ACLED's access
 * date), the time rule and the frontiermap version. */
static fm_status kml_credits(fm_cli *cli, fm_store *st, const fm_filter *f, fm_buf *b)
{
    fm_stat_row *rows = NULL;
    const char *names[16];
    size_t n = 0, k = 0;
    char acled[11] = "";
    fm_source_info ged;
    fm_status s;
    if ((s = fm_store_stats(cli->ctx, st, f, FM_GROUP_SOURCE, &rows, &n)) ||
        (s = fm_store_source_info(cli->ctx, st, "ged", &ged)) ||
        (s = fm_store_imported_on(cli->ctx, st, "acled", acled))) {
        fm_stat_rows_free(rows, n);
        return s;
    }
    for (size_t i = 0; i < n && k < sizeof names / sizeof names[0]; i++)
        if (!fm_stat_key_apart(rows[i].key))
            names[k++] = rows[i].key;
    fm_cli_credit_sources(cli->ctx, names, k, acled, &ged, b);
    fm_buf_printf(cli->ctx, b, "Each placemark spans the days of its incident (TimeSpan); "
                  "styles are by event type. Exported by frontiermap %s.", fm_version());
    fm_stat_rows_free(rows, n);
    return fm_buf_check(cli->ctx, b);
}

static int run_export(fm_cli *cli, const char *db, const fm_filter *f, fm_export_format fmt,
                      const char *out)
{
    fm_store *st = NULL;
    size_t n = 0;
    fm_status s;
    fm_buf cred = {0};
    fm_export_notes notes = {NULL, 0};
    if (!(s = fm_cli_open_store(cli, db, FM_STORE_READ, &st)) && fmt == FM_EXPORT_KML &&
        !(s = kml_credits(cli, st, f, &cred)))
        notes.credits = fm_buf_str(&cred);
    if (!s)
        s = fm_store_export_notes(cli->ctx, st, f, fmt, out, cli->out, &notes, &n);
    fm_buf_free(&cred);
    if (!s && strcmp(out, "-") && !cli->quiet)
        fprintf(cli->err, "frontiermap: wrote %zu incidents to %s\n", n, out);
    if (!s && notes.without_point && !cli->quiet)
        fprintf(cli->err, "frontiermap: export: %zu incident%s without a point not written "
                          "(KML holds points only; CSV and GeoJSON keep them)\n",
                notes.without_point, notes.without_point == 1 ? "" : "s");
    if (!s && !cli->quiet) { /* the time rule's incidents counted apart, said aloud */
        fm_cli_left l;
        fm_buf b = {0};
        if (!(s = fm_cli_left_out(cli, st, f, 1, 0, &l)))
            fm_cli_left_describe(cli, f, &l, "not written", &b);
        if (b.len)
            fprintf(cli->err, "frontiermap: export: left out: %s\n", fm_buf_str(&b));
        fm_buf_free(&b);
        fm_cli_left_free(&l);
    }
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}

typedef struct {
    const char *db, *out;
    fm_export_format fmt;
    int have_fmt;
    fm_filter f;
} export_opts;

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    export_opts *o = target;
    (void)opt;
    if (!parse_format(arg, &o->fmt))
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --format '%s': use geojson, gpkg, csv or "
                        "kml", arg);
    o->have_fmt = 1;
    return FM_OK;
}

static fm_status near_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    fm_filter *f = target;
    (void)opt;
    if (fm_parse_latlon(cli->ctx, arg, &f->lon, &f->lat))
        return fm_error_prefix(cli->ctx, FM_EUSAGE, "--near");
    f->has_near = 1;
    return FM_OK;
}

static const fm_opt export_opts_table[] = {
    FM_STRING(0, "db", export_opts, db, "F", "the store (default $FRONTIERMAP_DB, else built-in)"),
    {FM_OPTK_VALUE, 0, "format", 0, "F", "geojson, gpkg, csv or kml (default: from --out's\n"
     "extension)", format_value, 0, "geojson|gpkg|csv|kml", 0, NULL},
    FM_STRING(0, "out", export_opts, out, "FILE", "where to write (\"-\": stdout)"),
    FM_VALUE(0, "near", export_opts, f, "LAT,LON", "only incidents within --radius of a point",
             near_value, 0, NULL),
    FM_VALUE(0, "radius", export_opts, f.radius_m, "R", "the radius for --near (default 25km)",
             fm_cli_radius_value, 0, NULL),
    FM_INCLUDE(export_opts, f, fm_cli_filter_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_export_desc = {
    "export",
    "usage: frontiermap export [--db F] --format geojson|gpkg|csv|kml --out FILE [filters]\n",
    "Writes the incidents matching the filters (all by default) to FILE (\"-\" for\n"
    "stdout, except gpkg); the file appears only once complete. FILE is never the\n"
    "store or a directory, FIFO or device: for a pipe or device use \"-\" or a\n"
    "descriptor (/dev/stdout, /dev/fd/N) and redirect.\n",
    export_opts_table, NULL, 0, 0, NULL};

int cmd_export(fm_cli *cli, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_export_desc;
    export_opts o;
    int rc, n;
    memset(&o, 0, sizeof o);
    o.fmt = FM_EXPORT_GEOJSON;
    fm_filter_init(&o.f);
    o.f.radius_m = 25000;
    if ((rc = fm_opts_parse(cli, d, &o, argc, argv, &n)) >= 0)
        return rc;
    if (!o.out)
        return fm_opts_usage_error(cli, d, "--out FILE is required");
    if (!o.have_fmt) {
        const char *dot = strrchr(o.out, '.');
        if (!dot || !parse_format(dot + 1, &o.fmt))
            return fm_opts_usage_error(cli, d, "--format is required for '%s'", o.out);
    }
    return run_export(cli, o.db, &o.f, o.fmt, o.out);
}
