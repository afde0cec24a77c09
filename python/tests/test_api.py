"""The package's API: lexicons and their errors, tag, tag_many, tag_frame,
the GIL, and memory over many calls."""
import os
import resource
import threading
import time

import pandas as pd
import pytest

import verbatim


@pytest.fixture(scope="module")
def lex():
    return verbatim.Lexicon()


@pytest.fixture(scope="module")
def comments(sample):
    return list(pd.read_csv(sample, dtype=str, keep_default_na=False)["comment"])


def test_tag_finds_themes_and_spans(lex):
    t = lex.tag("late delivery again")
    assert "shipping.late" in t.themes and "shipping" in t.themes
    assert t.rejected is None
    m = [m for m in t.matches if m.theme == "shipping.late"][0]
    assert (m.start, m.end, m.text) == (0, 13, "late delivery")
    assert not m.negated and not m.excluded


def test_spans_are_character_offsets(lex):
    text = "Our café order — late delivery, and señor Müller waited a week"
    t = lex.tag(text)
    for m in t.matches:
        assert text[m.start:m.end] == m.text
    assert any(m.text == "late delivery" for m in t.matches)


def test_each_text_is_matched_in_its_language(lex):
    """The default lexicons cover several languages: a Spanish comment is
    matched by the Spanish lexicon, as `verbatim tag` routes it."""
    t = lex.tag("El pedido llegó tarde y nadie me contestó")
    assert t.language == "es"
    assert "shipping.late" in t.themes
    assert lex.tag("late delivery again").language == "en"
    assert lex.tag_many(["El pedido llegó tarde y nadie me contestó"])[0] == t


def test_negated_and_dropped_flags(lex):
    t = lex.tag("late delivery, not damaged")
    damaged = [m for m in t.matches if m.theme == "shipping.damaged"]
    assert damaged and damaged[0].negated
    assert "shipping.damaged" not in t.themes


def test_tag_rejects_non_str(lex):
    with pytest.raises(TypeError):
        lex.tag(b"bytes")


def test_theme_ids_follow_the_lexicon(lex):
    ids = [t[0] for t in lex.themes()]
    assert ids == list(lex.theme_ids) and "shipping.late" in ids
    assert dict((t[0], t[2]) for t in lex.themes())["shipping.late"] == "shipping"


def test_lexicon_error_has_position(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "language": "en",\n  "themes": [ {"id": "a", oops} ]\n}\n')
    with pytest.raises(verbatim.LexiconError) as e:
        verbatim.Lexicon(str(bad))
    assert (e.value.file, e.value.line, e.value.column) == (str(bad), 3, 28)
    assert e.value.code == "VB_EJSON"
    assert isinstance(e.value, verbatim.Error)


def test_lexicon_semantic_error(tmp_path):
    bad = tmp_path / "dup.json"
    bad.write_text('{"language": "en", "themes": [\n'
                   ' {"id": "a", "label": "A", "terms": ["x"]},\n'
                   ' {"id": "a", "label": "B", "terms": ["y"]}]}\n')
    with pytest.raises(verbatim.LexiconError) as e:
        verbatim.Lexicon([str(bad)])
    assert e.value.file == str(bad) and e.value.line == 3


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(verbatim.LexiconError) as e:
        verbatim.Lexicon(str(tmp_path / "none.json"))
    assert e.value.file == str(tmp_path / "none.json")


def test_lexicon_pickles_as_its_documents(lex):
    import pickle
    again = pickle.loads(pickle.dumps(lex))
    assert again.theme_ids == lex.theme_ids
    assert again.tag("late delivery again") == lex.tag("late delivery again")


def test_tag_many_equals_tag(lex, comments):
    some = comments[:1500] + [None, "", "late delivery", "Él llegó tarde\r\nlate delivery, box damaged", "x\rlate delivery",
                              '"late", delivery "" again\n' * 30000]  # longer than the reader's buffer
    one = [lex.tag(c or "") for c in some]
    assert lex.tag_many(some, jobs=1) == one
    assert lex.tag_many(some, jobs=2) == one
    assert lex.tag_many(iter(some), jobs=0) == one


def test_tag_many_groups_and_rejects(lex):
    res = lex.tag_many(["late delivery", "ok", "fine", "x"], scores=[10, 3, 11, None])
    assert [r.group for r in res] == ["promoter", "detractor", None, "unscored"]
    assert res[2].rejected and "scale" in res[2].rejected
    assert res[0].themes == lex.tag("late delivery").themes


def test_tag_frame(lex, sample):
    df = pd.read_csv(sample, dtype=str, keep_default_na=False).head(400)
    out = verbatim.tag_frame(df, text="comment", score="score")
    assert list(out.columns[:len(df.columns)]) == list(df.columns)
    assert "themes" in out and all(t in out for t in lex.theme_ids)
    for i in range(len(df)):
        themes = lex.tag(df["comment"][i]).themes
        assert out["themes"][i] == ";".join(themes)
        assert [out[t][i] for t in lex.theme_ids] == \
            [int(t in themes) for t in lex.theme_ids]
    assert set(out["group"]) <= {"detractor", "passive", "promoter", "unscored"}


def test_tag_frame_equals_cli_tag(cli, sample):
    """The themes and 0/1 columns are the CLI's `tag` output's."""
    import io
    import subprocess
    cli_out = subprocess.run([cli, "tag", "-q", sample], capture_output=True).stdout
    want = pd.read_csv(io.BytesIO(cli_out), dtype=str, keep_default_na=False)
    df = pd.read_csv(sample, dtype=str, keep_default_na=False)
    got = verbatim.tag_frame(df, text="comment").astype(str)
    assert list(got.columns) == list(want.columns)
    assert (got.values == want.values).all()


def test_gil_is_released_while_tagging(lex):
    """The main thread keeps running while tag() runs on a long text in
    another: with the GIL held, the main loop would stall for the whole
    call (its longest gap between two turns would be the call's time).
    The other thread tags the text again and again for at least 0.3 s, so
    the test does not depend on how fast one call is; its shortest call
    is the yardstick."""
    text = "zebras hum quietly under marmalade skies. " * 500000  # no theme: all matcher
    ticks = []
    call = {"seconds": float("inf")}

    def work():
        begin = time.perf_counter()
        while time.perf_counter() - begin < 0.3:
            start = time.perf_counter()
            lex.tag(text)
            call["seconds"] = min(call["seconds"], time.perf_counter() - start)

    t = threading.Thread(target=work)
    ticks.append(time.perf_counter())  # the stall may begin in start()
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    ticks.append(time.perf_counter())  # and end with the thread
    t.join()
    gap = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert call["seconds"] > 0.02, "the text is too short to tell"
    assert gap < call["seconds"] / 2, \
        f"main thread stalled {gap:.3f} s of a {call['seconds']:.3f} s call"


def test_two_threads_tag_at_once(lex, comments):
    want = [lex.tag(c).themes for c in comments[:500]]
    got = [None, None]

    def work(k):
        got[k] = [lex.tag(c).themes for c in comments[:500]]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want, want]


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def assert_rss_stable(once, warm, rounds):
    """RSS grows by less than 2 MiB over `rounds` calls of once() made
    after `warm` calls."""
    for _ in range(warm):
        once()
    before = rss_kb()
    for _ in range(rounds):
        once()
    grown = rss_kb() - before
    assert grown < 2048, f"RSS grew {grown} kB over {rounds} rounds"


def test_no_leak_over_100k_calls(lex):
    texts = ["late delivery again", "great support, fast refund",
             "app crashes, not damaged", "Él llegó tarde"]

    def once():
        for t in texts:
            lex.tag(t)
    assert_rss_stable(once, 2500, 25000)  # 100,000 calls


def test_no_leak_over_tag_many_runs(lex):
    """tag_many's job thread, its per-worker blocks and results are all
    freed: RSS stays put over 300 runs."""
    texts = ["late delivery again", "great support, fast refund",
             'app "crashes", not damaged', "Él llegó tarde", None] * 200

    def once():
        lex.tag_many(texts, jobs=2)
        lex.tag_many(texts, jobs=1, scores=[9, 3, None, "x", 11] * 200,
                     matches=False)
    assert_rss_stable(once, 30, 300)


def test_no_leak_in_reports_and_errors(tmp_path):
    p = tmp_path / "small.csv"
    p.write_text("score,region,comment\n9,EU,late delivery\n3,US,rude support\n11,EU,x\n")
    small = verbatim.report(str(p), by=["region"])

    def once():
        r = verbatim.Report.load(small.save()) + small
        r.to_csv(), r.to_json(), r.counts, r.reject_reasons
        try:
            verbatim.Report.load(b"junk")
        except verbatim.PartialError:
            pass

    # each round compiles the lexicon a partial carries: a few ms
    assert_rss_stable(once, 100, 400)


def test_tag_many_themes_only(lex, comments):
    some = comments[:800]
    full = lex.tag_many(some, jobs=2)
    bare = lex.tag_many(some, jobs=2, matches=False)
    assert [t.themes for t in bare] == [t.themes for t in full]
    assert all(t.matches == () for t in bare)
    assert any(t.matches for t in full)


def test_tag_many_equals_cli_ndjson(lex, cli, sample, tmp_path):
    """tag_many's themes and matches (with their spans, converted from
    the CLI's byte offsets) are `verbatim tag -f ndjson`'s, row for row,
    texts with quotes, commas, line breaks and non-ASCII included: the
    texts reach the job through the memory feed, not a file."""
    import csv
    import json
    import subprocess
    texts = list(pd.read_csv(sample, dtype=str, keep_default_na=False)["comment"])
    texts += ['late "delivery", again', 'he said ""late delivery""\r\nand, "quoted"',
              '"', '""', ',', 'Él llegó tarde\nlate delivery', "",
              '{"ImportId":"late delivery"}', "x\rlate delivery"]
    path = tmp_path / "texts.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_ALL)
        w.writerow(["comment"])
        w.writerows([t] for t in texts)
    out = subprocess.run([cli, "tag", "-q", "-f", "ndjson", str(path)],
                         capture_output=True, check=True).stdout.decode()
    want = [json.loads(line) for line in out.splitlines()]
    assert len(want) == len(texts)
    for jobs in (1, 2):
        got = lex.tag_many(texts, jobs=jobs)
        for text, g, w in zip(texts, got, want):
            assert list(g.themes) == w["themes"]
            raw = text.encode()

            def chars(b):
                return len(raw[:b].decode())
            assert [(m.theme, m.term, m.start, m.end, m.text, m.negated)
                    for m in g.matches] == \
                [(x["theme"], x["term"], chars(x["start"]), chars(x["end"]),
                  x["text"], x["negated"]) for x in w["matches"]]
