"""The command line, run as a user would: exit codes, outputs, skipped files."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "vnict_analysis", *args], capture_output=True, text=True, cwd=cwd)


def test_extract_seeds_csv_and_parquet(tmp_path, root):
    out = tmp_path / "m.csv"
    r = run("extract", str(root / "data/raw"), "--output", str(out), "--rejected", str(tmp_path / "r.parquet"))
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(out)
    assert {"source_id", "mention_id", "value", "unit", "period", "qualifier", "bound", "range_id"} <= set(df.columns)
    assert df["source_id"].nunique() == 5
    rej = pd.read_parquet(tmp_path / "r.parquet")
    assert "year" in set(rej["reason"])


@pytest.mark.parametrize("args,msg", [
    (["extract", "no/such/dir", "--output", "x.csv"], "no such file"),
    (["extract", "data/raw", "--lang", "xx", "--output", "x.csv"], "unknown language"),
    (["extract", "data/raw", "--output", "x.json"], ".csv or .parquet"),
])
def test_bad_input_exits_2_without_traceback(args, msg, root, tmp_path):
    r = run(*args, cwd=root)
    assert r.returncode == 2
    assert msg in r.stderr and "Traceback" not in r.stderr


def test_skipped_files_reported(tmp_path):
    (tmp_path / "good.txt").write_text("Nilai ekspor mencapai 12%.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("extract", str(tmp_path), "--output", str(tmp_path / "o.csv"), "--skipped", str(tmp_path / "s.csv"))
    assert r.returncode == 0, r.stderr
    assert "skipped" in r.stderr and "empty.txt" in r.stderr
    assert len(pd.read_csv(tmp_path / "s.csv")) == 2


def test_nothing_readable_exits_3(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = run("extract", str(tmp_path), "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 3


def test_help_documents_exit_codes():
    r = run("extract", "--help")
    assert r.returncode == 0 and "exit codes" in r.stdout
