/*
 * cmd_explain.c - `verbatim explain`: shows, for one comment, every step
 * the engine takes: the normalized text, the tokens with their byte spans,
 * sentences and stems, each match (theme, term, span, negation, where the
 * term is written) and each match cancelled by an `exclude`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim explain [OPTIONS] TEXT...\n"
    "\n"
    "Shows how one comment is normalized, split into words, stemmed and\n"
    "matched.  Several TEXT arguments are joined with spaces; '-' reads the\n"
    "comment from standard input.\n"
    "\n"
    "Options:\n"
    "  -l, --lexicon FILE  lexicon to use (repeatable; default: built-in)\n"
    "      --lang L        match with the lexicon of language L (BCP 47);\n"
    "                      default: detected when the lexicons have "
    "several\n"
    "  -h, --help          show this help\n";

static const struct option OPTIONS[] = {
    {"lexicon", required_argument, NULL, 'l'},
    {"lang", required_argument, NULL, OPT_LANG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Joins the arguments, or reads standard input for "-". */
static char *comment_text(char **args, int n, size_t *len) {
  if (n == 1 && strcmp(args[0], "-") == 0) {
    char *buf = read_stream(stdin, len);
    while (buf && *len && (buf[*len - 1] == '\n' || buf[*len - 1] == '\r'))
      (*len)--;
    return buf;
  }
  size_t total = 1;
  for (int i = 0; i < n; i++)
    total += strlen(args[i]) + 1;
  char *buf = malloc(total);
  if (!buf)
    return NULL;
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    if (i)
      strcat(buf, " ");
    strcat(buf, args[i]);
  }
  *len = strlen(buf);
  return buf;
}

static void print_span(const char *text, size_t start, size_t end) {
  printf("[%zu,%zu) \"%.*s\"", start, end, (int)(end - start), text + start);
}

static void print_match(const vb_lexicon *lex, const vb_matcher *m,
                        const char *text, size_t index) {
  const vb_match *x = vb_matcher_match(m, index);
  const char *file;
  unsigned line, col;
  vb_lexicon_term_location(lex, x->term, &file, &line, &col);
  printf("  %-22s %-24s ", vb_lexicon_theme_id(lex, x->theme),
         vb_lexicon_term_text(lex, x->term));
  print_span(text, x->start, x->end);
  printf("%s  (%s:%u:%u)\n", x->negated ? "  negated" : "", file, line, col);
  char note[512];
  if (vb_matcher_match_note(m, index, note, sizeof note))
    printf("      %s\n", note);
}

static int counted(const vb_match *x) { return !x->excluded && !x->dropped; }

/* Routes the matcher to --lang, or with several languages to the one
 * detected (as a job routes it); prints the text line, then a language
 * line when there was a choice or the language has no stemmer.  An exit
 * code: --lang with no lexicon is a usage error, printed before any line. */
static int choose_language(const vb_lexicon *lex, vb_matcher *m,
                           const char *lang, const char *text, size_t len) {
  char detected[16] = "";
  size_t route = 0;
  if (lang) {
    long given = vb_lexicon_route(lex, lang, strlen(lang));
    if (given < 0)
      return usage_error(
          "explain", "--lang %s: no lexicon of that language is loaded", lang);
    route = (size_t)given;
  } else if (vb_lexicon_language_count(lex) > 1)
    route = vb_lexicon_route_or(lex, detected,
                                vb_detect_language(text, len, detected), "en");
  vb_matcher_language(m, route);
  int stemmed = vb_lexicon_language_stemmed(lex, route);
  printf("text:        %.*s\n", (int)len, text);
  if (!lang && !detected[0] && stemmed)
    return EXIT_OK;
  printf("language:    %s", vb_lexicon_language_at(lex, route));
  if (detected[0])
    printf(" (detected: %s)", detected);
  if (!stemmed)
    fputs(" (no Snowball stemmer: words match as ICU segments them, "
          "unstemmed)",
          stdout);
  putchar('\n');
  return EXIT_OK;
}

int cmd_explain(int argc, char **argv) {
  lexicon_args lexicons = {0};
  const char *lang = NULL;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, "+:l:h", OPTIONS, NULL)) != -1) {
    switch (c) {
    case 'l':
      if (!lexicon_args_add(&lexicons, optarg))
        return EXIT_USAGE;
      break;
    case OPT_LANG:
      lang = optarg;
      break;
    case 'h':
      fputs(USAGE, stdout);
      return EXIT_OK;
    case ':':
      return usage_error("explain", "option '%s' needs a value",
                         argv[optind - 1]);
    default:
      return usage_error("explain", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc)
    return usage_error("explain", "missing TEXT");
  size_t len = 0;
  char *text = comment_text(argv + optind, argc - optind, &len);
  if (!text) {
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  vb_lexicon *lex;
  vb_matcher *m;
  int code = load_matcher(&lexicons, &lex, &m);
  if (code) {
    free(text);
    return code;
  }
  code = choose_language(lex, m, lang, text, len);
  int rc = code ? VB_OK : vb_matcher_run(m, text, len);
  if (code) {
    ;
  } else if (rc && rc != VB_EMATCHLIMIT) {
    fprintf(stderr, "verbatim: %s\n", vb_strerror(rc));
  } else {
    size_t nlen;
    const char *norm = vb_matcher_normalized(m, &nlen);
    printf("normalized:  %.*s\n", (int)nlen, norm);
    if (vb_matcher_invalid_utf8(m))
      printf("invalid UTF-8 sequences replaced: %zu\n",
             vb_matcher_invalid_utf8(m));
    printf("tokens (%zu):\n", vb_matcher_token_count(m));
    for (size_t i = 0; i < vb_matcher_token_count(m); i++) {
      const vb_token *t = vb_matcher_token(m, i);
      char stem[256];
      vb_matcher_token_stem(m, i, stem, sizeof stem);
      size_t wlen;
      const char *word = vb_matcher_token_text(m, i, &wlen);
      printf("  %3zu  %-28.*s stem %-18s sentence %zu clause %zu  ", i,
             (int)wlen, word, stem, t->sentence, t->clause);
      print_span(text, t->start, t->end);
      putchar('\n');
    }
    size_t kept = 0, excluded = 0, dropped = 0;
    for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
      const vb_match *x = vb_matcher_match(m, i);
      kept += counted(x);
      excluded += x->excluded != 0;
      dropped += !x->excluded && x->dropped;
    }
    printf("matches (%zu):\n", kept);
    for (size_t i = 0; i < vb_matcher_match_count(m); i++)
      if (counted(vb_matcher_match(m, i)))
        print_match(lex, m, text, i);
    if (dropped) {
      printf("negated, not counted (%zu):\n", dropped);
      for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
        const vb_match *x = vb_matcher_match(m, i);
        if (x->excluded || !x->dropped)
          continue;
        print_match(lex, m, text, i);
        printf("      theme %s does not count negated mentions\n",
               vb_lexicon_theme_id(lex, x->theme));
      }
    }
    if (excluded) {
      printf("excluded (%zu):\n", excluded);
      for (size_t i = 0; i < vb_matcher_match_count(m); i++) {
        const vb_match *x = vb_matcher_match(m, i);
        if (!x->excluded)
          continue;
        print_match(lex, m, text, i);
        printf("      cancelled by exclude \"%s\" of theme %s\n",
               vb_lexicon_term_text(lex, x->excluded_by),
               vb_lexicon_theme_id(lex,
                                   vb_lexicon_term_theme(lex, x->excluded_by)));
      }
    }
    if (rc == VB_EMATCHLIMIT)
      printf("pattern errors: %zu pattern(s) hit the PCRE2 match limit\n",
             vb_matcher_pattern_errors(m));
    const size_t *themes;
    size_t n = vb_matcher_themes(m, &themes);
    printf("themes:      ");
    for (size_t i = 0; i < n; i++)
      printf("%s%s", i ? ";" : "", vb_lexicon_theme_id(lex, themes[i]));
    printf("%s\n", n ? "" : "(none)");
    rc = VB_OK;
  }
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  free(text);
  return code ? code : rc ? exit_code_for(rc, EXIT_INTERNAL) : EXIT_OK;
}
