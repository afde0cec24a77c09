#!/usr/bin/env python3
"""Translate a Verbatim lexicon into per-theme queries for the benchmark peers.

Usage:
  lexicon_queries.py LEXICON [--json FILE] [--pg-sql FILE] [--pg-check-sql FILE]
                             [--sqlite-sql FILE] [--pg-config NAME] [-q]

With no output option the JSON goes to stdout.

--json FILE          every theme with its PostgreSQL tsquery expression (SQL
                     text) and its SQLite FTS5 MATCH string, and every term's
                     translation.
--pg-sql FILE        the PostgreSQL counting query: ONE statement,
                     COPY (SELECT ...) TO STDOUT (CSV, header theme,group,mentions),
                     reading table corpus(score text, comment text).
--pg-check-sql FILE  a PostgreSQL query listing the terms that the 'english'
                     configuration drops (only stop words) or broadens (a stop
                     word at the edge of a phrase is lost): theme,term,status.
--pg-config NAME     the PostgreSQL text search configuration used in every
                     to_tsvector / phraseto_tsquery / to_tsquery (default
                     english; postgres.sh can create english_nostop).
--sqlite-sql FILE    SQLite statements, one per theme, reading the FTS5 table
                     fts(comment, grp UNINDEXED); each prints CSV rows
                     theme,group,mentions (all four groups, zeros included).

Translation (see README.md):
  word / phrase     PG phraseto_tsquery('english', 'w1 w2')    FTS5 "w1 w2"
  =exact            treated as a plain word (both peers stem everything)
  prefix*           PG to_tsquery('english', '''w'':*')       FTS5 "w"*
                    (inside a phrase: PG 'a' <-> 'b':*, FTS5 "a" + "b"*)
  a NEAR/n b        PG  OR over k = 1..n+1 of a <k> b and b <k> a
                    FTS5 NEAR(a b, n)
  /pattern/         skipped (counted, reported on stderr)
  exclude, negators ignored
A theme's query is the OR of its own terms and all its descendants' terms.
Only the Python standard library is used.
"""

import argparse
import json
import re
import sys

GROUPS = ("detractor", "passive", "promoter", "unscored")
PG_CONFIG = "english"  # text search configuration (--pg-config)
NEAR_RE = re.compile(r"^NEAR/([0-9]+)$")


class LexiconError(Exception):
    pass


# ---- parsing terms (mirrors engine/lexicon.c) -------------------------------

def parse_word(w):
    """'=word' -> exact, 'word*' -> prefix, else a stemmed word."""
    exact = w.startswith("=")
    if exact:
        w = w[1:]
    prefix = w.endswith("*")
    if prefix:
        w = w[:-1]
    if not w:
        raise LexiconError("a lone '=' or '*' is not a word")
    return {"text": w, "exact": exact, "prefix": prefix}


def parse_term(raw):
    """Returns {'kind': 'pattern'} or {'kind': 'words', 'sides': [side]} or
    {'kind': 'near', 'sides': [a, b], 'near': n}; a side is a list of words."""
    t = raw.strip(" \t\r\n\v\f")
    if not t:
        raise LexiconError("empty term")
    if t.startswith("/"):
        return {"kind": "pattern"}
    words = t.split()
    near_at = [i for i, w in enumerate(words) if w.startswith("NEAR/")]
    if not near_at:
        return {"kind": "words", "sides": [[parse_word(w) for w in words]]}
    if len(near_at) > 1:
        raise LexiconError("more than one NEAR in %r" % raw)
    i = near_at[0]
    m = NEAR_RE.match(words[i])
    if not m or not 1 <= int(m.group(1)) <= 50:
        raise LexiconError("bad NEAR/n in %r" % raw)
    if i == 0 or i == len(words) - 1:
        raise LexiconError("NEAR needs words on both sides in %r" % raw)
    return {"kind": "near", "near": int(m.group(1)),
            "sides": [[parse_word(w) for w in words[:i]],
                      [parse_word(w) for w in words[i + 1:]]]}


# ---- PostgreSQL ---------------------------------------------------------------

def sql_lit(s):
    """A standard SQL string literal (standard_conforming_strings = on)."""
    if "\0" in s:
        raise LexiconError("NUL in a term")
    return "'" + s.replace("'", "''") + "'"


def tsq_quote(w):
    """A quoted operand for to_tsquery: '...' with ' doubled and \\ escaped."""
    return "'" + w.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_side(side):
    """SQL expression of type tsquery matching the side as a phrase."""
    if not any(w["prefix"] for w in side):
        return "phraseto_tsquery(%s, %s)" % (sql_lit(PG_CONFIG), sql_lit(
            " ".join(w["text"] for w in side)))
    q = " <-> ".join(tsq_quote(w["text"]) + (":*" if w["prefix"] else "")
                     for w in side)
    return "to_tsquery(%s, %s)" % (sql_lit(PG_CONFIG), sql_lit(q))


def pg_term(term):
    if term["kind"] == "words":
        return pg_side(term["sides"][0])
    a, b = pg_side(term["sides"][0]), pg_side(term["sides"][1])
    alts = []
    for k in range(1, term["near"] + 2):
        alts.append("tsquery_phrase(%s, %s, %d)" % (a, b, k))
        alts.append("tsquery_phrase(%s, %s, %d)" % (b, a, k))
    # A side made only of stop words would leave the other side alone
    # (tsquery_phrase('', b) = b): such a NEAR matches nothing instead.
    return ("(CASE WHEN numnode(%s) = 0 OR numnode(%s) = 0 THEN ''::tsquery "
            "ELSE %s END)" % (a, b, " || ".join(alts)))


def pg_edge_words(term):
    """Words whose loss (stop word) would broaden a multi-word side."""
    out = []
    for side in term["sides"]:
        if len(side) > 1:
            out.extend({side[0]["text"], side[-1]["text"]})
    return out


# ---- SQLite FTS5 --------------------------------------------------------------

def fts_str(s):
    return '"' + s.replace('"', '""') + '"'


def fts_side(side):
    """An FTS5 phrase; a prefix word ends a quoted string ("a b"* + "c")."""
    parts, run = [], []
    for w in side:
        run.append(w["text"])
        if w["prefix"]:
            parts.append(fts_str(" ".join(run)) + "*")
            run = []
    if run:
        parts.append(fts_str(" ".join(run)))
    return " + ".join(parts)


def fts_has_token(side):
    # unicode61: letters, numbers (and private use) are token characters.
    return any(ch.isalnum() for w in side for ch in w["text"])


def fts_term(term):
    if not all(fts_has_token(s) for s in term["sides"]):
        return None
    if term["kind"] == "words":
        return fts_side(term["sides"][0])
    return "NEAR(%s %s, %d)" % (fts_side(term["sides"][0]),
                                fts_side(term["sides"][1]), term["near"])


# ---- lexicon ------------------------------------------------------------------

def load_themes(path):
    with open(path, encoding="utf-8") as f:
        lex = json.load(f)
    if not isinstance(lex, dict) or not isinstance(lex.get("themes"), list):
        raise LexiconError("%s: no \"themes\" array" % path)
    themes = []  # pre-order: parents before children

    def walk(nodes, parent, ancestors):
        for node in nodes:
            tid = node.get("id")
            if not isinstance(tid, str) or not tid:
                raise LexiconError("%s: a theme without an id" % path)
            th = {"id": tid, "label": node.get("label", tid), "parent": parent,
                  "ancestors": list(ancestors), "own": []}
            for raw in node.get("terms", []):
                try:
                    th["own"].append((raw, parse_term(raw)))
                except LexiconError as e:
                    raise LexiconError("%s: theme %s: %s" % (path, tid, e))
            th["exclude_count"] = len(node.get("exclude", []))
            themes.append(th)
            walk(node.get("themes", []), tid, ancestors + [tid])

    walk(lex["themes"], None, [])
    return lex, themes


def translate(path):
    lex, themes = load_themes(path)
    by_id = {t["id"]: t for t in themes}
    terms = []  # every term once, with its owner theme
    for th in themes:
        th["all_terms"] = []
        th["patterns_own"] = 0
        th["fts_dropped_own"] = 0
    for th in themes:
        for raw, parsed in th["own"]:
            rec = {"theme": th["id"], "term": raw, "kind": parsed["kind"]}
            if parsed["kind"] == "pattern":
                rec["pg"] = rec["fts5"] = None
                th["patterns_own"] += 1
            else:
                rec["pg"] = pg_term(parsed)
                rec["fts5"] = fts_term(parsed)
                rec["pg_edge_words"] = pg_edge_words(parsed)
                if rec["fts5"] is None:
                    th["fts_dropped_own"] += 1
            terms.append(rec)
            for tid in [th["id"]] + th["ancestors"]:
                by_id[tid]["all_terms"].append(rec)
    out = {"lexicon": path, "name": lex.get("name"),
           "language": lex.get("language", "en"),
           "fold_accents": lex.get("fold_accents", False),
           "themes": [], "terms": terms}
    for th in themes:
        usable_pg = [r["pg"] for r in th["all_terms"] if r["pg"]]
        usable_fts = [r["fts5"] for r in th["all_terms"] if r["fts5"]]
        out["themes"].append({
            "id": th["id"], "label": th["label"], "parent": th["parent"],
            "terms_own": len(th["own"]),
            "terms_with_descendants": len(th["all_terms"]),
            "patterns_skipped": sum(1 for r in th["all_terms"]
                                    if r["kind"] == "pattern"),
            "patterns_skipped_own": th["patterns_own"],
            "excludes_ignored_own": th["exclude_count"],
            # an empty OR would be a syntax error: a query that matches nothing
            "pg": " || ".join(usable_pg) if usable_pg else "''::tsquery",
            "fts5": " OR ".join(usable_fts) if usable_fts else None,
        })
    return out


# ---- SQL files ------------------------------------------------------------------

PG_GROUP = """CASE
        WHEN score IS NULL OR btrim(score) = '' THEN 'unscored'
        WHEN btrim(score) ~ '^[0-9]{1,2}$' THEN
          CASE WHEN btrim(score)::int <= 6 THEN 'detractor'
               WHEN btrim(score)::int <= 8 THEN 'passive'
               WHEN btrim(score)::int <= 10 THEN 'promoter' END
      END"""


def pg_query_sql(q):
    cols, vals = [], []
    for i, th in enumerate(q["themes"]):
        cols.append("    count(*) FILTER (WHERE tsv @@ (%s)) AS t%d"
                    % (th["pg"], i))
        vals.append("(%s, c.t%d)" % (sql_lit(th["id"]), i))
    return """-- Generated by bench/peers/lexicon_queries.py from %s
-- One ad-hoc statement: to_tsvector('%s', comment) once per row (no
-- index), every theme's tsquery tested on it, counted per score group.
-- The tsquery expressions are constant and folded once at plan time.
COPY (
SELECT v.theme, c.grp AS "group", v.mentions
FROM (
  SELECT grp,
%s
  FROM (
    SELECT %s AS grp,
      to_tsvector('%s', comment) AS tsv
    FROM corpus
    WHERE comment ~ '[^[:space:]]'
    OFFSET 0  -- keep the subquery: to_tsvector evaluated once per row
  ) s
  WHERE grp IS NOT NULL
  GROUP BY grp
) c
CROSS JOIN LATERAL (VALUES
  %s
) v(theme, mentions)
ORDER BY 1, 2
) TO STDOUT WITH (FORMAT csv, HEADER);
""" % (q["lexicon"], PG_CONFIG, ",\n".join(cols), PG_GROUP, PG_CONFIG,
       ",\n  ".join(vals))


def pg_check_sql(q):
    rows = []
    for r in q["terms"]:
        if not r["pg"]:
            continue
        edges = "ARRAY[%s]::text[]" % ", ".join(
            sql_lit(w) for w in r["pg_edge_words"])
        rows.append("(%s, %s, %s, %s)" % (sql_lit(r["theme"]), sql_lit(r["term"]),
                                          r["pg"], edges))
    if not rows:
        return "SELECT NULL::text, NULL::text, NULL::text WHERE false;\n"
    return """-- Terms the '%s' configuration drops or broadens (stop words).
COPY (
SELECT theme, term,
  CASE WHEN numnode(q) = 0 THEN 'dropped'
       ELSE 'broadened' END AS status
FROM (VALUES
  %s
) t(theme, term, q, edges)
WHERE numnode(q) = 0
   OR EXISTS (SELECT 1 FROM unnest(edges) w
              WHERE numnode(phraseto_tsquery('%s', w)) = 0)
) TO STDOUT WITH (FORMAT csv);
""" % (PG_CONFIG, ",\n  ".join(rows), PG_CONFIG)


def sqlite_sql(q):
    groups = " UNION ALL ".join("SELECT %s" % sql_lit(g) for g in GROUPS)
    out = ["-- Generated by bench/peers/lexicon_queries.py from %s" % q["lexicon"],
           "-- One FTS5 MATCH query per theme on fts(comment, grp UNINDEXED)."]
    for th in q["themes"]:
        if th["fts5"] is None:
            m = "SELECT grp, 0 AS n FROM fts WHERE 0 GROUP BY grp"
        else:
            m = ("SELECT grp, count(*) AS n FROM fts WHERE fts MATCH %s "
                 "GROUP BY grp" % sql_lit(th["fts5"]))
        out.append("WITH g(grp) AS (%s), m AS (%s)\n"
                   "SELECT %s, g.grp, coalesce(m.n, 0) FROM g "
                   "LEFT JOIN m ON m.grp = g.grp;"
                   % (groups, m, sql_lit(th["id"])))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(
        description="Translate a Verbatim lexicon into PostgreSQL and "
                    "SQLite FTS5 queries, one per theme.")
    ap.add_argument("lexicon")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--pg-sql", metavar="FILE")
    ap.add_argument("--pg-check-sql", metavar="FILE")
    ap.add_argument("--sqlite-sql", metavar="FILE")
    ap.add_argument("--pg-config", metavar="NAME", default="english",
                    help="PostgreSQL text search configuration "
                         "(default english)")
    ap.add_argument("-q", "--quiet", action="store_true",
                    help="do not report skipped terms on stderr")
    a = ap.parse_args()
    global PG_CONFIG
    if not re.match(r"^[a-z_][a-z0-9_]*$", a.pg_config):
        ap.error("--pg-config: a plain lower-case configuration name")
    PG_CONFIG = a.pg_config
    try:
        q = translate(a.lexicon)
    except (OSError, ValueError, LexiconError) as e:
        print("lexicon_queries.py: %s" % e, file=sys.stderr)
        return 2

    if not a.quiet:
        total = 0
        for th in q["themes"]:
            if th["patterns_skipped"]:
                print("lexicon_queries.py: theme %s: %d of %d terms are "
                      "/patterns/, skipped (%d of its own)"
                      % (th["id"], th["patterns_skipped"],
                         th["terms_with_descendants"],
                         th["patterns_skipped_own"]), file=sys.stderr)
            total += th["patterns_skipped_own"]
        nodrop = [r for r in q["terms"] if r["kind"] != "pattern"
                  and r["fts5"] is None]
        for r in nodrop:
            print("lexicon_queries.py: theme %s: term %r has no FTS5 token, "
                  "skipped for SQLite" % (r["theme"], r["term"]),
                  file=sys.stderr)
        print("lexicon_queries.py: %d themes, %d terms, %d /patterns/ "
              "skipped, %d exclude terms and the negators ignored"
              % (len(q["themes"]), len(q["terms"]), total,
                 sum(t["excludes_ignored_own"] for t in q["themes"])),
              file=sys.stderr)

    outputs = [(a.json, lambda: json.dumps(q, indent=1, ensure_ascii=False) + "\n"),
               (a.pg_sql, lambda: pg_query_sql(q)),
               (a.pg_check_sql, lambda: pg_check_sql(q)),
               (a.sqlite_sql, lambda: sqlite_sql(q))]
    if not any(f for f, _ in outputs):
        sys.stdout.write(outputs[0][1]())
        return 0
    for f, render in outputs:
        if f:
            with open(f, "w", encoding="utf-8") as fh:
                fh.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
