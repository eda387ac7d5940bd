"""Time `python -m vnict_analysis extract` on the seeds replicated to N articles (process start included).

Usage: python benchmarks/extract_speed.py [--n 2000] [--jobs 0]
Prints MB/s and articles/s for the declared-language run (metadata file) and for language detection.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"


def build(n: int) -> tuple[Path, Path, int]:
    seeds = sorted((ROOT / "data" / "raw").glob("*.txt"))
    sources = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text())["sources"]
    corpus = WORK / "corpus"
    shutil.rmtree(WORK, ignore_errors=True)
    corpus.mkdir(parents=True)
    meta, size = {}, 0
    for i in range(n):
        seed = seeds[i % len(seeds)]
        sid = f"{seed.stem}_r{i:05d}"
        data = seed.read_bytes()
        (corpus / f"{sid}.txt").write_bytes(data)
        meta[sid] = dict(sources[seed.stem])
        size += len(data)
    meta_path = WORK / "sources.yaml"
    meta_path.write_text(yaml.safe_dump({"sources": meta}, allow_unicode=True))
    return corpus, meta_path, size


def run(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnict_analysis", "extract", *args, "--quiet"], check=True,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=0, help="0 = the CLI's default")
    a = ap.parse_args()
    corpus, meta, size = build(a.n)
    mb = size / 1e6
    (WORK / "none.yaml").write_text("{}\n", encoding="utf-8")  # an empty metadata file: languages detected
    print(f"{a.n} articles, {mb:.2f} MB")
    for label, extra in (("declared languages", ["--sources", str(meta)]), ("detected languages", ["--sources", str(WORK / "none.yaml")])):
        jobs = ["--jobs", str(a.jobs)] if a.jobs else []
        secs = run([str(corpus), "--output", str(WORK / "mentions.parquet"), *extra, *jobs])
        print(f"{label:20s}: {secs:6.2f} s  {mb / secs:6.2f} MB/s  {a.n / secs:7.1f} articles/s")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
