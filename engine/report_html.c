/*
 * report_html.c - the report as one self-contained HTML page.
 *
 * People read a theme report as pictures and quotes.  This writer turns
 * the figures report.c computes (docs/metrics.md) into one page that
 * opens offline from an email attachment and prints to PDF: a header
 * (NPS and its margin, counts per group, the period covered, the
 * lexicon), then one chart per question a reader asks - which themes cost
 * NPS points (impact, a diverging bar chart, child themes under their
 * parents), whether detractors mention them more than promoters (shares
 * with Wilson intervals, a dot plot), what changed (with --period, a trend
 * line per theme), which themes come together (a heatmap), what was said
 * (top terms per theme), what was missed (the untagged share, and the
 * terms suggest proposes for untagged detractors) - and with
 * --by one collapsible section per segment.  docs/report-html.md
 * describes each chart.
 *
 * Invariants:
 * - Every number is one report.c computed, through the accessors of
 *   internal.h, written with the table's rounding: the page never
 *   computes a figure of its own, so it agrees with -f json and -f table.
 *   Only the layout (scales, order, colours) is decided here.
 * - Nothing is fetched: the charts are inline SVG written here, the
 *   styles one inline <style>, and there is no script at all.  The
 *   Content-Security-Policy says so (script-src 'none'); styles are
 *   allowed inline ('unsafe-inline' in style-src: a style cannot run
 *   code, and every text we write is escaped, so none is injected).
 * - Every byte of text that is not ours (comments, segment values, theme
 *   labels and terms from a lexicon) goes through vb__html_write_text,
 *   which is safe in element text, SVG text and quoted attributes alike,
 *   and drops bidi controls; long texts are cut (and CSS wraps anywhere).
 * - Every chart has a <title>, a <desc> and the same numbers in a table
 *   (behind <details>), and uses a colour-blind-safe palette (Okabe-Ito:
 *   vermillion for detractors and costs, blue for promoters and gains),
 *   with shapes as well as colours telling the groups apart.
 * - The output depends only on the report's counts: the same for every
 *   -j and after merging partial reports.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define C_COST "#D55E00" /* Okabe-Ito vermillion: detractors, costs */
#define C_GAIN "#0072B2" /* Okabe-Ito blue: promoters, gains */
#define C_MARK "#E69F00" /* Okabe-Ito orange: significant changes */
#define C_GRID "#d0d0d0"
#define C_INK "#222"
#define LABEL_CAP 80    /* bytes of a theme label or term shown */
#define SEGMENT_CAP 120 /* bytes of a segment value shown */
#define HEAT_THEMES 12  /* themes in the co-occurrence heatmap */
#define EXAMPLE_CAP 600 /* bytes of an example comment shown */
#define CANDIDATES 10   /* candidate terms for untagged detractors */
#define CANDIDATE_MIN 3 /* in at least this many of them (suggest's) */

/* A shown theme in chart order: parents by impact, each followed by its
 * children by impact; depth 0 for a theme without a shown parent. */
typedef struct row {
  size_t theme;
  int depth;
} row;

typedef struct page {
  vb_report *r;
  const vb_lexicon *lex;
  FILE *o;
  vb__section *secs;
  size_t nsec;
  row *rows;
  size_t nrows;
  int charts; /* numbers the charts' ids */
  int rc;     /* VB_ENOMEM once an allocation failed: the page is void */
} page;

/* ---- writing ---------------------------------------------------------- */

static void text(FILE *o, const char *s) {
  vb__html_write_text(o, s, strlen(s), 0);
}

static void text_cap(FILE *o, const char *s, size_t len, size_t cap) {
  vb__html_write_text(o, s, len, cap);
}

/* A figure as the table writes it: "12.3%", "+4.5", "-" when undefined. */
static const char *pct(char buf[32], double v) {
  if (isnan(v))
    return "–";
  snprintf(buf, 32, "%.1f%%", 100.0 * v);
  return buf;
}

static const char *pts(char buf[32], double v) {
  if (isnan(v))
    return "–";
  snprintf(buf, 32, "%+.1f", v);
  return buf;
}

static const char *pval(char buf[32], double p) {
  if (isnan(p))
    return "–";
  if (p < 0.001)
    return "&lt;.001";
  snprintf(buf, 32, "%.3f", p);
  return buf;
}

static void theme_name(const page *pg, size_t theme) {
  const char *label = vb_report_theme_label(pg->r, theme);
  text_cap(pg->o, label, strlen(label), LABEL_CAP);
}

/* "region=EU, plan=pro" (escaped), or "all responses". */
static void section_name(const page *pg, const vb__section *sec) {
  const char *const *values;
  const size_t *lens;
  const char *start, *label;
  const char *const *by;
  size_t nby = vb__report_by(pg->r, &by);
  vb__report_section_slice(sec, &values, &lens, &start, &label);
  if (sec->kind == VB__MARGIN_OVERALL) {
    fputs("all responses", pg->o);
    return;
  }
  bool seg = sec->kind == VB__MARGIN_SEGMENT || sec->kind == VB__MARGIN_NONE;
  for (size_t i = 0; seg && i < nby; i++) {
    fputs(i ? ", " : "", pg->o);
    text_cap(pg->o, by[i], strlen(by[i]), SEGMENT_CAP);
    fputc('=', pg->o);
    text_cap(pg->o, values[i], lens[i], SEGMENT_CAP);
  }
  if (sec->kind == VB__MARGIN_PERIOD || sec->kind == VB__MARGIN_NONE)
    fprintf(pg->o, "%s%s", seg && nby ? ", " : "", label);
}

/* <svg> with its title and description; the caller closes it. */
static int svg_open(page *pg, double w, double h, const char *title,
                    const char *desc, const vb__section *sec) {
  int id = ++pg->charts;
  fprintf(pg->o,
          "<svg class=\"chart\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
          "height=\"%.0f\" role=\"img\" aria-labelledby=\"c%d-t c%d-d\" "
          "xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"c%d-t\">%s (",
          w, h, w, h, id, id, id, title);
  section_name(pg, sec);
  fprintf(pg->o, ")</title>\n<desc id=\"c%d-d\">%s</desc>\n", id, desc);
  return id;
}

/* A chart's table behind <details>: the summary, the caption and the
 * head's cells; the caller writes more head cells (if any) and calls
 * table_body. */
static void details_table(page *pg, const char *summary, const char *caption,
                          const char *head) {
  fprintf(pg->o,
          "<details class=\"data\"><summary>%s</summary>\n"
          "<div class=\"scroll\"><table>\n<caption>%s</caption>\n"
          "<thead><tr>%s",
          summary, caption, head);
}

static void table_body(page *pg) { fputs("</tr></thead><tbody>\n", pg->o); }

static void details_end(page *pg) {
  fputs("</table></div></details>\n", pg->o);
}

/* A theme's figures in a section (report.c's). */
static vb__theme_figs figs_of(const vb__slice_view *v, size_t theme) {
  vb__theme_figs now, before;
  vb__report_view_theme(v, theme, &now, &before);
  return now;
}

/* ---- theme order ------------------------------------------------------ */

/* The nearest shown ancestor of a theme, or -1. */
static long shown_parent(const page *pg, size_t theme) {
  long p = vb_lexicon_theme_parent(pg->lex, theme);
  while (p >= 0 && !vb__report_shown(pg->r, (size_t)p))
    p = vb_lexicon_theme_parent(pg->lex, (size_t)p);
  return p;
}

typedef struct ranked {
  size_t theme;
  double impact;
} ranked;

/* Most costly first, as the table sorts. */
static int by_impact(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  return vb__report_impact_order(x->theme, x->impact, y->theme, y->impact);
}

/* Appends the children of `parent` (-1: the top level), sorted, each
 * followed by its own children. */
static void place(page *pg, const ranked *all, size_t n, long parent, int depth,
                  ranked *scratch) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (shown_parent(pg, all[i].theme) == parent)
      scratch[k++] = all[i];
  qsort(scratch, k, sizeof *scratch, by_impact);
  ranked *mine = malloc((k ? k : 1) * sizeof *mine);
  if (!mine) {
    pg->rc = VB_ENOMEM;
    return;
  }
  memcpy(mine, scratch, k * sizeof *mine);
  for (size_t i = 0; i < k; i++) {
    pg->rows[pg->nrows++] = (row){mine[i].theme, depth};
    place(pg, all, n, (long)mine[i].theme, depth + 1, scratch);
  }
  free(mine);
}

static int order_themes(page *pg, vb__slice_view *overall) {
  size_t n = vb_lexicon_theme_count(pg->lex), count = 0;
  ranked *all = malloc((n ? n : 1) * sizeof *all);
  ranked *scratch = malloc((n ? n : 1) * sizeof *scratch);
  pg->rows = malloc((n ? n : 1) * sizeof *pg->rows);
  int rc = all && scratch && pg->rows ? VB_OK : VB_ENOMEM;
  for (size_t th = 0; !rc && th < n; th++) {
    if (!vb__report_shown(pg->r, th))
      continue;
    all[count++] = (ranked){th, figs_of(overall, th).impact};
  }
  if (!rc)
    place(pg, all, count, -1, 0, scratch);
  if (!rc)
    rc = pg->rc;
  free(all);
  free(scratch);
  return rc;
}

/* ---- header ----------------------------------------------------------- */

/* The lexicons' names; the shipped set as "built-in (en, de, ...)". */
static void lexicon_names(const page *pg) {
  size_t n = vb_lexicon_document_count(pg->lex);
  bool builtin = n == vb_lexicon_shipped_count();
  for (size_t i = 0; i < n && builtin; i++) {
    size_t len, slen;
    const char *text = vb_lexicon_document(pg->lex, i, NULL, &len);
    const char *shipped = vb_lexicon_shipped(i, NULL, &slen);
    builtin = len == slen && memcmp(text, shipped, len) == 0;
  }
  if (builtin && vb_lexicon_language_count(pg->lex) > 1) {
    fputs("built-in (", pg->o);
    for (size_t i = 0; i < vb_lexicon_language_count(pg->lex); i++)
      fprintf(pg->o, "%s%s", i ? ", " : "", vb_lexicon_language_at(pg->lex, i));
    fputc(')', pg->o);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    const char *name;
    size_t len;
    vb_lexicon_document(pg->lex, i, &name, &len);
    fputs(i ? ", " : "", pg->o);
    text(pg->o, name ? name : "(unnamed)");
  }
}

/* The first and last period with responses ("" without periods). */
static void period_span(const page *pg, const char **first, const char **last) {
  *first = *last = NULL;
  for (size_t i = 0; i < pg->nsec; i++) {
    if (pg->secs[i].kind != VB__MARGIN_PERIOD)
      continue;
    const char *const *values;
    const size_t *lens;
    const char *start, *label;
    vb__report_section_slice(&pg->secs[i], &values, &lens, &start, &label);
    if (!*first)
      *first = label;
    *last = label;
  }
}

static void kpi(FILE *o, const char *cls, const char *name, const char *value,
                const char *note) {
  fprintf(o,
          "<div class=\"kpi %s\"><div class=\"k\">%s</div>"
          "<div class=\"v\">%s</div><div class=\"n\">%s</div></div>\n",
          cls, name, value, note);
}

/* NPS, margin and counts of a section, as tiles. */
static void kpis(page *pg, const vb__slice_figs *sf) {
  FILE *o = pg->o;
  char a[32], b[64], c[64];
  fputs("<div class=\"kpis\">\n", o);
  if (!sf->too_few && !isnan(sf->nps)) {
    snprintf(b, sizeof b, "± %.1f points (95%%)", sf->margin);
    kpi(o, "nps", "NPS", pts(a, sf->nps), b);
  } else {
    snprintf(b, sizeof b, "fewer than %llu responses",
             (unsigned long long)vb__report_min_responses(pg->r));
    kpi(o, "nps", "NPS", "–", sf->too_few ? b : "no scored responses");
  }
  static const char *const names[] = {"Detractors", "Passives", "Promoters",
                                      "Unscored"};
  static const char *const cls[] = {"det", "pas", "pro", "uns"};
  snprintf(a, sizeof a, "%llu", (unsigned long long)sf->responses[VB__NG]);
  snprintf(b, sizeof b, "%llu with a comment",
           (unsigned long long)sf->with_text[VB__NG]);
  kpi(o, "all", "Responses", a, b);
  for (int g = 0; g < VB__NG; g++) {
    snprintf(a, sizeof a, "%llu", (unsigned long long)sf->responses[g]);
    snprintf(c, sizeof c, "%llu with a comment",
             (unsigned long long)sf->with_text[g]);
    kpi(o, cls[g], names[g], a, c);
  }
  fputs("</div>\n", o);
}

static void header(page *pg, const vb__slice_figs *sf) {
  FILE *o = pg->o;
  const char *const *by;
  size_t nby = vb__report_by(pg->r, &by);
  vb_period period = vb__report_period(pg->r);
  fputs("<header>\n<h1>Theme report</h1>\n<p class=\"meta\">Lexicon ", o);
  lexicon_names(pg);
  fputs(" · scale ", o);
  text(o, vb__report_scale_text(pg->r));
  if (period != VB_PERIOD_NONE) {
    const char *first, *last;
    period_span(pg, &first, &last);
    fprintf(o, " · by %s: ", vb_period_name(period));
    if (first)
      fprintf(o, "%s – %s", first, last);
  }
  if (nby) {
    fputs(" · split by ", o);
    for (size_t i = 0; i < nby; i++) {
      fputs(i ? ", " : "", o);
      text_cap(o, by[i], strlen(by[i]), SEGMENT_CAP);
    }
  }
  fprintf(o, " · %zu themes shown</p>\n", pg->nrows);
  kpis(pg, sf);
  fputs("</header>\n", o);
}

/* ---- impact: a diverging bar chart ------------------------------------ */

#define ROW_H 22.0
#define LABEL_W 250.0
#define CHART_W 760.0

/* A round step for an axis covering `span`. */
static double nice_step(double span, int ticks) {
  double raw = span / ticks, mag = pow(10, floor(log10(raw)));
  double f = raw / mag;
  return mag * (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10);
}

static void row_label(page *pg, const row *rw, double y, bool star) {
  fprintf(pg->o, "<text x=\"%.0f\" y=\"%.1f\" class=\"%s\">",
          8.0 + 14.0 * rw->depth, y, rw->depth ? "lbl child" : "lbl");
  if (rw->depth)
    fputs("↳ ", pg->o);
  theme_name(pg, rw->theme);
  fputs(star ? " *</text>\n" : "</text>\n", pg->o);
}

static void impact_chart(page *pg, vb__slice_view *v, const vb__section *sec) {
  FILE *o = pg->o;
  double max = 1;
  for (size_t i = 0; i < pg->nrows; i++) {
    vb__theme_figs f = figs_of(v, pg->rows[i].theme);
    if (!isnan(f.impact) && fabs(f.impact) > max)
      max = fabs(f.impact);
  }
  double step = nice_step(max, 3), lim = ceil(max / step) * step;
  double plot = CHART_W - LABEL_W - 60, x0 = LABEL_W + 30 + plot / 2;
  double k = plot / 2 / lim, h = 34 + ROW_H * (double)pg->nrows;
  svg_open(pg, CHART_W, h, "NPS impact per theme",
           "Horizontal bars, one per theme, sorted with the most costly "
           "first and child themes under their parents: the NPS points the "
           "theme adds (bar to the right, blue) or costs (bar to the left, "
           "vermillion). The same numbers are in the table below.",
           sec);
  for (double t = -lim; t <= lim + step / 2; t += step) {
    double x = x0 + t * k;
    bool zero = fabs(t) < step / 2;
    char tick[32];
    snprintf(tick, sizeof tick, zero ? "0" : "%+.*f", step < 1 ? 1 : 0, t);
    fprintf(o,
            "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"%s\" stroke-width=\"%s\"/>"
            "<text x=\"%.1f\" y=\"14\" class=\"tick\">%s</text>\n",
            x, x, h - 4, zero ? "#888" : C_GRID, zero ? "1.5" : "1", x, tick);
  }
  for (size_t i = 0; i < pg->nrows; i++) {
    vb__theme_figs f = figs_of(v, pg->rows[i].theme);
    double y = 26 + ROW_H * (double)i;
    row_label(pg, &pg->rows[i], y + 14, false);
    char a[32];
    if (isnan(f.impact)) {
      fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"val\">–</text>\n", x0 + 4,
              y + 14);
      continue;
    }
    double w = fabs(f.impact) * k, x = f.impact < 0 ? x0 - w : x0;
    fprintf(o, "<g><title>%s: ", pts(a, f.impact));
    theme_name(pg, pg->rows[i].theme);
    fprintf(o,
            "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
            "height=\"%.1f\" fill=\"%s\"%s/></g>\n",
            x, y + 3, w < 0.5 ? 0.5 : w, ROW_H - 6,
            f.impact < 0 ? C_COST : C_GAIN,
            pg->rows[i].depth ? " fill-opacity=\"0.7\"" : "");
    double tx = f.impact < 0 ? x - 4 : x + w + 4;
    fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"val%s\">%s</text>\n", tx,
            y + 14, f.impact < 0 ? " end" : "", a);
  }
  fputs("</svg>\n", o);
}

static void impact_table(page *pg, vb__slice_view *v) {
  FILE *o = pg->o;
  details_table(pg, "Table: impact, theme NPS and mentions", "impact",
                "<th>theme</th><th>id</th><th>impact</th><th>theme NPS</th>"
                "<th>mentions</th>");
  table_body(pg);
  for (size_t i = 0; i < pg->nrows; i++) {
    size_t th = pg->rows[i].theme;
    vb__theme_figs f = figs_of(v, th);
    char a[32], c[32];
    fprintf(o, "<tr><th scope=\"row\">%s", pg->rows[i].depth ? "↳ " : "");
    theme_name(pg, th);
    fputs("</th><td>", o);
    text(o, vb_lexicon_theme_id(pg->lex, th));
    fprintf(o, "</td><td>%s</td><td>%s</td><td>%llu</td></tr>\n",
            pts(a, f.impact), pts(c, f.theme_nps),
            (unsigned long long)f.mentions[VB__NG]);
  }
  fputs("</tbody>\n", o);
  details_end(pg);
}

/* ---- detractors vs promoters: a dot plot ------------------------------ */

static void dot(FILE *o, int g, double x, double y) {
  if (g == 0)
    fprintf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"/>", x, y,
            C_COST);
  else
    fprintf(o,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" "
            "fill=\"%s\"/>",
            x - 4, y - 4, C_GAIN);
}

static void share_chart(page *pg, vb__slice_view *v, const vb__section *sec) {
  FILE *o = pg->o;
  double max = 0.05;
  for (size_t i = 0; i < pg->nrows; i++) {
    vb__theme_figs f = figs_of(v, pg->rows[i].theme);
    for (int g = 0; g <= 2; g += 2)
      if (!isnan(f.high[g]) && !isnan(f.share[g]) && f.high[g] > max)
        max = f.high[g];
  }
  double step = nice_step(max, 4), lim = ceil(max / step) * step;
  double x0 = LABEL_W + 10, plot = CHART_W - x0 - 70, k = plot / lim;
  double h = 50 + ROW_H * (double)pg->nrows;
  svg_open(pg, CHART_W, h,
           "Share of comments mentioning each theme, detractors vs promoters",
           "For each theme, the share of detractors' comments (vermillion "
           "circle) and of promoters' comments (blue square) that mention "
           "it, each with its 95% Wilson interval as a line. A star after "
           "the theme and a grey link between the two marks a difference "
           "significant at 5% (two-proportion test). The same numbers are "
           "in the table below.",
           sec);
  fprintf(o,
          "<g class=\"legend\"><circle cx=\"%.0f\" cy=\"10\" r=\"4.5\" "
          "fill=\"%s\"/><text x=\"%.0f\" y=\"14\">detractors</text>"
          "<rect x=\"%.0f\" y=\"6\" width=\"8\" height=\"8\" fill=\"%s\"/>"
          "<text x=\"%.0f\" y=\"14\">promoters</text>"
          "<text x=\"%.0f\" y=\"14\">* differ at 5%%</text></g>\n",
          x0, C_COST, x0 + 8, x0 + 100, C_GAIN, x0 + 114, x0 + 200);
  for (double t = 0; t <= lim + step / 2; t += step) {
    double x = x0 + t * k;
    fprintf(o,
            "<line x1=\"%.1f\" y1=\"34\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"%s\"/><text x=\"%.1f\" y=\"30\" "
            "class=\"tick\">%.0f%%</text>\n",
            x, x, h - 4, C_GRID, x, 100 * t);
  }
  for (size_t i = 0; i < pg->nrows; i++) {
    vb__theme_figs f = figs_of(v, pg->rows[i].theme);
    double y = 40 + ROW_H * (double)i, cy = y + 10;
    bool sig = !isnan(f.dp_p) && f.dp_p < 0.05;
    row_label(pg, &pg->rows[i], y + 14, sig);
    if (isnan(f.share[0]) || isnan(f.share[2]))
      continue;
    char a[32], c[32];
    fputs("<g><title>", o);
    theme_name(pg, pg->rows[i].theme);
    fprintf(o, ": detractors %s, promoters %s</title>", pct(a, f.share[0]),
            pct(c, f.share[2]));
    if (sig)
      fprintf(o,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
              "stroke=\"#999\" stroke-width=\"3\"/>",
              x0 + f.share[0] * k, cy, x0 + f.share[2] * k, cy);
    for (int g = 0; g <= 2; g += 2) {
      double dy = g ? 3 : -3;
      fprintf(o,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
              "stroke=\"%s\" stroke-width=\"1.5\"/>",
              x0 + f.low[g] * k, cy + dy, x0 + f.high[g] * k, cy + dy,
              g ? C_GAIN : C_COST);
      dot(o, g, x0 + f.share[g] * k, cy + dy);
    }
    fputs("</g>\n", o);
  }
  fputs("</svg>\n", o);
}

static void share_table(page *pg, vb__slice_view *v) {
  FILE *o = pg->o;
  details_table(pg, "Table: shares with 95% intervals and the test", "shares",
                "<th>theme</th><th>detractors</th><th>interval</th>"
                "<th>promoters</th><th>interval</th><th>all</th>"
                "<th>D vs P p</th>");
  table_body(pg);
  for (size_t i = 0; i < pg->nrows; i++) {
    vb__theme_figs f = figs_of(v, pg->rows[i].theme);
    char s[6][32];
    fputs("<tr><th scope=\"row\">", o);
    theme_name(pg, pg->rows[i].theme);
    fprintf(o,
            "</th><td>%s</td><td>%s–%s</td><td>%s</td><td>%s–%s</td>"
            "<td>%s</td>",
            pct(s[0], f.share[0]), pct(s[1], f.low[0]), pct(s[2], f.high[0]),
            pct(s[3], f.share[2]), pct(s[4], f.low[2]), pct(s[5], f.high[2]),
            pct(s[0], f.share[VB__NG]));
    fprintf(o, "<td>%s%s</td></tr>\n", pval(s[1], f.dp_p),
            !isnan(f.dp_p) && f.dp_p < 0.05 ? " *" : "");
  }
  fputs("</tbody>\n", o);
  details_end(pg);
}

/* ---- trends: one line per theme over the periods ---------------------- */

/* The sections that total one period over all segments, in time order. */
static size_t period_sections(const page *pg, const vb__section **out) {
  size_t n = 0;
  for (size_t i = 0; i < pg->nsec; i++)
    if (pg->secs[i].kind == VB__MARGIN_PERIOD)
      out[n++] = &pg->secs[i];
  return n;
}

#define SPARK_W 360.0

/* The lowest and highest share of a theme over the periods; the line of
 * each theme has its own scale (a sparkline), at least 2 points tall. */
static void trend_range(page *pg, size_t th, const vb__section **per, size_t np,
                        double *lo, double *hi) {
  *lo = 1;
  *hi = 0;
  for (size_t p = 0; p < np; p++) {
    vb__slice_view v;
    vb__theme_figs f, b;
    vb__report_view_slice(pg->r, per[p], &v);
    vb__report_view_theme(&v, th, &f, &b);
    if (isnan(f.share[VB__NG]))
      continue;
    *lo = fmin(*lo, f.share[VB__NG]);
    *hi = fmax(*hi, f.share[VB__NG]);
  }
  if (*hi - *lo < 0.02) {
    double mid = (*hi + *lo) / 2;
    *lo = fmax(0, mid - 0.01);
    *hi = *lo + 0.02;
  }
}

static void trend_row(page *pg, size_t i, const vb__section **per, size_t np,
                      double y) {
  FILE *o = pg->o;
  size_t th = pg->rows[i].theme;
  double x0 = LABEL_W + 10, dx = np > 1 ? SPARK_W / (double)(np - 1) : 0;
  double lo, hi;
  trend_range(pg, th, per, np, &lo, &hi);
  double k = 20 / (hi - lo), base = y + 24 + lo * k;
  row_label(pg, &pg->rows[i], y + 18, false);
  fprintf(o,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
          "stroke=\"" C_GRID "\"/>",
          x0, y + 24, x0 + SPARK_W, y + 24);
  fputs("<polyline fill=\"none\" stroke=\"" C_INK "\" stroke-width=\"1.5\" "
        "points=\"",
        o);
  double last = NAN;
  for (size_t p = 0; p < np; p++) {
    vb__slice_view v;
    vb__theme_figs f, b;
    vb__report_view_slice(pg->r, per[p], &v);
    vb__report_view_theme(&v, th, &f, &b);
    if (!isnan(f.share[VB__NG])) {
      fprintf(o, "%.1f,%.1f ", x0 + dx * (double)p, base - f.share[VB__NG] * k);
      last = f.share[VB__NG];
    }
  }
  fputs("\"/>\n", o);
  for (size_t p = 0; p < np; p++) {
    vb__slice_view v;
    vb__theme_figs f, b;
    vb__report_view_slice(pg->r, per[p], &v);
    vb__report_view_theme(&v, th, &f, &b);
    double cp = vb__report_change_p(&v, &f, &b, VB__NG);
    if (isnan(cp) || cp >= 0.05 || isnan(f.share[VB__NG]))
      continue;
    const char *start, *label;
    const char *const *values;
    const size_t *lens;
    vb__report_section_slice(per[p], &values, &lens, &start, &label);
    char a[32], c[32], d[32];
    fprintf(o,
            "<g><title>%s: %s (was %s, p %s)</title><circle cx=\"%.1f\" "
            "cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"" C_INK "\"/></g>\n",
            label, pct(a, f.share[VB__NG]), pct(c, b.share[VB__NG]),
            pval(d, cp), x0 + dx * (double)p, base - f.share[VB__NG] * k,
            f.share[VB__NG] > b.share[VB__NG] ? C_COST : C_GAIN);
  }
  char a[32], b[32], c[32];
  fprintf(o,
          "<text x=\"%.1f\" y=\"%.1f\" class=\"val\">%s</text>"
          "<text x=\"%.1f\" y=\"%.1f\" class=\"tick start\">%s–%s</text>\n",
          x0 + SPARK_W + 10, y + 18, pct(a, last), x0 + SPARK_W + 56, y + 18,
          pct(b, lo), pct(c, hi));
}

static void trend_chart(page *pg, const vb__section **per, size_t np) {
  FILE *o = pg->o;
  double h = 30 + 30 * (double)pg->nrows;
  svg_open(pg, CHART_W, h, "Share of comments mentioning each theme, by period",
           "One line per theme: the share of all comments with text that "
           "mention it, period by period, each line on its own scale (its "
           "lowest to its highest share, written at the right after the last "
           "value). A filled point marks a period whose share differs from "
           "the period before at 5% (vermillion: up, blue: down). The same "
           "numbers are in the table below.",
           &pg->secs[0]);
  const char *const *values;
  const size_t *lens;
  const char *start, *first, *last;
  vb__report_section_slice(per[0], &values, &lens, &start, &first);
  vb__report_section_slice(per[np - 1], &values, &lens, &start, &last);
  fprintf(o,
          "<text x=\"%.1f\" y=\"14\" class=\"tick start\">%s</text>"
          "<text x=\"%.1f\" y=\"14\" class=\"tick end\">%s</text>\n",
          LABEL_W + 10, first, LABEL_W + 10 + SPARK_W, last);
  for (size_t i = 0; i < pg->nrows; i++)
    trend_row(pg, i, per, np, 20 + 30 * (double)i);
  fputs("</svg>\n", o);
}

static void trend_table(page *pg, const vb__section **per, size_t np) {
  FILE *o = pg->o;
  details_table(pg, "Table: share per period (* changed at 5%)", "trend",
                "<th>theme</th>");
  for (size_t p = 0; p < np; p++) {
    const char *const *values;
    const size_t *lens;
    const char *start, *label;
    vb__report_section_slice(per[p], &values, &lens, &start, &label);
    fprintf(o, "<th>%s</th>", label);
  }
  table_body(pg);
  for (size_t i = 0; i < pg->nrows; i++) {
    fputs("<tr><th scope=\"row\">", o);
    theme_name(pg, pg->rows[i].theme);
    fputs("</th>", o);
    for (size_t p = 0; p < np; p++) {
      vb__slice_view v;
      vb__theme_figs f, b;
      vb__report_view_slice(pg->r, per[p], &v);
      vb__report_view_theme(&v, pg->rows[i].theme, &f, &b);
      double cp = vb__report_change_p(&v, &f, &b, VB__NG);
      char a[32];
      fprintf(o, "<td>%s%s</td>", pct(a, f.share[VB__NG]),
              !isnan(cp) && cp < 0.05 ? " *" : "");
    }
    fputs("</tr>\n", o);
  }
  fputs("</tbody>\n", o);
  details_end(pg);
}

static void trends(page *pg) {
  const vb__section **per = malloc((pg->nsec ? pg->nsec : 1) * sizeof *per);
  if (!per)
    pg->rc = VB_ENOMEM;
  size_t np = per ? period_sections(pg, per) : 0;
  if (np) {
    fputs("<section id=\"trends\">\n<h2>What changed</h2>\n<p class=\"lead\">"
          "Share of all comments mentioning each theme, per period.</p>\n",
          pg->o);
    trend_chart(pg, per, np);
    trend_table(pg, per, np);
    fputs("</section>\n", pg->o);
  }
  free(per);
}

/* ---- co-occurrence: a heatmap of the most mentioned themes ------------ */

/* The themes of the heatmap: the most mentioned shown ones, in chart
 * order.  Returns how many. */
static size_t heat_themes(page *pg, const vb__slice_view *v, size_t *out) {
  size_t idx[HEAT_THEMES], n = 0;
  uint64_t *m = malloc((pg->nrows ? pg->nrows : 1) * sizeof *m);
  if (!m) {
    pg->rc = VB_ENOMEM;
    return 0;
  }
  for (size_t i = 0; i < pg->nrows; i++)
    m[i] = figs_of(v, pg->rows[i].theme).mentions[VB__NG];
  /* the most mentioned first (ties: chart order), each taken once */
  for (; n < HEAT_THEMES; n++) {
    size_t best = pg->nrows;
    for (size_t i = 0; i < pg->nrows; i++)
      if (m[i] && (best == pg->nrows || m[i] > m[best]))
        best = i;
    if (best == pg->nrows)
      break;
    idx[n] = best;
    m[best] = 0;
  }
  free(m);
  /* back into chart order */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && idx[j - 1] > idx[j]; j--) {
      size_t t = idx[j];
      idx[j] = idx[j - 1];
      idx[j - 1] = t;
    }
  for (size_t i = 0; i < n; i++)
    out[i] = pg->rows[idx[i]].theme;
  return n;
}

/* False for a theme and itself or its own ancestor: the tally does not
 * count those pairs (a child's mention is its parent's too). */
static bool paired(const page *pg, size_t a, size_t b) {
  return !vb__theme_covers(pg->lex, a, b) && !vb__theme_covers(pg->lex, b, a);
}

static void heatmap(page *pg, const vb__slice_view *v) {
  FILE *o = pg->o;
  size_t th[HEAT_THEMES];
  size_t n = heat_themes(pg, v, th);
  if (n < 2)
    return;
  uint64_t cell[HEAT_THEMES][HEAT_THEMES] = {{0}}, max = 1;
  size_t slot = 0, pa, pb;
  uint64_t c;
  while (vb__tally_pair_next(v->tally, &slot, &pa, &pb, &c)) {
    long x = -1, y = -1;
    for (size_t k = 0; k < n; k++) {
      if (th[k] == pa)
        x = (long)k;
      if (th[k] == pb)
        y = (long)k;
    }
    if (x < 0 || y < 0)
      continue;
    cell[x][y] = cell[y][x] = c;
    if (c > max)
      max = c;
  }
  double cs = 34, x0 = LABEL_W + 10, y0 = 30;
  double w = x0 + cs * (double)n + 20, h = y0 + cs * (double)n + 10;
  fputs("<section id=\"pairs\">\n<h2>Themes mentioned together</h2>\n"
        "<p class=\"lead\">Comments mentioning both themes, for the most "
        "mentioned themes; darker is more.</p>\n",
        o);
  svg_open(pg, w, h, "Co-occurrence of the most mentioned themes",
           "A symmetric grid: the cell at a row and a column holds the number "
           "of comments that mention both themes; its colour darkens with "
           "the number. A theme is not paired with itself or its own parent "
           "(every mention of a child counts for its parent): those cells "
           "are grey. Columns are numbered as the rows. The same numbers "
           "are in the table below.",
           &pg->secs[0]);
  for (size_t i = 0; i < n; i++) {
    fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\">%zu. ", 8.0,
            y0 + cs * (double)i + cs / 2 + 4, i + 1);
    theme_name(pg, th[i]);
    fprintf(o, "</text><text x=\"%.1f\" y=\"%.1f\" class=\"tick\">%zu</text>\n",
            x0 + cs * (double)i + cs / 2, y0 - 8, i + 1);
    for (size_t j = 0; j < n; j++) {
      double x = x0 + cs * (double)j, y = y0 + cs * (double)i;
      if (!paired(pg, th[i], th[j])) {
        fprintf(o,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
                "fill=\"#f2f2f2\"/>\n",
                x, y, cs - 2, cs - 2);
        continue;
      }
      double a = (double)cell[i][j] / (double)max;
      fprintf(o,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
              "fill=\"" C_GAIN "\" fill-opacity=\"%.3f\"/>"
              "<text x=\"%.1f\" y=\"%.1f\" class=\"cell%s\">%llu</text>\n",
              x, y, cs - 2, cs - 2, cell[i][j] ? 0.08 + 0.92 * a : 0.0,
              x + cs / 2 - 1, y + cs / 2 + 3, a > 0.5 ? " inv" : "",
              (unsigned long long)cell[i][j]);
    }
  }
  fputs("</svg>\n", o);
  details_table(pg, "Table: comments mentioning both themes", "pairs",
                "<th>theme</th>");
  for (size_t j = 0; j < n; j++)
    fprintf(o, "<th>%zu</th>", j + 1);
  table_body(pg);
  for (size_t i = 0; i < n; i++) {
    fprintf(o, "<tr><th scope=\"row\">%zu. ", i + 1);
    theme_name(pg, th[i]);
    fputs("</th>", o);
    for (size_t j = 0; j < n; j++)
      if (!paired(pg, th[i], th[j]))
        fputs("<td>–</td>", o);
      else
        fprintf(o, "<td>%llu</td>", (unsigned long long)cell[i][j]);
    fputs("</tr>\n", o);
  }
  fputs("</tbody>\n", o);
  details_end(pg);
  fputs("</section>\n", o);
}

/* ---- per theme: top terms and example verbatims ----------------------- */

/* An example's text in <p>: the matched words in <mark>, an ellipsis
 * where the kept window cuts the comment. */
static void quote(FILE *o, const vb__report_example *x) {
  size_t a = x->span_start, b = x->span_end, n = x->text_len;
  if (a > b || b > n)
    a = b = 0; /* no span to show */
  fputs(x->offset ? "<p>…" : "<p>", o);
  size_t cap = EXAMPLE_CAP, w = vb__html_write_text(o, x->text, a, cap);
  if (w == a && b > a && w < cap) {
    fputs("<mark>", o);
    w += vb__html_write_text(o, x->text + a, b - a, cap - w);
    fputs("</mark>", o);
  }
  if (w == b && n > b && w < cap)
    vb__html_write_text(o, x->text + b, n - b, cap - w);
  fputs(x->offset + n < x->comment_len ? "…</p>" : "</p>", o);
}

/* One example comment: its text, its score and id. */
static void example(page *pg, int g, const vb__report_example *x) {
  FILE *o = pg->o;
  fprintf(o, "<blockquote class=\"%s\">", g == 0 ? "det" : "pro");
  quote(o, x);
  fprintf(o, "<small>%s", g == 0 ? "detractor" : "promoter");
  if (x->score >= 0)
    fprintf(o, " · score %d", x->score);
  fputs(" · ", o);
  fputs("id ", o);
  text_cap(o, x->id, x->id_len, LABEL_CAP);
  fputs("</small></blockquote>\n", o);
}

/* The detractors' and promoters' examples of a theme in a section. */
static void examples(page *pg, const vb__section *sec, size_t theme) {
  for (int g = 0; g <= 2; g += 2) {
    const vb__report_example *list;
    size_t n = vb__report_section_examples(pg->r, sec, theme, g, &list);
    for (size_t i = 0; i < n; i++)
      example(pg, g, &list[i]);
  }
}

static void theme_cards(page *pg, const vb__slice_view *v) {
  FILE *o = pg->o;
  fputs("<section id=\"themes\">\n<h2>What was said</h2>\n<p class=\"lead\">"
        "Per theme: its figures, the terms that matched most and example "
        "comments from detractors (vermillion) and promoters (blue), the "
        "matched words highlighted.</p>\n"
        "<div class=\"cards\">\n",
        o);
  for (size_t i = 0; i < pg->nrows; i++) {
    size_t th = pg->rows[i].theme;
    vb__theme_figs f = figs_of(v, th);
    char s[4][32];
    fputs("<article class=\"card\" id=\"theme-", o);
    text(o, vb_lexicon_theme_id(pg->lex, th));
    fputs("\"><h3>", o);
    theme_name(pg, th);
    fputs(" <code>", o);
    text(o, vb_lexicon_theme_id(pg->lex, th));
    fprintf(o,
            "</code></h3>\n<p class=\"figs\"><span>impact <b>%s</b></span> "
            "<span>mentions <b>%llu</b></span> <span>detractors <b>%s</b>"
            "</span> <span>promoters <b>%s</b></span> <span>theme NPS "
            "<b>%s</b></span></p>\n",
            pts(s[0], f.impact), (unsigned long long)f.mentions[VB__NG],
            pct(s[1], f.share[0]), pct(s[2], f.share[2]),
            pts(s[3], f.theme_nps));
    size_t terms[8];
    size_t nt = vb__report_theme_terms(pg->r, v->tally, th, terms, 8);
    if (nt) {
      fputs("<ul class=\"terms\">", o);
      for (size_t k = 0; k < nt; k++) {
        const char *t = vb_lexicon_term_text(pg->lex, terms[k]);
        fputs("<li>", o);
        text_cap(o, t, strlen(t), LABEL_CAP);
        fprintf(o, " <span class=\"n\">%llu</span></li>",
                (unsigned long long)vb_tally_term_hits(v->tally, terms[k]));
      }
      fputs("</ul>\n", o);
    }
    examples(pg, &pg->secs[0], th);
    fputs("</article>\n", o);
  }
  fputs("</div>\n</section>\n", o);
}

/* ---- untagged share per group ----------------------------------------- */

/* Suggest's top candidate terms for untagged detractors (what `verbatim
 * suggest --group detractor` lists), each with its examples, the words
 * marked; nothing without examples kept or without a candidate. */
static void candidates(page *pg) {
  vb_suggest *s = vb__report_suggest(pg->r);
  vb_candidate c[CANDIDATES];
  size_t n = s ? vb_suggest_top(s, 0, CANDIDATE_MIN, c, CANDIDATES) : 0;
  if (!n)
    return;
  FILE *o = pg->o;
  fprintf(o,
          "<h3>Candidate terms for untagged detractors</h3>\n<p "
          "class=\"lead\">Words and word pairs that the %llu detractor "
          "comments no theme matched use more than the other %llu detractor "
          "comments with words (in at least %d of them), by weighted "
          "log-odds z, as <code>verbatim suggest --group detractor</code> "
          "ranks them: terms a lexicon may be missing.</p>\n<ol "
          "class=\"cands\">\n",
          (unsigned long long)vb_suggest_set_size(s, 0),
          (unsigned long long)(vb_suggest_total(s) - vb_suggest_set_size(s, 0)),
          CANDIDATE_MIN);
  for (size_t i = 0; i < n; i++) {
    fputs("<li><b>", o);
    text_cap(o, c[i].term, strlen(c[i].term), LABEL_CAP);
    fprintf(o,
            "</b> <span class=\"figs\"><span>z <b>%.2f</b></span> "
            "<span>untagged <b>%llu</b></span> <span>tagged <b>%llu</b>"
            "</span></span>\n",
            c[i].z, (unsigned long long)c[i].in_target,
            (unsigned long long)c[i].elsewhere);
    vb_suggest_example ex[VB__CANDIDATE_EXAMPLES];
    size_t m = vb_suggest_examples(s, 0, &c[i], ex, VB__CANDIDATE_EXAMPLES);
    for (size_t e = 0; e < m; e++) {
      vb__report_example x;
      vb__example_make(&x, ex[e].text, ex[e].len, "", 0, -1, ex[e].start,
                       ex[e].end, 0);
      fputs("<blockquote class=\"det\">", o);
      quote(o, &x);
      fputs("</blockquote>\n", o);
    }
    fputs("</li>\n", o);
  }
  fputs("</ol>\n", o);
}

static void untagged(page *pg, const vb__slice_view *v) {
  FILE *o = pg->o;
  static const char *const names[] = {"detractors", "passives", "promoters",
                                      "unscored", "all"};
  static const char *const fill[] = {C_COST, "#999999", C_GAIN, "#cccccc",
                                     C_INK};
  const vb__slice_figs *sf = &v->figs;
  fputs("<section id=\"untagged\">\n<h2>What the lexicon missed</h2>\n"
        "<p class=\"lead\">Share of comments with text that mention no "
        "theme, per group, with 95% intervals. <code>verbatim suggest</code> "
        "proposes terms for them.</p>\n",
        o);
  double x0 = 120, max = 0.05;
  for (int g = 0; g <= VB__NG; g++) {
    double lo, hi;
    vb__report_untagged_share(sf, g, &lo, &hi);
    if (!isnan(hi) && hi > max)
      max = hi;
  }
  double k = (CHART_W - x0 - 80) / max;
  svg_open(pg, CHART_W, 5 * ROW_H + 24, "Untagged share per group",
           "One bar per score group: the share of its comments with text "
           "that mention no theme, with the 95% Wilson interval as a line. "
           "The same numbers are in the table below.",
           &pg->secs[0]);
  for (int g = 0; g <= VB__NG; g++) {
    double lo, hi, s = vb__report_untagged_share(sf, g, &lo, &hi);
    double y = 8 + ROW_H * g;
    char a[32];
    fprintf(o, "<text x=\"8\" y=\"%.1f\" class=\"lbl\">%s</text>", y + 14,
            names[g]);
    if (!isnan(s))
      fprintf(o,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
              "fill=\"%s\" fill-opacity=\"0.8\"/><line x1=\"%.1f\" "
              "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_INK "\"/>",
              x0, y + 4, s * k, ROW_H - 8, fill[g], x0 + lo * k, y + 11,
              x0 + hi * k, y + 11);
    fprintf(o, "<text x=\"%.1f\" y=\"%.1f\" class=\"val\">%s</text>\n",
            x0 + (isnan(hi) ? 0 : hi * k) + 6, y + 14, pct(a, s));
  }
  fputs("</svg>\n", o);
  details_table(pg, "Table: untagged comments per group", "untagged",
                "<th>group</th><th>with text</th><th>untagged</th>"
                "<th>share</th><th>interval</th>");
  table_body(pg);
  for (int g = 0; g <= VB__NG; g++) {
    double lo, hi, s = vb__report_untagged_share(sf, g, &lo, &hi);
    char a[32], b[32], c[32];
    fprintf(o,
            "<tr><th scope=\"row\">%s</th><td>%llu</td><td>%llu</td>"
            "<td>%s</td><td>%s–%s</td></tr>\n",
            names[g], (unsigned long long)sf->with_text[g],
            (unsigned long long)sf->untagged[g], pct(a, s), pct(b, lo),
            pct(c, hi));
  }
  fputs("</tbody>\n", o);
  details_end(pg);
  candidates(pg);
  fputs("</section>\n", o);
}

/* ---- segments --------------------------------------------------------- */

static void drivers(page *pg, vb__slice_view *v, const vb__section *sec) {
  fputs("<h3>Which themes cost NPS</h3>\n", pg->o);
  impact_chart(pg, v, sec);
  impact_table(pg, v);
  fputs("<h3>Detractors vs promoters</h3>\n", pg->o);
  share_chart(pg, v, sec);
  share_table(pg, v);
}

/* A segment's examples, theme by theme, when it has any. */
static void segment_examples(page *pg, const vb__section *sec) {
  FILE *o = pg->o;
  bool any = false;
  for (size_t i = 0; i < pg->nrows; i++) {
    size_t th = pg->rows[i].theme;
    const vb__report_example *list;
    if (!vb__report_section_examples(pg->r, sec, th, 0, &list) &&
        !vb__report_section_examples(pg->r, sec, th, 2, &list))
      continue;
    if (!any)
      fputs("<h3>What was said</h3>\n<div class=\"cards\">\n", o);
    any = true;
    fputs("<article class=\"card\"><h3>", o);
    theme_name(pg, th);
    fputs("</h3>\n", o);
    examples(pg, sec, th);
    fputs("</article>\n", o);
  }
  if (any)
    fputs("</div>\n", o);
}

/* With --by: each segment (over all periods) in a <details>, which opens
 * without script. */
static void segments(page *pg) {
  FILE *o = pg->o;
  const char *const *by;
  if (!vb__report_by(pg->r, &by))
    return;
  fputs("<section id=\"segments\">\n<h2>By segment</h2>\n<p class=\"lead\">"
        "Open a segment to see its charts.</p>\n",
        o);
  for (size_t i = 0; i < pg->nsec; i++) {
    const vb__section *sec = &pg->secs[i];
    if (sec->kind != VB__MARGIN_SEGMENT)
      continue;
    vb__slice_view v;
    vb__report_view_slice(pg->r, sec, &v);
    char a[32];
    fputs("<details class=\"segment\"><summary><b>", o);
    section_name(pg, sec);
    fprintf(o, "</b> · NPS %s", pts(a, v.figs.nps));
    if (!isnan(v.figs.margin))
      fprintf(o, " ± %.1f", v.figs.margin);
    fprintf(o, " · %llu responses</summary>\n",
            (unsigned long long)v.figs.responses[VB__NG]);
    kpis(pg, &v.figs);
    if (!v.figs.too_few)
      drivers(pg, &v, sec);
    segment_examples(pg, sec);
    fputs("</details>\n", o);
  }
  fputs("</section>\n", o);
}

/* ---- the page ---------------------------------------------------------- */

static const char STYLE[] =
    ":root{--ink:#222;--mute:#666;--line:#e3e3e3;--cost:" C_COST
    ";--gain:" C_GAIN "}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',"
    "Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);"
    "background:#fafafa;overflow-wrap:anywhere}\n"
    "main{max-width:1000px;margin:0 auto;padding:24px 28px 48px;"
    "background:#fff}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 4px;"
    "padding-top:12px;border-top:2px solid var(--ink)}h3{font-size:16px;"
    "margin:20px 0 6px}\n"
    ".meta,.lead{color:var(--mute);margin:0 0 12px}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0}\n"
    ".kpi{flex:1 1 120px;border:1px solid var(--line);border-radius:6px;"
    "padding:8px 12px;border-top:4px solid #999}\n"
    ".kpi .k{font-size:12px;text-transform:uppercase;letter-spacing:.04em;"
    "color:var(--mute)}.kpi .v{font-size:24px;font-weight:600}"
    ".kpi .n{font-size:12px;color:var(--mute)}\n"
    ".kpi.nps{border-top-color:var(--ink);flex-basis:180px}"
    ".kpi.det{border-top-color:var(--cost)}.kpi.pro{border-top-color:"
    "var(--gain)}.kpi.uns{border-top-color:#ccc}\n"
    "svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}\n"
    "svg text{font:12px system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
    "sans-serif;fill:var(--ink)}\n"
    "svg .lbl.child{fill:var(--mute)}svg .tick{fill:var(--mute);"
    "text-anchor:middle;font-size:11px}svg .tick.start{text-anchor:start}"
    "svg .tick.end,svg .val.end{text-anchor:end}svg .val{font-size:11px}"
    "svg .cell{text-anchor:middle;font-size:11px}svg .cell.inv{fill:#fff}\n"
    "details.data{margin:4px 0 16px;font-size:13px}details summary{"
    "cursor:pointer;color:var(--mute)}\n"
    ".scroll{overflow-x:auto}table{border-collapse:collapse;margin:6px 0}"
    "caption{text-align:left;color:var(--mute);font-size:12px}"
    "th,td{padding:3px 8px;border-bottom:1px solid var(--line);"
    "text-align:right;white-space:nowrap}th[scope=row],thead th:first-child"
    "{text-align:left;white-space:normal}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax("
    "300px,1fr));gap:12px}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:10px "
    "14px;break-inside:avoid}.card h3{margin:0 0 4px;font-size:15px}"
    ".card code{font-size:11px;color:var(--mute)}\n"
    ".figs{font-size:12px;color:var(--mute);margin:0 0 6px}.figs span{"
    "margin-right:8px;white-space:nowrap}.figs b{color:var(--ink)}\n"
    ".terms{list-style:none;padding:0;margin:0 0 6px;display:flex;"
    "flex-wrap:wrap;gap:4px}.terms li{background:#eef4fa;border-radius:"
    "10px;padding:1px 8px;font-size:12px}.terms .n{color:var(--mute)}\n"
    "blockquote{margin:6px 0;padding:2px 10px;border-left:3px solid #999;"
    "font-size:13px;unicode-bidi:isolate}blockquote p{margin:0}"
    "blockquote "
    "small{color:var(--mute);font-size:11px}blockquote.det{border-color:"
    "var(--cost)}blockquote.pro{border-color:var(--gain)}"
    "mark{background:#ffe8a3;color:inherit;padding:0 1px}\n"
    ".cands{padding-left:24px}.cands li{margin:8px 0}.cands .figs{"
    "margin-left:6px}\n"
    "details.segment{border:1px solid var(--line);border-radius:6px;"
    "padding:6px 12px;margin:8px 0}details.segment>summary{color:"
    "var(--ink)}\n"
    "footer{margin-top:40px;font-size:12px;color:var(--mute)}\n"
    "@media print{body{background:#fff;font-size:12px}main{max-width:none;"
    "padding:0}details.data,details.segment:not([open]){display:none}"
    "svg.chart,.card,.kpis{break-inside:avoid}h2{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "@page{margin:14mm}}\n";

/* Nothing may load or run: no script, no request anywhere. */
static const char CSP[] =
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; "
    "form-action 'none'";

static void page_start(page *pg) {
  fprintf(pg->o,
          "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"%s\">\n<meta name=\"viewport\" "
          "content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"verbatim\">\n"
          "<title>Theme report</title>\n<style>\n%s</style>\n</head>\n"
          "<body>\n<main>\n",
          CSP, STYLE);
}

static void page_end(page *pg) {
  fputs("<footer><p>Share = comments in the group mentioning the theme / "
        "comments in the group with text. Impact = NPS points the theme "
        "adds (+) or costs (−). Intervals are 95% Wilson intervals; "
        "differences are two-proportion tests at 5%. Definitions: "
        "docs/metrics.md and docs/report-html.md of Verbatim.</p></footer>\n"
        "</main>\n</body>\n</html>\n",
        pg->o);
}

static void overall(page *pg, vb__slice_view *v) {
  FILE *o = pg->o;
  fputs("<section id=\"impact\">\n<h2>Which themes cost NPS points</h2>\n"
        "<p class=\"lead\">NPS of everyone minus NPS of those who did not "
        "mention the theme. Child themes sit under their parent.</p>\n",
        o);
  impact_chart(pg, v, &pg->secs[0]);
  impact_table(pg, v);
  fputs("</section>\n<section id=\"shares\">\n<h2>Who mentions them</h2>\n"
        "<p class=\"lead\">Share of detractors' and promoters' comments "
        "mentioning each theme.</p>\n",
        o);
  share_chart(pg, v, &pg->secs[0]);
  share_table(pg, v);
  fputs("</section>\n", o);
}

int vb__report_write_html(vb_report *r, FILE *out) {
  page pg = {.r = r, .lex = vb_report_lexicon(r), .o = out};
  int rc = vb__report_sections(r, &pg.secs, &pg.nsec);
  if (rc)
    return rc;
  vb__slice_view v;
  vb__report_view_slice(r, &pg.secs[0], &v);
  rc = order_themes(&pg, &v);
  if (!rc) {
    page_start(&pg);
    header(&pg, &v.figs);
    if (!v.figs.too_few) {
      overall(&pg, &v);
      trends(&pg);
      heatmap(&pg, &v);
      theme_cards(&pg, &v);
      untagged(&pg, &v);
    }
    segments(&pg);
    page_end(&pg);
    rc = pg.rc;
  }
  free(pg.rows);
  free(pg.secs);
  return rc;
}
