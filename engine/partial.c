/*
 * partial.c - a report's exact state, saved and loaded: partial reports.
 *
 * A survey too big for one machine is split into shards; each shard is
 * reported on its own machine with `report --partial`, and `merge` adds
 * the shards' partial reports into one report whose output is byte for
 * byte that of a single run over everything.  That works because every
 * figure of a report is derived at write time from integer counters
 * (tally.c), and integers add exactly: a partial report therefore holds
 * the counters and nothing derived — the overall tally and every slice's
 * tally (counts, responses, with-text, untagged, mentions per theme and
 * group, term hits, pairs), the slices' segment values and period, the
 * reject counts by kind of reason — and the settings that gave them
 * meaning.  Example comments merge exactly too: each set keeps the
 * smallest keys it saw (examples.c), and the smallest of a union are the
 * smallest of its parts' smallest, so a partial carries its kept ones.
 *
 * Why a binary layout and not JSON: the counts are 64-bit integers and
 * must come back exact, which cJSON (doubles, a 32-bit valueint) cannot
 * promise without a second number parser; a byte layout read through one
 * bounds-checked cursor is short to write, short to verify and cheap to
 * fuzz, and a large report (thousands of slices x themes) stays small
 * because most counters are 0 and take one byte.  Endianness is fixed by
 * the format, never by the machine: the header's fields are little-endian
 * and every number in the body is an unsigned LEB128 varint.  The whole
 * layout is in docs/partial-format.md; in short:
 *
 *   magic  "\x89VBP\r\n\x1a\n"   (8 bytes: catches text-mode mangling)
 *   version u32 LE, body length u64 LE, CRC-32 (zlib) of the body u32 LE
 *   body   lexicon documents, scale, segment columns, period, examples
 *          kept, the caller's settings, theme and term counts, reject
 *          reasons, the overall tally, the slices, and (when examples are
 *          kept) the example comments, overall and per segment, and
 *          suggest's counts for the candidate terms of untagged
 *          detractors (their layout is suggest.c's: vb__suggest_save)
 *
 * The "fingerprint" of the issue is the settings themselves, stored in
 * full rather than hashed, so that a mismatch can say *what* differs:
 * the lexicon (compared by the content of its documents, which the
 * partial embeds, so `merge` needs no lexicon files), the scale, the
 * segment columns, the period, the examples kept, and whatever the
 * caller adds with vb_report_set_setting (the CLI: text, score, group and
 * date columns, the date format).  Presentation (top, min mentions, min
 * responses, format) is not part of it: it is chosen at merge time.
 *
 * Loading never trusts the bytes: the checksum goes first, then every
 * length is checked against what is left, every index against the
 * lexicon, every count against 2^53 (beyond it a double, which the
 * figures are computed in, is no longer exact) and against the counts
 * that bound it (a theme cannot be mentioned by more comments than have
 * text).  Any failure is VB_EPARTIAL naming the file and the fault; no
 * half-loaded report is ever returned.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "internal.h"

static const unsigned char MAGIC[8] = {0x89, 'V',  'B',  'P',
                                       '\r', '\n', 0x1a, '\n'};
enum { VERSION = 3, HEADER = 24 };
#define MAX_COUNT ((uint64_t)1 << 53)

/* ---- the fingerprint: settings that must agree ------------------------ */

/* The settings the library knows, in the order they are compared. */
typedef struct known_setting {
  const char *name, *verb; /* "segment columns", "differ" */
} known_setting;

/* Builds one setting's text into buf: by names, period, and so on. */
static void join_by(const vb_report *r, char *buf, size_t size) {
  const char *const *by;
  size_t n = vb__report_by(r, &by), used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && used < size; i++)
    used +=
        (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", by[i]);
  if (!n)
    snprintf(buf, size, "(none)");
}

static void join_documents(const vb_lexicon *lex, char *buf, size_t size) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < vb_lexicon_document_count(lex) && used < size; i++) {
    const char *name;
    vb_lexicon_document(lex, i, &name, NULL);
    used +=
        (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name);
  }
}

static bool same_documents(const vb_lexicon *a, const vb_lexicon *b) {
  size_t n = vb_lexicon_document_count(a);
  if (n != vb_lexicon_document_count(b))
    return false;
  for (size_t i = 0; i < n; i++) {
    size_t la, lb;
    const char *ta = vb_lexicon_document(a, i, NULL, &la);
    const char *tb = vb_lexicon_document(b, i, NULL, &lb);
    if (la != lb || memcmp(ta, tb, la) != 0)
      return false;
  }
  return true;
}

static bool same_by(const vb_report *a, const vb_report *b) {
  const char *const *x, *const *y;
  size_t n = vb__report_by(a, &x);
  if (n != vb__report_by(b, &y))
    return false;
  for (size_t i = 0; i < n; i++)
    if (strcmp(x[i], y[i]) != 0)
      return false;
  return true;
}

static int differs(vb_error *err, const vb_report *a, const vb_report *b,
                   const char *what, const char *verb, const char *va,
                   const char *vb) {
  return vb__fail(err, VB_EMISMATCH, vb__report_name(b), 0, 0,
                  "%s %s: %s in %s, %s here", what, verb, va[0] ? va : "(none)",
                  vb__report_name(a), vb[0] ? vb : "(none)");
}

/* The value of the caller's setting `name` in r, or NULL. */
static const char *setting_of(const vb_report *r, const char *name) {
  for (size_t i = 0; i < vb__report_setting_count(r); i++) {
    const char *n, *v;
    vb__report_setting(r, i, &n, &v);
    if (strcmp(n, name) == 0)
      return v;
  }
  return NULL;
}

/* Every setting of `a` against `b`'s, then b's own ones a lacks. */
static int compare_settings(const vb_report *a, const vb_report *b,
                            vb_error *err) {
  for (int pass = 0; pass < 2; pass++) {
    const vb_report *x = pass ? b : a, *y = pass ? a : b;
    for (size_t i = 0; i < vb__report_setting_count(x); i++) {
      const char *name, *value;
      vb__report_setting(x, i, &name, &value);
      const char *other = setting_of(y, name);
      if (!other || strcmp(other, value) != 0)
        return pass ? differs(err, a, b, name, "differs", other ? other : "",
                              value)
                    : differs(err, a, b, name, "differs", value,
                              other ? other : "");
    }
  }
  return VB_OK;
}

int vb_report_compare(const vb_report *a, const vb_report *b, vb_error *err) {
  vb__error_clear(err);
  if (!a || !b)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "report NULL");
  char va[600], vb[600];
  const vb_lexicon *la = vb_report_lexicon(a), *lb = vb_report_lexicon(b);
  if (la != lb && !same_documents(la, lb)) {
    join_documents(la, va, sizeof va);
    join_documents(lb, vb, sizeof vb);
    return differs(err, a, b, "lexicon", "differs", va, vb);
  }
  if (strcmp(vb__report_scale_text(a), vb__report_scale_text(b)) != 0)
    return differs(err, a, b, "scale", "differs", vb__report_scale_text(a),
                   vb__report_scale_text(b));
  if (!same_by(a, b)) {
    join_by(a, va, sizeof va);
    join_by(b, vb, sizeof vb);
    return differs(err, a, b, "segment columns", "differ", va, vb);
  }
  if (vb__report_period(a) != vb__report_period(b))
    return differs(err, a, b, "period", "differs",
                   vb_period_name(vb__report_period(a)),
                   vb_period_name(vb__report_period(b)));
  if (vb__report_examples_kept(a) != vb__report_examples_kept(b)) {
    snprintf(va, sizeof va, "%zu", vb__report_examples_kept(a));
    snprintf(vb, sizeof vb, "%zu", vb__report_examples_kept(b));
    return differs(err, a, b, "examples kept", "differ", va, vb);
  }
  return compare_settings(a, b, err);
}

/* ---- writing ---------------------------------------------------------- */

typedef vb__out out_buf; /* internal.h: suggest.c writes through it too */

static void put_bytes(out_buf *o, const void *p, size_t n) {
  if (o->failed || vb__grow((void **)&o->data, &o->cap, o->len + n, 1)) {
    o->failed = true;
    return;
  }
  memcpy(o->data + o->len, p, n);
  o->len += n;
}

void vb__put_num(out_buf *o, uint64_t v) {
  unsigned char b[10];
  size_t n = 0;
  do {
    b[n] = (unsigned char)(v & 0x7f);
    v >>= 7;
    b[n++] |= v ? 0x80 : 0;
  } while (v);
  put_bytes(o, b, n);
}

void vb__put_str(out_buf *o, const char *s, size_t len) {
  vb__put_num(o, len);
  put_bytes(o, s, len);
}

static void put_cstr(out_buf *o, const char *s) {
  vb__put_str(o, s, strlen(s));
}

static void put_le(unsigned char *at, uint64_t v, size_t bytes) {
  for (size_t i = 0; i < bytes; i++)
    at[i] = (unsigned char)(v >> (8 * i));
}

typedef struct pair_rec {
  uint64_t a, b, n;
} pair_rec;

static int by_pair(const void *x, const void *y) {
  const pair_rec *p = x, *q = y;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : p->b > q->b;
}

/* The tally: its arrays in order, its term hits as one more array (a
 * count per term), then its pairs sorted by (a, b), so the same state
 * always saves to the same bytes. */
static void put_tally(out_buf *o, vb_tally *t, size_t term_count) {
  for (int k = 0; k < VB__TALLY_ARRAYS; k++) {
    size_t n;
    const uint64_t *v = vb__tally_array_of(t, (vb__tally_array)k, &n);
    vb__put_num(o, n);
    for (size_t i = 0; i < n; i++)
      vb__put_num(o, v[i]);
  }
  uint64_t *hits = calloc(term_count ? term_count : 1, sizeof *hits);
  if (!hits) {
    o->failed = true;
    return;
  }
  size_t term, at = 0;
  uint64_t h;
  while (vb__tally_term_next(t, &at, &term, &h))
    hits[term] = h;
  vb__put_num(o, term_count);
  for (size_t i = 0; i < term_count; i++)
    vb__put_num(o, hits[i]);
  free(hits);
  size_t count = vb_tally_pair_count(t), slot = 0, k = 0;
  pair_rec *pairs = malloc((count ? count : 1) * sizeof *pairs);
  if (!pairs) {
    o->failed = true;
    return;
  }
  size_t a, b;
  uint64_t n;
  while (k < count && vb__tally_pair_next(t, &slot, &a, &b, &n))
    pairs[k++] = (pair_rec){a, b, n};
  qsort(pairs, k, sizeof *pairs, by_pair);
  vb__put_num(o, k);
  for (size_t i = 0; i < k; i++) {
    vb__put_num(o, pairs[i].a);
    vb__put_num(o, pairs[i].b);
    vb__put_num(o, pairs[i].n);
  }
  free(pairs);
}

static void put_slices(out_buf *o, const vb_report *r) {
  const char *const *by;
  size_t by_count = vb__report_by(r, &by), count;
  size_t *order = vb__report_slice_order(r, &count);
  if (!order) {
    o->failed = true;
    return;
  }
  vb__put_num(o, count);
  for (size_t i = 0; i < count; i++) {
    const char *const *values;
    const size_t *lens;
    const char *start, *label;
    vb_tally *t;
    vb__report_slice_at(r, order[i], &values, &lens, &start, &label, &t);
    for (size_t k = 0; k < by_count; k++)
      vb__put_str(o, values[k], lens[k]);
    put_cstr(o, start);
    put_cstr(o, label);
    put_tally(o, t, vb_lexicon_term_count(vb_report_lexicon(r)));
  }
  free(order);
}

/* An example set: its (theme, group) lists with examples, in that order;
 * per example its text, place in the comment, id, score + 1, span, term,
 * tier and hash (two 32-bit halves, high first). */
static void put_example_set(out_buf *o, const vb__examples *e) {
  const vb__report_example *x;
  size_t lists = 0;
  for (size_t t = 0; t < e->themes; t++)
    for (int g = 0; g < VB_GROUP_COUNT; g++)
      lists += vb__examples_get(e, t, g, &x) > 0;
  vb__put_num(o, lists);
  for (size_t t = 0; t < e->themes; t++)
    for (int g = 0; g < VB_GROUP_COUNT; g++) {
      size_t n = vb__examples_get(e, t, g, &x);
      if (!n)
        continue;
      vb__put_num(o, t);
      vb__put_num(o, (uint64_t)g);
      vb__put_num(o, n);
      for (size_t i = 0; i < n; i++, x++) {
        vb__put_str(o, x->text, x->text_len);
        vb__put_num(o, x->offset);
        vb__put_num(o, x->comment_len);
        vb__put_str(o, x->id, x->id_len);
        vb__put_num(o, (uint64_t)(x->score + 1));
        vb__put_num(o, x->span_start);
        vb__put_num(o, x->span_end);
        vb__put_num(o, x->term);
        vb__put_num(o, x->tier);
        vb__put_num(o, x->hash >> 32);
        vb__put_num(o, x->hash & 0xffffffffu);
      }
    }
}

/* A segment's example set with its values, for sorting. */
typedef struct seg_set {
  const char **values;
  size_t *lens;
  const vb__examples *e;
} seg_set;

static size_t seg_by_count; /* qsort has no context argument in C11 */
static int by_values(const void *x, const void *y) {
  const seg_set *a = x, *b = y;
  return vb__compare_values(seg_by_count, a->values, a->lens, b->values,
                            b->lens);
}

static bool has_examples(const vb__examples *e) {
  const vb__report_example *x;
  for (size_t t = 0; t < e->themes; t++)
    for (int g = 0; g < VB_GROUP_COUNT; g++)
      if (vb__examples_get(e, t, g, &x))
        return true;
  return false;
}

/* The overall set, then the segments' sets that hold examples, sorted by
 * their values (so a state always saves to the same bytes). */
static void put_examples(out_buf *o, vb_report *r) {
  const char *const *by;
  size_t by_count = vb__report_by(r, &by);
  size_t sets = vb__report_example_set_count(r), n = 0;
  put_example_set(o, vb__report_example_set(r, 0, NULL, NULL));
  seg_set *list = calloc(sets, sizeof *list);
  const char **values = calloc(sets * by_count + 1, sizeof *values);
  size_t *lens = calloc(sets * by_count + 1, sizeof *lens);
  if (!list || !values || !lens)
    o->failed = true;
  for (size_t i = 1; !o->failed && i < sets; i++) {
    seg_set *s = &list[n];
    s->values = values + i * by_count;
    s->lens = lens + i * by_count;
    s->e = vb__report_example_set(r, i, s->values, s->lens);
    n += has_examples(s->e);
  }
  seg_by_count = by_count;
  if (!o->failed)
    qsort(list, n, sizeof *list, by_values);
  vb__put_num(o, n);
  for (size_t i = 0; i < n && !o->failed; i++) {
    for (size_t k = 0; k < by_count; k++)
      vb__put_str(o, list[i].values[k], list[i].lens[k]);
    put_example_set(o, list[i].e);
  }
  free(list);
  free(values);
  free(lens);
}

static void put_body(out_buf *o, vb_report *r) {
  const vb_lexicon *lex = vb_report_lexicon(r);
  vb__put_num(o, vb_lexicon_document_count(lex));
  for (size_t i = 0; i < vb_lexicon_document_count(lex); i++) {
    const char *name;
    size_t len;
    const char *text = vb_lexicon_document(lex, i, &name, &len);
    const char *base = strrchr(name, '/');
    put_cstr(o, base ? base + 1 : name); /* the same on every machine */
    vb__put_str(o, text, len);
  }
  put_cstr(o, vb__report_scale_text(r));
  const char *const *by;
  size_t by_count = vb__report_by(r, &by);
  vb__put_num(o, by_count);
  for (size_t i = 0; i < by_count; i++)
    put_cstr(o, by[i]);
  put_cstr(o, vb_period_name(vb__report_period(r)));
  vb__put_num(o, vb__report_examples_kept(r));
  vb__put_num(o, vb__report_setting_count(r));
  for (size_t i = 0; i < vb__report_setting_count(r); i++) {
    const char *name, *value;
    vb__report_setting(r, i, &name, &value);
    put_cstr(o, name);
    put_cstr(o, value);
  }
  vb__put_num(o, vb_lexicon_theme_count(lex));
  vb__put_num(o, vb_lexicon_term_count(lex));
  const char *reasons[VB__MAX_REASONS + 1];
  uint64_t counts[VB__MAX_REASONS + 1];
  size_t n = vb__reasons_list(vb__report_reasons(r), VB__MAX_REASONS + 1,
                              reasons, counts);
  vb__reasons *table = vb__report_reasons(r);
  vb__put_num(o, table->count);
  for (size_t i = 0; i < table->count && i < n; i++) {
    put_cstr(o, reasons[i]);
    vb__put_num(o, counts[i]);
  }
  vb__put_num(o, table->other);
  put_tally(o, vb_report_overall(r), vb_lexicon_term_count(lex));
  put_slices(o, r);
  if (vb__report_examples_kept(r)) {
    put_examples(o, r);
    vb__suggest_save(o, vb__report_suggest(r));
  }
}

/* The whole partial, header and body, into o. */
static int serialize(vb_report *r, out_buf *o, vb_error *err) {
  unsigned char header[HEADER] = {0};
  put_bytes(o, header, HEADER);
  put_body(o, r);
  if (o->failed)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  size_t body = o->len - HEADER;
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t at = 0; at < body;) { /* crc32 takes a uInt length */
    size_t step = body - at > 0x40000000u ? 0x40000000u : body - at;
    crc = crc32(crc, o->data + HEADER + at, (uInt)step);
    at += step;
  }
  memcpy(o->data, MAGIC, 8);
  put_le(o->data + 8, VERSION, 4);
  put_le(o->data + 12, body, 8);
  put_le(o->data + 20, crc, 4);
  return VB_OK;
}

int vb_report_save_to(vb_report *r, vb_write_fn write, void *ctx,
                      vb_error *err) {
  vb__error_clear(err);
  if (!r || !write)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "report or writer NULL");
  out_buf o = {0};
  int rc = serialize(r, &o, err);
  if (!rc && write(ctx, (const char *)o.data, o.len) != (long)o.len)
    rc =
        vb__fail(err, VB_EWRITE, NULL, 0, 0, "cannot write the partial report");
  free(o.data);
  return rc;
}

static long write_file(void *ctx, const char *data, size_t len) {
  FILE *f = ctx;
  return fwrite(data, 1, len, f) == len && !ferror(f) ? (long)len : -1;
}

int vb_report_save(vb_report *r, FILE *out, vb_error *err) {
  if (!out)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "stream NULL");
  return vb_report_save_to(r, write_file, out, err);
}

/* ---- reading ---------------------------------------------------------- */

/* A bounds-checked cursor over the body (internal.h): the first fault
 * sticks. */
typedef vb__cursor cursor;

int vb__bad(cursor *c, const char *fmt, ...) {
  if (c->rc)
    return c->rc;
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  c->rc = vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                   "malformed partial report: %s (body byte %zu)", what, c->at);
  return c->rc;
}

/* A varint; any number above 2^53 is refused (see the essay). */
uint64_t vb__get_num(cursor *c) {
  uint64_t v = 0;
  for (int shift = 0; !c->rc; shift += 7) {
    if (c->at >= c->len) {
      vb__bad(c, "it ends in the middle of a number");
      break;
    }
    unsigned char b = c->p[c->at++];
    v |= (uint64_t)(b & 0x7f) << shift; /* shift <= 56: no overflow */
    if (v > MAX_COUNT || (shift == 56 && (b & 0x80))) {
      vb__bad(c, "a number above 2^53");
      break;
    }
    if (!(b & 0x80))
      break;
  }
  return c->rc ? 0 : v;
}

/* A count of items that each take at least one byte: no more than what is
 * left, so a forged count cannot make us allocate gigabytes. */
size_t vb__get_count(cursor *c, const char *what) {
  uint64_t n = vb__get_num(c);
  if (!c->rc && n > c->len - c->at)
    vb__bad(c, "%s: %llu of them, in %zu bytes", what, (unsigned long long)n,
            c->len - c->at);
  return c->rc ? 0 : (size_t)n;
}

/* A string: a malloc'd NUL-terminated copy (NULL after a fault). */
char *vb__get_str(cursor *c, size_t *len) {
  size_t n = vb__get_count(c, "a string's bytes");
  char *s = c->rc ? NULL : vb__memdup((const char *)c->p + c->at, n);
  if (!c->rc && !s)
    c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (!c->rc)
    c->at += n;
  if (len)
    *len = n;
  return s;
}

static uint64_t sum4(const uint64_t *v) { return v[0] + v[1] + v[2] + v[3]; }

/* The counts a tally's others are bounded by; see vb_tally_add. */
static void check_tally_counts(cursor *c, vb_tally *t, const char *where) {
  size_t n;
  uint64_t *counts = vb__tally_array_of(t, VB__TALLY_COUNTS, &n);
  uint64_t *resp = vb__tally_array_of(t, VB__TALLY_RESPONSES, &n);
  uint64_t *text = vb__tally_array_of(t, VB__TALLY_WITH_TEXT, &n);
  uint64_t *untagged = vb__tally_array_of(t, VB__TALLY_UNTAGGED, &n);
  for (size_t g = 0; g < VB_GROUP_COUNT; g++)
    if (text[g] > resp[g] || untagged[g] > text[g])
      vb__bad(c,
              "%s: more %s comments with text than responses, or untagged "
              "than with text",
              where, vb_group_name((vb_group)g));
  if (counts[VB_COUNT_TAGGED] != sum4(resp) ||
      counts[VB_COUNT_UNSCORED] != resp[VB_GROUP_UNSCORED] ||
      counts[VB_COUNT_WITH_TEXT] != sum4(text) ||
      counts[VB_COUNT_UNTAGGED] != sum4(untagged))
    vb__bad(c, "%s: the row counts disagree with the counts by group", where);
  if (counts[VB_COUNT_READ] &&
      counts[VB_COUNT_READ] !=
          counts[VB_COUNT_TAGGED] + counts[VB_COUNT_REJECTED])
    vb__bad(c, "%s: rows read are not rows tagged plus rows rejected", where);
  uint64_t *mentions = vb__tally_array_of(t, VB__TALLY_MENTIONS, &n);
  for (size_t i = 0; i < n; i++)
    if (mentions[i] > text[i % VB_GROUP_COUNT]) {
      vb__bad(c, "%s: a theme mentioned by more comments than have text",
              where);
      break;
    }
  size_t slot = 0, term;
  uint64_t hits;
  while (vb__tally_term_next(t, &slot, &term, &hits))
    if (hits > sum4(text)) {
      vb__bad(c, "%s: a term found in more comments than have text", where);
      break;
    }
}

/* Pair (a, b): in range, in order, not a theme and its ancestor, and
 * mentioned together no more often than each is mentioned. */
static void check_pair(cursor *c, vb_tally *t, const vb_lexicon *lex,
                       const pair_rec *p, const pair_rec *prev,
                       const char *where) {
  size_t themes = vb_lexicon_theme_count(lex);
  if (p->b >= themes || p->a >= p->b) {
    vb__bad(c, "%s: theme pair (%llu, %llu) out of range (%zu themes)", where,
            (unsigned long long)p->a, (unsigned long long)p->b, themes);
    return;
  }
  size_t n;
  const uint64_t *mentions = vb__tally_array_of(t, VB__TALLY_MENTIONS, &n);
  if (prev && by_pair(prev, p) >= 0)
    vb__bad(c, "%s: theme pairs out of order or repeated", where);
  else if (vb__theme_covers(lex, (size_t)p->a, (size_t)p->b) || p->n == 0)
    vb__bad(c, "%s: a theme pair that is never counted", where);
  else if (p->n > sum4(mentions + p->a * VB_GROUP_COUNT) ||
           p->n > sum4(mentions + p->b * VB_GROUP_COUNT))
    vb__bad(c, "%s: a pair mentioned more often than one of its themes", where);
}

/* A tally as put_tally wrote it, into the empty tally t. */
static void get_tally(cursor *c, vb_tally *t, const vb_lexicon *lex,
                      const char *where) {
  static const char *const names[] = {"row counts",         "responses",
                                      "comments with text", "untagged",
                                      "mentions",           "term hits"};
  for (int k = 0; k <= VB__TALLY_ARRAYS && !c->rc; k++) { /* + term hits */
    size_t want;
    uint64_t *v = NULL; /* NULL: the term hits, added by term */
    if (k < VB__TALLY_ARRAYS)
      v = vb__tally_array_of(t, (vb__tally_array)k, &want);
    else
      want = vb_lexicon_term_count(lex);
    uint64_t n = vb__get_num(c);
    if (!c->rc && n != want)
      vb__bad(c, "%s: %llu %s where the lexicon and version have %zu", where,
              (unsigned long long)n, names[k], want);
    for (size_t i = 0; i < want && !c->rc; i++) {
      uint64_t x = vb__get_num(c);
      if (v)
        v[i] = x;
      else if (!c->rc && vb__tally_term_add(t, i, x))
        c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    }
  }
  if (!c->rc)
    check_tally_counts(c, t, where);
  size_t pairs = vb__get_count(c, "theme pairs");
  pair_rec prev = {0};
  for (size_t i = 0; i < pairs && !c->rc; i++) {
    pair_rec p;
    p.a = vb__get_num(c);
    p.b = vb__get_num(c);
    p.n = vb__get_num(c);
    if (!c->rc)
      check_pair(c, t, lex, &p, i ? &prev : NULL, where);
    if (!c->rc && vb__tally_pair_add(t, (size_t)p.a, (size_t)p.b, p.n))
      c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    prev = p;
  }
}

/* The header: magic, version, length, checksum.  The body into c. */
static int open_body(const unsigned char *p, size_t len, cursor *c) {
  if (len < 8 || memcmp(p, MAGIC, 8) != 0)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "not a partial report: it does not start with a "
                    "partial report's magic bytes");
  if (len < HEADER)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "truncated partial report: %zu bytes, shorter than its "
                    "%d-byte header",
                    len, HEADER);
  uint64_t version = 0, body = 0, crc = 0;
  for (int i = 3; i >= 0; i--)
    version = version << 8 | p[8 + i];
  for (int i = 7; i >= 0; i--)
    body = body << 8 | p[12 + i];
  for (int i = 3; i >= 0; i--)
    crc = crc << 8 | p[20 + i];
  if (version != VERSION)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "partial report of format version %llu; this verbatim "
                    "reads version %d",
                    (unsigned long long)version, VERSION);
  if (body > len - HEADER)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "truncated partial report: %zu bytes, its header says "
                    "%llu",
                    len, (unsigned long long)body + HEADER);
  if (body < len - HEADER)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "partial report with %zu bytes after its end",
                    len - HEADER - (size_t)body);
  uLong sum = crc32(0L, Z_NULL, 0);
  for (size_t at = 0; at < body;) {
    size_t step = body - at > 0x40000000u ? 0x40000000u : (size_t)body - at;
    sum = crc32(sum, p + HEADER + at, (uInt)step);
    at += step;
  }
  if (sum != crc)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "corrupted partial report: its checksum does not match");
  c->p = p + HEADER;
  c->len = (size_t)body;
  return VB_OK;
}

/* What a report is made of before it exists: read from the body. */
typedef struct head {
  size_t docs;
  char **doc_names, **doc_texts;
  size_t *doc_lens;
  char *scale;
  size_t by_count;
  char **by;
  vb_period period;
  size_t examples;
  size_t settings;
  char **set_names, **set_values;
} head;

static void head_free(head *h) {
  for (size_t i = 0; i < h->docs; i++) {
    free(h->doc_names[i]);
    free(h->doc_texts[i]);
  }
  for (size_t i = 0; i < h->by_count; i++)
    free(h->by[i]);
  for (size_t i = 0; i < h->settings; i++) {
    free(h->set_names[i]);
    free(h->set_values[i]);
  }
  free(h->doc_names);
  free(h->doc_texts);
  free(h->doc_lens);
  free(h->scale);
  free(h->by);
  free(h->set_names);
  free(h->set_values);
}

/* n string slots (calloc'd); an out-of-memory fault on c otherwise. */
static void *slots(cursor *c, size_t n, size_t size) {
  void *p = c->rc ? NULL : calloc(n ? n : 1, size);
  if (!c->rc && !p)
    c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return p;
}

static void get_head(cursor *c, head *h) {
  size_t docs = vb__get_count(c, "lexicon documents");
  h->doc_names = slots(c, docs, sizeof *h->doc_names);
  h->doc_texts = slots(c, docs, sizeof *h->doc_texts);
  h->doc_lens = slots(c, docs, sizeof *h->doc_lens);
  h->docs = c->rc ? 0 : docs;
  for (size_t i = 0; i < docs && !c->rc; i++) {
    h->doc_names[i] = vb__get_str(c, NULL);
    h->doc_texts[i] = vb__get_str(c, &h->doc_lens[i]);
  }
  if (!c->rc && !h->docs)
    vb__bad(c, "no lexicon");
  h->scale = vb__get_str(c, NULL);
  size_t by = vb__get_count(c, "segment columns");
  h->by = slots(c, by, sizeof *h->by);
  h->by_count = c->rc ? 0 : by;
  for (size_t i = 0; i < by && !c->rc; i++)
    h->by[i] = vb__get_str(c, NULL);
  char *period = vb__get_str(c, NULL);
  if (period && vb_period_parse(period, &h->period) != VB_OK)
    vb__bad(c, "unknown period \"%.40s\"", period);
  free(period);
  h->examples = (size_t)vb__get_num(c);
  if (h->examples > 100)
    vb__bad(c, "%zu examples kept per theme and group; at most 100",
            h->examples);
  size_t settings = vb__get_count(c, "settings");
  h->set_names = slots(c, settings, sizeof *h->set_names);
  h->set_values = slots(c, settings, sizeof *h->set_values);
  h->settings = c->rc ? 0 : settings;
  for (size_t i = 0; i < settings && !c->rc; i++) {
    h->set_names[i] = vb__get_str(c, NULL);
    h->set_values[i] = vb__get_str(c, NULL);
  }
}

/* The lexicon: like's when the documents are the same, else compiled. */
static int head_lexicon(cursor *c, const head *h, const vb_report *like,
                        const vb_lexicon **lex, vb_lexicon **owned) {
  *owned = NULL;
  if (like) {
    const vb_lexicon *l = vb_report_lexicon(like);
    bool same = vb_lexicon_document_count(l) == h->docs;
    for (size_t i = 0; i < h->docs && same; i++) {
      size_t len;
      const char *text = vb_lexicon_document(l, i, NULL, &len);
      same = len == h->doc_lens[i] && memcmp(text, h->doc_texts[i], len) == 0;
    }
    if (same) {
      *lex = l;
      return VB_OK;
    }
    char mine[600], theirs[600];
    join_documents(l, theirs, sizeof theirs);
    size_t used = 0;
    mine[0] = '\0';
    for (size_t i = 0; i < h->docs && used < sizeof mine; i++)
      used += (size_t)snprintf(mine + used, sizeof mine - used, "%s%s",
                               i ? ", " : "", h->doc_names[i]);
    return vb__fail(c->err, VB_EMISMATCH, c->name, 0, 0,
                    "lexicon differs: %s in %s, %s here%s", theirs,
                    vb__report_name(like), mine,
                    strcmp(theirs, mine) ? "" : " (same names, other content)");
  }
  vb_error lex_err;
  int rc = vb_lexicon_compile(h->docs, (const char *const *)h->doc_names,
                              (const char *const *)h->doc_texts, h->doc_lens,
                              owned, &lex_err);
  if (rc == VB_ENOMEM)
    return vb__fail(c->err, rc, NULL, 0, 0, "out of memory");
  if (rc)
    return vb__fail(c->err, VB_EPARTIAL, c->name, 0, 0,
                    "the lexicon it carries does not compile here: %s%s%s",
                    lex_err.file, lex_err.file[0] ? ": " : "", lex_err.message);
  *lex = *owned;
  return VB_OK;
}

static int head_report(cursor *c, const head *h, const vb_lexicon *lex,
                       vb_report **out) {
  int rc = vb_report_new(lex, (const char *const *)h->by, h->by_count,
                         h->period, NULL, out);
  if (!rc)
    rc = vb__report_set_scale_text(*out, h->scale);
  if (!rc)
    rc = vb__report_set_name(*out, c->name);
  if (!rc)
    rc = vb_report_set_examples(*out, h->examples);
  for (size_t i = 0; i < h->settings && !rc; i++)
    rc = vb_report_set_setting(*out, h->set_names[i], h->set_values[i]);
  if (rc)
    return vb__fail(c->err, rc, NULL, 0, 0, "out of memory");
  return VB_OK;
}

static void get_reasons(cursor *c, vb_report *r) {
  size_t n = vb__get_count(c, "reject reasons");
  if (n > VB__MAX_REASONS)
    vb__bad(c, "%zu kinds of reject reason; at most %d are kept", n,
            VB__MAX_REASONS);
  vb__reasons *t = vb__report_reasons(r);
  for (size_t i = 0; i < n && !c->rc; i++) {
    char *key = vb__get_str(c, NULL);
    uint64_t count = vb__get_num(c);
    for (size_t k = 0; !c->rc && k < t->count; k++)
      if (strcmp(t->kinds[k].key, key) == 0)
        vb__bad(c, "the same reject reason twice");
    if (!c->rc)
      vb__reasons_add(t, key, count);
    free(key);
  }
  t->other += vb__get_num(c);
}

/* A slice's period must fit the report's fixed-size fields. */
static void check_period(cursor *c, const vb_report *r, const char *start,
                         const char *label) {
  bool none = vb__report_period(r) == VB_PERIOD_NONE;
  if (none ? start[0] || label[0]
           : !start[0] || strlen(start) > 10 || strlen(label) > 15)
    vb__bad(c, "a slice's period \"%.20s\" does not fit the report's period",
            start);
}

static void get_slices(cursor *c, vb_report *r, const vb_lexicon *lex) {
  const char *const *by;
  size_t by_count = vb__report_by(r, &by);
  size_t n = vb__get_count(c, "slices");
  char **values = slots(c, by_count, sizeof *values);
  size_t *lens = slots(c, by_count, sizeof *lens);
  uint64_t sums[VB_GROUP_COUNT] = {0};
  for (size_t i = 0; i < n && !c->rc; i++) {
    for (size_t k = 0; k < by_count; k++)
      values[k] = vb__get_str(c, &lens[k]);
    char *start = vb__get_str(c, NULL), *label = vb__get_str(c, NULL);
    if (!c->rc)
      check_period(c, r, start, label);
    vb_tally *t = NULL;
    size_t before = vb__report_slice_count(r);
    if (!c->rc &&
        vb_report_slice(r, (const char *const *)values, lens,
                        start[0] ? start : NULL, label[0] ? label : NULL, &t))
      c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    if (!c->rc && vb__report_slice_count(r) == before)
      vb__bad(c, "the same slice twice");
    char where[32];
    snprintf(where, sizeof where, "slice %zu", i + 1);
    if (!c->rc)
      get_tally(c, t, lex, where);
    for (size_t g = 0; !c->rc && g < VB_GROUP_COUNT; g++)
      if ((sums[g] += vb_tally_responses(t, (vb_group)g)) >
          vb_tally_responses(vb_report_overall(r), (vb_group)g))
        vb__bad(c, "the slices hold more responses than the whole");
    for (size_t k = 0; k < by_count; k++) {
      free(values[k]);
      values[k] = NULL;
    }
    free(start);
    free(label);
  }
  free(values);
  free(lens);
}

/* Theme and term counts must be the lexicon's: a check that the body was
 * read as it was written. */
static void get_sizes(cursor *c, const vb_lexicon *lex) {
  uint64_t themes = vb__get_num(c), terms = vb__get_num(c);
  if (!c->rc && (themes != vb_lexicon_theme_count(lex) ||
                 terms != vb_lexicon_term_count(lex)))
    vb__bad(c, "%llu themes and %llu terms, where its lexicon has %zu and %zu",
            (unsigned long long)themes, (unsigned long long)terms,
            vb_lexicon_theme_count(lex), vb_lexicon_term_count(lex));
}

/* One example as put_example_set wrote it, checked, offered to e. */
static void get_example(cursor *c, vb__examples *e, const vb_lexicon *lex,
                        size_t theme, int group, const char *where) {
  vb__report_example x = {0};
  char *text = vb__get_str(c, &x.text_len);
  x.offset = (size_t)vb__get_num(c);
  x.comment_len = (size_t)vb__get_num(c);
  char *id = vb__get_str(c, &x.id_len);
  uint64_t score = vb__get_num(c);
  x.score = (int)(score > 1001 ? 0 : score) - 1;
  x.span_start = (size_t)vb__get_num(c);
  x.span_end = (size_t)vb__get_num(c);
  x.term = (size_t)vb__get_num(c);
  uint64_t tier = vb__get_num(c), hi = vb__get_num(c), lo = vb__get_num(c);
  x.tier = (unsigned)(tier > 2 ? 3 : tier);
  x.hash = hi << 32 | lo;
  x.text = text;
  x.id = id;
  bool whole = x.offset == 0 && x.text_len == x.comment_len;
  if (c->rc)
    ;
  else if (score > 1001 || tier > 2 || hi > 0xffffffffu || lo > 0xffffffffu)
    vb__bad(c, "%s: an example's score, tier or hash out of range", where);
  else if (!x.text_len || x.span_start > x.span_end ||
           x.span_end > x.text_len || x.text_len > x.comment_len ||
           x.offset > x.comment_len - x.text_len)
    vb__bad(c, "%s: an example's match or text out of its comment", where);
  else if (x.term >= vb_lexicon_term_count(lex) ||
           vb_lexicon_term_is_exclude(lex, x.term) ||
           !vb__theme_covers(lex, theme, vb_lexicon_term_theme(lex, x.term)))
    vb__bad(c, "%s: an example's term is not one of its theme's", where);
  else if (whole ? x.tier != vb__example_tier(x.text_len, x.span_start,
                                              x.span_end) ||
                       x.hash != vb__example_hash(text, x.text_len, x.score)
                 : x.tier != 2)
    vb__bad(c, "%s: an example's hash or tier does not match its text", where);
  if (!c->rc) {
    x.term_text = vb_lexicon_term_text(lex, x.term);
    const vb__report_example *list;
    size_t before = vb__examples_get(e, theme, group, &list);
    if (before && vb__example_cmp(&list[before - 1], &x) >= 0)
      vb__bad(c, "%s: examples out of order", where);
    else if (vb__examples_offer(e, theme, group, &x))
      c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    else if (vb__examples_get(e, theme, group, &list) != before + 1)
      vb__bad(c, "%s: the same example twice", where);
  }
  free(text);
  free(id);
}

/* An example set as put_example_set wrote it, into the empty set e. */
static void get_example_set(cursor *c, vb__examples *e, const vb_lexicon *lex,
                            const vb_tally *overall, const char *where) {
  size_t lists = vb__get_count(c, "example lists");
  uint64_t prev = 0;
  for (size_t i = 0; i < lists && !c->rc; i++) {
    uint64_t theme = vb__get_num(c), group = vb__get_num(c), n = vb__get_num(c);
    uint64_t at = theme * VB_GROUP_COUNT + group;
    if (c->rc)
      break;
    if (theme >= vb_lexicon_theme_count(lex) || group >= VB_GROUP_COUNT)
      vb__bad(c, "%s: examples of theme %llu, group %llu: out of range", where,
              (unsigned long long)theme, (unsigned long long)group);
    else if (i && at <= prev)
      vb__bad(c, "%s: example lists out of order or repeated", where);
    else if (!n || n > e->kept ||
             n > vb_tally_mentions(overall, (size_t)theme, (vb_group)group))
      vb__bad(c,
              "%s: %llu examples of theme %llu, group %llu: more than kept "
              "or than its mentions, or none",
              where, (unsigned long long)n, (unsigned long long)theme,
              (unsigned long long)group);
    for (uint64_t k = 0; k < n && !c->rc; k++)
      get_example(c, e, lex, (size_t)theme, (int)group, where);
    prev = at;
  }
}

/* The examples: the overall set, then the segments' sets. */
static void get_examples(cursor *c, vb_report *r, const vb_lexicon *lex) {
  if (!vb__report_examples_kept(r))
    return;
  const vb_tally *overall = vb_report_overall(r);
  get_example_set(c, vb__report_example_set(r, 0, NULL, NULL), lex, overall,
                  "overall examples");
  const char *const *by;
  size_t by_count = vb__report_by(r, &by);
  size_t n = vb__get_count(c, "segments with examples");
  if (n && !by_count)
    vb__bad(c, "segments with examples in a report without segments");
  char **values = slots(c, by_count, sizeof *values);
  size_t *lens = slots(c, by_count, sizeof *lens);
  for (size_t i = 0; i < n && !c->rc; i++) {
    for (size_t k = 0; k < by_count; k++)
      values[k] = vb__get_str(c, &lens[k]);
    vb__examples *e =
        c->rc
            ? NULL
            : vb__report_segment_examples(r, (const char *const *)values, lens);
    if (!c->rc && !e)
      c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    else if (e && has_examples(e))
      vb__bad(c, "the examples of one segment twice");
    char where[48];
    snprintf(where, sizeof where, "examples of segment %zu", i + 1);
    if (!c->rc)
      get_example_set(c, e, lex, overall, where);
    for (size_t k = 0; k < by_count; k++) {
      free(values[k]);
      values[k] = NULL;
    }
  }
  free(values);
  free(lens);
}

int vb_report_load(const void *bytes, size_t len, const char *name,
                   const vb_report *like, vb_report **out, vb_error *err) {
  vb__error_clear(err);
  if (!out)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "out is NULL");
  *out = NULL;
  if (!bytes && len)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "bytes NULL");
  cursor c = {.name = name ? name : "(partial report)", .err = err};
  head h = {0};
  const vb_lexicon *lex = NULL;
  vb_lexicon *owned = NULL;
  vb_report *r = NULL;
  int rc = open_body(bytes ? bytes : (const void *)"", len, &c);
  if (!rc) {
    get_head(&c, &h);
    rc = c.rc;
  }
  if (!rc)
    rc = head_lexicon(&c, &h, like, &lex, &owned);
  if (!rc)
    rc = head_report(&c, &h, lex, &r);
  if (r && owned) {
    vb__report_own_lexicon(r, owned);
    owned = NULL;
  }
  if (!rc) {
    get_sizes(&c, lex);
    get_reasons(&c, r);
    if (!c.rc)
      get_tally(&c, vb_report_overall(r), lex, "overall");
    get_slices(&c, r, lex);
    get_examples(&c, r, lex);
    if (!c.rc && vb__report_examples_kept(r))
      vb__suggest_load(&c, vb__report_suggest(r));
    if (!c.rc && c.at != c.len)
      vb__bad(&c, "%zu bytes after the last slice or example", c.len - c.at);
    rc = c.rc;
  }
  if (!rc && like)
    rc = vb_report_compare(like, r, err);
  head_free(&h);
  vb_lexicon_free(owned);
  if (rc) {
    vb_report_free(r);
    return rc;
  }
  *out = r;
  return VB_OK;
}
