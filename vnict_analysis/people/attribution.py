"""Attributions: who is credited in each article, with what title, for which body, at what level."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .credits import FINDING_COLUMNS, findings, speakers
from ..resources import Resources, as_resources
from ..text.lexicon import load_lexicon
from .adjacent import adjacent_person
from .names import resolve_people
from .registry import Registry, load_registry
from .roles import Body, Match, Terms, BODY_STOP, load_terms, parse_body, person_candidates, read_name
from ..schemas import ATTRIBUTIONS, validate
from ..text.segment import boilerplate_spans, segment

ATTRIBUTION_COLUMNS = [
    "source_id", "person", "person_surface", "title", "title_surface", "organisation",
    "organisation_surface", "org_type", "org_level", "rendered_level", "resolved",
    "organisation_resolved", "org_term", "other_titles", "role_from", "start", "end", "sentence",
    "sentence_start", "sentence_end", "paragraph_start", "paragraph_end", "person_key", "person_match",
]
__all__ = ["ATTRIBUTION_COLUMNS", "FINDING_COLUMNS", "extract_attributions", "findings", "speakers"]


# -- extraction ------------------------------------------------------------------------------------
def extract_attributions(corpus: pd.DataFrame, resources: "Resources | str | Path | None" = None,
                         failures: list[dict] | None = None) -> pd.DataFrame:
    """One row per mention of a person with a role (see `ATTRIBUTION_COLUMNS`).

    Parameters
    ----------
    corpus
        Articles with at least `source_id`, `lang` and `text` (as from `corpus.load`).
    resources
        The data folder (`Resources`, a path, or None for the package data).
    failures
        An article the rules break on is appended here as ``{"source_id", "reason"}`` and the
        others go on; without it the error is raised as ``ExtractionError`` naming the article.

    Returns
    -------
    pandas.DataFrame
        A row for every title in apposition with a name ("ông X, Giám đốc …", "Direktur …, X,
        mengatakan", "นายX ผู้อำนวยการ…"), for every title followed by a speech verb without a name
        (`person` null), and for later mentions of an official in the same article (`role_from` =
        "same article"). `person` is the registry's canonical name, or the name as written with
        `resolved` False; `org_level` is the body's real level and `rendered_level` the level the
        word used for the body implies.
    """
    resources = as_resources(resources)
    reg = load_registry(resources)
    rows: list[dict] = []
    for art in corpus.itertuples(index=False):
        text = getattr(art, "text", None)
        if not isinstance(text, str) or not text.strip():
            continue
        lex = load_lexicon(art.lang, resources)
        try:
            rows.extend(_article(text, str(art.source_id), lex, load_terms(lex), reg))
        except (KeyboardInterrupt, MemoryError):
            raise
        except Exception as exc:  # noqa: BLE001 - one article's failure is reported, not the run's end
            why = f"credits could not be read: {type(exc).__name__}: {exc}"
            if failures is None:
                raise ExtractionError(f"{art.source_id}: {why}") from exc
            failures.append({"source_id": str(art.source_id), "reason": why})
    out = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS).astype({"resolved": bool, "organisation_resolved": bool})
    return validate(resolve_people(out), ATTRIBUTIONS)


def _paragraph_spans(segs) -> dict[int, tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for (s, e), p in zip(segs.sentences, segs.paragraph_of_sentence):
        spans[p] = (min(s, spans.get(p, (s, e))[0]), max(e, spans.get(p, (s, e))[1]))
    return spans


def _article(text: str, source_id: str, lex, terms: Terms, reg: Registry) -> list[dict]:
    segs = segment(text, lex)
    paras = _paragraph_spans(segs)
    skip = boilerplate_spans(text, lex)
    rows: list[dict] = []
    seen: list[Match] = []
    for (s0, s1), p in zip(segs.sentences, segs.paragraph_of_sentence):
        if any(a <= s0 < b for a, b, _ in skip):
            continue
        people = person_candidates(text, s0, s1, terms, reg)
        seen.extend(people)
        context = {"source_id": source_id, "sentence": text[s0:s1], "sentence_start": s0,
                   "sentence_end": s1, "paragraph_start": paras[p][0], "paragraph_end": paras[p][1]}
        rows.extend(_sentence_roles(text, s0, s1, people, terms, reg, context))
    _fill_bodies(rows, text, terms, reg)
    used = {(r["start"], r["end"]) for r in rows}
    known = {r["person"]: r for r in rows if r["person"] is not None}
    for m in seen:
        canonical = reg.person(m.surface) or m.surface
        if (m.start, m.end) in used or canonical not in known:
            continue
        first = known[canonical]
        s0, s1 = next((a, b) for a, b in segs.sentences if a <= m.start < b)
        p = segs.paragraph_of_sentence[segs.sentences.index((s0, s1))]
        rows.append({**first, "person_surface": m.surface, "title_surface": None, "organisation_surface": None,
                     "org_term": None, "role_from": "same article", "start": m.start, "end": m.end,
                     "sentence": text[s0:s1], "sentence_start": s0, "sentence_end": s1,
                     "paragraph_start": paras[p][0], "paragraph_end": paras[p][1]})
        used.add((m.start, m.end))
    return sorted(rows, key=lambda r: r["start"])


def _article_portfolios(text: str, org_type: str, terms: Terms, reg: Registry) -> list[tuple[int, str]]:
    """(offset, portfolio) of each body of `org_type` the article names with its portfolio
    ("Министерство науки и технологий", "情報通信省", "Bộ Ngoại giao"): the words just after the
    body word, or just before it in a head-final language."""
    found = []
    for m in terms.find("org_types", text):
        if (m.value or {}).get("type") != org_type:
            continue
        near = text[max(0, m.start - 12):m.start] if terms.head_final else text[m.end:m.end + 40]
        area = reg.portfolio(near)
        if area:
            found.append((m.start, area))
    return found


def _fill_bodies(rows: list[dict], text: str, terms: Terms, reg: Registry) -> None:
    """A title that names its kind of body ("Minister", "大臣") but no body at the mention takes the
    body the same person is given at another titled mention of the article, else the nearest body of
    that kind the article names (the convention of a careful reader)."""
    local = [p for p in reg.find_places(text) if p.level in ("provincial", "municipal", "district")]
    ministries = None  # the article's named ministries, read once when a row needs them
    for r in rows:
        if r["rendered_level"] == "local" and r["org_level"] in (None, "national") and local:
            # a local body's word (Sở, Dinas) with no place at the mention: the article's local place
            levels = pd.Series([p.level for p in local]).value_counts()
            r["org_level"] = str(levels.index[0])
        if r["organisation"] is not None or r["person"] is None:
            continue
        same = [o for o in rows if o is not r and o["person"] == r["person"] and o["organisation"] is not None
                and o["title"] == r["title"]]
        if same:
            for key in ("organisation", "org_type", "org_level", "organisation_resolved"):
                r[key] = same[0][key]
            continue
        if r["org_type"] != "ministry":
            continue
        if ministries is None:
            ministries = _article_portfolios(text, "ministry", terms, reg)
        if ministries:
            _, area = min(ministries, key=lambda a: abs(a[0] - r["start"]))
            r["organisation"] = reg.english_name(r["org_type"], area, ())
            r["organisation_resolved"] = False


def _sentence_roles(text: str, s0: int, s1: int, people: list[Match], terms: Terms, reg: Registry,
                    context: dict) -> list[dict]:
    rows = []
    consumed: set[int] = set()
    places = reg.find_places(text[s0:s1])
    for t in terms.find("titles", text, s0, s1):
        if t.start in consumed or any(p.start <= t.start < p.end for p in people):
            continue
        b_start, b_end, stop, nxt = _body_span(text, t.end, s1, terms, people)
        later = [pl for pl in places if pl.start + s0 >= b_end]
        body = parse_body(text[b_start:b_end], terms, reg, t.value[1], later)
        others = []
        while stop == "conjunction" and nxt is not None:
            consumed.add(nxt.start)
            o_start, o_end, stop, nxt2 = _body_span(text, nxt.end, s1, terms, people)
            others.append(f"{nxt.value[0]}: {text[o_start:o_end].strip()}")
            b_end, nxt = o_end, nxt2
        person = (_person_before(text, s0, t, people, terms, reg) or _person_after(text, b_end, s1, terms, reg)
                  or next((p for p in people if p.start >= b_end and not text[b_end:p.start].strip()), None))
        if person is None and terms.spaced and not terms.adjacent:
            person = _name_after_title(text, t, s1, terms, reg)  # "Phó thủ tướng Dmitry Chernyshenko,"
            if person is not None:
                body = parse_body("", terms, reg, t.value[1], [])
        if person is None and terms.adjacent:  # ja, ko, zh: the name against the title, the body between
            person, span = adjacent_person(text, s0, s1, t, terms, reg)
            if person is None:
                continue  # a title with no name against it is not read as a speaker in these scripts
            body = parse_body(text[span[0]:span[1]] if span else "", terms, reg, t.value[1], [])
        if person is None and stop != "verb":
            continue
        rows.append(_row(context, person, t, body, others, reg))
    return rows


def _body_span(text: str, pos: int, end: int, terms: Terms, people: list[Match]
               ) -> tuple[int, int, str, Match | None]:
    """Where the body named after a title starts and stops, and what stops it."""
    while pos < end and text[pos] == " ":
        pos += 1
    link = terms.at("linkers", text, pos)
    if link:
        pos = link.end
        while pos < end and text[pos] == " ":
            pos += 1
    stops: list[tuple[int, str, Match | None]] = [(end, "sentence", None)]
    punct = BODY_STOP.search(text, pos, end)
    if punct:
        stops.append((punct.start(), "punctuation", None))
    stops += [(m.start, "verb", None) for m in terms.find("credit_after", text, pos, end)[:1]]
    stops += [(p.value, "person", None) for p in people if p.value >= pos]
    for c in terms.find("conjunctions", text, pos, end):
        after = c.end + len(text[c.end:end]) - len(text[c.end:end].lstrip())
        t = terms.at("titles", text, after)
        if t:
            stops.append((c.start, "conjunction", t))
    stop_at, kind, nxt = min(stops, key=lambda x: x[0])
    return pos, len(text[:stop_at].rstrip()), kind, nxt


def _person_before(text: str, s0: int, t: Match, people: list[Match], terms: Terms, reg: Registry
                   ) -> Match | None:
    """The name in apposition before the title: "Bapak X, Wakil Direktur", "นายX ผู้อำนวยการ"."""
    for p in people:
        if p.end <= t.start and re.fullmatch(r"[ \t,]*(?:[-–—] ?)?", text[p.end:t.start]):
            return p
    if not terms.spaced:
        return None
    m = re.search(r"([^,;:.()\"“”]*),\s*$", text[s0:t.start])
    if not m:
        return None
    a, b = s0 + m.start(1), s0 + m.end(1)
    while a < b and text[a] == " ":
        a += 1
    marker = terms.at("credit_before", text, a)
    if marker:
        a = marker.end
    span = read_name(text, a, b, terms, reg, min_tokens=2)
    if span and span[1] == len(text[:b].rstrip()) and not reg.find_places(text[span[0]:span[1]]):
        return Match(span[0], span[1], text[span[0]:span[1]], a)
    return None


def _name_after_title(text: str, t: Match, end: int, terms: Terms, reg: Registry) -> Match | None:
    """A name of two to four capitalised words right after the title, closed by punctuation, a
    speech verb or the sentence end ("Thai Prime Minister Paetongtarn Shinawatra arrived" is not closed;
    "Phó thủ tướng Aleksei Overchuk," is): for names no lexicon lists (foreign officials)."""
    if t.end >= end or text[t.end] != " ":
        return None
    span = read_name(text, t.end + 1, end, terms, reg, min_tokens=2)
    if not span or terms.at("org_types", text, span[0]) or reg.find_places(text[span[0]:span[1]]):
        return None
    rest = text[span[1]:end]
    closes = rest[:1] in (",", ":", ";", ".", ")", "") or terms.at("credit_after", text, span[1] + len(rest) - len(
        rest.lstrip())) is not None
    if not closes:
        return None
    return Match(span[0], span[1], text[span[0]:span[1]], span[0])


def _person_after(text: str, pos: int, end: int, terms: Terms, reg: Registry) -> Match | None:
    """The name in apposition after title and body: "Direktur Dinas …, Lam Dinh Thang, mengatakan"."""
    if pos >= end or text[pos] != ",":
        return None
    pos += 1
    while pos < end and text[pos] == " ":
        pos += 1
    h = terms.at("honorifics", text, pos)
    span = read_name(text, h.end if h else pos, end, terms, reg, min_tokens=1 if h else 2)
    if not span:
        return None
    rest = text[span[1]:end].lstrip()
    closes = rest[:1] in (",", ":", ".", "") or terms.at("credit_after", text, end - len(rest)) is not None
    if not closes or reg.find_places(text[span[0]:span[1]]) or terms.at("titles", text, span[0]):
        return None
    return Match(span[0], span[1], text[span[0]:span[1]], h.start if h else span[0])


def _row(context: dict, person: Match | None, t: Match, body: Body, others: list[str], reg: Registry) -> dict:
    canonical = reg.person(person.surface) if person else None
    return {
        **context,
        "person": canonical or (person.surface if person else None),
        "person_surface": person.surface if person else None,
        "title": t.value[0], "title_surface": t.surface,
        "organisation": body.name if body.surface else None,
        "organisation_surface": body.surface or None,
        "org_type": body.org_type, "org_level": body.level, "rendered_level": body.implies,
        "resolved": canonical is not None, "organisation_resolved": body.resolved,
        "org_term": body.term, "other_titles": "; ".join(others) or None, "role_from": "apposition",
        "start": person.start if person else t.start, "end": person.end if person else t.end,
    }
