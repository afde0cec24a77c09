/*
 * period.c - calendar buckets of ISO-8601 dates: a strict parser for a date
 * or date-time, and the day, ISO week, month, quarter or year it falls in.
 *
 * Called once per input row, so it allocates nothing and formats digits by
 * hand.  Invariants:
 *
 *   - Pure integer arithmetic on the proleptic Gregorian calendar: a date is
 *     a count of days since 1970-01-01 (Howard Hinnant's days_from_civil /
 *     civil_from_days).  No locale, TZ, mktime or strptime, so a bucket never
 *     depends on the machine that computed it.
 *   - Years 0001-9999, both for what is read and for what is written.
 *     0001-01-01 is a Monday and 9999-12-31 falls in 9999-W52, so every
 *     bucket of a valid date is itself representable.
 *   - The date as written is the one bucketed: a time and a zone offset are
 *     validated, never applied (23:30-05:00 stays on its own day).
 *   - Input is (pointer, length): nothing past `len` is read, and a NUL
 *     inside it is just an invalid byte.  On failure the output strings are
 *     set to "" so a caller that prints them anyway prints nothing stale.
 *   - No state: every function is reentrant.
 *
 * Dates written otherwise ("06/08/2025", Google Forms' "8/6/2025 14:03:11")
 * are read through a strptime-style format: a small subset (%Y %m %d %H
 * %I %M %S %p %%), read here by hand for the same reasons, and strict:
 * the whole value must match.  When no format is given, the job samples
 * the first rows (vb__date_sniff) and picks the one common form that reads
 * the most of them; a day-first and a month-first form that read exactly
 * the same values are ambiguous, and the caller is told so instead of
 * getting a guess.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

typedef struct civil {
  int y, m, d;
} civil;

int vb_period_parse(const char *name, vb_period *out) {
  static const struct {
    const char *name;
    vb_period period;
  } NAMES[] = {{"none", VB_PERIOD_NONE},       {"day", VB_PERIOD_DAY},
               {"week", VB_PERIOD_WEEK},       {"month", VB_PERIOD_MONTH},
               {"quarter", VB_PERIOD_QUARTER}, {"year", VB_PERIOD_YEAR}};
  if (!name || !out)
    return VB_EINVAL;
  for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
    if (strcmp(name, NAMES[i].name) == 0) {
      *out = NAMES[i].period;
      return VB_OK;
    }
  return VB_EINVAL;
}

const char *vb_period_name(vb_period period) {
  switch (period) {
  case VB_PERIOD_NONE:
    return "none";
  case VB_PERIOD_DAY:
    return "day";
  case VB_PERIOD_WEEK:
    return "week";
  case VB_PERIOD_MONTH:
    return "month";
  case VB_PERIOD_QUARTER:
    return "quarter";
  case VB_PERIOD_YEAR:
    return "year";
  }
  return "unknown"; /* never NULL: callers print it */
}

/* ---- calendar arithmetic ---------------------------------------------- */

static bool is_leap(int y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in_month(int y, int m) {
  static const unsigned char DAYS[12] = {31, 28, 31, 30, 31, 30,
                                         31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

/* Days since 1970-01-01 of a valid date with y >= 1.  Years start on
 * March 1 internally so the leap day is the last day of its year. */
static long days_from_civil(int y, int m, int d) {
  long yy = (long)y - (m <= 2); /* >= 0 for y >= 1: no floor needed */
  long era = yy / 400;
  long yoe = yy - era * 400;                                   /* [0, 399] */
  long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
  return era * 146097 + doe - 719468;
}

/* Inverse of days_from_civil, for days from 0000-03-01 (z >= -719468) on:
 * enough to compute, then reject, the year-0 days before 0001-01-01. */
static civil civil_from_days(long z) {
  z += 719468; /* >= 0 here, so the era division needs no floor */
  long era = z / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  civil c;
  c.d = (int)(doy - (153 * mp + 2) / 5 + 1);
  c.m = (int)(mp < 10 ? mp + 3 : mp - 9);
  c.y = (int)(yoe + era * 400 + (c.m <= 2));
  return c;
}

/* ISO weekday of day z: 1 = Monday .. 7 = Sunday (1970-01-01 was a
 * Thursday). */
static int iso_weekday(long z) {
  long r = (z + 3) % 7;
  return (int)(r < 0 ? r + 7 : r) + 1;
}

/* Number of ISO weeks in ISO year y: 53 when Dec 31 of y is a Thursday, or
 * Dec 31 of y - 1 is a Wednesday (p is the weekday of Dec 31, 0 = Sunday). */
static int iso_weeks_in_year(int y) {
  int p = (y + y / 4 - y / 100 + y / 400) % 7;
  int q = (y - 1 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;
  return p == 4 || q == 3 ? 53 : 52;
}

/* ---- formatting -------------------------------------------------------- */

static void put2(char *p, int v) {
  p[0] = (char)('0' + v / 10);
  p[1] = (char)('0' + v % 10);
}

static void put4(char *p, int v) {
  put2(p, v / 100);
  put2(p + 2, v % 100);
}

static void put_date(char out[11], int y, int m, int d) {
  put4(out, y);
  out[4] = '-';
  put2(out + 5, m);
  out[7] = '-';
  put2(out + 8, d);
  out[10] = '\0';
}

/* ---- parsing ----------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* n ASCII digits at s -> *v.  Stops at the first non-digit, so a string
 * shorter than n (ending in NUL) is never read past its terminator. */
static bool digits(const char *s, int n, int *v) {
  int x = 0;
  for (int i = 0; i < n; i++) {
    if (!is_digit(s[i]))
      return false;
    x = x * 10 + (s[i] - '0');
  }
  *v = x;
  return true;
}

/* "YYYY-MM-DD" at s (10 bytes, checked left to right) -> a valid date. */
static bool parse_date(const char *s, civil *c) {
  if (!digits(s, 4, &c->y) || s[4] != '-' || !digits(s + 5, 2, &c->m) ||
      s[7] != '-' || !digits(s + 8, 2, &c->d))
    return false;
  return c->y >= 1 && c->m >= 1 && c->m <= 12 && c->d >= 1 &&
         c->d <= days_in_month(c->y, c->m);
}

/* The whole grammar of vb_period_bucket's input, after trimming blanks:
 *   date [('T' | ' ') hh:mm [:ss [.f{1,9}]] [Z | (+|-)hh[:]mm]] */
static bool parse_datetime(const char *s, size_t len, civil *c) {
  while (len > 0 && is_blank(s[0])) {
    s++;
    len--;
  }
  while (len > 0 && is_blank(s[len - 1]))
    len--;
  if (len < 10 || !parse_date(s, c))
    return false;
  size_t i = 10;
  if (i == len)
    return true;
  if (s[i] != 'T' && s[i] != ' ')
    return false;
  i++;
  int hh, mm, ss;
  if (len - i < 5 || !digits(s + i, 2, &hh) || s[i + 2] != ':' ||
      !digits(s + i + 3, 2, &mm) || hh > 23 || mm > 59)
    return false;
  i += 5;
  if (i < len && s[i] == ':') {
    if (len - i < 3 || !digits(s + i + 1, 2, &ss) || ss > 60)
      return false; /* 60: a leap second */
    i += 3;
    if (i < len && s[i] == '.') {
      size_t first = ++i;
      while (i < len && is_digit(s[i]))
        i++;
      if (i == first || i - first > 9)
        return false;
    }
  }
  if (i == len)
    return true;
  if (s[i] == 'Z')
    return i + 1 == len;
  if (s[i] != '+' && s[i] != '-')
    return false;
  i++;
  if (len - i < 4 || !digits(s + i, 2, &hh) || hh > 23)
    return false;
  i += 2;
  if (s[i] == ':')
    i++;
  return len - i == 2 && digits(s + i, 2, &mm) && mm <= 59;
}

/* ---- buckets ----------------------------------------------------------- */

/* The ISO week of c: its Monday into start, "YYYY-Www" into label.  The
 * week number comes from the ordinal date, (doy - weekday + 10) / 7, which
 * is 0 for days that belong to the last week of the previous ISO year and
 * exceeds that year's week count for days in week 1 of the next. */
static void week_bucket(civil c, char start[11], char label[16]) {
  long z = days_from_civil(c.y, c.m, c.d);
  int wd = iso_weekday(z);
  int doy = (int)(z - days_from_civil(c.y, 1, 1)) + 1;
  int year = c.y, week = (doy - wd + 10) / 7;
  if (week < 1) {
    year--; /* never 0: 0001-01-01 is a Monday */
    week = iso_weeks_in_year(year);
  } else if (week > iso_weeks_in_year(year)) {
    year++; /* never 10000: 9999-12-31 is a Friday */
    week = 1;
  }
  civil monday = civil_from_days(z - (wd - 1));
  put_date(start, monday.y, monday.m, monday.d);
  put4(label, year);
  label[4] = '-';
  label[5] = 'W';
  put2(label + 6, week);
  label[8] = '\0';
}

/* ---- strptime-style formats ------------------------------------------- */

/* 1..max digits at s[*i] (within len) -> *v in [lo, hi]. */
static bool read_num(const char *s, size_t len, size_t *i, int min_digits,
                     int max_digits, int lo, int hi, int *v) {
  int n = 0, x = 0;
  while (n < max_digits && *i < len && is_digit(s[*i])) {
    x = x * 10 + (s[(*i)++] - '0');
    n++;
  }
  *v = x;
  return n >= min_digits && x >= lo && x <= hi;
}

/* One directive (the letter after '%') at s[*i]. */
static bool read_directive(char d, const char *s, size_t len, size_t *i,
                           civil *c) {
  int v;
  switch (d) {
  case 'Y':
    return read_num(s, len, i, 4, 4, 1, 9999, &c->y);
  case 'm':
    return read_num(s, len, i, 1, 2, 1, 12, &c->m);
  case 'd':
    return read_num(s, len, i, 1, 2, 1, 31, &c->d);
  case 'H':
    return read_num(s, len, i, 1, 2, 0, 23, &v);
  case 'I':
    return read_num(s, len, i, 1, 2, 1, 12, &v);
  case 'M':
    return read_num(s, len, i, 2, 2, 0, 59, &v);
  case 'S':
    return read_num(s, len, i, 2, 2, 0, 60, &v); /* 60: a leap second */
  case 'p':
    if (len - *i < 2 || (strncasecmp(s + *i, "am", 2) != 0 &&
                         strncasecmp(s + *i, "pm", 2) != 0))
      return false;
    *i += 2;
    return true;
  case '%':
    return *i < len && s[(*i)++] == '%';
  default:
    return false;
  }
}

/* text (blanks around it trimmed) read whole through fmt: a blank in fmt
 * matches one or more blanks, other characters themselves. */
static bool parse_format(const char *fmt, const char *s, size_t len, civil *c) {
  while (len > 0 && is_blank(s[0])) {
    s++;
    len--;
  }
  while (len > 0 && is_blank(s[len - 1]))
    len--;
  c->y = c->m = c->d = 0;
  size_t i = 0;
  for (const char *f = fmt; *f; f++) {
    if (*f == '%') {
      if (!read_directive(*++f, s, len, &i, c))
        return false;
    } else if (*f == ' ') {
      size_t from = i;
      while (i < len && is_blank(s[i]))
        i++;
      if (i == from)
        return false;
    } else if (i == len || s[i++] != *f) {
      return false;
    }
  }
  return i == len && c->y >= 1 && c->m >= 1 && c->d >= 1 &&
         c->d <= days_in_month(c->y, c->m);
}

int vb_date_format_check(const char *format, vb_error *err) {
  vb__error_clear(err);
  if (!format)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no date format");
  int seen[128] = {0};
  for (size_t i = 0; format[i]; i++) {
    if (format[i] != '%')
      continue;
    char d = format[++i];
    if (!d || !strchr("YmdHIMSp%", d))
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)i,
                      "unknown directive %%%.1s in \"%s\" (known: %%Y %%m "
                      "%%d %%H %%I %%M %%S %%p %%%%)",
                      d ? &format[i] : "", format);
    if (d != '%' && seen[(int)d]++)
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)i,
                      "%%%c twice in \"%s\"", d, format);
  }
  if (!seen['Y'] || !seen['m'] || !seen['d'])
    return vb__fail(err, VB_EINVAL, NULL, 1, 1,
                    "\"%s\" needs %%Y, %%m and %%d (a date)", format);
  if (seen['p'] != seen['I'])
    return vb__fail(err, VB_EINVAL, NULL, 1, 1,
                    "\"%s\": %%I (12-hour clock) and %%p (AM/PM) go "
                    "together",
                    format);
  return VB_OK;
}

/* ---- guessing the format from a sample --------------------------------- */

/* The common forms tried, each day-first one beside its month-first twin
 * (dots are always day first).  ISO 8601 is tried before them. */
#define TIMES(d) d, d " %H:%M", d " %H:%M:%S", d " %I:%M %p", d " %I:%M:%S %p"
static const char *const FORMS[VB__DATE_FORMS] = {
    TIMES("%d/%m/%Y"), TIMES("%m/%d/%Y"), TIMES("%d-%m-%Y"), TIMES("%m-%d-%Y"),
    TIMES("%d.%m.%Y")};
#undef TIMES
enum { TIME_VARIANTS = 5 };

/* The month-first twin of a day-first form and back; -1 for dots. */
static int twin(int k) {
  int family = k / TIME_VARIANTS, variant = k % TIME_VARIANTS;
  if (family >= 4)
    return -1;
  return (family ^ 1) * TIME_VARIANTS + variant;
}

static void sniff_note(vb__date_sniff *s, int k, const char *text, size_t len,
                       uint64_t line) {
  if (s->hits[k]++ == 0) {
    s->first_line[k] = line;
    snprintf(s->first[k], sizeof s->first[k], "%.*s",
             (int)(len < sizeof s->first[k] - 1 ? len : sizeof s->first[k] - 1),
             text);
  }
}

void vb__date_sniff_add(vb__date_sniff *s, const char *text, size_t len,
                        uint64_t line) {
  civil c;
  if (parse_datetime(text, len, &c)) {
    sniff_note(s, VB__DATE_FORMS, text, len, line); /* ISO: the last slot */
    return;
  }
  for (int k = 0; k < VB__DATE_FORMS; k++)
    if (parse_format(FORMS[k], text, len, &c))
      sniff_note(s, k, text, len, line);
}

int vb__date_sniff_result(const vb__date_sniff *s, int *best, int *other) {
  int b = VB__DATE_FORMS; /* ISO, also when nothing reads as a date */
  for (int k = 0; k < VB__DATE_FORMS; k++)
    if (s->hits[k] > s->hits[b])
      b = k;
  *best = b;
  *other = b == VB__DATE_FORMS ? -1 : twin(b);
  return *other >= 0 && s->hits[*other] == s->hits[b] ? VB_EAMBIGUOUS : VB_OK;
}

const char *vb__date_form(int k) {
  return k >= 0 && k < VB__DATE_FORMS ? FORMS[k] : NULL;
}

/* ---- buckets of a parsed date ------------------------------------------ */

static int bucket_of(vb_period period, civil c, char start[11], char label[16]);

int vb_period_bucket(vb_period period, const char *text, size_t len,
                     char start[11], char label[16]) {
  return vb_period_bucket_format(period, NULL, text, len, start, label);
}

int vb_period_bucket_format(vb_period period, const char *format,
                            const char *text, size_t len, char start[11],
                            char label[16]) {
  civil c;
  if (!start || !label)
    return VB_EINVAL;
  start[0] = label[0] = '\0';
  if (!text || !(format ? parse_format(format, text, len, &c)
                        : parse_datetime(text, len, &c)))
    return VB_EINVAL;
  return bucket_of(period, c, start, label);
}

static int bucket_of(vb_period period, civil c, char start[11],
                     char label[16]) {
  switch (period) {
  case VB_PERIOD_DAY:
    put_date(start, c.y, c.m, c.d);
    memcpy(label, start, 11);
    return VB_OK;
  case VB_PERIOD_WEEK:
    week_bucket(c, start, label);
    return VB_OK;
  case VB_PERIOD_MONTH:
    put_date(start, c.y, c.m, 1);
    memcpy(label, start, 7);
    label[7] = '\0';
    return VB_OK;
  case VB_PERIOD_QUARTER: {
    int q = (c.m - 1) / 3 + 1;
    put_date(start, c.y, 3 * q - 2, 1);
    put4(label, c.y);
    label[4] = '-';
    label[5] = 'Q';
    label[6] = (char)('0' + q);
    label[7] = '\0';
    return VB_OK;
  }
  case VB_PERIOD_YEAR:
    put_date(start, c.y, 1, 1);
    memcpy(label, start, 4);
    label[4] = '\0';
    return VB_OK;
  case VB_PERIOD_NONE:
    break;
  }
  return VB_EINVAL;
}

/* Moves *c from a bucket start of `period` to the previous one's start;
 * false when *c is not such a start or the result is before 0001-01-01. */
static bool previous_start(vb_period period, civil *c) {
  switch (period) {
  case VB_PERIOD_DAY:
    *c = civil_from_days(days_from_civil(c->y, c->m, c->d) - 1);
    break;
  case VB_PERIOD_WEEK: {
    long z = days_from_civil(c->y, c->m, c->d);
    if (iso_weekday(z) != 1)
      return false;
    *c = civil_from_days(z - 7);
    break;
  }
  case VB_PERIOD_MONTH:
    if (c->d != 1)
      return false;
    if (--c->m == 0) {
      c->y--;
      c->m = 12;
    }
    break;
  case VB_PERIOD_QUARTER:
    if (c->d != 1 || (c->m - 1) % 3 != 0)
      return false;
    c->m -= 3;
    if (c->m < 1) {
      c->y--;
      c->m += 12;
    }
    break;
  case VB_PERIOD_YEAR:
    if (c->d != 1 || c->m != 1)
      return false;
    c->y--;
    break;
  case VB_PERIOD_NONE:
  default: /* out-of-range values too */
    return false;
  }
  return c->y >= 1;
}

int vb_period_previous(vb_period period, const char *start, char prev[11]) {
  civil c;
  /* Everything is read before prev is written: it may be start's buffer.
   * parse_date stops at the first byte out of place, so a short string is
   * never read past its NUL. */
  if (start && prev && parse_date(start, &c) && start[10] == '\0' &&
      previous_start(period, &c)) {
    put_date(prev, c.y, c.m, c.d);
    return VB_OK;
  }
  if (prev)
    prev[0] = '\0';
  return VB_EINVAL;
}
