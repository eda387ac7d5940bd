"""Time every step of the pipeline on N distinct real articles, in-process, and report MB/s,
articles/s, the ratio to one plain regex pass over the same bytes, and peak memory.

Usage: python benchmarks/pipeline_speed.py [--n 2000] [--jobs 1]

The corpus is the ~285 real articles of the test fixtures and the seeds, repeated to N files; each
repeat gets its own last line so no two files are exact copies (exact copies are read once, which
would make the benchmark measure nothing). Each size runs in its own process so that the peak RSS
is that size's. Prints one table row per step.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work_pipeline"


def build(n: int) -> tuple[Path, int]:
    pool = sorted({*ROOT.glob("tests/fixtures/**/*.txt"), *ROOT.glob("data/raw/*.txt")})
    corpus = WORK / "corpus"
    shutil.rmtree(WORK, ignore_errors=True)
    corpus.mkdir(parents=True)
    size = 0
    for i in range(n):
        src = pool[i % len(pool)]
        data = src.read_bytes() + f"\n\n#{i:06d}\n".encode()
        (corpus / f"{i:06d}_{src.stem}.txt").write_bytes(data)
        size += len(data)
    return corpus, size


def measure(corpus: Path, jobs: int) -> dict:
    """Run in a child process: each step timed, then the peak RSS."""
    t0 = time.perf_counter()
    from vnict_analysis.facts.checks import run_checks
    from vnict_analysis.facts.indicators import load_indicators
    from vnict_analysis.people.attribution import extract_attributions
    from vnict_analysis.people.credits import findings
    from vnict_analysis.pipeline import extract, figures_to_facts, fold_copies, load_step

    times = {"import": time.perf_counter() - t0}
    t = time.perf_counter()
    articles, _ = load_step([corpus], {})  # languages detected
    times["load (languages detected)"] = time.perf_counter() - t
    texts = list(articles["text"])
    t = time.perf_counter()
    plain = re.compile(r"\d+(?:[.,]\d+)*")
    n_plain = sum(len(plain.findall(x)) for x in texts)
    times["plain regex pass"] = time.perf_counter() - t
    read = fold_copies(articles)
    t = time.perf_counter()
    mentions, _ = extract(read, jobs=jobs)
    times["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    attributions = extract_attributions(read)
    times["attributions"] = time.perf_counter() - t
    t = time.perf_counter()
    indicators = load_indicators()
    reconciled, facts = figures_to_facts(articles, mentions, attributions, indicators)
    times["annotate + attribute + link + reconcile"] = time.perf_counter() - t
    t = time.perf_counter()
    run_checks(facts, indicators)
    findings(attributions, reconciled)
    times["checks + findings"] = time.perf_counter() - t
    return {"times": times, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "n_articles": len(articles), "n_mentions": len(mentions), "n_plain": n_plain}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, nargs="+", default=[2000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(measure(Path(a.child), a.jobs)))
        return
    for n in a.n:
        corpus, size = build(n)
        mb = size / 1e6
        out = subprocess.run([sys.executable, __file__, "--child", str(corpus), "--jobs", str(a.jobs)],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        plain = r["times"]["plain regex pass"]
        print(f"\n{n} articles, {mb:.2f} MB, {r['n_mentions']} figures, jobs {a.jobs}, peak RSS {r['rss_mb']:.0f} MB")
        print(f"| step | seconds | MB/s | articles/s | x plain regex |\n|---|---|---|---|---|")
        steps = {k: v for k, v in r["times"].items() if k != "plain regex pass"}
        steps["pipeline (load to findings)"] = sum(v for k, v in steps.items() if k != "import")
        for step, secs in steps.items():
            print(f"| {step} | {secs:.2f} | {mb / secs:.2f} | {n / secs:.0f} | {secs / plain:.0f} |")
        print(f"| plain regex pass | {plain:.3f} | {mb / plain:.1f} | {n / plain:.0f} | 1 |")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
