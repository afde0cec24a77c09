/*
 * analyze.c - normalize -> segment -> stem, as one step.
 *
 * The lexicon compiler and the matcher both call this, which is what
 * guarantees that a term and a comment word meet at the same stem: there
 * is no second normalization or tokenization path to drift apart.
 *
 * Between segmenting and stemming, tokens become words: English negative
 * contractions are spelled out ("doesn't" -> "does" "not"), and in French,
 * Italian and Catalan an elided word is split from the word it leans on
 * ("l'application" -> "l" "application", "n'est" -> "n" "est"), because
 * UAX #29 keeps both sides of an apostrophe in one token.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Elided words: what comes before the apostrophe, as normalized (lower
 * case; accents may be folded, so none here carries one). */
static const char *const ELISIONS_FR[] = {
    "l",  "d",     "j",      "m",      "n",      "s",      "t", "c",
    "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", NULL};
static const char *const ELISIONS_IT[] = {
    "l",    "un",    "d",     "c",    "dell", "all",  "dall", "nell",   "sull",
    "coll", "quest", "quell", "anch", "bell", "sant", "tutt", "nessun", "buon",
    "qual", "com",   "dov",   "m",    "t",    "s",    "v",    NULL};
static const char *const ELISIONS_CA[] = {"l", "d", "s", "m", "t", "n", NULL};

static const char *const *elisions_of(const char *language) {
  char key[64]; /* "French", "fr-CA" -> "fr" */
  if (!vb__language_key(language, strlen(language), key, sizeof key))
    return NULL;
  key[strcspn(key, "-")] = '\0';
  return strcmp(key, "fr") == 0   ? ELISIONS_FR
         : strcmp(key, "it") == 0 ? ELISIONS_IT
         : strcmp(key, "ca") == 0 ? ELISIONS_CA
                                  : NULL;
}

int vb__analyzer_init(vb__analyzer *a, const char *language,
                      bool fold_accents) {
  memset(a, 0, sizeof *a);
  a->elisions = elisions_of(language);
  int rc = vb__norm_init(&a->norm, fold_accents);
  if (!rc)
    rc = vb__seg_init(&a->seg);
  if (!rc)
    rc = vb__stemmer_init(&a->stemmer, language);
  if (rc)
    vb__analyzer_free(a);
  return rc;
}

void vb__analyzer_free(vb__analyzer *a) {
  vb__norm_free(&a->norm);
  vb__seg_free(&a->seg);
  vb__stemmer_free(&a->stemmer);
  free(a->words);
}

/* What comes before "n't" / "nt" in a negative contraction, and the
 * auxiliary it stands for. */
static const struct {
  const char *base, *aux;
} AUXILIARIES[] = {
    {"do", "do"},         {"does", "does"},   {"did", "did"},
    {"is", "is"},         {"was", "was"},     {"are", "are"},
    {"were", "were"},     {"have", "have"},   {"has", "has"},
    {"had", "had"},       {"could", "could"}, {"would", "would"},
    {"should", "should"}, {"must", "must"},   {"need", "need"},
    {"might", "might"},   {"ca", "can"},      {"wo", "will"},
    {"ai", "is"},         {"sha", "shall"},
};

static const char *auxiliary(const char *s, size_t len) {
  if (len < 2 || len > 6)
    return NULL;
  for (size_t i = 0; i < sizeof AUXILIARIES / sizeof *AUXILIARIES; i++) {
    const char *b = AUXILIARIES[i].base; /* first letter first: cheap */
    if (b[0] == s[0] && strlen(b) == len && memcmp(b, s, len) == 0)
      return AUXILIARIES[i].aux;
  }
  return NULL;
}

/* True when only blanks and at least one apostrophe lie between tokens i
 * and i + 1 ("doesn ' t"). */
static bool apostrophe_between(const vb__analyzer *a, size_t i) {
  const char *p = a->norm.out + a->seg.toks[i].ne;
  const char *end = a->norm.out + a->seg.toks[i + 1].ns;
  bool quote = false;
  for (; p < end; p++) {
    if (*p == '\'')
      quote = true;
    else if (*p != ' ')
      return false;
  }
  return quote;
}

static void put_word(vb__analyzer *a, size_t first, size_t last,
                     const char *text, size_t len) {
  const vb__tok *f = &a->seg.toks[first], *l = &a->seg.toks[last];
  a->words[a->word_count++] =
      (vb__word){f->ns, l->ne,         f->sentence,    f->clause,
                 text,  (uint32_t)len, (uint32_t)first};
}

/* Token i as words; returns how many tokens it used (1 or 2). */
static size_t expand_token(vb__analyzer *a, size_t i) {
  size_t len;
  const char *s = vb__token_text(a, i, &len);
  const char *aux = NULL;
  size_t used = 1, base = 0;
  if (len >= 3 && s[len - 1] == 't' && s[len - 2] == '\'' && s[len - 3] == 'n')
    base = len - 3; /* don't, n't */
  else if (len >= 4 && s[len - 1] == 't' && s[len - 2] == 'n')
    base = len - 2; /* dont */
  else if (len == 6 && memcmp(s, "cannot", 6) == 0)
    aux = "can";
  else if (len >= 3 && s[len - 1] == 'n' && i + 1 < a->seg.count &&
           a->seg.toks[i + 1].ne - a->seg.toks[i + 1].ns == 1 &&
           a->norm.out[a->seg.toks[i + 1].ns] == 't' &&
           apostrophe_between(a, i) && auxiliary(s, len - 1)) {
    base = len - 1; /* doesn ' t */
    used = 2;
  }
  if (base && !aux)
    aux = auxiliary(s, base);
  if (len == 3 && base == 0 && memcmp(s, "n't", 3) == 0) {
    a->expanded = true;
    put_word(a, i, i, "not", 3);
    return 1;
  }
  if (!aux) {
    put_word(a, i, i, s, len);
    return 1;
  }
  a->expanded = true;
  put_word(a, i, i + used - 1, aux, strlen(aux));
  put_word(a, i, i + used - 1, "not", 3);
  return used;
}

/* Splits token i at an elision ("l'application" -> "l" "application");
 * returns false when it has none. */
static bool split_elision(vb__analyzer *a, size_t i) {
  const vb__tok *t = &a->seg.toks[i];
  const char *s = a->norm.out + t->ns;
  size_t len = t->ne - t->ns;
  const char *q = memchr(s, '\'', len < 8 ? len : 8);
  if (!q || q == s || (size_t)(q - s) + 1 >= len)
    return false;
  size_t n = (size_t)(q - s);
  for (const char *const *e = a->elisions; *e; e++) {
    if (strlen(*e) != n || memcmp(*e, s, n) != 0)
      continue;
    a->expanded = true;
    uint32_t cut = t->ns + (uint32_t)n;
    a->words[a->word_count++] = (vb__word){
        t->ns, cut, t->sentence, t->clause, s, (uint32_t)n, (uint32_t)i};
    a->words[a->word_count++] =
        (vb__word){cut + 1,    t->ne,     t->sentence,
                   t->clause,  s + n + 1, (uint32_t)(len - n - 1),
                   (uint32_t)i};
    return true;
  }
  return false;
}

/* The tokens as words, contractions spelled out. */
static int expand(vb__analyzer *a) {
  size_t n = a->seg.count;
  if (vb__grow((void **)&a->words, &a->word_cap, 2 * n + 1, sizeof *a->words))
    return VB_ENOMEM;
  a->word_count = 0;
  a->expanded = false;
  const vb__tok *toks = a->seg.toks;
  for (size_t i = 0; i < n;) {
    const vb__tok *t = &toks[i];
    const char *s = a->norm.out + t->ns;
    size_t len = t->ne - t->ns;
    char last = s[len - 1];
    if (a->elisions && split_elision(a, i)) {
      i++;
      continue;
    }
    if (last != 't' && last != 'n') { /* most words: no contraction */
      a->words[a->word_count++] = (vb__word){
          t->ns, t->ne, t->sentence, t->clause, s, (uint32_t)len, (uint32_t)i};
      i++;
      continue;
    }
    i += expand_token(a, i);
  }
  return VB_OK;
}

bool vb__analyze_expanded(const vb__analyzer *a) { return a->expanded; }

void vb__analyze_sentences(vb__analyzer *a) {
  if (!a->seg.sentences_pending)
    return;
  vb__seg_sentences(&a->seg);
  for (size_t i = 0; i < a->word_count; i++)
    a->words[i].sentence = a->seg.toks[a->words[i].tok].sentence;
}

int vb__analyze_timed(vb__analyzer *a, const char *text, size_t len,
                      uint64_t ns[2]) {
  uint64_t t = ns ? vb__now_ns() : 0;
  int rc = vb__normalize(&a->norm, text, len);
  if (ns) {
    uint64_t now = vb__now_ns();
    ns[0] += now - t;
    t = now;
  }
  if (!rc)
    rc = vb__segment(&a->seg, a->norm.out, a->norm.out_len, text, len,
                     a->norm.from, a->norm.ascii);
  if (!rc)
    rc = expand(a);
  if (ns)
    ns[1] += vb__now_ns() - t;
  return rc;
}

int vb__analyze(vb__analyzer *a, const char *text, size_t len) {
  return vb__analyze_timed(a, text, len, NULL);
}

const char *vb__token_text(const vb__analyzer *a, size_t i, size_t *len) {
  const vb__tok *t = &a->seg.toks[i];
  *len = t->ne - t->ns;
  return a->norm.out + t->ns;
}
