"""verbatim.report: theme counts and NPS figures, as `verbatim report`.

A Report is libverbatim's report: exact integer tallies overall and per
segment and period.  Its CSV and JSON are written by the library, so they
are byte for byte what `verbatim report -f csv|json` writes for the same
input and options.  Reports add (`+`, merge) exactly, and pickle as a
partial report (docs/partial-format.md), the bytes `verbatim report
--partial` writes: one made here merges with one the CLI made.
"""
import csv
import io
import os
import tempfile
import warnings

from . import _verbatim
from ._verbatim import InputError

__all__ = ["Report", "report", "VerbatimWarning"]


class VerbatimWarning(UserWarning):
    """Something the run says that is not an error (no score column, a
    date format detected)."""


class Report:
    """A report over one or more inputs.  Presentation (min_mentions, top,
    min_responses, display_lang) may be changed at any time; it is not
    part of the counts and is not pickled."""

    def __init__(self, _report, notices=(), min_mentions=1, top=0,
                 min_responses=0, display_lang=None):
        self._r = _report
        self.notices = list(notices)
        self.min_mentions = min_mentions
        self.top = top
        self.min_responses = min_responses
        self.display_lang = display_lang

    # ---- counts ---------------------------------------------------------
    @property
    def counts(self):
        """The counts line: read, tagged, unscored, rejected,
        invalid_utf8, pattern_errors.  read == tagged + rejected."""
        return self._r.counts()

    read = property(lambda self: self.counts["read"])
    tagged = property(lambda self: self.counts["tagged"])
    unscored = property(lambda self: self.counts["unscored"])
    rejected = property(lambda self: self.counts["rejected"])

    @property
    def reject_reasons(self):
        """[(reason, rows)] of the rejected rows, most frequent first."""
        return self._r.reject_reasons()

    # ---- output ---------------------------------------------------------
    def _write(self, fmt):
        return self._r.write(fmt, self.min_mentions, self.top,
                             self.min_responses,
                             self.display_lang).decode("utf-8")

    def to_csv(self):
        """The tidy CSV of `verbatim report -f csv` (a str)."""
        return self._write(_verbatim.FORMAT_CSV)

    def to_json(self):
        """The JSON of `verbatim report -f json` (a str)."""
        return self._write(_verbatim.FORMAT_JSON)

    def to_table(self):
        """The aligned table for people of `verbatim report -f table`."""
        return self._write(_verbatim.FORMAT_TABLE)

    __str__ = to_table

    def to_frame(self):
        """The tidy table as a pandas DataFrame: pandas.read_csv of
        to_csv(), with empty fields as NaN and every other text (segment
        values such as "NA" included) kept as written."""
        import pandas as pd
        return pd.read_csv(io.StringIO(self.to_csv()), keep_default_na=False,
                           na_values=[""], dtype={"theme": str, "group": str})

    # ---- partials -------------------------------------------------------
    def save(self):
        """The partial report: bytes, as `verbatim report --partial`."""
        return self._r.save()

    @classmethod
    def load(cls, data, name="<partial>"):
        """A Report from partial-report bytes (PartialError when they are
        not one)."""
        return cls(_verbatim.load(bytes(data), name))

    def merge(self, *others):
        """A new Report: this one plus the others, counted exactly.
        PartialError (mismatch) when they were not made alike: other
        lexicon, columns, scale, period or settings."""
        total = _verbatim.load(self.save(), "<report 1>")
        for i, o in enumerate(others, 2):
            total.merge(_verbatim.load(o.save(), f"<report {i}>", total))
        return Report(total, self.notices, self.min_mentions, self.top,
                      self.min_responses, self.display_lang)

    def __add__(self, other):
        if not isinstance(other, Report):
            return NotImplemented
        return self.merge(other)

    def __reduce__(self):
        return (Report.load, (self.save(),))

    def __repr__(self):
        c = self.counts
        return (f"<verbatim.Report read {c['read']}, tagged {c['tagged']}, "
                f"unscored {c['unscored']}, rejected {c['rejected']}>")


def _paths(data):
    if isinstance(data, (str, os.PathLike)):
        return [os.fspath(data)]
    return [os.fspath(p) for p in data]


def _is_frame(data):
    return hasattr(data, "to_csv") and hasattr(data, "columns")


def frame_to_csv(df, path):
    """Writes a DataFrame as the CSV the job reads: every column as text
    (pandas' own formatting; an integral float score 9.0 reads as 9), NA
    as an empty field, no index column.  Every field is quoted: Python's
    csv module leaves a lone CR unquoted, which would end the row."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8",
              quoting=csv.QUOTE_ALL)


def run(data, lexicon=None, text=None, score=None, id=None, by=(),
        period=None, date=None, date_format=None, group_column=None,
        groups=None, jobs=0, max_row=0, rejects=None):
    """The report's counts over `data` (paths or a DataFrame), as a
    Report, even when no row was tagged (a part of a split run)."""
    from . import _lexicon
    lex = _lexicon(lexicon)
    opts = dict(text=text, score=score, id=id, by=list(by), period=period,
                date=date, date_format=date_format, group_column=group_column,
                groups=groups, jobs=int(jobs), max_row=int(max_row),
                rejects=None if rejects is None else os.fspath(rejects))
    if _is_frame(data):
        with tempfile.TemporaryDirectory(prefix="verbatim-") as tmp:
            path = os.path.join(tmp, "frame.csv")
            frame_to_csv(data, path)
            r, said = _verbatim.run_report(lex._lex, [path], **opts)
    else:
        r, said = _verbatim.run_report(lex._lex, _paths(data), **opts)
    return Report(r, [n for n in said.split("\n") if n])


def report(data, text=None, score=None, by=(), period=None, date=None,
           date_format=None, id=None, group_column=None, groups=None,
           lexicon=None, jobs=0, max_row=0, rejects=None, min_mentions=1,
           top=0, min_responses=0, display_lang=None):
    """A Report over `data`: a path, a list of paths (read in order, as
    `verbatim report FILE...`), or a pandas DataFrame.  Options are the
    CLI's (docs/python.md).  Rejected rows are counted on the Report
    (.rejected, .reject_reasons) and written to `rejects` (a path) when
    given; InputError when rows were read but none could be tagged, as
    the CLI refuses to write a report of zeros."""
    rep = run(data, lexicon=lexicon, text=text, score=score, id=id, by=by,
              period=period, date=date, date_format=date_format,
              group_column=group_column, groups=groups, jobs=jobs,
              max_row=max_row, rejects=rejects)
    for n in rep.notices:
        warnings.warn(n, VerbatimWarning, stacklevel=2)
    rep.min_mentions, rep.top, rep.min_responses = min_mentions, top, min_responses
    rep.display_lang = display_lang
    c = rep.counts
    if c["read"] and not c["tagged"]:
        reasons = ", ".join(f"{r} ({n})" for r, n in rep.reject_reasons[:3])
        err = InputError(f"no row could be tagged: all {c['read']} rows were "
                         f"rejected: {reasons}")
        err.code, err.file, err.line, err.column = "VB_EEMPTY", None, 0, 0
        raise err
    return rep
