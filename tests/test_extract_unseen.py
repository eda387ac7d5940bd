"""Extraction on articles the developers did not write, in eight languages, each set written by a
helper who never saw the code (references written by reading the articles):

- ``heldout``: 12 articles (id, vi, th, en, zh, ja, ko, ms). Blind score, measured before any rule
  was tuned on it: recall 0.972, precision 0.832 (period 0.82, qualifier 0.83, bound 0.95).
- ``blind``: 10 more articles (id, vi, th, en, zh, ko, ja). Blind score: recall 0.918, precision
  0.867 (period 0.70, qualifier 0.87, bound 0.95).
- ``final``: 8 articles (id, vi, th, en, ms, zh) written last, measured once on the finished
  extractor: recall 0.957, precision 0.969 (period 0.85, qualifier 0.89, bound 0.97).
- ``multilang``: 10 articles in French, Spanish, German, Portuguese and Russian (two each; Le
  Courrier du Vietnam, Nhân Dân, VNA, VOV, vietnam.vn, ru.vietnamplus.vn…). Blind score, before
  any rule was tuned on it: recall 0.895, precision 0.850 (period 0.73, qualifier 0.75, bound 0.86),
  7 not-figures read as figures.
- ``multilang2``: 14 articles, two each in fr, es, de, pt, ru and one each in it (no YAML lexicon),
  zh, ja, ko. Blind score, before any rule was tuned on it: recall 0.946, precision 0.898 (period
  0.75, qualifier 0.76, bound 0.92), 6 not-figures read as figures.

After each blind score the set was used to generalise the rules (language facts added to the
lexicons, no rule naming an article); the thresholds below guard that work and are development
numbers now.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import vnict_analysis as va
from vnict_analysis.evaluate import load_fixture, score

HERE = Path(__file__).parent / "fixtures"
SETS = {  # name: (recall, precision, {attribute: floor})
    "heldout": (0.95, 0.95, {"period": 0.8, "qualifier": 0.85, "bound": 0.95}),
    "blind": (0.95, 0.95, {"period": 0.75, "qualifier": 0.8, "bound": 0.9}),
    "final": (0.95, 0.95, {"period": 0.8, "qualifier": 0.8, "bound": 0.95}),
    "multilang": (0.95, 0.90, {"period": 0.7, "qualifier": 0.7, "bound": 0.85}),
    "multilang2": (0.96, 0.94, {"period": 0.72, "qualifier": 0.72, "bound": 0.9}),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request):
    name = request.param
    fx = load_fixture(f"{name}_figures.yaml")
    texts, parts = {}, []
    for sid, spec in fx["sources"].items():
        texts[sid] = (HERE / name / f"{sid}.txt").read_text(encoding="utf-8")
        parts.append(va.extract_figures(texts[sid], spec["lang"], sid))
    return name, score(pd.concat(parts, ignore_index=True), texts, fx)


def test_recall_and_precision(scored):
    name, result = scored
    recall, precision, _ = SETS[name]
    assert result.recall >= recall, result.fn
    assert result.precision >= precision, result.fp


def test_no_not_figure_is_extracted(scored):
    name, result = scored
    if name == "blind":  # three known misses: an SMS short code, "mức 2" (level 2), "1ドル" (rate unit)
        assert len(result.not_figure_hits) <= 3, result.not_figure_hits
    elif name == "multilang2":  # "Revolution 4.0" and "Efectivo 4.0" (names), "2桁成長" (double-digit growth)
        assert len(result.not_figure_hits) <= 3, result.not_figure_hits
    elif name == "multilang":  # a day of a month, rank sets ("zu den 40"), relative years, "Data 61", a photo index
        assert len(result.not_figure_hits) <= 7, result.not_figure_hits
    else:
        assert result.not_figure_hits == []


def test_attributes(scored):
    name, result = scored
    for attr, floor in SETS[name][2].items():
        assert result.accuracy(attr) >= floor, (attr, [m for m in result.attr_miss if m[2] == attr])
