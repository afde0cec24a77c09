/*
 * tally.c - counts by theme and score group that merge exactly.
 *
 * Every figure of a report is derived from integer counters: responses
 * and responses-with-text per group, rolled-up mentions per theme and
 * group, untagged comments per group, comments per term that produced a
 * counted mention, comments per pair of co-mentioned themes, and run
 * counters (read, rejected, ...).  Merging adds counters, so it is exact,
 * associative and commutative: tallies from threads, files or machines
 * combine into the same numbers as one pass over everything.
 *
 * Pairs and term hits live in open-addressing tables of keyed counters,
 * kept at most half full: pairs keyed by (a, b), a < b (a pair of a theme
 * and its own ancestor is not counted: every child mention is also its
 * parent's, by roll-up), terms by term.  A report keeps a tally per
 * slice, and a slice hits few of the lexicon's terms (16k in the default
 * set): an array per tally made memory grow with slices x terms.
 *
 * A term counts once per comment.  A comment's few terms are checked
 * against each other; only a tally that meets a comment with more than
 * FEW_TERMS of them allocates a per-term stamp array for that.
 *
 * A tally of counts only (vb_tally_new_counts) keeps the run counters and
 * the responses per group and skips the rest, for a job whose themes go
 * elsewhere: `tag` reads nothing else, and mentions, pairs and terms were
 * 2.3% of its instructions (bench/RESULTS.md, session 38).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct count_slot {
  uint64_t key; /* the counter's key + 1; 0 = empty */
  uint64_t n;
} count_slot;

/* Counters by key, in slots kept at most half full. */
typedef struct count_table {
  count_slot *slots;
  size_t mask, count; /* slots - 1; used slots */
  size_t growths;     /* times the slots were rehashed (table_grow) */
} count_table;

struct vb_tally {
  const vb_lexicon *lex;
  size_t theme_count, term_count;
  uint64_t counts[VB_COUNT_KINDS];
  uint64_t responses[VB_GROUP_COUNT];
  uint64_t with_text[VB_GROUP_COUNT];
  uint64_t untagged[VB_GROUP_COUNT];
  uint64_t *mentions;  /* [theme * VB_GROUP_COUNT + group] */
  uint64_t *term_seen; /* [term] -> last comment stamp, or NULL until a
                          comment has more than FEW_TERMS terms */
  uint64_t stamp;
  count_table pairs; /* key a << 32 | b: comments mentioning both */
  count_table terms; /* key term: comments with a counted match of it */
  bool counts_only;  /* vb_tally_new_counts: no mentions, pairs or terms */
  /* vb_tally_pair's place, so that reading the pairs by index in order
   * walks the table once, not once per pair: pair `index` is the next
   * one at or after slot `slot`.  Valid while the table has the same
   * count of keys and growths (keys are only ever added, and a growth
   * moves them all). */
  struct {
    size_t count, growths, index, slot;
  } pair_at;
};

int vb_tally_new(const vb_lexicon *lex, vb_tally **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  if (!lex)
    return VB_EINVAL;
  vb_tally *t = calloc(1, sizeof *t);
  if (!t)
    return VB_ENOMEM;
  t->lex = lex;
  t->theme_count = vb_lexicon_theme_count(lex);
  t->term_count = vb_lexicon_term_count(lex);
  t->mentions = calloc(t->theme_count * VB_GROUP_COUNT + 1, sizeof(uint64_t));
  if (!t->mentions) {
    vb_tally_free(t);
    return VB_ENOMEM;
  }
  *out = t;
  return VB_OK;
}

int vb_tally_new_counts(const vb_lexicon *lex, vb_tally **out) {
  int rc = vb_tally_new(lex, out);
  if (!rc)
    (*out)->counts_only = true;
  return rc;
}

void vb_tally_free(vb_tally *t) {
  if (!t)
    return;
  free(t->mentions);
  free(t->term_seen);
  free(t->pairs.slots);
  free(t->terms.slots);
  free(t);
}

/* Where a stored key (the counter's key + 1) starts its probe, before
 * the mask: a multiplicative hash, cheaper than vb__hash for one word.
 * (Slot order never reaches output: pairs and terms are sorted there.) */
static inline size_t slot_hash(uint64_t stored) {
  return (size_t)((stored * 0x9e3779b97f4a7c15ull) >> 29);
}

/* Doubles c's slots (64 at first), rehashing the keys in slot order. */
static int table_grow(count_table *c) {
  size_t slots = c->slots ? c->mask + 1 : 0;
  size_t grown_slots = slots ? slots * 2 : 64;
  count_slot *grown = calloc(grown_slots, sizeof *grown);
  if (!grown)
    return VB_ENOMEM;
  for (size_t i = 0; i < slots; i++) {
    if (!c->slots[i].key)
      continue;
    size_t j = slot_hash(c->slots[i].key) & (grown_slots - 1);
    while (grown[j].key)
      j = (j + 1) & (grown_slots - 1);
    grown[j] = c->slots[i];
  }
  free(c->slots);
  c->slots = grown;
  c->mask = grown_slots - 1;
  c->growths++;
  return VB_OK;
}

/* True when `more` new keys would fill c past half. */
static inline bool table_full(const count_table *c, size_t more) {
  return (c->count + more) * 2 > (c->slots ? c->mask + 1 : 0);
}

/* Makes room for `more` new keys in c, keeping it at most half full. */
static int table_reserve(count_table *c, size_t more) {
  while (table_full(c, more))
    if (table_grow(c))
      return VB_ENOMEM;
  return VB_OK;
}

/* The slot of key in c: its own, or the empty one it would take. */
static count_slot *table_slot(const count_table *c, uint64_t key) {
  uint64_t k = key + 1;
  size_t j = slot_hash(k) & c->mask;
  while (c->slots[j].key && c->slots[j].key != k)
    j = (j + 1) & c->mask;
  return &c->slots[j];
}

/* Adds n to the counter of key. */
static int table_add(count_table *c, uint64_t key, uint64_t n) {
  if (table_full(c, 1) && table_grow(c)) /* one doubling makes room */
    return VB_ENOMEM;
  count_slot *e = table_slot(c, key);
  if (!e->key) {
    e->key = key + 1;
    c->count++;
  }
  e->n += n;
  return VB_OK;
}

static uint64_t table_get(const count_table *c, uint64_t key) {
  return c->slots ? table_slot(c, key)->n : 0;
}

/* The counters in slot order: call with *slot 0, then again while it
 * returns true. */
static bool table_next(const count_table *c, size_t *slot, uint64_t *key,
                       uint64_t *n) {
  for (; c->slots && *slot <= c->mask; (*slot)++) {
    const count_slot *e = &c->slots[*slot];
    if (!e->key)
      continue;
    *key = e->key - 1;
    *n = e->n;
    (*slot)++;
    return true;
  }
  return false;
}

/* Adds src's counters to dst's; dst is unchanged when it fails. */
static int table_merge(count_table *dst, const count_table *src) {
  if (table_reserve(dst, src->count + 1))
    return VB_ENOMEM;
  size_t slot = 0;
  uint64_t key, n;
  while (table_next(src, &slot, &key, &n))
    table_add(dst, key, n); /* cannot fail: room is reserved */
  return VB_OK;
}

static uint64_t pair_key(size_t a, size_t b) { return (uint64_t)a << 32 | b; }

/* The counts of one response but its terms: responses, text, mentions,
 * untagged and pairs.  *themed says whether it mentions any theme. */
static int add_response(vb_tally *t, vb_group group, int has_text,
                        const size_t *themes, size_t n, bool *themed) {
  *themed = false;
  if ((unsigned)group >= VB_GROUP_COUNT)
    return VB_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (themes[i] >= t->theme_count || (i && themes[i] <= themes[i - 1]))
      return VB_EINVAL;
  t->counts[VB_COUNT_TAGGED]++;
  if (group == VB_GROUP_UNSCORED)
    t->counts[VB_COUNT_UNSCORED]++;
  t->responses[group]++;
  if (!has_text)
    return VB_OK;
  t->counts[VB_COUNT_WITH_TEXT]++;
  t->with_text[group]++;
  if (n == 0) {
    t->counts[VB_COUNT_UNTAGGED]++;
    t->untagged[group]++;
    return VB_OK;
  }
  if (t->counts_only)
    return VB_OK;
  *themed = true;
  for (size_t i = 0; i < n; i++)
    t->mentions[themes[i] * VB_GROUP_COUNT + group]++;
  int rc = VB_OK;
  for (size_t i = 0; i < n; i++) /* themes are sorted: a < b */
    for (size_t j = i + 1; j < n && !rc; j++)
      if (!vb__theme_covers(t->lex, themes[i], themes[j]))
        rc = table_add(&t->pairs, pair_key(themes[i], themes[j]), 1);
  return rc;
}

enum { FEW_TERMS = 32 };

/* The terms one comment has counted so far. */
typedef struct comment_terms {
  size_t few[FEW_TERMS], n;
  bool stamped; /* past FEW_TERMS: t->term_seen holds them */
} comment_terms;

/* Counts term for the comment unless it has counted it already. */
static int add_term(vb_tally *t, comment_terms *c, size_t term) {
  if (term >= t->term_count)
    return VB_OK;
  if (!c->stamped) {
    for (size_t i = 0; i < c->n; i++)
      if (c->few[i] == term)
        return VB_OK;
    if (c->n < FEW_TERMS) {
      c->few[c->n++] = term;
      return table_add(&t->terms, term, 1);
    }
    if (!t->term_seen &&
        !(t->term_seen = calloc(t->term_count + 1, sizeof *t->term_seen)))
      return VB_ENOMEM;
    t->stamp++;
    for (size_t i = 0; i < c->n; i++)
      t->term_seen[c->few[i]] = t->stamp;
    c->stamped = true;
  }
  if (t->term_seen[term] == t->stamp)
    return VB_OK;
  t->term_seen[term] = t->stamp;
  return table_add(&t->terms, term, 1);
}

int vb_tally_add(vb_tally *t, vb_group group, int has_text,
                 const vb_matcher *m) {
  const size_t *themes = NULL;
  size_t n = m ? vb_matcher_themes(m, &themes) : 0;
  bool themed;
  int rc = add_response(t, group, has_text, themes, n, &themed);
  comment_terms c; /* not zeroed whole: few[] is written before read */
  c.n = 0;
  c.stamped = false;
  for (size_t i = 0; themed && !rc && i < vb_matcher_match_count(m); i++) {
    const vb_match *x = vb_matcher_match(m, i);
    if (!x->excluded && !x->dropped)
      rc = add_term(t, &c, x->term);
  }
  return rc;
}

int vb_tally_add_result(vb_tally *t, const vb_result *res) {
  if (!t || !res || (res->theme_count && !res->themes) ||
      (res->term_count && !res->terms))
    return VB_EINVAL;
  bool themed;
  int rc = add_response(t, res->group, res->has_text, res->themes,
                        res->theme_count, &themed);
  comment_terms c; /* not zeroed whole: few[] is written before read */
  c.n = 0;
  c.stamped = false;
  for (size_t i = 0; themed && !rc && i < res->term_count; i++)
    rc = add_term(t, &c, res->terms[i]);
  return rc;
}

void vb_tally_count_add(vb_tally *t, vb_count kind, uint64_t n) {
  if ((unsigned)kind < VB_COUNT_KINDS)
    t->counts[kind] += n;
}

uint64_t vb_tally_count(const vb_tally *t, vb_count kind) {
  return (unsigned)kind < VB_COUNT_KINDS ? t->counts[kind] : 0;
}

uint64_t vb_tally_responses(const vb_tally *t, vb_group group) {
  return (unsigned)group < VB_GROUP_COUNT ? t->responses[group] : 0;
}

uint64_t vb_tally_with_text(const vb_tally *t, vb_group group) {
  return (unsigned)group < VB_GROUP_COUNT ? t->with_text[group] : 0;
}

uint64_t vb_tally_untagged(const vb_tally *t, vb_group group) {
  return (unsigned)group < VB_GROUP_COUNT ? t->untagged[group] : 0;
}

uint64_t vb_tally_mentions(const vb_tally *t, size_t theme, vb_group group) {
  if (theme >= t->theme_count || (unsigned)group >= VB_GROUP_COUNT)
    return 0;
  return t->mentions[theme * VB_GROUP_COUNT + group];
}

uint64_t vb_tally_term_hits(const vb_tally *t, size_t term) {
  return term < t->term_count ? table_get(&t->terms, term) : 0;
}

size_t vb_tally_pair_count(const vb_tally *t) { return t->pairs.count; }

int vb_tally_pair(const vb_tally *t, size_t index, size_t *a, size_t *b,
                  uint64_t *comments) {
  if (index >= t->pairs.count)
    return VB_ERANGE;
  /* the place is a cache of the table's state, not part of the counts:
   * a tally is used by one thread at a time (verbatim.h) */
  vb_tally *place = (vb_tally *)t;
  if (t->pair_at.count != t->pairs.count ||
      t->pair_at.growths != t->pairs.growths || index < t->pair_at.index)
    place->pair_at.index = place->pair_at.slot = 0;
  place->pair_at.count = t->pairs.count;
  place->pair_at.growths = t->pairs.growths;
  for (size_t k = t->pair_at.index;
       vb__tally_pair_next(t, &place->pair_at.slot, a, b, comments); k++) {
    place->pair_at.index = k + 1;
    if (k == index)
      return VB_OK;
  }
  place->pair_at.index = place->pair_at.slot = 0;
  return VB_ERANGE;
}

int vb_tally_merge(vb_tally *dst, const vb_tally *src) {
  if (!dst || !src || dst->lex != src->lex ||
      dst->counts_only != src->counts_only)
    return VB_EINVAL;
  /* the tables first: the only steps that can fail.  Room for the terms
   * is made before the pairs are added, so dst stays whole. */
  if (table_reserve(&dst->terms, src->terms.count + 1) ||
      table_merge(&dst->pairs, &src->pairs))
    return VB_ENOMEM;
  table_merge(&dst->terms, &src->terms); /* cannot fail: room is reserved */
  for (size_t k = 0; k < VB_COUNT_KINDS; k++)
    dst->counts[k] += src->counts[k];
  for (size_t g = 0; g < VB_GROUP_COUNT; g++) {
    dst->responses[g] += src->responses[g];
    dst->with_text[g] += src->with_text[g];
    dst->untagged[g] += src->untagged[g];
  }
  for (size_t i = 0; i < dst->theme_count * VB_GROUP_COUNT; i++)
    dst->mentions[i] += src->mentions[i];
  return VB_OK;
}

const char *vb_group_name(vb_group group) {
  static const char *const names[] = {"detractor", "passive", "promoter",
                                      "unscored"};
  return (unsigned)group < VB_GROUP_COUNT ? names[group] : "unknown";
}

/* ---- the tally as a sink of a job -------------------------------------- */

static int tally_open(void *ctx, void **state) {
  const vb_tally *main = ctx;
  return main->counts_only ? vb_tally_new_counts(main->lex, (vb_tally **)state)
                           : vb_tally_new(main->lex, (vb_tally **)state);
}

static int tally_row(void *state, const vb_row *row, FILE *out, vb_error *err) {
  (void)out;
  vb_tally *t = state;
  t->counts[VB_COUNT_READ]++;
  if (row->rejected) {
    t->counts[VB_COUNT_REJECTED]++;
    return VB_OK;
  }
  t->counts[VB_COUNT_PATTERN_ERRORS] += row->pattern_error;
  t->counts[VB_COUNT_INVALID_UTF8] += row->invalid_utf8;
  if (vb_tally_add(t, row->group, row->has_text, row->m))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

static int tally_merge(void *ctx, void *state, vb_error *err) {
  if (vb_tally_merge(ctx, state))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

static void tally_close(void *ctx, void *state) {
  (void)ctx;
  vb_tally_free(state);
}

vb_sink vb__tally_sink(vb_tally *t) {
  return (vb_sink){.ctx = t,
                   .open = tally_open,
                   .row = tally_row,
                   .merge = tally_merge,
                   .close = tally_close};
}

/* ---- exact state, for partial reports (partial.c) ---------------------- */

uint64_t *vb__tally_array_of(vb_tally *t, vb__tally_array which, size_t *n) {
  switch (which) {
  case VB__TALLY_COUNTS:
    *n = VB_COUNT_KINDS;
    return t->counts;
  case VB__TALLY_RESPONSES:
    *n = VB_GROUP_COUNT;
    return t->responses;
  case VB__TALLY_WITH_TEXT:
    *n = VB_GROUP_COUNT;
    return t->with_text;
  case VB__TALLY_UNTAGGED:
    *n = VB_GROUP_COUNT;
    return t->untagged;
  case VB__TALLY_MENTIONS:
    *n = t->theme_count * VB_GROUP_COUNT;
    return t->mentions;
  default:
    *n = 0;
    return NULL;
  }
}

bool vb__tally_pair_next(const vb_tally *t, size_t *slot, size_t *a, size_t *b,
                         uint64_t *comments) {
  uint64_t key;
  if (!table_next(&t->pairs, slot, &key, comments))
    return false;
  *a = (size_t)(key >> 32);
  *b = (size_t)(key & 0xFFFFFFFFu);
  return true;
}

int vb__tally_pair_add(vb_tally *t, size_t a, size_t b, uint64_t n) {
  if (a >= b || b > 0xFFFFFFFFu)
    return VB_EINVAL;
  return table_add(&t->pairs, pair_key(a, b), n);
}

bool vb__tally_term_next(const vb_tally *t, size_t *slot, size_t *term,
                         uint64_t *hits) {
  uint64_t key;
  if (!table_next(&t->terms, slot, &key, hits))
    return false;
  *term = (size_t)key;
  return true;
}

int vb__tally_term_add(vb_tally *t, size_t term, uint64_t n) {
  if (term >= t->term_count)
    return VB_EINVAL;
  return n ? table_add(&t->terms, term, n) : VB_OK;
}
