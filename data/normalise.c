/* normalise.c: what every imported or added incident gets after it is
 * located: canonical province and district names beside the source's own
 * (geo/canon.c), and flags for figures that contradict themselves (a low
 * estimate above the best one, a high one below it), which are kept as the
 * source gave them but shown. */
#include <string.h>

#include "data/store_priv.h"

static fm_status add_flag(fm_ctx *ctx, fm_buf *flags, const char *flag)
{
    fm_status s = flags->len ? fm_buf_putc(ctx, flags, '|') : FM_OK;
    return s ? s : fm_buf_puts(ctx, flags, flag);
}

/* The source's spelling is kept only where it differs from the canonical
 * name (NULL: the source wrote the canonical name), so stores of sources
 * that already write canonical names do not hold every name twice. A row
 * that carries its source spelling (a re-imported export) keeps it. */
static void set_name(const char **name, const char **src, const char *canon)
{
    const char *given = *name ? *name : "";
    if (!(*src && **src) && strcmp(given, canon) != 0)
        *src = given;
    if (*src && !strcmp(*src, canon))
        *src = NULL;
    *name = canon;
}

fm_status fm_incident_normalise(fm_ctx *ctx, fm_incident *inc, fm_admin_names *an, fm_buf *flags)
{
    fm_admin_canon c;
    fm_status s;
    if ((inc->admin1 && *inc->admin1) || (inc->admin2 && *inc->admin2)) {
        if ((s = fm_admin_names_canon(ctx, an, inc->country, inc->admin1, inc->admin2, &c)))
            return s;
        set_name(&inc->admin1, &inc->admin1_src, c.admin1);
        set_name(&inc->admin2, &inc->admin2_src, c.admin2);
    }
    if (inc->flags && *inc->flags && !flags->len && (s = fm_buf_puts(ctx, flags, inc->flags)))
        return s;
    if (inc->fatalities >= 0 && inc->fatalities_low > inc->fatalities &&
        (s = add_flag(ctx, flags, "fatalities-low-above-best")))
        return s;
    if (inc->fatalities >= 0 && inc->fatalities_high >= 0 &&
        inc->fatalities_high < inc->fatalities &&
        (s = add_flag(ctx, flags, "fatalities-high-below-best")))
        return s;
    if (flags->len)
        inc->flags = fm_buf_str(flags);
    return FM_OK;
}
