/*
 * fuzz_detect.c - libFuzzer target: any bytes as a comment through the
 * language detector (engine/detect.c and its CLD2 shim).  It must not
 * crash or read out of bounds, and it must always write a code that is
 * "und" or 2-3 lowercase ASCII letters, and return its length.
 * ASan sees the engine's reads only: libcld2 is not instrumented, so its
 * reads past the input cannot show here.  detect_cld2.cc stops them with
 * a NUL-ended copy, and tests/test_detect.c (test_hostile) checks that
 * the answer does not depend on the bytes after the text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static vb__detector d;
  static int ready;
  if (!ready) {
    if (vb__detector_init(&d))
      abort();
    ready = 1;
  }
  char code[16];
  memset(code, 'X', sizeof code);
  size_t n = vb__detect_language(&d, (const char *)data, size, code);
  if (n < 2 || n > 3 || strlen(code) != n)
    abort();
  for (size_t i = 0; i < n; i++)
    if (code[i] < 'a' || code[i] > 'z')
      abort();
  return 0;
}
