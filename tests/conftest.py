"""Shared test fixtures: the seed corpus and the hand-written reference files."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def articles():
    import vnict_analysis as va

    return va.load([ROOT / "data" / "raw"])


@pytest.fixture(scope="session")
def mentions(articles):
    import vnict_analysis as va

    m, _ = va.extract_corpus(articles)
    return m
