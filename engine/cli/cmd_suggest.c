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

extern const unsigned char vb_cli_default_stopwords[];
extern const size_t vb_cli_default_stopwords_len;

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
    "...)\n"
    "      --score COL         the score column for --group (default: "
    "score)\n"
    "      --top N             candidates per theme (default 10)\n"
    "      --min-count N       only candidates in at least N target "
    "comments\n"
    "                          (default 3)\n"
    "      --stopwords FILE    stop word list (default: built-in English,\n"
    "                          lexicons/stopwords/en.txt)\n"
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
    {"score", required_argument, NULL, OPT_SCORE},
    {"top", required_argument, NULL, OPT_SUGGEST_TOP},
    {"min-count", required_argument, NULL, OPT_MIN_COUNT},
    {"stopwords", required_argument, NULL, OPT_STOPWORDS},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"bom", no_argument, NULL, OPT_BOM},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    READER_LONG_OPTIONS,
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
  while ((c = getopt_long(argc, argv, ":l:f:o:qh", OPTIONS, NULL)) != -1) {
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
                                   a->in.bom, false, &a->format)))
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

/* One input file's rows into the counts.  Gold mode: a comment is in set t
 * when t is gold (or an ancestor of a gold label) and was not predicted.
 * Survey mode: set 0 = untagged comments (of --group). */
static int add_file(const suggest_args *a, const char *path,
                    const vb_lexicon *lex, vb_matcher *m, const label_map *map,
                    vb_suggest *s, uint64_t *skipped) {
  vb_reader *r;
  vb_error err;
  int rc = open_input(&a->in, path, true, &r);
  if (rc)
    return rc;
  long text = vb_reader_role_column(r, VB_ROLE_TEXT, a->in.text);
  long labels = a->g.gold_count ? vb_reader_find_column(r, a->g.labels) : -1;
  long split = a->g.split ? vb_reader_find_column(r, "split") : -1;
  long score =
      a->group >= 0 ? vb_reader_role_column(r, VB_ROLE_SCORE, a->in.score) : -1;
  const char *missing = (a->g.gold_count && labels < 0) ? a->g.labels
                        : (a->g.split && split < 0)     ? "split"
                                                        : NULL;
  int code = EXIT_OK;
  if (text < 0)
    print_missing_column(r, "text", a->in.text, "--text");
  else if (a->group >= 0 && score < 0)
    print_missing_column(r, "score", a->in.score, "--score");
  else if (missing)
    fprintf(stderr, "verbatim: %s: no column named \"%s\"\n", vb_reader_name(r),
            missing);
  if (text < 0 || (a->group >= 0 && score < 0) || missing)
    code = EXIT_INPUT;
  size_t nt = vb_lexicon_theme_count(lex);
  size_t *gold = malloc((nt ? nt : 1) * sizeof *gold);
  long *sets = malloc((nt ? nt : 1) * sizeof *sets);
  char *in_gold = calloc(nt ? nt : 1, 1);
  if (!gold || !sets || !in_gold)
    code = EXIT_INTERNAL;
  uint64_t read = 0, invalid = 0;
  while (!code && (rc = vb_reader_next(r, &err)) != 0) {
    if (!a->g.gold_count && (rc == VB_EMALFORMED || rc == VB_ETOOBIG)) {
      (*skipped)++; /* counted in the summary line; a gold file must be clean */
      continue;
    }
    if (rc < 0) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
      break;
    }
    size_t len;
    if (!in_split(r, split, a->g.split))
      continue;
    if (score >= 0) {
      const char *sv = vb_reader_field(r, (size_t)score, &len);
      int v;
      vb_group g;
      if (vb_score_parse(sv, len, &v, &g) != VB_OK || (int)g != a->group)
        continue;
    }
    if (not_text(r, (size_t)text)) {
      code = EXIT_INPUT;
      break;
    }
    const char *t = vb_reader_field(r, (size_t)text, &len);
    rc = vb_matcher_run(m, t, len);
    if (rc && rc != VB_EMATCHLIMIT) {
      code = exit_code_for(rc, EXIT_INPUT);
      break;
    }
    read++;
    invalid += vb_matcher_invalid_utf8(m) > 0;
    if (vb_matcher_token_count(m) == 0)
      continue; /* no words: nothing to learn from */
    size_t nsets = 0;
    if (a->g.gold_count) {
      size_t ng;
      const char *l = vb_reader_field(r, (size_t)labels, &len);
      if ((code = parse_labels(lex, map, l, len, gold, &ng, nt,
                               vb_reader_name(r), vb_reader_line(r))))
        break;
      memset(in_gold, 0, nt);
      for (size_t i = 0; i < ng; i++)
        for (long x = (long)gold[i]; x >= 0;
             x = vb_lexicon_theme_parent(lex, (size_t)x))
          in_gold[x] = 1;
      for (size_t x = 0; x < nt; x++)
        if (in_gold[x] && !vb_matcher_has_theme(m, x))
          sets[nsets++] = (long)x;
    } else if (vb_matcher_themes(m, NULL) == 0) {
      sets[nsets++] = 0;
    }
    if (vb_suggest_add(s, m, sets, nsets)) {
      code = EXIT_INTERNAL;
      break;
    }
  }
  if (code == EXIT_INTERNAL)
    fputs("verbatim: out of memory\n", stderr);
  bool said = false;
  utf8_hint(r, invalid, read, &said);
  free(gold);
  free(sets);
  free(in_gold);
  vb_reader_free(r);
  return code;
}

static void write_candidates(FILE *o, vb_report_format format, const char *set,
                             uint64_t size, const vb_candidate *c, size_t n,
                             bool *first) {
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
      fprintf(o, ",\"z\":%.3f,\"in_target\":%llu,\"elsewhere\":%llu}", c[i].z,
              (unsigned long long)c[i].in_target,
              (unsigned long long)c[i].elsewhere);
    }
    fputs("]}", o);
  } else {
    fprintf(o, "%s%s: %llu comments\n", *first ? "" : "\n", set,
            (unsigned long long)size);
    if (n)
      fprintf(o, "  %7s %6s %9s  %s\n", "z", "there", "elsewhere", "term");
    for (size_t i = 0; i < n; i++)
      fprintf(o, "  %7.2f %6llu %9llu  %s\n", c[i].z,
              (unsigned long long)c[i].in_target,
              (unsigned long long)c[i].elsewhere, c[i].term);
  }
  *first = false;
}

int cmd_suggest(int argc, char **argv) {
  suggest_args a;
  int code = parse_args(argc, argv, &a);
  if (code)
    return code < 0 ? EXIT_OK : code;
  vb_lexicon *lex;
  vb_matcher *m;
  if ((code = load_matcher(&a.in.lexicons, &lex, &m)))
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
  if (vb_suggest_new(nsets,
                     stop ? stop : (const char *)vb_cli_default_stopwords,
                     stop_len, &s) ||
      !(cands = malloc(a.top * sizeof *cands))) {
    fputs("verbatim: out of memory\n", stderr);
    code = EXIT_INTERNAL;
    goto done;
  }
  if (a.g.map && (code = map_load(a.g.map, lex, &map)))
    goto done;
  uint64_t skipped = 0;
  static char *stdin_only[] = {"-"};
  char **files = a.g.gold_count ? (char **)a.g.gold
                 : a.nfiles     ? a.files
                                : stdin_only;
  int nfiles = a.g.gold_count ? 1 : a.nfiles ? a.nfiles : 1;
  for (int i = 0; i < nfiles && !code; i++)
    code = add_file(&a, files[i], lex, m, &map, s, &skipped);
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
    write_candidates(
        o, format, a.g.gold_count ? vb_lexicon_theme_id(lex, k) : "(untagged)",
        size, cands, n, &first);
  }
  if (format == VB_REPORT_JSON)
    fputs("]}\n", o);
  code = output_commit(&out);
  if (!code && !a.in.quiet)
    fprintf(stderr,
            "verbatim: %llu comments with words read, %llu malformed rows "
            "skipped\n",
            (unsigned long long)vb_suggest_total(s),
            (unsigned long long)skipped);
done:
  output_abort(&out);
  free(cands);
  free(stop);
  vb_suggest_free(s);
  map_free(&map);
  vb_matcher_free(m);
  vb_lexicon_free(lex);
  return code;
}
