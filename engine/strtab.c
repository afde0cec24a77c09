/*
 * strtab.c - string interning: byte strings -> dense ids 1..count.
 *
 * The lexicon interns stems, exact words and prefixes so the matcher
 * compares integers; the matcher's per-thread word cache interns surface
 * words so each distinct word is analysed once.  Open addressing with
 * linear probing over a power-of-two slot array kept at most half full;
 * a slot holds the id and the top half of the string's hash, so a probe
 * touches another string's bytes only when 32 bits of hash agree (large
 * tables, such as suggest's phrase counts, miss the cache on every
 * array they touch).  Strings live NUL-terminated in one growing arena
 * (addressed by offset, so growing it never invalidates ids).  Id 0 always
 * means "absent".
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

/* A slot's content for id with hash h. */
static uint64_t slot_of(uint32_t id, uint64_t h) {
  return (h & 0xFFFFFFFF00000000ull) | id;
}

static int rehash(vb__strtab *t, size_t slot_count) {
  uint64_t *slots = calloc(slot_count, sizeof *slots);
  if (!slots)
    return VB_ENOMEM;
  size_t mask = slot_count - 1;
  for (uint32_t id = 1; id <= t->count; id++) {
    size_t i = (size_t)t->hashes[id] & mask;
    while (slots[i])
      i = (i + 1) & mask;
    slots[i] = slot_of(id, t->hashes[id]);
  }
  free(t->slots);
  t->slots = slots;
  t->mask = mask;
  return VB_OK;
}

/* The id of s (hash h), or 0; *at is the empty slot that ended the
 * search when s is absent. */
static uint32_t lookup(const vb__strtab *t, const char *s, size_t len,
                       uint64_t h, size_t *at) {
  uint64_t tag = h & 0xFFFFFFFF00000000ull;
  for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
    uint64_t e = t->slots[i];
    if (!e) {
      *at = i;
      return 0;
    }
    if ((e & 0xFFFFFFFF00000000ull) != tag)
      continue;
    uint32_t id = (uint32_t)e;
    const vb__strtab_span *x = &t->spans[id];
    if (x->length == len && memcmp(t->arena + x->offset, s, len) == 0)
      return id;
  }
}

uint32_t vb__strtab_find(const vb__strtab *t, const char *s, size_t len) {
  if (!t->slots)
    return 0;
  size_t at;
  return lookup(t, s, len, vb__hash(s, len), &at);
}

int vb__strtab_intern(vb__strtab *t, const char *s, size_t len, uint32_t *id) {
  uint64_t h = vb__hash(s, len);
  size_t at = 0;
  uint32_t found = t->slots ? lookup(t, s, len, h, &at) : 0;
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
    at = (size_t)h & t->mask; /* the slots moved: find a free one anew */
    while (t->slots[at])
      at = (at + 1) & t->mask;
  }
  size_t need = t->count + 2; /* ids are 1-based */
  if (need > t->cap) {
    size_t cap = t->cap, c1 = cap;
    if (vb__grow((void **)&t->spans, &c1, need, sizeof *t->spans) ||
        vb__grow((void **)&t->hashes, &cap, need, sizeof *t->hashes))
      return VB_ENOMEM;
    /* both grew to the same capacity (same start, same rule) */
    t->cap = cap;
  }
  if (vb__grow((void **)&t->arena, &t->arena_cap, t->arena_len + len + 1, 1))
    return VB_ENOMEM;
  uint32_t nid = (uint32_t)(t->count + 1);
  memcpy(t->arena + t->arena_len, s, len);
  t->arena[t->arena_len + len] = '\0';
  t->spans[nid] = (vb__strtab_span){(uint32_t)t->arena_len, (uint32_t)len};
  t->hashes[nid] = h;
  t->arena_len += len + 1;
  t->count = nid;
  t->slots[at] = slot_of(nid, h);
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
    *len = t->spans[id].length;
  return t->arena + t->spans[id].offset;
}

void vb__strtab_clear(vb__strtab *t) {
  if (t->slots)
    memset(t->slots, 0, (t->mask + 1) * sizeof *t->slots);
  t->count = 0;
  t->arena_len = 0;
}

void vb__strtab_free(vb__strtab *t) {
  free(t->slots);
  free(t->spans);
  free(t->hashes);
  free(t->arena);
  memset(t, 0, sizeof *t);
}
