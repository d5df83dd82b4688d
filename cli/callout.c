/* callout.c: `map --callout ID`: the text of a label box for one chosen
 * incident: its date (or span) and place as the heading, then its type, the
 * figures with their range, how precisely it is placed, each party's claim
 * as that party's ("Taliban: '58 soldiers killed'"), never merged into one
 * figure, and the source. The incident is found among those the map draws. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November",
                                     "December"};

int fm_cli_callout_parse(const char *spec, fm_cli_callout *c)
{
    const char *colon = strchr(spec, ':');
    memset(c, 0, sizeof *c);
    c->spec = spec;
    if (!*spec || strlen(spec) > 200)
        return -1;
    if (colon) { /* SOURCE:ID, for an ID two sources share */
        if (colon == spec || !colon[1] || (size_t)(colon - spec) >= sizeof c->source)
            return -1;
        memcpy(c->source, spec, (size_t)(colon - spec));
        c->id = colon + 1;
    } else {
        c->id = spec;
    }
    return 0;
}

/* "15 October 2025", "11-12 October 2025", "28 September - 3 October 2025",
 * "1 January - 31 December 2009". */
static void format_span(fm_ctx *ctx, fm_day a, fm_day b, fm_buf *out)
{
    int y1, m1, d1, y2, m2, d2;
    fm_day_to_ymd(a, &y1, &m1, &d1);
    if (b == FM_DAY_NONE || b <= a) {
        fm_buf_printf(ctx, out, "%d %s %d", d1, months[m1 - 1], y1);
        return;
    }
    fm_day_to_ymd(b, &y2, &m2, &d2);
    if (y1 == y2 && m1 == m2)
        fm_buf_printf(ctx, out, "%d\u2013%d %s %d", d1, d2, months[m1 - 1], y1);
    else if (y1 == y2)
        fm_buf_printf(ctx, out, "%d %s \u2013 %d %s %d", d1, months[m1 - 1], d2, months[m2 - 1],
                      y1);
    else
        fm_buf_printf(ctx, out, "%d %s %d \u2013 %d %s %d", d1, months[m1 - 1], y1, d2,
                      months[m2 - 1], y2);
}

/* Each claim on a line of its own, the party first and its words quoted:
 * the sources disagree, and the box must not read as one account. */
static void format_claims(fm_ctx *ctx, const char *claims, fm_buf *out)
{
    const char *p = claims;
    fm_buf_puts(ctx, out, "\nClaims:");
    while (*p) {
        const char *end = strstr(p, "; "), *colon;
        size_t n = end ? (size_t)(end - p) : strlen(p);
        colon = memchr(p, ':', n);
        if (colon && colon > p) {
            const char *text = colon + 1 + (colon + 1 < p + n && colon[1] == ' ');
            fm_buf_printf(ctx, out, "\n\u2022 %.*s: \u201c%.*s\u201d", (int)(colon - p), p,
                          (int)(p + n - text), text);
        } else {
            fm_buf_printf(ctx, out, "\n\u2022 \u201c%.*s\u201d", (int)n, p);
        }
        p += n + (end ? 2 : 0);
    }
}

static const char *source_name(const char *s)
{
    return !s ? "" : !strcmp(s, "ged") ? "UCDP GED" : !strcmp(s, "acled") ? "ACLED"
                   : !strcmp(s, "reports") ? "reports (built-in)" : s;
}

static void format_figures(fm_ctx *ctx, const fm_incident *in, fm_buf *b)
{
    if (in->fatalities >= 0) {
        fm_buf_printf(ctx, b, "\n%d killed (best estimate", in->fatalities);
        if (in->fatalities_low >= 0 && in->fatalities_high >= 0 &&
            (in->fatalities_low != in->fatalities || in->fatalities_high != in->fatalities))
            fm_buf_printf(ctx, b, "; %d to %d", in->fatalities_low, in->fatalities_high);
        fm_buf_puts(ctx, b, ")");
    } else {
        fm_buf_puts(ctx, b, "\nKilled: no figure in the source");
    }
    if (in->injured > 0)
        fm_buf_printf(ctx, b, ", %d injured", in->injured);
}

/* Builds the heading and body of c from the incident. */
static fm_status build(fm_ctx *ctx, fm_cli_callout *c, const fm_incident *in)
{
    fm_buf head = {0}, body = {0};
    fm_status st;
    format_span(ctx, in->date_start, in->date_end, &head);
    fm_buf_printf(ctx, &head, " \u00b7 %s", in->location && *in->location ? in->location
                                                                                 : "(unnamed place)");
    if (in->admin2 && *in->admin2 && (!in->location || strcmp(in->admin2, in->location)))
        fm_buf_printf(ctx, &head, ", %s", in->admin2);
    fm_buf_printf(ctx, &body, "%s", in->event_type && *in->event_type ? in->event_type
                                                                            : "Type not given");
    if (in->sub_event_type && *in->sub_event_type)
        fm_buf_printf(ctx, &body, " \u2013 %s", in->sub_event_type);
    format_figures(ctx, in, &body);
    if (in->loc_precision > FM_LOC_EXACT && fm_loc_class_name(in->loc_precision))
        fm_buf_printf(ctx, &body, "\nLocated %s", in->loc_precision == FM_LOC_NEAR
                                                           ? "within about 25 km"
                                                           : in->loc_precision == FM_LOC_DISTRICT
                                                               ? "only to the district"
                                                               : "only to the province");
    if (in->claims && *in->claims)
        format_claims(ctx, in->claims, &body);
    fm_buf_printf(ctx, &body, "\nSource: %s %s", source_name(in->source),
                  in->source_id ? in->source_id : "");
    if (!(st = fm_buf_check(ctx, &head)) && !(st = fm_buf_check(ctx, &body))) {
        free(c->head), free(c->body);
        c->head = fm_strdup(ctx, fm_buf_str(&head));
        c->body = fm_strdup(ctx, fm_buf_str(&body));
        if (!c->head || !c->body)
            st = FM_ENOMEM;
    }
    fm_buf_free(&head), fm_buf_free(&body);
    return st;
}

fm_status fm_cli_callout_match(fm_ctx *ctx, fm_cli_callout *c, const fm_incident *in)
{
    if (!in->source_id || strcmp(in->source_id, c->id) ||
        (c->source[0] && (!in->source || strcmp(in->source, c->source))))
        return FM_OK;
    if (c->found++) { /* the same ID in two sources: say which */
        snprintf(c->other_source, sizeof c->other_source, "%s", in->source ? in->source : "");
        return FM_OK;
    }
    snprintf(c->found_source, sizeof c->found_source, "%s", in->source ? in->source : "");
    c->lon = in->lon, c->lat = in->lat;
    return build(ctx, c, in);
}

fm_status fm_cli_callout_check(fm_ctx *ctx, const fm_cli_callout *c)
{
    if (!c->found)
        return fm_error(ctx, FM_ENOTFOUND, "--callout '%s': no incident with that id is "
                        "among those mapped (check the filters, or give SOURCE:ID)", c->spec);
    if (c->found > 1)
        return fm_error(ctx, FM_EUSAGE, "--callout '%s': the id is in %s and %s; give "
                        "SOURCE:ID such as %s:%s", c->spec, c->found_source, c->other_source,
                        c->found_source, c->id);
    if (isnan(c->lon) || isnan(c->lat))
        return fm_error(ctx, FM_EINVAL, "--callout '%s': the incident has no point to "
                        "point at", c->spec);
    return FM_OK;
}

void fm_cli_callout_free(fm_cli_callout *c)
{
    free(c->head), free(c->body);
    c->head = c->body = NULL;
}
