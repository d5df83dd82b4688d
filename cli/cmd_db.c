/* cmd_db.c: `frontiermap db init|upgrade`: the frontiermap schema in a
 * PostgreSQL/PostGIS database (data/pg_schema.c). A GeoPackage needs
 * neither: its first import creates it and opening upgrades it. */
#include <string.h>

#include "cli/cli.h"

typedef struct {
    const char *db;
} db_opts;

static const fm_opt db_opts_table[] = {
    FM_STRING(0, "db", db_opts, db, "CONNECTION",
              "postgresql://USER@HOST/DB or 'host=H dbname=D user=U'\n"
              "(default $FRONTIERMAP_DB); the password comes from\n"
              "PGPASSWORD, ~/.pgpass or PGSERVICE, and is never shown"),
    FM_OPTS_END};

const fm_cmd_desc fm_db_desc = {
    "db",
    "usage: frontiermap db init|upgrade [--db CONNECTION]\n",
    "\n"
    "Creates (init) or brings up to date (upgrade) the frontiermap schema in a\n"
    "PostgreSQL database with PostGIS: the incidents table (geometry(Point, 4326)\n"
    "with a GiST index), incident_claims, frontiermap_meta and frontiermap_imports.\n"
    "Init creates the postgis extension when it is missing (which needs the right\n"
    "to). Both are safe to repeat: on a current schema they write nothing, so a\n"
    "role with SELECT only is told it is ready, and refused only a change.\n"
    "\n",
    db_opts_table, NULL, 1, 1, "db needs init or upgrade"};

int cmd_db(fm_cli *cli, int argc, char **argv)
{
    const fm_cmd_desc *d = &fm_db_desc;
    db_opts o = {NULL};
    const char *verb, *db;
    char shown[512];
    int version = 0, rc, n;
    fm_status st;
    if ((rc = fm_opts_parse(cli, d, &o, argc, argv, &n)) >= 0)
        return rc;
    verb = argv[0];
    if (strcmp(verb, "init") && strcmp(verb, "upgrade"))
        return fm_opts_usage_error(cli, d, "unknown db command '%s'", verb);
    if (!(db = fm_cli_db_path(o.db)))
        return fm_opts_usage_error(cli, d, "no database given: use --db or set FRONTIERMAP_DB");
    if ((st = fm_store_db_init(cli->ctx, db, !strcmp(verb, "upgrade"), &version)))
        return fm_cli_fail(cli, st);
    fm_store_masked(db, shown, sizeof shown);
    fprintf(cli->out, "%s: frontiermap schema %d ready\n", shown, version);
    return FM_EXIT_OK;
}
