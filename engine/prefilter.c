/*
 * prefilter.c - which pattern terms can possibly match a comment, decided
 * from its words, so a regex runs only on the comments that may hold it.
 *
 * Running every pattern over every comment costs a regex scan per pattern
 * per comment; with fifty patterns that is most of a run's time.  Most
 * patterns people write start with a word: /\b(?:took|takes) \d+ days/.
 * Every match of such a pattern begins with one of those literals, at a
 * position where a word starts.  These literals are the pattern's
 * "anchors".  The matcher computes, once per distinct word, which anchors
 * begin one of its ASCII letter-digit runs, and runs a pattern only when
 * one of its anchors occurs, and then anchored at those places only (see
 * match.c: run_pattern).
 *
 * Why this is exact.  An alternative written `\b` then a word character c
 * can only match at a position i whose previous character is not a word
 * character (or i = 0).  ASCII letters, digits and '_' are word characters
 * in PCRE2 with or without UCP, so text[i - 1] is not one of them: i is the
 * start of a maximal run of [a-z0-9_].  Comments are case folded before
 * matching and patterns are caseless, so the literal, lower-cased, occurs
 * at i.  `\d` anchors "any ASCII digit", which is all \d can match in pure
 * ASCII text; in other text those patterns always run.
 *
 * The reader below is deliberately small and conservative: it understands
 * `\b`, literal letters and digits, `\d`, classes of literals and (?:...)
 * groups of those, and an item made optional by `?` (read both ways:
 * "e-?mail" gives "e-mail" and "email").  On anything else it stops (the
 * strings so far are what every match begins with) or gives up (the
 * pattern always runs).  Giving up is never wrong, only slower.
 * tests/test_prefilter.c compares gated and ungated matching on every
 * pattern of the default lexicon, on the sample and on random text.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "internal.h"

enum { MAX_DEPTH = 16 };

typedef struct reader {
  const char *p, *end;
} reader;

static bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

static bool quantifier_at(const reader *r, const char *q) {
  return q < r->end && (*q == '?' || *q == '*' || *q == '+' || *q == '{');
}

/* An optional quantifier: ?, *, {0 (and {,n}). */
static bool optional_quantifier_at(const reader *r, const char *q) {
  if (q >= r->end)
    return false;
  if (*q == '?' || *q == '*')
    return true;
  return *q == '{' && q + 1 < r->end && (q[1] == '0' || q[1] == ',');
}

/* Skips to the end of the current alternative: the next '|' or ')' at
 * this depth, or the end.  False on constructs it cannot skip safely. */
static bool skip_alternative(reader *r) {
  int depth = 0;
  while (r->p < r->end) {
    char c = *r->p;
    if (c == '\\') {
      if (r->p + 1 >= r->end || r->p[1] == 'Q' || r->p[1] == 'E')
        return false;
      r->p += 2;
    } else if (c == '[') {
      r->p++;
      if (r->p < r->end && *r->p == '^')
        r->p++;
      if (r->p < r->end && *r->p == ']')
        r->p++;
      while (r->p < r->end && *r->p != ']') {
        if (*r->p == '\\') {
          if (r->p + 1 >= r->end || r->p[1] == 'Q')
            return false;
          r->p++;
        } else if (*r->p == '[' && r->p + 1 < r->end && r->p[1] == ':') {
          const char *close = r->p + 2;
          while (close + 1 < r->end && !(close[0] == ':' && close[1] == ']'))
            close++;
          if (close + 1 >= r->end)
            return false;
          r->p = close + 1;
        }
        r->p++;
      }
      if (r->p >= r->end)
        return false;
      r->p++;
    } else if (c == '(') {
      if (r->p + 2 < r->end && r->p[1] == '?' && r->p[2] == '#')
        return false; /* comments may hold parentheses */
      depth++;
      r->p++;
    } else if (c == ')') {
      if (depth == 0)
        return true;
      depth--;
      r->p++;
    } else if (c == '|' && depth == 0) {
      return true;
    } else {
      r->p++;
    }
  }
  return depth == 0;
}

enum { FAIL, CLOSED, COMPLETE };

/* A character whose case never varies (digits, punctuation, symbols,
 * uncased letters): a caseless pattern matches it only as itself. */
static bool caseless_safe(const char *p, const char *end, size_t *len) {
  int32_t i = 0, n = (int32_t)(end - p > 4 ? 4 : end - p);
  UChar32 c;
  U8_NEXT((const uint8_t *)p, i, n, c);
  *len = (size_t)i;
  return c >= 0x80 && !u_hasBinaryProperty(c, UCHAR_CASE_SENSITIVE);
}

/* The literal character at p (up to 4 bytes copied to out, lower-cased):
 * letters, digits, blanks and punctuation written plainly or escaped, or
 * a non-ASCII character without case.  Returns its length, 0 for none;
 * *next is set past it.  `in_class` reads inside [...]. */
static size_t literal_at(const reader *r, const char *p, bool in_class,
                         char out[4], const char **next) {
  static const char plain[] = " '-,:;!\"/#&%@~<>=";
  char c = *p;
  *next = p + 1;
  if (c == '\\' && p + 1 < r->end && p[1] != '\0' &&
      strchr(".-'\"/,:;!?#&%@~<>=$()[]{}|*+^", p[1])) {
    out[0] = p[1];
    *next = p + 2;
    return 1;
  }
  if ((unsigned char)c >= 0x80) {
    size_t len;
    if (!caseless_safe(p, r->end, &len))
      return 0;
    memcpy(out, p, len);
    *next = p + len;
    return len;
  }
  if (is_alnum(c) || (c != '\0' && strchr(plain, c)) ||
      (in_class && c != '\0' && strchr("$.?*+|(){}", c))) {
    if (in_class && c == '-')
      return 0; /* a range */
    out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return 1;
  }
  return 0;
}

/* An item (literal, class or group) followed at q by a `?` (or `??`,
 * `?+`) may be absent or present once: when a literal, a class or a
 * (?:...) group comes after the quantifier, reading goes on both ways,
 * and this returns the position past it; NULL otherwise (then reading
 * stops before the item, which loses little: nothing readable follows). */
static const char *fork_point(const reader *r, const char *q) {
  if (q >= r->end || *q != '?')
    return NULL;
  q++;
  if (q < r->end && (*q == '?' || *q == '+'))
    q++;
  char c[4];
  const char *next;
  bool group = r->end - q >= 3 && q[0] == '(' && q[1] == '?' && q[2] == ':';
  if (group || (q < r->end && (*q == '[' || literal_at(r, q, false, c, &next))))
    return q;
  return NULL;
}

/* Adds the strings `absent` (read without an optional item) to s (read
 * with it); false when that makes too many. */
static bool add_absent(vb__anchors *s, const vb__anchors *absent) {
  if (s->count + absent->count > VB__MAX_ANCHORS)
    return false;
  memcpy(s->items + s->count, absent->items,
         absent->count * sizeof *absent->items);
  s->count += absent->count;
  s->digit |= absent->digit;
  return true;
}

static bool all_empty(const vb__anchors *s) {
  return s->count == 1 && s->items[0].len == 0 && !s->digit;
}

static int read_sequence(reader *r, vb__anchors *s, int depth);

/* Copies the strings of src (not its alternatives, which reading does not
 * use): the bytes in use, not the whole struct. */
static void copy_strings(vb__anchors *dst, const vb__anchors *src) {
  memcpy(dst->items, src->items, src->count * sizeof *src->items);
  dst->count = src->count;
  dst->digit = src->digit;
}

/* A (?:...) group at r->p following the strings s: each alternative
 * extends a copy of s; the union replaces s. */
static int read_group(reader *r, vb__anchors *s, int depth) {
  vb__anchors *out = malloc(sizeof *out), *alt = malloc(sizeof *alt);
  int status = out && alt ? COMPLETE : FAIL;
  if (out)
    out->count = 0, out->digit = false;
  r->p += 3;
  while (status != FAIL) {
    copy_strings(alt, s);
    int st = read_sequence(r, alt, depth + 1);
    if (st == FAIL || !skip_alternative(r) ||
        out->count + alt->count > VB__MAX_ANCHORS) {
      status = FAIL;
      break;
    }
    if (st == CLOSED)
      status = CLOSED;
    memcpy(out->items + out->count, alt->items,
           alt->count * sizeof *alt->items);
    out->count += alt->count;
    out->digit |= alt->digit;
    if (r->p >= r->end || *r->p == ')')
      break;
    r->p++; /* '|' */
  }
  if (status != FAIL && (r->p >= r->end || *r->p != ')'))
    status = FAIL;
  if (status != FAIL) {
    r->p++;
    const char *after = all_empty(s) ? NULL : fork_point(r, r->p);
    if (after) { /* absent or present once */
      if (add_absent(out, s))
        r->p = after;
      else
        status = FAIL;
    } else if (optional_quantifier_at(r, r->p)) {
      status = FAIL; /* the group may be absent */
    } else if (quantifier_at(r, r->p)) {
      status = CLOSED;
    }
  }
  if (status != FAIL)
    copy_strings(s, out);
  free(out);
  free(alt);
  return status;
}

/* Appends the len bytes of c to every string of s; false when a string
 * is full (a prefix of it is still required, so the caller stops). */
static bool append(vb__anchors *s, const char *c, size_t len) {
  for (size_t i = 0; i < s->count; i++)
    if (s->items[i].len + len > sizeof s->items[i].text - 1)
      return false;
  for (size_t i = 0; i < s->count; i++) {
    vb__anchor *x = &s->items[i];
    memcpy(x->text + x->len, c, len);
    x->len = (uint8_t)(x->len + len);
    x->text[x->len] = '\0';
  }
  return true;
}

/* A [...] class of literal characters at r->p: s times its members. */
static int read_class(reader *r, vb__anchors *s) {
  const char *p = r->p + 1;
  if (p < r->end && (*p == '^' || *p == ']'))
    return FAIL;
  char members[VB__MAX_ANCHORS][4];
  size_t lens[VB__MAX_ANCHORS], n = 0;
  const char *first = p;
  while (p < r->end && *p != ']') {
    const char *next;
    /* a '-' first or last in the class is itself, elsewhere a range */
    bool dash = *p == '-' && (p == first || (p + 1 < r->end && p[1] == ']'));
    if (n == VB__MAX_ANCHORS)
      return FAIL;
    if (dash) {
      members[n][0] = '-';
      lens[n] = 1;
      next = p + 1;
    } else if (!(lens[n] = literal_at(r, p, true, members[n], &next))) {
      return FAIL;
    }
    if (next < r->end && *next == '-' && !(next + 1 < r->end && next[1] == ']'))
      return FAIL; /* a range */
    n++;
    p = next;
  }
  if (p >= r->end || n == 0)
    return FAIL;
  r->p = p + 1;
  const char *after = all_empty(s) ? NULL : fork_point(r, r->p);
  if (!after && optional_quantifier_at(r, r->p))
    return FAIL;
  size_t count = s->count, ways = n + (after != NULL);
  if (count * ways > VB__MAX_ANCHORS)
    return FAIL;
  if (after) /* absent: the strings as they are, after the members */
    memcpy(s->items + n * count, s->items, count * sizeof *s->items);
  for (size_t k = n; k-- > 0;) /* member k of every string, in place */
    for (size_t i = 0; i < count; i++) {
      vb__anchor x = s->items[i];
      if (x.len + lens[k] > sizeof x.text - 1)
        return FAIL;
      memcpy(x.text + x.len, members[k], lens[k]);
      x.len = (uint8_t)(x.len + lens[k]);
      x.text[x.len] = '\0';
      s->items[k * count + i] = x;
    }
  s->count = count * ways;
  if (after) {
    r->p = after;
    return COMPLETE;
  }
  return quantifier_at(r, r->p) ? CLOSED : COMPLETE;
}

/* Extends every string of s by what the pattern surely matches next:
 * COMPLETE when the alternative ended (at '|', ')' or the end), CLOSED
 * when something else stopped it, FAIL when no string can be proven.
 * Whether a \b precedes the alternative is the caller's business. */
static int read_sequence(reader *r, vb__anchors *s, int depth) {
  if (depth > MAX_DEPTH)
    return FAIL;
  for (;;) {
    bool start = all_empty(s);
    if (r->p >= r->end || *r->p == '|' || *r->p == ')')
      return start ? FAIL : COMPLETE;
    bool group = r->end - r->p >= 3 && r->p[0] == '(' && r->p[1] == '?' &&
                 r->p[2] == ':';
    if (group || *r->p == '[') {
      const char *at = r->p;
      vb__anchors *keep = start ? NULL : malloc(sizeof *keep);
      if (keep)
        copy_strings(keep, s);
      int st = group ? read_group(r, s, depth) : read_class(r, s);
      if (st == FAIL && keep) { /* stop before it */
        copy_strings(s, keep);
        r->p = at;
        st = CLOSED;
      }
      free(keep);
      if (st != COMPLETE)
        return st;
      continue;
    }
    if (r->end - r->p >= 2 && r->p[0] == '\\' && r->p[1] == 'b') {
      r->p += 2; /* an assertion consumes nothing */
      continue;
    }
    if (start && r->end - r->p >= 2 && r->p[0] == '\\' && r->p[1] == 'd') {
      if (optional_quantifier_at(r, r->p + 2))
        return FAIL;
      r->p += 2;
      s->items[0].len = 0;
      s->digit = true;
      return CLOSED;
    }
    const char *next;
    char c[4];
    size_t len = literal_at(r, r->p, false, c, &next);
    const char *after = NULL;
    if (len && quantifier_at(r, next) &&
        !(after = start ? NULL : fork_point(r, next)))
      len = 0;
    if (!len)
      return start ? FAIL : CLOSED;
    size_t count = s->count;
    if (after) { /* absent or present once: the strings with it first */
      if (2 * count > VB__MAX_ANCHORS)
        return CLOSED;
      memcpy(s->items + count, s->items, count * sizeof *s->items);
    }
    if (!append(s, c, len)) /* (the first `count` strings) */
      return CLOSED;
    if (after)
      s->count = 2 * count;
    r->p = after ? after : next;
  }
}

/* Skips a {n}, {n,}, {n,m} quantifier at p; returns p when there is none. */
static const char *skip_braces(const reader *r, const char *p) {
  if (p >= r->end || *p != '{')
    return p;
  const char *q = p + 1;
  while (q < r->end && ((*q >= '0' && *q <= '9') || *q == ','))
    q++;
  return q < r->end && *q == '}' && q > p + 1 ? q + 1 : p;
}

/* Keeps `set` as the alternative's required literals when it is more
 * selective than what was found so far: longer shortest string. */
static void offer_required(vb__alt *alt, vb__anchors *set) {
  if (set->count == 0 || set->digit)
    return;
  /* "any of them occurs" holds as well with only the strings that hold no
   * other member: drop the others (reply, replies -> reply) */
  size_t kept = 0;
  for (size_t i = 0; i < set->count; i++) {
    const vb__anchor *x = &set->items[i];
    bool redundant = false;
    for (size_t k = 0; k < set->count && !redundant; k++) {
      const vb__anchor *y = &set->items[k];
      if (k != i && y->len <= x->len &&
          (y->len < x->len || k < i) && /* of equal strings keep the first */
          memmem(x->text, x->len, y->text, y->len))
        redundant = true;
    }
    if (!redundant)
      set->items[kept++] = *x;
  }
  set->count = kept;
  if (set->count > VB__MAX_REQUIRED)
    return;
  size_t shortest = SIZE_MAX, best = SIZE_MAX;
  for (size_t i = 0; i < set->count; i++)
    if (set->items[i].len < shortest)
      shortest = set->items[i].len;
  for (size_t i = 0; i < alt->required_count; i++)
    if (alt->required[i].len < best)
      best = alt->required[i].len;
  if (shortest == 0 || (alt->required_count && shortest <= best))
    return;
  for (size_t i = 0; i < set->count; i++) {
    memcpy(alt->required[i].text, set->items[i].text, set->items[i].len);
    alt->required[i].len = set->items[i].len;
  }
  alt->required_count = (uint8_t)set->count;
}

/* The literals the rest of this alternative surely matches: runs of
 * literal characters at its top level (outside groups and classes) not
 * made optional or repeatable by a quantifier, and (?:...) groups whose
 * every alternative starts with a literal.  Every match holds one of the
 * chosen set, so a comment without any cannot match.  Nothing when in
 * doubt. */
static void read_required(reader r, vb__alt *alt, vb__anchors *tmp) {
  vb__anchors *run = tmp;
  memset(run, 0, sizeof *run);
  run->count = 1;
  alt->required_count = 0;
  for (;;) {
    bool end = r.p >= r.end || *r.p == '|';
    const char *next;
    char c[4];
    size_t len = end ? 0 : literal_at(&r, r.p, false, c, &next);
    vb__anchor *x = &run->items[0];
    if (len && !quantifier_at(&r, next) && x->len + len < sizeof x->text) {
      memcpy(x->text + x->len, c, len);
      x->len = (uint8_t)(x->len + len);
      r.p = next;
      continue;
    }
    offer_required(alt, run); /* the run ends here */
    x->len = 0;
    if (end)
      return;
    if (len) { /* a quantified literal, or the run is full */
      r.p = next;
    } else if (*r.p == '(') {
      const char *at = r.p;
      run->items[0].len = 0;
      if (r.end - r.p >= 3 && r.p[1] == '?' && r.p[2] == ':' &&
          read_group(&r, run, 0) != FAIL)
        offer_required(alt, run);
      memset(run, 0, sizeof *run);
      run->count = 1;
      r.p = at + 1; /* skip the group whatever it held */
      if (!skip_alternative(&r))
        break;
      while (r.p < r.end && *r.p == '|') {
        r.p++;
        if (!skip_alternative(&r))
          break;
      }
      if (r.p >= r.end || *r.p != ')')
        break;
      r.p++;
    } else if (*r.p == '[') { /* one starting with ']' or holding [: */
      const char *q = r.p + 1;
      if (q < r.end && *q == '^')
        q++;
      if (q < r.end && *q == ']')
        break;
      while (q < r.end && *q != ']' &&
             !(*q == '[' && q + 1 < r.end && q[1] == ':'))
        q += *q == '\\' ? 2 : 1;
      if (q >= r.end || *q != ']')
        break;
      r.p = q + 1;
    } else if (*r.p == '\\') {
      if (r.p + 1 >= r.end || strchr("xpPNogkQEcu", r.p[1]))
        break; /* escapes with arguments: give up */
      r.p += 2;
    } else if (*r.p == ')') {
      break;
    } else {
      r.p++;
    }
    r.p = skip_braces(&r, r.p);
  }
  alt->required_count = 0;
}

/* Inline options such as (?x) change what later characters mean. */
static bool has_inline_options(const char *p, size_t len) {
  for (size_t i = 0; i + 2 < len; i++)
    if (p[i] == '(' && p[i + 1] == '?' && !strchr(":=!<>|#'P", p[i + 2]))
      return true;
  return false;
}

bool vb__pattern_anchors(const char *pattern, size_t len, vb__anchors *out) {
  memset(out, 0, sizeof *out);
  vb__anchors *alt = malloc(sizeof *alt), *tmp = malloc(sizeof *tmp);
  if (!alt || !tmp) {
    free(alt);
    free(tmp);
    return false;
  }
  reader r = {pattern, pattern + len};
  bool ok = true, options = has_inline_options(pattern, len);
  for (;;) { /* each top-level alternative: \b then a sequence */
    memset(alt, 0, sizeof *alt);
    alt->count = 1;
    const char *alt_start = r.p;
    bool anywhere = r.end - r.p < 2 || r.p[0] != '\\' || r.p[1] != 'b';
    if (!anywhere)
      r.p += 2;
    if (out->alt_count == VB__MAX_ALTS) {
      ok = false;
      break;
    }
    vb__alt *a = &out->alts[out->alt_count];
    a->required_count = 0;
    bool required_only = read_sequence(&r, alt, 0) == FAIL;
    if (required_only) { /* no start, but maybe a literal further on */
      r.p = alt_start;
      memset(alt, 0, sizeof *alt);
      alt->count = 1;
    }
    if (!options)
      read_required(r, a, tmp);
    if ((required_only && a->required_count == 0) ||
        out->count + alt->count > VB__MAX_ANCHORS) {
      ok = false;
      break;
    }
    if (!skip_alternative(&r)) {
      ok = false;
      break;
    }
    for (size_t i = 0; i < alt->count; i++) {
      vb__anchor *x = &out->items[out->count++];
      *x = alt->items[i];
      x->alt = (uint32_t)out->alt_count;
      x->required_only = required_only;
      /* a string not starting with a letter or digit ('ll) is searched */
      x->anywhere =
          anywhere || required_only || (x->len > 0 && !is_alnum(x->text[0]));
      x->word_len = 0;
      while (x->word_len < x->len && is_alnum(x->text[x->word_len]))
        x->word_len++;
    }
    out->digit |= alt->digit;
    out->alt_count++;
    if (r.p >= r.end)
      break;
    if (*r.p != '|') {
      ok = false; /* an unbalanced ')' */
      break;
    }
    r.p++;
  }
  free(alt);
  free(tmp);
  return ok && out->count > 0;
}

bool vb__anchor_fires(const vb__anchor *a, const char *run, size_t run_len) {
  if (a->len == 0)
    return run_len > 0 && run[0] >= '0' && run[0] <= '9';
  if (a->word_len < a->len) /* "a few": the run is exactly "a" */
    return run_len == a->word_len && memcmp(run, a->text, run_len) == 0;
  return run_len >= a->len && memcmp(run, a->text, a->len) == 0;
}
