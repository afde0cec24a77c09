/*
 * util.c - small helpers that more than one stage needs.
 *
 * The reject-reason table: rejected rows counted by kind of reason (the
 * reason without the row's own values, "score not on the scale").  A job
 * counts the kinds its runs meet, a report keeps the kinds of the rows
 * that were reported, and a partial report carries them to `merge`, so
 * the summary of a split run names the same reasons as one run would.
 * The table is small on purpose: 32 kinds are kept apart, and every
 * reject beyond them (or when memory runs out) is counted under "other
 * reasons" — a count is never lost, only its kind.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char OTHER_REASONS[] = "other reasons";

void vb__reasons_free(vb__reasons *t) {
  for (size_t i = 0; i < t->count; i++)
    free(t->kinds[i].key);
  free(t->kinds);
  memset(t, 0, sizeof *t);
}

void vb__reasons_add(vb__reasons *t, const char *key, uint64_t n) {
  for (size_t i = 0; i < t->count; i++)
    if (strcmp(t->kinds[i].key, key) == 0) {
      t->kinds[i].n += n;
      return;
    }
  char *copy = t->count < VB__MAX_REASONS ? strdup(key) : NULL;
  if (!copy) {
    t->other += n;
    return;
  }
  if (!t->kinds && !(t->kinds = calloc(VB__MAX_REASONS, sizeof *t->kinds))) {
    free(copy);
    t->other += n;
    return;
  }
  t->kinds[t->count++] = (vb__reason_count){copy, n};
}

void vb__reasons_merge(vb__reasons *dst, const vb__reasons *src) {
  for (size_t i = 0; i < src->count; i++)
    vb__reasons_add(dst, src->kinds[i].key, src->kinds[i].n);
  dst->other += src->other;
}

static int by_count_then_key(const void *a, const void *b) {
  const vb__reason_count *x = a, *y = b;
  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return strcmp(x->key, y->key);
}

size_t vb__reasons_list(vb__reasons *t, size_t max, const char **reasons,
                        uint64_t *counts) {
  if (t->count)
    qsort(t->kinds, t->count, sizeof *t->kinds, by_count_then_key);
  size_t total = t->count + (t->other > 0);
  for (size_t i = 0; i < max && i < total; i++) {
    bool other = i == t->count;
    if (reasons)
      reasons[i] = other ? OTHER_REASONS : t->kinds[i].key;
    if (counts)
      counts[i] = other ? t->other : t->kinds[i].n;
  }
  return total;
}
