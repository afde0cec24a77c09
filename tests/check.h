/*
 * check.h - the assertion macros of the unit tests.
 *
 * Each failed check prints file:line, the expression and both values, and
 * marks the test failed without stopping it, so one run shows every broken
 * behaviour.  A test program returns check_exit(), which prints the
 * closing "N passed, N failed" line that CTest's log shows.
 */
#ifndef VB_TEST_CHECK_H
#define VB_TEST_CHECK_H

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures_;
static int check_passes_;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      check_passes_++;                                                         \
    } else {                                                                   \
      check_failures_++;                                                       \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_INT(a, b)                                                        \
  do {                                                                         \
    long long a_ = (long long)(a), b_ = (long long)(b);                        \
    if (a_ == b_) {                                                            \
      check_passes_++;                                                         \
    } else {                                                                   \
      check_failures_++;                                                       \
      fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__,      \
              __LINE__, #a, #b, a_, b_);                                       \
    }                                                                          \
  } while (0)

#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *a_ = (a), *b_ = (b);                                           \
    if (a_ && b_ && strcmp(a_, b_) == 0) {                                     \
      check_passes_++;                                                         \
    } else {                                                                   \
      check_failures_++;                                                       \
      fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__,  \
              __LINE__, #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)");       \
    }                                                                          \
  } while (0)

/* Compares a (pointer, length) string with a C string. */
#define CHECK_MEM(p, n, s)                                                     \
  do {                                                                         \
    const char *p_ = (p), *s_ = (s);                                           \
    size_t n_ = (n);                                                           \
    if (p_ && strlen(s_) == n_ && memcmp(p_, s_, n_) == 0) {                   \
      check_passes_++;                                                         \
    } else {                                                                   \
      check_failures_++;                                                       \
      fprintf(stderr, "%s:%d: %s == \"%s\" failed: got \"%.*s\"\n", __FILE__,  \
              __LINE__, #p, s_, p_ ? (int)n_ : 6, p_ ? p_ : "(null)");         \
    }                                                                          \
  } while (0)

/* |a - b| < tol, for computed figures. */
#define CHECK_NEAR(a, b, tol)                                                  \
  do {                                                                         \
    double a_ = (a), b_ = (b);                                                 \
    if (fabs(a_ - b_) < (tol)) {                                               \
      check_passes_++;                                                         \
    } else {                                                                   \
      check_failures_++;                                                       \
      fprintf(stderr, "%s:%d: %s ~ %s failed: %.6f != %.6f\n", __FILE__,       \
              __LINE__, #a, #b, a_, b_);                                       \
    }                                                                          \
  } while (0)

static inline int check_exit(void) {
  printf("%d passed, %d failed\n", check_passes_, check_failures_);
  return check_failures_ ? 1 : 0;
}

#endif /* VB_TEST_CHECK_H */
