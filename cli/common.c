/* common.c: error reporting, store selection, the terminal progress bar and
 * the shared filter options used by every subcommand. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

int fm_cli_fail(fm_cli *cli, fm_status st)
{
    const char *msg = fm_ctx_message(cli->ctx);
    fprintf(cli->err, "frontiermap: %s\n", *msg ? msg : fm_status_str(st));
    return st == FM_EUSAGE ? FM_EXIT_USAGE : FM_EXIT_FAIL;
}

const char *fm_cli_reason(const fm_cli *cli)
{
    const char *m = fm_ctx_message(cli->ctx), *r = strstr(m, "': ");
    return r ? r + 3 : m;
}

const char *fm_cli_db_path(const char *db_opt)
{
    const char *env;
    if (db_opt && *db_opt)
        return db_opt;
    env = getenv("FRONTIERMAP_DB");
    return env && *env ? env : NULL;
}

fm_status fm_cli_open_store(fm_cli *cli, const char *db_opt, fm_store_mode mode,
                            fm_store **out)
{
    const char *path = fm_cli_db_path(db_opt);
    if (path)
        return fm_store_open(cli->ctx, path, mode, out);
    if (mode == FM_STORE_WRITE)
        return fm_error(cli->ctx, FM_EUSAGE,
                        "no store given: use --db FILE.gpkg or set FRONTIERMAP_DB "
                        "(the built-in incidents are read-only)");
    return fm_store_open_builtin(cli->ctx, out);
}

static int progress_bar(double fraction, const char *msg, void *user)
{
    fm_cli *cli = user;
    int width = 40, filled = (int)(fraction * width + 0.5), i;
    fprintf(cli->err, "\r%-24.24s [", msg ? msg : "");
    for (i = 0; i < width; i++)
        fputc(i < filled ? '#' : ' ', cli->err);
    fprintf(cli->err, "] %3d%%", (int)(fraction * 100 + 0.5));
    fflush(cli->err);
    return 1;
}

void fm_cli_progress_begin(fm_cli *cli)
{
    if (cli->progress_tty && !cli->quiet)
        fm_ctx_set_progress(cli->ctx, progress_bar, cli);
}

void fm_cli_progress_end(fm_cli *cli)
{
    if (cli->progress_tty && !cli->quiet) {
        fm_ctx_set_progress(cli->ctx, NULL, NULL);
        fputs("\r\033[K", cli->err);
    }
}

void fm_cli_spatial_default(fm_filter *f)
{
    fm_filter_spatial_default(f);
}

void fm_cli_filter_describe(const fm_filter *f, fm_buf *out, fm_ctx *ctx)
{
    fm_cli_filter_describe_then(f, 0, out, ctx);
}

void fm_cli_filter_describe_then(const fm_filter *f, int year, fm_buf *out, fm_ctx *ctx)
{
    char a[11], b[11];
    const char *sep = out->len ? "; " : "";
    fm_day_format(f->since, a);
    fm_day_format(f->until, b);
    if (f->since != FM_DAY_NONE && f->until != FM_DAY_NONE)
        fm_buf_printf(ctx, out, "%s%s to %s", sep, a, b), sep = "; ";
    else if (f->since != FM_DAY_NONE)
        fm_buf_printf(ctx, out, "%ssince %s", sep, a), sep = "; ";
    else if (f->until != FM_DAY_NONE)
        fm_buf_printf(ctx, out, "%suntil %s", sep, b), sep = "; ";
    if (f->type)
        fm_buf_printf(ctx, out, "%stype: %s", sep, f->type), sep = "; ";
    if (f->actor)
        fm_buf_printf(ctx, out, "%sactor: %s", sep, f->actor), sep = "; ";
    if (f->min_fatalities > 0)
        fm_buf_printf(ctx, out, "%sat least %d killed", sep, f->min_fatalities), sep = "; ";
    if (f->near_border_m >= 0)
        fm_buf_printf(ctx, out, "%swithin %g km of the border", sep, f->near_border_m / 1000),
            sep = "; ";
    if (f->side)
        fm_buf_printf(ctx, out, "%s%s side", sep, !strcmp(f->side, "PK") ? "Pakistani" : "Afghan"),
            sep = "; ";
    if (f->country)
        fm_buf_printf(ctx, out, "%scountry: %s", sep, f->country), sep = "; ";
    if (f->admin1) { /* under the province's own name, not the spelling given ("kp"), */
        char name[64] = "", then[200]; /* and the period's: the maps' labels are */
        if (fm_cli_region_province(ctx, f->admin1, name, sizeof name))
            name[0] = '\0';
        fm_province_title_then(name[0] ? name : f->admin1, year, then, sizeof then);
        fm_buf_printf(ctx, out, "%sprovince: %s", sep, then), sep = "; ";
    }
    if (f->admin2)
        fm_buf_printf(ctx, out, "%sdistrict: %s", sep, f->admin2), sep = "; ";
    if (f->loc_mask && (f->loc_mask & FM_LOC_ALL) != FM_LOC_ALL && f->loc_mask != FM_LOC_SPATIAL) {
        const char *s2 = "";
        fm_buf_printf(ctx, out, "%slocation ", sep);
        for (int c = FM_LOC_EXACT; c <= FM_LOC_NONE; c++)
            if (f->loc_mask & FM_LOC_BIT(c))
                fm_buf_printf(ctx, out, "%s%s", s2, fm_loc_class_name(c)), s2 = ", ";
    }
}

void fm_cli_credit_sources(fm_ctx *ctx, const char *const *sources, size_t n,
                           const char *acled_accessed, const fm_source_info *ged_info, fm_buf *b)
{
    fm_credit_sources(ctx, sources, n, acled_accessed, ged_info, b);
}
