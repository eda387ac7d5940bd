"""Extraction on the five seeds against the hand-written reference (tests/fixtures/seed_figures.yaml)."""
from __future__ import annotations

import pytest

from vnict_analysis.evaluate import load_fixture, score


@pytest.fixture(scope="module")
def result(articles, mentions):
    return score(mentions, dict(zip(articles["source_id"], articles["text"])), load_fixture())


def test_recall(result):
    print(f"recall {result.recall:.3f}; missed: {result.fn}")
    assert result.recall >= 0.95, result.fn


def test_precision(result):
    print(f"precision {result.precision:.3f}; extra: {result.fp}")
    assert result.precision >= 0.90, result.fp


def test_no_not_figure_is_extracted(result):
    assert result.not_figure_hits == []


@pytest.mark.parametrize("attr,floor", [("period", 0.9), ("qualifier", 0.9), ("bound", 0.95)])
def test_attributes(result, attr, floor):
    misses = [m for m in result.attr_miss if m[2] == attr]
    assert result.accuracy(attr) >= floor, misses


def test_every_mention_has_provenance(articles, mentions):
    texts = dict(zip(articles["source_id"], articles["text"]))
    for row in mentions.itertuples():
        text = texts[row.source_id]
        assert text[row.start:row.end] == row.raw
        assert text[row.sentence_start:row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start < row.sentence_end


def test_headline_figure_in_both_languages(mentions):
    hits = mentions[(mentions["value"] == 36571e9) & (mentions["unit"] == "VND") & (mentions["period"] == 2023)]
    assert sorted(hits["source_id"].str[:3]) == ["000", "004", "004", "004"]
    assert set(hits["qualifier"]) == {"actual", "estimate"}
