/*
 * stem.c - the third stage: a normalized word -> its Snowball stem.
 *
 * A thin wrapper over libstemmer.  An sb_stemmer is not thread-safe, so
 * each matcher (one per thread) owns its own.  Language "none" stems every
 * word to itself, for lexicons of exact words, and so does any other
 * well-formed BCP 47 tag Snowball does not cover ("zh", "ja", "ko", "th"):
 * those lexicons match ICU's word segments unstemmed.  Languages are
 * named by BCP 47 tag or Snowball name; vb__language_key gives the one
 * spelling that routing compares.
 */
#include <string.h>
#include <strings.h>

#include <libstemmer.h>

#include "internal.h"

/* Snowball's language names and the codes they stand for. */
static const struct {
  const char *name, *code;
} NAMES[] = {
    {"arabic", "ar"},    {"armenian", "hy"},   {"basque", "eu"},
    {"catalan", "ca"},   {"danish", "da"},     {"dutch", "nl"},
    {"english", "en"},   {"finnish", "fi"},    {"french", "fr"},
    {"german", "de"},    {"greek", "el"},      {"hindi", "hi"},
    {"hungarian", "hu"}, {"indonesian", "id"}, {"irish", "ga"},
    {"italian", "it"},   {"lithuanian", "lt"}, {"nepali", "ne"},
    {"norwegian", "no"}, {"portuguese", "pt"}, {"romanian", "ro"},
    {"russian", "ru"},   {"serbian", "sr"},    {"spanish", "es"},
    {"swedish", "sv"},   {"tamil", "ta"},      {"turkish", "tr"},
    {"yiddish", "yi"},   {"porter", "en"},
};

static bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Well-formed enough for routing: a primary subtag of 2-3 letters, then
 * subtags of 1-8 letters or digits, separated by '-' or '_'. */
static bool bcp47_shape(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && is_alpha(s[i]))
    i++;
  if (i < 2 || i > 3)
    return false;
  while (i < len) {
    if (s[i] != '-' && s[i] != '_')
      return false;
    size_t start = ++i;
    while (i < len && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
      i++;
    if (i == start || i - start > 8)
      return false;
  }
  return true;
}

size_t vb__language_key(const char *language, size_t len, char *out,
                        size_t size) {
  if (len == 4 && memcmp(language, "none", 4) == 0 && size > 4) {
    memcpy(out, "none", 5);
    return 4;
  }
  bool name = len > 4 && !memchr(language, '-', len) && /* "french" */
              !memchr(language, '_', len);
  for (size_t i = 0; name && i < sizeof NAMES / sizeof *NAMES; i++)
    if (strlen(NAMES[i].name) == len &&
        strncasecmp(NAMES[i].name, language, len) == 0) {
      size_t n = strlen(NAMES[i].code);
      memcpy(out, NAMES[i].code, n + 1);
      return n;
    }
  if (!bcp47_shape(language, len) || len + 1 > size)
    return 0;
  for (size_t i = 0; i < len; i++) {
    char c = language[i];
    out[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
  }
  out[len] = '\0';
  return len;
}

/* A new stemmer for the language, by name or code, then by its primary
 * subtag ("pt-BR" -> "pt"); NULL when Snowball has none. */
static struct sb_stemmer *snowball_for(const char *language) {
  char key[64];
  size_t n = vb__language_key(language, strlen(language), key, sizeof key);
  if (n == 0 || strcmp(key, "none") == 0)
    return NULL;
  struct sb_stemmer *sb = sb_stemmer_new(key, "UTF_8");
  if (!sb) {
    key[strcspn(key, "-")] = '\0';
    sb = sb_stemmer_new(key, "UTF_8");
  }
  return sb;
}

bool vb__language_unspaced(const char *language) {
  static const char *const UNSPACED[] = {"zh", "ja", "th", "lo",
                                         "km", "my", "bo", NULL};
  char key[64];
  if (!vb__language_key(language, strlen(language), key, sizeof key))
    return false;
  key[strcspn(key, "-")] = '\0';
  for (size_t i = 0; UNSPACED[i]; i++)
    if (strcmp(key, UNSPACED[i]) == 0)
      return true;
  return false;
}

bool vb__language_stemmed(const char *language) {
  struct sb_stemmer *sb = snowball_for(language);
  if (sb)
    sb_stemmer_delete(sb);
  return sb != NULL;
}

int vb__stemmer_init(vb__stemmer *st, const char *language) {
  char key[64];
  st->sb = NULL;
  if (!vb__language_key(language, strlen(language), key, sizeof key))
    return VB_ELANGUAGE;
  st->sb = snowball_for(language);
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
