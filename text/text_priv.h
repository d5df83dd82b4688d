/* text_priv.h: what the text module's files share and nothing else does. */
#ifndef FM_TEXT_PRIV_H
#define FM_TEXT_PRIV_H

#include "text/fm_text.h"

/* Decodes the HTML entity at s[0] == '&' ("&amp;", "&#8211;", "&nbsp;" as a
 * space) into b; the bytes used, 0 when s is not one (strip.c). */
size_t fm_doc_entity(fm_ctx *ctx, const char *s, size_t n, fm_buf *b);
/* The short forms an "Abbreviations:" legend defines, spelt out in the
 * rest of the text; appended to out (text/legend.c). */
fm_status fm_doc_legend(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* LaTeX source: whether s is, and its text (text/latex.c). */
int fm_doc_is_latex(const char *s, size_t n);
fm_status fm_doc_strip_latex(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Lines of tab-separated cells (a pasted spreadsheet) as a pipe table for
 * fm_doc_tables; appended to out (text/tsv.c). */
fm_status fm_doc_tsv(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* An OCRed page's commonest misreadings mended (2O03, twe1ve, KASHMlR),
 * when it has three or more; appended to out (text/ocr.c). */
fm_status fm_doc_ocr_mend(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Eastern Arabic and Persian digits as ASCII ones; appended to out
 * (text/ocr.c). */
fm_status fm_doc_ascii_digits(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Prose in two columns side by side (a page's sidebar as pdftotext -layout
 * gives it) written column after column; appended to out (text/columns.c). */
fm_status fm_doc_columns(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* The HTML tag at s[i] == '<': its name's start and length, whether it
 * closes ("</td>"), and the index past its '>' (n when it has none). */
size_t fm_doc_tag_at(const char *s, size_t n, size_t i, size_t *t0, size_t *tn, int *closing);
/* Markup stripped, entities decoded; appended to out. */
fm_status fm_doc_strip_html(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
fm_status fm_doc_strip_markdown(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* The HTML <table> starting at s[at] written to out as a pipe table for
 * table.c (text/html_table.c); returns the index past its </table>, or 0
 * (nothing written) when it is no data table: nested, one column, no rows. */
size_t fm_html_table(fm_ctx *ctx, const char *s, size_t n, size_t at, fm_buf *out);
/* Markdown's bracketed spans resolved: tracked deletions and comments out,
 * insertions in (text/spans.c). */
fm_status fm_doc_pandoc_spans(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Comma-separated blocks with a header (a database export) as pipe tables
 * (text/csv_table.c). */
fm_status fm_doc_csv_table(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* A KML export as a dated heading and a paragraph a Placemark, closed by its
 * point (text/kml.c). */
int fm_doc_is_kml(const char *s, size_t n);
fm_status fm_doc_strip_kml(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* An iCalendar export as a heading and a paragraph an event (text/ical.c). */
int fm_doc_is_ical(const char *s, size_t n);
fm_status fm_doc_strip_ical(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Subtitles (SubRip, WebVTT) as paragraphs of text (text/subtitles.c). */
int fm_doc_is_subtitles(const char *s, size_t n);
fm_status fm_doc_strip_subtitles(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* A transcript's "[01:05] REPORTER, WANA (English): ..." lines as a label
 * line and the speech (text/transcript.c); other lines copied. */
fm_status fm_doc_split_labels(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Whether s[start, end) is only a speaker's label ("[00:58] CORRESPONDENT
 * (Sherani):"): it tells nothing and places nothing. */
int fm_tx_is_label(const char *s, size_t start, size_t end);
/* Incident records pasted as JSON, as sentences (text/json.c); the rest
 * copied. */
fm_status fm_doc_json_records(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* MediaWiki source as text: templates and references dropped, links as
 * their words, headings and list items paragraphs of their own
 * (text/wiki.c). */
int fm_doc_is_wiki(const char *s, size_t n);
fm_status fm_doc_strip_wiki(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* A messenger's exported chat as dated paragraphs (text/chat.c). */
int fm_doc_is_chat(const char *s, size_t n);
fm_status fm_doc_strip_chat(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Pipe tables rewritten as one paragraph a row that says what the header
 * says of each cell (text/table.c); other lines copied; appended to out. */
fm_status fm_doc_tables(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);
/* Rejoins wrapped lines: paragraphs come out one per line, separated by a
 * blank line; headings and list items stay paragraphs of their own. */
fm_status fm_doc_join_lines(fm_ctx *ctx, const char *s, size_t n, fm_buf *out);

/* ASCII helpers that never look past n. */
int fm_tx_word_at(const char *s, size_t n, size_t i, const char *word);
int fm_tx_is_word_char(unsigned char c);
size_t fm_tx_skip_space(const char *s, size_t n, size_t i);
/* Where the line holding s[i] ends (its '\n', or n). */
size_t fm_tx_line_end(const char *s, size_t n, size_t i);
/* A pass over the text ends: out holds at least "" and the status of its
 * appends is returned. */
fm_status fm_doc_finish(fm_ctx *ctx, fm_buf *out);
/* Copies line s[i, e) and its newline (none after the last) to out; the
 * index of the next line. */
size_t fm_doc_copy_line(fm_ctx *ctx, const char *s, size_t n, size_t i, size_t e, fm_buf *out);
/* The month (1-12) named at s (full or three-letter, "Sept" too), else 0; *len
 * gets the bytes. */
int fm_tx_month_at(const char *s, size_t n, size_t *len);
/* A French or German month name at s ("mai", "juillet", "Februar"), else 0. */
int fm_tx_month_foreign_at(const char *s, size_t n, size_t *len);
/* Whether the line s[start, end) is a field of a record: a label of one to
 * four words, the first capitalised, then a colon ("Police Station: Kabal",
 * "Date/time : 02-09-2015"). */
/* Past a list item's bullet ("- ", "* ", "• ") at start, if any. */
size_t fm_tx_past_bullet(const char *s, size_t start, size_t end);
int fm_tx_field_line(const char *s, size_t start, size_t end);
/* What a record's field line s[start, end) gives, by its label
 * (text/fields.c): where it happened ("Location:", "Agency/District:"), when
 * ("Date of incident:", "Date/time:"), when the record was written ("Date
 * of report:", "Received:"), or how many died or were hurt (not by whose
 * claim). TX_FIELD_NONE for any other line. */
typedef enum {
    TX_FIELD_NONE,
    TX_FIELD_PLACE,
    TX_FIELD_DAY,
    TX_FIELD_FILED,
    TX_FIELD_DEAD, /* "Casualties (confirmed): 15", "Deaths: three (3)" */
    TX_FIELD_HURT  /* "Casualties (injured): 4" */
} tx_field;
tx_field tx_field_kind(const char *s, size_t start, size_t end);
/* Whether s[at] opens the value of a field of that kind on its line (the
 * label and its colon just before it, the line starting at or after lo's
 * line). */
int tx_field_value_at(const char *s, size_t lo, size_t at, tx_field kind);
/* The weekday (0 Monday .. 6 Sunday) named at s, else -1: a full name, or a
 * short form in capitals or before a colon ("SAT", "Thu:"). */
int fm_tx_weekday_at(const char *s, size_t n, size_t *len);
/* ... or any short form in any case ("Wed" before a date says which). */
int fm_tx_weekday_any_at(const char *s, size_t n, size_t *len);
/* The years (1979-2099) a document's head names, its text up to the first
 * blank line (300 bytes at most): earliest and latest, 0 and 0 when none
 * (dates.c). */
void fm_tx_head_years(const char *s, size_t len, int *first, int *last);

#endif
