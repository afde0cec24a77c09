/*
 * test_normalize.c - ICU NFKC_Casefold with accent and apostrophe folding,
 * invalid UTF-8 repair, the map back to the caller's bytes, and a
 * differential test proving the ASCII fast path gives exactly ICU's result.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

static const char *norm(vb__norm *n, const char *text, size_t len) {
  CHECK_INT(vb__normalize(n, text, len), VB_OK);
  return n->out;
}
#define NORM(n, s) norm(n, s, strlen(s))

static void test_casefold(void) {
  vb__norm n;
  CHECK_INT(vb__norm_init(&n, false), VB_OK);
  CHECK_STR(NORM(&n, "Hello WORLD"), "hello world");
  CHECK_STR(NORM(&n, "ＤＥＬＩＶＥＲＹ"), "delivery"); /* full-width */
  CHECK_STR(NORM(&n, "Straße"), "strasse");            /* casefold ß */
  CHECK_STR(NORM(&n, "ﬁne"), "fine");                  /* ligature */
  CHECK_STR(NORM(&n, "Ⅻ"), "xii");                     /* compatibility */
  CHECK_STR(NORM(&n, "CAFÉ"), "café");
  CHECK_STR(NORM(&n, "cafe\xCC\x81"), "café"); /* composes */
  CHECK_STR(NORM(&n, "don\xE2\x80\x99t \xE2\x80\x98x\xE2\x80\x99"),
            "don't 'x'");                    /* apostrophes */
  CHECK_STR(NORM(&n, "ΣΊΣΥΦΟΣ"), "σίσυφοσ"); /* casefold, not lower */
  CHECK_STR(NORM(&n, ""), "");
  CHECK_INT(n.out_len, 0);
  /* whether the whole input took the ASCII path (segment then skips its
   * own scans) */
  CHECK(n.ascii);
  NORM(&n, "Fast Shipping, 10/10");
  CHECK(n.ascii);
  NORM(&n, "Fast café");
  CHECK(!n.ascii);
  NORM(&n, "\xC3"); /* invalid UTF-8 */
  CHECK(!n.ascii);
  n.force_icu = true;
  NORM(&n, "Fast Shipping");
  CHECK(!n.ascii);
  n.force_icu = false;
  vb__norm_free(&n);

  CHECK_INT(vb__norm_init(&n, true), VB_OK);
  CHECK_STR(NORM(&n, "CAFÉ crème brûlée"), "cafe creme brulee");
  CHECK_STR(NORM(&n, "cafe\xCC\x81"), "cafe");
  CHECK_STR(NORM(&n, "Ñandú über"), "nandu uber");
  /* only Latin diacritics go: other scripts keep their marks */
  CHECK_STR(NORM(&n, "हिन्दी"), "हिन्दी");
  vb__norm_free(&n);
}

static void test_invalid_utf8(void) {
  vb__norm n;
  vb__norm_init(&n, false);
  CHECK_STR(norm(&n,
                 "a\xFF"
                 "b",
                 3),
            "a\xEF\xBF\xBD"
            "b");
  CHECK_INT(n.invalid, 1);
  CHECK_STR(norm(&n, "\xE2\x80", 2), "\xEF\xBF\xBD"); /* truncated: one */
  CHECK_INT(n.invalid, 1);
  CHECK_STR(norm(&n, "\xC0\xAF", 2), "\xEF\xBF\xBD\xEF\xBF\xBD"); /* overlong */
  CHECK_INT(n.invalid, 2);
  CHECK_STR(norm(&n, "x\0y", 3), "x"); /* NUL kept as a byte */
  CHECK_INT(n.out_len, 3);
  CHECK_INT(n.invalid, 0);
  vb__norm_free(&n);
}

static void test_offset_map(void) {
  vb__norm n;
  vb__norm_init(&n, false);
  /* "Straße!" : ß is bytes [4,6) and becomes "ss" */
  NORM(&n, "Straße!");
  CHECK_INT(n.out_len, 8);
  CHECK_INT(n.from[4], 4);
  CHECK_INT(n.to[4], 6);
  CHECK_INT(n.from[5], 4);
  CHECK_INT(n.to[5], 6);
  CHECK_INT(n.from[6], 6);
  CHECK_INT(n.to[6], 7);
  /* e + combining acute (3 bytes) -> é (2 bytes), both map to [3,6) */
  NORM(&n, "cafe\xCC\x81 x");
  CHECK_INT(n.out_len, 7);
  CHECK_INT(n.from[3], 3);
  CHECK_INT(n.to[4], 6);
  CHECK_INT(n.from[6], 7);
  vb__norm_free(&n);
}

/* The fast path must give ICU's result byte for byte, and every byte the
 * same original span (which the fast path does not write down for ASCII
 * input: vb__norm_span gives the identity). */
static void compare_paths(vb__norm *fast, vb__norm *icu, const char *s,
                          size_t len, int *mismatches) {
  vb__normalize(fast, s, len);
  vb__normalize(icu, s, len);
  bool same = fast->out_len == icu->out_len &&
              memcmp(fast->out, icu->out, fast->out_len) == 0 &&
              fast->invalid == icu->invalid;
  for (uint32_t k = 0; same && k < fast->out_len; k++) {
    size_t f0, f1, i0, i1;
    vb__norm_span(fast, k, k + 1, &f0, &f1);
    vb__norm_span(icu, k, k + 1, &i0, &i1);
    same = f0 == i0 && f1 == i1;
  }
  if (!same && (*mismatches)++ < 5)
    fprintf(stderr, "fast path differs from ICU on \"%.*s\"\n", (int)len, s);
}

static void test_ascii_fast_path(void) {
  /* many chunks, and chunks that begin alike, so that the normalizer's
   * memo of chunks (normalize_chunk) sees slots taken by others */
  static const char *const pieces[] = {
      "\xCC\x81", "ß",    "Ｘ",       "😀", "\xFF", "É", "’", "ﬁ",
      "\xE2\x80", "客服", "\xCC\x88", "ñ", "Ω",    "①", "ｶ", "ǅ"};
  const unsigned npieces = sizeof pieces / sizeof *pieces;
  vb__norm fast, icu;
  vb__norm_init(&fast, true);
  vb__norm_init(&icu, true);
  icu.force_icu = true;
  int mismatches = 0;
  char s[256];
  for (int c = 0; c < 128; c++) { /* every ASCII byte, alone and in pairs */
    s[0] = (char)c;
    s[1] = 'A';
    compare_paths(&fast, &icu, s, 2, &mismatches);
  }
  uint64_t seed = 42;
  for (int round = 0; round < 20000; round++) {
    size_t len = 0, want;
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    want = (size_t)(seed >> 58);
    while (len < want) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      unsigned r = (unsigned)(seed >> 33);
      if (round % 2 && r % 7 == 0) { /* half the strings mix in non-ASCII */
        const char *p = pieces[r / 7 % npieces];
        size_t pl = strlen(p);
        if (len + pl >= sizeof s)
          break;
        memcpy(s + len, p, pl);
        len += pl;
      } else {
        s[len++] = (char)(r % 128);
      }
    }
    compare_paths(&fast, &icu, s, len, &mismatches);
  }
  CHECK_INT(mismatches, 0);
  vb__norm_free(&fast);
  vb__norm_free(&icu);
}

/* A letter and combining marks (U+0300-U+036F) are one chunk for the
 * normalizer.  Finds a chunk and a longer one it begins, kept in the same
 * slot of the normalizer's memo, and checks that the longer one is not
 * taken for the shorter one kept there: a hit must match the whole
 * chunk, not a prefix of it. */
static void test_memo_prefix(void) {
  char a[8], b[8];
  bool found = false;
  for (int letter = 'a'; letter <= 'z' && !found; letter++)
    for (unsigned m1 = 0x300; m1 < 0x370 && !found; m1++)
      for (unsigned m2 = 0x300; m2 < 0x370 && !found; m2++) {
        a[0] = b[0] = (char)letter;
        a[1] = b[1] = (char)(0xC0 | m1 >> 6);
        a[2] = b[2] = (char)(0x80 | (m1 & 0x3F));
        b[3] = (char)(0xC0 | m2 >> 6);
        b[4] = (char)(0x80 | (m2 & 0x3F));
        found = vb__hash(a, 3) % VB__NORM_MEMO_SLOTS ==
                vb__hash(b, 5) % VB__NORM_MEMO_SLOTS;
      }
  CHECK(found);
  vb__norm fast, icu;
  vb__norm_init(&fast, false);
  vb__norm_init(&icu, false);
  icu.force_icu = true;
  int mismatches = 0;
  compare_paths(&fast, &icu, a, 3, &mismatches); /* keeps a's chunk */
  compare_paths(&fast, &icu, b, 5, &mismatches); /* same slot, longer */
  compare_paths(&fast, &icu, a, 3, &mismatches); /* b's kept: a is shorter */
  CHECK_INT(mismatches, 0);
  vb__norm_free(&fast);
  vb__norm_free(&icu);
}

int main(void) {
  test_casefold();
  test_invalid_utf8();
  test_offset_map();
  test_ascii_fast_path();
  test_memo_prefix();
  return check_exit();
}
