/*
 * main.c - the `verbatim` command: dispatches to its subcommands.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Theme analytics for NPS survey comments.\n"
    "\n"
    "Commands:\n"
    "  tag [FILE...]     tag every row of CSV/TSV/NDJSON input with its "
    "themes\n"
    "  report [FILE...]  theme counts and NPS figures by score group, "
    "segment and\n"
    "                    period (table, CSV, JSON or an Excel workbook)\n"
    "  merge PARTIAL...  add partial reports (report --partial) into one "
    "report\n"
    "  explain TEXT      show how one comment is normalized, split, stemmed "
    "and matched\n"
    "  lint LEXICON...   validate lexicons and run their examples\n"
    "  eval --gold FILE  precision, recall and F1 against labeled comments\n"
    "  suggest ...       candidate terms for missed or untagged comments\n"
    "\n"
    "Options:\n"
    "  -h, --help        show this help (or 'verbatim COMMAND --help')\n"
    "  -V, --version     show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 finished with rejected rows or failed examples,\n"
    "2 usage, 3 input, 4 lexicon, 5 output, 70 internal error.\n"
    "Documentation: man verbatim, docs/cli.md, docs/lexicon-format.md\n";

/* Runs the command named by argv[1]; returns its exit code. */
static int dispatch(int argc, char **argv) {
  if (argc < 2)
    return usage_error(NULL, "missing command");
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
      strcmp(cmd, "help") == 0) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("verbatim %s\n", vb_version());
    return EXIT_OK;
  }
  if (strcmp(cmd, "tag") == 0)
    return cmd_tag(argc - 1, argv + 1);
  if (strcmp(cmd, "report") == 0)
    return cmd_report(argc - 1, argv + 1);
  if (strcmp(cmd, "merge") == 0)
    return cmd_merge(argc - 1, argv + 1);
  if (strcmp(cmd, "explain") == 0)
    return cmd_explain(argc - 1, argv + 1);
  if (strcmp(cmd, "lint") == 0)
    return cmd_lint(argc - 1, argv + 1);
  if (strcmp(cmd, "eval") == 0)
    return cmd_eval(argc - 1, argv + 1);
  if (strcmp(cmd, "suggest") == 0)
    return cmd_suggest(argc - 1, argv + 1);
  return usage_error(NULL, "unknown command '%s'", cmd);
}

/* Whatever a command printed on standard output must have arrived: a
 * full disk or a device error is exit 5 with its reason, in every command
 * (help and version included), unless the command already said so. */
int main(int argc, char **argv) {
  int code = dispatch(argc, argv);
  if (code != EXIT_OUTPUT && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, "verbatim: cannot write to standard output: %s\n",
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  return code;
}
