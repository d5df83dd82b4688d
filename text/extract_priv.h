/* extract_priv.h: one sentence as the extractor reads it (extract_read.c),
 * shared with the file that assembles incidents from sentences (extract.c). */
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

/* The mention that is the sentence's place, or NULL (extract_place.c). */
const fm_text_place *tx_pick_place(const char *text, const tx_sentence *st);
/* Resolves mention p of sentence st into inc (place as written, point,
 * precision, admin names, confidence conf times the geocoder's score), with
 * the district and province mentions beside it as hints. */
void tx_resolve_place(fm_ctx *ctx, const fm_extract_opts *opt, const char *text,
                      const tx_sentence *st, const fm_text_place *p, const fm_text_place *hint2,
                      const fm_text_place *hint1, fm_text_incident *inc, double conf);
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
/* After the document is read: an incident far from all the others, in a
 * district not theirs, moved to a namesake in the district most of them
 * are in. */
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
int tx_sentence_split(const char *text, tx_sentence *st, tx_sentence *second);

#endif
