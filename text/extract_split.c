/* extract_split.c: a sentence that tells two incidents ("killing four
 * militants in Khadizai on 21 October and eight in the Mamozai area on 29
 * October") split into two tx_sentences, both the caller's. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* The mention that starts at i or after "the " there, or NULL. */
static const fm_text_place *place_starting(const tx_sentence *st, const char *s, size_t i)
{
    if (!strncmp(s + i, "the ", 4))
        i += 4;
    for (size_t k = 0; k < st->nplace; k++)
        if (st->place[k].off == i)
            return &st->place[k];
    return NULL;
}

/* The first mention after offset i, or NULL. */
static const fm_text_place *place_after(const tx_sentence *st, size_t i)
{
    const fm_text_place *p = NULL;
    for (size_t k = 0; k < st->nplace; k++)
        if (st->place[k].off >= i && (!p || st->place[k].off < p->off))
            p = &st->place[k];
    return p;
}

/* Whether two mentions name one place: the same entry or the same words. */
static int same_mention(const char *s, const fm_text_place *a, const fm_text_place *b)
{
    return (a->place && a->place == b->place) ||
           (a->len == b->len && !strncasecmp(s + a->off, s + b->off, a->len));
}

/* "killing four militants in Khadizai on 21 October and eight in the
 * Mamozai area on 29 October", "eight militants in Dabori, and seven more
 * in Ghaljo": a count after "and" whose verb is the toll's before it, with a
 * place of its own straight after; added to st as a toll like t. */
static void read_gapped_toll(const char *s, tx_sentence *st, const tx_toll *t)
{
    const fm_text_place *p1 = place_after(st, t->end), *p2;
    size_t i, w;
    fm_count c;
    if (!p1 || st->ntoll >= TX_MAX_TOLLS)
        return;
    for (i = p1->off + p1->len; i < st->end && i < p1->off + p1->len + 80; i++)
        if (s[i] == '.' || s[i] == ';' || fm_tx_word_at(s, st->end, i, "and"))
            break;
    if (i >= st->end || !fm_tx_word_at(s, st->end, i, "and"))
        return;
    i = fm_tx_skip_space(s, st->end, i + 3);
    if (i < st->end && s[i] == ',') {
        /* "and, in a separate statement on the same day, 21 more in the Kuki
         * Khel area": past the aside */
        const char *close = memchr(s + i + 1, ',', st->end - i - 1);
        if (!close || close - (s + i) > 80)
            return;
        i = fm_tx_skip_space(s, st->end, (size_t)(close - s) + 1);
    }
    if (!fm_count_read(s + i, st->end - i, &c) || c.start != 0 || tx_is_year(&c) || c.best <= 0 ||
        c.vague)
        return;
    w = fm_tx_skip_space(s, st->end, i + c.end);
    if (fm_tx_word_at(s, st->end, w, "more") || fm_tx_word_at(s, st->end, w, "others"))
        w = fm_tx_skip_space(s, st->end, tx_next_word(s, st->end, w));
    else if (t->noun[0] && fm_tx_word_at(s, st->end, w, t->noun))
        w = fm_tx_skip_space(s, st->end, w + strlen(t->noun));
    if (!(fm_tx_word_at(s, st->end, w, "in") || fm_tx_word_at(s, st->end, w, "at") ||
          fm_tx_word_at(s, st->end, w, "near")))
        return;
    w = fm_tx_skip_space(s, st->end, tx_next_word(s, st->end, w));
    if (!(p2 = place_starting(st, s, w)) || same_mention(s, p1, p2))
        return;
    for (size_t k = 0; k < st->ntoll; k++)
        if (st->toll[k].off <= i && st->toll[k].end > i)
            return; /* (read already) */
    tx_toll *g = &st->toll[st->ntoll++];
    *g = *t;
    g->c = c;
    g->off = i;
    g->end = i + c.end;
}

static int dated_within(const tx_sentence *st, size_t lo, size_t hi);

/* Where a sentence that tells two incidents divides: two killed tolls, each
 * with a place of its own after it, the second after "and", "while" or
 * "whereas" ("a bomb killed three people in Quetta and another killed four
 * in Turbat"); 0 when it tells one. */
static size_t split_point(const char *s, const tx_sentence *st)
{
    for (size_t a = 0; a < st->ntoll; a++) {
        const tx_toll *t1 = &st->toll[a], *t2 = NULL;
        const fm_text_place *p1, *p2;
        if (!t1->killed || t1->breakdown || t1->total)
            continue;
        for (size_t b = 0; b < st->ntoll; b++)
            if (st->toll[b].off > t1->end && st->toll[b].killed && !st->toll[b].breakdown &&
                !st->toll[b].total && !st->toll[b].owned &&
                (!t2 || st->toll[b].off < t2->off))
                t2 = &st->toll[b];
        if (!t2)
            continue;
        p1 = place_after(st, t1->end);
        if (!p1 || p1->off >= t2->off || p1->kind_rank < 2 || p1->reference || p1->hometown)
            continue;
        for (size_t i = t2->off; i > p1->off + p1->len; i--)
            if (fm_tx_word_at(s, t2->off, i, "and") || fm_tx_word_at(s, t2->off, i, "while") ||
                fm_tx_word_at(s, t2->off, i, "whereas")) {
                size_t c = s[i - 1] == ' ' && s[i - 2] == ',' ? i - 2 : i - 1;
                /* the second part's place after its toll, or before it ("and in the
                 * Khuiratta sector of Kotli district a civilian was killed") */
                size_t after = fm_tx_skip_space(s, st->end, tx_next_word(s, st->end, i));
                p2 = place_after(st, c);
                if (!p2 || p2->kind_rank < 2 || p2->reference || p2->hometown ||
                    (p2->off < t2->off && !(fm_tx_word_at(s, st->end, after, "in") ||
                                           fm_tx_word_at(s, st->end, after, "at") ||
                                           (fm_tx_word_at(s, st->end, after, "on") &&
                                            dated_within(st, c, p2->off)))))
                    break; /* (before its toll, only as the part's opening "in ...",
                            * or after the part's own day: "and on 13 December, across
                            * the agency boundary in Khyber, mortar shells ...") */
                if (same_mention(s, p1, p2) && !(dated_within(st, st->start, c) &&
                                                 dated_within(st, c, t2->off)))
                    break; /* (one place: two incidents only on two days, "On 6
                            * August, three ... in Karachi, and on 28 September,
                            * six ... in Karachi") */
                return c;
            }
    }
    return 0;
}

/* Whether a date of st begins within [lo, hi) of the text. */
static int dated_within(const tx_sentence *st, size_t lo, size_t hi)
{
    for (size_t i = 0; i < st->ndate; i++)
        if (st->start + st->date[i].off >= lo && st->start + st->date[i].off < hi)
            return 1;
    return 0;
}

/* Keeps in st the tolls, places and dates within [lo, hi) of the text. */
static void keep_within(tx_sentence *st, size_t lo, size_t hi)
{
    size_t k = 0;
    for (size_t i = 0; i < st->ntoll; i++)
        if (st->toll[i].off >= lo && st->toll[i].off < hi)
            st->toll[k++] = st->toll[i];
    st->ntoll = k;
    k = 0;
    for (size_t i = 0; i < st->nplace; i++)
        if (st->place[i].off >= lo && st->place[i].off < hi)
            st->place[k++] = st->place[i];
    st->nplace = k;
    k = 0;
    for (size_t i = 0; i < st->ndate; i++)
        if (st->start + st->date[i].off >= lo && st->start + st->date[i].off < hi)
            st->date[k++] = st->date[i];
    st->ndate = k;
}

/* "killed eight militants in two strikes ..., four in the Datta Khel area
 * and four in the Shawal valley": the first part's own count is the bare
 * "four" after the whole, not the whole told before the parts. */
static void drop_whole(const char *text, tx_sentence *first, const tx_sentence *second)
{
    long rest = 0;
    int parts = 0;
    for (size_t k = 0; k < second->ntoll; k++)
        if (second->toll[k].killed && !second->toll[k].breakdown)
            rest += second->toll[k].c.best, parts++;
    for (size_t k = 0; parts && k < first->ntoll; k++) {
        tx_toll *w = &first->toll[k];
        if (!w->killed || w->breakdown || w->c.best <= rest)
            continue;
        for (size_t i = w->end; i < first->end; i++) {
            fm_count c;
            size_t used;
            if (fm_tx_is_word_char((unsigned char)text[i - 1]) ||
                !(used = fm_count_read(text + i, first->end - i, &c)) || c.best <= 0)
                continue;
            if (c.best + rest == w->c.best && fm_tx_word_at(text, first->end,
                                                            fm_tx_skip_space(text, first->end,
                                                                             i + used), "in")) {
                w->c = c;
                w->off = i;
                w->end = i + used;
                return;
            }
            i += used;
        }
    }
}

int tx_sentence_split(const char *text, tx_sentence *st, tx_sentence *second)
{
    size_t c, n = st->ntoll;
    int dated_after = 0;
    for (size_t k = 0; k < n; k++)
        if (st->toll[k].killed && !st->toll[k].breakdown && !st->toll[k].total)
            read_gapped_toll(text, st, &st->toll[k]);
    if (!(c = split_point(text, st)))
        return 0;
    *second = *st;
    for (size_t i = 0; i < st->ndate; i++)
        dated_after |= st->start + st->date[i].off >= c;
    keep_within(st, st->start, c);
    /* (a second part with no date of its own is on the sentence's day) */
    keep_within(second, c, second->end);
    drop_whole(text, st, second);
    if (!dated_after) {
        second->ndate = st->ndate;
        memcpy(second->date, st->date, st->ndate * sizeof *st->date);
    }
    st->end = c;
    return 1;
}

/* "30 militants had been killed ... in the Datta Khel, Marsi Khel and Kam
 * Sham areas, ten in each": one incident per place, each with its share.
 * The places are the sentence's towns and villages named before the
 * count (not a reference point, a hometown or a government); the sentence's
 * killed toll must be the share times their number. Fills parts (at most
 * max) and returns how many; 0 when the sentence is not such a list. */
size_t tx_sentence_each(const char *text, const tx_sentence *st, tx_sentence *parts, size_t max)
{
    const fm_text_place *at[TX_MAX_PLACES];
    size_t k = 0, each_at = 0, t;
    fm_count share = {0};
    for (size_t i = st->start; i < st->end && !each_at; i++) {
        size_t used, j;
        if (i > st->start && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        if (!(used = fm_count_read(text + i, st->end - i, &share)) || share.best <= 0)
            continue;
        j = fm_tx_skip_space(text, st->end, i + used);
        if (fm_tx_word_at(text, st->end, j, "in each") || fm_tx_word_at(text, st->end, j, "each"))
            each_at = i;
    }
    if (!each_at)
        return 0;
    for (size_t i = 0; i < st->nplace && k < TX_MAX_PLACES; i++) {
        const fm_text_place *p = &st->place[i];
        if (p->place && p->kind_rank == 3 && !p->reference && !p->hometown && !p->metonym &&
            !p->dateline && p->off < each_at)
            at[k++] = p;
    }
    if (k < 2 || k > max)
        return 0;
    for (t = 0; t < st->ntoll; t++)
        if (st->toll[t].killed && !st->toll[t].breakdown &&
            st->toll[t].c.best == share.best * (long)k)
            break;
    if (t == st->ntoll)
        return 0;
    for (size_t j = 0; j < k; j++) {
        parts[j] = *st;
        parts[j].place[0] = *at[j];
        parts[j].nplace = 1;
        parts[j].toll[0] = st->toll[t];
        parts[j].toll[0].c = share;
        parts[j].ntoll = 1;
    }
    return k;
}
