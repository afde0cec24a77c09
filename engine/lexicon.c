/*
 * lexicon.c - loads, validates and compiles lexicon documents (JSON) into
 * an immutable vb_lexicon.
 *
 * Every term goes through the same analyzer as comments (normalize ->
 * segment -> stem), so `delivery` is stored as the stem id of "deliveri"
 * and meets "Deliveries" in a comment.  A term becomes a sequence of items
 * (stem id, exact word id or prefix id) — a phrase — or two sequences with
 * a distance (NEAR), or a compiled PCRE2 pattern.  The compiled lexicon
 * then indexes every word term by the key of its first item, so the
 * matcher finds candidate terms by integer lookups whose cost does not
 * grow with the size of the lexicon.
 *
 * Invariants: after vb_lexicon_compile() returns VB_OK nothing in the
 * lexicon changes (threads share it without locks); themes are numbered
 * in document order, each parent before its children; every problem is an
 * error with file:line:column — nothing in a lexicon is silently skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "internal.h"

#define MAX_LEXICON_BYTES (64u * 1024u * 1024u)
#define MAX_TERM_BYTES 1000u
#define MAX_PHRASE_WORDS 16u
#define MAX_NEAR 50u

/* State while compiling: the lexicon being built and the document being
 * read (for positions). */
typedef struct builder {
  vb_lexicon *lex;
  vb__analyzer an;
  bool have_analyzer;
  bool window_set;
  const char *language_from, *fold_from; /* documents that set them */
  vb__strtab term_keys; /* "theme/kind/text" -> duplicate detection */
  const char *name;     /* current document */
  uint32_t source;
  const vb__jsonpos *pos; /* of the current document */
  vb_error *err;
  size_t item_cap, term_cap, theme_cap, example_cap, pattern_cap, gate_cap,
      anchor_cap, loose_anchor_cap, alt_cap;
} builder;

/* An error at a JSON node (its value, or its key when key is true). */
static int fail_at(builder *b, const cJSON *node, bool key, int code,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail_at(builder *b, const cJSON *node, bool key, int code,
                   const char *fmt, ...) {
  unsigned line = 0, column = 0;
  vb__jsonpos_where(b->pos, node, key, &line, &column);
  va_list ap;
  va_start(ap, fmt);
  vb__vfail(b->err, code, b->name, line, column, fmt, ap);
  va_end(ap);
  return code;
}

static int nomem(builder *b) {
  return vb__fail(b->err, VB_ENOMEM, b->name, 0, 0, "out of memory");
}

/* Checks that every key of `obj` is in `allowed` (NULL-terminated) and
 * appears once. */
static int check_keys(builder *b, const cJSON *obj, const char *what,
                      const char *const allowed[]) {
  for (const cJSON *c = obj->child; c; c = c->next) {
    bool ok = false;
    for (size_t i = 0; allowed[i] && !ok; i++)
      ok = strcmp(c->string, allowed[i]) == 0;
    if (!ok) {
      char list[256] = "";
      for (size_t i = 0; allowed[i]; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, allowed[i], sizeof list - strlen(list) - 1);
      }
      return fail_at(b, c, true, VB_ELEXICON,
                     "unknown key \"%s\" in %s (allowed: %s)", c->string, what,
                     list);
    }
    for (const cJSON *d = obj->child; d != c; d = d->next)
      if (strcmp(d->string, c->string) == 0)
        return fail_at(b, c, true, VB_ELEXICON, "duplicate key \"%s\" in %s",
                       c->string, what);
  }
  return VB_OK;
}

static int expect_type(builder *b, const cJSON *node, int (*is)(const cJSON *),
                       const char *type) {
  if (is(node))
    return VB_OK;
  return fail_at(b, node, false, VB_ELEXICON, "\"%s\" must be %s",
                 node->string ? node->string : "value", type);
}

static int is_string(const cJSON *n) { return cJSON_IsString(n); }
static int is_array(const cJSON *n) { return cJSON_IsArray(n); }
static int is_object(const cJSON *n) { return cJSON_IsObject(n); }
static int is_bool(const cJSON *n) { return cJSON_IsBool(n); }
static int is_number(const cJSON *n) { return cJSON_IsNumber(n); }

/* ---- terms ------------------------------------------------------------ */

static int add_item(builder *b, uint32_t kind, uint32_t id) {
  vb_lexicon *lex = b->lex;
  if (vb__grow((void **)&lex->items, &b->item_cap, lex->item_count + 1,
               sizeof *lex->items))
    return nomem(b);
  lex->items[lex->item_count++] = (vb__item){kind, id};
  return VB_OK;
}

/* Compiles the words [w, w + n) of a phrase (or NEAR side) into items. */
static int compile_side(builder *b, const cJSON *node, char **w, size_t n,
                        uint32_t *first, uint32_t *count) {
  vb_lexicon *lex = b->lex;
  *first = (uint32_t)lex->item_count;
  for (size_t k = 0; k < n; k++) {
    char *word = w[k];
    size_t len = strlen(word);
    bool exact = word[0] == '=';
    if (exact) {
      word++;
      len--;
    }
    bool prefix = len > 0 && word[len - 1] == '*';
    if (prefix)
      len--;
    if (len == 0)
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\": a lone '%s' is not a word",
                     node->valuestring, exact ? "=" : "*");
    if (exact && prefix)
      return fail_at(
          b, node, false, VB_ELEXICON,
          "term \"%s\": a word is either =exact or prefix*, not both",
          node->valuestring);
    int rc = vb__analyze(&b->an, word, len);
    if (rc == VB_ENOMEM)
      return nomem(b);
    if (rc)
      return fail_at(b, node, false, rc, "term \"%s\": %s", node->valuestring,
                     vb_strerror(rc));
    size_t tokens = b->an.seg.count;
    if (tokens == 0)
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\" can never match: \"%.*s\" contains no word "
                     "(only punctuation, symbols or emoji)",
                     node->valuestring, (int)len, word);
    for (size_t t = 0; t < tokens; t++) {
      size_t tlen;
      const char *tok = vb__token_text(&b->an, t, &tlen);
      uint32_t id = 0, kind;
      if (prefix && t + 1 == tokens) {
        kind = VB__ITEM_PREFIX;
        rc = vb__strtab_intern(&lex->prefixes, tok, tlen, &id);
      } else if (exact || prefix) {
        kind = VB__ITEM_EXACT;
        rc = vb__strtab_intern(&lex->exacts, tok, tlen, &id);
      } else {
        const char *stem;
        size_t slen;
        kind = VB__ITEM_STEM;
        rc = vb__stem(&b->an.stemmer, tok, tlen, &stem, &slen);
        if (!rc)
          rc = vb__strtab_intern(&lex->stems, stem, slen, &id);
      }
      if (rc || add_item(b, kind, id))
        return nomem(b);
    }
  }
  *count = (uint32_t)(lex->item_count - *first);
  if (*count > MAX_PHRASE_WORDS)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term \"%s\" has %u words; a phrase has at most %u",
                   node->valuestring, *count, MAX_PHRASE_WORDS);
  return VB_OK;
}

static int compile_pattern(builder *b, const cJSON *node, vb__term *term,
                           const char *pat, size_t len, size_t pat_off) {
  int errcode;
  PCRE2_SIZE erroff;
  term->re = pcre2_compile((PCRE2_SPTR)pat, len,
                           PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &errcode,
                           &erroff, NULL);
  if (!term->re) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(errcode, msg, sizeof msg);
    unsigned line, column;
    vb__jsonpos_where_in_string(b->pos, node, pat_off + erroff, &line, &column);
    return vb__fail(b->err, VB_EPATTERN, b->name, line, column,
                    "pattern %s: %s (at offset %zu of the pattern)",
                    node->valuestring, (const char *)msg, (size_t)erroff);
  }
  uint32_t minlength = 0;
  pcre2_pattern_info(term->re, PCRE2_INFO_MINLENGTH, &minlength);
  if (minlength == 0)
    return fail_at(b, node, false, VB_EPATTERN,
                   "pattern %s can match an empty string, so it would match "
                   "every comment",
                   node->valuestring);
  /* JIT is an optimization: where it is unavailable the interpreter runs. */
  pcre2_jit_compile(term->re, PCRE2_JIT_COMPLETE);
  return VB_OK;
}

/* Records the last term as a pattern, with its prefilter anchors. */
static int add_pattern(builder *b, const char *pat, size_t len) {
  vb_lexicon *lex = b->lex;
  size_t p = lex->pattern_count;
  if (vb__grow((void **)&lex->patterns, &b->pattern_cap, p + 1,
               sizeof *lex->patterns) ||
      vb__grow((void **)&lex->pattern_gates, &b->gate_cap, p + 1,
               sizeof *lex->pattern_gates))
    return nomem(b);
  lex->patterns[p] = (uint32_t)(lex->term_count - 1);
  lex->pattern_gates[p] = VB__GATE_NONE;
  lex->pattern_count++;
  vb__anchors *found = malloc(sizeof *found);
  if (!found)
    return nomem(b);
  if (vb__pattern_anchors(pat, len, found)) {
    if (vb__grow((void **)&lex->anchors, &b->anchor_cap,
                 lex->anchor_count + found->count, sizeof *lex->anchors) ||
        vb__grow((void **)&lex->loose_anchors, &b->loose_anchor_cap,
                 lex->loose_anchor_count + found->count,
                 sizeof *lex->loose_anchors)) {
      free(found);
      return nomem(b);
    }
    if (vb__grow((void **)&lex->alts, &b->alt_cap,
                 lex->alt_count + found->alt_count, sizeof *lex->alts)) {
      free(found);
      return nomem(b);
    }
    uint32_t first_alt = (uint32_t)lex->alt_count;
    for (size_t i = 0; i < found->alt_count; i++) {
      found->alts[i].pattern = (uint32_t)p;
      lex->alts[lex->alt_count++] = found->alts[i];
    }
    for (size_t i = 0; i < found->count; i++) {
      found->items[i].pattern = (uint32_t)p;
      found->items[i].alt += first_alt;
      if (found->items[i].anywhere)
        lex->loose_anchors[lex->loose_anchor_count++] = found->items[i];
      else
        lex->anchors[lex->anchor_count++] = found->items[i];
    }
    lex->pattern_gates[p] =
        found->digit ? VB__GATE_ANCHORS_ASCII : VB__GATE_ANCHORS;
  }
  free(found);
  return VB_OK;
}

/* Splits s at blanks into words (in place). */
static size_t split_words(char *s, char **words, size_t max) {
  size_t n = 0;
  for (char *p = strtok(s, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
    if (n == max)
      return max + 1;
    words[n++] = p;
  }
  return n;
}

static int parse_near(const char *w, uint32_t *dist) {
  if (strncmp(w, "NEAR/", 5) != 0)
    return 0;
  const char *d = w + 5;
  if (!*d)
    return -1;
  unsigned long v = 0;
  for (; *d; d++) {
    if (!isdigit((unsigned char)*d) || v > MAX_NEAR)
      return -1;
    v = v * 10 + (unsigned long)(*d - '0');
  }
  if (v < 1 || v > MAX_NEAR)
    return -1;
  *dist = (uint32_t)v;
  return 1;
}

static int compile_term(builder *b, const cJSON *node, uint32_t theme,
                        bool exclude) {
  vb_lexicon *lex = b->lex;
  if (!cJSON_IsString(node))
    return fail_at(b, node, false, VB_ELEXICON, "a term must be a string");
  const char *raw = node->valuestring;
  size_t lead = 0, len = strlen(raw);
  while (lead < len && isspace((unsigned char)raw[lead]))
    lead++;
  while (len > lead && isspace((unsigned char)raw[len - 1]))
    len--;
  len -= lead;
  if (len == 0)
    return fail_at(b, node, false, VB_ELEXICON, "empty term");
  if (len > MAX_TERM_BYTES)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term is %zu bytes long; the limit is %u", len,
                   MAX_TERM_BYTES);

  /* Duplicate terms within a theme are a mistake worth telling. */
  char key[MAX_TERM_BYTES + 32];
  int klen = snprintf(key, sizeof key, "%u/%d/%.*s", theme, exclude, (int)len,
                      raw + lead);
  uint32_t before = (uint32_t)b->term_keys.count, kid;
  if (vb__strtab_intern(&b->term_keys, key, (size_t)klen, &kid))
    return nomem(b);
  if (b->term_keys.count == before)
    return fail_at(b, node, false, VB_ELEXICON,
                   "duplicate term \"%.*s\" in theme \"%s\"", (int)len,
                   raw + lead, lex->themes[theme].id);

  if (vb__grow((void **)&lex->terms, &b->term_cap, lex->term_count + 1,
               sizeof *lex->terms))
    return nomem(b);
  vb__term *term = &lex->terms[lex->term_count];
  memset(term, 0, sizeof *term);
  term->theme = theme;
  term->exclude = exclude;
  term->source = b->source;
  vb__jsonpos_where(b->pos, node, false, &term->line, &term->column);
  term->text = vb__memdup(raw + lead, len);
  if (!term->text)
    return nomem(b);
  lex->term_count++; /* counted now so vb_lexicon_free frees it */

  if (raw[lead] == '/') {
    if (len < 2 || raw[lead + len - 1] != '/')
      return fail_at(b, node, false, VB_EPATTERN,
                     "pattern \"%s\" must end with '/'", raw);
    if (len == 2)
      return fail_at(b, node, false, VB_EPATTERN, "empty pattern");
    term->kind = VB__TERM_PATTERN;
    int rc = compile_pattern(b, node, term, raw + lead + 1, len - 2, lead + 1);
    if (rc)
      return rc;
    return add_pattern(b, raw + lead + 1, len - 2);
  }

  char copy[MAX_TERM_BYTES + 1];
  memcpy(copy, raw + lead, len);
  copy[len] = '\0';
  char *words[2 * MAX_PHRASE_WORDS + 2];
  size_t n = split_words(copy, words, 2 * MAX_PHRASE_WORDS + 1);
  if (n > 2 * MAX_PHRASE_WORDS + 1)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term \"%s\" has too many words (a phrase has at most %u)",
                   raw, MAX_PHRASE_WORDS);
  size_t near_at = n;
  for (size_t i = 0; i < n; i++) {
    uint32_t dist = 0;
    int r = parse_near(words[i], &dist);
    if (r < 0)
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\": \"%s\" must be NEAR/n with n from 1 to %u",
                     raw, words[i], MAX_NEAR);
    if (r > 0) {
      if (near_at != n)
        return fail_at(b, node, false, VB_ELEXICON,
                       "term \"%s\" has more than one NEAR", raw);
      near_at = i;
      term->near = dist;
    }
  }
  if (near_at == n) {
    term->kind = VB__TERM_WORDS;
    return compile_side(b, node, words, n, &term->a_first, &term->a_len);
  }
  if (near_at == 0 || near_at + 1 == n)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term \"%s\": NEAR needs words on both sides", raw);
  term->kind = VB__TERM_NEAR;
  int rc = compile_side(b, node, words, near_at, &term->a_first, &term->a_len);
  if (!rc)
    rc = compile_side(b, node, words + near_at + 1, n - near_at - 1,
                      &term->b_first, &term->b_len);
  return rc;
}

/* ---- themes ----------------------------------------------------------- */

static bool valid_id(const char *id) {
  if (!*id || *id == '.')
    return false;
  for (const char *p = id; *p; p++) {
    bool ok = isalnum((unsigned char)*p) || *p == '_' || *p == '-' ||
              (*p == '.' && p[1] && p[1] != '.');
    if (!ok)
      return false;
  }
  return true;
}

static int compile_examples(builder *b, const cJSON *ex, uint32_t theme) {
  static const char *const keys[] = {"match", "no_match", NULL};
  int rc = expect_type(b, ex, is_object,
                       "an object {\"match\": [...], "
                       "\"no_match\": [...]}");
  if (!rc)
    rc = check_keys(b, ex, "examples", keys);
  for (const cJSON *list = ex->child; list && !rc; list = list->next) {
    rc = expect_type(b, list, is_array, "an array of strings");
    for (const cJSON *e = list->child; e && !rc; e = e->next) {
      rc = expect_type(b, e, is_string, "a string");
      if (rc)
        break;
      vb_lexicon *lex = b->lex;
      if (vb__grow((void **)&lex->examples, &b->example_cap,
                   lex->example_count + 1, sizeof *lex->examples))
        return nomem(b);
      vb__example *x = &lex->examples[lex->example_count];
      x->theme = theme;
      x->must_match = strcmp(list->string, "match") == 0;
      x->source = b->source;
      vb__jsonpos_where(b->pos, e, false, &x->line, &x->column);
      x->text = vb__memdup(e->valuestring, strlen(e->valuestring));
      if (!x->text)
        return nomem(b);
      lex->example_count++;
    }
  }
  return rc;
}

static int compile_theme(builder *b, const cJSON *node, long parent) {
  static const char *const keys[] = {"id",       "label",   "description",
                                     "terms",    "exclude", "themes",
                                     "examples", NULL};
  vb_lexicon *lex = b->lex;
  int rc = expect_type(b, node, is_object, "an object");
  if (!rc)
    rc = check_keys(b, node, "a theme", keys);
  if (rc)
    return rc;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id");
  const cJSON *label = cJSON_GetObjectItemCaseSensitive(node, "label");
  const cJSON *desc = cJSON_GetObjectItemCaseSensitive(node, "description");
  const cJSON *terms = cJSON_GetObjectItemCaseSensitive(node, "terms");
  const cJSON *exclude = cJSON_GetObjectItemCaseSensitive(node, "exclude");
  const cJSON *children = cJSON_GetObjectItemCaseSensitive(node, "themes");
  const cJSON *examples = cJSON_GetObjectItemCaseSensitive(node, "examples");
  if (!id)
    return fail_at(b, node, false, VB_ELEXICON, "theme has no \"id\"");
  if ((rc = expect_type(b, id, is_string, "a string")))
    return rc;
  if (!valid_id(id->valuestring))
    return fail_at(b, id, false, VB_ELEXICON,
                   "theme id \"%s\" must be letters, digits, '_' and '-', "
                   "with '.' only between parts",
                   id->valuestring);
  if (parent >= 0) {
    const char *pid = lex->themes[parent].id;
    size_t plen = strlen(pid);
    if (strncmp(id->valuestring, pid, plen) != 0 ||
        id->valuestring[plen] != '.')
      return fail_at(b, id, false, VB_ELEXICON,
                     "child theme id \"%s\" must start with its parent's id "
                     "and a dot (\"%s.\")",
                     id->valuestring, pid);
  }
  if (!label)
    return fail_at(b, node, false, VB_ELEXICON, "theme \"%s\" has no \"label\"",
                   id->valuestring);
  if ((rc = expect_type(b, label, is_string, "a string")))
    return rc;
  if (!label->valuestring[0])
    return fail_at(b, label, false, VB_ELEXICON, "empty label");
  if (desc && (rc = expect_type(b, desc, is_string, "a string")))
    return rc;
  if (terms && (rc = expect_type(b, terms, is_array, "an array of terms")))
    return rc;
  if (exclude && (rc = expect_type(b, exclude, is_array, "an array of terms")))
    return rc;
  if (children &&
      (rc = expect_type(b, children, is_array, "an array of themes")))
    return rc;
  if (cJSON_GetArraySize(terms) == 0 && cJSON_GetArraySize(children) == 0)
    return fail_at(b, terms ? terms : node, false, VB_ELEXICON,
                   "theme \"%s\" has no terms and no child themes, so it can "
                   "never match",
                   id->valuestring);

  uint32_t before = (uint32_t)lex->theme_ids.count, tid;
  if (vb__strtab_intern(&lex->theme_ids, id->valuestring,
                        strlen(id->valuestring), &tid))
    return nomem(b);
  if (lex->theme_ids.count == before) {
    const vb__theme *first = &lex->themes[tid - 1];
    return fail_at(b, id, false, VB_ELEXICON,
                   "duplicate theme id \"%s\" (first defined at %s:%u:%u)",
                   id->valuestring, lex->sources[first->source], first->line,
                   first->column);
  }
  if (vb__grow((void **)&lex->themes, &b->theme_cap, lex->theme_count + 1,
               sizeof *lex->themes))
    return nomem(b);
  uint32_t self = (uint32_t)lex->theme_count; /* == tid - 1 */
  vb__theme *th = &lex->themes[self];
  memset(th, 0, sizeof *th);
  th->parent = parent;
  th->source = b->source;
  vb__jsonpos_where(b->pos, id, false, &th->line, &th->column);
  th->id = vb__memdup(id->valuestring, strlen(id->valuestring));
  th->label = vb__memdup(label->valuestring, strlen(label->valuestring));
  lex->theme_count++;
  if (!th->id || !th->label)
    return nomem(b);

  for (const cJSON *t = terms ? terms->child : NULL; t && !rc; t = t->next)
    rc = compile_term(b, t, self, false);
  for (const cJSON *t = exclude ? exclude->child : NULL; t && !rc; t = t->next)
    rc = compile_term(b, t, self, true);
  if (!rc && examples)
    rc = compile_examples(b, examples, self);
  for (const cJSON *c = children ? children->child : NULL; c && !rc;
       c = c->next)
    rc = compile_theme(b, c, (long)self);
  return rc;
}

/* ---- documents -------------------------------------------------------- */

static int compile_negators(builder *b, const cJSON *list) {
  int rc = expect_type(b, list, is_array, "an array of words");
  for (const cJSON *n = list->child; n && !rc; n = n->next) {
    if ((rc = expect_type(b, n, is_string, "a string")))
      break;
    rc = vb__analyze(&b->an, n->valuestring, strlen(n->valuestring));
    if (rc)
      return rc == VB_ENOMEM ? nomem(b)
                             : fail_at(b, n, false, rc, "%s", vb_strerror(rc));
    if (b->an.seg.count != 1)
      return fail_at(b, n, false, VB_ELEXICON,
                     "negator \"%s\" must be exactly one word (it is %zu)",
                     n->valuestring, b->an.seg.count);
    size_t len;
    const char *w = vb__token_text(&b->an, 0, &len);
    uint32_t id;
    if (vb__strtab_intern(&b->lex->negators, w, len, &id))
      return nomem(b);
  }
  return rc;
}

/* A lexicon document, parsed and located, before it is compiled. */
typedef struct document {
  cJSON *root;
  vb__jsonpos pos;
} document;

/* Parses a document and checks its top level; records its language and
 * fold_accents.  A document that omits a setting takes the others' value;
 * explicit values must agree. */
static int parse_document(builder *b, const char *text, size_t len,
                          document *doc) {
  static const char *const keys[] = {
      "name",     "description",     "version", "language", "fold_accents",
      "negators", "negation_window", "themes",  NULL};
  vb_lexicon *lex = b->lex;
  if (len > MAX_LEXICON_BYTES)
    return vb__fail(b->err, VB_ETOOBIG, b->name, 0, 0,
                    "lexicon is %zu bytes; the limit is %u", len,
                    MAX_LEXICON_BYTES);
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
  if (!root) {
    /* cJSON reports a failed allocation as a parse error.  A second parse
     * tells a passing allocation failure from a real syntax error (which
     * stops at the same place again). */
    const char *first_end = end;
    root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root && end != first_end)
      return nomem(b);
  }
  if (root && end) { /* trailing text after the value */
    size_t p = (size_t)(end - text);
    while (p < len && isspace((unsigned char)text[p]))
      p++;
    if (p < len) {
      cJSON_Delete(root);
      root = NULL;
      end = text + p;
    }
  }
  if (!root) {
    unsigned line, column;
    size_t off = end ? (size_t)(end - text) : 0;
    vb__line_col(text, len, off, &line, &column);
    return vb__fail(b->err, VB_EJSON, b->name, line, column,
                    len == 0 ? "empty file: expected a JSON object"
                             : "malformed JSON: parsing stopped here");
  }
  doc->root = root;
  if (vb__jsonpos_build(&doc->pos, text, len, root))
    return nomem(b);
  b->pos = &doc->pos;
  int rc = expect_type(b, root, is_object, "a JSON object");
  if (!rc)
    rc = check_keys(b, root, "the lexicon", keys);
  static const char *const strings[] = {"name", "description", "version",
                                        "language", NULL};
  for (size_t i = 0; !rc && strings[i]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, strings[i]);
    if (v)
      rc = expect_type(b, v, is_string, "a string");
  }
  const cJSON *lang = cJSON_GetObjectItemCaseSensitive(root, "language");
  const cJSON *fold = cJSON_GetObjectItemCaseSensitive(root, "fold_accents");
  if (!rc && fold)
    rc = expect_type(b, fold, is_bool, "true or false");
  if (!rc && lang && !vb__language_known(lang->valuestring))
    rc = fail_at(b, lang, false, VB_ELANGUAGE,
                 "unknown language \"%s\" (use a Snowball language name or "
                 "code such as en, fr, de, es, it, pt, nl, or \"none\")",
                 lang->valuestring);
  if (!rc && lang) {
    if (lex->language && strcmp(lex->language, lang->valuestring) != 0)
      return fail_at(b, lang, false, VB_ELEXICON,
                     "language \"%s\" differs from \"%s\" set by %s: "
                     "lexicons loaded together must agree",
                     lang->valuestring, lex->language, b->language_from);
    if (!lex->language) {
      lex->language = vb__memdup(lang->valuestring, strlen(lang->valuestring));
      if (!lex->language)
        return nomem(b);
      b->language_from = b->name;
    }
  }
  if (!rc && fold) {
    bool v = cJSON_IsTrue(fold);
    if (b->fold_from && v != lex->fold_accents)
      return fail_at(b, fold, false, VB_ELEXICON,
                     "fold_accents %s differs from %s set by %s: lexicons "
                     "loaded together must agree",
                     v ? "true" : "false", v ? "false" : "true", b->fold_from);
    lex->fold_accents = v;
    b->fold_from = b->name;
  }
  return rc;
}

/* Compiles a parsed document: negation settings and themes. */
static int compile_document(builder *b, document *doc) {
  vb_lexicon *lex = b->lex;
  const cJSON *root = doc->root;
  b->pos = &doc->pos;
  const cJSON *window =
      cJSON_GetObjectItemCaseSensitive(root, "negation_window");
  const cJSON *themes = cJSON_GetObjectItemCaseSensitive(root, "themes");
  const cJSON *negators = cJSON_GetObjectItemCaseSensitive(root, "negators");
  int rc = VB_OK;
  if (window) {
    rc = expect_type(b, window, is_number, "a number");
    double v = window->valuedouble;
    if (!rc && (v != (double)(int)v || v < 1 || v > 20))
      rc = fail_at(b, window, false, VB_ELEXICON,
                   "negation_window must be a whole number from 1 to 20");
    if (!rc && b->window_set && (uint32_t)v != lex->negation_window)
      rc = fail_at(b, window, false, VB_ELEXICON,
                   "negation_window %d differs from %u set by an earlier "
                   "lexicon",
                   (int)v, lex->negation_window);
    if (!rc) {
      lex->negation_window = (uint32_t)v;
      b->window_set = true;
    }
  }
  if (!rc && negators)
    rc = compile_negators(b, negators);
  if (!rc && !themes)
    rc = fail_at(b, root, false, VB_ELEXICON, "lexicon has no \"themes\"");
  if (!rc)
    rc = expect_type(b, themes, is_array, "an array of themes");
  if (!rc && cJSON_GetArraySize(themes) == 0)
    rc = fail_at(b, themes, false, VB_ELEXICON, "\"themes\" is empty");
  for (const cJSON *t = themes ? themes->child : NULL; t && !rc; t = t->next)
    rc = compile_theme(b, t, -1);
  return rc;
}

/* ---- indices ---------------------------------------------------------- */

static int build_index(vb_lexicon *lex, uint32_t kind, size_t keys,
                       vb__index *ix) {
  ix->start = calloc(keys + 2, sizeof *ix->start);
  if (!ix->start)
    return VB_ENOMEM;
  size_t total = 0;
  for (size_t t = 0; t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    if (term->kind == VB__TERM_PATTERN)
      continue;
    const vb__item *first = &lex->items[term->a_first];
    if (first->kind == kind) {
      ix->start[first->id + 1]++;
      total++;
    }
  }
  for (size_t k = 1; k < keys + 2; k++)
    ix->start[k] += ix->start[k - 1];
  ix->terms = malloc((total ? total : 1) * sizeof *ix->terms);
  uint32_t *fill = calloc(keys + 1, sizeof *fill);
  if (!ix->terms || !fill) {
    free(fill);
    return VB_ENOMEM;
  }
  for (size_t t = 0; t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    if (term->kind == VB__TERM_PATTERN)
      continue;
    const vb__item *first = &lex->items[term->a_first];
    if (first->kind == kind)
      ix->terms[ix->start[first->id] + fill[first->id]++] = (uint32_t)t;
  }
  free(fill);
  return VB_OK;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static int build_indices(vb_lexicon *lex) {
  if (build_index(lex, VB__ITEM_STEM, lex->stems.count, &lex->by_stem) ||
      build_index(lex, VB__ITEM_EXACT, lex->exacts.count, &lex->by_exact) ||
      build_index(lex, VB__ITEM_PREFIX, lex->prefixes.count, &lex->by_prefix))
    return VB_ENOMEM;
  size_t n = lex->prefixes.count;
  lex->prefix_lengths = malloc((n ? n : 1) * sizeof *lex->prefix_lengths);
  if (!lex->prefix_lengths)
    return VB_ENOMEM;
  for (uint32_t id = 1; id <= n; id++)
    lex->prefix_lengths[id - 1] = lex->prefixes.lengths[id];
  qsort(lex->prefix_lengths, n, sizeof *lex->prefix_lengths, cmp_u32);
  size_t distinct = 0;
  for (size_t i = 0; i < n; i++)
    if (distinct == 0 ||
        lex->prefix_lengths[distinct - 1] != lex->prefix_lengths[i])
      lex->prefix_lengths[distinct++] = lex->prefix_lengths[i];
  lex->prefix_length_count = distinct;
  return VB_OK;
}

/* ---- public ----------------------------------------------------------- */

int vb_lexicon_compile(size_t count, const char *const names[],
                       const char *const texts[], const size_t lens[],
                       vb_lexicon **out, vb_error *err) {
  vb__error_clear(err);
  if (!out)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "out is NULL");
  *out = NULL;
  if (count == 0 || !names || !texts || !lens)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no lexicon given");
  builder b;
  memset(&b, 0, sizeof b);
  b.err = err;
  vb_lexicon *lex = b.lex = calloc(1, sizeof *lex);
  if (!lex)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  lex->negation_window = 3;
  lex->sources = calloc(count, sizeof *lex->sources);
  document *docs = calloc(count, sizeof *docs);
  int rc = lex->sources && docs ? VB_OK : VB_ENOMEM;
  /* 1. parse every document and settle the shared settings */
  for (size_t i = 0; i < count && !rc; i++) {
    lex->sources[i] = vb__memdup(names[i], strlen(names[i]));
    lex->source_count = i + 1;
    if (!lex->sources[i]) {
      rc = VB_ENOMEM;
      break;
    }
    b.name = lex->sources[i];
    b.source = (uint32_t)i;
    rc = parse_document(&b, texts[i], lens[i], &docs[i]);
  }
  /* 2. one analyzer for all: terms of every document take the same path */
  if (!rc && !lex->language && !(lex->language = vb__memdup("en", 2)))
    rc = VB_ENOMEM;
  if (!rc) {
    rc = vb__analyzer_init(&b.an, lex->language, lex->fold_accents);
    if (rc)
      rc = vb__fail(err, rc, lex->sources[0], 0, 0,
                    "cannot create the analyzer: %s", vb_strerror(rc));
    else
      b.have_analyzer = true;
  }
  /* 3. compile */
  for (size_t i = 0; i < count && !rc; i++) {
    b.name = lex->sources[i];
    b.source = (uint32_t)i;
    rc = compile_document(&b, &docs[i]);
  }
  for (size_t i = 0; docs && i < count; i++) {
    cJSON_Delete(docs[i].root);
    vb__jsonpos_free(&docs[i].pos);
  }
  free(docs);
  if (!rc && build_indices(lex))
    rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (rc == VB_ENOMEM && err && !err->message[0])
    vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (b.have_analyzer)
    vb__analyzer_free(&b.an);
  vb__strtab_free(&b.term_keys);
  if (rc) {
    vb_lexicon_free(lex);
    return rc;
  }
  *out = lex;
  return VB_OK;
}

static int read_file(const char *path, char **text, size_t *len,
                     vb_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return vb__fail(err, VB_EIO, path, 0, 0, "cannot open lexicon: %s",
                    strerror(errno));
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (vb__grow((void **)&buf, &cap, n + 65536, 1)) {
      free(buf);
      fclose(f);
      return vb__fail(err, VB_ENOMEM, path, 0, 0, "out of memory");
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n > MAX_LEXICON_BYTES) {
      free(buf);
      fclose(f);
      return vb__fail(err, VB_ETOOBIG, path, 0, 0,
                      "lexicon is larger than %u bytes", MAX_LEXICON_BYTES);
    }
    if (got == 0)
      break;
  }
  int failed = ferror(f);
  fclose(f);
  if (failed) {
    free(buf);
    return vb__fail(err, VB_EIO, path, 0, 0, "cannot read lexicon");
  }
  *text = buf;
  *len = n;
  return VB_OK;
}

int vb_lexicon_load_files(size_t count, const char *const paths[],
                          vb_lexicon **out, vb_error *err) {
  vb__error_clear(err);
  if (!out)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "out is NULL");
  *out = NULL;
  char **texts = calloc(count ? count : 1, sizeof *texts);
  size_t *lens = calloc(count ? count : 1, sizeof *lens);
  int rc = texts && lens
               ? VB_OK
               : vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; i < count && !rc; i++)
    rc = read_file(paths[i], &texts[i], &lens[i], err);
  if (!rc)
    rc = vb_lexicon_compile(count, paths, (const char *const *)texts, lens, out,
                            err);
  for (size_t i = 0; texts && i < count; i++)
    free(texts[i]);
  free(texts);
  free(lens);
  return rc;
}

void vb_lexicon_free(vb_lexicon *lex) {
  if (!lex)
    return;
  for (size_t i = 0; i < lex->source_count; i++)
    free(lex->sources[i]);
  free(lex->sources);
  for (size_t i = 0; i < lex->theme_count; i++) {
    free(lex->themes[i].id);
    free(lex->themes[i].label);
  }
  free(lex->themes);
  for (size_t i = 0; i < lex->term_count; i++) {
    free(lex->terms[i].text);
    pcre2_code_free(lex->terms[i].re);
  }
  free(lex->terms);
  free(lex->items);
  for (size_t i = 0; i < lex->example_count; i++)
    free(lex->examples[i].text);
  free(lex->examples);
  vb__strtab_free(&lex->stems);
  vb__strtab_free(&lex->exacts);
  vb__strtab_free(&lex->prefixes);
  vb__strtab_free(&lex->negators);
  vb__strtab_free(&lex->theme_ids);
  vb__index *ix[] = {&lex->by_stem, &lex->by_exact, &lex->by_prefix};
  for (size_t i = 0; i < 3; i++) {
    free(ix[i]->start);
    free(ix[i]->terms);
  }
  free(lex->prefix_lengths);
  free(lex->patterns);
  free(lex->pattern_gates);
  free(lex->anchors);
  free(lex->loose_anchors);
  free(lex->alts);
  free(lex->language);
  free(lex);
}

bool vb__theme_covers(const vb_lexicon *lex, size_t a, size_t t) {
  for (long x = (long)t; x >= 0; x = lex->themes[x].parent)
    if ((size_t)x == a)
      return true;
  return false;
}

const char *vb_lexicon_language(const vb_lexicon *lex) { return lex->language; }
size_t vb_lexicon_theme_count(const vb_lexicon *lex) {
  return lex->theme_count;
}
const char *vb_lexicon_theme_id(const vb_lexicon *lex, size_t theme) {
  return theme < lex->theme_count ? lex->themes[theme].id : NULL;
}
const char *vb_lexicon_theme_label(const vb_lexicon *lex, size_t theme) {
  return theme < lex->theme_count ? lex->themes[theme].label : NULL;
}
long vb_lexicon_theme_parent(const vb_lexicon *lex, size_t theme) {
  return theme < lex->theme_count ? lex->themes[theme].parent : -1;
}
long vb_lexicon_theme_find(const vb_lexicon *lex, const char *id) {
  uint32_t t = vb__strtab_find(&lex->theme_ids, id, strlen(id));
  return t ? (long)t - 1 : -1;
}
size_t vb_lexicon_term_count(const vb_lexicon *lex) { return lex->term_count; }
const char *vb_lexicon_term_text(const vb_lexicon *lex, size_t term) {
  return term < lex->term_count ? lex->terms[term].text : NULL;
}
size_t vb_lexicon_term_theme(const vb_lexicon *lex, size_t term) {
  return term < lex->term_count ? lex->terms[term].theme : 0;
}
int vb_lexicon_term_is_exclude(const vb_lexicon *lex, size_t term) {
  return term < lex->term_count && lex->terms[term].exclude;
}
void vb_lexicon_term_location(const vb_lexicon *lex, size_t term,
                              const char **file, unsigned *line,
                              unsigned *column) {
  const vb__term *t = term < lex->term_count ? &lex->terms[term] : NULL;
  if (file)
    *file = t ? lex->sources[t->source] : "";
  if (line)
    *line = t ? t->line : 0;
  if (column)
    *column = t ? t->column : 0;
}
size_t vb_lexicon_example_count(const vb_lexicon *lex) {
  return lex->example_count;
}
int vb_lexicon_example(const vb_lexicon *lex, size_t index, size_t *theme,
                       const char **text, int *must_match, const char **file,
                       unsigned *line, unsigned *column) {
  if (index >= lex->example_count)
    return VB_ERANGE;
  const vb__example *x = &lex->examples[index];
  if (theme)
    *theme = x->theme;
  if (text)
    *text = x->text;
  if (must_match)
    *must_match = x->must_match;
  if (file)
    *file = lex->sources[x->source];
  if (line)
    *line = x->line;
  if (column)
    *column = x->column;
  return VB_OK;
}
