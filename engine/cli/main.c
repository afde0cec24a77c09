/*
 * main.c - the `verbatim` command: puts the heap on huge pages, then
 * dispatches to its subcommands.
 */
#define _GNU_SOURCE /* sbrk, madvise */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

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

/* glibc's heap (2.33 or later, for mallinfo2) on a kernel that knows
 * huge pages: what heap_on_huge_pages needs. */
#if defined(__GLIBC__) && defined(M_TOP_PAD) && defined(MADV_HUGEPAGE) &&      \
    (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
#define HUGE_PAGE_HEAP 1
#else
#define HUGE_PAGE_HEAP 0
#endif

#if HUGE_PAGE_HEAP
/* How much the heap grows at once, all of it marked for huge pages: the
 * start with the built-in lexicons takes about 11 MB, and a run's own
 * memory is bounded (a 10,000,000-row report peaks at about 60 MB). */
#define HEAP_PAD (64 << 20)

/* The first line of a small system file into buf, or "" when it cannot
 * be read. */
static void read_setting(const char *path, char *buf, int size) {
  buf[0] = '\0';
  FILE *f = fopen(path, "r");
  if (f && !fgets(buf, size, f))
    buf[0] = '\0';
  if (f)
    fclose(f);
}

/* True when no limit of this kind is set (ulimit -d, -v). */
static bool unlimited(int resource) {
  struct rlimit limit;
  return getrlimit(resource, &limit) == 0 && limit.rlim_cur == RLIM_INFINITY;
}

/* True when the heap may grow by HEAP_PAD for huge pages: the kernel
 * gives them to memory that asks (its mode is "always" or "madvise", not
 * "never" or absent), and the pad costs no budget the user set: no limit
 * on the data segment or the address space (ulimit -d, -v), which the pad
 * would count against, and no strict overcommit, where it would be
 * charged as if used. */
static bool heap_may_grow_for_huge_pages(void) {
  char mode[128], overcommit[16];
  read_setting("/sys/kernel/mm/transparent_hugepage/enabled", mode,
               sizeof mode);
  read_setting("/proc/sys/vm/overcommit_memory", overcommit, sizeof overcommit);
  return mode[0] && !strstr(mode, "[never]") && overcommit[0] != '2' &&
         unlimited(RLIMIT_DATA) && unlimited(RLIMIT_AS);
}
#endif

/* Puts the heap on 2 MiB pages where the kernel allows.  A run touches
 * fresh heap in 4 KiB pages, each a page fault, and a fault can cost 12
 * us on a VM: 2,000 of them in compiling the built-in lexicons alone,
 * a third of a one-row run (bench/RESULTS.md, session 44).  In the
 * default "madvise" mode the kernel gives huge pages only to memory
 * marked for them, and glibc marks its heap only when GLIBC_TUNABLES asks
 * before the program starts.  So the heap grows here once, by HEAP_PAD,
 * and that span is marked; M_TOP_PAD keeps glibc from trimming it back.
 * Where the heap did not grow (a sanitizer's or valgrind's malloc), or
 * huge pages are off, or the user limits memory, nothing changes.
 * Process-wide, so the command's, not the engine's. */
static void heap_on_huge_pages(void) {
#if HUGE_PAGE_HEAP
  if (!heap_may_grow_for_huge_pages())
    return;
  mallopt(M_TOP_PAD, HEAP_PAD);
  struct mallinfo2 heap = mallinfo2();
  char *before = sbrk(0);
  /* a byte more than the top has; volatile, or the compiler drops the
   * malloc and free as a pair that does nothing */
  void *volatile grow = malloc(heap.keepcost + 1);
  char *after = sbrk(0);
  free(grow);
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t from = ((uintptr_t)before + page - 1) & ~(page - 1);
  if (before != (char *)-1 && (uintptr_t)after > from)
    madvise((void *)from, (uintptr_t)after - from, MADV_HUGEPAGE);
  else
    mallopt(M_TOP_PAD, 128 << 10); /* glibc's default again */
#endif
}

/* Whatever a command printed on standard output must have arrived: a
 * full disk or a device error is exit 5 with its reason, in every command
 * (help and version included), unless the command already said so. */
int main(int argc, char **argv) {
  heap_on_huge_pages();
  int code = dispatch(argc, argv);
  if (code != EXIT_OUTPUT && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, "verbatim: cannot write to standard output: %s\n",
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  return code;
}
