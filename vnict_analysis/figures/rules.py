"""Regular expressions compiled from a lexicon: the patterns the figure extractor matches."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import Resources, as_resources
from ..text.lexicon import Lexicon, load_lexicon
from ..text.match import alt, first_chars

_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Tail:
    """Which word of a list ends a piece of text (ignoring trailing spaces): the word right
    before a number. Plain string comparisons, much faster than an end-anchored regex."""

    words: tuple[str, ...]
    spaces: bool
    case: bool = False
    by_last: dict = field(default_factory=dict, compare=False)  # last character -> words ending in it

    @classmethod
    def of(cls, words, spaces: bool, case: bool = False) -> "Tail":
        ws = tuple(sorted({str(w) if case else str(w).lower() for w in words if str(w)}, key=len, reverse=True))
        by_last: dict[str, list[str]] = {}
        for w in ws:  # longest first within each list, as in `words`
            by_last.setdefault(w[-1], []).append(w)
        return cls(ws, spaces, case, {k: tuple(v) for k, v in by_last.items()})

    def search(self, head: str) -> tuple[int, str] | None:
        """``(start, word)`` of the word ending `head`, or None."""
        body = head.rstrip()
        low = body if self.case else body.lower()
        if not low:
            return None
        for w in self.by_last.get(low[-1], ()):
            if low.endswith(w):
                start = len(body) - len(w)
                if self.spaces and w[0].isalnum() and start > 0 and body[start - 1].isalnum():
                    continue
                return start, body[start:]
        return None


@dataclass(frozen=True)
class Tails:
    """Several `Tail` lists searched together (names in any case, ISO codes in capitals only);
    the longest word found wins."""

    parts: tuple

    def search(self, head: str) -> tuple[int, str] | None:
        found = [hit for t in self.parts if (hit := t.search(head))]
        return min(found, key=lambda h: h[0]) if found else None


@dataclass(frozen=True)
class Rules:
    """Compiled patterns for one language. Patterns named `*_after` are matched at a position
    (``pattern.match(text, pos)``); `*_before` are searched at the end of the preceding text."""

    lex: Lexicon
    digits: re.Pattern
    words: re.Pattern | None
    scale_after: re.Pattern
    percent_after: re.Pattern
    percent_before: Tail
    currency_after: re.Pattern
    scale_link: re.Pattern | None
    currency_before: Tails
    times_after: re.Pattern
    rate_after: re.Pattern
    classifier_after: re.Pattern | None
    counted_after: re.Pattern
    bound_before: Tail
    label_before: Tail
    ident_before: Tail
    date_before: Tail
    month_after: re.Pattern
    month_before: Tail
    date_after: re.Pattern
    year_suffix: re.Pattern
    comparison_after: re.Pattern | None
    spec_after: re.Pattern
    bound_after: re.Pattern
    bound_after_kinds: dict[str, str]
    idioms: re.Pattern | None
    superlatives: re.Pattern | None
    rank_after: re.Pattern
    comparison_before: re.Pattern
    era_before: Tail
    present: re.Pattern
    range_between: re.Pattern
    cues: re.Pattern
    currency_codes: dict[str, str]
    bound_kinds: dict[str, str]
    cue_kinds: dict[str, str]
    scales: dict[str, float]
    rate_words: tuple[str, ...] = ()
    not_counted: frozenset = frozenset()
    clause_words: tuple[str, ...] = ()
    anaphora: tuple[str, ...] = ()
    scales_longest_first: tuple[str, ...] = ()
    known_words: frozenset = frozenset()
    range_pairs: tuple = ()
    ordinal_markers: tuple = ()
    ordinal_exceptions: tuple = ()
    currency_scales: dict = field(default_factory=dict)
    suffix_scales: dict = field(default_factory=dict)
    ambiguous_suffixes: frozenset = frozenset()
    percent_multipliers: dict = field(default_factory=dict)
    not_classifiers: tuple = ()
    unit_words: re.Pattern | None = None
    subunit_after: re.Pattern | None = None
    subunit_joiner: re.Pattern | None = None
    subunits: dict = field(default_factory=dict)
    negative_words: tuple = ()
    glued_word: re.Pattern | None = None


def get_rules(lang: str, resources: "Resources | str | Path | None" = None) -> Rules:
    """Compile the extraction patterns of `lang` (cached on the `Resources` of the data folder)."""
    res = as_resources(resources)
    return res.cached(("rules", lang), lambda: _compile_rules(lang, res))


def _compile_rules(lang: str, res: Resources) -> Rules:
    lex = load_lexicon(lang, res)
    sp = lex.spaces
    ws = r"\s*"
    scales = lex.scale_words()
    currencies = lex.currency_names()
    codes = [c for c in lex.iso_codes() if c.lower() not in {k.lower() for k in currencies}]
    bounds = lex.bound_words()
    after_bounds = {str(w): kind for kind, ws in (lex.data.get("bounds_after") or {}).items() for w in ws}
    cues = lex.qualifier_words()
    group = lex.group
    core = r"\d+(?:[.,]\d+)*"
    if group.isspace() or group in "\u00a0\u202f" or lex.data.get("space_groups"):  # "50 000" in Portugal
        core = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|" + core
    nw = []
    for key in ("units", "values", "adders", "multipliers", "scales"):
        nw.extend(lex.numbers(key))
    fillers = lex.number_list("fillers")
    words = None
    if nw and sp:
        w = first_chars(nw) + r"(?<!\w)" + alt(nw, False) + r"(?!\w)"
        fill = r"(?:" + alt(fillers, False) + r"(?:\s+|-))?" if fillers else ""
        run = rf"{w}(?:(?:\s+|-){fill}{w})*"
        decimals = lex.number_list("decimal_words")
        # a decimal word only between two numerals ("two point two five", "dois vírgula cinco"):
        # "point", "coma", "ponto" alone are words
        dec = rf"(?:\s+{alt(decimals, False)}\s+{run})?" if decimals else ""
        words = re.compile(run + dec, _FLAGS)
    elif nw:
        words = re.compile(rf"{first_chars(nw)}{alt(nw, False)}(?:\s*{alt(nw + fillers, False)})*", _FLAGS)
    classifiers = lex.words("classifiers")
    subunits = {str(k).lower(): float(v) for k, v in (lex.data.get("subunits") or {}).items()}
    # percent and currency words that hold a number word ("por ciento", "pour cent"): a number
    # word inside them is not a figure
    number_words = {str(w).lower() for w in nw}
    unit_list = [w for w in list(lex.words("percent")) + list(currencies)
                 if " " in w and any(t in number_words for t in str(w).lower().split())]
    return Rules(
        lex=lex,
        digits=re.compile(core),
        words=words,
        scale_after=re.compile(rf"(?:{ws}{alt(scales, sp, lead=False)})+", _FLAGS),
        percent_after=re.compile(ws + alt(lex.words("percent"), sp, lead=False), _FLAGS),
        percent_before=Tail.of([w for w in lex.words("percent") if w[:1].isalpha()], sp),
        currency_after=re.compile(ws + "(?:" + alt(currencies, sp, lead=False)
                                  + (r"|(?-i:" + alt(codes, True, lead=False) + ")" if codes else "") + ")", _FLAGS),
        # the word between a scale and its currency ("milliards de dollars"); a language whose YAML
        # names none takes any short word there, and only before a currency ("miliardi di dollari")
        scale_link=(re.compile(ws + alt(lex.words("scale_links"), sp, lead=True) + ws, _FLAGS)
                    if lex.words("scale_links") else re.compile(r"\s+[^\W\d_]{1,3}\s+") if sp else None),
        # before a number only symbols and marked forms ("$", "Rp", "S$", "US$"): a lowercase word is
        # a word first ("won 5 awards", "dollar 5" is not written)
        currency_before=Tails((Tail.of([c for c in currencies if not (c.isalpha() and c.islower())], sp),
                               Tail.of(codes, True, case=True))),
        times_after=re.compile(ws + alt(lex.words("times_words"), sp, lead=False), _FLAGS),
        rate_after=re.compile(
            # each word whole ((?![\w-]) after it), so a long run of letters cannot be split in
            # exponentially many ways ("5 per " + "a" * 1000 was a minute of backtracking)
            r"(?:\s*[^\W\d_][\w-]*(?![\w-])){0,4}?\s*" + alt(lex.words("rate_words"), sp) + r"\s*(\d+(?:[.,]\d+)*)",
            _FLAGS
        ),
        classifier_after=re.compile(r"[ \t\u00a0]*" + alt(classifiers, False)) if classifiers else None,
        counted_after=re.compile(r"\s+([^\W\d_][\w-]*)"),
        bound_before=Tail.of(bounds, sp),
        label_before=Tail.of(lex.words("label_words"), sp),
        ident_before=Tail.of(lex.words("identifier_prefixes"), True, case=True),
        date_before=Tail.of(lex.calendar("date_words", []) or [], sp),
        month_after=re.compile(ws + (r"(?:" + alt(lex.calendar("month_links", []), sp) + r"\s+)?"
                                     if lex.calendar("month_links", []) else "")
                               + alt(lex.calendar("months", []) or [], sp), _FLAGS),
        date_after=re.compile(r"(?:\s*[-~～∼〜]\s*\d{1,2})?" + alt(lex.calendar("date_suffixes", []) or [], False)),
        month_before=Tail.of(lex.calendar("months", []) or [], sp),
        year_suffix=re.compile(alt(lex.calendar("year_suffixes", []) or [], False)),
        spec_after=re.compile(r"(?:\s*[-–]\s*\d[\d.,]*)?\s*" + alt(lex.words("spec_units"), sp, lead=False)),
        bound_after=re.compile(r"\s*(?:\w{1,2}\s*)?(" + alt(list(after_bounds), sp, lead=False) + ")", _FLAGS),
        bound_after_kinds={k.lower(): v for k, v in after_bounds.items()},
        idioms=re.compile(alt(lex.number_list("idioms"), sp), _FLAGS) if lex.number_list("idioms") else None,
        superlatives=(re.compile(r"(?<!\w)" + alt(lex.words("superlatives"), False) + r"(?!\w)", _FLAGS)
                      if lex.words("superlatives") else None),
        rank_after=re.compile(ws + alt(lex.words("rank_words_after"), sp), _FLAGS),
        comparison_after=(re.compile(r"\s*(?:" + alt(lex.calendar("year_suffixes", []) or [], False) + r")?\s*"
                                     + alt(lex.words("comparison_after"), False), _FLAGS)
                          if lex.words("comparison_after") else None),
        comparison_before=re.compile(
            alt(lex.words("comparison_words"), sp) + r"(?:\s*\S+){0,2}?\s*" + r"$", _FLAGS
        ),
        era_before=Tail.of(lex.calendar("era_markers", []) or [], False),
        present=re.compile((r"(?<!\w)" + alt(lex.words("present_words"), False) + r"(?!\w)") if sp
                           else alt(lex.words("present_words"), False), _FLAGS),
        range_between=re.compile(r"^\s*" + alt(lex.words("range_connectors"), sp) + r"\s*$", _FLAGS),
        cues=re.compile(first_chars(cues) + ((r"(?<!\w)" + alt(cues, False) + r"(?!\w)") if sp else alt(cues, False)),
                        _FLAGS),
        currency_codes={**{c.lower(): c for c in codes}, **{k.lower(): v for k, v in currencies.items()}},
        bound_kinds={k.lower(): v for k, v in bounds.items()},
        cue_kinds={k.lower(): v for k, v in cues.items()},
        scales={k.lower(): v for k, v in scales.items()},
        rate_words=tuple(w.lower() for w in lex.words("rate_words")),
        not_counted=frozenset(w.lower() for w in lex.words("not_counted")),
        clause_words=tuple(w.lower() for w in lex.words("clause_words")),
        anaphora=tuple(w.lower() for w in lex.words("anaphora")),
        scales_longest_first=tuple(sorted((k.lower() for k in scales), key=len, reverse=True)),
        range_pairs=tuple(tuple(p) for p in (lex.data.get("range_pairs") or [])),
        ordinal_markers=tuple(lex.words("ordinal_markers")),
        ordinal_exceptions=tuple(lex.words("ordinal_exceptions")),
        currency_scales={str(k).lower(): float(v) for k, v in (lex.data.get("currency_scales") or {}).items()},
        suffix_scales={str(k): float(v) for k, v in (lex.data.get("suffix_scales") or {}).items()},
        ambiguous_suffixes=frozenset(lex.data.get("_ambiguous_suffixes") or ()),
        percent_multipliers={str(k): float(v) for k, v in (lex.data.get("percent_multipliers") or {}).items()},
        not_classifiers=tuple(lex.words("not_classifiers")),
        unit_words=re.compile(first_chars(unit_list) + alt(unit_list, sp), _FLAGS) if unit_list else None,
        subunit_after=(re.compile(r"\s*(" + alt(list(subunits), sp, lead=False) + ")", _FLAGS) if subunits else None),
        subunit_joiner=re.compile(r"\s*(?:" + alt(lex.number_list("fillers") + lex.words("subunit_joiners"), sp)
                                  + r")?\s*", _FLAGS),
        subunits=subunits,
        negative_words=tuple(sorted({w.lower() for w in lex.words("negative_words")}, key=len, reverse=True)),
        glued_word=re.compile(r"[^\W\d_]{1,3}\.?" if sp else r"[A-Za-z\u00c0-\u024f\u0370-\u04ff]{1,3}\.?"),
        known_words=frozenset(
            w.lower() for key in ("label_words", "comparison_words", "present_words", "not_counted", "rate_words",
                                  "range_connectors", "negative_words", "percent", "times_words")
            for w in lex.words(key)
        ) | frozenset(w.lower() for w in list(bounds) + list(cues) + list(currencies))
        | frozenset(str(w).lower() for w in (lex.calendar("year_words", []) or []) + (lex.calendar("months", []) or [])),
    )
