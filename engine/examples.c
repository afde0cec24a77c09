/*
 * examples.c - example comments kept per theme and score group, by
 * min-hash: the same ones for any number of threads and after merging.
 *
 * A report shows a few comments behind each theme ("what customers
 * actually said").  Which ones must not depend on the order rows arrive
 * in — workers see the rows in any interleaving, and partial reports of
 * shards are merged in any order — so every candidate gets a key that
 * depends only on the comment itself, and a set keeps the `kept`
 * smallest keys it has seen.  The smallest keys of a union are the
 * smallest of the parts' smallest keys, so merging two sets (offering
 * one's items to the other) is exact: the property that makes -j and
 * `verbatim merge` give the same examples as one pass.
 *
 * The key, smallest first (docs/metrics.md, "Example comments"):
 *   1. the tier: 0 readable (40-280 bytes, the match at most half of the
 *      comment, so it is seen in context), 1 other comments of at most
 *      280 bytes, 2 longer ones (kept as a 280-byte window around the
 *      match): readable comments first, and always some example when
 *      the theme has mentions;
 *   2. a 64-bit hash of (comment text, score), portable (bytes are read
 *      little-endian whatever the machine), so the choice looks random
 *      but is fixed;
 *   3. the score, the kept text and its place in the comment (only hash
 *      collisions get this far);
 *   4. the row id, bytewise: the same comment with the same score is
 *      one example, shown with its smallest id.  Line numbers restart per
 *      shard, so neither they nor the row's position are ever part of it.
 *
 * Per row the work is a hash of the text and, per theme mentioned, one
 * comparison with the largest key kept; strings are copied only when a
 * candidate gets in, which over n rows happens about kept * ln(n) times
 * per set.  A report that keeps no examples never calls in here.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { BAND_MIN = 40, BAND_MAX = 280, WINDOW = 280 };

typedef struct vb__ex_bucket {
  vb__report_example *items; /* `kept` slots, `count` used, best first */
  size_t count;
} vb__ex_bucket;

void vb__examples_init(vb__examples *e, size_t kept, size_t themes) {
  memset(e, 0, sizeof *e);
  e->kept = kept;
  e->themes = themes;
}

static void free_item(vb__report_example *x) {
  free((char *)x->text); /* id lives in the same block */
  x->text = x->id = NULL;
}

void vb__examples_free(vb__examples *e) {
  if (!e->buckets) {
    vb__examples_init(e, e->kept, e->themes);
    return;
  }
  for (size_t b = 0; b < e->themes * VB_GROUP_COUNT; b++) {
    for (size_t i = 0; i < e->buckets[b].count; i++)
      free_item(&e->buckets[b].items[i]);
    free(e->buckets[b].items);
  }
  free(e->buckets);
  vb__examples_init(e, e->kept, e->themes);
}

/* ---- the key ------------------------------------------------------------ */

static uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

uint64_t vb__example_hash(const char *text, size_t len, int score) {
  const unsigned char *p = (const unsigned char *)text;
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)len;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* read little-endian on every machine */
#endif
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < len; i++)
    h = (h ^ p[i]) * 0x100000001b3ull;
  return mix(h ^ ((uint64_t)(int64_t)score + 1) * 0x9e3779b97f4a7c15ull);
}

unsigned vb__example_tier(size_t len, size_t span_start, size_t span_end) {
  if (len > BAND_MAX)
    return 2;
  if (len >= BAND_MIN && 2 * (span_end - span_start) <= len)
    return 0;
  return 1;
}

static int cmp_bytes(const char *a, size_t la, const char *b, size_t lb) {
  int c = memcmp(a, b, la < lb ? la : lb);
  return c ? c : (la < lb ? -1 : la > lb);
}

/* Orders by everything but the id; 0: the same comment and score. */
static int cmp_comment(const vb__report_example *a,
                       const vb__report_example *b) {
  if (a->tier != b->tier)
    return a->tier < b->tier ? -1 : 1;
  if (a->hash != b->hash)
    return a->hash < b->hash ? -1 : 1;
  if (a->score != b->score)
    return a->score < b->score ? -1 : 1;
  int c = cmp_bytes(a->text, a->text_len, b->text, b->text_len);
  if (c)
    return c;
  if (a->offset != b->offset)
    return a->offset < b->offset ? -1 : 1;
  return a->comment_len < b->comment_len ? -1 : a->comment_len > b->comment_len;
}

int vb__example_cmp(const vb__report_example *a, const vb__report_example *b) {
  int c = cmp_comment(a, b);
  return c ? c : cmp_bytes(a->id, a->id_len, b->id, b->id_len);
}

/* ---- candidates -----------------------------------------------------------
 */

static bool continuation(const char *text, size_t at) {
  return ((unsigned char)text[at] & 0xc0) == 0x80;
}

void vb__example_make(vb__report_example *x, const char *text, size_t len,
                      const char *id, size_t id_len, int score,
                      size_t span_start, size_t span_end, uint64_t hash) {
  memset(x, 0, sizeof *x);
  x->tier = vb__example_tier(len, span_start, span_end);
  x->hash = hash;
  x->score = score;
  x->id = id;
  x->id_len = id_len;
  x->comment_len = len;
  size_t from = 0, to = len;
  if (len > WINDOW) { /* a window with the match in its middle */
    size_t span = span_end - span_start;
    size_t lead = span >= WINDOW ? 0 : (WINDOW - span) / 2;
    from = span_start > lead ? span_start - lead : 0;
    if (from + WINDOW > len)
      from = len - WINDOW;
    to = from + WINDOW;
    while (from < to && continuation(text, from))
      from++; /* never cut a character */
    while (to > from && to < len && continuation(text, to))
      to--;
  }
  span_start = span_start < from ? from : span_start > to ? to : span_start;
  span_end = span_end < span_start ? span_start : span_end > to ? to : span_end;
  x->text = text + from;
  x->text_len = to - from;
  x->offset = from;
  x->span_start = span_start - from;
  x->span_end = span_end - from;
}

/* A copy of x's strings, text and id in one block. */
static int own(vb__report_example *dst, const vb__report_example *x) {
  char *block = malloc(x->text_len + x->id_len + 2);
  if (!block)
    return VB_ENOMEM;
  *dst = *x;
  memcpy(block, x->text, x->text_len);
  block[x->text_len] = '\0';
  memcpy(block + x->text_len + 1, x->id, x->id_len);
  block[x->text_len + 1 + x->id_len] = '\0';
  dst->text = block;
  dst->id = block + x->text_len + 1;
  return VB_OK;
}

static vb__ex_bucket *bucket(vb__examples *e, size_t theme, int group) {
  if (!e->buckets) {
    e->buckets = calloc(e->themes * VB_GROUP_COUNT + 1, sizeof *e->buckets);
    if (!e->buckets)
      return NULL;
  }
  return &e->buckets[theme * VB_GROUP_COUNT + (size_t)group];
}

bool vb__examples_wants(const vb__examples *e, size_t theme, int group,
                        unsigned tier, uint64_t hash) {
  if (!e->buckets)
    return true;
  const vb__ex_bucket *b = &e->buckets[theme * VB_GROUP_COUNT + (size_t)group];
  if (b->count < e->kept)
    return true;
  const vb__report_example *last = &b->items[b->count - 1];
  return tier < last->tier || (tier == last->tier && hash <= last->hash);
}

int vb__examples_offer(vb__examples *e, size_t theme, int group,
                       const vb__report_example *x) {
  if (!e->kept || theme >= e->themes || group < 0 || group >= VB_GROUP_COUNT)
    return VB_OK;
  vb__ex_bucket *b = bucket(e, theme, group);
  if (!b)
    return VB_ENOMEM;
  if (b->count == e->kept && vb__example_cmp(x, &b->items[b->count - 1]) >= 0)
    return VB_OK;
  size_t at = 0;
  while (at < b->count && vb__example_cmp(&b->items[at], x) < 0)
    at++;
  if (at > 0 && cmp_comment(&b->items[at - 1], x) == 0)
    return VB_OK; /* the same comment with a smaller id is in */
  vb__report_example copy;
  if (!b->items && !(b->items = calloc(e->kept, sizeof *b->items)))
    return VB_ENOMEM;
  if (own(&copy, x))
    return VB_ENOMEM;
  if (at < b->count && cmp_comment(&b->items[at], x) == 0) {
    free_item(&b->items[at]); /* the same comment: the smaller id wins */
    b->items[at] = copy;
    return VB_OK;
  }
  if (b->count == e->kept)
    free_item(&b->items[--b->count]);
  memmove(b->items + at + 1, b->items + at, (b->count - at) * sizeof *b->items);
  b->items[at] = copy;
  b->count++;
  return VB_OK;
}

int vb__examples_merge(vb__examples *dst, const vb__examples *src) {
  if (!src->buckets)
    return VB_OK;
  for (size_t t = 0; t < src->themes; t++)
    for (int g = 0; g < VB_GROUP_COUNT; g++) {
      const vb__ex_bucket *b = &src->buckets[t * VB_GROUP_COUNT + (size_t)g];
      for (size_t i = 0; i < b->count; i++) {
        int rc = vb__examples_offer(dst, t, g, &b->items[i]);
        if (rc)
          return rc;
      }
    }
  return VB_OK;
}

size_t vb__examples_get(const vb__examples *e, size_t theme, int group,
                        const vb__report_example **out) {
  *out = NULL;
  if (!e->buckets || theme >= e->themes || group < 0 || group >= VB_GROUP_COUNT)
    return 0;
  const vb__ex_bucket *b = &e->buckets[theme * VB_GROUP_COUNT + (size_t)group];
  *out = b->count ? b->items : NULL;
  return b->count;
}

/* ---- a row's candidates ----------------------------------------------------
 */

/* The first match that counts of `theme` or a child theme of it. */
static const vb_match *first_match(const vb_lexicon *lex, const vb_matcher *m,
                                   size_t theme) {
  for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
    const vb_match *x = vb_matcher_match(m, i);
    if (!x->excluded && !x->dropped && vb__theme_covers(lex, theme, x->theme))
      return x;
  }
  return NULL;
}

int vb__examples_add_row(vb__examples *const sets[], size_t nsets,
                         const vb_lexicon *lex, const vb_row *row) {
  if (row->rejected || !row->has_text || !row->m)
    return VB_OK;
  const size_t *themes;
  size_t n = vb_matcher_themes(row->m, &themes);
  if (!n)
    return VB_OK;
  uint64_t hash = vb__example_hash(row->text, row->text_len, row->score);
  for (size_t i = 0; i < n; i++) {
    const vb_match *x = first_match(lex, row->m, themes[i]);
    if (!x)
      continue;
    unsigned tier = vb__example_tier(row->text_len, x->start, x->end);
    vb__report_example c;
    bool made = false;
    for (size_t s = 0; s < nsets; s++) {
      if (!vb__examples_wants(sets[s], themes[i], (int)row->group, tier, hash))
        continue;
      if (!made) {
        vb__example_make(&c, row->text, row->text_len, row->id, row->id_len,
                         row->score, x->start, x->end, hash);
        c.term = x->term;
        c.term_text = vb_lexicon_term_text(lex, x->term);
        made = true;
      }
      int rc = vb__examples_offer(sets[s], themes[i], (int)row->group, &c);
      if (rc)
        return rc;
    }
  }
  return VB_OK;
}
