/*
 * cli.h - what the `verbatim` subcommands share.  The tool is built on the
 * public header alone: nothing here reaches into engine/.
 */
#ifndef VB_CLI_H
#define VB_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "verbatim.h"

/* Exit codes, documented in docs/cli.md; never renumbered. */
enum {
  EXIT_OK = 0,
  EXIT_PARTIAL = 1,  /* finished, but rows were rejected / examples failed */
  EXIT_USAGE = 2,    /* bad command line */
  EXIT_INPUT = 3,    /* input cannot be read: missing, empty, no text column */
  EXIT_LEXICON = 4,  /* a lexicon does not load */
  EXIT_OUTPUT = 5,   /* output cannot be written */
  EXIT_INTERNAL = 70 /* out of memory, ICU failure */
};

#define MAX_LEXICONS 64

/* Lexicon files named with -l; none means the built-in default. */
typedef struct lexicon_args {
  const char *paths[MAX_LEXICONS];
  size_t count;
} lexicon_args;

/* Adds a -l argument; prints a usage error and returns false when full. */
bool lexicon_args_add(lexicon_args *a, const char *path);
/* Loads the named lexicons (or the built-in one).  On failure prints the
 * error and returns NULL. */
vb_lexicon *load_lexicons(const lexicon_args *a);
/* Loads the lexicons and a matcher over them.  Returns EXIT_OK, or prints
 * why not, frees what it made and returns the exit code. */
int load_matcher(const lexicon_args *a, vb_lexicon **lex, vb_matcher **m);

/* "verbatim: file:line:column: message" on stderr. */
void print_error(const vb_error *err);
/* The exit code for a library status. */
int exit_code_for(int status, int fallback);
/* "verbatim CMD: message" + a hint to --help; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

int cmd_tag(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_lint(int argc, char **argv);

#endif
