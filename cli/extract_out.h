/* extract_out.h: the writers of `frontiermap extract` (cli/extract_out.c).
 * Each writes to f what one document's candidates are; strings come from the
 * document and the incidents, which the caller owns. */
#ifndef FM_EXTRACT_OUT_H
#define FM_EXTRACT_OUT_H

#include <stdio.h>

#include "text/fm_text.h"

void fm_extract_csv_header(FILE *f);
void fm_extract_csv_row(FILE *f, const fm_doc *doc, const char *id, const fm_text_incident *inc);
/* One JSON object for the incident (no separator). */
void fm_extract_json(FILE *f, const fm_doc *doc, const char *id, const fm_text_incident *inc);
void fm_extract_html_begin(FILE *f);
/* The document's candidates as a table, then its text with the evidence marked. */
void fm_extract_html_doc(FILE *f, const fm_doc *doc, const char *const *ids,
                         const fm_text_incident *inc, size_t n);
void fm_extract_html_end(FILE *f);

#endif
