/*
 * report.c - tallies by segment and period, and the figures of a report.
 *
 * A report holds the overall tally and one tally per slice (a combination
 * of segment values and a period bucket), found by an interned key built
 * from length-prefixed values, so any bytes in a value are safe.  Merging
 * two reports merges slice by slice: exact, like tallies.
 *
 * The figures (docs/metrics.md) are computed at write time from counts
 * only.  Every slice lists the same themes — those the *overall* tally
 * shows often enough (min_mentions) — so the tidy CSV has the same shape
 * in every slice, which BI tools expect.  NPS is not additive: the CSV
 * carries the overall slice (segment values "(all)") next to the others
 * instead of leaving totals to be re-aggregated.
 *
 * With both segments and periods the totals a reader needs are the
 * margins: each segment over all periods and each period over all
 * segments.  They are built at write time by merging the slices' tallies
 * into two companion reports (one without periods, one without segments),
 * so their figures are exactly those of a run without --period or without
 * --by, and the row loop pays nothing for them.  Every written block
 * (a "section") says which margin it is.  A slice with fewer responses
 * than min_responses keeps its counts but has no figures: with a handful
 * of responses an NPS or a share is noise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define ALL "(all)"

typedef struct vb__slice {
  vb_tally *tally;
  char **values; /* by_count values */
  size_t *lens;
  char start[11], label[16];
} slice;

struct vb_report {
  const vb_lexicon *lex;
  char **by;
  size_t by_count;
  vb_period period;
  char *scale_text;
  vb_tally *overall;
  vb__strtab keys; /* slice key -> id (1-based) */
  slice *slices;
  size_t slice_cap;
  uint64_t min_mentions, min_responses;
  size_t top;
  size_t label_language; /* vb_report_set_display_language */
  char *key;
  size_t key_cap;
  /* the margins, rebuilt by each write (NULL unless by_count and period) */
  vb_report *segment_totals, *period_totals;
  vb__reasons reasons; /* rejected rows by kind, from the job */
  char **setting_names, **setting_values; /* the caller's, in order */
  size_t setting_count;
  char *name;            /* where it came from, for messages */
  vb_lexicon *owned_lex; /* a loaded partial's lexicon, or NULL */
  /* example comments (examples.c): overall, and per segment by the key
   * of its values alone (never per period) */
  size_t examples_kept, width;
  vb__examples examples;
  vb__strtab segment_keys; /* segment values key -> id (1-based) */
  vb__examples *segment_examples;
  size_t segment_examples_cap;
  /* with examples: suggest's counts over detractor comments, set 0 the
   * untagged ones (see vb_report_set_stopwords) */
  vb_suggest *suggest;
  char *stopwords;
  size_t stopwords_len;
};

int vb_report_new(const vb_lexicon *lex, const char *const by[],
                  size_t by_count, vb_period period, const vb_scale *scale,
                  vb_report **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  if (!lex || (by_count && !by))
    return VB_EINVAL;
  vb_report *r = calloc(1, sizeof *r);
  if (!r)
    return VB_ENOMEM;
  r->lex = lex;
  r->period = period;
  r->min_mentions = 1;
  r->by = calloc(by_count ? by_count : 1, sizeof *r->by);
  r->scale_text = strdup(vb_scale_text(scale));
  int rc = r->by && r->scale_text ? VB_OK : VB_ENOMEM;
  for (size_t i = 0; i < by_count && !rc; i++) {
    r->by[i] = strdup(by[i]);
    r->by_count = i + 1;
    rc = r->by[i] ? VB_OK : VB_ENOMEM;
  }
  if (!rc)
    rc = vb_tally_new(lex, &r->overall);
  if (rc) {
    vb_report_free(r);
    return rc;
  }
  *out = r;
  return VB_OK;
}

void vb_report_free(vb_report *r) {
  if (!r)
    return;
  for (size_t i = 0; i < r->keys.count; i++) {
    slice *s = &r->slices[i];
    vb_tally_free(s->tally);
    for (size_t k = 0; s->values && k < r->by_count; k++)
      free(s->values[k]);
    free(s->values);
    free(s->lens);
  }
  free(r->slices);
  vb__strtab_free(&r->keys);
  for (size_t i = 0; i < r->by_count; i++)
    free(r->by[i]);
  free(r->by);
  free(r->scale_text);
  free(r->key);
  vb_tally_free(r->overall);
  vb_report_free(r->segment_totals);
  vb_report_free(r->period_totals);
  vb__reasons_free(&r->reasons);
  for (size_t i = 0; i < r->setting_count; i++) {
    free(r->setting_names[i]);
    free(r->setting_values[i]);
  }
  free(r->setting_names);
  free(r->setting_values);
  free(r->name);
  vb_lexicon_free(r->owned_lex);
  vb__examples_free(&r->examples);
  for (size_t i = 0; i < r->segment_keys.count; i++)
    vb__examples_free(&r->segment_examples[i]);
  free(r->segment_examples);
  vb__strtab_free(&r->segment_keys);
  vb_suggest_free(r->suggest);
  free(r->stopwords);
  free(r);
}

vb_tally *vb_report_overall(vb_report *r) { return r->overall; }

void vb_report_set_limits(vb_report *r, uint64_t min_mentions, size_t top) {
  r->min_mentions = min_mentions;
  r->top = top;
}

void vb_report_set_min_responses(vb_report *r, uint64_t min_responses) {
  r->min_responses = min_responses;
}

int vb_report_set_display_language(vb_report *r, const char *code) {
  long k = code ? vb_lexicon_route(r->lex, code, strlen(code)) : 0;
  if (k < 0)
    return VB_ELANGUAGE;
  r->label_language = (size_t)k;
  return VB_OK;
}

const char *vb_report_theme_label(const vb_report *r, size_t theme) {
  return vb_lexicon_theme_label_in(r->lex, r->label_language, theme);
}

/* The slice key into *key: each value as 4-byte length + bytes, then the
 * start (NULL: none, the key of a segment). */
static int build_key(size_t by_count, const char *const values[],
                     const size_t lens[], const char *start, char **key,
                     size_t *cap, size_t *len) {
  size_t n = 11;
  for (size_t i = 0; i < by_count; i++)
    n += 4 + lens[i];
  if (vb__grow((void **)key, cap, n, 1))
    return VB_ENOMEM;
  size_t at = 0;
  for (size_t i = 0; i < by_count; i++) {
    uint32_t l = (uint32_t)lens[i];
    memcpy(*key + at, &l, 4);
    memcpy(*key + at + 4, values[i], lens[i]);
    at += 4 + lens[i];
  }
  size_t sl = start ? strlen(start) : 0;
  memcpy(*key + at, start ? start : "", sl);
  *len = at + sl;
  return VB_OK;
}

static int make_key(vb_report *r, const char *const values[],
                    const size_t lens[], const char *start, size_t *len) {
  return build_key(r->by_count, values, lens, start, &r->key, &r->key_cap, len);
}

int vb_report_slice(vb_report *r, const char *const values[],
                    const size_t lens[], const char *period_start,
                    const char *period_label, vb_tally **tally) {
  size_t klen;
  if (make_key(r, values, lens, period_start, &klen))
    return VB_ENOMEM;
  uint32_t before = (uint32_t)r->keys.count, id;
  if (vb__grow((void **)&r->slices, &r->slice_cap, before + 1,
               sizeof *r->slices) ||
      vb__strtab_intern(&r->keys, r->key, klen, &id))
    return VB_ENOMEM;
  slice *s = &r->slices[id - 1];
  if (r->keys.count != before) { /* new slice */
    memset(s, 0, sizeof *s);
    s->values = calloc(r->by_count ? r->by_count : 1, sizeof *s->values);
    s->lens = calloc(r->by_count ? r->by_count : 1, sizeof *s->lens);
    int rc = s->values && s->lens ? vb_tally_new(r->lex, &s->tally) : VB_ENOMEM;
    for (size_t i = 0; i < r->by_count && !rc; i++) {
      s->values[i] = vb__memdup(values[i], lens[i]);
      s->lens[i] = lens[i];
      rc = s->values[i] ? VB_OK : VB_ENOMEM;
    }
    snprintf(s->start, sizeof s->start, "%s", period_start ? period_start : "");
    snprintf(s->label, sizeof s->label, "%s", period_label ? period_label : "");
    if (rc)
      return rc; /* freed with the report: the key is interned */
  }
  *tally = s->tally;
  return VB_OK;
}

/* Suggest's counts for the page's candidate terms: kept with examples
 * (their cost is of the same kind), made anew (empty). */
static int new_suggest(vb_report *r) {
  vb_suggest_free(r->suggest);
  r->suggest = NULL;
  if (!r->examples_kept)
    return VB_OK;
  int rc = vb_suggest_new(1, r->stopwords, r->stopwords_len, &r->suggest);
  if (!rc)
    rc = vb_suggest_set_examples(r->suggest, VB__CANDIDATE_EXAMPLES);
  return rc;
}

int vb_report_set_stopwords(vb_report *r, const char *words, size_t len) {
  if (!r || (len && !words))
    return VB_EINVAL;
  char *copy = len ? vb__memdup(words, len) : NULL;
  if (len && !copy)
    return VB_ENOMEM;
  free(r->stopwords);
  r->stopwords = copy;
  r->stopwords_len = len;
  return new_suggest(r);
}

vb_suggest *vb__report_suggest(const vb_report *r) { return r->suggest; }

int vb_report_set_examples(vb_report *r, size_t n) {
  if (!r || n > 100)
    return VB_EINVAL;
  vb__examples_free(&r->examples);
  for (size_t i = 0; i < r->segment_keys.count; i++)
    vb__examples_free(&r->segment_examples[i]);
  r->examples_kept = n;
  vb__examples_init(&r->examples, n, vb_lexicon_theme_count(r->lex));
  for (size_t i = 0; i < r->segment_keys.count; i++)
    vb__examples_init(&r->segment_examples[i], n,
                      vb_lexicon_theme_count(r->lex));
  return new_suggest(r);
}

void vb_report_set_width(vb_report *r, size_t columns) { r->width = columns; }

size_t vb__report_examples_kept(const vb_report *r) { return r->examples_kept; }

/* The example set of a segment, made on first use (NULL: out of memory). */
static vb__examples *segment_examples(vb_report *r, const char *const values[],
                                      const size_t lens[]) {
  size_t klen;
  uint32_t before = (uint32_t)r->segment_keys.count, id;
  if (make_key(r, values, lens, NULL, &klen) ||
      vb__grow((void **)&r->segment_examples, &r->segment_examples_cap,
               before + 1, sizeof *r->segment_examples) ||
      vb__strtab_intern(&r->segment_keys, r->key, klen, &id))
    return NULL;
  vb__examples *e = &r->segment_examples[id - 1];
  if (r->segment_keys.count != before)
    vb__examples_init(e, r->examples_kept, vb_lexicon_theme_count(r->lex));
  return e;
}

size_t vb__report_example_set_count(const vb_report *r) {
  return 1 + r->segment_keys.count;
}

vb__examples *vb__report_example_set(vb_report *r, size_t i,
                                     const char **values, size_t *lens) {
  if (i == 0)
    return &r->examples;
  size_t klen;
  const char *key = vb__strtab_str(&r->segment_keys, (uint32_t)i, &klen);
  for (size_t k = 0, at = 0; k < r->by_count; k++) { /* see build_key */
    uint32_t l;
    memcpy(&l, key + at, 4);
    values[k] = key + at + 4;
    lens[k] = l;
    at += 4 + l;
  }
  return &r->segment_examples[i - 1];
}

vb__examples *vb__report_segment_examples(vb_report *r,
                                          const char *const values[],
                                          const size_t lens[]) {
  return segment_examples(r, values, lens);
}

static int merge_examples(vb_report *dst, const vb_report *src) {
  int rc = vb__examples_merge(&dst->examples, &src->examples);
  for (uint32_t i = 0; i < src->segment_keys.count && !rc; i++) {
    size_t klen;
    const char *key = vb__strtab_str(&src->segment_keys, i + 1, &klen);
    uint32_t before = (uint32_t)dst->segment_keys.count, id;
    if (vb__grow((void **)&dst->segment_examples, &dst->segment_examples_cap,
                 before + 1, sizeof *dst->segment_examples) ||
        vb__strtab_intern(&dst->segment_keys, key, klen, &id))
      return VB_ENOMEM;
    vb__examples *e = &dst->segment_examples[id - 1];
    if (dst->segment_keys.count != before)
      vb__examples_init(e, dst->examples_kept,
                        vb_lexicon_theme_count(dst->lex));
    rc = vb__examples_merge(e, &src->segment_examples[i]);
  }
  return rc;
}

size_t vb__report_examples(const vb_report *r, const char *const *values,
                           const size_t *lens, size_t theme, int group,
                           const vb__report_example **out) {
  *out = NULL;
  if (!values || !r->by_count)
    return vb__examples_get(&r->examples, theme, group, out);
  char *key = NULL;
  size_t cap = 0, klen;
  uint32_t id = 0;
  if (!build_key(r->by_count, values, lens, NULL, &key, &cap, &klen))
    id = vb__strtab_find(&r->segment_keys, key, klen);
  free(key);
  return id ? vb__examples_get(&r->segment_examples[id - 1], theme, group, out)
            : 0;
}

int vb_report_merge(vb_report *dst, const vb_report *src) {
  if (!dst || !src || dst->lex != src->lex || dst->by_count != src->by_count ||
      dst->period != src->period || dst->examples_kept != src->examples_kept)
    return VB_EINVAL;
  int rc = vb_tally_merge(dst->overall, src->overall);
  if (!rc && dst->examples_kept)
    rc = merge_examples(dst, src);
  if (!rc && dst->suggest && src->suggest)
    rc = vb_suggest_merge(dst->suggest, src->suggest);
  if (!rc)
    vb__reasons_merge(&dst->reasons, &src->reasons);
  for (size_t i = 0; i < src->keys.count && !rc; i++) {
    const slice *s = &src->slices[i];
    vb_tally *t;
    rc = vb_report_slice(dst, (const char *const *)s->values, s->lens, s->start,
                         s->label, &t);
    if (!rc)
      rc = vb_tally_merge(t, s->tally);
  }
  return rc;
}

/* ---- figures ---------------------------------------------------------- */

static const vb_group GROUPS[] = {VB_GROUP_DETRACTOR, VB_GROUP_PASSIVE,
                                  VB_GROUP_PROMOTER, VB_GROUP_UNSCORED};
#define NG VB__NG /* + 1 for "(all)" groups */

typedef vb__slice_figs slice_figs; /* internal.h: report_html.c reads them */
typedef vb__theme_figs theme_figs;

static void slice_figures(const vb_tally *t, uint64_t min_responses,
                          slice_figs *f) {
  memset(f, 0, sizeof *f);
  for (int g = 0; g < NG; g++) {
    f->responses[g] = vb_tally_responses(t, GROUPS[g]);
    f->with_text[g] = vb_tally_with_text(t, GROUPS[g]);
    f->untagged[g] = vb_tally_untagged(t, GROUPS[g]);
    f->responses[NG] += f->responses[g];
    f->with_text[NG] += f->with_text[g];
    f->untagged[NG] += f->untagged[g];
  }
  uint64_t d = f->responses[0], p = f->responses[2];
  f->scored = d + f->responses[1] + p;
  f->too_few = f->responses[NG] < min_responses;
  f->nps = f->too_few ? NAN : vb_nps(p, d, f->scored);
  f->margin = f->too_few ? NAN : vb_nps_margin(p, d, f->scored);
}

static void theme_figures(const vb_tally *t, const slice_figs *sf, size_t theme,
                          theme_figs *f) {
  memset(f, 0, sizeof *f);
  for (int g = 0; g < NG; g++) {
    f->mentions[g] = vb_tally_mentions(t, theme, GROUPS[g]);
    f->mentions[NG] += f->mentions[g];
  }
  for (int g = 0; g <= NG; g++) {
    uint64_t n = sf->with_text[g];
    f->share[g] = n ? (double)f->mentions[g] / (double)n : NAN;
    vb_wilson(f->mentions[g], n, &f->low[g], &f->high[g]);
  }
  uint64_t md = f->mentions[0], mp = f->mentions[2];
  uint64_t ms = md + f->mentions[1] + mp;
  f->theme_nps = vb_nps(mp, md, ms);
  /* NPS of everyone minus NPS of everyone who did not mention it */
  f->impact = sf->nps - vb_nps(sf->responses[2] - mp, sf->responses[0] - md,
                               sf->scored - ms);
  f->dp_p = vb_two_proportion_p(md, sf->with_text[0], mp, sf->with_text[2]);
  if (sf->too_few) { /* the counts stay, the figures go */
    for (int g = 0; g <= NG; g++)
      f->share[g] = f->low[g] = f->high[g] = NAN;
    f->theme_nps = f->impact = f->dp_p = NAN;
  }
}

/* The share of comments with text in group g that mention no theme, and
 * its interval (NAN when undefined or the slice has too few responses). */
static double untagged_share(const slice_figs *sf, int g, double *lo,
                             double *hi) {
  vb_wilson(sf->untagged[g], sf->with_text[g], lo, hi);
  if (sf->too_few || !sf->with_text[g]) {
    *lo = *hi = NAN;
    return NAN;
  }
  return (double)sf->untagged[g] / (double)sf->with_text[g];
}

/* Themes shown: mentioned by at least min_mentions comments overall. */
static bool shown(const vb_report *r, size_t theme) {
  uint64_t n = 0;
  for (int g = 0; g < NG; g++)
    n += vb_tally_mentions(r->overall, theme, GROUPS[g]);
  return n >= r->min_mentions;
}

int vb__compare_values(size_t by_count, const char *const *xv, const size_t *xl,
                       const char *const *yv, const size_t *yl) {
  for (size_t i = 0; i < by_count; i++) {
    size_t n = xl[i] < yl[i] ? xl[i] : yl[i];
    int c = memcmp(xv[i], yv[i], n);
    if (c || xl[i] != yl[i])
      return c ? c : (xl[i] < yl[i] ? -1 : 1);
  }
  return 0;
}

/* Orders two slices' segment values, bytewise, column by column. */
static int compare_values(size_t by_count, const slice *x, const slice *y) {
  return vb__compare_values(by_count, (const char *const *)x->values, x->lens,
                            (const char *const *)y->values, y->lens);
}

/* Slices in output order: by values, then period start. */
static const vb_report *sort_ctx;
static int by_slice(const void *a, const void *b) {
  const slice *x = &sort_ctx->slices[*(const size_t *)a];
  const slice *y = &sort_ctx->slices[*(const size_t *)b];
  int c = compare_values(sort_ctx->by_count, x, y);
  return c ? c : strcmp(x->start, y->start);
}

static size_t *sorted_slices(const vb_report *r) {
  size_t n = r->keys.count;
  size_t *order = malloc((n ? n : 1) * sizeof *order);
  if (!order)
    return NULL;
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  sort_ctx = r; /* qsort has no context argument in C11 */
  qsort(order, n, sizeof *order, by_slice);
  sort_ctx = NULL;
  return order;
}

/* The slice before `s` in time with the same segment values, or NULL. */
static const slice *previous_slice(vb_report *r, const slice *s) {
  char prev[11];
  if (r->period == VB_PERIOD_NONE ||
      vb_period_previous(r->period, s->start, prev) != VB_OK)
    return NULL;
  size_t klen;
  if (make_key(r, (const char *const *)s->values, s->lens, prev, &klen))
    return NULL;
  uint32_t id = vb__strtab_find(&r->keys, r->key, klen);
  return id ? &r->slices[id - 1] : NULL;
}

/* ---- sections: the blocks a report writes, in order ------------------ */

/* What a section totals over (the `margin` column, docs/metrics.md). */
typedef vb__margin margin; /* internal.h */
#define MARGIN_OVERALL VB__MARGIN_OVERALL
#define MARGIN_SEGMENT VB__MARGIN_SEGMENT
#define MARGIN_PERIOD VB__MARGIN_PERIOD
#define MARGIN_NONE VB__MARGIN_NONE

static const char *const MARGIN_NAMES[] = {"overall", "segment", "period",
                                           "none"};

typedef vb__section section; /* internal.h */

static bool has_segment(margin m) {
  return m == MARGIN_SEGMENT || m == MARGIN_NONE;
}
static bool has_period(margin m) {
  return m == MARGIN_PERIOD || m == MARGIN_NONE;
}

/* With segments and periods: each segment's total over all periods and
 * each period's total over all segments, merged from the slices. */
static int build_margins(vb_report *r) {
  vb_report_free(r->segment_totals);
  vb_report_free(r->period_totals);
  r->segment_totals = r->period_totals = NULL;
  if (!r->by_count || r->period == VB_PERIOD_NONE)
    return VB_OK;
  int rc = vb_report_new(r->lex, (const char *const *)r->by, r->by_count,
                         VB_PERIOD_NONE, NULL, &r->segment_totals);
  if (!rc)
    rc = vb_report_new(r->lex, NULL, 0, r->period, NULL, &r->period_totals);
  for (size_t i = 0; i < r->keys.count && !rc; i++) {
    const slice *s = &r->slices[i];
    vb_tally *seg, *per;
    rc = vb_report_slice(r->segment_totals, (const char *const *)s->values,
                         s->lens, NULL, NULL, &seg);
    if (!rc)
      rc = vb_report_slice(r->period_totals, NULL, NULL, s->start, s->label,
                           &per);
    if (!rc)
      rc = vb_tally_merge(seg, s->tally);
    if (!rc)
      rc = vb_tally_merge(per, s->tally);
  }
  return rc;
}

/* The sections in output order: overall; the period totals by period;
 * then for each segment its total over all periods followed by its
 * periods.  The caller frees *out. */
static int list_sections(vb_report *r, section **out, size_t *count) {
  *out = NULL;
  int rc = build_margins(r);
  if (rc)
    return rc;
  vb_report *seg = r->segment_totals, *per = r->period_totals;
  size_t n_seg = seg ? seg->keys.count : 0, n_per = per ? per->keys.count : 0;
  size_t *order = sorted_slices(r);
  size_t *seg_order = seg ? sorted_slices(seg) : NULL;
  size_t *per_order = per ? sorted_slices(per) : NULL;
  section *list = malloc((1 + n_per + n_seg + r->keys.count) * sizeof *list);
  if (!list || !order || (seg && !seg_order) || (per && !per_order)) {
    rc = VB_ENOMEM;
    goto done;
  }
  margin cell = seg                           ? MARGIN_NONE
                : r->by_count                 ? MARGIN_SEGMENT
                : r->period != VB_PERIOD_NONE ? MARGIN_PERIOD
                                              : MARGIN_NONE;
  size_t n = 0, next_seg = 0;
  list[n++] = (section){r, NULL, r->overall, MARGIN_OVERALL};
  for (size_t i = 0; i < n_per; i++) {
    const slice *s = &per->slices[per_order[i]];
    list[n++] = (section){per, s, s->tally, MARGIN_PERIOD};
  }
  const slice *last = NULL;
  for (size_t i = 0; i < r->keys.count; i++) {
    const slice *s = &r->slices[order[i]];
    /* segment totals and slices are in the same value order */
    if (seg && (!last || compare_values(r->by_count, last, s))) {
      const slice *t = &seg->slices[seg_order[next_seg++]];
      list[n++] = (section){seg, t, t->tally, MARGIN_SEGMENT};
    }
    list[n++] = (section){r, s, s->tally, cell};
    last = s;
  }
  *out = list;
  *count = n;
  list = NULL;
done:
  free(list);
  free(order);
  free(seg_order);
  free(per_order);
  return rc;
}

/* A section's figures and those of its previous period, if any.  A slice
 * with too few responses has no figures, nor does a change against one. */
typedef vb__slice_view slice_view; /* internal.h */

static void view_slice(vb_report *r, const section *sec, slice_view *v) {
  v->tally = sec->tally;
  slice_figures(sec->tally, r->min_responses, &v->figs);
  v->prev = sec->s ? previous_slice(sec->owner, sec->s) : NULL;
  if (v->prev)
    slice_figures(v->prev->tally, r->min_responses, &v->prev_figs);
  if (v->prev && (v->figs.too_few || v->prev_figs.too_few))
    v->prev = NULL;
}

/* A theme's figures in the slice and (when there is one) the previous
 * period. */
static void view_theme(const slice_view *v, size_t theme, theme_figs *now,
                       theme_figs *before) {
  theme_figures(v->tally, &v->figs, theme, now);
  if (v->prev)
    theme_figures(v->prev->tally, &v->prev_figs, theme, before);
}

/* Whether a section shows example comments (the overall one and the
 * segments' totals: examples are never kept per period), and the
 * segment values to find them by (NULL: overall). */
static bool section_examples(const vb_report *r, const section *sec,
                             const char *const **values) {
  *values = NULL;
  if (!r->examples_kept)
    return false;
  if (sec->kind == MARGIN_SEGMENT)
    *values = (const char *const *)sec->s->values;
  return sec->kind == MARGIN_OVERALL || sec->kind == MARGIN_SEGMENT;
}

static size_t section_example_list(const vb_report *r, const section *sec,
                                   size_t theme, int g,
                                   const vb__report_example **out) {
  const char *const *values;
  *out = NULL;
  if (!section_examples(r, sec, &values))
    return 0;
  return vb__report_examples(r, values, values ? sec->s->lens : NULL, theme,
                             (int)GROUPS[g], out);
}

/* ---- the figures, for the writers outside this file (report_html.c) --- */

int vb__report_sections(vb_report *r, section **out, size_t *count) {
  return list_sections(r, out, count);
}

void vb__report_section_slice(const section *sec, const char *const **values,
                              const size_t **lens, const char **start,
                              const char **label) {
  const slice *s = sec->s;
  *values = s ? (const char *const *)s->values : NULL;
  *lens = s ? s->lens : NULL;
  *start = s ? s->start : "";
  *label = s ? s->label : "";
}

void vb__report_view_slice(vb_report *r, const section *sec, slice_view *v) {
  view_slice(r, sec, v);
}

void vb__report_view_theme(const slice_view *v, size_t theme, theme_figs *now,
                           theme_figs *before) {
  view_theme(v, theme, now, before);
}

double vb__report_change_p(const slice_view *v, const theme_figs *now,
                           const theme_figs *before, int g) {
  if (!v->prev)
    return NAN;
  return vb_two_proportion_p(now->mentions[g], v->figs.with_text[g],
                             before->mentions[g], v->prev_figs.with_text[g]);
}

double vb__report_untagged_share(const slice_figs *sf, int g, double *lo,
                                 double *hi) {
  return untagged_share(sf, g, lo, hi);
}

bool vb__report_shown(const vb_report *r, size_t theme) {
  return shown(r, theme);
}

uint64_t vb__report_min_responses(const vb_report *r) {
  return r->min_responses;
}

size_t vb__report_section_examples(const vb_report *r, const section *sec,
                                   size_t theme, int g,
                                   const vb__report_example **out) {
  return section_example_list(r, sec, theme, g, out);
}

/* ---- CSV -------------------------------------------------------------- */

static void csv_num(FILE *o, double v, int decimals) {
  if (isnan(v))
    fputc(',', o);
  else
    fprintf(o, ",%.*f", decimals, v);
}

static void csv_slice_prefix(FILE *o, const vb_report *r, const section *sec) {
  const slice *s = sec->s;
  for (size_t i = 0; i < r->by_count; i++) {
    if (has_segment(sec->kind))
      vb_csv_write_field(o, s->values[i], s->lens[i]);
    else
      fputs(ALL, o);
    fputc(',', o);
  }
  if (r->period != VB_PERIOD_NONE) {
    bool p = has_period(sec->kind);
    fprintf(o, "%s,%s,", p ? s->start : ALL, p ? s->label : ALL);
  }
}

/* The last two columns: which margin the row is, and whether the slice
 * has too few responses for figures. */
static void csv_row_end(FILE *o, const section *sec, const slice_figs *sf) {
  fprintf(o, ",%s,%d\n", MARGIN_NAMES[sec->kind], sf->too_few ? 1 : 0);
}

static const char *group_label(int g) {
  return g == NG ? ALL : vb_group_name(GROUPS[g]);
}

static void csv_slice(FILE *o, vb_report *r, const section *sec) {
  slice_view v;
  view_slice(r, sec, &v);
  const slice_figs sf = v.figs, pf = v.prev_figs;
  const slice *prev = v.prev;
  /* the (all) and (untagged) rows */
  for (int g = 0; g <= NG; g++) {
    csv_slice_prefix(o, r, sec);
    fprintf(o, "(all),All responses,,%s,%llu,%llu,,,,", group_label(g),
            (unsigned long long)sf.responses[g],
            (unsigned long long)sf.with_text[g]);
    csv_num(o, sf.nps, 4);
    csv_num(o, sf.margin, 4);
    fputs(",,,,,,", o);
    csv_row_end(o, sec, &sf);
  }
  for (int g = 0; g <= NG; g++) {
    double lo, hi, share = untagged_share(&sf, g, &lo, &hi);
    csv_slice_prefix(o, r, sec);
    fprintf(o, "(untagged),No theme,,%s,%llu,%llu,%llu", group_label(g),
            (unsigned long long)sf.responses[g],
            (unsigned long long)sf.with_text[g],
            (unsigned long long)sf.untagged[g]);
    csv_num(o, share, 6);
    csv_num(o, lo, 6);
    csv_num(o, hi, 6);
    csv_num(o, sf.nps, 4);
    csv_num(o, sf.margin, 4);
    fputs(",,,,,,", o);
    csv_row_end(o, sec, &sf);
  }
  const vb_lexicon *lex = r->lex;
  for (size_t th = 0; th < vb_lexicon_theme_count(lex); th++) {
    if (!shown(r, th))
      continue;
    theme_figs tf, pt;
    view_theme(&v, th, &tf, &pt);
    long parent = vb_lexicon_theme_parent(lex, th);
    const char *label = vb_report_theme_label(r, th);
    for (int g = 0; g <= NG; g++) {
      csv_slice_prefix(o, r, sec);
      fprintf(o, "%s,", vb_lexicon_theme_id(lex, th));
      vb_csv_write_field(o, label, strlen(label));
      fprintf(o, ",%s,%s,%llu,%llu,%llu",
              parent >= 0 ? vb_lexicon_theme_id(lex, (size_t)parent) : "",
              group_label(g), (unsigned long long)sf.responses[g],
              (unsigned long long)sf.with_text[g],
              (unsigned long long)tf.mentions[g]);
      csv_num(o, tf.share[g], 6);
      csv_num(o, tf.low[g], 6);
      csv_num(o, tf.high[g], 6);
      csv_num(o, sf.nps, 4);
      csv_num(o, sf.margin, 4);
      csv_num(o, tf.theme_nps, 4);
      csv_num(o, tf.impact, 4);
      csv_num(o, tf.dp_p, 6);
      fputs(isnan(tf.dp_p) ? "," : tf.dp_p < 0.05 ? ",1" : ",0", o);
      if (prev) {
        csv_num(o, pt.share[g], 6);
        csv_num(o,
                vb_two_proportion_p(tf.mentions[g], sf.with_text[g],
                                    pt.mentions[g], pf.with_text[g]),
                6);
      } else {
        fputs(",,", o);
      }
      csv_row_end(o, sec, &sf);
    }
  }
}

/* The CSV's own columns after the --by ones (the period pair only with a
 * period), comma-separated: one list for the header and the clash check. */
static const char CSV_PERIOD_COLUMNS[] = "period,period_label,";
static const char CSV_COLUMNS[] =
    "theme,theme_label,parent,group,responses,with_text,mentions,share,"
    "share_low,share_high,nps,nps_margin,theme_nps,impact,dp_p_value,"
    "dp_significant,prev_share,change_p_value,margin,below_min_responses";

static bool in_list(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    if (len == n && strncasecmp(p, name, n) == 0)
      return true;
    p += len + (p[len] == ',');
  }
  return false;
}

/* A --by column named like one of ours (`--by group`) is renamed. */
static bool report_name_taken(const void *ctx, const char *name, bool renamed) {
  const vb_report *r = ctx;
  if (in_list(CSV_COLUMNS, name) ||
      (r->period != VB_PERIOD_NONE && in_list(CSV_PERIOD_COLUMNS, name)))
    return true;
  for (size_t i = 0; renamed && i < r->by_count; i++)
    if (strcasecmp(name, r->by[i]) == 0)
      return true;
  return false;
}

static int write_csv(vb_report *r, FILE *o) {
  for (size_t i = 0; i < r->by_count; i++) {
    vb__write_input_name(o, r->by[i], report_name_taken, r);
    fputc(',', o);
  }
  if (r->period != VB_PERIOD_NONE)
    fputs(CSV_PERIOD_COLUMNS, o);
  fputs(CSV_COLUMNS, o);
  fputc('\n', o);
  section *list;
  size_t n;
  int rc = list_sections(r, &list, &n);
  for (size_t i = 0; !rc && i < n; i++)
    csv_slice(o, r, &list[i]);
  free(list);
  return rc;
}

/* The `max` most frequent pairs of shown themes, most frequent first. */
static size_t top_pairs(const vb_report *r, const vb_tally *t, size_t *a,
                        size_t *b, uint64_t *n, size_t max) {
  size_t count = 0, slot = 0, x, y;
  uint64_t c;
  while (vb__tally_pair_next(t, &slot, &x, &y, &c)) {
    if (!shown(r, x) || !shown(r, y))
      continue;
    size_t at = count < max ? count++ : max;
    /* ties: by theme order, so output does not depend on hash order */
    while (at > 0 && (n[at - 1] < c ||
                      (n[at - 1] == c &&
                       (a[at - 1] > x || (a[at - 1] == x && b[at - 1] > y))))) {
      if (at < max) {
        a[at] = a[at - 1];
        b[at] = b[at - 1];
        n[at] = n[at - 1];
      }
      at--;
    }
    if (at < max) {
      a[at] = x;
      b[at] = y;
      n[at] = c;
    }
  }
  return count;
}

/* ---- JSON ------------------------------------------------------------- */

static void json_num(FILE *o, double v, int decimals) {
  if (isnan(v))
    fputs("null", o);
  else
    fprintf(o, "%.*f", decimals, v);
}

static void json_counts(FILE *o, const char *name, const uint64_t *v) {
  fprintf(o, "\"%s\":{", name);
  for (int g = 0; g <= NG; g++)
    fprintf(o, "%s\"%s\":%llu", g ? "," : "", g == NG ? "all" : group_label(g),
            (unsigned long long)v[g]);
  fputc('}', o);
}

/* Indices of the terms of `theme` with hits, most frequent first (the
 * lower index first among equals), at most max (<= 64) of them. */
static size_t theme_terms(const vb_report *r, const vb_tally *t, size_t theme,
                          size_t *out, size_t max) {
  size_t n = 0, slot = 0, term;
  uint64_t h, hits[64];
  if (max > sizeof hits / sizeof *hits)
    max = sizeof hits / sizeof *hits;
  while (vb__tally_term_next(t, &slot, &term, &h)) {
    if (vb_lexicon_term_theme(r->lex, term) != theme ||
        vb_lexicon_term_is_exclude(r->lex, term))
      continue;
    /* insertion into the top `max` */
    size_t at = n < max ? n++ : max;
    while (at > 0 &&
           (hits[at - 1] < h || (hits[at - 1] == h && out[at - 1] > term))) {
      if (at < max) {
        out[at] = out[at - 1];
        hits[at] = hits[at - 1];
      }
      at--;
    }
    if (at < max) {
      out[at] = term;
      hits[at] = h;
    }
  }
  return n;
}

/* "examples":{"detractor":[...],...}: each with its id, score, text, the
 * match's span in the text and its term, and where the text sits in the
 * comment (offset, comment_bytes: a long comment is kept as a window). */
static void json_examples(FILE *o, const vb_report *r, const section *sec,
                          size_t theme) {
  fputs(",\"examples\":{", o);
  for (int g = 0; g < NG; g++) {
    const vb__report_example *x;
    size_t n = section_example_list(r, sec, theme, g, &x);
    fprintf(o, "%s\"%s\":[", g ? "," : "", group_label(g));
    for (size_t i = 0; i < n; i++, x++) {
      fputs(i ? ",{\"id\":" : "{\"id\":", o);
      vb_json_write_string(o, x->id, x->id_len);
      if (x->score >= 0)
        fprintf(o, ",\"score\":%d,\"text\":", x->score);
      else
        fputs(",\"score\":null,\"text\":", o);
      vb_json_write_string(o, x->text, x->text_len);
      fprintf(o, ",\"start\":%zu,\"end\":%zu,\"term\":", x->span_start,
              x->span_end);
      vb_json_write_string(o, x->term_text, strlen(x->term_text));
      fprintf(o, ",\"offset\":%zu,\"comment_bytes\":%zu}", x->offset,
              x->comment_len);
    }
    fputc(']', o);
  }
  fputc('}', o);
}

static void json_slice(FILE *o, vb_report *r, const section *sec) {
  slice_view v;
  view_slice(r, sec, &v);
  const slice_figs sf = v.figs, pf = v.prev_figs;
  const slice *prev = v.prev, *s = sec->s;
  const vb_tally *t = sec->tally;
  fprintf(o, "{\"margin\":\"%s\",\"below_min_responses\":%s,",
          MARGIN_NAMES[sec->kind], sf.too_few ? "true" : "false");
  if (has_segment(sec->kind) && r->by_count) {
    fputs("\"segment\":{", o);
    for (size_t i = 0; i < r->by_count; i++) {
      fputs(i ? "," : "", o);
      vb_json_write_string(o, r->by[i], strlen(r->by[i]));
      fputc(':', o);
      vb_json_write_string(o, s->values[i], s->lens[i]);
    }
    fputs("},", o);
  }
  if (has_period(sec->kind) && r->period != VB_PERIOD_NONE)
    fprintf(o, "\"period\":\"%s\",\"period_label\":\"%s\",", s->start,
            s->label);
  json_counts(o, "responses", sf.responses);
  fputc(',', o);
  json_counts(o, "with_text", sf.with_text);
  fputc(',', o);
  json_counts(o, "untagged", sf.untagged);
  fputs(",\"nps\":", o);
  json_num(o, sf.nps, 4);
  fputs(",\"nps_margin\":", o);
  json_num(o, sf.margin, 4);
  fputs(",\"themes\":[", o);
  bool first = true;
  const vb_lexicon *lex = r->lex;
  for (size_t th = 0; th < vb_lexicon_theme_count(lex); th++) {
    if (!shown(r, th))
      continue;
    theme_figs tf, pt;
    view_theme(&v, th, &tf, &pt);
    long parent = vb_lexicon_theme_parent(lex, th);
    const char *label = vb_report_theme_label(r, th);
    fprintf(o, "%s{\"id\":\"%s\",\"label\":", first ? "" : ",",
            vb_lexicon_theme_id(lex, th));
    vb_json_write_string(o, label, strlen(label));
    if (parent >= 0)
      fprintf(o, ",\"parent\":\"%s\"",
              vb_lexicon_theme_id(lex, (size_t)parent));
    else
      fputs(",\"parent\":null", o);
    fputc(',', o);
    json_counts(o, "mentions", tf.mentions);
    fputs(",\"share\":{", o);
    for (int g = 0; g <= NG; g++) {
      fprintf(o, "%s\"%s\":{\"value\":", g ? "," : "",
              g == NG ? "all" : group_label(g));
      json_num(o, tf.share[g], 6);
      fputs(",\"low\":", o);
      json_num(o, tf.low[g], 6);
      fputs(",\"high\":", o);
      json_num(o, tf.high[g], 6);
      if (prev) {
        fputs(",\"prev\":", o);
        json_num(o, pt.share[g], 6);
        fputs(",\"change_p_value\":", o);
        json_num(o,
                 vb_two_proportion_p(tf.mentions[g], sf.with_text[g],
                                     pt.mentions[g], pf.with_text[g]),
                 6);
      }
      fputc('}', o);
    }
    fputs("},\"theme_nps\":", o);
    json_num(o, tf.theme_nps, 4);
    fputs(",\"impact\":", o);
    json_num(o, tf.impact, 4);
    fputs(",\"dp_p_value\":", o);
    json_num(o, tf.dp_p, 6);
    fprintf(o, ",\"dp_significant\":%s,\"terms\":[",
            isnan(tf.dp_p)   ? "null"
            : tf.dp_p < 0.05 ? "true"
                             : "false");
    size_t terms[10];
    size_t nt = theme_terms(r, t, th, terms, 10);
    for (size_t k = 0; k < nt; k++) {
      const char *text = vb_lexicon_term_text(lex, terms[k]);
      fputs(k ? ",{\"term\":" : "{\"term\":", o);
      vb_json_write_string(o, text, strlen(text));
      fprintf(o, ",\"comments\":%llu}",
              (unsigned long long)vb_tally_term_hits(t, terms[k]));
    }
    fputc(']', o);
    const char *const *values;
    if (section_examples(r, sec, &values))
      json_examples(o, r, sec, th);
    fputc('}', o);
    first = false;
  }
  fputs("],\"pairs\":[", o);
  size_t pa[10], pb[10];
  uint64_t pn[10];
  size_t np = top_pairs(r, t, pa, pb, pn, 10);
  for (size_t k = 0; k < np; k++)
    fprintf(o, "%s{\"a\":\"%s\",\"b\":\"%s\",\"comments\":%llu}", k ? "," : "",
            vb_lexicon_theme_id(lex, pa[k]), vb_lexicon_theme_id(lex, pb[k]),
            (unsigned long long)pn[k]);
  fputs("]}", o);
}

static int write_json(vb_report *r, FILE *o) {
  fputs("{\"scale\":", o);
  vb_json_write_string(o, r->scale_text, strlen(r->scale_text));
  fputs(",\"by\":[", o);
  for (size_t i = 0; i < r->by_count; i++) {
    fputs(i ? "," : "", o);
    vb_json_write_string(o, r->by[i], strlen(r->by[i]));
  }
  fprintf(o, "],\"period\":\"%s\",", vb_period_name(r->period));
  if (r->min_responses)
    fprintf(o, "\"min_responses\":%llu,", (unsigned long long)r->min_responses);
  section *list;
  size_t n;
  int rc = list_sections(r, &list, &n);
  if (rc)
    return rc;
  fputs("\"overall\":", o);
  json_slice(o, r, &list[0]); /* the overall section comes first */
  fputs(",\"slices\":[", o);
  for (size_t i = 1; i < n; i++) {
    fputs(i > 1 ? ",\n" : "\n", o);
    json_slice(o, r, &list[i]);
  }
  free(list);
  fputs("]}\n", o);
  return VB_OK;
}

/* ---- table ------------------------------------------------------------ */

static void pct(char *buf, size_t size, double v) {
  if (isnan(v))
    snprintf(buf, size, "-");
  else
    snprintf(buf, size, "%.1f%%", 100.0 * v);
}

static void pts(char *buf, size_t size, double v) {
  if (isnan(v))
    snprintf(buf, size, "-");
  else
    snprintf(buf, size, "%+.1f", v);
}

typedef struct table_row {
  size_t theme;
  theme_figs f;
} table_row;

int vb__report_impact_order(size_t ta, double ia, size_t tb, double ib) {
  double u = isnan(ia) ? 0 : ia, v = isnan(ib) ? 0 : ib;
  if (u != v)
    return u < v ? -1 : 1; /* most costly first */
  return ta < tb ? -1 : ta > tb;
}

static int by_impact(const void *a, const void *b) {
  const table_row *x = a, *y = b;
  return vb__report_impact_order(x->theme, x->f.impact, y->theme, y->f.impact);
}

/* "== region=EU, 2025-01"; margins say "all periods" / "all segments". */
static void table_heading(FILE *o, const vb_report *r, const section *sec) {
  const slice *s = sec->s;
  if (sec->kind == MARGIN_OVERALL) {
    fputs("== all responses\n", o);
    return;
  }
  fputs("\n== ", o);
  if (has_segment(sec->kind))
    for (size_t i = 0; i < r->by_count; i++)
      fprintf(o, "%s%s=%.*s", i ? ", " : "", r->by[i], (int)s->lens[i],
              s->values[i]);
  else if (r->by_count)
    fputs("all segments", o);
  if (has_period(sec->kind))
    fprintf(o, "%s%s", r->by_count ? ", " : "", s->label);
  else if (r->period != VB_PERIOD_NONE)
    fputs(", all periods", o);
  fputc('\n', o);
}

/* ---- example lines of the table ---------------------------------------- */

static bool is_lead(char c) { return ((unsigned char)c & 0xc0) != 0x80; }

/* Characters (code points) in s[from, to). */
static size_t chars(const char *s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to; i++)
    n += is_lead(s[i]);
  return n;
}

/* The byte n characters after `at` (at most `end`), and before it. */
static size_t chars_after(const char *s, size_t at, size_t end, size_t n) {
  while (at < end && n) {
    at++;
    while (at < end && !is_lead(s[at]))
      at++;
    n--;
  }
  return at;
}

static size_t chars_before(const char *s, size_t at, size_t start, size_t n) {
  while (at > start && n) {
    at--;
    while (at > start && !is_lead(s[at]))
      at--;
    n--;
  }
  return at;
}

/* A comment's bytes on one line: control characters (C0, DEL, C1: line
 * breaks, tabs, terminal escapes) become spaces. */
static void put_line_text(FILE *o, const char *s, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
        (unsigned char)s[i + 1] < 0xa0) {
      fputc(' ', o);
      i++;
    } else {
      fputc(c < 0x20 || c == 0x7f ? ' ' : c, o);
    }
  }
}

/* One example: "  detractor  3  [id] text with «match» marked", cut to
 * the width (in characters) around the match, "…" where it is cut. */
static void table_example(FILE *o, const vb_report *r, int g,
                          const vb__report_example *x) {
  char score[16] = "-";
  if (x->score >= 0)
    snprintf(score, sizeof score, "%d", x->score);
  size_t id_len = chars_after(x->id, 0, x->id_len, 24); /* ids are input */
  int prefix = fprintf(o, "  %-9s %3s  [", group_label(g), score);
  put_line_text(o, x->id, id_len);
  fputs("] ", o);
  prefix += (int)chars(x->id, 0, id_len) + 2;
  const char *t = x->text;
  size_t ss = x->span_start, se = x->span_end, len = x->text_len;
  size_t from = 0, to = len;
  if (r->width) {
    size_t room =
        r->width > (size_t)prefix + 24 ? r->width - (size_t)prefix : 24;
    room -= 4; /* the marks and two "…" */
    size_t mid = chars(t, ss, se), before = chars(t, 0, ss);
    size_t after = chars(t, se, len);
    if (mid > room) { /* the match alone is too long: its start */
      se = chars_after(t, ss, se, room);
      mid = room;
    }
    size_t left = room - mid;
    size_t b = before < left / 3 ? before : left / 3; /* context before */
    size_t a = after < left - b ? after : left - b;
    b = before < left - a ? before : left - a; /* room after left over */
    from = chars_before(t, ss, 0, b);
    to = chars_after(t, se, len, a);
    if (se < x->span_end)
      to = se;
  }
  if (from > 0 || x->offset > 0)
    fputs("…", o);
  put_line_text(o, t + from, ss - from);
  fputs("«", o);
  put_line_text(o, t + ss, se - ss);
  fputs("»", o);
  put_line_text(o, t + se, to - se);
  if (to < len || x->offset + len < x->comment_len || se < x->span_end)
    fputs("…", o);
  fputc('\n', o);
}

/* Each shown theme's examples, in the table's order. */
static void table_examples(FILE *o, const vb_report *r, const section *sec,
                           const table_row *rows, size_t count) {
  const char *const *values;
  if (!section_examples(r, sec, &values))
    return;
  fputs("\nexamples (the matched words in «»):\n", o);
  for (size_t i = 0; i < count; i++) {
    bool named = false;
    for (int g = 0; g < NG; g++) {
      const vb__report_example *x;
      size_t n = section_example_list(r, sec, rows[i].theme, g, &x);
      if (n && !named)
        fprintf(o, "%s\n", vb_lexicon_theme_id(r->lex, rows[i].theme));
      named = named || n;
      for (size_t k = 0; k < n; k++)
        table_example(o, r, g, &x[k]);
    }
  }
}

static int table_slice(FILE *o, vb_report *r, const section *sec) {
  const vb_lexicon *lex = r->lex;
  const vb_tally *t = sec->tally;
  slice_figs sf;
  slice_figures(t, r->min_responses, &sf);
  table_heading(o, r, sec);
  char a[32], b[32], c[32];
  pts(a, sizeof a, sf.nps);
  fprintf(
      o,
      "responses %llu (scored %llu: %llu detractors, %llu passives, %llu "
      "promoters; %llu unscored)\n",
      (unsigned long long)sf.responses[NG], (unsigned long long)sf.scored,
      (unsigned long long)sf.responses[0], (unsigned long long)sf.responses[1],
      (unsigned long long)sf.responses[2], (unsigned long long)sf.responses[3]);
  if (sf.too_few) {
    fprintf(o, "no figures: fewer than %llu responses\n",
            (unsigned long long)r->min_responses);
    return VB_OK;
  }
  if (!isnan(sf.nps))
    fprintf(o, "NPS %s ± %.1f\n", a, sf.margin);
  double lo, hi;
  pct(a, sizeof a, untagged_share(&sf, 0, &lo, &hi));
  pct(b, sizeof b, untagged_share(&sf, 2, &lo, &hi));
  pct(c, sizeof c, untagged_share(&sf, NG, &lo, &hi));
  fprintf(o,
          "comments with text %llu; no theme: %s of detractors', %s of "
          "promoters', %s overall\n\n",
          (unsigned long long)sf.with_text[NG], a, b, c);

  size_t n = vb_lexicon_theme_count(lex), count = 0;
  table_row *rows = malloc((n ? n : 1) * sizeof *rows);
  if (!rows)
    return VB_ENOMEM;
  for (size_t th = 0; th < n; th++)
    if (shown(r, th)) {
      rows[count].theme = th;
      theme_figures(t, &sf, th, &rows[count].f);
      count++;
    }
  qsort(rows, count, sizeof *rows, by_impact);
  if (r->top && count > r->top)
    count = r->top;
  fprintf(o, "%-26s %8s %11s %11s %9s %9s %8s  %s\n", "theme", "mentions",
          "detractors", "promoters", "D vs P p", "theme NPS", "impact",
          "top terms");
  for (size_t i = 0; i < count; i++) {
    const theme_figs *f = &rows[i].f;
    size_t th = rows[i].theme;
    char d[32], p[32], tn[32], im[32], pv[32];
    pct(d, sizeof d, f->share[0]);
    pct(p, sizeof p, f->share[2]);
    pts(tn, sizeof tn, f->theme_nps);
    pts(im, sizeof im, f->impact);
    if (isnan(f->dp_p))
      snprintf(pv, sizeof pv, "-");
    else if (f->dp_p < 0.001)
      snprintf(pv, sizeof pv, "<.001 *");
    else
      snprintf(pv, sizeof pv, "%.3f%s", f->dp_p, f->dp_p < 0.05 ? " *" : "  ");
    char name[64];
    long parent = vb_lexicon_theme_parent(lex, th);
    snprintf(name, sizeof name, "%s%s", parent >= 0 ? "  " : "",
             vb_lexicon_theme_id(lex, th));
    fprintf(o, "%-26s %8llu %11s %11s %9s %9s %8s  ", name,
            (unsigned long long)f->mentions[NG], d, p, pv, tn, im);
    size_t terms[3];
    size_t nt = theme_terms(r, t, th, terms, 3);
    for (size_t k = 0; k < nt; k++) {
      /* long patterns would swamp the table: show their start */
      const char *term = vb_lexicon_term_text(lex, terms[k]);
      int len = (int)strlen(term);
      fprintf(o, "%s%.*s%s (%llu)", k ? ", " : "", len > 28 ? 25 : len, term,
              len > 28 ? "..." : "",
              (unsigned long long)vb_tally_term_hits(t, terms[k]));
    }
    fputc('\n', o);
  }
  size_t pa[5], pb[5];
  uint64_t pn[5];
  size_t np = top_pairs(r, t, pa, pb, pn, 5);
  if (np) {
    fputs("\nthemes mentioned together: ", o);
    for (size_t k = 0; k < np; k++)
      fprintf(o, "%s%s + %s (%llu)", k ? ", " : "",
              vb_lexicon_theme_id(lex, pa[k]), vb_lexicon_theme_id(lex, pb[k]),
              (unsigned long long)pn[k]);
    fputc('\n', o);
  }
  table_examples(o, r, sec, rows, count);
  free(rows);
  return VB_OK;
}

static int write_table(vb_report *r, FILE *o) {
  section *list;
  size_t n;
  int rc = list_sections(r, &list, &n);
  for (size_t i = 0; !rc && i < n; i++)
    rc = table_slice(o, r, &list[i]);
  free(list);
  if (!rc)
    fputs("\nshare = comments in the group mentioning the theme / comments in "
          "the group with text;\nimpact = NPS points the theme adds (+) or "
          "costs (-); * = detractor and promoter shares\ndiffer at 5%; "
          "definitions: docs/metrics.md\n",
          o);
  return rc;
}

size_t vb__report_theme_terms(const vb_report *r, const vb_tally *t,
                              size_t theme, size_t *out, size_t max) {
  return theme_terms(r, t, theme, out, max);
}

int vb_report_write(vb_report *r, FILE *out, vb_report_format format) {
  int rc = format == VB_REPORT_CSV    ? write_csv(r, out)
           : format == VB_REPORT_JSON ? write_json(r, out)
           : format == VB_REPORT_HTML ? vb__report_write_html(r, out)
                                      : write_table(r, out);
  if (!rc && ferror(out))
    rc = VB_EWRITE;
  return rc;
}

/* For the job: the report's dimensions. */
size_t vb__report_by(const vb_report *r, const char *const **names) {
  *names = (const char *const *)r->by;
  return r->by_count;
}

vb_period vb__report_period(const vb_report *r) { return r->period; }

const char *vb__report_scale_text(const vb_report *r) { return r->scale_text; }

vb__reasons *vb__report_reasons(vb_report *r) { return &r->reasons; }

size_t vb_report_reject_reasons(vb_report *r, size_t max, const char **reasons,
                                uint64_t *counts) {
  return vb__reasons_list(&r->reasons, max, reasons, counts);
}

const vb_lexicon *vb_report_lexicon(const vb_report *r) { return r->lex; }

size_t *vb__report_slice_order(const vb_report *r, size_t *count) {
  *count = r->keys.count;
  return sorted_slices(r);
}

void vb__report_slice_at(const vb_report *r, size_t i,
                         const char *const **values, const size_t **lens,
                         const char **start, const char **label,
                         vb_tally **tally) {
  const slice *s = &r->slices[i];
  *values = (const char *const *)s->values;
  *lens = s->lens;
  *start = s->start;
  *label = s->label;
  *tally = s->tally;
}

void vb__report_own_lexicon(vb_report *r, vb_lexicon *lex) {
  r->owned_lex = lex;
}

/* *dst becomes a copy of src (unchanged when out of memory). */
static int replace_string(char **dst, const char *src) {
  char *copy = strdup(src);
  if (!copy)
    return VB_ENOMEM;
  free(*dst);
  *dst = copy;
  return VB_OK;
}

int vb__report_set_name(vb_report *r, const char *name) {
  return replace_string(&r->name, name);
}

const char *vb__report_name(const vb_report *r) {
  return r->name ? r->name : "(this report)";
}

int vb_report_set_setting(vb_report *r, const char *name, const char *value) {
  if (!r || !name || !value)
    return VB_EINVAL;
  for (size_t i = 0; i < r->setting_count; i++)
    if (strcmp(r->setting_names[i], name) == 0)
      return replace_string(&r->setting_values[i], value);
  size_t n = r->setting_count + 1;
  char **names = realloc(r->setting_names, n * sizeof *names);
  if (names)
    r->setting_names = names;
  char **values = names ? realloc(r->setting_values, n * sizeof *values) : NULL;
  if (values)
    r->setting_values = values;
  char *nc = values ? strdup(name) : NULL, *vc = nc ? strdup(value) : NULL;
  if (!vc) {
    free(nc);
    return VB_ENOMEM;
  }
  r->setting_names[r->setting_count] = nc;
  r->setting_values[r->setting_count++] = vc;
  return VB_OK;
}

size_t vb__report_setting_count(const vb_report *r) { return r->setting_count; }

void vb__report_setting(const vb_report *r, size_t i, const char **name,
                        const char **value) {
  *name = r->setting_names[i];
  *value = r->setting_values[i];
}

int vb__report_set_scale_text(vb_report *r, const char *text) {
  return replace_string(&r->scale_text, text);
}

size_t vb__report_slice_count(const vb_report *r) { return r->keys.count; }

int vb_report_add_result(vb_report *r, const char *const values[],
                         const size_t lens[], const char *date, size_t len,
                         const vb_result *res, vb_error *err) {
  vb__error_clear(err);
  if (!r || !res || (r->by_count && (!values || !lens)))
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "report or result NULL");
  char start[11] = "", label[16] = "";
  if (r->period != VB_PERIOD_NONE &&
      vb_period_bucket(r->period, date ? date : "", date ? len : 0, start,
                       label) != VB_OK)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0,
                    "date \"%.*s\" is not an ISO-8601 date",
                    (int)(len > 40 ? 40 : len), date ? date : "");
  vb_tally *tally = NULL;
  bool sliced = r->by_count || r->period != VB_PERIOD_NONE;
  int rc = sliced ? vb_report_slice(r, values, lens, r->period ? start : NULL,
                                    r->period ? label : NULL, &tally)
                  : VB_OK;
  if (!rc)
    rc = vb_tally_add_result(r->overall, res);
  if (!rc && tally)
    rc = vb_tally_add_result(tally, res);
  if (rc)
    return vb__fail(err, rc, NULL, 0, 0, "%s", vb_strerror(rc));
  vb_tally_count_add(r->overall, VB_COUNT_READ, 1); /* as a job counts */
  return VB_OK;
}

/* ---- the report's slices as a sink of a job ---------------------------- */

static int slices_open(void *ctx, void **state) {
  const vb_report *r = ctx;
  int rc = vb_report_new(r->lex, (const char *const *)r->by, r->by_count,
                         r->period, NULL, (vb_report **)state);
  if (!rc)
    rc = vb_report_set_stopwords(*state, r->stopwords, r->stopwords_len);
  if (!rc)
    rc = vb_report_set_examples(*state, r->examples_kept);
  return rc;
}

/* The row's example comments: overall and in its segment. */
static int examples_row(vb_report *r, const vb_row *row) {
  vb__examples *sets[2] = {&r->examples, NULL};
  if (r->by_count && !(sets[1] = segment_examples(r, row->values, row->lens)))
    return VB_ENOMEM;
  return vb__examples_add_row(sets, r->by_count ? 2 : 1, r->lex, row);
}

/* A detractor comment with words into suggest's counts, in set 0 when no
 * theme matched it.  Its position is the hash of its text (examples.c),
 * not vb_row_index: positions restart in every shard, and a partial
 * report's candidates must merge into those of one run. */
static int suggest_row(vb_report *r, const vb_row *row) {
  if (row->group != VB_GROUP_DETRACTOR || !row->has_text || !row->m ||
      !vb_matcher_token_count(row->m))
    return VB_OK;
  long untagged = 0;
  size_t nsets = vb_matcher_themes(row->m, NULL) == 0;
  uint64_t key = vb__example_hash(row->text, row->text_len, -1);
  return vb_suggest_add_text_at(r->suggest, key, row->m, row->text,
                                row->text_len, &untagged, nsets);
}

/* The row's slice (its segment values and period bucket) counts it, and
 * the examples and candidate terms take their pick. */
static int slices_row(void *state, const vb_row *row, FILE *out,
                      vb_error *err) {
  (void)out;
  vb_report *r = state;
  if (row->rejected)
    return VB_OK;
  vb_tally *tally;
  if (vb__report_sliced(r) &&
      (vb_report_slice(r, row->values, row->lens, row->period_start,
                       row->period_label, &tally) ||
       vb_tally_add(tally, row->group, row->has_text, row->m)))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (r->examples_kept && (examples_row(r, row) || suggest_row(r, row)))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

bool vb__report_sliced(const vb_report *r) {
  return r->by_count || r->period != VB_PERIOD_NONE;
}

static int slices_merge(void *ctx, void *state, vb_error *err) {
  if (vb_report_merge(ctx, state))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

static void slices_close(void *ctx, void *state) {
  (void)ctx;
  vb_report_free(state);
}

vb_sink vb__report_sink(vb_report *r) {
  return (vb_sink){.ctx = r,
                   .open = slices_open,
                   .row = slices_row,
                   .merge = slices_merge,
                   .close = slices_close};
}
