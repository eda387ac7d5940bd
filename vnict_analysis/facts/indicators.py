"""Indicators: which measure a figure reports (from `indicators.yaml`), about which place."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..datafiles import IndicatorsFile, read_data_file
from ..errors import DataFileError
from ..people.registry import Place, Registry, load_registry
from ..resources import Resources, as_resources
from ..text.lexicon import load_lexicon
from ..text.match import literal

UNIT_KINDS = {"money", "percent", "count", "rate", "times"}
_CLAUSE_BREAK = re.compile(r"[;()]|(?<!\d)[,:]|[,:](?!\d)")
AFTER_CHARS = 60       # relation words ("of plan", "GRDP") are looked for this far after a figure
LABEL_REACH = 90       # a label names a figure only this close before it (relations: whole sentence)
AFTER_PENALTY = 20     # a label after the figure ("37 lembaga pelatihan") counts as this much farther


def unit_kind(unit: str) -> str:
    """Kind of a mention's unit: percent, count, times, rate (per_N) or money (an ISO code)."""
    if unit in ("percent", "count", "times"):
        return unit
    return "rate" if str(unit).startswith("per_") else "money"


@dataclass(frozen=True, eq=False)
class Indicators:
    """Indicator definitions and relations, with label patterns compiled per language."""

    defs: dict[str, dict[str, Any]]
    relations: dict[str, dict[str, Any]]
    resources: Resources | None = field(default=None, repr=False)
    compiled: dict[str, list[tuple[str, re.Pattern]]] = field(default_factory=dict, repr=False)

    def name(self, indicator: str | None) -> str | None:
        """English name of an indicator id, derived ones included ("ICT/IT industry revenue: growth")."""
        if not indicator:
            return None
        if indicator in self.defs:
            return self.defs[indicator]["name"]
        for rel, spec in self.relations.items():
            base = indicator[: -len(rel) - 1]
            if indicator.endswith("_" + rel) and base in self.defs:
                return spec.get("name", "{base} " + rel).format(base=self.defs[base]["name"])
        return indicator

    def split(self, indicator: str) -> tuple[str, str | None]:
        """``(base, relation)`` of an indicator id; relation is None for a base indicator."""
        for rel in sorted(self.relations, key=len, reverse=True):
            base = indicator[: -len(rel) - 1]
            if indicator.endswith("_" + rel) and base in self.defs:
                return base, rel
        return indicator, None

    def scope(self, indicator: str | None, label: str | None) -> str | None:
        """Canonical scope of a reported label ("IT" for "industri TI", "ICT" for
        "อุตสาหกรรมสารสนเทศและการสื่อสาร"), from the indicator's `scopes`; None if none fits."""
        if not indicator or not label:
            return None
        base, _ = self.split(indicator)
        for scope, pats in (self.defs.get(base, {}).get("scopes") or {}).items():
            if any(re.search(p, label, re.IGNORECASE) for p in pats):
                return scope
        return None

    def patterns(self, lang: str) -> list[tuple[str, re.Pattern]]:
        return _compiled(self, lang)


def _compiled(ind: Indicators, lang: str) -> list[tuple[str, re.Pattern]]:
    """Label patterns of `lang`; in scripts with spaces they must start and end on word edges
    ("basis data" is not found inside "berbasis data")."""
    if lang not in ind.compiled:
        try:
            spaces = load_lexicon(lang, ind.resources).spaces
        except ValueError:
            spaces = True
        wrap = (lambda p: rf"(?<!\w)(?:{p})(?!\w)") if spaces else (lambda p: p)
        ind.compiled[lang] = [
            (iid, re.compile(wrap(p), re.IGNORECASE))
            for iid, spec in ind.defs.items()
            for p in (spec.get("labels") or {}).get(lang, [])
        ]
    return ind.compiled[lang]


def load_indicators(path: str | Path | None = None, resources: "Resources | str | Path | None" = None) -> Indicators:
    """The indicators of `path`, else of ``indicators.yaml`` in the data folder (cached on its
    `Resources`). Unknown keys or language codes, unit kinds, relations and bad regular
    expressions are errors (`DataFileError` naming the file, line and key)."""
    if path is not None:
        return _read_indicators(Path(path), as_resources(resources))
    res = as_resources(resources)
    return res.cached("indicators", lambda: _read_indicators(res.path("indicators.yaml"), res))


def _read_indicators(path: Path, res: Resources) -> Indicators:
    data = read_data_file(path, IndicatorsFile)
    relations = data.get("relations") or {}
    defs = data.get("indicators") or {}
    for iid, spec in defs.items():
        for rel in spec.get("relations") or []:
            if rel not in relations:
                raise DataFileError(f"{path}: indicator {iid}: unknown relation {rel!r}")
    return Indicators(defs=defs, relations=relations, resources=res)


def _words_in(text: str, words: list[str]) -> bool:
    low = text.lower()
    return any(w.lower() in low for w in words)


def _relation(ind: Indicators, kind: str, lang: str, before: str, after: str) -> str | None:
    for rel, spec in ind.relations.items():
        if kind not in spec.get("unit_kinds", []):
            continue
        if "before" in spec and not _words_in(before, spec["before"].get(lang, [])):
            continue
        if "after" in spec and not _words_in(after, spec["after"].get(lang, [])):
            continue
        also = spec.get("also")
        if also and not (_words_in(before, also.get("before", {}).get(lang, []))
                         or _words_in(after, also.get("after", {}).get(lang, []))):
            continue
        return rel
    return None


def _label(m: re.Match) -> str:
    return m.group("label") if "label" in m.re.groupindex and m.group("label") else m.group(0)


def classify(text: str, lang: str, start: int, end: int, unit: str, floor: int, s0: int, s1: int,
             after_end: int, ind: Indicators) -> tuple[str | None, str | None, str | None]:
    """Indicator, reported label and relation of the figure at ``text[start:end]``.

    `floor` is where the figure's clause begins (relation words are looked for between it and the
    figure); ``[s0, s1)`` is the sentence; ``[end, after_end)`` the stretch after the figure where a
    counted noun may name the indicator.
    """
    kind = unit_kind(unit)
    labels = [(iid, m) for iid, pat in ind.patterns(lang) for m in pat.finditer(text, s0, s1)]
    # words inside a label are not relation cues: "เพิ่ม" in "มูลค่าเพิ่ม" (value added) is no increase
    before = list(text[floor:start])
    for _, m in labels:
        for i in range(max(m.start(), floor), min(m.end(), start)):
            before[i - floor] = " "
    after = text[end:min(s1, end + AFTER_CHARS)]
    after = after[: next((i for i, ch in enumerate(after) if ch.isdigit()), len(after))]  # up to the next number
    try:
        verb_final = bool(load_lexicon(lang, ind.resources).data.get("cues_follow"))
    except ValueError:
        verb_final = False
    rel = _relation(ind, kind, lang, "".join(before) + (" " + after if verb_final else ""), after)
    best: tuple[int, int, str, str] | None = None  # (distance, -length, indicator, label)
    for iid, m in labels:
        spec = ind.defs[iid]
        if rel:
            if rel not in (spec.get("relations") or []):
                continue
        elif spec["unit_kind"] != kind:
            continue
        if m.end() <= start and (rel or start - m.end() <= LABEL_REACH):
            dist = start - m.end()
        elif not rel and start < m.start() < after_end:
            dist = max(0, m.start() - end) + AFTER_PENALTY
        else:
            continue
        cand = (dist, -len(m.group(0)), iid, _label(m))
        if best is None or cand < best:
            best = cand
    if best is None:
        return None, None, rel
    return (f"{best[2]}_{rel}" if rel else best[2]), best[3], rel


def _national(sentence: str, lang: str, ind: Indicators) -> bool:
    """True when the sentence marks its figures as national (lexicon `national_words`)."""
    try:
        words = load_lexicon(lang, ind.resources).words("national_words")
    except ValueError:
        return False
    low = sentence.lower()
    return any(w.lower() in low for w in words)


def _entity(places, start: int, s0: int, s1: int, p0: int, p1: int, fallback: str | None) -> str | None:
    """Nearest place before the figure in its sentence, else the first after it in the sentence,
    else the first place of its paragraph (its topic), else the place the article names most."""
    inside = [p for p in places if s0 <= p.start and p.end <= s1]
    before = [p for p in inside if p.end <= start]
    if before:
        return before[-1].name
    if inside:
        return inside[0].name
    para = [p for p in places if p0 <= p.start and p.end <= p1]
    return para[0].name if para else fallback


def article_places(text: str, lang: str, registry, resources: "Resources | None" = None) -> tuple[list, str | None]:
    """Places named in an article, left to right, plus the place it names most. A place anaphor
    ("kota tersebut", "thành phố này", "the city": lexicon `place_anaphora`) stands for the local
    place the article names most, so "… di kota tersebut dengan 279 proyek" is about that city."""
    places = registry.find_places(text)
    counts = Counter(p.name for p in places)
    top = counts.most_common(1)[0][0] if counts else None
    local = Counter(p.name for p in places if p.level in ("municipal", "provincial", "district")).most_common(1)
    try:
        words = load_lexicon(lang, resources).words("place_anaphora")
    except ValueError:
        words = []
    if local and words:
        level = next(p.level for p in places if p.name == local[0][0])
        pat = re.compile("|".join(literal(w) for w in words), re.IGNORECASE)
        places = sorted(places + [Place(local[0][0], level, m.start(), m.end()) for m in pat.finditer(text)],
                        key=lambda p: p.start)
    return places, top


def _share_across_ranges(mentions: pd.DataFrame, results: dict) -> None:
    """Both ends of a range ("10 hingga 15%") report the same indicator: fill the end that has none."""
    for _, group in mentions[mentions["range_id"].notna()].groupby("range_id"):
        known = [results[i] for i in group.index if results[i][0]]
        for i in group.index:
            if known and not results[i][0]:
                results[i] = known[0][:3] + (results[i][3],)


def annotate(mentions: pd.DataFrame, articles: pd.DataFrame, indicators: Indicators,
             registry: Registry | None = None) -> pd.DataFrame:
    """Add ``indicator, label_reported, relation, entity, translated_from, published,
    indicator_name, label_scope`` to a mentions table (see
    :func:`vnict_analysis.figures.extract.extract_corpus`). Who is credited is joined later, by
    :func:`vnict_analysis.pipeline.attribute`."""
    registry = registry or load_registry(indicators.resources)
    texts = dict(zip(articles["source_id"], articles["text"]))
    out = mentions.copy()
    cols: dict[str, list] = {k: [] for k in ("indicator", "label_reported", "relation", "entity")}
    place_cache: dict[str, tuple[list, str | None]] = {}
    prev_end: dict[tuple[str, int], int] = {}
    order = out.sort_values(["source_id", "start"]).index
    results: dict[Any, tuple] = {}
    for idx in order:
        row = out.loc[idx]
        sid, text = row["source_id"], texts[row["source_id"]]
        if sid not in place_cache:
            place_cache[sid] = article_places(text, row["lang"], registry, indicators.resources)
        places, fallback = place_cache[sid]
        s0, s1, start, end = int(row["sentence_start"]), int(row["sentence_end"]), int(row["start"]), int(row["end"])
        floor = max(s0, prev_end.get((sid, s0), s0))
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, start)]
        clause_floor = breaks[-1] if breaks else floor
        nxt = _CLAUSE_BREAK.search(text, end, s1)
        after_end = min(s1, nxt.start() if nxt else s1, end + 50)
        iid, label, rel = classify(text, row["lang"], start, end, row["unit"], clause_floor, s0, s1, after_end, indicators)
        p0 = text.rfind("\n", 0, start) + 1
        p1 = text.find("\n", end)
        ent = _entity(places, start, s0, s1, p0, p1 if p1 >= 0 else len(text), fallback)
        if not any(s0 <= p.start and p.end <= s1 for p in places) and _national(text[s0:s1], row["lang"], indicators):
            # "cả nước", "nationwide": a national figure, even in an article datelined in a city
            ent = next((p.name for p in places if p.level == "national"), ent if ent else None)
            ent = ent if any(p.name == ent and p.level == "national" for p in places) else None
        results[idx] = (iid, label, rel, ent)
        prev_end[(sid, s0)] = end
    _share_across_ranges(out, results)
    for idx in out.index:
        for k, v in zip(cols, results.get(idx, (None, None, None, None))):
            cols[k].append(v)
    for k, v in cols.items():
        out[k] = pd.Series(v, index=out.index, dtype=object)
    for col in ("translated_from", "published", "duplicate_of"):
        out[col] = out["source_id"].map(dict(zip(articles["source_id"], articles[col]))) if col in articles else None
    out["indicator_name"] = [indicators.name(i) for i in out["indicator"]]
    out["label_scope"] = [indicators.scope(i, lab) for i, lab in zip(out["indicator"], out["label_reported"])]
    return out
