/* fm_geo.h: places and boundaries of the Afghanistan-Pakistan frontier: the
 * gazetteer and geocoder (names in all their spellings -> coordinates), the
 * basemap (countries, provinces, the border line) with point-in-polygon and
 * distance-to-border, reverse geocoding, and exact geodesics through PROJ. */
#ifndef FM_GEO_H
#define FM_GEO_H

#include "core/fm_core.h"

/* ---- geodesics (PROJ geod, Karney's algorithm on WGS84) ------------------- */

/* Distance in metres between two points and the initial bearing from the first
 * to the second in degrees clockwise from north [0,360). azi_deg may be NULL.
 * Exact to the nanometre; pure function, no context needed. */
double fm_geod_inverse(double lon1, double lat1, double lon2, double lat2, double *azi_deg);
/* Destination reached going dist_m from (lon,lat) on bearing azi_deg. */
void fm_geod_direct(double lon, double lat, double azi_deg, double dist_m, double *lon2,
                    double *lat2);
/* The longest geodesic on WGS84: half a meridian, pole to pole through
 * antipodes. Every point is within this distance of every other, so a larger
 * radius asks for nothing more and is refused as a usage error. */
#define FM_GEOD_MAX_M 20003931.459
/* A lon/lat box that surely contains every point within radius_m of (lon,lat):
 * use it to prefilter with an R*Tree before the exact distance test. West
 * > east means the box crosses the antimeridian; a circle that reaches a
 * pole spans every longitude. */
void fm_geod_bbox(double lon, double lat, double radius_m, double *west, double *south,
                  double *east, double *north);

/* The cheap distance (m) for ranking and quick inside/outside tests, never
 * for a figure shown: a plane at the mean latitude scaled by the ellipsoid's
 * meridian and normal radii there (longitudes wrapped). Within 0.05% of
 * fm_geod_inverse under 200 km at |lat| < 75 (tests/unit/test_geod.c: 0.006%
 * at worst on 20,000 random pairs); worse beyond, so callers keep a margin
 * or ask the exact distance. */
double fm_geod_approx_m(double lon1, double lat1, double lon2, double lat2);
/* Metres per degree of longitude and of latitude at latitude lat on the
 * ellipsoid: the frame of fm_geod_approx_m, for planar work near a point
 * (the distance to a segment). */
void fm_geod_scale(double lat, double *m_per_deg_lon, double *m_per_deg_lat);

/* ---- the region ----------------------------------------------------------- */

/* The frontier's lon/lat box (west, south, east, north): the least extent of
 * a map, the extent of a heatmap without --bbox, the "frontier" region. */
void fm_frontier_bbox(double bbox[4]);

/* ---- names ---------------------------------------------------------------- */

/* Folds a place name to its matching key: Unicode NFKC, case folding, marks
 * stripped (Bêrmal -> bermal), punctuation to spaces, generic words dropped
 * (district, agency, tehsil, town, village, province, ...), and
 * transliteration variants unified (Buldak/Boldak, Killa/Qila, Pakhtunkwa/
 * Pakhtunkhwa, Angur/Angoor, Miranshah/Miran Shah). Arabic-script names keep
 * their letters (with Arabic/Persian/Urdu letter variants unified). Invalid
 * UTF-8 is FM_EINVAL. The result (possibly "") is written into out, which the
 * caller owns (reset first). */
fm_status fm_name_fold(fm_ctx *ctx, const char *name, fm_buf *out);

/* Like fm_name_fold, and also says which kinds of generic word were dropped
 * (FM_NAME_* bits, OR-ed into *generic, which may be NULL): the geocoder uses
 * them to prefer a district for "Bannu district" or a crossing for "Torkham
 * border". */
enum {
    FM_NAME_DISTRICT = 1, /* district, agency, tehsil, subdivision */
    FM_NAME_PROVINCE = 2, /* province */
    FM_NAME_SETTLEMENT = 4, /* town, village, city */
    FM_NAME_CROSSING = 8  /* border, crossing, checkpost */
};
fm_status fm_name_fold_ex(fm_ctx *ctx, const char *name, fm_buf *out, unsigned *generic);

/* A name as written: like fm_name_fold (case, marks, punctuation, generic
 * words) but without the transliteration rules and with the spaces kept, so
 * that Musakhel and Musa Khel, Thall and Thal stay apart. Same contract. */
fm_status fm_name_written(fm_ctx *ctx, const char *name, fm_buf *out);

/* Whether two folded keys (fm_name_fold's, spaces left out) spell one name
 * as transliterations do: one vowel for another, q for k, a vowel or an h
 * put in or left out inside the word (Timergara/Timargara, Turbat/Turbet),
 * or one transliteration skeleton (Baila/Bela, Ziarath/Ziarat). Equal keys
 * are alike; an empty key is like nothing. */
int fm_name_alike(const char *a, const char *b);

/* ---- canonical province and district names (geo/canon.c) --------------- */

/* Province (admin1) and district (admin2) names as sources write them, made
 * canonical for grouping and filtering: spellings and generic words folded
 * ("Balochistan province" -> Balochistan, "Khyber Pakhtunkwa province" ->
 * Khyber Pakhtunkhwa), and FATA merged into Khyber Pakhtunkhwa with its
 * agencies and frontier regions as districts ("Khyber agency" -> Khyber,
 * "FR Kohat" -> Kohat). Province names are the basemap's. Names the table
 * does not know keep their spelling less a generic word ("Swat district" ->
 * Swat). An fm_admin_names remembers recent answers: one per thread. */
typedef struct fm_admin_names fm_admin_names;

typedef struct {
    const char *admin1, *admin2; /* canonical ("" when not given) */
    const char *country_code;    /* "PK", "AF", or "" when unknown */
    int admin1_known, admin2_known; /* found in the table, not only tidied */
} fm_admin_canon;

/* NULL (with FM_ENOMEM on ctx) on failure; destroy accepts NULL. */
fm_admin_names *fm_admin_names_create(fm_ctx *ctx);
void fm_admin_names_destroy(fm_admin_names *an);
/* Any argument may be NULL. The strings of *out belong to an and stay valid
 * until its next call. */
fm_status fm_admin_names_canon(fm_ctx *ctx, fm_admin_names *an, const char *country,
                               const char *admin1, const char *admin2, fm_admin_canon *out);
/* How many answers an has worked out rather than remembered (for tests and
 * measurements). */
size_t fm_admin_names_resolved(const fm_admin_names *an);
/* "PK" or "AF" for a country as sources and users write it: the ISO codes
 * (PK, PAK, AF, AFG), the names and the official long names, in any case
 * and spacing ("Pakistan", "islamic republic of afghanistan"); "" for any
 * other country or NULL (geo/frontier.c). The one place these are known. */
const char *fm_country_code(const char *country);

/* ---- district changes (geo/succession.c) ---------------------------------- */

/* One change to Pakistan's districts since the set of c. 2016 (the FATA
 * merger, splits, districts made from others), for maps of older incidents:
 * the note naming the changes, the choropleth drawing a district as it was
 * before its split, the polygons a district filter covers. Static data. */
typedef struct {
    const char *parent;   /* the district before the change ("South Waziristan";
                           * "FATA" for the 2018 merger) */
    const char *made;     /* '|' separated: the districts of today made from it */
    int year;             /* of the change; 0 when not recorded (after c. 2016) */
    int confirmed;        /* the year is stated by a source in the repository */
    const char *drawn_as; /* made has no boundary in the sources: the polygon that
                           * covers it ("Upper Dir" for Central Dir); else NULL */
    const char *what;     /* the change in words, for a map's note */
} fm_district_change;

/* Pakistan's province names by year, for maps of older incidents: the
 * tribal agencies were the Federally Administered Tribal Areas until the
 * 25th Amendment merged them into Khyber Pakhtunkhwa (2018, stated in a seed
 * report), and Khyber Pakhtunkhwa was the North-West Frontier Province until
 * the 18th Amendment renamed it (2010: the project's record, not stated by a
 * source in its data). */
#define FM_FATA_UNTIL 2018
#define FM_NWFP_UNTIL 2010
/* The name province (a basemap or canonical name) bore in year (0: today's
 * name): "North-West Frontier" for Khyber Pakhtunkhwa before 2010; static. */
const char *fm_province_name_then(const char *province, int year);
/* Where a region or filter names a province, how a title names it in year:
 * fm_province_name_then, and for Khyber Pakhtunkhwa before 2018 (whose
 * polygon and records hold the former agencies) "... and FATA"; into out. */
void fm_province_title_then(const char *province, int year, char *out, size_t cap);

/* The nth (from 0) change concerning district name, any case: one whose
 * parent it is or whose made list holds it; name NULL: the nth change of all,
 * in the table's order (the FATA merger first). NULL past the last. */
const fm_district_change *fm_district_change_find(const char *name, size_t nth);
/* Whether name is one of the '|' separated names of list (any case). */
int fm_name_in_list(const char *name, const char *list);

/* ---- gazetteer ------------------------------------------------------------ */

/* A polygon, multipolygon or line as flat lon/lat arrays: part i spans
 * xy[2*part_start[i]] .. xy[2*part_start[i+1]-1]; rings of a polygon are
 * parts, the outer ring first, with ring_is_hole[i] saying which. */
typedef struct {
    size_t npoints, nparts;
    double *xy;          /* lon, lat pairs */
    size_t *part_start;  /* nparts + 1 entries */
    unsigned char *ring_is_hole;
    double west, south, east, north;
} fm_geom;


typedef enum {
    FM_PLACE_CROSSING = 0,
    FM_PLACE_PROVINCE,
    FM_PLACE_DISTRICT,
    FM_PLACE_CITY,
    FM_PLACE_TOWN,
    FM_PLACE_VILLAGE
} fm_place_kind;

const char *fm_place_kind_name(fm_place_kind kind);

/* One gazetteer entry; strings owned by the gazetteer. country is "PK"/"AF". */
typedef struct {
    int id;
    const char *name;
    fm_place_kind kind;
    const char *country;
    const char *admin1;
    const char *admin2;  /* "" for provinces */
    double lon, lat;
    const char *aliases; /* '|' separated */
    const char *source;
    double area_km2;     /* districts with a polygon: its area; 0 otherwise. A
                          * district's lon, lat is then its polygon's point on
                          * surface, not its seat */
    double seat_lon, seat_lat; /* districts: the seat town, where known (maps label
                                * a district there); NAN otherwise */
} fm_place;

typedef struct fm_gazetteer fm_gazetteer;

/* Loads data_dir/gazetteer/places.csv and districts.geojson (data_dir NULL:
 * fm_ctx_data_dir()). When the build's index of those two files (written by
 * fm_gazetteer_write_index) is current it is mapped instead, which costs
 * well under a millisecond for 60,000 places; otherwise the CSV is parsed and
 * indexed in memory. Close with fm_gazetteer_close(), which accepts NULL. */
fm_status fm_gazetteer_open(fm_ctx *ctx, const char *data_dir, fm_gazetteer **out);
/* fm_gazetteer_open with the index at index_path (NULL: the one installed
 * beside the data, data_dir/gazetteer.idx, else the build's own). */
fm_status fm_gazetteer_open_index(fm_ctx *ctx, const char *data_dir, const char *index_path,
                                  fm_gazetteer **out);
void fm_gazetteer_close(fm_gazetteer *gz);
/* A second handle on gz for another thread: it shares gz's entries, keys,
 * tries and areas read-only and has its own fuzzy-search scratch and memo,
 * so gz and each of its handles may be used at the same time, each by one
 * thread. Every entry of gz is filled in first, by the calling thread, so that
 * no entry is written while threads read. Close each handle with
 * fm_gazetteer_close before gz. */
fm_status fm_gazetteer_share(fm_ctx *ctx, const fm_gazetteer *gz, fm_gazetteer **out);
/* Builds the gazetteer of data_dir from its CSV and GeoJSON and writes its
 * binary index to path, atomically (a temporary file renamed into place). The
 * index records the size and modification time of the two source files;
 * fm_gazetteer_open uses it only while they match. The build writes it
 * (tools/gazindex.c) whenever the sources or the name folding change. */
fm_status fm_gazetteer_write_index(fm_ctx *ctx, const char *data_dir, const char *path);
size_t fm_gazetteer_count(const fm_gazetteer *gz);
const fm_place *fm_gazetteer_get(const fm_gazetteer *gz, size_t i);
/* The entries of one kind, in file order: walk these rather than every entry
 * when only crossings, districts or towns matter (most entries are villages,
 * and an entry of a mapped index is filled in when first asked for). */
size_t fm_gazetteer_count_kind(const fm_gazetteer *gz, fm_place_kind kind);
const fm_place *fm_gazetteer_get_kind(const fm_gazetteer *gz, fm_place_kind kind, size_t i);
/* The index (for fm_gazetteer_get) of the i-th entry of a kind. */
size_t fm_gazetteer_index_kind(const fm_gazetteer *gz, fm_place_kind kind, size_t i);

/* Index lookups behind fm_geocode. key is a folded name (fm_name_fold);
 * spaces are ignored, so "miran shah" finds "miranshah". A hit names entry
 * `index` (for fm_gazetteer_get), matched through its name (alias 0) or its
 * alias-th alias (1-based), with `edits` (Damerau-Levenshtein, bytes) between
 * the keys. Both fill at most max hits and return how many there were in all.
 * The fuzzy search and the geocoder (its memo of folded names, geo/geocode_memo.c)
 * use scratch memory inside gz: a gazetteer must not be used
 * from two threads at once (give each thread its own fm_gazetteer_share). */
typedef struct {
    size_t index;
    int alias;
    int edits;
    const char *key; /* the folded key matched, spaces left out, owned by gz (NULL
                      * where not known): the name's or alias's, so no caller
                      * folds it again */
} fm_gazetteer_hit;

size_t fm_gazetteer_find(const fm_gazetteer *gz, const char *key, fm_gazetteer_hit *hits,
                         size_t max);
size_t fm_gazetteer_find_fuzzy(const fm_gazetteer *gz, const char *key, int max_edits,
                               fm_gazetteer_hit *hits, size_t max);
/* fm_gazetteer_find_fuzzy over the names of places more than villages only
 * (crossings, provinces, districts, cities, towns): a thirtieth of the keys,
 * so it costs a fraction of the whole search. The hits are every entry such
 * a name carries, a village sharing the name included. */
size_t fm_gazetteer_find_fuzzy_important(const fm_gazetteer *gz, const char *key, int max_edits,
                                         fm_gazetteer_hit *hits, size_t max);
/* The alias-th alias (1-based) of entry p, copied into out (cap bytes). */
void fm_place_alias(const fm_place *p, int alias, char *out, size_t cap);

/* District areas: the polygon of a district entry (data/gazetteer/
 * districts.geojson, "boundary": "approximate" or "former"). approximate is 1 where the boundary is an estimate: a
 * district split off after the sources' boundaries were drawn gets the part
 * of its parent nearer to its seat than to its siblings' seats. */
typedef struct {
    const fm_place *district;
    const fm_geom *geom;
    int approximate;
    int former; /* a district that no longer exists (South Waziristan before its
                 * 2022 split), kept for old records: area_at never answers it */
} fm_area;

/* The area of a district entry, or NULL when it has no polygon. Owned by gz. */
const fm_area *fm_gazetteer_area_of(const fm_gazetteer *gz, const fm_place *district);
/* The district area containing the point (in country, when not NULL), or
 * NULL. Polygons of neighbouring districts share edges; a point on one may
 * fall either way. */
const fm_area *fm_gazetteer_area_at(const fm_gazetteer *gz, double lon, double lat,
                                    const char *country);
/* Distance in km from the point to the area (0 inside it): an equirectangular
 * approximation, within a percent at district scale. */
double fm_area_distance_km(const fm_area *a, double lon, double lat);
/* fm_area_distance_km(a, lon, lat) <= km, answered from the area's box alone
 * when the point lies well outside it (0 for a NULL area). */
int fm_area_within_km(const fm_area *a, double lon, double lat, double km);
/* Places learned from the user's own store (geo/placememo.c): location
 * names with the coordinates their sources gave, offered to the geocoder as
 * candidates beside the gazetteer's. */
typedef struct fm_placememo fm_placememo;

/* Context that disambiguates same-named places; any field may be NULL or "". */
typedef struct {
    const char *admin1;
    const char *admin2;
    const char *country; /* "PK", "AF", "Pakistan", "Afghanistan" */
    int prefer_crossing; /* rank crossings first on ties (near TORKHAM etc.) */
    const fm_placememo *memo; /* names from the user's store, or NULL */
    int no_note; /* leave result.note empty and a refusal's message without its
                  * candidates: for callers that show neither (a batch past
                  * the rows it describes); the answer is the same */
} fm_geocode_hint;

/* What an answer needed beyond a plain match (bits of fm_geocode_result
 * flags). Each one is announced by every command that geocodes and keeps the
 * precision at 2 or more. */
enum {
    FM_GEOCODE_SPELLING = 1,  /* the name is some letters off, or a word was left off */
    FM_GEOCODE_CHOSEN = 2,    /* one of several same-named places, chosen by the hints */
    FM_GEOCODE_AMBIGUOUS = 4, /* same-named places the hints could not tell apart */
    FM_GEOCODE_COUNTRY = 8,   /* the name is known only in another country than the
                                 stated or implied one */
    FM_GEOCODE_FALLBACK = 16, /* the place itself was not found: its district or province */
    FM_GEOCODE_STORE = 32     /* the point comes from the user's store, not the gazetteer */
};

/* A candidate the geocoder weighed: the entry (owned by the gazetteer or the
 * memo), the letters between its name and the query (-1: the query has a
 * word more, "Ghulam Khan Kalay"), and whether the hints ruled it out. */
#define FM_GEOCODE_MAX_ALT 8
typedef struct {
    const fm_place *place;
    int edits;
    int ruled_out;
} fm_geocode_alt;

/* The answer. place is the matched entry (owned by the gazetteer, or by the
 * memo for answers from the store). precision is ACLED's scale: 1 the place
 * itself (town, village, crossing); 2 near it (a spelling some letters off,
 * or one of several same-named places chosen by the hints); 3 a district- or
 * province-level point (the query named one, or an unknown or ambiguous place
 * fell back to one): a seat standing for an area, never an exact spot. score
 * in [0,1] is the match confidence. flags (FM_GEOCODE_*) say what the answer
 * needed; note says it in words ("fell back to district Khyber", "matched
 * alias 'Bab-e-Dosti'"). alt lists the other places weighed (same names,
 * near spellings, those the hints ruled out), nearest spelling first. */
typedef struct {
    const fm_place *place;
    double lon, lat;
    int precision;
    double score;
    unsigned flags;
    char note[256];
    size_t nalt;
    fm_geocode_alt alt[FM_GEOCODE_MAX_ALT];
} fm_geocode_result;

/* Below this score an answer is a guess and is refused. */
#define FM_GEOCODE_MIN_SCORE 0.6

/* Resolves query. FM_ENOTFOUND (with a message naming the candidates, which
 * are also in out->alt) when nothing credible matches: a name nothing
 * confirms, same-named places the hints cannot tell apart with no area they
 * share, a name known only across the stated country. A wrong confident
 * point is worse than no answer. An empty query is FM_EINVAL. */
fm_status fm_geocode(fm_ctx *ctx, const fm_gazetteer *gz, const char *query,
                     const fm_geocode_hint *hint, fm_geocode_result *out);

/* One line for a person about an answer that needed more than a plain match
 * ("'Barmal' -> Birmal (village; Lower South Waziristan, Khyber Pakhtunkhwa,
 * PK), precision 3: ..."), written into out (reset first). Empty when
 * r->flags is 0. */
fm_status fm_geocode_describe(fm_ctx *ctx, const char *query, const fm_geocode_result *r,
                              fm_buf *out);
/* "Birmal (village; Lower South Waziristan, Khyber Pakhtunkhwa, PK)", with
 * "; 1 letter off" when edits > 0 ("; a word left off" when -1), appended
 * to out. */
fm_status fm_place_describe(fm_ctx *ctx, const fm_place *p, int edits, fm_buf *out);

/* ---- places learned from the user's store (placememo.c) ------------------- */

/* An empty memo; fm_placememo_destroy accepts NULL. */
fm_status fm_placememo_create(fm_ctx *ctx, fm_placememo **out);
void fm_placememo_destroy(fm_placememo *m);
/* Adds rows rows of one source that named location (admin1, admin2, country
 * as the rows gave them) at lon/lat. prec is their precision on ACLED's scale
 * (1 the place itself, 2 near it); source_prec the source's own figure (GED
 * where_prec, ACLED geo_precision), for the provenance. Rows of one name,
 * district and source within 5 km of each other are counted as one place; a
 * parenthesised part of the name ("Datta Khel village (Datta Khel tehsil)")
 * is not part of it. Rows outside Pakistan and Afghanistan are skipped. */
fm_status fm_placememo_add(fm_ctx *ctx, fm_placememo *m, const char *location,
                           const char *admin1, const char *admin2, const char *country,
                           double lon, double lat, int prec, const char *source, int source_prec,
                           long rows);
/* Indexes what was added; call once after the last add, before geocoding. */
fm_status fm_placememo_finish(fm_ctx *ctx, fm_placememo *m);
size_t fm_placememo_count(const fm_placememo *m);
const fm_place *fm_placememo_get(const fm_placememo *m, size_t i);
/* The ACLED-scale precision of entry i (1 the place itself, 2 near it). */
int fm_placememo_precision(const fm_placememo *m, size_t i);
/* Entries whose folded name is key (spaces ignored), or within max_edits of
 * it; hits index fm_placememo_get. Same contract as fm_gazetteer_find. */
size_t fm_placememo_find(const fm_placememo *m, const char *key, int max_edits,
                         fm_gazetteer_hit *hits, size_t max);

/* ---- basemap and reverse geocoding ---------------------------------------- */


typedef enum { FM_LAYER_COUNTRIES = 0, FM_LAYER_PROVINCES, FM_LAYER_BORDER, FM_LAYER_COUNT } fm_layer;

typedef struct fm_basemap fm_basemap;

/* Loads data_dir/basemap/{countries,provinces,border}.geojson (data_dir NULL:
 * fm_ctx_data_dir()). Close with fm_basemap_close(), which accepts NULL. */
fm_status fm_basemap_open(fm_ctx *ctx, const char *data_dir, fm_basemap **out);
void fm_basemap_close(fm_basemap *bm);
size_t fm_basemap_count(const fm_basemap *bm, fm_layer layer);
/* Feature i of a layer; name is the country ISO2 (countries), the province
 * name (provinces) or the border's name; country is "PK"/"AF" or ISO2. */
const fm_geom *fm_basemap_geom(const fm_basemap *bm, fm_layer layer, size_t i,
                               const char **name, const char **country);

/* How fm_locate found a point's district. */
typedef enum {
    FM_DISTRICT_NONE = 0,
    FM_DISTRICT_AREA,      /* its polygon holds the point */
    FM_DISTRICT_NEAR_AREA, /* in no district polygon (gaps along the border), near this one */
    FM_DISTRICT_SEAT       /* no polygon near: the nearest district seat */
} fm_district_basis;
#define FM_NEAR_AREA_KM 10.0

/* Where a point lies. Strings are owned by the basemap/gazetteer. */
typedef struct {
    const char *country;       /* ISO2, or NULL outside every country polygon */
    const char *admin1;        /* province, or NULL */
    const fm_place *district;  /* the district of the same country whose area holds
                                * the point; else the nearest area within
                                * FM_NEAR_AREA_KM; else the nearest district seat */
    double district_km;        /* 0 inside the area; else km to the area or seat */
    fm_district_basis district_basis;
    int district_approximate;  /* the area's boundary is an estimate (see fm_area) */
    const fm_place *crossing;  /* nearest border crossing, or NULL */
    double crossing_km;
    double border_km;          /* geodesic distance to the Durand Line */
    const char *border_side;   /* "PK", "AF" or NULL when in neither */
} fm_location;

/* Reverse geocoding. gz may be NULL (then no district/crossing). */
fm_status fm_locate(fm_ctx *ctx, const fm_basemap *bm, const fm_gazetteer *gz, double lon,
                    double lat, fm_location *out);
/* Distance in km from a point to the border line (exact geodesic to the
 * nearest segment). */
double fm_basemap_border_km(const fm_basemap *bm, double lon, double lat);

/* Whether a polygon geometry contains the point (even-odd rule over all rings,
 * so holes are excluded; bbox prefilter, no index). Points exactly on an edge
 * may fall either way. */
int fm_geom_contains(const fm_geom *g, double lon, double lat);
/* Index of the first feature of a polygon layer (countries, provinces) that
 * contains the point, using the basemap's per-feature edge index; (size_t)-1
 * when none does. */
size_t fm_basemap_find(const fm_basemap *bm, fm_layer layer, double lon, double lat);
/* The countries layer's name for an ISO2 code ("PK" -> "Pakistan"), or NULL;
 * owned by the basemap. */
const char *fm_basemap_country_name(const fm_basemap *bm, const char *iso2);
/* A hint before fm_basemap_border_km(bm, lon, lat), a query or two ahead:
 * starts loading the grid cell that query reads first, so that a run of
 * scattered points waits less on memory. Answers nothing, changes nothing;
 * NULL bm is a harmless no-op. */
void fm_basemap_border_prefetch(const fm_basemap *bm, double lon, double lat);
/* fm_basemap_border_km that also gives the nearest point of the border and
 * the border feature it lies on (each out-param may be NULL). Both functions
 * return HUGE_VAL when the basemap has no border. Thread-compatible: const bm,
 * no shared scratch. */
double fm_basemap_border_nearest(const fm_basemap *bm, double lon, double lat, double *near_lon,
                                 double *near_lat, size_t *feature);

/* ---- projections (PROJ) ---------------------------------------------------- */

/* A map projection for a lon/lat extent: Albers equal-area conic centred on
 * the extent with standard parallels at 1/6 and 5/6 of its latitude span, so
 * areas (densities per 100 km2) are true and shapes nearly so. Units metres. */
typedef struct fm_proj fm_proj;

fm_status fm_proj_create(fm_ctx *ctx, double west, double south, double east, double north,
                         fm_proj **out);
/* From an explicit PROJ string (e.g. "+proj=aea +lat_1=30 +lat_2=36 ..."). */
fm_status fm_proj_create_def(fm_ctx *ctx, const char *def, fm_proj **out);
void fm_proj_destroy(fm_proj *p);
/* Forward/inverse for n points in place (xy interleaved lon,lat -> x,y).
 * Points that fail become HUGE_VAL. Thread-compatible, not thread-safe. */
void fm_proj_fwd(fm_proj *p, double *xy, size_t n);
void fm_proj_inv(fm_proj *p, double *xy, size_t n);
/* The PROJ string and the WKT (for GeoTIFF); owned by p. */
const char *fm_proj_def(const fm_proj *p);
const char *fm_proj_wkt(fm_proj *p);
/* A short human description for credits, e.g. "Albers equal-area conic, 30.5N/36.2N, 69E". */
const char *fm_proj_label(const fm_proj *p);

#endif
