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
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct example {
  char *text;        /* the comment */
  size_t start, end; /* span of the term that fired (FP), else 0, 0 */
  size_t term;       /* the term (FP) */
  char *id;
} example;

typedef struct theme_counts {
  uint64_t tp, fp, fn;
  example *fps, *fns;
  size_t fp_count, fn_count;
} theme_counts;

struct vb_eval {
  const vb_lexicon *lex;
  theme_counts *themes;
  uint64_t *term_tp, *term_fp;
  uint64_t comments;
  size_t max_examples;
  uint8_t *gold, *pred, *fp_listed, *term_seen; /* scratch per comment */
};

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
  if (!e->themes || !e->term_tp || !e->term_fp || !e->gold || !e->pred ||
      !e->fp_listed || !e->term_seen) {
    vb_eval_free(e);
    return VB_ENOMEM;
  }
  *out = e;
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
  if (!x->text || !x->id) {
    free(x->text);
    free(x->id);
    return VB_ENOMEM;
  }
  (*count)++;
  return VB_OK;
}

int vb_eval_add(vb_eval *e, const vb_matcher *m, const char *id,
                const char *text, size_t len, const size_t *gold,
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
  e->comments++;
  int rc = VB_OK;
  /* terms: once per comment; the first match of each term gives the span */
  size_t matches = vb_matcher_match_count(m);
  for (size_t i = 0; i < matches && !rc; i++) {
    const vb_match *x = vb_matcher_match(m, i);
    if (x->excluded || x->dropped || e->term_seen[x->term])
      continue;
    e->term_seen[x->term] = 1;
    if (e->gold[x->theme]) {
      e->term_tp[x->term]++;
    } else {
      e->term_fp[x->term]++;
      /* an example for the theme and each ancestor it wrongly predicts */
      for (long t = (long)x->theme; t >= 0 && !rc;
           t = vb_lexicon_theme_parent(lex, (size_t)t)) {
        if (e->gold[t])
          break;
        theme_counts *c = &e->themes[t];
        if (!e->fp_listed[t]) /* one example per comment and theme */
          rc = keep_example(e, &c->fps, &c->fp_count, id, text, len, x->term,
                            x->start, x->end);
        e->fp_listed[t] = 1;
      }
    }
  }
  for (size_t i = 0; i < matches; i++)
    e->term_seen[vb_matcher_match(m, i)->term] = 0;
  for (size_t t = 0; t < nt && !rc; t++) {
    theme_counts *c = &e->themes[t];
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

static void write_csv(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  fputs("kind,theme,term,tp,fp,fn,precision,precision_low,precision_high,"
        "recall,recall_low,recall_high,f1\n",
        o);
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
    csv_row(o, "theme", vb_lexicon_theme_id(lex, t), "", c->tp, c->fp, c->fn,
            true);
  }
  uint64_t tp, fp, fn;
  double mp, mr, mf;
  size_t n;
  totals(e, &tp, &fp, &fn, &mp, &mr, &mf, &n);
  csv_row(o, "micro", "(all)", "", tp, fp, fn, true);
  fprintf(o, "macro,(all),,,,,%.4f,,,%.4f,,,%.4f\n", mp, mr, mf);
  for (size_t k = 0; k < vb_lexicon_term_count(lex); k++)
    if (e->term_tp[k] + e->term_fp[k])
      csv_row(
          o, "term", vb_lexicon_theme_id(lex, vb_lexicon_term_theme(lex, k)),
          vb_lexicon_term_text(lex, k), e->term_tp[k], e->term_fp[k], 0, false);
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

static void write_json(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  uint64_t tp, fp, fn;
  double mp, mr, mf;
  size_t n;
  totals(e, &tp, &fp, &fn, &mp, &mr, &mf, &n);
  fprintf(o, "{\"comments\":%llu,\"micro\":{", (unsigned long long)e->comments);
  json_prf(o, tp, fp, fn, true);
  fprintf(o,
          "},\"macro\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,"
          "\"themes\":%zu},\"themes\":[",
          mp, mr, mf, n);
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
    fprintf(o, "%s{\"id\":\"%s\",", t ? "," : "", vb_lexicon_theme_id(lex, t));
    json_prf(o, c->tp, c->fp, c->fn, true);
    fputs(",\"terms\":[", o);
    bool first = true;
    for (size_t k = 0; k < vb_lexicon_term_count(lex); k++) {
      if (vb_lexicon_term_theme(lex, k) != t ||
          !(e->term_tp[k] + e->term_fp[k]))
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
  fputs("]}\n", o);
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

static void write_table(const vb_eval *e, FILE *o) {
  const vb_lexicon *lex = e->lex;
  fprintf(o, "%llu labeled comments\n\n", (unsigned long long)e->comments);
  fprintf(o, "%-28s %5s %5s %5s  %-17s  %-17s  %4s\n", "theme", "TP", "FP",
          "FN", "precision [95%]", "recall [95%]", "F1");
  for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
    const theme_counts *c = &e->themes[t];
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

  /* the noisiest terms: most false positives first */
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
    fprintf(o, "  %-24s %-40s %4llu %4llu  %.2f\n",
            vb_lexicon_theme_id(lex, vb_lexicon_term_theme(lex, k)),
            vb_lexicon_term_text(lex, k), (unsigned long long)e->term_tp[k],
            (unsigned long long)e->term_fp[k],
            (double)e->term_tp[k] / (double)(e->term_tp[k] + e->term_fp[k]));
  }
  if (count > shown)
    fprintf(o, "  ... %zu more (-f csv lists every term)\n", count - shown);
  free(order);

  if (!e->max_examples)
    return;
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

int vb_eval_write(const vb_eval *e, FILE *out, vb_report_format format) {
  switch (format) {
  case VB_REPORT_CSV:
    write_csv(e, out);
    break;
  case VB_REPORT_JSON:
    write_json(e, out);
    break;
  default:
    write_table(e, out);
    break;
  }
  return ferror(out) ? VB_EIO : VB_OK;
}
