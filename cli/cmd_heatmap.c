/* cmd_heatmap.c: `frontiermap heatmap`: incident density in an equal-area
 * projection, drawn over the basemap with a perceptual ramp, optionally also
 * written as a GeoTIFF (the pipeline: heat/fm_heat.h). Its options are the
 * filter, density and page groups (cli/opt_*.c), shared with `monthly`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/fm_output.h"

/* ---- the command ---------------------------------------------------------- */

typedef struct {
    const char *db, *out, *grid_out;
    int month_given;
    fm_day since, until;
    fm_heat_opts heat;
    fm_cli_page page; /* size, dpi, labels, lang, region, title: into heat.map */
    char where[160];  /* the default title's place: heat.where */
    char cache[4096]; /* heat.layer_cache, when made from the environment */
    fm_cli_district_frame frame; /* --admin2's: its polygons are heat.map's focus */
    int titled_province; /* --admin1 alone frames the map and the title names it */
    fm_buf note;      /* heat.map.note: the incidents the frame left off */
} heat_args;

static fm_status month_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    heat_args *a = target;
    (void)opt;
    if (fm_month_parse(cli->ctx, arg, &a->since, &a->until))
        return fm_error_prefix(cli->ctx, FM_EUSAGE, "--month");
    a->month_given = 1;
    return FM_OK;
}

static const fm_opt heat_opts_table[] = {
    FM_STRING(0, "db", heat_args, db, "F",
              "store (default $FRONTIERMAP_DB, else the built-in incidents)"),
    FM_STRING(0, "out", heat_args, out, "FILE", "output .png, .pdf or .svg (required)"),
    {FM_OPTK_VALUE, 0, "month", 0, "YYYY-MM", "the period: one calendar month (or --since\n"
     "and --until)", month_value, 0, NULL, 0, NULL},
    FM_STRING(0, "grid-out", heat_args, grid_out, "FILE.tif",
              "also write the density grid as a Float32 GeoTIFF in the\n"
              "equal-area CRS, unit set (for QGIS)"),
    FM_INCLUDE(heat_args, heat, fm_cli_heat_opts),
    FM_INCLUDE(heat_args, heat.filter, fm_cli_filter_opts),
    FM_INCLUDE(heat_args, page, fm_cli_page_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_heatmap_desc = {
    "heatmap",
    "usage: frontiermap heatmap [--db F] --out FILE.png|pdf|svg\n"
    "                           [--month YYYY-MM | --since D --until D] [density options]\n"
    "                           [filters] [page options] [--grid-out FILE.tif]\n",
    "\n"
    "Kernel density of the incidents, in incidents (or fatalities) per 100 km\u00b2, computed\n"
    "on a grid in an equal-area (Albers) projection and drawn over the basemap.\n"
    "\n",
    heat_opts_table, "\nExit codes: 0 ok, 1 failure, 2 usage.\n", 0, 0, NULL};

/* The options, then what they must say together. */
static int parse_args(fm_cli *cli, int argc, char **argv, heat_args *a)
{
    const fm_cmd_desc *d = &fm_heatmap_desc;
    const char *dot;
    int rc, n;
    if ((rc = fm_opts_parse(cli, d, a, argc, argv, &n)) >= 0)
        return rc;
    if (a->month_given &&
        (a->heat.filter.since != FM_DAY_NONE || a->heat.filter.until != FM_DAY_NONE))
        return fm_opts_usage_error(cli, d, "give --month or --since/--until, not both");
    if (!a->month_given)
        a->since = a->heat.filter.since, a->until = a->heat.filter.until;
    if (a->heat.bandwidth_m < a->heat.cell_m)
        return fm_opts_usage_error(cli, d, "--bandwidth (%g km) must be at least --cell (%g km)",
                                   a->heat.bandwidth_m / 1000, a->heat.cell_m / 1000);
    if (!a->out)
        return fm_opts_usage_error(cli, d, "--out FILE is required");
    dot = strrchr(a->out, '.');
    if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".pdf") && strcasecmp(dot, ".svg")))
        return fm_opts_usage_error(cli, d, "--out '%s' must end in .png, .pdf or .svg", a->out);
    if (fm_cli_page_finish(cli, &a->page, &a->heat.filter))
        return fm_opts_usage_error(cli, d, "%s", fm_ctx_message(cli->ctx));
    a->heat.map = a->page.mo;
    a->heat.title = a->page.title;
    fm_cli_region_where(&a->page, 0, 0, a->where, sizeof a->where);
    a->heat.where = a->where;
    return -1;
}

static void subtitle_of(const heat_args *a, const fm_heat_layer *l, fm_buf *b, fm_ctx *ctx)
{
    fm_filter f = a->heat.filter;
    char n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF];
    /* the default title names the period (fm_heat_title): the subtitle does
     * not say it again, only the other filters; a title of the user's own
     * leaves the period to the subtitle */
    int titled = !a->heat.title;
    f.since = titled ? FM_DAY_NONE : a->since;
    f.until = titled ? FM_DAY_NONE : a->until;
    if (titled && a->frame.n) /* the title names the district */
        f.admin2 = NULL;
    if (titled && a->titled_province) /* ... or the province */
        f.admin1 = NULL;
    if (a->since == FM_DAY_NONE && a->until == FM_DAY_NONE)
        fm_buf_puts(ctx, b, "all dates");
    fm_cli_filter_describe_then(&f, a->heat.map.period_year, b, ctx);
    fm_buf_printf(ctx, b, "%s%s incident%s, %s killed; %s kernel, bandwidth %g km",
                  b->len ? "; " : "", fm_format_count((long long)l->incidents, n1),
                  l->incidents == 1 ? "" : "s", fm_format_count(l->fatalities, n2), a->heat.kernel == FM_KERNEL_GAUSSIAN ? "Gaussian" : "quartic",
                  a->heat.bandwidth_m / 1000);
}

/* Computes, draws and (with --grid-out) writes the grid; stores are opened by the caller. */
static fm_status heatmap_run(fm_cli *cli, heat_args *a, fm_store *st, const fm_basemap *bm,
                             const fm_gazetteer *gz)
{
    fm_heat_layer l;
    fm_proj *proj = NULL;
    fm_buf title = {0}, sub = {0}, pnote = {0};
    fm_heat_detail *hd;
    fm_detail *detail = NULL;
    fm_status s;
    double scale, t0 = fm_clock_s(), t1, t2;
    if ((s = fm_heat_proj(cli->ctx, &a->heat, &proj)))
        return s;
    /* the basemap's roads, rivers and relief load while the density is made */
    hd = bm ? fm_heat_detail_start(cli->ctx, a->grid_out && fm_grid_geotiff_needs_gdal(proj)
                                                 ? FM_HEAT_WARM_GDAL
                                                 : 0)
            : NULL;
    if ((s = fm_heat_compute(cli->ctx, st, &a->heat, proj, a->since, a->until, &l))) {
        fm_heat_detail_destroy(hd);
        fm_proj_destroy(proj);
        return s;
    }
    scale = a->heat.scale_max > 0 ? a->heat.scale_max : (l.max > 0 ? l.max : 1);
    /* the names of the period, the district changes since; a province in
     * the title as the map names it then */
    s = fm_cli_heat_period(cli, st, gz, &a->heat, a->since, a->until, &pnote);
    if (!s && a->page.province[0] && !a->frame.n)
        fm_cli_region_where(&a->page, 0, a->heat.map.period_year, a->where, sizeof a->where);
    fm_heat_title(&a->heat, a->since, a->until, &title, cli->ctx);
    subtitle_of(a, &l, &sub, cli->ctx);
    /* the grid first: a bad --grid-out path then leaves no map behind
     * either; after the detail's thread, which has loaded GDAL for it */
    if (!s && !(s = fm_buf_check(cli->ctx, &title)))
        s = fm_buf_check(cli->ctx, &sub);
    t1 = fm_clock_s();
    if (!s)
        s = fm_heat_detail_get(cli->ctx, hd, &detail);
    t2 = fm_clock_s();
    if (!s && a->grid_out)
        s = fm_grid_write_geotiff_proj(cli->ctx, l.grid, proj, fm_heat_units(&a->heat, 1),
                                       a->grid_out);
    if (!s) {
        s = fm_heat_render(cli->ctx, &a->heat, bm, gz, detail, &l, scale, fm_buf_str(&title),
                           fm_buf_str(&sub), a->out);
        fm_log(cli->ctx, FM_LOG_DEBUG,
               "heatmap: density in %.3f s, then %.3f s waiting for the basemap's detail, "
               "grid written (if asked), drawn and written in %.3f s",
               t1 - t0, t2 - t1, fm_clock_s() - t2);
    }
    if (!s && !cli->quiet) {
        fm_buf left = {0};
        fm_filter f = a->heat.filter;
        fm_cli_spatial_default(&f);
        fm_cli_left_describe(cli, &f, &l.left, "not mapped", &left);
        fprintf(cli->out, "%s: %zu incidents, %ld killed, peak %.4g %s, scale 0-%.4g\n", a->out,
                l.incidents, l.fatalities, l.max, fm_heat_units(&a->heat, 1), scale);
        if (left.len)
            fprintf(cli->out, "left out: %s\n", fm_buf_str(&left));
        fm_buf_free(&left);
    }
    fm_buf_free(&title);
    fm_buf_free(&sub);
    fm_buf_free(&pnote);
    a->heat.period_note = NULL;
    fm_heat_layer_free(&l);
    fm_heat_detail_destroy(hd);
    fm_proj_destroy(proj);
    return s;
}

/* Both outputs, before anything is computed: neither may replace the store,
 * a device or the other (a grid renamed over by the map). */
static fm_status check_outputs(fm_cli *cli, const heat_args *a)
{
    fm_status s = fm_output_check(cli->ctx, a->out, 0);
    if (s || !a->grid_out)
        return s;
    if ((s = fm_output_check(cli->ctx, a->grid_out, FM_OUTPUT_BY_NAME)))
        return s == FM_EUSAGE ? s : fm_error_prefix(cli->ctx, s, "cannot write --grid-out");
    if (fm_path_same_file(a->out, a->grid_out))
        return fm_error(cli->ctx, FM_EUSAGE, "--out and --grid-out name one file ('%s')",
                        a->out);
    return FM_OK;
}

int cmd_heatmap(fm_cli *cli, int argc, char **argv)
{
    heat_args a;
    fm_store *st = NULL;
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_status s;
    int rc;
    memset(&a, 0, sizeof a);
    fm_heat_opts_init(&a.heat);
    a.heat.layer_cache = fm_cli_layer_cache(a.cache, sizeof a.cache);
    fm_cli_page_init(&a.page);
    if ((rc = parse_args(cli, argc, argv, &a)) >= 0)
        return rc;
    fm_cli_progress_begin(cli);
    if (!(s = fm_cli_open_store(cli, a.db, FM_STORE_READ, &st)) &&
        !(s = check_outputs(cli, &a)) && !(s = fm_basemap_open(cli->ctx, NULL, &bm)) &&
        !(s = fm_gazetteer_open(cli->ctx, NULL, &gz))) {
        s = fm_cli_heat_province(cli, bm, &a.page, &a.heat, &a.titled_province);
        if (!s)
            s = fm_cli_heat_district(cli, st, gz, &a.heat, a.since, a.until, &a.frame, NULL,
                                     a.where, sizeof a.where, &a.note);
        if (!s)
            s = heatmap_run(cli, &a, st, bm, gz);
    }
    fm_cli_progress_end(cli);
    fm_buf_free(&a.note);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}
