/*
 * cmd_eval.c - `verbatim eval`: measures lexicons against labeled (gold)
 * corpora: per theme precision, recall and F1 with Wilson intervals, micro
 * and macro averages, per term true and false positives, and examples of
 * each error.  Counting rules: docs/labeling.md.
 *
 * Several --gold files make one run of a protocol: each file is scored on
 * the themes it is labeled for (its own FILE:THEMES list, else --themes,
 * else every theme) and written on its own, then the pooled figures are
 * computed from the counts summed over the files.  One file alone is
 * written as it always was, and --min-f1 reads the pooled micro F1.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim eval [OPTIONS] --gold FILE[:THEMES] [--gold ...]\n"
    "\n"
    "Measures the lexicon against comments labeled by people: per theme\n"
    "true/false positives and false negatives, precision, recall and F1 with\n"
    "95% Wilson intervals, micro and macro averages, and per term the true\n"
    "and false positives it produced.  With several --gold files: the\n"
    "figures of each file, then the figures pooled over them.\n"
    "\n"
    "Options:\n"
    "  -l, --lexicon FILE      lexicon to use (repeatable; default: "
    "built-in)\n"
    "      --gold FILE         labeled comments: CSV, TSV or NDJSON, .gz or "
    "not\n"
    "                          (repeatable); FILE:THEMES scores that file on\n"
    "                          the comma-separated theme ids after the last "
    "':'\n"
    "      --themes LIST       score only these comma-separated theme ids "
    "(in\n"
    "                          the files without a :THEMES list of their "
    "own)\n"
    "      --by-language       the figures of each comment language (of "
    "all\n"
    "                          files together), then pooled, instead of "
    "each\n"
    "                          file's\n"
    "      --labels COL        the labels column: theme ids separated by ';'\n"
    "                          (default: labels)\n"
    "      --map FILE          CSV with columns label,theme mapping the gold\n"
    "                          file's label names onto theme ids (an empty\n"
    "                          theme drops that label)\n"
    "      --split NAME        only rows whose split column is NAME\n"
    "      --text COL          the comment column (default: comment, text, "
    "...)\n" LANG_OPTIONS_HELP
    "      --id COL            the id column shown in examples (default: id)\n"
    "      --errors N          show N false positives and N false negatives "
    "per\n"
    "                          theme, with the text, span and term\n"
    "  -f, --format FMT        table (default on a terminal), csv, json or "
    "xlsx\n"
    "                          (a workbook)\n" OUTPUT_HELP_XLSX
    "      --min-f1 X          exit with 1 when the (pooled) micro F1 is "
    "below X\n"
    "      --input-format FMT  auto (default), csv, tsv or "
    "ndjson\n" READER_OPTIONS_HELP
    "  -j, --jobs N            threads that match rows (default: one per "
    "core);\n"
    "                          the output is the same for any N\n"
    "  -q, --quiet             do not print the summary line\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit codes: 0 done, 1 micro F1 below --min-f1, 2 usage, 3 input (an\n"
    "unknown label, a malformed row), 4 lexicon, 5 output, 70 internal.\n";

enum { OPT_ERRORS = 512, OPT_MIN_F1, OPT_THEMES, OPT_BY_LANGUAGE };

static const struct option OPTIONS[] = {
    {"lexicon", required_argument, NULL, 'l'},
    GOLD_LONG_OPTIONS,
    {"themes", required_argument, NULL, OPT_THEMES},
    {"by-language", no_argument, NULL, OPT_BY_LANGUAGE},
    {"text", required_argument, NULL, OPT_TEXT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"default-lang", required_argument, NULL, OPT_DEFAULT_LANG},
    {"id", required_argument, NULL, OPT_ID},
    {"errors", required_argument, NULL, OPT_ERRORS},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"bom", no_argument, NULL, OPT_BOM},
    {"min-f1", required_argument, NULL, OPT_MIN_F1},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    READER_LONG_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct eval_args {
  input_args in;
  gold_args g;
  const char *themes; /* --themes: NULL scores every theme */
  int format;
  unsigned long errors;
  double min_f1;    /* < 0: none */
  bool by_language; /* --by-language */
} eval_args;

static int parse_args(int argc, char **argv, eval_args *a) {
  memset(a, 0, sizeof *a);
  a->format = -1;
  a->min_f1 = -1;
  a->g.labels = "labels";
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":l:f:o:j:qh", OPTIONS, NULL)) != -1) {
    int shared = gold_option(c, "eval", &a->g);
    if (!shared)
      shared = input_option(c, "eval", &a->in);
    if (shared < 0)
      return -shared;
    if (shared)
      continue;
    char *end;
    switch (c) {
    case OPT_THEMES:
      a->themes = optarg;
      break;
    case OPT_BY_LANGUAGE:
      a->by_language = a->in.detect_languages = true;
      break;
    case 'f':
      if ((a->format = parse_report_format(optarg)) < 0)
        return usage_error(
            "eval", "unknown format '%s' (table, csv, json, xlsx)", optarg);
      break;
    case OPT_ERRORS:
      a->errors = strtoul(optarg, &end, 10);
      if (!*optarg || *end || optarg[0] == '-' || a->errors > 1000)
        return usage_error("eval", "--errors needs a number from 0 to 1000");
      break;
    case OPT_MIN_F1:
      a->min_f1 = strtod(optarg, &end);
      if (!*optarg || *end || a->min_f1 < 0 || a->min_f1 > 1)
        return usage_error("eval", "--min-f1 needs a number from 0 to 1");
      break;
    case 'h':
      fputs(USAGE, stdout);
      return -1;
    case ':':
      return usage_error("eval", "option '%s' needs a value", argv[optind - 1]);
    default:
      return usage_error("eval", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc)
    return usage_error("eval",
                       "unexpected argument '%s' (the gold file goes "
                       "with --gold)",
                       argv[optind]);
  if (!a->g.gold_count)
    return usage_error("eval", "--gold FILE is required");
  return choose_report_format("eval", a->format, a->in.output, a->in.bom,
                              FORMATS_XLSX, &a->format);
}

/* The evaluation as a sink of the job: each worker evaluates its rows,
 * and the evaluations merge in worker order (counts add; the examples
 * kept are those of the first rows, by position). */
typedef struct eval_sink {
  const eval_args *a;
  const vb_lexicon *lex;
  const label_map *map;
  const size_t *themes; /* scored themes (NULL: all) */
  size_t theme_count;
  vb_eval *main;
  struct lang_evals *by_language; /* --by-language: the run's languages */
  uint64_t rows;
  long labels, split, id;
  char file[256];
} eval_sink;

/* An evaluation per comment language (--by-language). */
typedef struct lang_evals {
  char code[MAX_GOLD_FILES][16];
  vb_eval *ev[MAX_GOLD_FILES];
  size_t count;
} lang_evals;

typedef struct eval_state {
  eval_sink *sink;
  vb_eval *ev;
  lang_evals langs;
  uint64_t rows;
} eval_state;

/* A new evaluation of the sink's themes; NULL when out of memory. */
static vb_eval *new_eval(const eval_sink *s) {
  vb_eval *ev = NULL;
  /* set_themes fails only on indices out of range, and these were checked */
  if (vb_eval_new(s->lex, s->a->errors, &ev) ||
      (s->themes && vb_eval_set_themes(ev, s->themes, s->theme_count))) {
    vb_eval_free(ev);
    return NULL;
  }
  return ev;
}

/* The evaluation of language `code` in `langs` (added when new; the last
 * one takes the rest when full); NULL when out of memory. */
static vb_eval *lang_eval(const eval_sink *s, lang_evals *langs,
                          const char *code) {
  size_t i = 0;
  while (i < langs->count && strcmp(langs->code[i], code) != 0)
    i++;
  if (i == MAX_GOLD_FILES)
    return langs->ev[MAX_GOLD_FILES - 1];
  if (i == langs->count) {
    if (!(langs->ev[i] = new_eval(s)))
      return NULL;
    snprintf(langs->code[i], sizeof langs->code[i], "%s", code);
    langs->count++;
  }
  return langs->ev[i];
}

static int eval_start(void *ctx, vb_reader *r, vb_error *err) {
  eval_sink *s = ctx;
  snprintf(s->file, sizeof s->file, "%s", vb_reader_name(r));
  s->id = vb_reader_role_column(r, VB_ROLE_ID, s->a->in.id);
  return gold_columns(r, &s->a->g, &s->labels, &s->split, err);
}

static int eval_open(void *ctx, void **state) {
  eval_sink *s = ctx;
  eval_state *st = calloc(1, sizeof *st);
  if (!st)
    return VB_ENOMEM;
  st->sink = s;
  if (!s->by_language && !(st->ev = new_eval(s))) {
    free(st);
    return VB_ENOMEM;
  }
  *state = st;
  return VB_OK;
}

static int eval_row(void *state, const vb_row *row, FILE *out, vb_error *err) {
  (void)out;
  eval_state *st = state;
  const eval_sink *s = st->sink;
  if (vb_row_rejected(row) || !in_split(row, s->split, s->a->g.split))
    return VB_OK;
  size_t themes[256], n;
  int rc =
      row_labels(s->lex, s->map, row, s->labels, themes, &n, 256, s->file, err);
  if (rc)
    return rc;
  char id[64];
  size_t idlen, len;
  const char *rid = vb_row_id(row, &idlen);
  char *id_copy = s->id >= 0 ? strndup(rid, idlen) : NULL;
  if (s->id < 0)
    snprintf(id, sizeof id, "line %llu", (unsigned long long)vb_row_line(row));
  const char *text = vb_row_text(row, &len);
  vb_eval *ev = s->by_language
                    ? lang_eval(s, &st->langs, vb_row_language_key(row))
                    : st->ev;
  if ((s->id >= 0 && !id_copy) || !ev ||
      vb_eval_add_at(ev, vb_row_index(row), vb_row_matcher(row),
                     id_copy ? id_copy : id, text, len, themes, n)) {
    free(id_copy);
    return VB_ENOMEM;
  }
  free(id_copy);
  st->rows++;
  return VB_OK;
}

static int eval_merge(void *ctx, void *state, vb_error *err) {
  eval_sink *s = ctx;
  eval_state *st = state;
  s->rows += st->rows;
  int rc = s->by_language ? VB_OK : vb_eval_merge(s->main, st->ev);
  for (size_t i = 0; i < st->langs.count && !rc; i++) {
    vb_eval *to = lang_eval(s, s->by_language, st->langs.code[i]);
    rc = to ? vb_eval_merge(to, st->langs.ev[i]) : VB_ENOMEM;
  }
  if (rc) {
    snprintf(err->message, sizeof err->message, "out of memory");
    return VB_ENOMEM;
  }
  return VB_OK;
}

static void eval_close(void *ctx, void *state) {
  (void)ctx;
  eval_state *st = state;
  vb_eval_free(st->ev);
  for (size_t i = 0; i < st->langs.count; i++)
    vb_eval_free(st->langs.ev[i]);
  free(st);
}

/* Evaluates one gold file into `ev` through the job's driver: strict (a
 * malformed row or an unknown label stops the run), no scores read. */
static int evaluate(const eval_args *a, const char *path, const vb_lexicon *lex,
                    const label_map *map, const size_t *themes,
                    size_t theme_count, vb_eval *ev, lang_evals *langs,
                    uint64_t *rows) {
  eval_sink s = {.a = a,
                 .lex = lex,
                 .map = map,
                 .themes = themes,
                 .theme_count = theme_count,
                 .main = ev,
                 .by_language = langs};
  vb_sink sink = {.ctx = &s,
                  .start = eval_start,
                  .open = eval_open,
                  .row = eval_row,
                  .merge = eval_merge,
                  .close = eval_close};
  char *files[] = {(char *)path};
  int code = run_sink(&a->in, lex, &sink, "", true, files, 1, NULL);
  *rows += s.rows;
  return code;
}

/* One --gold file: its path, the themes of its own :THEMES list (NULL:
 * none given) and its evaluation. */
typedef struct gold_file {
  char *path;
  size_t *themes, theme_count;
  vb_eval *ev;
} gold_file;

/* What a run holds: the files, the --themes list, the pool of the files. */
typedef struct eval_run {
  gold_file files[MAX_GOLD_FILES];
  size_t nfiles;
  size_t *themes, theme_count; /* --themes; NULL: every theme */
  vb_eval *pooled;             /* with two files or more */
  uint64_t rows;
} eval_run;

static void run_free(eval_run *run) {
  for (size_t i = 0; i < run->nfiles; i++) {
    free(run->files[i].path);
    free(run->files[i].themes);
    vb_eval_free(run->files[i].ev);
  }
  free(run->themes);
  vb_eval_free(run->pooled);
}

static int out_of_memory(void) {
  fputs("verbatim: out of memory\n", stderr);
  return EXIT_INTERNAL;
}

/* --themes and each --gold FILE[:THEMES], checked against the lexicon. */
static int resolve_files(const eval_args *a, const vb_lexicon *lex,
                         eval_run *run) {
  char why[300];
  int rc = a->themes ? parse_theme_list(lex, a->themes, &run->themes,
                                        &run->theme_count, why, sizeof why)
                     : 0;
  if (rc < 0)
    return out_of_memory();
  if (rc)
    return usage_error("eval", "--themes '%s': %s", a->themes, why);
  for (size_t i = 0; i < a->g.gold_count; i++) {
    gold_file *f = &run->files[i];
    int code = parse_gold_spec(lex, "eval", a->g.gold[i], &f->path, &f->themes,
                               &f->theme_count);
    if (code)
      return code == EXIT_INTERNAL ? out_of_memory() : code;
    run->nfiles++;
  }
  return EXIT_OK;
}

/* Scores one file on its own themes, else on --themes, else on all. */
static int evaluate_file(const eval_args *a, const vb_lexicon *lex,
                         const label_map *map, eval_run *run, gold_file *f) {
  const size_t *themes = f->themes ? f->themes : run->themes;
  size_t count = f->themes ? f->theme_count : run->theme_count;
  /* set_themes fails only on indices out of range, and these were checked */
  if (vb_eval_new(lex, a->errors, &f->ev) ||
      (themes && vb_eval_set_themes(f->ev, themes, count)))
    return out_of_memory();
  return evaluate(a, f->path, lex, map, themes, count, f->ev, NULL, &run->rows);
}

static int by_code(const void *x, const void *y) {
  return strcmp(((const gold_file *)x)->path, ((const gold_file *)y)->path);
}

/* --by-language: every file's rows into one evaluation per comment
 * language, which then stand for the files (by code). */
static int evaluate_languages(const eval_args *a, const vb_lexicon *lex,
                              const label_map *map, eval_run *run) {
  lang_evals langs = {0};
  int code = EXIT_OK;
  for (size_t i = 0; i < run->nfiles && !code; i++) {
    if (run->files[i].themes)
      code = usage_error("eval", "--by-language scores every file on the "
                                 "same themes: use --themes, not FILE:THEMES");
    else
      code = evaluate(a, run->files[i].path, lex, map, run->themes,
                      run->theme_count, NULL, &langs, &run->rows);
  }
  for (size_t i = 0; i < run->nfiles; i++)
    free(run->files[i].path);
  run->nfiles = 0;
  for (size_t i = 0; i < langs.count; i++) {
    gold_file *f = &run->files[run->nfiles++];
    f->path = strdup(langs.code[i]);
    f->ev = langs.ev[i];
    if (!f->path && !code)
      code = out_of_memory();
  }
  qsort(run->files, run->nfiles, sizeof *run->files, by_code);
  if (!code && run->nfiles == 0)
    code = usage_error("eval", "no labeled comment was read");
  return code;
}

/* With several files, their pool; the evaluation --min-f1 reads. */
static const vb_eval *overall(const eval_run *run) {
  return run->nfiles > 1 ? run->pooled : run->files[0].ev;
}

static int pool_files(eval_run *run) {
  if (run->nfiles < 2)
    return EXIT_OK;
  const vb_eval *evals[MAX_GOLD_FILES];
  for (size_t i = 0; i < run->nfiles; i++)
    evals[i] = run->files[i].ev;
  return vb_eval_pool(evals, run->nfiles, &run->pooled) ? out_of_memory()
                                                        : EXIT_OK;
}

static int write_run(const eval_run *run, FILE *o, vb_report_format format) {
  if (run->nfiles == 1)
    return vb_eval_write(run->files[0].ev, o, format);
  const vb_eval *evals[MAX_GOLD_FILES];
  const char *names[MAX_GOLD_FILES];
  for (size_t i = 0; i < run->nfiles; i++) {
    evals[i] = run->files[i].ev;
    names[i] = run->files[i].path;
  }
  return vb_eval_write_pooled(evals, names, run->nfiles, run->pooled, o,
                              format);
}

static int render_csv(void *run, FILE *out) {
  return write_run(run, out, VB_REPORT_CSV);
}

/* Theme, micro and macro rows on one sheet, terms on another. */
static const char *eval_sheet(const char *kind) {
  return strcmp(kind, "term") == 0 ? "terms" : "themes";
}

/* To -o (atomically) or standard output, in the chosen format. */
static int write_output(const eval_args *a, const eval_run *run) {
  static const char *const percent[] = {"precision",
                                        "precision_low",
                                        "precision_high",
                                        "recall",
                                        "recall_low",
                                        "recall_high",
                                        "f1",
                                        NULL};
  static const xlsx_layout layout = {"themes", "kind", eval_sheet, percent};
  output out;
  int code = output_open(&out, a->in.output);
  if (code)
    return code;
  if (a->format == FORMAT_XLSX) {
    code = write_xlsx(out.stream, render_csv, (void *)run, &layout);
  } else {
    if (a->in.bom)
      write_bom(out.stream);
    int rc = write_run(run, out.stream, (vb_report_format)a->format);
    if (rc)
      fprintf(stderr, "verbatim: cannot write the evaluation: %s\n",
              rc == VB_EWRITE ? strerror(errno) : vb_strerror(rc));
    code = exit_code_for(rc, EXIT_OUTPUT);
  }
  if (code) {
    output_abort(&out);
    return code;
  }
  return output_commit(&out);
}

/* The summary line, and --min-f1 on the (pooled) micro F1. */
static int summarize(const eval_args *a, const eval_run *run) {
  double micro, macro;
  vb_eval_summary(overall(run), &micro, &macro);
  const char *pooled = run->nfiles > 1 ? "pooled " : "";
  if (!a->in.quiet && run->nfiles > 1)
    fprintf(stderr,
            "verbatim: %llu labeled comments in %zu %s, pooled micro F1 "
            "%.4f, macro F1 %.4f\n",
            (unsigned long long)run->rows, run->nfiles,
            a->by_language ? "languages" : "files", micro, macro);
  else if (!a->in.quiet)
    fprintf(stderr,
            "verbatim: %llu labeled comments, micro F1 %.4f, macro F1 "
            "%.4f\n",
            (unsigned long long)run->rows, micro, macro);
  if (a->min_f1 >= 0 && micro < a->min_f1) {
    fprintf(stderr, "verbatim: %smicro F1 %.4f is below --min-f1 %.4f\n",
            pooled, micro, a->min_f1);
    return EXIT_PARTIAL;
  }
  return EXIT_OK;
}

int cmd_eval(int argc, char **argv) {
  eval_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_lexicon *lex = load_lexicons(&a.in.lexicons, &code);
  if (!lex)
    return code;
  label_map map = {0};
  eval_run run;
  memset(&run, 0, sizeof run);
  if (a.g.map && (code = map_load(a.g.map, lex, &map)))
    goto done;
  if ((code = resolve_files(&a, lex, &run)))
    goto done;
  if (a.by_language)
    code = evaluate_languages(&a, lex, &map, &run);
  for (size_t i = 0; i < run.nfiles && !code && !a.by_language; i++)
    code = evaluate_file(&a, lex, &map, &run, &run.files[i]);
  if (code || (code = pool_files(&run)) || (code = write_output(&a, &run)))
    goto done;
  code = summarize(&a, &run);
done:
  run_free(&run);
  map_free(&map);
  vb_lexicon_free(lex);
  return code;
}
