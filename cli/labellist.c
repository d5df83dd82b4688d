/* labellist.c: `map --label-list FILE`: every name the map considered, placed
 * or left out, with where it went, then the symbols and their counts and the
 * callout boxes, as CSV. An editor checks it against the map (which town was
 * dropped, which name moved off its place); tests read it instead of pixels. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/fm_output.h"

static void put_num(FILE *f, double v)
{
    if (isnan(v))
        fputc(',', f);
    else
        fprintf(f, ",%.5g", v);
}

static void put_box(FILE *f, const double b[4])
{
    for (int k = 0; k < 4; k++)
        put_num(f, b[k]);
}

/* One row: record,text,kind,must,placed,leader,lon,lat,x,y,x0,y0,x1,y1,r
 * (and the symbols' fatalities, written by put_symbol) */
static void put_row(FILE *f, const char *record, const char *text, const char *kind, int must,
                    int placed, int leader, double lon, double lat, double x, double y,
                    const double box[4], double r)
{
    fputs(record, f);
    fputc(',', f);
    fm_csv_write_field(f, text ? text : "");
    fprintf(f, ",%s,%d,%d,%d", kind ? kind : "", must, placed, leader);
    put_num(f, lon), put_num(f, lat), put_num(f, x), put_num(f, y);
    put_box(f, box);
    put_num(f, r);
    fputc(strcmp(record, "symbol") ? '\n' : ',', f);
}

/* A symbol: its count as text, "dashed" (some member only near, or placed
 * to a district or province) or "solid" as kind, its centre, count box and
 * radius, and the fatalities it sums: what must not change with the page. */
static void put_symbol(FILE *f, const fm_map *map, size_t i)
{
    fm_map_symbol_rec s;
    double xyr[3], cb[4];
    char count[24];
    fm_map_symbol_info(map, i, xyr, cb);
    fm_map_symbol_get(map, i, &s);
    snprintf(count, sizeof count, "%d", s.count);
    put_row(f, "symbol", count, s.approx ? "dashed" : "solid", 0, 1, 0, s.lon, s.lat, s.x, s.y,
            cb, s.r);
    fprintf(f, "%ld\n", s.fatalities);
}

/* The page's parts after the frame: the page, title, legend, inset, credits
 * (their drawn boxes, page points; a part not drawn is left out; placed 0 on
 * the legend: some of its entries found no room), the scale bar
 * (its length in text, its width in points in r), the fatalities' key (its
 * largest value in text, that circle's radius in points in r), and the
 * frame's view and the extent it had to show (w, s, e, n in degrees in the
 * box columns). */
static void put_layout(FILE *f, const fm_map *map)
{
    static const double none[4] = {NAN, NAN, NAN, NAN};
    fm_map_layout_info li;
    double page[4];
    const struct { const char *record; const double *box; } parts[] = {
        {"page", page}, {"title", li.title}, {"legend", li.legend}, {"inset", li.inset},
        {"credits", li.credits}};
    char km[32];
    fm_map_layout_get(map, &li);
    page[0] = page[1] = 0, page[2] = li.page_w, page[3] = li.page_h;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i].box[2] > parts[i].box[0])
            put_row(f, parts[i].record, "", "", 0, !(li.legend_dropped && i == 2), 0, NAN, NAN,
                    NAN, NAN, parts[i].box, NAN);
    if (li.scalebar_pt > 0) {
        snprintf(km, sizeof km, "%g km", li.scalebar_km);
        put_row(f, "scalebar", km, "", 0, 1, 0, NAN, NAN, NAN, NAN, none, li.scalebar_pt);
    }
    if (li.sizekey_value > 0) {
        snprintf(km, sizeof km, "%ld", li.sizekey_value);
        put_row(f, "sizekey", km, "", 0, 1, 0, NAN, NAN, NAN, NAN, none, li.sizekey_pt);
    }
    put_row(f, "view", "", "lonlat", 0, 0, 0, NAN, NAN, NAN, NAN, li.view_ll, NAN);
    put_row(f, "extent", "", "lonlat", 0, 0, 0, NAN, NAN, NAN, NAN, li.extent_ll, NAN);
}

fm_status fm_cli_label_list_write(fm_ctx *ctx, const fm_map *map, const char *path)
{
    fm_output *o;
    FILE *f;
    fm_map_label_info li;
    double xyr[3], cb[4], frame[4];
    fm_status st = fm_output_open(ctx, path, 0, &o);
    if (st)
        return st;
    f = fm_output_stream(o);
    fputs("record,text,kind,must,placed,leader,lon,lat,x,y,x0,y0,x1,y1,r,fatalities\n", f);
    fm_map_frame_box(map, frame);
    put_row(f, "frame", "", "", 0, 0, 0, NAN, NAN, NAN, NAN, frame, NAN);
    put_layout(f, map);
    for (size_t i = 0; fm_map_label_info_get(map, i, &li); i++)
        put_row(f, "label", li.text, li.kind, li.must, li.placed, li.leader, li.lon, li.lat,
                li.x, li.y, li.box, NAN);
    for (size_t i = 0; i < fm_map_symbol_count(map); i++)
        put_symbol(f, map, i);
    for (size_t i = 0; fm_map_callout_info(map, i, cb, xyr); i++)
        put_row(f, "callout", "", "", 1, 1, 1, NAN, NAN, xyr[0], xyr[1], cb, NAN);
    {
        const char *text;
        if (fm_map_unnamed_info(map, cb, &text))
            put_row(f, "unnamed", text, "", 1, 1, 0, NAN, NAN, NAN, NAN, cb, NAN);
    }
    for (size_t i = 0; i < FM_MAP_MAX_RINGS; i++) { /* the ring's point in x, y */
        char text[320];
        int leader;
        if (fm_map_ring_info(map, i, cb, xyr, &leader, text, sizeof text))
            put_row(f, "ring", text, "", 1, 1, leader, NAN, NAN, xyr[0], xyr[1], cb, NAN);
    }
    return fm_output_commit(ctx, o);
}
