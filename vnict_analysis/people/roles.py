"""Per-language role vocabulary (titles, honorifics, body types, credit verbs) and the parsing of
names and body names that `attribution` builds on. All words come from `lexicons/<lang>.yaml`."""
from __future__ import annotations

from functools import lru_cache

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..text.lexicon import Lexicon
from ..text.match import bounded, literal
from .registry import Place, Registry, caseless, norm

#: Longest syllable of a foreign name written in a script without case (Thai), in characters.
SYLLABLE_MAX = 7
#: Punctuation that ends a name or a body's name.
BODY_STOP = re.compile(r"""[,;:()\[\]"“”«»!?]|\.(?=\s|$)|\n""")


def _name_token(text: str, i: int, end: int) -> tuple[int, int] | None:
    """A word starting with a letter and going on with letters, marks (Thai vowels and tones,
    combining accents), digits, apostrophes and hyphens."""
    if i >= end or not unicodedata.category(text[i]).startswith("L"):
        return None
    j = i + 1
    while j < end and (unicodedata.category(text[j])[0] in "LMN" or text[j] in "'’-"):
        j += 1
    return i, j


@dataclass(frozen=True)
class Match:
    """A term found in a text: offsets, the text as written, and what the term means."""

    start: int
    end: int
    surface: str
    value: Any = None


@dataclass(frozen=True)
class Terms:
    """The `attribution:` section of one lexicon, with matchers.

    Attributes
    ----------
    spaced
        Whether the script separates words by spaces (word boundaries can be used).
    titles
        surface -> (canonical English title, type of the body the title itself names or None).
    org_types
        surface -> {"type", "implies", "level"}.
    geo
        geographic qualifier -> level it gives.
    """

    spaced: bool
    honorifics: list[str] = field(default_factory=list)
    titles: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    org_types: dict[str, dict[str, Any]] = field(default_factory=dict)
    geo: dict[str, str] = field(default_factory=dict)
    credit_before: list[str] = field(default_factory=list)
    credit_after: list[str] = field(default_factory=list)
    conjunctions: list[str] = field(default_factory=list)
    locatives: list[str] = field(default_factory=list)
    linkers: list[str] = field(default_factory=list)
    family_names: frozenset = frozenset()
    adjacent: str | None = None
    head_final: bool = False
    name_stops: list[str] = field(default_factory=list)
    particles: list[str] = field(default_factory=list)
    not_names: frozenset = frozenset()

    # -- matching ------------------------------------------------------------------------
    def find(self, kind: str, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Occurrences of the `kind` terms (titles, honorifics, credit_after, ...) in text[start:end]."""
        end = len(text) if end is None else end
        table = getattr(self, kind)
        pat, lookup = _term_pattern(tuple(table), kind == "titles", self.spaced)
        if pat is None:
            return []
        out = []
        for m in pat.finditer(text, start, end):
            key = lookup.get(norm(m.group(0))) or lookup.get(norm(m.group(0)[0].swapcase() + m.group(0)[1:]))
            value = table[key] if isinstance(table, dict) and key is not None else None
            out.append(Match(m.start(), m.end(), m.group(0), value))
        return out

    def at(self, kind: str, text: str, pos: int) -> Match | None:
        """The longest `kind` term starting exactly at `pos`."""
        hits = [m for m in self.find(kind, text, pos, min(len(text), pos + 80)) if m.start == pos]
        return max(hits, key=lambda m: m.end, default=None)


@lru_cache(maxsize=512)
def _term_pattern(words: tuple[str, ...], first_letter_free: bool, spaced: bool) -> tuple[re.Pattern | None, dict]:
    """The compiled alternation of a term list (longest first) and the term of each matched form,
    built once per list: `Terms.find` runs on every sentence, and rebuilt them each time."""
    lookup = {norm(w): w for w in words}
    words = tuple(sorted({w for w in words if w}, key=len, reverse=True))
    if not words:
        return None, lookup
    parts = []
    for w in words:
        body = literal(w)
        if first_letter_free and w[0].lower() != w[0].upper():
            body = f"[{re.escape(w[0].lower())}{re.escape(w[0].upper())}]" + literal(w[1:])
        parts.append(body)
    alt = "|".join(parts)
    flags = re.IGNORECASE if first_letter_free else 0  # titles: "Phó tổng giám đốc" = "Phó Tổng Giám đốc"
    return (re.compile(bounded(alt), flags) if spaced else re.compile(rf"(?:{alt})", flags)), lookup


def load_terms(lex: Lexicon) -> Terms:
    """Read the `attribution:` section of `lex` (an empty vocabulary when the language has none)."""
    data = lex.data.get("attribution") or {}
    titles: dict[str, tuple[str, str | None]] = {}
    for surface, val in (data.get("titles") or {}).items():
        if isinstance(val, dict):
            titles[str(surface)] = (str(val["title"]), val.get("body"))
        else:
            titles[str(surface)] = (str(val), None)
    org_types = {str(k): {"type": v.get("type"), "implies": v.get("implies"), "level": v.get("level")}
                 for k, v in (data.get("org_types") or {}).items()}
    return Terms(
        spaced=lex.spaces,
        honorifics=[str(w) for w in data.get("honorifics") or []],
        titles=titles,
        org_types=org_types,
        geo={str(k): str(v) for k, v in (data.get("geo_qualifiers") or {}).items()},
        credit_before=[str(w) for w in data.get("credit_before") or []],
        credit_after=[str(w) for w in data.get("credit_after") or []],
        conjunctions=[str(w) for w in data.get("conjunctions") or []],
        locatives=[str(w) for w in data.get("locatives") or []],
        linkers=[str(w) for w in data.get("linkers") or []],
        family_names=frozenset(str(w) for w in lex.data.get("family_names") or []),
        adjacent=data.get("adjacent_names"),
        head_final=bool(data.get("head_final")),
        name_stops=[str(w) for w in data.get("name_stops") or []],
        particles=[str(w) for w in data.get("particles") or []],
        not_names=frozenset(str(w) for w in data.get("not_speakers") or []),
    )


# -- names -------------------------------------------------------------------------------------
def read_name(text: str, pos: int, end: int, terms: Terms, reg: Registry,
              min_tokens: int = 1) -> tuple[int, int] | None:
    """Span of a person's name starting at `pos` (after an honorific or a comma), or None.

    A registered alias wins. Otherwise, in scripts with case, the name is a run of capitalised
    words; in scripts without case (Thai) it is a run of space-separated syllable groups that must
    end at a title, a speech verb or punctuation. A name never runs into a title.
    """
    while pos < end and text[pos] == " ":
        pos += 1
    for alias, _ in reg.person_aliases():
        m = re.compile(literal(alias)).match(text, pos, end)
        if m and (not terms.spaced or caseless(alias) or m.end() == end or not text[m.end()].isalnum()):
            return m.start(), m.end()
    stops = sorted(m.start for kind in ("titles", "credit_after") for m in terms.find(kind, text, pos, end))
    tokens: list[tuple[int, int]] = []
    i = pos
    while i < end and len(tokens) < 5:
        if i in stops:
            break
        span = _name_token(text, i, end)
        if not span:
            break
        a, b = span
        if caseless(text[a:b]):
            cut = next((s for s in stops if a < s < b), None)
            if cut is not None:
                tokens.append((a, cut))
                break
        elif not text[a].isupper():
            break
        tokens.append((a, b))
        i = b
        if i < end and text[i] == " " and i + 1 < end and text[i + 1] != " ":
            i += 1
        else:
            break
    if not tokens:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    if caseless(text[s:e]):
        nxt = e
        while nxt < end and text[nxt] == " ":
            nxt += 1
        ok_end = nxt >= end or nxt in stops or bool(BODY_STOP.match(text, nxt))
        if not ok_end:
            # a foreign name in Thai is short syllables apart ("เหงียน มานห์ หุ่ง"); the phrase after
            # it is a long run of glued words ("นำเสนอมติแต่งตั้ง"): the name ends before the first long one
            short = []
            for a, b in tokens:
                if b - a > SYLLABLE_MAX:
                    break
                short.append((a, b))
            if 2 <= len(short) <= 4 and len(short) < len(tokens):
                tokens, ok_end = short, True
                s, e = tokens[0][0], tokens[-1][1]
        if len(tokens) < 2 or len(tokens) > 4 or not ok_end:
            return None
    if len(tokens) < min_tokens:
        return None
    return s, e


def person_candidates(text: str, start: int, end: int, terms: Terms, reg: Registry) -> list[Match]:
    """Person names in text[start:end]: after an honorific, or a registered alias anywhere.

    `Match.value` is the offset of the honorific (or the name's own start).
    """
    titles = terms.find("titles", text, start, end)
    out: list[Match] = []
    for h in terms.find("honorifics", text, start, end):
        if any(t.start <= h.start < t.end for t in titles):
            continue  # "นาย" inside "นายกรัฐมนตรี"
        span = read_name(text, h.end, end, terms, reg)
        if span:
            out.append(Match(span[0], span[1], text[span[0]:span[1]], h.start))
    for alias, _ in reg.person_aliases():
        pat = literal(alias)
        if terms.spaced and not caseless(alias):
            pat = bounded(pat)
        for m in re.finditer(pat, text[:end]):
            if m.start() < start or any(o.start < m.end() and m.start() < o.end for o in out):
                continue
            out.append(Match(m.start(), m.end(), m.group(0), m.start()))
    if terms.spaced and terms.family_names:
        for a, b in _family_name_runs(text, start, end, terms, reg):
            if not any(o.start < b and a < o.end for o in out):
                out.append(Match(a, b, text[a:b], a))
    return sorted(out, key=lambda m: m.start)


def _family_name_runs(text: str, start: int, end: int, terms: Terms, reg: Registry) -> list[tuple[int, int]]:
    """Names written without an honorific that open with a family name from the lexicons
    ("… Komunikasi Nguyen Huy Dung dalam …", "chief executive Trần Minh Đức told"): the family
    name and one to three more capitalised words, not a title or a registered place."""
    out = []
    for m in re.finditer(r"(?<!\w)\w+", text[start:end]):
        if m.group(0) not in terms.family_names:
            continue
        span = read_name(text, start + m.start(), end, terms, reg, min_tokens=2)
        if not span:
            continue
        words = text[span[0]:span[1]].split()
        if len(words) <= 4 and all(w[0].isupper() for w in words) and not reg.find_places(text[span[0]:span[1]]):
            out.append(span)
    return out


#: Body types that are central bodies when their name carries no place (Vietnamese Cục, ministries).
NATIONAL_WHEN_UNPLACED = {"department", "ministry", "agency"}


# -- bodies --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Body:
    """A body's name parsed into its parts, with what the registry and the vocabulary say about it."""

    surface: str
    org_type: str | None
    term: str | None
    implies: str | None
    level: str | None
    places: tuple[str, ...]
    core: str
    name: str
    resolved: bool


def parse_body(surface: str, terms: Terms, reg: Registry, title_body: str | None = None,
               later_places: list[Place] | None = None) -> Body:
    """Type, places, real level and level implied by the words of a body's name.

    Parameters
    ----------
    surface
        The body's name as written after the title.
    title_body
        Type of body the title itself names (a consul general names a consulate).
    later_places
        Places named later in the same sentence: a bare qualifier ("Komite Partai Provinsi")
        takes the first of them whose level is the qualifier's level.

    Notes
    -----
    The real level is, in order: the fixed level of the body type (companies, consulates,
    ministries); the level of the first place in the name; the level of a bare qualifier; the
    registry's level. The implied level comes only from the type word (Dinas/Sở: local,
    Departemen/กรม: national).
    """
    text = surface.strip()
    term = terms.at("org_types", text, 0) if text else None
    if term is None and terms.head_final and text:  # "情報通信省", "정보통신부": the type word last
        ends = [m for m in terms.find("org_types", text) if m.end == len(text)]
        term = max(ends, key=lambda m: m.end - m.start, default=None)
    if term is None and title_body is None:
        locs = terms.find("locatives", text)
        if locs:
            text = text[locs[-1].end:].strip()
            term = terms.at("org_types", text, 0) if text else None
    info = dict(term.value) if term else {}
    org_type = info.get("type") or title_body
    if org_type and not info.get("level"):
        info["level"] = next((v.get("level") for v in terms.org_types.values()
                              if v.get("type") == org_type and v.get("level")), None)
    places = reg.find_places(text)
    removed = [(term.start, term.end)] if term else []
    removed += [(p.start, p.end) for p in places]
    bare_levels: list[str] = []
    for q in terms.find("geo", text):
        if any(p.start <= q.start < p.end for p in places):
            continue  # "TP." inside the alias "TP.HCM"
        removed.append((q.start, q.end))
        after = text[q.end:].lstrip()
        if not any(p.start == len(text) - len(after) for p in places):
            bare_levels.append(q.value)
    removed += [(m.start, m.end) for kind in ("locatives", "conjunctions") for m in terms.find(kind, text)
                if not _inside_core(text, m, removed)]
    core = _without(text, removed)
    place_names = [p.name for p in places]
    for lvl in bare_levels:
        borrowed = next((p for p in later_places or [] if p.level == lvl), None)
        if borrowed and borrowed.name not in place_names:
            place_names.append(borrowed.name)
    entry = reg.organisation(surface, org_type, tuple(place_names), core) or reg.organisation(text, org_type, tuple(place_names), core)
    first_level = next((reg.place(n)["level"] for n in place_names if reg.place(n)), None)
    level = info.get("level") or first_level or (bare_levels[0] if bare_levels else None) or (entry or {}).get("level")
    if level is None and org_type in NATIONAL_WHEN_UNPLACED and not place_names and not bare_levels:
        level = "national"  # a local department always names its province or city; one that names none is central
    if title_body and term is None and not info.get("implies"):
        info["implies"] = next((v.get("implies") for v in terms.org_types.values() if v.get("type") == title_body), None)
    return Body(
        surface=text,
        org_type=org_type or (entry or {}).get("type"),
        term=term.surface if term else None,
        implies=info.get("implies"),
        level=level,
        places=tuple(place_names),
        core=core,
        name=str(entry["name"]) if entry else (reg.english_name(org_type, core or text, tuple(place_names)) or text),
        resolved=entry is not None,
    )


def _inside_core(text: str, m: Match, removed: list[tuple[int, int]]) -> bool:
    """A connective between two words of the core name ("Informasi dan Komunikasi") stays."""
    before = _without(text[: m.start], [(s, e) for s, e in removed if e <= m.start]).strip()
    after = _without(text[m.end:], [(s - m.end, e - m.end) for s, e in removed if s >= m.end]).strip()
    return bool(before) and bool(after)


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    keep = [c if not any(s <= i < e for s, e in spans) else " " for i, c in enumerate(text)]
    return re.sub(r"\s+", " ", "".join(keep)).strip(" ,-")
