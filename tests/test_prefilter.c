/*
 * test_prefilter.c - the pattern prefilter: which anchors are read from
 * which patterns, and a differential test proving that matching with the
 * fast paths on (prefilter, ASCII normalization) gives exactly the result
 * of the reference path (every pattern on every comment, ICU for all
 * text), on the sample corpus and on random text built to hit the edges.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "internal.h"

/* The anchors of a pattern as "text|text|..." ('*' marks searched ones,
 * '#' the digit anchor), or NULL when none can be proven. */
static const char *anchors_of(const char *pattern) {
  static char buf[4096];
  static vb__anchors a;
  if (!vb__pattern_anchors(pattern, strlen(pattern), &a))
    return NULL;
  buf[0] = '\0';
  for (size_t i = 0; i < a.count; i++) {
    if (i)
      strcat(buf, "|");
    if (a.items[i].anywhere)
      strcat(buf, "*");
    strcat(buf, a.items[i].required_only ? "?"
                : a.items[i].len         ? a.items[i].text
                                         : "#");
  }
  for (size_t i = 0; i < a.alt_count; i++)
    for (size_t k = 0; k < a.alts[i].required_count; k++) {
      strcat(buf, k ? "/" : " +");
      strncat(buf, a.alts[i].required[k].text, a.alts[i].required[k].len);
    }
  return buf;
}

static void test_anchors(void) {
  CHECK_STR(anchors_of("\\b(?:took|takes) \\d+ days"), "took |takes  + days");
  /* required literals: top level, unquantified, outside groups */
  CHECK_STR(anchors_of("\\bgood (?:customer )?service\\b"),
            "good customer service|good service");
  CHECK_STR(anchors_of("\\bx\\w+ (?:ab|cd) long{2}er"), "x + lon");
  CHECK_STR(anchors_of("\\bx\\w+ [ab] quite\\?"), "x + quite?");
  CHECK_STR(anchors_of("\\bx\\w(?x) a b c"), "x");
  CHECK_STR(anchors_of("\\b\\d+ (?:minutes|hours) (?:on hold|waiting)"),
            "# +on hold/waiting");
  CHECK_STR(anchors_of("\\bx\\w+ (?:ab|cd)? (?:efg|h)"), "x + ");
  CHECK_STR(anchors_of("\\bships?\\b"), "ship");
  /* an optional item with more after it: read on both ways */
  CHECK_STR(anchors_of("\\bcolou?r"), "colour|color");
  CHECK_STR(anchors_of("\\bcolou??r"), "colour|color");
  CHECK_STR(anchors_of("\\bslow(?:er)? to\\b"), "slower to|slow to");
  CHECK_STR(anchors_of("\\b[ab]c?d"), "acd|bcd|ad|bd");
  CHECK_STR(anchors_of("\\bx[yz]?w"), "xyw|xzw|xw");
  CHECK_STR(anchors_of("\\be-?mails? (?:never )?came"),
            "e-mails never came|emails never came|e-mail never came|"
            "email never came|e-mails came|emails came|e-mail came|"
            "email came");
  CHECK_STR(anchors_of("\\bfoo(?:bar)?\\b"), "foo");       /* nothing after */
  CHECK_STR(anchors_of("\\bfoo(?:bar)?(?!x)y"), "foo +y"); /* nor (?! */
  CHECK_STR(anchors_of("\\bfoo(?:bar)?(?:baz)*"), "foobar|foo");
  CHECK_STR(anchors_of("\\bfoo(?:b\\w|c)? x"), "foob|fooc|foo + x");
  {
    /* too many strings to read on both ways: stop before the item */
    const char *a = anchors_of("\\b[abcdefgh][abcdefgh][ab]x?y");
    CHECK(a && strstr(a, "aaa|") == a && !strchr(a, 'x') &&
          strcmp(a + strlen(a) - 3, " +y") == 0);
  }
  CHECK_STR(anchors_of("\\bDelivery"), "delivery");
  CHECK_STR(anchors_of("\\b(?:over|under)[- ]?deliver"),
            "over-deliver|under-deliver|over deliver|under deliver|"
            "overdeliver|underdeliver");
  /* '-' is itself first or last in a class, a range elsewhere */
  CHECK_STR(anchors_of("\\bx[ab-]y"), "xay|xby|x-y");
  CHECK_STR(anchors_of("\\bx[-a]y"), "x-y|xay");
  CHECK_STR(anchors_of("\\bx[a-c]y"), "x +y");
  CHECK_STR(anchors_of("\\bx[a-]"), "xa|x-");
  CHECK_STR(anchors_of("\\b(?:i|we) (?:ordered|bought) it"),
            "i ordered it|we ordered it|i bought it|we bought it");
  CHECK_STR(anchors_of("\\b(?:will|'ll) return"), "will return|*'ll return");
  CHECK_STR(anchors_of("\\b\\d+ days"), "# + days");
  CHECK_STR(anchors_of("(?:[$\xc2\xa3]\\s?\\d+|\\b\\d+ ?usd)\\b"),
            "*$|*\xc2\xa3|*#");
  CHECK_STR(anchors_of("\\bfoo|\\bbar\\.com"), "foo|bar.com");
  CHECK_STR(anchors_of("\\bfoo\\w+bar|\\bbaz\\w+qux"), "foo|baz +bar +qux");
  CHECK_STR(anchors_of("\\bup(?:s|) then"), "ups then|up then");
  /* nothing provable: the pattern always runs */
  CHECK_STR(anchors_of("\\w-ups\\b"), "*? +-ups"); /* only "contains" */
  CHECK(anchors_of("\\w+\\b") == NULL);
  CHECK_STR(anchors_of("\\b(?:a|b)?c"), "*? +c");
  CHECK(anchors_of("\\b(?i)x") == NULL);
  CHECK_STR(anchors_of("\\b\xc3\xa9t\xc3\xa9"), "*? +t"); /* é has case */
  CHECK(anchors_of("\\b[a-z]+") == NULL);
  CHECK_STR(anchors_of("\\b(?:x|)y"), "*? +y");
  CHECK(anchors_of("\\bx|y*") == NULL);
  CHECK_STR(anchors_of("\\b(?=a)a"), "*? +a");
  CHECK(anchors_of("\\bab\\Q)|\\E") == NULL);
}

/* The same comment through the fast and the reference matcher. */
static size_t matched_; /* comments with a match, for the checks below */

static void compare(vb_matcher *fast, vb_matcher *slow, const char *text,
                    size_t len, size_t *diffs) {
  int a = vb_matcher_run(fast, text, len), b = vb_matcher_run(slow, text, len);
  bool same =
      a == b && vb_matcher_match_count(fast) == vb_matcher_match_count(slow);
  for (size_t i = 0; same && i < vb_matcher_match_count(fast); i++) {
    const vb_match *x = vb_matcher_match(fast, i),
                   *y = vb_matcher_match(slow, i);
    same = x->term == y->term && x->start == y->start && x->end == y->end &&
           x->negated == y->negated && x->excluded == y->excluded &&
           x->excluded_by == y->excluded_by && x->dropped == y->dropped &&
           x->typo == y->typo;
  }
  matched_ += vb_matcher_match_count(slow) > 0;
  if (!same && (*diffs)++ < 5)
    fprintf(stderr, "fast and reference matching differ on \"%.*s\"\n",
            (int)(len > 200 ? 200 : len), text);
}

/* A fast matcher and the reference one (every fast path off). */
static void new_pair(const vb_lexicon *lex, vb_matcher **fast,
                     vb_matcher **slow) {
  CHECK_INT(vb_matcher_new(lex, fast, NULL), VB_OK);
  CHECK_INT(vb_matcher_new(lex, slow, NULL), VB_OK);
  vb__matcher_set_slow(*slow, true);
}

static vb_lexicon *load(const char *path) {
  vb_lexicon *lex = NULL;
  vb_error err;
  if (vb_lexicon_load_files(1, &path, &lex, &err))
    fprintf(stderr, "%s: %s\n", path, err.message);
  return lex;
}

/* The lexicon of one JSON text; NULL (its error printed, the check
 * failed) when it does not compile. */
static vb_lexicon *compile(const char *name, const char *json) {
  size_t len = strlen(json);
  vb_lexicon *lex = NULL;
  vb_error err;
  int rc = vb_lexicon_compile(1, &name, &json, &len, &lex, &err);
  if (rc)
    fprintf(stderr, "%s:%u:%u: %s\n", name, err.line, err.column, err.message);
  CHECK_INT(rc, VB_OK);
  return lex;
}

static void compare_on_corpus(const vb_lexicon *lex, const char *corpus) {
  vb_matcher *fast, *slow;
  new_pair(lex, &fast, &slow);
  vb_reader *r;
  CHECK_INT(vb_reader_open(corpus, VB_FORMAT_AUTO, &r, NULL), VB_OK);
  long col = vb_reader_find_column(r, "comment");
  CHECK(col >= 0);
  size_t rows = 0, diffs = 0;
  while (vb_reader_next(r, NULL) > 0) {
    size_t len;
    const char *text = vb_reader_field(r, (size_t)col, &len);
    compare(fast, slow, text, len, &diffs);
    rows++;
  }
  CHECK(rows >= 5000);
  CHECK_INT(diffs, 0);
  vb_reader_free(r);
  vb_matcher_free(fast);
  vb_matcher_free(slow);
}

static void compare_on_words(const vb_lexicon *lex, const char *const *words,
                             size_t nwords, unsigned seed, size_t count);

/* Random comments from words chosen to start, end and break anchors. */
static void compare_on_random(const vb_lexicon *lex, unsigned seed,
                              size_t count) {
  static const char *const words[] = {"took",
                                      "takes",
                                      "Took",
                                      "2",
                                      "12",
                                      "days",
                                      "weeks",
                                      "to",
                                      "arrive",
                                      "a",
                                      "few",
                                      "a few",
                                      "I",
                                      "i'll",
                                      "I'll",
                                      "we'll",
                                      "return",
                                      "it",
                                      "never",
                                      "$",
                                      "$20",
                                      "\xc2\xa3"
                                      "5",
                                      "\xe2\x82\xac",
                                      "10",
                                      "dollars",
                                      "usd",
                                      "good",
                                      "service",
                                      "customer",
                                      "great",
                                      "follow-ups",
                                      "mix-ups",
                                      "ups",
                                      "UPS",
                                      "shipping",
                                      "delivery",
                                      "e-mail",
                                      "email",
                                      "emails",
                                      "never",
                                      "arrived",
                                      "_took",
                                      "took_",
                                      "x2",
                                      "2x",
                                      "\xd9\xa3",
                                      "\xef\xbc\x92",
                                      "caf\xc3\xa9",
                                      "TOOK",
                                      "over-delivered",
                                      "underdeliver",
                                      "no",
                                      "one",
                                      "replied",
                                      "nobody",
                                      "app",
                                      "is",
                                      "slow",
                                      "waited",
                                      "for",
                                      "30",
                                      "minutes",
                                      "on",
                                      "hold",
                                      "'",
                                      "-",
                                      ",",
                                      ".",
                                      "!",
                                      "\n",
                                      "\xe2\x80\x99ll",
                                      "K",
                                      "\xe2\x84\xaa",
                                      "\xc5\xbf",
                                      "404",
                                      "0",
                                      "05%",
                                      "error",
                                      "price",
                                      "went",
                                      "up",
                                      "by",
                                      "%",
                                      "10%",
                                      "don't",
                                      "doesn",
                                      "t",
                                      "dont",
                                      "cannot",
                                      "won\xe2\x80\x99t",
                                      "bug-free",
                                      "free",
                                      "bug",
                                      "shiping",
                                      "delivary",
                                      "load",
                                      "even",
                                      "menu",
                                      "confusing",
                                      "waiter"};
  compare_on_words(lex, words, sizeof words / sizeof *words, seed, count);
}

/* Comments of 1-14 words drawn from words[0..nwords) (seeded), each
 * matched by both paths. */
static void compare_on_words(const vb_lexicon *lex, const char *const *words,
                             size_t nwords, unsigned seed, size_t count) {
  vb_matcher *fast, *slow;
  new_pair(lex, &fast, &slow);
  size_t diffs = 0;
  char text[512];
  for (size_t i = 0; i < count; i++) {
    size_t len = 0, n = 1 + (size_t)(rand_r(&seed) % 14);
    for (size_t k = 0; k < n; k++) {
      const char *w = words[(size_t)rand_r(&seed) % nwords];
      int sep = rand_r(&seed) % 4;
      len += (size_t)snprintf(text + len, sizeof text - len, "%s%s",
                              k && sep ? " " : "", w);
    }
    compare(fast, slow, text, len, &diffs);
  }
  CHECK_INT(diffs, 0);
  vb_matcher_free(fast);
  vb_matcher_free(slow);
}

/* A lexicon whose patterns cover each kind of anchor, and one with no
 * literal that every match holds (\p{Lu}), which runs on every comment
 * (VB__GATE_NONE). */
static const char EDGE_LEXICON[] =
    "{\"themes\": [{\"id\": \"t\", \"label\": \"T\", \"terms\": ["
    "\"/(?:slow|\\\\p{Lu})/\", "
    "\"/\\\\b(?:took|takes) \\\\d+ days/\", \"/\\\\bI'll return/\","
    "\"/\\\\b(?:will|'ll) return/\", \"/(?:[$\xc2\xa3\xe2\x82\xac]\\\\s?\\\\d+"
    "|\\\\b\\\\d+ ?(?:dollars|usd))\\\\b/\", \"/\\\\bK\\\\b/\","
    "\"/\\\\b\\\\d+%/\", \"/\\\\bup(?:s|)\\\\b/\", \"/\\\\b(?:a few|few) "
    "weeks/\", \"/\\\\bmix-ups/\", \"/\\\\w-ups\\\\b/\"],"
    "\"exclude\": [\"/\\\\bfollow-ups?\\\\b/\"]}]}";

/* A lexicon with every kind of word term of the round-2 language: sets in
 * each slot, gaps, NEAR chains, WITH, "requires", negation policies,
 * typos, contractions, a phrase whose second word is an exact word. */
static const char ROUND2_LEXICON[] =
    "{\"typos\": true, \"negators\": [\"no\", \"not\", \"never\"],"
    "\"sets\": {\"problem\": [\"confusing\", \"slow\", \"error*\", "
    "\"=ups\"], \"hosp\": [\"waiter\", \"menu\"]},"
    "\"themes\": [{\"id\": \"u\", \"label\": \"U\", \"terms\": ["
    "\"menu NEAR/3 @problem\", \"won't ~2 load\", \"@problem delivery\","
    "\"took NEAR/2 days NEAR/1 arrive\", \"return WITH @hosp\", "
    "\"not load\", \"shipping\", \"shipping =ups\"],"
    "\"exclude\": [\"@problem ~1 menu\"]},"
    "{\"id\": \"b\", \"label\": \"B\", \"negated\": \"drop\","
    "\"requires\": [\"@problem\", \"@hosp\"], \"terms\": [\"bug\", "
    "\"delivery\", \"/\\\\b(?:took|takes) \\\\d+ days/\"]}]}";

/* Exclude patterns under a theme tree.  The gate skips an exclude
 * pattern's anchors when no word term matched its theme's subtree, unless
 * a mention pattern's theme lies in that subtree: here p's exclude must
 * still run on "mix-ups", where only its child p.c's pattern matched, while
 * w's exclude has no mention pattern below it and may be skipped. */
static const char NESTED_LEXICON[] =
    "{\"themes\": [{\"id\": \"p\", \"label\": \"P\", \"terms\": "
    "[\"shipping\"], \"exclude\": [\"/\\\\bmix-ups\\\\b/\"], "
    "\"themes\": [{\"id\": \"p.c\", \"label\": \"C\", \"terms\": "
    "[\"/\\\\bups\\\\b/\"]}]}, {\"id\": \"w\", \"label\": \"W\", "
    "\"terms\": [\"delivery\", \"follow\"], \"exclude\": "
    "[\"/\\\\bfollow-ups?\\\\b/\"]}]}";

/* More themes with exclude patterns than the gate has bits for them
 * (COVER_BITS in match.c, 31), so that themes i and i + 31 share one:
 * theme i has the term "ki" and the exclude "/\\bki zi\\b/".  Random
 * comments of the words of themes g, g + 10, g + 20 and g + 31 must match
 * alike on both paths. */
static void test_many_covers(void) {
  enum { THEMES = 40 };
  char json[8192], words[2 * THEMES][8];
  size_t n = (size_t)snprintf(json, sizeof json, "{\"themes\": [");
  for (int i = 0; i < THEMES; i++) {
    n += (size_t)snprintf(json + n, sizeof json - n,
                          "%s{\"id\": \"t%d\", \"label\": \"T%d\", "
                          "\"terms\": [\"k%d\"], \"exclude\": "
                          "[\"/\\\\bk%d z%d\\\\b/\"]}",
                          i ? ", " : "", i, i, i, i, i);
    snprintf(words[2 * i], sizeof words[0], "k%d", i);
    snprintf(words[2 * i + 1], sizeof words[0], "z%d", i);
  }
  snprintf(json + n, sizeof json - n, "]}");
  vb_lexicon *lex = compile("covers.json", json);
  if (!lex)
    return;
  for (int g = 0; g + 31 < THEMES; g++) {
    const int themes[] = {g, g + 10, g + 20, g + 31};
    const char *list[8];
    for (size_t k = 0; k < 4; k++) {
      list[2 * k] = words[2 * themes[k]];
      list[2 * k + 1] = words[2 * themes[k] + 1];
    }
    matched_ = 0;
    compare_on_words(lex, list, 8, (unsigned)(23 + g), 3000);
    CHECK(matched_ > 1000); /* the comparison is not vacuous */
  }
  vb_lexicon_free(lex);
}

/* A lexicon without sets whose terms need a prefix after their first
 * word: the fast matcher skips a candidate whose needed prefix no word of
 * the comment starts with, so the words must stamp the prefixes even
 * when there is no set to stamp. */
static const char PREFIX_LEXICON[] =
    "{\"themes\": [{\"id\": \"p\", \"label\": \"P\", \"terms\": ["
    "\"battery ~1 drain*\", \"quick NEAR/2 charg*\", \"drain* fast\"]}]}";

static void test_prefix_needs(void) {
  static const struct {
    const char *text;
    size_t matches;
  } cases[] = {
      {"the battery drains", 1},     {"battery really draining", 1},
      {"battery drains fast", 2},    {"the battery is low", 0},
      {"quick charging, good", 1},   {"it drains", 0},
      {"drained fast and quick", 1}, {"batteries drain", 1},
  };
  vb_lexicon *lex = compile("prefix.json", PREFIX_LEXICON);
  if (!lex)
    return;
  vb_matcher *fast, *slow;
  new_pair(lex, &fast, &slow);
  size_t diffs = 0;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const char *text = cases[i].text;
    compare(fast, slow, text, strlen(text), &diffs);
    if (vb_matcher_match_count(fast) != cases[i].matches)
      fprintf(stderr, "\"%s\": %zu matches, not %zu\n", text,
              vb_matcher_match_count(fast), cases[i].matches);
    CHECK_INT(vb_matcher_match_count(fast), cases[i].matches);
  }
  CHECK_INT(diffs, 0);
  vb_matcher_free(fast);
  vb_matcher_free(slow);
  vb_lexicon_free(lex);
}

/* Words of 9 to 16 bytes share the long memo in front of the word
 * cache: words that agree in their length and first 8 (or 15) bytes must
 * still be told apart when they meet in one of its slots, and 17 bytes go
 * past it.  676 words "subscrib" + two letters, every other one a term,
 * fill its 2048 slots enough that many pairs of them share one. */
static void test_long_words(void) {
  static const char *const fixed[] = {
      "internationalise",   "internationalism", "internationalist",
      "customizations",     "customizationx",   "internationalising",
      "internationalisinx", "subscribe",        "ok"};
  enum { FIXED = sizeof fixed / sizeof *fixed, PAIRS = 26 * 26 };
  static char words[FIXED + PAIRS][24];
  static char lexicon[PAIRS * 16 + 512];
  size_t nwords = 0, llen = 0;
  llen += (size_t)snprintf(lexicon + llen, sizeof lexicon - llen,
                           "{\"themes\": [{\"id\": \"d\", \"label\": "
                           "\"D\", \"terms\": [\"=internationalism\", "
                           "\"=customizations\", \"=internationalising\"");
  for (size_t i = 0; i < FIXED; i++)
    snprintf(words[nwords++], sizeof *words, "%s", fixed[i]);
  for (size_t i = 0; i < PAIRS; i++) {
    snprintf(words[nwords], sizeof *words, "subscrib%c%c", (char)('a' + i / 26),
             (char)('a' + i % 26));
    if (i % 2 == 0)
      llen += (size_t)snprintf(lexicon + llen, sizeof lexicon - llen,
                               ", \"=%s\"", words[nwords]);
    nwords++;
  }
  snprintf(lexicon + llen, sizeof lexicon - llen, "]}]}");
  vb_lexicon *lex = compile("long.json", lexicon);
  if (!lex)
    return;
  vb_matcher *fast, *slow;
  new_pair(lex, &fast, &slow);
  unsigned seed = 17;
  size_t diffs = 0;
  char buf[512];
  matched_ = 0;
  for (size_t i = 0; i < 20000; i++) {
    size_t n = 1 + (size_t)(rand_r(&seed) % 6), blen = 0;
    for (size_t k = 0; k < n; k++)
      blen +=
          (size_t)snprintf(buf + blen, sizeof buf - blen, "%s%s", k ? " " : "",
                           words[(size_t)rand_r(&seed) % nwords]);
    compare(fast, slow, buf, blen, &diffs);
  }
  CHECK_INT(diffs, 0);
  CHECK(matched_ > 10000); /* the comparison is not vacuous */
  vb_matcher_free(fast);
  vb_matcher_free(slow);
  vb_lexicon_free(lex);
}

/* With VB__LOOSE_INDEX_MIN loose anchors or more, the gate finds them by
 * the comment's four-byte runs (lexicon.c, build_loose_keys): patterns
 * with no \\b, two anchors each, from pieces of the random words; those
 * under four bytes ("ay", "%") are checked on every comment. */
static void test_loose_index(void) {
  static const char *const pieces[] = {"ook",      "ake",
                                       "ay",       "eek",
                                       "rriv",     "ew",
                                       "ollar",    "sd",
                                       "oo",       "ervic",
                                       "ustom",    "rea",
                                       "ollow",    "ix-u",
                                       "ps",       "hipp",
                                       "eliver",   "-mai",
                                       "mail",     "eve",
                                       "rrive",    "_to",
                                       "ok_",      "x2",
                                       "2x",       "af",
                                       "ver-d",    "nderd",
                                       "ne",       "epl",
                                       "obod",     "pp",
                                       "lo",       "aite",
                                       "or",       "inut",
                                       "ol",       "rro",
                                       "ric",      "en",
                                       "on't",     "oesn",
                                       "annot",    "ug-f",
                                       "ree",      "hipi",
                                       "elivar",   "oad",
                                       "ven",      "enu",
                                       "onfus",    "ait",
                                       "low",      "ays",
                                       "ee",       "ro",
                                       "\xc3\xa9", "\xe2\x80\x99ll",
                                       "0%",       "up",
                                       "rvi",      "ust",
                                       "ip",       "ai",
                                       "ys",       "ck",
                                       "ie",       "ic",
                                       "ll",       "ft",
                                       "took",     "akes",
                                       "days",     "week",
                                       "rive",     "dollar",
                                       "ervice",   "great",
                                       "mix-",     "ship",
                                       "deliv",    "e-ma",
                                       "emai",     "neve",
                                       "arri",     "over",
                                       "under",    "repl",
                                       "nobo",     "slow",
                                       "wait",     "minu",
                                       "hold",     "erro",
                                       "pric",     "went",
                                       "don'",     "does",
                                       "cann",     "free",
                                       "shipi",    "deliva",
                                       "load",     "even",
                                       "menu",     "conf",
                                       "waite",    "plies",
                                       "ustomer",  "reat"};
  enum { PIECES = sizeof pieces / sizeof *pieces };
  char lexicon[8192];
  size_t n = (size_t)snprintf(lexicon, sizeof lexicon,
                              "{\"themes\": [{\"id\": \"l\", \"label\": "
                              "\"L\", \"terms\": [\"/%%/\"");
  for (size_t i = 0; i + 1 < PIECES; i += 2)
    n += (size_t)snprintf(lexicon + n, sizeof lexicon - n, ", \"/(?:%s|%s)/\"",
                          pieces[i], pieces[i + 1]);
  snprintf(lexicon + n, sizeof lexicon - n, "]}]}");
  vb_lexicon *lex = compile("loose.json", lexicon);
  if (!lex)
    return;
  CHECK(lex->loose_anchor_count >= VB__LOOSE_INDEX_MIN);
  CHECK(lex->loose_key_start != NULL);
  CHECK(lex->loose_unkeyed_count >= 10); /* "ay", "%", ... */
  CHECK(lex->loose_anchor_count - lex->loose_unkeyed_count >= 50);
  matched_ = 0;
  compare_on_random(lex, 19, 30000);
  CHECK(matched_ > 20000); /* the comparison is not vacuous */
  vb_lexicon_free(lex);
}

int main(void) {
  test_anchors();
  test_long_words();
  test_loose_index();
  test_prefix_needs();
  test_many_covers();

  char path[1024];
  const char *src = getenv("VB_SOURCE_DIR");
  snprintf(path, sizeof path, "%s/lexicons/default.json", src ? src : ".");
  vb_lexicon *lex = load(path);
  CHECK(lex != NULL);
  if (lex) {
    snprintf(path, sizeof path, "%s/corpora/sample.csv", src ? src : ".");
    compare_on_corpus(lex, path);
    compare_on_random(lex, 7, 30000);
    vb_lexicon_free(lex);
  }
  if ((lex = compile("edge.json", EDGE_LEXICON))) {
    compare_on_random(lex, 11, 30000);
    vb_lexicon_free(lex);
  }
  if ((lex = compile("nested.json", NESTED_LEXICON))) {
    matched_ = 0;
    compare_on_random(lex, 17, 30000);
    CHECK(matched_ > 3000); /* the comparison is not vacuous */
    vb_lexicon_free(lex);
  }
  if ((lex = compile("round2.json", ROUND2_LEXICON))) {
    snprintf(path, sizeof path, "%s/corpora/sample.csv", src ? src : ".");
    compare_on_corpus(lex, path);
    matched_ = 0;
    compare_on_random(lex, 13, 30000);
    CHECK(matched_ > 3000); /* the comparison is not vacuous */
    vb_lexicon_free(lex);
  }
  return check_exit();
}
