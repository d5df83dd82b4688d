/* cmd_add.c: `frontiermap add`: one hand-entered incident, checked by the
 * same rules as an import, upserted on (source, source_id). */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char add_usage[] =
    "usage: frontiermap add [--db F] --date D (--place P | --lat Y --lon X) --type T\n"
    "                       [--sub-type S] [--killed N] [--injured N] [--actor1 A]\n"
    "                       [--actor2 B] [--source S] [--source-id ID]\n"
    "                       [--claim 'Party: text' ...] [--notes T] [--citation T]\n"
    "Adds one incident by hand (same checks as import; the same source and id again\n"
    "updates it). Without --source-id the id is derived from date, place and type.\n"
    "  --place P                geocoded through the gazetteer (or give --lat/--lon)\n"
    "  --unlocated              keep it without a point when the place is not found\n"
    "                           (counted by stats and export, listed under maps)\n"
    "  --admin1 P --admin2 D --country C   context for the place, stored too\n"
    "  --date-end D             last day when the date is a range\n"
    "  --claim 'Party: text'    a party's claimed figure (repeatable)\n";

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

int cmd_add(fm_cli *cli, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"db", 1, 0, 'd'}, {"date", 1, 0, 'D'}, {"date-end", 1, 0, 'E'}, {"place", 1, 0, 'p'},
        {"lat", 1, 0, 'y'}, {"lon", 1, 0, 'x'}, {"type", 1, 0, 't'}, {"sub-type", 1, 0, 'T'},
        {"killed", 1, 0, 'k'}, {"injured", 1, 0, 'i'}, {"actor1", 1, 0, '1'},
        {"actor2", 1, 0, '2'}, {"source", 1, 0, 's'}, {"source-id", 1, 0, 'I'},
        {"claim", 1, 0, 'l'}, {"notes", 1, 0, 'n'}, {"citation", 1, 0, 'C'},
        {"admin1", 1, 0, 'a'}, {"admin2", 1, 0, 'b'}, {"country", 1, 0, 'c'},
        {"unlocated", 0, 0, 'u'}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
    add_opts o;
    int c, rc;
    memset(&o, 0, sizeof o);
    fm_ctx_clear(cli->ctx);
    fm_incident_init(&o.inc);
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == 'h')
            return fm_cli_help(cli, add_usage);
        if (c == 'd') {
            o.db = optarg;
            continue;
        }
        if (c == '?' || c == ':')
            return fm_cli_option_error(cli, add_usage, "add", c, argv);
        if (!set_option(cli, &o, c, optarg)) {
            const char *name = "option";
            for (const struct option *lo = longopts; lo->name; lo++)
                if (lo->val == c)
                    name = lo->name;
            return fm_cli_usage_error(cli, add_usage, "--%s: invalid value '%s'%s%s", name,
                                      optarg, *fm_ctx_message(cli->ctx) ? ": " : "",
                                      fm_ctx_message(cli->ctx));
        }
    }
    if (optind < argc)
        return fm_cli_usage_error(cli, add_usage, "unexpected argument '%s'", argv[optind]);
    if (o.inc.date_start == FM_DAY_NONE)
        return fm_cli_usage_error(cli, add_usage, "--date is required");
    if (!o.inc.event_type)
        return fm_cli_usage_error(cli, add_usage, "--type is required");
    if (isnan(o.inc.lat) != isnan(o.inc.lon))
        return fm_cli_usage_error(cli, add_usage, "give both --lat and --lon");
    if (isnan(o.inc.lat) && !o.inc.location)
        return fm_cli_usage_error(cli, add_usage, "give --place or --lat and --lon");
    if (o.inc.date_end == FM_DAY_NONE)
        o.inc.date_end = o.inc.date_start;
    rc = run_add(cli, &o);
    fm_buf_free(&o.claims);
    fm_buf_free(&o.id);
    return rc;
}
