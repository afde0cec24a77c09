/*
 * gen_corpus.c -- deterministic synthetic NPS survey corpus generator.
 *
 *   verbatim-gen-corpus [--rows N] [--seed S] [--non-ascii FRACTION]
 *                       [--empty FRACTION] [--lang-column] [-o FILE]
 *
 * The bundled sample corpus was produced with exactly:
 *
 *   verbatim-gen-corpus --rows 5000 --seed 42 -o corpora/sample.csv
 *
 * and its SHA-256 is (corpora/README.md says the same; CTest
 * corpus.sample_hash checks both against a fresh run):
 *
 *   e8c11fae92ec4f4eae0c1a136dcb671158f4cf727d79dd7c0da44b535e896bf0
 *
 * Output: CSV (RFC 4180, LF line endings) with the header
 * `id,date,region,plan,score,comment`.  A field is quoted only when it
 * contains a comma, a double quote, CR or LF; inner quotes are doubled.
 * --lang-column adds a last column `lang`: the language the comment was
 * written in (`en`, or the code of LANGS below), `und` for emoji-only,
 * empty and whitespace-only comments.  It is the truth the language
 * detection benchmark (bench/detect/) scores against; it draws nothing
 * from the PRNG, so the other columns are the same with or without it.
 *
 * Determinism: the same arguments give byte-identical output on any machine.
 * The generator uses its own PRNG (xoshiro256** seeded by splitmix64), no
 * floating point at all (fractions are parsed into integer parts per
 * billion), no locale, no clock.  Rows are generated one after another from
 * one stream and nothing depends on --rows, so the first N rows of a larger
 * corpus equal the corpus of N rows with the same seed and fractions.
 *
 * Comments are built from a small template grammar, bench/grammar.txt
 * (its format is described at its top), compiled into this program at
 * build time by cmake/embed.cmake: `{a|b|c}` picks one alternative
 * uniformly, `<name>` expands a named rule (a list of alternatives).
 * Everything else is literal text.  The file also lists the themes (each
 * labelled with its id in lexicons/default.json, checked by CTest
 * corpus.themes_agree) and the typos.  This file keeps only the engine:
 * the PRNG, the grammar's loader and expander, and the row model below.
 * English rules are ASCII-only (checked at start-up); non-ASCII enters
 * only through the non-ASCII path (foreign-language comments, emoji, smart
 * punctuation, accented words, currency signs, full-width letters), so
 * --non-ascii controls that share precisely.
 *
 * Row model (expected shares):
 *   - score: 1% unscored (empty field); otherwise 25% detractors (0-6),
 *     30% passives (7-8), 45% promoters (9-10).  The comment's tone follows
 *     the score (an unscored row keeps the mood of the score it drew).
 *   - comment: --empty of all rows are empty; 0.6% of the others are
 *     whitespace only; --non-ascii of the remaining (non-blank) comments
 *     contain non-ASCII; 1% of non-blank comments span several lines (12%
 *     of those with CRLF line breaks inside the field); 7% of English
 *     comments get typos; detractors sometimes rant in ALL CAPS.
 *   - date uniform over 2024-01-01 .. 2025-12-31; region and plan weighted
 *     (region follows the language of a non-English comment).
 *
 * C11, libc only.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* PRNG: xoshiro256** seeded with splitmix64                                */
/* ------------------------------------------------------------------------ */

typedef struct {
  uint64_t s[4];
} rng_t;

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static void rng_seed(rng_t *r, uint64_t seed) {
  uint64_t x = seed;
  int i;
  for (i = 0; i < 4; i++)
    r->s[i] = splitmix64(&x);
}

static uint64_t rng_next(rng_t *r) {
  uint64_t *s = r->s;
  uint64_t result = rotl64(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45);
  return result;
}

/* Uniform-enough integer in [0, n), n < 2^32 (multiply-shift). */
static uint32_t rng_below(rng_t *r, uint32_t n) {
  return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct/100. */
static int pct(rng_t *r, uint32_t p) { return rng_below(r, 100) < p; }

/* True with probability ppb/1e9. */
static int ppb_hit(rng_t *r, uint32_t ppb) {
  return rng_below(r, 1000000000u) < ppb;
}

static uint32_t pick_w(rng_t *r, const uint16_t *w, uint32_t n) {
  uint32_t total = 0, i, x;
  for (i = 0; i < n; i++)
    total += w[i];
  x = rng_below(r, total);
  for (i = 0; i < n; i++) {
    if (x < w[i])
      return i;
    x -= w[i];
  }
  return n - 1;
}

/* ------------------------------------------------------------------------ */
/* Text buffers                                                             */
/* ------------------------------------------------------------------------ */

#define SB_CAP 16384

typedef struct {
  char p[SB_CAP];
  size_t n;
  int full; /* a write did not fit: the caller drops the partial piece */
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->n + n > SB_CAP) {
    b->full = 1;
    return;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
}

static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_putc(sbuf *b, char c) { sb_put(b, &c, 1); }

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(char c) { return is_upper(c) || is_lower(c); }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static char to_upper(char c) { return is_lower(c) ? (char)(c - 'a' + 'A') : c; }

static int has_non_ascii(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 1;
  return 0;
}

/* Checks that s is valid UTF-8 (no overlongs, surrogates, > U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len, k;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return 0;
    }
    if (i + len > n)
      return 0;
    for (k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += len;
  }
  return 1;
}

/* ------------------------------------------------------------------------ */
/* The grammar file: bench/grammar.txt, embedded at build time              */
/* ------------------------------------------------------------------------ */

/* The bytes of bench/grammar.txt (cmake/embed.cmake; NUL-terminated). */
extern const unsigned char vb_gen_grammar[];
extern const size_t vb_gen_grammar_len;

#define GRAMMAR_FILE "bench/grammar.txt"
#define MAX_THEMES 32 /* the themes a comment used are a 32-bit set */
#define MAX_TYPOS 255 /* typo indexes are bytes */
#define TYPO_MAXLEN 32
#define MAX_FIELDS 16

typedef struct {
  const char *name;
  uint32_t first, n; /* its alternatives: g_alts[first .. first + n) */
  uint32_t line;     /* of its [name] */
} rule_def;

typedef struct {
  const char *text; /* unescaped, NUL-terminated */
  uint32_t line;
} alt_def;

/* A theme: rules <prefix>_neg, <prefix>_pos (short statements) and
 * <prefix>_xneg, <prefix>_xpos (longer stories). */
typedef struct {
  const char *prefix;
  uint16_t weight;
} theme_def;

typedef struct {
  const char *from, *to;
  uint8_t pct;
} typo_def;

static char *g_text; /* a writable copy of the file; all names point here */
static rule_def *g_rules;
static uint32_t g_nrules, g_caprules;
static alt_def *g_alts;
static uint32_t g_nalts, g_capalts;
static theme_def g_themes[MAX_THEMES];
static uint32_t g_nthemes;
static typo_def g_typos[MAX_TYPOS];
static uint32_t g_ntypos;

static _Noreturn void die(const char *msg) {
  fprintf(stderr, "verbatim-gen-corpus: %s\n", msg);
  exit(1);
}

/* Prints "FILE:LINE: why: text" (no LINE when 0, no text when NULL) and
 * exits 70: the grammar is part of the program, so an error in it is an
 * internal one. */
static _Noreturn void grammar_error(uint32_t line, const char *why,
                                    const char *text) {
  fprintf(stderr, "verbatim-gen-corpus: %s:", GRAMMAR_FILE);
  if (line)
    fprintf(stderr, "%u:", (unsigned)line);
  fprintf(stderr, " %s%s%s\n", why, text ? ": " : "", text ? text : "");
  exit(70);
}

/* Returns p (n elements of size `size` used, *cap allocated) with room
 * for one more. */
static void *grow(void *p, uint32_t n, uint32_t *cap, size_t size) {
  if (n < *cap)
    return p;
  *cap = *cap ? *cap * 2 : 1024;
  p = realloc(p, *cap * size);
  if (!p)
    die("out of memory");
  return p;
}

/* Rewrites the escapes of an alternative in place (\s \t \n \r \\ \# \[
 * \@). */
static void unescape(char *s, uint32_t line) {
  static const char from[] = "stnr\\#[@", to[] = " \t\n\r\\#[@";
  char *w = s;
  const char *p = s, *e;
  for (; *p; p++) {
    if (*p != '\\') {
      *w++ = *p;
      continue;
    }
    e = p[1] ? strchr(from, p[1]) : NULL;
    if (!e)
      grammar_error(line, "unknown escape (the file's top lists them)", s);
    *w++ = to[e - from];
    p++;
  }
  *w = '\0';
}

/* Splits s in place at runs of spaces; returns the number of fields. */
static uint32_t split_fields(char *s, char **f) {
  uint32_t n = 0;
  while (*s) {
    while (*s == ' ')
      *s++ = '\0';
    if (!*s)
      break;
    if (n == MAX_FIELDS)
      return n + 1;
    f[n++] = s;
    while (*s && *s != ' ')
      s++;
  }
  return n;
}

/* Parses a whole number from lo to hi, or fails with the line. */
static uint32_t number(const char *s, uint32_t lo, uint32_t hi, uint32_t line) {
  uint32_t v = 0;
  const char *p = s;
  for (; *p >= '0' && *p <= '9' && v <= hi; p++)
    v = v * 10 + (uint32_t)(*p - '0');
  if (p == s || *p || v < lo || v > hi)
    grammar_error(line, "not a number in range", s);
  return v;
}

static void add_theme(char **f, uint32_t nf, uint32_t line) {
  if (nf != 4)
    grammar_error(line, "@theme takes PREFIX LEXICON-ID WEIGHT", NULL);
  if (g_nthemes == MAX_THEMES)
    grammar_error(line, "too many themes", NULL);
  g_themes[g_nthemes].prefix = f[1];
  g_themes[g_nthemes].weight = (uint16_t)number(f[3], 1, 10000, line);
  g_nthemes++; /* f[2], the lexicon id, is a label for tests/corpus */
}

static void add_typo(char **f, uint32_t nf, uint32_t line) {
  size_t k, len;
  if (nf != 4)
    grammar_error(line, "@typo takes FROM TO PERCENT", NULL);
  if (g_ntypos == MAX_TYPOS)
    grammar_error(line, "too many typos", NULL);
  len = strlen(f[1]);
  for (k = 0; k < len; k++)
    if (!is_alpha(f[1][k]) && f[1][k] != '\'')
      grammar_error(line, "a typo's FROM is one word", f[1]);
  if (len >= TYPO_MAXLEN)
    grammar_error(line, "typo word too long", f[1]);
  if (has_non_ascii(f[2], strlen(f[2])))
    grammar_error(line, "typos go into English text: ASCII only", f[2]);
  g_typos[g_ntypos].from = f[1];
  g_typos[g_ntypos].to = f[2];
  g_typos[g_ntypos].pct = (uint8_t)number(f[3], 0, 100, line);
  g_ntypos++;
}

static uint32_t rule_index(const char *nm, size_t len) {
  uint32_t i;
  for (i = 0; i < g_nrules; i++)
    if (strlen(g_rules[i].name) == len && memcmp(g_rules[i].name, nm, len) == 0)
      return i;
  return UINT32_MAX;
}

/* "[name]": starts a rule. */
static void add_rule(char *s, uint32_t line) {
  size_t len = strlen(s), k;
  if (len < 3 || s[len - 1] != ']')
    grammar_error(line, "a rule header is [name]", s);
  for (k = 1; k < len - 1; k++)
    if (!is_alpha(s[k]) && s[k] != '_' && !(s[k] >= '0' && s[k] <= '9'))
      grammar_error(line, "a rule name is letters, digits and _", s);
  s[len - 1] = '\0';
  if (rule_index(s + 1, len - 2) != UINT32_MAX)
    grammar_error(line, "rule defined twice", s + 1);
  g_rules = grow(g_rules, g_nrules, &g_caprules, sizeof *g_rules);
  g_rules[g_nrules].name = s + 1;
  g_rules[g_nrules].first = g_nalts;
  g_rules[g_nrules].n = 0;
  g_rules[g_nrules].line = line;
  g_nrules++;
}

static void add_alt(char *s, uint32_t line, int in_rule) {
  size_t len = strlen(s);
  if (!in_rule)
    grammar_error(line, "text outside a rule", s);
  if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
    grammar_error(line, "space or tab at the start or end (write \\s or \\t)",
                  s);
  unescape(s, line);
  g_alts = grow(g_alts, g_nalts, &g_capalts, sizeof *g_alts);
  g_alts[g_nalts].text = s;
  g_alts[g_nalts].line = line;
  g_nalts++;
  g_rules[g_nrules - 1].n++;
}

/* Reads the embedded file into rules, alternatives, themes and typos. */
static void grammar_load(void) {
  char *s, *nl, *f[MAX_FIELDS];
  uint32_t line = 0, nf;
  int in_rule = 0;
  g_text = malloc(vb_gen_grammar_len + 1);
  if (!g_text)
    die("out of memory");
  memcpy(g_text, vb_gen_grammar, vb_gen_grammar_len);
  g_text[vb_gen_grammar_len] = '\0';
  if (strlen(g_text) != vb_gen_grammar_len)
    grammar_error(1, "NUL byte in the file", NULL);
  if (!utf8_valid((const unsigned char *)g_text, vb_gen_grammar_len))
    grammar_error(1, "the file is not valid UTF-8", NULL);
  for (s = g_text; *s; s = nl + 1) {
    size_t k;
    line++;
    nl = strchr(s, '\n');
    if (!nl)
      grammar_error(line, "the last line has no line feed", NULL);
    *nl = '\0';
    for (k = 0; s[k]; k++)
      if ((unsigned char)s[k] < 0x20 && s[k] != '\t')
        grammar_error(line, "control character (write \\n or \\r)", NULL);
    if (s[0] == '\0' || s[0] == '#')
      continue;
    if (s[0] == '[') {
      add_rule(s, line);
      in_rule = 1;
      continue;
    }
    if (s[0] != '@') {
      add_alt(s, line, in_rule);
      continue;
    }
    in_rule = 0;
    nf = split_fields(s, f);
    if (nf > MAX_FIELDS)
      grammar_error(line, "too many fields", NULL);
    if (strcmp(f[0], "@theme") == 0)
      add_theme(f, nf, line);
    else if (strcmp(f[0], "@typo") == 0)
      add_typo(f, nf, line);
    else if (strcmp(f[0], "@untargeted") != 0) /* a label for tests/corpus */
      grammar_error(line, "unknown directive", f[0]);
  }
}

/* ------------------------------------------------------------------------ */
/* Grammar compiler                                                         */
/* ------------------------------------------------------------------------ */

enum { G_LIT, G_SEQ, G_ALT, G_REF };

typedef struct {
  uint32_t kind;
  uint32_t n;     /* LIT: length; SEQ/ALT: child count */
  uint32_t first; /* SEQ/ALT: index into g_kids; REF: rule index */
  const char *s;  /* LIT: text (points into the template) */
} gnode;

static gnode *g_nodes;
static uint32_t g_nnodes, g_capnodes;
static uint32_t *g_kids;
static uint32_t g_nkids, g_capkids;
static uint32_t *g_rule_node; /* per rule: the node it expands */

static uint32_t g_new(uint32_t kind, uint32_t n, uint32_t first,
                      const char *s) {
  g_nodes = grow(g_nodes, g_nnodes, &g_capnodes, sizeof *g_nodes);
  g_nodes[g_nnodes].kind = kind;
  g_nodes[g_nnodes].n = n;
  g_nodes[g_nnodes].first = first;
  g_nodes[g_nnodes].s = s;
  return g_nnodes++;
}

/* Appends children to g_kids contiguously; returns the first index. */
static uint32_t g_put_kids(const uint32_t *k, uint32_t n) {
  uint32_t first = g_nkids, i;
  for (i = 0; i < n; i++) {
    g_kids = grow(g_kids, g_nkids, &g_capkids, sizeof *g_kids);
    g_kids[g_nkids++] = k[i];
  }
  return first;
}

#define MAX_SEQ 64

static uint32_t parse_seq(const alt_def *a, const char **pp);

static uint32_t parse_alt(const alt_def *a, const char **pp) {
  uint32_t kids[MAX_SEQ], nk = 0;
  for (;;) {
    uint32_t k = parse_seq(a, pp);
    if (nk == MAX_SEQ)
      grammar_error(a->line, "too many alternatives", a->text);
    kids[nk++] = k;
    if (**pp == '|') {
      (*pp)++;
      continue;
    }
    if (**pp == '}') {
      (*pp)++;
      break;
    }
    grammar_error(a->line, "unclosed {", a->text);
  }
  if (nk == 1)
    return kids[0];
  return g_new(G_ALT, nk, g_put_kids(kids, nk), NULL);
}

static uint32_t parse_seq(const alt_def *a, const char **pp) {
  uint32_t kids[MAX_SEQ], nk = 0;
  const char *p = *pp;
  for (;;) {
    uint32_t k = 0;
    char c = *p;
    if (c == '\0' || c == '|' || c == '}')
      break;
    if (c == '{') {
      p++;
      k = parse_alt(a, &p);
    } else if (c == '<') {
      const char *e = strchr(p, '>');
      uint32_t ri;
      if (!e)
        grammar_error(a->line, "unclosed <", a->text);
      ri = rule_index(p + 1, (size_t)(e - p - 1));
      if (ri == UINT32_MAX)
        grammar_error(a->line, "unknown rule", a->text);
      k = g_new(G_REF, 0, ri, NULL);
      p = e + 1;
    } else if (c == '>') {
      grammar_error(a->line, "stray >", a->text);
    } else {
      const char *s = p;
      while (*p && *p != '{' && *p != '}' && *p != '|' && *p != '<' &&
             *p != '>')
        p++;
      k = g_new(G_LIT, (uint32_t)(p - s), 0, s);
    }
    if (nk == MAX_SEQ)
      grammar_error(a->line, "sequence too long", a->text);
    kids[nk++] = k;
  }
  *pp = p;
  if (nk == 0)
    return g_new(G_LIT, 0, 0, "");
  if (nk == 1)
    return kids[0];
  return g_new(G_SEQ, nk, g_put_kids(kids, nk), NULL);
}

/* Rules whose text may contain non-ASCII; all others must be pure ASCII. */
static int rule_may_be_non_ascii(const char *nm) {
  static const char *const prefixes[] = {"nx_", "fr_", "es_", "de_", "it_",
                                         "pt_", "nl_", "zh_", "ja_"};
  size_t i;
  for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
    if (strncmp(nm, prefixes[i], 3) == 0)
      return 1;
  return 0;
}

/* Compiles every rule into nodes (after grammar_load). */
static void grammar_init(void) {
  uint32_t i, j;
  g_rule_node = malloc((g_nrules ? g_nrules : 1) * sizeof *g_rule_node);
  if (!g_rule_node)
    die("out of memory");
  for (i = 0; i < g_nrules; i++) {
    uint32_t kids[MAX_SEQ * 4], nk = 0;
    const rule_def *rd = &g_rules[i];
    for (j = rd->first; j < rd->first + rd->n; j++) {
      const alt_def *a = &g_alts[j];
      const char *p = a->text;
      if (!rule_may_be_non_ascii(rd->name) && has_non_ascii(p, strlen(p)))
        grammar_error(a->line, "non-ASCII text in an ASCII-only rule", p);
      if (nk == sizeof kids / sizeof kids[0])
        grammar_error(a->line, "too many alternatives in rule", rd->name);
      kids[nk++] = parse_seq(a, &p);
      if (*p != '\0')
        grammar_error(a->line, "unbalanced | or }", a->text);
    }
    if (nk == 0)
      grammar_error(rd->line, "rule without alternatives", rd->name);
    g_rule_node[i] =
        nk == 1 ? kids[0] : g_new(G_ALT, nk, g_put_kids(kids, nk), NULL);
  }
  /* Point children straight at the rules they reference (one dispatch less
   * per reference; rule nodes are never references themselves). */
  for (i = 0; i < g_nkids; i++)
    if (g_nodes[g_kids[i]].kind == G_REF)
      g_kids[i] = g_rule_node[g_nodes[g_kids[i]].first];
}

static void expand_node(rng_t *r, uint32_t ni, sbuf *b) {
  const gnode *g = &g_nodes[ni];
  const gnode *c;
  uint32_t k;
  switch (g->kind) {
  case G_LIT:
    sb_put(b, g->s, g->n);
    break;
  case G_SEQ:
    for (k = 0; k < g->n; k++) {
      c = &g_nodes[g_kids[g->first + k]];
      if (c->kind == G_LIT) /* most children: no call */
        sb_put(b, c->s, c->n);
      else
        expand_node(r, g_kids[g->first + k], b);
    }
    break;
  case G_ALT:
    k = g_kids[g->first + rng_below(r, g->n)];
    c = &g_nodes[k];
    if (c->kind == G_LIT)
      sb_put(b, c->s, c->n);
    else
      expand_node(r, k, b);
    break;
  default: /* G_REF */
    expand_node(r, g_rule_node[g->first], b);
    break;
  }
}

static uint32_t rule_id(const char *nm) {
  uint32_t i = rule_index(nm, strlen(nm));
  if (i == UINT32_MAX)
    grammar_error(0, "the generator needs a rule the file lacks", nm);
  return i;
}

static void expand_rule(rng_t *r, uint32_t rule, sbuf *b) {
  expand_node(r, g_rule_node[rule], b);
}

/* Like expand_rule, but avoids the top-level alternatives set in *used (when
 * it can) and records the one it took. */
static void expand_rule_fresh(rng_t *r, uint32_t rule, uint32_t *used,
                              sbuf *b) {
  const gnode *g = &g_nodes[g_rule_node[rule]];
  uint32_t k, tries = 0;
  if (g->kind != G_ALT) {
    expand_node(r, g_rule_node[rule], b);
    return;
  }
  do
    k = rng_below(r, g->n);
  while (k < 32 && (*used >> k & 1u) && ++tries < 8);
  if (k < 32)
    *used |= 1u << k;
  expand_node(r, g_kids[g->first + k], b);
}

/* ------------------------------------------------------------------------ */
/* Comment composition                                                      */
/* ------------------------------------------------------------------------ */

enum { T_NEG, T_POS, T_MID };
enum { C_DET, C_PAS, C_PRO }; /* detractor 0-6, passive 7-8, promoter 9-10 */

/* The themes come from the grammar's @theme lines (g_themes).  Promoters'
 * rare complaints are mostly wishes: the theme with this prefix. */
#define WISH_THEME "feat"

typedef struct {
  const char *code;
  uint16_t weight;                    /* share within the non-ASCII path */
  uint16_t region_w[4];               /* NA, EMEA, APAC, LATAM */
  int cjk;                            /* 1: zh, 2: ja */
  uint32_t neg, pos, mid, sneg, spos; /* resolved rule ids */
} lang_def;

static lang_def LANGS[] = {
    {"fr", 8, {20, 80, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"es", 9, {10, 30, 0, 60}, 0, 0, 0, 0, 0, 0},
    {"de", 8, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"it", 5, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"pt", 6, {0, 30, 0, 70}, 0, 0, 0, 0, 0, 0},
    {"nl", 4, {0, 100, 0, 0}, 0, 0, 0, 0, 0, 0},
    {"zh", 3, {5, 0, 95, 0}, 1, 0, 0, 0, 0, 0},
    {"ja", 2, {0, 0, 100, 0}, 2, 0, 0, 0, 0, 0},
};
#define NLANGS (sizeof LANGS / sizeof LANGS[0])
/* Non-ASCII path: English decorated (index NLANGS), emoji-only (NLANGS+1). */
static const uint16_t NX_KIND_W[NLANGS + 2] = {8, 9, 8, 5, 6, 4, 3, 2, 51, 4};

static uint32_t th_neg[MAX_THEMES], th_pos[MAX_THEMES], th_xneg[MAX_THEMES],
    th_xpos[MAX_THEMES], g_wish_theme;
static uint32_t R_gen_neg, R_gen_pos, R_gen_mid, R_gen_xneg, R_gen_xpos,
    R_open_neg, R_open_pos, R_open_mid, R_close_neg, R_close_pos, R_close_mid,
    R_short_neg, R_short_pos, R_short_mid, R_bul_pos, R_bul_neg, R_blanks,
    R_emo_neg, R_emo_pos, R_emo_mid, R_acc_neg, R_acc_pos, R_acc_mid, R_cur_neg,
    R_cur_pos;

/* The rule named prefix + suffix ("ship" "_neg"). */
static uint32_t rule_of(const char *prefix, const char *suffix) {
  char buf[64];
  if (strlen(prefix) + strlen(suffix) >= sizeof buf)
    grammar_error(0, "prefix too long", prefix);
  strcpy(buf, prefix);
  strcat(buf, suffix);
  return rule_id(buf);
}

static void content_init(void) {
  size_t i;
  grammar_load();
  grammar_init();
  g_wish_theme = UINT32_MAX;
  for (i = 0; i < g_nthemes; i++) {
    th_neg[i] = rule_of(g_themes[i].prefix, "_neg");
    th_pos[i] = rule_of(g_themes[i].prefix, "_pos");
    th_xneg[i] = rule_of(g_themes[i].prefix, "_xneg");
    th_xpos[i] = rule_of(g_themes[i].prefix, "_xpos");
    if (strcmp(g_themes[i].prefix, WISH_THEME) == 0)
      g_wish_theme = (uint32_t)i;
  }
  if (g_wish_theme == UINT32_MAX)
    grammar_error(0, "no @theme " WISH_THEME, NULL);
  R_gen_neg = rule_id("gen_neg");
  R_gen_pos = rule_id("gen_pos");
  R_gen_mid = rule_id("gen_mid");
  R_gen_xneg = rule_id("gen_xneg");
  R_gen_xpos = rule_id("gen_xpos");
  R_open_neg = rule_id("open_neg");
  R_open_pos = rule_id("open_pos");
  R_open_mid = rule_id("open_mid");
  R_close_neg = rule_id("close_neg");
  R_close_pos = rule_id("close_pos");
  R_close_mid = rule_id("close_mid");
  R_short_neg = rule_id("short_neg");
  R_short_pos = rule_id("short_pos");
  R_short_mid = rule_id("short_mid");
  R_bul_pos = rule_id("bul_pos");
  R_bul_neg = rule_id("bul_neg");
  R_blanks = rule_id("blanks");
  R_emo_neg = rule_id("nx_emoji_neg");
  R_emo_pos = rule_id("nx_emoji_pos");
  R_emo_mid = rule_id("nx_emoji_mid");
  R_acc_neg = rule_id("nx_acc_neg");
  R_acc_pos = rule_id("nx_acc_pos");
  R_acc_mid = rule_id("nx_acc_mid");
  R_cur_neg = rule_id("nx_cur_neg");
  R_cur_pos = rule_id("nx_cur_pos");
  for (i = 0; i < NLANGS; i++) {
    LANGS[i].neg = rule_of(LANGS[i].code, "_neg");
    LANGS[i].pos = rule_of(LANGS[i].code, "_pos");
    LANGS[i].mid = rule_of(LANGS[i].code, "_mid");
    LANGS[i].sneg = rule_of(LANGS[i].code, "_sneg");
    LANGS[i].spos = rule_of(LANGS[i].code, "_spos");
  }
}

static int pick_tone(rng_t *r, int cls, int score, int idx, int prev) {
  uint32_t x = rng_below(r, 100);
  switch (cls) {
  case C_DET:
    if (score >= 0 && score <= 3)
      return x < 92 ? T_NEG : (x < 96 ? T_POS : T_MID);
    return x < 80 ? T_NEG : (x < 92 ? T_POS : T_MID);
  case C_PAS:
    if (idx == 0)
      return x < 50 ? T_POS : (x < 85 ? T_NEG : T_MID);
    if (prev == T_POS)
      return x < 65 ? T_NEG : (x < 90 ? T_POS : T_MID);
    return x < 55 ? T_POS : (x < 85 ? T_NEG : T_MID);
  default:
    return x < 88 ? T_POS : (x < 96 ? T_NEG : T_MID);
  }
}

static uint32_t tone_rule(int tone, uint32_t neg, uint32_t pos, uint32_t mid) {
  return tone == T_NEG ? neg : tone == T_POS ? pos : mid;
}

static int cls_tone(int cls) {
  return cls == C_DET ? T_NEG : cls == C_PRO ? T_POS : T_MID;
}

static int ends_with_punct(const char *s, size_t n) {
  if (n == 0)
    return 0;
  return s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?' ||
         s[n - 1] == ':';
}

/* Lower-cases the first letter of s when it is safe ("The" -> "the", but not
 * "I", "I'm", "UPS", "UI"). */
static void lower_first(char *s, size_t n) {
  if (n >= 2 && is_upper(s[0]) && is_lower(s[1]))
    s[0] = to_lower(s[0]);
  else if (n >= 3 && s[0] == 'A' && s[1] == ' ' && is_lower(s[2]))
    s[0] = 'a';
}

#define MAX_SENT 20
#define MAX_COMMENT 560 /* bytes of sentence text; keeps comments <= ~600 */
#define XSTORY_ONLY 12  /* % of theme sentences told only as a story */
#define XSTORY_PCT 55   /* % of theme sentences with a story (incl. only) */

typedef struct {
  size_t off, len;
  int tone;
} span;

enum { P_FORMAL, P_EXCITED, P_CASUAL, P_DOTS };
static const uint16_t PSTYLE_W[] = {62, 13, 18, 7};
static const uint16_t NSENT_W[] = {0, 22, 29, 22, 13, 8, 4, 2};

static const char *end_punct(rng_t *r, int style, int tone) {
  static const char *const any[] = {".", "!", "...", ""};
  if (pct(r, 10))
    return any[rng_below(r, 4)];
  switch (style) {
  case P_EXCITED:
    if (tone == T_MID)
      return ".";
    {
      uint32_t x = rng_below(r, 10);
      return x < 7 ? "!" : x < 9 ? "!!" : "!!!";
    }
  case P_CASUAL:
    return "";
  case P_DOTS:
    return "...";
  default:
    return ".";
  }
}

/* Appends the sentence at sp (text in src) with its punctuation. */
static void put_sentence(sbuf *out, const sbuf *src, const span *sp,
                         const char *punct) {
  sb_put(out, src->p + sp->off, sp->len);
  if (!ends_with_punct(src->p + sp->off, sp->len))
    sb_puts(out, punct);
}

static sbuf s_parts; /* scratch: sentences of the comment being built */

/* Expands one rule into s_parts and records it as a span. */
static int add_part(rng_t *r, uint32_t rule, int tone, span *sp, int *n) {
  size_t start = s_parts.n;
  if (*n >= MAX_SENT)
    return 0;
  expand_rule(r, rule, &s_parts);
  if (s_parts.full || s_parts.n > MAX_COMMENT) {
    s_parts.full = 0;
    s_parts.n = start;
    return 0;
  }
  sp[*n].off = start;
  sp[*n].len = s_parts.n - start;
  sp[*n].tone = tone;
  (*n)++;
  return 1;
}

static void compose_bullets(rng_t *r, int cls, sbuf *out) {
  const char *bullet = pct(r, 75) ? "- " : "* ";
  const char *nl = pct(r, 12) ? "\r\n" : "\n";
  uint32_t i, k;
  if (cls == C_PAS || pct(r, 30)) {
    sb_puts(out, "Pros:");
    for (i = 0, k = 1 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, R_bul_pos, out);
    }
    sb_puts(out, nl);
    sb_puts(out, "Cons:");
    for (i = 0, k = 1 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, R_bul_neg, out);
    }
  } else {
    uint32_t list = cls == C_DET ? R_bul_neg : R_bul_pos;
    uint32_t lead = cls == C_DET ? R_open_neg : R_open_pos;
    expand_rule(r, lead, out);
    sb_puts(out, ":");
    for (i = 0, k = 2 + rng_below(r, 3); i < k; i++) {
      sb_puts(out, nl);
      sb_puts(out, bullet);
      expand_rule(r, list, out);
    }
  }
}

/* Composes an English (ASCII) comment. */
static void compose_english(rng_t *r, int cls, int score, int multiline,
                            sbuf *out) {
  span sp[MAX_SENT];
  int n = 0, i, nsent, style, prev = -1, used_general = 0;
  uint32_t used_themes = 0;
  const char *nl = "\n";
  int has_open = 0, joined = 0;

  if (!multiline && pct(r, 11)) {
    uint32_t x = rng_below(r, 100), rule;
    if (cls == C_DET)
      rule = x < 70 ? R_short_neg : R_short_mid;
    else if (cls == C_PRO)
      rule = x < 75 ? R_short_pos : R_short_mid;
    else
      rule = x < 70 ? R_short_mid : R_short_pos;
    expand_rule(r, rule, out);
    return;
  }
  if (multiline && pct(r, 25)) {
    compose_bullets(r, cls, out);
    return;
  }

  s_parts.n = 0;
  s_parts.full = 0;
  nsent = (int)pick_w(r, NSENT_W, sizeof NSENT_W / sizeof NSENT_W[0]);
  if (multiline && nsent < 2)
    nsent = 2 + (int)rng_below(r, 3);
  style = (int)pick_w(r, PSTYLE_W, sizeof PSTYLE_W / sizeof PSTYLE_W[0]);

  if (pct(r, 18)) {
    int t = cls_tone(cls);
    if (cls == C_PAS && pct(r, 40))
      t = T_POS;
    has_open = add_part(r, tone_rule(t, R_open_neg, R_open_pos, R_open_mid), t,
                        sp, &n);
  }
  for (i = 0; i < nsent; i++) {
    int tone = pick_tone(r, cls, score, i, prev);
    uint32_t rule, story = UINT32_MAX, x;
    if (tone == T_MID) {
      rule = R_gen_mid;
    } else if (!used_general && pct(r, 14) &&
               (tone == T_NEG ? cls == C_DET : cls != C_DET)) {
      rule = tone == T_NEG ? R_gen_neg : R_gen_pos;
      story = tone == T_NEG ? R_gen_xneg : R_gen_xpos;
      used_general = 1;
    } else {
      uint16_t w[MAX_THEMES];
      uint32_t t, k;
      for (k = 0; k < g_nthemes; k++)
        w[k] = (used_themes & (1u << k)) ? 0 : g_themes[k].weight;
      /* Promoters' rare complaints are mostly wishes for features. */
      if (cls == C_PRO && tone == T_NEG &&
          !(used_themes & (1u << g_wish_theme)))
        w[g_wish_theme] = (uint16_t)(w[g_wish_theme] * 6);
      t = pick_w(r, w, g_nthemes);
      used_themes |= 1u << t;
      rule = tone == T_NEG ? th_neg[t] : th_pos[t];
      story = tone == T_NEG ? th_xneg[t] : th_xpos[t];
    }
    /* A statement, a statement and its elaboration, or just the story.
     * Stories (long) follow the mood of the score: promoters do not tell
     * long complaints, detractors do not tell long praise. */
    if ((cls == C_PRO && tone == T_NEG) || (cls == C_DET && tone == T_POS))
      story = UINT32_MAX;
    x = rng_below(r, 100);
    if (story == UINT32_MAX || x >= XSTORY_ONLY)
      add_part(r, rule, tone, sp, &n);
    if (story != UINT32_MAX && x < XSTORY_PCT)
      add_part(r, story, tone, sp, &n);
    prev = tone;
  }
  if (pct(r, 16)) {
    int t = cls_tone(cls);
    add_part(r, tone_rule(t, R_close_neg, R_close_pos, R_close_mid), t, sp, &n);
  }

  if (multiline) {
    uint32_t x = rng_below(r, 100);
    nl = x < 50 ? "\n" : x < 88 ? "\n\n" : "\r\n";
  }

  for (i = 0; i < n; i++) {
    const char *punct = end_punct(r, style, sp[i].tone);
    int last = i == n - 1;
    if (i == 0 && has_open && !last && pct(r, 35)) {
      static const char *const op[] = {":", "...", " -", "!"};
      punct = op[rng_below(r, 4)];
    }
    if (!last && !multiline && sp[i].tone != T_MID && sp[i + 1].tone != T_MID &&
        sp[i].tone != sp[i + 1].tone && !(i == 0 && has_open) && !joined &&
        !ends_with_punct(s_parts.p + sp[i].off, sp[i].len) && pct(r, 40)) {
      static const char *const joins[] = {", but ", ", but ", ", but ",
                                          " but ",  ". But ", ", although "};
      const char *j = joins[rng_below(r, 6)];
      sb_put(out, s_parts.p + sp[i].off, sp[i].len);
      sb_puts(out, j);
      lower_first(s_parts.p + sp[i + 1].off, sp[i + 1].len);
      joined = 1;
      continue;
    }
    joined = 0;
    if (last && style == P_FORMAL && sp[i].tone != T_MID && pct(r, 3))
      punct = sp[i].tone == T_NEG ? " :(" : " :)";
    if (last && style == P_CASUAL && pct(r, 30))
      punct = ".";
    put_sentence(out, &s_parts, &sp[i], punct);
    if (!last) {
      if (multiline) {
        sb_puts(out, nl);
      } else if (style == P_CASUAL && punct[0] == '\0' &&
                 !ends_with_punct(out->p, out->n)) {
        static const char *const seps[] = {", ", ", ", " ", " - ", ". "};
        const char *sep = seps[rng_below(r, 5)];
        sb_puts(out, sep);
        if (sep[0] != '.')
          lower_first(s_parts.p + sp[i + 1].off, sp[i + 1].len);
      } else {
        sb_putc(out, ' ');
      }
    }
  }
  if (style == P_CASUAL && pct(r, 60)) {
    size_t k;
    for (k = 0; k < out->n; k++)
      out->p[k] = to_lower(out->p[k]);
  }
}

/* ---- typos -------------------------------------------------------------- */

/* Entries of g_typos grouped by length (in file order within a length):
 * g_typo_idx[g_typo_start[L] .. g_typo_start[L + 1]) have length L. */
static uint8_t g_typo_idx[MAX_TYPOS];
static uint8_t g_typo_start[TYPO_MAXLEN + 1];

static void typos_init(void) {
  size_t k, l, n = 0;
  for (l = 0; l < TYPO_MAXLEN; l++) {
    g_typo_start[l] = (uint8_t)n;
    for (k = 0; k < g_ntypos; k++)
      if (strlen(g_typos[k].from) == l)
        g_typo_idx[n++] = (uint8_t)k;
  }
  g_typo_start[TYPO_MAXLEN] = (uint8_t)n;
  if (n != g_ntypos)
    die("internal error: typo entry too long");
}

static int is_word_char(char c) { return is_alpha(c) || c == '\''; }

/* Applies word typos from g_typos and maybe one swapped-letters slip. */
static void apply_typos(rng_t *r, const sbuf *in, sbuf *out) {
  size_t i = 0, n = in->n;
  const char *s = in->p;
  int swapped = 0, want_swap = pct(r, 35);
  out->n = 0;
  out->full = 0;
  while (i < n) {
    size_t j, k;
    if (!is_word_char(s[i])) {
      sb_putc(out, s[i++]);
      continue;
    }
    j = i;
    while (j < n && is_word_char(s[j]))
      j++;
    k = g_ntypos;
    if (j - i < TYPO_MAXLEN) {
      size_t e, fl = j - i;
      for (e = g_typo_start[fl]; e < g_typo_start[fl + 1]; e++) {
        const char *from = g_typos[g_typo_idx[e]].from;
        /* "delivery" and "Delivery" -> "delivary", "Delivary" */
        if (to_lower(s[i]) == to_lower(from[0]) &&
            (s[i] == from[0] || is_upper(s[i])) &&
            memcmp(from + 1, s + i + 1, fl - 1) == 0) {
          k = g_typo_idx[e];
          break;
        }
      }
    }
    if (k < g_ntypos && pct(r, g_typos[k].pct)) {
      size_t at = out->n;
      sb_puts(out, g_typos[k].to);
      if (is_upper(s[i]) && at < out->n)
        out->p[at] = to_upper(out->p[at]);
    } else if (!swapped && want_swap && j - i >= 5 && pct(r, 25)) {
      size_t at = out->n, p;
      sb_put(out, s + i, j - i);
      p = at + 1 + rng_below(r, (uint32_t)(j - i - 2));
      if (p + 1 < out->n && is_lower(out->p[p]) && is_lower(out->p[p + 1])) {
        char t = out->p[p];
        out->p[p] = out->p[p + 1];
        out->p[p + 1] = t;
        swapped = 1;
      }
    } else {
      sb_put(out, s + i, j - i);
    }
    i = j;
  }
}

static void to_caps_rant(rng_t *r, sbuf *c) {
  size_t k;
  for (k = 0; k < c->n; k++)
    c->p[k] = to_upper(c->p[k]);
  while (c->n > 0 && (c->p[c->n - 1] == '.' || c->p[c->n - 1] == ' '))
    c->n--;
  if (pct(r, 70))
    sb_puts(c, pct(r, 50) ? "!!!" : "!!");
}

/* ---- non-ASCII decorations --------------------------------------------- */

/* Appends sentence rule to c (at the end, or at the start via tmp). */
static void insert_sentence(rng_t *r, uint32_t rule, sbuf *c, sbuf *tmp) {
  if (c->n > 0 && pct(r, 35)) {
    tmp->n = 0;
    tmp->full = 0;
    expand_rule(r, rule, tmp);
    if (!ends_with_punct(tmp->p, tmp->n))
      sb_puts(tmp, pct(r, 80) ? "." : "!");
    sb_putc(tmp, ' ');
    sb_put(tmp, c->p, c->n);
    if (!tmp->full) {
      memcpy(c->p, tmp->p, tmp->n);
      c->n = tmp->n;
    }
    return;
  }
  if (c->n > 0) {
    if (!ends_with_punct(c->p, c->n))
      sb_putc(c, '.');
    sb_putc(c, ' ');
  }
  expand_rule(r, rule, c);
  if (!ends_with_punct(c->p, c->n) && pct(r, 60))
    sb_putc(c, '.');
}

/* iOS-style smart punctuation: ' -> ’, "x" -> “x”, " - " -> " — ", ... -> … */
static int smart_punct(rng_t *r, sbuf *c, sbuf *tmp) {
  size_t i;
  int open = 1, changed = 0;
  const char *dash = pct(r, 60) ? " \xE2\x80\x94 " : " \xE2\x80\x93 "; /* — – */
  tmp->n = 0;
  tmp->full = 0;
  for (i = 0; i < c->n; i++) {
    char ch = c->p[i];
    if (ch == '\'') {
      sb_puts(tmp, "\xE2\x80\x99"); /* ’ */
      changed = 1;
    } else if (ch == '"') {
      sb_puts(tmp, open ? "\xE2\x80\x9C" : "\xE2\x80\x9D"); /* “ ” */
      open = !open;
      changed = 1;
    } else if (ch == ' ' && i + 2 < c->n && c->p[i + 1] == '-' &&
               c->p[i + 2] == ' ') {
      sb_puts(tmp, dash);
      i += 2;
      changed = 1;
    } else if (ch == '.' && i + 2 < c->n && c->p[i + 1] == '.' &&
               c->p[i + 2] == '.') {
      sb_puts(tmp, "\xE2\x80\xA6"); /* … */
      i += 2;
      changed = 1;
    } else {
      sb_putc(tmp, ch);
    }
  }
  if (changed && !tmp->full) {
    memcpy(c->p, tmp->p, tmp->n);
    c->n = tmp->n;
    return 1;
  }
  return 0;
}

/* Rewrites one ASCII word of c in full-width letters (Ｓｌｏｗ). */
static int fullwidth_word(rng_t *r, sbuf *c, sbuf *tmp) {
  size_t i, nwords = 0, pick, w = 0;
  for (i = 0; i < c->n;) {
    size_t j = i;
    while (j < c->n && is_alpha(c->p[j]))
      j++;
    if (j - i >= 3 && j - i <= 10)
      nwords++;
    i = j > i ? j : i + 1;
  }
  if (nwords == 0)
    return 0;
  pick = rng_below(r, (uint32_t)nwords);
  tmp->n = 0;
  tmp->full = 0;
  for (i = 0; i < c->n;) {
    size_t j = i;
    while (j < c->n && is_alpha(c->p[j]))
      j++;
    if (j == i) {
      sb_putc(tmp, c->p[i++]);
      continue;
    }
    if (j - i >= 3 && j - i <= 10 && w++ == pick) {
      size_t k;
      for (k = i; k < j; k++) {
        unsigned cp = 0xFEE0u + (unsigned char)c->p[k];
        char u[3];
        u[0] = (char)0xEF;
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        sb_put(tmp, u, 3);
      }
    } else {
      sb_put(tmp, c->p + i, j - i);
    }
    i = j;
  }
  if (tmp->full)
    return 0;
  memcpy(c->p, tmp->p, tmp->n);
  c->n = tmp->n;
  return 1;
}

static void add_emoji(rng_t *r, int tone, sbuf *c, sbuf *tmp) {
  uint32_t rule = tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid);
  uint32_t x = rng_below(r, 100);
  if (c->n > 0 && x < 12) { /* at the start */
    tmp->n = 0;
    tmp->full = 0;
    expand_rule(r, rule, tmp);
    sb_putc(tmp, ' ');
    sb_put(tmp, c->p, c->n);
    if (!tmp->full) {
      memcpy(c->p, tmp->p, tmp->n);
      c->n = tmp->n;
    }
    return;
  }
  if (c->n > 0 && x < 30 && c->p[c->n - 1] == '.')
    c->n--; /* emoji instead of the full stop */
  if (c->n > 0 && x < 80)
    sb_putc(c, ' ');
  expand_rule(r, rule, c);
}

static void decorate_non_ascii(rng_t *r, int cls, sbuf *c, sbuf *tmp) {
  int tone = cls_tone(cls);
  if (pct(r, 20))
    insert_sentence(r, tone_rule(tone, R_acc_neg, R_acc_pos, R_acc_mid), c,
                    tmp);
  if (cls != C_PAS && pct(r, 8))
    insert_sentence(r, cls == C_DET ? R_cur_neg : R_cur_pos, c, tmp);
  if (pct(r, 45))
    smart_punct(r, c, tmp);
  if (pct(r, 7))
    fullwidth_word(r, c, tmp);
  if (pct(r, 38) || !has_non_ascii(c->p, c->n))
    add_emoji(r, tone, c, tmp);
}

/* ---- other languages ---------------------------------------------------- */

static void compose_foreign(rng_t *r, const lang_def *L, int cls, int score,
                            sbuf *c, sbuf *tmp) {
  int i, n, prev = -1;
  uint32_t used[3] = {0, 0, 0};
  static const uint16_t nw[] = {0, 50, 35, 15};
  if (pct(r, 14)) {
    uint32_t rule;
    if (cls == C_DET)
      rule = L->sneg;
    else if (cls == C_PRO)
      rule = L->spos;
    else
      rule = pct(r, 50) ? L->mid : (pct(r, 50) ? L->spos : L->sneg);
    expand_rule(r, rule, c);
  } else {
    n = (int)pick_w(r, nw, 4);
    for (i = 0; i < n; i++) {
      int tone = pick_tone(r, cls, score, i, prev);
      uint32_t rule = tone_rule(tone, L->neg, L->pos, L->mid);
      size_t start = c->n;
      if (i > 0) {
        if (L->cjk == 1) {
          sb_puts(c, pct(r, 75) ? "\xEF\xBC\x8C" : "\xE3\x80\x82"); /* ，。 */
        } else if (L->cjk == 2) {
          sb_puts(c, "\xE3\x80\x82"); /* 。 */
        } else if (pct(r, 20) && !ends_with_punct(c->p, c->n)) {
          sb_puts(c, ", ");
        } else {
          if (!ends_with_punct(c->p, c->n))
            sb_putc(c, '.');
          sb_putc(c, ' ');
        }
      }
      start = c->n;
      expand_rule_fresh(r, rule, &used[tone], c);
      if (i > 0 && !L->cjk && c->p[start - 2] == ',')
        lower_first(c->p + start, c->n - start);
      prev = tone;
    }
    if (!ends_with_punct(c->p, c->n)) {
      uint32_t x = rng_below(r, 100);
      if (L->cjk == 1)
        sb_puts(c, x < 50 ? "\xE3\x80\x82" : x < 65 ? "\xEF\xBC\x81" : "");
      else if (L->cjk == 2)
        sb_puts(c, x < 55 ? "\xE3\x80\x82" : x < 65 ? "\xEF\xBC\x81" : "");
      else if (x < 60)
        sb_putc(c, '.');
      else if (x < 75)
        /* French puts a no-break space before "!" */
        sb_puts(c, (L->code[0] == 'f' && pct(r, 60)) ? "\xC2\xA0!" : "!");
      else if (x < 80)
        sb_puts(c, "\xE2\x80\xA6"); /* … */
    }
  }
  if (!has_non_ascii(c->p, c->n) || pct(r, 10)) {
    if (memchr(c->p, '\'', c->n) && pct(r, 50))
      smart_punct(r, c, tmp);
    else
      add_emoji(r, cls_tone(cls), c, tmp);
  }
}

/* ------------------------------------------------------------------------ */
/* Rows and CSV output                                                      */
/* ------------------------------------------------------------------------ */

#define OBUF_CAP (1u << 20)
static char *g_obuf;
static size_t g_olen;
static FILE *g_out;
static int g_oerr;

static void out_flush(void) {
  if (g_olen && fwrite(g_obuf, 1, g_olen, g_out) != g_olen)
    g_oerr = 1;
  g_olen = 0;
}

static void out_put(const char *s, size_t n) {
  if (g_olen + n > OBUF_CAP)
    out_flush();
  memcpy(g_obuf + g_olen, s, n);
  g_olen += n;
}

/* One CSV field, quoted only when it holds a comma, quote, CR or LF. */
static void out_field(const char *s, size_t n) {
  const char *q, *end = s + n;
  char *o;
  if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
      !memchr(s, '\r', n)) {
    out_put(s, n);
    return;
  }
  if (g_olen + 2 * n + 2 > OBUF_CAP)
    out_flush();
  o = g_obuf + g_olen;
  *o++ = '"';
  while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
    memcpy(o, s, (size_t)(q - s + 1));
    o += q - s + 1;
    *o++ = '"'; /* double the quote */
    s = q + 1;
  }
  memcpy(o, s, (size_t)(end - s));
  o += end - s;
  *o++ = '"';
  g_olen = (size_t)(o - g_obuf);
}

static const char *const REGIONS[] = {"NA", "EMEA", "APAC", "LATAM"};
static const uint16_t REGION_W[] = {44, 30, 16, 10};
static const char *const PLANS[] = {"free", "pro", "business", "enterprise"};
static const uint16_t PLAN_W[] = {38, 33, 20, 9};
/* Per mille: 25% detractors, 30% passives, 45% promoters. */
static const uint16_t SCORE_W[] = {25,  10,  12,  18,  25, 60,
                                   100, 125, 175, 195, 255};

#define NDATES 731 /* 2024-01-01 .. 2025-12-31 */
static char g_dates[NDATES][10];

static void dates_init(void) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y, m, d, k = 0;
  for (y = 2024; y <= 2025; y++)
    for (m = 1; m <= 12; m++) {
      int md = mdays[m - 1] + (m == 2 && y % 4 == 0 ? 1 : 0);
      for (d = 1; d <= md; d++) {
        char *p = g_dates[k++];
        p[0] = (char)('0' + y / 1000);
        p[1] = (char)('0' + y / 100 % 10);
        p[2] = (char)('0' + y / 10 % 10);
        p[3] = (char)('0' + y % 10);
        p[4] = '-';
        p[5] = (char)('0' + m / 10);
        p[6] = (char)('0' + m % 10);
        p[7] = '-';
        p[8] = (char)('0' + d / 10);
        p[9] = (char)('0' + d % 10);
      }
    }
  if (k != NDATES)
    die("internal error: date table");
}

typedef struct {
  uint64_t rows, seed;
  uint32_t non_ascii_ppb, empty_ppb;
  int lang_column; /* --lang-column: a last column `lang` */
  const char *out_path;
} config;

static sbuf s_com, s_tmp;

static void gen_row(rng_t *r, uint64_t id, const config *cfg) {
  char line[64];
  size_t n = 0, k;
  char digits[24];
  int nd = 0, score, cls, region;
  uint32_t date, plan;
  uint64_t v = id;
  const char *lang = "und"; /* the --lang-column value */

  date = rng_below(r, NDATES);
  region = (int)pick_w(r, REGION_W, 4);
  plan = pick_w(r, PLAN_W, 4);
  score = (int)pick_w(r, SCORE_W, 11);
  cls = score <= 6 ? C_DET : score <= 8 ? C_PAS : C_PRO;
  if (rng_below(r, 1000) < 10)
    score = -1; /* unscored; the comment keeps the drawn mood */

  s_com.n = 0;
  s_com.full = 0;
  if (ppb_hit(r, cfg->empty_ppb)) {
    /* empty comment */
  } else if (rng_below(r, 1000) < 6) {
    expand_rule(r, R_blanks, &s_com);
  } else {
    int multiline = rng_below(r, 1000) < 10;
    int nonascii = ppb_hit(r, cfg->non_ascii_ppb);
    uint32_t kind = NLANGS; /* English */
    if (nonascii && !multiline)
      kind = pick_w(r, NX_KIND_W, NLANGS + 2);
    if (kind < NLANGS) {
      const lang_def *L = &LANGS[kind];
      lang = L->code;
      compose_foreign(r, L, cls, score, &s_com, &s_tmp);
      region = (int)pick_w(r, L->region_w, 4);
    } else if (kind == NLANGS + 1) {
      int tone = cls_tone(cls);
      expand_rule(r, tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid), &s_com);
      if (pct(r, 25))
        expand_rule(r, tone_rule(tone, R_emo_neg, R_emo_pos, R_emo_mid),
                    &s_com);
    } else {
      uint32_t caps =
          cls == C_DET ? (score >= 0 && score <= 4 ? 50u : 20u) : 3u;
      lang = "en";
      compose_english(r, cls, score, multiline, &s_com);
      if (pct(r, 7)) {
        apply_typos(r, &s_com, &s_tmp);
        if (!s_tmp.full) {
          memcpy(s_com.p, s_tmp.p, s_tmp.n);
          s_com.n = s_tmp.n;
        }
      }
      if (rng_below(r, 1000) < caps)
        to_caps_rant(r, &s_com);
      if (nonascii)
        decorate_non_ascii(r, cls, &s_com, &s_tmp);
      if (rng_below(r, 1000) < 8) { /* stray leading/trailing space */
        if (pct(r, 50)) {
          sb_putc(&s_com, ' ');
        } else if (s_com.n + 1 <= SB_CAP) {
          memmove(s_com.p + 1, s_com.p, s_com.n);
          s_com.p[0] = ' ';
          s_com.n++;
        }
      }
    }
  }

  /* id,date,region,plan,score, */
  line[n++] = 'r';
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (k = (size_t)nd; k < 6; k++)
    line[n++] = '0';
  while (nd > 0)
    line[n++] = digits[--nd];
  line[n++] = ',';
  memcpy(line + n, g_dates[date], 10);
  n += 10;
  line[n++] = ',';
  k = strlen(REGIONS[region]);
  memcpy(line + n, REGIONS[region], k);
  n += k;
  line[n++] = ',';
  k = strlen(PLANS[plan]);
  memcpy(line + n, PLANS[plan], k);
  n += k;
  line[n++] = ',';
  if (score >= 10) {
    line[n++] = '1';
    line[n++] = '0';
  } else if (score >= 0) {
    line[n++] = (char)('0' + score);
  }
  line[n++] = ',';
  out_put(line, n);
  out_field(s_com.p, s_com.n);
  if (cfg->lang_column) {
    out_put(",", 1);
    out_put(lang, strlen(lang));
  }
  out_put("\n", 1);
}

/* ------------------------------------------------------------------------ */
/* Command line                                                             */
/* ------------------------------------------------------------------------ */

static const char USAGE[] =
    "usage: verbatim-gen-corpus [--rows N] [--seed S] [--non-ascii FRACTION]\n"
    "                           [--empty FRACTION] [--lang-column] [-o FILE]\n"
    "\n"
    "Writes a deterministic synthetic NPS survey corpus as CSV (RFC 4180, LF\n"
    "line endings) with the columns id,date,region,plan,score,comment.\n"
    "\n"
    "  --rows N              data rows to write (default 5000)\n"
    "  --seed S              PRNG seed, 0 .. 2^64-1 (default 42)\n"
    "  --non-ascii FRACTION  share of non-blank comments with non-ASCII text:\n"
    "                        other languages, emoji, smart quotes, accents,\n"
    "                        full-width letters (default 0.10)\n"
    "  --empty FRACTION      share of rows with an empty comment (default "
    "0.04)\n"
    "  --lang-column         add a last column `lang`: the comment's language\n"
    "                        (en, fr, es, de, it, pt, nl, zh, ja; und for\n"
    "                        emoji-only and blank comments)\n"
    "  -o, --output FILE     write to FILE instead of standard output\n"
    "  -h, --help            show this help\n"
    "\n"
    "FRACTION is a decimal number from 0 to 1 (e.g. 0.1, .25, 1).  The same\n"
    "arguments always give byte-identical output; the first N rows do not\n"
    "depend on --rows.\n";

/* Prints "verbatim-gen-corpus: <pre>'<arg>'<post> (see --help)"; returns 2. */
static int usage_error(const char *pre, const char *arg, const char *post) {
  fprintf(stderr, "verbatim-gen-corpus: %s'%s'%s (see --help)\n", pre, arg,
          post);
  return 2;
}

static int parse_u64(const char *s, uint64_t *out) {
  uint64_t v = 0;
  if (!*s)
    return 0;
  for (; *s; s++) {
    unsigned d;
    if (*s < '0' || *s > '9')
      return 0;
    d = (unsigned)(*s - '0');
    if (v > (UINT64_MAX - d) / 10)
      return 0;
    v = v * 10 + d;
  }
  *out = v;
  return 1;
}

/* Parses a decimal fraction in [0, 1] into parts per billion, exactly (digits
 * beyond the ninth decimal are truncated). */
static int parse_fraction(const char *s, uint32_t *ppb) {
  uint64_t ip = 0, fp = 0;
  int nint = 0, nfrac = 0;
  while (*s >= '0' && *s <= '9') {
    if (ip < 10)
      ip = ip * 10 + (uint64_t)(*s - '0');
    s++;
    nint++;
  }
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') {
      if (nfrac < 9)
        fp = fp * 10 + (uint64_t)(*s - '0');
      else if (*s != '0' && ip >= 1)
        return 0; /* 1.0000000001 */
      s++;
      nfrac++;
    }
  }
  if (*s != '\0' || (nint == 0 && nfrac == 0))
    return 0;
  while (nfrac < 9) {
    fp *= 10;
    nfrac++;
  }
  if (ip > 1 || (ip == 1 && fp != 0))
    return 0;
  *ppb = (uint32_t)(ip * 1000000000u + fp);
  return 1;
}

int main(int argc, char **argv) {
  config cfg;
  rng_t rng;
  uint64_t i;
  int a;

  cfg.rows = 5000;
  cfg.seed = 42;
  cfg.non_ascii_ppb = 100000000u;
  cfg.empty_ppb = 40000000u;
  cfg.lang_column = 0;
  cfg.out_path = NULL;

  for (a = 1; a < argc; a++) {
    const char *arg = argv[a], *val = NULL, *eq;
    char opt[32];
    size_t olen;
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(USAGE, stdout);
      return fflush(stdout) == 0 ? 0 : 1;
    }
    if (strcmp(arg, "--lang-column") == 0) {
      cfg.lang_column = 1;
      continue;
    }
    if (arg[0] != '-' || arg[1] == '\0')
      return usage_error("unexpected argument ", arg, "");
    eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    olen = eq ? (size_t)(eq - arg) : strlen(arg);
    if (olen >= sizeof opt)
      return usage_error("unknown option ", arg, "");
    memcpy(opt, arg, olen);
    opt[olen] = '\0';
    if (strcmp(opt, "--rows") && strcmp(opt, "--seed") &&
        strcmp(opt, "--non-ascii") && strcmp(opt, "--empty") &&
        strcmp(opt, "-o") && strcmp(opt, "--output"))
      return usage_error("unknown option ", arg, "");
    if (eq) {
      val = eq + 1;
    } else {
      if (a + 1 >= argc)
        return usage_error("option ", opt, " needs a value");
      val = argv[++a];
    }
    if (strcmp(opt, "--rows") == 0) {
      if (!parse_u64(val, &cfg.rows) || cfg.rows > UINT64_C(1000000000000))
        return usage_error("--rows: ", val,
                           " is not a whole number from 0 to 10^12");
    } else if (strcmp(opt, "--seed") == 0) {
      if (!parse_u64(val, &cfg.seed))
        return usage_error("--seed: ", val,
                           " is not a whole number from 0 to 2^64-1");
    } else if (strcmp(opt, "--non-ascii") == 0) {
      if (!parse_fraction(val, &cfg.non_ascii_ppb))
        return usage_error("--non-ascii: ", val,
                           " is not a fraction from 0 to 1");
    } else if (strcmp(opt, "--empty") == 0) {
      if (!parse_fraction(val, &cfg.empty_ppb))
        return usage_error("--empty: ", val, " is not a fraction from 0 to 1");
    } else {
      if (!*val)
        return usage_error("empty file name for ", opt, "");
      cfg.out_path = val;
    }
  }

  content_init();
  typos_init();
  dates_init();
  g_obuf = malloc(OBUF_CAP);
  if (!g_obuf)
    die("out of memory");
  if (cfg.out_path) {
    g_out = fopen(cfg.out_path, "wb");
    if (!g_out) {
      fprintf(stderr, "verbatim-gen-corpus: cannot open '%s': %s\n",
              cfg.out_path, strerror(errno));
      return 1;
    }
  } else {
    g_out = stdout;
  }

  rng_seed(&rng, cfg.seed);
  if (cfg.lang_column)
    out_put("id,date,region,plan,score,comment,lang\n", 39);
  else
    out_put("id,date,region,plan,score,comment\n", 34);
  for (i = 1; i <= cfg.rows && !g_oerr; i++)
    gen_row(&rng, i, &cfg);
  out_flush();
  if (fflush(g_out) != 0 || ferror(g_out))
    g_oerr = 1;
  if (cfg.out_path && fclose(g_out) != 0)
    g_oerr = 1;
  if (g_oerr) {
    fprintf(stderr, "verbatim-gen-corpus: write error on %s: %s\n",
            cfg.out_path ? cfg.out_path : "standard output", strerror(errno));
    return 1;
  }
  free(g_obuf);
  return 0;
}
