/* fixed.c: a double as printf's "%.Nf" writes it, without printf: a batch
 * writes two coordinates and a score a row, and vsnprintf's general
 * floating-point path (arbitrary precision arithmetic) costs more than the
 * rest of the row's output. The digits are the exact binary value rounded to
 * N decimals, ties to even, as glibc rounds in the default rounding mode. */
#include "core/fm_core.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

__extension__ typedef unsigned __int128 fx_u128;

/* round(x * 10^decimals), ties to even, for 0 <= x < 1e9: x = m * 2^-s
 * exactly (m < 2^53, s > 0 as x < 2^30), and m * 10^decimals < 2^83. */
static uint64_t scaled_round(double x, uint64_t p10)
{
    int e;
    double f = frexp(x, &e); /* x = f * 2^e, 0.5 <= f < 1 */
    uint64_t m = (uint64_t)ldexp(f, 53), q;
    int s = 53 - e;
    fx_u128 num = (fx_u128)m * p10, rem, half;
    if (x == 0 || s >= 127) /* below 2^-74: x * 10^9 is far below one half */
        return 0;
    q = (uint64_t)(num >> s);
    rem = num & (((fx_u128)1 << s) - 1);
    half = (fx_u128)1 << (s - 1);
    if (rem > half || (rem == half && (q & 1)))
        q++;
    return q;
}

size_t fm_format_fixed(char *buf, size_t cap, double v, int decimals)
{
    static const uint64_t p10[10] = {1,      10,      100,      1000,      10000,
                                     100000, 1000000, 10000000, 100000000, 1000000000};
    char digits[32];
    uint64_t q, ip, fp;
    size_t n = 0, nd = 0, i;
    int d;
    if (decimals < 0 || decimals > 9 || !isfinite(v) || fabs(v) >= 1e9 || cap < 32)
        return (size_t)snprintf(buf, cap, "%.*f", decimals, v);
    q = scaled_round(fabs(v), p10[decimals]);
    ip = q / p10[decimals], fp = q % p10[decimals];
    if (signbit(v)) /* printf keeps the sign of a negative value that rounds to 0 */
        buf[n++] = '-';
    do {
        digits[nd++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    for (i = nd; i-- > 0;)
        buf[n++] = digits[i];
    if (decimals) {
        buf[n++] = '.';
        for (d = decimals; d-- > 0;) {
            buf[n + (size_t)d] = (char)('0' + fp % 10);
            fp /= 10;
        }
        n += (size_t)decimals;
    }
    buf[n] = '\0';
    return n;
}
