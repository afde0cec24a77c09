/*
 * cmd_tag.c - `verbatim tag`: tag every row of the input with its themes.
 *
 * Reads each FILE (or standard input) in turn, writes the tagged rows to
 * standard output or atomically to -o FILE, rejected rows to --rejects,
 * and ends with one counts line on stderr: read = tagged + rejected.  When
 * rows were read and none could be tagged, nothing is written (exit 3):
 * an empty output that looks like a result is worse than none.
 */
#include <getopt.h>
#include <stdbool.h>
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
    "                          rating, ...)\n" GROUP_OPTIONS_HELP
    "      --id COL            the id column (default: id, response_id, ...;\n"
    "                          else the line number)\n" RUN_OPTIONS_HELP "\n"
    "Exit codes: 0 all rows tagged, 1 some rows rejected, 2 usage, 3 input\n"
    "(or no row could be tagged), 4 lexicon, 5 output, 70 internal error.\n";

static const struct option OPTIONS[] = {
    INPUT_LONG_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {NULL, 0, NULL, 0}};

/* Parses the command line into *a and *format; -1 after --help. */
static int parse_args(int argc, char **argv, input_args *a, vb_output *format) {
  memset(a, 0, sizeof *a);
  *format = VB_OUTPUT_CSV;
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
  return EXIT_OK;
}

int cmd_tag(int argc, char **argv) {
  input_args a;
  vb_output format;
  int code = parse_args(argc, argv, &a, &format);
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
  vb_outfile *out = NULL, *rejects = NULL;
  if (vb_job_new(lex, &job) || vb_tally_new(lex, &tally)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if ((code = setup_job(job, &a, scale)) ||
      (code = open_outputs(&a, &out, &rejects)))
    goto done;
  vb_job_set_output(job, out ? vb_outfile_stream(out) : stdout, format);
  vb_job_set_rejects(job, rejects ? vb_outfile_stream(rejects) : NULL);
  code = run_inputs(job, tally, &a, format == VB_OUTPUT_CSV, argv + optind,
                    argc - optind);
  bool refused = code == EXIT_OK && nothing_tagged(job, tally);
  if (refused) { /* keep the rejects, which say why; drop the output */
    vb_outfile_abort(out);
    out = NULL;
  }
  if (code == EXIT_OK)
    code = commit_outputs(&a, &out, &rejects);
  if (refused && code == EXIT_OK)
    code = EXIT_INPUT;
  if (!refused)
    warn_rejects(job, tally);
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
  vb_scale_free(scale);
  return code;
}
