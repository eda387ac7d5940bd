"""Regular expressions compiled from a lexicon: the patterns the figure extractor matches."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon, load_lexicon

_FLAGS = re.IGNORECASE


def lit(word: str, spaces: bool) -> str:
    """A literal word as a regex; word boundaries where the script has them and the word's
    edge is a letter or digit (so "US$" may touch the number that follows it)."""
    body = re.escape(word).replace(r"\ ", r"\s+")
    if spaces and word[:1].isalnum():
        body = r"(?<!\w)" + body
    if spaces and word[-1:].isalnum():
        body = body + r"(?!\w)"
    return body


def alt(words, spaces: bool) -> str:
    ws = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    if not ws:
        return r"(?!x)x"
    return "(?:" + "|".join(lit(w, spaces) for w in ws) + ")"


@dataclass(frozen=True)
class Rules:
    """Compiled patterns for one language. Patterns named `*_after` are matched at a position
    (``pattern.match(text, pos)``); `*_before` are searched at the end of the preceding text."""

    lex: Lexicon
    digits: re.Pattern
    words: re.Pattern | None
    scale_after: re.Pattern
    percent_after: re.Pattern
    percent_before: re.Pattern
    currency_after: re.Pattern
    currency_before: re.Pattern
    times_after: re.Pattern
    rate_after: re.Pattern
    classifier_after: re.Pattern | None
    counted_after: re.Pattern
    bound_before: re.Pattern
    label_before: re.Pattern
    ident_before: re.Pattern
    date_before: re.Pattern
    month_after: re.Pattern
    rank_after: re.Pattern
    comparison_before: re.Pattern
    era_before: re.Pattern
    present: re.Pattern
    range_between: re.Pattern
    cues: re.Pattern
    currency_codes: dict[str, str]
    bound_kinds: dict[str, str]
    cue_kinds: dict[str, str]
    scales: dict[str, float]


@lru_cache(maxsize=64)
def get_rules(lang: str, data_dir: str | None = None) -> Rules:
    """Compile the extraction patterns of `lang` (cached per language and data folder)."""
    lex = load_lexicon(lang, data_dir)
    sp = lex.spaces
    ws = r"\s*"
    scales = lex.scale_words()
    currencies = lex.currency_names()
    bounds = lex.bound_words()
    cues = lex.qualifier_words()
    group = lex.group
    core = r"\d+(?:[.,]\d+)*"
    if group.isspace() or group in "\u00a0\u202f":
        core = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|" + core
    nw = []
    for key in ("units", "values", "adders", "multipliers", "scales"):
        nw.extend(lex.numbers(key))
    fillers = lex.number_list("fillers")
    words = None
    if nw:
        w = alt(nw, sp)
        f = alt(nw + fillers, sp)
        words = re.compile(rf"{w}(?:[\s-]*{f})*" if not sp else rf"{w}(?:(?:\s+|-){f})*", _FLAGS)
        if fillers and sp:
            words = re.compile(rf"{w}(?:(?:\s+|-)(?:{alt(fillers, sp)}(?:\s+|-))?{w})*", _FLAGS)
    classifiers = lex.words("classifiers")
    return Rules(
        lex=lex,
        digits=re.compile(core),
        words=words,
        scale_after=re.compile(rf"(?:{ws}{alt(scales, sp)})+", _FLAGS),
        percent_after=re.compile(ws + alt(lex.words("percent"), sp), _FLAGS),
        percent_before=re.compile(alt([w for w in lex.words("percent") if w[:1].isalpha()], sp) + ws + r"$", _FLAGS),
        currency_after=re.compile(ws + alt(currencies, sp), _FLAGS),
        currency_before=re.compile(alt(currencies, sp) + ws + r"$", _FLAGS),
        times_after=re.compile(ws + alt(lex.words("times_words"), sp), _FLAGS),
        rate_after=re.compile(
            r"(?:\s*[^\W\d_][\w-]*){0,4}?\s*" + alt(lex.words("rate_words"), sp) + r"\s*(\d+(?:[.,]\d+)*)", _FLAGS
        ),
        classifier_after=re.compile(ws + alt(classifiers, False)) if classifiers else None,
        counted_after=re.compile(r"\s+([^\W\d_][\w-]*)"),
        bound_before=re.compile(
            "(" + alt(bounds, sp) + r")\s*(?:" + alt(currencies, sp) + r")?\s*$", _FLAGS
        ),
        label_before=re.compile(alt(lex.words("label_words"), sp) + ws + r"$", _FLAGS),
        ident_before=re.compile(alt(lex.words("identifier_prefixes"), True) + r"[\s-]*$"),
        date_before=re.compile(alt(lex.calendar("date_words", []) or [], sp) + ws + r"$", _FLAGS),
        month_after=re.compile(ws + alt(lex.calendar("months", []) or [], sp), _FLAGS),
        rank_after=re.compile(ws + alt(lex.words("rank_words_after"), sp), _FLAGS),
        comparison_before=re.compile(
            alt(lex.words("comparison_words"), sp) + r"(?:\s*\S+){0,2}?\s*" + r"$", _FLAGS
        ),
        era_before=re.compile(alt(lex.calendar("era_markers", []) or [], False) + ws + r"$"),
        present=re.compile(alt(lex.words("present_words"), sp), _FLAGS),
        range_between=re.compile(r"^\s*" + alt(lex.words("range_connectors"), sp) + r"\s*$", _FLAGS),
        cues=re.compile(alt(cues, sp), _FLAGS),
        currency_codes={k.lower(): v for k, v in currencies.items()},
        bound_kinds={k.lower(): v for k, v in bounds.items()},
        cue_kinds={k.lower(): v for k, v in cues.items()},
        scales={k.lower(): v for k, v in scales.items()},
    )
