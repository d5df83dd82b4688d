/* cmd_db.c: `frontiermap db init|upgrade`: the frontiermap schema in a
 * PostgreSQL/PostGIS database (data/pg_schema.c). A GeoPackage needs
 * neither: its first import creates it and opening upgrades it. */
#include <string.h>

#include "cli/cli.h"

static const char db_usage[] =
    "usage: frontiermap db init|upgrade [--db CONNECTION]\n"
    "\n"
    "Creates (init) or brings up to date (upgrade) the frontiermap schema in a\n"
    "PostgreSQL database with PostGIS: the incidents table (geometry(Point, 4326),\n"
    "GiST indexes on it and on its geography), incident_claims, frontiermap_meta and\n"
    "frontiermap_imports. Init creates the postgis extension when it is missing\n"
    "(which needs the right to). Both are safe to repeat.\n"
    "\n"
    "  --db CONNECTION   postgresql://USER@HOST/DB or 'host=H dbname=D user=U'\n"
    "                    (default $FRONTIERMAP_DB); the password comes from\n"
    "                    PGPASSWORD, ~/.pgpass or PGSERVICE, and is never shown\n";

int cmd_db(fm_cli *cli, int argc, char **argv)
{
    const char *verb = NULL, *db = NULL;
    char shown[512];
    int version = 0;
    fm_status st;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return fm_cli_help(cli, db_usage);
        if (!strcmp(argv[i], "--db") && i + 1 < argc)
            db = argv[++i];
        else if (!strncmp(argv[i], "--db=", 5))
            db = argv[i] + 5;
        else if (argv[i][0] == '-')
            return fm_cli_usage_error(cli, db_usage, "unknown option '%s'", argv[i]);
        else if (!verb)
            verb = argv[i];
        else
            return fm_cli_usage_error(cli, db_usage, "unexpected argument '%s'", argv[i]);
    }
    if (!verb || (strcmp(verb, "init") && strcmp(verb, "upgrade")))
        return fm_cli_usage_error(cli, db_usage, verb ? "unknown db command '%s'"
                                                      : "db needs init or upgrade%s", verb ? verb : "");
    if (!(db = fm_cli_db_path(db)))
        return fm_cli_usage_error(cli, db_usage, "no database given: use --db or set FRONTIERMAP_DB");
    if ((st = fm_store_db_init(cli->ctx, db, !strcmp(verb, "upgrade"), &version)))
        return fm_cli_fail(cli, st);
    fm_store_masked(db, shown, sizeof shown);
    fprintf(cli->out, "%s: frontiermap schema %d ready\n", shown, version);
    return FM_EXIT_OK;
}
