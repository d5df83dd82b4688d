/* extract_date.c: which of the dates a sentence gives is the day its
 * incident happened (not the day it was said, published, or a day an
 * earlier event is measured from), and setting it on an incident. Reads the
 * sentence and the document's text; owns nothing, allocates nothing. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

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
int tx_only_since_dates(const char *text, const tx_sentence *st)
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
int tx_speech_date(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    static const char *const verbs[] = {"said", "told", "says", "confirmed", "added",
                                        "examined", "visited", "inspected", "interviewed",
                                        "seen", "met", "repeated", "phoned", "briefed",
                                        "speaking", "talking",
                                        /* "the political administration gave the same
                                         * twelve on Wednesday" */
                                        "gave", "gives",
                                        /* "Leaders of the MQM, at a press conference in
                                         * Karachi on 17 July, said the real number" */
                                        "conference", "briefing", NULL};
    size_t at = st->start + d->off, b = at, words = 0;
    if ((at >= st->start + 5 && fm_tx_word_at(text, at, at - 5, "into")) ||
        (at >= st->start + 6 && fm_tx_word_at(text, at, at - 6, "until")))
        return 1; /* "the fighting went on into Thursday": the story's own days */
    while (b > st->start && words < 6) {
        b--;
        /* (a name's words do not count: "repeated by the Sindh Home
         * Department on 8 January") */
        size_t wl;
        if (text[b] == ' ' && ((isupper((unsigned char)text[b + 1]) &&
                                fm_tx_weekday_at(text + b + 1, at - (b + 1), &wl) < 0) ||
                               fm_tx_word_at(text, at, b + 1, "the") ||
                               fm_tx_word_at(text, at, b + 1, "by") || ++words))
            for (size_t v = 0; verbs[v]; v++)
                if (fm_tx_word_at(text, at, b + 1, verbs[v]))
                    return 1;
        if (strchr(",;.", text[b]))
            break;
    }
    {
        /* "The evening papers this morning carry a reply from ...": the
         * day the press told it */
        static const char *const press[] = {"carry", "carries", "carried", "quote", "quotes",
                                            "quoted", "published", "publish", NULL};
        size_t w = fm_tx_skip_space(text, st->end, at + d->len);
        for (size_t v = 0; press[v]; v++)
            if (fm_tx_word_at(text, st->end, w, press[v]))
                return 1;
    }
    {
        /* "The elders of Mattani, in their jirga with the Assistant
         * Commissioner on 20-04-2013, claimed thirteen dead": a date closing
         * an aside, the speaker's verb right after it (not at the
         * sentence's start: "On Friday, said a witness, ...") */
        static const char *const claim[] = {"claimed", "said", "told", "alleged", "insisted",
                                            "maintained", "stated", NULL};
        size_t w = at + d->len;
        if (w < st->end && text[w] == ',' && at > st->start + 3) {
            w = fm_tx_skip_space(text, st->end, w + 1);
            for (size_t v = 0; claim[v]; v++)
                if (fm_tx_word_at(text, st->end, w, claim[v]))
                    return 1;
        }
    }
    return 0;
}

/* Whether the sentence's date d comes right after word (with its space). */
int tx_after_word(const char *text, const tx_sentence *st, const fm_text_date *d,
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
int tx_publication_date(const char *text, const tx_sentence *st, const fm_text_date *d)
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
    return tx_word_before(text, lo, b, labels);
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

/* "After Khyber-1 was launched on 17 October, the heaviest toll came on
 * 19 October": a date in the sentence's opening "After ..." clause, when a
 * date follows that clause, is the earlier event's. */
static int opening_after_clause(const char *text, const tx_sentence *st, size_t at)
{
    size_t b = st->start, comma;
    while (b < st->end && !isalpha((unsigned char)text[b]))
        b++; /* (past a list's mark or markup) */
    if (!fm_tx_word_at(text, st->end, b, "after"))
        return 0;
    for (comma = b; comma < st->end && text[comma] != ','; comma++)
        ;
    if (at >= comma || comma >= st->end)
        return 0;
    for (size_t j = 0; j < st->ndate; j++)
        if (st->start + st->date[j].off > comma)
            return 1;
    return 0;
}

/* Whether at lies in the brackets of a label opening the sentence
 * ("CLAIM (BRA, spokesman Sarbaz Baloch, 12 Feb): ..."): the day its source
 * spoke, not the day of what it tells. */
static int in_label(const char *text, const tx_sentence *st, size_t at)
{
    size_t open, close;
    return tx_label_brackets(text, st->start, st->end, &open, &close) && at >= open &&
           at < close;
}

/* d moved to the year that puts it nearest to the day near, into *out
 * (d itself when that is its own year). */
const fm_text_date *tx_nearest_year(const fm_text_date *d, const fm_text_date *near,
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

/* Whether a day's name at e is a possessive of an event ("Wednesday's
 * strike", "Monday's attack"): the event's day. */
static int event_possessive(const char *text, size_t end, size_t e)
{
    static const char *const events[] = {"strike", "strikes", "attack", "attacks", "blast",
                                         "bombing", "ambush", "raid", "clash", "clashes",
                                         "shelling", "operation", "fighting", "firing",
                                         "explosion", "killings", "killing", "massacre",
                                         "encounter", "assault", "suicide", "drone", NULL};
    size_t w;
    if (e + 3 > end || text[e] != '\'' || text[e + 1] != 's' || text[e + 2] != ' ')
        return 0;
    w = fm_tx_skip_space(text, end, e + 3);
    for (size_t k = 0; events[k]; k++)
        if (fm_tx_word_at(text, end, w, events[k]))
            return 1;
    return 0;
}

/* "went to Sambat for the funerals on Wednesday", "the dead were buried on
 * Friday": the day of a rite the teller went to, not the day they died (nor
 * a day to fall back on). Not "struck a funeral prayer this afternoon": the
 * funeral attacked. */
static int rite_day(const char *text, size_t lo, size_t at)
{
    static const char *const rites[] = {"for the funeral", "for the funerals",
                                        "to the funeral", "to the funerals",
                                        "attended the funeral", "attended the funerals",
                                        "after the funeral", "after the funerals",
                                        "buried", "laid to rest", NULL};
    size_t from = at > lo + 40 ? at - 40 : lo;
    if (at < lo + 3 || !fm_tx_word_at(text, at, at - 3, "on"))
        return 0;
    for (size_t k = from; k < at; k++)
        for (size_t r = 0; rites[r]; r++)
            if ((k == lo || !fm_tx_is_word_char((unsigned char)text[k - 1])) &&
                fm_tx_word_at(text, at, k, rites[r]) &&
                fm_tx_skip_space(text, at, k + strlen(rites[r])) == at - 3)
                return 1;
    return 0;
}

const fm_text_date *tx_pick_date(const char *text, const tx_sentence *st,
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
        if (ref->start != FM_DAY_NONE && at == ref->off && !ref->relative &&
            !(at >= st->start + 3 && fm_tx_word_at(text, at, at - 3, "on")))
            continue; /* the dateline itself (not a document's first sentence
                       * telling its day: "On 8 May 2014, a convoy was
                       * ambushed") */
        if (st->ndate > 1 && item_dateline(text, st, d))
            continue; /* (its item's "late Friday night" dates the event) */
        if (rite_day(text, st->start, at))
            continue;
        if (tx_publication_date(text, st, d) || in_label(text, st, at)) {
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
        if ((i > 0 && tx_after_word(text, st, d - 1, "from ") && tx_after_word(text, st, d, "to ")) ||
            (i + 1 < st->ndate && tx_after_word(text, st, d, "from ") &&
             tx_after_word(text, st, d + 1, "to ")))
            period = 1;
        period |= since_event(text, st->start, at) || later_than(text, st->start, at) ||
                  opening_after_clause(text, st, at);
        if (at >= st->start + 2 && text[at - 1] == '(' && text[at - 2] == ' ' &&
            at >= st->start + 3 && isdigit((unsigned char)text[at - 3]) &&
            !numbered_label(text, st->start, at - 2))
            period = 1; /* "rose from 50 (24 JUN) to 67 (26 JUN)": the day of a
                         * figure, not of the attack (not "Incident 1 (21 April
                         * 2014, Badaber)": a numbered item's day) */
        if (!period && d->precision == 1 && event_possessive(text, st->end, at + d->len))
            return d; /* "said five people had died in Wednesday's strike in Tirah",
                       * told at a press conference on Friday: the strike's day */
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
        if (!period && !tx_speech_date(text, st, d)) {
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
                    !tx_speech_date(text, st, e) && !tx_publication_date(text, st, e)) {
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

void tx_set_date(fm_text_incident *inc, const fm_text_date *d, size_t base, double conf)
{
    inc->date_start = d->start;
    inc->date_end = d->end;
    inc->date_precision = d->precision;
    inc->date_conf = conf;
    inc->date_ev.start = base + d->off;
    inc->date_ev.end = base + d->off + d->len;
}
