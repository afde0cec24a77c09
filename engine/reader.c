/*
 * reader.c - streaming rows from CSV (RFC 4180), TSV and NDJSON input,
 * gzip-compressed or not, in UTF-8 or any encoding ICU converts, from a
 * path, a caller's buffer or a caller's read callback.
 *
 * Input comes from a source, the one place that knows where bytes come
 * from: a file descriptor read through zlib (gzdopen + gzread, which
 * inflates gzip and passes anything else through), or a caller's buffer
 * or read callback, which inflate through a zlib stream when their first
 * bytes are the gzip magic and are copied through otherwise.  Everything
 * above the source (transcoding, buffering, sniffing, parsing, recovery)
 * is shared, so a buffer or a callback reads exactly as a file does.
 * Input in another encoding (--encoding, or a UTF-16 byte-order mark)
 * goes on through an ICU converter into UTF-8 before any parsing, so the
 * parsers only ever see UTF-8 and every position refers to it; UTF-8 input
 * never meets a converter (one branch per refill, none per byte).  Bytes
 * land in one read buffer; a row is parsed in place: unquoted fields (the
 * common case, found with memchr) point straight into that buffer, quoted
 * fields point between their quotes unless they hold "" escapes, in which
 * case the unescaped text is copied to a per-row scratch buffer.  Field
 * pointers are therefore valid only until the next vb_reader_next().  When
 * a row runs past the end of the buffered data, the unread tail is moved to
 * the front, the buffer is refilled (grown geometrically when the row does
 * not fit) and the row is parsed again from its start, so no parser state
 * survives a refill and the rescanning is amortized linear.
 *
 * Invariants:
 *   - Every row is returned or reported: a malformed or oversized row
 *     returns VB_EMALFORMED / VB_ETOOBIG and parsing resumes at the start
 *     of the physical line after the one on which the bad row started, so
 *     a stray quote can swallow nothing: the lines it would have swallowed
 *     are read again as rows.
 *   - Rows always start at the start of a physical line, and r->line is the
 *     physical line (1-based; LF, CRLF and a lone CR each end one) at
 *     r->pos, the first byte not yet consumed.
 *   - Memory stays bounded by about max_row plus the read buffer: a row is
 *     declared too big once more than max_row of its bytes are buffered,
 *     and skipping a line longer than that discards input as it goes,
 *     keeping only the first RAW_KEEP bytes for vb_reader_raw().
 *   - Bytes are not interpreted: NUL bytes and invalid UTF-8 pass through
 *     unchanged (later stages repair UTF-8).
 *   - A source returns fewer bytes than asked only at the end of its input
 *     or on an error (then r->read_err says which), whatever its kind: a
 *     callback that returns short counts is asked again.
 *   - What the input looks like is decided once, at open, from the bytes
 *     the first refill buffered: the encoding, the CSV separator (the most
 *     frequent of , ; TAB | outside quotes on the header line), and a
 *     Qualtrics export's rows 2-3 (parsed from the buffer and given back
 *     untouched when row 3 holds no {"ImportId").  No row pays for it.
 *
 * CSV/TSV: separator as set, else sniffed (CSV) or TAB; records end at LF,
 * CRLF or a lone CR; "" is a quote inside a quoted field; CR/LF inside
 * quotes are data; a quote inside an unquoted field is literal; anything
 * but a separator or a record end after a closing quote is an error.
 * Completely empty lines are not rows.  Every row must have as many fields
 * as the header.  csv_row() reads a record in named steps: the empty lines
 * before it, then field by field (quoted_field + after_closing_quote, or
 * plain_field; store_field keeps it), then the record's end.  NDJSON rows
 * are parsed in ndjson.c, which shares this file's buffer and columns
 * through internal.h.
 *
 * Before the header, lines holding only spaces and tabs are skipped (they
 * cannot be a header); input with nothing else is VB_EEMPTY.  Format AUTO
 * goes by the name's extension (ignoring a trailing .gz), else sniffs: a
 * first non-blank byte '{' means NDJSON, anything else CSV.
 * vb_reader_raw() never includes the record terminator.
 * vb_reader_column_name() returns NULL for a column out of range.
 * vb_reader_set_max_row(r, 0) restores the default limit.
 *
 * Errors: vb_reader_line() is the line a bad row starts on, while err's
 * line/column point at the offending byte, which for a multi-line row may
 * be on a later line.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/ucnv.h>
#include <zlib.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

#define CHUNK ((size_t)1 << 20)            /* read buffer, bytes */
#define DEFAULT_MAX_ROW ((size_t)16 << 20) /* default row limit */
#define RAW_KEEP VB__RAW_KEEP              /* raw bytes kept of a big row */
#define GZ_BUFFER (256u * 1024u)           /* zlib's own input buffer */
#define PIVOT 4096u                        /* UTF-16 pivot of a transcode */
#define NEED VB__NEED

typedef vb__field field;

struct vb_reader_options {
  vb_format format;
  char *encoding; /* NULL: detect */
  char sep;       /* 0: sniff */
  long skip_rows; /* < 0: detect a Qualtrics export */
};

/* Where the input's bytes come from.  A file (or standard input) is read
 * through zlib's gz functions.  A buffer or a callback is read through a
 * window [in + at, in + end) of raw bytes: the whole buffer, or what the
 * callback last gave; when the first bytes are the gzip magic, `z`
 * inflates from the window, else bytes are copied out of it (a callback
 * is then read straight into the reader's buffer once the window is
 * used up). */
typedef struct vb__source {
  gzFile gz;     /* a file: zlib reads it, inflating gzip */
  vb_read_fn fn; /* a callback (NULL for a buffer) */
  void *ctx;
  const char *in; /* the window: the caller's buffer, or `own` */
  char *own;      /* callback bytes read ahead, GZ_BUFFER of them */
  size_t at, end;
  uint64_t before; /* raw bytes consumed before the window */
  bool raw_eof;    /* the buffer is all in the window / fn returned 0 */
  z_stream *z;     /* inflating gzip from the window, else NULL */
  bool z_done;     /* the last gzip member ended, nothing follows */
} source;

/* Transcoding of non-UTF-8 input: source bytes -> `in` -> ICU (through a
 * UTF-16 pivot) -> the read buffer.  Absent for UTF-8 input. */
typedef struct vb__transcoder {
  UConverter *from, *to;
  char *in; /* r->chunk bytes read from the source, [pos, end) not
             * converted */
  size_t pos, end;
  bool eof, done; /* the source is read / everything is converted */
  UChar pivot[PIVOT], *pivot_src, *pivot_dst;
  char name[64]; /* the converter's canonical name */
} transcoder;

static const char empty_text[1] = "";

/* ---- small helpers ---------------------------------------------------- */

static unsigned clamp_line(uint64_t line) {
  return line > UINT_MAX ? UINT_MAX : (unsigned)line;
}

static int nomem(vb_reader *r, vb_error *err) {
  return vb__fail(err, VB_ENOMEM, r ? r->name : NULL, 0, 0, "out of memory");
}

static bool ascii_ieq(const char *a, const char *b) {
  for (;; a++, b++) {
    unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
    if (x >= 'A' && x <= 'Z')
      x = (unsigned char)(x + 32);
    if (y >= 'A' && y <= 'Z')
      y = (unsigned char)(y + 32);
    if (x != y)
      return false;
    if (!x)
      return true;
  }
}

static bool has_suffix(const char *s, size_t len, const char *suffix) {
  size_t n = strlen(suffix);
  if (len < n)
    return false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[len - n + i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    if (c != (unsigned char)suffix[i])
      return false;
  }
  return true;
}

static vb_format format_from_name(const char *name) {
  size_t len = strlen(name);
  if (has_suffix(name, len, ".gz"))
    len -= 3;
  if (has_suffix(name, len, ".csv"))
    return VB_FORMAT_CSV;
  if (has_suffix(name, len, ".tsv") || has_suffix(name, len, ".tab"))
    return VB_FORMAT_TSV;
  if (has_suffix(name, len, ".ndjson") || has_suffix(name, len, ".jsonl"))
    return VB_FORMAT_NDJSON;
  return VB_FORMAT_AUTO;
}

/* Position of buf[off] in a row that starts at buf[start] (column 1 of
 * r->row_line).  Columns count code points, as elsewhere in the engine. */
void vb__reader_row_pos(const vb_reader *r, size_t start, size_t off,
                        unsigned *line, unsigned *column) {
  uint64_t l = r->row_line;
  unsigned c = 1;
  const unsigned char *b = (const unsigned char *)r->buf;
  for (size_t i = start; i < off; i++) {
    if (b[i] == '\r' || (b[i] == '\n' && !(i > start && b[i - 1] == '\r'))) {
      l++;
      c = 1;
    } else if (b[i] != '\n' && (b[i] & 0xC0) != 0x80) {
      c++;
    }
  }
  *line = clamp_line(l);
  *column = c;
}

/* Line breaks in s[0, n): LF, CRLF and lone CR each count once. */
static size_t count_breaks(const char *s, size_t n) {
  size_t count = 0;
  const char *p = s, *e = s + n;
  while (p < e && (p = memchr(p, '\r', (size_t)(e - p))) != NULL) {
    count++;
    p++;
  }
  p = s;
  while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
    if (p == s || p[-1] != '\r')
      count++;
    p++;
  }
  return count;
}

/* First CR or LF at or after p, or r->end. */
static inline size_t find_eol(vb_reader *r, size_t p) {
  if (p < r->lf_lo || p > r->lf_at) {
    const char *x = memchr(r->buf + p, '\n', r->end - p);
    r->lf_lo = p;
    r->lf_at = x ? (size_t)(x - r->buf) : r->end;
  }
  if (p < r->cr_lo || p > r->cr_at) {
    const char *x = memchr(r->buf + p, '\r', r->end - p);
    r->cr_lo = p;
    r->cr_at = x ? (size_t)(x - r->buf) : r->end;
  }
  return r->lf_at < r->cr_at ? r->lf_at : r->cr_at;
}

static inline int scratch_append(vb_reader *r, const char *s, size_t n) {
  if (n > SIZE_MAX - r->slen)
    return VB_ENOMEM;
  if (r->slen + n > r->scap &&
      vb__grow((void **)&r->scratch, &r->scap, r->slen + n, 1))
    return VB_ENOMEM;
  memcpy(r->scratch + r->slen, s, n);
  r->slen += n;
  return VB_OK;
}

/* The two above for ndjson.c; this file's own rows call the inline ones. */
size_t vb__reader_find_eol(vb_reader *r, size_t p) { return find_eol(r, p); }

int vb__reader_scratch_append(vb_reader *r, const char *s, size_t n) {
  return scratch_append(r, s, n);
}

/* ---- input ------------------------------------------------------------ */

/* zlib prefixes its messages with the path it was given ("<fd:3>: ...");
 * the reader's name is in err->file already. */
static const char *gz_message(gzFile gz, int *errnum) {
  const char *msg = gzerror(gz, errnum);
  if (msg && strncmp(msg, "<fd:", 4) == 0) {
    const char *colon = strstr(msg, ">: ");
    if (colon)
      msg = colon + 3;
  }
  return msg ? msg : "unknown error";
}

/* A file, through zlib.  Any error zlib reports, even one that came with
 * data, fills r->read_err. */
static int file_read(vb_reader *r, char *dst, unsigned ask) {
  int n = gzread(r->src->gz, dst, ask);
  int errnum = Z_OK;
  const char *msg = gz_message(r->src->gz, &errnum);
  if (errnum == Z_OK && n >= 0)
    return n;
  if (errnum == Z_ERRNO)
    vb__fail(&r->read_err, VB_EIO, r->name, 0, 0, "read error: %s", msg);
  else if (errnum == Z_MEM_ERROR)
    nomem(r, &r->read_err);
  else
    vb__fail(&r->read_err, VB_EIO, r->name, 0, 0, "gzip: %s", msg);
  return n;
}

/* Asks the callback once for up to `size` bytes: the count, 0 at its end,
 * or -1 with r->read_err filled (a negative answer, or more bytes than
 * there was room for). */
static long callback_read(vb_reader *r, char *dst, size_t size) {
  source *s = r->src;
  long n = s->fn(s->ctx, dst, size);
  if (n < 0) {
    vb__fail(&r->read_err, VB_EIO, r->name, 0, 0,
             "read error (the read callback returned %ld)", n);
    return -1;
  }
  if ((unsigned long)n > size) {
    vb__fail(&r->read_err, VB_EIO, r->name, 0, 0,
             "read error (the read callback returned %ld bytes for a "
             "%zu-byte buffer)",
             n, size);
    return -1;
  }
  s->raw_eof = n == 0;
  return n;
}

/* Makes the window hold at least one unread byte, asking the callback for
 * more once it is used up.  False at the end of the input or on an error
 * (r->read_err). */
static bool window_fill(vb_reader *r) {
  source *s = r->src;
  if (s->at < s->end)
    return true;
  if (!s->fn || s->raw_eof || r->read_err.code)
    return false;
  long n = callback_read(r, s->own, GZ_BUFFER);
  if (n <= 0)
    return false;
  s->before += s->end;
  s->at = 0;
  s->end = (size_t)n;
  return true;
}

/* Bytes copied from the window, then (a callback) read straight into dst
 * until `ask` are there or the input ends. */
static int plain_read(vb_reader *r, char *dst, unsigned ask) {
  source *s = r->src;
  size_t got = s->end - s->at < ask ? s->end - s->at : ask;
  if (got) /* an empty buffer may be NULL */
    memcpy(dst, s->in + s->at, got);
  s->at += got;
  if (got < ask && s->fn) { /* the window is used up: read past it */
    s->before += s->end;
    s->at = s->end = 0;
  }
  while (got < ask && s->fn && !s->raw_eof && !r->read_err.code) {
    long n = callback_read(r, dst + got, ask - got);
    if (n <= 0)
      break;
    s->before += (size_t)n;
    got += (size_t)n;
  }
  return got == 0 && r->read_err.code ? -1 : (int)got;
}

/* After a gzip member's end: another member follows when the next bytes
 * are the gzip magic; anything else is ignored, as gzread() does. */
static void next_member(vb_reader *r) {
  source *s = r->src;
  if (window_fill(r) && (unsigned char)s->in[s->at] == 0x1F &&
      (s->at + 1 == s->end || (unsigned char)s->in[s->at + 1] == 0x8B))
    inflateReset(s->z);
  else
    s->z_done = true;
}

/* gzip from the window, with gzread()'s messages for its errors. */
static int inflate_read(vb_reader *r, char *dst, unsigned ask) {
  source *s = r->src;
  z_stream *z = s->z;
  z->next_out = (Bytef *)dst;
  z->avail_out = ask;
  while (z->avail_out > 0 && !s->z_done && !r->read_err.code) {
    if (!window_fill(r)) {
      if (!r->read_err.code)
        vb__fail(&r->read_err, VB_EIO, r->name, 0, 0,
                 "gzip: unexpected end of file");
      break;
    }
    size_t have = s->end - s->at;
    z->next_in = (Bytef *)(uintptr_t)(s->in + s->at);
    z->avail_in = have > UINT_MAX ? UINT_MAX : (uInt)have;
    const uInt room = z->avail_out;
    int zr = inflate(z, Z_NO_FLUSH);
    s->at = (size_t)((const char *)z->next_in - s->in);
    if (zr == Z_STREAM_END) {
      next_member(r);
    } else if (zr == Z_MEM_ERROR) {
      nomem(r, &r->read_err);
    } else if (zr != Z_OK && (zr != Z_BUF_ERROR || s->at < s->end)) {
      /* As gzread(): what the failing call inflated is not returned. */
      z->avail_out = room;
      vb__fail(&r->read_err, VB_EIO, r->name, 0, 0, "gzip: %s",
               zr == Z_DATA_ERROR && z->msg ? z->msg : "compressed data error");
    }
  }
  size_t got = ask - z->avail_out;
  return got == 0 && r->read_err.code ? -1 : (int)got;
}

/* Up to `ask` bytes of the input, inflated when it is gzip: fewer only at
 * its end or on an error (r->read_err filled; -1 when no byte came). */
static int source_read(vb_reader *r, char *dst, unsigned ask) {
  source *s = r->src;
  if (s->gz)
    return file_read(r, dst, ask);
  return s->z ? inflate_read(r, dst, ask) : plain_read(r, dst, ask);
}

/* A buffer's or callback's first bytes decide, once, whether it is gzip:
 * the callback is asked until two bytes are in the window (or it ends). */
static int source_start(vb_reader *r, vb_error *err) {
  source *s = r->src;
  while (s->fn && s->end < 2 && !s->raw_eof && !r->read_err.code) {
    long n = callback_read(r, s->own + s->end, GZ_BUFFER - s->end);
    if (n > 0)
      s->end += (size_t)n;
  }
  if (s->end < 2 || (unsigned char)s->in[0] != 0x1F ||
      (unsigned char)s->in[1] != 0x8B)
    return VB_OK;
  if (!(s->z = calloc(1, sizeof *s->z)))
    return nomem(r, err);
  if (inflateInit2(s->z, 15 + 16) != Z_OK) {
    free(s->z);
    s->z = NULL;
    return nomem(r, err);
  }
  return VB_OK;
}

static void source_free(source *s) {
  if (!s)
    return;
  if (s->gz)
    gzclose(s->gz);
  if (s->z) {
    inflateEnd(s->z);
    free(s->z);
  }
  free(s->own);
  free(s);
}

/* Fills dst[0, ask) with UTF-8 converted from the source, reading it in
 * r->chunk bytes.  Returns the bytes written (fewer than `ask` only at the end
 * of input), or -1 on a read error or a conversion failure (r->read_err filled
 * either way). */
static int transcode(vb_reader *r, char *dst, unsigned ask) {
  transcoder *tc = r->tc;
  char *t = dst;
  char *const limit = dst + ask;
  while (t < limit && !tc->done) {
    if (tc->pos == tc->end && !tc->eof) {
      int n = source_read(r, tc->in, (unsigned)r->chunk);
      if (n < 0)
        return t > dst ? (int)(t - dst) : -1;
      tc->pos = 0;
      tc->end = (size_t)n;
      tc->eof = (size_t)n < r->chunk;
    }
    const char *src = tc->in + tc->pos;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(tc->to, tc->from, &t, limit, &src, tc->in + tc->end,
                   tc->pivot, &tc->pivot_src, &tc->pivot_dst, tc->pivot + PIVOT,
                   false, tc->eof, &status);
    tc->pos = (size_t)(src - tc->in);
    if (status == U_BUFFER_OVERFLOW_ERROR)
      break;
    if (U_FAILURE(status)) {
      vb__fail(&r->read_err, VB_EIO, r->name, 0, 0,
               "cannot convert from %s: %s", tc->name, u_errorName(status));
      return t > dst ? (int)(t - dst) : -1;
    }
    tc->done = tc->eof && tc->pos == tc->end;
  }
  return (int)(t - dst);
}

/* Drops the consumed bytes [0, pos), grows the buffer when what is left
 * fills half of it or more (up to about max_row + CHUNK), and reads as much
 * as fits.  A read error that came with data is held back until the
 * buffered data is used up, so every complete row before it is returned. */
static int refill(vb_reader *r, vb_error *err) {
  if (r->read_err.code) {
    if (err)
      *err = r->read_err;
    return r->read_err.code;
  }
  if (r->pos > 0) {
    memmove(r->buf, r->buf + r->pos, r->end - r->pos);
    r->end -= r->pos;
    r->skip_at -= r->skip_at >= r->pos ? r->pos : r->skip_at;
    r->pos = 0;
  }
  r->lf_lo = r->cr_lo = SIZE_MAX;
  r->lf_at = r->cr_at = 0;
  if (r->end >= r->cap / 2) {
    size_t limit =
        r->max_row > SIZE_MAX - 2 * CHUNK ? SIZE_MAX / 2 : r->max_row + CHUNK;
    size_t want = r->cap <= SIZE_MAX / 2 ? r->cap * 2 : SIZE_MAX;
    if (want > limit)
      want = limit;
    if (r->end == r->cap && want <= r->cap)
      want = r->cap + CHUNK; /* must make room (max_row lowered later) */
    if (want > r->cap) {
      char *nb = realloc(r->buf, want);
      if (nb) {
        r->buf = nb;
        r->cap = want;
      } else if (r->end == r->cap) {
        return nomem(r, err);
      }
    }
  }
  while (r->end < r->cap) {
    size_t room = r->cap - r->end;
    unsigned ask = room > (1u << 30) ? 1u << 30 : (unsigned)room;
    int n = r->tc ? transcode(r, r->buf + r->end, ask)
                  : source_read(r, r->buf + r->end, ask);
    if (n > 0)
      r->end += (size_t)n;
    if (n < 0 || r->read_err.code) { /* described by source_read/transcode */
      if (n > 0)
        return VB_OK;
      if (err)
        *err = r->read_err;
      return r->read_err.code;
    }
    if ((unsigned)n < ask) {
      r->eof = true;
      break;
    }
  }
  return VB_OK;
}

/* More than max_row bytes of an unfinished row are buffered (one byte is
 * allowed for a CR whose LF has not been read yet). */
static bool over_limit(const vb_reader *r) {
  size_t have = r->end - r->pos;
  return have > 1 && have - 1 > r->max_row;
}

/* ---- CSV / TSV -------------------------------------------------------- */

int vb__reader_too_big(vb_reader *r) {
  return vb__fail(&r->pend, VB_ETOOBIG, r->name, clamp_line(r->row_line), 1,
                  "row exceeds the %zu-byte limit", r->max_row);
}

/* A CSV/TSV record being read: where it began and how far it has got.
 * The steps of csv_row() share it; it lives for one attempt at a record,
 * so nothing of it survives a refill. */
typedef struct csv_scan {
  const char *b; /* r->buf */
  size_t end;    /* r->end */
  bool eof;      /* r->eof */
  char sep;
  size_t start;    /* the record's first byte */
  size_t p;        /* the next byte to read */
  size_t eol;      /* first CR or LF at or after p (find_eol) */
  size_t nf;       /* fields read */
  size_t breaks;   /* line breaks inside quoted fields */
  size_t extra_at; /* where the first field past the header's count began */
} csv_scan;

/* Steps over completely empty lines, which are not rows: 1 when a record
 * starts at r->pos, 0 at the end of input, NEED. */
static inline int skip_empty_lines(vb_reader *r) {
  const char *const b = r->buf;
  const size_t end = r->end;
  size_t p = r->pos;
  for (;;) {
    if (p == end) {
      r->pos = p;
      return r->eof ? 0 : NEED;
    }
    if (b[p] == '\n') {
      p++;
    } else if (b[p] == '\r') {
      if (p + 1 == end && !r->eof) {
        r->pos = p;
        return NEED;
      }
      p += (p + 1 < end && b[p + 1] == '\n') ? 2 : 1;
    } else {
      break;
    }
    r->line++;
  }
  r->pos = p;
  return 1;
}

/* No closing quote in the buffered bytes: wait for more, or at the end of
 * input a bad row pointing at the opening quote (at s->p). */
static int unterminated_quote(vb_reader *r, const csv_scan *s) {
  if (!s->eof)
    return NEED;
  if (s->end - s->start > r->max_row)
    return vb__reader_too_big(r);
  unsigned line, column;
  vb__reader_row_pos(r, s->start, s->p, &line, &column);
  return vb__fail(&r->pend, VB_EMALFORMED, r->name, line, column,
                  "unterminated quoted field starting at line %u", line);
}

/* The text between the quotes of the field whose opening quote is at s->p:
 * in place, or unescaped into the scratch buffer when it holds "".  Leaves
 * s->p just after the closing quote.  VB_OK, NEED, VB_ENOMEM or a bad
 * row. */
static inline int quoted_field(vb_reader *r, csv_scan *s, field *f) {
  const char *const b = s->b;
  const size_t end = s->end, q = s->p + 1;
  size_t at = q, sc_off = 0;
  bool escaped = false;
  for (;;) {
    const char *x = at < end ? memchr(b + at, '"', end - at) : NULL;
    if (!x)
      return unterminated_quote(r, s);
    size_t c = (size_t)(x - b);
    if (c + 1 == end && !s->eof)
      return NEED; /* a "" may be split by the buffer's end */
    if (c + 1 < end && b[c + 1] == '"') { /* "" inside quotes */
      if (!escaped) {
        escaped = true;
        sc_off = r->slen;
      }
      if (scratch_append(r, b + at, c + 1 - at))
        return VB_ENOMEM;
      at = c + 2;
      continue;
    }
    if (escaped) {
      if (scratch_append(r, b + at, c - at))
        return VB_ENOMEM;
      f->off = sc_off;
      f->len = r->slen - sc_off;
      f->in_scratch = 1;
    } else {
      f->off = q;
      f->len = c - q;
      f->in_scratch = 0;
    }
    if (s->eol < c) /* the quoted text spans lines */
      s->breaks += count_breaks(b + q, c - q);
    s->p = c + 1;
    return VB_OK;
  }
}

/* A byte other than a separator or a record end after a closing quote. */
static int stray_after_quote(vb_reader *r, const csv_scan *s) {
  if (s->p - s->start > r->max_row)
    return vb__reader_too_big(r);
  unsigned line, column;
  unsigned char ch = (unsigned char)s->b[s->p];
  vb__reader_row_pos(r, s->start, s->p, &line, &column);
  if (ch >= 0x20 && ch < 0x7F)
    return vb__fail(&r->pend, VB_EMALFORMED, r->name, line, column,
                    "unexpected character '%c' after closing quote", ch);
  return vb__fail(&r->pend, VB_EMALFORMED, r->name, line, column,
                  "unexpected byte 0x%02X after closing quote", ch);
}

/* What follows a closing quote: a separator (consumed; another field
 * follows), or a record end or the end of input (*last).  VB_OK, NEED or
 * a bad row. */
static inline int after_closing_quote(vb_reader *r, csv_scan *s, bool *last) {
  const size_t p = s->p;
  if (p > s->eol)
    s->eol = find_eol(r, p);
  if (p == s->end) {
    if (!s->eof)
      return NEED;
    *last = true;
  } else if (s->b[p] == s->sep) {
    s->p = p + 1;
    *last = false;
  } else if (s->b[p] == '\n' || s->b[p] == '\r') {
    *last = true;
  } else {
    return stray_after_quote(r, s);
  }
  return VB_OK;
}

/* The first separator in s->b[s->p, s->eol), or NULL.  Most fields are
 * short (ids, scores, dates): the first 16 buffered bytes are checked
 * inline, and memchr, which costs a call and its set-up however short the
 * field, looks past them only when they hold no separator. */
static inline const char *find_separator(const csv_scan *s) {
  const char *p = s->b + s->p, *eol = s->b + s->eol;
#if defined(__SSE2__)
  if (s->end - s->p >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    unsigned hits =
        (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(s->sep)));
    if (hits) {
      const char *x = p + __builtin_ctz(hits);
      return x < eol ? x : NULL;
    }
    return eol - p > 16 ? memchr(p + 16, s->sep, (size_t)(eol - p) - 16) : NULL;
  }
#endif
  return memchr(p, s->sep, (size_t)(eol - p));
}

/* An unquoted field: from s->p to the next separator (consumed) or to the
 * record's end (*last).  VB_OK or NEED. */
static inline int plain_field(csv_scan *s, field *f, bool *last) {
  const char *x = find_separator(s);
  f->off = s->p;
  f->in_scratch = 0;
  if (x) {
    f->len = (size_t)(x - s->b) - s->p;
    s->p += f->len + 1;
    *last = false;
  } else {
    if (s->eol == s->end && !s->eof)
      return NEED;
    f->len = s->eol - s->p;
    s->p = s->eol;
    *last = true;
  }
  return VB_OK;
}

/* Keeps the field as number s->nf of the row; one past the header's count
 * is only counted, with where the first of them began (for the error).
 * VB_OK or VB_ENOMEM. */
static inline int store_field(vb_reader *r, csv_scan *s, const field *f,
                              size_t fstart) {
  const size_t nf = s->nf;
  if (nf < r->flimit) {
    if (nf == r->fcap &&
        vb__grow((void **)&r->fields, &r->fcap, nf + 1, sizeof(field)))
      return VB_ENOMEM;
    r->fields[nf] = *f;
  } else if (nf == r->flimit) {
    s->extra_at = fstart;
  }
  s->nf = nf + 1;
  return VB_OK;
}

/* The length of the record end at s->p: 1 for LF or CR, 2 for CRLF, 0 at
 * the end of input; NEED when a CR is the last byte buffered. */
static inline int record_end(const csv_scan *s, size_t *tlen) {
  const size_t p = s->p;
  *tlen = 0;
  if (p < s->end) {
    if (s->b[p] == '\r') {
      if (p + 1 == s->end && !s->eof)
        return NEED;
      *tlen = (p + 1 < s->end && s->b[p + 1] == '\n') ? 2 : 1;
    } else {
      *tlen = 1;
    }
  }
  return VB_OK;
}

/* The record as a whole: at most max_row bytes, and (after the header) as
 * many fields as the header.  VB_OK or a bad row. */
static int check_record(vb_reader *r, const csv_scan *s) {
  if (s->p - s->start > r->max_row)
    return vb__reader_too_big(r);
  if (r->flimit == SIZE_MAX || s->nf == r->ncols)
    return VB_OK;
  unsigned line, column;
  vb__reader_row_pos(r, s->start, s->nf > r->ncols ? s->extra_at : s->p, &line,
                     &column);
  return vb__fail(&r->pend, VB_EMALFORMED, r->name, line, column,
                  "expected %zu field%s, found %zu", r->ncols,
                  r->ncols == 1 ? "" : "s", s->nf);
}

/* Reads the record at r->pos: the empty lines before it, its fields one
 * by one, its end.  1 with the row's fields set and r->pos past it, 0 at
 * the end of input, NEED (nothing consumed but empty lines), VB_ENOMEM,
 * or a bad row's code with r->pend filled. */
static int csv_row(vb_reader *r) {
  int rc = skip_empty_lines(r);
  if (rc != 1)
    return rc;
  r->row_line = r->line;
  r->slen = 0;
  csv_scan s = {.b = r->buf,
                .end = r->end,
                .eof = r->eof,
                .sep = r->sep,
                .start = r->pos,
                .p = r->pos};
  s.eol = find_eol(r, s.p); /* invariant: s.p <= s.eol */
  for (bool last = false; !last;) {
    const size_t fstart = s.p;
    field f;
    if (s.p < s.end && s.b[s.p] == '"') {
      rc = quoted_field(r, &s, &f);
      if (rc == VB_OK)
        rc = after_closing_quote(r, &s, &last);
    } else {
      rc = plain_field(&s, &f, &last);
    }
    if (rc == VB_OK)
      rc = store_field(r, &s, &f, fstart);
    if (rc != VB_OK)
      return rc;
  }
  size_t tlen;
  if ((rc = record_end(&s, &tlen)) != VB_OK ||
      (rc = check_record(r, &s)) != VB_OK)
    return rc;
  r->nfields = s.nf;
  r->raw_off = s.start;
  r->raw_len = s.p - s.start;
  r->raw_copied = false;
  r->pos = s.p + tlen;
  r->line += 1 + s.breaks;
  return 1;
}

static uint64_t name_hash(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h ^ (h >> 32);
}

/* Column with exactly this name (the first one when repeated), or -1. */
long vb__reader_find_exact(const vb_reader *r, const char *name) {
  if (!r->slots)
    return -1;
  for (size_t i = (size_t)name_hash(name) & r->slot_mask;;
       i = (i + 1) & r->slot_mask) {
    uint32_t c = r->slots[i];
    if (!c)
      return -1;
    if (strcmp(r->names[c - 1], name) == 0)
      return (long)(c - 1);
  }
}

/* Copies the names into the arena and indexes them; with `dedupe`, a
 * repeated name becomes no column (NDJSON keys), else every name is a
 * column and the index finds the first (CSV headers).  src[i] (lens[i]
 * bytes) may point anywhere: the read buffer, cJSON keys. */
int vb__reader_set_columns(vb_reader *r, size_t count, const char *const *src,
                           const size_t *lens, bool dedupe) {
  size_t total = 0;
  for (size_t i = 0; i < count; i++)
    total += lens[i] + 1;
  size_t nslots = 16;
  while (nslots < 2 * count)
    nslots *= 2;
  r->arena = malloc(total ? total : 1);
  r->names = malloc((count ? count : 1) * sizeof *r->names);
  r->slots = calloc(nslots, sizeof *r->slots);
  r->seen = malloc(count ? count : 1);
  r->kinds = malloc(count ? count : 1);
  r->paths = calloc(count ? count : 1, 1);
  r->found = calloc(count ? count : 1, 1);
  if (!r->arena || !r->names || !r->slots || !r->seen || !r->kinds ||
      !r->paths || !r->found ||
      (count > r->fcap &&
       vb__grow((void **)&r->fields, &r->fcap, count, sizeof(field))))
    return VB_ENOMEM;
  r->slot_mask = nslots - 1;
  char *a = r->arena;
  size_t k = 0;
  for (size_t i = 0; i < count; i++) {
    memcpy(a, src[i], lens[i]);
    a[lens[i]] = '\0';
    bool known =
        vb__reader_find_exact(r, a) >= 0; /* looks at names[0, k) only */
    if (known && dedupe)
      continue;
    r->names[k] = a;
    if (!known) {
      size_t s = (size_t)name_hash(a) & r->slot_mask;
      while (r->slots[s])
        s = (s + 1) & r->slot_mask;
      r->slots[s] = (uint32_t)(k + 1);
    }
    a += lens[i] + 1;
    k++;
  }
  r->ncols = k;
  r->flimit = k;
  return VB_OK;
}

/* ---- rows and recovery ------------------------------------------------ */

/* Parses the next row, refilling as needed.  Returns 1, 0, a recoverable
 * VB_EMALFORMED / VB_ETOOBIG (r->pend says why), or a fatal code (err
 * filled). */
static int parse(vb_reader *r, bool header, vb_error *err) {
  for (;;) {
    int rc =
        r->format == VB_FORMAT_NDJSON ? vb__ndjson_row(r, header) : csv_row(r);
    if (rc == VB_ENOMEM)
      return nomem(r, err);
    if (rc != NEED)
      return rc;
    if (over_limit(r)) {
      r->row_line = r->line;
      return vb__reader_too_big(r);
    }
    rc = refill(r, err);
    if (rc)
      return rc;
  }
}

/* After a bad row: consume the rest of the physical line it started on,
 * and describe it with vb_reader_raw().  A line longer than max_row is
 * discarded as it is read, keeping its first RAW_KEEP bytes. */
static int skip_line(vb_reader *r, vb_error *err) {
  r->skip_at = r->pos;
  r->discard = r->pend.code == VB_ETOOBIG;
  r->raw_copied = false;
  for (;;) {
    size_t eol = find_eol(r, r->skip_at);
    bool need = eol == r->end && !r->eof;
    bool cr_at_end =
        !need && eol + 1 == r->end && r->buf[eol] == '\r' && !r->eof;
    if (need || cr_at_end) {
      if (r->end - r->pos > r->max_row)
        r->discard = true;
      if (r->discard && !r->raw_copied) {
        size_t n = eol - r->pos;
        r->raw_len = n < RAW_KEEP ? n : RAW_KEEP;
        memcpy(r->rawbuf, r->buf + r->pos, r->raw_len);
        r->raw_copied = true;
      }
      r->skip_at = eol;
      if (r->discard)
        r->pos = eol;
      int rc = refill(r, err);
      if (rc)
        return rc;
      continue;
    }
    size_t tlen = 0;
    if (eol < r->end)
      tlen =
          (r->buf[eol] == '\r' && eol + 1 < r->end && r->buf[eol + 1] == '\n')
              ? 2
              : 1;
    if (!r->raw_copied) {
      size_t n = eol - r->pos;
      if (r->pend.code == VB_ETOOBIG && n > RAW_KEEP)
        n = RAW_KEEP;
      r->raw_off = r->pos;
      r->raw_len = n;
    }
    r->pos = eol + tlen;
    r->line = r->row_line + 1;
    return VB_OK;
  }
}

int vb_reader_next(vb_reader *r, vb_error *err) {
  if (!r)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no reader");
  if (r->fatal.code) {
    if (err)
      *err = r->fatal;
    return r->fatal.code;
  }
  vb_error local;
  if (!err)
    err = &local;
  vb__error_clear(err); /* an out-parameter: never read what it held */
  r->nfields = 0;
  r->raw_len = 0;
  r->raw_copied = false;
  int rc = parse(r, false, err);
  if (rc == VB_EMALFORMED || rc == VB_ETOOBIG) {
    r->nfields = 0;
    int fatal = skip_line(r, err);
    if (!fatal) {
      *err = r->pend;
      return rc;
    }
    rc = fatal;
  }
  if (rc < 0) { /* the reader cannot go on: say so on every later call */
    r->nfields = 0;
    r->raw_len = 0;
    r->raw_copied = false;
    r->fatal = *err;
  }
  return rc;
}

/* ---- before the header ---------------------------------------------- */

/* Skips a UTF-8 BOM and the lines before the header that hold only spaces
 * and tabs, leaving r->pos at the start of the first other line.  *first is
 * that line's first byte other than a space or tab, or -1 at the end of
 * input. */
static int skip_to_header(vb_reader *r, int *first, vb_error *err) {
  if (r->end - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0)
    r->pos += 3;
  size_t i = r->pos;
  for (;;) {
    unsigned char c = i < r->end ? (unsigned char)r->buf[i] : 0;
    if (i == r->end || (c == '\r' && i + 1 == r->end && !r->eof)) {
      if (i == r->end && r->eof) {
        *first = -1;
        return VB_OK;
      }
      if (over_limit(r)) {
        r->row_line = r->line;
        vb__reader_too_big(r);
        if (err)
          *err = r->pend;
        return VB_ETOOBIG;
      }
      size_t done = i - r->pos;
      int rc = refill(r, err);
      if (rc)
        return rc;
      i = r->pos + done;
    } else if (c == ' ' || c == '\t') {
      i++;
    } else if (c == '\n' || c == '\r') {
      i += (c == '\r' && i + 1 < r->end && r->buf[i + 1] == '\n') ? 2 : 1;
      r->pos = i;
      r->line++;
    } else {
      *first = c;
      return VB_OK;
    }
  }
}

/* ---- the shape of the input: encoding, separator, extra header rows -- */

static void transcoder_free(transcoder *tc) {
  if (!tc)
    return;
  if (tc->from)
    ucnv_close(tc->from);
  if (tc->to)
    ucnv_close(tc->to);
  free(tc->in);
  free(tc);
}

/* Chooses the encoding once, from the option or else from a UTF-16
 * byte-order mark in the first buffered bytes, and unless it is UTF-8
 * routes the input through a converter: the buffered bytes move to the
 * converter's input and the buffer is filled again with UTF-8.  UTF-8
 * input never meets a converter. */
static int setup_encoding(vb_reader *r, const char *encoding, vb_error *err) {
  const unsigned char *b = (const unsigned char *)r->buf;
  const char *name = encoding;
  size_t bom = 0;
  if (!name && r->end >= 2 && b[0] == 0xFF && b[1] == 0xFE)
    name = "UTF-16LE";
  else if (!name && r->end >= 2 && b[0] == 0xFE && b[1] == 0xFF)
    name = "UTF-16BE";
  if (!name)
    return VB_OK;
  if (!encoding)
    bom = 2;
  UErrorCode status = U_ZERO_ERROR;
  UConverter *from = ucnv_open(name, &status);
  if (U_FAILURE(status))
    return vb__fail(err, VB_EINVAL, r->name, 0, 0, "unknown encoding \"%s\"",
                    name);
  const char *canonical = ucnv_getName(from, &status);
  if (U_SUCCESS(status) && strcmp(canonical, "UTF-8") == 0) {
    ucnv_close(from);
    return VB_OK;
  }
  transcoder *tc = calloc(1, sizeof *tc);
  if (!tc) {
    ucnv_close(from);
    return nomem(r, err);
  }
  tc->from = from;
  tc->to = ucnv_open("UTF-8", &status);
  tc->in = malloc(r->chunk);
  if (U_FAILURE(status) || !tc->in) {
    transcoder_free(tc);
    return nomem(r, err);
  }
  snprintf(tc->name, sizeof tc->name, "%s", canonical);
  memcpy(tc->in, r->buf + bom, r->end - bom);
  tc->end = r->end - bom;
  tc->eof = r->eof;
  tc->pivot_src = tc->pivot_dst = tc->pivot;
  r->tc = tc;
  r->pos = r->end = 0;
  r->eof = false;
  return refill(r, err);
}

/* CSV: the most frequent of , ; TAB | outside quotes on the header line
 * (a comma on a tie or when none occurs).  Reads the buffered header line
 * once; rows never pay for it. */
static char sniff_delimiter(const vb_reader *r) {
  static const char candidates[] = {',', ';', '\t', '|'};
  size_t count[4] = {0};
  bool quoted = false;
  for (size_t i = r->pos; i < r->end; i++) {
    char c = r->buf[i];
    if (c == '"')
      quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r'))
      break;
    else if (!quoted)
      for (int k = 0; k < 4; k++)
        count[k] += c == candidates[k];
  }
  int best = 0;
  for (int k = 1; k < 4; k++)
    if (count[k] > count[best])
      best = k;
  return candidates[best];
}

/* Row 3 of a Qualtrics export holds {"ImportId":"QID1"} and the like. */
static bool import_id_row(const vb_reader *r) {
  for (size_t i = 0; i < r->nfields; i++) {
    size_t len;
    const char *f = vb_reader_field(r, i, &len);
    if (len >= 11 && memcmp(f, "{\"ImportId\"", 11) == 0)
      return true;
  }
  return false;
}

/* Skips rows 2 and 3 of a Qualtrics export (question texts, import ids),
 * looking only at the buffered bytes: on no match nothing has moved. */
static void detect_qualtrics(vb_reader *r) {
  size_t pos = r->pos;
  uint64_t line = r->line;
  if (csv_row(r) == 1 && csv_row(r) == 1 && import_id_row(r)) {
    r->skipped = 2;
    r->qualtrics = true;
  } else {
    r->pos = pos;
    r->line = line;
    vb__error_clear(&r->pend);
  }
  r->nfields = 0;
  r->raw_len = 0;
}

/* Skips `n` rows (counted in r->skipped), malformed ones included: they
 * are rows the caller said are not data. */
static int skip_rows(vb_reader *r, long n, vb_error *err) {
  for (long i = 0; i < n; i++) {
    int rc = parse(r, false, err);
    if (rc == 0)
      break;
    if (rc == VB_EMALFORMED || rc == VB_ETOOBIG)
      rc = skip_line(r, err);
    else if (rc == 1)
      rc = VB_OK;
    if (rc)
      return rc;
    r->skipped++;
  }
  vb__error_clear(&r->pend);
  r->nfields = 0;
  r->raw_len = 0;
  return VB_OK;
}

/* ---- open / free ------------------------------------------------------ */

/* A CSV/TSV header that names one column twice is an error: which of the
 * two would --text, --by or a BI tool mean?  Empty names are exempt, as
 * the trailing empty columns spreadsheets add are common and harmless. */
static int check_duplicates(vb_reader *r, vb_error *err) {
  for (size_t i = 0; i < r->ncols; i++) {
    long first = vb__reader_find_exact(r, r->names[i]);
    if (r->names[i][0] && first >= 0 && (size_t)first != i)
      return vb__fail(err, VB_EMALFORMED, r->name, clamp_line(r->row_line), 0,
                      "duplicate column name '%s' (columns %ld and %zu); "
                      "rename one in the header",
                      r->names[i], first + 1, i + 1);
  }
  return VB_OK;
}

static int csv_header(vb_reader *r, const vb_reader_options *o, vb_error *err) {
  size_t n = r->nfields;
  const char **names = malloc((n ? n : 1) * sizeof *names);
  size_t *lens = malloc((n ? n : 1) * sizeof *lens);
  int rc = VB_ENOMEM;
  if (names && lens) {
    for (size_t i = 0; i < n; i++)
      names[i] = vb_reader_field(r, i, &lens[i]);
    rc = vb__reader_set_columns(r, n, names, lens, false);
  }
  free(names);
  free(lens);
  r->nfields = 0;
  r->raw_len = 0;
  if (rc)
    return nomem(r, err);
  if ((rc = check_duplicates(r, err)) != VB_OK)
    return rc;
  if (o->skip_rows >= 0)
    return skip_rows(r, o->skip_rows, err);
  detect_qualtrics(r);
  return VB_OK;
}

static int read_header(vb_reader *r, const vb_reader_options *o,
                       vb_error *err) {
  int first;
  int rc = skip_to_header(r, &first, err);
  if (rc)
    return rc;
  if (first == -1)
    return vb__fail(err, VB_EEMPTY, r->name, 0, 0,
                    "empty input: no header row");
  if (r->format == VB_FORMAT_AUTO)
    r->format = first == '{' ? VB_FORMAT_NDJSON : VB_FORMAT_CSV;
  r->sep = o->sep ? o->sep : r->format == VB_FORMAT_TSV ? '\t' : ',';
  if (r->format == VB_FORMAT_CSV && !o->sep) {
    r->sep = sniff_delimiter(r);
    r->sep_sniffed = true;
  }
  if (r->format == VB_FORMAT_NDJSON && o->skip_rows > 0 &&
      (rc = skip_rows(r, o->skip_rows, err)) != VB_OK)
    return rc;
  r->flimit = SIZE_MAX;
  rc = parse(r, true, err);
  if (rc == 0) /* NDJSON after --skip-rows, or not reached */
    return vb__fail(err, VB_EEMPTY, r->name, 0, 0,
                    "empty input: no header row");
  if (rc == VB_EMALFORMED || rc == VB_ETOOBIG) {
    if (err)
      *err = r->pend;
    return rc;
  }
  if (rc < 0)
    return rc;
  if (r->format != VB_FORMAT_NDJSON)
    return csv_header(r, o, err);
  r->pos = r->raw_off; /* the first object is read again as the first row */
  r->line = r->row_line;
  r->nfields = 0;
  r->raw_len = 0;
  return VB_OK;
}

int vb_reader_options_new(vb_reader_options **out) {
  *out = calloc(1, sizeof **out);
  if (!*out)
    return VB_ENOMEM;
  (*out)->skip_rows = -1;
  return VB_OK;
}

void vb_reader_options_free(vb_reader_options *o) {
  if (!o)
    return;
  free(o->encoding);
  free(o);
}

void vb_reader_options_set_format(vb_reader_options *o, vb_format format) {
  o->format = format;
}

int vb_reader_options_set_encoding(vb_reader_options *o, const char *name) {
  char *copy = NULL;
  if (name) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *c = ucnv_open(name, &status);
    if (U_FAILURE(status))
      return VB_EINVAL;
    ucnv_close(c);
    if (!(copy = strdup(name)))
      return VB_ENOMEM;
  }
  free(o->encoding);
  o->encoding = copy;
  return VB_OK;
}

int vb_reader_options_set_delimiter(vb_reader_options *o, char sep) {
  if (sep == '"' || sep == '\r' || sep == '\n' || (unsigned char)sep >= 0x80)
    return VB_EINVAL;
  o->sep = sep;
  return VB_OK;
}

void vb_reader_options_set_skip_rows(vb_reader_options *o, long rows) {
  o->skip_rows = rows;
}

int vb_reader_open(const char *path, vb_format format, vb_reader **out,
                   vb_error *err) {
  vb_reader_options o = {.format = format, .skip_rows = -1};
  return vb_reader_open_with(path, &o, out, err);
}

/* A reader named `name` (copied) with its buffers and an empty source,
 * or NULL when out of memory.  With format AUTO, the name's extension may
 * decide the format (`by_name`: not for standard input). */
static vb_reader *reader_new(const char *name, vb_format format, bool by_name) {
  vb_reader *r = calloc(1, sizeof *r);
  if (!r)
    return NULL;
  r->name = malloc(strlen(name) + 1);
  r->src = calloc(1, sizeof *r->src);
  r->scap = 1024;
  r->scratch = malloc(r->scap);
  if (!r->name || !r->src || !r->scratch) {
    vb_reader_free(r);
    return NULL;
  }
  strcpy(r->name, name);
  r->max_row = DEFAULT_MAX_ROW;
  r->line = 1;
  r->lf_lo = r->cr_lo = SIZE_MAX;
  r->format = format;
  if (format == VB_FORMAT_AUTO && by_name)
    r->format = format_from_name(name);
  return r;
}

/* Checks what every open takes; fills *o with the defaults for NULL. */
static int open_args(const char *name, const vb_reader_options **o,
                     vb_reader **out, vb_error *err) {
  static const vb_reader_options defaults = {.skip_rows = -1};
  vb__error_clear(err);
  if (!out)
    return vb__fail(err, VB_EINVAL, name, 0, 0, "no output pointer");
  *out = NULL;
  if (!*o)
    *o = &defaults;
  if ((unsigned)(*o)->format > (unsigned)VB_FORMAT_NDJSON)
    return vb__fail(err, VB_EINVAL, name, 0, 0, "unknown format %d",
                    (int)(*o)->format);
  return VB_OK;
}

/* The size of the first read buffer and of a transcoder's input: CHUNK,
 * or for a small buffer just enough to hold it all (four times its size
 * when it is gzip: the buffer grows if that is not enough), so that
 * reading many small buffers (a fuzzer, a binding's single comments)
 * costs no megabyte each. */
static size_t first_chunk(const source *s) {
  size_t need = s->z ? 4 * s->end : s->end;
  if (s->gz || s->fn || s->end >= CHUNK / 4 || need >= CHUNK)
    return CHUNK;
  size_t n = 1024;
  while (n <= need)
    n *= 2;
  return n;
}

/* What every source shares once its bytes can be read: the read buffer,
 * the first refill, the encoding, the header.  Frees r on failure. */
static int reader_start(vb_reader *r, const vb_reader_options *o,
                        vb_reader **out, vb_error *err) {
  int rc = r->src->gz ? VB_OK : source_start(r, err);
  if (!rc) {
    r->chunk = r->cap = first_chunk(r->src);
    if (!(r->buf = malloc(r->cap)))
      rc = nomem(r, err);
  }
  if (!rc)
    rc = refill(r, err);
  if (!rc)
    rc = setup_encoding(r, o->encoding, err);
  if (!rc)
    rc = read_header(r, o, err);
  if (rc) {
    vb_reader_free(r);
    return rc;
  }
  *out = r;
  return VB_OK;
}

int vb_reader_open_with(const char *path, const vb_reader_options *o,
                        vb_reader **out, vb_error *err) {
  int rc = open_args(path, &o, out, err);
  if (rc)
    return rc;
  bool is_stdin = !path || strcmp(path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  vb_reader *r = reader_new(name, o->format, !is_stdin);
  if (!r)
    return nomem(NULL, err);

  int fd = is_stdin ? fcntl(0, F_DUPFD_CLOEXEC, 0)
                    : open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    close(fd);
    fd = -1;
    errno = EISDIR;
  }
  if (fd < 0) {
    int e = errno;
    vb_reader_free(r);
    return vb__fail(err, VB_EIO, name, 0, 0, "cannot open: %s", strerror(e));
  }
  r->src->gz = gzdopen(fd, "rb");
  if (!r->src->gz) {
    close(fd);
    vb_reader_free(r);
    return nomem(NULL, err);
  }
  gzbuffer(r->src->gz, GZ_BUFFER);
  return reader_start(r, o, out, err);
}

int vb_reader_open_memory(const char *data, size_t len, const char *name,
                          const vb_reader_options *o, vb_reader **out,
                          vb_error *err) {
  name = name ? name : "<memory>";
  int rc = open_args(name, &o, out, err);
  if (rc)
    return rc;
  if (!data && len)
    return vb__fail(err, VB_EINVAL, name, 0, 0, "no data");
  vb_reader *r = reader_new(name, o->format, true);
  if (!r)
    return nomem(NULL, err);
  r->src->in = data;
  r->src->end = len;
  r->src->raw_eof = true;
  return reader_start(r, o, out, err);
}

int vb_reader_open_callback(vb_read_fn fn, void *ctx, const char *name,
                            const vb_reader_options *o, vb_reader **out,
                            vb_error *err) {
  name = name ? name : "<callback>";
  int rc = open_args(name, &o, out, err);
  if (rc)
    return rc;
  if (!fn)
    return vb__fail(err, VB_EINVAL, name, 0, 0, "no read callback");
  vb_reader *r = reader_new(name, o->format, true);
  if (!r || !(r->src->own = malloc(GZ_BUFFER))) {
    vb_reader_free(r);
    return nomem(NULL, err);
  }
  r->src->fn = fn;
  r->src->ctx = ctx;
  r->src->in = r->src->own;
  return reader_start(r, o, out, err);
}

void vb_reader_free(vb_reader *r) {
  if (!r)
    return;
  source_free(r->src);
  transcoder_free(r->tc);
  for (size_t i = 0; i < r->nadded; i++)
    free(r->added[i]);
  free(r->added);
  free(r->name);
  free(r->buf);
  free(r->names);
  free(r->arena);
  free(r->slots);
  free(r->seen);
  free(r->kinds);
  free(r->paths);
  free(r->found);
  free(r->fields);
  free(r->scratch);
  free(r);
}
/* ---- accessors -------------------------------------------------------- */

vb_format vb_reader_format(const vb_reader *r) { return r->format; }

const char *vb_reader_name(const vb_reader *r) { return r->name; }

size_t vb_reader_column_count(const vb_reader *r) { return r->ncols; }

const char *vb_reader_column_name(const vb_reader *r, size_t column) {
  return column < r->ncols ? r->names[column] : NULL;
}

long vb_reader_find_column(const vb_reader *r, const char *name) {
  if (!r || !name)
    return -1;
  long exact = vb__reader_find_exact(r, name);
  if (exact >= 0)
    return exact;
  for (size_t i = 0; i < r->ncols; i++)
    if (ascii_ieq(r->names[i], name))
      return (long)i;
  return -1;
}

uint64_t vb_reader_line(const vb_reader *r) { return r->row_line; }

const char *vb_reader_field(const vb_reader *r, size_t column, size_t *len) {
  if (column >= r->nfields || column >= r->flimit) {
    if (len)
      *len = 0;
    return empty_text;
  }
  const field *f = &r->fields[column];
  if (len)
    *len = f->len;
  return (f->in_scratch ? r->scratch : r->buf) + f->off;
}

const char *vb_reader_raw(const vb_reader *r, size_t *len) {
  if (len)
    *len = r->raw_len;
  if (r->raw_copied)
    return r->rawbuf;
  return r->raw_len ? r->buf + r->raw_off : empty_text;
}

bool vb__reader_calls_back(const vb_reader *r) { return r->src->fn != NULL; }

uint64_t vb_reader_bytes_read(const vb_reader *r) {
  if (!r)
    return 0;
  if (!r->src->gz)
    return r->src->before + r->src->at;
  z_off_t at = gzoffset(r->src->gz);
  return at > 0 ? (uint64_t)at : 0;
}

void vb_reader_set_max_row(vb_reader *r, size_t bytes) {
  r->max_row = bytes ? bytes : DEFAULT_MAX_ROW;
}

vb_value vb_reader_field_type(const vb_reader *r, size_t column) {
  if (column >= r->nfields || column >= r->flimit)
    return VB_VALUE_MISSING;
  return r->format == VB_FORMAT_NDJSON ? (vb_value)r->kinds[column]
                                       : VB_VALUE_TEXT;
}

int vb_reader_column_found(const vb_reader *r, size_t column) {
  if (column >= r->ncols)
    return 0;
  return r->format != VB_FORMAT_NDJSON || r->found[column];
}

const char *vb_reader_encoding(const vb_reader *r) {
  return r->tc ? r->tc->name : "UTF-8";
}

char vb_reader_delimiter(const vb_reader *r) {
  return r->format == VB_FORMAT_NDJSON ? 0 : r->sep;
}

int vb_reader_delimiter_sniffed(const vb_reader *r) {
  return r->format != VB_FORMAT_NDJSON && r->sep_sniffed;
}

uint64_t vb_reader_skipped_rows(const vb_reader *r) { return r->skipped; }

int vb_reader_qualtrics(const vb_reader *r) { return r->qualtrics; }

/* ---- NDJSON columns asked for by name --------------------------------- */

/* Indexes column k unless an earlier column has its name. */
static void index_column(vb_reader *r, size_t k) {
  if (vb__reader_find_exact(r, r->names[k]) >= 0)
    return;
  size_t s = (size_t)name_hash(r->names[k]) & r->slot_mask;
  while (r->slots[s])
    s = (s + 1) & r->slot_mask;
  r->slots[s] = (uint32_t)(k + 1);
}

/* Resizes a per-column array of n bytes; false (array unchanged) when out
 * of memory. */
static bool resize_bytes(unsigned char **a, size_t n) {
  unsigned char *bigger = realloc(*a, n);
  if (bigger)
    *a = bigger;
  return bigger != NULL;
}

/* Makes room for column n-1 in every per-column array. */
static int grow_columns(vb_reader *r, size_t n) {
  char **names = realloc(r->names, n * sizeof *names);
  if (names)
    r->names = names;
  char **added = realloc(r->added, (r->nadded + 1) * sizeof *added);
  if (added)
    r->added = added;
  bool bytes = resize_bytes(&r->seen, n); /* all four, even after a failure */
  bytes = resize_bytes(&r->kinds, n) && bytes;
  bytes = resize_bytes(&r->paths, n) && bytes;
  bytes = resize_bytes(&r->found, n) && bytes;
  if (!names || !added || !bytes ||
      (n > r->fcap &&
       vb__grow((void **)&r->fields, &r->fcap, n, sizeof(field))))
    return VB_ENOMEM;
  if (2 * n > r->slot_mask + 1) {
    size_t nslots = 2 * (r->slot_mask + 1);
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
      return VB_ENOMEM;
    free(r->slots);
    r->slots = slots;
    r->slot_mask = nslots - 1;
    for (size_t k = 0; k + 1 < n; k++)
      index_column(r, k);
  }
  return VB_OK;
}

long vb_reader_use_column(vb_reader *r, const char *name) {
  if (!r || !name || !*name)
    return -1;
  long found = vb_reader_find_column(r, name);
  if (found >= 0 || r->format != VB_FORMAT_NDJSON)
    return found;
  size_t k = r->ncols;
  char *copy = strdup(name);
  if (!copy || grow_columns(r, k + 1)) {
    free(copy);
    return -1;
  }
  r->added[r->nadded++] = copy;
  r->names[k] = copy;
  r->paths[k] = strchr(copy, '.') != NULL;
  r->npaths += r->paths[k];
  r->kinds[k] = VB_VALUE_MISSING;
  r->found[k] = 0;
  r->fields[k].off = r->fields[k].len = 0;
  r->fields[k].in_scratch = 1;
  r->ncols = r->flimit = k + 1;
  index_column(r, k);
  return (long)k;
}
