/*
 * test_strtab.c - the interning table every stage looks words up in:
 * dense ids in order of first sight, the same id for the same bytes, 0
 * for a string never interned, the bytes back by id, and a clear that
 * forgets everything.  Run on enough strings to grow (and rehash) the
 * table many times, with shared prefixes and lengths one byte apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

enum { COUNT = 100000 };

static size_t key(char *buf, size_t i) {
  /* lengths 1..40, shared prefixes, and one byte that varies last */
  int n = snprintf(buf, 64, "%0*zu", (int)(1 + i % 40), i);
  return (size_t)n;
}

static void test_dense_ids(void) {
  vb__strtab t;
  memset(&t, 0, sizeof t);
  char buf[64];
  CHECK_INT(vb__strtab_find(&t, "x", 1), 0); /* empty table */
  bool ok = true;
  for (size_t i = 0; i < COUNT; i++) {
    uint32_t id = 0;
    size_t len = key(buf, i);
    ok &= vb__strtab_intern(&t, buf, len, &id) == VB_OK && id == i + 1;
  }
  CHECK(ok);
  CHECK_INT(t.count, COUNT);
  ok = true;
  for (size_t i = 0; i < COUNT; i++) {
    uint32_t id = 0;
    size_t len = key(buf, i), got_len = 0;
    ok &= vb__strtab_find(&t, buf, len) == i + 1;
    ok &= vb__strtab_intern(&t, buf, len, &id) == VB_OK && id == i + 1;
    const char *s = vb__strtab_str(&t, (uint32_t)(i + 1), &got_len);
    ok &= got_len == len && memcmp(s, buf, len) == 0 && s[len] == '\0';
    /* one more or one less byte is another string */
    buf[len] = '0';
    ok &= vb__strtab_find(&t, buf, len + 1) != i + 1;
    ok &= len < 2 || vb__strtab_find(&t, buf + 1, len - 1) != i + 1;
  }
  CHECK(ok);
  CHECK_INT(t.count, COUNT); /* lookups added nothing */
  CHECK_INT(vb__strtab_find(&t, "absent", 6), 0);
  CHECK_INT(vb__strtab_find(&t, "", 0), 0);
  uint32_t empty = 0;
  CHECK_INT(vb__strtab_intern(&t, "", 0, &empty), VB_OK);
  CHECK_INT(empty, COUNT + 1);
  CHECK_INT(vb__strtab_find(&t, "", 0), COUNT + 1);
  size_t len = 1;
  CHECK_STR(vb__strtab_str(&t, 0, &len), "");
  CHECK_INT(len, 0);

  vb__strtab_clear(&t);
  CHECK_INT(t.count, 0);
  CHECK_INT(vb__strtab_find(&t, "00000", 5), 0);
  uint32_t id = 0;
  CHECK_INT(vb__strtab_intern(&t, "again", 5, &id), VB_OK);
  CHECK_INT(id, 1);
  CHECK_INT(vb__strtab_find(&t, "again", 5), 1);
  vb__strtab_free(&t);
}

int main(void) {
  test_dense_ids();
  return check_exit();
}
