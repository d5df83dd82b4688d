/* extract_place.c: where an incident happened, from the places a sentence
 * names: which mention is the place (the most specific named with a cue,
 * supported by another named place, the first), and what the geocoder makes of
 * it with the districts and provinces named beside it as hints; when it cannot
 * decide, the other places named say where to look. */
#include <stdio.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "geo/fm_geo.h"
#include "text/extract_priv.h"

static int place_usable(const fm_text_place *p)
{
    return p->place && !p->metonym && !p->hometown;
}

/* The most specific usable place the sentence names (a town or village over
 * a district over a province; named with a cue before the rest). */
/* How well the sentence's other places support p as a place: 2 when one
 * names its district ("Ghunda Mela in Orakzai Agency", "Kanak, near
 * Mastung"), 1 its province, else 0. */
static int support(const tx_sentence *st, const fm_text_place *p)
{
    int best = 0;
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *o = &st->place[i];
        if (o == p || !o->place || o->place == p->place || !strcmp(o->place->name, p->place->name))
            continue;
        if (p->place->admin2 && !strcasecmp(o->place->name, p->place->admin2))
            best = 2;
        else if (p->place->admin1 && !strcasecmp(o->place->name, p->place->admin1) && !best)
            best = 1;
    }
    return best;
}

static int holds(const fm_place *a, const fm_place *p);
static int named_as_area_of(const char *text, const fm_text_place *p, const fm_text_place *o);

/* Whether q is p spelt again in brackets right after it ("Banda area (Bara
 * Bandai)", "Shireen Darra (Sherin Darra)"). */
static int spelt_again(const char *text, const fm_text_place *p, const fm_text_place *q)
{
    size_t e = p->off + p->len;
    while (e < q->off && text[e] == ' ')
        e++;
    if (e + 1 < q->off) {
        /* (a generic word may stand between: "Banda area (Bara Bandai)") */
        while (e < q->off && text[e] != '(' && text[e] != ',' && text[e] != '.')
            e++;
    }
    return e < q->off && text[e] == '(' && q->off == e + 1 &&
           text[q->off + q->len] == ')';
}

const fm_text_place *tx_pick_place(const char *text, const tx_sentence *st)
{
    const fm_text_place *best = NULL;
    int best_sup = 0;
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *p = &st->place[i];
        int sp, sb;
        if (!place_usable(p))
            continue;
        /* named with a cue ("in Orakzai district") before named in passing;
         * then the most specific; then the one another place supports ("the
         * same day as the assault on Lakki Marwat, two soldiers were killed
         * near Ghunda Mela in Orakzai Agency"); then the first named */
        int sup = support(st, p);
        if (best && best->place && p->place && best_sup == 2 && named_as_area_of(text, best, p))
            continue; /* "Kanak (Mastung)": the district the place lies in, named
                       * after it, is no rival to it */
        sp = p->kind_rank * 2 + p->cue * 3 - p->reference * 3;
        sb = best ? best->kind_rank * 2 + best->cue * 3 - best->reference * 3 : -1;
        if (!best || sp > sb || (sp == sb && sup > best_sup) ||
            (sp == sb && sup == best_sup && best->weak_cue && p->cue && !p->weak_cue) ||
            (best && p->kind_rank == best->kind_rank && spelt_again(text, best, p) &&
             p->namesakes < best->namesakes)) {
            /* ("the Banda area (Bara Bandai)": of two spellings, the one fewer
             * places share) */
            /* ("the jirga of Salarzai elders at Irab village": where, not whose) */
            best = p;
            best_sup = sup;
        }
    }
    if (best && best->place &&
        (best->place->kind == FM_PLACE_DISTRICT || best->place->kind == FM_PLACE_PROVINCE))
        for (size_t i = 0; i < st->nplace; i++) {
            /* "a bus bound for the Dasu dam site in Upper Kohistan": the town
             * named in the district it names is the place */
            const fm_text_place *p = &st->place[i];
            if (p != best && place_usable(p) && !p->reference && p->kind_rank > best->kind_rank &&
                holds(best->place, p->place)) {
                best = p;
                break;
            }
        }
    return best;
}

static void copy_span(const char *text, size_t off, size_t len, char *out, size_t cap)
{
    size_t n = len < cap - 1 ? len : cap - 1;
    n = fm_utf8_fit(text + off, len, n);
    memcpy(out, text + off, n);
    out[n] = '\0';
}

/* Whether area a (a district or province entry) holds place p, by the names
 * the gazetteer gives p. */
static int holds(const fm_place *a, const fm_place *p)
{
    if (a->kind == FM_PLACE_PROVINCE)
        return p->admin1 && !strcasecmp(p->admin1, a->name);
    if (a->kind == FM_PLACE_DISTRICT)
        return p->admin2 && (!strcasecmp(p->admin2, a->name) ||
                             (strstr(p->admin2, "Waziristan") && strstr(a->name, "Waziristan")));
    return 0;
}

/* The district entry named like the town or city seat, in its country; or NULL. */
static const fm_place *district_called(fm_ctx *ctx, const fm_gazetteer *gz, const char *name,
                                       const char *country)
{
    fm_buf key = {0};
    fm_gazetteer_hit hits[16];
    const fm_place *d = NULL;
    size_t nh = 0;
    if (!fm_name_fold(ctx, name, &key) && key.data)
        nh = fm_gazetteer_find(gz, key.data, hits, 16);
    fm_ctx_clear(ctx);
    for (size_t i = 0; i < nh && i < 16 && !d; i++) {
        const fm_place *e = fm_gazetteer_get(gz, hits[i].index);
        if (e->kind == FM_PLACE_DISTRICT && !strcmp(e->country, country))
            d = e;
    }
    free(key.data);
    return d;
}

static const fm_place *district_named(fm_ctx *ctx, const fm_gazetteer *gz, const fm_place *seat)
{
    return district_called(ctx, gz, seat->name, seat->country);
}

/* Copies a geocoder answer into the incident. */
void tx_fill_place(fm_text_incident *inc, const fm_place *p, double lon, double lat,
                   int precision, double conf)
{
    snprintf(inc->place_name, sizeof inc->place_name, "%s", p->name);
    snprintf(inc->admin1, sizeof inc->admin1, "%s", p->admin1 ? p->admin1 : "");
    snprintf(inc->admin2, sizeof inc->admin2, "%s",
             p->kind == FM_PLACE_DISTRICT ? p->name : p->admin2 ? p->admin2 : "");
    if (p->kind == FM_PLACE_PROVINCE)
        snprintf(inc->admin1, sizeof inc->admin1, "%s", p->name);
    snprintf(inc->country, sizeof inc->country, "%s",
             !strcmp(p->country, "PK") ? "Pakistan"
             : !strcmp(p->country, "AF") ? "Afghanistan" : p->country);
    inc->lon = lon;
    inc->lat = lat;
    inc->geo_precision = precision;
    inc->place_conf = conf;
}

static void fill_place(fm_text_incident *inc, const fm_geocode_result *r, double conf)
{
    tx_fill_place(inc, r->place, r->lon, r->lat, r->precision, conf * r->score);
}

/* "a mosque at Ghundi, Jamrud, Khyber Agency": a village named with the
 * town it belongs to right after it. When the village found lies far from
 * that town (another Ghundi of the district, 27 km off), the text's village
 * is one the gazetteer does not know: the incident is placed near the town
 * (precision 2), the village kept as written. */
static void town_beside(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                        const tx_sentence *st, const fm_text_place *p, fm_text_incident *inc)
{
    if (inc->geo_precision < 1 || inc->geo_precision > 2 || p->kind_rank < 3)
        return;
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *o = &st->place[i];
        size_t gap = p->off + p->len;
        if (o == p || !place_usable(o) || o->kind_rank < 3 || o->off < gap || o->off > gap + 2 ||
            text[gap] != ',' || o->place->kind < FM_PLACE_CITY || o->place->kind == FM_PLACE_VILLAGE ||
            district_named(ctx, opt->gz, o->place))
            continue; /* ("Mingora, Swat": a district, named like a stray town) */
        if (fm_geod_inverse(inc->lon, inc->lat, o->place->lon, o->place->lat, NULL) <= 15000.0)
            return;
        inc->lon = o->place->lon;
        inc->lat = o->place->lat;
        inc->geo_precision = 2;
        inc->place_conf *= 0.8;
        return;
    }
}

/* Whether mention o is named right after p as the area p lies in: "Hazara
 * Town, Quetta", "Kalaya in Orakzai", "Gomal of Tank", "Kanak (Mastung)". */
static int named_as_area_of(const char *text, const fm_text_place *p, const fm_text_place *o)
{
    size_t e = p->off + p->len, k = e;
    if (o->off <= e || o->off > e + 5)
        return 0;
    while (k < o->off && (text[k] == ' ' || text[k] == ','))
        k++;
    if (k + 1 == o->off && text[k] == '(' && text[o->off + o->len] == ')')
        return 1; /* "Kanak (Mastung)" */
    if (k == o->off)
        return text[e] == ',';
    return (fm_tx_word_at(text, o->off, k, "in") || fm_tx_word_at(text, o->off, k, "of")) &&
           fm_tx_skip_space(text, o->off, k + 2) == o->off;
}

/* Whether o ends a street address that starts with p: "Chaman Phatak,
 * Saryab Road side, Quetta", "Chaman Housing Scheme, Airport Road, Quetta"
 * (p's name, then words and commas only, a street's word among them, no
 * article or preposition, within a short stretch, and o). */
static int address_of(const char *text, const fm_text_place *p, const fm_text_place *o)
{
    static const char *const street[] = {"road", "street", "chowk", "bazaar", "phatak",
                                         "scheme", "colony", "mohalla", "sector", "block",
                                         "avenue", "highway", "bypass", "stop", NULL};
    static const char *const small[] = {"a", "an", "the", "of", "on", "in", "at", "near",
                                        "to", "from", "by", "with", "which", "where", NULL};
    size_t e = p->off + p->len;
    int comma = 0, road = 0;
    if (o->off <= e || o->off > e + 48)
        return 0;
    for (size_t k = e; k < o->off;) {
        size_t w = k;
        if (text[k] == ',' || text[k] == ' ' || text[k] == '-') {
            comma |= text[k] == ',';
            k++;
            continue;
        }
        while (w < o->off && isalpha((unsigned char)text[w]))
            w++;
        if (w == k)
            return 0; /* (a figure, a bracket, a stop) */
        for (size_t i = 0; street[i]; i++)
            road |= w - k == strlen(street[i]) && !strncasecmp(text + k, street[i], w - k);
        for (size_t i = 0; small[i]; i++)
            if (w - k == strlen(small[i]) && !strncasecmp(text + k, small[i], w - k))
                return 0;
        k = w;
    }
    return comma && road;
}

/* Whether the mention is named as a tehsil ("Kabal tehsil", "Matta
 * sub-division"): a town's area, inside a district of another name. */
static int tehsil_after(const char *text, const fm_text_place *o)
{
    size_t k = o->off + o->len, b = k;
    while (text[k] == ' ')
        k++;
    while (b > o->off && text[b - 1] != ' ')
        b--; /* (the mention's own last word: "Kabal tehsil") */
    return !strncasecmp(text + k, "tehsil", 6) || !strncasecmp(text + k, "sub-division", 12) ||
           !strncasecmp(text + k, "subdivision", 11) || !strncasecmp(text + b, "tehsil", 6) ||
           !strncasecmp(text + b, "sub-division", 12) || !strncasecmp(text + b, "subdivision", 11);
}

/* Resolves the chosen mention, with the sentence's (or paragraph's) district
 * and province mentions as hints. */
void tx_resolve_place(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                          const tx_sentence *st, const fm_text_place *p,
                          const fm_text_place *hint2, const fm_text_place *hint1,
                          fm_text_incident *inc, double conf)
{
    fm_geocode_hint h = {0};
    fm_geocode_result r;
    fm_text_place seat_area; /* the district a named seat stands for */
    char q[96], a1[96] = "", a2[96] = "";
    copy_span(text, p->off, p->len, q, sizeof q);
    snprintf(inc->place_text, sizeof inc->place_text, "%s", q);
    inc->place_ev.start = p->off;
    inc->place_ev.end = p->off + p->len;
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *o = &st->place[i];
        if (o == p || (!place_usable(o) && !(o->dateline && o->place)))
            continue; /* (a district's dateline, "SWAT: ... at Mangal Thaan, near
                       * Charbagh", says which Charbagh) */
        if (o->kind_rank == 2 && !hint2)
            hint2 = o;
        if (o->kind_rank == 1 && !hint1)
            hint1 = o;
    }
    for (size_t i = 0; i < st->nplace && !hint2 && p->kind_rank > 2; i++) {
        /* "Chughalpura, PS Chamkani, Peshawar": a district's seat named like
         * it stands for the district (Chamkani in Peshawar, not Tsamkani in
         * Paktia) */
        const fm_text_place *o = &st->place[i];
        const fm_place *d;
        if (o == p || (!place_usable(o) && !(o->dateline && o->place)) || o->kind_rank != 3 ||
            !(d = district_named(ctx, opt->gz, o->place)))
            continue; /* (any town named as a district: "Matta, Swat", where the
                       * gazetteer's first "Swat" is a stray town entry) */
        seat_area = *o;
        seat_area.place = d;
        seat_area.kind_rank = 2;
        hint2 = &seat_area;
    }
    for (size_t i = 0; i < st->nplace && !hint2 && p->kind_rank > 2; i++) {
        /* "the Chaprai area of Bahrain", "Kotkai, Bahrain": a town named as
         * the area the place lies in says which district to look in (Swat's
         * Chaprai, not a Tsaparai of Paktia) */
        const fm_text_place *o = &st->place[i];
        const fm_place *d;
        if (o == p || !place_usable(o) || o->kind_rank != 3 || !o->place->admin2 ||
            !named_as_area_of(text, p, o))
            continue;
        if (!(d = district_called(ctx, opt->gz, o->place->admin2, o->place->country)))
            continue;
        {
            /* only where the district holds a place of p's name ("Mardan
             * (Rustam)" with the wrong Rustam says nothing of Mardan) */
            fm_geocode_hint th = {0};
            fm_geocode_result tr;
            th.admin2 = d->name;
            th.memo = opt->memo;
            th.no_note = 1;
            int in = fm_geocode(ctx, opt->gz, q, &th, &tr) == FM_OK &&
                     !(tr.flags & FM_GEOCODE_FALLBACK) && tr.place != d && holds(d, tr.place);
            fm_ctx_clear(ctx);
            if (!in)
                continue;
        }
        seat_area = *o;
        seat_area.place = d;
        seat_area.kind_rank = 2;
        hint2 = &seat_area;
    }
    /* a district or province named beside the place is a hint only where it
     * can hold it: "Khost and Kunar" are two places, "Wana in South
     * Waziristan" one. The text's first guess at the place may be another of
     * its name ("Dasht, Kech": Mastung has a Dasht too), so a hint that does
     * not hold that guess is still tried, and kept when the answer lies in
     * it. */
    int tried = 0;
    if (hint2 && hint2->place != p->place &&
        (p->kind_rank > 2 || (p->kind_rank == 2 && strcasecmp(hint2->place->name, p->place->name))))
        snprintf(a2, sizeof a2, "%s",
                 hint2->place->kind == FM_PLACE_DISTRICT || !hint2->place->admin2 ||
                         !tehsil_after(text, hint2)
                     ? hint2->place->name
                     : hint2->place->admin2); /* ("the Deolai area of Kabal tehsil":
                                              * Kabal is a town of Swat, no district
                                              * for the geocoder to look the name up
                                              * as, and Kabul is one letter off) */
    /* ("the Gurbaz area of North Waziristan" is not Gurbuz district, Khost) */
    if (hint1 && hint1->place != p->place && p->kind_rank > 1)
        snprintf(a1, sizeof a1, "%s", hint1->place->name);
    h.memo = opt->memo;
    if ((a2[0] && !(p->place->kind == FM_PLACE_VILLAGE || holds(hint2->place, p->place))) ||
        (a1[0] && !(p->place->kind == FM_PLACE_VILLAGE || holds(hint1->place, p->place)))) {
        h.admin1 = a1;
        h.admin2 = a2;
        int got = fm_geocode(ctx, opt->gz, q, &h, &r) == FM_OK;
        tried = got && !(r.flags & FM_GEOCODE_FALLBACK) && r.place->kind != FM_PLACE_PROVINCE &&
                r.place->kind != FM_PLACE_DISTRICT &&
                (!a2[0] || holds(hint2->place, r.place)) &&
                (!a1[0] || holds(hint1->place, r.place));
        fm_ctx_clear(ctx);
        if (tried)
            goto resolved;
        if (got && a2[0] && (r.flags & FM_GEOCODE_FALLBACK) && (r.flags & FM_GEOCODE_AMBIGUOUS) &&
            r.place == hint2->place)
            goto resolved; /* "Dargai area, North Waziristan District", where two
                            * villages of the district carry the name: the district the
                            * text names, not the town of Malakand the name alone
                            * would give */
        if (a2[0] && !(p->place->kind == FM_PLACE_VILLAGE || holds(hint2->place, p->place))) {
            a2[0] = '\0';
            if (((named_as_area_of(text, p, hint2) && p->place->admin1 &&
                  hint2->place->admin1 && strcmp(p->place->admin1, hint2->place->admin1)) ||
                 address_of(text, p, hint2)) &&
                fm_geod_inverse(p->place->lon, p->place->lat, hint2->place->lon,
                                hint2->place->lat, NULL) > 60000.0) {
                /* "Hazara Town, Quetta", where the gazetteer knows only a
                 * Hazara in Swat, 700 km off, or "Chaman Phatak, Saryab Road,
                 * Quetta", a crossing of Quetta's named after a town 100 km
                 * off: not that one; the area named decides
                 * (tx_resolve_fallback) */
                inc->geo_precision = 0;
                inc->place_conf = 0.3 * conf;
                return;
            }
        }
        if (a1[0] && !(p->place->kind == FM_PLACE_VILLAGE || holds(hint1->place, p->place)))
            a1[0] = '\0';
    }
    h.admin1 = a1;
    h.admin2 = a2;
    if (fm_geocode(ctx, opt->gz, q, &h, &r) != FM_OK) {
        fm_ctx_clear(ctx);
        if (p->place && p->place->kind != FM_PLACE_VILLAGE) {
            /* the geocoder would not choose among same-named places ("Tank
             * city": a district and two towns); the text named a town or an
             * area, and the most important of the name is the reading a
             * reader makes, at a precision that says so */
            r.place = p->place;
            r.lon = p->place->lon;
            r.lat = p->place->lat;
            r.precision = p->place->kind <= FM_PLACE_DISTRICT ? 3 : 2;
            r.score = 0.5;
            goto resolved;
        }
        inc->geo_precision = 0;
        inc->place_conf = 0.3 * conf;
        snprintf(inc->country, sizeof inc->country, "%s",
                 !p->place ? "" : !strcmp(p->place->country, "PK") ? "Pakistan"
                 : !strcmp(p->place->country, "AF") ? "Afghanistan" : "");
        return;
    }
    if (a2[0] && (r.flags & FM_GEOCODE_FALLBACK) && p->place && p->namesakes <= 1 &&
        strcmp(r.place->country, p->place->country)) {
        /* a place its name alone places is not put at a district of another
         * country named like the seat beside it: "In Chughalpura, in the
         * area of the Chamkani police station" is in Peshawar, not in
         * Tsamkani, Paktia */
        fm_geocode_result r1;
        h.admin2 = "";
        if (fm_geocode(ctx, opt->gz, q, &h, &r1) == FM_OK &&
            !strcmp(r1.place->country, p->place->country))
            r = r1;
        fm_ctx_clear(ctx);
    }
resolved:
    if ((r.flags & FM_GEOCODE_FALLBACK) && a2[0] && hint2 && hint2->dateline && p->place &&
        p->place->kind != FM_PLACE_DISTRICT && p->place->kind != FM_PLACE_PROVINCE) {
        /* "MUZAFFARABAD: ... posts in the Samahni sector": a dateline says
         * where the story was filed; the place the gazetteer knows alone is
         * where it happened, not the dateline's district */
        fm_geocode_hint h0 = {0};
        fm_geocode_result r0;
        h0.memo = opt->memo;
        if (fm_geocode(ctx, opt->gz, q, &h0, &r0) == FM_OK && !(r0.flags & FM_GEOCODE_FALLBACK) &&
            r0.place == p->place)
            r = r0;
        fm_ctx_clear(ctx);
    }
    if ((r.flags & FM_GEOCODE_FALLBACK) && r.place->kind == FM_PLACE_DISTRICT)
        for (size_t i = 0; i < st->nplace; i++)
            if (&st->place[i] != p && st->place[i].kind_rank == 3 && st->place[i].place &&
                !strcasecmp(st->place[i].place->name, r.place->name)) {
                /* "Killi Ismail, on the outskirts of Quetta": not the middle
                 * of Quetta district, 49 km from the city the text names;
                 * near the city (tx_resolve_fallback) */
                inc->geo_precision = 0;
                inc->place_conf = 0.3 * conf;
                return;
            }
    fill_place(inc, &r, conf);
    town_beside(ctx, opt, text, st, p, inc);
}

/* A village the name alone cannot place ("the Latifabad and Qasimabad areas
 * of Hyderabad": Qasimabad is a village of Bihsud, of Mardan, of Swabi ...):
 * its district says nothing of where the place beside it is. */
static int stray_village(const fm_text_place *o)
{
    return o->place->kind == FM_PLACE_VILLAGE && o->namesakes > 1;
}

/* Whether o is the better area to place the incident near than area: the
 * more specific, and of two as specific a town the name places over a
 * village it does not. */
static int area_before(const fm_text_place *o, const fm_text_place *area)
{
    if (!area)
        return 1;
    if (o->kind_rank != area->kind_rank)
        return o->kind_rank > area->kind_rank;
    return stray_village(area) && o->place->kind != FM_PLACE_VILLAGE;
}

/* The place named in the sentence could not be resolved alone ("Degan
 * village, in the Datta Khel area west of Miranshah"; "the Manzakai area of
 * Zhob", where Zhob has two Manzakais). The other places the sentence names
 * say where to look: first as the district of the place, then as the area
 * it lies in, at a precision that says the point is the area's. */
void tx_resolve_fallback(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                             const tx_sentence *st, const fm_text_place *p,
                             fm_text_incident *inc, double conf)
{
    const fm_text_place *area = NULL;
    char q[96];
    fm_span ev = inc->place_ev;
    copy_span(text, p->off, p->len, q, sizeof q);
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *o = &st->place[i];
        fm_geocode_hint h = {0};
        fm_geocode_result r;
        if (o == p || !place_usable(o) || o->place == p->place)
            continue;
        if (area_before(o, area))
            area = o;
        h.admin2 = o->place->kind == FM_PLACE_DISTRICT ? o->place->name : o->place->admin2;
        h.admin1 = o->place->admin1;
        h.memo = opt->memo;
        if (!h.admin2 || !h.admin2[0])
            continue;
        if (fm_geocode(ctx, opt->gz, q, &h, &r) == FM_OK &&
            !((r.flags & FM_GEOCODE_FALLBACK) && o->kind_rank == 3 &&
              (!strcasecmp(o->place->name, r.place->name) || stray_village(o)))) {
            fill_place(inc, &r, conf * 0.8);
            return;
        }
        fm_ctx_clear(ctx); /* ("Hazara Town, Quetta": near the city named, not at
                            * its district's middle) */
    }
    if (!area)
        return;
    tx_resolve_place(ctx, opt, text, st, area, NULL, NULL, inc, conf * 0.6);
    snprintf(inc->place_text, sizeof inc->place_text, "%s", q);
    inc->place_ev = ev;
    if (inc->geo_precision == 1)
        inc->geo_precision = 2; /* near the town, not at it */
}

/* The document is about one district ("CLAIM AND RESPONSE FILE - North
 * Waziristan"): a town or village the sentence names without a district of
 * its own is looked for there first ("the Shewa area": Shewa in North
 * Waziristan, not Sheywah in Kunar). 1 when placed there. */
int tx_resolve_in_area(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                       const tx_sentence *st, const fm_text_place *p, const fm_place *area,
                       fm_text_incident *inc, double conf)
{
    fm_geocode_hint h = {0};
    fm_geocode_result r;
    char q[96];
    if (!area || p->kind_rank < 3 || p->place == area)
        return 0;
    for (size_t i = 0; i < st->nplace; i++)
        if (&st->place[i] != p && place_usable(&st->place[i]) && st->place[i].kind_rank < 3)
            return 0; /* the sentence says where itself */
    copy_span(text, p->off, p->len, q, sizeof q);
    h.admin2 = area->kind == FM_PLACE_DISTRICT ? area->name : "";
    h.admin1 = area->kind == FM_PLACE_PROVINCE ? area->name : area->admin1 ? area->admin1 : "";
    h.memo = opt->memo;
    if (fm_geocode(ctx, opt->gz, q, &h, &r) != FM_OK) {
        fm_ctx_clear(ctx);
        return 0;
    }
    if ((r.flags & FM_GEOCODE_FALLBACK) || r.place->kind <= FM_PLACE_DISTRICT ||
        !holds(area, r.place))
        return 0;
    if (r.flags & FM_GEOCODE_SPELLING) {
        /* a name spelt like one of the area's that is another place's own
         * ("the Ghulam Khan crossing", not Ghulam Khel in South Waziristan) */
        fm_geocode_hint none = {0};
        fm_geocode_result alone;
        int exact;
        none.memo = opt->memo;
        exact = fm_geocode(ctx, opt->gz, q, &none, &alone) == FM_OK &&
                !(alone.flags & (FM_GEOCODE_SPELLING | FM_GEOCODE_FALLBACK));
        fm_ctx_clear(ctx);
        if (exact)
            return 0;
    }
    snprintf(inc->place_text, sizeof inc->place_text, "%s", q);
    inc->place_ev.start = p->off;
    inc->place_ev.end = p->off + p->len;
    fill_place(inc, &r, conf * 0.9);
    return 1;
}

void tx_place_at_point(const fm_extract_opts *opt, double lat, double lon, fm_text_incident *inc)
{
    const fm_area *area;
    if (!inc->geo_precision ||
        fm_geod_inverse(inc->lon, inc->lat, lon, lat, NULL) > 25000.0)
        snprintf(inc->place_name, sizeof inc->place_name, "%s", inc->place_text);
    inc->lat = lat;
    inc->lon = lon;
    inc->geo_precision = 1;
    inc->place_conf = 0.9;
    area = fm_gazetteer_area_at(opt->gz, lon, lat, NULL);
    if (area && area->district) {
        const fm_place *d = area->district;
        snprintf(inc->admin2, sizeof inc->admin2, "%s", d->name);
        snprintf(inc->admin1, sizeof inc->admin1, "%s", d->admin1 ? d->admin1 : "");
        snprintf(inc->country, sizeof inc->country, "%s",
                 !strcmp(d->country, "PK") ? "Pakistan"
                 : !strcmp(d->country, "AF") ? "Afghanistan" : d->country);
    }
}

/* Every incident placed in one district but one or two: an incident whose
 * name has a namesake in that district, and which lies far from every
 * other incident of the document, is that namesake ("Charbagh" in a speech
 * about Swat's Mingora, Matta and Kabal is Swat's, not Faryab's Chahar
 * Bagh). Documents are about one area far more often than they name a
 * far namesake of its villages without saying where. */
double tx_metres_apart(double lat1, double lon1, double lat2, double lon2)
{
    double dy = (lat1 - lat2) * 111195.0;
    double dx = (lon1 - lon2) * 111195.0 * cos((lat1 + lat2) * 0.00872664625997164788);
    return sqrt(dx * dx + dy * dy);
}

/* Whether the gazetteer has a place of inc's name and kind in district d
 * too: the name alone is ambiguous between them. */
static int twin_in(fm_ctx *ctx, const fm_extract_opts *opt, const fm_text_incident *inc,
                   const char *d)
{
    fm_gazetteer_hit hits[16];
    fm_buf key = {0};
    size_t nh;
    const fm_place *mine = NULL, *there = NULL;
    if (fm_name_fold(ctx, inc->place_name, &key) || !key.data) {
        free(key.data);
        fm_ctx_clear(ctx);
        return 0;
    }
    nh = fm_gazetteer_find(opt->gz, key.data, hits, 16);
    free(key.data);
    for (size_t k = 0; k < nh && k < 16; k++) {
        const fm_place *p = fm_gazetteer_get(opt->gz, hits[k].index);
        if (!p || !p->admin2 || strcmp(p->name, inc->place_name))
            continue;
        if (!strcmp(p->admin2, inc->admin2))
            mine = p;
        else if (!strcmp(p->admin2, d))
            there = p;
    }
    return mine && there && mine->kind == there->kind;
}

void tx_resolve_by_majority(fm_ctx *ctx, const fm_extract_opts *opt, fm_text_incident *v,
                            size_t n)
{
    /* the district most incidents are in, counted once: (a table of the
     * districts seen; documents name few) */
    const char *name[32];
    size_t count[32], nd = 0, placed = 0, top = 0;
    for (size_t j = 0; j < n; j++) {
        size_t d;
        if (v[j].geo_precision < 1 || v[j].geo_precision > 3 || !v[j].admin2[0])
            continue;
        placed++;
        for (d = 0; d < nd && strcmp(name[d], v[j].admin2); d++)
            ;
        if (d == nd) {
            if (nd == 32)
                continue;
            name[nd] = v[j].admin2;
            count[nd++] = 0;
        }
        count[d]++;
    }
    for (size_t d = 1; d < nd; d++)
        if (count[d] > count[top])
            top = d;
    if (!nd)
        return;
    for (size_t i = 0; i < n; i++) {
        fm_text_incident *inc = &v[i];
        const char *best = name[top];
        int mine = !strcmp(inc->admin2, best);
        size_t best_n = count[top], others = placed;
        double nearest = -1;
        int unplaced = inc->geo_precision == 0;
        if (inc->geo_precision > 2 || !inc->place_text[0] || mine)
            continue;
        if (inc->admin2[0])
            others--; /* (inc itself, in another district) */
        if (best_n < 2 || 2 * best_n <= others)
            continue;
        for (size_t j = 0; j < n && !unplaced && (nearest < 0 || nearest >= 150000.0); j++) {
            double d;
            if (j == i || v[j].geo_precision < 1 || v[j].geo_precision > 3 || !v[j].admin2[0])
                continue;
            d = tx_metres_apart(v[j].lat, v[j].lon, inc->lat, inc->lon);
            if (nearest < 0 || d < nearest)
                nearest = d;
        }
        if (!unplaced && nearest < 150000.0) {
            /* nearer, only a namesake of the same kind the name alone could not
             * choose ("Matta": a town in Bajaur and one in Swat), alone in its
             * district */
            size_t own = 0;
            for (size_t j = 0; j < n; j++)
                own += j != i && !strcmp(v[j].admin2, inc->admin2);
            if (own || !twin_in(ctx, opt, inc, best))
                continue;
        }
        {
            fm_geocode_hint h = {0};
            fm_geocode_result r;
            char a2[96];
            snprintf(a2, sizeof a2, "%s", best);
            h.admin2 = a2;
            h.memo = opt->memo;
            if (fm_geocode(ctx, opt->gz, inc->place_text, &h, &r) == FM_OK &&
                !(r.flags & FM_GEOCODE_FALLBACK) && r.place->kind != FM_PLACE_PROVINCE &&
                r.place->kind != FM_PLACE_DISTRICT && r.place->admin2 &&
                !strcmp(r.place->admin2, best) && !(unplaced && (r.flags & FM_GEOCODE_SPELLING)))
                fill_place(inc, &r, inc->place_conf > 0 ? 0.8 : 0.6); /* (a name left
                     * unplaced because its namesakes lie in several districts, "the
                     * Shawal valley", is the one in the district of the rest, when
                     * it is spelt as that one) */
            fm_ctx_clear(ctx);
        }
    }
}

/* Whether the text names district d as a word ("Khyber Agency", "upper
 * Khyber"), not as part of the province's name ("Khyber Pakhtunkhwa"). */
/* (text is NUL-terminated, as fm_doc keeps it) */
static int text_names_district(const char *text, size_t len, const char *d)
{
    size_t dl = strlen(d);
    for (const char *p = text; dl && (p = strstr(p, d)) != NULL && (size_t)(p - text) < len;
         p += dl) {
        size_t at = (size_t)(p - text), end = at + dl;
        if ((at > 0 && fm_tx_is_word_char((unsigned char)text[at - 1])) ||
            (end < len && fm_tx_is_word_char((unsigned char)text[end])))
            continue;
        if (end + 12 <= len && !strncmp(text + end, " Pakhtunkhwa", 12))
            continue;
        return 1;
    }
    return 0;
}

void tx_resolve_by_context(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                           size_t len, fm_text_incident *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fm_text_incident *inc = &v[i];
        fm_geocode_hint h = {0};
        fm_geocode_result r;
        const char *named = NULL;
        int ok, twins = 0, placed_again = 0;
        if (inc->geo_precision != 0 || !inc->place_text[0])
            continue;
        h.memo = opt->memo;
        ok = fm_geocode(ctx, opt->gz, inc->place_text, &h, &r) == FM_OK;
        fm_ctx_clear(ctx);
        if (ok)
            continue;
        /* the same-named places the name alone could not choose between:
         * the one whose district the document names, when only one is */
        for (size_t k = 0; k < r.nalt; k++) {
            const fm_place *p = r.alt[k].place;
            if (r.alt[k].edits != 0 || !p || !p->admin2 || p->kind == FM_PLACE_DISTRICT ||
                p->kind == FM_PLACE_PROVINCE)
                continue;
            twins++;
            for (size_t j = 0; j < n; j++)
                placed_again |= j != i && v[j].geo_precision >= 1 &&
                                !strcmp(v[j].place_name, p->name) &&
                                tx_toll_told_again(&v[j], inc); /* (the same toll told
                                * again of a place another account placed: the two
                                * are one, merged by name as they are) */
            if (!text_names_district(text, len, p->admin2) || (named && !strcmp(named, p->admin2)))
                continue;
            if (named) {
                named = NULL;
                break; /* (two districts named: the text does not say) */
            }
            named = p->admin2;
        }
        if (!named || twins < 2 || placed_again)
            continue;
        {
            char a2[96];
            snprintf(a2, sizeof a2, "%s", named);
            h.admin2 = a2;
            if (fm_geocode(ctx, opt->gz, inc->place_text, &h, &r) == FM_OK &&
                !(r.flags & (FM_GEOCODE_FALLBACK | FM_GEOCODE_SPELLING)) && r.place->admin2 &&
                !strcmp(r.place->admin2, a2))
                fill_place(inc, &r, 0.6);
            fm_ctx_clear(ctx);
        }
    }
}

/* A district of another country named like a place of the document's
 * country ("Shakardara": Kabul's Shakar Darah district by an alias, a town
 * in Swat by its name) in a document whose incidents lie in one country is
 * that country's place: the name alone chose the larger area. */
void tx_resolve_by_country(fm_ctx *ctx, const fm_extract_opts *opt, fm_text_incident *v,
                           size_t n)
{
    size_t pk = 0, af = 0;
    const char *major;
    for (size_t i = 0; i < n; i++)
        if (v[i].geo_precision >= 1 && v[i].geo_precision <= 3) {
            pk += !strcmp(v[i].country, "Pakistan");
            af += !strcmp(v[i].country, "Afghanistan");
        }
    if (pk + af < 3 || (pk < 3 * af && af < 3 * pk))
        return; /* (no country three times the other's) */
    major = pk > af ? "Pakistan" : "Afghanistan";
    for (size_t i = 0; i < n; i++) {
        fm_text_incident *inc = &v[i];
        fm_geocode_hint h = {0};
        fm_geocode_result r;
        if (inc->geo_precision != 3 || !inc->place_text[0] || !inc->country[0] ||
            !strcmp(inc->country, major) || inc->admin2[0] == '\0' ||
            strcmp(inc->place_name, inc->admin2))
            continue; /* (a district's own answer only) */
        h.country = major;
        h.memo = opt->memo;
        if (fm_geocode(ctx, opt->gz, inc->place_text, &h, &r) == FM_OK &&
            !(r.flags & (FM_GEOCODE_FALLBACK | FM_GEOCODE_SPELLING | FM_GEOCODE_COUNTRY)) &&
            r.place->kind != FM_PLACE_DISTRICT && r.place->kind != FM_PLACE_PROVINCE &&
            !strcmp(r.place->country, major[0] == 'P' ? "PK" : "AF"))
            fill_place(inc, &r, 0.6);
        fm_ctx_clear(ctx);
    }
}

/* One document, one place for a name: "near Jani Khel in Bannu district" and,
 * later, "at Jani Khel" with no district are the same Jani Khel, not a
 * namesake in Paktika the name alone chose. The resolution held with more
 * confidence (the earlier on a tie) stands for both. A name left unplaced
 * because its namesakes lie in several districts ("the bombs in Mamozai")
 * is the place of that name the document placed ("the Mamozai area of
 * Orakzai"). */
void tx_resolve_same_name(fm_text_incident *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fm_text_incident *inc = &v[i];
        const fm_text_incident *best = NULL;
        int unplaced = inc->geo_precision == 0;
        if ((!unplaced && inc->geo_precision > 3) || !inc->place_text[0])
            continue;
        for (size_t j = 0; j < n; j++) {
            const fm_text_incident *o = &v[j];
            if (j == i || o->geo_precision < 1 || o->geo_precision > 3)
                continue;
            if (unplaced) {
                if (!strcasecmp(o->place_name, inc->place_text) &&
                    (!best || o->place_conf > best->place_conf + 1e-9))
                    best = o;
                continue;
            }
            if (strcasecmp(o->place_text, inc->place_text) ||
                tx_metres_apart(o->lat, o->lon, inc->lat, inc->lon) < 1000.0)
                continue;
            if (o->place_conf > inc->place_conf + 1e-9 ||
                (o->place_conf > inc->place_conf - 1e-9 && j < i))
                if (!best || o->place_conf > best->place_conf + 1e-9)
                    best = o;
        }
        if (!best)
            continue;
        snprintf(inc->place_name, sizeof inc->place_name, "%s", best->place_name);
        snprintf(inc->admin1, sizeof inc->admin1, "%s", best->admin1);
        snprintf(inc->admin2, sizeof inc->admin2, "%s", best->admin2);
        snprintf(inc->country, sizeof inc->country, "%s", best->country);
        inc->lat = best->lat;
        inc->lon = best->lon;
        inc->geo_precision = best->geo_precision;
        inc->place_conf = unplaced && best->place_conf > 0.6 ? 0.6 : best->place_conf;
    }
}

/* "Police in Bannu say five militants were killed in a raid yesterday at
 * Jani Khel": a name placed across the border (Jani Khel, Paktika) when the
 * sentence's own district, even one named only as where its speaker is,
 * holds a place of that name on this side (Jani Khel, Bannu). */
void tx_resolve_across_border(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                              const tx_sentence *st, const fm_text_place *p,
                              fm_text_incident *inc, double conf)
{
    char q[96];
    const char *here = !strcmp(inc->country, "Afghanistan") ? "PK"
                       : !strcmp(inc->country, "Pakistan")  ? "AF"
                                                            : NULL;
    if (!here || p->kind_rank < 3)
        return;
    copy_span(text, p->off, p->len, q, sizeof q);
    for (size_t i = 0; i < st->nplace; i++) {
        const fm_text_place *o = &st->place[i];
        const fm_place *d;
        fm_geocode_hint h = {0};
        fm_geocode_result r;
        if (o == p || !o->place || o->hometown || strcmp(o->place->country, here) ||
            !(d = o->place->kind == FM_PLACE_DISTRICT ? o->place
                                                       : district_named(ctx, opt->gz, o->place)))
            continue; /* (a district, or a seat named like its district: "Bannu") */
        h.admin2 = d->name;
        h.admin1 = d->admin1 ? d->admin1 : "";
        h.memo = opt->memo;
        if (fm_geocode(ctx, opt->gz, q, &h, &r) == FM_OK && !(r.flags & FM_GEOCODE_FALLBACK) &&
            r.place->kind > FM_PLACE_DISTRICT && holds(d, r.place) &&
            !strcmp(r.place->country, here)) {
            fill_place(inc, &r, conf * 0.8);
            fm_ctx_clear(ctx);
            return;
        }
        fm_ctx_clear(ctx);
    }
}
