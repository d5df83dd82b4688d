/* extract.c: sentences into incidents. A sentence that gives a toll, or an
 * event with its own place and date, starts an incident; the sentences after
 * it in the same paragraph that name no other place or date add to it
 * (figures, claims, a corrected toll). Place and date come from the sentence,
 * else from the paragraph so far, else (with low confidence) from the
 * document's dateline. Competing figures from named parties become claims;
 * the toll is then the lowest, with the range of the claims.
 * This file is the document-level pass (sections, datelines, statements,
 * the assembler's state); a sentence's step is extract_step.c, figures
 * extract_figures.c, dates extract_date.c, merging extract_merge.c. */
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
    int first, last;
    out->start = out->end = 0;
    fm_tx_head_years(text, len, &first, &last);
    if (first) {
        years_include(out, first);
        years_include(out, last);
    }
}

/* "SN-2008/04     Issued: Peshawar sub-office, 26 June 2008": a notice's
 * number and the place and day it was issued, which head the notice as a
 * dated heading does (its line may run on into the next: a plain text's
 * paragraph is one line). */
static int issued_line(const char *text, size_t start, size_t end)
{
    static const char *const labels[] = {"Issued", "Dated", "Released", NULL};
    fm_text_date d;
    if (start && text[start - 1] != '\n')
        return 0;
    for (size_t k = start; k < end && k <= start + 64; k++) {
        size_t v = 0;
        if (k > start && (k < start + 2 || text[k - 1] != ' ' || text[k - 2] != ' '))
            continue; /* (a column of its own: not "carefully dated: the clash at ...") */
        for (size_t j = 0; labels[j] && !v; j++)
            if (!strncmp(text + k, labels[j], strlen(labels[j])) &&
                text[k + strlen(labels[j])] == ':')
                v = k + strlen(labels[j]) + 1;
        if (v)
            return v < end && fm_text_dates(text + v, end - v, NULL, &d, 1) == 1 &&
                   d.precision == 1 && d.has_year && !d.relative && d.off <= 40;
    }
    return 0;
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
    int by_heading;     /* date is a section heading's (an edition's day), not a
                         * message header's */
} local_date;

/* Whether sentence st is a line of its own: it opens its line, and only
 * spaces follow it there. */
static int line_alone(const char *text, const tx_sentence *st)
{
    size_t e = st->end;
    if (st->start > 0 && text[st->start - 1] != '\n')
        return 0;
    while (text[e] == ' ' || text[e] == '\t' || text[e] == '\r')
        e++;
    return text[e] == '\n' || text[e] == '\0';
}

/* Whether text[lo, hi) is a source's label before its day, "9. JANG
 * (Karachi), ", "Dawn, Peshawar - ": names only (every word capitalised),
 * ending in a comma or a dash. */
static int source_label(const char *text, size_t lo, size_t hi)
{
    size_t e = hi, words = 0;
    while (e > lo && text[e - 1] == ' ')
        e--;
    if (e <= lo || (text[e - 1] != ',' && text[e - 1] != '-'))
        return 0;
    for (size_t i = lo; i < e; i++)
        if (isalpha((unsigned char)text[i]) && (i == lo || !isalnum((unsigned char)text[i - 1]))) {
            if (!isupper((unsigned char)text[i]))
                return 0;
            words++;
        }
    return words > 0;
}

/* "ADVISORY 10/2008 -- period Saturday 8 March to Friday 14 March": a
 * heading's week, from st->date[k] to the day after it. What the section
 * tells on a weekday ("Sunday: a civilian was killed") is the one in that
 * week, so the section is read against the week's last day, which this
 * returns (NULL when st->date[k] opens no week). */
static const fm_text_date *week_after(const char *text, const tx_sentence *st, size_t k)
{
    const fm_text_date *a = &st->date[k], *b;
    if (k + 1 >= st->ndate)
        return NULL;
    b = &st->date[k + 1];
    if (a->precision != 1 || b->precision != 1 || a->relative || b->relative ||
        b->start <= a->start || b->start - a->start > 7 || b->off < a->off + a->len ||
        b->off - (a->off + a->len) > 16)
        return NULL;
    for (size_t i = st->start + a->off + a->len; i < st->start + b->off; i++)
        if (fm_tx_word_at(text, st->end, i, "to") || text[i] == '-' ||
            (unsigned char)text[i] == 0xE2)
            return b;
    return NULL;
}

/* Moves ls on past sentence st (read against ls->date): a heading or a
 * header line past the dateline's paragraph sets the date its section is
 * read against, and tells which way dated sections and replies run. */
static void local_date_step(tx_assembler *a, const char *text, const tx_sentence *st,
                            local_date *ls)
{
    int header = sent_header(text, st->start, st->end);
    int under_header = ls->header_para != (size_t)-1 && st->para <= ls->header_para + 1;
    /* "Rawalpindi - May 27, 2019:", "Dated: May 27, 2019": a release's own
     * dateline, alone on its line, heads what follows as a dated heading
     * does ("today" is that day) */
    int item_dateline = !st->heading && st->ndate >= 1 && st->ndate <= 2 &&
                        st->date[0].precision == 1 && st->date[0].has_year &&
                        !st->date[0].relative &&
                        (st->ndate == 1 || st->date[1].start == st->date[0].start) &&
                        st->end - st->start < 100 && text[st->end - 1] == ':' && !st->ntoll;
    /* "9. JANG (Karachi), 4 May.", "Dawn, 17 March, page 3.": a digest
     * item's source and day, alone on the item's first line, date what the
     * item reports ("yesterday" is the 3rd), the year the section's */
    int source_line = !st->heading && st->ndate == 1 && st->date[0].precision == 1 &&
                      !st->date[0].relative && st->date[0].start != FM_DAY_NONE &&
                      st->end - st->start < 80 && !st->ntoll && line_alone(text, st) &&
                      source_label(text, st->start, st->start + st->date[0].off) &&
                      st->start + st->date[0].off + st->date[0].len + 16 >= st->end;
    item_dateline |= source_line || issued_line(text, st->start, st->end);
    if ((header || item_dateline || (st->heading && !(under_header && !st->ndate))) &&
        st->para > a->ref_para) {
        /* (a greeting, "Morning all,", under a reply's attribution line
         * does not end its message) */
        if (header)
            ls->header_para = st->para;
        /* an item's dated heading, or a forwarded message's "Date:" or
         * "Sent:" line, is what its "yesterday" and "this afternoon" mean */
        fm_text_date was = ls->date;
        int was_dated = ls->dated, any_year = 0; /* (a yearless day heads a section
                                    * of its own, "## 1. Lakki Marwat, 8 January";
                                    * not one inside a dated issue, whose year it
                                    * lacks, nor "Mon 24 May to Sun 30 May 2021") */
        for (size_t k = 0; k < st->ndate; k++)
            any_year |= st->date[k].has_year;
        int found = 0;
        const fm_text_date *wk;
        ls->date = a->ref;
        for (size_t k = 0; k < st->ndate && !found; k++)
            if (((st->date[k].precision == 1 && (st->date[k].has_year || source_line)) ||
                 (st->heading && st->date[k].precision <= 3 &&
                  (st->date[k].has_year || st->date[k].precision == 3 ||
                   (st->date[k].precision == 1 &&
                    (tx_statement_heading(text, st) || (!was_dated && !any_year) ||
                     week_after(text, st, k)))))) &&
                !st->date[k].relative) {
                /* (a heading's span, "Battle of Wana — 16–28 March 2004",
                 * gives its items' year; a statement's day, "Statement of
                 * the BRA, 3 March", its "yesterday"; a month's, "## January" in a
                 * year's review, its "On the 11th") */
                ls->date = st->date[k];
                ls->date.off += st->start;
                found = 1;
                if ((wk = week_after(text, st, k)) != NULL) {
                    size_t off = ls->date.off;
                    ls->date = *wk;
                    ls->date.off = off;
                }
            }
        if (!found && !header && st->ndate && (!st->date[0].has_year || st->date[0].relative) &&
            ls->dated) {
            /* (and "This week in brief" under "No. 28 -- Friday, 20 July 2012":
             * the week) */
            /* "16 March – ..." under "Battle of Wana — 16–28 March
             * 2004": a section's dated items keep its year */
            ls->date = was;
            found = 1;
        } else if (!found && !header && !st->ndate && ls->dated &&
                   (st->para == ls->para + 1 || ls->by_heading ||
                    (ls->header_para == ls->para && a->ref.start != FM_DAY_NONE &&
                     was.start >= a->ref.start))) {
            /* (and "1. SECURITY" in a message whose "Date:" line dated it,
             * after its greeting: the message's day, in a mailbox's later
             * message; an older one quoted in a digest ends with its item) */
            /* (its "=== Timeline ===" under it; a story's headline or slug,
             * "FNA-0631 BUNER-BLAST URGENT", "Seven die in Darra attack",
             * under the edition's "SUNDAY, DECEMBER 28, 2008": the day stays
             * the edition's) */
            ls->date = was;
            found = 1;
        }
        if (found && st->ndate)
            ls->by_heading = !header; /* (a day kept above stays what it was) */
        ls->dated = found;
        ls->para = st->para;
        if (found && st->heading && ls->date.has_year && !ls->date.relative &&
            ls->date.start != FM_DAY_NONE) {
            /* "December 2007: the operation begins", "### 2. Lakki Marwat, 23
             * May 2019": a section headed by its period or day tells of it,
             * not background (as a title's years do) */
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
            else if (ls->date.precision == 1 && ls->date.has_year && !ls->date.relative &&
                     ls->date.end + 180 < a->ref.end)
                ls->date.end += 180; /* ("### 2.2 Shaktoi, 14 January 2010" in a paper
                                      * of March 2013: its "on 14 January" is 2010's,
                                      * as a dated section tells its own days) */
            else
                ls->date.end = a->ref.end;
        }
    }
}

/* "MUZAFFARABAD, Pakistan, June 3 (ACP) - ...": a wire item's dateline opens
 * its sentence; the item's later "on Tuesday" is read against its day, not
 * against the running file's first. */
static void wire_item_day(const tx_assembler *a, const char *text, const tx_sentence *st,
                          local_date *ls)
{
    const fm_text_date *d = st->ndate ? &st->date[0] : NULL;
    if (!d || d->precision != 1 || d->relative || d->off > 80 || st->para <= a->ref_para ||
        !fm_text_agency_after(text, st->end, st->start + d->off + d->len))
        return;
    ls->date = *d;
    ls->date.off += st->start;
    ls->dated = 1;
    ls->para = st->para;
    ls->by_heading = 0;
}

/* "OFFICIAL (Levies, Jafarabad, 12 Feb): Two Levies personnel were shot
 * dead yesterday": a paragraph labelled with its source and the day it
 * spoke; its "yesterday" is the day before that, not before the section's
 * heading. */
static void label_day(const char *text, size_t lo, size_t hi, local_date *ls)
{
    size_t open, close, k;
    fm_text_date d[4];
    if (!tx_label_brackets(text, lo, hi, &open, &close))
        return;
    k = fm_text_dates(text + open, close - open, &ls->date, d, 4);
    for (size_t j = 0; j < k && j < 4; j++)
        if (d[j].precision == 1 && !d[j].relative) {
            ls->date = d[j];
            ls->date.off += open;
            return;
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

/* "We use the official figure in the table": the figure adopted is the
 * officials', not the paragraph's last speaker's (tribal elders). */
static int names_official(const char *text, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if ((i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
            (fm_tx_word_at(text, end, i, "official figure") ||
             fm_tx_word_at(text, end, i, "official count") ||
             fm_tx_word_at(text, end, i, "official toll") ||
             fm_tx_word_at(text, end, i, "official number")))
            return 1;
    return 0;
}

fm_status fm_extract_run(fm_ctx *ctx, const fm_extract_opts *opt, const fm_doc *doc,
                         fm_text_incident **out, size_t *n)
{
    fm_sentence *sent = NULL;
    size_t ns = 0;
    tx_assembler *a;
    tx_sentence *st;
    *out = NULL;
    *n = 0;
    if (fm_text_sentences(ctx, doc->text, doc->len, &sent, &ns))
        return fm_ctx_status(ctx);
    a = calloc(1, sizeof *a);
    st = malloc((2 + TX_MAX_EACH) * sizeof *st); /* st[1]: a sentence's second incident;
                                                  * st[2...]: its places' shares */
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
    a->ignored_para = (size_t)-1;
    if (opt->dateline != FM_DAY_NONE) {
        memset(&a->ref, 0, sizeof a->ref);
        a->ref.start = a->ref.end = opt->dateline;
        a->ref.precision = 1;
    } else {
        fm_text_dateline_named(doc->name, doc->text, doc->len, &a->ref);
        if (a->ref.start == FM_DAY_NONE)
            fm_text_yearless_dateline(doc->text, doc->len, opt->today, &a->ref);
    }
    tx_author_of(opt->lx, doc->text, doc->len, a->author, sizeof a->author);
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
    local_date ls = {a->ref, 0, 0, (size_t)-1, a->ref.start, 0};
    int fwd_author = 0; /* a->author is a forwarded post's source */
    /* a transcript's answer goes on in the paragraphs after its tag ("DG
     * ISPR: ... / First, Bannu. ... / Second, ...") until the next tag */
    int transcript = tx_is_transcript(opt->lx, doc->text, doc->len);
    char turn[64] = "";
    char lead[64] = ""; /* the group whose account the paragraph opens with */
    for (size_t i = 0; i < ns && !fm_ctx_status(ctx); i++) {
        if (sent[i].para != speaker_para)
            label_day(doc->text, sent[i].start, sent[i].end, &ls);
        tx_sentence_read(ctx, opt, doc->text, sent[i].start, sent[i].end, sent[i].para, &ls.date,
                         st);
        local_date_step(a, doc->text, st, &ls);
        wire_item_day(a, doc->text, st, &ls);
        if (sent[i].para != speaker_para) {
            size_t e = i;
            speaker[0] = '\0';
            while (e + 1 < ns && sent[e + 1].para == sent[i].para)
                e++;
            /* a quotation signed at its end ('"... only four of our
             * mujahideen were martyred ..." -- Ehsanullah Ehsan, spokesman of
             * the TTP'): its speaker speaks from its first sentence */
            tx_quote_signer(opt->lx, doc->text, sent[i].start,
                            e + 1 < ns && sent[e + 1].para == sent[i].para + 1 ? sent[e + 1].end
                                                                               : sent[e].end,
                            speaker, sizeof speaker); /* (its signature may be the next
                                                       * paragraph: "-- Azad Baloch, BLA") */
            if (tx_label_party(opt->lx, doc->text, sent[i].start, sent[e].end, speaker,
                               sizeof speaker))
                a->author[0] = '\0'; /* (the label, not an earlier statement's
                                       * author, says whose the paragraph is) */
            lead[0] = '\0';
            if (!speaker[0] && tx_lead_party(opt->lx, doc->text, sent[i].start, sent[e].end,
                                             speaker, sizeof speaker)) {
                snprintf(lead, sizeof lead, "%s", speaker);
                snprintf(a->author, sizeof a->author, "%s", speaker); /* (the group's own
                                       * account, not the release's author before it) */
                if (st->ndate && st->date[0].precision == 1 && !st->date[0].relative &&
                    st->date[0].off < 40) {
                    /* "TTP rebuttal, October 4 (...)": the day it answered, of
                     * fighting in the days before */
                    st->date[0].start -= 3;
                    st->date[0].precision = 2;
                }
            }
            if (transcript && !speaker[0]) {
                char tag[64];
                if (tx_turn_tag(opt->lx, doc->text, sent[i].start, sent[e].end, tag, sizeof tag))
                    snprintf(turn, sizeof turn, "%s", tag);
                snprintf(speaker, sizeof speaker, "%s", turn);
            }
        }
        speaker_para = sent[i].para;
        if (a->author[0] && !st->speaker[0] && tx_rebuts(doc->text, sent[i].start, sent[i].end))
            speaker[0] = '\0'; /* "The ISPR says that thirteen died there ... This is a
                                 * lie. ... twenty soldiers of the apostate army were
                                 * killed": the statement's own voice again */
        if (!st->speaker[0] && tx_weighs_claims(doc->text, sent[i].start, sent[i].end))
            speaker[0] = '\0';
        if (st->speaker[0])
            snprintf(speaker, sizeof speaker, "%s", st->speaker);
        if (tx_statement_ends(doc->text, sent[i].start, sent[i].end))
            a->author[0] = '\0'; /* "--- END TRANSLATION ---": the rest is the editor's */
        if (sent[i].para > 0 && (!sent[i].start || doc->text[sent[i].start - 1] == '\n'))
            tx_section_author(opt->lx, doc->text, doc->len, sent[i].start, a->author,
                              sizeof a->author);
        if (fwd_author && ls.dated && ls.para == sent[i].para) {
            a->author[0] = '\0'; /* the next post: its own author */
            fwd_author = 0;
        }
        if (tx_forwarded_from(opt->lx, doc->text, doc->len, sent[i].start, a->author,
                              sizeof a->author)) {
            fwd_author = 1;
            st->heading = 0; /* (the post goes on under its own date) */
        }
        /* a figure nobody is said to give is the paragraph's speaker's
         * ("The ISPR said ... Four soldiers embraced shahadat"), else the
         * statement's author's */
        for (size_t t = 0; t < st->ntoll && lead[0] && tx_armed_group(opt->lx, lead); t++)
            if (st->toll[t].party[0] && strcmp(st->toll[t].party, lead) &&
                tx_armed_group(opt->lx, st->toll[t].party))
                /* "JuA statement, 25 April. Ehsanullah Ehsan admitted that four
                 * ...": the group's spokesman speaks for the group the
                 * paragraph opens with, whatever group the lexicon files his
                 * name under (he spoke for the TTP and then for JuA) */
                snprintf(st->toll[t].party, sizeof st->toll[t].party, "%s", lead);
        int spoken = speaker[0] && (!st->says || st->says_pronoun) && !hearsay(doc->text, st);
        for (size_t t = 0; t < st->ntoll && !st->adopt_cue; t++)
            /* (not in "the toll we use: 82", nor a record's "Casualties
             * (confirmed): 15": the document's own) */
            if (!st->toll[t].party[0] && st->field != TX_FIELD_DEAD &&
                st->field != TX_FIELD_HURT && (spoken || a->author[0]))
                snprintf(st->toll[t].party, sizeof st->toll[t].party, "%s",
                         spoken ? speaker : a->author);
        if (st->adopt_cue && !st->adopts[0] && !tx_has_killed_toll(st) &&
            (speaker[0] || party_para == sent[i].para) &&
            !names_official(doc->text, sent[i].start, sent[i].end))
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
        size_t each = tx_sentence_each(doc->text, st, &st[2], TX_MAX_EACH);
        for (size_t k = 0; k < each; k++)
            tx_sentence_step(a, &st[2 + k]);
        if (each) {
            if (a->adopt[0])
                tx_adopt_figure(a, st->para);
            continue;
        }
        if (tx_sentence_split(doc->text, st, &st[1])) {
            tx_sentence_step(a, st);
            *st = st[1];
        }
        tx_sentence_step(a, st);
        if (a->adopt[0])
            tx_adopt_figure(a, st->para);
    }
    tx_place_para_at_coords(a);
    free(sent);
    free(st);
    if (fm_ctx_status(ctx)) {
        free(a->tolls);
        free(a->out.v);
        free(a);
        return fm_ctx_status(ctx);
    }
    for (size_t i = 0; i < a->out.n; i++) {
        tx_toll_set *ts = &a->tolls[i];
        if (a->sec_down >= 2 && a->sec_down > a->sec_up)
            for (size_t k = 0; k < ts->n / 2; k++) { /* newest first: read it oldest first */
                tx_inc_toll t = ts->t[k];
                ts->t[k] = ts->t[ts->n - 1 - k];
                ts->t[ts->n - 1 - k] = t;
            }
        tx_merge_party_family(ts);
        tx_settle_figures(opt->lx, &a->out.v[i], ts);
    }
    free(a->tolls);
    tx_resolve_by_majority(ctx, opt, a->out.v, a->out.n);
    tx_resolve_by_context(ctx, opt, doc->text, doc->len, a->out.v, a->out.n);
    tx_resolve_by_country(ctx, opt, a->out.v, a->out.n);
    tx_resolve_lone_country(ctx, opt, doc->text, doc->len, a->out.v, a->out.n);
    tx_resolve_same_name(a->out.v, a->out.n);
    tx_dedupe(opt->lx, &a->out, a->sec_down >= 2 && a->sec_down > a->sec_up);
    tx_drop_quiet_protests(&a->out);
    *out = a->out.v;
    *n = a->out.n;
    free(a);
    return FM_OK;
}
