/*
 * output.c - where a command's output goes, and in what format.
 *
 * Every command writes its result to standard output or, with -o FILE, to
 * a file replaced atomically (vb_outfile: a killed run leaves the previous
 * file whole).  "-" names standard output wherever a FILE is asked for.
 *
 * The name of FILE must agree with the format: a file called report.json
 * holds JSON, never CSV under another name.  The extension chooses the
 * format when -f is not given; an extension the command does not write is
 * a usage error (exit 2) before any input is read.  Names that stand for
 * streams rather than files (devices, FIFOs, /dev/stdout) carry no
 * extension to judge and take any format.
 *
 * Every failure to write, to a file or to standard output, is exit 5 with
 * the system's reason, in every command.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char *const KIND_EXT[] = {
    [OUT_CSV] = ".csv", [OUT_JSON] = ".json", [OUT_NDJSON] = ".ndjson",
    [OUT_TXT] = ".txt", [OUT_XLSX] = ".xlsx", [OUT_HTML] = ".html",
};

/* /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: written through
 * the descriptor (vb_outfile_open), whatever file the shell opened. */
static bool descriptor_name(const char *path) {
  return strcmp(path, "/dev/stdout") == 0 || strcmp(path, "/dev/stderr") == 0 ||
         strncmp(path, "/dev/fd/", 8) == 0 ||
         strncmp(path, "/proc/self/fd/", 14) == 0;
}

out_kind output_kind(const char *path) {
  if (!path || strcmp(path, "-") == 0 || descriptor_name(path))
    return OUT_STREAM;
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return OUT_STREAM; /* /dev/null, /dev/stdout, a FIFO */
  const char *base = strrchr(path, '/');
  const char *dot = strrchr(base ? base + 1 : path, '.');
  for (int k = OUT_CSV; dot && k <= OUT_HTML; k++)
    if (strcasecmp(dot, KIND_EXT[k]) == 0)
      return (out_kind)k;
  return OUT_OTHER;
}

/* "-o NAME: report writes .csv, .json, .txt or .xlsx files" */
static int wrong_name(const char *cmd, const char *opt, const char *path,
                      unsigned accepted) {
  char list[64] = "";
  int n = 0;
  for (int k = OUT_CSV; k <= OUT_HTML; k++)
    if (accepted & (1u << k))
      n++;
  for (int k = OUT_CSV, i = 0; k <= OUT_HTML; k++) {
    if (!(accepted & (1u << k)))
      continue;
    i++;
    strcat(list, i == 1 ? "" : i == n ? " or " : ", ");
    strcat(list, KIND_EXT[k]);
  }
  return usage_error(cmd,
                     "%s %s: the name does not say a format %s writes "
                     "(%s)",
                     opt, path, cmd, list);
}

int check_output_name(const char *cmd, const char *opt, const char *path,
                      unsigned accepted, out_kind *kind) {
  *kind = output_kind(path);
  if (*kind == OUT_STREAM || (accepted & (1u << *kind)))
    return EXIT_OK;
  return wrong_name(cmd, opt, path, accepted);
}

/* ---- opening and committing ------------------------------------------- */

int output_open(output *o, const char *path) {
  memset(o, 0, sizeof *o);
  o->name = path;
  if (!path) {
    o->stream = stdout;
    return EXIT_OK;
  }
  vb_error err;
  int rc = vb_outfile_open(path, &o->file, &err);
  if (rc) {
    print_error(&err);
    return exit_code_for(rc, EXIT_OUTPUT);
  }
  o->stream = vb_outfile_stream(o->file);
  return EXIT_OK;
}

int output_commit(output *o) {
  int code = EXIT_OK;
  if (o->file) {
    vb_error err;
    int rc = vb_outfile_commit(o->file, &err);
    o->file = NULL;
    if (rc) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_OUTPUT);
    }
  } else if (o->stream == stdout && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, "verbatim: cannot write to standard output: %s\n",
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  o->stream = NULL;
  return code;
}

void output_abort(output *o) {
  vb_outfile_abort(o->file);
  o->file = NULL;
  o->stream = NULL;
}

int open_outputs(const input_args *a, output *out, output *rejects) {
  memset(rejects, 0, sizeof *rejects);
  int code = output_open(out, a->output);
  if (code)
    return code;
  if (!a->rejects)
    return EXIT_OK;
  if (strcmp(a->rejects, "-") == 0) { /* -o FILE was checked for */
    rejects->stream = stdout;
    return EXIT_OK;
  }
  if ((code = output_open(rejects, a->rejects)))
    output_abort(out);
  return code;
}

int commit_outputs(output *out, output *rejects) {
  int code = output_commit(out);
  int rcode = rejects->stream ? output_commit(rejects) : EXIT_OK;
  return code ? code : rcode;
}

int check_rejects_name(const char *cmd, const input_args *a) {
  if (!a->rejects)
    return EXIT_OK;
  if (strcmp(a->rejects, "-") == 0)
    return a->output ? EXIT_OK
                     : usage_error(cmd, "--rejects - needs -o FILE: standard "
                                        "output already carries the result");
  out_kind kind;
  return check_output_name(cmd, "--rejects", a->rejects, 1u << OUT_CSV, &kind);
}

/* ---- report formats --------------------------------------------------- */

static const char *const FORMAT_NAME[] = {[FORMAT_TABLE] = "table",
                                          [FORMAT_CSV] = "csv",
                                          [FORMAT_JSON] = "json",
                                          [FORMAT_HTML] = "html",
                                          [FORMAT_XLSX] = "xlsx"};

int parse_report_format(const char *name) {
  for (int f = 0; f <= FORMAT_XLSX; f++)
    if (strcmp(name, FORMAT_NAME[f]) == 0)
      return f;
  return -1;
}

static const out_kind FORMAT_KIND[] = {[FORMAT_TABLE] = OUT_TXT,
                                       [FORMAT_CSV] = OUT_CSV,
                                       [FORMAT_JSON] = OUT_JSON,
                                       [FORMAT_HTML] = OUT_HTML,
                                       [FORMAT_XLSX] = OUT_XLSX};

/* "table, csv, json, xlsx": the formats a command writes. */
static void format_list(unsigned extra, char *buf, size_t size) {
  snprintf(buf, size, "table, csv, json");
  for (int f = FORMAT_HTML; f <= FORMAT_XLSX; f++)
    if (extra & (1u << f)) {
      strncat(buf, ", ", size - strlen(buf) - 1);
      strncat(buf, FORMAT_NAME[f], size - strlen(buf) - 1);
    }
}

int choose_report_format(const char *cmd, int format, const char *path,
                         bool bom, unsigned extra, int *chosen) {
  unsigned accepted = 1u << OUT_CSV | 1u << OUT_JSON | 1u << OUT_TXT;
  for (int f = FORMAT_HTML; f <= FORMAT_XLSX; f++)
    if (extra & (1u << f))
      accepted |= 1u << FORMAT_KIND[f];
  if (format >= FORMAT_HTML && !(extra & (1u << format))) {
    char list[64];
    format_list(extra, list, sizeof list);
    return usage_error(cmd, "unknown format '%s' (%s)", FORMAT_NAME[format],
                       list);
  }
  out_kind kind;
  int code = check_output_name(cmd, "-o", path, accepted, &kind);
  if (code)
    return code;
  if (format >= 0 && kind != OUT_STREAM && FORMAT_KIND[format] != kind)
    return usage_error(cmd, "-o %s: the name says %s, but -f %s writes %s",
                       path, KIND_EXT[kind] + 1, FORMAT_NAME[format],
                       FORMAT_NAME[format]);
  if (format < 0) {
    for (int f = 0; f <= FORMAT_XLSX; f++)
      if (kind != OUT_STREAM && FORMAT_KIND[f] == kind)
        format = f;
    if (format < 0)
      format = !path && isatty(STDOUT_FILENO) ? FORMAT_TABLE : FORMAT_CSV;
  }
  if (format == FORMAT_XLSX && !path && isatty(STDOUT_FILENO))
    return usage_error(cmd, "an xlsx workbook goes to a file: -o NAME.xlsx");
  if (bom && format != FORMAT_CSV)
    return usage_error(cmd, "--bom goes with CSV output");
  *chosen = format;
  return EXIT_OK;
}

void write_bom(FILE *out) { fputs("\xEF\xBB\xBF", out); }
