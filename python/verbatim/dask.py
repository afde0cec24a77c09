"""verbatim.dask: one report over many files or partitions, on Dask.

Each task makes a partial report (the bytes of `verbatim report
--partial`) over its files or its DataFrame partition; the partials are
added pairwise, in input order, in a tree of tasks, with the library's
exact merge.  NPS is not additive, integer tallies are: the result is
byte for byte the report one machine writes over the same rows in the
same order.  docs/python.md and docs/scale-out.md say how to run it.
"""
from . import _lexicon, _verbatim
from . import PartialError
from .report import Report, _paths, run, VerbatimWarning, InputError

__all__ = ["report"]

_PRESENTATION = ("min_mentions", "top", "min_responses", "display_lang")


def _partial_of(data, lexicon, opts):
    """One task: a partial report over paths or a pandas DataFrame."""
    return run(data, lexicon=lexicon, **opts).save()


_like = None  # a partial this process loaded: a lexicon for the next ones


def _load(data, name):
    """A partial, loaded onto the lexicon of the first one this process
    loaded when they agree (vb_report_load's like=: the library checks
    the lexicon's documents and the settings), so that a worker compiles
    the lexicon once, not twice per merge step.  _like itself is never
    merged into: threads may load onto it at once."""
    global _like
    if _like is not None:
        try:
            return _verbatim.load(data, name, _like)
        except PartialError:  # another lexicon or other settings
            pass
    _like = _verbatim.load(data, name)
    return _verbatim.load(data, name, _like)


def _merge_two(a, b):
    """One reduction step: the partial of two partials, a before b."""
    left = _load(a, "<left>")
    left.merge(_verbatim.load(b, "<right>", left))
    return left.save()


def _tree_reduce(client, futures):
    while len(futures) > 1:
        nxt = [client.submit(_merge_two, futures[i], futures[i + 1], pure=False)
               for i in range(0, len(futures) - 1, 2)]
        if len(futures) % 2:
            nxt.append(futures[-1])
        futures = nxt
    return futures[0]


def report(data, client=None, files_per_task=1, lexicon=None, **options):
    """A Report over `data` computed on a Dask cluster:

    - a path or a list of paths, which every worker must be able to open
      (shared storage): `files_per_task` consecutive files per task;
    - a dask.dataframe.DataFrame: one task per partition (each written
      to a temporary CSV on its worker, as verbatim.report does with a
      pandas DataFrame).

    `client` is a dask.distributed.Client (default: the current one).
    The other options are verbatim.report's, except `rejects` (a file per
    task would be needed: rejected rows are counted on the Report with
    their reasons).  The lexicon (default: built-in) travels to the
    workers inside the tasks, as its JSON documents."""
    if "rejects" in options:
        raise ValueError("verbatim.dask.report: rejects= is not supported; "
                         "rejected rows are counted on the Report")
    if client is None:
        from dask.distributed import default_client
        client = default_client()
    shown = {k: options.pop(k) for k in _PRESENTATION if k in options}
    lex = _lexicon(lexicon)
    if hasattr(data, "to_delayed"):
        parts = data.to_delayed()
        futures = client.compute(
            [__import__("dask").delayed(_partial_of)(p, lex, options)
             for p in parts])
    else:
        paths = _paths(data)
        n = max(1, int(files_per_task))
        groups = [paths[i:i + n] for i in range(0, len(paths), n)]
        futures = [client.submit(_partial_of, g, lex, options, pure=False)
                   for g in groups]
    if not futures:
        raise ValueError("verbatim.dask.report: no input")
    rep = Report.load(_tree_reduce(client, futures).result(), "<dask>")
    for k, v in shown.items():
        setattr(rep, k, v)
    c = rep.counts
    if c["read"] and not c["tagged"]:
        reasons = ", ".join(f"{r} ({n})" for r, n in rep.reject_reasons[:3])
        err = InputError(f"no row could be tagged: all {c['read']} rows were "
                         f"rejected: {reasons}")
        err.code, err.file, err.line, err.column = "VB_EEMPTY", None, 0, 0
        raise err
    return rep
