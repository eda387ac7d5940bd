"""Typed data files, the Resources object and the error tree: each failure mode a user can cause."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import vnict_analysis as va
from vnict_analysis.datafiles import BookParams, IndicatorsFile, LexiconFile, SourcesFile, read_data_file
from vnict_analysis.errors import DataFileError, NoArticlesError, UnknownLanguageError, VnictError
from vnict_analysis.resources import Resources, package_data_dir

ROOT = Path(__file__).resolve().parents[1]
DATA = package_data_dir()


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def test_package_data_is_inside_the_package():
    assert DATA == ROOT / "vnict_analysis" / "data"
    assert (DATA / "lexicons" / "vi.yaml").is_file() and (DATA / "indicators.yaml").is_file()


def test_every_shipped_file_validates():
    for f in sorted((DATA / "lexicons").glob("*.yaml")):
        read_data_file(f, LexiconFile)
    read_data_file(DATA / "indicators.yaml", IndicatorsFile)
    read_data_file(ROOT / "data" / "sources.yaml", SourcesFile)
    for f in sorted((ROOT / "book").glob("params*.yaml")):
        read_data_file(f, BookParams)


def test_typo_under_attribution_names_file_line_and_key(data_copy):
    path = data_copy / "lexicons" / "id.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.strip() == "titles:")
    lines[n] = lines[n].replace("titles:", "titels:")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        va.extract_figures("Pendapatan 5 miliar.", "id", resources=data_copy)
    assert f"id.yaml:{n + 1}: unknown key 'attribution.titels'" in str(exc.value)


def test_unknown_language_key_in_indicator_labels_is_an_error(tmp_path):
    p = tmp_path / "indicators.yaml"
    p.write_text("indicators:\n  x:\n    name: X\n    unit_kind: money\n    labels:\n      vn: ['doanh thu']\n")
    with pytest.raises(DataFileError, match=r"indicators.yaml:6: indicators.x.labels.vn"):
        va.load_indicators(p)


def test_duplicate_keys_and_numeric_ids(tmp_path):
    p = tmp_path / "sources.yaml"
    p.write_text("sources:\n  a: {lang: id}\n  a: {lang: th}\n")
    with pytest.raises(DataFileError, match=r"sources.yaml:3: .*duplicate key 'a'"):
        va.read_sources(p)
    p.write_text("sources:\n  0123: {lang: id}\n  no: {lang: th}\n")
    assert set(va.read_sources(p)) == {"0123", "no"}  # ids stay strings whatever YAML makes of them


def test_impossible_date_is_an_error(tmp_path):
    p = tmp_path / "sources.yaml"
    p.write_text("sources:\n  a: {published: '2024-13-45'}\n")
    with pytest.raises(DataFileError, match="not a date"):
        va.read_sources(p)


def test_missing_explicit_sources_file_is_an_error(tmp_path):
    with pytest.raises(DataFileError, match="not found"):
        va.read_sources(tmp_path / "nope.yaml")


def test_book_params_reject_unknown_language_and_key(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("languages: [vn]\n")
    with pytest.raises(DataFileError, match="p.yaml:1: languages.0"):
        read_data_file(p, BookParams)
    p.write_text("entitty: Da Nang\n")
    with pytest.raises(DataFileError, match="unknown key 'entitty'"):
        read_data_file(p, BookParams)


def test_resources_cache_follows_edits(data_copy):
    text = "Pendapatan mencapai 5 gazillion rupiah."
    before = va.extract_figures(text, "id", resources=data_copy)
    path = data_copy / "lexicons" / "id.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("miliar: 1.0e9,", "miliar: 1.0e9, gazillion: 1.0e9,", 1),
                    encoding="utf-8")
    after = va.extract_figures(text, "id", resources=data_copy)
    assert 5.0 in set(before["value"]) and 5e9 in set(after["value"])


def test_default_resources_read_the_environment_when_called(data_copy, monkeypatch):
    monkeypatch.setenv("VNICT_DATA_DIR", str(data_copy))
    assert va.default_resources().data_dir == data_copy.resolve()
    monkeypatch.delenv("VNICT_DATA_DIR")
    assert va.default_resources().data_dir == DATA.resolve()


def test_missing_data_folder_is_an_input_error(tmp_path):
    with pytest.raises(VnictError, match="data folder not found"):
        Resources(tmp_path / "nope")


def test_two_loads_concatenate(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("Pendapatan 5 miliar.", encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_bytes(b"")
    both = pd.concat([va.load([tmp_path / "a"], lang="vi"), va.load([tmp_path / "b"], lang="id")])
    assert list(both["source_id"]) == ["x", "y"]


def test_error_tree():
    assert issubclass(UnknownLanguageError, ValueError) and issubclass(DataFileError, VnictError)
    with pytest.raises(UnknownLanguageError):
        va.extract_figures("5", "qq")
    assert NoArticlesError.exit_code == 3 and DataFileError.exit_code == 2


def _cli(*args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "vnict_analysis", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, **(env or {})})


def test_cli_bad_data_file_is_one_line_and_exit_2(data_copy, tmp_path):
    (data_copy / "entities.yaml").write_text("places:\n  - {name: X, level: galactic}\n")
    (tmp_path / "a.txt").write_text("Ông Nguyễn Văn A, Giám đốc Sở, nói doanh thu đạt 5 tỷ đồng.", encoding="utf-8")
    proc = _cli("attributions", str(tmp_path / "a.txt"), "--lang", "vi", "--output", str(tmp_path / "o.csv"),
                env={"VNICT_DATA_DIR": str(data_copy)})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "entities.yaml:2: places.0.level" in proc.stderr


def test_cli_no_articles_exit_3(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = _cli("run", str(tmp_path), "--output-dir", str(tmp_path / "out"))
    assert proc.returncode == 3 and "no readable article" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_run_writes_every_table_with_descriptions(tmp_path):
    import yaml

    out = tmp_path / "derived"
    proc = _cli("run", str(ROOT / "data" / "raw"), "--output-dir", str(out))
    assert proc.returncode == 0, proc.stderr
    res = va.load_results(out)
    assert len(res.facts) and len(res.mentions) and len(res.attributions)
    meta = yaml.safe_load((out / "mentions.meta.yaml").read_text(encoding="utf-8"))
    assert set(meta["columns"]) == set(res.mentions.columns)
    assert "(undocumented)" not in meta["columns"].values()
    again = _cli("run", str(ROOT / "data" / "raw"), "--output-dir", str(out))
    assert again.returncode == 0 and "unchanged" in again.stderr
