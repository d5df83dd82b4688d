/* cmd_add.c: `frontiermap add`: one hand-entered incident, checked by the
 * same rules as an import, upserted on (source, source_id). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

typedef struct {
    fm_incident inc;
    const char *db, *lat, *lon;
    fm_buf claims, id;
} add_opts;

static int parse_count(fm_cli *cli, const char *s, int *out)
{
    long v;
    if (fm_parse_long(cli->ctx, s, &v))
        return 0;
    if (v < 0 || v > 100000) {
        fm_error(cli->ctx, FM_ERANGE, "must be 0..100000");
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* manual-2025-10-12-torkham-1a2b3c4d: stable for the same date, place, type. */
static void derive_id(fm_cli *cli, add_opts *o)
{
    char day[11], slug[40];
    const char *p = o->inc.location && *o->inc.location ? o->inc.location : o->inc.event_type;
    uint32_t h = 2166136261u;
    size_t n = 0;
    fm_day_format(o->inc.date_start, day);
    for (; *p && n < sizeof slug - 1; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            slug[n++] = c;
        else if (c >= 'A' && c <= 'Z')
            slug[n++] = (char)(c - 'A' + 'a');
        else if (n && slug[n - 1] != '-')
            slug[n++] = '-';
    }
    while (n && slug[n - 1] == '-')
        n--;
    slug[n] = '\0';
    for (const char *s = o->inc.event_type; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    h = (h ^ (uint32_t)(isnan(o->inc.lat) ? 0 : o->inc.lat * 1e4)) * 16777619u;
    h = (h ^ (uint32_t)(isnan(o->inc.lon) ? 0 : o->inc.lon * 1e4)) * 16777619u;
    fm_buf_printf(cli->ctx, &o->id, "manual-%s-%s-%08x", day, *slug ? slug : "x", h);
    o->inc.source_id = fm_buf_str(&o->id);
}

static int run_add(fm_cli *cli, add_opts *o)
{
    fm_store *st = NULL;
    fm_gazetteer *gz = NULL;
    fm_placememo *places = NULL;
    fm_basemap *bm = NULL;
    fm_import_opts io;
    fm_status s;
    int upd = 0;
    memset(&io, 0, sizeof io);
    if (isnan(o->inc.lat) && (s = fm_gazetteer_open(cli->ctx, NULL, &gz)))
        return fm_cli_fail(cli, s);
    io.gz = gz;
    /* the country check (and swapped coordinates) and the border distance:
     * without them the row would be stored unchecked, so no basemap is an error */
    if ((s = fm_basemap_open(cli->ctx, NULL, &bm))) {
        fm_gazetteer_close(gz);
        return fm_cli_fail(cli, s);
    }
    if (gz) /* what the user's own store knows of the place */
        io.places = places = fm_cli_placememo(cli, o->db);
    io.bm = bm;
    if (o->claims.len)
        o->inc.claims = fm_buf_str(&o->claims);
    if (!o->inc.source_id)
        derive_id(cli, o);
    if (!(s = fm_buf_check(cli->ctx, &o->claims)) && !(s = fm_buf_check(cli->ctx, &o->id)) &&
        !(s = fm_cli_open_store(cli, o->db, FM_STORE_WRITE, &st)))
        s = fm_store_add(cli->ctx, st, &o->inc, &io, &upd);
    fm_store_close(st);
    fm_gazetteer_close(gz);
    fm_placememo_destroy(places);
    fm_basemap_close(bm);
    if (s)
        return fm_cli_fail(cli, s);
    fprintf(cli->out, "%s %s/%s\n", upd ? "updated" : "added", o->inc.source ? o->inc.source
                                                                             : "manual",
            o->inc.source_id);
    return FM_EXIT_OK;
}

static int set_option(fm_cli *cli, add_opts *o, int c, const char *v)
{
    fm_incident *x = &o->inc;
    switch (c) {
    case 'D': return fm_date_parse(cli->ctx, v, &x->date_start) == FM_OK;
    case 'E': return fm_date_parse(cli->ctx, v, &x->date_end) == FM_OK;
    case 'p': x->location = v; return 1;
    case 'y': return fm_parse_double(cli->ctx, v, &x->lat) == FM_OK;
    case 'x': return fm_parse_double(cli->ctx, v, &x->lon) == FM_OK;
    case 't': x->event_type = v; return 1;
    case 'T': x->sub_event_type = v; return 1;
    case 'k': return parse_count(cli, v, &x->fatalities);
    case 'i': return parse_count(cli, v, &x->injured);
    case '1': x->actor1 = v; return 1;
    case '2': x->actor2 = v; return 1;
    case 's': x->source = v; return 1;
    case 'I': x->source_id = v; return 1;
    case 'n': x->notes = v; return 1;
    case 'C': x->citation = v; return 1;
    case 'a': x->admin1 = v; return 1;
    case 'b': x->admin2 = v; return 1;
    case 'c': x->country = v; return 1;
    case 'u': x->loc_precision = FM_LOC_NONE; return 1;
    case 'l':
        if (!strchr(v, ':'))
            return 0;
        if (o->claims.len)
            fm_buf_puts(cli->ctx, &o->claims, "; ");
        fm_buf_puts(cli->ctx, &o->claims, v);
        return 1;
    }
    return 0;
}

/* Every value of add goes through set_option, by its old one-letter code. */
static fm_status add_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    if (set_option(cli, target, (int)opt->data, arg))
        return FM_OK;
    {
        char why[512];
        snprintf(why, sizeof why, "%s", fm_ctx_message(cli->ctx));
        return fm_error(cli->ctx, FM_EUSAGE, "--%s: invalid value '%s'%s%s", opt->long_name,
                        arg ? arg : "", *why ? ": " : "", why);
    }
}

#define ADD(name, argh, code, help) \
    {FM_OPTK_VALUE, 0, name, 0, argh, help, add_value, code, NULL, 0, NULL}

static const fm_opt add_opts_table[] = {
    FM_STRING(0, "db", add_opts, db, "F", "the store (default $FRONTIERMAP_DB)"),
    ADD("date", "D", 'D', "the day (2025-10-12, '12 October 2025')"),
    ADD("date-end", "D", 'E', "last day when the date is a range"),
    ADD("place", "P", 'p', "geocoded through the gazetteer (or give --lat/--lon)"),
    ADD("lat", "Y", 'y', "latitude in degrees (with --lon)"),
    ADD("lon", "X", 'x', "longitude in degrees (with --lat)"),
    {FM_OPTK_FLAG, 0, "unlocated", 0, NULL, "keep it without a point when the place is not found\n"
     "(counted by stats and export, listed under maps)", add_value, 'u', NULL, 0, NULL},
    ADD("type", "T", 't', "event type (Battles, Explosions/Remote violence, ...)"),
    ADD("sub-type", "S", 'T', "sub-event type (Air/drone strike, Armed clash, ...)"),
    ADD("killed", "N", 'k', "fatalities, 0 to 100000"),
    ADD("injured", "N", 'i', "injured, 0 to 100000"),
    ADD("actor1", "A", '1', "the first actor"),
    ADD("actor2", "B", '2', "the second actor"),
    ADD("source", "S", 's', "the source name (default manual)"),
    ADD("source-id", "ID", 'I', "the id within the source (default derived from date,\n"
        "place and type)"),
    ADD("claim", "'Party: text'", 'l', "a party's claimed figure (repeatable)"),
    ADD("notes", "T", 'n', "free text"),
    ADD("citation", "T", 'C', "where the report comes from"),
    ADD("admin1", "P", 'a', "the province, context for the place, stored too"),
    ADD("admin2", "D", 'b', "the district, context for the place, stored too"),
    ADD("country", "C", 'c', "the country (PK, AF), context for the place, stored too"),
    FM_OPTS_END};

const fm_cmd_desc fm_add_desc = {
    "add",
    "usage: frontiermap add [--db F] --date D (--place P | --lat Y --lon X) --type T\n"
    "                       [--sub-type S] [--killed N] [--injured N] [--actor1 A]\n"
    "                       [--actor2 B] [--source S] [--source-id ID]\n"
    "                       [--claim 'Party: text' ...] [--notes T] [--citation T]\n",
    "Adds one incident by hand (same checks as import; the same source and id again\n"
    "updates it). Without --source-id the id is derived from date, place and type.\n",
    add_opts_table, NULL, 0, 0, NULL};

int cmd_add(fm_cli *cli, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_add_desc;
    add_opts o;
    int rc, n;
    memset(&o, 0, sizeof o);
    fm_ctx_clear(cli->ctx);
    fm_incident_init(&o.inc);
    if ((rc = fm_opts_parse(cli, d, &o, argc, argv, &n)) >= 0) {
        fm_buf_free(&o.claims);
        return rc;
    }
    if (o.inc.date_start == FM_DAY_NONE)
        rc = fm_opts_usage_error(cli, d, "--date is required");
    else if (!o.inc.event_type)
        rc = fm_opts_usage_error(cli, d, "--type is required");
    else if (isnan(o.inc.lat) != isnan(o.inc.lon))
        rc = fm_opts_usage_error(cli, d, "give both --lat and --lon");
    else if (isnan(o.inc.lat) && !o.inc.location)
        rc = fm_opts_usage_error(cli, d, "give --place or --lat and --lon");
    else {
        if (o.inc.date_end == FM_DAY_NONE)
            o.inc.date_end = o.inc.date_start;
        rc = run_add(cli, &o);
    }
    fm_buf_free(&o.claims);
    fm_buf_free(&o.id);
    return rc;
}
