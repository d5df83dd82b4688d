/* fuzz_stamp.c: libFuzzer target for the reader of created/updated stamps
 * (data/stamp.c): an accepted stamp is written in the stored form, which reads
 * back as the same stamp and as a time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/store_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), st[FM_STAMP_SIZE], again[FM_STAMP_SIZE];
    int64_t ms;
    memcpy(s, data, size);
    s[size] = '\0';
    if (fm_stamp_parse(s, st)) {
        if (strlen(st) != FM_STAMP_SIZE - 1 || !fm_stamp_unix_ms(st, &ms) ||
            !fm_stamp_parse(st, again) || strcmp(st, again) != 0)
            abort();
    }
    (void)fm_stamp_unix_ms(s, &ms);
    free(s);
    return 0;
}
