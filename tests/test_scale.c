/*
 * test_scale.c - score fields as survey tools write them (labels after
 * the integer, no-answer words), scale maps with group labels, and group
 * fields read through vb_scale_group.
 *
 * The plain integer cases and the numeric maps are in test_tally.c; here
 * are the forms exports add: Typeform's and Google Forms' labeled choices
 * ("9 - Very likely"), "N/A" answers, and Qualtrics' group column.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "verbatim.h"

/* The group of `text` on sc, or the status when it is not VB_OK. */
static int score_group(const vb_scale *sc, const char *text, int *score) {
  vb_group group;
  int rc = vb_scale_score(sc, text, strlen(text), score, &group);
  return rc == VB_OK ? (int)group : rc;
}

static void test_labeled_scores(void) {
  static const struct {
    const char *text;
    int group, score;
  } CASES[] = {
      {"9 - Very likely", VB_GROUP_PROMOTER, 9},
      {"10 - Extremely likely", VB_GROUP_PROMOTER, 10},
      {"10 (Extremely likely)", VB_GROUP_PROMOTER, 10},
      {"0 - Not at all likely", VB_GROUP_DETRACTOR, 0},
      {"7: Neutral", VB_GROUP_PASSIVE, 7},
      {"8 Likely", VB_GROUP_PASSIVE, 8},
      {"6-Unlikely", VB_GROUP_DETRACTOR, 6},
      {"9 \xe2\x80\x93 Very likely", VB_GROUP_PROMOTER, 9}, /* en dash */
      {"9 \xe2\x80\x94 Sehr wahrscheinlich", VB_GROUP_PROMOTER, 9},
      {"9 - \xc3\x9c"
       "berhaupt",
       VB_GROUP_PROMOTER, 9}, /* a non-ASCII letter */
      {" 9 - Very likely \r", VB_GROUP_PROMOTER, 9},
      {"9.0", VB_GROUP_PROMOTER, 9},
      /* still rejected */
      {"8.5", VB_ESCORE, -1},
      {"9 - 10", VB_ESCORE, -1},
      {"9 -", VB_ESCORE, -1},
      {"9 (", VB_ESCORE, -1},
      {"9a", VB_ESCORE, -1},
      {"9--Very", VB_ESCORE, -1}, /* one separator */
      {"11 - Beyond likely", VB_ESCORE, -1},
      {"-1 - Never", VB_ESCORE, -1},
      {"Very likely", VB_ESCORE, -1},
      {"9.0 - Very likely", VB_ESCORE, -1},
  };
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    int score = -2;
    int got = score_group(NULL, CASES[i].text, &score);
    if (got != CASES[i].group)
      fprintf(stderr, "case \"%s\"\n", CASES[i].text);
    CHECK_INT(got, CASES[i].group);
    CHECK_INT(score, CASES[i].score);
  }
  /* the label reads on other scales too */
  vb_scale *sc;
  vb_error err;
  CHECK_INT(vb_scale_parse("csat5", &sc, &err), VB_OK);
  int score;
  CHECK_INT(score_group(sc, "5 - Very satisfied", &score), VB_GROUP_PROMOTER);
  CHECK_INT(score_group(sc, "6 - Beyond", &score), VB_ESCORE);
  vb_scale_free(sc);
}

static void test_no_answer(void) {
  static const char *const UNSCORED[] = {
      "N/A",
      "n/a",
      "NA",
      "na",
      " N/A ",
      "-",
      "Don't know",
      "don't KNOW",
      "Don\xe2\x80\x99t know", /* curly apostrophe */
      "",
      "   ",
      NULL};
  for (size_t i = 0; UNSCORED[i]; i++) {
    int score = -2;
    CHECK_INT(score_group(NULL, UNSCORED[i], &score), VB_GROUP_UNSCORED);
    CHECK_INT(score, -1);
  }
  static const char *const REJECTED[] = {"N/A/", "NAN",       "--",
                                         "n.a.", "not known", NULL};
  for (size_t i = 0; REJECTED[i]; i++) {
    int score;
    CHECK_INT(score_group(NULL, REJECTED[i], &score), VB_ESCORE);
  }
}

static int group_of(const vb_scale *sc, const char *text) {
  vb_group group = VB_GROUP_COUNT;
  int rc = vb_scale_group(sc, text, strlen(text), &group);
  if (rc != VB_OK) {
    CHECK_INT(group, VB_GROUP_UNSCORED);
    return rc;
  }
  return (int)group;
}

static void test_group_labels(void) {
  /* the default labels, any case, blanks around */
  CHECK_INT(group_of(NULL, "Detractor"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_of(NULL, "passive"), VB_GROUP_PASSIVE);
  CHECK_INT(group_of(NULL, " PROMOTER "), VB_GROUP_PROMOTER);
  CHECK_INT(group_of(NULL, ""), VB_GROUP_UNSCORED);
  CHECK_INT(group_of(NULL, "N/A"), VB_GROUP_UNSCORED);
  CHECK_INT(group_of(NULL, "Promoters"), VB_ESCORE);
  CHECK_INT(group_of(NULL, "Neutral"), VB_ESCORE);
  /* numeric codes: never through a preset (3 would be a detractor) */
  CHECK_INT(group_of(NULL, "3"), VB_ESCORE);
  vb_scale *sc;
  vb_error err;
  CHECK_INT(vb_scale_parse("nps", &sc, &err), VB_OK);
  CHECK_INT(group_of(sc, "3"), VB_ESCORE);
  CHECK_INT(group_of(sc, "Promoter"), VB_GROUP_PROMOTER);
  CHECK_INT(vb_scale_has_labels(sc), 0);
  vb_scale_free(sc);
  /* ... only through an explicit map */
  CHECK_INT(vb_scale_parse("detractor=1,passive=2,promoter=3", &sc, &err),
            VB_OK);
  CHECK_INT(group_of(sc, "1"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_of(sc, "2"), VB_GROUP_PASSIVE);
  CHECK_INT(group_of(sc, " 3 "), VB_GROUP_PROMOTER);
  CHECK_INT(group_of(sc, "4"), VB_ESCORE);
  CHECK_INT(group_of(sc, "Promoter"), VB_GROUP_PROMOTER); /* no labels given */
  vb_scale_free(sc);

  /* labels of the survey's own */
  CHECK_INT(vb_scale_parse("detractor=Unhappy|Very unhappy,passive=Neutral,"
                           "promoter=Happy",
                           &sc, &err),
            VB_OK);
  CHECK_INT(vb_scale_has_labels(sc), 1);
  CHECK_INT(group_of(sc, "very UNHAPPY"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_of(sc, "Unhappy"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_of(sc, "neutral"), VB_GROUP_PASSIVE);
  CHECK_INT(group_of(sc, "Happy "), VB_GROUP_PROMOTER);
  CHECK_INT(group_of(sc, "Detractor"), VB_ESCORE); /* its own labels only */
  CHECK_INT(group_of(sc, "Happ"), VB_ESCORE);
  CHECK_INT(group_of(sc, "Don't know"), VB_GROUP_UNSCORED);
  int score;
  CHECK_INT(score_group(sc, "9", &score), VB_ESCORE); /* no scores on it */
  CHECK_STR(vb_scale_text(sc),
            "detractor=Unhappy|Very unhappy,passive=Neutral,promoter=Happy");
  vb_scale_free(sc);

  /* labels and integers mixed */
  CHECK_INT(vb_scale_parse("detractor=0-6| Bad ,passive=7-8,promoter=9-10|Good",
                           &sc, &err),
            VB_OK);
  CHECK_INT(group_of(sc, "bad"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_of(sc, "10"), VB_GROUP_PROMOTER);
  CHECK_INT(score_group(sc, "8", &score), VB_GROUP_PASSIVE);
  vb_scale_free(sc);
}

static void test_label_errors(void) {
  vb_scale *sc;
  vb_error err;
  CHECK_INT(vb_scale_parse("detractor=Bad,promoter=bad", &sc, &err), VB_EINVAL);
  CHECK(sc == NULL);
  CHECK_INT(err.column, 24); /* the second "bad" */
  CHECK(strstr(err.message, "label \"bad\" is in two groups") != NULL);
  CHECK_INT(vb_scale_parse("detractor=Bad|,passive=Ok", &sc, &err), VB_EINVAL);
  CHECK_INT(err.column, 15);
  CHECK_INT(vb_scale_parse("detractor=", &sc, &err), VB_EINVAL);
  CHECK_INT(vb_scale_parse("detractor= ,passive=Ok", &sc, &err), VB_EINVAL);
  CHECK_INT(err.column, 11);
}

int main(void) {
  test_labeled_scores();
  test_no_answer();
  test_group_labels();
  test_label_errors();
  return check_exit();
}
