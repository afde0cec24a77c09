/*
 * cmd_report.c - `verbatim report`: theme counts and NPS figures by score
 * group, overall and per segment (--by) and period (--period), as a table
 * for people or tidy CSV / JSON for BI tools.
 *
 * It runs the same job as `tag` with no row output and a report attached;
 * the report's overall tally doubles as the run's counts, so the counts
 * line and the report always agree.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim report [OPTIONS] [FILE...]\n"
    "\n"
    "For every theme: how often detractors, passives and promoters mention "
    "it,\n"
    "its NPS and the NPS points it costs, overall and per segment and "
    "period.\n"
    "No FILE, or '-', reads standard input.\n"
    "\n"
    "Options:\n"
    "  -l, --lexicon FILE      lexicon to use (repeatable; default: "
    "built-in)\n"
    "  -f, --format FMT        table (default on a terminal), csv (default\n"
    "                          otherwise; tidy: one row per segment x period "
    "x\n"
    "                          theme x group), json or xlsx (a "
    "workbook)\n" OUTPUT_HELP_XLSX
    "      --by COL            split by this column (repeatable)\n"
    "      --period P          split by day, week (ISO), month, quarter or "
    "year\n"
    "      --date COL          the date column for --period (default: date)\n"
    "      --date-format FMT   how its dates are written, e.g. %d/%m/%Y or\n"
    "                          \"%m/%d/%Y %H:%M:%S\" (default: ISO 8601 or "
    "the\n"
    "                          common form detected from the first rows)\n"
    "      --min-mentions N    hide themes mentioned by fewer than N "
    "comments\n"
    "                          overall (default 1)\n"
    "      --min-responses N   leave out the figures of slices with fewer "
    "than\n"
    "                          N responses (counts stay; default 0)\n"
    "      --top N             show at most N themes per table (default: "
    "all)\n"
    "      --rejects FILE      write rejected rows (line,reason,raw) to "
    "FILE.csv\n"
    "                          ('-': stdout, when -o names a file)\n"
    "      --text COL          the comment column (default: comment, text, "
    "...)\n"
    "      --score COL         the score column (default: score, nps, "
    "...)\n" GROUP_OPTIONS_HELP
    "      --id COL            the id column (default: id, response_id, "
    "...)\n" RUN_OPTIONS_HELP "\n"
    "Exit codes: 0 all rows counted, 1 some rows rejected, 2 usage (or "
    "ambiguous\n"
    "dates), 3 input (or no row could be tagged), 4 lexicon, 5 output, 70\n"
    "internal error.  Figures: docs/metrics.md.\n";

static const struct option OPTIONS[] = {
    INPUT_LONG_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {"by", required_argument, NULL, OPT_BY},
    {"period", required_argument, NULL, OPT_PERIOD},
    {"date", required_argument, NULL, OPT_DATE},
    {"date-format", required_argument, NULL, OPT_DATE_FORMAT},
    {"min-mentions", required_argument, NULL, OPT_MIN_MENTIONS},
    {"min-responses", required_argument, NULL, OPT_MIN_RESPONSES},
    {"top", required_argument, NULL, OPT_TOP},
    {NULL, 0, NULL, 0}};

#define MAX_BY 16

typedef struct report_args {
  input_args in;
  int format; /* vb_report_format, or -1: choose */
  const char *by[MAX_BY];
  size_t by_count;
  vb_period period;
  const char *date, *date_format;
  unsigned long long min_mentions, min_responses, top;
} report_args;

static int parse_count(const char *opt, const char *text,
                       unsigned long long *v) {
  char *end;
  *v = strtoull(text, &end, 10);
  if (!*text || *end || text[0] == '-')
    return usage_error("report", "%s needs a whole number", opt);
  return EXIT_OK;
}

static int parse_args(int argc, char **argv, report_args *a) {
  memset(a, 0, sizeof *a);
  a->format = -1;
  a->min_mentions = 1;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":l:f:o:j:qh", OPTIONS, NULL)) != -1) {
    int shared = input_option(c, "report", &a->in);
    if (shared < 0)
      return -shared;
    if (shared)
      continue;
    int code = EXIT_OK;
    switch (c) {
    case 'f':
      if ((a->format = parse_report_format(optarg)) < 0)
        return usage_error(
            "report", "unknown format '%s' (table, csv, json, xlsx)", optarg);
      break;
    case OPT_BY:
      if (a->by_count == MAX_BY)
        return usage_error("report", "at most %d --by columns", MAX_BY);
      for (size_t i = 0; i < a->by_count; i++)
        if (strcasecmp(a->by[i], optarg) == 0) /* two columns of one name */
          return usage_error("report", "--by %s is given twice", optarg);
      a->by[a->by_count++] = optarg;
      break;
    case OPT_PERIOD:
      if (vb_period_parse(optarg, &a->period) != VB_OK)
        return usage_error("report",
                           "unknown period '%s' (day, week, month, quarter, "
                           "year)",
                           optarg);
      break;
    case OPT_DATE:
      a->date = optarg;
      break;
    case OPT_DATE_FORMAT:
      a->date_format = optarg;
      break;
    case OPT_MIN_MENTIONS:
      code = parse_count("--min-mentions", optarg, &a->min_mentions);
      break;
    case OPT_MIN_RESPONSES:
      code = parse_count("--min-responses", optarg, &a->min_responses);
      break;
    case OPT_TOP:
      code = parse_count("--top", optarg, &a->top);
      break;
    case 'h':
      fputs(USAGE, stdout);
      return -1;
    case ':':
      return usage_error("report", "option '%s' needs a value",
                         argv[optind - 1]);
    default:
      return usage_error("report", "unknown option '%s'", argv[optind - 1]);
    }
    if (code)
      return code;
  }
  if (a->date && a->period == VB_PERIOD_NONE)
    return usage_error("report", "--date goes with --period");
  if (a->date_format && a->period == VB_PERIOD_NONE)
    return usage_error("report", "--date-format goes with --period");
  vb_error err;
  if (a->date_format && vb_date_format_check(a->date_format, &err))
    return usage_error("report", "--date-format: %s", err.message);
  int code = choose_report_format("report", a->format, a->in.output, a->in.bom,
                                  true, &a->format);
  return code ? code : check_rejects_name("report", &a->in);
}

static int render_csv(void *report, FILE *out) {
  return vb_report_write(report, out, VB_REPORT_CSV);
}

/* The report in its format: a workbook, or the library's renderers. */
static int write_report(vb_report *report, const report_args *a, FILE *o) {
  static const char *const percent[] = {"share", "share_low", "share_high",
                                        "prev_share", NULL};
  static const xlsx_layout layout = {"report", NULL, NULL, percent};
  if (a->format == FORMAT_XLSX)
    return write_xlsx(o, render_csv, report, &layout);
  if (a->in.bom)
    write_bom(o);
  int rc = vb_report_write(report, o, (vb_report_format)a->format);
  if (rc)
    fprintf(stderr, "verbatim: cannot write the report: %s\n",
            rc == VB_EWRITE ? strerror(errno) : vb_strerror(rc));
  return exit_code_for(rc, EXIT_OUTPUT);
}

int cmd_report(int argc, char **argv) {
  report_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_scale *scale = NULL;
  if ((code = make_scale(&a.in, "report", &scale)))
    return code;
  vb_lexicon *lex = load_lexicons(&a.in.lexicons, &code);
  if (!lex) {
    vb_scale_free(scale);
    return code;
  }
  vb_job *job = NULL;
  vb_report *report = NULL;
  output out = {0}, rejects = {0};
  if (vb_job_new(lex, &job) ||
      vb_report_new(lex, a.by, a.by_count, a.period, scale, &report) ||
      vb_job_set_report(job, report, a.date) ||
      vb_job_set_date_format(job, a.date_format, NULL)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if ((code = setup_job(job, &a.in, scale)))
    goto done;
  vb_report_set_limits(report, a.min_mentions, (size_t)a.top);
  vb_report_set_min_responses(report, a.min_responses);
  if ((code = open_outputs(&a.in, &out, &rejects)))
    goto done;
  vb_job_set_rejects(job, rejects.stream);
  vb_tally *overall = vb_report_overall(report);
  code = run_inputs(job, overall, &a.in, false, argv + optind, argc - optind);
  /* No row tagged: a report of zeros would read as a result, so none is
   * written (exit 3).  Seam: a future `report --partial` writes the exact
   * state of a part of a split run, for a later merge; an empty part is a
   * valid part, so --partial must skip this refusal. */
  bool refused = code == EXIT_OK && nothing_tagged(job, overall);
  if (!refused && code == EXIT_OK)
    code = write_report(report, &a, out.stream);
  if (refused) /* keep the rejects, which say why; drop the output */
    output_abort(&out);
  if (code == EXIT_OK)
    code = commit_outputs(&out, &rejects);
  if (refused && code == EXIT_OK)
    code = EXIT_INPUT;
  if (!refused)
    warn_rejects(job, overall);
  if (!a.in.quiet)
    print_counts(overall, a.in.rejects);
  if (code == EXIT_OK && vb_tally_count(overall, VB_COUNT_REJECTED))
    code = EXIT_PARTIAL;
done:
  output_abort(&out);
  output_abort(&rejects);
  vb_report_free(report);
  vb_job_free(job);
  vb_lexicon_free(lex);
  vb_scale_free(scale);
  return code;
}
