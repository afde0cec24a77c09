/*
 * fuzz_reader.c - libFuzzer target: any bytes as a CSV, TSV or NDJSON file
 * (the first byte picks the format), read row by row to the end.  Every
 * row is read or reported malformed with a line; nothing crashes, and the
 * reader never loops: it must reach the end within one row per input byte.
 */
#define _GNU_SOURCE /* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "verbatim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  static const vb_format formats[] = {VB_FORMAT_CSV, VB_FORMAT_TSV,
                                      VB_FORMAT_NDJSON, VB_FORMAT_AUTO};
  vb_format format = formats[data[0] % 4];
  int fd = memfd_create("fuzz", 0);
  if (fd < 0 || write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
    abort();
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  vb_reader *r;
  if (vb_reader_open(path, format, &r, NULL) == VB_OK) {
    vb_reader_set_max_row(r, 4096);
    size_t rows = 0;
    for (int rc; (rc = vb_reader_next(r, NULL)) != 0;) {
      if (rc < 0 && rc != VB_EMALFORMED && rc != VB_ETOOBIG)
        break;
      if (++rows > size + 1)
        abort(); /* more rows than bytes: the reader is not advancing */
      size_t len;
      for (size_t c = 0; c < vb_reader_column_count(r); c++)
        vb_reader_field(r, c, &len);
      vb_reader_raw(r, &len);
    }
    vb_reader_free(r);
  }
  close(fd);
  return 0;
}
