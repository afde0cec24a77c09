/*
 * strtab.c - string interning: byte strings -> dense ids 1..count.
 *
 * The lexicon interns stems, exact words and prefixes so the matcher
 * compares integers; the matcher's per-thread word cache interns surface
 * words so each distinct word is analysed once.  Open addressing with
 * linear probing over a power-of-two slot array kept at most half full;
 * strings live NUL-terminated in one growing arena (addressed by offset,
 * so growing it never invalidates ids).  Id 0 always means "absent".
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* FNV-1a over 8-byte words then bytes, finished with a 64-bit mixer: fast
 * for the short words that dominate, and well spread for probing. */
uint64_t vb__hash(const char *s, size_t len) {
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)len;
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

static int rehash(vb__strtab *t, size_t slot_count) {
  uint32_t *slots = calloc(slot_count, sizeof *slots);
  if (!slots)
    return VB_ENOMEM;
  size_t mask = slot_count - 1;
  for (uint32_t id = 1; id <= t->count; id++) {
    size_t i = (size_t)t->hashes[id] & mask;
    while (slots[i])
      i = (i + 1) & mask;
    slots[i] = id;
  }
  free(t->slots);
  t->slots = slots;
  t->mask = mask;
  return VB_OK;
}

uint32_t vb__strtab_find(const vb__strtab *t, const char *s, size_t len) {
  if (!t->slots)
    return 0;
  uint64_t h = vb__hash(s, len);
  for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
    uint32_t id = t->slots[i];
    if (!id)
      return 0;
    if (t->hashes[id] == h && t->lengths[id] == len &&
        memcmp(t->arena + t->offsets[id], s, len) == 0)
      return id;
  }
}

int vb__strtab_intern(vb__strtab *t, const char *s, size_t len, uint32_t *id) {
  uint32_t found = vb__strtab_find(t, s, len);
  if (found) {
    *id = found;
    return VB_OK;
  }
  if (len >= UINT32_MAX || t->count >= UINT32_MAX - 1 ||
      t->arena_len > UINT32_MAX - len - 1)
    return VB_ENOMEM;
  /* Keep the slot array at most half full. */
  if ((t->count + 1) * 2 > (t->slots ? t->mask + 1 : 0)) {
    size_t n = t->slots ? (t->mask + 1) * 2 : 64;
    if (rehash(t, n) != VB_OK)
      return VB_ENOMEM;
  }
  size_t need = t->count + 2; /* ids are 1-based */
  if (need > t->cap) {
    size_t cap = t->cap;
    size_t c1 = cap, c2 = cap;
    if (vb__grow((void **)&t->offsets, &c1, need, sizeof *t->offsets) ||
        vb__grow((void **)&t->lengths, &c2, need, sizeof *t->lengths) ||
        vb__grow((void **)&t->hashes, &cap, need, sizeof *t->hashes))
      return VB_ENOMEM;
    /* all three grew to the same capacity (same start, same rule) */
    t->cap = cap;
  }
  if (vb__grow((void **)&t->arena, &t->arena_cap, t->arena_len + len + 1, 1))
    return VB_ENOMEM;
  uint32_t nid = (uint32_t)(t->count + 1);
  memcpy(t->arena + t->arena_len, s, len);
  t->arena[t->arena_len + len] = '\0';
  t->offsets[nid] = (uint32_t)t->arena_len;
  t->lengths[nid] = (uint32_t)len;
  t->hashes[nid] = vb__hash(s, len);
  t->arena_len += len + 1;
  t->count = nid;
  size_t i = (size_t)t->hashes[nid] & t->mask;
  while (t->slots[i])
    i = (i + 1) & t->mask;
  t->slots[i] = nid;
  *id = nid;
  return VB_OK;
}

const char *vb__strtab_str(const vb__strtab *t, uint32_t id, size_t *len) {
  if (id == 0 || id > t->count) {
    if (len)
      *len = 0;
    return "";
  }
  if (len)
    *len = t->lengths[id];
  return t->arena + t->offsets[id];
}

void vb__strtab_clear(vb__strtab *t) {
  if (t->slots)
    memset(t->slots, 0, (t->mask + 1) * sizeof *t->slots);
  t->count = 0;
  t->arena_len = 0;
}

void vb__strtab_free(vb__strtab *t) {
  free(t->slots);
  free(t->offsets);
  free(t->lengths);
  free(t->hashes);
  free(t->arena);
  memset(t, 0, sizeof *t);
}
