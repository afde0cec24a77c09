/*
 * eval.c - would Vectorscan (Hyperscan's portable fork, Debian's
 * libvectorscan-dev) make the pattern terms cheaper?  Issue 15 asks to
 * evaluate it against the prefilter Verbatim has (engine/prefilter.c and
 * the gate in engine/match.c), keeping PCRE2 as the semantics.
 *
 * Vectorscan would be a prefilter: all pattern terms compiled into one
 * database in prefilter mode (HS_FLAG_PREFILTER: it may report a pattern
 * that does not match, never miss one that does), one scan per comment,
 * then PCRE2 only on the patterns it reports.  This program measures
 * what that costs, outside the engine:
 *   - the database's compile time (paid at every start unless serialized)
 *     and its size, serialized size and deserialize time;
 *   - the scan of each comment, alone, median of 3 passes;
 *   - the scan plus PCRE2 on the reported patterns (the whole job);
 *   - how many reported patterns PCRE2 confirms, and the false negatives:
 *     comments PCRE2 matches that the scan did not report (should be 0).
 * Patterns are compiled with the flags Verbatim gives PCRE2 (UTF, UCP,
 * caseless); with --no-ucp Vectorscan gets ASCII \w and \b instead, which
 * is not the same language but shows what UCP costs.
 *
 * Usage: eval PATTERNS TEXTS [--no-ucp]
 *   PATTERNS: one pattern per line (without slashes);
 *   TEXTS: one comment per line, already case folded.
 * bench/vectorscan/run.sh prepares both and runs Verbatim beside it.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs/hs.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_PATTERNS = 64, PASSES = 3 };

typedef struct lines {
  char **text;
  size_t *len, count, cap;
} lines;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void *must(void *p) {
  if (!p) {
    fprintf(stderr, "eval: out of memory\n");
    exit(1);
  }
  return p;
}

static lines read_lines(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    perror(path);
    exit(1);
  }
  lines l = {0};
  char *buf = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline(&buf, &cap, f)) >= 0) {
    if (n > 0 && buf[n - 1] == '\n')
      buf[--n] = '\0';
    if (l.count == l.cap) {
      l.cap = l.cap ? 2 * l.cap : 1024;
      l.text = must(realloc(l.text, l.cap * sizeof *l.text));
      l.len = must(realloc(l.len, l.cap * sizeof *l.len));
    }
    l.text[l.count] = must(strdup(buf));
    l.len[l.count++] = (size_t)n;
  }
  free(buf);
  fclose(f);
  return l;
}

static int on_match(unsigned id, unsigned long long from, unsigned long long to,
                    unsigned flags, void *ctx) {
  (void)from, (void)to, (void)flags;
  *(uint64_t *)ctx |= 1ull << id;
  return 0;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: eval PATTERNS TEXTS [--no-ucp]\n");
    return 2;
  }
  bool ucp = !(argc > 3 && strcmp(argv[3], "--no-ucp") == 0);
  lines pats = read_lines(argv[1]), texts = read_lines(argv[2]);
  size_t np = pats.count;
  if (np == 0 || np > MAX_PATTERNS) {
    fprintf(stderr, "eval: %zu patterns (1 to %d)\n", np, MAX_PATTERNS);
    return 1;
  }
  unsigned flags[MAX_PATTERNS], ids[MAX_PATTERNS];
  pcre2_code *re[MAX_PATTERNS];
  for (size_t p = 0; p < np; p++) {
    flags[p] = HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_CASELESS |
               HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY |
               (ucp ? HS_FLAG_UCP : 0);
    ids[p] = (unsigned)p;
    int code;
    PCRE2_SIZE off;
    re[p] = pcre2_compile((PCRE2_SPTR)pats.text[p], pats.len[p],
                          PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &code, &off,
                          NULL);
    if (!re[p]) {
      fprintf(stderr, "eval: PCRE2 rejects pattern %zu\n", p);
      return 1;
    }
    pcre2_jit_compile(re[p], PCRE2_JIT_COMPLETE);
  }
  hs_database_t *db;
  hs_compile_error_t *cerr;
  double t0 = now();
  if (hs_compile_multi((const char *const *)pats.text, flags, ids, (unsigned)np,
                       HS_MODE_BLOCK, NULL, &db, &cerr) != HS_SUCCESS) {
    fprintf(stderr, "eval: Vectorscan rejects pattern %d: %s\n",
            cerr->expression, cerr->message);
    return 1;
  }
  double compile_s = now() - t0;
  size_t db_size, ser_size;
  char *ser;
  hs_database_size(db, &db_size);
  hs_serialize_database(db, &ser, &ser_size);
  hs_database_t *db2 = NULL;
  t0 = now();
  hs_deserialize_database(ser, ser_size, &db2);
  double deser_s = now() - t0;
  hs_scratch_t *scratch = NULL;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
    fprintf(stderr, "eval: no scratch\n");
    return 1;
  }
  pcre2_match_data *md = pcre2_match_data_create(1, NULL);
  size_t n = texts.count;
  uint64_t *reported = must(calloc(n, sizeof *reported));

  double scan[PASSES], job[PASSES];
  for (int pass = 0; pass < PASSES; pass++) {
    t0 = now();
    for (size_t i = 0; i < n; i++) {
      reported[i] = 0;
      hs_scan(db, texts.text[i], (unsigned)texts.len[i], 0, scratch, on_match,
              &reported[i]);
    }
    scan[pass] = now() - t0;
    t0 = now();
    for (size_t i = 0; i < n; i++) {
      uint64_t bits = 0;
      hs_scan(db, texts.text[i], (unsigned)texts.len[i], 0, scratch, on_match,
              &bits);
      for (; bits; bits &= bits - 1)
        pcre2_match(re[__builtin_ctzll(bits)], (PCRE2_SPTR)texts.text[i],
                    texts.len[i], 0, PCRE2_NO_UTF_CHECK, md, NULL);
    }
    job[pass] = now() - t0;
  }
  qsort(scan, PASSES, sizeof *scan, by_value);
  qsort(job, PASSES, sizeof *job, by_value);

  size_t rep[MAX_PATTERNS] = {0}, hit[MAX_PATTERNS] = {0},
         missed[MAX_PATTERNS] = {0};
  size_t rep_all = 0, hit_all = 0, missed_all = 0;
  t0 = now();
  for (size_t i = 0; i < n; i++)
    for (size_t p = 0; p < np; p++) {
      bool r = reported[i] >> p & 1;
      bool h = pcre2_match(re[p], (PCRE2_SPTR)texts.text[i], texts.len[i], 0,
                           PCRE2_NO_UTF_CHECK, md, NULL) > 0;
      rep[p] += r, hit[p] += h, missed[p] += h && !r;
    }
  double every_s = now() - t0;
  for (size_t p = 0; p < np; p++)
    rep_all += rep[p], hit_all += hit[p], missed_all += missed[p];

  printf("Vectorscan %s, %zu patterns, %zu comments, %s\n", hs_version(), np, n,
         ucp ? "UCP (as PCRE2)" : "no UCP (ASCII \\w, \\b)");
  printf("compile %.3f s; database %zu bytes, serialized %zu, deserialize "
         "%.4f s\n",
         compile_s, db_size, ser_size, deser_s);
  printf("scan alone:           %.0f ns a comment (median of %d passes)\n",
         scan[PASSES / 2] * 1e9 / (double)n, PASSES);
  printf("scan + PCRE2 on what it reports: %.0f ns a comment\n",
         job[PASSES / 2] * 1e9 / (double)n);
  printf("PCRE2 on every pattern, no prefilter: %.0f ns a comment\n",
         every_s * 1e9 / (double)n);
  printf("reported %zu, PCRE2 matches %zu, false negatives %zu\n", rep_all,
         hit_all, missed_all);
  for (size_t p = 0; p < np; p++)
    printf("  %2zu reported %8zu matches %8zu missed %8zu  %.50s\n", p, rep[p],
           hit[p], missed[p], pats.text[p]);
  return missed_all ? 3 : 0;
}
