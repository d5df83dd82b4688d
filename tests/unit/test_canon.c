/* test_canon.c: canonical province and district names (geo/canon.c): the
 * spellings UCDP GED and ACLED write, the FATA merger, Afghan provinces,
 * names the table does not know, and that every canonical province is a
 * province of the basemap (so --region and polygons agree); and the district
 * changes since c. 2016 (geo/succession.c): lookups, and that the districts
 * they name are the gazetteer's. */
#include <stdio.h>
#include <stdlib.h>

#include "fm_test.h"
#include "geo/fm_geo.h"

static fm_ctx *ctx;
static fm_admin_names *an;

static fm_admin_canon canon(const char *country, const char *a1, const char *a2)
{
    fm_admin_canon c;
    memset(&c, 0, sizeof c);
    CHECK(fm_admin_names_canon(ctx, an, country, a1, a2, &c) == FM_OK);
    return c;
}

#define A1(country, in, want) CHECK_STR(canon(country, in, NULL).admin1, want)
#define A2(country, a1, in, want1, want2)                                              \
    do {                                                                               \
        fm_admin_canon c_ = canon(country, a1, in);                                    \
        CHECK_STR(c_.admin1, want1);                                                   \
        CHECK_STR(c_.admin2, want2);                                                   \
    } while (0)

/* The admin1 names of the UCDP GED Pakistan sample, and ACLED's. */
static void test_pakistan_provinces(void)
{
    A1("Pakistan", "Balochistan province", "Balochistan");
    A1("Pakistan", "Balochistan", "Balochistan");
    A1("Pakistan", "Baluchistan", "Balochistan");
    A1("Pakistan", "Khyber Pakhtunkwa province", "Khyber Pakhtunkhwa");
    A1("Pakistan", "Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa");
    A1("Pakistan", "KPK", "Khyber Pakhtunkhwa");
    A1("Pakistan", "N.W.F.P.", "Khyber Pakhtunkhwa");
    A1("Pakistan", "North-West Frontier Province", "Khyber Pakhtunkhwa");
    A1("Pakistan", "Federally Administered Tribal Areas", "Khyber Pakhtunkhwa");
    A1("Pakistan", "FATA", "Khyber Pakhtunkhwa");
    A1("Pakistan", "Sindh province", "Sindh");
    A1("Pakistan", "Punjab province", "Punjab");
    A1("Pakistan", "Islamabad Capital territory", "Islamabad Capital Territory");
    A1("Pakistan", "Azad Jammu & Kashmir", "Azad Kashmir");
    A1("Pakistan", "Gilgit-Baltistan", "Gilgit-Baltistan");
    A1("Pakistan", "Northern Areas", "Gilgit-Baltistan");
    A1("PK", "khyber pakhtunkhwa", "Khyber Pakhtunkhwa");
    A1(NULL, "Balochistan province", "Balochistan"); /* no country: still unique */
    CHECK(canon("Pakistan", "Balochistan province", NULL).admin1_known);
    CHECK_STR(canon("Pakistan", "Balochistan province", NULL).country_code, "PK");
    CHECK_STR(canon(NULL, "Balochistan province", NULL).country_code, "PK");
}

/* The former agencies become districts of Khyber Pakhtunkhwa; frontier
 * regions join the district they were attached to. */
static void test_fata_merger(void)
{
    const char *fata = "Federally Administered Tribal Areas";
    A2("Pakistan", fata, "Khyber agency", "Khyber Pakhtunkhwa", "Khyber");
    A2("Pakistan", fata, "North Waziristan", "Khyber Pakhtunkhwa", "North Waziristan");
    A2("Pakistan", fata, "Bajaur agency", "Khyber Pakhtunkhwa", "Bajaur");
    A2("Pakistan", fata, "Orakzai agency", "Khyber Pakhtunkhwa", "Orakzai");
    A2("Pakistan", fata, "FR Kohat", "Khyber Pakhtunkhwa", "Kohat");
    A2("Pakistan", fata, "FR Tank - Jandola", "Khyber Pakhtunkhwa", "Tank");
    A2("Pakistan", fata, "FR Bannu - Mir Ali", "Khyber Pakhtunkhwa", "Bannu");
    A2("Pakistan", fata, "", "Khyber Pakhtunkhwa", "");
    A2("Pakistan", "Khyber Pakhtunkhwa", "Khyber", "Khyber Pakhtunkhwa", "Khyber");
    /* ACLED gives only the district at times: the province follows from it */
    A2("Pakistan", "", "Mohmand agency", "Khyber Pakhtunkhwa", "Mohmand");
    CHECK(canon("Pakistan", fata, "Khyber agency").admin2_known);
}

static void test_districts(void)
{
    A2("Pakistan", "Balochistan province", "Killa Abdullah district", "Balochistan", "Qila Abdullah");
    A2("Pakistan", "Balochistan province", "Jafarabad Distrcit", "Balochistan", "Jafarabad");
    A2("Pakistan", "Khyber Pakhtunkwa province", "Dera Ismail Khan district", "Khyber Pakhtunkhwa",
       "Dera Ismail Khan");
    A2("Pakistan", "Khyber Pakhtunkhwa", "D.I. Khan", "Khyber Pakhtunkhwa", "Dera Ismail Khan");
    A2("Pakistan", "Azad Jammu & Kashmir", "Bhimber district", "Azad Kashmir", "Bhimber");
    A2("Pakistan", "Gilgit-Baltistan", "Diamir", "Gilgit-Baltistan", "Diamer");
    /* not in the table: the source's spelling less the generic word */
    A2("Pakistan", "Khyber Pakhtunkwa province", "Swat district", "Khyber Pakhtunkhwa", "Swat");
    A2("Pakistan", "Sindh province", "Karachi district", "Sindh", "Karachi");
    A2("Pakistan", "Punjab province", "District Lahore", "Punjab", "Lahore");
    CHECK(!canon("Pakistan", "Punjab province", "Lahore district").admin2_known);
    /* a district of another province is not taken for the listed one */
    A2("Pakistan", "Punjab", "Khyber", "Punjab", "Khyber");
}

static void test_afghanistan(void)
{
    A1("Afghanistan", "Nangarhar", "Nangarhar");
    A1("Afghanistan", "Ningarhar", "Nangarhar");
    A1("Afghanistan", "Paktiya", "Paktia");
    A1("Afghanistan", "Paktika", "Paktika");
    A1("Afghanistan", "Konar", "Kunar");
    A1("Afghanistan", "Maidan Wardak", "Wardak");
    A1("Afghanistan", "Sar-e-Pul", "Sar-e Pol");
    A1("Afghanistan", "Uruzgan Province", "Uruzgan");
    A1("AFG", "Daikundi", "Daykundi");
    A1("Afghanistan", "Hilmand", "Helmand");
    /* a Pakistani name is not made Afghan */
    CHECK(!canon("Afghanistan", "Balochistan", NULL).admin1_known);
}

static void test_unknown_and_empty(void)
{
    fm_admin_canon c = canon("Pakistan", "  Some  Province ", NULL);
    CHECK_STR(c.admin1, "Some");
    CHECK(!c.admin1_known);
    c = canon(NULL, NULL, NULL);
    CHECK_STR(c.admin1, "");
    CHECK_STR(c.admin2, "");
    c = canon("India", "Jammu and Kashmir", "Kupwara district");
    CHECK_STR(c.admin1, "Jammu and Kashmir");
    CHECK_STR(c.admin2, "Kupwara");
    CHECK_STR(c.country_code, "");
    CHECK_STR(fm_country_code("pakistan"), "PK");
    CHECK_STR(fm_country_code("AFG"), "AF");
    CHECK_STR(fm_country_code("India"), "");
    /* the one list of spellings: codes, names, long names, any case and spacing */
    CHECK_STR(fm_country_code("PAK"), "PK");
    CHECK_STR(fm_country_code("islamic republic of pakistan"), "PK");
    CHECK_STR(fm_country_code("islamicrepublicofpakistan"), "PK"); /* a folded key */
    CHECK_STR(fm_country_code("Islamic Emirate of Afghanistan"), "AF");
    CHECK_STR(fm_country_code(" af "), "AF");
    CHECK_STR(fm_country_code("Pakistani"), "");
    CHECK_STR(fm_country_code(""), "");
    CHECK_STR(fm_country_code(NULL), "");
    CHECK(fm_admin_names_canon(ctx, an, "Pakistan", "Wana\xff", NULL, &c) == FM_EINVAL);
}

/* The remembered answers are the answers: the same after many other names. */
static void test_memo(void)
{
    char name[64];
    for (int i = 0; i < 2000; i++) {
        snprintf(name, sizeof name, "District %d", i);
        CHECK_STR(canon("Pakistan", "Sindh province", name).admin1, "Sindh");
    }
    A2("Pakistan", "Federally Administered Tribal Areas", "Khyber agency", "Khyber Pakhtunkhwa",
       "Khyber");
}

/* Names that take turns are all remembered: these two hash to one slot of
 * a 256-slot memo (as two pairs of the synthetic ACLED file's 17 do), and
 * a direct-mapped memo worked each out again at every turn. An answer
 * handed out stays valid until the next call, even when the call after
 * that evicts it. */
static void test_memo_turns(void)
{
    fm_admin_names *own = fm_admin_names_create(ctx);
    fm_admin_canon c;
    CHECK(own != NULL);
    for (int i = 0; own && i < 50; i++) {
        CHECK(fm_admin_names_canon(ctx, own, "Pakistan", "Khyber Pakhtunkhwa",
                                   i % 2 ? "Peshawar" : "South Waziristan", &c) == FM_OK);
        CHECK_STR(c.admin2, i % 2 ? "Peshawar" : "South Waziristan");
        CHECK(fm_admin_names_canon(ctx, own, "Afghanistan", "Paktika", "Barmal", &c) == FM_OK);
        CHECK(fm_admin_names_canon(ctx, own, "Pakistan", "Balochistan", "Zhob", &c) == FM_OK);
        CHECK_STR(c.admin1, "Balochistan");
    }
    CHECK(fm_admin_names_resolved(own) == 4);
    /* many more names than slots: every one still right, the oldest go */
    char name[64];
    for (int i = 0; own && i < 1000; i++) {
        snprintf(name, sizeof name, "Place %d district", i);
        CHECK(fm_admin_names_canon(ctx, own, "Pakistan", "Sindh", name, &c) == FM_OK);
        snprintf(name, sizeof name, "Place %d", i);
        CHECK_STR(c.admin2, name);
    }
    CHECK(fm_admin_names_resolved(own) == 4 + 1000);
    CHECK(fm_admin_names_canon(ctx, own, "Pakistan", "Balochistan", "Zhob", &c) == FM_OK);
    CHECK(fm_admin_names_resolved(own) == 4 + 1000 + 1);
    CHECK(fm_admin_names_resolved(NULL) == 0);
    fm_admin_names_destroy(own);
}

/* Every canonical province name is one of the basemap's provinces. */
static void test_basemap_names(void)
{
    static const char *const spellings[] = {
        "KPK", "Balochistan province", "Sindh province", "Punjab province", "ICT", "AJK",
        "Gilgit Baltistan", "Badakshan", "Badghis", "Baghlan", "Balkh", "Bamian", "Daikundi",
        "Farah", "Faryab", "Ghazni", "Ghowr", "Hilmand", "Hirat", "Jawzjan", "Kabul",
        "Qandahar", "Kapisa", "Khowst", "Konar", "Kunduz", "Laghman", "Lowgar", "Ningarhar",
        "Nimruz", "Nooristan", "Paktya", "Paktika", "Panjsher", "Parvan", "Samangan",
        "Sari Pul", "Takhar", "Oruzgan", "Maidan Wardak", "Zabol"};
    fm_basemap *bm = NULL;
    CHECK(fm_basemap_open(ctx, NULL, &bm) == FM_OK);
    for (size_t i = 0; bm && i < sizeof spellings / sizeof spellings[0]; i++) {
        fm_admin_canon c = canon(NULL, spellings[i], NULL);
        int found = 0;
        for (size_t k = 0; k < fm_basemap_count(bm, FM_LAYER_PROVINCES); k++) {
            const char *name = NULL, *cc = NULL;
            fm_basemap_geom(bm, FM_LAYER_PROVINCES, k, &name, &cc);
            found |= name && !strcmp(name, c.admin1) && !strcmp(cc, c.country_code);
        }
        if (!found)
            fprintf(stderr, "not a basemap province: %s -> %s\n", spellings[i], c.admin1);
        CHECK(found);
    }
    fm_basemap_close(bm);
}

static void test_name_lists(void)
{
    CHECK(fm_name_in_list("Chaman", "Chaman"));
    CHECK(fm_name_in_list("lower kohistan", "Upper Kohistan|Lower Kohistan"));
    CHECK(!fm_name_in_list("Kohistan", "Upper Kohistan|Lower Kohistan"));
    CHECK(!fm_name_in_list("Hub", "Hubco|Lasbela"));
    CHECK(!fm_name_in_list("Hub", ""));
    CHECK(!fm_name_in_list("Hub", NULL));
}

/* One table serves the note, the choropleth and the district filters. */
static void test_district_changes(void)
{
    const fm_district_change *ch;
    fm_gazetteer *gz = NULL;
    size_t n = 0;
    ch = fm_district_change_find(NULL, 0); /* the merger comes first in the note */
    CHECK(ch && !strcmp(ch->parent, "FATA") && ch->year == 2018 && ch->confirmed);
    ch = fm_district_change_find("chaman", 0);
    CHECK(ch && !strcmp(ch->parent, "Qila Abdullah") && ch->year == 2021 && !ch->confirmed);
    ch = fm_district_change_find("Kohistan", 0); /* the split, then Kolai-Palas */
    CHECK(ch && !strcmp(ch->made, "Upper Kohistan|Lower Kohistan") && !ch->drawn_as);
    ch = fm_district_change_find("Kohistan", 1);
    CHECK(ch && !strcmp(ch->made, "Kolai-Palas") && ch->drawn_as &&
          !strcmp(ch->drawn_as, "Lower Kohistan"));
    CHECK(fm_district_change_find("Kohistan", 2) == NULL);
    ch = fm_district_change_find("Upper South Waziristan", 1); /* after the merger */
    CHECK(ch && !strcmp(ch->parent, "South Waziristan") && ch->year == 2022);
    ch = fm_district_change_find("Surab", 0);
    CHECK(ch && !strcmp(ch->parent, "Kalat") && ch->year == 0);
    CHECK(fm_district_change_find("Peshawar", 0) == NULL);
    /* every district a change makes is a gazetteer district, with a polygon
     * unless the change says which one covers it */
    CHECK(fm_gazetteer_open(ctx, NULL, &gz) == FM_OK);
    for (size_t i = 0; gz && (ch = fm_district_change_find(NULL, i)); i++, n++) {
        for (const char *m = ch->made; *m; m += strcspn(m, "|") + (m[strcspn(m, "|")] == '|')) {
            int row = 0, polygon = 0;
            for (size_t k = 0; k < fm_gazetteer_count_kind(gz, FM_PLACE_DISTRICT); k++) {
                const fm_place *p = fm_gazetteer_get_kind(gz, FM_PLACE_DISTRICT, k);
                if (strcmp(p->country, "PK") || strncmp(p->name, m, strcspn(m, "|")) ||
                    p->name[strcspn(m, "|")])
                    continue;
                row = 1;
                polygon |= fm_gazetteer_area_of(gz, p) != NULL;
            }
            if (!(ch->drawn_as ? !row : row && polygon))
                fprintf(stderr, "change '%s': '%.*s' row %d polygon %d\n", ch->what,
                        (int)strcspn(m, "|"), m, row, polygon);
            CHECK(ch->drawn_as ? !row : row && polygon);
        }
        CHECK(ch->what && *ch->what && (ch->year == 0 || (ch->year >= 2010 && ch->year <= 2025)));
    }
    CHECK(n == 11);
    fm_gazetteer_close(gz);
}

int main(void)
{
    ctx = fm_ctx_create();
    an = fm_admin_names_create(ctx);
    CHECK(an != NULL);
    RUN(test_pakistan_provinces);
    RUN(test_fata_merger);
    RUN(test_districts);
    RUN(test_afghanistan);
    RUN(test_unknown_and_empty);
    RUN(test_memo);
    RUN(test_memo_turns);
    RUN(test_basemap_names);
    RUN(test_name_lists);
    RUN(test_district_changes);
    fm_admin_names_destroy(an);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
