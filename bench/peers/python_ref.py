#!/usr/bin/python3
"""The Python reference: `verbatim report` on a plain lexicon, in Python.

    /usr/bin/python3 bench/peers/python_ref.py CORPUS LEXICON OUT.csv

The same job as `verbatim report -l LEXICON CORPUS`, written the way a
careful Python programmer would, on the same C libraries Verbatim uses: ICU
(PyICU) and Snowball (snowballstemmer, which runs Debian's python3-stemmer,
the C stemmer, when it is installed).  One process, one thread.

For each row of the CSV (the text and score columns are found by the names
Verbatim looks for first: `comment`/`text`/..., `score`/`nps`/...):

  * the comment is normalized with ICU NFKC_Casefold, and the typographic
    apostrophe U+2019 becomes `'` (Verbatim's normalizer does the same);
  * ICU's word BreakIterator (root locale) splits it; only word-like
    segments are kept (rule status at or above UBRK_WORD_NONE_LIMIT:
    numbers, letters, kana, ideographs);
  * each distinct word is stemmed once with the Snowball English stemmer
    and looked up once: a dict maps the word to its stem and to the terms
    it can start;
  * a term's words went through the same path when the lexicon was read.
    A single word matches any word with its stem, `=word` the normalized
    word exactly, `prefix*` any normalized word starting with the prefix,
    and a phrase matches consecutive words, each by its own form;
  * a comment mentions a theme once, however many terms match, and a child
    theme's mention also counts for its ancestors;
  * comments are counted per score group: detractor 0-6, passive 7-8,
    promoter 9-10, unscored = empty score.  Blank comments are not counted
    (they hold no words).  Any other score rejects the row (counted on
    stderr, not tallied).

Only plain lexicons: words, phrases, `=exact`, `prefix*`, child themes.
Patterns, NEAR, gaps, sets, WITH, excludes, negators, `requires`, `typos`
and `fold_accents` are refused with a message, not ignored.  What Verbatim
does beyond this (contractions spelled out, phrases kept within a clause)
changes no count when the lexicon avoids it: see bench/README.md.

Writes `theme,group,mentions` (every theme x group, zeros included) to
OUT.csv, the peers' format that compare.py reads, and prints on stdout
`seconds=` (reading, analysing and counting: the timed part; imports and
the lexicon's compile are apart, in `setup_seconds=`), `rows=`,
`rejected=`, `distinct_words=` and `stemmer=` (the class snowballstemmer
chose: `Stemmer.Stemmer` is the C one).
"""
import time

_T0 = time.perf_counter()

import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402

try:
    import icu  # noqa: E402
    import snowballstemmer  # noqa: E402
except ImportError as e:
    sys.exit("python_ref.py: %s: install Debian's python3-icu python3-snowballstemmer "
             "python3-stemmer (bench/peers/install.sh) and run /usr/bin/python3" % e)

WORD_NONE_LIMIT = 100  # UBRK_WORD_NONE_LIMIT: word-like segments are >= this
TEXT_NAMES = ("comment", "comments", "text", "verbatim", "feedback", "response",
              "answer", "reason", "why", "open_end", "message")
SCORE_NAMES = ("score", "nps", "nps_score", "rating", "likelihood_to_recommend", "ltr")
GROUPS = ("detractor", "passive", "promoter", "unscored")
GROUP_OF = {str(s): 0 if s <= 6 else 1 if s <= 8 else 2 for s in range(11)}
UNSCORED = 3
PLAIN_KEYS = {"name", "description", "version", "language", "themes"}
THEME_KEYS = {"id", "label", "description", "terms", "themes", "examples"}


class Analyzer:
    """Normalize, split into words, stem: the one path for text and terms."""

    def __init__(self):
        self.norm = icu.Normalizer2.getNFKCCasefoldInstance()
        self.bi = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
        self.stemmer = snowballstemmer.stemmer("english")

    def words(self, text):
        """The normalized word-like segments of text, in order."""
        n = self.norm.normalize(text).replace("\u2019", "'")
        bi = self.bi
        if n.isascii() or max(n) <= "\uffff":
            src = n  # UTF-16 offsets are Python indices
        else:  # astral characters (emoji): slice the UTF-16 string
            src = icu.UnicodeString(n)
        bi.setText(src)
        status = bi.getRuleStatus
        out = []
        start = 0
        if src is n:
            for end in bi:
                if status() >= WORD_NONE_LIMIT:
                    out.append(n[start:end])
                start = end
        else:
            for end in bi:
                if status() >= WORD_NONE_LIMIT:
                    out.append(str(src[start:end]))
                start = end
        return out


def refuse(path, what):
    sys.exit("python_ref.py: %s: %s: only plain lexicons (words, phrases, =exact, "
             "prefix*) are supported" % (path, what))


def read_themes(path):
    """[(id, parent index or None, [term, ...])] in file order."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    for key, value in doc.items():
        if key not in PLAIN_KEYS and value:  # "fold_accents": false is plain
            refuse(path, "key %r" % key)
    if doc.get("language", "en") not in ("en", "english"):
        refuse(path, "language %r" % doc["language"])
    themes = []

    def walk(items, parent):
        for t in items:
            for key, value in t.items():
                if key not in THEME_KEYS and value and value != "flag":
                    refuse(path, "theme %r: key %r" % (t.get("id"), key))
            themes.append((t["id"], parent, t.get("terms", [])))
            walk(t.get("themes", []), len(themes) - 1)

    walk(doc["themes"], None)
    return themes


def term_items(an, path, theme, term):
    """A term as a tuple of items: ('s', stem), ('e', word) or ('p', prefix)."""
    if term.startswith("/") or any(op in term for op in ("NEAR/", " WITH ", "@", "~")):
        refuse(path, "theme %r: term %r" % (theme, term))
    items = []
    for part in term.split():
        kind = "s"
        if part.startswith("="):
            kind, part = "e", part[1:]
        elif part.endswith("*"):
            kind, part = "p", part[:-1]
        words = an.words(part)
        if not words or (kind == "p" and len(words) != 1):
            refuse(path, "theme %r: term %r" % (theme, term))
        for w in words:
            items.append((kind, an.stemmer.stemWord(w) if kind == "s" else w))
    return tuple(items)


class Lexicon:
    """The terms, indexed by how their first word can be met."""

    def __init__(self, an, path):
        self.themes = read_themes(path)
        # each theme with its ancestors: a mention counts for all of them
        self.rollup = []
        for i, (_, parent, _) in enumerate(self.themes):
            self.rollup.append(frozenset([i]) | (self.rollup[parent] if parent is not None else frozenset()))
        self.by_stem, self.by_exact, self.prefixes = {}, {}, []
        for i, (tid, _, terms) in enumerate(self.themes):
            for term in terms:
                items = term_items(an, path, tid, term)
                kind, key = items[0]
                entry = (self.rollup[i], items[1:])
                if kind == "p":
                    self.prefixes.append((key, entry))
                else:
                    (self.by_stem if kind == "s" else self.by_exact).setdefault(key, []).append(entry)

    def candidates(self, word, stem):
        """(themes of the single-word terms word matches, [(themes, rest)]
        of the phrases it can start)."""
        found = list(self.by_stem.get(stem, ())) + list(self.by_exact.get(word, ()))
        found += [entry for p, entry in self.prefixes if word.startswith(p)]
        single = frozenset().union(*[th for th, rest in found if not rest])
        return single, [(th, rest) for th, rest in found if rest]


def item_matches(item, word, stem):
    kind, key = item
    if kind == "s":
        return stem == key
    if kind == "e":
        return word == key
    return word.startswith(key)


def find_column(header, names, role):
    """The first of names (Verbatim's order) among the header's columns."""
    low = [h.strip().lower() for h in header]
    for name in names:
        if name in low:
            return low.index(name)
    sys.exit("python_ref.py: no %s column (looked for %s)" % (role, ", ".join(names)))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: python_ref.py CORPUS LEXICON OUT.csv")
    corpus, lexpath, outpath = sys.argv[1:]
    an = Analyzer()
    lex = Lexicon(an, lexpath)
    setup = time.perf_counter() - _T0
    t1 = time.perf_counter()
    stem_word = an.stemmer.stemWord
    words_of = an.words
    cache = {}  # word -> (stem, single-word themes, phrase candidates)
    get = cache.get

    def add(w):
        s = stem_word(w)
        c = cache[w] = (s,) + lex.candidates(w, s)
        return c

    counts = [[0] * 4 for _ in lex.themes]
    rows = rejected = 0
    with open(corpus, newline="", encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        ti = find_column(header, TEXT_NAMES, "text")
        si = find_column(header, SCORE_NAMES, "score")
        for row in rd:
            rows += 1
            score = row[si].strip()
            group = GROUP_OF.get(score, UNSCORED if not score else None)
            if group is None:
                rejected += 1
                continue
            text = row[ti]
            if not text or text.isspace():
                continue
            words = words_of(text)
            info = [get(w) or add(w) for w in words]
            hit = set()
            phrase_at = []
            for i, (_, single, phrases) in enumerate(info):
                if single:
                    hit |= single
                if phrases:
                    phrase_at.append(i)
            for i in phrase_at:
                for themes, rest in info[i][2]:
                    if i + len(rest) < len(words) and all(
                            item_matches(it, words[i + 1 + k], info[i + 1 + k][0])
                            for k, it in enumerate(rest)):
                        hit |= themes
            for t in hit:
                counts[t][group] += 1
    seconds = time.perf_counter() - t1
    with open(outpath, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(("theme", "group", "mentions"))
        for (tid, _, _), c in zip(lex.themes, counts):
            for g, name in enumerate(GROUPS):
                w.writerow((tid, name, c[g]))
    st = type(an.stemmer)
    print("seconds=%.3f" % seconds)
    print("setup_seconds=%.3f" % setup)
    print("rows=%d rejected=%d distinct_words=%d" % (rows, rejected, len(cache)))
    print("stemmer=%s.%s" % (st.__module__, st.__name__))
    if rejected:
        print("python_ref.py: %d rows rejected (score not 0-10 or empty)" % rejected, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
