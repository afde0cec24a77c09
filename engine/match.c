/*
 * match.c - the matcher: one comment in, its theme mentions out.
 *
 * A matcher is per-thread scratch over a shared, immutable lexicon: an
 * analyzer (ICU normalizer and break iterators, a Snowball stemmer), a word
 * cache, PCRE2 match data and result arrays.  Nothing in it is shared, so
 * threads never lock.
 *
 * For each comment:
 *   1. analyze: normalize, segment into tokens (vb__analyze);
 *   2. look each token's surface up in the word cache; on a miss, stem it
 *      once and record its stem id, exact-word id, negator flag and the
 *      candidate terms whose first word it can be (from the lexicon's
 *      first-item indices) — so each distinct word is stemmed once per
 *      thread, and finding candidates costs hash lookups, not a scan of
 *      the lexicon; words the lexicon knows nothing of share one record;
 *   3. skip a candidate when one of its other stem, exact-word, prefix or
 *      set items is absent from the comment (per-comment stamps: a necessary
 *      condition, so the result is the same; most candidates of a common
 *      first word, e.g. a set, fail here for a few instructions);
 *      verify the others from the first word: the rest of the phrase
 *      in the same clause (a `~N` gap lets up to N other words stand
 *      before an item; a set item matches any member of its set), then
 *      each further NEAR side within its distance of the side before it,
 *      nearest first, in the same sentence;
 *   4. run the pattern terms over the normalized text;
 *   5. drop matches whose context (`WITH @set`, a theme's "requires") is
 *      absent from the comment, apply `exclude` matches (cancel
 *      overlapping matches of the exclude's theme and its descendants),
 *      flag negation, drop negated mentions of themes that ask for it,
 *      roll themes up to their parents.
 * Matching runs on words (analyze.c: tokens with contractions spelled out,
 * "don't" -> "do" "not"); the pattern prefilter runs on the tokens, which
 * are the normalized text's own letters.  Spans are computed on the
 * normalized text and mapped back to the caller's bytes through the
 * normalizer's offset map.
 *
 * Negation (the lexicon's `negators`): a mention is negated when a
 * negator stands before it in its clause (at most `negation_window` words
 * before, when the lexicon sets one), or between its words without being
 * one of them ("the menu is not confusing"), or when the word right after
 * it is "free" ("bug-free").
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CACHE_MAX_WORDS 262144u
#define MEMO_BITS 14      /* 16384 entries in front of the word cache */
#define LONG_MEMO_BITS 11 /* 2048 more for words of 9-16 bytes */
#define PCRE2_MATCH_LIMIT 200000u
#define PCRE2_DEPTH_LIMIT 2000u

/* What the matcher knows about one distinct normalized word. */
typedef struct word {
  uint32_t stem;  /* stem id in lex->stems, 0 if no term uses it */
  uint32_t exact; /* id in lex->exacts, 0 if none */
  bool negator;
  bool free;     /* "free": "bug-free" negates "bug" */
  uint32_t typo; /* a typo of this target (lex->typo.targets), or 0 */
  uint32_t set_off, set_count;   /* the sets it belongs to, in m->wsets */
  uint32_t cand_off, cand_count; /* candidate terms in m->cands, sorted: */
  uint32_t by_stem, by_exact;    /* how many have a stem / exact second
                                    word (after the others, by its id) */
  uint32_t trig_off, trig_count; /* anchors it fires, in m->trigs */
  uint32_t trig_covers;          /* the cover_bit of each of those anchors */
  /* wsets[set_off], or 0 when in no set: set ids start at 1, so
   * set_seen[0] is no set's stamp, and stamping it changes nothing */
  uint32_t first_set;
  uint64_t seconds; /* bit (id % 64) set for the second-word id of each
                       candidate counted in by_stem or by_exact */
} word;
/* first_set took padding: a record stays one cache line. */
_Static_assert(sizeof(word) == 64, "a word record is 64 bytes");

/* A word of up to 8 bytes and its id in the word cache (memo). */
typedef struct memo_entry {
  uint64_t key; /* its bytes, zero-padded (short_key) */
  uint32_t id, len;
} memo_entry;

/* A word of 9 to 16 bytes and its id in the word cache (long_memo). */
typedef struct long_memo_entry {
  uint64_t key[2]; /* its first 8 bytes; the rest, zero-padded */
  uint32_t id, len;
} long_memo_entry;

/* A candidate term of a word, with the needs it checks first inline
 * (see cand_needs): most candidates fail them without reading the term's
 * needs, and the loop over a word's candidates reads one array. */
typedef struct cand {
  uint32_t term;
  uint32_t need[2];
} cand;

/* A prefilter anchor a word fires, at byte `off` of the word.  The
 * anchors fired at one byte are sorted by text, and `shared` is how many
 * leading bytes this one has in common with the one before it there (0
 * for the first): when the one before differs from the comment at a byte
 * before `shared`, so does this one (gate_patterns). */
typedef struct trig {
  uint32_t anchor, off, shared;
  uint32_t cover; /* its pattern's pattern_cover, copied here so that the
                     gate skips it without reading the anchor's record */
} trig;

/* Where a word anchor of a pattern fired, at byte `at` of the comment. */
typedef struct spot {
  uint32_t pattern, at;
} spot;

/* A match on the normalized text, before mapping. */
typedef struct raw_match {
  uint32_t term;
  uint32_t ns, ne; /* normalized byte span */
  bool negated;
  uint32_t note_off, note_count; /* set members it matched, in m->notes */
} raw_match;

/* A set item of a match and the word that matched it (for explain). */
typedef struct note {
  uint32_t set, word;
} note;

/* A match as returned, with its notes. */
typedef struct match_entry {
  vb_match pub;
  uint32_t note_off, note_count;
} match_entry;

struct vb_matcher {
  const vb_lexicon *lex;
  /* Several languages: one matcher per language lexicon (routes[k] for
   * lex->langs[k]); `cur` is the one the next runs use (this one or a
   * route), chosen by vb_matcher_language. */
  vb_matcher *cur;
  size_t cur_language; /* cur's number: 0 (this one) or k + 1 (routes[k]) */
  vb_matcher **routes;
  size_t route_count;
  vb__analyzer an;
  vb__strtab cache; /* normalized word -> key (1-based) in word_of */
  memo_entry *memo; /* direct-mapped, in front of `cache` for short words */
  long_memo_entry *long_memo; /* the same for words of 9-16 bytes */
  /* words[0] stands for every word the lexicon does not know (no stem,
   * set, candidate, anchor, ...): many words of a comment share it, and
   * it stays in the cache.  Other words have their own (word_count). */
  word *words;
  size_t words_cap, word_count;
  uint32_t *word_of; /* word cache key -> index in words */
  size_t word_of_cap;
  cand *cands;
  size_t cand_len, cand_cap;
  uint32_t *cand_ids; /* per candidate: the id of its second word */
  size_t cand_id_cap;
  trig *trigs;
  size_t trig_len, trig_cap;
  uint32_t *pattern_stamp; /* per pattern: == stamp when it may match */
  uint32_t *pattern_from;  /* ... from this byte on (its first anchor) */
  uint32_t *stamped;       /* the patterns stamped, in pattern order */
  size_t stamped_count;
  bool *pattern_loose; /* per pattern: some anchor is loose (from 0) */
  spot *spots; /* where the word anchors fired (gate_patterns), in order */
  size_t spot_count, spot_cap;
  uint32_t *spot_list; /* list_spots' answer */
  size_t spot_list_cap;
  uint32_t *bigram_seen; /* per byte pair (65536): == stamp when the */
  uint32_t bigram_stamp; /* comment has it; == stamp: bigram_seen is set */
  uint32_t *key_done;    /* per loose key: == stamp when the loose anchors
                            under it were checked (lex->loose_key_start) */
  uint32_t *alt_stamp;   /* per alternative: == stamp when checked */
  bool *alt_present;     /* ... and whether its literals occur */
  /* Per pattern: its theme + 1 when it is an exclude pattern that can
   * only run where a word term matched that theme or a descendant (no
   * mention pattern has such a theme), else 0; per theme: == stamp when
   * a word term matched it or a descendant in this comment.  An exclude
   * pattern runs only where it has a match to cancel (match_patterns), so
   * the gate skips the anchors of such a pattern without that match. */
  uint32_t *pattern_cover;
  uint32_t *theme_cover;
  bool covers; /* some pattern_cover is not 0 */
  /* Per theme: a bit (one of COVER_BITS) when it is some pattern_cover's
   * theme, else 0.  A word ORs into trig_covers the bit of each anchor it
   * fires (its pattern_cover's theme's, or UNCOVERED), and the gate walks
   * a word's anchors only when one of those bits is live in the comment:
   * most words fire only anchors of exclude patterns with nothing to
   * cancel, so the gate skips them with one test. */
  uint32_t *cover_bit;
  uint32_t stamp;
  bool slow; /* fast paths off: the reference for differential tests */
  bool timing;
  uint64_t stage_ns[VB_STAGE_COUNT];
  uint32_t *tok_word; /* per token: word id (prefilter) */
  size_t tok_word_cap;
  /* per word (analyzer words): word id (matching).  word_ids is wd_word
   * when some token was expanded into other words, else tok_word: the
   * words are the tokens (most comments; the copy was 1.4% of the plain
   * job's perf samples) */
  uint32_t *wd_word;
  size_t wd_word_cap;
  const uint32_t *word_ids;
  uint32_t *cand_at; /* the words with candidate terms (stamp_words) */
  size_t cand_at_count, cand_at_cap;
  uint32_t *set_at; /* the words in some set (stamp_words) */
  size_t set_at_cap;
  uint32_t *wsets; /* the words' sets (word.set_off) */
  size_t wset_len, wset_cap;
  uint8_t *term_flags;  /* per term: TERM_CONTEXT, TERM_NOTES */
  vb__item *needs;      /* per term: its items other than the first that */
  uint32_t *need_start; /* a word must match: needs[need_start[t] .. [t+1]) */
  /* Per stem, exact-word, set and prefix id: == comment when a word of
   * the comment has it (stamp_words).  One array, `seen`, in four parts,
   * so that a packed need (cand_needs) is an index into it. */
  uint32_t *seen;
  uint32_t *stem_seen, *exact_seen, *set_seen; /* the parts of `seen` */
  /* The last part: per prefix, == comment when a word of the comment
   * starts with it.  Only the prefixes some term needs (prefix_needed)
   * are stamped: a word lists them after its sets, as set ids past the
   * lexicon's (set_count + 1 + prefix id), so stamping its sets stamps
   * them. */
  uint32_t *prefix_seen;
  bool *prefix_needed;
  bool stamps_sets; /* the lexicon has sets or needed prefixes */
  size_t seen_count;
  uint32_t *pos; /* per lexicon item: the word it matched last */
  uint32_t comment;
  note *notes;
  size_t note_len, note_cap;
  raw_match *raw, *excl;
  size_t raw_count, raw_cap, excl_count, excl_cap;
  match_entry *matches;
  size_t match_count, match_cap;
  vb_token *tokens; /* filled on first use: tokens_ready */
  size_t token_cap;
  bool tokens_ready;
  uint8_t *theme_hit;
  size_t *themes_hit;
  size_t themes_hit_count;
  pcre2_match_data *md;
  pcre2_match_context *mctx;
  pcre2_jit_stack *jit_stack;
  size_t pattern_errors;
};

/* Adds items [first, first + count) to the needs being built (n of them
 * so far, from `from`): once each, not the term's first item.  A prefix
 * item needed becomes one the comment's words stamp (prefix_needed). */
static void add_needs(vb_matcher *m, const vb__item *head, uint32_t first,
                      uint32_t count, size_t from, size_t *n) {
  for (uint32_t k = 0; k < count; k++) {
    const vb__item *it = &m->lex->items[first + k];
    bool dup = it->kind == head->kind && it->id == head->id;
    for (size_t j = from; j < *n && !dup; j++)
      dup = m->needs[j].kind == it->kind && m->needs[j].id == it->id;
    if (!dup)
      m->needs[(*n)++] = *it;
    if (!dup && it->kind == VB__ITEM_PREFIX)
      m->prefix_needed[it->id] = m->stamps_sets = true;
  }
}

/* The items each word term needs beyond its first (see the top). */
static int build_needs(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  m->needs = malloc((lex->item_count + 1) * sizeof *m->needs);
  m->need_start = malloc((lex->term_count + 1) * sizeof *m->need_start);
  m->prefix_needed = calloc(lex->prefixes.count + 1, sizeof *m->prefix_needed);
  if (!m->needs || !m->need_start || !m->prefix_needed)
    return VB_ENOMEM;
  m->stamps_sets = lex->set_count != 0;
  size_t n = 0;
  for (size_t t = 0; t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    m->need_start[t] = (uint32_t)n;
    if (term->kind == VB__TERM_PATTERN)
      continue;
    const vb__item *head = &lex->items[term->a_first];
    add_needs(m, head, term->a_first, term->a_len, n, &n);
    for (uint32_t j = 0; j < term->link_count; j++) {
      const vb__link *l = &lex->links[term->link_first + j];
      add_needs(m, head, l->first, l->len, m->need_start[t], &n);
    }
  }
  m->need_start[lex->term_count] = (uint32_t)n;
  return VB_OK;
}

/* What a match of a term asks of the comment after verification, so that
 * most matches skip those steps: TERM_CONTEXT, a `WITH @set` or a theme
 * (or ancestor) that "requires" sets (context_present); TERM_NOTES, a
 * set item, or typos on, whose words explain notes (add_notes). */
enum { TERM_CONTEXT = 1, TERM_NOTES = 2 };

static bool has_set_item(const vb_lexicon *lex, uint32_t first,
                         uint32_t count) {
  for (uint32_t k = first; k < first + count; k++)
    if (lex->items[k].kind == VB__ITEM_SET)
      return true;
  return false;
}

static int build_term_flags(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  m->term_flags = calloc(lex->term_count + 1, 1);
  if (!m->term_flags)
    return VB_ENOMEM;
  for (size_t t = 0; t < lex->term_count; t++) {
    const vb__term *term = &lex->terms[t];
    bool context = term->with_set != 0;
    for (long th = (long)term->theme; th >= 0; th = lex->themes[th].parent)
      context = context || lex->themes[th].req_count != 0;
    bool notes = lex->typos || (term->kind != VB__TERM_PATTERN &&
                                has_set_item(lex, term->a_first, term->a_len));
    for (uint32_t j = 0; !notes && j < term->link_count; j++) {
      const vb__link *l = &lex->links[term->link_first + j];
      notes = has_set_item(lex, l->first, l->len);
    }
    m->term_flags[t] =
        (uint8_t)((context ? TERM_CONTEXT : 0) | (notes ? TERM_NOTES : 0));
  }
  return VB_OK;
}

/* calloc of count elements, at least one: a lexicon without patterns,
 * themes or alternatives still gets arrays the matcher may index. */
static void *zeroed(size_t count, size_t size) {
  return calloc(count ? count : 1, size);
}

/* Bits of word.trig_covers: UNCOVERED for an anchor whose pattern always
 * counts; the others for the themes of pattern_cover (several themes may
 * share one: the test is a necessary condition). */
#define UNCOVERED (UINT32_C(1) << 31)
enum { COVER_BITS = 31 };

/* Fills m->pattern_cover.  An exclude pattern of theme T runs only when
 * a match of T or a descendant is in m->raw: word terms put theirs there
 * before the gate runs, mention patterns after.  So the gate may skip T's
 * exclude patterns where no word term matched T's subtree, unless some
 * mention pattern's theme lies in that subtree.  VB_ENOMEM or VB_OK. */
static int build_pattern_cover(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  bool *mentioned = zeroed(lex->theme_count, 1);
  uint32_t covered = 0; /* themes given a cover_bit */
  if (!mentioned)
    return VB_ENOMEM;
  for (size_t p = 0; p < lex->pattern_count; p++) {
    const vb__term *term = &lex->terms[lex->patterns[p]];
    if (!term->exclude) /* mark its theme and every theme above it */
      for (long t = (long)term->theme; t >= 0; t = lex->themes[t].parent)
        mentioned[t] = true;
  }
  for (size_t p = 0; p < lex->pattern_count; p++) {
    const vb__term *term = &lex->terms[lex->patterns[p]];
    if (term->exclude && !mentioned[term->theme]) {
      m->pattern_cover[p] = (uint32_t)term->theme + 1;
      if (!m->cover_bit[term->theme])
        m->cover_bit[term->theme] = 1u << (covered++ % COVER_BITS);
      m->covers = true;
    }
  }
  free(mentioned);
  return VB_OK;
}

int vb_matcher_new(const vb_lexicon *lex, vb_matcher **out, vb_error *err) {
  vb__error_clear(err);
  if (!out)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "out is NULL");
  *out = NULL;
  if (!lex)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "lexicon is NULL");
  vb_matcher *m = calloc(1, sizeof *m);
  if (!m)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  m->lex = lex;
  int rc = vb__analyzer_init(&m->an, lex->language, lex->fold_accents);
  if (rc) {
    free(m);
    return vb__fail(err, rc, NULL, 0, 0, "cannot create the analyzer: %s",
                    vb_strerror(rc));
  }
  m->theme_hit = zeroed(lex->theme_count, 1);
  m->pattern_stamp = zeroed(lex->pattern_count, sizeof *m->pattern_stamp);
  m->pattern_from = zeroed(lex->pattern_count, sizeof *m->pattern_from);
  m->stamped = zeroed(lex->pattern_count, sizeof *m->stamped);
  m->words = calloc(1, sizeof *m->words); /* words[0]: see the struct */
  m->words_cap = m->word_count = 1;
  m->pattern_loose = zeroed(lex->pattern_count, sizeof *m->pattern_loose);
  m->alt_stamp = zeroed(lex->alt_count, sizeof *m->alt_stamp);
  m->alt_present = zeroed(lex->alt_count, sizeof *m->alt_present);
  m->pattern_cover = zeroed(lex->pattern_count, sizeof *m->pattern_cover);
  m->theme_cover = zeroed(lex->theme_count, sizeof *m->theme_cover);
  m->cover_bit = zeroed(lex->theme_count, sizeof *m->cover_bit);
  m->themes_hit = zeroed(lex->theme_count, sizeof *m->themes_hit);
  m->pos = calloc(lex->item_count + 1, sizeof *m->pos);
  m->bigram_seen = calloc(65536, sizeof *m->bigram_seen);
  if (lex->loose_key_start)
    m->key_done = calloc(65536, sizeof *m->key_done);
  m->memo = calloc((size_t)1 << MEMO_BITS, sizeof *m->memo);
  m->long_memo = calloc((size_t)1 << LONG_MEMO_BITS, sizeof *m->long_memo);
  m->seen_count = lex->stems.count + lex->exacts.count + lex->set_count +
                  lex->prefixes.count + 4;
  m->seen = calloc(m->seen_count, sizeof *m->seen);
  if (m->seen) {
    m->stem_seen = m->seen;
    m->exact_seen = m->stem_seen + lex->stems.count + 1;
    m->set_seen = m->exact_seen + lex->exacts.count + 1;
    m->prefix_seen = m->set_seen + lex->set_count + 1;
  }
  m->md = pcre2_match_data_create(1, NULL);
  m->mctx = pcre2_match_context_create(NULL);
  m->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
  if (!m->theme_hit || !m->themes_hit || !m->pattern_stamp || !m->alt_stamp ||
      !m->pos || !m->alt_present || !m->md || !m->mctx || !m->jit_stack ||
      !m->seen || !m->bigram_seen || !m->memo || !m->long_memo ||
      (lex->loose_key_start && !m->key_done) || !m->pattern_from ||
      !m->pattern_loose || !m->stamped || !m->words || !m->pattern_cover ||
      !m->theme_cover || !m->cover_bit || build_needs(m) ||
      build_term_flags(m) || build_pattern_cover(m)) {
    vb_matcher_free(m);
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  }
  for (size_t a = 0; a < lex->loose_anchor_count; a++)
    m->pattern_loose[lex->loose_anchors[a].pattern] = true;
  pcre2_set_match_limit(m->mctx, PCRE2_MATCH_LIMIT);
  pcre2_set_depth_limit(m->mctx, PCRE2_DEPTH_LIMIT);
  pcre2_jit_stack_assign(m->mctx, NULL, m->jit_stack);
  m->cur = m;
  if (lex->lang_count &&
      !(m->routes = calloc(lex->lang_count, sizeof *m->routes))) {
    vb_matcher_free(m);
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  }
  for (size_t k = 0; k < lex->lang_count; k++, m->route_count++) {
    if ((rc = vb_matcher_new(lex->langs[k], &m->routes[k], err))) {
      vb_matcher_free(m);
      return rc;
    }
  }
  *out = m;
  return VB_OK;
}

void vb_matcher_free(vb_matcher *m) {
  if (!m)
    return;
  for (size_t k = 0; k < m->route_count; k++)
    vb_matcher_free(m->routes[k]);
  free(m->routes);
  vb__analyzer_free(&m->an);
  vb__strtab_free(&m->cache);
  free(m->words);
  free(m->word_of);
  free(m->cands);
  free(m->cand_ids);
  free(m->trigs);
  free(m->pattern_stamp);
  free(m->pattern_from);
  free(m->stamped);
  free(m->pattern_loose);
  free(m->spots);
  free(m->spot_list);
  free(m->alt_stamp);
  free(m->alt_present);
  free(m->pattern_cover);
  free(m->theme_cover);
  free(m->cover_bit);
  free(m->tok_word);
  free(m->wd_word);
  free(m->cand_at);
  free(m->set_at);
  free(m->wsets);
  free(m->prefix_needed);
  free(m->pos);
  free(m->bigram_seen);
  free(m->key_done);
  free(m->memo);
  free(m->long_memo);
  free(m->seen);
  free(m->needs);
  free(m->need_start);
  free(m->term_flags);
  free(m->notes);
  free(m->raw);
  free(m->excl);
  free(m->matches);
  free(m->tokens);
  free(m->theme_hit);
  free(m->themes_hit);
  pcre2_match_data_free(m->md);
  pcre2_match_context_free(m->mctx);
  pcre2_jit_stack_free(m->jit_stack);
  free(m);
}

/* ---- word cache ------------------------------------------------------- */

static int add_cands(vb_matcher *m, const vb__index *ix, uint32_t key) {
  uint32_t a = ix->start[key], b = ix->start[key + 1];
  if (a == b)
    return VB_OK;
  if (vb__grow((void **)&m->cands, &m->cand_cap, m->cand_len + (b - a),
               sizeof *m->cands))
    return VB_ENOMEM;
  for (uint32_t k = a; k < b; k++) /* needs: sort_cands */
    m->cands[m->cand_len++] = (cand){ix->terms[k], {0, 0}};
  return VB_OK;
}

/* The length of the common prefix of anchors a and b. */
static uint32_t common_prefix(const vb__anchor *a, const vb__anchor *b) {
  uint32_t n = 0;
  while (n < a->len && n < b->len && a->text[n] == b->text[n])
    n++;
  return n;
}

/* Sorts the n anchors fired at one byte by text (a few: insertion) and
 * sets their `shared`. */
static void sort_trigs(const vb_matcher *m, trig *g, size_t n) {
  const vb__anchor *x = m->lex->anchors;
  for (size_t i = 1; i < n; i++) {
    trig t = g[i];
    size_t j = i;
    for (; j > 0; j--) {
      const vb__anchor *a = &x[g[j - 1].anchor], *b = &x[t.anchor];
      uint32_t c = common_prefix(a, b);
      if (c == a->len ||
          (c < b->len && (unsigned char)a->text[c] < (unsigned char)b->text[c]))
        break; /* a <= b */
      g[j] = g[j - 1];
    }
    g[j] = t;
  }
  for (size_t i = 0; i < n; i++)
    g[i].shared = i ? common_prefix(&x[g[i - 1].anchor], &x[g[i].anchor]) : 0;
}

/* The prefilter anchors that can start at one of the ASCII letter-digit
 * runs of word s (see prefilter.c); a run starts where the byte before is
 * not a letter, digit or '_', or at the word's start. */
static int add_trigs(vb_matcher *m, const char *s, size_t len) {
  const vb_lexicon *lex = m->lex;
  for (size_t k = 0; k < len; k++) {
    if (!vb__run_byte(s[k]) ||
        (k > 0 && (vb__run_byte(s[k - 1]) || s[k - 1] == '_')))
      continue;
    size_t run = 1, first = m->trig_len;
    while (k + run < len && vb__run_byte(s[k + run]))
      run++;
    unsigned b = (unsigned char)s[k]; /* only its anchors can fire */
    for (uint32_t i = lex->anchor_byte_start[b];
         i < lex->anchor_byte_start[b + 1]; i++) {
      uint32_t a = lex->anchor_by_byte[i];
      const vb__anchor *x = &lex->anchors[a];
      if (!vb__anchor_fires(x, s + k, run))
        continue;
      if (vb__grow((void **)&m->trigs, &m->trig_cap, m->trig_len + 1,
                   sizeof *m->trigs))
        return VB_ENOMEM;
      m->trigs[m->trig_len++] =
          (trig){a, (uint32_t)k, 0, m->pattern_cover[x->pattern]};
    }
    if (m->trig_len - first > 1) /* (m->trigs may still be NULL) */
      sort_trigs(m, m->trigs + first, m->trig_len - first);
  }
  return VB_OK;
}

/* Where a candidate term goes in its word's list: terms of one word and
 * those whose second word is a prefix first (tried one by one), then
 * those whose second word is a stem, then an exact word, each by that
 * word's id, so only the ones the next token can continue are tried. */
static uint64_t cand_key(const vb_lexicon *lex, uint32_t t) {
  const vb__term *term = &lex->terms[t];
  if (term->a_len < 2)
    return 0;
  const vb__item *second = &lex->items[term->a_first + 1];
  if (second->gap)
    return 0; /* it need not be the next word */
  if (second->kind == VB__ITEM_STEM)
    return (1ull << 32) | second->id;
  if (second->kind == VB__ITEM_EXACT)
    return (2ull << 32) | second->id;
  return 0;
}

/* A need packed in 32 bits: the index of its item's stamp in m->seen
 * (seen_index), 0 for none (seen[0] is stamped for every comment), so a
 * check is one load and no switch on the item's kind. */
/* need[1] of a candidate whose term has more needs than need[0] and
 * need[1] can hold: needs_present checks them all.  cand_needs packs no
 * index this large. */
#define NEED_REST 0xFFFFFFFFu

/* Where the stamp of a stem, exact-word, prefix or set item is in
 * m->seen. */
static size_t seen_index(const vb_matcher *m, const vb__item *it) {
  const uint32_t *part = it->kind == VB__ITEM_STEM     ? m->stem_seen
                         : it->kind == VB__ITEM_EXACT  ? m->exact_seen
                         : it->kind == VB__ITEM_PREFIX ? m->prefix_seen
                                                       : m->set_seen;
  return (size_t)(part - m->seen) + it->id;
}

/* True for a set or prefix need (the last parts of m->seen): words of
 * many kinds have it, so a stem or exact word is checked before it. */
static bool need_is_set(const vb_matcher *m, uint32_t need) {
  return need >= (size_t)(m->set_seen - m->seen);
}

/* The needs a candidate of term t checks inline, packed.  need[0] is a
 * stem or an exact word before a set, whose members are many; need[1] the
 * term's other need, or NEED_REST when it has more than two or one whose
 * id does not fit. */
static void cand_needs(const vb_matcher *m, uint32_t t, uint32_t need[2]) {
  uint32_t start = m->need_start[t], count = m->need_start[t + 1] - start;
  bool fit = true;
  need[0] = need[1] = 0;
  for (uint32_t k = start; k < start + count; k++) {
    size_t index = seen_index(m, &m->needs[k]);
    if (index >= NEED_REST) {
      fit = false; /* does not fit: needs_present checks it */
      continue;
    }
    uint32_t packed = (uint32_t)index;
    if (!need[0]) {
      need[0] = packed;
    } else if (need_is_set(m, need[0]) && !need_is_set(m, packed)) {
      need[1] = need[0]; /* the first stem or exact word goes first */
      need[0] = packed;
    } else if (!need[1]) {
      need[1] = packed;
    }
  }
  if (!fit || count > 2)
    need[1] = NEED_REST;
}

static int sort_cands(vb_matcher *m, word *w) {
  w->by_stem = w->by_exact = 0;
  w->seconds = 0;
  if (w->cand_count == 0)
    return VB_OK; /* m->cands may still be NULL */
  if (vb__grow((void **)&m->cand_ids, &m->cand_id_cap, m->cand_len + 1,
               sizeof *m->cand_ids))
    return VB_ENOMEM;
  cand *c = m->cands + w->cand_off;
  uint32_t *ids = m->cand_ids + w->cand_off;
  uint64_t keys[64], *key = keys;
  if (w->cand_count > 64 && !(key = malloc(w->cand_count * sizeof *key)))
    return VB_ENOMEM;
  for (uint32_t i = 0; i < w->cand_count; i++) { /* lists are short */
    cand t = c[i];
    uint64_t k = cand_key(m->lex, t.term);
    uint32_t j = i;
    for (; j > 0 && key[j - 1] > k; j--) {
      key[j] = key[j - 1];
      c[j] = c[j - 1];
    }
    key[j] = k;
    c[j] = t;
  }
  for (uint32_t i = 0; i < w->cand_count; i++) {
    ids[i] = (uint32_t)key[i];
    if (key[i] >> 32)
      w->seconds |= 1ull << (ids[i] % 64);
    cand_needs(m, c[i].term, c[i].need);
    w->by_stem += key[i] >> 32 == 1;
    w->by_exact += key[i] >> 32 == 2;
  }
  if (key != keys)
    free(key);
  return VB_OK;
}

/* Adds set id `set` to the word's sets unless it is there already. */
static int add_set(vb_matcher *m, word *w, uint32_t set) {
  for (uint32_t j = 0; j < w->set_count; j++)
    if (m->wsets[w->set_off + j] == set)
      return VB_OK;
  if (vb__grow((void **)&m->wsets, &m->wset_cap, m->wset_len + 1,
               sizeof *m->wsets))
    return VB_ENOMEM;
  m->wsets[m->wset_len++] = set;
  w->set_count++;
  return VB_OK;
}

/* Adds the sets listed for key `key` of a member index to the word's. */
static int add_sets(vb_matcher *m, word *w, const vb__index *ix, uint32_t key) {
  int rc = VB_OK;
  for (uint32_t k = ix->start[key]; !rc && k < ix->start[key + 1]; k++)
    rc = add_set(m, w, ix->terms[k]);
  return rc;
}

/* The stem and exact ids of s. */
static int find_ids(vb_matcher *m, word *w, const char *s, size_t len) {
  const char *stem;
  size_t slen;
  if (vb__stem(&m->an.stemmer, s, len, &stem, &slen))
    return VB_ENOMEM;
  w->stem = vb__strtab_find(&m->lex->stems, stem, slen);
  w->exact = vb__strtab_find(&m->lex->exacts, s, len);
  return VB_OK;
}

/* A word that no item matches may be a typo of a lexicon word: then it
 * is read as that word (typos.c). */
static int correct_typo(vb_matcher *m, word *w, const char **s, size_t *len) {
  const vb_lexicon *lex = m->lex;
  if (!lex->typos || w->stem || w->exact || *len < 6)
    return VB_OK;
  for (size_t i = 0; i < lex->prefix_length_count; i++)
    if (lex->prefix_lengths[i] <= *len &&
        vb__strtab_find(&lex->prefixes, *s, lex->prefix_lengths[i]))
      return VB_OK;
  w->typo = vb__typo_target(&lex->typo, &m->an.stemmer, *s, *len);
  if (!w->typo)
    return VB_OK;
  *s = vb__strtab_str(&lex->typo.targets, w->typo, len);
  return find_ids(m, w, *s, *len);
}

/* True when the lexicon knows nothing of word w: it can share words[0]. */
static bool unknown_word(const word *w) {
  return !w->stem && !w->exact && !w->negator && !w->free && !w->typo &&
         !w->set_count && !w->cand_count && !w->trig_count;
}

/* Analyses a word not seen before by this matcher, whose word cache id
 * is `key`: word_of[key] is its record in m->words (0 when unknown). */
static int learn_word(vb_matcher *m, const char *text, size_t text_len,
                      uint32_t key) {
  const vb_lexicon *lex = m->lex;
  if (vb__grow((void **)&m->words, &m->words_cap, m->word_count + 1,
               sizeof *m->words) ||
      vb__grow((void **)&m->word_of, &m->word_of_cap, (size_t)key + 1,
               sizeof *m->word_of))
    return VB_ENOMEM;
  m->word_of[key] = 0; /* until it is known (an error stops the run) */
  word *w = &m->words[m->word_count];
  const char *s = text;
  size_t len = text_len;
  w->typo = 0;
  if (find_ids(m, w, s, len) || correct_typo(m, w, &s, &len))
    return VB_ENOMEM;
  w->negator = vb__strtab_find(&lex->negators, s, len) != 0;
  w->free = len == 4 && memcmp(s, "free", 4) == 0;
  w->set_off = (uint32_t)m->wset_len;
  w->set_count = 0;
  int rc = VB_OK;
  if (w->stem)
    rc = add_sets(m, w, &lex->sets_of_stem, w->stem);
  if (!rc && w->exact)
    rc = add_sets(m, w, &lex->sets_of_exact, w->exact);
  w->cand_off = (uint32_t)m->cand_len;
  if (!rc && w->stem)
    rc = add_cands(m, &lex->by_stem, w->stem);
  if (!rc && w->exact)
    rc = add_cands(m, &lex->by_exact, w->exact);
  for (size_t i = 0; !rc && i < lex->prefix_length_count; i++) {
    uint32_t plen = lex->prefix_lengths[i];
    if (plen > len)
      break;
    uint32_t pid = vb__strtab_find(&lex->prefixes, s, plen);
    if (pid)
      rc = add_cands(m, &lex->by_prefix, pid);
    if (pid && !rc)
      rc = add_sets(m, w, &lex->sets_of_prefix, pid);
    if (pid && !rc && m->prefix_needed[pid]) /* stamped as a set: prefix_seen */
      rc = add_set(m, w, (uint32_t)lex->set_count + 1 + pid);
  }
  for (uint32_t k = 0; !rc && k < w->set_count; k++) {
    uint32_t set = m->wsets[w->set_off + k];
    if (set <= lex->set_count) /* not a needed prefix's */
      rc = add_cands(m, &lex->by_set, set);
  }
  w->first_set = w->set_count ? m->wsets[w->set_off] : 0;
  w->cand_count = (uint32_t)(m->cand_len - w->cand_off);
  if (!rc)
    rc = sort_cands(m, w);
  w->trig_off = (uint32_t)m->trig_len;
  if (!rc) /* the prefilter looks at the text as written */
    rc = add_trigs(m, text, text_len);
  w->trig_count = (uint32_t)(m->trig_len - w->trig_off);
  w->trig_covers = 0;
  for (uint32_t k = 0; k < w->trig_count; k++) {
    uint32_t cover = m->trigs[w->trig_off + k].cover;
    w->trig_covers |= cover ? m->cover_bit[cover - 1] : UNCOVERED;
  }
  if (!rc)
    m->word_of[key] = unknown_word(w) ? 0 : (uint32_t)m->word_count++;
  return rc;
}

/* The word id of a string (its index in m->words), learning it when new. */
static int word_id(vb_matcher *m, const char *s, size_t len, uint32_t *id) {
  size_t before = m->cache.count;
  uint32_t key;
  if (vb__strtab_intern(&m->cache, s, len, &key))
    return VB_ENOMEM;
  if (m->cache.count != before && learn_word(m, s, len, key))
    return VB_ENOMEM;
  *id = m->word_of[key];
  return VB_OK;
}

/* The first len (1-8) bytes at s as an integer, the others zero; s has
 * 8 readable bytes (a token of the normalized text: see internal.h). */
static uint64_t short_key(const char *s, size_t len) {
  uint64_t w;
  memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return w & (~0ull << (64 - 8 * len)); /* the first bytes are the high ones */
#else
  return w & (~0ull >> (64 - 8 * len));
#endif
}

/* token_word_id for a word of 9 to 16 bytes: the long memo.  s has 16
 * readable bytes, as the word ends at most 7 bytes before the 8 readable
 * ones past the normalized text. */
static int long_word_id(vb_matcher *m, const char *s, size_t len,
                        uint32_t *id) {
  uint64_t key[2];
  memcpy(&key[0], s, 8);
  key[1] = short_key(s + 8, len - 8);
  uint64_t h =
      (key[0] ^ key[1] * 0xff51afd7ed558ccdull) * 0x9e3779b97f4a7c15ull;
  long_memo_entry *e = &m->long_memo[h >> (64 - LONG_MEMO_BITS)];
  if (e->len == len && e->key[0] == key[0] && e->key[1] == key[1]) {
    *id = e->id;
    return VB_OK;
  }
  int rc = word_id(m, s, len, id);
  if (!rc)
    *e = (long_memo_entry){{key[0], key[1]}, *id, (uint32_t)len};
  return rc;
}

/* word_id for a token of the normalized text: a word of up to 16 bytes
 * is first looked up in a memo, which keeps the last id seen in each of
 * its slots (a hit compares the whole word, so it is exact): 16384 slots
 * for words of up to 8 bytes, 2048 for longer ones.  On 200,000 bench
 * rows 4096 slots missed 5.7% of the short words, 16384 miss 1.8%.
 * The reference path (m->slow) calls word_id instead (lookup_words). */
static int token_word_id(vb_matcher *m, const char *s, size_t len,
                         uint32_t *id) {
  if (len == 0 || len > 16)
    return word_id(m, s, len, id);
  if (len > 8)
    return long_word_id(m, s, len, id);
  uint64_t key = short_key(s, len);
  memo_entry *e = &m->memo[(key * 0x9e3779b97f4a7c15ull) >> (64 - MEMO_BITS)];
  if (e->len == len && e->key == key) {
    *id = e->id;
    return VB_OK;
  }
  int rc = word_id(m, s, len, id);
  if (!rc)
    *e = (memo_entry){key, *id, (uint32_t)len};
  return rc;
}

static int lookup_words(vb_matcher *m) {
  size_t n = m->an.seg.count, nw = m->an.word_count;
  if (m->cache.count > CACHE_MAX_WORDS) { /* bound memory on huge inputs */
    vb__strtab_clear(&m->cache);
    m->word_count = 1;
    memset(m->memo, 0, ((size_t)1 << MEMO_BITS) * sizeof *m->memo);
    memset(m->long_memo, 0,
           ((size_t)1 << LONG_MEMO_BITS) * sizeof *m->long_memo);
    m->cand_len = 0;
    m->trig_len = 0;
    m->wset_len = 0;
  }
  if (vb__grow((void **)&m->tok_word, &m->tok_word_cap, n ? n : 1,
               sizeof *m->tok_word) ||
      vb__grow((void **)&m->wd_word, &m->wd_word_cap, nw ? nw : 1,
               sizeof *m->wd_word) ||
      vb__grow((void **)&m->cand_at, &m->cand_at_cap, nw ? nw : 1,
               sizeof *m->cand_at) ||
      vb__grow((void **)&m->set_at, &m->set_at_cap, nw ? nw : 1,
               sizeof *m->set_at))
    return VB_ENOMEM;
  const vb__tok *toks = m->an.seg.toks;
  uint32_t *ids = m->tok_word;
  bool slow = m->slow; /* the reference path: no memo */
  for (size_t i = 0; i < n; i++)
    if (slow ? word_id(m, toks[i].text, toks[i].len, &ids[i])
             : token_word_id(m, toks[i].text, toks[i].len, &ids[i]))
      return VB_ENOMEM;
  if (!vb__analyze_expanded(&m->an)) {
    m->word_ids = m->tok_word;
    return VB_OK;
  }
  m->word_ids = m->wd_word;
  for (size_t i = 0; i < nw; i++) {
    const vb__word *w = &m->an.words[i];
    const vb__tok *t = &m->an.seg.toks[w->tok];
    if (w->text == m->an.norm.out + t->ns && w->len == t->ne - t->ns)
      m->wd_word[i] = m->tok_word[w->tok]; /* the token itself */
    else if (word_id(m, w->text, w->len, &m->wd_word[i]))
      return VB_ENOMEM;
  }
  return VB_OK;
}

/* ---- verification ----------------------------------------------------- */

static const word *word_at(const vb_matcher *m, size_t i) {
  return &m->words[m->word_ids[i]];
}

static bool in_set(const vb_matcher *m, const word *w, uint32_t set) {
  for (uint32_t k = 0; k < w->set_count; k++)
    if (m->wsets[w->set_off + k] == set)
      return true;
  return false;
}

static bool item_matches(const vb_matcher *m, const vb__item *it, size_t i) {
  const word *w = word_at(m, i);
  switch (it->kind) {
  case VB__ITEM_STEM:
    return w->stem == it->id;
  case VB__ITEM_EXACT:
    return w->exact == it->id;
  case VB__ITEM_SET:
    return in_set(m, w, it->id);
  default: {
    size_t plen, len = m->an.words[i].len;
    const char *p = vb__strtab_str(&m->lex->prefixes, it->id, &plen);
    const char *s = m->an.words[i].text;
    if (w->typo)
      s = vb__strtab_str(&m->lex->typo.targets, w->typo, &len);
    return len >= plen && memcmp(s, p, plen) == 0;
  }
  }
}

/* True when a member of `set` occurs in the comment. */
static bool set_present(const vb_matcher *m, uint32_t set) {
  return m->set_seen[set] == m->comment;
}

/* Stamps the stems and exact words of the comment's words, and lists the
 * words that have candidate terms (m->cand_at).  When `sets`, it also
 * stamps each word's first set and lists the words in more than one
 * (m->set_at; returns how many), whose other sets stamp_words stamps:
 * most words in a set are in one alone (on the peer corpus, 33% of the
 * words are in one set and 18% in more), so most need no inner loop,
 * whose exit the predictor missed.  No branch on each word: most words
 * have neither, in no order a predictor learns.  Called with a constant
 * `sets`, so a lexicon without sets pays nothing for them. */
static inline size_t stamp_and_list(vb_matcher *m, bool sets) {
  size_t listed = 0, in_sets = 0;
  /* in locals: each uint32_t store below could, as far as the compiler
   * knows, change m->comment (a uint32_t too), which it then loaded
   * again for every word */
  const uint32_t comment = m->comment, *ids = m->word_ids;
  uint32_t *stem_seen = m->stem_seen, *exact_seen = m->exact_seen;
  uint32_t *set_seen = m->set_seen;
  uint32_t *cand_at = m->cand_at, *set_at = m->set_at;
  const word *words = m->words;
  for (size_t i = 0, n = m->an.word_count; i < n; i++) {
    const word *w = &words[ids[i]];
    stem_seen[w->stem] = comment;
    exact_seen[w->exact] = comment;
    cand_at[listed] = (uint32_t)i;
    listed += w->cand_count != 0;
    if (sets) {
      set_seen[w->first_set] = comment;
      set_at[in_sets] = (uint32_t)i;
      in_sets += w->set_count > 1;
    }
  }
  m->cand_at_count = listed;
  return in_sets;
}

/* Stamps the stems, exact words and sets of the comment's words, and
 * lists the words that have candidate terms (m->cand_at): the first set
 * of each word in stamp_and_list, the others here. */
static void stamp_words(vb_matcher *m) {
  m->seen[0] = m->comment; /* the packed need "none" (cand_needs) */
  size_t in_sets =
      m->stamps_sets ? stamp_and_list(m, true) : stamp_and_list(m, false);
  for (size_t l = 0; l < in_sets; l++) {
    const word *w = word_at(m, m->set_at[l]);
    for (uint32_t k = 1; k < w->set_count; k++)
      m->set_seen[m->wsets[w->set_off + k]] = m->comment;
  }
}

/* False when an item term `t` needs beyond its first matches no word of
 * the comment: then the term cannot match (see the top of the file). */
static bool needs_present(vb_matcher *m, uint32_t t) {
  for (uint32_t k = m->need_start[t]; k < m->need_start[t + 1]; k++) {
    if (m->seen[seen_index(m, &m->needs[k])] != m->comment)
      return false;
  }
  return true;
}

/* Items first + k .. first + count - 1 of a side, item k - 1 being at word
 * `prev`: each at most its gap words after the one before, all in clause
 * `clause`.  The leftmost placement wins; m->pos records it. */
static bool side_rest(vb_matcher *m, uint32_t first, uint32_t k, uint32_t count,
                      size_t prev, uint32_t clause) {
  if (k == count)
    return true;
  const vb__item *it = &m->lex->items[first + k];
  size_t n = m->an.word_count;
  for (size_t p = prev + 1; p <= prev + 1 + it->gap && p < n; p++) {
    if (m->an.words[p].clause != clause)
      break;
    if (item_matches(m, it, p) &&
        side_rest(m, first, k + 1, count, p, clause)) {
      m->pos[first + k] = (uint32_t)p;
      return true;
    }
  }
  return false;
}

/* True when the side's items match with its first item at word `at`. */
static bool side_at(vb_matcher *m, uint32_t first, uint32_t count, size_t at) {
  if (at >= m->an.word_count || !item_matches(m, &m->lex->items[first], at))
    return false;
  m->pos[first] = (uint32_t)at;
  return side_rest(m, first, 1, count, at, m->an.words[at].clause);
}

/* The same backwards: items first + k - 1 down to first, item k being at
 * word `next`. */
static bool side_back(vb_matcher *m, uint32_t first, uint32_t k, size_t next,
                      uint32_t clause) {
  if (k == 0)
    return true;
  const vb__item *it = &m->lex->items[first + k - 1];
  uint32_t gap = m->lex->items[first + k].gap;
  for (size_t d = 0; d <= gap && d < next; d++) {
    size_t p = next - 1 - d;
    if (m->an.words[p].clause != clause)
      break;
    if (item_matches(m, it, p) && side_back(m, first, k - 1, p, clause)) {
      m->pos[first + k - 1] = (uint32_t)p;
      return true;
    }
  }
  return false;
}

/* True when the side's items match with its last item at word `end`. */
static bool side_ending(vb_matcher *m, uint32_t first, uint32_t count,
                        size_t end) {
  if (!item_matches(m, &m->lex->items[first + count - 1], end))
    return false;
  m->pos[first + count - 1] = (uint32_t)end;
  return side_back(m, first, count - 1, end, m->an.words[end].clause);
}

/* Whether words a and b lie in one sentence.  Every sentence end also
 * ends a clause (segment.c numbers clauses so), so words of one clause
 * are known to share their sentence; only words of two clauses need the
 * sentences, which are numbered then, on first need (chain_from asks
 * only once a side has matched, so most comments never number them). */
static bool same_sentence(vb_matcher *m, size_t a, size_t b) {
  const vb__word *w = m->an.words;
  if (w[a].clause == w[b].clause)
    return true;
  vb__analyze_sentences(&m->an);
  return w[a].sentence == w[b].sentence;
}

/* Sides j.. of a NEAR chain, side j - 1 spanning words [s, e]: each side
 * at most `near` words after or before the side before it, in the
 * sentence of word `head` (the term's first word), nearest first (after
 * before before at equal distance).  Widens [*lo, *hi] to the sides
 * found. */
static bool chain_from(vb_matcher *m, const vb__term *term, uint32_t j,
                       size_t s, size_t e, size_t head, size_t *lo,
                       size_t *hi) {
  if (j > term->link_count)
    return true;
  const vb__link *l = &m->lex->links[term->link_first + j - 1];
  size_t n = m->an.word_count;
  for (size_t gap = 0; gap <= l->near; gap++) {
    size_t after = e + 1 + gap;
    if (after < n && side_at(m, l->first, l->len, after) &&
        same_sentence(m, after, head)) {
      size_t end = m->pos[l->first + l->len - 1];
      if (chain_from(m, term, j + 1, after, end, head, lo, hi)) {
        *hi = end > *hi ? end : *hi;
        return true;
      }
    }
    if (s >= 1 + gap) {
      size_t end = s - 1 - gap;
      if (side_ending(m, l->first, l->len, end) &&
          same_sentence(m, end, head)) {
        size_t start = m->pos[l->first];
        if (chain_from(m, term, j + 1, start, end, head, lo, hi)) {
          *lo = start < *lo ? start : *lo;
          return true;
        }
      }
    }
  }
  return false;
}

static int push_raw(vb_matcher *m, bool exclude, uint32_t term, uint32_t ns,
                    uint32_t ne, bool negated) {
  raw_match **arr = exclude ? &m->excl : &m->raw;
  size_t *count = exclude ? &m->excl_count : &m->raw_count;
  size_t *cap = exclude ? &m->excl_cap : &m->raw_cap;
  if (vb__grow((void **)arr, cap, *count + 1, sizeof **arr))
    return VB_ENOMEM;
  (*arr)[(*count)++] =
      (raw_match){term, ns, ne, negated, (uint32_t)m->note_len, 0};
  return VB_OK;
}

/* True when word i is one of the term's own words (its items' places). */
static bool own_word(const vb_matcher *m, const vb__term *term, size_t i) {
  for (uint32_t k = 0; k < term->a_len; k++)
    if (m->pos[term->a_first + k] == i)
      return true;
  for (uint32_t j = 0; j < term->link_count; j++) {
    const vb__link *l = &m->lex->links[term->link_first + j];
    for (uint32_t k = 0; k < l->len; k++)
      if (m->pos[l->first + k] == i)
        return true;
  }
  return false;
}

/* Negation of a mention spanning words [lo, hi] (see the top of the file);
 * `term` is NULL for patterns, whose words are all their own. */
static bool is_negated(const vb_matcher *m, const vb__term *term, size_t lo,
                       size_t hi) {
  const vb__word *w = m->an.words;
  uint32_t window = m->lex->negation_window;
  for (size_t k = 1; k <= lo && (window == 0 || k <= window); k++) {
    if (w[lo - k].clause != w[lo].clause)
      break;
    if (word_at(m, lo - k)->negator)
      return true;
  }
  for (size_t i = lo + 1; term && i < hi; i++)
    if (word_at(m, i)->negator && !own_word(m, term, i))
      return true;
  return hi + 1 < m->an.word_count && w[hi + 1].clause == w[hi].clause &&
         word_at(m, hi + 1)->free;
}

/* Records the set members a word term matched, for explain. */
static int add_notes(vb_matcher *m, uint32_t first, uint32_t count) {
  for (uint32_t k = 0; k < count; k++) {
    const vb__item *it = &m->lex->items[first + k];
    if (it->kind != VB__ITEM_SET && !word_at(m, m->pos[first + k])->typo)
      continue;
    if (vb__grow((void **)&m->notes, &m->note_cap, m->note_len + 1,
                 sizeof *m->notes))
      return VB_ENOMEM;
    m->notes[m->note_len++] =
        (note){it->kind == VB__ITEM_SET ? it->id : 0, m->pos[first + k]};
  }
  return VB_OK;
}

/* Verifies term `t` with its first word at word i (try_term). */
static __attribute__((noinline)) int verify_term(vb_matcher *m, uint32_t t,
                                                 size_t i) {
  const vb__term *term = &m->lex->terms[t];
  const vb__word *w = m->an.words;
  if (!side_at(m, term->a_first, term->a_len, i))
    return VB_OK;
  size_t lo = i, hi = m->pos[term->a_first + term->a_len - 1];
  if (term->kind == VB__TERM_NEAR) {
    if (!chain_from(m, term, 1, lo, hi, i, &lo, &hi))
      return VB_OK;
  }
  bool negated = !term->exclude && is_negated(m, term, lo, hi);
  if (push_raw(m, term->exclude, t, w[lo].ns, w[hi].ne, negated))
    return VB_ENOMEM;
  if (term->exclude || !(m->term_flags[t] & TERM_NOTES))
    return VB_OK;
  int rc = add_notes(m, term->a_first, term->a_len);
  for (uint32_t j = 0; !rc && j < term->link_count; j++) {
    const vb__link *l = &m->lex->links[term->link_first + j];
    rc = add_notes(m, l->first, l->len);
  }
  m->raw[m->raw_count - 1].note_count =
      (uint32_t)(m->note_len - m->raw[m->raw_count - 1].note_off);
  return rc;
}

/* True when the comment has the item of a packed need (cand_needs). */
static inline bool need_met(const vb_matcher *m, uint32_t need) {
  return m->seen[need] == m->comment;
}

/* Tries candidate c with its first word at word i: most candidates fail
 * the needs check, which is inlined into the loops over candidates. */
static inline int try_term(vb_matcher *m, const cand *c, size_t i) {
  if (!m->slow && (!need_met(m, c->need[0]) ||
                   !(c->need[1] == NEED_REST ? needs_present(m, c->term)
                                             : need_met(m, c->need[1]))))
    return VB_OK;
  return verify_term(m, c->term, i);
}

/* Tries candidates [from, to) of a word's list whose second word has
 * key `key` (binary search: the list is sorted by key). */
static int try_range(vb_matcher *m, const word *w, uint32_t from, uint32_t to,
                     uint32_t id, size_t i) {
  const cand *c = m->cands + w->cand_off;
  const uint32_t *ids = m->cand_ids + w->cand_off;
  uint32_t lo = from, hi = to;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (ids[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < to && ids[lo] == id; lo++) {
    int rc = try_term(m, &c[lo], i);
    if (rc)
      return rc;
  }
  return VB_OK;
}

static int match_words(vb_matcher *m) {
  size_t n = m->an.word_count;
  stamp_words(m);
  for (size_t l = 0; l < m->cand_at_count; l++) {
    size_t i = m->cand_at[l];
    const word *w = word_at(m, i);
    const cand *c = m->cands + w->cand_off;
    uint32_t others = w->cand_count - w->by_stem - w->by_exact;
    for (uint32_t k = 0; k < others; k++) {
      int rc = try_term(m, &c[k], i);
      if (rc)
        return rc;
    }
    if (i + 1 >= n || others == w->cand_count)
      continue;
    const word *next = word_at(m, i + 1);
    if (!m->slow && !(w->seconds &
                      (1ull << (next->stem % 64) | 1ull << (next->exact % 64))))
      continue; /* no candidate the next word can continue */
    int rc = VB_OK;
    if (w->by_stem && next->stem)
      rc = try_range(m, w, others, others + w->by_stem, next->stem, i);
    if (!rc && w->by_exact && next->exact)
      rc = try_range(m, w, others + w->by_stem, w->cand_count, next->exact, i);
    if (rc)
      return rc;
  }
  return VB_OK;
}

/* First word whose span ends after `ns`, or the word count. */
static size_t word_after(const vb_matcher *m, uint32_t ns) {
  size_t lo = 0, hi = m->an.word_count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (m->an.words[mid].ne <= ns)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* True when a letter or digit of the text lies outside the tokens, or a
 * token boundary splits a run of them: the anchors were computed from the
 * tokens, so then they prove nothing for this comment.  Never, when the
 * ASCII fast loop made the tokens (runs_whole). */
static bool runs_outside_tokens(const vb_matcher *m) {
  return !m->an.seg.runs_whole &&
         vb__seg_runs_split(&m->an.seg, m->an.norm.out, m->an.norm.out_len);
}

static bool has_digit(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] >= '0' && s[i] <= '9')
      return true;
  return false;
}

static bool is_ascii(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80)
      return false;
  return true;
}

/* The byte pair at p as one number (one 16-bit load: the same pair gives
 * the same number wherever it is). */
static unsigned bigram(const char *p) {
  uint16_t pair;
  memcpy(&pair, p, 2);
  return pair;
}

/* False when some byte pair of the literal is missing from the comment:
 * then it cannot occur, and most literals are ruled out without a scan.
 * The comment's pairs are stamped once, on the first call for it that
 * needs them (ASCII text touches a few cache lines of the 256 kB table):
 * a one-byte literal has no pair, and one that begins beyond ASCII is
 * ruled out in a comment the ASCII fast path normalized. */
static bool may_contain(vb_matcher *m, const char *text, size_t len,
                        const char *lit, size_t lit_len) {
  if (lit_len < 2)
    return true; /* no pair to look up */
  if (m->an.norm.ascii && (unsigned char)lit[0] >= 0x80)
    return false; /* an ASCII comment holds no byte beyond it */
  if (m->bigram_stamp != m->stamp) {
    uint32_t *seen = m->bigram_seen, stamp = m->stamp; /* not reloaded */
    for (size_t i = 0; i + 1 < len; i++)
      seen[bigram(text + i)] = stamp;
    m->bigram_stamp = stamp;
  }
  for (size_t i = 0; i + 1 < lit_len; i++)
    if (m->bigram_seen[bigram(lit + i)] != m->stamp)
      return false;
  return true;
}

/* True when the text holds one of the literals that the anchor's
 * alternative surely matches further on (or none is known); the answer
 * is kept per alternative for the comment. */
static bool required_present(vb_matcher *m, const vb__anchor *x,
                             const char *text, size_t len) {
  const vb__alt *a = &m->lex->alts[x->alt];
  if (a->required_count == 0)
    return true;
  if (m->alt_stamp[x->alt] == m->stamp)
    return m->alt_present[x->alt];
  bool found = false;
  for (size_t i = 0; i < a->required_count && !found; i++)
    found =
        may_contain(m, text, len, a->required[i].text, a->required[i].len) &&
        vb__contains(text, len, a->required[i].text, a->required[i].len);
  m->alt_stamp[x->alt] = m->stamp;
  m->alt_present[x->alt] = found;
  return found;
}

/* The first i < n where a[i] != b[i], or n: for the few bytes past an
 * anchor's first word, where most checks fail on the first byte or two
 * (inline, no call). */
static inline size_t first_difference(const char *a, const char *b, size_t n) {
  size_t i = 0;
  while (i < n && a[i] == b[i])
    i++;
  return i;
}

/* True when every match of pattern p begins where one of its anchors
 * is, so it runs anchored at those places (list_spots, run_pattern). */
static bool runs_anchored(const vb_lexicon *lex, size_t p) {
  return lex->terms[lex->patterns[p]].re_at != NULL;
}

/* Stamps pattern p as one that may match this comment, and keeps the
 * list of those in pattern order (a handful: insertion). */
static void stamp_pattern(vb_matcher *m, uint32_t p) {
  if (m->pattern_stamp[p] == m->stamp)
    return;
  m->pattern_stamp[p] = m->stamp;
  size_t k = m->stamped_count++;
  for (; k > 0 && m->stamped[k - 1] > p; k--)
    m->stamped[k] = m->stamped[k - 1];
  m->stamped[k] = p;
}

/* True for a pattern with this pattern_cover when it is an exclude
 * pattern whose theme's subtree no word term matched in this comment:
 * match_patterns would not run it, so its anchors need no check. */
static inline bool nothing_to_cancel(const vb_matcher *m, uint32_t cover) {
  return cover && m->theme_cover[cover - 1] != m->stamp;
}

/* Stamps the pattern of loose anchor x when x occurs in the comment (or
 * has no text of its own: \\d, or only its alternative's literals) and
 * those literals do. */
static void check_loose(vb_matcher *m, const vb__anchor *x, const char *text,
                        size_t len) {
  if (nothing_to_cancel(m, m->pattern_cover[x->pattern]))
    return;
  if (m->pattern_stamp[x->pattern] != m->stamp &&
      (x->required_only ||
       (x->len ? may_contain(m, text, len, x->text, x->len) &&
                     vb__contains(text, len, x->text, x->len)
               : has_digit(text, len))) &&
      required_present(m, x, text, len))
    stamp_pattern(m, x->pattern);
}

/* Stamps the patterns that may match this comment; false when every
 * pattern must run.  The loose anchors are all checked when they are
 * few, and else those listed under the keys of the comment's four-byte
 * runs (and the unkeyed ones): an anchor cannot occur in a comment
 * that lacks the four bytes it is listed under. */
static bool gate_patterns(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  if (m->slow || lex->anchor_count + lex->loose_anchor_count == 0 ||
      runs_outside_tokens(m))
    return false;
  if (++m->stamp == 0) { /* wrapped: forget old stamps */
    memset(m->pattern_stamp, 0, lex->pattern_count * sizeof *m->pattern_stamp);
    memset(m->alt_stamp, 0, lex->alt_count * sizeof *m->alt_stamp);
    memset(m->theme_cover, 0, lex->theme_count * sizeof *m->theme_cover);
    memset(m->bigram_seen, 0, 65536 * sizeof *m->bigram_seen);
    if (m->key_done)
      memset(m->key_done, 0, 65536 * sizeof *m->key_done);
    m->bigram_stamp = 0;
    m->stamp = 1;
  }
  m->stamped_count = 0;
  m->spot_count = 0;
  uint32_t live = UNCOVERED; /* the trig_covers bits that count here */
  if (m->covers) /* the themes the word terms matched, and those above */
    for (size_t r = 0; r < m->raw_count; r++)
      for (long t = (long)lex->terms[m->raw[r].term].theme;
           t >= 0 && m->theme_cover[t] != m->stamp; t = lex->themes[t].parent) {
        m->theme_cover[t] = m->stamp;
        live |= m->cover_bit[t];
      }
  const char *text = m->an.norm.out;
  size_t len = m->an.norm.out_len;
  for (size_t i = 0; i < m->an.seg.count; i++) {
    const word *w = &m->words[m->tok_word[i]];
    if (!(w->trig_covers & live))
      continue;           /* no anchor, or only ones with nothing to cancel */
    uint32_t differs = 0; /* the anchor before differs from the text here */
    for (uint32_t k = 0; k < w->trig_count; k++) {
      const trig *g = &m->trigs[w->trig_off + k];
      if (g->shared > differs && differs) /* so does this one (trig) */
        continue;
      differs = 0;
      if (nothing_to_cancel(m, g->cover))
        continue;
      const vb__anchor *x = &lex->anchors[g->anchor];
      size_t at = m->an.seg.toks[i].ns + g->off;
      /* an anchor going past its first word ("a few") is checked whole:
       * its first word is the run it fired on (vb__anchor_fires) */
      if (x->len > x->word_len) {
        if (at + x->len > len)
          continue;
        size_t d = x->word_len + first_difference(text + at + x->word_len,
                                                  x->text + x->word_len,
                                                  x->len - x->word_len);
        if (d < x->len) {
          differs = (uint32_t)d;
          continue;
        }
      }
      if (runs_anchored(lex, x->pattern)) {
        if (vb__grow((void **)&m->spots, &m->spot_cap, m->spot_count + 1,
                     sizeof *m->spots))
          return false; /* out of memory: every pattern runs */
        m->spots[m->spot_count++] = (spot){x->pattern, (uint32_t)at};
      }
      /* a match begins at an anchor: the regex starts at the first one */
      if (m->pattern_stamp[x->pattern] == m->stamp) {
        if (at < m->pattern_from[x->pattern])
          m->pattern_from[x->pattern] = (uint32_t)at;
      } else if (required_present(m, x, text, len)) {
        stamp_pattern(m, x->pattern);
        m->pattern_from[x->pattern] = (uint32_t)at;
      }
    }
  }
  if (!lex->loose_key_start) {
    for (size_t a = 0; a < lex->loose_anchor_count; a++)
      check_loose(m, &lex->loose_anchors[a], text, len);
  } else {
    for (size_t k = 0; k < lex->loose_unkeyed_count; k++)
      check_loose(m, &lex->loose_anchors[lex->loose_unkeyed[k]], text, len);
    for (size_t i = 0; i + 4 <= len; i++) {
      unsigned key = vb__loose_key(text + i);
      if (!(lex->loose_key_bits[key / 64] >> (key % 64) & 1) ||
          m->key_done[key] == m->stamp)
        continue;
      m->key_done[key] = m->stamp;
      for (uint32_t k = lex->loose_key_start[key];
           k < lex->loose_key_start[key + 1]; k++)
        check_loose(m, &lex->loose_anchors[lex->loose_by_key[k]], text, len);
    }
  }
  int ascii = -1; /* not known yet */
  for (size_t k = 0; k < lex->open_pattern_count; k++) {
    uint32_t p = lex->open_patterns[k];
    if (lex->pattern_gates[p] == VB__GATE_NONE)
      stamp_pattern(m, p);
    else if (m->pattern_stamp[p] != m->stamp) { /* VB__GATE_ANCHORS_ASCII */
      if (ascii < 0)
        ascii = is_ascii(text, len);
      if (!ascii)
        stamp_pattern(m, p);
    }
  }
  return true;
}

/* The end of the last match found so far that mentions `theme` or a
 * descendant, 0 when none does: a match of one of its exclude patterns
 * cancels only a match it overlaps, so only one that begins before this
 * end can matter. */
static uint32_t covered_end(const vb_matcher *m, uint32_t theme) {
  uint32_t end = 0;
  for (size_t i = 0; i < m->raw_count; i++)
    if (m->raw[i].ne > end &&
        vb__theme_covers(m->lex, theme, m->lex->terms[m->raw[i].term].theme))
      end = m->raw[i].ne;
  return end;
}

/* Negation of a pattern match on normalized bytes [s, e): by the words
 * it covers. */
static bool pattern_negated(const vb_matcher *m, size_t s, size_t e) {
  size_t lo = word_after(m, (uint32_t)s), hi = lo;
  if (lo >= m->an.word_count || m->an.words[lo].ns >= e)
    return false;
  while (hi + 1 < m->an.word_count && m->an.words[hi + 1].ns < e)
    hi++;
  return is_negated(m, NULL, lo, hi);
}

/* 1 when a word of the comment starts at byte s (start) or ends at byte
 * s (!start) of the normalized text. */
static bool at_word_edge(const vb_matcher *m, size_t s, bool start) {
  const vb__tok *toks = m->an.seg.toks;
  size_t lo = 0, hi = m->an.seg.count;
  while (lo < hi) { /* tokens are in text order */
    size_t mid = lo + (hi - lo) / 2;
    size_t at = start ? toks[mid].ns : toks[mid].ne;
    if (at == s)
      return true;
    if (at < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

/* Adds place `at` to m->spot_list (n places, ascending, each once). */
static int add_spot(vb_matcher *m, size_t *n, size_t at) {
  size_t j = *n; /* insertion: the list is short */
  for (; j > 0 && m->spot_list[j - 1] >= at; j--)
    if (m->spot_list[j - 1] == at)
      return VB_OK;
  if (vb__grow((void **)&m->spot_list, &m->spot_list_cap, *n + 1,
               sizeof *m->spot_list))
    return VB_ENOMEM;
  memmove(m->spot_list + j + 1, m->spot_list + j,
          (*n - j) * sizeof *m->spot_list);
  m->spot_list[j] = (uint32_t)at;
  (*n)++;
  return VB_OK;
}

/* The places where a match of pattern p may begin (runs_anchored), in
 * m->spot_list, ascending and each once: where its word anchors fired
 * (noted by the gate, in text order) and every occurrence of its loose
 * anchors.  The count, or -1 when out of memory. */
static long list_spots(vb_matcher *m, size_t p) {
  const vb_lexicon *lex = m->lex;
  const char *text = m->an.norm.out;
  size_t len = m->an.norm.out_len, n = 0;
  for (size_t k = 0; k < m->spot_count; k++)
    if (m->spots[k].pattern == p && add_spot(m, &n, m->spots[k].at))
      return -1;
  size_t lo = 0, hi = lex->loose_anchor_count; /* p's: in pattern order */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (lex->loose_anchors[mid].pattern < p)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t a = lo; a < lex->loose_anchor_count; a++) {
    const vb__anchor *x = &lex->loose_anchors[a];
    const char *hit = text;
    if (x->pattern != p)
      break;
    if (!may_contain(m, text, len, x->text, x->len))
      continue; /* most loose anchors are ruled out by their byte pairs */
    while ((hit = memmem(hit, len - (size_t)(hit - text), x->text, x->len)))
      if (add_spot(m, &n, (size_t)(hit++ - text)))
        return -1;
  }
  return (long)n;
}

/* Runs pattern term t over the comment from byte `from` on (no match
 * begins before it), for matches that begin at or before byte
 * `last_start` (PCRE2_UNSET: anywhere).  With spot_count >= 0 (the count
 * list_spots returned: every place where a match may begin), it tries only
 * those, anchored: the first that matches at or after `off` is where
 * scanning from `off` would find the leftmost match. */
static int run_pattern(vb_matcher *m, uint32_t t, size_t from,
                       PCRE2_SIZE last_start, long spot_count) {
  const vb__term *term = &m->lex->terms[t];
  const char *text = m->an.norm.out;
  size_t len = m->an.norm.out_len, off = from, k = 0;
  const uint32_t *spots = spot_count >= 0 ? m->spot_list : NULL;
  /* exclude patterns are compiled for it (PCRE2_USE_OFFSET_LIMIT) */
  pcre2_set_offset_limit(m->mctx, last_start);
  while (off <= len) {
    int rc;
    if (spot_count >= 0) {
      while (k < (size_t)spot_count && spots[k] < off)
        k++;
      if (k == (size_t)spot_count || spots[k] > last_start)
        break; /* (PCRE2_UNSET is the largest offset) */
      rc = pcre2_match(term->re_at, (PCRE2_SPTR)text, len, spots[k],
                       PCRE2_NO_UTF_CHECK, m->md, m->mctx);
      if (rc == PCRE2_ERROR_NOMATCH) {
        k++;
        continue;
      }
    } else {
      rc = pcre2_match(term->re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK,
                       m->md, m->mctx);
      if (rc == PCRE2_ERROR_NOMATCH)
        break;
    }
    if (rc < 0) { /* match/depth/heap limit or JIT stack: count it */
      m->pattern_errors++;
      break;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    size_t s = ov[0], e = ov[1];
    if (term->aligned &&
        (!at_word_edge(m, s, true) || !at_word_edge(m, e, false))) {
      off = s + 1; /* not at word boundaries: look further on */
      while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
        off++;
    } else if (e > s) {
      if (push_raw(m, term->exclude, t, (uint32_t)s, (uint32_t)e,
                   !term->exclude && pattern_negated(m, s, e)))
        return VB_ENOMEM;
      off = e;
    } else { /* empty match (lookarounds): step one character */
      off = e + 1;
      while (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
        off++;
    }
  }
  return VB_OK;
}

/* Runs the pattern terms the prefilter lets through (the stamped ones, in
 * pattern order), the mentions first, then the exclude patterns, each
 * only where its theme (or a descendant) has a match it could cancel,
 * and only for matches that begin before the last such match ends. */
static int match_patterns(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  if (lex->pattern_count == 0)
    return VB_OK;
  bool gated = gate_patterns(m);
  size_t n = gated ? m->stamped_count : lex->pattern_count;
  for (int excludes = 0; excludes < 2; excludes++) {
    for (size_t k = 0; k < n; k++) {
      size_t p = gated ? m->stamped[k] : k;
      uint32_t t = lex->patterns[p];
      if (lex->terms[t].exclude != excludes)
        continue;
      PCRE2_SIZE last_start = PCRE2_UNSET;
      if (excludes) {
        uint32_t end = covered_end(m, lex->terms[t].theme);
        if (end == 0)
          continue; /* nothing of its theme to cancel */
        last_start = end - 1;
      }
      size_t from = gated && !m->pattern_loose[p] &&
                            lex->pattern_gates[p] == VB__GATE_ANCHORS
                        ? m->pattern_from[p]
                        : 0;
      long spots = -1; /* scan */
      if (gated && runs_anchored(m->lex, p) && (spots = list_spots(m, p)) < 0)
        return VB_ENOMEM;
      int rc = run_pattern(m, t, from, last_start, spots);
      if (rc)
        return rc;
    }
  }
  return VB_OK;
}

/* ---- results ---------------------------------------------------------- */

static int by_span(const void *a, const void *b) {
  const vb_match *x = &((const match_entry *)a)->pub;
  const vb_match *y = &((const match_entry *)b)->pub;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->term < y->term ? -1 : x->term > y->term;
}

static int by_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Sorts a comment's handful of matches or themes: insertion sort, stable
 * like glibc's merge-sorting qsort, beats qsort's set-up and indirect
 * calls up to SMALL_SORT items (inlined, cmp is a direct call). */
enum { SMALL_SORT = 16, SMALL_SORT_ITEM = 64 };
_Static_assert(sizeof(match_entry) <= SMALL_SORT_ITEM, "sort_few's buffer");

static inline void sort_few(void *base, size_t n, size_t size,
                            int (*cmp)(const void *, const void *)) {
  if (n > SMALL_SORT) {
    qsort(base, n, size, cmp);
    return;
  }
  unsigned char *a = base, x[SMALL_SORT_ITEM];
  for (size_t i = 1; i < n; i++) {
    size_t j = i;
    memcpy(x, a + i * size, size);
    for (; j > 0 && cmp(a + (j - 1) * size, x) > 0; j--)
      memcpy(a + j * size, a + (j - 1) * size, size);
    memcpy(a + j * size, x, size);
  }
}

static void mark_theme(vb_matcher *m, size_t theme) {
  for (long t = (long)theme; t >= 0; t = m->lex->themes[t].parent) {
    if (m->theme_hit[t])
      return; /* its ancestors are marked already */
    m->theme_hit[t] = 1;
    m->themes_hit[m->themes_hit_count++] = (size_t)t;
  }
}

/* True when the comment holds the context the term needs: its `WITH @set`
 * and, for its theme and every ancestor with "requires", one of those
 * sets. */
static bool context_present(vb_matcher *m, const vb__term *term) {
  const vb_lexicon *lex = m->lex;
  if (term->with_set && !set_present(m, term->with_set))
    return false;
  for (long t = (long)term->theme; t >= 0; t = lex->themes[t].parent) {
    const vb__theme *th = &lex->themes[t];
    bool found = th->req_count == 0;
    for (uint32_t k = 0; k < th->req_count && !found; k++)
      found = set_present(m, lex->reqs[th->req_first + k]);
    if (!found)
      return false;
  }
  return true;
}

/* Removes the matches whose context is absent: they are not matches. */
static void keep_in_context(vb_matcher *m, raw_match *arr, size_t *count) {
  size_t kept = 0;
  for (size_t i = 0; i < *count; i++)
    if (!(m->term_flags[arr[i].term] & TERM_CONTEXT) ||
        context_present(m, &m->lex->terms[arr[i].term]))
      arr[kept++] = arr[i];
  *count = kept;
}

static int build_results(vb_matcher *m) {
  const vb_lexicon *lex = m->lex;
  if (lex->set_count) {
    keep_in_context(m, m->raw, &m->raw_count);
    keep_in_context(m, m->excl, &m->excl_count);
  }
  if (vb__grow((void **)&m->matches, &m->match_cap,
               m->raw_count ? m->raw_count : 1, sizeof *m->matches))
    return VB_ENOMEM;
  for (size_t i = 0; i < m->raw_count; i++) {
    const raw_match *r = &m->raw[i];
    vb_match *out = &m->matches[i].pub;
    memset(out, 0, sizeof *out);
    m->matches[i].note_off = r->note_off;
    m->matches[i].note_count = r->note_count;
    out->term = lex->term_base + r->term; /* global across languages */
    out->theme = lex->terms[r->term].theme;
    vb__norm_span(&m->an.norm, r->ns, r->ne, &out->start, &out->end);
    uint8_t policy = lex->themes[out->theme].negated;
    out->negated = r->negated && policy != VB__NEG_COUNT;
    out->dropped = r->negated && policy == VB__NEG_DROP;
    for (uint32_t k = 0; k < r->note_count; k++)
      if (word_at(m, m->notes[r->note_off + k].word)->typo)
        out->typo = 1;
    for (size_t x = 0; x < m->excl_count; x++) {
      const raw_match *e = &m->excl[x];
      if (e->ns < r->ne && r->ns < e->ne &&
          vb__theme_covers(lex, lex->terms[e->term].theme, out->theme)) {
        out->excluded = 1;
        out->excluded_by = lex->term_base + e->term;
        break;
      }
    }
    if (!out->excluded && !out->dropped)
      mark_theme(m, out->theme);
  }
  m->match_count = m->raw_count;
  sort_few(m->matches, m->match_count, sizeof *m->matches, by_span);
  sort_few(m->themes_hit, m->themes_hit_count, sizeof *m->themes_hit, by_size);

  /* the public tokens are filled on first use (vb_matcher_token) */
  size_t n = m->an.word_count;
  return vb__grow((void **)&m->tokens, &m->token_cap, n ? n : 1,
                  sizeof *m->tokens);
}

/* The public tokens of the last run, with their sentences. */
static void fill_tokens(vb_matcher *m) {
  vb__analyze_sentences(&m->an);
  for (size_t i = 0; i < m->an.word_count; i++) {
    const vb__word *w = &m->an.words[i];
    vb_token *t = &m->tokens[i];
    *t = (vb_token){0, 0, w->ns, w->ne, w->sentence, w->clause};
    vb__norm_span(&m->an.norm, w->ns, w->ne, &t->start, &t->end);
  }
  m->tokens_ready = true;
}

static void reset(vb_matcher *m) {
  for (size_t i = 0; i < m->themes_hit_count; i++)
    m->theme_hit[m->themes_hit[i]] = 0;
  m->themes_hit_count = 0;
  m->raw_count = m->excl_count = m->match_count = 0;
  m->tokens_ready = false;
  m->note_len = 0;
  m->pattern_errors = 0;
  if (++m->comment == 0) { /* wrapped: forget old stamps */
    memset(m->seen, 0, m->seen_count * sizeof *m->seen);
    m->comment = 1;
  }
  m->an.seg.count = 0;
  m->an.word_count = 0;
  m->an.norm.out_len = 0;
  m->an.norm.invalid = 0;
}

/* Adds the time since *t to `stage` and restarts the clock. */
static void lap(vb_matcher *m, vb_stage stage, uint64_t *t) {
  if (!m->timing)
    return;
  uint64_t now = vb__now_ns();
  m->stage_ns[stage] += now - *t;
  *t = now;
}

/* vb__analyze_timed adds to stage_ns[NORMALIZE] and the next one. */
_Static_assert(VB_STAGE_SEGMENT == VB_STAGE_NORMALIZE + 1,
               "segment follows normalize");

int vb_matcher_run(vb_matcher *m, const char *text, size_t len) {
  m = m->cur;
  reset(m);
  if (len > VB__MAX_TEXT)
    return VB_ETOOBIG;
  if (!text)
    text = "", len = 0;
  int rc = vb__analyze_timed(
      &m->an, text, len, m->timing ? &m->stage_ns[VB_STAGE_NORMALIZE] : NULL);
  uint64_t t = m->timing ? vb__now_ns() : 0;
  if (!rc)
    rc = lookup_words(m);
  lap(m, VB_STAGE_STEM, &t);
  if (!rc)
    rc = match_words(m);
  lap(m, VB_STAGE_MATCH, &t);
  if (!rc)
    rc = match_patterns(m);
  lap(m, VB_STAGE_PATTERNS, &t);
  if (!rc)
    rc = build_results(m);
  lap(m, VB_STAGE_MATCH, &t);
  if (rc) {
    reset(m);
    return rc;
  }
  return m->pattern_errors ? VB_EMATCHLIMIT : VB_OK;
}

size_t vb_matcher_match_count(const vb_matcher *m) {
  return m->cur->match_count;
}

const vb_match *vb_matcher_match(const vb_matcher *m, size_t index) {
  m = m->cur;
  return index < m->match_count ? &m->matches[index].pub : NULL;
}

size_t vb_matcher_match_note(const vb_matcher *m, size_t index, char *buf,
                             size_t size) {
  m = m->cur;
  size_t len = 0;
  if (size)
    buf[0] = '\0';
  if (index >= m->match_count)
    return 0;
  const match_entry *x = &m->matches[index];
  for (uint32_t k = 0; k < x->note_count; k++) {
    const note *n = &m->notes[x->note_off + k];
    const vb__word *w = &m->an.words[n->word];
    uint32_t typo = word_at(m, n->word)->typo;
    size_t nlen, tlen = 0;
    const char *set =
        n->set ? vb__strtab_str(&m->lex->set_names, n->set, &nlen) : NULL;
    const char *target =
        typo ? vb__strtab_str(&m->lex->typo.targets, typo, &tlen) : "";
    char piece[256];
    int p =
        snprintf(piece, sizeof piece, "%s%s%s%s%.*s%s%.*s", k ? ", " : "",
                 set ? "@" : "", set ? set : "", set ? "=" : "", (int)w->len,
                 w->text, typo ? " (typo of " : "", (int)tlen, target);
    if (p >= 0 && typo && (size_t)p + 1 < sizeof piece)
      piece[p++] = ')', piece[p] = '\0';
    if (p < 0)
      continue;
    if (len + (size_t)p < size)
      memcpy(buf + len, piece, (size_t)p + 1);
    len += (size_t)p;
  }
  return len;
}

size_t vb_matcher_themes(const vb_matcher *m, const size_t **themes) {
  m = m->cur;
  if (themes)
    *themes = m->themes_hit;
  return m->themes_hit_count;
}

int vb_matcher_has_theme(const vb_matcher *m, size_t theme) {
  m = m->cur;
  return theme < m->lex->theme_count && m->theme_hit[theme];
}

const char *vb_matcher_normalized(const vb_matcher *m, size_t *len) {
  m = m->cur;
  if (len)
    *len = m->an.norm.out_len;
  return m->an.norm.out ? m->an.norm.out : "";
}

size_t vb_matcher_token_count(const vb_matcher *m) {
  return m->cur->an.word_count;
}

const vb_token *vb_matcher_token(const vb_matcher *m, size_t index) {
  m = m->cur;
  if (index >= m->an.word_count)
    return NULL;
  if (!m->tokens_ready) /* a matcher is one thread's: filling is safe */
    fill_tokens((vb_matcher *)m);
  return &m->tokens[index];
}

const char *vb_matcher_token_text(const vb_matcher *m, size_t index,
                                  size_t *len) {
  m = m->cur;
  if (index >= m->an.word_count) {
    if (len)
      *len = 0;
    return NULL;
  }
  if (len)
    *len = m->an.words[index].len;
  return m->an.words[index].text;
}

size_t vb_matcher_token_stem(vb_matcher *m, size_t index, char *buf,
                             size_t size) {
  m = m->cur;
  if (index >= m->an.word_count) {
    if (size)
      buf[0] = '\0';
    return 0;
  }
  size_t slen;
  const vb__word *w = &m->an.words[index];
  const char *stem;
  if (vb__stem(&m->an.stemmer, w->text, w->len, &stem, &slen)) {
    if (size)
      buf[0] = '\0';
    return 0;
  }
  if (size) {
    size_t n = slen < size - 1 ? slen : size - 1;
    memcpy(buf, stem, n);
    buf[n] = '\0';
  }
  return slen;
}

size_t vb_matcher_invalid_utf8(const vb_matcher *m) {
  m = m->cur;
  return m->an.norm.invalid;
}

void vb__matcher_set_timing(vb_matcher *m, bool on) {
  m->timing = on;
  for (size_t k = 0; k < m->route_count; k++)
    m->routes[k]->timing = on;
}

uint64_t vb__matcher_stage_ns(const vb_matcher *m, vb_stage stage) {
  uint64_t ns = m->stage_ns[stage];
  for (size_t k = 0; k < m->route_count; k++)
    ns += m->routes[k]->stage_ns[stage];
  return ns;
}

void vb__matcher_set_slow(vb_matcher *m, bool slow) {
  for (size_t k = 0; k <= m->route_count; k++) {
    vb_matcher *x = k == 0 ? m : m->routes[k - 1];
    x->slow = slow;
    x->an.norm.force_icu = slow;
    x->an.seg.force_icu = slow;
  }
}

const char *vb__matcher_language_code(const vb_matcher *m) {
  return m->cur->lex->language;
}

size_t vb_matcher_current_language(const vb_matcher *m) {
  return m->cur_language;
}

int vb_matcher_language(vb_matcher *m, size_t language) {
  if (language > m->route_count)
    return VB_ERANGE;
  m->cur = language == 0 ? m : m->routes[language - 1];
  m->cur_language = language;
  return VB_OK;
}

size_t vb_matcher_pattern_errors(const vb_matcher *m) {
  m = m->cur;
  return m->pattern_errors;
}
