/* chart.c: a time chart for reports beside the maps: incidents or
 * fatalities per month as stacked bars by series (event type or source), in
 * the maps' fonts, colours and title style, with axes, a legend giving each
 * series' total, the peak month, a note and the credits. The caller gives
 * the figures (counted by the project's time rule); this file only draws. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define MARGIN 28.0

static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Series colours: event types as on the maps (fm_class_color, through a map
 * that holds only the class names), other series from the same palette. */
static void series_color(const fm_chart *c, size_t k, double rgb[3])
{
    static const double other[][3] = {
        {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0}, {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0},
        {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0}, {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0},
        {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0}, {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0},
        {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0}, {0x99 / 255.0, 0x66 / 255.0, 0x33 / 255.0}};
    if (c->series_other && k + 1 == c->nseries) {
        rgb[0] = rgb[1] = rgb[2] = 0.6;
        return;
    }
    if (c->by_type) {
        fm_map m;
        memset(&m, 0, sizeof m);
        m.classes = (char **)c->series;
        m.nclasses = c->nseries;
        fm_class_color(&m, (int)k, rgb);
        return;
    }
    memcpy(rgb, other[k % 8], sizeof other[0]);
}

/* A round step for about n ticks up to max: 1, 2 or 5 times a power of ten. */
static double nice_step(double max, int n)
{
    double raw = max / n, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

static double month_total(const fm_chart *c, size_t m)
{
    double t = 0;
    for (size_t k = 0; k < c->nseries; k++)
        t += c->v[k * c->nmonths + m];
    return t;
}

static void text_at(cairo_t *cr, const char *s, double size, int bold, double x, double y,
                    double ax, double ay, const double rgb[3])
{
    PangoLayout *pl = fm_text_layout(cr, s, size, bold);
    int w, h;
    pango_layout_get_size(pl, &w, &h);
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    fm_text_draw(cr, pl, x - ax * w / PANGO_SCALE, y - ay * h / PANGO_SCALE, 0);
    g_object_unref(pl);
}

/* Wrapped text in a box of width w; returns its height. */
static double para(cairo_t *cr, const char *s, double size, double x, double y, double w,
                   const double rgb[3], int draw)
{
    PangoLayout *pl = fm_text_layout(cr, s, size, 0);
    int tw, th;
    pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
    pango_layout_get_size(pl, &tw, &th);
    if (draw) {
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        fm_text_draw(cr, pl, x, y, 0);
    }
    g_object_unref(pl);
    return th / (double)PANGO_SCALE;
}

static void month_name(fm_day first, size_t m, char *out, size_t cap, int full_year)
{
    int y, mo, d;
    fm_day_to_ymd(first, &y, &mo, &d);
    mo += (int)m;
    y += (mo - 1) / 12;
    mo = (mo - 1) % 12 + 1;
    if (full_year)
        snprintf(out, cap, "%s %d", month_abbr[mo - 1], y);
    else
        snprintf(out, cap, "%d", y);
}

/* The month index's calendar month (1-12). */
static int month_of(fm_day first, size_t m)
{
    int y, mo, d;
    fm_day_to_ymd(first, &y, &mo, &d);
    return (int)((mo - 1 + m) % 12) + 1;
}

/* Bars, axes and tick labels inside the plot box. */
static void draw_plot(const fm_chart *c, cairo_t *cr, const fm_box *p, double ymax)
{
    static const double ink[3] = {0.25, 0.25, 0.25};
    double step = nice_step(ymax, 5), bw = (p->x1 - p->x0) / (double)c->nmonths;
    double top = ceil(ymax / step) * step, sy = (p->y1 - p->y0) / top, rgb[3];
    size_t years = (c->nmonths + 11) / 12, every = years <= 12 ? 1 : years <= 30 ? 2 : 5;
    char buf[48], num[FM_NUMBER_BUF];
    for (double t = 0; t <= top + step / 2; t += step) { /* grid and y labels */
        double y = p->y1 - t * sy;
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(cr, 0.4);
        cairo_move_to(cr, p->x0, y), cairo_line_to(cr, p->x1, y), cairo_stroke(cr);
        text_at(cr, fm_format_count((long long)llround(t), num), 6.5, 0, p->x0 - 3, y, 1, 0.5,
                ink);
    }
    for (size_t m = 0; m < c->nmonths; m++) { /* stacked from the first series up */
        double y = p->y1, gap = bw > 4 ? bw * 0.15 : 0;
        for (size_t k = 0; k < c->nseries; k++) {
            double h = c->v[k * c->nmonths + m] * sy;
            if (h <= 0)
                continue;
            series_color(c, k, rgb);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle(cr, p->x0 + m * bw + gap / 2, y - h, bw - gap, h);
            cairo_fill(cr);
            y -= h;
        }
    }
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2); /* x axis and its ticks */
    cairo_set_line_width(cr, 0.7);
    cairo_move_to(cr, p->x0, p->y1), cairo_line_to(cr, p->x1, p->y1), cairo_stroke(cr);
    for (size_t m = 0; m < c->nmonths; m++) {
        int jan = month_of(c->first_month, m) == 1;
        double x = p->x0 + m * bw;
        if (c->nmonths <= 24) { /* every month named, the year under January */
            month_name(c->first_month, m, buf, sizeof buf, 1);
            buf[3] = '\0';
            text_at(cr, buf, 6, 0, x + bw / 2, p->y1 + 3, 0.5, 0, ink);
            if (jan || m == 0) {
                month_name(c->first_month, m, buf, sizeof buf, 0);
                text_at(cr, buf, 6.5, 1, x + bw / 2, p->y1 + 11, 0.5, 0, ink);
            }
            continue;
        }
        if (!jan && m)
            continue;
        if (jan)
            cairo_move_to(cr, x, p->y1), cairo_line_to(cr, x, p->y1 + 3), cairo_stroke(cr);
        month_name(c->first_month, m, buf, sizeof buf, 0);
        if (every == 1) { /* each year named in the middle of its months on the axis */
            size_t left = 13 - (size_t)month_of(c->first_month, m), end = m + left;
            if (end > c->nmonths)
                end = c->nmonths;
            if (end - m >= 3 || c->nmonths < 48)
                text_at(cr, buf, 6.5, 0, x + (end - m) * bw / 2, p->y1 + 4, 0.5, 0, ink);
        } else if (jan && (size_t)atoi(buf) % every == 0) {
            text_at(cr, buf, 6.5, 0, x, p->y1 + 4, 0, 0, ink);
        }
    }
}

/* The legend: a swatch, the series and its total, in rows; returns its height. */
static double draw_legend(const fm_chart *c, cairo_t *cr, double x0, double y0, double w,
                          int draw)
{
    static const double ink[3] = {0.15, 0.15, 0.15};
    double x = x0, y = y0, rgb[3];
    char buf[300], num[FM_NUMBER_BUF];
    for (size_t k = 0; k < c->nseries; k++) {
        double t = 0;
        PangoLayout *pl;
        int tw, th;
        for (size_t m = 0; m < c->nmonths; m++)
            t += c->v[k * c->nmonths + m];
        snprintf(buf, sizeof buf, "%s  %s", c->series[k], fm_format_count(llround(t), num));
        pl = fm_text_layout(cr, buf, 7, 0);
        pango_layout_get_size(pl, &tw, &th);
        if (x > x0 && x + 12 + tw / (double)PANGO_SCALE > x0 + w)
            x = x0, y += 11;
        if (draw) {
            series_color(c, k, rgb);
            cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle(cr, x, y + 1.5, 8, 6.5);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, ink[0], ink[1], ink[2]);
            fm_text_draw(cr, pl, x + 11, y, 0);
        }
        x += 11 + tw / (double)PANGO_SCALE + 14;
        g_object_unref(pl);
    }
    return y - y0 + 11;
}

static fm_status check_chart(fm_ctx *ctx, const fm_chart *c)
{
    if (!c->nmonths || c->nmonths > 2400 || !c->nseries || c->nseries > 16 || !c->v ||
        !c->series)
        return fm_error(ctx, FM_EINVAL, "a chart needs 1 to 2400 months and 1 to 16 series");
    if (!(c->page_w_mm >= 50 && c->page_h_mm >= 50 && c->page_w_mm <= 2000 &&
          c->page_h_mm <= 2000))
        return fm_error(ctx, FM_EINVAL, "invalid chart page %gx%g mm", c->page_w_mm,
                        c->page_h_mm);
    return FM_OK;
}

void fm_chart_init(fm_chart *c)
{
    memset(c, 0, sizeof *c);
    c->page_w_mm = 257, c->page_h_mm = 150; /* a report's landscape figure */
    c->dpi = 150;
}

/* The peak month, "Peak: Jun 2009, 123 incidents", for the subtitle line. */
static void peak_text(const fm_chart *c, char *out, size_t cap, double *ymax)
{
    size_t best = 0;
    char mn[32], num[FM_NUMBER_BUF];
    *ymax = 0;
    for (size_t m = 0; m < c->nmonths; m++)
        if (month_total(c, m) > *ymax)
            *ymax = month_total(c, m), best = m;
    month_name(c->first_month, best, mn, sizeof mn, 1);
    if (*ymax > 0)
        snprintf(out, cap, "Peak: %s, %s %s", mn, fm_format_count(llround(*ymax), num),
                 c->unit ? c->unit : "");
    else
        snprintf(out, cap, "Nothing to chart in this period");
}

fm_status fm_chart_render(fm_ctx *ctx, const fm_chart *c, const char *path)
{
    static const double ink[3] = {0.1, 0.1, 0.1}, grey[3] = {0.3, 0.3, 0.3};
    fm_canvas *cv;
    cairo_t *cr;
    fm_box p;
    double pw, ph, y, ymax, foot_h, leg_h, w;
    char peak[128];
    fm_status st;
    if ((st = check_chart(ctx, c)) ||
        (st = fm_canvas_open(ctx, path, c->format, c->page_w_mm, c->page_h_mm, c->dpi,
                             c->title ? c->title : "Chart", &cv)))
        return st;
    cr = fm_canvas_cr(cv);
    pw = c->page_w_mm * FM_PT_PER_MM, ph = c->page_h_mm * FM_PT_PER_MM, w = pw - 2 * MARGIN;
    text_at(cr, c->title ? c->title : "", 15, 1, MARGIN, MARGIN, 0, 0, ink);
    y = MARGIN + 20;
    if (c->subtitle && *c->subtitle)
        y += para(cr, c->subtitle, 8.5, MARGIN, y, w, grey, 1) + 2;
    peak_text(c, peak, sizeof peak, &ymax);
    y += para(cr, peak, 8.5, MARGIN, y, w, grey, 1) + 4;
    cairo_set_source_rgb(cr, 0.75, 0.1, 0.1); /* the maps' title rule */
    cairo_rectangle(cr, MARGIN, y, 40, 1.5);
    cairo_fill(cr);
    y += 8;
    leg_h = draw_legend(c, cr, MARGIN, y, w, 0);
    draw_legend(c, cr, MARGIN, y, w, 1);
    y += leg_h + 8;
    foot_h = (c->note && *c->note ? para(cr, c->note, 6.5, MARGIN, 0, w, grey, 0) + 4 : 0) +
             (c->credits && *c->credits ? para(cr, c->credits, 6, MARGIN, 0, w, grey, 0) : 0);
    p.x0 = MARGIN + 34, p.x1 = pw - MARGIN;
    p.y0 = y + 6, p.y1 = ph - MARGIN - foot_h - 26;
    if (p.y1 - p.y0 < 40) {
        fm_canvas_close(ctx, cv, 0);
        return fm_error(ctx, FM_ERANGE, "the chart's page is too small for its notes");
    }
    if (c->y_label) { /* the unit above the axis, read without turning the head */
        text_at(cr, c->y_label, 7, 1, MARGIN, p.y0 - 10, 0, 0.5, grey);
    }
    draw_plot(c, cr, &p, ymax > 0 ? ymax : 1);
    y = ph - MARGIN - foot_h;
    if (c->note && *c->note)
        y += para(cr, c->note, 6.5, MARGIN, y, w, grey, 1) + 4;
    if (c->credits && *c->credits)
        para(cr, c->credits, 6, MARGIN, y, w, grey, 1);
    return fm_canvas_close(ctx, cv, 1);
}
