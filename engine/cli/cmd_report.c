/*
 * cmd_report.c - `verbatim report`: theme counts and NPS figures by score
 * group, overall and per segment (--by) and period (--period), as a table
 * for people or tidy CSV / JSON for BI tools.
 *
 * It runs the same job as `tag` with no row output and a report attached;
 * the report's overall tally doubles as the run's counts, so the counts
 * line and the report always agree.  With --partial it writes the
 * report's exact state instead, for `verbatim merge` (cmd_merge.c).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
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
    "                          theme x group), json, html (one page with\n"
    "                          charts) or xlsx (a workbook)\n" OUTPUT_HELP_HTML
    "      --by COL            split by this column (repeatable)\n"
    "      --period P          split by day, week (ISO), month, quarter or "
    "year\n"
    "      --date COL          the date column for --period (default: date)\n"
    "      --date-format FMT   how its dates are written, e.g. %d/%m/%Y or\n"
    "                          \"%m/%d/%Y %H:%M:%S\" (default: ISO 8601 or "
    "the\n"
    "                          common form detected from the first "
    "rows)\n"
    "      --examples N        keep N example comments per theme and group, "
    "overall\n"
    "                          and per segment, in the JSON, the table and "
    "the\n"
    "                          page (default 3 with -f html, else "
    "0)\n" PRESENTATION_HELP
    "      --partial           write a partial report instead (exact counts "
    "and\n"
    "                          settings) for 'verbatim merge'; -o names "
    "it\n"
    "      --rejects FILE      write rejected rows (line,reason,raw) to "
    "FILE.csv\n"
    "                          ('-': stdout, when -o names a file)\n"
    "      --text COL          the comment column (default: comment, text, "
    "...)\n"
    "      --score COL         the score column (default: score, nps, "
    "...)\n" GROUP_OPTIONS_HELP
    "      --id COL            the id column (default: id, response_id, "
    "...)\n";
/* The rest of the help (one string would pass what C99 compilers must
 * accept). */
static const char USAGE_RUN[] = RUN_OPTIONS_HELP
    "\n"
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
    {"partial", no_argument, NULL, OPT_PARTIAL},
    {"examples", required_argument, NULL, OPT_EXAMPLES},
    {"display-lang", required_argument, NULL, OPT_DISPLAY_LANG},
    {NULL, 0, NULL, 0}};

#define MAX_BY 16

typedef struct report_args {
  input_args in;
  int format; /* vb_report_format, or -1: choose */
  const char *by[MAX_BY];
  size_t by_count;
  vb_period period;
  const char *date, *date_format, *display_lang;
  unsigned long long min_mentions, min_responses, top, examples;
  bool partial;
  const char *presentation; /* the last presentation option given */
} report_args;

int parse_whole_number(const char *cmd, const char *opt, const char *text,
                       unsigned long long *v) {
  char *end;
  *v = strtoull(text, &end, 10);
  if (!*text || *end || text[0] == '-')
    return usage_error(cmd, "%s needs a whole number", opt);
  return EXIT_OK;
}

/* --examples not given: 3 for an HTML page, else 0. */
#define EXAMPLES_UNSET ULLONG_MAX

static int parse_args(int argc, char **argv, report_args *a) {
  memset(a, 0, sizeof *a);
  a->format = -1;
  a->min_mentions = 1;
  a->examples = EXAMPLES_UNSET;
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
    case OPT_PARTIAL:
      a->partial = true;
      break;
    case 'f':
      a->presentation = "-f";
      if ((a->format = parse_report_format(optarg)) < 0)
        return usage_error("report",
                           "unknown format '%s' (table, csv, json, html, xlsx)",
                           optarg);
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
      a->presentation = "--min-mentions";
      code = parse_whole_number("report", "--min-mentions", optarg,
                                &a->min_mentions);
      break;
    case OPT_MIN_RESPONSES:
      a->presentation = "--min-responses";
      code = parse_whole_number("report", "--min-responses", optarg,
                                &a->min_responses);
      break;
    case OPT_TOP:
      a->presentation = "--top";
      code = parse_whole_number("report", "--top", optarg, &a->top);
      break;
    case OPT_DISPLAY_LANG:
      a->presentation = "--display-lang";
      a->display_lang = optarg;
      break;
    case OPT_EXAMPLES:
      code = parse_whole_number("report", "--examples", optarg, &a->examples);
      if (!code && a->examples > 100)
        code = usage_error("report", "--examples: at most 100");
      break;
    case 'h':
      fputs(USAGE, stdout);
      fputs(USAGE_RUN, stdout);
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
  if (a->partial && (a->presentation || a->in.bom))
    return usage_error("report",
                       "%s goes with merge: a partial report holds counts, "
                       "not their presentation",
                       a->presentation ? a->presentation : "--bom");
  if (a->partial && a->examples == EXAMPLES_UNSET)
    a->examples = 0;
  if (a->partial)
    return check_rejects_name("report", &a->in);
  int code = choose_report_format("report", a->format, a->in.output, a->in.bom,
                                  FORMATS_XLSX | FORMATS_HTML, &a->format);
  if (a->examples == EXAMPLES_UNSET) /* a page shows the verbatims */
    a->examples = a->format == FORMAT_HTML ? 3 : 0;
  return code ? code : check_rejects_name("report", &a->in);
}

static int render_csv(void *report, FILE *out) {
  return vb_report_write(report, out, VB_REPORT_CSV);
}

/* The table's width: the terminal's, else COLUMNS when set, else none. */
static size_t table_width(FILE *o) {
  struct winsize ws;
  if (isatty(fileno(o)) && ioctl(fileno(o), TIOCGWINSZ, &ws) == 0 &&
      ws.ws_col > 0)
    return ws.ws_col;
  const char *env = getenv("COLUMNS");
  char *end;
  unsigned long n = env ? strtoul(env, &end, 10) : 0;
  return env && *env && !*end && n < 100000 ? (size_t)n : 0;
}

int write_report_as(vb_report *report, int format, bool bom, FILE *o) {
  static const char *const percent[] = {"share", "share_low", "share_high",
                                        "prev_share", NULL};
  static const xlsx_layout layout = {"report", NULL, NULL, percent};
  if (format == FORMAT_XLSX)
    return write_xlsx(o, render_csv, report, &layout);
  if (bom)
    write_bom(o);
  if (format == FORMAT_TABLE)
    vb_report_set_width(report, table_width(o));
  int rc = vb_report_write(report, o, (vb_report_format)format);
  if (rc)
    fprintf(stderr, "verbatim: cannot write the report: %s\n",
            rc == VB_EWRITE ? strerror(errno) : vb_strerror(rc));
  return exit_code_for(rc, EXIT_OUTPUT);
}

/* The settings that change the counts and that the library does not
 * know: saved in a partial report, which merges only with its like. */
static int describe_settings(vb_report *report, const report_args *a) {
  bool dated = a->period != VB_PERIOD_NONE;
  char limit[32];
  snprintf(limit, sizeof limit, "%zu", a->in.max_row);
  const char *settings[][2] = {
      {"text column", a->in.text ? a->in.text : "(by its common names)"},
      {"score column", a->in.score ? a->in.score : "(by its common names)"},
      {"group column", a->in.group_column ? a->in.group_column : "(none)"},
      {"date column", !dated    ? "(none)"
                      : a->date ? a->date
                                : "date"},
      {"date format", !dated           ? "(none)"
                      : a->date_format ? a->date_format
                                       : "(detected)"},
      {"row size limit", a->in.max_row ? limit : "(default)"},
      {"language column", a->in.lang ? a->in.lang : "(by its common names)"},
      {"default language", a->in.default_lang ? a->in.default_lang : "en"}};
  for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
    if (vb_report_set_setting(report, settings[i][0], settings[i][1])) {
      fputs("verbatim: out of memory\n", stderr);
      return EXIT_INTERNAL;
    }
  return EXIT_OK;
}

int save_partial_report(vb_report *report, FILE *o) {
  vb_error err;
  int rc = vb_report_save(report, o, &err);
  if (rc)
    fprintf(stderr, "verbatim: cannot write the partial report: %s\n",
            rc == VB_EWRITE ? strerror(errno) : err.message);
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
      vb_report_set_stopwords(report, (const char *)vb_cli_default_stopwords,
                              vb_cli_default_stopwords_len) ||
      vb_report_set_examples(report, (size_t)a.examples) ||
      vb_job_set_report(job, report, a.date) ||
      vb_job_set_date_format(job, a.date_format, NULL)) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if ((code = setup_job(job, &a.in, scale)) ||
      (code = describe_settings(report, &a)))
    goto done;
  vb_report_set_limits(report, a.min_mentions, (size_t)a.top);
  vb_report_set_min_responses(report, a.min_responses);
  if ((code = set_display_language(report, "report", a.display_lang)) ||
      (code = open_outputs(&a.in, &out, &rejects)))
    goto done;
  vb_job_set_rejects(job, rejects.stream);
  vb_tally *overall = vb_report_overall(report);
  code = run_inputs(job, overall, &a.in, false, argv + optind, argc - optind);
  /* No row tagged: a report of zeros would read as a result, so none is
   * written (exit 3).  A partial report is not a result but a part of a
   * split run, and an empty part is a valid part: --partial writes it. */
  bool refused =
      code == EXIT_OK && !a.partial && nothing_tagged(job, NULL, overall);
  if (!refused && code == EXIT_OK)
    code = a.partial ? save_partial_report(report, out.stream)
                     : write_report_as(report, a.format, a.in.bom, out.stream);
  if (refused) /* keep the rejects, which say why; drop the output */
    output_abort(&out);
  if (code == EXIT_OK)
    code = commit_outputs(&out, &rejects);
  if (refused && code == EXIT_OK)
    code = EXIT_INPUT;
  if (!refused)
    warn_rejects(job, NULL, overall);
  if (!a.in.quiet) {
    print_counts(overall, a.in.rejects, false);
    print_languages(job);
  }
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
