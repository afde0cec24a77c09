/*
 * cmd_suggest.c - `verbatim suggest`: candidate terms for a lexicon.
 *
 * With --gold: for each theme, the words and pairs most over-represented
 * in the gold comments the lexicon missed for that theme, against every
 * other gold comment.  Without: over survey files, the words and pairs
 * most over-represented in comments no theme matched (optionally one
 * score group only) against the tagged ones: what people talk about that
 * no theme covers.  Ranking: weighted log-odds with an informative
 * Dirichlet prior (engine/suggest.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "Usage: verbatim suggest [OPTIONS] --gold FILE\n"
    "       verbatim suggest [OPTIONS] [FILE...]\n"
    "\n"
    "Candidate terms, as stemmed words and word pairs shown in their most\n"
    "common form, ranked by weighted log-odds (informative Dirichlet "
    "prior).\n"
    "With --gold: per theme, what its missed gold comments say more than "
    "the\n"
    "others.  Without: what comments no theme matched say more than tagged\n"
    "ones.  No FILE, or '-', reads standard input.\n"
    "\n"
    "Options:\n"
    "  -l, --lexicon FILE      lexicon to use (repeatable; default: "
    "built-in)\n"
    "      --gold FILE         labeled comments (see verbatim eval)\n"
    "      --labels COL        the gold labels column (default: labels)\n"
    "      --map FILE          CSV label,theme for foreign label names\n"
    "      --split NAME        only gold rows whose split column is NAME\n"
    "      --group G           without --gold: only this score group\n"
    "                          (detractor, passive, promoter)\n"
    "      --text COL          the comment column (default: comment, text, "
    "...)\n" LANG_OPTIONS_HELP
    "      --score COL         the score column for --group (default: "
    "score)\n"
    "      --top N             candidates per theme (default 10)\n"
    "      --min-count N       only candidates in at least N target "
    "comments\n"
    "                          (default 3)\n"
    "      --stopwords FILE    stop word list; a line [fr] starts French "
    "words\n"
    "                          (default: built-in, "
    "lexicons/stopwords/*.txt)\n"
    "  -f, --format FMT        table (default on a terminal), csv or json\n"
    "  -o, --output FILE       write to FILE atomically ('-': stdout); its\n"
    "                          extension .csv, .json or .txt is the format "
    "(and\n"
    "                          must match -f)\n"
    "      --bom               start CSV output with a UTF-8 byte order mark "
    "(for\n"
    "                          Excel)\n"
    "      --input-format FMT  auto (default), csv, tsv or "
    "ndjson\n" READER_OPTIONS_HELP
    "  -j, --jobs N            threads that match rows (default: one per "
    "core);\n"
    "                          the output is the same for any N\n"
    "  -q, --quiet             do not print the summary line\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit codes: 0 done, 2 usage, 3 input, 4 lexicon, 5 output, 70 "
    "internal.\n";

enum { OPT_GROUP = 512, OPT_MIN_COUNT, OPT_STOPWORDS, OPT_SUGGEST_TOP };

static const struct option OPTIONS[] = {
    {"lexicon", required_argument, NULL, 'l'},
    GOLD_LONG_OPTIONS,
    {"group", required_argument, NULL, OPT_GROUP},
    {"text", required_argument, NULL, OPT_TEXT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"default-lang", required_argument, NULL, OPT_DEFAULT_LANG},
    {"score", required_argument, NULL, OPT_SCORE},
    {"top", required_argument, NULL, OPT_SUGGEST_TOP},
    {"min-count", required_argument, NULL, OPT_MIN_COUNT},
    {"stopwords", required_argument, NULL, OPT_STOPWORDS},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"bom", no_argument, NULL, OPT_BOM},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    READER_LONG_OPTIONS,
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

typedef struct suggest_args {
  input_args in;
  gold_args g;
  const char *stopwords;
  int format;
  int group; /* vb_group, or -1: all */
  unsigned long top, min_count;
  char **files;
  int nfiles;
} suggest_args;

static int parse_number(const char *opt, unsigned long *v) {
  char *end;
  *v = strtoul(optarg, &end, 10);
  if (!*optarg || *end || optarg[0] == '-' || *v == 0 || *v > 100000)
    return usage_error("suggest", "%s needs a number from 1 to 100000", opt);
  return EXIT_OK;
}

static int parse_args(int argc, char **argv, suggest_args *a) {
  memset(a, 0, sizeof *a);
  a->format = -1;
  a->group = -1;
  a->g.labels = "labels";
  a->top = 10;
  a->min_count = 3;
  optind = 1;
  opterr = 0;
  int c, code = EXIT_OK;
  while ((c = getopt_long(argc, argv, ":l:f:o:j:qh", OPTIONS, NULL)) != -1) {
    int shared = gold_option(c, "suggest", &a->g);
    if (!shared)
      shared = input_option(c, "suggest", &a->in);
    if (shared < 0)
      return -shared;
    if (shared)
      continue;
    switch (c) {
    case 'f':
      if ((a->format = parse_report_format(optarg)) < 0)
        return usage_error("suggest", "unknown format '%s' (table, csv, json)",
                           optarg);
      break;
    case OPT_STOPWORDS:
      a->stopwords = optarg;
      break;
    case OPT_GROUP:
      if (strcmp(optarg, "detractor") == 0)
        a->group = VB_GROUP_DETRACTOR;
      else if (strcmp(optarg, "passive") == 0)
        a->group = VB_GROUP_PASSIVE;
      else if (strcmp(optarg, "promoter") == 0)
        a->group = VB_GROUP_PROMOTER;
      else
        return usage_error("suggest",
                           "unknown group '%s' (detractor, passive, promoter)",
                           optarg);
      break;
    case OPT_SUGGEST_TOP:
      code = parse_number("--top", &a->top);
      break;
    case OPT_MIN_COUNT:
      code = parse_number("--min-count", &a->min_count);
      break;
    case 'h':
      fputs(USAGE, stdout);
      return -1;
    case ':':
      return usage_error("suggest", "option '%s' needs a value",
                         argv[optind - 1]);
    default:
      return usage_error("suggest", "unknown option '%s'", argv[optind - 1]);
    }
    if (code)
      return code;
  }
  a->files = argv + optind;
  a->nfiles = argc - optind;
  if ((code = choose_report_format("suggest", a->format, a->in.output,
                                   a->in.bom, 0, &a->format)))
    return code;
  if (a->g.gold_count > 1)
    return usage_error("suggest", "give one --gold FILE");
  if (a->g.gold_count && a->nfiles)
    return usage_error("suggest", "give either --gold FILE or survey files");
  if (a->g.gold_count && a->group >= 0)
    return usage_error("suggest", "--group goes with survey files, not --gold");
  if (!a->g.gold_count && (a->g.map || a->g.split))
    return usage_error("suggest", "--map and --split go with --gold");
  return EXIT_OK;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = read_stream(f, len);
  fclose(f);
  return buf;
}

/* Example comments shown per candidate (table and JSON). */
#define EXAMPLES 2

/* The counts as a sink of the job: each worker counts its rows into a
 * vb_suggest of its own, merged exactly in worker order.  Gold mode: a
 * comment is in set t when t is gold (or an ancestor of a gold label) and
 * was not predicted.  Survey mode: set 0 = untagged comments (of
 * --group). */
typedef struct suggest_sink {
  const suggest_args *a;
  const vb_lexicon *lex;
  const label_map *map;
  const char *stop;
  size_t stop_len, nsets;
  vb_suggest *main;
  long labels, split;
  char file[256];
} suggest_sink;

typedef struct suggest_state {
  const suggest_sink *sink;
  vb_suggest *s;
  size_t *gold;
  long *sets;
  char *in_gold;
} suggest_state;

static int suggest_start(void *ctx, vb_reader *r, vb_error *err) {
  suggest_sink *s = ctx;
  snprintf(s->file, sizeof s->file, "%s", vb_reader_name(r));
  return gold_columns(r, &s->a->g, &s->labels, &s->split, err);
}

static void suggest_close(void *ctx, void *state) {
  (void)ctx;
  suggest_state *st = state;
  vb_suggest_free(st->s);
  free(st->gold);
  free(st->sets);
  free(st->in_gold);
  free(st);
}

static int suggest_open(void *ctx, void **state) {
  const suggest_sink *s = ctx;
  size_t nt = vb_lexicon_theme_count(s->lex);
  suggest_state *st = calloc(1, sizeof *st);
  if (!st)
    return VB_ENOMEM;
  st->sink = s;
  st->gold = malloc((nt ? nt : 1) * sizeof *st->gold);
  st->sets = malloc((nt ? nt : 1) * sizeof *st->sets);
  st->in_gold = calloc(nt ? nt : 1, 1);
  if (!st->gold || !st->sets || !st->in_gold ||
      vb_suggest_new(s->nsets, s->stop, s->stop_len, &st->s) ||
      vb_suggest_set_examples(st->s, EXAMPLES)) {
    suggest_close(NULL, st);
    return VB_ENOMEM;
  }
  *state = st;
  return VB_OK;
}

/* The sets a gold comment is in: its gold themes it was not tagged with. */
static int missed_sets(suggest_state *st, const vb_row *row, size_t *nsets,
                       vb_error *err) {
  const suggest_sink *s = st->sink;
  size_t nt = vb_lexicon_theme_count(s->lex), ng;
  int rc = row_labels(s->lex, s->map, row, s->labels, st->gold, &ng, nt,
                      s->file, err);
  if (rc)
    return rc;
  memset(st->in_gold, 0, nt);
  for (size_t i = 0; i < ng; i++)
    for (long x = (long)st->gold[i]; x >= 0;
         x = vb_lexicon_theme_parent(s->lex, (size_t)x))
      st->in_gold[x] = 1;
  vb_matcher *m = vb_row_matcher(row);
  for (size_t x = 0; x < nt; x++)
    if (st->in_gold[x] && !vb_matcher_has_theme(m, x))
      st->sets[(*nsets)++] = (long)x;
  return VB_OK;
}

static int suggest_row(void *state, const vb_row *row, FILE *out,
                       vb_error *err) {
  (void)out;
  suggest_state *st = state;
  const suggest_sink *s = st->sink;
  const suggest_args *a = s->a;
  if (vb_row_rejected(row) || !in_split(row, s->split, a->g.split) ||
      (a->group >= 0 && (int)vb_row_group(row) != a->group))
    return VB_OK;
  vb_matcher *m = vb_row_matcher(row);
  if (vb_matcher_token_count(m) == 0)
    return VB_OK; /* no words: nothing to learn from */
  size_t nsets = 0;
  int rc = VB_OK;
  if (a->g.gold_count)
    rc = missed_sets(st, row, &nsets, err);
  else if (vb_matcher_themes(m, NULL) == 0)
    st->sets[nsets++] = 0;
  size_t len;
  const char *text = vb_row_text(row, &len);
  if (!rc && vb_suggest_add_text_at(st->s, vb_row_index(row), m, text, len,
                                    st->sets, nsets))
    rc = VB_ENOMEM;
  return rc;
}

static int suggest_merge(void *ctx, void *state, vb_error *err) {
  suggest_sink *s = ctx;
  suggest_state *st = state;
  if (vb_suggest_total(s->main) == 0) { /* nothing yet: take the counts */
    vb_suggest *empty = s->main;
    s->main = st->s;
    st->s = empty; /* freed with the state */
    return VB_OK;
  }
  if (vb_suggest_merge(s->main, st->s)) {
    snprintf(err->message, sizeof err->message, "out of memory");
    return VB_ENOMEM;
  }
  return VB_OK;
}

/* Every input's rows into the counts, through the job's driver; gold
 * files are strict (a malformed row or an unknown label stops the run). */
static int add_files(const suggest_args *a, suggest_sink *s, char **files,
                     int nfiles, uint64_t *rejected) {
  vb_sink sink = {.ctx = s,
                  .start = suggest_start,
                  .open = suggest_open,
                  .row = suggest_row,
                  .merge = suggest_merge,
                  .close = suggest_close};
  /* scores are read only to pick --group */
  const char *score = a->group >= 0 ? a->in.score : "";
  return run_sink(&a->in, s->lex, &sink, score, a->g.gold_count > 0, files,
                  nfiles, rejected);
}

/* An example on one line of the table: at most 30 characters each side
 * of the words, marked «», control characters as spaces. */
static void table_example(FILE *o, const vb_suggest_example *x) {
  size_t from = x->start, to = x->end;
  for (int n = 0; from > 0 && n < 30; n++) /* characters, not bytes */
    while (from > 0 && ((unsigned char)x->text[--from] & 0xc0) == 0x80)
      ;
  for (int n = 0; to < x->len && n < 30; n++)
    while (++to < x->len && ((unsigned char)x->text[to] & 0xc0) == 0x80)
      ;
  fputs("                            ", o);
  fputs(from ? "…" : "", o);
  for (size_t i = from; i < to; i++) {
    if (i == x->start)
      fputs("«", o);
    if (i == x->end)
      fputs("»", o);
    unsigned char c = (unsigned char)x->text[i];
    fputc(c < 0x20 || c == 0x7f ? ' ' : c, o);
  }
  fputs(to == x->end ? "»" : "", o);
  fputs(to < x->len ? "…\n" : "\n", o);
}

static void json_examples(FILE *o, const vb_suggest_example *x, size_t n) {
  fputs(",\"examples\":[", o);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? ",{\"text\":" : "{\"text\":", o);
    vb_json_write_string(o, x[i].text, x[i].len);
    fprintf(o, ",\"start\":%zu,\"end\":%zu}", x[i].start, x[i].end);
  }
  fputc(']', o);
}

static void write_candidates(FILE *o, vb_report_format format,
                             const vb_suggest *s, size_t k, const char *set,
                             uint64_t size, const vb_candidate *c, size_t n,
                             bool *first) {
  vb_suggest_example ex[EXAMPLES];
  if (format == VB_REPORT_CSV) {
    for (size_t i = 0; i < n; i++) {
      vb_csv_write_field(o, set, strlen(set));
      fputc(',', o);
      vb_csv_write_field(o, c[i].term, strlen(c[i].term));
      fprintf(o, ",%.3f,%llu,%llu\n", c[i].z,
              (unsigned long long)c[i].in_target,
              (unsigned long long)c[i].elsewhere);
    }
  } else if (format == VB_REPORT_JSON) {
    fprintf(o, "%s{\"set\":", *first ? "" : ",");
    vb_json_write_string(o, set, strlen(set));
    fprintf(o, ",\"comments\":%llu,\"candidates\":[", (unsigned long long)size);
    for (size_t i = 0; i < n; i++) {
      fputs(i ? ",{\"term\":" : "{\"term\":", o);
      vb_json_write_string(o, c[i].term, strlen(c[i].term));
      fprintf(o, ",\"z\":%.3f,\"in_target\":%llu,\"elsewhere\":%llu", c[i].z,
              (unsigned long long)c[i].in_target,
              (unsigned long long)c[i].elsewhere);
      json_examples(o, ex, vb_suggest_examples(s, k, &c[i], ex, EXAMPLES));
      fputc('}', o);
    }
    fputs("]}", o);
  } else {
    fprintf(o, "%s%s: %llu comments\n", *first ? "" : "\n", set,
            (unsigned long long)size);
    if (n)
      fprintf(o, "  %7s %6s %9s  %s\n", "z", "there", "elsewhere", "term");
    for (size_t i = 0; i < n; i++) {
      fprintf(o, "  %7.2f %6llu %9llu  %s\n", c[i].z,
              (unsigned long long)c[i].in_target,
              (unsigned long long)c[i].elsewhere, c[i].term);
      size_t m = vb_suggest_examples(s, k, &c[i], ex, EXAMPLES);
      for (size_t e = 0; e < m; e++)
        table_example(o, &ex[e]);
    }
  }
  *first = false;
}

int cmd_suggest(int argc, char **argv) {
  suggest_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_lexicon *lex = load_lexicons(&a.in.lexicons, &code);
  if (!lex)
    return code;
  label_map map = {0};
  vb_suggest *s = NULL;
  output out = {0};
  vb_candidate *cands = NULL;
  char *stop = NULL;
  size_t stop_len = vb_cli_default_stopwords_len;
  if (a.stopwords && !(stop = read_file(a.stopwords, &stop_len))) {
    fprintf(stderr, "verbatim: %s: cannot read the stop word list\n",
            a.stopwords);
    code = EXIT_INPUT;
    goto done;
  }
  size_t nsets = a.g.gold_count ? vb_lexicon_theme_count(lex) : 1;
  int src = vb_suggest_new(nsets,
                           stop ? stop : (const char *)vb_cli_default_stopwords,
                           stop_len, &s);
  if (src == VB_EINVAL) {
    fprintf(stderr,
            "verbatim: %s: a [section] of the stop word list names no "
            "language (write [fr], [pt-BR])\n",
            a.stopwords ? a.stopwords : "the built-in stop words");
    code = EXIT_INPUT;
    goto done;
  }
  if (src || vb_suggest_set_examples(s, EXAMPLES) ||
      !(cands = malloc(a.top * sizeof *cands))) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if (a.g.map && (code = map_load(a.g.map, lex, &map)))
    goto done;
  uint64_t rejected = 0;
  suggest_sink sink = {.a = &a,
                       .lex = lex,
                       .map = &map,
                       .stop =
                           stop ? stop : (const char *)vb_cli_default_stopwords,
                       .stop_len = stop_len,
                       .nsets = nsets,
                       .main = s};
  char **files = a.g.gold_count ? (char **)a.g.gold : a.files;
  int nfiles = a.g.gold_count ? 1 : a.nfiles;
  code = add_files(&a, &sink, files, nfiles, &rejected);
  s = sink.main; /* the counts may have moved to a worker's object */
  if (code)
    goto done;
  if ((code = output_open(&out, a.in.output)))
    goto done;
  FILE *o = out.stream;
  vb_report_format format = (vb_report_format)a.format;
  bool first = true;
  if (a.in.bom)
    write_bom(o);
  if (format == VB_REPORT_CSV)
    fputs("set,term,z,in_target,elsewhere\n", o);
  else if (format == VB_REPORT_JSON)
    fprintf(o, "{\"comments\":%llu,\"sets\":[",
            (unsigned long long)vb_suggest_total(s));
  for (size_t k = 0; k < nsets; k++) {
    uint64_t size = vb_suggest_set_size(s, k);
    if (a.g.gold_count && size == 0)
      continue; /* a theme with nothing missed */
    size_t n = vb_suggest_top(s, k, a.min_count, cands, a.top);
    write_candidates(o, format, s, k,
                     a.g.gold_count ? vb_lexicon_theme_id(lex, k)
                                    : "(untagged)",
                     size, cands, n, &first);
  }
  if (format == VB_REPORT_JSON)
    fputs("]}\n", o);
  code = output_commit(&out);
  if (!code && !a.in.quiet)
    fprintf(
        stderr, "verbatim: %llu comments with words read, %llu rows rejected\n",
        (unsigned long long)vb_suggest_total(s), (unsigned long long)rejected);
done:
  output_abort(&out);
  free(cands);
  free(stop);
  vb_suggest_free(s);
  map_free(&map);
  vb_lexicon_free(lex);
  return code;
}
