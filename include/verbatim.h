/*
 * verbatim.h - the public API of Verbatim, a text-analytics engine for NPS
 * survey comments.  This header is the contract: what it does not declare is
 * private, and every function's comment says who owns what and for how long.
 *
 * The shape, in four kinds of object:
 *
 *   vb_lexicon  compiled themes and terms.  Built once, then immutable: any
 *               number of threads may share one without locking.
 *   vb_matcher  per-thread scratch (ICU iterators, stemmer, word cache, PCRE2
 *               match data).  Runs one comment at a time; its results stay
 *               valid until the next vb_matcher_run() on it.  One per thread.
 *   vb_tally    counts by theme and score group.  Per thread; two tallies of
 *               the same lexicon merge exactly (merge is associative and
 *               commutative), so a run can be split across threads or hosts.
 *   vb_reader / vb_job
 *               the streaming input reader (CSV, TSV, NDJSON, gzip; from a
 *               path, a buffer or a read callback) and the `tag` job that
 *               drives reader -> matcher -> writer -> tally.
 *
 * Conventions (all functions):
 *   - Fallible calls return an int status: VB_OK (0) or a negative VB_E*
 *     code.  Codes are never renumbered.  When `err` is not NULL it is filled
 *     with the code, a message and, where an input position applies, its
 *     file, line and column (1-based).
 *   - Constructors take `T **out`; on failure *out is set to NULL.
 *     vb_T_free(NULL) is a no-op.
 *   - Text is UTF-8 passed as (pointer, length); it need not be
 *     NUL-terminated.  Offsets returned are byte offsets into the caller's
 *     text, half-open [start, end).
 */
#ifndef VERBATIM_H
#define VERBATIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(VB_BUILDING_LIBRARY) && defined(__GNUC__)
#define VB_API __attribute__((visibility("default")))
#else
#define VB_API
#endif

#define VB_VERSION_MAJOR 0
#define VB_VERSION_MINOR 1
#define VB_VERSION_PATCH 0
#define VB_VERSION_STRING "0.1.0"

/* ---------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */

/* The one list of status codes: name, value, message.  Append only. */
#define VB_ERRNO_MAP(XX)                                                       \
  XX(NOMEM, -1, "out of memory")                                               \
  XX(INVAL, -2, "invalid argument")                                            \
  XX(IO, -3, "input/output error")                                             \
  XX(JSON, -4, "malformed JSON")                                               \
  XX(LEXICON, -5, "invalid lexicon")                                           \
  XX(PATTERN, -6, "invalid pattern")                                           \
  XX(LANGUAGE, -7, "unsupported language")                                     \
  XX(ICU, -8, "ICU failure")                                                   \
  XX(MALFORMED, -9, "malformed input row")                                     \
  XX(COLUMN, -10, "column not found")                                          \
  XX(EMPTY, -11, "empty input")                                                \
  XX(TOOBIG, -12, "input exceeds a size limit")                                \
  XX(MATCHLIMIT, -13, "pattern match limit exceeded")                          \
  XX(SCORE, -14, "score out of range")                                         \
  XX(RANGE, -15, "index out of range")                                         \
  XX(WRITE, -16, "cannot write output")                                        \
  XX(AMBIGUOUS, -17, "ambiguous input")                                        \
  XX(PARTIAL, -18, "malformed partial report")                                 \
  XX(MISMATCH, -19, "partial reports do not agree")

enum {
  VB_OK = 0,
#define VB_XX_(name, value, message) VB_E##name = (value),
  VB_ERRNO_MAP(VB_XX_)
#undef VB_XX_
};

/* Filled by fallible calls when non-NULL.  line/column are 1-based and 0
 * when no position applies; file is "" then too.  The layout is stable. */
typedef struct vb_error {
  int code;
  unsigned line;
  unsigned column;
  char file[256];
  char message[512];
} vb_error;

/* Static message for a status code ("unknown error" for unknown codes). */
VB_API const char *vb_strerror(int code);
/* Static symbolic name for a status code, e.g. "VB_EPATTERN". */
VB_API const char *vb_err_name(int code);
/* Library version, e.g. "0.1.0". */
VB_API const char *vb_version(void);

/* ---------------------------------------------------------------------------
 * Lexicon: compiled themes and terms (immutable, shareable across threads)
 * ------------------------------------------------------------------------ */

typedef struct vb_lexicon vb_lexicon;

/* Compiles `count` lexicon documents (JSON, see docs/lexicon-format.md) into
 * one lexicon.  names[i] is used in error positions (a file name or a label
 * such as "default.json (built-in)"); texts[i]/lens[i] is the JSON.  All
 * documents must agree on language and normalization settings; theme ids
 * must be unique across all of them.  The texts are not referenced after
 * the call returns (the lexicon keeps copies: vb_lexicon_document).  On
 * error returns VB_EJSON, VB_ELEXICON, VB_EPATTERN,
 * VB_ELANGUAGE or VB_ENOMEM with the position of the offending value. */
VB_API int vb_lexicon_compile(size_t count, const char *const names[],
                              const char *const texts[], const size_t lens[],
                              vb_lexicon **out, vb_error *err);

/* Reads the files and compiles them as vb_lexicon_compile() does.
 * VB_EIO (with the file name) when a file cannot be read. */
VB_API int vb_lexicon_load_files(size_t count, const char *const paths[],
                                 vb_lexicon **out, vb_error *err);

/* The shipped lexicons, built into the library: the English default
 * (lexicons/default.json) and one per language (lexicons/fr.json, ...),
 * all with the same theme ids.  vb_lexicon_default compiles them all
 * together, as vb_lexicon_compile() does: one lexicon per language, each
 * comment matched by its own language's (see vb_job_set_languages). */
VB_API int vb_lexicon_default(vb_lexicon **out, vb_error *err);
/* How many shipped lexicons there are, and lexicon i's JSON text (not
 * NUL-terminated; NULL out of range) with its name ("fr.json
 * (built-in)") and length.  Number 0 is the English default. */
VB_API size_t vb_lexicon_shipped_count(void);
VB_API const char *vb_lexicon_shipped(size_t i, const char **name, size_t *len);
/* The built-in English lexicon's JSON text (vb_lexicon_shipped(0)). */
VB_API const char *vb_lexicon_default_text(size_t *len);

VB_API void vb_lexicon_free(vb_lexicon *lex);

/* The documents the lexicon was compiled from, as given (a partial
 * report carries them, so that it can be merged without the files): how
 * many, and document i's text (owned by the lexicon; NULL for i out of
 * range) with its name and length. */
VB_API size_t vb_lexicon_document_count(const vb_lexicon *lex);
VB_API const char *vb_lexicon_document(const vb_lexicon *lex, size_t i,
                                       const char **name, size_t *len);

/* Languages.  Documents in several languages load together: each
 * language's documents (with the language-neutral ones, "none") compile
 * into a lexicon of their own, and every language has the same themes in
 * the same order (a theme id is one theme across languages).  Term and
 * example numbers run across all languages.  Language 0 is the display
 * language ("en" when loaded; its labels are the themes' labels), or else
 * the first named.  Codes are BCP 47 tags in lower case ("en", "pt-br"),
 * or "none". */
VB_API const char *vb_lexicon_language(const vb_lexicon *lex); /* number 0 */
VB_API size_t vb_lexicon_language_count(const vb_lexicon *lex);
/* Language i's code, or NULL out of range. */
VB_API const char *vb_lexicon_language_at(const vb_lexicon *lex, size_t i);
/* 1 when Snowball stems language i; 0 when its words match as ICU
 * segments them, unstemmed (zh, ja, ko, th, ..., and "none"). */
VB_API int vb_lexicon_language_stemmed(const vb_lexicon *lex, size_t i);
/* The language that serves a comment in `code` (BCP 47, any case, '-' or
 * '_': "fr", "fr-CA", "pt_BR"): the one with that exact tag, else the one
 * of its primary subtag ("fr-CA" -> "fr"); -1 when no language does. */
VB_API long vb_lexicon_route(const vb_lexicon *lex, const char *code,
                             size_t len);
/* The language a comment in `code` is matched by, as a job routes it: the
 * one serving `code`, else the one serving `fallback` ("en" by default in
 * the CLI), else language 0. */
VB_API size_t vb_lexicon_route_or(const vb_lexicon *lex, const char *code,
                                  size_t len, const char *fallback);

/* Themes are numbered 0..count-1 in document order, each parent before its
 * children.  Strings are owned by the lexicon. */
VB_API size_t vb_lexicon_theme_count(const vb_lexicon *lex);
VB_API const char *vb_lexicon_theme_id(const vb_lexicon *lex, size_t theme);
VB_API const char *vb_lexicon_theme_label(const vb_lexicon *lex, size_t theme);
/* Theme `theme`'s label in language `language` (vb_lexicon_language_at):
 * that language's lexicon's label when it defines the theme, else the
 * label vb_lexicon_theme_label gives; NULL out of range. */
VB_API const char *vb_lexicon_theme_label_in(const vb_lexicon *lex,
                                             size_t language, size_t theme);
/* Index of the parent theme, or -1 for a top-level theme. */
VB_API long vb_lexicon_theme_parent(const vb_lexicon *lex, size_t theme);
/* Index of the theme with this id, or -1. */
VB_API long vb_lexicon_theme_find(const vb_lexicon *lex, const char *id);

/* Terms (including `exclude` terms) are numbered 0..count-1. */
VB_API size_t vb_lexicon_term_count(const vb_lexicon *lex);
/* The term as written in the lexicon, e.g. "late delivery" or "/\\d+ days/". */
VB_API const char *vb_lexicon_term_text(const vb_lexicon *lex, size_t term);
VB_API size_t vb_lexicon_term_theme(const vb_lexicon *lex, size_t term);
/* 1 when the term comes from the theme's `exclude` list, else 0. */
VB_API int vb_lexicon_term_is_exclude(const vb_lexicon *lex, size_t term);
/* Where the term is written; pointers owned by the lexicon. */
VB_API void vb_lexicon_term_location(const vb_lexicon *lex, size_t term,
                                     const char **file, unsigned *line,
                                     unsigned *column);

/* Receives one warning of vb_lexicon_check: where and what. */
typedef void (*vb_warning_fn)(void *ctx, const char *file, unsigned line,
                              unsigned column, const char *message);
/* Looks for stemming traps in a loaded lexicon and calls `fn` (may be
 * NULL) once for each: an exclude that cancels one of its theme's terms
 * everywhere ("supports" vs the term "support"), and a term word whose
 * stem also matches a different common word ("installer" -> "install").
 * The second check reads an English word list: `wordlist`, or Debian's
 * wamerican when NULL; it is skipped for other languages.  Returns the
 * number of warnings, VB_EIO when the word list cannot be read (the first
 * check has then run), VB_ENOMEM.  Reads `lex` only. */
VB_API int vb_lexicon_check(const vb_lexicon *lex, const char *wordlist,
                            vb_warning_fn fn, void *ctx);

/* `examples` embedded in the lexicon, in document order. */
VB_API size_t vb_lexicon_example_count(const vb_lexicon *lex);
/* The language (vb_lexicon_language_at) whose lexicon holds example
 * `index`: run it through a matcher routed there (vb_matcher_language). */
VB_API size_t vb_lexicon_example_language(const vb_lexicon *lex, size_t index);
/* Fills the example's theme, text (NUL-terminated, owned by the lexicon),
 * whether it must match (1) or must not (0), and where it is written.
 * Any out-pointer may be NULL.  VB_ERANGE for a bad index. */
VB_API int vb_lexicon_example(const vb_lexicon *lex, size_t index,
                              size_t *theme, const char **text, int *must_match,
                              const char **file, unsigned *line,
                              unsigned *column);

/* ---------------------------------------------------------------------------
 * Matcher: per-thread scratch that tags one comment at a time
 * ------------------------------------------------------------------------ */

typedef struct vb_matcher vb_matcher;

/* One mention of a theme.  Read through vb_matcher_match(); fields may be
 * appended in later versions, so never allocate or copy arrays of it. */
typedef struct vb_match {
  size_t theme;       /* theme the term belongs to (not the rolled-up parent) */
  size_t term;        /* index of the term that matched */
  size_t start, end;  /* byte span in the caller's text */
  int negated;        /* negated: a negator before it in its clause or
                         between its words, or "free" right after it */
  int excluded;       /* removed by an `exclude` term: not counted */
  size_t excluded_by; /* the exclude term, when excluded */
  int dropped;        /* negated, and its theme does not count negated
                         mentions ("negated": "drop"): not counted */
  int typo;           /* a word matched as a typo of a lexicon word
                         ("typos": true), e.g. "shiping" for "shipping" */
} vb_match;

/* One word of the comment as the matcher sees it (for `explain`): a
 * word-like token, or one of the two words a contraction is spelled out
 * as ("don't" -> "do" "not", both with the span of "don't"). */
typedef struct vb_token {
  size_t start, end;           /* byte span in the caller's text */
  size_t norm_start, norm_end; /* byte span in the normalized text */
  size_t sentence;             /* 0-based sentence number */
  size_t clause;               /* 0-based clause number (negation scope) */
} vb_token;

/* Creates a matcher for `lex`, which must outlive it.  Not thread-safe:
 * use one matcher per thread.  VB_ENOMEM, VB_ELANGUAGE, VB_EICU. */
VB_API int vb_matcher_new(const vb_lexicon *lex, vb_matcher **out,
                          vb_error *err);
VB_API void vb_matcher_free(vb_matcher *m);

/* Normalizes, segments, stems and matches one comment.  Results (matches,
 * themes, tokens, normalized text) stay valid until the next call.
 * Invalid UTF-8 is replaced by U+FFFD for matching and counted
 * (vb_matcher_invalid_utf8).  Returns VB_OK, or VB_EMATCHLIMIT when a
 * pattern hit its match/depth limit (the other matches are still valid;
 * vb_matcher_pattern_errors says how many patterns failed), VB_ETOOBIG for
 * text over 64 MiB, VB_ENOMEM, VB_EICU. */
VB_API int vb_matcher_run(vb_matcher *m, const char *text, size_t len);
/* The language of a comment as CLD2 detects it, for routing: a lower-case
 * BCP 47 primary code ("fr", "zh") in `code`, or "und" when CLD2 does not
 * call its guess reliable (short or mixed text).  Returns the length.
 * Thread-safe; reads at most the first bytes of long texts. */
VB_API size_t vb_detect_language(const char *text, size_t len, char code[16]);
/* Routes the next vb_matcher_run() calls (and the results read after
 * them) to language `language` of the lexicon (vb_lexicon_language_at,
 * vb_lexicon_route); a new matcher uses language 0.  VB_OK or VB_ERANGE. */
VB_API int vb_matcher_language(vb_matcher *m, size_t language);
/* The language the matcher is routed to (0 for a new one). */
VB_API size_t vb_matcher_current_language(const vb_matcher *m);

/* Matches of the last run, in text order, including excluded ones. */
VB_API size_t vb_matcher_match_count(const vb_matcher *m);
VB_API const vb_match *vb_matcher_match(const vb_matcher *m, size_t index);
/* How the words of match `index` matched, for people: the set members
 * and typos ("@problem=confusing, shiping (typo of shipping)"),
 * comma-separated.  Writes at most size bytes
 * (NUL-terminated, truncated) and returns the full length, 0 when there
 * is nothing to say.  A match counts when neither excluded nor dropped. */
VB_API size_t vb_matcher_match_note(const vb_matcher *m, size_t index,
                                    char *buf, size_t size);

/* Themes mentioned by the last run after exclusions, each once, parents
 * rolled up from their children, in ascending theme order.  The array is
 * owned by the matcher. */
VB_API size_t vb_matcher_themes(const vb_matcher *m, const size_t **themes);
/* 1 when the last run mentions the theme (after roll-up), else 0. */
VB_API int vb_matcher_has_theme(const vb_matcher *m, size_t theme);

/* Normalized text of the last run (NFKC_Casefold, accents folded when the
 * lexicon asks).  Owned by the matcher, NUL-terminated. */
VB_API const char *vb_matcher_normalized(const vb_matcher *m, size_t *len);
VB_API size_t vb_matcher_token_count(const vb_matcher *m);
VB_API const vb_token *vb_matcher_token(const vb_matcher *m, size_t index);
/* The normalized text of word `index` as matched ("not" for the second
 * word of "didn't"); owned by the matcher, NOT NUL-terminated.  NULL for
 * a bad index. */
VB_API const char *vb_matcher_token_text(const vb_matcher *m, size_t index,
                                         size_t *len);
/* Writes the Snowball stem of token `index` as a NUL-terminated string into
 * buf (truncated to size).  Returns the stem's full length. */
VB_API size_t vb_matcher_token_stem(vb_matcher *m, size_t index, char *buf,
                                    size_t size);
/* Invalid UTF-8 sequences replaced in the last run. */
VB_API size_t vb_matcher_invalid_utf8(const vb_matcher *m);
/* Patterns that hit a PCRE2 limit in the last run. */
VB_API size_t vb_matcher_pattern_errors(const vb_matcher *m);

/* ---------------------------------------------------------------------------
 * Scores and groups
 * ------------------------------------------------------------------------ */

typedef enum vb_group {
  VB_GROUP_DETRACTOR = 0, /* 0-6 */
  VB_GROUP_PASSIVE = 1,   /* 7-8 */
  VB_GROUP_PROMOTER = 2,  /* 9-10 */
  VB_GROUP_UNSCORED = 3,  /* no score given */
  VB_GROUP_COUNT = 4
} vb_group;

/* Static lower-case name: "detractor", "passive", "promoter", "unscored". */
VB_API const char *vb_group_name(vb_group group);

/* Parses an NPS score: an integer 0-10, optionally written with surrounding
 * blanks, as a decimal with a zero fraction ("9.0"), or followed by its
 * label as survey tools write it ("9 - Very likely", "10 (Extremely
 * likely)": blanks and/or one of - : ( = or a dash, then a letter; only
 * the integer is read).  An empty (or blank) field, or one that says there
 * is no answer (N/A, NA, -, Don't know; any case), sets *group to
 * VB_GROUP_UNSCORED and *score to -1.  Returns VB_OK or VB_ESCORE
 * (anything else, including 11, -1, "nine", "8.5", "9 - 10"). */
VB_API int vb_score_parse(const char *text, size_t len, int *score,
                          vb_group *group);

/* A score scale: which integer scores exist and which group each is in.
 * Immutable once made; threads may share one. */
typedef struct vb_scale vb_scale;

/* Makes a scale from a preset name or a map:
 *   "nps"    0-10: detractor 0-6, passive 7-8, promoter 9-10 (the default)
 *   "csat5"  1-5: detractor 1-3, passive 4, promoter 5
 *   "detractor=1-3,passive=4,promoter=5"  any map of integers 0-1000;
 *            a group may be omitted, values may not overlap, and scores in
 *            no group are not on the scale.
 *   "detractor=Unhappy|Very unhappy,passive=Neutral,promoter=Happy"
 *            labels of a group field (see vb_scale_group); a value that
 *            does not start with a digit is a label.  Labels hold no ',' or
 *            '|', are trimmed, and may not repeat (ignoring ASCII case).
 *            Integers and labels may be mixed.
 * VB_EINVAL with the column of the problem in err. */
VB_API int vb_scale_parse(const char *spec, vb_scale **out, vb_error *err);
VB_API void vb_scale_free(vb_scale *scale);
/* Like vb_score_parse on this scale (NULL: the NPS scale).  Labels of the
 * map play no part. */
VB_API int vb_scale_score(const vb_scale *scale, const char *text, size_t len,
                          int *score, vb_group *group);
/* Reads a group field (such as Qualtrics' NPS group column) into *group,
 * ignoring ASCII case and surrounding blanks: one of the scale's labels
 * or, when it has none, "Detractor", "Passive" or "Promoter".  Integers
 * (numeric group codes, e.g. 1/2/3) are read through the integer map only
 * when the scale is a map (not NULL or a preset).  Empty or no-answer
 * fields (as vb_score_parse) are VB_GROUP_UNSCORED.  VB_OK or VB_ESCORE
 * (*group is then VB_GROUP_UNSCORED). */
VB_API int vb_scale_group(const vb_scale *scale, const char *text, size_t len,
                          vb_group *group);
/* 1 when the scale's map holds labels, else 0 (NULL: 0). */
VB_API int vb_scale_has_labels(const vb_scale *scale);
/* The scale as a map, e.g. "detractor=0-6,passive=7-8,promoter=9-10";
 * owned by the scale. */
VB_API const char *vb_scale_text(const vb_scale *scale);

/* ---------------------------------------------------------------------------
 * Periods: calendar buckets of ISO-8601 dates
 * ------------------------------------------------------------------------ */

typedef enum vb_period {
  VB_PERIOD_NONE = 0,
  VB_PERIOD_DAY,
  VB_PERIOD_WEEK, /* ISO 8601 week: Monday to Sunday, ISO week-year */
  VB_PERIOD_MONTH,
  VB_PERIOD_QUARTER,
  VB_PERIOD_YEAR
} vb_period;

/* "day", "week", "month", "quarter", "year" (or "none") -> *out.
 * VB_EINVAL for anything else. */
VB_API int vb_period_parse(const char *name, vb_period *out);
/* Static name of a period ("month", ...; "unknown" for other values). */
VB_API const char *vb_period_name(vb_period period);

/* Buckets an ISO-8601 date or date-time: "YYYY-MM-DD", optionally followed
 * by 'T' or ' ' and "hh:mm", "hh:mm:ss" or "hh:mm:ss.fff", optionally
 * followed by "Z", "+hh:mm", "-hh:mm", "+hhmm" or "-hhmm"; surrounding
 * blanks are ignored.  The calendar date as written is used (a zone offset
 * is checked, not applied).  Writes the bucket's first day as "YYYY-MM-DD"
 * into start (11 bytes) and its label into label (16 bytes): "2025-03-07"
 * (day), "2025-W10" (week, ISO week-year), "2025-03" (month), "2025-Q1"
 * (quarter), "2025" (year).  Returns VB_OK, or VB_EINVAL for an empty or
 * malformed value or an impossible date (2025-02-30, month 13, hour 24);
 * a zone needs a time ("2025-01-01Z" is rejected).  Years 0001-9999.  On
 * failure start and label are set to "". */
VB_API int vb_period_bucket(vb_period period, const char *text, size_t len,
                            char start[11], char label[16]);
/* Checks a strptime-style date format: %Y (4 digits), %m, %d, %H, %I (1
 * or 2 digits), %M, %S (2 digits), %p (AM or PM, any case), %%; a blank
 * matches one or more blanks, any other character itself.  %Y, %m and %d
 * must each appear once; %I goes with %p.  VB_EINVAL with the column of
 * the problem in err. */
VB_API int vb_date_format_check(const char *format, vb_error *err);
/* vb_period_bucket for a date written in `format` (checked with
 * vb_date_format_check; NULL: ISO 8601).  The whole value (blanks around
 * it trimmed) must match: "06/08/2025" under "%d/%m/%Y" is 2025-08-06,
 * "8/6/2025 14:03:11" under "%m/%d/%Y %H:%M:%S" too.  A time is checked,
 * not applied. */
VB_API int vb_period_bucket_format(vb_period period, const char *format,
                                   const char *text, size_t len, char start[11],
                                   char label[16]);
/* The first day of the bucket before the one starting at `start` (as
 * written by vb_period_bucket) into prev (11 bytes; it may be start
 * itself).  VB_EINVAL when start is not a bucket start of that period or
 * the previous bucket would begin before 0001-01-01 (prev is then ""). */
VB_API int vb_period_previous(vb_period period, const char *start,
                              char prev[11]);

/* ---------------------------------------------------------------------------
 * Statistics (definitions: docs/metrics.md; all 95%, z = 1.96)
 * ------------------------------------------------------------------------ */

/* NPS = 100 (promoters - detractors) / n, where n counts scored responses.
 * NaN when n is 0. */
VB_API double vb_nps(uint64_t promoters, uint64_t detractors, uint64_t n);
/* 95% margin of error of the NPS, in points:
 * 1.96 * 100 * sqrt((pP + pD - (pP - pD)^2) / n).  NaN when n is 0. */
VB_API double vb_nps_margin(uint64_t promoters, uint64_t detractors,
                            uint64_t n);
/* Wilson 95% score interval of the proportion k / n into *low, *high
 * (both NaN when n is 0). */
VB_API void vb_wilson(uint64_t k, uint64_t n, double *low, double *high);
/* Two-sided p-value of the pooled two-proportion z-test of k1/n1 against
 * k2/n2.  1 when both proportions are 0 or both 1; NaN when n1 or n2 is 0. */
VB_API double vb_two_proportion_p(uint64_t k1, uint64_t n1, uint64_t k2,
                                  uint64_t n2);

/* ---------------------------------------------------------------------------
 * Tally: mergeable counts by theme and score group
 * ------------------------------------------------------------------------ */

typedef struct vb_tally vb_tally;

typedef enum vb_count {
  VB_COUNT_READ = 0,       /* rows read */
  VB_COUNT_TAGGED,         /* rows tagged (written) */
  VB_COUNT_UNSCORED,       /* tagged rows without a score */
  VB_COUNT_REJECTED,       /* rows rejected */
  VB_COUNT_WITH_TEXT,      /* tagged rows whose comment is not blank */
  VB_COUNT_UNTAGGED,       /* tagged rows with text that match no theme */
  VB_COUNT_INVALID_UTF8,   /* rows in which invalid UTF-8 was replaced */
  VB_COUNT_PATTERN_ERRORS, /* rows in which a pattern hit its limits */
  VB_COUNT_KINDS
} vb_count;

/* A tally for `lex` (which must outlive it).  Not thread-safe. */
VB_API int vb_tally_new(const vb_lexicon *lex, vb_tally **out);
/* A tally that keeps only the run counters (vb_tally_count) and the
 * responses per group (vb_tally_responses, vb_tally_with_text,
 * vb_tally_untagged); its mentions, term hits and pairs stay 0.  For a
 * job whose themes go elsewhere, as `verbatim tag`'s: each row then skips
 * the work of the others.  It merges only with another such tally. */
VB_API int vb_tally_new_counts(const vb_lexicon *lex, vb_tally **out);
VB_API void vb_tally_free(vb_tally *t);
/* Adds one tagged response: its group, whether its comment has text, and
 * the themes and terms the matcher found in it.  `m` may be NULL for no
 * themes.  VB_ENOMEM when the pair table cannot grow (the response's other
 * counts are added). */
VB_API int vb_tally_add(vb_tally *t, vb_group group, int has_text,
                        const vb_matcher *m);
/* One tagged response as stored results, without a matcher: for results
 * kept from an earlier run or computed by a binding. */
typedef struct vb_result {
  vb_group group;
  int has_text;         /* the comment is not blank */
  const size_t *themes; /* mentioned, parents rolled up, ascending, once */
  size_t theme_count;
  const size_t *terms; /* terms with a counted (not excluded, not dropped)
                          match; repeats count once */
  size_t term_count;
} vb_result;
/* vb_tally_add for a stored result.  VB_EINVAL for a group or theme out
 * of range or themes not ascending (nothing is added then); terms out of
 * range are ignored. */
VB_API int vb_tally_add_result(vb_tally *t, const vb_result *res);
/* Adds `n` to a counter (used for rows read, rejected, ...). */
VB_API void vb_tally_count_add(vb_tally *t, vb_count kind, uint64_t n);
VB_API uint64_t vb_tally_count(const vb_tally *t, vb_count kind);
/* Responses in a group (tagged rows). */
VB_API uint64_t vb_tally_responses(const vb_tally *t, vb_group group);
/* Responses in a group whose comment has text. */
VB_API uint64_t vb_tally_with_text(const vb_tally *t, vb_group group);
/* Responses in a group whose comment mentions the theme (rolled up). */
VB_API uint64_t vb_tally_mentions(const vb_tally *t, size_t theme,
                                  vb_group group);
/* Responses in a group whose comment has text but mentions no theme. */
VB_API uint64_t vb_tally_untagged(const vb_tally *t, vb_group group);
/* Comments in which the term produced a counted (not excluded) mention. */
VB_API uint64_t vb_tally_term_hits(const vb_tally *t, size_t term);
/* Pairs of themes mentioned by the same comment, neither an ancestor of
 * the other: how many distinct pairs have been seen, and the i-th of them
 * (in no particular order) with a < b and the comments mentioning both.
 * VB_ERANGE for a bad index.  Indices are invalidated by vb_tally_add and
 * vb_tally_merge.  Reading indices 0, 1, 2, ... walks the pair table once
 * in all (the tally keeps its place, so even this read must not run on
 * two threads at once), so any order works but ascending is linear. */
VB_API size_t vb_tally_pair_count(const vb_tally *t);
VB_API int vb_tally_pair(const vb_tally *t, size_t index, size_t *a, size_t *b,
                         uint64_t *comments);
/* Adds src into dst.  Both must belong to the same lexicon and be of the
 * same kind (vb_tally_new or vb_tally_new_counts; else VB_EINVAL);
 * VB_ENOMEM when the pair table cannot grow (dst is then unchanged). */
VB_API int vb_tally_merge(vb_tally *dst, const vb_tally *src);

/* ---------------------------------------------------------------------------
 * Reader: CSV (RFC 4180), TSV and NDJSON rows, gzip transparently
 * ------------------------------------------------------------------------ */

typedef struct vb_reader vb_reader;

typedef enum vb_format {
  VB_FORMAT_AUTO = 0, /* by file extension (.csv .tsv .tab .ndjson .jsonl,
                         each optionally .gz); otherwise NDJSON when the
                         first non-blank byte is '{', else CSV */
  VB_FORMAT_CSV,
  VB_FORMAT_TSV,
  VB_FORMAT_NDJSON
} vb_format;

/* Opens `path` ("-" or NULL for standard input) and reads its header
 * (CSV/TSV: first row; NDJSON: keys of the first object).  gzip input is
 * recognized by its magic bytes whatever its name.  Lines holding only
 * blanks before the header are skipped.  The same as
 * vb_reader_open_with() with default options and this format.  Errors:
 * VB_EIO (cannot open), VB_EEMPTY (no header), VB_EMALFORMED (bad header;
 * a CSV/TSV header naming a non-empty column twice, with the header's
 * line), VB_ETOOBIG (header row over 16 MiB), VB_ENOMEM. */
VB_API int vb_reader_open(const char *path, vb_format format, vb_reader **out,
                          vb_error *err);
VB_API void vb_reader_free(vb_reader *r);

/* How to read an input: an opaque set of options, so that new ones never
 * change a struct layout.  The defaults: format AUTO, encoding detected
 * (UTF-16 LE/BE by their byte-order mark, else UTF-8, a UTF-8 BOM
 * skipped), delimiter sniffed, extra header rows detected.  Options may be
 * freed once the reader is open.  vb_reader_options_free(NULL) is a
 * no-op. */
typedef struct vb_reader_options vb_reader_options;
VB_API int vb_reader_options_new(vb_reader_options **out);
VB_API void vb_reader_options_free(vb_reader_options *o);
VB_API void vb_reader_options_set_format(vb_reader_options *o,
                                         vb_format format);
/* Reads the input in this encoding (any name or alias ICU's converters
 * know: "windows-1252", "latin1", "UTF-16LE", "Shift_JIS", ...),
 * transcoding it to UTF-8 as it is read; NULL restores detection.
 * VB_EINVAL for a name ICU does not know.  UTF-8 (under any alias) is read
 * as is, without a converter.  Bytes the encoding cannot map become
 * U+FFFD (or the encoding's substitution character). */
VB_API int vb_reader_options_set_encoding(vb_reader_options *o,
                                          const char *name);
/* The CSV field separator; 0 restores sniffing (CSV: the most frequent of
 * ',' ';' TAB '|' outside quotes on the header line, ',' on a tie or when
 * none occurs; TSV: TAB).  VB_EINVAL for '"', CR, LF or a byte >= 0x80. */
VB_API int vb_reader_options_set_delimiter(vb_reader_options *o, char sep);
/* Rows after the header to skip (NDJSON: objects before the first one
 * read), counted by vb_reader_skipped_rows(), never returned.  Negative
 * (the default) detects a Qualtrics export instead: when the third row of
 * a CSV/TSV has a field starting {"ImportId", rows two and three (question
 * texts and import ids) are skipped. */
VB_API void vb_reader_options_set_skip_rows(vb_reader_options *o, long rows);

/* Opens `path` as vb_reader_open() does, with options `o` (NULL: the
 * defaults).  Non-UTF-8 input is transcoded before it is parsed, so every
 * position (line, column, NDJSON span) and every field refers to the UTF-8
 * text, not to the file's bytes; vb_reader_bytes_read() still counts the
 * file's bytes. */
VB_API int vb_reader_open_with(const char *path, const vb_reader_options *o,
                               vb_reader **out, vb_error *err);

/* Opens a reader over the caller's `len` bytes at `data`, which are NOT
 * copied: they must stay alive and unchanged until vb_reader_free().
 * Reads exactly as vb_reader_open_with() reads a file holding those bytes:
 * gzip (by its magic bytes), encodings, sniffing, Qualtrics rows, NDJSON,
 * the same rows, lines and errors.  `name` (copied; NULL: "<memory>") is
 * used in messages and vb_reader_name(), and with format AUTO its
 * extension picks the format as a path's would.  vb_reader_bytes_read()
 * counts the bytes of `data` consumed.  Errors: as vb_reader_open_with(),
 * VB_EINVAL for NULL data with a non-zero len. */
VB_API int vb_reader_open_memory(const char *data, size_t len, const char *name,
                                 const vb_reader_options *o, vb_reader **out,
                                 vb_error *err);

/* A read callback, in the manner of read(2): copies up to `size` bytes of
 * the input into buf and returns how many (fewer is fine: it is asked
 * again), 0 at the end of the input, or a negative number on an error.
 * After it has returned 0 or a negative number it is not called again. */
typedef long (*vb_read_fn)(void *ctx, char *buf, size_t size);

/* Opens a reader over the bytes `fn` returns (ctx is passed to every
 * call), with everything vb_reader_open_memory() says about the name,
 * the format and what is read.  The callback is called from
 * vb_reader_open_callback() (the header) and vb_reader_next() only, on the
 * caller's thread, never after vb_reader_free().  A negative return, or a
 * count larger than `size`, is a read error: VB_EIO with the name in
 * err->file, held back (like a file's read error) until the rows read
 * before it have been returned, then returned by every later
 * vb_reader_next().  Errors: as vb_reader_open_with(), VB_EINVAL for a
 * NULL fn. */
VB_API int vb_reader_open_callback(vb_read_fn fn, void *ctx, const char *name,
                                   const vb_reader_options *o, vb_reader **out,
                                   vb_error *err);

/* What the reader chose or found while opening.  The encoding read from:
 * "UTF-8", or ICU's canonical name of the converter ("UTF-16LE",
 * "ibm-5348_P100-1997" for windows-1252, ...). */
VB_API const char *vb_reader_encoding(const vb_reader *r);
/* The field separator (CSV/TSV), 0 for NDJSON. */
VB_API char vb_reader_delimiter(const vb_reader *r);
/* True when the separator was sniffed from the header line rather than
 * set by an option or implied by the format. */
VB_API int vb_reader_delimiter_sniffed(const vb_reader *r);
/* Rows skipped after the header (vb_reader_options_set_skip_rows). */
VB_API uint64_t vb_reader_skipped_rows(const vb_reader *r);
/* True when the input was recognized as a Qualtrics export. */
VB_API int vb_reader_qualtrics(const vb_reader *r);

VB_API vb_format vb_reader_format(const vb_reader *r);
/* Name used in messages: the path, "<stdin>", or the name given to
 * vb_reader_open_memory / vb_reader_open_callback.  Freeing the reader
 * never closes standard input. */
VB_API const char *vb_reader_name(const vb_reader *r);
VB_API size_t vb_reader_column_count(const vb_reader *r);
/* Column name, or NULL for a column out of range. */
VB_API const char *vb_reader_column_name(const vb_reader *r, size_t column);
/* Index of the column with this name (exact, then ASCII case-insensitive),
 * or -1. */
VB_API long vb_reader_find_column(const vb_reader *r, const char *name);
/* A column asked for by name.  CSV/TSV: vb_reader_find_column().  NDJSON:
 * that column when the first object has it, else a new column (counted by
 * vb_reader_column_count from then on) that every later row resolves on
 * its own: first as a top-level key of exactly that name, then as a
 * dotted path into nested objects ("answer.text", "meta.region"; a
 * number steps into an array: "items.0").  So a key absent from the first
 * object is still found in the rows that have it, and reads as empty
 * (VB_VALUE_MISSING) in those that do not.  -1 for an empty name, or when
 * out of memory. */
VB_API long vb_reader_use_column(vb_reader *r, const char *name);

/* The column that plays a role: `given` when non-NULL (as
 * vb_reader_use_column), else the first column with one of the role's
 * common names, in this order.  Text: comment, comments, text, verbatim,
 * feedback, response, answer, reason, why, open_end, message.  Score:
 * score, nps, nps_score, rating, likelihood_to_recommend, ltr.  Id: id,
 * response_id, respondent_id, responseid, record_id, uuid.  -1 when there
 * is none.  Every command finds its columns through this one list. */
typedef enum vb_column_role {
  VB_ROLE_TEXT,
  VB_ROLE_SCORE,
  VB_ROLE_ID
} vb_column_role;
VB_API long vb_reader_role_column(vb_reader *r, vb_column_role role,
                                  const char *given);
/* NDJSON: whether any row read so far had a value (even null) in this
 * column, so that a name found in no row can be told from a sparse one.
 * CSV/TSV: 1 for every column.  0 for a column out of range. */
VB_API int vb_reader_column_found(const vb_reader *r, size_t column);

/* Reads the next row.  Returns 1 when a row was read, 0 at end of input,
 * VB_EMALFORMED when the row was malformed (err says why and where; the row
 * is consumed and vb_reader_line/vb_reader_raw describe it; keep calling:
 * reading resumes at the line after the one the bad row started on, so
 * nothing after it is lost), VB_ETOOBIG when a row exceeded the row size
 * limit (also recoverable), VB_EIO / VB_ENOMEM on fatal errors.  err's
 * line/column point at the offending byte, which for a multi-line row may
 * be on a later line than vb_reader_line().  Blank lines between records
 * are skipped and are not rows. */
VB_API int vb_reader_next(vb_reader *r, vb_error *err);
/* Physical line (1-based) on which the current row starts. */
VB_API uint64_t vb_reader_line(const vb_reader *r);
/* Field `column` of the current row (unquoted).  Columns missing from an
 * NDJSON object read as empty.  Valid until the next vb_reader_next(). */
VB_API const char *vb_reader_field(const vb_reader *r, size_t column,
                                   size_t *len);
/* What the field holds.  CSV/TSV fields are always VB_VALUE_TEXT; an
 * NDJSON object or array reads (with vb_reader_field) as compact JSON,
 * which is data, not text to analyze. */
typedef enum vb_value {
  VB_VALUE_TEXT = 0, /* a CSV field or a JSON string */
  VB_VALUE_MISSING,  /* the NDJSON row has no such key or path */
  VB_VALUE_NULL,
  VB_VALUE_NUMBER,
  VB_VALUE_BOOL,
  VB_VALUE_OBJECT,
  VB_VALUE_ARRAY
} vb_value;
VB_API vb_value vb_reader_field_type(const vb_reader *r, size_t column);
/* Raw bytes of the current (or just rejected) row, as in the input,
 * without its line ending; at most the first 4096 bytes of a row rejected
 * as too big. */
VB_API const char *vb_reader_raw(const vb_reader *r, size_t *len);
/* Bytes of the input consumed so far (compressed bytes for gzip input),
 * for progress against the file's size. */
VB_API uint64_t vb_reader_bytes_read(const vb_reader *r);
/* Sets the largest row accepted, in bytes (0 restores the default,
 * 16 MiB). */
VB_API void vb_reader_set_max_row(vb_reader *r, size_t bytes);

/* ---------------------------------------------------------------------------
 * Output helpers
 * ------------------------------------------------------------------------ */

/* Writes one CSV field, quoted when needed (RFC 4180), with invalid UTF-8
 * replaced by U+FFFD so the output is always valid UTF-8. */
VB_API void vb_csv_write_field(FILE *out, const char *text, size_t len);
/* Writes a JSON string literal (with quotes), invalid UTF-8 replaced. */
VB_API void vb_json_write_string(FILE *out, const char *text, size_t len);

/* Receives output bytes: returns len when all were taken, anything else
 * (say -1) on failure. */
typedef long (*vb_write_fn)(void *ctx, const char *data, size_t len);
/* A stream whose bytes go to fn (buffered: they arrive by fflush or
 * fclose), for every call that writes to a FILE* (vb_job_set_output,
 * vb_report_write, vb_eval_write, ...): a binding's file object or
 * buffer.  A failing fn makes the stream's writes fail (ferror), which
 * those calls report as VB_EWRITE.  fclose() it.  NULL when fn is NULL
 * or out of memory. */
VB_API FILE *vb_stream_open(vb_write_fn fn, void *ctx);

/* An output file, written so that a killed run never leaves a half-written
 * file that looks whole.  `path` is resolved through symbolic links first
 * (a dangling link names the file to create); then
 *   - a regular file, or nothing, at the end of the links: data goes to a
 *     temporary file in that file's directory, and vb_outfile_commit()
 *     renames it over the file (keeping an existing file's mode).  The
 *     links stay links.  vb_outfile_abort() (or a crash) leaves the file
 *     untouched.
 *   - anything else (a device, a FIFO, a socket), and the names of open
 *     descriptors (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N):
 *     written in place, through the descriptor when it is one of ours.
 * Failures are VB_EWRITE with the system's reason (VB_ENOMEM aside), as
 * are those of vb_outfile_commit(). */
typedef struct vb_outfile vb_outfile;
VB_API int vb_outfile_open(const char *path, vb_outfile **out, vb_error *err);
VB_API FILE *vb_outfile_stream(vb_outfile *f);
/* Flushes, syncs and renames; frees `f` in all cases.  VB_EWRITE on failure
 * (the temporary file is removed). */
VB_API int vb_outfile_commit(vb_outfile *f, vb_error *err);
/* Removes the temporary file and frees `f`.  NULL is a no-op. */
VB_API void vb_outfile_abort(vb_outfile *f);

/* ---------------------------------------------------------------------------
 * Report: tallies by segment and period, and their figures
 * ------------------------------------------------------------------------ */

/* A report is the overall tally plus one tally per slice, a slice being a
 * combination of segment values (--by columns) and a period bucket.  Two
 * reports of the same lexicon and dimensions merge exactly.  Not
 * thread-safe. */
typedef struct vb_report vb_report;

typedef enum vb_report_format {
  VB_REPORT_TABLE = 0, /* aligned text for people */
  VB_REPORT_CSV,       /* tidy: one row per slice x theme x group; a --by
                          column named like one of ours is headed
                          input_NAME */
  VB_REPORT_JSON,      /* the same figures, nested */
  VB_REPORT_HTML       /* one self-contained page: charts (inline SVG, no
                          script), their tables, top terms
                          (docs/report-html.md) */
} vb_report_format;

/* A report for `lex` (which must outlive it) split by the named segment
 * columns (may be 0) and by `period` (VB_PERIOD_NONE for none); `scale`
 * (NULL: NPS) is only described in the output.  Strings are copied. */
VB_API int vb_report_new(const vb_lexicon *lex, const char *const by[],
                         size_t by_count, vb_period period,
                         const vb_scale *scale, vb_report **out);
VB_API void vb_report_free(vb_report *r);
/* The overall tally (every response, whatever its slice). */
VB_API vb_tally *vb_report_overall(vb_report *r);
/* The tally of the slice with these segment values (by_count of them) and
 * period bucket (start and label as vb_period_bucket writes them; NULL
 * without periods), created empty on first use.  Owned by the report. */
VB_API int vb_report_slice(vb_report *r, const char *const values[],
                           const size_t lens[], const char *period_start,
                           const char *period_label, vb_tally **tally);
/* Adds one response from stored results (vb_result) to the overall tally
 * and to its slice: its segment values (the report's by_count of them)
 * and, with a period, its ISO-8601 date (vb_period_bucket; VB_EINVAL with
 * err filled when it does not read, nothing added).  Counts it as read
 * and tagged.  VB_ENOMEM. */
VB_API int vb_report_add_result(vb_report *r, const char *const values[],
                                const size_t lens[], const char *date,
                                size_t len, const vb_result *res,
                                vb_error *err);
/* Adds src into dst: every tally and slice, and the reject reasons (same
 * lexicon, dimensions and period, else VB_EINVAL; the caller's settings
 * are not compared here: see vb_report_compare). */
VB_API int vb_report_merge(vb_report *dst, const vb_report *src);
/* Hides themes mentioned by fewer than `min` comments (default 1: themes
 * nobody mentions are hidden) and, in the table, shows at most `top`
 * themes per slice (0: all). */
VB_API void vb_report_set_limits(vb_report *r, uint64_t min_mentions,
                                 size_t top);
/* Slices (the overall one included) with fewer than `min` responses keep
 * their counts but are written without figures (empty in CSV, null in
 * JSON) and marked; a change against such a slice is not computed either.
 * Default 0: every slice has figures. */
VB_API void vb_report_set_min_responses(vb_report *r, uint64_t min);
/* The language of the theme labels the report writes (BCP 47, routed as
 * vb_lexicon_route does: "fr-CA" -> "fr"; vb_lexicon_theme_label_in).
 * NULL, the default: language 0.  VB_ELANGUAGE when no loaded language
 * serves `code`.  Presentation only: partial reports do not record it. */
VB_API int vb_report_set_display_language(vb_report *r, const char *code);
/* Theme `theme`'s label in the report's display language. */
VB_API const char *vb_report_theme_label(const vb_report *r, size_t theme);
/* Keeps up to `n` example comments per theme and score group, overall
 * and per segment (not per period), chosen by a hash of the comment and
 * its score so that the same ones are kept for any number of threads and
 * after merging partial reports (docs/metrics.md, "Example comments").
 * They appear in the JSON and the table.  Set it before the report counts
 * any row; it is saved in partial reports and must agree to merge.
 * Default 0: none, and no work per row.  VB_EINVAL when n > 100. */
VB_API int vb_report_set_examples(vb_report *r, size_t n);
/* A report that keeps examples also keeps `verbatim suggest`'s counts
 * over its detractor comments with words, for the HTML page's candidate
 * terms for untagged detractors (docs/report-html.md); they are saved in
 * partial reports.  These are the stop words of those counts, as for
 * vb_suggest_new (default: none).  Set them before the report counts any
 * row.  VB_ENOMEM. */
VB_API int vb_report_set_stopwords(vb_report *r, const char *words, size_t len);
/* The table's width in columns (0, the default: no limit): example lines
 * are cut to fit. */
VB_API void vb_report_set_width(vb_report *r, size_t columns);
/* Writes the report (it uses the report's scratch space, hence not
 * const).  With both segments and periods it also writes the margins:
 * each segment's total over all periods and each period's total over all
 * segments, merged exactly from the slices; every block says which margin
 * it is (docs/metrics.md).  VB_EWRITE when the stream fails. */
VB_API int vb_report_write(vb_report *r, FILE *out, vb_report_format format);

/* Rejected rows by kind of reason, over every run of a job that fed the
 * report (and every report merged or loaded into it): the contract of
 * vb_job_reject_reasons.  Strings stay valid until the report changes. */
VB_API size_t vb_report_reject_reasons(vb_report *r, size_t max,
                                       const char **reasons, uint64_t *counts);
/* The lexicon the report counts themes of (a loaded report's own). */
VB_API const vb_lexicon *vb_report_lexicon(const vb_report *r);

/* Partial reports (docs/partial-format.md): a report's exact integer
 * state — every tally, slice, term and pair count, the reject counts by
 * reason — with everything that must agree for two of them to be merged:
 * the lexicon (its documents travel inside), scale, segment columns,
 * period, examples kept, and the caller's named settings.  Reports of
 * parts of an input, saved, loaded and merged, write byte for byte what
 * one report over the whole input writes.  Presentation (limits, min
 * responses, format) is not saved: set it after loading. */

/* Adds a setting that changes the counts and is not the report's own
 * (say "text column" = "comment"): saved, and compared by
 * vb_report_compare.  Setting a name again replaces its value.
 * VB_EINVAL, VB_ENOMEM. */
VB_API int vb_report_set_setting(vb_report *r, const char *name,
                                 const char *value);
/* VB_OK when a and b may be merged; otherwise VB_EMISMATCH with err naming
 * the first setting that differs and both values ("segment columns
 * differ: region in a.vbp, plan here"; the file is b's name). */
VB_API int vb_report_compare(const vb_report *a, const vb_report *b,
                             vb_error *err);
/* Writes the partial report to `out` / through `write` (vb_write_fn: it
 * receives the whole partial in one call).  VB_EWRITE when the stream or
 * the callback fails, VB_ENOMEM. */
VB_API int vb_report_save(vb_report *r, FILE *out, vb_error *err);
VB_API int vb_report_save_to(vb_report *r, vb_write_fn write, void *ctx,
                             vb_error *err);
/* Reads a partial report from len bytes (`name` names it in messages)
 * into a new report (*out; free it with vb_report_free).  With `like`
 * NULL the report compiles the lexicon it carries and owns it; with
 * `like` (which must then outlive *out) it shares like's lexicon and must
 * agree with like (vb_report_compare), so that the two can be merged.
 * Errors: VB_EPARTIAL (not a partial report, wrong version, truncated,
 * checksum mismatch, an index out of range, a count above 2^53 or
 * counts that contradict each other: the message says which),
 * VB_EMISMATCH, VB_ENOMEM.  Never a partly loaded report. */
VB_API int vb_report_load(const void *bytes, size_t len, const char *name,
                          const vb_report *like, vb_report **out,
                          vb_error *err);

/* ---------------------------------------------------------------------------
 * Evaluation against labeled comments (docs/labeling.md has the rules)
 * ------------------------------------------------------------------------ */

/* Counts per theme (TP, FP, FN) and per term (TP, FP), and keeps up to
 * `max_examples` false positives and false negatives per theme.  Not
 * thread-safe. */
typedef struct vb_eval vb_eval;
VB_API int vb_eval_new(const vb_lexicon *lex, size_t max_examples,
                       vb_eval **out);
VB_API void vb_eval_free(vb_eval *e);
/* Scores only the `count` listed themes (by default every theme is
 * scored), for a corpus labeled for those themes alone.  The others get
 * no counts and are not written; labels of them still imply their
 * ancestors, matches of them still roll up, and a term counts for (and is
 * listed under) the nearest listed theme at or above its own.  Call it
 * before the first vb_eval_add: VB_EINVAL after, or for an index out of
 * range. */
VB_API int vb_eval_set_themes(vb_eval *e, const size_t *themes, size_t count);
/* Adds one labeled comment: `m` has just run on `text`; `gold` are its
 * labels as theme indices (ancestors are implied).  `id` names it in the
 * examples.  VB_EINVAL for a theme index out of range. */
VB_API int vb_eval_add(vb_eval *e, const vb_matcher *m, const char *id,
                       const char *text, size_t len, const size_t *gold,
                       size_t gold_count);
/* vb_eval_add for the comment at position `index` of a corpus: the
 * examples kept are those of the lowest positions, so evaluations of
 * parts of a corpus (threads) merge into the examples of one pass.
 * vb_eval_add adds at position vb_eval's comment count. */
VB_API int vb_eval_add_at(vb_eval *e, uint64_t index, const vb_matcher *m,
                          const char *id, const char *text, size_t len,
                          const size_t *gold, size_t gold_count);
/* Adds src's counts and examples into dst (same lexicon and scored
 * themes: VB_EINVAL for different lexicons); dst keeps its max_examples
 * of the lowest positions.  Merging the evaluations of the parts of a
 * corpus gives the evaluation of the whole.  VB_ENOMEM (dst's counts are
 * then merged, its examples kept as they were). */
VB_API int vb_eval_merge(vb_eval *dst, const vb_eval *src);
VB_API void vb_eval_theme(const vb_eval *e, size_t theme, uint64_t *tp,
                          uint64_t *fp, uint64_t *fn);
VB_API void vb_eval_term(const vb_eval *e, size_t term, uint64_t *tp,
                         uint64_t *fp);
/* Micro F1 (from TP, FP, FN summed over themes) and macro F1 (the mean
 * over themes with any gold label or prediction). */
VB_API void vb_eval_summary(const vb_eval *e, double *micro_f1,
                            double *macro_f1);
/* Table for people (with the noisiest terms and the kept examples), tidy
 * CSV (kind = theme, micro, macro or term) or JSON; VB_EINVAL for
 * VB_REPORT_HTML (a report's format only). */
VB_API int vb_eval_write(const vb_eval *e, FILE *out, vb_report_format format);
/* A new evaluation (*out, free it with vb_eval_free) holding the sums of
 * `count` evaluations of one lexicon: comments, and per theme and per term
 * their counts.  A theme is scored when any of them scores it, so each
 * contributes only the themes it was scored on.  Examples are not copied.
 * VB_EINVAL for no evaluations or different lexicons. */
VB_API int vb_eval_pool(const vb_eval *const *evals, size_t count,
                        vb_eval **out);
/* Writes `count` evaluations, each named by names[i] (say, the labeled
 * file it read), then `pooled` (their vb_eval_pool; VB_EINVAL for
 * VB_REPORT_HTML, as vb_eval_write): per evaluation a
 * table titled with its name, then the pooled table; CSV with a first
 * column `file` ("(pooled)" on the pooled rows); JSON
 * {"files": [{"file": NAME, ...}, ...], "pooled": {...}}, each object
 * shaped as vb_eval_write's. */
VB_API int vb_eval_write_pooled(const vb_eval *const *evals,
                                const char *const *names, size_t count,
                                const vb_eval *pooled, FILE *out,
                                vb_report_format format);

/* ---------------------------------------------------------------------------
 * Suggestions: words and pairs over-represented in a set of comments
 * ------------------------------------------------------------------------ */

/* Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi
 * & Quinn 2008) of each stemmed word and word pair between a target set of
 * comments and all the others.  `sets` target sets; `stopwords` is the
 * text of a stop word list (one word per line, '#' comments; may be NULL).
 * Not thread-safe. */
typedef struct vb_suggest vb_suggest;
typedef struct vb_candidate {
  const char *term;   /* its most common surface form (valid until free) */
  double z;           /* log-odds z-score: higher = more over-represented */
  uint64_t in_target; /* target comments holding it */
  uint64_t elsewhere; /* other comments holding it */
  size_t feature;     /* for vb_suggest_examples */
} vb_candidate;
/* A comment that holds a candidate (vb_suggest_examples). */
typedef struct vb_suggest_example {
  const char *text; /* the comment (owned by the vb_suggest) */
  size_t len;
  size_t start, end; /* the candidate's word(s) in it, in bytes */
} vb_suggest_example;
VB_API int vb_suggest_new(size_t sets, const char *stopwords, size_t len,
                          vb_suggest **out);
VB_API void vb_suggest_free(vb_suggest *s);
/* Adds the comment `m` has just analyzed, in the target sets listed (none:
 * it only counts as "other" for every set). */
VB_API int vb_suggest_add(vb_suggest *s, vb_matcher *m, const long *sets,
                          size_t nsets);
/* vb_suggest_add for the comment at position `index` of a corpus (ties
 * between surface forms go to the one seen at the lowest position);
 * vb_suggest_add adds at position vb_suggest_total. */
VB_API int vb_suggest_add_at(vb_suggest *s, uint64_t index, vb_matcher *m,
                             const long *sets, size_t nsets);
/* Keeps up to n (at most 5; default 0) example comments per candidate and
 * set: readable ones first (40-280 bytes, the words at most half of it),
 * then the lowest positions, so the same ones for any split of the
 * corpus merged.  Set it before adding comments.  VB_EINVAL. */
VB_API int vb_suggest_set_examples(vb_suggest *s, size_t n);
/* vb_suggest_add_at with the comment's text, which `m` has just run on:
 * needed for examples (vb_suggest_add_at keeps none). */
VB_API int vb_suggest_add_text_at(vb_suggest *s, uint64_t index, vb_matcher *m,
                                  const char *text, size_t len,
                                  const long *sets, size_t nsets);
/* The examples kept for candidate c of set `set` (from vb_suggest_top),
 * best first: up to max into out; returns how many.  Valid until s
 * changes. */
VB_API size_t vb_suggest_examples(const vb_suggest *s, size_t set,
                                  const vb_candidate *c,
                                  vb_suggest_example *out, size_t max);
/* Adds src's counts into dst (same number of sets: VB_EINVAL), so that
 * the parts of a corpus merge into the counts of one pass.  VB_ENOMEM. */
VB_API int vb_suggest_merge(vb_suggest *dst, const vb_suggest *src);
/* The `max` best candidates for set `set` seen in at least `min_count` of
 * its comments, best first.  Returns how many were written. */
VB_API size_t vb_suggest_top(vb_suggest *s, size_t set, size_t min_count,
                             vb_candidate *out, size_t max);
VB_API uint64_t vb_suggest_set_size(const vb_suggest *s, size_t set);
VB_API uint64_t vb_suggest_total(const vb_suggest *s);

/* ---------------------------------------------------------------------------
 * Job: the `tag` pipeline (reader -> matcher -> writer, tally)
 * ------------------------------------------------------------------------ */

typedef struct vb_job vb_job;

typedef enum vb_output {
  VB_OUTPUT_CSV = 0, /* input columns + themes + one 0/1 column per theme;
                        an input column named like one of ours (ASCII
                        case ignored) is headed input_NAME */
  VB_OUTPUT_LONG,    /* one row per (id, theme) */
  VB_OUTPUT_NDJSON,  /* one object per row with matches and spans */
  VB_OUTPUT_NONE     /* tally only */
} vb_output;

/* A job for `lex` (which must outlive it).  Not thread-safe. */
VB_API int vb_job_new(const vb_lexicon *lex, vb_job **out);
VB_API void vb_job_free(vb_job *job);
/* Column names for text, score and id; NULL means "find by common name"
 * (text: comment, text, verbatim, feedback, ...; score: score, nps, rating,
 * ...; id: id, response_id, ...).  Strings are copied. */
VB_API int vb_job_set_columns(vb_job *job, const char *text, const char *score,
                              const char *id);
VB_API void vb_job_set_output(vb_job *job, FILE *out, vb_output format);
/* Rejected rows are written here as CSV (line,reason,raw); NULL: nowhere. */
VB_API void vb_job_set_rejects(vb_job *job, FILE *rejects);
/* The score scale (NULL: NPS 0-10); it must outlive the job. */
VB_API void vb_job_set_scale(vb_job *job, const vb_scale *scale);
/* Also adds every tagged row to `report` (which must outlive the job): to
 * its overall tally and to the slice given by the report's by columns
 * and, with a period, the date column `date_column` (NULL: "date").  A row
 * whose date is empty or does not read in the date format (see
 * vb_job_set_date_format) is rejected.  The report also counts the run's
 * rejected rows by kind of reason (vb_report_reject_reasons).  A by column or
 * the date column missing from the input is VB_ECOLUMN at run. */
VB_API int vb_job_set_report(vb_job *job, vb_report *report,
                             const char *date_column);
/* Reads each row's group from this column's labels (vb_scale_group on the
 * job's scale) instead of from a score; the score column is then not
 * read.  NULL (the default): groups come from scores.  The column must
 * exist (VB_ECOLUMN at run).  VB_ENOMEM. */
VB_API int vb_job_set_group_column(vb_job *job, const char *column);
/* Comment languages.  Each comment goes to the lexicon of its language:
 * the value of `column` (BCP 47, any case: "fr", "fr-CA", "pt_BR"; NULL:
 * none), else its language as detected from the text.  Languages are
 * routed when the lexicon has several, when a column is named, when
 * `detect` is set, or when a report slices by "language".  A comment
 * whose language is unknown ("und"), or has no lexicon, goes to
 * `fallback` (NULL: "en" when loaded, else language 0).  VB_ELANGUAGE
 * when `fallback` has no lexicon; VB_ENOMEM. */
VB_API int vb_job_set_languages(vb_job *job, const char *column,
                                const char *fallback, int detect,
                                vb_error *err);
/* The rows of each comment language over the job's runs (codes in lower
 * case, primary subtag only, "und" for unknown) and the language whose
 * lexicon matched them (vb_lexicon_language_at).  Fills up to `max`
 * entries; returns how many there are (0 when languages were not
 * routed). */
VB_API size_t vb_job_languages(const vb_job *job, size_t max,
                               const char **codes, uint64_t *rows,
                               const char **matched_as);
/* The strptime-style format of the date column (see vb_date_format_check;
 * VB_EINVAL with err filled when it is not one).  NULL (the default): each
 * input's format is detected from its first rows (up to 10,000) before
 * any row is processed: ISO 8601, or the one common form (D/M/YYYY,
 * M/D/YYYY, with '/' or '-', D.M.YYYY; each with an optional time
 * "H:MM", "H:MM:SS", "H:MM AM") that reads the most of them.  When
 * day-first and month-first read them alike (no day above 12), vb_job_run
 * fails with VB_EAMBIGUOUS rather than guess. */
VB_API int vb_job_set_date_format(vb_job *job, const char *format,
                                  vb_error *err);

/* What a run tells its caller before the first row, when it is worth
 * knowing but not an error. */
typedef enum vb_notice {
  VB_NOTICE_NO_SCORE_COLUMN = 0, /* no score column found by its common
                                    names (and none named): every row is
                                    unscored */
  VB_NOTICE_DATE_FORMAT = 1      /* a date format other than ISO 8601 was
                                    detected */
} vb_notice;
/* Receives a notice: its kind, the input's name and a message. */
typedef void (*vb_notice_fn)(void *ctx, vb_notice kind, const char *input,
                             const char *message);
/* Notices go to fn (NULL: nowhere), on the thread running vb_job_run. */
VB_API void vb_job_set_notices(vb_job *job, vb_notice_fn fn, void *ctx);
/* Rejected rows by kind of reason, over every run of the job: the reason
 * without the row's own values ("score not on the scale", "expected 3
 * fields, found 2"), most frequent first, ties by name; kinds beyond 32
 * count together as "other reasons".  Fills up to `max` of them (either
 * array may be NULL) and returns how many kinds there are.  Strings stay
 * valid until the next vb_job_run or vb_job_free. */
VB_API size_t vb_job_reject_reasons(vb_job *job, size_t max,
                                    const char **reasons, uint64_t *counts);

/* Threads that match rows (0, the default: one per online core).  The
 * output, the rejects and every count are the same for any number. */
VB_API void vb_job_set_threads(vb_job *job, unsigned threads);
/* Called on the thread running vb_job_run, as the job's threads read
 * batches of rows, with the rows read so far in this run and
 * vb_reader_bytes_read() after them. */
typedef void (*vb_progress_fn)(void *user, uint64_t rows, uint64_t bytes);
VB_API void vb_job_set_progress(vb_job *job, vb_progress_fn fn, void *user);

/* Pipeline stages, for timing. */
typedef enum vb_stage {
  VB_STAGE_READ,      /* parse input rows (one thread at a time) */
  VB_STAGE_NORMALIZE, /* ICU normalization (or its ASCII fast path) */
  VB_STAGE_SEGMENT,   /* word and sentence breaks */
  VB_STAGE_STEM,      /* word cache lookups, stemming new words */
  VB_STAGE_MATCH,     /* word terms, excludes, negation, results */
  VB_STAGE_AGGREGATE, /* scores, slices, tallies */
  VB_STAGE_WRITE,     /* formatting and writing rows and rejects */
  VB_STAGE_DETECT,    /* language detection, when comments are routed by
                         their detected language (after WRITE only to keep
                         the values above as they were) */
  VB_STAGE_PATTERNS,  /* pattern terms: deciding which may match (the
                         prefilter) and running those; part of what
                         VB_STAGE_MATCH counted before it was added */
  VB_STAGE_COUNT
} vb_stage;
VB_API const char *vb_stage_name(vb_stage stage);
/* Measures the time spent in each stage (off by default: it reads the
 * clock several times per row, which costs a few percent). */
VB_API void vb_job_set_timing(vb_job *job, int on);
/* Nanoseconds spent in `stage` over all runs of the job, summed over
 * threads; 0 unless timing is on. */
VB_API uint64_t vb_job_stage_ns(const vb_job *job, vb_stage stage);

/* Stops the run at the first row that would be rejected (malformed, a
 * score off the scale, a bad date, a JSON value in the text column):
 * vb_job_run then fails with that row's status (VB_EMALFORMED, VB_ESCORE,
 * ...), its position in err, after the rows before it went to every
 * sink.  For curated input such as labeled corpora.  Off by default. */
VB_API void vb_job_set_strict(vb_job *job, int on);

/* ---------------------------------------------------------------------------
 * Sinks: what a job does with each row
 * ------------------------------------------------------------------------ */

/* One row as a job hands it to its sinks; valid during the callback. */
typedef struct vb_row vb_row;
/* 0-based position of the row among every row the job's runs have read
 * (rejected rows included), the same whatever the number of threads. */
VB_API uint64_t vb_row_index(const vb_row *row);
/* Physical line (1-based) on which the row starts. */
VB_API uint64_t vb_row_line(const vb_row *row);
/* Why the row was rejected (a message naming the row's values), or NULL
 * for a tagged row.  A rejected row has no fields, score or matches. */
VB_API const char *vb_row_rejected(const vb_row *row);
/* The raw row, as in the input (as vb_reader_raw). */
VB_API const char *vb_row_raw(const vb_row *row, size_t *len);
/* Field `column` of the input (as vb_reader_field); "" for a column out of
 * range or a rejected row. */
VB_API const char *vb_row_field(const vb_row *row, size_t column, size_t *len);
/* The comment, and the row's id: the id column's value, or the line
 * number in decimal when the input has no id column. */
VB_API const char *vb_row_text(const vb_row *row, size_t *len);
VB_API const char *vb_row_id(const vb_row *row, size_t *len);
/* The score (-1 when unscored) and the group. */
VB_API int vb_row_score(const vb_row *row);
VB_API vb_group vb_row_group(const vb_row *row);
/* The matcher that has just run on the comment: its matches, themes and
 * tokens are this row's (NULL for a rejected row). */
VB_API vb_matcher *vb_row_matcher(const vb_row *row);
/* The comment's language as given in the language column or detected
 * ("fr-CA", "und"); "" when languages are not routed. */
VB_API const char *vb_row_language(const vb_row *row, size_t *len);
/* The key a report slices it by: its primary subtag in lower case ("fr"
 * for "FR-ca"), "und" when unknown; "" when languages are not routed. */
VB_API const char *vb_row_language_key(const vb_row *row);

/* A sink receives every row a job reads, in each worker thread: the job
 * opens one state per worker, hands each row to the state of the worker
 * that matched it, and after the run merges the states into the sink in
 * worker order.  A sink whose result must not depend on the threads
 * merges exactly (sums) or orders by vb_row_index.  Every callback but
 * `row` may be NULL; a callback's non-zero status stops the run with it
 * (fill err).  With an output stream (vb_job_add_sink), `row` writes to
 * `out`, a per-batch buffer the job writes to the stream in input order;
 * `header` writes the stream's header before its first bytes (or at the
 * end of a run that read no rows or tagged rows without output). */
typedef struct vb_sink {
  void *ctx;
  /* once per run, on the calling thread, before any row: find columns */
  int (*start)(void *ctx, vb_reader *r, vb_error *err);
  int (*open)(void *ctx, void **state);
  int (*row)(void *state, const vb_row *row, FILE *out, vb_error *err);
  int (*merge)(void *ctx, void *state, vb_error *err);
  void (*close)(void *ctx, void *state);
  void (*header)(void *ctx, const vb_reader *r, FILE *out);
} vb_sink;
/* Adds a sink (copied) with its output stream `out` (NULL: none).  At
 * most 8 sinks beside the job's own.  VB_EINVAL, VB_ENOMEM. */
VB_API int vb_job_add_sink(vb_job *job, const vb_sink *sink, FILE *out);

/* Runs the job over every row of `r`, adding to `tally`.  Each row read is
 * either written (tagged) or rejected; the tally's counters say how many.
 * The output's header (CSV, long) is written before its first row, or at
 * the end when rows were tagged or none were read: a run whose every row
 * is rejected writes nothing.  Returns VB_OK even when rows were rejected;
 * VB_ECOLUMN (with the columns found) when the text column or a named
 * column is missing, VB_EAMBIGUOUS (nothing processed, with the line of an
 * example) when the date format cannot be told, VB_EIO / VB_ENOMEM on
 * fatal errors. */
VB_API int vb_job_run(vb_job *job, vb_reader *r, vb_tally *tally,
                      vb_error *err);

#ifdef __cplusplus
}
#endif
#endif /* VERBATIM_H */
