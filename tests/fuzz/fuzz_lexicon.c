/*
 * fuzz_lexicon.c - libFuzzer target: any bytes as a lexicon document.  It
 * must compile or fail with a status and a position, never crash or leak;
 * a lexicon that compiles must match a comment.
 */
#include <stddef.h>
#include <stdint.h>

#include "verbatim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *name = "fuzz.json", *text = (const char *)data;
  vb_lexicon *lex = NULL;
  vb_error err;
  if (vb_lexicon_compile(1, &name, &text, &size, &lex, &err) == VB_OK) {
    vb_matcher *m;
    if (vb_matcher_new(lex, &m, NULL) == VB_OK) {
      static const char comment[] =
          "The delivery was late, I'm still waiting: it took 12 days! 客服";
      vb_matcher_run(m, comment, sizeof comment - 1);
      vb_matcher_free(m);
    }
    vb_lexicon_free(lex);
  }
  return 0;
}
