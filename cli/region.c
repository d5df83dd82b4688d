/* region.c: the named map extents that `map` and `heatmap` accept with
 * --region (frontier, kp, balochistan, agencies and Afghan provinces along
 * the border), as lon/lat boxes. */
#include <stddef.h>
#include <strings.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    double w, s, e, n;
} regions[] = {
    {"frontier", 63.4, 28.6, 74.2, 36.4},    {"kp", 69.0, 30.9, 74.3, 37.1},
    {"balochistan", 60.8, 24.8, 70.4, 32.2}, {"khyber", 70.6, 33.7, 71.7, 34.4},
    {"waziristan", 69.1, 31.9, 70.8, 33.3},  {"kurram", 69.6, 33.3, 70.7, 34.1},
    {"bajaur", 71.0, 34.5, 71.9, 35.0},      {"mohmand", 70.9, 34.2, 71.7, 34.7},
    {"paktika", 67.4, 31.6, 69.8, 33.5},     {"paktia", 68.8, 33.2, 70.2, 34.1},
    {"khost", 69.4, 33.0, 70.4, 33.7},       {"kunar", 70.5, 34.4, 71.7, 35.5},
    {"kandahar", 64.6, 30.3, 67.6, 32.4},    {"nangarhar", 69.7, 33.8, 71.4, 34.6},
    {"chaman", 66.0, 30.6, 66.9, 31.2},
};

int fm_cli_region_find(const char *name, double bbox[4])
{
    size_t i;
    for (i = 0; name && i < sizeof regions / sizeof regions[0]; i++)
        if (!strcasecmp(regions[i].name, name)) {
            bbox[0] = regions[i].w, bbox[1] = regions[i].s;
            bbox[2] = regions[i].e, bbox[3] = regions[i].n;
            return 1;
        }
    return 0;
}
