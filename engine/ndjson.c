/*
 * ndjson.c - NDJSON rows: one JSON object per line, read into the reader's
 * columns.
 *
 * reader.c owns the input (its buffer, refills, line counting, recovery
 * after a bad row) and calls vb__ndjson_row() for each row of an NDJSON
 * input; this file turns the line at r->pos into fields and nothing else.
 * It keeps reader.c's contract for a row parser: return 1 with the row's
 * fields set and r->pos past its line ending, 0 at the end of input,
 * VB__NEED when the line is not all buffered yet (nothing has moved), or a
 * bad row's code with r->pend filled.
 *
 * The format:
 *   - One object per non-blank line (blank: only spaces and tabs).  The
 *     columns are the keys of the first object, in order (a repeated key
 *     counts once), which is parsed once for them and again as the first
 *     row.
 *   - Streaming cannot know the union of keys in advance, so the union is
 *     reached by name instead: vb_reader_use_column() adds a column that
 *     every row resolves on its own, as a top-level key of that exact name
 *     or else as a dotted path into nested objects (a digit segment indexes
 *     an array).  Keys a row lacks read as empty (VB_VALUE_MISSING); keys
 *     that only later objects have and nobody named are not columns.
 *   - Each field's JSON type is kept (vb_reader_field_type) so that an
 *     object is never taken for text.  Values read as: string -> its text;
 *     number -> as written when a plain integer (so large ids keep every
 *     digit), else integral values in integer form and the rest as the
 *     shortest text that reads back the same double; true/false; null ->
 *     empty; object/array -> compact JSON.
 *
 * Invariants:
 *   - Every field's text is in r->scratch (in_scratch = 1): cJSON unescapes
 *     strings into its own nodes, which die with the row's tree.
 *   - cJSON's end pointer locates errors (its global error pointer is never
 *     read), and text after the object on the same line is an error.
 *   - cJSON keeps numbers only as doubles, so a small walk over the text
 *     cJSON has already accepted finds each top-level value as written; the
 *     walk's result is checked against cJSON's value and dropped when they
 *     disagree, so a walk that lost its way costs digits, never wrong
 *     numbers.
 *
 * cJSON cannot tell a failed allocation from bad JSON, so under memory
 * exhaustion a row reads as malformed (reported, never dropped).  Number
 * text uses snprintf/strtod and so assumes the C numeric locale (the engine
 * never calls setlocale).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

/* A minimal walk over text cJSON has accepted, to find each top-level
 * member's value as written (cJSON keeps numbers only as doubles). */
static size_t json_ws(const char *s, size_t i, size_t n) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

static size_t json_string_end(const char *s, size_t i, size_t n) {
  const size_t first = i + 1;
  for (i = first; i < n;) {
    const char *x = memchr(s + i, '"', n - i);
    if (!x)
      return n;
    size_t c = (size_t)(x - s), slashes = 0;
    while (c - slashes > first && s[c - slashes - 1] == '\\')
      slashes++;
    if (slashes % 2 == 0)
      return c + 1;
    i = c + 1;
  }
  return n;
}

static size_t json_value_end(const char *s, size_t i, size_t n) {
  if (i >= n)
    return n;
  if (s[i] == '"')
    return json_string_end(s, i, n);
  if (s[i] == '{' || s[i] == '[') {
    size_t depth = 0;
    while (i < n) {
      if (s[i] == '"') {
        i = json_string_end(s, i, n);
        continue;
      }
      if (s[i] == '{' || s[i] == '[')
        depth++;
      else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
        return i + 1;
      i++;
    }
    return n;
  }
  while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
         s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
    i++;
  return i;
}

/* From *i (just after '{' or a ','), the span of the next member's value;
 * leaves *i after the ',' or '}' that follows it. */
static bool json_member(const char *s, size_t n, size_t *i, size_t *vs,
                        size_t *ve) {
  size_t k = json_ws(s, *i, n);
  if (k >= n || s[k] != '"')
    return false;
  k = json_ws(s, json_string_end(s, k, n), n);
  if (k >= n || s[k] != ':')
    return false;
  *vs = json_ws(s, k + 1, n);
  *ve = json_value_end(s, *vs, n);
  k = json_ws(s, *ve, n);
  if (k < n && (s[k] == ',' || s[k] == '}'))
    k++;
  *i = k;
  return *ve > *vs;
}

/* "-"? ("0" | [1-9][0-9]*): the integer forms JSON allows, kept verbatim. */
static bool plain_integer(const char *s, size_t n) {
  size_t i = n && s[0] == '-' ? 1 : 0;
  if (i == n || s[i] < '0' || s[i] > '9' || (s[i] == '0' && n - i > 1) ||
      (s[i] == '0' && i == 1))
    return false;
  for (; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

static int append_number(vb_reader *r, double d, const char *raw,
                         size_t raw_len) {
  char tmp[40];
  int n;
  if (raw && plain_integer(raw, raw_len)) {
    /* Checked against cJSON's value in case the walk lost its way. */
    if (raw_len >= sizeof tmp)
      return vb__reader_scratch_append(r, raw, raw_len);
    memcpy(tmp, raw, raw_len);
    tmp[raw_len] = '\0';
    if (strtod(tmp, NULL) == d)
      return vb__reader_scratch_append(r, raw, raw_len);
  }
  if (d >= -9.2e18 && d <= 9.2e18 && d == (double)(long long)d) {
    n = snprintf(tmp, sizeof tmp, "%lld", (long long)d);
  } else {
    n = 0;
    for (int prec = 15; prec <= 17; prec++) {
      n = snprintf(tmp, sizeof tmp, "%.*g", prec, d);
      if (strtod(tmp, NULL) == d)
        break;
    }
  }
  return vb__reader_scratch_append(r, tmp, n > 0 ? (size_t)n : 0);
}

static unsigned char value_kind(const cJSON *v) {
  if (cJSON_IsString(v))
    return VB_VALUE_TEXT;
  if (cJSON_IsNumber(v))
    return VB_VALUE_NUMBER;
  if (cJSON_IsBool(v))
    return VB_VALUE_BOOL;
  if (cJSON_IsObject(v))
    return VB_VALUE_OBJECT;
  if (cJSON_IsArray(v))
    return VB_VALUE_ARRAY;
  return VB_VALUE_NULL;
}

/* The value at a dotted path below `v` ("answer.text", "items.0"), or
 * NULL.  Keys match exactly; a segment of digits indexes an array. */
static const cJSON *json_path(const cJSON *v, const char *path) {
  for (const char *seg = path; v;) {
    const char *dot = strchr(seg, '.');
    size_t len = dot ? (size_t)(dot - seg) : strlen(seg);
    const cJSON *next = NULL;
    if (cJSON_IsObject(v)) {
      for (const cJSON *c = v->child; c && !next; c = c->next)
        if (c->string && strncmp(c->string, seg, len) == 0 &&
            c->string[len] == '\0')
          next = c;
    } else if (cJSON_IsArray(v) && len && len < 10 &&
               strspn(seg, "0123456789") >= len) {
      next = cJSON_GetArrayItem(v, atoi(seg));
    }
    if (!dot)
      return next;
    v = next;
    seg = dot + 1;
  }
  return NULL;
}

static int append_value(vb_reader *r, const cJSON *v, const char *raw,
                        size_t raw_len) {
  if (cJSON_IsString(v))
    return vb__reader_scratch_append(r, v->valuestring, strlen(v->valuestring));
  if (cJSON_IsNumber(v))
    return append_number(r, v->valuedouble, raw, raw_len);
  if (cJSON_IsTrue(v))
    return vb__reader_scratch_append(r, "true", 4);
  if (cJSON_IsFalse(v))
    return vb__reader_scratch_append(r, "false", 5);
  if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
    char *json = cJSON_PrintUnformatted(v);
    if (!json)
      return VB_ENOMEM;
    int rc = vb__reader_scratch_append(r, json, strlen(json));
    cJSON_free(json);
    return rc;
  }
  return VB_OK; /* null */
}

/* The first object's keys, each once, in order. */
static int json_columns(vb_reader *r, const cJSON *root) {
  size_t n = 0;
  for (const cJSON *c = root->child; c; c = c->next)
    n++;
  const char **keys = malloc((n ? n : 1) * sizeof *keys);
  size_t *lens = malloc((n ? n : 1) * sizeof *lens);
  int rc = VB_ENOMEM;
  if (keys && lens) {
    size_t k = 0;
    for (const cJSON *c = root->child; c; c = c->next, k++) {
      keys[k] = c->string ? c->string : "";
      lens[k] = strlen(keys[k]);
    }
    rc = vb__reader_set_columns(r, n, keys, lens, true);
  }
  free(keys);
  free(lens);
  return rc;
}

/* Steps over lines holding only spaces and tabs to the next other line:
 * 1 with [r->pos, *eol) its text and *tlen its ending's length, 0 at the
 * end of input, VB__NEED when that line is not all buffered. */
static int next_line(vb_reader *r, size_t *eol, size_t *tlen) {
  const char *const b = r->buf;
  const size_t end = r->end;
  for (;;) {
    const size_t p = r->pos;
    if (p == end)
      return r->eof ? 0 : VB__NEED;
    *eol = vb__reader_find_eol(r, p);
    if (*eol == end && !r->eof)
      return VB__NEED;
    *tlen = 0;
    if (*eol < end) {
      if (b[*eol] == '\r') {
        if (*eol + 1 == end && !r->eof)
          return VB__NEED;
        *tlen = (*eol + 1 < end && b[*eol + 1] == '\n') ? 2 : 1;
      } else {
        *tlen = 1;
      }
    }
    size_t i = p;
    while (i < *eol && (b[i] == ' ' || b[i] == '\t'))
      i++;
    if (i < *eol)
      return 1;
    r->pos = *eol + *tlen;
    r->line++;
  }
}

/* The line text[0, n) (at buf[p]) as one JSON object, or NULL with
 * r->pend filled: malformed JSON (pointing where cJSON stopped), text
 * after the value, or a value that is not an object (pointing at it). */
static cJSON *parse_object(vb_reader *r, size_t p, const char *text, size_t n) {
  const char *stop = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, n, &stop, 0);
  if (root) {
    size_t k = json_ws(text, stop ? (size_t)(stop - text) : n, n);
    if (k < n) { /* text after the value */
      cJSON_Delete(root);
      root = NULL;
      stop = text + k;
    }
  }
  if (root && cJSON_IsObject(root))
    return root;
  unsigned line, column;
  size_t at =
      stop && stop >= text && stop <= text + n ? (size_t)(stop - text) : 0;
  if (root) /* valid JSON, not an object: point at its first byte */
    at = json_ws(text, 0, n);
  cJSON_Delete(root);
  vb__reader_row_pos(r, p, p + at, &line, &column);
  vb__fail(&r->pend, VB_EMALFORMED, r->name, line, column,
           root ? "expected a JSON object"
                : "malformed JSON: parsing stopped here");
  return NULL;
}

/* Every column of the row empty and missing until a value is found. */
static void clear_fields(vb_reader *r) {
  r->slen = 0;
  for (size_t i = 0; i < r->ncols; i++) {
    r->fields[i].off = 0;
    r->fields[i].len = 0;
    r->fields[i].in_scratch = 1;
  }
  if (r->ncols) {
    memset(r->seen, 0, r->ncols);
    memset(r->kinds, VB_VALUE_MISSING, r->ncols);
  }
}

/* Column `col` holds `v` (raw: its text as written, or NULL). */
static int set_field(vb_reader *r, size_t col, const cJSON *v, const char *raw,
                     size_t raw_len) {
  size_t off = r->slen;
  int rc = append_value(r, v, raw, raw_len);
  r->kinds[col] = value_kind(v);
  r->found[col] = 1;
  r->fields[col].off = off;
  r->fields[col].len = r->slen - off;
  return rc;
}

/* The fields of the columns the object's own keys name (the first of a
 * repeated key), walking the text alongside for numbers as written.  The
 * keys usually come in the columns' order, so the column after the last
 * one found is tried before the index. */
static int set_key_fields(vb_reader *r, const cJSON *root, const char *text,
                          size_t n) {
  size_t walk = json_ws(text, 0, n) + 1; /* just after '{' */
  bool walking = true;
  size_t guess = 0;
  int rc = VB_OK;
  for (const cJSON *c = root->child; c && !rc; c = c->next) {
    size_t vs = 0, ve = 0;
    if (walking)
      walking = json_member(text, n, &walk, &vs, &ve);
    const char *key = c->string ? c->string : "";
    long col;
    if (guess < r->ncols && strcmp(r->names[guess], key) == 0)
      col = (long)guess;
    else
      col = vb__reader_find_exact(r, key);
    if (col < 0 || r->seen[col])
      continue;
    r->seen[col] = 1;
    guess = (size_t)col + 1;
    rc = set_field(r, (size_t)col, c, walking ? text + vs : NULL, ve - vs);
  }
  return rc;
}

/* The fields of dotted-path columns (vb_reader_use_column) that no key of
 * the object named. */
static int set_path_fields(vb_reader *r, const cJSON *root) {
  int rc = VB_OK;
  for (size_t col = 0; r->npaths && col < r->ncols && !rc; col++) {
    const cJSON *v =
        r->paths[col] && !r->seen[col] ? json_path(root, r->names[col]) : NULL;
    if (v)
      rc = set_field(r, col, v, NULL, 0);
  }
  return rc;
}

int vb__ndjson_row(vb_reader *r, bool header) {
  size_t eol, tlen;
  int rc = next_line(r, &eol, &tlen);
  if (rc != 1)
    return rc;
  const size_t p = r->pos, n = eol - p;
  r->row_line = r->line;
  if (n > r->max_row)
    return vb__reader_too_big(r);
  const char *text = r->buf + p;
  cJSON *root = parse_object(r, p, text, n);
  if (!root)
    return VB_EMALFORMED;
  rc = header ? json_columns(r, root) : VB_OK;
  if (rc == VB_OK) {
    clear_fields(r);
    rc = set_key_fields(r, root, text, n);
  }
  if (rc == VB_OK)
    rc = set_path_fields(r, root);
  cJSON_Delete(root);
  if (rc)
    return rc;
  r->nfields = r->ncols;
  r->raw_off = p;
  r->raw_len = n;
  r->raw_copied = false;
  r->pos = eol + tlen;
  r->line++;
  return 1;
}
