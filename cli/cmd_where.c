/* cmd_where.c: `frontiermap where LAT,LON`: reverse geocoding of one point:
 * country, province, the district whose area holds it, the nearest crossing,
 * and the distance to the Durand Line with the side of it the point lies on. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"

enum { W_LAT, W_LON, W_COUNTRY, W_COUNTRY_NAME, W_PROVINCE, W_DISTRICT, W_DISTRICT_KM,
       W_DISTRICT_BASIS, W_CROSSING, W_CROSSING_KM, W_CROSSING_BEARING, W_BORDER_KM, W_SIDE, W_SUMMARY, W_NCOLS };

static const char *const where_cols[W_NCOLS] = {
    "lat", "lon", "country", "country_name", "province", "district", "district_km",
    "district_basis", "crossing", "crossing_km", "crossing_bearing_deg", "border_km", "border_side", "summary"};
static const int where_numeric[W_NCOLS] = {1, 1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0};

/* district_basis values, by fm_district_basis */
static const char *const basis_names[] = {"", "area", "near-area", "seat"};

/* "Pakistan side, 3.2 km from the Durand Line" or what is known instead. */
static void summary(const fm_basemap *bm, const fm_location *loc, const char *border_name,
                    char *out, size_t n)
{
    const char *cname = fm_basemap_country_name(bm, loc->country);
    if (loc->border_side && isfinite(loc->border_km))
        snprintf(out, n, "%s side, %.1f km from the %s", cname ? cname : loc->border_side,
                 loc->border_km, border_name);
    else if (loc->country)
        snprintf(out, n, "in %s, outside Afghanistan and Pakistan; %.1f km from the %s",
                 cname ? cname : loc->country, loc->border_km, border_name);
    else
        snprintf(out, n, "outside the mapped region; %.1f km from the %s", loc->border_km,
                 border_name);
}

static void fill_row(const fm_basemap *bm, const fm_location *loc, double lon, double lat,
                     char cell[W_NCOLS][160])
{
    const char *bname = NULL;
    double bearing = NAN;
    memset(cell, 0, (size_t)W_NCOLS * 160);
    snprintf(cell[W_LAT], 160, "%.5f", lat);
    snprintf(cell[W_LON], 160, "%.5f", lon);
    snprintf(cell[W_COUNTRY], 160, "%s", loc->country ? loc->country : "");
    snprintf(cell[W_COUNTRY_NAME], 160, "%s",
             loc->country && fm_basemap_country_name(bm, loc->country)
                 ? fm_basemap_country_name(bm, loc->country) : "");
    snprintf(cell[W_PROVINCE], 160, "%s", loc->admin1 ? loc->admin1 : "");
    if (loc->district) {
        snprintf(cell[W_DISTRICT], 160, "%s", loc->district->name);
        snprintf(cell[W_DISTRICT_KM], 160, "%.1f", loc->district_km);
        snprintf(cell[W_DISTRICT_BASIS], 160, "%s%s", basis_names[loc->district_basis],
                 loc->district_approximate ? "-approximate" : "");
    }
    if (loc->crossing) {
        fm_geod_inverse(lon, lat, loc->crossing->lon, loc->crossing->lat, &bearing);
        snprintf(cell[W_CROSSING], 160, "%s", loc->crossing->name);
        snprintf(cell[W_CROSSING_KM], 160, "%.1f", loc->crossing_km);
        snprintf(cell[W_CROSSING_BEARING], 160, "%.0f", bearing);
    }
    if (isfinite(loc->border_km))
        snprintf(cell[W_BORDER_KM], 160, "%.2f", loc->border_km);
    snprintf(cell[W_SIDE], 160, "%s", loc->border_side ? loc->border_side : "");
    if (fm_basemap_count(bm, FM_LAYER_BORDER))
        fm_basemap_geom(bm, FM_LAYER_BORDER, 0, &bname, NULL);
    summary(bm, loc, bname && *bname ? bname : "border", cell[W_SUMMARY], 160);
    for (int i = 0; i < W_NCOLS; i++) /* a name longer than its cell is cut whole */
        fm_utf8_repair(cell[i]);
}

/* The text form reads as a short answer, one field a line. */
static void print_text(fm_cli *cli, char cell[W_NCOLS][160])
{
    FILE *f = cli->out;
    fprintf(f, "position  %s, %s (lat, lon)\n", cell[W_LAT], cell[W_LON]);
    if (cell[W_COUNTRY][0])
        fprintf(f, "country   %s (%s)\n", cell[W_COUNTRY_NAME][0] ? cell[W_COUNTRY_NAME]
                                                              : cell[W_COUNTRY], cell[W_COUNTRY]);
    else
        fprintf(f, "country   none: outside the mapped region\n");
    if (cell[W_PROVINCE][0])
        fprintf(f, "province  %s\n", cell[W_PROVINCE]);
    if (cell[W_DISTRICT][0] && !strncmp(cell[W_DISTRICT_BASIS], "area", 4))
        fprintf(f, "district  %s%s\n", cell[W_DISTRICT],
                strstr(cell[W_DISTRICT_BASIS], "approximate")
                    ? " (boundary approximate: a district split off after the sources)" : "");
    else if (cell[W_DISTRICT][0])
        fprintf(f, "district  %s (%s, %s km)\n", cell[W_DISTRICT],
                !strncmp(cell[W_DISTRICT_BASIS], "near", 4) ? "in no district area; nearest one"
                                                             : "nearest district seat",
                cell[W_DISTRICT_KM]);
    if (cell[W_CROSSING][0])
        fprintf(f, "crossing  %s, %s km, bearing %s\u00b0\n", cell[W_CROSSING],
                cell[W_CROSSING_KM], cell[W_CROSSING_BEARING]);
    fprintf(f, "border    %s\n", cell[W_SUMMARY]);
}

static int where_print(fm_cli *cli, fm_table_format fmt, char cell[W_NCOLS][160])
{
    const char *row[W_NCOLS];
    fm_table *t;
    int i;
    if (fmt == FM_TABLE_TEXT) {
        print_text(cli, cell);
        return FM_EXIT_OK;
    }
    if (!(t = fm_table_create(W_NCOLS, where_cols, where_numeric)))
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    for (i = 0; i < W_NCOLS; i++)
        row[i] = cell[i];
    if (fm_table_add(cli->ctx, t, row)) {
        fm_table_destroy(t);
        return fm_cli_fail(cli, FM_ENOMEM);
    }
    fm_table_print(t, fmt, cli->out);
    fm_table_destroy(t);
    return FM_EXIT_OK;
}

/* Takes "LAT,LON" or "LAT LON" (two arguments, or one with a space). */
static fm_status parse_point(fm_cli *cli, int n, char **args, double *lon, double *lat)
{
    char buf[128];
    if (n == 2)
        snprintf(buf, sizeof buf, "%s,%s", args[0], args[1]);
    else
        snprintf(buf, sizeof buf, "%s", args[0]);
    if (n == 1 && !strchr(buf, ',') && strchr(buf, ' '))
        *strchr(buf, ' ') = ',';
    if (strlen(args[0]) + (n == 2 ? strlen(args[1]) + 1 : 0) >= sizeof buf)
        return fm_error(cli->ctx, FM_EINVAL, "invalid coordinates: too long");
    return fm_parse_latlon(cli->ctx, buf, lon, lat);
}

static int where_run(fm_cli *cli, fm_table_format fmt, double lon, double lat)
{
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_location loc;
    char cell[W_NCOLS][160];
    fm_status st = fm_basemap_open(cli->ctx, NULL, &bm);
    if (!st && (st = fm_gazetteer_open(cli->ctx, NULL, &gz)))
        fm_basemap_close(bm);
    if (st)
        return fm_cli_fail(cli, st);
    if ((st = fm_locate(cli->ctx, bm, gz, lon, lat, &loc))) {
        fm_gazetteer_close(gz);
        fm_basemap_close(bm);
        return fm_cli_fail(cli, st);
    }
    fill_row(bm, &loc, lon, lat, cell);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    return where_print(cli, fmt, cell);
}

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (fm_table_format_parse(arg, target) != 0)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --format '%s': use table, csv or json", arg);
    return FM_OK;
}

static const fm_opt where_opts[] = {
    {FM_OPTK_VALUE, 0, "format", 0, "F", "table (default), csv or json", format_value, 0,
     "table|csv|json", 0, NULL},
    FM_OPTS_END};

const fm_cmd_desc fm_where_desc = {
    "where",
    "usage: frontiermap where [--format table|csv|json] LAT,LON\n"
    "       frontiermap where [--format table|csv|json] LAT LON\n",
    "\n"
    "Tells where a point lies: country, province, the district whose area holds\n"
    "it (district polygons; for a point in none, the nearest area within 10 km),\n"
    "the nearest border crossing (geodesic km, bearing from the point), and the\n"
    "distance to the Afghanistan-Pakistan border (the Durand Line) and on which\n"
    "side. Tehsils are not known: no licensed tehsil boundaries exist offline.\n"
    "Latitude comes first, as people write it: where 34.1,71.09 (south and west\n"
    "are negative: where -33.9,18.4)\n"
    "\n",
    where_opts, NULL, 1, 2, "expected one point: LAT,LON"};

int cmd_where(fm_cli *cli, int argc, char **argv)
{
    fm_table_format fmt = FM_TABLE_TEXT;
    double lon, lat;
    int rc, n;
    if ((rc = fm_opts_parse(cli, &fm_where_desc, &fmt, argc, argv, &n)) >= 0)
        return rc;
    if (parse_point(cli, n, argv, &lon, &lat))
        return fm_opts_usage_error(cli, &fm_where_desc, "%s", fm_ctx_message(cli->ctx));
    return where_run(cli, fmt, lon, lat);
}
