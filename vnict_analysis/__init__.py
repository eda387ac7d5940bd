"""vnict_analysis: figures about Vietnam's ICT sector, from multilingual news to reconciled facts.

Layers, each importing only from those before it (checked by ``tests/test_layers.py``)::

    errors, resources, datafiles, schemas   the base: exceptions, data folder, typed files, table schemas
    text/      lexicons (CLDR + YAML), segmentation
    corpus     articles with provenance
    figures/   numbers, units, not-figures, period and qualifier, extraction
    people/    registry, titles and bodies, attributions, credits
    facts/     indicators and entities, reconciliation, checks
    report/    formatting, tables, charts, prose, sources page (the notebooks' facade)
    store, pipeline, evaluate   tables on disk; the steps; scoring against references
    cli        the command line

A few calls cover the pipeline::

    import vnict_analysis as va
    res = va.run(["data/raw"])          # every table at once (see va.Results)
    va.save(res, "data/derived")         # Parquet + .meta.yaml per table
    res = va.load_results("data/derived")

or step by step::

    articles = va.load(["data/raw"])
    mentions, rejected = va.extract_corpus(articles)
    annotated = va.annotate(mentions, articles, va.load_indicators())
    credited = va.attribute(annotated, articles, va.extract_attributions(articles))
    mentions, facts = va.reconcile(credited, tolerance=0.005)
    checks = va.run_checks(facts, va.load_indicators())
"""
from .corpus import load, load_corpus, read_sources
from .errors import DataFileError, InputError, NoArticlesError, NotANumberError, UnknownLanguageError, VnictError
from .facts.checks import run_checks
from .facts.indicators import annotate, load_indicators
from .facts.reconcile import reconcile
from .figures.extract import extract_corpus, extract_figures, rejected_numbers
from .figures.numbers import parse_number
from .people.attribution import extract_attributions, findings, speakers
from .pipeline import Results, attribute, load_results, run, save
from .resources import Resources, default_resources

__all__ = [
    "load", "load_corpus", "read_sources", "parse_number", "extract_figures", "extract_corpus",
    "rejected_numbers", "load_indicators", "annotate", "attribute", "reconcile", "run_checks",
    "extract_attributions", "findings", "speakers", "run", "save", "load_results", "Results",
    "Resources", "default_resources",
    "VnictError", "DataFileError", "UnknownLanguageError", "NotANumberError", "InputError", "NoArticlesError",
]
from ._version import __version__  # noqa: E402
