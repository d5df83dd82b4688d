/* store_api.c: the store API of fm_data.h, one entry per call, dispatched to
 * the backend that opened the store (st->ops): a GeoPackage file, or a
 * PostgreSQL/PostGIS database named by a connection string. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "data/store_priv.h"

/* libpq's connection keywords (a keyword string starts with one of them). */
static const char *const pg_keywords[] = {
    "host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service",
    "options", "application_name", "connect_timeout", "sslmode", "sslcert", "sslkey",
    "sslrootcert", "target_session_attrs", "client_encoding", "gssencmode", "krbsrvname",
    "requiressl", "channel_binding", "keepalives", NULL};

int fm_store_is_remote(const char *db)
{
    size_t n = 0;
    if (!db)
        return 0;
    if (!strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11) ||
        !strncmp(db, "PG:", 3))
        return 1;
    while (isspace((unsigned char)*db))
        db++;
    while (islower((unsigned char)db[n]) || db[n] == '_')
        n++;
    if (!n)
        return 0;
    for (size_t i = n; db[i] != '='; i++)
        if (db[i] != ' ' && db[i] != '\t')
            return 0;
    for (int k = 0; pg_keywords[k]; k++)
        if (strlen(pg_keywords[k]) == n && !strncmp(db, pg_keywords[k], n))
            return 1;
    return 0;
}

void fm_store_masked(const char *db, char *out, size_t cap)
{
    const char *p, *at;
    size_t len = 0;
    if (!cap)
        return;
    out[0] = '\0';
    if (!db)
        return;
    if (!strncmp(db, "PG:", 3))
        db += 3;
    if (!strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11)) {
        /* scheme://user:secret@host...: the secret goes; so does a
         * password=... parameter */
        const char *auth = strstr(db, "://") + 3, *colon;
        at = strchr(auth, '@');
        colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
        if (colon)
            snprintf(out, cap, "%.*s:***%s", (int)(colon - db), db, at);
        else
            snprintf(out, cap, "%s", db);
        if ((p = strstr(out, "password=")) != NULL) {
            char *e = strchr(p, '&');
            char tail[1024];
            snprintf(tail, sizeof tail, "%s", e ? e : "");
            snprintf((char *)p, cap - (size_t)(p - out), "password=***%s", tail);
        }
        return;
    }
    /* keyword=value pairs: password's value (quoted or not) goes */
    for (p = db; *p && len + 1 < cap;) {
        if (!strncmp(p, "password", 8) && (p == db || isspace((unsigned char)p[-1]))) {
            const char *v = p + 8;
            while (*v == ' ')
                v++;
            if (*v == '=') {
                v++;
                while (*v == ' ')
                    v++;
                if (*v == '\'') {
                    for (v++; *v && *v != '\''; v++)
                        if (*v == '\\' && v[1])
                            v++;
                    if (*v)
                        v++;
                } else {
                    while (*v && !isspace((unsigned char)*v))
                        v++;
                }
                len += (size_t)snprintf(out + len, cap - len, "password=***");
                if (len >= cap)
                    len = cap - 1;
                p = v;
                continue;
            }
        }
        out[len++] = *p++;
        out[len] = '\0';
    }
}

fm_status fm_store_open(fm_ctx *ctx, const char *path, fm_store_mode mode, fm_store **out)
{
    *out = NULL;
    if (fm_store_is_remote(path))
        return fm_pg_open(ctx, path, mode, out);
    return fm_gpkg_open(ctx, path, mode, out);
}

void fm_store_close(fm_store *st)
{
    if (st)
        st->ops->close(st);
}

const char *fm_store_backend(const fm_store *st)
{
    return st ? st->ops->name : "";
}

fm_status fm_store_query(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_results **out)
{
    return st->ops->query(ctx, st, f, out);
}

fm_status fm_store_query_each(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_incident_fn fn,
                              void *user)
{
    return st->ops->query_each(ctx, st, f, fn, user);
}

fm_status fm_store_query_points(fm_ctx *ctx, fm_store *st, const fm_filter *f, unsigned flags,
                                fm_points **out)
{
    return st->ops->query_points(ctx, st, f, flags, out);
}

fm_status fm_store_count(fm_ctx *ctx, fm_store *st, const fm_filter *f, int64_t *n)
{
    return st->ops->count(ctx, st, f, n);
}

fm_status fm_store_stats(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                         fm_stat_row **rows, size_t *n)
{
    return st->ops->stats(ctx, st, f, by, FM_GROUP_NONE, rows, n);
}

fm_status fm_store_stats2(fm_ctx *ctx, fm_store *st, const fm_filter *f, fm_group_by by,
                          fm_group_by then, fm_stat_row **rows, size_t *n)
{
    return st->ops->stats(ctx, st, f, by, then, rows, n);
}

fm_status fm_store_placememo(fm_ctx *ctx, fm_store *st, fm_placememo **out)
{
    return st->ops->placememo(ctx, st, out);
}

fm_status fm_store_imported_on(fm_ctx *ctx, fm_store *st, const char *source, char day[11])
{
    return st->ops->imported_on(ctx, st, source, day);
}

fm_status fm_store_source_info(fm_ctx *ctx, fm_store *st, const char *source, fm_source_info *out)
{
    return st->ops->source_info(ctx, st, source, out);
}

fm_status fm_store_import(fm_ctx *ctx, fm_store *st, const char *const *paths, size_t npaths,
                          const fm_import_opts *opts, fm_import_stats *stats)
{
    return st->ops->import(ctx, st, paths, npaths, opts, stats);
}

fm_status fm_store_add(fm_ctx *ctx, fm_store *st, const fm_incident *inc,
                       const fm_import_opts *opts, int *was_update)
{
    return st->ops->add(ctx, st, inc, opts, was_update);
}
