"""vnict_analysis: figures about Vietnam's ICT sector, from multilingual news to reconciled facts.

A few calls cover the pipeline::

    import vnict_analysis as va
    articles = va.load(["data/raw"])
    mentions, rejected = va.extract_corpus(articles)
"""
from .corpus import load, load_corpus, read_sources
from .extract import extract_corpus, extract_figures, rejected_numbers
from .numbers import parse_number

__all__ = ["load", "load_corpus", "read_sources", "extract_figures", "extract_corpus",
           "rejected_numbers", "parse_number"]
__version__ = "0.1.0"
