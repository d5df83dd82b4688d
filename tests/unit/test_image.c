/* test_image.c: the checks every build image passes before it is trusted
 * (core/image.c): a missing, short or foreign file (another kind, another
 * version, the other byte order) is FM_ENOTFOUND, so its reader falls back
 * to the sources; sections must lie after the header and inside the file,
 * aligned; the stamp of source files is their size and modification time. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fm_image.h"
#include "fm_test.h"

typedef struct {
    fm_image_head head;
    uint64_t off[2], len[2];
} test_header;

static int write_file(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(p, 1, n, f) == n;
    return f && fclose(f) == 0 && ok;
}

static void make(unsigned char *buf, size_t n, const char *magic, uint32_t version,
                 uint32_t endian)
{
    test_header h;
    memset(buf, 0, n);
    memset(&h, 0, sizeof h);
    memcpy(h.head.magic, magic, 8);
    h.head.version = version, h.head.endian = endian;
    h.off[0] = 64, h.len[0] = 16, h.off[1] = 128, h.len[1] = n - 128;
    memcpy(buf, &h, sizeof h);
}

static void test_map_checks_the_head(void)
{
    unsigned char buf[256];
    const char *path = fm_test_path("img.bin");
    fm_image img;
    make(buf, sizeof buf, "FMTESTX1", 3, FM_IMAGE_ENDIAN);
    CHECK(write_file(path, buf, sizeof buf));
    CHECK(fm_image_map(path, "FMTESTX1", 3, sizeof(test_header), &img) == FM_OK);
    CHECK(img.p && img.len == sizeof buf && !memcmp(img.p, buf, sizeof buf));
    fm_image_unmap(&img);
    CHECK(!img.p && !img.len);
    fm_image_unmap(&img); /* twice: harmless */
    CHECK(fm_image_map(path, "FMOTHER1", 3, sizeof(test_header), &img) == FM_ENOTFOUND);
    CHECK(fm_image_map(path, "FMTESTX1", 4, sizeof(test_header), &img) == FM_ENOTFOUND);
    CHECK(!img.p);
    CHECK(fm_image_map(path, "FMTESTX1", 3, sizeof buf + 1, &img) == FM_ENOTFOUND);
    make(buf, sizeof buf, "FMTESTX1", 3, 0x04030201u); /* the other byte order */
    CHECK(write_file(path, buf, sizeof buf));
    CHECK(fm_image_map(path, "FMTESTX1", 3, sizeof(test_header), &img) == FM_ENOTFOUND);
    CHECK(write_file(path, buf, 10)); /* shorter than any head */
    CHECK(fm_image_map(path, "FMTESTX1", 3, 0, &img) == FM_ENOTFOUND);
    CHECK(fm_image_map(fm_test_path("no-such.bin"), "FMTESTX1", 3, 0, &img) == FM_ENOTFOUND);
    CHECK(fm_image_map("", "FMTESTX1", 3, 0, &img) == FM_ENOTFOUND);
    CHECK(fm_image_map(NULL, "FMTESTX1", 3, 0, &img) == FM_ENOTFOUND);
}

static void test_sections(void)
{
    fm_image img = {NULL, 256};
    uint64_t off[2] = {64, 128}, len[2] = {16, 128}, align[2] = {64, 8};
    CHECK(fm_image_sections_ok(&img, 48, off, len, 2, NULL));
    CHECK(fm_image_sections_ok(&img, 48, off, len, 2, align));
    len[1] = 129; /* past the end */
    CHECK(!fm_image_sections_ok(&img, 48, off, len, 2, NULL));
    len[1] = 128, off[0] = 40; /* inside the header */
    CHECK(!fm_image_sections_ok(&img, 48, off, len, 2, NULL));
    off[0] = 72; /* aligned on 8, not on 64 */
    CHECK(fm_image_sections_ok(&img, 48, off, len, 2, NULL));
    CHECK(!fm_image_sections_ok(&img, 48, off, len, 2, align));
    off[0] = 300, len[0] = 0; /* an empty section past the end */
    CHECK(!fm_image_sections_ok(&img, 48, off, len, 2, NULL));
    off[0] = UINT64_MAX - 7, len[0] = 16; /* no wrapping around */
    CHECK(!fm_image_sections_ok(&img, 48, off, len, 2, NULL));
}

static void test_stamp(void)
{
    const char *dir = fm_test_tmpdir();
    const char *names[2] = {"stamped.txt", "missing.txt"};
    struct timespec t[2] = {{0, UTIME_OMIT}, {1234567890, 987654321}};
    uint64_t size[2];
    int64_t mtime[2];
    char path[4096];
    mkdir(fm_test_path("stampdir"), 0700);
    snprintf(path, sizeof path, "%s/stampdir/stamped.txt", dir);
    CHECK(write_file(path, "hello", 5));
    CHECK(utimensat(AT_FDCWD, path, t, 0) == 0);
    fm_image_stamp(dir, "stampdir", names, 2, size, mtime);
    CHECK(size[0] == 5 && mtime[0] == 1234567890987654321LL);
    CHECK(size[1] == 0 && mtime[1] == 0);
}

int main(void)
{
    RUN(test_map_checks_the_head);
    RUN(test_sections);
    RUN(test_stamp);
    return fm_test_done();
}
