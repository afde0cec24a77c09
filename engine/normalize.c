/*
 * normalize.c - the first stage: raw comment bytes -> normalized UTF-8.
 *
 * What a comment looks like after this stage:
 *   - invalid UTF-8 sequences are replaced by U+FFFD and counted;
 *   - ICU NFKC_Casefold is applied (full-width letters, ligatures, case);
 *   - with fold_accents, Latin combining diacritics (U+0300-U+036F) are
 *     removed after canonical decomposition (é -> e), then recomposed;
 *   - typographic apostrophes (U+2018, U+2019, U+02BC) become '.
 *
 * Invariant: every normalized byte k carries from[k]/to[k], the span of
 * caller bytes it came from.  The text is normalized chunk by chunk, a
 * chunk ending where ICU reports a normalization boundary
 * (unorm2_hasBoundaryBefore), which is exactly what makes
 * normalize(a + b) == normalize(a) + normalize(b).  So chunk-wise output is
 * the same as normalizing the whole string, and each chunk's output maps
 * to the chunk's input span.  A normalized span [s, e) therefore maps back
 * to [from[s], to[e - 1]).
 *
 * Fast path: an ASCII byte followed by another ASCII byte (or the end) is
 * a chunk of its own whose NFKC_Casefold is its ASCII lower case; no ICU
 * call is needed.  test_normalize checks this path against ICU.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int vb__norm_init(vb__norm *n, bool fold_accents) {
  memset(n, 0, sizeof *n);
  UErrorCode st = U_ZERO_ERROR;
  n->nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
  n->nfd = unorm2_getNFDInstance(&st);
  n->nfc = unorm2_getNFCInstance(&st);
  if (U_FAILURE(st))
    return VB_EICU;
  n->fold_accents = fold_accents;
  return VB_OK;
}

void vb__norm_free(vb__norm *n) {
  free(n->out);
  free(n->from);
  free(n->to);
  free(n->u16a);
  free(n->u16b);
  free(n->u16c);
  free(n->memo);
  memset(n, 0, sizeof *n);
}

static int reserve_out(vb__norm *n, size_t extra) {
  size_t need = n->out_len + extra + 1;
  if (need > n->out_cap) {
    size_t cap = n->out_cap;
    if (vb__grow((void **)&n->out, &cap, need, 1))
      return VB_ENOMEM;
    /* PCRE2's JIT scans ahead in wide words past the subject's end (inside
     * the buffer): keep those bytes defined so memcheck stays quiet. */
    memset(n->out + n->out_cap, 0, cap - n->out_cap);
    n->out_cap = cap;
  }
  if (need > n->map_cap) {
    size_t c1 = n->map_cap, c2 = n->map_cap;
    if (vb__grow((void **)&n->from, &c1, need, sizeof *n->from) ||
        vb__grow((void **)&n->to, &c2, need, sizeof *n->to))
      return VB_ENOMEM;
    n->map_cap = c1 < c2 ? c1 : c2;
  }
  return VB_OK;
}

/* Runs an ICU normalizer from src into *dst (growing it). */
static int run_normalizer(const UNormalizer2 *n2, const UChar *src, int32_t len,
                          uint16_t **dst, size_t *cap, int32_t *out_len) {
  for (;;) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t got =
        unorm2_normalize(n2, src, len, (UChar *)*dst, (int32_t)*cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
      if (vb__grow((void **)dst, cap, (size_t)got + 1, sizeof **dst))
        return VB_ENOMEM;
      continue;
    }
    if (U_FAILURE(st))
      return VB_EICU;
    *out_len = got;
    return VB_OK;
  }
}

static UChar32 fold_apostrophe(UChar32 c) {
  return (c == 0x2018 || c == 0x2019 || c == 0x02BC) ? 0x27 : c;
}

/* Appends UTF-16 text as UTF-8, every byte mapped to [from, to). */
static int append_utf16(vb__norm *n, const UChar *s, int32_t len, uint32_t from,
                        uint32_t to) {
  if (reserve_out(n, (size_t)len * 3))
    return VB_ENOMEM;
  int32_t i = 0;
  while (i < len) {
    UChar32 c;
    U16_NEXT(s, i, len, c);
    c = fold_apostrophe(c);
    size_t at = n->out_len;
    uint8_t *o = (uint8_t *)n->out;
    if (c < 0x80) {
      o[at] = (uint8_t)c;
      n->out_len = at + 1;
    } else if (c < 0x800) {
      o[at] = (uint8_t)(0xC0 | (c >> 6));
      o[at + 1] = (uint8_t)(0x80 | (c & 0x3F));
      n->out_len = at + 2;
    } else if (c < 0x10000) {
      o[at] = (uint8_t)(0xE0 | (c >> 12));
      o[at + 1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
      o[at + 2] = (uint8_t)(0x80 | (c & 0x3F));
      n->out_len = at + 3;
    } else {
      o[at] = (uint8_t)(0xF0 | (c >> 18));
      o[at + 1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
      o[at + 2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
      o[at + 3] = (uint8_t)(0x80 | (c & 0x3F));
      n->out_len = at + 4;
    }
    for (size_t k = at; k < n->out_len; k++) {
      n->from[k] = from;
      n->to[k] = to;
    }
  }
  return VB_OK;
}

/* Decodes one code point at text[*i], replacing an invalid sequence. */
static UChar32 next_code_point(vb__norm *n, const char *text, int32_t len,
                               int32_t *i, bool count_invalid) {
  UChar32 c;
  U8_NEXT((const uint8_t *)text, *i, len, c);
  if (c < 0) {
    if (count_invalid)
      n->invalid++;
    c = 0xFFFD;
  }
  return c;
}

#define NORM_MEMO_IN 16
#define NORM_MEMO_OUT 24

/* The normalized UTF-8 of one chunk, kept by the chunk's bytes (in_len 0:
 * an empty slot). */
typedef struct vb__norm_memo {
  uint8_t in_len, out_len;
  char in[NORM_MEMO_IN], out[NORM_MEMO_OUT];
} vb__norm_memo;

/* Appends the kept output of chunk text[start, end) when its slot holds
 * it: true then.  The chunk is valid UTF-8 of up to NORM_MEMO_IN bytes. */
static bool append_kept(vb__norm *n, const vb__norm_memo *e, const char *text,
                        int32_t start, int32_t end) {
  size_t in_len = (size_t)(end - start);
  if (e->in_len != in_len || memcmp(e->in, text + start, in_len) != 0)
    return false;
  size_t at = n->out_len; /* room: reserved for NORM_MEMO_OUT bytes */
  memcpy(n->out + at, e->out, e->out_len);
  for (size_t k = at; k < at + e->out_len; k++) {
    n->from[k] = (uint32_t)start;
    n->to[k] = (uint32_t)end;
  }
  n->out_len = at + e->out_len;
  return true;
}

/* Normalizes the chunk starting at text[*pos]: one code point plus every
 * following one that has no normalization boundary before it.  The
 * normalizer's answer depends on the chunk's bytes alone, so the output
 * of a short chunk of valid UTF-8 is kept in a direct-mapped memo
 * (accented letters, emoji, typographic quotes come back all the time);
 * a hit compares the whole chunk, so it is exact.  Not in the reference
 * path (force_icu), which the tests compare with this one. */
static int normalize_chunk(vb__norm *n, const char *text, int32_t len,
                           int32_t *pos) {
  int32_t start = *pos, i = *pos;
  size_t u16len = 0, invalid = n->invalid;
  for (bool first = true; i < len; first = false) {
    int32_t peek = i;
    UChar32 c = next_code_point(n, text, len, &peek, false);
    if (!first && unorm2_hasBoundaryBefore(n->nfkc_cf, c))
      break;
    c = next_code_point(n, text, len, &i, true);
    if (vb__grow((void **)&n->u16a, &n->cap_a, u16len + 2, sizeof(UChar)))
      return VB_ENOMEM;
    UBool unused = 0;
    U16_APPEND((UChar *)n->u16a, u16len, n->cap_a, c, unused);
    (void)unused;
  }
  *pos = i;
  vb__norm_memo *e = NULL;
  if (!n->force_icu && n->invalid == invalid && i - start <= NORM_MEMO_IN) {
    if (!n->memo && !(n->memo = calloc(VB__NORM_MEMO_SLOTS, sizeof *n->memo)))
      return VB_ENOMEM;
    e = &n->memo[vb__hash(text + start, (size_t)(i - start)) %
                 VB__NORM_MEMO_SLOTS];
    if (reserve_out(n, NORM_MEMO_OUT))
      return VB_ENOMEM;
    if (append_kept(n, e, text, start, i))
      return VB_OK;
  }
  int32_t blen = 0;
  int rc = run_normalizer(n->nfkc_cf, (const UChar *)n->u16a, (int32_t)u16len,
                          &n->u16b, &n->cap_b, &blen);
  if (rc)
    return rc;
  const UChar *result = (const UChar *)n->u16b;
  int32_t result_len = blen;
  if (n->fold_accents) {
    bool ascii = true;
    for (int32_t k = 0; k < blen && ascii; k++)
      ascii = result[k] < 0x80;
    if (!ascii) {
      int32_t dlen = 0, kept = 0;
      rc = run_normalizer(n->nfd, result, blen, &n->u16c, &n->cap_c, &dlen);
      if (rc)
        return rc;
      UChar *d = (UChar *)n->u16c;
      for (int32_t k = 0; k < dlen; k++)
        if (d[k] < 0x300 || d[k] > 0x36F)
          d[kept++] = d[k];
      rc = run_normalizer(n->nfc, d, kept, &n->u16b, &n->cap_b, &result_len);
      if (rc)
        return rc;
      result = (const UChar *)n->u16b;
    }
  }
  size_t at = n->out_len;
  rc = append_utf16(n, result, result_len, (uint32_t)start, (uint32_t)i);
  if (!rc && e && n->out_len - at <= NORM_MEMO_OUT) {
    e->in_len = (uint8_t)(i - start);
    e->out_len = (uint8_t)(n->out_len - at);
    memcpy(e->in, text + start, e->in_len);
    memcpy(e->out, n->out + at, e->out_len);
  }
  return rc;
}

/* The end of the ASCII bytes from text[i] that normalize to themselves
 * lower-cased: the run of bytes below 0x80, less its last byte when a
 * non-ASCII byte follows (a combining mark may attach to it). */
static int32_t ascii_run_end(const char *text, int32_t i, int32_t len) {
  int32_t e = i + (int32_t)vb__ascii_prefix(text + i, (size_t)(len - i));
  return e < len && e > i ? e - 1 : e;
}

/* ASCII in[0, count) lower-cased into out. */
static void lower_ascii(unsigned char *restrict out,
                        const unsigned char *restrict in, size_t count) {
  for (size_t k = 0; k < count; k++) { /* the compiler vectorizes this */
    unsigned char c = in[k];
    out[k] = (unsigned char)(c + ((unsigned)(c - 'A') < 26u ? 32 : 0));
  }
}

#if defined(__SSE2__)
/* The 16 ASCII bytes v, lower-cased into out. */
static inline void lower16(unsigned char *out, __m128i v) {
  /* v + 0x3F puts 'A'..'Z' (and only they, for ASCII v) at -128..-103. */
  __m128i upper =
      _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x3F)), _mm_set1_epi8(-102));
  _mm_storeu_si128((__m128i *)out,
                   _mm_add_epi8(v, _mm_and_si128(upper, _mm_set1_epi8(32))));
}
#endif

/* The length of in's ASCII prefix, lower-cased into out as it is found:
 * one pass over the bytes where a check and a copy took two.  When all
 * is ASCII, the last part under 16 bytes is done with the 16 bytes that
 * end the text (writing some again, the same). */
static size_t lower_ascii_prefix(unsigned char *restrict out,
                                 const unsigned char *restrict in, size_t len) {
  size_t k = 0;
#if defined(__SSE2__)
  for (; k + 16 <= len; k += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(in + k));
    if (_mm_movemask_epi8(v))
      break;
    lower16(out + k, v);
  }
  if (k < len && k + 16 > len && len >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(in + len - 16));
    if (!_mm_movemask_epi8(v)) {
      lower16(out + len - 16, v);
      return len;
    }
  }
#endif
  size_t end = k + vb__ascii_prefix((const char *)in + k, len - k);
  lower_ascii(out + k, in + k, end - k);
  return end;
}

/* Maps out[n->out_len, + count) to text[i, i + count), byte for byte. */
static void map_bytes(vb__norm *n, uint32_t i, uint32_t count) {
  uint32_t *restrict from = n->from + n->out_len;
  uint32_t *restrict to = n->to + n->out_len;
  for (uint32_t k = 0; k < count; k++) {
    from[k] = i + k;
    to[k] = i + k + 1;
  }
}

/* Appends ASCII text[i, end) lower-cased, each byte mapped to itself. */
static void copy_ascii(vb__norm *n, const char *text, uint32_t i,
                       uint32_t end) {
  uint32_t count = end - i;
  lower_ascii((unsigned char *)n->out + n->out_len,
              (const unsigned char *)text + i, count);
  map_bytes(n, i, count);
  n->out_len += count;
}

int vb__normalize(vb__norm *n, const char *text, size_t len) {
  n->out_len = 0;
  n->invalid = 0;
  if (len > VB__MAX_TEXT)
    return VB_ETOOBIG;
  if (reserve_out(n, len))
    return VB_ENOMEM;
  int32_t ilen = (int32_t)len, i = 0;
  size_t prefix = n->force_icu
                      ? 0
                      : lower_ascii_prefix((unsigned char *)n->out,
                                           (const unsigned char *)text, len);
  n->ascii = !n->force_icu && prefix == len;
  if (n->ascii) { /* the common case: the maps are the identity, unwritten */
    n->out_len = len;
  } else if (prefix > 1) {
    /* The prefix less its last byte, which a combining mark may follow
     * (see ascii_run_end), is done but for its maps. */
    i = (int32_t)prefix - 1;
    map_bytes(n, 0, (uint32_t)i);
    n->out_len = (size_t)i;
  }
  while (i < ilen && !n->ascii) {
    if (!n->force_icu) {
      /* ASCII fast path: capacity for the remaining input is reserved. */
      int32_t end = ascii_run_end(text, i, ilen);
      if (end > i) {
        copy_ascii(n, text, (uint32_t)i, (uint32_t)end);
        i = end;
        continue;
      }
    }
    n->ascii = false;
    int rc = normalize_chunk(n, text, ilen, &i);
    /* Keep room for the rest of the input at one byte per byte, which is
     * what the fast path above relies on. */
    if (!rc)
      rc = reserve_out(n, len - (size_t)i);
    if (rc)
      return rc;
  }
  if (reserve_out(n, 8)) /* 8 readable bytes past the end: see internal.h */
    return VB_ENOMEM;
  n->out[n->out_len] = '\0';
  return VB_OK;
}
