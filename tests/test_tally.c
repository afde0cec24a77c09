/*
 * test_tally.c - NPS score parsing and grouping, and tallies: counts by
 * group and theme (rolled up, once per comment), untagged comments, and a
 * merge that is exact: the tally of a whole equals the merge of the
 * tallies of its parts, in any order.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "verbatim.h"

static void test_scores(void) {
  static const struct {
    const char *text;
    int rc, score, group;
  } cases[] = {
      {"0", VB_OK, 0, VB_GROUP_DETRACTOR},
      {"6", VB_OK, 6, VB_GROUP_DETRACTOR},
      {"7", VB_OK, 7, VB_GROUP_PASSIVE},
      {"8", VB_OK, 8, VB_GROUP_PASSIVE},
      {"9", VB_OK, 9, VB_GROUP_PROMOTER},
      {"10", VB_OK, 10, VB_GROUP_PROMOTER},
      {" 9 ", VB_OK, 9, VB_GROUP_PROMOTER},
      {"9.0", VB_OK, 9, VB_GROUP_PROMOTER},
      {"", VB_OK, -1, VB_GROUP_UNSCORED},
      {"  ", VB_OK, -1, VB_GROUP_UNSCORED},
      {"11", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"-1", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"8.5", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"nine", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"9.", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"100", VB_ESCORE, -1, VB_GROUP_UNSCORED},
      {"9a", VB_ESCORE, -1, VB_GROUP_UNSCORED},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int score;
    vb_group group;
    int rc =
        vb_score_parse(cases[i].text, strlen(cases[i].text), &score, &group);
    CHECK_INT(rc, cases[i].rc);
    if (rc == VB_OK) {
      CHECK_INT(score, cases[i].score);
      CHECK_INT(group, cases[i].group);
    }
  }
  CHECK_STR(vb_group_name(VB_GROUP_PASSIVE), "passive");
}

static int group_on(const vb_scale *sc, const char *text) {
  int score;
  vb_group group;
  int rc = vb_scale_score(sc, text, strlen(text), &score, &group);
  return rc == VB_OK ? (int)group : rc;
}

static void test_scales(void) {
  vb_scale *sc;
  vb_error err;
  CHECK_INT(vb_scale_parse("csat5", &sc, &err), VB_OK);
  CHECK_INT(group_on(sc, "1"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_on(sc, "3"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_on(sc, "4"), VB_GROUP_PASSIVE);
  CHECK_INT(group_on(sc, "5"), VB_GROUP_PROMOTER);
  CHECK_INT(group_on(sc, "0"), VB_ESCORE);
  CHECK_INT(group_on(sc, "6"), VB_ESCORE);
  CHECK_INT(group_on(sc, ""), VB_GROUP_UNSCORED);
  CHECK_STR(vb_scale_text(sc), "detractor=1-3,passive=4,promoter=5");
  vb_scale_free(sc);

  /* a map with a gap and '|': 2 is on no group, so not on the scale */
  CHECK_INT(vb_scale_parse("promoter=4-5,detractor=1|3", &sc, &err), VB_OK);
  CHECK_INT(group_on(sc, "3"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_on(sc, "2"), VB_ESCORE);
  CHECK_INT(group_on(sc, "5"), VB_GROUP_PROMOTER);
  vb_scale_free(sc);

  CHECK_INT(vb_scale_parse("nps", &sc, &err), VB_OK);
  CHECK_INT(group_on(sc, "6"), VB_GROUP_DETRACTOR);
  CHECK_INT(group_on(sc, "7"), VB_GROUP_PASSIVE);
  CHECK_INT(group_on(sc, "10"), VB_GROUP_PROMOTER);
  vb_scale_free(sc);
  CHECK_INT(group_on(NULL, "11"), VB_ESCORE); /* NULL is NPS */

  CHECK_INT(vb_scale_parse("detractor=1-3,passive=3-4", &sc, &err), VB_EINVAL);
  CHECK(sc == NULL);
  CHECK_INT(err.column, 23); /* where "3-4" starts */
  CHECK(strstr(err.message, "score 3 is in two groups") != NULL);
  CHECK_INT(vb_scale_parse("detractors=1", &sc, &err), VB_EINVAL);
  CHECK_INT(err.column, 1);
  CHECK_INT(vb_scale_parse("detractor=3-1", &sc, &err), VB_EINVAL);
  CHECK_INT(err.column, 11);
  CHECK_INT(vb_scale_parse("detractor=1;passive=2", &sc, &err), VB_EINVAL);
  CHECK_INT(err.column, 12);
  CHECK_INT(vb_scale_parse("", &sc, &err), VB_EINVAL);
  vb_scale_free(NULL);
}

static const struct {
  const char *text;
  vb_group group;
} ROWS[] = {
    {"late delivery again", VB_GROUP_DETRACTOR},
    {"the price is too high", VB_GROUP_DETRACTOR},
    {"", VB_GROUP_DETRACTOR},
    {"nothing to say", VB_GROUP_PASSIVE},
    {"delivery was quick, great price", VB_GROUP_PROMOTER},
    {"still waiting, still waiting", VB_GROUP_PROMOTER},
    {"   ", VB_GROUP_UNSCORED},
    {"delivery", VB_GROUP_UNSCORED},
};
#define NROWS (sizeof ROWS / sizeof ROWS[0])

static void add_rows(vb_tally *t, vb_matcher *m, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    vb_matcher_run(m, ROWS[i].text, strlen(ROWS[i].text));
    vb_tally_count_add(t, VB_COUNT_READ, 1);
    vb_tally_add(t, ROWS[i].group,
                 strspn(ROWS[i].text, " ") < strlen(ROWS[i].text), m);
  }
}

static bool same_tally(const vb_lexicon *lex, const vb_tally *a,
                       const vb_tally *b) {
  for (int k = 0; k < VB_COUNT_KINDS; k++)
    if (vb_tally_count(a, (vb_count)k) != vb_tally_count(b, (vb_count)k))
      return false;
  for (int g = 0; g < VB_GROUP_COUNT; g++) {
    if (vb_tally_responses(a, (vb_group)g) !=
            vb_tally_responses(b, (vb_group)g) ||
        vb_tally_with_text(a, (vb_group)g) !=
            vb_tally_with_text(b, (vb_group)g))
      return false;
    if (vb_tally_untagged(a, (vb_group)g) != vb_tally_untagged(b, (vb_group)g))
      return false;
    for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++)
      if (vb_tally_mentions(a, t, (vb_group)g) !=
          vb_tally_mentions(b, t, (vb_group)g))
        return false;
  }
  for (size_t t = 0; t < vb_lexicon_term_count(lex); t++)
    if (vb_tally_term_hits(a, t) != vb_tally_term_hits(b, t))
      return false;
  if (vb_tally_pair_count(a) != vb_tally_pair_count(b))
    return false;
  for (size_t i = 0; i < vb_tally_pair_count(a); i++) {
    size_t x, y, x2, y2;
    uint64_t n, n2 = 0;
    vb_tally_pair(a, i, &x, &y, &n);
    for (size_t j = 0; j < vb_tally_pair_count(b); j++) {
      vb_tally_pair(b, j, &x2, &y2, &n2);
      if (x2 == x && y2 == y)
        break;
      n2 = UINT64_MAX;
    }
    if (n != n2)
      return false;
  }
  return true;
}

/* The lexicon file `name` under the directory in environment variable
 * `dir_var` (or `fallback`), loaded. */
static vb_lexicon *load_lexicon(const char *dir_var, const char *fallback,
                                const char *name) {
  char path[1024];
  const char *dir = getenv(dir_var);
  snprintf(path, sizeof path, "%s/%s", dir ? dir : fallback, name);
  const char *paths[] = {path};
  vb_lexicon *lex = NULL;
  CHECK_INT(vb_lexicon_load_files(1, paths, &lex, NULL), VB_OK);
  return lex;
}

static void test_tally(void) {
  vb_lexicon *lex = load_lexicon("VB_TEST_DATA", "tests/data", "test.json");
  vb_matcher *m;
  vb_matcher_new(lex, &m, NULL);
  vb_tally *whole, *part[3];
  vb_tally_new(lex, &whole);
  add_rows(whole, m, 0, NROWS);

  size_t shipping = (size_t)vb_lexicon_theme_find(lex, "shipping");
  size_t late = (size_t)vb_lexicon_theme_find(lex, "shipping.late");
  size_t pricing = (size_t)vb_lexicon_theme_find(lex, "pricing");
  /* counted by hand from ROWS */
  CHECK_INT(vb_tally_count(whole, VB_COUNT_TAGGED), 8);
  CHECK_INT(vb_tally_count(whole, VB_COUNT_UNSCORED), 2);
  CHECK_INT(vb_tally_count(whole, VB_COUNT_WITH_TEXT), 6);
  CHECK_INT(vb_tally_count(whole, VB_COUNT_UNTAGGED), 1);
  CHECK_INT(vb_tally_responses(whole, VB_GROUP_DETRACTOR), 3);
  CHECK_INT(vb_tally_with_text(whole, VB_GROUP_DETRACTOR), 2);
  CHECK_INT(vb_tally_mentions(whole, shipping, VB_GROUP_DETRACTOR), 1);
  CHECK_INT(vb_tally_mentions(whole, late, VB_GROUP_DETRACTOR), 1);
  CHECK_INT(vb_tally_mentions(whole, pricing, VB_GROUP_DETRACTOR), 1);
  /* "still waiting" twice: shipping.late and, rolled up, shipping, once */
  CHECK_INT(vb_tally_mentions(whole, shipping, VB_GROUP_PROMOTER), 2);
  CHECK_INT(vb_tally_mentions(whole, late, VB_GROUP_PROMOTER), 1);
  CHECK_INT(vb_tally_mentions(whole, shipping, VB_GROUP_UNSCORED), 1);
  CHECK_INT(vb_tally_mentions(whole, shipping, VB_GROUP_PASSIVE), 0);
  CHECK_INT(vb_tally_untagged(whole, VB_GROUP_PASSIVE), 1);
  CHECK_INT(vb_tally_untagged(whole, VB_GROUP_DETRACTOR), 0);
  /* terms, once per comment: "delivery" in rows 0, 4 and 7 ("late
   * delivery" contains it too); "still waiting" twice in row 5 -> 1 */
  for (size_t term = 0; term < vb_lexicon_term_count(lex); term++) {
    const char *text = vb_lexicon_term_text(lex, term);
    if (strcmp(text, "delivery") == 0)
      CHECK_INT(vb_tally_term_hits(whole, term), 3);
    if (strcmp(text, "still waiting") == 0)
      CHECK_INT(vb_tally_term_hits(whole, term), 1);
    if (strcmp(text, "pay") == 0)
      CHECK_INT(vb_tally_term_hits(whole, term), 0);
  }
  /* pairs: row 4 mentions shipping and pricing; shipping/shipping.late
   * (rows 0, 5) is a child with its parent and does not count */
  CHECK_INT(vb_tally_pair_count(whole), 1);
  size_t pa, pb;
  uint64_t pn;
  CHECK_INT(vb_tally_pair(whole, 0, &pa, &pb, &pn), VB_OK);
  CHECK_INT(pa, shipping);
  CHECK_INT(pb, pricing);
  CHECK_INT(pn, 1);
  CHECK_INT(vb_tally_pair(whole, 1, &pa, &pb, &pn), VB_ERANGE);

  /* split 0-3 / 3-5 / 5-8, merged in two different orders */
  size_t cut[] = {0, 3, 5, NROWS};
  for (int i = 0; i < 3; i++) {
    vb_tally_new(lex, &part[i]);
    add_rows(part[i], m, cut[i], cut[i + 1]);
  }
  vb_tally *ab, *ba;
  vb_tally_new(lex, &ab);
  vb_tally_new(lex, &ba);
  for (int i = 0; i < 3; i++)
    CHECK_INT(vb_tally_merge(ab, part[i]), VB_OK);
  for (int i = 2; i >= 0; i--)
    CHECK_INT(vb_tally_merge(ba, part[i]), VB_OK);
  CHECK(same_tally(lex, whole, ab));
  CHECK(same_tally(lex, whole, ba));
  /* a merge changes the numbers: the check above could fail */
  CHECK_INT(vb_tally_merge(ab, part[0]), VB_OK);
  CHECK(!same_tally(lex, whole, ab));

  vb_lexicon *other = load_lexicon("VB_TEST_DATA", "tests/data", "test.json");
  vb_tally *foreign;
  vb_tally_new(other, &foreign);
  CHECK_INT(vb_tally_merge(whole, foreign), VB_EINVAL);
  vb_tally_free(foreign);
  vb_lexicon_free(other);
  for (int i = 0; i < 3; i++)
    vb_tally_free(part[i]);
  vb_tally_free(ab);
  vb_tally_free(ba);
  vb_tally_free(whole);
  vb_tally_free(NULL);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
}

/* A tally of counts only: the same run counters and responses per group
 * as a full tally of the same rows, no mentions, term hits or pairs, and
 * merges only with its own kind. */
static void test_counts_only(void) {
  vb_lexicon *lex = load_lexicon("VB_TEST_DATA", "tests/data", "test.json");
  vb_matcher *m;
  vb_matcher_new(lex, &m, NULL);
  vb_tally *full, *counts, *part[2], *merged;
  CHECK_INT(vb_tally_new(lex, &full), VB_OK);
  CHECK_INT(vb_tally_new_counts(lex, &counts), VB_OK);
  add_rows(full, m, 0, NROWS);
  add_rows(counts, m, 0, NROWS);
  for (int k = 0; k < VB_COUNT_KINDS; k++)
    CHECK_INT(vb_tally_count(counts, (vb_count)k),
              vb_tally_count(full, (vb_count)k));
  CHECK_INT(vb_tally_count(counts, VB_COUNT_UNTAGGED), 1);
  uint64_t mentions = 0, hits = 0;
  for (int g = 0; g < VB_GROUP_COUNT; g++) {
    CHECK_INT(vb_tally_responses(counts, (vb_group)g),
              vb_tally_responses(full, (vb_group)g));
    CHECK_INT(vb_tally_with_text(counts, (vb_group)g),
              vb_tally_with_text(full, (vb_group)g));
    CHECK_INT(vb_tally_untagged(counts, (vb_group)g),
              vb_tally_untagged(full, (vb_group)g));
    for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
      mentions += vb_tally_mentions(full, t, (vb_group)g);
      CHECK_INT(vb_tally_mentions(counts, t, (vb_group)g), 0);
    }
  }
  for (size_t t = 0; t < vb_lexicon_term_count(lex); t++) {
    hits += vb_tally_term_hits(full, t);
    CHECK_INT(vb_tally_term_hits(counts, t), 0);
  }
  CHECK(mentions > 0 && hits > 0 && vb_tally_pair_count(full) > 0);
  CHECK_INT(vb_tally_pair_count(counts), 0);
  /* parts merged: the whole's counts; a full tally does not mix in */
  CHECK_INT(vb_tally_new_counts(lex, &merged), VB_OK);
  for (int i = 0; i < 2; i++) {
    CHECK_INT(vb_tally_new_counts(lex, &part[i]), VB_OK);
    add_rows(part[i], m, i ? 4 : 0, i ? NROWS : 4);
    CHECK_INT(vb_tally_merge(merged, part[i]), VB_OK);
  }
  CHECK(same_tally(lex, counts, merged));
  CHECK_INT(vb_tally_merge(merged, full), VB_EINVAL);
  CHECK_INT(vb_tally_merge(full, merged), VB_EINVAL);
  CHECK(same_tally(lex, counts, merged));
  for (int i = 0; i < 2; i++)
    vb_tally_free(part[i]);
  vb_tally_free(merged);
  vb_tally_free(counts);
  vb_tally_free(full);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
}

/* Each term counts once per comment, however many terms the comment has:
 * a comment with more distinct terms than the tally checks one against
 * another (32) takes another way, which must count alike.  Up to 200
 * terms with hits also grow the tally's term table, in adding and in
 * merging. */
static void test_terms_once(void) {
  vb_lexicon *lex = load_lexicon("VB_SOURCE_DIR", ".", "lexicons/default.json");
  size_t theme = 0;
  for (size_t distinct = 1; distinct <= 100; distinct += 33) {
    CHECK(vb_lexicon_term_count(lex) > 2 * distinct);
    vb_tally *t;
    CHECK_INT(vb_tally_new(lex, &t), VB_OK);
    size_t terms[300], n = 0;
    for (int round = 0; round < 3; round++) /* each term three times */
      for (size_t k = 0; k < distinct; k++)
        terms[n++] = 2 * k;
    vb_result res = {VB_GROUP_DETRACTOR, 1, &theme, 1, terms, n};
    for (int comment = 0; comment < 2; comment++)
      CHECK_INT(vb_tally_add_result(t, &res), VB_OK);
    for (size_t term = 0; term < 2 * distinct; term++)
      CHECK_INT(vb_tally_term_hits(t, term), term % 2 ? 0 : 2);
    /* merged into a tally with the odd terms once: each side's counts */
    vb_tally *odd;
    CHECK_INT(vb_tally_new(lex, &odd), VB_OK);
    for (size_t k = 0; k < distinct; k++)
      terms[k] = 2 * k + 1;
    res.term_count = distinct;
    CHECK_INT(vb_tally_add_result(odd, &res), VB_OK);
    CHECK_INT(vb_tally_merge(odd, t), VB_OK);
    for (size_t term = 0; term < 2 * distinct; term++)
      CHECK_INT(vb_tally_term_hits(odd, term), term % 2 ? 1 : 2);
    CHECK_INT(vb_tally_term_hits(odd, 2 * distinct), 0);
    vb_tally_free(odd);
    vb_tally_free(t);
  }
  vb_lexicon_free(lex);
}

/* The top-level themes of lex (no pair of them is a theme and its
 * ancestor), at most max. */
static size_t top_themes(const vb_lexicon *lex, size_t *out, size_t max) {
  size_t n = 0;
  for (size_t t = 0; t < vb_lexicon_theme_count(lex) && n < max; t++)
    if (vb_lexicon_theme_parent(lex, t) < 0)
      out[n++] = t;
  return n;
}

/* Adds one comment mentioning top[i] and top[j] (i < j), k times. */
static void add_pair(vb_tally *t, const size_t *top, size_t i, size_t j,
                     int k) {
  size_t themes[2] = {top[i], top[j]};
  vb_result res = {VB_GROUP_PASSIVE, 1, themes, 2, NULL, 0};
  while (k-- > 0)
    CHECK_INT(vb_tally_add_result(t, &res), VB_OK);
}

/* True when reading pair indices in `order` gives every expected pair
 * once, with its count: want[i][j] comments for top[i] and top[j]. */
static bool pairs_read(vb_tally *t, const size_t *top, size_t n,
                       uint64_t want[][16], const size_t *order) {
  bool seen[16][16] = {{false}};
  size_t count = vb_tally_pair_count(t), expected = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      expected += want[i][j] > 0;
  if (count != expected)
    return false;
  for (size_t k = 0; k < count; k++) {
    size_t a, b, i = n, j = n;
    uint64_t c;
    if (vb_tally_pair(t, order[k], &a, &b, &c) != VB_OK)
      return false;
    for (size_t x = 0; x < n; x++) {
      i = top[x] == a ? x : i;
      j = top[x] == b ? x : j;
    }
    if (i >= j || j >= n || seen[i][j] || want[i][j] != c)
      return false;
    seen[i][j] = true;
  }
  return true;
}

/* vb_tally_pair by index, in order (one walk of the table), backwards,
 * repeated and interleaved with adds that insert pairs and grow the
 * table: every read gives the pairs as they are at that moment. */
static void test_pair_index(void) {
  vb_lexicon *lex = load_lexicon("VB_SOURCE_DIR", ".", "lexicons/default.json");
  size_t top[16], n = top_themes(lex, top, 16);
  CHECK(n >= 12);
  vb_tally *t;
  CHECK_INT(vb_tally_new(lex, &t), VB_OK);
  static uint64_t want[16][16];
  memset(want, 0, sizeof want);
  size_t order[256], count;
  /* pairs of the first 6 themes; below, more of the first 8, then of
   * all n: more than the table's first 64 slots hold at half full */
  for (size_t i = 0; i < 6; i++)
    for (size_t j = i + 1; j < 6; j++) {
      add_pair(t, top, i, j, (int)(1 + (i + j) % 3));
      want[i][j] += 1 + (i + j) % 3;
    }
  count = vb_tally_pair_count(t);
  for (size_t k = 0; k < count; k++)
    order[k] = k;
  CHECK(pairs_read(t, top, n, want, order));
  for (size_t k = 0; k < count; k++)
    order[k] = count - 1 - k;
  CHECK(pairs_read(t, top, n, want, order));
  /* the same index twice in a row, and past the end */
  size_t a1, b1, a2, b2;
  uint64_t c1, c2;
  CHECK_INT(vb_tally_pair(t, 3, &a1, &b1, &c1), VB_OK);
  CHECK_INT(vb_tally_pair(t, 3, &a2, &b2, &c2), VB_OK);
  CHECK(a1 == a2 && b1 == b2 && c1 == c2);
  CHECK_INT(vb_tally_pair(t, count, &a1, &b1, &c1), VB_ERANGE);
  /* read half, add pairs (new keys, then a growth), read on from there:
   * the reads after the adds must see the table as it is now */
  for (int round = 0; round < 2; round++) {
    size_t half = vb_tally_pair_count(t) / 2;
    for (size_t k = 0; k < half; k++)
      CHECK_INT(vb_tally_pair(t, k, &a1, &b1, &c1), VB_OK);
    size_t hi = round == 0 ? 8 : n;
    for (size_t i = 0; i < hi; i++)
      for (size_t j = i + 1; j < hi; j++)
        if (j >= 6 || round == 1) {
          add_pair(t, top, i, j, 1);
          want[i][j] += 1;
        }
    count = vb_tally_pair_count(t);
    CHECK(half < count);
    for (size_t k = 0; k < count; k++)
      order[k] = (half + k) % count; /* from where the reads stopped */
    CHECK(pairs_read(t, top, n, want, order));
  }
  CHECK(vb_tally_pair_count(t) > 32); /* grew past 64 slots */
  /* a merge of pairs the table has: no new key, but it makes room for
   * the other tally's keys first, and that grows the table */
  vb_tally *more;
  CHECK_INT(vb_tally_new(lex, &more), VB_OK);
  for (size_t i = 0; i < 10; i++)
    for (size_t j = i + 1; j < 10; j++) {
      add_pair(more, top, i, j, 1);
      want[i][j] += 1;
    }
  for (size_t k = 0; k < 3; k++)
    CHECK_INT(vb_tally_pair(t, k, &a1, &b1, &c1), VB_OK);
  size_t before = vb_tally_pair_count(t);
  CHECK_INT(vb_tally_merge(t, more), VB_OK);
  count = vb_tally_pair_count(t);
  CHECK_INT(count, before);
  for (size_t k = 0; k < count; k++)
    order[k] = (3 + k) % count;
  CHECK(pairs_read(t, top, n, want, order));
  vb_tally_free(more);
  vb_tally_free(t);
  vb_lexicon_free(lex);
}

int main(void) {
  test_scores();
  test_scales();
  test_tally();
  test_counts_only();
  test_terms_once();
  test_pair_index();
  return check_exit();
}
