/*
 * test_eval.c - evaluation against labels: counts per theme and term by
 * the rules of docs/labeling.md, scored themes, and merging: evaluations
 * of the parts of a corpus, added at their positions, merge into the
 * evaluation of the whole (counts and the examples kept), whatever the
 * split.  The same for suggestion counts (vb_suggest_merge).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "test_data.h"
#include "verbatim.h"

static const struct {
  const char *text, *labels;
} CORPUS[] = {
    {"late delivery again", "shipping.late"},
    {"the price is fair", "pricing"},
    {"ship it please", "pricing"},  /* FP shipping, FN pricing */
    {"nothing to say", "shipping"}, /* FN shipping */
    {"still waiting for the courier", "shipping.late"},
    {"pay attention to the app", ""}, /* excluded: no FP */
    {"the courier was late", "shipping"},
    {"the price went up, ship slower", "shipping,pricing"},
    {"I pay too much", "shipping"}, /* FP pricing, FN shipping */
    {"deliver on time", ""},        /* FP shipping */
};
enum { N = sizeof CORPUS / sizeof CORPUS[0] };

/* The labels of comment i as theme indices. */
static size_t gold_of(const vb_lexicon *lex, size_t i, size_t *gold) {
  char buf[128];
  snprintf(buf, sizeof buf, "%s", CORPUS[i].labels);
  size_t n = 0;
  for (char *save, *t = strtok_r(buf, ",", &save); t;
       t = strtok_r(NULL, ",", &save))
    gold[n++] = (size_t)vb_lexicon_theme_find(lex, t);
  return n;
}

static char *written(const vb_eval *e, vb_report_format format) {
  char *buf;
  size_t len;
  FILE *f = open_memstream(&buf, &len);
  CHECK_INT(vb_eval_write(e, f, format), VB_OK);
  fclose(f);
  return buf;
}

/* Comments whose bit in `mask` is `part` go to e, at their positions. */
static void add_part(const vb_lexicon *lex, vb_matcher *m, vb_eval *e,
                     unsigned mask, unsigned part) {
  for (size_t i = 0; i < N; i++) {
    if (((mask >> i) & 1u) != part)
      continue;
    size_t gold[4], ng = gold_of(lex, i, gold);
    char id[16];
    snprintf(id, sizeof id, "c%zu", i);
    vb_matcher_run(m, CORPUS[i].text, strlen(CORPUS[i].text));
    CHECK_INT(vb_eval_add_at(e, i, m, id, CORPUS[i].text,
                             strlen(CORPUS[i].text), gold, ng),
              VB_OK);
  }
}

static void test_counts(const vb_lexicon *lex, vb_matcher *m) {
  vb_eval *e;
  CHECK_INT(vb_eval_new(lex, 2, &e), VB_OK);
  add_part(lex, m, e, 0, 0);
  uint64_t tp, fp, fn;
  vb_eval_theme(e, (size_t)vb_lexicon_theme_find(lex, "shipping"), &tp, &fp,
                &fn);
  /* TP: 0, 4, 6, 7; FP: 2, 9; FN: 3, 8 */
  CHECK_INT(tp, 4);
  CHECK_INT(fp, 2);
  CHECK_INT(fn, 2);
  vb_eval_theme(e, (size_t)vb_lexicon_theme_find(lex, "pricing"), &tp, &fp,
                &fn);
  /* TP: 1, 7; FP: 8; FN: 2 */
  CHECK_INT(tp, 2);
  CHECK_INT(fp, 1);
  CHECK_INT(fn, 1);
  vb_eval_free(e);
}

/* Every split of the corpus in two, merged either way round, equals the
 * whole: the counts and the first two examples of each kind. */
static void test_merge(const vb_lexicon *lex, vb_matcher *m) {
  vb_eval *whole;
  CHECK_INT(vb_eval_new(lex, 2, &whole), VB_OK);
  add_part(lex, m, whole, 0, 0);
  char *expect[3];
  for (int f = 0; f < 3; f++)
    expect[f] = written(whole, (vb_report_format)f);
  int same = 0, tried = 0;
  for (unsigned mask = 0; mask < (1u << N); mask += 37) {
    for (int order = 0; order < 2; order++) {
      vb_eval *a, *b;
      CHECK_INT(vb_eval_new(lex, 2, &a), VB_OK);
      CHECK_INT(vb_eval_new(lex, 2, &b), VB_OK);
      add_part(lex, m, a, mask, 0);
      add_part(lex, m, b, mask, 1);
      vb_eval *dst = order ? b : a, *src = order ? a : b;
      CHECK_INT(vb_eval_merge(dst, src), VB_OK);
      for (int f = 0; f < 3; f++) {
        char *got = written(dst, (vb_report_format)f);
        same += strcmp(got, expect[f]) == 0;
        tried++;
        free(got);
      }
      vb_eval_free(a);
      vb_eval_free(b);
    }
  }
  CHECK_INT(same, tried);
  /* a corpus counted twice is not the whole */
  vb_eval *twice;
  CHECK_INT(vb_eval_new(lex, 2, &twice), VB_OK);
  add_part(lex, m, twice, 0, 0);
  CHECK_INT(vb_eval_merge(twice, whole), VB_OK);
  char *got = written(twice, VB_REPORT_CSV);
  CHECK(strcmp(got, expect[VB_REPORT_CSV]) != 0);
  free(got);
  vb_eval_free(twice);
  for (int f = 0; f < 3; f++)
    free(expect[f]);
  vb_eval_free(whole);
}

static char *top_terms(vb_suggest *s) {
  vb_candidate c[20];
  size_t n = vb_suggest_top(s, 0, 1, c, 20);
  char *buf;
  size_t len;
  FILE *f = open_memstream(&buf, &len);
  fprintf(f, "%llu %llu\n", (unsigned long long)vb_suggest_total(s),
          (unsigned long long)vb_suggest_set_size(s, 0));
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%s %.6f %llu %llu\n", c[i].term, c[i].z,
            (unsigned long long)c[i].in_target,
            (unsigned long long)c[i].elsewhere);
  fclose(f);
  return buf;
}

/* Suggestion counts of two parts merge into those of the whole, and the
 * surface form shown is the same (ties go to the first position). */
static void test_suggest_merge(vb_matcher *m) {
  static const char *const texts[] = {
      "Shipping was slow",    "shipping is SLOW",   "the app crashes",
      "App crashed twice",    "slow shipping",      "crashes, crashes",
      "the invoice is wrong", "Invoice wrong again"};
  enum { T = sizeof texts / sizeof texts[0] };
  vb_suggest *whole;
  CHECK_INT(vb_suggest_new(1, "the\nis\n", 7, &whole), VB_OK);
  long set0 = 0;
  for (size_t i = 0; i < T; i++) {
    vb_matcher_run(m, texts[i], strlen(texts[i]));
    CHECK_INT(vb_suggest_add_at(whole, i, m, &set0, i % 2), VB_OK);
  }
  char *expect = top_terms(whole);
  for (unsigned mask = 1; mask < (1u << T); mask += 23) {
    vb_suggest *part[2];
    for (int k = 0; k < 2; k++)
      CHECK_INT(vb_suggest_new(1, "the\nis\n", 7, &part[k]), VB_OK);
    for (size_t i = 0; i < T; i++) {
      vb_matcher_run(m, texts[i], strlen(texts[i]));
      CHECK_INT(vb_suggest_add_at(part[(mask >> i) & 1u], i, m, &set0, i % 2),
                VB_OK);
    }
    CHECK_INT(vb_suggest_merge(part[1], part[0]), VB_OK);
    char *got = top_terms(part[1]);
    CHECK_STR(got, expect);
    free(got);
    vb_suggest_free(part[0]);
    vb_suggest_free(part[1]);
  }
  vb_suggest *other;
  CHECK_INT(vb_suggest_new(2, NULL, 0, &other), VB_OK);
  CHECK_INT(vb_suggest_merge(other, whole), VB_EINVAL);
  vb_suggest_free(other);
  free(expect);
  vb_suggest_free(whole);
}

int main(void) {
  vb_lexicon *lex = load_test_lexicon();
  vb_matcher *m = NULL;
  vb_error err;
  if (!lex || vb_matcher_new(lex, &m, &err) != VB_OK)
    return check_exit();
  test_counts(lex, m);
  test_merge(lex, m);
  test_suggest_merge(m);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return check_exit();
}
