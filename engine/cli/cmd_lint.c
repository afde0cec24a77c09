/*
 * cmd_lint.c - `verbatim lint`: loads lexicons together (so duplicate ids
 * across files are caught) and runs every `examples` entry: a "match"
 * example must mention its theme, a "no_match" example must not.  Exit 0
 * only when the lexicons load and every example holds.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim lint [OPTIONS] LEXICON...\n"
    "\n"
    "Validates the lexicons (loaded together) and runs their examples.\n"
    "Each failure names the example (file:line:column), what was expected\n"
    "and what matched.\n"
    "\n"
    "Options:\n"
    "  -q, --quiet   print failures only\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit codes: 0 valid and all examples hold, 1 an example failed,\n"
    "2 usage, 4 a lexicon does not load.\n";

static const struct option OPTIONS[] = {{"quiet", no_argument, NULL, 'q'},
                                        {"help", no_argument, NULL, 'h'},
                                        {NULL, 0, NULL, 0}};

/* Prints why a "no_match" example matched: the terms that fired. */
static void print_culprits(const vb_lexicon *lex, const vb_matcher *m,
                           size_t theme, const char *text) {
  for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
    const vb_match *x = vb_matcher_match(m, i);
    if (x->excluded || x->dropped)
      continue;
    /* the match counts for `theme` when its theme is theme or below it */
    long t = (long)x->theme;
    while (t >= 0 && (size_t)t != theme)
      t = vb_lexicon_theme_parent(lex, (size_t)t);
    if (t < 0)
      continue;
    const char *file;
    unsigned line, col;
    vb_lexicon_term_location(lex, x->term, &file, &line, &col);
    fprintf(stderr, "    matched by term \"%s\" of %s (%s:%u:%u) at \"%.*s\"\n",
            vb_lexicon_term_text(lex, x->term),
            vb_lexicon_theme_id(lex, x->theme), file, line, col,
            (int)(x->end - x->start), text + x->start);
  }
}

static void print_warning(void *ctx, const char *file, unsigned line,
                          unsigned column, const char *message) {
  (void)ctx;
  fprintf(stderr, "%s:%u:%u: warning: %s\n", file, line, column, message);
}

int cmd_lint(int argc, char **argv) {
  lexicon_args lexicons = {0};
  bool quiet = false;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":qh", OPTIONS, NULL)) != -1) {
    switch (c) {
    case 'q':
      quiet = true;
      break;
    case 'h':
      fputs(USAGE, stdout);
      return EXIT_OK;
    default:
      return usage_error("lint", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc)
    return usage_error("lint", "missing LEXICON");
  for (int i = optind; i < argc; i++)
    if (!lexicon_args_add(&lexicons, argv[i]))
      return EXIT_USAGE;
  vb_lexicon *lex;
  vb_matcher *m;
  int code = load_matcher(&lexicons, &lex, &m);
  if (code)
    return code;
  size_t failed = 0, n = vb_lexicon_example_count(lex);
  for (size_t i = 0; i < n; i++) {
    size_t theme;
    const char *text, *file;
    int must_match;
    unsigned line, col;
    vb_lexicon_example(lex, i, &theme, &text, &must_match, &file, &line, &col);
    vb_matcher_language(m, vb_lexicon_example_language(lex, i));
    int rc = vb_matcher_run(m, text, strlen(text));
    if (rc != VB_OK && rc != VB_EMATCHLIMIT) {
      fprintf(stderr, "verbatim: %s:%u:%u: cannot match this example: %s\n",
              file, line, col, vb_strerror(rc));
      code = exit_code_for(rc, EXIT_INTERNAL);
      break;
    }
    int has = vb_matcher_has_theme(m, theme);
    if (has == must_match)
      continue;
    failed++;
    const char *id = vb_lexicon_theme_id(lex, theme);
    fprintf(stderr, "%s:%u:%u: example for theme %s %s: \"%s\"\n", file, line,
            col, id, must_match ? "does not match" : "matches but must not",
            text);
    if (must_match) {
      const size_t *themes;
      size_t k = vb_matcher_themes(m, &themes);
      fprintf(stderr, "    themes found: ");
      for (size_t j = 0; j < k; j++)
        fprintf(stderr, "%s%s", j ? ";" : "",
                vb_lexicon_theme_id(lex, themes[j]));
      fprintf(stderr, "%s (try: verbatim explain -l %s \"%s\")\n",
              k ? "" : "(none)", file, text);
    } else {
      print_culprits(lex, m, theme, text);
    }
  }
  int warnings = code ? 0 : vb_lexicon_check(lex, NULL, print_warning, NULL);
  if (warnings < 0 && warnings != VB_EIO) {
    fprintf(stderr, "verbatim: lint: %s\n", vb_strerror(warnings));
    code = exit_code_for(warnings, EXIT_INTERNAL);
  }
  if (warnings == VB_EIO)
    fputs("verbatim: lint: no English word list (Debian's wamerican): "
          "stems were not checked against it\n",
          stderr);
  if (!code && (!quiet || failed))
    printf("lint: %zu lexicon%s, %zu themes, %zu terms, %zu examples: %zu "
           "failed, %d warning%s\n",
           lexicons.count, lexicons.count == 1 ? "" : "s",
           vb_lexicon_theme_count(lex), vb_lexicon_term_count(lex), n, failed,
           warnings > 0 ? warnings : 0, warnings == 1 ? "" : "s");
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return code ? code : failed ? EXIT_PARTIAL : EXIT_OK;
}
