/*
 * test_lexicon.c - loading and compiling lexicons: what compiles, and that
 * every kind of mistake is an error with the right code, file, line and
 * column and a message that says what is wrong.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim.h"

/* Compiles one inline document named "t.json"; returns the status and
 * leaves the error in *err. */
static int compile1(const char *json, vb_error *err, vb_lexicon **out) {
  const char *name = "t.json";
  size_t len = strlen(json);
  vb_lexicon *lex = NULL;
  int rc = vb_lexicon_compile(1, &name, &json, &len, &lex, err);
  if (out)
    *out = lex;
  else
    vb_lexicon_free(lex);
  return rc;
}

/* Expects an error of `code` at line:column whose message contains `part`. */
static void expect_error(const char *json, int code, unsigned line,
                         unsigned column, const char *part, int at) {
  vb_error err;
  int rc = compile1(json, &err, NULL);
  if (rc != code || err.line != line || err.column != column ||
      !strstr(err.message, part))
    fprintf(stderr, "  case at test line %d: got %s %u:%u \"%s\"\n", at,
            vb_err_name(rc), err.line, err.column, err.message);
  CHECK_INT(rc, code);
  CHECK_INT(err.line, line);
  CHECK_INT(err.column, column);
  CHECK(strstr(err.message, part) != NULL);
  CHECK_STR(err.file, "t.json");
}
#define EXPECT_ERROR(json, code, line, col, part)                              \
  expect_error(json, code, line, col, part, __LINE__)

static void test_valid(void) {
  vb_error err;
  vb_lexicon *lex;
  int rc = compile1("{\"themes\": [\n"
                    "  {\"id\": \"a\", \"label\": \"A\", \"terms\": [\"x\"],\n"
                    "   \"themes\": [{\"id\": \"a.b\", \"label\": \"B\",\n"
                    "                \"terms\": [\"y\", \"/z+/\"]}]},\n"
                    "  {\"id\": \"c\", \"label\": \"C\", \"terms\": [\"w\"],\n"
                    "   \"examples\": {\"match\": [\"w\"], \"no_match\": "
                    "[\"q\", \"r\"]}}]}",
                    &err, &lex);
  CHECK_INT(rc, VB_OK);
  if (rc)
    return;
  CHECK_STR(vb_lexicon_language(lex), "en");
  CHECK_INT(vb_lexicon_theme_count(lex), 3);
  CHECK_STR(vb_lexicon_theme_id(lex, 0), "a");
  CHECK_STR(vb_lexicon_theme_id(lex, 1), "a.b");
  CHECK_STR(vb_lexicon_theme_id(lex, 2), "c");
  CHECK_STR(vb_lexicon_theme_label(lex, 1), "B");
  CHECK_INT(vb_lexicon_theme_parent(lex, 1), 0);
  CHECK_INT(vb_lexicon_theme_parent(lex, 0), -1);
  CHECK_INT(vb_lexicon_theme_find(lex, "c"), 2);
  CHECK_INT(vb_lexicon_theme_find(lex, "nope"), -1);
  CHECK_INT(vb_lexicon_term_count(lex), 4);
  CHECK_STR(vb_lexicon_term_text(lex, 2), "/z+/");
  CHECK_INT(vb_lexicon_term_theme(lex, 2), 1);
  const char *file;
  unsigned line, col;
  vb_lexicon_term_location(lex, 2, &file, &line, &col);
  CHECK_STR(file, "t.json");
  CHECK_INT(line, 4);
  CHECK_INT(col, 32);
  CHECK_INT(vb_lexicon_example_count(lex), 3);
  size_t theme;
  const char *text;
  int must;
  CHECK_INT(
      vb_lexicon_example(lex, 1, &theme, &text, &must, &file, &line, &col),
      VB_OK);
  CHECK_INT(theme, 2);
  CHECK_STR(text, "q");
  CHECK_INT(must, 0);
  CHECK_INT(line, 6);
  CHECK_INT(vb_lexicon_example(lex, 3, NULL, NULL, NULL, NULL, NULL, NULL),
            VB_ERANGE);
  vb_lexicon_free(lex);
}

static void test_structure_errors(void) {
  EXPECT_ERROR("{\"themes\": [ {\"id\": \"a\",, } ]}", VB_EJSON, 1, 26,
               "malformed JSON");
  EXPECT_ERROR("", VB_EJSON, 1, 1, "empty");
  EXPECT_ERROR("{\"themes\": []} trailing", VB_EJSON, 1, 16, "malformed");
  EXPECT_ERROR("[1, 2]", VB_ELEXICON, 1, 1, "must be a JSON object");
  EXPECT_ERROR("{\"name\": \"x\"}", VB_ELEXICON, 1, 1, "no \"themes\"");
  EXPECT_ERROR("{\"themes\": [], \"colour\": 1}", VB_ELEXICON, 1, 16,
               "unknown key \"colour\" in the lexicon");
  EXPECT_ERROR("{\"themes\": [\n  {\"id\": \"a\", \"label\": \"A\",\n"
               "   \"term\": [\"x\"]}]}",
               VB_ELEXICON, 3, 4, "unknown key \"term\" in a theme");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"id\": \"b\", \"label\": "
               "\"A\", \"terms\": [\"x\"]}]}",
               VB_ELEXICON, 1, 25, "duplicate key \"id\"");
  EXPECT_ERROR("{\"themes\": [{\"label\": \"A\", \"terms\": [\"x\"]}]}",
               VB_ELEXICON, 1, 13, "no \"id\"");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"terms\": [\"x\"]}]}",
               VB_ELEXICON, 1, 13, "no \"label\"");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a b\", \"label\": \"A\", \"terms\": "
               "[\"x\"]}]}",
               VB_ELEXICON, 1, 20, "theme id \"a b\"");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
               "[]}]}",
               VB_ELEXICON, 1, 48, "can never match");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
               "\"x\"}]}",
               VB_ELEXICON, 1, 48, "\"terms\" must be an array");
  EXPECT_ERROR("{\"fold_accents\": \"yes\", \"themes\": []}", VB_ELEXICON, 1,
               18, "true or false");
  EXPECT_ERROR("{\"negation_window\": 0, \"themes\": []}", VB_ELEXICON, 1, 21,
               "negation_window");
  EXPECT_ERROR("{\"negators\": [\"not at all\"], \"themes\": []}", VB_ELEXICON,
               1, 15, "exactly one word");
  EXPECT_ERROR("{\"language\": \"klingon\", \"themes\": []}", VB_ELANGUAGE, 1,
               14, "unknown language \"klingon\"");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
               "[\"x\"], \"examples\": {\"matches\": []}}]}",
               VB_ELEXICON, 1, 68, "unknown key \"matches\" in examples");
}

static void test_theme_errors(void) {
  EXPECT_ERROR("{\"themes\": [\n"
               "  {\"id\": \"a\", \"label\": \"A\", \"terms\": [\"x\"]},\n"
               "  {\"id\": \"a\", \"label\": \"A2\", \"terms\": [\"y\"]}]}",
               VB_ELEXICON, 3, 10,
               "duplicate theme id \"a\" (first defined "
               "at t.json:2:10)");
  EXPECT_ERROR("{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
               "[\"x\"], \"themes\": [{\"id\": \"b.c\", \"label\": \"B\", "
               "\"terms\": [\"y\"]}]}]}",
               VB_ELEXICON, 1, 73, "must start with its parent's id");
}

static void test_term_errors(void) {
  const char *pre = "{\"themes\": [{\"id\": \"a\", \"label\": \"A\", "
                    "\"terms\": [";
  /* the term's opening quote is at column 49 */
  char json[512];
#define TERM(t) (snprintf(json, sizeof json, "%s%s]}]}", pre, t), json)
  EXPECT_ERROR(TERM("\"  \""), VB_ELEXICON, 1, 49, "empty term");
  EXPECT_ERROR(TERM("\"!!!\""), VB_ELEXICON, 1, 49, "contains no word");
  EXPECT_ERROR(TERM("\"late *\""), VB_ELEXICON, 1, 49, "a lone '*'");
  EXPECT_ERROR(TERM("\"= late\""), VB_ELEXICON, 1, 49, "a lone '='");
  EXPECT_ERROR(TERM("\"=late*\""), VB_ELEXICON, 1, 49, "not both");
  EXPECT_ERROR(TERM("\"x\", \"x\""), VB_ELEXICON, 1, 54,
               "duplicate term \"x\" in theme \"a\"");
  EXPECT_ERROR(TERM("\"hold NEAR/0 time\""), VB_ELEXICON, 1, 49,
               "NEAR/n with n from 1 to 50");
  EXPECT_ERROR(TERM("\"hold NEAR/x time\""), VB_ELEXICON, 1, 49, "NEAR/n");
  EXPECT_ERROR(TERM("\"NEAR/3 time\""), VB_ELEXICON, 1, 49,
               "words on both sides");
  EXPECT_ERROR(TERM("\"a NEAR/2 b NEAR/2\""), VB_ELEXICON, 1, 49,
               "words on both sides");
  EXPECT_ERROR(TERM("\"a NEAR/1 NEAR/2 b\""), VB_ELEXICON, 1, 49,
               "words on both sides");
  EXPECT_ERROR(TERM("\"a NEAR/1 b NEAR/1 c NEAR/1 d NEAR/1 e NEAR/1 f NEAR/1 g "
                    "NEAR/1 h NEAR/1 i\""),
               VB_ELEXICON, 1, 49, "chains more than 8 sides");
  EXPECT_ERROR(TERM("\"a b c d e f g h i j k l m n o p q\""), VB_ELEXICON, 1,
               49, "at most 16");
  EXPECT_ERROR(TERM("3"), VB_ELEXICON, 1, 49, "must be a string");
  /* pattern errors point inside the pattern: "/ab(c/" -> missing ')' at
   * the end of the pattern, offset 4, column 49 + 1 + 1 + 4 */
  EXPECT_ERROR(TERM("\"/ab(c/\""), VB_EPATTERN, 1, 55, "missing closing");
  /* JSON escapes count as one character of the pattern: "\\d(" */
  EXPECT_ERROR(TERM("\"/\\\\d(/\""), VB_EPATTERN, 1, 55, "missing closing");
  EXPECT_ERROR(TERM("\"/x*/\""), VB_EPATTERN, 1, 49, "empty string");
  EXPECT_ERROR(TERM("\"/abc\""), VB_EPATTERN, 1, 49, "must end with '/'");
  EXPECT_ERROR(TERM("\"//\""), VB_EPATTERN, 1, 49, "empty pattern");
#undef TERM
}

/* Errors of the round-2 language: the document (its text after `head`),
 * the column and a part of the message; every one is VB_ELEXICON on line
 * 1 of "t.json". */
static const char SET_P[] = "{\"sets\": {\"p\": [\"slow\"]}, \"themes\": "
                            "[{\"id\": \"a\", \"label\": \"A\", \"terms\": [";
static const struct {
  const char *head, *tail;
  unsigned column;
  const char *part;
} ROUND2_ERRORS[] = {
    /* terms: the term's opening quote is at column 74 */
    {SET_P, "\"menu NEAR/3 @nope\"]}]}", 87, "set \"@nope\" is not defined"},
    {SET_P, "\"@ menu\"]}]}", 75, "a lone '@'"},
    {SET_P, "\"menu @p\", \"@p ~2 load\", \"won't ~6 load\"]}]}", 106,
     "~n with n from 1 to 5"},
    {SET_P, "\"~2 load\"]}]}", 75, "must stand between two words"},
    {SET_P, "\"load ~2\"]}]}", 80, "must stand between two words"},
    {SET_P, "\"a ~1 ~2 b\"]}]}", 80, "must stand between two words"},
    {SET_P, "\"seated WITH\"]}]}", 82, "WITH must stand between"},
    {SET_P, "\"seated WITH @p more\"]}]}", 82, "WITH must stand between"},
    {SET_P, "\"seated WITH @q\"]}]}", 87, "set \"@q\" is not defined"},
    {SET_P, "\"a NEAR/2 b NEAR/2\"]}]}", 74, "words on both sides"},
    /* theme keys, after "terms": ["x"], */
    {SET_P, "\"x\"], \"negated\": \"ignore\"}]}", 91,
     "\"negated\" must be \"flag\""},
    {SET_P, "\"x\"], \"requires\": []}]}", 92, "\"requires\" is empty"},
    {SET_P, "\"x\"], \"requires\": [\"p\"]}]}", 93,
     "lists sets written \"@name\""},
    {SET_P, "\"x\"], \"requires\": [\"@x\"]}]}", 94,
     "set \"@x\" is not defined"},
    /* set definitions and settings */
    {"{\"sets\": {\"Bad\": [\"x\"]}", ", \"themes\": []}", 11,
     "set name \"Bad\" must be lower-case"},
    {"{\"sets\": {\"p\": []}", ", \"themes\": []}", 16, "set \"p\" is empty"},
    {"{\"sets\": {\"p\": [\"front desk\"]}", ", \"themes\": []}", 17,
     "must be one word"},
    {"{\"sets\": {\"p\": [\"wi-fi\"]}", ", \"themes\": []}", 17, "is 2 words"},
    {"{\"sets\": {\"p\": [3]}", ", \"themes\": []}", 17, "must be a string"},
    {"{\"sets\": [\"x\"]", ", \"themes\": []}", 10, "an object of sets"},
    {"{\"typos\": 1", ", \"themes\": []}", 11, "true or false"},
};

/* Sets, gaps, NEAR chains, WITH, "requires", "negated", "typos". */
static void test_round2_errors(void) {
  for (size_t i = 0; i < sizeof ROUND2_ERRORS / sizeof *ROUND2_ERRORS; i++) {
    char json[512];
    snprintf(json, sizeof json, "%s%s", ROUND2_ERRORS[i].head,
             ROUND2_ERRORS[i].tail);
    expect_error(json, VB_ELEXICON, 1, ROUND2_ERRORS[i].column,
                 ROUND2_ERRORS[i].part, (int)i);
  }

  /* the same set in two lexicons: fine when identical, else an error */
  const char *names[] = {"one.json", "two.json"};
  const char *texts[] = {
      "{\"sets\": {\"p\": [\"slow\", \"lag*\"]}, \"themes\": [{\"id\": \"a\", "
      "\"label\": \"A\", \"terms\": [\"@p\"]}]}",
      "{\"sets\": {\"p\": [\"slow\", \"lag*\"]}, \"themes\": [{\"id\": \"b\", "
      "\"label\": \"B\", \"terms\": [\"menu @p\"]}]}"};
  size_t lens[] = {strlen(texts[0]), strlen(texts[1])};
  vb_lexicon *lex;
  vb_error err;
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_OK);
  vb_lexicon_free(lex);
  texts[1] = "{\"sets\": {\"p\": [\"slow\"]}, \"themes\": [{\"id\": \"b\", "
             "\"label\": \"B\", \"terms\": [\"x\"]}]}";
  lens[1] = strlen(texts[1]);
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_ELEXICON);
  CHECK_STR(err.file, "two.json");
  CHECK_INT(err.column, 11);
  CHECK(strstr(err.message, "already defined differently at one.json:1:11") !=
        NULL);
  /* a set defined by a later lexicon can be used by an earlier one */
  texts[0] = "{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
             "[\"@p\"]}]}";
  lens[0] = strlen(texts[0]);
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_OK);
  vb_lexicon_free(lex);
  /* a contraction negator counts as "not" */
  CHECK_INT(compile1("{\"negators\": [\"don't\", \"cannot\"], \"themes\": "
                     "[{\"id\": \"a\", \"label\": \"A\", \"terms\": [\"x\"]}]}",
                     &err, NULL),
            VB_OK);
}

/* vb_lexicon_check: stemming traps. */
static char warnings_[4096];
static void collect_warning(void *ctx, const char *file, unsigned line,
                            unsigned column, const char *message) {
  (void)ctx;
  size_t len = strlen(warnings_);
  snprintf(warnings_ + len, sizeof warnings_ - len, "%s:%u:%u: %s\n", file,
           line, column, message);
}

static void test_check(void) {
  vb_error err;
  vb_lexicon *lex;
  int rc = compile1(
      "{\"themes\": [{\"id\": \"support\", \"label\": \"S\",\n"
      "  \"terms\": [\"support\", \"help desk\", \"installer\", "
      "\"delivery\"],\n"
      "  \"exclude\": [\"supports\", \"desk lamp\"],\n"
      "  \"themes\": [{\"id\": \"support.agent\", \"label\": \"A\",\n"
      "    \"terms\": [\"support agent\"]}]},\n"
      " {\"id\": \"other\", \"label\": \"O\", \"terms\": [\"management\"],\n"
      "  \"exclude\": [\"help\"]}]}",
      &err, &lex);
  CHECK_INT(rc, VB_OK);
  if (rc)
    return;
  warnings_[0] = '\0';
  int n = vb_lexicon_check(lex, NULL, collect_warning, NULL);
  /* "supports" cancels "support" and "support agent" (a child); "desk
   * lamp" and "help" (another theme) cancel nothing */
  CHECK(strstr(warnings_, "t.json:3:15: exclude \"supports\" cancels every "
                          "match of term \"support\" of theme support "
                          "(t.json:2:13)") != NULL);
  CHECK(strstr(warnings_, "term \"support agent\" of theme support.agent") !=
        NULL);
  CHECK(strstr(warnings_, "desk lamp") == NULL);
  CHECK(strstr(warnings_, "exclude \"help\"") == NULL);
  /* stems that pull in a shorter, different word */
  CHECK(strstr(warnings_, "t.json:2:37: \"installer\" (stem \"instal\") "
                          "also matches \"instal\", \"install\"") != NULL);
  CHECK(strstr(warnings_, "\"management\" (stem \"manag\") also matches "
                          "\"manage\"") != NULL);
  CHECK(strstr(warnings_, "\"delivery\"") == NULL);
  CHECK(strstr(warnings_, "\"support\" (stem") == NULL);
  CHECK_INT(n, 4);
  if (n != 4)
    fprintf(stderr, "%s", warnings_);
  /* set members are checked, every member of every set (each member's
   * words are split while the members are being walked) */
  vb_lexicon *sets;
  CHECK_INT(compile1("{\"sets\": {\"a\": [\"fine\", \"installer\"],\n"
                     " \"b\": [\"good\", \"noone\", \"customer\"]},\n"
                     " \"themes\": [{\"id\": \"x\", \"label\": \"X\", "
                     "\"terms\": [\"@a @b\"]}]}",
                     &err, &sets),
            VB_OK);
  warnings_[0] = '\0';
  CHECK_INT(vb_lexicon_check(sets, NULL, collect_warning, NULL), 3);
  CHECK(strstr(warnings_, "\"installer\" (stem") != NULL);
  CHECK(strstr(warnings_, "\"noone\" (stem \"noon\") also matches \"noon\"") !=
        NULL);
  CHECK(strstr(warnings_, "\"customer\" (stem") != NULL);
  vb_lexicon_free(sets);
  /* a missing word list: the exclude check still ran */
  warnings_[0] = '\0';
  CHECK_INT(vb_lexicon_check(lex, "/nonexistent/words", collect_warning, NULL),
            VB_EIO);
  CHECK(strstr(warnings_, "exclude \"supports\"") != NULL);
  vb_lexicon_free(lex);
}

static void test_several_documents(void) {
  const char *names[] = {"one.json", "two.json"};
  const char *texts[] = {
      "{\"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": [\"x\"]}]}",
      "{\"themes\": [{\"id\": \"b\", \"label\": \"B\", \"terms\": [\"y\"]},\n"
      "{\"id\": \"a\", \"label\": \"A\", \"terms\": [\"z\"]}]}"};
  size_t lens[] = {strlen(texts[0]), strlen(texts[1])};
  vb_lexicon *lex;
  vb_error err;
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_ELEXICON);
  CHECK(lex == NULL);
  CHECK_STR(err.file, "two.json");
  CHECK_INT(err.line, 2);
  CHECK_INT(err.column, 8);
  CHECK(strstr(err.message, "first defined at one.json:1:20") != NULL);

  /* a document that omits a setting takes the others' value */
  texts[1] = "{\"language\": \"fr\", \"themes\": [{\"id\": \"b\", \"label\": "
             "\"B\", \"terms\": [\"y\"]}]}";
  lens[1] = strlen(texts[1]);
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_OK);
  if (lex)
    CHECK_STR(vb_lexicon_language(lex), "fr");
  vb_lexicon_free(lex);
  /* two languages load together: one lexicon each, the same themes */
  const char *two_langs[] = {
      "{\"language\": \"fr\", \"themes\": [{\"id\": \"a\", \"label\": "
      "\"A fr\", \"terms\": [\"livraison\"]}]}",
      "{\"language\": \"english\", \"themes\": [{\"id\": \"b\", \"label\": "
      "\"B\", \"terms\": [\"y\", \"z\"]}, {\"id\": \"a\", \"label\": \"A\", "
      "\"terms\": [\"delivery\"]}]}"};
  size_t two_lens[] = {strlen(two_langs[0]), strlen(two_langs[1])};
  CHECK_INT(vb_lexicon_compile(2, names, two_langs, two_lens, &lex, &err),
            VB_OK);
  if (lex) {
    CHECK_INT(vb_lexicon_language_count(lex), 2);
    CHECK_STR(vb_lexicon_language_at(lex, 0), "en"); /* display first */
    CHECK_STR(vb_lexicon_language_at(lex, 1), "fr");
    CHECK_INT(vb_lexicon_theme_count(lex), 2);
    CHECK_STR(vb_lexicon_theme_id(lex, 0), "b");    /* English order */
    CHECK_STR(vb_lexicon_theme_label(lex, 1), "A"); /* English label */
    CHECK_INT(vb_lexicon_term_count(lex), 4);       /* across languages */
    CHECK_STR(vb_lexicon_term_text(lex, 3), "livraison");
    CHECK_INT(vb_lexicon_term_theme(lex, 3), 1);
    CHECK_INT(vb_lexicon_route(lex, "FR-ca", 5), 1);
    CHECK_INT(vb_lexicon_route(lex, "pt_BR", 5), -1);
    vb_matcher *m = NULL;
    CHECK_INT(vb_matcher_new(lex, &m, &err), VB_OK);
    CHECK_INT(vb_matcher_language(m, 1), VB_OK);
    CHECK_INT(vb_matcher_run(m, "livraison lente", 15), VB_OK);
    CHECK_INT(vb_matcher_match_count(m), 1);
    if (vb_matcher_match_count(m) == 1)
      CHECK_INT(vb_matcher_match(m, 0)->term, 3);
    CHECK_INT(vb_matcher_language(m, 0), VB_OK);
    CHECK_INT(vb_matcher_run(m, "livraison lente", 15), VB_OK);
    CHECK_INT(vb_matcher_match_count(m), 0);
    CHECK_INT(vb_matcher_language(m, 2), VB_ERANGE);
    vb_matcher_free(m);
  }
  vb_lexicon_free(lex);
  /* a theme id sits at one place in every language */
  const char *misplaced[] = {
      "{\"language\": \"fr\", \"themes\": [{\"id\": \"a\", \"label\": "
      "\"A\", \"terms\": [\"x\"]}]}",
      "{\"language\": \"en\", \"themes\": [{\"id\": \"b\", \"label\": "
      "\"B\", \"themes\": [{\"id\": \"a\", \"label\": \"A\", \"terms\": "
      "[\"x\"]}]}]}"};
  size_t misplaced_lens[] = {strlen(misplaced[0]), strlen(misplaced[1])};
  CHECK_INT(vb_lexicon_compile(2, names, misplaced, misplaced_lens, &lex, &err),
            VB_ELEXICON);
  CHECK(strstr(err.message, "same place in every language") != NULL);

  texts[1] = "{\"themes\": [{\"id\": \"b\", \"label\": \"B\", \"terms\": "
             "[\"y\"]}]}";
  lens[1] = strlen(texts[1]);
  CHECK_INT(vb_lexicon_compile(2, names, texts, lens, &lex, &err), VB_OK);
  CHECK_INT(vb_lexicon_theme_count(lex), 2);
  const char *file;
  vb_lexicon_term_location(lex, 1, &file, NULL, NULL);
  CHECK_STR(file, "two.json");
  vb_lexicon_free(lex);
}

static void test_files(void) {
  const char *paths[] = {"/nonexistent/lexicon.json"};
  vb_lexicon *lex = (vb_lexicon *)1;
  vb_error err;
  CHECK_INT(vb_lexicon_load_files(1, paths, &lex, &err), VB_EIO);
  CHECK(lex == NULL);
  CHECK_STR(err.file, "/nonexistent/lexicon.json");
  CHECK(strstr(err.message, "cannot open") != NULL);
  CHECK_INT(vb_lexicon_compile(0, NULL, NULL, NULL, &lex, &err), VB_EINVAL);
  vb_lexicon_free(NULL); /* a no-op */
}

int main(void) {
  test_valid();
  test_structure_errors();
  test_theme_errors();
  test_term_errors();
  test_round2_errors();
  test_check();
  test_several_documents();
  test_files();
  return check_exit();
}
