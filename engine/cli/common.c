/*
 * common.c - helpers every `verbatim` subcommand uses: loading lexicons
 * (with the built-in default as the fallback), printing errors the same
 * way everywhere, and mapping library statuses to exit codes.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <stdbool.h>

#include "cli.h"

bool lexicon_args_add(lexicon_args *a, const char *path) {
  if (a->count == MAX_LEXICONS) {
    usage_error(NULL, "at most %d lexicons (-l) at once", MAX_LEXICONS);
    return false;
  }
  a->paths[a->count++] = path;
  return true;
}

static double seconds_between(const struct timespec *a,
                              const struct timespec *b) {
  return (double)(b->tv_sec - a->tv_sec) +
         (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

vb_lexicon *load_lexicons(lexicon_args *a, int *code) {
  vb_lexicon *lex = NULL;
  vb_error err;
  int rc;
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  if (a->count == 0) {
    rc = vb_lexicon_default(&lex, &err);
  } else {
    rc = vb_lexicon_load_files(a->count, a->paths, &lex, &err);
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  a->load_seconds = seconds_between(&start, &end);
  /* any lexicon that cannot be read or compiled is 4; running out of
   * memory (or ICU failing) is 70, as everywhere */
  *code = rc == VB_ENOMEM || rc == VB_EICU ? EXIT_INTERNAL
          : rc                             ? EXIT_LEXICON
                                           : EXIT_OK;
  if (rc) {
    print_error(&err);
    return NULL;
  }
  return lex;
}

int load_matcher(lexicon_args *a, vb_lexicon **lex, vb_matcher **m) {
  *m = NULL;
  int code;
  if (!(*lex = load_lexicons(a, &code)))
    return code;
  vb_error err;
  int rc = vb_matcher_new(*lex, m, &err);
  if (rc) {
    print_error(&err);
    vb_lexicon_free(*lex);
    *lex = NULL;
    return exit_code_for(rc, EXIT_INTERNAL);
  }
  return EXIT_OK;
}

void print_error(const vb_error *err) {
  fputs("verbatim: ", stderr);
  if (err->file[0]) {
    fputs(err->file, stderr);
    if (err->line) {
      fprintf(stderr, ":%u", err->line);
      if (err->column)
        fprintf(stderr, ":%u", err->column);
    }
    fputs(": ", stderr);
  }
  fprintf(stderr, "%s\n",
          err->message[0] ? err->message : vb_strerror(err->code));
}

int exit_code_for(int status, int fallback) {
  switch (status) {
  case VB_OK:
    return EXIT_OK;
  case VB_ENOMEM:
  case VB_EICU:
    return EXIT_INTERNAL;
  case VB_EJSON:
  case VB_ELEXICON:
  case VB_EPATTERN:
  case VB_ELANGUAGE:
    return EXIT_LEXICON;
  case VB_EWRITE:
    return EXIT_OUTPUT;
  case VB_EAMBIGUOUS:
    return EXIT_USAGE; /* the input is fine; the command line must say more */
  case VB_EIO:
  case VB_EEMPTY:
  case VB_ECOLUMN:
  case VB_EMALFORMED:
  case VB_ETOOBIG:
    return EXIT_INPUT;
  default:
    return fallback;
  }
}

int usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "verbatim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'verbatim %s%s--help' for more information.\n",
          cmd ? cmd : "", cmd ? " " : "");
  return EXIT_USAGE;
}

/* Same columns, same order: a CSV output has one header.  Says so when
 * they differ.  `n`: the first reader's columns before a run added the
 * NDJSON ones named (r has not run yet). */
static bool same_columns(const vb_reader *first, size_t n, const vb_reader *r) {
  bool same = n == vb_reader_column_count(r);
  for (size_t i = 0; i < n && same; i++)
    same = strcmp(vb_reader_column_name(first, i),
                  vb_reader_column_name(r, i)) == 0;
  if (!same)
    fprintf(stderr,
            "verbatim: %s: columns differ from those of %s; a CSV output "
            "has one header (tag them separately or use -f long)\n",
            vb_reader_name(r), vb_reader_name(first));
  return same;
}

void print_counts(const vb_tally *t, const char *rejects, bool merged) {
  unsigned long long read = vb_tally_count(t, VB_COUNT_READ),
                     tagged = vb_tally_count(t, VB_COUNT_TAGGED),
                     unscored = vb_tally_count(t, VB_COUNT_UNSCORED),
                     rejected = vb_tally_count(t, VB_COUNT_REJECTED),
                     invalid = vb_tally_count(t, VB_COUNT_INVALID_UTF8),
                     patterns = vb_tally_count(t, VB_COUNT_PATTERN_ERRORS);
  fprintf(stderr,
          "verbatim: read %llu, tagged %llu, unscored %llu, rejected %llu",
          read, tagged, unscored, rejected);
  if (rejected && rejects)
    fprintf(stderr, " (in %s)", rejects);
  else if (rejected && !merged)
    fputs(" (use --rejects FILE to keep them)", stderr);
  if (invalid)
    fprintf(stderr, "; invalid UTF-8 replaced in %llu rows", invalid);
  if (patterns)
    fprintf(stderr, "; pattern limits hit in %llu rows", patterns);
  fputc('\n', stderr);
}

/* The `max` most frequent kinds of reject reason, as "kind (N), ...". */
static void format_reasons(vb_job *job, vb_report *report, size_t max,
                           char *buf, size_t size) {
  const char *reasons[8];
  uint64_t counts[8];
  size_t n =
      job ? vb_job_reject_reasons(job, max < 8 ? max : 8, reasons, counts)
          : vb_report_reject_reasons(report, max < 8 ? max : 8, reasons,
                                     counts);
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && i < max && used < size; i++)
    used +=
        (size_t)snprintf(buf + used, size - used, "%s%s (%llu)", i ? ", " : "",
                         reasons[i], (unsigned long long)counts[i]);
}

bool nothing_tagged(vb_job *job, vb_report *report, const vb_tally *t) {
  unsigned long long read = vb_tally_count(t, VB_COUNT_READ);
  if (read == 0 || vb_tally_count(t, VB_COUNT_TAGGED) > 0)
    return false;
  char reasons[600];
  format_reasons(job, report, 3, reasons, sizeof reasons);
  fprintf(stderr,
          "verbatim: no row could be tagged: all %llu rows were rejected: "
          "%s; no output written\n",
          read, reasons);
  return true;
}

void warn_rejects(vb_job *job, vb_report *report, const vb_tally *t) {
  unsigned long long read = vb_tally_count(t, VB_COUNT_READ),
                     rejected = vb_tally_count(t, VB_COUNT_REJECTED);
  if (rejected == 0 || rejected == read || rejected * 20 <= read)
    return; /* none, all (said already), or at most 5% */
  char reasons[600];
  format_reasons(job, report, 3, reasons, sizeof reasons);
  fprintf(stderr,
          "verbatim: warning: %llu of %llu rows (%.1f%%) rejected: %s\n",
          rejected, read, 100.0 * (double)rejected / (double)read, reasons);
}

int make_scale(const input_args *a, const char *cmd, vb_scale **scale) {
  vb_error err;
  *scale = NULL;
  if (a->group_column && a->score)
    return usage_error(cmd, "--score and --group-column: the group comes from "
                            "one of them, give one");
  if (a->groups && vb_scale_parse(a->groups, scale, &err))
    return usage_error(cmd, "--groups: column %u: %s", err.column, err.message);
  if (vb_scale_has_labels(*scale) && !a->group_column) {
    vb_scale_free(*scale);
    *scale = NULL;
    return usage_error(cmd,
                       "--groups with labels (%s) reads a "
                       "--group-column; name the column",
                       a->groups);
  }
  return EXIT_OK;
}

int set_display_language(vb_report *r, const char *cmd, const char *code) {
  if (code && vb_report_set_display_language(r, code))
    return usage_error(cmd,
                       "--display-lang %s: no lexicon of that language is "
                       "loaded (load one with -l)",
                       code);
  return EXIT_OK;
}

/* Gives the job --lang and --default-lang. */
static int set_languages(vb_job *job, const input_args *a) {
  vb_error err;
  int rc = vb_job_set_languages(job, a->lang, a->default_lang,
                                a->detect_languages, &err);
  if (rc == VB_ELANGUAGE)
    return usage_error(a->cmd, "--default-lang: %s (load one with -l)",
                       err.message);
  if (rc) {
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  return EXIT_OK;
}

int setup_job(vb_job *job, const input_args *a, const vb_scale *scale) {
  vb_job_set_scale(job, scale);
  if (vb_job_set_columns(job, a->text, a->score, a->id) ||
      vb_job_set_group_column(job, a->group_column)) {
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  return set_languages(job, a);
}

void print_languages(const vb_job *job) {
  const char *codes[64], *as[64];
  uint64_t rows[64];
  size_t n = vb_job_languages(job, 64, codes, rows, as);
  if (n == 0)
    return;
  fputs("verbatim: languages:", stderr);
  for (size_t i = 0; i < n && i < 64; i++) {
    fprintf(stderr, "%s %s %llu", i ? "," : "", codes[i],
            (unsigned long long)rows[i]);
    size_t len = strlen(as[i]);
    if (strncmp(codes[i], as[i], len) != 0 ||
        (codes[i][len] && codes[i][len] != '-'))
      fprintf(stderr, " (matched as %s)", as[i]);
  }
  fputc('\n', stderr);
}

/* Notices of a run: a missing score column is a warning (even with -q);
 * a detected date format is news (not with -q). */
static void print_notice(void *ctx, vb_notice kind, const char *input,
                         const char *message) {
  const input_args *a = ctx;
  if (kind == VB_NOTICE_NO_SCORE_COLUMN)
    fprintf(stderr,
            "verbatim: warning: %s: %s; name the score column with --score "
            "COL\n",
            input, message);
  else if (!a->quiet)
    fprintf(stderr, "verbatim: %s: %s; --date-format overrides\n", input,
            message);
}

/* With CSV output, all inputs must have the first one's columns.  Checked
 * before any row is written, so a mismatch leaves no partial output.
 * Standard input cannot be read twice and is checked when it is read. */
static int check_headers(const input_args *a, char **files, int nfiles) {
  vb_reader *first = NULL;
  int code = EXIT_OK;
  for (int i = 0; i < nfiles && code == EXIT_OK; i++) {
    if (strcmp(files[i], "-") == 0)
      continue;
    vb_reader *r = NULL;
    code = open_input(a, files[i], false, &r);
    if (code) {
      ;
    } else if (!first) {
      first = r;
      r = NULL;
    } else if (!same_columns(first, vb_reader_column_count(first), r)) {
      code = EXIT_INPUT;
    }
    vb_reader_free(r);
  }
  vb_reader_free(first);
  return code;
}

/* --timings: the wall-clock seconds of compiling the lexicons and of the
 * run (reading, matching and counting every input), then the seconds per
 * stage, summed over threads, in the order a row goes through them. */
static void print_timings(const vb_job *job, const input_args *a,
                          double run_seconds) {
  fprintf(stderr, "verbatim: wall-clock seconds: lexicons %.3f, run %.3f\n",
          a->lexicons.load_seconds, run_seconds);
  _Static_assert(VB_STAGE_COUNT == 9, "a new stage needs its place below");
  static const vb_stage order[VB_STAGE_COUNT] = {
      VB_STAGE_READ,     VB_STAGE_DETECT,    VB_STAGE_NORMALIZE,
      VB_STAGE_SEGMENT,  VB_STAGE_STEM,      VB_STAGE_MATCH,
      VB_STAGE_PATTERNS, VB_STAGE_AGGREGATE, VB_STAGE_WRITE};
  double total = 0, secs[VB_STAGE_COUNT];
  for (int s = 0; s < VB_STAGE_COUNT; s++)
    total += secs[s] = (double)vb_job_stage_ns(job, order[s]) / 1e9;
  fputs("verbatim: thread-seconds by stage:", stderr);
  for (int s = 0; s < VB_STAGE_COUNT; s++)
    fprintf(stderr, "%s %s %.3f (%.0f%%)", s ? "," : "",
            vb_stage_name(order[s]), secs[s],
            total > 0 ? 100 * secs[s] / total : 0.0);
  fprintf(stderr, "; total %.3f\n", total);
}

/* The progress line: on a terminal only, at most four times a second. */
typedef struct progress {
  struct timespec start, last;
  uint64_t rows_before, bytes_before; /* of the inputs already done */
  uint64_t total_bytes;               /* 0: unknown (standard input) */
  uint64_t rows;
  bool shown;
} progress;

static void show_progress(void *user, uint64_t rows, uint64_t bytes) {
  progress *p = user;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  p->rows = p->rows_before + rows;
  if (seconds_between(&p->last, &now) < 0.25)
    return;
  p->last = now;
  double elapsed = seconds_between(&p->start, &now);
  double rate = elapsed > 0 ? (double)p->rows / elapsed : 0;
  char where[64] = "";
  uint64_t done = p->bytes_before + bytes;
  if (p->total_bytes && done <= p->total_bytes && done > 0) {
    double share = (double)done / (double)p->total_bytes;
    double eta = elapsed / share - elapsed;
    snprintf(where, sizeof where, "  %3.0f%%  ETA %d:%02d", 100 * share,
             (int)eta / 60, (int)eta % 60);
  }
  fprintf(stderr, "\r%llu rows  %.0f rows/s%s\033[K",
          (unsigned long long)p->rows, rate, where);
  p->shown = true;
}

/* The library names the missing column; the CLI adds the option that
 * names it. */
static void add_column_hint(vb_error *err) {
  static const struct {
    const char *prefix, *hint;
  } hints[] = {{"no text column found", "; name it with --text"},
               {"no segment column named", "; see --by"}};
  for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
    size_t len = strlen(err->message);
    if (strncmp(err->message, hints[i].prefix, strlen(hints[i].prefix)) == 0)
      snprintf(err->message + len, sizeof err->message - len, "%s",
               hints[i].hint);
  }
}

int run_inputs(vb_job *job, vb_tally *tally, const input_args *a,
               bool same_header, char **files, int nfiles) {
  static char *stdin_only[] = {"-"};
  if (nfiles == 0) {
    files = stdin_only;
    nfiles = 1;
  }
  vb_job_set_threads(job, a->jobs);
  vb_job_set_timing(job, a->timings);
  vb_job_set_notices(job, print_notice, (void *)a);
  progress prog = {0};
  if (!a->quiet && isatty(STDERR_FILENO)) {
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    prog.last = prog.start;
    for (int i = 0; i < nfiles; i++) {
      struct stat st;
      if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0 ||
          !S_ISREG(st.st_mode)) {
        prog.total_bytes = 0;
        break;
      }
      prog.total_bytes += (uint64_t)st.st_size;
    }
    vb_job_set_progress(job, show_progress, &prog);
  }
  if (same_header && nfiles > 1) {
    int code = check_headers(a, files, nfiles);
    if (code)
      return code;
  }
  vb_reader *first = NULL;
  size_t first_count = 0;
  int code = EXIT_OK;
  bool said = false;
  struct timespec run_start, run_end;
  clock_gettime(CLOCK_MONOTONIC, &run_start);
  for (int i = 0; i < nfiles && code == EXIT_OK; i++) {
    vb_reader *r;
    vb_error err;
    if ((code = open_input(a, files[i], true, &r)) != EXIT_OK)
      break;
    if (first && same_header && !same_columns(first, first_count, r)) {
      vb_reader_free(r);
      code = EXIT_INPUT;
      break;
    }
    size_t columns = vb_reader_column_count(r);
    uint64_t rows = vb_tally_count(tally, VB_COUNT_READ);
    uint64_t invalid = vb_tally_count(tally, VB_COUNT_INVALID_UTF8);
    int rc = vb_job_run(job, r, tally, &err);
    if (rc == VB_ECOLUMN)
      add_column_hint(&err);
    utf8_hint(r, vb_tally_count(tally, VB_COUNT_INVALID_UTF8) - invalid,
              vb_tally_count(tally, VB_COUNT_READ) - rows, &said);
    prog.rows_before = prog.rows;
    prog.bytes_before += vb_reader_bytes_read(r);
    if (rc) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
    }
    if (rc == VB_EAMBIGUOUS)
      fputs("verbatim: give the format with --date-format (one of the two "
            "above)\n",
            stderr);
    if (!first) {
      first = r;
      first_count = columns;
    } else
      vb_reader_free(r);
  }
  vb_reader_free(first);
  if (prog.shown)
    fputs("\r\033[K", stderr); /* the counts line takes its place */
  vb_job_set_progress(job, NULL, NULL);
  vb_job_set_notices(job, NULL, NULL);
  clock_gettime(CLOCK_MONOTONIC, &run_end);
  if (a->timings)
    print_timings(job, a, seconds_between(&run_start, &run_end));
  return code;
}

int run_sink(const input_args *a, const vb_lexicon *lex, const vb_sink *sink,
             const char *score, bool strict, char **files, int nfiles,
             uint64_t *rejected) {
  vb_job *job = NULL;
  vb_tally *tally = NULL;
  int code = EXIT_OK;
  if (vb_job_new(lex, &job) || vb_tally_new(lex, &tally) ||
      vb_job_set_columns(job, a->text, score, a->id) ||
      vb_job_add_sink(job, sink, NULL)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
  }
  if (!code)
    code = set_languages(job, a);
  if (!code) {
    vb_job_set_strict(job, strict);
    code = run_inputs(job, tally, a, false, files, nfiles);
    if (rejected)
      *rejected = vb_tally_count(tally, VB_COUNT_REJECTED);
  }
  vb_tally_free(tally);
  vb_job_free(job);
  return code;
}

void print_missing_column(const vb_reader *r, const char *role,
                          const char *given, const char *option) {
  char cols[300] = "";
  for (size_t i = 0; i < vb_reader_column_count(r); i++) {
    size_t len = strlen(cols);
    snprintf(cols + len, sizeof cols - len, "%s%s", i ? ", " : "",
             vb_reader_column_name(r, i));
  }
  if (given)
    fprintf(stderr, "verbatim: %s:1: no %s column named \"%s\" (columns: %s)\n",
            vb_reader_name(r), role, given, cols);
  else
    fprintf(stderr,
            "verbatim: %s:1: no %s column found (looked for %s, ...; "
            "columns: %s); name it with %s\n",
            vb_reader_name(r), role,
            strcmp(role, "text") == 0 ? "comment, text, verbatim, feedback"
                                      : "score, nps, rating, ltr",
            cols, option);
}

static void print_notes(const vb_reader *r, const input_args *a) {
  const char *name = vb_reader_name(r);
  char sep = vb_reader_delimiter(r);
  if (vb_reader_delimiter_sniffed(r) && sep != ',') {
    if (sep == '\t')
      fprintf(stderr, "verbatim: %s: fields separated by tabs\n", name);
    else
      fprintf(stderr, "verbatim: %s: fields separated by '%c'\n", name, sep);
  }
  if (!a->encoding && strcmp(vb_reader_encoding(r), "UTF-8") != 0)
    fprintf(stderr, "verbatim: %s: read as %s (byte-order mark)\n", name,
            vb_reader_encoding(r));
  unsigned long long skipped = vb_reader_skipped_rows(r);
  if (vb_reader_qualtrics(r))
    fprintf(stderr,
            "verbatim: %s: Qualtrics export: rows 2 and 3 (question texts, "
            "import ids) skipped\n",
            name);
  else if (skipped)
    fprintf(stderr, "verbatim: %s: %llu row%s after the header skipped\n", name,
            skipped, skipped == 1 ? "" : "s");
}

int open_input(const input_args *a, const char *path, bool notes,
               vb_reader **r) {
  vb_reader_options *o;
  *r = NULL;
  if (vb_reader_options_new(&o))
    return EXIT_INTERNAL;
  vb_reader_options_set_format(o, a->input_format);
  vb_reader_options_set_delimiter(o, a->delimiter); /* checked when parsed */
  vb_reader_options_set_skip_rows(o, a->skip_given ? a->skip_rows : -1);
  int rc = vb_reader_options_set_encoding(o, a->encoding);
  vb_error err;
  if (rc) { /* not reached: input_option checked the name */
    vb_reader_options_free(o);
    return EXIT_USAGE;
  }
  rc = vb_reader_open_with(path, o, r, &err);
  vb_reader_options_free(o);
  if (rc) {
    print_error(&err);
    return exit_code_for(rc, EXIT_INPUT);
  }
  vb_reader_set_max_row(*r, a->max_row);
  if (notes && !a->quiet)
    print_notes(*r, a);
  return EXIT_OK;
}

void utf8_hint(const vb_reader *r, uint64_t invalid, uint64_t rows,
               bool *said) {
  if (*said || !invalid || invalid * 100 <= rows ||
      strcmp(vb_reader_encoding(r), "UTF-8") != 0)
    return;
  fprintf(stderr,
          "verbatim: %s: %llu of %llu rows are not valid UTF-8; if the file "
          "came from Excel or another Windows program, try --encoding "
          "windows-1252\n",
          vb_reader_name(r), (unsigned long long)invalid,
          (unsigned long long)rows);
  *said = true;
}

bool not_text(const vb_reader *r, size_t column) {
  vb_value kind = vb_reader_field_type(r, column);
  if (kind != VB_VALUE_OBJECT && kind != VB_VALUE_ARRAY)
    return false;
  fprintf(stderr,
          "verbatim: %s:%llu: the text column \"%s\" holds a JSON %s, not "
          "text\n",
          vb_reader_name(r), (unsigned long long)vb_reader_line(r),
          vb_reader_column_name(r, column),
          kind == VB_VALUE_OBJECT ? "object" : "array");
  return true;
}

int input_option(int c, const char *cmd, input_args *a) {
  a->cmd = cmd; /* for the usage errors found after parsing */
  switch (c) {
  case OPT_ENCODING: {
    vb_reader_options *o;
    if (vb_reader_options_new(&o))
      return -EXIT_INTERNAL;
    int rc = vb_reader_options_set_encoding(o, optarg);
    vb_reader_options_free(o);
    if (rc)
      return -usage_error(cmd,
                          "unknown encoding '%s' (e.g. windows-1252, "
                          "latin1, UTF-16LE)",
                          optarg);
    a->encoding = optarg;
    return 1;
  }
  case OPT_DELIMITER: {
    char sep = strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0
                   ? '\t'
                   : optarg[0];
    vb_reader_options *o;
    if (vb_reader_options_new(&o))
      return -EXIT_INTERNAL;
    int rc = sep && (sep == '\t' || !optarg[1])
                 ? vb_reader_options_set_delimiter(o, sep)
                 : VB_EINVAL;
    vb_reader_options_free(o);
    if (rc)
      return -usage_error(cmd, "--delimiter needs one ASCII character other "
                               "than a quote, or tab");
    a->delimiter = sep;
    return 1;
  }
  case OPT_SKIP_ROWS: {
    char *end;
    long v = strtol(optarg, &end, 10);
    if (!*optarg || *end || v < 0)
      return -usage_error(cmd, "--skip-rows needs a number of rows >= 0");
    a->skip_rows = v;
    a->skip_given = true;
    return 1;
  }
  case 'l':
    return lexicon_args_add(&a->lexicons, optarg) ? 1 : -EXIT_USAGE;
  case 'o':
    a->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
    return 1;
  case OPT_BOM:
    a->bom = true;
    return 1;
  case 'q':
    a->quiet = true;
    return 1;
  case OPT_TIMINGS:
    a->timings = true;
    return 1;
  case 'j': {
    char *end;
    unsigned long v = strtoul(optarg, &end, 10);
    if (*end || end == optarg || v < 1 || v > 64)
      return -usage_error(cmd, "--jobs needs a number of threads from 1 to 64");
    a->jobs = (unsigned)v;
    return 1;
  }
  case OPT_REJECTS:
    a->rejects = optarg;
    return 1;
  case OPT_TEXT:
    a->text = optarg;
    return 1;
  case OPT_SCORE:
    a->score = optarg;
    return 1;
  case OPT_ID:
    a->id = optarg;
    return 1;
  case OPT_GROUP_COLUMN:
    a->group_column = optarg;
    return 1;
  case OPT_GROUPS:
    a->groups = optarg;
    return 1;
  case OPT_LANG:
    a->lang = optarg;
    return 1;
  case OPT_DEFAULT_LANG:
    a->default_lang = optarg;
    return 1;
  case OPT_INPUT_FORMAT: {
    static const char *const names[] = {"auto", "csv", "tsv", "ndjson"};
    for (int i = 0; i < 4; i++)
      if (strcmp(optarg, names[i]) == 0) {
        a->input_format = (vb_format)i;
        return 1;
      }
    return -usage_error(
        cmd, "unknown input format '%s' (auto, csv, tsv, ndjson)", optarg);
  }
  case OPT_MAX_ROW: {
    char *end;
    unsigned long long v = strtoull(optarg, &end, 10);
    if (*end || v < 64)
      return -usage_error(cmd, "--max-row needs a number of bytes >= 64");
    a->max_row = (size_t)v;
    return 1;
  }
  default:
    return 0;
  }
}

char *read_stream(FILE *f, size_t *len) {
  size_t cap = 4096, got = 0;
  char *buf = malloc(cap);
  for (size_t r; buf && (r = fread(buf + got, 1, cap - got, f)) > 0;) {
    got += r;
    if (got == cap) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger)
        free(buf);
      buf = bigger;
    }
  }
  *len = got;
  return buf;
}
