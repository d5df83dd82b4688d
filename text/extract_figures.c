/* extract_figures.c: an incident's figures. Every toll it was told with is
 * kept in a tx_toll_set (one per incident, owned by the assembler); at the end
 * the document's own figure, else the parties' claims compared group of
 * victims by group, become killed, injured and their range; and the event
 * type and actors from the sentence's cues. Allocates nothing. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/extract_priv.h"

/* Whether party q is party p named with a qualifier ("Mohmand elders" and
 * "Elders"): the same speakers. */
static int qualified_as(const char *p, const char *q)
{
    size_t lp = strlen(p), lq = strlen(q);
    return lq > lp + 1 && q[lq - lp - 1] == ' ' && !strcasecmp(q + lq - lp, p);
}

/* One name for one party in a set: the qualified name the text gave once. */
static void unify_party(tx_toll_set *ts, char *party, size_t cap)
{
    for (size_t k = 0; k < ts->n; k++) {
        if (qualified_as(party, ts->t[k].party))
            snprintf(party, cap, "%s", ts->t[k].party);
        else if (qualified_as(ts->t[k].party, party))
            snprintf(ts->t[k].party, sizeof ts->t[k].party, "%s", party);
    }
}

void tx_add_tolls(const tx_sentence *st, tx_toll_set *ts, int correction)
{
    for (size_t t = 0; t < st->ntoll && ts->n < TX_INC_MAX_TOLLS; t++) {
        const tx_toll *tl = &st->toll[t];
        tx_inc_toll *it;
        if (tl->breakdown)
            continue;
        it = &ts->t[ts->n];
        snprintf(it->party, sizeof it->party, "%s", tl->party);
        it->party_group = tl->party_group;
        unify_party(ts, it->party, sizeof it->party);
        if (correction && tl->party[0]) {
            /* "Hospital officials later said the toll had risen to 29": a
             * revision by a source that gave no figure before revises the
             * story's own figure; one by a party with a figure of its own
             * revises that party's claim */
            size_t k;
            for (k = 0; k < ts->n && strcmp(ts->t[k].party, tl->party); k++)
                ;
            if (k == ts->n)
                it->party[0] = '\0';
        }
        ts->n++;
        it->victims = tl->victims;
        memcpy(it->noun, tl->noun, sizeof it->noun);
        it->c = tl->c;
        it->killed = tl->killed;
        it->correction = correction;
        it->owned = tl->owned;
        it->sent = st->start;
        it->ev.start = tl->off;
        it->ev.end = tl->end;
    }
}

/* What one party (party "" the document) says died (killed 1) or was hurt:
 * the sum over distinct victim groups, the later figure for a group told
 * twice (a correction, or a repeat). */
tx_total tx_party_total(const tx_toll_set *ts, const char *party, int killed, const char *group)
{
    tx_total r = {0, 0, 0, 0, 0, {0, 0}};
    for (size_t i = 0; i < ts->n; i++) {
        const tx_inc_toll *a = &ts->t[i];
        int later = 0;
        if (strcmp(a->party, party) || a->killed != killed ||
            (group && strcmp(a->victims, group)))
            continue;
        for (size_t j = i + 1; j < ts->n; j++) {
            const tx_inc_toll *b = &ts->t[j];
            /* a later sentence's figure for the same victims replaces the
             * earlier one; in one sentence they add up ("a woman and her two
             * sons") */
            if (!strcmp(b->party, party) && b->killed == killed &&
                !strcmp(b->victims, a->victims) && b->sent != a->sent)
                later = 1;
        }
        for (size_t j = 0; j < i && !later; j++) {
            const tx_inc_toll *b = &ts->t[j];
            /* "Four FC personnel martyred in Harnai attack The News ... Four
             * Frontier Corps personnel were martyred": the same figure for the
             * same victims, said again in one run of text */
            later = !strcmp(b->party, party) && b->killed == killed && b->sent == a->sent &&
                    !strcmp(b->victims, a->victims) && b->c.best == a->c.best &&
                    ((a->victims[0] && a->ev.start > b->ev.end + 24) || a->owned || b->owned);
            /* ("confirmed seven deaths at the hospital and uses the military's
             * figure of seven": a figure named as a party's is the one told,
             * never more dead) */
        }
        if (later)
            continue;
        r.best += a->c.best;
        r.lo += a->c.lo;
        r.hi = r.hi < 0 || a->c.hi < 0 ? -1 : r.hi + a->c.hi;
        r.approx |= a->c.approx;
        if (!r.any)
            r.ev = a->ev;
        else if (a->ev.end > r.ev.end)
            r.ev.end = a->ev.end;
        r.any = 1;
    }
    return r;
}

/* The span of every killed toll of a party. */
static fm_span all_ev(const tx_toll_set *ts, const char *party)
{
    tx_total t = tx_party_total(ts, party, 1, NULL);
    return t.ev;
}

/* A party's total: its figure for unnamed victims or the sum of its groups. */
static long claim_total(const tx_toll_set *ts, const char *party)
{
    tx_total u = tx_party_total(ts, party, 1, "");
    long named = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const char *g = ts->t[i].victims;
        int first = 1;
        if (!g[0] || !ts->t[i].killed || strcmp(ts->t[i].party, party))
            continue;
        for (size_t j = 0; j < i; j++)
            if (ts->t[j].killed && !strcmp(ts->t[j].party, party) && !strcmp(ts->t[j].victims, g))
                first = 0;
        if (first)
            named += tx_party_total(ts, party, 1, g).best;
    }
    return u.any && u.best > named ? u.best : named;
}

/* "11 soldiers, 19 militants killed; 3 injured": what a party said. */
static void claim_detail(const tx_toll_set *ts, const char *party, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int k = 1; k >= 0; k--) {
        int first = 1;
        for (size_t i = 0; i < ts->n && len < cap; i++) {
            const tx_inc_toll *a = &ts->t[i];
            if (strcmp(a->party, party) || a->killed != k)
                continue;
            len += (size_t)snprintf(out + len, cap - len, "%s%s%ld%s%s%s",
                                    first ? (len ? "; " : "") : ", ",
                                    a->c.hi < 0 && a->c.approx ? "at least " : "", a->c.best,
                                    a->noun[0] ? " " : "", a->noun, "");
            first = 0;
        }
        if (!first && len < cap)
            len += (size_t)snprintf(out + len, cap - len, " %s", k ? "killed" : "injured");
    }
    if (len >= cap)
        out[cap - 1] = '\0';
    fm_utf8_repair(out);
}

/* Settles the incident's figures. The document's own voice, when it gives a
 * toll, is the figure (with the parties' as claims). Otherwise the parties'
 * statements are compared group of victims by group (soldiers, militants,
 * civilians): each group counts at the lowest figure any party gives it, and
 * a party that gives only a total ("more than 200 people") bounds the sum;
 * the range runs to the highest total claimed. */
/* Whether party (as the lexicon names it) is an armed group: its figures are
 * claims, not the count, when anyone else gives one. */
int tx_armed_group(const fm_lexicon *lx, const char *party)
{
    size_t l, n = strlen(party);
    const fm_lex_entry *e = n ? fm_lexicon_match(lx, FM_LEX_PARTY, party, n, &l) : NULL;
    const char *sp = strchr(party, ' ');
    if (!(e && l == n) && sp && sp[1])
        return tx_armed_group(lx, sp + 1); /* "Swat Taliban", "Bajaur TTP" */
    return e && l == n && !strcmp(e->v2, "group");
}

/* Whether victims (a lexicon actor) are armed men, or civilians. */
static int victims_armed(const char *v)
{
    return !strcmp(v, "Unidentified Armed Group (Pakistan)") || !strcmp(v, "TTP") ||
           !strcmp(v, "Taliban (Afghanistan)");
}

static int victims_civilian(const char *v)
{
    return !strncmp(v, "Civilians", 9);
}

/* "Police said four terrorists were killed ... The MQM said six of its
 * workers had been killed": one party counts armed men, another civilians,
 * and neither counts the other's kind. The two groups are the same dead told
 * two ways (who they were is what is disputed), not two groups to add. */
static int identity_disputed(const tx_toll_set *ts, const char *const *parties, size_t np,
                             const int *claimant)
{
    int armed_by = -1, civ_by = -1;
    for (size_t i = 0; i < ts->n; i++) {
        const tx_inc_toll *t = &ts->t[i];
        int k;
        if (!t->killed || !t->victims[0])
            continue;
        for (k = 0; k < (int)np && strcmp(parties[k], t->party); k++)
            ;
        if (k == (int)np || claimant[k])
            continue;
        if (victims_armed(t->victims)) {
            if (armed_by >= 0 && armed_by != k)
                return 0;
            armed_by = k;
        } else if (victims_civilian(t->victims)) {
            if (civ_by >= 0 && civ_by != k)
                return 0;
            civ_by = k;
        }
    }
    if (armed_by < 0 || civ_by < 0 || armed_by == civ_by)
        return 0;
    for (size_t i = 0; i < ts->n; i++) {
        const tx_inc_toll *t = &ts->t[i];
        if (t->killed && t->victims[0] && !victims_armed(t->victims) &&
            !victims_civilian(t->victims) &&
            (!strcmp(t->party, parties[armed_by]) || !strcmp(t->party, parties[civ_by])))
            return 0; /* (soldiers or police told too: a fight, not one disputed dead) */
    }
    return 1;
}

void tx_settle_figures(const fm_lexicon *lx, fm_text_incident *inc, const tx_toll_set *ts)
{
    const char *parties[TX_INC_MAX_TOLLS + 1], *groups[TX_INC_MAX_TOLLS];
    size_t np = 0, ng = 0;
    tx_total own_i = tx_party_total(ts, "", 0, NULL);
    /* a party's figure the document takes as its own stands for its own voice
     * when it gives none ("We treat the political administration's 36 as the
     * working figure") */
    const char *own = !ts->adopted[0] ? "" : ts->adopted;
    long sum = 0, unnamed = -1, hi = -1;
    int named_any = 0, open_hi = 0, approx = 0, nwith = 0;
    fm_span kev = {0, 0};
    inc->nclaims = 0;
    for (size_t i = 0; i < ts->n; i++) {
        size_t k;
        for (k = 0; k < np && strcmp(parties[k], ts->t[i].party); k++)
            ;
        if (k == np)
            parties[np++] = ts->t[i].party;
        if (ts->t[i].killed && ts->t[i].victims[0]) {
            for (k = 0; k < ng && strcmp(groups[k], ts->t[i].victims); k++)
                ;
            if (k == ng)
                groups[ng++] = ts->t[i].victims;
        }
    }
    /* "Political administration says 23 LI men dead. LI's spokesman: only
     * 3": an armed group's figure is its claim, when another party or the
     * document gives one */
    int others = 0, claimant[TX_INC_MAX_TOLLS + 1];
    for (size_t k = 0; k < np; k++) {
        claimant[k] = tx_armed_group(lx, parties[k]);
        for (size_t i = 0; i < ts->n && !claimant[k]; i++)
            claimant[k] = ts->t[i].party_group && !strcmp(ts->t[i].party, parties[k]);
        others |= !claimant[k] && tx_party_total(ts, parties[k], 1, NULL).any;
    }
    for (size_t k = 0; k < np; k++)
        claimant[k] &= others;
    /* a party's total: its unnamed figure or the sum of its groups */
    for (size_t k = 0; k < np; k++) {
        if (claimant[k])
            continue;
        tx_total u = tx_party_total(ts, parties[k], 1, "");
        long named = 0, tot;
        int has_named = 0;
        for (size_t g = 0; g < ng; g++) {
            tx_total t = tx_party_total(ts, parties[k], 1, groups[g]);
            if (t.any)
                named += t.best, has_named = 1, open_hi |= t.hi < 0, approx |= t.approx;
        }
        if (!u.any && !has_named)
            continue;
        nwith++;
        tot = u.any && u.best > named ? u.best : named;
        if (u.any && (u.hi < 0))
            open_hi = 1;
        approx |= u.approx;
        hi = tot > hi ? tot : hi;
        if (!has_named)
            unnamed = unnamed < 0 || u.best < unnamed ? u.best : unnamed;
        if (!kev.end) {
            tx_total all = tx_party_total(ts, parties[k], 1, NULL);
            kev = all.ev;
        }
        if (!strcmp(parties[k], own)) {
            /* the document's own voice decides */
            inc->killed = inc->killed_lo = inc->killed_hi = tot;
            if (u.any && u.hi < 0)
                inc->killed_hi = -1;
            inc->killed_conf = approx ? 0.7 : own[0] ? 0.85 : 0.9;
            inc->killed_own = own[0] != '\0';
            inc->killed_ev = all_ev(ts, own);
            goto claims;
        }
    }
    long lowest[TX_INC_MAX_TOLLS]; /* each group's lowest figure, or -1 */
    if (nwith > 1 && identity_disputed(ts, parties, np, claimant)) {
        /* the lowest party total is the count; the highest bounds it */
        long low = -1;
        for (size_t k = 0; k < np; k++) {
            long tot;
            if (claimant[k] || !tx_party_total(ts, parties[k], 1, NULL).any)
                continue;
            tot = claim_total(ts, parties[k]);
            if (low < 0 || tot < low)
                low = tot;
        }
        inc->killed = inc->killed_lo = low;
        inc->killed_hi = open_hi ? -1 : hi > low ? hi : low;
        inc->killed_conf = 0.6;
        inc->killed_ev = kev;
        goto claims;
    }
    for (size_t g = 0; g < ng; g++) {
        lowest[g] = -1;
        for (size_t k = 0; k < np; k++) {
            if (claimant[k])
                continue;
            tx_total t = tx_party_total(ts, parties[k], 1, groups[g]);
            if (t.any && (lowest[g] < 0 || t.best < lowest[g]))
                lowest[g] = t.best;
        }
        if (lowest[g] >= 0)
            sum += lowest[g], named_any = 1;
    }
    if (named_any || unnamed >= 0) {
        /* one party's account is taken whole: its total ("three soldiers ...
         * bringing the toll to five") */
        long best = nwith == 1                                    ? hi
                    : named_any && (unnamed < 0 || sum <= unnamed) ? sum
                                                                   : unnamed;
        if (nwith > 1 && named_any && best == sum) {
            /* "ISPR: seventeen soldiers had died, and the bomber -- eighteen
             * dead; the Taliban claimed thirty soldiers": the party whose
             * figures are the lowest in every group gives its whole total */
            for (size_t k = 0; k < np; k++) {
                long named = 0;
                int all = 1, any = 0;
                if (claimant[k])
                    continue;
                for (size_t g = 0; g < ng && all; g++) {
                    tx_total t = tx_party_total(ts, parties[k], 1, groups[g]);
                    if (lowest[g] < 0)
                        continue;
                    all = t.any && t.best == lowest[g];
                    named += t.any ? t.best : 0;
                    any = 1;
                }
                tx_total u = tx_party_total(ts, parties[k], 1, "");
                if (all && any && named == sum && u.any && u.best > sum) {
                    best = u.best;
                    break;
                }
            }
        }
        inc->killed = inc->killed_lo = best;
        inc->killed_hi = open_hi ? -1 : hi > best ? hi : best;
        inc->killed_conf = nwith > 1 && hi != best ? 0.6 : approx ? 0.7 : 0.8;
        inc->killed_ev = kev;
    }
claims:
    for (size_t k = 0; k < np && inc->nclaims < FM_EXTRACT_MAX_CLAIMS; k++) {
        tx_total tk, ti;
        fm_text_claim *c;
        if (!parties[k][0])
            continue;
        tk = tx_party_total(ts, parties[k], 1, NULL);
        ti = tx_party_total(ts, parties[k], 0, NULL);
        c = &inc->claims[inc->nclaims++];
        snprintf(c->party, sizeof c->party, "%s", parties[k]);
        c->killed = tk.any ? claim_total(ts, parties[k]) : -1;
        c->injured = ti.any ? ti.best : -1;
        c->ev = tk.any ? tk.ev : ti.ev;
        claim_detail(ts, parties[k], c->detail, sizeof c->detail);
        if (ti.any && !own_i.any && (inc->injured < 0 || ti.best < inc->injured)) {
            inc->injured = ti.best;
            inc->injured_conf = 0.6;
            inc->injured_ev = ti.ev;
        }
    }
    if (own_i.any) {
        inc->injured = own_i.best;
        inc->injured_conf = own_i.approx ? 0.7 : 0.85;
        inc->injured_ev = own_i.ev;
    }
}

/* ---- type and actors ------------------------------------------------------ */

static const char *victims_of(const tx_sentence *st, int *civ)
{
    *civ = 0;
    for (size_t t = 0; t < st->ntoll; t++)
        if (st->toll[t].killed || st->toll[t].victims[0]) {
            if (st->toll[t].civilians == 1)
                *civ = 1;
            if (st->toll[t].victims[0])
                return st->toll[t].victims;
        }
    return "";
}

void tx_set_type(const tx_sentence *st, fm_text_incident *inc)
{
    int civ;
    const char *vict = victims_of(st, &civ);
    const char *perp = st->responsible[0] ? st->responsible : st->perp;
    if (st->event && (!inc->event_type[0] || inc->type_conf < 0.5 + st->event->weight / 20.0)) {
        snprintf(inc->event_type, sizeof inc->event_type, "%s", st->event->v1);
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "%s", st->event->v2);
        inc->type_conf = 0.5 + st->event->weight / 20.0;
    } else if (!inc->event_type[0] && st->ntoll) {
        snprintf(inc->event_type, sizeof inc->event_type, "%s",
                 civ ? "Violence against civilians" : "Battles");
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "%s",
                 civ ? "Attack" : "Armed clash");
        inc->type_conf = 0.3;
    }
    if (!strcmp(inc->event_type, "Violence against civilians") && vict[0] && !civ &&
        strncmp(vict, "Civilians", 9)) {
        /* an attack on soldiers or police is a battle in ACLED's terms */
        snprintf(inc->event_type, sizeof inc->event_type, "Battles");
        snprintf(inc->sub_event_type, sizeof inc->sub_event_type, "Armed clash");
    }
    if (perp && (!inc->actor1[0] || (st->responsible[0] &&
                                      !strncmp(inc->actor1, "Unidentified", 12)))) {
        snprintf(inc->actor1, sizeof inc->actor1, "%s", perp);
        inc->actor_conf = st->responsible[0] ? 0.8 : 0.5;
    }
    if (vict[0] && !inc->actor2[0] && (!perp || strcmp(vict, perp))) {
        if (!strcmp(vict, "Civilians"))
            snprintf(inc->actor2, sizeof inc->actor2, "Civilians (%s)",
                     inc->country[0] ? inc->country : st->country_af ? "Afghanistan"
                                                                     : "Pakistan");
        else
            snprintf(inc->actor2, sizeof inc->actor2, "%s", vict);
    }
}

/* The army, its media wing and "the military" are one party: "killing five
 * soldiers, the army said ... the military's media wing said ... putting
 * the death toll at 20" is one account of 20, not the army's five against
 * the ISPR's twenty. Their tolls take the name the text gave first. */
void tx_merge_party_family(tx_toll_set *ts)
{
    static const char *const family[] = {"ISPR", "Army", "Military", NULL};
    const char *first = NULL;
    for (size_t i = 0; i < ts->n && !first; i++)
        for (size_t k = 0; family[k] && !first; k++)
            if (!strcmp(ts->t[i].party, family[k]))
                first = family[k];
    for (size_t i = 0; first && i < ts->n; i++)
        for (size_t k = 0; family[k]; k++)
            if (!strcmp(ts->t[i].party, family[k]))
                snprintf(ts->t[i].party, sizeof ts->t[i].party, "%s", first);
}
