/* cmd_map.c: `frontiermap map`: incidents from the store (the built-in set by
 * default) drawn on an annotated map for a report, as PNG, PDF or SVG. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "core/fm_output.h"

typedef struct {
    const char *db, *out, *subtitle, *label_list;
    const char *rings[FM_MAP_MAX_RINGS]; /* --ring PLACE:RADIUS, as given */
    size_t nrings;
    fm_filter filter;
    fm_cli_page page; /* size, dpi, labels, lang, region, title */
    int choro, choro_fatalities, have_weight; /* --choropleth admin2, --weight */
    fm_cli_callout callouts[FM_MAP_MAX_CALLOUTS]; /* --callout ID */
    size_t ncallouts;
} map_args;

/* The default title: the region's name (a province's as in year, the
 * period's last), else the district a filter frames, else the place a small
 * --bbox is about, else the frontier. */
static void make_title(const map_args *a, const fm_gazetteer *gz,
                       const fm_cli_district_frame *df, int year, fm_buf *b, fm_ctx *ctx)
{
    char where[160] = "";
    if (df->n)
        snprintf(where, sizeof where, "in %s district", df->name);
    if (!where[0] && !a->page.region && !a->page.province[0] && a->filter.has_bbox) {
        double box[4] = {a->filter.west, a->filter.south, a->filter.east, a->filter.north};
        fm_cli_bbox_where(gz, box, where, sizeof where);
    }
    if (!where[0])
        fm_cli_region_where(&a->page, 1, year, where, sizeof where);
    fm_buf_printf(ctx, b, "Incidents %s", where);
}

/* --ring PLACE:RADIUS, up to FM_MAP_MAX_RINGS; checked whole when drawn. */
static fm_status ring_value(fm_cli *cli, const fm_opt *opt, void *target, const char *v)
{
    map_args *a = target;
    const char *colon = strrchr(v, ':');
    (void)opt;
    if (a->nrings >= FM_MAP_MAX_RINGS)
        return fm_error(cli->ctx, FM_EUSAGE, "at most %d --ring options", FM_MAP_MAX_RINGS);
    if (!colon || colon == v || !colon[1])
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --ring '%s': use PLACE:RADIUS such as "
                        "Torkham:25km", v);
    a->rings[a->nrings++] = v;
    return FM_OK;
}

static fm_status choro_value(fm_cli *cli, const fm_opt *opt, void *target, const char *v)
{
    (void)opt;
    if (strcasecmp(v, "admin2") && strcasecmp(v, "district"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --choropleth '%s': use admin2 (districts)",
                        v);
    *(int *)target = 1;
    return FM_OK;
}

static fm_status weight_value(fm_cli *cli, const fm_opt *opt, void *target, const char *v)
{
    map_args *a = target;
    (void)opt;
    if (strcmp(v, "count") && strcmp(v, "fatalities"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --weight '%s': use count or fatalities",
                        v);
    a->choro_fatalities = !strcmp(v, "fatalities");
    a->have_weight = 1;
    return FM_OK;
}

static fm_status callout_value(fm_cli *cli, const fm_opt *opt, void *target, const char *v)
{
    map_args *a = target;
    (void)opt;
    if (a->ncallouts >= FM_MAP_MAX_CALLOUTS)
        return fm_error(cli->ctx, FM_EUSAGE, "at most %d --callout options",
                        FM_MAP_MAX_CALLOUTS);
    if (fm_cli_callout_parse(v, &a->callouts[a->ncallouts]))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --callout '%s': use an incident's source "
                        "id, or SOURCE:ID", v);
    a->ncallouts++;
    return FM_OK;
}

static const fm_opt map_opts[] = {
    FM_STRING(0, "db", map_args, db, "F", "GeoPackage store (default $FRONTIERMAP_DB, else the\n"
              "built-in incidents from the reports)"),
    FM_STRING(0, "out", map_args, out, "FILE", "output; the extension picks PNG, PDF or SVG"),
    FM_STRING(0, "subtitle", map_args, subtitle, "S", "the subtitle instead of the one made up"),
    {FM_OPTK_VALUE, 0, "ring", 0, "PLACE:RADIUS", "a buffer ring (geodesic circle) labelled with\n"
     "its radius, e.g. Torkham:25km or 34.1,71.09:10km; up to 8", ring_value, 0, NULL, 0, NULL},
    FM_VALUE(0, "choropleth", map_args, choro, "admin2",
             "districts shaded by their incidents (counted by the\n"
             "polygon holding each point: exact, near and district-\n"
             "level locations unless --precision says otherwise),\n"
             "in classes by natural breaks, instead of symbols;\n"
             "the districts' figures and classes go to stdout (CSV)", choro_value, 0, "admin2"),
    {FM_OPTK_VALUE, 0, "weight", 0, "W", "the choropleth's figure: count (default) or fatalities",
     weight_value, 0, "count|fatalities", 0, NULL},
    {FM_OPTK_VALUE, 0, "callout", 0, "ID", "a label box for the incident with this source id (or\n"
     "SOURCE:ID): date, place, figures, each party's claims,\n"
     "with a leader line to it; up to 8", callout_value, 0, NULL, 0, NULL},
    FM_STRING(0, "label-list", map_args, label_list, "FILE",
              "also write every name considered (placed or left out,\n"
              "where it went), the symbols and callouts, and the\n"
              "page's parts (frame, title, legend, inset, credits,\n"
              "scale bar, view), as CSV"),
    FM_INCLUDE(map_args, filter, fm_cli_filter_opts),
    FM_INCLUDE(map_args, page, fm_cli_page_opts),
    FM_OPTS_END};

const fm_cmd_desc fm_map_desc = {
    "map",
    "usage: frontiermap map [--db F] --out FILE.png|pdf|svg [filters] [--region R]\n"
    "                       [--title T] [--subtitle S] [--size A4|A3|A5|Letter|Legal|WxHmm]\n"
    "                       [--landscape] [--dpi N] [--labels LIST|none] [--lang L]\n"
    "                       [--ring PLACE:RADIUS]... [--choropleth admin2\n"
    "                       [--weight count|fatalities]] [--callout ID]...\n",
    "Draws the incidents on an annotated map: basemap with the disputed border,\n"
    "symbols sized by fatalities and coloured by type, labels, legend, scale,\n"
    "north arrow, graticule, locator inset and credits.\n",
    map_opts, "Exit codes: 0 ok, 1 failure, 2 usage.\n", 0, 0, NULL};

/* The options, then what they must say together. */
static int parse_args(fm_cli *cli, map_args *a, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_map_desc;
    const char *dot;
    int rc, n;
    if ((rc = fm_opts_parse(cli, d, a, argc, argv, &n)) >= 0)
        return rc;
    if (!a->out)
        return fm_opts_usage_error(cli, d, "--out FILE is required");
    if (a->have_weight && !a->choro)
        return fm_opts_usage_error(cli, d, "--weight is for --choropleth");
    dot = strrchr(a->out, '.');
    if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".pdf") && strcasecmp(dot, ".svg")))
        return fm_opts_usage_error(cli, d, "cannot tell the format of '%s': use .png, .pdf or "
                                   ".svg", a->out);
    if (fm_cli_page_finish(cli, &a->page, &a->filter))
        return fm_opts_usage_error(cli, d, "%s", fm_ctx_message(cli->ctx));
    return -1;
}

/* ---- from incidents to map points --------------------------------------- */

/* What the map needs of the incidents, gathered one incident at a time
 * (fm_store_query_each), so a map of a million incidents holds their points
 * (40 bytes each), not their records. */
typedef struct {
    fm_ctx *ctx;
    fm_map_point *pts;
    size_t n, cap;
    char **classes; /* event types, in order of appearance until sorted */
    size_t nclasses, ccap;
    fm_day first, last;
    char *sources[16]; /* the first distinct sources, for the credits */
    size_t nsources;
    char acled_date[11]; /* the newest ACLED import date (its access date) */
    size_t doubtful;     /* points placed by a name with a doubt (geocode-* flags) */
    size_t doubt_kind[2]; /* of which: a spelling or choice; at a district or province */
    fm_source_info ged;  /* the UCDP GED file and version imported */
    unsigned countries;  /* FM_CLI_CC_* of the incidents' own country fields */
    fm_cli_callout *callouts; /* the args', matched as the incidents pass */
    size_t ncallouts;
} map_data;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The index of an event type among those seen so far, added when new. */
static int class_seen(map_data *d, const char *type)
{
    const char *key = type && *type ? type : "Unknown type";
    for (size_t i = d->nclasses; i-- > 0;) /* a handful: from the newest */
        if (!strcmp(d->classes[i], key))
            return (int)i;
    if ((d->nclasses == d->ccap &&
         fm_grow(d->ctx, (void **)&d->classes, &d->ccap, d->nclasses + 1, sizeof *d->classes)) ||
        !(d->classes[d->nclasses] = strdup(key)))
        return -1;
    return (int)d->nclasses++;
}

/* The first 16 distinct sources, and every one the credits cite
 * (fm_credit_keep). */
static fm_status note_source(map_data *d, const fm_incident *in)
{
    const char *s = in->source ? in->source : "", *c = in->created ? in->created : "";
    if (!strcmp(s, "acled") && strlen(c) >= 10 && strncmp(c, d->acled_date, 10) > 0)
        snprintf(d->acled_date, sizeof d->acled_date, "%.10s", c);
    return fm_credit_keep(d->ctx, d->sources, &d->nsources,
                          sizeof d->sources / sizeof d->sources[0], s);
}

/* Counts a point whose place name needed more than a plain match when it
 * was geocoded (the import's geocode-* flags). */
static void note_doubt(map_data *d, const char *flags)
{
    if (!flags || !strstr(flags, "geocode-"))
        return;
    d->doubtful++;
    if (strstr(flags, "geocode-fallback") || strstr(flags, "geocode-ambiguous"))
        d->doubt_kind[1]++;
    else
        d->doubt_kind[0]++;
}

/* Says on stderr how many of the points drawn stand where a doubtful name
 * put them, so nobody reads them as surveyed positions. */
static void say_doubts(fm_cli *cli, const map_data *d)
{
    if (!d->doubtful || cli->quiet)
        return;
    fprintf(cli->err, "frontiermap: note: %zu of the %zu incidents drawn were placed by a name "
                      "that needed more than a plain match (%zu a near spelling or a choice "
                      "among same-named places, %zu at their district or province); their "
                      "flags column says which\n",
            d->doubtful, d->n, d->doubt_kind[0], d->doubt_kind[1]);
}

static fm_status collect(void *user, const fm_incident *in, double dist_m, double bearing_deg)
{
    map_data *d = user;
    fm_day end = in->date_end != FM_DAY_NONE ? in->date_end : in->date_start;
    int cls = class_seen(d, in->event_type); /* every type, plotted or not */
    fm_status s;
    (void)dist_m, (void)bearing_deg;
    if (cls < 0)
        return fm_error(d->ctx, FM_ENOMEM, "out of memory");
    if ((s = note_source(d, in)))
        return s;
    for (size_t k = 0; k < d->ncallouts; k++)
        if (fm_cli_callout_match(d->ctx, &d->callouts[k], in))
            return FM_ENOMEM;
    d->countries |= !strcmp(fm_country_code(in->country), "PK") ? FM_CLI_CC_PK
                    : !strcmp(fm_country_code(in->country), "AF") ? FM_CLI_CC_AF : 0;
    if (isnan(in->lon) || isnan(in->lat))
        return FM_OK;
    if (d->n == d->cap && fm_grow(d->ctx, (void **)&d->pts, &d->cap, d->n + 1, sizeof *d->pts))
        return FM_ENOMEM;
    d->pts[d->n].lon = in->lon, d->pts[d->n].lat = in->lat;
    d->pts[d->n].fatalities = in->fatalities;
    d->pts[d->n].cls = cls;
    /* the map's scale: 1 the point itself, 2 near it or its district, 3 wider */
    d->pts[d->n].precision = in->loc_precision == FM_LOC_EXACT ? 1
                             : in->loc_precision == FM_LOC_NEAR || in->loc_precision == FM_LOC_DISTRICT
                                 ? 2
                             : in->loc_precision > FM_LOC_DISTRICT ? 3
                             : in->geo_precision > 0 ? in->geo_precision : 1;
    d->n++;
    note_doubt(d, in->flags);
    if (in->date_start != FM_DAY_NONE && (d->first == FM_DAY_NONE || in->date_start < d->first))
        d->first = in->date_start;
    if (end != FM_DAY_NONE && (d->last == FM_DAY_NONE || end > d->last))
        d->last = end;
    return FM_OK;
}

/* Event types sorted by name, so colours and legend order are stable; the
 * points' classes follow. */
static fm_status sort_classes(map_data *d)
{
    char **sorted;
    int *to;
    if (d->nclasses == 0) /* no incidents */
        return FM_OK;
    sorted = fm_malloc_array(d->nclasses, sizeof *sorted);
    to = fm_malloc_array(d->nclasses, sizeof *to);
    if (!sorted || !to) {
        free(sorted), free(to);
        return fm_error(d->ctx, FM_ENOMEM, "out of memory");
    }
    memcpy(sorted, d->classes, d->nclasses * sizeof *sorted);
    qsort(sorted, d->nclasses, sizeof *sorted, cmp_str);
    for (size_t i = 0; i < d->nclasses; i++) {
        char **hit = bsearch(&d->classes[i], sorted, d->nclasses, sizeof *sorted, cmp_str);
        to[i] = (int)(hit - sorted);
    }
    for (size_t i = 0; i < d->n; i++)
        d->pts[i].cls = to[d->pts[i].cls];
    free(d->classes);
    d->classes = sorted;
    free(to);
    return FM_OK;
}

static void map_data_free(map_data *d)
{
    for (size_t i = 0; i < d->nclasses; i++)
        free(d->classes[i]);
    for (size_t i = 0; i < d->nsources; i++)
        free(d->sources[i]);
    free(d->classes);
    free(d->pts);
}

/* ---- subtitle and credits ------------------------------------------------ */

static void format_day(fm_day day, char *out, size_t size)
{
    static const char *const months[] = {"January", "February", "March", "April", "May",
                                         "June", "July", "August", "September", "October",
                                         "November", "December"};
    int y, m, dd;
    fm_day_to_ymd(day, &y, &m, &dd);
    snprintf(out, size, "%d %s %d", dd, months[(m - 1) % 12], y);
}

/* The last year of the period (--until, else the newest incident), whose
 * province names and units the map uses; 0 when unknown. */
static int period_last_year(const map_args *a, const map_data *d)
{
    fm_day last = a->filter.until != FM_DAY_NONE ? a->filter.until : d->last;
    int y = 0, m, dd;
    if (last != FM_DAY_NONE)
        fm_day_to_ymd(last, &y, &m, &dd);
    return y;
}

/* "N incidents, <period>" then the filters other than the period and the
 * region (the title names the region): the period asked for with --since
 * and --until when given, else the span of the incidents shown. */
static void make_subtitle(fm_cli *cli, const map_args *a, const map_data *d, size_t shown,
                          int titled_district, int titled_province, fm_buf *b)
{
    char x[40], y[40], n[FM_NUMBER_BUF];
    fm_buf f = {0};
    fm_filter rest = a->filter;
    fm_day from = a->filter.since != FM_DAY_NONE ? a->filter.since : d->first;
    fm_day to = a->filter.until != FM_DAY_NONE ? a->filter.until : d->last;
    fm_buf_printf(cli->ctx, b, "%s incident%s%s", fm_format_count((long long)shown, n),
                  shown == 1 ? "" : "s", a->choro ? " in the districts shown" : "");
    if (from != FM_DAY_NONE && to != FM_DAY_NONE) {
        format_day(from, x, sizeof x);
        format_day(to, y, sizeof y);
        fm_buf_printf(cli->ctx, b, ", %s to %s", x, y);
    } else if (from != FM_DAY_NONE) {
        format_day(from, x, sizeof x);
        fm_buf_printf(cli->ctx, b, " since %s", x);
    } else if (to != FM_DAY_NONE) {
        format_day(to, y, sizeof y);
        fm_buf_printf(cli->ctx, b, " until %s", y);
    }
    rest.since = rest.until = FM_DAY_NONE;
    if (titled_district) /* the title names it */
        rest.admin2 = NULL;
    if (titled_province)
        rest.admin1 = NULL;
    fm_cli_filter_describe_then(&rest, period_last_year(a, d), &f, cli->ctx);
    if (f.len || f.status) {
        fm_buf_puts(cli->ctx, b, " \u00b7 ");
        fm_buf_cat(cli->ctx, b, &f);
    }
    fm_buf_free(&f);
}

/* District boundaries and names are today's, province names the period's:
 * say so on maps of older incidents, naming the changes in the frame since
 * the first of them (periodnote.c). */
static void period_note(const map_args *a, const map_data *d, const fm_gazetteer *gz, fm_buf *b,
                        fm_ctx *ctx)
{
    double ext[4] = {a->page.mo.west, a->page.mo.south, a->page.mo.east, a->page.mo.north};
    fm_day first = a->filter.since != FM_DAY_NONE ? a->filter.since : d->first; /* the period */
    int y, m, dd;
    if (first == FM_DAY_NONE)
        return;
    fm_day_to_ymd(first, &y, &m, &dd);
    fm_cli_period_note(ctx, gz, y, period_last_year(a, d), a->page.mo.has_extent ? ext : NULL,
                       b);
}

/* The distinct sources of the incidents shown (at most 16) and the newest
 * ACLED import date, which stands as its access date. */
static void make_credits(fm_cli *cli, const map_data *d, fm_buf *b)
{
    fm_cli_credit_sources(cli->ctx, (const char **)d->sources, d->nsources, d->acled_date,
                          &d->ged, b);
}

/* ---- rings -------------------------------------------------------------------- */

/* Adds ring spec "PLACE:RADIUS" (PLACE a name or LAT,LON) to the map,
 * labelled "PLACE 25 km". */
static fm_status add_ring(fm_cli *cli, fm_map *map, const fm_gazetteer *gz, const char *spec)
{
    char place[256], label[300], why[256];
    const char *colon = strrchr(spec, ':');
    double lon, lat, r;
    fm_geocode_hint hint;
    fm_geocode_result gr;
    fm_status st;
    memset(&hint, 0, sizeof hint);
    hint.prefer_crossing = 1;
    snprintf(place, sizeof place, "%.*s", (int)(colon - spec), spec);
    if ((st = fm_parse_distance_m(cli->ctx, colon + 1, &r))) {
        snprintf(why, sizeof why, "%s", fm_ctx_message(cli->ctx));
        return fm_error(cli->ctx, st, "invalid --ring '%s': %s", spec, why);
    }
    if (fm_parse_latlon(cli->ctx, place, &lon, &lat) == FM_OK)
        snprintf(label, sizeof label, "%g km", r / 1000);
    else {
        fm_ctx_clear(cli->ctx);
        if ((st = fm_geocode(cli->ctx, gz, place, &hint, &gr))) {
            snprintf(why, sizeof why, "%s", fm_ctx_message(cli->ctx));
            return fm_error(cli->ctx, st, "--ring '%s': %s", spec, why);
        }
        lon = gr.lon, lat = gr.lat;
        snprintf(label, sizeof label, "%s %g km", gr.place ? gr.place->name : place, r / 1000);
    }
    return fm_map_add_ring(cli->ctx, map, lon, lat, r, label);
}

/* What the map could not place, under it: how many and their fatalities,
 * then the first few named with their claims. */
static void make_note(fm_cli *cli, const map_args *a, const fm_cli_left *l, fm_buf *b)
{
    long long named = l->coarse.n + l->unlocated.n;
    fm_cli_left_describe(cli, &a->filter, l, "not mapped", b);
    if (l->listed)
        fm_buf_printf(cli->ctx, b, ". %s: %s%s", named > (long long)l->listed ? "Among them"
                                                 : named == 1 ? "It is" : "They are",
                      fm_buf_str(&l->names),
                      named > (long long)l->listed ? "; ..." : "");
}

/* ---- the choropleth ------------------------------------------------------- */

/* Counts the points by district; the subtitle then gives the incidents in the
 * districts drawn (whole districts, even where the frame cuts them). The
 * note about what was not mapped is written first: the districts' follows. */
static fm_status choro_prepare(fm_cli *cli, const map_args *a, const map_data *d,
                               const fm_gazetteer *gz, fm_store *store, fm_cli_choro *r,
                               fm_buf *note)
{
    double ext[4] = {a->page.mo.west, a->page.mo.south, a->page.mo.east, a->page.mo.north};
    fm_day last = a->filter.until != FM_DAY_NONE ? a->filter.until : d->last;
    int y = 9999, m, dd;
    unsigned countries = d->countries;
    if (last != FM_DAY_NONE)
        fm_day_to_ymd(last, &y, &m, &dd);
    /* under a province or district filter the incidents kept may be few or
     * none: whether the sources cover a country is asked of the rest too
     * (else a district of theirs without incidents would be "no data") */
    for (int k = 0; store && (a->filter.admin1 || a->filter.admin2) && k < 2; k++) {
        fm_filter f = a->filter;
        int64_t n = 0;
        unsigned bit = k ? FM_CLI_CC_AF : FM_CLI_CC_PK;
        fm_status st;
        f.admin1 = f.admin2 = NULL, f.country = k ? "AF" : "PK";
        if (!(countries & bit) && (st = fm_store_count(cli->ctx, store, &f, &n)))
            return st;
        countries |= n > 0 ? bit : 0;
    }
    return fm_cli_choropleth(cli, &a->filter, gz, d->pts, d->n, a->choro_fatalities,
                             countries, a->page.province, y,
                             a->page.mo.has_extent ? ext : NULL, r, note);
}

/* Which districts the frame of the last render shows (shown[r->n]): a
 * district drawn with any polygon (its own, or one joined to it) meeting
 * the frame; returns the incidents in them. */
static size_t choro_in_frame(fm_map *map, const fm_cli_choro *r, unsigned char *shown)
{
    size_t n = 0;
    for (size_t i = 0, k = 0; i < r->n; i++) { /* dgeoms: each unit's own, then its joined */
        shown[i] = (unsigned char)fm_map_polygon_in_frame(map, r->dgeoms[k++]);
        for (; k < r->c.n && r->djoined[k]; k++)
            shown[i] |= (unsigned char)fm_map_polygon_in_frame(map, r->dgeoms[k]);
        n += shown[i] ? (size_t)r->incidents[i] : 0;
    }
    return n;
}

/* The districts' figures on stdout, those in the frame only, their zero or
 * no data rows kept, so the rows are what a reader sees. */
static fm_status choro_print(fm_cli *cli, fm_map *map, const fm_cli_choro *r)
{
    unsigned char *shown = calloc(r->n ? r->n : 1, 1);
    fm_status st;
    if (!shown)
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    choro_in_frame(map, r, shown);
    st = fm_cli_choro_print(cli, r, shown, cli->out);
    free(shown);
    return st;
}

/* The subtitle's count of a choropleth is of the districts in the frame as
 * laid out, which the page may widen past the extent choro_prepare counted
 * in (the A4 Bajaur map said 834 incidents, its CSV listed 875; the A4
 * landscape Khyber map 2,075 and 2,018): after a render, the count of the
 * districts its frame shows; when it differs, the map is drawn again with
 * it (at most twice more, should the new subtitle move the frame). */
static fm_status choro_recount(fm_cli *cli, const map_args *a, const map_data *d,
                               fm_cli_choro *r, int titled_district, int titled_province,
                               fm_map *map)
{
    unsigned char *shown = calloc(r->n ? r->n : 1, 1);
    fm_status st = shown ? FM_OK : fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    for (int k = 0; !st && !a->subtitle && k < 2; k++) {
        size_t n = choro_in_frame(map, r, shown);
        fm_buf sub = {0};
        if (n == r->shown)
            break;
        r->shown = n;
        make_subtitle(cli, a, d, n, titled_district, titled_province, &sub);
        if (!(st = fm_buf_check(cli->ctx, &sub)) &&
            !(st = fm_map_set_subtitle(cli->ctx, map, fm_buf_str(&sub))))
            st = fm_map_render(cli->ctx, map, a->out);
        fm_buf_free(&sub);
    }
    free(shown);
    return st;
}

/* ---- a district filter's frame ------------------------------------------ */

/* Under --admin2 without --region or --bbox the map frames the district
 * (districtframe.c) and veils the land around its polygons; the points
 * filed under it but placed far outside are left off and said in the note. */
static fm_status district_frame(fm_cli *cli, map_args *a, const fm_gazetteer *gz, map_data *d,
                                fm_cli_district_frame *df, fm_buf *note)
{
    fm_map_opts *mo = &a->page.mo;
    size_t k = 0;
    fm_status st;
    if ((st = fm_cli_district_frame_apply(cli->ctx, gz, &a->filter, d->pts, d->n, mo, df)) ||
        !df->n || a->choro) /* a choropleth counts them in the polygons holding them */
        return st;
    for (size_t i = 0; i < d->n; i++)
        if (d->pts[i].lon >= mo->west && d->pts[i].lon <= mo->east &&
            d->pts[i].lat >= mo->south && d->pts[i].lat <= mo->north)
            d->pts[k++] = d->pts[i];
    d->n = k;
    return fm_cli_district_frame_note(cli->ctx, df, note);
}

/* ---- the command ---------------------------------------------------------- */

static fm_status draw(fm_cli *cli, map_args *a, fm_store *store)
{
    fm_basemap *bm = NULL;
    fm_gazetteer *gz = NULL;
    fm_map *map = NULL;
    map_data d;
    fm_buf sub = {0}, cred = {0}, title = {0}, note = {0};
    fm_cli_left left;
    fm_cli_choro choro;
    fm_cli_district_frame df; /* its polygons are gz's, its array the map's focus */
    fm_status st;
    int titled_province = 0; /* --admin1 frames and titles the map */
    memset(&df, 0, sizeof df);
    memset(&choro, 0, sizeof choro);
    memset(&d, 0, sizeof d);
    memset(&left, 0, sizeof left);
    d.ctx = cli->ctx;
    d.first = d.last = FM_DAY_NONE;
    d.callouts = a->callouts, d.ncallouts = a->ncallouts;
    if (a->choro && !a->filter.loc_mask) /* only points that fall in their district */
        a->filter.loc_mask = FM_LOC_BIT(FM_LOC_EXACT) | FM_LOC_BIT(FM_LOC_NEAR) |
                             FM_LOC_BIT(FM_LOC_DISTRICT);
    if (a->choro && a->page.has_region_box) /* districts are counted whole, not cut by the frame */
        a->filter.has_bbox = 0;
    fm_cli_spatial_default(&a->filter);
    if (!(st = fm_basemap_open(cli->ctx, NULL, &bm)) && a->page.province[0]) {
        double e[4];
        if (!(st = fm_cli_region_apply(cli->ctx, bm, a->page.province, &a->filter,
                                      &a->page.mo, e))) {
            fm_map_opts *mo = &a->page.mo;
            mo->has_extent = 1;
            mo->west = e[0], mo->south = e[1], mo->east = e[2], mo->north = e[3];
        }
    } else if (!st && a->filter.admin1 && !a->filter.admin2 && !a->page.region &&
               !a->filter.has_bbox) {
        /* (titled "Incidents on the Afghanistan-Pakistan frontier", the
         * subtitle saying "province: kp", framed on the whole frontier) */
        titled_province = fm_cli_province_frame(cli->ctx, bm, a->filter.admin1, &a->page);
    }
    if (!st && !(st = fm_store_query_each(cli->ctx, store, &a->filter, collect, &d)) &&
        !(st = fm_cli_left_out(cli, store, &a->filter, 1, 1, &left)) &&
        !(st = sort_classes(&d)) && !(st = fm_gazetteer_open(cli->ctx, NULL, &gz)) &&
        !(st = fm_store_source_info(cli->ctx, store, "ged", &d.ged))) {
        for (size_t k = 0; k < a->ncallouts; k++)
            if ((st = fm_cli_callout_check(cli->ctx, &a->callouts[k])))
                goto done;
        if (fm_cli_db_path(a->db)) /* the built-in incidents are curated, not the user's */
            say_doubts(cli, &d);
        make_note(cli, a, &left, &note);
        if ((st = district_frame(cli, a, gz, &d, &df, &note)))
            goto done;
        if (a->choro && (st = choro_prepare(cli, a, &d, gz, store, &choro, &note)))
            goto done;
        make_subtitle(cli, a, &d, a->choro ? choro.shown : d.n, df.n && !a->page.title,
                      titled_province && !a->page.title, &sub);
        make_credits(cli, &d, &cred);
        period_note(a, &d, gz, &cred, cli->ctx);
        make_title(a, gz, &df, period_last_year(a, &d), &title, cli->ctx);
        if ((st = fm_buf_check(cli->ctx, &sub)) || (st = fm_buf_check(cli->ctx, &cred)) ||
            (st = fm_buf_check(cli->ctx, &title)) || (st = fm_buf_check(cli->ctx, &note)))
            goto done;
        a->page.mo.note = note.len ? fm_buf_str(&note) : NULL;
        a->page.mo.title = a->page.title ? a->page.title : fm_buf_str(&title);
        a->page.mo.subtitle = a->subtitle ? a->subtitle : fm_buf_str(&sub);
        a->page.mo.credits = fm_buf_str(&cred);
        a->page.mo.empty_message = "No incidents match the filters";
        a->page.mo.period_year = period_last_year(a, &d);
        if (!(st = fm_map_create(cli->ctx, &a->page.mo, bm, gz, &map)) &&
            !(st = fm_map_set_points(cli->ctx, map, d.pts, a->choro ? 0 : d.n,
                                     (const char *const *)d.classes, d.nclasses)) &&
            (!a->choro || !(st = fm_map_set_choropleth(cli->ctx, map, &choro.c)))) {
            for (size_t i = 0; i < a->nrings && !st; i++)
                st = add_ring(cli, map, gz, a->rings[i]);
            for (size_t i = 0; i < a->ncallouts && !st; i++)
                st = fm_map_add_callout(cli->ctx, map, a->callouts[i].lon, a->callouts[i].lat,
                                        a->callouts[i].head, a->callouts[i].body);
            if (!st)
                st = fm_map_render(cli->ctx, map, a->out);
            if (!st && a->choro)
                st = choro_recount(cli, a, &d, &choro, df.n && !a->page.title,
                                   titled_province && !a->page.title, map);
            if (!st && a->label_list)
                st = fm_cli_label_list_write(cli->ctx, map, a->label_list);
            if (!st && a->choro) /* the figures behind the shades, as data */
                st = choro_print(cli, map, &choro);
        }
    }
done:
    fm_map_destroy(map);
    fm_gazetteer_close(gz);
    fm_basemap_close(bm);
    fm_buf_free(&sub);
    fm_buf_free(&cred);
    fm_buf_free(&title);
    fm_buf_free(&note);
    fm_cli_left_free(&left);
    fm_cli_choro_free(&choro);
    for (size_t k = 0; k < a->ncallouts; k++)
        fm_cli_callout_free(&a->callouts[k]);
    map_data_free(&d);
    return st;
}

int cmd_map(fm_cli *cli, int argc, char **argv)
{
    map_args a;
    fm_store *store = NULL;
    fm_status st;
    int rc;
    memset(&a, 0, sizeof a);
    fm_filter_init(&a.filter);
    fm_cli_page_init(&a.page);
    if ((rc = parse_args(cli, &a, argc, argv)) >= 0)
        return rc;
    fm_cli_progress_begin(cli);
    st = fm_cli_open_store(cli, a.db, FM_STORE_READ, &store);
    if (!st) /* a refused --out fails now, not after the drawing */
        st = fm_output_check(cli->ctx, a.out, 0);
    if (!st)
        st = draw(cli, &a, store);
    fm_cli_progress_end(cli);
    fm_store_close(store);
    /* The font caches are left to the process exit, as heatmap and monthly
     * leave them: cairo's reset (fm_render_release_fonts) asserts that nothing
     * is alive and aborted a map that had been written, once in a hundred runs
     * beside an import (test_concurrency, 2026-12-06). Leak checkers see the
     * caches as reachable, not lost. */
    return st ? fm_cli_fail(cli, st) : FM_EXIT_OK;
}
