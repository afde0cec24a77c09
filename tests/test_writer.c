/*
 * test_writer.c - CSV quoting, JSON escaping, UTF-8 repair on output, and
 * atomic output files (commit renames into place, abort leaves the
 * previous file intact).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "internal.h"

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

/* Writes `len` places of 'a' at out, `ins` in place `at`, then the bytes
 * of `after` (not counted); returns the bytes before `after`. */
static size_t fill_with(char *out, size_t len, size_t at, const char *ins,
                        const char *after) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (i == at) {
      memcpy(out + n, ins, strlen(ins));
      n += strlen(ins);
    } else {
      out[n++] = 'a';
    }
  }
  memcpy(out + n, after, strlen(after));
  return n;
}

/* vb_csv_write_field on fields of 1 to 40 bytes, with one byte or
 * character of interest at each place: the 16-byte scan, its last 16
 * bytes and the byte loop all see it, and none reads around the field
 * (it sits between bytes that would change the answer).  The expected
 * text is worked out here byte by byte. */
static void test_field_scan(void) {
  static const char *const inserts[] = {",",
                                        "\n",
                                        "\r",
                                        "\"",
                                        " ",
                                        "\xC2\xAC" /* low bits ',' */,
                                        "\xC2\xA2" /* low bits '"' */,
                                        "\xE2\x80\x8D" /* low bits CR */,
                                        "\xFF" /* invalid */};
  size_t failures = 0;
  for (size_t len = 1; len <= 40; len++)
    for (size_t at = 0; at < len; at++)
      for (size_t k = 0; k < sizeof inserts / sizeof *inserts; k++) {
        char area[128], want[256];
        size_t w = 0;
        memcpy(area, ",\"\n", 3); /* before the field */
        char *field = area + 3;
        size_t n = fill_with(field, len, at, inserts[k], ",\"\r\xFF ");
        bool quote = field[0] == ' ' || field[n - 1] == ' ';
        for (size_t i = 0; i < n; i++)
          quote |= field[i] == ',' || field[i] == '\n' || field[i] == '\r' ||
                   field[i] == '"';
        if (quote)
          want[w++] = '"';
        for (size_t i = 0; i < n; i++) {
          if (field[i] == '"')
            want[w++] = '"';
          if ((unsigned char)field[i] == 0xFF) {
            memcpy(want + w, "\xEF\xBF\xBD", 3);
            w += 3;
          } else {
            want[w++] = field[i];
          }
        }
        if (quote)
          want[w++] = '"';
        want[w] = '\0';
        if (strcmp(csv(field, n), want) != 0 && failures++ < 5)
          fprintf(stderr, "field of %zu bytes, insert %zu at %zu: got [%s]\n",
                  len, k, at, csv(field, n));
      }
  CHECK_INT(failures, 0);
}

/* vb_json_write_string on strings of 1 to 40 bytes with one byte or
 * character of interest at each place: write_utf8's 16-byte skip and its
 * byte loop both see it, and neither reads past the string (bytes that
 * would change the answer follow it).  The expected text is worked out
 * here byte by byte. */
static void test_json_scan(void) {
  static const char *const inserts[] = {
      "\"",
      "\\",
      "\n",
      "\x01",
      "\x7f",
      "\xC3\xA9" /* é */,
      "\xF0\x9F\x98\x80" /* emoji */,
      "\xFF" /* invalid */,
      "\xC0\xAF" /* overlong: two bytes replaced */};
  size_t failures = 0;
  for (size_t len = 1; len <= 40; len++)
    for (size_t at = 0; at < len; at++)
      for (size_t k = 0; k < sizeof inserts / sizeof *inserts; k++) {
        char area[128], want[256];
        size_t w = 0, n = fill_with(area, len, at, inserts[k], "\"\\\n\xFF");
        want[w++] = '"';
        for (size_t i = 0; i < n; i++) {
          unsigned char c = (unsigned char)area[i];
          if (c == '"' || c == '\\') {
            want[w++] = '\\';
            want[w++] = (char)c;
          } else if (c == '\n') {
            memcpy(want + w, "\\n", 2);
            w += 2;
          } else if (c < 0x20) {
            w += (size_t)snprintf(want + w, 8, "\\u%04x", c);
          } else if (c == 0xFF || c == 0xC0 || c == 0xAF) {
            memcpy(want + w, "\xEF\xBF\xBD", 3);
            w += 3;
          } else {
            want[w++] = (char)c;
          }
        }
        want[w++] = '"';
        want[w] = '\0';
        if (strcmp(json(area, n), want) != 0 && failures++ < 5)
          fprintf(stderr, "string of %zu bytes, insert %zu at %zu: got [%s]\n",
                  len, k, at, json(area, n));
      }
  CHECK_INT(failures, 0);
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

static const char *html(const char *s, size_t len, size_t max) {
  static char buf[256];
  memset(buf, 0, sizeof buf);
  FILE *f = fmemopen(buf, sizeof buf, "w");
  vb__html_write_text(f, s, len, max);
  fclose(f);
  return buf;
}

/* HTML text: markup characters as references in any context, controls as
 * spaces, bidi controls dropped, invalid UTF-8 repaired, long text cut on
 * a code point with an ellipsis. */
static void test_html(void) {
  const char *markup = "<script>\"a\" & 'b'</script>";
  CHECK_STR(html(markup, strlen(markup), 0),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
  CHECK_STR(html("a\tb\nc\x01"
                 "d\x7f",
                 8, 0),
            "a\tb\nc d ");
  const char *bidi = "\xE2\x80\xAE"
                     "evil\xE2\x80\xAC \xE2\x81\xA6"
                     "x\xE2\x81\xA9";
  CHECK_STR(html(bidi, strlen(bidi), 0), "evil x");
  CHECK_STR(html("\xE2\x80\x8F"
                 "ok",
                 5, 0),
            "\xE2\x80\x8F"
            "ok"); /* RLM */
  CHECK_STR(html("a\xC2\x85"
                 "b\xFF"
                 "c",
                 6, 0),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  CHECK_STR(html("caf\xC3\xA9s", 6, 4), "caf\xC3\xA9"
                                        "\xE2\x80\xA6");
  CHECK_STR(html("abcdef", 6, 6), "abcdef");
  CHECK_INT(vb__html_write_text(stdout, "", 0, 0), 0);
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

  CHECK_INT(vb_outfile_open("/nonexistent-dir/x.csv", &f, &err), VB_EWRITE);
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

/* Writes `text` to `path` through vb_outfile; the status. */
static int write_through(const char *path, const char *text) {
  vb_outfile *f;
  vb_error err;
  int rc = vb_outfile_open(path, &f, &err);
  if (rc)
    return rc;
  fputs(text, vb_outfile_stream(f));
  return vb_outfile_commit(f, &err);
}

static bool is_link(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

/* Links are followed: the file they name is replaced atomically (in its
 * own directory, keeping its mode), the link stays a link; a dangling
 * link creates its target; a loop is an error. */
static void test_outfile_links(void) {
  char dir[] = "/tmp/vb_links_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char sub[300], target[300], link[300], rel[300], dangling[300], made[300],
      loop[300], chain[300];
  snprintf(sub, sizeof sub, "%s/sub", dir);
  snprintf(target, sizeof target, "%s/sub/t.csv", dir);
  snprintf(link, sizeof link, "%s/l.csv", dir);
  snprintf(chain, sizeof chain, "%s/chain.csv", dir);
  snprintf(rel, sizeof rel, "%s/rel.csv", dir);
  snprintf(dangling, sizeof dangling, "%s/dangling.csv", dir);
  snprintf(made, sizeof made, "%s/sub/new.csv", dir);
  snprintf(loop, sizeof loop, "%s/loop.csv", dir);
  CHECK_INT(mkdir(sub, 0755), 0);
  CHECK_INT(write_through(target, "old\n"), VB_OK);
  CHECK_INT(chmod(target, 0640), 0);
  CHECK_INT(symlink(target, link), 0);   /* absolute */
  CHECK_INT(symlink("l.csv", chain), 0); /* a link to a link */
  CHECK_INT(symlink("sub/t.csv", rel), 0);
  CHECK_INT(symlink("sub/new.csv", dangling), 0);
  CHECK_INT(symlink("loop.csv", loop), 0);

  CHECK_INT(write_through(link, "one\n"), VB_OK);
  CHECK(is_link(link));
  CHECK_STR(slurp(target), "one\n");
  struct stat st;
  CHECK(stat(target, &st) == 0 && (st.st_mode & 07777) == 0640);
  CHECK_INT(write_through(chain, "two\n"), VB_OK);
  CHECK(is_link(chain) && is_link(link));
  CHECK_STR(slurp(target), "two\n");
  CHECK_INT(write_through(rel, "three\n"), VB_OK);
  CHECK(is_link(rel));
  CHECK_STR(slurp(target), "three\n");
  CHECK_INT(write_through(dangling, "new\n"), VB_OK);
  CHECK(is_link(dangling));
  CHECK_STR(slurp(made), "new\n");
  CHECK_INT(write_through(loop, "x"), VB_EWRITE);

  /* an aborted write through a link leaves the target as it was */
  vb_outfile *f;
  vb_error err;
  CHECK_INT(vb_outfile_open(link, &f, &err), VB_OK);
  fputs("half", vb_outfile_stream(f));
  vb_outfile_abort(f);
  CHECK_STR(slurp(target), "three\n");

  unlink(link), unlink(chain), unlink(rel), unlink(dangling), unlink(loop);
  unlink(target), unlink(made);
  CHECK_INT(rmdir(sub), 0); /* no temporary file left behind */
  CHECK_INT(rmdir(dir), 0);
}

/* Names of our descriptors are written through them, never truncated or
 * replaced: a log on stderr keeps what it had. */
static void test_outfile_descriptor(void) {
  char path[] = "/tmp/vb_fd_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK(write(fd, "log\n", 4) == 4);
  char name[64];
  snprintf(name, sizeof name, "/dev/fd/%d", fd);
  CHECK_INT(write_through(name, "rejects\n"), VB_OK);
  snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
  CHECK_INT(write_through(name, "more\n"), VB_OK);
  CHECK_STR(slurp(path), "log\nrejects\nmore\n");
  close(fd);
  unlink(path);
}

int main(void) {
  test_fields();
  test_field_scan();
  test_json_scan();
  test_html();
  test_outfile();
  test_outfile_links();
  test_outfile_descriptor();
  return check_exit();
}
