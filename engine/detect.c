/*
 * detect.c - which language a comment is written in, so that it can be
 * routed to the lexicons of its language (issue 16).
 *
 * The answer is a lowercase BCP 47 primary code ("fr", "zh") or "und".
 * "und" is the safe answer: an und comment goes to the default language,
 * while a wrong code sends it to lexicons that cannot match it.  So the
 * detector says und whenever it is not sure, and the rules below were
 * chosen on the 5-10 word comments of bench/detect/ (bench/RESULTS.md,
 * "Issue 16: language detection") to keep wrong answers rare.
 *
 * Two steps, both on the first DETECT_PREFIX bytes only, cut at a UTF-8
 * boundary.  On the benchmark's comments of 5-30 words, CLD2 on the
 * first 128 bytes gives the same answers as on the whole comment (64
 * bytes loses 0.2 points), and costs 4.1 instead of 6.6 us a comment on
 * the whole benchmark corpus.
 *
 * 1. The English shortcut.  Even cut, CLD2 costs about 4 us a comment,
 *    more than half of what `verbatim report` spends on one, and most
 *    exports are mostly English.  So the detector first reads the prefix
 *    itself, in one pass.  Punctuation, symbols and emoji are
 *    separators, and the typographic apostrophe is an apostrophe.
 *    Full-width Latin letters and the Latin ligatures ("ﬁ") are read as
 *    the ASCII letters NFKC makes them, and Latin letters with accents
 *    as letters of a word that no list holds; any other letter beyond
 *    ASCII (CJK, Cyrillic, ...) sends the comment to CLD2.  Words are
 *    looked up in two small lists: common English words that are no
 *    word of fr, de, es, it, pt or nl (EN_WORDS), and function words of
 *    those languages and a few others (FOREIGN_WORDS).  A word the cut
 *    splits is not looked up.  Then, in this order:
 *    - a foreign word: CLD2 decides;
 *    - EN_EARLY_HITS English words, one in every EN_EARLY_WORDS_PER_HIT
 *      words read so far or more: English, without reading on;
 *    - at the end of the prefix, EN_MIN_HITS English words, one in every
 *      EN_MAX_WORDS_PER_HIT words or more, or one English word in a
 *      comment of at most EN_SHORT_WORDS words: English;
 *    - a comment that held a letter beyond ASCII: CLD2 decides (the
 *      shortcut calls such a comment English or nothing);
 *    - fewer than MIN_WORDS words: und without asking CLD2 (on such
 *      comments CLD2 says und 85% of the time anyway);
 *    - otherwise CLD2 decides.
 *    On the 200,000-row benchmark corpus (8 languages, 10% non-ASCII)
 *    the shortcut calls 92% of the English comments English and 5% und,
 *    and no comment in any other language English; CLD2 runs on 3.0% of
 *    the English comments (6.8% before the early and short-comment
 *    rules).  It then cost about 0.12 us an English comment (0.34 us
 *    when it read the whole prefix; see below for now).  The answers on
 *    other languages
 *    did not change (bench/RESULTS.md, "Issue 16").  Reading accented,
 *    full-width and ligature letters (session 51) raised the English
 *    comments the shortcut answers there from 91.7% to 92.2% and changed
 *    30 answers, all English in full-width letters (und -> en), none in
 *    another language; on the issue 15 peer corpus (English with
 *    foreign fragments) it spares 2,763 of 9,152 CLD2 calls in 300,000
 *    comments and changes 25 answers, each a mixed comment whose
 *    English words carry it, as they would without the accents.
 *    How it reads (session 52): a prefix of ASCII bytes is read 16 bytes
 *    at a time, its words found from bit masks and each looked up as one
 *    8-byte load (ascii_shortcut); the byte loop (english_shortcut) reads
 *    the rest from the start, with the same verdicts.  The lists are a
 *    cuckoo table, where a lookup reads two slots and has no loop.  The
 *    byte loop's branches at word ends and the probe loop's exit were
 *    mispredicted about 17 times a comment: on the 300,000 peer comments
 *    the shortcut took 111 ns a comment, now 66 (bench/RESULTS.md).
 *
 * 2. CLD2 (Debian's libcld2, through detect_cld2.cc), plain text, no
 *    hints.  Its answer counts only when CLD2 calls it reliable
 *    (is_reliable); on the 5-10 word comments a floor on the top
 *    language's percent removed no wrong answer that is_reliable kept
 *    (a floor of 90 only turned right answers into und), so there is
 *    none.  With this rule CLD2 is wrong on 0.8% of 5-10 word comments
 *    and und on 2.8%.  CLD2's codes become BCP 47 primary codes: the
 *    region or script part is dropped ("zh-Hant" -> "zh"), the
 *    deprecated ISO 639 codes it still uses are replaced ("iw" -> "he",
 *    "in" -> "id", "jw" -> "jv", "ji" -> "yi", "mo" -> "ro"), and "un",
 *    "xxx" and its pseudo-languages of scripts ("xx-Qaai") are und.
 *
 * Thread safety: CLD2 is stateless, and this file's one global, the byte
 * table, is filled once (pthread_once) before any detector reads it.
 * A vb__detector is per-thread scratch (it counts the shortcut's answers;
 * its word table is filled by vb__detector_init and only read after).  No
 * byte string can crash it: empty, invalid UTF-8, NUL bytes and huge
 * inputs are cut or refused before CLD2 sees them, and CLD2 reads a copy
 * ended by NUL bytes, as it reads past the end of its input
 * (detect_cld2.cc; tests/test_detect.c, tests/fuzz/fuzz_detect.c).
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal.h"

/* Bytes of a comment the detector reads (see bench/RESULTS.md); the
 * English shortcut's bar; the longest word it looks up. */
enum { DETECT_PREFIX = 128, EN_MIN_HITS = 2, EN_MAX_WORDS_PER_HIT = 8 };
enum { EN_EARLY_HITS = 3, EN_EARLY_WORDS_PER_HIT = 3, EN_SHORT_WORDS = 4 };
enum { WORD_MAX = 8, SLOT_BITS = 10, NOT_A_WORD = 0, EN = 1, FOREIGN = 2 };
/* Below this many words, a comment the shortcut reads but cannot call
 * English is und without asking CLD2, which is almost never sure there. */
enum { MIN_WORDS = 3 };

/* The shortcut's verdicts. */
/* The shortcut's verdicts; READ_ON (none yet) and NOT_ASCII_TEXT
 * (ascii_shortcut hands the comment to english_shortcut) stay inside
 * the shortcut. */
typedef enum {
  ASK_CLD2,
  ENGLISH,
  TOO_SHORT,
  NOT_ASCII_TEXT,
  READ_ON
} shortcut_verdict;

/* Common English words (function words and feedback's commonest ones).
 * A few are also words of fr, it or nl (French "on", Italian "i", Dutch
 * "of", "had", "best"), but a sentence of those languages hardly holds
 * two of them and none of FOREIGN_WORDS. */
static const char EN_WORDS[] =
    "about after all also always amazing and any are at be because been best "
    "better but by can can't could customer delivery did didn't does doesn't "
    "don't easy even every for from get good got great had happy has have "
    "haven't helpful her highly his how i i'd i'll i'm i've if into isn't it "
    "it's its just keep like love made make more much my need never nice not "
    "nothing now of on one only our out over overall please pretty price "
    "quality really same she shipping should since some still sure than "
    "thank thanks that that's the their them then there these they this "
    "those to too two up us use used using very wasn't way we well were what "
    "when where which who why will with won't works worst would you your";

/* Function words of fr, de, es, it, pt, nl (and da, no, sv, id) that are
 * not everyday English: one of them sends the comment to CLD2. */
static const char FOREIGN_WORDS[] =
    "aber al als anche ao auch auf avec bei c'est ce che como con dans das "
    "dat de del della dem den der des det di die du een ein eine el em en es "
    "est et het ich ik il ist j'ai je jeg la las le les lo los maar mais mas "
    "mi mit molto muito muy naar nao ne nicht niet non och og ook op os para "
    "pas pero por pour que questo qui se sehr sono su sur te um uma una und "
    "une van vom voor wel wir y yang zijn zu zum zur";

/* A word of up to WORD_MAX bytes as an integer, for the table. */
static uint64_t word_key(const char *w, size_t n) {
  uint64_t k = 0;
  for (size_t i = 0; i < n; i++)
    k |= (uint64_t)(unsigned char)w[i] << (8 * i);
  return k;
}

/* The table is a cuckoo table: each listed word is in one of its two
 * slots, so a lookup reads both and needs no loop.  A probe loop's exit
 * is a coin toss to the branch predictor, one mispredicted branch a
 * word (bench/RESULTS.md, session 52). */
static size_t slot_one(uint64_t key) {
  return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - SLOT_BITS));
}

static size_t slot_two(uint64_t key) {
  return (size_t)((key * UINT64_C(0xC2B2AE3D27D4EB4F)) >> (64 - SLOT_BITS));
}

/* EN, FOREIGN or NOT_A_WORD; key is not 0, which marks an empty slot. */
static inline int word_kind(const vb__detector *d, uint64_t key) {
  size_t one = slot_one(key), two = slot_two(key);
  return (d->word_kind[one] & -(d->word_key[one] == key)) |
         (d->word_kind[two] & -(d->word_key[two] == key));
}

/* Puts key in one of its slots, moving the words in the way to their
 * other slot; false when that does not end (the table is a quarter full,
 * and it ends for the lists: vb__detector_init checks). */
static bool table_put(vb__detector *d, uint64_t key, unsigned char kind) {
  size_t at = slot_one(key);
  if (d->word_key[at] != 0 && d->word_key[slot_two(key)] == 0)
    at = slot_two(key);
  for (int moves = 0; moves < 64; moves++) {
    uint64_t k = d->word_key[at];
    unsigned char t = d->word_kind[at];
    d->word_key[at] = key;
    d->word_kind[at] = kind;
    if (k == 0)
      return true;
    key = k, kind = t; /* the word moved out goes to its other slot */
    at = at == slot_one(key) ? slot_two(key) : slot_one(key);
  }
  return false;
}

/* Puts the words of the list in the table (check false), or tells
 * whether the table finds each as a word of this kind (check true). */
static bool table_list(vb__detector *d, const char *list, unsigned char kind,
                       bool check) {
  for (const char *w = list; *w;) {
    size_t n = strcspn(w, " ");
    uint64_t key = word_key(w, n);
    if (check ? word_kind(d, key) != kind : !table_put(d, key, kind))
      return false;
    w += n + (w[n] == ' ');
  }
  return true;
}

/* The length of the longest prefix of at most max bytes that does not end
 * inside a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t len, size_t max) {
  if (len <= max)
    return len;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
    max--;
  return max;
}

/* The shortcut's reading of an ASCII byte: a letter, lowercased, or the
 * apostrophe (parts of a word), 0 (a separator), or NOT_ASCII for the
 * first byte of a longer sequence, which shortcut_char reads. */
enum { NOT_ASCII = 0xFF };
static unsigned char ascii_reading[256];

static void fill_ascii_reading(void) {
  for (int c = 0; c < 256; c++)
    ascii_reading[c] = c >= 0x80                ? NOT_ASCII
                       : (c >= 'a' && c <= 'z') ? (unsigned char)c
                       : (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20)
                       : c == '\''              ? (unsigned char)c
                                                : 0;
}

/* What a sequence beyond ASCII at s (n bytes left) is to the shortcut:
 * the bytes it spans, with as[] set to the letters it adds to the word
 * being read, up to a 0 (none: a separator), or 0 for text that only
 * CLD2 reads (CJK and every other script, and the symbols the cases
 * below do not list).  Letters it reads:
 * - full-width Latin letters (U+FF21-FF3A, U+FF41-FF5A) and the Latin
 *   ligatures U+FB00-FB06 ("ﬁ"): the ASCII letters NFKC gives them;
 * - Latin letters with accents and the like (U+00C0-U+024F but × and ÷,
 *   U+1E00-U+1EFF): BEYOND, a byte no word of the lists holds, so their
 *   words are looked up and never found. */
enum { BEYOND = 0x80 };
static size_t shortcut_char(const unsigned char *s, size_t n,
                            unsigned char as[4]) {
  as[0] = 0;
  if (s[0] == 0xE2 && n >= 3) { /* U+2000-U+2FFF: punctuation, symbols */
    if (s[1] == 0x80 && s[2] == 0x99)
      as[0] = '\'', as[1] = 0; /* the typographic apostrophe */
    return 3;
  }
  if (s[0] == 0xF0 && n >= 4 && s[1] == 0x9F) /* emoji */
    return 4;
  if (s[0] == 0xEF && n >= 3 && s[1] == 0xB8 && s[2] == 0x8F)
    return 3; /* the emoji presentation selector */
  static const char LIGATURES[7][4] = {"ff",  "fi", "fl", "ffi",
                                       "ffl", "st", "st"};
  int32_t i = 0, len = n < 4 ? (int32_t)n : 4;
  UChar32 c;
  U8_NEXT(s, i, len, c);
  if ((c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
    as[0] = (unsigned char)('a' + (c & 0x1F) - 1), as[1] = 0; /* Ａ and ａ: a */
  else if (c >= 0xFB00 && c <= 0xFB06)
    memcpy(as, LIGATURES[c - 0xFB00], 4);
  else if ((c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
           (c >= 0x1E00 && c <= 0x1EFF))
    as[0] = BEYOND, as[1] = 0;
  else
    return 0;
  return (size_t)i;
}

/* Adds letter c to the word being read: its key (the first WORD_MAX
 * bytes) and its length k. */
static inline void add_letter(uint64_t *key, size_t *k, unsigned char c) {
  if (*k < WORD_MAX)
    *key |= (uint64_t)c << (8 * *k);
  ++*k;
}

/* The words a reading of the shortcut has counted, and the English ones
 * among them. */
typedef struct word_count {
  size_t words, en;
} word_count;

/* Counts a word of len bytes (key: its first WORD_MAX, as word_key packs
 * them) and gives the verdict it settles: CLD2 for a foreign word,
 * English once enough of the words are, else READ_ON.  The rule of both
 * readings, english_shortcut and ascii_shortcut. */
static inline shortcut_verdict count_word(const vb__detector *d, word_count *c,
                                          uint64_t key, size_t len) {
  c->words++;
  int kind = len <= WORD_MAX ? word_kind(d, key) : NOT_A_WORD;
  if (kind == FOREIGN)
    return ASK_CLD2;
  c->en += kind == EN;
  if (c->en >= EN_EARLY_HITS && c->en * EN_EARLY_WORDS_PER_HIT >= c->words)
    return ENGLISH; /* no need to read on */
  return READ_ON;
}

/* The verdict once the words are read: the rules at the end of the
 * prefix (both readings). */
static shortcut_verdict verdict_at_end(const word_count *c, bool beyond) {
  if (c->en >= EN_MIN_HITS && c->en * EN_MAX_WORDS_PER_HIT >= c->words)
    return ENGLISH;
  if (c->en >= 1 && c->words <= EN_SHORT_WORDS)
    return ENGLISH;
  if (beyond)
    return ASK_CLD2; /* only English is decided without CLD2 there */
  return c->words < MIN_WORDS ? TOO_SHORT : ASK_CLD2;
}

/* Step 1: the shortcut's verdict on s (already cut to n bytes; cut_word:
 * the cut fell inside a word, whose start is then no word to look up).
 * One pass: each word is packed into an integer as it is read (the
 * table's key), and looked up where it ends. */
static shortcut_verdict english_shortcut(const vb__detector *d, const char *s,
                                         size_t n, bool cut_word) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  word_count count = {0, 0};
  uint64_t key = 0;
  size_t k = 0;        /* bytes of the current word; > WORD_MAX: too long */
  bool beyond = false; /* a letter beyond ASCII was read */
  for (;;) {
    unsigned char c = 0;
    if (p < end) {
      c = ascii_reading[*p];
      if (c == NOT_ASCII) {
        unsigned char as[4];
        size_t step = shortcut_char(p, (size_t)(end - p), as);
        if (step == 0)
          return ASK_CLD2;
        p += step;
        if (as[0] != 0) { /* letters, or the apostrophe */
          beyond |= as[0] != '\'';
          for (const unsigned char *l = as; *l; l++)
            add_letter(&key, &k, *l);
          continue;
        }
        c = 0;
      } else {
        p++;
      }
    } else if (cut_word) {
      k = 0; /* the cut word counts for nothing */
    }
    if (c != 0) {
      add_letter(&key, &k, c);
      continue;
    }
    if (k > 0) {
      shortcut_verdict v = count_word(d, &count, key, k);
      if (v != READ_ON)
        return v;
      k = 0;
      key = 0;
    }
    if (p >= end)
      break;
  }
  return verdict_at_end(&count, beyond);
}

#if defined(__SSE2__)
/* The words (letters and the apostrophe) of the 16 bytes at s as a
 * 16-bit mask, and its bytes beyond ASCII in *high. */
static inline unsigned word_bytes16(const unsigned char *s, unsigned *high) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i apostrophe = _mm_cmpeq_epi8(v, _mm_set1_epi8('\''));
  *high = (unsigned)_mm_movemask_epi8(v);
  return (unsigned)_mm_movemask_epi8(
      _mm_or_si128(vb__ascii_letters16(v), apostrophe));
}

/* A mask of the prefix's bytes, one bit each (GCC's and clang's 128-bit
 * integer; DETECT_PREFIX is 128). */
__extension__ typedef unsigned __int128 bits128;
_Static_assert(DETECT_PREFIX <= 128, "a prefix fits in a bits128");

/* The lowest set bit of a mask that has one. */
static inline unsigned lowest_bit(bits128 x) {
  uint64_t low = (uint64_t)x;
  return low ? (unsigned)__builtin_ctzll(low)
             : 64 + (unsigned)__builtin_ctzll((uint64_t)(x >> 64));
}

/* The bits below bit n (n <= 128). */
static inline bits128 below(size_t n) {
  return n >= 128 ? ~(bits128)0 : ((bits128)1 << n) - 1;
}

/* english_shortcut's verdict on the prefix s[0, n) of a text whose first
 * avail >= 16 bytes may be read, or NOT_ASCII_TEXT for english_shortcut
 * to decide.  The words come from bit masks, 16 bytes at a time, and
 * each is one 8-byte load: the byte loop's branch at each word's end, a
 * coin toss to the branch predictor, is gone (bench/RESULTS.md, session
 * 52).  Exact: the words before the first byte beyond ASCII are read as
 * english_shortcut reads them, so a verdict reached on them is its
 * verdict; a word that touches such a byte, or no verdict before one,
 * goes back to english_shortcut (tests/test_detect.c compares the two). */
static shortcut_verdict ascii_shortcut(const vb__detector *d,
                                       const unsigned char *s, size_t n,
                                       size_t avail, bool cut_word) {
  uint64_t word_half[2] = {0, 0}, high_half[2] = {0, 0};
  for (size_t k = 0; k < n; k += 16) {
    unsigned high, word;
    if (k + 16 <= avail) {
      word = word_bytes16(s + k, &high);
    } else { /* the 16 bytes that end the text, of which s[k..] are new */
      unsigned old = (unsigned)(k + 16 - avail);
      word = word_bytes16(s + avail - 16, &high) >> old;
      high >>= old;
    }
    word_half[k / 64] |= (uint64_t)word << (k % 64);
    high_half[k / 64] |= (uint64_t)high << (k % 64);
  }
  bits128 high = (high_half[0] | (bits128)high_half[1] << 64) & below(n);
  size_t ascii = high ? lowest_bit(high) : n; /* s[0, ascii) is ASCII */
  bits128 bits = (word_half[0] | (bits128)word_half[1] << 64) & below(ascii);
  bits128 starts = bits & ~(bits << 1), ends = bits & ~(bits >> 1);
  word_count count = {0, 0};
  while (starts) {
    unsigned first = lowest_bit(starts), last = lowest_bit(ends);
    starts &= starts - 1;
    ends &= ends - 1;
    if (last + 1 == ascii) {
      if (ascii < n)
        return NOT_ASCII_TEXT; /* the word may go on beyond ASCII */
      if (cut_word)
        break; /* the cut word counts for nothing */
    }
    size_t len = last - first + 1, kept = len < WORD_MAX ? len : WORD_MAX;
    uint64_t key;
    if (first + 8 <= avail) {
      memcpy(&key, s + first, 8);
    } else { /* the 8 bytes that end the text, shifted to the word */
      memcpy(&key, s + avail - 8, 8);
      key >>= 8 * (first + 8 - avail);
    }
    key = (key | UINT64_C(0x2020202020202020)) &
          (~UINT64_C(0) >> (8 * (WORD_MAX - kept)));
    shortcut_verdict v = count_word(d, &count, key, len);
    if (v != READ_ON)
      return v;
  }
  return ascii < n ? NOT_ASCII_TEXT : verdict_at_end(&count, false);
}
#endif

static size_t write_code(const char *src, char code[16]) {
  size_t n = strlen(src);
  memcpy(code, src, n + 1);
  return n;
}

/* Step 2's mapping: CLD2's code to a BCP 47 primary code, or und. */
static size_t bcp47_primary(const char *cld2, char code[16]) {
  static const char *const RENAMED[][2] = {
      {"iw", "he"}, {"in", "id"}, {"jw", "jv"}, {"ji", "yi"}, {"mo", "ro"}};
  size_t n = 0;
  if (!cld2)
    return write_code("und", code);
  while (cld2[n] >= 'a' && cld2[n] <= 'z' && n < 4)
    n++;
  if (n < 2 || n > 3 || (cld2[n] != '\0' && cld2[n] != '-') ||
      (n == 3 && memcmp(cld2, "xxx", 3) == 0) ||
      (n == 2 && memcmp(cld2, "xx", 2) == 0)) /* "xx-Qaai": a script */
    return write_code("und", code);
  for (size_t i = 0; i < sizeof RENAMED / sizeof *RENAMED; i++)
    if (n == 2 && memcmp(cld2, RENAMED[i][0], 2) == 0)
      return write_code(RENAMED[i][1], code);
  memcpy(code, cld2, n);
  code[n] = '\0';
  return n;
}

/* CLD2 allocates about 175 kB a call and frees it.  With glibc's default
 * thresholds that block lands at the top of the heap, whose release then
 * trims it back to the system, so the next call grows the heap again and
 * faults in fresh pages: 1,149 brk calls and 3,000 page faults in a
 * 20,000-comment `report` with detection on, 280 ms of CPU time against
 * 225 ms with the thresholds below (perf stat).
 * Raising the trim threshold keeps up to 16 MiB of free heap instead, and
 * a fixed mmap threshold keeps such blocks out of mmap.  Process-wide, so
 * done once, when the first detector starts. */
static void keep_heap(void) {
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

/* What the first detector does for all. */
static void start_detection(void) {
  keep_heap();
  fill_ascii_reading();
}

int vb__detector_init(vb__detector *d) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, start_detection);
  memset(d, 0, sizeof *d);
  /* every word where it is found, once both lists are in (a word in both
   * lists, or one the table cannot place, would be found as neither) */
  bool put = table_list(d, EN_WORDS, EN, false) &&
             table_list(d, FOREIGN_WORDS, FOREIGN, false);
  if (!put || !table_list(d, EN_WORDS, EN, true) ||
      !table_list(d, FOREIGN_WORDS, FOREIGN, true))
    return VB_EINVAL; /* lists the table cannot hold */
  return VB_OK;
}

void vb__detector_free(vb__detector *d) { (void)d; }

/* Step 1 on the text (len > 0), whose prefix s[0, *n) it reads:
 * ascii_shortcut, which reads a copy when the text is under 16 bytes,
 * then, when that cannot decide (or d->bytewise), english_shortcut. */
static shortcut_verdict shortcut(const vb__detector *d, const char *s,
                                 size_t len, size_t *n) {
  *n = utf8_cut(s, len, DETECT_PREFIX);
  bool cut_word = *n < len && ascii_reading[(unsigned char)s[*n]] != 0;
#if defined(__SSE2__)
  if (!d->bytewise) {
    shortcut_verdict v;
    if (len >= 16) {
      v = ascii_shortcut(d, (const unsigned char *)s, *n, len, cut_word);
    } else {
      unsigned char copy[16] = {0};
      memcpy(copy, s, *n);
      v = ascii_shortcut(d, copy, *n, sizeof copy, cut_word);
    }
    if (v != NOT_ASCII_TEXT)
      return v;
  }
#endif
  return english_shortcut(d, s, *n, cut_word);
}

int vb__detect_shortcut(const vb__detector *d, const char *utf8, size_t len) {
  size_t n;
  if (!utf8 || len == 0)
    return VB__SHORTCUT_UND;
  switch (shortcut(d, utf8, len, &n)) {
  case ENGLISH:
    return VB__SHORTCUT_ENGLISH;
  case TOO_SHORT:
    return VB__SHORTCUT_UND;
  default:
    return VB__SHORTCUT_CLD2;
  }
}

size_t vb__detect_language(vb__detector *d, const char *utf8, size_t len,
                           char code[16]) {
  size_t n;
  if (!utf8 || len == 0)
    return write_code("und", code);
  switch (shortcut(d, utf8, len, &n)) {
  case ENGLISH:
    d->shortcut_hits++;
    return write_code("en", code);
  case TOO_SHORT:
    return write_code("und", code);
  case ASK_CLD2:
  case NOT_ASCII_TEXT:
  case READ_ON:
    break;
  }
  return bcp47_primary(vb__cld2_detect(utf8, n), code);
}

size_t vb_detect_language(const char *text, size_t len, char code[16]) {
  vb__detector d;
  if (vb__detector_init(&d) != VB_OK) /* lists the table cannot hold */
    return write_code("und", code);
  size_t n = vb__detect_language(&d, text ? text : "", text ? len : 0, code);
  vb__detector_free(&d);
  return n;
}
