/* chat.c: a messenger's exported chat (WhatsApp, Signal, Telegram text
 * exports) as text. Each message line starts with its date and time,
 * "[10/09/2014, 11:02] Saleem Dawar: ..." (iOS) or "10/09/2014, 11:02 -
 * Saleem Dawar: ..." (Android). The sender's name goes (a name such as
 * "Irfan Peshawar" is no place); each message becomes a paragraph, and
 * each new day a heading of its own, "Wednesday 10 September 2014", so that
 * a message's "this morning" and "tonight" are read against its day.
 * Day and month order is the document's: a first field above 12 says day
 * first, a second above 12 month first; undecided, day first (as Pakistan
 * and Afghanistan write it). Lines that start no message continue the one
 * before; "<Media omitted>" and deleted messages go. */
#include <ctype.h>
#include <string.h>

#include "text/text_priv.h"

typedef struct {
    int a, b, y;        /* the date's three fields as written */
    size_t text;        /* where the message's text starts */
} chat_line;

static size_t digits(const char *s, size_t n, size_t i, int max, int *v)
{
    size_t k = i;
    *v = 0;
    while (k < n && k - i < (size_t)max && isdigit((unsigned char)s[k]))
        *v = *v * 10 + (s[k++] - '0');
    return k - i;
}

/* Whether the line [i, e) starts a message; fills *out. */
static int chat_line_at(const char *s, size_t i, size_t e, chat_line *out)
{
    size_t k = i, d;
    int bracket = 0, t;
    char sep;
    if (k < e && s[k] == '[')
        bracket = 1, k++;
    if (!(d = digits(s, e, k, 2, &out->a)))
        return 0;
    k += d;
    if (k >= e || !strchr("/.-", s[k]))
        return 0;
    sep = s[k++];
    if (!(d = digits(s, e, k, 2, &out->b)) || k + d >= e || s[k + d] != sep)
        return 0;
    k += d + 1;
    if ((d = digits(s, e, k, 4, &out->y)) != 2 && d != 4)
        return 0;
    k += d;
    if (d == 2)
        out->y += 2000;
    if (k < e && s[k] == ',')
        k++;
    while (k < e && s[k] == ' ')
        k++;
    /* the time: "11:02", "11:02:37", "9:15 pm" */
    if (!(d = digits(s, e, k, 2, &t)) || k + d >= e || s[k + d] != ':')
        return 0;
    k += d + 1;
    while (k < e && (isdigit((unsigned char)s[k]) || s[k] == ':'))
        k++;
    while (k < e && (s[k] == ' ' || isalpha((unsigned char)s[k])) && !(bracket && s[k] == ']') &&
           k - i < 32 && !(s[k] == ' ' && k + 1 < e && s[k + 1] == '-'))
        k++;
    if (bracket) {
        if (k >= e || s[k] != ']')
            return 0;
        k++;
    } else {
        while (k < e && s[k] == ' ')
            k++;
        if (k + 1 >= e || s[k] != '-' || s[k + 1] != ' ')
            return 0;
        k += 2;
    }
    while (k < e && s[k] == ' ')
        k++;
    /* the sender: a name of up to five words, then ": " */
    {
        size_t c = k, words = 1;
        while (c < e && s[c] != ':' && words <= 5 && c - k < 48)
            words += s[c++] == ' ';
        if (c + 1 < e && s[c] == ':' && s[c + 1] == ' ' && c > k)
            k = c + 2;
    }
    out->text = k;
    return out->a >= 1 && out->b >= 1 && out->a <= 31 && out->b <= 31;
}

int fm_doc_is_chat(const char *s, size_t n)
{
    size_t i = 0, lines = 0, chat = 0;
    chat_line cl;
    while (i < n && lines < 40) {
        size_t e = fm_tx_line_end(s, n, i);
        if (e > i) {
            lines++;
            chat += (size_t)chat_line_at(s, i, e, &cl);
        }
        i = e + 1;
    }
    return chat >= 3 && chat * 2 >= lines;
}

static const char *const months[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};
static const char *const weekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};

/* A message ends a sentence: "Same figure on PTV ticker" is no heading. */
static void end_message(fm_ctx *ctx, fm_buf *out)
{
    size_t k = out->len;
    while (k > 0 && (out->data[k - 1] == ' ' || out->data[k - 1] == '\n'))
        k--;
    if (k > 0 && k == out->len && !strchr(".!?:;\"')", out->data[k - 1]))
        fm_buf_putc(ctx, out, '.');
}

fm_status fm_doc_strip_chat(fm_ctx *ctx, const char *s, size_t n, fm_buf *out)
{
    size_t i = 0;
    int day_first = -1; /* -1 not yet known */
    fm_day last = FM_DAY_NONE;
    chat_line cl;
    for (i = 0; i < n && day_first < 0;) { /* which field is the day */
        size_t e = fm_tx_line_end(s, n, i);
        if (chat_line_at(s, i, e, &cl) && (cl.a > 12 || cl.b > 12))
            day_first = cl.a > 12;
        i = e + 1;
    }
    if (day_first < 0)
        day_first = 1;
    for (i = 0; i < n;) {
        size_t e = fm_tx_line_end(s, n, i), b = e;
        while (b > i && isspace((unsigned char)s[b - 1]))
            b--;
        if (chat_line_at(s, i, b, &cl)) {
            int d = day_first ? cl.a : cl.b, m = day_first ? cl.b : cl.a;
            fm_day day = m >= 1 && m <= 12 && d <= fm_days_in_month(cl.y, m)
                             ? fm_day_from_ymd(cl.y, m, d)
                             : FM_DAY_NONE;
            size_t len = b - cl.text;
            if ((len == 15 && !memcmp(s + cl.text, "<Media omitted>", 15)) ||
                (len >= 19 && !memcmp(s + cl.text, "This message was deleted", len < 24 ? len : 24))) {
                i = e + 1;
                continue;
            }
            if (day != FM_DAY_NONE && day != last) {
                /* (1970-01-01, day 0, was a Thursday) */
                int wd = (int)(((day % 7) + 7 + 3) % 7);
                fm_buf_printf(ctx, out, "\n\n%s %d %s %d\n\n", weekdays[wd], d, months[m - 1],
                              cl.y);
                last = day;
            }
            end_message(ctx, out);
            fm_buf_puts(ctx, out, "\n\n");
            fm_buf_append(ctx, out, s + cl.text, len);
        } else if (b > i) {
            fm_buf_putc(ctx, out, ' ');
            fm_buf_append(ctx, out, s + i, b - i);
        } else {
            end_message(ctx, out);
            fm_buf_puts(ctx, out, "\n\n");
        }
        i = e + 1;
    }
    end_message(ctx, out);
    fm_buf_putc(ctx, out, '\n');
    return fm_buf_check(ctx, out);
}
