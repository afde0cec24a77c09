/*
 * scale.c - score scales: which scores exist and which group each is in,
 * and the group labels a survey tool may write instead of scores.
 *
 * NPS (0-10) is the default; other surveys (CSAT 1-5, ...) give an
 * explicit map.  A scale is a small table from integer score to group
 * (or "not on the scale") plus, optionally, a list of group labels
 * ("Unhappy" -> detractor), built once and read-only after, so threads
 * share it.
 *
 * What a score field may hold, after trimming blanks:
 *   - an integer, or a decimal with a zero fraction ("9.0");
 *   - an integer followed by its label, as Typeform and Google Forms
 *     write them: "9 - Very likely", "10 (Extremely likely)": blanks
 *     and/or one separator (- : ( = or a dash) and then a letter.  Only
 *     the integer is read; "8.5" and "9 - 10" stay rejected;
 *   - nothing, or a word that says "no answer" (N/A, NA, -, Don't know,
 *     any case): the response is unscored, not rejected.
 * The plain-integer path is unchanged by the rest: the label and the
 * no-answer words are looked at only when the digits do not end the field.
 *
 * A group field (a Qualtrics "NPS group" column) holds a label, compared
 * ignoring ASCII case: the scale's own labels, else Detractor, Passive,
 * Promoter.  Numeric codes (Qualtrics' 1/2/3) are read through the
 * integer map only when the scale is a map given explicitly: a preset
 * would silently read code 3 as a detractor score.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define SCALE_MAX 1000
#define MAX_LABELS 64

typedef struct scale_label {
  char *name; /* trimmed, as written in the spec */
  size_t len;
  vb_group group;
} scale_label;

struct vb_scale {
  int min, max;       /* max < min when the map holds no integer */
  signed char *group; /* [score - min] -> vb_group, or -1 */
  bool codes;         /* an explicit map: integers are group codes too */
  scale_label *labels;
  size_t label_count;
  char *text;
};

static const vb_scale NPS_SCALE_ = {
    0,    10, (signed char[]){0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2}, false,
    NULL, 0,  "detractor=0-6,passive=7-8,promoter=9-10"};

static const char *const GROUP_NAMES[] = {"detractor", "passive", "promoter"};

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Trims blanks from both ends of [*a, *b). */
static void trim(const char *text, size_t *a, size_t *b) {
  while (*a < *b && is_blank(text[*a]))
    (*a)++;
  while (*b > *a && is_blank(text[*b - 1]))
    (*b)--;
}

static bool same_word(const char *s, size_t len, const char *word) {
  return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* A field that says there is no answer: N/A, NA, -, Don't know. */
static bool no_answer(const char *s, size_t len) {
  static const char *const WORDS[] = {
      "n/a",       "na", "-", "don't know", "don\xe2\x80\x99t know",
      "dont know", NULL};
  for (size_t i = 0; WORDS[i]; i++)
    if (same_word(s, len, WORDS[i]))
      return true;
  return false;
}

/* After a score's digits at s[i], s[b] its end: true when what follows is
 * a label ("9 - Very likely"): blanks and/or one separator, then a letter
 * (any non-ASCII byte counts as one). */
static bool label_follows(const char *s, size_t i, size_t b) {
  size_t j = i;
  while (j < b && is_blank(s[j]))
    j++;
  bool sep = false;
  if (j < b && strchr("-:(=", s[j])) {
    j++;
    sep = true;
  } else if (b - j >= 3 && (unsigned char)s[j] == 0xE2 &&
             (unsigned char)s[j + 1] == 0x80 &&
             ((unsigned char)s[j + 2] == 0x93 ||
              (unsigned char)s[j + 2] == 0x94)) { /* en or em dash */
    j += 3;
    sep = true;
  }
  if (!sep && j == i)
    return false; /* "9a" */
  while (j < b && is_blank(s[j]))
    j++;
  if (j == b)
    return false;
  unsigned char c = (unsigned char)s[j];
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The integer of [a, b) on the scale: its score and group, or VB_ESCORE. */
static int integer_score(const vb_scale *sc, const char *text, size_t a,
                         size_t b, int *score, vb_group *group) {
  int v = 0;
  size_t i = a;
  for (; i < b && text[i] >= '0' && text[i] <= '9'; i++) {
    v = v * 10 + (text[i] - '0');
    if (v > sc->max)
      return VB_ESCORE;
  }
  if (i == a)
    return VB_ESCORE;
  if (i < b && text[i] == '.') { /* only a zero fraction may follow: "9.0" */
    if (i + 1 == b)
      return VB_ESCORE;
    for (i++; i < b; i++)
      if (text[i] != '0')
        return VB_ESCORE;
  } else if (i < b && !label_follows(text, i, b)) {
    return VB_ESCORE;
  }
  if (v < sc->min || sc->group[v - sc->min] < 0)
    return VB_ESCORE;
  *score = v;
  *group = (vb_group)sc->group[v - sc->min];
  return VB_OK;
}

int vb_scale_score(const vb_scale *sc, const char *text, size_t len, int *score,
                   vb_group *group) {
  if (!sc)
    sc = &NPS_SCALE_;
  size_t a = 0, b = len;
  trim(text, &a, &b);
  *score = -1;
  *group = VB_GROUP_UNSCORED;
  if (a == b)
    return VB_OK;
  int rc = integer_score(sc, text, a, b, score, group);
  if (rc && (text[a] < '0' || text[a] > '9') && no_answer(text + a, b - a))
    return VB_OK; /* unscored */
  return rc;
}

int vb_scale_group(const vb_scale *sc, const char *text, size_t len,
                   vb_group *group) {
  size_t a = 0, b = len;
  trim(text, &a, &b);
  *group = VB_GROUP_UNSCORED;
  if (a == b || no_answer(text + a, b - a))
    return VB_OK;
  if (sc && sc->label_count) {
    for (size_t i = 0; i < sc->label_count; i++)
      if (sc->labels[i].len == b - a &&
          strncasecmp(sc->labels[i].name, text + a, b - a) == 0) {
        *group = sc->labels[i].group;
        return VB_OK;
      }
  } else {
    for (int g = 0; g < 3; g++)
      if (same_word(text + a, b - a, GROUP_NAMES[g])) {
        *group = (vb_group)g;
        return VB_OK;
      }
  }
  int score;
  if (sc && sc->codes && integer_score(sc, text, a, b, &score, group) == 0)
    return VB_OK;
  *group = VB_GROUP_UNSCORED;
  return VB_ESCORE;
}

/* The labels a group field may hold, for messages: "Detractor, Passive or
 * Promoter" or the scale's map. */
static void describe_labels(const vb_scale *sc, char *buf, size_t size) {
  if (sc && (sc->label_count || sc->codes))
    snprintf(buf, size, "%s", sc->text);
  else
    snprintf(buf, size, "Detractor, Passive or Promoter");
}

void vb__scale_reject_reason(const vb_scale *sc, bool is_group,
                             const char *value, size_t len, const char *column,
                             char *buf, size_t size) {
  int shown = (int)(len > 40 ? 40 : len);
  if (!is_group) {
    snprintf(buf, size,
             "score \"%.*s\" in column \"%s\" is not on the scale (%s)", shown,
             value, column, vb_scale_text(sc));
    return;
  }
  char labels[256];
  describe_labels(sc, labels, sizeof labels);
  bool numeric = len > 0 && value[0] >= '0' && value[0] <= '9';
  snprintf(buf, size,
           "group \"%.*s\" in column \"%s\" is not a group label (%s)%s", shown,
           value, column, labels,
           numeric && !(sc && sc->codes) ? "; numeric codes need a map such as "
                                           "detractor=1,passive=2,promoter=3"
                                         : "");
}

int vb_score_parse(const char *text, size_t len, int *score, vb_group *group) {
  return vb_scale_score(NULL, text, len, score, group);
}

const char *vb_scale_text(const vb_scale *sc) {
  return (sc ? sc : &NPS_SCALE_)->text;
}

void vb_scale_free(vb_scale *sc) {
  if (!sc)
    return;
  for (size_t i = 0; i < sc->label_count; i++)
    free(sc->labels[i].name);
  free(sc->labels);
  free(sc->group);
  free(sc->text);
  free(sc);
}

/* Reads an integer 0..SCALE_MAX at s[*i]; -1 when there is none. */
static int read_int(const char *s, size_t *i) {
  size_t start = *i;
  int v = 0;
  while (s[*i] >= '0' && s[*i] <= '9' && v <= SCALE_MAX)
    v = v * 10 + (s[(*i)++] - '0');
  return *i == start || v > SCALE_MAX ? -1 : v;
}

/* What vb_scale_parse builds before it allocates the scale. */
typedef struct scale_draft {
  signed char map[SCALE_MAX + 1];
  int lo, hi;
  scale_label labels[MAX_LABELS];
  size_t label_count;
} scale_draft;

static void draft_free(scale_draft *d) {
  for (size_t i = 0; i < d->label_count; i++)
    free(d->labels[i].name);
}

/* "a-b" or "a" at spec[*i] into group g. */
static int parse_range(scale_draft *d, const char *spec, size_t *i, int g,
                       vb_error *err) {
  size_t at = *i;
  int a = read_int(spec, i), b = a;
  if (a >= 0 && spec[*i] == '-') {
    (*i)++;
    b = read_int(spec, i);
  }
  if (a < 0 || b < a)
    return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)at + 1,
                    "expected a score or a range like 1-3 (scores are "
                    "integers 0-%d) in \"%s\"",
                    SCALE_MAX, spec);
  for (int v = a; v <= b; v++) {
    if (d->map[v] >= 0)
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)at + 1,
                      "score %d is in two groups in \"%s\"", v, spec);
    d->map[v] = (signed char)g;
  }
  d->lo = a < d->lo ? a : d->lo;
  d->hi = b > d->hi ? b : d->hi;
  return VB_OK;
}

/* A label ("Very unhappy") at spec[*i], up to '|', ',' or the end. */
static int parse_label(scale_draft *d, const char *spec, size_t *i, int g,
                       vb_error *err) {
  size_t at = *i, a = *i, b = *i + strcspn(spec + *i, "|,");
  *i = b;
  trim(spec, &a, &b);
  if (a == b)
    return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)at + 1,
                    "expected a score, a range or a label in \"%s\"", spec);
  for (size_t k = 0; k < d->label_count; k++)
    if (d->labels[k].len == b - a &&
        strncasecmp(d->labels[k].name, spec + a, b - a) == 0)
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)a + 1,
                      "label \"%.*s\" is in two groups in \"%s\"", (int)(b - a),
                      spec + a, spec);
  if (d->label_count == MAX_LABELS)
    return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)a + 1,
                    "at most %d labels in \"%s\"", MAX_LABELS, spec);
  scale_label *l = &d->labels[d->label_count];
  if (!(l->name = vb__memdup(spec + a, b - a)))
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  l->len = b - a;
  l->group = (vb_group)g;
  d->label_count++;
  return VB_OK;
}

/* "detractor=", "passive=" or "promoter=" at spec[*i]: its group, or -1. */
static int parse_group_name(const char *spec, size_t *i) {
  for (int k = 0; k < 3; k++) {
    size_t n = strlen(GROUP_NAMES[k]);
    if (strncmp(spec + *i, GROUP_NAMES[k], n) == 0 && spec[*i + n] == '=') {
      *i += n + 1;
      return k;
    }
  }
  return -1;
}

static int parse_spec(scale_draft *d, const char *spec, vb_error *err) {
  size_t i = 0;
  while (spec[i]) {
    size_t start = i;
    int g = parse_group_name(spec, &i);
    if (g < 0)
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)start + 1,
                      "expected detractor=, passive= or promoter= in \"%s\" "
                      "(or a preset: nps, csat5)",
                      spec);
    for (;;) { /* ranges "a-b", values "a" or labels, joined by '|' */
      bool number = spec[i] >= '0' && spec[i] <= '9';
      int rc = number ? parse_range(d, spec, &i, g, err)
                      : parse_label(d, spec, &i, g, err);
      if (rc)
        return rc;
      if (spec[i] != '|')
        break;
      i++;
    }
    if (spec[i] == ',')
      i++;
    else if (spec[i])
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)i + 1,
                      "expected ',' in \"%s\"", spec);
  }
  if (d->hi < 0 && d->label_count == 0)
    return vb__fail(err, VB_EINVAL, NULL, 1, 1, "empty scale");
  return VB_OK;
}

/* The scale of a parsed draft; takes its labels. */
static int scale_build(scale_draft *d, const char *spec, bool codes,
                       vb_scale **out, vb_error *err) {
  vb_scale *sc = calloc(1, sizeof *sc);
  size_t n = d->hi >= d->lo ? (size_t)(d->hi - d->lo + 1) : 0;
  if (sc) {
    sc->text = strdup(spec);
    sc->group = n ? malloc(n) : NULL;
    sc->labels =
        d->label_count ? calloc(d->label_count, sizeof *sc->labels) : NULL;
  }
  if (!sc || !sc->text || (n && !sc->group) ||
      (d->label_count && !sc->labels)) {
    vb_scale_free(sc);
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  }
  sc->min = n ? d->lo : 0;
  sc->max = n ? d->hi : -1;
  if (n)
    memcpy(sc->group, d->map + d->lo, n);
  sc->codes = codes && n > 0;
  if (d->label_count)
    memcpy(sc->labels, d->labels, d->label_count * sizeof *sc->labels);
  sc->label_count = d->label_count;
  d->label_count = 0; /* the scale owns them now */
  *out = sc;
  return VB_OK;
}

int vb_scale_parse(const char *spec, vb_scale **out, vb_error *err) {
  vb__error_clear(err);
  if (!out || !spec)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no scale given");
  *out = NULL;
  bool preset = true;
  if (strcmp(spec, "nps") == 0)
    spec = NPS_SCALE_.text;
  else if (strcmp(spec, "csat5") == 0)
    spec = "detractor=1-3,passive=4,promoter=5";
  else
    preset = false;
  scale_draft *d = malloc(sizeof *d);
  if (!d)
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  memset(d->map, -1, sizeof d->map);
  d->lo = SCALE_MAX + 1;
  d->hi = -1;
  d->label_count = 0;
  int rc = parse_spec(d, spec, err);
  if (!rc)
    rc = scale_build(d, spec, !preset, out, err);
  draft_free(d);
  free(d);
  return rc;
}

int vb_scale_has_labels(const vb_scale *sc) {
  return sc && sc->label_count > 0;
}
