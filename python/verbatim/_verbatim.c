/*
 * _verbatim.c - the CPython extension under the `verbatim` package: a thin
 * layer over libverbatim's public header (include/verbatim.h), nothing else.
 *
 * What is here is only what Python cannot do itself: compiling a lexicon,
 * running the matcher on one text, running a job (the C worker threads)
 * over a file and keeping each row's result by its index, building a
 * report the way `verbatim report` does, and moving reports through the
 * partial format (vb_report_save / vb_report_load).  Everything shaped for
 * people (dataclasses, DataFrames, Dask) is in the Python modules beside
 * this file.
 *
 * The GIL is released around every call into the library that does real
 * work (vb_matcher_run, vb_job_run); the callbacks the job makes from its
 * threads touch only C memory.  A Lexicon keeps one spare matcher for
 * tag(); a caller who finds it taken (another thread is tagging) makes its
 * own, so two threads tag at once without sharing one.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "verbatim.h"

static PyObject *Error, *LexiconError, *InputError, *PartialError;

/* Raises the exception for a library status, with the error's position. */
static PyObject *raise_vb(PyObject *type, int rc, const vb_error *err) {
  const char *msg = err && err->message[0] ? err->message : vb_strerror(rc);
  PyObject *exc = PyObject_CallFunction(type, "s", msg);
  if (!exc)
    return NULL;
  PyObject *code = PyUnicode_FromString(vb_err_name(rc));
  if (code)
    PyObject_SetAttrString(exc, "code", code);
  Py_XDECREF(code);
  PyObject *file = err && err->file[0] ? PyUnicode_DecodeFSDefault(err->file)
                                       : Py_NewRef(Py_None);
  PyObject_SetAttrString(exc, "file", file);
  Py_DECREF(file);
  PyObject *line = PyLong_FromUnsignedLong(err ? err->line : 0);
  PyObject *col = PyLong_FromUnsignedLong(err ? err->column : 0);
  PyObject_SetAttrString(exc, "line", line);
  PyObject_SetAttrString(exc, "column", col);
  Py_DECREF(line);
  Py_DECREF(col);
  PyErr_SetObject(type, exc);
  Py_DECREF(exc);
  return NULL;
}

static PyObject *raise_status(int rc, const vb_error *err) {
  if (rc == VB_ENOMEM)
    return PyErr_NoMemory();
  PyObject *type = rc == VB_EJSON || rc == VB_ELEXICON || rc == VB_EPATTERN ||
                           rc == VB_ELANGUAGE
                       ? LexiconError
                   : rc == VB_EPARTIAL || rc == VB_EMISMATCH ? PartialError
                                                             : InputError;
  return raise_vb(type, rc, err);
}

/* ---- Lexicon ------------------------------------------------------------ */

typedef struct {
  PyObject_HEAD vb_lexicon *lex;
  PyObject *ids;     /* tuple of theme ids (str), by theme index */
  PyObject **terms;  /* each term's text (str), made when first matched */
  vb_matcher *spare; /* taken by tag() under spare_lock */
  pthread_mutex_t spare_lock;
} LexiconObject;

static void lexicon_dealloc(LexiconObject *self) {
  vb_matcher_free(self->spare);
  for (size_t i = 0; self->terms && i < vb_lexicon_term_count(self->lex); i++)
    Py_XDECREF(self->terms[i]);
  free(self->terms);
  vb_lexicon_free(self->lex);
  Py_XDECREF(self->ids);
  pthread_mutex_destroy(&self->spare_lock);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *lexicon_wrap(PyTypeObject *type, vb_lexicon *lex) {
  LexiconObject *self = (LexiconObject *)type->tp_alloc(type, 0);
  if (!self) {
    vb_lexicon_free(lex);
    return NULL;
  }
  self->lex = lex;
  pthread_mutex_init(&self->spare_lock, NULL);
  size_t n = vb_lexicon_theme_count(lex);
  self->terms = calloc(vb_lexicon_term_count(lex) + 1, sizeof *self->terms);
  if (!self->terms) {
    Py_DECREF(self);
    return PyErr_NoMemory();
  }
  if (!(self->ids = PyTuple_New((Py_ssize_t)n))) {
    Py_DECREF(self);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    PyObject *id = PyUnicode_FromString(vb_lexicon_theme_id(lex, i));
    if (!id) {
      Py_DECREF(self);
      return NULL;
    }
    PyTuple_SET_ITEM(self->ids, (Py_ssize_t)i, id);
  }
  return (PyObject *)self;
}

/* _Lexicon(names, texts): compiles documents; _Lexicon() the default. */
static PyObject *lexicon_new(PyTypeObject *type, PyObject *args, PyObject *kw) {
  PyObject *names = NULL, *texts = NULL;
  static char *kwlist[] = {"names", "texts", NULL};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|OO", kwlist, &names, &texts))
    return NULL;
  vb_lexicon *lex = NULL;
  vb_error err = {0};
  int rc;
  if (!names || names == Py_None) {
    Py_BEGIN_ALLOW_THREADS rc = vb_lexicon_default(&lex, &err);
    Py_END_ALLOW_THREADS
  } else {
    if (!PyList_Check(names) || !PyList_Check(texts) ||
        PyList_GET_SIZE(names) != PyList_GET_SIZE(texts) ||
        PyList_GET_SIZE(names) == 0) {
      PyErr_SetString(PyExc_TypeError, "names and texts: two lists alike");
      return NULL;
    }
    size_t n = (size_t)PyList_GET_SIZE(names);
    const char **cn = calloc(n, sizeof *cn), **ct = calloc(n, sizeof *ct);
    size_t *cl = calloc(n, sizeof *cl);
    if (!cn || !ct || !cl) {
      free(cn), free(ct), free(cl);
      return PyErr_NoMemory();
    }
    rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
      Py_ssize_t len;
      cn[i] = PyUnicode_AsUTF8(PyList_GET_ITEM(names, i));
      ct[i] = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(texts, i), &len);
      cl[i] = (size_t)len;
      rc = !cn[i] || !ct[i];
    }
    if (!rc) {
      Py_BEGIN_ALLOW_THREADS rc = vb_lexicon_compile(n, cn, ct, cl, &lex, &err);
      Py_END_ALLOW_THREADS
    } else
      rc = -1000; /* a Python error is set */
    free(cn), free(ct), free(cl);
    if (rc == -1000)
      return NULL;
  }
  if (rc)
    return raise_status(rc, &err);
  return lexicon_wrap(type, lex);
}

static PyObject *lexicon_themes(LexiconObject *self, PyObject *unused) {
  (void)unused;
  size_t n = vb_lexicon_theme_count(self->lex);
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++) {
    long parent = vb_lexicon_theme_parent(self->lex, i);
    /* "z": the parent's id, or None at the top level */
    PyObject *t = Py_BuildValue(
        "(ssz)", vb_lexicon_theme_id(self->lex, i),
        vb_lexicon_theme_label(self->lex, i),
        parent < 0 ? NULL : vb_lexicon_theme_id(self->lex, (size_t)parent));
    if (!t) {
      Py_DECREF(list);
      return NULL;
    }
    PyList_SET_ITEM(list, (Py_ssize_t)i, t);
  }
  return list;
}

static PyObject *lexicon_documents(LexiconObject *self, PyObject *unused) {
  (void)unused;
  size_t n = vb_lexicon_document_count(self->lex);
  PyObject *names = PyList_New((Py_ssize_t)n),
           *texts = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; names && texts && i < n; i++) {
    const char *name;
    size_t len;
    const char *text = vb_lexicon_document(self->lex, i, &name, &len);
    PyList_SET_ITEM(names, (Py_ssize_t)i, PyUnicode_FromString(name));
    PyList_SET_ITEM(texts, (Py_ssize_t)i,
                    PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "replace"));
  }
  return Py_BuildValue("(NN)", names, texts);
}

/* ---- results: Match and Tagging (struct sequences: named, fast) -------- */

static PyTypeObject *MatchType, *TaggingType;

static PyStructSequence_Field match_fields[] = {
    {"theme", "theme id (the term's own theme, not the rolled-up parent)"},
    {"term", "the lexicon term that matched"},
    {"start", "character offset of the span's start"},
    {"end", "character offset of the span's end"},
    {"text", "the span: text[start:end]"},
    {"negated", "a negator governs it"},
    {"excluded", "removed by an exclude term: not counted"},
    {"dropped", "negated in a theme that drops negated mentions"},
    {"typo", "a word matched as a typo"},
    {NULL, NULL}};
static PyStructSequence_Desc match_desc = {
    "verbatim.Match", "One mention of a theme in a text.", match_fields, 9};

static PyStructSequence_Field tagging_fields[] = {
    {"themes", "theme ids mentioned, parents rolled up, lexicon order"},
    {"matches", "every Match (a tuple), excluded and dropped ones too"},
    {"rejected", "why the row was rejected, or None"},
    {"group", "score group when scores were given, else None"},
    {"language", "the text's language as detected (BCP 47, 'und' when not "
                 "sure) when the lexicons have several languages, else None"},
    {NULL, NULL}};
static PyStructSequence_Desc tagging_desc = {
    "verbatim.Tagging", "What the lexicon found in one text.", tagging_fields,
    5};

/* A match's span as character offsets (UTF-8 bytes that do not continue
 * a character), counted in the worker thread. */
typedef struct {
  size_t start, end;
  uint32_t theme, term;
  unsigned char negated, excluded, dropped, typo;
} kept_match;

static size_t utf8_chars(const char *s, size_t from, size_t to) {
  size_t n = 0;
  for (size_t i = from; i < to; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

/* Copies the matcher's matches with character offsets into out (room
 * for all of them). */
static void keep_matches(const vb_matcher *m, const char *text, int ascii,
                         kept_match *out, size_t n) {
  size_t at = 0, chars = 0;
  for (size_t j = 0; j < n; j++) {
    const vb_match *x = vb_matcher_match(m, j);
    size_t s = x->start, e = x->end;
    if (!ascii) {
      if (s < at) /* not in order: count again from the start */
        at = chars = 0;
      chars += utf8_chars(text, at, s);
      at = s;
      e = chars + utf8_chars(text, s, e);
      s = chars;
    }
    out[j] = (kept_match){s,
                          e,
                          (uint32_t)x->theme,
                          (uint32_t)x->term,
                          (unsigned char)!!x->negated,
                          (unsigned char)!!x->excluded,
                          (unsigned char)!!x->dropped,
                          (unsigned char)!!x->typo};
  }
}

/* The term's text as a str, made once per lexicon and shared. */
static PyObject *term_str(LexiconObject *lex, size_t term) {
  PyObject **s = &lex->terms[term];
  if (!*s)
    *s = PyUnicode_FromString(vb_lexicon_term_text(lex->lex, term));
  return *s ? Py_NewRef(*s) : NULL;
}

/* A group's name as a str, interned: shared by every Tagging. */
static PyObject *group_str(const char *name) {
  return PyUnicode_InternFromString(name);
}

/* A Match holds only str, int and bool: it cannot be part of a cycle, so
 * the cyclic garbage collector is told not to follow it (with millions
 * of them, its passes were a third of tag_many's time). */
static PyObject *new_match(LexiconObject *lex, PyObject *text,
                           const kept_match *x) {
  PyObject *m = PyStructSequence_New(MatchType);
  if (!m)
    return NULL;
  PyObject_GC_UnTrack(m);
  PyObject *id = PyTuple_GET_ITEM(lex->ids, (Py_ssize_t)x->theme);
  PyStructSequence_SET_ITEM(m, 0, Py_NewRef(id));
  PyStructSequence_SET_ITEM(m, 1, term_str(lex, x->term));
  PyStructSequence_SET_ITEM(m, 2, PyLong_FromSize_t(x->start));
  PyStructSequence_SET_ITEM(m, 3, PyLong_FromSize_t(x->end));
  PyStructSequence_SET_ITEM(
      m, 4,
      PyUnicode_Substring(text, (Py_ssize_t)x->start, (Py_ssize_t)x->end));
  PyStructSequence_SET_ITEM(m, 5, Py_NewRef(x->negated ? Py_True : Py_False));
  PyStructSequence_SET_ITEM(m, 6, Py_NewRef(x->excluded ? Py_True : Py_False));
  PyStructSequence_SET_ITEM(m, 7, Py_NewRef(x->dropped ? Py_True : Py_False));
  PyStructSequence_SET_ITEM(m, 8, Py_NewRef(x->typo ? Py_True : Py_False));
  for (Py_ssize_t i = 1; i < 5; i++)
    if (!PyStructSequence_GET_ITEM(m, i)) {
      Py_DECREF(m);
      return NULL;
    }
  return m;
}

/* A Tagging from kept results; rejected (a reason) or group may be NULL.
 * It holds only str, None and tuples of them or of Matches, all
 * immutable: like the Matches, it cannot be part of a cycle and is not
 * followed by the collector. */
static PyObject *new_tagging(LexiconObject *lex, PyObject *text,
                             const size_t *themes, size_t nt,
                             const kept_match *matches, size_t nm,
                             const char *rejected, const char *group,
                             const char *language) {
  PyObject *t = PyStructSequence_New(TaggingType);
  PyObject *tt = PyTuple_New((Py_ssize_t)nt), *mt = PyTuple_New((Py_ssize_t)nm);
  if (!t || !tt || !mt) {
    Py_XDECREF(t), Py_XDECREF(tt), Py_XDECREF(mt);
    return NULL;
  }
  PyObject_GC_UnTrack(t);
  if (nt) /* the empty tuple is shared (and untracked already) */
    PyObject_GC_UnTrack(tt);
  if (nm)
    PyObject_GC_UnTrack(mt);
  for (size_t i = 0; i < nt; i++)
    PyTuple_SET_ITEM(
        tt, (Py_ssize_t)i,
        Py_NewRef(PyTuple_GET_ITEM(lex->ids, (Py_ssize_t)themes[i])));
  PyStructSequence_SET_ITEM(t, 0, tt);
  PyStructSequence_SET_ITEM(t, 1, mt);
  PyStructSequence_SET_ITEM(
      t, 2, rejected ? PyUnicode_FromString(rejected) : Py_NewRef(Py_None));
  PyStructSequence_SET_ITEM(t, 3,
                            group ? group_str(group) : Py_NewRef(Py_None));
  PyStructSequence_SET_ITEM(t, 4,
                            language && language[0]
                                ? PyUnicode_FromString(language)
                                : Py_NewRef(Py_None));
  if (!PyStructSequence_GET_ITEM(t, 2) || !PyStructSequence_GET_ITEM(t, 3) ||
      !PyStructSequence_GET_ITEM(t, 4)) {
    Py_DECREF(t);
    return NULL;
  }
  for (size_t i = 0; i < nm; i++) {
    PyObject *m = new_match(lex, text, &matches[i]);
    if (!m) {
      Py_DECREF(t);
      return NULL;
    }
    PyTuple_SET_ITEM(mt, (Py_ssize_t)i, m);
  }
  return t;
}

static vb_matcher *take_matcher(LexiconObject *self) {
  pthread_mutex_lock(&self->spare_lock);
  vb_matcher *m = self->spare;
  self->spare = NULL;
  pthread_mutex_unlock(&self->spare_lock);
  return m;
}

static void give_matcher(LexiconObject *self, vb_matcher *m) {
  pthread_mutex_lock(&self->spare_lock);
  if (!self->spare) {
    self->spare = m;
    m = NULL;
  }
  pthread_mutex_unlock(&self->spare_lock);
  vb_matcher_free(m);
}

/* tag(str) -> Tagging. */
static PyObject *lexicon_tag(LexiconObject *self, PyObject *arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "tag() takes a str, not %s",
                 Py_TYPE(arg)->tp_name);
    return NULL;
  }
  Py_ssize_t len;
  const char *text = PyUnicode_AsUTF8AndSize(arg, &len);
  if (!text)
    return NULL;
  int ascii = PyUnicode_IS_ASCII(arg);
  vb_matcher *m = take_matcher(self);
  vb_error err = {0};
  kept_match *kept = NULL;
  const size_t *themes = NULL;
  size_t nt = 0, nm = 0;
  int rc = VB_OK;
  char language[16] = "";
  Py_BEGIN_ALLOW_THREADS if (!m) rc = vb_matcher_new(self->lex, &m, &err);
  if (!rc && vb_lexicon_language_count(self->lex) > 1) {
    /* as a job routes it: detected, else English, else the first */
    size_t n = vb_detect_language(text, (size_t)len, language);
    vb_matcher_language(m, vb_lexicon_route_or(self->lex, language, n, "en"));
  }
  if (!rc)
    rc = vb_matcher_run(m, text, (size_t)len);
  if (!rc || rc == VB_EMATCHLIMIT) {
    rc = VB_OK;
    nt = vb_matcher_themes(m, &themes);
    nm = vb_matcher_match_count(m);
    if ((kept = malloc((nm + 1) * sizeof *kept)))
      keep_matches(m, text, ascii, kept, nm);
    else
      rc = VB_ENOMEM;
  }
  Py_END_ALLOW_THREADS PyObject *out =
      rc ? raise_status(rc, &err)
         : new_tagging(self, arg, themes, nt, kept, nm, NULL, NULL, language);
  free(kept);
  give_matcher(self, m);
  return out;
}

/* ---- tag_many: a job over texts in memory, each row's result by index --- */

/* The texts reach the job as CSV that a read callback writes on demand
 * (vb_reader_open_callback): a header, then each text (and score) as a
 * quoted field, its quotes doubled.  Nothing is copied but into the
 * reader's own buffer, and no file is written. */
typedef struct {
  const char **text, **score; /* by row; score NULL: no score column */
  size_t *tlen, *slen;
  size_t count;
  const char *head; /* the header line, then the rows */
  size_t head_len, head_at;
  size_t row; /* the row being written */
  int part;   /* of that row: 0 score, 1 ',', 2 text, 3 line end */
  int inside; /* the field's opening quote is out */
  int half;   /* a doubled quote's second '"' is owed */
  size_t at;  /* bytes of the field's value out */
} feed;

/* Writes what fits of field s[0..n) quoted into buf; 1 when all of it
 * (closing quote included) is out. */
static int put_field(feed *f, const char *s, size_t n, char *buf, size_t size,
                     size_t *w) {
  if (!f->inside) {
    if (*w == size)
      return 0;
    buf[(*w)++] = '"';
    f->inside = 1;
  }
  for (;;) {
    if (f->half) {
      if (*w == size)
        return 0;
      buf[(*w)++] = '"';
      f->half = 0;
    }
    if (f->at == n)
      break;
    size_t room = size - *w, left = n - f->at;
    if (!room)
      return 0;
    size_t run = left < room ? left : room;
    const char *q = memchr(s + f->at, '"', run);
    if (q)
      run = (size_t)(q - (s + f->at)) + 1, f->half = 1;
    memcpy(buf + *w, s + f->at, run);
    *w += run, f->at += run;
  }
  if (*w == size)
    return 0;
  buf[(*w)++] = '"';
  f->inside = 0, f->at = 0;
  return 1;
}

static long feed_read(void *ctx, char *buf, size_t size) {
  feed *f = ctx;
  size_t w = 0;
  while (f->head_at < f->head_len && w < size)
    buf[w++] = f->head[f->head_at++];
  while (w < size && f->row < f->count) {
    size_t i = f->row;
    switch (f->part) {
    case 0:
      if (!f->score) {
        f->part = 2;
        break;
      }
      if (!put_field(f, f->score[i], f->slen[i], buf, size, &w))
        return (long)w;
      f->part = 1;
      break;
    case 1:
      buf[w++] = ',';
      f->part = 2;
      break;
    case 2:
      if (!put_field(f, f->text[i], f->tlen[i], buf, size, &w))
        return (long)w;
      f->part = 3;
      break;
    default:
      buf[w++] = '\n';
      f->part = 0;
      f->row++;
    }
  }
  return (long)w;
}

/* Each row's result, kept by row index in memory its worker owns. */
typedef struct {
  size_t *themes;
  kept_match *matches;
  char *rejected; /* reason, or NULL */
  uint32_t ntheme, nmatch;
  vb_group group;
  char language[16]; /* as routed ("" when not) */
  atomic_int done;   /* set last, by the worker, once the rest is written */
} kept_row;

/* A worker's memory: blocks its rows' themes, matches and reasons are cut
 * from (no malloc per row), all freed after the results are built. */
typedef struct block {
  struct block *next;
  size_t used, size;
  max_align_t data[];
} block;

typedef struct worker {
  struct worker *next;
  struct keep_ctx *k;
  block *blocks;
} worker;

/* tag_many's run: the job runs on a thread of its own while the calling
 * thread builds the Python results of the rows done so far, in order. */
typedef struct keep_ctx {
  kept_row *rows;
  size_t count;
  int matches;          /* keep the matches, not only the themes */
  pthread_mutex_t lock; /* the worker list; waking the builder */
  pthread_cond_t wake;
  worker *workers;
  atomic_size_t want_lo, want_hi; /* rows the builder waits for */
  int finished;                   /* the job is over (under lock) */
  /* the job's, for its thread */
  LexiconObject *self;
  feed *f;
  unsigned jobs;
  int rc;
  vb_error err;
} keep_ctx;

static void *worker_alloc(worker *w, size_t bytes) {
  bytes = (bytes + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
  block *b = w->blocks;
  if (!b || b->size - b->used < bytes) {
    size_t size = bytes > ((size_t)1 << 20) ? bytes : (size_t)1 << 20;
    if (!(b = malloc(sizeof *b + size)))
      return NULL;
    b->next = w->blocks, b->used = 0, b->size = size;
    w->blocks = b;
  }
  void *p = (char *)b->data + b->used;
  b->used += bytes;
  return p;
}

static int keep_open(void *ctx, void **state) {
  keep_ctx *k = ctx;
  worker *w = calloc(1, sizeof *w);
  if (!w)
    return VB_ENOMEM;
  w->k = k;
  pthread_mutex_lock(&k->lock);
  w->next = k->workers;
  k->workers = w;
  pthread_mutex_unlock(&k->lock);
  *state = w;
  return VB_OK;
}

static void free_workers(keep_ctx *k) {
  for (worker *w = k->workers, *nw; w; w = nw) {
    nw = w->next;
    for (block *b = w->blocks, *nb; b; b = nb) {
      nb = b->next;
      free(b);
    }
    free(w);
  }
  k->workers = NULL;
}

static int is_ascii(const char *s, size_t len) {
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

/* A tagged row's themes and matches, into its slot. */
static int keep_tagged(worker *w, kept_row *r, const vb_row *row) {
  r->group = vb_row_group(row);
  size_t llen;
  const char *lang = vb_row_language(row, &llen);
  if (llen >= sizeof r->language)
    llen = sizeof r->language - 1;
  memcpy(r->language, lang, llen);
  r->language[llen] = '\0';
  const vb_matcher *m = vb_row_matcher(row);
  const size_t *themes;
  size_t len, nt = vb_matcher_themes(m, &themes);
  size_t nm = w->k->matches ? vb_matcher_match_count(m) : 0;
  r->ntheme = (uint32_t)nt, r->nmatch = (uint32_t)nm;
  if (nt && !(r->themes = worker_alloc(w, nt * sizeof *themes)))
    return VB_ENOMEM;
  memcpy(r->themes, themes, nt * sizeof *themes);
  if (nm) {
    const char *text = vb_row_text(row, &len);
    if (!(r->matches = worker_alloc(w, nm * sizeof *r->matches)))
      return VB_ENOMEM;
    keep_matches(m, text, is_ascii(text, len), r->matches, nm);
  }
  return VB_OK;
}

/* Runs in the worker threads: each row writes only its own slot, with
 * memory from its worker's blocks. */
static int keep_row(void *state, const vb_row *row, FILE *out, vb_error *err) {
  (void)out, (void)err;
  worker *w = state;
  keep_ctx *k = w->k;
  uint64_t i = vb_row_index(row);
  if (i >= k->count)
    return VB_OK; /* more rows than texts: counted, and an error after */
  kept_row *r = &k->rows[i];
  const char *why = vb_row_rejected(row);
  if (why) {
    size_t n = strlen(why) + 1;
    if (!(r->rejected = worker_alloc(w, n)))
      return VB_ENOMEM;
    memcpy(r->rejected, why, n);
  } else if (keep_tagged(w, r, row))
    return VB_ENOMEM;
  atomic_store(&r->done, 1);
  if (atomic_load(&k->want_lo) == i || atomic_load(&k->want_hi) == i) {
    pthread_mutex_lock(&k->lock);
    pthread_cond_signal(&k->wake);
    pthread_mutex_unlock(&k->lock);
  }
  return VB_OK;
}

/* Reads texts as the feed writes them: CSV, comma, no rows skipped. */
static int open_feed(feed *f, vb_reader **r, vb_error *err) {
  vb_reader_options *o;
  if (vb_reader_options_new(&o))
    return VB_ENOMEM;
  vb_reader_options_set_format(o, VB_FORMAT_CSV);
  vb_reader_options_set_skip_rows(o, 0);
  int rc = vb_reader_options_set_delimiter(o, ',');
  if (!rc)
    rc = vb_reader_options_set_encoding(o, "UTF-8");
  if (!rc)
    rc = vb_reader_open_callback(feed_read, f, "<texts>", o, r, err);
  vb_reader_options_free(o);
  return rc;
}

/* Runs the job over the feed (the GIL released by the caller). */
static int run_feed(LexiconObject *self, feed *f, unsigned jobs, keep_ctx *k,
                    vb_error *err) {
  vb_sink sink = {.ctx = k, .open = keep_open, .row = keep_row};
  vb_job *job = NULL;
  vb_tally *tally = NULL;
  vb_reader *r = NULL;
  int rc = vb_job_new(self->lex, &job);
  if (!rc) /* only the row count is read: no per-theme counting */
    rc = vb_tally_new_counts(self->lex, &tally);
  if (!rc)
    rc = vb_job_set_columns(job, "comment", f->score ? "score" : NULL, NULL);
  if (!rc) {
    vb_job_set_output(job, NULL, VB_OUTPUT_NONE);
    vb_job_set_threads(job, jobs);
    rc = vb_job_add_sink(job, &sink, NULL);
  }
  if (!rc)
    rc = open_feed(f, &r, err);
  if (!rc)
    rc = vb_job_run(job, r, tally, err);
  if (!rc && vb_tally_count(tally, VB_COUNT_READ) != (uint64_t)f->count) {
    snprintf(err->message, sizeof err->message, "%llu rows read for %zu texts",
             (unsigned long long)vb_tally_count(tally, VB_COUNT_READ),
             f->count);
    rc = VB_EMALFORMED;
  }
  vb_reader_free(r);
  vb_tally_free(tally);
  vb_job_free(job);
  return rc;
}

/* The UTF-8 of item i of list (a str, or None: ""), for the feed. */
static int utf8_item(PyObject *list, Py_ssize_t i, const char *what,
                     const char **s, size_t *n) {
  PyObject *o = PyList_GET_ITEM(list, i);
  Py_ssize_t len = 0;
  if (o == Py_None) {
    *s = "", *n = 0;
    return 0;
  }
  if (!PyUnicode_Check(o)) {
    PyErr_Format(PyExc_TypeError, "tag_many() takes %s as str, not %s", what,
                 Py_TYPE(o)->tp_name);
    return -1;
  }
  if (!(*s = PyUnicode_AsUTF8AndSize(o, &len)))
    return -1;
  *n = (size_t)len;
  return 0;
}

/* The job's thread: runs it, then says it is over. */
static void *job_thread(void *arg) {
  keep_ctx *k = arg;
  int rc = run_feed(k->self, k->f, k->jobs, k, &k->err);
  pthread_mutex_lock(&k->lock);
  k->rc = rc;
  k->finished = 1;
  pthread_cond_broadcast(&k->wake);
  pthread_mutex_unlock(&k->lock);
  return NULL;
}

/* Waits, the GIL released, until row i is done (1) or the job is over
 * without it (0).  It waits for a row further on too, so that the
 * builder wakes once per few thousand rows, not once per row. */
static int wait_row(keep_ctx *k, size_t i) {
  if (atomic_load(&k->rows[i].done))
    return 1;
  size_t hi = k->count - i > 4096 ? i + 4096 : k->count - 1;
  Py_BEGIN_ALLOW_THREADS pthread_mutex_lock(&k->lock);
  atomic_store(&k->want_lo, i);
  atomic_store(&k->want_hi, hi);
  while (!k->finished &&
         !(atomic_load(&k->rows[i].done) && atomic_load(&k->rows[hi].done)))
    pthread_cond_wait(&k->wake, &k->lock);
  atomic_store(&k->want_lo, SIZE_MAX);
  atomic_store(&k->want_hi, SIZE_MAX);
  pthread_mutex_unlock(&k->lock);
  Py_END_ALLOW_THREADS return atomic_load(&k->rows[i].done);
}

/* The Tagging of kept row i. */
static PyObject *kept_tagging(LexiconObject *self, PyObject *texts,
                              const kept_row *x, Py_ssize_t i, int scored) {
  PyObject *text = PyList_GET_ITEM(texts, i);
  size_t nm = text == Py_None ? 0 : x->nmatch; /* None read as "" */
  return new_tagging(
      self, text, x->themes, x->ntheme, x->matches, nm, x->rejected,
      !x->rejected && scored ? vb_group_name(x->group) : NULL, x->language);
}

/* The results, in order, as the job's thread makes them: NULL (an error
 * set) when building one fails or the job stops short. */
static PyObject *build_results(LexiconObject *self, PyObject *texts,
                               keep_ctx *k, int scored) {
  PyObject *list = PyList_New((Py_ssize_t)k->count);
  for (size_t i = 0; list && i < k->count; i++) {
    PyObject *t = wait_row(k, i) ? kept_tagging(self, texts, &k->rows[i],
                                                (Py_ssize_t)i, scored)
                                 : NULL;
    if (!t)
      Py_CLEAR(list); /* no error set: the job's, raised after it ends */
    else
      PyList_SET_ITEM(list, (Py_ssize_t)i, t);
  }
  return list;
}

/* The feed's texts (and scores) as UTF-8, taken with the GIL held. */
static int feed_items(feed *f, PyObject *texts, PyObject *scores) {
  for (size_t i = 0; i < f->count; i++)
    if (utf8_item(texts, (Py_ssize_t)i, "texts", &f->text[i], &f->tlen[i]) ||
        (f->score &&
         utf8_item(scores, (Py_ssize_t)i, "scores", &f->score[i], &f->slen[i])))
      return -1;
  return 0;
}

/* tag_many(texts, jobs, scores or None, matches) -> [Tagging]: texts (a
 * list of str or None) through a job with `jobs` threads; scores (a list
 * of str alike, or None) gives each Tagging its group; with matches
 * false, each Tagging's matches are left empty.  The lists must be the
 * caller's own: the job reads their items while the GIL is released. */
static PyObject *lexicon_tag_many(LexiconObject *self, PyObject *args) {
  PyObject *texts, *scores;
  unsigned jobs;
  int matches = 1;
  if (!PyArg_ParseTuple(args, "O!IO|p", &PyList_Type, &texts, &jobs, &scores,
                        &matches))
    return NULL;
  if (scores != Py_None &&
      (!PyList_Check(scores) ||
       PyList_GET_SIZE(scores) != PyList_GET_SIZE(texts))) {
    PyErr_SetString(PyExc_ValueError, "scores: a list as long as the texts");
    return NULL;
  }
  size_t count = (size_t)PyList_GET_SIZE(texts);
  int scored = scores != Py_None;
  feed f = {.count = count,
            .head = scored ? "score,comment\n" : "comment\n",
            .head_len = scored ? 14 : 8};
  keep_ctx k = {
      .count = count, .matches = matches, .self = self, .f = &f, .jobs = jobs};
  atomic_init(&k.want_lo, SIZE_MAX);
  atomic_init(&k.want_hi, SIZE_MAX);
  f.text = malloc((count + 1) * sizeof *f.text);
  f.tlen = malloc((count + 1) * sizeof *f.tlen);
  if (scored) {
    f.score = malloc((count + 1) * sizeof *f.score);
    f.slen = malloc((count + 1) * sizeof *f.slen);
  }
  k.rows = calloc(count + 1, sizeof *k.rows);
  PyObject *list = NULL;
  if (!f.text || !f.tlen || !k.rows || (scored && (!f.score || !f.slen)))
    PyErr_NoMemory();
  else if (!feed_items(&f, texts, scores)) {
    pthread_mutex_init(&k.lock, NULL);
    pthread_cond_init(&k.wake, NULL);
    pthread_t job;
    int started = !pthread_create(&job, NULL, job_thread, &k);
    if (!started)
      k.rc = VB_ENOMEM, k.err.message[0] = 0;
    else
      list = build_results(self, texts, &k, scored);
    Py_BEGIN_ALLOW_THREADS if (started) pthread_join(job, NULL);
    Py_END_ALLOW_THREADS pthread_cond_destroy(&k.wake);
    pthread_mutex_destroy(&k.lock);
    if (k.rc) {
      Py_CLEAR(list);
      PyErr_Clear(); /* the job's error is the cause */
      raise_status(k.rc, &k.err);
    } else if (!list && !PyErr_Occurred())
      PyErr_SetString(Error, "tag_many: the job stopped short");
  }
  free_workers(&k);
  free(k.rows);
  free(f.text), free(f.tlen), free(f.score), free(f.slen);
  return list;
}

static int open_csv(const char *path, vb_reader **r, size_t max_row,
                    vb_error *err) {
  vb_reader_options *o;
  if (vb_reader_options_new(&o))
    return VB_ENOMEM;
  int rc = vb_reader_open_with(path, o, r, err);
  vb_reader_options_free(o);
  if (!rc)
    vb_reader_set_max_row(*r, max_row);
  return rc;
}

static PyMethodDef lexicon_methods[] = {
    {"themes", (PyCFunction)lexicon_themes, METH_NOARGS,
     "[(id, label, parent id or None)] in theme order"},
    {"documents", (PyCFunction)lexicon_documents, METH_NOARGS,
     "(names, texts) of the JSON documents compiled"},
    {"tag", (PyCFunction)lexicon_tag, METH_O, "tag(str) -> Tagging"},
    {"tag_many", (PyCFunction)lexicon_tag_many, METH_VARARGS,
     "tag_many(texts, jobs, scores, matches) -> [Tagging]"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject LexiconType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "verbatim._verbatim._Lexicon",
    .tp_basicsize = sizeof(LexiconObject),
    .tp_dealloc = (destructor)lexicon_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A compiled lexicon (libverbatim's vb_lexicon)",
    .tp_methods = lexicon_methods,
    .tp_new = lexicon_new,
};

/* ---- Report ------------------------------------------------------------- */

/* A vb_report and what it needs alive: the Lexicon it counts (NULL for a
 * loaded report, which owns its lexicon) and its scale. */
typedef struct {
  PyObject_HEAD vb_report *report;
  PyObject *lexicon;
  vb_scale *scale;
} ReportObject;

static PyTypeObject ReportType;

static void report_dealloc(ReportObject *self) {
  vb_report_free(self->report);
  vb_scale_free(self->scale);
  Py_XDECREF(self->lexicon);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static ReportObject *report_alloc(void) {
  return (ReportObject *)ReportType.tp_alloc(&ReportType, 0);
}

/* The notices of a run, kept in C while the GIL is released. */
typedef struct {
  char text[2048];
  size_t used;
} notices;

static void keep_notice(void *ctx, vb_notice kind, const char *input,
                        const char *message) {
  notices *n = ctx;
  if (n->used < sizeof n->text)
    n->used +=
        (size_t)snprintf(n->text + n->used, sizeof n->text - n->used,
                         "%s%s: %s", n->used ? "\n" : "", input, message);
  (void)kind;
}

typedef struct {
  const char *text, *score, *id, *group_column, *groups, *period, *date,
      *date_format, *rejects;
  PyObject *by; /* list of str */
  unsigned jobs;
  Py_ssize_t max_row;
} run_options;

/* The settings `verbatim report` records (cmd_report.c's
 * describe_settings), word for word, so that a partial made here merges
 * with one the CLI made. */
static int describe_settings(vb_report *report, const run_options *o,
                             int dated) {
  char limit[32];
  snprintf(limit, sizeof limit, "%zu", (size_t)o->max_row);
  const char *settings[][2] = {
      {"text column", o->text ? o->text : "(by its common names)"},
      {"score column", o->score ? o->score : "(by its common names)"},
      {"group column", o->group_column ? o->group_column : "(none)"},
      {"date column", !dated    ? "(none)"
                      : o->date ? o->date
                                : "date"},
      {"date format", !dated           ? "(none)"
                      : o->date_format ? o->date_format
                                       : "(detected)"},
      {"row size limit", o->max_row ? limit : "(default)"},
      {"language column", "(by its common names)"},
      {"default language", "en"}};
  for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
    if (vb_report_set_setting(report, settings[i][0], settings[i][1]))
      return VB_ENOMEM;
  return VB_OK;
}

/* Runs the job over the files in order, as run_inputs does. */
static int run_files(vb_job *job, vb_tally *overall, char **paths, size_t n,
                     size_t max_row, vb_error *err) {
  int rc = VB_OK;
  for (size_t i = 0; i < n && !rc; i++) {
    vb_reader *r = NULL;
    rc = open_csv(paths[i], &r, max_row, err);
    if (!rc)
      rc = vb_job_run(job, r, overall, err);
    vb_reader_free(r);
  }
  return rc;
}

static int setup_report(LexiconObject *lex, const run_options *o,
                        ReportObject *self, vb_job **job, vb_error *err) {
  vb_period period = VB_PERIOD_NONE;
  if (o->period && vb_period_parse(o->period, &period)) {
    snprintf(err->message, sizeof err->message,
             "unknown period '%s' (day, week, month, quarter, year)",
             o->period);
    return VB_EINVAL;
  }
  if (o->groups && vb_scale_parse(o->groups, &self->scale, err))
    return VB_EINVAL;
  size_t nby = (size_t)PyList_GET_SIZE(o->by);
  const char *by[16];
  if (nby > 16) {
    snprintf(err->message, sizeof err->message, "at most 16 by columns");
    return VB_EINVAL;
  }
  for (size_t i = 0; i < nby; i++)
    if (!(by[i] = PyUnicode_AsUTF8(PyList_GET_ITEM(o->by, i))))
      return -1000;
  int rc = vb_job_new(lex->lex, job);
  if (!rc)
    rc = vb_report_new(lex->lex, by, nby, period, self->scale, &self->report);
  if (!rc)
    rc = vb_job_set_report(*job, self->report, o->date);
  if (!rc)
    rc = vb_job_set_date_format(*job, o->date_format, err);
  if (!rc)
    rc = vb_job_set_columns(*job, o->text, o->score, o->id);
  if (!rc)
    rc = vb_job_set_group_column(*job, o->group_column);
  if (!rc)
    rc = describe_settings(self->report, o, period != VB_PERIOD_NONE);
  if (!rc) {
    vb_job_set_scale(*job, self->scale);
    vb_job_set_output(*job, NULL, VB_OUTPUT_NONE);
    vb_job_set_threads(*job, o->jobs);
  }
  return rc;
}

/* run_report(lexicon, paths, text=, score=, ...) -> (_Report, notices). */
static PyObject *run_report(PyObject *mod, PyObject *args, PyObject *kw) {
  (void)mod;
  static char *kwlist[] = {"lexicon",     "paths",        "text",   "score",
                           "id",          "by",           "period", "date",
                           "date_format", "group_column", "groups", "jobs",
                           "max_row",     "rejects",      NULL};
  LexiconObject *lex;
  PyObject *paths;
  run_options o = {0};
  if (!PyArg_ParseTupleAndKeywords(
          args, kw, "O!O!|zzzO!zzzzzInz", kwlist, &LexiconType, &lex,
          &PyList_Type, &paths, &o.text, &o.score, &o.id, &PyList_Type, &o.by,
          &o.period, &o.date, &o.date_format, &o.group_column, &o.groups,
          &o.jobs, &o.max_row, &o.rejects))
    return NULL;
  PyObject *empty = NULL;
  if (!o.by)
    o.by = empty = PyList_New(0);
  size_t n = (size_t)PyList_GET_SIZE(paths);
  char **cpaths = calloc(n + 1, sizeof *cpaths);
  ReportObject *self = report_alloc();
  vb_job *job = NULL;
  vb_error err = {0};
  int rc = !cpaths || !self ? VB_ENOMEM : VB_OK;
  for (size_t i = 0; i < n && !rc; i++)
    if (!(cpaths[i] = (char *)PyUnicode_AsUTF8(PyList_GET_ITEM(paths, i))))
      rc = -1000;
  if (!rc)
    rc = setup_report(lex, &o, self, &job, &err);
  FILE *rejects = NULL;
  if (!rc && o.rejects && !(rejects = fopen(o.rejects, "w"))) {
    snprintf(err.message, sizeof err.message, "%s: cannot write", o.rejects);
    rc = VB_EWRITE;
  }
  notices said = {{0}, 0};
  if (!rc) {
    self->lexicon = Py_NewRef((PyObject *)lex);
    vb_job_set_rejects(job, rejects);
    vb_job_set_notices(job, keep_notice, &said);
    Py_BEGIN_ALLOW_THREADS rc = run_files(job, vb_report_overall(self->report),
                                          cpaths, n, (size_t)o.max_row, &err);
    Py_END_ALLOW_THREADS
  }
  if (rejects && fclose(rejects) && !rc)
    rc = VB_EWRITE;
  vb_job_free(job);
  free(cpaths);
  Py_XDECREF(empty);
  if (rc) {
    Py_XDECREF(self);
    return rc == -1000 ? NULL : raise_status(rc, &err);
  }
  return Py_BuildValue("(Ns#)", self, said.text, (Py_ssize_t)said.used);
}

/* Bytes written to a memory stream by `write`, as a Python bytes. */
static PyObject *capture(int (*write)(vb_report *, FILE *, int, vb_error *),
                         vb_report *r, int arg) {
  char *data = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&data, &len);
  if (!f)
    return PyErr_NoMemory();
  vb_error err = {0};
  int rc;
  Py_BEGIN_ALLOW_THREADS rc = write(r, f, arg, &err);
  Py_END_ALLOW_THREADS if (fclose(f) && !rc) rc = VB_EWRITE;
  PyObject *out = rc ? raise_status(rc, &err)
                     : PyBytes_FromStringAndSize(data, (Py_ssize_t)len);
  free(data);
  return out;
}

static int write_as(vb_report *r, FILE *f, int format, vb_error *err) {
  (void)err;
  return vb_report_write(r, f, (vb_report_format)format);
}

static int save_as(vb_report *r, FILE *f, int unused, vb_error *err) {
  (void)unused;
  return vb_report_save(r, f, err);
}

/* write(format, min_mentions, top, min_responses) -> bytes */
static PyObject *report_write(ReportObject *self, PyObject *args) {
  int format;
  unsigned long long min_mentions, top, min_responses;
  const char *display_lang = NULL;
  if (!PyArg_ParseTuple(args, "iKKK|z", &format, &min_mentions, &top,
                        &min_responses, &display_lang))
    return NULL;
  vb_report_set_limits(self->report, min_mentions, (size_t)top);
  vb_report_set_min_responses(self->report, min_responses);
  /* the display language: the CLI's --display-lang (None: language 0) */
  if (vb_report_set_display_language(self->report, display_lang)) {
    PyErr_Format(PyExc_ValueError,
                 "display_lang %s: no lexicon of that language is loaded",
                 display_lang);
    return NULL;
  }
  return capture(write_as, self->report, format);
}

static PyObject *report_save(ReportObject *self, PyObject *unused) {
  (void)unused;
  return capture(save_as, self->report, 0);
}

/* The run's counts, as the CLI's counts line has them. */
static PyObject *report_counts(ReportObject *self, PyObject *unused) {
  (void)unused;
  const vb_tally *t = vb_report_overall(self->report);
  return Py_BuildValue(
      "{sKsKsKsKsKsK}", "read",
      (unsigned long long)vb_tally_count(t, VB_COUNT_READ), "tagged",
      (unsigned long long)vb_tally_count(t, VB_COUNT_TAGGED), "unscored",
      (unsigned long long)vb_tally_count(t, VB_COUNT_UNSCORED), "rejected",
      (unsigned long long)vb_tally_count(t, VB_COUNT_REJECTED), "invalid_utf8",
      (unsigned long long)vb_tally_count(t, VB_COUNT_INVALID_UTF8),
      "pattern_errors",
      (unsigned long long)vb_tally_count(t, VB_COUNT_PATTERN_ERRORS));
}

static PyObject *report_reasons(ReportObject *self, PyObject *unused) {
  (void)unused;
  size_t n = vb_report_reject_reasons(self->report, 0, NULL, NULL);
  const char **reasons = calloc(n + 1, sizeof *reasons);
  uint64_t *counts = calloc(n + 1, sizeof *counts);
  if (!reasons || !counts) {
    free(reasons), free(counts);
    return PyErr_NoMemory();
  }
  n = vb_report_reject_reasons(self->report, n, reasons, counts);
  PyObject *list = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; list && i < n; i++)
    PyList_SET_ITEM(
        list, (Py_ssize_t)i,
        Py_BuildValue("(sK)", reasons[i], (unsigned long long)counts[i]));
  free(reasons), free(counts);
  return list;
}

/* load(bytes, name, like=None) -> _Report */
static PyObject *report_load(PyObject *mod, PyObject *args) {
  (void)mod;
  Py_buffer buf;
  const char *name;
  PyObject *like = Py_None;
  if (!PyArg_ParseTuple(args, "y*s|O", &buf, &name, &like))
    return NULL;
  if (like != Py_None && !PyObject_TypeCheck(like, &ReportType)) {
    PyBuffer_Release(&buf);
    PyErr_SetString(PyExc_TypeError, "like: a _Report or None");
    return NULL;
  }
  const vb_report *lr = like == Py_None ? NULL : ((ReportObject *)like)->report;
  ReportObject *self = report_alloc();
  vb_error err = {0};
  int rc = self ? VB_OK : VB_ENOMEM;
  if (!rc) {
    Py_BEGIN_ALLOW_THREADS rc =
        vb_report_load(buf.buf, (size_t)buf.len, name, lr, &self->report, &err);
    Py_END_ALLOW_THREADS
  }
  PyBuffer_Release(&buf);
  if (rc) {
    Py_XDECREF(self);
    return raise_status(rc, &err);
  }
  if (like != Py_None) /* shares like's lexicon: keep like alive */
    self->lexicon = Py_NewRef(like);
  return (PyObject *)self;
}

/* merge(other): adds other (which must share this report's lexicon, as a
 * report loaded with like=self does) after checking they agree. */
static PyObject *report_merge(ReportObject *self, PyObject *arg) {
  if (!PyObject_TypeCheck(arg, &ReportType)) {
    PyErr_SetString(PyExc_TypeError, "merge: a _Report");
    return NULL;
  }
  ReportObject *other = (ReportObject *)arg;
  vb_error err = {0};
  int rc = vb_report_compare(self->report, other->report, &err);
  if (!rc && (rc = vb_report_merge(self->report, other->report)))
    snprintf(err.message, sizeof err.message,
             "the reports do not share a lexicon (load one with like=)");
  if (rc)
    return raise_status(rc == VB_EINVAL ? VB_EMISMATCH : rc, &err);
  Py_RETURN_NONE;
}

static PyMethodDef report_methods[] = {
    {"write", (PyCFunction)report_write, METH_VARARGS,
     "write(format, min_mentions, top, min_responses) -> bytes"},
    {"save", (PyCFunction)report_save, METH_NOARGS,
     "the partial report (docs/partial-format.md) as bytes"},
    {"counts", (PyCFunction)report_counts, METH_NOARGS, "the counts line"},
    {"reject_reasons", (PyCFunction)report_reasons, METH_NOARGS,
     "[(reason, count)], most frequent first"},
    {"merge", (PyCFunction)report_merge, METH_O, "merge(other) in place"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ReportType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "verbatim._verbatim._Report",
    .tp_basicsize = sizeof(ReportObject),
    .tp_dealloc = (destructor)report_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A report (libverbatim's vb_report)",
    .tp_methods = report_methods,
};

/* ---- module ------------------------------------------------------------- */

static PyMethodDef module_methods[] = {
    {"run_report", (PyCFunction)(void (*)(void))run_report,
     METH_VARARGS | METH_KEYWORDS, "a report over files, as the CLI's"},
    {"load", report_load, METH_VARARGS, "load(bytes, name, like=None)"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT,
                                    "_verbatim",
                                    "libverbatim, for the verbatim package",
                                    -1,
                                    module_methods,
                                    NULL,
                                    NULL,
                                    NULL,
                                    NULL};

static int add_error(PyObject *m, const char *name, PyObject *base,
                     PyObject **out) {
  char full[64];
  snprintf(full, sizeof full, "verbatim.%s", name);
  *out = PyErr_NewException(full, base, NULL);
  return *out ? PyModule_AddObjectRef(m, name, *out) : -1;
}

PyMODINIT_FUNC PyInit__verbatim(void) {
  if (PyType_Ready(&LexiconType) || PyType_Ready(&ReportType) ||
      !(MatchType = PyStructSequence_NewType(&match_desc)) ||
      !(TaggingType = PyStructSequence_NewType(&tagging_desc)))
    return NULL;
  PyObject *m = PyModule_Create(&module);
  if (!m || PyModule_AddObjectRef(m, "_Lexicon", (PyObject *)&LexiconType) ||
      PyModule_AddObjectRef(m, "_Report", (PyObject *)&ReportType) ||
      PyModule_AddObjectRef(m, "Match", (PyObject *)MatchType) ||
      PyModule_AddObjectRef(m, "Tagging", (PyObject *)TaggingType) ||
      add_error(m, "Error", PyExc_Exception, &Error) ||
      add_error(m, "LexiconError", Error, &LexiconError) ||
      add_error(m, "InputError", Error, &InputError) ||
      add_error(m, "PartialError", Error, &PartialError) ||
      PyModule_AddStringConstant(m, "library_version", vb_version())) {
    Py_XDECREF(m);
    return NULL;
  }
  PyModule_AddIntConstant(m, "FORMAT_CSV", VB_REPORT_CSV);
  PyModule_AddIntConstant(m, "FORMAT_JSON", VB_REPORT_JSON);
  PyModule_AddIntConstant(m, "FORMAT_TABLE", VB_REPORT_TABLE);
  return m;
}
