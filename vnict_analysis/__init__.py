"""vnict_analysis: figures about Vietnam's ICT sector, from multilingual news to reconciled facts.

A few calls cover the pipeline::

    import vnict_analysis as va
    res = va.run(["data/raw"])          # every table at once (see va.Results)
    res.facts, res.checks, res.findings

or step by step::

    articles = va.load(["data/raw"])
    mentions, rejected = va.extract_corpus(articles)
    annotated = va.annotate(mentions, articles, va.load_indicators())
    mentions, facts = va.reconcile(annotated, tolerance=0.005)
    checks = va.run_checks(facts, va.load_indicators())
    people = va.extract_attributions(articles)
    issues = va.findings(people, mentions)
"""
from .people.attribution import extract_attributions, findings, speakers
from .facts.checks import run_checks
from .corpus import load, load_corpus, read_sources
from .figures.extract import extract_corpus, extract_figures, rejected_numbers
from .facts.indicators import annotate, load_indicators
from .figures.numbers import parse_number
from .pipeline import Results, run
from .facts.reconcile import reconcile

__all__ = [
    "load", "load_corpus", "read_sources", "parse_number", "extract_figures", "extract_corpus",
    "rejected_numbers", "load_indicators", "annotate", "reconcile", "run_checks",
    "extract_attributions", "findings", "speakers", "run", "Results",
]
__version__ = "0.1.0"
