/* test_geocode.c: the gazetteer loader (and its errors) and the geocoder on a
 * small fixture gazetteer: spellings, the same-name traps, hints, fallbacks
 * and ambiguity; then a few well-known places on the built-in gazetteer. */
#include <stdlib.h>

#include "fm_test.h"
#include "geo/fm_geo.h"
#include "geo/geocode_priv.h"

static fm_ctx *ctx;
static fm_gazetteer *gz;

static double km(double lon1, double lat1, double lon2, double lat2)
{
    return fm_geod_inverse(lon1, lat1, lon2, lat2, NULL) / 1000.0;
}

/* Geocodes q with optional hints; returns the status, result in *r. */
static fm_status gc(const char *q, const char *admin2, const char *admin1, const char *country,
                    fm_geocode_result *r)
{
    fm_geocode_hint h = {admin1, admin2, country, 0, NULL, 0};
    fm_status st = fm_geocode(ctx, gz, q, &h, r);
    if (st == FM_OK)
        fprintf(stderr, "   %-28s -> %s (%s, %s) p%d %.2f %s\n", q, r->place->name,
                fm_place_kind_name(r->place->kind), r->place->admin2, r->precision, r->score,
                r->note);
    else
        fprintf(stderr, "   %-28s -> error: %s\n", q, fm_ctx_message(ctx));
    return st;
}

/* Expects q to resolve to entry id with the given precision. */
static void expect(const char *q, const char *admin2, const char *admin1, int id, int precision)
{
    fm_geocode_result r;
    fm_status st = gc(q, admin2, admin1, NULL, &r);
    CHECK(st == FM_OK);
    if (st)
        return;
    CHECK(r.place->id == id);
    CHECK(r.precision == precision);
    if (r.place->id != id || r.precision != precision)
        fprintf(stderr, "   ^ expected id %d precision %d, got id %d precision %d\n", id,
                precision, r.place->id, r.precision);
}

static void fixture_dir(char *out, size_t cap)
{
    snprintf(out, cap, "%s/unit/fixtures", fm_test_srcdir());
}

static void test_load(void)
{
    const fm_place *p;
    CHECK(fm_gazetteer_count(gz) == 59);
    p = fm_gazetteer_get(gz, 0);
    CHECK(p && p->kind == FM_PLACE_PROVINCE && !strcmp(p->country, "PK"));
    CHECK(fm_gazetteer_get(gz, 100000) == NULL);
    CHECK_STR(fm_place_kind_name(FM_PLACE_CROSSING), "crossing");
    CHECK_STR(fm_place_kind_name(FM_PLACE_VILLAGE), "village");
    fm_gazetteer_close(NULL);
}

/* Writes a places.csv with body under a fresh data dir; returns the dir. */
static const char *bad_dir(const char *name, const char *body)
{
    static char dir[4096];
    char path[4200];
    FILE *f;
    snprintf(dir, sizeof dir, "%s/%s", fm_test_tmpdir(), name);
    snprintf(path, sizeof path, "mkdir -p '%s/gazetteer'", dir);
    CHECK(system(path) == 0);
    snprintf(path, sizeof path, "%s/gazetteer/places.csv", dir);
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(body, f);
        fclose(f);
    }
    return dir;
}

static void expect_load_error(const char *name, const char *body, const char *where,
                              const char *what)
{
    fm_gazetteer *g = NULL;
    fm_status st = fm_gazetteer_open(ctx, bad_dir(name, body), &g);
    CHECK(st != FM_OK);
    CHECK(g == NULL);
    CHECK(strstr(fm_ctx_message(ctx), where) != NULL);
    CHECK(strstr(fm_ctx_message(ctx), what) != NULL);
    fprintf(stderr, "   %s: %s\n", name, fm_ctx_message(ctx));
    fm_gazetteer_close(g);
}

#define HDR "id,name,kind,country,admin1,admin2,lon,lat,aliases,source\n"
#define ROW1 "1,Torkham,crossing,PK,Khyber Pakhtunkhwa,Khyber,71.08472,34.11472,,t\n"

static void test_load_errors(void)
{
    fm_gazetteer *g = NULL;
    expect_load_error("kind", HDR ROW1 "2,Wana,hamlet,PK,KP,SW,69.5,32.3,,t\n", "places.csv:3",
                      "kind");
    expect_load_error("lon", HDR ROW1 ROW1 "3,Wana,town,PK,KP,SW,east,32.3,,t\n", "places.csv:4",
                      "lon");
    expect_load_error("lat", HDR "1,Wana,town,PK,KP,SW,69.5,132.3,,t\n", "places.csv:2", "lat");
    expect_load_error("country", HDR "1,Wana,town,Pakistan,KP,SW,69.5,32.3,,t\n", "places.csv:2",
                      "country");
    expect_load_error("id", HDR "x,Wana,town,PK,KP,SW,69.5,32.3,,t\n", "places.csv:2", "id");
    expect_load_error("name", HDR "1,,town,PK,KP,SW,69.5,32.3,,t\n", "places.csv:2", "name");
    expect_load_error("utf8", HDR "1,Wa\xffna,town,PK,KP,SW,69.5,32.3,,t\n", "places.csv:2",
                      "UTF-8");
    expect_load_error("dup", HDR ROW1 "1,Wana,town,PK,KP,SW,69.5,32.3,,t\n", "places.csv",
                      "duplicate id 1");
    expect_load_error("column", "id,name,kind,country,lon\n1,Wana,town,PK,69.5\n",
                      "places.csv:1", "missing column 'lat'");
    expect_load_error("quote", HDR "1,\"Wana,town,PK,KP,SW,69.5,32.3,,t\n", "places.csv", "");
    expect_load_error("empty", HDR, "places.csv", "no places");
    CHECK(fm_gazetteer_open(ctx, "/nonexistent/dir", &g) != FM_OK);
    CHECK(strstr(fm_ctx_message(ctx), "/nonexistent/dir/gazetteer/places.csv") != NULL);
    CHECK(g == NULL);
}

static void test_lookup(void)
{
    fm_gazetteer_hit hits[8];
    fm_buf key = {0};
    fm_name_fold(ctx, "Miranshah", &key);
    CHECK(fm_gazetteer_find(gz, fm_buf_str(&key), hits, 8) == 1);
    CHECK(fm_gazetteer_get(gz, hits[0].index)->id == 42);
    CHECK(fm_gazetteer_find(gz, "nowhere at all", hits, 8) == 0);
    fm_name_fold(ctx, "Torkhum", &key);
    CHECK(fm_gazetteer_find(gz, fm_buf_str(&key), hits, 8) == 0);
    CHECK(fm_gazetteer_find_fuzzy(gz, fm_buf_str(&key), 1, hits, 8) == 1);
    CHECK(hits[0].edits == 1 && fm_gazetteer_get(gz, hits[0].index)->id == 30);
    CHECK(fm_gazetteer_find_fuzzy(gz, fm_buf_str(&key), 0, hits, 8) == 0);
    fm_buf_free(&key);
}

static void test_spellings(void)
{
    fm_geocode_result r;
    expect("Torkham", NULL, NULL, 30, 1);
    expect("Torkhum", NULL, NULL, 30, 2); /* one letter off: near, not exact */
    expect("Tor Kham", NULL, NULL, 30, 1);
    expect("\xd8\xb7\xd9\x88\xd8\xb1\xd8\xae\xd9\x85", NULL, NULL, 30, 1); /* طورخم */
    expect("Friendship Gate", NULL, NULL, 31, 1);
    expect("Bab-e-Dosti", NULL, NULL, 31, 1);
    expect("Bab-i-Dosti", NULL, NULL, 31, 1);
    expect("Spin Buldak", NULL, NULL, 49, 1);
    expect("Spin Boldak", NULL, NULL, 49, 1);
    expect("Killa Saifullah", NULL, NULL, 17, 3);
    expect("Qila Saifullah district", NULL, NULL, 17, 3);
    expect("Miranshah", NULL, NULL, 42, 1);
    expect("Miran Shah", NULL, NULL, 42, 1);
    expect("Angur Adda", NULL, NULL, 32, 1);
    expect("Angoor Ada", NULL, NULL, 32, 1);
    expect("Ghulam Khan Kalay", NULL, NULL, 34, 2); /* a word left off */
    expect("Khyber Pakhtunkwa province", NULL, NULL, 1, 3);
    expect("Bêrmal", NULL, NULL, 21, 3);
    expect("Wana town", NULL, NULL, 40, 1);
    expect("Torkham border", NULL, NULL, 30, 1);
    expect("Wana valley", NULL, NULL, 40, 1); /* "the Shawal valley": the place */
    expect("Wana sector", NULL, NULL, 40, 1); /* "the Nakyal sector" of the LoC */
    CHECK(gc("Bab-e-Dosti", NULL, NULL, NULL, &r) == FM_OK && strstr(r.note, "Bab-e-Dosti"));
}

static void test_traps(void)
{
    fm_geocode_result r;
    /* Barmal (Paktika, AF) vs Birmal (South Waziristan, PK) */
    expect("Barmal", NULL, NULL, 21, 3);
    expect("Barmal, Paktika", NULL, NULL, 21, 3);
    expect("Birmal", NULL, NULL, 41, 1);
    expect("Birmal", "South Waziristan", NULL, 41, 1);
    expect("Barmal", "South Waziristan Agency", NULL, 41, 2); /* corrected by the district hint */
    expect("Barmal", NULL, "Paktika", 21, 3);
    /* Ghani Khel (Nangarhar) vs Ghazni Khel (Lakki Marwat) */
    expect("Ghani Khel", NULL, NULL, 46, 1);
    expect("Ghazni Khel", NULL, NULL, 45, 1);
    expect("Ghani Khel", NULL, "Nangarhar", 46, 1);
    CHECK(gc("Ghani Khel", "Lakki Marwat", NULL, NULL, &r) == FM_OK &&
          !strcmp(r.place->country, "PK") && km(r.lon, r.lat, 70.8, 32.6) < 25);
    /* Badini (crossing, Qila Saifullah) vs Badin (Sindh) */
    expect("Badini", NULL, NULL, 33, 1);
    expect("Badin", NULL, NULL, 47, 1);
    /* Matta in Swat vs Bajaur */
    /* a choice among same-named places: said, and precision 2 */
    expect("Matta", "Bajaur", NULL, 44, 2);
    expect("Matta", "Bajaur Agency", NULL, 44, 2);
    expect("Matta", "Swat", NULL, 43, 1); /* the town outranks the village anyway */
    expect("Matta, Bajaur", NULL, NULL, 44, 2);
    CHECK(gc("Matta", "Bajaur", NULL, NULL, &r) == FM_OK && (r.flags & FM_GEOCODE_CHOSEN) &&
          r.nalt == 1 && r.alt[0].place->id == 43 && r.alt[0].ruled_out);
    expect("Matta", NULL, NULL, 43, 1); /* the town outranks the village */
    CHECK(gc("Matta", NULL, NULL, NULL, &r) == FM_OK && r.score < 1.0 && strstr(r.note, "smaller"));
}

/* No confident wrong answers: a name some letters off that nothing confirms
 * is refused with the candidates, never given as the place; never a silent
 * change of country. */
static void test_doubts(void)
{
    fm_geocode_result r;
    CHECK(gc("Nazian", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "Natian (town; Swabi, Khyber Pakhtunkhwa, PK; 1 letter off)"));
    CHECK(r.place == NULL && r.nalt == 1 && r.alt[0].place->id == 60 && r.alt[0].edits == 1);
    /* the province of the query is in the other country: its province, said */
    CHECK(gc("Nazian", NULL, "Nangarhar", NULL, &r) == FM_OK);
    CHECK(r.place->id == 5 && r.precision == 3 && r.flags == FM_GEOCODE_FALLBACK);
    CHECK(r.nalt == 1 && r.alt[0].place->id == 60 && r.alt[0].ruled_out);
    CHECK(strstr(r.note, "closest: Natian in Swabi, PK") != NULL);
    CHECK(gc("Natian", NULL, "Nangarhar", NULL, &r) == FM_OK);
    CHECK(r.place->id == 5 && r.flags == (FM_GEOCODE_COUNTRY | FM_GEOCODE_FALLBACK));
    /* the stated country has no such name and no area to fall back to */
    CHECK(gc("Natian", NULL, NULL, "AF", &r) == FM_ENOTFOUND);
    CHECK(r.flags & FM_GEOCODE_COUNTRY);
    CHECK(strstr(fm_ctx_message(ctx), "Natian (town; Swabi"));
    /* Birmal is in PK; in AF, the vowel-variant Bermal district, said so */
    CHECK(gc("Birmal", NULL, NULL, "AF", &r) == FM_OK && r.place->id == 21);
    CHECK(r.precision == 3 && (r.flags & FM_GEOCODE_COUNTRY) && (r.flags & FM_GEOCODE_SPELLING));
    CHECK(strstr(r.note, "'Birmal' itself is in PK") != NULL);
    /* a long name one letter off: given, but as a near match, and said */
    CHECK(gc("Parachnar", NULL, NULL, NULL, &r) == FM_OK);
    CHECK(r.place->id == 50 && r.precision == 2 && r.flags == FM_GEOCODE_SPELLING);
    /* a short town name that differs as transliterations do: a near match */
    CHECK(gc("Chamen", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 48 && r.precision == 2);
    CHECK(gc("Parachenar", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 50);
    /* a letter more at the end, or a consonant for a consonant: another name */
    CHECK(gc("Khare", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    CHECK(gc("Wara", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    /* a plain match carries no doubt */
    CHECK(gc("Natian", NULL, NULL, NULL, &r) == FM_OK && r.flags == 0 && r.precision == 1);
    /* the district hint confirms a short name one letter off */
    CHECK(gc("Natyan", "Swabi", NULL, NULL, &r) == FM_OK && r.place->id == 60 &&
          r.precision == 2 && r.flags == FM_GEOCODE_SPELLING);
}

/* Importance-weighted ranking: an important place at a transliteration of
 * the name beside a village of the exact name elsewhere is the better bet but
 * a doubt (said, precision 2); the hints choose the village; a spelling never
 * crosses the border; an area's other spelling is its namesake town; the same
 * name near the frontier beats the same name far from it, said. */
static void test_ranking(void)
{
    fm_geocode_result r;
    /* Hungu: Hangu town a vowel off, Hungo village (Bajaur) the exact name */
    CHECK(gc("Hungu", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 61);
    CHECK(r.precision == 2 && (r.flags & FM_GEOCODE_SPELLING));
    CHECK(strstr(r.note, "doubt: village Hungo (Bajaur) is the nearer spelling") != NULL);
    CHECK(r.nalt >= 1 && r.alt[0].place->id == 62 && r.alt[0].edits == 0);
    expect("Hungu", NULL, "Khyber Pakhtunkhwa", 61, 2); /* both in the province: still the town */
    expect("Hungu", "Bajaur", NULL, 62, 1);             /* the district says it is the village */
    expect("Hungo, Bajaur", NULL, NULL, 62, 1);
    expect("Hangu", NULL, NULL, 61, 1);
    /* Jelalabad: an alias of a village in Herat, a vowel off Jalalabad city */
    CHECK(gc("Jelalabad", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 63);
    CHECK(r.precision == 2 && strstr(r.note, "doubt: village Jilalabad (Hirat)"));
    expect("Jelalabad", NULL, "Herat", 64, 1);
    /* Birmal is a village of that exact name in PK; Bermal (AF) a vowel off:
     * the border is not crossed for a vowel */
    expect("Birmal", NULL, NULL, 41, 1);
    /* Qandahar, the province's other spelling, is Kandahar city; asked as a
     * province it is the province */
    CHECK(gc("Qandahar", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 65 && r.precision == 1);
    CHECK(strstr(r.note, "named like province Kandahar") != NULL);
    expect("Qandahar province", NULL, NULL, 6, 3);
    expect("Kandahar", NULL, NULL, 65, 1);
    /* two villages Sangar: Bajaur on the frontier, Herat 550 km from it */
    CHECK(gc("Sangar", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 67);
    CHECK(r.precision == 2 && (r.flags & FM_GEOCODE_CHOSEN) && strstr(r.note, "nearer the frontier"));
    expect("Sangar", NULL, "Herat", 66, 2);
    expect("Sangar", "Bajaur", NULL, 67, 2);
}

/* Spellings as Pakistani and Afghan transliterations write them: two letters
 * that are one transliteration (ai/e: Baila is Bela), a final he (Ziarath),
 * w/v (Sanjavi), a final y (Jiwny); a town a transliteration away outranks a
 * village that carries the spelling, as a doubt; Balochistan's coast is as
 * much the frontier as Chaman. */
static void test_transliteration(void)
{
    fm_geocode_result r;
    /* Bela town (Lasbela) two letters off but one transliteration; the
     * Mansehra village carries "Baila" itself: the town, a doubt */
    CHECK(gc("Baila", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 68);
    CHECK(r.precision == 2 && strstr(r.note, "doubt: village Bela (Mansehra)"));
    expect("Baila", "Mansehra", NULL, 69, 1);
    expect("Bela", NULL, NULL, 68, 1); /* the town outranks the village */
    /* Ziarath: the final h of Urdu spelling; the town, chosen over the village */
    CHECK(gc("Ziarath", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 70);
    CHECK(r.precision == 2 && (r.flags & FM_GEOCODE_SPELLING));
    expect("Ziarath", "Bajaur", NULL, 71, 2);
    /* Sanjavi: Sanjawi (v/w) rather than Sanjari (v/r, another name) */
    CHECK(gc("Sanjavi", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 72 && r.precision == 2);
    /* Jiwny: a final i, and a vowel left out */
    CHECK(gc("Jiwny", NULL, NULL, NULL, &r) == FM_OK && r.place->id == 74 && r.precision == 2);
    /* a consonant for a consonant is still another name (Badin/Badini, Natian/Nazian) */
    CHECK(gc("Sanjaxi", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
}

/* Places learned from the user's store: grouped, with provenance, and offered
 * beside the gazetteer's under the same rules. */
static void test_memo(void)
{
    fm_placememo *m = NULL;
    fm_gazetteer_hit hits[8];
    fm_geocode_hint h = {NULL, "Khyber", NULL, 0, NULL, 0};
    fm_geocode_result r;
    CHECK(fm_placememo_create(ctx, &m) == FM_OK);
    /* twelve GED rows at one village, two of them 2 km off: one place */
    for (int i = 0; i < 12; i++)
        CHECK(fm_placememo_add(ctx, m, "Zakha Khel village (Landi Kotal tehsil)", "Khyber Pakhtunkhwa",
                               "Khyber", "Pakistan", 71.20 + (i < 2 ? 0.02 : 0), 34.05, 1, "ged",
                               1, 1) == FM_OK);
    /* the same name in another district: another place */
    CHECK(fm_placememo_add(ctx, m, "Zakha Khel", "Khyber Pakhtunkhwa", "Swat", "PK", 72.3, 34.9,
                           2, "acled", 2, 3) == FM_OK);
    CHECK(fm_placememo_add(ctx, m, "Somewhere", "Punjab", "Lahore", "India", 74.3, 31.5, 1,
                           "acled", 1, 1) == FM_OK); /* not PK or AF: skipped */
    CHECK(fm_placememo_finish(ctx, m) == FM_OK);
    CHECK(fm_placememo_count(m) == 2);
    CHECK(fm_placememo_find(m, "zaka khel", 0, hits, 8) == 0);
    CHECK(fm_placememo_find(m, "zakha khel", 0, hits, 8) == 2);
    CHECK(fm_placememo_find(m, "zakakhel", 1, hits, 8) == 2 && hits[0].edits == 1);
    h.memo = m;
    CHECK(fm_geocode(ctx, gz, "Zakha Khel", &h, &r) == FM_OK);
    CHECK(r.place && !strcmp(r.place->admin2, "Khyber") && r.precision == 2);
    CHECK((r.flags & FM_GEOCODE_STORE) && (r.flags & FM_GEOCODE_CHOSEN));
    CHECK(strstr(r.note, "from your store: 12 ged rows, where_prec 1") != NULL);
    CHECK(km(r.lon, r.lat, 71.20, 34.05) < 0.1);
    /* a gazetteer place wins its own name; the store adds nothing there */
    h.admin2 = NULL;
    CHECK(fm_geocode(ctx, gz, "Torkham", &h, &r) == FM_OK && r.place->id == 30 && r.flags == 0);
    /* without hints, the two Zakha Khels are for the user to tell apart */
    CHECK(fm_geocode(ctx, gz, "Zakha Khel", &h, &r) == FM_ENOTFOUND && r.nalt == 2);
    fm_placememo_destroy(m);
    fm_placememo_destroy(NULL);
}

static void test_context(void)
{
    fm_geocode_result r;
    expect("Wana, South Waziristan, Khyber Pakhtunkhwa", NULL, NULL, 40, 1);
    expect("Wana", "Lower South Waziristan", "Khyber Pakhtunkwa province", 40, 1);
    expect("Wana", NULL, "Federally Administered Tribal Areas", 40, 1);
    /* the country rules out the only Chaman: nothing to fall back to */
    CHECK(gc("Chaman", NULL, NULL, "AF", &r) == FM_ENOTFOUND);
    expect("Chaman", NULL, NULL, 48, 1);
    expect("Chaman", NULL, NULL, 48, 1);
}

static void test_fallback(void)
{
    fm_geocode_result r;
    CHECK(gc("Zzyzx Kalay", "Khyber Agency", NULL, NULL, &r) == FM_OK);
    CHECK(r.place && r.place->id == 10 && r.precision == 3 && r.score <= 0.5);
    CHECK(strstr(r.note, "fell back to district Khyber") != NULL);
    CHECK(gc("Zzyzx Kalay", NULL, "Khyber Pakhtunkwa province", NULL, &r) == FM_OK);
    CHECK(r.place && r.place->id == 1 && r.precision == 3);
    CHECK(strstr(r.note, "fell back to province") != NULL);
    CHECK(gc("Zzyzx Kalay", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "unknown place 'Zzyzx Kalay'") != NULL);
    /* a known name in the wrong district: the district, not a point 100 km off */
    CHECK(gc("Parachinar", "Bajaur", NULL, NULL, &r) == FM_OK);
    CHECK(r.place && r.place->id == 15 && r.precision == 3);
    CHECK(strstr(r.note, "Kurram") != NULL);
    CHECK(gc("", NULL, NULL, NULL, &r) == FM_EINVAL);
    CHECK(gc("  , ", NULL, NULL, NULL, &r) == FM_EINVAL);
    CHECK(gc("\xff\xfe", NULL, NULL, NULL, &r) == FM_EINVAL);
    CHECK(fm_geocode(ctx, gz, NULL, NULL, &r) == FM_EINVAL);
    CHECK(fm_geocode(ctx, NULL, "Wana", NULL, &r) == FM_EINVAL);
}

static void test_ambiguity(void)
{
    fm_geocode_result r;
    /* two villages 50 km apart in one district: the district's point, but
     * the place may be anywhere in it: precision 3 */
    CHECK(gc("Shewa", NULL, NULL, NULL, &r) == FM_OK);
    CHECK(r.place && r.place->id == 13 && r.precision == 3 && strstr(r.note, "ambiguous: 2"));
    CHECK(r.flags == (FM_GEOCODE_AMBIGUOUS | FM_GEOCODE_FALLBACK));
    /* in two districts, no hint: refused, with both named */
    CHECK(gc("Kot Kalay", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "Bajaur") && strstr(fm_ctx_message(ctx), "North Waziristan"));
    CHECK(r.place == NULL && r.nalt == 2);
    /* a country both lie in says no more, and the refusal does not claim none was given */
    CHECK(gc("Kot Kalay", NULL, NULL, "PK", &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "the country given cannot tell them apart") != NULL);
    /* with a province hint that cannot tell them apart: the province */
    CHECK(gc("Kot Kalay", NULL, "Khyber Pakhtunkhwa", NULL, &r) == FM_OK);
    CHECK(r.place && r.place->id == 1 && r.precision == 3 && strstr(r.note, "ambiguous"));
    /* in two countries: refused rather than a guess */
    CHECK(gc("Sarobi", NULL, NULL, NULL, &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "Swat") && strstr(fm_ctx_message(ctx), "Paktika"));
    /* a hint settles it: one of two, so precision 2 */
    expect("Sarobi", "Swat", NULL, 58, 2);
    expect("Sarobi", NULL, "Paktika", 57, 2);
    CHECK(gc("Sarobi", NULL, NULL, "AF", &r) == FM_OK && r.place->id == 57 && r.precision == 2);
}

/* Well-known places on the built-in gazetteer (whatever else it holds). */
static void test_builtin(void)
{
    static const struct {
        const char *q;
        double lat, lon;
    } known[] = {{"Torkham", 34.1147, 71.0847}, {"Wana", 32.2989, 69.5725},
                 {"Chaman", 30.9177, 66.4526},  {"Spin Boldak", 31.0058, 66.4000},
                 {"Miran Shah", 33.0006, 70.0712}, {"Khar", 34.7361, 71.5274},
                 {"Parachinar", 33.8997, 70.1001}, {"Peshawar", 34.008, 71.578}};
    fm_gazetteer *real = NULL;
    fm_geocode_result r;
    size_t i;
    if (fm_gazetteer_open(ctx, NULL, &real) != FM_OK) {
        fprintf(stderr, "   skipped: %s\n", fm_ctx_message(ctx));
        return;
    }
    for (i = 0; i < sizeof known / sizeof *known; i++) {
        fm_status st = fm_geocode(ctx, real, known[i].q, NULL, &r);
        CHECK(st == FM_OK);
        if (st)
            continue;
        CHECK(r.precision == 1);
        CHECK(km(r.lon, r.lat, known[i].lon, known[i].lat) < 10);
    }
    fm_gazetteer_close(real);
}

/* A village filed under the district a newer one was made from, named with
 * the newer one (ACLED's Hub for Dureji, which the sources put in Lasbela):
 * the village, said, at precision 3; named with an unrelated newer district,
 * still that district's area. */
static void test_builtin_made_from(void)
{
    fm_gazetteer *real = NULL;
    fm_geocode_result r;
    fm_geocode_hint hub = {"Balochistan", "Hub", NULL, 0, NULL, 0};
    fm_geocode_hint chaman = {"Balochistan", "Chaman", NULL, 0, NULL, 0};
    if (fm_gazetteer_open(ctx, NULL, &real) != FM_OK) {
        fprintf(stderr, "   skipped: %s\n", fm_ctx_message(ctx));
        return;
    }
    CHECK(fm_geocode(ctx, real, "Dureji", &hub, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_VILLAGE && r.precision == 3);
    CHECK(km(r.lon, r.lat, 67.30311, 25.88405) < 5);
    CHECK(strstr(r.note, "lies in Lasbela, of which Hub was made") != NULL);
    CHECK(fm_geocode(ctx, real, "Dureji", &chaman, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_DISTRICT && r.precision == 3);
    fm_gazetteer_close(real);
}

/* Two districts of one name in two provinces (Arghandab of Kandahar and of
 * Zabul): one district's name does not hold the other's town, so without a
 * hint the name is refused with both named, and the province decides. */
static void test_builtin_district_namesakes(void)
{
    fm_gazetteer *real = NULL;
    fm_geocode_result r;
    fm_geocode_hint zabul = {"Zabul", NULL, NULL, 0, NULL, 0};
    fm_geocode_hint kandahar = {"Kandahar", NULL, NULL, 0, NULL, 0};
    if (fm_gazetteer_open(ctx, NULL, &real) != FM_OK) {
        fprintf(stderr, "   skipped: %s\n", fm_ctx_message(ctx));
        return;
    }
    CHECK(fm_geocode(ctx, real, "Arghandab", NULL, &r) == FM_ENOTFOUND);
    CHECK(strstr(fm_ctx_message(ctx), "Zabul") && strstr(fm_ctx_message(ctx), "Kandahar"));
    CHECK(fm_geocode(ctx, real, "Arghandab", &zabul, &r) == FM_OK);
    CHECK(r.place && !strcmp(r.place->admin1, "Zabul") && r.precision >= 2);
    CHECK(fm_geocode(ctx, real, "Arghandab", &kandahar, &r) == FM_OK);
    CHECK(r.place && !strcmp(r.place->admin1, "Kandahar") && r.precision >= 2);
    fm_gazetteer_close(real);
}

/* An unknown quarter of a town ("Hazara Town", "Sariab Road") in a district
 * whose seat is a city falls back to the city, not to the district's point
 * on surface (Quetta's lies 48 km from the city); an unknown name without
 * such a word, or in a district whose seat is no city, to the district. */
static void test_builtin_quarter(void)
{
    fm_gazetteer *real = NULL;
    fm_geocode_result r;
    fm_geocode_hint quetta = {"Balochistan", "Quetta", NULL, 0, NULL, 0};
    fm_geocode_hint kech = {"Balochistan", "Kech", NULL, 0, NULL, 0};
    fm_geocode_hint peshawar = {"Khyber Pakhtunkhwa", "Peshawar", NULL, 0, NULL, 0};
    fm_geocode_hint ziarat = {"Balochistan", "Ziarat", NULL, 0, NULL, 0};
    if (fm_gazetteer_open(ctx, NULL, &real) != FM_OK) {
        fprintf(stderr, "   skipped: %s\n", fm_ctx_message(ctx));
        return;
    }
    CHECK(fm_geocode(ctx, real, "Hazara Town", &quetta, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_CITY && r.precision == 3);
    CHECK((r.flags & FM_GEOCODE_FALLBACK) && km(r.lon, r.lat, 67.001, 30.184) < 5);
    CHECK(strstr(r.note, "a quarter of a town: fell back to Quetta") != NULL);
    CHECK(fm_geocode(ctx, real, "Zzyzx Road", &peshawar, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_CITY && km(r.lon, r.lat, 71.578, 34.008) < 10);
    /* a seat's name with more entries than one lookup gives back (27 Ziarats),
     * none of them a city: the district */
    CHECK(fm_geocode(ctx, real, "Zzyzx Road", &ziarat, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_DISTRICT);
    CHECK(fm_geocode(ctx, real, "Zzyzx Kalay", &quetta, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_DISTRICT && r.precision == 3);
    CHECK(fm_geocode(ctx, real, "Zzyzx Town", &kech, &r) == FM_OK);
    CHECK(r.place && r.place->kind == FM_PLACE_DISTRICT && r.precision == 3);
    fm_gazetteer_close(real);
}

/* no_note gives the same answers, flags and alternatives with no note and a
 * refusal's message without its candidates (the batch past the rows it
 * describes). */
static void test_no_note(void)
{
    static const struct {
        const char *q, *admin2, *admin1, *country;
    } qs[] = {{"Nazian", NULL, NULL, NULL},       {"Nazian", NULL, "Nangarhar", NULL},
              {"Natian", NULL, NULL, "AF"},       {"Birmal", NULL, NULL, "AF"},
              {"Parachnar", NULL, NULL, NULL},    {"Chamen", NULL, NULL, NULL},
              {"Natian", NULL, "Nangarhar", NULL}};
    size_t i, j, noted = 0;
    for (i = 0; i < sizeof qs / sizeof *qs; i++) {
        fm_geocode_hint h = {qs[i].admin1, qs[i].admin2, qs[i].country, 0, NULL, 0};
        fm_geocode_result a, b;
        fm_status sa = fm_geocode(ctx, gz, qs[i].q, &h, &a), sb;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", fm_ctx_message(ctx));
        h.no_note = 1;
        sb = fm_geocode(ctx, gz, qs[i].q, &h, &b);
        CHECK(sa == sb && a.place == b.place && a.precision == b.precision &&
              a.flags == b.flags && a.score == b.score && a.nalt == b.nalt);
        for (j = 0; j < a.nalt && j < b.nalt; j++)
            CHECK(a.alt[j].place == b.alt[j].place && a.alt[j].edits == b.alt[j].edits);
        CHECK(b.note[0] == '\0');
        noted += a.note[0] != '\0';
        if (sa) {
            CHECK(strstr(msg, "candidates: ") != NULL);
            CHECK(strstr(fm_ctx_message(ctx), "candidates") == NULL);
            CHECK(strncmp(msg, fm_ctx_message(ctx), strlen(fm_ctx_message(ctx))) == 0);
        }
    }
    CHECK(noted >= 4);
}

/* gc_within_km's bounds (the chord, the arc of the least radius) answer as
 * the geodesic does: random pairs over the region at distances about the
 * limits the geocoder asks (2 to 40 km), some right at them. */
static void test_within_km(void)
{
    size_t i, bad = 0, close = 0;
    srand(5);
    for (i = 0; i < 200000; i++) {
        fm_place a = {0}, b = {0};
        double km = i % 3 ? 25.0 : i % 2 ? 2.0 : 40.0, d;
        a.lon = 60 + 15.0 * rand() / RAND_MAX, a.lat = 24 + 13.0 * rand() / RAND_MAX;
        b.lon = a.lon + (rand() / (double)RAND_MAX - 0.5) * km / 50;
        b.lat = a.lat + (rand() / (double)RAND_MAX - 0.5) * km / 50;
        d = fm_geod_inverse(a.lon, a.lat, b.lon, b.lat, NULL) / 1000;
        if (i % 7 == 0) /* right at the limit */
            km = d + (i % 2 ? 1e-7 : -1e-7);
        close += fabs(d - km) < 0.05;
        bad += gc_within_km(&a, &b, km) != (d <= km);
    }
    CHECK(bad == 0);
    CHECK(close > 1000);
}

int main(void)
{
    char dir[4096];
    ctx = fm_ctx_create();
    fixture_dir(dir, sizeof dir);
    if (fm_gazetteer_open(ctx, dir, &gz) != FM_OK) {
        fprintf(stderr, "cannot load fixture: %s\n", fm_ctx_message(ctx));
        return 1;
    }
    RUN(test_load);
    RUN(test_load_errors);
    RUN(test_lookup);
    RUN(test_spellings);
    RUN(test_traps);
    RUN(test_doubts);
    RUN(test_ranking);
    RUN(test_transliteration);
    RUN(test_memo);
    RUN(test_context);
    RUN(test_fallback);
    RUN(test_ambiguity);
    RUN(test_no_note);
    RUN(test_builtin);
    RUN(test_builtin_made_from);
    RUN(test_builtin_quarter);
    RUN(test_builtin_district_namesakes);
    RUN(test_within_km);
    fm_gazetteer_close(gz);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
