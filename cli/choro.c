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

/* Districts split since the c. 2016 set (geo/succession.c, with the year of
 * each): a period whose last year predates a split is drawn with the
 * district its records knew. South Waziristan has a polygon of its own in
 * the gazetteer (flagged former); a district that remains (Qila Abdullah,
 * Loralai, Lasbela) is drawn with the ones made from it joined to it. A
 * change without a year, or to a district no polygon draws (Chitral,
 * Kohistan, FATA), or made of one without a boundary (Central Dir), is not
 * drawn so. */
static int drawn_before(const fm_district_change *ch, int last_year)
{
    return ch->year && last_year < ch->year && !ch->drawn_as;
}

typedef struct {
    const fm_area *a;
    const fm_area *succ[4]; /* the districts of today counted in it */
    size_t nsucc;
    const fm_district_change *split; /* when the period predates it */
    double v;     /* incidents or fatalities */
    long long n;  /* incidents */
} district;

static int is_pk(const fm_area *a, const char *name)
{
    return !strcmp(a->district->country, "PK") && !strcmp(a->district->name, name);
}

/* The unit of the parent of a split among d (a former polygon first), or n. */
static size_t find_parent(const district *d, size_t n, const char *parent)
{
    size_t k, cur = n;
    for (k = 0; k < n; k++)
        if (is_pk(d[k].a, parent)) {
            if (d[k].a->former)
                return k;
            cur = k;
        }
    return cur;
}

/* The district areas drawn: every current one, and for each split the
 * period predates (last_year), the district as it was, the ones made from
 * it counted in it. */
static fm_status collect_districts(fm_cli *cli, const fm_gazetteer *gz, int last_year,
                                   district **out, size_t *n)
{
    size_t nd = fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT), k = 0, i, s;
    const fm_district_change *ch;
    district *d = calloc(nd ? nd : 1, sizeof *d);
    if (!d)
        return fm_error(cli->ctx, FM_ENOMEM, "out of memory");
    for (i = 0; i < nd; i++) {
        const fm_area *a = fm_gazetteer_area_of(gz, fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, i));
        int keep = a && a->geom && !a->former;
        /* a former polygon only for a period before its split */
        for (s = 0; a && a->geom && a->former && (ch = fm_district_change_find(NULL, s)); s++)
            keep |= is_pk(a, ch->parent) && drawn_before(ch, last_year);
        if (keep)
            d[k++].a = a;
    }
    for (s = 0; (ch = fm_district_change_find(NULL, s)); s++) {
        size_t p = find_parent(d, k, ch->parent);
        if (!drawn_before(ch, last_year) || p == k)
            continue;
        d[p].split = ch;
        for (const char *m = ch->made; *m; m += strcspn(m, "|") + (m[strcspn(m, "|")] == '|')) {
            char name[128];
            snprintf(name, sizeof name, "%.*s", (int)strcspn(m, "|"), m);
            for (i = 0; i < k; i++)
                if (i != p && !d[i].a->former && is_pk(d[i].a, name) &&
                    d[p].nsucc < sizeof d[p].succ / sizeof d[p].succ[0]) {
                    d[p].succ[d[p].nsucc++] = d[i].a;
                    d[i] = d[--k]; /* order does not matter: sorted by the caller's draw */
                    if (p == k)
                        p = i;
                    break;
                }
        }
    }
    *out = d;
    *n = k;
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

/* Districts a filter may name that no polygon draws as such, and the
 * polygons that cover them (geo/succession.c): the names districts had
 * before a split (their successors' polygons) and those the sources give no
 * boundary for (Central Dir, drawn as Upper Dir; Kolai-Palas, its seat inside
 * Lower Kohistan's polygon: data/gazetteer/districts-unplaced.csv). Under a
 * filter on one of them those polygons are the filter's own: a district
 * there without incidents is a zero, not "no data". */
const char *fm_cli_district_hosts(const char *admin2, const fm_district_change **unplaced)
{
    const fm_district_change *ch;
    if (unplaced)
        *unplaced = NULL;
    for (size_t i = 0; admin2 && *admin2 && (ch = fm_district_change_find(admin2, i)); i++) {
        if (!ch->drawn_as && !strcasecmp(ch->parent, admin2))
            return ch->made; /* split: its successors */
        if (ch->drawn_as && fm_name_in_list(admin2, ch->made)) {
            if (unplaced)
                *unplaced = ch;
            return ch->drawn_as;
        }
    }
    return NULL;
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
    if (sc->admin2[0] && strcasecmp(sc->admin2, d->a->district->name) &&
        !fm_name_in_list(d->a->district->name, fm_cli_district_hosts(sc->admin2, NULL)))
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
    free(r->dgeoms);
    free(r->dvalues);
    free(r->djoined);
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
    const fm_district_change *unplaced;
    district *d = NULL;
    size_t nd = 0, outside = 0, npos = 0, ndraw = 0;
    double *pos = NULL;
    fm_status st;
    memset(r, 0, sizeof *r);
    if ((st = scope_of(cli, f, province, &scope)) || (st = collect_districts(cli, gz, last_year, &d, &nd)))
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
        !(r->incidents = calloc(nd ? nd : 1, sizeof *r->incidents)) ||
        !(r->dgeoms = calloc(3 * nd + 1, sizeof *r->dgeoms)) ||
        !(r->dvalues = calloc(3 * nd + 1, sizeof *r->dvalues)) ||
        !(r->djoined = calloc(3 * nd + 1, 1))) {
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
        /* what is drawn: the unit's polygon, then those joined to it (a
         * former polygon already holds its successors) */
        r->dgeoms[ndraw] = d[i].a->geom, r->dvalues[ndraw++] = r->values[i];
        for (size_t j = 0; !d[i].a->former && j < d[i].nsucc; j++) {
            r->dgeoms[ndraw] = d[i].succ[j]->geom, r->dvalues[ndraw] = r->values[i];
            r->djoined[ndraw++] = 1;
        }
    }
    r->n = nd;
    if ((st = fm_classify_jenks(cli->ctx, pos, npos, CHORO_CLASSES, r->upper, &r->nclasses)))
        goto done;
    memset(&r->c, 0, sizeof r->c);
    r->c.geoms = (const fm_geom *const *)r->dgeoms, r->c.value = r->dvalues, r->c.n = ndraw;
    r->c.joined = r->djoined;
    r->c.upper = r->upper, r->c.nclasses = r->nclasses;
    r->c.heading = fatalities ? "Killed per district (best estimate)" : "Incidents per district";
    /* (said whole: "... with any" alone read as a line cut short) */
    r->c.method = fatalities ? "Classes by natural breaks (Jenks) over the districts with "
                               "anyone killed"
                             : "Classes by natural breaks (Jenks) over the districts with "
                               "any incident";
    r->outside = outside;
    fm_buf_printf(cli->ctx, note, "%sDistricts: each incident is counted in the district polygon "
                  "holding its point (exact, near or district-level locations only)",
                  note->len ? ". " : "");
    if (outside)
        fm_buf_printf(cli->ctx, note, "; %zu incident%s outside every district polygon not "
                      "counted", outside, outside == 1 ? "" : "s");
    for (size_t i = 0; i < nd; i++) {
        const char *what = d[i].a->former ? "drawn whole, as before its" : "drawn with ";
        if (!d[i].split)
            continue;
        fm_buf_printf(cli->ctx, note, "; %s %s", d[i].a->district->name, what);
        for (size_t j = 0; !d[i].a->former && j < d[i].nsucc; j++)
            fm_buf_printf(cli->ctx, note, "%s%s", j ? " and " : "", d[i].succ[j]->district->name);
        fm_buf_printf(cli->ctx, note, "%s %d%s split, since every incident shown predates it",
                      d[i].a->former ? "" : ", as before their", d[i].split->year,
                      d[i].split->confirmed ? "" : "\u2020");
    }
    if (fm_cli_district_hosts(scope.admin2, &unplaced) && unplaced)
        fm_buf_printf(cli->ctx, note, "; %s has no boundary in the sources: it is drawn as "
                      "%s, %s", scope.admin2, unplaced->drawn_as,
                      !strcasecmp(unplaced->drawn_as, unplaced->parent)
                          ? "the district it was made from" : "whose polygon holds it");
    st = fm_buf_check(cli->ctx, note);
done:
    free(d), free(pos);
    if (st)
        fm_cli_choro_free(r);
    return st;
}

fm_status fm_cli_choro_print(fm_cli *cli, const fm_cli_choro *r, const unsigned char *shown,
                             FILE *out)
{
    fputs("district,admin1,country,incidents,figure,class\n", out);
    for (size_t i = 0; i < r->n; i++) {
        const fm_place *p = r->areas[i]->district;
        if (shown && !shown[i])
            continue;
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
