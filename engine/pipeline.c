/*
 * pipeline.c - the `tag` job: reader -> matcher -> writer, and the tally.
 *
 * Invariant: every row the reader yields is either written (tagged) or
 * rejected — written to the rejects stream with its line and reason — and
 * counted as such, so read == tagged + rejected always holds.  A row is
 * rejected when the reader finds it malformed or too big, when its score
 * is not on the scale (or its group label is unknown), when its date does
 * not read, or when its comment is too long to match; a row with an empty
 * or no-answer score is tagged and counted as unscored.  Rejects are also
 * counted by kind of reason, for the caller's summary.
 *
 * Dates: with a date column and no format given, the first batches of
 * rows (up to DETECT_ROWS) are read ahead, their dates sampled and one
 * format chosen (period.c) before any row is processed; those batches then
 * run as if just read.  Memory stays bounded by the look-ahead.
 *
 * Output: a format's header is written before the first row of output, or
 * at the end when rows were tagged without output (-f long) or when the
 * input had no rows; an input whose every row was rejected leaves the
 * output empty, so the caller can refuse it whole.
 *
 * Parallel: threads — each with its own matcher, tally and report
 * slices — take turns reading rows into batches (copies), each tags the
 * batches it read and writes their output to memory, and the calling
 * thread writes finished batches in input order (a reader over a
 * caller's callback is read on the calling thread only: see pool).  A
 * fixed ring of batches bounds memory whatever the input size; tallies
 * merge exactly at the end, so the output and every count are the same
 * for any number of threads.  With one thread the same batches run on
 * the calling thread.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h> /* __fsetlocking */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

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
/* A language column read without --lang when the lexicons have several
 * languages (Qualtrics writes UserLanguage). */
static const char *const LANG_NAMES[] = {
    "lang", "language", "userlanguage", "user_language", "locale", NULL};

long vb_reader_role_column(vb_reader *r, vb_column_role role,
                           const char *given) {
  static const char *const *const names[] = {TEXT_NAMES, SCORE_NAMES, ID_NAMES};
  if (!r || (unsigned)role > VB_ROLE_ID)
    return -1;
  if (given)
    return vb_reader_use_column(r, given);
  long col = -1;
  for (size_t i = 0; names[role][i] && col < 0; i++)
    col = vb_reader_find_column(r, names[role][i]);
  return col;
}

/* Rows per comment language (the key a report slices by) and the language
 * lexicon they went to: what the counts line says about languages. */
enum { MAX_LANG_KEYS = 48 };
typedef struct lang_entry {
  char code[16];
  uint64_t rows;
  uint32_t route;
} lang_entry;
typedef struct lang_counts {
  lang_entry entries[MAX_LANG_KEYS];
  size_t count;
} lang_counts;

static void lang_add(lang_counts *c, const char *code, uint32_t route,
                     uint64_t rows) {
  size_t i = 0;
  while (i < c->count && strcmp(c->entries[i].code, code) != 0)
    i++;
  if (i == c->count) {
    if (c->count == MAX_LANG_KEYS) { /* the rest share the last entry */
      i = MAX_LANG_KEYS - 1;
      snprintf(c->entries[i].code, sizeof c->entries[i].code, "other");
    } else {
      c->count++;
      snprintf(c->entries[i].code, sizeof c->entries[i].code, "%s", code);
      c->entries[i].route = route;
    }
  }
  c->entries[i].rows += rows;
}

static void lang_count(lang_counts *c, const char *code, uint32_t route) {
  if (c->count && strcmp(c->entries[0].code, code) == 0) /* most rows */
    c->entries[0].rows++;
  else
    lang_add(c, code, route, 1);
}

/* Most rows first, then by code: the same order for any number of
 * threads. */
static int by_rows(const void *a, const void *b) {
  const lang_entry *x = a, *y = b;
  if (x->rows != y->rows)
    return x->rows > y->rows ? -1 : 1;
  return strcmp(x->code, y->code);
}

static void lang_merge(lang_counts *dst, const lang_counts *src) {
  for (size_t i = 0; i < src->count; i++)
    lang_add(dst, src->entries[i].code, src->entries[i].route,
             src->entries[i].rows);
  qsort(dst->entries, dst->count, sizeof *dst->entries, by_rows);
}

struct vb_job {
  const vb_lexicon *lex;
  char *text_col, *score_col, *id_col, *group_col;
  FILE *out, *rejects;
  vb_output format;
  const vb_scale *scale;
  vb_report *report;
  char *date_col, *date_fmt; /* date_fmt NULL: detected per input */
  vb_notice_fn notice;
  void *notice_ctx;
  vb__reasons reasons;         /* over every run */
  bool rejects_header_written; /* once per job, not per file */
  unsigned threads;            /* 0: one per core */
  vb_progress_fn progress;
  void *progress_user;
  bool timing;
  uint64_t stage_ns[VB_STAGE_COUNT];  /* summed over threads and runs */
  bool strict;                        /* the first reject stops the run */
  bool no_score;                      /* score column "": none read */
  uint64_t rows_seen;                 /* rows read by earlier runs */
  vb__sink_slot sinks[VB__MAX_SINKS]; /* the caller's */
  size_t sink_count;
  /* its own sinks: the output format, the report's slices, the tally */
  vb__format_ctx format_ctx;
  vb__sink_slot format_slot, report_slot, tally_slot;
  /* languages: the column naming them (NULL: detect), where unknown ones
   * go, whether to detect with one language too, the rows of each */
  char *lang_col, *default_lang;
  bool detect;
  lang_counts langs;
};

/* Sinks of one run: the job's own three and the caller's. */
enum { RUN_SINKS = VB__MAX_SINKS + 3 };

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

size_t vb_job_reject_reasons(vb_job *job, size_t max, const char **reasons,
                             uint64_t *counts) {
  return vb__reasons_list(&job->reasons, max, reasons, counts);
}

void vb_job_free(vb_job *job) {
  if (!job)
    return;
  free(job->text_col);
  free(job->score_col);
  free(job->id_col);
  free(job->date_col);
  free(job->date_fmt);
  free(job->group_col);
  free(job->lang_col);
  free(job->default_lang);
  vb__reasons_free(&job->reasons);
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
  job->format_slot.header_written = false;
  job->format = out ? format : VB_OUTPUT_NONE;
}

void vb_job_set_rejects(vb_job *job, FILE *rejects) {
  job->rejects = rejects;
  job->rejects_header_written = false;
}

void vb_job_set_threads(vb_job *job, unsigned threads) {
  job->threads = threads;
}

void vb_job_set_progress(vb_job *job, vb_progress_fn fn, void *user) {
  job->progress = fn;
  job->progress_user = user;
}

const char *vb_stage_name(vb_stage stage) {
  static const char *const names[VB_STAGE_COUNT] = {
      "read",      "normalize", "segment", "stem",    "match",
      "aggregate", "write",     "detect",  "patterns"};
  return stage < VB_STAGE_COUNT ? names[stage] : "?";
}

void vb_job_set_timing(vb_job *job, int on) { job->timing = on != 0; }

uint64_t vb_job_stage_ns(const vb_job *job, vb_stage stage) {
  return stage < VB_STAGE_COUNT ? job->stage_ns[stage] : 0;
}

void vb_job_set_scale(vb_job *job, const vb_scale *scale) {
  job->scale = scale;
}

int vb_job_set_report(vb_job *job, vb_report *report, const char *date_column) {
  job->report = report;
  return set_name(&job->date_col, date_column ? date_column : "date");
}

int vb_job_set_group_column(vb_job *job, const char *column) {
  return set_name(&job->group_col, column);
}

int vb_job_set_languages(vb_job *job, const char *column, const char *fallback,
                         int detect, vb_error *err) {
  vb__error_clear(err);
  if (fallback && vb_lexicon_route(job->lex, fallback, strlen(fallback)) < 0)
    return vb__fail(err, VB_ELANGUAGE, NULL, 0, 0,
                    "no lexicon is loaded for the default language \"%s\"",
                    fallback);
  if (set_name(&job->lang_col, column) ||
      set_name(&job->default_lang, fallback))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  job->detect = detect != 0;
  return VB_OK;
}

size_t vb_job_languages(const vb_job *job, size_t max, const char **codes,
                        uint64_t *rows, const char **matched_as) {
  const lang_counts *c = &job->langs;
  for (size_t i = 0; i < c->count && i < max; i++) {
    codes[i] = c->entries[i].code;
    rows[i] = c->entries[i].rows;
    matched_as[i] = vb_lexicon_language_at(job->lex, c->entries[i].route);
  }
  return c->count;
}

int vb_job_set_date_format(vb_job *job, const char *format, vb_error *err) {
  vb__error_clear(err);
  if (format) {
    int rc = vb_date_format_check(format, err);
    if (rc)
      return rc;
  }
  if (set_name(&job->date_fmt, format))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

void vb_job_set_strict(vb_job *job, int on) { job->strict = on != 0; }

int vb_job_add_sink(vb_job *job, const vb_sink *sink, FILE *out) {
  if (!job || !sink || !sink->row)
    return VB_EINVAL;
  if (job->sink_count == VB__MAX_SINKS)
    return VB_EINVAL;
  job->sinks[job->sink_count++] = (vb__sink_slot){*sink, out, false};
  return VB_OK;
}

void vb_job_set_notices(vb_job *job, vb_notice_fn fn, void *ctx) {
  job->notice = fn;
  job->notice_ctx = ctx;
}

/* The input's column names, ", "-joined (ending in ", ..." when long). */
static void list_columns(const vb_reader *r, char *cols, size_t size) {
  cols[0] = '\0';
  for (size_t i = 0; i < vb_reader_column_count(r); i++) {
    const char *name = vb_reader_column_name(r, i);
    if (strlen(cols) + strlen(name) + 8 >= size) {
      strcat(cols, ", ...");
      break;
    }
    if (i)
      strcat(cols, ", ");
    strcat(cols, name);
  }
}

/* Finds a column by its configured name or by the common names.  A name
 * given explicitly must exist (VB_ECOLUMN); an absent common name is -1.
 * NDJSON resolves a given name in every row (vb_reader_use_column), so
 * there it always exists, as does a score column. */
static int find_column(vb_reader *r, const char *given,
                       const char *const common[], const char *role, long *col,
                       vb_error *err) {
  *col = -1;
  if (given) {
    *col = vb_reader_use_column(r, given);
    if (*col >= 0)
      return VB_OK;
  } else {
    for (size_t i = 0; common[i] && *col < 0; i++)
      *col = vb_reader_find_column(r, common[i]);
    /* NDJSON rows after the first may hold what the first lacks: look
     * there for a score under the first common name. */
    if (*col < 0 && strcmp(role, "score") == 0 &&
        vb_reader_format(r) == VB_FORMAT_NDJSON)
      *col = vb_reader_use_column(r, common[0]);
    if (*col >= 0 || strcmp(role, "text") != 0)
      return VB_OK;
  }
  char cols[300];
  list_columns(r, cols, sizeof cols);
  if (given)
    return vb__fail(err, VB_ECOLUMN, vb_reader_name(r), 1, 0,
                    "no %s column named \"%s\" (columns: %s)", role, given,
                    cols);
  return vb__fail(err, VB_ECOLUMN, vb_reader_name(r), 1, 0,
                  "no text column found (looked for comment, text, verbatim, "
                  "feedback, ...; columns: %s)",
                  cols);
}

/* ---- batches ---------------------------------------------------------- */

/* Rows travel from the reader to the workers in batches of copied bytes,
 * and the workers' output travels back to the writer in the batch. */
enum { BATCH_ROWS = 2048, BATCH_BYTES = 1 << 20, MAX_THREADS = 64 };
/* Rows read ahead to choose a date format: whole batches, at most
 * LOOKAHEAD of them (so at most LOOKAHEAD * BATCH_BYTES of row bytes). */
enum { DETECT_ROWS = 10000, LOOKAHEAD = 5 };
/* by_cols[i] of `--by language`: the comment's language, not a column. */
enum { LANGUAGE_SEGMENT = -2 };

typedef vb__span span; /* in batch.data */

typedef struct batch_row {
  uint64_t line;
  span raw;
  span reason;   /* a malformed row: why (len 0 otherwise) */
  span kind;     /* ... and the reader's message alone (len 0: the reason
                    is its own kind) */
  size_t fields; /* its first field in batch.fields */
  bool malformed;
} batch_row;

/* What one sink (or the rejects) wrote for a batch.  The buffer stays
 * with the batch slot from one batch to the next, so it grows a few times
 * per run: open_memstream started afresh for every batch, and its growth
 * (realloc, copies, fresh pages) was a tenth of `tag -f csv`. */
typedef struct outbuf {
  char *data;
  size_t len, cap;
} outbuf;

static long outbuf_write(void *ctx, const char *data, size_t len) {
  outbuf *o = ctx;
  if (vb__grow((void **)&o->data, &o->cap, o->len + len, 1))
    return -1;
  memcpy(o->data + o->len, data, len);
  o->len += len;
  return (long)len;
}

/* An empty stream into o (NULL when out of memory).  One worker writes
 * it from open to close (process_batch), so stdio need not lock it for
 * every fputc: a tenth of what `tag -f csv` spent writing. */
static FILE *outbuf_open(outbuf *o) {
  o->len = 0;
  FILE *f = vb_stream_open(outbuf_write, o);
  if (f && setvbuf(f, NULL, _IOFBF, 1 << 16)) {
    fclose(f);
    return NULL;
  }
  if (f)
    __fsetlocking(f, FSETLOCKING_BYCALLER);
  return f;
}

typedef struct batch {
  char *data;
  size_t data_len, data_cap;
  batch_row *rows;
  size_t row_count, row_cap;
  /* spans of `data`: a field is mostly a slice of its row's raw copy, so
   * not NUL-terminated (read it with its length); reasons are */
  span *fields;
  size_t field_count, field_cap;
  uint64_t first_index;       /* vb_row_index of its first row */
  outbuf out[RUN_SINKS], rej; /* what the sinks wrote, in order */
  int rc; /* a fatal error at some row; the rows before it are done */
  vb_error err;
  int state;
} batch;

static void batch_free(batch *b) {
  free(b->data);
  free(b->rows);
  free(b->fields);
  for (size_t i = 0; i < RUN_SINKS; i++)
    free(b->out[i].data);
  free(b->rej.data);
}

/* Copies s[0, len) into the batch's data, NUL-terminated, as *at. */
static int batch_put(batch *b, const char *s, size_t len, span *at) {
  if (vb__grow((void **)&b->data, &b->data_cap, b->data_len + len + 1, 1))
    return VB_ENOMEM;
  memcpy(b->data + b->data_len, s, len);
  *at = (span){b->data_len, len};
  b->data_len += len;
  b->data[b->data_len++] = '\0';
  return VB_OK;
}

/* ---- one run: what the reader, the workers and the writer share ------- */

/* Batches read ahead of the run (to choose a date format), handed out
 * first, then `more`: what the reader said after the last of them. */
typedef struct lookahead {
  batch b[LOOKAHEAD];
  size_t count, next;
  int more;
  vb_error err;
} lookahead;

typedef struct run {
  vb_job *job;
  const vb_reader *reader;
  size_t columns;
  long text_col, score_col, id_col, group_col, date_col, by_cols[64];
  long lang_col; /* the column of the comments' languages, or -1 */
  bool routing;  /* each comment goes to its language's lexicon */
  size_t by_count;
  vb_period period;
  bool sliced;
  const char *date_fmt; /* NULL: ISO 8601 */
  lookahead *ahead;     /* NULL when nothing was read ahead */
  char *input_name, *score_name, *date_name; /* copies, for messages */
  char *date_kind;                           /* reason kind of a bad date */
  uint64_t next_index;                       /* of the next row read */
  /* the run's sinks: the job's own (format, report slices, the tally),
   * then the caller's */
  vb__sink_slot *sinks[RUN_SINKS];
  size_t sink_count;
} run;

/* A comment's language as detected, kept for the row (process_batch). */
typedef struct detected {
  char code[16];
  size_t len;
} detected;

typedef struct worker {
  const run *run;
  vb_matcher *m;
  void *state[RUN_SINKS]; /* per sink of the run */
  pthread_t thread;
  struct pool *pool;
  uint64_t sink_ns[RUN_SINKS]; /* with timing on */
  uint64_t detect_ns;          /* the same, for language detection */
  vb__reasons reasons;
  vb__detector detector;
  lang_counts langs;
  /* the last language routed (most rows repeat it): code, key, route */
  char last_code[16], last_key[16];
  size_t last_len, last_route;
  bool last_valid; /* last_* hold a code's answers */
  /* the languages of the batch's rows, detected before the rows are
   * matched (process_batch); NULL or `predetected` false: per row */
  detected *detected;
  size_t detected_cap;
  bool predetected;
  batch own; /* row buffers that stay with this thread (read_next) */
} worker;

static const char *field(const batch *b, const batch_row *row, long col,
                         size_t *len) {
  const span *f = &b->fields[row->fields + (size_t)col];
  *len = f->len;
  return b->data + f->off;
}

static void write_reject(FILE *rejects, uint64_t line, const char *reason,
                         const char *raw, size_t raw_len) {
  if (!rejects)
    return;
  fprintf(rejects, "%llu,", (unsigned long long)line);
  vb_csv_write_field(rejects, reason, strlen(reason));
  fputc(',', rejects);
  /* the raw row without its record terminator */
  while (raw_len && (raw[raw_len - 1] == '\n' || raw[raw_len - 1] == '\r'))
    raw_len--;
  vb_csv_write_field(rejects, raw, raw_len);
  fputc('\n', rejects);
}

static bool blank(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
      return false;
  return true;
}

/* ---- rows, as the sinks see them --------------------------------------- */

uint64_t vb_row_index(const vb_row *row) { return row->index; }
uint64_t vb_row_line(const vb_row *row) { return row->line; }
const char *vb_row_rejected(const vb_row *row) { return row->rejected; }
int vb_row_score(const vb_row *row) { return row->score; }
vb_group vb_row_group(const vb_row *row) { return row->group; }
vb_matcher *vb_row_matcher(const vb_row *row) { return row->m; }
const char *vb_row_language(const vb_row *row, size_t *len) {
  *len = row->lang ? row->lang_len : 0;
  return row->lang ? row->lang : "";
}
const char *vb_row_language_key(const vb_row *row) { return row->lang_key; }

const char *vb_row_raw(const vb_row *row, size_t *len) {
  *len = row->raw.len;
  return row->data + row->raw.off;
}

const char *vb_row_field(const vb_row *row, size_t column, size_t *len) {
  if (!row->fields || column >= row->columns) {
    *len = 0;
    return "";
  }
  *len = row->fields[column].len;
  return row->data + row->fields[column].off;
}

const char *vb_row_text(const vb_row *row, size_t *len) {
  *len = row->text_len;
  return row->text ? row->text : "";
}

const char *vb_row_id(const vb_row *row, size_t *len) {
  *len = row->id_len;
  return row->id;
}

/* The row's fields, id and slice values, as the run's columns say. */
static void describe_row(const run *R, const batch *b, const batch_row *br,
                         vb_row *row) {
  row->fields = b->fields + br->fields;
  row->columns = R->columns;
  row->text = field(b, br, R->text_col, &row->text_len);
  if (R->id_col >= 0) {
    row->id = field(b, br, R->id_col, &row->id_len);
  } else {
    row->id_len = (size_t)snprintf(row->id_buf, sizeof row->id_buf, "%llu",
                                   (unsigned long long)br->line);
    row->id = row->id_buf;
  }
  row->segments = R->by_count;
  for (size_t i = 0; i < R->by_count; i++) {
    if (R->by_cols[i] == LANGUAGE_SEGMENT) {
      row->values[i] = row->lang_key;
      row->lens[i] = strlen(row->lang_key);
    } else {
      row->values[i] = field(b, br, R->by_cols[i], &row->lens[i]);
    }
  }
}

/* The row's language (its column's value, or detected), the key a report
 * slices by (the primary subtag in lower case, or "und"), and the
 * language lexicon its comment goes to. */
static void route_row(worker *w, const batch *b, const batch_row *br,
                      vb_row *row) {
  const run *R = w->run;
  const char *code;
  size_t len;
  if (R->lang_col >= 0) {
    code = field(b, br, R->lang_col, &len);
    while (len && (*code == ' ' || *code == '\t'))
      code++, len--;
    while (len && (code[len - 1] == ' ' || code[len - 1] == '\t'))
      len--;
  } else if (w->predetected) {
    const detected *d = &w->detected[br - b->rows];
    memcpy(row->lang_buf, d->code, sizeof row->lang_buf);
    len = d->len;
    code = row->lang_buf;
  } else {
    uint64_t t = R->job->timing ? vb__now_ns() : 0;
    len = vb__detect_language(&w->detector, row->text, row->text_len,
                              row->lang_buf);
    if (R->job->timing)
      w->detect_ns += vb__now_ns() - t;
    code = row->lang_buf;
  }
  row->lang = code;
  row->lang_len = len;
  if (!w->last_valid || len != w->last_len ||
      memcmp(code, w->last_code, len) != 0) {
    const char *fallback = R->job->default_lang ? R->job->default_lang : "en";
    w->last_route = vb_lexicon_route_or(R->job->lex, code, len, fallback);
    if (!vb__language_key(code, len, w->last_key, sizeof w->last_key))
      memcpy(w->last_key, "und", 4);
    w->last_key[strcspn(w->last_key, "-")] = '\0';
    w->last_valid = len <= sizeof w->last_code; /* else: not kept */
    w->last_len = len;
    memcpy(w->last_code, code, w->last_valid ? len : 0);
  }
  memcpy(row->lang_key, w->last_key, sizeof row->lang_key);
  row->language = w->last_route;
  lang_count(&w->langs, row->lang_key, (uint32_t)w->last_route);
  vb_matcher_language(w->m, w->last_route);
}

/* The row's group from its score or group field; false (reason filled)
 * when the field is not on the scale. */
static bool read_group(const run *R, const batch *b, const batch_row *br,
                       vb_row *row, char *reason, size_t size,
                       const char **kind) {
  bool by_label = R->group_col >= 0; /* the group column, not the score */
  if (!by_label && R->score_col < 0)
    return true;
  size_t len;
  const char *s = field(b, br, by_label ? R->group_col : R->score_col, &len);
  int rc = by_label ? vb_scale_group(R->job->scale, s, len, &row->group)
                    : vb_scale_score(R->job->scale, s, len, &row->score,
                                     &row->group);
  if (rc == VB_OK)
    return true;
  vb__scale_reject_reason(R->job->scale, by_label, s, len, R->score_name,
                          reason, size);
  *kind = by_label ? "group label not recognized" : "score not on the scale";
  return false;
}

/* The row's period bucket into start/label; false (reason filled) when
 * its date does not read. */
static bool read_period(const run *R, const batch *b, const batch_row *br,
                        char start[11], char label[16], char *reason,
                        size_t size) {
  size_t dlen;
  const char *d = field(b, br, R->date_col, &dlen);
  if (vb_period_bucket_format(R->period, R->date_fmt, d, dlen, start, label) ==
      VB_OK)
    return true;
  int shown = (int)(dlen > 40 ? 40 : dlen);
  if (R->date_fmt)
    snprintf(reason, size, "date \"%.*s\" in column \"%s\" does not read as %s",
             shown, d, R->date_name, R->date_fmt);
  else
    snprintf(reason, size,
             "date \"%.*s\" in column \"%s\" is not an ISO-8601 "
             "date (YYYY-MM-DD[Thh:mm[:ss]][zone])",
             shown, d, R->date_name);
  return false;
}

/* Score, period and match: fills `row`, or sets row->rejected (and
 * *kind).  Returns a fatal status. */
static int tag_row(worker *w, const batch *b, const batch_row *br, vb_row *row,
                   char *reason, size_t size, const char **kind, char start[11],
                   char label[16], vb_error *err) {
  const run *R = w->run;
  if (br->malformed) {
    row->rejected = b->data + br->reason.off;
    *kind = b->data + (br->kind.len ? br->kind.off : br->reason.off);
    return VB_OK;
  }
  if (R->routing) {
    row->text = field(b, br, R->text_col, &row->text_len);
    route_row(w, b, br, row);
  }
  describe_row(R, b, br, row);
  if (!read_group(R, b, br, row, reason, size, kind) ||
      (R->date_col >= 0 && !read_period(R, b, br, start, label, reason, size) &&
       (*kind = R->date_kind))) {
    row->rejected = reason;
    return VB_OK;
  }
  if (R->date_col >= 0) {
    row->period_start = start;
    row->period_label = label;
  }
  int mrc = vb_matcher_run(w->m, row->text, row->text_len);
  if (mrc == VB_ETOOBIG) {
    row->rejected = *kind = "comment longer than 64 MiB";
    return VB_OK;
  }
  if (mrc != VB_OK && mrc != VB_EMATCHLIMIT)
    return vb__fail(err, mrc, R->input_name, (unsigned)br->line, 0,
                    "cannot match this row: %s", vb_strerror(mrc));
  row->pattern_error = mrc == VB_EMATCHLIMIT;
  row->invalid_utf8 = vb_matcher_invalid_utf8(w->m) > 0;
  row->has_text = !blank(row->text, row->text_len);
  row->m = w->m;
  return VB_OK;
}

/* One row: tag it (or reject it), then hand it to every sink.  Returns a
 * fatal status. */
static int process_row(worker *w, const batch *b, size_t i, FILE *const *outs,
                       FILE *rejects, vb_error *err) {
  const run *R = w->run;
  const batch_row *br = &b->rows[i];
  char reason[600], start[11], label[16];
  const char *kind = NULL;
  vb_row row;
  memset(&row, 0, offsetof(vb_row, values));
  row.index = b->first_index + i;
  row.line = br->line;
  row.data = b->data;
  row.raw = br->raw;
  row.score = -1;
  row.group = VB_GROUP_UNSCORED;
  int rc =
      tag_row(w, b, br, &row, reason, sizeof reason, &kind, start, label, err);
  if (rc)
    return rc;
  if (row.rejected) {
    if (R->job->strict)
      return vb__fail(err, br->malformed ? VB_EMALFORMED : VB_ESCORE,
                      R->input_name, (unsigned)br->line, 0, "%s", row.rejected);
    write_reject(rejects, br->line, row.rejected, b->data + br->raw.off,
                 br->raw.len);
    vb__reasons_add(&w->reasons, kind, 1);
  }
  for (size_t k = 0; k < R->sink_count && !rc; k++) {
    uint64_t t = R->job->timing ? vb__now_ns() : 0;
    rc = R->sinks[k]->sink.row(w->state[k], &row, outs[k], err);
    if (R->job->timing)
      w->sink_ns[k] += vb__now_ns() - t;
  }
  return rc;
}

/* Detects the languages of the batch's comments (when the job detects
 * them) in one pass before any is matched, with the same answers as one
 * by one.  CLD2, which gets the comments the English shortcut leaves
 * undecided (3% of the peer corpus), reads large tables; called
 * once in about thirty rows, between comments being matched, it cost
 * some 12 us a call there.  Called in a row, it costs 4.5-10: `report`
 * on the peer corpus takes 2.5% less time (bench/RESULTS.md, session
 * 39).  When the room for the answers cannot be had, rows are detected
 * one by one. */
static void detect_batch(worker *w, const batch *b) {
  const run *R = w->run;
  w->predetected = false;
  if (!R->routing || R->lang_col >= 0 ||
      vb__grow((void **)&w->detected, &w->detected_cap, b->row_count,
               sizeof *w->detected))
    return;
  uint64_t t = R->job->timing ? vb__now_ns() : 0;
  for (size_t i = 0; i < b->row_count; i++) {
    const batch_row *br = &b->rows[i];
    if (br->malformed)
      continue; /* rejected before it is routed (tag_row) */
    size_t len;
    const char *text = field(b, br, R->text_col, &len);
    w->detected[i].len =
        vb__detect_language(&w->detector, text, len, w->detected[i].code);
  }
  if (R->job->timing)
    w->detect_ns += vb__now_ns() - t;
  w->predetected = true;
}

/* A worker's pass over one batch; output goes to memory, in row order. */
static void process_batch(worker *w, batch *b) {
  const run *R = w->run;
  const vb_job *job = R->job;
  FILE *outs[RUN_SINKS] = {0}, *rejects = NULL;
  b->rc = VB_OK;
  for (size_t k = 0; k < R->sink_count && !b->rc; k++)
    if (R->sinks[k]->out && !(outs[k] = outbuf_open(&b->out[k])))
      b->rc = vb__fail(&b->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (!b->rc && job->rejects && !(rejects = outbuf_open(&b->rej)))
    b->rc = vb__fail(&b->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (!b->rc)
    detect_batch(w, b);
  for (size_t i = 0; i < b->row_count && !b->rc; i++)
    b->rc = process_row(w, b, i, outs, rejects, &b->err);
  /* closing flushes the last bytes: a buffer that could not grow is
   * output lost, so it stops the run */
  bool lost = false;
  for (size_t k = 0; k < R->sink_count; k++)
    lost |= outs[k] && fclose(outs[k]) != 0;
  lost |= rejects && fclose(rejects) != 0;
  if (lost && !b->rc)
    b->rc = vb__fail(&b->err, VB_ENOMEM, NULL, 0, 0, "out of memory");
}

/* fill_batch's rows; R->next_index is left as it was. */
static int fill_rows(run *R, vb_reader *r, batch *b, vb_error *err) {
  vb_error row_err;
  char reason[600];
  while (b->row_count < BATCH_ROWS && b->data_len < BATCH_BYTES) {
    int rc = vb_reader_next(r, &row_err);
    if (rc == 0)
      return 0;
    if (rc < 0 &&
        (R->job->strict || (rc != VB_EMALFORMED && rc != VB_ETOOBIG))) {
      if (err)
        *err = row_err;
      return rc;
    }
    if (vb__grow((void **)&b->rows, &b->row_cap, b->row_count + 1,
                 sizeof *b->rows))
      return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    batch_row *row = &b->rows[b->row_count];
    memset(row, 0, sizeof *row);
    row->line = vb_reader_line(r);
    size_t raw_len;
    const char *raw = vb_reader_raw(r, &raw_len);
    if (batch_put(b, raw, raw_len, &row->raw))
      return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    vb_value kind = rc > 0 && R->text_col >= 0
                        ? vb_reader_field_type(r, (size_t)R->text_col)
                        : VB_VALUE_TEXT;
    if (kind == VB_VALUE_OBJECT || kind == VB_VALUE_ARRAY) {
      snprintf(reason, sizeof reason,
               "the text column \"%s\" holds a JSON %s, not text",
               vb_reader_column_name(r, (size_t)R->text_col),
               kind == VB_VALUE_OBJECT ? "object" : "array");
      if (R->job->strict)
        return vb__fail(err, VB_EMALFORMED, R->input_name, (unsigned)row->line,
                        0, "%s", reason);
      row->malformed = true;
      if (batch_put(b, reason, strlen(reason), &row->reason))
        return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    } else if (rc < 0) {
      /* a multi-line row's error may sit on a later line than its start */
      if (row_err.column && row_err.line && row_err.line != row->line)
        snprintf(reason, sizeof reason, "line %u column %u: %s", row_err.line,
                 row_err.column, row_err.message);
      else if (row_err.column)
        snprintf(reason, sizeof reason, "column %u: %s", row_err.column,
                 row_err.message);
      else
        snprintf(reason, sizeof reason, "%s", row_err.message);
      row->malformed = true;
      if (batch_put(b, reason, strlen(reason), &row->reason) ||
          batch_put(b, row_err.message, strlen(row_err.message), &row->kind))
        return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
    } else {
      if (vb__grow((void **)&b->fields, &b->field_cap,
                   b->field_count + R->columns, sizeof *b->fields))
        return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
      row->fields = b->field_count;
      /* a field that lies in the raw row (unquoted, or quoted without "")
       * is kept as a span of its copy; only the others are copied */
      uintptr_t raw_at = (uintptr_t)raw;
      for (size_t c = 0; c < R->columns; c++) {
        size_t len;
        const char *f = vb_reader_field(r, c, &len);
        span *at = &b->fields[b->field_count++];
        uintptr_t f_at = (uintptr_t)f;
        if (len && len <= raw_len && f_at >= raw_at &&
            f_at - raw_at <= raw_len - len)
          *at = (span){row->raw.off + (size_t)(f_at - raw_at), len};
        else if (batch_put(b, f, len, at))
          return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
      }
    }
    b->row_count++;
  }
  return 1;
}

/* Reads up to a batch of rows.  Returns 1 when the input goes on, 0 at its
 * end, or the reader's fatal status (err filled).  R->next_index moves
 * once a batch: a write to the run for each row shares its cache line
 * with what the other threads read for each row. */
static int fill_batch(run *R, vb_reader *r, batch *b, vb_error *err) {
  b->data_len = b->row_count = b->field_count = 0;
  b->first_index = R->next_index;
  int rc = fill_rows(R, r, b, err);
  R->next_index = b->first_index + b->row_count;
  return rc;
}

/* fill_batch, timed. */
static int timed_fill(run *R, vb_reader *r, batch *b, vb_error *err) {
  uint64_t t = R->job->timing ? vb__now_ns() : 0;
  int rc = fill_batch(R, r, b, err);
  if (R->job->timing)
    R->job->stage_ns[VB_STAGE_READ] += vb__now_ns() - t;
  return rc;
}

/* Exchanges the rows (not the output or state) of two batches. */
static void swap_rows(batch *a, batch *b) {
  batch t = *a;
  a->data = b->data;
  a->data_len = b->data_len;
  a->data_cap = b->data_cap;
  a->rows = b->rows;
  a->row_count = b->row_count;
  a->row_cap = b->row_cap;
  a->fields = b->fields;
  a->field_count = b->field_count;
  a->field_cap = b->field_cap;
  b->data = t.data;
  b->data_len = t.data_len;
  b->data_cap = t.data_cap;
  b->rows = t.rows;
  b->row_count = t.row_count;
  b->row_cap = t.row_cap;
  b->fields = t.fields;
  b->field_count = t.field_count;
  b->field_cap = t.field_cap;
}

/* The next batch of rows: those read ahead first, then from the reader.
 * Returns as fill_batch does. */
static int read_batch(run *R, vb_reader *r, batch *b, vb_error *err) {
  lookahead *la = R->ahead;
  if (!la || (la->next == la->count && la->more > 0))
    return timed_fill(R, r, b, err);
  b->row_count = b->data_len = b->field_count = 0;
  if (la->next < la->count)
    swap_rows(b, &la->b[la->next++]);
  if (la->next < la->count)
    return 1;
  if (la->more < 0 && err)
    *err = la->err;
  return la->more;
}

/* Writes a sink's header once per job, on its stream. */
static void write_header(vb__sink_slot *slot, const vb_reader *r) {
  if (slot->header_written || !slot->out)
    return;
  if (slot->sink.header)
    slot->sink.header(slot->sink.ctx, r, slot->out);
  slot->header_written = true;
}

/* Writes a finished batch in its turn; returns its fatal status.  Each
 * sink's header goes before its first output. */
static int flush_batch(const run *R, batch *b, vb_error *err) {
  vb_job *job = R->job;
  uint64_t t = job->timing ? vb__now_ns() : 0;
  /* Checked once per batch, with errno fresh: a full disk stops the run
   * here, with its reason, rather than after the whole input. */
  int write_rc = VB_OK;
  for (size_t k = 0; k < R->sink_count && !write_rc; k++) {
    vb__sink_slot *slot = R->sinks[k];
    const outbuf *o = &b->out[k];
    if (!slot->out || !o->len)
      continue;
    write_header(slot, R->reader);
    if (fwrite(o->data, 1, o->len, slot->out) != o->len)
      write_rc = vb__fail(err, VB_EWRITE, NULL, 0, 0, "cannot write output: %s",
                          strerror(errno));
  }
  if (!write_rc && job->rejects && b->rej.len &&
      fwrite(b->rej.data, 1, b->rej.len, job->rejects) != b->rej.len)
    write_rc = vb__fail(err, VB_EWRITE, NULL, 0, 0,
                        "cannot write the rejected rows: %s", strerror(errno));
  for (size_t k = 0; k < RUN_SINKS; k++)
    b->out[k].len = 0; /* the buffers stay for the slot's next batch */
  b->rej.len = 0;
  if (job->timing)
    job->stage_ns[VB_STAGE_WRITE] += vb__now_ns() - t;
  if (write_rc)
    return write_rc;
  if (b->rc && err)
    *err = b->err;
  return b->rc;
}

/* ---- the worker pool -------------------------------------------------- */

/* Slots form a ring: batches are read into slot k % n in input order, and
 * the calling thread writes them in that order, so output order is input
 * order whatever the timing.  Every thread reads batches, one thread at a
 * time, and matches each batch it read: its rows are then still in the
 * cache of the core that copied them (a batch read on one core and
 * matched on another cost -j 2 a seventh more CPU time on the plain
 * lexicon).  A reader over a caller's callback is read on the calling
 * thread only, as the API promises: it leaves its batches filled, for
 * any thread to take. */
enum { SLOT_FREE, SLOT_FILLED, SLOT_WORKING, SLOT_DONE };

typedef struct pool {
  pthread_mutex_t mu;
  pthread_cond_t changed; /* a slot changed state, or reading ended */
  run *run;
  vb_reader *reader;
  bool any_thread_reads; /* else only the calling thread reads */
  batch *slots;
  size_t slot_count;
  uint64_t filled, taken, flushed; /* batches read, matched, written */
  bool reading;                    /* a thread is reading the next batch */
  int more;    /* read_batch's last answer: > 0 while rows remain */
  int read_rc; /* the read error that ended the input, if any */
  vb_error read_err;
  uint64_t rows; /* read so far, */
  size_t bytes;  /* and the input's bytes behind them (progress) */
  bool stop;
} pool;

/* Matches batch b, taken under p->mu (held again on return).  When its
 * rows are in w->own's buffers (read_next), they go back there after:
 * writing the batch needs only its output. */
static void match_batch(pool *p, worker *w, batch *b, bool own) {
  b->state = SLOT_WORKING;
  p->taken++;
  pthread_mutex_unlock(&p->mu);
  process_batch(w, b);
  if (own)
    swap_rows(b, &w->own);
  pthread_mutex_lock(&p->mu);
  b->state = SLOT_DONE;
  pthread_cond_broadcast(&p->changed);
}

/* With p->mu held: when no thread is reading and the next slot is free,
 * reads the next batch into it, matches it on this thread (w) unless
 * only the calling thread reads, and returns true (with p->mu held
 * again); false when it cannot read now.  A batch this thread matches is
 * read into the thread's own row buffers (w->own, lent to the slot until
 * it is matched), which its core's cache still holds from the batch
 * before. */
static bool read_next(pool *p, worker *w) {
  batch *b = &p->slots[p->filled % p->slot_count];
  if (p->reading || p->more <= 0 || b->state != SLOT_FREE)
    return false;
  p->reading = true;
  pthread_mutex_unlock(&p->mu);
  bool own = p->any_thread_reads;
  if (own)
    swap_rows(b, &w->own);
  vb_error err = {0};
  int more = read_batch(p->run, p->reader, b, &err);
  size_t bytes = vb_reader_bytes_read(p->reader);
  pthread_mutex_lock(&p->mu);
  p->reading = false;
  p->more = more;
  if (more < 0) {
    p->read_rc = more;
    p->read_err = err;
  }
  p->rows += b->row_count;
  p->bytes = bytes;
  if (b->row_count) {
    b->state = SLOT_FILLED;
    p->filled++;
  }
  pthread_cond_broadcast(&p->changed); /* another thread may read now */
  if (b->row_count && own)
    match_batch(p, w, b, true);
  else if (own)
    swap_rows(b, &w->own);
  return true;
}

/* With p->mu held: matches the oldest filled batch no thread has taken;
 * false when there is none. */
static bool take_filled(pool *p, worker *w) {
  batch *b = &p->slots[p->taken % p->slot_count];
  if (p->taken == p->filled || b->state != SLOT_FILLED)
    return false;
  match_batch(p, w, b, false);
  return true;
}

static void *worker_main(void *arg) {
  worker *w = arg;
  pool *p = w->pool;
  pthread_mutex_lock(&p->mu);
  while (!p->stop) {
    if (take_filled(p, w) || (p->any_thread_reads && read_next(p, w)))
      continue;
    if (p->more <= 0 && !p->reading && p->taken == p->filled)
      break; /* the input is read and every batch taken */
    pthread_cond_wait(&p->changed, &p->mu);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

static void worker_free(worker *w) {
  const run *R = w->run;
  batch_free(&w->own);
  vb__reasons_free(&w->reasons);
  vb__detector_free(&w->detector);
  free(w->detected);
  vb_matcher_free(w->m);
  for (size_t k = 0; R && k < R->sink_count; k++)
    if (w->state[k] && R->sinks[k]->sink.close)
      R->sinks[k]->sink.close(R->sinks[k]->sink.ctx, w->state[k]);
}

static int worker_init(worker *w, const run *R, vb_error *err) {
  vb_job *job = R->job;
  memset(w, 0, sizeof *w);
  w->run = R;
  int rc = vb_matcher_new(job->lex, &w->m, err);
  if (!rc)
    vb__matcher_set_timing(w->m, job->timing);
  if (!rc && R->routing && R->lang_col < 0 &&
      (rc = vb__detector_init(&w->detector)))
    vb__fail(err, rc, NULL, 0, 0, "cannot start language detection: %s",
             vb_strerror(rc));
  for (size_t k = 0; k < R->sink_count && !rc; k++) {
    const vb_sink *s = &R->sinks[k]->sink;
    if (s->open && (rc = s->open(s->ctx, &w->state[k])))
      vb__fail(err, rc, NULL, 0, 0, "%s",
               rc == VB_ENOMEM ? "out of memory" : "cannot open a sink");
  }
  return rc;
}

/* The workers' sinks into the job's, in worker order. */
static int merge_workers(const run *R, worker *ws, size_t n, vb_error *err) {
  vb_job *job = R->job;
  int rc = VB_OK;
  for (size_t i = 0; i < n; i++) {
    /* every stage the matcher times (the others are 0 there) */
    for (int s = 0; s < VB_STAGE_COUNT; s++)
      job->stage_ns[s] += vb__matcher_stage_ns(ws[i].m, (vb_stage)s);
    job->stage_ns[VB_STAGE_DETECT] += ws[i].detect_ns;
    for (size_t k = 0; k < R->sink_count; k++)
      job->stage_ns[R->sinks[k] == &job->format_slot ? VB_STAGE_WRITE
                                                     : VB_STAGE_AGGREGATE] +=
          ws[i].sink_ns[k];
    vb__reasons_merge(&job->reasons, &ws[i].reasons);
    lang_merge(&job->langs, &ws[i].langs);
    if (job->report) /* the report keeps the reasons of its rows */
      vb__reasons_merge(vb__report_reasons(job->report), &ws[i].reasons);
    for (size_t k = 0; k < R->sink_count && !rc; k++) {
      const vb_sink *s = &R->sinks[k]->sink;
      if (s->merge)
        rc = s->merge(s->ctx, ws[i].state[k], err);
    }
  }
  return rc;
}

/* Reading, matching and writing on the calling thread, batch by batch. */
static int run_inline(run *R, vb_reader *r, worker *w, vb_error *err) {
  batch b = {0};
  int rc = VB_OK, more = 1;
  uint64_t rows = 0;
  while (more > 0 && !rc) {
    more = read_batch(R, r, &b, err);
    process_batch(w, &b);
    rc = flush_batch(R, &b, err);
    rows += b.row_count;
    if (R->job->progress)
      R->job->progress(R->job->progress_user, rows, vb_reader_bytes_read(r));
    if (more < 0 && !rc)
      rc = more;
  }
  batch_free(&b);
  return rc;
}

/* The calling thread writes finished batches in order, and reads and
 * matches batches (as worker 0) as the n - 1 other threads do (see
 * pool).  So -j N runs N threads, none of them idle while there is work:
 * on a machine with N cores no thread waits for a core held by one that
 * only reads. */
static int run_pool(run *R, vb_reader *r, worker *ws, size_t n, vb_error *err) {
  pool p = {.slot_count = 2 * n + 2,
            .run = R,
            .reader = r,
            .any_thread_reads = !vb__reader_calls_back(r),
            .more = 1};
  p.slots = calloc(p.slot_count, sizeof *p.slots);
  if (!p.slots)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  pthread_mutex_init(&p.mu, NULL);
  pthread_cond_init(&p.changed, NULL);
  size_t started = 1; /* worker 0 is this thread */
  int rc = VB_OK;
  for (; started < n; started++) {
    ws[started].pool = &p;
    if (pthread_create(&ws[started].thread, NULL, worker_main, &ws[started])) {
      rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "cannot start a thread");
      break;
    }
  }
  uint64_t reported = 0; /* rows told to the progress callback */
  pthread_mutex_lock(&p.mu);
  if (rc)
    p.more = 0;
  while (!rc) {
    if (R->job->progress && p.rows != reported) {
      uint64_t rows = reported = p.rows;
      size_t bytes = p.bytes;
      pthread_mutex_unlock(&p.mu);
      R->job->progress(R->job->progress_user, rows, bytes);
      pthread_mutex_lock(&p.mu);
      continue;
    }
    batch *next = &p.slots[p.flushed % p.slot_count];
    if (p.flushed < p.filled && next->state == SLOT_DONE) {
      pthread_mutex_unlock(&p.mu);
      rc = flush_batch(R, next, err);
      pthread_mutex_lock(&p.mu);
      next->state = SLOT_FREE;
      p.flushed++;
      pthread_cond_broadcast(&p.changed); /* a slot to read into */
      continue;
    }
    if (read_next(&p, &ws[0]) || take_filled(&p, &ws[0]))
      continue;
    if (p.more <= 0 && !p.reading && p.flushed == p.filled)
      break;
    pthread_cond_wait(&p.changed, &p.mu);
  }
  p.stop = true;
  pthread_cond_broadcast(&p.changed);
  pthread_mutex_unlock(&p.mu);
  for (size_t i = 1; i < started; i++)
    pthread_join(ws[i].thread, NULL);
  for (size_t i = 0; i < p.slot_count; i++)
    batch_free(&p.slots[i]);
  free(p.slots);
  pthread_cond_destroy(&p.changed);
  pthread_mutex_destroy(&p.mu);
  if (!rc && p.read_rc) {
    rc = p.read_rc;
    if (err)
      *err = p.read_err;
  }
  return rc;
}

static unsigned thread_count(const vb_job *job) {
  long n = job->threads ? (long)job->threads : sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1)
    n = 1;
  return n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}

static void notify(const run *R, vb_notice kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void notify(const run *R, vb_notice kind, const char *fmt, ...) {
  if (!R->job->notice)
    return;
  char message[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  R->job->notice(R->job->notice_ctx, kind, R->input_name, message);
}

/* The columns the run reads; VB_ECOLUMN for a named one that is missing. */
static int find_columns(run *R, vb_reader *r, vb_error *err) {
  vb_job *job = R->job;
  int rc = find_column(r, job->text_col, TEXT_NAMES, "text", &R->text_col, err);
  if (!rc && job->group_col)
    rc = find_column(r, job->group_col, NULL, "group", &R->group_col, err);
  else if (!rc && !(job->score_col && !job->score_col[0]))
    rc = find_column(r, job->score_col, SCORE_NAMES, "score", &R->score_col,
                     err);
  if (!rc)
    rc = find_column(r, job->id_col, ID_NAMES, "id", &R->id_col, err);
  const char *const *by_names = NULL;
  R->by_count = job->report ? vb__report_by(job->report, &by_names) : 0;
  R->period = job->report ? vb__report_period(job->report) : VB_PERIOD_NONE;
  if (R->by_count > 64)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "at most 64 segment columns");
  bool by_language = false;
  for (size_t i = 0; i < R->by_count && !rc; i++) {
    if (strcasecmp(by_names[i], "language") == 0) {
      R->by_cols[i] = LANGUAGE_SEGMENT; /* the comment's, not a column */
      by_language = true;
      continue;
    }
    rc = find_column(r, by_names[i], NULL, "segment", &R->by_cols[i], err);
  }
  bool several = vb_lexicon_language_count(job->lex) > 1;
  if (!rc && (job->lang_col || several))
    rc = find_column(r, job->lang_col, LANG_NAMES, "language", &R->lang_col,
                     err);
  R->routing = R->lang_col >= 0 || job->detect || by_language || several;
  if (!rc && R->period != VB_PERIOD_NONE)
    rc = find_column(r, job->date_col, NULL, "date", &R->date_col, err);
  R->sliced = R->by_count > 0 || R->period != VB_PERIOD_NONE;
  return rc;
}

/* Reads up to DETECT_ROWS rows ahead into R->ahead and samples their
 * dates: sets R->date_fmt to the form that reads the most of them.
 * VB_EAMBIGUOUS when day-first and month-first read them alike. */
static int detect_date_format(run *R, vb_reader *r, vb_error *err) {
  lookahead *la = R->ahead;
  size_t rows = 0;
  la->more = 1;
  while (la->more > 0 && la->count < LOOKAHEAD && rows < DETECT_ROWS) {
    batch *b = &la->b[la->count];
    la->more = timed_fill(R, r, b, &la->err);
    rows += b->row_count;
    la->count += b->row_count > 0;
  }
  vb__date_sniff sniff;
  memset(&sniff, 0, sizeof sniff);
  for (size_t k = 0; k < la->count; k++)
    for (size_t i = 0; i < la->b[k].row_count; i++) {
      const batch_row *row = &la->b[k].rows[i];
      size_t len;
      if (!row->malformed) {
        const char *d = field(&la->b[k], row, R->date_col, &len);
        vb__date_sniff_add(&sniff, d, len, row->line);
      }
    }
  int best, other;
  int rc = vb__date_sniff_result(&sniff, &best, &other);
  R->date_fmt = vb__date_form(best);
  if (rc == VB_EAMBIGUOUS)
    return vb__fail(err, VB_EAMBIGUOUS, R->input_name,
                    (unsigned)sniff.first_line[best], 0,
                    "dates in column \"%s\" read both as %s and as %s "
                    "(\"%s\"): no day above 12 in the first %zu rows tells "
                    "day from month",
                    R->date_name, vb__date_form(best), vb__date_form(other),
                    sniff.first[best], rows);
  if (R->date_fmt)
    notify(R, VB_NOTICE_DATE_FORMAT,
           "dates in column \"%s\" read as %s (%s in the first %zu rows)",
           R->date_name, R->date_fmt,
           other < 0      ? "the one common form that reads them"
           : best < other ? "day first: a first number is above 12"
                          : "month first: a second number is above 12",
           rows);
  return VB_OK;
}

/* Names for messages, the reason kind of a bad date, and the notices
 * that come before any row. */
static int describe_run(run *R, vb_reader *r, vb_error *err) {
  long score_col = R->group_col >= 0 ? R->group_col : R->score_col;
  R->input_name = strdup(vb_reader_name(r));
  R->score_name =
      strdup(score_col >= 0 ? vb_reader_column_name(r, (size_t)score_col) : "");
  R->date_name = strdup(
      R->date_col >= 0 ? vb_reader_column_name(r, (size_t)R->date_col) : "");
  if (!R->input_name || !R->score_name || !R->date_name)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  if (score_col < 0 && !R->job->score_col) {
    char cols[300];
    list_columns(r, cols, sizeof cols);
    notify(R, VB_NOTICE_NO_SCORE_COLUMN,
           "no score column (looked for score, nps, nps_score, rating, "
           "likelihood_to_recommend, ltr; columns: %s): every row is "
           "unscored",
           cols);
  }
  return VB_OK;
}

static int set_date_kind(run *R, vb_error *err) {
  char kind[200];
  if (R->date_fmt)
    snprintf(kind, sizeof kind, "date does not read as %s", R->date_fmt);
  else
    snprintf(kind, sizeof kind, "date not ISO-8601");
  if (!(R->date_kind = strdup(kind)))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  return VB_OK;
}

/* The run's sinks: the output format, the report's slices, the tally,
 * then the caller's; each finds its columns.  The row width is known
 * after that (NDJSON paths named by the sinks are columns too). */
static int start_sinks(run *R, vb_reader *r, vb_tally *tally, vb_error *err) {
  vb_job *job = R->job;
  R->next_index = job->rows_seen;
  if (job->out && job->format != VB_OUTPUT_NONE) {
    job->format_ctx = (vb__format_ctx){job->lex, job->format, R->routing};
    job->format_slot.sink = vb__format_sink(&job->format_ctx);
    job->format_slot.out = job->out;
    R->sinks[R->sink_count++] = &job->format_slot;
  }
  if (R->sliced || (job->report && vb__report_examples_kept(job->report))) {
    job->report_slot =
        (vb__sink_slot){vb__report_sink(job->report), NULL, false};
    R->sinks[R->sink_count++] = &job->report_slot;
  }
  job->tally_slot = (vb__sink_slot){vb__tally_sink(tally), NULL, false};
  R->sinks[R->sink_count++] = &job->tally_slot;
  for (size_t k = 0; k < job->sink_count; k++)
    R->sinks[R->sink_count++] = &job->sinks[k];
  int rc = VB_OK;
  for (size_t k = 0; k < R->sink_count && !rc; k++) {
    const vb_sink *s = &R->sinks[k]->sink;
    if (s->start)
      rc = s->start(s->ctx, r, err);
  }
  R->columns = vb_reader_column_count(r);
  return rc;
}

/* Reads, matches and writes every row with n workers. */
static int run_rows(run *R, vb_reader *r, vb_error *err) {
  vb_job *job = R->job;
  unsigned n = thread_count(job);
  worker *ws = calloc(n, sizeof *ws);
  int rc = ws ? VB_OK : vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  size_t ready = 0;
  for (; ready < n && !rc; ready++)
    rc = worker_init(&ws[ready], R, err);
  if (!rc) {
    if (job->rejects && !job->rejects_header_written)
      fputs("line,reason,raw\n", job->rejects);
    job->rejects_header_written = true;
    rc = n == 1 ? run_inline(R, r, &ws[0], err) : run_pool(R, r, ws, n, err);
    int mrc = merge_workers(R, ws, n, rc ? NULL : err);
    if (!rc)
      rc = mrc;
  }
  for (size_t i = 0; i < ready; i++)
    worker_free(&ws[i]);
  free(ws);
  return rc;
}

int vb_job_run(vb_job *job, vb_reader *r, vb_tally *tally, vb_error *err) {
  vb__error_clear(err);
  if (!job || !r || !tally)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "job, reader or tally NULL");
  run R = {.job = job,
           .reader = r,
           .lang_col = -1,
           .group_col = -1,
           .score_col = -1,
           .date_col = -1};
  lookahead *la = NULL;
  int rc = find_columns(&R, r, err);
  if (!rc)
    rc = start_sinks(&R, r, tally, err);
  if (!rc)
    rc = describe_run(&R, r, err);
  if (!rc && R.date_col >= 0) {
    R.date_fmt = job->date_fmt;
    if (!job->date_fmt) { /* detect it from the first rows */
      if (!(la = R.ahead = calloc(1, sizeof *la)))
        rc = vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
      else
        rc = detect_date_format(&R, r, err);
    }
    if (!rc)
      rc = set_date_kind(&R, err);
  }
  if (!rc)
    rc = run_rows(&R, r, err);
  job->rows_seen = R.next_index;
  if (la) {
    for (size_t i = 0; i < LOOKAHEAD; i++)
      batch_free(&la->b[i]);
    free(la);
  }
  free(R.input_name);
  free(R.score_name);
  free(R.date_name);
  free(R.date_kind);
  if (rc < 0)
    return rc;
  /* a header without rows: the input had none, or tagged rows wrote
   * nothing (-f long without themes); never when every row was rejected */
  if (vb_tally_count(tally, VB_COUNT_TAGGED) > 0 ||
      vb_tally_count(tally, VB_COUNT_READ) == 0)
    for (size_t k = 0; k < R.sink_count; k++)
      write_header(R.sinks[k], r);
  for (size_t k = 0; k < R.sink_count; k++)
    if (R.sinks[k]->out && ferror(R.sinks[k]->out))
      return vb__fail(err, VB_EWRITE, NULL, 0, 0, "cannot write output");
  if (job->text_col && R.text_col >= 0 &&
      vb_tally_count(tally, VB_COUNT_READ) > 0 &&
      !vb_reader_column_found(r, (size_t)R.text_col))
    return vb__fail(err, VB_ECOLUMN, vb_reader_name(r), 0, 0,
                    "no row has a text column \"%s\"", job->text_col);
  if (job->rejects && ferror(job->rejects))
    return vb__fail(err, VB_EWRITE, NULL, 0, 0, "cannot write output");
  return VB_OK;
}
