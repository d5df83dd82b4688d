/* test_vocab.c: source vocabularies: the ACLED type a UCDP GED event's own
 * data support (data/ged_types.c), with events written as GED writes them
 * (from the Pakistan sample), the version a file name states, and what the
 * GED sample keeps once imported (typology, civilian deaths, flags, canonical
 * places, the file and version recorded for credits). */
#include <unistd.h>

#include "cli/cli.h"
#include "data/store_priv.h"
#include "fm_test.h"

static fm_ctx *ctx;

static fm_incident classify(int tov, const char *side_a, int deaths_a, const char *headline,
                            const char *article, const char *where)
{
    fm_ged_event ev = {tov, side_a, "Pakistan", deaths_a, {headline, article, where}};
    fm_incident inc;
    fm_incident_init(&inc);
    fm_ged_acled_type(&ev, &inc);
    return inc;
}

#define US "Government of United States of America"
#define PK "Government of Pakistan"
#define SUB(inc) ((inc).sub_event_type)

static void test_air_strikes(void)
{
    /* the weapon named in a headline, an article or the place description */
    CHECK_STR(SUB(classify(1, US, 0, "", "(1) SATP Pakistan datasheet (2) U.S. drone attack kills"
                           " seven in Pakistan 24 April 2010 Reuters News", "Mir Ali")),
              "Air/drone strike");
    CHECK_STR(SUB(classify(1, US, 0, "Suspected US missiles kill 4 alleged insurgents", "", "")),
              "Air/drone strike");
    CHECK_STR(SUB(classify(1, PK, 0, "", "(2) Eight killed as jets pound militant hideouts in"
                           " Pakistan's South Waziristan", "")), "Air/drone strike");
    CHECK_STR(SUB(classify(1, PK, 0, "Pak air strikes kill 19 militants in tribal belt", "", "")),
              "Air/drone strike");
    CHECK_STR(SUB(classify(1, PK, 0, "", "Gunship helicopter attack kills six militants", "")),
              "Air/drone strike");
    CHECK_STR(SUB(classify(1, US, 0, "7 suspected rebels dead in North Waziristan drone raid",
                           "", "")), "Air/drone strike");
    CHECK_STR(SUB(classify(1, US, 0, "US air-strike kills 5", "", "")), "Air/drone strike");
    CHECK_STR(classify(1, US, 0, "drone strike", "", "").event_type, "Explosions/Remote violence");
    CHECK(classify(1, US, 0, "drone strike", "", "").civilian_targeting == 0);
}

static void test_not_air_strikes(void)
{
    /* side_a alone says nothing of the weapon: police and army operations in
     * the US - al-Qaida dyad, the Abbottabad raid, bare sources */
    CHECK_STR(SUB(classify(1, US, 0, "Pakistan police kill at least 12 militants near Karachi",
                           "", "Karachi town")), "Armed clash");
    CHECK_STR(SUB(classify(1, US, 0, "", "(1) Five killed in raid, including bin Laden and son",
                           "Abbottabad city")), "Armed clash");
    CHECK_STR(SUB(classify(1, US, 0, "", "SATP Pakistan datasheet", "Sheerani Mada Khel village")),
              "Armed clash");
    CHECK_STR(SUB(classify(1, US, 2, "", "AFP 3/7 Four al-Qaeda suspects killed in gun battle",
                           "Jarme town")), "Armed clash");
    /* a missile from a government's own side is not evidence of an air strike */
    CHECK_STR(SUB(classify(1, PK, 0, "Militants fire missile at checkpost", "", "")),
              "Armed clash");
    /* another event named beside the air strike */
    CHECK_STR(SUB(classify(1, PK, 3, "Pakistan: 25 dead in suicide bomb, US missile hit", "", "")),
              "Armed clash");
    CHECK_STR(SUB(classify(1, PK, 0, "Bombs, missiles and bullets leave 29 dead in Pakistan as"
                           " Taliban, army clash", "jets", "")), "Armed clash");
    /* side_a lost men: not an air strike alone */
    CHECK_STR(SUB(classify(1, PK, 2, "Airstrikes kill 10 militants in NW Pakistan", "", "")),
              "Armed clash");
    /* words inside other words are not words */
    CHECK_STR(SUB(classify(1, PK, 0, "Jetty attacked; aircrafts", "", "")), "Armed clash");
    CHECK_STR(SUB(classify(2, "TTP", 0, "", "", "")), "Armed clash");
    CHECK_STR(classify(2, "TTP", 0, "", "", "").event_type, "Battles");
}

static void test_shelling_and_civilians(void)
{
    CHECK_STR(SUB(classify(1, "Government of India", 0, "Indian shelling across the LoC kills"
                           " two", "", "")), "Shelling/artillery/missile attack");
    CHECK_STR(SUB(classify(1, PK, 6, "Rocket attack kills six troops in southwest Pakistan", "",
                           "")), "Shelling/artillery/missile attack");
    CHECK_STR(SUB(classify(1, PK, 0, "Mortar shells and gun battles", "", "")), "Armed clash");
    CHECK_STR(classify(3, "TTP", 0, "drone", "", "").event_type, "Violence against civilians");
    CHECK_STR(SUB(classify(3, "TTP", 0, "", "", "")), "Attack");
    CHECK(classify(3, "TTP", 0, "", "", "").civilian_targeting == 1);
}

static void test_version_from_name(void)
{
    static const struct { const char *name, *want; } cases[] = {
        {"ged211.csv", "21.1"}, {"/data/GEDEvent_v22_1.csv", "22.1"},
        {"ucdp-ged-23.1-pakistan.csv", "23.1"}, {"ged25.0.9.csv", "25.0.9"},
        {"GED_24_1_PAK.csv", "24.1"}, {"ucdp-ged-pakistan-1989-2021.csv", ""},
        {"acled-2025.csv", ""}, {"ged2024.csv", ""}, {"ged.csv", ""}, {"", ""}};
    char v[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fm_source_version_from_name(cases[i].name, v, sizeof v);
        CHECK_STR(v, cases[i].want);
    }
}

/* Credits cite the version the file gave, or say it was not given. */
static void test_credits(void)
{
    const char *ged[] = {"ged"}, *both[] = {"acled", "ged"};
    fm_source_info info;
    fm_buf b = {0};
    memset(&info, 0, sizeof info);
    snprintf(info.version, sizeof info.version, "23.1");
    fm_cli_credit_sources(ctx, ged, 1, NULL, &info, &b);
    CHECK(strstr(fm_buf_str(&b), "UCDP GED 23.1 (") != NULL);
    fm_buf_reset(&b);
    info.version[0] = '\0';
    snprintf(info.file, sizeof info.file, "ucdp-ged-pakistan-1989-2021.csv");
    fm_cli_credit_sources(ctx, both, 2, "2026-01-02", &info, &b);
    CHECK(strstr(fm_buf_str(&b), "version not stated in the file imported"
                                 " (ucdp-ged-pakistan-1989-2021.csv)") != NULL);
    CHECK(strstr(fm_buf_str(&b), "accessed 2026-01-02") != NULL);
    CHECK(strstr(fm_buf_str(&b), "21.1") == NULL);
    fm_buf_reset(&b);
    fm_cli_credit_sources(ctx, ged, 1, NULL, NULL, &b);
    CHECK(strstr(fm_buf_str(&b), "UCDP GED, version not recorded") != NULL);
    fm_buf_free(&b);
}

/* The real sample, imported: GED's typology kept, civilian deaths, the 200
 * contradictory estimates flagged, one canonical name per province, the
 * file recorded for credits. */
static void test_ged_sample(void)
{
    char ged[4096], db[512];
    fm_store *st = NULL;
    fm_import_stats s;
    fm_import_opts o;
    fm_source_info info;
    const char *paths[1] = {ged};
    snprintf(ged, sizeof ged, "%s/../data/samples/ucdp-ged-pakistan-1989-2021.csv",
             fm_test_srcdir());
    snprintf(db, sizeof db, "%s/vocab.gpkg", fm_test_tmpdir());
    fm_store_remove_files(db);
    if (access(ged, R_OK) != 0) {
        fprintf(stderr, "   skipped: %s is absent\n", ged);
        return;
    }
    memset(&o, 0, sizeof o);
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    CHECK(st && fm_store_import(ctx, st, paths, 1, &o, &s) == FM_OK);
    CHECK(s.added == 6416);
    CHECK(st && fm_store_source_info(ctx, st, "ged", &info) == FM_OK);
    CHECK_STR(info.file, "ucdp-ged-pakistan-1989-2021.csv");
    CHECK_STR(info.version, "");
    fm_store_close(st);
#define Q(sql) fm_test_sql_int(db, sql)
    CHECK(Q("SELECT count(*) FROM incidents WHERE violence_type = 'state-based'") == 5388);
    CHECK(Q("SELECT count(*) FROM incidents WHERE violence_type = 'non-state'") == 469);
    CHECK(Q("SELECT count(*) FROM incidents WHERE violence_type = 'one-sided'") == 559);
    CHECK(Q("SELECT sum(deaths_civilians) FROM incidents") == 6850);
    CHECK(Q("SELECT count(*) FROM incidents WHERE dyad = 'Government of Pakistan - TTP'") == 3770);
    CHECK(Q("SELECT count(*) FROM incidents WHERE flags LIKE '%fatalities-low-above-best%' OR"
            " flags LIKE '%fatalities-high-below-best%'") == 200);
    CHECK(Q("SELECT count(*) FROM incidents WHERE (fatalities_low > fatalities OR"
            " fatalities_high < fatalities) AND flags NOT LIKE '%fatalities-%'") == 0);
    CHECK(Q("SELECT count(DISTINCT admin1) FROM incidents") == 7); /* and 45 without */
    CHECK(Q("SELECT count(*) FROM incidents WHERE admin1 = 'Khyber Pakhtunkhwa'") == 4741);
    CHECK(Q("SELECT count(*) FROM incidents WHERE admin1_src = 'Federally Administered Tribal"
            " Areas' AND admin1 = 'Khyber Pakhtunkhwa'") == 3378);
    CHECK(Q("SELECT count(*) FROM incidents WHERE admin2 LIKE '% agency' OR admin2 LIKE"
            " '% district'") == 0);
    CHECK(Q("SELECT count(*) FROM incidents WHERE sub_event_type = 'Air/drone strike' AND"
            " dyad = 'Government of United States of America - al-Qaida'") >= 150);
    /* the police operations in Karachi are not air strikes (one Lahore row is:
     * its sources list an unrelated drone strike headline, see DESIGN.md) */
    CHECK(Q("SELECT count(*) FROM incidents WHERE sub_event_type = 'Air/drone strike' AND"
            " admin1 = 'Sindh'") == 0);
    /* the same file under a versioned name, and --source-version */
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    o.source_version = "22.1";
    CHECK(st && fm_store_import(ctx, st, paths, 1, &o, &s) == FM_OK);
    CHECK(s.unchanged == 6416);
    CHECK(st && fm_store_source_info(ctx, st, "ged", &info) == FM_OK);
    CHECK_STR(info.version, "22.1");
    fm_store_close(st);
    /* GED's own words on request */
    CHECK(fm_store_open(ctx, db, FM_STORE_WRITE, &st) == FM_OK);
    o.ged_types = FM_GED_TYPES_UCDP;
    CHECK(st && fm_store_import(ctx, st, paths, 1, &o, &s) == FM_OK);
    fm_store_close(st);
    CHECK(Q("SELECT count(*) FROM incidents WHERE event_type = 'One-sided violence'") == 559);
    CHECK(Q("SELECT count(*) FROM incidents WHERE sub_event_type IS NOT NULL") == 0);
#undef Q
}

int main(void)
{
    ctx = fm_ctx_create();
    RUN(test_air_strikes);
    RUN(test_not_air_strikes);
    RUN(test_shelling_and_civilians);
    RUN(test_version_from_name);
    RUN(test_credits);
    RUN(test_ged_sample);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
