/*
 * analyze.c - normalize -> segment -> stem, as one step.
 *
 * The lexicon compiler and the matcher both call this, which is what
 * guarantees that a term and a comment word meet at the same stem: there
 * is no second normalization or tokenization path to drift apart.
 */
#include <string.h>

#include "internal.h"

int vb__analyzer_init(vb__analyzer *a, const char *language,
                      bool fold_accents) {
  memset(a, 0, sizeof *a);
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
                     a->norm.from);
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
