"""verbatim: themes and NPS figures from survey comments, in Python.

A thin package over libverbatim (the C library behind the `verbatim`
command): the same lexicons, the same matcher, the same report, byte for
byte.  docs/python.md is the reference.

    >>> import verbatim
    >>> verbatim.Lexicon().tag("late delivery again").themes
    ('shipping', 'shipping.late')
"""
import os

from . import _verbatim
from ._verbatim import Error, InputError, LexiconError, PartialError

__all__ = [
    "Error", "InputError", "LexiconError", "PartialError", "Lexicon", "Match",
    "Tagging", "Report", "report", "tag_frame", "library_version",
]

library_version = _verbatim.library_version

Match = _verbatim.Match
Match.__doc__ = """One mention of a theme: the theme id (the term's own theme,
not the rolled-up parent), the lexicon term, the span as character offsets
into the text (text[start:end] is `text`), and whether it is negated,
excluded (by an exclude term), dropped (negated in a theme that drops
negated mentions) or a typo match.  Only mentions neither excluded nor
dropped count.  A named tuple (immutable)."""

Tagging = _verbatim.Tagging
Tagging.__doc__ = """What the lexicon found in one text: the theme ids
(parents rolled up, in lexicon order), every Match (a tuple; excluded and
dropped ones too), the reason when the row was rejected (else None), and the
score group when scores were given (else None).  A named tuple."""


_compiled = {}  # (names, texts) -> Lexicon, for _from_documents


class Lexicon:
    """A compiled lexicon: the built-in default, or the JSON files given
    (docs/lexicon-format.md).  Errors raise LexiconError with .file, .line
    and .column.  Immutable; share one between threads."""

    def __init__(self, paths=None):
        if paths is None:
            self._lex = _verbatim._Lexicon()
        else:
            if isinstance(paths, (str, os.PathLike)):
                paths = [paths]
            names, texts = [], []
            for p in paths:
                names.append(os.fspath(p))
                try:
                    with open(p, encoding="utf-8") as f:
                        texts.append(f.read())
                except OSError as e:
                    err = LexiconError(f"{p}: cannot read: {e.strerror}")
                    err.code, err.file, err.line, err.column = "VB_EIO", os.fspath(p), 0, 0
                    raise err from None
            self._lex = _verbatim._Lexicon(names, texts)
        self._init_themes()

    def _init_themes(self):
        self._themes = self._lex.themes()
        self.theme_ids = tuple(t[0] for t in self._themes)

    @classmethod
    def _from_documents(cls, names, texts):
        """The lexicon of these documents, compiled once per process: a
        Dask worker unpickles the same lexicon with every task."""
        key = (tuple(names), tuple(texts))
        self = _compiled.get(key)
        if self is None:
            self = cls.__new__(cls)
            self._lex = _verbatim._Lexicon(list(names), list(texts))
            self._init_themes()
            if len(_compiled) >= 8:
                _compiled.pop(next(iter(_compiled)))
            _compiled[key] = self
        return self

    def __reduce__(self):  # pickles as its documents, compiled on load
        names, texts = self._lex.documents()
        return (Lexicon._from_documents, (names, texts))

    def themes(self):
        """[(id, label, parent id or None)] in lexicon order."""
        return list(self._themes)

    def tag(self, text):
        """The themes and matches of one comment (a str): a Tagging.  The
        GIL is released while the matcher runs."""
        return self._lex.tag(text)

    def tag_many(self, texts, jobs=0, scores=None, matches=True):
        """Tags every text of an iterable with the library's worker threads
        (jobs=0: one per core) and returns a list of Tagging in input
        order.  None reads as an empty comment.  matches=False leaves each
        Tagging's matches empty (themes only: faster).  With scores, each
        Tagging has its group.  The texts go to the C job from memory; the
        GIL is released while it runs."""
        texts = list(texts)  # our own copy: nothing changes it meanwhile
        if scores is not None:
            scores = ["" if _isna(s) else _score_text(s) for s in scores]
            if len(scores) != len(texts):
                raise ValueError("scores and texts differ in length")
        return self._lex.tag_many(texts, int(jobs), scores, bool(matches))


def _isna(v):
    if v is None:
        return True
    try:
        return v != v  # NaN, pandas.NA raises
    except TypeError:
        return True


def _score_text(v):
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


_default_lexicon = None


def _lexicon(lexicon):
    global _default_lexicon
    if isinstance(lexicon, Lexicon):
        return lexicon
    if lexicon is None:
        if _default_lexicon is None:
            _default_lexicon = Lexicon()
        return _default_lexicon
    return Lexicon(lexicon)


def tag_frame(df, text="comment", score=None, lexicon=None, jobs=0):
    """A copy of DataFrame `df` with a `themes` column (theme ids joined by
    ';', as `verbatim tag` writes them) and one 0/1 column per theme id;
    with `score`, also a `group` column (detractor, passive, promoter,
    unscored; None for a rejected row) and a `rejected` column (the reason,
    or None) when any row was rejected.  With lexicons of several languages
    (the default set), a `language` column before `themes` holds each
    text's language as detected, as `verbatim tag` writes it."""
    lex = _lexicon(lexicon)
    col = df[text]
    texts = [None if _isna(v) else str(v) for v in col]
    scores = None if score is None else list(df[score])
    res = lex.tag_many(texts, jobs=jobs, scores=scores, matches=False)
    out = df.copy()
    if any(r.language is not None for r in res):  # several languages
        out["language"] = [r.language for r in res]
    out["themes"] = [";".join(r.themes) for r in res]
    for tid in lex.theme_ids:
        out[tid] = [1 if tid in r.themes else 0 for r in res]
    if score is not None:
        out["group"] = [r.group for r in res]
    if any(r.rejected for r in res):
        out["rejected"] = [r.rejected for r in res]
    return out


from .report import Report, report  # noqa: E402
