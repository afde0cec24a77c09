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

/* An exclude pattern runs only for matches that begin before the end of
 * its theme's last match (an offset limit): one that begins on that
 * match's last byte still cancels it, and the limit is the last match's
 * end, not the first's (test_exclude: one that does not overlap cancels
 * nothing). */
static void test_exclude_pattern_limit(void) {
  vb_lexicon *lex =
      lex_inline("{\"themes\": [{\"id\": \"late\", \"label\": \"L\", "
                 "\"terms\": [\"late\"], \"exclude\": [\"/e for\\\\b/\", "
                 "\"/te again/\"]}]}");
  CHECK(lex != NULL);
  vb_matcher *m;
  if (!lex || vb_matcher_new(lex, &m, NULL) != VB_OK) {
    vb_lexicon_free(lex);
    return;
  }
  /* "e for" begins on the last byte of "late" */
  CHECK_STR(themes_of(lex, m, "late for work"), "");
  const vb_match *x = vb_matcher_match(m, 0);
  CHECK(x && x->excluded);
  if (x)
    CHECK_STR(vb_lexicon_term_text(lex, x->excluded_by), "/e for\\b/");
  /* "te again" overlaps the second "late" only */
  CHECK_STR(themes_of(lex, m, "late delivery, late again"), "late");
  CHECK_INT(vb_matcher_match_count(m), 2);
  x = vb_matcher_match(m, 1);
  CHECK(x && x->excluded && x->start == 15);
  x = vb_matcher_match(m, 0);
  CHECK(x && !x->excluded);
  /* both at once: the first is cancelled by the pattern's first match */
  CHECK_STR(themes_of(lex, m, "late for it, late again"), "");
  vb_matcher_free(m);
  vb_lexicon_free(lex);
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

/* ---- lexicon language, round 2 ----------------------------------------- */

static const char ROUND2[] =
    "{\"negators\": [\"no\", \"not\", \"never\", \"don't\"],\n"
    " \"sets\": {\"problem\": [\"confusing\", \"slow\", \"broken\", "
    "\"drain*\", \"=ram\"],\n"
    "          \"hospitality\": [\"waiter\", \"table\", \"restaurant\"]},\n"
    " \"themes\": [\n"
    "  {\"id\": \"usability\", \"label\": \"U\", \"terms\": [\n"
    "    \"menu NEAR/3 @problem\", \"won't ~2 load\", "
    "\"easy NEAR/2 on NEAR/1 battery\", \"@problem setup\"]},\n"
    "  {\"id\": \"bugs\", \"label\": \"B\", \"negated\": \"drop\",\n"
    "   \"terms\": [\"bug\", \"problem\", \"not work\"],\n"
    "   \"themes\": [{\"id\": \"bugs.crash\", \"label\": \"C\", "
    "\"terms\": [\"crash\"]},\n"
    "              {\"id\": \"bugs.any\", \"label\": \"A\", \"negated\": "
    "\"count\", \"terms\": [\"glitch\"]}]},\n"
    "  {\"id\": \"support\", \"label\": \"S\", \"terms\": [\"seated WITH "
    "@hospitality\", \"staff\"],\n"
    "   \"exclude\": [\"staff @problem\"]},\n"
    "  {\"id\": \"food\", \"label\": \"F\", \"requires\": [\"@hospitality\"],\n"
    "   \"terms\": [\"delicious\"]}]}";

/* Comments and the themes the ROUND2 lexicon must find in them. */
static const struct {
  const char *text, *themes;
} ROUND2_CASES[] = {
    /* sets: either side of NEAR, member stems and prefixes, =exact */
    {"the menu is really confusing", "usability"},
    {"battery drains, menu slowed", "usability"},
    {"the menu is great", ""},
    {"slow setup", "usability"}, /* a set in a phrase slot */
    {"RAM setup", "usability"},
    {"rams setup", ""},
    {"the staff were nice", "support"},
    {"staff broken", ""}, /* a set in an exclude */
    /* gaps (~2) and NEAR chains */
    {"it won't load", "usability"},
    {"it won't even load", "usability"},
    {"it won't ever even load", "usability"},
    {"it won't ever, ever even load", ""}, /* not across a clause end */
    {"it won't a b c load", ""},
    {"easy on the battery", "usability"},
    {"so easy on my battery", "usability"},
    {"so easy on my old battery", ""},
    {"easy on a b c battery", ""},
    /* context: WITH @set and "requires" */
    {"we were seated quickly", ""},
    {"seated quickly, our waiter was kind", "support"},
    {"delicious", ""},
    {"a delicious meal at this restaurant", "food"},
    /* negation over the clause, "X-free", the "drop" policy */
    {"No problems with my order", ""}, /* the negator 4 words back */
    {"no bugs at all", ""},
    {"never had a problem", ""},
    {"bug-free and fast", ""},
    {"bug free", ""},
    {"a bug, not fixed", "bugs"},
    {"no idea why, a bug", "bugs"},
    {"never a crash", ""}, /* children inherit "drop" */
    {"it did crash", "bugs;bugs.crash"},
    {"not one glitch", "bugs;bugs.any"}, /* "count" */
    {"the menu is not confusing", "usability"},
};

static void test_round2_cases(const vb_lexicon *lex, vb_matcher *m) {
  for (size_t i = 0; i < sizeof ROUND2_CASES / sizeof *ROUND2_CASES; i++) {
    const char *got = themes_of(lex, m, ROUND2_CASES[i].text);
    if (strcmp(got, ROUND2_CASES[i].themes) != 0)
      fprintf(stderr, "  \"%s\": got \"%s\", want \"%s\"\n",
              ROUND2_CASES[i].text, got, ROUND2_CASES[i].themes);
    CHECK_STR(got, ROUND2_CASES[i].themes);
  }
}

static void test_round2_matches(const vb_lexicon *lex, vb_matcher *m) {
  /* the note names the set member that matched */
  themes_of(lex, m, "the menu is really confusing");
  char note[128];
  CHECK(vb_matcher_match_count(m) == 1);
  CHECK(vb_matcher_match_note(m, 0, note, sizeof note) > 0);
  CHECK_STR(note, "@problem=confusing");
  /* a chain's span covers every side */
  themes_of(lex, m, "it is easy on the battery");
  const vb_match *x = match_of(lex, m, "easy NEAR/2 on NEAR/1 battery");
  CHECK(x && x->start == 6 && x->end == 25);
  /* dropped mentions are listed, flagged and not counted */
  themes_of(lex, m, "no bugs at all");
  x = match_of(lex, m, "bug");
  CHECK(x && x->negated && x->dropped && !x->excluded);
  /* "count" clears the flag */
  themes_of(lex, m, "not one glitch");
  x = match_of(lex, m, "glitch");
  CHECK(x && !x->negated && !x->dropped);
  /* a negator between a mention's words negates it: flagged, counted */
  themes_of(lex, m, "the menu is not confusing");
  x = match_of(lex, m, "menu NEAR/3 @problem");
  CHECK(x && x->negated && !x->dropped);
}

static void test_contractions(const vb_lexicon *lex, vb_matcher *m) {
  /* every spelling of "doesn't" meets the term "not work"; its own
   * "not" does not negate it */
  const char *spellings[] = {"it does not work",
                             "it doesn't work",
                             "it doesnt work",
                             "it doesn ' t work",
                             "it doesn\xE2\x80\x99t work",
                             "it don't work",
                             "it dont work",
                             "it didn't work"};
  for (size_t i = 0; i < sizeof spellings / sizeof *spellings; i++) {
    CHECK_STR(themes_of(lex, m, spellings[i]), "bugs");
    const vb_match *x = match_of(lex, m, "not work");
    CHECK(x && !x->negated);
  }
  /* "won't" is "will not" for the term "won't ~2 load" too */
  CHECK_STR(themes_of(lex, m, "it will not even load"), "usability");
  CHECK_STR(themes_of(lex, m, "it wont load"), "usability");
  /* the negator "don't" is "not", so "cannot" and "can't" negate */
  CHECK_STR(themes_of(lex, m, "I cannot find a bug"), "");
  CHECK_STR(themes_of(lex, m, "I can't find a bug"), "");
  /* the span of "doesn ' t work" covers the split contraction */
  themes_of(lex, m, "it doesn ' t work");
  const vb_match *x = match_of(lex, m, "not work");
  CHECK(x != NULL);
  if (x) {
    CHECK_INT(x->start, 3);
    CHECK_INT(x->end, 17);
  }
  /* words that merely end in "nt" are left alone */
  themes_of(lex, m, "I want it to work");
  CHECK_INT(vb_matcher_token_count(m), 5);
}

static void test_round2(void) {
  vb_lexicon *lex = lex_inline(ROUND2);
  CHECK(lex != NULL);
  vb_matcher *m = NULL;
  if (!lex || vb_matcher_new(lex, &m, NULL) != VB_OK) {
    vb_lexicon_free(lex);
    return;
  }
  test_round2_cases(lex, m);
  test_round2_matches(lex, m);
  test_contractions(lex, m);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
}

static void test_typos(void) {
  vb_lexicon *lex = lex_inline(
      "{\"typos\": true, \"sets\": {\"late\": [\"late\", \"delayed\"]},\n"
      " \"themes\": [{\"id\": \"shipping\", \"label\": \"S\",\n"
      "   \"terms\": [\"shipping\", \"delivery\", \"@late parcel\", "
      "\"quality\", \"instal*\"]}]}");
  CHECK(lex != NULL);
  vb_matcher *m = NULL;
  if (!lex || vb_matcher_new(lex, &m, NULL) != VB_OK) {
    vb_lexicon_free(lex);
    return;
  }
  CHECK_STR(themes_of(lex, m, "the shiping was ok"), "shipping");
  CHECK_STR(themes_of(lex, m, "the delivary was ok"), "shipping");
  CHECK_STR(themes_of(lex, m, "the delievry was ok"), "shipping"); /* swap */
  CHECK_STR(themes_of(lex, m, "a dellayed parcel"), "shipping");   /* set */
  CHECK_STR(themes_of(lex, m, "the instalation failed"), "shipping");
  /* known words and short words never change */
  CHECK_STR(themes_of(lex, m, "shopping was fun"), "");
  CHECK_STR(themes_of(lex, m, "equality matters"), "");
  CHECK_STR(themes_of(lex, m, "shipp"), "");
  themes_of(lex, m, "the shiping was ok");
  const vb_match *x = vb_matcher_match(m, 0);
  CHECK(x && x->typo);
  char note[128];
  vb_matcher_match_note(m, 0, note, sizeof note);
  CHECK_STR(note, "shiping (typo of shipping)");
  themes_of(lex, m, "the shipping was ok");
  x = vb_matcher_match(m, 0);
  CHECK(x && !x->typo);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  /* off by default */
  lex = lex_inline("{\"themes\": [{\"id\": \"s\", \"label\": \"S\", "
                   "\"terms\": [\"shipping\"]}]}");
  CHECK(lex != NULL);
  if (lex && vb_matcher_new(lex, &m, NULL) == VB_OK) {
    CHECK_STR(themes_of(lex, m, "the shiping was ok"), "");
    vb_matcher_free(m);
  }
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
  test_exclude_pattern_limit();
  test_rollup(lex, m);
  test_negation(lex, m);
  test_accents_and_scripts(lex, m);
  test_invalid_utf8(lex, m);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  test_languages();
  test_pattern_limit();
  test_round2();
  test_typos();
  return check_exit();
}
