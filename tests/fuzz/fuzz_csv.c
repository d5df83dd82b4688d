/* fuzz_csv.c: libFuzzer target for the RFC 4180 reader: any bytes must end
 * in records or a clean error, never a crash, hang or out-of-bounds read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm_core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fm_ctx *ctx = fm_ctx_create();
    fm_csv *csv;
    size_t n, i, total = 0;
    if (fm_csv_open_mem(ctx, (const char *)data, size, "fuzz.csv", &csv) == FM_OK) {
        fm_csv_set_max_field(csv, 4096);
        while (fm_csv_next(ctx, csv, &n) == FM_OK && n > 0) {
            for (i = 0; i < n; i++)
                total += strlen(fm_csv_field(csv, i)) == fm_csv_field_len(csv, i) ? 0 : 1;
            if (fm_csv_line(csv) < 1)
                abort();
        }
        fm_csv_close(csv);
    }
    fm_ctx_destroy(ctx);
    (void)total;
    return 0;
}
