/* source_version.c: the version of a source's export as its file name states
 * it (UCDP GED: ged211, GEDEvent_v22_1, ged-23.1, ged25.0.9), for credits
 * that cite the release the data came from rather than a constant. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "data/fm_data.h"

/* Reads "YY[sep]N[sep M]" or "YYN" at p into out ("21.1", "25.0.9"); 0 when
 * p holds neither. sep is one of . _ - */
static int read_version(const char *p, char *out, size_t cap)
{
    int part[3], n = 0;
    size_t len;
    if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
        return 0;
    if (isdigit((unsigned char)p[2])) { /* ged211: exactly three digits */
        if (isdigit((unsigned char)p[3]))
            return 0;
        snprintf(out, cap, "%c%c.%c", p[0], p[1], p[2]);
        return 1;
    }
    part[n++] = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    while (n < 3 && (*p == '.' || *p == '_' || *p == '-') && isdigit((unsigned char)p[1])) {
        len = strspn(p + 1, "0123456789");
        if (len > 2)
            break;
        part[n++] = len == 1 ? p[1] - '0' : (p[1] - '0') * 10 + (p[2] - '0');
        p += 1 + len;
    }
    if (n < 2 || isdigit((unsigned char)*p))
        return 0;
    if (n == 2)
        snprintf(out, cap, "%d.%d", part[0], part[1]);
    else
        snprintf(out, cap, "%d.%d.%d", part[0], part[1], part[2]);
    return 1;
}

void fm_source_version_from_name(const char *path, char *out, size_t cap)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (cap)
        out[0] = '\0';
    for (const char *p = base; *p; p++) {
        const char *q;
        if (strncasecmp(p, "ged", 3) != 0)
            continue;
        q = p + 3;
        if (!strncasecmp(q, "event", 5))
            q += 5;
        while (*q == '_' || *q == '-' || *q == '.' || *q == ' ')
            q++;
        if (*q == 'v' || *q == 'V')
            q++;
        if (read_version(q, out, cap))
            return;
    }
}
