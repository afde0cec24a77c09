/*
 * fuzz_reader.c - libFuzzer target: any bytes as a CSV, TSV or NDJSON
 * input (the first byte picks the format in its low two bits, and the
 * reader options in the others: encoding, delimiter, rows to skip), read
 * from memory (vb_reader_open_memory, no file: thousands of inputs a
 * second) row by row to the end, with a dotted NDJSON path asked for.
 * Every row is read or reported malformed with a line; nothing crashes,
 * and the reader never loops: it must reach the end within one row per
 * input byte.  gzip input (the bytes after the first starting 1F 8B) is
 * inflated as a file's would be; deflate expands at most 1032 to 1, so
 * such input is allowed that many rows per byte.
 */
#include <stdint.h>
#include <stdlib.h>

#include "verbatim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  static const vb_format formats[] = {VB_FORMAT_CSV, VB_FORMAT_TSV,
                                      VB_FORMAT_NDJSON, VB_FORMAT_AUTO};
  static const char *const encodings[] = {NULL, "windows-1252", "UTF-16LE",
                                          "UTF-16BE"};
  static const char delimiters[] = {0, ';', '|', '\t'};
  vb_reader_options *o;
  if (vb_reader_options_new(&o))
    abort();
  vb_reader_options_set_format(o, formats[data[0] % 4]);
  if (vb_reader_options_set_encoding(o, encodings[(data[0] >> 2) % 4]))
    abort();
  vb_reader_options_set_delimiter(o, delimiters[(data[0] >> 4) % 4]);
  vb_reader_options_set_skip_rows(o, (long)(data[0] >> 6) - 1);
  vb_reader *r;
  if (vb_reader_open_memory((const char *)data + 1, size - 1, "fuzz", o, &r,
                            NULL) == VB_OK) {
    vb_reader_set_max_row(r, 4096);
    vb_reader_use_column(r, "a.b");
    int gzip = size > 2 && data[1] == 0x1f && data[2] == 0x8b;
    size_t max_rows = gzip ? size * 1032 : size + 1;
    size_t rows = 0;
    for (int rc; (rc = vb_reader_next(r, NULL)) != 0;) {
      if (rc < 0 && rc != VB_EMALFORMED && rc != VB_ETOOBIG)
        break;
      if (++rows > max_rows)
        abort(); /* more rows than bytes: the reader is not advancing */
      size_t len;
      for (size_t c = 0; c < vb_reader_column_count(r); c++)
        vb_reader_field(r, c, &len), vb_reader_field_type(r, c);
      vb_reader_raw(r, &len);
    }
    vb_reader_free(r);
  }
  vb_reader_options_free(o);
  return 0;
}
