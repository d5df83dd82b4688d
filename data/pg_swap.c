/* pg_swap.c: a big import into a small store, loaded beside it. When an
 * import brings more rows than incidents holds, its rows go into fresh
 * tables of the same schema (incidents and incident_claims in a schema of
 * their own, frontiermap_swap, first on the transaction's search_path)
 * without the indexes the load would keep up row by row; at its end the
 * stored rows are copied in, the indexes built (the GiST by sorting), and
 * the new tables take the old ones' place, owner, grants and comments,
 * all before the import's COMMIT. Readers go on reading the old tables
 * through the load and wait only for the swap; a failed import leaves
 * everything as it was (the new tables were never committed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/pg_priv.h"

#ifdef FM_HAVE_LIBPQ

/* Whether the tables are frontiermap's alone, as db init made them (and so
 * a copy carries everything over): the role may drop them (it is, or is a
 * member of, their owner) and may create a schema, and it and their owner
 * may create tables in theirs; they have serial keys; their indexes and keys
 * are frontiermap's, by name; nothing else hangs on them (a trigger, rule,
 * policy, view, publication, a key of another table, a column's own grant,
 * inheritance, storage options, extended statistics); and no schema
 * frontiermap_swap exists. Then the old tables' schema (quoted), oids, the
 * serial sequences (quoted) and the search_path. */
static const char *const check_sql =
    "WITH t AS (SELECT 'incidents'::regclass::oid AS i, 'incident_claims'::regclass::oid AS c)"
    " SELECT quote_ident(n.nspname), t.i, t.c,"
    " pg_get_serial_sequence(t.i::regclass::text, 'fid'),"
    " pg_get_serial_sequence(t.c::regclass::text, 'id'), current_setting('search_path'),"
    " coalesce(bool_and(pg_has_role(r.relowner, 'USAGE') AND r.relkind = 'r'"
    "  AND r.relpersistence = 'p' AND NOT r.relrowsecurity AND NOT r.relhasrules"
    "  AND r.reloptions IS NULL AND r.relnamespace = n.oid), false)"
    " AND has_database_privilege(current_database(), 'CREATE')"
    " AND has_schema_privilege(n.oid, 'CREATE')"
    " AND coalesce(bool_and(has_schema_privilege(r.relowner, n.oid, 'CREATE')), false)"
    " AND pg_get_serial_sequence(t.i::regclass::text, 'fid') IS NOT NULL"
    " AND pg_get_serial_sequence(t.c::regclass::text, 'id') IS NOT NULL"
    " AND to_regnamespace('frontiermap_swap') IS NULL"
    " AND (SELECT array_agg(x.relname::text ORDER BY x.relname) FROM pg_index k"
    "  JOIN pg_class x ON x.oid = k.indexrelid WHERE k.indrelid IN (t.i, t.c))"
    "  = '{incident_claims_fid,incident_claims_pkey,incidents_coarse,incidents_date,"
    "incidents_geom_gist,incidents_pkey,incidents_source_uid}'"
    " AND (SELECT array_agg(conname || ' ' || contype::text || confdeltype::text ORDER BY conname)"
    "  FROM pg_constraint WHERE conrelid IN (t.i, t.c) OR confrelid IN (t.i, t.c))"
    "  = ARRAY['incident_claims_incident_fid_fkey fc', 'incident_claims_pkey p ',"
    "  'incidents_pkey p ', 'incidents_source_uid u ']"
    " AND NOT EXISTS (SELECT FROM pg_trigger WHERE tgrelid IN (t.i, t.c) AND NOT tgisinternal)"
    " AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass"
    "  AND d.refobjid IN (t.i, t.c) AND d.classid NOT IN ('pg_class'::regclass,"
    "  'pg_constraint'::regclass, 'pg_type'::regclass, 'pg_attrdef'::regclass,"
    "  'pg_trigger'::regclass))"
    " AND NOT EXISTS (SELECT FROM pg_attribute WHERE attrelid IN (t.i, t.c) AND attacl IS NOT"
    "  NULL)"
    " AND NOT EXISTS (SELECT FROM pg_inherits WHERE inhrelid IN (t.i, t.c) OR inhparent IN"
    "  (t.i, t.c))"
    " FROM t JOIN pg_class r ON r.oid IN (t.i, t.c)"
    " JOIN pg_namespace n ON n.oid = (SELECT relnamespace FROM pg_class WHERE oid = t.i)"
    " GROUP BY n.oid, n.nspname, t.i, t.c";

void fm_pg_swap_free(fm_pg_swap *w)
{
    for (int i = 0; i < 4; i++)
        free(w->text[i]);
    memset(w, 0, sizeof *w);
}

/* The new tables, empty, with the keys the load keeps (the fids', the
 * claims' and the coarse rows' index, as a first import's load), first on
 * the search_path: every statement of the import naming incidents or
 * incident_claims now means them. */
#define CREATE_SQL \
    "CREATE SCHEMA frontiermap_swap;" \
    "CREATE TABLE frontiermap_swap.incidents (LIKE %1$s.incidents INCLUDING ALL EXCLUDING" \
    " INDEXES);" \
    "ALTER TABLE frontiermap_swap.incidents ADD CONSTRAINT incidents_pkey PRIMARY KEY (fid);" \
    "CREATE TABLE frontiermap_swap.incident_claims (LIKE %1$s.incident_claims INCLUDING ALL" \
    " EXCLUDING INDEXES);" \
    "ALTER TABLE frontiermap_swap.incident_claims ADD CONSTRAINT incident_claims_pkey" \
    " PRIMARY KEY (id);" \
    "SELECT set_config('search_path', 'frontiermap_swap, ' || current_setting('search_path')," \
    " true);"

fm_status fm_pg_swap_begin(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w)
{
    PGresult *r;
    fm_buf sql = {0};
    fm_status s;
    memset(w, 0, sizeof *w);
    if ((s = fm_pg_query(ctx, pg, check_sql, &r)))
        return s;
    if (pg->api.PQntuples(r) != 1 || strcmp(pg->api.PQgetvalue(r, 0, 6), "t") != 0) {
        pg->api.PQclear(r);
        fm_log(ctx, FM_LOG_DEBUG, "postgis: the tables are not frontiermap's alone (or the role"
               " may not replace them): loading into them");
        return FM_OK;
    }
    for (int i = 0; i < 4; i++)
        if (!(w->text[i] = strdup(pg->api.PQgetvalue(r, 0, i == 0 ? 0 : i + 2))))
            s = fm_error(ctx, FM_ENOMEM, "out of memory");
    w->old_i = strtoul(pg->api.PQgetvalue(r, 0, 1), NULL, 10);
    w->old_c = strtoul(pg->api.PQgetvalue(r, 0, 2), NULL, 10);
    pg->api.PQclear(r);
    if (!s) {
        fm_buf_printf(ctx, &sql, CREATE_SQL, w->text[FM_SWAP_SCHEMA]);
        fm_buf_puts(ctx, &sql, fm_pg_coarse_sql);
        if (!(s = fm_buf_check(ctx, &sql)))
            s = fm_pg_exec(ctx, pg, fm_buf_str(&sql));
    }
    fm_buf_free(&sql);
    if (s) {
        fm_pg_swap_free(w);
        return s;
    }
    w->on = 1;
    fm_log(ctx, FM_LOG_DEBUG, "postgis: loading beside the stored rows, to swap them in");
    return FM_OK;
}

/* The search_path as it was (the new tables are gone or in place). */
static fm_status path_restore(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w)
{
    const char *v = w->text[FM_SWAP_PATH];
    PGresult *r = pg->api.PQexecParams(pg->conn, "SELECT set_config('search_path', $1, true)", 1,
                                       NULL, &v, NULL, NULL, 0);
    fm_status s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot write to the PostGIS store");
    if (!s)
        pg->api.PQclear(r);
    return s;
}

fm_status fm_pg_swap_abandon(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w)
{
    fm_status s;
    if (!w->on)
        return FM_OK;
    if (!(s = fm_pg_exec(ctx, pg, "DROP SCHEMA frontiermap_swap CASCADE")))
        s = path_restore(ctx, pg, w);
    fm_pg_swap_free(w);
    fm_log(ctx, FM_LOG_DEBUG, "postgis: loading into the stored tables after all");
    return s;
}

/* The stored rows and claims into the new tables. The old ones are held
 * against other writers from here (readers go on), so none is lost. */
fm_status fm_pg_swap_fill(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w)
{
    fm_buf sql = {0};
    fm_status s;
    const char *o = w->text[FM_SWAP_SCHEMA];
    fm_buf_printf(ctx, &sql, "LOCK TABLE %1$s.incidents, %1$s.incident_claims IN SHARE ROW"
                  " EXCLUSIVE MODE;"
                  "INSERT INTO frontiermap_swap.incidents SELECT * FROM %1$s.incidents;"
                  "INSERT INTO frontiermap_swap.incident_claims SELECT * FROM"
                  " %1$s.incident_claims", o);
    if (!(s = fm_buf_check(ctx, &sql)))
        s = fm_pg_exec(ctx, pg, fm_buf_str(&sql));
    fm_buf_free(&sql);
    return s;
}

/* What the old tables had beyond their columns and indexes, for the new
 * ones once they are in their place, appended to sql: the owner (a new
 * owner must have CREATE on the table's schema, which fm_pg_swap_begin
 * checked for the old schema, not for frontiermap_swap), then every grant
 * in the order of the lists (so that they come out the same; after the
 * owner, or a grant to the importing role would merge into its owner's
 * entry and go with it), and the tables' comments (the columns' came with
 * LIKE). Read before the old tables go. */
static fm_status carry_over(fm_ctx *ctx, fm_pg *pg, const fm_pg_swap *w, fm_buf *sql)
{
    char q[1536];
    const char *v = w->text[FM_SWAP_SCHEMA];
    PGresult *r;
    fm_status s;
    snprintf(q, sizeof q,
             "SELECT coalesce(string_agg(q, '' ORDER BY o, n, q), '') FROM ("
             "SELECT 0 AS o, 0::bigint AS n, format('ALTER TABLE %%s.%%I OWNER TO %%I;', $1::text,"
             " c.relname, pg_get_userbyid(c.relowner)) AS q FROM pg_class c"
             " WHERE c.oid IN (%u, %u) AND pg_get_userbyid(c.relowner) <> current_user"
             " UNION ALL SELECT 1, a.n, format('GRANT %%s ON %%s.%%I TO %%s%%s;',"
             " a.privilege_type, $1::text, c.relname, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE"
             " quote_ident(pg_get_userbyid(a.grantee)) END, CASE WHEN a.is_grantable THEN"
             " ' WITH GRANT OPTION' ELSE '' END) FROM pg_class c, aclexplode(c.relacl)"
             " WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, n)"
             " WHERE c.oid IN (%u, %u)"
             " UNION ALL SELECT 2, 0, format('COMMENT ON TABLE %%s.%%I IS %%L;', $1::text,"
             " c.relname, d.description) FROM pg_class c JOIN pg_description d ON d.objoid ="
             " c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
             " WHERE c.oid IN (%u, %u)) x",
             w->old_i, w->old_c, w->old_i, w->old_c, w->old_i, w->old_c);
    r = pg->api.PQexecParams(pg->conn, q, 1, NULL, &v, NULL, NULL, 0);
    if ((s = fm_pg_check(ctx, pg, r, PGRES_TUPLES_OK, "cannot read the PostGIS store")))
        return s;
    fm_buf_puts(ctx, sql, pg->api.PQgetvalue(r, 0, 0));
    pg->api.PQclear(r);
    return fm_buf_check(ctx, sql);
}

/* The claims' key to the new incidents, and their index; then the swap:
 * the old tables dropped (their sequences kept, the new tables' now), the
 * new ones moved into their schema and given what the old had. The drop
 * waits for the readers of the old tables to finish. */
fm_status fm_pg_swap_end(fm_ctx *ctx, fm_pg *pg, fm_pg_swap *w)
{
    fm_buf sql = {0};
    fm_status s;
    const char *o = w->text[FM_SWAP_SCHEMA], *si = w->text[FM_SWAP_SEQ_I],
               *sc = w->text[FM_SWAP_SEQ_C];
    double t = fm_clock_s();
    if ((s = fm_pg_exec(ctx, pg, "ALTER TABLE frontiermap_swap.incident_claims ADD CONSTRAINT"
                                 " incident_claims_incident_fid_fkey FOREIGN KEY (incident_fid)"
                                 " REFERENCES frontiermap_swap.incidents (fid) ON DELETE CASCADE;"
                                 "CREATE INDEX incident_claims_fid ON"
                                 " frontiermap_swap.incident_claims (incident_fid)")))
        return s;
    fm_buf_printf(ctx, &sql, "ALTER SEQUENCE %2$s OWNED BY NONE; ALTER SEQUENCE %3$s OWNED BY NONE;"
                  "LOCK TABLE %1$s.incidents, %1$s.incident_claims IN ACCESS EXCLUSIVE MODE;"
                  "DROP TABLE %1$s.incident_claims, %1$s.incidents;"
                  "ALTER TABLE frontiermap_swap.incidents SET SCHEMA %1$s;"
                  "ALTER TABLE frontiermap_swap.incident_claims SET SCHEMA %1$s;"
                  "DROP SCHEMA frontiermap_swap;", o, si, sc);
    if (!(s = carry_over(ctx, pg, w, &sql))) {
        fm_buf_printf(ctx, &sql, "ALTER SEQUENCE %2$s OWNED BY %1$s.incidents.fid;"
                      "ALTER SEQUENCE %3$s OWNED BY %1$s.incident_claims.id", o, si, sc);
        if (!(s = fm_buf_check(ctx, &sql)))
            s = fm_pg_exec(ctx, pg, fm_buf_str(&sql));
    }
    fm_buf_free(&sql);
    if (!s)
        s = path_restore(ctx, pg, w);
    fm_log(ctx, FM_LOG_DEBUG, "postgis: %.3f s: the new tables swapped in", fm_clock_s() - t);
    fm_pg_swap_free(w);
    return s;
}

#endif
