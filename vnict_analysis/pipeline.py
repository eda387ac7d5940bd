"""The analysis as steps from tables to tables: load -> extract -> annotate -> attribute ->
reconcile -> check, and `run` that chains them. This is the only module that joins mentions
with attributions (`attribute`); the CLI and the book call these functions.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from .errors import NoArticlesError
from .corpus import MAX_BYTES, exact_copies, load_corpus, read_sources, sources_beside
from .facts.checks import run_checks
from .facts.indicators import Indicators, annotate, load_indicators
from .facts.link import describe_mentions, link, link_keys
from .facts.reconcile import reconcile as reconcile_mentions
from .figures.extract import extract_corpus
from .people.attribution import extract_attributions
from .people.credits import findings as credit_findings
from .people.credits import speakers
from .resources import Resources, as_resources
from .store import load_tables, save_results


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
    links: pd.DataFrame         # one row per compared pair of mentions, with decision, score, reasons

    @classmethod
    def table_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


# ---------------------------------------------------------------- the steps
def load_step(paths: Iterable[str | Path], sources: str | Path | dict | None = None,
              lang: str | None = None, max_bytes: int | None = MAX_BYTES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(articles, skipped)`` from files and folders; `sources` a metadata file, a mapping, or
    None for the ``sources.yaml`` beside the data; files over `max_bytes` are skipped."""
    meta = sources if isinstance(sources, dict) or sources is None else read_sources(sources)
    return load_corpus(paths, meta, lang, max_bytes)


def fold_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles the analysis reads: every file but the exact copies of another (same text once
    case, spacing and punctuation are ignored), whose figures and credits are their original's.
    A thousand copies of one article cost one article's work; `count_copies` puts them back in the
    facts' ``n_copies``. Near-copies (a repost with its own headline) are still read: their own
    lines may hold figures, and they are one source with their original when linked."""
    return articles[~exact_copies(articles)].reset_index(drop=True)


def count_copies(facts: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """`facts` with the exact copies `fold_copies` left out added to ``n_copies``: for each source
    of a fact, the files that copy it."""
    copies = articles.loc[exact_copies(articles), "duplicate_of"].value_counts()
    if copies.empty or facts.empty:
        return facts
    out = facts.copy()
    extra = out["sources"].map(lambda s: sum(int(copies.get(sid, 0)) for sid in s.split("; ") if sid))
    out["n_copies"] = out["n_copies"] + extra.astype(int)
    return out


def extract(articles: pd.DataFrame, resources: Resources | None = None, jobs: int = 1,
            progress: Callable[[int], None] | None = None,
            failures: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(mentions, rejected)``: every figure of every article, and the numbers that are not; an
    article the rules fail on goes to `failures` (see `extract_corpus`)."""
    return extract_corpus(articles, jobs=jobs, progress=progress, resources=resources, failures=failures)


def add_failures(skipped: pd.DataFrame, failures: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """The skipped table with the articles a step could not process, each under its file's path and
    the error: read, but listed, never silently short of its figures or credits."""
    if not failures:
        return skipped
    path_of = dict(zip(articles["source_id"], articles["path"]))
    extra = pd.DataFrame([{"path": path_of.get(f["source_id"], f["source_id"]), "reason": f["reason"]}
                          for f in failures], columns=skipped.columns)
    return pd.concat([skipped, extra], ignore_index=True)


def attribute(annotated: pd.DataFrame, articles: pd.DataFrame, attributions: pd.DataFrame,
              resources: Resources | None = None) -> pd.DataFrame:
    """Mentions with who is credited (`speaker`, `speaker_title`, `speaker_scope`): the one join
    of figures and attributions."""
    return speakers(annotated, articles, attributions, resources)


def link_step(credited: pd.DataFrame, articles: pd.DataFrame, resources: Resources | None = None,
              tolerance: float = 0.005) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(mentions with link_key, links)``: compare candidate pairs by evidence and key the
    connected mentions as one fact, registered indicator or not."""
    described = describe_mentions(credited, articles, resources)  # concepts and label words, read once
    links = link(credited, articles, resources, tolerance, described)
    out = credited.copy()
    out["link_key"] = link_keys(out.reset_index(drop=True), links, articles, resources, described).values
    return out, links


def figures_to_facts(articles: pd.DataFrame, mentions: pd.DataFrame, attributions: pd.DataFrame,
                     indicators: Indicators, tolerance: float = 0.005, with_links: bool = False):
    """annotate -> attribute -> link -> reconcile: ``(mentions with facts, facts)`` (and the links
    table when `with_links`)."""
    read = fold_copies(articles)
    if len(read) < len(articles):  # copies are read once: their rows would only repeat the original's
        mentions = mentions[mentions["source_id"].isin(read["source_id"])]
        attributions = attributions[attributions["source_id"].isin(read["source_id"])]
    annotated = annotate(mentions.reset_index(drop=True), read, indicators)
    credited = attribute(annotated, read, attributions.reset_index(drop=True), indicators.resources)
    keyed, links = link_step(credited, read, indicators.resources, tolerance)
    reconciled, facts = reconcile_mentions(keyed, tolerance=tolerance)
    facts = count_copies(facts, articles)
    return (reconciled, facts, links) if with_links else (reconciled, facts)


def run(
    paths: Iterable[str | Path],
    languages: Iterable[str] | None = None,
    tolerance: float = 0.005,
    check_tolerance: float = 0.01,
    sources: str | Path | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    resources: Resources | str | Path | None = None,
) -> Results:
    """Run the analysis on articles.

    Parameters
    ----------
    paths : `.txt` articles or folders of them.
    languages : keep only articles in these languages (all when None).
    tolerance : relative tolerance under which two reported values are the same fact value.
    check_tolerance : relative tolerance of the arithmetic checks.
    sources : metadata YAML (default: the ``sources.yaml`` beside the data).
    resources : the language and reference data (default: the package's).
    """
    res = as_resources(resources)
    articles, skipped = load_step(paths, sources)
    if articles.empty:
        raise NoArticlesError(f"no readable article among the inputs ({len(skipped)} file(s) skipped)")
    if languages is not None:
        keep = set(languages)
        present = ", ".join(f"{lang} ({n})" for lang, n in articles["lang"].value_counts().sort_index().items())
        articles = articles[articles["lang"].isin(keep)].reset_index(drop=True)
        if articles.empty:
            raise NoArticlesError(f"no article in the languages {sorted(keep)}; the articles are in: {present}")
    read = fold_copies(articles)
    failures: list[dict] = []
    mentions, rejected = extract(read, res, jobs=jobs, progress=progress, failures=failures)
    indicators = load_indicators(resources=res)
    attributions = extract_attributions(read, res, failures=failures)
    skipped = add_failures(skipped, failures, articles)
    reconciled, facts, links = figures_to_facts(articles, mentions, attributions, indicators, tolerance,
                                                with_links=True)
    checks = run_checks(facts, indicators, tolerance=check_tolerance)
    return Results(articles, skipped, reconciled, rejected, facts, checks, attributions,
                   credit_findings(attributions, reconciled), links)


def save(results: Results, folder: str | Path, parameters: dict | None = None) -> list[Path]:
    """Write every table of `results` to `folder` (Parquet, a ``.meta.yaml`` beside each)."""
    return save_results(results, folder, parameters)


def load_results(folder: str | Path) -> Results:
    """The `Results` saved in `folder` by `save` (``make data`` writes ``data/derived/``)."""
    return Results(**load_tables(folder, Results.table_names()))


def inputs_digest(paths: Iterable[str | Path], parameters: dict, resources: Resources | None = None) -> str:
    """Hash of everything `run` reads: the article files, the sources file beside them, the data
    files, the package's code and the parameters."""
    from .corpus import collect_paths

    paths = list(paths)
    res = as_resources(resources)
    h = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode())
    beside = sources_beside(paths)
    code = sorted(Path(__file__).parent.rglob("*.py"))
    data = sorted(res.data_dir.rglob("*.yaml"))
    for f in [*collect_paths(paths), *([beside] if beside else []), *data, *code]:
        h.update(str(f.name).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def update(paths: Iterable[str | Path], folder: str | Path, force: bool = False,
           languages: Iterable[str] | None = None, tolerance: float = 0.005, check_tolerance: float = 0.01,
           sources: str | Path | None = None, jobs: int = 1, progress: Callable[[int], None] | None = None,
           resources: Resources | str | Path | None = None) -> bool:
    """Run the pipeline (`run`, same parameters) into `folder` with `save`, unless nothing it
    reads changed since the last run there; returns whether it ran."""
    paths, folder = list(paths), Path(folder)
    parameters = {"languages": sorted(languages) if languages is not None else None, "tolerance": tolerance,
                  "check_tolerance": check_tolerance, "sources": str(sources) if sources else None}
    stamp = folder / ".inputs.sha256"
    digest = inputs_digest(paths, parameters, resources)
    complete = all((folder / f"{n}.parquet").is_file() for n in Results.table_names())
    if not force and complete and stamp.is_file() and stamp.read_text() == digest:
        return False
    results = run(paths, languages=languages, tolerance=tolerance, check_tolerance=check_tolerance,
                  sources=sources, jobs=jobs, progress=progress, resources=resources)
    save(results, folder, {"paths": [str(p) for p in paths], **parameters})
    stamp.write_text(digest)
    return True
