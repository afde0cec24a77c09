/*
 * gold.c - reading labeled (gold) corpora for `eval` and `suggest`: the
 * --map file of foreign label names, each row's list of labels, and the
 * --gold FILE:THEMES form that names the themes a file is labeled for.
 *
 * FILE:THEMES is split at the last ':' only when what follows is a list
 * of the lexicon's theme ids, so a path that holds ':' is still read as a
 * path; one that does not exist either is a usage error that says both.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

/* --map: foreign label -> theme id ("" drops the label). */
void map_free(label_map *m) {
  for (size_t i = 0; i < m->count; i++) {
    free(m->from[i]);
    free(m->to[i]);
  }
  free(m->from);
  free(m->to);
}

int map_load(const char *path, const vb_lexicon *lex, label_map *m) {
  vb_reader *r;
  vb_error err;
  memset(m, 0, sizeof *m);
  int rc = vb_reader_open(path, VB_FORMAT_AUTO, &r, &err);
  if (rc) {
    print_error(&err);
    return exit_code_for(rc, EXIT_INPUT);
  }
  long from = vb_reader_find_column(r, "label"),
       to = vb_reader_find_column(r, "theme");
  int code = EXIT_OK;
  if (from < 0 || to < 0) {
    fprintf(stderr, "verbatim: %s: needs the columns label,theme\n", path);
    code = EXIT_INPUT;
  }
  while (!code && (rc = vb_reader_next(r, &err)) != 0) {
    if (rc < 0) {
      print_error(&err);
      code = exit_code_for(rc, EXIT_INPUT);
      break;
    }
    size_t flen, tlen;
    const char *f = vb_reader_field(r, (size_t)from, &flen);
    const char *t = vb_reader_field(r, (size_t)to, &tlen);
    char **nf = realloc(m->from, (m->count + 1) * sizeof *nf);
    if (nf)
      m->from = nf;
    char **nt = realloc(m->to, (m->count + 1) * sizeof *nt);
    if (nt)
      m->to = nt;
    if (!nf || !nt || !(m->from[m->count] = strndup(f, flen))) {
      code = EXIT_INTERNAL;
      break;
    }
    if (!(m->to[m->count] = strndup(t, tlen))) {
      free(m->from[m->count]);
      code = EXIT_INTERNAL;
      break;
    }
    m->count++;
    if (tlen && vb_lexicon_theme_find(lex, m->to[m->count - 1]) < 0) {
      fprintf(stderr, "verbatim: %s:%llu: theme \"%s\" is not in the lexicon\n",
              path, (unsigned long long)vb_reader_line(r), m->to[m->count - 1]);
      code = EXIT_INPUT;
    }
  }
  vb_reader_free(r);
  return code;
}

/* One label: a theme id, or mapped.  1 = theme found (*theme set), 0 =
 * dropped by the map, -1 = unknown. */
static int resolve_label(const vb_lexicon *lex, const label_map *m,
                         const char *label, size_t *theme) {
  for (size_t i = 0; i < m->count; i++)
    if (strcasecmp(m->from[i], label) == 0) {
      if (!m->to[i][0])
        return 0;
      *theme = (size_t)vb_lexicon_theme_find(lex, m->to[i]);
      return 1;
    }
  long t = vb_lexicon_theme_find(lex, label);
  if (t < 0)
    return -1;
  *theme = (size_t)t;
  return 1;
}

/* Splits "a; b;c" into themes; prints and returns EXIT_INPUT on an
 * unknown label. */
int parse_labels(const vb_lexicon *lex, const label_map *m, const char *s,
                 size_t len, size_t *themes, size_t *count, size_t max,
                 char *why, size_t why_size) {
  *count = 0;
  size_t i = 0;
  while (i < len) {
    while (i < len && (s[i] == ';' || s[i] == ' ' || s[i] == '\t'))
      i++;
    size_t start = i;
    while (i < len && s[i] != ';')
      i++;
    size_t end = i;
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
      end--;
    if (end == start)
      continue;
    char label[256];
    size_t n = end - start < sizeof label - 1 ? end - start : sizeof label - 1;
    memcpy(label, s + start, n);
    label[n] = '\0';
    size_t theme;
    int found = resolve_label(lex, m, label, &theme);
    if (found < 0) {
      snprintf(why, why_size,
               "unknown label \"%s\" (not a theme id of the lexicon; map it "
               "with --map)",
               label);
      return EXIT_INPUT;
    }
    if (found && *count < max)
      themes[(*count)++] = theme;
  }
  return EXIT_OK;
}

int gold_option(int c, const char *cmd, gold_args *g) {
  switch (c) {
  case OPT_GOLD:
    if (g->gold_count == MAX_GOLD_FILES)
      return -usage_error(cmd, "at most %d --gold files at once",
                          MAX_GOLD_FILES);
    g->gold[g->gold_count++] = optarg;
    return 1;
  case OPT_LABELS:
    g->labels = optarg;
    return 1;
  case OPT_MAP:
    g->map = optarg;
    return 1;
  case OPT_SPLIT:
    g->split = optarg;
    return 1;
  default:
    return 0;
  }
}

/* One id of a theme list: its index, or 1 with why not. */
static int list_item(const vb_lexicon *lex, const char *s, size_t len,
                     size_t *theme, char *why, size_t why_size) {
  char id[256];
  if (len == 0 || len >= sizeof id) {
    snprintf(why, why_size,
             len ? "a theme id is too long"
                 : "a theme id is empty (ids are separated by "
                   "',')");
    return 1;
  }
  memcpy(id, s, len);
  id[len] = '\0';
  long t = vb_lexicon_theme_find(lex, id);
  if (t < 0) {
    snprintf(why, why_size,
             "\"%s\" is not a theme id of the lexicon (verbatim lint -v "
             "lists them)",
             id);
    return 1;
  }
  *theme = (size_t)t;
  return 0;
}

int parse_theme_list(const vb_lexicon *lex, const char *list, size_t **themes,
                     size_t *count, char *why, size_t why_size) {
  *themes = NULL;
  *count = 0;
  if (!*list) {
    snprintf(why, why_size, "the list of theme ids is empty");
    return 1;
  }
  size_t items = 1;
  for (const char *p = list; *p; p++)
    items += *p == ',';
  size_t *t = malloc(items * sizeof *t);
  if (!t)
    return -1;
  for (const char *p = list;; p++) {
    size_t len = strcspn(p, ",");
    if (list_item(lex, p, len, &t[*count], why, why_size)) {
      free(t);
      *count = 0;
      return 1;
    }
    (*count)++;
    p += len;
    if (!*p)
      break;
  }
  *themes = t;
  return 0;
}

int parse_gold_spec(const vb_lexicon *lex, const char *cmd, const char *spec,
                    char **path, size_t **themes, size_t *count) {
  const char *colon = strrchr(spec, ':');
  char why[300];
  int rc = 1;
  *themes = NULL;
  *count = 0;
  if (colon)
    rc = parse_theme_list(lex, colon + 1, themes, count, why, sizeof why);
  if (rc < 0)
    return EXIT_INTERNAL;
  if (rc && colon && access(spec, F_OK) != 0)
    return usage_error(
        cmd, "--gold '%s': no such file, and after its last ':' %s", spec, why);
  *path = rc ? strdup(spec) : strndup(spec, (size_t)(colon - spec));
  if (!*path) {
    free(*themes);
    *themes = NULL;
    return EXIT_INTERNAL;
  }
  return EXIT_OK;
}

bool in_split(const vb_row *row, long col, const char *name) {
  if (col < 0)
    return true;
  size_t len;
  const char *s = vb_row_field(row, (size_t)col, &len);
  return len == strlen(name) && memcmp(s, name, len) == 0;
}

int gold_columns(vb_reader *r, const gold_args *g, long *labels, long *split,
                 vb_error *err) {
  *labels = g->gold_count ? vb_reader_find_column(r, g->labels) : -1;
  *split = g->split ? vb_reader_find_column(r, "split") : -1;
  const char *missing = (g->gold_count && *labels < 0) ? g->labels
                        : (g->split && *split < 0)     ? "split"
                                                       : NULL;
  if (!missing)
    return VB_OK;
  memset(err, 0, sizeof *err);
  err->code = VB_ECOLUMN;
  snprintf(err->file, sizeof err->file, "%s", vb_reader_name(r));
  snprintf(err->message, sizeof err->message, "no column named \"%s\"",
           missing);
  return VB_ECOLUMN;
}

int row_labels(const vb_lexicon *lex, const label_map *map, const vb_row *row,
               long labels, size_t *themes, size_t *count, size_t max,
               const char *file, vb_error *err) {
  size_t len;
  const char *l = vb_row_field(row, (size_t)labels, &len);
  char why[400];
  if (!parse_labels(lex, map, l, len, themes, count, max, why, sizeof why))
    return VB_OK;
  memset(err, 0, sizeof *err);
  err->code = VB_EMALFORMED;
  err->line = (unsigned)vb_row_line(row);
  snprintf(err->file, sizeof err->file, "%s", file);
  snprintf(err->message, sizeof err->message, "%s", why);
  return VB_EMALFORMED;
}
