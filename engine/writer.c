/*
 * writer.c - the last stage: writing fields and files.
 *
 * CSV fields are quoted only when they must be (RFC 4180), JSON strings
 * are escaped per RFC 8259, and both replace invalid UTF-8 with U+FFFD so
 * that every byte Verbatim writes is valid UTF-8 a BI tool will load.
 *
 * vb_outfile writes to a temporary file beside the target and renames it
 * into place only when complete (after fflush + fsync): a killed run never
 * leaves a half-written file that looks whole, and a previous file at the
 * path stays intact until the new one replaces it.  Only regular files
 * are replaced this way: a device or pipe at the path is written directly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/utf8.h>

#include "internal.h"

/* How one ASCII byte is written: NULL for as-is, else the replacement. */
typedef const char *(*ascii_escape)(unsigned char c, char buf[8]);

static const char *csv_escape(unsigned char c, char buf[8]) {
  (void)buf;
  return c == '"' ? "\"\"" : NULL;
}

static const char *json_escape(unsigned char c, char buf[8]) {
  switch (c) {
  case '"':
    return "\\\"";
  case '\\':
    return "\\\\";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  default:
    if (c < 0x20) {
      snprintf(buf, 8, "\\u%04x", c);
      return buf;
    }
    return NULL;
  }
}

/* Writes text with invalid UTF-8 replaced by U+FFFD and ASCII bytes passed
 * through `escape`; runs of plain bytes go out in one fwrite. */
static void write_utf8(FILE *out, const char *text, size_t len,
                       ascii_escape escape) {
  const uint8_t *s = (const uint8_t *)text;
  size_t run = 0, i = 0;
  char buf[8];
  while (i < len) {
    if (s[i] < 0x80) {
      const char *rep = escape(s[i], buf);
      if (rep) {
        fwrite(s + run, 1, i - run, out);
        fputs(rep, out);
        run = i + 1;
      }
      i++;
      continue;
    }
    /* U8_NEXT works on int32 indices: decode from a window at i. */
    size_t avail = len - i < 8 ? len - i : 8;
    int32_t j = 0;
    UChar32 c;
    U8_NEXT(s + i, j, (int32_t)avail, c);
    if (c < 0) {
      fwrite(s + run, 1, i - run, out);
      fputs("\xEF\xBF\xBD", out);
      run = i + (size_t)j;
    }
    i += (size_t)j;
  }
  fwrite(s + run, 1, len - run, out);
}

void vb_csv_write_field(FILE *out, const char *text, size_t len) {
  bool quote = false;
  for (size_t i = 0; i < len && !quote; i++)
    quote =
        text[i] == ',' || text[i] == '"' || text[i] == '\n' || text[i] == '\r';
  if (len && (text[0] == ' ' || text[len - 1] == ' '))
    quote = true; /* keep edge blanks visible to every CSV reader */
  if (quote)
    fputc('"', out);
  write_utf8(out, text, len, csv_escape);
  if (quote)
    fputc('"', out);
}

void vb_json_write_string(FILE *out, const char *text, size_t len) {
  fputc('"', out);
  write_utf8(out, text, len, json_escape);
  fputc('"', out);
}

/* ---- atomic output files ---------------------------------------------- */

struct vb_outfile {
  FILE *stream;
  char *path, *tmp;
};

int vb_outfile_open(const char *path, vb_outfile **out, vb_error *err) {
  vb__error_clear(err);
  if (!out || !path)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no output path");
  *out = NULL;
  vb_outfile *f = calloc(1, sizeof *f);
  size_t n = strlen(path);
  if (f) {
    f->path = strdup(path);
    f->tmp = malloc(n + 32);
  }
  if (!f || !f->path || !f->tmp) {
    vb_outfile_abort(f);
    return vb__fail(err, VB_ENOMEM, path, 0, 0, "out of memory");
  }
  /* A device or pipe (-o /dev/null, -o /dev/stdout) is written directly:
   * renaming a file over it would replace the device itself. */
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    free(f->tmp);
    f->tmp = NULL;
    f->stream = fopen(path, "wb");
    if (!f->stream) {
      int e = errno;
      vb_outfile_abort(f);
      return vb__fail(err, VB_EIO, path, 0, 0, "cannot open output: %s",
                      strerror(e));
    }
    *out = f;
    return VB_OK;
  }
  /* Same directory as the target, so rename() is atomic. */
  snprintf(f->tmp, n + 32, "%s.tmp-XXXXXX", path);
  int fd = mkstemp(f->tmp);
  if (fd < 0) {
    int e = errno;
    free(f->tmp);
    f->tmp = NULL;
    vb_outfile_abort(f);
    return vb__fail(err, VB_EIO, path, 0, 0, "cannot create output: %s",
                    strerror(e));
  }
  /* mkstemp makes the file 0600; give it the mode a plain fopen would. */
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  f->stream = fdopen(fd, "wb");
  if (!f->stream) {
    close(fd);
    vb_outfile_abort(f);
    return vb__fail(err, VB_ENOMEM, path, 0, 0, "out of memory");
  }
  *out = f;
  return VB_OK;
}

FILE *vb_outfile_stream(vb_outfile *f) { return f ? f->stream : NULL; }

int vb_outfile_commit(vb_outfile *f, vb_error *err) {
  if (!f)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no output file");
  int rc = VB_OK;
  if (fflush(f->stream) != 0 || ferror(f->stream) ||
      (f->tmp && fsync(fileno(f->stream)) != 0))
    rc = vb__fail(err, VB_EIO, f->path, 0, 0, "cannot write output: %s",
                  strerror(errno));
  if (fclose(f->stream) != 0 && !rc)
    rc = vb__fail(err, VB_EIO, f->path, 0, 0, "cannot write output: %s",
                  strerror(errno));
  f->stream = NULL;
  if (!rc && f->tmp && rename(f->tmp, f->path) != 0)
    rc = vb__fail(err, VB_EIO, f->path, 0, 0, "cannot rename output: %s",
                  strerror(errno));
  if (!rc) {
    free(f->tmp);
    f->tmp = NULL;
  }
  vb_outfile_abort(f); /* removes the temporary file if still there */
  return rc;
}

void vb_outfile_abort(vb_outfile *f) {
  if (!f)
    return;
  if (f->stream)
    fclose(f->stream);
  if (f->tmp)
    unlink(f->tmp);
  free(f->tmp);
  free(f->path);
  free(f);
}
