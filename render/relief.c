/* relief.c: shaded relief from the SRTM30_PLUS grid (detail.c loads it),
 * muted so that it only hints at the mountains and valleys under the
 * incidents. The hill shade is worked out once on the grid (Horn's slope,
 * light from the north-west at 45 degrees, heights exaggerated three times,
 * as 2 km cells flatten slopes), smoothed over 3x3 cells, and sampled
 * bilinearly for each pixel of an image laid over the frame, so a 60 km
 * view shows soft slopes, not 2 km blocks. Pixels find their lon/lat through
 * the inverse projection on a lattice every LATTICE pixels, interpolated
 * in between. Darker than flat ground is a grey veil, lighter a white one;
 * flat ground and the sea are left clear. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define LATTICE 8
#define Z_EXAGGERATION 3.0

static float at(const fm_detail *d, int x, int y)
{
    x = x < 0 ? 0 : x >= d->dem_nx ? d->dem_nx - 1 : x;
    y = y < 0 ? 0 : y >= d->dem_ny ? d->dem_ny - 1 : y;
    return d->z[(size_t)y * d->dem_nx + x];
}

/* Hill shade of cell (x, y) in [0, 1], NAN over the sea: the cosine between
 * the surface normal (-p, -q, 1) and the light from azimuth 315, altitude
 * 45 degrees, with p, q the slopes east and north (Horn's 3x3 weights). */
static float shade_cell(const fm_detail *d, int x, int y)
{
    const double sz = M_SQRT1_2, cz = M_SQRT1_2;    /* sin, cos of the zenith */
    const double lx = -M_SQRT1_2, ly = M_SQRT1_2;   /* light from the north-west */
    double lat = d->dem_north - (y + 0.5) * d->dem_cell;
    double cx = d->dem_cell * 111320 * cos(lat * M_PI / 180), cy = d->dem_cell * 110574;
    float z[9];
    double p, q, v;
    int i, j;
    if (isnan(at(d, x, y)))
        return NAN;
    for (j = -1; j <= 1; j++)
        for (i = -1; i <= 1; i++) {
            float h = at(d, x + i, y + j);
            z[(j + 1) * 3 + i + 1] = isnan(h) ? 0 : h; /* the sea as sea level */
        }
    p = ((z[2] + 2 * z[5] + z[8]) - (z[0] + 2 * z[3] + z[6])) / (8 * cx) * Z_EXAGGERATION;
    q = ((z[0] + 2 * z[1] + z[2]) - (z[6] + 2 * z[7] + z[8])) / (8 * cy) * Z_EXAGGERATION;
    v = (cz - sz * (p * lx + q * ly)) / sqrt(1 + p * p + q * q);
    return (float)(v > 0 ? v : 0);
}

/* The smoothed shade grid, made on first use (owned by d). */
static const float *shade_grid(fm_detail *d)
{
    size_t n = (size_t)d->dem_nx * d->dem_ny;
    float *raw;
    int x, y, i, j;
    if (d->shade || !d->z)
        return d->shade;
    raw = fm_malloc_array(n, sizeof *raw);
    d->shade = fm_malloc_array(n, sizeof *d->shade);
    if (!raw || !d->shade) {
        free(raw);
        free(d->shade);
        d->shade = NULL;
        return NULL;
    }
    for (y = 0; y < d->dem_ny; y++)
        for (x = 0; x < d->dem_nx; x++)
            raw[(size_t)y * d->dem_nx + x] = shade_cell(d, x, y);
    for (y = 0; y < d->dem_ny; y++)
        for (x = 0; x < d->dem_nx; x++) {
            double sum = 0;
            int k = 0;
            if (isnan(raw[(size_t)y * d->dem_nx + x])) {
                d->shade[(size_t)y * d->dem_nx + x] = NAN;
                continue;
            }
            for (j = -1; j <= 1; j++)
                for (i = -1; i <= 1; i++) {
                    int xx = x + i, yy = y + j;
                    float v;
                    if (xx < 0 || yy < 0 || xx >= d->dem_nx || yy >= d->dem_ny)
                        continue;
                    v = raw[(size_t)yy * d->dem_nx + xx];
                    if (!isnan(v))
                        sum += v, k++;
                }
            d->shade[(size_t)y * d->dem_nx + x] = (float)(sum / k);
        }
    free(raw);
    return d->shade;
}

/* Bilinear shade at lon/lat; NAN outside the grid or over the sea. */
void fm_detail_prepare(fm_detail *d)
{
    if (d)
        (void)shade_grid(d);
}

static double sample(const fm_detail *d, const float *sh, double lon, double lat)
{
    double fx = (lon - d->dem_west) / d->dem_cell - 0.5, fy = (d->dem_north - lat) / d->dem_cell - 0.5;
    int x0 = (int)floor(fx), y0 = (int)floor(fy), x1, y1;
    double tx = fx - x0, ty = fy - y0, v00, v10, v01, v11;
    if (!(fx > -1 && fy > -1 && fx < d->dem_nx && fy < d->dem_ny))
        return NAN;
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    x1 = x0 + 1 < d->dem_nx ? x0 + 1 : x0, y1 = y0 + 1 < d->dem_ny ? y0 + 1 : y0;
    v00 = sh[(size_t)y0 * d->dem_nx + x0], v10 = sh[(size_t)y0 * d->dem_nx + x1];
    v01 = sh[(size_t)y1 * d->dem_nx + x0], v11 = sh[(size_t)y1 * d->dem_nx + x1];
    if (isnan(v00) || isnan(v10) || isnan(v01) || isnan(v11))
        return NAN;
    return (v00 * (1 - tx) + v10 * tx) * (1 - ty) + (v01 * (1 - tx) + v11 * tx) * ty;
}

/* One premultiplied ARGB pixel for a shade value. */
static uint32_t veil(double s, double strength)
{
    double flat = cos(M_PI / 4), a;
    unsigned v;
    if (isnan(s))
        return 0;
    if (s < flat) { /* in shadow: grey */
        a = fmin(0.5, (flat - s) * 1.1) * strength;
        return (uint32_t)(a * 255 + 0.5) << 24 | 0x000000;
    }
    a = fmin(0.45, (s - flat) * 1.3) * strength; /* lit: white */
    v = (unsigned)(a * 255 + 0.5);
    return v << 24 | v << 16 | v << 8 | v;
}

/* The lon/lat of every LATTICE-th pixel of a w x h image over the frame
 * (res pixels per point); (w/LATTICE + 2) x (h/LATTICE + 2) pairs. */
static double *lattice(fm_map *map, int w, int h, double res, int *lw, int *lh)
{
    const fm_layout *l = &map->lay;
    int i, j;
    double *ll;
    *lw = w / LATTICE + 2, *lh = h / LATTICE + 2;
    ll = fm_malloc_array((size_t)*lw * *lh * 2, sizeof *ll);
    if (!ll)
        return NULL;
    for (j = 0; j < *lh; j++)
        for (i = 0; i < *lw; i++) {
            double px = l->frame.x0 + i * LATTICE / res, py = l->frame.y0 + j * LATTICE / res;
            ll[2 * ((size_t)j * *lw + i)] = l->vx0 + (px - l->frame.x0) / l->scale;
            ll[2 * ((size_t)j * *lw + i) + 1] = l->vy0 + (l->frame.y1 - py) / l->scale;
        }
    fm_proj_inv(map->proj, ll, (size_t)*lw * *lh);
    return ll;
}

/* The shade of rows [y0, y1) of the veil image. */
typedef struct {
    const fm_detail *d;
    const float *sh;
    const double *ll; /* the lattice, lw pairs a row */
    int lw, w, y0, y1, stride;
    double strength;
    unsigned char *px;
} veil_rows;

static void *veil_run(void *arg)
{
    const veil_rows *r = arg;
    int x, y, lw = r->lw;
    for (y = r->y0; y < r->y1; y++)
        for (x = 0; x < r->w; x++) {
            int i = x / LATTICE, j = y / LATTICE;
            double tx = (x % LATTICE) / (double)LATTICE, ty = (y % LATTICE) / (double)LATTICE;
            const double *a = r->ll + 2 * ((size_t)j * lw + i), *b = a + 2, *c = a + 2 * lw,
                         *e = c + 2;
            double lon = (a[0] * (1 - tx) + b[0] * tx) * (1 - ty) + (c[0] * (1 - tx) + e[0] * tx) * ty;
            double lat = (a[1] * (1 - tx) + b[1] * tx) * (1 - ty) + (c[1] * (1 - tx) + e[1] * tx) * ty;
            ((uint32_t *)(r->px + (size_t)y * r->stride))[x] =
                veil(sample(r->d, r->sh, lon, lat), r->strength);
        }
    return NULL;
}

void fm_relief_draw(fm_map *map, cairo_t *cr)
{
    fm_detail *d = map->detail;
    const fm_box *f = &map->lay.frame;
    const float *sh = d ? shade_grid(d) : NULL;
    double fw = f->x1 - f->x0, fh = f->y1 - f->y0;
    /* a PNG takes the shade at its own resolution; PDF and SVG embed the
     * image, smoothed by the viewer, so a coarser one keeps files small */
    int raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    double res = fmin(raster ? 1.6 : 0.55, (raster ? 1400 : 600) / fmax(fw, fh));
    double strength = fm_view_km(map) < 300 ? 0.6 : 0.45;
    int w = (int)ceil(fw * res), h = (int)ceil(fh * res), lw, lh;
    double *ll;
    cairo_surface_t *img;
    veil_rows r[2];
    pthread_t t;
    int threaded;
    if (!sh || w < 2 || h < 2)
        return;
    if (!(ll = lattice(map, w, h, res, &lw, &lh)))
        return;
    img = fm_image_big(w, h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        free(ll);
        cairo_surface_destroy(img);
        return;
    }
    /* the rows in two halves, the second on a thread of its own: a million
     * pixels, each the same whichever thread shades it */
    r[0].d = d, r[0].sh = sh, r[0].ll = ll, r[0].lw = lw, r[0].w = w;
    r[0].stride = cairo_image_surface_get_stride(img);
    r[0].px = cairo_image_surface_get_data(img);
    r[0].strength = strength;
    r[1] = r[0];
    r[0].y0 = 0, r[0].y1 = r[1].y0 = h / 2, r[1].y1 = h;
    threaded = pthread_create(&t, NULL, veil_run, &r[1]) == 0;
    veil_run(&r[0]);
    if (threaded)
        pthread_join(t, NULL);
    else
        veil_run(&r[1]);
    free(ll);
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_translate(cr, f->x0, f->y0);
    cairo_scale(cr, 1 / res, 1 / res);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(img);
}
