/* canvas.c: the drawing surface behind a map: PNG at a DPI, PDF or SVG as
 * vectors, always drawn in points. Output goes through fm_output_open: a
 * temp file beside the target, renamed over it only when everything
 * succeeded, and never over the store, an input or a device. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "core/fm_output.h"
#include "render/map_priv.h"

struct fm_canvas {
    fm_out_format fmt;
    cairo_surface_t *surface;
    cairo_t *cr;
    FILE *f;       /* out's stream */
    fm_output *out;
    char *path;
    int dpi;
    fm_ctx *ctx;
    unsigned char *pixels; /* PNG: the image surface's memory (fm_big_calloc, owned) */
    fm_buf svg;           /* SVG: cairo's document, held to add the text */
    fm_svgtext *svgtext;  /* SVG: the labels as <text> (owned) */
};

fm_out_format fm_canvas_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return FM_OUT_AUTO;
    if (!strcasecmp(dot, ".png"))
        return FM_OUT_PNG;
    if (!strcasecmp(dot, ".pdf"))
        return FM_OUT_PDF;
    if (!strcasecmp(dot, ".svg"))
        return FM_OUT_SVG;
    return FM_OUT_AUTO;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *f = closure;
    return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* SVG goes to memory first: the text is added before the closing tag. */
static cairo_status_t hold_stream(void *closure, const unsigned char *data, unsigned int len)
{
    fm_canvas *cv = closure;
    return fm_buf_append(cv->ctx, &cv->svg, (const char *)data, len) == FM_OK
               ? CAIRO_STATUS_SUCCESS
               : CAIRO_STATUS_NO_MEMORY;
}

/* Writes the held SVG with the recorded text in a group of its own, on
 * top, just before </svg>. */
static fm_status write_svg(fm_ctx *ctx, fm_canvas *cv)
{
    const char *doc = fm_buf_str(&cv->svg), *end;
    size_t tlen, head;
    const char *text = fm_svgtext_elements(cv->svgtext, &tlen);
    if (fm_buf_check(ctx, &cv->svg) || fm_svgtext_status(cv->svgtext))
        return fm_error(ctx, FM_ENOMEM, "out of memory for '%s'", cv->path);
    end = cv->svg.len ? strstr(doc, "</svg>") : NULL;
    for (const char *p = end; p && (p = strstr(p + 1, "</svg>"));)
        end = p;
    head = end ? (size_t)(end - doc) : cv->svg.len;
    if (fwrite(doc, 1, head, cv->f) != head ||
        fputs("<g id=\"labels\">\n", cv->f) < 0 || fwrite(text, 1, tlen, cv->f) != tlen ||
        fputs("</g>\n", cv->f) < 0 || fwrite(doc + head, 1, cv->svg.len - head, cv->f) != cv->svg.len - head)
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", cv->path, strerror(errno));
    return FM_OK;
}

/* Opens the output (checked, and written beside path until complete). */
static fm_status open_temp(fm_ctx *ctx, fm_canvas *cv, const char *path)
{
    fm_status st;
    if (!(cv->path = fm_strdup(ctx, path)))
        return FM_ENOMEM;
    if ((st = fm_output_open(ctx, path, 0, &cv->out)))
        return st;
    cv->f = fm_output_stream(cv->out);
    return FM_OK;
}

static void make_surface(fm_canvas *cv, double w_pt, double h_pt, int dpi, const char *title)
{
    if (cv->fmt == FM_OUT_PDF) {
        cv->surface = cairo_pdf_surface_create_for_stream(write_stream, cv->f, w_pt, h_pt);
        /* fixed dates keep the file byte-identical from run to run */
        cairo_pdf_surface_set_metadata(cv->surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       "2000-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(cv->surface, CAIRO_PDF_METADATA_CREATOR,
                                       "frontiermap");
        if (title && *title)
            cairo_pdf_surface_set_metadata(cv->surface, CAIRO_PDF_METADATA_TITLE, title);
    } else if (cv->fmt == FM_OUT_SVG) {
        cv->surface = cairo_svg_surface_create_for_stream(hold_stream, cv, w_pt, h_pt);
        cairo_svg_surface_set_document_unit(cv->surface, CAIRO_SVG_UNIT_PT);
    } else {
        int w = (int)(w_pt / 72.0 * dpi + 0.5), h = (int)(h_pt / 72.0 * dpi + 0.5);
        int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
        /* the page's tens of megabytes mapped, given back whole (core/bigmem.c) */
        cv->pixels = stride > 0 ? fm_big_calloc((size_t)h, (size_t)stride) : NULL;
        cv->surface = cv->pixels ? cairo_image_surface_create_for_data(
                                       cv->pixels, CAIRO_FORMAT_RGB24, w, h, stride)
                                 : cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    }
    cv->cr = cairo_create(cv->surface);
    if (cv->fmt == FM_OUT_SVG && cv->svgtext)
        fm_svgtext_attach(cv->cr, cv->svgtext);
    if (cv->fmt == FM_OUT_PNG) {
        cairo_scale(cv->cr, dpi / 72.0, dpi / 72.0);
        cairo_set_source_rgb(cv->cr, 1, 1, 1);
        cairo_paint(cv->cr);
    }
}

fm_status fm_canvas_open(fm_ctx *ctx, const char *path, fm_out_format fmt, double w_mm,
                         double h_mm, int dpi, const char *title, fm_canvas **out)
{
    fm_canvas *cv;
    fm_status st;
    double w_pt = w_mm * FM_PT_PER_MM, h_pt = h_mm * FM_PT_PER_MM;
    *out = NULL;
    if (fmt == FM_OUT_AUTO)
        fmt = fm_canvas_format_from_path(path);
    if (fmt == FM_OUT_AUTO)
        return fm_error(ctx, FM_EINVAL, "cannot tell the format of '%s': use .png, .pdf or .svg",
                        path);
    if (!(w_mm >= 50 && h_mm >= 50 && w_mm <= 2000 && h_mm <= 2000))
        return fm_error(ctx, FM_ERANGE, "page size %gx%g mm is out of range (50-2000 mm)", w_mm,
                        h_mm);
    if (fmt == FM_OUT_PNG && (dpi < 24 || dpi > 1200 || (w_mm / 25.4 * dpi) * (h_mm / 25.4 * dpi) > 4e8))
        return fm_error(ctx, FM_ERANGE, "%d dpi is out of range for a %gx%g mm page", dpi, w_mm,
                        h_mm);
    cv = calloc(1, sizeof *cv);
    if (!cv)
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    cv->fmt = fmt;
    cv->dpi = dpi;
    cv->ctx = ctx;
    if (fmt == FM_OUT_SVG && !(cv->svgtext = fm_svgtext_create(ctx))) {
        free(cv);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    st = open_temp(ctx, cv, path);
    if (st) {
        fm_canvas_close(ctx, cv, 0);
        return st;
    }
    make_surface(cv, w_pt, h_pt, dpi, title);
    if (cairo_status(cv->cr) != CAIRO_STATUS_SUCCESS) {
        st = fm_error(ctx, FM_ENOMEM, "cannot create a drawing surface: %s",
                      cairo_status_to_string(cairo_status(cv->cr)));
        fm_canvas_close(ctx, cv, 0);
        return st;
    }
    *out = cv;
    return FM_OK;
}

cairo_t *fm_canvas_cr(fm_canvas *cv)
{
    return cv->cr;
}

static fm_status finish(fm_ctx *ctx, fm_canvas *cv)
{
    cairo_status_t cs = cairo_status(cv->cr);
    if (cs != CAIRO_STATUS_SUCCESS)
        return fm_error(ctx, FM_EIO, "drawing '%s' failed: %s", cv->path,
                        cairo_status_to_string(cs));
    if (cv->fmt == FM_OUT_PNG) {
        fm_status st = fm_png_write(ctx, cv->surface, cv->dpi, cv->f, cv->path);
        if (st)
            return st;
    }
    cairo_destroy(cv->cr);
    cv->cr = NULL;
    cairo_surface_finish(cv->surface);
    if (cs == CAIRO_STATUS_SUCCESS)
        cs = cairo_surface_status(cv->surface);
    if (cs != CAIRO_STATUS_SUCCESS)
        return fm_error(ctx, FM_EIO, "cannot write '%s': %s", cv->path,
                        cairo_status_to_string(cs));
    return cv->fmt == FM_OUT_SVG ? write_svg(ctx, cv) : FM_OK;
}

fm_status fm_canvas_close(fm_ctx *ctx, fm_canvas *cv, int ok)
{
    fm_status st = FM_OK;
    if (!cv)
        return FM_OK;
    if (ok && cv->cr)
        st = finish(ctx, cv);
    if (cv->cr)
        cairo_destroy(cv->cr);
    if (cv->surface)
        cairo_surface_destroy(cv->surface);
    fm_big_free(cv->pixels); /* after the surface that drew into it */
    if (ok && !st && cv->out)
        st = fm_output_commit(ctx, cv->out);
    else
        fm_output_abort(cv->out);
    free(cv->path);
    fm_buf_free(&cv->svg);
    fm_svgtext_destroy(cv->svgtext);
    free(cv);
    return st;
}
