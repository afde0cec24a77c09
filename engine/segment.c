/*
 * segment.c - the second stage: normalized UTF-8 -> word-like tokens, each
 * with its sentence and clause number.
 *
 * Words come from ICU's word break iterator (UBRK_WORD), run directly on
 * the UTF-8 through a UText, so token offsets are byte offsets into the
 * normalized text.  Pure-ASCII text takes a fast path that applies the
 * same rules (UAX #29 as ICU implements them) to the few ASCII classes;
 * tests/test_segment.c compares it with ICU on random and corpus text.  Only
 * word-like segments are kept (rule status at or above UBRK_WORD_NONE_LIMIT:
 * numbers, letters, kana, ideographs); spaces, punctuation and emoji are not
 * words.  Chinese and Japanese are split by ICU's dictionary.
 *
 * Sentences come from ICU's sentence break iterator run on the ORIGINAL
 * text: its rules need case ("e.g. the" is one sentence, "late. The" is
 * two), which normalization folds away.  Token starts are mapped to the
 * original through the normalizer's offset map.  When the original is
 * pure ASCII, its sentence ends come from the UAX #29 sentence rules
 * applied to the ASCII Sentence_Break classes (below), not from ICU;
 * test_segment.c compares the two on random and corpus text, as it does
 * for words.  Sentences are numbered only when asked for (NEAR, the
 * public tokens) wherever the clauses do not need them: for ASCII text,
 * and for other text whose only sentence terminators are ASCII ones
 * between words (clauses_from_gaps).  A clause ends at a
 * sentence end or where the text between two words holds clause
 * punctuation (, ; : ( ) [ ] . ! ? line breaks, en/em dash, ellipsis,
 * ideographic comma and full stop).  Phrases stay within a clause; NEAR
 * stays within a sentence; negation looks back within a clause.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

static int ascii_class(unsigned char c);
static int sentence_class(unsigned char c);

int vb__seg_init(vb__seg *s) {
  memset(s, 0, sizeof *s);
  for (unsigned char c = 0; c < 128; c++) {
    s->word_class[c] = (uint8_t)ascii_class(c);
    s->sentence_class[c] = (uint8_t)sentence_class(c);
  }
  UErrorCode st = U_ZERO_ERROR;
  s->words = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
  if (U_SUCCESS(st))
    s->sentences = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &st);
  if (U_FAILURE(st)) {
    vb__seg_free(s);
    return st == U_MEMORY_ALLOCATION_ERROR ? VB_ENOMEM : VB_EICU;
  }
  return VB_OK;
}

void vb__seg_free(vb__seg *s) {
  if (s->words)
    ubrk_close(s->words);
  if (s->sentences)
    ubrk_close(s->sentences);
  if (s->text)
    utext_close(s->text);
  if (s->orig)
    utext_close(s->orig);
  free(s->toks);
  free(s->maybe_at);
  free(s->orig_copy);
  free(s->alnum_bits);
  free(s->chunk_memo);
  memset(s, 0, sizeof *s);
}

/* True when the bytes between two words end a clause. */
static bool gap_ends_clause(const unsigned char *p, const unsigned char *end) {
  for (; p < end; p++) {
    switch (*p) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '[':
    case ']':
    case '.':
    case '!':
    case '?':
    case '\n':
    case '\r':
      return true;
    case 0xE2: /* U+2013 en dash, U+2014 em dash, U+2026 ellipsis */
      if (end - p >= 3 && p[1] == 0x80 &&
          (p[2] == 0x93 || p[2] == 0x94 || p[2] == 0xA6))
        return true;
      break;
    case 0xE3: /* U+3001 ideographic comma, U+3002 ideographic full stop */
      if (end - p >= 3 && p[1] == 0x80 && (p[2] == 0x81 || p[2] == 0x82))
        return true;
      break;
    default:
      break;
    }
  }
  return false;
}

/* Word-break classes of ASCII characters (UAX #29 Word_Break, as ICU's
 * rules use them; the colon is not MidLetter in ICU). */
enum {
  WB_OTHER,
  WB_LETTER,
  WB_NUMERIC,
  WB_EXTEND_NUM_LET,
  WB_MID_NUM,
  WB_MID_NUM_LET
};

static int ascii_class(unsigned char c) {
  if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '@')
    return WB_LETTER; /* ICU counts '@' as a letter (e-mail addresses) */
  if (c >= '0' && c <= '9')
    return WB_NUMERIC;
  switch (c) {
  case '_':
    return WB_EXTEND_NUM_LET;
  case ',':
  case ';':
    return WB_MID_NUM;
  case '.':
  case '\'': /* Single_Quote: MidNumLet in rules 6, 7, 11, 12 */
    return WB_MID_NUM_LET;
  default:
    return WB_OTHER;
  }
}

/* WB_LETTER or WB_NUMERIC, which always join each other (WB5, WB8-10). */
static bool is_alnum_class(int c) {
  return (unsigned)(c - WB_LETTER) <= WB_NUMERIC - WB_LETTER;
}

/* WB5, WB8-10, WB13a-b: whether classes a and b stay in one word. */
static const bool JOINS[6][6] = {
    [WB_LETTER] =
        {[WB_LETTER] = true, [WB_NUMERIC] = true, [WB_EXTEND_NUM_LET] = true},
    [WB_NUMERIC] =
        {[WB_LETTER] = true, [WB_NUMERIC] = true, [WB_EXTEND_NUM_LET] = true},
    [WB_EXTEND_NUM_LET] =
        {[WB_LETTER] = true, [WB_NUMERIC] = true, [WB_EXTEND_NUM_LET] = true},
};

static bool joins(int a, int b) { return JOINS[a][b]; }

#if defined(__SSE2__)
/* The letters, digits and '@' of the 16 bytes at t as a 16-bit mask; the
 * '_' and '@' among them are or-ed into *unders and *ats. */
static inline unsigned alnum16(const unsigned char *t, __m128i *unders,
                               __m128i *ats) {
  const __m128i to_0 = _mm_set1_epi8((char)(128 - '0'));
  const __m128i digits = _mm_set1_epi8((char)(-128 + 10));
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)t);
  __m128i letter = vb__ascii_letters16(v);
  __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), digits);
  __m128i at = _mm_cmpeq_epi8(v, _mm_set1_epi8('@'));
  *ats = _mm_or_si128(*ats, at);
  *unders = _mm_or_si128(*unders, _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
  return (unsigned)_mm_movemask_epi8(
      _mm_or_si128(_mm_or_si128(letter, digit), at));
}
#endif

/* Bit k of alnum_bits[k / 64] for each byte t[k] of the text that is a
 * letter or digit (WB_LETTER, with '@', or WB_NUMERIC: they always join
 * each other).  SSE2 classifies 16 bytes at a time with the same tests as
 * ascii_class (letters folded with 0x20, '@', digits), so finding a
 * word's start or end is a bit scan rather than a branch per byte; each
 * 64 bits are stored once, and a last part under 16 bytes is classified
 * with the 16 bytes that end the text.  Exact for any byte: each range
 * test is an unsigned one, done as a signed compare after a shift.  The
 * same pass notes whether the text has a '_' or an '@'. */
static int word_bits(vb__seg *s, const unsigned char *t, size_t n) {
  if (vb__grow((void **)&s->alnum_bits, &s->alnum_cap, n / 64 + 1, 8))
    return VB_ENOMEM;
  size_t k = 0;
  uint64_t bits = 0; /* the bits of alnum_bits[k / 64] so far */
  bool underscore = false, at_sign = false;
#if defined(__SSE2__)
  __m128i ats = _mm_setzero_si128(), unders = _mm_setzero_si128();
  for (; k + 16 <= n; k += 16) {
    bits |= (uint64_t)alnum16(t + k, &unders, &ats) << (k % 64);
    if (k % 64 == 48) {
      s->alnum_bits[k / 64] = bits;
      bits = 0;
    }
  }
  if (k < n && n >= 16) { /* the last 16 bytes, of which t[k..] are new */
    unsigned fresh = alnum16(t + n - 16, &unders, &ats) >> (16 - (n - k));
    bits |= (uint64_t)fresh << (k % 64); /* k % 64 <= 48: no overflow */
    k = n;
  }
  underscore = _mm_movemask_epi8(unders) != 0;
  at_sign = _mm_movemask_epi8(ats) != 0;
#endif
  for (; k < n; k++) { /* a text under 16 bytes, or no SSE2 */
    if (t[k] < 0x80 && is_alnum_class(s->word_class[t[k]]))
      bits |= 1ull << (k % 64);
    underscore |= t[k] == '_';
    at_sign |= t[k] == '@';
    if (k % 64 == 63) {
      s->alnum_bits[k / 64] = bits;
      bits = 0;
    }
  }
  s->alnum_bits[n / 64] = bits; /* the last 64, partly filled */
  s->underscore = underscore;
  s->at_sign = at_sign;
  return VB_OK;
}

/* The first byte at or after t[i] whose bit (word_bits) is `set`, or
 * len. */
static inline size_t next_bit(const uint64_t *bits, size_t i, size_t len,
                              bool set) {
  size_t w = i / 64;
  uint64_t x = (set ? bits[w] : ~bits[w]) & (~0ull << (i % 64));
  while (!x) {
    if (++w > len / 64)
      return len;
    x = set ? bits[w] : ~bits[w];
  }
  size_t at = w * 64 + (size_t)__builtin_ctzll(x);
  return at < len ? at : len;
}

/* Writes the token text[start, end) as toks[index], which has room. */
static void put_token(vb__tok *toks, size_t index, const char *text,
                      size_t start, size_t end, uint32_t clause) {
  toks[index] = (vb__tok){
      (uint32_t)start,         (uint32_t)end,  0, clause, text + start,
      (uint32_t)(end - start), (uint32_t)index};
}

/* Appends the token text[start, end). */
static int push_token(vb__seg *s, const char *text, size_t start, size_t end,
                      uint32_t clause) {
  if (s->count == s->cap &&
      vb__grow((void **)&s->toks, &s->cap, s->count + 1, sizeof *s->toks))
    return VB_ENOMEM;
  put_token(s->toks, s->count++, text, start, end, clause);
  return VB_OK;
}

/* The end of the word that goes on from t[i] (class c) across the
 * joins of the rules below; *word becomes true once it holds a letter or
 * digit. */
static size_t join_on(const uint8_t *wb, const uint64_t *alnum,
                      const unsigned char *t, size_t i, int c, size_t len,
                      bool *word) {
  for (;;) {
    if (c != WB_EXTEND_NUM_LET) { /* the end of its letters and digits */
      i = next_bit(alnum, i, len, false) - 1;
      c = wb[t[i]];
    }
    int next = i + 1 < len ? wb[t[i + 1]] : WB_OTHER;
    if (joins(c, next)) {
      i++;
    } else if (i + 2 < len &&
               ((c == WB_LETTER && next == WB_MID_NUM_LET) ||
                (c == WB_NUMERIC &&
                 (next == WB_MID_NUM || next == WB_MID_NUM_LET))) &&
               wb[t[i + 2]] == c) {
      i += 2;
    } else {
      return i + 1;
    }
    c = wb[t[i]];
    *word |= c != WB_EXTEND_NUM_LET;
  }
}

/* ICU's word segmentation of pure-ASCII text: runs of letters, digits
 * and '_' joined pairwise, letters across one of . ' (WB6-7), numbers
 * across one of . ' , ; (WB11-12).  A run of only '_' is a word from two
 * characters on (ICU tags a lone ExtendNumLet with no word status).
 * text[from, len) is ASCII; word_bits has marked the whole text.  This
 * is the general walk; ascii_words takes most text another way. */
static int ascii_words_general(vb__seg *s, const unsigned char *t, size_t from,
                               size_t len) {
  const uint8_t *wb = s->word_class;
  size_t i = from;
  uint32_t clause = 0;
  bool gap_ends = false; /* a clause character since the last token */
  while (i < len) {
    size_t start = i; /* the next letter, digit or '_' */
    while (start < len && !(s->alnum_bits[start / 64] >> (start % 64) & 1) &&
           wb[t[start]] != WB_EXTEND_NUM_LET)
      start++;
    gap_ends |= gap_ends_clause(t + i, t + start);
    i = start;
    if (start == len)
      break;
    int c = wb[t[start]];
    bool word = c != WB_EXTEND_NUM_LET;
    i = join_on(wb, s->alnum_bits, t, start, c, len, &word);
    if (word || i - start >= 2) {
      clause += s->count > 0 && gap_ends;
      gap_ends = false;
      if (push_token(s, (const char *)t, start, i, clause))
        return VB_ENOMEM;
    }
  }
  return VB_OK;
}

/* ascii_words_general's words, for text with no '_' (almost all): every
 * word then begins a run of letters and digits, so the runs' starts and
 * ends come from the bits 64 at a time (a run that goes on into the next
 * 64 bytes is followed with next_bit), and only a run followed by one of
 * . ' , ; is walked on across the joins.  The byte at len is never a
 * letter or digit (a blank or the text's end), so no run crosses it. */
static int ascii_words(vb__seg *s, const unsigned char *t, size_t from,
                       size_t len) {
  if (s->underscore)
    return ascii_words_general(s, t, from, len);
  /* words are 1 byte and a gap at least: room for them all at once */
  size_t most = s->count + (len - from + 1) / 2;
  if (vb__grow((void **)&s->toks, &s->cap, most, sizeof *s->toks) ||
      vb__grow((void **)&s->maybe_at, &s->maybe_cap, most + 1,
               sizeof *s->maybe_at))
    return VB_ENOMEM;
  const uint8_t *wb = s->word_class;
  const uint64_t *alnum = s->alnum_bits;
  vb__tok *toks = s->toks;
  uint32_t *maybe_at = s->maybe_at;
  size_t count = s->count; /* in locals, stored back at the end */
  size_t i = from;         /* where the last word ended */
  uint32_t clause = 0;
  size_t maybe = s->maybe_count; /* tokens listed that may be contractions */
  bool after_n = false;          /* the token before ends in 'n' */
  for (size_t w = from / 64; w * 64 < len; w++) {
    uint64_t a = alnum[w];
    uint64_t before = w > 0 ? alnum[w - 1] >> 63 : 0;
    uint64_t after = (w + 1) * 64 < len ? alnum[w + 1] & 1 : 0;
    uint64_t starts = a & ~(a << 1 | before);
    uint64_t ends = a & ~(a >> 1 | after << 63); /* a run's last byte */
    if (w == from / 64)
      starts &= ~0ull << (from % 64);
    if (len - w * 64 < 64)
      starts &= (1ull << (len - w * 64)) - 1;
    for (; starts; starts &= starts - 1) {
      size_t start = w * 64 + (size_t)__builtin_ctzll(starts);
      if (start < i)
        continue; /* joined into the word before */
      uint64_t e = ends & (~0ull << (start % 64));
      size_t end = e ? w * 64 + (size_t)__builtin_ctzll(e) + 1
                     : next_bit(alnum, start, len, false);
      /* . ' , ; join only what has a letter or digit after them */
      if (end + 1 < len && wb[t[end]] != WB_OTHER &&
          (alnum[(end + 1) / 64] >> ((end + 1) % 64) & 1)) {
        bool word = true;
        end = join_on(wb, alnum, t, end - 1, wb[t[end - 1]], len, &word);
      }
      clause += count > 0 && !(start == i + 1 && t[i] == ' ') &&
                gap_ends_clause(t + i, t + start); /* most gaps: one space */
      /* lists the token, or the one before it ("doesn ' t"), when it may
       * be a contraction; no branch: a coin toss to the predictor.  The
       * two cases exclude each other (the token before ends in 'n'). */
      size_t n = end - start;
      unsigned char last = t[end - 1], second = n >= 2 ? t[end - 2] : 0;
      bool t_after_n = after_n & (n == 1);
      maybe_at[maybe] = (uint32_t)(count - t_after_n);
      maybe += vb__contraction_end(last, second, n) | t_after_n;
      after_n = last == 'n';
      put_token(toks, count++, (const char *)t, start, end, clause);
      i = end;
    }
  }
  s->count = count;
  s->maybe_count = maybe;
  return VB_OK;
}

static bool all_ascii(const char *text, size_t len) {
  return vb__ascii_prefix(text, len) == len;
}

/* Sentence_Break classes of ASCII characters (UAX #29; ASCII has no
 * OLetter, Format, Extend or Sep). */
enum {
  SB_OTHER,
  SB_LOWER,
  SB_UPPER,
  SB_NUMERIC,
  SB_ATERM,
  SB_STERM,
  SB_CLOSE,
  SB_SP,
  SB_SCONTINUE,
  SB_PARA_SEP /* CR, LF */
};

static int sentence_class(unsigned char c) {
  if (c >= 'a' && c <= 'z')
    return SB_LOWER;
  if (c >= 'A' && c <= 'Z')
    return SB_UPPER;
  if (c >= '0' && c <= '9')
    return SB_NUMERIC;
  switch (c) {
  case '.':
    return SB_ATERM;
  case '!':
  case '?':
    return SB_STERM;
  case '"':
  case '\'':
  case '(':
  case ')':
  case '[':
  case ']':
  case '{':
  case '}':
    return SB_CLOSE;
  case ' ':
  case '\t':
  case '\v':
  case '\f':
    return SB_SP;
  case ',':
  case '-':
  case ':':
    return SB_SCONTINUE;
  case '\r':
  case '\n':
    return SB_PARA_SEP;
  default:
    return SB_OTHER;
  }
}

static bool is_terminator(int c) { return c == SB_ATERM || c == SB_STERM; }

/* Past a paragraph separator at t[i] (CR LF is one, SB3). */
static size_t past_separator(const unsigned char *t, size_t len, size_t i) {
  return t[i] == '\r' && i + 1 < len && t[i + 1] == '\n' ? i + 2 : i + 1;
}

/* Whether the sentence may end after the terminator at t[i] followed by
 * Close* Sp* up to t[j] (j < len): the no-break rules SB6-SB8a. */
static bool terminator_ends(const uint8_t *sb, const unsigned char *t,
                            size_t len, size_t i, size_t j) {
  int c = sb[t[i]], next = sb[t[j]];
  if (c == SB_ATERM && j == i + 1) {
    if (next == SB_NUMERIC) /* SB6: 3.5 */
      return false;
    int before = i > 0 ? sb[t[i - 1]] : SB_OTHER;
    if ((before == SB_UPPER || before == SB_LOWER) && next == SB_UPPER)
      return false; /* SB7: U.S. */
  }
  if (c == SB_ATERM) { /* SB8: "etc. (and so on)" */
    size_t k = j;
    while (k < len && sb[t[k]] != SB_UPPER && sb[t[k]] != SB_LOWER &&
           sb[t[k]] != SB_PARA_SEP && !is_terminator(sb[t[k]]))
      k++;
    if (k < len && sb[t[k]] == SB_LOWER)
      return false;
  }
  return next != SB_SCONTINUE && !is_terminator(next); /* SB8a */
}

/* The first terminator or paragraph separator (. ! ? CR LF) at or after
 * t[i], or len: SSE2 tests 16 bytes at a time where 16 are left. */
static size_t next_stop(const uint8_t *sb, const unsigned char *t, size_t i,
                        size_t len) {
#if defined(__SSE2__)
  const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!');
  const __m128i ask = _mm_set1_epi8('?'), cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  for (; i + 16 <= len; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
        _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, cr)),
            _mm_cmpeq_epi8(v, lf)));
    unsigned mask = (unsigned)_mm_movemask_epi8(hit);
    if (mask)
      return i + (size_t)__builtin_ctz(mask);
  }
#endif
  while (i < len && !is_terminator(sb[t[i]]) && sb[t[i]] != SB_PARA_SEP)
    i++;
  return i;
}

/* The first sentence boundary after `from` in ASCII text (len at its end):
 * after a paragraph separator (SB4), or after a terminator, its closing
 * punctuation and spaces and one separator (SB9-SB11), unless SB6-SB8a
 * hold.  ICU's sentence iterator gives the same boundaries. */
static size_t ascii_sentence_end(const uint8_t *sb, const unsigned char *t,
                                 size_t len, size_t from) {
  for (size_t i = next_stop(sb, t, from, len); i < len;
       i = next_stop(sb, t, i + 1, len)) {
    int c = sb[t[i]];
    if (c == SB_PARA_SEP)
      return past_separator(t, len, i);
    if (!is_terminator(c))
      continue;
    size_t j = i + 1;
    while (j < len && sb[t[j]] == SB_CLOSE)
      j++;
    while (j < len && sb[t[j]] == SB_SP)
      j++;
    if (j == len)
      return len;
    if (sb[t[j]] == SB_PARA_SEP)
      return past_separator(t, len, j);
    if (terminator_ends(sb, t, len, i, j))
      return j;
  }
  return len;
}

/* Points break iterator bi at len bytes of UTF-8 through *ut. */
static int set_text(UBreakIterator *bi, UText **ut, const char *text,
                    size_t len) {
  UErrorCode st = U_ZERO_ERROR;
  *ut = utext_openUTF8(*ut, text, (int64_t)len, &st);
  if (U_SUCCESS(st))
    ubrk_setUText(bi, *ut, &st);
  return U_FAILURE(st) ? VB_EICU : VB_OK;
}

/* ICU's word segments of text[from, end) that are word-like. */
static int icu_words(vb__seg *s, const char *text, size_t from, size_t end) {
  if (set_text(s->words, &s->text, text + from, end - from))
    return VB_EICU;
  int32_t a = ubrk_first(s->words);
  for (int32_t b = ubrk_next(s->words); b != UBRK_DONE;
       a = b, b = ubrk_next(s->words)) {
    if (ubrk_getRuleStatus(s->words) >= UBRK_WORD_NONE_LIMIT &&
        push_token(s, text, from + (size_t)a, from + (size_t)b, 0))
      return VB_ENOMEM;
  }
  return VB_OK;
}

static bool ascii_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True when ICU finds no word in text[start, end), a chunk that is not
 * all ASCII (mostly emoji and symbols: a third of such chunks in the
 * bench's peer corpus), so it need not be segmented.  A token has word
 * status only when some rule for letters, numbers, kana or ideographs
 * made it; so a chunk has none when it holds no ASCII letter, digit, '_'
 * or '@', and its other characters are no letters (Alphabetic: also kana,
 * ideographs, Thai), no numbers, of no script (Common or Inherited: ICU's
 * rules and dictionaries take CJK radicals and Myanmar symbols, which are
 * not Alphabetic, by their script), and of the word-break classes Other,
 * Extend, Format or ZWJ (not Numeric, ALetter, Katakana, Hebrew_Letter,
 * ExtendNumLet, Regional_Indicator or the Mid classes).  Invalid UTF-8
 * goes to ICU.  test_segment.c checks every code point against ICU. */
static bool no_words(const vb__seg *s, const unsigned char *t, size_t start,
                     size_t end) {
  for (int32_t i = (int32_t)start; i < (int32_t)end;) {
    if (t[i] < 0x80) {
      int c = s->word_class[t[i++]];
      if (is_alnum_class(c) || c == WB_EXTEND_NUM_LET)
        return false;
      continue;
    }
    UChar32 c;
    U8_NEXT(t, i, (int32_t)end, c);
    if (c < 0 || u_hasBinaryProperty(c, UCHAR_ALPHABETIC))
      return false;
    int wb = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
    if (wb != U_WB_OTHER && wb != U_WB_EXTEND && wb != U_WB_FORMAT &&
        wb != U_WB_ZWJ)
      return false;
    int script = u_getIntPropertyValue(c, UCHAR_SCRIPT);
    if ((U_GET_GC_MASK(c) & U_GC_N_MASK) ||
        (script != USCRIPT_COMMON && script != USCRIPT_INHERITED))
      return false;
  }
  return true;
}

/* True when the text holds U+16FE4 (UTF-8 F0 96 BF A4), a Khitan filler:
 * the one code point ICU joins into a word with the blank or punctuation
 * before it ("a \U00016FE4", "!\U00016FE4").  Then a word may hold a blank
 * (which chunk_words relies on no word doing), and a sentence may end
 * between two words with no gap (which clauses_from_gaps relies on), so
 * vb__segment sends such text to ICU whole, words and sentences, as the
 * reference path does.  Normalization keeps the character as it is. */
static bool has_khitan_filler(const char *text, size_t len) {
  return vb__contains(text, len, "\xF0\x96\xBF\xA4", 4);
}

#define CHUNK_MEMO_SLOTS 256
#define CHUNK_MEMO_BYTES 32
#define CHUNK_MEMO_WORDS 6

/* ICU's words of one chunk, kept by its bytes (len 0: an empty slot). */
typedef struct vb__chunk_memo {
  uint8_t len, count;
  uint8_t spans[2 * CHUNK_MEMO_WORDS]; /* each word's [start, end) in it */
  char bytes[CHUNK_MEMO_BYTES];
} vb__chunk_memo;

/* icu_words for a chunk of chunk_words, remembered: ICU segments the
 * chunk on its own, so the same bytes always give the same words, and a
 * chunk met again (an accented word, an emoji with a word stuck to it)
 * is not segmented again.  Chunks of up to CHUNK_MEMO_BYTES bytes with
 * up to CHUNK_MEMO_WORDS words are kept, in a direct-mapped table; a hit
 * compares the whole chunk, so it is exact. */
static int chunk_icu_words(vb__seg *s, const char *text, size_t start,
                           size_t end) {
  size_t len = end - start;
  if (len > CHUNK_MEMO_BYTES)
    return icu_words(s, text, start, end);
  if (!s->chunk_memo &&
      !(s->chunk_memo = calloc(CHUNK_MEMO_SLOTS, sizeof *s->chunk_memo)))
    return VB_ENOMEM;
  const unsigned char *t = (const unsigned char *)text + start;
  vb__chunk_memo *e =
      &s->chunk_memo[vb__hash(text + start, len) % CHUNK_MEMO_SLOTS];
  if (e->len == len && memcmp(e->bytes, t, len) == 0) {
    for (size_t k = 0; k < e->count; k++)
      if (push_token(s, text, start + e->spans[2 * k],
                     start + e->spans[2 * k + 1], 0))
        return VB_ENOMEM;
    return VB_OK;
  }
  size_t first = s->count;
  int rc = icu_words(s, text, start, end);
  if (rc || s->count - first > CHUNK_MEMO_WORDS)
    return rc;
  e->len = (uint8_t)len;
  e->count = (uint8_t)(s->count - first);
  memcpy(e->bytes, t, len);
  for (size_t k = 0; k < e->count; k++) {
    e->spans[2 * k] = (uint8_t)(s->toks[first + k].ns - start);
    e->spans[2 * k + 1] = (uint8_t)(s->toks[first + k].ne - start);
  }
  return VB_OK;
}

/* Words of text that is not all ASCII, in blank-separated chunks: the
 * chunks that hold a byte beyond ASCII are found from those bytes, and
 * each ASCII stretch between them takes the fast path in one call; a
 * chunk with no word (no_words) is skipped, and only the others go
 * through ICU (chunk_icu_words).  Exact because no word-break rule joins
 * across an ASCII blank to a word: a word never holds a blank, and the
 * rules that reach past one (WB3c-WB4: Extend, Format and ZWJ cling to
 * the blank before them; WB3d: blanks stay together) only shape segments
 * that are not words (text with the one exception, U+16FE4, does not
 * come here: has_khitan_filler).  test_segment.c compares this with ICU
 * over the whole text, and over every code point. */
static int chunk_words(vb__seg *s, const char *text, size_t len) {
  const unsigned char *t = (const unsigned char *)text;
  size_t done = 0; /* text[0, done) is segmented: 0, or a chunk's end */
  for (;;) {
    size_t high = done + vb__ascii_prefix(text + done, len - done);
    if (high == len)
      break;
    size_t start = high, end = high; /* the chunk around that byte */
    while (start > done && !ascii_blank(t[start - 1]))
      start--;
    while (end < len && !ascii_blank(t[end]))
      end++;
    int rc = start > done ? ascii_words(s, t, done, start) : VB_OK;
    if (!rc && !no_words(s, t, start, end))
      rc = chunk_icu_words(s, text, start, end);
    if (rc)
      return rc;
    done = end;
  }
  return done < len ? ascii_words(s, t, done, len) : VB_OK;
}

/* Numbers the tokens' sentences by ICU's sentence ends on the original
 * text, mapping each token's start there through orig_from (the
 * normalizer's map; NULL: the identity).  The iterator is already set on
 * the original. */
static void icu_sentences(vb__seg *s, const uint32_t *orig_from) {
  int32_t end = ubrk_following(s->sentences, 0);
  uint32_t sentence = 0;
  for (size_t i = 0; i < s->count; i++) {
    vb__tok *t = &s->toks[i];
    bool new_sentence = false;
    int32_t start_in_orig = (int32_t)(orig_from ? orig_from[t->ns] : t->ns);
    while (end != UBRK_DONE && start_in_orig >= end) {
      end = ubrk_next(s->sentences);
      new_sentence = true;
    }
    sentence += i > 0 && new_sentence;
    t->sentence = sentence;
  }
}

/* Numbers the sentences of the tokens of an ASCII original: walks its
 * sentence ends alongside the tokens' starts (the same offsets: ASCII
 * normalizes byte for byte). */
static void ascii_sentences(vb__seg *s) {
  const unsigned char *o = (const unsigned char *)s->orig_copy;
  size_t len = s->orig_len,
         end = ascii_sentence_end(s->sentence_class, o, len, 0);
  uint32_t sentence = 0;
  for (size_t i = 0; i < s->count; i++) {
    vb__tok *t = &s->toks[i];
    bool new_sentence = false;
    while (end < len && t->ns >= end) {
      end = ascii_sentence_end(s->sentence_class, o, len, end);
      new_sentence = true;
    }
    sentence += i > 0 && new_sentence;
    t->sentence = sentence;
  }
}

void vb__seg_sentences(vb__seg *s) {
  if (!s->sentences_pending)
    return;
  s->sentences_pending = false;
  if (s->orig_from)
    icu_sentences(s, s->orig_from);
  else
    ascii_sentences(s);
}

/* Keeps a copy of the original text for sentences numbered on demand;
 * orig_from is NULL for an ASCII original (the identity map). */
static int keep_original(vb__seg *s, const char *orig, size_t orig_len,
                         const uint32_t *orig_from) {
  if (vb__grow((void **)&s->orig_copy, &s->orig_cap, orig_len + 1, 1))
    return VB_ENOMEM;
  memcpy(s->orig_copy, orig, orig_len);
  s->orig_len = orig_len;
  s->orig_from = orig_from;
  s->sentences_pending = true;
  return VB_OK;
}

/* Clauses from the gaps between the tokens, and from sentence ends when
 * `by_sentence` (the tokens' sentences are numbered). */
static void gap_clauses(vb__seg *s, const char *text, bool by_sentence) {
  const unsigned char *u = (const unsigned char *)text;
  uint32_t clause = 0;
  for (size_t i = 0; i < s->count; i++) {
    vb__tok *t = &s->toks[i];
    clause +=
        i > 0 && ((by_sentence && t->sentence != s->toks[i - 1].sentence) ||
                  gap_ends_clause(u + s->toks[i - 1].ne, u + t->ns));
    t->clause = clause;
  }
}

/* True when the clauses of text that is not all ASCII follow from the
 * gaps alone, as they do for ASCII text, so its sentences can wait until
 * asked for.  ICU ends a sentence only after a terminator (Sentence_Break
 * ATerm or STerm) or a paragraph separator (Sep, CR, LF), and then only
 * past the closing punctuation and spaces that follow it, which never
 * begin a word.  So when the original's only terminators and separators
 * are ASCII (. ! ? CR LF) and none of them stands inside a token of the
 * normalized text (only '.' can: "3.5", "e.g", and Hebrew "\u05D0.N",
 * where ICU does end a sentence), every sentence end between two words
 * lies in their gap, next to one of those, and such a gap ends a clause
 * anyway.  (Normalization keeps those five bytes as they are.  Text
 * with U+16FE4, where this does not hold, does not come here:
 * has_khitan_filler.) */
static bool clauses_from_gaps(const vb__seg *s, const char *text,
                              const char *orig, size_t orig_len) {
  const uint8_t *o = (const uint8_t *)orig;
  for (int32_t i = (int32_t)vb__ascii_prefix(orig, orig_len);
       i < (int32_t)orig_len;) {
    if (o[i] < 0x80) {
      i++;
      continue;
    }
    UChar32 c;
    U8_NEXT(o, i, (int32_t)orig_len, c);
    int sb =
        c < 0 ? U_SB_OTHER : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    if (sb == U_SB_ATERM || sb == U_SB_STERM || sb == U_SB_SEP)
      return false;
  }
  for (size_t i = 0; i < s->count; i++)
    if (memchr(text + s->toks[i].ns, '.', s->toks[i].ne - s->toks[i].ns))
      return false;
  return true;
}

/* Clauses of the tokens of an ASCII original.  A sentence of ASCII text
 * ends only after . ! ? or a line break, and a '.' inside a word ("e.g",
 * "3.5") ends none (SB6-SB8), so every sentence end between two words
 * lies in a gap that ends a clause anyway: the gaps alone give the
 * clauses (ascii_words numbers them as it steps over the gaps), and
 * sentences wait until asked for.  The exception is '@', a letter to the
 * word rules but not to the sentence rules ("x@.Com" is one word and two
 * sentences): text with an '@' is numbered at once, sentences and
 * clauses.  `known`: the text is the original lower-cased (vb__norm.ascii),
 * so word_bits' at_sign answers for the original too.
 * test_segment.c compares both ways with ICU's numbering. */
static int ascii_clauses(vb__seg *s, const char *text, const char *orig,
                         size_t orig_len, bool known) {
  if (keep_original(s, orig, orig_len, NULL))
    return VB_ENOMEM;
  if (!(known ? s->at_sign : memchr(orig, '@', orig_len) != NULL))
    return VB_OK; /* ascii_words numbered the clauses from the gaps */
  vb__seg_sentences(s);
  gap_clauses(s, text, true);
  return VB_OK;
}

bool vb__seg_runs_split(const vb__seg *s, const char *text, size_t len) {
  size_t at = 0; /* the end of the token before */
  for (size_t i = 0; i <= s->count; i++) {
    size_t start = i < s->count ? s->toks[i].ns : len;
    if (at > 0 && at == start && start < len && vb__run_byte(text[at - 1]) &&
        vb__run_byte(text[at]))
      return true;
    for (; at < start; at++)
      if (vb__run_byte(text[at]))
        return true;
    if (i < s->count)
      at = s->toks[i].ne;
  }
  return false;
}

int vb__segment(vb__seg *s, const char *text, size_t len, const char *orig,
                size_t orig_len, const uint32_t *orig_from, bool known_ascii) {
  s->count = 0;
  s->maybe_count = 0;
  s->runs_whole = false;
  s->sentences_pending = false;
  if (known_ascii)
    orig_from = NULL; /* the identity, which the normalizer does not write */
  bool known = known_ascii && !s->force_icu && orig_len == len;
  bool ascii = !s->force_icu && (known || all_ascii(text, len));
  /* the reference path, or text whose words and sentences only ICU's
   * iterators over the whole text give */
  bool whole = s->force_icu || (!ascii && has_khitan_filler(text, len));
  int rc = whole ? VB_OK : word_bits(s, (const unsigned char *)text, len);
  if (!rc)
    rc = ascii   ? ascii_words(s, (const unsigned char *)text, 0, len)
         : whole ? icu_words(s, text, 0, len)
                 : chunk_words(s, text, len);
  if (rc)
    return rc;
  s->runs_whole = ascii && !s->underscore; /* ascii_words' fast loop alone */
  if (s->count == 0)
    return VB_OK;
  /* an ASCII original normalizes byte for byte (orig_from is the
   * identity): its sentences wait until asked for */
  if (ascii && orig_len == len && (known || all_ascii(orig, orig_len)))
    return ascii_clauses(s, text, orig, orig_len, known);

  /* Text that is not all ASCII: its sentences wait when the gaps alone
   * give the clauses, else ICU numbers them now, on the original text */
  if (!whole && clauses_from_gaps(s, text, orig, orig_len)) {
    if (keep_original(s, orig, orig_len, orig_from))
      return VB_ENOMEM;
    if (set_text(s->sentences, &s->orig, s->orig_copy, orig_len))
      return VB_EICU;
    gap_clauses(s, text, false);
    return VB_OK;
  }
  if (set_text(s->sentences, &s->orig, orig, orig_len))
    return VB_EICU;
  icu_sentences(s, orig_from);
  gap_clauses(s, text, true);
  return VB_OK;
}
