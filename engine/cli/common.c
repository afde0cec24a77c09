/*
 * common.c - helpers every `verbatim` subcommand uses: loading lexicons
 * (with the built-in default as the fallback), printing errors the same
 * way everywhere, and mapping library statuses to exit codes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* lexicons/default.json, embedded at build time (cmake/embed.cmake). */
extern const unsigned char vb_cli_default_lexicon[];
extern const size_t vb_cli_default_lexicon_len;

bool lexicon_args_add(lexicon_args *a, const char *path) {
  if (a->count == MAX_LEXICONS) {
    usage_error(NULL, "at most %d lexicons (-l) at once", MAX_LEXICONS);
    return false;
  }
  a->paths[a->count++] = path;
  return true;
}

vb_lexicon *load_lexicons(const lexicon_args *a) {
  vb_lexicon *lex = NULL;
  vb_error err;
  int rc;
  if (a->count == 0) {
    const char *name = "default.json (built-in)";
    const char *text = (const char *)vb_cli_default_lexicon;
    size_t len = vb_cli_default_lexicon_len;
    rc = vb_lexicon_compile(1, &name, &text, &len, &lex, &err);
  } else {
    rc = vb_lexicon_load_files(a->count, a->paths, &lex, &err);
  }
  if (rc) {
    print_error(&err);
    return NULL;
  }
  return lex;
}

int load_matcher(const lexicon_args *a, vb_lexicon **lex, vb_matcher **m) {
  *m = NULL;
  *lex = load_lexicons(a);
  if (!*lex)
    return EXIT_LEXICON;
  vb_error err;
  int rc = vb_matcher_new(*lex, m, &err);
  if (rc) {
    print_error(&err);
    vb_lexicon_free(*lex);
    *lex = NULL;
    return exit_code_for(rc, EXIT_INTERNAL);
  }
  return EXIT_OK;
}

void print_error(const vb_error *err) {
  fputs("verbatim: ", stderr);
  if (err->file[0]) {
    fputs(err->file, stderr);
    if (err->line) {
      fprintf(stderr, ":%u", err->line);
      if (err->column)
        fprintf(stderr, ":%u", err->column);
    }
    fputs(": ", stderr);
  }
  fprintf(stderr, "%s\n",
          err->message[0] ? err->message : vb_strerror(err->code));
}

int exit_code_for(int status, int fallback) {
  switch (status) {
  case VB_OK:
    return EXIT_OK;
  case VB_ENOMEM:
  case VB_EICU:
    return EXIT_INTERNAL;
  case VB_EJSON:
  case VB_ELEXICON:
  case VB_EPATTERN:
  case VB_ELANGUAGE:
    return EXIT_LEXICON;
  case VB_EIO:
  case VB_EEMPTY:
  case VB_ECOLUMN:
  case VB_EMALFORMED:
  case VB_ETOOBIG:
    return EXIT_INPUT;
  default:
    return fallback;
  }
}

int usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "verbatim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'verbatim %s%s--help' for more information.\n",
          cmd ? cmd : "", cmd ? " " : "");
  return EXIT_USAGE;
}
