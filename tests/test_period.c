/*
 * test_period.c - period names, the strict ISO-8601 parser, the day / ISO
 * week / month / quarter / year buckets and vb_period_previous.
 *
 * Expected values come from the calendar, not from running the code: the
 * weekday facts used are noted beside the cases (e.g. 2025-01-01 was a
 * Wednesday, so ISO week 2025-W01 starts on Monday 2024-12-30).  The
 * exhaustive check at the end rebuilds the calendar day by day from one
 * known fact (1969-12-01 was a Monday) and derives ISO weeks from the
 * Thursday rule, independently of the engine's arithmetic.
 *
 * Then strptime-style formats (vb_period_bucket_format, checked by
 * vb_date_format_check) and the sniffer that picks a common form from a
 * sample of values, or calls it ambiguous.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h" /* the date-form sniffer */
#include "verbatim.h"

static int bucket(vb_period p, const char *text, char start[11],
                  char label[16]) {
  return vb_period_bucket(p, text, strlen(text), start, label);
}

/* text buckets into [start, label) under period p. */
#define CHECK_BUCKET(p, text, s, l)                                            \
  do {                                                                         \
    char st_[11] = "?", lb_[16] = "?";                                         \
    CHECK_INT(bucket(p, text, st_, lb_), VB_OK);                               \
    CHECK_STR(st_, s);                                                         \
    CHECK_STR(lb_, l);                                                         \
  } while (0)

/* text is rejected under every period, and the outputs are emptied. */
#define CHECK_REJECT(text) CHECK_REJECT_LEN(text, sizeof(text) - 1)
#define CHECK_REJECT_LEN(text, len)                                            \
  do {                                                                         \
    for (int p_ = VB_PERIOD_DAY; p_ <= VB_PERIOD_YEAR; p_++) {                 \
      char st_[11] = "?", lb_[16] = "?";                                       \
      CHECK_INT(vb_period_bucket((vb_period)p_, text, len, st_, lb_),          \
                VB_EINVAL);                                                    \
      CHECK(st_[0] == '\0' && lb_[0] == '\0');                                 \
    }                                                                          \
  } while (0)

/* previous(p, start) == want. */
#define CHECK_PREV(p, start, want)                                             \
  do {                                                                         \
    char pv_[11] = "?";                                                        \
    CHECK_INT(vb_period_previous(p, start, pv_), VB_OK);                       \
    CHECK_STR(pv_, want);                                                      \
  } while (0)

#define CHECK_PREV_REJECT(p, start)                                            \
  do {                                                                         \
    char pv_[11] = "?";                                                        \
    CHECK_INT(vb_period_previous(p, start, pv_), VB_EINVAL);                   \
    CHECK(pv_[0] == '\0');                                                     \
  } while (0)

static void test_names(void) {
  static const char *const names[] = {"none",  "day",     "week",
                                      "month", "quarter", "year"};
  static const vb_period periods[] = {VB_PERIOD_NONE,    VB_PERIOD_DAY,
                                      VB_PERIOD_WEEK,    VB_PERIOD_MONTH,
                                      VB_PERIOD_QUARTER, VB_PERIOD_YEAR};
  for (size_t i = 0; i < 6; i++) {
    vb_period p = (vb_period)99;
    CHECK_INT(vb_period_parse(names[i], &p), VB_OK);
    CHECK_INT(p, periods[i]);
    CHECK_STR(vb_period_name(periods[i]), names[i]);
  }
  const char *bad[] = {"",     "Month", "MONTH",  "months", " day",
                       "day ", "q",     "weekly", "unknown"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    vb_period p = VB_PERIOD_MONTH;
    CHECK_INT(vb_period_parse(bad[i], &p), VB_EINVAL);
    CHECK_INT(p, VB_PERIOD_MONTH); /* untouched on failure */
  }
  vb_period p;
  CHECK_INT(vb_period_parse(NULL, &p), VB_EINVAL);
  CHECK_INT(vb_period_parse("day", NULL), VB_EINVAL);
  /* an out-of-range value still has a printable name, and not a valid one */
  const char *name = vb_period_name((vb_period)42);
  CHECK(name != NULL);
  CHECK_INT(vb_period_parse(name ? name : "", &p), VB_EINVAL);
}

static void test_ordinary_dates(void) {
  /* 2025-03-07 is a Friday; 2025-W01 starts Monday 2024-12-30, and Monday
   * 2025-03-03 is 63 days = 9 weeks later: W10. */
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-03-07", "2025-03-07", "2025-03-07");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-03-07", "2025-03-03", "2025-W10");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2025-03-07", "2025-03-01", "2025-03");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-03-07", "2025-01-01", "2025-Q1");
  CHECK_BUCKET(VB_PERIOD_YEAR, "2025-03-07", "2025-01-01", "2025");
  /* 2023-08-15 is a Tuesday; 2023-W01 starts Monday 2023-01-02 (day 2),
   * Monday 2023-08-14 is day 226: 224 days = 32 weeks later, W33. */
  CHECK_BUCKET(VB_PERIOD_DAY, "2023-08-15", "2023-08-15", "2023-08-15");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2023-08-15", "2023-08-14", "2023-W33");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2023-08-15", "2023-08-01", "2023-08");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2023-08-15", "2023-07-01", "2023-Q3");
  CHECK_BUCKET(VB_PERIOD_YEAR, "2023-08-15", "2023-01-01", "2023");
  /* the extremes of the range: 0001-01-01 was a Monday (proleptic
   * Gregorian), 9999-12-31 a Friday, in week 52 of 9999 */
  CHECK_BUCKET(VB_PERIOD_DAY, "0001-01-01", "0001-01-01", "0001-01-01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "0001-01-01", "0001-01-01", "0001-W01");
  CHECK_BUCKET(VB_PERIOD_YEAR, "0001-12-31", "0001-01-01", "0001");
  CHECK_BUCKET(VB_PERIOD_WEEK, "9999-12-31", "9999-12-27", "9999-W52");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "9999-12-31", "9999-10-01", "9999-Q4");
  CHECK_BUCKET(VB_PERIOD_MONTH, "0099-09-09", "0099-09-01", "0099-09");
  /* no period: nothing to bucket */
  char st[11], lb[16];
  CHECK_INT(bucket(VB_PERIOD_NONE, "2025-03-07", st, lb), VB_EINVAL);
  CHECK_INT(bucket((vb_period)42, "2025-03-07", st, lb), VB_EINVAL);
  CHECK_INT(vb_period_bucket(VB_PERIOD_DAY, NULL, 0, st, lb), VB_EINVAL);
  CHECK_INT(bucket(VB_PERIOD_DAY, "2025-03-07", NULL, lb), VB_EINVAL);
  CHECK_INT(bucket(VB_PERIOD_DAY, "2025-03-07", st, NULL), VB_EINVAL);
}

static void test_iso_weeks(void) {
  /* 2025-01-01 is a Wednesday, so W01 of 2025 is Mon 2024-12-30 .. Sun
   * 2025-01-05: Dec 30-31 belong to the next ISO year. */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2024-12-29", "2024-12-23", "2024-W52");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2024-12-30", "2024-12-30", "2025-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2024-12-31", "2024-12-30", "2025-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-01-01", "2024-12-30", "2025-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-01-05", "2024-12-30", "2025-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-01-06", "2025-01-06", "2025-W02");
  /* 2020 has 53 weeks (2020-01-01 a Wednesday in a leap year): Fri
   * 2021-01-01 .. Sun 2021-01-03 belong to 2020-W53 starting Mon 12-28. */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2020-12-28", "2020-12-28", "2020-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2020-12-31", "2020-12-28", "2020-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2021-01-01", "2020-12-28", "2020-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2021-01-03", "2020-12-28", "2020-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2021-01-04", "2021-01-04", "2021-W01");
  /* and the year after still buckets by the calendar year of its label */
  CHECK_BUCKET(VB_PERIOD_YEAR, "2021-01-03", "2021-01-01", "2021");
  /* 2019-12-30 is a Monday: W01 of 2020 (2020-01-01 a Wednesday) */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2019-12-30", "2019-12-30", "2020-W01");
  /* 2026 starts and ends on a Thursday: 53 weeks, W01 from Mon
   * 2025-12-29, W53 from Mon 2026-12-28 to Sun 2027-01-03. */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-12-28", "2025-12-22", "2025-W52");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-12-29", "2025-12-29", "2026-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-12-31", "2025-12-29", "2026-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2026-01-01", "2025-12-29", "2026-W01");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2026-12-28", "2026-12-28", "2026-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2026-12-31", "2026-12-28", "2026-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2027-01-01", "2026-12-28", "2026-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2027-01-03", "2026-12-28", "2026-W53");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2027-01-04", "2027-01-04", "2027-W01");
  /* 2022-01-01 is a Saturday: Jan 1-2 are in 2021-W52 (2021 has 52 weeks,
   * its W52 starting Mon 2021-12-27), Mon Jan 3 starts 2022-W01. */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2022-01-01", "2021-12-27", "2021-W52");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2022-01-02", "2021-12-27", "2021-W52");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2022-01-03", "2022-01-03", "2022-W01");
  /* 2016-01-01 is a Friday after 2015's 53 weeks */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2016-01-03", "2015-12-28", "2015-W53");
  /* a week crossing a month: Sun 2025-03-02 vs Mon 2025-03-03 */
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-03-02", "2025-02-24", "2025-W09");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-03-03", "2025-03-03", "2025-W10");
}

static void test_quarters_and_months(void) {
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-01-01", "2025-01-01", "2025-Q1");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-03-31", "2025-01-01", "2025-Q1");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-04-01", "2025-04-01", "2025-Q2");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-06-30", "2025-04-01", "2025-Q2");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-07-01", "2025-07-01", "2025-Q3");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-09-30", "2025-07-01", "2025-Q3");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-10-01", "2025-10-01", "2025-Q4");
  CHECK_BUCKET(VB_PERIOD_QUARTER, "2025-12-31", "2025-10-01", "2025-Q4");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2025-01-31", "2025-01-01", "2025-01");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2025-02-01", "2025-02-01", "2025-02");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2025-12-31", "2025-12-01", "2025-12");
  CHECK_BUCKET(VB_PERIOD_YEAR, "2025-12-31", "2025-01-01", "2025");
  CHECK_BUCKET(VB_PERIOD_YEAR, "2026-01-01", "2026-01-01", "2026");
}

static void test_leap_years(void) {
  /* 2024-02-29 is a Thursday; 2024-01-01 a Monday, so Mon 02-26 (day 57)
   * is 56 days = 8 weeks into 2024: W09 */
  CHECK_BUCKET(VB_PERIOD_DAY, "2024-02-29", "2024-02-29", "2024-02-29");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2024-02-29", "2024-02-26", "2024-W09");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2024-02-29", "2024-02-01", "2024-02");
  /* divisible by 400: leap */
  CHECK_BUCKET(VB_PERIOD_DAY, "2000-02-29", "2000-02-29", "2000-02-29");
  CHECK_BUCKET(VB_PERIOD_MONTH, "2000-02-29", "2000-02-01", "2000-02");
  CHECK_BUCKET(VB_PERIOD_DAY, "1600-02-29", "1600-02-29", "1600-02-29");
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-02-28", "2025-02-28", "2025-02-28");
  /* divisible by 100 but not 400, or not by 4: not leap */
  CHECK_REJECT("1900-02-29");
  CHECK_REJECT("2100-02-29");
  CHECK_REJECT("2025-02-29");
  CHECK_REJECT("2024-02-30");
  /* other month lengths */
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-04-30", "2025-04-30", "2025-04-30");
  CHECK_REJECT("2025-04-31");
  CHECK_REJECT("2025-06-31");
  CHECK_REJECT("2025-09-31");
  CHECK_REJECT("2025-11-31");
  CHECK_REJECT("2025-01-32");
  CHECK_REJECT("2025-01-00");
}

static void test_time_and_zone_forms(void) {
  static const char *const ok[] = {
      "2025-03-07T09:15",
      "2025-03-07 09:15",
      "2025-03-07T09:15:30",
      "2025-03-07 09:15:30",
      "2025-03-07T09:15:30.5",
      "2025-03-07T09:15:30.123",
      "2025-03-07T09:15:30.123456789", /* 9 fraction digits */
      "2025-03-07T00:00:00",
      "2025-03-07T23:59:59",
      "2025-03-07T23:59:60", /* leap second */
      "2025-03-07T09:15Z",
      "2025-03-07T09:15:30Z",
      "2025-03-07T09:15:30.5Z",
      "2025-03-07T09:15+01:00",
      "2025-03-07T09:15:30+01:00",
      "2025-03-07T09:15:30-05:00",
      "2025-03-07T09:15:30+0530",
      "2025-03-07T09:15:30-0800",
      "2025-03-07T09:15:30.25-0800",
      "2025-03-07 09:15:30+00:00",
      "2025-03-07T09:15:30-00:00",
      "2025-03-07T09:15:30+23:59",
      "2025-03-07T09:15:30-2359",
      "2025-03-07T23:59:59.999999999-23:59",
  };
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
    CHECK_BUCKET(VB_PERIOD_DAY, ok[i], "2025-03-07", "2025-03-07");
    CHECK_BUCKET(VB_PERIOD_MONTH, ok[i], "2025-03-01", "2025-03");
  }
  /* the zone is checked, not applied: 23:30-05:00 is 04:30Z the next day,
   * 00:30+14:00 is 10:30Z the day before, yet both stay where written */
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-03-07T23:30:00-05:00", "2025-03-07",
               "2025-03-07");
  CHECK_BUCKET(VB_PERIOD_YEAR, "2025-01-01T00:30:00+14:00", "2025-01-01",
               "2025");
  CHECK_BUCKET(VB_PERIOD_WEEK, "2025-01-05T23:59:59-12:00", "2024-12-30",
               "2025-W01");
}

static void test_rejected_forms(void) {
  CHECK_REJECT("");
  CHECK_REJECT(" ");
  CHECK_REJECT(" \t\r ");
  /* date shapes */
  CHECK_REJECT("2025-1-5");
  CHECK_REJECT("2025-01-5");
  CHECK_REJECT("2025-1-05");
  CHECK_REJECT("2025/01/05");
  CHECK_REJECT("05/01/2025");
  CHECK_REJECT("01-05-2025");
  CHECK_REJECT("20250105");
  CHECK_REJECT("2025-01");
  CHECK_REJECT("2025");
  CHECK_REJECT("25-01-05");
  CHECK_REJECT("+2025-01-05");
  CHECK_REJECT("12025-01-05");
  CHECK_REJECT("2025-01-05x");
  CHECK_REJECT("2025-01-01x");
  CHECK_REJECT("x2025-01-01");
  CHECK_REJECT("2025-0a-01");
  CHECK_REJECT("2025 -01-01");
  CHECK_REJECT("2025-W10");
  CHECK_REJECT("2025-066"); /* ordinal dates are not accepted */
  CHECK_REJECT("\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x95-01-01");
  /* impossible dates */
  CHECK_REJECT("2025-13-01");
  CHECK_REJECT("2025-00-10");
  CHECK_REJECT("0000-01-01");
  CHECK_REJECT("0000-12-31");
  CHECK_REJECT("2025-02-29");
  CHECK_REJECT("2024-02-30");
  /* times */
  CHECK_REJECT("2025-01-01T");
  CHECK_REJECT("2025-01-01T12");
  CHECK_REJECT("2025-01-01T24:00");
  CHECK_REJECT("2025-01-01T24:00:00");
  CHECK_REJECT("2025-01-01T12:60");
  CHECK_REJECT("2025-01-01T12:00:61");
  CHECK_REJECT("2025-01-01T1:00");
  CHECK_REJECT("2025-01-01T12:0");
  CHECK_REJECT("2025-01-01T12:00:0");
  CHECK_REJECT("2025-01-01T12:00:");
  CHECK_REJECT("2025-01-01T12:00:00.");
  CHECK_REJECT("2025-01-01T12:00:00.1234567890"); /* 10 fraction digits */
  CHECK_REJECT("2025-01-01T12:00:00,5");
  CHECK_REJECT("2025-01-01T12:00.5"); /* a fraction needs seconds */
  CHECK_REJECT("2025-01-01T1200");
  CHECK_REJECT("2025-01-01t12:00");
  CHECK_REJECT("2025-01-01  12:00"); /* one separator only */
  CHECK_REJECT("2025-01-01\t12:00");
  CHECK_REJECT("2025-01-01T 12:00");
  CHECK_REJECT("2025-01-01_12:00");
  /* zones */
  CHECK_REJECT("2025-01-01T12:00:00+25:00");
  CHECK_REJECT("2025-01-01T12:00:00+24:00");
  CHECK_REJECT("2025-01-01T12:00:00+01:60");
  CHECK_REJECT("2025-01-01T12:00:00+0160");
  CHECK_REJECT("2025-01-01T12:00:00+01");
  CHECK_REJECT("2025-01-01T12:00:00+1:00");
  CHECK_REJECT("2025-01-01T12:00:00+01:0");
  CHECK_REJECT("2025-01-01T12:00:00+010");
  CHECK_REJECT("2025-01-01T12:00:00+01:00:00");
  CHECK_REJECT("2025-01-01T12:00:00+");
  CHECK_REJECT("2025-01-01T12:00:00z");
  CHECK_REJECT("2025-01-01T12:00:00ZZ");
  CHECK_REJECT("2025-01-01T12:00:00 Z");
  CHECK_REJECT("2025-01-01T12:00:00 +01:00");
  CHECK_REJECT("2025-01-01T12:00:00UTC");
  CHECK_REJECT("2025-01-01Z");      /* a zone needs a time */
  CHECK_REJECT("2025-01-01+01:00"); /* likewise */
  /* only space, tab and CR are blanks */
  CHECK_REJECT("2025-01-01\n");
  CHECK_REJECT("\v2025-01-01");
  /* the length is explicit: an embedded NUL is an invalid byte */
  CHECK_REJECT_LEN("2025-01-01\0", 11);
  CHECK_REJECT_LEN("2025\0-01-01", 11);
  CHECK_REJECT_LEN("2025-01-01T12:00\0Z", 18);
  CHECK_REJECT_LEN("\0002025-01-01", 11);
}

static void test_blanks_and_length(void) {
  CHECK_BUCKET(VB_PERIOD_DAY, "  2025-03-07  ", "2025-03-07", "2025-03-07");
  CHECK_BUCKET(VB_PERIOD_DAY, "\t2025-03-07\r", "2025-03-07", "2025-03-07");
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-03-07 ", "2025-03-07", "2025-03-07");
  CHECK_BUCKET(VB_PERIOD_WEEK, " \t2025-03-07T09:15:30Z \r", "2025-03-03",
               "2025-W10");
  CHECK_BUCKET(VB_PERIOD_DAY, "2025-03-07 09:15 ", "2025-03-07", "2025-03-07");
  /* only the first len bytes are read: a prefix of a longer string */
  const char *longer = "2025-03-07T09:15:30Zjunk";
  char st[11], lb[16];
  CHECK_INT(vb_period_bucket(VB_PERIOD_DAY, longer, 10, st, lb), VB_OK);
  CHECK_STR(st, "2025-03-07");
  CHECK_INT(vb_period_bucket(VB_PERIOD_DAY, longer, 20, st, lb), VB_OK);
  CHECK_INT(vb_period_bucket(VB_PERIOD_DAY, longer, 21, st, lb), VB_EINVAL);
  CHECK_INT(vb_period_bucket(VB_PERIOD_DAY, longer, 9, st, lb), VB_EINVAL);
  /* an unterminated heap copy: the sanitizers catch any read past it */
  static const char *const exact[] = {"2025-03-07",
                                      "2025-03-07T09:15",
                                      "2025-03-07T09:15:30.123+01:00",
                                      "2025-03-07T09:15:30.",
                                      "2025-03-07T09:1",
                                      "2025-03-07T09:15:30+01:",
                                      " ",
                                      "2025"};
  for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++) {
    size_t n = strlen(exact[i]);
    char *copy = malloc(n);
    if (!copy)
      continue;
    memcpy(copy, exact[i], n);
    int want = i < 3 ? VB_OK : VB_EINVAL;
    CHECK_INT(vb_period_bucket(VB_PERIOD_WEEK, copy, n, st, lb), want);
    free(copy);
  }
}

static void test_previous(void) {
  /* day: month, leap-day and year boundaries */
  CHECK_PREV(VB_PERIOD_DAY, "2025-03-07", "2025-03-06");
  CHECK_PREV(VB_PERIOD_DAY, "2025-03-01", "2025-02-28");
  CHECK_PREV(VB_PERIOD_DAY, "2024-03-01", "2024-02-29");
  CHECK_PREV(VB_PERIOD_DAY, "2025-01-01", "2024-12-31");
  CHECK_PREV(VB_PERIOD_DAY, "9999-12-31", "9999-12-30");
  CHECK_PREV(VB_PERIOD_DAY, "0001-01-02", "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_DAY, "0001-01-01");
  /* week: Mondays only; 2025-W01 (Mon 2024-12-30) -> 2024-W52 */
  CHECK_PREV(VB_PERIOD_WEEK, "2024-12-30", "2024-12-23");
  CHECK_PREV(VB_PERIOD_WEEK, "2021-01-04", "2020-12-28"); /* -> 2020-W53 */
  CHECK_PREV(VB_PERIOD_WEEK, "2025-03-03", "2025-02-24");
  CHECK_PREV(VB_PERIOD_WEEK, "2024-03-04", "2024-02-26");
  CHECK_PREV(VB_PERIOD_WEEK, "0001-01-08", "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_WEEK, "0001-01-01"); /* would be year 0 */
  CHECK_PREV_REJECT(VB_PERIOD_WEEK, "2025-03-04"); /* a Tuesday */
  CHECK_PREV_REJECT(VB_PERIOD_WEEK, "2024-12-29"); /* a Sunday */
  CHECK_PREV_REJECT(VB_PERIOD_WEEK, "2025-01-01"); /* a Wednesday */
  /* month */
  CHECK_PREV(VB_PERIOD_MONTH, "2025-01-01", "2024-12-01");
  CHECK_PREV(VB_PERIOD_MONTH, "2025-03-01", "2025-02-01");
  CHECK_PREV(VB_PERIOD_MONTH, "2025-12-01", "2025-11-01");
  CHECK_PREV(VB_PERIOD_MONTH, "0001-02-01", "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_MONTH, "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_MONTH, "2025-03-02");
  CHECK_PREV_REJECT(VB_PERIOD_MONTH, "2025-03-31");
  /* quarter */
  CHECK_PREV(VB_PERIOD_QUARTER, "2025-01-01", "2024-10-01");
  CHECK_PREV(VB_PERIOD_QUARTER, "2025-04-01", "2025-01-01");
  CHECK_PREV(VB_PERIOD_QUARTER, "2025-07-01", "2025-04-01");
  CHECK_PREV(VB_PERIOD_QUARTER, "2025-10-01", "2025-07-01");
  CHECK_PREV_REJECT(VB_PERIOD_QUARTER, "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_QUARTER, "2025-02-01");
  CHECK_PREV_REJECT(VB_PERIOD_QUARTER, "2025-12-01");
  CHECK_PREV_REJECT(VB_PERIOD_QUARTER, "2025-04-02");
  /* year */
  CHECK_PREV(VB_PERIOD_YEAR, "2025-01-01", "2024-01-01");
  CHECK_PREV(VB_PERIOD_YEAR, "2000-01-01", "1999-01-01");
  CHECK_PREV(VB_PERIOD_YEAR, "0002-01-01", "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_YEAR, "0001-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_YEAR, "2025-02-01");
  CHECK_PREV_REJECT(VB_PERIOD_YEAR, "2025-01-02");
  /* malformed starts, under every period */
  static const char *const bad[] = {
      "",           "2025-03",     "2025-03-0",   "2025-3-01",
      "2025/03/01", " 2025-03-01", "2025-03-01 ", "2025-03-01T00:00",
      "2025-02-30", "2025-13-01",  "0000-01-01",  "2025-W10",
      "2025-Q1",    "2025",        "2025-03-01x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    for (int p = VB_PERIOD_DAY; p <= VB_PERIOD_YEAR; p++)
      CHECK_PREV_REJECT((vb_period)p, bad[i]);
  CHECK_PREV_REJECT(VB_PERIOD_NONE, "2025-01-01");
  CHECK_PREV_REJECT((vb_period)42, "2025-01-01");
  CHECK_PREV_REJECT(VB_PERIOD_DAY, NULL);
  CHECK_INT(vb_period_previous(VB_PERIOD_DAY, "2025-01-01", NULL), VB_EINVAL);
  /* prev may be start's own buffer */
  char buf[11] = "2025-03-01";
  CHECK_INT(vb_period_previous(VB_PERIOD_MONTH, buf, buf), VB_OK);
  CHECK_STR(buf, "2025-02-01");
  /* a previous start buckets to the previous label */
  char st[11], lb[16];
  CHECK_INT(bucket(VB_PERIOD_WEEK, "2024-12-23", st, lb), VB_OK);
  CHECK_STR(lb, "2024-W52");
  CHECK_INT(bucket(VB_PERIOD_QUARTER, "2024-10-01", st, lb), VB_OK);
  CHECK_STR(lb, "2024-Q4");
}

/* ---- exhaustive check, 1970-01-01 .. 2100-12-31 ----------------------- */

typedef struct day {
  int y, m, d;
  int doy;     /* 1-based day of the year */
  int weekday; /* ISO: 1 = Monday .. 7 = Sunday */
  char s[11];  /* "YYYY-MM-DD" */
} day;

static bool leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

static int month_length(int y, int m) {
  switch (m) {
  case 2:
    return leap(y) ? 29 : 28;
  case 4:
  case 6:
  case 9:
  case 11:
    return 30;
  default:
    return 31;
  }
}

static int by_string(const void *key, const void *elem) {
  return strcmp((const char *)key, ((const day *)elem)->s);
}

/* Index of date string s in the table, or -1. */
static long find_day(const day *days, size_t n, const char *s) {
  const day *hit = bsearch(s, days, n, sizeof *days, by_string);
  return hit ? (long)(hit - days) : -1;
}

static void test_exhaustive(void) {
  /* The calendar from Monday 1969-12-01 (four weeks and three days before
   * Thursday 1970-01-01) to 2101-01-10, one day at a time. */
  size_t cap = 48000, n = 0;
  day *days = malloc(cap * sizeof *days);
  CHECK(days != NULL);
  if (!days)
    return;
  int y = 1969, m = 12, d = 1, doy = 335, wd = 1;
  while (!(y == 2101 && m == 1 && d == 11) && n < cap) {
    day *t = &days[n++];
    t->y = y;
    t->m = m;
    t->d = d;
    t->doy = doy;
    t->weekday = wd;
    char text[40]; /* roomy enough for any int, as the compiler wants */
    snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
    memcpy(t->s, text, sizeof t->s); /* 10 characters and the NUL */
    wd = wd % 7 + 1;
    doy++;
    if (++d > month_length(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
        doy = 1;
      }
    }
  }
  CHECK_STR(days[31].s, "1970-01-01");
  CHECK_INT(days[31].weekday, 4); /* a Thursday */
  CHECK_INT(days[31].doy, 1);

  int long_years[2101] = {0}; /* week-year -> highest week seen */
  long first = 31, last = find_day(days, n, "2100-12-31");
  long bad = 0, checked = 0;
  for (long i = first; i <= last; i++) {
    const day *t = &days[i];
    char st[11], lb[16], pv[11], want[40];
    bool ok = true;
    checked++;
    /* week: Monday start <= the date, < 7 days before it */
    long thursday = i + (4 - t->weekday);
    int want_year = days[thursday].y,
        want_week = (days[thursday].doy - 1) / 7 + 1;
    int got_year = 0, got_week = 0;
    char tail = 0;
    if (vb_period_bucket(VB_PERIOD_WEEK, t->s, 10, st, lb) != VB_OK)
      ok = false;
    long j = ok ? find_day(days, n, st) : -1;
    if (j < 0 || days[j].weekday != 1 || i - j < 0 || i - j >= 7)
      ok = false;
    if (ok && (strlen(lb) != 8 ||
               sscanf(lb, "%4d-W%2d%c", &got_year, &got_week, &tail) != 2 ||
               got_year != want_year || got_week != want_week))
      ok = false;
    if (ok && got_week > long_years[got_year])
      long_years[got_year] = got_week;
    /* previous week: 7 days earlier */
    if (ok && (vb_period_previous(VB_PERIOD_WEEK, st, pv) != VB_OK ||
               find_day(days, n, pv) != j - 7))
      ok = false;
    /* the other periods against the table */
    if (vb_period_bucket(VB_PERIOD_DAY, t->s, 10, st, lb) != VB_OK ||
        strcmp(st, t->s) || strcmp(lb, t->s))
      ok = false;
    snprintf(want, sizeof want, "%04d-%02d", t->y, t->m);
    if (vb_period_bucket(VB_PERIOD_MONTH, t->s, 10, st, lb) != VB_OK ||
        strncmp(st, want, 7) || strcmp(st + 7, "-01") || strcmp(lb, want))
      ok = false;
    int q = (t->m + 2) / 3;
    snprintf(want, sizeof want, "%04d-%02d-01", t->y, 3 * q - 2);
    if (vb_period_bucket(VB_PERIOD_QUARTER, t->s, 10, st, lb) != VB_OK ||
        strcmp(st, want))
      ok = false;
    snprintf(want, sizeof want, "%04d-Q%d", t->y, q);
    if (strcmp(lb, want))
      ok = false;
    snprintf(want, sizeof want, "%04d", t->y);
    if (vb_period_bucket(VB_PERIOD_YEAR, t->s, 10, st, lb) != VB_OK ||
        strncmp(st, want, 4) || strcmp(st + 4, "-01-01") || strcmp(lb, want))
      ok = false;
    if (!ok && bad++ < 5)
      fprintf(stderr, "%s:%d: exhaustive check failed for %s\n", __FILE__,
              __LINE__, t->s);
  }
  CHECK_INT(bad, 0);
  CHECK_INT(checked, 47847); /* 131 years, 32 of them leap */
  /* ISO years with 53 weeks, 1970-2099 (the published list of long years:
   * those starting on a Thursday, or leap years starting on a Wednesday) */
  static const int known[] = {1970, 1976, 1981, 1987, 1992, 1998, 2004, 2009,
                              2015, 2020, 2026, 2032, 2037, 2043, 2048, 2054,
                              2060, 2065, 2071, 2076, 2082, 2088, 2093, 2099};
  size_t k = 0;
  for (int year = 1970; year <= 2099; year++) {
    bool is_long = k < sizeof known / sizeof known[0] && known[k] == year;
    if (is_long)
      k++;
    CHECK_INT(long_years[year], is_long ? 53 : 52);
  }
  free(days);
}

/* text read in fmt lands on day `day` (YYYY-MM-DD). */
#define CHECK_FORMAT(fmt, text, day)                                           \
  do {                                                                         \
    char st_[11] = "?", lb_[16] = "?";                                         \
    CHECK_INT(vb_period_bucket_format(VB_PERIOD_DAY, fmt, text, strlen(text),  \
                                      st_, lb_),                               \
              VB_OK);                                                          \
    CHECK_STR(st_, day);                                                       \
  } while (0)
#define CHECK_FORMAT_REJECT(fmt, text)                                         \
  do {                                                                         \
    char st_[11] = "?", lb_[16] = "?";                                         \
    CHECK_INT(vb_period_bucket_format(VB_PERIOD_DAY, fmt, text, strlen(text),  \
                                      st_, lb_),                               \
              VB_EINVAL);                                                      \
    CHECK(st_[0] == '\0');                                                     \
  } while (0)

static void test_formats(void) {
  CHECK_FORMAT("%d/%m/%Y", "06/08/2025", "2025-08-06");
  CHECK_FORMAT("%m/%d/%Y", "06/08/2025", "2025-06-08");
  CHECK_FORMAT("%d/%m/%Y", "6/8/2025", "2025-08-06");     /* 1 or 2 digits */
  CHECK_FORMAT("%d/%m/%Y", " 31/12/1999 ", "1999-12-31"); /* blanks around */
  CHECK_FORMAT("%m/%d/%Y %H:%M:%S", "8/6/2025 14:03:11", "2025-08-06");
  CHECK_FORMAT("%m/%d/%Y %H:%M:%S", "8/6/2025  9:03:11", "2025-08-06");
  CHECK_FORMAT("%d.%m.%Y %H:%M", "29.02.2024 23:59", "2024-02-29");
  CHECK_FORMAT("%d-%m-%Y %I:%M %p", "01-09-2025 12:00 pm", "2025-09-01");
  CHECK_FORMAT("%Y%%%m%%%d", "2025%08%06", "2025-08-06");
  CHECK_FORMAT(NULL, "2025-08-06T14:03:11Z", "2025-08-06"); /* NULL: ISO */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "29/02/2025");       /* not a leap year */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "06/13/2025");       /* month 13 */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "00/01/2025");       /* day 0 */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "06/08/25");         /* %Y is 4 digits */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "06/08/2025 14:03"); /* whole value */
  CHECK_FORMAT_REJECT("%d/%m/%Y", "06-08-2025");
  CHECK_FORMAT_REJECT("%d/%m/%Y", "");
  CHECK_FORMAT_REJECT("%d/%m/%Y %H:%M", "06/08/2025 24:00");
  CHECK_FORMAT_REJECT("%d/%m/%Y %H:%M", "06/08/2025 9:5");  /* %M: 2 digits */
  CHECK_FORMAT_REJECT("%d/%m/%Y %H:%M", "06/08/202514:03"); /* blank needed */
  CHECK_FORMAT_REJECT("%d/%m/%Y %I:%M %p", "06/08/2025 13:00 PM");
  CHECK_FORMAT_REJECT("%d/%m/%Y %I:%M %p", "06/08/2025 11:00 XM");
  CHECK_FORMAT_REJECT("%d/%m/%Y", "2025-08-06");
  /* a period other than day uses the same date */
  char st[11], lb[16];
  CHECK_INT(vb_period_bucket_format(VB_PERIOD_MONTH, "%m/%d/%Y", "8/13/2025", 9,
                                    st, lb),
            VB_OK);
  CHECK_STR(lb, "2025-08");
  /* length, not NUL, ends the value */
  CHECK_INT(vb_period_bucket_format(VB_PERIOD_DAY, "%d/%m/%Y", "1/2/2025xyz", 8,
                                    st, lb),
            VB_OK);
  CHECK_STR(st, "2025-02-01");

  vb_error err;
  CHECK_INT(vb_date_format_check("%d/%m/%Y", &err), VB_OK);
  CHECK_INT(vb_date_format_check("%m/%d/%Y %I:%M:%S %p", &err), VB_OK);
  CHECK_INT(vb_date_format_check("%d/%q/%Y", &err), VB_EINVAL);
  CHECK_INT(err.column, 4); /* where "%q" starts */
  CHECK(strstr(err.message, "unknown directive %q") != NULL);
  CHECK_INT(vb_date_format_check("%d/%m", &err), VB_EINVAL);
  CHECK(strstr(err.message, "needs %Y, %m and %d") != NULL);
  CHECK_INT(vb_date_format_check("%d/%m/%Y/%d", &err), VB_EINVAL);
  CHECK(strstr(err.message, "%d twice") != NULL);
  CHECK_INT(vb_date_format_check("%d/%m/%Y %I:%M", &err), VB_EINVAL);
  CHECK_INT(vb_date_format_check("%d/%m/%Y %", &err), VB_EINVAL);
  CHECK_INT(vb_date_format_check(NULL, &err), VB_EINVAL);
}

/* The sniffer's verdict on a list of values: the form chosen (NULL for
 * ISO) and whether it is ambiguous. */
static int sniff(const char *const *values, const char **form) {
  vb__date_sniff s;
  memset(&s, 0, sizeof s);
  for (size_t i = 0; values[i]; i++)
    vb__date_sniff_add(&s, values[i], strlen(values[i]), i + 2);
  int best, other;
  int rc = vb__date_sniff_result(&s, &best, &other);
  *form = vb__date_form(best);
  return rc;
}

static void test_sniff(void) {
  const char *form;
  static const char *const iso[] = {"2025-08-06", "2025-08-07T10:00Z", "",
                                    NULL};
  CHECK_INT(sniff(iso, &form), VB_OK);
  CHECK(form == NULL);
  static const char *const nothing[] = {"soon", "", NULL};
  CHECK_INT(sniff(nothing, &form), VB_OK);
  CHECK(form == NULL); /* ISO: the rows are then rejected as not ISO */
  static const char *const none[] = {NULL};
  CHECK_INT(sniff(none, &form), VB_OK);
  CHECK(form == NULL);
  /* Google Forms, US: month first shows in 8/13 */
  static const char *const google[] = {"8/6/2025 14:03:11", "8/13/2025 9:12:44",
                                       NULL};
  CHECK_INT(sniff(google, &form), VB_OK);
  CHECK_STR(form, "%m/%d/%Y %H:%M:%S");
  /* day first shows in 25/08 */
  static const char *const uk[] = {"06/08/2025", "25/08/2025", "01/09/2025",
                                   NULL};
  CHECK_INT(sniff(uk, &form), VB_OK);
  CHECK_STR(form, "%d/%m/%Y");
  /* nothing above 12: ambiguous, whichever it would be */
  static const char *const amb[] = {"06/08/2025", "01/02/2025", "12/11/2025",
                                    NULL};
  CHECK_INT(sniff(amb, &form), VB_EAMBIGUOUS);
  static const char *const amb_time[] = {"06-08-2025 9:15 AM", NULL};
  CHECK_INT(sniff(amb_time, &form), VB_EAMBIGUOUS);
  /* dots are day first only: never ambiguous */
  static const char *const dots[] = {"06.08.2025", NULL};
  CHECK_INT(sniff(dots, &form), VB_OK);
  CHECK_STR(form, "%d.%m.%Y");
  /* the form reading the most values wins; one stray ISO value does not */
  static const char *const mixed[] = {"13/08/2025", "14/08/2025", "2025-08-15",
                                      NULL};
  CHECK_INT(sniff(mixed, &form), VB_OK);
  CHECK_STR(form, "%d/%m/%Y");
  /* the first value read under the form is kept for messages */
  vb__date_sniff s;
  memset(&s, 0, sizeof s);
  vb__date_sniff_add(&s, "x", 1, 2);
  vb__date_sniff_add(&s, "06/08/2025", 10, 3);
  vb__date_sniff_add(&s, "07/08/2025", 10, 4);
  int best, other;
  CHECK_INT(vb__date_sniff_result(&s, &best, &other), VB_EAMBIGUOUS);
  CHECK_STR(vb__date_form(best), "%d/%m/%Y");
  CHECK_STR(vb__date_form(other), "%m/%d/%Y");
  CHECK_INT(s.first_line[best], 3);
  CHECK_STR(s.first[best], "06/08/2025");
}

int main(void) {
  test_names();
  test_ordinary_dates();
  test_iso_weeks();
  test_quarters_and_months();
  test_leap_years();
  test_time_and_zone_forms();
  test_rejected_forms();
  test_blanks_and_length();
  test_previous();
  test_exhaustive();
  test_formats();
  test_sniff();
  return check_exit();
}
