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
  free(a->word_buf);
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

/* How many tokens the negative contraction at token i takes (1, or 2 for
 * "doesn ' t"), with its auxiliary in *aux ("does"; NULL for a lone
 * "n't", which is just "not"); 0 when it is none. */
static size_t contraction(const vb__analyzer *a, size_t i, const char **aux) {
  const vb__tok *t = &a->seg.toks[i];
  const char *s = t->text;
  size_t len = t->len;
  *aux = NULL;
  if (len == 6 && memcmp(s, "cannot", 6) == 0) {
    *aux = "can";
    return 1;
  }
  if (s[len - 1] == 't') {
    if (len == 3 && memcmp(s, "n't", 3) == 0)
      return 1;
    size_t base = 0;
    if (len >= 4 && s[len - 2] == '\'' && s[len - 3] == 'n')
      base = len - 3; /* don't */
    else if (len >= 4 && s[len - 2] == 'n')
      base = len - 2; /* dont */
    return base && (*aux = auxiliary(s, base)) ? 1 : 0;
  }
  if (s[len - 1] == 'n' && len >= 3 && i + 1 < a->seg.count &&
      a->seg.toks[i + 1].len == 1 && a->seg.toks[i + 1].text[0] == 't' &&
      apostrophe_between(a, i) && (*aux = auxiliary(s, len - 1)))
    return 2;
  return 0;
}

static void put_word(vb__analyzer *a, size_t first, size_t last,
                     const char *text, size_t len) {
  const vb__tok *f = &a->seg.toks[first], *l = &a->seg.toks[last];
  a->words[a->word_count++] =
      (vb__word){f->ns, l->ne,         f->sentence,    f->clause,
                 text,  (uint32_t)len, (uint32_t)first};
}

/* Spells out the contraction of `used` tokens at token i. */
static void put_contraction(vb__analyzer *a, size_t i, size_t used,
                            const char *aux) {
  if (aux)
    put_word(a, i, i + used - 1, aux, strlen(aux));
  put_word(a, i, i + used - 1, "not", 3);
}

/* Where token i splits at an elision ("l'application" -> "l"
 * "application"): the length of the elided word, 0 when it has none. */
static size_t elision_length(const vb__analyzer *a, size_t i) {
  const vb__tok *t = &a->seg.toks[i];
  const char *q = memchr(t->text, '\'', t->len < 8 ? t->len : 8);
  if (!q || q == t->text || (size_t)(q - t->text) + 1 >= t->len)
    return 0;
  size_t n = (size_t)(q - t->text);
  for (const char *const *e = a->elisions; *e; e++)
    if (strlen(*e) == n && memcmp(*e, t->text, n) == 0)
      return n;
  return 0;
}

/* Token i as its elided word and the word after the apostrophe. */
static void split_elision(vb__analyzer *a, size_t i, size_t n) {
  const vb__tok *t = &a->seg.toks[i];
  uint32_t cut = t->ns + (uint32_t)n;
  a->words[a->word_count++] = (vb__word){
      t->ns, cut, t->sentence, t->clause, t->text, (uint32_t)n, (uint32_t)i};
  a->words[a->word_count++] =
      (vb__word){cut + 1,    t->ne,           t->sentence,
                 t->clause,  t->text + n + 1, (uint32_t)(t->len - n - 1),
                 (uint32_t)i};
}

/* False when token i is surely no contraction: the few instructions
 * most tokens cost before contraction() would reject them. */
static inline bool may_be_contraction(const vb__analyzer *a, size_t i) {
  const vb__tok *t = &a->seg.toks[i];
  unsigned char last = (unsigned char)t->text[t->len - 1];
  unsigned char before = t->len >= 2 ? (unsigned char)t->text[t->len - 2] : 0;
  bool next_single = i + 1 < a->seg.count && a->seg.toks[i + 1].len == 1;
  return vb__contraction_end(last, before, t->len) |
         ((last == 'n') & next_single);
}

/* True when token i is spelled out as other words. */
static bool spelled_out(const vb__analyzer *a, size_t i) {
  const char *aux;
  return (a->elisions && elision_length(a, i)) ||
         (may_be_contraction(a, i) && contraction(a, i, &aux));
}

/* The first token spelled out as other words, or the token count.
 * Without elisions, only the tokens the segmenter listed as possible
 * contractions are looked at, when its list is complete (runs_whole). */
static size_t first_spelled_out(const vb__analyzer *a) {
  size_t n = a->seg.count;
  if (!a->elisions && a->seg.runs_whole) { /* each may be a contraction */
    const char *aux;
    for (size_t k = 0; k < a->seg.maybe_count; k++)
      if (contraction(a, a->seg.maybe_at[k], &aux))
        return a->seg.maybe_at[k];
    return n;
  }
  size_t first = 0;
  while (first < n && !spelled_out(a, first))
    first++;
  return first;
}

/* The tokens as words, contractions spelled out and elisions split.
 * Most comments have neither: then the words are the tokens themselves,
 * not a copy. */
static int expand(vb__analyzer *a) {
  size_t n = a->seg.count, first = first_spelled_out(a);
  a->words = a->seg.toks;
  a->word_count = n;
  a->expanded = first < n;
  if (first == n)
    return VB_OK;
  if (vb__grow((void **)&a->word_buf, &a->word_cap, 2 * n + 1,
               sizeof *a->word_buf))
    return VB_ENOMEM;
  a->words = a->word_buf;
  memcpy(a->words, a->seg.toks, first * sizeof *a->words);
  a->word_count = first;
  for (size_t i = first; i < n;) {
    const char *aux;
    size_t cut = a->elisions ? elision_length(a, i) : 0, used;
    if (cut) {
      split_elision(a, i, cut);
      i++;
    } else if ((used = contraction(a, i, &aux))) {
      put_contraction(a, i, used, aux);
      i += used;
    } else {
      a->words[a->word_count++] = a->seg.toks[i++];
    }
  }
  return VB_OK;
}

bool vb__analyze_expanded(const vb__analyzer *a) { return a->expanded; }

void vb__analyze_sentences(vb__analyzer *a) {
  if (!a->seg.sentences_pending)
    return;
  vb__seg_sentences(&a->seg);
  if (a->words != a->seg.toks)
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
  *len = a->seg.toks[i].len;
  return a->seg.toks[i].text;
}
