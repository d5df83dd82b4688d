/* num.c: strict number, distance and coordinate parsers for command-line
 * arguments and imported fields: the whole string must be the number. */
#include "core/fm_core.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *skip_space(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return s;
}

/* The common case of an imported coordinate or figure ("34.0123", "-12"):
 * at most 15 digits, no exponent. Its digits as a whole number are exact in
 * a double and so is 10^k for k <= 22, so one division gives the correctly
 * rounded value, the same bits as strtod (Clinger's fast path). Returns 0
 * for anything else, which strtod then reads. */
static int parse_simple_decimal(const char *p, double *out)
{
    static const double pow10[16] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    uint64_t m = 0;
    int neg = 0, digits = 0, frac = 0, dot = 0;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    for (;; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 15)
                return 0;
            m = m * 10 + (uint64_t)(*p - '0');
            frac += dot;
        } else if (*p == '.' && !dot) {
            dot = 1;
        } else {
            break;
        }
    }
    if (!digits || *skip_space(p))
        return 0;
    *out = (double)m / pow10[frac];
    if (neg)
        *out = -*out;
    return 1;
}

size_t fm_decimal_span(const char *s)
{
    size_t i = 0, digits = 0;
    if (s[i] == '-' || s[i] == '+')
        i++;
    for (; s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (s[i] == '.')
        for (i++; s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    return digits ? i : 0;
}

fm_status fm_parse_double(fm_ctx *ctx, const char *s, double *out)
{
    char *end;
    double v;
    const char *p = skip_space(s);
    size_t n;
    if (!*p)
        return fm_error(ctx, FM_EINVAL, "expected a number, got an empty string");
    if (parse_simple_decimal(p, out))
        return FM_OK;
    /* plain decimals only: strtod would also take 0x20, 1e2, infinity */
    n = fm_decimal_span(p);
    if (!n || *skip_space(p + n))
        return fm_error(ctx, FM_EINVAL, "not a number: '%.60s' (write a plain decimal such as "
                        "34.0123)", s);
    errno = 0;
    v = strtod(p, &end);
    if (end != p + n)
        return fm_error(ctx, FM_EINVAL, "not a number: '%.60s'", s);
    if (!isfinite(v) || errno == ERANGE)
        return fm_error(ctx, FM_ERANGE, "number out of range: '%.60s'", s);
    *out = v;
    return FM_OK;
}

fm_status fm_parse_doubles(fm_ctx *ctx, const char *s, char sep, double *out, size_t n)
{
    const char *p = s;
    for (size_t i = 0; i < n; i++) {
        char num[64];
        size_t k;
        p = skip_space(p);
        if (!(k = fm_decimal_span(p)) || k >= sizeof num)
            return fm_error(ctx, FM_EINVAL, "'%.60s': expected %zu plain decimals separated by "
                            "'%c'", s, n, sep);
        memcpy(num, p, k); /* strtod alone would read on into "0x300" */
        num[k] = '\0';
        out[i] = strtod(num, NULL);
        p = skip_space(p + k);
        if (i + 1 < n && *p++ != sep)
            return fm_error(ctx, FM_EINVAL, "'%.60s': expected %zu numbers separated by '%c'",
                            s, n, sep);
    }
    if (*p)
        return fm_error(ctx, FM_EINVAL, "'%.60s': unexpected '%.20s' after the numbers", s, p);
    return FM_OK;
}

fm_status fm_parse_long(fm_ctx *ctx, const char *s, long *out)
{
    char *end;
    long v;
    const char *p = skip_space(s);
    if (!*p)
        return fm_error(ctx, FM_EINVAL, "expected a whole number, got an empty string");
    errno = 0;
    v = strtol(p, &end, 10);
    if (end == p || *skip_space(end))
        return fm_error(ctx, FM_EINVAL, "not a whole number: '%.60s'", s);
    if (errno == ERANGE)
        return fm_error(ctx, FM_ERANGE, "number out of range: '%.60s'", s);
    *out = v;
    return FM_OK;
}

fm_status fm_parse_distance_m(fm_ctx *ctx, const char *s, double *out_m)
{
    char num[64];
    const char *end;
    double v, scale = 1000.0;
    const char *p = skip_space(s);
    size_t n = fm_decimal_span(p);
    if (!n || n >= sizeof num)
        return fm_error(ctx, FM_EINVAL, "invalid distance '%s': expected e.g. 25km or 500m", s);
    memcpy(num, p, n);
    num[n] = '\0';
    v = strtod(num, NULL);
    end = skip_space(p + n);
    if (strcasecmp(end, "m") == 0)
        scale = 1.0;
    else if (*end && strcasecmp(end, "km") != 0)
        return fm_error(ctx, FM_EINVAL, "invalid distance '%s': %s", s,
                        isalpha((unsigned char)*end) ? "unit must be km or m"
                                                     : "expected e.g. 25km or 500m");
    /* half the Earth's circumference (geo's FM_GEOD_MAX_M) is the farthest
     * anything can be: a larger radius is a mistake, not "everything" */
    if (v < 0 || v * scale > 20003931.459)
        return fm_error(ctx, FM_ERANGE,
                        "invalid distance '%s': must be 0 to 20,003.9 km (half the Earth's "
                        "circumference, which already holds every point)", s);
    *out_m = v * scale;
    return FM_OK;
}

fm_status fm_parse_latlon(fm_ctx *ctx, const char *s, double *lon, double *lat)
{
    char buf[128], *comma;
    double a, b;
    if (strlen(s) >= sizeof buf)
        return fm_error(ctx, FM_EINVAL, "invalid coordinates '%.40s...'", s);
    strcpy(buf, s);
    comma = strchr(buf, ',');
    if (!comma)
        return fm_error(ctx, FM_EINVAL, "invalid coordinates '%s': expected LAT,LON", s);
    *comma = '\0';
    if (fm_parse_double(ctx, buf, &a) || fm_parse_double(ctx, comma + 1, &b))
        return fm_error(ctx, FM_EINVAL, "invalid coordinates '%s': expected LAT,LON in degrees", s);
    if (a < -90 || a > 90)
        return fm_error(ctx, FM_ERANGE, "invalid coordinates '%s': latitude %g is outside -90..90",
                        s, a);
    if (b < -180 || b > 180)
        return fm_error(ctx, FM_ERANGE,
                        "invalid coordinates '%s': longitude %g is outside -180..180", s, b);
    *lat = a;
    *lon = b;
    return FM_OK;
}

const char *fm_format_count(long long v, char *buf)
{
    char digits[32];
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    int n = snprintf(digits, sizeof digits, "%llu", u), k = 0;
    if (v < 0)
        buf[k++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

const char *fm_format_value(double v, char *buf)
{
    double a = fabs(v);
    if (!isfinite(v))
        snprintf(buf, FM_NUMBER_BUF, "%s", isnan(v) ? "n/a" : v > 0 ? "inf" : "-inf");
    else if (a >= 999.5 && a < 1e18)
        fm_format_count((long long)llround(v), buf);
    else if (a >= 99.95 || a == 0)
        snprintf(buf, FM_NUMBER_BUF, "%.0f", v);
    else if (a >= 9.995)
        snprintf(buf, FM_NUMBER_BUF, "%.1f", v);
    else if (a >= 0.001)
        snprintf(buf, FM_NUMBER_BUF, "%.3g", v);
    else
        snprintf(buf, FM_NUMBER_BUF, "%.1e", v);
    return buf;
}
