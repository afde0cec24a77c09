/*
 * writer.c - the last stage: writing fields, tagged rows and files.
 *
 * The tag output formats are a sink of the job (vb__format_sink): csv
 * (the input's columns, then `themes` and one 0/1 column per theme),
 * long (one id,theme row per theme mentioned) and ndjson (one object per
 * row with its matches and spans).  The job hands each tagged row to the
 * sink on a worker thread and writes what it wrote in input order.
 *
 * CSV fields are quoted only when they must be (RFC 4180), JSON strings
 * are escaped per RFC 8259, and both replace invalid UTF-8 with U+FFFD so
 * that every byte Verbatim writes is valid UTF-8 a BI tool will load.
 * HTML text is escaped so that it is the same text in every context of a
 * page (element text, attribute values, SVG text): the five markup
 * characters become references, controls become spaces and bidi controls
 * are dropped (a hostile comment cannot reorder the page around it).
 *
 * vb_outfile writes to a temporary file beside the target and renames it
 * into place only when complete (after fflush + fsync): a killed run never
 * leaves a half-written file that looks whole, and a previous file at the
 * path stays intact until the new one replaces it.  Only regular files
 * are replaced this way: a device or pipe at the path is written directly.
 * Symbolic links are followed to the file they name, and that file is
 * replaced, never the link (a link is often how a dashboard's input is
 * pointed at the latest run).  Names of our own descriptors (/dev/stderr
 * and kin) are written through the descriptor, never reopened.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

/* ---- tagged rows ------------------------------------------------------- */

typedef struct header_names {
  const vb_lexicon *lex;
  const vb_reader *r;
  bool languages;
} header_names;

/* The CSV output's own columns: language (when routed), themes and one
 * per theme id. */
static bool tag_name_taken(const void *ctx, const char *name, bool renamed) {
  const header_names *h = ctx;
  if (strcasecmp(name, "themes") == 0 ||
      (h->languages && strcasecmp(name, "language") == 0))
    return true;
  for (size_t t = 0; t < vb_lexicon_theme_count(h->lex); t++)
    if (strcasecmp(name, vb_lexicon_theme_id(h->lex, t)) == 0)
      return true;
  for (size_t c = 0; renamed && c < vb_reader_column_count(h->r); c++)
    if (strcasecmp(name, vb_reader_column_name(h->r, c)) == 0)
      return true;
  return false;
}

static void format_header(void *ctx, const vb_reader *r, FILE *o) {
  const vb__format_ctx *f = ctx;
  const vb_lexicon *lex = f->lex;
  if (f->format == VB_OUTPUT_CSV) {
    header_names h = {lex, r, f->languages};
    for (size_t c = 0; c < vb_reader_column_count(r); c++) {
      vb__write_input_name(o, vb_reader_column_name(r, c), tag_name_taken, &h);
      fputc(',', o);
    }
    fputs(f->languages ? "language,themes" : "themes", o);
    for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
      const char *id = vb_lexicon_theme_id(lex, t);
      fputc(',', o);
      vb_csv_write_field(o, id, strlen(id));
    }
    fputc('\n', o);
  } else if (f->format == VB_OUTPUT_LONG) {
    fputs(f->languages ? "id,theme,language\n" : "id,theme\n", o);
  }
}

/* What csv_field_needs looks for in an ASCII byte (bytes 0x80 and up are
 * marked by their own high bit). */
enum { CSV_SPECIAL = 1, CSV_DQUOTE = 2, CSV_HIGH = 0x80 };
static const unsigned char csv_ascii_class[128] = {['\n'] = CSV_SPECIAL,
                                                   ['\r'] = CSV_SPECIAL,
                                                   [','] = CSV_SPECIAL,
                                                   ['"'] = CSV_DQUOTE};

#if defined(__SSE2__)
/* The classes (as above) present in the 16 bytes at u. */
static inline unsigned csv_class16(const unsigned char *u) {
  __m128i v = _mm_loadu_si128((const __m128i *)u);
  __m128i special =
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
  __m128i dquote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  return (_mm_movemask_epi8(special) ? CSV_SPECIAL : 0u) |
         (_mm_movemask_epi8(dquote) ? CSV_DQUOTE : 0u) |
         (_mm_movemask_epi8(v) ? CSV_HIGH : 0u);
}
#endif

/* How a CSV field must be written: *quote, in double quotes (it holds a
 * comma, a line break or a quote, or begins or ends with a blank: kept
 * visible to every CSV reader); *plain, as it is (ASCII without '"':
 * nothing to escape or repair).  SSE2 takes 16 bytes at a time, and the
 * 16 that end a field of 16 or more take its last part (some bytes seen
 * twice, the same); the compiler had left the byte loop unvectorized, and
 * a comment took a third of write_csv_row's instructions.  Shorter fields
 * go byte by byte, through a table. */
static void csv_field_needs(const char *text, size_t len, bool *quote,
                            bool *plain) {
  const unsigned char *u = (const unsigned char *)text;
  unsigned found = 0; /* CSV_ bits */
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= len; i += 16)
    found |= csv_class16(u + i);
  if (i < len && len >= 16) {
    found |= csv_class16(u + len - 16);
    i = len;
  }
#endif
  for (; i < len; i++)
    found |= u[i] < 0x80 ? csv_ascii_class[u[i]] : (unsigned)CSV_HIGH;
  *quote = (found & (CSV_SPECIAL | CSV_DQUOTE)) ||
           (len && (text[0] == ' ' || text[len - 1] == ' '));
  *plain = !(found & (CSV_DQUOTE | CSV_HIGH));
}

/* A CSV row gathered in memory and written with one fwrite: a call to
 * stdio for every field, comma and theme id (about 16 a row) made
 * `tag -f csv -j 1` 6% slower (bench/RESULTS.md, session 34). */
typedef struct row_buffer {
  FILE *o;
  size_t len;
  char data[4096];
} row_buffer;

static void row_flush(row_buffer *b) {
  fwrite(b->data, 1, b->len, b->o);
  b->len = 0;
}

static void row_put(row_buffer *b, const char *s, size_t len) {
  if (b->len + len > sizeof b->data) {
    row_flush(b);
    if (len > sizeof b->data) {
      fwrite(s, 1, len, b->o);
      return;
    }
  }
  memcpy(b->data + b->len, s, len);
  b->len += len;
}

static void row_byte(row_buffer *b, char c) {
  if (b->len == sizeof b->data)
    row_flush(b);
  b->data[b->len++] = c;
}

static void write_field_as(FILE *out, const char *text, size_t len, bool quote,
                           bool plain);

/* A field as vb_csv_write_field writes it.  One that needs no repair or
 * escape (the most common case) is copied as it is, between quotes when
 * it needs them: such a quoted comment (38% of the peer corpus's, most
 * for a comma) went through four stdio calls (bench/RESULTS.md, session
 * 38). */
static void row_field(row_buffer *b, const char *text, size_t len) {
  bool quote, plain;
  csv_field_needs(text, len, &quote, &plain);
  if (plain) {
    if (quote)
      row_byte(b, '"');
    row_put(b, text, len);
    if (quote)
      row_byte(b, '"');
    return;
  }
  row_flush(b);
  write_field_as(b->o, text, len, quote, plain);
}

static void write_csv_row(const vb__format_ctx *fc, const vb_row *row, FILE *o,
                          const size_t *themes, size_t nthemes) {
  const vb_lexicon *lex = fc->lex;
  row_buffer b;
  b.o = o;
  b.len = 0;
  size_t len;
  for (size_t c = 0; c < row->columns; c++) {
    const char *f = vb_row_field(row, c, &len);
    row_field(&b, f, len);
    row_byte(&b, ',');
  }
  if (fc->languages) {
    const char *lang = vb_row_language(row, &len);
    row_field(&b, lang, len);
    row_byte(&b, ',');
  }
  for (size_t i = 0; i < nthemes; i++) {
    const char *id = vb_lexicon_theme_id(lex, themes[i]); /* [A-Za-z0-9_.-] */
    if (i)
      row_byte(&b, ';');
    row_put(&b, id, strlen(id));
  }
  /* ",0" or ",1" per theme, 32 columns at a time: ",0" copied, then a
   * '1' for each theme mentioned among them (themes ascend, each once) */
  static const char zeros[] = ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"
                              ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0";
  size_t count = vb_lexicon_theme_count(lex), next = 0;
  for (size_t t = 0; t < count; t += 32) {
    size_t cols = count - t < 32 ? count - t : 32;
    if (b.len + 2 * cols > sizeof b.data)
      row_flush(&b);
    char *flags = b.data + b.len;
    memcpy(flags, zeros, 2 * cols);
    for (; next < nthemes && themes[next] < t + cols; next++)
      flags[2 * (themes[next] - t) + 1] = '1';
    b.len += 2 * cols;
  }
  row_byte(&b, '\n');
  row_flush(&b);
}

static void write_match(const vb_lexicon *lex, const vb_match *x,
                        const char *text, FILE *o) {
  const char *term = vb_lexicon_term_text(lex, x->term);
  fprintf(o, "{\"theme\":\"%s\",\"term\":", vb_lexicon_theme_id(lex, x->theme));
  vb_json_write_string(o, term, strlen(term));
  fprintf(o, ",\"start\":%zu,\"end\":%zu,\"text\":", x->start, x->end);
  vb_json_write_string(o, text + x->start, x->end - x->start);
  fprintf(o, ",\"negated\":%s", x->negated ? "true" : "false");
  if (x->excluded) {
    const char *by = vb_lexicon_term_text(lex, x->excluded_by);
    fputs(",\"excluded\":true,\"excluded_by\":", o);
    vb_json_write_string(o, by, strlen(by));
  }
  if (x->dropped)
    fputs(",\"dropped\":true", o);
  if (x->typo)
    fputs(",\"typo\":true", o);
  fputc('}', o);
}

static void write_ndjson_row(const vb__format_ctx *fc, const vb_row *row,
                             FILE *o, const size_t *themes, size_t nthemes) {
  const vb_lexicon *lex = fc->lex;
  size_t len;
  const char *id = vb_row_id(row, &len);
  fputs("{\"id\":", o);
  vb_json_write_string(o, id, len);
  fprintf(o, ",\"line\":%llu,\"score\":", (unsigned long long)row->line);
  if (row->score >= 0)
    fprintf(o, "%d", row->score);
  else
    fputs("null", o);
  fprintf(o, ",\"group\":\"%s\"", vb_group_name(row->group));
  if (fc->languages) {
    const char *lang = vb_row_language(row, &len);
    fputs(",\"language\":", o);
    vb_json_write_string(o, lang, len);
  }
  fputs(",\"themes\":[", o);
  for (size_t i = 0; i < nthemes; i++)
    fprintf(o, "%s\"%s\"", i ? "," : "", vb_lexicon_theme_id(lex, themes[i]));
  fputs("],\"matches\":[", o);
  for (size_t i = 0; i < vb_matcher_match_count(row->m); i++) {
    if (i)
      fputc(',', o);
    write_match(lex, vb_matcher_match(row->m, i), row->text, o);
  }
  fputs("]}\n", o);
}

static int format_row(void *state, const vb_row *row, FILE *o, vb_error *err) {
  (void)err;
  const vb__format_ctx *f = state;
  if (row->rejected || !o)
    return VB_OK;
  const size_t *themes;
  size_t nthemes = vb_matcher_themes(row->m, &themes), len;
  const char *id;
  switch (f->format) {
  case VB_OUTPUT_CSV:
    write_csv_row(f, row, o, themes, nthemes);
    break;
  case VB_OUTPUT_LONG:
    id = vb_row_id(row, &len);
    for (size_t i = 0; i < nthemes; i++) {
      vb_csv_write_field(o, id, len);
      fprintf(o, ",%s", vb_lexicon_theme_id(f->lex, themes[i]));
      if (f->languages) {
        size_t llen;
        const char *lang = vb_row_language(row, &llen);
        fputc(',', o);
        vb_csv_write_field(o, lang, llen);
      }
      fputc('\n', o);
    }
    break;
  case VB_OUTPUT_NDJSON:
    write_ndjson_row(f, row, o, themes, nthemes);
    break;
  default:
    break;
  }
  return VB_OK;
}

/* Every worker shares the (read-only) context as its state. */
static int format_open(void *ctx, void **state) {
  *state = ctx;
  return VB_OK;
}

vb_sink vb__format_sink(vb__format_ctx *ctx) {
  return (vb_sink){.ctx = ctx,
                   .open = format_open,
                   .row = format_row,
                   .header = format_header};
}

/* ---- fields ------------------------------------------------------------ */

/* How one ASCII byte is written: NULL for as-is, else the replacement.
 * write_utf8 asks only for controls, '"' and '\\' (what CSV and JSON
 * escape); every other ASCII byte is written as it is. */
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

#if defined(__SSE2__)
/* A bit for each of the 16 bytes at s that write_utf8 must look at: a
 * control, '"', '\\' or a byte beyond ASCII (negative as a signed byte,
 * so below 0x20 too). */
static inline unsigned plain_ascii16(const uint8_t *s) {
  __m128i v = _mm_loadu_si128((const __m128i *)s);
  __m128i look =
      _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
  return (unsigned)_mm_movemask_epi8(look);
}
#endif

/* Writes text with invalid UTF-8 replaced by U+FFFD and ASCII bytes passed
 * through `escape`; runs of plain bytes go out in one fwrite (SSE2 skips
 * 16 plain ASCII bytes at a time). */
static void write_utf8(FILE *out, const char *text, size_t len,
                       ascii_escape escape) {
  const uint8_t *s = (const uint8_t *)text;
  size_t run = 0, i = 0;
  char buf[8];
  while (i < len) {
#if defined(__SSE2__)
    if (i + 16 <= len) { /* 16 plain ASCII bytes at a time */
      unsigned special = plain_ascii16(s + i);
      if (special == 0) {
        i += 16;
        continue;
      }
      i += (size_t)__builtin_ctz(special);
    }
#endif
    if (s[i] < 0x80) {
      /* only these bytes may need escaping, in CSV or JSON: the others
       * skip the call */
      bool maybe = s[i] < 0x20 || s[i] == '"' || s[i] == '\\';
      const char *rep = maybe ? escape(s[i], buf) : NULL;
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

/* A CSV field, as csv_field_needs says it must be written. */
static void write_field_as(FILE *out, const char *text, size_t len, bool quote,
                           bool plain) {
  if (quote)
    fputc('"', out);
  if (plain) /* ASCII without '"': nothing to escape or repair */
    fwrite(text, 1, len, out);
  else
    write_utf8(out, text, len, csv_escape);
  if (quote)
    fputc('"', out);
}

void vb_csv_write_field(FILE *out, const char *text, size_t len) {
  bool quote, plain;
  csv_field_needs(text, len, &quote, &plain);
  write_field_as(out, text, len, quote, plain);
}

void vb_json_write_string(FILE *out, const char *text, size_t len) {
  fputc('"', out);
  write_utf8(out, text, len, json_escape);
  fputc('"', out);
}

/* Bidirectional embeddings, overrides and isolates (U+202A-202E,
 * U+2066-2069): in text from a comment they would reorder what the page
 * shows after them, so they are dropped. */
static bool bidi_control(UChar32 c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static const char *html_escape(unsigned char c) {
  switch (c) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\'':
    return "&#39;";
  case '\t':
  case '\n':
    return NULL;
  default:
    return c < 0x20 || c == 0x7F ? " " : NULL; /* controls: not in HTML */
  }
}

/* One code point at s[i] (len bytes in all) written escaped; returns its
 * length in bytes. */
static size_t html_code_point(FILE *out, const uint8_t *s, size_t i,
                              size_t len) {
  if (s[i] < 0x80) {
    const char *rep = html_escape(s[i]);
    if (rep)
      fputs(rep, out);
    else
      fputc(s[i], out);
    return 1;
  }
  size_t avail = len - i < 8 ? len - i : 8;
  int32_t j = 0;
  UChar32 c;
  U8_NEXT(s + i, j, (int32_t)avail, c);
  if (c < 0 || (c >= 0x80 && c < 0xA0)) /* invalid, or a C1 control */
    fputs("\xEF\xBF\xBD", out);
  else if (!bidi_control(c))
    fwrite(s + i, 1, (size_t)j, out);
  return (size_t)j;
}

size_t vb__html_write_text(FILE *out, const char *text, size_t len,
                           size_t max) {
  const uint8_t *s = (const uint8_t *)text;
  size_t i = 0;
  while (i < len && (!max || i < max))
    i += html_code_point(out, s, i, len);
  if (i < len)
    fputs("\xE2\x80\xA6", out); /* ... */
  return i;
}

/* ---- header names ----------------------------------------------------- */

/* A renamed column is "input_" NAME, prefixed again while still taken;
 * eight prefixes deep something is wrong with the input, and the name is
 * written as it is. */
void vb__write_input_name(FILE *out, const char *name, vb__name_taken taken,
                          const void *ctx) {
  static const char prefix[] = "input_";
  size_t len = strlen(name), p = sizeof prefix - 1;
  char *buf = NULL;
  for (size_t k = 0; k <= 8 && taken(ctx, buf ? buf : name, k > 0); k++) {
    free(buf);
    buf = malloc((k + 1) * p + len + 1);
    if (!buf)
      break;
    for (size_t j = 0; j <= k; j++)
      memcpy(buf + j * p, prefix, p);
    memcpy(buf + (k + 1) * p, name, len + 1);
  }
  const char *use = buf && !taken(ctx, buf, true) ? buf : name;
  vb_csv_write_field(out, use, strlen(use));
  free(buf);
}

/* ---- atomic output files ---------------------------------------------- */

struct vb_outfile {
  FILE *stream;
  char *path; /* the file written: `path` given, resolved through links */
  char *tmp;  /* the temporary file renamed over it; NULL: in place */
};

/* A name that stands for one of this process's open descriptors: the
 * descriptor, else -1.  Opening such a name anew would truncate (or, on
 * /proc, replace through a link) the file behind the descriptor: a
 * cron job's `--rejects /dev/stderr` must add to its log, not clobber it. */
static int descriptor_name(const char *path) {
  static const char *const prefixes[] = {"/dev/fd/", "/proc/self/fd/"};
  if (strcmp(path, "/dev/stdout") == 0)
    return STDOUT_FILENO;
  if (strcmp(path, "/dev/stderr") == 0)
    return STDERR_FILENO;
  for (size_t i = 0; i < 2; i++) {
    size_t n = strlen(prefixes[i]);
    if (strncmp(path, prefixes[i], n) == 0 && path[n]) {
      char *end;
      long fd = strtol(path + n, &end, 10);
      if (!*end && fd >= 0 && fd < 1 << 20)
        return (int)fd;
    }
  }
  return -1;
}

/* `path` with its symbolic links followed, one hop at a time so that a
 * dangling link still names the file to create; a relative link is read
 * from the link's own directory.  malloc'd; NULL with errno set (ELOOP
 * after 40 hops, as the kernel does). */
static char *resolve_links(const char *path) {
  char *cur = strdup(path);
  for (int hops = 0; cur && hops <= 40; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode) ||
        descriptor_name(cur) >= 0)
      return cur;
    char target[4096];
    ssize_t n = readlink(cur, target, sizeof target - 1);
    if (n < 0) {
      free(cur);
      return NULL;
    }
    target[n] = '\0';
    const char *slash = strrchr(cur, '/');
    size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
    char *next = malloc(dir + (size_t)n + 1);
    if (next) {
      memcpy(next, cur, dir);
      memcpy(next + dir, target, (size_t)n + 1);
    }
    free(cur);
    cur = next;
  }
  if (cur)
    errno = ELOOP;
  free(cur);
  return NULL;
}

/* Writes in place: through a copy of our descriptor, or by opening the
 * device / FIFO. */
static int open_in_place(vb_outfile *f, int fd, vb_error *err) {
  if (fd >= 0) {
    int copy = dup(fd);
    f->stream = copy >= 0 ? fdopen(copy, "wb") : NULL; /* no truncation */
    if (!f->stream && copy >= 0)
      close(copy);
  } else {
    f->stream = fopen(f->path, "wb");
  }
  if (!f->stream)
    return vb__fail(err, VB_EWRITE, f->path, 0, 0, "cannot open output: %s",
                    strerror(errno));
  return VB_OK;
}

/* Opens a temporary file beside f->path, with the mode `mode`. */
static int open_temporary(vb_outfile *f, mode_t mode, vb_error *err) {
  size_t n = strlen(f->path) + 32;
  if (!(f->tmp = malloc(n)))
    return vb__fail(err, VB_ENOMEM, f->path, 0, 0, "out of memory");
  /* Same directory as the target, so rename() is atomic. */
  snprintf(f->tmp, n, "%s.tmp-XXXXXX", f->path);
  int fd = mkstemp(f->tmp);
  if (fd < 0) {
    int e = errno;
    free(f->tmp);
    f->tmp = NULL;
    return vb__fail(err, VB_EWRITE, f->path, 0, 0, "cannot create output: %s",
                    strerror(e));
  }
  fchmod(fd, mode); /* mkstemp makes it 0600 */
  if (!(f->stream = fdopen(fd, "wb"))) {
    close(fd);
    return vb__fail(err, VB_ENOMEM, f->path, 0, 0, "out of memory");
  }
  return VB_OK;
}

int vb_outfile_open(const char *path, vb_outfile **out, vb_error *err) {
  vb__error_clear(err);
  if (!out || !path)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no output path");
  *out = NULL;
  vb_outfile *f = calloc(1, sizeof *f);
  if (!f)
    return vb__fail(err, VB_ENOMEM, path, 0, 0, "out of memory");
  int fd = descriptor_name(path);
  f->path = fd >= 0 ? strdup(path) : resolve_links(path);
  if (!f->path) {
    int e = errno;
    free(f);
    return e == ENOMEM ? vb__fail(err, VB_ENOMEM, path, 0, 0, "out of memory")
                       : vb__fail(err, VB_EWRITE, path, 0, 0,
                                  "cannot follow the link: %s", strerror(e));
  }
  fd = descriptor_name(f->path); /* a link to /dev/stderr counts too */
  struct stat st;
  bool exists = stat(f->path, &st) == 0;
  int rc;
  if (fd >= 0 || (exists && !S_ISREG(st.st_mode))) {
    rc = open_in_place(f, fd, err);
  } else {
    mode_t mask = umask(0);
    umask(mask);
    rc = open_temporary(f, exists ? st.st_mode & 07777 : 0666 & ~mask, err);
  }
  if (rc) {
    vb_outfile_abort(f);
    return rc;
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
    rc = vb__fail(err, VB_EWRITE, f->path, 0, 0, "cannot write output: %s",
                  strerror(errno));
  if (fclose(f->stream) != 0 && !rc)
    rc = vb__fail(err, VB_EWRITE, f->path, 0, 0, "cannot write output: %s",
                  strerror(errno));
  f->stream = NULL;
  if (!rc && f->tmp && rename(f->tmp, f->path) != 0)
    rc = vb__fail(err, VB_EWRITE, f->path, 0, 0, "cannot rename output: %s",
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

/* ---- streams over a caller's write function ---------------------------- */

typedef struct write_cookie {
  vb_write_fn fn;
  void *ctx;
} write_cookie;

static ssize_t cookie_write(void *cookie, const char *buf, size_t size) {
  const write_cookie *c = cookie;
  long n = c->fn(c->ctx, buf, size);
  if (n < 0 || (size_t)n != size) {
    errno = EIO;
    return -1;
  }
  return (ssize_t)size;
}

static int cookie_close(void *cookie) {
  free(cookie);
  return 0;
}

FILE *vb_stream_open(vb_write_fn fn, void *ctx) {
  write_cookie *c = fn ? malloc(sizeof *c) : NULL;
  if (!c)
    return NULL;
  *c = (write_cookie){fn, ctx};
  cookie_io_functions_t io = {.write = cookie_write, .close = cookie_close};
  FILE *f = fopencookie(c, "w", io);
  if (!f)
    free(c);
  return f;
}
