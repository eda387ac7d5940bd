"""`text.match.WordMatcher` finds what one regex alternation of the same words (longest first) finds:
the longest word at each position, left to right, none overlapping, with word edges and gaps."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from vnict_analysis.text.match import WordMatcher, bounded, literal

_WORD = st.text(alphabet="abAB ĐđนาThôiHà", min_size=1, max_size=6).map(str.strip).filter(bool)


def _alternation(words, gap, edged):
    ordered = sorted(set(words), key=len, reverse=True)
    pat = re.compile("|".join(bounded(literal(w, gap)) if edged(w) else literal(w, gap) for w in ordered))
    return pat


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=8), st.text(alphabet="abAB ĐđนาThôiHà.\n", max_size=60),
       st.sampled_from([r"\s*", r"\s+"]), st.booleans())
def test_same_spans_as_the_alternation(words, text, gap, edges):
    edged = (lambda w: True) if edges else (lambda w: False)
    want = [(m.start(), m.end()) for m in _alternation(words, gap, edged).finditer(text)]
    got = [(s, e) for s, e, _ in WordMatcher(words, gap=gap, edged=edged).find(text)]
    assert got == want


def test_places_written_together_and_apart():
    m = WordMatcher(["Da Nang", "Nang", "Ha Noi"], gap=r"\s*")
    assert [w for _, _, w in m.find("DaNang, Da  Nang và Hà Nội; Nang")] == ["Da Nang", "Da Nang", "Nang"]
    assert WordMatcher([]).find("anything") == []
