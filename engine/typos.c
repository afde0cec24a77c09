/*
 * typos.c - typo tolerance: a comment word of 6 or more letters that is
 * not an English word may stand for a lexicon word one edit away
 * ("shiping" -> "shipping", "delivary" -> "delivery").
 *
 * At compile time (lexicon setting "typos": true) we read Debian's
 * wamerican word list (VB_WORDLIST) into a set of known words, and build
 * the targets: the lexicon's own written words and every listed word
 * whose stem, exact form or prefix a lexicon item uses.  Each target and
 * each string made by deleting one of its letters is a key pointing back
 * at the target (a deletion neighbourhood).  Two words are at most one
 * edit apart (substitution, insertion, deletion, or swapping two
 * neighbours) only if they share such a key, so a lookup costs one hash
 * probe per letter of the word, and the matcher does it once per distinct
 * word (its word cache), never per occurrence.
 *
 * Invariants: a known word is never changed ("shopping" stays shopping,
 * "equality" stays equality), nor is a word that some item already
 * matches; when the targets one edit away have different stems the word
 * is ambiguous and left alone.  Only lower-case ASCII letters take part.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifndef VB_WORDLIST
#define VB_WORDLIST "/usr/share/dict/american-english"
#endif

#define MIN_LETTERS 6u
#define MAX_LETTERS 40u

static bool lower_ascii_word(const char *s, size_t len) {
  if (len == 0 || len > MAX_LETTERS)
    return false;
  for (size_t i = 0; i < len; i++)
    if (s[i] < 'a' || s[i] > 'z')
      return false;
  return true;
}

int vb__typos_add_target(vb__typos *t, const char *s, size_t len) {
  if (!lower_ascii_word(s, len) || len + 1 < MIN_LETTERS)
    return VB_OK;
  uint32_t id;
  return vb__strtab_intern(&t->targets, s, len, &id);
}

/* True when a lexicon item could match the word: it is worth a target. */
static bool lexicon_uses(const vb_lexicon *lex, vb__stemmer *st, const char *s,
                         size_t len) {
  const char *stem;
  size_t slen;
  if (vb__strtab_find(&lex->exacts, s, len))
    return true;
  if (!vb__stem(st, s, len, &stem, &slen) &&
      vb__strtab_find(&lex->stems, stem, slen))
    return true;
  for (size_t i = 0; i < lex->prefix_length_count; i++) {
    uint32_t plen = lex->prefix_lengths[i];
    if (plen <= len && vb__strtab_find(&lex->prefixes, s, plen))
      return true;
  }
  return false;
}

/* Reads the word list: every lower-cased word is known; those a lexicon
 * item uses become targets. */
static int read_wordlist(vb__typos *t, const vb_lexicon *lex, vb__stemmer *st,
                         vb_error *err) {
  FILE *f = fopen(VB_WORDLIST, "r");
  if (!f)
    return vb__fail(err, VB_EIO, VB_WORDLIST, 0, 0,
                    "\"typos\" needs the English word list: %s (install "
                    "Debian's wamerican)",
                    strerror(errno));
  char line[128];
  int rc = VB_OK;
  while (!rc && fgets(line, sizeof line, f)) {
    size_t len = strcspn(line, "\r\n");
    for (size_t i = 0; i < len; i++)
      if (line[i] >= 'A' && line[i] <= 'Z')
        line[i] = (char)(line[i] - 'A' + 'a');
    if (!lower_ascii_word(line, len))
      continue; /* possessives, accented words */
    uint32_t id;
    rc = vb__strtab_intern(&t->known, line, len, &id);
    if (!rc && len + 1 >= MIN_LETTERS && lexicon_uses(lex, st, line, len))
      rc = vb__strtab_intern(&t->targets, line, len, &id);
  }
  fclose(f);
  return rc ? vb__fail(err, rc, NULL, 0, 0, "out of memory") : VB_OK;
}

/* Points key s (a target or one of its deletions) at target `target`. */
static int add_key(vb__typos *t, const char *s, size_t len, uint32_t target) {
  uint32_t key;
  if (vb__strtab_intern(&t->keys, s, len, &key) ||
      vb__grow((void **)&t->key_first, &t->key_first_cap, (size_t)key + 1,
               sizeof *t->key_first) ||
      vb__grow((void **)&t->entries, &t->entry_cap, t->entry_count + 1,
               sizeof *t->entries))
    return VB_ENOMEM;
  if (key + 1 > t->key_first_len) {
    memset(t->key_first + t->key_first_len, 0,
           (key + 1 - t->key_first_len) * sizeof *t->key_first);
    t->key_first_len = key + 1;
  }
  /* entries are 1-based so that 0 ends a list */
  t->entries[t->entry_count] = (vb__typo_entry){target, t->key_first[key]};
  t->key_first[key] = (uint32_t)++t->entry_count;
  return VB_OK;
}

int vb__typos_build(vb__typos *t, const vb_lexicon *lex, vb__stemmer *st,
                    vb_error *err) {
  int rc = read_wordlist(t, lex, st, err);
  for (uint32_t id = 1; !rc && id <= t->targets.count; id++) {
    size_t len;
    const char *s = vb__strtab_str(&t->targets, id, &len);
    char del[MAX_LETTERS];
    rc = add_key(t, s, len, id);
    for (size_t k = 0; !rc && k < len; k++) {
      if (k > 0 && s[k] == s[k - 1])
        continue; /* deleting either of two equal letters is the same */
      memcpy(del, s, k);
      memcpy(del + k, s + k + 1, len - k - 1);
      rc = add_key(t, del, len - 1, id);
    }
  }
  if (rc && err && err->code == VB_OK)
    vb__fail(err, rc, NULL, 0, 0, "out of memory");
  return rc;
}

void vb__typos_free(vb__typos *t) {
  vb__strtab_free(&t->known);
  vb__strtab_free(&t->targets);
  vb__strtab_free(&t->keys);
  free(t->key_first);
  free(t->entries);
  memset(t, 0, sizeof *t);
}

/* True when a and b are at most one edit apart (Damerau: a swap of two
 * neighbours counts as one). */
static bool one_edit(const char *a, size_t al, const char *b, size_t bl) {
  if (al < bl)
    return one_edit(b, bl, a, al);
  if (al - bl > 1)
    return false;
  size_t i = 0;
  while (i < bl && a[i] == b[i])
    i++;
  if (i == bl)
    return true; /* equal, or a has one more letter at the end */
  if (al > bl)
    return memcmp(a + i + 1, b + i, bl - i) == 0;
  if (memcmp(a + i + 1, b + i + 1, bl - i - 1) == 0)
    return true; /* substitution */
  return i + 1 < bl && a[i] == b[i + 1] && a[i + 1] == b[i] &&
         memcmp(a + i + 2, b + i + 2, bl - i - 2) == 0;
}

/* Collects into *found the targets that key s points at and that are one
 * edit from word w; false once two of them disagree on their stem. */
static bool collect(const vb__typos *t, vb__stemmer *st, const char *s,
                    size_t len, const char *w, size_t wlen, uint32_t *found,
                    char *stem0, size_t *stem0_len) {
  uint32_t key = vb__strtab_find(&t->keys, s, len);
  if (!key || key >= t->key_first_len)
    return true;
  for (uint32_t e = t->key_first[key]; e; e = t->entries[e - 1].next) {
    uint32_t target = t->entries[e - 1].target;
    size_t tl;
    const char *ts = vb__strtab_str(&t->targets, target, &tl);
    if (target == *found || !one_edit(w, wlen, ts, tl))
      continue;
    const char *stem;
    size_t slen;
    if (vb__stem(st, ts, tl, &stem, &slen))
      return false;
    if (*found && (slen != *stem0_len || memcmp(stem, stem0, slen) != 0))
      return false; /* two readings: leave the word alone */
    if (!*found || target < *found) {
      if (!*found) {
        memcpy(stem0, stem, slen);
        *stem0_len = slen;
      }
      *found = target;
    }
  }
  return true;
}

uint32_t vb__typo_target(const vb__typos *t, vb__stemmer *st, const char *w,
                         size_t len) {
  if (t->targets.count == 0 || len < MIN_LETTERS || !lower_ascii_word(w, len) ||
      vb__strtab_find(&t->known, w, len))
    return 0;
  uint32_t found = 0;
  char stem0[MAX_LETTERS * 2], del[MAX_LETTERS];
  size_t stem0_len = 0;
  if (!collect(t, st, w, len, w, len, &found, stem0, &stem0_len))
    return 0;
  for (size_t k = 0; k < len; k++) {
    if (k > 0 && w[k] == w[k - 1])
      continue;
    memcpy(del, w, k);
    memcpy(del + k, w + k + 1, len - k - 1);
    if (!collect(t, st, del, len - 1, w, len, &found, stem0, &stem0_len))
      return 0;
  }
  return found;
}
