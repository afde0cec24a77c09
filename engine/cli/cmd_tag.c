/*
 * cmd_tag.c - `verbatim tag`: tag every row of the input with its themes.
 *
 * Reads each FILE (or standard input) in turn, writes the tagged rows to
 * standard output or atomically to -o FILE, rejected rows to --rejects,
 * and ends with one counts line on stderr: read = tagged + rejected.  When
 * rows were read and none could be tagged, nothing is written (exit 3):
 * an empty output that looks like a result is worse than none.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    "  -o, --output FILE       write to FILE atomically instead of stdout "
    "('-':\n"
    "                          stdout); FILE.csv, FILE.ndjson (which "
    "implies\n"
    "                          -f ndjson) or FILE.xlsx (a workbook of the "
    "csv or\n"
    "                          long rows)\n"
    "      --bom               start CSV output with a UTF-8 byte order mark "
    "(for\n"
    "                          Excel)\n"
    "      --rejects FILE      write rejected rows (line,reason,raw) to "
    "FILE.csv\n"
    "                          ('-': stdout, when -o names a file)\n"
    "      --text COL          the comment column (default: comment, text,\n"
    "                          verbatim, feedback, ...)\n"
    "      --score COL         the 0-10 score column (default: score, nps,\n"
    "                          rating, ...)\n" GROUP_OPTIONS_HELP
    "      --id COL            the id column (default: id, response_id, ...;\n"
    "                          else the line number)\n" RUN_OPTIONS_HELP "\n"
    "Exit codes: 0 all rows tagged, 1 some rows rejected, 2 usage, 3 input\n"
    "(or no row could be tagged), 4 lexicon, 5 output, 70 internal error.\n";

static const struct option OPTIONS[] = {
    INPUT_LONG_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {NULL, 0, NULL, 0}};

/* -f against -o's name: .csv and .xlsx hold csv or long, .ndjson holds
 * ndjson, and without -f the name chooses.  *xlsx: write a workbook. */
static int check_format(const input_args *a, int given, vb_output *format,
                        bool *xlsx) {
  out_kind kind;
  int code = check_output_name(
      "tag", "-o", a->output, 1u << OUT_CSV | 1u << OUT_NDJSON | 1u << OUT_XLSX,
      &kind);
  if (code)
    return code;
  *xlsx = kind == OUT_XLSX;
  if (given < 0)
    *format = kind == OUT_NDJSON ? VB_OUTPUT_NDJSON : VB_OUTPUT_CSV;
  else if (kind != OUT_STREAM &&
           (kind == OUT_NDJSON) != (*format == VB_OUTPUT_NDJSON))
    return usage_error("tag", "-o %s: the name says %s, but -f %s writes %s",
                       a->output,
                       kind == OUT_NDJSON ? "ndjson"
                       : kind == OUT_XLSX ? "xlsx"
                                          : "csv",
                       *format == VB_OUTPUT_NDJSON ? "ndjson"
                       : *format == VB_OUTPUT_LONG ? "long"
                                                   : "csv",
                       *format == VB_OUTPUT_NDJSON ? "ndjson" : "csv");
  if (a->bom && (*format == VB_OUTPUT_NDJSON || *xlsx))
    return usage_error("tag", "--bom goes with CSV output");
  return check_rejects_name("tag", a);
}

/* Parses the command line into *a, *format and *xlsx; -1 after --help. */
static int parse_args(int argc, char **argv, input_args *a, vb_output *format,
                      bool *xlsx) {
  memset(a, 0, sizeof *a);
  *format = VB_OUTPUT_CSV;
  int given = -1;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":l:f:o:j:qh", OPTIONS, NULL)) != -1) {
    int shared = input_option(c, "tag", a);
    if (shared < 0)
      return -shared;
    if (shared)
      continue;
    switch (c) {
    case 'f':
      given = 1;
      if (strcmp(optarg, "csv") == 0)
        *format = VB_OUTPUT_CSV;
      else if (strcmp(optarg, "long") == 0)
        *format = VB_OUTPUT_LONG;
      else if (strcmp(optarg, "ndjson") == 0)
        *format = VB_OUTPUT_NDJSON;
      else
        return usage_error("tag", "unknown format '%s' (csv, long, ndjson)",
                           optarg);
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
  return check_format(a, given, format, xlsx);
}

/* The rows go to a temporary CSV file; the workbook made from it goes to
 * `out`.  A sheet holds at most 1,048,576 rows: more is exit 5. */
static int tag_xlsx(vb_job *job, vb_tally *tally, const input_args *a,
                    vb_output format, char **files, int nfiles, output *out) {
  static const xlsx_layout layout = {"tagged", NULL, NULL, NULL};
  char csv[4096];
  int fd = xlsx_temp_file(csv);
  FILE *f = fd >= 0 ? fdopen(fd, "w+b") : NULL;
  if (!f) {
    if (fd >= 0) {
      fputs("verbatim: out of memory\n", stderr);
      close(fd);
      unlink(csv);
    }
    return fd >= 0 ? EXIT_INTERNAL : EXIT_OUTPUT;
  }
  vb_job_set_output(job, f, format);
  int code = run_inputs(job, tally, a, format == VB_OUTPUT_CSV, files, nfiles);
  vb_job_set_output(job, NULL, VB_OUTPUT_NONE);
  if (fclose(f) != 0 && !code) {
    fprintf(stderr, "verbatim: %s: cannot write a temporary file: %s\n", csv,
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  if (!code)
    code = xlsx_from_csv(csv, out->stream, &layout);
  unlink(csv);
  return code;
}

int cmd_tag(int argc, char **argv) {
  input_args a;
  vb_output format;
  bool xlsx = false;
  int code = parse_args(argc, argv, &a, &format, &xlsx);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_scale *scale = NULL;
  if ((code = make_scale(&a, "tag", &scale)))
    return code;
  vb_lexicon *lex = load_lexicons(&a.lexicons, &code);
  if (!lex) {
    vb_scale_free(scale);
    return code;
  }
  vb_job *job = NULL;
  vb_tally *tally = NULL;
  output out = {0}, rejects = {0};
  if (vb_job_new(lex, &job) || vb_tally_new_counts(lex, &tally) ||
      vb_job_set_columns(job, a.text, a.score, a.id)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if ((code = setup_job(job, &a, scale)) ||
      (code = open_outputs(&a, &out, &rejects)))
    goto done;
  if (a.bom)
    write_bom(out.stream);
  vb_job_set_rejects(job, rejects.stream);
  if (xlsx) {
    code = tag_xlsx(job, tally, &a, format, argv + optind, argc - optind, &out);
  } else {
    vb_job_set_output(job, out.stream, format);
    code = run_inputs(job, tally, &a, format == VB_OUTPUT_CSV, argv + optind,
                      argc - optind);
  }
  bool refused = code == EXIT_OK && nothing_tagged(job, NULL, tally);
  if (refused) /* keep the rejects, which say why; drop the output */
    output_abort(&out);
  if (code == EXIT_OK)
    code = commit_outputs(&out, &rejects);
  if (refused && code == EXIT_OK)
    code = EXIT_INPUT;
  if (!refused)
    warn_rejects(job, NULL, tally);
  if (!a.quiet) {
    print_counts(tally, a.rejects, false);
    print_languages(job);
  }
  if (code == EXIT_OK && vb_tally_count(tally, VB_COUNT_REJECTED))
    code = EXIT_PARTIAL;
done:
  output_abort(&out);
  output_abort(&rejects);
  vb_tally_free(tally);
  vb_job_free(job);
  vb_lexicon_free(lex);
  vb_scale_free(scale);
  return code;
}
