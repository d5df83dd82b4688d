/* extract_priv.h: one sentence as the extractor reads it (extract_read.c and
 * its parts), the assembler's state (extract.c and its parts), and the
 * helpers those files share; nothing outside text/extract*.c includes it. */
#ifndef FM_EXTRACT_PRIV_H
#define FM_EXTRACT_PRIV_H

#include "text/text_priv.h"

#define TX_MAX_TOLLS 16
#define TX_MAX_DATES 8
#define TX_MAX_PLACES 16

/* A toll: a count said to have died (killed 1) or been hurt (killed 0). */
typedef struct {
    fm_count c;
    size_t off, end;         /* in the document: the count to its verb */
    int killed;
    const char *victims;     /* actor of the victims (lexicon), or "" */
    char noun[24];           /* the victims as written ("soldiers"), or "" */
    int civilians;           /* 1 civilians, 0 not, -1 unknown ("people") */
    char party[64];          /* who said it, or "" */
    int party_group;         /* the party speaks for an armed group the lexicon does
                              * not know ("Fazlullah's spokesman") */
    int breakdown;           /* part of a figure already counted ("5 of them") */
    int total;               /* a running total ("bringing the death toll to
                              * eight"): it holds the same party's figures told
                              * before it in the sentence */
    int owned;               /* named as a party's figure ("the ISPR figure of
                              * six"): an account of an attack told before */
} tx_toll;

typedef struct {
    size_t start, end, para;
    tx_toll toll[TX_MAX_TOLLS];
    size_t ntoll;
    fm_text_date date[TX_MAX_DATES];
    size_t ndate;
    fm_text_place place[TX_MAX_PLACES];
    size_t nplace;
    const fm_lex_entry *event; /* the most specific event cue, or NULL */
    size_t event_off;
    const char *perp;          /* actor named as doing it, or NULL */
    char responsible[64];      /* "... claimed responsibility" */
    char adopts[64];           /* the party whose figure the document takes as its own
                                * ("We use the ISPR figure"), or "" */
    int bare_total;            /* only "Total 6.": a toll only after one of its paragraph */
    int adopt_cue;             /* a cue of adopting a figure, with or without a party
                                * ("This replaces every figure given earlier") */
    char speaker[64];          /* the sentence's one attributed party ("The ISPR said
                                * ..."), or "": its reported speech may go on */
    int label;                 /* only a speaker's label ("REPORTER, WANA:") */
    int heading;               /* a line of its own with no end stop ("2.1 Datta Khel, 3
                                * September 2010"): the section it heads is about it */
    int clock;                 /* a heading that opens with a time of day ("19:05 -
                                * Final toll"): its minute of the day, else -1 */
    int says;                  /* a verb of saying is in it ("the hospital put the toll at") */
    int says_pronoun;          /* ... said by "he", "she" or "they": the speaker before */
    int ignore;                /* 2: not an incident; 1: not unless a toll is given */
    int aggregate;             /* figures are totals over a period (2 while reading:
                                * only "a total of", which needs a period too) */
    int correction;            /* "the toll rose to", "later died", "revised" */
    int anaphora;              /* "the attack", "the blast": refers back */
    int country_pk, country_af;
    int has_coord;             /* the sentence gives a point: "(coordinates: 32.96, 69.59)",
                                * "34.0151° N, 71.5249° E" */
    double coord_lat, coord_lon;
    int old_year;              /* names a year before the dateline's */
    tx_field field;            /* a record's field line: what its label says the
                                * value is ("Location:", "Date of report:") */
} tx_sentence;

/* ---- what the assembler keeps (extract.c, extract_step.c, extract_figures.c) */

/* Every toll an incident was told with, kept until the end so that figures
 * from several sentences and parties add up the way a reader adds them. */
#define TX_INC_MAX_TOLLS 24
typedef struct {
    char party[64];   /* "" the document's own voice */
    int party_group;  /* (as tx_toll's) */
    const char *victims;
    char noun[24];
    fm_count c;
    int killed;
    int correction;   /* replaces what the same party said of the same victims */
    int owned;        /* named as the party's figure ("the military's figure of seven") */
    size_t sent;      /* the sentence it came from (its start) */
    fm_span ev;
} tx_inc_toll;

typedef struct {
    tx_inc_toll t[TX_INC_MAX_TOLLS];
    size_t n;
    char adopted[64]; /* the party whose figure the document takes as its own, or "" */
} tx_toll_set;

/* One party's figure for one kind of casualty (extract_figures.c). */
typedef struct {
    long best, lo, hi; /* hi -1: open */
    int approx, any;
    fm_span ev;
} tx_total;

/* The incidents found so far; v is owned by the list (freed by fm_extract_run's
 * caller through the result, or on failure). */
typedef struct {
    fm_text_incident *v;
    size_t n, cap;
} tx_inc_list;

/* A document being read: the assembler's state between sentences (extract.c
 * owns it and its arrays; extract_step.c moves it on a sentence at a time). */
typedef struct {
    fm_ctx *ctx;
    const fm_extract_opts *opt;
    const fm_doc *doc;
    fm_text_date ref;
    tx_inc_list out;
    tx_toll_set *tolls; /* one per incident of out */
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
    int para_place_attack; /* para_place is where an attack told with its day
                            * and without its toll was */
    int field_place; /* para_place is a record's "Location:" field: 1 + its kind rank */
    int field_day;   /* para_date is a record's "Date of incident:" field */
    size_t field_para; /* the paragraph of the record's last when or where field,
                        * plus one (0: none): "- **Occurrence:** ..." then "- **Brief
                        * facts:** ...", one field a list item, are one record */
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
    size_t cur_told;     /* the last paragraph that told of the current incident */
    size_t ignored_para; /* the paragraph of the last sentence told as background
                          * (an anniversary, a memorial), or (size_t)-1 */
    fm_span title_years; /* the days of the years the title names ({0, 0} none) */
    /* the point the current paragraph gives ("(coordinates: 26.016, 63.889)"
     * closing a map mark's text): its one incident is there */
    size_t coord_para;
    int has_coord;
    double coord_lat, coord_lon;
} tx_assembler;

/* A party named as a speaker in a sentence (extract_parties.c). */
typedef struct {
    size_t off, len, end; /* end: past any "(TTP)" after the name */
    char name[64];
    int rejects; /* "a figure the military rejected": the party denies, not tells */
    int group;   /* a group's voice the lexicon does not know ("Fazlullah's spokesman") */
} tx_party_at;

/* The mention that is the sentence's place, or NULL (extract_place.c). */
const fm_text_place *tx_pick_place(const char *text, const tx_sentence *st);
/* Resolves mention p of sentence st into inc (place as written, point,
 * precision, admin names, confidence conf times the geocoder's score), with
 * the district and province mentions beside it as hints. */
void tx_resolve_place(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                      const tx_sentence *st, const fm_text_place *p, const fm_text_place *hint2,
                      const fm_text_place *hint1, fm_text_incident *inc, double conf);
/* A name placed in the other country than a district the sentence names
 * (even as a speaker's seat), which holds a place of that name: there. */
void tx_resolve_across_border(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                              const tx_sentence *st, const fm_text_place *p,
                              fm_text_incident *inc, double conf);
/* A town or village the sentence names with no district of its own, looked
 * for in the district (or province) the document is about; 1 when placed. */
int tx_resolve_in_area(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                       const tx_sentence *st, const fm_text_place *p, const fm_place *area,
                       fm_text_incident *inc, double conf);
/* When tx_resolve_place left inc unplaced: the other places st names, as the
 * district to look in, else as the area it lies in (precision 2-3). */
void tx_resolve_fallback(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                         const tx_sentence *st, const fm_text_place *p, fm_text_incident *inc,
                         double conf);
/* The distance between two points in metres, equirectangular: enough for
 * thresholds of tens of kilometres (the geodesic costs more). */
double tx_metres_apart(double lat1, double lon1, double lat2, double lon2);
/* Fills inc's resolved place fields from p at (lon, lat), with precision and
 * place confidence conf (extract_place.c). */
void tx_fill_place(fm_text_incident *inc, const fm_place *p, double lon, double lat,
                   int precision, double conf);
/* After the document is read: an incident far from all the others, in a
 * district not theirs, moved to a namesake in the district most of them
 * are in. */
/* A name left unplaced among same-named places in several districts is the
 * one whose district the document names, when it names only one of them
 * ("the Tirah valley" in a report on Khyber and Orakzai: Khyber's, not
 * Bajaur's village). */
/* Whether b tells a's toll again: the same killed figure, b's day from the
 * day before a's to two days after it (a statement answering an attack). */
int tx_toll_told_again(const fm_text_incident *a, const fm_text_incident *b);
void tx_resolve_same_name(fm_text_incident *v, size_t n);
void tx_resolve_by_context(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                           size_t len, fm_text_incident *v, size_t n);
/* A district of another country, named like a place of the country the
 * document's incidents lie in, is that place ("Shakardara" in a Swat file). */
void tx_resolve_by_country(fm_ctx *ctx, const fm_extract_opts *opt, fm_text_incident *v,
                           size_t n);
/* extract_country.c: a name the gazetteer alone placed in the other country than
 * every other incident's ("Charbagh": Faryab's town by an alias) is that
 * country's place of the name */
void tx_resolve_lone_country(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                             size_t len, fm_text_incident *v, size_t n);
void tx_resolve_by_majority(fm_ctx *ctx, const fm_extract_opts *opt, fm_text_incident *v,
                            size_t n);

/* The text gives the incident's point: it is there (precision 1), in the
 * district whose area holds it; the place resolved from its name is kept
 * when it lies within 25 km of the point, else its name as written. */
void tx_place_at_point(const fm_extract_opts *opt, double lat, double lon, fm_text_incident *inc);

/* Reads sentence [start, end) of text (offsets in the document). */
void tx_sentence_read(fm_ctx *ctx, const fm_extract_opts *opt, const char *text, size_t start,
                      size_t end, size_t para, const fm_text_date *ref, tx_sentence *out);

/* A sentence that tells two incidents ("killing four militants in Khadizai
 * on 21 October and eight in the Mamozai area on 29 October"): st keeps
 * the first, second gets the second (its tolls, places and dates, or the
 * first's dates when it has none); 0 and st as it was (but for a count whose
 * verb is an earlier toll's, added) when it tells one. */
/* The places a sentence lists with one share each ("ten in each"), each as
 * a sentence of its own in parts (at most max); 0 when it lists none. */
#define TX_MAX_EACH 6
size_t tx_sentence_each(const char *text, const tx_sentence *st, tx_sentence *parts, size_t max);
int tx_sentence_split(const char *text, tx_sentence *st, tx_sentence *second);

/* ---- the helpers the extract files share, by the file that defines them; each
 * is described where it is defined. */

/* extract_date.c: the day a sentence's incident happened */
int tx_only_since_dates(const char *text, const tx_sentence *st);
int tx_speech_date(const char *text, const tx_sentence *st, const fm_text_date *d);
int tx_after_word(const char *text, const tx_sentence *st, const fm_text_date *d,
                  const char *word);
int tx_publication_date(const char *text, const tx_sentence *st, const fm_text_date *d);
const fm_text_date *tx_pick_date(const char *text, const tx_sentence *st,
                                 const fm_text_date *ref, fm_text_date *scratch);
/* d moved to the year that puts it nearest to the day near, into *out
 * (d itself when that is its own year). */
const fm_text_date *tx_nearest_year(const fm_text_date *d, const fm_text_date *near,
                                    fm_text_date *out);
void tx_set_date(fm_text_incident *inc, const fm_text_date *d, size_t base, double conf);

/* extract_figures.c: an incident's figures, type and actors */
void tx_add_tolls(const tx_sentence *st, tx_toll_set *ts, int correction);
tx_total tx_party_total(const tx_toll_set *ts, const char *party, int killed, const char *group);
int tx_armed_group(const fm_lexicon *lx, const char *party);
/* The army, the ISPR and "the military" named for one incident speak as
 * one party (the name the text gave first). */
void tx_merge_party_family(tx_toll_set *ts);
void tx_settle_figures(const fm_lexicon *lx, fm_text_incident *inc, const tx_toll_set *ts);
void tx_set_type(const tx_sentence *st, fm_text_incident *inc);

/* extract_merge.c: accounts of one incident merged */
void tx_drop_quiet_protests(tx_inc_list *l);
void tx_dedupe(const fm_lexicon *lx, tx_inc_list *l, int newest_first);

/* extract_statement.c: who speaks for a whole text */
void tx_author_of(const fm_lexicon *lx, const char *text, size_t len, char *out, size_t cap);
int tx_statement_ends(const char *text, size_t start, size_t end);
int tx_statement_heading(const char *text, const tx_sentence *st);
/* Whether the heading st heads a statement or a numbered press release: the
 * place it names is where it was issued, not where anything happened. */
int tx_release_heading(const char *text, const tx_sentence *st);
/* "OFFICIAL (Levies, Jafarabad, 12 Feb): ...", "CLAIM (Baloch Republican
 * Army, spokesman ..., 12 Feb): ...": a paragraph labelled with its source
 * in brackets is that party's (its name into out, "" when the lexicon does
 * not know it); 0 when the paragraph has no such label. */
/* Whether text[lo, hi) opens with a label of capitals and its source in
 * brackets closed by "):" ("CLAIM (BRA, Sarbaz Baloch, 12 Feb): ..."): the
 * brackets' inside is [*open, *close). */
int tx_label_brackets(const char *text, size_t lo, size_t hi, size_t *open, size_t *close);
/* A transcript's turns (extract_statement.c): whether the paragraph at lo
 * opens with a speaker's tag ("DG ISPR:": 1, the party it names in out, or
 * "") or a question's ("Q (Dawn):": 2); 0 when it opens with neither. A
 * transcript has at least two of each (answers naming a party). */
int tx_turn_tag(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                size_t cap);
int tx_is_transcript(const fm_lexicon *lx, const char *text, size_t len);
/* Where a question's tag at lo ends ("Q (a daily from Lahore): "), or 0. */
size_t tx_question_tag_end(const char *text, size_t lo, size_t hi);
/* Whether the sentence weighs the parties' figures in the document's own
 * voice ("finds no basis for the higher figure; the toll stands at five",
 * "The figure of nine is borne out by the inquest reports"): not the
 * paragraph's last speaker's. */
int tx_weighs_claims(const char *text, size_t start, size_t end);
/* Whether a sentence rebuts what was just quoted ("This is a lie.", "The
 * truth is that ..."): the quoted party no longer speaks. */
int tx_rebuts(const char *text, size_t start, size_t end);
/* A paragraph that opens with its party's account ("TTP rebuttal, October 4
 * (...): only two ...", "BLA statement: ..."): 1 and the party in out. */
int tx_lead_party(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                  size_t cap);
int tx_label_party(const fm_lexicon *lx, const char *text, size_t lo, size_t hi, char *out,
                   size_t cap);
void tx_section_author(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                       char *out, size_t cap);
int tx_forwarded_from(const fm_lexicon *lx, const char *text, size_t len, size_t lo,
                      char *out, size_t cap);

/* extract_step.c: one sentence into the incidents being assembled */
int tx_has_killed_toll(const tx_sentence *st);
void tx_place_para_at_coords(tx_assembler *a);
void tx_sentence_step(tx_assembler *a, tx_sentence *st);
void tx_adopt_figure(tx_assembler *a, size_t para);

/* extract_context.c: the words around a count */
size_t tx_next_word(const char *s, size_t n, size_t i);
int tx_clause_break(const char *s, size_t a, size_t b);
int tx_word_before(const char *s, size_t lo, size_t i, const char *const *words);
/* Whether one of words (a list ending in NULL) stands at i, past the
 * spaces. */
int tx_word_of_at(const char *s, size_t n, size_t i, const char *const *words);
int tx_money_before(const char *s, size_t lo, size_t i);
int tx_age_before(const char *s, size_t lo, size_t i);
int tx_taken_before(const char *s, size_t lo, size_t i);
int tx_period_sum_before(const char *s, size_t lo, size_t i);
int tx_sum_after(const char *s, size_t n, size_t i);
/* The party that signs a paragraph quoted whole ('"..." -- statement of
 * Lashkar-e-Islam, 8 April 2013') into out; out untouched when none. */
void tx_quote_signer(const fm_lexicon *lx, const char *s, size_t lo, size_t hi, char *out,
                     size_t cap);
int tx_crime_charged_before(const char *s, size_t lo, size_t i);
int tx_unit_after(const char *s, size_t n, size_t i);
int tx_in_parens(const char *s, size_t start, size_t i);
int tx_breakdown_before(const fm_lexicon *lx, const char *s, size_t start, size_t i);
size_t tx_dash_len(const char *s, size_t n, size_t k);
int tx_in_dash_aside(const char *s, size_t lo, size_t i, const tx_sentence *st);
int tx_other_event_before(const char *s, size_t lo, size_t i);
int tx_the_ones(const char *s, size_t lo, size_t n, size_t i, size_t used);
int tx_page_before(const char *s, size_t lo, size_t i);
int tx_revised_before(const char *s, size_t lo, size_t i);
int tx_excluded(const char *s, size_t lo, size_t n, size_t at);
int tx_denied_before(const char *s, size_t lo, size_t i);
int tx_superseded(const char *s, size_t lo, size_t i);
int tx_cue_after(const char *s, size_t i, size_t n, const char *stops,
                 const char *const *cues);
int tx_rejected_after(const char *s, size_t i, size_t n);
int tx_negated_before(const char *s, size_t lo, size_t i);
int tx_in_party_name(const fm_lexicon *lx, const char *s, size_t lo, size_t i);
int tx_listed_after_colon(const char *s, const tx_sentence *st, size_t i);
int tx_total_before(const char *s, const tx_sentence *st, size_t i);
int tx_verb_ends_at(const char *s, size_t at, size_t i);
int tx_breakdown_after(const char *s, size_t n, size_t i, int total_before, int verb_right_before);

/* extract_verbs.c: the verb and victims a count is tied to */
const fm_lex_entry *tx_victim_at(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                                 size_t *at, size_t *len);
const fm_lex_entry *tx_victim_after(const fm_lexicon *lx, const char *s, size_t n, size_t i);
const fm_lex_entry *tx_verb_after(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                                  size_t *at, size_t *len, int *killed);
const fm_lex_entry *tx_verb_before(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                                   size_t i, size_t *at, int *killed, size_t *gap_words);
long tx_named_ranks(const char *s, size_t lo, size_t end);

/* extract_persons.c: people counted without a figure; counts inside larger ones */
int tx_is_year(const fm_count *c);
size_t tx_article_count(const fm_lexicon *lx, const char *s, size_t n, size_t i,
                        fm_count *c);
int tx_persons_before(const fm_lexicon *lx, const char *s, size_t from, size_t i);
int tx_persons_after(const fm_lexicon *lx, const char *s, size_t from, size_t to,
                     size_t *last);
int tx_persons_between(const fm_lexicon *lx, const char *s, size_t from, size_t to);
int tx_inside_date(const tx_sentence *st, size_t off);
int tx_chained(const char *s, size_t from, size_t i);
int tx_among_after(const char *s, size_t n, size_t i);
int tx_in_all_after(const char *s, size_t n, size_t i);

/* extract_tolls.c: a sentence's tolls */
void tx_bare_total(const char *s, tx_sentence *st);
void tx_field_count(const char *s, tx_sentence *st);
void tx_lone_victim(const fm_lexicon *lx, const char *s, tx_sentence *st);
void tx_read_tolls(const fm_lexicon *lx, const char *s, tx_sentence *st);

/* extract_parties.c: who said it */
int tx_said_at(const char *s, size_t n, size_t i);
size_t tx_read_parties(const fm_lexicon *lx, const char *s, size_t lo, size_t n,
                       tx_party_at *out, size_t max);
size_t tx_unknown_spokesman(const char *s, size_t lo, size_t n, tx_party_at *out);
/* extract_orgs.c: "The traders' association later put the dead at six": a body
 * the lexicon does not know, as the subject of a verb of saying; one at most */
size_t tx_unknown_org(const char *s, size_t lo, size_t n, tx_party_at *out);
/* "a man who said he spoke for the \"mujahideen of North Waziristan\"": the
 * party a caller speaks for, in quotation marks; one at most */
size_t tx_spoke_for(const char *s, size_t lo, size_t n, tx_party_at *out);
/* "Indian newspapers, quoting unnamed army officers, reported": whom a
 * report quotes speaks (extract_orgs.c); one party at most. */
size_t tx_quoting(const fm_lexicon *lx, const char *s, size_t lo, size_t n, tx_party_at *out);
int tx_read_adopted(const fm_lexicon *lx, const char *s, size_t lo, size_t n, char *out,
                    size_t cap);
void tx_attribute(const char *s, tx_sentence *st, const tx_party_at *p, size_t np);

/* extract_cues.c: cues, citations, headings, coordinates */
void tx_read_cues(const fm_lexicon *lx, const char *s, tx_sentence *st);
int tx_is_citation(const char *s, size_t lo, size_t n);
int tx_names_old_year(const char *s, size_t lo, size_t n, const fm_text_date *ref);
int tx_clock_at(const char *s, size_t lo, size_t n);
int tx_is_heading(const char *s, size_t lo, size_t n);
void tx_read_coords(const char *s, tx_sentence *st);
#endif
