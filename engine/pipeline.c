/*
 * pipeline.c - the `tag` job: reader -> matcher -> writer, and the tally.
 *
 * Invariant: every row the reader yields is either written (tagged) or
 * rejected — written to the rejects stream with its line and reason — and
 * counted as such, so read == tagged + rejected always holds.  A row is
 * rejected when the reader finds it malformed or too big, when its score
 * is not an NPS score, or when its comment is too long to match; a row
 * with an empty score is tagged and counted as unscored.
 *
 * Today the job runs on the calling thread with one matcher; the shape
 * (one immutable lexicon, a matcher per worker, tallies merged at the
 * end) is the one the parallel pipeline keeps.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const TEXT_NAMES[] = {
    "comment", "comments", "text", "verbatim", "feedback", "response",
    "answer",  "reason",   "why",  "open_end", "message",  NULL};
static const char *const SCORE_NAMES[] = {
    "score", "nps", "nps_score", "rating", "likelihood_to_recommend",
    "ltr",   NULL};
static const char *const ID_NAMES[] = {
    "id",   "response_id", "respondent_id", "responseid", "record_id",
    "uuid", NULL};

struct vb_job {
  const vb_lexicon *lex;
  char *text_col, *score_col, *id_col;
  FILE *out, *rejects;
  vb_output format;
  const vb_scale *scale;
  vb_report *report;
  char *date_col;
  bool header_written, rejects_header_written; /* once per job, not per file */
};

int vb_job_new(const vb_lexicon *lex, vb_job **out) {
  if (!out)
    return VB_EINVAL;
  *out = NULL;
  if (!lex)
    return VB_EINVAL;
  vb_job *job = calloc(1, sizeof *job);
  if (!job)
    return VB_ENOMEM;
  job->lex = lex;
  job->format = VB_OUTPUT_NONE;
  *out = job;
  return VB_OK;
}

void vb_job_free(vb_job *job) {
  if (!job)
    return;
  free(job->text_col);
  free(job->score_col);
  free(job->id_col);
  free(job->date_col);
  free(job);
}

static int set_name(char **dst, const char *name) {
  char *copy = NULL;
  if (name && !(copy = strdup(name)))
    return VB_ENOMEM;
  free(*dst);
  *dst = copy;
  return VB_OK;
}

int vb_job_set_columns(vb_job *job, const char *text, const char *score,
                       const char *id) {
  if (set_name(&job->text_col, text) || set_name(&job->score_col, score) ||
      set_name(&job->id_col, id))
    return VB_ENOMEM;
  return VB_OK;
}

void vb_job_set_output(vb_job *job, FILE *out, vb_output format) {
  job->out = out;
  job->header_written = false;
  job->format = out ? format : VB_OUTPUT_NONE;
}

void vb_job_set_rejects(vb_job *job, FILE *rejects) {
  job->rejects = rejects;
  job->rejects_header_written = false;
}

void vb_job_set_scale(vb_job *job, const vb_scale *scale) {
  job->scale = scale;
}

int vb_job_set_report(vb_job *job, vb_report *report, const char *date_column) {
  job->report = report;
  return set_name(&job->date_col, date_column ? date_column : "date");
}

/* Finds a column by its configured name or by the common names.  A name
 * given explicitly must exist (VB_ECOLUMN); an absent common name is -1. */
static int find_column(const vb_reader *r, const char *given,
                       const char *const common[], const char *role, long *col,
                       vb_error *err) {
  *col = -1;
  if (given) {
    *col = vb_reader_find_column(r, given);
    if (*col >= 0)
      return VB_OK;
  } else {
    for (size_t i = 0; common[i] && *col < 0; i++)
      *col = vb_reader_find_column(r, common[i]);
    if (*col >= 0 || strcmp(role, "text") != 0)
      return VB_OK;
  }
  char cols[300] = "";
  for (size_t i = 0; i < vb_reader_column_count(r); i++) {
    const char *name = vb_reader_column_name(r, i);
    if (strlen(cols) + strlen(name) + 8 >= sizeof cols) {
      strcat(cols, ", ...");
      break;
    }
    if (i)
      strcat(cols, ", ");
    strcat(cols, name);
  }
  if (given)
    return vb__fail(err, VB_ECOLUMN, vb_reader_name(r), 1, 0,
                    "no %s column named \"%s\" (columns: %s)", role, given,
                    cols);
  return vb__fail(err, VB_ECOLUMN, vb_reader_name(r), 1, 0,
                  "no text column found (looked for comment, text, verbatim, "
                  "feedback, ...; columns: %s); name it with --text",
                  cols);
}

static void write_reject(vb_job *job, uint64_t line, const char *reason,
                         const char *raw, size_t raw_len) {
  if (!job->rejects)
    return;
  fprintf(job->rejects, "%llu,", (unsigned long long)line);
  vb_csv_write_field(job->rejects, reason, strlen(reason));
  fputc(',', job->rejects);
  /* the raw row without its record terminator */
  while (raw_len && (raw[raw_len - 1] == '\n' || raw[raw_len - 1] == '\r'))
    raw_len--;
  vb_csv_write_field(job->rejects, raw, raw_len);
  fputc('\n', job->rejects);
}

static void reject(vb_job *job, vb_reader *r, vb_tally *tally,
                   const char *reason) {
  size_t raw_len;
  const char *raw = vb_reader_raw(r, &raw_len);
  write_reject(job, vb_reader_line(r), reason, raw, raw_len);
  vb_tally_count_add(tally, VB_COUNT_REJECTED, 1);
}

static void write_header(vb_job *job, const vb_reader *r) {
  FILE *o = job->out;
  const vb_lexicon *lex = job->lex;
  if (job->format == VB_OUTPUT_CSV) {
    for (size_t c = 0; c < vb_reader_column_count(r); c++) {
      const char *name = vb_reader_column_name(r, c);
      vb_csv_write_field(o, name, strlen(name));
      fputc(',', o);
    }
    fputs("themes", o);
    for (size_t t = 0; t < vb_lexicon_theme_count(lex); t++) {
      const char *id = vb_lexicon_theme_id(lex, t);
      fputc(',', o);
      vb_csv_write_field(o, id, strlen(id));
    }
    fputc('\n', o);
  } else if (job->format == VB_OUTPUT_LONG) {
    fputs("id,theme\n", o);
  }
}

static bool blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
      return false;
  return true;
}

/* The row id: the id column's value, or the line number. */
static const char *row_id(const vb_reader *r, long id_col, char buf[32],
                          size_t *len) {
  if (id_col >= 0)
    return vb_reader_field(r, (size_t)id_col, len);
  *len =
      (size_t)snprintf(buf, 32, "%llu", (unsigned long long)vb_reader_line(r));
  return buf;
}

static void write_row(vb_job *job, const vb_reader *r, const vb_matcher *m,
                      long id_col, int score, vb_group group,
                      const char *text) {
  FILE *o = job->out;
  const vb_lexicon *lex = job->lex;
  const size_t *themes;
  size_t nthemes = vb_matcher_themes(m, &themes);
  char buf[32];
  size_t len;
  const char *id;
  switch (job->format) {
  case VB_OUTPUT_CSV: {
    for (size_t c = 0; c < vb_reader_column_count(r); c++) {
      const char *f = vb_reader_field(r, c, &len);
      vb_csv_write_field(o, f, len);
      fputc(',', o);
    }
    for (size_t i = 0; i < nthemes; i++) {
      const char *tid = vb_lexicon_theme_id(lex, themes[i]);
      if (i)
        fputc(';', o);
      fputs(tid, o); /* ids never need quoting: [A-Za-z0-9_.-] */
    }
    size_t next = 0, count = vb_lexicon_theme_count(lex);
    for (size_t t = 0; t < count; t++) {
      bool hit = next < nthemes && themes[next] == t;
      next += hit;
      fputs(hit ? ",1" : ",0", o);
    }
    fputc('\n', o);
    break;
  }
  case VB_OUTPUT_LONG:
    id = row_id(r, id_col, buf, &len);
    for (size_t i = 0; i < nthemes; i++) {
      vb_csv_write_field(o, id, len);
      fprintf(o, ",%s\n", vb_lexicon_theme_id(lex, themes[i]));
    }
    break;
  case VB_OUTPUT_NDJSON:
    id = row_id(r, id_col, buf, &len);
    fputs("{\"id\":", o);
    vb_json_write_string(o, id, len);
    fprintf(o,
            ",\"line\":%llu,\"score\":", (unsigned long long)vb_reader_line(r));
    if (score >= 0)
      fprintf(o, "%d", score);
    else
      fputs("null", o);
    fprintf(o, ",\"group\":\"%s\",\"themes\":[", vb_group_name(group));
    for (size_t i = 0; i < nthemes; i++)
      fprintf(o, "%s\"%s\"", i ? "," : "", vb_lexicon_theme_id(lex, themes[i]));
    fputs("],\"matches\":[", o);
    for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
      const vb_match *x = vb_matcher_match(m, i);
      const char *term = vb_lexicon_term_text(lex, x->term);
      fprintf(o, "%s{\"theme\":\"%s\",\"term\":", i ? "," : "",
              vb_lexicon_theme_id(lex, x->theme));
      vb_json_write_string(o, term, strlen(term));
      fprintf(o, ",\"start\":%zu,\"end\":%zu,\"text\":", x->start, x->end);
      vb_json_write_string(o, text + x->start, x->end - x->start);
      fprintf(o, ",\"negated\":%s", x->negated ? "true" : "false");
      if (x->excluded) {
        const char *by = vb_lexicon_term_text(lex, x->excluded_by);
        fputs(",\"excluded\":true,\"excluded_by\":", o);
        vb_json_write_string(o, by, strlen(by));
      }
      fputc('}', o);
    }
    fputs("]}\n", o);
    break;
  default:
    break;
  }
}

int vb_job_run(vb_job *job, vb_reader *r, vb_tally *tally, vb_error *err) {
  vb__error_clear(err);
  if (!job || !r || !tally)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "job, reader or tally NULL");
  long text_col, score_col, id_col;
  int rc = find_column(r, job->text_col, TEXT_NAMES, "text", &text_col, err);
  if (!rc)
    rc = find_column(r, job->score_col, SCORE_NAMES, "score", &score_col, err);
  if (!rc)
    rc = find_column(r, job->id_col, ID_NAMES, "id", &id_col, err);
  const char *const *by_names = NULL;
  size_t by_count = job->report ? vb__report_by(job->report, &by_names) : 0;
  vb_period period =
      job->report ? vb__report_period(job->report) : VB_PERIOD_NONE;
  long by_cols[64], date_col = -1;
  if (by_count > 64)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "at most 64 --by columns");
  for (size_t i = 0; i < by_count && !rc; i++)
    rc = find_column(r, by_names[i], NULL, "--by", &by_cols[i], err);
  if (!rc && period != VB_PERIOD_NONE)
    rc = find_column(r, job->date_col, NULL, "date", &date_col, err);
  if (rc)
    return rc;
  bool sliced = by_count > 0 || period != VB_PERIOD_NONE;
  vb_matcher *m;
  if ((rc = vb_matcher_new(job->lex, &m, err)))
    return rc;
  if (job->out && !job->header_written)
    write_header(job, r);
  job->header_written = true;
  if (job->rejects && !job->rejects_header_written)
    fputs("line,reason,raw\n", job->rejects);
  job->rejects_header_written = true;

  vb_error row_err;
  char reason[600];
  for (;;) {
    rc = vb_reader_next(r, &row_err);
    if (rc == 0)
      break;
    if (rc == VB_EMALFORMED || rc == VB_ETOOBIG) {
      vb_tally_count_add(tally, VB_COUNT_READ, 1);
      /* a multi-line row's error may sit on a later line than its start */
      if (row_err.column && row_err.line && row_err.line != vb_reader_line(r))
        snprintf(reason, sizeof reason, "line %u column %u: %s", row_err.line,
                 row_err.column, row_err.message);
      else if (row_err.column)
        snprintf(reason, sizeof reason, "column %u: %s", row_err.column,
                 row_err.message);
      else
        snprintf(reason, sizeof reason, "%s", row_err.message);
      reject(job, r, tally, reason);
      continue;
    }
    if (rc < 0) {
      if (err)
        *err = row_err;
      break;
    }
    vb_tally_count_add(tally, VB_COUNT_READ, 1);
    size_t text_len = 0, score_len = 0;
    const char *text = vb_reader_field(r, (size_t)text_col, &text_len);
    int score = -1;
    vb_group group = VB_GROUP_UNSCORED;
    if (score_col >= 0) {
      const char *s = vb_reader_field(r, (size_t)score_col, &score_len);
      if (vb_scale_score(job->scale, s, score_len, &score, &group) != VB_OK) {
        snprintf(reason, sizeof reason,
                 "score \"%.*s\" in column \"%s\" is not on the scale (%s)",
                 (int)(score_len > 40 ? 40 : score_len), s,
                 vb_reader_column_name(r, (size_t)score_col),
                 vb_scale_text(job->scale));
        reject(job, r, tally, reason);
        continue;
      }
    }
    vb_tally *slice = NULL;
    if (sliced) { /* the row's slice; a bad date rejects the row */
      const char *values[64];
      size_t lens[64];
      char start[11], label[16];
      for (size_t i = 0; i < by_count; i++)
        values[i] = vb_reader_field(r, (size_t)by_cols[i], &lens[i]);
      if (date_col >= 0) {
        size_t dlen;
        const char *d = vb_reader_field(r, (size_t)date_col, &dlen);
        if (vb_period_bucket(period, d, dlen, start, label) != VB_OK) {
          snprintf(reason, sizeof reason,
                   "date \"%.*s\" in column \"%s\" is not an ISO-8601 "
                   "date (YYYY-MM-DD[Thh:mm[:ss]][zone])",
                   (int)(dlen > 40 ? 40 : dlen), d,
                   vb_reader_column_name(r, (size_t)date_col));
          reject(job, r, tally, reason);
          continue;
        }
      }
      if (vb_report_slice(job->report, values, lens,
                          date_col >= 0 ? start : NULL,
                          date_col >= 0 ? label : NULL, &slice)) {
        rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
        break;
      }
    }
    int mrc = vb_matcher_run(m, text, text_len);
    if (mrc == VB_ETOOBIG) {
      reject(job, r, tally, "comment longer than 64 MiB");
      continue;
    }
    if (mrc == VB_EMATCHLIMIT) {
      vb_tally_count_add(tally, VB_COUNT_PATTERN_ERRORS, 1);
    } else if (mrc != VB_OK) {
      rc = vb__fail(err, mrc, vb_reader_name(r), (unsigned)vb_reader_line(r), 0,
                    "cannot match this row: %s", vb_strerror(mrc));
      break;
    }
    if (vb_matcher_invalid_utf8(m))
      vb_tally_count_add(tally, VB_COUNT_INVALID_UTF8, 1);
    if (job->out)
      write_row(job, r, m, id_col, score, group, text);
    bool has_text = !blank(text, text_len);
    if (vb_tally_add(tally, group, has_text, m) ||
        (slice && vb_tally_add(slice, group, has_text, m))) {
      rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
      break;
    }
  }
  vb_matcher_free(m);
  if (rc < 0)
    return rc;
  if (job->out && ferror(job->out))
    return vb__fail(err, VB_EIO, NULL, 0, 0, "cannot write output");
  return VB_OK;
}
