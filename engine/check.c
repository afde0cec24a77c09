/*
 * check.c - warnings about a compiled lexicon that loads but is probably
 * not what its author meant (`verbatim lint` prints them).
 *
 * Two stemming traps, both silent at run time:
 *
 *   - an exclude that cancels one of its own theme's terms everywhere:
 *     exclude "supports" stems to "support", so it overlaps every match
 *     of the term "support" and the theme never counts it.  Found on the
 *     compiled items: the exclude's words appear, in order and adjacent,
 *     inside a side of a term of the theme or of one of its descendants.
 *   - a term word whose stem also pulls in a shorter, different word:
 *     "installer" and "install" share the stem "instal", "management" and
 *     "manage" "manag", "settings" and "set" "set", "paste" and "past"
 *     "past".  Found by stemming the English word list (VB_WORDLIST): a
 *     listed word with the same stem that the term's word is derived from
 *     by a suffix that makes a new word (-er, -or, -ment, -ing(s), -e; see
 *     derived_from) is reported, with =exact or prefix* as the cure.
 *     Inflections (-s, -ed, -ing of a verb, y/ies) are the point of
 *     stemming and never reported.  Longer words with the
 *     same stem ("handful" for "hand") are mostly harmless derivations and
 *     too many to list; "import" / "important" is one that is not, and no
 *     rule here tells the two apart.
 *
 * And one JSON trap: in a JSON string "\b" is a backspace, not the regex
 * word boundary the author meant ("\\b"), so /\d mehr\b/ written that
 * way never matches.  A pattern term holding a backspace is reported.
 * (The other JSON escapes, "\t", "\n", "\r", "\f", are characters
 * that mean the same in a regex.)
 *
 * Nothing here changes the lexicon; without a word list the second check
 * is skipped and said so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifndef VB_WORDLIST
#define VB_WORDLIST "/usr/share/dict/american-english"
#endif

#define MAX_WORD 64u
#define MAX_EXAMPLES 3u

typedef struct checker {
  const vb_lexicon *lex;
  vb_warning_fn fn;
  void *ctx;
  size_t warnings;
} checker;

static void warn(checker *c, uint32_t source, unsigned line, unsigned column,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void warn(checker *c, uint32_t source, unsigned line, unsigned column,
                 const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->warnings++;
  if (c->fn)
    c->fn(c->ctx, c->lex->sources[source], line, column, msg);
}

/* ---- excludes that cancel their own theme's terms ---------------------- */

static bool same_item(const vb__item *a, const vb__item *b) {
  return a->kind == b->kind && a->id == b->id;
}

/* True when items e[0..elen) occur adjacent, in order, in s[0..slen). */
static bool items_inside(const vb__item *e, uint32_t elen, const vb__item *s,
                         uint32_t slen) {
  for (uint32_t at = 0; at + elen <= slen; at++) {
    bool all = true;
    for (uint32_t k = 0; k < elen && all; k++)
      all = same_item(&e[k], &s[at + k]) && (k == 0 || s[at + k].gap == 0);
    if (all)
      return true;
  }
  return false;
}

static bool term_holds(const vb_lexicon *lex, const vb__term *term,
                       const vb__term *ex) {
  const vb__item *e = &lex->items[ex->a_first];
  if (items_inside(e, ex->a_len, &lex->items[term->a_first], term->a_len))
    return true;
  for (uint32_t j = 0; j < term->link_count; j++) {
    const vb__link *l = &lex->links[term->link_first + j];
    if (items_inside(e, ex->a_len, &lex->items[l->first], l->len))
      return true;
  }
  return false;
}

static void check_excludes(checker *c) {
  const vb_lexicon *lex = c->lex;
  for (size_t x = 0; x < lex->term_count; x++) {
    const vb__term *ex = &lex->terms[x];
    if (!ex->exclude || ex->kind != VB__TERM_WORDS || ex->with_set)
      continue;
    for (size_t t = 0; t < lex->term_count; t++) {
      const vb__term *term = &lex->terms[t];
      if (term->exclude || term->kind == VB__TERM_PATTERN ||
          !vb__theme_covers(lex, ex->theme, term->theme) ||
          !term_holds(lex, term, ex))
        continue;
      warn(c, ex->source, ex->line, ex->column,
           "exclude \"%s\" cancels every match of term \"%s\" of theme %s "
           "(%s:%u:%u): its words are the term's own words once stemmed",
           ex->text, term->text, lex->themes[term->theme].id,
           lex->sources[term->source], term->line, term->column);
    }
  }
}

/* ---- backspaces in patterns ------------------------------------------ */

static void check_pattern_backspaces(checker *c) {
  const vb_lexicon *lex = c->lex;
  for (size_t t = 0; t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    if (term->kind == VB__TERM_PATTERN && strchr(term->text, '\b'))
      warn(c, term->source, term->line, term->column,
           "pattern term holds a backspace (U+0008, written \"\\b\" in "
           "JSON): for the regex's word boundary write \"\\\\b\"");
  }
}

/* ---- stems that pull in other words ------------------------------------ */

/* A written word of the lexicon and where it is written. */
typedef struct written {
  char word[MAX_WORD];
  uint32_t stem; /* id in `stems` below */
  uint32_t source;
  unsigned line, column;
  char found[MAX_EXAMPLES][MAX_WORD];
  unsigned found_count;
} written;

typedef struct stem_words {
  vb__analyzer an;
  vb__strtab stems; /* stems of written words */
  written *words;
  size_t count, cap;
  vb__strtab seen; /* written words already listed */
} stem_words;

/* The plain words (no =, *, @, ~, NEAR, WITH) of a term or set member. */
static int add_written(stem_words *sw, const char *text, uint32_t source,
                       unsigned line, unsigned column) {
  char copy[1024], *save = NULL;
  snprintf(copy, sizeof copy, "%s", text);
  for (char *w = strtok_r(copy, " \t\r\n", &save); w;
       w = strtok_r(NULL, " \t\r\n", &save)) {
    size_t len = strlen(w);
    if (strchr("=@~/", w[0]) || w[len - 1] == '*' ||
        strncmp(w, "NEAR/", 5) == 0 || strcmp(w, "WITH") == 0)
      continue;
    if (vb__analyze(&sw->an, w, len))
      continue;
    for (size_t k = 0; k < sw->an.word_count; k++) {
      const vb__word *x = &sw->an.words[k];
      const char *stem;
      size_t slen;
      uint32_t id, before = (uint32_t)sw->seen.count;
      if (x->len >= MAX_WORD ||
          vb__strtab_intern(&sw->seen, x->text, x->len, &id))
        continue;
      if (sw->seen.count == before)
        continue; /* the same word, written twice: warn once */
      if (vb__stem(&sw->an.stemmer, x->text, x->len, &stem, &slen) ||
          vb__strtab_intern(&sw->stems, stem, slen, &id) ||
          vb__grow((void **)&sw->words, &sw->cap, sw->count + 1,
                   sizeof *sw->words))
        return VB_ENOMEM;
      written *wr = &sw->words[sw->count++];
      memset(wr, 0, sizeof *wr);
      memcpy(wr->word, x->text, x->len);
      wr->stem = id;
      wr->source = source;
      wr->line = line;
      wr->column = column;
    }
  }
  return VB_OK;
}

static bool ends_with(const char *s, size_t len, const char *suffix) {
  size_t n = strlen(suffix);
  return len > n && memcmp(s + len - n, suffix, n) == 0;
}

/* The bases a word may inflect: itself, without -s/-es/-ed/-ing/-'s,
 * y for -ies/-ied, e restored, a doubled consonant undone. */
static size_t bases(const char *w, char out[][MAX_WORD]) {
  size_t len = strlen(w), n = 0;
  snprintf(out[n++], MAX_WORD, "%s", w);
  static const char *const suffixes[] = {"'s", "s", "es", "ed", "ing", "d"};
  for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
    if (!ends_with(w, len, suffixes[i]))
      continue;
    size_t b = len - strlen(suffixes[i]);
    snprintf(out[n++], MAX_WORD, "%.*s", (int)b, w);
    snprintf(out[n++], MAX_WORD, "%.*se", (int)b, w);
    if (b >= 2 && w[b - 1] == w[b - 2])
      snprintf(out[n++], MAX_WORD, "%.*s", (int)b - 1, w);
  }
  if (ends_with(w, len, "ies") || ends_with(w, len, "ied"))
    snprintf(out[n++], MAX_WORD, "%.*sy", (int)len - 3, w);
  return n;
}

/* True when a and b are inflections of one base. */
static bool inflections(const char *a, const char *b) {
  /* itself, 3 per suffix (6, of which at most 2 fit one word), y/ies */
  char x[24][MAX_WORD], y[24][MAX_WORD];
  size_t nx = bases(a, x), ny = bases(b, y);
  for (size_t i = 0; i < nx; i++)
    for (size_t j = 0; j < ny; j++)
      if (strcmp(x[i], y[j]) == 0)
        return true;
  return false;
}

/* True when w is `base` plus a suffix that makes another word of it: an
 * agent or thing (-er, -or), an act or result (-ment), a gerund used as a
 * noun (-ing: "settings" for "set"), or a final -e ("paste" for "past").
 * Adverbs (-ly), adjectives (-ful, -al) and most nominalisations keep the
 * base's sense, and are not reported. */
static bool derived_from(const char *w, const char *base) {
  static const char *const suffixes[] = {"er",   "ers",   "or",  "ors",
                                         "ment", "ments", "ing", "ings",
                                         "e",    "es",    NULL};
  size_t bl = strlen(base), common = 0;
  while (base[common] && base[common] == w[common])
    common++;
  if (common < bl && !(common + 1 == bl && base[common] == 'e'))
    return false; /* base is not w's beginning (bar a final e) */
  const char *rest = w + common;
  if (common == bl && bl > 0 && rest[0] == base[bl - 1])
    rest++; /* a doubled consonant: set -> settings */
  if (common + 1 == bl && rest[0] == 'e')
    rest++; /* manage -> management */
  for (size_t i = 0; suffixes[i]; i++)
    if (strcmp(rest, suffixes[i]) == 0)
      return true;
  return false;
}

static int scan_wordlist(stem_words *sw, FILE *f) {
  char line[MAX_WORD];
  while (fgets(line, sizeof line, f)) {
    size_t len = strcspn(line, "\r\n");
    line[len] = '\0';
    bool plain = len > 1;
    for (size_t i = 0; i < len && plain; i++)
      plain = line[i] >= 'a' && line[i] <= 'z'; /* skip names, 's */
    const char *stem;
    size_t slen;
    if (!plain || vb__stem(&sw->an.stemmer, line, len, &stem, &slen))
      continue;
    uint32_t id = vb__strtab_find(&sw->stems, stem, slen);
    for (size_t i = 0; id && i < sw->count; i++) {
      written *wr = &sw->words[i];
      if (wr->stem != id || wr->found_count == MAX_EXAMPLES ||
          len >= strlen(wr->word) || inflections(wr->word, line) ||
          !derived_from(wr->word, line))
        continue;
      snprintf(wr->found[wr->found_count++], MAX_WORD, "%s", line);
    }
  }
  return VB_OK;
}

static int check_stems(checker *c, const char *wordlist) {
  const vb_lexicon *lex = c->lex;
  if (strcmp(lex->language, "en") != 0 && strncmp(lex->language, "en-", 3))
    return VB_OK; /* the word list is English */
  FILE *f = fopen(wordlist ? wordlist : VB_WORDLIST, "r");
  if (!f)
    return VB_EIO;
  stem_words sw;
  memset(&sw, 0, sizeof sw);
  int rc = vb__analyzer_init(&sw.an, lex->language, lex->fold_accents);
  for (size_t t = 0; !rc && t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    if (term->kind != VB__TERM_PATTERN && !term->exclude)
      rc = add_written(&sw, term->text, term->source, term->line, term->column);
  }
  for (size_t s = 0; !rc && s < lex->set_count; s++) {
    const vb__set *set = &lex->sets[s];
    char *members = vb__memdup(set->members, strlen(set->members));
    if (!members)
      rc = VB_ENOMEM;
    char *save = NULL;
    for (char *w = members ? strtok_r(members, "\n", &save) : NULL; w && !rc;
         w = strtok_r(NULL, "\n", &save))
      rc = add_written(&sw, w, set->source, set->line, set->column);
    free(members);
  }
  if (!rc)
    rc = scan_wordlist(&sw, f);
  for (size_t i = 0; !rc && i < sw.count; i++) {
    const written *wr = &sw.words[i];
    if (!wr->found_count)
      continue;
    size_t slen;
    const char *stem = vb__strtab_str(&sw.stems, wr->stem, &slen);
    warn(c, wr->source, wr->line, wr->column,
         "\"%s\" (stem \"%s\") also matches \"%s\"%s%s%s%s: write =%s or "
         "%s* if only that word is meant",
         wr->word, stem, wr->found[0], wr->found_count > 1 ? ", \"" : "",
         wr->found_count > 1 ? wr->found[1] : "",
         wr->found_count > 1 ? "\"" : "", wr->found_count > 2 ? ", ..." : "",
         wr->word, wr->word);
  }
  fclose(f);
  vb__analyzer_free(&sw.an);
  vb__strtab_free(&sw.stems);
  vb__strtab_free(&sw.seen);
  free(sw.words);
  return rc;
}

int vb_lexicon_check(const vb_lexicon *lex, const char *wordlist,
                     vb_warning_fn fn, void *ctx) {
  if (!lex)
    return VB_EINVAL;
  checker c = {lex, fn, ctx, 0};
  int rc = VB_OK;
  for (size_t i = 0; !rc && i < vb_lexicon_language_count(lex); i++) {
    c.lex = vb__lexicon_at(lex, i); /* each language's own lexicon */
    check_excludes(&c);
    check_pattern_backspaces(&c);
    rc = check_stems(&c, wordlist);
  }
  if (rc)
    return rc;
  return c.warnings > (size_t)0x7fffffff ? 0x7fffffff : (int)c.warnings;
}
