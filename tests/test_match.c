/*
 * test_match.c - the matcher: every term form of the lexicon language,
 * exclusions, roll-up, negation, accents, CJK, spans, and the languages
 * Snowball stems.  Uses tests/data/test.json plus inline lexicons.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim.h"

static vb_lexicon *lex_inline(const char *json) {
  const char *name = "inline.json";
  size_t len = strlen(json);
  vb_lexicon *lex = NULL;
  vb_error err;
  int rc = vb_lexicon_compile(1, &name, &json, &len, &lex, &err);
  if (rc)
    fprintf(stderr, "inline lexicon: %s:%u:%u: %s\n", err.file, err.line,
            err.column, err.message);
  return lex;
}

static vb_lexicon *lex_file(const char *file) {
  char path[1024];
  const char *dir = getenv("VB_TEST_DATA");
  snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", file);
  const char *paths[] = {path};
  vb_lexicon *lex = NULL;
  vb_error err;
  if (vb_lexicon_load_files(1, paths, &lex, &err))
    fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line, err.column,
            err.message);
  return lex;
}

/* The ';'-joined theme ids the matcher finds in text. */
static const char *themes_of(const vb_lexicon *lex, vb_matcher *m,
                             const char *text) {
  static char buf[512];
  buf[0] = '\0';
  vb_matcher_run(m, text, strlen(text));
  const size_t *themes;
  size_t n = vb_matcher_themes(m, &themes);
  for (size_t i = 0; i < n; i++) {
    if (i)
      strcat(buf, ";");
    strcat(buf, vb_lexicon_theme_id(lex, themes[i]));
  }
  return buf;
}

/* The first non-excluded match of a term (by its text), or NULL. */
static const vb_match *match_of(const vb_lexicon *lex, const vb_matcher *m,
                                const char *term) {
  for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
    const vb_match *x = vb_matcher_match(m, i);
    if (strcmp(vb_lexicon_term_text(lex, x->term), term) == 0)
      return x;
  }
  return NULL;
}

static void test_stemmed_words(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "Deliveries were slow"), "shipping");
  CHECK_STR(themes_of(lex, m, "DELIVERY!!"), "shipping");
  CHECK_STR(themes_of(lex, m, "the delivery's box"), "shipping");
  CHECK_STR(themes_of(lex, m, "the delivery\xE2\x80\x99s box"), "shipping");
  CHECK_STR(themes_of(lex, m, "It shipped fast"), "shipping");
  CHECK_STR(themes_of(lex, m, "Shipping was fine"), "shipping");
  /* Snowball keeps "delivered" apart from "delivery": `deliver` catches it */
  CHECK_STR(themes_of(lex, m, "it was delivered"), "shipping");
  const vb_match *x = match_of(lex, m, "deliver");
  CHECK(x != NULL);
  CHECK(match_of(lex, m, "delivery") == NULL);
  /* whole words only: no substring matches */
  CHECK_STR(themes_of(lex, m, "our relationship is great"), "");
  CHECK_STR(themes_of(lex, m, "Ｄｅｌｉｖｅｒｙ was ok"), "shipping");
}

static void test_phrases(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "another late delivery"),
            "shipping;shipping.late");
  CHECK_STR(themes_of(lex, m, "Late deliveries again"),
            "shipping;shipping.late");
  /* a phrase does not cross a clause end */
  themes_of(lex, m, "it was late, delivery guy rude");
  CHECK(match_of(lex, m, "late delivery") == NULL);
  CHECK(match_of(lex, m, "delivery") != NULL);
  themes_of(lex, m, "delivery late");
  CHECK(match_of(lex, m, "late delivery") == NULL);
}

static void test_exact_and_prefix(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "the apps crash"), "apps");
  CHECK_STR(themes_of(lex, m, "the app crashes"), "");
  CHECK_STR(themes_of(lex, m, "Integrations with Slack"), "apps");
  CHECK_STR(themes_of(lex, m, "integrated nicely"), "apps");
  CHECK_STR(themes_of(lex, m, "an integral part"), "");
}

static void test_near(const vb_lexicon *lex, vb_matcher *m) {
  /* "package NEAR/3 arrived" */
  CHECK_STR(themes_of(lex, m, "the package finally arrived"),
            "shipping;shipping.late");
  CHECK_STR(themes_of(lex, m, "it arrived, the package was wet"),
            "shipping;shipping.late");
  CHECK_STR(themes_of(lex, m, "package a b c arrived"),
            "shipping;shipping.late");
  CHECK_STR(themes_of(lex, m, "package a b c d arrived"), "");
  CHECK_STR(themes_of(lex, m, "The package. It arrived."), "");
  /* span covers both sides */
  const char *t = "my package has arrived";
  themes_of(lex, m, t);
  const vb_match *x = match_of(lex, m, "package NEAR/3 arrived");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 3);
    CHECK_INT(x->end, 22);
  }
  CHECK_STR(themes_of(lex, m, "on hold for a long time"), "wait");
}

static void test_patterns(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "it took 12 days"), "wait");
  CHECK_STR(themes_of(lex, m, "IT TOOK 3 DAYS"), "wait");
  const char *t = "costs $30 now";
  CHECK_STR(themes_of(lex, m, t), "pricing");
  const vb_match *x = match_of(lex, m, "/\\$\\d+/");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 6);
    CHECK_INT(x->end, 9);
  }
}

static void test_exclude(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "please pay attention"), "");
  CHECK_INT(vb_matcher_match_count(m), 1);
  const vb_match *x = vb_matcher_match(m, 0);
  CHECK(x && x->excluded);
  if (x)
    CHECK_STR(vb_lexicon_term_text(lex, x->excluded_by), "pay attention");
  /* only the overlapping match is cancelled */
  CHECK_STR(themes_of(lex, m, "pay attention to the price"), "pricing");
  CHECK_STR(themes_of(lex, m, "the pay is too high"), "pricing");
}

static void test_rollup(const vb_lexicon *lex, vb_matcher *m) {
  const char *t = "still waiting, late delivery, delivery delivery";
  CHECK_STR(themes_of(lex, m, t), "shipping;shipping.late");
  CHECK(
      vb_matcher_has_theme(m, (size_t)vb_lexicon_theme_find(lex, "shipping")));
  CHECK(vb_matcher_match_count(m) >= 5); /* every mention is listed */
}

static void test_negation(const vb_lexicon *lex, vb_matcher *m) {
  themes_of(lex, m, "no problems with delivery");
  const vb_match *x = match_of(lex, m, "delivery");
  CHECK(x && x->negated);
  themes_of(lex, m, "I didn't get my delivery");
  x = match_of(lex, m, "delivery");
  CHECK(x && x->negated);
  themes_of(lex, m, "I didn\xE2\x80\x99t get my delivery"); /* curly */
  x = match_of(lex, m, "delivery");
  CHECK(x && x->negated);
  themes_of(lex, m, "delivery: no");
  x = match_of(lex, m, "delivery");
  CHECK(x && !x->negated);
  themes_of(lex, m, "not great, delivery was fine");
  x = match_of(lex, m, "delivery");
  CHECK(x && !x->negated);
  themes_of(lex, m, "not a b c delivery"); /* 4 words back: outside window */
  x = match_of(lex, m, "delivery");
  CHECK(x && !x->negated);
  /* negated mentions still count */
  CHECK_STR(themes_of(lex, m, "never a delivery issue"), "shipping");
}

static void test_accents_and_scripts(const vb_lexicon *lex, vb_matcher *m) {
  CHECK_STR(themes_of(lex, m, "the CAFÉ"), "cafe");
  CHECK_STR(themes_of(lex, m, "the cafe"), "cafe");
  CHECK_STR(themes_of(lex, m, "the cafe\xCC\x81"), "cafe"); /* e + U+0301 */
  /* Chinese is segmented by ICU's dictionary */
  CHECK_STR(themes_of(lex, m, "送货太慢了，客服也不回复"), "cafe");
  CHECK(vb_matcher_token_count(m) >= 5);
  /* spans are byte offsets into the caller's text */
  const char *t = "Café: late delivery";
  themes_of(lex, m, t);
  const vb_match *x = match_of(lex, m, "late delivery");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 7);
    CHECK_INT(x->end, 20);
  }
  /* ligature and sharp s expand under NFKC_Casefold: spans still map */
  t = "ﬁne ß delivery";
  themes_of(lex, m, t);
  x = match_of(lex, m, "delivery");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 9);
    CHECK_INT(x->end, 17);
  }
}

static void test_invalid_utf8(const vb_lexicon *lex, vb_matcher *m) {
  const char t[] = "bad \xFF\xFE bytes, late delivery";
  CHECK_STR(themes_of(lex, m, t), "shipping;shipping.late");
  CHECK_INT(vb_matcher_invalid_utf8(m), 2);
  const vb_match *x = match_of(lex, m, "late delivery");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 14);
    CHECK_INT(x->end, 27);
  }
  CHECK_STR(themes_of(lex, m, ""), "");
  CHECK_INT(vb_matcher_token_count(m), 0);
}

static void test_languages(void) {
  static const struct {
    const char *lang, *term, *text;
  } cases[] = {
      {"fr", "livraison", "Les livraisons sont lentes"},
      {"de", "Lieferung", "Die Lieferungen kamen zu spät"},
      {"es", "envío", "Los envíos tardan mucho"},
      {"it", "spedizione", "Le spedizioni sono lente"},
      {"pt", "entrega", "As entregas atrasaram"},
      {"nl", "levering", "De leveringen waren laat"},
      {"en", "ship", "Shipping was slow"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char json[512];
    snprintf(json, sizeof json,
             "{\"language\": \"%s\", \"themes\": [{\"id\": \"t\", "
             "\"label\": \"T\", \"terms\": [\"%s\"]}]}",
             cases[i].lang, cases[i].term);
    vb_lexicon *lex = lex_inline(json);
    CHECK(lex != NULL);
    if (!lex)
      continue;
    vb_matcher *m;
    CHECK_INT(vb_matcher_new(lex, &m, NULL), VB_OK);
    CHECK_STR(themes_of(lex, m, cases[i].text), "t");
    vb_matcher_free(m);
    vb_lexicon_free(lex);
  }
}

static void test_pattern_limit(void) {
  /* catastrophic backtracking: a counted error, not a hang */
  vb_lexicon *lex =
      lex_inline("{\"themes\": [{\"id\": \"t\", \"label\": \"T\", \"terms\": "
                 "[\"/(a+)+$/\", \"word\"]}]}");
  CHECK(lex != NULL);
  if (!lex)
    return;
  vb_matcher *m;
  CHECK_INT(vb_matcher_new(lex, &m, NULL), VB_OK);
  char text[200];
  memset(text, 'a', 100);
  strcpy(text + 100, "! word");
  CHECK_INT(vb_matcher_run(m, text, strlen(text)), VB_EMATCHLIMIT);
  CHECK_INT(vb_matcher_pattern_errors(m), 1);
  CHECK(vb_matcher_has_theme(m, 0)); /* the word term still matched */
  vb_matcher_free(m);
  vb_lexicon_free(lex);
}

int main(void) {
  vb_lexicon *lex = lex_file("test.json");
  CHECK(lex != NULL);
  if (!lex)
    return check_exit();
  vb_matcher *m;
  CHECK_INT(vb_matcher_new(lex, &m, NULL), VB_OK);
  test_stemmed_words(lex, m);
  test_phrases(lex, m);
  test_exact_and_prefix(lex, m);
  test_near(lex, m);
  test_patterns(lex, m);
  test_exclude(lex, m);
  test_rollup(lex, m);
  test_negation(lex, m);
  test_accents_and_scripts(lex, m);
  test_invalid_utf8(lex, m);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  test_languages();
  test_pattern_limit();
  return check_exit();
}
