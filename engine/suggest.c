/*
 * suggest.c - candidate terms: the stemmed words and word pairs most
 * over-represented in a target set of comments against the rest, ranked
 * by the weighted log-odds ratio with an informative Dirichlet prior
 * (Monroe, Colaresi & Quinn 2008, "Fightin' Words", section 3.5).
 *
 * Comments are added with a set number (0 .. sets-1) or none (-1: only
 * counted in the totals).  For set k the target is its comments and the
 * rest is every other comment added.  A feature counts once per comment
 * (document frequency), so one long comment cannot dominate.  Features are
 * the stems of the comment's words and of consecutive word pairs in one
 * clause; stop words (a list per language) are not unigrams and cannot
 * both make a pair.  Each feature remembers its most common surface form,
 * which is what a lexicon author would write (ties: the one seen first,
 * by the position of the comment that first held it).  Every count is an
 * integer and every choice depends on counts and positions only, so the
 * counts of parts of a corpus (threads) merge into those of one pass.
 *
 * For feature w held by y_t target comments and y_r other comments, n_t
 * and n_r the sums of those counts over all features, and the prior
 * a_w = y_t + y_r (the pooled counts, so a0 = n_t + n_r):
 *   delta = log((y_t + a_w) / (n_t + a0 - y_t - a_w))
 *         - log((y_r + a_w) / (n_r + a0 - y_r - a_w))
 *   z = delta / sqrt(1 / (y_t + a_w) + 1 / (y_r + a_w))
 *
 * Examples (vb_suggest_set_examples): per feature and set, the kept
 * target comments holding it with the span of its word(s), smallest
 * (tier, position) first — tier as the report's examples (examples.c:
 * readable 40-280 bytes with the words at most half, then other short
 * ones, then long ones).  Positions are the corpus's, so parts merge into
 * the examples of one pass, as the surface forms do.  The top candidates
 * are known only at the end, so every feature keeps its few; a comment's
 * text is copied once, when it first gets into some feature's examples.
 *
 * A position need not be a row number: a report (report.c) passes the
 * hash of the comment's text, the same in every shard of a split run, so
 * its counts save into a partial report (vb__suggest_save, below: sorted,
 * so one state always gives the same bytes) and merge with another
 * shard's into those of one run.  Two comments at one position are then
 * ordered by their bytes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct surface_form {
  uint32_t id;    /* in vb_suggest.surfaces */
  uint64_t count; /* comments writing the feature so */
  uint64_t first; /* position of the first of them */
} surface_form;

/* An example of a feature in a set: the comment (1-based in `comments`,
 * 0: none), the span of the feature's words, and its key. */
typedef struct sug_example {
  uint64_t index;
  uint32_t comment, start, end;
  unsigned tier;
} sug_example;

typedef struct stored_comment {
  char *text;
  size_t len;
} stored_comment;

typedef struct feature {
  uint64_t total; /* comments holding it, all sets and none */
  surface_form *surfaces;
  size_t surface_count, surface_cap;
} feature;

struct vb_suggest {
  /* stop words: those of every language as they are, those of a
   * language's section as "code" STOP_SEP "word"; stop_codes holds the
   * sections' codes */
  vb__strtab features, surfaces, stopwords, stop_codes;
  feature *f;
  size_t f_cap;
  size_t sets;
  uint64_t **in_set; /* [set][feature] */
  size_t *in_set_cap;
  uint64_t *set_size, total;
  uint64_t *set_counts, all_counts; /* feature counts, summed: the n's */
  uint32_t *seen; /* per feature: last comment that counted it */
  size_t seen_cap;
  uint32_t comment;
  uint64_t index; /* position of the comment being added */
  char *buf;
  size_t buf_cap;
  /* examples: kept per feature, [set][feature * examples + k] */
  size_t examples;
  sug_example **ex;
  size_t *ex_cap;
  stored_comment *comments;
  size_t comment_count, comment_cap;
  const char *text; /* the comment being added, and its copy's id (0: not
                       copied yet) */
  size_t text_len;
  uint32_t stored;
  /* the stems of the words seen, by their text: Snowball is most of the
   * work per comment, and a corpus repeats its words.  Valid for one
   * matcher (its lexicon's stemmer): cleared when another comes. */
  const vb_matcher *stemmed_by;
  vb__strtab words, stems;
  uint32_t *word_stem; /* [word id] -> stem id */
  uint32_t *stem_full; /* [stem id] -> the stem's length before the cut */
  size_t word_stem_cap, stem_full_cap;
};

/* Between a section's language and a word in a stop word key. */
#define STOP_SEP '\x1f'

/* Stop words: one per line, '#' starts a comment; a line "[fr]" starts
 * the words of one language (BCP 47, any case), which stop only comments
 * matched by a lexicon of that language (or of a regional variant of it:
 * "[pt]" covers "pt-br"); the words before any section stop every
 * comment.  A section's words longer than 256 bytes are left out (no
 * comment word is one). */
static int read_stopwords(vb_suggest *s, const char *text, size_t len) {
  char key[64 + 1 + 256];
  size_t section = 0; /* bytes of "code" STOP_SEP in key; 0: none */
  for (size_t i = 0; text && i < len;) {
    size_t end = i;
    while (end < len && text[end] != '\n')
      end++;
    size_t stop = i;
    while (stop < end && text[stop] != '#' && text[stop] != ' ' &&
           text[stop] != '\r' && text[stop] != '\t')
      stop++;
    size_t n = stop - i;
    if (n >= 3 && text[i] == '[' && text[stop - 1] == ']') {
      size_t code = vb__language_key(text + i + 1, n - 2, key, 64);
      if (code == 0)
        return VB_EINVAL;
      uint32_t id;
      if (vb__strtab_intern(&s->stop_codes, key, code, &id))
        return VB_ENOMEM;
      key[code] = STOP_SEP;
      section = code + 1;
    } else if (n > 0 && (section == 0 || n <= 256)) {
      uint32_t id;
      if (section)
        memcpy(key + section, text + i, n);
      if (vb__strtab_intern(&s->stopwords, section ? key : text + i,
                            section + n, &id))
        return VB_ENOMEM;
    }
    i = end + 1;
  }
  return VB_OK;
}

/* A comment's language for the stop word sections, found once per
 * comment: its code (vb__language_key), and the lengths of the prefixes
 * of it that name a section, the whole code ("pt-br") and its primary
 * subtag ("pt") (0: no such section).  An English comment, with no [en]
 * section, then looks up each word once. */
typedef struct stop_language {
  const char *code;
  size_t sections[2];
} stop_language;

static stop_language stop_language_of(const vb_suggest *s,
                                      const vb_matcher *m) {
  const char *code = vb__matcher_language_code(m);
  size_t len = strlen(code), primary = strcspn(code, "-");
  stop_language l = {code, {0, 0}};
  if (vb__strtab_find(&s->stop_codes, code, len))
    l.sections[0] = len;
  if (primary < len && vb__strtab_find(&s->stop_codes, code, primary))
    l.sections[1] = primary;
  return l;
}

/* Whether a word (normalized) is a stop word for a comment in language
 * `lang`: one of every language, or of a section that lang names. */
static bool is_stopword(const vb_suggest *s, const stop_language *lang,
                        const char *word, size_t len) {
  if (vb__strtab_find(&s->stopwords, word, len))
    return true;
  char key[64 + 1 + 256];
  for (int k = 0; k < 2 && len <= 256; k++) {
    size_t c = lang->sections[k];
    if (c == 0)
      continue;
    memcpy(key, lang->code, c);
    key[c] = STOP_SEP;
    memcpy(key + c + 1, word, len);
    if (vb__strtab_find(&s->stopwords, key, c + 1 + len))
      return true;
  }
  return false;
}

int vb_suggest_new(size_t sets, const char *stopwords, size_t len,
                   vb_suggest **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  vb_suggest *s = calloc(1, sizeof *s);
  if (!s)
    return VB_ENOMEM;
  s->sets = sets;
  s->in_set = calloc(sets ? sets : 1, sizeof *s->in_set);
  s->in_set_cap = calloc(sets ? sets : 1, sizeof *s->in_set_cap);
  s->set_size = calloc(sets ? sets : 1, sizeof *s->set_size);
  s->set_counts = calloc(sets ? sets : 1, sizeof *s->set_counts);
  int rc = s->in_set && s->in_set_cap && s->set_size && s->set_counts
               ? VB_OK
               : VB_ENOMEM;
  if (!rc)
    rc = read_stopwords(s, stopwords, len);
  if (rc) {
    vb_suggest_free(s);
    return rc;
  }
  *out = s;
  return VB_OK;
}

void vb_suggest_free(vb_suggest *s) {
  if (!s)
    return;
  vb__strtab_free(&s->features);
  vb__strtab_free(&s->surfaces);
  vb__strtab_free(&s->stopwords);
  vb__strtab_free(&s->stop_codes);
  for (size_t i = 0; s->f && i < s->f_cap; i++)
    free(s->f[i].surfaces);
  free(s->f);
  for (size_t k = 0; s->in_set && k < s->sets; k++)
    free(s->in_set[k]);
  free(s->in_set);
  free(s->in_set_cap);
  free(s->set_size);
  free(s->set_counts);
  free(s->seen);
  free(s->buf);
  for (size_t k = 0; s->ex && k < s->sets; k++)
    free(s->ex[k]);
  free(s->ex);
  free(s->ex_cap);
  for (size_t i = 0; i < s->comment_count; i++)
    free(s->comments[i].text);
  free(s->comments);
  vb__strtab_free(&s->words);
  vb__strtab_free(&s->stems);
  free(s->word_stem);
  free(s->stem_full);
  free(s);
}

int vb_suggest_set_examples(vb_suggest *s, size_t n) {
  if (!s || n > 5 || s->total)
    return VB_EINVAL;
  s->examples = n;
  if (!n || s->ex)
    return VB_OK;
  s->ex = calloc(s->sets ? s->sets : 1, sizeof *s->ex);
  s->ex_cap = calloc(s->sets ? s->sets : 1, sizeof *s->ex_cap);
  return s->ex && s->ex_cap ? VB_OK : VB_ENOMEM;
}

/* A copy of a comment's text in s (its 1-based id in *id). */
static int store_comment(vb_suggest *s, const char *text, size_t len,
                         uint32_t *id) {
  if (vb__grow((void **)&s->comments, &s->comment_cap, s->comment_count + 1,
               sizeof *s->comments))
    return VB_ENOMEM;
  char *copy = vb__memdup(text, len);
  if (!copy)
    return VB_ENOMEM;
  s->comments[s->comment_count++] = (stored_comment){copy, len};
  *id = (uint32_t)s->comment_count;
  return VB_OK;
}

/* The order examples are kept in: tier, position, then (only when two
 * comments share a position: a report's positions are hashes) bytes. */
static int ex_order(const sug_example *a, const char *at, size_t al,
                    const sug_example *b, const char *bt, size_t bl) {
  if (a->tier != b->tier)
    return a->tier < b->tier ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  int c = memcmp(at, bt, al < bl ? al : bl);
  return c ? c : (al < bl ? -1 : al > bl);
}

static bool ex_before(const vb_suggest *s, const sug_example *a,
                      const sug_example *b, const char *text, size_t len) {
  const stored_comment *c = &s->comments[a->comment - 1];
  return ex_order(a, c->text, c->len, b, text, len) < 0;
}

static bool same_text(const vb_suggest *s, const sug_example *e,
                      const char *text, size_t len) {
  const stored_comment *c = &s->comments[e->comment - 1];
  return c->len == len && memcmp(c->text, text, len) == 0;
}

/* Offers (tier, index) of feature id in set k for a comment of this text;
 * *slot is where it goes, or NULL when it does not get in.  The slots
 * stay sorted, and hold each text once (at its best key: the same text
 * has the same tier, so its lowest position). */
static int ex_slot(vb_suggest *s, size_t k, uint32_t id, const sug_example *x,
                   const char *text, size_t len, sug_example **slot) {
  *slot = NULL;
  size_t n = s->examples;
  if (vb__grow_zero((void **)&s->ex[k], &s->ex_cap[k], ((size_t)id + 1) * n,
                    sizeof **s->ex))
    return VB_ENOMEM;
  sug_example *list = s->ex[k] + (size_t)id * n;
  size_t at = 0, used = 0;
  while (used < n && list[used].comment)
    used++;
  while (at < used && ex_before(s, &list[at], x, text, len)) {
    if (same_text(s, &list[at], text, len))
      return VB_OK; /* this text is in already, at a better key */
    at++;
  }
  if (at == n)
    return VB_OK;
  size_t last = used < n ? used : n - 1; /* the slot that goes */
  for (size_t i = at; i < used; i++)
    if (same_text(s, &list[i], text, len))
      last = i; /* the same text at a worse key: it goes instead */
  memmove(list + at + 1, list + at, (last - at) * sizeof *list);
  *slot = &list[at];
  return VB_OK;
}

/* The comment being added as an example of feature id, words [start,
 * end), in each target set. */
static int add_example(vb_suggest *s, uint32_t id, size_t start, size_t end,
                       const long *sets, size_t nsets) {
  sug_example x = {s->index, 0, (uint32_t)start, (uint32_t)end,
                   vb__example_tier(s->text_len, start, end)};
  for (size_t k = 0; k < nsets; k++) {
    sug_example *slot;
    if (ex_slot(s, (size_t)sets[k], id, &x, s->text, s->text_len, &slot))
      return VB_ENOMEM;
    if (!slot)
      continue;
    if (!s->stored && store_comment(s, s->text, s->text_len, &s->stored))
      return VB_ENOMEM;
    x.comment = s->stored;
    *slot = x;
  }
  return VB_OK;
}

/* Adds n comments writing feature f as surface sid, the first at `first`. */
static int add_surface(feature *f, uint32_t sid, uint64_t n, uint64_t first) {
  for (size_t i = 0; i < f->surface_count; i++)
    if (f->surfaces[i].id == sid) {
      f->surfaces[i].count += n;
      if (first < f->surfaces[i].first)
        f->surfaces[i].first = first;
      return VB_OK;
    }
  if (vb__grow((void **)&f->surfaces, &f->surface_cap, f->surface_count + 1,
               sizeof *f->surfaces))
    return VB_ENOMEM;
  f->surfaces[f->surface_count++] = (surface_form){sid, n, first};
  return VB_OK;
}

/* Counts one feature (key) with its surface form for this comment. */
static int count(vb_suggest *s, const char *key, size_t klen,
                 const char *surface, size_t slen, size_t start, size_t end,
                 const long *sets, size_t nsets) {
  uint32_t id, sid;
  if (vb__strtab_intern(&s->features, key, klen, &id))
    return VB_ENOMEM;
  if (vb__grow_zero((void **)&s->f, &s->f_cap, (size_t)id + 1, sizeof *s->f) ||
      vb__grow_zero((void **)&s->seen, &s->seen_cap, (size_t)id + 1,
                    sizeof *s->seen))
    return VB_ENOMEM;
  if (s->seen[id] == s->comment)
    return VB_OK; /* once per comment */
  s->seen[id] = s->comment;
  feature *f = &s->f[id];
  f->total++;
  s->all_counts++;
  for (size_t k = 0; k < nsets; k++) {
    size_t set = (size_t)sets[k];
    s->set_counts[set]++;
    if (vb__grow_zero((void **)&s->in_set[set], &s->in_set_cap[set],
                      (size_t)id + 1, sizeof **s->in_set))
      return VB_ENOMEM;
    s->in_set[set][id]++;
  }
  if (vb__strtab_intern(&s->surfaces, surface, slen, &sid))
    return VB_ENOMEM;
  if (s->examples && s->text && nsets &&
      add_example(s, id, start, end, sets, nsets))
    return VB_ENOMEM;
  return add_surface(&s->f[id], sid, 1, s->index);
}

static int put(vb_suggest *s, size_t at, const char *p, size_t n) {
  if (vb__grow((void **)&s->buf, &s->buf_cap, at + n + 1, 1))
    return VB_ENOMEM;
  memcpy(s->buf + at, p, n);
  return VB_OK;
}

enum { STEM_CUT = 256, STEM_CACHE_MAX = 1 << 20 }; /* words cached */

/* Word i's stem into buf (cut to STEM_CUT - 1 bytes), its full length
 * returned: vb_matcher_token_stem, remembered by the word's text and the
 * language the matcher is routed to (one word stems differently in two
 * languages: the key is the language's number, then the text). */
static size_t stem_of(vb_suggest *s, vb_matcher *m, size_t i,
                      char buf[STEM_CUT]) {
  size_t tlen, len;
  const char *t = vb_matcher_token_text(m, i, &tlen);
  if (s->stemmed_by != m || s->words.count >= STEM_CACHE_MAX) {
    vb__strtab_clear(&s->words);
    vb__strtab_clear(&s->stems);
    s->stemmed_by = m;
  }
  char key[STEM_CUT + 1];
  const char *w = t && tlen < STEM_CUT ? key : NULL; /* longer: uncached */
  size_t wlen = tlen + 1;
  if (w) {
    key[0] = (char)vb_matcher_current_language(m);
    memcpy(key + 1, t, tlen);
  }
  uint32_t id = w ? vb__strtab_find(&s->words, w, wlen) : 0, sid;
  if (id) {
    sid = s->word_stem[id];
    const char *stem = vb__strtab_str(&s->stems, sid, &len);
    memcpy(buf, stem, len);
    buf[len] = '\0';
    return s->stem_full[sid];
  }
  size_t full = vb_matcher_token_stem(m, i, buf, STEM_CUT);
  len = full < STEM_CUT ? full : STEM_CUT - 1;
  if (!w || !full || vb__strtab_intern(&s->words, w, wlen, &id) ||
      vb__strtab_intern(&s->stems, buf, len, &sid) ||
      vb__grow((void **)&s->word_stem, &s->word_stem_cap, (size_t)id + 1,
               sizeof *s->word_stem) ||
      vb__grow((void **)&s->stem_full, &s->stem_full_cap, (size_t)sid + 1,
               sizeof *s->stem_full)) {
    vb__strtab_clear(&s->words); /* out of memory: stem without the cache */
    vb__strtab_clear(&s->stems);
    return full;
  }
  s->word_stem[id] = sid;
  s->stem_full[sid] = (uint32_t)full;
  return full;
}

int vb_suggest_add(vb_suggest *s, vb_matcher *m, const long *sets,
                   size_t nsets) {
  return vb_suggest_add_at(s, s->total, m, sets, nsets);
}

int vb_suggest_add_text_at(vb_suggest *s, uint64_t index, vb_matcher *m,
                           const char *text, size_t len, const long *sets,
                           size_t nsets) {
  s->text = text;
  s->text_len = len;
  s->stored = 0;
  int rc = vb_suggest_add_at(s, index, m, sets, nsets);
  s->text = NULL;
  return rc;
}

int vb_suggest_add_at(vb_suggest *s, uint64_t index, vb_matcher *m,
                      const long *sets, size_t nsets) {
  s->index = index;
  for (size_t k = 0; k < nsets; k++)
    if (sets[k] < 0 || (size_t)sets[k] >= s->sets)
      return VB_EINVAL;
  if (++s->comment == 0) { /* wrapped: forget which comment saw what */
    memset(s->seen, 0, s->seen_cap * sizeof *s->seen);
    s->comment = 1;
  }
  s->total++;
  for (size_t k = 0; k < nsets; k++)
    s->set_size[sets[k]]++;
  size_t nlen, n = vb_matcher_token_count(m);
  const char *norm = vb_matcher_normalized(m, &nlen);
  stop_language language = stop_language_of(s, m);
  char stem[2][STEM_CUT];
  size_t stem_len[2] = {0, 0};
  bool stop[2] = {false, false};
  for (size_t i = 0; i < n; i++) {
    const vb_token *t = vb_matcher_token(m, i);
    size_t cur = i & 1, prev = cur ^ 1;
    stem_len[cur] = stem_of(s, m, i, stem[cur]);
    if (stem_len[cur] >= sizeof stem[cur])
      stem_len[cur] = sizeof stem[cur] - 1;
    const char *surface = norm + t->norm_start;
    size_t slen = t->norm_end - t->norm_start;
    stop[cur] = is_stopword(s, &language, surface, slen);
    if (!stop[cur] && stem_len[cur] &&
        count(s, stem[cur], stem_len[cur], surface, slen, t->start, t->end,
              sets, nsets))
      return VB_ENOMEM;
    if (i == 0 || vb_matcher_token(m, i - 1)->clause != t->clause ||
        (stop[cur] && stop[prev]) || !stem_len[prev] || !stem_len[cur])
      continue;
    /* the pair: "stem stem" keyed, "word word" shown */
    const vb_token *p = vb_matcher_token(m, i - 1);
    size_t klen = stem_len[prev] + 1 + stem_len[cur];
    if (put(s, 0, stem[prev], stem_len[prev]) ||
        put(s, stem_len[prev], " ", 1) ||
        put(s, stem_len[prev] + 1, stem[cur], stem_len[cur]))
      return VB_ENOMEM;
    size_t plen = p->norm_end - p->norm_start;
    if (put(s, klen, norm + p->norm_start, plen) ||
        put(s, klen + plen, " ", 1) || put(s, klen + plen + 1, surface, slen))
      return VB_ENOMEM;
    if (count(s, s->buf, klen, s->buf + klen, plen + 1 + slen, p->start, t->end,
              sets, nsets))
      return VB_ENOMEM;
  }
  return VB_OK;
}

static int by_z(const void *a, const void *b) {
  const vb_candidate *x = a, *y = b;
  if (x->z != y->z)
    return x->z < y->z ? 1 : -1;
  return strcmp(x->term, y->term);
}

size_t vb_suggest_top(vb_suggest *s, size_t set, size_t min_count,
                      vb_candidate *out, size_t max) {
  if (set >= s->sets || !max)
    return 0;
  double nt = (double)s->set_counts[set];
  double nr = (double)(s->all_counts - s->set_counts[set]);
  double a0 = nt + nr;
  size_t found = 0;
  for (uint32_t id = 1; id <= s->features.count; id++) {
    const feature *f = &s->f[id];
    uint64_t yt = id < s->in_set_cap[set] ? s->in_set[set][id] : 0;
    if (yt < min_count || yt == 0)
      continue;
    double y_t = (double)yt, y_r = (double)(f->total - yt);
    double a = y_t + y_r;
    double d = log((y_t + a) / (nt + a0 - y_t - a)) -
               log((y_r + a) / (nr + a0 - y_r - a));
    double z = d / sqrt(1.0 / (y_t + a) + 1.0 / (y_r + a));
    const surface_form *best = &f->surfaces[0];
    for (size_t i = 1; i < f->surface_count; i++) {
      const surface_form *x = &f->surfaces[i];
      if (x->count > best->count ||
          (x->count == best->count && x->first < best->first))
        best = x;
    }
    size_t len;
    vb_candidate c = {vb__strtab_str(&s->surfaces, best->id, &len), z, yt,
                      f->total - yt, id};
    if (found < max) {
      out[found++] = c;
      qsort(out, found, sizeof *out, by_z);
    } else if (by_z(&c, &out[max - 1]) < 0) {
      out[max - 1] = c;
      qsort(out, found, sizeof *out, by_z);
    }
  }
  return found;
}

uint64_t vb_suggest_set_size(const vb_suggest *s, size_t set) {
  return set < s->sets ? s->set_size[set] : 0;
}

uint64_t vb_suggest_total(const vb_suggest *s) { return s->total; }

/* Offers src's examples of feature id to dst's feature did; moved[c] is
 * the id in dst of src's comment c, once copied (0 before). */
static int merge_examples(vb_suggest *dst, const vb_suggest *src, uint32_t id,
                          uint32_t did, uint32_t *moved) {
  size_t n = src->examples;
  for (size_t k = 0; n && k < src->sets; k++)
    for (size_t i = 0; i < n && ((size_t)id + 1) * n <= src->ex_cap[k]; i++) {
      sug_example x = src->ex[k][(size_t)id * n + i], *slot;
      if (!x.comment)
        break;
      const stored_comment *c = &src->comments[x.comment - 1];
      if (ex_slot(dst, k, did, &x, c->text, c->len, &slot))
        return VB_ENOMEM;
      if (!slot)
        continue;
      if (!moved[x.comment] &&
          store_comment(dst, c->text, c->len, &moved[x.comment]))
        return VB_ENOMEM;
      x.comment = moved[x.comment];
      *slot = x;
    }
  return VB_OK;
}

size_t vb_suggest_examples(const vb_suggest *s, size_t set,
                           const vb_candidate *c, vb_suggest_example *out,
                           size_t max) {
  size_t n = s->examples, found = 0;
  if (!n || set >= s->sets || ((size_t)c->feature + 1) * n > s->ex_cap[set])
    return 0;
  const sug_example *list = s->ex[set] + c->feature * n;
  for (size_t i = 0; i < n && found < max && list[i].comment; i++) {
    const stored_comment *t = &s->comments[list[i].comment - 1];
    out[found++] =
        (vb_suggest_example){t->text, t->len, list[i].start, list[i].end};
  }
  return found;
}

/* Adds src's feature `id` (its counts and surfaces) into dst. */
static int merge_feature(vb_suggest *dst, const vb_suggest *src, uint32_t id,
                         uint32_t *moved) {
  size_t klen;
  const char *key = vb__strtab_str(&src->features, id, &klen);
  uint32_t did;
  if (vb__strtab_intern(&dst->features, key, klen, &did) ||
      vb__grow_zero((void **)&dst->f, &dst->f_cap, (size_t)did + 1,
                    sizeof *dst->f) ||
      vb__grow_zero((void **)&dst->seen, &dst->seen_cap, (size_t)did + 1,
                    sizeof *dst->seen))
    return VB_ENOMEM;
  const feature *f = &src->f[id];
  feature *d = &dst->f[did];
  d->total += f->total;
  for (size_t k = 0; k < src->sets; k++) {
    uint64_t n = id < src->in_set_cap[k] ? src->in_set[k][id] : 0;
    if (!n)
      continue;
    if (vb__grow_zero((void **)&dst->in_set[k], &dst->in_set_cap[k],
                      (size_t)did + 1, sizeof **dst->in_set))
      return VB_ENOMEM;
    dst->in_set[k][did] += n;
  }
  for (size_t i = 0; i < f->surface_count; i++) {
    size_t slen;
    const char *text = vb__strtab_str(&src->surfaces, f->surfaces[i].id, &slen);
    uint32_t sid;
    if (vb__strtab_intern(&dst->surfaces, text, slen, &sid) ||
        add_surface(d, sid, f->surfaces[i].count, f->surfaces[i].first))
      return VB_ENOMEM;
  }
  return merge_examples(dst, src, id, did, moved);
}

int vb_suggest_merge(vb_suggest *dst, const vb_suggest *src) {
  if (!dst || !src || dst->sets != src->sets || dst->examples != src->examples)
    return VB_EINVAL;
  uint32_t *moved = calloc(src->comment_count + 1, sizeof *moved);
  if (!moved)
    return VB_ENOMEM;
  for (uint32_t id = 1; id <= src->features.count; id++)
    if (merge_feature(dst, src, id, moved)) {
      free(moved);
      return VB_ENOMEM;
    }
  free(moved);
  dst->total += src->total;
  dst->all_counts += src->all_counts;
  for (size_t k = 0; k < src->sets; k++) {
    dst->set_size[k] += src->set_size[k];
    dst->set_counts[k] += src->set_counts[k];
  }
  return VB_OK;
}

/* ---- saved and loaded: a report's candidates in a partial report ------- */

/* A string of the state with the id it has there, for sorting. */
typedef struct sorted_str {
  const char *s;
  size_t len;
  uint32_t id;
} sorted_str;

static int by_bytes(const void *a, const void *b) {
  const sorted_str *x = a, *y = b;
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  return c ? c : (x->len < y->len ? -1 : x->len > y->len);
}

/* The features sorted by key (NULL when out of memory). */
static sorted_str *sorted_features(const vb_suggest *s) {
  size_t n = s->features.count;
  sorted_str *list = malloc((n ? n : 1) * sizeof *list);
  for (uint32_t id = 1; list && id <= n; id++) {
    list[id - 1].s = vb__strtab_str(&s->features, id, &list[id - 1].len);
    list[id - 1].id = id;
  }
  if (list)
    qsort(list, n, sizeof *list, by_bytes);
  return list;
}

static const sug_example *examples_of(const vb_suggest *s, size_t k,
                                      uint32_t id) {
  size_t n = s->examples;
  return n && ((size_t)id + 1) * n <= s->ex_cap[k] ? s->ex[k] + (size_t)id * n
                                                   : NULL;
}

static void put_split(vb__out *o, uint64_t v) {
  vb__put_num(o, v >> 32);
  vb__put_num(o, v & 0xffffffffu);
}

/* The comments the examples hold, numbered (from 1, into *order) in the
 * order the sorted features first name them, then written. */
static void put_comments(vb__out *o, const vb_suggest *s,
                         const sorted_str *feats, uint32_t *order) {
  uint32_t next = 0;
  uint32_t *which = malloc((s->comment_count + 1) * sizeof *which);
  if (!which) {
    o->failed = true;
    return;
  }
  for (size_t i = 0; i < s->features.count; i++)
    for (size_t k = 0; k < s->sets; k++) {
      const sug_example *x = examples_of(s, k, feats[i].id);
      for (size_t e = 0; x && e < s->examples && x[e].comment; e++)
        if (!order[x[e].comment])
          which[order[x[e].comment] = ++next] = x[e].comment;
    }
  vb__put_num(o, next);
  for (uint32_t i = 1; i <= next; i++)
    vb__put_str(o, s->comments[which[i] - 1].text,
                s->comments[which[i] - 1].len);
  free(which);
}

/* A feature: key, counts, surface forms by text, examples per set. */
static void put_feature(vb__out *o, const vb_suggest *s, const sorted_str *ft,
                        const uint32_t *order) {
  const feature *f = &s->f[ft->id];
  vb__put_str(o, ft->s, ft->len);
  vb__put_num(o, f->total);
  for (size_t k = 0; k < s->sets; k++)
    vb__put_num(o, ft->id < s->in_set_cap[k] ? s->in_set[k][ft->id] : 0);
  sorted_str *forms = malloc((f->surface_count + 1) * sizeof *forms);
  if (!forms) {
    o->failed = true;
    return;
  }
  for (size_t i = 0; i < f->surface_count; i++) {
    forms[i].s = vb__strtab_str(&s->surfaces, f->surfaces[i].id, &forms[i].len);
    forms[i].id = (uint32_t)i;
  }
  qsort(forms, f->surface_count, sizeof *forms, by_bytes);
  vb__put_num(o, f->surface_count);
  for (size_t i = 0; i < f->surface_count; i++) {
    vb__put_str(o, forms[i].s, forms[i].len);
    vb__put_num(o, f->surfaces[forms[i].id].count);
    put_split(o, f->surfaces[forms[i].id].first);
  }
  free(forms);
  for (size_t k = 0; k < s->sets; k++) {
    const sug_example *x = examples_of(s, k, ft->id);
    size_t n = 0;
    while (x && n < s->examples && x[n].comment)
      n++;
    vb__put_num(o, n);
    for (size_t e = 0; e < n; e++) {
      vb__put_num(o, order[x[e].comment]);
      vb__put_num(o, x[e].start);
      vb__put_num(o, x[e].end);
      put_split(o, x[e].index);
    }
  }
}

void vb__suggest_save(vb__out *o, const vb_suggest *s) {
  vb__put_num(o, s->sets);
  vb__put_num(o, s->examples);
  vb__put_num(o, s->total);
  vb__put_num(o, s->all_counts);
  for (size_t k = 0; k < s->sets; k++) {
    vb__put_num(o, s->set_size[k]);
    vb__put_num(o, s->set_counts[k]);
  }
  sorted_str *feats = sorted_features(s);
  uint32_t *order = calloc(s->comment_count + 1, sizeof *order);
  if (!feats || !order)
    o->failed = true;
  else
    put_comments(o, s, feats, order);
  vb__put_num(o, o->failed ? 0 : s->features.count);
  for (size_t i = 0; !o->failed && i < s->features.count; i++)
    put_feature(o, s, &feats[i], order);
  free(feats);
  free(order);
}

static uint64_t get_split(vb__cursor *c, const char *where) {
  uint64_t hi = vb__get_num(c), lo = vb__get_num(c);
  if (!c->rc && (hi > 0xffffffffu || lo > 0xffffffffu))
    vb__bad(c, "%s: a 32-bit half above 2^32", where);
  return hi << 32 | lo;
}

static int nomem(vb__cursor *c) {
  if (!c->rc)
    c->rc = vb__fail(c->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return c->rc;
}

/* The feature's surface forms, in text order, adding up to its total. */
static void get_surfaces(vb__cursor *c, vb_suggest *s, feature *f,
                         const char *where) {
  size_t n = vb__get_count(c, "surface forms");
  uint64_t sum = 0;
  char *prev = NULL;
  size_t prev_len = 0;
  for (size_t i = 0; i < n && !c->rc; i++) {
    size_t len;
    char *text = vb__get_str(c, &len);
    uint64_t count = vb__get_num(c), first = get_split(c, where);
    uint32_t sid;
    sorted_str a = {prev, prev_len, 0}, b = {text, len, 0};
    if (c->rc)
      ;
    else if (!count || (prev && by_bytes(&a, &b) >= 0))
      vb__bad(c, "%s: surface forms out of order, repeated or unused", where);
    else if (vb__strtab_intern(&s->surfaces, text, len, &sid) ||
             add_surface(f, sid, count, first))
      nomem(c);
    sum += count;
    free(prev);
    prev = text;
    prev_len = len;
  }
  free(prev);
  if (!c->rc && (!n || sum != f->total))
    vb__bad(c, "%s: its surface forms count %llu comments, not %llu", where,
            (unsigned long long)sum, (unsigned long long)f->total);
}

/* One example of feature id in set k: a stored comment, the span of the
 * feature's words inside it, its position (the hash of its text). */
static void get_example(vb__cursor *c, vb_suggest *s, size_t k, uint32_t id,
                        size_t e, const char *where) {
  uint64_t ref = vb__get_num(c), start = vb__get_num(c), end = vb__get_num(c);
  uint64_t index = get_split(c, where);
  if (c->rc)
    return;
  if (!ref || ref > s->comment_count) {
    vb__bad(c, "%s: an example of comment %llu, of %zu", where,
            (unsigned long long)ref, s->comment_count);
    return;
  }
  const stored_comment *t = &s->comments[ref - 1];
  sug_example x = {index, (uint32_t)ref, (uint32_t)start, (uint32_t)end,
                   vb__example_tier(t->len, (size_t)start, (size_t)end)};
  sug_example *list = s->ex[k] + (size_t)id * s->examples;
  if (start >= end || end > t->len)
    vb__bad(c, "%s: an example's words out of its comment", where);
  else if (index != vb__example_hash(t->text, t->len, -1))
    vb__bad(c, "%s: an example's position is not the hash of its text", where);
  else if (e &&
           ex_order(&list[e - 1], s->comments[list[e - 1].comment - 1].text,
                    s->comments[list[e - 1].comment - 1].len, &x, t->text,
                    t->len) >= 0)
    vb__bad(c, "%s: examples out of order or repeated", where);
  else
    list[e] = x;
}

/* A feature as put_feature wrote it; prev is the key before it. */
static void get_feature(vb__cursor *c, vb_suggest *s, sorted_str *prev,
                        uint64_t *sums) {
  char where[48];
  snprintf(where, sizeof where, "candidate feature %zu", s->features.count + 1);
  size_t klen;
  char *key = vb__get_str(c, &klen);
  uint64_t total = vb__get_num(c);
  uint32_t id = 0;
  sorted_str now = {key, klen, 0};
  if (c->rc)
    ;
  else if (!klen || (prev->s && by_bytes(prev, &now) >= 0))
    vb__bad(c, "%s: features out of order or repeated", where);
  else if (!total || total > s->total)
    vb__bad(c, "%s: held by %llu comments, of %llu", where,
            (unsigned long long)total, (unsigned long long)s->total);
  else if (vb__strtab_intern(&s->features, key, klen, &id) ||
           vb__grow_zero((void **)&s->f, &s->f_cap, (size_t)id + 1,
                         sizeof *s->f) ||
           vb__grow_zero((void **)&s->seen, &s->seen_cap, (size_t)id + 1,
                         sizeof *s->seen))
    nomem(c);
  free((char *)prev->s);
  *prev = now;
  if (c->rc)
    return;
  s->f[id].total = total;
  sums[s->sets] += total;
  for (size_t k = 0; k < s->sets && !c->rc; k++) {
    uint64_t n = vb__get_num(c);
    if (!c->rc && (n > total || n > s->set_size[k]))
      vb__bad(c, "%s: in more comments of a set than hold it", where);
    else if (vb__grow_zero((void **)&s->in_set[k], &s->in_set_cap[k],
                           (size_t)id + 1, sizeof **s->in_set))
      nomem(c);
    else
      s->in_set[k][id] = n;
    sums[k] += n;
  }
  get_surfaces(c, s, &s->f[id], where);
  for (size_t k = 0; k < s->sets && !c->rc; k++) {
    uint64_t n = vb__get_num(c);
    if (!c->rc && (n > s->examples || n > s->in_set[k][id]))
      vb__bad(c, "%s: %llu examples, more than kept or than hold it", where,
              (unsigned long long)n);
    else if (n && vb__grow_zero((void **)&s->ex[k], &s->ex_cap[k],
                                ((size_t)id + 1) * s->examples, sizeof **s->ex))
      nomem(c);
    for (size_t e = 0; e < n && !c->rc; e++)
      get_example(c, s, k, id, e, where);
  }
}

void vb__suggest_load(vb__cursor *c, vb_suggest *s) {
  uint64_t sets = vb__get_num(c), examples = vb__get_num(c);
  if (!c->rc && (sets != s->sets || examples != s->examples))
    vb__bad(c,
            "candidate terms of %llu sets with %llu examples, where a "
            "report keeps %zu and %zu",
            (unsigned long long)sets, (unsigned long long)examples, s->sets,
            s->examples);
  s->total = vb__get_num(c);
  s->all_counts = vb__get_num(c);
  for (size_t k = 0; k < s->sets && !c->rc; k++) {
    s->set_size[k] = vb__get_num(c);
    s->set_counts[k] = vb__get_num(c);
    if (!c->rc && s->set_size[k] > s->total)
      vb__bad(c, "a candidate set larger than the comments counted");
  }
  size_t n = vb__get_count(c, "candidate comments");
  for (size_t i = 0; i < n && !c->rc; i++) {
    size_t len;
    char *text = vb__get_str(c, &len);
    uint32_t id;
    if (text && !len)
      vb__bad(c, "an empty candidate comment");
    else if (text && store_comment(s, text, len, &id))
      nomem(c);
    free(text);
  }
  uint64_t *sums = calloc(s->sets + 1, sizeof *sums);
  if (!sums)
    nomem(c);
  size_t features = vb__get_count(c, "candidate features");
  sorted_str prev = {NULL, 0, 0};
  for (size_t i = 0; i < features && !c->rc; i++)
    get_feature(c, s, &prev, sums);
  free((char *)prev.s);
  for (size_t k = 0; k < s->sets && !c->rc; k++)
    if (sums[k] != s->set_counts[k])
      vb__bad(c, "a candidate set's counts do not add up");
  if (!c->rc && sums[s->sets] != s->all_counts)
    vb__bad(c, "the candidate features' counts do not add up");
  free(sums);
}
