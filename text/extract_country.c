/* extract_country.c: a name the gazetteer alone placed in the other country.
 * "Charbagh" alone is a town of Faryab, Afghanistan, by an alias; "Darra"
 * the Panjshir district of Darah-e Hazara. In a document whose other
 * incidents lie in Pakistan, and none but this one in Afghanistan, such a
 * name is Pakistan's place of the name: the one the name alone gives there,
 * else of its same-named places the nearest to the document's others, at a
 * precision that says it was chosen. Not when the incident's own sentences
 * name the other country ("in Afghanistan's Faryab province"), nor when a
 * hint of the sentence chose the place, nor for a province. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/fm_geo.h"
#include "text/extract_priv.h"

static int placed(const fm_text_incident *inc)
{
    return inc->geo_precision >= 1 && inc->geo_precision <= 3 && inc->place_text[0] &&
           inc->country[0];
}

static const char *code_of(const char *country)
{
    return !strcmp(country, "Pakistan") ? "PK" : !strcmp(country, "Afghanistan") ? "AF" : NULL;
}

/* Whether text[a, b) names the country of code ("Afghanistan", "Afghan"). */
static int names_country(const char *text, size_t a, size_t b, const char *code)
{
    const char *w = !strcmp(code, "AF") ? "Afghan" : "Pakistan";
    size_t l = strlen(w);
    for (size_t i = a; i + l <= b; i++)
        if (!strncasecmp(text + i, w, l))
            return 1;
    return 0;
}

/* Whether inc's own sentences leave its country unnamed (not "in
 * Afghanistan's Faryab province"). */
static int inc_own_words(const char *text, size_t len, const fm_text_incident *inc,
                         const char *code)
{
    return inc->ev.end <= len && !names_country(text, inc->ev.start, inc->ev.end, code);
}


/* The name read in country other: into *r, 1 when the geocoder's answer
 * there is a place of it (not a fallback, a spelling or a province); else 0,
 * with its same-named places in r->alt. */
static int other_answer(fm_ctx *ctx, const fm_extract_opts *opt, const fm_text_incident *inc,
                        const char *other, fm_geocode_result *r)
{
    fm_geocode_hint h = {0};
    int ok;
    h.memo = opt->memo;
    h.country = other;
    ok = fm_geocode(ctx, opt->gz, inc->place_text, &h, r) == FM_OK;
    fm_ctx_clear(ctx);
    if (!ok)
        return 0;
    r->nalt = 0; /* (an answer that will not do leaves no namesakes to choose) */
    return !(r->flags & (FM_GEOCODE_FALLBACK | FM_GEOCODE_SPELLING | FM_GEOCODE_COUNTRY)) &&
           r->place->kind != FM_PLACE_PROVINCE && !strcmp(r->place->country, other);
}

/* Whether alt is a place of the name itself in country other. */
static int namesake_in(const fm_geocode_alt *alt, const char *other)
{
    return alt->place && alt->edits == 0 && !alt->ruled_out && !strcmp(alt->place->country, other);
}

/* Whether inc's place is the one its name alone gives, and the name has a
 * place in the country other too: the place another country's reading could
 * replace. */
static int movable(fm_ctx *ctx, const fm_extract_opts *opt, const fm_text_incident *inc,
                   const char *mine, const char *other)
{
    fm_geocode_hint h = {0};
    fm_geocode_result r;
    int ok, there;
    h.memo = opt->memo;
    ok = fm_geocode(ctx, opt->gz, inc->place_text, &h, &r) == FM_OK;
    fm_ctx_clear(ctx);
    if (!ok || strcmp(r.place->country, mine) || r.place->kind == FM_PLACE_PROVINCE ||
        fabs(r.lat - inc->lat) > 1e-6 || fabs(r.lon - inc->lon) > 1e-6)
        return 0; /* (a hint of the sentence chose it, or no name alone did) */
    there = other_answer(ctx, opt, inc, other, &r);
    for (size_t k = 0; k < r.nalt && !there; k++)
        there = namesake_in(&r.alt[k], other);
    return there;
}

/* Places inc at the country other's place of its name: the one the name
 * gives there, else the same-named place nearest (lat, lon). */
static void move(fm_ctx *ctx, const fm_extract_opts *opt, fm_text_incident *inc,
                 const char *other, double lat, double lon)
{
    fm_geocode_result r;
    const fm_place *best = NULL;
    double best_d = 0;
    if (other_answer(ctx, opt, inc, other, &r)) {
        tx_fill_place(inc, r.place, r.lon, r.lat, r.precision > 2 ? r.precision : 2,
                      0.6 * r.score);
        return;
    }
    for (size_t k = 0; k < r.nalt; k++) {
        const fm_place *p = r.alt[k].place;
        double d;
        if (!namesake_in(&r.alt[k], other) || p->kind == FM_PLACE_DISTRICT ||
            p->kind == FM_PLACE_PROVINCE)
            continue;
        d = tx_metres_apart(lat, lon, p->lat, p->lon);
        if (!best || d < best_d)
            best = p, best_d = d;
    }
    if (best)
        tx_fill_place(inc, best, best->lon, best->lat, 2, 0.4);
}

void tx_resolve_lone_country(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                             size_t len, fm_text_incident *v, size_t n)
{
    unsigned char *may = n ? calloc(n, 1) : NULL;
    if (!may)
        return; /* (nothing to do, or no memory for a refinement: the places stand) */
    for (size_t i = 0; i < n; i++) {
        const char *mine = placed(&v[i]) ? code_of(v[i].country) : NULL;
        may[i] = mine && inc_own_words(text, len, &v[i], mine) &&
                 movable(ctx, opt, &v[i], mine, !strcmp(mine, "PK") ? "AF" : "PK");
    }
    for (size_t i = 0; i < n; i++) {
        const char *mine, *c;
        size_t same = 0, others = 0;
        double lat = 0, lon = 0;
        if (!may[i])
            continue;
        mine = code_of(v[i].country);
        for (size_t j = 0; j < n; j++) {
            if (j == i || !placed(&v[j]) || !(c = code_of(v[j].country)))
                continue;
            if (!strcmp(c, mine))
                same += !may[j] && strcasecmp(v[j].place_text, v[i].place_text) != 0;
            else
                others++, lat += v[j].lat, lon += v[j].lon;
        }
        if (!same && others >= 2)
            move(ctx, opt, &v[i], !strcmp(mine, "PK") ? "AF" : "PK", lat / (double)others,
                 lon / (double)others);
    }
    free(may);
}
