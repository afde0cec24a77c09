/*
 * cmd_merge.c - `verbatim merge`: partial reports (report --partial) of
 * the parts of a split run, added into one report.
 *
 * A run too big for one machine is split into parts, each reported with
 * `report --partial`; merge loads the partials, checks that they were
 * made alike (same lexicon, scale, columns, period: the library names
 * what differs, and this file adds the option that sets it), adds their
 * counts and writes the report one run over every part would have
 * written, byte for byte.  Presentation (-f, --top, --min-mentions,
 * --min-responses) is chosen here, not when the parts were made.  With
 * --partial the sum is written as a partial report again, so parts can
 * be merged in a tree.  The counts line and the reject reasons are the
 * sums of the parts', and merge exits 1 when any part rejected rows, as
 * `report` does.
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
    "Usage: verbatim merge [OPTIONS] PARTIAL...\n"
    "\n"
    "Adds partial reports (written by 'verbatim report --partial') into one "
    "report,\n"
    "the same, byte for byte, as one 'verbatim report' over all their "
    "inputs.\n"
    "'-' reads a partial report from standard input.\n"
    "\n"
    "Options:\n"
    "  -f, --format FMT        table (default on a terminal), csv (default\n"
    "                          otherwise), json, html or xlsx, as for "
    "report\n" OUTPUT_HELP_HTML
    "      --partial           write the sum as a partial report again (to "
    "merge\n"
    "                          in a tree)\n" PRESENTATION_HELP
    "  -q, --quiet             do not print the counts line\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit codes: 0 all rows counted, 1 some part rejected rows, 2 usage, 3 "
    "input\n"
    "(a partial report that cannot be read or does not match the first), 4\n"
    "lexicon, 5 output, 70 internal error.  Format: docs/partial-format.md.\n";

static const struct option OPTIONS[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"bom", no_argument, NULL, OPT_BOM},
    {"partial", no_argument, NULL, OPT_PARTIAL},
    {"min-mentions", required_argument, NULL, OPT_MIN_MENTIONS},
    {"min-responses", required_argument, NULL, OPT_MIN_RESPONSES},
    {"top", required_argument, NULL, OPT_TOP},
    {"display-lang", required_argument, NULL, OPT_DISPLAY_LANG},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct merge_args {
  int format; /* FORMAT_*, or -1: choose */
  const char *output, *presentation, *display_lang;
  bool bom, partial, quiet;
  unsigned long long min_mentions, min_responses, top;
} merge_args;

/* One option; 0 to go on, -1 after help, else an exit code. */
static int merge_option(int c, char **argv, merge_args *a) {
  switch (c) {
  case 'f':
    a->presentation = "-f";
    if ((a->format = parse_report_format(optarg)) < 0)
      return usage_error("merge",
                         "unknown format '%s' (table, csv, json, html, xlsx)",
                         optarg);
    return EXIT_OK;
  case 'o':
    a->output = strcmp(optarg, "-") == 0 ? NULL : optarg;
    return EXIT_OK;
  case OPT_BOM:
    a->bom = true;
    return EXIT_OK;
  case OPT_PARTIAL:
    a->partial = true;
    return EXIT_OK;
  case 'q':
    a->quiet = true;
    return EXIT_OK;
  case OPT_MIN_MENTIONS:
    a->presentation = "--min-mentions";
    return parse_whole_number("merge", "--min-mentions", optarg,
                              &a->min_mentions);
  case OPT_MIN_RESPONSES:
    a->presentation = "--min-responses";
    return parse_whole_number("merge", "--min-responses", optarg,
                              &a->min_responses);
  case OPT_TOP:
    a->presentation = "--top";
    return parse_whole_number("merge", "--top", optarg, &a->top);
  case OPT_DISPLAY_LANG:
    a->presentation = "--display-lang";
    a->display_lang = optarg;
    return EXIT_OK;
  case 'h':
    fputs(USAGE, stdout);
    return -1;
  case ':':
    return usage_error("merge", "option '%s' needs a value", argv[optind - 1]);
  default:
    return usage_error("merge", "unknown option '%s'", argv[optind - 1]);
  }
}

static int parse_args(int argc, char **argv, merge_args *a) {
  memset(a, 0, sizeof *a);
  a->format = -1;
  a->min_mentions = 1;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":f:o:qh", OPTIONS, NULL)) != -1) {
    int code = merge_option(c, argv, a);
    if (code)
      return code;
  }
  if (optind == argc)
    return usage_error("merge", "no partial report given");
  if (a->partial && (a->presentation || a->bom))
    return usage_error("merge",
                       "%s goes with a report, not --partial: a partial "
                       "report holds counts, not their presentation",
                       a->presentation ? a->presentation : "--bom");
  if (a->partial)
    return EXIT_OK;
  return choose_report_format("merge", a->format, a->output, a->bom,
                              FORMATS_XLSX | FORMATS_HTML, &a->format);
}

const char *setting_option(const char *setting) {
  static const char *const OPTIONS_OF[][2] = {
      {"lexicon", "-l"},
      {"scale", "--groups"},
      {"segment columns", "--by"},
      {"period", "--period"},
      {"examples kept", "--examples"},
      {"text column", "--text"},
      {"score column", "--score"},
      {"group column", "--group-column"},
      {"date column", "--date"},
      {"date format", "--date-format"},
      {"row size limit", "--max-row"}};
  for (size_t i = 0; i < sizeof OPTIONS_OF / sizeof *OPTIONS_OF; i++) {
    size_t n = strlen(OPTIONS_OF[i][0]);
    if (strncmp(setting, OPTIONS_OF[i][0], n) == 0 && setting[n] == ' ')
      return OPTIONS_OF[i][1];
  }
  return NULL;
}

/* Says why a partial cannot be merged; a mismatch names the option. */
static int load_failed(int rc, const vb_error *err) {
  print_error(err);
  const char *option = setting_option(err->message);
  if (rc == VB_EMISMATCH && option)
    fprintf(stderr, "verbatim: hint: report every part with the same %s\n",
            option);
  return rc == VB_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
}

/* Loads one partial (like `first` when there is one) into *out. */
static int load_part(const char *path, const vb_report *first,
                     vb_report **out) {
  bool in = strcmp(path, "-") == 0;
  FILE *f = in ? stdin : fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "verbatim: %s: cannot open: %s\n", path, strerror(errno));
    return EXIT_INPUT;
  }
  size_t len = 0;
  char *bytes = read_stream(f, &len);
  bool failed = ferror(f);
  if (!in)
    fclose(f);
  if (!bytes || failed) {
    free(bytes);
    fprintf(stderr, "verbatim: %s: %s\n", path,
            bytes ? "cannot read" : "out of memory");
    return bytes ? EXIT_INPUT : EXIT_INTERNAL;
  }
  vb_error err;
  int rc = vb_report_load(bytes, len, in ? "<stdin>" : path, first, out, &err);
  free(bytes);
  return rc ? load_failed(rc, &err) : EXIT_OK;
}

/* Every part, added into *sum (the first, which owns the lexicon). */
static int load_parts(char **files, int n, vb_report **sum) {
  *sum = NULL;
  for (int i = 0; i < n; i++) {
    vb_report *part;
    int code = load_part(files[i], *sum, &part);
    if (code)
      return code;
    if (!*sum) {
      *sum = part;
      continue;
    }
    int rc = vb_report_merge(*sum, part);
    vb_report_free(part);
    if (rc) {
      fprintf(stderr, "verbatim: %s: cannot merge: %s\n", files[i],
              vb_strerror(rc));
      return exit_code_for(rc, EXIT_INTERNAL);
    }
  }
  return EXIT_OK;
}

static int write_sum(vb_report *sum, const merge_args *a, FILE *o) {
  return a->partial ? save_partial_report(sum, o)
                    : write_report_as(sum, a->format, a->bom, o);
}

int cmd_merge(int argc, char **argv) {
  merge_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_report *sum = NULL;
  output out = {0};
  if ((code = load_parts(argv + optind, argc - optind, &sum)))
    goto done;
  vb_report_set_limits(sum, a.min_mentions, (size_t)a.top);
  vb_report_set_min_responses(sum, a.min_responses);
  if ((code = set_display_language(sum, "merge", a.display_lang)))
    goto done;
  vb_tally *overall = vb_report_overall(sum);
  /* as report: no row tagged is no report (a partial may be empty) */
  bool refused = !a.partial && nothing_tagged(NULL, sum, overall);
  if (!refused && (code = output_open(&out, a.output)) == EXIT_OK)
    code = write_sum(sum, &a, out.stream);
  if (!refused && code == EXIT_OK)
    code = output_commit(&out);
  if (refused)
    code = EXIT_INPUT;
  else
    warn_rejects(NULL, sum, overall);
  if (!a.quiet)
    print_counts(overall, NULL, true);
  if (code == EXIT_OK && vb_tally_count(overall, VB_COUNT_REJECTED))
    code = EXIT_PARTIAL;
done:
  output_abort(&out);
  /* the parts share the first one's lexicon: it goes last */
  vb_report_free(sum);
  return code;
}
