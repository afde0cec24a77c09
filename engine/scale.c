/*
 * scale.c - score scales: which scores exist and which group each is in.
 *
 * NPS (0-10) is the default; other surveys (CSAT 1-5, ...) give an
 * explicit map.  A scale is a small table from integer score to group
 * (or "not on the scale"), built once and read-only after, so threads
 * share it.  Parsing a score accepts an integer with surrounding blanks
 * or a decimal with a zero fraction ("9.0"); an empty field is unscored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define SCALE_MAX 1000

struct vb_scale {
  int min, max;
  signed char *group; /* [score - min] -> vb_group, or -1 */
  char text[160];
};

static const vb_scale NPS_SCALE_ = {
    0, 10, (signed char[]){0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2},
    "detractor=0-6,passive=7-8,promoter=9-10"};

int vb_scale_score(const vb_scale *sc, const char *text, size_t len, int *score,
                   vb_group *group) {
  if (!sc)
    sc = &NPS_SCALE_;
  size_t a = 0, b = len;
  while (a < b && (text[a] == ' ' || text[a] == '\t'))
    a++;
  while (b > a &&
         (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
    b--;
  *score = -1;
  *group = VB_GROUP_UNSCORED;
  if (a == b)
    return VB_OK;
  int v = 0;
  size_t i = a;
  for (; i < b && text[i] >= '0' && text[i] <= '9'; i++) {
    v = v * 10 + (text[i] - '0');
    if (v > sc->max)
      return VB_ESCORE;
  }
  if (i == a)
    return VB_ESCORE;
  if (i < b) { /* only a zero fraction may follow: "9.0" */
    if (text[i] != '.' || i + 1 == b)
      return VB_ESCORE;
    for (i++; i < b; i++)
      if (text[i] != '0')
        return VB_ESCORE;
  }
  if (v < sc->min || sc->group[v - sc->min] < 0)
    return VB_ESCORE;
  *score = v;
  *group = (vb_group)sc->group[v - sc->min];
  return VB_OK;
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
  free(sc->group);
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

int vb_scale_parse(const char *spec, vb_scale **out, vb_error *err) {
  vb__error_clear(err);
  if (!out || !spec)
    return vb__fail(err, VB_EINVAL, NULL, 0, 0, "no scale given");
  *out = NULL;
  if (strcmp(spec, "nps") == 0)
    spec = NPS_SCALE_.text;
  else if (strcmp(spec, "csat5") == 0)
    spec = "detractor=1-3,passive=4,promoter=5";
  signed char map[SCALE_MAX + 1];
  memset(map, -1, sizeof map);
  int lo = SCALE_MAX + 1, hi = -1;
  size_t i = 0;
  while (spec[i]) {
    static const char *const names[] = {"detractor", "passive", "promoter"};
    size_t start = i;
    int g = -1;
    for (int k = 0; k < 3 && g < 0; k++) {
      size_t n = strlen(names[k]);
      if (strncmp(spec + i, names[k], n) == 0 && spec[i + n] == '=') {
        g = k;
        i += n + 1;
      }
    }
    if (g < 0)
      return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)start + 1,
                      "expected detractor=, passive= or promoter= in \"%s\" "
                      "(or a preset: nps, csat5)",
                      spec);
    for (;;) { /* ranges "a-b" or values "a", joined by '|' */
      size_t at = i;
      int a = read_int(spec, &i), b = a;
      if (a >= 0 && spec[i] == '-') {
        i++;
        b = read_int(spec, &i);
      }
      if (a < 0 || b < a)
        return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)at + 1,
                        "expected a score or a range like 1-3 (scores are "
                        "integers 0-%d) in \"%s\"",
                        SCALE_MAX, spec);
      for (int v = a; v <= b; v++) {
        if (map[v] >= 0)
          return vb__fail(err, VB_EINVAL, NULL, 1, (unsigned)at + 1,
                          "score %d is in two groups in \"%s\"", v, spec);
        map[v] = (signed char)g;
      }
      lo = a < lo ? a : lo;
      hi = b > hi ? b : hi;
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
  if (hi < 0)
    return vb__fail(err, VB_EINVAL, NULL, 1, 1, "empty scale");
  vb_scale *sc = calloc(1, sizeof *sc);
  if (sc)
    sc->group = malloc((size_t)(hi - lo + 1));
  if (!sc || !sc->group) {
    vb_scale_free(sc);
    return vb__fail(err, VB_ENOMEM, NULL, 0, 0, "out of memory");
  }
  sc->min = lo;
  sc->max = hi;
  memcpy(sc->group, map + lo, (size_t)(hi - lo + 1));
  snprintf(sc->text, sizeof sc->text, "%s", spec);
  *out = sc;
  return VB_OK;
}
