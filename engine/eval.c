/*
 * eval.c - measuring a lexicon against labeled comments: per theme true
 * and false positives and negatives, per term the true and false positives
 * it produced, and examples of each error, written as a table, tidy CSV or
 * JSON.
 *
 * Counting (docs/labeling.md): a comment's predicted themes are the
 * matcher's themes, rolled up to their parents; its gold themes are its
 * labels plus their ancestors.  Per theme, TP = in both, FP = predicted
 * only, FN = gold only.  A term that matched (and was not excluded)
 * counts once per comment: a TP when its theme is gold, else an FP.
 * Every count is an integer, so evaluations merge exactly.
 *
 * Scored themes: by default every theme is scored.  A corpus labeled for
 * a few themes only (vb_eval_set_themes) is scored on exactly those: the
 * others get no counts and are not written, while their labels still
 * imply their ancestors and their matches still roll up.  A term is judged
 * on the nearest scored theme at or above its own (judge[]), and is
 * listed under that theme; with every theme scored that is its own theme.
 *
 * Pooling (vb_eval_pool) sums the counts of evaluations that each scored
 * their own themes: a theme of the pool is scored when any of them scored
 * it, and a figure of the pool is computed from the summed counts.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct example {
  char *text;        /* the comment */
  size_t start, end; /* span of the term that fired (FP), else 0, 0 */
  size_t term;       /* the term (FP) */
  char *id;
  uint64_t index; /* the comment's position: examples are the first ones */
} example;

typedef struct theme_counts {
  uint64_t tp, fp, fn;
  example *fps, *fns;
  size_t fp_count, fn_count;
} theme_counts;

#define NO_THEME SIZE_MAX

struct vb_eval {
  const vb_lexicon *lex;
  theme_counts *themes;
  uint8_t *scored; /* per theme: counted and written */
  size_t *judge;   /* per term: the scored theme it counts for, or NO_THEME */
  uint64_t *term_tp, *term_fp;
  uint64_t comments;
  size_t max_examples;
  uint64_t index;                               /* of the comment being added */
  uint8_t *gold, *pred, *fp_listed, *term_seen; /* scratch per comment */
};

/* Each term counts for the nearest scored theme at or above its own. */
static void set_judges(vb_eval *e) {
  for (size_t k = 0; k < vb_lexicon_term_count(e->lex); k++) {
    long t = (long)vb_lexicon_term_theme(e->lex, k);
    while (t >= 0 && !e->scored[t])
      t = vb_lexicon_theme_parent(e->lex, (size_t)t);
    e->judge[k] = t < 0 ? NO_THEME : (size_t)t;
  }
}

int vb_eval_new(const vb_lexicon *lex, size_t max_examples, vb_eval **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  if (!lex)
    return VB_EINVAL;
  vb_eval *e = calloc(1, sizeof *e);
  if (!e)
    return VB_ENOMEM;
  size_t nt = vb_lexicon_theme_count(lex), nterms = vb_lexicon_term_count(lex);
  e->lex = lex;
  e->max_examples = max_examples;
  e->themes = calloc(nt ? nt : 1, sizeof *e->themes);
  e->term_tp = calloc(nterms ? nterms : 1, sizeof *e->term_tp);
  e->term_fp = calloc(nterms ? nterms : 1, sizeof *e->term_fp);
  e->gold = calloc(nt ? nt : 1, 1);
  e->pred = calloc(nt ? nt : 1, 1);
  e->fp_listed = calloc(nt ? nt : 1, 1);
  e->term_seen = calloc(nterms ? nterms : 1, 1);
  e->scored = malloc(nt ? nt : 1);
  e->judge = malloc((nterms ? nterms : 1) * sizeof *e->judge);
  if (!e->themes || !e->term_tp || !e->term_fp || !e->gold || !e->pred ||
      !e->fp_listed || !e->term_seen || !e->scored || !e->judge) {
    vb_eval_free(e);
    return VB_ENOMEM;
  }
  memset(e->scored, 1, nt);
  set_judges(e);
  *out = e;
  return VB_OK;
}

int vb_eval_set_themes(vb_eval *e, const size_t *themes, size_t count) {
  size_t nt = vb_lexicon_theme_count(e->lex);
  if (e->comments || (count && !themes))
    return VB_EINVAL;
  for (size_t i = 0; i < count; i++)
    if (themes[i] >= nt)
      return VB_EINVAL;
  memset(e->scored, 0, nt);
  for (size_t i = 0; i < count; i++)
    e->scored[themes[i]] = 1;
  set_judges(e);
  return VB_OK;
}

static void free_examples(example *x, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(x[i].text);
    free(x[i].id);
  }
  free(x);
}

void vb_eval_free(vb_eval *e) {
  if (!e)
    return;
  for (size_t t = 0; e->themes && t < vb_lexicon_theme_count(e->lex); t++) {
    free_examples(e->themes[t].fps, e->themes[t].fp_count);
    free_examples(e->themes[t].fns, e->themes[t].fn_count);
  }
  free(e->themes);
  free(e->term_tp);
  free(e->term_fp);
  free(e->gold);
  free(e->pred);
  free(e->fp_listed);
  free(e->term_seen);
  free(e->scored);
  free(e->judge);
  free(e);
}

static int keep_example(vb_eval *e, example **list, size_t *count,
                        const char *id, const char *text, size_t len,
                        size_t term, size_t start, size_t end) {
  if (*count >= e->max_examples)
    return VB_OK;
  example *grown = realloc(*list, (*count + 1) * sizeof **list);
  if (!grown)
    return VB_ENOMEM;
  *list = grown;
  example *x = &grown[*count];
  x->text = vb__memdup(text, len);
  x->id = vb__memdup(id ? id : "", id ? strlen(id) : 0);
  x->term = term;
  x->start = start;
  x->end = end;
  x->index = e->index;
  if (!x->text || !x->id) {
    free(x->text);
    free(x->id);
    return VB_ENOMEM;
  }
  (*count)++;
  return VB_OK;
}

/* The comment's gold themes (labels and their ancestors) and predicted
 * themes (the matcher's, already rolled up) into e->gold and e->pred. */
static int mark_themes(vb_eval *e, const vb_matcher *m, const size_t *gold,
                       size_t gold_count) {
  const vb_lexicon *lex = e->lex;
  size_t nt = vb_lexicon_theme_count(lex);
  memset(e->gold, 0, nt);
  memset(e->pred, 0, nt);
  memset(e->fp_listed, 0, nt);
  for (size_t i = 0; i < gold_count; i++) {
    if (gold[i] >= nt)
      return VB_EINVAL;
    for (long t = (long)gold[i]; t >= 0;
         t = vb_lexicon_theme_parent(lex, (size_t)t))
      e->gold[t] = 1;
  }
  const size_t *themes;
  size_t n = vb_matcher_themes(m, &themes);
  for (size_t i = 0; i < n; i++)
    e->pred[themes[i]] = 1;
  return VB_OK;
}

/* A false positive of match x: an example for each scored theme it wrongly
 * predicts (its own and its ancestors up to the first gold one), one per
 * comment and theme. */
static int keep_fp_examples(vb_eval *e, const vb_match *x, const char *id,
                            const char *text, size_t len) {
  int rc = VB_OK;
  for (long t = (long)x->theme; t >= 0 && !rc;
       t = vb_lexicon_theme_parent(e->lex, (size_t)t)) {
    if (e->gold[t])
      break;
    theme_counts *c = &e->themes[t];
    if (e->scored[t] && !e->fp_listed[t])
      rc = keep_example(e, &c->fps, &c->fp_count, id, text, len, x->term,
                        x->start, x->end);
    e->fp_listed[t] = 1;
  }
  return rc;
}

/* Terms: once per comment, judged on the scored theme each counts for;
 * the first match of each term gives the span. */
static int count_terms(vb_eval *e, const vb_matcher *m, const char *id,
                       const char *text, size_t len) {
  int rc = VB_OK;
  size_t matches = vb_matcher_match_count(m);
  for (size_t i = 0; i < matches && !rc; i++) {
    const vb_match *x = vb_matcher_match(m, i);
    size_t judge = e->judge[x->term];
    if (x->excluded || x->dropped || judge == NO_THEME || e->term_seen[x->term])
      continue;
    e->term_seen[x->term] = 1;
    if (e->gold[judge]) {
      e->term_tp[x->term]++;
    } else {
      e->term_fp[x->term]++;
      rc = keep_fp_examples(e, x, id, text, len);
    }
  }
  for (size_t i = 0; i < matches; i++)
    e->term_seen[vb_matcher_match(m, i)->term] = 0;
  return rc;
}

static int count_themes(vb_eval *e, const char *id, const char *text,
                        size_t len) {
  int rc = VB_OK;
  for (size_t t = 0; t < vb_lexicon_theme_count(e->lex) && !rc; t++) {
    theme_counts *c = &e->themes[t];
    if (!e->scored[t])
      continue;
    if (e->gold[t] && e->pred[t]) {
      c->tp++;
    } else if (e->pred[t]) {
      c->fp++;
    } else if (e->gold[t]) {
      c->fn++;
      rc = keep_example(e, &c->fns, &c->fn_count, id, text, len, 0, 0, 0);
    }
  }
  return rc;
}

int vb_eval_add(vb_eval *e, const vb_matcher *m, const char *id,
                const char *text, size_t len, const size_t *gold,
                size_t gold_count) {
  return vb_eval_add_at(e, e->comments, m, id, text, len, gold, gold_count);
}

int vb_eval_add_at(vb_eval *e, uint64_t index, const vb_matcher *m,
                   const char *id, const char *text, size_t len,
                   const size_t *gold, size_t gold_count) {
  e->index = index;
  int rc = mark_themes(e, m, gold, gold_count);
  if (rc)
    return rc;
  e->comments++;
  rc = count_terms(e, m, id, text, len);
  return rc ? rc : count_themes(e, id, text, len);
}

/* Adds src's counts into dst and scores what src scores too. */
static void add_counts(vb_eval *dst, const vb_eval *src) {
  dst->comments += src->comments;
  for (size_t t = 0; t < vb_lexicon_theme_count(src->lex); t++) {
    dst->themes[t].tp += src->themes[t].tp;
    dst->themes[t].fp += src->themes[t].fp;
    dst->themes[t].fn += src->themes[t].fn;
    dst->scored[t] |= src->scored[t];
  }
  for (size_t k = 0; k < vb_lexicon_term_count(src->lex); k++) {
    dst->term_tp[k] += src->term_tp[k];
    dst->term_fp[k] += src->term_fp[k];
  }
}

int vb_eval_pool(const vb_eval *const *evals, size_t count, vb_eval **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  if (!evals || !count)
    return VB_EINVAL;
  for (size_t i = 0; i < count; i++)
    if (!evals[i] || evals[i]->lex != evals[0]->lex)
      return VB_EINVAL;
  vb_eval *pool;
  int rc = vb_eval_new(evals[0]->lex, 0, &pool);
  if (rc)
    return rc;
  memset(pool->scored, 0, vb_lexicon_theme_count(pool->lex));
  for (size_t i = 0; i < count; i++)
    add_counts(pool, evals[i]);
  set_judges(pool);
  *out = pool;
  return VB_OK;
}

/* dst's and src's examples of one kind, the first `max` by position. */
static int merge_examples(example **dst, size_t *dst_count, const example *src,
                          size_t src_count, size_t max) {
  size_t n = *dst_count + src_count;
  example *all = malloc((n ? n : 1) * sizeof *all);
  if (!all)
    return VB_ENOMEM;
  size_t i = 0, j = 0, k = 0;
  int rc = VB_OK;
  while (k < n) { /* both lists are in position order */
    bool mine =
        j == src_count || (i < *dst_count && (*dst)[i].index <= src[j].index);
    if (mine) {
      all[k++] = (*dst)[i++];
      continue;
    }
    example x = src[j++];
    x.text = strdup(x.text);
    x.id = strdup(x.id);
    if (!x.text || !x.id) {
      free(x.text);
      free(x.id);
      rc = VB_ENOMEM;
      break;
    }
    all[k++] = x;
  }
  while (i < *dst_count) /* out of memory: keep what dst had */
    all[k++] = (*dst)[i++];
  size_t keep = k < max ? k : max;
  for (size_t x = keep; x < k; x++) {
    free(all[x].text);
    free(all[x].id);
  }
  if (!keep) {
    free(all);
    all = NULL;
  }
  free(*dst);
  *dst = all;
  *dst_count = keep;
  return rc;
}

int vb_eval_merge(vb_eval *dst, const vb_eval *src) {
  if (!dst || !src || dst->lex != src->lex)
    return VB_EINVAL;
  add_counts(dst, src);
  set_judges(dst);
  int rc = VB_OK;
  for (size_t t = 0; t < vb_lexicon_theme_count(dst->lex) && !rc; t++) {
    theme_counts *d = &dst->themes[t];
    const theme_counts *s = &src->themes[t];
    rc = merge_examples(&d->fps, &d->fp_count, s->fps, s->fp_count,
                        dst->max_examples);
    if (!rc)
      rc = merge_examples(&d->fns, &d->fn_count, s->fns, s->fn_count,
                          dst->max_examples);
  }
  return rc;
}

void vb_eval_theme(const vb_eval *e, size_t theme, uint64_t *tp, uint64_t *fp,
                   uint64_t *fn) {
  const theme_counts *c = &e->themes[theme];
  *tp = c->tp;
  *fp = c->fp;
  *fn = c->fn;
}

void vb_eval_term(const vb_eval *e, size_t term, uint64_t *tp, uint64_t *fp) {
  *tp = e->term_tp[term];
  *fp = e->term_fp[term];
}

/* ---- figures ---------------------------------------------------------- */

typedef struct prf {
  double p, p_low, p_high, r, r_low, r_high, f1;
  bool p_defined, r_defined, f1_defined;
} prf;

static prf figures(uint64_t tp, uint64_t fp, uint64_t fn) {
  prf x = {0};
  if (tp + fp) {
    x.p_defined = true;
    x.p = (double)tp / (double)(tp + fp);
    vb_wilson(tp, tp + fp, &x.p_low, &x.p_high);
  }
  if (tp + fn) {
    x.r_defined = true;
    x.r = (double)tp / (double)(tp + fn);
    vb_wilson(tp, tp + fn, &x.r_low, &x.r_high);
  }
  if (tp + fp + fn) {
    x.f1_defined = true;
    x.f1 = 2.0 * (double)tp / (double)(2 * tp + fp + fn);
  }
  return x;
}

void vb_eval_summary(const vb_eval *e, double *micro_f1, double *macro_f1) {
  uint64_t tp = 0, fp = 0, fn = 0;
  double sum = 0;
  size_t n = 0;
  for (size_t t = 0; t < vb_lexicon_theme_count(e->lex); t++) {
    const theme_counts *c = &e->themes[t];
    tp += c->tp;
    fp += c->fp;
    fn += c->fn;
    prf x = figures(c->tp, c->fp, c->fn);
    if (x.f1_defined) {
      sum += x.f1;
      n++;
    }
  }
  prf micro = figures(tp, fp, fn);
  *micro_f1 = micro.f1_defined ? micro.f1 : 0;
  *macro_f1 = n ? sum / (double)n : 0;
}

/* ---- writing ---------------------------------------------------------- */

static void num(FILE *o, bool defined, double v) {
  if (defined)
    fprintf(o, "%.4f", v);
}

static void csv_row(FILE *o, const char *kind, const char *theme,
                    const char *term, uint64_t tp, uint64_t fp, uint64_t fn,
                    bool has_fn) {
  prf x = figures(tp, fp, has_fn ? fn : 0);
  fprintf(o, "%s,", kind);
  vb_csv_write_field(o, theme, strlen(theme));
  fputc(',', o);
  vb_csv_write_field(o, term, strlen(term));
  fprintf(o, ",%llu,%llu,", (unsigned long long)tp, (unsigned long long)fp);
  if (has_fn)
    fprintf(o, "%llu", (unsigned long long)fn);
  fputc(',', o);
  num(o, x.p_defined, x.p);
  fputc(',', o);
  num(o, x.p_defined, x.p_low);
  fputc(',', o);
  num(o, x.p_defined, x.p_high);
  fputc(',', o);
  num(o, has_fn && x.r_defined, x.r);
  fputc(',', o);
  num(o, has_fn && x.r_defined, x.r_low);
  fputc(',', o);
  num(o, has_fn && x.r_defined, x.r_high);
  fputc(',', o);
  num(o, has_fn && x.f1_defined, x.f1);
  fputc('\n', o);
}

static void totals(const vb_eval *e, uint64_t *tp, uint64_t *fp, uint64_t *fn,
                   double *mp, double *mr, double *mf, size_t *n) {
  *tp = *fp = *fn = 0;
  *mp = *mr = *mf = 0;
  *n = 0;
  for (size_t t = 0; t < vb_lexicon_theme_count(e->lex); t++) {
    const theme_counts *c = &e->themes[t];
    *tp += c->tp;
    *fp += c->fp;
    *fn += c->fn;
    if (c->tp + c->fp + c->fn == 0)
      continue;
    prf x = figures(c->tp, c->fp, c->fn);
    *mp += x.p_defined ? x.p : 0;
    *mr += x.r_defined ? x.r : 0;
    *mf += x.f1;
    (*n)++;
  }
  if (*n) {
    *mp /= (double)*n;
    *mr /= (double)*n;
    *mf /= (double)*n;
  }
}

/* The id of the theme term k counts for (and is listed under). */
static const char *judge_id(const vb_eval *e, size_t k) {
  return vb_lexicon_theme_id(e->lex, e->judge[k]);
}

static void csv_header(FILE *o, bool named) {
  fputs(named ? "file,kind,theme,term,tp,fp,fn,precision,precision_low,"
              : "kind,theme,term,tp,fp,fn,precision,precision_low,",
        o);
  fputs("precision_high,recall,recall_low,recall_high,f1\n", o);
}

/* Starts a row with the `file` column, when there is one. */
static void csv_file(FILE *o, const char *file) {
  if (!file)
    return;
  vb_csv_write_field(o, file, strlen(file));
  fputc(',', o);
}

static void csv_rows(const vb_eval *e, FILE *o, const char *file) {
  const vb_lexicon *lex = e->lex;
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
    if (!e->scored[t])
      continue;
    csv_file(o, file);
    csv_row(o, "theme", vb_lexicon_theme_id(lex, t), "", c->tp, c->fp, c->fn,
            true);
  }
  uint64_t tp, fp, fn;
  double mp, mr, mf;
  size_t n;
  totals(e, &tp, &fp, &fn, &mp, &mr, &mf, &n);
  csv_file(o, file);
  csv_row(o, "micro", "(all)", "", tp, fp, fn, true);
  csv_file(o, file);
  fprintf(o, "macro,(all),,,,,%.4f,,,%.4f,,,%.4f\n", mp, mr, mf);
  for (size_t k = 0; k < vb_lexicon_term_count(lex); k++) {
    if (!(e->term_tp[k] + e->term_fp[k]))
      continue;
    csv_file(o, file);
    csv_row(o, "term", judge_id(e, k), vb_lexicon_term_text(lex, k),
            e->term_tp[k], e->term_fp[k], 0, false);
  }
}

static void json_prf(FILE *o, uint64_t tp, uint64_t fp, uint64_t fn,
                     bool has_fn) {
  prf x = figures(tp, fp, fn);
  fprintf(o, "\"tp\":%llu,\"fp\":%llu", (unsigned long long)tp,
          (unsigned long long)fp);
  if (has_fn)
    fprintf(o, ",\"fn\":%llu", (unsigned long long)fn);
  if (x.p_defined)
    fprintf(o, ",\"precision\":%.4f,\"precision_ci\":[%.4f,%.4f]", x.p, x.p_low,
            x.p_high);
  else
    fputs(",\"precision\":null", o);
  if (!has_fn)
    return;
  if (x.r_defined)
    fprintf(o, ",\"recall\":%.4f,\"recall_ci\":[%.4f,%.4f]", x.r, x.r_low,
            x.r_high);
  else
    fputs(",\"recall\":null", o);
  if (x.f1_defined)
    fprintf(o, ",\"f1\":%.4f", x.f1);
  else
    fputs(",\"f1\":null", o);
}

static void json_examples(FILE *o, const vb_lexicon *lex, const example *x,
                          size_t n, bool fp) {
  fputc('[', o);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? ",{\"id\":" : "{\"id\":", o);
    vb_json_write_string(o, x[i].id, strlen(x[i].id));
    fputs(",\"text\":", o);
    vb_json_write_string(o, x[i].text, strlen(x[i].text));
    if (fp) {
      const char *term = vb_lexicon_term_text(lex, x[i].term);
      fputs(",\"term\":", o);
      vb_json_write_string(o, term, strlen(term));
      fprintf(o, ",\"start\":%zu,\"end\":%zu", x[i].start, x[i].end);
    }
    fputc('}', o);
  }
  fputc(']', o);
}

/* One theme's object: its figures, its terms and its kept examples. */
static void json_theme(const vb_eval *e, FILE *o, size_t t) {
  const vb_lexicon *lex = e->lex;
  const theme_counts *c = &e->themes[t];
  fprintf(o, "{\"id\":\"%s\",", vb_lexicon_theme_id(lex, t));
  json_prf(o, c->tp, c->fp, c->fn, true);
  fputs(",\"terms\":[", o);
  bool first = true;
  for (size_t k = 0; k < vb_lexicon_term_count(lex); k++) {
    if (e->judge[k] != t || !(e->term_tp[k] + e->term_fp[k]))
      continue;
    const char *term = vb_lexicon_term_text(lex, k);
    fputs(first ? "{\"term\":" : ",{\"term\":", o);
    first = false;
    vb_json_write_string(o, term, strlen(term));
    fputc(',', o);
    json_prf(o, e->term_tp[k], e->term_fp[k], 0, false);
    fputc('}', o);
  }
  fputs("]", o);
  if (e->max_examples) {
    fputs(",\"false_positives\":", o);
    json_examples(o, lex, c->fps, c->fp_count, true);
    fputs(",\"false_negatives\":", o);
    json_examples(o, lex, c->fns, c->fn_count, false);
  }
  fputc('}', o);
}

/* The evaluation as one object; `file`, when not NULL, is its first field. */
static void json_object(const vb_eval *e, FILE *o, const char *file) {
  uint64_t tp, fp, fn;
  double mp, mr, mf;
  size_t n;
  totals(e, &tp, &fp, &fn, &mp, &mr, &mf, &n);
  fputc('{', o);
  if (file) {
    fputs("\"file\":", o);
    vb_json_write_string(o, file, strlen(file));
    fputc(',', o);
  }
  fprintf(o, "\"comments\":%llu,\"micro\":{", (unsigned long long)e->comments);
  json_prf(o, tp, fp, fn, true);
  fprintf(o,
          "},\"macro\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,"
          "\"themes\":%zu},\"themes\":[",
          mp, mr, mf, n);
  bool first = true;
  for (size_t t = 0; t < vb_lexicon_theme_count(e->lex); t++) {
    if (!e->scored[t])
      continue;
    if (!first)
      fputc(',', o);
    first = false;
    json_theme(e, o, t);
  }
  fputs("]}", o);
}

static void fmt_prf(char *buf, size_t size, bool defined, double v, double lo,
                    double hi) {
  if (defined)
    snprintf(buf, size, "%.2f [%.2f-%.2f]", v, lo, hi);
  else
    snprintf(buf, size, "-");
}

static void table_row(FILE *o, const char *name, int indent, uint64_t tp,
                      uint64_t fp, uint64_t fn) {
  prf x = figures(tp, fp, fn);
  char p[40], r[40], f[16];
  fmt_prf(p, sizeof p, x.p_defined, x.p, x.p_low, x.p_high);
  fmt_prf(r, sizeof r, x.r_defined, x.r, x.r_low, x.r_high);
  snprintf(f, sizeof f, x.f1_defined ? "%.2f" : "-", x.f1);
  fprintf(o, "%*s%-*s %5llu %5llu %5llu  %-17s  %-17s  %4s\n", indent, "",
          28 - indent, name, (unsigned long long)tp, (unsigned long long)fp,
          (unsigned long long)fn, p, r, f);
}

static void print_example(FILE *o, const char *text, size_t start, size_t end) {
  /* one line: newlines become spaces; the span in [[ ]] */
  fputs("      \"", o);
  size_t len = strlen(text);
  for (size_t i = 0; i < len; i++) {
    if (end > start && i == start)
      fputs("[[", o);
    fputc(text[i] == '\n' || text[i] == '\r' ? ' ' : text[i], o);
    if (end > start && i + 1 == end)
      fputs("]]", o);
  }
  fputs("\"", o);
}

/* The scored themes (children indented under their parents), then the
 * micro and macro averages. */
static void table_themes(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  fprintf(o, "%-28s %5s %5s %5s  %-17s  %-17s  %4s\n", "theme", "TP", "FP",
          "FN", "precision [95%]", "recall [95%]", "F1");
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
    if (!e->scored[t])
      continue;
    int depth = 0;
    for (long p = vb_lexicon_theme_parent(lex, t); p >= 0;
         p = vb_lexicon_theme_parent(lex, (size_t)p))
      depth++;
    table_row(o, vb_lexicon_theme_id(lex, t), 2 * depth, c->tp, c->fp, c->fn);
  }
  uint64_t tp, fp, fn;
  double mp, mr, mf;
  size_t n;
  totals(e, &tp, &fp, &fn, &mp, &mr, &mf, &n);
  fputc('\n', o);
  table_row(o, "micro average", 0, tp, fp, fn);
  fprintf(o, "%-28s %17s  %-17.2f  %-17.2f  %4.2f\n", "macro average", "", mp,
          mr, mf);
}

/* The noisiest terms: most false positives first, at most 25. */
static void table_terms(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  size_t nterms = vb_lexicon_term_count(lex), shown = 0;
  size_t *order = malloc((nterms ? nterms : 1) * sizeof *order);
  if (!order)
    return;
  size_t count = 0;
  for (size_t k = 0; k < nterms; k++)
    if (e->term_fp[k])
      order[count++] = k;
  for (size_t i = 1; i < count; i++) { /* insertion sort: FP desc, then id */
    size_t k = order[i], j = i;
    for (; j > 0 && e->term_fp[order[j - 1]] < e->term_fp[k]; j--)
      order[j] = order[j - 1];
    order[j] = k;
  }
  if (count)
    fprintf(o, "\nterms with false positives (TP FP precision):\n");
  for (size_t i = 0; i < count && shown < 25; i++, shown++) {
    size_t k = order[i];
    fprintf(o, "  %-24s %-40s %4llu %4llu  %.2f\n", judge_id(e, k),
            vb_lexicon_term_text(lex, k), (unsigned long long)e->term_tp[k],
            (unsigned long long)e->term_fp[k],
            (double)e->term_tp[k] / (double)(e->term_tp[k] + e->term_fp[k]));
  }
  if (count > shown)
    fprintf(o, "  ... %zu more (-f csv lists every term)\n", count - shown);
  free(order);
}

static void table_examples(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
    if (!c->fp_count && !c->fn_count)
      continue;
    fprintf(o, "\n%s\n", vb_lexicon_theme_id(lex, t));
    for (size_t i = 0; i < c->fp_count; i++) {
      fprintf(o, "  FP %s (term %s):\n", c->fps[i].id,
              vb_lexicon_term_text(lex, c->fps[i].term));
      print_example(o, c->fps[i].text, c->fps[i].start, c->fps[i].end);
      fputc('\n', o);
    }
    for (size_t i = 0; i < c->fn_count; i++) {
      fprintf(o, "  FN %s:\n", c->fns[i].id);
      print_example(o, c->fns[i].text, 0, 0);
      fputc('\n', o);
    }
  }
}

/* `title` names the evaluation in its first line, when not NULL. */
static void write_table(const vb_eval *e, FILE *o, const char *title) {
  fprintf(o, "%s%s%llu labeled comments\n\n", title ? title : "",
          title ? ": " : "", (unsigned long long)e->comments);
  table_themes(e, o);
  table_terms(e, o);
  table_examples(e, o);
}

int vb_eval_write(const vb_eval *e, FILE *out, vb_report_format format) {
  switch (format) {
  case VB_REPORT_CSV:
    csv_header(out, false);
    csv_rows(e, out, NULL);
    break;
  case VB_REPORT_JSON:
    json_object(e, out, NULL);
    fputc('\n', out);
    break;
  case VB_REPORT_HTML: /* a report's format only */
    return VB_EINVAL;
  default:
    write_table(e, out, NULL);
    break;
  }
  return ferror(out) ? VB_EWRITE : VB_OK;
}

static void write_csv_pooled(const vb_eval *const *evals,
                             const char *const *names, size_t count,
                             const vb_eval *pooled, FILE *o) {
  csv_header(o, true);
  for (size_t i = 0; i < count; i++)
    csv_rows(evals[i], o, names[i]);
  csv_rows(pooled, o, "(pooled)");
}

static void write_json_pooled(const vb_eval *const *evals,
                              const char *const *names, size_t count,
                              const vb_eval *pooled, FILE *o) {
  fputs("{\"files\":[", o);
  for (size_t i = 0; i < count; i++) {
    if (i)
      fputc(',', o);
    json_object(evals[i], o, names[i]);
  }
  fputs("],\"pooled\":", o);
  json_object(pooled, o, NULL);
  fputs("}\n", o);
}

static void write_table_pooled(const vb_eval *const *evals,
                               const char *const *names, size_t count,
                               const vb_eval *pooled, FILE *o) {
  for (size_t i = 0; i < count; i++) {
    write_table(evals[i], o, names[i]);
    fputc('\n', o);
  }
  char title[64];
  snprintf(title, sizeof title, "pooled over %zu files", count);
  write_table(pooled, o, title);
}

int vb_eval_write_pooled(const vb_eval *const *evals, const char *const *names,
                         size_t count, const vb_eval *pooled, FILE *out,
                         vb_report_format format) {
  if (!evals || !names || !pooled || !out)
    return VB_EINVAL;
  switch (format) {
  case VB_REPORT_CSV:
    write_csv_pooled(evals, names, count, pooled, out);
    break;
  case VB_REPORT_JSON:
    write_json_pooled(evals, names, count, pooled, out);
    break;
  case VB_REPORT_HTML: /* a report's format only */
    return VB_EINVAL;
  default:
    write_table_pooled(evals, names, count, pooled, out);
    break;
  }
  return ferror(out) ? VB_EWRITE : VB_OK;
}
