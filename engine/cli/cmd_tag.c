/*
 * cmd_tag.c - `verbatim tag`: tag every row of the input with its themes.
 *
 * Reads each FILE (or standard input) in turn, writes the tagged rows to
 * standard output or atomically to -o FILE, rejected rows to --rejects,
 * and ends with one counts line on stderr: read = tagged + rejected.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim tag [OPTIONS] [FILE...]\n"
    "\n"
    "Tags each row of CSV, TSV or NDJSON input (gzip is read transparently)\n"
    "with the themes its comment mentions.  No FILE, or '-', reads standard\n"
    "input.\n"
    "\n"
    "Options:\n"
    "  -l, --lexicon FILE      lexicon to use (repeatable; default: the "
    "built-in\n"
    "                          English lexicon)\n"
    "  -f, --format FMT        csv (input columns + themes + one 0/1 column "
    "per\n"
    "                          theme; default), long (one row per id and "
    "theme),\n"
    "                          ndjson (matches with spans and negation)\n"
    "  -o, --output FILE       write to FILE atomically instead of stdout\n"
    "      --rejects FILE      write rejected rows (line,reason,raw) to FILE\n"
    "      --text COL          the comment column (default: comment, text,\n"
    "                          verbatim, feedback, ...)\n"
    "      --score COL         the 0-10 score column (default: score, nps,\n"
    "                          rating, ...)\n"
    "      --id COL            the id column (default: id, response_id, ...;\n"
    "                          else the line number)\n"
    "      --input-format FMT  auto (default), csv, tsv or ndjson\n"
    "      --max-row BYTES     reject rows longer than BYTES (default "
    "16777216)\n"
    "  -q, --quiet             do not print the counts line\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit codes: 0 all rows tagged, 1 some rows rejected, 2 usage, 3 input,\n"
    "4 lexicon, 5 output, 70 internal error.\n";

enum {
  OPT_REJECTS = 256,
  OPT_TEXT,
  OPT_SCORE,
  OPT_ID,
  OPT_INPUT_FORMAT,
  OPT_MAX_ROW
};

static const struct option OPTIONS[] = {
    {"lexicon", required_argument, NULL, 'l'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"rejects", required_argument, NULL, OPT_REJECTS},
    {"text", required_argument, NULL, OPT_TEXT},
    {"score", required_argument, NULL, OPT_SCORE},
    {"id", required_argument, NULL, OPT_ID},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"max-row", required_argument, NULL, OPT_MAX_ROW},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct tag_args {
  lexicon_args lexicons;
  vb_output format;
  vb_format input_format;
  const char *output, *rejects, *text, *score, *id;
  unsigned long long max_row;
  bool quiet;
} tag_args;

static int parse_args(int argc, char **argv, tag_args *a) {
  memset(a, 0, sizeof *a);
  a->format = VB_OUTPUT_CSV;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":l:f:o:qh", OPTIONS, NULL)) != -1) {
    switch (c) {
    case 'l':
      if (!lexicon_args_add(&a->lexicons, optarg))
        return EXIT_USAGE;
      break;
    case 'f':
      if (strcmp(optarg, "csv") == 0)
        a->format = VB_OUTPUT_CSV;
      else if (strcmp(optarg, "long") == 0)
        a->format = VB_OUTPUT_LONG;
      else if (strcmp(optarg, "ndjson") == 0)
        a->format = VB_OUTPUT_NDJSON;
      else
        return usage_error("tag", "unknown format '%s' (csv, long, ndjson)",
                           optarg);
      break;
    case 'o':
      a->output = optarg;
      break;
    case OPT_REJECTS:
      a->rejects = optarg;
      break;
    case OPT_TEXT:
      a->text = optarg;
      break;
    case OPT_SCORE:
      a->score = optarg;
      break;
    case OPT_ID:
      a->id = optarg;
      break;
    case OPT_INPUT_FORMAT:
      if (strcmp(optarg, "auto") == 0)
        a->input_format = VB_FORMAT_AUTO;
      else if (strcmp(optarg, "csv") == 0)
        a->input_format = VB_FORMAT_CSV;
      else if (strcmp(optarg, "tsv") == 0)
        a->input_format = VB_FORMAT_TSV;
      else if (strcmp(optarg, "ndjson") == 0)
        a->input_format = VB_FORMAT_NDJSON;
      else
        return usage_error("tag",
                           "unknown input format '%s' (auto, csv, tsv, "
                           "ndjson)",
                           optarg);
      break;
    case OPT_MAX_ROW: {
      char *end;
      a->max_row = strtoull(optarg, &end, 10);
      if (*end || a->max_row < 64)
        return usage_error("tag", "--max-row needs a number of bytes >= 64");
      break;
    }
    case 'q':
      a->quiet = true;
      break;
    case 'h':
      fputs(USAGE, stdout);
      return -1;
    case ':':
      return usage_error("tag", "option '%s' needs a value", argv[optind - 1]);
    default:
      return usage_error("tag", "unknown option '%s'", argv[optind - 1]);
    }
  }
  return EXIT_OK;
}

/* Same columns, same order: a CSV output has one header.  Says so when
 * they differ. */
static bool same_columns(const vb_reader *first, const vb_reader *r) {
  size_t n = vb_reader_column_count(first);
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

static void print_counts(const vb_tally *t, const char *rejects) {
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
  else if (rejected)
    fputs(" (use --rejects FILE to keep them)", stderr);
  if (invalid)
    fprintf(stderr, "; invalid UTF-8 replaced in %llu rows", invalid);
  if (patterns)
    fprintf(stderr, "; pattern limits hit in %llu rows", patterns);
  fputc('\n', stderr);
}

/* With CSV output, all inputs must have the first one's columns.  Checked
 * before any row is written, so a mismatch leaves no partial output.
 * Standard input cannot be read twice and is checked when it is read. */
static int check_headers(const tag_args *a, char **files, int nfiles) {
  vb_reader *first = NULL;
  int code = EXIT_OK;
  for (int i = 0; i < nfiles && code == EXIT_OK; i++) {
    if (strcmp(files[i], "-") == 0)
      continue;
    vb_reader *r;
    vb_error err;
    int rc = vb_reader_open(files[i], a->input_format, &r, &err);
    if (rc) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
    } else if (!first) {
      first = r;
      r = NULL;
    } else if (!same_columns(first, r)) {
      code = EXIT_INPUT;
    }
    vb_reader_free(r);
  }
  vb_reader_free(first);
  return code;
}

/* Runs the job over every input in turn. */
static int run_inputs(vb_job *job, vb_tally *tally, const tag_args *a,
                      char **files, int nfiles) {
  static char *stdin_only[] = {"-"};
  if (nfiles == 0) {
    files = stdin_only;
    nfiles = 1;
  }
  if (a->format == VB_OUTPUT_CSV && nfiles > 1) {
    int code = check_headers(a, files, nfiles);
    if (code)
      return code;
  }
  vb_reader *first = NULL;
  int code = EXIT_OK;
  for (int i = 0; i < nfiles && code == EXIT_OK; i++) {
    vb_reader *r;
    vb_error err;
    int rc = vb_reader_open(files[i], a->input_format, &r, &err);
    if (rc) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
      break;
    }
    if (a->max_row)
      vb_reader_set_max_row(r, (size_t)a->max_row);
    if (first && a->format == VB_OUTPUT_CSV && !same_columns(first, r)) {
      vb_reader_free(r);
      code = EXIT_INPUT;
      break;
    }
    rc = vb_job_run(job, r, tally, &err);
    if (rc) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
    }
    if (!first)
      first = r;
    else
      vb_reader_free(r);
  }
  vb_reader_free(first);
  return code;
}

int cmd_tag(int argc, char **argv) {
  tag_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_lexicon *lex = load_lexicons(&a.lexicons);
  if (!lex)
    return EXIT_LEXICON;
  vb_job *job = NULL;
  vb_tally *tally = NULL;
  vb_outfile *out = NULL, *rejects = NULL;
  vb_error err;
  if (vb_job_new(lex, &job) || vb_tally_new(lex, &tally) ||
      vb_job_set_columns(job, a.text, a.score, a.id)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if ((a.output && vb_outfile_open(a.output, &out, &err)) ||
      (a.rejects && vb_outfile_open(a.rejects, &rejects, &err))) {
    print_error(&err);
    code = EXIT_OUTPUT;
    goto done;
  }
  vb_job_set_output(job, out ? vb_outfile_stream(out) : stdout, a.format);
  vb_job_set_rejects(job, rejects ? vb_outfile_stream(rejects) : NULL);
  code = run_inputs(job, tally, &a, argv + optind, argc - optind);
  if (code == EXIT_OK) {
    if (out && vb_outfile_commit(out, &err)) {
      print_error(&err);
      code = EXIT_OUTPUT;
    }
    out = NULL;
    if (rejects && vb_outfile_commit(rejects, &err)) {
      print_error(&err);
      code = EXIT_OUTPUT;
    }
    rejects = NULL;
    if (!a.output && fflush(stdout) != 0) {
      fputs("verbatim: cannot write to standard output\n", stderr);
      code = EXIT_OUTPUT;
    }
  }
  if (!a.quiet)
    print_counts(tally, a.rejects);
  if (code == EXIT_OK && vb_tally_count(tally, VB_COUNT_REJECTED))
    code = EXIT_PARTIAL;
done:
  vb_outfile_abort(out);
  vb_outfile_abort(rejects);
  vb_tally_free(tally);
  vb_job_free(job);
  vb_lexicon_free(lex);
  return code;
}
