/* fm_text.h: from report text to candidate incidents (`frontiermap extract`).
 * A document is loaded as plain UTF-8 text (Markdown and HTML stripped, PDF
 * through poppler's pdftotext); the extractor reads it sentence by sentence
 * with rules and lexicons kept as data (data/extract/), and gives candidate
 * incidents whose every field carries a confidence and the character offsets
 * of the text it came from. Nothing here prints; nothing is invented: a field
 * the text does not give stays empty. */
#ifndef FM_TEXT_H
#define FM_TEXT_H

#include <stddef.h>

#include "core/fm_core.h"
#include "geo/fm_geo.h"

/* ---- documents (text/doc.c) ----------------------------------------------- */

typedef enum { FM_DOC_AUTO = 0, FM_DOC_TEXT, FM_DOC_MARKDOWN, FM_DOC_HTML, FM_DOC_PDF } fm_doc_format;

/* A loaded document: text is NUL-terminated valid UTF-8 (ill-formed bytes
 * replaced); every offset the extractor reports is a byte offset into it. */
typedef struct {
    char *name; /* the path as given */
    char *text;
    size_t len;
    fm_doc_format format;
} fm_doc;

/* Loads path (format from the extension, else sniffed; FM_DOC_PDF runs
 * pdftotext). The caller frees *out with fm_doc_free. */
fm_status fm_doc_load(fm_ctx *ctx, const char *path, fm_doc_format format, fm_doc **out);
/* Same, from memory (PDF not accepted). */
fm_status fm_doc_from_mem(fm_ctx *ctx, const char *name, const char *data, size_t len,
                          fm_doc_format format, fm_doc **out);
void fm_doc_free(fm_doc *doc);
/* The format named by a file name's extension, or FM_DOC_AUTO. */
fm_doc_format fm_doc_format_of(const char *path);

/* ---- sentences (text/segment.c) ------------------------------------------- */

typedef struct {
    size_t start, end; /* byte offsets, end exclusive */
    size_t para;       /* paragraph number, from 0 */
} fm_sentence;

/* Splits text into sentences (abbreviations such as "Lt.", "No." and
 * decimals do not end one; a blank line or a heading ends a paragraph).
 * The caller frees *out. */
fm_status fm_text_sentences(fm_ctx *ctx, const char *text, size_t len, fm_sentence **out,
                            size_t *n);

/* ---- numbers (text/numbers.c) -------------------------------------------- */

/* A count read from text: "at least seven" (7, 7..-1), "two dozen" (24),
 * "dozens" (24..-1: no upper bound), "12-15" (12..15). lo <= best; hi -1 when
 * open. */
typedef struct {
    long best, lo, hi;
    size_t start, end; /* offsets of the phrase */
    int approx;        /* "about", "at least", "dozens" */
    int vague;         /* "dozens", "hundreds": no figure at all */
} fm_count;

/* Reads a count at s (words or digits, with modifiers); returns the bytes
 * consumed (0: no count there). Offsets in out are relative to s. */
size_t fm_count_read(const char *s, size_t n, fm_count *out);

/* ---- dates (text/dates.c) ------------------------------------------------- */

/* A date read from text, with its precision on ACLED's scale (1 a day,
 * 2 a span of days up to a week, 3 a month). relative: it was worked out from
 * the dateline ("on Tuesday"). */
typedef struct {
    fm_day start, end;
    int precision;
    int relative;
    int has_year; /* the text gave the year */
    int period;   /* named from one day to another ("between 1 October and 31
                   * December"), not a month named whole */
    size_t off, len;
} fm_text_date;

/* The document's own date: a full date in its first lines (a dateline, a
 * "Published" line, a report date), else a month ("July 2025"). FM_DAY_NONE
 * in out->start when there is none. */
void fm_text_dateline(const char *text, size_t len, fm_text_date *out);
/* The same, for a document whose file name may date it: where the head's
 * day has no year ("PARACHINAR, Dec 29 --"), the one year the file's base
 * name gives ("dispatch-kurram-dec2017.txt") is its year, before any year
 * the text names in passing. name may be NULL. */
void fm_text_dateline_named(const char *name, const char *text, size_t len, fm_text_date *out);
/* The one year (1979-2099) a file's base name gives, and in *month the
 * month beside it (0 none); 0 when it gives none or two ("2014-2016"). */
int fm_text_name_year(const char *path, int *month);
/* Whether a wire's credit follows the day that ends at s[j] (" (ACP) -",
 * " (Reuters) --"): the day is an item's dateline. */
int fm_text_agency_after(const char *s, size_t n, size_t j);
/* When the document names no year at all ("QUETTA, Jan 31 (Reuters) - ...
 * on Friday"): the latest such day up to today on the weekday the lead
 * names; 0 (out untouched) when the head holds no yearless day. */
int fm_text_yearless_dateline(const char *text, size_t len, fm_day today, fm_text_date *out);
/* Every date expression in s[0..n) (absolute and, given a dateline, relative),
 * in order, at most max; returns how many there were. Offsets are relative to
 * s; base is the offset of s in the document. ref is the dateline (its start
 * may be FM_DAY_NONE: relative dates are then not read). */
size_t fm_text_dates(const char *s, size_t n, const fm_text_date *ref, fm_text_date *out,
                     size_t max);

/* ---- the lexicon (text/lexicon.c) ----------------------------------------- */

/* Words and phrases the extractor knows, loaded from data/extract/lexicon.tsv:
 * one "kind<TAB>phrase<TAB>value..." per line. Kinds: killed, injured (verbs
 * and nouns that say a count died or was hurt), event (cue -> ACLED event type
 * and sub-type), actor (name -> ACLED actor), party (claimant names), victim
 * (noun -> actor of the victims), ignore (cues of non-incidents), aggregate
 * (cues of totals over a period), correction (cues of a toll told again,
 * revised or completed later), adopt (cues that the document takes a party's
 * figure as its own: "the figure we use"). */
typedef struct fm_lexicon fm_lexicon;

typedef enum {
    FM_LEX_KILLED = 0, FM_LEX_INJURED, FM_LEX_EVENT, FM_LEX_ACTOR, FM_LEX_PARTY,
    FM_LEX_VICTIM, FM_LEX_IGNORE, FM_LEX_AGGREGATE, FM_LEX_NOTPLACE, FM_LEX_PLACE,
    FM_LEX_CORRECTION, FM_LEX_ADOPT, FM_LEX_KINDS
} fm_lex_kind;

typedef struct {
    fm_lex_kind kind;
    const char *phrase; /* lower case, as in the file */
    const char *v1, *v2; /* values ("" when absent) */
    int weight;
} fm_lex_entry;

/* Loads path; errors name the file and line. The caller frees *out. */
fm_status fm_lexicon_load(fm_ctx *ctx, const char *path, fm_lexicon **out);
void fm_lexicon_free(fm_lexicon *lx);
/* The longest entry of kind matching s at a word start (case-insensitive,
 * whole words), or NULL; *len gets its length in s. */
const fm_lex_entry *fm_lexicon_match(const fm_lexicon *lx, fm_lex_kind kind, const char *s,
                                     size_t n, size_t *len);

/* ---- extraction (text/extract.c) ------------------------------------------ */

/* The span of the document a field came from. */
typedef struct {
    size_t start, end;
} fm_span;

#define FM_EXTRACT_MAX_CLAIMS 6

/* A claim about an incident's toll: who made it and what they said. */
typedef struct {
    char party[64];
    long killed, injured; /* -1: not given */
    char detail[160];     /* "11 soldiers, 19 militants killed; 3 injured" */
    fm_span ev;
} fm_text_claim;

/* One candidate incident. Each field has a confidence in [0,1]; 0 means the
 * field is empty. Strings are NUL-terminated copies. */
typedef struct {
    fm_day date_start, date_end;
    int date_precision; /* 1 day, 2 up to a week, 3 month; 0 none */
    double date_conf;
    fm_span date_ev;

    char place_text[96];   /* as written */
    char place_name[96];   /* as resolved ("" when not resolved) */
    char admin1[64], admin2[64], country[32];
    double lon, lat;       /* NAN when not resolved */
    int geo_precision;     /* ACLED's 1-3; 0 unresolved (precision "none") */
    double place_conf;
    fm_span place_ev;

    long killed, killed_lo, killed_hi; /* -1 unknown; hi -1 when open */
    int killed_own;        /* the figure is the document's own, or a party's it takes as
                            * its own ("We use the ISPR figure"), not the lowest claim */
    long injured;
    double killed_conf, injured_conf;
    fm_span killed_ev, injured_ev;

    char event_type[48], sub_event_type[64];
    double type_conf;
    char actor1[64], actor2[64];
    double actor_conf;

    fm_text_claim claims[FM_EXTRACT_MAX_CLAIMS];
    size_t nclaims;

    fm_span ev; /* the sentence(s) the incident was read from */
    size_t para;
    char duplicate_of[64]; /* source_id of a store incident it repeats, or "" */
} fm_text_incident;

typedef struct {
    const fm_gazetteer *gz;
    const fm_lexicon *lx;
    const fm_placememo *memo; /* may be NULL */
    fm_day dateline;          /* FM_DAY_NONE: read from the document */
    fm_day today;             /* the reader's day, for a dateline with no year at
                               * all; 0 when unknown */
} fm_extract_opts;

/* Reads doc and fills *out with candidate incidents in document order (the
 * caller frees *out). Notes on what was skipped go through the context's log
 * at FM_LOG_DEBUG. */
fm_status fm_extract_run(fm_ctx *ctx, const fm_extract_opts *opt, const fm_doc *doc,
                         fm_text_incident **out, size_t *n);

/* ---- places in text (text/places.c) --------------------------------------- */

/* A place named in a sentence, found through the gazetteer. */
typedef struct {
    size_t off, len;      /* in the document */
    const fm_place *place; /* the best entry for the name alone */
    int kind_rank;        /* 0 country, 1 province, 2 district, 3 town/village/crossing */
    int cue;              /* preceded by "in", "at", "near", ... */
    int weak_cue;         /* ... only by "of" ("the elders of Salarzai") */
    int namesakes;        /* how many gazetteer entries carry the name (16 or more: 16) */
    int metonym;          /* "Islamabad said": a government, not a place */
    int dateline;         /* "CHARSADDA:" heading a story: where it was filed */
    int hometown;         /* "a native of X" */
    int reference;        /* "10 km north-west of X": a point to measure from, not
                           * where it happened */
} fm_text_place;

/* Places named in doc->text[start..end), at most max; returns how many. */
size_t fm_text_places(fm_ctx *ctx, const fm_gazetteer *gz, const fm_lexicon *lx,
                      const char *text, size_t start, size_t end, fm_text_place *out,
                      size_t max);

#endif
