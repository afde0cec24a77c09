/*
 * test_segment.c - ICU word segmentation (English, contractions, numbers,
 * Chinese, Japanese, emoji), sentence and clause numbering, and the
 * Snowball stems the analyzer produces for several languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "check.h"
#include "internal.h"

/* The tokens of text joined by '|'. */
static const char *tokens(vb__analyzer *a, const char *text) {
  static char buf[1024];
  buf[0] = '\0';
  CHECK_INT(vb__analyze(a, text, strlen(text)), VB_OK);
  vb__analyze_sentences(a); /* ASCII text: numbered on demand */
  for (size_t i = 0; i < a->seg.count; i++) {
    size_t len;
    const char *t = vb__token_text(a, i, &len);
    if (i)
      strcat(buf, "|");
    strncat(buf, t, len);
  }
  return buf;
}

static void test_words(void) {
  vb__analyzer a;
  CHECK_INT(vb__analyzer_init(&a, "en", false), VB_OK);
  CHECK_STR(tokens(&a, "I don't like it, 3.5 stars!"),
            "i|don't|like|it|3.5|stars");
  CHECK_STR(tokens(&a, "wi-fi e-mail"), "wi|fi|e|mail");
  CHECK_STR(tokens(&a, "great 😀 app 👍"), "great|app");
  CHECK_STR(tokens(&a, "!!! ... ???"), "");
  /* Chinese and Japanese: split by ICU's dictionary, not left whole */
  tokens(&a, "送货太慢了，客服也不回复");
  CHECK(a.seg.count >= 5);
  tokens(&a, "配送が遅すぎます");
  CHECK(a.seg.count >= 3);
  vb__analyzer_free(&a);
}

static void test_sentences_and_clauses(void) {
  vb__analyzer a;
  vb__analyzer_init(&a, "en", false);
  const char *t = "Shipping was late, support was rude. Never again";
  CHECK_STR(tokens(&a, t), "shipping|was|late|support|was|rude|never|again");
  static const uint32_t sentence[] = {0, 0, 0, 0, 0, 0, 1, 1};
  static const uint32_t clause[] = {0, 0, 0, 1, 1, 1, 2, 2};
  for (size_t i = 0; i < 8 && i < a.seg.count; i++) {
    CHECK_INT(a.seg.toks[i].sentence, sentence[i]);
    CHECK_INT(a.seg.toks[i].clause, clause[i]);
  }
  /* lower case after a full stop still ends a sentence in the original */
  tokens(&a, "It was late. The box was wet");
  CHECK_INT(a.seg.toks[3].sentence, 1);
  /* dashes and line breaks end clauses */
  tokens(&a, "slow \xE2\x80\x94 very slow\nugh");
  CHECK_INT(a.seg.toks[1].clause, 1);
  CHECK_INT(a.seg.toks[3].clause, 2);
  vb__analyzer_free(&a);
}

static const char *stem_of(vb__analyzer *a, const char *word) {
  static char buf[128];
  const char *s;
  size_t len;
  tokens(a, word);
  size_t wl;
  const char *w = vb__token_text(a, 0, &wl);
  CHECK_INT(vb__stem(&a->stemmer, w, wl, &s, &len), VB_OK);
  snprintf(buf, sizeof buf, "%.*s", (int)len, s);
  return buf;
}

static void test_stems(void) {
  static const struct {
    const char *lang, *a, *b;
  } same[] = {
      {"en", "Deliveries", "delivery"},  {"en", "shipped", "shipping"},
      {"fr", "livraisons", "livraison"}, {"de", "Lieferungen", "Lieferung"},
      {"es", "envíos", "envío"},         {"it", "spedizioni", "spedizione"},
      {"pt", "entregas", "entrega"},     {"nl", "leveringen", "levering"},
  };
  for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
    vb__analyzer a;
    CHECK_INT(vb__analyzer_init(&a, same[i].lang, false), VB_OK);
    char first[128];
    snprintf(first, sizeof first, "%s", stem_of(&a, same[i].a));
    CHECK_STR(first, stem_of(&a, same[i].b));
    vb__analyzer_free(&a);
  }
  vb__analyzer a;
  vb__analyzer_init(&a, "en", false);
  CHECK_STR(stem_of(&a, "delivery"), "deliveri");
  CHECK(strcmp(stem_of(&a, "delivered"), "deliveri") != 0);
  vb__analyzer_free(&a);
  vb__analyzer_init(&a, "none", false);
  CHECK_STR(stem_of(&a, "Deliveries"), "deliveries");
  vb__analyzer_free(&a);
  CHECK_INT(vb__analyzer_init(&a, "klingon", false), VB_ELANGUAGE);
}

/* The ASCII fast path must give ICU's tokens and numbering exactly. */
static void compare_segmenters(vb__seg *fast, vb__seg *icu, const char *s,
                               size_t len, size_t *diffs) {
  uint32_t from[600];
  for (size_t i = 0; i <= len; i++)
    from[i] = (uint32_t)i;
  /* every other ASCII text as the analyzer passes it: known to be ASCII
   * (normalize said so), not scanned again */
  static unsigned calls;
  bool ascii = true;
  for (size_t i = 0; i < len; i++)
    ascii &= (unsigned char)s[i] < 0x80;
  bool known = ascii && calls++ % 2;
  CHECK_INT(vb__segment(fast, s, len, s, len, from, known), VB_OK);
  CHECK_INT(vb__segment(icu, s, len, s, len, from, false), VB_OK);
  /* the fast path's clauses come from the gaps alone, its sentences on
   * demand: both must equal ICU's */
  vb__seg_sentences(fast);
  /* what runs_whole promises the pattern prefilter: every run of [a-z0-9]
   * lies inside one token */
  if (fast->runs_whole && vb__seg_runs_split(fast, s, len) && (*diffs)++ < 12)
    fprintf(stderr, "runs_whole, yet a run of \"%.*s\" is not in one token\n",
            (int)len, s);
  bool same = fast->count == icu->count;
  for (size_t i = 0; same && i < fast->count; i++)
    same = memcmp(&fast->toks[i], &icu->toks[i], sizeof fast->toks[i]) == 0;
  if (!same && (*diffs)++ < 12) {
    fprintf(stderr,
            "ASCII segmentation differs from ICU on \"%.*s\":", (int)len, s);
    for (size_t i = 0; i < fast->count; i++)
      fprintf(stderr, " %u-%u s%u c%u", fast->toks[i].ns, fast->toks[i].ne,
              fast->toks[i].sentence, fast->toks[i].clause);
    fputs(" vs ICU", stderr);
    for (size_t i = 0; i < icu->count; i++)
      fprintf(stderr, " %u-%u s%u c%u", icu->toks[i].ns, icu->toks[i].ne,
              icu->toks[i].sentence, icu->toks[i].clause);
    fputc('\n', stderr);
  }
}

/* A segmenter with its fast paths and one that sends all text to ICU. */
static void init_pair(vb__seg *fast, vb__seg *icu) {
  CHECK_INT(vb__seg_init(fast), VB_OK);
  CHECK_INT(vb__seg_init(icu), VB_OK);
  icu->force_icu = true;
}

static void test_ascii_fast_path(void) {
  vb__seg fast, icu;
  init_pair(&fast, &icu);
  size_t diffs = 0;
  /* every pair and triple of the characters the rules care about */
  static const char classes[] = "aZ9_.',;:- \t\r\n$\"!?/@#";
  size_t n = sizeof classes - 1;
  char s[600];
  for (size_t a = 0; a < n; a++)
    for (size_t b = 0; b < n; b++)
      for (size_t c = 0; c < n; c++) {
        s[0] = classes[a], s[1] = classes[b], s[2] = classes[c];
        compare_segmenters(&fast, &icu, s, 3, &diffs);
        s[3] = 'x';
        compare_segmenters(&fast, &icu, s, 4, &diffs);
      }
  /* random text: words, numbers and every ASCII byte */
  unsigned seed = 5;
  for (int k = 0; k < 20000; k++) {
    size_t len = (size_t)(rand_r(&seed) % 80);
    for (size_t i = 0; i < len; i++) {
      int r = rand_r(&seed) % 10, c;
      if (r < 4)
        c = 'a' + rand_r(&seed) % 26;
      else if (r < 6)
        c = '0' + rand_r(&seed) % 10;
      else if (r < 8)
        c = classes[(size_t)rand_r(&seed) % n];
      else
        c = 1 + rand_r(&seed) % 127;
      s[i] = (char)c;
    }
    compare_segmenters(&fast, &icu, s, len, &diffs);
  }
  /* random text with no sentence terminator or line break, which takes
   * the one-sentence path: ICU must find one sentence too */
  static const char no_end[] = "abz AZ09_,;:-'\"\t\v\f/@#$()[]{}*&%~^`<>=+|";
  for (int k = 0; k < 5000; k++) {
    size_t len = (size_t)(rand_r(&seed) % 120);
    for (size_t i = 0; i < len; i++)
      s[i] = no_end[(size_t)rand_r(&seed) % (sizeof no_end - 1)];
    compare_segmenters(&fast, &icu, s, len, &diffs);
  }
  /* random text over the characters the sentence rules care about:
   * terminators, closing punctuation, spaces, separators, both cases */
  static const char sentence_chars[] = "aqZQ09.!?\"'()[] \t\v\f\r\n,:;-#_";
  for (int k = 0; k < 100000; k++) {
    size_t len = (size_t)(rand_r(&seed) % 24);
    for (size_t i = 0; i < len; i++)
      s[i] =
          sentence_chars[(size_t)rand_r(&seed) % (sizeof sentence_chars - 1)];
    compare_segmenters(&fast, &icu, s, len, &diffs);
  }
  /* the sample corpus, line by line (lower-cased, as the matcher sees it) */
  char path[1024];
  const char *src = getenv("VB_SOURCE_DIR");
  snprintf(path, sizeof path, "%s/corpora/sample.csv", src ? src : ".");
  FILE *f = fopen(path, "r");
  CHECK(f != NULL);
  size_t lines = 0;
  while (f && fgets(s, sizeof s, f)) {
    size_t len = strlen(s);
    bool ascii = true;
    for (size_t i = 0; i < len; i++)
      ascii &= (unsigned char)s[i] < 0x80;
    if (ascii) { /* as written (sentences need case), then lower-cased */
      compare_segmenters(&fast, &icu, s, len, &diffs);
      for (size_t i = 0; i < len; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
          s[i] = (char)(s[i] + 32);
      compare_segmenters(&fast, &icu, s, len, &diffs);
      lines++;
    }
  }
  if (f)
    fclose(f);
  CHECK(lines > 4000);
  CHECK_INT(diffs, 0);
  vb__seg_free(&fast);
  vb__seg_free(&icu);
}

/* Text that is not all ASCII is split at ASCII blanks, and only the
 * chunks with non-ASCII characters go through ICU: the words must be
 * ICU's over the whole text, whatever stands next to the blanks.  Its
 * sentences, numbered on demand when the gaps give the clauses, must be
 * ICU's too, with terminators of other scripts and '.' inside words. */
static void test_chunked_words(void) {
  vb__seg fast, icu;
  init_pair(&fast, &icu);
  static const char *const pieces[] = {
      "a",
      "Zq",
      "9",
      "_",
      ".",
      "'",
      ",",
      ";",
      ":",
      "-",
      " ",
      " ",
      "\t",
      "\r",
      "\n",
      "\"",
      "!",
      "?",
      "@",
      "#",
      "3.5",
      "\xC3\xA9",                 /* e acute */
      "\xCC\x81",                 /* combining acute (Extend) */
      "\xE2\x80\x8D",             /* zero width joiner */
      "\xC2\xAD",                 /* soft hyphen (Format) */
      "\xE2\x80\x8B",             /* zero width space */
      "\xF0\x9F\x91\x8D",         /* thumbs up */
      "\xF0\x9F\x8F\xBB",         /* skin tone (Extend) */
      "\xEF\xB8\x8F",             /* variation selector 16 (Extend) */
      "\xF0\x9F\x87\xBA",         /* regional indicator U */
      "\xE9\x80\x80\xE8\xB4\xA7", /* Chinese */
      "\xE3\x81\xA8\xE3\x81\xA6", /* hiragana */
      "\xEF\xBC\xB3",             /* fullwidth S */
      "\xE2\x80\x99",             /* right single quote (MidNumLet) */
      "\xE2\x80\x9C",             /* left double quote */
      "\xC2\xB7",                 /* middle dot (MidLetter) */
      "\xD7\x90",                 /* Hebrew alef */
      "\xD9\xA1",                 /* Arabic-Indic one */
      "\xE3\x80\x80",             /* ideographic space */
      "\xC2\xA0",                 /* no-break space */
      "\xE0\xB8\x81",             /* Thai ko kai */
      "\xEF\xBC\x8C",             /* fullwidth comma */
      "\xE2\x80\xA6",             /* ellipsis */
      "\xE3\x80\x82",             /* ideographic full stop (STerm) */
      "\xEF\xBC\x81",             /* fullwidth exclamation (STerm) */
      "\xEF\xBC\x8E",             /* fullwidth full stop (ATerm) */
      "\xD8\x9F",                 /* Arabic question mark (STerm) */
      "\xE2\x80\xBC",             /* double exclamation (STerm) */
      "\xE2\x80\xA8",             /* line separator (Sep) */
      "\xC2\x85",                 /* next line (Sep) */
      "\xC2\xBB",                 /* right guillemet (Close) */
      "\xF0\x96\xBF\xA4",         /* Khitan filler: a word after ! ? */
      "N",
  };
  size_t npieces = sizeof pieces / sizeof *pieces, diffs = 0;
  unsigned seed = 11;
  char s[600];
  for (int k = 0; k < 50000; k++) {
    size_t len = 0, n = (size_t)(rand_r(&seed) % 24);
    for (size_t i = 0; i < n; i++) {
      const char *p = pieces[(size_t)rand_r(&seed) % npieces];
      size_t pl = strlen(p);
      memcpy(s + len, p, pl);
      len += pl;
    }
    compare_segmenters(&fast, &icu, s, len, &diffs);
  }
  CHECK_INT(diffs, 0);
  vb__seg_free(&fast);
  vb__seg_free(&icu);
}

/* Chunks with no word are skipped (segment.c's no_words): for every code
 * point, a chunk of it twice and a '.' must give ICU's tokens. */
static void test_every_code_point(void) {
  vb__seg fast, icu;
  init_pair(&fast, &icu);
  size_t diffs = 0;
  for (UChar32 c = 0x80; c <= 0x10FFFF; c++) {
    if (U_IS_SURROGATE(c))
      continue;
    char s[16] = "a ";
    int32_t len = 2;
    U8_APPEND_UNSAFE(s, len, c);
    U8_APPEND_UNSAFE(s, len, c);
    s[len++] = '.';
    compare_segmenters(&fast, &icu, s, (size_t)len, &diffs);
  }
  CHECK_INT(diffs, 0);
  vb__seg_free(&fast);
  vb__seg_free(&icu);
}

int main(void) {
  test_ascii_fast_path();
  test_chunked_words();
  test_every_code_point();
  test_words();
  test_sentences_and_clauses();
  test_stems();
  return check_exit();
}
