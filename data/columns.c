/* columns.c: the column list of columns.h as data, for the code that walks
 * it at run time (the writer, result sets, merge, exports, schema upgrade). */
#include "data/columns.h"

const fm_column fm_columns[FM_NCOLUMNS] = {
#define FM_COL_ROW(name, kind, since, absent, canon, req)                                  \
    {#name, (#kind)[0], since, absent, FM_COL_OFF_##kind(name), offsetof(fm_incident, canon), \
     FM_COL_SQLTYPE_##kind, req},
    FM_INCIDENT_COLUMNS(FM_COL_ROW)
#undef FM_COL_ROW
};

const char *fm_column_class_name(const fm_column *c, int code)
{
    return c->kind == 'l' ? fm_loc_class_name(code) : fm_date_class_name(code);
}

int fm_column_class_parse(const fm_column *c, const char *s)
{
    return c->kind == 'l' ? fm_loc_class_parse(s) : fm_date_class_parse(s);
}
