/*
 * test_examples.c - example comments kept by min-hash (engine/examples.c).
 *
 * The property everything rests on: offering candidates to one set, or
 * to several sets merged in any order, keeps the same examples.  Also
 * the tiers (readable first), the window of a long comment (the match
 * inside, no character cut), one example per repeated comment (its
 * smallest id), and a fixed hash value: partials made by another build
 * must choose alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

enum { THEMES = 3, CANDIDATES = 3000 };

typedef struct cand {
  char text[400];
  char id[16];
  size_t len;
  int score, group, theme;
  size_t ss, se;
} cand;

static unsigned long long rng_state = 88172645463325252ull;
static unsigned rnd(unsigned n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (unsigned)(rng_state % n);
}

/* A comment of random length (some short, some in the band, some long),
 * with a few repeated ones under other ids. */
static void make_cand(cand *c, int i, const cand *all) {
  if (i > 10 && rnd(10) == 0) { /* a repeat of an earlier comment */
    *c = all[rnd((unsigned)i)];
  } else {
    size_t len = 5 + rnd(rnd(4) ? 200 : 380);
    for (size_t k = 0; k < len; k++)
      c->text[k] = (char)('a' + rnd(26));
    c->len = len;
    c->score = (int)rnd(12) - 1;
    c->group = c->score < 0 ? 3 : c->score <= 6 ? 0 : c->score <= 8 ? 1 : 2;
    c->theme = (int)rnd(THEMES);
    c->ss = rnd((unsigned)len);
    c->se = c->ss + 1 + rnd((unsigned)(len - c->ss));
  }
  snprintf(c->id, sizeof c->id, "r%d", i);
}

static void offer(vb__examples *e, const cand *c) {
  vb__report_example x;
  vb__example_make(&x, c->text, c->len, c->id, strlen(c->id), c->score, c->ss,
                   c->se, vb__example_hash(c->text, c->len, c->score));
  CHECK_INT(vb__examples_offer(e, (size_t)c->theme, c->group, &x), VB_OK);
}

static bool same_sets(const vb__examples *a, const vb__examples *b) {
  for (size_t t = 0; t < THEMES; t++)
    for (int g = 0; g < VB_GROUP_COUNT; g++) {
      const vb__report_example *x, *y;
      size_t n = vb__examples_get(a, t, g, &x);
      if (n != vb__examples_get(b, t, g, &y))
        return false;
      for (size_t i = 0; i < n; i++)
        if (vb__example_cmp(&x[i], &y[i]) != 0 ||
            x[i].span_start != y[i].span_start)
          return false;
    }
  return true;
}

/* One set, or k parts merged in a random order: the same examples. */
static void merge_is_exact(void) {
  static cand all[CANDIDATES];
  for (int i = 0; i < CANDIDATES; i++)
    make_cand(&all[i], i, all);
  for (size_t kept = 1; kept <= 5; kept += 2) {
    vb__examples whole;
    vb__examples_init(&whole, kept, THEMES);
    for (int i = 0; i < CANDIDATES; i++)
      offer(&whole, &all[i]);
    for (int k = 1; k <= 8; k++) {
      vb__examples parts[8], sum;
      for (int p = 0; p < k; p++)
        vb__examples_init(&parts[p], kept, THEMES);
      for (int i = 0; i < CANDIDATES; i++)
        offer(&parts[rnd((unsigned)k)], &all[i]);
      vb__examples_init(&sum, kept, THEMES);
      int order[8];
      for (int p = 0; p < k; p++)
        order[p] = p;
      for (int p = k - 1; p > 0; p--) {
        int q = (int)rnd((unsigned)p + 1), tmp = order[p];
        order[p] = order[q];
        order[q] = tmp;
      }
      for (int p = 0; p < k; p++)
        CHECK_INT(vb__examples_merge(&sum, &parts[order[p]]), VB_OK);
      CHECK(same_sets(&whole, &sum));
      for (int p = 0; p < k; p++)
        vb__examples_free(&parts[p]);
      vb__examples_free(&sum);
    }
    /* kept in order, one per comment, and full lists */
    for (size_t t = 0; t < THEMES; t++)
      for (int g = 0; g < VB_GROUP_COUNT; g++) {
        const vb__report_example *x;
        size_t n = vb__examples_get(&whole, t, g, &x);
        CHECK(n == kept);
        for (size_t i = 1; i < n; i++)
          CHECK(vb__example_cmp(&x[i - 1], &x[i]) < 0 &&
                (x[i - 1].hash != x[i].hash ||
                 x[i - 1].text_len != x[i].text_len ||
                 memcmp(x[i - 1].text, x[i].text, x[i].text_len) != 0));
      }
    vb__examples_free(&whole);
  }
}

/* A repeated comment is one example, with its smallest id (bytewise). */
static void repeats_keep_smallest_id(void) {
  const char *text = "The parcel came late and the box was crushed, again.";
  vb__examples e;
  vb__examples_init(&e, 3, 1);
  const char *ids[] = {"r9", "r10", "r2"};
  for (int i = 0; i < 3; i++) {
    vb__report_example x;
    vb__example_make(&x, text, strlen(text), ids[i], strlen(ids[i]), 2, 16, 20,
                     vb__example_hash(text, strlen(text), 2));
    CHECK_INT(vb__examples_offer(&e, 0, 0, &x), VB_OK);
  }
  const vb__report_example *x;
  CHECK_INT(vb__examples_get(&e, 0, 0, &x), 1);
  CHECK_STR(x[0].id, "r10");
  CHECK_STR(x[0].text, text);
  vb__examples_free(&e);
  CHECK_INT(vb__examples_get(&e, 0, 0, &x), 0);
}

static void tiers_and_windows(void) {
  CHECK_INT(vb__example_tier(60, 10, 20), 0);  /* in the band */
  CHECK_INT(vb__example_tier(60, 0, 40), 1);   /* the match is most of it */
  CHECK_INT(vb__example_tier(39, 10, 12), 1);  /* too short */
  CHECK_INT(vb__example_tier(280, 10, 20), 0); /* the band's edge */
  CHECK_INT(vb__example_tier(281, 10, 20), 2); /* long: a window */
  /* a long comment of 2-byte characters: a window around the match,
   * no character cut */
  char text[2001];
  for (int i = 0; i < 1000; i++)
    memcpy(text + 2 * i, "\xc3\xa9", 2);
  memcpy(text + 1200, "late", 4);
  vb__report_example x;
  vb__example_make(&x, text, 2000, "r1", 2, 0, 1200, 1204, 1);
  CHECK_INT(x.tier, 2);
  CHECK(x.text_len <= 280 && x.text_len >= 270);
  CHECK(x.offset > 1000 && x.offset + x.text_len < 2000);
  CHECK_MEM(x.text + x.span_start, x.span_end - x.span_start, "late");
  CHECK((x.offset % 2) == 0 && ((x.offset + x.text_len) % 2) == 0);
  CHECK_INT(x.comment_len, 2000);
  /* readable comments come before others, whatever their hash */
  vb__examples e;
  vb__examples_init(&e, 1, 1);
  const char *shorter = "late!";
  const char *band = "It came late, three days after the date they promised.";
  vb__example_make(&x, shorter, 5, "a", 1, 0, 0, 4, 0);
  CHECK_INT(vb__examples_offer(&e, 0, 0, &x), VB_OK);
  vb__example_make(&x, band, strlen(band), "b", 1, 0, 8, 12, ~0ull);
  CHECK_INT(vb__examples_offer(&e, 0, 0, &x), VB_OK);
  const vb__report_example *kept;
  CHECK_INT(vb__examples_get(&e, 0, 0, &kept), 1);
  CHECK_STR(kept[0].id, "b");
  vb__examples_free(&e);
}

/* The hash is part of the partial format: a value fixed here. */
static void hash_is_fixed(void) {
  CHECK(vb__example_hash("late delivery", 13, 0) == 0x329009e1397ff822ull);
  CHECK(vb__example_hash("late delivery", 13, 0) !=
        vb__example_hash("late delivery", 13, 1));
  CHECK(vb__example_hash("late delivery", 13, -1) !=
        vb__example_hash("late delivery", 12, -1));
}

int main(void) {
  merge_is_exact();
  repeats_keep_smallest_id();
  tiers_and_windows();
  hash_is_fixed();
  return check_exit();
}
