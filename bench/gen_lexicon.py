#!/usr/bin/env python3
"""Writes a large lexicon for the benchmark: the default lexicon's themes
plus generated themes, to TERMS terms in all (default 100,000).

Generated terms are built to cost what real ones cost: most are words and
phrases made of the corpus's own vocabulary (so they are candidates and get
checked), the rest synthetic words (misses), with prefixes, =exact words
and NEAR terms mixed in.  No pattern terms are added: a 100,000-term
lexicon of regexes is not a thing people write.  Deterministic for a seed.

With --patterns N, the default lexicon's themes get N generated pattern
terms instead (no word terms): half start with \\b and a word of the
corpus, half have no \\b (their literals are searched anywhere); of
each half, most are made of corpus words and may match, a fifth of a
synthetic word that never occurs.  A lexicon of some thousand patterns
is one people do write, and the gate's cost must not grow with it.

  bench/gen_lexicon.py DEFAULT_LEXICON CORPUS_CSV OUT [--terms N] [--seed S]
  bench/gen_lexicon.py DEFAULT_LEXICON CORPUS_CSV OUT --patterns N [--seed S]
"""
import argparse
import csv
import json
import random
import re
import sys


def vocabulary(corpus, limit_rows=20000):
    words = {}
    csv.field_size_limit(1 << 30)
    with open(corpus, newline="", encoding="utf-8", errors="replace") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i >= limit_rows:
                break
            for w in re.findall(r"[a-z]{3,12}", (row.get("comment") or "").lower()):
                words[w] = words.get(w, 0) + 1
    return sorted(words, key=lambda w: -words[w])


def count_terms(themes):
    return sum(len(t.get("terms", [])) + count_terms(t.get("themes", [])) for t in themes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("default")
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--terms", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--patterns", type=int, default=0)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    lex = json.load(open(a.default, encoding="utf-8"))
    vocab = vocabulary(a.corpus)[:3000]
    if len(vocab) < 50:
        sys.exit("gen_lexicon: corpus vocabulary too small")
    letters = "abcdefghijklmnopqrstuvwxyz"
    need = a.patterns if a.patterns else a.terms - count_terms(lex["themes"])
    seen = set()

    def synthetic():
        return "".join(rnd.choice(letters) for _ in range(rnd.randint(5, 10)))

    def pattern():
        bound = "\\b" if rnd.random() < 0.5 else ""
        if rnd.random() < 0.2:
            return "/%s%s\\d+/" % (bound, synthetic())
        w1, w2, w3 = (rnd.choice(vocab) for _ in range(3))
        return "/%s%s(?:s|ed)? (?:%s|%s)\\b/" % (bound, w1, w2, w3)

    def term():
        if a.patterns:
            return pattern()
        k = rnd.random()
        if k < 0.30:
            return " ".join(rnd.choice(vocab) for _ in range(2))
        if k < 0.45:
            return " ".join(rnd.choice(vocab) for _ in range(3))
        if k < 0.55:
            return rnd.choice(vocab) + " " + synthetic()
        if k < 0.60:
            return rnd.choice(vocab)[:4] + synthetic()[:3] + "*"
        if k < 0.65:
            return "=" + synthetic()
        if k < 0.70:
            return "%s NEAR/%d %s" % (rnd.choice(vocab), rnd.randint(1, 5), synthetic())
        return synthetic()

    n = 0
    while n < need:
        tid = "gen%04d" % (len(lex["themes"]))
        terms = []
        while len(terms) < 1000 and n < need:
            t = term()
            if t in seen:
                continue
            seen.add(t)
            terms.append(t)
            n += 1
        lex["themes"].append({"id": tid, "label": "Generated " + tid, "terms": terms})
    lex["name"] = ("bench-%d-patterns" % a.patterns if a.patterns
                   else "bench-%d-terms" % a.terms)
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(lex, f, ensure_ascii=False)
    print("gen_lexicon: %d terms in %d themes -> %s" % (count_terms(lex["themes"]), len(lex["themes"]), a.out))


if __name__ == "__main__":
    main()
