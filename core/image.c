/* image.c: mapping the build's binary images (fm_image.h): open, size,
 * map, and the checks every reader makes before trusting one: its head
 * (kind, version, byte order), its sources' stamp and where its sections
 * lie. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/fm_image.h"

void fm_image_stamp(const char *dir, const char *sub, const char *const *names, size_t n,
                    uint64_t *size, int64_t *mtime_ns)
{
    char path[4096];
    struct stat sb;
    size_t i;
    for (i = 0; i < n; i++) {
        size[i] = 0, mtime_ns[i] = 0;
        snprintf(path, sizeof path, "%s/%s/%s", dir, sub, names[i]);
        if (stat(path, &sb) != 0)
            continue; /* a missing file is part of the stamp (size 0, time 0) */
        size[i] = (uint64_t)sb.st_size;
        mtime_ns[i] = (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
    }
}

fm_status fm_image_map(const char *path, const char *magic, uint32_t version, size_t head_len,
                       fm_image *out)
{
    const fm_image_head *h;
    struct stat sb;
    void *p;
    int fd;
    memset(out, 0, sizeof *out);
    if (!path || !*path || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return FM_ENOTFOUND;
    if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < head_len ||
        (size_t)sb.st_size < sizeof *h) {
        close(fd);
        return FM_ENOTFOUND;
    }
    p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return FM_ENOTFOUND;
    h = p;
    if (memcmp(h->magic, magic, sizeof h->magic) || h->version != version ||
        h->endian != FM_IMAGE_ENDIAN) {
        munmap(p, (size_t)sb.st_size);
        return FM_ENOTFOUND;
    }
    out->p = p, out->len = (size_t)sb.st_size;
    return FM_OK;
}

void fm_image_unmap(fm_image *img)
{
    if (img->p)
        munmap(img->p, img->len);
    img->p = NULL, img->len = 0;
}

int fm_image_sections_ok(const fm_image *img, size_t head_len, const uint64_t *off,
                         const uint64_t *len, size_t n, const uint64_t *align)
{
    uint64_t size = img->len;
    size_t s;
    for (s = 0; s < n; s++)
        if (off[s] < head_len || off[s] % (align ? align[s] : 8) || off[s] > size ||
            len[s] > size - off[s])
            return 0;
    return 1;
}
