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

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "internal.h"

#define MAX_LEXICON_BYTES (64u * 1024u * 1024u)
#define MAX_TERM_BYTES 1000u
#define MAX_PHRASE_WORDS 16u
#define MAX_NEAR 50u
#define MAX_GAP 5u
#define MAX_NEAR_SIDES 8u
#define NO_OFFSET ((size_t)-1)
/* The language whose theme labels a report shows. */
#define VB__DISPLAY_LANGUAGE "en"

/* State while compiling: the lexicon being built and the document being
 * read (for positions). */
typedef struct builder {
  vb_lexicon *lex;
  vb__analyzer an;
  bool have_analyzer;
  bool window_set;
  const char *fold_from; /* the document that set fold_accents */
  uint8_t *claimed; /* several languages: per preset theme, 1 once defined */
  bool unspaced;    /* the language is written without spaces (zh, ja) */
  vb__strtab term_keys; /* theme, kind, text -> duplicate detection */
  /* the stems of words already stemmed in this language: word id in
   * stemmed_words -> stem id in lex->stems (terms share many words) */
  vb__strtab stemmed_words;
  uint32_t *stem_of;
  size_t stem_of_cap;
  const char *name; /* current document */
  uint32_t source;
  const vb__jsonpos *pos; /* of the current document */
  vb_error *err;
  size_t offset; /* of the next error in a term's text, or NO_OFFSET */
  size_t item_cap, term_cap, theme_cap, example_cap, pattern_cap, gate_cap,
      open_pattern_cap, anchor_cap, loose_anchor_cap, alt_cap, set_cap,
      member_cap, link_cap, req_cap;
} builder;

/* An error at a JSON node: its key (key is true), its value, or byte
 * `off` of its string value (off != NO_OFFSET). */
static int vfail_node(builder *b, const cJSON *node, bool key, size_t off,
                      int code, const char *fmt, va_list ap) {
  unsigned line = 0, column = 0;
  if (off == NO_OFFSET)
    vb__jsonpos_where(b->pos, node, key, &line, &column);
  else
    vb__jsonpos_where_in_string(b->pos, node, off, &line, &column);
  vb__vfail(b->err, code, b->name, line, column, fmt, ap);
  return code;
}

static int fail_at(builder *b, const cJSON *node, bool key, int code,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail_at(builder *b, const cJSON *node, bool key, int code,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail_node(b, node, key, b->offset, code, fmt, ap);
  va_end(ap);
  b->offset = NO_OFFSET;
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

static int add_item(builder *b, uint32_t kind, uint32_t id, uint32_t gap) {
  vb_lexicon *lex = b->lex;
  if (vb__grow((void **)&lex->items, &b->item_cap, lex->item_count + 1,
               sizeof *lex->items))
    return nomem(b);
  lex->items[lex->item_count++] = (vb__item){id, (uint8_t)kind, (uint8_t)gap};
  return VB_OK;
}

/* An error at byte `off` of a term's text (a string node). */
#define fail_in_term(b, node, off, ...)                                        \
  ((b)->offset = (off), fail_at((b), (node), false, __VA_ARGS__))

/* The id of set `@name` (word points at the '@'), or an error at its
 * place in the term. */
static int set_ref(builder *b, const cJSON *node, const char *word, size_t off,
                   uint32_t *id) {
  const char *name = word + 1;
  *id = vb__strtab_find(&b->lex->set_names, name, strlen(name));
  if (*id)
    return VB_OK;
  if (!*name)
    return fail_in_term(b, node, off, VB_ELEXICON,
                        "term \"%s\": a lone '@' is not a set name",
                        node->valuestring);
  return fail_in_term(b, node, off, VB_ELEXICON,
                      "term \"%s\": set \"@%s\" is not defined (define it "
                      "under \"sets\" in a lexicon loaded with this one)",
                      node->valuestring, name);
}

/* The N of a `~N` gap word, or 0 when it is not one from 1 to MAX_GAP. */
static uint32_t gap_words(const char *w) {
  if (w[0] != '~' || w[1] < '1' || w[1] > '0' + (int)MAX_GAP || w[2])
    return 0;
  return (uint32_t)(w[1] - '0');
}

/* The id in lex->stems of a word's stem, each distinct word stemmed once. */
static int stem_id(builder *b, const char *word, size_t len, uint32_t *id) {
  uint32_t before = (uint32_t)b->stemmed_words.count, wid;
  int rc = vb__strtab_intern(&b->stemmed_words, word, len, &wid);
  if (rc || b->stemmed_words.count == before) {
    if (!rc)
      *id = b->stem_of[wid];
    return rc;
  }
  const char *stem;
  size_t slen;
  if ((rc = vb__stem(&b->an.stemmer, word, len, &stem, &slen)) ||
      (rc = vb__strtab_intern(&b->lex->stems, stem, slen, id)))
    return rc;
  if (vb__grow((void **)&b->stem_of, &b->stem_of_cap, wid + 1,
               sizeof *b->stem_of))
    return VB_ENOMEM;
  b->stem_of[wid] = *id;
  return VB_OK;
}

/* Compiles one word of a term into items (a word the segmenter splits,
 * "wi-fi", becomes several); `gap` applies to its first item. */
static int compile_word(builder *b, const cJSON *node, char *word, size_t off,
                        uint32_t gap) {
  vb_lexicon *lex = b->lex;
  size_t len = strlen(word);
  if (word[0] == '@') {
    uint32_t id;
    int rc = set_ref(b, node, word, off, &id);
    return rc ? rc : add_item(b, VB__ITEM_SET, id, gap);
  }
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
                   "term \"%s\": a lone '%s' is not a word", node->valuestring,
                   exact ? "=" : "*");
  if (exact && prefix)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term \"%s\": a word is either =exact or prefix*, not both",
                   node->valuestring);
  int rc = vb__analyze(&b->an, word, len);
  if (rc == VB_ENOMEM)
    return nomem(b);
  if (rc)
    return fail_at(b, node, false, rc, "term \"%s\": %s", node->valuestring,
                   vb_strerror(rc));
  size_t words = b->an.word_count;
  if (words == 0)
    return fail_at(b, node, false, VB_ELEXICON,
                   "term \"%s\" can never match: \"%.*s\" contains no word "
                   "(only punctuation, symbols or emoji)",
                   node->valuestring, (int)len, word);
  for (size_t t = 0; t < words; t++) {
    const vb__word *w = &b->an.words[t];
    uint32_t id = 0, kind;
    if (prefix && t + 1 == words) {
      kind = VB__ITEM_PREFIX;
      rc = vb__strtab_intern(&lex->prefixes, w->text, w->len, &id);
    } else if (exact || prefix) {
      kind = VB__ITEM_EXACT;
      rc = vb__strtab_intern(&lex->exacts, w->text, w->len, &id);
    } else {
      kind = VB__ITEM_STEM;
      rc = stem_id(b, w->text, w->len, &id);
    }
    if (rc || add_item(b, kind, id, t == 0 ? gap : 0))
      return nomem(b);
    if (lex->typos && vb__typos_add_target(&lex->typo, w->text, w->len))
      return nomem(b);
  }
  return VB_OK;
}

/* Compiles the words [w, w + n) of a phrase (or NEAR side) into items;
 * w[k] starts at byte w[k] - base + lead of the term. */
static int compile_side(builder *b, const cJSON *node, char **w, size_t n,
                        const char *base, size_t lead, uint32_t *first,
                        uint32_t *count) {
  vb_lexicon *lex = b->lex;
  *first = (uint32_t)lex->item_count;
  uint32_t gap = 0;
  for (size_t k = 0; k < n; k++) {
    size_t off = (size_t)(w[k] - base) + lead;
    if (w[k][0] == '~') {
      uint32_t g = gap_words(w[k]);
      if (!g)
        return fail_in_term(b, node, off, VB_ELEXICON,
                            "term \"%s\": \"%s\" must be ~n with n from 1 "
                            "to %u",
                            node->valuestring, w[k], MAX_GAP);
      if (k == 0 || k + 1 == n || gap)
        return fail_in_term(b, node, off, VB_ELEXICON,
                            "term \"%s\": a gap \"%s\" must stand between "
                            "two words",
                            node->valuestring, w[k]);
      gap = g;
      continue;
    }
    int rc = compile_word(b, node, w[k], off, gap);
    if (rc)
      return rc;
    gap = 0;
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
  /* an exclude pattern runs with an offset limit (match.c) */
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
                     (term->exclude ? PCRE2_USE_OFFSET_LIMIT : 0);
  term->re =
      pcre2_compile((PCRE2_SPTR)pat, len, options, &errcode, &erroff, NULL);
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

/* True when every match of the pattern begins where one of its anchors
 * is: it is gated by its anchors alone (no \d), and each loose anchor is
 * a literal that can be searched for. */
static bool anchors_list_starts(const vb__anchors *found) {
  if (found->digit)
    return false;
  for (size_t i = 0; i < found->count; i++)
    if (found->items[i].anywhere &&
        (found->items[i].required_only || found->items[i].len == 0))
      return false;
  return true;
}

/* Compiles the term's pattern again, anchored at the start offset, so
 * that match.c tries it only where its anchors are (re_at stays NULL on
 * failure: then the pattern is scanned, as the others are). */
static void compile_anchored(vb__term *term, const char *pat, size_t len) {
  uint32_t options = 0;
  int errcode;
  PCRE2_SIZE erroff;
  pcre2_pattern_info(term->re, PCRE2_INFO_ARGOPTIONS, &options);
  term->re_at = pcre2_compile((PCRE2_SPTR)pat, len, options | PCRE2_ANCHORED,
                              &errcode, &erroff, NULL);
  if (term->re_at)
    pcre2_jit_compile(term->re_at, PCRE2_JIT_COMPLETE);
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
    if (anchors_list_starts(found))
      compile_anchored(&lex->terms[lex->patterns[p]], pat, len);
  }
  free(found);
  if (lex->pattern_gates[p] != VB__GATE_ANCHORS) {
    if (vb__grow((void **)&lex->open_patterns, &b->open_pattern_cap,
                 lex->open_pattern_count + 1, sizeof *lex->open_patterns))
      return nomem(b);
    lex->open_patterns[lex->open_pattern_count++] = (uint32_t)p;
  }
  return VB_OK;
}

/* Splits s at blanks into words (in place). */
static size_t split_words(char *s, char **words, size_t max) {
  size_t n = 0;
  char *save = NULL;
  for (char *p = strtok_r(s, " \t\r\n", &save); p;
       p = strtok_r(NULL, " \t\r\n", &save)) {
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

static int compile_with(builder *b, const cJSON *node, vb__term *term,
                        char **words, size_t *n, const char *base, size_t lead);
static int compile_sides(builder *b, const cJSON *node, vb__term *term,
                         char **words, size_t n, const char *base, size_t lead);

/* 1 when the UTF-8 text holds a letter of a script written without spaces
 * between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar,
 * Tibetan). */
static bool has_unspaced_script(const char *s, size_t len) {
  int32_t n = len > INT32_MAX ? INT32_MAX : (int32_t)len; /* ICU's indices */
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, n, c);
    if (c < 0x0E00)
      continue;
    UScriptCode sc;
    UErrorCode st = U_ZERO_ERROR;
    sc = uscript_getScript(c, &st);
    if (U_SUCCESS(st) &&
        (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
         sc == USCRIPT_KATAKANA || sc == USCRIPT_THAI || sc == USCRIPT_LAO ||
         sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR || sc == USCRIPT_TIBETAN))
      return true;
  }
  return false;
}

/* A plain term (no =, *, @, /, NEAR, WITH) in the script of a language
 * written without spaces: ICU may segment it one way alone and another
 * way inside a sentence, so it matches as its normalized characters,
 * wherever they start and end at word boundaries of the comment (a
 * literal pattern with term->aligned).  False when it is not such a term. */
static bool unspaced_term(const builder *b, const char *s, size_t len) {
  if (!b->unspaced || memchr(s, '=', len) || memchr(s, '*', len) ||
      memchr(s, '@', len) || memchr(s, '/', len))
    return false;
  for (size_t i = 0; i + 4 <= len; i++)
    if (memcmp(s + i, "NEAR", 4) == 0 || memcmp(s + i, "WITH", 4) == 0)
      return false;
  return has_unspaced_script(s, len);
}

static int compile_aligned(builder *b, const cJSON *node, vb__term *term,
                           const char *s, size_t len) {
  int rc = vb__normalize(&b->an.norm, s, len);
  if (rc)
    return rc == VB_ENOMEM ? nomem(b)
                           : fail_at(b, node, false, rc, "%s", vb_strerror(rc));
  const char *n = b->an.norm.out;
  size_t nlen = b->an.norm.out_len, k = 0;
  char *pat = malloc(2 * nlen + 1);
  if (!pat)
    return nomem(b);
  for (size_t i = 0; i < nlen; i++) { /* a literal: escape what PCRE2 reads */
    if (strchr("\\^$.|?*+()[]{}#", n[i]) && n[i])
      pat[k++] = '\\';
    pat[k++] = n[i];
  }
  term->kind = VB__TERM_PATTERN;
  term->aligned = true;
  rc = compile_pattern(b, node, term, pat, k, 0);
  if (!rc)
    rc = add_pattern(b, pat, k);
  free(pat);
  return rc;
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
  char key[sizeof theme + 1 + MAX_TERM_BYTES];
  memcpy(key, &theme, sizeof theme);
  key[sizeof theme] = (char)exclude;
  memcpy(key + sizeof theme + 1, raw + lead, len);
  uint32_t before = (uint32_t)b->term_keys.count, kid;
  if (vb__strtab_intern(&b->term_keys, key, sizeof theme + 1 + len, &kid))
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

  if (unspaced_term(b, raw + lead, len))
    return compile_aligned(b, node, term, raw + lead, len);
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
  int rc = compile_with(b, node, term, words, &n, copy, lead);
  if (rc)
    return rc;
  return compile_sides(b, node, term, words, n, copy, lead);
}

/* A trailing `WITH @set`: the term counts only in comments holding a
 * member of the set.  Takes the two words off the end of the term. */
static int compile_with(builder *b, const cJSON *node, vb__term *term,
                        char **words, size_t *n, const char *base,
                        size_t lead) {
  for (size_t i = 0; i < *n; i++) {
    if (strcmp(words[i], "WITH") != 0)
      continue;
    size_t off = (size_t)(words[i] - base) + lead;
    if (i + 2 != *n || words[i + 1][0] != '@' || i == 0)
      return fail_in_term(b, node, off, VB_ELEXICON,
                          "term \"%s\": WITH must stand between the term and "
                          "one @set at its end (\"seated WITH @hospitality\")",
                          node->valuestring);
    int rc = set_ref(b, node, words[i + 1],
                     (size_t)(words[i + 1] - base) + lead, &term->with_set);
    if (rc)
      return rc;
    *n = i;
  }
  return VB_OK;
}

/* The sides of a term: one phrase, or a chain of sides joined by NEAR/n,
 * each link measured from the side before it. */
static int compile_sides(builder *b, const cJSON *node, vb__term *term,
                         char **words, size_t n, const char *base,
                         size_t lead) {
  vb_lexicon *lex = b->lex;
  size_t start = 0, sides = 0;
  uint32_t near = 0;
  term->kind = VB__TERM_WORDS;
  for (size_t i = 0; i <= n; i++) {
    uint32_t dist = 0;
    int r = i < n ? parse_near(words[i], &dist) : 1;
    if (r < 0)
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\": \"%s\" must be NEAR/n with n from 1 to %u",
                     node->valuestring, words[i], MAX_NEAR);
    if (r == 0)
      continue;
    if (i == start && (sides > 0 || i < n))
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\": NEAR needs words on both sides",
                     node->valuestring);
    if (++sides > MAX_NEAR_SIDES)
      return fail_at(b, node, false, VB_ELEXICON,
                     "term \"%s\" chains more than %u sides with NEAR",
                     node->valuestring, MAX_NEAR_SIDES);
    int rc;
    if (sides == 1) {
      rc = compile_side(b, node, words + start, i - start, base, lead,
                        &term->a_first, &term->a_len);
    } else {
      if (vb__grow((void **)&lex->links, &b->link_cap, lex->link_count + 1,
                   sizeof *lex->links))
        return nomem(b);
      vb__link *l = &lex->links[lex->link_count];
      l->near = near;
      rc = compile_side(b, node, words + start, i - start, base, lead,
                        &l->first, &l->len);
      if (!rc && term->link_count++ == 0)
        term->link_first = (uint32_t)lex->link_count;
      lex->link_count++;
      term->kind = VB__TERM_NEAR;
    }
    if (rc)
      return rc;
    start = i + 1;
    near = dist;
  }
  return VB_OK;
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

/* Theme key "negated": what a negated mention does. */
static int compile_negated(builder *b, const cJSON *v, vb__theme *th) {
  static const char *const names[] = {"flag", "count", "drop"};
  if (!v)
    return VB_OK;
  for (uint8_t i = 0; i < 3; i++)
    if (cJSON_IsString(v) && strcmp(v->valuestring, names[i]) == 0) {
      th->negated = i;
      return VB_OK;
    }
  return fail_at(b, v, false, VB_ELEXICON,
                 "\"negated\" must be \"flag\" (count it and flag it), "
                 "\"count\" (count it, no flag) or \"drop\" (do not count "
                 "it)");
}

/* Theme key "requires": sets one of whose members must occur in the
 * comment for the theme's (and its children's) terms to count. */
static int compile_requires(builder *b, const cJSON *v, vb__theme *th) {
  if (!v)
    return VB_OK;
  int rc = expect_type(b, v, is_array, "an array of sets (\"@name\")");
  if (!rc && cJSON_GetArraySize(v) == 0)
    rc = fail_at(b, v, false, VB_ELEXICON, "\"requires\" is empty");
  vb_lexicon *lex = b->lex;
  th->req_first = (uint32_t)lex->req_count;
  for (const cJSON *e = v->child; e && !rc; e = e->next) {
    if (!cJSON_IsString(e) || e->valuestring[0] != '@')
      return fail_at(b, e, false, VB_ELEXICON,
                     "\"requires\" lists sets written \"@name\"");
    uint32_t id;
    if ((rc = set_ref(b, e, e->valuestring, 0, &id)))
      break;
    if (vb__grow((void **)&lex->reqs, &b->req_cap, lex->req_count + 1,
                 sizeof *lex->reqs))
      return nomem(b);
    lex->reqs[lex->req_count++] = id;
    th->req_count++;
  }
  return rc;
}

/* The theme being defined, as lexicon theme `*self`: a new one, or, when
 * several languages share the themes, the preset one it claims (once per
 * language, at the same place in the tree). */
static int add_theme(builder *b, const cJSON *id, const cJSON *label,
                     long parent, uint32_t *self) {
  vb_lexicon *lex = b->lex;
  uint32_t before = (uint32_t)lex->theme_ids.count, tid;
  if (vb__strtab_intern(&lex->theme_ids, id->valuestring,
                        strlen(id->valuestring), &tid))
    return nomem(b);
  vb__theme *th;
  if (lex->theme_ids.count == before) { /* defined before, or preset */
    th = &lex->themes[tid - 1];
    if (!b->claimed || b->claimed[tid - 1])
      return fail_at(b, id, false, VB_ELEXICON,
                     "duplicate theme id \"%s\" (first defined at %s:%u:%u)",
                     id->valuestring, lex->sources[th->source], th->line,
                     th->column);
    if (th->parent != parent)
      return fail_at(
          b, id, false, VB_ELEXICON,
          "theme \"%s\" is %s%s here but %s%s at %s:%u:%u: a theme id must "
          "sit at the same place in every language's lexicon",
          id->valuestring, parent < 0 ? "top-level" : "under ",
          parent < 0 ? "" : lex->themes[parent].id,
          th->parent < 0 ? "top-level" : "under ",
          th->parent < 0 ? "" : lex->themes[th->parent].id,
          lex->sources[th->source], th->line, th->column);
    b->claimed[tid - 1] = 1;
    free(th->label);
  } else {
    if (vb__grow((void **)&lex->themes, &b->theme_cap, lex->theme_count + 1,
                 sizeof *lex->themes))
      return nomem(b);
    th = &lex->themes[lex->theme_count++]; /* == tid - 1 */
    memset(th, 0, sizeof *th);
    th->parent = parent;
    th->id = vb__memdup(id->valuestring, strlen(id->valuestring));
  }
  *self = tid - 1;
  th->source = b->source;
  vb__jsonpos_where(b->pos, id, false, &th->line, &th->column);
  th->label = vb__memdup(label->valuestring, strlen(label->valuestring));
  th->negated = parent >= 0 ? lex->themes[parent].negated : VB__NEG_FLAG;
  return th->id && th->label ? VB_OK : nomem(b);
}

static int compile_theme(builder *b, const cJSON *node, long parent) {
  static const char *const keys[] = {
      "id",     "label",    "description", "terms",    "exclude",
      "themes", "examples", "negated",     "requires", NULL};
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

  uint32_t self = 0;
  if ((rc = add_theme(b, id, label, parent, &self)))
    return rc;
  vb__theme *th = &lex->themes[self];
  rc =
      compile_negated(b, cJSON_GetObjectItemCaseSensitive(node, "negated"), th);
  if (!rc)
    rc = compile_requires(b, cJSON_GetObjectItemCaseSensitive(node, "requires"),
                          th);
  if (rc)
    return rc;

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
    /* a contraction ("don't") is spelled out as "do" "not": "not" is
     * the negator */
    size_t words = b->an.word_count;
    bool contraction = words == 2 && b->an.words[1].len == 3 &&
                       memcmp(b->an.words[1].text, "not", 3) == 0;
    if (words != 1 && !contraction)
      return fail_at(b, n, false, VB_ELEXICON,
                     "negator \"%s\" must be exactly one word (it is %zu)",
                     n->valuestring, words);
    const vb__word *w = &b->an.words[words - 1];
    uint32_t id;
    if (vb__strtab_intern(&b->lex->negators, w->text, w->len, &id))
      return nomem(b);
  }
  return rc;
}

/* A lexicon document, parsed and located, before it is compiled. */
typedef struct document {
  cJSON *root;
  vb__jsonpos pos;
  char lang[64]; /* vb__language_key of its "language", or "" */
} document;

/* Parses a document and checks its top level; records its language. */
static int parse_document(builder *b, const char *text, size_t len,
                          document *doc) {
  static const char *const keys[] = {
      "name",     "description",     "version", "language", "fold_accents",
      "negators", "negation_window", "themes",  "sets",     "typos",
      NULL};
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
  const cJSON *typos = cJSON_GetObjectItemCaseSensitive(root, "typos");
  if (!rc && typos)
    rc = expect_type(b, typos, is_bool, "true or false");
  if (!rc && lang &&
      !vb__language_key(lang->valuestring, strlen(lang->valuestring), doc->lang,
                        sizeof doc->lang))
    rc = fail_at(b, lang, false, VB_ELANGUAGE,
                 "unknown language \"%s\" (use a BCP 47 code such as en, fr, "
                 "de, es, it, pt, nl, zh, ja, pt-BR, a Snowball language "
                 "name, or \"none\")",
                 lang->valuestring);
  return rc;
}

/* The settings of one language's documents: fold_accents and typos.  A
 * document that omits a setting takes the others' value; explicit
 * fold_accents values must agree. */
static int group_settings(builder *b, document *doc) {
  vb_lexicon *lex = b->lex;
  const cJSON *fold =
      cJSON_GetObjectItemCaseSensitive(doc->root, "fold_accents");
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc->root, "typos")))
    lex->typos = true; /* on for all when one lexicon asks */
  if (!fold)
    return VB_OK;
  b->pos = &doc->pos;
  bool v = cJSON_IsTrue(fold);
  if (b->fold_from && v != lex->fold_accents)
    return fail_at(b, fold, false, VB_ELEXICON,
                   "fold_accents %s differs from %s set by %s: lexicons of "
                   "one language loaded together must agree",
                   v ? "true" : "false", v ? "false" : "true", b->fold_from);
  lex->fold_accents = v;
  b->fold_from = b->name;
  return VB_OK;
}

static bool valid_set_name(const char *s) {
  if (!*s)
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return false;
  return true;
}

/* One member word of a set, as a stem, exact or prefix item. */
static int compile_member(builder *b, const cJSON *e, uint32_t set) {
  vb_lexicon *lex = b->lex;
  if (!cJSON_IsString(e))
    return fail_at(b, e, false, VB_ELEXICON, "a set member must be a string");
  uint32_t before = (uint32_t)lex->item_count;
  char word[MAX_TERM_BYTES + 1];
  size_t len = strlen(e->valuestring);
  if (len == 0 || len > MAX_TERM_BYTES || strpbrk(e->valuestring, " \t\r\n") ||
      e->valuestring[0] == '@' || e->valuestring[0] == '~')
    return fail_at(b, e, false, VB_ELEXICON,
                   "set member \"%s\" must be one word (=exact and prefix* "
                   "allowed)",
                   e->valuestring);
  memcpy(word, e->valuestring, len + 1);
  int rc = compile_word(b, e, word, 0, 0);
  if (rc)
    return rc;
  if (lex->item_count - before != 1)
    return fail_at(b, e, false, VB_ELEXICON,
                   "set member \"%s\" is %u words; a member is one word",
                   e->valuestring, (unsigned)(lex->item_count - before));
  const vb__item *it = &lex->items[before];
  lex->item_count = before; /* members live in lex->members */
  if (vb__grow((void **)&lex->members, &b->member_cap, lex->member_count + 1,
               sizeof *lex->members))
    return nomem(b);
  lex->members[lex->member_count++] = (vb__member){it->kind, it->id, set};
  return VB_OK;
}

/* The members of a set as written, '\n'-joined: two lexicons may define
 * the same set only with the same members. */
static char *set_identity(const cJSON *list) {
  size_t len = 1;
  for (const cJSON *e = list->child; e; e = e->next)
    len += (cJSON_IsString(e) ? strlen(e->valuestring) : 0) + 1;
  char *s = malloc(len), *p = s;
  if (!s)
    return NULL;
  for (const cJSON *e = list->child; e; e = e->next) {
    size_t n = cJSON_IsString(e) ? strlen(e->valuestring) : 0;
    memcpy(p, n ? e->valuestring : "", n);
    p += n;
    *p++ = '\n';
  }
  *p = '\0';
  return s;
}

/* Top-level "sets" of a document: named word sets, usable as @name in
 * the terms of every lexicon loaded together. */
static int compile_sets(builder *b, const cJSON *sets) {
  vb_lexicon *lex = b->lex;
  int rc = expect_type(b, sets, is_object,
                       "an object of sets {\"name\": [\"word\", ...]}");
  for (const cJSON *set = sets->child; set && !rc; set = set->next) {
    if (!valid_set_name(set->string))
      return fail_at(b, set, true, VB_ELEXICON,
                     "set name \"%s\" must be lower-case letters, digits and "
                     "'_'",
                     set->string);
    if ((rc = expect_type(b, set, is_array, "an array of words")))
      break;
    if (cJSON_GetArraySize(set) == 0)
      return fail_at(b, set, false, VB_ELEXICON, "set \"%s\" is empty",
                     set->string);
    char *identity = set_identity(set);
    if (!identity)
      return nomem(b);
    uint32_t before = (uint32_t)lex->set_names.count, id;
    if (vb__strtab_intern(&lex->set_names, set->string, strlen(set->string),
                          &id)) {
      free(identity);
      return nomem(b);
    }
    if (lex->set_names.count == before) {
      const vb__set *first = &lex->sets[id - 1];
      bool same = strcmp(first->members, identity) == 0;
      free(identity);
      if (same)
        continue; /* the same set, shared by two lexicons */
      return fail_at(b, set, true, VB_ELEXICON,
                     "set \"%s\" is already defined differently at %s:%u:%u "
                     "(sets loaded together must be identical)",
                     set->string, lex->sources[first->source], first->line,
                     first->column);
    }
    if (vb__grow((void **)&lex->sets, &b->set_cap, id, sizeof *lex->sets)) {
      free(identity);
      return nomem(b);
    }
    vb__set *x = &lex->sets[id - 1];
    x->members = identity;
    x->source = b->source;
    vb__jsonpos_where(b->pos, set, true, &x->line, &x->column);
    lex->set_count = id;
    for (const cJSON *e = set->child; e && !rc; e = e->next)
      rc = compile_member(b, e, id);
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
    /* the range first: converting a huge value to int is undefined */
    if (!rc && (!(v >= 1 && v <= 20) || v != (double)(int)v))
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

/* The sets that the stems (exact words, prefixes: `kind`) belong to, by
 * their id. */
static int build_member_index(vb_lexicon *lex, uint32_t kind, size_t keys,
                              vb__index *ix) {
  ix->start = calloc(keys + 2, sizeof *ix->start);
  if (!ix->start)
    return VB_ENOMEM;
  for (size_t i = 0; i < lex->member_count; i++)
    if (lex->members[i].kind == kind)
      ix->start[lex->members[i].id + 1]++;
  for (size_t k = 1; k < keys + 2; k++)
    ix->start[k] += ix->start[k - 1];
  uint32_t *fill = calloc(keys + 1, sizeof *fill);
  ix->terms = malloc((lex->member_count + 1) * sizeof *ix->terms);
  if (!fill || !ix->terms) {
    free(fill);
    return VB_ENOMEM;
  }
  for (size_t i = 0; i < lex->member_count; i++) {
    const vb__member *x = &lex->members[i];
    if (x->kind != kind)
      continue;
    /* a set lists a word once, however many of its members it matches */
    uint32_t *list = ix->terms + ix->start[x->id];
    bool seen = false;
    for (uint32_t k = 0; k < fill[x->id] && !seen; k++)
      seen = list[k] == x->set;
    if (!seen)
      list[fill[x->id]++] = x->set;
  }
  /* close the gaps left by duplicates: rebuild start from fill */
  uint32_t at = 0;
  for (size_t k = 0; k <= keys; k++) {
    uint32_t from = ix->start[k];
    ix->start[k] = at;
    memmove(ix->terms + at, ix->terms + from, fill[k] * sizeof *ix->terms);
    at += fill[k];
  }
  ix->start[keys + 1] = at;
  free(fill);
  return VB_OK;
}

/* The loose anchors by the hash of four bytes (see vb_lexicon), when
 * there are many.  Each goes under the key of its text that the fewest
 * anchors before it went under, so that anchors sharing a prefix
 * ("deliver...") spread over their other keys. */
static int build_loose_keys(vb_lexicon *lex) {
  if (lex->loose_anchor_count < VB__LOOSE_INDEX_MIN)
    return VB_OK;
  size_t n = lex->loose_anchor_count;
  lex->loose_key_start = calloc(65537, sizeof *lex->loose_key_start);
  lex->loose_key_bits = calloc(65536 / 64, sizeof *lex->loose_key_bits);
  lex->loose_by_key = malloc(n * sizeof *lex->loose_by_key);
  lex->loose_unkeyed = malloc(n * sizeof *lex->loose_unkeyed);
  uint32_t *key_of = malloc(n * sizeof *key_of);
  uint32_t *fill = calloc(65536, sizeof *fill);
  if (!lex->loose_key_start || !lex->loose_key_bits || !lex->loose_by_key ||
      !lex->loose_unkeyed || !key_of || !fill) {
    free(key_of);
    free(fill);
    return VB_ENOMEM;
  }
  for (size_t a = 0; a < n; a++) {
    const vb__anchor *x = &lex->loose_anchors[a];
    if (x->required_only || x->len < 4) { /* checked on every comment */
      lex->loose_unkeyed[lex->loose_unkeyed_count++] = (uint32_t)a;
      key_of[a] = UINT32_MAX;
      continue;
    }
    unsigned best = vb__loose_key(x->text);
    for (size_t i = 1; i + 4 <= x->len; i++) {
      unsigned key = vb__loose_key(x->text + i);
      if (fill[key] < fill[best])
        best = key;
    }
    key_of[a] = best;
    fill[best]++;
    lex->loose_key_bits[best / 64] |= 1ull << (best % 64);
  }
  for (size_t k = 0; k < 65536; k++)
    lex->loose_key_start[k + 1] = lex->loose_key_start[k] + fill[k];
  memset(fill, 0, 65536 * sizeof *fill);
  for (size_t a = 0; a < n; a++)
    if (key_of[a] != UINT32_MAX)
      lex->loose_by_key[lex->loose_key_start[key_of[a]] + fill[key_of[a]]++] =
          (uint32_t)a;
  free(key_of);
  free(fill);
  return VB_OK;
}

/* The word anchors by the byte a run must start with (see vb_lexicon),
 * so that learning a word looks at the anchors of its runs' first bytes,
 * not at every anchor of the lexicon.  An anchor with text goes under
 * its first byte, a \\d anchor under each digit; each list ascends. */
static int build_anchor_bytes(vb_lexicon *lex) {
  uint32_t *start = lex->anchor_byte_start =
      calloc(257, sizeof *lex->anchor_byte_start);
  size_t total = 0;
  for (size_t a = 0; a < lex->anchor_count; a++)
    total += lex->anchors[a].len ? 1 : 10;
  lex->anchor_by_byte =
      malloc((total ? total : 1) * sizeof *lex->anchor_by_byte);
  uint32_t fill[256] = {0};
  if (!start || !lex->anchor_by_byte)
    return VB_ENOMEM;
  for (size_t a = 0; a < lex->anchor_count; a++) {
    const vb__anchor *x = &lex->anchors[a];
    if (x->len)
      start[(unsigned char)x->text[0] + 1]++;
    for (unsigned d = '0'; !x->len && d <= '9'; d++)
      start[d + 1]++;
  }
  for (size_t b = 0; b < 256; b++)
    start[b + 1] += start[b];
  for (size_t a = 0; a < lex->anchor_count; a++) {
    const vb__anchor *x = &lex->anchors[a];
    if (x->len) {
      unsigned b = (unsigned char)x->text[0];
      lex->anchor_by_byte[start[b] + fill[b]++] = (uint32_t)a;
    }
    for (unsigned d = '0'; !x->len && d <= '9'; d++)
      lex->anchor_by_byte[start[d] + fill[d]++] = (uint32_t)a;
  }
  return VB_OK;
}

static int build_indices(vb_lexicon *lex) {
  if (build_index(lex, VB__ITEM_STEM, lex->stems.count, &lex->by_stem) ||
      build_index(lex, VB__ITEM_EXACT, lex->exacts.count, &lex->by_exact) ||
      build_index(lex, VB__ITEM_PREFIX, lex->prefixes.count, &lex->by_prefix) ||
      build_index(lex, VB__ITEM_SET, lex->set_count, &lex->by_set) ||
      build_member_index(lex, VB__ITEM_STEM, lex->stems.count,
                         &lex->sets_of_stem) ||
      build_member_index(lex, VB__ITEM_EXACT, lex->exacts.count,
                         &lex->sets_of_exact) ||
      build_member_index(lex, VB__ITEM_PREFIX, lex->prefixes.count,
                         &lex->sets_of_prefix) ||
      build_loose_keys(lex) || build_anchor_bytes(lex))
    return VB_ENOMEM;
  size_t n = lex->prefixes.count;
  lex->prefix_lengths = malloc((n ? n : 1) * sizeof *lex->prefix_lengths);
  if (!lex->prefix_lengths)
    return VB_ENOMEM;
  for (uint32_t id = 1; id <= n; id++)
    lex->prefix_lengths[id - 1] = lex->prefixes.spans[id].length;
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

/* The languages of the documents, in order of first appearance ("none"
 * and documents without a language are not languages of their own). */
static size_t list_languages(const document *docs, size_t count,
                             const char **langs) {
  size_t n = 0;
  for (size_t i = 0; i < count; i++) {
    const char *l = docs[i].lang;
    bool seen = !l[0] || strcmp(l, "none") == 0;
    for (size_t k = 0; k < n && !seen; k++)
      seen = strcmp(langs[k], l) == 0;
    if (!seen)
      langs[n++] = l;
  }
  return n;
}

/* Whether document i is compiled into the lexicon of `language`: its own
 * language, "none" (language-neutral documents join every language), or
 * no language at all (it takes the first language named). */
static bool in_language(const document *doc, const char *language,
                        const char *first) {
  return strcmp(doc->lang, language) == 0 || strcmp(doc->lang, "none") == 0 ||
         (!doc->lang[0] && strcmp(language, first) == 0);
}

/* The themes of every document with their parents and places, in the
 * order one compilation would meet them, the display language's documents
 * first; a theme's label is the first met, so the display language's. */
static int preset_theme(builder *b, const cJSON *node, long parent) {
  vb_lexicon *lex = b->lex;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(node, "id");
  const cJSON *label = cJSON_GetObjectItemCaseSensitive(node, "label");
  if (!cJSON_IsString(id))
    return VB_OK; /* the compilation reports it */
  const char *text = cJSON_IsString(label) ? label->valuestring : "";
  uint32_t before = (uint32_t)lex->theme_ids.count, tid;
  if (vb__strtab_intern(&lex->theme_ids, id->valuestring,
                        strlen(id->valuestring), &tid))
    return nomem(b);
  if (lex->theme_ids.count != before) {
    if (vb__grow((void **)&lex->themes, &b->theme_cap, lex->theme_count + 1,
                 sizeof *lex->themes))
      return nomem(b);
    vb__theme *th = &lex->themes[lex->theme_count++];
    memset(th, 0, sizeof *th);
    th->parent = parent;
    th->negated = VB__NEG_FLAG;
    th->source = b->source;
    vb__jsonpos_where(b->pos, id, false, &th->line, &th->column);
    th->id = vb__memdup(id->valuestring, strlen(id->valuestring));
    th->label = vb__memdup(text, strlen(text));
    if (!th->id || !th->label)
      return nomem(b);
  }
  const cJSON *children = cJSON_GetObjectItemCaseSensitive(node, "themes");
  int rc = VB_OK;
  for (const cJSON *c = cJSON_IsArray(children) ? children->child : NULL;
       c && !rc; c = c->next)
    rc = preset_theme(b, c, (long)tid - 1);
  return rc;
}

/* Copies the preset themes into the lexicon being built. */
static int copy_themes(builder *b, const vb_lexicon *preset) {
  vb_lexicon *lex = b->lex;
  lex->themes = calloc(preset->theme_count + 1, sizeof *lex->themes);
  b->claimed = calloc(preset->theme_count + 1, 1);
  if (!lex->themes || !b->claimed)
    return nomem(b);
  b->theme_cap = preset->theme_count + 1;
  for (size_t t = 0; t < preset->theme_count; t++) {
    const vb__theme *p = &preset->themes[t];
    vb__theme *th = &lex->themes[lex->theme_count++];
    *th = *p;
    th->id = vb__memdup(p->id, strlen(p->id));
    th->label = vb__memdup(p->label, strlen(p->label));
    uint32_t tid;
    if (!th->id || !th->label ||
        vb__strtab_intern(&lex->theme_ids, p->id, strlen(p->id), &tid))
      return nomem(b);
  }
  return VB_OK;
}

/* Compiles the documents of one language into *out.  `preset`: the themes
 * every language shares (several languages), or NULL. */
static int compile_language(size_t count, const char *const names[],
                            document *docs, const char *language,
                            const char *first, const vb_lexicon *preset,
                            vb_lexicon **out, vb_error *err) {
  builder b;
  memset(&b, 0, sizeof b);
  b.err = err;
  b.offset = NO_OFFSET;
  vb_lexicon *lex = b.lex = calloc(1, sizeof *lex);
  if (!lex)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  lex->sources = calloc(count, sizeof *lex->sources);
  lex->language = vb__memdup(language, strlen(language));
  int rc = lex->sources && lex->language ? VB_OK : VB_ENOMEM;
  for (size_t i = 0; i < count && !rc; i++) {
    if (!(lex->sources[i] = vb__memdup(names[i], strlen(names[i]))))
      rc = VB_ENOMEM;
    lex->source_count = i + 1;
  }
  lex->stemmed = vb__language_stemmed(language);
  b.unspaced = vb__language_unspaced(language);
  /* 1. the settings of this language's documents */
  for (size_t i = 0; i < count && !rc; i++) {
    b.name = lex->sources[i];
    if (in_language(&docs[i], language, first))
      rc = group_settings(&b, &docs[i]);
  }
  /* 2. one analyzer for all: terms of every document take the same path */
  if (!rc) {
    rc = vb__analyzer_init(&b.an, lex->language, lex->fold_accents);
    if (rc)
      rc = vb__fail(err, rc, lex->sources[0], 0, 0,
                    "cannot create the analyzer: %s", vb_strerror(rc));
    else
      b.have_analyzer = true;
  }
  if (!rc && preset)
    rc = copy_themes(&b, preset);
  /* 3. the sets of every document, which any document's terms may use */
  for (size_t i = 0; i < count && !rc; i++) {
    const cJSON *sets = cJSON_GetObjectItemCaseSensitive(docs[i].root, "sets");
    b.name = lex->sources[i];
    b.source = (uint32_t)i;
    b.pos = &docs[i].pos;
    if (sets && in_language(&docs[i], language, first))
      rc = compile_sets(&b, sets);
  }
  /* 4. compile */
  for (size_t i = 0; i < count && !rc; i++) {
    b.name = lex->sources[i];
    b.source = (uint32_t)i;
    if (in_language(&docs[i], language, first))
      rc = compile_document(&b, &docs[i]);
  }
  if (!rc && build_indices(lex))
    rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (!rc && lex->typos)
    rc = vb__typos_build(&lex->typo, lex, &b.an.stemmer, err);
  if (rc == VB_ENOMEM && err && !err->message[0])
    vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (b.have_analyzer)
    vb__analyzer_free(&b.an);
  vb__strtab_free(&b.term_keys);
  vb__strtab_free(&b.stemmed_words);
  free(b.stem_of);
  free(b.claimed);
  if (rc) {
    vb_lexicon_free(lex);
    return rc;
  }
  *out = lex;
  return VB_OK;
}

/* The themes all languages share (see preset_theme). */
static int preset_themes(size_t count, const char *const names[],
                         document *docs, vb_lexicon **out, vb_error *err) {
  builder b;
  memset(&b, 0, sizeof b);
  b.err = err;
  b.offset = NO_OFFSET;
  vb_lexicon *lex = b.lex = calloc(1, sizeof *lex);
  int rc = lex ? VB_OK : VB_ENOMEM;
  for (int pass = 0; pass < 2 && !rc; pass++) /* display language first */
    for (size_t i = 0; i < count && !rc; i++) {
      const cJSON *themes =
          cJSON_GetObjectItemCaseSensitive(docs[i].root, "themes");
      bool display = strcmp(docs[i].lang, VB__DISPLAY_LANGUAGE) == 0;
      if (display != (pass == 0))
        continue;
      b.name = names[i];
      b.source = (uint32_t)i;
      b.pos = &docs[i].pos;
      for (const cJSON *t = cJSON_IsArray(themes) ? themes->child : NULL;
           t && !rc; t = t->next)
        rc = preset_theme(&b, t, -1);
    }
  if (rc) {
    vb_lexicon_free(lex);
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  }
  *out = lex;
  return VB_OK;
}

/* Keeps the documents' texts in `lex` (a partial report carries them). */
static int keep_texts(vb_lexicon *lex, size_t count, const char *const texts[],
                      const size_t lens[]) {
  lex->texts = calloc(count, sizeof *lex->texts);
  lex->text_lens = calloc(count, sizeof *lex->text_lens);
  if (!lex->texts || !lex->text_lens)
    return VB_ENOMEM;
  for (size_t i = 0; i < count; i++) {
    lex->text_lens[i] = lens[i];
    if (!(lex->texts[i] = vb__memdup(texts[i], lens[i])))
      return VB_ENOMEM;
  }
  return VB_OK;
}

/* Compiles each language's documents into its own lexicon, all with the
 * same themes; the display language's (or the first) holds the others. */
static int compile_languages(size_t count, const char *const names[],
                             document *docs, const char **langs, size_t n,
                             vb_lexicon **out, vb_error *err) {
  vb_lexicon *preset = NULL, **each = calloc(n, sizeof *each);
  if (!each)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  int rc = preset_themes(count, names, docs, &preset, err);
  size_t top = 0;
  for (size_t k = 0; k < n && !rc; k++) {
    rc = compile_language(count, names, docs, langs[k], langs[0], preset,
                          &each[k], err);
    if (strcmp(langs[k], VB__DISPLAY_LANGUAGE) == 0)
      top = k;
  }
  vb_lexicon_free(preset);
  vb_lexicon *lex = each[top];
  if (!rc) {
    lex->langs = calloc(n, sizeof *lex->langs);
    rc = lex->langs ? VB_OK : VB_ENOMEM;
  }
  uint32_t base = rc ? 0 : (uint32_t)lex->term_count;
  for (size_t k = 0; k < n && !rc; k++) {
    if (k == top)
      continue;
    each[k]->term_base = base;
    base += (uint32_t)each[k]->term_count;
    lex->langs[lex->lang_count++] = each[k];
    each[k] = NULL;
  }
  if (rc) {
    for (size_t k = 0; k < n; k++)
      vb_lexicon_free(each[k]);
    free(each);
    return rc;
  }
  free(each);
  *out = lex;
  return VB_OK;
}

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
  b.offset = NO_OFFSET;
  document *docs = calloc(count, sizeof *docs);
  const char **langs = calloc(count + 1, sizeof *langs);
  int rc = docs && langs ? VB_OK : VB_ENOMEM;
  /* 1. parse every document */
  for (size_t i = 0; i < count && !rc; i++) {
    b.name = names[i];
    b.source = (uint32_t)i;
    rc = parse_document(&b, texts[i], lens[i], &docs[i]);
  }
  /* 2. one lexicon per language */
  vb_lexicon *lex = NULL;
  size_t n = rc ? 0 : list_languages(docs, count, langs);
  for (size_t i = 0; !rc && n == 0 && i < count; i++)
    if (strcmp(docs[i].lang, "none") == 0) /* only language-neutral ones */
      langs[n++] = "none";
  if (!rc && n == 0) /* no document names a language */
    langs[n++] = "en";
  if (!rc && n == 1)
    rc = compile_language(count, names, docs, langs[0], langs[0], NULL, &lex,
                          err);
  else if (!rc)
    rc = compile_languages(count, names, docs, langs, n, &lex, err);
  if (!rc && keep_texts(lex, count, texts, lens))
    rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  for (size_t i = 0; docs && i < count; i++) {
    cJSON_Delete(docs[i].root);
    vb__jsonpos_free(&docs[i].pos);
  }
  free(docs);
  free(langs);
  if (rc == VB_ENOMEM && err && !err->message[0])
    vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
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
  for (size_t i = 0; i < lex->source_count; i++) {
    free(lex->sources[i]);
    free(lex->texts ? lex->texts[i] : NULL);
  }
  free(lex->sources);
  free(lex->texts);
  free(lex->text_lens);
  for (size_t i = 0; i < lex->theme_count; i++) {
    free(lex->themes[i].id);
    free(lex->themes[i].label);
  }
  free(lex->themes);
  for (size_t i = 0; i < lex->term_count; i++) {
    free(lex->terms[i].text);
    pcre2_code_free(lex->terms[i].re);
    pcre2_code_free(lex->terms[i].re_at);
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
  vb__strtab_free(&lex->set_names);
  for (size_t i = 0; i < lex->set_count; i++)
    free(lex->sets[i].members);
  free(lex->sets);
  free(lex->members);
  free(lex->links);
  free(lex->reqs);
  vb__typos_free(&lex->typo);
  vb__index *ix[] = {&lex->by_stem,       &lex->by_exact,
                     &lex->by_prefix,     &lex->by_set,
                     &lex->sets_of_stem,  &lex->sets_of_exact,
                     &lex->sets_of_prefix};
  for (size_t i = 0; i < sizeof ix / sizeof *ix; i++) {
    free(ix[i]->start);
    free(ix[i]->terms);
  }
  free(lex->prefix_lengths);
  free(lex->patterns);
  free(lex->pattern_gates);
  free(lex->open_patterns);
  free(lex->anchors);
  free(lex->loose_anchors);
  free(lex->anchor_byte_start);
  free(lex->anchor_by_byte);
  free(lex->loose_key_start);
  free(lex->loose_by_key);
  free(lex->loose_key_bits);
  free(lex->loose_unkeyed);
  free(lex->alts);
  free(lex->language);
  for (size_t k = 0; k < lex->lang_count; k++)
    vb_lexicon_free(lex->langs[k]);
  free(lex->langs);
  free(lex);
}

bool vb__theme_covers(const vb_lexicon *lex, size_t a, size_t t) {
  for (long x = (long)t; x >= 0; x = lex->themes[x].parent)
    if ((size_t)x == a)
      return true;
  return false;
}

size_t vb_lexicon_document_count(const vb_lexicon *lex) {
  return lex->source_count;
}

const char *vb_lexicon_document(const vb_lexicon *lex, size_t i,
                                const char **name, size_t *len) {
  if (i >= lex->source_count)
    return NULL;
  if (name)
    *name = lex->sources[i];
  if (len)
    *len = lex->text_lens[i];
  return lex->texts[i];
}
size_t vb_lexicon_theme_count(const vb_lexicon *lex) {
  return lex->theme_count;
}
const char *vb_lexicon_theme_id(const vb_lexicon *lex, size_t theme) {
  return theme < lex->theme_count ? lex->themes[theme].id : NULL;
}
const char *vb_lexicon_theme_label(const vb_lexicon *lex, size_t theme) {
  return vb_lexicon_theme_label_in(lex, 0, theme);
}
const char *vb_lexicon_theme_label_in(const vb_lexicon *lex, size_t language,
                                      size_t theme) {
  /* every language has the same themes in the same order; one that does
   * not define a theme has language 0's label for it (copy_themes) */
  const vb_lexicon *l = vb__lexicon_at(lex, language);
  return l && theme < l->theme_count ? l->themes[theme].label : NULL;
}
long vb_lexicon_theme_parent(const vb_lexicon *lex, size_t theme) {
  return theme < lex->theme_count ? lex->themes[theme].parent : -1;
}
long vb_lexicon_theme_find(const vb_lexicon *lex, const char *id) {
  uint32_t t = vb__strtab_find(&lex->theme_ids, id, strlen(id));
  return t ? (long)t - 1 : -1;
}
/* The language lexicon that owns global term `*term`; turns *term into
 * that lexicon's own id.  NULL when no language has it. */
static const vb_lexicon *term_owner(const vb_lexicon *lex, size_t *term) {
  for (size_t k = lex->lang_count; k > 0; k--) {
    const vb_lexicon *l = lex->langs[k - 1];
    if (*term >= l->term_base) {
      *term -= l->term_base;
      return *term < l->term_count ? l : NULL;
    }
  }
  return *term < lex->term_count ? lex : NULL;
}

size_t vb_lexicon_term_count(const vb_lexicon *lex) {
  const vb_lexicon *last =
      lex->lang_count ? lex->langs[lex->lang_count - 1] : lex;
  return last->term_base + last->term_count;
}
const char *vb_lexicon_term_text(const vb_lexicon *lex, size_t term) {
  const vb_lexicon *l = term_owner(lex, &term);
  return l ? l->terms[term].text : NULL;
}
size_t vb_lexicon_term_theme(const vb_lexicon *lex, size_t term) {
  const vb_lexicon *l = term_owner(lex, &term);
  return l ? l->terms[term].theme : 0;
}
int vb_lexicon_term_is_exclude(const vb_lexicon *lex, size_t term) {
  const vb_lexicon *l = term_owner(lex, &term);
  return l && l->terms[term].exclude;
}
void vb_lexicon_term_location(const vb_lexicon *lex, size_t term,
                              const char **file, unsigned *line,
                              unsigned *column) {
  const vb_lexicon *l = term_owner(lex, &term);
  const vb__term *t = l ? &l->terms[term] : NULL;
  if (file)
    *file = t ? l->sources[t->source] : "";
  if (line)
    *line = t ? t->line : 0;
  if (column)
    *column = t ? t->column : 0;
}

/* The language lexicon that owns example `*index` (numbered across all
 * languages); turns *index into its own number.  Sets *lang to the
 * language's number (vb_lexicon_language_at).  NULL when out of range. */
static const vb_lexicon *example_owner(const vb_lexicon *lex, size_t *index,
                                       size_t *lang) {
  for (size_t k = 0; k <= lex->lang_count; k++) {
    const vb_lexicon *l = k == 0 ? lex : lex->langs[k - 1];
    if (*index < l->example_count) {
      if (lang)
        *lang = k;
      return l;
    }
    *index -= l->example_count;
  }
  return NULL;
}

size_t vb_lexicon_example_count(const vb_lexicon *lex) {
  size_t n = lex->example_count;
  for (size_t k = 0; k < lex->lang_count; k++)
    n += lex->langs[k]->example_count;
  return n;
}
int vb_lexicon_example(const vb_lexicon *lex, size_t index, size_t *theme,
                       const char **text, int *must_match, const char **file,
                       unsigned *line, unsigned *column) {
  const vb_lexicon *l = example_owner(lex, &index, NULL);
  if (!l)
    return VB_ERANGE;
  const vb__example *x = &l->examples[index];
  if (theme)
    *theme = x->theme;
  if (text)
    *text = x->text;
  if (must_match)
    *must_match = x->must_match;
  if (file)
    *file = l->sources[x->source];
  if (line)
    *line = x->line;
  if (column)
    *column = x->column;
  return VB_OK;
}
size_t vb_lexicon_example_language(const vb_lexicon *lex, size_t index) {
  size_t lang = 0;
  example_owner(lex, &index, &lang);
  return lang;
}

const char *vb_lexicon_language(const vb_lexicon *lex) { return lex->language; }
size_t vb_lexicon_language_count(const vb_lexicon *lex) {
  return 1 + lex->lang_count;
}
const vb_lexicon *vb__lexicon_at(const vb_lexicon *lex, size_t i) {
  return i == 0 ? lex : i <= lex->lang_count ? lex->langs[i - 1] : NULL;
}
const char *vb_lexicon_language_at(const vb_lexicon *lex, size_t i) {
  const vb_lexicon *l = vb__lexicon_at(lex, i);
  return l ? l->language : NULL;
}
int vb_lexicon_language_stemmed(const vb_lexicon *lex, size_t i) {
  const vb_lexicon *l = vb__lexicon_at(lex, i);
  return l && l->stemmed;
}
size_t vb_lexicon_route_or(const vb_lexicon *lex, const char *code, size_t len,
                           const char *fallback) {
  long route = vb_lexicon_route(lex, code, len);
  if (route < 0 && fallback)
    route = vb_lexicon_route(lex, fallback, strlen(fallback));
  return route < 0 ? 0 : (size_t)route;
}

long vb_lexicon_route(const vb_lexicon *lex, const char *code, size_t len) {
  char key[64];
  size_t n = code ? vb__language_key(code, len, key, sizeof key) : 0;
  if (n == 0)
    return -1;
  for (int primary = 0; primary < 2; primary++) {
    for (size_t i = 0; i <= lex->lang_count; i++)
      if (strcmp(vb_lexicon_language_at(lex, i), key) == 0)
        return (long)i;
    size_t cut = strcspn(key, "-"); /* "fr-ca" -> "fr" */
    if (key[cut] == '\0')
      break;
    key[cut] = '\0';
  }
  return -1;
}

/* The shipped lexicons (lexicons/NAME.json), embedded at build time
 * (cmake/embed.cmake; the list is CMakeLists.txt's VB_SHIPPED_LEXICONS). */
#include "shipped_lexicons.h"
#define DECLARE(name)                                                          \
  extern const unsigned char vb__lexicon_##name[];                             \
  extern const size_t vb__lexicon_##name##_len;
VB_SHIPPED_LEXICONS(DECLARE)
#undef DECLARE
static const struct {
  const char *name;
  const unsigned char *text;
  const size_t *len;
} SHIPPED[] = {
#define ENTRY(name)                                                            \
  {#name ".json (built-in)", vb__lexicon_##name, &vb__lexicon_##name##_len},
    VB_SHIPPED_LEXICONS(ENTRY)
#undef ENTRY
};
enum { SHIPPED_COUNT = sizeof SHIPPED / sizeof *SHIPPED };

const char *vb_lexicon_default_text(size_t *len) {
  return vb_lexicon_shipped(0, NULL, len); /* default.json: English */
}

size_t vb_lexicon_shipped_count(void) { return SHIPPED_COUNT; }

const char *vb_lexicon_shipped(size_t i, const char **name, size_t *len) {
  if (i >= SHIPPED_COUNT)
    return NULL;
  if (name)
    *name = SHIPPED[i].name;
  if (len)
    *len = *SHIPPED[i].len;
  return (const char *)SHIPPED[i].text;
}

int vb_lexicon_default(vb_lexicon **out, vb_error *err) {
  const char *names[SHIPPED_COUNT], *texts[SHIPPED_COUNT];
  size_t lens[SHIPPED_COUNT];
  for (size_t i = 0; i < SHIPPED_COUNT; i++)
    texts[i] = vb_lexicon_shipped(i, &names[i], &lens[i]);
  return vb_lexicon_compile(SHIPPED_COUNT, names, texts, lens, out, err);
}
