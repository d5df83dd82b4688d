/* test_gazetteer_fuzzy.c: the indexed fuzzy search (geo/gazetteer_fuzzy.c)
 * answers exactly as the linear scan it replaced (fm_gz_find_fuzzy_linear):
 * the same hits, edits and count, in the same order, for generated
 * misspellings (deleted, inserted, doubled, substituted and transposed
 * bytes, spaces, multi-byte letters) of the built-in gazetteer's keys and of
 * a dense synthetic gazetteer (short names over three letters, where nearly
 * every key is within a few edits of another), both built from CSV and
 * mapped from the binary index, at edit limits from 0 to 4. The distance
 * itself (bit vectors up to 64 bytes, a table of cells beyond) against the
 * textbook table of the whole alignment. */
#include <stdlib.h>

#include "fm_test.h"
#include "geo/fm_geo.h"
#include "geo/gazetteer_priv.h"

#define MAXHITS 512

static fm_ctx *ctx;
static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)(rng_state >> 33) % n;
}

/* A letter to insert or substitute: mostly the key's own bytes (the hard
 * cases: a near neighbour of another key), else Latin letters, a space or
 * the two bytes of a multi-byte letter. */
static size_t pick(const char *key, size_t len, char *out)
{
    static const char latin[] = "aehiklnorstuz ";
    unsigned r = rnd(10);
    if (r < 6 && len) {
        out[0] = key[rnd((unsigned)len)];
        return 1;
    }
    if (r < 9) {
        out[0] = latin[rnd(sizeof latin - 1)];
        return 1;
    }
    out[0] = (char)0xc4, out[1] = (char)0x81; /* ā */
    return 2;
}

/* Applies `edits` random edits to key (len bytes) into out; returns its length. */
static size_t misspell(const char *key, size_t len, int edits, char *out, size_t cap)
{
    char buf[600], ins[2];
    size_t n = len < sizeof buf ? len : sizeof buf - 1, i, k;
    memcpy(buf, key, n);
    for (; edits > 0; edits--) {
        unsigned op = rnd(5);
        i = n ? rnd((unsigned)n) : 0;
        if (op == 0 && n > 1) { /* delete */
            memmove(buf + i, buf + i + 1, n - i - 1);
            n--;
        } else if ((op == 1 || op == 2) && n + 2 < sizeof buf) { /* insert or double */
            k = op == 2 && n ? (ins[0] = buf[i], 1) : pick(key, len, ins);
            memmove(buf + i + k, buf + i, n - i);
            memcpy(buf + i, ins, k);
            n += k;
        } else if (op == 3 && n) { /* substitute */
            pick(key, len, ins);
            buf[i] = ins[0];
        } else if (n > 1) { /* transpose neighbours */
            char t;
            i = i + 1 < n ? i : n - 2;
            t = buf[i], buf[i] = buf[i + 1], buf[i + 1] = t;
        }
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(out, buf, n);
    out[n] = '\0';
    return n;
}

/* Optimal string alignment distance, the whole table: the definition. */
static int osa_textbook(const char *a, size_t na, const char *b, size_t nb)
{
    static int d[130][130];
    size_t i, j;
    for (i = 0; i <= na; i++)
        for (j = 0; j <= nb; j++) {
            int v;
            if (!i || !j) {
                d[i][j] = (int)(i + j);
                continue;
            }
            v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < v)
                v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[na][nb];
}

/* Random pairs over two to four letters (and a multi-byte letter), 0 to 129
 * bytes (past the 64 the bit vectors hold), near each other or not, at caps
 * 0 to 6: fm_gz_osa_distance equals the definition capped, and so does the
 * table of cells. */
static void test_distance(void)
{
    static const char letters[] = "abcÄ";
    char a[130], b[130];
    size_t it, bad = 0, checked = 0;
    for (it = 0; it < 40000; it++) {
        unsigned nl = 2 + rnd(4); /* letters used: 2 to 5 bytes of `letters` */
        size_t na = it % 7 == 0 ? 60 + rnd(70) : rnd(20), nb, i;
        int cap;
        for (i = 0; i < na; i++)
            a[i] = letters[rnd(nl)];
        if (rnd(2)) { /* a misspelling of a */
            nb = misspell(a, na, (int)rnd(5), b, sizeof b);
        } else {
            nb = it % 5 == 0 ? 60 + rnd(70) : rnd(20);
            for (i = 0; i < nb; i++)
                b[i] = letters[rnd(nl)];
        }
        for (cap = 0; cap <= 6; cap++) {
            int want = osa_textbook(a, na, b, nb), got = fm_gz_osa_distance(a, na, b, nb, cap),
                rows = fm_gz_osa_distance_rows(a, na, b, nb, cap);
            if (want > cap)
                want = cap + 1;
            checked++;
            if (got != want || rows != want) {
                if (bad++ < 5)
                    fprintf(stderr, "   '%.*s' '%.*s' cap %d: %d, rows %d, want %d\n", (int)na, a,
                            (int)nb, b, cap, got, rows, want);
            }
        }
    }
    CHECK(bad == 0);
    CHECK(checked == 40000 * 7);
}

/* One query: both searches, at limits kmin to kmax; returns how many hits the indexed
 * one found at limit 2 (to show the queries are not all misses). */
static size_t same_fuzzy(const fm_gazetteer *gz, const char *q, int kmin, int kmax)
{
    static fm_gazetteer_hit a[MAXHITS], b[MAXHITS];
    size_t found = 0;
    int k, imp;
    for (k = kmin; k <= kmax; k++)
        for (imp = 0; imp < 2; imp++) { /* every key; the keys of places more than villages */
            size_t na = imp ? fm_gazetteer_find_fuzzy_important(gz, q, k, a, MAXHITS)
                            : fm_gazetteer_find_fuzzy(gz, q, k, a, MAXHITS);
            size_t nb = fm_gz_find_fuzzy_linear(gz, q, k, imp, b, MAXHITS), i, bad = 0;
            CHECK(na == nb);
            for (i = 0; i < na && i < nb && i < MAXHITS; i++)
                bad += a[i].index != b[i].index || a[i].alias != b[i].alias ||
                       a[i].edits != b[i].edits;
            CHECK(bad == 0);
            if (na != nb || bad)
                fprintf(stderr, "   '%s' at %d edits%s: %zu hits indexed, %zu scanned, %zu differ\n",
                        q, k, imp ? " (important)" : "", na, nb, bad);
            if (k == 2 && !imp)
                found = na;
        }
    return found;
}

/* Every node of the four tries lists its children's labels: the letters
 * the walk goes straight to, or FM_GZ_LABELS_OTHER (tested on its own:
 * queries over letters alone could miss a node that wrongly lacks it). */
static void check_labels(const fm_gazetteer *gz)
{
    size_t t, i, j, bad = 0, other = 0;
    for (t = 0; t < 4; t++)
        for (i = 0; i < gz->ntrie[t]; i++) {
            const fm_gz_node *nd = &gz->trie[t][i];
            uint32_t want = 0;
            for (j = nd->child; j < nd->child + FM_GZ_NODE_NCHILD(nd); j++) {
                unsigned c = FM_GZ_EDGE_LABEL(gz->trie[t][j].edge);
                want |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : FM_GZ_LABELS_OTHER;
            }
            bad += nd->labels != want;
            other += (want & FM_GZ_LABELS_OTHER) != 0;
        }
    CHECK(bad == 0);
    fprintf(stderr, "   labels: %zu nodes with a child not a letter\n", other);
}

/* Misspellings of nq random keys of gz, with 0 to 4 edits, searched at
 * limits kmin to kmax. */
static void misspellings(const fm_gazetteer *gz, size_t nq, int kmin, int kmax)
{
    size_t i, found = 0;
    char q[600];
    CHECK(gz->nukeys > 0 && gz->ntrie[0] > gz->nukeys && gz->ntrie[1] > gz->nukeys);
    CHECK(gz->ntrie[2] > 1 && gz->ntrie[2] < gz->ntrie[0] && gz->ntrie[3] < gz->ntrie[1]);
    check_labels(gz);
    for (i = 0; i < nq && gz->nukeys; i++) {
        const fm_gz_key *k = &gz->ukeys[rnd((unsigned)gz->nukeys)];
        misspell(gz->keys + k->off, k->len, (int)rnd(5), q, sizeof q);
        found += same_fuzzy(gz, q, kmin, kmax) > 0;
    }
    fprintf(stderr, "   %zu queries, %zu with hits within 2 edits\n", nq, found);
    CHECK(found > nq / 3);
}

/* The built-in gazetteer, as mapped from the build's index. */
static void test_builtin(void)
{
    fm_gazetteer *gz = NULL;
    CHECK(fm_gazetteer_open(ctx, NULL, &gz) == FM_OK);
    if (!gz)
        return;
    CHECK(gz->map != NULL); /* the index, not the CSV */
    /* the limits the geocoder uses (the scan is slow: 75,000 keys) */
    misspellings(gz, 600, 1, 3);
    /* the edge cases: empty, only spaces, one byte, the longest key, too long */
    CHECK(fm_gazetteer_find_fuzzy(gz, "", 2, NULL, 0) == 0);
    CHECK(fm_gazetteer_find_fuzzy(gz, "   ", 2, NULL, 0) == 0);
    same_fuzzy(gz, "a", 0, 4);
    same_fuzzy(gz, gz->keys + gz->ukeys[gz->nukeys - 1].off, 0, 4);
    fm_gazetteer_close(gz);
}

static void sh(const char *cmd)
{
    CHECK(system(cmd) == 0);
}

/* A dense gazetteer: 3,000 names of 1 to 9 letters from {a, b, c} (aliases
 * too; a fifth of them towns), so the trie is bushy and most queries have
 * many hits. */
static void test_dense(void)
{
    char dir[4096], path[8800], name[16], alias[16];
    fm_gazetteer *csv = NULL, *img = NULL;
    FILE *f;
    size_t i, j;
    snprintf(dir, sizeof dir, "%s/dense", fm_test_tmpdir());
    snprintf(path, sizeof path, "rm -rf '%s' && mkdir -p '%s/gazetteer'", dir, dir);
    sh(path);
    snprintf(path, sizeof path, "%s/gazetteer/places.csv", dir);
    CHECK((f = fopen(path, "w")) != NULL);
    if (!f)
        return;
    fprintf(f, "id,name,kind,country,admin1,admin2,lon,lat,aliases,source\n");
    for (i = 0; i < 3000; i++) {
        size_t n = 1 + rnd(9), na = 1 + rnd(9);
        for (j = 0; j < n; j++)
            name[j] = (char)('a' + rnd(3));
        name[n] = '\0';
        for (j = 0; j < na; j++)
            alias[j] = (char)('a' + rnd(3));
        alias[na] = '\0';
        fprintf(f, "%zu,%s,%s,PK,,,70.%zu,33.5,%s,test\n", i + 1, name,
                rnd(5) ? "village" : "town", i, rnd(2) ? alias : "");
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/places.idx", dir);
    CHECK(fm_gazetteer_write_index(ctx, dir, path) == FM_OK);
    CHECK(fm_gazetteer_open_index(ctx, dir, "/nonexistent.idx", &csv) == FM_OK);
    CHECK(fm_gazetteer_open_index(ctx, dir, path, &img) == FM_OK);
    if (csv && img) {
        CHECK(csv->map == NULL && img->map != NULL);
        misspellings(csv, 400, 0, 4);
        misspellings(img, 400, 0, 4);
        for (i = 0; i < 200; i++) { /* random strings, not only misspellings */
            size_t n = 1 + rnd(12);
            for (j = 0; j < n; j++)
                name[j] = (char)('a' + rnd(4));
            name[n] = '\0';
            same_fuzzy(img, name, 0, 4);
        }
    }
    fm_gazetteer_close(csv);
    fm_gazetteer_close(img);
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_distance);
    RUN(test_dense);
    RUN(test_builtin);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
