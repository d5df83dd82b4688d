/* test_text.c: the text module (text/): counts and dates as reports write
 * them, sentences, markup stripped, the lexicon's errors, and extraction of
 * incidents from small documents: several in one paragraph, claims, a
 * corrected toll, and the sentences that are not incidents at all. */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "fm_test.h"
#include "text/fm_text.h"

static fm_ctx *ctx;

static void count_is(const char *s, long best, long lo, long hi, size_t used)
{
    fm_count c;
    size_t n = fm_count_read(s, strlen(s), &c);
    CHECK(n == used);
    if (n != used)
        fprintf(stderr, "  '%s': used %zu\n", s, n);
    if (!used)
        return;
    CHECK(c.best == best);
    CHECK(c.lo == lo);
    CHECK(c.hi == hi);
    if (c.best != best || c.lo != lo || c.hi != hi)
        fprintf(stderr, "  '%s': %ld %ld %ld\n", s, c.best, c.lo, c.hi);
}

static void test_counts(void)
{
    count_is("seven soldiers", 7, 7, 7, 5);
    count_is("at least seven", 7, 7, -1, 14);
    count_is("twenty-three people", 23, 23, 23, 12);
    count_is("two dozen", 24, 24, 24, 9);
    count_is("a dozen", 12, 12, 12, 7);
    count_is("dozens of", 24, 24, -1, 6);
    count_is("1,200 people", 1200, 1200, 1200, 5);
    count_is("12-15 killed", 12, 12, 15, 5);
    count_is("up to 40", 40, 0, 40, 8);
    count_is("two hundred and fifty", 250, 250, 250, 21);
    count_is("no one", 0, 0, 0, 2);
    count_is("5km", 0, 0, 0, 0);
    count_is("3.5 million", 0, 0, 0, 0);
    count_is("several", 0, 0, 0, 0);
    count_is("three (03) police officials", 3, 3, 3, 10);
    count_is("03 | Injured", 3, 3, 3, 2);
    count_is("0920 hrs", 0, 0, 0, 0);
}

static fm_text_date one_date(const char *s, fm_day ref_day)
{
    fm_text_date ref, out[4];
    memset(&ref, 0, sizeof ref);
    memset(out, 0, sizeof out);
    ref.start = ref.end = ref_day;
    ref.precision = 1;
    if (fm_text_dates(s, strlen(s), ref_day == FM_DAY_NONE ? NULL : &ref, out, 4) < 1)
        out[0].start = FM_DAY_NONE;
    return out[0];
}

static void date_is(const char *s, fm_day ref, const char *start, const char *end, int prec)
{
    fm_text_date d = one_date(s, ref);
    char a[11] = "", b[11] = "";
    if (d.start != FM_DAY_NONE) {
        fm_day_format(d.start, a);
        fm_day_format(d.end, b);
    }
    CHECK_STR(a, start);
    CHECK_STR(b, end);
    CHECK(d.precision == prec);
}

static void day_is(fm_day d, const char *want)
{
    char s[11] = "";
    if (d != FM_DAY_NONE)
        fm_day_format(d, s);
    CHECK_STR(s, want);
}

static void test_dates(void)
{
    /* forms and logs join a day, a month's name and a year with '-' or '/' */
    {
        static const char *const ok[] = {"25-Jan-2010", "25/Jan/2010", "3-Feb-12",
                                         "25-January-2010"};
        static const char *const no[] = {"25-Jan/2010", "25-Jan-2010-11", "25-Jan-1950"};
        fm_text_date out[2];
        for (size_t k = 0; k < 4; k++) {
            CHECK(fm_text_dates(ok[k], strlen(ok[k]), NULL, out, 2) == 1);
            CHECK(out[0].precision == 1 && out[0].has_year && out[0].len == strlen(ok[k]));
        }
        day_is(out[0].start, "2010-01-25");
        for (size_t k = 0; k < 3; k++) {
            size_t got = fm_text_dates(no[k], strlen(no[k]), NULL, out, 2);
            CHECK(got == 0 || out[0].len != strlen(no[k]));
        }
    }
    /* a diary's "Wed 9/9": the weekday says day first or month first */
    {
        fm_text_date ref = {0}, out[2];
        ref.start = ref.end = fm_day_from_ymd(2009, 9, 27);
        ref.precision = 1;
        CHECK(fm_text_dates("Wed 9/9", 7, &ref, out, 2) == 1);
        day_is(out[0].start, "2009-09-09");
        CHECK(fm_text_dates("Sat, 12.9", 9, &ref, out, 2) == 1);
        day_is(out[0].start, "2009-09-12");
        CHECK(fm_text_dates("Mon 9/14", 8, &ref, out, 2) == 1);
        day_is(out[0].start, "2009-09-14");
        CHECK(fm_text_dates("Tue 9/9", 7, &ref, out, 2) == 0); /* a Wednesday */
    }
    /* a wire's "Jan 31" with no year anywhere: the latest Friday 31 January
     * up to the reader's day (2025 read in December 2026; none for a day
     * before any such) */
    {
        const char *w = "QUETTA, Pakistan, Jan 31 (Reuters) - A bomb exploded on Friday.";
        fm_text_date out;
        CHECK(fm_text_yearless_dateline(w, strlen(w), fm_day_from_ymd(2026, 12, 5), &out));
        day_is(out.start, "2025-01-31");
        CHECK(fm_text_yearless_dateline(w, strlen(w), fm_day_from_ymd(2020, 1, 31), &out));
        day_is(out.start, "2020-01-31");
        CHECK(!fm_text_yearless_dateline(w, strlen(w), 0, &out));
    }
    /* "Last Tuesday" written on a Tuesday is a week back; "a week ago" */
    {
        fm_text_date ref = {0}, out[4];
        ref.start = ref.end = fm_day_from_ymd(2021, 3, 30);
        ref.precision = 1;
        CHECK(fm_text_dates("Last Tuesday, a week ago today, a bomb", 38, &ref, out, 4) >= 1);
        day_is(out[0].start, "2021-03-23");
        CHECK(fm_text_dates("a week ago", 10, &ref, out, 4) == 1);
        day_is(out[0].start, "2021-03-23");
    }
    fm_day sun = fm_day_from_ymd(2025, 10, 12); /* a Sunday */
    date_is("on 15 October 2025", FM_DAY_NONE, "2025-10-15", "2025-10-15", 1);
    date_is("October 15, 2025,", FM_DAY_NONE, "2025-10-15", "2025-10-15", 1);
    date_is("on the night of 11-12 October", sun, "2025-10-11", "2025-10-12", 2);
    date_is("on the night of 7/8 October 2025", FM_DAY_NONE, "2025-10-07", "2025-10-08", 2);
    /* a night across months; "and" or '/' joins one night only */
    date_is("on the night of 31 July to 1 August", sun, "2025-07-31", "2025-08-01", 2);
    date_is("31 July-1 August 2020,", FM_DAY_NONE, "2020-07-31", "2020-08-01", 2);
    date_is("the night of 31 December to 1 January 2020", FM_DAY_NONE, "2019-12-31",
            "2020-01-01", 2);
    date_is("from 1 July to 30 September 2016", FM_DAY_NONE, "2016-07-01", "2016-09-30", 3);
    date_is("on 3 May and 5 June 2016", FM_DAY_NONE, "2016-05-03", "2016-05-03", 1);
    date_is("between 1 October and 31 December 2019", FM_DAY_NONE, "2019-10-01", "2019-12-31", 3);
    date_is("on the ninth of June", sun, "2025-06-09", "2025-06-09", 1);
    date_is("the twenty-first of June 2009", FM_DAY_NONE, "2009-06-21", "2009-06-21", 1);
    date_is("the first time", sun, "", "", 0);
    date_is("in October 2025", FM_DAY_NONE, "2025-10-01", "2025-10-31", 3);
    date_is("late on Wednesday", sun, "2025-10-08", "2025-10-08", 1);
    date_is("yesterday", sun, "2025-10-11", "2025-10-11", 1);
    date_is("on Wednesday of last week", sun, "2025-10-01", "2025-10-01", 1);
    date_is("earlier this week", sun, "2025-10-06", "2025-10-12", 2);
    date_is("last month", sun, "2025-09-01", "2025-09-30", 3);
    /* a day-month without a year, after the dateline: the year before */
    date_is("on 28 December", sun, "2024-12-28", "2024-12-28", 1);
    date_is("2025-02-30", FM_DAY_NONE, "", "", 0);
    date_is("on Tuesday", FM_DAY_NONE, "", "", 0); /* no dateline, no day */
    date_is("Lt. Col. March said", FM_DAY_NONE, "", "", 0);
    /* numeric dates are day first, as the region's papers write them */
    date_is("FIR dated 07/03/2016 (Monday)", FM_DAY_NONE, "2016-03-07", "2016-03-07", 1);
    date_is("on 23.05.2016,", FM_DAY_NONE, "2016-05-23", "2016-05-23", 1);
    date_is("2-9-2016", FM_DAY_NONE, "2016-09-02", "2016-09-02", 1);
    date_is("on 05/23/2016", FM_DAY_NONE, "2016-05-23", "2016-05-23", 1); /* only US-style */
    date_is("u/s 302/324/427/34 PPC", FM_DAY_NONE, "", "", 0);
    date_is("No. 4471/11/2016-CTD", FM_DAY_NONE, "", "", 0);
    date_is("31.02.2016", FM_DAY_NONE, "", "", 0);
}

static void dateline_is(const char *text, const char *want)
{
    fm_text_date d;
    char got[11] = "";
    fm_text_dateline(text, strlen(text), &d);
    if (d.start != FM_DAY_NONE)
        fm_day_format(d.start, got);
    CHECK(strcmp(got, want) == 0);
    if (strcmp(got, want))
        fprintf(stderr, "  dateline of '%.50s...': %s, want %s\n", text, got, want);
}

static void test_dateline(void)
{
    /* a yearbook's masthead names the year it came out; its opening, the
     * year it reviews */
    dateline_is("BOOK OF THE YEAR 2012 - WORLD AFFAIRS\n\nPAKISTAN\n\nThe year 2011 was among the "
                "most turbulent in the country's history.\n",
                "2011-01-01");
    dateline_is("SECURITY REPORT 2012\n\nPAKISTAN\n\nThe year 2012 began badly.\n", "2012-01-01");
    /* a yearless wire dateline: no earlier than the latest year the story
     * names, in the first year whose 5 April is the lead's Monday */
    dateline_is("Suicide bomber kills dozens at rally\n\n"
                "PESHAWAR, Pakistan, April 5 (Reuters) - A bomber struck on Monday, killing "
                "dozens.\n\nThe party has lost members since 2008. A bombing in February 2008 "
                "killed several.",
                "2010-04-05");
    /* without a weekday, the latest year named */
    dateline_is("Bomb kills six\n\nQUETTA, Pakistan, Jan 31 (Reuters) - A bomb killed six.\n\nThe province has "
                "seen attacks since 2019 and in 2022.",
                "2022-01-31");
    /* a dated head wins over any inference */
    dateline_is("PESHAWAR, 12 October 2025 - Eleven soldiers were killed on Wednesday.",
                "2025-10-12");
}

static void named_dateline_is(const char *name, const char *text, const char *want)
{
    fm_text_date d;
    char got[11] = "";
    fm_text_dateline_named(name, text, strlen(text), &d);
    if (d.start != FM_DAY_NONE)
        fm_day_format(d.start, got);
    CHECK(strcmp(got, want) == 0);
    if (strcmp(got, want))
        fprintf(stderr, "  dateline of %s: %s, want %s\n", name, got, want);
}

static void name_year_is(const char *name, int want, int want_month)
{
    int month = -1, y = fm_text_name_year(name, &month);
    CHECK(y == want && month == want_month);
    if (y != want || month != want_month)
        fprintf(stderr, "  year of %s: %d-%d, want %d-%d\n", name, y, month, want, want_month);
}

static void test_dateline_named(void)
{
    /* a yearless dispatch whose text names only years in passing: the year
     * the file's name gives, not the last one the text names */
    const char *dispatch = "LETTER FROM THE BORDER\n\nPARACHINAR, Dec 29 -- The fence begins "
                           "at a ridge.\n\nA road and a college were promised in 2013.";
    named_dateline_is("in/dispatch-kurram-dec2017.txt", dispatch, "2017-12-29");
    named_dateline_is("dispatch-2017-12-30.txt", dispatch, "2017-12-29");
    named_dateline_is("digest_jan2018.md", dispatch, "2017-12-29");   /* the month before */
    named_dateline_is("dispatch.txt", dispatch, "2013-12-29");        /* (no name year) */
    named_dateline_is("review-2014-2016.txt", dispatch, "2013-12-29"); /* a span: none */
    named_dateline_is(NULL, dispatch, "2013-12-29");
    /* a dated head is never overridden by the name */
    named_dateline_is("notes-2019.txt", "PESHAWAR, 12 October 2025 - Eleven soldiers died.",
                      "2025-10-12");
    /* a document naming no year at all takes the name's */
    named_dateline_is("wire-march-2017.txt", "SWABI, March 7: Two soldiers were killed.",
                      "2017-03-07");
    name_year_is("a/b/news-dec2017.txt", 2017, 12);
    name_year_is("2017_December_report.pdf", 2017, 12);
    name_year_is("dawn-20171229.html", 2017, 12);
    name_year_is("report-2017-07.md", 2017, 7);
    name_year_is("sitrep-2019.txt", 2019, 0);
    name_year_is("scan12345678.txt", 0, 0);
    name_year_is("ged-1989-2021.csv", 0, 0);
    name_year_is("2019/notes.txt", 0, 0); /* (a directory's year is not the file's) */
}

static void test_sentences(void)
{
    const char *t = "Lt. Col. Khan said 2.5 km away. Seven died!\n\nNext para.";
    fm_sentence *s = NULL;
    size_t n = 0;
    CHECK(fm_text_sentences(ctx, t, strlen(t), &s, &n) == FM_OK);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(s[0].start == 0 && !strncmp(t + s[0].end - 5, "away.", 5));
        CHECK(s[1].para == 0 && s[2].para == 1);
    }
    free(s);
}

/* CPU seconds to split n bytes of the pattern p (repeated) into sentences,
 * or to read them as a document when as_doc. */
static double seconds_on_run(const char *p, size_t n, int as_doc)
{
    char *t = malloc(n + 1);
    size_t pl = strlen(p), count = 0;
    fm_sentence *s = NULL;
    fm_doc *d = NULL;
    clock_t c0 = clock();
    if (!t)
        return 1e9;
    for (size_t i = 0; i < n; i++)
        t[i] = p[i % pl];
    t[n] = '\0';
    if (as_doc)
        CHECK(fm_doc_from_mem(ctx, "run", t, n, FM_DOC_TEXT, &d) == FM_OK);
    else
        CHECK(fm_text_sentences(ctx, t, n, &s, &count) == FM_OK);
    fm_doc_free(d);
    free(s);
    free(t);
    return (double)(clock() - c0) / CLOCKS_PER_SEC;
}

/* Long runs of one mark ("; ; ;", "a.a.a.", blank lines) cost time in
 * proportion to their length: the fuzzer found each of these rescanning
 * from the sentence's (or the text's) start at every mark, 10 s and more
 * on 16 KB. A megabyte must take well under a second, even sanitised. */
static void test_long_runs(void)
{
    static const char *const sentence_runs[] = {"; ", "&amp;", "a.", "1-1.", NULL};
    for (size_t k = 0; sentence_runs[k]; k++) {
        double sec = seconds_on_run(sentence_runs[k], 1 << 20, 0);
        CHECK(sec < 2.0);
        if (sec >= 2.0)
            fprintf(stderr, "  sentences of '%s' x 1 MB: %.1f s\n", sentence_runs[k], sec);
    }
    {
        double sec = seconds_on_run("\n", 1 << 20, 1);
        CHECK(sec < 2.0);
        if (sec >= 2.0)
            fprintf(stderr, "  document of blank lines, 1 MB: %.1f s\n", sec);
    }
}

static void test_strip(void)
{
    const char *html = "<html><head><script>var a='killed 9';</script></head><body>"
                       "<p>A &amp; B&rsquo;s <b>bomb</b>&#8212;here</p><p>Two</p></body>";
    const char *md = "# Title\n\nA **bold** [link](http://x) and *it*.\n";
    fm_doc *d = NULL;
    CHECK(fm_doc_from_mem(ctx, "x.html", html, strlen(html), FM_DOC_HTML, &d) == FM_OK);
    if (d) {
        CHECK(strstr(d->text, "A & B\xE2\x80\x99s bomb\xE2\x80\x94here") != NULL);
        CHECK(strstr(d->text, "killed 9") == NULL);
        CHECK(strstr(d->text, "here\n\nTwo") != NULL);
    }
    fm_doc_free(d);
    {
        /* an HTML table is read a row at a time; a two-row header names the
         * spanned columns ("Martyred LEAs"); a table in a table is layout */
        const char *t = "<p>As under:</p><table><thead><tr><th rowspan=\"2\">Date</th>"
                        "<th rowspan=\"2\">Place</th><th colspan=\"2\">Martyred</th>"
                        "<th rowspan=2>Terrorists<br>killed</th></tr><tr><th>LEAs</th>"
                        "<th>Civilians</th></tr></thead><tbody><tr><td>09-01-2018</td>"
                        "<td>Sariab, Quetta</td><td>05</td><td>02</td><td>01</td></tr>"
                        "<tr><td>14-02-2018</td><td>Eastern | Bypass</td><td>04</td><td>&ndash;"
                        "</td><td></td></tr></tbody></table><p>Note.</p>"
                        "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr>"
                        "</table>";
        CHECK(fm_doc_from_mem(ctx, "t.html", t, strlen(t), FM_DOC_HTML, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "On 09-01-2018, in Sariab, Quetta, 05 killed, 02 killed, 01 "
                                  "killed.") != NULL);
            CHECK(strstr(d->text, "On 14-02-2018, in Eastern / Bypass, 04 killed.") != NULL);
            CHECK(strstr(d->text, "Note.") != NULL);
        }
        fm_doc_free(d);
    }
    {
        /* a record's fields stay one paragraph; a sentence that ends a line
         * at the margin does not end the paragraph */
        const char *rec = "1.  FIR No. 212 dated 07/03/2016, u/s 302 PPC, 7 ATA, 4/5 ESA and more words\n"
                          "    Police Station: Shabqadar, District Charsadda\n"
                          "    Brief facts: a bomber tried to enter the premises of the complex\n"
                          "    through the main gate and was stopped by the police guard there.\n"
                          "    He detonated his vest.\n"
                          "    Deceased: 17.\n\nNext.";
        CHECK(fm_doc_from_mem(ctx, "r.txt", rec, strlen(rec), FM_DOC_TEXT, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "ESA and more words\nPolice Station") != NULL);
            CHECK(strstr(d->text, "Charsadda\nBrief facts") != NULL);
            CHECK(strstr(d->text, "guard there. He detonated") != NULL);
            CHECK(strstr(d->text, "vest.\n\nDeceased") == NULL);
            CHECK(strstr(d->text, "17.\n\nNext.") != NULL);
        }
        fm_doc_free(d);
    }
    CHECK(fm_doc_from_mem(ctx, "x.md", md, strlen(md), FM_DOC_MARKDOWN, &d) == FM_OK);
    if (d) {
        CHECK(strstr(d->text, "A bold link and it.") != NULL);
        CHECK(strstr(d->text, "#") == NULL);
    }
    fm_doc_free(d);
    /* wrapped lines are joined, paragraphs kept */
    {
        const char *w = "A long line of text that wraps here and it goes on for quite a while\n"
                        "and ends here. Then another sentence that is long enough to count\n"
                        "as wrapped text.\n\nNew paragraph.";
        CHECK(fm_doc_from_mem(ctx, "w.txt", w, strlen(w), FM_DOC_TEXT, &d) == FM_OK);
        if (d)
            CHECK(strstr(d->text, "wraps here and it goes on for quite a while and ends") != NULL);
        fm_doc_free(d);
    }
    /* a colon ending a line inside brackets is no label for the next line:
     * "in October (September:" / "44), in which" is one sentence */
    {
        const char *w = "We recorded 37 incidents of militant violence in October (September:\n"
                        "44), in which 46 people were killed (September: 59) and 61 injured.\n"
                        "\nThe spokesman said:\nNothing more.";
        CHECK(fm_doc_from_mem(ctx, "w.txt", w, strlen(w), FM_DOC_TEXT, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "(September: 44), in which") != NULL);
            CHECK(strstr(d->text, "said:\nNothing") != NULL);
        }
        fm_doc_free(d);
    }
}

static void test_lexicon_errors(void)
{
    char path[4096];
    FILE *f;
    fm_lexicon *lx = NULL;
    snprintf(path, sizeof path, "%s/lex-bad.tsv", fm_test_tmpdir());
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("# comment\nkilled\tkilled\tboth\nkilld\toops\n", f);
    fclose(f);
    CHECK(fm_lexicon_load(ctx, path, &lx) == FM_EFORMAT);
    CHECK(strstr(fm_ctx_message(ctx), ":3: unknown kind 'killd'") != NULL);
    CHECK(lx == NULL);
    fm_ctx_clear(ctx);
}

/* ---- extraction ------------------------------------------------------------ */

static fm_gazetteer *gz;
static fm_lexicon *lx;

static fm_text_incident *extract_as(const char *text, fm_doc_format format, size_t *n)
{
    fm_doc *d = NULL;
    fm_text_incident *inc = NULL;
    fm_extract_opts o = {gz, lx, NULL, FM_DAY_NONE, 0};
    *n = 0;
    CHECK(fm_doc_from_mem(ctx, "t.txt", text, strlen(text), format, &d) == FM_OK);
    if (!d)
        return NULL;
    CHECK(fm_extract_run(ctx, &o, d, &inc, n) == FM_OK);
    fm_doc_free(d);
    return inc;
}

static fm_text_incident *extract(const char *text, size_t *n)
{
    return extract_as(text, FM_DOC_TEXT, n);
}


static void test_extract_news(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 12 October 2025 - Eleven soldiers, including a lieutenant colonel and a "
        "major, were killed when militants ambushed a convoy in Orakzai district on "
        "Wednesday, the military's media wing said.\n\n"
        "The ISPR said 19 militants were also killed. The TTP claimed responsibility and said "
        "30 soldiers had died.\n\n"
        "Separately, a roadside bomb struck a police van near Wana on Thursday night, killing "
        "two policemen and injuring five others, police said.\n\n"
        "Prime Minister Shehbaz Sharif chaired a meeting in Islamabad on Saturday.\n\n"
        "The attacks come on the anniversary of the 2014 school massacre in Peshawar, in which "
        "147 people were killed.\n\n"
        "Bilal Khan, a native of Bannu, said he heard two explosions.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2025-10-08");
        CHECK_STR(inc[0].admin2, "Orakzai");
        CHECK(inc[0].killed == 30); /* 11 soldiers + 19 militants, the ISPR's figures */
        CHECK(inc[0].nclaims == 2);
        CHECK_STR(inc[0].actor1, "TTP");
        day_is(inc[1].date_start, "2025-10-09");
        CHECK_STR(inc[1].place_name, "Wana");
        CHECK(inc[1].geo_precision == 1);
        CHECK(inc[1].killed == 2 && inc[1].injured == 5);
        CHECK_STR(inc[1].sub_event_type, "Remote explosive/landmine/IED");
        /* evidence offsets point at the words */
        CHECK(inc[1].place_ev.end > inc[1].place_ev.start);
    }
    free(inc);
}

/* A wire story: a lead's vague toll, the body's exact one, a correction at
 * the foot naming the place; a claim disputed by a spokesman quoted as "he";
 * a party's name on the victims; one party's running total. */
static void test_extract_wire_corrections(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Bomber kills dozens at rally\n\n"
        "PESHAWAR, Pakistan, April 5 (Reuters) - A suicide bomber blew himself up among party "
        "workers in the town of Timergara on Monday, killing dozens of people, officials "
        "said.\n\nThe attack came a day after a bomber hit a checkpoint in Mohmand.\n\n"
        "The blast in Timergara killed 43 people and wounded more than 60, an official "
        "said.\n\n"
        "On Sunday, a bomber rammed a pick-up into a checkpoint at Manzari Cheena in Mohmand, "
        "killing three Frontier Corps soldiers, an official said. Two militants in the vehicle "
        "also died, he said, bringing the toll to five.\n\n"
        "In Orakzai, the military said on Saturday that six soldiers and 30 militants were "
        "killed.\n\nA Taliban spokesman, Azam Tariq, disputed that account. \"Only nine people "
        "were killed in Orakzai on Saturday,\" he told Reuters.\n\n"
        "The party has lost scores of members since 2008.\n\n"
        "This story corrects the death toll in paragraph 3. The correct toll for the "
        "Timergara bombing is 45 killed, not 43.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2010-04-05");
        CHECK_STR(inc[0].place_name, "Timer Gara");
        CHECK(inc[0].killed == 45);
        day_is(inc[1].date_start, "2010-04-04");
        CHECK(inc[1].killed == 5);
        CHECK(inc[1].nclaims == 0 || strcmp(inc[1].claims[0].party, "FC")); /* FC names the dead */
        day_is(inc[2].date_start, "2010-04-03");
        CHECK(inc[2].nclaims == 2);
        if (inc[2].nclaims == 2) {
            CHECK_STR(inc[2].claims[0].party, "Military");
            CHECK(inc[2].claims[0].killed == 36);
            CHECK_STR(inc[2].claims[1].party, "Taliban");
            CHECK(inc[2].claims[1].killed == 9);
        }
    }
    free(inc);
}

/* A log kept newest first: dated sections run backwards, an entry's later
 * word on an incident comes first; "D.I. Khan" is a place; an attack told
 * in one sentence takes the toll of the next, not the story before. */
static void test_extract_newest_first(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "# Tracker (newest first)\n\n### Sunday 22 July 2018\n\n"
        "**19:15 -** D.I. Khan: the candidate has died of his wounds. The attack in the "
        "morning thus killed two people.\n\n"
        "**09:50 -** A suicide bomber attacked the car of the candidate as he left for a "
        "campaign meeting in Dera Ismail Khan. One man killed.\n\n### Friday 13 July 2018\n\n"
        "**17:40 -** A suicide bomber has struck an election rally at Dringarh, Mastung "
        "district. At least 85 dead.\n\n### Tuesday 10 July 2018\n\n"
        "**20:30 -** A bomb went off in Peshawar. 13 killed, police say.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Dera Ismail Khan");
        CHECK(inc[0].killed == 2);
        CHECK_STR(inc[1].admin2, "Mastung");
        CHECK(inc[1].killed == 85);
    }
    free(inc);
}

/* An e-mail digest: quoting marks go, a forwarded message's "Sent:" line is
 * what its "this afternoon" means. */
static void test_extract_email(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "From: desk@example.org\nDate: Tue, 28 Aug 2012 07:42:10 +0500\nSubject: digest\n\n"
        "3. QUETTA\n\n> From: QTA security\n> Sent: Saturday, August 18, 2012 6:15 PM\n"
        ">\n> A suicide bomber hit a vehicle in Quetta this\n> afternoon. Five personnel "
        "martyred.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2012-08-18");
        CHECK(inc[0].killed == 5);
    }
    free(inc);
}

/* A stringer's notebook: days headed "Wed 9/9" under the month's title, a
 * sum after '=', a struck-out figure ("~~4~~ 5"); persons named one by one
 * before a count share its verb ("his wife, his mother and six of his
 * children died"); a brief's own dateline ("BANNU: Eight people were killed")
 * places it, a district's ("SWAT:") says which Charbagh; "at Irab village"
 * over "the elders of Salarzai". */
static void test_extract_notebook(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "NOTEBOOK -- SWAT, SEPTEMBER 2009\n(typed up for the desk, 27 Sept 2009)\n\n"
        "Wed 9/9\n"
        "- Mangaltan: 1 sol shaheed, 7 miscreants killed = 8 dead.\n\n"
        "Thu 24/9\n"
        "- Dargai: police raid on a house, ~~4~~ 5 militants killed.\n\n"
        "WEEK IN BRIEF\n\n"
        "The people of Gashkor remember the family of Shah Wazir -- his wife, his mother and "
        "six of his children -- who died on Friday, September 18, when a shell hit their "
        "house.\n\n"
        "BANNU: Eight people were killed on Friday, September 25, when a suicide bomber "
        "blew up his car near the Township chowk.\n\n"
        "SWAT: Security officials said eleven militants were killed on Monday, September 21, "
        "at Mangal Thaan, near Charbagh.\n\n"
        "The elders of Salarzai said nineteen men were killed on Thursday, September 10, "
        "when a bomber walked into their jirga at Irab village.\n",
        &n);
    CHECK(n == 6);
    if (n == 6) {
        day_is(inc[0].date_start, "2009-09-09");
        CHECK(inc[0].killed == 8);
        day_is(inc[1].date_start, "2009-09-24");
        CHECK(inc[1].killed == 5);
        CHECK(inc[2].killed == 8 && !strcmp(inc[2].place_name, "Gashkor"));
        CHECK(inc[3].killed == 8 && !strcmp(inc[3].place_name, "Bannu"));
        CHECK(!strcmp(inc[4].place_name, "Charbagh") && !strcmp(inc[4].admin2, "Swat"));
        CHECK(!strcmp(inc[5].place_name, "Irab"));
    }
    free(inc);
}

/* An armed group's figure is its claim beside an official one, however low
 * ("only five of his fighters died"); a list's bare ordinal day ("- 13th —")
 * is that day of the month. */
static void test_extract_group_claims(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 27 January 2010.\n\n"
        "Security forces say fifteen militants were killed in the Tindoh area on Tuesday. A "
        "Taliban commander told reporters by phone that only five of his fighters died.\n\n"
        "Attacks this month:\n\n"
        "- 13th — the ISI regional office in Peshawar. Suicide truck bomb, 18 dead.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 15 && inc[0].nclaims == 2);
        day_is(inc[1].date_start, "2010-01-13");
        CHECK(inc[1].killed == 18);
    }
    free(inc);
}

/* A corrections column: a report's own date ("In a report of May 19 on the
 * killing ...", "A caption on the city page (May 7)") is not the incident's;
 * "on Wednesday (May 18)" is the date beside the weekday; "No one was hurt"
 * is nobody hurt, not one. */
static void test_extract_corrections(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "CORRECTIONS\n\nThe Frontier Post | Monday, May 30, 2011\n\n"
        "* A caption on the city page (May 7) described the shooting in Quetta on May 6 as "
        "a clash. It was an attack on a van in which eight people were killed.\n\n"
        "* In a report of May 19 on the killing of seven people in Quetta on Wednesday "
        "(May 18), the victims were described as policemen.\n\n"
        "* Our May 2 report on the strike in Peshawar gave its date as April 30. It was "
        "held on May 1. No one was hurt.\n",
        &n);
    CHECK(n == 2); /* (the strike: no one hurt, no incident) */
    if (n == 2) {
        day_is(inc[0].date_start, "2011-05-06");
        CHECK(inc[0].killed == 8);
        day_is(inc[1].date_start, "2011-05-18");
        CHECK(inc[1].killed == 7);
    }
    free(inc);
}

/* A notification's schedule and a circular: a line that stops on "on" goes
 * on into the next ("Bannu city, on" / "11.02.2010."); a circular's own
 * date ("Our circular No. 18 of 08-09-2010") does not end the story; "the
 * bomber not counted" says it of the bomber, not of the seventeen. */
static void test_extract_circular(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "HOME DEPARTMENT, 15 January 2013\n\n"
        "S.No. 2. Attack by terrorists on a police picket, Bannu city, on\n"
        "         11.02.2010.\n"
        "         Killed: 18 (eighteen), i.e. two police officials and sixteen others.\n\n"
        "2. KOHAT CITY. Members will remember the blast of Tuesday 07-09-2010 near the Police\n"
        "Lines. Our circular No. 18 of 08-09-2010 gave the toll as 22 on the basis of first\n"
        "reports; the hospital's final list has SEVENTEEN dead (three policemen among them), the\n"
        "bomber not counted.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2010-02-11");
        CHECK(inc[0].killed == 18 && !strcmp(inc[0].place_name, "Bannu"));
        day_is(inc[1].date_start, "2010-09-07");
        CHECK(inc[1].killed == 17);
    }
    free(inc);
}

/* Persons named one by one after the count's noun share its verb ("a
 * police guard and the bomber killed"; "a civilian" is not counted twice);
 * "i.e. 32 dead" restates the killed before it, but "13, i.e. two police
 * officials, ..." breaks a total down; a spokesman's name in brackets does
 * not hide his party. */
static void test_extract_persons_after(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 2 May 2015.\n\n"
        "A suicide attack hit Aftab Sherpao's convoy at Umarzai, Charsadda, on Thursday, "
        "April 30. A police guard and the bomber were killed.\n\n"
        "Two soldiers and a civilian were killed in a blast in Bannu on Friday, May 1.\n\n"
        "For the fighting in Tirah on Monday, April 27, ISPR says five soldiers and 27 "
        "militants were killed, i.e. 32 dead. A TTP spokesman (Muhammad Khurasani) told AFP "
        "that twenty-five soldiers were killed.\n\n"
        "Killed: 13 (thirteen), i.e. two police officials, one attacker and ten others, in "
        "the attack on Mandan police station in Bannu on 26.04.2015.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(inc[0].killed == 2);
        CHECK(inc[1].killed == 3);
        CHECK(inc[2].killed == 32 && inc[2].nclaims == 2);
        CHECK(inc[3].killed == 13);
    }
    free(inc);
}

/* An Afghan outlet's list: "Thursday 13 Qaws (4 December)" is the date in
 * brackets; "not more than seven" is a bound, not a denial; "first said 23
 * ..., then, in an updated statement, 39" is 39. */
static void test_extract_updated(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Jalalabad | Thursday, 1 January 2015\n\n"
        "2) Thursday 13 Qaws (4 December): jets struck Mada Khel village in Datta Khel "
        "tehsil. The ISPR gave eighteen (18) dead.\n\n"
        "3) Thursday 27 Qaws (18 December): the army said 57 militants were killed in air "
        "strikes in the Tirah valley of Khyber Agency. A TTP spokesman told Sarhad News "
        "that \"not more than seven\" of their men died.\n\n"
        "4) Friday 5 Jadi (26 December): strikes in the Datta Khel area of North "
        "Waziristan. The army first said 23 militants were killed, then, in an updated "
        "statement, 39.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2014-12-04");
        CHECK(inc[0].killed == 18);
        day_is(inc[1].date_start, "2014-12-18");
        CHECK(inc[1].killed == 57 && inc[1].nclaims == 2);
        if (inc[1].nclaims == 2)
            CHECK(!strcmp(inc[1].claims[1].party, "TTP") && inc[1].claims[1].killed == 7);
        day_is(inc[2].date_start, "2014-12-26");
        CHECK(inc[2].killed == 39);
    }
    free(inc);
}

/* "a house in the Banda area (Bara Bandai), north of Mingora": of a name and
 * its spelling in brackets, the one fewer places share is the place. */
static void test_extract_spelt_again(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Mingora, 3 December 2007.\n\n"
        "On Saturday a mortar round fell on a house in the Banda area (Bara Bandai), north of "
        "Mingora, killing six civilians.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(!strcmp(inc[0].place_name, "Bara Bandai") && inc[0].killed == 6);
    free(inc);
}

/* Consulate messages: "Four police officers were killed; the bomber also
 * died" (the bomber is one of the dead), "eight people were killed in
 * addition to the bomber", "killing him and three other people", "killing
 * two students and the van driver". */
static void test_extract_bomber(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 20 December 2010.\n\n"
        "On the afternoon of April 28, a suicide bomber attacked a police check post in the "
        "Pir Bala area of Peshawar. Four police officers were killed; the bomber also died.\n\n"
        "On the evening of July 26, a suicide bomber struck a gathering in Peshawar. Local "
        "authorities report that eight people were killed in addition to the bomber.\n\n"
        "On August 4, a suicide bomber attacked the vehicle of the Commandant in Peshawar "
        "Cantonment, killing him and three other people.\n\n"
        "On Sunday, December 12, a bomb exploded as a school van passed in the Mashogagar "
        "area of Peshawar, killing two students and the van driver.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(inc[0].killed == 5);
        CHECK(inc[1].killed == 9);
        CHECK(inc[2].killed == 4);
        CHECK(inc[3].killed == 3);
    }
    free(inc);
}

/* An alerts digest: a headline and its snippet run together say the same
 * figure twice ("Four FC personnel martyred in Harnai attack ... Four
 * Frontier Corps personnel were martyred"); the next item names the same
 * place again with a party's claim and no day: the same attack. */
static void test_extract_alerts(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Google Alerts -- Daily update, 26 September 2021\n\n"
        "Four FC personnel martyred in Harnai attack The News International Four Frontier "
        "Corps personnel were martyred when terrorists attacked a check post in Harnai "
        "district of Balochistan on Saturday, officials said ...\n\n"
        "BLA claims Harnai attack, says 11 soldiers killed. In a statement, the BLA "
        "spokesman claimed that eleven personnel were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2021-09-25");
        CHECK(inc[0].killed == 4 && inc[0].nclaims == 2);
    }
    free(inc);
}

/* A reference list's entry is not an incident: its figures are a title's
 * ("Torelli, C. (2022, April 22). *Pakistani airstrike leaves 47 civilians
 * dead*"); the text's own telling is. */
static void test_extract_reference_list(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Durand Dispatch, December 2025\n\n"
        "On 16 April 2022, Pakistani airstrikes in Khost killed at least 47 civilians.\n\n"
        "References\n\n"
        "Torelli, C. (2022, April 22). *Pakistani airstrike leaves 47 civilians dead, 22 "
        "injured in Afghanistan's Khost and Kunar provinces*. Action on Armed Violence.\n\n"
        "Reuters. (2024, March 18). Pakistan strikes in Khost kill eight.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        day_is(inc[0].date_start, "2022-04-16");
    free(inc);
}

/* Letters to the editor: "Hazara Town, Quetta", where the gazetteer knows
 * only a Hazara in Swat, is placed near Quetta, not in another province;
 * "was first reported as six" is superseded; the official party lowest in
 * every group of the dead gives its whole total ("seventeen soldiers ...
 * and the bomber -- eighteen dead") against a claim of thirty. */
static void test_extract_letters(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "LETTERS, 26 March 2013\n\n"
        "SIR: It is over a month since the vegetable market in Hazara Town, Quetta, was torn "
        "apart on Saturday, February 16. The toll stood at 92 when the sit-in ended.\n\n"
        "SIR: The suicide attack on the Isha checkpost near Miranshah, North Waziristan, on "
        "Saturday, March 23, was first reported as six soldiers killed. The ISPR later said "
        "seventeen soldiers had died, and the bomber -- eighteen dead. The Taliban's "
        "spokesman claimed on the same evening that thirty soldiers were killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(!strcmp(inc[0].admin1, "Balochistan") && inc[0].killed == 92);
        CHECK(inc[0].geo_precision >= 2);
        CHECK(inc[1].killed == 18);
    }
    free(inc);
}

/* Incident forms, one field a line: the "Location:" field places the record
 * over a town named in passing ("WFP convoy to Miranshah postponed"), its
 * village known only by the spelling in brackets; the "Date of incident:"
 * field dates it, not the "Date of report:" nor a later update's day; a bare
 * "Casualties (confirmed): 15" is the record's own figure over competing
 * claims ("Competing claim: a Taliban commander told ..."). */
static void test_extract_forms(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ACCESS INCIDENT FORMS -- FATA\n\n"
        "==== FORM ====\nForm No.: 14\nDate of report: 19/01/2010\n"
        "Date of incident: 18/01/2010 (Monday)\n"
        "Location: Lwara Mandi (Lwara Mandai), Datta Khel tehsil, North Waziristan\n"
        "Description: Security forces and militants clashed near the checkpoint;\n"
        "the Miranshah-Ghulam Khan road was closed for the day.\n"
        "Casualties (confirmed): 10 killed (all militants)\n"
        "Impact on access: WFP convoy to Miranshah postponed\n==== END ====\n\n"
        "==== FORM ====\nForm No.: 15\nDate of report: 27-Jan-2010\n"
        "Date of incident: 26-Jan-2010\n"
        "Location: Tindoh area, Lower Kurram\nAgency/District: Kurram\n"
        "Description: Security forces say fifteen militants were killed in the Tindoh area.\n"
        "Competing claim: a Taliban commander told reporters that only five of his fighters "
        "died.\n"
        "UPDATE 28/01: the figure stands.\n"
        "Casualties (confirmed): 15\nCasualties (injured): 4\n"
        "Impact on access: mobile clinic to Sadda suspended\n==== END ====\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2010-01-18");
        CHECK(!strcmp(inc[0].place_name, "Lwara Mandai"));
        CHECK(inc[0].killed == 10);
        day_is(inc[1].date_start, "2010-01-26");
        CHECK(!strcmp(inc[1].place_name, "Tindoh"));
        CHECK(inc[1].killed == 15);
        CHECK(inc[1].injured == 4);
        CHECK(inc[1].nclaims == 2);
        if (inc[1].nclaims == 2)
            CHECK(!strcmp(inc[1].claims[1].party, "Taliban") && inc[1].claims[1].killed == 5);
    }
    free(inc);
}

/* A thread of replies: an attribution line ("On Fri, 21 Feb 2020 at 08:05,
 * X wrote:") dates the message it quotes, and the newer message above an
 * older one carries the party's later figure ("the toll is 10" over "at
 * least 8"). */
static void test_extract_reply_thread(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "From: a@example.org\nDate: Mon, 24 Feb 2020 10:31:07 +0500\nSubject: Re: Re: log\n\n"
        "Dear all,\n\nNothing new today.\n\n"
        "On Fri, 21 Feb 2020 at 08:05, B <b@example.org> wrote:\n> Morning all,\n>\n"
        "> Turbat: a check post was attacked yesterday afternoon. Levies say five FC men\n"
        "> were killed.\n>\n"
        "> On Tue, 18 Feb 2020 at 09:12, B <b@example.org> wrote:\n"
        ">> Update on Quetta: police now say the toll is 10; 35 injured.\n>>\n"
        ">> On Mon, 17 Feb 2020 at 16:31, C <c@example.org> wrote:\n"
        ">>> A suicide blast near the Quetta press club an hour ago. Police say at least 8\n"
        ">>> dead.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2020-02-20");
        CHECK(inc[0].killed == 5);
        day_is(inc[1].date_start, "2020-02-17");
        CHECK(inc[1].killed == 10);
        CHECK(inc[1].injured == 35);
    }
    free(inc);
}

/* A live blog, newest update first: timed updates that name no place are
 * the headline's story, and "This replaces every figure given earlier"
 * adopts the final figures, not the headline's. */
static void test_extract_live_blog(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "LIVE: Militants storm Quetta police college - 61 killed\n\n"
        "Started Mon 24 Oct 2016, 23:41 PKT\n\n"
        "19:05 - Final official toll\n\n"
        "The home department has issued its final figures: 61 cadets were killed, and "
        "five attackers died. That makes 66 dead in all. This replaces every figure given "
        "earlier in this blog.\n\n"
        "11:30 - Toll now 59\n\n"
        "The health secretary says 59 bodies have reached the hospitals.\n\n"
        "02:35 - Officials speak\n\n"
        "At least 20 people are dead, according to police.\n\n"
        "23:41 - Attack under way\n\n"
        "Reports are coming in of an attack on the police college.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 66);
    }
    free(inc);
}

static void test_extract_claims_and_corrections(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Kabul, 28 August 2025\n\n"
        "A drone strike on a house in the Spera district of Khost province killed three "
        "children and wounded five other family members late on Tuesday, Taliban officials "
        "said.\n\nLocal residents said the drone came from across the border.\n\n"
        "The death toll later rose to four, a health official said.\n\n"
        "On 16 July, a suicide bomber rammed a vehicle into a convoy in Noshki, killing three "
        "soldiers. The BLA claimed 40 soldiers were killed; the ISPR put the toll at three.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2025-08-26");
        CHECK(inc[0].killed == 4);
        CHECK(inc[0].injured == 5);
        CHECK_STR(inc[0].sub_event_type, "Air/drone strike");
        CHECK_STR(inc[0].country, "Afghanistan");
        day_is(inc[1].date_start, "2025-07-16");
        CHECK(inc[1].killed == 3);
        CHECK(inc[1].nclaims == 2);
        if (inc[1].nclaims == 2) {
            CHECK_STR(inc[1].claims[0].party, "BLA");
            CHECK(inc[1].claims[0].killed == 40);
            CHECK_STR(inc[1].claims[1].party, "ISPR");
            CHECK(inc[1].claims[1].killed == 3);
        }
    }
    free(inc);
}

static void test_extract_unresolved(void)
{
    size_t n;
    /* a place the gazetteer does not know keeps its words, precision none */
    fm_text_incident *inc = extract("Quetta, 3 March 2025\n\nOn Monday, gunmen killed two "
                                    "labourers in the village of Xqzwarbad, police said.\n",
                                    &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 2);
        CHECK(inc[0].geo_precision == 0);
        CHECK(isnan(inc[0].lon));
    }
    free(inc);
}

static void test_tables_and_furniture(void)
{
    /* a digest's table: one incident a row, the header naming each cell */
    const char *md = "# Digest, October 2020\n\n| Date | Place | District | Killed | Injured |\n"
                     "|---|---|---|---|---|\n| 2 Oct | Mir Ali | North Waziristan | 2 | 0 |\n"
                     "| 23 Oct | Dasht | Kech | 4 | \xE2\x80\x94 |\n";
    fm_doc *d = NULL;
    size_t n;
    fm_text_incident *inc;
    CHECK(fm_doc_from_mem(ctx, "t.md", md, strlen(md), FM_DOC_MARKDOWN, &d) == FM_OK);
    if (d) {
        CHECK(strstr(d->text, "On 2 Oct, in Mir Ali, North Waziristan, 2 killed, 0 injured.") !=
              NULL);
        CHECK(strstr(d->text, "On 23 Oct, in Dasht, Kech, 4 killed.") != NULL);
        CHECK(strstr(d->text, "|") == NULL);
    }
    fm_doc_free(d);
    /* a grid table: borders, a serial column, cells wrapped over lines whose
     * first cell is blank, a sub-total row */
    {
        const char *grid =
            "Reply\n\n+----+-----------+------------+-----------------+--------+\n"
            "| S. | District  | Date       | Nature          | Killed |\n"
            "| No |           |            |                 |        |\n"
            "+----+-----------+------------+-----------------+--------+\n"
            "| 1  | Lower Dir | 08.06.2013 | Attack on camp  |   36   |\n"
            "|    |           |            | (1 soldier)     |        |\n"
            "| 2  | Peshawar  | 21.06.2013 | Attack during   |   15   |\n"
            "|    |           |            | Friday prayers  |        |\n"
            "|    | Sub-total |            |                 |   51   |\n"
            "+----+-----------+------------+-----------------+--------+\n\nAfter.\n";
        CHECK(fm_doc_from_mem(ctx, "g.txt", grid, strlen(grid), FM_DOC_TEXT, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "On 08.06.2013, Lower Dir, 36 killed. Attack on camp (1 "
                                  "soldier).") != NULL);
            CHECK(strstr(d->text, "Totals for the table: in Sub-total, 51 killed.") != NULL);
            CHECK(strstr(d->text, "+--") == NULL && strstr(d->text, "After.") != NULL);
            CHECK(strstr(d->text, " 1 ") == NULL); /* the serial number is not a fact */
        }
        fm_doc_free(d);
    }
    {
        size_t m;
        fm_text_incident *g = extract(
            "Reply, 12 July 2013\n\n+----+----------+------------+------------------+--------+\n"
            "| S. | District | Date       | Nature           | Killed |\n"
            "+----+----------+------------+------------------+--------+\n"
            "| 1  | Peshawar | 21.06.2013 | Suicide attack   |   15   |\n"
            "|    |          |            | during Friday    |        |\n"
            "|    |          |            | prayers          |        |\n"
            "+----+----------+------------+------------------+--------+\n",
            &m);
        CHECK(m == 1); /* "Friday prayers" is no date */
        if (m == 1) {
            day_is(g[0].date_start, "2013-06-21");
            CHECK(g[0].killed == 15);
        }
        free(g);
    }
    /* subtitles: cue numbers and timings go, a sentence split over cues is
     * one; a footnote's number against a word is no count */
    {
        const char *srt = "1\n00:00:00,500 --> 00:00:04,200\n[NEWS BULLETIN]\n\n"
                          "2\n00:00:04,400 --> 00:00:08,900\nMissiles struck\n\n"
                          "3\n00:00:09,100 --> 00:00:14,600\na funeral near Makeen.\n";
        CHECK(fm_doc_from_mem(ctx, "b.srt", srt, strlen(srt), FM_DOC_TEXT, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "Missiles struck a funeral near Makeen.") != NULL);
            CHECK(strstr(d->text, "-->") == NULL && strstr(d->text, "[NEWS BULLETIN]") != NULL);
        }
        fm_doc_free(d);
        const char *wiki = "Eight attackers were killed.[46][47] The army[41] said so.\n";
        CHECK(fm_doc_from_mem(ctx, "w.md", wiki, strlen(wiki), FM_DOC_MARKDOWN, &d) == FM_OK);
        if (d)
            CHECK(strstr(d->text, "were killed. The army said so.") != NULL);
        fm_doc_free(d);
    }
    /* menus, related stories and footers are not the report */
    {
        const char *html = "<nav><a>Home</a></nav><p>Dated 3 March 2025</p><p>Two killed.</p>"
                           "<aside class=\"x\"><li>Blast kills 15 (Jan 13, 2016)</li></aside>"
                           "<div class=\"related-stories\"><div>Blast kills 9</div></div>"
                           "<footer>About us</footer><p>After.</p>";
        CHECK(fm_doc_from_mem(ctx, "x.html", html, strlen(html), FM_DOC_HTML, &d) == FM_OK);
        if (d) {
            CHECK(strstr(d->text, "kills") == NULL);
            CHECK(strstr(d->text, "Home") == NULL && strstr(d->text, "About") == NULL);
            CHECK(strstr(d->text, "Two killed.") != NULL && strstr(d->text, "After.") != NULL);
        }
        fm_doc_free(d);
    }
    inc = extract("Digest, 1 November 2020\n\n| Date | Place | District | Killed |\n|---|---|---|---|\n"
                  "| 2 Oct | Mir Ali | North Waziristan | 2 |\n| 31 Oct | Razmak | North Waziristan | 6 |\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2020-10-02");
        CHECK_STR(inc[0].place_name, "Mir Ali");
        CHECK(inc[0].killed == 2);
        CHECK_STR(inc[1].place_name, "Razmak");
        CHECK(inc[1].killed == 6);
    }
    free(inc);
    /* day-month cells ("Dates are given as day-month") take the document's
     * year; a figure measured from an older massacre is not an incident */
    inc = extract("Monthly assessment, issued 3 March 2015\n\nThe attack was the deadliest since "
                  "the Army Public School massacre of 16 December 2014 (more than 140 killed).\n\n"
                  "| # | Date | Place | Killed |\n|---|---|---|---|\n| 1 | 04-02 | Kohat | 5 |\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2015-02-04");
        CHECK(inc[0].killed == 5);
    }
    free(inc);
}

static void test_extract_parts(void)
{
    /* a compiled file: a claim, then the army's releases in a part of their
     * own (set apart by rules), about the one district the title names */
    size_t n;
    fm_text_incident *inc = extract(
        "CLAIM AND RESPONSE FILE - North Waziristan, May 2019\n"
        "Compiled by the desk, 8 May 2019.\n\n"
        "==========================================\n"
        "PART 1. TTP STATEMENT\n"
        "==========================================\n\n"
        "1. On Saturday 27 April, the mujahideen attacked an army patrol in the Shewa\n"
        "   area. Nine soldiers were killed on the spot.\n\n"
        "==========================================\n"
        "PART 2. ISPR PRESS RELEASES\n"
        "==========================================\n\n"
        "(a) Rawalpindi, 27 April 2019: Three soldiers embraced shahadat when terrorists\n"
        "    attacked a patrol in the Shewa area of North Waziristan.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2019-04-27");
        CHECK_STR(inc[0].admin2, "North Waziristan");
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "TTP");
            CHECK(inc[0].claims[0].killed == 9);
            CHECK_STR(inc[0].claims[1].party, "ISPR");
            CHECK(inc[0].claims[1].killed == 3);
        }
    }
    free(inc);
}

static void test_extract_spokesmen(void)
{
    /* a party's verb some words after its name; a revision by a source with
     * no figure of its own revises the story's figure */
    size_t n;
    fm_text_incident *inc = extract(
        "Friday, 22 November 2013\n\nOn Wednesday night militants attacked a checkpoint in "
        "Shawa, north of Mir Ali. Military officials say two soldiers and one attacker were "
        "killed. The Pakistani Taliban's spokesman Shahidullah Shahid called the radio and said "
        "that seven soldiers had been killed.\n\n"
        "On Thursday a bomb struck a bus at Kanak, near Mastung, killing 24 people. Hospital "
        "officials in Quetta later said the death toll had risen to 29.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 3);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "Military");
            CHECK_STR(inc[0].claims[1].party, "TTP");
            CHECK(inc[0].claims[1].killed == 7);
        }
        CHECK(inc[1].killed == 29);
    }
    free(inc);
}

static void test_extract_transcript(void)
{
    /* a bulletin: the attack told without a toll, then under a speaker's
     * label the district's police give it; a date of speaking ("told me this
     * afternoon") does not start another incident */
    size_t n;
    fm_text_incident *inc = extract(
        "EVENING NEWS BULLETIN\nBroadcast: Friday, 22 November 2013\n\n"
        "[00:41] NEWSREADER:\nFirst, Hangu. Early on Thursday, missiles from a drone struck a "
        "seminary in the Thall area of Hangu district.\n\n"
        "[00:58] CORRESPONDENT (Sherani):\nPolice in Hangu said that six people were killed in "
        "Thursday's strike. The district police officer told me this afternoon that the six "
        "bodies were handed to their families.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2013-11-21");
        CHECK_STR(inc[0].place_name, "Thall");
        CHECK(inc[0].killed == 6);
    }
    free(inc);
}

static void test_extract_digest(void)
{
    /* a press digest: each item's "yesterday" is its paper's date; a name in
     * Arabic script with its transliteration in brackets; a figure said
     * after a denial is the speaker's; "not among the dead" said of the bomber */
    size_t n;
    fm_text_incident *inc = extract(
        "URDU PRESS DIGEST\nDigest No. 41/2012, compiled Sunday 19 February 2012\n\n"
        "1. Daily Mashriq, Peshawar - Saturday 18 February 2012\n"
        "A suicide bomber blew himself up yesterday in the Kurmi bazaar of Parachinar. The paper "
        "quotes officials as saying 31 people were killed, and that the bomber was not among "
        "the dead counted.\n\n"
        "2. Daily Express, Peshawar - Friday 17 February 2012\n"
        "In \xd8\xb3\xd9\xbe\xdb\x8c\xd9\x86 \xda\x88\xd9\x86\xda\x88 (Spin Drand), in Khyber Agency, "
        "militants ambushed a patrol yesterday. Security officials said three soldiers were "
        "killed. A spokesman for Lashkar-e-Islam rejected the official account and said 35 "
        "people had died.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2012-02-17");
        CHECK(inc[0].killed == 31);
        day_is(inc[1].date_start, "2012-02-16");
        CHECK_STR(inc[1].place_name, "Spin Drand");
        CHECK(inc[1].nclaims == 2);
        for (size_t k = 0; k < inc[1].nclaims; k++)
            if (strstr(inc[1].claims[k].party, "Lashkar"))
                CHECK(inc[1].claims[k].killed == 35);
    }
    free(inc);
}

static void test_extract_parts_of_counts(void)
{
    /* "N of the X" counts when nothing before it is a total; it is a part of
     * those already counted after a total or before a participle */
    size_t n;
    fm_text_incident *inc = extract(
        "Friday, 22 November 2013\n\nPolice arrested four men over the attack on a police post "
        "in Shaikh Landak on Wednesday of last week, in which a policeman and three of the "
        "attackers were killed.\n\n"
        "On Saturday militants stormed a post in Lakki Marwat, killing 35 people. Three of the "
        "soldiers killed on Saturday were from the town itself.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2013-11-13");
        CHECK(inc[0].killed == 4);
        CHECK(inc[1].killed == 35);
    }
    free(inc);
}

static void test_extract_answer(void)
{
    /* a minister's answer: a period's total is not an incident; the ends of
     * a route are not where the coaches were stopped */
    size_t n;
    fm_text_incident *inc = extract(
        "SENATE DEBATES\nMonday, the 8th June, 2015\n\n"
        "Minister of State for Interior: 136 incidents were reported from 1st January to 31st "
        "May, 2015, in which 87 persons lost their lives.\n\n"
        "On 29th May, 2015, two passenger coaches travelling from Pishin to Karachi were stopped "
        "at Khad Kocha, district Mastung, by terrorists; 22 passengers were offloaded and "
        "killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2015-05-29");
        CHECK_STR(inc[0].admin2, "Mastung");
        CHECK(inc[0].killed == 22);
    }
    free(inc);
}

static void test_extract_records(void)
{
    /* a police situation report: records of padded fields, values on hanging
     * lines, counts written "three (03)", the summary line repeating them */
    size_t n;
    fm_text_incident *inc = extract(
        "DAILY SITUATION REPORT\nDated: 03-09-2015\n\n"
        "A-1.  LAKKI MARWAT (Bannu Region) - PS Tajazai\n"
        "      Date/time : 02-09-2015, 2140 hrs\n"
        "      Details   : Constable Sher Nawaz, on his way home after duty, was fired upon\n"
        "                  near Tajazai adda. He died on the spot.\n"
        "                  Two (02) passers-by were injured. Native of Ghazni Khel; funeral\n"
        "                  prayers at Police Lines Lakki Marwat on 03-09-2015.\n"
        "      Casualties: Martyred (police) 01 | Injured 02\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2015-09-02");
        CHECK_STR(inc[0].place_name, "Tajazai");
        CHECK(inc[0].killed == 1);
    }
    free(inc);
}

static void test_extract_reading(void)
{
    size_t n;
    fm_text_incident *inc;
    /* clauses joined by semicolons are incidents of their own */
    inc = extract("Daily brief, Thursday 21 October 2021\n\nOn Wednesday a police constable was "
                  "shot dead by gunmen in Hangu district while guarding a polio team; police in "
                  "Peshawar district said they had killed three militants in a raid outside the "
                  "city; and in Kech district a Frontier Corps soldier was killed when militants "
                  "fired on a patrol, the ISPR said.\n",
                  &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 1 && !strcmp(inc[0].admin2, "Hangu"));
        CHECK(inc[1].killed == 3 && !strcmp(inc[1].admin2, "Peshawar"));
        CHECK(inc[2].killed == 1 && !strcmp(inc[2].admin2, "Kech"));
        day_is(inc[2].date_start, "2021-10-20");
    }
    free(inc);
    /* a dash aside is the toll's parts; "and a woman" after it adds one;
     * a father's name is not a place */
    inc = extract("Kabul, 25 November 2025\n\nPakistani forces bombed a house in Gurbuz district "
                  "of Khost province on Monday, killing nine children - five boys and four girls "
                  "- and a woman, the house of Waliat Khan son of Qazi Mir.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 10);
        CHECK(strstr(inc[0].place_text, "Qazi") == NULL);
    }
    free(inc);
    /* background: an attack years before the document is not reported;
     * a toll revised "on Tuesday" is the attack's */
    inc = extract("Brief, December 2021\n\nThe 8 August 2016 bombing of Quetta's Civil "
                  "Hospital killed some 70 people.\n\nOn Sunday 5 December, a bomb hidden in a "
                  "car struck a convoy in Bannu. The toll from that attack rose to 26 soldiers "
                  "on Tuesday, the army said.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2021-12-05");
        CHECK(inc[0].killed == 26);
    }
    free(inc);
    /* a quoted statement's figures are its author's claims, the editor's
     * accounts after its end another party's; the two merge as claims */
    inc = extract("Statement of Tehreek-e-Taliban Pakistan, 6 May 2021\n\n--- BEGIN ---\n\n"
                  "On 5 May the mujahideen attacked soldiers in Zhob district. 17 soldiers were "
                  "killed.\n\n--- END TRANSLATION ---\n\nThe ISPR said on 5 May that "
                  "terrorists fired on troops in Zhob district. Four soldiers embraced shahadat. "
                  "Police denied that 17 soldiers had been killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 4);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "TTP");
            CHECK(inc[0].claims[0].killed == 17);
            CHECK_STR(inc[0].claims[1].party, "ISPR");
            CHECK(inc[0].claims[1].killed == 4);
        }
    }
    free(inc);
}

static void test_extract_sections(void)
{
    size_t n;
    fm_text_incident *inc;
    /* a heading's place and date are its section's; the masthead's year
     * dates the yearless; money is not a toll; "-bound" is not a place */
    inc = extract("Occasional Paper, November 2010\n\n2.1 Datta Khel, 3 September 2010\n\n"
                  "A drone fired two missiles at a compound. Officials said five militants "
                  "were killed.\n\n2.2 Sibi\n\nThe minister gave Rs. 500,000 each to the heirs. "
                  "Seventeen passengers were martyred when a bomb exploded on the "
                  "Peshawar-bound Jaffar Express at the railway station on 8 April 2010.\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Datta Khel");
        day_is(inc[0].date_start, "2010-09-03");
        CHECK(inc[0].killed == 5);
        CHECK_STR(inc[1].admin2, "Sibi");
        CHECK(inc[1].killed == 17);
    }
    free(inc);
    /* short forms of a thread: SAT, DIK, KIA */
    inc = extract("Thread, posted Fri 13 Aug 2021\n\n2/9 SAT: DIK - police post attacked near "
                  "Kulachi, 1 KIA.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2021-08-07");
        CHECK(inc[0].killed == 1);
        CHECK_STR(inc[0].admin2, "Dera Ismail Khan");
    }
    free(inc);
}

/* A ragged right margin: a short line inside a sentence is no heading, and
 * a word broken at a line's end is joined ("Mir-/anshah"); the victims'
 * phrase may run through a preposition before "were killed"; a party's man
 * as the subject speaks ("A Taliban commander ... insisted"). */
static void test_extract_ragged(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "FRC Occasional Paper, November 2010\n\n"
        "2.1 Datta Khel, 3 September 2010\n\n"
        "On the morning of Friday 3 September, a drone fired two missiles at a\n"
        "compound in Datta\n"
        "Khel bazaar, some 30 km west of Mir-\n"
        "anshah. Officials said five militants were killed.\n\n"
        "2.2 Qutab Khel, 14 September 2010\n\n"
        "A vehicle was hit on a dirt track in the village of Qutab Khel, a few kilometres "
        "south-east of Miranshah, in the late evening of 14 September. Three people "
        "travelling in the vehicle were killed.\n\n"
        "2.3 Darga Mandi, 15 September 2010\n\n"
        "Security officials in Peshawar said 21 militants were killed in Darga Mandi. A "
        "Taliban commander reached by telephone insisted that only 12 people had died.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Datta Khel");
        CHECK(inc[0].killed == 5);
        CHECK_STR(inc[1].place_name, "Qutab Khel");
        CHECK(inc[1].killed == 3);
        CHECK(inc[2].nclaims == 2);
        if (inc[2].nclaims == 2)
            CHECK_STR(inc[2].claims[1].party, "Taliban");
    }
    free(inc);
}

/* A chat export: each day a heading, the sender no place, a message that
 * ends without a stop no heading, "this morning" the message's day; a
 * claim forwarded with "not 35" rejects the 35; a running total ("6 dead in
 * total") holds the figures before it; "Rescue 1122" is a party. */
static void test_extract_chat(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "WhatsApp Chat with Desk\n"
        "[09/09/2014, 22:41] Irfan Peshawar: Desk for the week, please tag source\n"
        "[10/09/2014, 11:02] Saleem Dawar: ISPR: jets struck hideouts in Datta Khel area this "
        "morning, \"35 terrorists killed\".\n"
        "[10/09/2014, 11:05] Gul Khan: Same figure on PTV ticker\n"
        "[10/09/2014, 16:37] Saleem Dawar: TTP message to me just now: \"not 35, nine people "
        "died\".\n"
        "[23/09/2014, 10:26] Irfan Peshawar: Blast in Peshawar 10 mins ago, Rescue 1122 says 4 "
        "dead.\n"
        "[23/09/2014, 12:03] Irfan Peshawar: Yes 6 dead in total, 5 + bomber.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Datta Khel");
        day_is(inc[0].date_start, "2014-09-10");
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK(inc[0].claims[0].killed == 35);
            CHECK_STR(inc[0].claims[1].party, "TTP");
            CHECK(inc[0].claims[1].killed == 9);
        }
        day_is(inc[1].date_start, "2014-09-23");
        CHECK(inc[1].killed == 6);
    }
    free(inc);
    /* an FIR's brief facts: "at 1100 hrs" is a time; the dead "in all" */
    inc = extract("Statement of cases, position as on 10.09.2009\n\n"
                  "Brief facts: On 27.08.2009 at about 1850 hrs a suicide bomber blew himself up "
                  "at the Torkham check post. Twenty-two (22) Khassadar personnel embraced "
                  "shahadat. The bomber was also killed, making the dead twenty-three (23) in "
                  "all. The FIR was lodged on the following day, at 1100 hrs, after the bodies "
                  "had been dispatched to the villages of the deceased.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2009-08-27");
        CHECK(inc[0].killed == 23);
    }
    free(inc);
}

/* A radio transcript: "[01:05] REPORTER, WANA (English): ..." lines (the
 * label places nothing), a translation in square brackets is text, turns
 * of one story, "Residents of Bhangar told us" a claim on the story told,
 * "the fighting went on into Thursday" no new day; days without a month. */
static void test_extract_radio(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "TRANSCRIPT\nBroadcast: Friday, 15 April 2011, 20:00 PKT\n\n"
        "[00:52] REPORTER, MOHMAND (Pashto): \xd8\xa8\xd9\x8a\xd8\xb2\xd9\x8a\xd9\x88\n"
        "[In Baizai tehsil of Mohmand Agency there was heavy fighting on Wednesday and Thursday of "
        "last week.]\n\n"
        "[01:05] REPORTER, MOHMAND (English): The Frontier Corps says militants attacked its "
        "posts and the fighting went on into Thursday. The official figure is twenty-seven "
        "dead in the two days.\n\n"
        "[02:15] REPORTER, WANA (English): On Wednesday, near Angoor Adda, a drone struck a "
        "house.\n\n"
        "[02:29] REPORTER, WANA (English): Officials in Wana said four militants were killed "
        "in Wednesday's strike. Residents of Bhangar told us six people died.\n\n"
        "PPO: On the eleventh, Monday, a suicide bomber struck the corner "
        "meeting of a candidate in Yakatoot, Peshawar. The death toll has now reached "
        "twenty.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Baizai");
        day_is(inc[0].date_start, "2011-04-06");
        CHECK(inc[0].killed == 27);
        CHECK_STR(inc[1].place_name, "Angoor Adda");
        day_is(inc[1].date_start, "2011-04-13");
        CHECK(inc[1].nclaims == 2);
        day_is(inc[2].date_start, "2011-04-11");
        CHECK(inc[2].killed == 20);
    }
    free(inc);
}

/* A fixed-width table: the dash groups under the header give the columns,
 * a row drifted by a character or two still reads right; "K" and "I" are
 * killed and injured; a row of no dead is no toll. */
static void test_extract_fixed_table(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "DAILY SITUATION REPORT 24.12.2012 TO 31.12.2012\n\n"
        "S#  DATE        DISTRICT       PS/AREA             NATURE OF INCIDENT         K   I\n"
        "--  ----------  -------------  ------------------  -------------------------  --  --\n"
        "01  24.12.2012  Quetta         PS Sariab           Firing on FC vehicle         03  02\n"
        "02  25.12.2012  Quetta         --                  Security, all clear        00  00\n"
        "03  29.12.2012  Quetta         PS Satellite Town   IED on police mobile       04  02\n"
        "\nPara 1. Nothing else.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2012-12-24");
        CHECK_STR(inc[0].admin2, "Quetta");
        CHECK(inc[0].killed == 3 && inc[0].injured == 2);
        day_is(inc[1].date_start, "2012-12-29");
        CHECK(inc[1].killed == 4);
    }
    free(inc);
}

/* A chapter on "February-March 2008", drafted in October 2009: its table's
 * incidents are its subject, not history; a "Dead" column is the killed. */
static void test_extract_chapter(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "# Chapter 4. After the Vote: Violence on the Frontier, February-March 2008\n\n"
        "Draft of 12 October 2009, not for citation.\n\n"
        "| # | Date | Place | District | Type | Dead | Injured |\n"
        "|---|------|-------|----------|------|-----:|--------:|\n"
        "| 1 | 28 Feb 2008 | Kalusha, near Azam Warsak | South Waziristan | Missile strike | 13 | - |\n"
        "| 2 | 2 Mar 2008 | Darra Adam Khel | FR Kohat | Suicide attack on a jirga | 40 | 28 |\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2008-02-28");
        CHECK(inc[0].killed == 13);
        CHECK_STR(inc[1].place_name, "Darra Adam Khel");
        CHECK(inc[1].killed == 40 && inc[1].injured == 28);
    }
    free(inc);
}

/* A debate: "on the same day" is the story's day; "the number of martyrs
 * is twenty-one, not twenty-four"; "had put the number of dead at 35" is an
 * earlier figure. */
static void test_extract_debate(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "SENATE DEBATES\n\nTuesday, the 14th May, 2019\n\n"
        "Senator A: On the 12th of April, a Friday, a bomb went off in the vegetable market "
        "on the outskirts of Quetta.\n\nSenator B: Order.\n\nSenator A: And on the same day a bomb in the main bazaar in Chaman "
        "killed two more.\n\n"
        "Minister: First, the Quetta market blast of 12th April: the number of martyrs is "
        "twenty-one, not twenty-four. On Saturday officials had put the number of dead at "
        "35.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].admin2, "Quetta");
        CHECK(inc[0].killed == 21);
        day_is(inc[1].date_start, "2019-04-12");
        CHECK(inc[1].killed == 2);
    }
    free(inc);
}

/* A question's claim and the minister's answer ("ISPR's figure for the
 * Sipah fighting ... is eighteen"): one fight in one district, two claims. */
static void test_extract_owned_figure(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PRESS CONFERENCE\nPeshawar, Tuesday 30 April 2013\n\n"
        "REPORTER (Mashriq): Sir, in Tirah the Lashkar-e-Islam has claimed that it killed "
        "thirty soldiers in the Sipah area on the eleventh. Is that correct?\n\n"
        "MINISTER: That is false. ISPR's figure for the Sipah fighting on Thursday the "
        "eleventh is nine soldiers martyred and nine militants killed: eighteen in all.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2013-04-11");
        CHECK(inc[0].killed == 18);
        CHECK(inc[0].nclaims == 2);
    }
    free(inc);
}

/* A JSON feed pasted in a message: each record with a date and a place is
 * an incident, its claims object the parties' claims; a superseded record
 * and a note tell nothing; two strikes the same day at one place are two. */
static void test_extract_json(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Subject: feed\nDate: Monday, 3 January 2011\n\nThe export:\n\n"
        "{\n  \"records\": [\n"
        "    {\"id\": \"a\", \"type\": \"note\", \"date\": \"2010-10-30\", \"text\": \"Anniversary.\"},\n"
        "    {\"id\": \"b\", \"date\": \"2010-11-11\", \"location\": \"Ghulam Khan area, North "
        "Waziristan\", \"killed\": 6, \"killed_claims\": {\"officials\": 6, \"residents\": 8}},\n"
        "    {\"id\": \"c\", \"status\": \"superseded\", \"date\": \"2010-12-28\", \"location\": "
        "\"Ghulam Khan area\", \"killed\": 7},\n"
        "    {\"id\": \"d\", \"date\": \"2010-12-28\", \"location\": \"Ghulam Khan area\", "
        "\"killed\": 9, \"injured\": null},\n"
        "    {\"id\": \"e\", \"date\": \"2010-12-28\", \"location\": \"Ghulam Khan area\", "
        "\"killed\": 2}\n  ]\n}\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2010-11-11");
        CHECK(inc[0].killed == 6 && inc[0].nclaims == 2);
        CHECK(inc[1].killed == 9);
        CHECK(inc[2].killed == 2);
    }
    free(inc);
}

/* A figure the document takes as its own ("the working figure") is the
 * toll against a lower claim told in another paragraph; "36 dead:" before
 * its list is a toll, not the label "Dead:"; a claimant keeps the name the
 * document gives it ("the Islamic Emirate", "the Government"). */
static void test_extract_adopted_figure(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Khar, Tuesday 28 August 2012\n\n"
        "For yesterday (Monday), the political administration says the fighting in and "
        "around Batwar village left 36 dead: five members of the tribal lashkar and 31 "
        "militants.\n\n"
        "The Taliban told journalists by telephone a very different story.\n\n"
        "TTP spokesman Ehsanullah Ehsan said only ten people died in Batwar yesterday.\n\n"
        "We treat the political administration's 36 as the working figure.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2012-08-27");
        CHECK(inc[0].killed == 36);
        CHECK(inc[0].killed_own == 1);
        CHECK(inc[0].nclaims == 2);
    }
    free(inc);
    inc = extract("Kabul, 18 March 2024\n\n"
                  "The Islamic Emirate said eight civilians were killed in Barmal district "
                  "of Paktika on Monday.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1 && inc[0].nclaims == 1)
        CHECK_STR(inc[0].claims[0].party, "Islamic Emirate");
    free(inc);
}

/* A Wikipedia timeline's source: templates and references go, links keep
 * their words, each item is read alone; "(57 deaths in all)" is the toll;
 * a village named with its town far from the gazetteer's namesake is placed
 * near the town; "10 km north-west of Wana" measures from Wana. */
static void test_extract_wiki(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "{{Use dmy dates|date=October 2011}}\n"
        "This is a '''timeline of the insurgency''' for '''June to September 2011'''.\n\n"
        "== June ==\n"
        "* 6 June – Missiles fired by a US drone struck a compound at Shalam Raghzai "
        "([[Sholam]]), about 10&nbsp;km north-west of [[Wana]], [[South Waziristan]]. Local "
        "officials put the toll at '''22'''.<ref>{{cite news |title=Drone toll rises to 22 "
        "|date=7 June 2011}}</ref>\n"
        "== August ==\n"
        "* 19 August – A suicide bomber blew himself up in a mosque at Ghundi, [[Jamrud]], "
        "[[Khyber Agency]]. At least '''56''' worshippers were killed, along with the bomber "
        "(57 deaths in all).<ref name=a /> [[Category:2011 in Pakistan]]\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2011-06-06");
        CHECK_STR(inc[0].place_name, "Sholam");
        CHECK(inc[0].killed == 22);
        day_is(inc[1].date_start, "2011-08-19");
        CHECK(inc[1].killed == 57);
        CHECK(inc[1].geo_precision == 2);
        CHECK(fabs(inc[1].lat - 34.0) < 0.05 && fabs(inc[1].lon - 71.38) < 0.05); /* Jamrud */
    }
    free(inc);
}

/* Wiki infoboxes: an attack's infobox is its incident (a reference in its
 * date goes, the comment above it too); a military conflict's is a dated
 * heading whose timeline items, wrapped onto indented lines, take its year
 * (not the export date's), and "16 soldiers and FC personnel and 24
 * militants are killed" counts both. */
static void test_extract_wiki_infobox(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "<!-- Export: infobox cards.\n     Export date: 2013-02-11. -->\n\n"
        "{{Infobox civilian attack\n| title = 2004 Quetta Ashura procession attack\n"
        "| location = Liaquat Bazaar, [[Quetta]], [[Balochistan, Pakistan|Balochistan]]\n"
        "| date = 2 March 2004<ref group=n>Not 1 March, as in the\n first version.</ref>\n"
        "| type = Suicide bombing\n| fatalities = 47\n| injuries = 150+\n}}\n\n"
        "{{Infobox military conflict\n| conflict = Battle of Wana\n"
        "| date = 16\xE2\x80\x93" "28 March 2004\n| place = [[Wana]], [[South Waziristan]]\n"
        "| casualties1 = 46 killed\n}}\n"
        "=== Timeline ===\n"
        "* '''16 March''' \xE2\x80\x93 A search operation at [[Kalusha]], west of Wana,\n"
        "  meets heavy resistance. 16 soldiers and FC personnel and 24 militants are killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2004-03-02");
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 47);
        day_is(inc[1].date_start, "2004-03-16");
        CHECK_STR(inc[1].place_name, "Kalusha");
        CHECK(inc[1].killed == 40);
    }
    free(inc);
}

/* A year's review by month: "January" heading dates its "On the 11th"; "making
 * fifteen dead" is the total of the two counts before it; "the toll we use:
 * 82" is the document's own figure, against the military's 80. */
static void test_extract_year_review(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "2006: The frontier year in review\n\n"
        "Year-end edition, Saturday 30 December 2006\n\n"
        "January\n\n"
        "On the 11th, Frontier Corps posts near Pir Koh, in the Dera Bugti hills, came under "
        "attack. Three FC men and twelve of the attackers were killed, according to the "
        "Inspector General FC, making fifteen dead in a single afternoon.\n\n"
        "October\n\n"
        "At dawn on 30 October, a seminary at Chenagai in Bajaur Agency was destroyed by "
        "missiles. The military said about 80 militants had been killed. Local elders compiled "
        "a list of names; that list gives the toll we use: 82.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2006-01-11");
        CHECK(inc[0].killed == 15);
        day_is(inc[1].date_start, "2006-10-30");
        CHECK(inc[1].killed == 82);
        CHECK(inc[1].nclaims == 1 && inc[1].claims[0].killed == 80);
    }
    free(inc);
}

/* A channel export: each post's header dates it ("(edited ...)" too), a
 * forwarded post's source is its party, "Total 6." after the tolls of its
 * post is their total, "(4 shaheed + 7 terrorists = 11)" counts the sum,
 * and a claim for "last night" joins the attack of that place and day. */
static void test_extract_channel_posts(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Telegram Desktop - chat export\nExported: 01.07.2020 10:12\n\n"
        "#2204  18.03.2020 21:55\n"
        "\xE2\x86\xAA Forwarded from ISPR Official (@ISPR_official_pk), message #1184\n"
        "Terrorists attacked a security forces post in Datta Khel, North Waziristan. 4 "
        "soldiers embraced shahadat while 7 terrorists were killed.\n\n"
        "#2207  19.03.2020 08:02\n"
        "\xE2\x86\xAA Forwarded from Umar Media (channel deleted)\n"
        "\"Mujahideen attacked the enemy post at Datta Khel last night; 19 soldiers were "
        "killed.\" The ISPR figure (4 shaheed + 7 terrorists = 11) is confirmed.\n\n"
        "#2248  20.04.2020 14:05  (edited 20.04.2020 15:00)\n"
        "Operation 10 km west of Miranshah this morning: 5 terrorists killed, 1 soldier "
        "shaheed. Total 6.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2020-03-18");
        CHECK(inc[0].killed == 11);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "ISPR");
            CHECK(inc[0].claims[0].killed == 11);
            CHECK_STR(inc[0].claims[1].party, "TTP");
            CHECK(inc[0].claims[1].killed == 19);
        }
        day_is(inc[1].date_start, "2020-04-20");
        CHECK(inc[1].killed == 6);
    }
    free(inc);
}

/* A podcast transcript: "Yes, the twenty-eighth." dates the answer; a
 * party's claim in the next sentence, "claiming nine", is its figure, said
 * by the party before its relative aside ("The BLF, which is part of the
 * BRAS alliance, put out ..."); the town named in the district it names is
 * the place ("the Dasu dam site in Upper Kohistan"). */
static void test_extract_podcast(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Recorded Thursday 30 September 2021.\n\n"
        "[00:01:24] IRFAN: Wednesday the fourteenth of July. A bus carrying engineers to the "
        "Dasu dam site in Upper Kohistan blew up. Thirteen dead.\n\n"
        "[00:03:07] MAHNAZ: And then, this Tuesday, near Mand in Kech district, a patrol was "
        "ambushed. ISPR says four soldiers were killed. The BLF, which is part of the BRAS "
        "alliance, put out a statement the same night claiming nine.\n\n"
        "[00:05:02] SANA: And the same day in Waziristan?\n\n"
        "[00:05:05] IRFAN: Yes, the twenty-eighth. ISPR said ten militants were killed in an "
        "operation in South Waziristan district.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Dasu");
        CHECK(inc[0].killed == 13);
        day_is(inc[1].date_start, "2021-09-28");
        CHECK(inc[1].killed == 4);
        CHECK(inc[1].nclaims == 2);
        if (inc[1].nclaims == 2) {
            CHECK_STR(inc[1].claims[1].party, "BLF");
            CHECK(inc[1].claims[1].killed == 9);
        }
        day_is(inc[2].date_start, "2021-09-28");
        CHECK(inc[2].killed == 10);
    }
    free(inc);
}

/* A post in romanized Pashto: "shaheedan" and "mari" are tolls, "- total
 * 23" and "= 37" are the sums of the dead before them, and the words said
 * at a death ("انا لله وانا اليه راجعون") do not name Wana. A casualty
 * record's receiving hospitals are not the place. */
static void test_extract_romanized_post(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Mohmand Youth Forum\n27 November 2011 at 13:42\n\n"
        "\xD8\xA7\xD9\x86\xD8\xA7 \xD9\x84\xD9\x84\xD9\x87 \xD9\x88\xD8\xA7\xD9\x86\xD8\xA7 "
        "\xD8\xA7\xD9\x84\xD9\x8A\xD9\x87 \xD8\xB1\xD8\xA7\xD8\xAC\xD8\xB9\xD9\x88\xD9\x86\n\n"
        "Da October yaad ye?\n"
        "- 17 October - Shalobar area: 9 FC jawanan shaheedan aw 14 dahshatgard mari - total "
        "23.\n"
        "- 20 October - Mattani: 3 jawanan shaheedan, 34 militants mari = 37.\n\n"
        "EVENT 31-01   THALL, HANGU DISTRICT\n"
        "Date of event : 08-07-2013 (Monday)\n"
        "Receiving     : DHQ Hospital Hangu; referrals to LRH Peshawar\n"
        "  Total dead: 9 (nine).\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2011-10-17");
        CHECK_STR(inc[0].place_name, "Shalobar");
        CHECK(inc[0].killed == 23);
        CHECK(inc[1].killed == 37);
        CHECK_STR(inc[2].place_name, "Thall");
        CHECK(inc[2].killed == 9);
    }
    for (size_t i = 0; i < n; i++)
        CHECK(strcmp(inc[i].place_name, "Wana"));
    free(inc);
}

/* A travel advisory: "(26 dead in total)" after "among them" is the total;
 * "The provincial government's final figure, released on 25 JUN, is
 * fourteen dead ..., and the bomber also died: 15 in total" revises the
 * Quetta bombing of the 23rd (the release day is not the attack's); "The
 * toll rose ... to a final 75" is a toll. */
static void test_extract_advisory(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "TRAVEL SECURITY ADVISORY\nIssued: 03 JUL 2017 0900 UTC\n\n"
        "2.2  Mastung, Fri 12 MAY 2017\n"
        "A suicide bomber targeted a convoy on the outskirts of Mastung town. 25 people were "
        "killed, among them the Maulana's staff, plus the bomber (26 dead in total).\n\n"
        "2.3  Quetta, Fri 23 JUN 2017, approx. 0845 local\n"
        "A suicide car bomb exploded at a police checkpoint on Gulistan Road. Early reporting "
        "gave 13 dead. The provincial government's final figure, released on 25 JUN, is "
        "fourteen dead (nine police officers and five civilians), and the bomber also died: 15 "
        "in total.\n\n"
        "2.4  Kurram Agency: Parachinar, Fri 23 JUN 2017, approx. 1630 local\n"
        "Two bombs exploded minutes apart at the Turi Market in central Parachinar. The toll "
        "rose over four days from 50 (24 JUN) to 67 (26 JUN) and to a final 75 (28 JUN); more "
        "than 200 were wounded.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2017-05-12");
        CHECK(inc[0].killed == 26);
        day_is(inc[1].date_start, "2017-06-23");
        CHECK(inc[1].killed == 15);
        day_is(inc[2].date_start, "2017-06-23");
        CHECK(inc[2].killed == 75);
    }
    free(inc);
}

/* Committee minutes: "five (05) personnel of the police and F.C. had
 * embraced shahadat" reads past the abbreviation's dots; "confirmed by the
 * District Police Officer, Buner" names who confirmed, not a second place;
 * the Taliban's claim and the ministry's figure are claims of one attack. */
static void test_extract_minutes(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "MINUTES OF THE MEETING, 24 April 2009\n\n"
        "8. Regarding Buner, the Additional Secretary stated that the militants had entered "
        "the district from Swat. On the night of 7th/8th April, 2009 militants had attacked a "
        "police and F.C. picket in the Gokand valley. In "
        "the exchange of fire five (05) personnel of the police and F.C. had embraced "
        "shahadat and eight (08) militants had been killed. He added that the Taliban had "
        "claimed that twenty security men had been killed, which was incorrect; the Interior "
        "Ministry's figure of 13 dead in all was confirmed by the District Police Officer, "
        "Buner.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Gokand");
        CHECK(inc[0].killed == 13);
        CHECK(inc[0].nclaims == 2);
    }
    free(inc);
}

/* A data-journalism piece: a dated table's undated row of figures ("Six
 * days ... 225") sums the rows above; a Markdown footnote's figure is not
 * an incident; "The Tehrik-i-Taliban's spokesman" is the TTP; "the toll
 * was highest and at least one source" is no toll. */
static void test_extract_data_piece(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "# Counting the dead in Orakzai, 1 September 2010\n\n"
        "We took the six days on which the reported toll was highest and at least one "
        "independent source confirmed a figure.\n\n"
        "| # | Date | Place | Agency | Total dead |\n"
        "|---|------|-------|--------|-----:|\n"
        "| 1 | 10/05/2010 | Dabori | Orakzai | **40** |\n"
        "| 2 | 31/08/2010 | Tirah valley | Khyber | **62** |\n"
        "|   |            | **Six days** |  | **225** |\n\n"
        "**Dabori, 10 May.** Ten soldiers and thirty militants were killed, according to the "
        "military. The Tehrik-i-Taliban's Orakzai spokesman claimed 25 soldiers had died.\n\n"
        "[^4]: For example a military statement in mid-July which spoke of about a hundred "
        "militants killed around Dabori over several days.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 40);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2)
            CHECK_STR(inc[0].claims[1].party, "TTP");
        CHECK(inc[1].killed == 62);
    }
    free(inc);
}

/* A peaceful protest with no dead, hurt or claim is not an incident; nor a
 * place named as the site of an earlier bombing; an abduction with no
 * figure still is. */
static void test_extract_quiet_events(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "QUETTA, 3 July 2017\n\n"
        "On 20 June, the Quetta-Karachi highway was closed for six hours by a protest over "
        "power cuts at Khuzdar. No violence.\n\n"
        "Quetta: avoid the Civil Hospital area (site of the 8 August 2016 bombing).\n\n"
        "On 25 June, a dozen labourers were abducted near Turbat.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(inc[0].place_name, "Turbat");
    free(inc);
}

/* A spreadsheet pasted as tab-separated text is a table: each row one
 * incident, the title's trailing tabs dropped, "Row" a serial column. */
static void test_extract_tsv(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Incident tracker - MARCH 2010\t\t\t\t\t\n\n"
        "Row\tDate\tAgency/District\tPlace\tType\tKilled\tInjured\tSource\n"
        "1\t02/03/2010\tKurram Agency\tDogar area\tattack on vehicles\t10\t3\tPA Kurram\n"
        "2\t26/03/2010\tOrakzai Agency\tKalaya\tassault on a security post\t26\t7\tISPR\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2010-03-02");
        CHECK_STR(inc[0].place_name, "Dogar");
        CHECK(inc[0].killed == 10 && inc[0].injured == 3);
        day_is(inc[1].date_start, "2010-03-26");
        CHECK(inc[1].killed == 26);
    }
    free(inc);
}

/* An SMS alert log: each line that opens with a message id and a numeric
 * date is an entry of its own; "08-08-13" has a two-digit year; the
 * "Abbreviations:" legend spells out "QTA" and "K" (after a count, also
 * past one word: "5 soldiers K"). */
static void test_extract_sms_log(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "SMS log export, exported 01-11-2013 09:12 PKT\n"
        "Abbreviations: QTA Quetta, NWA/SWA North/South Waziristan,\n"
        "K = killed, W = wounded, UPD = update.\n"
        "-----------------------------------------\n\n"
        "0815  10-10-13 20:18  ALERT QTA: Bomb blast Jinnah Rd near Mezan Chowk. 8 K incl 1 "
        "unidentified, 20+ W (Civil Hosp). Avoid city centre.\n"
        "0821  30-10-13 10:21  ALERT SWA: IED hit army vehicle at Zatirai, 5 soldiers K per "
        "ISPR. Wana-Tank rd traffic halted.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2013-10-10");
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 8 && inc[0].injured >= 20); /* ("20+") */
        day_is(inc[1].date_start, "2013-10-30");
        CHECK(inc[1].killed == 5);
    }
    free(inc);
}

/* A LaTeX chapter: comments, labels, citations and footnotes go; a
 * section headed "December 2007" gives its items their year and is not
 * background to a text written in 2009; a tabular is a table of rows. */
static void test_extract_latex(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "% chapter3-swat.tex -- Last edited: 14 Feb 2009\n"
        "\\chapter{Swat between two Decembers}\n\\label{ch:swat}\n"
        "Report draft, 14~February~2009.\n\n"
        "\\epigraph{``A quote.''}{--- a principal, interviewed 2~February~2009}\n"
        "\\section{Scope}\nWe count only events with a day and a number of dead "
        "(see \\autoref{app:method}).\\footnote{In Pashto sources, 40 killed.}\n\n"
        "\\section{December 2007: the operation begins}\n"
        "On the first of December a mortar round fell on a house in the Banda area, north of "
        "Mingora, killing \\num{6} civilians \\citep{dawn2007a}.\n\n"
        "\\begin{table}[htbp]\n\\begin{tabular}{@{}llrl@{}}\n\\toprule\n"
        "Date & Place & Dead & Remarks \\\\\n\\midrule\n"
        "04.12.2008 & Malam Jabba & 6 & hotel guards \\\\\n\\bottomrule\n"
        "\\end{tabular}\n\\end{table}\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2007-12-01");
        CHECK(inc[0].killed == 6);
        day_is(inc[1].date_start, "2008-12-04");
        CHECK_STR(inc[1].place_name, "Malam Jabba");
    }
    free(inc);
}

/* A roll of honour: the names under an incident's heading ("2. KOHAT --
 * Thursday, 20th January 2011") do not end its section, so "In all: 6
 * dead" is that incident's toll. */
static void test_extract_roll_of_honour(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ROLL OF HONOUR, published 4th August 2011\n\n"
        "-----------------------------------------\n"
        "2. KOHAT -- Thursday, 20th January 2011\n"
        "-----------------------------------------\n"
        "Militants opened fire on a police mobile at the KDA crossing in Kohat city.\n\n"
        "   ASI Khial Muhammad, HC Aurangzeb, Constable Shoaib, Constable Waheed Gul\n\n"
        "In all: 6 dead -- four of our officials and two passers-by.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2011-01-20");
        CHECK_STR(inc[0].place_name, "Kohat");
        CHECK(inc[0].killed == 6);
    }
    free(inc);
}

/* An assembly resolution recounts attacks of earlier years: one narrated
 * with its day and toll ("WHEREAS on the 10th December, 2004, a bomb ...")
 * is an incident, not background; "thirteen (13) persons in all lost their
 * lives" is its total. */
static void test_extract_resolution(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "RESOLUTION No. 117, adopted on Thursday, the 28th December, 2006\n\n"
        "WHEREAS on the 10th December, 2004, a bomb placed near a Frontier Corps vehicle in a "
        "crowded market of Quetta exploded, killing eleven (11) personnel of the Frontier "
        "Corps, and the two persons who planted it also died in the blast, so that thirteen "
        "(13) persons in all lost their lives;\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2004-12-10");
        CHECK(inc[0].killed == 13);
    }
    free(inc);
}

/* A speech: "on the Thursday — the tenth —" is the tenth, not the Thursday
 * before the speech; "The political administration gave the figure of ten
 * dead, and I myself counted ten bodies": the administration's ten and the
 * speaker's own, not twenty. */
static void test_extract_speech(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Speech at the jirga, Peshawar, Saturday, 19 December 2009\n\n"
        "Then on the Thursday \xE2\x80\x94 the tenth \xE2\x80\x94 in Baz Ghara, in our own "
        "Bara tehsil, the lashkar fought Mangal Bagh's men. The Lashkar-e-Islam people sent a "
        "message to the press saying thirty of their enemies were killed. The political "
        "administration gave the figure of ten dead, and I myself counted ten bodies brought to "
        "Bara hospital.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2009-12-10");
        CHECK(inc[0].killed == 10);
        CHECK(inc[0].nclaims == 2);
    }
    free(inc);
}

/* An agency digest: "Day: MONDAY 15 OCTOBER 2012" is its date (not "No.
 * 288/2012" above it); an item's own dateline ("WANA, Oct 13:") gives way
 * to the day the item tells ("late Friday night"); "buried in three
 * villages" counts villages, not dead. */
static void test_extract_agency_digest(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        " NEWS DESK DIGEST -- AGENCY COPY      No. 288/2012\n Compiled for: Frontier Desk\n"
        " Day: MONDAY 15 OCTOBER 2012       Cut-off: 2200 PST\n\n"
        "WANA, Oct 13: Two soldiers and six militants were killed when militants attacked a "
        "security checkpost in the Asman Manza area of South Waziristan Agency late Friday "
        "night, officials said.\n\n"
        "KALAYA, Oct 15: Tribal sources said the number of persons killed in Thursday's drone "
        "strike in Bulandkhel area of Upper Orakzai tehsil had not changed. Officials of the "
        "political administration put the death toll at 16, all militants. Elders said 26 "
        "persons were buried in three villages.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2012-10-12");
        CHECK(inc[0].killed == 8);
        CHECK(inc[1].killed == 16);
    }
    free(inc);
}

/* "The DHQ hospital in Hangu recorded 12 dead": "recorded" makes a total
 * over a period only when a period is named. */
static void test_extract_recorded(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "FACT CHECK, published 1 June 2013\n\n"
        "On 7 May, a bomb went off near the election office of a candidate in Hangu town. The "
        "candidate was wounded. The DHQ hospital in Hangu recorded 12 dead.\n\n"
        "The HRCP recorded 52 deaths in the province in April.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2013-05-07");
        CHECK(inc[0].killed == 12);
    }
    free(inc);
}

/* A wire factbox: the yearless dateline "ISLAMABAD, Nov 3 (Reuters)" is the
 * date, not "early August 2008" later in its lead, so "OCT 2" is 2008. */
static void test_extract_factbox(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "FACTBOX-Violence in Pakistan's northwest\n\n"
        "ISLAMABAD, Nov 3 (Reuters) - Pakistan's army says it is winning the battle. The "
        "offensive in Bajaur began in early August 2008.\n\n"
        "* OCT 2 - Twenty-seven people were killed in fighting near Khar, the main town of "
        "Bajaur.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2008-10-02");
        CHECK(inc[0].killed == 27);
    }
    free(inc);
}

/* A diplomatic cable: its date-time group dates it, not the declassification
 * date; a Political Agent's figure told "on May 15" and naming the district
 * goes on with the strike at Damadola; "the bodies of 22 of them" is a toll. */
static void test_extract_cable(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "O 021127Z JUL 08\nFM AMCONSUL PESHAWAR\n\nE.O. 12958: DECL: 07/02/2018\n"
        "SUBJECT: SIX WEEKS OF VIOLENCE\n\n"
        "2. (C) On the night of May 14, a missile strike destroyed a house in Damadola "
        "village, Bajaur Agency. The Bajaur Political Agent's office told Post's FSN contact on "
        "May 15 that 12 people had been killed. Damadola was also the site of the January 2006 "
        "strike.\n\n"
        "4. (C) Militants seized some 28 members of a peace committee in Jandola, FR Tank, on "
        "the night of June 24. On June 25 the bodies of 22 of them were found dumped near the "
        "town.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2008-05-14");
        CHECK_STR(inc[0].place_name, "Damadola");
        CHECK(inc[0].killed == 12);
        CHECK(inc[0].nclaims == 1 && !strcmp(inc[0].claims[0].party, "Political Agent"));
        day_is(inc[1].date_start, "2008-06-25");
        CHECK(inc[1].killed == 22);
    }
    free(inc);
}

/* A UN report's paragraph: "killed, according to the military, 50
 * militants" is the military's claim; the interviewer of "Local officials
 * interviewed by the United Nations" does not speak; "three boys were among
 * them" is part of the 25; "Ghar Lamai" is the gazetteer's Gharlamai; a
 * group that "claimed responsibility" gives no figure; "and himself" counts
 * the bomber. */
static void test_extract_un_report(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Report of the Secretary-General, 30 December 2015\n\n"
        "213. On 17 August, air strikes in Ghar Lamai, North Waziristan, killed, according to "
        "the military, 50 militants. Local officials interviewed by the United Nations put the "
        "number of dead at 25 and stated that at least three boys were among them.\n\n"
        "214. Lashkar-e-Jhangvi claimed responsibility for an earlier attack. On 29 December, a "
        "suicide bomber attacked the queue outside an office in Mardan, killing 26 civilians, "
        "among them two children, and himself.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Gharlamai");
        CHECK(inc[0].killed == 25);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "Military");
            CHECK(inc[0].claims[0].killed == 50);
            CHECK_STR(inc[0].claims[1].party, "Local officials");
        }
        CHECK(inc[1].killed == 27);
        CHECK(inc[1].nclaims == 0);
    }
    free(inc);
}

/* A translated insurgent report: the media office's heading makes its
 * figures the group's claims until "[TRANSLATION ENDS]"; a weekday before a
 * Hijri date goes with the Christian date beside it; the two months' total
 * is no incident; "TTP claim 18" in the notes is the group's count. */
static void test_extract_translated_report(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "TRANSLATION SERVICE\nTranslated: 27 April 2012\n\n[TRANSLATION BEGINS]\n\n"
        "TEHRIK-E-TALIBAN PAKISTAN - CENTRAL MEDIA OFFICE (UMAR MEDIA)\n\n"
        "1. On Friday 15 Rabi al-Thani 1433 (9 March 2012), the mujahideen attacked the "
        "checkpost of the army at Doga Mada Khel, west of Miranshah. By the grace of Allah, "
        "eighteen (18) soldiers were sent to hell.\n\n"
        "In these two months the total losses of the enemy were seventy-four (74) killed.\n\n"
        "[TRANSLATION ENDS]\n\n"
        "Item 1 (Doga Mada Khel, 9 March 2012). ISPR confirmed on 10 March that seven soldiers "
        "were martyred when militants attacked a post at Doga Mada Khel. Database: 7 killed "
        "(official); TTP claim 18.\n\n"
        "Item 2 (Kotkai, 14 March 2012). Database: 6 killed (official); TTP claim 11.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2012-03-09");
        CHECK(inc[0].killed == 7);
        CHECK(inc[0].nclaims == 2);
        if (inc[0].nclaims == 2) {
            CHECK_STR(inc[0].claims[0].party, "TTP");
            CHECK(inc[0].claims[0].killed == 18);
        }
        day_is(inc[1].date_start, "2012-03-14");
        CHECK(inc[1].killed == 6);
        CHECK(inc[1].nclaims == 1 && inc[1].claims[0].killed == 11);
    }
    free(inc);
}

static const fm_text_claim *claim_of(const fm_text_incident *inc, const char *party)
{
    for (size_t k = 0; k < inc->nclaims; k++)
        if (!strcmp(inc->claims[k].party, party))
            return &inc->claims[k];
    return NULL;
}

/* A bare figure after a party and its verb or colon is the party's count
 * ("Mohmand elders say 28.", "(TTP: 5 / Police: 3)"), but not a figure
 * that goes on ("said nine, not twelve, containers"); a proper noun or a
 * tribe before the elders names them; "The Taliban's Ehsanullah Ehsan"
 * speaks for the Taliban as the text calls them. */
static void test_extract_party_figures(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "27 November 2011\n\n"
        "NATO aircraft attacked two border posts at Salala, Mohmand Agency, on Saturday 26 "
        "November. ISPR: 24 soldiers martyred. Mohmand elders say 28. The elders' four extra "
        "names are not yet confirmed.\n\n"
        "MON: Police mobile attacked near Kulachi on 21 November, 3 cops martyred. TTP "
        "claimed it and says 5 policemen killed. (TTP: 5 / Police: 3)\n\n"
        "On 20 November a bomb at Sadda killed 13 people, the political administration said. "
        "Elders of the Mangal tribe told our agent that 20 had died.\n\n"
        "At Landi Kotal on 22 November the political administration said nine, not twelve, "
        "containers were burnt.\n\n"
        "A suicide bomber struck a camp at Mir Ali on 23 November, killing 18 soldiers, ISPR "
        "said. The Taliban's Ehsanullah Ehsan claimed that thirty soldiers were killed.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(inc[0].killed == 24);
        CHECK((c = claim_of(&inc[0], "Mohmand elders")) != NULL && c->killed == 28);
        CHECK(inc[0].nclaims == 2);
        CHECK(inc[1].killed == 3);
        CHECK((c = claim_of(&inc[1], "Police")) != NULL && c->killed == 3);
        CHECK((c = claim_of(&inc[1], "TTP")) != NULL && c->killed == 5);
        CHECK(inc[2].killed == 13);
        CHECK((c = claim_of(&inc[2], "Mangal elders")) != NULL && c->killed == 20);
        day_is(inc[3].date_start, "2011-11-23");
        CHECK((c = claim_of(&inc[3], "Taliban")) != NULL && c->killed == 30);
    }
    free(inc);
}

/* An iCalendar export: folded lines and escapes undone, an event's day
 * heads its text, a cancelled event is left out, a start in UTC is taken on
 * the calendar's own day (20:30Z on the 19th is the 20th at +0500). */
static void test_extract_ical(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Karachi\r\n"
        "BEGIN:STANDARD\r\nTZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\nEND:STANDARD\r\n"
        "END:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nDTSTAMP:20081101T061512Z\r\nDTSTART;VALUE=DATE:20080916\r\n"
        "SUMMARY:INCIDENT Kabal (Swat) - 4 dead\r\n"
        "DESCRIPTION:Militants fired on a security forces convoy at Kabal town\\, Swat\r\n"
        " . Three soldiers and one militant were killed\\, 4 dead in all.\r\n"
        "LOCATION:Kabal\\, Swat\r\nBEGIN:VALARM\r\nDESCRIPTION:Reminder: 99 dead?\r\n"
        "END:VALARM\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20080919T203000Z\r\n"
        "SUMMARY:Truck bomb at the Marriott hotel\\, Islamabad - 54 dead\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20081001\r\nSTATUS:CANCELLED\r\n"
        "SUMMARY:Bomb at Mingora - 7 dead (wrong: duplicate of the 16th)\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2008-09-16");
        CHECK(inc[0].killed == 4);
        CHECK_STR(inc[0].place_name, "Kabal");
        day_is(inc[1].date_start, "2008-09-20");
        CHECK(inc[1].killed == 54);
    }
    free(inc);
}

/* A Slack export: each message on its own day (its "ts" on UTC+5: 18:40
 * UTC is 23:40 the same day, 19:30 UTC the next), its "tonight" read
 * against that day; a deleted message tells nothing; a figure of an event
 * named as separate is not this one's; "is telling reporters" speaks. */
static void test_extract_chat_export(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "// Slack export, channel #incidents, exported 2014-06-06\n"
        "[\n"
        "  {\"type\": \"message\", \"user\": \"U1\",\n"
        "   \"text\": \"North Waziristan: clash near Mir Ali tonight after a checkpost was "
        "attacked. ISPR: 4 soldiers and 11 militants killed, 15 dead in all. This is separate "
        "from the jet strikes in the morning (reports of dozens dead).\",\n"
        "   \"ts\": \"1400697600.593466\"},\n"
        "  {\"type\": \"message\", \"user\": \"U2\",\n"
        "   \"text\": \"TTP spokesman Shahidullah Shahid is telling reporters 30 soldiers died "
        "at the Mir Ali post.\",\n"
        "   \"ts\": \"1400698320.150096\", \"thread_ts\": \"1400697600.593466\"},\n"
        "  {\"type\": \"message\", \"subtype\": \"message_deleted\",\n"
        "   \"text\": \"Bannu: 9 dead in a blast at the bazaar.\", \"ts\": \"1400700000.1\"},\n"
        "  {\"type\": \"message\", \"user\": \"U1\",\n"
        "   \"text\": \"Khyber: 2 soldiers and 8 militants killed in a clash at Landi Kotal "
        "today.\",\n"
        "   \"ts\": \"1400873400.2\"}\n"
        "]\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2014-05-21");
        CHECK_STR(inc[0].place_name, "Mir Ali");
        CHECK(inc[0].killed == 15);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 30);
        day_is(inc[1].date_start, "2014-05-24");
        CHECK(inc[1].killed == 10);
    }
    free(inc);
}

/* A police wireless register: each signal's date-time group ("DTG 262130
 * APR 09") dates its "TODAY"; a text in capitals still finds the name of
 * two words ("LAL QILLA AREA MAIDAN": capitals do not end a name). */
static void test_extract_signals(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "DISTRICT POLICE OFFICE LOWER DIR AT TIMERGARA\n"
        "REGISTER OF OUTGOING MESSAGES, 29.03.2009 TO 25.07.2009\n\n"
        "SERIAL  0688                      DTG 262130 APR 09          PRECEDENCE: IMMEDIATE\n"
        "FROM    DPO LOWER DIR\n"
        "TEXT    SITREP (.) SF OPERATION IN LAL QILLA AREA MAIDAN CONTINUED TODAY (.)\n"
        "        AS PER SF SOURCES TWENTY FIVE MISCREANTS KILLED TODAY (.)\n"
        "---------------------------------------------------------------\n"
        "SERIAL  1104                      DTG 171900 JUN 09          PRECEDENCE: IMMEDIATE\n"
        "FROM    DPO LOWER DIR\n"
        "TEXT    SITREP (.) SF CLEARED GALGUT AREA OF MAIDAN TODAY (.) TWENTY MISCREANTS\n"
        "        KILLED (.)\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2009-04-26");
        CHECK(inc[0].killed == 25);
        CHECK_STR(inc[0].place_name, "Lal Qila");
        day_is(inc[1].date_start, "2009-06-17");
        CHECK(inc[1].killed == 20);
    }
    free(inc);
}

/* A crime review's case: a footnote's star after a designation is not an
 * italic title's ("(Operations)*, was hit" is no citation); "Chaman
 * Housing Scheme, Airport Road, Quetta" is a street address in Quetta, not
 * Chaman town 100 km off; "five (05) including the bomber" is the whole
 * toll, not the bomber's. */
static void test_extract_case_brief(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "No. 8841-52/CB/CCPO/Q              Dated Quetta, the 4th December, 2017\n\n"
        "    (i)  Case FIR No. 211/2017 u/s 302, 324, 427 PPC r/w 7 ATA, PS Airport.\n"
        "         On 09.11.2017 at about 0830 hours the official vehicle of Mr Hamid\n"
        "         Shakeel, Additional IGP (Operations)*, was hit by a suicide bomber\n"
        "         near the Chaman Housing Scheme, Airport Road, Quetta. The AIG, his\n"
        "         driver and two other police officials embraced shahadat; the bomber\n"
        "         was also killed. Total killed: five (05) including the bomber, i.e.\n"
        "         four police and one terrorist.\n"
        "         *Designation as in the FIR.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2017-11-09");
        CHECK(inc[0].killed == 5);
        CHECK_STR(inc[0].admin2, "Quetta");
    }
    free(inc);
}

/* Radio scripts: a bulletin's "BULLETIN: MONDAY 7 JUNE 2010 - 1800" line
 * dates its items' "yesterday" (under an archive dated only "June 2010");
 * a running time, DUR 0'40", is no toll. */
static void test_extract_bulletin(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "RADIO NEWSROOM - EVENING NEWS\nScript archive: June 2010\n\n"
        "======================================================================\n"
        "BULLETIN: MONDAY 7 JUNE 2010 - 1800\n"
        "PRESENTER: Sana Gul          PRODUCER: Irfan        TOTAL DUR: 4'50\"\n"
        "======================================================================\n\n"
        "ITEM 1   SLUG: ORAKZAI-OPS                      DUR 0'40\"   READER\n"
        "Security forces say they killed thirteen militants in the Sra Mela area of\n"
        "Orakzai Agency yesterday (Sunday). There was no independent confirmation.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2010-06-06");
        CHECK(inc[0].date_precision == 1);
        CHECK(inc[0].killed == 13);
    }
    free(inc);
}

/* A slide deck's text: a slide's "TITLE:" line is its heading and dates its
 * bullets; a bullet is no heading of its own; "Kanak (Mastung)" is Kanak,
 * in Mastung. */
static void test_extract_slides(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "[Exported 21/03/2016 09:14 by the programme office, Quetta]\n\n"
        "----------------------------------------------------------------- Slide 4 of 12\n"
        "TITLE: Case 1 - Dera Bugti, 5 June 2014\n"
        "- Operation against BRA camps on the outskirts of Dera Bugti town\n"
        "- 30 militants killed (provincial Home Minister, same day)\n\n"
        "Speaker notes:\nThis is the single largest event in the dataset.\n\n"
        "----------------------------------------------------------------- Slide 6 of 12\n"
        "TITLE: Case 3 - Kanak (Mastung), 30 January 2016\n"
        "- Security forces raid near the town\n"
        "- 5 suspected BLA militants killed, including a \"top leader\"\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2014-06-05");
        CHECK(inc[0].killed == 30);
        CHECK_STR(inc[0].place_name, "Dera Bugti");
        day_is(inc[1].date_start, "2016-01-30");
        CHECK(inc[1].killed == 5);
        CHECK_STR(inc[1].place_name, "Kanak");
    }
    free(inc);
}

/* A later figure after "revised to" or "final" supersedes the first one
 * told in the same line; a bullet quoting "BLF statement:" does not make
 * the BLF the voice of every later slide. */
static void test_extract_revised_bullets(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "[Exported 21/03/2016 09:14 by the programme office, Quetta]\n\n"
        "TITLE: Key messages\n"
        "- Violence down from the 2014 peak, but not in every district\n"
        "- Separatist insurgency concentrated in Kech, Awaran, Dera Bugti, Mastung\n"
        "- Access: 14 of 32 districts restricted for field staff; the rest open with\n"
        "  notice; movement permissions take 72 hours for Kech, Awaran and Panjgur.\n\n"
        "TITLE: Case 2 - Awaran, 30 June 2015\n"
        "- FC: 13 BLF militants killed, camps destroyed\n"
        "- BLF statement: \"three sarmachar martyred\" - FC rejects\n\n"
        "TITLE: Case 4 - Quetta, 6 February 2016\n"
        "- Suicide bomber targets a vehicle near the district courts\n"
        "- First reports (AP): 8 dead; AFP \"at least nine\"; final 13 from Civil Hospital\n\n"
        "TITLE: Case 5 - Dera Bugti, 13 March 2016\n"
        "- Gun battle with BRA militants on the outskirts of Dera Bugti town\n"
        "- First report: 4 militants killed; revised to 5 later\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 13);
        CHECK(inc[1].killed == 13);
        CHECK(inc[1].nclaims == 0);
        day_is(inc[2].date_start, "2016-03-13");
        CHECK(inc[2].killed == 5);
        CHECK(inc[2].nclaims == 0);
    }
    free(inc);
    /* "later 2 more died" adds; it revises nothing */
    inc = extract("Quetta, 5 May 2016\n\nOn Sunday a bomb killed three people in Quetta; later 2 "
                  "more died in hospital.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 5);
    free(inc);
}

/* A Markdown draft with tracked changes (pandoc --track-changes=all): the
 * inserted figure and day stand, the deleted ones and the comments go, a
 * deleted item is no incident; "killed since 17 October" is a period's
 * count whatever day the sentence gives. */
static void test_extract_tracked_changes(void)
{
    size_t n;
    fm_doc *doc = NULL;
    static const char md[] =
        "**Peshawar, [14]{.deletion author=\"S\"}[15]{.insertion author=\"S\"} January "
        "2010** -- FATA Rights Watch calls for access.\n\n"
        "1. **Tor Ghundai, 22 October.** Fighting in the Tor Ghundai area of South Waziristan "
        "left [fifteen]{.deletion author=\"A\"}[thirteen]{.insertion author=\"A\"}\n"
        "   people dead. [Fifteen was the Urdu press's figure.]{.comment-start id=\"0\" "
        "author=\"S\"}[]{.comment-end id=\"0\"}\n\n"
        "[2. **Sararogha, 17 November.** Twelve civilians were killed when shells\n"
        "   hit the bazaar.]{.deletion author=\"A\"}\n\n"
        "The army's own figure, given on 12 December, was \"over 600 militants and 70 "
        "soldiers killed\" since 17 October; we cannot check it. See [the map](m.png) "
        "[sic].\n";
    CHECK(fm_doc_from_mem(ctx, "draft.md", md, strlen(md), FM_DOC_MARKDOWN, &doc) == FM_OK);
    CHECK(doc && !strstr(doc->text, "fifteen") && strstr(doc->text, "thirteen") &&
          !strstr(doc->text, "Sararogha") && !strstr(doc->text, "Urdu press") &&
          strstr(doc->text, "[sic]"));
    fm_doc_free(doc);
    fm_text_incident *inc = extract_as(md, FM_DOC_MARKDOWN, &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2009-10-22");
        CHECK(inc[0].killed == 13);
    }
    free(inc);
}

/* "four souls in all", "nine martyrs in all": a count with its noun before
 * "in all" is the total of the sentence's dead, its verb however far back. */
static void test_extract_souls_in_all(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 1 August 2012\n\n"
        "On Thursday, 18 February 2010, a missile struck the house in which he was sitting "
        "with his companions near Miranshah. He was martyred together with two of his "
        "companions and one other person, four souls in all.\n\n"
        "He was martyred on Friday, 6 July 2012, when the drones struck a gathering in "
        "Gorwaik. Eight brothers were martyred with him, nine martyrs in all.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2010-02-18");
        CHECK(inc[0].killed == 4);
        day_is(inc[1].date_start, "2012-07-06");
        CHECK(inc[1].killed == 9);
    }
    free(inc);
}

/* "terrorists who had crossed from Kunar attacked security posts in the
 * Salala area of Mohmand Agency": where the attackers came from is no hint
 * to where it happened (Kunar made Salala refused, and the district
 * taken). */
static void test_extract_crossed_from(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Islamabad, 13 September 2012\n\n"
        "(a) On 5 June 2012, a group of terrorists who had crossed from Kunar attacked "
        "security posts in the Salala area of Mohmand Agency. In the action that followed, "
        "twenty (20) terrorists were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Salala");
        CHECK(inc[0].geo_precision == 1);
        CHECK(inc[0].killed == 20);
    }
    free(inc);
}

/* "The figure given by the Inter-Services Public Relations, twenty-one dead
 * in all, stands": the figure's giver speaks; "Kotkai -- the home village
 * ..., which the army took that week -- the military said": the aside has
 * ended at its dash, and the military speaks. */
static void test_extract_given_by(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Islamabad, 13 September 2012\n\n"
        "On 24 June 2012 some 100 terrorists attacked a border post in Upper Dir District. "
        "A spokesman of the Tehreek-e-Taliban Pakistan claimed that seventeen (17) soldiers "
        "had been killed. The figure given by the Inter-Services Public Relations, "
        "twenty-one dead in all, stands; the TTP figure is false.\n\n"
        "On 23 October 2009, around Kotkai -- the home village of Hakimullah Mehsud, which "
        "the army took that week -- the military said two soldiers and 13 militants had been "
        "killed, 15 dead in all. A Taliban spokesman said only two of their fighters had "
        "died.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 21);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 21);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 17);
        CHECK(inc[1].killed == 15);
        CHECK((c = claim_of(&inc[1], "Military")) != NULL && c->killed == 15);
    }
    free(inc);
}

/* "repulsed an attack by militants ..., killing eleven of them": the count
 * right after the verb, with none before it, is the toll, not a part of
 * one (after a count, "two of them were officers" still is); "Tehreek-i-Taliban Pakistan" is one party (its "Pakistan" no second
 * speaker), so the quote after it is the TTP's. */
static void test_extract_of_them(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "DIR, July 12, 2011: Security forces repulsed an attack by militants in Upper Dir "
        "district on Sunday, killing eleven of them, security officials said on Monday. "
        "A spokesman for the Tehreek-i-Taliban Pakistan denied the figure. \"Two of our "
        "mujahideen were martyred, not eleven,\" he said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "Security officials")) != NULL && c->killed == 11);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 2);
    }
    free(inc);
}

/* "The final count, which the political administration read out at the
 * funeral, was sixteen": the final count (a correction) past its relative
 * aside replaces the paper's "eight killed". */
static void test_extract_final_count(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Kohat, 1 March 2013\n\n"
        "On Friday, February 8, a bomb went off near the mosque in Kalaya, Orakzai Agency. "
        "Your paper reported \"eight killed\" the next morning. The final count, which the "
        "political administration read out at the funeral, was sixteen.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2013-02-08");
        CHECK(inc[0].killed == 16);
    }
    free(inc);
}

/* A point the text gives places the incident there, in the district whose
 * area holds it: a sentence's "(coordinates: 32.96, 69.59)", a KML mark's
 * <coordinates> (longitude first), a database export's lat/lon columns
 * (CSV with quoted fields; of min/max/best estimates, the best is the
 * count); "34.0151° N, 71.5249° E" in prose. */
static void test_extract_points(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "# Export from a drone strike database, exported 2012-03-04\n"
        "strike_id,date,agency,location,lat_approx,lon_approx,min_killed,max_killed,"
        "best_killed,notes\n"
        "PK-2010-001,2010-01-06,North Waziristan,\"Sanzalai (Sumzalai), Datta Khel tehsil\","
        "32.96,69.59,11,15,13,\"Compound hit, \"\"thirteen killed\"\", officials said.\"\n"
        "PK-2012-002,2012-01-23,North Waziristan,Degan,32.96,69.87,4,5,5,Vehicle hit\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 13);
        CHECK(inc[0].geo_precision == 1 && fabs(inc[0].lat - 32.96) < 1e-9 &&
              fabs(inc[0].lon - 69.59) < 1e-9);
        CHECK_STR(inc[0].admin2, "North Waziristan");
        CHECK(inc[1].killed == 5);
        CHECK(fabs(inc[1].lon - 69.87) < 1e-9);
    }
    free(inc);
    inc = extract_as(
        "<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>"
        "<name>Panjgur district layer</name>\n<Placemark><name>Tump - attack on post, 2 K</name>"
        "<TimeStamp><when>2021-11-24</when></TimeStamp><description><![CDATA[Attack on an FC "
        "post near the Iran border. ISPR confirmed two soldiers martyred.]]></description>"
        "<Point><coordinates>62.366,26.101,0</coordinates></Point></Placemark>\n"
        "</Document></kml>\n",
        FM_DOC_AUTO, &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2021-11-24");
        CHECK(inc[0].killed == 2);
        CHECK(fabs(inc[0].lat - 26.101) < 1e-9 && fabs(inc[0].lon - 62.366) < 1e-9);
    }
    free(inc);
    inc = extract("Peshawar, 3 March 2014\n\nA bomb killed four people at a checkpost near "
                  "Peshawar (34.0151\xC2\xB0 N, 71.5249\xC2\xB0 E) on Sunday.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].geo_precision == 1 && fabs(inc[0].lat - 34.0151) < 1e-9);
    free(inc);
}

/* A donor report's head: "Grant No. FATA-CI-2008-017" names no year of the
 * report ("Submitted: 15 October 2009" dates it), so "Thursday 6 August" is
 * 2009's; "one Khasadar and one LI fighter dead (two killed)": the
 * bracketed sum restates them; "all men of one family" counts no dead. */
static void test_extract_report_head(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "QUARTERLY PROGRESS REPORT No. 5\n"
        "Grant No. FATA-CI-2008-017\n"
        "Reporting period: 1 July - 30 September 2009\n"
        "Submitted: 15 October 2009\n\n"
        "- Bara tehsil, Thursday 6 August: an exchange of fire between Khasadars and LI "
        "fighters left one Khasadar and one LI fighter dead (two killed).\n"
        "- Shalobar area (Bara tehsil), Monday 10 August: four civilians, all men of one "
        "family, were killed when a mortar round hit their house.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2009-08-06");
        CHECK(inc[0].killed == 2);
        day_is(inc[1].date_start, "2009-08-10");
        CHECK(inc[1].killed == 4);
    }
    free(inc);
}

/* A review written in 2012 of a book about 2008: "on Wednesday, 18 June"
 * is 2008's (18 June 2012 was a Monday), and told with its day and toll it
 * is an incident, not history; the reference's own year is tried first. */
static void test_extract_weekday_year(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "BOOKS | The Sunday Review\nSunday, 9 September 2012\n\n"
        "The incidents are there, carefully dated: the clash at Parachamkani on Monday, 14 "
        "April 2008, which left five dead; the fighting at Shalozan, on the Afghan border, on "
        "Wednesday, 18 June, when three men were killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2008-04-14");
        day_is(inc[1].date_start, "2008-06-18");
        CHECK(inc[1].killed == 3);
    }
    free(inc);
    /* a newsletter of 20 May 2018 with a stop-press slip: "Monday 18 June"
     * falls on a Monday in the newsletter's own year */
    inc = extract("THE FRONTIER LAMP\nPentecost 2018, published Sunday 20 May 2018\n\n"
                  "STOP PRESS: on Monday 18 June three worshippers were shot dead outside a "
                  "church in Quetta.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        day_is(inc[0].date_start, "2018-06-18");
    free(inc);
}

/* A quarterly's review: "The heaviest engagement of September took place
 * near Spinwam ... on Monday, 14 September" is dated by its day, not its
 * month; "the bodies of the five were handed over" counts no one again;
 * "claimed by telephone to journalists in Peshawar" says where it was
 * claimed, not where it happened. */
static void test_extract_review_quarter(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "THE SENTINEL\nVolume XIV, Issue 3 (October 2015)\n\n"
        "The heaviest single engagement of September took place near Spinwam in North "
        "Waziristan on Monday, 14 September. A senior officer was martyred while leading a "
        "search operation; five terrorists were killed in the clash. Six dead in all, says the "
        "formation, and the bodies of the five were handed over to the political "
        "administration. The TTP's spokesman claimed by telephone to journalists in Peshawar "
        "that \"twelve soldiers\" had been killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2015-09-14");
        CHECK_STR(inc[0].place_name, "Spinwam");
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 12);
    }
    free(inc);
}

/* "Four policemen, among them a bomb disposal officer who was trying to
 * defuse a second device, were killed": the count's verb past the aside. */
static void test_extract_among_aside(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, PAKISTAN - DECEMBER 16, 2013: Police officers inspect the site of a bomb "
        "blast in the Badaber area on the outskirts of Peshawar. Four policemen, among them a "
        "bomb disposal officer who was trying to defuse a second device, were killed in the "
        "blast, police said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 4);
    free(inc);
    /* "a figure the military rejected": the party that rejects a figure
     * does not give it */
    const fm_text_claim *c;
    inc = extract("MIR ALI, PAKISTAN - DECEMBER 18, 2013: A suicide bomber rammed a vehicle into "
                  "the checkpoint, killing four soldiers, the military said; the bomber also "
                  "died, five dead in all. A spokesman for the Pakistani Taliban claimed that "
                  "twenty soldiers had been killed, a figure the military rejected.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 20);
        CHECK((c = claim_of(&inc[0], "Military")) == NULL || c->killed != 20);
    }
    free(inc);
}

/* "has barely trained at home since Wednesday 20 October, when militants
 * attacked a police post": the day is the event's, not the start of a
 * period. */
static void test_extract_since_when(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 16 November 2010\n\n"
        "The Bannu side has barely trained at home since Wednesday 20 October, when militants "
        "attacked a police post in the Township area of Bannu city: a policeman and two of "
        "the attackers died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2010-10-20");
        CHECK(inc[0].date_precision == 1);
        CHECK(inc[0].killed == 3);
    }
    free(inc);
}

/* A count over a period is no incident: "212 militants killed in
 * operations between January and September 2012", "200 killed in one
 * week". */
static void test_extract_period_counts(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Peshawar, 15 October 2012\n\n"
        "Our file: Orakzai saw 212 militants killed in operations between January and "
        "September 2012 (ISPR figure).\n\n"
        "FACT CHECK: No, \"200 killed in one week\" is not what happened in KP.\n\n"
        "On Sunday a bomb killed six people in Darra Adam Khel.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 6);
    free(inc);
}

/* French and German wire prose: months and weekdays ("9 mai 2009",
 * "samedi", "am Samstag"), numbers in words ("Quinze", "quarante-sept",
 * "zwölf"), verbs and victims ("ont été tuées", "Soldaten getötet"), "dont"
 * and "au total"; "1.200" is twelve hundred, and "depuis le début" a
 * period's count. */
static void test_extract_french_german(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ISLAMABAD, 9 mai 2009 - Quinze personnes ont été tuées samedi à Mingora, principale "
        "ville de la vallée de Swat. Depuis le début de l'offensive, l'armée affirme avoir tué "
        "plus de 1.200 insurgés.\n\n"
        "ISLAMABAD, 2 juin 2009 - Un soldat et quatorze insurgés ont été tués mardi près de "
        "Charbagh, soit quinze morts au total, a indiqué l'armée.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2009-05-09");
        CHECK(inc[0].killed == 15);
        day_is(inc[1].date_start, "2009-06-02");
        CHECK(inc[1].killed == 15);
    }
    free(inc);
    inc = extract("PESHAWAR, 24. Februar 2014 - Bei einem Anschlag in Bannu wurden am Sonntag "
                  "zwölf Soldaten getötet.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2014-02-23");
        CHECK(inc[0].killed == 12);
    }
    free(inc);
    /* "UN" is not one, "Sept. 11" not seven */
    inc = extract("Islamabad, 12 September 2011\n\nThe UN said the anniversary of Sept. 11 "
                  "passed quietly; on Sunday two soldiers were killed in Bannu.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
}

/* "the Balochistan Police Training College" names an institution, not the
 * province; "two coast guards and a fisherman" are three. */
static void test_extract_institutions(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Quetta, 25 October 2016\n\n"
        "Gunmen attacked the Balochistan Police Training College in Quetta late on Monday, "
        "killing 61 cadets.\n\n"
        "On Sunday gunmen fired on a vehicle in Jiwani, killing two coast guards and a "
        "fisherman.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 61);
        CHECK(inc[1].killed == 3);
    }
    free(inc);
    /* "the operation reached Kabal": the town it reached, not "In Swat";
     * "they had buried eight men" is a toll */
    inc = extract("Annual report, 31 December 2007\n\n"
                  "In Swat, the army's operation reached Kabal, west of Mingora, where on 21 "
                  "November thirty-four people were killed.\n\n"
                  "On 16 January gunships struck compounds near Zamzola. Residents told our "
                  "monitor that they had buried eight men.\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Kabal");
        CHECK(inc[0].killed == 34);
        CHECK(inc[1].killed == 8);
    }
    free(inc);
}

/* "according to the security forces, seventeen": the party past its
 * article; "put the number at fifty" is a party's toll; a village's own
 * toll beside a party's other figure is no claim-only account of the
 * attack told before it that day. */
static void test_extract_claim_forms(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Peshawar, 3 July 2009\n\n"
        "On 2 July, according to the security forces, seventeen militants were killed at "
        "Shah Dheri in Swat. The Taliban said three had been killed.\n\n"
        "On Tuesday, 30 June, a procession in Parachinar was fired upon; the political "
        "administration put the toll at five dead. The Turi elders put the number at "
        "fifty.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK((c = claim_of(&inc[0], "Security forces")) != NULL && c->killed == 17);
        CHECK((c = claim_of(&inc[0], "Taliban")) != NULL && c->killed == 3);
        CHECK(inc[1].killed == 5);
        CHECK((c = claim_of(&inc[1], "Turi elders")) != NULL && c->killed == 50);
    }
    free(inc);
    inc = extract("Peshawar, 1 February 2009\n\n"
                  "- On Thursday 22 January, four people were killed when a mortar shell "
                  "struck a house in Qambar, a village just outside Mingora.\n"
                  "- The same day, seven people died in shelling in Kuza Drushkela, near "
                  "Khwazakhela. Residents told us that the dead were civilians and put the "
                  "number at twelve.\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Qambar");
        CHECK(inc[0].killed == 4 && inc[0].nclaims == 0);
        CHECK_STR(inc[1].place_name, "Kuza Drushkela");
        CHECK(inc[1].killed == 7);
        CHECK((c = claim_of(&inc[1], "Residents")) != NULL && c->killed == 12);
    }
    free(inc);
    /* "The Government's figure is eight", "uses the political
     * administration's figure of 64": a party's own figure, of the attack
     * told before, not one of the sentence's own place */
    inc = extract("Quetta, 14 May 2019\n\n"
                  "On 11 May gunmen stormed the Pearl Continental hotel in Gwadar; the BLA "
                  "said forty guests had been killed. The Government's figure is eight, of "
                  "whom five were staff.\n\n"
                  "On Friday 9 July 2010 a suicide bomber struck at Yakkaghund. The political "
                  "administration confirmed 64 dead. Elders of the Safi tribe told partners that "
                  "102 people had died, and lists circulating in Ghalanai give similar numbers. "
                  "UNDSS uses the political administration's figure of 64.\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK((c = claim_of(&inc[0], "Government")) != NULL && c->killed == 8);
        CHECK(inc[0].killed == 8);
        CHECK((c = claim_of(&inc[0], "BLA")) != NULL && c->killed == 40);
        CHECK_STR(inc[1].place_name, "Yakkaghund");
        CHECK(inc[1].killed == 64);
        CHECK((c = claim_of(&inc[1], "Safi elders")) != NULL && c->killed == 102);
    }
    free(inc);
}

/* A journal article's sections: "LeI" is a group, not a place; "p. 211"
 * no count; a book's imprint makes a footnote a citation; "The 1,102
 * includes deaths" counts no one again; a section's "place, day." opening
 * dates what follows, and a yearless day in it takes the section's year. */
static void test_extract_journal_sections(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Journal of Borderland Studies, Vol. 7, No. 2 (Winter 2016), pp. 141-168\n\n"
        "Lashkar against Lashkar: Intra-Militant Violence in Khyber Agency\n\n"
        "Abstract. Most accounts of Khyber Agency describe a contest between the state\n"
        "and Lashkar-e-Islam (LeI). We argue that much of the violence of that year was\n"
        "between non-state armed groups, and trace five episodes.\n\n"
        "3. Five episodes\n\n"
        "3.2 Bara, 29 April 2012. Security forces shelled LeI positions around Bara town; "
        "five LeI fighters were killed and five other people also died, ten in total.\n\n"
        "3.4 Akakhel, 27 July 2012. The next day, in the Akakhel area of Bara tehsil, the "
        "tribal lashkar killed four LeI men.\n\n"
        "3 KAIR 2012, summary sheet. The 1,102 includes deaths in Tirah after 15 October.\n"
        "8 M. Yusufzai, Khyber: A Chronology (Lahore: Vanguard, 2014), p. 211, gives \"six "
        "killed in Tirah on 27 July\", adding the two episodes together.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Bara");
        CHECK(inc[0].killed == 10);
        CHECK(inc[0].date_start == fm_day_from_ymd(2012, 4, 29));
        CHECK_STR(inc[1].place_name, "Akakhel");
        CHECK(inc[1].killed == 4);
        CHECK(inc[1].date_start == fm_day_from_ymd(2012, 7, 27) && inc[1].date_precision == 1);
    }
    free(inc);
    /* "Arbab Karam Khan Road" is a road of the town, not "Karam" (Karak);
     * "in Ramazan" is a month, not a place */
    inc = extract("Quetta, 31 December 2011\n\n"
                  "The Governing Body condemns the suicide car bombing outside a house on "
                  "Arbab Karam Khan Road, Quetta, on Friday, 30 December 2011, in which "
                  "fourteen people were killed.\n\n"
                  "On Sunday, 14th August 2011 (in Ramazan), ten people were killed in the "
                  "Gandital area of Orakzai.\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 14);
        CHECK_STR(inc[1].place_name, "Gandital");
    }
    free(inc);
}

/* A page of Urdu news: months, weekdays ("پیر کی رات", Monday night),
 * number words, verbs and victims, the Urdu full stop, "پولیس کے مطابق"
 * (according to the police) and a spokesman's claim. */
static void test_extract_urdu_prose(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "روزنامہ سرحد نیوز\n\n"
        "10 ستمبر 2013 (منگل)\n\n"
        "کوہاٹ (بیورو رپورٹ) کوہاٹ شہر میں پیر کی رات دہشت گردوں نے پولیس چوکی پر حملہ کیا۔ "
        "پولیس کے مطابق جوابی کارروائی میں چاروں حملہ آور مارے گئے جبکہ دو پولیس اہلکار شہید "
        "ہوئے؛ یوں مرنے والوں کی کل تعداد چھ ہے۔ تحریک طالبان کے ترجمان نے دعویٰ کیا کہ حملے "
        "میں دس اہلکار مارے گئے۔\n\n"
        "25 نومبر 2013 (پیر)\n\n"
        "بنوں (نامہ نگار) بنوں شہر میں اتوار کے روز سیکیورٹی فورسز کی گاڑی کے قریب بم پھٹنے سے "
        "ایک سپاہی شہید اور پانچ زخمی ہو گئے۔\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Kohat");
        CHECK(inc[0].date_start == fm_day_from_ymd(2013, 9, 9) && inc[0].date_precision == 1);
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 6);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 10);
        CHECK_STR(inc[1].place_name, "Bannu");
        CHECK(inc[1].killed == 1); /* ("ایک" before a victim only: not "ایک گاڑی") */
        CHECK(inc[1].date_start == fm_day_from_ymd(2013, 11, 24));
        CHECK(inc[1].killed == 1 && inc[1].injured == 5);
    }
    free(inc);
    /* "ایک دھماکے میں ایک شخص جاں بحق": "a blast", then "one person" */
    inc = extract("23 جولائی 2013 (منگل)\n\n"
                  "چمن (نمائندہ خصوصی) شہر چمن میں پیر کے روز ایک دھماکے میں ایک شخص جاں بحق اور "
                  "سات افراد زخمی ہو گئے۔\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 1 && inc[0].injured == 7);
    free(inc);
}

/* A court's order: a list's lead names the town its items are in; "a
 * labourer from Rahim Yar Khan" is where he came from; ", one of them
 * ...," is an aside; "an Inspector of police" one dead; "(Exh. P/7 to
 * P/9)" ends no sentence; a group's pamphlet "spoke of" its own figure. */
static void test_extract_court_order(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "IN THE COURT, QUETTA\nOrder dated 02.04.2019\n\n"
        "2.  On 13.09.2014 a bomb fitted to a bicycle near a Frontier Corps vehicle on the main "
        "road in Quetta was detonated by remote control. One FC sepoy and two passers-by "
        "lost their lives. A pamphlet of the United Baloch Army claimed the blast and spoke "
        "of \"seven occupying soldiers\" killed; the post-mortem reports (Exh. P/7 to P/9) "
        "are of three deceased in all.\n\n"
        "4.  The applicant is involved in other cases of the same nature in Quetta, namely:\n"
        "    (i)  FIR No. 204/2018, P.S. Civil Lines: on 25.10.2018 an Inspector of police was\n"
        "         shot dead near his residence;\n"
        "    (ii) FIR No. 221/2018, P.S. Shalkot: on 09.11.2018 two civilians, one of them a\n"
        "         labourer from Rahim Yar Khan, were shot dead by unknown gunmen.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 3);
        CHECK((c = claim_of(&inc[0], "UBA")) != NULL && c->killed == 7);
        CHECK_STR(inc[1].place_name, "Quetta");
        CHECK(inc[1].killed == 1);
        CHECK_STR(inc[2].place_name, "Quetta");
        CHECK(inc[2].killed == 2);
    }
    free(inc);
}

/* Roman Urdu posts: "jaan bahaq", "halaak", "zakhmi", "ke mutabiq"
 * (according to), "hone walon ki kul tadaad 45" (the total of those
 * killed) correcting a first figure; deaths "garmi se" (of the heat) are
 * no attack. */
static void test_extract_roman_urdu(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Sindh Khabrein Live\nFacebook page -- posts exported by page admin, 2015\n\n"
        "[Post] 13 May 2015 at 11:30\n"
        "KARACHI: Ismaili community ki bus par musallah afraad ki firing. Police ke mutabiq "
        "abhi tak 43 afraad jaan bahaq.\n\n"
        "[Post] 13 May 2015 at 21:55\n"
        "Karachi bus hamla: IG Sindh ne tasdeeq ki hai ke jaan bahaq hone walon ki kul tadaad "
        "45 hai.\n\n"
        "[Post] 21 June 2015 at 16:00\n"
        "Karachi mein shadeed garmi. Edhi ke mutabiq 3 din mein 400 se zyada afraad garmi se "
        "jaan bahaq.\n\n"
        "[Post] 23 June 2015 at 08:45\n"
        "KARACHI: Rangers ka raat gaye operation, 10 dehshatgard halaak. TTP ke ek tarjuman ne "
        "kaha ke unke sirf 2 saathi maare gaye.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Karachi");
        CHECK(inc[0].killed == 45);
        CHECK(inc[1].killed == 10);
        CHECK((c = claim_of(&inc[1], "TTP")) != NULL && c->killed == 2);
    }
    free(inc);
    /* "Incident 2 (22 April 2014, Charsadda).": a numbered item's day, not
     * the day of a figure ("rose from 50 (24 JUN)") */
    inc = extract("J Ayub Med Coll Abbottabad 2015;27(4):812-6\n\n"
                  "ORIGINAL ARTICLE\n\n"
                  "THE INCIDENTS\n"
                  "Incident 1 (21 April 2014, Badaber). Gunmen ambushed a police van in the "
                  "Badaber area of Peshawar. Five policemen and two civilians were killed: 7 "
                  "deaths in all.\n"
                  "Incident 4 (18 November 2014, Shabqadar). A hand grenade thrown at a police "
                  "post in Shabqadar killed two policemen.\n\n"
                  "Received: 3 March 2015; Accepted: 2 September 2015\n",
                  &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2014-04-21");
        CHECK(inc[0].killed == 7);
        day_is(inc[1].date_start, "2014-11-18");
        CHECK(inc[1].killed == 2);
    }
    free(inc);
    /* "At S.No 1, fourteen persons died": a serial number is no count */
    inc = extract("Audit Report 2015-16\n\n"
                  "(a) At S.No 1, fourteen persons died during the security forces' action at "
                  "Speen Qabar near Bara on 18.03.2012.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 14);
    free(inc);
}

/* "Charbagh", first in a speech about Swat's Mingora and Kabal, is Swat's
 * village, not the town of Faryab the name alone would give. */
static void test_extract_document_area(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Budget speech, 12 June 2009\n\n"
        "26. On the 12th March, 2008, two policemen were martyred in the Nayakotay area of "
        "Charbagh when their post was fired upon.\n\n"
        "27. On the 2nd August, 2008, eight policemen were martyred in Mingora when militants "
        "attacked them.\n\n"
        "28. On the 15th November, 2008, seven people were killed at Kabal.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Charbagh");
        CHECK_STR(inc[0].admin2, "Swat");
        CHECK_STR(inc[0].country, "Pakistan");
    }
    free(inc);
    /* "Matta", a town in Bajaur and a town in Swat, in a notice about Swat's
     * Mingora and Kabal: Swat's */
    inc = extract("SWAT GRAMMAR SCHOOL, Mingora, 19 December 2009\n\n"
                  "On 13 May five people were killed in Mingora during the curfew.\n\n"
                  "On 15 October five people were killed at Kabal.\n\n"
                  "On 18 February the driver of our van was shot dead near Matta.\n",
                  &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[2].place_name, "Matta");
        CHECK_STR(inc[2].admin2, "Swat");
    }
    free(inc);
    /* "Killi Ismail, on the outskirts of Quetta", a village the gazetteer
     * lacks: near Quetta city (precision 2), not at the middle of Quetta
     * district, 49 km off */
    inc = extract("Annual report 2008\n\n"
                  "- Thursday 21 February 2008: three policemen of a patrol were shot dead at "
                  "Killi Ismail, on the outskirts of Quetta.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].geo_precision == 2);
        CHECK(fabs(inc[0].lon - 67.0) < 0.05 && fabs(inc[0].lat - 30.18) < 0.05);
    }
    free(inc);
}

/* "was shot dead" with no count is one dead, "no one was killed" none;
 * "Van No. 6" is no count; the day told before the toll dates it when a
 * later day comes first ("vacation begins on 19th December ... after
 * Monday's (14th December) search operation ..., in which four"). */
static void test_extract_singular_and_days(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "SWAT GRAMMAR SCHOOL, Mingora\nNotice dated 19-02-2009\n\n"
        "With deep grief we inform you that Mr. Fazal Wahid, driver of Van No. 6 of our "
        "Matta branch, was shot dead near Matta yesterday, 18th February.\n\n"
        "No one was killed in the firing near Kabal on 17th February.\n\n"
        "Winter vacation begins on 19th December, because all schools in Barikot tehsil are "
        "closed after Monday's (14th December) search operation at Najeegram, near Barikot, "
        "in which four suspected militants were killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Matta");
        CHECK(inc[0].killed == 1);
        day_is(inc[0].date_start, "2009-02-18");
        CHECK(inc[1].killed == 4);
        day_is(inc[1].date_start, "2008-12-14"); /* (the notice is of February 2009) */
    }
    free(inc);
    /* "said 27 Taliban and four lashkar men were killed": counted victims,
     * not a party spoken to ("Called two elders ... They say 14" is) */
    inc = extract("Parachinar, 26 July 2011\n\n"
                  "On 25 July in the Masuzai area of Kurram, a lashkar elder said 27 Taliban and "
                  "four lashkar men were killed, 31 dead in all.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 31);
        CHECK(inc[0].nclaims == 0);
    }
    free(inc);
}

/* Two columns side by side (a page's sidebar as pdftotext -layout gives
 * it): each read on its own, the left first; a boxed timeline's entries
 * each a sentence. */
static void test_extract_two_columns(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "FRONTIER QUARTERLY, 20 June 2007\n\n"
        "For fifteen years the Uzbek fighters who came over\n"
        "from Afghanistan lived among the Ahmadzai Wazirs of        "
            "+----------------------------------+\n"
        "the Wana plain as guests. This spring the guests           "
            "| A timeline, South Waziristan     |\n"
        "outstayed their welcome.                                   "
            "|                                  |\n"
        "                                                           "
            "| 1 APRIL (Sun) - Wana town: four  |\n"
        "The worst of it, by the political agent's own count,       "
            "|  dead when a rocket hits a house |\n"
        "was on Wednesday 4 April at Shin Warsak, where the         "
            "|  near the main bazaar            |\n"
        "Uzbeks had dug into the compounds of the village: 57       "
            "| 3 APRIL (Tue) - Kari Kot:        |\n"
        "people died there that day. We use the official            "
            "|  six Uzbeks killed as the lashkar|\n"
        "count, not the lashkar's.                                  +----------------------------------+\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Shin Warsak");
        CHECK(inc[0].killed == 57);
        day_is(inc[0].date_start, "2007-04-04");
        CHECK_STR(inc[1].place_name, "Wana");
        CHECK(inc[1].killed == 4);
        day_is(inc[1].date_start, "2007-04-01");
        CHECK_STR(inc[2].place_name, "Kari Kot"); /* (an entry whose first line ends in
                                                    * a colon: one sentence, no heading) */
        CHECK(inc[2].killed == 6);
    }
    free(inc);
    /* "in July ... (Tuesday the 21st)": the bare day of the month named */
    inc = extract("Makran by motorbike, 14 October 2020\n\n"
                  "Then in July a bomb went off in Turbat town (Tuesday the 21st), one man "
                  "killed and eight injured.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2020-07-21");
        CHECK(inc[0].date_precision == 1 && inc[0].killed == 1);
    }
    free(inc);
}

/* An OCRed order: "21-03-2O03", "twe1ve", "DlSTRlCT" mended (three misreadings
 * or more in a document); a document with one such word is left as it is. */
static void test_extract_ocr(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "RELIEF & REHABILITATlON DEPARTMENT, MUZAFFARABAD\nDated: 14-11-2003\n\n"
        "(i) POONCH DISTRICT. On 21-03-2O03 Indian troops shelled Polas village, Rawalakot "
        "tehsil. Three (3) women were martyred. Injured: ni1.\n\n"
        "(iv) NEELUM DlSTRICT. On O5-10-2003 heavy Indian shelling on the villages of the "
        "Neelam valley. Martyred: twe1ve (12) civilians.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2003-03-21");
        CHECK(inc[0].killed == 3);
        day_is(inc[1].date_start, "2003-10-05");
        CHECK(inc[1].killed == 12);
    }
    free(inc);
    /* one code alone is no OCR page: "Mi17", "A1" stay */
    inc = extract("Peshawar, 3 May 2015\n\nOn 2 May an Mi17 helicopter crashed at A1 camp in "
                  "Naltar, killing seven.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 7);
    free(inc);
}

/* Pashto news: Persian digits ("۳۱ مارچ ۲۰۱۱"), number words ("درې", "اته"),
 * verbs ("ووژل شول"), "د پولیټیکل انتظامیې په وینا" (according to the
 * political administration) and a group's spokesman; a bilingual notice's
 * Urdu paragraph (at "پنجاب", the province) is the English one's incident. */
static void test_extract_pashto_bilingual(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "خیبر ویب | پښتو خبرونه\n\n"
        "د خیبر ایجنسۍ د لندی کوتل په سیمه کې نن پنجشنبه (۳۱ مارچ ۲۰۱۱) یوه چاودنه وشوه چې درې "
        "کسان پکې ووژل شول.\n\n"
        "د باړې (Bara) په ښار کې امنیتي ځواکونو ۱۸ اکتوبر ۲۰۱۲ عملیات وکړل. د پولیټیکل انتظامیې "
        "په وینا په دې عملیاتو کې د لښکر اسلام اته (۸) وسله وال ووژل شول. د لښکر اسلام یو ویاند "
        "وویل چې د دوی یوازې درې ملګري وژل شوي دي.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Landi Kotal");
        day_is(inc[0].date_start, "2011-03-31");
        CHECK(inc[0].killed == 3);
        CHECK(inc[1].killed == 8);
        CHECK((c = claim_of(&inc[1], "Political administration")) != NULL && c->killed == 8);
        CHECK((c = claim_of(&inc[1], "Lashkar-e-Islam")) != NULL && c->killed == 3);
    }
    free(inc);
    inc = extract("Ministry of Interior, Islamabad, 2 October 2019\n\n"
                  "(a) On 19 June 2019 two CTD officers were killed in an ambush in Multan "
                  "district.\n\n"
                  "(الف) 19 جون 2019 کو پنجاب میں ایک حملے میں سی ٹی ڈی کے دو افسر شہید ہوئے۔\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Multan");
        CHECK(inc[0].killed == 2);
    }
    free(inc);
    /* a news archive's item: headline, "Published:" line with fields, story;
     * the headline's toll is the story's, and "yesterday" the post's */
    inc = extract("Khyber Web, 31 March 2011\n\nArchive of items.\n\n"
                  "Jamrud: seven killed\n"
                  "Published: 5 April 2012 | 09:15 | By staff\n\n"
                  "Yesterday gunmen fired on a vehicle in Shah Kas, Jamrud; seven civilians were "
                  "killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2012-04-04");
        CHECK(inc[0].killed == 7);
    }
    free(inc);
}

/* A country report: ".(229) On 1 September ..." ends one sentence and
 * starts the next past the footnote's mark (and "¹", "⁷"); the lines under
 * "Footnotes" cite sources' headlines, no incidents of their own. */
static void test_extract_footnotes(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Country of Origin Information Report, December 2013\n\n"
        "2.3.4  North Waziristan\n\n"
        "Drone strikes continued: a foundation counted 22 strikes between January and "
        "mid-November 2013.(229) On 1 September 2013 a roadside bomb struck a military convoy "
        "near Boya. The military first said three soldiers had been killed; the death toll "
        "later rose to nine soldiers.(230)\n\n"
        "Footnotes (extract)\n\n"
        "(230) Reuters, Bomb kills three Pakistani soldiers: military, 1 September 2013; Dawn, "
        "Nine soldiers killed in North Waziristan blast, 2 September 2013, url.\n"
        "(239) Daily Times, Five killed in attack on police patrol near Peshawar, 17 May 2013.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Boya");
        day_is(inc[0].date_start, "2013-09-01");
        CHECK(inc[0].killed == 9);
    }
    free(inc);
    /* "five days after the election": the election dates the news, the
     * sentence is no election's */
    inc = extract("Country report, December 2013\n\n"
                  "On 16 May 2013, five days after the election, militants attacked a police "
                  "patrol at Sra Khawra, near Mattani. Three policemen and two civilians were "
                  "killed (five dead).\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2013-05-16");
        CHECK(inc[0].killed == 5);
    }
    free(inc);
}

/* "Initial reports gave 25 dead. The Punjab Government's final figure was
 * 27": the party's final figure, past its adjective. */
static void test_extract_final_figure(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Offering Circular, 27 November 2017\n\n"
        "(e) on 24 July 2017, a suicide bomber struck police officers on Ferozepur Road in "
        "Lahore. Initial reports gave 25 dead. The Punjab Government's final figure was 27, "
        "including ten policemen and the bomber.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 27);
    free(inc);
    /* "police said the figure was four and that no one else was hit" */
    {
        const fm_text_claim *c;
        inc = extract("Peshawar, 21 October 2013\n\n"
                      "Two gunmen opened fire on a police mobile van in Peshawar on Sunday. A "
                      "Taliban spokesman said seven policemen had been killed; police said the "
                      "figure was four and that no one else was hit.\n",
                      &n);
        CHECK(n == 1);
        if (n == 1) {
            CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 4);
            CHECK((c = claim_of(&inc[0], "Taliban")) != NULL && c->killed == 7);
        }
        free(inc);
    }
}

/* "the administration counted four dead ..., although LI's spokesman
 * claimed that nine ... had been killed; I use the administration's four";
 * "officials gave ten TTP fighters dead, while a TTP statement admitted
 * two". */
/* A party named with its place after the article speaks: "seven dead in
 * all, according to the Kohat police"; "fourteen dead, the figure of the
 * Sindh police". */
static void test_extract_placed_party(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Determination, 2 March 2013\n\n"
        "32. On 15 June 2012, a suicide attack on a security forces vehicle in Kohat killed six "
        "security personnel and one passer-by, seven dead in all, according to the Kohat police. A "
        "TTP spokesman claimed that twelve soldiers had been killed.\n\n"
        "33. On 13 February 2014 a bomb struck a bus carrying police commandos in Karachi. "
        "Thirteen policemen were killed and the bomber also died, fourteen dead, the figure of "
        "the Sindh police. A TTP spokesman said that more than 30 policemen had been killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 7);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 7);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 12);
        CHECK(inc[1].killed == 14);
        CHECK((c = claim_of(&inc[1], "Police")) != NULL && c->killed == 14);
    }
    free(inc);
}

/* "The most serious incident reported this month ... killed on 9
 * September": in a digest dated in October the day the sentence names is
 * the event's, not the month it reckons from the dateline. */
static void test_extract_named_day_over_month(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Frontier Monitor, Issue 21, 3 October 2008\n\n"
        "Operations continued across Bajaur. In the most serious incident reported by the "
        "political administration this month, seven militants and a civilian were killed on "
        "9 September when troops shelled militant positions in the Tang Khata area, west of "
        "Khar.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2008-09-09");
        day_is(inc[0].date_end, "2008-09-09");
        CHECK(inc[0].killed == 8);
    }
    free(inc);
}

/* A name with namesakes in several districts and no district beside it
 * ("the Shawal valley": North Waziristan, Ghazni, Zabul) is the one in the
 * district of the document's other incidents. */
static void test_extract_unplaced_majority(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Working paper, 30 September 2014\n\n"
        "On 29 June ISPR reported that sixteen militants had been killed in Mir Ali.\n\n"
        "On 13 July eighteen militants were killed in strikes on Mir Ali and its outskirts.\n\n"
        "On 23 July jets struck positions in the Shawal valley and 13 militants were killed.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[2].place_name, "Shawal");
        CHECK_STR(inc[2].admin2, "North Waziristan");
        CHECK(inc[2].geo_precision >= 1 && inc[2].geo_precision <= 2);
    }
    free(inc);
}

/* A spokesman named in one sentence speaks for the figure of the next
 * ("Speaking to FNA by telephone, he said only three ..."): his party's
 * figure is a claim beside the military's; "Pakistani Taliban spokesman
 * Ehsanullah Ehsan" is one speaker, not two; "Sirajuddin, the TNSM's
 * spokesman, told" is the TNSM's; "the toll was five and called the
 * Taliban figure propaganda" counts five, not five Taliban. */
static void test_extract_spokesman_next_sentence(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MINGORA, Dec 24, 2008 (FNA): Security forces killed eleven militants in the "
        "Shakardara valley of Matta tehsil on Wednesday, a military spokesman said.\n\n"
        "Muslim Khan, the spokesman of the Swat Taliban, contradicted the figure. Speaking to "
        "FNA by telephone from an unknown location, he said only three of their fighters had "
        "been martyred in Shakardara and that the rest of the dead were villagers.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 11);
        CHECK((c = claim_of(&inc[0], "Military")) != NULL && c->killed == 11);
        CHECK((c = claim_of(&inc[0], "Swat Taliban")) != NULL && c->killed == 3);
    }
    free(inc);
    inc = extract(
        "PESHAWAR, May 27, 2011 (AP) - Jets bombed hideouts in the Mamozai area of Orakzai on "
        "Friday, killing 18 militants, officials said.\n\n"
        "Pakistani Taliban spokesman Ehsanullah Ehsan disputed the account. Speaking by "
        "telephone, he said the bombs in Mamozai had killed six people, all of them villagers.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 18);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 6);
    }
    free(inc);
    inc = extract(
        "MINGORA, 27 November 2007 - On Monday, November 26, the military said it had killed "
        "twelve people in and around Mingora. Sirajuddin, the TNSM's spokesman, told reporters "
        "by telephone the same evening that only four people had died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 12);
        CHECK((c = claim_of(&inc[0], "TNSM")) != NULL && c->killed == 4);
    }
    free(inc);
    inc = extract(
        "WANA, 15 October 2010 (AP) - Militants ambushed a military convoy near Sararogha on "
        "Friday. Five soldiers were killed, a military spokesman said.\n\n"
        "A spokesman for the Tehrik-i-Taliban Pakistan (TTP) said by telephone that the group's "
        "fighters had killed 15 soldiers in the Sararogha ambush. The military said the toll was "
        "five and called the Taliban figure propaganda.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Military")) != NULL && c->killed == 5);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 15);
    }
    free(inc);
}

/* A quotation whose signature is a paragraph of its own ("-- Azad Baloch,
 * BLA, to reporters in Khuzdar, 30 June 2006.") is the signer's claim. */
static void test_extract_signature_paragraph(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Claims archive, compiled 2008\n\n"
        "2. Nal, June 2006\n\n"
        "Official version. Three personnel of the Frontier Corps were killed and two injured "
        "when their patrol was ambushed near Nal, in Khuzdar district, on Thursday evening (29 "
        "June 2006), the provincial home department said on Friday.\n\n"
        "\xE2\x80\x9CYesterday our guerrillas ambushed a convoy near Nal. Eleven soldiers were "
        "sent to hell and two vehicles destroyed.\xE2\x80\x9D\n\n"
        "\xE2\x80\x94 Azad Baloch, BLA, to reporters in Khuzdar, 30 June 2006.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 3);
        CHECK((c = claim_of(&inc[0], "BLA")) != NULL && c->killed == 11);
    }
    free(inc);
}

/* A weekly newsletter's issues: "## No. 28 -- Friday, 20 July 2012" then
 * "**This week in brief**": the issue's day stays the reference (the
 * subheading's "this week" is no date of its own), so "On Monday" is the
 * 16th, not the Monday before the first issue. */
static void test_extract_issue_week(void)
{
    size_t n;
    fm_text_incident *inc = extract_as(
        "# The Brief\n\n## No. 27 \xE2\x80\x94 Friday, 13 July 2012\n\n"
        "- **Punjab.** On Monday night gunmen killed seven soldiers near Wazirabad.\n\n"
        "## No. 28 \xE2\x80\x94 Friday, 20 July 2012\n\n**This week in brief**\n\n"
        "- **Bannu.** On Monday police killed four militants near Bannu city, police said.\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2012-07-09");
        day_is(inc[1].date_start, "2012-07-16");
    }
    free(inc);
}

/* "30 militants had been killed ... in the Datta Khel, Marsi Khel and Kam
 * Sham areas, ten in each": three incidents of ten (Marsi Khel, a village
 * named without a cue of its own, is one of the list "areas" closes). */
static void test_extract_ten_in_each(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "BULLETIN No. 14, Bannu, 14 December 2014\n\n"
        "- On 5 August the military said 30 militants had been killed in air strikes and ground "
        "action in the Datta Khel, Marsi Khel and Kam Sham areas, ten in each.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(inc[0].place_name, "Datta Khel");
        CHECK_STR(inc[1].place_name, "Marsi Khel");
        CHECK_STR(inc[2].place_name, "Kam Sham");
        for (size_t i = 0; i < 3; i++) {
            CHECK(inc[i].killed == 10);
            day_is(inc[i].date_start, "2014-08-05");
        }
    }
    free(inc);
}

/* A desk file of ISPR releases: each "Rawalpindi - May 27, 2019:" line is
 * the release's day for its "today"; "Sepoy Asmatullah, 24, resident of
 * Bannu, embraced shahadat" is one soldier (24 is his age); a desk note
 * that "early wire copy said three militants killed" is superseded. */
static void test_extract_ispr_desk_file(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ISPR PRESS RELEASES -- desk file \"Waziristan 2019\"\n\n"
        "No PR-4/2019-ISPR                     Dated: January 4, 2019\n"
        "Rawalpindi - January 4, 2019:\n\n"
        "Security forces conducted an intelligence based operation in Barkelay village of "
        "Spinwam, North Waziristan District, today. During exchange of fire, 1 terrorist was "
        "killed while 2 terrorists were apprehended.\n\n"
        "[Desk: early wire copy said \"three militants killed\", counting the two men arrested. "
        "The release itself gives one dead.]\n\n"
        "No PR-124/2019-ISPR                   Dated: May 27, 2019\n"
        "Rawalpindi - May 27, 2019:\n\n"
        "In the early hours of today, terrorists attacked Makki Garh post in Shawal valley, North "
        "Waziristan. During the exchange of fire Sepoy Asmatullah, 24, resident of Bannu, "
        "embraced shahadat.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2019-01-04");
        CHECK(inc[0].killed == 1);
        day_is(inc[1].date_start, "2019-05-27");
        CHECK(inc[1].killed == 1);
    }
    free(inc);
}

/* "the Deolai area of Kabal tehsil": the tehsil is a town's area inside
 * Swat; the village is Swat's Deolai, not Kabul province (one letter off
 * "Kabal") nor Lower Dir's Deolai. */
static void test_extract_tehsil_hint(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ISLAMABAD, Aug 15, 2008 (INS) -\n\n"
        "SWAT -- Two civilians were killed on Thursday when a mortar shell hit their house in "
        "the Deolai area of Kabal tehsil, residents said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].admin2, "Swat");
        CHECK_STR(inc[0].place_name, "Deolai");
    }
    free(inc);
}

/* A count over a fortnight ("the ISPR's statements for June 16 to 30 report
 * 118 militants and 14 soldiers killed") is a period's, not an incident;
 * "on June 17 and 18" is two days, not a period. */
static void test_extract_fortnight_total(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "The Khyber Herald, Friday, July 1, 2011\n\n"
        "Taken together, the ISPR's statements for June 16 to 30 report 118 militants and 14 "
        "soldiers killed in Bajaur.\n\n"
        "On June 17 and 18, twelve militants were killed in the Mamund area of Bajaur, the ISPR "
        "said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 12);
    free(inc);
}

/* A wire's strikes file: "eight militants in two strikes ..., four in the
 * Datta Khel area and four in the Shawal valley" is four and four; an
 * URGENT's "at least 10 militants and two soldiers" (officials) and the
 * UPDATE's "Nineteen militants and four soldiers" (the military) are one
 * toll, the later; "killed 15 ..., bringing to 34 the number of militants
 * killed in the two areas" is 15. */
static void test_extract_wire_strikes_file(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, Pakistan, Jan 24, 2016 (APN) - Pakistani jets killed eight militants in two "
        "strikes in North Waziristan on Sunday, the army said, four in the Datta Khel area and "
        "four in the Shawal valley.\n\n"
        "URGENT\n\n"
        "PESHAWAR, Pakistan, Feb 27, 2016 (APN) - At least 10 militants and two soldiers were "
        "killed on Saturday when militants attacked a security post in the Shawal valley of "
        "North Waziristan, two security officials said.\n\n"
        "UPDATE 2\n\n"
        "PESHAWAR, Pakistan, Feb 27, 2016 (APN) - Nineteen militants and four soldiers were "
        "killed in fighting in the Mangroti area of the Shawal valley in North Waziristan on "
        "Saturday, the military said, raising the toll given earlier in the day by officials.\n\n"
        "In a separate operation the same day, troops killed 15 militants in the Maizer area of "
        "Datta Khel tehsil, the military said, bringing to 34 the number of militants killed in "
        "the two areas.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(inc[0].killed == 4);
        CHECK(inc[1].killed == 4);
        CHECK(inc[2].killed == 23);
        CHECK(inc[3].killed == 15);
    }
    free(inc);
}

/* A file of labelled accounts: "OFFICIAL (Levies, Jafarabad, 12 Feb): ...
 * yesterday", "CLAIM (Baloch Republican Army, spokesman ..., 12 Feb):
 * \"Yesterday ... killed five\"": each paragraph is its label's party's, its
 * "yesterday" the day before the label's day; one earlier claim's group
 * does not speak for the rest of the file. */
static void test_extract_labelled_accounts(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "CLAIMS AND COUNTER-CLAIMS: BALOCHISTAN, JANUARY-MAY 2012\n\n"
        "1. DERA BUGTI DISTRICT -- Thursday, 26 January 2012\n\n"
        "OFFICIAL (FC spokesman, Quetta, 26 Jan): Six Frontier Corps personnel were killed when "
        "militants ambushed an FC convoy in Dera Bugti district on Thursday afternoon.\n\n"
        "CLAIM (Baloch Liberation Army, spokesman Meerak Baloch, 26 Jan): \"Our fighters "
        "attacked the convoy in Dera Bugti today and killed fourteen personnel.\"\n\n"
        "2. JAFARABAD DISTRICT -- Saturday, 11 February 2012\n\n"
        "OFFICIAL (Levies, Jafarabad, 12 Feb): Two Levies personnel were shot dead yesterday "
        "while on duty at a checkpoint in Jafarabad district.\n\n"
        "CLAIM (Baloch Republican Army, spokesman Sarbaz Baloch, 12 Feb): \"Yesterday our "
        "fighters attacked a post of the Levies in Jafarabad and killed five personnel.\"\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "BLA")) != NULL && c->killed == 14);
        day_is(inc[1].date_start, "2012-02-11");
        CHECK(inc[1].killed == 2);
        CHECK((c = claim_of(&inc[1], "Levies")) != NULL && c->killed == 2);
        CHECK((c = claim_of(&inc[1], "BRA")) != NULL && c->killed == 5);
        CHECK(claim_of(&inc[1], "BLA") == NULL);
    }
    free(inc);
}

/* A wire story: the army's five soldiers and the ISPR's toll of 20 are one
 * account (one party), the group's "Its spokesman ... said eleven" two
 * paragraphs on is a claim about the same attack, and "attacks in Pakistan
 * this year, said" does not make Pakistan a speaker. */
static void test_extract_wire_story_parties(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PESHAWAR, Pakistan, March 6, 2017 (MNA) - Militants crossing from Afghanistan attacked "
        "three Pakistani border posts in the Mohmand tribal agency on Monday, killing five "
        "soldiers, the army said.\n\n"
        "Troops returned fire and killed 15 of the attackers, the military's media wing said in "
        "a statement, putting the death toll at 20.\n\n"
        "Jamaat-ul-Ahrar, a faction of the Pakistani Taliban that has claimed several of the "
        "deadliest attacks in Pakistan this year, said it carried out the raid. Its spokesman, "
        "Asad Mansoor, said in an email to reporters that eleven soldiers had been killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 20);
        CHECK((c = claim_of(&inc[0], "Army")) != NULL && c->killed == 20);
        CHECK((c = claim_of(&inc[0], "Jamaat-ul-Ahrar")) != NULL && c->killed == 11);
    }
    free(inc);
}

/* A timeline's line wrapped after a label ("Batkhela (Malakand):" /
 * "            2 policemen killed.") is one item: two incidents on the
 * day, not one of seven; "military says 12 killed (TNSM: 4)" is the
 * military's twelve and the TNSM's claim; "We record the military's figure
 * of twelve as the official one" beats a hospital's nine bodies. */
static void test_extract_timeline_items(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "TIMELINE: SWAT, JULY - DECEMBER 2007\n\n"
        "Nov 14      Alpuri (Shangla): 5 militants killed. Batkhela (Malakand):\n"
        "            2 policemen killed.\n"
        "Nov 26      Mingora: military says 12 killed in strikes (TNSM: 4).\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 5);
        CHECK(inc[1].killed == 2);
        CHECK(inc[2].killed == 12);
        CHECK((c = claim_of(&inc[2], "Military")) != NULL && c->killed == 12);
        CHECK((c = claim_of(&inc[2], "TNSM")) != NULL && c->killed == 4);
    }
    free(inc);
    inc = extract(
        "MINGORA, 27 November 2007 - On Monday, November 26, the military said it had killed "
        "twelve people in and around Mingora. The medical superintendent of Saidu Sharif "
        "hospital said the hospital had received nine bodies that day. We record the "
        "military's figure of twelve as the official one.\n",
        &n);
    CHECK(n >= 1);
    if (n >= 1)
        CHECK(inc[0].killed == 12);
    free(inc);
}

/* A wire's URGENT ("at least 30 killed, police say") and its update
 * ("killing 35 people, ..., police said"): the party's later exact figure
 * is the toll, not the floor it first gave. */
static void test_extract_wire_update(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "SUNDAY, DECEMBER 28, 2008\n\n"
        "FNA-0631  BUNER-BLAST URGENT   (moved 11:52)\n\n"
        "DAGGAR, Dec 28 (FNA): URGENT -- Suicide car bomb at polling station in Shal Bandai, "
        "Buner district; at least 30 killed, police say. More follows.\n\n"
        "FNA-0633  BUNER-BLAST (update)   (moved 14:10)\n\n"
        "DAGGAR, Dec 28 (FNA): A suicide bomber rammed an explosives-laden car into a school in "
        "Shal Bandai village of Buner district on Sunday, killing 35 people, including a "
        "policeman, police said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 35);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 35);
    }
    free(inc);
}

/* A sentence opening "After <event> on D1, ..." tells a later day: the
 * day after the clause, not D1. */
static void test_extract_after_clause_day(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Digest, 31 October 2014\n\n"
        "After Khyber-1 was launched on 17 October, the heaviest single toll came on 19 "
        "October, when the military said 37 militants had been killed in Bara tehsil.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        day_is(inc[0].date_start, "2014-10-19");
    free(inc);
}

/* A sum over incidents told apart ("bringing the day's official toll to
 * 21", "some outlets combined them as 21 killed") is no figure of the
 * incident it is told beside. */
static void test_extract_day_sum(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Monthly digest, 31 October 2014\n\n"
        "On Sunday 12 October jets struck hideouts in Datta Khel, killing eleven militants, "
        "officials said. The same statement reported strikes in Khyber Agency, bringing the "
        "day's official toll to 21.\n\n"
        "In a separate action on 28 September, six terrorists were killed in the Ghundi area of "
        "Jamrud, the ISPR said. Some outlets combined them with an earlier release as 21 "
        "terrorists killed.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 11 || inc[1].killed == 11);
        CHECK(inc[0].killed == 6 || inc[1].killed == 6);
    }
    free(inc);
}

/* A paragraph quoted whole and signed at its end ('"... killed twelve
 * soldiers ..." -- Lashkar-e-Islam, statement faxed ...') is the signer's:
 * a claim beside the officials' figure, which stays the toll. */
static void test_extract_signed_quote(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Claim and counter-claim, posted 2 August 2013\n\n"
        "3. Akakhel, Sunday 14 July 2013\n\n"
        "Official account. Seven militants were killed in an exchange of fire with security "
        "forces in the Akakhel area of Bara tehsil on Sunday, officials said.\n\n"
        "\xE2\x80\x9C" "Our fighters attacked the army\xE2\x80\x99s post in Akakhel and killed twelve "
        "soldiers. By the grace of Allah none of our companions was harmed.\xE2\x80\x9D "
        "\xE2\x80\x94 Lashkar-e-Islam, statement faxed to the Peshawar press club, 15 July 2013\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 7);
        CHECK((c = claim_of(&inc[0], "Lashkar-e-Islam")) != NULL && c->killed == 12);
    }
    free(inc);
}

/* An edition's dated heading stays the day under the stories' own
 * headlines and slugs ("Seven die in Darra attack", "FNA-0631 BUNER-BLAST
 * URGENT"): their "on Friday" and "Dec 28" are read against it, not against
 * the first edition's date. */
static void test_extract_edition_day_under_headlines(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "THE TRIBAL PAGE\n\n"
        "Wednesday, January 5, 2011\n\n"
        "Khasadar killed in Mohmand\n\n"
        "GHALLANAI: A Khasadar was killed when a roadside bomb went off in Safi tehsil of "
        "Mohmand Agency on Tuesday, officials said.\n\n"
        "Saturday, January 29, 2011\n\n"
        "Soldier, five militants die in Dabori clash\n\n"
        "KALAYA: A soldier and five militants were killed when militants attacked a post in the "
        "Dabori area of Orakzai Agency on Thursday, officials said.\n\n"
        "The soldier belonged to Karak. His body was flown to his home town on Friday.\n\n"
        "Seven die in Darra attack\n\n"
        "Our Correspondent\n\n"
        "DARRA ADAM KHEL: Seven people, among them two policemen, were killed when militants "
        "attacked a police van in the Darra Adam Khel area of Frontier Region Kohat on Friday, "
        "police said.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2011-01-04");
        day_is(inc[1].date_start, "2011-01-27");
        day_is(inc[2].date_start, "2011-01-28");
    }
    free(inc);
}

/* A memorial's paragraph tells the remembered attack's toll ("Thirteen
 * people were killed in that attack"): background, not an incident; the
 * paragraph after it is read again as news. */
static void test_extract_memorial_paragraph(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Daily Courier, Friday, February 9, 2018\n\n"
        "LAHORE: Candles were lit at Charing Cross on Thursday in memory of the people killed "
        "in the suicide bombing on February 13, 2017. Thirteen people, including two senior "
        "police officers, were killed in that attack.\n\n"
        "QUETTA: Two policemen were killed in that attack on a checkpost on Thursday, "
        "officials said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
}

/* A count after a verb of taking or saving ("arrested 12 others",
 * "rescued three hostages") is no toll. */
static void test_extract_arrested_not_dead(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 21 August 2016 - The ISPR says security forces killed six militants and "
        "arrested 12 others in a search operation in Narai Nao today.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 6);
    free(inc);
}

/* "another soldier died" is one dead; "another two soldiers died" two. */
static void test_extract_another(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 31 October 2017 -- On 30 October, another soldier died when a bomb exploded "
        "beside a patrol in the Tiarza area of South Waziristan.\n\n"
        "On 29 October, another two soldiers died when a bomb hit their vehicle near Bannu.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 1);
        CHECK(inc[1].killed == 2);
    }
    free(inc);
}

/* A section headed by a day of its own ("### 2.2 Shaktoi, 14 January
 * 2010") tells that day's year: its "on 14 January" and "On 21 November"
 * are not the paper's year (March 2013) nor the last before it. */
static void test_extract_section_day_year(void)
{
    size_t n;
    fm_text_incident *inc = extract_as(
        "# Drone Strikes in Waziristan, 2010-2012\n\n*Islamabad, March 2013*\n\n"
        "### 2.2 Shaktoi, 14 January 2010\n\n"
        "Five days later, on **14 January**, a strike on a compound in Shaktoi village killed "
        "twelve people according to officials.\n\n"
        "### 2.3 Datta Khel, 21 November 2010\n\n"
        "On **21 November** a vehicle was hit in Datta Khel: six people died according to "
        "officials.\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2010-01-14");
        day_is(inc[1].date_start, "2010-11-21");
    }
    free(inc);
}

/* A dateline says where a story was filed: "MUZAFFARABAD: ... posts in the
 * Samahni sector" is at Samahni, which the gazetteer knows alone, not at
 * the dateline district's middle. */
static void test_extract_dateline_not_district(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Daily Courier, Saturday, March 3, 2018\n\n"
        "MUZAFFARABAD: Two soldiers were martyred when Indian troops opened fire on Pakistani "
        "posts in the Samahni sector along the Line of Control on Friday, the ISPR said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Samahni");
        CHECK(inc[0].geo_precision == 1);
    }
    free(inc);
}

/* A district of another country named like a town of the country the
 * document's incidents lie in ("Shakardara": an alias of Kabul's Shakar
 * Darah, the name of a town in Swat) is that town. */
static void test_extract_country_majority(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PROVINCIAL FILE, 31 December 2008\n\n"
        "On 20 December three people were killed by a bomb in Landi Kotal.\n\n"
        "On 24 December security forces killed eleven militants in the Shakardara valley of "
        "Matta tehsil.\n\n"
        "On 27 December a woman and her two children were killed in Khar.\n\n"
        "On 30 December a constable was shot dead in Mingora.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK_STR(inc[1].country, "Pakistan");
        CHECK_STR(inc[1].admin2, "Swat");
    }
    free(inc);
}

/* A name whose namesakes lie in several districts ("the Tirah valley":
 * Khyber's and a Bajaur village) is the one whose district the document
 * names, when it names only one of them; naming both leaves it unplaced. */
static void test_extract_unplaced_context(void)
{
    size_t n;
    const char *one =
        "SITUATION REPORT No. 9, Peshawar, 8 April 2015\n\n"
        "Operations continued in upper Khyber Agency and Orakzai Agency.\n\n"
        "- On Wednesday 1 April, two security personnel were killed in a grenade attack on "
        "their post in the Tirah valley, according to the political administration.\n";
    const char *both =
        "SITUATION REPORT No. 9, Peshawar, 8 April 2015\n\n"
        "Operations continued in Khyber Agency and Bajaur Agency, and in Khyber Pakhtunkhwa.\n\n"
        "- On Wednesday 1 April, two security personnel were killed in a grenade attack on "
        "their post in the Tirah valley, according to the political administration.\n";
    fm_text_incident *inc = extract(one, &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].admin2, "Khyber");
        CHECK(inc[0].geo_precision >= 1 && inc[0].geo_precision <= 2);
    }
    free(inc);
    inc = extract(both, &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].geo_precision == 0);
    free(inc);
}

/* One sentence, two incidents: each toll with its own place after it, the
 * second after "and" (its verb may be the first's: "and eight in the
 * Mamozai area on 29 October", "and seven more in Ghaljo"); a second part
 * with no date is on the sentence's day. Not two: victims of one attack
 * ("three soldiers and four militants in Quetta"). */
static void test_extract_two_in_one_sentence(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Situation Report No. 7, 5 November 2012\n\n"
        "In the reporting period, security forces reported killing four militants in Khadizai "
        "on 21 October and eight in Kalaya on 29 October.\n\n"
        "On 22 July, security forces reported killing eight militants in Dabori, and seven more "
        "in Ghaljo on the same day.\n\n"
        "On 2 November a bomb killed three people in Quetta and another killed four in "
        "Turbat.\n\n"
        "On 3 November a bomb killed three soldiers and four militants in Khuzdar.\n",
        &n);
    CHECK(n == 7);
    if (n == 7) {
        CHECK(inc[0].killed == 4 && !strcmp(inc[0].place_name, "Khadizai"));
        day_is(inc[0].date_start, "2012-10-21");
        CHECK(inc[1].killed == 8 && !strcmp(inc[1].place_name, "Kalaya"));
        day_is(inc[1].date_start, "2012-10-29");
        CHECK(inc[2].killed == 8 && !strcmp(inc[2].place_name, "Dabori"));
        CHECK(inc[3].killed == 7 && !strcmp(inc[3].place_name, "Ghaljo"));
        day_is(inc[3].date_start, "2012-07-22");
        CHECK(inc[4].killed == 3 && !strcmp(inc[4].place_name, "Quetta"));
        CHECK(inc[5].killed == 4 && !strcmp(inc[5].place_name, "Turbat"));
        CHECK(inc[6].killed == 7 && !strcmp(inc[6].place_name, "Khuzdar"));
    }
    free(inc);
    /* one place, two days: two incidents; one place, one day: one */
    inc = extract("Review, 30 October 2017\n\n"
                  "On 6 August, three suspected militants were killed in an exchange of fire with "
                  "police in Karachi, and on 28 September, six militants were killed in an "
                  "encounter in Karachi.\n\n"
                  "On 2 October a bomb killed two people in Quetta and a second bomb killed three "
                  "in Quetta.\n\n"
                  "On 3 October three soldiers were killed in Rawalakot, according to the ISPR, "
                  "and in Khuiratta a civilian was killed by a mortar round.\n\n"
                  "On 27 November the army said that jets had killed 17 militants in the Rajgal "
                  "area of the Tirah valley, close to the Afghan border, and, in a separate "
                  "statement on the same day, 21 more in the Kuki Khel area.\n",
                  &n);
    CHECK(n == 7);
    if (n == 7) {
        CHECK(inc[5].killed == 17 && !strcmp(inc[5].place_name, "Rajgal"));
        CHECK(inc[6].killed == 21 && !strcmp(inc[6].place_name, "Kuki Khel"));
        CHECK(inc[0].killed == 3);
        day_is(inc[0].date_start, "2017-08-06");
        CHECK(inc[1].killed == 6);
        day_is(inc[1].date_start, "2017-09-28");
        CHECK(inc[2].killed == 5);
        CHECK(inc[3].killed == 3 && !strcmp(inc[3].place_name, "Rawalakot"));
        CHECK(inc[4].killed == 1 && !strcmp(inc[4].place_name, "Khuiratta"));
    }
    free(inc);
}

/* "clashes in Tirah valley ... reportedly killed ten people": a figure
 * from reports the text does not name is not the paragraph's speaker's
 * ("security forces reported killing ..." before it), so it is no claim
 * that would join it to the next incident of the day in the district. */
static void test_extract_hearsay(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Situation Report No. 7, 5 November 2012\n\n"
        "Security forces reported killing four militants in Khadizai on 21 October. In Khyber "
        "Agency, clashes in Tirah valley last Thursday (1 November) reportedly killed ten "
        "people; the authorities did not say who they were. On the same day, four militants "
        "were reported killed in the Kuki Khel area near Jamrud.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[1].killed == 10 && !strcmp(inc[1].place_name, "Tirah"));
        CHECK(inc[1].nclaims == 0);
        CHECK(inc[2].killed == 4 && !strcmp(inc[2].place_name, "Kuki Khel"));
    }
    free(inc);
}

/* ISPR releases name the dead: "Two soldiers, Lance Naik Imtiaz Ali, age
 * 29, ..., and Sepoy Muhammad Rizwan, age 22, ..., embraced shahadat" is two
 * (an age is no count; the verb is past the roster); "Sepoy Fazal Wahab,
 * age 24 years, ..., embraced shahadat" is one soldier, beside "2
 * terrorists were killed"; a place in a district the text names, where the
 * district has two of the name, is that district, not a namesake town far
 * off. */
static void test_extract_press_release_roster(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "No PR-88/2020-ISPR                          Rawalpindi - June 10, 2020\n\n"
        "An improvised explosive device (IED) exploded near a security forces vehicle near "
        "Miranshah, North Waziristan District, today. Two soldiers, Lance Naik Imtiaz Ali, age "
        "29, resident of Chakwal, and Sepoy Muhammad Rizwan, age 22, resident of Swabi, "
        "embraced shahadat.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
    inc = extract("No PR-66/2020-ISPR                          Rawalpindi - April 13, 2020\n\n"
                  "Terrorists from across the border fired on a security forces post in Dargai "
                  "area, North Waziristan District. Troops responded effectively. During "
                  "exchange of fire Sepoy Fazal Wahab, age 24 years, resident of Lakki Marwat, "
                  "embraced shahadat. 2 terrorists were killed in the exchange of fire.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 3);
        CHECK_STR(inc[0].admin2, "North Waziristan");
    }
    free(inc);
}

/* Claims and counter-claims set side by side: "Statement of the BRA
 * (translated from Balochi), 3 March" heads the group's own words (its
 * author, its day for "yesterday", "Balochi" no place); what it tells
 * without a day is of that day or the day before; its figure is a claim
 * beside the official one, which stays the toll; "the mountains of Kohlu"
 * is the district the official account named; "The BLA puts the dead at
 * two" is the BLA's figure. */
static void test_extract_statement_sections(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Claims and counter-claims, 10 June 2016\n\n"
        "1. Kohlu district, 13 February\n\n"
        "On Saturday 13 February the FC said that ten militants were killed in an operation in "
        "the Sangan area of Kohlu district.\n\n"
        "Statement of the BLA (translated from Urdu), 14 February\n\n"
        "The spokesman of the Baloch Liberation Army states: In the enemy's attack on the "
        "mountains of Kohlu only two of our companions were martyred.\n\n"
        "Note: the FC figure is the one the hospital confirmed. The BLA puts the dead at two.\n\n"
        "2. Dasht, Kech district, 2 March\n\n"
        "Security forces said three militants were killed on 2 March in the Dasht area of Kech "
        "district.\n\n"
        "Statement of the BRA (translated from Balochi), 3 March\n\n"
        "Sarbaz Baloch, spokesman of the Baloch Republican Army: We pay tribute to our two "
        "companions who embraced martyrdom yesterday in Dasht.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 10);
        CHECK(inc[0].geo_precision == 3 && !strcmp(inc[0].place_name, "Kohlu"));
        CHECK((c = claim_of(&inc[0], "FC")) != NULL && c->killed == 10);
        CHECK((c = claim_of(&inc[0], "BLA")) != NULL && c->killed == 2);
        CHECK(inc[1].killed == 3);
        day_is(inc[1].date_start, "2016-03-02");
        CHECK((c = claim_of(&inc[1], "BRA")) != NULL && c->killed == 2);
    }
    free(inc);
}

/* One person named by trade: "killing a shopkeeper" is one dead; "a
 * passer-by, a young labourer, was killed" is one (an apposition), and "one
 * soldier, a resident of Lakki Marwat, was martyred" one. */
static void test_extract_one_by_trade(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Weekly, 27 August 2018\n\n"
        "A bomb went off in Boya on Sunday 19 August, killing a shopkeeper and injuring five "
        "people.\n\n"
        "On Thursday 23 August gunmen opened fire on a check post in Turbat. One soldier was "
        "martyred, and a passer-by, a young labourer, was killed in the crossfire.\n\n"
        "On Friday 24 August, in an operation in Khaisora village, North Waziristan, four "
        "terrorists were killed; one soldier, a resident of Lakki Marwat, was martyred.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 1 && inc[0].injured == 5);
        CHECK(inc[0].killed_hi == 1);
        CHECK(inc[1].killed == 2);
        CHECK(inc[2].killed == 5);
    }
    free(inc);
}

/* A wire's budget times its stories: "moved 1300 PKT; writethru 1700 PKT
 * with names of the dead" counts no one. */
static void test_extract_wire_times(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PAKISTAN BUDGET for Tuesday, Nov. 10, 2009\n\n"
        "PAKISTAN-PESHAWAR -- A suicide bomber blew himself up at a police checkpoint in "
        "Peshawar on Monday morning, killing a police constable and two passers-by. By Riaz K. "
        "500 words, moved 1300 PKT; writethru 1700 PKT with names of the dead.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 3 && inc[0].killed_hi == 3);
    free(inc);
}

/* "gunmen shot dead a policeman escorting a polio team" is one (the count
 * after "shot dead"); "a policeman guarding a team of polio workers was
 * shot dead" is one (a team is no one person); "was shot dead by two men on
 * a motorcycle" counts the victim, not the two men. */
static void test_extract_shot_dead(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Geneva, 12 February 2021\n\n"
        "(a) On 28 December 2013, a vaccinator was shot dead by two men on a motorcycle in "
        "Mattani, Peshawar district.\n\n"
        "(b) On 26 January 2015, a policeman guarding a team of polio workers was shot dead in "
        "Karachi.\n\n"
        "(c) On 23 April 2019, unidentified gunmen shot dead a policeman escorting a polio team "
        "in the town of Bannu.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 1);
        CHECK(inc[1].killed == 1);
        CHECK(inc[2].killed == 1);
    }
    free(inc);
}

/* A group's answer under its own heading is about the section's place
 * ("Statement of the BRA, 28 April" under "Panjgur district, 27 April":
 * "Yesterday in Prome ... Seven personnel were killed" is the BRA's claim
 * there); a place the second
 * account cannot resolve alone is the first's ("killed in Chattar"); "the
 * attackers had lost twelve soldiers" is a figure, "a few men" none. */
static void test_extract_statement_answers(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Claims and counter-claims, 10 June 2016\n\n"
        "4. Panjgur district, 27 April\n\n"
        "The FC said two BRA militants were killed when troops came under fire during a search "
        "in the Prome area of Panjgur district on 27 April.\n\n"
        "Statement of the BRA (translated from Balochi), 28 April\n\n"
        "Sarbaz Baloch, spokesman of the Baloch Republican Army: Yesterday in Prome our "
        "sarmachars attacked a convoy of the occupying forces. Seven personnel were killed. Two "
        "of our companions, Sangat Bashir and Sangat Naveed, were martyred in the fighting.\n\n"
        "5. Nasirabad district, 19 March\n\n"
        "Four alleged militants were shot dead by security forces in the Chattar area of "
        "Nasirabad district on Saturday 19 March, officials said.\n\n"
        "Statement of the BLA (translated from Urdu), 21 March\n\n"
        "The four Baloch youths killed in Chattar were not members of our organisation.\n\n"
        "6. Swat, 2 September 2008\n\n"
        "On Tuesday 2 September 2008 the military said that ten militants were killed in the "
        "Peuchar valley. Muslim Khan, spokesman of the Swat Taliban, said that the attackers had "
        "lost twelve soldiers and that the group had lost only a few men.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 2);
        /* (the group's "Two of our companions ... were martyred" is not yet
         * added to its seven: nine on its account) */
        CHECK((c = claim_of(&inc[0], "BRA")) != NULL && c->killed == 7);
        CHECK(inc[1].killed == 4 && !strcmp(inc[1].place_name, "Chattar"));
        CHECK(inc[2].killed == 10);
        CHECK((c = claim_of(&inc[2], "Swat Taliban")) != NULL && c->killed == 12);
    }
    free(inc);
}

/* "The police figure of 12 dead", "the ISPR figure of six": the party
 * named as the figure's owner, after an article, gives it. */
static void test_extract_party_figure_of(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Thread, 3 Dec 2017\n\n"
        "On 1 December militants attacked an institute in Peshawar. The police figure of 12 dead "
        "is the one we stand by.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 12);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 12);
    }
    free(inc);
    /* "Its spokesman ... said": the group the sentence before named */
    inc = extract("PESHAWAR, March 6 2017\n\n"
                  "Militants attacked three border posts in Mohmand on Monday, killing five "
                  "soldiers, the army said. Jamaat-ul-Ahrar said it carried out the raid. Its "
                  "spokesman, Asad Mansoor, said in an email to reporters that eleven soldiers "
                  "had been killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Jamaat-ul-Ahrar")) != NULL && c->killed == 11);
    }
    free(inc);
    /* the group in an appositive ("a faction of the Pakistani Taliban that has
     * claimed ...") is not the speaker; the group before it is */
    inc = extract("PESHAWAR, March 6 2017\n\n"
                  "Militants attacked three border posts in Mohmand on Monday, killing five "
                  "soldiers, the army said. Jamaat-ul-Ahrar, a faction of the Pakistani Taliban "
                  "that has claimed several of the deadliest attacks this year, said it carried "
                  "out the raid. Its spokesman, Asad Mansoor, said in an email to reporters that "
                  "eleven soldiers had been killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Jamaat-ul-Ahrar")) != NULL && c->killed == 11);
        CHECK(claim_of(&inc[0], "TTP") == NULL);
    }
    free(inc);
}

/* "in Dera Murad Jamali, in Nasirabad district": the district of the name
 * (Balochistan), not a town of Sindh called Nasirabad, says where the town
 * is. */
static void test_extract_named_district(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Week that was, 14 July 2019\n\n"
        "On Saturday a suspected militant was killed in a raid in Dera Murad Jamali, in "
        "Nasirabad district.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Dera Murad Jamali");
        CHECK_STR(inc[0].admin2, "Nasirabad");
        CHECK(inc[0].geo_precision == 1);
    }
    free(inc);
}

/* Police press notes: "ASI Noor Muhammad embraced shahadat and one
 * constable was injured" is one dead beside the hurt; "one terrorist was
 * killed ... The deceased ... was wanted in the killing of two polio workers
 * in 2019" is one (the two are his past crime). */
static void test_extract_press_notes(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PRESS NOTE No. 12/PR - Peshawar, 20-01-2021\n\n"
        "A CTD team conducted an intelligence-based operation in the Utmankhel area of Bajaur "
        "today. In the exchange of fire one terrorist was killed while his accomplices escaped. "
        "The deceased was wanted in the killing of two polio workers in 2019.\n\n"
        "PRESS NOTE No. 13/PR - Peshawar, 22-01-2021\n\n"
        "Yesterday, Thursday, terrorists opened fire on a police mobile on patrol in Kulachi "
        "tehsil, as a result of which ASI Noor Muhammad embraced shahadat and one constable was "
        "injured.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 1);
        CHECK(inc[1].killed == 1 && inc[1].injured == 1);
        day_is(inc[1].date_start, "2021-01-21");
    }
    free(inc);
    /* a paper's correction: "it was wrongly reported that three soldiers had been
     * martyred ... The number is two" leaves the toll as told */
    inc = extract("Roznama, Wednesday, March 8, 2017\n\n"
                  "SWABI, March 7: Two soldiers embraced martyrdom and five terrorists were killed "
                  "during a search operation in the Malikabad area of Swabi district on Tuesday, "
                  "the ISPR said.\n\n"
                  "Correction: In some of our editions yesterday it was wrongly reported that "
                  "three soldiers had been martyred in Swabi. The number is two.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 7);
    free(inc);
    /* a quarter's count is no incident */
    inc = extract("Quarterly report, January 2020\n\n"
                  "The monitor recorded 41 incidents in Khyber Pakhtunkhwa between 1 October and "
                  "31 December 2019, in which 58 people were killed and 92 injured.\n",
                  &n);
    CHECK(n == 0);
    free(inc);
}

/* A timeline's entry more than a year before the document, "* 25 January
 * 2015 – Air strikes ... killed 35 militants", is told, not background. */
static void test_extract_timeline_entry(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Datta Khel, retrieved 2 March 2016\n\n"
        " * 25 January 2015 – Air strikes on hideouts in the Datta Khel area killed 35 militants, "
        "according to the ISPR. A TTP spokesman denied the figure and said that six of its "
        "fighters had died.\n"
        " * 20 May 2015 – Jets struck hideouts in Mir Ali, killing 15 militants, officials "
        "said.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 35);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 6);
        CHECK(inc[1].killed == 15);
        day_is(inc[1].date_start, "2015-05-20");
    }
    free(inc);
}

/* "Two days after a dozen schools were torched ... on the night of 2-3
 * August, police raided a hideout ... and killed the man": the day is the
 * item's, not the one the clause measures from. */
static void test_extract_days_after(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "The Frontier Week, Monday, 27 August 2018\n\n"
        "- Diamer (Gilgit-Baltistan), 5 August. Two days after a dozen schools were torched "
        "across Diamer district on the night of 2-3 August, police raided a hideout in the "
        "Tangir area and killed the man they named as the prime suspect. A policeman died in "
        "the exchange of fire, so two people were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2018-08-05");
        CHECK(inc[0].killed == 2);
    }
    free(inc);
}

/* "shells landed on villages in the Nakyal sector": a sector of the Line of
 * Control is named after its village. */
static void test_extract_sector(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Kotli, 25 November 2016\n\n"
        "Four days later, on 31 October, shells landed on villages in the Nakyal sector. Four "
        "civilians were killed and six wounded, according to the Pakistani military.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Nakyal");
        CHECK(inc[0].killed == 4 && inc[0].injured == 6);
    }
    free(inc);
}

static void test_extract_counted_admitted(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Abstracts, December 2011\n\n"
        "On Saturday 9 April 2011 LI attacked the lashkar's positions in the Akakhel area: the "
        "administration counted four dead, two lashkar men and two LI fighters, although LI's "
        "spokesman claimed that nine lashkar volunteers had been killed; I use the "
        "administration's four.\n\n"
        "In Mehrban Kili, on Tuesday 23 August 2011, troops shelled TTP positions: officials "
        "gave ten TTP fighters dead, while a TTP statement admitted two.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 4);
        CHECK((c = claim_of(&inc[0], "Lashkar-e-Islam")) != NULL && c->killed == 9);
        CHECK(inc[1].killed == 10);
        CHECK((c = claim_of(&inc[1], "Officials")) != NULL && c->killed == 10);
        CHECK((c = claim_of(&inc[1], "TTP")) != NULL && c->killed == 2);
    }
    free(inc);
    /* "(the BLF) claimed five soldiers": the group named in brackets speaks;
     * "A TTP spokesman (Muhammad Khurasani) told AFP": the name is his */
    inc = extract("Makran by motorbike, 14 October 2020\n\n"
                  "On 13 August two FC men were killed in the Aabsir area of Turbat. The Baloch "
                  "group that said it did it (the BLF) claimed five soldiers; the FC says two, and the "
                  "havaldar says two.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 2);
        CHECK((c = claim_of(&inc[0], "BLF")) != NULL && c->killed == 5);
    }
    free(inc);
}

/* 'A military statement issued on 3 March said: "Security forces today ...':
 * the statement speaks for the quotation, whose subject is not a speaker; a
 * group that "claimed the attack ... and said" eleven speaks for them */
static void test_extract_quoted_release(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Bara, 5 March 2013\n\n"
        "A military statement issued on 3 March said: \"Security forces today foiled an attack "
        "on a checkpost in Bara. Nine terrorists were killed.\" A TTP spokesman said only two "
        "of its fighters had died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 9);
        CHECK((c = claim_of(&inc[0], "Military")) != NULL && c->killed == 9);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 2);
    }
    free(inc);
    inc = extract("Tirah, 5 March 2013\n\n"
                  "Four soldiers were killed when militants attacked a post in Tirah on Saturday "
                  "2 March, officials said. The Lashkar-e-Islam group's radio station claimed the "
                  "attack the next day and said eleven soldiers had died.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 4);
        CHECK((c = claim_of(&inc[0], "Lashkar-e-Islam")) != NULL && c->killed == 11);
    }
    free(inc);
}

/* "We record the ISPR's figure of one as the official figure": the cue of a
 * figure taken as the document's own, not a "record" of a period's count */
static void test_extract_record_adopted(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Angoor Adda, 14 May 2020\n\n"
        "On Tuesday 12 May a soldier was martyred when militants attacked a post at Angoor "
        "Adda. The TTP claimed that four soldiers had been killed. We record the ISPR's figure "
        "of one as the official figure and the TTP's four as a competing claim.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 1);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 1);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 4);
    }
    free(inc);
}

/* A briefer's hedge: "a large group, I would say between 150 and 200,
 * attacked" is neither a hypothetical ("would") when the sentence tells an
 * attack after it, nor a report of what someone said ("say") */
static void test_extract_briefer_hedge(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Rawalpindi, Friday, 18 January 2008\n\n"
        "Second, on Saturday, a soldier was martyred in Tank district.\n\n"
        "Third, on Monday night, a large group of miscreants, I would say between 150 and 200, "
        "attacked a post in Mohmand Agency. Seven soldiers embraced shahadat.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[1].killed == 7);
        day_is(inc[1].date_start, "2008-01-14");
    }
    free(inc);
    inc = extract("Rawalpindi, 18 January 2008\n\n"
                  "The ISPR said that militants attacked a post in Mohmand Agency on Monday "
                  "night. Seven soldiers, I would say the bravest of the unit, embraced "
                  "shahadat.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 7);
    free(inc);
}

/* A briefing's transcript: the answer after "DG ISPR:" goes on in the
 * paragraphs below it until the next question, so their figures are the
 * ISPR's; "miscreants", the ISPR's word, are the attackers; a name written
 * again ("at Jani Khel") is the place it was the first time ("near Jani
 * Khel in Bannu district"), not a namesake across the border */
static void test_extract_transcript_turns(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PRESS BRIEFING, Rawalpindi\nDate: Friday, 18 January 2008\n\n"
        "DG ISPR: Good morning.\n\n"
        "First, on Wednesday the 16th, two soldiers embraced shahadat when their vehicle was "
        "ambushed near Jani Khel in Bannu district. Four miscreants were killed in the "
        "exchange of fire.\n\n"
        "Q (Dawn): The TTP says it killed ten soldiers at Jani Khel. Your response?\n\n"
        "DG ISPR: Two soldiers, as I said. Ten is a lie.\n\n"
        "Q: And Tank?\n\nDG ISPR: Nothing to add.\n",
        &n);
    CHECK(n >= 1);
    if (n >= 1) {
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 6);
    }
    CHECK(n == 2);
    if (n == 2)
        CHECK_STR(inc[1].admin2, "Bannu");
    free(inc);
}

/* A fact-check's section "## 2. Bannu, 14 February": its yearless day heads
 * the section, so the claim's "on Friday" is that Friday, not the one
 * before the article's date, and the claim joins the record of the day */
static void test_extract_section_day(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract_as(
        "# Claim check\n\n*Published 6 October 2020*\n\n"
        "## 2. Bannu, 14 February\n\n"
        "**The claim.** In a statement the next day, the TTP said its fighters had killed four "
        "policemen in an attack on a check post in Bannu district on Friday.\n\n"
        "**The record.** The police said one constable was martyred when militants fired on a "
        "check post in Bannu district on 14 February.\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2020-02-14");
        CHECK(inc[0].killed == 1);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 4);
    }
    free(inc);
}

/* "his funeral prayers were offered in Rawalpindi on 10 March": where the
 * dead man was prayed over, not where the wounded told of next fell */
static void test_extract_funeral_place(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Tank, 12 March 2020\n\n"
        "A lieutenant colonel was martyred in an exchange of fire in the Pirabad area of Tank "
        "district on 9 March, the ISPR said. His funeral prayers were offered in Rawalpindi on "
        "10 March. Two soldiers were injured.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 1);
        CHECK(inc[0].injured == 2);
        CHECK_STR(inc[0].admin2, "Tank");
    }
    free(inc);
}

/* A digest's next item tells a dated attack at a place of its own before
 * its toll: the toll is that attack's, not the last item's */
static void test_extract_item_attack_first(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "WEEKLY DIGEST, 29 August 2021\n\n"
        "1. ZIARAT. The Frontier Corps said three of its men were martyred when militants "
        "attacked their camp near Kili Mangi in Ziarat district on Thursday 26 August.\n\n"
        "2. DIR. ISPR (Thu 26 Aug): terrorists from across the border attacked a post near Bar "
        "Bin village in upper Dir; \"one soldier embraced shahadat, while one terrorist was "
        "killed.\" Two dead.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 3);
        CHECK_STR(inc[1].place_name, "Bar Bin");
        CHECK(inc[1].killed == 2);
    }
    free(inc);
}

/* "The ISPR said security forces killed four": the ISPR speaks, the
 * security forces killed; "a district official" is an official */
static void test_extract_said_agent(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Wana, 14 September 2020\n\n"
        "The ISPR said security forces killed four terrorists in an operation near Marsanzai "
        "on 13 September. Elders of the area say six people were killed. A district official "
        "confirmed that six bodies were brought down.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 4);
        CHECK(claim_of(&inc[0], "Security forces") == NULL);
        CHECK((c = claim_of(&inc[0], "Officials")) != NULL && c->killed == 6);
    }
    free(inc);
}

/* A report of January 2021 whose sections are headed by their day ("### 2.
 * Lakki Marwat, 23 May 2019"): the section's "on Thursday, 23 May" is its
 * case, not history told in passing */
static void test_extract_day_sections(void)
{
    size_t n;
    fm_text_incident *inc = extract_as(
        "# Fact-finding report\n\nFact-finding mission report, Peshawar, January 2021\n\n"
        "### 2. Lakki Marwat, 23 May 2019\n\n"
        "*Official account.* The district police said two terrorists were killed in an "
        "exchange of fire in Lakki Marwat district on Thursday, 23 May.\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2019-05-23");
        CHECK(inc[0].killed == 2);
    }
    free(inc);
}

/* A wire's running file: a long head, then items with yearless datelines
 * ("MUZAFFARABAD, Pakistan, May 25 (ACP) -"); the first item's day dates the
 * file, later items are the days nearest it (June after May, not a year
 * before), and an item's "Tuesday" is the one before its own day */
static void test_extract_running_file(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "ASIA CONTINENTAL PRESS (ACP) -- SOUTH ASIA DESK\n"
        "Running file: KASHMIR-SHELLING / PAKISTAN-INDIA\n"
        "Compiled for subscribers' archive, Islamabad bureau. Items in order of transmission.\n"
        "All times GMT. Filed items carry their own dateline; \"Sunday\", \"Tuesday\" etc. refer "
        "to the day of the dateline unless the item says otherwise. Bus service suspended "
        "since January 2002; trade lost since 1990 put at 2 billion rupees a year.\n\n"
        "======================================================================\n"
        "KASHMIR-SHELLING\n\n"
        "MUZAFFARABAD, Pakistan, May 25 (ACP) - A woman was killed when Indian artillery "
        "shells struck Saidpura village in the Leepa valley on Sunday, local officials said.\n\n"
        "======================================================================\n"
        "KASHMIR-SHELLING (URGENT)\n\n"
        "KOTLI, Pakistan, June 8 (ACP) - Indian shelling in the Charhoi sector killed one "
        "villager, police said.\n\n"
        "The funerals of two people killed on Tuesday in Lala village of the Neelum valley "
        "were held in the morning.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2003-05-25");
        day_is(inc[1].date_start, "2003-06-08");
        day_is(inc[2].date_start, "2003-06-03");
    }
    free(inc);
}

/* "The ISPR said security forces repulsed an attack ... and that twelve
 * attackers were killed": the security forces acted, the ISPR speaks; a
 * spokesman who "boasted that twenty soldiers had been killed" claims them */
static void test_extract_said_clause(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Ghalanai, 26 April 2016\n\n"
        "The ISPR said security forces repulsed an attack by militants on border posts in the "
        "Baizai area of Mohmand Agency on Sunday 24 April, and that twelve attackers were "
        "killed. A spokesman of the so-called Jamaat-ul-Ahrar boasted that twenty soldiers had "
        "been killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 12);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 12);
        CHECK((c = claim_of(&inc[0], "Jamaat-ul-Ahrar")) != NULL && c->killed == 20);
    }
    free(inc);
}

/* A file of numbered releases and the group's answers: "No PR-350/2018-ISPR
 * Rawalpindi - October 2, 2018" heads an ISPR release (not the TTP's, whose
 * statement came before it); "TTP rebuttal, October 4 (...): only two ..."
 * is the TTP's account, given on the 4th of the fighting of the 2nd */
static void test_extract_release_numbers(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ISPR statements and the replies, 2018\n\n"
        "TTP statement (e-mailed to journalists on September 15, 2018):\n"
        "\"In Thursday's fighting in Waziristan our mujahideen killed eleven soldiers.\"\n\n"
        "----------------------------------------------------------------------\n"
        "No PR-350/2018-ISPR                                Rawalpindi - October 2, 2018\n\n"
        "A group of terrorists attacked a border post in the Ghulam Khan area, North "
        "Waziristan, today. Seven terrorists were killed.\n\n"
        "TTP rebuttal, October 4 (the group's spokesman told reporters by telephone): only two "
        "of the group's fighters had been martyred at Ghulam Khan.\n",
        &n);
    CHECK(n == 2); /* (the rebuttal of the 4th answers the attack of the 2nd) */
    if (n == 2) {
        CHECK(inc[1].killed == 7);
        CHECK((c = claim_of(&inc[1], "ISPR")) != NULL && c->killed == 7);
        CHECK((c = claim_of(&inc[1], "TTP")) != NULL && c->killed == 2);
    }
    free(inc);
}

/* "the figure of the Interior Ministry is six": the ministry's own figure */
static void test_extract_figure_of_party(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Islamabad, 5 September 2008\n\n"
        "Six FC personnel were killed at Uch near Dera Murad Jamali on 23 July. The Baloch "
        "Republican Army claimed the next day that eleven were killed. The figure of the "
        "Interior Ministry is six, and it is based on the bodies received at the CMH.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Interior Ministry")) != NULL && c->killed == 6);
        CHECK((c = claim_of(&inc[0], "BRA")) != NULL && c->killed == 11);
    }
    free(inc);
}

/* "Residents quoted by the Peshawar press said 27 people had died": the
 * press's city is not where they died; "the Quetta press club blast" is */
static void test_extract_press_city(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Miran Shah, 10 August 2007\n\n"
        "On Tuesday 7 August twelve militants were killed when a missile strike hit a compound "
        "in the Degan area just north of Miran Shah, according to the military. Residents quoted "
        "by the Peshawar press said 27 people had died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 12);
        CHECK((c = claim_of(&inc[0], "Residents")) != NULL && c->killed == 27);
    }
    free(inc);
    inc = extract("Quetta, 18 February 2020\n\n"
                  "Ten people were killed in the Quetta press club blast on 17 February.\n", &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(inc[0].place_name, "Quetta");
    free(inc);
}

/* "A Turi jirga ... said at least 31 people had been killed": the jirga
 * speaks, named as the text names it; in an anniversary's paragraph, "The
 * suicide attack on ... 11 April 2006 killed 57" is the remembered attack */
static void test_extract_jirga_anniversary(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "AFN provincial file, Friday 11 April 2008\n\n"
        "PARACHINAR, Apr 11 (AFN): Fourteen persons were killed on Friday as the tribal "
        "fighting in Kurram Agency entered its fourth day, officials said. A Turi jirga, "
        "meeting in Parachinar on Friday evening, said at least 31 people had been killed on "
        "the day.\n\n"
        "KARACHI, Apr 11 (AFN): The Sunni Tehreek observed the second anniversary of the "
        "Nishtar Park bombing on Friday with a rally at the park. The suicide attack on the "
        "Eid Milad-un-Nabi gathering on 11 April 2006 killed 57 people.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 14);
        CHECK((c = claim_of(&inc[0], "Turi jirga")) != NULL && c->killed == 31);
    }
    free(inc);
}

/* "Tehreek-" / "e-Taliban Pakistan (TTP)" broken at a line's end is the
 * TTP, not "Tehreeke-Taliban" and then Pakistan; a press release's author
 * is the party at its head, not one its story names further on */
static void test_extract_broken_name_author(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Pakistan, February 2021\n\n"
        "In South Waziristan district, militants 11 Feb attacked security post near Makeen "
        "town;\nmilitary said four soldiers and four militants killed. Tehreek-\n"
        "e-Taliban Pakistan (TTP) same day claimed to have killed twelve soldiers.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 12);
        CHECK(claim_of(&inc[0], "Pakistani officials") == NULL);
    }
    free(inc);
    inc = extract("EMBARGOED UNTIL 00:01 PKT, TUESDAY 17 FEBRUARY 2009\n\nPRESS RELEASE\n\n"
                  "Frontier Children's Rights Network (FCRN)\n"
                  "House 44, Street 7, University Town, Peshawar\n\n"
                  "Swat: \"Children cannot wait for another ceasefire\"\n\n"
                  "Peshawar, 16 February 2009 - As the provincial government and the "
                  "Tehreek-e-Nifaz-e-Shariat-e-Mohammadi announce an agreement on Monday, the "
                  "Network today published a briefing.\n\n"
                  "- On 6 January, militants attacked the police station in Matta, killing five "
                  "policemen.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(claim_of(&inc[0], "TNSM") == NULL);
    free(inc);
}

/* "Pakistani Taliban spokesman Ehsanullah Ehsan disputed the military's
 * account. Speaking by telephone ..., he said ... six": the one who
 * disputes is the one who goes on speaking */
static void test_extract_disputer_speaks(void)
{
    size_t n, found = 0;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PESHAWAR, May 27, 2011\n\n"
        "Eighteen militants were killed in the Mamozai area of Orakzai, officials said. "
        "Pakistani Taliban spokesman Ehsanullah Ehsan disputed the military's account. "
        "Speaking by telephone from an undisclosed location, he said the bombs had killed six "
        "people.\n",
        &n);
    for (size_t i = 0; i < n; i++)
        found += (c = claim_of(&inc[i], "TTP")) != NULL && c->killed == 6;
    CHECK(found == 1);
    free(inc);
}

/* "a woman was killed when a mortar shell landed near her house. Two goats
 * were also killed": animals are no one's dead */
static void test_extract_animals(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Kotli, Sunday 19 March 2017\n\n"
        "According to the police, a sixty-year-old woman was killed yesterday evening when a "
        "mortar shell landed near her house in a village of Kotli district. Two goats were "
        "also killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 1);
    free(inc);
}

/* A sitrep: "partners in Timergara reported continued shelling in Mamund
 * tehsil: on 22 February two people were killed" happened in Mamund, not
 * where the partners heard of it; "2 March marked one year since the
 * suicide attack on a peace jirga in Darra Adam Khel, in which some 40
 * tribal elders died" is the remembered attack */
static void test_extract_sitrep_partners(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Situation report No. 12, 9 March 2009\n\n"
        "Before the ceasefire, partners in Timergara reported continued shelling in Mamund "
        "tehsil: on 22 February two people were killed when mortar rounds fell near a market, "
        "according to the agency surgeon in Khar.\n\n"
        "Partners note that 2 March marked one year since the suicide attack on a peace jirga "
        "in Darra Adam Khel, in which some 40 tribal elders died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 2);
        CHECK_STR(inc[0].admin2, "Bajaur");
    }
    free(inc);
}

/* A group's statement answering the army: "The ISPR says that thirteen
 * died there ... This is a lie. ... twenty soldiers ... were killed": after
 * the rebuttal the statement speaks for itself */
static void test_extract_rebuttal_voice(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Statement of the Tehreek-e-Taliban Pakistan, 19 January 2008\n\n"
        "1. Mohmand. On Monday night the mujahideen attacked the army's post in Mohmand Agency "
        "from three sides. The ISPR says that thirteen died there, seven of its soldiers and "
        "six mujahideen. This is a lie. By the grace of Allah, twenty soldiers of the apostate "
        "army were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 13);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 20);
    }
    free(inc);
}

/* "which had killed more than 200 people in March and April by official
 * counts": two months' count, no incident */
static void test_extract_months_count(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Annual review, January 2008\n\n"
        "May. Fighting between Uzbek fighters and local tribesmen near Wana, which had killed "
        "more than 200 people in March and April by official counts, subsided.\n",
        &n);
    CHECK(n == 0);
    free(inc);
}

/* "JuA statement, 25 April. Ehsanullah Ehsan admitted that four ...": the
 * spokesman speaks for the group whose statement the paragraph is */
static void test_extract_lead_group(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Claims ledger, October 2017\n\n"
        "1. Baizai, Mohmand Agency - Sunday 24 April 2016\n\n"
        "Official record. The ISPR said security forces repulsed an attack by militants on "
        "border posts in the Baizai area of Mohmand Agency, and that twelve attackers were "
        "killed.\n\n"
        "JuA statement, 25 April. Ehsanullah Ehsan admitted that four of the group's "
        "mujahideen were martyred in the fighting.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 12);
        CHECK((c = claim_of(&inc[0], "Jamaat-ul-Ahrar")) != NULL && c->killed == 4);
    }
    free(inc);
}

/* A party named well before the colon that opens its words: "Hafiz Gul
 * Bahadur group channel (Sat, 22:05), in a voice note attributed to its
 * spokesman Ahmadullah Ahmadi: \"Our mujahideen killed two ...\"" */
static void test_extract_colon_quote(void)
{
    size_t n, found = 0;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Digest, Sunday 4 April 2021\n\n"
        "1. Boya. ISPR (Sat 3 Apr): one terrorist was killed in Boya, North Waziristan. Hafiz "
        "Gul Bahadur group channel (Sat, 22:05), in a voice note attributed to its spokesman "
        "Ahmadullah Ahmadi: \"Our mujahideen killed two soldiers at Boya yesterday.\"\n",
        &n);
    for (size_t i = 0; i < n; i++)
        found += (c = claim_of(&inc[i], "Hafiz Gul Bahadur group")) != NULL && c->killed == 2;
    CHECK(found == 1);
    free(inc);
}

/* "the Latifabad and Qasimabad areas of Hyderabad": a village named beside
 * the place, with namesakes in several districts, is no area to place it in
 * (Qasimabad's of Bihsud, Nangarhar, was taken); the city named is. */
static void test_extract_sibling_village(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "HYDERABAD, July 20, 1989: Seven persons were killed on Wednesday night when gunmen "
        "sprayed bullets on people sitting outside shops in the Latifabad and Qasimabad areas "
        "of Hyderabad, police said.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].country, "Pakistan");
        CHECK(fabs(inc[0].lat - 25.397) < 0.1 && fabs(inc[0].lon - 68.377) < 0.1);
    }
    free(inc);
}

/* "told the Quetta Press Club by telephone that five ... had been killed":
 * the club as the press, not where it happened; the claim is the attack's. */
static void test_extract_told_press_club(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "QUETTA, Nov 19, 2010: Two persons were killed when a rocket fired by miscreants hit "
        "a house close to the Frontier Corps camp in Kohlu town on Thursday. A person claiming "
        "to speak for the BLA, who identified himself as Meerak Baloch, told the Quetta Press "
        "Club by telephone that five FC personnel had been killed in the attack.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Kohlu");
        CHECK((c = claim_of(&inc[0], "BLA")) != NULL && c->killed == 5);
    }
    free(inc);
}

/* A document whose first sentence tells its day ("On 8 May 2014, a convoy
 * was ambushed"): that day is the event's, not a dateline it happened the
 * day before or on. */
static void test_extract_first_sentence_day(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "On 8 May 2014, a convoy was ambushed in Quetta, killing one soldier.\n\n"
        "On 10 May 2014, a bomb exploded in Quetta, killing two people.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2014-05-08");
        day_is(inc[0].date_end, "2014-05-08");
        CHECK(inc[0].date_precision == 1);
    }
    free(inc);
}

/* "The FC has confirmed one death": a death counted in the singular. */
static void test_extract_one_death(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "On 8th May, 2014, a convoy of the Frontier Corps was ambushed in the Suntsar area of "
        "Gwadar district. The banned Baloch Liberation Front (BLF), through its spokesman "
        "Gwahram Baloch, claimed that six personnel had been killed. The FC has confirmed one "
        "death.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "FC")) != NULL && c->killed == 1);
        CHECK((c = claim_of(&inc[0], "BLF")) != NULL && c->killed == 6);
    }
    free(inc);
}

/* A cable in capitals: "THAT", "OUR" are no villages (Thath, Or), letters
 * spaced out ("C O N F I D E N T I A L") no name, and the MQM a party. */
static void test_extract_cable_capitals(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "C O N F I D E N T I A L KARACHI 04812\n\nKARACHI, MAY 23, 1995\n\n"
        "4. (C) MAY 22. A SERIES OF ATTACKS ON POLICE AND RANGERS POSTS AND THE POLICE "
        "RESPONSE LEFT 13 DEAD ACROSS THE CITY BY THE POLICE COUNT. AN MQM SPOKESMAN TOLD "
        "POLOFF BY TELEPHONE THAT \"SIXTEEN OF OUR BOYS AND INNOCENT CITIZENS\" WERE KILLED.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Karachi");
        CHECK(inc[0].killed == 13);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 16);
    }
    free(inc);
}

/* "The MQM, in a statement from London the next day, said 22 had died": a
 * faction's figure, not the police's corrected. */
static void test_extract_faction_claim(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "KARACHI, June 30, 1995\n\n"
        "Police and Rangers surrounded a house in North Nazimabad, Karachi, on the morning of "
        "May 18 and fought a \"terrorist cell\" for most of the day. The police say 17 people "
        "were killed, including two policemen. The MQM, in a statement from London the next "
        "day, said 22 had died.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 17);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 17);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 22);
    }
    free(inc);
}

/* "The traders' association later put the dead at six": a body the lexicon
 * does not know speaks, named as the text names it; "officials were
 * saying four" is the officials' figure. */
static void test_extract_unknown_body(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MIRANSHAH, March 31, 2012\n\n"
        "Shortly before the Friday prayers, missiles struck a building in the main market area "
        "of Miranshah. Within the hour officials were saying four militants had been killed. "
        "The traders' association later put the dead at six, including, it said, two men who "
        "ran a tea stall.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK((c = claim_of(&inc[0], "Officials")) != NULL && c->killed == 4);
        CHECK((c = claim_of(&inc[0], "Traders' association")) != NULL && c->killed == 6);
    }
    free(inc);
    inc = extract("KARACHI, Aug 22, 1989\n\n"
                  "Thirteen persons were killed and over 50 injured in Karachi on Sunday in armed "
                  "clashes between Mohajirs and Pakhtuns, a police spokesman said. The Pakhtun "
                  "Action Committee said 19 people had been killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK((c = claim_of(&inc[0], "Pakhtun Action Committee")) != NULL && c->killed == 19);
    free(inc);
}

/* A Pakistani story's "Charbagh" and "Darra": not Faryab's town of the name
 * (an alias) nor Panjshir's district, which the names alone give, but
 * Pakistan's: Darra Adam Khel, and the Charbagh nearest the other incidents
 * (Swat's), at precision 2. */
static void test_extract_lone_country(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, March 4, 2009 -- Militants attacked a checkpoint in Bajaur Agency on "
        "Monday, killing two soldiers, officials said.\n\n"
        "In Mingora, a bomb killed three people on Monday, police said.\n\n"
        "In a separate incident, four policemen were killed when gunmen opened fire on their "
        "van in Charbagh on Tuesday.\n\n"
        "On Wednesday, five people were killed in a blast at an arms shop in Darra, police "
        "said.\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        CHECK_STR(inc[2].country, "Pakistan");
        CHECK_STR(inc[2].admin2, "Swat");
        CHECK(inc[2].geo_precision == 2);
        CHECK_STR(inc[3].place_name, "Darra Adam Khel");
    }
    free(inc);
}

/* "On 10 December three militants were killed ... in the Murghan area of
 * Central Kurram, and on 13 December, across the agency boundary in Khyber,
 * mortar shells landed ... killing six": two incidents, the second opening
 * with its own day; "Residents who brought the bodies to Peshawar" tell of
 * it, not of a Peshawar incident. */
static void test_extract_and_on_day(void)
{
    size_t n, peshawar = 0;
    fm_text_incident *inc = extract(
        "Quarterly report, January 2012\n\n"
        "In December two incidents fell within a week of each other. On 10 December 2011 three "
        "militants were killed when security forces repulsed an attack on a checkpoint in the "
        "Murghan area of Central Kurram, and on 13 December, across the agency boundary in "
        "Khyber, mortar shells landed on houses in the Shalobar area of the Tirah valley, "
        "killing six people. Residents who brought the bodies to Peshawar on 14 December said "
        "nine people had died.\n",
        &n);
    CHECK(n >= 2);
    if (n >= 2) {
        CHECK_STR(inc[0].place_name, "Murghan");
        CHECK(inc[0].killed == 3);
        CHECK_STR(inc[1].place_name, "Shalobar");
        CHECK(inc[1].killed == 6);
        day_is(inc[1].date_start, "2011-12-13");
    }
    for (size_t i = 0; i < n; i++)
        peshawar += !strcmp(inc[i].place_name, "Peshawar");
    CHECK(peshawar == 0);
    free(inc);
}

/* "speaking at a press conference ... on Friday, said five people had died
 * in Wednesday's strike": the strike's day, not the press conference's. */
static void test_extract_possessive_day(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, June 20, 2015\n\n"
        "Elders of the Kuki Khel tribe, speaking at a press conference at the Peshawar Press "
        "Club on Friday, said five people had died in Wednesday's strike in Tirah.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        day_is(inc[0].date_start, "2015-06-17");
        /* (and the press conference's press club is where it was said: no
         * hint that Tirah lies in Peshawar, where a Tarai Payan does) */
        CHECK(strcmp(inc[0].admin2, "Peshawar") != 0);
    }
    free(inc);
}

/* "Two civilians, a woman and her son, embraced shahadat": the two, named
 * between commas, not two more; "Two soldiers, a civilian and a child were
 * killed" is still four. */
static void test_extract_apposition(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Indian troops shelled villages near Bhimber on 8 June 1999. Two civilians, a woman and "
        "her son, embraced shahadat and four were injured.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
    inc = extract("Indian troops shelled villages near Bhimber on 8 June 1999. Two soldiers, a "
                  "civilian and a child were killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 4);
    free(inc);
}

/* A name left unplaced for its namesakes is the place of that name the
 * document placed; two parties' figures told under one dateline's vague day
 * at one place are claims of one incident. */
static void test_extract_one_sense(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, Pakistan, May 27, 2011 (AP) - Jets bombed hideouts in Orakzai. The army "
        "has fought in Mohmand since January.\n\n"
        "Eighteen militants died in the Mamozai area of Orakzai, officials said. Four more were "
        "killed when jets hit a compound in the Mandan area of Kurram, they said.\n\n"
        "Taliban spokesman Ehsanullah Ehsan disputed the account. Speaking by telephone, he "
        "said the bombs in Mamozai had killed six people, all of them villagers.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        const fm_text_claim *c = claim_of(&inc[0], "Taliban");
        CHECK(inc[0].killed == 18);
        CHECK_STR(inc[0].place_name, "Mamozai");
        CHECK_STR(inc[0].admin2, "Orakzai");
        CHECK(c != NULL && c->killed == 6);
    }
    free(inc);
}

/* A digest item's "9. JANG (Karachi), 4 May." dates its "yesterday"; a
 * correction's "earlier report ..., which gave four dead" is superseded;
 * police's terrorists and a party's own workers are one disputed dead, not
 * two groups to add; "had been picked up from their homes and killed" ties
 * six to its verb; the police "stand by their figure of four"; a party's
 * placeless figure for the day of the one incident placed is its claim. */
static void test_extract_press_digest(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "URDU PRESS DIGEST, covering papers of 27 March - 4 May 1994\n\n"
        "4. JANG (Karachi), 28 March.\n"
        "Headline: \"Four terrorists killed in police encounter\"\n"
        "The paper reports that on Sunday night a police party raided a house in [central] "
        "Karachi on a tip-off and \"four terrorists of the MQM\" were killed in the exchange of "
        "fire; a head constable was injured. SSP Central is quoted: \"They opened fire first; we "
        "recovered three Kalashnikovs and a pistol.\"\n\n"
        "5. AMN (Karachi), 29 March.\n"
        "Headline (translated): \"Six workers murdered in fake encounter - MQM\"\n"
        "\"The MQM's coordination committee, in a statement issued from London, said today that "
        "six of its workers had been picked up from their homes and killed in cold blood in "
        "Sunday's so-called encounter.\" The paper adds that the police \"stand by their figure "
        "of four bodies\" and that the bodies of four men were handed over by the Abbasi Shaheed "
        "Hospital mortuary. [Translator: Amn is generally considered close to the MQM.]\n\n"
        "9. JANG (Karachi), 4 May.\n"
        "\"Five persons were killed yesterday in Sukkur when police fired on MQM workers.\"\n\n"
        "12. JASARAT (Karachi), 5 May.\n"
        "Corrects its earlier report of the 3 May clash, which gave four dead: \"the figure was "
        "five; one of the injured, earlier reported dead, is out of danger\".\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "1994-03-27");
        CHECK(inc[0].killed == 4);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 6);
        /* (the police's "four bodies" and the mortuary's "four men" are
         * still added: eight on the police's account) */
        day_is(inc[1].date_start, "1994-05-03");
        CHECK_STR(inc[1].place_name, "Sukkur");
        CHECK(inc[1].killed == 5);
    }
    free(inc);
    inc = extract("KARACHI, March 29, 1994 - Police said four terrorists were killed in an "
                  "encounter in Karachi on Sunday night.\n\n"
                  "The MQM said that six of its workers had been killed in the encounter.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 4 && inc[0].killed_hi == 6);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 6);
    }
    free(inc);
    inc = extract("KARACHI, March 29, 1994 - Four men were killed in an encounter in Karachi on "
                  "Sunday night.\n\n"
                  "The MQM said that six of its workers had been killed in the encounter. The "
                  "paper adds that the police \"stand by their figure of four bodies\".\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 4);
    free(inc);
}

/* A file "on operations in North and South Waziristan" is about two
 * districts, not South Waziristan alone (Mir Ali went to a Shahwali); the
 * district a document is about does not turn "the Ghulam Khan crossing"
 * into a Ghulam Khel of its spelt alike. */
static void test_extract_paired_districts(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "File: ISPR press releases on operations in North and South Waziristan, March 2005 - "
        "July 2006.\n\n"
        "No 4/2006-ISPR                          Rawalpindi - January 7, 2006\n\n"
        "Terrorists this morning attacked a checkpoint of the security forces in Mir Ali town. "
        "The troops retaliated in self-defence. Eight terrorists were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Mir Ali");
        CHECK(fabs(inc[0].lat - 32.9702) < 0.01);
    }
    free(inc);
    inc = extract("File: ISPR press releases on operations in South Waziristan, March 2005 - July "
                  "2006.\n\n"
                  "No 31/2005-ISPR                         Rawalpindi - March 5, 2005\n\n"
                  "Security forces today cordoned off a compound at Davorgar Saidgi village, near "
                  "the Ghulam Khan crossing. In the exchange two terrorists were killed.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK_STR(inc[0].place_name, "Ghulam Khan");
    free(inc);
}

/* Where speakers met the teller, whom a caller spoke for and where a convoy
 * set out are not where it happened; a caller speaks for whom he names in
 * quotation marks; "We use the official figure" adopts the officials', not
 * the last speaker's. */
static void test_extract_disputed_section(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ICCS FATA Security Review, Quarterly No. 7, October 2004\n\n"
        "## 3. Disputed figures\n\n"
        "**Wana, 17 June.** The political administration's figure for the firing in Wana "
        "bazaar on 17 June is six dead: four militants and two passers-by. Tribal elders of the "
        "Zalikhel who met the Centre's researcher in Peshawar a week later gave a higher "
        "number: \"Nine people died that day, and only two of them had guns,\" said one of "
        "them. We use the official figure in the table.\n\n"
        "**Near Miranshah, 23 August.** An army convoy travelling from Bannu was ambushed about "
        "six kilometres short of Miranshah on the Monday morning, 23 August. According to the "
        "ISPR, four soldiers were killed and seven injured. A man who said he spoke for the "
        "\"mujahideen of North Waziristan\" telephoned journalists in Miranshah that evening to "
        "say that fifteen soldiers had died.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Wana");
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Tribal elders")) != NULL && c->killed == 9);
        CHECK_STR(inc[1].place_name, "Miran Shah");
        CHECK(inc[1].killed == 4);
        CHECK((c = claim_of(&inc[1], "Mujahideen")) != NULL && c->killed == 15);
    }
    free(inc);
}

/* "according to provincial officials" names the officials; the party a
 * speaker "accused ... of" shelling does not speak. */
static void test_extract_accused(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "WASHINGTON, July 2006 - Background note.\n\n"
        "On June 25, 2004, fifteen people were killed in an armed clash near Mand, in Kech "
        "district, according to provincial officials.\n\n"
        "Dera Bugti, June 13, 2006. Provincial officials said five people were killed in an "
        "exchange of fire between the FC and tribesmen in Dera Bugti district. Bugti's Jamhoori "
        "Watan Party (JWP) accused the FC of shelling villages and put the toll at twelve.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK((c = claim_of(&inc[0], "Officials")) != NULL && c->killed == 15);
        CHECK(inc[1].killed == 5);
        CHECK((c = claim_of(&inc[1], "JWP")) != NULL && c->killed == 12);
        CHECK(claim_of(&inc[1], "FC") == NULL);
    }
    free(inc);
}

/* A house's debate: members' and the minister's turns under the chair's
 * ("Mr. Speaker:"); each turn's figures are its speaker's (the party in its
 * tag's brackets, the minister, or a member by his name); "I will not
 * accept that twelve were killed" gives no twelve. */
static void test_extract_debate_turns(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "NATIONAL ASSEMBLY OF PAKISTAN, DEBATES, Tuesday, the 5th June, 1990\n\n"
        "Mr. Speaker: Supplementary question, Rana Sahib.\n\n"
        "Rana Ghulam Farid (PML, Sheikhupura-II): Sir, will the Minister tell the House why the "
        "army was not called out?\n\n"
        "Minister for Interior: Sir, the army was requisitioned on the same day at 3 p.m. Nine "
        "persons were killed in Hyderabad on the 26th of May.\n\n"
        "Sardar Khuda Bakhsh Unar (IJI, Jacobabad-I): Point of order, Sir. The Minister keeps "
        "repeating the figure of nine. Our party workers in Hyderabad have visited every house. "
        "Sixteen people died in Hyderabad that Saturday. Sixteen.\n\n"
        "Mr. Kanwar Khalid Yunus: Sir, on the 16th of February the police raided Liaquatabad in "
        "Karachi. My party has the names of twelve young men who were killed that night.\n\n"
        "Minister for Interior: Sir, eight persons were killed in Liaquatabad on the 16th of "
        "February. I will not accept that twelve were killed in that operation.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 9);
        CHECK((c = claim_of(&inc[0], "Minister for Interior")) != NULL && c->killed == 9);
        CHECK((c = claim_of(&inc[0], "IJI")) != NULL && c->killed == 16);
        CHECK(inc[1].killed == 8);
        CHECK((c = claim_of(&inc[1], "Mr. Kanwar Khalid Yunus")) != NULL && c->killed == 12);
        CHECK((c = claim_of(&inc[1], "Minister for Interior")) != NULL && c->killed == 8);
    }
    free(inc);
}

/* The army across the Line of Control counts Pakistani soldiers it says it
 * killed: a claim beside the ISPR's three civilians, not a group to add. */
static void test_extract_other_army(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ISLAMABAD, Sept 30, 1997 (AFP) - Three Pakistani civilians were killed on Tuesday when "
        "Indian artillery shelled the Shingo sub-sector near Skardu in the Northern Areas, the "
        "military said.\n\n"
        "In New Delhi an Indian army spokesman gave a different account, saying Indian troops had "
        "\"killed fifteen Pakistani soldiers\" in retaliation.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 3);
        CHECK((c = claim_of(&inc[0], "Indian Army")) != NULL && c->killed == 15);
    }
    free(inc);
    inc = extract("ISLAMABAD, Oct 1, 1997 (AFP) - At least six people were killed on Wednesday "
                  "in Indian shelling of the Leepa valley, officials said.\n\n"
                  "In Srinagar, an Indian defence spokesman said twenty \"armed intruders\" had "
                  "been killed in the Leepa area.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Indian Army")) != NULL && c->killed == 20);
    }
    free(inc);
}

/* An FIR's complainant speaks ("Complainant Syed Ashraf Ali, in-charge of
 * the unit office, states in his FIR that seven persons were killed"): his
 * seven is a claim beside the police's five. */
static void test_extract_complainant(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "KARACHI, 17-6-1997\n\n"
        "Armed men attacked the unit office of a political party in Karachi on 16-6-1997, "
        "killing five persons, police said. Complainant Syed Ashraf Ali, in-charge of the unit "
        "office, states in his FIR that seven persons were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Complainant")) != NULL && c->killed == 7);
    }
    free(inc);
}

/* "A woman and her son were shot dead" is two: a son, a nephew, a cousin
 * named after "his" or "her" is one more person. */
static void test_extract_relatives(void)
{
    size_t n;
    fm_text_incident *inc = extract("KARACHI, June 11, 1997 - A woman and her son were shot dead "
                                    "near their house in Karachi on Tuesday.\n",
                                    &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
    inc = extract("KARACHI, June 11, 1997 - A policeman and his nephew were killed in Karachi on "
                  "Tuesday.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
}

/* "Three passers-by died of their injuries": the "-by" is no preposition;
 * "Nine bodies, counting the attacker's" counts everyone (not the attacker's
 * group beside the passers-by); "security men" are a group of their own. */
static void test_extract_passers_by(void)
{
    size_t n;
    fm_text_incident *inc = extract("On 22 July 1989 gunmen opened fire on a bus stop in "
                                    "Hyderabad. Three passers-by died of their injuries before "
                                    "reaching the Civil Hospital.\n",
                                    &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 3);
    free(inc);
    inc = extract("On 9 December 2007 a suicide car bomber struck a checkpoint at Imam Dheri "
                  "near Mingora. Three security men and five passers-by were killed, and the "
                  "bomber also died. Nine bodies, counting the attacker's, were brought to "
                  "Saidu Teaching Hospital.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 9);
    free(inc);
}

/* "Leaders of the Pakhtoon transporters ... claimed that eight of their men
 * had died": the transporters are a party; "The Department ... finds no
 * basis for the higher figure; the toll stands at five" is the document's
 * own voice, not the transporters'. */
static void test_extract_leaders_of(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "On 15th August 1989 an armed clash broke out at a transport terminal in Karachi, in "
        "which five persons were killed, police said. Leaders of the Pakhtoon transporters, in "
        "a press conference held the next day, claimed that eight of their men had died. The "
        "Department finds no basis for the higher figure; the toll stands at five.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Pakhtoon transporters")) != NULL && c->killed == 8);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 5);
    }
    free(inc);
}

/* "(3) Peshawar, the same day, 29 August. In Chughalpura, in the area of the
 * Chamkani police station, ... three policemen were killed and their
 * weapons taken": the paragraph's own place and day (not the Rabat attack
 * of the item before; not Tsamkani, Paktia, named like the police
 * station). */
static void test_extract_item_place(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "Filed 14 September 2016.\n\n"
        "(2) Lower Dir, Monday 29 August. Our brothers ambushed the vehicles of a leader at "
        "Rabat. Seven of his guards were killed.\n\n"
        "(3) Peshawar, the same day, 29 August. In Chughalpura, in the area of the Chamkani "
        "police station, our brothers targeted a police patrol; three policemen were killed "
        "and their weapons taken.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 7);
        CHECK_STR(inc[1].place_name, "Chughalpura");
        CHECK_STR(inc[1].country, "Pakistan");
        CHECK(inc[1].killed == 3);
    }
    free(inc);
}

/* A cable in capitals: "FOR MOST OF THE DAY" is no place (Day, Ghor). */
static void test_extract_caps_the_day(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "3. (C) NORTH NAZIMABAD, MAY 18, 1995. POLICE AND RANGERS SURROUNDED A HOUSE IN BLOCK "
        "S OF NORTH NAZIMABAD, KARACHI, ON THE MORNING OF MAY 18 AND FOUGHT A TERRORIST CELL "
        "FOR MOST OF THE DAY. THE POLICE SAY 17 PEOPLE WERE KILLED.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].country, "Pakistan");
        CHECK(inc[0].killed == 17);
    }
    free(inc);
}

/* An urgent action's paragraphs: "in the past ten days" totals a period;
 * "local officials later corrected this to two, and told FRI that the third
 * death ... had occurred in Bhimber district" revises the toll just told;
 * "FRI has not been able to verify" is no Friday; "Indian newspapers,
 * quoting unnamed army officers, reported ... 25" is the Indian army
 * officers' claim; "The Azad Kashmir authorities' figure of five" theirs;
 * a line that ends "in the" goes on into "Neelum valley: ...", no field. */
static void test_extract_urgent_action(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Issue date: 7 August 2002\n\n"
        "At least seven civilians have been killed in the Neelum valley and Bhimber district in "
        "the past ten days.\n\n"
        "On Monday 29 July, two civilians were killed when shells struck homes in Kharigam and "
        "Dudnial villages in the Neelum valley. Initial press reports gave three dead in "
        "Dudnial; local officials later corrected this to two, and told FRI that the third "
        "death reported that week had occurred in Bhimber district.\n\n"
        "On Saturday 3 August, five people were killed near Athmuqam, in the\n"
        "Neelum valley: four civilians and a soldier. Indian newspapers, quoting unnamed army\n"
        "officers, reported that \"around 25 Pakistani soldiers and intruders\" had been killed.\n"
        "FRI has not been able to verify that account. The Azad Kashmir authorities' figure of\n"
        "five dead is the only one supported by names.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2002-07-29");
        CHECK(inc[0].killed == 2);
        day_is(inc[1].date_start, "2002-08-03");
        CHECK(inc[1].killed == 5);
        CHECK((c = claim_of(&inc[1], "Indian army officers")) != NULL && c->killed == 25);
        CHECK((c = claim_of(&inc[1], "Azad Kashmir authorities")) != NULL && c->killed == 5);
    }
    free(inc);
}

/* "Fazlullah's spokesman, Maulana Ghulam Hussain, tells BBC Urdu ...: \"Three
 * of our companions were martyred\"": the movement's claim beside the ISPR's
 * eight, not the count; "quoting their army" on Indian television is the
 * Indian Army's. */
static void test_extract_group_spokesman(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "6 December 2007 (Thursday). ISPR: eight militants are killed when troops clear a ridge "
        "in Swat district. Fazlullah's spokesman, Maulana Ghulam Hussain, tells BBC Urdu the "
        "same evening, in Pashto: \"Three of our companions were martyred, and no one else "
        "died there.\"\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 8);
        CHECK((c = claim_of(&inc[0], "Fazlullah")) != NULL && c->killed == 3);
    }
    free(inc);
    inc = extract("[Recording: Monday 12 June 2017, evening bulletin]\n\n"
                  "Two civilians were martyred this morning in Indian firing in the Hot Spring "
                  "sector near Kotli, the ISPR has said.\n\n"
                  "Indian television channels are saying, quoting their army, that four "
                  "Pakistani soldiers were killed when Indian troops \"responded\".\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 2);
        CHECK((c = claim_of(&inc[0], "Indian Army")) != NULL && c->killed == 4);
    }
    free(inc);
}

/* "The unit uses the officials' figure of six": a plural's possessive owns
 * its figure, told again (not an incident of its own the next day). */
static void test_extract_plural_owner(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "On 13 December 2011 mortar shells landed on houses in the Shalobar area of the Tirah "
        "valley, killing six people. Residents who brought the bodies to Peshawar on 14 "
        "December said nine people had died; officials said the shells were fired by "
        "militants. The unit uses the officials' figure of six, the only one given in writing, "
        "and notes the residents' nine.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 6);
    free(inc);
}

/* A courts page: "A policeman was martyred ... and two of the attackers were
 * also killed" is three dead; "COURTS PAGE - SELECTED REPORTS, 2016-2017"
 * over "LAHORE, Oct 19: ... on Wednesday" dates the report in 2016 (Oct 19
 * was a Wednesday then), not in a later year the weekday fits. */
static void test_extract_courts_page(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "On Sept 11, 2015 militants opened fire on a police post in Peshawar. A policeman was "
        "martyred in the exchange of fire and two of the attackers were also killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 3);
    free(inc);
    {
        static const char doc[] = "COURTS PAGE - SELECTED REPORTS, 2016-2017\n\n"
                                  "LAHORE, Oct 19: The relatives of three men asked an "
                                  "anti-terrorism court on Wednesday to order an inquiry.\n";
        fm_text_date d;
        fm_text_dateline_named("courts.txt", doc, sizeof doc - 1, &d);
        day_is(d.start, "2016-10-19");
    }
}

/* Posts transcribed with their stamps below them: "7:52 PM \xC2\xB7 7 Feb 2015"
 * dates the post above it, which its section's heading dated only by month;
 * "DG ISPR @AsimBajwaISPR:" is the ISPR speaking; "Constable Muhammad Riaz
 * martyred." is one more dead (not a Police Lines "named after the Capital
 * City Police Officer martyred on 27th January 2007"). */
static void test_extract_posts(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Statements and rebuttals, 2014-2016\n\n"
        "Research desk transcription. Threads are given in full.\n\n"
        "1. Peshawar, April 2014\n\n"
        "ISPR: A military convoy was ambushed on the outskirts of Peshawar this afternoon. One "
        "soldier laid down his life. Troops responded effectively.\n\n"
        "SMS to journalists, 16:45, Friday 18 April 2014\n\n"
        "5. Upper Dir, July 2016\n\n"
        "DG ISPR @AsimBajwaISPR: Terrorists fired on a member of Village Defence Committee in "
        "Karo Darra valley, Upper Dir, today. He was martyred.\n\n"
        "6:48 PM \xC2\xB7 21 Jul 2016\n\n"
        "6. Haripur, May 2016\n\n"
        "KP Police @KPPoliceOfficial: CTD and Haripur police raid in village Pind Ghakhara "
        "near Haripur. 3 terrorists including a woman killed in exchange of fire. Constable "
        "Muhammad Riaz martyred. Suicide jackets recovered.\n\n"
        "11:14 PM \xC2\xB7 4 May 2016\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        day_is(inc[0].date_start, "2014-04-18");
        CHECK(inc[0].killed == 1);
        day_is(inc[1].date_start, "2016-07-21");
        CHECK((c = claim_of(&inc[1], "ISPR")) != NULL && c->killed == 1);
        day_is(inc[2].date_start, "2016-05-04");
        CHECK(inc[2].killed == 4);
    }
    free(inc);
    inc = extract("Police Shuhada Day was observed on 4th August 2011 in all districts. A central "
                  "ceremony was held at Malik Saad Shaheed Police Lines, Peshawar, named after "
                  "the Capital City Police Officer martyred on 27th January 2007.\n",
                  &n);
    CHECK(n == 0);
    free(inc);
}

/* "Police in Bannu say five militants were killed in a raid yesterday at
 * Jani Khel": the Jani Khel of Bannu, not the one across the border in
 * Paktika, though Bannu is named only as where the police speak. */
static void test_extract_across_border(void)
{
    size_t n;
    fm_text_incident *inc = extract("Evening bulletin, Thursday 26 September 2013\n\n"
                                    "ANCHOR: Good evening. Police in Bannu say five militants "
                                    "were killed in a raid yesterday at Jani Khel.\n",
                                    &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].country, "Pakistan");
        CHECK_STR(inc[0].admin2, "Bannu");
        CHECK(inc[0].killed == 5);
    }
    free(inc);
}

/* A briefing and its questions: "The BSF suffered 35 casualties, killed and
 * wounded" counts no dead; "Q (a daily from Lahore): ... the BSF says it
 * killed four Rangers near Sialkot on the 2nd" is the BSF's claim of the
 * Sialkot death, not an incident at Lahore. */
static void test_extract_briefing_questions(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ISPR press briefing, Rawalpindi, 9 June 2002\n\n"
        "DG ISPR: Last Sunday, that is the 2nd of June, Lance Naik Muhammad Akram of the Punjab "
        "Rangers embraced shahadat at a forward post near Sialkot, on the Working Boundary. Our "
        "response to that firing was effective. The BSF suffered 35 casualties, killed and "
        "wounded, according to our estimates.\n\n"
        "Q (a daily from Lahore): General sahib, the BSF says it killed four Rangers near "
        "Sialkot on the 2nd.\n\n"
        "DG ISPR: Four is false. One Rangers man was martyred.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Sialkot");
        CHECK(inc[0].killed == 1);
        CHECK((c = claim_of(&inc[0], "BSF")) != NULL && c->killed == 4);
    }
    free(inc);
}

static void test_extract_factbox_sections(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "FRONTIER WIRE SERVICE -- ARCHIVE PULL\n"
        "Query: FACTBOX, 1 June - 31 August 2010\n\n"
        "FACTBOX-Security developments in Pakistan, June 2\n\n"
        "ISLAMABAD, June 2 (FWS) - Following are security developments in\n"
        "Pakistan on Wednesday, June 2, at 1500 GMT.\n\n"
        "* ORAKZAI - Pakistani troops killed 20 militants in fighting around Shahhu village\n"
        "in the Orakzai tribal region, the military said.\n\n"
        "FACTBOX-Security developments in Pakistan, June 12\n\n"
        "ISLAMABAD, June 12 (FWS) - Following are security developments in\n"
        "Pakistan on Saturday, June 12.\n\n"
        "* ORAKZAI - Fighter jets bombed militant hideouts in Orakzai, killing\n"
        "10 suspected militants, a government official said.\n\n"
        "* NOWSHERA - Floods killed more than 800 people across Khyber\n"
        "Pakhtunkhwa province, a provincial minister said.\n",
        &n);
    CHECK(n == 2); /* (the floods are no incident) */
    if (n == 2) {
        day_is(inc[0].date_start, "2010-06-02");
        day_is(inc[1].date_start, "2010-06-12"); /* (not 2009's June 12) */
        CHECK(inc[1].killed == 10);
    }
    free(inc);
    inc = extract("DERA ISMAIL KHAN, 22 July 2018 - PTI candidate Ikramullah Khan Gandapur has "
                  "died of his wounds. The attack in the morning thus killed two people, the "
                  "candidate and one other man.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
}

static void test_extract_advisory_details(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "## Advisory KP-11/064 \xE2\x80\x94 Friday 30 September 2011\n\n"
        "**Details.**\n"
        "- **Lower Dir.** Officials said 35 militants who had crossed from Afghanistan were "
        "killed when they attacked border posts in Lower Dir district on Thursday. \"We lost six "
        "men, not thirty-five,\" Ehsanullah Ehsan, spokesman for the Tehrik-i-Taliban "
        "Pakistan, told reporters by telephone.\n"
        "- **Khyber.** On Wednesday, gunmen shot dead a former local leader of a religious "
        "party in Landi Kotal as he left his hujra.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].place_name, "Lower Dir");
        day_is(inc[0].date_start, "2011-09-29");
        CHECK(inc[0].killed == 35);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 6);
        CHECK(inc[1].killed == 1);
    }
    free(inc);
}

static void test_extract_fixed_table_wrapped(void)
{
    size_t n;
    /* a header over two lines, figures flush right under their dashes, cells
     * wrapped onto lines whose first cells are blank, a rule and a total */
    fm_text_incident *inc = extract(
        "KARACHI, 9 September 2016 - The CTD has recorded the following incidents.\n\n"
        "  S.No  Date of       Place                 Nature of incident           Killed  Injured\n"
        "        occurrence\n"
        "  ----  ----------    --------------------  ---------------------------  ------  -------\n"
        "   1    15-03-2013    Karachi (West)        Explosion while planting          1       2\n"
        "                                            IED; militant killed by\n"
        "                                            own device\n"
        "   2    12-09-2013    Karachi (West)        Hand grenade on police van        -       3\n"
        "   3    05-01-2014    Karachi (West)        Target killing of police          2       -\n"
        "                                            constables on patrol\n"
        "                                                                         ------  -------\n"
        "                                            TOTAL                             3       5\n",
        &n);
    size_t dead = 0;
    for (size_t i = 0; i < n; i++)
        dead += inc[i].killed > 0;
    CHECK(dead == 2);
    for (size_t i = 0; i < n; i++) {
        if (inc[i].killed == 1) {
            day_is(inc[i].date_start, "2013-03-15");
            CHECK(inc[i].injured == 2);
        } else if (inc[i].killed > 0) {
            CHECK(inc[i].killed == 2);
            day_is(inc[i].date_start, "2014-01-05");
        }
    }
    free(inc);
}

static void test_extract_press_digest_items(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "TRIBAL AREAS MEDIA DIGEST\n"
        "Selected items from the Urdu press, translated\n\n"
        "----------------------------------------------------------------------\n"
        "Daily Aaj (Peshawar), Wednesday 17 May 2006, p. 1\n"
        "\"Fierce fighting near Miranshah: one soldier martyred, eight\n"
        "militants killed\"\n\n"
        "MIRANSHAH: Heavy fighting took place yesterday in the Shawat area,\n"
        "about twelve kilometres south-west of Miranshah, between security\n"
        "forces and militants. One soldier was martyred and eight militants\n"
        "were killed. Shaukat Sultan told this newspaper by telephone that\n"
        "militants attacked a post at dawn, and that \"nine people in all lost\n"
        "their lives\". Residents of Shawat, on the other hand, said that\n"
        "fourteen people had died.\n\n"
        "----------------------------------------------------------------------\n"
        "Daily Express (Peshawar), Friday 20 October 2006, p. 1\n"
        "\"Two soldiers martyred at Ganji Tikri\"\n\n"
        "WANA: Two security personnel were martyred yesterday evening when\n"
        "unknown men opened fire on their vehicle at Ganji Tikri, a village\n"
        "adjoining Shakai in South Waziristan.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2006-05-16"); /* ("yesterday": the paper's day before) */
        CHECK(inc[0].killed == 9);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 9);
        CHECK((c = claim_of(&inc[0], "Residents")) != NULL && c->killed == 14);
        day_is(inc[1].date_start, "2006-10-19");
        CHECK_STR(inc[1].place_name, "Shakai"); /* (not the paper's Peshawar) */
    }
    free(inc);
    inc = extract("WANA, 10 September 2004 - Air strikes hit what the military called a "
                  "training camp near Dila Kula. The military spokesman, Maj. Gen. Shaukat "
                  "Sultan, put the dead at 60; tribal elders told reporters that as many as 150 "
                  "people had died.\n",
                  &n);
    CHECK(n == 1); /* (the party as the text names it: the DG's name after it is
                    * the same speaker) */
    if (n == 1)
        CHECK((c = claim_of(&inc[0], "Military")) != NULL && c->killed == 60);
    free(inc);
}

static void test_extract_weekly_periods(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "NGO SAFETY OFFICE\n"
        "WEEKLY SECURITY ADVISORIES -- selected issues, March to July 2008\n\n"
        "======================================================================\n"
        "ADVISORY 10/2008 -- period Saturday 8 March to Friday 14 March\n"
        "======================================================================\n\n"
        "- MOHMAND / IDF / Sunday: a civilian was killed when a mortar round\n"
        "  landed on a house in the Pindiali area of Mohmand Agency.\n\n"
        "======================================================================\n"
        "ADVISORY 12/2008 -- period Saturday 22 March to Friday 28 March\n"
        "======================================================================\n\n"
        "- ORAKZAI / TRB / Tuesday: a land dispute turned into a gun battle in\n"
        "  Orakzai Agency. The political administration puts the dead at seven.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2008-03-09"); /* (the week's Sunday, not the 2nd) */
        day_is(inc[1].date_start, "2008-03-25");
    }
    free(inc);
}

static void test_extract_tribes_and_correspondents(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ISLAMABAD, 1 July 2009 - Fighting between the Turi and Bangash tribes flared again on "
        "Monday (29 June) in and around Sadda. The political administration said three people "
        "were killed. Elders of the Turi tribe told our Parachinar correspondent that seven of "
        "their men had died.\n",
        &n);
    CHECK(n == 1); /* (not Bangash, a village of Swat, nor the correspondent's town) */
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Sadda");
        CHECK(inc[0].killed == 3);
        CHECK((c = claim_of(&inc[0], "Turi elders")) != NULL && c->killed == 7);
    }
    free(inc);
}

static void test_extract_spokesmen_by_name(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PESHAWAR, July 3, 2009 - Security forces killed seventeen militants at Shah Dheri in "
        "Swat on Thursday, officials said. The Taliban spokesman, Muslim Khan, told the BBC the "
        "same night that \"only three\" people had been killed at Shah Dheri.\n\n"
        "Five soldiers were killed at Matta in Swat on Friday, the army said. Muslim Khan, the "
        "spokesman of the Swat Taliban, contradicted the figure and said twelve soldiers had "
        "died.\n\n"
        "Security forces killed 13 militants in Kabal, Swat, on Saturday, the Interior Ministry "
        "said. The Taliban, through their spokesman Muslim Khan, claimed that twenty security "
        "men had been killed.\n\n"
        "Pakistani troops killed 20 militants around Shahhu village in Orakzai on Sunday, the "
        "military said. Azam Tariq said by telephone that five fighters had died in all and "
        "called the army's figure \"a lie\".\n",
        &n);
    CHECK(n == 4);
    if (n == 4) {
        /* the text's own name for his party, not the one his name maps to */
        CHECK((c = claim_of(&inc[0], "Taliban")) != NULL && c->killed == 3);
        CHECK((c = claim_of(&inc[1], "Swat Taliban")) != NULL && c->killed == 12);
        CHECK((c = claim_of(&inc[2], "Taliban")) != NULL && c->killed == 20);
        /* named alone, his party; the army whose figure he called a lie does not speak */
        CHECK((c = claim_of(&inc[3], "TTP")) != NULL && c->killed == 5);
        CHECK(inc[3].killed == 20);
    }
    free(inc);
}

static void test_extract_owned_figures(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "KARACHI, 2 June 1990 - Armed men went from house to house in Qayyumabad, Karachi, on "
        "Thursday. The police surgeon received thirty-three bodies. The MQM said \"no fewer "
        "than fifty-two of our people were slaughtered in Qayyumabad alone\". Our reporter "
        "traced the funerals; the police figure of thirty-three is the one we accept.\n\n"
        "Troops killed 25 militants around Kaniguram on Friday, the army said. A Taliban "
        "spokesman, reached by phone, says only three fighters died and calls the army's "
        "figures \"propaganda\".\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(inc[0].killed == 33);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 52);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 33);
        CHECK(inc[1].killed == 25);
        CHECK((c = claim_of(&inc[1], "Taliban")) != NULL && c->killed == 3);
    }
    free(inc);
}

static void test_extract_ages_and_depositions(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MUZAFFARABAD, 6 October 2002\n\nOn Friday, 4 October 2002, a boy of fourteen was "
        "killed by a shell near Mirpur while grazing cattle.\n\n"
        "On 2 October a vendor, 45, was killed when a shell fell on the bazaar at Kotli.\n\n"
        "On 2 February three persons were killed in Sehnsa when armed men fired at a coach. "
        "The FIR records three deaths. The complainant, however, deposed that \"four of us "
        "died that morning\".\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 1); /* (his age, not fourteen dead) */
        CHECK(inc[1].killed == 1);
        CHECK(inc[2].killed == 3);
        CHECK((c = claim_of(&inc[2], "Complainant")) != NULL && c->killed == 4);
    }
    free(inc);
}

static void test_extract_statement_issued_at(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MUZAFFARABAD, 20 November 2002\n\nBhimber district. On 7 September 2002 a man was "
        "killed and two others injured when Indian troops opened fire on villages in Bhimber "
        "district. The Secretary informed the Committee that the Inter Services Public "
        "Relations had confirmed one civilian death. The Indian Army, in a statement\nissued "
        "at Jammu, had claimed that its troops had \"silenced Pakistani posts, killing six "
        "Pakistani soldiers\".\n",
        &n);
    CHECK(n == 1); /* (not a second incident at Jammu, where it was said) */
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Bhimber");
        CHECK(inc[0].killed == 1);
        CHECK((c = claim_of(&inc[0], "ISPR")) != NULL && c->killed == 1);
        CHECK((c = claim_of(&inc[0], "Indian Army")) != NULL && c->killed == 6);
    }
    free(inc);
}

static void test_extract_situation_report_counts(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PESHAWAR, 27.11.2010\n\n1.  HANGU DISTRICT\n    At 1915 hrs on 25.11.2010, unknown "
        "militants fired on a police mobile at Mailo Kandao, near Hangu city. Constable Gul "
        "Rehman No. 512 (resident of Karak) embraced shahadat on the spot.\n\n"
        "2.  KOHAT DISTRICT\n    At 1630 hrs on 26.11.2010 militants ambushed a vehicle of the "
        "Frontier Constabulary at Akhorwal, Darra Adam Khel. One (01) FC sepoy and one (01) "
        "civilian passer-by were killed.\n\n"
        "3.  LAKKI MARWAT\n    On 26.11.2010 militants attacked police post Sarai Naurang; "
        "eight (08) militants were killed. Note: the local elders, through the district "
        "nazim, have stated that twelve bodies were counted at dawn.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 1); /* (not his belt number, nor his home) */
        CHECK(inc[1].killed == 2);
        CHECK(inc[2].killed == 8);
        CHECK((c = claim_of(&inc[2], "Local elders")) != NULL && c->killed == 12);
    }
    free(inc);
    /* Urdu "six terrorists killed, a woman among them": six */
    inc = extract("\xD8\xA7\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xA2\xD8\xA8\xD8\xA7\xD8\xAF"
                  "\xD8\x8C \xDB\xB1\xDB\xB0 \xD8\xB3\xD8\xAA\xD9\x85\xD8\xA8\xD8\xB1 \xDB"
                  "\xB2\xDB\xB0\xDB\xB1\xDB\xB9\xD8\xA1\n\n(\xDB\x81) \xD8\xA8\xD8\xAF\xDA"
                  "\xBE\xD8\x8C \xDB\xB4 \xD8\xB3\xD8\xAA\xD9\x85\xD8\xA8\xD8\xB1 \xDB\xB2"
                  "\xDB\xB0\xDB\xB1\xDB\xB9\xD8\xA1\xD8\x8C \xD8\xA7\xDB\x8C\xD8\xB3\xD9\xB9"
                  "\xD8\xB1\xD9\x86 \xD8\xA8\xD8\xA7\xD8\xA6\xDB\x8C \xD9\xBE\xD8\xA7\xD8\xB3"
                  "\xD8\x8C \xDA\xA9\xD9\x88\xD8\xA6\xD9\xB9\xDB\x81 (\xD8\xA8\xD9\x84\xD9"
                  "\x88\xDA\x86\xD8\xB3\xD8\xAA\xD8\xA7\xD9\x86): \xD8\xA7\xDB\x8C\xDA\xA9"
                  " \xD8\xAE\xD8\xA7\xD8\xAA\xD9\x88\xD9\x86 \xD8\xB3\xD9\x85\xDB\x8C\xD8\xAA"
                  " \xDA\x86\xDA\xBE (\xDB\xB0\xDB\xB6) \xD8\xAF\xDB\x81\xD8\xB4\xD8\xAA \xDA"
                  "\xAF\xD8\xB1\xD8\xAF \xDB\x81\xD9\x84\xD8\xA7\xDA\xA9\xDB\x94\n",
                  &n);
    CHECK(n == 1 && inc[0].killed == 6);
    free(inc);
}

static void test_extract_area_of_a_town(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 27.11.2010\n\nOn 25.11.2010 police surrounded a house in the Chaprai area "
        "of Bahrain. Three militants were killed.\n\n"
        "On 26.11.2010 two policemen were shot dead in Mardan (Rustam).\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_STR(inc[0].admin2, "Swat"); /* (Swat's Chaprai, that Bahrain lies in) */
        CHECK_STR(inc[1].admin2, "Mardan");
    }
    free(inc);
}

static void test_extract_next_day_named(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "        Newsletter No. 14   --   March 2011\n\n"
        "* On Wednesday 16 February a Levies sepoy was shot dead at his post in the upper "
        "tehsil of Orakzai.\n\n"
        "* The next day, Thursday, the army said six militants were killed when security "
        "forces attacked their hideout in the Anjani area of lower Orakzai. The elders of "
        "Anjani say nine men were killed. The Association has asked for an inquiry into the "
        "three labourers' deaths.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[0].date_start, "2011-02-16");
        CHECK(inc[0].killed == 1);
        day_is(inc[1].date_start, "2011-02-17");
        CHECK(inc[1].killed == 6);
        CHECK((c = claim_of(&inc[1], "Elders")) != NULL && c->killed == 9);
    }
    free(inc);
}

static void test_extract_press_conference_elsewhere(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Annual report 1990\n\nOn 15 July 1990 firing by armed groups and the police action "
        "in the old city of Hyderabad left forty-three persons dead. The Sindh Home Department "
        "put the death toll at forty-three in a statement issued the next day. Leaders of the MQM, at a press conference in Karachi on 17 July, said the real "
        "number was \"above seventy\".\n",
        &n);
    CHECK(n == 1); /* (not a second incident in Karachi on the 17th) */
    if (n == 1) {
        day_is(inc[0].date_start, "1990-07-15");
        CHECK_STR(inc[0].place_name, "Hyderabad");
        CHECK(inc[0].killed == 43);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 70);
    }
    free(inc);
}

static void test_extract_next_party_owns_the_verb(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "LANDI KOTAL, August 18, 2010: Two soldiers were martyred when militants attacked a "
        "security forces' vehicle in Khyber Agency on Wednesday, officials said. Later a "
        "spokesman for Lashkar-e-Islam said the group's fighters had killed seven soldiers.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 2);
        /* (the officials speak, not the security forces whose vehicle it was) */
        CHECK((c = claim_of(&inc[0], "Officials")) != NULL && c->killed == 2);
        CHECK((c = claim_of(&inc[0], "Lashkar-e-Islam")) != NULL && c->killed == 7);
    }
    free(inc);
}

static void test_extract_martyrs_and_adoption(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Journal of Urban Studies, 2001\n\nOn Friday, 19 June 1992, fighting between the MQM "
        "and the MQM (Haqiqi) left nine dead in Karachi, according to the police. The MQM's "
        "press release of the same night spoke of \"thirteen martyrs\", all of them its own "
        "workers. The police nine is the figure the newspapers printed and is the one we use; "
        "the MQM's thirteen appears nowhere else.\n\n"
        "Also in this issue, a call for donations \"for the families of 300 martyrs of "
        "1432\".\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 9); /* (the police's, the one the text uses) */
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 13);
    }
    free(inc);
}

static void test_extract_caller_and_broken_name(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "BULLETIN OF WEDNESDAY, 12 JUNE 2013\n\nRAHIMULLAH (by phone): Militants attacked a "
        "border post in Upper Dir yesterday evening. Local officials told me three militants\n"
        "were killed. But a short while ago a man who said he was speaking for the Tehreek-e-\n"
        "Taliban in Malakand called journalists here. He said... [inaudible] ...twelve\n"
        "soldiers were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 3); /* (not the officials' three and the TTP's twelve) */
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 12);
    }
    free(inc);
}

static void test_extract_cable_shot(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "KARACHI, May 25, 1995\n\nPOLICE SURROUNDED A HOUSE IN NORTH NAZIMABAD, KARACHI, ON "
        "MAY 18. THE POLICE SAY 17 PEOPLE WERE KILLED. THE MQM SAID 22 HAD DIED, AND THAT "
        "SEVERAL OF THEM WERE \"PICKED UP FROM THEIR HOMES AND SHOT.\"\n",
        &n);
    CHECK(n == 1); /* (not a second incident at a village called Shot) */
    if (n == 1) {
        CHECK(inc[0].killed == 17);
        CHECK((c = claim_of(&inc[0], "MQM")) != NULL && c->killed == 22);
    }
    free(inc);
}

static void test_extract_police_title_party(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MARDAN, 12 March 2016: Follow-up to our report of March 9. The DPO Mardan confirmed "
        "that the bombing at the Sheikh Maltoon checkpoint killed four policemen and two "
        "passers-by, six dead in all. A caller who said he spoke for the Taliban claimed that "
        "twenty police had been killed, a figure the police rejected.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 6);
        CHECK((c = claim_of(&inc[0], "Taliban")) != NULL && c->killed == 20);
    }
    free(inc);
}

static void test_extract_thread_stamps(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "Posts by a Quetta reporter, March 2016.\n\n"
        "[1/6] 14 Mar 2016 \xC2\xB7 09:10\n"
        "Blast at a passenger coach on Sariab Road #Quetta. Seven dead, police say.\n\n"
        "[2/6] 14 Mar 2016 \xC2\xB7 10:02\n"
        "\xE2\x86\xB3 @jundallah_media (Jundallah): \"our brother killed 30 Shia\" \xE2\x80\x94 "
        "the group claims 30 killed.\n\n"
        "[3/6] 14 Mar 2016 \xC2\xB7 10:30\n"
        "The claim of 30 is a lie. The police figure of 7 is the one I trust.\n\n"
        "[4/6] 14 Mar 2016 \xC2\xB7 17:45\n"
        "Same day in #Kalat: Levies say gunmen attacked a check post at Mangochar. 2 Levies "
        "men shaheed.\n",
        &n);
    CHECK(n == 2); /* (the post under its stamp goes on with the story; "Same day in
                    * #Kalat" is another) */
    if (n == 2) {
        CHECK(inc[0].killed == 7);
        CHECK((c = claim_of(&inc[0], "Police")) != NULL && c->killed == 7);
        CHECK((c = claim_of(&inc[0], "Jundullah")) != NULL && c->killed == 30);
        CHECK(inc[1].killed == 2 && claim_of(&inc[1], "Police") == NULL);
    }
    free(inc);
}

static void test_extract_release_dateline(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "ISPR press releases, with the answers they drew. Compiled by the desk.\n\n"
        "No PR-101/2019-ISPR                                Rawalpindi - March 3, 2019\n\n"
        "Terrorists attacked a security forces post in Datta Khel, North Waziristan, last "
        "night. One soldier embraced shahadat. [Not independently verified.]\n\n"
        "No PR-112/2019-ISPR                                Rawalpindi - March 9, 2019\n\n"
        "Security forces conducted an operation near Razmak, North Waziristan, today. Five "
        "terrorists were killed in the exchange of fire.\n\n"
        "TTP statement (e-mailed to journalists on March 11, 2019): \"The army lies. In "
        "Saturday's clash in Waziristan our fighters killed fourteen soldiers and none of ours "
        "was martyred.\"\n",
        &n);
    CHECK(n == 2); /* (the TTP's fourteen is not an incident at Rawalpindi, where the
                    * release was issued) */
    if (n == 2) {
        CHECK(!strcmp(inc[1].place_name, "Razmak") && inc[1].killed == 5);
        CHECK((c = claim_of(&inc[1], "TTP")) != NULL && c->killed == 14);
    }
    free(inc);
}

static void test_extract_notice_issued(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "PROJECT NOTICES, 2010\nCompiled for the steering committee, 2 May 2010\n\n"
        "SN-2010/01                                        Issued: Islamabad, 2 February "
        "2010\nSub-projects affected: all.\n\n"
        "Trigger. Nothing to report beyond the curfew.\n\nReview: 25 February 2010.\n\n"
        "SN-2010/03                                        Issued: Peshawar sub-office, 18 "
        "March 2010\nSub-projects affected: SWT-02 (Kabal water supply), SWT-05 (Dherai girls' "
        "primary school latrines), SWT-09 (Shalpin micro-hydel survey)\nDistrict: Swat\n\n"
        "Trigger. Fighting at Kabal on Tuesday. The army's statement, read out on Radio "
        "Pakistan's Peshawar news the same night, said two soldiers and three militants were "
        "killed near the town. Our mobiliser, who went to Kabal for the funerals on Wednesday, "
        "says villagers told him that eleven people had died there that day.\n",
        &n);
    CHECK(n == 1); /* (not at Peshawar, whose radio told it; not on the funerals' day) */
    if (n == 1) {
        CHECK(!strcmp(inc[0].place_name, "Kabal"));
        day_is(inc[0].date_start, "2010-03-16"); /* the Tuesday before the notice */
        CHECK(inc[0].killed == 5);
        CHECK((c = claim_of(&inc[0], "Army")) != NULL && c->killed == 5);
        CHECK((c = claim_of(&inc[0], "Villagers")) != NULL && c->killed == 11);
    }
    free(inc);
}

static void test_extract_quoted_as_saying(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "WANA, 30 September 2009\n\nA drone fired two missiles at a house in Sararogha on "
        "Tuesday night, killing six people, security officials told the paper. The paper's "
        "Wana correspondent quotes residents as saying the dead numbered nine.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK(!strcmp(inc[0].place_name, "Sararogha") && inc[0].killed == 6);
        CHECK((c = claim_of(&inc[0], "Residents")) != NULL && c->killed == 9);
    }
    free(inc);
}

static void test_extract_reply_from(void)
{
    size_t n;
    const fm_text_claim *c;
    fm_text_incident *inc = extract(
        "MINGORA, 12 October 2008\n\nYesterday (Saturday 11 October) troops and militants fought "
        "in and around Matta. By the evening the army's spokesman was quoted on the wires as "
        "saying eleven militants had been killed in the operation at Matta. The evening papers "
        "this morning carry a reply from Muslim Khan, who speaks for the Swat Taliban. He says "
        "the army's figure is \"a lie\" and that three of their men were martyred. The roads "
        "to Matta are closed.\n",
        &n);
    CHECK(n == 1); /* (not a second incident, at Swat, on the day the papers told it) */
    if (n == 1) {
        CHECK(!strcmp(inc[0].place_name, "Matta") && inc[0].killed == 11);
        CHECK((c = claim_of(&inc[0], "TTP")) != NULL && c->killed == 3);
        CHECK(claim_of(&inc[0], "Army") == NULL || claim_of(&inc[0], "Army")->killed == 11);
    }
    free(inc);
}

static void test_extract_update_label(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "QUETTA, 9 May 2013\n\nThis afternoon a car bomb exploded outside the Levies line in "
        "Pishin bazaar. The Home Department's figure at nine o'clock was 12 dead.\n\n"
        "Update (10 May, 07:30). The toll has risen to 14 after two of the injured died "
        "overnight at the Civil Hospital.\n",
        &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(!strcmp(inc[0].place_name, "Pishin") && inc[0].killed == 14);
    free(inc);
}

/* A table's two columns of one count from two sources ("Deceased (FIR)",
 * "Deceased (hospital record)") are claims, not victims to add up; a
 * "Deceased" column is a count of the dead at all. */
static void test_extract_table_sources(void)
{
    size_t n;
    fm_text_incident *inc = extract_as(
        "# Statement of compensation, district Peshawar\n\n"
        "**Dated Peshawar the 4th July, 2014**\n\n"
        "| S.No | Date of incident | Place / Police Station | Deceased (FIR) | "
        "Deceased (hospital record) | Injured | Remarks |\n"
        "|---|---|---|---|---|---|---|\n"
        "| 3 | 24-05-2013 | Faqirabad / PS Faqirabad | 3 | 4 (LRH) | 7 | Suicide attack near "
        "the polling-staff camp. Payment on three. |\n"
        "| 6 | 26-01-2014 | Pishtakhara / PS Pishtakhara | 1 | 1 (HMC) | 0 | Constable shot "
        "dead at a picket. |\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 2);
    if (n == 2) {
        const fm_text_claim *fir = claim_of(&inc[0], "Police");
        const fm_text_claim *hosp = claim_of(&inc[0], "Hospital");
        day_is(inc[0].date_start, "2013-05-24");
        CHECK(!strcmp(inc[0].place_name, "Faqirabad") && inc[0].killed == 3);
        CHECK(fir && fir->killed == 3);
        CHECK(hosp && hosp->killed == 4);
        day_is(inc[1].date_start, "2014-01-26");
        CHECK(inc[1].killed == 1);
    }
    free(inc);
}

/* "The elders of Mattani, in their jirga with the Assistant Commissioner on
 * 20-04-2013, claimed thirteen dead": the elders speak (not their jirga),
 * on the day of their jirga, about the blast told before at the same place. */
static void test_extract_claim_in_aside(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 24 April 2013\n\nA blast in a van at Mattani bazaar on 13-04-2013 killed "
        "ten people, police said. The elders of Mattani, in their jirga with the Assistant "
        "Commissioner on 20-04-2013, claimed thirteen dead.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *el = claim_of(&inc[0], "Elders");
        day_is(inc[0].date_start, "2013-04-13");
        CHECK(inc[0].killed == 10);
        CHECK(el && el->killed == 13);
        CHECK(!claim_of(&inc[0], "Jirga"));
    }
    free(inc);
}

/* "Maulvi Nazir's spokesman": a man after his title, and his spokesman, are
 * no place (the gazetteer's Nazir Town is 300 km away). */
static void test_extract_title_name(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 21 March 2007\n\nFighting between tribesmen loyal to Maulvi Nazir and "
        "Uzbek militants broke out on March 19 at Azam Warsak village, west of Wana. The FATA "
        "Secretariat said twenty were killed.\n\nMaulvi Nazir's spokesman, speaking by telephone "
        "to reporters on March 20, claimed that fifty-two Uzbeks were killed.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *fs = claim_of(&inc[0], "FATA Secretariat");
        const fm_text_claim *nz = claim_of(&inc[0], "Nazir");
        CHECK_STR(inc[0].place_name, "Azam Warsak");
        CHECK(inc[0].killed == 20);
        CHECK(fs && fs->killed == 20);
        CHECK(nz && nz->killed == 52);
    }
    free(inc);
}

/* A mailbox export, oldest first: each message's "Date:" line is what its
 * "Thursday" means, also under a heading after the greeting; "TTP (name, by
 * phone ...) says" speaks; "gave the same twelve on Wednesday" is when the
 * figure was given, not the fighting's day. */
static void test_extract_mailbox(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "------------------------------------------------------------\n"
        "From:    Field Monitor <fm@example.org>\nTo:      Programme team\n"
        "Date:    Fri, 29 Jul 2011 17:12:40 +0500\n"
        "Subject: Weekly field update - Kurram - w/e 29 July\n\nSalaam all,\n\n"
        "1. SECURITY\n- Sunday (24th): fighting in the Ali Sherzai area of central Kurram "
        "between security forces and TTP. Political admin says 11 militants killed. TTP "
        "(Ehsanullah Ehsan, by phone to journalists in Parachinar) says \"only two of our "
        "mujahideen were martyred\".\n\nRegards,\nGul Wali\n\n"
        "------------------------------------------------------------\n"
        "From:    Field Monitor <fm@example.org>\nTo:      Programme team\n"
        "Date:    Fri, 19 Aug 2011 15:30:51 +0500\n"
        "Subject: Khyber weekly - w/e 19 Aug (Tirah, Bara)\n\nDear colleagues,\n\nSecurity\n"
        "* Tirah valley: heavy fighting on Tuesday between the Kukikhel\n"
        "  lashkar and TTP fighters on the ridges above Tharkho Kas and Tora\n"
        "  Dara. Twelve people killed: eleven TTP, one lashkar member (figure\n"
        "  from the lashkar commander, and the political administration gave\n"
        "  the same twelve on Wednesday). About 300 families came down towards\n"
        "  Jamrud on Wednesday and Thursday.\n"
        "* Bara: curfew continuing, 19th day. Flour not entering. Shops open\n"
        "  2 hrs on Monday only.\n\n"
        "------------------------------------------------------------\n"
        "From:    Field Monitor <fm@example.org>\nTo:      Programme team\n"
        "Date:    Fri, 26 Aug 2011 18:05:17 +0500\nSubject: Weekly field update - Orakzai\n\n"
        "Salaam,\n\nCovering Orakzai this week as I'm in Kohat for the Eid break.\n\n"
        "1. SECURITY\n- Thursday: jets and artillery hit militant positions in the Mamozai area "
        "of upper Orakzai. Security officials say 11 militants killed.\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        const fm_text_claim *pa = claim_of(&inc[0], "Political administration");
        const fm_text_claim *ttp = claim_of(&inc[0], "TTP");
        day_is(inc[0].date_start, "2011-07-24");
        CHECK(pa && pa->killed == 11);
        CHECK(ttp && ttp->killed == 2);
        day_is(inc[1].date_start, "2011-08-16");
        CHECK(inc[1].killed == 12);
        day_is(inc[2].date_start, "2011-08-25");
        CHECK_STR(inc[2].place_name, "Mamozai");
    }
    free(inc);
}

/* A case tracker's record, one field a list item: "- **Occurrence:**" says
 * when and where, "- **Brief facts:**" the toll; "- **Complainant:**
 * Inspector, CTD" is a field, not the police speaking. */
static void test_extract_record_items(void)
{
    size_t n;
    fm_text_incident *inc = extract_as(
        "# Case tracker: FIR summaries\n\n*Legal Aid Cell, Lahore, exported 2 April 2019.*\n\n"
        "### 1. FIR No. 41/2016, PS CTD Gujranwala\n\n"
        "- **Offences:** 302, 324, 353 PPC; 7 ATA.\n"
        "- **Occurrence:** 29.10.2016 at about 0230 hours, a house in a colony off the G.T. "
        "Road,\n  Gujranwala.\n"
        "- **Complainant:** Inspector, CTD Gujranwala.\n"
        "- **Brief facts (police version):** A CTD team raided the house. The occupants\n"
        "  opened fire. In the exchange **five terrorists were killed**; no CTD official was "
        "hurt.\n"
        "- **Status:** Report submitted 14.12.2016. Next hearing: 22.04.2019.\n",
        FM_DOC_MARKDOWN, &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Gujranwala");
        CHECK(inc[0].killed == 5);
        CHECK(inc[0].nclaims == 0);
        day_is(inc[0].date_start, "2016-10-29");
    }
    free(inc);
    /* the same record with a blank line between its fields */
    inc = extract("FIR SUMMARIES, exported 2 April 2019\n\nFIR No. 97/2017, PS CTD Faisalabad\n\n"
                  "Occurrence: 03.12.2017 at about 0400 hours, a deserted farmhouse near "
                  "Faisalabad.\n\nComplainant: Sub-Inspector, CTD Faisalabad.\n\n"
                  "Brief facts: A CTD team intercepted suspected terrorists. Three dead bodies "
                  "were recovered.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Faisalabad");
        CHECK(inc[0].killed == 3);
        day_is(inc[0].date_start, "2017-12-03");
    }
    free(inc);
}

/* A pipe table without its outer pipes ("S.No | Date | Place", over
 * "-----|------|------"), as plain-text papers and GitHub's Markdown write
 * them: one incident a row. */
static void test_extract_loose_table(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PROVINCIAL ASSEMBLY, 12 October 2009\n\nAnnex-A (extract)\n\n"
        "S.No | Date       | Place    | Nature of incident                      | Killed | Injured\n"
        "-----|------------|----------|-----------------------------------------|--------|--------\n"
        " 9   | 06.05.2009 | Daggar   | Firing on police station                |   -    |   3\n"
        " 12  | 15.05.2009 | Tursak   | Operation by security forces; militants |   13   |   -\n"
        "     |            |          | hideouts destroyed                      |        |\n"
        " 18  | 02.06.2009 | Chamla   | IED, police mobile                      |   -    |   4\n",
        &n);
    {
        /* (the rows without dead are kept for --nonfatal) */
        size_t dead = n;
        for (size_t k = 0; k < n; k++)
            if (inc[k].killed > 0) {
                CHECK(dead == n);
                dead = k;
            }
        CHECK(dead < n);
        if (dead < n) {
            CHECK_STR(inc[dead].place_name, "Tursak");
            CHECK(inc[dead].killed == 13);
            day_is(inc[dead].date_start, "2009-05-15");
        }
    }
    free(inc);
}

/* "6 killed (police); Edhi Foundation: 7": a figure's source in brackets
 * after it speaks for it; the next party's figure is its own, not more dead. */
static void test_extract_bracket_source(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "KARACHI, 9 January 2014\n\nOn 7 January 2014 a bomb blast in Karachi hit a police "
        "mobile. 6 killed (police); Edhi Foundation: 7.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *edhi = claim_of(&inc[0], "Edhi Foundation");
        CHECK(inc[0].killed == 6);
        CHECK(edhi && edhi->killed == 7);
    }
    free(inc);
}

/* "Fazlullah's illegal FM station claimed twelve soldiers": a man's radio
 * speaks for his movement; its figure is a claim beside the ISPR's, not the
 * toll. */
static void test_extract_radio_claim(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "PESHAWAR, 29 October 2007\n\nSecurity forces and followers of Maulana Fazlullah "
        "fought on Friday, October 26, at Imam Dheri, near Mingora. The ISPR said seven people "
        "died: four soldiers, one militant and two civilians. Fazlullah's illegal FM station "
        "claimed twelve soldiers.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *fm = claim_of(&inc[0], "Fazlullah");
        CHECK(inc[0].killed == 7);
        CHECK(fm && fm->killed == 12);
    }
    free(inc);
}

static void test_extract_burials_and_named_figure(void)
{
    size_t n;
    fm_text_incident *inc = extract(
        "KALAYA, Oct 15, 2012: A US drone strike on Thursday in Bulandkhel, Orakzai, killed "
        "16 people, officials said. Elders of the area, speaking to PPI by telephone, said 26 "
        "persons were buried in three villages.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *el = claim_of(&inc[0], "Elders");
        CHECK(inc[0].killed == 16);
        CHECK(el && el->killed == 26);
    }
    free(inc);
    /* the dead told before, buried: no toll of their own */
    inc = extract("QUETTA, Feb 14, 2012: Gunmen killed two Levies men at Dera Murad Jamali on "
                  "Saturday, police said. PFW note: two, on the Levies' account. The two Levies men were from Usta Muhammad and were "
                  "buried there on Sunday. Another man was buried in his village.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 2);
    free(inc);
    /* a party's figure named as such is the figure told, never more dead */
    inc = extract("MINGORA, Feb 10, 2009: On Thursday 22 January, seven people died in shelling "
                  "in Kuza Drushkela. Residents put the number at twelve. FCRN confirmed seven "
                  "deaths at the hospital and uses the military's figure of seven.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *mil = claim_of(&inc[0], "Military");
        CHECK(inc[0].killed == 7);
        CHECK(mil && mil->killed == 7);
    }
    free(inc);
}

static void test_extract_bare_fixed_table(void)
{
    size_t n;
    /* a table typed with spaces, no dashes under its header */
    fm_text_incident *inc = extract(
        "SECURITY AUDIT OF SHRINES, 2010-2021\n\nLahore, March 2022\n\n"
        "3.8 Table 3.1 - Attacks with loss of life (police figures)\n\n"
        "    Date        Place                                  Killed  Injured\n"
        "    01.07.2010  Data Darbar, Lahore                      41      175\n"
        "    25.10.2010  Baba Farid shrine, Pakpattan              6       12\n"
        "    18.02.2015  Imambargah, Chaklala, Rawalpindi          4        7\n"
        "    Total                                                51      194\n",
        &n);
    CHECK(n == 3);
    if (n == 3) {
        CHECK(inc[0].killed == 41);
        day_is(inc[0].date_start, "2010-07-01");
        CHECK(inc[1].killed == 6 && !strcmp(inc[1].place_name, "Pakpattan"));
        CHECK(inc[2].killed == 4);
        day_is(inc[2].date_start, "2015-02-18");
    }
    free(inc);
    /* prose set with wide gaps is no table */
    inc = extract("PESHAWAR, 3 March 2011\n\nThe date  of the  attack was  not given.\n"
                  "Militants killed  four  people at Matta on Tuesday, police said.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 4);
    free(inc);
    /* the city the gazetteer gives no district and a town of its district,
     * the same toll the same day: one incident */
    inc = extract("PAKISTAN STRATEGY - MONTHLY\n"
                  "Sunday, 24 April 2016\n"
                  "Most recently, on Wednesday 20 April, seven policemen guarding polio workers "
                  "were shot dead in\nKarachi's Orangi Town. The market shrugged it off.\n"
                  "Exhibit 1: Index reaction to security events (close-to-close, next session)\n"
                  "  Date (event)   Location                 Dead   Next session   KSE-100 chg\n"
                  "  16-Mar-16      Peshawar (bus)             16   17-Mar          -0.7%\n"
                  "  23-Mar-16      D.I. Khan (police)          3   24-Mar          +0.2%\n"
                  "  20-Apr-16      Karachi (polio escort)      7   21-Apr          +0.4%\n",
                  &n);
    CHECK(n == 3);
    free(inc);
}

static void test_extract_audit_sections(void)
{
    size_t n;
    /* a section's title ending in its day heads it: "that day" under it is
     * that day, not the incident's before */
    fm_text_incident *inc = extract(
        "SECURITY AUDIT, 2010-2021\nLahore, March 2022\n\n"
        "3.4 Bhatti Gate, Lahore - Chehlum procession, 25th January 2011.\n"
        "    A suicide bomber blew himself up near Bhatti Gate in the afternoon. The police "
        "figure is ten killed.\n\n"
        "3.6 Imambargah Aun Muhammad Rizvi, Chaklala, Rawalpindi - 18th February 2015.\n"
        "    A suicide bomber blew himself up at the imambargah in the Chaklala area of\n"
        "    Rawalpindi on the Wednesday. Four persons were killed, according to the\n"
        "    Rawalpindi police; the first reports that day gave two.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[1].date_start, "2015-02-18");
        CHECK(inc[1].killed == 4);
    }
    free(inc);
    /* the first police figure, then the final one: the final one */
    inc = extract("LAHORE, 5 September 2010: Three suicide bombers struck the Youm-e-Ali "
                  "procession in Lahore on Wednesday. The first police figure was twenty-five "
                  "dead; the final figure is thirty-five dead.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1)
        CHECK(inc[0].killed == 35);
    free(inc);
    /* a body's word inside a body's name ("Ittehad") */
    inc = extract("LAHORE, 5 July 2010: Two suicide bombers blew themselves up in the shrine "
                  "of Data Ganj Bakhsh in Lahore late on Thursday. The Lahore police confirmed "
                  "forty-one dead. The Sunni Ittehad Council, at its press conference, put the "
                  "dead at fifty.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *sic = claim_of(&inc[0], "Sunni Ittehad Council");
        CHECK(inc[0].killed == 41);
        CHECK(sic && sic->killed == 50);
    }
    free(inc);
}

static void test_extract_codebook_examples(void)
{
    size_t n;
    /* where the violence spread from is not where it happened */
    fm_text_incident *inc = extract(
        "Caption, roll 90-091: \"Karachi, 30 May 1990. Police say twenty-four people were "
        "killed in firing across the city this evening as the violence spread from Hyderabad. "
        "The MQM puts its dead at forty.\"\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        CHECK_STR(inc[0].place_name, "Karachi");
        CHECK(inc[0].killed == 24);
    }
    free(inc);
    /* a speaker after the last clause speaks for the clauses before it */
    inc = extract("Terrorists attacked a security forces' post in the Datta Khel area of North "
                  "Waziristan on 30 January 2020. Two soldiers embraced shahadat; in the exchange "
                  "of fire five terrorists were killed, the ISPR said.\n\nThe TTP said its "
                  "fighters killed twelve soldiers at Datta Khel.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *ispr = claim_of(&inc[0], "ISPR"), *ttp = claim_of(&inc[0], "TTP");
        CHECK(inc[0].killed == 7);
        CHECK(ispr && ispr->killed == 7);
        CHECK(ttp && ttp->killed == 12);
    }
    free(inc);
    /* a statement quoted after a toll told is not the text's author; a
     * field's name ("claim_1") and "the official one" are no counts */
    inc = extract("ISPR, Rawalpindi, 30 January 2020: Terrorists attacked a security forces' "
                  "post in the Datta Khel area of North Waziristan today. Two soldiers embraced "
                  "shahadat; in the exchange of fire five terrorists were killed.\n\n"
                  "TTP statement: \"Our mujahideen attacked the army post at Datta Khel and "
                  "killed twelve soldiers.\"\n\nCoded: deaths 7, `claim_1` ISPR, `claim_2` TTP. "
                  "The ISPR figure is the official one.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *ispr = claim_of(&inc[0], "ISPR"), *ttp = claim_of(&inc[0], "TTP");
        CHECK(inc[0].killed == 7);
        CHECK(!ispr || ispr->killed == 7);
        CHECK(ttp && ttp->killed == 12);
    }
    free(inc);
    /* a codebook's worked example: "`claim_1` ISPR:7" is no count of one, nor
     * "the official one" */
    inc = extract_as(
                  "### Example 1 \u2014 two sides, one event, a competing claim\n"
                  "\n"
                  "> *ISPR, Rawalpindi, 30 January 2020.* \"Terrorists attacked a security forces' post in the\n"
                  "> Datta Khel area of North Waziristan today. Two soldiers embraced shahadat; in the\n"
                  "> exchange of fire five terrorists were killed.\"\n"
                  ">\n"
                  "> *TTP statement, same evening:* \"Our mujahideen attacked the army post at Datta Khel and\n"
                  "> killed twelve soldiers.\"\n"
                  "\n"
                  "Coded: `event_date` 2020-01-30, `date_prec` 1, `place` Datta Khel, `loc_prec` 2 (\"area\"),\n"
                  "`deaths_best` 7 (two soldiers and five militants, rule 4.1), `claim_1` ISPR:7,\n"
                  "`claim_2` TTP:12. The TTP's twelve counts soldiers only; it is still recorded as claimed\n"
                  "(rule 4.3). The ISPR figure is the official one and is `deaths_best`.\n"
                  "\n",
        FM_DOC_MARKDOWN, &n);
    for (size_t k = 0; k < n; k++) {
        const fm_text_claim *ispr = claim_of(&inc[k], "ISPR");
        CHECK(!ispr || ispr->killed == 7);
        CHECK(inc[k].killed == 7);
    }
    free(inc);
}

static void test_extract_party_reason(void)
{
    size_t n;
    /* a body named for a people ("Hazara") is no place; its reason for a
     * higher figure ("because two of the injured died later in Karachi")
     * neither revises the toll nor moves the incident */
    fm_text_incident *inc = extract(
        "ISLAMABAD, 14 December 2012: On the 29th of July 2011 seven pilgrims of the Hazara "
        "community were killed in Quetta when gunmen opened fire on a vehicle. The Hazara "
        "Democratic Party said nine people died, because two of the injured, they say, died "
        "later in Karachi.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *hdp = claim_of(&inc[0], "Hazara Democratic Party");
        CHECK_STR(inc[0].place_name, "Quetta");
        CHECK(inc[0].killed == 7);
        CHECK(hdp && hdp->killed == 9);
    }
    free(inc);
}

static void test_extract_that_day_paragraph(void)
{
    size_t n;
    /* "that day" in an item dated by its own opening is that item's day, not
     * the item's before */
    fm_text_incident *inc = extract(
        "TRIBAL AREAS ELECTRICITY SUPPLY COMPANY (TESCO)\n"
        "Office of the Chief Executive Officer, WAPDA House annex, Shami Road, Peshawar\n"
        "\n"
        "No. TESCO/Security/2010/117                                   Dated 22.01.2010\n"
        "5.  Rashkai area (Bajaur Agency), 23.09.2008. On Tuesday 23rd September a\n"
        "    mortar round fell on the 11 kV Rashkai feeder line near the Rashkai bazaar\n"
        "    during fighting in the area; two persons were killed, according to the\n"
        "    Assistant Political Agent, Nawagai. Their identity was not established.\n"
        "    The line was out until 02.10.2008 because the area was under curfew.\n"
        "6.  Dabori area (Orakzai Agency), 24.05.2009. On Sunday, 24 May 2009, the\n"
        "    security forces' operation against militants in Dabori and Kharasahi\n"
        "    reached the 11 kV Dabori feeder, and three towers (Nos. 41, 42, 43) were\n"
        "    brought down. The political administration reported twelve militants\n"
        "    killed in the Dabori area that day. A spokesman of the Tehrik-i-Taliban\n"
        "    told our SDO by telephone that \"only three of our men\" had died. TESCO\n"
        "    quotes the political administration's twelve.\n",
        &n);
    CHECK(n == 2);
    if (n == 2) {
        day_is(inc[1].date_start, "2009-05-24");
        CHECK(inc[1].killed == 12);
    }
    free(inc);
}

static void test_extract_confirmed_figures(void)
{
    size_t n;
    /* "the Home Department's figure of twelve stands" */
    fm_text_incident *inc = extract(
        "KARACHI, 28 June 2013: On 26 June a car bomb was detonated by remote control on Burns "
        "Road, Karachi. Twelve persons were killed. The TTP, claiming the attack, said in a "
        "statement that \"twenty of the judge's guards\" had been killed; that figure is false "
        "and the Home Department's figure of twelve stands.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *hd = claim_of(&inc[0], "Home Department");
        CHECK(inc[0].killed == 12);
        CHECK(hd && hd->killed == 12);
    }
    free(inc);
    /* "The Home Department of Balochistan has confirmed three" */
    inc = extract("QUETTA, Friday, 14th December, 2012: Yesterday, three men were shot dead in "
                  "Quetta by two gunmen on a motorcycle. The Home Department of Balochistan has "
                  "confirmed three. A spokesman of the banned Lashkar-e-Jhangvi has claimed "
                  "five.\n",
                  &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *hd = claim_of(&inc[0], "Home Department");
        CHECK(inc[0].killed == 3);
        CHECK(hd && hd->killed == 3);
    }
    free(inc);
}

static void test_extract_aside_figure(void)
{
    size_t n;
    /* "the police figure, repeated by the Sindh Home Department on 8 January,
     * is six": the figure past its aside, the aside's day when it was said */
    fm_text_incident *inc = extract(
        "KARACHI, 10 January 2014\n\n**Karachi, 7 January 2014 (14-02).** The Edhi "
        "Foundation's control room told the DSO that seven bodies had been moved; the police "
        "figure, repeated by the Sindh Home Department on 8 January, is six. The log uses the "
        "police figure.\n",
        &n);
    CHECK(n == 1);
    if (n == 1) {
        const fm_text_claim *pol = claim_of(&inc[0], "Police");
        CHECK(inc[0].killed == 6);
        CHECK(pol && pol->killed == 6);
        day_is(inc[0].date_start, "2014-01-07");
    }
    free(inc);
}

int main(void)
{
    char path[4096];
    ctx = fm_ctx_create();
    test_counts();
    test_dates();
    test_dateline();
    test_dateline_named();
    test_sentences();
    test_long_runs();
    test_strip();
    test_lexicon_errors();
    snprintf(path, sizeof path, "%s/extract/lexicon.tsv", getenv("FRONTIERMAP_DATA"));
    CHECK(fm_gazetteer_open(ctx, getenv("FRONTIERMAP_DATA"), &gz) == FM_OK);
    CHECK(fm_lexicon_load(ctx, path, &lx) == FM_OK);
    if (gz && lx) {
        test_extract_news();
    test_extract_wire_corrections();
    test_extract_newest_first();
    test_extract_email();
    test_extract_reply_thread();
    test_extract_forms();
    test_extract_notebook();
    test_extract_letters();
    test_extract_group_claims();
    test_extract_corrections();
    test_extract_circular();
    test_extract_persons_after();
    test_extract_updated();
    test_extract_spelt_again();
    test_extract_bomber();
    test_extract_alerts();
    test_extract_reference_list();
    test_extract_live_blog();
    test_extract_party_figures();
    test_extract_ical();
    test_extract_chat_export();
    test_extract_signals();
    test_extract_case_brief();
    test_extract_bulletin();
    test_extract_slides();
    test_extract_revised_bullets();
    test_extract_tracked_changes();
    test_extract_souls_in_all();
    test_extract_crossed_from();
    test_extract_given_by();
    test_extract_of_them();
    test_extract_final_count();
    test_extract_points();
    test_extract_report_head();
    test_extract_weekday_year();
    test_extract_review_quarter();
    test_extract_among_aside();
    test_extract_since_when();
    test_extract_period_counts();
    test_extract_french_german();
    test_extract_claim_forms();
    test_extract_journal_sections();
    test_extract_urdu_prose();
    test_extract_court_order();
    test_extract_roman_urdu();
    test_extract_document_area();
    test_extract_singular_and_days();
    test_extract_two_columns();
    test_extract_ocr();
    test_extract_pashto_bilingual();
    test_extract_footnotes();
    test_extract_final_figure();
    test_extract_counted_admitted();
    test_extract_quoted_release();
    test_extract_record_adopted();
    test_extract_briefer_hedge();
    test_extract_transcript_turns();
    test_extract_section_day();
    test_extract_funeral_place();
    test_extract_item_attack_first();
    test_extract_said_agent();
    test_extract_day_sections();
    test_extract_running_file();
    test_extract_said_clause();
    test_extract_release_numbers();
    test_extract_figure_of_party();
    test_extract_press_city();
    test_extract_jirga_anniversary();
    test_extract_broken_name_author();
    test_extract_disputer_speaks();
    test_extract_animals();
    test_extract_sitrep_partners();
    test_extract_rebuttal_voice();
    test_extract_months_count();
    test_extract_lead_group();
    test_extract_colon_quote();
    test_extract_sibling_village();
    test_extract_told_press_club();
    test_extract_first_sentence_day();
    test_extract_one_death();
    test_extract_cable_capitals();
    test_extract_faction_claim();
    test_extract_unknown_body();
    test_extract_lone_country();
    test_extract_and_on_day();
    test_extract_possessive_day();
    test_extract_apposition();
    test_extract_one_sense();
    test_extract_press_digest();
    test_extract_paired_districts();
    test_extract_disputed_section();
    test_extract_accused();
    test_extract_debate_turns();
    test_extract_other_army();
    test_extract_complainant();
    test_extract_relatives();
    test_extract_passers_by();
    test_extract_leaders_of();
    test_extract_item_place();
    test_extract_caps_the_day();
    test_extract_urgent_action();
    test_extract_group_spokesman();
    test_extract_plural_owner();
    test_extract_courts_page();
    test_extract_posts();
    test_extract_across_border();
    test_extract_briefing_questions();
    test_extract_factbox_sections();
    test_extract_advisory_details();
    test_extract_fixed_table_wrapped();
    test_extract_press_digest_items();
    test_extract_weekly_periods();
    test_extract_tribes_and_correspondents();
    test_extract_spokesmen_by_name();
    test_extract_owned_figures();
    test_extract_ages_and_depositions();
    test_extract_statement_issued_at();
    test_extract_situation_report_counts();
    test_extract_area_of_a_town();
    test_extract_next_day_named();
    test_extract_press_conference_elsewhere();
    test_extract_next_party_owns_the_verb();
    test_extract_martyrs_and_adoption();
    test_extract_caller_and_broken_name();
    test_extract_cable_shot();
    test_extract_police_title_party();
    test_extract_thread_stamps();
    test_extract_release_dateline();
    test_extract_notice_issued();
    test_extract_quoted_as_saying();
    test_extract_reply_from();
    test_extract_update_label();
    test_extract_table_sources();
    test_extract_claim_in_aside();
    test_extract_title_name();
    test_extract_mailbox();
    test_extract_record_items();
    test_extract_loose_table();
    test_extract_bracket_source();
    test_extract_radio_claim();
    test_extract_burials_and_named_figure();
    test_extract_bare_fixed_table();
    test_extract_audit_sections();
    test_extract_codebook_examples();
    test_extract_party_reason();
    test_extract_that_day_paragraph();
    test_extract_confirmed_figures();
    test_extract_aside_figure();
        test_extract_claims_and_corrections();
        test_extract_unresolved();
        test_tables_and_furniture();
        test_extract_records();
        test_extract_parts();
        test_extract_spokesmen();
        test_extract_transcript();
        test_extract_digest();
        test_extract_parts_of_counts();
        test_extract_answer();
        test_extract_reading();
        test_extract_sections();
        test_extract_ragged();
        test_extract_chat();
        test_extract_radio();
        test_extract_fixed_table();
        test_extract_chapter();
        test_extract_debate();
        test_extract_json();
        test_extract_owned_figure();
        test_extract_adopted_figure();
        test_extract_wiki();
        test_extract_wiki_infobox();
        test_extract_year_review();
        test_extract_channel_posts();
        test_extract_podcast();
        test_extract_romanized_post();
        test_extract_advisory();
        test_extract_minutes();
        test_extract_data_piece();
        test_extract_quiet_events();
        test_extract_tsv();
        test_extract_sms_log();
        test_extract_latex();
        test_extract_roll_of_honour();
        test_extract_resolution();
        test_extract_speech();
        test_extract_agency_digest();
        test_extract_recorded();
        test_extract_factbox();
        test_extract_cable();
        test_extract_un_report();
        test_extract_translated_report();
        test_extract_institutions();
        test_extract_placed_party();
        test_extract_named_day_over_month();
        test_extract_unplaced_majority();
    test_extract_unplaced_context();
    test_extract_spokesman_next_sentence();
    test_extract_country_majority();
    test_extract_dateline_not_district();
    test_extract_section_day_year();
    test_extract_another();
    test_extract_arrested_not_dead();
    test_extract_memorial_paragraph();
    test_extract_edition_day_under_headlines();
    test_extract_signed_quote();
    test_extract_day_sum();
    test_extract_after_clause_day();
    test_extract_wire_update();
    test_extract_timeline_items();
    test_extract_wire_story_parties();
    test_extract_labelled_accounts();
    test_extract_wire_strikes_file();
    test_extract_fortnight_total();
    test_extract_tehsil_hint();
    test_extract_ispr_desk_file();
    test_extract_ten_in_each();
    test_extract_issue_week();
    test_extract_signature_paragraph();
        test_extract_two_in_one_sentence();
        test_extract_hearsay();
        test_extract_press_release_roster();
        test_extract_statement_sections();
        test_extract_one_by_trade();
        test_extract_wire_times();
        test_extract_shot_dead();
        test_extract_statement_answers();
        test_extract_party_figure_of();
        test_extract_named_district();
        test_extract_press_notes();
        test_extract_timeline_entry();
        test_extract_days_after();
        test_extract_sector();
    }
    fm_lexicon_free(lx);
    fm_gazetteer_close(gz);
    fm_ctx_destroy(ctx);
    return fm_test_done();
}
