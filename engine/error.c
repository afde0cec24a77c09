/*
 * error.c - status codes, their messages and names, and filling vb_error.
 *
 * The codes and messages come from the one list VB_ERRNO_MAP in verbatim.h,
 * so a code can never exist without its message.  Also the line and
 * column of a byte offset, which every positioned error needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *vb_strerror(int code) {
  switch (code) {
  case VB_OK:
    return "success";
#define VB_XX_(name, value, message)                                           \
  case VB_E##name:                                                             \
    return message;
    VB_ERRNO_MAP(VB_XX_)
#undef VB_XX_
  default:
    return "unknown error";
  }
}

const char *vb_err_name(int code) {
  switch (code) {
  case VB_OK:
    return "VB_OK";
#define VB_XX_(name, value, message)                                           \
  case VB_E##name:                                                             \
    return "VB_E" #name;
    VB_ERRNO_MAP(VB_XX_)
#undef VB_XX_
  default:
    return "VB_EUNKNOWN";
  }
}

const char *vb_version(void) { return VB_VERSION_STRING; }

void vb__error_clear(vb_error *err) {
  if (!err)
    return;
  err->code = VB_OK;
  err->line = 0;
  err->column = 0;
  err->file[0] = '\0';
  err->message[0] = '\0';
}

int vb__vfail(vb_error *err, int code, const char *file, unsigned line,
              unsigned column, const char *fmt, va_list ap) {
  if (!err)
    return code;
  err->code = code;
  err->line = line;
  err->column = column;
  snprintf(err->file, sizeof err->file, "%s", file ? file : "");
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  return code;
}

int vb__fail(vb_error *err, int code, const char *file, unsigned line,
             unsigned column, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vb__vfail(err, code, file, line, column, fmt, ap);
  va_end(ap);
  return code;
}

void vb__line_col(const char *text, size_t len, size_t offset, unsigned *line,
                  unsigned *column) {
  unsigned l = 1, c = 1;
  if (offset > len)
    offset = len;
  for (size_t i = 0; i < offset; i++) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '\n') {
      l++;
      c = 1;
    } else if ((ch & 0xC0) != 0x80) { /* count code points, not bytes */
      c++;
    }
  }
  *line = l;
  *column = c;
}
