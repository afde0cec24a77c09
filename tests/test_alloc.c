/*
 * test_alloc.c - allocation failure: the Nth allocation fails, for every
 * N, across lexicon loading, matching and writing a report with margins
 * (segments x periods).  Each run must end with VB_OK or
 * an out-of-memory status, never crash; under the asan preset LeakSanitizer
 * fails the test if any run leaks.
 *
 * The library's own malloc, calloc, realloc and strdup are wrapped at link
 * time (-Wl,--wrap, tests/CMakeLists.txt), and cJSON allocates through a
 * hook set here, so its failures reach the library too.  ICU is not hooked:
 * with u_setMemoryFunctions failing one allocation, ICU 72's dictionary
 * break engine (CJK words) crashes inside RuleBasedBreakIterator::next(),
 * which reports no error - a fault in ICU no caller can handle.  PCRE2 and
 * libstemmer allocate on their own and are not covered either.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "verbatim.h"

static long fail_at, calls;

static int should_fail(void) { return fail_at && ++calls == fail_at; }

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

void *__wrap_malloc(size_t n) {
  return should_fail() ? NULL : __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t size) {
  return should_fail() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n) {
  return should_fail() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s) {
  return should_fail() ? NULL : __real_strdup(s);
}

static void *json_alloc(size_t n) { return __wrap_malloc(n); }

static const char LEXICON[] =
    "{\"language\": \"en\", \"negators\": [\"not\"], \"themes\": ["
    "{\"id\": \"shipping\", \"label\": \"Shipping\", \"terms\": [\"delivery\","
    " \"courier\", \"late delivery\", \"package NEAR/3 arrived\", \"track*\","
    " \"=ups\", \"/took \\\\d+ days/\"], \"exclude\": [\"ups and downs\"],"
    " \"themes\": [{\"id\": \"shipping.late\", \"label\": \"Late\", \"terms\":"
    " [\"still waiting\"]}]},"
    "{\"id\": \"cafe\", \"label\": \"Cafe\", \"terms\": [\"café\", "
    "\"客服\"]}]}";

static const char *const COMMENTS[] = {
    "The delivery was late, I'm still waiting. It took 12 days!",
    "Not the courier's fault: the package finally arrived; UPS tracking ok",
    "Le café était froid, 客服也不回复 \xff invalid", ""};

/* What a run found: each comment's themes, for comparing with the
 * reference run. */
static char found[512];

/* One full run; returns the first status that is not VB_OK. */
static int run(void) {
  found[0] = '\0';
  const char *name = "alloc.json", *text = LEXICON;
  size_t len = strlen(LEXICON);
  vb_lexicon *lex = NULL;
  vb_matcher *m = NULL;
  vb_tally *t = NULL, *slice;
  vb_report *rep = NULL;
  const char *by[] = {"region"}, *regions[] = {"EU", "US"};
  const size_t region_len[] = {2, 2};
  int rc = vb_lexicon_compile(1, &name, &text, &len, &lex, NULL);
  if (!rc)
    rc = vb_matcher_new(lex, &m, NULL);
  if (!rc)
    rc = vb_tally_new(lex, &t);
  if (!rc)
    rc = vb_report_new(lex, by, 1, VB_PERIOD_MONTH, NULL, &rep);
  for (size_t i = 0; !rc && i < sizeof COMMENTS / sizeof *COMMENTS; i++) {
    rc = vb_matcher_run(m, COMMENTS[i], strlen(COMMENTS[i]));
    if (!rc)
      rc = vb_tally_add(t, VB_GROUP_DETRACTOR, 1, m);
    if (!rc) /* two regions x two months */
      rc = vb_report_slice(rep, &regions[i % 2], &region_len[i % 2],
                           i < 2 ? "2025-01-01" : "2025-02-01",
                           i < 2 ? "2025-01" : "2025-02", &slice);
    if (!rc)
      rc = vb_tally_add(slice, VB_GROUP_DETRACTOR, 1, m);
    const size_t *themes;
    size_t n = vb_matcher_themes(m, &themes);
    for (size_t k = 0; !rc && k < n; k++)
      snprintf(found + strlen(found), sizeof found - strlen(found), "%s%s",
               vb_lexicon_theme_id(lex, themes[k]), k + 1 < n ? "," : ";");
    if (!rc && n == 0)
      strcat(found, "-;");
  }
  /* every format; what they wrote joins `found` as a checksum, so a
   * margin lost to a swallowed failure shows */
  char *text_out = NULL;
  size_t text_len = 0;
  FILE *o = rc ? NULL : open_memstream(&text_out, &text_len);
  for (int f = VB_REPORT_TABLE; o && !rc && f <= VB_REPORT_HTML; f++)
    rc = vb_report_write(rep, o, (vb_report_format)f);
  if (o) {
    fclose(o);
    unsigned long sum = 0;
    for (size_t i = 0; i < text_len; i++)
      sum = sum * 31 + (unsigned char)text_out[i];
    snprintf(found + strlen(found), sizeof found - strlen(found),
             "report:%zu:%lx", text_len, sum);
  }
  free(text_out);
  vb_report_free(rep);
  vb_tally_free(t);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return rc;
}

int main(void) {
  cJSON_Hooks hooks = {json_alloc, free};
  cJSON_InitHooks(&hooks);

  CHECK_INT(run(), VB_OK); /* the reference run, nothing fails */
  char reference[sizeof found];
  strcpy(reference, found);
  const char *themes = "shipping,shipping.late;shipping;cafe;-;report:";
  CHECK(strncmp(reference, themes, strlen(themes)) == 0);
  size_t runs = 0, failed = 0;
  for (fail_at = 1;; fail_at++) {
    calls = 0;
    int rc = run();
    runs++;
    if (calls < fail_at) { /* no allocation left to fail: done */
      CHECK_INT(rc, VB_OK);
      break;
    }
    if (rc == VB_OK && strcmp(found, reference) != 0) {
      /* a failure swallowed on the way would show as different results */
      fprintf(stderr, "allocation %ld failed silently: \"%s\"\n", fail_at,
              found);
      CHECK(0);
    }
    if (rc != VB_OK) {
      failed++;
      if (rc != VB_ENOMEM && rc != VB_EICU) {
        fprintf(stderr, "allocation %ld failed: status %d (%s)\n", fail_at, rc,
                vb_strerror(rc));
        CHECK(0);
      }
    }
  }
  fail_at = 0;
  fprintf(stderr,
          "%zu runs, each with one allocation failing (%zu ended "
          "in an error status, the others recovered)\n",
          runs, failed);
  CHECK(runs > 100);
  return check_exit();
}
