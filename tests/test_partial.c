/*
 * test_partial.c - partial reports: a saved and loaded report writes what
 * the original writes, byte for byte, and saves to the same bytes; and
 * every kind of bad partial (truncated at any length, any byte flipped,
 * wrong magic or version, indices out of range, counts above 2^53,
 * counts that contradict each other) is refused with VB_EPARTIAL and a
 * message naming the file, never loaded.  The bad bodies are built here
 * with a valid checksum, so the checks behind the checksum are reached.
 * With examples a partial carries suggest's counts for the HTML page's
 * candidate terms: they come back exact, and a forged text or a cut in
 * them is refused.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "check.h"
#include "verbatim.h"

static const char *data_path(const char *file) {
  static char path[1024];
  const char *dir = getenv("VB_TEST_DATA");
  snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", file);
  return path;
}

/* A report of the sample corpus by region and month, with rejects. */
static vb_report *report_of(const vb_lexicon *lex, const char *path) {
  static const char *const by[] = {"region"};
  vb_report *rep = NULL;
  vb_job *job = NULL;
  vb_reader *r = NULL;
  vb_error err;
  CHECK_INT(vb_report_new(lex, by, 1, VB_PERIOD_MONTH, NULL, &rep), VB_OK);
  CHECK_INT(vb_report_set_setting(rep, "text column", "comment"), VB_OK);
  CHECK_INT(vb_job_new(lex, &job), VB_OK);
  CHECK_INT(vb_job_set_report(job, rep, NULL), VB_OK);
  CHECK_INT(vb_reader_open(path, VB_FORMAT_AUTO, &r, &err), VB_OK);
  if (r && job && rep)
    CHECK_INT(vb_job_run(job, r, vb_report_overall(rep), &err), VB_OK);
  /* the report keeps the reasons of the job's rejects */
  const char *jr[4], *rr[4];
  uint64_t jn[4], rn[4];
  size_t n = vb_job_reject_reasons(job, 4, jr, jn);
  CHECK_INT(vb_report_reject_reasons(rep, 4, rr, rn), n);
  for (size_t i = 0; i < n && i < 4; i++) {
    CHECK_STR(jr[i], rr[i]);
    CHECK_INT(jn[i], rn[i]);
  }
  vb_reader_free(r);
  vb_job_free(job);
  return rep;
}

static char *written(vb_report *rep) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_CSV), VB_OK);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_JSON), VB_OK);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_TABLE), VB_OK);
  fclose(f);
  return buf;
}

static char *saved(vb_report *rep, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  CHECK_INT(vb_report_save(rep, f, NULL), VB_OK);
  fclose(f);
  return buf;
}

typedef struct sink {
  char *data;
  size_t len;
} sink;

static long to_sink(void *ctx, const char *data, size_t len) {
  sink *s = ctx;
  s->data = realloc(s->data, s->len + len);
  memcpy(s->data + s->len, data, len);
  s->len += len;
  return (long)len;
}

static void round_trip(const vb_lexicon *lex) {
  /* a row with a bad score, so that reasons travel too */
  char csv[] = "/tmp/vb_partial_XXXXXX";
  int fd = mkstemp(csv);
  FILE *in = fopen(data_path("../../corpora/sample.csv"), "rb");
  FILE *out = fdopen(fd, "wb");
  char buf[65536];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, in)) > 0)
    fwrite(buf, 1, got, out);
  fputs("x1,2025-01-01,EU,pro,eleven,late delivery\n", out);
  fclose(in);
  fclose(out);
  vb_report *orig = report_of(lex, csv);
  remove(csv);
  size_t len;
  char *bytes = saved(orig, &len);
  sink s = {0};
  CHECK_INT(vb_report_save_to(orig, to_sink, &s, NULL), VB_OK);
  CHECK(s.len == len && memcmp(s.data, bytes, len) == 0);
  free(s.data);

  vb_report *back = NULL;
  vb_error err;
  CHECK_INT(vb_report_load(bytes, len, "orig.vbp", NULL, &back, &err), VB_OK);
  if (!back) {
    fprintf(stderr, "%s\n", err.message);
    return;
  }
  char *x = written(orig), *y = written(back);
  CHECK(strlen(x) > 10000 && strcmp(x, y) == 0);
  CHECK_INT(vb_tally_count(vb_report_overall(back), VB_COUNT_REJECTED), 1);
  const char *reason;
  uint64_t n;
  CHECK_INT(vb_report_reject_reasons(back, 1, &reason, &n), 1);
  CHECK_STR(reason, "score not on the scale");
  /* the same state saves to the same bytes */
  size_t len2;
  char *again = saved(back, &len2);
  CHECK(len2 == len && memcmp(again, bytes, len) == 0);
  free(again);

  /* loaded like the first, it shares its lexicon and merges; twice the
   * counts are not the same report */
  vb_report *twin = NULL;
  CHECK_INT(vb_report_load(bytes, len, "twin.vbp", back, &twin, &err), VB_OK);
  CHECK(twin && vb_report_lexicon(twin) == vb_report_lexicon(back));
  CHECK_INT(vb_report_merge(back, twin), VB_OK);
  free(y);
  y = written(back);
  CHECK(strcmp(x, y) != 0);

  /* a setting that differs is named */
  CHECK_INT(vb_report_set_setting(orig, "text column", "feedback"), VB_OK);
  CHECK_INT(vb_report_compare(twin, orig, &err), VB_EMISMATCH);
  CHECK(strstr(err.message, "text column differs: comment in twin.vbp, "
                            "feedback here") != NULL);
  vb_report *other;
  CHECK_INT(vb_report_new(lex, NULL, 0, VB_PERIOD_MONTH, NULL, &other), VB_OK);
  CHECK_INT(vb_report_compare(twin, other, &err), VB_EMISMATCH);
  CHECK(strstr(err.message, "segment columns differ: region in twin.vbp, "
                            "(none) here") != NULL);
  vb_report_free(other);

  /* every prefix is truncated; every flipped byte is caught */
  for (size_t cut = 0; cut < len; cut += cut < 64 ? 1 : 97) {
    vb_report *r = NULL;
    CHECK_INT(vb_report_load(bytes, cut, "cut.vbp", NULL, &r, &err),
              VB_EPARTIAL);
    CHECK(r == NULL);
  }
  for (size_t at = 0; at < len; at += at < 64 ? 1 : 211) {
    bytes[at] ^= 0x20;
    vb_report *r = NULL;
    CHECK_INT(vb_report_load(bytes, len, "flip.vbp", NULL, &r, &err),
              VB_EPARTIAL);
    CHECK_STR(err.file, "flip.vbp");
    bytes[at] ^= 0x20;
  }
  free(x);
  free(y);
  free(bytes);
  vb_report_free(twin);
  vb_report_free(back);
  vb_report_free(orig);
}

/* ---- bodies built by hand --------------------------------------------- */

static const char LEX[] = "{\"themes\": [{\"id\": \"a\", \"label\": \"A\", "
                          "\"terms\": [\"apple\"]}, {\"id\": \"b\", "
                          "\"label\": \"B\", \"terms\": [\"banana\"]}]}";

typedef struct body {
  unsigned char b[4096];
  size_t len;
} body;

static void num(body *o, uint64_t v) {
  do {
    o->b[o->len] = (unsigned char)(v & 0x7f);
    v >>= 7;
    o->b[o->len++] |= v ? 0x80 : 0;
  } while (v);
}

static void str(body *o, const char *s) {
  num(o, strlen(s));
  memcpy(o->b + o->len, s, strlen(s));
  o->len += strlen(s);
}

/* The counts of one tally: 2 themes, 2 terms, everything consistent
 * unless a test changes it. */
typedef struct counts {
  uint64_t c[8], resp[4], text[4], untagged[4], mentions[8], hits[2];
  size_t hit_count;
  uint64_t pairs[4][3];
  size_t pair_count;
} counts;

static void tally(body *o, const counts *t) {
  num(o, 8);
  for (int i = 0; i < 8; i++)
    num(o, t->c[i]);
  const uint64_t *g[] = {t->resp, t->text, t->untagged};
  for (int k = 0; k < 3; k++) {
    num(o, 4);
    for (int i = 0; i < 4; i++)
      num(o, g[k][i]);
  }
  num(o, 8);
  for (int i = 0; i < 8; i++)
    num(o, t->mentions[i]);
  num(o, t->hit_count);
  for (size_t i = 0; i < t->hit_count; i++)
    num(o, t->hits[i]);
  num(o, t->pair_count);
  for (size_t i = 0; i < t->pair_count; i++)
    for (int k = 0; k < 3; k++)
      num(o, t->pairs[i][k]);
}

/* A partial: header with checksum, then body parts; themes/terms as
 * declared, the overall tally t, `extra` bytes after the last slice. */
static size_t build(unsigned char *out, const counts *t, uint64_t themes,
                    int extra) {
  body o = {.len = 0};
  num(&o, 1);
  str(&o, "tiny.json");
  str(&o, LEX);
  str(&o, vb_scale_text(NULL));
  num(&o, 0);      /* no segment columns */
  str(&o, "none"); /* period */
  num(&o, 0);      /* examples kept */
  num(&o, 0);      /* settings */
  num(&o, themes); /* themes */
  num(&o, 2);      /* terms */
  num(&o, 1);      /* one kind of reject reason */
  str(&o, "score not on the scale");
  num(&o, t->c[3]);
  num(&o, 0); /* other reasons */
  tally(&o, t);
  num(&o, 0); /* no slices */
  for (int i = 0; i < extra; i++)
    o.b[o.len++] = 0;
  static const unsigned char magic[8] = {0x89, 'V',  'B',  'P',
                                         '\r', '\n', 0x1a, '\n'};
  memcpy(out, magic, 8);
  uint64_t fields[3] = {3, o.len, crc32(0L, o.b, (uInt)o.len)};
  size_t widths[3] = {4, 8, 4}, at = 8;
  for (int f = 0; f < 3; f++)
    for (size_t i = 0; i < widths[f]; i++)
      out[at++] = (unsigned char)(fields[f] >> (8 * i));
  memcpy(out + 24, o.b, o.len);
  return 24 + o.len;
}

/* 10 rows read: 1 rejected, 9 tagged (2 detractors, 7 promoters), 8
 * with text, 1 untagged; theme a mentioned 5 times, b 4, both 2. */
static counts good(void) {
  counts t = {.c = {10, 9, 0, 1, 8, 1, 0, 0},
              .resp = {2, 0, 7, 0},
              .text = {2, 0, 6, 0},
              .untagged = {0, 0, 1, 0},
              .mentions = {1, 0, 4, 0, 2, 0, 2, 0},
              .hits = {5, 4},
              .hit_count = 2,
              .pairs = {{0, 1, 2}},
              .pair_count = 1};
  return t;
}

/* Loads the built partial: the status, and the message in `why`. */
static int load(const counts *t, uint64_t themes, int extra, char *why) {
  unsigned char buf[8192];
  size_t len = build(buf, t, themes, extra);
  vb_report *r = NULL;
  vb_error err;
  int rc = vb_report_load(buf, len, "made.vbp", NULL, &r, &err);
  snprintf(why, 512, "%s", rc ? err.message : "");
  if (rc)
    CHECK(r == NULL && strcmp(err.file, "made.vbp") == 0);
  else
    CHECK_INT(vb_tally_mentions(vb_report_overall(r), 0, VB_GROUP_PROMOTER),
              t->mentions[2]);
  vb_report_free(r);
  return rc;
}

#define REFUSED(t, themes, extra, words)                                       \
  do {                                                                         \
    char why_[512];                                                            \
    CHECK_INT(load(&(t), themes, extra, why_), VB_EPARTIAL);                   \
    if (!strstr(why_, words))                                                  \
      fprintf(stderr, "line %d: \"%s\" lacks \"%s\"\n", __LINE__, why_,        \
              words);                                                          \
    CHECK(strstr(why_, words) != NULL);                                        \
  } while (0)

static void bad_bodies(void) {
  char why[512];
  counts t = good();
  CHECK_INT(load(&t, 2, 0, why), VB_OK);
  if (why[0])
    fprintf(stderr, "good body refused: %s\n", why);

  REFUSED(t, 2, 3, "bytes after the last slice or example");
  REFUSED(t, 3, 0, "3 themes and 2 terms, where its lexicon has 2 and 2");

  t = good();
  t.pairs[0][1] = 7; /* theme 7 of 2 */
  REFUSED(t, 2, 0, "out of range");
  t = good();
  t.pairs[0][0] = 1; /* (1, 1) */
  REFUSED(t, 2, 0, "out of range");
  t = good();
  t.pairs[0][2] = 9; /* more than a is mentioned */
  REFUSED(t, 2, 0, "more often than one of its themes");
  t = good();
  t.pair_count = 2; /* the same pair twice */
  t.pairs[1][0] = 0, t.pairs[1][1] = 1, t.pairs[1][2] = 1;
  REFUSED(t, 2, 0, "out of order or repeated");
  t = good();
  t.hit_count = 1; /* a term missing */
  REFUSED(t, 2, 0, "1 term hits where the lexicon and version have 2");
  t = good();
  t.mentions[2] = 7; /* more promoters mention a than have text */
  REFUSED(t, 2, 0, "more comments than have text");
  t = good();
  t.untagged[0] = 3;
  REFUSED(t, 2, 0, "more detractor comments");
  t = good();
  t.c[1] = 8; /* tagged is not the sum of responses */
  REFUSED(t, 2, 0, "row counts disagree");
  t = good();
  t.c[0] = 11; /* read is not tagged + rejected */
  REFUSED(t, 2, 0, "rows read are not");

  /* 2^53 is exact in a double and loads; one more does not */
  uint64_t big = (uint64_t)1 << 53;
  t = (counts){
      .c = {0, big, 0, 0, 0, 0, 0, 0}, .resp = {0, 0, big, 0}, .hit_count = 2};
  CHECK_INT(load(&t, 2, 0, why), VB_OK);
  t.c[1] = t.resp[2] = big + 1;
  REFUSED(t, 2, 0, "a number above 2^53");
  t.c[1] = t.resp[2] = UINT64_MAX;
  REFUSED(t, 2, 0, "a number above 2^53");
}

static void bad_headers(void) {
  unsigned char buf[8192];
  counts t = good();
  size_t len = build(buf, &t, 2, 0);
  vb_report *r = NULL;
  vb_error err;
  buf[0] = 'V';
  CHECK_INT(vb_report_load(buf, len, "m.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message, "not a partial report") != NULL);
  buf[0] = 0x89;
  buf[8] = 9;
  CHECK_INT(vb_report_load(buf, len, "v.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message, "format version 9") != NULL);
  buf[8] = 1; /* the layout before examples: refused, by its version */
  CHECK_INT(vb_report_load(buf, len, "v1.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message,
               "format version 1; this verbatim reads version 3") != NULL);
  buf[8] = 2; /* before the candidate terms: refused too */
  CHECK_INT(vb_report_load(buf, len, "v2.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message,
               "format version 2; this verbatim reads version 3") != NULL);
  buf[8] = 3;
  buf[19] = 0x80; /* a body of 2^63 bytes */
  CHECK_INT(vb_report_load(buf, len, "l.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message, "truncated") != NULL);
  buf[19] = 0;
  buf[20] ^= 1;
  CHECK_INT(vb_report_load(buf, len, "c.vbp", NULL, &r, &err), VB_EPARTIAL);
  CHECK(strstr(err.message, "checksum") != NULL);
  CHECK_INT(vb_report_load(NULL, 0, NULL, NULL, &r, &err), VB_EPARTIAL);
  CHECK(r == NULL);
}

/* The header of a partial whose body (from byte 24) is now len - 24
 * bytes: its length and checksum. */
static void fix_header(unsigned char *p, size_t len) {
  uint64_t n = len - 24, crc = crc32(0L, p + 24, (uInt)n);
  for (size_t i = 0; i < 8; i++)
    p[12 + i] = (unsigned char)(n >> (8 * i));
  for (size_t i = 0; i < 4; i++)
    p[20 + i] = (unsigned char)(crc >> (8 * i));
}

static char *page_of(vb_report *rep) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  CHECK_INT(vb_report_write(rep, f, VB_REPORT_HTML), VB_OK);
  fclose(f);
  return buf;
}

static void candidates(const vb_lexicon *lex) {
  char csv[] = "/tmp/vb_partial_XXXXXX";
  int fd = mkstemp(csv);
  FILE *out = fdopen(fd, "wb");
  fputs("id,score,comment\n", out);
  for (int i = 0; i < 12; i++) /* untagged detractors, then tagged ones */
    fprintf(out, "u%d,%d,the zorblax number %d keeps beeping\n", i, i % 7, i);
  for (int i = 0; i < 6; i++)
    fprintf(out, "t%d,%d,late delivery and the zorblax\n", i, i % 7);
  fputs("p1,10,great support\n", out);
  fclose(out);
  vb_report *rep = NULL;
  vb_job *job = NULL;
  vb_reader *r = NULL;
  vb_error err;
  CHECK_INT(vb_report_new(lex, NULL, 0, VB_PERIOD_NONE, NULL, &rep), VB_OK);
  CHECK_INT(vb_report_set_stopwords(rep, "the\nand\n", 8), VB_OK);
  CHECK_INT(vb_report_set_examples(rep, 2), VB_OK);
  CHECK_INT(vb_job_new(lex, &job), VB_OK);
  CHECK_INT(vb_job_set_report(job, rep, NULL), VB_OK);
  CHECK_INT(vb_reader_open(csv, VB_FORMAT_AUTO, &r, &err), VB_OK);
  CHECK_INT(vb_job_run(job, r, vb_report_overall(rep), &err), VB_OK);
  vb_reader_free(r);
  vb_job_free(job);
  remove(csv);
  size_t len;
  unsigned char *bytes = (unsigned char *)saved(rep, &len);
  vb_report *back = NULL;
  CHECK_INT(vb_report_load(bytes, len, "c.vbp", NULL, &back, &err), VB_OK);
  /* the pages' candidates (the header names the lexicon's file, which a
   * partial keeps without its folders) */
  char *a = page_of(rep), *b = back ? page_of(back) : NULL;
  char *ca = strstr(a, "<ol class=\"cands\">");
  char *cb = b ? strstr(b, "<ol class=\"cands\">") : NULL;
  CHECK(ca && strstr(ca, "<li><b>zorblax</b>") != NULL);
  CHECK(ca && strstr(ca, "<b>beeping</b>") && !strstr(ca, "<b>the</b>"));
  CHECK(ca && cb && strcmp(ca, cb) == 0);
  size_t again_len;
  char *again = back ? saved(back, &again_len) : NULL;
  CHECK(again && again_len == len && memcmp(again, bytes, len) == 0);
  /* a comment quoted by the candidates (only there: untagged) forged */
  unsigned char *copy = malloc(len);
  memcpy(copy, bytes, len);
  unsigned char *at = NULL;
  static const char quoted[] = "the zorblax number 11 keeps beeping";
  for (size_t i = 24; i + sizeof quoted - 1 < len; i++)
    if (memcmp(copy + i, quoted, sizeof quoted - 1) == 0)
      at = copy + i + 12;
  CHECK(at != NULL);
  if (at) {
    at[7] = '2'; /* "number 12": same length, another hash */
    fix_header(copy, len);
    vb_report *x = NULL;
    CHECK_INT(vb_report_load(copy, len, "f.vbp", NULL, &x, &err), VB_EPARTIAL);
    CHECK(strstr(err.message, "not the hash of its text") != NULL);
  }
  /* cut anywhere in the last 400 bytes (the candidates): refused */
  for (size_t cut = len > 400 ? len - 400 : 24; cut < len; cut++) {
    memcpy(copy, bytes, cut);
    fix_header(copy, cut);
    vb_report *x = NULL;
    CHECK_INT(vb_report_load(copy, cut, "t.vbp", NULL, &x, &err), VB_EPARTIAL);
    CHECK(x == NULL);
  }
  free(copy);
  free(again);
  free(a);
  free(b);
  free(bytes);
  vb_report_free(back);
  vb_report_free(rep);
}

int main(void) {
  const char *paths[] = {data_path("test.json")};
  vb_lexicon *lex;
  CHECK_INT(vb_lexicon_load_files(1, paths, &lex, NULL), VB_OK);
  /* the lexicon keeps its documents as given */
  const char *name;
  size_t len;
  CHECK_INT(vb_lexicon_document_count(lex), 1);
  CHECK(vb_lexicon_document(lex, 0, &name, &len) != NULL && len > 100);
  CHECK_STR(name, paths[0]);
  CHECK(vb_lexicon_document(lex, 1, NULL, NULL) == NULL);
  round_trip(lex);
  bad_bodies();
  bad_headers();
  candidates(lex);
  vb_lexicon_free(lex);
  return check_exit();
}
