"""The whole analysis in one call: corpus -> figures -> facts -> checks -> attributions."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from .people.attribution import extract_attributions, findings
from .facts.checks import run_checks
from .corpus import load_corpus, read_sources
from .figures.extract import extract_corpus
from .facts.indicators import annotate, load_indicators
from .facts.reconcile import reconcile


@dataclass
class Results:
    """Every table the analysis produces; each row carries its provenance (source id, offsets)."""

    articles: pd.DataFrame
    skipped: pd.DataFrame
    mentions: pd.DataFrame      # one row per figure mention, with indicator, entity, fact_id, status
    rejected: pd.DataFrame      # numbers that are not figures, with the reason
    facts: pd.DataFrame         # one row per fact across sources
    checks: pd.DataFrame        # one row per arithmetic check
    attributions: pd.DataFrame  # one row per person mention with a role
    findings: pd.DataFrame      # one row per attribution discrepancy


def run(
    paths: Iterable[str | Path],
    languages: Iterable[str] | None = None,
    tolerance: float = 0.005,
    check_tolerance: float = 0.01,
    sources: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Results:
    """Run the analysis on articles.

    Parameters
    ----------
    paths : `.txt` articles or folders of them.
    languages : keep only articles in these languages (all when None).
    tolerance : relative tolerance under which two reported values are the same fact value.
    check_tolerance : relative tolerance of the arithmetic checks.
    sources : metadata YAML (default `data/sources.yaml`).
    """
    articles, skipped = load_corpus(paths, read_sources(sources))
    if languages is not None:
        keep = set(languages)
        articles = articles[articles["lang"].isin(keep)].reset_index(drop=True)
    mentions, rejected = extract_corpus(articles, jobs=jobs, progress=progress)
    indicators = load_indicators()
    attributions = extract_attributions(articles)
    annotated = annotate(mentions, articles, indicators, attributions=attributions)
    reconciled, facts = reconcile(annotated, tolerance=tolerance)
    checks = run_checks(facts, indicators, tolerance=check_tolerance)
    return Results(articles, skipped, reconciled, rejected, facts, checks, attributions,
                   findings(attributions, reconciled))
