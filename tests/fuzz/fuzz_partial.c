/*
 * fuzz_partial.c - libFuzzer target: any bytes as a partial report.  It
 * must load or fail with VB_EPARTIAL (or a mismatch, or out of memory),
 * never crash, leak or return a half-made report.  Random bytes rarely
 * get past the checksum, so each input is also tried with its header
 * rewritten to fit (magic, version, body length, CRC-32 of the rest): that
 * sends the mutations into the body parser and its checks.  A report
 * that loads must write in every format, save, and load again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "verbatim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(const uint8_t *data, size_t size) {
  static FILE *null;
  if (!null && !(null = fopen("/dev/null", "w")))
    abort();
  vb_report *r = NULL;
  vb_error err;
  int rc = vb_report_load(data, size, "fuzz.vbp", NULL, &r, &err);
  if (rc != VB_OK) {
    if (r || (rc != VB_EPARTIAL && rc != VB_ENOMEM && rc != VB_EMISMATCH))
      abort();
    return;
  }
  vb_report_set_limits(r, 1, 3);
  for (int f = VB_REPORT_TABLE; f <= VB_REPORT_HTML; f++)
    if (vb_report_write(r, null, (vb_report_format)f) != VB_OK)
      abort();
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  if (!mem || vb_report_save(r, mem, NULL) != VB_OK)
    abort();
  fclose(mem);
  vb_report *again = NULL;
  if (vb_report_load(buf, len, "again.vbp", r, &again, &err) != VB_OK)
    abort(); /* what was saved must load, and agree with its source */
  vb_report_free(again);
  vb_report_free(r);
  free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  exercise(data, size);
  if (size < 24)
    return 0;
  uint8_t *fixed = malloc(size);
  if (!fixed)
    return 0;
  static const uint8_t magic[8] = {0x89, 'V', 'B', 'P', '\r', '\n', 0x1a, '\n'};
  memcpy(fixed, magic, 8);
  /* the format version this verbatim reads (docs/partial-format.md) */
  uint64_t fields[3] = {3, size - 24, crc32(0L, data + 24, (uInt)(size - 24))};
  size_t widths[3] = {4, 8, 4}, at = 8;
  for (int f = 0; f < 3; f++)
    for (size_t i = 0; i < widths[f]; i++)
      fixed[at++] = (uint8_t)(fields[f] >> (8 * i));
  memcpy(fixed + 24, data + 24, size - 24);
  exercise(fixed, size);
  free(fixed);
  return 0;
}
