/*
 * test_reader.c - the streaming reader: CSV, TSV, NDJSON, gzip, format
 * detection, line numbers, error positions and recovery, size limits, and
 * the three sources (path, buffer, read callback) reading alike.
 *
 * Each test writes its input to a file in a private temporary directory
 * (under $TMPDIR or /tmp, removed at the end) and reads it back through the
 * public API only.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "verbatim.h"

/* ---- fixtures --------------------------------------------------------- */

static char tmpdir_[1024];
static char made_[128][1100];
static size_t made_count_;

/* Full path of `name` in the test directory. */
static const char *tmp_path(const char *name) {
  static char paths[8][1100];
  static unsigned next;
  char *p = paths[next++ % 8];
  snprintf(p, sizeof paths[0], "%s/%s", tmpdir_, name);
  return p;
}

static void remember(const char *path) {
  for (size_t i = 0; i < made_count_; i++)
    if (strcmp(made_[i], path) == 0)
      return;
  if (made_count_ < 128)
    snprintf(made_[made_count_++], sizeof made_[0], "%s", path);
}

/* Writes `len` bytes to tmpdir/name and returns its path. */
static const char *put(const char *name, const char *data, size_t len) {
  const char *path = tmp_path(name);
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(2);
  }
  remember(path);
  return path;
}

static const char *puts_(const char *name, const char *text) {
  return put(name, text, strlen(text));
}

/* Writes `len` bytes gzip-compressed to tmpdir/name. */
static const char *put_gz(const char *name, const char *data, size_t len) {
  const char *path = tmp_path(name);
  gzFile gz = gzopen(path, "wb");
  if (!gz || (len && gzwrite(gz, data, (unsigned)len) != (int)len) ||
      gzclose(gz) != Z_OK) {
    fprintf(stderr, "cannot write %s\n", path);
    exit(2);
  }
  remember(path);
  return path;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    exit(2);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
    exit(2);
  fclose(f);
  *len = (size_t)n;
  return buf;
}

/* A growing byte string for generated inputs. */
typedef struct text {
  char *s;
  size_t len, cap;
} text;

static void add(text *t, const char *s, size_t n) {
  if (t->len + n + 1 > t->cap) {
    t->cap = (t->len + n + 1) * 2;
    t->s = realloc(t->s, t->cap);
    if (!t->s)
      exit(2);
  }
  memcpy(t->s + t->len, s, n);
  t->len += n;
  t->s[t->len] = '\0';
}

static void adds(text *t, const char *s) { add(t, s, strlen(s)); }

static void addf(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void addf(text *t, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  add(t, buf, (size_t)n);
}

#define CHECK_FIELD(r, col, want)                                              \
  do {                                                                         \
    size_t n_f_;                                                               \
    const char *p_f_ = vb_reader_field((r), (col), &n_f_);                     \
    CHECK_MEM(p_f_, n_f_, (want));                                             \
  } while (0)

#define CHECK_RAW(r, want)                                                     \
  do {                                                                         \
    size_t n_r_;                                                               \
    const char *p_r_ = vb_reader_raw((r), &n_r_);                              \
    CHECK_MEM(p_r_, n_r_, (want));                                             \
  } while (0)

/* Opens a file that must open; NULL (and a failed check) otherwise. */
static vb_reader *must_open(const char *path, vb_format format) {
  vb_reader *r = NULL;
  vb_error err;
  int rc = vb_reader_open(path, format, &r, &err);
  CHECK_INT(rc, VB_OK);
  if (rc)
    fprintf(stderr, "  open %s: %s\n", path, err.message);
  return r;
}

/* Opens `content` written to `name`. */
static vb_reader *open_text(const char *name, const char *content,
                            vb_format format) {
  return must_open(puts_(name, content), format);
}

/* ---- CSV -------------------------------------------------------------- */

static void test_csv_basic(void) {
  vb_reader *r = open_text("basic.csv",
                           "id,score,comment\n1,9,Great service\n"
                           "2,3,Slow delivery\n3,,\n",
                           VB_FORMAT_AUTO);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_format(r), VB_FORMAT_CSV);
  CHECK_STR(vb_reader_name(r), tmp_path("basic.csv"));
  CHECK_INT(vb_reader_column_count(r), 3);
  CHECK_STR(vb_reader_column_name(r, 0), "id");
  CHECK_STR(vb_reader_column_name(r, 1), "score");
  CHECK_STR(vb_reader_column_name(r, 2), "comment");
  CHECK(vb_reader_column_name(r, 3) == NULL);

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_FIELD(r, 0, "1");
  CHECK_FIELD(r, 1, "9");
  CHECK_FIELD(r, 2, "Great service");
  CHECK_FIELD(r, 3, "");
  CHECK_RAW(r, "1,9,Great service");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_FIELD(r, 2, "Slow delivery");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 0, "3");
  CHECK_FIELD(r, 1, "");
  CHECK_FIELD(r, 2, "");

  CHECK_INT(vb_reader_next(r, &err), 0);
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

/* Unquoted fields of every length from 0 to 40, the separator at each
 * place of the 16 bytes looked at before memchr and past them, then
 * short last fields whose next row's separators follow within those 16
 * bytes, and middle fields of every length before an empty last one. */
static void field_lengths(int row, size_t len[3]) {
  int n = row <= 40 ? row : 1;
  len[0] = (size_t)n;
  len[1] = (size_t)(row <= 40 ? (n * 7) % 37 : row - 41);
  len[2] = (size_t)(row <= 40 ? n % 5 : 0);
}

static void test_csv_field_lengths(void) {
  enum { ROWS = 82 };
  static const char fill[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  text t = {0};
  adds(&t, "a,b,c\n");
  for (int row = 0; row < ROWS; row++) {
    size_t want[3];
    field_lengths(row, want);
    addf(&t, "%.*s,%.*s,%.*s\n", (int)want[0], fill, (int)want[1], fill,
         (int)want[2], fill);
  }
  vb_reader *r = open_text("lengths.csv", t.s, VB_FORMAT_CSV);
  free(t.s);
  if (!r)
    return;
  vb_error err;
  size_t bad = 0;
  for (int row = 0; row < ROWS; row++) {
    size_t want[3], len[3];
    field_lengths(row, want);
    if (vb_reader_next(r, &err) != 1) {
      bad++;
      break;
    }
    for (size_t c = 0; c < 3; c++)
      vb_reader_field(r, c, &len[c]);
    if (memcmp(len, want, sizeof len) != 0 && bad++ < 3)
      fprintf(stderr, "  row %d: fields of %zu, %zu, %zu bytes\n", row, len[0],
              len[1], len[2]);
  }
  CHECK_INT(bad, 0);
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_csv_quoted(void) {
  vb_reader *r = open_text("quoted.csv",
                           "id,text\n"
                           "1,\"a, b\"\n"
                           "2,\"say \"\"hi\"\"\"\n"
                           "3,\"line one\nline two\"\n"
                           "4,\"crlf\r\ninside\"\n"
                           "5,\"\"\n"
                           "\"6\",\"\"\"\"\n"
                           "7,\"x\"",
                           VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_FIELD(r, 1, "a, b");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_FIELD(r, 1, "say \"hi\"");
  CHECK_RAW(r, "2,\"say \"\"hi\"\"\"");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 1, "line one\nline two");
  CHECK_RAW(r, "3,\"line one\nline two\"");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 6);
  CHECK_FIELD(r, 1, "crlf\r\ninside");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 8);
  CHECK_FIELD(r, 0, "5");
  CHECK_FIELD(r, 1, "");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 9);
  CHECK_FIELD(r, 0, "6");
  CHECK_FIELD(r, 1, "\"");
  CHECK_INT(vb_reader_next(r, &err), 1); /* quoted field ends the input */
  CHECK_INT(vb_reader_line(r), 10);
  CHECK_FIELD(r, 1, "x");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_csv_literal_quote_in_unquoted_field(void) {
  vb_reader *r =
      open_text("lit.csv", "a,b\n5\" screen,it's \"ok\"\n", VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 0, "5\" screen");
  CHECK_FIELD(r, 1, "it's \"ok\"");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_crlf_line_endings(void) {
  vb_reader *r = open_text("crlf.csv", "a,b\r\n1,2\r\n\"3\r\n3\",4\r\n5,6\r\n",
                           VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_STR(vb_reader_column_name(r, 1), "b");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_FIELD(r, 1, "2");
  CHECK_RAW(r, "1,2");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_FIELD(r, 0, "3\r\n3");
  CHECK_FIELD(r, 1, "4");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 5);
  CHECK_FIELD(r, 0, "5");
  CHECK_FIELD(r, 1, "6");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_lone_cr(void) {
  vb_reader *r =
      open_text("cr.csv", "a,b\r1,2\r\r3,\"x\ry\"\r4,5", VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_column_count(r), 2);
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_FIELD(r, 0, "1");
  CHECK_FIELD(r, 1, "2");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 1, "x\ry");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 6);
  CHECK_FIELD(r, 0, "4");
  CHECK_FIELD(r, 1, "5");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_bom(void) {
  vb_reader *r =
      open_text("bom.csv", "\xEF\xBB\xBFid,text\n1,x\n", VB_FORMAT_AUTO);
  if (!r)
    return;
  vb_error err;
  CHECK_STR(vb_reader_column_name(r, 0), "id");
  CHECK_INT(vb_reader_find_column(r, "id"), 0);
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_FIELD(r, 0, "1");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);

  /* A BOM before NDJSON: sniffed as NDJSON all the same. */
  r = open_text("bom_json", "\xEF\xBB\xBF{\"a\":1}\n", VB_FORMAT_AUTO);
  if (!r)
    return;
  CHECK_INT(vb_reader_format(r), VB_FORMAT_NDJSON);
  CHECK_STR(vb_reader_column_name(r, 0), "a");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 0, "1");
  vb_reader_free(r);
}

static void test_blank_lines(void) {
  vb_reader *r = open_text("blank.csv", "\n  \n\na,b\n\n1,2\n\r\n\n3,4\n\n\n",
                           VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_STR(vb_reader_column_name(r, 0), "a");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 6);
  CHECK_FIELD(r, 0, "1");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 9);
  CHECK_FIELD(r, 1, "4");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_tsv(void) {
  const char *data = "id\tcomment\tscore\n"
                     "1\tcomma, inside\t9\n"
                     "2\t\"tab\there\"\t7\n"
                     "3\t\"say \"\"x\"\"\"\t\n";
  const char *names[] = {"in.tsv", "in.tab", "in.TSV"};
  for (int k = 0; k < 4; k++) {
    vb_reader *r = k < 3 ? open_text(names[k], data, VB_FORMAT_AUTO)
                         : open_text("plain.txt", data, VB_FORMAT_TSV);
    if (!r)
      continue;
    vb_error err;
    CHECK_INT(vb_reader_format(r), VB_FORMAT_TSV);
    CHECK_INT(vb_reader_column_count(r), 3);
    CHECK_STR(vb_reader_column_name(r, 2), "score");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "comma, inside");
    CHECK_FIELD(r, 2, "9");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "tab\there");
    CHECK_FIELD(r, 2, "7");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "say \"x\"");
    CHECK_FIELD(r, 2, "");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
}

/* ---- format detection ------------------------------------------------- */

static void test_auto_detection(void) {
  struct {
    const char *name, *content;
    vb_format want;
    size_t columns;
  } cases[] = {
      {"d1.csv", "a,b\n1,2\n", VB_FORMAT_CSV, 2},
      {"d2.CSV", "a,b\n1,2\n", VB_FORMAT_CSV, 2},
      {"d3.tsv", "a\tb\n1\t2\n", VB_FORMAT_TSV, 2},
      {"d4.tab", "a\tb\n1\t2\n", VB_FORMAT_TSV, 2},
      {"d5.ndjson", "{\"a\":1,\"b\":2}\n", VB_FORMAT_NDJSON, 2},
      {"d6.jsonl", "{\"a\":1,\"b\":2}\n", VB_FORMAT_NDJSON, 2},
      /* No known extension: sniffed. */
      {"d7", "a,b\n1,2\n", VB_FORMAT_CSV, 2},
      {"d8.txt", "\n  \n  {\"a\":1,\"b\":2}\n", VB_FORMAT_NDJSON, 2},
      {"d9.dat", "a\tb\n1\t2\n", VB_FORMAT_CSV, 2}, /* TAB sniffed */
      /* The extension wins over the content. */
      {"d10.csv", "{\"a\":1}\n", VB_FORMAT_CSV, 1},
      {"d11.ndjson.csv", "x,y\n", VB_FORMAT_CSV, 2},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_reader *r = open_text(cases[i].name, cases[i].content, VB_FORMAT_AUTO);
    if (!r)
      continue;
    CHECK_INT(vb_reader_format(r), cases[i].want);
    CHECK_INT(vb_reader_column_count(r), cases[i].columns);
    vb_reader_free(r);
  }
  /* An explicit format overrides the extension. */
  vb_reader *r = open_text("d12.csv", "{\"k\":\"v\"}\n", VB_FORMAT_NDJSON);
  if (r) {
    vb_error err;
    CHECK_INT(vb_reader_format(r), VB_FORMAT_NDJSON);
    CHECK_STR(vb_reader_column_name(r, 0), "k");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 0, "v");
    vb_reader_free(r);
  }
}

static void test_stdin(void) {
  const char *path = puts_("stdin.csv", "x,y\n1,2\n");
  int saved = dup(0);
  int fd = open(path, O_RDONLY);
  CHECK(saved >= 0 && fd >= 0);
  if (saved < 0 || fd < 0)
    return;
  dup2(fd, 0);
  close(fd);
  const char *names[] = {NULL, "-"};
  for (int k = 0; k < 2; k++) {
    lseek(0, 0, SEEK_SET);
    vb_reader *r = must_open(names[k], VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    CHECK_STR(vb_reader_name(r), "<stdin>");
    CHECK_INT(vb_reader_format(r), VB_FORMAT_CSV);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "2");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
  /* The reader closes its own descriptor, not standard input. */
  CHECK(fcntl(0, F_GETFD) != -1);
  dup2(saved, 0);
  close(saved);
}

/* ---- gzip ------------------------------------------------------------- */

static void test_gzip(void) {
  const char *csv = "id,text\n1,\"gz, quoted\"\n2,plain\n";
  const char *names[] = {"g.csv.gz", "g.gz", "g.CSV.GZ", "g.unknown"};
  for (int k = 0; k < 4; k++) {
    vb_reader *r =
        must_open(put_gz(names[k], csv, strlen(csv)), VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    CHECK_INT(vb_reader_format(r), VB_FORMAT_CSV);
    CHECK_STR(vb_reader_column_name(r, 1), "text");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "gz, quoted");
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 3);
    CHECK_FIELD(r, 1, "plain");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
  /* .tsv.gz and .ndjson.gz go by the extension under .gz; no extension
   * sniffs the decompressed bytes. */
  const char *tsv = "a\tb\n1\t2\n";
  vb_reader *r =
      must_open(put_gz("g.tsv.gz", tsv, strlen(tsv)), VB_FORMAT_AUTO);
  if (r) {
    CHECK_INT(vb_reader_format(r), VB_FORMAT_TSV);
    CHECK_INT(vb_reader_column_count(r), 2);
    vb_reader_free(r);
  }
  const char *nd = "{\"id\":7,\"text\":\"zipped\"}\n";
  const char *nd_names[] = {"g.ndjson.gz", "g2.gz"};
  for (int k = 0; k < 2; k++) {
    r = must_open(put_gz(nd_names[k], nd, strlen(nd)), VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    CHECK_INT(vb_reader_format(r), VB_FORMAT_NDJSON);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 0, "7");
    CHECK_FIELD(r, 1, "zipped");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
}

/* Many rows through gzip: every buffer refill lands somewhere inside a
 * row, some of them inside quoted fields with "" and line breaks. */
static void test_gzip_large(void) {
  text t = {0};
  adds(&t, "id,text\r\n");
  const int rows = 60000;
  for (int i = 0; i < rows; i++) {
    if (i % 3 == 0)
      addf(&t, "%d,\"row %d says \"\"hi\"\"\r\nand, more %0*d\"\r\n", i, i,
           i % 97, 0);
    else
      addf(&t, "%d,plain row %d %0*d\r\n", i, i, i % 89, 0);
  }
  vb_reader *r = must_open(put_gz("big.csv.gz", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    int ok = 0, bad = 0;
    uint64_t line = 2;
    for (int i = 0; i < rows; i++) {
      if (vb_reader_next(r, &err) != 1) {
        bad++;
        break;
      }
      char want[256];
      size_t n;
      const char *f = vb_reader_field(r, 0, &n);
      snprintf(want, sizeof want, "%d", i);
      int good = n == strlen(want) && memcmp(f, want, n) == 0 &&
                 vb_reader_line(r) == line;
      if (i % 3 == 0) {
        snprintf(want, sizeof want, "row %d says \"hi\"\r\nand, more %0*d", i,
                 i % 97, 0);
        line += 2;
      } else {
        snprintf(want, sizeof want, "plain row %d %0*d", i, i % 89, 0);
        line += 1;
      }
      f = vb_reader_field(r, 1, &n);
      good = good && n == strlen(want) && memcmp(f, want, n) == 0;
      if (good)
        ok++;
      else if (bad++ < 3)
        fprintf(stderr, "  row %d wrong (line %llu)\n", i,
                (unsigned long long)vb_reader_line(r));
    }
    CHECK_INT(ok, rows);
    CHECK_INT(bad, 0);
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
  free(t.s);
}

static void test_gzip_corrupt(void) {
  text t = {0};
  adds(&t, "id,text\n");
  const int rows = 200000; /* about 6 MiB: several refills */
  for (int i = 0; i < rows; i++)
    addf(&t, "%d,comment number %d with some padding text\n", i, i);
  const char *good = put_gz("c.csv.gz", t.s, t.len);
  size_t zlen;
  char *z = slurp(good, &zlen);
  free(t.s);

  /* Truncated: half of the compressed stream. */
  const char *paths[2];
  paths[0] = put("trunc.csv.gz", z, zlen / 2);
  /* Corrupted: garbage in the middle of the deflate data. */
  for (size_t i = zlen / 2; i < zlen / 2 + 64; i++)
    z[i] = (char)(z[i] ^ 0x5A);
  paths[1] = put("corrupt.csv.gz", z, zlen);
  free(z);

  for (int k = 0; k < 2; k++) {
    vb_reader *r = must_open(paths[k], VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    int rc, n = 0, in_order = 1;
    /* Corrupt deflate data may decode to a few garbled (malformed) rows
     * before zlib notices; those are reported, then the fatal error. */
    while ((rc = vb_reader_next(r, &err)) == 1 || rc == VB_EMALFORMED) {
      if (rc != 1) {
        in_order = 0;
        continue;
      }
      size_t len;
      const char *f = vb_reader_field(r, 0, &len);
      char want[32];
      snprintf(want, sizeof want, "%d", n);
      if (len != strlen(want) || memcmp(f, want, len) != 0)
        in_order = 0;
      n++;
    }
    CHECK_INT(rc, VB_EIO);
    CHECK_INT(err.code, VB_EIO);
    CHECK_STR(err.file, paths[k]);
    CHECK(strlen(err.message) > 0);
    CHECK(strstr(err.message, "<fd:") == NULL);
    CHECK(n > 1000 && n < rows);
    if (k == 0) { /* truncated: every row before the cut is intact */
      CHECK_STR(err.message, "gzip: unexpected end of file");
      CHECK_INT(in_order, 1);
    } else {
      CHECK(strncmp(err.message, "gzip: ", 6) == 0);
    }
    /* Fatal errors stick. */
    CHECK_INT(vb_reader_next(r, &err), VB_EIO);
    CHECK_INT(err.code, VB_EIO);
    CHECK_INT(vb_reader_next(r, NULL), VB_EIO);
    vb_reader_free(r);
  }
}

/* ---- NDJSON ----------------------------------------------------------- */

static void test_ndjson(void) {
  vb_reader *r = open_text(
      "n.ndjson",
      "{\"id\":1,\"score\":9,\"text\":\"good \\\"stuff\\\"\\n\\u00e9\","
      "\"ok\":true,\"meta\":null,\"tags\":[\"a\", \"b\"]}\n"
      "\n"
      "  {\"id\": 2 , \"score\":7.5,\"text\":\"so-so\",\"ok\":false,"
      "\"meta\":{\"k\": 1},\"tags\":[],\"extra\":\"ignored\"}\r\n"
      "{\"score\":10,\"id\":3}\n"
      "{\"id\":4,\"text\":\"broken\",}\n"
      "[1,2]\n"
      "{\"id\":12345678901234567890,\"score\":1e2,\"text\":-0.5,"
      "\"ok\":0.1,\"meta\":9.0,\"tags\":-7}\n"
      "\"just a string\"\n"
      "{\"id\":6,\"text\":\"last\"} trailing\n"
      "{\"id\":7,\"text\":\"end\"}",
      VB_FORMAT_AUTO);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_format(r), VB_FORMAT_NDJSON);
  CHECK_INT(vb_reader_column_count(r), 6);
  CHECK_STR(vb_reader_column_name(r, 0), "id");
  CHECK_STR(vb_reader_column_name(r, 1), "score");
  CHECK_STR(vb_reader_column_name(r, 2), "text");
  CHECK_STR(vb_reader_column_name(r, 3), "ok");
  CHECK_STR(vb_reader_column_name(r, 4), "meta");
  CHECK_STR(vb_reader_column_name(r, 5), "tags");
  CHECK_INT(vb_reader_find_column(r, "extra"), -1);

  /* The first object is the header and also the first row. */
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 1);
  CHECK_FIELD(r, 0, "1");
  CHECK_FIELD(r, 1, "9");
  CHECK_FIELD(r, 2, "good \"stuff\"\n\xC3\xA9");
  CHECK_FIELD(r, 3, "true");
  CHECK_FIELD(r, 4, "");
  CHECK_FIELD(r, 5, "[\"a\",\"b\"]");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_FIELD(r, 0, "2");
  CHECK_FIELD(r, 1, "7.5");
  CHECK_FIELD(r, 2, "so-so");
  CHECK_FIELD(r, 3, "false");
  CHECK_FIELD(r, 4, "{\"k\":1}");
  CHECK_FIELD(r, 5, "[]");
  CHECK_FIELD(r, 6, "");

  /* Missing keys read as empty; order does not matter. */
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 0, "3");
  CHECK_FIELD(r, 1, "10");
  CHECK_FIELD(r, 2, "");
  CHECK_FIELD(r, 5, "");

  /* Not JSON: the column where cJSON stopped; the next row still reads. */
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.code, VB_EMALFORMED);
  CHECK_INT(err.line, 5);
  CHECK_INT(err.column, 25);
  CHECK_STR(err.file, tmp_path("n.ndjson"));
  CHECK_STR(err.message, "malformed JSON: parsing stopped here");
  CHECK_INT(vb_reader_line(r), 5);
  CHECK_RAW(r, "{\"id\":4,\"text\":\"broken\",}");
  CHECK_FIELD(r, 0, "");

  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.line, 6);
  CHECK_INT(err.column, 1);
  CHECK_STR(err.message, "expected a JSON object");
  CHECK_RAW(r, "[1,2]");

  /* Numbers: big integers keep every digit; integral values print as
   * integers; the rest as the shortest round-trip text. */
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 7);
  CHECK_FIELD(r, 0, "12345678901234567890");
  CHECK_FIELD(r, 1, "100");
  CHECK_FIELD(r, 2, "-0.5");
  CHECK_FIELD(r, 3, "0.1");
  CHECK_FIELD(r, 4, "9");
  CHECK_FIELD(r, 5, "-7");

  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.line, 8);
  CHECK_STR(err.message, "expected a JSON object");

  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.line, 9);
  CHECK_INT(err.column, 24);
  CHECK_STR(err.message, "malformed JSON: parsing stopped here");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 10);
  CHECK_FIELD(r, 0, "7");
  CHECK_FIELD(r, 2, "end");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_ndjson_header_keys(void) {
  /* A repeated key is one column; the first value wins. */
  vb_reader *r = open_text(
      "dup.ndjson", "{\"a\":1,\"b\":2,\"a\":3}\n{\"b\":5,\"a\":4,\"a\":6}\n",
      VB_FORMAT_AUTO);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_column_count(r), 2);
  CHECK_STR(vb_reader_column_name(r, 0), "a");
  CHECK_STR(vb_reader_column_name(r, 1), "b");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 0, "1");
  CHECK_FIELD(r, 1, "2");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 0, "4");
  CHECK_FIELD(r, 1, "5");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_ndjson_bad_header(void) {
  vb_reader *r = (vb_reader *)1;
  vb_error err;
  const char *path = puts_("badhead.ndjson", "\n{\"a\": }\n{\"a\":1}\n");
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EMALFORMED);
  CHECK(r == NULL);
  CHECK_INT(err.line, 2);
  CHECK_INT(err.column, 7);
  CHECK_STR(err.file, path);
  r = (vb_reader *)1;
  path = puts_("arrhead.jsonl", "[1]\n");
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EMALFORMED);
  CHECK(r == NULL);
  CHECK_STR(err.message, "expected a JSON object");
}

/* ---- malformed rows and recovery -------------------------------------- */

static void test_stray_after_quote(void) {
  vb_reader *r = open_text(
      "stray.csv", "a,b\n1,\"x\"y\n\"p\"\"q\"\x01,z\n3,4\n", VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.code, VB_EMALFORMED);
  CHECK_INT(err.line, 2);
  CHECK_INT(err.column, 6);
  CHECK_STR(err.message, "unexpected character 'y' after closing quote");
  CHECK_STR(err.file, tmp_path("stray.csv"));
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_RAW(r, "1,\"x\"y");
  CHECK_FIELD(r, 0, "");

  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(err.line, 3);
  CHECK_INT(err.column, 7);
  CHECK_STR(err.message, "unexpected byte 0x01 after closing quote");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(err.code, VB_OK);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 0, "3");
  CHECK_FIELD(r, 1, "4");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_unterminated_quote(void) {
  vb_reader *r = open_text("unterm.csv", "a,b\n1,ok\n2,\"open\n3,x\n4,y\n5,z",
                           VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 1, "ok");
  /* "open runs to the end of input without a closing quote... */
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_INT(err.line, 3);
  CHECK_INT(err.column, 3);
  CHECK_STR(err.message, "unterminated quoted field starting at line 3");
  CHECK_RAW(r, "2,\"open");
  /* ...yet swallows nothing: the lines after it are rows again. */
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 0, "3");
  CHECK_FIELD(r, 1, "x");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 5);
  CHECK_FIELD(r, 1, "y");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 6);
  CHECK_FIELD(r, 1, "z");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);

  /* A stray opening quote that a later quote closes: the error is where
   * that field ends, the row is reported at its start, and the lines it
   * spanned are read again. */
  r = open_text("unterm2.csv", "a,b\n2,\"open\n3,x\n4,\"y\"\n5,z\n",
                VB_FORMAT_CSV);
  if (!r)
    return;
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_INT(err.line, 4);
  CHECK_INT(err.column, 4);
  CHECK_STR(err.message, "unexpected character 'y' after closing quote");
  CHECK_RAW(r, "2,\"open");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 3);
  CHECK_FIELD(r, 1, "x");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 1, "y");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 5);
  CHECK_FIELD(r, 1, "z");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_ragged_rows(void) {
  vb_reader *r = open_text(
      "ragged.csv", "a,b,c\n1,2\n1,2,3,4\n5,6,7\n8,\"x\ny\",9,10\nz,z,z\n",
      VB_FORMAT_CSV);
  if (!r)
    return;
  vb_error err;
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_STR(err.message, "expected 3 fields, found 2");
  CHECK_INT(err.line, 2);
  CHECK_INT(err.column, 4);
  CHECK_INT(vb_reader_line(r), 2);
  CHECK_RAW(r, "1,2");

  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_STR(err.message, "expected 3 fields, found 4");
  CHECK_INT(err.line, 3);
  CHECK_INT(err.column, 7);
  CHECK_RAW(r, "1,2,3,4");

  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 4);
  CHECK_FIELD(r, 2, "7");

  /* A two-line row with a field too many: reported at its start, raw is
   * its first line, and its second line is read again as a row. */
  CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
  CHECK_STR(err.message, "expected 3 fields, found 4");
  CHECK_INT(err.line, 6);
  CHECK_INT(err.column, 6);
  CHECK_INT(vb_reader_line(r), 5);
  CHECK_RAW(r, "8,\"x");
  /* `y",9,10` has three fields (the quote is literal): a row. */
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 6);
  CHECK_FIELD(r, 0, "y\"");
  CHECK_FIELD(r, 1, "9");
  CHECK_FIELD(r, 2, "10");
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_INT(vb_reader_line(r), 7);
  CHECK_FIELD(r, 0, "z");
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

/* ---- size limits ------------------------------------------------------ */

static void test_too_big_in_line(void) {
  text t = {0};
  adds(&t, "a,b\n1,short\n2,");
  for (int i = 0; i < 100; i++)
    adds(&t, "x");
  adds(&t, "\n3,\"");
  for (int i = 0; i < 40; i++)
    adds(&t, "y");
  adds(&t, "\n");
  for (int i = 0; i < 40; i++)
    adds(&t, "z");
  adds(&t, "\"\n4,ok\n");
  vb_reader *r = must_open(put("big.csv", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    vb_reader_set_max_row(r, 64);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "short");
    CHECK_INT(vb_reader_next(r, &err), VB_ETOOBIG);
    CHECK_INT(err.code, VB_ETOOBIG);
    CHECK_STR(err.message, "row exceeds the 64-byte limit");
    CHECK_INT(err.line, 3);
    CHECK_INT(vb_reader_line(r), 3);
    size_t n;
    const char *raw = vb_reader_raw(r, &n);
    CHECK_INT(n, 102);
    CHECK(n == 102 && memcmp(raw, "2,xxxx", 6) == 0 && raw[101] == 'x');
    CHECK_FIELD(r, 0, "");

    /* 86 bytes over two lines: too big; its second line reads again (a
     * single field with a literal quote, so malformed). */
    CHECK_INT(vb_reader_next(r, &err), VB_ETOOBIG);
    CHECK_INT(vb_reader_line(r), 4);
    raw = vb_reader_raw(r, &n);
    CHECK_INT(n, 43);
    CHECK(n == 43 && memcmp(raw, "3,\"yyy", 6) == 0);
    CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
    CHECK_INT(vb_reader_line(r), 5);
    CHECK_STR(err.message, "expected 2 fields, found 1");

    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 6);
    CHECK_FIELD(r, 1, "ok");
    CHECK_INT(vb_reader_next(r, &err), 0);

    vb_reader_free(r);
  }
  free(t.s);
}

/* A too-big line that is buffered whole still shows only 4096 raw bytes. */
static void test_too_big_raw_truncated(void) {
  text t = {0};
  adds(&t, "a,b\n1,");
  for (int i = 0; i < 6000; i++)
    add(&t, i % 2 ? "m" : "n", 1);
  adds(&t, "\n2,ok\n");
  vb_reader *r = must_open(put("raw.csv", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    vb_reader_set_max_row(r, 5000);
    CHECK_INT(vb_reader_next(r, &err), VB_ETOOBIG);
    CHECK_STR(err.message, "row exceeds the 5000-byte limit");
    size_t n;
    const char *raw = vb_reader_raw(r, &n);
    CHECK_INT(n, 4096);
    CHECK(n == 4096 && memcmp(raw, "1,nmnm", 6) == 0 && raw[4095] == 'm');
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 3);
    CHECK_FIELD(r, 1, "ok");
    vb_reader_free(r);
  }
  free(t.s);
}

/* One line much longer than the limit and the buffer: discarded as it is
 * read, raw keeps its first 4096 bytes, and the next line is a row. */
static void test_too_big_huge_line(void) {
  text t = {0};
  adds(&t, "a,b\n1,first\n");
  const size_t huge = 5u << 20;
  char *line = malloc(huge);
  if (!line)
    exit(2);
  for (size_t i = 0; i < huge; i++)
    line[i] = (char)('a' + i % 26);
  line[0] = '"'; /* an opening quote that never closes on this line */
  add(&t, line, huge);
  free(line);
  adds(&t, "\r\n2,after\n");
  for (int gz = 0; gz < 2; gz++) {
    vb_reader *r = must_open(gz ? put_gz("huge.csv.gz", t.s, t.len)
                                : put("huge.csv", t.s, t.len),
                             VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    vb_reader_set_max_row(r, 64);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "first");
    CHECK_INT(vb_reader_next(r, &err), VB_ETOOBIG);
    CHECK_STR(err.message, "row exceeds the 64-byte limit");
    CHECK_INT(vb_reader_line(r), 3);
    size_t n;
    const char *raw = vb_reader_raw(r, &n);
    CHECK_INT(n, 4096);
    CHECK(n == 4096 && raw[0] == '"' && raw[1] == 'b' &&
          raw[4095] == (char)('a' + 4095 % 26));
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 4);
    CHECK_FIELD(r, 0, "2");
    CHECK_FIELD(r, 1, "after");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
  /* A stray character early in such a line: malformed (found within the
   * limit), and the rest of the line is still discarded, not buffered. */
  memcpy(t.s + 12, "\"x\"y", 4);
  vb_reader *m = must_open(put("huge2.csv", t.s, t.len), VB_FORMAT_AUTO);
  if (m) {
    vb_error err;
    vb_reader_set_max_row(m, 64);
    CHECK_INT(vb_reader_next(m, &err), 1);
    CHECK_INT(vb_reader_next(m, &err), VB_EMALFORMED);
    CHECK_STR(err.message, "unexpected character 'y' after closing quote");
    CHECK_INT(err.line, 3);
    CHECK_INT(err.column, 4);
    size_t n;
    const char *raw = vb_reader_raw(m, &n);
    CHECK_INT(n, 4096);
    CHECK(n == 4096 && memcmp(raw, "\"x\"ye", 5) == 0);
    CHECK_INT(vb_reader_next(m, &err), 1);
    CHECK_INT(vb_reader_line(m), 4);
    CHECK_FIELD(m, 1, "after");
    vb_reader_free(m);
  }
  memcpy(t.s + 12, "\"bcd", 4);

  /* The same line under the default limit is simply a malformed row. */
  vb_reader *r = must_open(tmp_path("huge.csv"), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_next(r, &err), VB_EMALFORMED);
    CHECK_STR(err.message, "unterminated quoted field starting at line 3");
    size_t n;
    vb_reader_raw(r, &n);
    CHECK_INT(n, huge);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 4);
    CHECK_FIELD(r, 1, "after");
    vb_reader_free(r);
  }
  free(t.s);
}

/* A row larger than the read buffer but under the limit is read whole. */
static void test_row_larger_than_buffer(void) {
  text t = {0};
  adds(&t, "id,text\n1,\"");
  const size_t big = (3u << 20) + 17;
  for (size_t i = 0; i < big; i++)
    add(&t, i % 1000 == 999 ? "\"\"" : (i % 500 == 0 ? "\n" : "w"),
        i % 1000 == 999 ? 2 : 1);
  adds(&t, "\"\n2,next\n");
  vb_reader *r = must_open(put("wide.csv", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    CHECK_INT(vb_reader_next(r, &err), 1);
    size_t n;
    const char *f = vb_reader_field(r, 1, &n);
    CHECK_INT(n, big);
    int same = n == big;
    for (size_t i = 0; same && i < big; i++)
      same = f[i] == (i % 1000 == 999 ? '"' : (i % 500 == 0 ? '\n' : 'w'));
    CHECK(same);
    CHECK_INT(vb_reader_next(r, &err), 1);
    /* Line breaks at i = 0, 500, 1000, ...: ceil(big / 500) of them. */
    CHECK_INT(vb_reader_line(r), 2 + 1 + (big + 499) / 500);
    CHECK_FIELD(r, 1, "next");
    vb_reader_free(r);
  }
  free(t.s);
}

/* A CRLF split by the first 1 MiB read is still one line break. */
static void test_crlf_across_refill(void) {
  for (int nd = 0; nd < 2; nd++) {
    text t = {0};
    const size_t chunk = 1u << 20;
    if (nd)
      adds(&t, "{\"t\":\"");
    else
      adds(&t, "t\r\n");
    while (t.len < chunk - (nd ? 3 : 1))
      adds(&t, "q");
    if (nd)
      adds(&t, "\"}");
    adds(&t, "\r\n"); /* the CR is the last byte of the first read */
    if (nd)
      adds(&t, "{\"t\":\"b\"}\r\n");
    else
      adds(&t, "b\r\n");
    CHECK_INT(t.s[chunk - 1], '\r');
    vb_reader *r = must_open(put(nd ? "split.ndjson" : "split.csv", t.s, t.len),
                             VB_FORMAT_AUTO);
    if (r) {
      vb_error err;
      CHECK_INT(vb_reader_next(r, &err), 1);
      CHECK_INT(vb_reader_line(r), nd ? 1 : 2);
      size_t n;
      vb_reader_field(r, 0, &n);
      CHECK_INT(n, nd ? chunk - 9 : chunk - 4);
      CHECK_INT(vb_reader_next(r, &err), 1);
      CHECK_INT(vb_reader_line(r), nd ? 2 : 3);
      CHECK_FIELD(r, 0, "b");
      CHECK_INT(vb_reader_next(r, &err), 0);
      vb_reader_free(r);
    }
    free(t.s);
  }
}

static void test_ndjson_too_big(void) {
  text t = {0};
  adds(&t, "{\"id\":1,\"t\":\"a\"}\n{\"id\":2,\"t\":\"");
  for (int i = 0; i < 200; i++)
    adds(&t, "v");
  adds(&t, "\"}\n{\"id\":3,\"t\":\"c\"}\n");
  vb_reader *r = must_open(put("big.jsonl", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    vb_error err;
    vb_reader_set_max_row(r, 100);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_next(r, &err), VB_ETOOBIG);
    CHECK_STR(err.message, "row exceeds the 100-byte limit");
    CHECK_INT(vb_reader_line(r), 2);
    size_t n;
    vb_reader_raw(r, &n);
    CHECK_INT(n, 215);
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_INT(vb_reader_line(r), 3);
    CHECK_FIELD(r, 0, "3");
    /* 0 restores the default limit. */
    vb_reader_set_max_row(r, 0);
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
  free(t.s);
}

/* ---- empty input, header only, bytes ---------------------------------- */

static void test_empty_inputs(void) {
  struct {
    const char *name, *content;
    size_t len;
  } cases[] = {
      {"empty.csv", "", 0},
      {"bomonly.csv", "\xEF\xBB\xBF", 3},
      {"blanks.csv", "\n\r\n  \n\t\n\r", 9},
      {"blanks.ndjson", "\n\n   \n", 6},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *path = put(cases[i].name, cases[i].content, cases[i].len);
    vb_reader *r = (vb_reader *)1;
    vb_error err;
    CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EEMPTY);
    CHECK(r == NULL);
    CHECK_INT(err.code, VB_EEMPTY);
    CHECK_STR(err.message, "empty input: no header row");
    CHECK_STR(err.file, path);
  }
  vb_reader *r = (vb_reader *)1;
  vb_error err;
  const char *path = put_gz("empty.csv.gz", "", 0);
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EEMPTY);
  CHECK(r == NULL);
}

static void test_header_only(void) {
  const char *inputs[] = {"a,b\n", "a,b", "a,b\r\n\r\n\n"};
  for (int i = 0; i < 3; i++) {
    vb_reader *r = open_text("head.csv", inputs[i], VB_FORMAT_AUTO);
    if (!r)
      continue;
    vb_error err;
    CHECK_INT(vb_reader_column_count(r), 2);
    CHECK_STR(vb_reader_column_name(r, 1), "b");
    CHECK_INT(vb_reader_next(r, &err), 0);
    vb_reader_free(r);
  }
}

static void test_malformed_header(void) {
  vb_reader *r = (vb_reader *)1;
  vb_error err;
  const char *path = puts_("badhead.csv", "\n\"a\"x,b\n1,2\n");
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EMALFORMED);
  CHECK(r == NULL);
  CHECK_INT(err.line, 2);
  CHECK_INT(err.column, 4);
  CHECK_STR(err.message, "unexpected character 'x' after closing quote");
  CHECK_STR(err.file, path);
  r = (vb_reader *)1;
  path = puts_("openhead.csv", "a,\"b\n");
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EMALFORMED);
  CHECK(r == NULL);
  CHECK_STR(err.message, "unterminated quoted field starting at line 1");
  CHECK_INT(err.column, 3);
}

static void test_nul_and_invalid_utf8(void) {
  static const char data[] = "a,b\n1,x\0y\xff\n\"q\0\xfe\"\"\",\xc3\n";
  vb_reader *r =
      must_open(put("bytes.csv", data, sizeof data - 1), VB_FORMAT_AUTO);
  if (!r)
    return;
  vb_error err;
  size_t n;
  CHECK_INT(vb_reader_next(r, &err), 1);
  const char *f = vb_reader_field(r, 1, &n);
  CHECK_INT(n, 4);
  CHECK(n == 4 && memcmp(f, "x\0y\xff", 4) == 0);
  f = vb_reader_raw(r, &n);
  CHECK_INT(n, 6);
  CHECK(n == 6 && memcmp(f, "1,x\0y\xff", 6) == 0);
  CHECK_INT(vb_reader_next(r, &err), 1);
  f = vb_reader_field(r, 0, &n);
  CHECK_INT(n, 4);
  CHECK(n == 4 && memcmp(f, "q\0\xfe\"", 4) == 0);
  f = vb_reader_field(r, 1, &n);
  CHECK_INT(n, 1);
  CHECK(n == 1 && f[0] == '\xc3');
  CHECK_INT(vb_reader_next(r, &err), 0);
  vb_reader_free(r);
}

static void test_find_column(void) {
  vb_reader *r =
      open_text("cols.csv", "Id,Comment,comment,NPS Score\n", VB_FORMAT_CSV);
  if (!r)
    return;
  CHECK_INT(vb_reader_find_column(r, "comment"), 2); /* exact first */
  CHECK_INT(vb_reader_find_column(r, "Comment"), 1);
  CHECK_INT(vb_reader_find_column(r, "COMMENT"), 1); /* then any case */
  CHECK_INT(vb_reader_find_column(r, "id"), 0);
  CHECK_INT(vb_reader_find_column(r, "nps score"), 3);
  CHECK_INT(vb_reader_find_column(r, "nps"), -1);
  CHECK_INT(vb_reader_find_column(r, ""), -1);
  CHECK_INT(vb_reader_find_column(r, NULL), -1);
  vb_reader_free(r);

  /* A repeated name is an error that names it, where the header is
   * (after the blank line); repeated empty names are not. */
  vb_error err;
  const char *path = puts_("cols2.csv", "\nx,y,x\n");
  r = (vb_reader *)1;
  CHECK_INT(vb_reader_open(path, VB_FORMAT_CSV, &r, &err), VB_EMALFORMED);
  CHECK(r == NULL);
  CHECK_STR(err.file, path);
  CHECK_INT(err.line, 2);
  CHECK_STR(err.message, "duplicate column name 'x' (columns 1 and 3); "
                         "rename one in the header");
  r = open_text("cols3.csv", "x,y,,\n", VB_FORMAT_CSV);
  if (!r)
    return;
  CHECK_INT(vb_reader_column_count(r), 4);
  CHECK_INT(vb_reader_find_column(r, "X"), 0);
  vb_reader_free(r);
}

static void test_open_errors(void) {
  vb_reader *r = (vb_reader *)1;
  vb_error err;
  const char *path = tmp_path("does-not-exist.csv");
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_EIO);
  CHECK(r == NULL);
  CHECK_INT(err.code, VB_EIO);
  CHECK_STR(err.file, path);
  CHECK_STR(err.message, "cannot open: No such file or directory");
  CHECK_INT(err.line, 0);

  r = (vb_reader *)1;
  CHECK_INT(vb_reader_open(tmpdir_, VB_FORMAT_AUTO, &r, &err), VB_EIO);
  CHECK(r == NULL);
  CHECK_STR(err.message, "cannot open: Is a directory");

  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, NULL, &err), VB_EINVAL);
  vb_reader_free(NULL); /* a no-op */
  CHECK(1);
}

/* ---- main ------------------------------------------------------------- */

/* ---- survey exports: separators, encodings, extra header rows --------- */

/* Opens `content` written to `name` with options (NULL: the defaults). */
static vb_reader *open_with(const char *name, const char *content, size_t len,
                            const vb_reader_options *o) {
  vb_reader *r = NULL;
  vb_error err;
  int rc = vb_reader_open_with(put(name, content, len), o, &r, &err);
  CHECK_INT(rc, VB_OK);
  if (rc)
    fprintf(stderr, "  open %s: %s\n", name, err.message);
  return r;
}

static void test_sniff_delimiter(void) {
  struct {
    const char *content;
    char want;
    size_t columns;
  } cases[] = {
      {"id;score;comment\n1;9;ok\n", ';', 3},
      {"id|score|comment\n1|9|ok\n", '|', 3},
      {"id\tscore\tcomment\n1\t9\tok\n", '\t', 3},
      {"a,b;c\n1,2;3\n", ',', 2},         /* a tie: the comma */
      {"\"a;b;c\",d,e\n1,2,3\n", ',', 3}, /* quoted separators do not count */
      {"comment\nfine\n", ',', 1},        /* none at all */
      {"\"x\ny;z\";w\n1;2\n", ';', 2},    /* a header field over two lines */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_reader *r = open_with("sniff.csv", cases[i].content,
                             strlen(cases[i].content), NULL);
    if (!r)
      continue;
    CHECK_INT(vb_reader_delimiter(r), cases[i].want);
    CHECK_INT(vb_reader_delimiter_sniffed(r), 1);
    CHECK_INT(vb_reader_column_count(r), cases[i].columns);
    vb_reader_free(r);
  }
  /* A delimiter set by an option or implied by the format is not sniffed. */
  vb_reader_options *o;
  CHECK_INT(vb_reader_options_new(&o), VB_OK);
  CHECK_INT(vb_reader_options_set_delimiter(o, '"'), VB_EINVAL);
  CHECK_INT(vb_reader_options_set_delimiter(o, '\n'), VB_EINVAL);
  CHECK_INT(vb_reader_options_set_delimiter(o, ','), VB_OK);
  const char *semi = "a;b,c\n1;2,3\n";
  vb_reader *r = open_with("forced.csv", semi, strlen(semi), o);
  if (r) {
    CHECK_INT(vb_reader_delimiter(r), ',');
    CHECK_INT(vb_reader_delimiter_sniffed(r), 0);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "1;2");
    vb_reader_free(r);
  }
  vb_reader_options_free(o);
  r = open_with("semi.tsv", "a;b;c\tx\n1;2;3\ty\n", 16, NULL);
  if (r) {
    CHECK_INT(vb_reader_delimiter(r), '\t');
    CHECK_INT(vb_reader_delimiter_sniffed(r), 0);
    vb_reader_free(r);
  }
  r = open_with("obj.ndjson", "{\"a;b\":1}\n", 10, NULL);
  if (r) {
    CHECK_INT(vb_reader_delimiter(r), 0);
    vb_reader_free(r);
  }
}

static void test_encoding_windows_1252(void) {
  vb_reader_options *o;
  CHECK_INT(vb_reader_options_new(&o), VB_OK);
  CHECK_INT(vb_reader_options_set_encoding(o, "no-such-encoding"), VB_EINVAL);
  CHECK_INT(vb_reader_options_set_encoding(o, "windows-1252"), VB_OK);
  const char *cp = "id;comment\r\n1;Tr\xe8s bien\r\n2;paid \x80"
                   "49\r\n";
  vb_reader *r = open_with("excel.csv", cp, strlen(cp), o);
  if (r) {
    CHECK(strcmp(vb_reader_encoding(r), "UTF-8") != 0);
    CHECK_INT(vb_reader_delimiter(r), ';');
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 1, "Tr\xc3\xa8s bien");
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 1,
                "paid \xe2\x82\xac"
                "49");
    CHECK_RAW(r, "2;paid \xe2\x82\xac"
                 "49");
    CHECK_INT(vb_reader_line(r), 3);
    CHECK_INT(vb_reader_next(r, NULL), 0);
    vb_reader_free(r);
  }
  /* Without the option the same bytes pass through as they are. */
  r = open_with("excel.csv", cp, strlen(cp), NULL);
  if (r) {
    CHECK_STR(vb_reader_encoding(r), "UTF-8");
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 1, "Tr\xe8s bien");
    vb_reader_free(r);
  }
  /* UTF-8 under an alias needs no converter. */
  CHECK_INT(vb_reader_options_set_encoding(o, "utf8"), VB_OK);
  r = open_with("utf8.csv", "a\n\xc3\xa8\n", 5, o);
  if (r) {
    CHECK_STR(vb_reader_encoding(r), "UTF-8");
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "\xc3\xa8");
    vb_reader_free(r);
  }
  vb_reader_options_free(o);
  vb_reader_options_free(NULL);
}

/* UTF-16 text of an ASCII + é + € string, as `le` or big-endian. */
static void add_utf16(text *t, const char *utf8, int le) {
  for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
    unsigned cp = *p++;
    if (cp >= 0xE0) {
      cp = (cp & 0x0F) << 12 | (p[0] & 0x3Fu) << 6 | (p[1] & 0x3Fu);
      p += 2;
    } else if (cp >= 0xC0) {
      cp = (cp & 0x1F) << 6 | (p[0] & 0x3Fu);
      p++;
    }
    char u[2] = {(char)(le ? cp & 0xFF : cp >> 8),
                 (char)(le ? cp >> 8 : cp & 0xFF)};
    add(t, u, 2);
  }
}

static void test_encoding_utf16(void) {
  for (int le = 0; le <= 1; le++) {
    text t = {0};
    add(&t, le ? "\xFF\xFE" : "\xFE\xFF", 2);
    add_utf16(&t, "id,comment\r\n", le);
    /* Well past two CHUNKs, so the converter refills its input many times
     * and characters straddle its buffer boundaries. */
    const int rows = 90000;
    for (int i = 0; i < rows; i++) {
      char row[64];
      snprintf(row, sizeof row, "%d,caf\xc3\xa9 \xe2\x82\xac%d\r\n", i, i);
      add_utf16(&t, row, le);
    }
    vb_reader *r = open_with(le ? "le.csv" : "be.csv", t.s, t.len, NULL);
    if (r) {
      CHECK_STR(vb_reader_encoding(r), le ? "UTF-16LE" : "UTF-16BE");
      CHECK_INT(vb_reader_column_count(r), 2);
      CHECK_STR(vb_reader_column_name(r, 0), "id");
      int good = 0;
      for (int i = 0; i < rows && vb_reader_next(r, NULL) == 1; i++) {
        char want[64];
        size_t n;
        snprintf(want, sizeof want, "caf\xc3\xa9 \xe2\x82\xac%d", i);
        const char *f = vb_reader_field(r, 1, &n);
        good += n == strlen(want) && memcmp(f, want, n) == 0 &&
                vb_reader_line(r) == (uint64_t)i + 2;
      }
      CHECK_INT(good, rows);
      CHECK_INT(vb_reader_next(r, NULL), 0);
      CHECK(vb_reader_bytes_read(r) > 0);
      vb_reader_free(r);
    }
    free(t.s);
  }
  /* A truncated last code unit becomes U+FFFD, nothing is dropped. */
  text t = {0};
  add(&t, "\xFF\xFE", 2);
  add_utf16(&t, "a\nb", 1);
  add(&t, "c", 1);
  vb_reader *r = open_with("odd.csv", t.s, t.len, NULL);
  if (r) {
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "b\xef\xbf\xbd");
    vb_reader_free(r);
  }
  free(t.s);
  /* gzip and UTF-16 together. */
  t = (text){0};
  add(&t, "\xFF\xFE", 2);
  add_utf16(&t,
            "comment\n\xe2\x82\xac"
            "5\n",
            1);
  r = must_open(put_gz("u16.csv.gz", t.s, t.len), VB_FORMAT_AUTO);
  if (r) {
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0,
                "\xe2\x82\xac"
                "5");
    vb_reader_free(r);
  }
  free(t.s);
}

static void test_skip_rows(void) {
  const char *qualtrics = "\xEF\xBB\xBFStartDate,Q1,Q2\r\n"
                          "Start Date,How likely?,\"Why?\r\nBe specific.\"\r\n"
                          "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{"
                          "\"\"ImportId\"\":\"\"QID1\"\"}\","
                          "\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\"\r\n"
                          "2026-01-01,9,great\r\n";
  vb_reader *r = open_with("q.csv", qualtrics, strlen(qualtrics), NULL);
  if (r) {
    CHECK_INT(vb_reader_qualtrics(r), 1);
    CHECK_INT(vb_reader_skipped_rows(r), 2);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 2, "great");
    CHECK_INT(vb_reader_line(r), 5);
    CHECK_INT(vb_reader_next(r, NULL), 0);
    vb_reader_free(r);
  }
  /* --skip-rows 0: no detection, the rows come back. */
  vb_reader_options *o;
  CHECK_INT(vb_reader_options_new(&o), VB_OK);
  vb_reader_options_set_skip_rows(o, 0);
  r = open_with("q.csv", qualtrics, strlen(qualtrics), o);
  if (r) {
    CHECK_INT(vb_reader_qualtrics(r), 0);
    CHECK_INT(vb_reader_skipped_rows(r), 0);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "Start Date");
    vb_reader_free(r);
  }
  /* An explicit count, a malformed row among them, and more than there
   * are. */
  vb_reader_options_set_skip_rows(o, 2);
  const char *two = "a,b\nunits,\"x\"y\nx,y\n1,2\n";
  r = open_with("two.csv", two, strlen(two), o);
  if (r) {
    CHECK_INT(vb_reader_skipped_rows(r), 2);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "1");
    CHECK_INT(vb_reader_line(r), 4);
    vb_reader_free(r);
  }
  vb_reader_options_set_skip_rows(o, 9);
  r = open_with("two.csv", two, strlen(two), o);
  if (r) {
    CHECK_INT(vb_reader_skipped_rows(r), 3);
    CHECK_INT(vb_reader_next(r, NULL), 0);
    vb_reader_free(r);
  }
  /* NDJSON: the first N lines, even when they are not JSON. */
  vb_reader_options_set_skip_rows(o, 1);
  vb_reader_options_set_format(o, VB_FORMAT_NDJSON);
  r = open_with("skip.ndjson", "title\n{\"a\":1}\n", 14, o);
  if (r) {
    CHECK_INT(vb_reader_skipped_rows(r), 1);
    CHECK_STR(vb_reader_column_name(r, 0), "a");
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "1");
    vb_reader_free(r);
  }
  vb_reader_options_free(o);
  /* A third row without ImportId is data. */
  const char *plain = "a,b\nx,y\n{\"k\":1},z\n";
  r = open_with("plain.csv", plain, strlen(plain), NULL);
  if (r) {
    CHECK_INT(vb_reader_qualtrics(r), 0);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_FIELD(r, 0, "x");
    vb_reader_free(r);
  }
}

static void test_ndjson_paths(void) {
  const char *nd =
      "{\"id\":1,\"answer\":{\"text\":\"hi\"}}\n"
      "{\"id\":2,\"score\":9,\"answer\":{\"text\":\"yo\",\"n\":3},"
      "\"meta\":{\"region\":\"EU\"},\"items\":[{\"t\":\"a\"},{\"t\":\"b\"}]}\n"
      "{\"id\":3,\"answer\":\"flat\",\"answer.text\":\"dotted key\"}\n";
  vb_reader *r = open_with("paths.ndjson", nd, strlen(nd), NULL);
  if (!r)
    return;
  CHECK_INT(vb_reader_column_count(r), 2);
  long txt = vb_reader_use_column(r, "answer.text");
  long score = vb_reader_use_column(r, "score");
  long region = vb_reader_use_column(r, "meta.region");
  long item = vb_reader_use_column(r, "items.1.t");
  long answer = vb_reader_use_column(r, "answer");
  CHECK_INT(txt, 2);
  CHECK_INT(score, 3);
  CHECK_INT(region, 4);
  CHECK_INT(item, 5);
  CHECK_INT(answer, 1);
  CHECK_INT(vb_reader_use_column(r, "answer.text"), 2); /* found, not added */
  CHECK_INT(vb_reader_use_column(r, ""), -1);
  CHECK_INT(vb_reader_column_count(r), 6);
  CHECK_STR(vb_reader_column_name(r, 4), "meta.region");

  CHECK_INT(vb_reader_next(r, NULL), 1);
  CHECK_FIELD(r, 2, "hi");
  CHECK_INT(vb_reader_field_type(r, 2), VB_VALUE_TEXT);
  CHECK_FIELD(r, 3, "");
  CHECK_INT(vb_reader_field_type(r, 3), VB_VALUE_MISSING);
  CHECK_INT(vb_reader_field_type(r, 1), VB_VALUE_OBJECT);
  CHECK_FIELD(r, 1, "{\"text\":\"hi\"}");

  CHECK_INT(vb_reader_next(r, NULL), 1);
  CHECK_FIELD(r, 2, "yo");
  CHECK_FIELD(r, 3, "9");
  CHECK_INT(vb_reader_field_type(r, 3), VB_VALUE_NUMBER);
  CHECK_FIELD(r, 4, "EU");
  CHECK_FIELD(r, 5, "b");

  CHECK_INT(vb_reader_next(r, NULL), 1);
  CHECK_FIELD(r, 2, "dotted key"); /* a key with a dot wins over the path */
  CHECK_FIELD(r, 1, "flat");
  CHECK_FIELD(r, 4, "");
  CHECK_INT(vb_reader_next(r, NULL), 0);
  vb_reader_free(r);

  /* CSV columns are the header's: nothing is added. */
  r = open_text("paths.csv", "a,b\n1,2\n", VB_FORMAT_AUTO);
  if (r) {
    CHECK_INT(vb_reader_use_column(r, "B"), 1);
    CHECK_INT(vb_reader_use_column(r, "c"), -1);
    CHECK_INT(vb_reader_column_count(r), 2);
    CHECK_INT(vb_reader_next(r, NULL), 1);
    CHECK_INT(vb_reader_field_type(r, 0), VB_VALUE_TEXT);
    vb_reader_free(r);
  }
}

/* Many columns added by name: the index grows and still finds each. */
static void test_ndjson_many_added_columns(void) {
  vb_reader *r =
      open_text("many.ndjson", "{\"a\":1}\n{\"k40\":\"x\"}\n", VB_FORMAT_AUTO);
  if (!r)
    return;
  for (int i = 0; i < 50; i++) {
    char name[16];
    snprintf(name, sizeof name, "k%d", i);
    CHECK_INT(vb_reader_use_column(r, name), i + 1);
  }
  CHECK_INT(vb_reader_find_column(r, "k40"), 41);
  CHECK_INT(vb_reader_find_column(r, "a"), 0);
  CHECK_INT(vb_reader_next(r, NULL), 1);
  CHECK_INT(vb_reader_next(r, NULL), 1);
  CHECK_FIELD(r, 41, "x");
  vb_reader_free(r);
}

/* ---- the same input from a path, a buffer and a callback --------------- */

/* A read callback over a byte string, giving at most `step` bytes a call
 * (short reads must be asked again), and failing with -5 once `fail_at`
 * bytes have been given (SIZE_MAX: never). */
typedef struct feed {
  const char *data;
  size_t len, at, step, fail_at;
  int calls_after_end; /* calls after it returned 0 or a negative number */
  bool ended;
} feed;

static long feed_read(void *ctx, char *buf, size_t size) {
  feed *f = ctx;
  if (f->ended)
    f->calls_after_end++;
  if (f->at >= f->fail_at) {
    f->ended = true;
    return -5;
  }
  size_t n = f->len - f->at;
  if (n > size)
    n = size;
  if (n > f->step)
    n = f->step;
  if (f->fail_at != SIZE_MAX && n > f->fail_at - f->at)
    n = f->fail_at - f->at;
  memcpy(buf, f->data + f->at, n);
  f->at += n;
  f->ended = n == 0;
  return (long)n;
}

static void add_error(text *t, int rc, const vb_error *e) {
  addf(t, "rc=%d", rc);
  if (rc < 0) {
    addf(t, " %s:%u:%u ", e->file, e->line, e->column);
    adds(t, e->message);
  }
  adds(t, "\n");
}

/* Everything a reader says about its input, in one text: what open
 * returned, what it found, every row (line, fields and their types, raw
 * bytes) and every error with its position, to the end. */
static char *transcript(int rc, vb_reader *r, const vb_error *open_err,
                        const char *use_column) {
  text t = {0};
  add_error(&t, rc, open_err);
  if (rc != VB_OK)
    return t.s;
  if (use_column)
    addf(&t, "use %s -> %ld\n", use_column,
         vb_reader_use_column(r, use_column));
  addf(&t,
       "name=%s format=%d encoding=%s sep=%d sniffed=%d qualtrics=%d "
       "skipped=%llu\n",
       vb_reader_name(r), (int)vb_reader_format(r), vb_reader_encoding(r),
       vb_reader_delimiter(r), vb_reader_delimiter_sniffed(r),
       vb_reader_qualtrics(r), (unsigned long long)vb_reader_skipped_rows(r));
  for (size_t c = 0; c < vb_reader_column_count(r); c++)
    addf(&t, "column %zu: %s\n", c, vb_reader_column_name(r, c));
  for (int guard = 0; guard < 1000000; guard++) {
    vb_error err;
    int next = vb_reader_next(r, &err);
    add_error(&t, next, &err);
    if (next <= 0 && next != VB_EMALFORMED && next != VB_ETOOBIG)
      break;
    addf(&t, "line %llu:", (unsigned long long)vb_reader_line(r));
    for (size_t c = 0; c < vb_reader_column_count(r); c++) {
      size_t n;
      const char *f = vb_reader_field(r, c, &n);
      addf(&t, " [%d]", (int)vb_reader_field_type(r, c));
      add(&t, f, n);
    }
    size_t n;
    const char *raw = vb_reader_raw(r, &n);
    adds(&t, " raw=");
    add(&t, raw, n);
    adds(&t, "\n");
  }
  vb_reader_free(r);
  return t.s;
}

/* The last line of a transcript (how the reading ended). */
static const char *last_line(const char *t) {
  size_t n = strlen(t);
  while (n > 0 && t[n - 1] == '\n')
    n--;
  while (n > 0 && t[n - 1] != '\n')
    n--;
  return t + n;
}

/* The transcript of `data` read from a file of that name, from memory
 * (named so), and from callbacks giving 1 byte and 1 MiB + 7 bytes a call;
 * every one must be the same.  Corrupt gzip (`corrupt`) is the exception
 * for the 1-byte callback: zlib finds a bad checksum only at the end of a
 * member, and how much was inflated before then depends on how the input
 * came in, so only the error that ends it must be the same.  Returns how
 * many differ from the file's. */
static int same_from_every_source(const char *name, const char *data,
                                  size_t len, const vb_reader_options *o,
                                  const char *use_column, bool corrupt) {
  const char *path = put(name, data, len);
  vb_reader *r = NULL;
  vb_error err;
  int rc = vb_reader_open_with(path, o, &r, &err);
  char *want = transcript(rc, r, &err, use_column);
  int differ = 0;
  for (int k = 0; k < 3; k++) {
    feed f = {data,     len, 0,    k == 1 ? 1 : ((size_t)1 << 20) + 7,
              SIZE_MAX, 0,   false};
    r = NULL;
    rc = k == 0 ? vb_reader_open_memory(data, len, path, o, &r, &err)
                : vb_reader_open_callback(feed_read, &f, path, o, &r, &err);
    char *got = transcript(rc, r, &err, use_column);
    bool same = corrupt && k == 1 ? strcmp(last_line(got), last_line(want)) == 0
                                  : strcmp(got, want) == 0;
    if (!same) {
      differ++;
      fprintf(stderr,
              "  %s via %s differs from the file:\n--- file\n%.2000s"
              "\n--- %s\n%.2000s\n",
              name, k == 0 ? "memory" : "callback", want,
              k == 0 ? "memory" : "callback", got);
    }
    if (k > 0)
      CHECK_INT(f.calls_after_end, 0);
    free(got);
  }
  free(want);
  return differ;
}

static char *gzip_bytes(const char *name, const char *data, size_t len,
                        size_t *zlen) {
  return slurp(put_gz(name, data, len), zlen);
}

static void test_sources_agree(void) {
  static const char csv[] =
      "id,score,comment\r\n1,9,\"Great, \"\"really\"\"\r\nservice\"\r\n\r\n"
      "2,3,slow\r\n3,x,\"bad\"quote\r\n4,5\r\n5,6,fine\r\n";
  CHECK_INT(
      same_from_every_source("s.csv", csv, strlen(csv), NULL, NULL, false), 0);
  static const char tsv[] = "id\tcomment\n1\ta,b \"q\"\n2\t\n";
  CHECK_INT(
      same_from_every_source("s.tsv", tsv, strlen(tsv), NULL, NULL, false), 0);
  static const char semi[] = "id;comment\n1;ok\n";
  CHECK_INT(
      same_from_every_source("semi", semi, strlen(semi), NULL, NULL, false), 0);
  static const char nd[] =
      "{\"id\":1,\"comment\":\"hi\",\"answer\":{\"text\":\"deep\"}}\n"
      "\n{\"id\":12345678901234567890,\"comment\":null}\n"
      "{\"id\":3,\"comment\":[1,2]\n"
      "[1]\n{\"id\":4.5,\"comment\":true,\"answer\":{\"text\":\"x\"}}\n";
  CHECK_INT(same_from_every_source("s.ndjson", nd, strlen(nd), NULL,
                                   "answer.text", false),
            0);
  CHECK_INT(same_from_every_source("noext", nd, strlen(nd), NULL, NULL, false),
            0);
  static const char qualtrics[] = "StartDate,Q1\r\nStart Date,How likely?\r\n"
                                  "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{"
                                  "\"\"ImportId\"\":\"\"QID1\"\"}\"\r\n"
                                  "2026-01-01,9\r\n";
  CHECK_INT(same_from_every_source("q.csv", qualtrics, strlen(qualtrics), NULL,
                                   NULL, false),
            0);

  /* gzip: whole, truncated, corrupted; then several refills' worth. */
  size_t zlen;
  char *z = gzip_bytes("s.csv.gz", csv, strlen(csv), &zlen);
  CHECK_INT(same_from_every_source("s.csv.gz", z, zlen, NULL, NULL, false), 0);
  CHECK_INT(same_from_every_source("t.csv.gz", z, zlen - 9, NULL, NULL, false),
            0);
  z[zlen / 2] = (char)(z[zlen / 2] ^ 0x5A);
  CHECK_INT(same_from_every_source("c.csv.gz", z, zlen, NULL, NULL, true), 0);
  free(z);
  /* Two gzip members one after the other read as one input; bytes after
   * a member that are not another member are ignored, as gzread does. */
  static const char part1[] = "id,comment\n1,one\n", part2[] = "2,two\n";
  size_t z1len, z2len;
  char *z1 = gzip_bytes("p1.gz", part1, strlen(part1), &z1len);
  char *z2 = gzip_bytes("p2.gz", part2, strlen(part2), &z2len);
  text two = {0};
  add(&two, z1, z1len);
  add(&two, z2, z2len);
  CHECK_INT(
      same_from_every_source("two.csv.gz", two.s, two.len, NULL, NULL, false),
      0);
  two.len = z1len;
  adds(&two, "3,junk\n");
  CHECK_INT(
      same_from_every_source("junk.csv.gz", two.s, two.len, NULL, NULL, false),
      0);
  free(two.s);
  free(z1);
  free(z2);
  text big = {0};
  adds(&big, "id,comment\n");
  for (int i = 0; i < 120000; i++)
    addf(&big, "%d,\"comment %d, with \"\"quotes\"\" and padding\"\n", i, i);
  CHECK_INT(
      same_from_every_source("big.csv", big.s, big.len, NULL, NULL, false), 0);
  z = gzip_bytes("big.csv.gz", big.s, big.len, &zlen);
  CHECK_INT(same_from_every_source("big.csv.gz", z, zlen, NULL, NULL, false),
            0);
  free(z);
  free(big.s);

  /* UTF-16 with a byte-order mark, plain and gzipped; an encoding set. */
  text u = {0};
  add(&u, "\xFF\xFE", 2);
  add_utf16(&u, "id,comment\r\n1,caf\xc3\xa9 \xe2\x82\xac\r\n2,\"x\"y\r\n", 1);
  CHECK_INT(same_from_every_source("u.csv", u.s, u.len, NULL, NULL, false), 0);
  for (int i = 0; i < 3000; i++) { /* past a small buffer's first chunk */
    char row[64];
    snprintf(row, sizeof row, "%d,\"\xe2\x82\xac%d\r\n\"\r\n", i, i);
    add_utf16(&u, row, 1);
  }
  CHECK_INT(same_from_every_source("u3k.csv", u.s, u.len, NULL, NULL, false),
            0);
  z = gzip_bytes("u.csv.gz", u.s, u.len, &zlen);
  CHECK_INT(same_from_every_source("u.csv.gz", z, zlen, NULL, NULL, false), 0);
  free(z);
  free(u.s);
  vb_reader_options *o;
  CHECK_INT(vb_reader_options_new(&o), VB_OK);
  CHECK_INT(vb_reader_options_set_encoding(o, "windows-1252"), VB_OK);
  static const char latin[] = "id,comment\n1,caf\xe9 \x80\n";
  CHECK_INT(
      same_from_every_source("l.csv", latin, strlen(latin), o, NULL, false), 0);
  vb_reader_options_free(o);

  /* Nothing at all, and a header alone. */
  CHECK_INT(same_from_every_source("empty.csv", "", 0, NULL, NULL, false), 0);
  CHECK_INT(same_from_every_source("h.csv", "a,b", 3, NULL, NULL, false), 0);
}

/* A callback's error is VB_EIO naming the input, after the rows read
 * before it, and again on every later call; at open, open fails so. */
static void test_callback_error(void) {
  static const char csv[] = "id,comment\n1,one\n2,two\n3,three\n";
  feed f = {csv, strlen(csv), 0, 4, 22, 0, false}; /* fails after "1,one\n" */
  vb_reader *r = NULL;
  vb_error err;
  CHECK_INT(
      vb_reader_open_callback(feed_read, &f, "survey.csv", NULL, &r, &err),
      VB_OK);
  if (r) {
    CHECK_INT(vb_reader_next(r, &err), 1);
    CHECK_FIELD(r, 1, "one");
    CHECK_INT(vb_reader_next(r, &err), VB_EIO);
    CHECK_STR(err.file, "survey.csv");
    CHECK_STR(err.message, "read error (the read callback returned -5)");
    CHECK_INT(vb_reader_next(r, &err), VB_EIO);
    CHECK_STR(err.file, "survey.csv");
    vb_reader_free(r);
  }
  CHECK_INT(f.calls_after_end, 0);

  f = (feed){csv, strlen(csv), 0, 4, 0, 0, false};
  r = (vb_reader *)&f; /* must become NULL */
  CHECK_INT(
      vb_reader_open_callback(feed_read, &f, "survey.csv", NULL, &r, &err),
      VB_EIO);
  CHECK(r == NULL);
  CHECK_STR(err.file, "survey.csv");
  CHECK_STR(err.message, "read error (the read callback returned -5)");

  /* The same error while inflating gzip. */
  size_t zlen;
  char *z = gzip_bytes("e.csv.gz", csv, strlen(csv), &zlen);
  f = (feed){z, zlen, 0, 3, zlen - 4, 0, false};
  CHECK_INT(vb_reader_open_callback(feed_read, &f, NULL, NULL, &r, &err),
            VB_OK);
  if (r) {
    CHECK_STR(vb_reader_name(r), "<callback>");
    int rc;
    while ((rc = vb_reader_next(r, &err)) == 1)
      ;
    CHECK_INT(rc, VB_EIO);
    CHECK_STR(err.file, "<callback>");
    CHECK_STR(err.message, "read error (the read callback returned -5)");
    vb_reader_free(r);
  }
  free(z);

  CHECK_INT(vb_reader_open_callback(NULL, NULL, "x", NULL, &r, &err),
            VB_EINVAL);
  CHECK_INT(vb_reader_open_memory(NULL, 3, "x", NULL, &r, &err), VB_EINVAL);
}

/* A buffer is read in place, not copied: the reader sees the caller's
 * bytes; bytes_read counts them; the name defaults to <memory>. */
static void test_memory_reader(void) {
  static const char csv[] = "comment\nhello\n";
  vb_reader *r = NULL;
  vb_error err;
  CHECK_INT(vb_reader_open_memory(csv, strlen(csv), NULL, NULL, &r, &err),
            VB_OK);
  if (!r)
    return;
  CHECK_STR(vb_reader_name(r), "<memory>");
  CHECK_INT(vb_reader_format(r), VB_FORMAT_CSV);
  CHECK_INT(vb_reader_next(r, &err), 1);
  CHECK_FIELD(r, 0, "hello");
  CHECK_INT(vb_reader_next(r, &err), 0);
  CHECK_INT(vb_reader_bytes_read(r), strlen(csv));
  vb_reader_free(r);
}

int main(void) {
  const char *base = getenv("TMPDIR");
  snprintf(tmpdir_, sizeof tmpdir_, "%s/vb_reader_XXXXXX",
           base && *base ? base : "/tmp");
  if (!mkdtemp(tmpdir_)) {
    perror("mkdtemp");
    return 2;
  }

  test_csv_basic();
  test_csv_quoted();
  test_csv_field_lengths();
  test_csv_literal_quote_in_unquoted_field();
  test_crlf_line_endings();
  test_lone_cr();
  test_bom();
  test_blank_lines();
  test_tsv();
  test_auto_detection();
  test_stdin();
  test_gzip();
  test_gzip_large();
  test_gzip_corrupt();
  test_ndjson();
  test_ndjson_header_keys();
  test_ndjson_bad_header();
  test_stray_after_quote();
  test_unterminated_quote();
  test_ragged_rows();
  test_too_big_in_line();
  test_too_big_raw_truncated();
  test_too_big_huge_line();
  test_row_larger_than_buffer();
  test_crlf_across_refill();
  test_ndjson_too_big();
  test_empty_inputs();
  test_header_only();
  test_malformed_header();
  test_nul_and_invalid_utf8();
  test_find_column();
  test_open_errors();
  test_sniff_delimiter();
  test_encoding_windows_1252();
  test_encoding_utf16();
  test_skip_rows();
  test_ndjson_paths();
  test_ndjson_many_added_columns();
  test_sources_agree();
  test_callback_error();
  test_memory_reader();

  for (size_t i = 0; i < made_count_; i++)
    remove(made_[i]);
  rmdir(tmpdir_);
  return check_exit();
}
