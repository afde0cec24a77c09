/*
 * fuzz_match.c - libFuzzer target: any bytes as a comment through
 * normalize -> segment -> stem -> match, with a lexicon using every kind
 * of term.  Differential: the fast paths (ASCII normalization and
 * segmentation, the pattern prefilter) must give exactly the reference
 * path's matches, or the target aborts.  The lexicon also uses sets,
 * gaps, NEAR chains, WITH, "requires", negation policies and typos.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char LEXICON[] =
    "{\"negators\": [\"not\", \"never\", \"don't\"], \"typos\": true,"
    " \"sets\": {\"problem\": [\"slow\", \"confus*\", \"=ram\", "
    "\"broken\"], \"hosp\": [\"waiter\", \"table\"]},"
    " \"themes\": ["
    "{\"id\": \"shipping\", \"label\": \"S\", \"terms\": [\"delivery\","
    " \"late delivery\", \"=ups\", \"track*\", \"package NEAR/3 arrived\","
    " \"/\\\\b(?:took|takes) \\\\d+ (?:days?|weeks?)\\\\b/\","
    " \"/[$\\u00a3]\\\\s?\\\\d+/\", \"/\\\\w-ups\\\\b/\"],"
    " \"exclude\": [\"ups and downs\", \"/\\\\bfollow-ups?\\\\b/\"],"
    " \"themes\": [{\"id\": \"shipping.late\", \"label\": \"L\","
    " \"negated\": \"drop\", \"terms\": [\"still waiting\", "
    "\"/\\\\b(?:a few|\\\\d+) weeks late/\", \"won't ~2 arrive\"]}]},"
    "{\"id\": \"usability\", \"label\": \"U\", \"requires\": [\"@problem\","
    " \"@hosp\"], \"terms\": [\"menu NEAR/3 @problem\", \"@problem ~1 setup\","
    " \"easy NEAR/2 on NEAR/1 battery\", \"not work\", \"seated WITH @hosp\"],"
    " \"exclude\": [\"@problem menu\"]},"
    "{\"id\": \"cafe\", \"label\": \"C\", \"terms\": [\"caf\u00e9\", "
    "\"\u5ba2\u670d\","
    " \"/\\\\bi'll return\\\\b/\"]}]}";

static vb_lexicon *lex;
static vb_matcher *fast, *slow;

static void setup(void) {
  const char *name = "fuzz.json", *text = LEXICON;
  size_t len = sizeof LEXICON - 1;
  if (vb_lexicon_compile(1, &name, &text, &len, &lex, NULL) ||
      vb_matcher_new(lex, &fast, NULL) || vb_matcher_new(lex, &slow, NULL))
    abort();
  vb__matcher_set_slow(slow, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!lex)
    setup();
  const char *text = (const char *)data;
  int a = vb_matcher_run(fast, text, size),
      b = vb_matcher_run(slow, text, size);
  if (a != b || vb_matcher_match_count(fast) != vb_matcher_match_count(slow))
    abort();
  for (size_t i = 0; i < vb_matcher_match_count(fast); i++) {
    const vb_match *x = vb_matcher_match(fast, i),
                   *y = vb_matcher_match(slow, i);
    if (x->term != y->term || x->start != y->start || x->end != y->end ||
        x->negated != y->negated || x->excluded != y->excluded ||
        x->dropped != y->dropped || x->typo != y->typo)
      abort();
    if (x->end > size || x->start > x->end)
      abort(); /* spans are byte offsets into the input */
  }
  return 0;
}
