/* choro.c: `map --choropleth admin2`: the incidents (or their fatalities)
 * counted by the district polygon holding each point (data/gazetteer/
 * districts.geojson, both countries), classed by natural breaks (Jenks) over
 * the districts with any, zero kept apart from no data, and what could not
 * be counted said under the map. Only points good enough to fall in the right
 * district count: exact, near and district-level (cmd_map sets the filter). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

#define CHORO_CLASSES 5

/* The gazetteer's one former district, South Waziristan, was split in 2022
 * into Upper and Lower South Waziristan: a period that ends before then is
 * drawn with the district its records knew. */
#define FORMER_UNTIL_YEAR 2022

typedef struct {
    const fm_area *a;
    const fm_area *succ[4]; /* a former district: the areas it became */
    size_t nsucc;
    double v;     /* incidents or fatalities */
    long long n;  /* incidents */
} district;

/* Whether area a is one that former district f became ("Upper South
 * Waziristan" of "South Waziristan"): same country and province, its name
 * holding f's. */
static int successor_of(const fm_area *a, const fm_area *f)
{
    return strcmp(a->district->name, f->district->name) &&
           strstr(a->district->name, f->district->name) &&
           !strcmp(a->district->country, f->district->country) &&
           !strcmp(a->district->admin1, f->district->admin1);
}

/* The district areas drawn: every current one, or with former set (a period
 * before the split), the former district in place of those it became. */
static fm_status collect_districts(fm_cli *cli, const fm_gazetteer *gz, int former,
                                   district **out, size_t *n, size_t *nformer)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT), k = 0, nf;
    district *d = calloc(nd ? nd : 1, sizeof *d);
    if (!d)
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    for (size_t i = 0; former && i < nd; i++) { /* the former ones first */
        const fm_area *a = fm_gazetteer_area_of(gz, fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i));
        if (a && a->former && a->geom)
            d[k++].a = a;
    }
    nf = k;
    for (size_t i = 0; i < nd; i++) {
        const fm_area *a = fm_gazetteer_area_of(gz, fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i));
        size_t j;
        if (!a || a->former || !a->geom)
            continue;
        for (j = 0; j < nf && !successor_of(a, d[j].a); j++)
            ;
        if (j < nf && d[j].nsucc < sizeof d[j].succ / sizeof d[j].succ[0])
            d[j].succ[d[j].nsucc++] = a;
        else
            d[k++].a = a;
    }
    *out = d;
    *n = k;
    *nformer = nf;
    return FM_OK;
}

static size_t find_area(const district *d, size_t n, const fm_area *a)
{
    for (size_t i = 0; i < n; i++) { /* a few hundred: a scan per point is cheap */
        if (d[i].a == a)
            return i;
        for (size_t j = 0; j < d[i].nsucc; j++)
            if (d[i].succ[j] == a)
                return i;
    }
    return n;
}

/* The places the filter keeps, canonical: the province (its name, or the
 * polygon of --region) and the district, "" when not restricted. */
typedef struct {
    char admin1[128], admin2[128];
} place_scope;

static fm_status scope_of(fm_cli *cli, const fm_filter *f, const char *province, place_scope *s)
{
    fm_admin_names *an;
    fm_admin_canon c;
    fm_status st = FM_OK;
    memset(s, 0, sizeof *s);
    if (province && *province)
        snprintf(s->admin1, sizeof s->admin1, "%s", province);
    if (!f->admin1 && !f->admin2)
        return FM_OK;
    if (!(an = fm_admin_names_create(cli->ctx)))
        return FM_ENOMEM;
    if (!(st = fm_admin_names_canon(cli->ctx, an, f->country, f->admin1, f->admin2, &c))) {
        if (f->admin1)
            snprintf(s->admin1, sizeof s->admin1, "%s", c.admin1);
        if (f->admin2)
            snprintf(s->admin2, sizeof s->admin2, "%s", c.admin2);
    }
    fm_admin_names_destroy(an);
    return st;
}

/* Whether a district lies where the incidents could have come from, else it
 * is "no data", not zero: a country the incidents' own country fields never
 * name is outside the sources' coverage (a Pakistan-only file says nothing
 * of Afghan districts), and so is every district a province or district
 * filter leaves out. A district that incidents fell in always has data. */
static int covered(const place_scope *sc, unsigned countries, const district *d)
{
    const char *cc = d->a->district->country;
    if (d->n)
        return 1;
    if (!((!strcmp(cc, "PK") && (countries & FM_CLI_CC_PK)) ||
          (!strcmp(cc, "AF") && (countries & FM_CLI_CC_AF))))
        return 0;
    if (sc->admin2[0] && strcasecmp(sc->admin2, d->a->district->name))
        return 0;
    return !sc->admin1[0] || !strcasecmp(sc->admin1, d->a->district->admin1);
}

/* Whether the district's box meets the lon/lat extent (w, s, e, n). */
static int in_extent(const fm_geom *g, const double *ext)
{
    return !ext || (g->east >= ext[0] && g->west <= ext[2] && g->north >= ext[1] &&
                    g->south <= ext[3]);
}

void fm_cli_choro_free(fm_cli_choro *r)
{
    free(r->geoms);
    free(r->values);
    free(r->areas);
    free(r->incidents);
    memset(r, 0, sizeof *r);
}

fm_status fm_cli_choropleth(fm_cli *cli, const fm_filter *f, const fm_gazetteer *gz,
                            const fm_map_point *pts, size_t npts, int fatalities,
                            unsigned countries, const char *province, int last_year,
                            const double *extent, fm_cli_choro *r, fm_buf *note)
{
    place_scope scope;
    district *d = NULL;
    size_t nd = 0, outside = 0, npos = 0, nformer = 0;
    double *pos = NULL;
    fm_status st;
    memset(r, 0, sizeof *r);
    if ((st = scope_of(cli, f, province, &scope)) || (st = collect_districts(cli, gz, last_year < FORMER_UNTIL_YEAR, &d, &nd, &nformer)))
        return st;
    for (size_t i = 0; i < npts; i++) {
        const fm_area *a = fm_gazetteer_area_at(gz, pts[i].lon, pts[i].lat, NULL);
        size_t k = a ? find_area(d, nd, a) : nd;
        if (k == nd) {
            outside++;
            continue;
        }
        d[k].n++;
        d[k].v += fatalities ? (pts[i].fatalities > 0 ? pts[i].fatalities : 0) : 1;
    }
    if (!(pos = calloc(nd ? nd : 1, sizeof *pos)) ||
        !(r->values = calloc(nd ? nd : 1, sizeof *r->values)) ||
        !(r->geoms = calloc(nd ? nd : 1, sizeof *r->geoms)) ||
        !(r->areas = calloc(nd ? nd : 1, sizeof *r->areas)) ||
        !(r->incidents = calloc(nd ? nd : 1, sizeof *r->incidents))) {
        st = fm_error(cli->ctx, FM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nd; i++) {
        r->geoms[i] = d[i].a->geom;
        r->areas[i] = d[i].a;
        r->incidents[i] = d[i].n;
        r->values[i] = covered(&scope, countries, &d[i]) ? d[i].v : NAN;
        if (r->values[i] > 0)
            pos[npos++] = r->values[i];
        if (in_extent(d[i].a->geom, extent))
            r->shown += (size_t)d[i].n, r->shown_killed += fatalities ? d[i].v : 0;
    }
    r->n = nd;
    if ((st = fm_classify_jenks(cli->ctx, pos, npos, CHORO_CLASSES, r->upper, &r->nclasses)))
        goto done;
    memset(&r->c, 0, sizeof r->c);
    r->c.geoms = (const fm_geom *const *)r->geoms, r->c.value = r->values, r->c.n = nd;
    r->c.upper = r->upper, r->c.nclasses = r->nclasses;
    r->c.heading = fatalities ? "Killed per district (best estimate)" : "Incidents per district";
    r->c.method = "Classes by natural breaks (Jenks) over the districts with any";
    r->outside = outside;
    fm_buf_printf(cli->ctx, note, "%sDistricts: each incident is counted in the district polygon "
                  "holding its point (exact, near or district-level locations only)",
                  note->len ? ". " : "");
    if (outside)
        fm_buf_printf(cli->ctx, note, "; %zu incident%s outside every district polygon not "
                      "counted", outside, outside == 1 ? "" : "s");
    for (size_t i = 0; i < nformer; i++)
        fm_buf_printf(cli->ctx, note, "; %s drawn whole, as before its %d split, since every "
                      "incident shown predates it", d[i].a->district->name, FORMER_UNTIL_YEAR);
    st = fm_buf_check(cli->ctx, note);
done:
    free(d), free(pos);
    if (st)
        fm_cli_choro_free(r);
    return st;
}

fm_status fm_cli_choro_print(fm_cli *cli, const fm_cli_choro *r, FILE *out)
{
    fputs("district,admin1,country,incidents,figure,class\n", out);
    for (size_t i = 0; i < r->n; i++) {
        const fm_place *p = r->areas[i]->district;
        fm_csv_write_field(out, p->name);
        fputc(',', out);
        fm_csv_write_field(out, p->admin1);
        fprintf(out, ",%s,", p->country);
        if (isnan(r->values[i])) /* no data: no figure, no class */
            fputs(",,\n", out);
        else
            fprintf(out, "%lld,%.0f,%d\n", r->incidents[i], r->values[i],
                    r->values[i] > 0 ? fm_classify_find(r->upper, r->nclasses, r->values[i]) + 1
                                     : 0);
    }
    if (fflush(out) || ferror(out))
        return fm_error(cli->ctx, FM_EIO, "cannot write the district figures");
    return FM_OK;
}
