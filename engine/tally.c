/*
 * tally.c - counts by theme and score group that merge exactly.
 *
 * Every figure of a report is derived from integer counters: responses
 * and responses-with-text per group, rolled-up mentions per theme and
 * group, untagged comments per group, and run counters (read, rejected,
 * ...).  Merging adds counters, so it is exact, associative and
 * commutative: tallies from threads, files or machines combine into the
 * same numbers as one pass over everything.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct vb_tally {
  const vb_lexicon *lex;
  size_t theme_count;
  uint64_t counts[VB_COUNT_KINDS];
  uint64_t responses[VB_GROUP_COUNT];
  uint64_t with_text[VB_GROUP_COUNT];
  uint64_t untagged[VB_GROUP_COUNT];
  uint64_t *mentions; /* [theme * VB_GROUP_COUNT + group] */
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
  t->mentions = calloc(t->theme_count * VB_GROUP_COUNT + 1, sizeof(uint64_t));
  if (!t->mentions) {
    free(t);
    return VB_ENOMEM;
  }
  *out = t;
  return VB_OK;
}

void vb_tally_free(vb_tally *t) {
  if (!t)
    return;
  free(t->mentions);
  free(t);
}

void vb_tally_add(vb_tally *t, vb_group group, int has_text,
                  const vb_matcher *m) {
  if ((unsigned)group >= VB_GROUP_COUNT)
    return;
  t->counts[VB_COUNT_TAGGED]++;
  if (group == VB_GROUP_UNSCORED)
    t->counts[VB_COUNT_UNSCORED]++;
  t->responses[group]++;
  if (!has_text)
    return;
  t->counts[VB_COUNT_WITH_TEXT]++;
  t->with_text[group]++;
  const size_t *themes = NULL;
  size_t n = m ? vb_matcher_themes(m, &themes) : 0;
  if (n == 0) {
    t->counts[VB_COUNT_UNTAGGED]++;
    t->untagged[group]++;
  }
  for (size_t i = 0; i < n; i++)
    t->mentions[themes[i] * VB_GROUP_COUNT + group]++;
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

uint64_t vb_tally_mentions(const vb_tally *t, size_t theme, vb_group group) {
  if (theme >= t->theme_count || (unsigned)group >= VB_GROUP_COUNT)
    return 0;
  return t->mentions[theme * VB_GROUP_COUNT + group];
}

int vb_tally_merge(vb_tally *dst, const vb_tally *src) {
  if (!dst || !src || dst->lex != src->lex)
    return VB_EINVAL;
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
