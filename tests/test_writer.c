/*
 * test_writer.c - CSV quoting, JSON escaping, UTF-8 repair on output, and
 * atomic output files (commit renames into place, abort leaves the
 * previous file intact).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "verbatim.h"

static const char *csv(const char *s, size_t len) {
  static char buf[256];
  memset(buf, 0, sizeof buf);
  FILE *f = fmemopen(buf, sizeof buf, "w");
  vb_csv_write_field(f, s, len);
  fclose(f);
  return buf;
}

static const char *json(const char *s, size_t len) {
  static char buf[256];
  memset(buf, 0, sizeof buf);
  FILE *f = fmemopen(buf, sizeof buf, "w");
  vb_json_write_string(f, s, len);
  fclose(f);
  return buf;
}
#define CSV(s) csv(s, strlen(s))
#define JSON(s) json(s, strlen(s))

static void test_fields(void) {
  CHECK_STR(CSV("plain"), "plain");
  CHECK_STR(CSV(""), "");
  CHECK_STR(CSV("a,b"), "\"a,b\"");
  CHECK_STR(CSV("say \"hi\""), "\"say \"\"hi\"\"\"");
  CHECK_STR(CSV("two\nlines"), "\"two\nlines\"");
  CHECK_STR(CSV("cr\r"), "\"cr\r\"");
  CHECK_STR(CSV(" edge"), "\" edge\"");
  CHECK_STR(CSV("café"), "café");
  CHECK_STR(CSV("bad\xFF"), "bad\xEF\xBF\xBD");
  CHECK_STR(JSON("plain"), "\"plain\"");
  CHECK_STR(JSON("q\"b\\s/"), "\"q\\\"b\\\\s/\"");
  CHECK_STR(JSON("t\tn\nr\r\x01"), "\"t\\tn\\nr\\r\\u0001\"");
  CHECK_STR(JSON("é😀"), "\"é😀\"");
  CHECK_STR(JSON("\xC0\xAF"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  CHECK_STR(json("a\0b", 3), "\"a\\u0000b\"");
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  static char buf[256];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

static void test_outfile(void) {
  char dir[] = "/tmp/vb_writer_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[300];
  snprintf(path, sizeof path, "%s/out.csv", dir);
  vb_outfile *f;
  vb_error err;
  CHECK_INT(vb_outfile_open(path, &f, &err), VB_OK);
  fputs("first\n", vb_outfile_stream(f));
  CHECK(access(path, F_OK) != 0); /* nothing at the path until commit */
  CHECK_INT(vb_outfile_commit(f, &err), VB_OK);
  CHECK_STR(slurp(path), "first\n");

  CHECK_INT(vb_outfile_open(path, &f, &err), VB_OK);
  fputs("second, half written", vb_outfile_stream(f));
  fflush(vb_outfile_stream(f));
  vb_outfile_abort(f);
  CHECK_STR(slurp(path), "first\n"); /* the previous file is intact */

  CHECK_INT(vb_outfile_open("/nonexistent-dir/x.csv", &f, &err), VB_EIO);
  CHECK(f == NULL);
  CHECK(strstr(err.message, "cannot create output") != NULL);
  vb_outfile_abort(NULL);

  /* a device is written in place, never renamed over */
  CHECK_INT(vb_outfile_open("/dev/null", &f, &err), VB_OK);
  fputs("discarded", vb_outfile_stream(f));
  CHECK_INT(vb_outfile_commit(f, &err), VB_OK);
  struct stat st;
  CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));

  unlink(path);
  CHECK_INT(rmdir(dir), 0); /* no temporary file left behind */
}

int main(void) {
  test_fields();
  test_outfile();
  return check_exit();
}
