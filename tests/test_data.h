/*
 * test_data.h - what unit tests share beside assertions: the small test
 * lexicon tests/data/test.json (VB_TEST_DATA names the folder).
 */
#ifndef VB_TEST_DATA_H
#define VB_TEST_DATA_H

#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "verbatim.h"

static inline vb_lexicon *load_test_lexicon(void) {
  const char *dir = getenv("VB_TEST_DATA");
  char path[512];
  snprintf(path, sizeof path, "%s/test.json", dir ? dir : "tests/data");
  const char *paths[] = {path};
  vb_lexicon *lex = NULL;
  vb_error err;
  CHECK_INT(vb_lexicon_load_files(1, paths, &lex, &err), VB_OK);
  return lex;
}

#endif /* VB_TEST_DATA_H */
