/*
 * test_driver.c - the job as a driver of sinks: every row reaches every
 * sink exactly once with its position, a sink's output comes out in input
 * order, and the result is the same for any number of threads; strict
 * mode stops at the first bad row; output through a write function; the
 * tally and report fed from stored results agree with a job's; the
 * built-in default lexicon loads from the library; a read callback is
 * called on the calling thread only, whatever the number of threads;
 * with timing on, every stage counts time (detection only where comments
 * are routed by detected language).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "test_data.h"
#include "verbatim.h"

/* A CSV of n rows whose comments cycle through a few phrasings, with a
 * bad score every 97th row; written to a temporary file. */
static void write_input(char *path, size_t n) {
  static const char *const comments[] = {
      "late delivery again", "the price is fair", "\"ship it, please\"",
      "nothing to say",      "still waiting",     "pay attention to the app"};
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs("id,score,comment\n", f);
  for (size_t i = 0; i < n; i++)
    fprintf(f, "r%zu,%s,%s\n", i, i % 97 == 5 ? "eleven" : (i % 3 ? "9" : "2"),
            comments[i % 6]);
  fclose(f);
}

/* A job and tally for lex, and a reader of path. */
static void open_job(const vb_lexicon *lex, const char *path, vb_job **job,
                     vb_tally **tally, vb_reader **r) {
  vb_error err;
  CHECK_INT(vb_job_new(lex, job), VB_OK);
  CHECK_INT(vb_tally_new(lex, tally), VB_OK);
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, r, &err), VB_OK);
}

static void close_job(vb_job *job, vb_tally *tally, vb_reader *r) {
  vb_reader_free(r);
  vb_tally_free(tally);
  vb_job_free(job);
}

/* A sink that records every row: its position (each exactly once) and
 * its id and themes, written to its stream. */
typedef struct probe {
  unsigned char *seen; /* per position: times seen */
  size_t cap;
  size_t opened, merged;
  uint64_t rejected;
} probe;

typedef struct probe_state {
  probe *p;
  uint64_t rejected;
} probe_state;

static int probe_open(void *ctx, void **state) {
  probe_state *st = calloc(1, sizeof *st);
  st->p = ctx;
  st->p->opened++;
  *state = st;
  return VB_OK;
}

static int probe_row(void *state, const vb_row *row, FILE *out, vb_error *err) {
  (void)err;
  probe_state *st = state;
  uint64_t i = vb_row_index(row);
  if (i < st->p->cap)
    st->p->seen[i]++; /* each position belongs to one worker: no race */
  size_t len;
  const char *id = vb_row_id(row, &len);
  if (vb_row_rejected(row)) {
    st->rejected++;
    fprintf(out, "%.*s rejected\n", (int)len, id);
    return VB_OK;
  }
  fprintf(out, "%.*s %zu\n", (int)len, id,
          vb_matcher_themes(vb_row_matcher(row), NULL));
  return VB_OK;
}

static int probe_merge(void *ctx, void *state, vb_error *err) {
  (void)err;
  probe *p = ctx;
  p->merged++;
  p->rejected += ((probe_state *)state)->rejected;
  return VB_OK;
}

static void probe_close(void *ctx, void *state) {
  (void)ctx;
  free(state);
}

static void probe_header(void *ctx, const vb_reader *r, FILE *out) {
  (void)ctx;
  fprintf(out, "rows of %zu columns\n", vb_reader_column_count(r));
}

/* Runs the input through a job with the probe and a CSV output; returns
 * both outputs (malloc'ed) and checks the probe saw each row once. */
static void run_probe(const vb_lexicon *lex, const char *path, size_t rows,
                      unsigned threads, char **tagged, char **probed) {
  probe p = {.seen = calloc(rows, 1), .cap = rows};
  vb_sink sink = {.ctx = &p,
                  .open = probe_open,
                  .row = probe_row,
                  .merge = probe_merge,
                  .close = probe_close,
                  .header = probe_header};
  size_t tagged_len, probed_len;
  FILE *out = open_memstream(tagged, &tagged_len);
  FILE *mine = open_memstream(probed, &probed_len);
  vb_job *job;
  vb_tally *tally;
  vb_reader *r;
  vb_error err;
  open_job(lex, path, &job, &tally, &r);
  vb_job_set_threads(job, threads);
  vb_job_set_output(job, out, VB_OUTPUT_CSV);
  CHECK_INT(vb_job_add_sink(job, &sink, mine), VB_OK);
  CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
  size_t once = 0;
  for (size_t i = 0; i < rows; i++)
    once += p.seen[i] == 1;
  CHECK_INT(once, rows);
  CHECK_INT(p.opened, threads);
  CHECK_INT(p.merged, threads);
  CHECK_INT(p.rejected, vb_tally_count(tally, VB_COUNT_REJECTED));
  CHECK_INT(vb_tally_count(tally, VB_COUNT_READ), rows);
  close_job(job, tally, r);
  fclose(out);
  fclose(mine);
  free(p.seen);
}

static void test_sinks_any_threads(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  enum { ROWS = 9000 }; /* several batches */
  write_input(path, ROWS);
  char *tagged1, *probed1;
  run_probe(lex, path, ROWS, 1, &tagged1, &probed1);
  CHECK(strncmp(probed1, "rows of 3 columns\nr0 2\n", 23) == 0);
  CHECK(strstr(probed1, "\nr5 rejected\n") != NULL);
  for (unsigned threads = 2; threads <= 4; threads++) {
    char *tagged, *probed;
    run_probe(lex, path, ROWS, threads, &tagged, &probed);
    CHECK_STR(tagged, tagged1);
    CHECK_STR(probed, probed1);
    free(tagged);
    free(probed);
  }
  free(tagged1);
  free(probed1);
  unlink(path);
}

/* A read callback over a string, that notes whether it was ever called
 * on another thread than the one that made it. */
typedef struct feed {
  const char *data;
  size_t len, at;
  pthread_t owner;
  size_t calls, elsewhere;
} feed;

static long feed_read(void *ctx, char *buf, size_t size) {
  feed *f = ctx;
  f->calls++;
  f->elsewhere += !pthread_equal(pthread_self(), f->owner);
  size_t n = f->len - f->at < size ? f->len - f->at : size;
  if (n > 100)
    n = 100; /* short reads: many calls, in every batch */
  memcpy(buf, f->data + f->at, n);
  f->at += n;
  return (long)n;
}

/* The public API calls a read callback on the caller's thread only, for
 * any number of threads; the output is the same as from the file. */
static void test_callback_on_calling_thread(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  enum { ROWS = 120000 }; /* 4 MB: past the reader's 1 MB read buffer */
  write_input(path, ROWS);
  FILE *in = fopen(path, "rb");
  size_t cap = ROWS * 40;
  char *data = malloc(cap);
  size_t len = fread(data, 1, cap, in);
  CHECK(len > 0 && len < cap); /* all of it */
  fclose(in);
  char *tagged1, *probed1;
  run_probe(lex, path, ROWS, 1, &tagged1, &probed1);
  for (unsigned threads = 2; threads <= 3; threads++) {
    feed f = {.data = data, .len = len, .owner = pthread_self()};
    char *tagged;
    size_t tagged_len;
    FILE *out = open_memstream(&tagged, &tagged_len);
    vb_job *job;
    vb_tally *tally;
    vb_reader *r;
    vb_error err;
    CHECK_INT(vb_job_new(lex, &job), VB_OK);
    CHECK_INT(vb_tally_new(lex, &tally), VB_OK);
    CHECK_INT(vb_reader_open_callback(feed_read, &f, path, NULL, &r, &err),
              VB_OK);
    vb_job_set_threads(job, threads);
    vb_job_set_output(job, out, VB_OUTPUT_CSV);
    CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
    close_job(job, tally, r);
    fclose(out);
    CHECK(f.calls > ROWS / 10);
    CHECK_INT(f.elsewhere, 0);
    CHECK_STR(tagged, tagged1);
    free(tagged);
  }
  free(tagged1);
  free(probed1);
  free(data);
  unlink(path);
}

/* A job with a tally of counts only (what `verbatim tag` runs): the same
 * output and run counts as with a full tally, at any number of threads
 * (each thread's tally is of the same kind, or merging them would fail),
 * and no mentions. */
static void test_counts_only_tally(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  enum { ROWS = 9000 }; /* several batches */
  write_input(path, ROWS);
  char *expected = NULL;
  uint64_t counts[VB_COUNT_KINDS];
  for (unsigned threads = 1; threads <= 3; threads++) {
    for (int only = threads == 1 ? 0 : 1; only <= 1; only++) {
      vb_job *job;
      vb_tally *tally;
      vb_reader *r;
      open_job(lex, path, &job, &tally, &r);
      if (only) { /* instead of the full one */
        vb_tally_free(tally);
        CHECK_INT(vb_tally_new_counts(lex, &tally), VB_OK);
      }
      char *tagged;
      size_t tagged_len;
      FILE *out = open_memstream(&tagged, &tagged_len);
      vb_error err;
      vb_job_set_threads(job, threads);
      vb_job_set_output(job, out, VB_OUTPUT_CSV);
      CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
      fclose(out);
      uint64_t mentions = 0;
      for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++)
        mentions += vb_tally_mentions(tally, t, VB_GROUP_DETRACTOR);
      if (!expected) { /* the full tally, one thread */
        expected = tagged;
        for (int k = 0; k < VB_COUNT_KINDS; k++)
          counts[k] = vb_tally_count(tally, (vb_count)k);
        CHECK(mentions > 0 && counts[VB_COUNT_REJECTED] > 0);
      } else {
        CHECK_STR(tagged, expected);
        for (int k = 0; k < VB_COUNT_KINDS; k++)
          CHECK_INT(vb_tally_count(tally, (vb_count)k), counts[k]);
        CHECK_INT(mentions, 0);
        free(tagged);
      }
      close_job(job, tally, r);
    }
  }
  free(expected);
  unlink(path);
}

/* A row position counts across the runs of one job. */
static void test_positions_across_runs(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  write_input(path, 10);
  probe p = {.seen = calloc(20, 1), .cap = 20};
  vb_sink sink = {.ctx = &p,
                  .open = probe_open,
                  .row = probe_row,
                  .merge = probe_merge,
                  .close = probe_close};
  vb_job *job;
  vb_tally *tally;
  vb_error err;
  char *buf;
  size_t len;
  FILE *mine = open_memstream(&buf, &len);
  CHECK_INT(vb_job_new(lex, &job), VB_OK);
  CHECK_INT(vb_tally_new(lex, &tally), VB_OK);
  vb_job_set_threads(job, 2);
  CHECK_INT(vb_job_add_sink(job, &sink, mine), VB_OK);
  for (int run = 0; run < 2; run++) {
    vb_reader *r;
    CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_OK);
    CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
    vb_reader_free(r);
  }
  size_t once = 0;
  for (size_t i = 0; i < 20; i++)
    once += p.seen[i] == 1;
  CHECK_INT(once, 20);
  vb_job_free(job);
  vb_tally_free(tally);
  fclose(mine);
  free(buf);
  free(p.seen);
  unlink(path);
}

/* Strict: the first bad row stops the run with its status and line. */
static void test_strict(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  write_input(path, 50);
  for (unsigned threads = 1; threads <= 2; threads++) {
    vb_job *job;
    vb_tally *tally;
    vb_reader *r;
    vb_error err;
    open_job(lex, path, &job, &tally, &r);
    vb_job_set_threads(job, threads);
    vb_job_set_strict(job, 1);
    CHECK_INT(vb_job_run(job, r, tally, &err), VB_ESCORE);
    CHECK_INT(err.line, 7); /* row r5, after the header */
    CHECK(strstr(err.message, "eleven") != NULL);
    close_job(job, tally, r);
  }
  unlink(path);
}

/* A score column named "" reads no scores: every row is unscored. */
static void test_no_score(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  write_input(path, 50);
  vb_job *job;
  vb_tally *tally;
  vb_reader *r;
  vb_error err;
  open_job(lex, path, &job, &tally, &r);
  CHECK_INT(vb_job_set_columns(job, NULL, "", NULL), VB_OK);
  CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
  CHECK_INT(vb_tally_count(tally, VB_COUNT_REJECTED), 0);
  CHECK_INT(vb_tally_count(tally, VB_COUNT_UNSCORED), 50);
  close_job(job, tally, r);
  unlink(path);
}

typedef struct sink_buffer {
  char data[1 << 16];
  size_t len;
  bool fail;
} sink_buffer;

static long buffer_write(void *ctx, const char *data, size_t len) {
  sink_buffer *b = ctx;
  if (b->fail || b->len + len > sizeof b->data)
    return -1;
  memcpy(b->data + b->len, data, len);
  b->len += len;
  return (long)len;
}

/* Output through a write function: the same bytes as through a file;
 * a failing function is a write error. */
static void test_write_function(const vb_lexicon *lex) {
  char path[] = "/tmp/vb_driver_XXXXXX";
  write_input(path, 40);
  char *expect;
  size_t expect_len;
  static sink_buffer got;
  for (int pass = 0; pass < 3; pass++) {
    FILE *out = pass == 0 ? open_memstream(&expect, &expect_len)
                          : vb_stream_open(buffer_write, &got);
    got.len = 0;
    got.fail = pass == 2;
    vb_job *job;
    vb_tally *tally;
    vb_reader *r;
    vb_error err;
    open_job(lex, path, &job, &tally, &r);
    vb_job_set_output(job, out, VB_OUTPUT_NDJSON);
    int rc = vb_job_run(job, r, tally, &err);
    int closed = fclose(out);
    if (pass < 2) {
      CHECK_INT(rc, VB_OK);
      CHECK_INT(closed, 0);
    } else {
      CHECK(rc == VB_EWRITE || closed != 0);
    }
    if (pass == 1) {
      CHECK_INT(got.len, expect_len);
      CHECK(memcmp(got.data, expect, expect_len) == 0);
    }
    close_job(job, tally, r);
  }
  CHECK(vb_stream_open(NULL, NULL) == NULL);
  free(expect);
  unlink(path);
}

/* A report fed from stored results writes what the job's report writes. */
static void test_report_from_results(const vb_lexicon *lex) {
  static const struct {
    const char *plan, *date, *score, *comment;
  } rows[] = {{"pro", "2025-01-03", "2", "late delivery, and the price"},
              {"free", "2025-01-20", "9", "nothing to say"},
              {"pro", "2025-02-11", "10", "the price is fair"},
              {"free", "2025-02-12", "6", "still waiting for the courier"},
              {"pro", "2025-02-28", "", "ship faster"}};
  char path[] = "/tmp/vb_driver_XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs("plan,date,score,comment\n", f);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    fprintf(f, "%s,%s,%s,\"%s\"\n", rows[i].plan, rows[i].date, rows[i].score,
            rows[i].comment);
  fclose(f);
  const char *by[] = {"plan"};
  vb_report *from_job, *from_results;
  CHECK_INT(vb_report_new(lex, by, 1, VB_PERIOD_MONTH, NULL, &from_job), VB_OK);
  CHECK_INT(vb_report_new(lex, by, 1, VB_PERIOD_MONTH, NULL, &from_results),
            VB_OK);
  vb_job *job;
  vb_reader *r;
  vb_error err;
  CHECK_INT(vb_job_new(lex, &job), VB_OK);
  CHECK_INT(vb_job_set_report(job, from_job, NULL), VB_OK);
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_OK);
  CHECK_INT(vb_job_run(job, r, vb_report_overall(from_job), &err), VB_OK);
  vb_matcher *m;
  CHECK_INT(vb_matcher_new(lex, &m, &err), VB_OK);
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    vb_matcher_run(m, rows[i].comment, strlen(rows[i].comment));
    size_t terms[64], nterms = 0;
    for (size_t k = 0; k < vb_matcher_match_count(m) && nterms < 64; k++) {
      const vb_match *x = vb_matcher_match(m, k);
      if (!x->excluded && !x->dropped)
        terms[nterms++] = x->term;
    }
    vb_result res = {.terms = terms, .term_count = nterms, .has_text = 1};
    int score;
    vb_score_parse(rows[i].score, strlen(rows[i].score), &score, &res.group);
    res.theme_count = vb_matcher_themes(m, &res.themes);
    const char *values[] = {rows[i].plan};
    size_t lens[] = {strlen(rows[i].plan)};
    CHECK_INT(vb_report_add_result(from_results, values, lens, rows[i].date,
                                   strlen(rows[i].date), &res, &err),
              VB_OK);
  }
  const char *values[] = {"pro"};
  size_t lens[] = {3};
  vb_result none = {0};
  CHECK_INT(vb_report_add_result(from_results, values, lens, "2025-13-01", 10,
                                 &none, &err),
            VB_EINVAL);
  for (int format = VB_REPORT_TABLE; format <= VB_REPORT_JSON; format++) {
    char *a, *b;
    size_t alen, blen;
    FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
    CHECK_INT(vb_report_write(from_job, fa, (vb_report_format)format), VB_OK);
    CHECK_INT(vb_report_write(from_results, fb, (vb_report_format)format),
              VB_OK);
    fclose(fa);
    fclose(fb);
    CHECK_STR(b, a);
    free(a);
    free(b);
  }
  vb_matcher_free(m);
  vb_reader_free(r);
  vb_job_free(job);
  vb_report_free(from_job);
  vb_report_free(from_results);
  unlink(path);
}

static void test_default_lexicon(void) {
  vb_lexicon *lex;
  vb_error err;
  CHECK_INT(vb_lexicon_default(&lex, &err), VB_OK);
  CHECK(vb_lexicon_theme_find(lex, "shipping") >= 0);
  size_t len;
  const char *text = vb_lexicon_default_text(&len);
  CHECK(len > 1000 && text[0] == '{');
  vb_lexicon_free(lex);
}

/* Stage timing: every stage a row goes through counts time, language
 * detection included when comments are routed by detected language (the
 * built-in set), and none when they are not (one lexicon) or when timing
 * is off. */
static void test_stage_timing(const vb_lexicon *one) {
  vb_lexicon *set;
  vb_error err;
  CHECK_INT(vb_lexicon_default(&set, &err), VB_OK);
  char path[] = "/tmp/vb_test_driverXXXXXX";
  write_input(path, 3000);
  const vb_lexicon *lexicons[] = {set, one, set};
  for (int k = 0; k < 3; k++) {
    vb_job *job;
    vb_tally *tally;
    vb_reader *r;
    open_job(lexicons[k], path, &job, &tally, &r);
    vb_job_set_timing(job, k < 2);
    vb_job_set_threads(job, 2);
    CHECK_INT(vb_job_run(job, r, tally, &err), VB_OK);
    for (int s = 0; s < VB_STAGE_COUNT; s++) {
      if (s == VB_STAGE_WRITE && k < 2)
        continue; /* no output, but the writer's turn is timed */
      /* no detection with one lexicon */
      bool none = k == 2 || (s == VB_STAGE_DETECT && lexicons[k] == one);
      uint64_t ns = vb_job_stage_ns(job, (vb_stage)s);
      if (none != (ns == 0))
        fprintf(stderr, "test_driver: stage %s, run %d: %llu ns\n",
                vb_stage_name((vb_stage)s), k, (unsigned long long)ns);
      CHECK(none == (ns == 0));
    }
    close_job(job, tally, r);
  }
  CHECK_STR(vb_stage_name(VB_STAGE_DETECT), "detect");
  CHECK_STR(vb_stage_name(VB_STAGE_PATTERNS), "patterns");
  unlink(path);
  vb_lexicon_free(set);
}

int main(void) {
  vb_lexicon *lex = load_test_lexicon();
  if (!lex)
    return check_exit();
  test_sinks_any_threads(lex);
  test_counts_only_tally(lex);
  test_positions_across_runs(lex);
  test_callback_on_calling_thread(lex);
  test_strict(lex);
  test_no_score(lex);
  test_write_function(lex);
  test_report_from_results(lex);
  test_default_lexicon();
  test_stage_timing(lex);
  vb_lexicon_free(lex);
  return check_exit();
}
