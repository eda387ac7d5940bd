"""Time the linking step (`facts.link.link` + `link_keys`) at N articles: comparisons per mention,
seconds, and the share of mentions linked.

Usage: python benchmarks/link_speed.py [--n 2000 20000]

The articles are every fixture article (seeds, held-out, blind, final, clusters) cycled to N, each
copy with every number shifted by the copy's index, so that copies are distinct stories with the
same shape (exact copies would be folded as one source, and unshifted values would make every copy
co-report one story). Mentions come from extraction only (annotation and attribution are timed by
the other benchmarks), with registered-indicator columns left empty.
"""
from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import pandas as pd

from vnict_analysis.facts.link import link, link_keys
from vnict_analysis.figures.extract import extract_corpus
from vnict_analysis.corpus import load_corpus, read_sources

ROOT = Path(__file__).resolve().parents[1]


def base_articles() -> pd.DataFrame:
    frames = []
    for folder in [ROOT / "data" / "raw", *sorted((ROOT / "tests" / "fixtures").glob("*/")),
                   *sorted((ROOT / "tests" / "fixtures" / "clusters").glob("*/"))]:
        if any(folder.glob("*.txt")):
            beside = folder / "sources.yaml"
            arts, _ = load_corpus([folder], read_sources(beside) if beside.is_file() else {})
            # cluster sets reuse file names (t1_06_zh in several): the folder keeps ids unique
            arts["source_id"] = folder.name + "_" + arts["source_id"]
            frames.append(arts)
    return pd.concat(frames, ignore_index=True)


def shifted(text: str, k: int) -> str:
    """Every digit run changed by the copy index (distinct values per copy, same shape)."""
    return re.sub(r"\d+", lambda m: str(int(m.group(0)) + k), text)


def corpus(n: int, base: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for i in range(n):
        art = base.iloc[i % len(base)].to_dict()
        k = i // len(base)
        art["source_id"] = f"{art['source_id']}_c{k:05d}"
        art["text"] = shifted(art["text"], k) if k else art["text"]
        rows.append(art)
    return pd.DataFrame(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[2000, 20000])
    args = ap.parse_args()
    base = base_articles()
    print(f"{len(base)} distinct fixture articles")
    for n in args.n:
        arts = corpus(n, base)
        t0 = time.perf_counter()
        mentions, _ = extract_corpus(arts, jobs=2)
        t1 = time.perf_counter()
        for col in ("indicator", "entity", "duplicate_of"):
            mentions[col] = None
        mentions["published"] = mentions["source_id"].map(dict(zip(arts["source_id"], arts["published"])))
        links = link(mentions, arts)
        t2 = time.perf_counter()
        keys = link_keys(mentions.reset_index(drop=True), links, arts)
        t3 = time.perf_counter()
        print(f"{n:>6} articles, {len(mentions):>7} mentions: extract {t1 - t0:6.1f} s; link {t2 - t1:6.1f} s "
              f"({len(links) / max(1, len(mentions)):.2f} comparisons per mention, {len(links)} pairs); "
              f"keys {t3 - t2:5.1f} s; {keys.notna().mean():.0%} of mentions linked")


if __name__ == "__main__":
    main()
