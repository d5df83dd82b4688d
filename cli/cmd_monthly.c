/* cmd_monthly.c: `frontiermap monthly`: one heatmap per month on one shared
 * colour scale, an index (CSV and HTML), and incremental regeneration: a month
 * is redrawn only when the hash of its rows, the options or the scale changed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/fm_output.h"

#define MONTHLY_MAX_MONTHS 1200
/* Keep the first pass's grids for the second when they fit in this many cells. */
#define MONTHLY_KEEP_CELLS (64u * 1000 * 1000)

typedef struct {
    const char *db, *outdir, *format;
    int from_y, from_m, to_y, to_m, nmonths, force;
    int have_from, have_to;
    fm_heat_opts heat;
    fm_cli_page page; /* size, dpi, labels, lang, region, title: into heat.map */
    char where[160];  /* the default title's place: heat.where */
    char cache[4096]; /* heat.layer_cache, when made from the environment */
    fm_cli_district_frame frame; /* --admin2's, one for the series: heat.map's focus */
    fm_buf note;      /* heat.map.note: the series' incidents the frame left off */
} monthly_args;

/* One month of the series. */
typedef struct {
    char name[16];         /* YYYY-MM */
    char file[48];         /* heatmap-YYYY-MM.png */
    fm_day since, until;
    fm_heat_layer layer;   /* grid kept when it fits, else recomputed */
    size_t incidents;
    long fatalities;
    fm_cli_tally unmapped;  /* of the month but not mapped (country-level, unlocated) */
    fm_cli_tally longer;    /* starting in the month, lasting longer: in no month */
    double max;
    uint64_t data;         /* hash of the month's rows */
    uint64_t key;          /* data + options + scale */
    int redraw;
} month_item;

/* --from (data 0) and --to (data 1): YYYY-MM. */
static fm_status month_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    monthly_args *a = target;
    fm_day first, last;
    int d;
    if (fm_month_parse(cli->ctx, arg, &first, &last))
        return fm_error_prefix(cli->ctx, FM_EUSAGE, "--%s", opt->long_name);
    if (opt->data == 0)
        fm_day_to_ymd(first, &a->from_y, &a->from_m, &d), a->have_from = 1;
    else
        fm_day_to_ymd(first, &a->to_y, &a->to_m, &d), a->have_to = 1;
    return FM_OK;
}

static fm_status format_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (strcmp(arg, "png") && strcmp(arg, "pdf") && strcmp(arg, "svg"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --format '%s': use png, pdf or svg", arg);
    *(const char **)target = arg;
    return FM_OK;
}

static const fm_opt monthly_opts[] = {
    FM_STRING(0, "db", monthly_args, db, "F",
              "store (default $FRONTIERMAP_DB, else the built-in incidents)"),
    {FM_OPTK_VALUE, 0, "from", 0, "YYYY-MM", "the first month (required)", month_value, 0, NULL,
     0, NULL},
    {FM_OPTK_VALUE, 0, "to", 0, "YYYY-MM", "the last month, inclusive (required)", month_value,
     1, NULL, 0, NULL},
    FM_STRING(0, "outdir", monthly_args, outdir, "DIR",
              "where the images and the index go (created; required)"),
    FM_VALUE(0, "format", monthly_args, format, "F", "image format: png (default), pdf or svg",
             format_value, 0, "png|pdf|svg"),
    FM_FLAG(0, "force", monthly_args, force, "redraw every month"),
    FM_INCLUDE(monthly_args, heat, fm_cli_heat_opts),
    FM_INCLUDE(monthly_args, heat.filter, fm_cli_filter_opts),
    FM_INCLUDE(monthly_args, page, fm_cli_page_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_monthly_desc = {
    "monthly",
    "usage: frontiermap monthly [--db F] --from YYYY-MM --to YYYY-MM --outdir DIR\n"
    "                           [--format png|pdf|svg] [--force] [density options]\n"
    "                           [filters] [page options]\n",
    "\n"
    "One heatmap per month, DIR/heatmap-YYYY-MM.png, every month on one colour scale so\n"
    "months compare: --scale-max N, else the highest density of any month in the series.\n"
    "Also writes DIR/index.csv (month,file,incidents,fatalities,max_density,scale_max,\n"
    "data_hash) and DIR/index.html, a gallery of the images. Months without incidents\n"
    "give a map that says so.\n"
    "\n"
    "Re-running regenerates only the months whose picture would change. data_hash covers\n"
    "the month's incidents (ids, coordinates, fatalities, sources; not their created or\n"
    "updated stamps), the note of those left out, the options that change the picture\n"
    "and the shared scale. Without --scale-max the scale\n"
    "is the series maximum, so new data that raises (or lowers) the highest month changes\n"
    "the scale of every month and all of them are redrawn; give --scale-max to keep the\n"
    "other months untouched. The density, filter and page options are heatmap's.\n"
    "\n",
    monthly_opts, "\nExit codes: 0 ok, 1 failure, 2 usage.\n", 0, 0, NULL};

/* The options, then what they must say together. */
static int parse_args(fm_cli *cli, int argc, char **argv, monthly_args *a)
{
    const fm_cmd_desc *d = &fm_monthly_desc;
    int rc, n;
    if ((rc = fm_opts_parse(cli, d, a, argc, argv, &n)) >= 0)
        return rc;
    if (!a->have_from || !a->have_to || !a->outdir)
        return fm_opts_usage_error(cli, d, "--from, --to and --outdir are required");
    a->nmonths = (a->to_y * 12 + a->to_m) - (a->from_y * 12 + a->from_m) + 1;
    if (a->nmonths < 1)
        return fm_opts_usage_error(cli, d, "--from is after --to");
    if (a->nmonths > MONTHLY_MAX_MONTHS)
        return fm_opts_usage_error(cli, d, "at most %d months at a time", MONTHLY_MAX_MONTHS);
    if (a->heat.filter.since != FM_DAY_NONE || a->heat.filter.until != FM_DAY_NONE)
        return fm_opts_usage_error(cli, d, "use --from/--to, not --since/--until");
    if (a->heat.bandwidth_m < a->heat.cell_m)
        return fm_opts_usage_error(cli, d, "--bandwidth (%g km) must be at least --cell (%g km)",
                                   a->heat.bandwidth_m / 1000, a->heat.cell_m / 1000);
    if (fm_cli_page_finish(cli, &a->page, &a->heat.filter))
        return fm_opts_usage_error(cli, d, "%s", fm_ctx_message(cli->ctx));
    a->heat.map = a->page.mo;
    a->heat.title = a->page.title;
    fm_cli_region_where(&a->page, 0, 0, a->where, sizeof a->where);
    a->heat.where = a->where;
    return -1;
}

static fm_status make_dir(fm_cli *cli, const char *dir)
{
    struct stat sb;
    if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)))
        return FM_OK;
    return fm_error(cli->ctx, FM_EIO, "cannot create directory '%s': %s", dir,
                    errno == EEXIST ? "a file is in the way" : strerror(errno));
}

static void months_init(const monthly_args *a, month_item *m)
{
    int i;
    for (i = 0; i < a->nmonths; i++) {
        int k = a->from_y * 12 + (a->from_m - 1) + i, y = k / 12, mo = k % 12 + 1;
        snprintf(m[i].name, sizeof m[i].name, "%04d-%02d", y, mo);
        snprintf(m[i].file, sizeof m[i].file, "heatmap-%s.%s", m[i].name, a->format);
        m[i].since = fm_day_from_ymd(y, mo, 1);
        m[i].until = fm_day_from_ymd(y, mo, fm_days_in_month(y, mo));
    }
}

/* Pass 1: every month's density, its peak and the hash of its rows. */
static fm_status months_compute(fm_cli *cli, monthly_args *a, fm_store *st, fm_proj *proj,
                                month_item *m, double *series_max)
{
    size_t kept_cells = 0;
    fm_status s;
    int i;
    *series_max = 0;
    for (i = 0; i < a->nmonths; i++) {
        if ((s = fm_heat_compute(cli->ctx, st, &a->heat, proj, m[i].since, m[i].until,
                                     &m[i].layer)))
            return fm_error_prefix(cli->ctx, s, "%s", m[i].name);
        m[i].incidents = m[i].layer.incidents;
        m[i].fatalities = m[i].layer.fatalities;
        m[i].unmapped = m[i].layer.left.coarse;
        m[i].unmapped.n += m[i].layer.left.unlocated.n;
        m[i].unmapped.killed += m[i].layer.left.unlocated.killed;
        m[i].longer = m[i].layer.left.longer;
        m[i].max = m[i].layer.max;
        m[i].data = m[i].layer.hash;
        if (m[i].max > *series_max)
            *series_max = m[i].max;
        kept_cells += m[i].layer.grid->nx * m[i].layer.grid->ny;
        if (kept_cells > MONTHLY_KEEP_CELLS)
            fm_heat_layer_free(&m[i].layer);
        if ((s = fm_progress(cli->ctx, 0.5 * (i + 1) / a->nmonths, "densities")))
            return s;
    }
    return FM_OK;
}

static uint64_t month_key(const monthly_args *a, const month_item *m, double scale)
{
    char b[160];
    uint64_t h = 14695981039346656037ULL;
    size_t i, n;
    n = (size_t)snprintf(b, sizeof b, "%016llx|%016llx|%.9g|%s|%s",
                         (unsigned long long)m->data,
                         (unsigned long long)fm_heat_opts_hash(&a->heat), scale, a->format,
                         m->name);
    for (i = 0; i < n && i < sizeof b; i++) {
        h ^= (unsigned char)b[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Reads the data_hash of each month from a previous DIR/index.csv, if any. */
static void read_previous(fm_cli *cli, const char *dir, month_item *m, int n, uint64_t *old)
{
    char path[4096];
    fm_csv *csv;
    size_t nf;
    int i;
    snprintf(path, sizeof path, "%s/index.csv", dir);
    if (access(path, R_OK) != 0 || fm_csv_open(cli->ctx, path, &csv))
        return;
    while (fm_csv_next(cli->ctx, csv, &nf) == FM_OK && nf >= 7)
        for (i = 0; i < n; i++)
            if (!strcmp(fm_csv_field(csv, 0), m[i].name) && !strcmp(fm_csv_field(csv, 1), m[i].file))
                old[i] = strtoull(fm_csv_field(csv, 6), NULL, 16);
    fm_csv_close(csv);
    fm_ctx_clear(cli->ctx);
}

static int file_exists(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return access(path, F_OK) == 0;
}

/* Pass 2: draws the months whose key changed (or whose image is missing). */
static fm_status months_draw(fm_cli *cli, monthly_args *a, fm_store *st, fm_proj *proj,
                             const fm_basemap *bm, const fm_gazetteer *gz, month_item *m,
                             double scale, int *nredrawn)
{
    char path[4096], n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF], n3[FM_NUMBER_BUF];
    fm_heat_detail *hd = NULL; /* the basemap's detail, loaded once for the series */
    fm_detail *detail = NULL;
    fm_status s = FM_OK;
    int i;
    *nredrawn = 0;
    for (i = 0; i < a->nmonths && !s; i++) {
        fm_buf title = {0}, sub = {0}, pnote = {0};
        if (!m[i].redraw)
            continue;
        if (!hd && bm)
            hd = fm_heat_detail_start(cli->ctx, 0);
        if (!m[i].layer.grid &&
            (s = fm_heat_compute(cli->ctx, st, &a->heat, proj, m[i].since, m[i].until,
                                     &m[i].layer)))
            break;
        snprintf(path, sizeof path, "%s/%s", a->outdir, m[i].file);
        /* the month's names: a province in the title as its map names it */
        s = fm_cli_heat_period(cli, st, gz, &a->heat, m[i].since, m[i].until, &pnote);
        if (!s && a->page.province[0] && !a->frame.n)
            fm_cli_region_where(&a->page, 0, a->heat.map.period_year, a->where, sizeof a->where);
        fm_heat_title(&a->heat, m[i].since, m[i].until, &title, cli->ctx);
        fm_buf_printf(cli->ctx, &sub, "%s incident%s, %s killed; one colour scale for %s to "
                      "%s (0 to %s %s)",
                      fm_format_count((long long)m[i].incidents, n1),
                      m[i].incidents == 1 ? "" : "s", fm_format_count(m[i].fatalities, n2),
                      m[0].name, m[a->nmonths - 1].name, fm_format_value(scale, n3),
                      fm_heat_units(&a->heat, 0));
        if (!s && !(s = fm_buf_check(cli->ctx, &title)) && !(s = fm_buf_check(cli->ctx, &sub)) &&
            !(s = detail ? FM_OK : fm_heat_detail_get(cli->ctx, hd, &detail)))
            s = fm_heat_render(cli->ctx, &a->heat, bm, gz, detail, &m[i].layer, scale,
                               fm_buf_str(&title), fm_buf_str(&sub), path);
        if (s)
            fm_error_prefix(cli->ctx, s, "%s", m[i].name);
        fm_buf_free(&title);
        fm_buf_free(&sub);
        fm_buf_free(&pnote);
        a->heat.period_note = NULL;
        fm_heat_layer_free(&m[i].layer);
        if (!s)
            (*nredrawn)++, s = fm_progress(cli->ctx, 0.5 + 0.5 * (i + 1) / a->nmonths, "maps");
    }
    fm_heat_detail_destroy(hd);
    return s;
}

/* Writes text to dir/name through a temporary file renamed into place. */
static fm_status write_atomic(fm_cli *cli, const char *dir, const char *name, const fm_buf *b)
{
    char path[4096];
    fm_output *o;
    fm_status s = fm_buf_check(cli->ctx, b);
    if (s)
        return s;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if ((s = fm_output_open(cli->ctx, path, 0, &o)))
        return s;
    fwrite(b->data ? b->data : "", 1, b->len, fm_output_stream(o));
    return fm_output_commit(cli->ctx, o);
}

static fm_status write_index(fm_cli *cli, const monthly_args *a, const month_item *m,
                             double scale)
{
    fm_buf csv = {0}, html = {0};
    const char *units = fm_heat_units(&a->heat, 0);
    fm_status s;
    int i, img = strcmp(a->format, "png") == 0 || strcmp(a->format, "svg") == 0;
    fm_cli_tally tot = {0, 0, 0}, un = {0, 0, 0}, lg = {0, 0, 0};
    /* incidents + unmapped + longer of every month add up to every incident
     * that starts in the series (docs/DESIGN.md "Time") */
    fm_buf_puts(cli->ctx, &csv, "month,file,incidents,fatalities,max_density,scale_max,data_hash,"
                                "unmapped_incidents,unmapped_fatalities,longer_incidents,"
                                "longer_fatalities\n");
    fm_buf_printf(cli->ctx, &html,
                  "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                  "<title>Monthly heatmaps %s to %s</title>\n<style>body{font-family:sans-serif}"
                  "figure{display:inline-block;margin:8px;width:360px}img{width:100%%}</style>\n"
                  "</head><body>\n<h1>Monthly heatmaps, %s to %s</h1>\n"
                  "<p>Every month on one colour scale: 0 to %.4g %s.</p>\n",
                  m[0].name, m[a->nmonths - 1].name, m[0].name, m[a->nmonths - 1].name, scale,
                  units);
    for (i = 0; i < a->nmonths; i++) {
        fm_buf_printf(cli->ctx, &csv, "%s,%s,%zu,%ld,%.6g,%.6g,%016llx,%lld,%lld,%lld,%lld\n",
                      m[i].name, m[i].file, m[i].incidents, m[i].fatalities, m[i].max, scale,
                      (unsigned long long)m[i].key, m[i].unmapped.n, m[i].unmapped.killed,
                      m[i].longer.n, m[i].longer.killed);
        tot.n += (long long)m[i].incidents, tot.killed += m[i].fatalities;
        un.n += m[i].unmapped.n, un.killed += m[i].unmapped.killed;
        lg.n += m[i].longer.n, lg.killed += m[i].longer.killed;
        fm_buf_printf(cli->ctx, &html, "<figure><a href=\"%s\">", m[i].file);
        if (img)
            fm_buf_printf(cli->ctx, &html, "<img src=\"%s\" alt=\"heatmap %s\">", m[i].file,
                          m[i].name);
        else
            fm_buf_printf(cli->ctx, &html, "%s", m[i].file);
        fm_buf_printf(cli->ctx, &html,
                      "</a><figcaption>%s: %zu incident%s, %ld killed; peak %.3g %s"
                      "</figcaption></figure>\n",
                      m[i].name, m[i].incidents, m[i].incidents == 1 ? "" : "s",
                      m[i].fatalities, m[i].max, units);
    }
    fm_buf_printf(cli->ctx, &html, "<p>%s to %s: %lld incidents mapped, %lld killed; %lld not"
                  " mapped (located only to the country, or unlocated), %lld killed; %lld lasting"
                  " longer than a month, %lld killed, counted in no month. In all %lld"
                  " incidents, %lld killed.</p>\n", m[0].name, m[a->nmonths - 1].name, tot.n,
                  tot.killed, un.n, un.killed, lg.n, lg.killed, tot.n + un.n + lg.n,
                  tot.killed + un.killed + lg.killed);
    fm_buf_puts(cli->ctx, &html, "</body></html>\n");
    s = write_atomic(cli, a->outdir, "index.csv", &csv);
    if (!s)
        s = write_atomic(cli, a->outdir, "index.html", &html);
    fm_buf_free(&csv);
    fm_buf_free(&html);
    return s;
}

static void report(fm_cli *cli, const monthly_args *a, const month_item *m, int nredrawn)
{
    int i, listed = 0;
    if (cli->quiet)
        return;
    fprintf(cli->out, "regenerated %d of %d month%s", nredrawn, a->nmonths,
            a->nmonths == 1 ? "" : "s");
    if (nredrawn) {
        fputs(" (", cli->out);
        for (i = 0; i < a->nmonths; i++) {
            if (!m[i].redraw)
                continue;
            if (listed == 12) {
                fputs(", ...", cli->out);
                break;
            }
            fprintf(cli->out, "%s%s", listed++ ? ", " : "", m[i].name);
        }
        fputc(')', cli->out);
    }
    fprintf(cli->out, "; %d unchanged\n", a->nmonths - nredrawn);
    {
        fm_cli_tally tot = {0, 0, 0}, un = {0, 0, 0}, lg = {0, 0, 0};
        for (i = 0; i < a->nmonths; i++) {
            tot.n += (long long)m[i].incidents, tot.killed += m[i].fatalities;
            un.n += m[i].unmapped.n, un.killed += m[i].unmapped.killed;
            lg.n += m[i].longer.n, lg.killed += m[i].longer.killed;
        }
        fprintf(cli->out, "%s to %s: %lld incidents mapped (%lld killed)", m[0].name,
                m[a->nmonths - 1].name, tot.n, tot.killed);
        if (un.n)
            fprintf(cli->out, "; %lld not mapped (country-level or unlocated, %lld killed)",
                    un.n, un.killed);
        if (lg.n)
            fprintf(cli->out, "; %lld lasting longer than a month (%lld killed), in no month",
                    lg.n, lg.killed);
        fprintf(cli->out, "; %lld in all (%lld killed)\n", tot.n + un.n + lg.n,
                tot.killed + un.killed + lg.killed);
    }
}

static fm_status monthly_run(fm_cli *cli, monthly_args *a, fm_store *st, const fm_basemap *bm,
                             const fm_gazetteer *gz, month_item *m)
{
    uint64_t *old = calloc((size_t)a->nmonths, sizeof *old);
    fm_proj *proj = NULL;
    double series_max, scale;
    int i, nredrawn = 0;
    fm_status s;
    if (!old)
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    months_init(a, m);
    if (!(s = make_dir(cli, a->outdir)) && !(s = fm_heat_proj(cli->ctx, &a->heat, &proj)) &&
        !(s = months_compute(cli, a, st, proj, m, &series_max))) {
        scale = a->heat.scale_max > 0 ? a->heat.scale_max : (series_max > 0 ? series_max : 1);
        read_previous(cli, a->outdir, m, a->nmonths, old);
        for (i = 0; i < a->nmonths; i++) {
            m[i].key = month_key(a, &m[i], scale);
            m[i].redraw = a->force || old[i] != m[i].key || !file_exists(a->outdir, m[i].file);
        }
        s = months_draw(cli, a, st, proj, bm, gz, m, scale, &nredrawn);
        /* the index records only what is on disk: written after the images */
        if (!s)
            s = write_index(cli, a, m, scale);
        if (!s)
            report(cli, a, m, nredrawn);
    }
    fm_proj_destroy(proj);
    free(old);
    return s;
}

int cmd_monthly(fm_cli *cli, int argc, char **argv)
{
    monthly_args a;
    month_item *m = NULL;
    fm_store *st = NULL;
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_status s;
    int rc, i;
    memset(&a, 0, sizeof a);
    a.format = "png";
    fm_heat_opts_init(&a.heat);
    a.heat.layer_cache = fm_cli_layer_cache(a.cache, sizeof a.cache);
    fm_cli_page_init(&a.page);
    if ((rc = parse_args(cli, argc, argv, &a)) >= 0)
        return rc;
    if (!(m = calloc((size_t)a.nmonths, sizeof *m)))
        return fm_cli_fail(cli, fm_error(cli->ctx, FM_ENOMEM, "out of memory"));
    fm_cli_progress_begin(cli);
    if (!(s = fm_cli_open_store(cli, a.db, FM_STORE_READ, &st)) &&
        !(s = fm_basemap_open(cli->ctx, NULL, &bm)) &&
        !(s = fm_gazetteer_open(cli->ctx, NULL, &gz))) {
        char series[40];
        int titled_province; /* (the subtitle names no filter) */
        snprintf(series, sizeof series, "%04d-%02d to %04d-%02d", a.from_y, a.from_m, a.to_y,
                 a.to_m);
        /* --region names a province, or --admin1 alone: its frame, for every month */
        s = fm_cli_heat_province(cli, bm, &a.page, &a.heat, &titled_province);
        if (!s) /* a district filter: one frame for every month */
            s = fm_cli_heat_district(cli, st, gz, &a.heat,
                                     fm_day_from_ymd(a.from_y, a.from_m, 1),
                                     fm_day_from_ymd(a.to_y, a.to_m,
                                                     fm_days_in_month(a.to_y, a.to_m)),
                                     &a.frame, a.nmonths > 1 ? series : NULL, a.where,
                                     sizeof a.where, &a.note);
        if (!s)
            s = monthly_run(cli, &a, st, bm, gz, m);
    }
    fm_cli_progress_end(cli);
    fm_buf_free(&a.note);
    for (i = 0; i < a.nmonths; i++)
        fm_heat_layer_free(&m[i].layer);
    free(m);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_store_close(st);
    return s ? fm_cli_fail(cli, s) : FM_EXIT_OK;
}
