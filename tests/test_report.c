/*
 * test_report.c - reports merge exactly: the report of a file equals the
 * merge of the reports of its two halves, compared on everything the
 * report writes (CSV and JSON, byte for byte), with segments and periods.
 * Runs on the bundled sample corpus with the default-style test lexicon.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "verbatim.h"

static const char *data_path(const char *file) {
  static char path[1024];
  const char *dir = getenv("VB_TEST_DATA");
  snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", file);
  return path;
}

/* Runs a report job over `path` into a new report. */
static vb_report *report_of(const vb_lexicon *lex, const char *path) {
  static const char *const by[] = {"region"};
  vb_report *rep = NULL;
  vb_job *job = NULL;
  vb_reader *r = NULL;
  vb_error err;
  CHECK_INT(vb_report_new(lex, by, 1, VB_PERIOD_MONTH, NULL, &rep), VB_OK);
  CHECK_INT(vb_job_new(lex, &job), VB_OK);
  CHECK_INT(vb_job_set_report(job, rep, NULL), VB_OK);
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_OK);
  if (r && job && rep)
    CHECK_INT(vb_job_run(job, r, vb_report_overall(rep), &err), VB_OK);
  vb_reader_free(r);
  vb_job_free(job);
  return rep;
}

/* Everything the report writes, as one string (caller frees). */
static char *written(vb_report *rep) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_CSV), VB_OK);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_JSON), VB_OK);
  fclose(f);
  return buf;
}

/* Splits the corpus after `rows` data rows into two files with headers. */
static void split(const char *src, size_t rows, const char *a, const char *b) {
  FILE *in = fopen(src, "rb"), *fa = fopen(a, "wb"), *fb = fopen(b, "wb");
  char *line = NULL;
  size_t cap = 0, n = 0;
  ssize_t got;
  int in_quotes = 0;
  while ((got = getline(&line, &cap, in)) > 0) {
    /* a record may span lines: count quotes to find record ends */
    if (n == 0) { /* header: to both */
      fputs(line, fa);
      fputs(line, fb);
      n = 1;
      continue;
    }
    fwrite(line, 1, (size_t)got, n <= rows ? fa : fb);
    for (ssize_t i = 0; i < got; i++)
      in_quotes ^= line[i] == '"';
    if (!in_quotes)
      n++;
  }
  free(line);
  fclose(in);
  fclose(fa);
  fclose(fb);
}

int main(void) {
  const char *paths[] = {data_path("test.json")};
  vb_lexicon *lex;
  CHECK_INT(vb_lexicon_load_files(1, paths, &lex, NULL), VB_OK);
  const char *corpus = data_path("../../corpora/sample.csv");
  char dir[] = "/tmp/vb_report_XXXXXX", a[64], b[64];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(a, sizeof a, "%s/a.csv", dir);
  snprintf(b, sizeof b, "%s/b.csv", dir);
  split(corpus, 2345, a, b);

  vb_report *whole = report_of(lex, corpus);
  vb_report *merged = report_of(lex, a);
  vb_report *second = report_of(lex, b);
  CHECK_INT(vb_report_merge(merged, second), VB_OK);
  CHECK_INT(vb_tally_count(vb_report_overall(whole), VB_COUNT_TAGGED), 5000);
  char *x = written(whole), *y = written(merged);
  CHECK(x && y && strlen(x) > 10000);
  CHECK(x && y && strcmp(x, y) == 0);
  free(y);

  /* the check can fail: merging a half twice changes the report */
  CHECK_INT(vb_report_merge(merged, second), VB_OK);
  y = written(merged);
  CHECK(x && y && strcmp(x, y) != 0);

  /* reports with other dimensions do not merge */
  vb_report *other;
  CHECK_INT(vb_report_new(lex, NULL, 0, VB_PERIOD_MONTH, NULL, &other), VB_OK);
  CHECK_INT(vb_report_merge(merged, other), VB_EINVAL);
  vb_report_free(other);

  free(x);
  free(y);
  vb_report_free(whole);
  vb_report_free(merged);
  vb_report_free(second);
  vb_report_free(NULL);
  vb_lexicon_free(lex);
  unlink(a);
  unlink(b);
  rmdir(dir);
  return check_exit();
}
