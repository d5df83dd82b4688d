/* extract_step.c: one sentence into the incidents being assembled: whether it
 * starts an incident or adds to the current one (figures, claims, a corrected
 * toll), and where and when that incident is, from the sentence, the
 * paragraph, the section or the dateline. The tx_assembler (extract.c) owns
 * the incident list and the toll sets; incidents grow through new_incident,
 * which may move them, so a pointer to one lasts only until the next. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* "North and South Waziristan", "Upper and Lower Dir": the district named is
 * one of two the text names together. */
static int paired_district(const char *text, const fm_text_place *p)
{
    static const char *const halves[] = {"North and ", "South and ", "Upper and ",
                                         "Lower and ", NULL};
    for (size_t k = 0; halves[k]; k++) {
        size_t l = strlen(halves[k]);
        if (p->off >= l && !strncmp(text + p->off - l, halves[k], l))
            return 1;
    }
    return 0;
}

static fm_text_incident *new_incident(fm_ctx *ctx, tx_inc_list *l)
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

int tx_has_killed_toll(const tx_sentence *st)
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
    if (tx_after_word(text, st, d, "on the ") || tx_after_word(text, st, d, "on "))
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
    if (st->aggregate &&
        !(d && d->precision <= 2 && st->aggregate != 3 && d->end - d->start < 6))
        return 0; /* (not "the statements for June 16 to 30 report 118 militants
                   * ... killed": a fortnight's count) */
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


static void fallback_date(tx_assembler *a, fm_text_incident *inc, int placed)
{
    if (a->has_para_date) {
        tx_set_date(inc, &a->para_date, 0, 0.5);
        inc->date_ev.start = inc->date_ev.end = 0;
        return;
    }
    if (a->has_prev_date && !placed) {
        tx_set_date(inc, &a->prev_date, 0, 0.4);
        inc->date_ev.start = inc->date_ev.end = 0;
        return;
    }
    if (a->has_sec_date) {
        tx_set_date(inc, &a->sec_date, 0, 0.5);
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

/* "Separately, ...", "In another attack, ...": a new incident begins. */
static int new_story(const char *text, const tx_sentence *st)
{
    static const char *const cues[] = {"separately", "in another", "in a separate",
                                       "elsewhere", "in a similar", "earlier", "also on",
                                       "meanwhile", "same day", "on the same day", "the same day",
                                       NULL};
    return tx_word_of_at(text, st->end, st->start, cues);
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

static const struct {
    const char *words;
    int shift;
} rel_days[] = {{"the same day", 0},      {"that day", 0},          {"the next day", 1},
                {"the following day", 1}, {"the day before", -1},   {"a day later", 1},
                {"the previous day", -1}, {"two days later", 2},    {"three days later", 3},
                {"four days later", 4},   {"five days later", 5},   {"a week later", 7},
                {"hours later", 0},       {"two days earlier", -2}, {"a day earlier", -1},
                {NULL, 0}};

/* "The next day, Thursday, the army said ...": the day after the incident
 * before (prev), when the sentence names that day's weekday too (a new
 * day's story, not "the next day the toll rose"); the date into *out. */
static int next_day_named(const char *text, const tx_sentence *st, const fm_text_incident *prev,
                          fm_text_date *out)
{
    if (!prev || prev->date_start == FM_DAY_NONE || prev->date_precision != 1)
        return 0;
    for (size_t k = 0; rel_days[k].words; k++)
        for (size_t i = st->start; i < st->end; i++)
            if (fm_tx_word_at(text, st->end, i, rel_days[k].words)) {
                fm_day day = prev->date_start + rel_days[k].shift;
                int wd = (int)((day + 3) % 7); /* (0 Monday; 1970-01-01 a Thursday) */
                size_t w = fm_tx_skip_space(text, st->end, i + strlen(rel_days[k].words)), wl;
                if (w < st->end && text[w] == ',')
                    w = fm_tx_skip_space(text, st->end, w + 1);
                if (fm_tx_weekday_at(text + w, st->end - w, &wl) != (wd < 0 ? wd + 7 : wd))
                    return 0;
                memset(out, 0, sizeof *out);
                out->start = out->end = day;
                out->precision = 1;
                out->relative = 1;
                out->has_year = 1;
                out->off = i - st->start;
                out->len = w + wl - i;
                return 1;
            }
    return 0;
}

/* Whether the sentence ends with its day d (but for a stop or a colon). */
static int ends_with_day(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    size_t e = st->start + d->off + d->len;
    while (e < st->end && strchr(".: \n", text[e]))
        e++;
    return e >= st->end;
}

/* "the same day", "the next day": a date told against the incident before. */
static int same_day_as(tx_assembler *a, const tx_sentence *st, fm_text_incident *inc)
{
    const fm_text_incident *prev;
    if (!a->out.n || a->out.n < 2 || (a->has_para_date && a->para_heads))
        return 0; /* ("3.4 Akakhel, 27 July 2012. The next day, ...": the day
                   * the section's opening gives) */
    prev = &a->out.v[a->out.n - 2];
    fm_day base = prev->date_start;
    if (a->has_para_date && a->para_date.precision == 1 && a->para_date.start != FM_DAY_NONE &&
        !a->para_date.relative)
        base = a->para_date.start; /* ("6. Dabori area, 24.05.2009. On Sunday, 24 May
                                    * 2009, the operation ... reported twelve militants
                                    * killed that day": the paragraph's day, not the
                                    * item's before) */
    else if (prev->date_start == FM_DAY_NONE || prev->date_precision != 1)
        return 0;
    for (size_t k = 0; rel_days[k].words; k++)
        for (size_t i = st->start; i < st->end; i++)
            if (fm_tx_word_at(a->doc->text, st->end, i, rel_days[k].words)) {
                inc->date_start = inc->date_end = base + rel_days[k].shift;
                inc->date_precision = 1;
                inc->date_conf = 0.7;
                inc->date_ev.start = i;
                inc->date_ev.end = i + strlen(rel_days[k].words);
                return 1;
            }
    return 0;
}

/* Places inc at the mention p of sentence st: in the district the document
 * is about when st names no district of its own and the name is there; else
 * with st's districts and provinces as hints; else (fallback) where the other
 * places st names say. */
static void place_incident(tx_assembler *a, const tx_sentence *st, const fm_text_place *p,
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
    if (inc->geo_precision)
        tx_resolve_across_border(a->ctx, a->opt, a->doc->text, st, p, inc, conf);
}

/* Places inc at the point its sentence gives, if it gives one. */
static void place_at_coords(tx_assembler *a, const tx_sentence *st, fm_text_incident *inc)
{
    if (st->has_coord)
        tx_place_at_point(a->opt, st->coord_lat, st->coord_lon, inc);
}

/* The point a paragraph gave places its incident when it told one only (a
 * map mark's, a table row's); called as the paragraph ends. */
void tx_place_para_at_coords(tx_assembler *a)
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

/* Whether p lies in the incident's district (or is it). */
static int same_district(const fm_text_place *p, const fm_text_incident *inc)
{
    const char *d = !p->place                                                   ? NULL
                    : p->kind_rank == 2 || p->place->kind == FM_PLACE_DISTRICT ? p->place->name
                                                                                : p->place->admin2;
    return d && inc->admin2[0] && !strcmp(d, inc->admin2);
}

/* "BANNU: Eight people were killed on Friday ...": a brief's own dateline,
 * past the document's head, where a sentence that names no other place
 * happened; or NULL. */
static const fm_text_place *brief_dateline(const tx_assembler *a, const tx_sentence *st)
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

/* Whether the sentence refers back to an attack told before it with a
 * demonstrative ("in that attack", "in that bombing"). */
static int that_attack(const char *text, const tx_sentence *st)
{
    static const char *const that[] = {"that attack", "that bombing", "that blast",
                                       "that explosion", "that massacre", "that assault",
                                       "those attacks", "those bombings", NULL};
    static const char *const opens[] = {"the attack", "the suicide attack", "the bombing",
                                        "the suicide bombing", "the blast", "the massacre",
                                        NULL};
    for (size_t i = st->start; i < st->end; i++)
        for (size_t k = 0; that[k]; k++)
            if (fm_tx_word_at(text, st->end, i, that[k]))
                return 1;
    for (size_t k = 0; opens[k]; k++)
        if (fm_tx_word_at(text, st->end, fm_tx_skip_space(text, st->end, st->start), opens[k]))
            return 1;
    return 0;
}

/* "7:52 PM \xC2\xB7 7 Feb 2015", "SMS to journalists, 16:45, Friday 18 April
 * 2014": a post's time stamp, on a line of its own below its text (a
 * clock time and one whole day, nothing told). */
static int stamp_line(const char *text, const tx_sentence *st, const fm_text_date *d)
{
    int clock = 0;
    if (!d || d->precision != 1 || !d->has_year || d->relative || st->ntoll || st->nplace ||
        st->end - st->start > 80)
        return 0;
    for (size_t i = st->start; i < st->end && !clock; i++)
        clock = (i == st->start || !fm_tx_is_word_char((unsigned char)text[i - 1])) &&
                tx_clock_at(text, i, st->end) >= 0;
    return clock;
}

/* "Update (22 August, 08:00).": the day a later word on the story came,
 * not a story of its own. */
static int update_label(const char *text, const tx_sentence *st)
{
    static const char *const labels[] = {"update", "updated", "later", "correction",
                                         "addendum", NULL};
    return st->end - st->start <= 40 && !st->ntoll && !st->nplace &&
           tx_word_of_at(text, st->end, st->start, labels);
}

void tx_sentence_step(tx_assembler *a, tx_sentence *st)
{
    const fm_text_place *p = tx_pick_place(a->doc->text, st);
    fm_text_date scratch;
    const fm_text_date *d = tx_pick_date(a->doc->text, st, &a->ref, &scratch);
    fm_text_incident *inc;
    fm_text_date that;
    int lead, fresh = 0;
    if (st->ignore >= 2)
        a->ignored_para = st->para;
    else if (st->para == a->ignored_para && that_attack(a->doc->text, st))
        st->ignore = 2; /* "Candles were lit in memory of the people killed in the
                         * bombing on February 13, 2017. Thirteen people were
                         * killed in that attack.": the remembered attack's toll; so
                         * is one the paragraph's next sentence opens with: "the
                         * second anniversary of the Nishtar Park bombing ... The
                         * suicide attack on 11 April 2006 killed 57") */
    if (st->heading)
        a->in_notes = notes_heading(a->doc->text, st);
    else if (a->in_notes)
        return; /* "(219) Dawn, Six soldiers killed in Tirah clash, 16 January
                 * 2013, url": a source's headline, not an incident of its own */
    if (a->has_coord && st->para != a->coord_para)
        tx_place_para_at_coords(a);
    if (st->has_coord) {
        a->has_coord = 1;
        a->coord_para = st->para;
        a->coord_lat = st->coord_lat;
        a->coord_lon = st->coord_lon;
    }
    if (st->para != a->para && a->field_para && st->para <= a->field_para &&
        fm_tx_field_line(a->doc->text, st->start, st->end)) {
        /* the next field of a record written one field a list item: what
         * its "Occurrence:" or "Location:" said still holds */
        a->para = st->para;
        a->field_para = st->para + 1;
    } else if (st->para != a->para) {
        /* a news story goes on in the next paragraph ("The ISPR said 19
         * militants were also killed"); two paragraphs on, it is told */
        a->para = st->para;
        a->field_para = 0;
        if (a->has_cur && a->cur_told + 1 < st->para &&
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
        d = tx_nearest_year(d, &a->para_date, &that); /* "3.4 Akakhel, 27 July 2012. ... 26
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
    if (d && a->has_para_date && tx_publication_date(a->doc->text, st, d))
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
    if (a->has_cur && d && !st->correction && !update_label(a->doc->text, st) &&
        !tx_speech_date(a->doc->text, st, d) &&
        !tx_publication_date(a->doc->text, st, d) &&
        (st->event || tx_has_killed_toll(st) || st->ignore || d->precision < 3)) {
        /* a sentence with a date of its own moves the story on (a month named
         * in one that tells nothing happening, "it is like Kohistan in
         * February", does not) */
        const fm_text_incident *cur = &a->out.v[a->cur_i];
        if (cur->date_start != FM_DAY_NONE &&
            (d->start > cur->date_end || d->end < cur->date_start))
            a->has_cur = 0;
    }
    int spoke = d && tx_speech_date(a->doc->text, st, d);
    if (st->correction && tx_has_killed_toll(st) && !d && p && p->place && st->ignore < 2 &&
        !st->aggregate) {
        /* "This story corrects the death toll in paragraph 3 ... the correct
         * toll for the Timergara bombing is 45": a revision that names the
         * place of an incident told before, however far back */
        size_t k = a->out.n;
        while (k > 0 && strcmp(a->out.v[k - 1].place_name, p->place->name))
            k--;
        if (k > 0 && (!a->has_cur || a->cur_i != k - 1)) {
            tx_add_tolls(st, &a->tolls[k - 1], 1);
            goto remember;
        }
    }
    if (a->has_cur && st->ignore < 2 && !st->aggregate &&
        !(a->para_attack && a->out.v[a->cur_i].para != st->para && !st->correction &&
          !st->anaphora) && /* ("17:40 - A bomber struck a rally at Dringarh, Mastung
                             * district. At least 85 dead.": the paragraph's own place,
                             * not the story before) */
        !(!p && a->para_place && a->para_place_attack && a->para_place->place &&
          a->out.v[a->cur_i].para != st->para &&
          !place_again(a->para_place, &a->out.v[a->cur_i]) &&
          !same_district(a->para_place, &a->out.v[a->cur_i]) && !st->correction &&
          !st->anaphora) && /* (nor when its paragraph has told a dated attack at a place
                             * of its own, in another district, before the toll: "ISPR (Thu 26 Aug):
                             * terrorists attacked a post near Bar Bin village; one
                             * soldier embraced shahadat") */
        ((!(p && !area_of(p, &a->out.v[a->cur_i]) &&
             !(place_again(p, &a->out.v[a->cur_i]) && (!d || spoke))) &&
          (!d || spoke || same_days(&a->out.v[a->cur_i], d)) &&
          (tx_has_killed_toll(st) || st->anaphora || st->correction)) ||
         (st->correction && tx_has_killed_toll(st) && (!d || !p)))) {
        /* (a toll revised "on Tuesday" is dated by the revision, not the attack) */
        /* more about the incident being told */
        inc = &a->out.v[a->cur_i];
        tx_add_tolls(st, &a->tolls[a->cur_i], st->correction);
        tx_set_type(st, inc);
        inc->ev.end = st->end;
        a->cur_told = st->para; /* (the story goes on a paragraph further from here) */
        goto remember;
    }
    if (st->para <= a->ref_para + 1 && st->para <= 1)
        for (size_t i = 0; i < st->nplace; i++)
            if (st->place[i].place && st->place[i].kind_rank == 2 && !st->place[i].metonym &&
                st->place[i].place != a->doc_area) {
                /* the head names one district: the document is about it
                 * (not "North and South Waziristan": two) */
                a->doc_area = a->doc_areas++ || paired_district(a->doc->text, &st->place[i])
                                  ? NULL
                                  : st->place[i].place;
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
        int sub = !p && (!d || tx_statement_heading(a->doc->text, st)) &&
                  (a->sec_place || a->has_sec_date) && st->para <= a->sec_para + 3;
        /* ("Statement of the BRA, 28 April" under "4. Panjgur district, 27
         * April": the group's answer is about the section's place) */
        if (!sub) {
            a->sec_place = NULL;
            a->has_sec_date = 0;
        }
        if (a->has_cur && stamp_line(a->doc->text, st, d)) {
            /* a post dated by the stamp below it: the day its section's
             * month ("1. Peshawar, April 2014") held */
            fm_text_incident *cur = &a->out.v[a->cur_i];
            if (cur->para + 1 == st->para && cur->date_precision >= 3 &&
                cur->date_start <= d->start && d->end <= cur->date_end)
                tx_set_date(cur, d, st->start, 0.8);
        }
        a->sec_para = st->para;
        if (p && !tx_release_heading(a->doc->text, st)) {
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
            else if (stamp_line(a->doc->text, st, d))
                a->cur_told = st->para; /* (its post is the next paragraph) */
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
                a->cur_told = st->para;
                a->clock_para = st->para;
            }
        }
        if (d) {
            fm_text_date prev, near;
            if (!d->has_year && !d->relative && d->precision == 1 && a->sec_days) {
                /* "FACTBOX-Security developments in Pakistan, June 12" after
                 * the section of June 2, 2010: that year's June 12, as dated
                 * sections run on, not the one before the running date */
                memset(&prev, 0, sizeof prev);
                prev.start = prev.end = a->last_sec_day;
                d = tx_nearest_year(d, &prev, &near);
            }
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
            if (tx_statement_heading(a->doc->text, st) && d->precision == 1) {
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
    if (!d && a->out.n && !(a->has_para_date && a->para_heads) &&
        next_day_named(a->doc->text, st, &a->out.v[a->out.n - 1], &that))
        d = &that; /* ("Newsletter No. 14 -- March 2011 ... On Wednesday 16 February
                    * ... The next day, Thursday, the army said") */
    if (!p)
        p = brief; /* (and its paragraph's place) */
    if (tx_only_since_dates(a->doc->text, st))
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
        tx_set_date(inc, d, st->start, d->relative ? 0.7 : d->has_year ? 0.9 : 0.8);
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
        tx_add_tolls(st, &a->tolls[a->cur_i], 0);
        tx_set_type(st, cur);
        cur->ev.end = st->end;
        goto remember;
    }
    tx_add_tolls(st, &a->tolls[a->out.n - 1], 0);
    tx_set_type(st, inc);
    a->cur_i = a->out.n - 1;
    a->cur_told = st->para;
    a->has_cur = 1;
    fresh = 1;
remember:
    for (size_t i = 0; i < st->nplace; i++)
        if (st->place[i].kind_rank == 2 && st->place[i].place && !st->place[i].metonym &&
            !st->place[i].hometown && st->ignore < 2) {
            a->para_area = st->place[i];
            a->has_para_area = 1;
        }
    if (d && (!st->ignore || tx_has_killed_toll(st)) &&
        (!a->field_day || st->field == TX_FIELD_DAY)) {
        /* (a funeral's or a meeting's date does not date the paragraph; nor
         * any date but its own field a record's) */
        a->para_date = *d;
        a->has_para_date = 1;
        a->field_day = st->field == TX_FIELD_DAY;
        if (a->field_day)
            a->field_para = st->para + 1;
        a->para_heads = !st->event && !st->ntoll && d->precision == 1 && !d->relative &&
                        (st->end - st->start < 64 ||
                         (st->end - st->start < 128 && ends_with_day(a->doc->text, st, d)));
        /* ("3.6 Imambargah Aun Muhammad Rizvi, Chaklala, Rawalpindi - 18th
         * February 2015.": a section's title ending in its day heads it) */
    }
    if (p && st->ignore < 2 && st->event && !tx_has_killed_toll(st) && !st->anaphora && fresh)
        a->para_attack = 1; /* an attack told, its toll to come (one that goes
                             * on with the story before is that story's) */
    if (p && (!st->ignore || tx_has_killed_toll(st) || (st->ignore == 1 && st->event)) &&
        (st->field == TX_FIELD_PLACE ? p->kind_rank + 1 >= a->field_place : !a->field_place)) {
        /* (an attack on a rally or a meeting places its paragraph; a
         * record's "Location:" field places it over a town named in passing,
         * "Impact on access: WFP convoy to Miranshah postponed") */
        a->para_place_st = *st;
        a->para_place_attack = st->event && !tx_has_killed_toll(st) && (d || a->has_para_date);
        a->para_place = &a->para_place_st.place[p - st->place];
        if (st->field == TX_FIELD_PLACE)
            a->field_place = p->kind_rank + 1;
        if (st->field == TX_FIELD_PLACE || st->field == TX_FIELD_DAY)
            a->field_para = st->para + 1;
    }
}

/* Gives the party the document took as its own voice to the latest incident
 * that party gave a figure for (in this paragraph or the few before it). */
void tx_adopt_figure(tx_assembler *a, size_t para)
{
    for (size_t k = a->out.n; k > 0 && a->out.n - k < 4; k--) {
        tx_toll_set *ts = &a->tolls[k - 1];
        if (a->out.v[k - 1].para + 6 < a->adopt_para)
            break;
        if (tx_party_total(ts, a->adopt, 1, NULL).any) {
            snprintf(ts->adopted, sizeof ts->adopted, "%s", a->adopt);
            a->adopt[0] = '\0';
            return;
        }
    }
    if (para > a->adopt_para + 1)
        a->adopt[0] = '\0';
}
