/*
 * util.c - small helpers every stage needs: copying bytes, growing a
 * buffer geometrically, reading the monotonic clock (stage timings).
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

int vb__grow(void **buf, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap)
    return VB_OK;
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
