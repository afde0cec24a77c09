/*
 * xlsx.c - report and eval figures as an Excel workbook (-o NAME.xlsx).
 *
 * People open survey figures in Excel, and a CSV opened there loses what
 * matters: "0.061490" is a string or a date depending on the locale, the
 * header scrolls away, and UTF-8 without a BOM turns "café" into mojibake.
 * A real workbook has none of these problems, and libxlsxwriter (Debian:
 * libxlsxwriter-dev) writes one without our writing a ZIP/XML emitter.
 *
 * The workbook is made from the command's own CSV, so the two can never
 * disagree: the CSV goes to a temporary file, which is read twice with the
 * library's reader.  The first pass finds the sheets, their sizes (over
 * Excel's 1,048,576 rows is an error before anything is written) and the
 * columns whose every non-empty value is a number; the second writes the
 * cells, numbers as numbers (shares and precision as percentages), the
 * rest as text, under a bold, frozen header row with a filter.  Rows
 * stream through libxlsxwriter's constant-memory mode, so a tagged file of
 * a million rows costs no more memory than a report.  The workbook is
 * built in a temporary file, then copied into the output, which
 * vb_outfile replaces atomically.
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
#define MAX_SHEETS 16

/* What the first pass learns. */
typedef struct scan {
  size_t ncols;
  bool *numeric; /* per column: every non-empty value is a number */
  long split;    /* the layout's split column, or -1 */
  const char *sheets[MAX_SHEETS];
  uint64_t rows[MAX_SHEETS]; /* data rows per sheet */
  size_t nsheets;
} scan;

/* A number as our renderers write one.  "007" is not: an id or a store
 * code with leading zeros stays text, as the zeros matter. */
static bool is_number(const char *s, size_t len) {
  char buf[64];
  if (!len || len >= sizeof buf)
    return false;
  memcpy(buf, s, len);
  buf[len] = '\0';
  if (strspn(buf, "0123456789.-+eE") != len || buf[0] == '+')
    return false;
  const char *digits = buf + (buf[0] == '-');
  if (digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9')
    return false;
  char *end;
  double d = strtod(buf, &end);
  return !*end && isfinite(d);
}

int xlsx_temp_file(char path[4096]) {
  const char *dir = getenv("TMPDIR");
  snprintf(path, 4096, "%s/verbatim-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0)
    fprintf(stderr, "verbatim: %s: cannot create a temporary file: %s\n", path,
            strerror(errno));
  return fd;
}

static vb_reader *open_csv(const char *path) {
  vb_reader *r;
  vb_error err;
  int rc = vb_reader_open(path, VB_FORMAT_CSV, &r, &err);
  if (rc)
    print_error(&err);
  return rc ? NULL : r;
}

/* The sheet of the current row: its index in s->sheets, added when new;
 * -1 when there are too many. */
static long sheet_index(scan *s, const xlsx_layout *l, const vb_reader *r) {
  const char *name = l->sheet;
  if (s->split >= 0) {
    size_t len;
    const char *v = vb_reader_field(r, (size_t)s->split, &len);
    char value[64];
    snprintf(value, sizeof value, "%.*s", (int)(len < 63 ? len : 63), v);
    name = l->sheet_of(value);
  }
  for (size_t i = 0; i < s->nsheets; i++)
    if (strcmp(s->sheets[i], name) == 0)
      return (long)i;
  if (s->nsheets == MAX_SHEETS)
    return -1;
  s->sheets[s->nsheets] = name;
  return (long)s->nsheets++;
}

/* Each row's sheet and each column's type; errors for too many rows. */
static int first_pass(vb_reader *r, const xlsx_layout *l, scan *s) {
  s->ncols = vb_reader_column_count(r);
  s->split = l->split ? vb_reader_find_column(r, l->split) : -1;
  s->numeric = malloc((s->ncols ? s->ncols : 1) * sizeof *s->numeric);
  bool *seen = calloc(s->ncols ? s->ncols : 1, sizeof *seen);
  if (!s->numeric || !seen) {
    free(seen);
    fputs("verbatim: out of memory\n", stderr);
    return EXIT_INTERNAL;
  }
  for (size_t c = 0; c < s->ncols; c++)
    s->numeric[c] = true;
  vb_error err;
  int rc;
  long k;
  while ((rc = vb_reader_next(r, &err)) == 1 &&
         (k = sheet_index(s, l, r)) >= 0) {
    s->rows[k]++;
    for (size_t c = 0; c < s->ncols; c++) {
      size_t len;
      const char *v = vb_reader_field(r, c, &len);
      seen[c] |= len > 0;
      if (len && s->numeric[c] && !is_number(v, len))
        s->numeric[c] = false;
    }
  }
  for (size_t c = 0; c < s->ncols; c++)
    s->numeric[c] = s->numeric[c] && seen[c];
  free(seen);
  if (rc < 0) {
    print_error(&err);
    return EXIT_INTERNAL;
  }
  if (!s->nsheets)
    s->sheets[s->nsheets++] = l->sheet; /* a header alone: one sheet */
  for (size_t i = 0; i < s->nsheets; i++)
    if (s->rows[i] >= XLSX_MAX_ROWS) {
      fprintf(stderr,
              "verbatim: %llu rows and a header do not fit in an Excel "
              "sheet (%d rows at most); write CSV instead\n",
              (unsigned long long)s->rows[i], XLSX_MAX_ROWS);
      return EXIT_OUTPUT;
    }
  return EXIT_OK;
}

static bool listed(const char *const *names, const char *name) {
  for (; names && *names; names++)
    if (strcmp(*names, name) == 0)
      return true;
  return false;
}

/* The sheets with their header rows: bold, frozen, with a filter. */
static int add_sheets(lxw_workbook *wb, const vb_reader *r, const scan *s,
                      lxw_worksheet **ws) {
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t i = 0; i < s->nsheets; i++) {
    if (!(ws[i] = workbook_add_worksheet(wb, s->sheets[i])))
      return EXIT_INTERNAL;
    for (size_t c = 0; c < s->ncols; c++)
      worksheet_set_column(ws[i], (lxw_col_t)c, (lxw_col_t)c,
                           s->numeric[c] ? 11 : 16, NULL);
    worksheet_freeze_panes(ws[i], 1, 0);
    if (s->ncols)
      worksheet_autofilter(ws[i], 0, 0, (lxw_row_t)s->rows[i],
                           (lxw_col_t)(s->ncols - 1));
    for (size_t c = 0; c < s->ncols; c++)
      worksheet_write_string(ws[i], 0, (lxw_col_t)c,
                             vb_reader_column_name(r, c), bold);
  }
  return EXIT_OK;
}

/* The second pass: every row into its sheet, cell by cell. */
static int write_rows(lxw_workbook *wb, vb_reader *r, const xlsx_layout *l,
                      scan *s, lxw_worksheet **ws) {
  lxw_format *percent = workbook_add_format(wb);
  format_set_num_format(percent, "0.0%");
  lxw_row_t next[MAX_SHEETS];
  for (size_t i = 0; i < MAX_SHEETS; i++)
    next[i] = 1;
  char *cell = NULL;
  size_t cap = 0;
  vb_error err;
  int rc;
  long k;
  while ((rc = vb_reader_next(r, &err)) == 1 &&
         (k = sheet_index(s, l, r)) >= 0) {
    lxw_row_t row = next[k]++;
    for (size_t c = 0; c < s->ncols; c++) {
      size_t len;
      const char *v = vb_reader_field(r, c, &len);
      if (!len)
        continue;
      if (len + 1 > cap) {
        char *bigger = realloc(cell, cap = 2 * (len + 1));
        if (!bigger) {
          free(cell);
          fputs("verbatim: out of memory\n", stderr);
          return EXIT_INTERNAL;
        }
        cell = bigger;
      }
      memcpy(cell, v, len);
      cell[len] = '\0';
      const char *name = vb_reader_column_name(r, c);
      if (s->numeric[c])
        worksheet_write_number(ws[k], row, (lxw_col_t)c, strtod(cell, NULL),
                               listed(l->percent, name) ? percent : NULL);
      else
        worksheet_write_string(ws[k], row, (lxw_col_t)c, cell, NULL);
    }
  }
  free(cell);
  if (rc < 0) {
    print_error(&err);
    return EXIT_INTERNAL;
  }
  return EXIT_OK;
}

/* The workbook at `book` from the CSV at `csv`. */
static int write_workbook(const char *csv, const char *book,
                          const xlsx_layout *l) {
  scan s = {0};
  vb_reader *r = open_csv(csv);
  int code = r ? first_pass(r, l, &s) : EXIT_INTERNAL;
  vb_reader_free(r);
  r = NULL;
  lxw_workbook_options options = {.constant_memory = LXW_TRUE};
  lxw_workbook *wb = NULL;
  if (!code && !(r = open_csv(csv)))
    code = EXIT_INTERNAL;
  if (!code && !(wb = workbook_new_opt(book, &options))) {
    fprintf(stderr, "verbatim: cannot create the workbook: %s\n",
            strerror(errno));
    code = EXIT_OUTPUT;
  }
  lxw_worksheet *ws[MAX_SHEETS];
  if (!code)
    code = add_sheets(wb, r, &s, ws);
  if (!code)
    code = write_rows(wb, r, l, &s, ws);
  if (wb) {
    lxw_error e = workbook_close(wb);
    if (!code && e != LXW_NO_ERROR) {
      fprintf(stderr, "verbatim: cannot write the workbook: %s\n",
              lxw_strerror(e));
      code = EXIT_OUTPUT;
    }
  }
  vb_reader_free(r);
  free(s.numeric);
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

int xlsx_from_csv(const char *csv, FILE *out, const xlsx_layout *layout) {
  char book[4096];
  int fd = xlsx_temp_file(book);
  if (fd < 0)
    return EXIT_OUTPUT;
  close(fd);
  int code = write_workbook(csv, book, layout);
  if (!code)
    code = copy_into(book, out);
  unlink(book);
  return code;
}

/* The command's CSV, in a temporary file at `path`. */
static int render_to(const char *path, int fd, csv_renderer render, void *ctx) {
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
  char csv[4096];
  int fd = xlsx_temp_file(csv);
  if (fd < 0)
    return EXIT_OUTPUT;
  int code = render_to(csv, fd, render, ctx);
  if (!code)
    code = xlsx_from_csv(csv, out, layout);
  unlink(csv);
  return code;
}
