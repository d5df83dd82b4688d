/* boxgrid.c: a bucket grid of boxes on the page, so that asking "what does
 * this label box touch?" costs a few cells, not a pass over thousands of
 * symbols. Each box is filed in every cell it covers; a query visits the
 * cells its box covers and stamps each box once. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/map_priv.h"

#define CELL_PT 24.0

fm_status fm_boxgrid_init(fm_ctx *ctx, fm_boxgrid *g, const fm_box *area)
{
    memset(g, 0, sizeof *g);
    g->x0 = area->x0, g->y0 = area->y0;
    g->nx = (int)((area->x1 - area->x0) / CELL_PT) + 1;
    g->ny = (int)((area->y1 - area->y0) / CELL_PT) + 1;
    g->head = malloc((size_t)g->nx * g->ny * sizeof *g->head);
    if (!g->head)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    memset(g->head, 0xff, (size_t)g->nx * g->ny * sizeof *g->head); /* all -1 */
    return FM_OK;
}

void fm_boxgrid_free(fm_boxgrid *g)
{
    free(g->b);
    free(g->tag);
    free(g->stamp);
    free(g->head);
    free(g->node);
    memset(g, 0, sizeof *g);
}

static void cell_range(const fm_boxgrid *g, const fm_box *b, int r[4])
{
    r[0] = (int)floor((b->x0 - g->x0) / CELL_PT), r[1] = (int)floor((b->y0 - g->y0) / CELL_PT);
    r[2] = (int)floor((b->x1 - g->x0) / CELL_PT), r[3] = (int)floor((b->y1 - g->y0) / CELL_PT);
    r[0] = r[0] < 0 ? 0 : r[0], r[1] = r[1] < 0 ? 0 : r[1];
    r[2] = r[2] >= g->nx ? g->nx - 1 : r[2], r[3] = r[3] >= g->ny ? g->ny - 1 : r[3];
}

fm_status fm_boxgrid_add(fm_ctx *ctx, fm_boxgrid *g, fm_box b, int tag)
{
    int r[4], x, y;
    if (fm_grow(ctx, (void **)&g->b, &g->cap, g->n + 1, sizeof *g->b) ||
        fm_grow(ctx, (void **)&g->tag, &g->tag_cap, g->n + 1, sizeof *g->tag) ||
        fm_grow(ctx, (void **)&g->stamp, &g->stamp_cap, g->n + 1, sizeof *g->stamp))
        return FM_ENOMEM;
    g->b[g->n] = b, g->tag[g->n] = tag, g->stamp[g->n] = 0;
    cell_range(g, &b, r);
    for (y = r[1]; y <= r[3]; y++)
        for (x = r[0]; x <= r[2]; x++) {
            int *h = &g->head[y * g->nx + x];
            if (fm_grow(ctx, (void **)&g->node, &g->node_cap, g->nnode + 1, sizeof *g->node))
                return FM_ENOMEM;
            g->node[g->nnode].box = (int)g->n, g->node[g->nnode].next = *h;
            *h = (int)g->nnode++;
        }
    g->n++;
    return FM_OK;
}

static int overlaps(const fm_box *a, const fm_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

size_t fm_boxgrid_query(fm_boxgrid *g, const fm_box *b, int *out, size_t max)
{
    int r[4], x, y, k;
    size_t n = 0;
    if (!g->head || b->x1 < g->x0 || b->y1 < g->y0)
        return 0;
    g->query++;
    cell_range(g, b, r);
    for (y = r[1]; y <= r[3]; y++)
        for (x = r[0]; x <= r[2]; x++)
            for (k = g->head[y * g->nx + x]; k >= 0; k = g->node[k].next) {
                int i = g->node[k].box;
                if (g->stamp[i] == g->query || !overlaps(&g->b[i], b))
                    continue;
                g->stamp[i] = g->query;
                if (n < max)
                    out[n] = i;
                n++;
            }
    return n;
}

int fm_boxgrid_hits(fm_boxgrid *g, const fm_box *b)
{
    int one;
    return fm_boxgrid_query(g, b, &one, 1) > 0;
}
