#!/usr/bin/env python3
"""The corpus generator's themes agree with lexicons/default.json.

    themes_agree.py GRAMMAR LEXICON

GRAMMAR is bench/grammar.txt: each `@theme PREFIX ID WEIGHT` line labels a
family of rules with the theme id it aims at, and `@untargeted ID...` names
the lexicon's top-level themes that no family aims at.  Checks:

  - every @theme id and every @untargeted id is a theme id of the lexicon
    (at any depth: `returns.refund` is an id too);
  - each top-level theme of the lexicon is either aimed at by an @theme or
    listed in @untargeted, so a theme added to the lexicon is a decision
    for the generator, not an oversight;
  - no id is claimed twice.
"""
import json
import sys


def lexicon_ids(path):
    with open(path, encoding="utf-8") as f:
        lex = json.load(f)
    ids, top = set(), []

    def walk(themes, depth):
        for t in themes:
            ids.add(t["id"])
            if depth == 0:
                top.append(t["id"])
            walk(t.get("themes", []), depth + 1)

    walk(lex["themes"], 0)
    return ids, top


def grammar_themes(path):
    """(line, kind, id) for every theme id the grammar names."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "@theme":
                if len(fields) != 4:
                    sys.exit("%s:%d: @theme takes PREFIX ID WEIGHT" % (path, n))
                out.append((n, "@theme " + fields[1], fields[2]))
            elif fields[0] == "@untargeted":
                out += [(n, "@untargeted", i) for i in fields[1:]]
    return out


def main():
    grammar, lexicon = sys.argv[1], sys.argv[2]
    ids, top = lexicon_ids(lexicon)
    named = grammar_themes(grammar)
    errors = []
    if not any(kind.startswith("@theme") for _, kind, _ in named):
        errors.append("%s: no @theme lines" % grammar)
    seen = {}
    for n, kind, tid in named:
        if tid not in ids:
            errors.append("%s:%d: %s names theme '%s', which %s does not have"
                          % (grammar, n, kind, tid, lexicon))
        if tid in seen:
            errors.append("%s:%d: theme '%s' is named twice (also line %d)"
                          % (grammar, n, tid, seen[tid]))
        seen.setdefault(tid, n)
    covered = {tid.split(".")[0] for _, _, tid in named}
    for tid in top:
        if tid not in covered:
            errors.append("%s: top-level theme '%s' of %s is neither aimed at "
                          "(@theme) nor listed in @untargeted"
                          % (grammar, tid, lexicon))
    for e in errors:
        print("themes_agree: " + e, file=sys.stderr)
    if not errors:
        print("themes_agree: %d generator themes, %d untargeted, all in %s"
              % (sum(k.startswith("@theme") for _, k, _ in named),
                 sum(k == "@untargeted" for _, k, _ in named), lexicon))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
