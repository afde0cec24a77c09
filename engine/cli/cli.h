/*
 * cli.h - what the `verbatim` subcommands share.  The tool is built on the
 * public header alone: nothing here reaches into engine/.
 */
#ifndef VB_CLI_H
#define VB_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "verbatim.h"

/* Exit codes, documented in docs/cli.md; never renumbered. */
enum {
  EXIT_OK = 0,
  EXIT_PARTIAL = 1,  /* finished, but rows were rejected / examples failed */
  EXIT_USAGE = 2,    /* bad command line */
  EXIT_INPUT = 3,    /* input cannot be read: missing, empty, no text column */
  EXIT_LEXICON = 4,  /* a lexicon does not load */
  EXIT_OUTPUT = 5,   /* output cannot be written */
  EXIT_INTERNAL = 70 /* out of memory, ICU failure */
};

#define MAX_LEXICONS 64

/* Lexicon files named with -l; none means the built-in default.
 * load_seconds: the wall-clock time load_lexicons took (--timings). */
typedef struct lexicon_args {
  const char *paths[MAX_LEXICONS];
  size_t count;
  double load_seconds;
} lexicon_args;

/* Long-option codes shared by the commands that read survey files. */
enum {
  OPT_REJECTS = 256,
  OPT_TEXT,
  OPT_SCORE,
  OPT_ID,
  OPT_INPUT_FORMAT,
  OPT_MAX_ROW,
  OPT_BY,
  OPT_PERIOD,
  OPT_DATE,
  OPT_GROUPS,
  OPT_MIN_MENTIONS,
  OPT_MIN_RESPONSES,
  OPT_TOP,
  OPT_TIMINGS,
  OPT_GOLD,
  OPT_LABELS,
  OPT_MAP,
  OPT_SPLIT,
  OPT_ENCODING,
  OPT_DELIMITER,
  OPT_SKIP_ROWS,
  OPT_BOM,
  OPT_GROUP_COLUMN,
  OPT_DATE_FORMAT,
  OPT_PARTIAL,
  OPT_EXAMPLES,
  OPT_LANG,
  OPT_DEFAULT_LANG,
  OPT_DISPLAY_LANG
};

/* Adds a -l argument; prints a usage error and returns false when full. */
bool lexicon_args_add(lexicon_args *a, const char *path);
/* How survey files are read (every command that reads them). */
#define READER_LONG_OPTIONS                                                    \
  {"encoding", required_argument, NULL, OPT_ENCODING},                         \
      {"delimiter", required_argument, NULL, OPT_DELIMITER}, {                 \
    "skip-rows", required_argument, NULL, OPT_SKIP_ROWS                        \
  }
#define READER_OPTIONS_HELP                                                    \
  "      --encoding NAME     the input's encoding (default: UTF-8, or "        \
  "UTF-16\n"                                                                   \
  "                          by its byte-order mark), e.g. windows-1252\n"     \
  "      --delimiter C       the CSV field separator: a character or tab\n"    \
  "                          (default: sniffed from , ; tab | in the "         \
  "header)\n"                                                                  \
  "      --skip-rows N       skip N rows after the header (default: skip a\n"  \
  "                          Qualtrics export's rows 2 and 3)\n"

/* The long options input_option() handles, for getopt_long tables. */
#define INPUT_LONG_OPTIONS                                                     \
  READER_LONG_OPTIONS, {"lexicon", required_argument, NULL, 'l'},              \
      {"output", required_argument, NULL, 'o'},                                \
      {"rejects", required_argument, NULL, OPT_REJECTS},                       \
      {"text", required_argument, NULL, OPT_TEXT},                             \
      {"score", required_argument, NULL, OPT_SCORE},                           \
      {"id", required_argument, NULL, OPT_ID},                                 \
      {"group-column", required_argument, NULL, OPT_GROUP_COLUMN},             \
      {"groups", required_argument, NULL, OPT_GROUPS},                         \
      {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},             \
      {"max-row", required_argument, NULL, OPT_MAX_ROW},                       \
      {"jobs", required_argument, NULL, 'j'},                                  \
      {"lang", required_argument, NULL, OPT_LANG},                             \
      {"default-lang", required_argument, NULL, OPT_DEFAULT_LANG},             \
      {"timings", no_argument, NULL, OPT_TIMINGS},                             \
      {"bom", no_argument, NULL, OPT_BOM}, {"quiet", no_argument, NULL, 'q'},  \
  {                                                                            \
    "help", no_argument, NULL, 'h'                                             \
  }

/* Help lines of the language options (tag, report, eval, suggest). */
#define LANG_OPTIONS_HELP                                                      \
  "      --lang COL          the column of each comment's language (BCP 47:\n" \
  "                          fr, fr-CA, pt-BR); without it, languages are\n"   \
  "                          detected when the lexicons have several\n"        \
  "      --default-lang L    the lexicon language of comments whose "          \
  "language\n"                                                                 \
  "                          is unknown or has no lexicon (default en)\n"

/* Help lines of the input and run options tag and report share (keep in
 * step with input_option and docs/cli.md; tests/cli_docs.sh checks). */
#define RUN_OPTIONS_HELP                                                       \
  "      --input-format FMT  auto (default), csv, tsv or "                     \
  "ndjson\n" READER_OPTIONS_HELP                                               \
  "      --max-row BYTES     reject rows longer than BYTES (default "          \
  "16777216)\n" LANG_OPTIONS_HELP                                              \
  "  -j, --jobs N            threads that match rows (default: one per "       \
  "core);\n"                                                                   \
  "                          the output is the same for any N\n"               \
  "      --timings           print on stderr the time spent compiling the\n"   \
  "                          lexicons and in each stage (read, detect,\n"      \
  "                          normalize, segment, stem, match, aggregate,\n"    \
  "                          write)\n"                                         \
  "  -q, --quiet             do not print the counts line or the "             \
  "progress\n"                                                                 \
  "                          line (shown on a terminal only)\n"                \
  "  -h, --help              show this help\n"

/* Help lines of -o and --bom in the commands that write workbooks (report,
 * eval); docs/cli.md says the same. */
#define OUTPUT_HELP_XLSX                                                       \
  "  -o, --output FILE       write to FILE atomically ('-': stdout); its\n"    \
  "                          extension .csv, .json, .txt or .xlsx is the\n"    \
  "                          format (and must match -f)\n"                     \
  "      --bom               start CSV output with a UTF-8 byte order mark "   \
  "(for\n"                                                                     \
  "                          Excel)\n"
/* The same for the commands that write HTML pages too (report, merge). */
#define OUTPUT_HELP_HTML                                                       \
  "  -o, --output FILE       write to FILE atomically ('-': stdout); its\n"    \
  "                          extension .csv, .json, .txt, .html or .xlsx\n"    \
  "                          is the format (and must match -f)\n"              \
  "      --bom               start CSV output with a UTF-8 byte order mark "   \
  "(for\n"                                                                     \
  "                          Excel)\n"
/* Help lines of the presentation options report and merge share. */
#define PRESENTATION_HELP                                                      \
  "      --min-mentions N    hide themes mentioned by fewer than N "           \
  "comments\n"                                                                 \
  "                          overall (default 1)\n"                            \
  "      --min-responses N   leave out the figures of slices with fewer "      \
  "than\n"                                                                     \
  "                          N responses (counts stay; default 0)\n"           \
  "      --top N             show at most N themes per table (default: "       \
  "all)\n"                                                                     \
  "      --display-lang L    theme labels from language L's lexicon "          \
  "(default:\n"                                                                \
  "                          en, else the first language loaded)\n"
/* Help lines of the score options tag and report share. */
#define GROUP_OPTIONS_HELP                                                     \
  "      --group-column COL  read each row's group from this column's "        \
  "labels\n"                                                                   \
  "                          (Detractor, Passive, Promoter; any case) "        \
  "instead\n"                                                                  \
  "                          of from a score\n"                                \
  "      --groups SPEC       score scale: nps (default), csat5, a map such "   \
  "as\n"                                                                       \
  "                          detractor=1-3,passive=4,promoter=5, or labels "   \
  "for\n"                                                                      \
  "                          --group-column such as\n"                         \
  "                          detractor=Unhappy,passive=Neutral,"               \
  "promoter=Happy\n"

/* What `tag` and `report` share: lexicons, input, columns, outputs. */
typedef struct input_args {
  lexicon_args lexicons;
  vb_format input_format;
  const char *encoding; /* --encoding, NULL: detect */
  char delimiter;       /* --delimiter, 0: sniff */
  long skip_rows;       /* --skip-rows, when skip_given */
  bool skip_given;
  const char *output, *rejects, *text, *score, *id; /* output NULL: stdout */
  const char *group_column, *groups;
  const char *lang, *default_lang; /* --lang, --default-lang */
  bool detect_languages;           /* route languages even with one (eval) */
  size_t max_row;                  /* 0: the reader's default */
  unsigned jobs;                   /* 0: one per core */
  const char *cmd;                 /* the command, once an option is read */
  bool quiet, timings, bom;
} input_args;

/* Handles option `c` (with optarg) when it is one of the shared ones
 * (-l -o -q -j --rejects --text --score --id --input-format --max-row
 * --timings --bom --encoding --delimiter --skip-rows; -o - is standard
 * output, a->output NULL):
 * returns 1 when handled, 0 when not shared, -EXIT_USAGE after printing a
 * usage error. */
int input_option(int c, const char *cmd, input_args *a);
/* Sets the report's --display-lang (NULL: leave the default); exit 2 when
 * no loaded lexicon has language `code`. */
int set_display_language(vb_report *r, const char *cmd, const char *code);
/* The counts line: read, tagged, unscored, rejected (and where; with
 * `merged`, the sums of partial reports, whose rows are not at hand). */
void print_counts(const vb_tally *t, const char *rejects, bool merged);
/* The languages line after it, when the job routed languages: rows per
 * comment language, and where those without a lexicon went. */
void print_languages(const vb_job *job);
/* The scale of --groups (NULL without it) into *scale, checked against
 * --group-column and --score; prints a usage error for `cmd` and returns
 * EXIT_USAGE when they do not go together. */
int make_scale(const input_args *a, const char *cmd, vb_scale **scale);
/* Gives the job the columns, the group column and the scale. */
int setup_job(vb_job *job, const input_args *a, const vb_scale *scale);
/* True when rows were read and none could be tagged: says so, with the
 * main reasons (the job's, or without a job the report's), on stderr. */
bool nothing_tagged(vb_job *job, vb_report *report, const vb_tally *t);
/* When more than 5% of the rows read were rejected (and some tagged),
 * one warning line with the three most frequent reasons (as above). */
void warn_rejects(vb_job *job, vb_report *report, const vb_tally *t);

/* Loads the named lexicons (or the built-in one).  On failure prints the
 * error, sets *code (EXIT_LEXICON, or EXIT_INTERNAL when out of memory)
 * and returns NULL. */
vb_lexicon *load_lexicons(lexicon_args *a, int *code);
/* Loads the lexicons and a matcher over them.  Returns EXIT_OK, or prints
 * why not, frees what it made and returns the exit code. */
int load_matcher(lexicon_args *a, vb_lexicon **lex, vb_matcher **m);

/* "verbatim: file:line:column: message" on stderr. */
void print_error(const vb_error *err);
/* The exit code for a library status. */
int exit_code_for(int status, int fallback);
/* "verbatim CMD: message" + a hint to --help; returns EXIT_USAGE. */
int usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Opens a survey file as the input options say (and sets --max-row).
 * With `notes`, says on stderr (unless -q) what was found on the way: a
 * sniffed separator other than a comma, a UTF-16 byte-order mark, rows
 * skipped after the header.  Prints errors; returns an exit code. */
int open_input(const input_args *a, const char *path, bool notes,
               vb_reader **r);
/* Once per run (*said), when more than 1% of `rows` held invalid UTF-8 in
 * a file read as UTF-8: names --encoding windows-1252 as the likely fix. */
void utf8_hint(const vb_reader *r, uint64_t invalid, uint64_t rows, bool *said);

/* True, after printing "FILE:LINE: the text column ... holds a JSON
 * object", when the current row's `column` is an NDJSON object or array:
 * data, not a comment to analyze. */
bool not_text(const vb_reader *r, size_t column);

/* Runs the files through a job whose only sink beside its tally is `sink`
 * (eval, suggest): the text and id columns of `a`, scores from `score`
 * ("": none read), strict or not; the rows rejected into *rejected (may
 * be NULL).  Returns an exit code, having printed why. */
int run_sink(const input_args *a, const vb_lexicon *lex, const vb_sink *sink,
             const char *score, bool strict, char **files, int nfiles,
             uint64_t *rejected);
/* Runs the job over each FILE in turn ("-" or none: standard input).
 * With same_header, every input must have the first one's columns
 * (checked before any row is written).  Prints errors; returns an exit
 * code. */
int run_inputs(vb_job *job, vb_tally *tally, const input_args *a,
               bool same_header, char **files, int nfiles);

int cmd_tag(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* cmd_report.c: writes a report in `format` (FORMAT_*), with a byte
 * order mark first when `bom`; prints errors, returns an exit code. */
int write_report_as(vb_report *report, int format, bool bom, FILE *o);
/* Writes the report as a partial report; prints errors, returns an exit
 * code. */
int save_partial_report(vb_report *report, FILE *o);
/* The value of option `opt` of `cmd` as a whole number, or a usage
 * error. */
int parse_whole_number(
    const char *cmd, const char *opt, const char *text,
    unsigned long long
        *v); /* What a partial report's settings are called in the CLI's
              * messages: the option that sets `setting` ("segment columns" ->
              * "--by"), or NULL. */
const char *setting_option(const char *setting);

/* gold.c: the gold-file options `eval` and `suggest` share. */
#define GOLD_LONG_OPTIONS                                                      \
  {"gold", required_argument, NULL, OPT_GOLD},                                 \
      {"labels", required_argument, NULL, OPT_LABELS},                         \
      {"map", required_argument, NULL, OPT_MAP}, {                             \
    "split", required_argument, NULL, OPT_SPLIT                                \
  }
#define MAX_GOLD_FILES 64
typedef struct gold_args {
  const char *gold[MAX_GOLD_FILES]; /* each --gold, as given */
  size_t gold_count;
  const char *labels, *map, *split; /* labels defaults to "labels" */
} gold_args;
/* Handles --gold --labels --map --split: 1 when `c` is one of them, 0
 * when not, -EXIT_USAGE after a usage error (too many --gold). */
int gold_option(int c, const char *cmd, gold_args *g);
/* A comma-separated list of theme ids ("pricing,support") as theme
 * indices in *themes (malloc'd, *count of them): 0, or 1 with why not in
 * `why` (an empty list or item, an id the lexicon lacks), or -1 when out
 * of memory. */
int parse_theme_list(const vb_lexicon *lex, const char *list, size_t **themes,
                     size_t *count, char *why, size_t why_size);
/* A --gold argument FILE or FILE:THEMES: split at the last ':' when what
 * follows is a list of theme ids, else the whole of it is the path when
 * such a file exists.  Sets *path (malloc'd) and *themes / *count (NULL /
 * 0 for no list of its own); prints a usage error for `cmd` and returns
 * EXIT_USAGE when it is neither; EXIT_INTERNAL when out of memory. */
int parse_gold_spec(const vb_lexicon *lex, const char *cmd, const char *spec,
                    char **path, size_t **themes, size_t *count);
/* True when the row's split column (`col`, -1: none asked) holds `name`. */
bool in_split(const vb_row *row, long col, const char *name);
/* The labels column (when --gold) and the split column (when --split) of
 * a gold file; VB_ECOLUMN (err filled) when one is missing. */
int gold_columns(vb_reader *r, const gold_args *g, long *labels, long *split,
                 vb_error *err);

/* --map (foreign label -> theme id; "" drops the label). */
typedef struct label_map {
  char **from, **to;
  size_t count;
} label_map;
/* Loads a CSV with columns label,theme; prints errors, returns an exit
 * code (EXIT_INPUT for a theme the lexicon lacks). */
int map_load(const char *path, const vb_lexicon *lex, label_map *m);
void map_free(label_map *m);
/* Splits "a; b;c" into theme indices (at most `max`); returns EXIT_INPUT
 * with why ("unknown label ...") for a label that is neither a theme id
 * nor mapped. */
int parse_labels(const vb_lexicon *lex, const label_map *m, const char *s,
                 size_t len, size_t *themes, size_t *count, size_t max,
                 char *why, size_t why_size);
/* The row's labels as themes (parse_labels); VB_EMALFORMED with err
 * naming file and line for an unknown label. */
int row_labels(const vb_lexicon *lex, const label_map *map, const vb_row *row,
               long labels, size_t *themes, size_t *count, size_t max,
               const char *file, vb_error *err);

/* All of a stream (NULL when out of memory); *len its length. */
char *read_stream(FILE *f, size_t *len);
/* Prints that input `r` has no column for a role (text, score, ...):
 * the one wording of every command.  `given`: the name asked for, or NULL
 * when the common names were tried; `option` names the flag to set it. */
void print_missing_column(const vb_reader *r, const char *role,
                          const char *given, const char *option);

/* The built-in stop word list (lexicons/stopwords/en.txt, embedded by
 * CMake): suggest's default, and the report's candidate terms'. */
extern const unsigned char vb_cli_default_stopwords[];
extern const size_t vb_cli_default_stopwords_len;

/* ---- output.c: where output goes, in what format ---------------------- */

/* What an output's name asks for.  OUT_STREAM: standard output ("-" or
 * none) or a device / FIFO, which carry no extension to judge. */
typedef enum out_kind {
  OUT_STREAM,
  OUT_CSV,
  OUT_JSON,
  OUT_NDJSON,
  OUT_TXT,
  OUT_XLSX,
  OUT_HTML,
  OUT_OTHER
} out_kind;
out_kind output_kind(const char *path);
/* *kind = output_kind(path); a usage error naming `opt` and the accepted
 * extensions (a mask of 1u << OUT_*) when the name asks for another. */
int check_output_name(const char *cmd, const char *opt, const char *path,
                      unsigned accepted, out_kind *kind);
/* --rejects: a .csv name, or "-" (standard output) when -o names a file. */
int check_rejects_name(const char *cmd, const input_args *a);

/* An output: standard output (path NULL) or a vb_outfile. */
typedef struct output {
  const char *name;
  vb_outfile *file;
  FILE *stream;
} output;
/* Opens it; prints why not and returns an exit code (5). */
int output_open(output *o, const char *path);
/* Commits the file, or flushes standard output; every failure prints the
 * system's reason and is EXIT_OUTPUT. */
int output_commit(output *o);
/* Leaves the previous file in place; no-op when nothing is open. */
void output_abort(output *o);
/* -o and --rejects of `a` ("-" rejects: standard output); on failure
 * neither is left open. */
int open_outputs(const input_args *a, output *out, output *rejects);
/* Commits both (a rejects output never opened is skipped). */
int commit_outputs(output *out, output *rejects);

/* The formats of report, eval and suggest: vb_report_format, and xlsx. */
enum {
  FORMAT_TABLE = VB_REPORT_TABLE,
  FORMAT_CSV = VB_REPORT_CSV,
  FORMAT_JSON = VB_REPORT_JSON,
  FORMAT_HTML = VB_REPORT_HTML,
  FORMAT_XLSX
};
/* The formats beyond table, csv and json a command writes (`extra` of
 * choose_report_format). */
#define FORMATS_XLSX (1u << FORMAT_XLSX)
#define FORMATS_HTML (1u << FORMAT_HTML)
/* -f table|csv|json|html|xlsx, or -1. */
int parse_report_format(const char *name);
/* The format to write: -f when given (>= 0, and it must agree with -o's
 * extension), else -o's extension (.csv .json .txt, and .xlsx / .html
 * when `extra` has FORMATS_XLSX / FORMATS_HTML), else a table on a
 * terminal and CSV otherwise.  Usage errors for a format or an extension
 * the command does not write, a mismatch, or --bom with a format other
 * than CSV. */
int choose_report_format(const char *cmd, int format, const char *path,
                         bool bom, unsigned extra, int *chosen);
/* The UTF-8 byte order mark Excel needs to read a CSV as UTF-8 (--bom). */
void write_bom(FILE *out);

/* ---- xlsx.c: figures as an Excel workbook ------------------------------ */

/* Writes a table as CSV to `out`; returns a vb status. */
typedef int (*csv_renderer)(void *ctx, FILE *out);
typedef struct xlsx_layout {
  const char *sheet; /* the sheet's name when there is no split */
  const char *split; /* the column whose value picks the sheet, or NULL */
  const char *(*sheet_of)(const char *value);
  const char *const *percent; /* columns of fractions shown as percentages,
                                 NULL-terminated */
} xlsx_layout;
/* Renders the CSV and writes it to `out` as an xlsx workbook: typed
 * cells, a frozen header row per sheet.  Prints errors; returns an exit
 * code (5 for a sheet over Excel's 1,048,576 rows). */
int write_xlsx(FILE *out, csv_renderer render, void *ctx,
               const xlsx_layout *layout);
/* The same from a CSV file already written (tag's rows). */
int xlsx_from_csv(const char *csv, FILE *out, const xlsx_layout *layout);
/* A new temporary file in $TMPDIR (or /tmp): its descriptor, its path in
 * `path`; -1 after printing why not. */
int xlsx_temp_file(char path[4096]);

#endif
