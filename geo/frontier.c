/* frontier.c: what the program knows of its region as such: the box of the
 * Afghanistan-Pakistan frontier that maps and heatmaps default to, and the
 * two countries' codes in the spellings sources and users write. One copy
 * of each, used by the geocoder, the importer, the queries, the renderer and
 * the command line alike. */
#include <ctype.h>
#include <stddef.h>

#include "geo/fm_geo.h"

/* From the Baramcha crossing in the south-west to Chitral and Bajaur in the
 * north-east. */
void fm_frontier_bbox(double bbox[4])
{
    bbox[0] = 63.4, bbox[1] = 28.6, bbox[2] = 74.2, bbox[3] = 36.4;
}

/* Equal ignoring case and spaces: "Islamic Republic of Pakistan" is
 * "islamic republic of pakistan" is folded "islamicrepublicofpakistan". */
static int same_name(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        if (!*a)
            return 1;
        a++, b++;
    }
}

const char *fm_country_code(const char *c)
{
    static const char *const pk[] = {"PK", "PAK", "Pakistan", "Islamic Republic of Pakistan"};
    static const char *const af[] = {"AF", "AFG", "Afghanistan",
                                     "Islamic Emirate of Afghanistan",
                                     "Islamic Republic of Afghanistan"};
    for (size_t i = 0; c && i < sizeof pk / sizeof pk[0]; i++)
        if (same_name(c, pk[i]))
            return "PK";
    for (size_t i = 0; c && i < sizeof af / sizeof af[0]; i++)
        if (same_name(c, af[i]))
            return "AF";
    return "";
}
