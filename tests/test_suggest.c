/*
 * test_suggest.c - the weighted log-odds of `suggest`, computed by hand on
 * a four-comment corpus, and the once-per-comment, stop word and pair
 * rules; examples (readable first, then lowest positions, a text once)
 * the same from one pass and from parts merged in any order; stop words
 * of a language's section.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "verbatim.h"

static const char LEXICON[] =
    "{\"language\": \"none\", \"themes\": [{\"id\": \"x\", \"label\": \"X\","
    " \"terms\": [\"zzz\"]}]}";

static void add(vb_suggest *s, vb_matcher *m, const char *text, bool target) {
  long set = 0;
  CHECK_INT(vb_matcher_run(m, text, strlen(text)), VB_OK);
  CHECK_INT(vb_suggest_add(s, m, &set, target ? 1 : 0), VB_OK);
}

static const vb_candidate *find(const vb_candidate *c, size_t n,
                                const char *term) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(c[i].term, term) == 0)
      return &c[i];
  return NULL;
}

/* Comments i = 0..n-1 (some repeated, some short, some long) added at
 * position i into part i % parts, parts merged in reverse. */
static vb_suggest *examples_of(vb_matcher *m, int parts) {
  static const char *const texts[] = {
      "delta",
      "delta delta",
      "the delta of the river was flooded again this spring, sadly",
      "delta",
      "a delta",
      "we sailed down the delta for three days and saw many birds there",
      "delta at night is a quiet and very pleasant place to be honest",
      "the delta of the river was flooded again this spring, sadly"};
  vb_suggest *p[4], *sum;
  for (int k = 0; k < parts; k++) {
    CHECK_INT(vb_suggest_new(1, NULL, 0, &p[k]), VB_OK);
    CHECK_INT(vb_suggest_set_examples(p[k], 2), VB_OK);
  }
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    long set = 0;
    CHECK_INT(vb_matcher_run(m, texts[i], strlen(texts[i])), VB_OK);
    CHECK_INT(vb_suggest_add_text_at(p[i % (size_t)parts], i, m, texts[i],
                                     strlen(texts[i]), &set, 1),
              VB_OK);
  }
  sum = p[parts - 1];
  for (int k = parts - 2; k >= 0; k--) {
    CHECK_INT(vb_suggest_merge(sum, p[k]), VB_OK);
    vb_suggest_free(p[k]);
  }
  return sum;
}

static void examples(vb_matcher *m) {
  for (int parts = 1; parts <= 4; parts++) {
    vb_suggest *s = examples_of(m, parts);
    vb_candidate c[64];
    size_t n = vb_suggest_top(s, 0, 1, c, 64);
    const vb_candidate *delta = find(c, n, "delta");
    CHECK(delta != NULL);
    vb_suggest_example x[3];
    CHECK_INT(delta ? vb_suggest_examples(s, 0, delta, x, 3) : 0, 2);
    /* readable ones first (both 40-280 bytes), lowest position first;
     * the repeated one (positions 2 and 7) once */
    CHECK_MEM(x[0].text, x[0].len,
              "the delta of the river was flooded again this spring, sadly");
    CHECK_MEM(x[0].text + x[0].start, x[0].end - x[0].start, "delta");
    CHECK_MEM(x[1].text, x[1].len,
              "we sailed down the delta for three days and saw many birds "
              "there");
    vb_suggest_free(s);
  }
}

/* Stop words of a [section] stop only comments matched by a lexicon of
 * that language (or a regional variant of it); words before any section
 * stop every comment. */
static void language_sections(void) {
  static const char *const names[] = {"en.json", "fr.json", "pt.json"};
  static const char *const texts[] = {
      "{\"language\": \"en\", \"themes\": [{\"id\": \"x\", \"label\": "
      "\"X\", \"terms\": [\"zzz\"]}]}",
      "{\"language\": \"fr\", \"themes\": [{\"id\": \"x\", \"label\": "
      "\"X\", \"terms\": [\"zzz\"]}]}",
      "{\"language\": \"pt-BR\", \"themes\": [{\"id\": \"x\", "
      "\"label\": \"X\", \"terms\": [\"zzz\"]}]}"};
  size_t lens[3];
  for (int i = 0; i < 3; i++)
    lens[i] = strlen(texts[i]);
  vb_lexicon *lex;
  vb_matcher *m;
  CHECK_INT(vb_lexicon_compile(3, names, texts, lens, &lex, NULL), VB_OK);
  CHECK_INT(vb_matcher_new(lex, &m, NULL), VB_OK);
  const char stop[] = "the\n[FR]\nle # French\n[pt]\ncom\n";
  vb_suggest *s;
  CHECK_INT(vb_suggest_new(1, stop, strlen(stop), &s), VB_OK);
  const char *const codes[] = {"en", "fr", "pt-br"};
  for (int k = 0; k < 3; k++) {
    long route = vb_lexicon_route(lex, codes[k], strlen(codes[k]));
    CHECK(route >= 0);
    CHECK_INT(vb_matcher_language(m, route < 0 ? 0 : (size_t)route), VB_OK);
    add(s, m, "the le com", true);
  }
  vb_candidate c[20];
  size_t n = vb_suggest_top(s, 0, 1, c, 20);
  const vb_candidate *le = find(c, n, "le"), *com = find(c, n, "com");
  CHECK(find(c, n, "the") == NULL);  /* no section: every language */
  CHECK(le && le->in_target == 2);   /* en and pt-br, not fr */
  CHECK(com && com->in_target == 2); /* en and fr, not pt-br ("[pt]") */
  vb_suggest_free(s);
  const char bad[] = "[!!]\nword\n";
  CHECK_INT(vb_suggest_new(1, bad, strlen(bad), &s), VB_EINVAL);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
}

int main(void) {
  const char *name = "t.json", *text = LEXICON;
  size_t len = strlen(LEXICON);
  vb_lexicon *lex;
  vb_matcher *m;
  CHECK_INT(vb_lexicon_compile(1, &name, &text, &len, &lex, NULL), VB_OK);
  CHECK_INT(vb_matcher_new(lex, &m, NULL), VB_OK);
  const char stop[] = "# stop words\nthe\n";
  vb_suggest *s;
  CHECK_INT(vb_suggest_new(1, stop, strlen(stop), &s), VB_OK);
  /* target: "alpha beta", "alpha gamma alpha" (alpha once per comment);
   * others: "beta gamma", "delta the" ("the" is a stop word; "delta the"
   * is still a pair: only two stop words make no pair) */
  add(s, m, "alpha beta", true);
  add(s, m, "alpha gamma alpha", true);
  add(s, m, "beta gamma", false);
  add(s, m, "delta the", false);
  CHECK_INT(vb_suggest_total(s), 4);
  CHECK_INT(vb_suggest_set_size(s, 0), 2);
  vb_candidate c[20];
  size_t n = vb_suggest_top(s, 0, 1, c, 20);
  /* Feature counts, once per comment.  Target: alpha 2, beta 1, gamma 1,
   * "alpha beta" 1, "alpha gamma" 1, "gamma alpha" 1: n_t = 7.  Others:
   * beta, gamma, "beta gamma", delta, "delta the": n_r = 5.  alpha: y_t = 2,
   * y_r = 0, a = 2, a0 = 12: delta = log(4 / (7 + 12 - 4)) - log(2 / (5 +
   * 12 - 2)) = log(4/15) - log(2/15) = log 2; z = log 2 / sqrt(1/4 + 1/2). */
  const vb_candidate *alpha = find(c, n, "alpha");
  CHECK(alpha != NULL);
  if (alpha) {
    CHECK_NEAR(alpha->z, log(2.0) / sqrt(0.75), 1e-9);
    CHECK_INT(alpha->in_target, 2);
    CHECK_INT(alpha->elsewhere, 0);
  }
  /* beta: y_t = 1, y_r = 1, a = 2: log(3/16) - log(3/14) over
   * sqrt(1/3 + 1/3) */
  const vb_candidate *beta = find(c, n, "beta");
  CHECK(beta != NULL);
  if (beta)
    CHECK_NEAR(beta->z, (log(3.0 / 16) - log(3.0 / 14)) / sqrt(2.0 / 3), 1e-9);
  CHECK_STR(c[0].term, "alpha"); /* the best first */
  CHECK(find(c, n, "gamma alpha") != NULL);
  CHECK(find(c, n, "the") == NULL); /* a stop word is no candidate */
  /* min_count filters, max limits */
  CHECK_INT(vb_suggest_top(s, 0, 2, c, 20), 1);
  CHECK_INT(vb_suggest_top(s, 0, 1, c, 2), 2);
  CHECK_INT(vb_suggest_add(s, m, (long[]){1}, 1), VB_EINVAL);
  CHECK_INT(vb_suggest_set_examples(s, 2), VB_EINVAL); /* comments added */
  vb_suggest_free(s);
  examples(m);
  language_sections();
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return check_exit();
}
