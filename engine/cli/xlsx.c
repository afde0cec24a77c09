/*
 * xlsx.c - report and eval figures as an Excel workbook (-o NAME.xlsx).
 *
 * People open survey figures in Excel, and a CSV opened there loses what
 * matters: "0.061490" is a string or a date depending on the locale, the
 * header scrolls away, and UTF-8 without a BOM turns "café" into mojibake.
 * A real workbook has none of these problems, and libxlsxwriter (Debian:
 * libxlsxwriter-dev) writes one without our writing a ZIP/XML emitter.
 *
 * The workbook is made from the command's own tidy CSV, so the two can
 * never disagree: the CSV goes to a temporary file, is read back with the
 * library's reader, and each row becomes a row of cells.  A column whose
 * every non-empty value is a number is written as numbers (shares and
 * precision as percentages); the rest as text.  Each sheet has a bold,
 * frozen header row and a filter.  The workbook is built in a temporary
 * file, then copied into the output, which vb_outfile replaces atomically.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "cli.h"

/* Excel's limit, header included. */
#define XLSX_MAX_ROWS 1048576

typedef struct table {
  size_t ncols, nrows, cap;
  char **header; /* ncols names */
  char **cells;  /* nrows * ncols values, "" when empty */
  bool *numeric; /* per column */
} table;

static void table_free(table *t) {
  for (size_t i = 0; i < t->ncols; i++)
    free(t->header ? t->header[i] : NULL);
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    free(t->cells[i]);
  free(t->header);
  free(t->cells);
  free(t->numeric);
}

static bool is_number(const char *s) {
  if (!*s || strspn(s, "0123456789.-+eE") != strlen(s) || s[0] == '+')
    return false;
  char *end;
  double d = strtod(s, &end);
  return !*end && isfinite(d);
}

/* A temporary file in $TMPDIR (or /tmp); its path in `path`. */
static int temp_file(char path[4096]) {
  const char *dir = getenv("TMPDIR");
  snprintf(path, 4096, "%s/verbatim-XXXXXX", dir && *dir ? dir : "/tmp");
  return mkstemp(path);
}

static int add_row(table *t, const vb_reader *r) {
  if (t->nrows == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 64;
    char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
    if (!cells)
      return EXIT_INTERNAL;
    t->cells = cells;
    t->cap = cap;
  }
  char **row = t->cells + t->nrows * t->ncols;
  for (size_t c = 0; c < t->ncols; c++) {
    size_t len;
    const char *v = vb_reader_field(r, c, &len);
    if (!(row[c] = strndup(v, len))) {
      for (size_t j = 0; j < c; j++)
        free(row[j]);
      return EXIT_INTERNAL;
    }
  }
  t->nrows++;
  return EXIT_OK;
}

/* Reads the CSV at `path` into *t. */
static int load_table(const char *path, table *t) {
  vb_reader *r;
  vb_error err;
  int rc = vb_reader_open(path, VB_FORMAT_CSV, &r, &err);
  if (rc) {
    print_error(&err);
    return EXIT_INTERNAL;
  }
  int code = EXIT_OK;
  t->ncols = vb_reader_column_count(r);
  t->header = calloc(t->ncols, sizeof *t->header);
  t->numeric = calloc(t->ncols, sizeof *t->numeric);
  for (size_t c = 0; t->header && c < t->ncols; c++)
    t->header[c] = strdup(vb_reader_column_name(r, c));
  if (!t->header || !t->numeric)
    code = EXIT_INTERNAL;
  while (!code && (rc = vb_reader_next(r, &err)) == 1)
    code = add_row(t, r);
  if (!code && rc < 0) {
    print_error(&err);
    code = EXIT_INTERNAL;
  }
  vb_reader_free(r);
  for (size_t c = 0; !code && c < t->ncols; c++) {
    bool any = false, all = true;
    for (size_t i = 0; i < t->nrows && all; i++) {
      const char *v = t->cells[i * t->ncols + c];
      any |= *v != '\0';
      all = !*v || is_number(v);
    }
    t->numeric[c] = any && all;
  }
  if (code == EXIT_INTERNAL)
    fputs("verbatim: out of memory\n", stderr);
  return code;
}

static bool listed(const char *const *names, const char *name) {
  for (; names && *names; names++)
    if (strcmp(*names, name) == 0)
      return true;
  return false;
}

static const char *sheet_of(const xlsx_layout *l, const table *t, size_t row,
                            long split) {
  return split < 0 ? l->sheet
                   : l->sheet_of(t->cells[row * t->ncols + (size_t)split]);
}

/* The rows of sheet `name`, header first. */
static int write_sheet(lxw_workbook *wb, const xlsx_layout *l, const table *t,
                       long split, const char *name, lxw_format *bold,
                       lxw_format *percent) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, name);
  if (!ws)
    return EXIT_INTERNAL;
  for (size_t c = 0; c < t->ncols; c++) {
    worksheet_write_string(ws, 0, (lxw_col_t)c, t->header[c], bold);
    worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                         t->numeric[c] ? 11 : 16, NULL);
  }
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t out = 1;
  for (size_t i = 0; i < t->nrows; i++) {
    if (strcmp(sheet_of(l, t, i, split), name) != 0)
      continue;
    if (out == XLSX_MAX_ROWS) {
      fprintf(stderr,
              "verbatim: sheet %s would have more than %d rows, Excel's "
              "limit; write CSV instead\n",
              name, XLSX_MAX_ROWS);
      return EXIT_OUTPUT;
    }
    for (size_t c = 0; c < t->ncols; c++) {
      const char *v = t->cells[i * t->ncols + c];
      if (!*v)
        continue;
      if (t->numeric[c])
        worksheet_write_number(ws, out, (lxw_col_t)c, strtod(v, NULL),
                               listed(l->percent, t->header[c]) ? percent
                                                                : NULL);
      else
        worksheet_write_string(ws, out, (lxw_col_t)c, v, NULL);
    }
    out++;
  }
  if (t->ncols)
    worksheet_autofilter(ws, 0, 0, out - 1, (lxw_col_t)(t->ncols - 1));
  return EXIT_OK;
}

/* The workbook at `path`: one sheet per distinct sheet name, in order of
 * first appearance. */
static int write_workbook(const char *path, const xlsx_layout *l,
                          const table *t) {
  long split = -1;
  for (size_t c = 0; l->split && c < t->ncols; c++)
    if (strcmp(t->header[c], l->split) == 0)
      split = (long)c;
  lxw_workbook *wb = workbook_new(path);
  if (!wb) {
    fprintf(stderr, "verbatim: cannot create the workbook: %s\n",
            strerror(errno));
    return EXIT_OUTPUT;
  }
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format *percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");
  /* the sheets, in order of first appearance (a layout has a few) */
  const char *names[16] = {l->sheet};
  size_t nnames = t->nrows ? 0 : 1;
  for (size_t i = 0; i < t->nrows; i++) {
    const char *name = sheet_of(l, t, i, split);
    size_t j = 0;
    while (j < nnames && strcmp(names[j], name) != 0)
      j++;
    if (j == nnames && nnames < 16)
      names[nnames++] = name;
  }
  int code = EXIT_OK;
  for (size_t i = 0; i < nnames && !code; i++)
    code = write_sheet(wb, l, t, split, names[i], bold, percent);
  lxw_error e = workbook_close(wb);
  if (!code && e != LXW_NO_ERROR) {
    fprintf(stderr, "verbatim: cannot write the workbook: %s\n",
            lxw_strerror(e));
    code = EXIT_OUTPUT;
  }
  return code;
}

/* Copies the file at `path` into `out`. */
static int copy_into(const char *path, FILE *out) {
  FILE *in = fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "verbatim: cannot read the workbook back: %s\n",
            strerror(errno));
    return EXIT_OUTPUT;
  }
  char buf[65536];
  size_t n;
  int code = EXIT_OK;
  while (!code && (n = fread(buf, 1, sizeof buf, in)) > 0)
    if (fwrite(buf, 1, n, out) != n) {
      fprintf(stderr, "verbatim: cannot write output: %s\n", strerror(errno));
      code = EXIT_OUTPUT;
    }
  fclose(in);
  return code;
}

/* The command's CSV, in a temporary file at `path`. */
static int render_to(const char *path, int fd, csv_renderer render,
                     void *ctx) {
  FILE *f = fdopen(fd, "wb");
  if (!f) {
    close(fd);
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  int rc = render(ctx, f);
  int e = ferror(f) ? errno : 0;
  if (fclose(f) != 0 && !e)
    e = errno;
  if (rc == VB_ENOMEM) {
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  if (rc || e) {
    fprintf(stderr, "verbatim: %s: cannot write a temporary file: %s\n", path,
            strerror(e ? e : EIO));
    return EXIT_OUTPUT;
  }
  return EXIT_OK;
}

int write_xlsx(FILE *out, csv_renderer render, void *ctx,
               const xlsx_layout *layout) {
  char csv[4096], book[4096];
  int fd = temp_file(csv);
  if (fd < 0) {
    fprintf(stderr, "verbatim: cannot create a temporary file: %s\n",
            strerror(errno));
    return EXIT_OUTPUT;
  }
  table t = {0};
  int code = render_to(csv, fd, render, ctx);
  if (!code)
    code = load_table(csv, &t);
  unlink(csv);
  if (!code && (fd = temp_file(book)) < 0) {
    fprintf(stderr, "verbatim: cannot create a temporary file: %s\n",
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  if (!code) {
    close(fd);
    code = write_workbook(book, layout, &t);
    if (!code)
      code = copy_into(book, out);
    unlink(book);
  }
  table_free(&t);
  return code;
}
