"""verbatim.report against `verbatim report`: the same bytes, the same
counts and rejects; merging and pickling through partial reports."""
import io
import pickle
import re

import pandas as pd
import pytest

import verbatim
from conftest import run_cli

CASES = [
    [],
    ["--by", "region"],
    ["--by", "region", "--by", "plan", "--period", "quarter"],
    ["--period", "month", "--min-responses", "30", "--top", "5"],
    ["--by", "region", "--display-lang", "fr"],
]


def py_options(args):
    """The keyword arguments of verbatim.report for CLI options."""
    kw, by = {}, []
    it = iter(args)
    for a in it:
        v = next(it)
        if a == "--by":
            by.append(v)
        else:
            key = a[2:].replace("-", "_")
            kw[key] = int(v) if key in ("min_responses", "top", "min_mentions") else v
    kw["by"] = by
    return kw


def test_display_lang_unknown_is_an_error(sample):
    rep = verbatim.report(sample)
    rep.display_lang = "xx"
    with pytest.raises(ValueError, match="display_lang xx"):
        rep.to_csv()
    rep.display_lang = "de"
    assert "Versand" in rep.to_csv()  # the German label of shipping


def counts_line(stderr):
    m = re.search(r"read (\d+), tagged (\d+), unscored (\d+), rejected (\d+)", stderr)
    return dict(zip(("read", "tagged", "unscored", "rejected"), map(int, m.groups())))


@pytest.mark.parametrize("args", CASES)
def test_csv_and_json_are_the_clis(cli, sample, args):
    rep = verbatim.report(sample, **py_options(args))
    out, err, code = run_cli(cli, "report", "-f", "csv", *args, sample)
    assert code == 0
    assert rep.to_csv().encode() == out
    out, _, _ = run_cli(cli, "report", "-f", "json", *args, sample)
    assert rep.to_json().encode() == out
    c = rep.counts
    assert {k: c[k] for k in ("read", "tagged", "unscored", "rejected")} == counts_line(err)


def test_to_frame_is_the_tidy_table(cli, sample):
    rep = verbatim.report(sample, by=["region"])
    out, _, _ = run_cli(cli, "report", "-f", "csv", "--by", "region", sample)
    want = pd.read_csv(io.BytesIO(out), keep_default_na=False, na_values=[""])
    got = rep.to_frame()
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert "NA" in set(got["region"])  # a segment value, not a missing one


def test_dataframe_input_equals_the_file(cli, sample):
    df = pd.read_csv(sample, dtype=str, keep_default_na=False)
    out, _, _ = run_cli(cli, "report", "-f", "csv", "--by", "region", sample)
    assert verbatim.report(df, by=["region"]).to_csv().encode() == out


def test_dataframe_numbers_and_na(tmp_path):
    """Scores read by pandas as floats (NaN makes them so) count as the
    integers they are; NA is an empty field: an unscored row."""
    df = pd.DataFrame({"score": [9, 3, None, 10], "comment": ["late delivery", "slow", None, "great"]})
    rep = verbatim.report(df)
    assert rep.counts["read"] == 4 and rep.counts["rejected"] == 0
    assert rep.counts["unscored"] == 1


@pytest.fixture
def with_rejects(tmp_path):
    p = tmp_path / "rejects.csv"
    p.write_text("id,score,comment\n1,9,late delivery\n2,11,bad score\n"
                 "3,x,what\n4,5,\"fine\n5,1,broken quote\n6,10,good\n")
    return str(p)


def test_rejected_rows_are_counted_like_the_cli(cli, with_rejects, tmp_path):
    rejects = tmp_path / "py_rejects.csv"
    rep = verbatim.report(with_rejects, rejects=rejects)
    out, err, code = run_cli(cli, "report", "-f", "csv", "--rejects",
                             str(tmp_path / "cli_rejects.csv"), with_rejects)
    assert code == 1
    assert rep.to_csv().encode() == out
    c = rep.counts
    assert {k: c[k] for k in ("read", "tagged", "unscored", "rejected")} == counts_line(err)
    assert c["rejected"] > 0 and c["read"] == c["tagged"] + c["rejected"]
    assert sum(n for _, n in rep.reject_reasons) == c["rejected"]
    assert ("score not on the scale", 2) in rep.reject_reasons
    assert rejects.read_bytes() == (tmp_path / "cli_rejects.csv").read_bytes()


def test_nothing_tagged_raises(tmp_path):
    p = tmp_path / "all_bad.csv"
    p.write_text("score,comment\n11,a\n12,b\n")
    with pytest.raises(verbatim.InputError, match="no row could be tagged"):
        verbatim.report(str(p))


def test_missing_column_raises(sample):
    with pytest.raises(verbatim.InputError) as e:
        verbatim.report(sample, by=["nope"])
    assert e.value.code == "VB_ECOLUMN"


def test_parts_add_up_to_the_whole(cli, sample_parts):
    whole, _, _ = run_cli(cli, "report", "-f", "csv", "--by", "region",
                          "--period", "month", *sample_parts)
    reps = [verbatim.report(p, by=["region"], period="month") for p in sample_parts]
    total = reps[0]
    for r in reps[1:]:
        total = total + r
    assert total.to_csv().encode() == whole
    assert reps[0].merge(*reps[1:]).to_csv().encode() == whole
    assert total.counts["read"] == sum(r.counts["read"] for r in reps)
    assert verbatim.report(sample_parts, by=["region"], period="month").to_csv().encode() == whole


def test_pickle_is_the_partial_format(cli, sample, tmp_path):
    rep = verbatim.report(sample, by=["plan"])
    again = pickle.loads(pickle.dumps(rep))
    assert again.to_csv() == rep.to_csv() and again.counts == rep.counts
    # the CLI's partial loads here, and ours merges in the CLI
    part = tmp_path / "cli.vbp"
    run_cli(cli, "report", "--partial", "--by", "plan", "-o", str(part), sample)
    assert verbatim.Report.load(part.read_bytes()).to_csv() == rep.to_csv()
    ours = tmp_path / "py.vbp"
    ours.write_bytes(rep.save())
    merged, _, code = run_cli(cli, "merge", "-f", "csv", str(part), str(ours))
    assert code == 0
    assert merged == (rep + rep).to_csv().encode()


def test_reports_made_differently_do_not_merge(sample):
    a = verbatim.report(sample, by=["region"])
    b = verbatim.report(sample, by=["plan"])
    with pytest.raises(verbatim.PartialError):
        a + b
    c = verbatim.report(sample, by=["region"], text="comment")
    with pytest.raises(verbatim.PartialError, match="text column"):
        a + c


def test_not_a_partial():
    with pytest.raises(verbatim.PartialError):
        verbatim.Report.load(b"not a partial report")


def test_dataframe_text_with_line_breaks():
    """A lone CR, CRLF or LF inside a comment stays inside its row."""
    df = pd.DataFrame({"score": ["9", "3", "10"],
                       "comment": ["x\rlate delivery", "a\r\nb, late delivery", "c\nd"]})
    rep = verbatim.report(df)
    assert rep.counts["read"] == 3 and rep.counts["rejected"] == 0
    lines = [ln for ln in rep.to_csv().splitlines() if ln.startswith("shipping.late,")]
    assert any(",promoter,2,2,1," in ln for ln in lines)
    assert any(",detractor,1,1,1," in ln for ln in lines)


def test_200k_generated_rows_equal_the_cli(cli, generated):
    args = ["--by", "region", "--by", "plan", "--period", "month"]
    out, _, code = run_cli(cli, "report", "-q", "-f", "csv", *args, generated)
    assert code == 0
    rep = verbatim.report(generated, by=["region", "plan"], period="month")
    assert rep.read == 200000
    assert rep.to_csv().encode() == out
