/* labels.c: names on the map, placed in priority order (crossings, major
 * cities, countries, provinces, cities, district seats, towns) so the least
 * important are the ones dropped. Point names try eight positions around
 * their marker, in rings further out; country and province names try
 * centres inside their polygon, farthest from its edges first. A label never
 * overlaps another label, a marker or an incident symbol; city markers may
 * sit on a symbol (the city matters more than a clear dot). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

enum { K_CROSSING, K_CAPITAL, K_HOME, K_COUNTRY, K_PROVINCE, K_CITY, K_DISTRICT, K_TOWN, K_N };

static const struct {
    double size;
    int bold;
    int spacing;   /* letter spacing, Pango units */
    double rgb[3];
    double marker; /* radius; 0 for names of areas */
    int rings;
    double halo;
} style[K_N] = {
    [K_CROSSING] = {6.6, 1, 0, {0.45, 0.05, 0.05}, 3.2, 3, 1.2},
    [K_CAPITAL] = {7.8, 1, 0, {0.06, 0.06, 0.06}, 2.5, 4, 1.3},
    [K_HOME] = {11.0, 1, 3600, {0.36, 0.33, 0.30}, 0, 0, 1.2},
    [K_COUNTRY] = {8.5, 0, 2600, {0.50, 0.50, 0.50}, 0, 0, 1.0},
    [K_PROVINCE] = {6.8, 0, 1300, {0.45, 0.42, 0.38}, 0, 0, 1.1},
    [K_CITY] = {6.8, 1, 0, {0.14, 0.14, 0.14}, 1.9, 3, 1.2},
    [K_DISTRICT] = {6.2, 0, 0, {0.15, 0.15, 0.15}, 1.5, 2, 1.2},
    [K_TOWN] = {6.0, 0, 0, {0.22, 0.22, 0.22}, 1.3, 2, 1.2},
};

/* The cities a reader looks for first (name or admin2, as in the gazetteer). */
static const char *const major[] = {"Kabul", "Islamabad", "Peshawar", "Quetta", "Jalalabad",
                                    "Kandahar", "Lahore", "Karachi", "Herat", "Mazar-e Sharif"};

typedef struct {
    int kind, id;
    const fm_place *p;  /* point names */
    const fm_geom *g;   /* area names (NULL: the point stands for the area) */
    const char *name;
    double x, y;
} cand;

typedef struct {
    fm_box *b;
    size_t n, cap;
} boxes;

/* A placed label, drawn once all are placed: its text at (tx, ty) and, for
 * a place, its marker at (x, y). */
typedef struct {
    int kind;
    double x, y, tx, ty;
    PangoLayout *pl;
} placed;

/* What a label must stay clear of: symbols, and labels with their markers;
 * and the labels placed so far. */
typedef struct {
    boxes sym, lab;
    placed *done;
    size_t ndone, done_cap;
} obstacles;

static int overlaps(const fm_box *a, const fm_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static int clear_of(const boxes *bx, const fm_box *b)
{
    size_t i;
    for (i = 0; i < bx->n; i++)
        if (overlaps(&bx->b[i], b))
            return 0;
    return 1;
}

static int clear(const obstacles *ob, const fm_box *b)
{
    return clear_of(&ob->lab, b) && clear_of(&ob->sym, b);
}

static fm_status push(fm_ctx *ctx, boxes *bx, fm_box b)
{
    if (fm_grow(ctx, (void **)&bx->b, &bx->cap, bx->n + 1, sizeof *bx->b))
        return FM_ENOMEM;
    bx->b[bx->n++] = b;
    return FM_OK;
}

static fm_box box_at(double cx, double cy, double w, double h)
{
    fm_box b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
    return b;
}

static int in_frame(const fm_map *map, const fm_box *b)
{
    const fm_box *f = &map->lay.frame;
    return b->x0 >= f->x0 + 2 && b->x1 <= f->x1 - 2 && b->y0 >= f->y0 + 2 && b->y1 <= f->y1 - 2;
}

/* ---- candidates ----------------------------------------------------------- */

static int is_major(const fm_place *p)
{
    size_t i;
    for (i = 0; i < sizeof major / sizeof major[0]; i++)
        if (!strcmp(p->name, major[i]) || (p->admin2 && !strcmp(p->admin2, major[i])))
            return 1;
    return 0;
}

static int kind_of(const fm_map *map, const fm_place *p)
{
    unsigned bits = map->opts.labels;
    switch (p->kind) {
    case FM_PLACE_CROSSING:
        return bits & FM_LABEL_CROSSINGS ? K_CROSSING : -1;
    case FM_PLACE_PROVINCE: /* from the gazetteer only without a basemap */
        return !map->bm && (bits & FM_LABEL_PROVINCES) ? K_PROVINCE : -1;
    case FM_PLACE_CITY:
        if (!(bits & (FM_LABEL_DISTRICTS | FM_LABEL_TOWNS)))
            return -1;
        return is_major(p) ? K_CAPITAL : K_CITY;
    case FM_PLACE_DISTRICT:
        return bits & FM_LABEL_DISTRICTS ? K_DISTRICT : -1;
    case FM_PLACE_TOWN:
        return bits & FM_LABEL_TOWNS ? K_TOWN : -1;
    default:
        return -1;
    }
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *p = a, *q = b;
    if (p->kind != q->kind)
        return p->kind - q->kind;
    return p->id < q->id ? -1 : p->id > q->id;
}

static fm_status add(fm_ctx *ctx, cand **c, size_t *n, size_t *cap, const cand *one)
{
    if (fm_grow(ctx, (void **)c, cap, *n + 1, sizeof **c))
        return FM_ENOMEM;
    (*c)[(*n)++] = *one;
    return FM_OK;
}

/* Gazetteer places on the map. On a wide view, seats, towns and minor cities
 * far from the frontier are noise and are left out. */
static fm_status collect_places(fm_ctx *ctx, fm_map *map, cand **c, size_t *n, size_t *cap)
{
    size_t i, total = map->gz ? fm_gazetteer_count(map->gz) : 0;
    const fm_box *f = &map->lay.frame;
    int wide = map->bm && map->lay.vx1 - map->lay.vx0 > 600e3;
    for (i = 0; i < total; i++) {
        const fm_place *p = fm_gazetteer_get(map->gz, i);
        int kind = p ? kind_of(map, p) : -1;
        cand one;
        memset(&one, 0, sizeof one);
        if (kind < 0 || !fm_map_lonlat_page(map, p->lon, p->lat, &one.x, &one.y) ||
            one.x < f->x0 || one.x > f->x1 || one.y < f->y0 || one.y > f->y1)
            continue;
        if (wide && kind >= K_CITY &&
            fm_basemap_border_km(map->bm, p->lon, p->lat) > (kind == K_CITY ? 160 : 110))
            continue;
        one.kind = kind, one.id = p->id, one.p = p, one.name = p->name;
        if (add(ctx, c, n, cap, &one))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* Countries and provinces from the basemap polygons. */
static fm_status collect_areas(fm_ctx *ctx, fm_map *map, cand **c, size_t *n, size_t *cap)
{
    size_t i, nc, np;
    if (!map->bm || !map->opts.labels)
        return FM_OK;
    nc = fm_basemap_count(map->bm, FM_LAYER_COUNTRIES);
    np = map->opts.labels & FM_LABEL_PROVINCES ? fm_basemap_count(map->bm, FM_LAYER_PROVINCES) : 0;
    for (i = 0; i < nc + np; i++) {
        const char *name = NULL, *country = NULL;
        fm_layer layer = i < nc ? FM_LAYER_COUNTRIES : FM_LAYER_PROVINCES;
        cand one;
        memset(&one, 0, sizeof one);
        one.g = fm_basemap_geom(map->bm, layer, i < nc ? i : i - nc, &name, &country);
        if (!one.g || !name)
            continue;
        if (layer == FM_LAYER_COUNTRIES) {
            int home = !strcmp(name, "AF") || !strcmp(name, "PK");
            one.name = fm_basemap_country_name(map->bm, name);
            one.kind = home ? K_HOME : K_COUNTRY;
        } else
            one.name = name, one.kind = K_PROVINCE;
        if (!one.name || one.g->east < map->west - 10 || one.g->west > map->east + 10 ||
            one.g->north < map->south - 10 || one.g->south > map->north + 10)
            continue;
        one.id = (int)i;
        if (add(ctx, c, n, cap, &one))
            return FM_ENOMEM;
    }
    return FM_OK;
}

/* ---- text ------------------------------------------------------------------ */

/* The first alias written in Arabic script (lead bytes of U+0600-U+06FF). */
static const char *arabic_alias(const fm_place *p, size_t *len)
{
    const char *s = p->aliases ? p->aliases : "";
    while (*s) {
        size_t n = strcspn(s, "|"), i;
        for (i = 0; i < n; i++)
            if ((unsigned char)s[i] >= 0xD8 && (unsigned char)s[i] <= 0xDB) {
                *len = n;
                return s;
            }
        s += n + (s[n] == '|');
    }
    return NULL;
}

/* The text of a label; area names in capitals, wrapped at the middle space
 * when wrap is set (returns 0 when there is no space to wrap at). */
static int label_text(const fm_map *map, const cand *c, int wrap, char *text, size_t cap)
{
    const char *ar = NULL;
    size_t arlen = 0, i;
    if (c->kind >= K_HOME && c->kind <= K_PROVINCE) {
        size_t len = strlen(c->name), best = 0;
        snprintf(text, cap, "%s", c->name);
        for (i = 0; text[i]; i++) {
            if (text[i] >= 'a' && text[i] <= 'z')
                text[i] = (char)(text[i] - 32);
            if (text[i] == ' ' && (!best || labs((long)(2 * i) - (long)len) <
                                                 labs((long)(2 * best) - (long)len)))
                best = i;
        }
        if (wrap && !best)
            return 0;
        if (wrap)
            text[best] = '\n';
        return 1;
    }
    if (strcmp(map->lang, "en") && c->p)
        ar = arabic_alias(c->p, &arlen);
    if (ar)
        snprintf(text, cap, "%s\n%.*s", c->name, (int)(arlen > 120 ? 120 : arlen), ar);
    else
        snprintf(text, cap, "%s", c->name);
    return !wrap;
}

static PangoLayout *label_layout(cairo_t *cr, const cand *c, const char *text)
{
    PangoLayout *pl = fm_text_layout(cr, text, style[c->kind].size, style[c->kind].bold);
    if (style[c->kind].spacing) {
        PangoAttrList *al = pango_attr_list_new();
        pango_attr_list_insert(al, pango_attr_letter_spacing_new(style[c->kind].spacing));
        pango_layout_set_attributes(pl, al);
        pango_attr_list_unref(al);
    }
    pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
    return pl;
}

/* ---- placement --------------------------------------------------------------- */

/* The eight positions around a marker of radius r, then rings further out. */
static int place_point(const fm_map *map, const obstacles *ob, const cand *c, double w, double h,
                       fm_box *out)
{
    static const double dx[] = {1, -1, 0, 0, 0.75, -0.75, 0.75, -0.75};
    static const double dy[] = {0, 0, -1, 1, -0.75, -0.75, 0.75, 0.75};
    double r = style[c->kind].marker;
    int k, ring;
    for (ring = 0; ring < style[c->kind].rings; ring++)
        for (k = 0; k < 8; k++) {
            double gap = r + 1.2 + ring * 4.0;
            fm_box b = box_at(c->x + dx[k] * (gap + w / 2), c->y + dy[k] * (gap + h / 2), w, h);
            if (in_frame(map, &b) && clear(ob, &b)) {
                *out = b;
                return 1;
            }
        }
    return 0;
}

/* Inside the area's polygon, where it is widest first; without a polygon,
 * centred on the point or nudged up or down. */
static int place_area(fm_ctx *ctx, fm_map *map, const obstacles *ob, const cand *c, double w,
                      double h, fm_box *out)
{
    static const double nudge[] = {0, -8, 8, -16, 16};
    fm_page_poly pp;
    double xy[2 * 200];
    size_t n, i;
    int k, ok = 0;
    if (!c->g) {
        for (k = 0; k < 5; k++) {
            fm_box b = box_at(c->x, c->y + nudge[k], w, h);
            if (in_frame(map, &b) && clear(ob, &b)) {
                *out = b;
                return 1;
            }
        }
        return 0;
    }
    if (fm_page_poly_make(ctx, map, c->g, &pp))
        return 0;
    n = fm_page_poly_anchors(&pp, &map->lay.frame, h / 2 + 1, xy, 200);
    for (i = 0; i < n && !ok; i++) {
        fm_box b = box_at(xy[2 * i], xy[2 * i + 1], w, h);
        if (in_frame(map, &b) && clear(ob, &b) && fm_page_poly_holds_box(&pp, &b))
            *out = b, ok = 1;
    }
    fm_page_poly_free(&pp);
    return ok;
}

static void draw_marker(cairo_t *cr, int kind, double x, double y, double r)
{
    if (kind == K_CROSSING) {
        fm_crossing_mark(cr, x, y, r);
        return;
    }
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    if (kind == K_CAPITAL) { /* a dark dot in a white ring */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_new_path(cr);
        cairo_arc(cr, x, y, r - 0.8, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_fill(cr);
        return;
    }
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, kind == K_CITY ? 0.9 : 0.7);
    cairo_stroke(cr);
}

void fm_city_mark(cairo_t *cr, double x, double y, int big)
{
    draw_marker(cr, big ? K_CAPITAL : K_CITY, x, y, style[big ? K_CAPITAL : K_CITY].marker);
}

void fm_crossing_mark(cairo_t *cr, double x, double y, double s)
{
    cairo_move_to(cr, x, y - s);
    cairo_line_to(cr, x + s, y);
    cairo_line_to(cr, x, y + s);
    cairo_line_to(cr, x - s, y);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 0.55, 0.05, 0.05);
    cairo_set_line_width(cr, 1.1);
    cairo_stroke(cr);
    cairo_arc(cr, x, y, s * 0.3, 0, 2 * M_PI);
    cairo_fill(cr);
}

void fm_labels_reset(fm_map *map)
{
    size_t i;
    for (i = 0; i < map->nlabels; i++)
        free(map->label_texts[i]);
    map->nlabels = 0;
}

static fm_status record(fm_ctx *ctx, fm_map *map, const fm_box *b, const char *text)
{
    char *t;
    if (fm_grow(ctx, (void **)&map->label_boxes, &map->label_cap, map->nlabels + 1,
                sizeof *map->label_boxes) ||
        fm_grow(ctx, (void **)&map->label_texts, &map->text_cap, map->nlabels + 1,
                sizeof *map->label_texts) ||
        !(t = fm_strdup(ctx, text)))
        return FM_ENOMEM;
    map->label_boxes[map->nlabels] = *b;
    map->label_texts[map->nlabels++] = t;
    return FM_OK;
}

/* Lays out the text (wrapped when asked) and finds it a place. */
static int try_place(fm_ctx *ctx, fm_map *map, cairo_t *cr, const obstacles *ob, const cand *c,
                     int wrap, char *text, size_t cap, PangoLayout **pl_out, PangoRectangle *lg,
                     fm_box *b)
{
    PangoLayout *pl;
    PangoRectangle ink;
    int ok;
    if (!label_text(map, c, wrap, text, cap))
        return 0;
    pl = label_layout(cr, c, text);
    pango_layout_get_pixel_extents(pl, &ink, lg);
    ok = style[c->kind].marker > 0 ? place_point(map, ob, c, lg->width + 1.0, lg->height, b)
                                   : place_area(ctx, map, ob, c, lg->width + 1.0, lg->height, b);
    if (ok)
        *pl_out = pl;
    else
        g_object_unref(pl);
    return ok;
}

static fm_status label_one(fm_ctx *ctx, fm_map *map, cairo_t *cr, const cand *c, obstacles *ob)
{
    char text[256];
    PangoLayout *pl = NULL;
    PangoRectangle lg;
    double r = style[c->kind].marker;
    fm_box b, mk = box_at(c->x, c->y, 2 * r, 2 * r);
    fm_status st = FM_OK;
    /* a city marker may sit on a symbol, a seat's or town's may not; crossing
     * and major city markers were reserved from the start */
    if (r > 0 && c->kind > K_CAPITAL &&
        !(c->kind <= K_CITY ? clear_of(&ob->lab, &mk) : clear(ob, &mk)))
        return FM_OK;
    if (!try_place(ctx, map, cr, ob, c, 0, text, sizeof text, &pl, &lg, &b) &&
        (r > 0 || !try_place(ctx, map, cr, ob, c, 1, text, sizeof text, &pl, &lg, &b))) {
        /* crossings, major cities and the two countries are what a reader
         * finds the rest by: in a dense cloud their names go over the
         * symbols, on a halo */
        obstacles labels_only = *ob;
        labels_only.sym.n = 0;
        if (c->kind > K_HOME ||
            !try_place(ctx, map, cr, &labels_only, c, 0, text, sizeof text, &pl, &lg, &b))
            return FM_OK;
    }
    if (fm_grow(ctx, (void **)&ob->done, &ob->done_cap, ob->ndone + 1, sizeof *ob->done)) {
        g_object_unref(pl);
        return fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    }
    ob->done[ob->ndone].kind = c->kind, ob->done[ob->ndone].pl = pl;
    ob->done[ob->ndone].x = c->x, ob->done[ob->ndone].y = c->y;
    ob->done[ob->ndone].tx = b.x0 + 0.5 - lg.x, ob->done[ob->ndone].ty = b.y0 - lg.y;
    ob->ndone++;
    if (push(ctx, &ob->lab, b) || (r > 0 && c->kind > K_CAPITAL && push(ctx, &ob->lab, mk)) ||
        record(ctx, map, &b, text))
        st = fm_error(ctx, FM_ENOMEM, "out of memory for labels");
    return st;
}

/* Symbols, crossing and major city markers are obstacles from the start. */
static fm_status seed(fm_ctx *ctx, fm_map *map, const cand *c, size_t n, obstacles *ob)
{
    size_t i;
    for (i = 0; i < map->nsymbols; i++) {
        const fm_symbol *s = &map->symbols[i];
        if (push(ctx, &ob->sym, box_at(s->x, s->y, 2 * s->r, 2 * s->r)))
            return FM_ENOMEM;
    }
    for (i = 0; i < n && c[i].kind <= K_CAPITAL; i++) {
        double d = 2 * style[c[i].kind].marker + 0.6;
        if (push(ctx, &ob->lab, box_at(c[i].x, c[i].y, d, d)))
            return FM_ENOMEM;
    }
    return FM_OK;
}

fm_status fm_labels_draw(fm_ctx *ctx, fm_map *map, cairo_t *cr)
{
    cand *c = NULL;
    size_t n = 0, cap = 0, i;
    obstacles ob;
    fm_status st;
    memset(&ob, 0, sizeof ob);
    fm_labels_reset(map);
    if (!(st = collect_places(ctx, map, &c, &n, &cap)) &&
        !(st = collect_areas(ctx, map, &c, &n, &cap))) {
        if (n)
            qsort(c, n, sizeof *c, cmp_cand);
        st = seed(ctx, map, c, n, &ob);
    }
    for (i = 0; i < n && !st; i++)
        st = label_one(ctx, map, cr, &c[i], &ob);
    /* place markers under the symbols (the data stays on top), crossings and
     * every name over them */
    for (i = 0; i < ob.ndone; i++)
        if (ob.done[i].kind > K_CROSSING && style[ob.done[i].kind].marker > 0)
            draw_marker(cr, ob.done[i].kind, ob.done[i].x, ob.done[i].y,
                        style[ob.done[i].kind].marker);
    fm_symbols_draw(map, cr);
    for (i = 0; i < n && c[i].kind == K_CROSSING; i++)
        draw_marker(cr, K_CROSSING, c[i].x, c[i].y, style[K_CROSSING].marker);
    for (i = 0; i < ob.ndone; i++) {
        const double *rgb = style[ob.done[i].kind].rgb;
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        fm_text_draw(cr, ob.done[i].pl, ob.done[i].tx, ob.done[i].ty,
                     style[ob.done[i].kind].halo);
        g_object_unref(ob.done[i].pl);
    }
    free(ob.done);
    free(ob.sym.b);
    free(ob.lab.b);
    free(c);
    return st;
}
