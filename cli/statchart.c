/* statchart.c: `stats --chart FILE`: incidents or fatalities per month as a
 * chart for a report, stacked by event type, source, violence type or
 * province. The figures are fm_store_stats2's, by month then series, so the
 * bars are the rows `stats --by month` prints, split: every incident is in
 * the month holding its start date, and those lasting longer than that
 * month (or than a bounded period) are in no bar and said in the note. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_SERIES 8 /* the seventh largest and more: "Other" */

typedef struct {
    char *name;  /* owned */
    char *label; /* owned; the name as the period knew it, NULL when the same */
    double total;
} series;

typedef struct {
    fm_day first, last;         /* first days of the first and last months */
    series s[64];
    size_t ns;
    int overflow;               /* more than 64 distinct: the rest in "Other" */
    fm_cli_tally longer_month;  /* in no bar: longer than their month */
    fm_cli_tally longer_period; /* longer than --since..--until */
    long long n, killed;        /* in the bars */
} chart_data;

static int month_index(fm_day first, int y, int m)
{
    int fy, fmo, fd;
    fm_day_to_ymd(first, &fy, &fmo, &fd);
    return (y - fy) * 12 + (m - fmo);
}

/* "2009-06\x1fBattles" -> day of 2009-06-01 and the series; 0 if not a month. */
static int split_key(const char *key, fm_day *month, const char **name)
{
    const char *us = strchr(key, '\x1f');
    int y, m;
    *name = us ? us + 1 : "All incidents";
    if (sscanf(key, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return 0;
    *month = fm_day_from_ymd(y, m, 1);
    return 1;
}

/* Sources as their credits name them. */
static const char *display_name(const char *name)
{
    return !strcmp(name, "ged") ? "UCDP GED" : !strcmp(name, "acled") ? "ACLED"
         : !strcmp(name, "reports") ? "Reports (built-in)" : name;
}

static size_t series_find(fm_cli *cli, chart_data *d, const char *name)
{
    size_t i;
    name = display_name(name);
    for (i = 0; i < d->ns; i++)
        if (!strcmp(d->s[i].name, name))
            return i;
    if (d->ns == sizeof d->s / sizeof d->s[0]) {
        d->overflow = 1;
        return d->ns - 1; /* folded into the last, named "Other" later */
    }
    if (!(d->s[d->ns].name = fm_strdup(cli->ctx, name)))
        return (size_t)-1;
    d->s[d->ns].total = 0;
    return d->ns++;
}

static int by_total(const void *a, const void *b)
{
    const series *x = a, *y = b;
    return x->total < y->total ? 1 : x->total > y->total ? -1 : strcmp(x->name, y->name);
}

/* First pass: the months' span, the series and their totals, what is apart. */
static fm_status scan(fm_cli *cli, const fm_filter *f, const fm_stat_row *rows, size_t n,
                      int fatalities, chart_data *d)
{
    d->first = d->last = FM_DAY_NONE;
    for (size_t i = 0; i < n; i++) {
        fm_day m;
        const char *name;
        double v = fatalities ? (double)rows[i].fatalities : (double)rows[i].incidents;
        if (fm_stat_key_apart(rows[i].key)) {
            fm_cli_tally *t = strstr(rows[i].key, "month") ? &d->longer_month : &d->longer_period;
            t->n += rows[i].incidents, t->killed += rows[i].fatalities;
            continue;
        }
        if (!split_key(rows[i].key, &m, &name))
            continue; /* no start date: cannot be charted (stats shows them) */
        size_t k = series_find(cli, d, name);
        if (k == (size_t)-1)
            return FM_ENOMEM;
        d->s[k].total += v;
        d->n += rows[i].incidents, d->killed += rows[i].fatalities;
        if (d->first == FM_DAY_NONE || m < d->first)
            d->first = m;
        if (d->last == FM_DAY_NONE || m > d->last)
            d->last = m;
    }
    int y, mo, dd;
    if (f->since != FM_DAY_NONE) /* the period asked for, empty months included */
        fm_day_to_ymd(f->since, &y, &mo, &dd), d->first = fm_day_from_ymd(y, mo, 1);
    if (f->until != FM_DAY_NONE)
        fm_day_to_ymd(f->until, &y, &mo, &dd), d->last = fm_day_from_ymd(y, mo, 1);
    return FM_OK;
}

static void describe_tally(fm_cli *cli, fm_buf *b, const fm_cli_tally *t, const char *what)
{
    char n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF];
    fm_buf_printf(cli->ctx, b, " %s incident%s (%s killed) lasting longer than %s %s in no bar.",
                  fm_format_count(t->n, n1), t->n == 1 ? "" : "s", fm_format_count(t->killed, n2),
                  what, t->n == 1 ? "is" : "are");
}

static void chart_texts(fm_cli *cli, const fm_filter *f, const chart_data *d, int fatalities,
                        const char *by_name, fm_buf *title, fm_buf *sub, fm_buf *note)
{
    char a[40], b[40], n1[FM_NUMBER_BUF], n2[FM_NUMBER_BUF];
    fm_filter rest = *f;
    int y, m, dd;
    fm_buf_printf(cli->ctx, title, "%s per month%s%s",
                  fatalities ? "Fatalities (best estimate)" : "Incidents", by_name ? ", by " : "",
                  by_name ? by_name : "");
    fm_day_to_ymd(d->first, &y, &m, &dd);
    snprintf(a, sizeof a, "%d-%02d", y, m);
    fm_day_to_ymd(d->last, &y, &m, &dd);
    snprintf(b, sizeof b, "%d-%02d", y, m);
    fm_buf_printf(cli->ctx, sub, "%s incidents, %s killed, %s to %s", fm_format_count(d->n, n1),
                  fm_format_count(d->killed, n2), a, b);
    rest.since = rest.until = FM_DAY_NONE;
    {
        fm_buf fb = {0};
        fm_cli_filter_describe_then(&rest, y, &fb, cli->ctx); /* the last month's year */
        if (fb.len)
            fm_buf_printf(cli->ctx, sub, " \u00b7 %s", fm_buf_str(&fb));
        fm_buf_free(&fb);
    }
    fm_buf_puts(cli->ctx, note, "Each incident is counted in the month of its start date.");
    if (d->longer_month.n)
        describe_tally(cli, note, &d->longer_month,
                       d->longer_month.n == 1 ? "the month it starts in" : "the month they start in");
    if (d->longer_period.n)
        describe_tally(cli, note, &d->longer_period, "the period");
    if (fatalities)
        fm_buf_puts(cli->ctx, note, " Fatalities are the sources' best estimates; incidents "
                    "without a figure count as none.");
}

/* The credits, as the maps give them: each source with its citation. */
static fm_status chart_credits(fm_cli *cli, fm_store *st, const fm_filter *f, fm_buf *b)
{
    fm_stat_row *rows = NULL;
    const char *names[16];
    size_t n = 0, k = 0;
    char acled[11] = "";
    fm_source_info ged;
    fm_status s;
    if (!(s = fm_store_stats(cli->ctx, st, f, FM_GROUP_SOURCE, &rows, &n)) &&
        !(s = fm_store_source_info(cli->ctx, st, "ged", &ged)) &&
        !(s = fm_store_imported_on(cli->ctx, st, "acled", acled))) {
        for (size_t i = 0; i < n && k < sizeof names / sizeof names[0]; i++)
            if (!fm_stat_key_apart(rows[i].key))
                names[k++] = rows[i].key;
        fm_buf_puts(cli->ctx, b, "Data: ");
        fm_cli_credit_sources(cli->ctx, names, k, acled, &ged, b);
        fm_buf_printf(cli->ctx, b, "Chart: frontiermap %s.", fm_version());
    }
    fm_stat_rows_free(rows, n);
    return s ? s : fm_buf_check(cli->ctx, b);
}

/* A chart by province names them as the maps of its period do: a 2009
 * chart's "Khyber Pakhtunkhwa" (which holds the former agencies) is
 * "North-West Frontier and FATA" (fm_province_title_then). */
static fm_status label_series(fm_cli *cli, chart_data *d, fm_group_by by)
{
    int y, m, dd;
    fm_day_to_ymd(d->last, &y, &m, &dd);
    for (size_t k = 0; by == FM_GROUP_ADMIN1 && k < d->ns; k++) {
        char then[200];
        fm_province_title_then(d->s[k].name, y, then, sizeof then);
        if (strcmp(then, d->s[k].name) && !(d->s[k].label = fm_strdup(cli->ctx, then)))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Orders the series by total and folds the smallest into "Other". */
static fm_status order_series(fm_cli *cli, chart_data *d, int *other)
{
    *other = d->overflow || d->ns > MAX_SERIES;
    qsort(d->s, d->ns, sizeof d->s[0], by_total);
    if (!*other)
        return FM_OK;
    for (size_t i = MAX_SERIES; i < d->ns; i++) {
        d->s[MAX_SERIES - 1].total += d->s[i].total;
        free(d->s[i].name);
        free(d->s[i].label);
    }
    d->ns = MAX_SERIES;
    free(d->s[MAX_SERIES - 1].name);
    free(d->s[MAX_SERIES - 1].label);
    d->s[MAX_SERIES - 1].label = NULL;
    return (d->s[MAX_SERIES - 1].name = fm_strdup(cli->ctx, "Other")) ? FM_OK : FM_ENOMEM;
}

static size_t series_slot(const chart_data *d, const char *name, int other)
{
    name = display_name(name);
    for (size_t k = 0; k < d->ns; k++)
        if (!strcmp(d->s[k].name, name))
            return k;
    return other ? d->ns - 1 : (size_t)-1;
}

static fm_status fill_values(const chart_data *d, const fm_stat_row *rows, size_t n,
                             int fatalities, int other, size_t nmonths, double *v)
{
    for (size_t i = 0; i < n; i++) {
        fm_day m;
        const char *name;
        int y, mo, dd, mi;
        size_t k;
        if (fm_stat_key_apart(rows[i].key) || !split_key(rows[i].key, &m, &name))
            continue;
        fm_day_to_ymd(m, &y, &mo, &dd);
        mi = month_index(d->first, y, mo);
        if (mi < 0 || (size_t)mi >= nmonths || (k = series_slot(d, name, other)) == (size_t)-1)
            continue;
        v[k * nmonths + (size_t)mi] += fatalities ? (double)rows[i].fatalities
                                                  : (double)rows[i].incidents;
    }
    return FM_OK;
}

fm_status fm_cli_stats_chart(fm_cli *cli, fm_store *st, const fm_filter *f, fm_group_by by,
                             const char *by_name, int fatalities, const char *path)
{
    fm_stat_row *rows = NULL;
    size_t n = 0, nmonths = 0;
    chart_data d;
    fm_buf title = {0}, sub = {0}, note = {0}, cred = {0};
    double *v = NULL;
    const char *names[MAX_SERIES + 1];
    fm_chart c;
    fm_status s;
    int other = 0, y0, m0, y1, m1, dd;
    memset(&d, 0, sizeof d);
    if ((s = fm_store_stats2(cli->ctx, st, f, FM_GROUP_MONTH, by, &rows, &n)) ||
        (s = scan(cli, f, rows, n, fatalities, &d)) || (s = order_series(cli, &d, &other)))
        goto done;
    if (d.first == FM_DAY_NONE) {
        s = fm_error(cli->ctx, FM_ENOTFOUND, "no incidents with a start date match: no chart");
        goto done;
    }
    fm_day_to_ymd(d.first, &y0, &m0, &dd);
    fm_day_to_ymd(d.last, &y1, &m1, &dd);
    nmonths = (size_t)((y1 - y0) * 12 + (m1 - m0) + 1);
    if (!d.ns) { /* a period with nothing in it still gets its (empty) axis */
        if (!(d.s[0].name = fm_strdup(cli->ctx, by == FM_GROUP_NONE ? "All incidents" : "none"))) {
            s = FM_ENOMEM;
            goto done;
        }
        d.ns = 1;
    }
    if (!(v = calloc(nmonths * d.ns, sizeof *v))) {
        s = fm_error(cli->ctx, FM_ENOMEM, "out of memory");
        goto done;
    }
    fill_values(&d, rows, n, fatalities, other, nmonths, v);
    if ((s = label_series(cli, &d, by)))
        goto done;
    chart_texts(cli, f, &d, fatalities, by == FM_GROUP_NONE ? NULL : by_name, &title, &sub,
                &note);
    if ((s = chart_credits(cli, st, f, &cred)) || (s = fm_buf_check(cli->ctx, &title)) ||
        (s = fm_buf_check(cli->ctx, &sub)) || (s = fm_buf_check(cli->ctx, &note)))
        goto done;
    for (size_t k = 0; k < d.ns; k++)
        names[k] = d.s[k].label ? d.s[k].label : d.s[k].name;
    fm_chart_init(&c);
    c.title = fm_buf_str(&title), c.subtitle = fm_buf_str(&sub);
    c.note = fm_buf_str(&note), c.credits = fm_buf_str(&cred);
    c.y_label = fatalities ? "Killed per month" : "Incidents per month";
    c.unit = fatalities ? "killed" : "incidents";
    c.first_month = d.first, c.nmonths = nmonths;
    c.series = names, c.nseries = d.ns, c.v = v;
    c.series_other = other, c.by_type = by == FM_GROUP_TYPE;
    s = fm_chart_render(cli->ctx, &c, path);
done:
    for (size_t k = 0; k < d.ns; k++)
        free(d.s[k].name), free(d.s[k].label);
    free(v);
    fm_buf_free(&title), fm_buf_free(&sub), fm_buf_free(&note), fm_buf_free(&cred);
    fm_stat_rows_free(rows, n);
    return s;
}
