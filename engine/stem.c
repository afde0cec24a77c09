/*
 * stem.c - the third stage: a normalized word -> its Snowball stem.
 *
 * A thin wrapper over libstemmer.  An sb_stemmer is not thread-safe, so
 * each matcher (one per thread) owns its own.  Language "none" stems every
 * word to itself, for lexicons of exact words or of languages Snowball
 * does not cover (Chinese, Japanese).
 */
#include <string.h>

#include <libstemmer.h>

#include "internal.h"

bool vb__language_known(const char *language) {
  if (strcmp(language, "none") == 0)
    return true;
  struct sb_stemmer *sb = sb_stemmer_new(language, "UTF_8");
  if (!sb)
    return false;
  sb_stemmer_delete(sb);
  return true;
}

int vb__stemmer_init(vb__stemmer *st, const char *language) {
  st->sb = NULL;
  if (strcmp(language, "none") == 0)
    return VB_OK;
  st->sb = sb_stemmer_new(language, "UTF_8");
  if (!st->sb)
    return vb__language_known(language) ? VB_ENOMEM : VB_ELANGUAGE;
  return VB_OK;
}

void vb__stemmer_free(vb__stemmer *st) {
  if (st->sb)
    sb_stemmer_delete(st->sb);
  st->sb = NULL;
}

int vb__stem(vb__stemmer *st, const char *word, size_t len, const char **stem,
             size_t *stem_len) {
  if (!st->sb) {
    *stem = word;
    *stem_len = len;
    return VB_OK;
  }
  const sb_symbol *out =
      sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
  if (!out)
    return VB_ENOMEM;
  *stem = (const char *)out;
  *stem_len = (size_t)sb_stemmer_length(st->sb);
  return VB_OK;
}
