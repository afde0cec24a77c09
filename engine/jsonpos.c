/*
 * jsonpos.c - source positions for a cJSON tree.
 *
 * cJSON parses and validates lexicon files but keeps no positions, and a
 * lexicon error without file:line:column is no help to its author.  This
 * walks the source text in lockstep with the tree cJSON built from it and
 * records, for each node, the offset of its value (and of its key, for
 * object members).  It relies on cJSON having accepted the text: it only
 * steps over whitespace, punctuation, strings and scalars, it never
 * decides what is valid JSON.  Lookups are by node address (binary search
 * over the sorted entries); line and column come from a table of line
 * starts, so locating every term of a large lexicon stays linear.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

static size_t skip_ws(const char *t, size_t len, size_t p) {
  while (p < len &&
         (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r'))
    p++;
  return p;
}

static size_t skip_string(const char *t, size_t len, size_t p) {
  for (p++; p < len && t[p] != '"'; p++)
    if (t[p] == '\\')
      p++;
  return p < len ? p + 1 : len;
}

static size_t skip_scalar(const char *t, size_t len, size_t p) {
  while (p < len && !strchr(",}] \t\r\n", t[p]))
    p++;
  return p;
}

static int add_entry(vb__jsonpos *jp, const cJSON *node, size_t key_off,
                     size_t val_off) {
  if (vb__grow((void **)&jp->entries, &jp->cap, jp->count + 1,
               sizeof *jp->entries))
    return VB_ENOMEM;
  jp->entries[jp->count++] =
      (vb__jsonpos_entry){node, (uint32_t)key_off, (uint32_t)val_off};
  return VB_OK;
}

/* Depth is bounded by cJSON's own nesting limit. */
static int walk(vb__jsonpos *jp, const cJSON *node, size_t *pos,
                size_t key_off) {
  const char *t = jp->text;
  size_t len = jp->len, p = skip_ws(t, len, *pos);
  if (add_entry(jp, node, key_off, p))
    return VB_ENOMEM;
  if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
    bool object = cJSON_IsObject(node);
    p++; /* '{' or '[' */
    for (const cJSON *c = node->child; c; c = c->next) {
      size_t kp = 0;
      p = skip_ws(t, len, p);
      if (object) {
        kp = p;
        p = skip_ws(t, len, skip_string(t, len, p)) + 1; /* past ':' */
      }
      if (walk(jp, c, &p, kp))
        return VB_ENOMEM;
      p = skip_ws(t, len, p);
      if (p < len && t[p] == ',')
        p++;
    }
    p = skip_ws(t, len, p) + 1; /* '}' or ']' */
  } else if (cJSON_IsString(node)) {
    p = skip_string(t, len, p);
  } else {
    p = skip_scalar(t, len, p);
  }
  *pos = p;
  return VB_OK;
}

static int by_node(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const vb__jsonpos_entry *)a)->node;
  uintptr_t y = (uintptr_t)((const vb__jsonpos_entry *)b)->node;
  return x < y ? -1 : x > y;
}

int vb__jsonpos_build(vb__jsonpos *jp, const char *text, size_t len,
                      const cJSON *root) {
  memset(jp, 0, sizeof *jp);
  jp->text = text;
  jp->len = len;
  size_t p = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    p = 3;
  int rc = walk(jp, root, &p, 0);
  size_t lines = 1, cap = 0;
  for (size_t i = 0; i < len; i++)
    lines += text[i] == '\n';
  if (!rc &&
      vb__grow((void **)&jp->line_starts, &cap, lines, sizeof *jp->line_starts))
    rc = VB_ENOMEM;
  if (!rc) {
    jp->line_starts[jp->line_count++] = 0;
    for (size_t i = 0; i < len; i++)
      if (text[i] == '\n')
        jp->line_starts[jp->line_count++] = (uint32_t)i + 1;
  }
  if (rc) {
    vb__jsonpos_free(jp);
    return rc;
  }
  /* cJSON allocates the nodes in the order it parses them, which is the
   * walk's, so on a fresh heap the entries are in address order already
   * and the sort (about 4% of starting with the shipped lexicons) can be
   * skipped: checked, not assumed. */
  for (size_t i = 1; i < jp->count; i++)
    if (by_node(&jp->entries[i - 1], &jp->entries[i]) > 0) {
      qsort(jp->entries, jp->count, sizeof *jp->entries, by_node);
      break;
    }
  return VB_OK;
}

void vb__jsonpos_free(vb__jsonpos *jp) {
  free(jp->entries);
  free(jp->line_starts);
  jp->entries = NULL;
  jp->line_starts = NULL;
  jp->count = jp->cap = jp->line_count = 0;
}

/* Line (binary search over line starts) and column (code points). */
static void line_col(const vb__jsonpos *cjp, size_t off, unsigned *line,
                     unsigned *column) {
  vb__jsonpos *jp = (vb__jsonpos *)cjp; /* only the lookup cache changes */
  size_t lo = 0, hi = jp->line_count;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (jp->line_starts[mid] <= off)
      lo = mid;
    else
      hi = mid;
  }
  unsigned c = 1;
  size_t i = jp->line_starts[lo];
  if (jp->last_line == lo + 1 && jp->last_off >= i && jp->last_off <= off) {
    i = jp->last_off; /* go on from the last lookup on this line */
    c = jp->last_column;
  }
  for (; i < off && i < jp->len; i++)
    c += ((unsigned char)jp->text[i] & 0xC0) != 0x80;
  jp->last_off = i;
  jp->last_line = lo + 1;
  jp->last_column = c;
  *line = (unsigned)lo + 1;
  *column = c;
}

static const vb__jsonpos_entry *find(const vb__jsonpos *jp, const cJSON *node) {
  vb__jsonpos_entry key = {node, 0, 0};
  return bsearch(&key, jp->entries, jp->count, sizeof key, by_node);
}

void vb__jsonpos_where(const vb__jsonpos *jp, const cJSON *node, bool key,
                       unsigned *line, unsigned *column) {
  const vb__jsonpos_entry *e = node ? find(jp, node) : NULL;
  size_t off = e ? (key ? e->key_off : e->val_off) : 0;
  line_col(jp, off, line, column);
}

static unsigned hex4(const char *s) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = s[i];
    v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return v;
}

void vb__jsonpos_where_in_string(const vb__jsonpos *jp, const cJSON *node,
                                 size_t decoded_off, unsigned *line,
                                 unsigned *column) {
  const vb__jsonpos_entry *e = node ? find(jp, node) : NULL;
  if (!e) {
    *line = *column = 0;
    return;
  }
  const char *t = jp->text;
  size_t p = e->val_off + 1, decoded = 0; /* past the opening quote */
  while (p < jp->len && t[p] != '"' && decoded < decoded_off) {
    if (t[p] != '\\') {
      p++;
      decoded++;
      continue;
    }
    if (p + 1 < jp->len && t[p + 1] == 'u' && p + 6 <= jp->len) {
      unsigned v = hex4(t + p + 2);
      if (v >= 0xD800 && v < 0xDC00) { /* surrogate pair: 12 chars */
        p += 12;
        decoded += 4;
      } else {
        p += 6;
        decoded += v < 0x80 ? 1 : v < 0x800 ? 2 : 3;
      }
    } else {
      p += 2;
      decoded++;
    }
  }
  line_col(jp, p, line, column);
}
