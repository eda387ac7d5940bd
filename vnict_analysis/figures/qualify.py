"""Qualifiers of a figure from its sentence: the period (year) it refers to and its certainty."""
from __future__ import annotations

import bisect
import math
from typing import TYPE_CHECKING

import pandas as pd

from ..schemas import SCAN_COLUMNS

if TYPE_CHECKING:
    from .extract import Candidate
    from .rules import Rules
    from ..text.segment import Segments

#: Years a figure's period may take (the mentions schema's range).
PERIOD_MIN, PERIOD_MAX = 1800, 2200

#: When cues of several kinds govern one figure, the strongest claim about its status wins.
CUE_PRECEDENCE = {"actual": 1, "estimate": 2, "target": 3}


def _is_comparison(year: Candidate, text: str, floor: int, r: Rules) -> bool:
    """A year introduced by "compared with" / "since" (or followed by "대비" / "比") is a base, not the figure's period."""
    head = text[max(floor, year.num_start - 40): year.num_start]
    if r.comparison_after is not None and r.comparison_after.match(text, year.end):
        return True  # "2024년 대비", "2024年比": the base follows in head-final languages
    return bool(r.comparison_before.search(head))


def _periods(figs, years, text: str, segs: Segments, r: Rules) -> dict[int, tuple[int | None, str | None]]:
    """Map id(figure) -> (period, how it was found).

    Order: nearest year before the figure in its sentence; else the nearest after it; else the
    year that the previous sentence of the paragraph set (unless this sentence says "currently");
    else the comparison base + 1 ("up 12% compared with 2022" -> 2023); else none.
    """
    by_sentence: dict[int, list] = {}
    for y in years:
        if y.extra.get("year_range"):
            continue  # "2018-2025" names a span, not the year of a figure
        if not (PERIOD_MIN <= y.year <= PERIOD_MAX):
            continue  # "1565年" is history, not the period of a figure (and outside the schema's range)
        by_sentence.setdefault(segs.sentence_index(y.num_start), []).append(y)
    figs_by_sentence: dict[int, list] = {}
    for f in figs:
        figs_by_sentence.setdefault(segs.sentence_index(f.num_start), []).append(f)
    out: dict[int, tuple[int | None, str | None]] = {}
    context: int | None = None
    prev_para = -1
    present_at = [m.start() for m in r.present.finditer(text)]
    for i, (s0, s1) in enumerate(segs.sentences):
        para = segs.paragraph_of_sentence[i]
        if para != prev_para:
            # a paragraph opening with an anaphor ("Angka itu", "Con số này") continues the last one
            context = context if _opens_with_anaphor(text[s0:s1], r) else None
            prev_para = para
        sent_years = [(y, _is_comparison(y, text, s0, r)) for y in by_sentence.get(i, [])]
        own = [y for y, comp in sent_years if not comp]
        comps = [y for y, comp in sent_years if comp]
        i0 = bisect.bisect_left(present_at, s0)
        present = i0 < len(present_at) and present_at[i0] < s1
        for f in figs_by_sentence.get(i, []):
            before = [y for y in own if y.num_start < f.num_start]
            after = [y for y in own if y.num_start > f.num_start]
            right = after[0] if after and _year_follows(text, f.end, after[0].num_start, r) else None
            if right is not None:  # "30 persen pada 2030", "vượt 1,05 tỷ USD vào năm 2030"
                out[id(f)] = (right.year, "sentence")
            elif before:
                out[id(f)] = (before[-1].year, "sentence")
            elif after:
                out[id(f)] = (after[0].year, "sentence")
            elif context is not None and not present:
                out[id(f)] = (context, "context")
            elif comps:
                out[id(f)] = (comps[0].year + 1, "comparison")
            else:
                out[id(f)] = (None, None)
        if own:
            context = own[-1].year
        elif present:
            context = None
    return out


def _year_follows(text: str, end: int, year_start: int, r: Rules) -> bool:
    """A year right after the figure ("… pada 2030", "… by 2030") names its period: nothing but a
    few words between them, no other number, clause break or clause-opening word."""
    between = text[end:year_start]
    if len(between) > 30 or any(ch.isdigit() or ch in ",;:()、，；" for ch in between):
        return False
    low = between.lower()
    return not any((f" {w} " in f" {low} ") if r.lex.spaces else (w in low) for w in r.clause_words)


def _opens_with_anaphor(sentence: str, r: Rules) -> bool:
    """True when one of the first three words (characters, in scripts without spaces) is an
    anaphor from the lexicon (`anaphora`)."""
    if not r.anaphora:
        return False
    if r.lex.spaces:
        head = {w.lower().strip(".,;:") for w in sentence.split()[:3]}
        return any(w in head for w in r.anaphora)
    return any(w in sentence[:12].lower() for w in r.anaphora)


def _qualifiers(figs, text: str, segs: Segments, r: Rules) -> dict[int, tuple[str | None, str | None]]:
    """Map id(figure) -> (qualifier, cue word).

    The cues between the start of the figure's clause (or the previous figure in the sentence)
    and the figure decide; the strongest wins (target > estimate > actual). A figure whose
    clause has no cue inherits the qualifier of the previous figure in the same sentence, or for
    the sentence's first figure, an estimate or target cue opening the sentence ("预计，…"). An
    "actual" cue does not undo a target set earlier in the sentence ("aims to raise revenue 8.9%,
    with exports reaching 161.8 million": both are targets), nor the opening hedge of the first
    figure ("预计，…将达260亿": expected to reach).
    """
    cues = [(m.start(), m.group(0)) for m in r.cues.finditer(text)]
    cue_pos = [p for p, _ in cues]

    def kind_of(word: str) -> str:
        return r.cue_kinds[" ".join(word.lower().split())]

    out: dict[int, tuple[str | None, str | None]] = {}
    prev = None
    follow = bool(r.lex.data.get("cues_follow"))
    for k, f in enumerate(figs):
        si = segs.sentence_index(f.num_start)
        s0 = segs.sentences[si][0] if segs.sentences else 0
        same = prev is not None and segs.sentence_index(prev.num_start) == si
        floor = segs.clause_start(f.start, s0)
        if same:
            floor = max(floor, prev.end)
        found = cues[bisect.bisect_left(cue_pos, floor): bisect.bisect_left(cue_pos, f.start)]
        if follow:  # verb-final: the sentence-final verb governs its figures ("…を投資する計画だ")
            stop = segs.sentences[si][1] if segs.sentences else len(text)
            found = found + cues[bisect.bisect_left(cue_pos, f.end): bisect.bisect_left(cue_pos, stop)]
        inherited = out[id(prev)] if same else (None, None)
        if not same:
            # a hedge or target opening the sentence ("预计，…将达260亿") governs its first figure
            lead = [(kind_of(w), w) for _, w in cues[bisect.bisect_left(cue_pos, s0): bisect.bisect_left(cue_pos, floor)]
                    if kind_of(w) != "actual"]
            inherited = lead[-1] if lead else inherited
        if found:
            kind, word = max(((kind_of(w), w) for _, w in found), key=lambda kw: CUE_PRECEDENCE[kw[0]])
            # inside a sentence that sets a target or an estimate, "reaching X" is part of it
            out[id(f)] = inherited if inherited[0] in ("target", "estimate") and kind == "actual" and (
                not same or inherited[0] == "target") else (kind, word)
        else:
            out[id(f)] = inherited
        prev = f
    return out


def assign_context(cands, figs, years, text: str, segs: Segments, r: Rules, source_id: str | None) -> list[dict]:
    """Rows of the scan table: one per candidate, with sentence, period, qualifier, range."""
    periods = _periods(figs, years, text, segs, r)
    quals = _qualifiers(figs, text, segs, r)
    sid = source_id or ""
    rows = []
    n = 0
    sentence_text: dict[int, str] = {}
    for c in cands:
        si = segs.sentence_index(c.num_start)
        s0, s1 = segs.sentences[si] if segs.sentences else (0, len(text))
        is_fig = c.reason is None
        if is_fig:
            n += 1
        period, how = periods.get(id(c), (None, None))
        qual, cue = quals.get(id(c), (None, None))
        rng = c.extra.get("range")
        rows.append({
            "source_id": sid,
            "mention_id": f"{sid}:m{n:03d}" if is_fig else None,
            "lang": r.lex.lang,
            "value": c.value if not (isinstance(c.value, float) and math.isnan(c.value)) else None,
            "unit": c.unit if is_fig else None,
            "counted": c.counted if is_fig else None,
            "raw": text[c.start:c.end] if is_fig else text[c.num_start:c.num_end],
            "number_text": text[c.num_start:c.num_end],
            "start": c.start if is_fig else c.num_start,
            "end": c.end if is_fig else c.num_end,
            "sentence": sentence_text.setdefault(si, text[s0:s1]),  # one string per sentence, shared by its rows
            "sentence_start": s0,
            "sentence_end": s1,
            "period": period,
            "period_source": how,
            "qualifier": qual,
            "cue": cue,
            "bound": c.bound if is_fig else None,
            "range_id": f"{sid}:r{rng}" if rng else None,
            "ambiguous": bool(c.ambiguous),
            "reason": c.reason,
        })
    return rows


def rows_to_frame(rows: list[dict]) -> pd.DataFrame:
    """The scan table from rows made by :func:`assign_context`."""
    df = pd.DataFrame(rows, columns=SCAN_COLUMNS)
    df["period"] = df["period"].astype("Int64")
    return df
