/* opt_page.c: the page options of everything that draws (map, heatmap,
 * monthly), declared once as an option group so that they accept the same
 * values with the same ranges: --size, --landscape, --dpi, --labels,
 * --lang, --region and --title. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

#define PAGE_MIN_MM 50
#define PAGE_MAX_MM 2000
#define DPI_MIN 24
#define DPI_MAX 1200

void fm_cli_page_init(fm_cli_page *p)
{
    memset(p, 0, sizeof *p);
    fm_map_opts_init(&p->mo);
}

/* "300x200mm" or "300x200" -> w, h; 0 when it is not that form. */
static int parse_wxh(const char *s, double *w, double *h)
{
    char num[64];
    double wh[2];
    size_t n = strlen(s);
    if (n > 2 && !strcasecmp(s + n - 2, "mm"))
        n -= 2;
    if (n >= sizeof num)
        return 0;
    memcpy(num, s, n);
    num[n] = '\0';
    if (fm_parse_doubles(NULL, num, 'x', wh, 2))
        return 0;
    *w = wh[0], *h = wh[1];
    return 1;
}

static fm_status size_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    static const struct { const char *name; double w, h; } pages[] = {
        {"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4},
        {"Legal", 215.9, 355.6}};
    fm_cli_page *p = target;
    double w, h;
    (void)opt;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        size_t n = strlen(pages[i].name);
        if (strncasecmp(arg, pages[i].name, n))
            continue;
        if (arg[n] && strcasecmp(arg + n, "-landscape") && strcasecmp(arg + n, "-portrait"))
            continue;
        p->mo.page_w_mm = pages[i].w, p->mo.page_h_mm = pages[i].h;
        if (arg[n]) { /* heatmap's old spelling, kept as a deprecated alias */
            p->landscape = !strcasecmp(arg + n, "-landscape");
            fm_log(cli->ctx, FM_LOG_WARN, "--size %s is deprecated: use --size %s%s", arg,
                   pages[i].name, p->landscape ? " --landscape" : "");
        }
        return FM_OK;
    }
    if (!parse_wxh(arg, &w, &h) || !(w >= PAGE_MIN_MM && h >= PAGE_MIN_MM && w <= PAGE_MAX_MM &&
                                      h <= PAGE_MAX_MM))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --size '%s': use A3, A4, A5, Letter, "
                        "Legal or WxHmm (%d to %d mm, e.g. 300x200mm)", arg, PAGE_MIN_MM,
                        PAGE_MAX_MM);
    p->mo.page_w_mm = w, p->mo.page_h_mm = h;
    return FM_OK;
}

static fm_status dpi_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    long n;
    (void)opt;
    if (fm_parse_long(cli->ctx, arg, &n) || n < DPI_MIN || n > DPI_MAX)
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --dpi '%s': use %d to %d", arg, DPI_MIN,
                        DPI_MAX);
    *(int *)target = (int)n;
    return FM_OK;
}

static fm_status labels_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    static const struct { const char *name; unsigned bit; } kinds[] = {
        {"crossings", FM_LABEL_CROSSINGS}, {"districts", FM_LABEL_DISTRICTS},
        {"provinces", FM_LABEL_PROVINCES}, {"towns", FM_LABEL_TOWNS},
        {"all", FM_LABEL_CROSSINGS | FM_LABEL_DISTRICTS | FM_LABEL_PROVINCES | FM_LABEL_TOWNS},
        {"none", 0}};
    unsigned bits = 0;
    const char *p = arg;
    (void)opt;
    do {
        size_t n = strcspn(p, ","), i;
        for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
            if (strlen(kinds[i].name) == n && !strncasecmp(p, kinds[i].name, n))
                break;
        if (i == sizeof kinds / sizeof kinds[0])
            return fm_error(cli->ctx, FM_EUSAGE, "invalid --labels '%s': use crossings, "
                            "districts, provinces, towns, all or none, separated by commas", arg);
        bits |= kinds[i].bit;
        p += n + (p[n] == ',');
    } while (*p);
    *(unsigned *)target = bits;
    return FM_OK;
}

static fm_status lang_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    (void)opt;
    if (strcmp(arg, "en") && strcmp(arg, "en+ps") && strcmp(arg, "en+ur"))
        return fm_error(cli->ctx, FM_EUSAGE, "invalid --lang '%s': use en, en+ps or en+ur", arg);
    *(const char **)target = arg;
    return FM_OK;
}

/* A named box, or a province (any spelling) whose polygon applies once the
 * basemap is open (fm_cli_region_apply). */
static fm_status region_value(fm_cli *cli, const fm_opt *opt, void *target, const char *arg)
{
    fm_cli_page *p = target;
    fm_status st;
    (void)opt;
    if ((st = fm_cli_region_province(cli->ctx, arg, p->province, sizeof p->province)))
        return st;
    p->region = arg;
    p->has_region_box = !p->province[0];
    if (p->has_region_box && !fm_cli_region_find(arg, p->region_box))
        return fm_error(cli->ctx, FM_EUSAGE, "unknown --region '%s': use %s, or a province",
                        arg, "frontier, kp, balochistan, khyber, waziristan, kurram, bajaur, "
                        "mohmand, paktika, paktia, khost, kunar, kandahar, nangarhar, chaman");
    return FM_OK;
}

const fm_opt fm_cli_page_opts[] = {
    FM_TEXT("page:\n"),
    {FM_OPTK_VALUE, 0, "size", 0, "S", "A4 (default), A3, A5, Letter, Legal or WxHmm such as\n"
     "300x200mm (50 to 2000 mm)", size_value, 0, "A4|A3|A5|Letter|Legal", 0, NULL},
    FM_FLAG(0, "landscape", fm_cli_page, landscape, "turn the page (--size A4-landscape, an old\n"
            "spelling, still works and says it is deprecated)"),
    FM_VALUE(0, "dpi", fm_cli_page, mo.dpi, "N", "PNG resolution, 24 to 1200 (default 150)",
             dpi_value, 0, NULL),
    FM_VALUE(0, "labels", fm_cli_page, mo.labels, "LIST",
             "crossings,districts,provinces,towns, all or none\n(default all but towns)",
             labels_value, 0, "all|none|crossings|districts|provinces|towns"),
    FM_VALUE(0, "lang", fm_cli_page, mo.lang, "L",
             "en (default), en+ps or en+ur: add names in Arabic script", lang_value, 0,
             "en|en+ps|en+ur"),
    {FM_OPTK_VALUE, 0, "region", 0, "R", "a named extent, the incidents limited to it:\n"
     "frontier, kp, balochistan, khyber, waziristan,\n"
     "kurram, bajaur, mohmand, paktika, paktia, khost,\n"
     "kunar, kandahar, nangarhar, chaman, or any province", region_value, 0,
     "frontier|kp|balochistan|khyber|waziristan|kurram|bajaur|mohmand|paktika|paktia|khost|"
     "kunar|kandahar|nangarhar|chaman", 0, NULL},
    FM_STRING(0, "title", fm_cli_page, title, "T", "the title instead of the one made up"),
    FM_OPTS_END};

fm_status fm_cli_page_finish(fm_cli *cli, fm_cli_page *p, fm_filter *f)
{
    if ((p->has_region_box || p->province[0]) && f->has_bbox)
        return fm_error(cli->ctx, FM_EUSAGE, "give --region or --bbox, not both");
    if (p->landscape && p->mo.page_w_mm < p->mo.page_h_mm) {
        double t = p->mo.page_w_mm;
        p->mo.page_w_mm = p->mo.page_h_mm, p->mo.page_h_mm = t;
    }
    if (p->has_region_box) { /* only what is on the map counts */
        f->has_bbox = 1;
        f->west = p->region_box[0], f->south = p->region_box[1];
        f->east = p->region_box[2], f->north = p->region_box[3];
    }
    if (f->has_bbox) {
        p->mo.has_extent = 1;
        p->mo.west = f->west, p->mo.south = f->south;
        p->mo.east = f->east, p->mo.north = f->north;
    }
    p->mo.title = p->title;
    return FM_OK;
}
