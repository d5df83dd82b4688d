/* extract_read.c: one sentence, read as an analyst reads it. Tolls (a count
 * tied to a word that says it died or was hurt, before it: "seven soldiers
 * were killed", or after: "killing at least 12"), who said so ("ISPR said",
 * "according to police", "Taliban: 58"), dates, places, the event cue, the
 * actors, and the cues that make a sentence not an incident at all (a
 * meeting, an anniversary, a yearly total).
 * This file puts the reading together; its parts are extract_tolls.c
 * (with extract_context.c, extract_verbs.c, extract_persons.c),
 * extract_parties.c, extract_cues.c, and extract_split.c. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* "I would say between 150 and 200", "that is to say", "needless to say": a
 * speaker's hedge or a phrase, not a report of what someone said. */
static int hedge_say(const char *s, size_t lo, size_t n, size_t i)
{
    static const char *const before[] = {"would ", "'d ", "to ", "\xE2\x80\x99" "d ", NULL};
    if (!fm_tx_word_at(s, n, i, "say"))
        return 0;
    for (size_t k = 0; before[k]; k++) {
        size_t l = strlen(before[k]);
        if (i >= lo + l && !strncmp(s + i - l, before[k], l))
            return 1;
    }
    return 0;
}

/* Whether the party's name, as the text qualified it, opens with the words
 * of mention p ("Azad Kashmir authorities" after "Azad Kashmir"; the
 * mention may carry its article, "The Azad Kashmir"). */
static int text_names_party(const char *text, const fm_text_place *p, const char *name)
{
    size_t off = p->off, len = p->len;
    if (len > 4 && !strncasecmp(text + off, "the ", 4))
        off += 4, len -= 4;
    return strlen(name) > len && name[len] == ' ' && !strncasecmp(name, text + off, len);
}

void tx_sentence_read(fm_ctx *ctx, const fm_extract_opts *opt, const char *text, size_t start,
                      size_t end, size_t para, const fm_text_date *ref, tx_sentence *out)
{
    tx_party_at parties[8];
    size_t np;
    memset(out, 0, sizeof *out);
    memset(parties, 0, sizeof parties);
    out->start = start;
    out->end = end;
    out->para = para;
    out->ndate = fm_text_dates(text + start, end - start, ref, out->date, TX_MAX_DATES);
    if (out->ndate > TX_MAX_DATES)
        out->ndate = TX_MAX_DATES;
    out->field = tx_field_kind(text, start, end);
    if (out->field == TX_FIELD_FILED)
        out->ndate = 0; /* "Date of report: 19/01/2010": not when it happened */
    tx_read_tolls(opt->lx, text, out);
    tx_read_coords(text, out);
    if (!out->ntoll)
        tx_bare_total(text, out);
    if (!out->ntoll && (out->field == TX_FIELD_DEAD || out->field == TX_FIELD_HURT))
        tx_field_count(text, out);
    {
        int killed = 0; /* ("ASI Noor Muhammad embraced shahadat and one constable was
                         * injured": the dead man beside a count of the hurt) */
        for (size_t t = 0; t < out->ntoll; t++)
            killed |= out->toll[t].killed;
        if (!killed && out->ntoll < TX_MAX_TOLLS)
            tx_lone_victim(opt->lx, text, out);
    }
    np = tx_read_parties(opt->lx, text, start, end, parties, 8);
    if (!np)
        np = tx_unknown_spokesman(text, start, end, parties);
    if (!np)
        np = tx_unknown_org(text, start, end, parties);
    if (!np)
        np = tx_spoke_for(text, start, end, parties);
    if (!np)
        np = tx_quoting(opt->lx, text, start, end, parties);
    tx_attribute(text, out, parties, np);
    for (size_t t = 0; t < out->ntoll; t++)
        for (size_t k = 0; out->toll[t].total && !out->toll[t].breakdown && k < t; k++)
            if (out->toll[k].killed && !strcmp(out->toll[k].party, out->toll[t].party))
                out->toll[k].breakdown = 1; /* (a part of the running total) */
    out->speaker[0] = '\0';
    out->adopt_cue = tx_read_adopted(opt->lx, text, start, end, out->adopts, sizeof out->adopts);
    out->says = 0;
    out->says_pronoun = 0;
    for (size_t i = start; i < end && !out->says_pronoun; i++)
        if ((i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
            tx_said_at(text, end, i) && (i == start || text[i - 1] == ' ') &&
            !hedge_say(text, start, end, i) &&
            !(i == start && isupper((unsigned char)text[i]) && i + 1 < end &&
              isupper((unsigned char)text[i + 1]))) {
            /* (not a label's word: "CLAIM (BRA, 12 Feb):", "STATEMENT:") */
            out->says = 1;
            /* '"Only nine were killed," he told Reuters': the speaker named
             * before (also after a participle's aside: "Speaking to FNA by
             * telephone, he said") */
            out->says_pronoun = !np && (fm_tx_word_at(text, i, i >= start + 3 ? i - 3 : start, "he") ||
                                        fm_tx_word_at(text, i, i >= start + 4 ? i - 4 : start, "she") ||
                                        fm_tx_word_at(text, i, i >= start + 5 ? i - 5 : start, "they"));
        }
    if (out->says && !np) {
        /* "Its spokesman, Asad Mansoor, said ... that eleven soldiers had been
         * killed": the group the sentence before named speaks */
        static const char *const own[] = {"its spokesman", "their spokesman", "the group's spokesman",
                                          "its spokesperson", "the group's spokesperson",
                                          "a spokesman for the group", "the group said",
                                          "the group claimed", NULL};
        for (size_t i = start; i < end && !out->says_pronoun; i++)
            for (size_t k = 0; own[k] && !out->says_pronoun; k++)
                out->says_pronoun = (i == start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
                                    fm_tx_word_at(text, end, i, own[k]);
    }
    if (np == 1)
        snprintf(out->speaker, sizeof out->speaker, "%s", parties[0].name);
    else if (np == 2 && parties[0].rejects && strcmp(parties[0].name, parties[1].name))
        /* "Pakistani Taliban spokesman Ehsanullah Ehsan disputed the military's
         * account": the one who disputes speaks on ("he said ... six") */
        snprintf(out->speaker, sizeof out->speaker, "%s", parties[0].name);
    tx_read_cues(opt->lx, text, out);
    for (size_t k = 0; k < out->ndate; k++)
        if ((out->date[k].precision == 2 || out->date[k].period) && !out->date[k].relative &&
            out->date[k].end - out->date[k].start >= 6)
            out->aggregate = 1; /* "63 wounded from 7 to 20 August", "between 1 October
                                 * and 31 December 2019, in which 58 people were killed":
                                 * a period's count */
    for (size_t k = 0; k < out->ndate && !out->aggregate; k++) {
        /* "which had killed more than 200 people in March and April": two
         * months' count */
        const fm_text_date *m = &out->date[k];
        size_t g = fm_tx_skip_space(text, end, start + m->off + m->len), ml;
        if (m->precision != 3 || m->relative)
            continue;
        if (m->end - m->start > 31)
            out->aggregate = 1; /* (read as one span) */
        else if (fm_tx_word_at(text, end, g, "and") || fm_tx_word_at(text, end, g, "to")) {
            g = fm_tx_skip_space(text, end, g + (text[g] == 'a' ? 3 : 2));
            out->aggregate = g < end && fm_tx_month_at(text + g, end - g, &ml) > 0;
        }
    }
    for (size_t k = 0; k < out->ndate && out->aggregate != 3; k++) {
        /* "over 600 militants and 70 soldiers killed since 17 October": a
         * count over the period since a day, not one incident's */
        size_t d = start + out->date[k].off;
        if (d < start + 6 || strncasecmp(text + d - 6, "since ", 6))
            continue;
        for (size_t t = 0; t < out->ntoll; t++)
            if (out->toll[t].killed && out->toll[t].end <= d && d - out->toll[t].end < 60 &&
                !memchr(text + out->toll[t].end, '.', d - out->toll[t].end))
                out->aggregate = 3; /* (whatever day the sentence gives: "given
                                     * on 12 December") */
    }
    if (out->aggregate == 2) {
        /* "a total of three (03) persons": one incident's dead, unless a
         * period is named ("a total of 52 in August") */
        out->aggregate = 0;
        for (size_t k = 0; k < out->ndate; k++)
            out->aggregate |= out->date[k].precision >= 3;
    }
    for (size_t i = start; i + 8 < end && out->aggregate != 1; i++)
        if (fm_tx_word_at(text, end, i, "between") &&
            isdigit((unsigned char)text[fm_tx_skip_space(text, end, i + 7)])) {
            /* "between 7 and 20 August" */
            size_t j = fm_tx_skip_space(text, end, i + 7);
            while (j < end && isdigit((unsigned char)text[j]))
                j++;
            while (j < end && isalpha((unsigned char)text[j]))
                j++; /* (7th) */
            out->aggregate = fm_tx_word_at(text, end, fm_tx_skip_space(text, end, j), "and");
        }
    out->heading = tx_is_heading(text, start, end);
    if (end - start > 4 && text[start] == '[' && text[start + 1] == '^') {
        /* "[^4]: For example a military statement in mid-July ...": a
         * Markdown footnote's text tells about a figure, not an incident */
        const char *close = memchr(text + start, ']', end - start);
        if (close && close + 1 < text + end && close[1] == ':')
            out->ignore = 2;
    }
    out->clock = out->heading ? tx_clock_at(text, start, end) : -1;
    if (tx_is_citation(text, start, end) || out->heading)
        out->ignore = 2;
    if (fm_tx_is_label(text, start, end)) {
        out->ignore = 2;
        out->label = 1;
        out->nplace = 0; /* (a reporter's seat: "REPORTER, WANA (English):") */
        return;
    }
    out->old_year = tx_names_old_year(text, start, end, ref);
    out->nplace = fm_text_places(ctx, opt->gz, opt->lx, text, start, end, out->place,
                                 TX_MAX_PLACES);
    if (out->nplace > TX_MAX_PLACES)
        out->nplace = TX_MAX_PLACES;
    /* "The Taliban spokesman, Sajjad Mohmand, phoned": a man's name */
    for (size_t i = 0; i < out->nplace; i++) {
        static const char *const roles[] = {"spokesman, ", "spokesperson, ", "commander, ",
                                            "leader, ", "chief, ", NULL};
        size_t o = out->place[i].off, g = o;
        if (g < start + 2 || text[g - 1] != ' ' || !isalpha((unsigned char)text[g - 2]))
            continue;
        g--;
        while (g > start && isalpha((unsigned char)text[g - 1]))
            g--; /* the given name */
        if (!isupper((unsigned char)text[g]) || g == o - 1)
            continue;
        for (size_t r = 0; roles[r]; r++) {
            size_t l = strlen(roles[r]);
            if (g >= start + l && !strncmp(text + g - l, roles[r], l))
                out->place[i].metonym = 1;
        }
    }
    {
        /* "Q (a daily from Lahore): ... the BSF says it killed four Rangers
         * near Sialkot": where the asker's paper is, not where it happened */
        size_t tag = tx_question_tag_end(text, start, end);
        for (size_t i = 0; i < out->nplace && tag; i++)
            if (out->place[i].off < tag)
                out->place[i].metonym = 1;
    }
    /* a name inside a party's ("Baloch Raji Aajoi Sangar") is not a place */
    for (size_t i = 0; i < out->nplace; i++)
        for (size_t k = 0; k < np; k++)
            if ((out->place[i].off >= parties[k].off &&
                 out->place[i].off < parties[k].off + parties[k].len) ||
                (out->place[i].off + out->place[i].len + 1 == parties[k].off &&
                 text_names_party(text, &out->place[i], parties[k].name)))
                out->place[i].metonym = 1; /* (nor the territory that qualifies
                                            * it: "the Azad Kashmir authorities") */
}
