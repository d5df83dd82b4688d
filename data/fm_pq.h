/* fm_pq.h: libpq, loaded on first use (as GDAL is, geo/fm_gdal.h): only
 * commands given a PostgreSQL store pay for loading it and the TLS and
 * Kerberos libraries it pulls in. Built without libpq's header, the PostGIS
 * backend says so instead (FM_HAVE_LIBPQ unset). */
#ifndef FM_PQ_H
#define FM_PQ_H

#include "core/fm_core.h"

#ifdef FM_HAVE_LIBPQ
#include <libpq-fe.h>

/* Every libpq function frontiermap calls; add one here to call it. */
#define FM_PQ_FUNCTIONS(X)                                                                  \
    X(PQconnectdb) X(PQstatus) X(PQerrorMessage) X(PQfinish) X(PQexec) X(PQexecParams)      \
    X(PQresultStatus) X(PQresultErrorMessage) X(PQresultErrorField) X(PQclear)              \
    X(PQntuples) X(PQnfields) X(PQgetvalue) X(PQgetisnull) X(PQgetlength)                   \
    X(PQputCopyData) X(PQputCopyEnd) X(PQgetResult) X(PQsendQueryParams)                    \
    X(PQsetSingleRowMode) X(PQuser) X(PQtransactionStatus) X(PQsetNoticeProcessor)          \
    X(PQcmdTuples)

/* The bound functions, named as in libpq: api->PQexec(conn, sql). */
typedef struct fm_pq {
#define FM_PQ_MEMBER(f) __typeof__(f) *f;
    FM_PQ_FUNCTIONS(FM_PQ_MEMBER)
#undef FM_PQ_MEMBER
} fm_pq;

/* Loads libpq (once per process; it then stays loaded) and fills *api.
 * FM_EIO with the loader's message when libpq is not installed. */
fm_status fm_pq_load(fm_ctx *ctx, fm_pq *api);
#endif

#endif
