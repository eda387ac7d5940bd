"""Hostile and extreme input (issue 15): huge numbers, backtracking bait, fuzzed mixed-script text.
Each case here failed before its fix: `parse_number("9" * 400)` returned inf, a 400-digit count
raised OverflowError in `extract_figures`, and "5 per " + "a" * 1000 took about a minute."""
from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnict_analysis as va

LANGS = ["en", "vi", "id", "th", "zh", "ja", "ko", "fr", "de", "ru", "es", "pt"]


@pytest.mark.parametrize("text", ["9" * 400, "miliar " * 40, "1" + "0" * 320, "9" * 309 + " triệu"])
def test_huge_numbers_are_a_value_error_not_inf(text):
    for lang in ("id", "vi", "en"):
        try:
            value = va.parse_number(text, lang)
        except ValueError:
            continue
        assert math.isfinite(value)


def test_huge_count_is_not_a_figure_and_does_not_crash():
    got = va.extract_figures("9" * 400 + " người và hai nghìn tỷ đồng", "vi")
    assert got["value"].map(math.isfinite).all()
    assert list(got["value"]) == [2e12]
    rejected = va.rejected_numbers("9" * 400 + " người", "vi")
    assert "too large" in set(rejected["reason"])


def _seconds(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


@pytest.mark.parametrize("shape", [
    lambda n: "5 per " + "a" * n,                 # the rate pattern's word run
    lambda n: "1 " * (n // 2),                    # a number every two characters
    lambda n: ("năm 2023 " * (n // 9)),           # years
    lambda n: ("12/05/2023 " * (n // 11)),         # dates
])
def test_adversarial_shapes_grow_near_linearly(shape):
    va.extract_figures(shape(1000), "en")  # compile the rules first
    small = _seconds(lambda: va.extract_figures(shape(2_000), "en"))
    large = _seconds(lambda: va.extract_figures(shape(20_000), "en"))
    assert large < 10.0 and large <= 20 * max(small, 0.02), (small, large)  # 10x the text, at most 20x the time


_PIECES = list("0123456789 .,-%$€₫¥円억万亿٠١٢३४५๑๒\u00a0") + [
    "tỷ ", "triệu ", "miliar ", "juta ", "ล้าน", "billion ", "nghìn ", "per ", "năm ", "年", "억 ", "mil millones "]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, lang=st.sampled_from(LANGS))
def test_parse_number_only_raises_value_error_and_is_finite(text, lang):
    try:
        value = va.parse_number(text, lang)
    except ValueError:
        return
    assert math.isfinite(value)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, lang=st.sampled_from(LANGS))
def test_extract_figures_never_raises_and_values_are_finite(text, lang):
    got = va.extract_figures(text, lang)
    assert got["value"].map(math.isfinite).all()
    assert ((got["start"] >= 0) & (got["end"] <= len(text)) & (got["start"] < got["end"])).all()


def test_dollar_signs_from_the_data_are_not_mathtext(tmp_path):
    """A file or source named with "$...$" reached a chart label as mathtext and failed the book."""
    import matplotlib

    matplotlib.use("Agg")
    import pandas as pd

    from vnict_analysis.report.charts import chart_figures

    mentions = pd.DataFrame({"source_id": ["a$^{x$_b", "a$^{x$_b"], "fact_id": ["f1", None]})
    rejected = pd.DataFrame({"source_id": ["a$^{x$_b"]})
    fig = chart_figures(mentions, rejected, "Revenue $1.2 billion $\\frac{")
    fig.savefig(tmp_path / "c.png")
    assert (tmp_path / "c.png").stat().st_size > 0


def test_every_txt_entry_is_read_or_skipped_with_a_reason(tmp_path):
    """Broken links, loops, FIFOs and folders named .txt were neither read nor listed; .TXT was not read."""
    import os

    from vnict_analysis.corpus import load_corpus

    (tmp_path / "a.txt").write_text("Doanh thu đạt 36.571 tỷ đồng năm 2023.", encoding="utf-8")
    (tmp_path / "B.TXT").write_text("Pendapatan mencapai 12,5 triliun rupiah.", encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "loop.txt", tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "dir.txt").mkdir()
    articles, skipped = load_corpus([tmp_path], sources={})
    assert sorted(articles["source_id"]) == ["B", "a"]
    reasons = dict(zip([p.rsplit("/", 1)[-1] for p in skipped["path"]], skipped["reason"]))
    assert reasons == {"broken.txt": "broken symbolic link", "dir.txt": "a folder, not a file",
                       "fifo.txt": "not a regular file (FIFO)", "loop.txt": "symbolic link loop"}


def test_an_undetectable_language_skips_the_file_not_the_run(tmp_path, monkeypatch):
    """A numbers-only file detected as a code CLDR lacks ("zxx") stopped the whole run with exit 2."""
    from vnict_analysis import corpus

    (tmp_path / "a.txt").write_text("Doanh thu đạt 36.571 tỷ đồng năm 2023.", encoding="utf-8")
    (tmp_path / "t.txt").write_text("12 34 56 | 78 90", encoding="utf-8")
    monkeypatch.setattr(corpus, "detect_language", lambda text: ("zxx", 0.5) if "|" in text else ("vi", 0.9))
    articles, skipped = corpus.load_corpus([tmp_path], sources={})
    assert list(articles["source_id"]) == ["a"]
    assert "zxx" in skipped["reason"].iloc[0]


def test_cli_refuses_nan_tolerance_and_colliding_outputs(tmp_path):
    from vnict_analysis.cli import main

    (tmp_path / "a.txt").write_text("Doanh thu đạt 36.571 tỷ đồng năm 2023.", encoding="utf-8")
    assert main(["reconcile", str(tmp_path), "--output", str(tmp_path / "m.csv"), "--check-tolerance", "nan"]) == 2
    assert main(["extract", str(tmp_path), "--output", str(tmp_path / "x.csv"),
                 "--rejected", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "m.csv").exists()
    (tmp_path / "d.csv").mkdir()
    assert main(["extract", str(tmp_path), "--output", str(tmp_path / "d.csv")]) == 2


def test_an_interrupted_write_leaves_the_previous_table_whole(tmp_path, monkeypatch):
    """Writes go to a temporary file and are renamed: a failure mid-write keeps the old table."""
    import pandas as pd

    from vnict_analysis.store import write_table

    target = tmp_path / "t.csv"
    write_table(pd.DataFrame({"a": [1, 2]}), target)
    before = target.read_bytes()

    def boom(self, path, **kw):
        open(path, "w").write("a\n1")  # a truncated table...
        raise KeyboardInterrupt        # ...then Ctrl-C

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(KeyboardInterrupt):
        write_table(pd.DataFrame({"a": [3, 4, 5]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


@pytest.mark.parametrize("text", ["1565年に売上は5億円だった", "âm cents \xa037١๑年円per per 6,6KUSD €Mrd. 8๑8K๑\xa06M 万"])
def test_a_year_outside_the_schema_range_is_no_period(text):
    """"1565年…" (and a fuzzed string) raised pandera's SchemaError: the period left 1800-2200."""
    got = va.extract_figures(text, "ja")
    assert got["period"].isna().all()


def test_near_copies_are_one_source_and_different_articles_are_not(tmp_path):
    """1,000 copies with small edits were 1,000 agreeing sources: a repost with its own headline
    and trailer is folded as a copy (shingle Jaccard >= 0.9); two articles of one story are not."""
    from pathlib import Path

    from vnict_analysis.corpus import load_corpus

    raw = sorted((Path(__file__).parents[1] / "data" / "raw").glob("*.txt"))
    first, second = raw[0].read_text(encoding="utf-8"), raw[1].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(first, encoding="utf-8")
    (tmp_path / "b.txt").write_text("REPOST: " + first + "\n\nSource: another outlet, 2024.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(second, encoding="utf-8")
    articles, _ = load_corpus([tmp_path], sources={})
    dup = dict(zip(articles["source_id"], articles["duplicate_of"]))
    assert dup["b"] == "a"
    assert dup["a"] is None and dup["c"] is None


def test_a_sentence_without_end_is_cut_so_rows_stay_small_and_time_linear():
    """'1 ' * 50,000 (100 KB, one 'sentence') wrote 50,000 rows each carrying the whole 100 KB
    sentence: 5 GB of CSV in 96 s; a 6 MB line without a full stop did not finish in 5 minutes."""
    from vnict_analysis.text.segment import MAX_SENTENCE

    got = va.extract_figures("1 " * 20_000, "vi")
    assert len(got) == 20_000
    assert got["sentence"].str.len().max() <= MAX_SENTENCE
    assert ((got["start"] >= got["sentence_start"]) & (got["end"] <= got["sentence_end"])).all()
    line = "Doanh thu đạt 5 tỷ đồng, tăng 12% so với năm 2023 " * 400  # 20 KB, no full stop
    small = _seconds(lambda: va.extract_figures(line[:2_000], "vi"))
    large = _seconds(lambda: va.extract_figures(line, "vi"))
    assert large <= 20 * max(small, 0.02), (small, large)
    rows = va.extract_figures(line, "vi")
    assert len(rows) == 800 and rows["sentence"].str.len().max() <= MAX_SENTENCE
    assert set(rows["value"]) == {5e9, 12.0}  # no number cut in two at a piece boundary


def test_a_file_larger_than_an_article_is_skipped_with_its_size(tmp_path):
    """A 200 MB file did not finish in 10 minutes: files over the limit are listed, never opened."""
    from vnict_analysis.cli import main
    from vnict_analysis.corpus import load_corpus

    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "dump.txt").write_text("Doanh thu đạt 5 tỷ đồng. " * 5_000, encoding="utf-8")
    articles, skipped = load_corpus([tmp_path], sources={}, lang="vi", max_bytes=50_000)
    assert list(articles["source_id"]) == ["a"]
    assert "MB, larger than the 0.05 MB an article may have" in skipped["reason"].iloc[0]
    assert main(["extract", str(tmp_path), "--lang", "vi", "--max-mb", "0.05", "--output", str(tmp_path / "o.csv")]) == 0
    with pytest.raises(SystemExit):
        main(["extract", str(tmp_path), "--max-mb", "0", "--output", str(tmp_path / "o.csv")])


def test_a_fifo_given_as_the_path_is_skipped_not_opened(tmp_path):
    """A FIFO passed as the input path blocked forever on open."""
    import os

    from vnict_analysis.cli import main

    os.mkfifo(tmp_path / "f.txt")
    assert main(["extract", str(tmp_path / "f.txt"), "--output", str(tmp_path / "o.csv")]) == 3


def test_an_output_under_a_file_is_refused_before_any_work_and_tables_are_not_private(tmp_path):
    """'--output afile/x.csv' failed only after the work; temporary files made every table 0600."""
    import stat

    from vnict_analysis.cli import main

    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "afile").write_text("x")
    assert main(["extract", str(tmp_path / "a.txt"), "--lang", "vi", "--output", str(tmp_path / "afile" / "x.csv")]) == 2
    assert main(["extract", str(tmp_path / "a.txt"), "--lang", "vi", "--output", str(tmp_path / "o.csv")]) == 0
    assert stat.S_IMODE((tmp_path / "o.csv").stat().st_mode) & 0o044 == 0o044


@pytest.mark.parametrize("published,ok", [("2024-05-01", True), ("2024-13-45", False)])
def test_an_unquoted_date_is_read_as_written(tmp_path, published, ok):
    """'published: 2024-05-01' unquoted was refused as 'must be a string'; '2024-13-45' failed
    inside YAML with a message naming neither the file nor the line."""
    from vnict_analysis.corpus import read_sources
    from vnict_analysis.corpus import SourcesError

    p = tmp_path / "sources.yaml"
    p.write_text(f"sources:\n  a:\n    lang: vi\n    published: {published}\n")
    if ok:
        assert read_sources(p)["a"]["published"] == "2024-05-01"
    else:
        with pytest.raises(SourcesError, match=r"sources.yaml:4: .*2024-13-45.*month"):
            read_sources(p)


def test_exact_copies_are_read_once_and_counted_in_the_facts(tmp_path):
    """1,000 copies of one article took five minutes and gave 1,000 mentions per fact and 2,000
    findings: copies are now read once; the facts count them in n_copies."""
    import shutil
    from pathlib import Path

    from vnict_analysis.pipeline import run

    raw = sorted((Path(__file__).parents[1] / "data" / "raw").glob("*.txt"))
    for i in range(30):
        shutil.copy(raw[0], tmp_path / f"c{i:02d}.txt")
    shutil.copy(raw[1], tmp_path / "other.txt")
    res = run([tmp_path])
    assert len(res.articles) == 31 and res.articles["duplicate_of"].notna().sum() == 29
    assert set(res.mentions["source_id"]) == {"c00", "other"}
    copied = res.facts[res.facts["sources"].str.contains("c00")]
    assert len(copied) and (copied["n_copies"] == 29).all() and (copied["n_sources"] <= 2).all()
    assert not res.findings["evidence"].str.contains(r"\bc(?:0[1-9]|[12]\d)\b").any()  # no copy is a second voice
    assert set(res.attributions["source_id"]) <= {"c00", "other"}


def test_ctrl_c_exits_130_without_traceback_and_keeps_the_previous_table(tmp_path):
    """Ctrl-C printed a KeyboardInterrupt traceback; the table of the run before must stay whole."""
    import signal
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    out = tmp_path / "o.csv"
    cmd = [sys.executable, "-m", "vnict_analysis", "extract", str(tmp_path), "--lang", "vi", "--output", str(out)]
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    before = out.read_bytes()
    (tmp_path / "b.txt").write_text("1 " * 300_000, encoding="utf-8")  # several seconds of work
    proc = subprocess.Popen(cmd + ["--quiet"], stderr=subprocess.PIPE, text=True)
    time.sleep(6.0)  # past the imports (over 3 s on a loaded 2-core machine), inside the work
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt", "o.csv", "o.meta.yaml"]


def _write_many(path: str, tag: str) -> None:
    import pandas as pd

    from vnict_analysis.store import write_table

    for _ in range(5):
        write_table(pd.DataFrame({"text": [tag * 200] * 2000}), path)


def test_two_runs_writing_one_output_leave_one_whole_table(tmp_path):
    """Two runs writing one --output gave invalid UTF-8 in 4 of 5 tries; with rename, one wins whole."""
    import multiprocessing as mp

    import pandas as pd

    target = str(tmp_path / "t.csv")
    procs = [mp.get_context("spawn").Process(target=_write_many, args=(target, tag)) for tag in ("ạ", "ข")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    got = pd.read_csv(target)
    assert len(got) == 2000 and got["text"].nunique() == 1 and got["text"].iloc[0] in ("ạ" * 200, "ข" * 200)
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_an_article_a_step_breaks_on_is_listed_and_the_run_goes_on(tmp_path, monkeypatch):
    """An unexpected error on one article (a bug met on unusual text) ended the whole run with a
    traceback; it is now listed among the skipped, named, and the other articles are processed."""
    import pandas as pd

    from vnict_analysis.cli import main
    from vnict_analysis.errors import ExtractionError
    from vnict_analysis.figures import extract as fx
    from vnict_analysis.people import attribution as pa_

    real_scan, real_article = fx._scan_rows, pa_._article

    def scan(text, *a, **k):
        if "BOOM" in text:
            raise ZeroDivisionError("bad luck")
        return real_scan(text, *a, **k)

    def article(text, *a, **k):
        if "BOOM" in text:
            raise IndexError("worse luck")
        return real_article(text, *a, **k)

    monkeypatch.setattr(fx, "_scan_rows", scan)
    monkeypatch.setattr(pa_, "_article", article)
    (tmp_path / "a.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM: doanh thu đạt 7 tỷ đồng.", encoding="utf-8")
    out, skipped = tmp_path / "m.csv", tmp_path / "s.csv"
    assert main(["reconcile", str(tmp_path), "--lang", "vi", "--output", str(out), "--skipped", str(skipped)]) == 0
    assert set(pd.read_csv(out)["source_id"]) == {"a"}
    reasons = pd.read_csv(skipped)
    assert list(reasons["path"].map(lambda p: p.rsplit("/", 1)[-1])) == ["b.txt", "b.txt"]
    assert "ZeroDivisionError: bad luck" in reasons["reason"].iloc[0] and "IndexError" in reasons["reason"].iloc[1]
    with pytest.raises(ExtractionError, match="b: figures could not be read"):
        va.extract_corpus(pd.DataFrame({"text": ["BOOM"], "lang": ["vi"], "source_id": ["b"]}))


def test_sources_given_as_a_folder_says_so(tmp_path):
    """'--sources FOLDER' was reported as 'not found'."""
    from vnict_analysis.corpus import SourcesError, read_sources

    with pytest.raises(SourcesError, match="is a folder"):
        read_sources(tmp_path)
