/*
 * internal.h - declarations shared between the engine's source files.
 *
 * Nothing here is public: the CLI and users see only include/verbatim.h.
 * Cross-file names are `vb__*`.  Each stage of the pipeline has one file:
 *
 *   error.c     status codes, messages, filling vb_error
 *   util.c      copying bytes, growing buffers, the monotonic clock, the
 *               length of an ASCII prefix, the reject-reason table
 *   strtab.c    string interning (stems, exact words, the word cache)
 *   normalize.c UTF-8 repair + ICU NFKC_Casefold (+ accent folding), with a
 *               map from normalized bytes back to the caller's bytes
 *   segment.c   ICU word and sentence breaks -> tokens, sentences, clauses
 *   stem.c      libstemmer wrapper
 *   analyze.c   normalize -> segment -> stem, the one path shared by the
 *               lexicon compiler and the matcher
 *   jsonpos.c   source positions of cJSON nodes (for file:line:column)
 *   lexicon.c   lexicon loading, validation and compilation
 *   typos.c     typo tolerance: words one edit from a lexicon word
 *   check.c     warnings about stemming traps (vb_lexicon_check)
 *   prefilter.c literals that gate pattern terms (one scan per comment)
 *   match.c     the matcher
 *   tally.c     mergeable counts (and the tally as a sink of the job)
 *   report.c    tallies by segment and period, their figures and formats
 *               (and the report's slices as a sink of the job)
 *   examples.c  example comments per theme and group, kept by min-hash
 *   stats.c     NPS, margins, Wilson intervals, two-proportion tests
 *   eval.c      scoring against labeled comments
 *   suggest.c   candidate terms by weighted log-odds
 *   reader.c    input sources (path, buffer, callback), gzip, encodings
 *               (ICU), sniffing, CSV / TSV rows, recovery after bad rows
 *   ndjson.c    NDJSON rows (one JSON object per line) for the reader
 *   writer.c    CSV / JSON field writers, the tag output formats (a sink
 *               of the job), header names, atomic output files
 *   pipeline.c  the job: reader -> matcher -> sinks, on worker threads
 *   scale.c     score scales, score and group fields
 *   period.c    dates, date formats, calendar buckets
 *   partial.c   a report's exact state saved and loaded (partial reports)
 *   report_html.c  the report as one self-contained HTML page (inline SVG)
 */
#ifndef VB_INTERNAL_H
#define VB_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h> /* memcpy */
#if defined(__SSE2__)
#include <emmintrin.h> /* vb__ascii_letters16 */
#endif

#include "verbatim.h"

#define VB__UNUSED(x) ((void)(x))

/* Longest comment the matcher accepts, in bytes (offsets fit in uint32). */
#define VB__MAX_TEXT (64u * 1024u * 1024u)

/* ---- error.c ---------------------------------------------------------- */

/* Fills `err` (when non-NULL) with code, position and a printf-style
 * message, and returns `code` so callers can `return vb__fail(...)`.
 * `file` may be NULL; line/column 0 mean "no position". */
int vb__fail(vb_error *err, int code, const char *file, unsigned line,
             unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
int vb__vfail(vb_error *err, int code, const char *file, unsigned line,
              unsigned column, const char *fmt, va_list ap);
/* Resets `err` to VB_OK with empty strings (NULL is a no-op). */
void vb__error_clear(vb_error *err);

/* Line and column (1-based, column in code points) of byte `offset`. */
void vb__line_col(const char *text, size_t len, size_t offset, unsigned *line,
                  unsigned *column);

/* ---- util.c ---------------------------------------------------------- */

/* A NUL-terminated copy of len bytes of s (which may hold NULs), or NULL
 * when out of memory. */
char *vb__memdup(const char *s, size_t len);

/* vb__grow when the buffer must really grow (need > *cap). */
int vb__grow_slow(void **buf, size_t *cap, size_t need, size_t elem);
/* Grows *buf (of element size `elem`) so it holds at least `need` elements;
 * *cap is in elements.  Returns VB_OK or VB_ENOMEM (buffer unchanged).
 * Inline: the hot loops call it per field and per comment, and nearly
 * always the buffer is big enough. */
static inline int vb__grow(void **buf, size_t *cap, size_t need, size_t elem) {
  return need <= *cap ? VB_OK : vb__grow_slow(buf, cap, need, elem);
}
/* vb__grow, with the new elements zeroed. */
int vb__grow_zero(void **buf, size_t *cap, size_t need, size_t elem);
/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t vb__now_ns(void);
/* How many bytes of s[0, len) from the start are ASCII (below 0x80);
 * eight bytes at a time. */
size_t vb__ascii_prefix(const char *s, size_t len);
/* True when h[0, hlen) holds n[0, nlen): for short needles in short
 * texts, where memchr on the first byte beats memmem's set-up. */
bool vb__contains(const char *h, size_t hlen, const char *n, size_t nlen);
#if defined(__SSE2__)
/* 0xFF for each of the 16 bytes of v that is an ASCII letter of either
 * case, else 0: the byte or-ed with 0x20, less 'a', is under 26 unsigned,
 * done as a signed compare after a shift.  Exact for any byte (the word
 * bits of segment.c and the English shortcut of detect.c). */
static inline __m128i vb__ascii_letters16(__m128i v) {
  __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
  return _mm_cmplt_epi8(_mm_add_epi8(folded, _mm_set1_epi8((char)(128 - 'a'))),
                        _mm_set1_epi8((char)(-128 + 26)));
}
#endif

/* Rejected rows by kind of reason: VB__MAX_REASONS kinds kept apart, the
 * rest (and any that meet an out-of-memory) counted as "other". */
enum { VB__MAX_REASONS = 32 };
typedef struct vb__reason_count {
  char *key;
  uint64_t n;
} vb__reason_count;
typedef struct vb__reasons {
  vb__reason_count *kinds;
  size_t count;
  uint64_t other; /* rejects beyond VB__MAX_REASONS kinds */
} vb__reasons;
void vb__reasons_free(vb__reasons *t);
/* Adds n rejects of kind `key` (copied); never fails: see above. */
void vb__reasons_add(vb__reasons *t, const char *key, uint64_t n);
void vb__reasons_merge(vb__reasons *dst, const vb__reasons *src);
/* The contract of vb_job_reject_reasons: sorts the table (most frequent
 * first, ties by name), fills up to `max`, returns how many kinds. */
size_t vb__reasons_list(vb__reasons *t, size_t max, const char **reasons,
                        uint64_t *counts);

/* ---- strtab.c --------------------------------------------------------- */

/* Interns byte strings to dense ids 1..count (0 means "absent").  Strings
 * are copied into an arena; ids never change until vb__strtab_clear(). */
typedef struct vb__strtab_span {
  uint32_t offset, length; /* in the arena */
} vb__strtab_span;
typedef struct vb__strtab {
  /* open addressing: 0, or the id in the low 32 bits and the hash's high
   * 32 bits above it, so a probe rules out most other strings without
   * touching them */
  uint64_t *slots;
  size_t mask;            /* slot count - 1 (power of two) */
  vb__strtab_span *spans; /* [id] -> where the string is */
  uint64_t *hashes;       /* [id] -> hash, to rehash without rereading */
  size_t count, cap;
  char *arena;
  size_t arena_len, arena_cap;
} vb__strtab;

uint64_t vb__hash(const char *s, size_t len);
/* Returns VB_OK and the (new or existing) id in *id, or VB_ENOMEM. */
int vb__strtab_intern(vb__strtab *t, const char *s, size_t len, uint32_t *id);
/* The id of s, or 0 when absent. */
uint32_t vb__strtab_find(const vb__strtab *t, const char *s, size_t len);
/* The string of an id (NUL-terminated in the arena) and its length. */
const char *vb__strtab_str(const vb__strtab *t, uint32_t id, size_t *len);
void vb__strtab_clear(vb__strtab *t);
void vb__strtab_free(vb__strtab *t);

/* ---- normalize.c ------------------------------------------------------ */

struct UNormalizer2;

#define VB__NORM_MEMO_SLOTS 256 /* normalize.c's memo of chunks */

/* Normalizer scratch: the normalized UTF-8 text of the last call and, for
 * each of its bytes, the span of the caller's bytes it came from. */
typedef struct vb__norm {
  const struct UNormalizer2 *nfkc_cf, *nfd, *nfc;
  bool fold_accents;
  bool force_icu; /* tests: send ASCII through ICU too */
  char *out;      /* normalized UTF-8, NUL-terminated; at least 8 bytes
                     of the buffer follow out[out_len] (all defined), so a
                     word may be read 8 bytes at a time */
  size_t out_len, out_cap;
  uint32_t *from, *to; /* [normalized byte] -> original [from, to), not
                          written for ASCII input: see vb__norm_span */
  size_t map_cap;
  uint16_t *u16a, *u16b, *u16c; /* UTF-16 scratch (UChar) */
  size_t cap_a, cap_b, cap_c;
  struct vb__norm_memo *memo; /* the output of recent chunks: a chunk of
                               * bytes s goes to slot vb__hash(s) %
                               * VB__NORM_MEMO_SLOTS */
  size_t invalid;             /* invalid UTF-8 sequences replaced by U+FFFD */
  bool ascii; /* the last input was all ASCII (taken by the fast path):
                 the output is the input lower-cased, byte for byte */
} vb__norm;

/* The original bytes [*from, *to) that normalized bytes [ns, ne) come
 * from (ne > ns). */
static inline void vb__norm_span(const vb__norm *n, uint32_t ns, uint32_t ne,
                                 size_t *from, size_t *to) {
  *from = n->ascii ? ns : n->from[ns];
  *to = n->ascii ? ne : n->to[ne - 1];
}

int vb__norm_init(vb__norm *n, bool fold_accents);
void vb__norm_free(vb__norm *n);
/* Normalizes text (len <= VB__MAX_TEXT).  VB_OK, VB_ENOMEM, VB_EICU. */
int vb__normalize(vb__norm *n, const char *text, size_t len);

/* ---- segment.c -------------------------------------------------------- */

struct UBreakIterator;
struct UText;

/* A word-like token: byte span in the normalized text and its bytes
 * there, its sentence and clause numbers (clauses never span sentences)
 * and its own index.  It has the layout of a word (vb__word), so that
 * the tokens are the words of a comment with no contraction to spell
 * out. */
typedef struct vb__tok {
  uint32_t ns, ne;
  uint32_t sentence, clause;
  const char *text;
  uint32_t len;
  uint32_t tok; /* its index; for a word, its (first) token */
} vb__tok;

typedef struct vb__seg {
  struct UBreakIterator *words, *sentences;
  struct UText *text, *orig;
  vb__tok *toks;
  size_t count, cap;
  bool force_icu; /* tests: send ASCII through ICU too */
  uint8_t word_class[128], sentence_class[128]; /* of ASCII bytes */
  uint64_t *alnum_bits; /* letters and digits of the text (word_bits) */
  size_t alnum_cap;
  struct vb__chunk_memo *chunk_memo; /* ICU's words of recent chunks */
  bool underscore;                   /* the text has a '_' (word_bits) */
  bool at_sign;                      /* ... an '@' */
  /* Every ASCII letter-digit run of the text lies whole inside one token
   * (the ASCII fast loop made the tokens: they are the runs, joined) */
  bool runs_whole;
  /* The tokens that may be negative contractions (vb__contraction_end,
   * or ending in 'n' before a one-letter token), in order: listed by the
   * ASCII fast loop as it makes the tokens.  Complete when runs_whole
   * (the loop made all the tokens); any token may be one otherwise */
  uint32_t *maybe_at;
  size_t maybe_count, maybe_cap;
  /* Sentences numbered on demand (vb__seg_sentences), from this copy of
   * the original text: by the ASCII rules (orig_from NULL), or by ICU's
   * iterator, already set on the copy, through orig_from (the
   * normalizer's map, alive until the next vb__segment) */
  bool sentences_pending;
  char *orig_copy;
  size_t orig_len, orig_cap;
  const uint32_t *orig_from;
} vb__seg;

/* True when a token ending in `last` (and `before` it, 0 for a token of
 * one byte) of `len` bytes may be a negative contraction on its own
 * ("don't", "dont", "cannot"); one ending in 'n' may also be one with a
 * next token "t" ("doesn ' t").  Every token analyze.c spells out passes,
 * most others fail.  No branches: whether a word ends in 't' is a coin
 * toss to the branch predictor. */
static inline bool vb__contraction_end(unsigned char last, unsigned char before,
                                       size_t len) {
  return (last == 't') & ((before == '\'') | (before == 'n') | (len == 6));
}

int vb__seg_init(vb__seg *s);
void vb__seg_free(vb__seg *s);
/* Splits normalized UTF-8 text into word-like tokens (ICU UBRK_WORD rule
 * status >= UBRK_WORD_NONE_LIMIT: letters, numbers, kana, ideographs) and
 * numbers their sentences, found on the original text `orig` (orig_from:
 * the normalizer's map from normalized to original offsets).  `text` must
 * stay alive and unchanged while the tokens are used.  `ascii`: the caller
 * knows both texts are all ASCII (vb__norm.ascii), so they are not
 * scanned for it. */
int vb__segment(vb__seg *s, const char *text, size_t len, const char *orig,
                size_t orig_len, const uint32_t *orig_from, bool ascii);
/* Numbers the tokens' sentences if vb__segment left them pending (until
 * then every token's sentence is 0; its clauses are final). */
void vb__seg_sentences(vb__seg *s);
/* An ASCII lower-case letter or digit: what the pattern prefilter's runs
 * are made of (prefilter.c). */
static inline bool vb__run_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
/* True when a run of vb__run_byte of the text lies outside the tokens, or
 * two tokens that touch split one; never when vb__seg.runs_whole.  The
 * scan itself, which does not look at runs_whole (tests check the flag
 * with it). */
bool vb__seg_runs_split(const vb__seg *s, const char *text, size_t len);

/* ---- stem.c ----------------------------------------------------------- */

struct sb_stemmer;

typedef struct vb__stemmer {
  struct sb_stemmer *sb; /* NULL for language "none" */
} vb__stemmer;

/* VB_OK, VB_ELANGUAGE (not a language tag), VB_ENOMEM.  A valid tag of a
 * language Snowball has no algorithm for ("zh", "ja") stems every word to
 * itself, as "none" does. */
int vb__stemmer_init(vb__stemmer *st, const char *language);
void vb__stemmer_free(vb__stemmer *st);
/* Stems one normalized word.  The result is owned by the stemmer and valid
 * until its next call.  VB_OK or VB_ENOMEM. */
int vb__stem(vb__stemmer *st, const char *word, size_t len, const char **stem,
             size_t *stem_len);
/* 1 when `language` is written without spaces between words (zh, ja,
 * th, lo, km, my, bo): its lexicons' terms match as aligned literals. */
bool vb__language_unspaced(const char *language);
/* 1 when Snowball stems `language` (by name, code or primary subtag). */
bool vb__language_stemmed(const char *language);
/* The routing key of a language: a BCP 47 tag in lower case with '-'
 * ("pt_BR" -> "pt-br"), a Snowball name as its code ("french" -> "fr"),
 * "none" as is.  Writes at most `size` bytes with the NUL; returns the
 * length, or 0 when it does not fit or is not a language. */
size_t vb__language_key(const char *language, size_t len, char *out,
                        size_t size);

/* ---- analyze.c -------------------------------------------------------- */

/* A word as the matcher sees it: a token, or one of the two words a
 * contraction stands for ("don't" -> "do" "not"), with the span of the
 * token(s) it comes from and its text (in the normalized text, or a
 * static string for the words of a contraction). */
typedef vb__tok vb__word;

/* normalize -> segment -> stem: the one path that lexicon terms and
 * comments both take, so they meet at the same stems. */
typedef struct vb__analyzer {
  vb__norm norm;
  vb__seg seg;
  vb__stemmer stemmer;
  /* the tokens with contractions spelled out: seg.toks itself when there
   * is none, else word_buf */
  vb__word *words;
  size_t word_count;
  vb__word *word_buf;
  size_t word_cap;
  bool expanded;               /* some word differs from its token */
  const char *const *elisions; /* the language's elided words, or NULL */
} vb__analyzer;

int vb__analyzer_init(vb__analyzer *a, const char *language, bool fold_accents);
void vb__analyzer_free(vb__analyzer *a);
/* Normalizes and segments; tokens are in a->seg, text in a->norm.out. */
int vb__analyze(vb__analyzer *a, const char *text, size_t len);
/* The same, adding the nanoseconds spent normalizing and segmenting to
 * ns[0] and ns[1] (NULL: no clock reads). */
int vb__analyze_timed(vb__analyzer *a, const char *text, size_t len,
                      uint64_t ns[2]);
/* The normalized bytes of token i of the last vb__analyze(). */
const char *vb__token_text(const vb__analyzer *a, size_t i, size_t *len);
/* True when the last vb__analyze() spelled out a contraction, so its
 * words differ from its tokens. */
bool vb__analyze_expanded(const vb__analyzer *a);
/* Numbers the sentences of the last vb__analyze()'s tokens and words,
 * which it may leave pending (vb__seg_sentences); NEAR and
 * the public tokens call it. */
void vb__analyze_sentences(vb__analyzer *a);

/* ---- jsonpos.c -------------------------------------------------------- */

struct cJSON;

/* Source offsets of the nodes of a cJSON tree parsed from `text`. */
typedef struct vb__jsonpos_entry {
  const struct cJSON *node;
  uint32_t key_off; /* offset of the key's opening quote (members) */
  uint32_t val_off; /* offset of the value's first byte */
} vb__jsonpos_entry;

typedef struct vb__jsonpos {
  const char *text;
  size_t len;
  vb__jsonpos_entry *entries; /* sorted by node address */
  size_t count, cap;
  uint32_t *line_starts; /* offset of each line's first byte */
  size_t line_count;
  /* the last position asked for: lookups mostly move forward, and on a
   * minified lexicon (one long line) counting columns from the line start
   * each time would be quadratic */
  size_t last_off, last_line;
  unsigned last_column;
} vb__jsonpos;

/* Walks `text` (already accepted by cJSON) alongside `root`. */
int vb__jsonpos_build(vb__jsonpos *p, const char *text, size_t len,
                      const struct cJSON *root);
void vb__jsonpos_free(vb__jsonpos *p);
/* Line and column of a node's value (key = false) or key (key = true). */
void vb__jsonpos_where(const vb__jsonpos *p, const struct cJSON *node, bool key,
                       unsigned *line, unsigned *column);
/* Line and column of the byte `decoded_off` of a string node's decoded
 * value, accounting for JSON escapes. */
void vb__jsonpos_where_in_string(const vb__jsonpos *p, const struct cJSON *node,
                                 size_t decoded_off, unsigned *line,
                                 unsigned *column);

/* ---- prefilter.c: anchors of pattern terms ----------------------------- */

#define VB__MAX_ANCHORS 128
#define VB__MAX_ALTS 32

/* A literal every match of a pattern starts with, at the start of a run of
 * ASCII letters and digits; len 0 stands for "any ASCII digit" (\d). */
typedef struct vb__anchor {
  char text[22];
  uint8_t len;
  uint8_t word_len;   /* its leading letters and digits */
  bool anywhere;      /* no \\b before it: found by a substring search */
  bool required_only; /* no start known: only the alternative's literals */
  uint32_t pattern;   /* index into vb_lexicon.patterns */
  uint32_t alt;       /* its top-level alternative (vb_lexicon.alts) */
} vb__anchor;

/* A top-level alternative of a pattern, with literals one of which every
 * match of it holds somewhere after its anchor. */
#define VB__MAX_REQUIRED 16
typedef struct vb__alt {
  struct {
    char text[22];
    uint8_t len;
  } required[VB__MAX_REQUIRED]; /* one of these occurs in every match */
  uint8_t required_count;       /* 0: none known */
  uint32_t pattern;
} vb__alt;

typedef struct vb__anchors {
  vb__anchor items[VB__MAX_ANCHORS];
  size_t count;
  vb__alt alts[VB__MAX_ALTS];
  size_t alt_count;
  bool digit; /* some anchor is \d: proven for pure ASCII text only */
} vb__anchors;

/* A lexicon with this many loose anchors or more indexes them by
 * vb__loose_key (vb_lexicon.loose_key_start); with fewer, a comment
 * checks them all.  With the index forced on default.json's 5 loose
 * anchors, report took 3.7% longer (bench/RESULTS.md, session 36); 64 is
 * a round bound above that, not a measured break-even. */
#define VB__LOOSE_INDEX_MIN 64

/* The four bytes at p hashed to a number under 65536 (the loose anchors'
 * index: four bytes of a word are far rarer in text than two). */
static inline unsigned vb__loose_key(const char *p) {
  uint32_t quad;
  memcpy(&quad, p, 4);
  return (unsigned)((quad * 0x9E3779B1u) >> 16);
}

/* The anchors of a pattern (its text between the slashes); false when
 * they cannot be proven, and then the pattern runs on every comment. */
bool vb__pattern_anchors(const char *pattern, size_t len, vb__anchors *out);
/* True when anchor `a` can start at the ASCII letter-digit run `run`
 * (a maximal run of [a-z0-9]). */
bool vb__anchor_fires(const vb__anchor *a, const char *run, size_t run_len);

/* How a pattern is gated: always run, run when an anchor fires, or run
 * when an anchor fires or the comment is not pure ASCII. */
enum { VB__GATE_NONE, VB__GATE_ANCHORS, VB__GATE_ANCHORS_ASCII };

/* ---- typos.c: words one edit from a lexicon word ------------------------ */

typedef struct vb__typo_entry {
  uint32_t target, next; /* next: 1-based entry, 0 ends the list */
} vb__typo_entry;

typedef struct vb__typos {
  vb__strtab known;    /* the word list, lower-cased */
  vb__strtab targets;  /* words a comment word may be corrected to */
  vb__strtab keys;     /* targets and their one-letter deletions */
  uint32_t *key_first; /* [key id] -> first entry (1-based) */
  size_t key_first_len, key_first_cap;
  vb__typo_entry *entries;
  size_t entry_count, entry_cap;
} vb__typos;

struct vb_lexicon;
/* Adds a lexicon's written word as a target (lower-case ASCII only). */
int vb__typos_add_target(vb__typos *t, const char *s, size_t len);
/* Reads the word list and builds the deletion index for `lex`, whose
 * items must be complete.  VB_EIO (no word list) or VB_ENOMEM, in err. */
int vb__typos_build(vb__typos *t, const struct vb_lexicon *lex, vb__stemmer *st,
                    vb_error *err);
void vb__typos_free(vb__typos *t);
/* The target (id in t->targets) that word w is a typo of, or 0: w is
 * known, too short, not lower-case ASCII, or ambiguous. */
uint32_t vb__typo_target(const vb__typos *t, vb__stemmer *st, const char *w,
                         size_t len);

/* ---- lexicon.c: the compiled lexicon (immutable once built) ----------- */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

enum { VB__ITEM_STEM, VB__ITEM_EXACT, VB__ITEM_PREFIX, VB__ITEM_SET };
enum { VB__TERM_WORDS, VB__TERM_NEAR, VB__TERM_PATTERN };
/* What a negated mention of a theme does (theme key "negated"). */
enum { VB__NEG_FLAG, VB__NEG_COUNT, VB__NEG_DROP };

/* One word position of a phrase: a stem id, an exact word id, a prefix id
 * or a set id, in the lexicon's `stems`, `exacts`, `prefixes` or
 * `set_names` table; `gap` is how many other words may stand before it
 * (`~N`), 0 for the first word of a side. */
typedef struct vb__item {
  uint32_t id;
  uint8_t kind;
  uint8_t gap;
} vb__item;

/* A side of a NEAR chain after the first: its items, and how many words
 * may stand between it and the side before it. */
typedef struct vb__link {
  uint32_t first, len;
  uint32_t near;
} vb__link;

typedef struct vb__term {
  uint32_t kind;
  uint32_t theme;
  bool exclude;
  uint32_t a_first, a_len;         /* items of the phrase / first side */
  uint32_t link_first, link_count; /* further NEAR sides (lex->links) */
  uint32_t with_set;               /* `WITH @set`: set id, 0 for none */
  pcre2_code *re;                  /* pattern terms */
  pcre2_code *re_at; /* the same anchored at the start offset, for a pattern
                        whose every match begins at one of its anchors;
                        else NULL (match.c tries it where the anchors are) */
  bool aligned;      /* a term of a language written without spaces (zh, ja,
                        th, ...): its normalized text as a literal pattern that
                        must start and end at word boundaries of the comment */
  char *text;        /* as written */
  uint32_t source;   /* index into vb_lexicon.sources */
  unsigned line, column;
} vb__term;

typedef struct vb__theme {
  char *id, *label;
  long parent;
  uint8_t negated;               /* VB__NEG_*, inherited from the parent */
  uint32_t req_first, req_count; /* "requires": set ids in lex->reqs */
  uint32_t source;
  unsigned line, column;
} vb__theme;

/* A member word of a set: a stem, exact or prefix item of set `set`. */
typedef struct vb__member {
  uint32_t kind, id, set;
} vb__member;

/* A named word set ("sets": {"problem": [...]}). */
typedef struct vb__set {
  char *members; /* the member words as written, '\n'-joined: identity */
  uint32_t source;
  unsigned line, column;
} vb__set;

typedef struct vb__example {
  uint32_t theme;
  bool must_match;
  char *text;
  uint32_t source;
  unsigned line, column;
} vb__example;

/* Compressed lists: the terms whose first word is key id k are
 * terms[start[k] .. start[k + 1]). */
typedef struct vb__index {
  uint32_t *start;
  uint32_t *terms;
} vb__index;

struct vb_lexicon {
  char *language; /* vb__language_key */
  bool stemmed;   /* Snowball has the language (else words match as is) */
  /* Several languages: this is the display language's lexicon (or the
   * first language's) and `langs` are the others', each a whole lexicon
   * with the same themes in the same order.  Term ids are global: a
   * language's own term t is term_base + t. */
  struct vb_lexicon **langs;
  size_t lang_count;
  uint32_t term_base;
  bool fold_accents;
  bool typos;     /* words of 6+ letters may match at edit distance 1 */
  vb__typos typo; /* built when `typos` is on */
  uint32_t negation_window;
  char **sources; /* document names, for locations */
  size_t source_count;
  vb__theme *themes;
  size_t theme_count;
  vb__term *terms;
  size_t term_count;
  vb__item *items;
  size_t item_count;
  vb__example *examples;
  size_t example_count;
  vb__strtab stems, exacts, prefixes, negators, theme_ids;
  vb__index by_stem, by_exact, by_prefix, by_set;
  vb__strtab set_names; /* set id = its name's id */
  vb__set *sets;        /* [set id - 1] */
  size_t set_count;
  /* the sets a stem, exact word or prefix belongs to, by its id */
  vb__index sets_of_stem, sets_of_exact, sets_of_prefix;
  vb__member *members; /* every member of every set */
  size_t member_count;
  vb__link *links; /* NEAR sides after the first */
  size_t link_count;
  uint32_t *reqs; /* set ids of the themes' "requires" */
  size_t req_count;
  uint32_t *prefix_lengths; /* distinct prefix lengths in bytes, ascending */
  size_t prefix_length_count;
  uint32_t *patterns;     /* term ids of pattern terms */
  uint8_t *pattern_gates; /* per pattern: VB__GATE_* */
  size_t pattern_count;
  /* the patterns gated VB__GATE_NONE or VB__GATE_ANCHORS_ASCII, which a
   * comment may stamp without an anchor (match.c, gate_patterns) */
  uint32_t *open_patterns;
  size_t open_pattern_count;
  vb__anchor *anchors; /* of all gated patterns, found through words */
  size_t anchor_count;
  /* The word anchors that can fire at a run starting with byte b:
   * anchor_by_byte[anchor_byte_start[b] .. [b + 1]), ascending.  An
   * anchor's text starts the run; a \\d anchor (no text) is under each
   * digit. */
  uint32_t *anchor_byte_start; /* 257 */
  uint32_t *anchor_by_byte;
  vb__anchor *loose_anchors; /* found by substring search (no \\b), in
                                pattern order */
  size_t loose_anchor_count;
  /* With VB__LOOSE_INDEX_MIN loose anchors or more, each with a text of
   * four bytes or more is listed under a hash of four bytes of it
   * (vb__loose_key), so that a comment checks the anchors under the keys
   * of its own four-byte runs, not every one (match.c, gate_patterns);
   * the others are "unkeyed".  NULL with fewer. */
  uint32_t *loose_key_start; /* 65537 offsets into loose_by_key */
  uint32_t *loose_by_key;    /* loose anchor indices */
  /* 65536 bits: the keys with anchors.  loose_key_start says the same,
   * but a comment tests every one of its bytes, and this 8 kB table
   * stays in cache where the 256 kB offsets do not: without it, 2-4%
   * slower on the pattern lexicons of bench/RESULTS.md, session 36. */
  uint64_t *loose_key_bits;
  uint32_t *loose_unkeyed; /* loose anchor indices */
  size_t loose_unkeyed_count;
  vb__alt *alts; /* of all gated patterns; anchors point here */
  size_t alt_count;
  char **texts;      /* [source] the documents compiled, as given */
  size_t *text_lens; /* (a partial report carries them) */
};

/* Language i's lexicon (0: lex itself), or NULL out of range. */
const vb_lexicon *vb__lexicon_at(const vb_lexicon *lex, size_t i);

/* 1 when theme `a` is `t` or one of its ancestors. */
bool vb__theme_covers(const vb_lexicon *lex, size_t a, size_t t);

/* ---- pipeline.c -------------------------------------------------------- */

/* A byte range of a batch's data. */
typedef struct vb__span {
  size_t off, len;
} vb__span;

/* One row as the driver hands it to the sinks (verbatim.h: vb_row_*). */
enum { VB__MAX_SEGMENTS = 64 };
struct vb_row {
  uint64_t index, line;
  const char *rejected; /* why, or NULL: tagged */
  const char *data;     /* the batch's bytes */
  vb__span raw;
  const vb__span *fields; /* `columns` of them; NULL when rejected */
  size_t columns;
  const char *text, *id;
  size_t text_len, id_len;
  char id_buf[24]; /* the line number, without an id column */
  int score;
  vb_group group;
  bool has_text, invalid_utf8, pattern_error;
  vb_matcher *m; /* NULL when rejected */
  /* with languages routed: the comment's language as given or detected,
   * its key ("fr" for "fr-CA", "und") and the language lexicon used */
  const char *lang;
  size_t lang_len, language;
  char lang_buf[16], lang_key[16];
  /* the report slice: the period bucket (NULL) and segment values, of
   * which only the first `segments` are set (they come last: a new row
   * zeroes what comes before them, not 1 KB of them) */
  const char *period_start, *period_label;
  size_t segments;
  const char *values[VB__MAX_SEGMENTS];
  size_t lens[VB__MAX_SEGMENTS];
};

/* A sink of a job with its output stream and whether its header is out. */
enum { VB__MAX_SINKS = 8 };
typedef struct vb__sink_slot {
  vb_sink sink;
  FILE *out;
  bool header_written;
} vb__sink_slot;

/* ---- reader.c --------------------------------------------------------- */

/* A row parser's answer when more input must be buffered before it can
 * decide (besides 1 = row, 0 = end, negative = VB_E* code). */
#define VB__NEED 2

/* Bytes of a row rejected as too big kept for vb_reader_raw(). */
#define VB__RAW_KEEP 4096u

/* A field of the current row: off/len into r->scratch (in_scratch) or
 * into r->buf. */
typedef struct vb__field {
  size_t off, len;
  int in_scratch;
} vb__field;

struct vb__source;     /* where the bytes come from (reader.c) */
struct vb__transcoder; /* non-UTF-8 input -> UTF-8 (reader.c) */

/* The reader's state, shared by reader.c and the NDJSON rows of
 * ndjson.c; nothing outside those two files looks inside. */
struct vb_reader {
  struct vb__source *src;
  char *name;
  vb_format format;
  char sep;
  bool sep_sniffed;
  struct vb__transcoder *tc; /* NULL: the input is read as UTF-8 */
  uint64_t skipped;          /* rows skipped after the header */
  bool qualtrics;
  bool eof;          /* the source reported the end of input */
  vb_error read_err; /* a read error to report once the buffer runs out */
  vb_error fatal;    /* code != 0: the reader is dead, report this again */

  char *buf; /* input bytes [0, end); [pos, end) not yet consumed */
  size_t cap, pos, end;
  size_t chunk; /* the first cap, and the size of a transcoder's reads */
  /* memchr caches: no LF in [lf_lo, lf_at) and buf[lf_at] is LF or
   * lf_at == end; the same for CR.  Reset by every refill. */
  size_t lf_lo, lf_at, cr_lo, cr_at;
  uint64_t line; /* physical line at pos */
  size_t max_row;

  /* Columns: names in one arena, plus an exact-match hash index. */
  size_t ncols;
  char **names;
  char *arena;
  uint32_t *slots; /* column + 1, 0 = empty */
  size_t slot_mask;

  /* Current row. */
  uint64_t row_line;
  vb__field *fields;
  size_t fcap, nfields;
  size_t flimit; /* fields stored per row: ncols, or SIZE_MAX for a header */
  char *scratch;
  size_t scap, slen;
  unsigned char *seen;  /* NDJSON: column already set in this row */
  unsigned char *kinds; /* NDJSON: each field's vb_value in this row */
  unsigned char *paths; /* NDJSON: column resolved as a dotted path */
  unsigned char *found; /* NDJSON: column had a value in some row so far */
  size_t npaths;        /* how many are */
  char **added;         /* NDJSON: names of columns added by use_column */
  size_t nadded;
  size_t raw_off, raw_len;
  bool raw_copied; /* raw is in rawbuf, not in buf */
  char rawbuf[VB__RAW_KEEP];

  /* Recovery after a bad row: skip to the end of its first line. */
  vb_error pend; /* the bad row's error, reported once the skip is done */
  size_t skip_at;
  bool discard;
};

/* First CR or LF at or after buf[p], or r->end. */
size_t vb__reader_find_eol(vb_reader *r, size_t p);
/* Appends n bytes to the row's scratch text; VB_OK or VB_ENOMEM. */
int vb__reader_scratch_append(vb_reader *r, const char *s, size_t n);
/* Line and column (in code points) of buf[off] in a row that starts at
 * buf[start], on line r->row_line. */
void vb__reader_row_pos(const vb_reader *r, size_t start, size_t off,
                        unsigned *line, unsigned *column);
/* True when the reader's bytes come from a caller's callback, which the
 * public API promises to call on the caller's thread only. */
bool vb__reader_calls_back(const vb_reader *r);
/* Fills r->pend for a row over r->max_row and returns VB_ETOOBIG. */
int vb__reader_too_big(vb_reader *r);
/* Column with exactly this name (the first one when repeated), or -1. */
long vb__reader_find_exact(const vb_reader *r, const char *name);
/* Makes the columns: copies the names into the arena and indexes them.
 * With `dedupe` a repeated name becomes no column (NDJSON keys), else
 * every name is a column and the index finds the first (CSV headers).
 * VB_OK or VB_ENOMEM. */
int vb__reader_set_columns(vb_reader *r, size_t count, const char *const *src,
                           const size_t *lens, bool dedupe);

/* ---- ndjson.c --------------------------------------------------------- */

/* Parses the NDJSON row at r->pos (with `header`, the first object, whose
 * keys become the columns).  1, 0, VB__NEED, VB_EMALFORMED / VB_ETOOBIG
 * (r->pend says why) or VB_ENOMEM, as every row parser of the reader. */
int vb__ndjson_row(vb_reader *r, bool header);

/* ---- writer.c --------------------------------------------------------- */

/* Whether a header name is taken in an output: by one of the output's own
 * columns (ASCII case-insensitively, as BI tools compare them), or, when
 * `renamed` (the name is an input column's new name), also by another
 * input column. */
typedef bool (*vb__name_taken)(const void *ctx, const char *name, bool renamed);
/* Writes the header field of a column copied from the input: `name`, or
 * when it is taken, input_NAME (input_input_NAME when that is taken too).
 * The output's own columns keep their documented names, so a BI tool
 * reading `themes` always gets ours. */
void vb__write_input_name(FILE *out, const char *name, vb__name_taken taken,
                          const void *ctx);

/* Writes text escaped for any context of an HTML page (element and SVG
 * text, quoted attribute values): & < > " ' as references, controls as
 * spaces, invalid UTF-8 as U+FFFD, bidi embeddings, overrides and
 * isolates dropped.  With max > 0, stops at the first code point at or
 * past byte `max` and writes an ellipsis.  Returns the bytes of text
 * written. */
size_t vb__html_write_text(FILE *out, const char *text, size_t len, size_t max);

/* The tag output formats (csv, long, ndjson) as a sink: ctx holds what the
 * writer needs; fill it and pass it to vb__format_sink. */
typedef struct vb__format_ctx {
  const vb_lexicon *lex;
  vb_output format;
  bool languages; /* a `language` field per row */
} vb__format_ctx;
vb_sink vb__format_sink(vb__format_ctx *ctx);

/* ---- match.c ---------------------------------------------------------- */

/* Turns the fast paths off (pattern prefilter, ASCII normalization and
 * segmentation) so tests can compare them with the reference path. */
void vb__matcher_set_slow(vb_matcher *m, bool slow);
/* Stage timing of vb_matcher_run (normalize, segment, stem, match). */
void vb__matcher_set_timing(vb_matcher *m, bool on);
uint64_t vb__matcher_stage_ns(const vb_matcher *m, vb_stage stage);
/* The language code (vb__language_key) of the lexicon the matcher is
 * routed to. */
const char *vb__matcher_language_code(const vb_matcher *m);

/* ---- scale.c ---------------------------------------------------------- */

/* The reason a score field (is_group false) or group field (true) holding
 * `value` in `column` is rejected, into buf. */
void vb__scale_reject_reason(const vb_scale *sc, bool is_group,
                             const char *value, size_t len, const char *column,
                             char *buf, size_t size);

/* ---- period.c --------------------------------------------------------- */

/* Counts which common date forms read the values of a sample (the first
 * rows of an input): ISO 8601 (form VB__DATE_FORMS) and the forms
 * vb__date_form names (D/M/YYYY, M/D/YYYY, with - or /, D.M.YYYY, each
 * with an optional time).  Zero it to start. */
enum { VB__DATE_FORMS = 25 };
typedef struct vb__date_sniff {
  uint64_t hits[VB__DATE_FORMS + 1];
  uint64_t first_line[VB__DATE_FORMS + 1]; /* of its first value read */
  char first[VB__DATE_FORMS + 1][48];      /* that value (truncated) */
} vb__date_sniff;
void vb__date_sniff_add(vb__date_sniff *s, const char *text, size_t len,
                        uint64_t line);
/* The form reading the most values into *best (VB__DATE_FORMS: ISO, also
 * when none reads any) and its day/month twin into *other (-1: none).
 * VB_EAMBIGUOUS when the twin reads exactly as many. */
int vb__date_sniff_result(const vb__date_sniff *s, int *best, int *other);
/* The strptime-style format of form k, NULL for ISO or out of range. */
const char *vb__date_form(int k);

/* ---- tally.c ---------------------------------------------------------- */

/* A tally's counter arrays, for saving and loading its exact state:
 * *n counters (VB_COUNT_KINDS, VB_GROUP_COUNT, or themes x VB_GROUP_COUNT
 * indexed theme * VB_GROUP_COUNT + group).  Term hits are kept by term
 * (vb__tally_term_next, vb__tally_term_add). */
typedef enum vb__tally_array {
  VB__TALLY_COUNTS,
  VB__TALLY_RESPONSES,
  VB__TALLY_WITH_TEXT,
  VB__TALLY_UNTAGGED,
  VB__TALLY_MENTIONS,
  VB__TALLY_ARRAYS
} vb__tally_array;
uint64_t *vb__tally_array_of(vb_tally *t, vb__tally_array which, size_t *n);
/* The pairs in slot order: call with *slot 0, then again while it
 * returns true.  Cheaper than vb_tally_pair over every index. */
bool vb__tally_pair_next(const vb_tally *t, size_t *slot, size_t *a, size_t *b,
                         uint64_t *comments);
/* Adds n comments to pair (a, b), a < b < 2^32.  VB_ENOMEM. */
int vb__tally_pair_add(vb_tally *t, size_t a, size_t b, uint64_t n);
/* The terms with hits, in slot order, as vb__tally_pair_next. */
bool vb__tally_term_next(const vb_tally *t, size_t *slot, size_t *term,
                         uint64_t *hits);
/* Adds n hits to term (< the lexicon's term count: else VB_EINVAL).
 * VB_ENOMEM. */
int vb__tally_term_add(vb_tally *t, size_t term, uint64_t n);
/* A tally as a sink: each worker counts every row (read, rejected,
 * tagged, invalid UTF-8, pattern errors, themes) into a tally of its
 * own, merged into `t` at the end. */
vb_sink vb__tally_sink(vb_tally *t);

/* ---- examples.c ------------------------------------------------------- */

/* An example comment kept for a theme and score group (docs/metrics.md,
 * "Example comments").  `text` is the comment, or for one longer than
 * 280 bytes a window of it around the match: the comment's bytes
 * [offset, offset + text_len) of its comment_len.  span_start/span_end
 * are byte offsets into `text` of the first match of the theme (or of a
 * child theme) in the comment; `term` is the lexicon term that matched
 * (vb_lexicon_term_text gives term_text).  `score` is -1 when unscored.
 * hash and tier are the order examples are chosen in (smallest first);
 * a renderer ignores them.  Strings are NUL-terminated and owned by the
 * report: valid until it changes or is freed. */
typedef struct vb__report_example {
  const char *text;
  size_t text_len;
  size_t offset, comment_len;
  const char *id;
  size_t id_len;
  int score;
  size_t span_start, span_end;
  size_t term;
  const char *term_text;
  uint64_t hash;
  unsigned tier;
} vb__report_example;
/* Examples kept per theme and group: the `kept` smallest keys offered
 * (vb__example_cmp: tier, hash, comment, id).  Zero-init or _init it;
 * buckets are allocated on the first offer. */
struct vb__ex_bucket;
typedef struct vb__examples {
  size_t kept, themes;
  struct vb__ex_bucket *buckets; /* themes x VB_GROUP_COUNT, or NULL */
} vb__examples;
void vb__examples_init(vb__examples *e, size_t kept, size_t themes);
/* Frees the kept examples (e stays usable, empty). */
void vb__examples_free(vb__examples *e);
/* The hash of (comment, score) that orders examples; portable. */
uint64_t vb__example_hash(const char *text, size_t len, int score);
/* 0 readable (40-280 bytes, span at most half), 1 other short, 2 long. */
unsigned vb__example_tier(size_t len, size_t span_start, size_t span_end);
/* The order examples are kept in (<0: a is kept before b). */
int vb__example_cmp(const vb__report_example *a, const vb__report_example *b);
/* A candidate from a comment of len bytes and its match [span_start,
 * span_end): tier, window and spans filled; strings point into the
 * caller's (copied only when kept).  term/term_text left 0. */
void vb__example_make(vb__report_example *x, const char *text, size_t len,
                      const char *id, size_t id_len, int score,
                      size_t span_start, size_t span_end, uint64_t hash);
/* False when a candidate of this tier and hash cannot get in. */
bool vb__examples_wants(const vb__examples *e, size_t theme, int group,
                        unsigned tier, uint64_t hash);
/* Keeps a copy of x when it is among the `kept` smallest.  VB_ENOMEM. */
int vb__examples_offer(vb__examples *e, size_t theme, int group,
                       const vb__report_example *x);
/* Offers every example of src to dst: exact (see the file's essay). */
int vb__examples_merge(vb__examples *dst, const vb__examples *src);
/* The examples kept for (theme, group), best first: their count, and
 * the array in *out (NULL when none). */
size_t vb__examples_get(const vb__examples *e, size_t theme, int group,
                        const vb__report_example **out);
/* Offers a tagged row's examples (one per theme it mentions, with the
 * theme's first match) to each of the sets.  VB_ENOMEM. */
int vb__examples_add_row(vb__examples *const sets[], size_t nsets,
                         const vb_lexicon *lex, const vb_row *row);

/* ---- partial.c: the layout's primitives ------------------------------- */

/* The bytes of a partial report being written: varints and strings
 * (docs/partial-format.md).  `failed` sticks after an allocation fails. */
typedef struct vb__out {
  unsigned char *data;
  size_t len, cap;
  bool failed;
} vb__out;
void vb__put_num(vb__out *o, uint64_t v);
void vb__put_str(vb__out *o, const char *s, size_t len);
/* A bounds-checked cursor over a partial's body; the first fault sticks
 * (rc), and every read after it returns 0 or NULL. */
typedef struct vb__cursor {
  const unsigned char *p;
  size_t len, at;
  const char *name;
  vb_error *err;
  int rc;
} vb__cursor;
/* A varint (at most 2^53); a count of items that take a byte each (at
 * most the bytes left); a string (a malloc'd NUL-terminated copy). */
uint64_t vb__get_num(vb__cursor *c);
size_t vb__get_count(vb__cursor *c, const char *what);
char *vb__get_str(vb__cursor *c, size_t *len);
/* Records a malformed-partial fault (VB_EPARTIAL, the body byte) once. */
int vb__bad(vb__cursor *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- suggest.c: a report's candidate terms, saved and loaded ----------- */

/* The state of s in the partial layout (item 12), the same bytes for the
 * same state. */
void vb__suggest_save(vb__out *o, const vb_suggest *s);
/* Reads what vb__suggest_save wrote into the empty s (same sets and
 * examples), checking every count and example; faults on c. */
void vb__suggest_load(vb__cursor *c, vb_suggest *s);

/* ---- report.c --------------------------------------------------------- */

/* The --by column names of a report, and its period. */
size_t vb__report_by(const vb_report *r, const char *const **names);
vb_period vb__report_period(const vb_report *r);
const char *vb__report_scale_text(const vb_report *r);
/* The report's reject reasons (the job adds its rows' reasons here). */
vb__reasons *vb__report_reasons(vb_report *r);
/* The report's slices, sorted as they are written (by segment values,
 * then period start): a malloc'd array of slice indices (NULL when out
 * of memory), *count of them. */
size_t *vb__report_slice_order(const vb_report *r, size_t *count);
/* Slice i: its segment values (by_count of them), period start and
 * label ("" without periods) and tally. */
void vb__report_slice_at(const vb_report *r, size_t i,
                         const char *const **values, const size_t **lens,
                         const char **start, const char **label,
                         vb_tally **tally);
/* A loaded partial's scale, as it was described. */
int vb__report_set_scale_text(vb_report *r, const char *text);
size_t vb__report_slice_count(const vb_report *r);
/* Hands the report a lexicon it frees with itself (a loaded partial's). */
void vb__report_own_lexicon(vb_report *r, vb_lexicon *lex);
/* Where a report came from, for messages (a loaded partial's name). */
int vb__report_set_name(vb_report *r, const char *name);
const char *vb__report_name(const vb_report *r);
/* The caller's named settings, in the order set. */
size_t vb__report_setting_count(const vb_report *r);
void vb__report_setting(const vb_report *r, size_t i, const char **name,
                        const char **value);
/* The examples kept for `theme` and `group` (vb_group), best first:
 * overall when `values` is NULL, else for the segment with these values
 * (the report's by_count of them; examples are kept per segment, never
 * per period).  Sets *out to an array of the returned count (0: none, or
 * examples not kept; *out is then NULL). */
size_t vb__report_examples(const vb_report *r, const char *const *values,
                           const size_t *lens, size_t theme, int group,
                           const vb__report_example **out);
/* How many examples per theme and group the report keeps (0: none). */
size_t vb__report_examples_kept(const vb_report *r);
/* The report's example sets, for saving and loading: set 0 is the
 * overall one, sets 1..count-1 the segments' (their values, by_count of
 * them, into values/lens; they point into the report). */
size_t vb__report_example_set_count(const vb_report *r);
vb__examples *vb__report_example_set(vb_report *r, size_t i,
                                     const char **values, size_t *lens);
/* The example set of the segment with these values, made empty on first
 * use (NULL: out of memory). */
vb__examples *vb__report_segment_examples(vb_report *r,
                                          const char *const values[],
                                          const size_t lens[]);
/* Orders two lists of segment values (by_count each), bytewise, column
 * by column: the order slices are written in. */
int vb__compare_values(size_t by_count, const char *const *xv, const size_t *xl,
                       const char *const *yv, const size_t *yl);
/* The report's candidate terms for untagged detractors (suggest.c, set 0
 * untagged detractor comments against tagged ones), kept with examples;
 * NULL without.  The HTML page shows the top few. */
vb_suggest *vb__report_suggest(const vb_report *r);
#define VB__CANDIDATE_EXAMPLES 2 /* examples kept per candidate term */

/* Whether the report has slices (segments or periods). */
bool vb__report_sliced(const vb_report *r);
/* The report's slices as a sink: each worker slices its rows into a
 * report of its own (vb_row's segment values and period) and keeps its
 * example comments, merged into `r` at the end.  The overall tally is
 * not touched (the job's tally).  Needed when the report is sliced or
 * keeps examples. */
vb_sink vb__report_sink(vb_report *r);

/* The report's figures, for the writers outside report.c (report_html.c):
 * the same numbers the table, CSV and JSON write.  Group index g is 0
 * detractor, 1 passive, 2 promoter, 3 unscored, VB__NG all four. */
#define VB__NG 4
typedef struct vb__slice_figs {
  uint64_t responses[VB__NG + 1], with_text[VB__NG + 1], untagged[VB__NG + 1];
  uint64_t scored;
  bool too_few; /* fewer responses than min_responses: no figures */
  double nps, margin;
} vb__slice_figs;

typedef struct vb__theme_figs {
  uint64_t mentions[VB__NG + 1];
  double share[VB__NG + 1], low[VB__NG + 1], high[VB__NG + 1];
  double theme_nps, impact, dp_p;
} vb__theme_figs;

/* What a written block (a section) totals over: the `margin` column of
 * docs/metrics.md. */
typedef enum vb__margin {
  VB__MARGIN_OVERALL, /* every response */
  VB__MARGIN_SEGMENT, /* one combination of segment values, all periods */
  VB__MARGIN_PERIOD,  /* one period, all segments */
  VB__MARGIN_NONE     /* one segment in one period: a cell, not a total */
} vb__margin;

struct vb__slice;
typedef struct vb__section {
  vb_report *owner;          /* the report (or margin) that holds s: finds
                                its previous period */
  const struct vb__slice *s; /* NULL for the overall section */
  const vb_tally *tally;
  vb__margin kind;
} vb__section;

/* A section's figures and those of its previous period, if any (prev is
 * NULL when either has too few responses). */
typedef struct vb__slice_view {
  const vb_tally *tally;
  vb__slice_figs figs;
  const struct vb__slice *prev;
  vb__slice_figs prev_figs;
} vb__slice_view;

/* The sections in output order (overall first; the caller frees *out);
 * builds the margins, hence the non-const report. */
int vb__report_sections(vb_report *r, vb__section **out, size_t *count);
/* A section's segment values (the report's by_count) and period start and
 * label ("" without periods); NULL values for the overall section. */
void vb__report_section_slice(const vb__section *sec,
                              const char *const **values, const size_t **lens,
                              const char **start, const char **label);
void vb__report_view_slice(vb_report *r, const vb__section *sec,
                           vb__slice_view *v);
/* A theme's figures now and (when v->prev) in the previous period. */
void vb__report_view_theme(const vb__slice_view *v, size_t theme,
                           vb__theme_figs *now, vb__theme_figs *before);
/* The untagged share of group g and its Wilson interval (NAN: none). */
double vb__report_untagged_share(const vb__slice_figs *sf, int g, double *lo,
                                 double *hi);
/* Whether the report shows the theme (min_mentions overall). */
bool vb__report_shown(const vb_report *r, size_t theme);
/* The `max` terms of `theme` with most hits in t, most first. */
size_t vb__report_theme_terms(const vb_report *r, const vb_tally *t,
                              size_t theme, size_t *out, size_t max);
/* The table's order of themes: most costly first (an undefined impact
 * counts as 0), then by theme index; <0, 0, >0 as for qsort. */
int vb__report_impact_order(size_t ta, double ia, size_t tb, double ib);
/* The slices' minimum responses for figures (vb_report_set_min_responses). */
uint64_t vb__report_min_responses(const vb_report *r);
/* The examples a section shows for a theme and group index g (the
 * overall section and segment totals have them; none per period). */
size_t vb__report_section_examples(const vb_report *r, const vb__section *sec,
                                   size_t theme, int g,
                                   const vb__report_example **out);
/* The p-value of the change of share[g] against the previous period (the
 * CSV's change_p_value), NAN without a previous period. */
double vb__report_change_p(const vb__slice_view *v, const vb__theme_figs *now,
                           const vb__theme_figs *before, int g);

/* ---- detect.c --------------------------------------------------------- */

/* The language of a comment, for routing it to its language's lexicons.
 * A detector is per-thread scratch (its counter); detection itself keeps
 * no state, so any number of detectors may run at once. */
typedef struct vb__detector {
  uint64_t shortcut_hits; /* comments the English shortcut answered */
  /* the shortcut's word table (cuckoo: each word in one of two slots): a
   * word of up to 8 bytes as an integer, and whether it is English (1) or
   * another language's */
  uint64_t word_key[1024];
  unsigned char word_kind[1024];
  /* tests: the shortcut reads every comment byte by byte, as it does
   * comments beyond ASCII, not by bit masks (tests/test_detect.c) */
  bool bytewise;
} vb__detector;

/* Fills the word table and looks every listed word up in it: VB_OK, or
 * VB_EINVAL when the table cannot hold the lists (a word in both; the
 * shipped lists fit, which tests/test_detect.c checks).
 * vb__detector_free releases nothing today. */
int vb__detector_init(vb__detector *d);
void vb__detector_free(vb__detector *d);
/* Writes to code a lowercase BCP 47 primary code ("fr", "zh", ...) or
 * "und" when the language is unknown or not reliably detected; returns
 * the code's length.  Reads at most the first 128 bytes of utf8; any bytes
 * are accepted (invalid UTF-8 is judged on its valid prefix). */
size_t vb__detect_language(vb__detector *d, const char *utf8, size_t len,
                           char code[16]);
/* The English shortcut's verdict on the text, the first step of
 * vb__detect_language: English, und, or CLD2 to decide. */
enum { VB__SHORTCUT_CLD2, VB__SHORTCUT_ENGLISH, VB__SHORTCUT_UND };
int vb__detect_shortcut(const vb__detector *d, const char *utf8, size_t len);
/* detect_cld2.cc: CLD2's code for the text's language ("fr", "zh-Hant",
 * "iw", ...), or NULL when CLD2 does not call it reliable. */
const char *vb__cld2_detect(const char *utf8, size_t len);

/* ---- report_html.c ---------------------------------------------------- */

/* The report as one HTML page (docs/report-html.md). */
int vb__report_write_html(vb_report *r, FILE *out);

#endif /* VB_INTERNAL_H */
