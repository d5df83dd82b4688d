/* extract.c: sentences into incidents. A sentence that gives a toll, or an
 * event with its own place and date, starts an incident; the sentences after
 * it in the same paragraph that name no other place or date add to it
 * (figures, claims, a corrected toll). Place and date come from the sentence,
 * else from the paragraph so far, else (with low confidence) from the
 * document's dateline. Competing figures from named parties become claims;
 * the toll is then the lowest, with the range of the claims. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

typedef struct {
    const fm_text_place *place; /* in the sentence that named it */
    const char *text;
    size_t para;
    int valid;
} ctx_place;

/* ---- date ----------------------------------------------------------------- */

/* Whether one of cues stands in the clause before at: back to one of stops,
 * at most reach bytes. */
static int clause_cue(const char *text, size_t lo, size_t at, const char *stops, size_t reach,
                      const char *const *cues)
{
    size_t b = at;
    while (b > lo && !strchr(stops, text[b - 1]) && at - b < reach)
        b--;
    for (size_t k = b; k < at; k++)
        for (size_t c = 0; cues[c]; c++)
            if (fm_tx_word_at(text, at, k, cues[c]))
                return 1;
    return 0;
}

/* "the deadliest since the Army Public School massacre of 16 December 2014":
 * a date in a clause that measures from an earlier event ("since the ...",
 * "the worst ... since"). */
static int since_event(const char *text, size_t lo, size_t at)
{
    static const char *const since[] = {"since the", "since an", NULL};
    return clause_cue(text, lo, at, ",;(", (size_t)-1, since);
}

/* Whether every date the sentence gives measures from an earlier event: its
 * figures are that event's, told as background. */
static int only_since_dates(const char *text, const tx_sentence *st)
{
    if (!st->ndate)
        return 0;
    for (size_t i = 0; i < st->ndate; i++)
        if (!since_event(text, st->start, st->start + st->date[i].off))
            return 0;
    return 1;
}

/* "The district police officer told me this afternoon that the six bodies
 * ...": a date that says when a source spoke, not when the thing happened
 * (a reporting verb within the three words before it). It does not move the
 * story on; a story it begins still takes it. */
static int speech_date(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    static const char *const verbs[] = {"said", "told", "says", "confirmed", "added",
                                        "examined", "visited", "inspected", "interviewed",
                                        "seen", "met", "repeated", "phoned", "briefed",
                                        "speaking", "talking", NULL};
    size_t at = st->start + d->off, b = at, words = 0;
    if ((at >= st->start + 5 && fm_tx_word_at(text, at, at - 5, "into")) ||
        (at >= st->start + 6 && fm_tx_word_at(text, at, at - 6, "until")))
        return 1; /* "the fighting went on into Thursday": the story's own days */
    while (b > st->start && words < 6) {
        b--;
        if (text[b] == ' ' && ++words)
            for (size_t v = 0; verbs[v]; v++)
                if (fm_tx_word_at(text, at, b + 1, verbs[v]))
                    return 1;
        if (strchr(",;.", text[b]))
            break;
    }
    return 0;
}

/* Whether the sentence's date d comes right after word (with its space). */
static int after_word(const char *text, const tx_sentence *st, const fm_text_date *d,
                      const char *word)
{
    size_t l = strlen(word);
    return d->off >= l && !strncasecmp(text + st->start + d->off - l, word, l);
}

/* "WANA, Oct 13: Two soldiers ... were killed ... late Friday night": the
 * date of an item's own dateline (a place in capitals, a comma, the date
 * and a colon at the sentence's start). */
static int item_dateline(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    size_t at = st->start + d->off, e = at + d->len, k = st->start;
    if (e >= st->end || text[e] != ':' || at < st->start + 4 || text[at - 1] != ' ' ||
        text[at - 2] != ',')
        return 0;
    for (; k < at - 2; k++)
        if (islower((unsigned char)text[k]))
            return 0;
    return 1;
}

/* The sentence's own date for the incident: the first that is not a period
 * marker ("since October"). */
/* Whether d is the date of a publication the sentence names, not of what
 * happened: "our report of May 8", "In a report of May 19 on the killing
 * ...", "our May 2 report", "(May 14, page 1)", "a caption on the city page
 * (May 7)", "our feature ... (May 15)". */
static int publication_date(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    static const char *const nouns[] = {"report",   "story",   "edition",   "issue",
                                        "article",  "caption", "feature",   "editorial",
                                        "circular", "letter",  "notification", "bulletin",
                                        "release",  "memo",    NULL};
    size_t at = st->start + d->off, e = at + d->len;
    size_t k = at;
    while (k > st->start && text[k - 1] == ' ')
        k--;
    if ((k >= st->start + 2 && fm_tx_word_at(text, k, k - 2, "of")) ||
        (k >= st->start + 5 && fm_tx_word_at(text, k, k - 5, "dated")))
        /* "our report of May 8", "Our circular No. 18 of 08-09-2010" */
        for (size_t b = k > st->start + 28 ? k - 28 : st->start; b + 2 < k; b++)
            for (size_t w = 0; nouns[w]; w++)
                if (fm_tx_word_at(text, k, b, nouns[w]))
                    return 1;
    for (size_t w = 0; nouns[w]; w++)
        if (fm_tx_word_at(text, st->end, fm_tx_skip_space(text, st->end, e), nouns[w]) &&
            at >= st->start + 4 &&
            (fm_tx_word_at(text, at, at - 4, "our") || fm_tx_word_at(text, at, at - 4, "the")))
            return 1; /* "our May 2 report" */
    if (at > st->start && text[at - 1] == '(' && e < st->end &&
        (text[e] == ')' || (text[e] == ',' && fm_tx_word_at(text, st->end,
                                                             fm_tx_skip_space(text, st->end, e + 1),
                                                             "page")))) {
        /* "(May 14, page 1)" after a headline, "(May 7)" after a page or a
         * work named just before */
        if (text[e] == ',')
            return 1;
        for (size_t b = at > st->start + 40 ? at - 40 : st->start; b < at; b++)
            for (size_t w = 0; nouns[w]; w++)
                if (fm_tx_word_at(text, at, b, nouns[w]) || fm_tx_word_at(text, at, b, "page"))
                    return 1;
    }
    return 0;
}

/* Whether the number ending at e is a numbered item's ("Incident 1", "Case
 * 12", "Event 3"), not a count. */
static int numbered_label(const char *text, size_t lo, size_t e)
{
    static const char *const labels[] = {"incident", "case", "event", "item", "serial",
                                         "entry", "episode", "attack", "no", NULL};
    size_t b = e;
    while (b > lo && isdigit((unsigned char)text[b - 1]))
        b--;
    while (b > lo && text[b - 1] == ' ')
        b--;
    for (size_t k = 0; labels[k]; k++) {
        size_t w = strlen(labels[k]);
        if (b >= lo + w && fm_tx_word_at(text, b, b - w, labels[k]))
            return 1;
    }
    return 0;
}

/* The day of the month a relative date gives as "the 21st", "Tuesday the
 * 21st", "on the 11th", or 0. */
static int bare_day_of(const char *text, const tx_sentence *st, const fm_text_date *e)
{
    size_t k = st->start + e->off, end = k + e->len + 12 < st->end ? k + e->len + 12 : st->end;
    int day = 0;
    while (k + 4 <= end && strncasecmp(text + k, "the ", 4))
        k++;
    if (k + 4 > end)
        return 0;
    for (k += 4; k < end && isdigit((unsigned char)text[k]) && day < 100; k++)
        day = day * 10 + (text[k] - '0');
    return day >= 1 && day <= 31 ? day : 0;
}

/* "Two days after a dozen schools were torched ... on the night of 2-3
 * August, police raided a hideout": the day of the clause measured from,
 * not of what the sentence tells (its day is later). */
static int later_than(const char *text, size_t start, size_t at)
{
    static const char *const cues[] = {"days after", "day after", "weeks after", "week after",
                                       "hours after", "months after", NULL};
    return clause_cue(text, start, at, ",;", 160, cues);
}

static const fm_text_date *pick_date(const char *text, const tx_sentence *st,
                                     const fm_text_date *ref, fm_text_date *scratch)
{
    const fm_text_date *spoken = NULL, *chosen = NULL;
    size_t toll_at = 0; /* the first killed toll's offset in the sentence, or 0 */
    for (size_t t = 0; t < st->ntoll && !toll_at; t++)
        if (st->toll[t].killed && !st->toll[t].breakdown && st->toll[t].off > st->start)
            toll_at = st->toll[t].off - st->start;
    for (size_t i = 0; i < st->ndate; i++) {
        const fm_text_date *d = &st->date[i];
        size_t at = st->start + d->off, b = at > st->start + 8 ? at - 8 : st->start;
        int period = 0;
        if (ref->start != FM_DAY_NONE && at == ref->off && !ref->relative)
            continue; /* the dateline itself */
        if (st->ndate > 1 && item_dateline(text, st, d))
            continue; /* (its item's "late Friday night" dates the event) */
        if (publication_date(text, st, d)) {
            if (!spoken)
                spoken = d; /* (near the day, when nothing else dates it) */
            continue;
        } /* ("In a report of May 19 on the killing of seven people
                       * in Quetta on Wednesday (May 18)") */
        for (size_t k = b; k < at; k++)
            if (fm_tx_word_at(text, at, k, "since") || fm_tx_word_at(text, at, k, "until") ||
                fm_tx_word_at(text, at, k, "by") || fm_tx_word_at(text, at, k, "before"))
                period = 1;
        if (period && at + d->len + 7 <= st->end &&
            !strncmp(text + at + d->len, ", when ", 7))
            period = 0; /* "has barely trained at home since Wednesday 20 October, when
                         * militants attacked a police post": the day of what the
                         * clause after it tells */
        /* "from 1st January to 31st May, 2015": the ends of a period */
        if ((i > 0 && after_word(text, st, d - 1, "from ") && after_word(text, st, d, "to ")) ||
            (i + 1 < st->ndate && after_word(text, st, d, "from ") &&
             after_word(text, st, d + 1, "to ")))
            period = 1;
        period |= since_event(text, st->start, at) || later_than(text, st->start, at);
        if (at >= st->start + 2 && text[at - 1] == '(' && text[at - 2] == ' ' &&
            at >= st->start + 3 && isdigit((unsigned char)text[at - 3]) &&
            !numbered_label(text, st->start, at - 2))
            period = 1; /* "rose from 50 (24 JUN) to 67 (26 JUN)": the day of a
                         * figure, not of the attack (not "Incident 1 (21 April
                         * 2014, Badaber)": a numbered item's day) */
        if (!period && d->relative && d->precision == 1)
            for (size_t j = i + 1; j < st->ndate; j++)
                if (!st->date[j].relative && st->date[j].precision == 1 &&
                    (st->date[j].has_year
                         ? st->date[j].off < d->off + d->len + 48
                         : st->date[j].off <= d->off + d->len + 24 && st->date[j].off > 0 &&
                               (text[st->start + st->date[j].off - 1] == '(' ||
                                text[st->start + st->date[j].off - 1] == '['))) {
                    /* ("on Wednesday (May 18)", "Thursday 13 Qaws (4 December)", "on
                     * Saturday [14 January]") */
                    /* "On Friday 15 Rabi al-Thani 1433 (9 March 2012)": the
                     * weekday belongs to the date beside it, not to the
                     * week of the dateline */
                    d = &st->date[j];
                    break;
                }
        if (!period && !speech_date(text, st, d)) {
            const fm_text_date *got = d;
            for (size_t j = i + 1; d->precision == 3 && j < st->ndate; j++) {
                const fm_text_date *e = &st->date[j];
                int ed = e->precision == 1 && e->relative ? bare_day_of(text, st, e) : 0;
                if (ed > 0) {
                    /* "Then in July a bomb went off in Turbat town (Tuesday the
                     * 21st)": the bare day is of the month the sentence names */
                    int y, m, dd;
                    fm_day_to_ymd(d->start, &y, &m, &dd);
                    *scratch = *e;
                    scratch->start = scratch->end = fm_day_from_ymd(y, m, ed);
                    scratch->relative = 0;
                    if (scratch->start >= d->start && scratch->end <= d->end) {
                        got = scratch;
                        break;
                    }
                }
                if (e->precision == 1 &&
                    ((e->start >= d->start && e->end <= d->end) || (d->relative && !e->relative)) &&
                    !speech_date(text, st, e) && !publication_date(text, st, e)) {
                    got = e; /* "The heaviest engagement of September took place
                              * ... on Monday, 14 September": the day in the month;
                              * "the most serious incident reported this month
                              * ... killed on 9 September": the day the text names
                              * beats the month it reckons from its dateline */
                    break;
                }
            }
            if (!chosen)
                chosen = got;
            else if (toll_at && got->off < toll_at && got->precision == 1 && !got->relative &&
                     chosen->precision == 1 && got->start < chosen->start)
                chosen = got; /* "Winter vacation begins on 19th December ...
                               * after Monday's (14th December) search operation
                               * at Najeegram, in which four militants were
                               * killed": the day told nearest before the toll,
                               * and before the first day (the notice's news of
                               * a later day is not the event's) */
            if (!toll_at)
                return chosen;
            continue;
        }
        if (!period && !spoken)
            spoken = d;
    }
    return chosen ? chosen : spoken; /* "said on Saturday", when nothing else dates it */
}

static void set_date(fm_text_incident *inc, const fm_text_date *d, size_t base, double conf)
{
    inc->date_start = d->start;
    inc->date_end = d->end;
    inc->date_precision = d->precision;
    inc->date_conf = conf;
    inc->date_ev.start = base + d->off;
    inc->date_ev.end = base + d->off + d->len;
}

/* ---- figures -------------------------------------------------------------- */

/* Every toll an incident was told with, kept until the end so that figures
 * from several sentences and parties add up the way a reader adds them. */
#define INC_MAX_TOLLS 24
typedef struct {
    char party[64];   /* "" the document's own voice */
    const char *victims;
    char noun[24];
    fm_count c;
    int killed;
    int correction;   /* replaces what the same party said of the same victims */
    size_t sent;      /* the sentence it came from (its start) */
    fm_span ev;
} inc_toll;

typedef struct {
    inc_toll t[INC_MAX_TOLLS];
    size_t n;
    char adopted[64]; /* the party whose figure the document takes as its own, or "" */
} toll_set;

/* Whether party q is party p named with a qualifier ("Mohmand elders" and
 * "Elders"): the same speakers. */
static int qualified_as(const char *p, const char *q)
{
    size_t lp = strlen(p), lq = strlen(q);
    return lq > lp + 1 && q[lq - lp - 1] == ' ' && !strcasecmp(q + lq - lp, p);
}

/* One name for one party in a set: the qualified name the text gave once. */
static void unify_party(toll_set *ts, char *party, size_t cap)
{
    for (size_t k = 0; k < ts->n; k++) {
        if (qualified_as(party, ts->t[k].party))
            snprintf(party, cap, "%s", ts->t[k].party);
        else if (qualified_as(ts->t[k].party, party))
            snprintf(ts->t[k].party, sizeof ts->t[k].party, "%s", party);
    }
}

static void add_tolls(const tx_sentence *st, toll_set *ts, int correction)
{
    for (size_t t = 0; t < st->ntoll && ts->n < INC_MAX_TOLLS; t++) {
        const tx_toll *tl = &st->toll[t];
        inc_toll *it;
        if (tl->breakdown)
            continue;
        it = &ts->t[ts->n];
        snprintf(it->party, sizeof it->party, "%s", tl->party);
        unify_party(ts, it->party, sizeof it->party);
        if (correction && tl->party[0]) {
            /* "Hospital officials later said the toll had risen to 29": a
             * revision by a source that gave no figure before revises the
             * story's own figure; one by a party with a figure of its own
             * revises that party's claim */
            size_t k;
            for (k = 0; k < ts->n && strcmp(ts->t[k].party, tl->party); k++)
                ;
            if (k == ts->n)
                it->party[0] = '\0';
        }
        ts->n++;
        it->victims = tl->victims;
        memcpy(it->noun, tl->noun, sizeof it->noun);
        it->c = tl->c;
        it->killed = tl->killed;
        it->correction = correction;
        it->sent = st->start;
        it->ev.start = tl->off;
        it->ev.end = tl->end;
    }
}

typedef struct {
    long best, lo, hi; /* hi -1: open */
    int approx, any;
    fm_span ev;
} total;

/* What one party (party "" the document) says died (killed 1) or was hurt:
 * the sum over distinct victim groups, the later figure for a group told
 * twice (a correction, or a repeat). */
static total party_total(const toll_set *ts, const char *party, int killed, const char *group)
{
    total r = {0, 0, 0, 0, 0, {0, 0}};
    for (size_t i = 0; i < ts->n; i++) {
        const inc_toll *a = &ts->t[i];
        int later = 0;
        if (strcmp(a->party, party) || a->killed != killed ||
            (group && strcmp(a->victims, group)))
            continue;
        for (size_t j = i + 1; j < ts->n; j++) {
            const inc_toll *b = &ts->t[j];
            /* a later sentence's figure for the same victims replaces the
             * earlier one; in one sentence they add up ("a woman and her two
             * sons") */
            if (!strcmp(b->party, party) && b->killed == killed &&
                !strcmp(b->victims, a->victims) && b->sent != a->sent)
                later = 1;
        }
        for (size_t j = 0; j < i && !later; j++) {
            const inc_toll *b = &ts->t[j];
            /* "Four FC personnel martyred in Harnai attack The News ... Four
             * Frontier Corps personnel were martyred": the same figure for the
             * same victims, said again in one run of text */
            later = !strcmp(b->party, party) && b->killed == killed && b->sent == a->sent &&
                    !strcmp(b->victims, a->victims) && b->c.best == a->c.best &&
                    a->victims[0] && a->ev.start > b->ev.end + 24;
        }
        if (later)
            continue;
        r.best += a->c.best;
        r.lo += a->c.lo;
        r.hi = r.hi < 0 || a->c.hi < 0 ? -1 : r.hi + a->c.hi;
        r.approx |= a->c.approx;
        if (!r.any)
            r.ev = a->ev;
        else if (a->ev.end > r.ev.end)
            r.ev.end = a->ev.end;
        r.any = 1;
    }
    return r;
}

/* The span of every killed toll of a party. */
static fm_span all_ev(const toll_set *ts, const char *party)
{
    total t = party_total(ts, party, 1, NULL);
    return t.ev;
}

/* A party's total: its figure for unnamed victims or the sum of its groups. */
static long claim_total(const toll_set *ts, const char *party)
{
    total u = party_total(ts, party, 1, "");
    long named = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const char *g = ts->t[i].victims;
        int first = 1;
        if (!g[0] || !ts->t[i].killed || strcmp(ts->t[i].party, party))
            continue;
        for (size_t j = 0; j < i; j++)
            if (ts->t[j].killed && !strcmp(ts->t[j].party, party) && !strcmp(ts->t[j].victims, g))
                first = 0;
        if (first)
            named += party_total(ts, party, 1, g).best;
    }
    return u.any && u.best > named ? u.best : named;
}

/* "11 soldiers, 19 militants killed; 3 injured": what a party said. */
static void claim_detail(const toll_set *ts, const char *party, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 1; k >= 0; k--) {
        int first = 1;
        for (size_t i = 0; i < ts->n && len < cap; i++) {
            const inc_toll *a = &ts->t[i];
            if (strcmp(a->party, party) || a->killed != k)
                continue;
            len += (size_t)snprintf(out + len, cap - len, "%s%s%ld%s%s%s",
                                    first ? (len ? "; " : "") : ", ",
                                    a->c.hi < 0 && a->c.approx ? "at least " : "", a->c.best,
                                    a->noun[0] ? " " : "", a->noun, "");
            first = 0;
        }
        if (!first && len < cap)
            len += (size_t)snprintf(out + len, cap - len, " %s", k ? "killed" : "injured");
    }
    if (len >= cap)
        out[cap - 1] = '\0';
    fm_utf8_repair(out);
}

/* Settles the incident's figures. The document's own voice, when it gives a
 * toll, is the figure (with the parties' as claims). Otherwise the parties'
 * statements are compared group of victims by group (soldiers, militants,
 * civilians): each group counts at the lowest figure any party gives it, and
 * a party that gives only a total ("more than 200 people") bounds the sum;
 * the range runs to the highest total claimed. */
/* Whether party (as the lexicon names it) is an armed group: its figures are
 * claims, not the count, when anyone else gives one. */
static int armed_group(const fm_lexicon *lx, const char *party)
{
    size_t l, n = strlen(party);
    const fm_lex_entry *e = n ? fm_lexicon_match(lx, FM_LEX_PARTY, party, n, &l) : NULL;
    return e && l == n && !strcmp(e->v2, "group");
}

static void settle_figures(const fm_lexicon *lx, fm_text_incident *inc, const toll_set *ts)
{
    const char *parties[INC_MAX_TOLLS + 1], *groups[INC_MAX_TOLLS];
    size_t np = 0, ng = 0;
    total own_i = party_total(ts, "", 0, NULL);
    /* a party's figure the document takes as its own stands for its own voice
     * when it gives none ("We treat the political administration's 36 as the
     * working figure") */
    const char *own = !ts->adopted[0] ? "" : ts->adopted;
    long sum = 0, unnamed = -1, hi = -1;
    int named_any = 0, open_hi = 0, approx = 0, nwith = 0;
    fm_span kev = {0, 0};
    inc->nclaims = 0;
    for (size_t i = 0; i < ts->n; i++) {
        size_t k;
        for (k = 0; k < np && strcmp(parties[k], ts->t[i].party); k++)
            ;
        if (k == np)
            parties[np++] = ts->t[i].party;
        if (ts->t[i].killed && ts->t[i].victims[0]) {
            for (k = 0; k < ng && strcmp(groups[k], ts->t[i].victims); k++)
                ;
            if (k == ng)
                groups[ng++] = ts->t[i].victims;
        }
    }
    /* "Political administration says 23 LI men dead. LI's spokesman: only
     * 3": an armed group's figure is its claim, when another party or the
     * document gives one */
    int others = 0, claimant[INC_MAX_TOLLS + 1];
    for (size_t k = 0; k < np; k++) {
        claimant[k] = armed_group(lx, parties[k]);
        others |= !claimant[k] && party_total(ts, parties[k], 1, NULL).any;
    }
    for (size_t k = 0; k < np; k++)
        claimant[k] &= others;
    /* a party's total: its unnamed figure or the sum of its groups */
    for (size_t k = 0; k < np; k++) {
        if (claimant[k])
            continue;
        total u = party_total(ts, parties[k], 1, "");
        long named = 0, tot;
        int has_named = 0;
        for (size_t g = 0; g < ng; g++) {
            total t = party_total(ts, parties[k], 1, groups[g]);
            if (t.any)
                named += t.best, has_named = 1, open_hi |= t.hi < 0, approx |= t.approx;
        }
        if (!u.any && !has_named)
            continue;
        nwith++;
        tot = u.any && u.best > named ? u.best : named;
        if (u.any && (u.hi < 0))
            open_hi = 1;
        approx |= u.approx;
        hi = tot > hi ? tot : hi;
        if (!has_named)
            unnamed = unnamed < 0 || u.best < unnamed ? u.best : unnamed;
        if (!kev.end) {
            total all = party_total(ts, parties[k], 1, NULL);
            kev = all.ev;
        }
        if (!strcmp(parties[k], own)) {
            /* the document's own voice decides */
            inc->killed = inc->killed_lo = inc->killed_hi = tot;
            if (u.any && u.hi < 0)
                inc->killed_hi = -1;
            inc->killed_conf = approx ? 0.7 : own[0] ? 0.85 : 0.9;
            inc->killed_own = own[0] != '\0';
            inc->killed_ev = all_ev(ts, own);
            goto claims;
        }
    }
    long lowest[INC_MAX_TOLLS]; /* each group's lowest figure, or -1 */
    for (size_t g = 0; g < ng; g++) {
        lowest[g] = -1;
        for (size_t k = 0; k < np; k++) {
            if (claimant[k])
                continue;
            total t = party_total(ts, parties[k], 1, groups[g]);
            if (t.any && (lowest[g] < 0 || t.best < lowest[g]))
                lowest[g] = t.best;
        }
        if (lowest[g] >= 0)
            sum += lowest[g], named_any = 1;
    }
    if (named_any || unnamed >= 0) {
        /* one party's account is taken whole: its total ("three soldiers ...
         * bringing the toll to five") */
        long best = nwith == 1                                    ? hi
                    : named_any && (unnamed < 0 || sum <= unnamed) ? sum
                                                                   : unnamed;
        if (nwith > 1 && named_any && best == sum) {
            /* "ISPR: seventeen soldiers had died, and the bomber -- eighteen
             * dead; the Taliban claimed thirty soldiers": the party whose
             * figures are the lowest in every group gives its whole total */
            for (size_t k = 0; k < np; k++) {
                long named = 0;
                int all = 1, any = 0;
                if (claimant[k])
                    continue;
                for (size_t g = 0; g < ng && all; g++) {
                    total t = party_total(ts, parties[k], 1, groups[g]);
                    if (lowest[g] < 0)
                        continue;
                    all = t.any && t.best == lowest[g];
                    named += t.any ? t.best : 0;
                    any = 1;
                }
                total u = party_total(ts, parties[k], 1, "");
                if (all && any && named == sum && u.any && u.best > sum) {
                    best = u.best;
                    break;
                }
            }
        }
        inc->killed = inc->killed_lo = best;
        inc->killed_hi = open_hi ? -1 : hi > best ? hi : best;
        inc->killed_conf = nwith > 1 && hi != best ? 0.6 : approx ? 0.7 : 0.8;
        inc->killed_ev = kev;
    }
claims:
    for (size_t k = 0; k < np && inc->nclaims < FM_EXTRACT_MAX_CLAIMS; k++) {
        total tk, ti;
        fm_text_claim *c;
        if (!parties[k][0])
            continue;
        tk = party_total(ts, parties[k], 1, NULL);
        ti = party_total(ts, parties[k], 0, NULL);
        c = &inc->claims[inc->nclaims++];
        snprintf(c->party, sizeof c->party, "%s", parties[k]);
        c->killed = tk.any ? claim_total(ts, parties[k]) : -1;
        c->injured = ti.any ? ti.best : -1;
        c->ev = tk.any ? tk.ev : ti.ev;
        claim_detail(ts, parties[k], c->detail, sizeof c->detail);
        if (ti.any && !own_i.any && (inc->injured < 0 || ti.best < inc->injured)) {
            inc->injured = ti.best;
            inc->injured_conf = 0.6;
            inc->injured_ev = ti.ev;
        }
    }
    if (own_i.any) {
        inc->injured = own_i.best;
        inc->injured_conf = own_i.approx ? 0.7 : 0.85;
        inc->injured_ev = own_i.ev;
    }
}

/* ---- type and actors ------------------------------------------------------ */

static const char *victims_of(const tx_sentence *st, int *civ)
{
    *civ = 0;
    for (size_t t = 0; t < st->ntoll; t++)
        if (st->toll[t].killed || st->toll[t].victims[0]) {
            if (st->toll[t].civilians == 1)
                *civ = 1;
            if (st->toll[t].victims[0])
                return st->toll[t].victims;
        }
    return "";
}

static void set_type(const tx_sentence *st, fm_text_incident *inc)
{
    int civ;
    const char *vict = victims_of(st, &civ);
    const char *perp = st->responsible[0] ? st->responsible : st->perp;
    if (st->event && (!inc->event_type[0] || inc->type_conf < 0.5 + st->event->weight / 20.0)) {
        snprintf(inc->event_type, sizeof inc->event_type, "%s", st->event->v1);
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "%s", st->event->v2);
        inc->type_conf = 0.5 + st->event->weight / 20.0;
    } else if (!inc->event_type[0] && st->ntoll) {
        snprintf(inc->event_type, sizeof inc->event_type, "%s",
                 civ ? "Violence against civilians" : "Battles");
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "%s",
                 civ ? "Attack" : "Armed clash");
        inc->type_conf = 0.3;
    }
    if (!strcmp(inc->event_type, "Violence against civilians") && vict[0] && !civ &&
        strncmp(vict, "Civilians", 9)) {
        /* an attack on soldiers or police is a battle in ACLED's terms */
        snprintf(inc->event_type, sizeof inc->event_type, "Battles");
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "Armed clash");
    }
    if (perp && (!inc->actor1[0] || (st->responsible[0] &&
                                      !strncmp(inc->actor1, "Unidentified", 12)))) {
        snprintf(inc->actor1, sizeof inc->actor1, "%s", perp);
        inc->actor_conf = st->responsible[0] ? 0.8 : 0.5;
    }
    if (vict[0] && !inc->actor2[0] && (!perp || strcmp(vict, perp))) {
        if (!strcmp(vict, "Civilians"))
            snprintf(inc->actor2, sizeof inc->actor2, "Civilians (%s)",
                     inc->country[0] ? inc->country : st->country_af ? "Afghanistan"
                                                                     : "Pakistan");
        else
            snprintf(inc->actor2, sizeof inc->actor2, "%s", vict);
    }
}

/* ---- assembly ------------------------------------------------------------- */

typedef struct {
    fm_text_incident *v;
    size_t n, cap;
} inc_list;

static fm_text_incident *new_incident(fm_ctx *ctx, inc_list *l)
{
    fm_text_incident *inc;
    if (fm_grow(ctx, (void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        return NULL;
    inc = &l->v[l->n++];
    memset(inc, 0, sizeof *inc);
    inc->date_start = inc->date_end = FM_DAY_NONE;
    inc->killed = inc->killed_lo = inc->killed_hi = inc->injured = -1;
    inc->lon = inc->lat = NAN;
    return inc;
}

static int has_killed_toll(const tx_sentence *st)
{
    for (size_t t = 0; t < st->ntoll; t++)
        if (!st->toll[t].breakdown)
            return 1;
    return 0;
}

/* Whether st gives a toll of its own, not only a party's figure named as
 * such ("UNDSS uses the political administration's figure of 64"), which
 * is an attack told before. */
static int has_own_toll(const tx_sentence *st)
{
    for (size_t t = 0; t < st->ntoll; t++)
        if (!st->toll[t].breakdown && !st->toll[t].owned)
            return 1;
    return 0;
}

/* "WHEREAS on the 10th December, 2004, a bomb ... exploded": a day the
 * sentence tells the event on (after "on"), not one naming a past event
 * ("the 8 August 2016 bombing"). */
static int told_on(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    if (after_word(text, st, d, "on the ") || after_word(text, st, d, "on "))
        return 1;
    {
        /* a timeline's entry, "* 25 January 2015 – Air strikes ... killed 35
         * militants": its day heads the line (after a bullet), a dash or a
         * colon after it */
        size_t at = st->start + d->off, b = at, e = at + d->len;
        while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '*' || text[b - 1] == '-' ||
                         text[b - 1] == '\t'))
            b--;
        if (!(b == 0 || text[b - 1] == '\n'))
            return 0;
        while (text[e] == ' ')
            e++;
        return text[e] == ':' || text[e] == '-' ||
               !strncmp(text + e, "\xE2\x80\x93", 3) || !strncmp(text + e, "\xE2\x80\x94", 3);
    }
}

/* An incident dated more than this many days before the document is told as
 * background, not reported: a report is about the year before it at most. */
#define OLD_DAYS 366

/* d moved to the year that puts it nearest to the day near, into *out
 * (d itself when that is its own year). */
static const fm_text_date *nearest_year(const fm_text_date *d, const fm_text_date *near,
                                        fm_text_date *out)
{
    int y, m, dd, ny, nm, nd, best = 0;
    long gap = -1;
    fm_day_to_ymd(d->start, &y, &m, &dd);
    fm_day_to_ymd(near->start, &ny, &nm, &nd);
    for (int k = ny - 1; k <= ny + 1; k++) {
        long g = labs((long)fm_day_from_ymd(k, m, dd) - (long)near->start);
        if (gap < 0 || g < gap)
            gap = g, best = k;
    }
    if (best == y)
        return d;
    *out = *d;
    out->start = fm_day_from_ymd(best, m, dd);
    out->end = out->start + (d->end - d->start);
    return out;
}

/* Whether the sentence starts an incident of its own. */
static int starts_incident(const tx_sentence *st, const fm_text_place *p, const fm_text_date *d,
                           int context_date, const fm_text_date *ref, const fm_span *years,
                           int narrated)
{
    int toll = has_own_toll(st), vague = 0;
    for (size_t t = 0; t < st->ntoll; t++)
        if (!st->toll[t].breakdown && st->toll[t].c.vague)
            vague = 1; /* "dozens", "hundreds", "thousands" */
    if (vague && !(d && d->precision <= 2))
        return 0;
    if (st->ignore >= 2)
        return 0;
    if (st->ignore == 1 && !toll)
        return 0;
    if (st->aggregate && !(d && d->precision <= 2 && st->aggregate != 3))
        return 0;
    if (st->old_year && (!d || st->ignore))
        return 0; /* "the 2014 Peshawar school massacre"; a court's sentence on Tuesday
                   * for "the 2013 bombing ... which killed over 90" */
    if (d && ref->start != FM_DAY_NONE && d->end < ref->start - OLD_DAYS &&
        !(years->end && d->start >= (fm_day)years->start && d->end <= (fm_day)years->end) &&
        !(narrated && toll && d->precision == 1 && d->has_year && !d->relative))
        return 0; /* "the 8 August 2016 bombing", told in a 2021 brief: history (not
                   * in a chapter titled "... February-March 2008", drafted in 2009,
                   * nor an old attack narrated with its day and toll: "WHEREAS on
                   * the 10th December, 2004, a bomb ... killing eleven") */
    if (toll)
        return (d || (p && context_date)) && (st->event != NULL || p != NULL);
    return st->event && st->event->weight >= 3 && p && d && d->precision <= 2;
}

/* Whether two accounts share a party that gave a figure, or one gives the
 * other's toll as a claim. */
static int same_claim_party(const fm_text_incident *a, const fm_text_incident *b)
{
    /* two parties' accounts of one attack ("the mujahideen killed 17";
     * "the ISPR said four soldiers embraced shahadat"): no party in common
     * on the same day, or the same figure from each party both give */
    if (a->nclaims && b->nclaims) {
        int common = 0, agree = 1;
        for (size_t i = 0; i < a->nclaims; i++)
            for (size_t j = 0; j < b->nclaims; j++)
                if (!strcmp(a->claims[i].party, b->claims[j].party)) {
                    common = 1;
                    agree &= a->claims[i].killed == b->claims[j].killed;
                }
        if ((!common && a->date_start == b->date_start) || (common && agree))
            return 1;
    }
    for (size_t i = 0; i < a->nclaims; i++) {
        if (a->claims[i].killed == b->killed)
            return 1;
        for (size_t j = 0; j < b->nclaims; j++)
            if (!strcmp(a->claims[i].party, b->claims[j].party) ||
                a->claims[i].killed == b->claims[j].killed)
                return 1;
    }
    for (size_t j = 0; j < b->nclaims; j++)
        if (b->claims[j].killed == a->killed)
            return 1;
    /* the document's account, then a party's own ("TTP claims ... 25 were
     * killed") of the same place and day */
    if (!a->nclaims && b->nclaims == 1 && b->claims[0].killed == b->killed &&
        a->date_start == b->date_start)
        return 1;
    return 0;
}

/* Same incident told twice in the document: same place, dates a day apart,
 * figures that agree. */
/* A figure that only sets a floor ("dozens", "at least 24") under another
 * account's: the lead before the body's exact toll. */
static int floor_under(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->killed_hi < 0 && a->killed_lo == a->killed && b->killed_hi >= 0 &&
           b->killed >= a->killed;
}

/* A date of one day, or the dateline's "that day or the day before". */
static int near_day(const fm_text_incident *a)
{
    return a->date_precision <= 2 && a->date_end - a->date_start <= 1;
}

/* b is told at the district a lies in, or at the district's seat named like
 * it ("Shergarh, PS Takht Bhai, Mardan" in a table; "Note 2: ... revised to
 * 35" placed at Mardan). */
static int within_district(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->admin2[0] && !strcmp(b->place_name, a->admin2) && !strcmp(a->admin2, b->admin2) &&
           strcmp(a->place_name, b->place_name); /* (or its seat, named like it) */
}

/* Whether a party claims in both accounts. */
static int party_in_both(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (!strcasecmp(a->claims[i].party, b->claims[k].party))
                return 1;
    return 0;
}

/* Whether one party gives the same killed figure in both accounts. */
static int same_party_figure(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (a->claims[i].killed >= 0 && a->claims[i].killed == b->claims[k].killed &&
                !strcasecmp(a->claims[i].party, b->claims[k].party))
                return 1;
    return 0;
}

/* Whether a's toll is one of its parties' figures: an account told only
 * as a claim, not a toll of the document's own beside the claims ("seven
 * died in Kuza Drushkela ...; residents put the number at twelve"). */
static int toll_is_claim(const fm_text_incident *a)
{
    for (size_t i = 0; i < a->nclaims; i++)
        if (a->claims[i].killed == a->killed)
            return 1;
    return 0;
}

/* "Jamrud: seven killed" over its story, "gunmen fired on a vehicle in
 * Shah Kas, Jamrud; seven civilians were killed": the same toll, within a
 * few paragraphs, on overlapping days, at places 25 km apart or less. */
static int headline_story(const fm_text_incident *a, const fm_text_incident *b)
{
    if (a->killed <= 0 || a->killed != b->killed || b->para > a->para + 3 ||
        a->date_start == FM_DAY_NONE || b->date_start == FM_DAY_NONE ||
        a->date_start > b->date_end || b->date_start > a->date_end ||
        a->geo_precision < 1 || b->geo_precision < 1 || a->geo_precision > 3 ||
        b->geo_precision > 3 || (a->date_precision != 1 && b->date_precision != 1))
        return 0;
    return tx_metres_apart(a->lat, a->lon, b->lat, b->lon) <= 25000.0;
}

/* a is placed at a province only, and b lies in that province. */
static int province_holds(const fm_text_incident *a, const fm_text_incident *b)
{
    return !a->admin2[0] && a->admin1[0] && !strcmp(a->place_name, a->admin1) &&
           !strcmp(a->admin1, b->admin1) && b->admin2[0];
}

/* Whether a party claims in both accounts with different figures: two
 * attacks, each with the party's own count. */
static int parties_differ(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t i = 0; i < a->nclaims; i++)
        for (size_t k = 0; k < b->nclaims; k++)
            if (!strcasecmp(a->claims[i].party, b->claims[k].party) &&
                a->claims[i].killed != b->claims[k].killed)
                return 1;
    return 0;
}

static int same_incident(const fm_text_incident *a, const fm_text_incident *b)
{
    if (!a->place_name[0])
        return 0;
    if (!b->place_name[0] && b->place_text[0] && !strcasecmp(b->place_text, a->place_name) &&
        b->killed > 0 && a->killed == b->killed && a->date_start != FM_DAY_NONE &&
        b->date_start != FM_DAY_NONE && (long)b->date_start >= (long)a->date_start - 1 &&
        (long)b->date_start <= (long)a->date_end + 2)
        return 1; /* "The four Baloch youths killed in Chattar were not members of our
                   * organisation", two days after "Four alleged militants ... were shot
                   * dead ... in the Chattar area of Nasirabad district": the name the
                   * second account could not place alone is the first's place */
    if (!b->place_name[0])
        /* "that was the 20th, 12 dead": told again without its place */
        return b->killed > 0 && a->killed == b->killed && a->date_precision == 1 &&
               b->date_precision == 1 && a->date_start == b->date_start;
    if (strcmp(a->place_name, b->place_name) && headline_story(a, b))
        return 1;
    if (strcmp(a->place_name, b->place_name))
        return a->date_precision == 1 && b->date_precision == 1 &&
               a->date_start == b->date_start &&
               (((province_holds(a, b) || province_holds(b, a)) && a->killed > 0 &&
                 a->killed == b->killed) || /* the same toll the same day, told once at
                                             * its town and once at its province (a
                                             * bilingual notice's Urdu paragraph) */
               (((within_district(a, b) || within_district(b, a)) && a->killed >= 0 &&
                 a->killed == b->killed) || /* the same toll the same day */
                (a->admin2[0] && !strcmp(a->admin2, b->admin2) &&
                 (toll_is_claim(a) || toll_is_claim(b)) && !parties_differ(a, b) &&
                 a->killed >= 0 && b->killed >= 0)));
               /* (or the same fighting told once as a party's claim: "in Tirah the
                * Lashkar claimed thirty on the eleventh", "ISPR's figure for the
                * Sipah fighting on the eleventh is eighteen") */
    if (a->date_start == FM_DAY_NONE || b->date_start == FM_DAY_NONE || !near_day(a) ||
        !near_day(b) || (long)a->date_start > (long)b->date_end + 1 ||
        (long)b->date_start > (long)a->date_end + 1)
        return 0;
    if (a->nclaims > 0 && b->nclaims > 0 && !party_in_both(a, b) && a->killed >= 0 &&
        b->killed >= 0 && (a->date_precision == 1 || b->date_precision == 1) &&
        a->date_start <= b->date_end && b->date_start <= a->date_end)
        return 1; /* one party's figure for the place and day, another's for "last
                   * night" there: two accounts of one attack */
    if (same_party_figure(a, b) && a->date_start <= b->date_end && b->date_start <= a->date_end)
        return 1; /* the FC's ten at Kohlu on the 13th, and a statement of the 14th
                   * that answers them: one fight, told twice */
    if ((a->date_precision > 1 || b->date_precision > 1) && !floor_under(a, b) &&
        !floor_under(b, a))
        return 0; /* a dateline's vague day joins only a lead it completes */
    if (a->killed < 0 || b->killed < 0 || a->killed == b->killed)
        return a->date_precision == 1 && b->date_precision == 1;
    if (floor_under(a, b) || floor_under(b, a))
        return 1;
    /* the same attack told again through a party's claim ("Ormara ambush
     * (15 Oct): BRAS said 20, the ISPR 14"): its figures are claims of it */
    return (a->nclaims > 0 || b->nclaims > 0) && same_claim_party(a, b);
}

/* Whether every party b quotes is already quoted in a. */
static int same_parties(const fm_text_incident *a, const fm_text_incident *b)
{
    for (size_t k = 0; k < b->nclaims; k++) {
        size_t j;
        for (j = 0; j < a->nclaims && strcmp(a->claims[j].party, b->claims[k].party); j++)
            ;
        if (j == a->nclaims)
            return 0;
    }
    return b->nclaims > 0;
}

/* Folds b, told later in the text, into a. newest_first: the text runs
 * newest first (a thread of replies, a live blog), so b is the older word. */
/* Whether inc's toll is only an armed group's claim ("two companions
 * embraced martyrdom", in a statement of the BRA). */
static int toll_by_group(const fm_lexicon *lx, const fm_text_incident *inc)
{
    int any = 0;
    for (size_t i = 0; i < inc->nclaims; i++)
        if (inc->claims[i].killed == inc->killed) {
            if (!armed_group(lx, inc->claims[i].party))
                return 0;
            any = 1;
        }
    return any;
}

static void merge_into(const fm_lexicon *lx, fm_text_incident *a, const fm_text_incident *b,
                       int newest_first)
{
    /* an older message's figure from a party the newer one quotes again
     * ("police now say the toll is 10" above "police say at least 8") is
     * superseded, not a competing account */
    int older_word = newest_first && same_parties(a, b) && a->killed >= 0;
    if (within_district(b, a) || province_holds(a, b) ||
        (b->geo_precision > 0 && b->geo_precision < a->geo_precision && a->admin2[0] &&
         !strcmp(a->admin2, b->admin2) && strcmp(b->place_name, a->admin2))) {
        /* the village, not its district or valley (not the district's town
         * named like it: "the mountains of Kohlu" after "the Sangan area of
         * Kohlu district" is the district) */
        memcpy(a->place_text, b->place_text, sizeof a->place_text);
        memcpy(a->place_name, b->place_name, sizeof a->place_name);
        memcpy(a->admin1, b->admin1, sizeof a->admin1);
        memcpy(a->admin2, b->admin2, sizeof a->admin2);
        memcpy(a->country, b->country, sizeof a->country);
        a->lon = b->lon, a->lat = b->lat, a->geo_precision = b->geo_precision;
        a->place_conf = b->place_conf, a->place_ev = b->place_ev;
    }
    if (older_word)
        ; /* a's figures stand */
    else if (floor_under(a, b) && !b->nclaims) {
        /* the lead's "dozens", the body's 43: the exact toll */
        a->killed = b->killed, a->killed_lo = b->killed_lo, a->killed_hi = b->killed_hi;
        a->killed_conf = b->killed_conf, a->killed_ev = b->killed_ev;
    }
    if (b->date_precision < a->date_precision ||
        (newest_first && b->date_precision == a->date_precision &&
         b->date_conf >= a->date_conf && b->date_start < a->date_start)) {
        /* (newest first, the older entry first told it, closer to its day) */
        a->date_start = b->date_start, a->date_end = b->date_end;
        a->date_precision = b->date_precision, a->date_conf = b->date_conf;
        a->date_ev = b->date_ev;
    }
    if (older_word)
        ;
    else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed &&
        a->killed_own != b->killed_own) {
        /* a party's figure the document adopted against the other accounts */
        long hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1
                  : a->killed_hi > b->killed_hi ? a->killed_hi : b->killed_hi;
        long other = a->killed_own ? b->killed : a->killed;
        if (b->killed_own) {
            a->killed = a->killed_lo = b->killed;
            a->killed_ev = b->killed_ev, a->killed_conf = b->killed_conf, a->killed_own = 1;
        }
        a->killed_hi = hi >= 0 && hi < other ? other : hi;
        if (a->killed_hi >= 0 && a->killed_hi < a->killed)
            a->killed_hi = a->killed;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims &&
        !a->nclaims) {
        /* the text's own figure against a party's: the text's is the toll */
        if (b->killed_hi < 0 || b->killed_hi > a->killed_hi)
            a->killed_hi = b->killed_hi < 0 ? -1 : b->killed_hi;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && a->nclaims &&
               !b->nclaims) {
        a->killed = a->killed_lo = b->killed;
        a->killed_ev = b->killed_ev;
        a->killed_conf = b->killed_conf;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims &&
               toll_by_group(lx, a) != toll_by_group(lx, b)) {
        /* an armed group's claim against another party's figure: the
         * other's is the toll (as settle_figures has it within one
         * account), the range runs to both */
        long lo = a->killed < b->killed ? a->killed : b->killed;
        long hi = a->killed > b->killed ? a->killed : b->killed;
        if (toll_by_group(lx, a)) {
            a->killed = b->killed;
            a->killed_ev = b->killed_ev;
            a->killed_conf = b->killed_conf;
        }
        a->killed_lo = lo;
        a->killed_hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1 : hi;
    } else if (a->killed >= 0 && b->killed >= 0 && a->killed != b->killed && b->nclaims) {
        /* competing accounts: the lowest is the toll, the range runs to the
         * highest (as settle_figures does within one account) */
        long lo = a->killed < b->killed ? a->killed : b->killed;
        long hi = a->killed_hi < 0 || b->killed_hi < 0 ? -1
                  : a->killed_hi > b->killed_hi ? a->killed_hi : b->killed_hi;
        if (b->killed < a->killed)
            a->killed_ev = b->killed_ev;
        a->killed = a->killed_lo = lo;
        a->killed_hi = hi >= 0 && hi < lo ? lo : hi;
        a->killed_conf = 0.6;
    }
    if (a->killed < 0 && b->killed >= 0) {
        a->killed = b->killed;
        a->killed_lo = b->killed_lo;
        a->killed_hi = b->killed_hi;
        a->killed_conf = b->killed_conf;
        a->killed_ev = b->killed_ev;
    }
    if (a->injured < 0 && b->injured >= 0)
        a->injured = b->injured, a->injured_conf = b->injured_conf, a->injured_ev = b->injured_ev;
    for (size_t k = 0; k < b->nclaims && a->nclaims < FM_EXTRACT_MAX_CLAIMS; k++) {
        size_t j;
        for (j = 0; j < a->nclaims && strcmp(a->claims[j].party, b->claims[k].party); j++)
            ;
        if (j == a->nclaims)
            a->claims[a->nclaims++] = b->claims[k];
    }
    if (!a->actor1[0])
        memcpy(a->actor1, b->actor1, sizeof a->actor1);
    if (!a->actor2[0])
        memcpy(a->actor2, b->actor2, sizeof a->actor2);
    if (b->type_conf > a->type_conf) {
        memcpy(a->event_type, b->event_type, sizeof a->event_type);
        memcpy(a->sub_event_type, b->sub_event_type, sizeof a->sub_event_type);
        a->type_conf = b->type_conf;
    }
}

/* In a log kept newest first, two entries on the same place and day with
 * different figures are updates of one incident: the first is the newest. */
static int same_entry(const fm_text_incident *a, const fm_text_incident *b)
{
    return a->place_name[0] && !strcmp(a->place_name, b->place_name) &&
           near_day(a) && a->date_start == b->date_start && a->date_end == b->date_end &&
           a->killed >= 0 && b->killed >= 0 && !a->nclaims && !b->nclaims;
}

/* "hundreds of tribesmen protested in Miranshah", "the highway was closed
 * by a protest": a peaceful protest told with no dead, hurt or claim is
 * not the kind of incident extract is for (violence), and goes. */
static void drop_quiet_protests(inc_list *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!(l->v[i].killed < 0 && l->v[i].injured < 0 && !l->v[i].nclaims &&
              !strcmp(l->v[i].sub_event_type, "Peaceful protest")))
            l->v[w++] = l->v[i];
    l->n = w;
}

static void dedupe(const fm_lexicon *lx, inc_list *l, int newest_first)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        size_t k;
        for (k = 0; k < w; k++)
            if (same_incident(&l->v[k], &l->v[i]) ||
                (newest_first && same_entry(&l->v[k], &l->v[i])))
                break;
        if (k < w)
            merge_into(lx, &l->v[k], &l->v[i], newest_first);
        else
            l->v[w++] = l->v[i];
    }
    l->n = w;
}

typedef struct {
    fm_ctx *ctx;
    const fm_extract_opts *opt;
    const fm_doc *doc;
    fm_text_date ref;
    inc_list out;
    toll_set *tolls; /* one per incident of out */
    char author[64];  /* a statement's author: its figures are its claims */
    char adopt[64];   /* a party whose figure the document took as its own, not yet
                       * found among the incidents' claims, or "" */
    size_t adopt_para;
    size_t tolls_cap;
    /* the paragraph so far */
    size_t para;
    fm_text_incident *cur; /* index-stable only until the next new_incident */
    size_t cur_i;
    int has_cur;
    fm_text_date para_date;
    int has_para_date;
    tx_sentence para_place_st; /* the sentence that named the paragraph's place */
    const fm_text_place *para_place;
    int field_place; /* para_place is a record's "Location:" field: 1 + its kind rank */
    int field_day;   /* para_date is a record's "Date of incident:" field */
    int in_notes;    /* under a "Footnotes" or "References" heading: sources cited */
    int para_heads;  /* para_date is a sentence's that told nothing but a place and
                      * a day ("3.4 Akakhel, 27 July 2012."): what follows is of it */
    int para_attack; /* the paragraph tells an attack on a gathering, its toll to come */
    fm_text_place para_area; /* the district the paragraph named last */
    int has_para_area;
    /* the date of the paragraph before, for a story that goes on without a
     * place or date of its own ("What happened began shortly after 3am") */
    fm_text_date prev_date;
    int has_prev_date;
    /* where the story was filed ("CHARSADDA:"), the place of its lead
     * paragraphs when they name no other */
    tx_sentence dl_place_st;
    const fm_text_place *dl_place;
    size_t ref_para; /* the paragraph of the dateline */
    /* what the heading of the current section names ("2.1 Datta Khel, 3
     * September 2010", "### 3.1 Balochistan") */
    tx_sentence list_place_st; /* a list's lead ("... in Quetta, namely:") */
    const fm_text_place *list_place; /* the place its items are in, or NULL */
    tx_sentence sec_place_st;
    const fm_text_place *sec_place;
    fm_text_date sec_date;
    int has_sec_date;
    /* a log kept newest first ("### Thursday 26 July", then "### Wednesday 25
     * July"): its earlier entries are the later word on an incident */
    fm_day last_sec_day;
    size_t sec_para; /* the paragraph of the last section heading, 0 before one */
    int sec_days, sec_down, sec_up;
    int last_clock; /* the minute of the last timed update's heading, -1 before one */
    size_t clock_para; /* the paragraph of the timed heading that went back to the
                        * headline's story, 0 if the last did not */
    /* the one district the document's title and head name, if one */
    const fm_place *doc_area;
    int doc_areas;
    int turns; /* speakers' labels seen: each turn is a paragraph */
    fm_span title_years; /* the days of the years the title names ({0, 0} none) */
    /* the point the current paragraph gives ("(coordinates: 26.016, 63.889)"
     * closing a map mark's text): its one incident is there */
    size_t coord_para;
    int has_coord;
    double coord_lat, coord_lon;
} assembler;

/* The years the document's title (its first paragraph, up to 300 bytes)
 * names, as a span of days: a chapter on "February-March 2008" drafted in
 * 2009 tells its own period, not history. */
/* Widens out, a span of whole years ({0, 0}: none yet), to hold year y. */
static void years_include(fm_span *out, int y)
{
    size_t ys = (size_t)fm_day_from_ymd(y, 1, 1), ye = (size_t)fm_day_from_ymd(y, 12, 31);
    if (!out->end) {
        out->start = ys;
        out->end = ye;
        return;
    }
    if (ys < out->start)
        out->start = ys;
    if (ye > out->end)
        out->end = ye;
}

static void title_years(const char *text, size_t len, fm_span *out)
{
    size_t i = 0, n = len < 300 ? len : 300;
    out->start = out->end = 0;
    while (i < n && (text[i] == '\n' || text[i] == ' '))
        i++;
    for (; i + 4 <= n && !(text[i] == '\n' && i + 1 < n && text[i + 1] == '\n'); i++) {
        int y;
        if ((i > 0 && isalnum((unsigned char)text[i - 1])) || (i + 4 < n && isalnum((unsigned char)text[i + 4])))
            continue;
        if (!isdigit((unsigned char)text[i]) || !isdigit((unsigned char)text[i + 1]) ||
            !isdigit((unsigned char)text[i + 2]) || !isdigit((unsigned char)text[i + 3]))
            continue;
        y = atoi(text + i);
        if (y < 1979 || y > 2099)
            continue;
        years_include(out, y);
    }
}

static void fallback_date(assembler *a, fm_text_incident *inc, int placed)
{
    if (a->has_para_date) {
        set_date(inc, &a->para_date, 0, 0.5);
        inc->date_ev.start = inc->date_ev.end = 0;
        return;
    }
    if (a->has_prev_date && !placed) {
        set_date(inc, &a->prev_date, 0, 0.4);
        inc->date_ev.start = inc->date_ev.end = 0;
        return;
    }
    if (a->has_sec_date) {
        set_date(inc, &a->sec_date, 0, 0.5);
        inc->date_ev.start = inc->date_ev.end = 0;
        return;
    }
    if (a->ref.start != FM_DAY_NONE) {
        inc->date_end = a->ref.end;
        inc->date_start = a->ref.precision == 1 ? a->ref.start - 1 : a->ref.start;
        inc->date_precision = a->ref.precision == 1 ? 2 : 3;
        inc->date_conf = 0.3;
        inc->date_ev.start = a->ref.off;
        inc->date_ev.end = a->ref.off + a->ref.len;
    }
}

/* The author of a statement ("Statement of the Tehreek-e-Taliban Pakistan",
 * "ISPR press release", "No PR-214/2025-ISPR"), from its first lines: what
 * the statement says is that party's claim, not a reporter's account. */
static void author_of(const fm_lexicon *lx, const char *text, size_t len, char *out, size_t cap)
{
    size_t n = len < 400 ? len : 400, l;
    int statement = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        if (fm_tx_word_at(text, n, i, "statement") || fm_tx_word_at(text, n, i, "press release") ||
            fm_tx_word_at(text, n, i, "communique") || fm_tx_word_at(text, n, i, "claim of responsibility"))
            statement = 1;
    for (size_t i = 0; i < n; i++) {
        const fm_lex_entry *p;
        if (i > 0 && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + i, n - i, &l)) &&
            (statement || !strcmp(p->v1, "ISPR")) && isupper((unsigned char)text[i])) {
            if (!statement && !(i > 3 && text[i - 1] == '-'))
                continue; /* ISPR's numbered releases end "-ISPR" */
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return;
        }
    }
}

/* The end of a quoted statement ("--- END TRANSLATION ---", "End of
 * statement"). */
static int statement_ends(const char *text, size_t start, size_t end)
{
    static const char *const cues[] = {"end translation", "end of translation",
                                       "end of statement", "end of the statement",
                                       "end statement", "end of text", "translation ends",
                                       "statement ends", NULL};
    for (size_t i = start; i < end; i++)
        for (size_t k = 0; cues[k]; k++)
            if (fm_tx_word_at(text, end, i, cues[k]))
                return 1;
    return 0;
}

/* "TEHRIK-E-TALIBAN PAKISTAN - CENTRAL MEDIA OFFICE (UMAR MEDIA)": the rest
 * of a heading that names a party says the party's media office speaks. */
static int media_office(const char *text, size_t from, size_t e)
{
    for (size_t i = from; i < e; i++)
        if (fm_tx_word_at(text, e, i, "media office") || fm_tx_word_at(text, e, i, "media wing") ||
            fm_tx_word_at(text, e, i, "media cell") || fm_tx_word_at(text, e, i, "central media") ||
            fm_tx_word_at(text, e, i, "spokesman") || fm_tx_word_at(text, e, i, "communique"))
            return 1;
    return 0;
}

/* A compiled file's parts ("PART 2. ISPR PRESS RELEASES AND RESPONSE",
 * "PART 3. DESK NOTE"): a part whose heading names a party that issues
 * statements is that party's; any other part is no longer the statement
 * before it. Headings inside a statement that name no part keep its author. */
/* Whether the heading st titles a statement ("Statement of the BLA",
 * "Press release by the ISPR"). */
static int statement_title(const char *text, size_t lo, size_t end)
{
    static const char *const titles[] = {"statement of", "statement by", "statement from",
                                         "press release of", "press release by", NULL};
    for (size_t k = 0; titles[k]; k++)
        if (fm_tx_word_at(text, end, lo, titles[k]))
            return 1;
    return 0;
}

static int statement_heading(const char *text, const tx_sentence *st)
{
    return statement_title(text, st->start, st->end);
}

static void section_author(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                           char *out, size_t cap)
{
    size_t l, e = lo;
    int part;
    while (e < len && text[e] != '\n')
        e++;
    if (e > lo + 2 && strchr("-*+", text[lo]) && text[lo + 1] == ' ')
        return; /* "- BLF statement: ...": a list's item quotes a statement; it
                 * does not head the rest of the text */
    part = fm_tx_word_at(text, e, lo, "part") || fm_tx_word_at(text, e, lo, "annex");
    if ((e - lo > 120 && !(part && e - lo <= 320)) ||
        (e > lo && strchr(".!?\"", text[e - 1]) && !part))
        return; /* a heading is a short line of its own with no end stop (a
                 * part's may run on, and end with its title's stop) */
    part = fm_tx_word_at(text, e, lo, "part") || fm_tx_word_at(text, e, lo, "section") ||
           fm_tx_word_at(text, e, lo, "annex") || fm_tx_word_at(text, e, lo, "appendix");
    /* "Statement of the BLA (translated from Urdu), 14 February" */
    int titled = statement_title(text, lo, e);
    for (size_t i = lo; i < e; i++) {
        const fm_lex_entry *p;
        if (i > lo && fm_tx_is_word_char((unsigned char)text[i - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + i, e - i, &l)) &&
            isupper((unsigned char)text[i]) &&
            (part || titled || fm_tx_word_at(text, e, i + l + 1, "statement") ||
             fm_tx_word_at(text, e, i + l + 1, "press release") || media_office(text, i + l, e))) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return;
        }
    }
    if (part)
        out[0] = '\0';
}

/* "↪ Forwarded from ISPR Official (@ISPR_official_pk), message #1184": a
 * channel's forwarded post; its source is the post's author (the party a
 * lexicon knows in its name, else the name as written). 0 when the line at
 * lo is not one. */
static int forwarded_from(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                          char *out, size_t cap)
{
    size_t i = lo, e, l;
    if (i + 3 <= len && !memcmp(text + i, "\xE2\x86\xAA", 3))
        i = fm_tx_skip_space(text, len, i + 3);
    if (!fm_tx_word_at(text, len, i, "forwarded from"))
        return 0;
    i = fm_tx_skip_space(text, len, i + 14);
    for (e = i; e < len && e - i < 48 && !strchr("(,\n[|", text[e]); e++)
        ;
    while (e > i && text[e - 1] == ' ')
        e--;
    if (e == i)
        return 0;
    for (size_t k = i; k < e; k++) {
        const fm_lex_entry *p;
        if (k > i && fm_tx_is_word_char((unsigned char)text[k - 1]))
            continue;
        if ((p = fm_lexicon_match(lx, FM_LEX_PARTY, text + k, e - k, &l)) != NULL &&
            isupper((unsigned char)text[k])) {
            snprintf(out, cap, "%s", p->v1[0] ? p->v1 : p->phrase);
            return 1;
        }
    }
    snprintf(out, cap, "%.*s", (int)(e - i), text + i);
    return 1;
}

/* "Separately, ...", "In another attack, ...": a new incident begins. */
static int new_story(const char *text, const tx_sentence *st)
{
    static const char *const cues[] = {"separately", "in another", "in a separate",
                                       "elsewhere", "in a similar", "earlier", "also on",
                                       "meanwhile", NULL};
    for (size_t k = 0; cues[k]; k++)
        if (fm_tx_word_at(text, st->end, st->start, cues[k]))
            return 1;
    return 0;
}

/* Whether a new incident is the current one told again: the same place (or
 * none of its own) and dates that overlap or touch, in the same or the next
 * paragraph. */
static int told_again(const fm_text_incident *cur, const fm_text_incident *inc, int cur_toll)
{
    if (inc->para > cur->para + 1)
        return 0;
    if (inc->place_name[0] && strcmp(inc->place_name, cur->place_name) &&
        (cur_toll || !cur->admin2[0] || strcmp(inc->admin2, cur->admin2)))
        return 0; /* (an attack told without a toll, "in the Thall area of Hangu
                   * district", then "Police in Hangu said six were killed":
                   * the same district tells the same attack) */
    if (!inc->place_name[0] && inc->place_text[0])
        return 0;
    if (inc->date_start == FM_DAY_NONE || cur->date_start == FM_DAY_NONE)
        return 0;
    return inc->date_start <= cur->date_end && cur->date_start <= inc->date_end &&
           inc->date_conf >= 0.5;
}

/* Whether the line at i opens a list's item: "(iv)", "(b)", "2)", "- ",
 * "* ", "iii." after its indent. */
static int list_item(const char *text, size_t i)
{
    size_t k = i;
    while (k > 0 && text[k - 1] != '\n')
        k--;
    while (text[k] == ' ' || text[k] == '\t')
        k++;
    if ((text[k] == '-' || text[k] == '*') && text[k + 1] == ' ')
        return 1;
    {
        size_t e = k + (text[k] == '(');
        size_t b = e;
        while (isalnum((unsigned char)text[e]) && e - b < 5)
            e++;
        return e > b && (text[e] == ')' || (text[e] == '.' && text[e + 1] == ' '));
    }
}

/* Whether st is a list's lead: it ends with a colon. */
static int lead_of_list(const char *text, const tx_sentence *st)
{
    size_t e = st->end;
    while (e > st->start && (text[e - 1] == ' ' || text[e - 1] == '\n'))
        e--;
    return e > st->start && text[e - 1] == ':';
}

/* "the same day", "the next day": a date told against the incident before. */
static int same_day_as(assembler *a, const tx_sentence *st, fm_text_incident *inc)
{
    static const struct {
        const char *words;
        int shift;
    } rel[] = {{"the same day", 0},      {"that day", 0},          {"the next day", 1},
               {"the following day", 1}, {"the day before", -1},   {"a day later", 1},
               {"the previous day", -1}, {"two days later", 2},    {"three days later", 3},
               {"four days later", 4},   {"five days later", 5},   {"a week later", 7},
               {"hours later", 0},       {"two days earlier", -2}, {"a day earlier", -1},
               {NULL, 0}};
    const fm_text_incident *prev;
    if (!a->out.n || a->out.n < 2 || (a->has_para_date && a->para_heads))
        return 0; /* ("3.4 Akakhel, 27 July 2012. The next day, ...": the day
                   * the section's opening gives) */
    prev = &a->out.v[a->out.n - 2];
    if (prev->date_start == FM_DAY_NONE || prev->date_precision != 1)
        return 0;
    for (size_t k = 0; rel[k].words; k++)
        for (size_t i = st->start; i < st->end; i++)
            if (fm_tx_word_at(a->doc->text, st->end, i, rel[k].words)) {
                inc->date_start = inc->date_end = prev->date_start + rel[k].shift;
                inc->date_precision = 1;
                inc->date_conf = 0.7;
                inc->date_ev.start = i;
                inc->date_ev.end = i + strlen(rel[k].words);
                return 1;
            }
    return 0;
}

/* Places inc at the mention p of sentence st: in the district the document
 * is about when st names no district of its own and the name is there; else
 * with st's districts and provinces as hints; else (fallback) where the other
 * places st names say. */
static void place_incident(assembler *a, const tx_sentence *st, const fm_text_place *p,
                           fm_text_incident *inc, double conf, int fallback)
{
    int named_area = 0; /* the sentence names a district or province of its own */
    if (tx_resolve_in_area(a->ctx, a->opt, a->doc->text, st, p, a->doc_area, inc, conf))
        return;
    for (size_t i = 0; i < st->nplace; i++)
        named_area |= st->place[i].kind_rank <= 2 && st->place[i].place && !st->place[i].metonym;
    /* else "(2) Lower Dir, Monday 29 August. Our brothers ambushed ... at
     * Rabat": the district the paragraph named is the hint */
    const fm_text_place *area =
        !named_area && p->kind_rank == 3 && a->has_para_area ? &a->para_area : NULL;
    tx_resolve_place(a->ctx, a->opt, a->doc->text, st, p, area, NULL, inc, conf);
    if (!inc->geo_precision && fallback)
        tx_resolve_fallback(a->ctx, a->opt, a->doc->text, st, p, inc, conf);
}

/* Places inc at the point its sentence gives, if it gives one. */
static void place_at_coords(assembler *a, const tx_sentence *st, fm_text_incident *inc)
{
    if (st->has_coord)
        tx_place_at_point(a->opt, st->coord_lat, st->coord_lon, inc);
}

/* The point a paragraph gave places its incident when it told one only (a
 * map mark's, a table row's); called as the paragraph ends. */
static void place_para_at_coords(assembler *a)
{
    fm_text_incident *one = NULL;
    size_t told = 0;
    if (!a->has_coord)
        return;
    for (size_t i = a->out.n; i > 0 && a->out.v[i - 1].para >= a->coord_para; i--)
        if (a->out.v[i - 1].para == a->coord_para)
            one = &a->out.v[i - 1], told++;
    if (told == 1)
        tx_place_at_point(a->opt, a->coord_lat, a->coord_lon, one);
    a->has_coord = 0;
}

/* "the same day", "that same day", "on the same day". */
static int same_day_said(const char *text, const tx_sentence *st)
{
    for (size_t i = st->start; i + 12 <= st->end; i++)
        if (fm_tx_word_at(text, st->end, i, "the same day") ||
            fm_tx_word_at(text, st->end, i, "that same day"))
            return 1;
    return 0;
}

/* Whether d falls within the incident's days ("yesterday security
 * officials said eighteen ...", of yesterday's fighting). */
static int same_days(const fm_text_incident *inc, const fm_text_date *d)
{
    return inc->date_start != FM_DAY_NONE && d->precision == 1 && d->start >= inc->date_start &&
           d->end <= inc->date_end;
}

/* Whether p names only the district the incident lies in ("The Bajaur
 * Political Agent's office told ... that 12 people had been killed", after a
 * strike at Damadola in Bajaur): it goes on with that incident. */
static int area_of(const fm_text_place *p, const fm_text_incident *inc)
{
    return p->place && p->kind_rank == 2 && inc->admin2[0] && inc->geo_precision == 1 &&
           !strcmp(p->place->name, inc->admin2) && strcmp(inc->place_name, inc->admin2);
}

/* Whether p names the incident's own place again ("BLA claims Harnai attack,
 * says 11 soldiers killed", after "four FC personnel were martyred in
 * Harnai"), in a sentence with no day of its own. */
static int place_again(const fm_text_place *p, const fm_text_incident *inc)
{
    return p->place && inc->place_name[0] && !strcmp(p->place->name, inc->place_name);
}

/* "BANNU: Eight people were killed on Friday ...": a brief's own dateline,
 * past the document's head, where a sentence that names no other place
 * happened; or NULL. */
static const fm_text_place *brief_dateline(const assembler *a, const tx_sentence *st)
{
    if (st->para <= a->ref_para + 1 || a->ref_para == (size_t)-1)
        return NULL;
    for (size_t i = 0; i < st->nplace; i++)
        if (st->place[i].dateline && st->place[i].place && st->place[i].off == st->start &&
            st->place[i].place->kind > FM_PLACE_PROVINCE)
            return &st->place[i];
    return NULL;
}

/* Whether heading st opens a list of the sources cited: "Footnotes
 * (extract)", "References", "Endnotes", "Bibliography", "Sources". */
static int notes_heading(const char *text, const tx_sentence *st)
{
    static const char *const names[] = {"footnotes", "references", "endnotes", "bibliography",
                                        "sources", "sources consulted", "works cited",
                                        "reference list", "notes and references", NULL};
    size_t b = st->start;
    while (b < st->end && (text[b] == '#' || text[b] == ' ' || isdigit((unsigned char)text[b]) ||
                           text[b] == '.'))
        b++; /* ("## References", "7. References") */
    for (size_t k = 0; names[k]; k++)
        if (fm_tx_word_at(text, st->end, b, names[k]) && st->end - b < strlen(names[k]) + 16)
            return 1;
    return 0;
}

static void sentence_step(assembler *a, tx_sentence *st)
{
    const fm_text_place *p = tx_pick_place(a->doc->text, st);
    fm_text_date scratch;
    const fm_text_date *d = pick_date(a->doc->text, st, &a->ref, &scratch);
    fm_text_incident *inc;
    fm_text_date that;
    int lead, fresh = 0;
    if (st->heading)
        a->in_notes = notes_heading(a->doc->text, st);
    else if (a->in_notes)
        return; /* "(219) Dawn, Six soldiers killed in Tirah clash, 16 January
                 * 2013, url": a source's headline, not an incident of its own */
    if (a->has_coord && st->para != a->coord_para)
        place_para_at_coords(a);
    if (st->has_coord) {
        a->has_coord = 1;
        a->coord_para = st->para;
        a->coord_lat = st->coord_lat;
        a->coord_lon = st->coord_lon;
    }
    if (st->para != a->para) {
        /* a news story goes on in the next paragraph ("The ISPR said 19
         * militants were also killed"); two paragraphs on, it is told */
        a->para = st->para;
        if (a->has_cur && a->out.v[a->cur_i].para + 1 < st->para &&
            !(a->out.v[a->cur_i].para + 3 >= st->para &&
              (st->correction || st->anaphora || a->turns)) &&
            !(a->sec_para && a->out.v[a->cur_i].para > a->sec_para &&
              a->out.v[a->cur_i].para + 4 >= st->para) &&
            !(a->clock_para && a->clock_para + 3 >= st->para))
            a->has_cur = 0; /* (under a section's heading, its story goes on a few
                             * paragraphs more) */
        a->prev_date = a->para_date;
        a->has_prev_date = a->has_para_date;
        a->has_para_date = 0;
        if (a->list_place && !list_item(a->doc->text, st->start))
            a->list_place = NULL; /* (the list has ended) */
        a->para_place = NULL;
        a->field_place = 0;
        a->field_day = 0;
        a->para_attack = 0;
        a->has_para_area = 0;
    }
    if (d && d->relative && st->start + d->off >= 5 &&
        !strncasecmp(a->doc->text + st->start + d->off - 5, "that ", 5) &&
        (a->has_para_date || a->has_prev_date)) {
        /* "On that Sunday": the day the text has just named ("the July 21
         * attacks"), not the Sunday before the dateline */
        that = a->has_para_date ? a->para_date : a->prev_date;
        that.off = d->off;
        that.len = d->len;
        d = &that;
    }
    if (d && !d->has_year && !d->relative && a->has_para_date && a->para_date.has_year &&
        a->para_date.precision <= 2)
        d = nearest_year(d, &a->para_date, &that); /* "3.4 Akakhel, 27 July 2012. ... 26
                                                     * and 27 July are two incidents" in a
                                                     * paper of 2016: 2012's */
    if (d && d->relative && a->has_para_date && a->para_heads && !st->correction) {
        /* "3.4 Akakhel, 27 July 2012. The next day, in the Akakhel area ...":
         * the day the section's opening gives, not one worked out again
         * from the dateline */
        that = a->para_date;
        that.off = d->off;
        that.len = d->len;
        that.relative = 0;
        d = &that;
    }
    if (d && a->has_para_date && publication_date(a->doc->text, st, d))
        d = NULL; /* "Our circular No. 18 of 08-09-2010" after the blast of 07-09-2010 */
    if (d && a->field_day && st->field != TX_FIELD_DAY && d->start > a->para_date.end &&
        !st->correction) {
        /* "UPDATE 31/01: 18 dead in all" under a form's "Date of incident:
         * 30/01/2010": the record's day, told again later */
        that = a->para_date;
        that.off = d->off;
        that.len = d->len;
        d = &that;
    }
    if (st->label)
        a->turns = 1; /* a transcript: a question and its answers are turns
                       * of one story */
    if (!d && a->has_cur && a->out.v[a->cur_i].date_start != FM_DAY_NONE &&
        a->out.v[a->cur_i].date_precision == 1 && same_day_said(a->doc->text, st)) {
        /* "a bomb in Chaman, on the same day, killed two more": the day of
         * the story just told */
        memset(&that, 0, sizeof that);
        that.start = that.end = a->out.v[a->cur_i].date_start;
        that.precision = 1;
        that.has_year = 1;
        d = &that;
    }
    const fm_text_place *brief = brief_dateline(a, st);
    if (new_story(a->doc->text, st) || brief)
        a->has_cur = 0; /* ("SHABQADAR: Follow-up to our report of November 13.") */
    if (a->has_cur && d && !st->correction && !speech_date(a->doc->text, st, d) &&
        !publication_date(a->doc->text, st, d) &&
        (st->event || has_killed_toll(st) || st->ignore || d->precision < 3)) {
        /* a sentence with a date of its own moves the story on (a month named
         * in one that tells nothing happening, "it is like Kohistan in
         * February", does not) */
        const fm_text_incident *cur = &a->out.v[a->cur_i];
        if (cur->date_start != FM_DAY_NONE &&
            (d->start > cur->date_end || d->end < cur->date_start))
            a->has_cur = 0;
    }
    int spoke = d && speech_date(a->doc->text, st, d);
    if (st->correction && has_killed_toll(st) && !d && p && p->place && st->ignore < 2 &&
        !st->aggregate) {
        /* "This story corrects the death toll in paragraph 3 ... the correct
         * toll for the Timergara bombing is 45": a revision that names the
         * place of an incident told before, however far back */
        size_t k = a->out.n;
        while (k > 0 && strcmp(a->out.v[k - 1].place_name, p->place->name))
            k--;
        if (k > 0 && (!a->has_cur || a->cur_i != k - 1)) {
            add_tolls(st, &a->tolls[k - 1], 1);
            goto remember;
        }
    }
    if (a->has_cur && st->ignore < 2 && !st->aggregate &&
        !(a->para_attack && a->out.v[a->cur_i].para != st->para && !st->correction &&
          !st->anaphora) && /* ("17:40 - A bomber struck a rally at Dringarh, Mastung
                             * district. At least 85 dead.": the paragraph's own place,
                             * not the story before) */
        ((!(p && !area_of(p, &a->out.v[a->cur_i]) &&
             !(place_again(p, &a->out.v[a->cur_i]) && !d)) &&
          (!d || spoke || same_days(&a->out.v[a->cur_i], d)) &&
          (has_killed_toll(st) || st->anaphora || st->correction)) ||
         (st->correction && has_killed_toll(st) && (!d || !p)))) {
        /* (a toll revised "on Tuesday" is dated by the revision, not the attack) */
        /* more about the incident being told */
        inc = &a->out.v[a->cur_i];
        add_tolls(st, &a->tolls[a->cur_i], st->correction);
        set_type(st, inc);
        inc->ev.end = st->end;
        goto remember;
    }
    if (st->para <= a->ref_para + 1 && st->para <= 1)
        for (size_t i = 0; i < st->nplace; i++)
            if (st->place[i].place && st->place[i].kind_rank == 2 && !st->place[i].metonym &&
                st->place[i].place != a->doc_area) {
                /* the head names one district: the document is about it */
                a->doc_area = a->doc_areas++ ? NULL : st->place[i].place;
            }
    for (size_t i = 0; i < st->nplace && !a->dl_place && st->para <= a->ref_para + 1; i++)
        if (st->place[i].dateline && st->place[i].place) {
            a->dl_place_st = *st;
            a->dl_place = &a->dl_place_st.place[i];
        }
    if (p && p->place && !p->hometown && !p->metonym && lead_of_list(a->doc->text, st)) {
        /* "involved in four other cases ... in Quetta, namely:": its items,
         * in the paragraphs that follow, are there unless they say */
        a->list_place_st = *st;
        a->list_place = &a->list_place_st.place[p - st->place];
    }
    if (st->heading && st->para > a->ref_para) {
        /* a new section: what its heading names is its context (not the
         * masthead's "Quetta, 3 March 2025"); a heading that names neither
         * a place nor a day under one that does ("ASI Khial Muhammad, HC
         * Aurangzeb, Constable Shoaib" under "2. KOHAT -- Thursday, 20th
         * January 2011") goes on in its section */
        int sub = !p && (!d || statement_heading(a->doc->text, st)) &&
                  (a->sec_place || a->has_sec_date) && st->para <= a->sec_para + 3;
        /* ("Statement of the BRA, 28 April" under "4. Panjgur district, 27
         * April": the group's answer is about the section's place) */
        if (!sub) {
            a->sec_place = NULL;
            a->has_sec_date = 0;
        }
        a->sec_para = st->para;
        if (p) {
            a->sec_place_st = *st;
            a->sec_place = &a->sec_place_st.place[p - st->place];
        }
        {
            /* "[4/14] 1 Dec 2017 · 12:03": a post's heading with only its date
             * goes on with the story of that day */
            const fm_text_incident *cur = a->has_cur ? &a->out.v[a->cur_i] : NULL;
            if (!(cur && d && !p && cur->date_start != FM_DAY_NONE &&
                  d->start <= cur->date_end && d->end >= cur->date_start))
                a->has_cur = 0;
        }
        if (st->clock >= 0) {
            /* "19:05 — Final official toll": a live blog's update. Its
             * times tell which way it runs, and an update that names no
             * place of its own is about the story of its headline */
            if (a->last_clock >= 0) {
                a->sec_down += st->clock < a->last_clock;
                a->sec_up += st->clock > a->last_clock;
            }
            a->last_clock = st->clock;
            a->clock_para = 0;
            if (!p && !d && a->out.n && a->out.v[0].para <= a->ref_para + 1) {
                a->has_cur = 1;
                a->cur_i = 0;
                a->clock_para = st->para;
            }
        }
        if (d) {
            if (!a->sec_days && a->ref.start != FM_DAY_NONE)
                a->last_sec_day = a->ref.start; /* (from the dateline's heading) */
            if (a->has_sec_date || a->sec_days || a->ref.start != FM_DAY_NONE) {
                /* which way the dated sections run */
                a->sec_down += d->start < a->last_sec_day;
                a->sec_up += d->start > a->last_sec_day;
            }
            a->last_sec_day = d->start;
            a->sec_days++;
            a->sec_date = *d;
            a->has_sec_date = 1;
            if (statement_heading(a->doc->text, st) && d->precision == 1) {
                /* "Statement of the BLA (translated from Urdu), 14 February":
                 * the day it was issued; what it tells without a day of its
                 * own happened that day or the day before, as under a
                 * dateline */
                a->sec_date.start = d->start - 1;
                a->sec_date.precision = 2;
            }
        }
        return;
    }
    lead = st->para <= a->ref_para + 4;
    if (!p)
        p = brief; /* (and its paragraph's place) */
    if (only_since_dates(a->doc->text, st))
        goto remember; /* "(more than 140 killed)" of the massacre it is compared with */
    if (!starts_incident(st,
                         p                ? p
                         : a->para_place  ? a->para_place
                         : a->list_place  ? a->list_place
                         : a->sec_place   ? a->sec_place
                         : lead           ? a->dl_place
                                          : NULL,
                         d,
                         a->has_para_date || a->has_sec_date || (!p && a->has_prev_date) ||
                             (a->ref.start != FM_DAY_NONE && a->ref.precision == 1 && lead),
                         &a->ref, &a->title_years, d && told_on(a->doc->text, st, d)))
        goto remember;
    if (!(inc = new_incident(a->ctx, &a->out)) ||
        fm_grow(a->ctx, (void **)&a->tolls, &a->tolls_cap, a->out.n, sizeof *a->tolls))
        return;
    a->tolls[a->out.n - 1].n = 0;
    a->tolls[a->out.n - 1].adopted[0] = '\0';
    inc->para = st->para;
    inc->ev.start = st->start;
    inc->ev.end = st->end;
    if (d)
        set_date(inc, d, st->start, d->relative ? 0.7 : d->has_year ? 0.9 : 0.8);
    else if (!same_day_as(a, st, inc))
        fallback_date(a, inc, p != NULL);
    if (p)
        place_incident(a, st, p, inc, p->cue ? 0.9 : 0.7, 1);
    else if (a->para_place)
        place_incident(a, &a->para_place_st, a->para_place, inc, 0.5, 1);
    else if (a->list_place)
        place_incident(a, &a->list_place_st, a->list_place, inc, 0.5, 1);
    else if (a->sec_place)
        place_incident(a, &a->sec_place_st, a->sec_place, inc, 0.5, 1);
    else if (lead && a->dl_place)
        place_incident(a, &a->dl_place_st, a->dl_place, inc, 0.4, 0);
    else
        snprintf(inc->country, sizeof inc->country, "%s",
                 st->country_af && !st->country_pk   ? "Afghanistan"
                 : st->country_pk && !st->country_af ? "Pakistan" : "");
    place_at_coords(a, st, inc);
    if (a->has_cur && told_again(&a->out.v[a->cur_i], inc, a->tolls[a->cur_i].n > 0)) {
        /* the same fight told by another party ("ISPR said 23 ... on the
         * night of 11-12 October") */
        fm_text_incident *cur = &a->out.v[a->cur_i];
        a->out.n--;
        add_tolls(st, &a->tolls[a->cur_i], 0);
        set_type(st, cur);
        cur->ev.end = st->end;
        goto remember;
    }
    add_tolls(st, &a->tolls[a->out.n - 1], 0);
    set_type(st, inc);
    a->cur_i = a->out.n - 1;
    a->has_cur = 1;
    fresh = 1;
remember:
    for (size_t i = 0; i < st->nplace; i++)
        if (st->place[i].kind_rank == 2 && st->place[i].place && !st->place[i].metonym &&
            !st->place[i].hometown && st->ignore < 2) {
            a->para_area = st->place[i];
            a->has_para_area = 1;
        }
    if (d && (!st->ignore || has_killed_toll(st)) &&
        (!a->field_day || st->field == TX_FIELD_DAY)) {
        /* (a funeral's or a meeting's date does not date the paragraph; nor
         * any date but its own field a record's) */
        a->para_date = *d;
        a->has_para_date = 1;
        a->field_day = st->field == TX_FIELD_DAY;
        a->para_heads = !st->event && !st->ntoll && d->precision == 1 && !d->relative &&
                        st->end - st->start < 64;
    }
    if (p && st->ignore < 2 && st->event && !has_killed_toll(st) && !st->anaphora && fresh)
        a->para_attack = 1; /* an attack told, its toll to come (one that goes
                             * on with the story before is that story's) */
    if (p && (!st->ignore || has_killed_toll(st) || (st->ignore == 1 && st->event)) &&
        (st->field == TX_FIELD_PLACE ? p->kind_rank + 1 >= a->field_place : !a->field_place)) {
        /* (an attack on a rally or a meeting places its paragraph; a
         * record's "Location:" field places it over a town named in passing,
         * "Impact on access: WFP convoy to Miranshah postponed") */
        a->para_place_st = *st;
        a->para_place = &a->para_place_st.place[p - st->place];
        if (st->field == TX_FIELD_PLACE)
            a->field_place = p->kind_rank + 1;
    }
}

/* Gives the party the document took as its own voice to the latest incident
 * that party gave a figure for (in this paragraph or the few before it). */
static void adopt_figure(assembler *a, size_t para)
{
    for (size_t k = a->out.n; k > 0 && a->out.n - k < 4; k--) {
        toll_set *ts = &a->tolls[k - 1];
        if (a->out.v[k - 1].para + 6 < a->adopt_para)
            break;
        if (party_total(ts, a->adopt, 1, NULL).any) {
            snprintf(ts->adopted, sizeof ts->adopted, "%s", a->adopt);
            a->adopt[0] = '\0';
            return;
        }
    }
    if (para > a->adopt_para + 1)
        a->adopt[0] = '\0';
}

/* "Date: Wed, Aug 15, 2012 at 9:03 AM", "Sent: Saturday, August 18, 2012": a
 * message's header line in a forwarded or quoted e-mail. */
static int sent_header(const char *text, size_t start, size_t end)
{
    if (start && text[start - 1] != '\n')
        return 0;
    if ((fm_tx_word_at(text, end, start, "date") || fm_tx_word_at(text, end, start, "sent")) &&
        start + 5 < end && (text[start + 4] == ':' || text[start + 5] == ':'))
        return 1;
    {
        /* "BULLETIN: MONDAY 7 JUNE 2010 - 1800", "Posted: 12 May 2014": a
         * one-word label whose value is a whole day (and a time) heads what
         * follows */
        size_t k = start, e = start;
        fm_text_date d;
        while (e < end && text[e] != '\n')
            e++;
        while (k < e && isalpha((unsigned char)text[k]))
            k++;
        if (k == start) /* "خپور شوی:" (published), two words of another script */
            while (k < e && ((unsigned char)text[k] >= 0x80 ||
                             (text[k] == ' ' && k + 1 < e && (unsigned char)text[k + 1] >= 0x80)))
                k++;
        if (k > start + 2 && k < e && text[k] == ':' &&
            fm_text_dates(text + k + 1, e - k - 1, NULL, &d, 1) == 1 && d.precision == 1 &&
            d.has_year && d.off <= 12 &&
            (e - (k + 1 + d.off + d.len) <= 12 ||
             text[fm_tx_skip_space(text, e, k + 1 + d.off + d.len)] == '|'))
            /* (a post's header line: "Published: 2012/04/05 | 09:15 | By ...") */
            return 1;
    }
    {
        /* a signal's header line, "SERIAL 0417  DTG 291945 MAR 09
         * PRECEDENCE: IMMEDIATE": its date-time group dates the message's
         * "today" */
        const char *nl = memchr(text + start, '\n', end - start);
        size_t e = nl ? (size_t)(nl - text) : end;
        for (size_t k = start; k + 5 < e; k++)
            if (!memcmp(text + k, "DTG ", 4) && (k == start || text[k - 1] == ' ') &&
                isdigit((unsigned char)text[k + 4]))
                return 1;
    }
    /* a reply's attribution line, "On Fri, 21 Feb 2020 at 08:05, Fayyaz
     * Ahmad <f.ahmad@...> wrote:", heads the message it quotes */
    if (fm_tx_word_at(text, end, start, "on")) {
        const char *nl = memchr(text + start, '\n', end - start);
        size_t e = nl ? (size_t)(nl - text) : end;
        while (e > start && (text[e - 1] == ' ' || text[e - 1] == '\r'))
            e--;
        if (e - start > 240)
            e = start + 240;
        for (size_t k = start; k + 7 <= e; k++)
            if (!memcmp(text + k, " wrote:", 7))
                return 1;
    }
    return 0;
}

/* The date a section's heading, or a message's header line, gives what
 * follows it: what its "yesterday" and "this afternoon" mean. */
typedef struct {
    fm_text_date date;  /* the reference for relative dates where the reader stands */
    int dated;          /* date is a heading's or header's, not the dateline */
    size_t para;        /* the paragraph of the heading that set it */
    size_t header_para; /* the paragraph of the last header line, or (size_t)-1 */
    fm_day last_header; /* the day of the last header line */
} local_date;

/* Moves ls on past sentence st (read against ls->date): a heading or a
 * header line past the dateline's paragraph sets the date its section is
 * read against, and tells which way dated sections and replies run. */
static void local_date_step(assembler *a, const char *text, const tx_sentence *st,
                            local_date *ls)
{
    int header = sent_header(text, st->start, st->end);
    int under_header = ls->header_para != (size_t)-1 && st->para <= ls->header_para + 1;
    if ((header || (st->heading && !(under_header && !st->ndate))) && st->para > a->ref_para) {
        /* (a greeting, "Morning all,", under a reply's attribution line
         * does not end its message) */
        if (header)
            ls->header_para = st->para;
        /* an item's dated heading, or a forwarded message's "Date:" or
         * "Sent:" line, is what its "yesterday" and "this afternoon" mean */
        fm_text_date was = ls->date;
        int found = 0;
        ls->date = a->ref;
        for (size_t k = 0; k < st->ndate && !found; k++)
            if (((st->date[k].precision == 1 && st->date[k].has_year) ||
                 (st->heading && st->date[k].precision <= 3 &&
                  (st->date[k].has_year || st->date[k].precision == 3 ||
                   (st->date[k].precision == 1 && statement_heading(text, st))))) &&
                !st->date[k].relative) {
                /* (a heading's span, "Battle of Wana — 16–28 March 2004",
                 * gives its items' year; a statement's day, "Statement of
                 * the BRA, 3 March", its "yesterday"; a month's, "## January" in a
                 * year's review, its "On the 11th") */
                ls->date = st->date[k];
                ls->date.off += st->start;
                found = 1;
            }
        if (!found && !header && st->ndate && !st->date[0].has_year && ls->dated) {
            /* "16 March – ..." under "Battle of Wana — 16–28 March
             * 2004": a section's dated items keep its year */
            ls->date = was;
            found = 1;
        } else if (!found && !header && !st->ndate && ls->dated &&
                   st->para == ls->para + 1) {
            ls->date = was; /* (its "=== Timeline ===" under it) */
            found = 1;
        }
        ls->dated = found;
        ls->para = st->para;
        if (found && st->heading && ls->date.has_year && !ls->date.relative &&
            ls->date.precision >= 2 && ls->date.start != FM_DAY_NONE) {
            /* "December 2007: the operation begins": a section headed by
             * its period tells that period, not background (as a title's
             * years do) */
            int y, m, d;
            fm_day_to_ymd(ls->date.start, &y, &m, &d);
            years_include(&a->title_years, y);
        }
        if (header && ls->date.start != FM_DAY_NONE && ls->last_header != FM_DAY_NONE) {
            /* a thread's replies quote older messages below them: which
             * way its messages run, as dated sections do */
            a->sec_down += ls->date.start < ls->last_header;
            a->sec_up += ls->date.start > ls->last_header;
        }
        if (header && ls->date.start != FM_DAY_NONE)
            ls->last_header = ls->date.start;
        if (a->ref.start != FM_DAY_NONE && a->ref.end > ls->date.end) {
            /* (a section's "28 April" may follow its heading's 10 April:
             * the year is the document's; under a month's or a span's
             * heading, "December 2007", the year is the heading's, and
             * the section runs a couple of months on at most) */
            if (ls->date.precision >= 2 && ls->date.has_year && !ls->date.relative &&
                ls->date.end + 60 < a->ref.end)
                ls->date.end += 60;
            else
                ls->date.end = a->ref.end;
        }
    }
}

/* "clashes in Tirah reportedly killed ten people", "four militants were
 * reported killed": a figure from reports the text does not name, not the
 * paragraph's speaker's. */
static int hearsay(const char *text, const tx_sentence *st)
{
    static const char *const words[] = {"reportedly", "were reported", "was reported",
                                        "reports said", "media reports", NULL};
    for (size_t i = st->start; i < st->end; i++)
        for (size_t k = 0; words[k]; k++)
            if (fm_tx_word_at(text, st->end, i, words[k]))
                return 1;
    return 0;
}

fm_status fm_extract_run(fm_ctx *ctx, const fm_extract_opts *opt, const fm_doc *doc,
                         fm_text_incident **out, size_t *n)
{
    fm_sentence *sent = NULL;
    size_t ns = 0;
    assembler *a;
    tx_sentence *st;
    *out = NULL;
    *n = 0;
    if (fm_text_sentences(ctx, doc->text, doc->len, &sent, &ns))
        return fm_ctx_status(ctx);
    a = calloc(1, sizeof *a);
    st = malloc(2 * sizeof *st); /* st[1]: a sentence's second incident */
    if (!a || !st) {
        free(a);
        free(st);
        free(sent);
        return fm_error(ctx, FM_ENOMEM, "out of memory");
    }
    a->ctx = ctx;
    a->opt = opt;
    a->doc = doc;
    a->para = (size_t)-1;
    a->last_clock = -1;
    if (opt->dateline != FM_DAY_NONE) {
        memset(&a->ref, 0, sizeof a->ref);
        a->ref.start = a->ref.end = opt->dateline;
        a->ref.precision = 1;
    } else {
        fm_text_dateline(doc->text, doc->len, &a->ref);
        if (a->ref.start == FM_DAY_NONE)
            fm_text_yearless_dateline(doc->text, doc->len, opt->today, &a->ref);
    }
    author_of(opt->lx, doc->text, doc->len, a->author, sizeof a->author);
    title_years(doc->text, doc->len, &a->title_years);
    char speaker[64] = "";
    char party[64] = ""; /* the party of the paragraph's last killed figure */
    size_t party_para = (size_t)-1;
    size_t speaker_para = (size_t)-1;
    for (size_t i = 0; i < ns; i++)
        if (a->ref.start != FM_DAY_NONE && sent[i].end > a->ref.off) {
            a->ref_para = sent[i].para;
            break;
        }
    /* relative dates are read against the dateline, or against the date an
     * item's own heading gives ("1. Daily Mashriq, Peshawar - Saturday 18
     * February 2012": its "yesterday" is the 17th) */
    local_date ls = {a->ref, 0, 0, (size_t)-1, a->ref.start};
    int fwd_author = 0; /* a->author is a forwarded post's source */
    for (size_t i = 0; i < ns && !fm_ctx_status(ctx); i++) {
        tx_sentence_read(ctx, opt, doc->text, sent[i].start, sent[i].end, sent[i].para, &ls.date,
                         st);
        local_date_step(a, doc->text, st, &ls);
        if (sent[i].para != speaker_para)
            speaker[0] = '\0';
        speaker_para = sent[i].para;
        if (st->speaker[0])
            snprintf(speaker, sizeof speaker, "%s", st->speaker);
        if (statement_ends(doc->text, sent[i].start, sent[i].end))
            a->author[0] = '\0'; /* "--- END TRANSLATION ---": the rest is the editor's */
        if (sent[i].para > 0 && (!sent[i].start || doc->text[sent[i].start - 1] == '\n'))
            section_author(opt->lx, doc->text, doc->len, sent[i].start, a->author,
                           sizeof a->author);
        if (fwd_author && ls.dated && ls.para == sent[i].para) {
            a->author[0] = '\0'; /* the next post: its own author */
            fwd_author = 0;
        }
        if (forwarded_from(opt->lx, doc->text, doc->len, sent[i].start, a->author,
                           sizeof a->author)) {
            fwd_author = 1;
            st->heading = 0; /* (the post goes on under its own date) */
        }
        /* a figure nobody is said to give is the paragraph's speaker's
         * ("The ISPR said ... Four soldiers embraced shahadat"), else the
         * statement's author's */
        int spoken = speaker[0] && (!st->says || st->says_pronoun) && !hearsay(doc->text, st);
        for (size_t t = 0; t < st->ntoll && !st->adopt_cue; t++)
            /* (not in "the toll we use: 82", nor a record's "Casualties
             * (confirmed): 15": the document's own) */
            if (!st->toll[t].party[0] && st->field != TX_FIELD_DEAD &&
                st->field != TX_FIELD_HURT && (spoken || a->author[0]))
                snprintf(st->toll[t].party, sizeof st->toll[t].party, "%s",
                         spoken ? speaker : a->author);
        if (st->adopt_cue && !st->adopts[0] && !has_killed_toll(st) &&
            (speaker[0] || party_para == sent[i].para))
            /* "That makes 66 dead in all. This replaces every figure given
             * earlier": the paragraph's speaker's figures are adopted */
            snprintf(st->adopts, sizeof st->adopts, "%s", speaker[0] ? speaker : party);
        if (st->adopts[0]) {
            snprintf(a->adopt, sizeof a->adopt, "%s", st->adopts);
            a->adopt_para = st->para;
        }
        for (size_t t = 0; t < st->ntoll; t++)
            if (st->toll[t].party[0] && st->toll[t].killed) {
                snprintf(party, sizeof party, "%s", st->toll[t].party);
                party_para = sent[i].para;
            }
        if (st->bare_total && !(a->has_cur && a->out.v[a->cur_i].para == st->para &&
                                a->tolls[a->cur_i].n > 0))
            st->ntoll = 0; /* ("Total 240." of trucks) */
        if (tx_sentence_split(doc->text, st, &st[1])) {
            sentence_step(a, st);
            *st = st[1];
        }
        sentence_step(a, st);
        if (a->adopt[0])
            adopt_figure(a, st->para);
    }
    place_para_at_coords(a);
    free(sent);
    free(st);
    if (fm_ctx_status(ctx)) {
        free(a->tolls);
        free(a->out.v);
        free(a);
        return fm_ctx_status(ctx);
    }
    for (size_t i = 0; i < a->out.n; i++) {
        toll_set *ts = &a->tolls[i];
        if (a->sec_down >= 2 && a->sec_down > a->sec_up)
            for (size_t k = 0; k < ts->n / 2; k++) { /* newest first: read it oldest first */
                inc_toll t = ts->t[k];
                ts->t[k] = ts->t[ts->n - 1 - k];
                ts->t[ts->n - 1 - k] = t;
            }
        settle_figures(opt->lx, &a->out.v[i], ts);
    }
    free(a->tolls);
    tx_resolve_by_majority(ctx, opt, a->out.v, a->out.n);
    dedupe(opt->lx, &a->out, a->sec_down >= 2 && a->sec_down > a->sec_up);
    drop_quiet_protests(&a->out);
    *out = a->out.v;
    *n = a->out.n;
    free(a);
    return FM_OK;
}
