/*
 * util.c - small helpers that more than one stage needs: copying bytes,
 * growing a buffer geometrically, reading the monotonic clock (stage
 * timings), measuring an ASCII prefix (the fast paths of normalize.c and
 * segment.c), finding a short string in a short text, and the
 * reject-reason table.
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
#include <time.h>

#include "internal.h"

char *vb__memdup(const char *s, size_t len) {
  char *d = malloc(len + 1);
  if (d) {
    memcpy(d, s, len);
    d[len] = '\0';
  }
  return d;
}

size_t vb__ascii_prefix(const char *s, size_t len) {
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t v;
    memcpy(&v, s + i, 8);
    if (v & 0x8080808080808080ull)
      break;
  }
  while (i < len && (unsigned char)s[i] < 0x80)
    i++;
  return i;
}

bool vb__contains(const char *h, size_t hlen, const char *n, size_t nlen) {
  if (nlen == 0 || nlen > hlen)
    return nlen == 0;
  const char *p = h, *last = h + (hlen - nlen);
  while (p <= last && (p = memchr(p, n[0], (size_t)(last - p) + 1))) {
    if (memcmp(p + 1, n + 1, nlen - 1) == 0)
      return true;
    p++;
  }
  return false;
}

int vb__grow_slow(void **buf, size_t *cap, size_t need, size_t elem) {
  size_t n = *cap ? *cap : 16;
  while (n < need) {
    if (n > SIZE_MAX / 2 / elem)
      return VB_ENOMEM;
    n *= 2;
  }
  void *p = realloc(*buf, n * elem);
  if (!p)
    return VB_ENOMEM;
  *buf = p;
  *cap = n;
  return VB_OK;
}

int vb__grow_zero(void **buf, size_t *cap, size_t need, size_t elem) {
  size_t old = *cap;
  int rc = vb__grow(buf, cap, need, elem);
  if (!rc && *cap > old)
    memset((char *)*buf + old * elem, 0, (*cap - old) * elem);
  return rc;
}

uint64_t vb__now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

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
