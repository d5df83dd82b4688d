/* symbols.c: incident symbols. Circle area is proportional to fatalities
 * (a minimum size for zero or unknown), colour says the event type (Okabe-Ito,
 * safe for colour-blind readers), district- or province-level locations are
 * hollow and dashed, and points that would overlap at the map's scale are
 * combined greedily into one symbol with the count inside. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/map_priv.h"

#define CLUSTER_PT 6.5 /* on an A4 page, points closer than this are combined */
#define R_MIN 2.4
#define MERGE_ROUNDS 8 /* of clusters whose counts meet (a joined one grows) */
#define REF_DIAG_PT 760.0 /* the extent's diagonal on an A4 page, about */

static const struct {
    const char *key;
    double rgb[3];
} class_palette[] = {
    {"battle", {0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0}},
    {"explosion", {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0}},
    {"remote", {0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0}},
    {"civilian", {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0}},
    {"one-sided", {0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0}},
    {"protest", {0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0}},
    {"riot", {0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0}},
    {"strategic", {0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0}},
};
static const double spare_palette[][3] = {
    {0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0}, {0x99 / 255.0, 0x66 / 255.0, 0x33 / 255.0},
    {0x66 / 255.0, 0x66 / 255.0, 0x66 / 255.0}, {0x88 / 255.0, 0xCC / 255.0, 0xEE / 255.0},
};

/* Does name contain key (lowercase ASCII) in any case? */
static int has_word(const char *name, const char *key)
{
    size_t n = strlen(key);
    for (; *name; name++)
        if (!strncasecmp(name, key, n))
            return 1;
    return 0;
}

/* Known event types keep their colour whatever the class order; the rest
 * take the spare colours in class order. The incidents of a heatmap (one
 * class over a density) are near-black, a colour no ramp ends in: the
 * spare yellow vanished on viridis' yellow peak. */
void fm_class_color(const fm_map *map, int cls, double rgb[3])
{
    size_t i, spare = 0;
    int c;
    if (cls < 0 || (size_t)cls >= map->nclasses) {
        rgb[0] = rgb[1] = rgb[2] = 0.45;
        return;
    }
    if (map->grid && map->nclasses == 1) {
        rgb[0] = rgb[1] = rgb[2] = 0.12;
        return;
    }
    for (c = 0; c <= cls; c++) {
        const char *name = map->classes[c];
        int known = 0;
        for (i = 0; i < sizeof class_palette / sizeof class_palette[0]; i++)
            if (has_word(name, class_palette[i].key)) {
                if (c == cls)
                    memcpy(rgb, class_palette[i].rgb, sizeof class_palette[i].rgb);
                known = 1;
                break;
            }
        if (!known && c == cls)
            memcpy(rgb, spare_palette[spare % 4], 3 * sizeof(double));
        spare += !known;
    }
}

/* Radius for a fatality total with the map's size constant. */
static double radius_k(const fm_map *map, double k, long f)
{
    double rmin = R_MIN * map->sym_scale;
    return f > 0 ? fmax(rmin, k * sqrt((double)f)) : rmin;
}

double fm_symbol_radius(const fm_map *map, long fatalities)
{
    return radius_k(map, map->size_k, fatalities);
}

/* Symbols scale with the page: the extent's diagonal on the page against
 * an A4 page's, so the same extent gives the same clusters, styles and
 * counts on A4 and A3, portrait or landscape, only larger. */
static void set_scale(fm_map *map)
{
    const fm_layout *l = &map->lay;
    double diag = hypot(l->bb[2] - l->bb[0], l->bb[3] - l->bb[1]) * l->scale;
    map->sym_scale = diag > 0 ? fmin(2.0, fmax(0.6, diag / REF_DIAG_PT)) : 1;
    map->cluster_pt = CLUSTER_PT * map->sym_scale;
}

typedef struct {
    double x, y;
    int f, cls, approx;
} proj_pt;

static int cmp_pt(const void *a, const void *b)
{
    const proj_pt *p = a, *q = b;
    if (p->f != q->f)
        return p->f > q->f ? -1 : 1;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->cls - q->cls;
}

static int cmp_sym(const void *a, const void *b)
{
    const fm_symbol *p = a, *q = b;
    if (p->r != q->r)
        return p->r > q->r ? -1 : 1;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->y < q->y ? -1 : p->y > q->y;
}

/* Projects the points onto the page, dropping those off the frame. */
static fm_status project_points(fm_ctx *ctx, fm_map *map, proj_pt **out, size_t *n)
{
    const fm_box *f = &map->lay.frame;
    size_t i, k = 0, chunk = 4096;
    double xy[2 * 4096];
    proj_pt *pp = fm_malloc_array(map->npts ? map->npts : 1, sizeof *pp);
    if (!pp)
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu points", map->npts);
    for (i = 0; i < map->npts; i += chunk) {
        size_t j, m = map->npts - i < chunk ? map->npts - i : chunk;
        for (j = 0; j < m; j++)
            xy[2 * j] = map->pts[i + j].lon, xy[2 * j + 1] = map->pts[i + j].lat;
        fm_proj_fwd(map->proj, xy, m);
        for (j = 0; j < m; j++) {
            const fm_map_point *p = &map->pts[i + j];
            double px, py;
            if (xy[2 * j] == HUGE_VAL || !isfinite(p->lon) || !isfinite(p->lat))
                continue;
            fm_lay_page(&map->lay, xy[2 * j], xy[2 * j + 1], &px, &py);
            if (px < f->x0 || px > f->x1 || py < f->y0 || py > f->y1)
                continue;
            pp[k].x = px, pp[k].y = py, pp[k].f = p->fatalities, pp[k].cls = p->cls;
            pp[k].approx = p->precision >= 2;
            k++;
        }
    }
    qsort(pp, k, sizeof *pp, cmp_pt);
    *out = pp;
    *n = k;
    return FM_OK;
}

typedef struct {
    int nx, ny;
    int *head;  /* per cell: first symbol index, -1 none */
    int *next;  /* per symbol */
} cell_grid;

static int find_seed(const fm_map *map, const cell_grid *g, const proj_pt *p)
{
    int cx = (int)((p->x - map->lay.frame.x0) / map->cluster_pt);
    int cy = (int)((p->y - map->lay.frame.y0) / map->cluster_pt), dx, dy, best = -1;
    double bestd = map->cluster_pt * map->cluster_pt;
    for (dy = -1; dy <= 1; dy++)
        for (dx = -1; dx <= 1; dx++) {
            int x = cx + dx, y = cy + dy, s;
            if (x < 0 || y < 0 || x >= g->nx || y >= g->ny)
                continue;
            for (s = g->head[y * g->nx + x]; s >= 0; s = g->next[s]) {
                const fm_symbol *sy = &map->symbols[s];
                double d = (sy->x - p->x) * (sy->x - p->x) + (sy->y - p->y) * (sy->y - p->y);
                if (sy->approx == p->approx && d < bestd)
                    bestd = d, best = s;
            }
        }
    return best;
}

static void add_seed(fm_map *map, cell_grid *g, const proj_pt *p, int s)
{
    int cx = (int)((p->x - map->lay.frame.x0) / map->cluster_pt);
    int cy = (int)((p->y - map->lay.frame.y0) / map->cluster_pt);
    fm_symbol *sy = &map->symbols[s];
    memset(sy, 0, sizeof *sy);
    sy->x = p->x, sy->y = p->y, sy->approx = p->approx;
    sy->cls_count = map->cls_counts + (size_t)s * (map->nclasses + 1);
    cx = cx < 0 ? 0 : cx >= g->nx ? g->nx - 1 : cx;
    cy = cy < 0 ? 0 : cy >= g->ny ? g->ny - 1 : cy;
    g->next[s] = g->head[cy * g->nx + cx];
    g->head[cy * g->nx + cx] = s;
}

static void join(fm_map *map, fm_symbol *sy, const proj_pt *p)
{
    int c = p->cls < 0 ? (int)map->nclasses : p->cls;
    sy->count++;
    sy->fatalities += p->f > 0 ? p->f : 0;
    sy->cls_count[c]++;
    map->class_totals[c]++;
}

static void finish_symbols(fm_map *map)
{
    size_t i, c;
    long maxf = 1;
    for (i = 0; i < map->nsymbols; i++)
        maxf = map->symbols[i].fatalities > maxf ? map->symbols[i].fatalities : maxf;
    /* 1.1 pt per sqrt(fatality) unless the biggest symbol would pass 26 pt
     * (on A4; both scale with the page) */
    map->size_k = fmin(1.1, 26.0 / sqrt((double)maxf)) * map->sym_scale;
    map->max_fatalities = maxf;
    for (i = 0; i < map->nsymbols; i++) {
        fm_symbol *s = &map->symbols[i];
        int best = 0;
        for (c = 1; c <= map->nclasses; c++)
            if (s->cls_count[c] > s->cls_count[best])
                best = (int)c;
        s->cls = best == (int)map->nclasses ? -1 : best;
        s->r = radius_k(map, map->size_k, s->fatalities);
        s->count_x = s->x, s->count_y = s->y;
        if (s->count > 1)
            s->r = fmax(s->r, (s->count < 100 ? 4.6 : s->count < 1000 ? 6.0 : 7.4) * map->sym_scale);
    }
    qsort(map->symbols, map->nsymbols, sizeof *map->symbols, cmp_sym);
}

/* Folds symbol j into i (both already counted in the class totals). */
static void absorb(fm_map *map, fm_symbol *a, fm_symbol *b)
{
    size_t c;
    double w = (double)a->count / (a->count + b->count);
    a->x = a->x * w + b->x * (1 - w), a->y = a->y * w + b->y * (1 - w);
    a->count += b->count;
    a->fatalities += b->fatalities;
    a->approx = a->approx || b->approx; /* never looks more precise than its members */
    for (c = 0; c <= map->nclasses; c++)
        a->cls_count[c] += b->cls_count[c];
    b->count = 0;
}

/* Symbols mostly hidden under a bigger one join it: sorted by radius, each
 * symbol swallows the smaller ones whose centre lies well inside it. */
static int merge_hidden(fm_map *map)
{
    size_t i, j, k, merged = 0;
    for (i = 0; i < map->nsymbols; i++) {
        fm_symbol *a = &map->symbols[i];
        if (!a->count || a->r < 5 * map->sym_scale)
            continue;
        for (j = i + 1; j < map->nsymbols; j++) {
            fm_symbol *b = &map->symbols[j];
            double dx = a->x - b->x, dy = a->y - b->y;
            if (b->count && fabs(dx) < a->r && fabs(dy) < a->r &&
                sqrt(dx * dx + dy * dy) + 0.5 * b->r < 0.9 * a->r)
                absorb(map, a, b), merged++;
        }
    }
    for (i = k = 0; i < map->nsymbols; i++)
        if (map->symbols[i].count)
            map->symbols[k++] = map->symbols[i];
    map->nsymbols = k;
    return merged > 0;
}

typedef struct {
    double x;
    size_t i;
} x_index;

static int cmp_by_x(const void *a, const void *b)
{
    double p = ((const x_index *)a)->x, q = ((const x_index *)b)->x;
    return p < q ? -1 : p > q;
}

/* Whether the counts of a and b, each in the middle of its symbol, would
 * print over each other. */
static int counts_meet(const fm_symbol *a, const fm_symbol *b)
{
    fm_box p, q;
    return fm_symbol_count_box(a, &p) && fm_symbol_count_box(b, &q) && p.x0 < q.x1 &&
           q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
}

/* Two clusters whose counts would print over each other are one: on the A4
 * KP map a "2" under a "21" read "221" and "11", "9" and "6" read "1196"
 * (neighbouring clusters of exact and of approximate places, or two just
 * past the clustering distance, 1-8 pt apart under counts 6-12 pt wide).
 * The one of fewer incidents joins the other (absorb: dashed if either
 * was). ix is scratch for nsymbols entries. Returns whether any joined. */
static int merge_count_clashes(fm_map *map, x_index *ix)
{
    size_t n = map->nsymbols, i, j, k, merged = 0;
    double reach = 16.0; /* wider than two counts' half-widths (which do not scale) */
    for (i = 0; i < n; i++)
        ix[i].x = map->symbols[i].x, ix[i].i = i;
    qsort(ix, n, sizeof *ix, cmp_by_x);
    for (i = 0; i < n; i++) {
        fm_symbol *a = &map->symbols[ix[i].i];
        for (j = i + 1; j < n && ix[j].x - ix[i].x < reach; j++) {
            fm_symbol *b = &map->symbols[ix[j].i];
            if (!a->count || !b->count || !counts_meet(a, b))
                continue;
            if (a->count >= b->count)
                absorb(map, a, b);
            else
                absorb(map, b, a);
            merged++;
            break; /* a moved, or is gone: on with the next */
        }
    }
    for (i = k = 0; i < n; i++)
        if (map->symbols[i].count)
            map->symbols[k++] = map->symbols[i];
    map->nsymbols = k;
    return merged > 0;
}

static fm_status alloc_symbols(fm_ctx *ctx, fm_map *map, size_t n, cell_grid *g)
{
    size_t nc = map->nclasses + 1, i;
    free(map->symbols);
    free(map->cls_counts);
    free(map->class_totals);
    map->symbols = fm_malloc_array(n ? n : 1, sizeof *map->symbols);
    map->cls_counts = calloc(n ? n : 1, nc * sizeof *map->cls_counts);
    map->class_totals = calloc(nc, sizeof *map->class_totals);
    g->nx = (int)((map->lay.frame.x1 - map->lay.frame.x0) / map->cluster_pt) + 1;
    g->ny = (int)((map->lay.frame.y1 - map->lay.frame.y0) / map->cluster_pt) + 1;
    g->head = fm_malloc_array((size_t)g->nx * g->ny, sizeof *g->head);
    g->next = fm_malloc_array(n ? n : 1, sizeof *g->next);
    map->nsymbols = 0;
    if (!map->symbols || !map->cls_counts || !map->class_totals || !g->head || !g->next)
        return fm_error(ctx, FM_ENOMEM, "out of memory for %zu symbols", n);
    for (i = 0; i < (size_t)g->nx * g->ny; i++)
        g->head[i] = -1;
    return FM_OK;
}

fm_status fm_symbols_build(fm_ctx *ctx, fm_map *map)
{
    proj_pt *pp;
    size_t n, i;
    x_index *ix = NULL;
    cell_grid g = {0, 0, NULL, NULL};
    fm_status st;
    set_scale(map);
    st = project_points(ctx, map, &pp, &n);
    if (st)
        return st;
    if (!(st = alloc_symbols(ctx, map, n, &g))) {
        for (i = 0; i < n; i++) {
            int s = find_seed(map, &g, &pp[i]);
            if (s < 0)
                add_seed(map, &g, &pp[i], s = (int)map->nsymbols++);
            join(map, &map->symbols[s], &pp[i]);
        }
        finish_symbols(map);
        for (i = 0; i < 3 && merge_hidden(map); i++)
            finish_symbols(map);
        if (!(ix = fm_malloc_array(map->nsymbols ? map->nsymbols : 1, sizeof *ix)))
            st = fm_error(ctx, FM_ENOMEM, "out of memory for %zu symbols", map->nsymbols);
        for (i = 0; ix && i < MERGE_ROUNDS && merge_count_clashes(map, ix); i++)
            finish_symbols(map);
        free(ix);
    }
    free(g.head);
    free(g.next);
    free(pp);
    return st;
}

static void fill_wedges(fm_map *map, cairo_t *cr, const fm_symbol *s, double alpha)
{
    size_t c;
    double a0 = -M_PI / 2, rgb[3];
    for (c = 0; c <= map->nclasses; c++) {
        double a1;
        if (!s->cls_count[c])
            continue;
        a1 = a0 + 2 * M_PI * s->cls_count[c] / s->count;
        fm_class_color(map, c == map->nclasses ? -1 : (int)c, rgb);
        cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], alpha);
        if (s->cls_count[c] == s->count)
            cairo_arc(cr, s->x, s->y, s->r, 0, 2 * M_PI);
        else {
            cairo_move_to(cr, s->x, s->y);
            cairo_arc(cr, s->x, s->y, s->r, a0, a1);
            cairo_close_path(cr);
        }
        cairo_fill(cr);
        a0 = a1;
    }
}

static void draw_count(cairo_t *cr, const fm_symbol *s)
{
    char buf[16];
    PangoLayout *pl;
    int w, h;
    snprintf(buf, sizeof buf, "%d", s->count);
    pl = fm_text_layout(cr, buf, s->count < 1000 ? 5.5 : 5, 1);
    pango_layout_get_size(pl, &w, &h);
    cairo_set_source_rgb(cr, 0.05, 0.05, 0.05);
    fm_text_draw(cr, pl, s->count_x - w / 2.0 / PANGO_SCALE, s->count_y - h / 2.0 / PANGO_SCALE,
                 1.1);
    g_object_unref(pl);
}

int fm_symbol_count_box(const fm_symbol *s, fm_box *b)
{
    int digits = s->count >= 1000 ? 4 : s->count >= 100 ? 3 : s->count >= 10 ? 2 : 1;
    double hw = (digits * (s->count < 1000 ? 3.3 : 3.0) + 2.2) / 2, hh = 4.0;
    if (s->count < 2)
        return 0;
    b->x0 = s->count_x - hw, b->x1 = s->count_x + hw;
    b->y0 = s->count_y - hh, b->y1 = s->count_y + hh;
    return 1;
}

static void draw_circle(fm_map *map, cairo_t *cr, const fm_symbol *s)
{
    double rgb[3];
    static const double dash[] = {1.6, 1.0};
    if (map->grid) { /* over a density ramp: a white ring and a dark edge keep
                      * every colour legible, yellow on yellow included */
        cairo_arc(cr, s->x, s->y, s->r + 0.9, 0, 2 * M_PI);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_fill(cr);
        cairo_arc(cr, s->x, s->y, s->r + (s->approx ? 0 : 0.35), 0, 2 * M_PI);
        cairo_set_source_rgb(cr, s->approx ? 1 : 0.1, s->approx ? 1 : 0.1, s->approx ? 1 : 0.1);
        cairo_fill(cr);
    }
    fill_wedges(map, cr, s, s->approx ? 0.3 : map->grid ? 1.0 : 0.85);
    cairo_arc(cr, s->x, s->y, s->r, 0, 2 * M_PI);
    if (s->approx) {
        fm_class_color(map, s->cls, rgb);
        cairo_set_source_rgb(cr, rgb[0] * 0.7, rgb[1] * 0.7, rgb[2] * 0.7);
        cairo_set_line_width(cr, 0.9);
        cairo_set_dash(cr, dash, 2, 0);
    } else {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.5);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

void fm_symbol_draw_one(fm_map *map, cairo_t *cr, const fm_symbol *s)
{
    draw_circle(map, cr, s);
    if (s->count > 1)
        draw_count(cr, s);
}

void fm_symbols_draw(fm_map *map, cairo_t *cr)
{
    size_t i;
    for (i = 0; i < map->nsymbols; i++)
        draw_circle(map, cr, &map->symbols[i]);
}

void fm_symbols_draw_counts(fm_map *map, cairo_t *cr)
{
    size_t i;
    for (i = 0; i < map->nsymbols; i++)
        if (map->symbols[i].count > 1)
            draw_count(cr, &map->symbols[i]);
}
