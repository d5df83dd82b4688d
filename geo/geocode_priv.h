/* geocode_priv.h: what the geocoder's files share and nothing else does: the
 * context of one query (the admin1/admin2/country hints resolved against the
 * gazetteer, geocode_hints.c) and the key helpers both halves use. */
#ifndef FM_GEOCODE_PRIV_H
#define FM_GEOCODE_PRIV_H

#include "geo/fm_geo.h"

#define GC_MAX_HITS 256
#define GC_MAX_AREAS 16
#define GC_KEY_CAP 256
/* Within this distance two same-named entries are taken for one place. */
#define GC_SAME_PLACE_KM 25.0
#define GC_NEAR_DISTRICT_KM 40.0
/* a place this close outside a district's polygon still counts as in it: the
 * polygons are simplified and the sources' points are sometimes rounded */
#define GC_IN_AREA_KM 2.0
/* a place this close outside a district named by the hints lies "near" it
 * (agreement 1): ACLED and GED name districts in their older or newer bounds,
 * and a village of the name just across the line is likelier than the
 * district's centre; it is said, at the district's precision (3) */
#define GC_NEAR_AREA_KM 15.0

enum { HINT_ANY = 0, HINT_COUNTRY, HINT_ADMIN1, HINT_ADMIN2 };

/* The context of one query, resolved against the gazetteer. */
typedef struct {
    char country[3];
    int country_given; /* stated (--country, a country column), not implied */
    int admin1_given, admin2_given;
    char admin1[GC_KEY_CAP], admin2[GC_KEY_CAP];         /* as given */
    char admin1_key[GC_KEY_CAP], admin2_key[GC_KEY_CAP]; /* folded */
    size_t provinces[GC_MAX_AREAS], nprovinces;          /* entries the hints name */
    size_t districts[GC_MAX_AREAS], ndistricts;
} gc_hints;

/* Edits allowed for a key of joined_len letters (0 below 5 letters). */
int gc_max_edits(size_t joined_len);
/* Letters of a folded key, spaces not counted. */
size_t gc_joined_len(const char *key);
/* Whether two folded keys are equal once spaces are ignored. */
int gc_keys_equal(const char *a, const char *b);
/* Whether every word of the shorter key is a word of the longer one. */
int gc_words_within(const char *a, const char *b);
/* Entries of the wanted kind named key, exactly, else (fuzzy) within the edit
 * limit: at most max indexes into out; returns how many. */
size_t gc_resolve_kind(const fm_gazetteer *gz, const char *key, fm_place_kind kind, int fuzzy,
                       size_t *out, size_t max);
/* The folded key (fm_name_fold) of text into *key, remembered in gz
 * (geocode_memo.c): owned by gz, or by scratch when the memo is full; *key
 * NULL and fm_name_fold's error when text cannot be folded. The caller frees
 * scratch. */
fm_status gc_fold(fm_ctx *ctx, const fm_gazetteer *gz, const char *text, fm_buf *scratch,
                  const char **key);
/* gc_resolve_kind of text's folded key, remembered in gz; *key is that key
 * (as gc_fold gives it), NULL when text cannot be folded (0 returned). */
size_t gc_resolve_text(fm_ctx *ctx, const fm_gazetteer *gz, const char *text,
                       fm_place_kind kind, int fuzzy, const char **key, size_t *out, size_t max,
                       fm_buf *scratch);
/* Bounded copies, always terminated. */
void gc_copy_n(char *dst, size_t cap, const char *src, size_t n);
void gc_copy_key(char *dst, size_t cap, const char *src);

/* Adds one hint (which: HINT_*; HINT_ANY works out what the text names). */
fm_status gc_hints_add(fm_ctx *ctx, const fm_gazetteer *gz, gc_hints *h, const char *text,
                       int which);
/* After every hint: a province implies its country; districts outside the
 * hinted provinces or country are dropped. */
void gc_hints_finish(fm_ctx *ctx, const fm_gazetteer *gz, gc_hints *h);
/* Agreement of place p with the admin1 / admin2 hints: 2 names the same area,
 * 1 lies near it (admin2 only), 0 nothing to compare, -1 contradicts it. */
int gc_agree_admin1(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const fm_place *p);
int gc_agree_admin2(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h, const fm_place *p,
                    int *edge);
/* The change by which a district the hints name was made from the district
 * p's admin2 names (Hub from Lasbela, for Dureji of Lasbela); else NULL. */
const fm_district_change *gc_made_from(fm_ctx *ctx, const fm_gazetteer *gz, const gc_hints *h,
                                       const fm_place *p);
/* Whether area (a district or province entry) is the one that holds p: p's
 * admin2 or admin1 names it, or (a district with a polygon) p lies in it. */
int gc_area_holds(fm_ctx *ctx, const fm_gazetteer *gz, const fm_place *area, const fm_place *p);
/* Splits "Wana, South Waziristan, Khyber Pakhtunkhwa" into the place (into
 * place, cap bytes) and hints taken from the trailing parts. */
fm_status gc_split_query(fm_ctx *ctx, const fm_gazetteer *gz, const char *query, gc_hints *h,
                         char *place, size_t cap);

/* ---- candidates (geocode_cands.c) ---------------------------------------- */

/* Memo entries are told from gazetteer entries by their index. */
#define GC_MEMO_BASE ((size_t)1 << 40)

typedef struct {
    size_t index;              /* gazetteer index, or GC_MEMO_BASE + memo index */
    const fm_place *place;
    int alias, edits, dropped; /* dropped: matched with a modifier word left off */
    int a1, a2;                /* agreement with the admin1/admin2 hints, 0..2 */
    double rank;               /* gc_rank: higher is better */
    const fm_place *area;      /* found as the namesake town of this district or
                                * province, which the query named; else NULL */
    int letters;               /* letters off when edits counts one transliteration
                                * of two letters as 1 (Baila/Bela); else 0 */
    int edge;                  /* a2 is 2 only for lying within GC_IN_AREA_KM of the
                                * hinted district, which p's source does not name */
    const char *key;           /* the joined folded key of the name or alias
                                * matched, from the index (fm_gazetteer_hit); NULL
                                * when not known (a memo entry) */
} gc_cand;

enum { GC_RULED_COUNTRY = 1, GC_RULED_AREA = 2 };

typedef struct {
    gc_cand c;
    int why; /* GC_RULED_* */
} gc_ruled;

#define GC_MAX_RULED 32
typedef struct {
    gc_cand c[GC_MAX_HITS];
    size_t n;
    gc_ruled ruled[GC_MAX_RULED]; /* places the hints ruled out (the first ones) */
    size_t nruled;                /* how many in all */
} gc_cand_set;

/* One query on its way through the geocoder. */
typedef struct {
    fm_ctx *ctx;
    const fm_gazetteer *gz;
    const fm_placememo *memo; /* may be NULL */
    gc_hints h;
    const char *place; /* the place part of the query, as given */
    const char *key;   /* folded */
    unsigned generic;  /* FM_NAME_* words dropped from it */
    int prefer_crossing;
    int no_note;       /* the caller shows no note and no refusal's candidates */
} gc_query;

/* Fills cs with the entries of the gazetteer and the memo named q->key:
 * exact matches; when none survives the hints, also those with a modifier
 * word left off and those within the edit limit. */
void gc_search(const gc_query *q, gc_cand_set *cs);
/* The entry for a candidate index (gazetteer or memo). */
const fm_place *gc_place(const gc_query *q, size_t index);
double gc_dist_km(const fm_place *a, const fm_place *b);
/* gc_dist_km(a, b) <= km, without a geodesic for most far pairs. */
int gc_within_km(const fm_place *a, const fm_place *b, double km);

/* Whether key ends in a modifier word ("ghulam khan kalai"): the key without
 * it into rest (cap bytes). */
int gc_drop_modifier(const char *key, char *rest, size_t cap);

/* ---- settling (geocode_settle.c) ----------------------------------------- */

/* A place the query names by its own name, close (GC_NEAR_AREA_KM) to best,
 * a town or city it names only by an alias: Wesh, the village at the
 * crossing, not Spin Boldak town, to which GeoNames gives the name too.
 * best when there is no one such place. */
const gc_cand *gc_own_name(const gc_query *q, const gc_cand_set *cs, const gc_cand *best);
/* Same-named places the hints cannot tell apart, settled by what else the
 * query says: the one written exactly as the query among places more than
 * villages (Musakhel, the Balochistan district, not Musa Khel of Khost), or
 * the village beside the larger place the query names with a settlement word
 * (Ghulam Khan Kalay, at the Ghulam Khan crossing). area: the district best
 * stands for as its seat, or NULL. The chosen one of best and rivals, or NULL;
 * *how says why (static text). */
const gc_cand *gc_settle(const gc_query *q, const gc_cand_set *cs, const gc_cand *best,
                         const fm_place *area,
                         const gc_cand *const *rivals, size_t nrivals, const char **how);

/* ---- ranking (geocode_rank.c) -------------------------------------------- */

/* Each step of hint agreement outweighs the gap between a town and a village. */
#define GC_HINT_WEIGHT 1.5
/* What a place its source files under another district loses for lying just
 * inside the hinted one's tolerance: less than GC_RIVAL_MARGIN, so it decides
 * between namesakes that stand for one place (Kamangara, Bajaur, over its
 * namesake 13 km off in Mohmand, 1 km from Bajaur's edge) and nothing else. */
#define GC_EDGE_COST 0.1
/* A different place ranked within GC_DOUBT_MARGIN of the best makes the
 * answer a doubt (precision 2 at best, said); within GC_REFUSE_MARGIN, a
 * guess, refused with both named. */
#define GC_DOUBT_MARGIN 1.0
/* Same-named places of one kind within this of each other are rivals (the
 * hints must tell them apart); farther, the frontier's nearness did. */
#define GC_RIVAL_MARGIN 0.2
#define GC_REFUSE_MARGIN 0.25

/* Preference of a kind, raised when the query names it (generic: the
 * FM_NAME_* words folded off the query; a crossing also when preferred). */
int gc_kind_pref(fm_place_kind k, unsigned generic, int prefer_crossing);
/* Whether a kind is more than a village: crossings, areas, cities, towns. */
int gc_important(fm_place_kind k);
/* Whether two joined keys one edit apart differ the way transliterations of
 * one name do: a vowel for a vowel (Turbat/Turbet), q for k
 * (Qandahar/Kandahar), or a vowel or an h put in or left out inside the word
 * (Drosh/Darosh). A consonant for a consonant (Natian/Nazian) or a letter
 * added at the end (Badin/Badini) makes another name as often as not. */
int gc_translit_pair(const char *a, const char *b);
/* The transliteration skeleton of a folded key (into out, cap bytes; returns
 * its length): spaces left out, q as k, v as w, ai/ei inside a word as e
 * (Baila/Bela; not a y for an i: Natyan is not Natian as surely), an aspiration h (th, dh, kh, gh, ph, bh, jh, rh) or a final h after a
 * vowel dropped, doubled letters single. Two names with one skeleton are
 * spellings of one name as often as not (Baila/Bela, Ziarath/Ziarat). */
size_t gc_translit_skeleton(const char *key, char *out, size_t cap);
/* Whether the query and the name a one- or two-edit candidate matched differ
 * as transliterations do: gc_translit_pair (one edit), or one skeleton. */
int gc_translit_variant(const gc_query *q, const gc_cand *c);
/* Sets c->rank from its hint agreement, spelling, importance and nearness to
 * the frontier. */
void gc_rank(const gc_query *q, gc_cand *c);

#endif
