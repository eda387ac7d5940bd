"""Language data: read `lexicons/<lang>.yaml` (package data), merge it with CLDR separators and shared rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from ..datafiles import LexiconFile, check_lang, read_data_file
from ..resources import Resources, as_resources
from . import cldr

__all__ = ["Lexicon", "load_lexicon", "available_lexicons", "check_lang"]

@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the parsers know about one language.

    Attributes mirror the YAML keys; `decimal` and `group` come from CLDR via Babel.
    """

    lang: str
    decimal: str
    group: str
    minus: str
    data: dict[str, Any] = field(repr=False)

    # -- convenient views -------------------------------------------------------------------
    @property
    def spaces(self) -> bool:
        return bool(self.data.get("script_spaces", True))

    def words(self, key: str) -> list[str]:
        """A list-valued key (merged with the shared rules), longest first."""
        vals = self.data.get(key) or []
        return sorted({str(v) for v in vals}, key=len, reverse=True)

    def numbers(self, key: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in (self.data.get("numbers", {}).get(key) or {}).items()}

    def number_list(self, key: str) -> list[str]:
        return [str(v).lower() for v in (self.data.get("numbers", {}).get(key) or [])]

    def calendar(self, key: str, default: Any = None) -> Any:
        return (self.data.get("calendar") or {}).get(key, default)

    def currency_names(self) -> dict[str, str]:
        """Surface form -> ISO 4217 code."""
        out: dict[str, str] = {}
        for code, names in (self.data.get("currencies") or {}).items():
            for n in names:
                out[str(n)] = str(code)
        return out

    def iso_codes(self) -> list[str]:
        """ISO 4217 codes in use (from CLDR), to be matched in capitals only ("42 MYR", "CAD 3.03")."""
        return list(self.data.get("_iso_codes") or [])

    def bound_words(self) -> dict[str, str]:
        return {str(w): kind for kind, ws in (self.data.get("bounds") or {}).items() for w in ws}

    def qualifier_words(self) -> dict[str, str]:
        return {str(w): kind for kind, ws in (self.data.get("qualifiers") or {}).items() for w in ws}

    def scale_words(self) -> dict[str, float]:
        """Words that multiply a number written in digits ("36.571 miliar", "36,571 พันล้าน")."""
        out = {k: v for k, v in self.numbers("multipliers").items() if v >= 100}
        out.update(self.numbers("scales"))
        return out


def _merge(common: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    out = dict(own)
    for key, val in common.items():
        if key not in out:
            out[key] = val
        elif isinstance(val, list):
            out[key] = list(out[key] or []) + [v for v in val if v not in (out[key] or [])]
        elif isinstance(val, dict):
            merged = {k: list(v) for k, v in val.items()}
            for k, v in (out[key] or {}).items():
                merged[k] = list(v) + [x for x in merged.get(k, []) if x not in v]
            out[key] = merged
    return out


def load_lexicon(lang: str, resources: "Resources | str | Path | None" = None) -> Lexicon:
    """Load the lexicon of `lang`: CLDR separators, shared rules, and `<lang>.yaml` if present.

    Languages without a YAML file still get digits and separators from CLDR. Cached on the
    `Resources` object (one per data folder).

    Raises
    ------
    UnknownLanguageError
        If `lang` is not a language CLDR knows.
    DataFileError
        If a lexicon file is malformed (the message names the file, line and key).
    """
    code = check_lang(lang)
    res = as_resources(resources)
    return res.cached(("lexicon", lang), lambda: _build_lexicon(lang, code, res))


def _build_lexicon(lang: str, code: str, res: Resources) -> Lexicon:
    folder = res.path("lexicons")
    common = read_data_file(folder / "_common.yaml", LexiconFile)
    own_path = folder / f"{code}.yaml"
    own: dict[str, Any] = read_data_file(own_path, LexiconFile) if own_path.exists() else {}
    data = _with_cldr(_merge(common, own), lang.replace("-", "_"))
    loc = Locale.parse(lang.replace("-", "_"))
    return Lexicon(
        lang=code,
        decimal=get_decimal_symbol(loc),
        group=get_group_symbol(loc),
        minus=get_minus_sign_symbol(loc),
        data=data,
    )


def _with_cldr(data: dict[str, Any], locale: str) -> dict[str, Any]:
    """`data` with what CLDR adds beneath it (see :mod:`.cldr`): scale words, percent words,
    currency names and symbols (and the US dollar's head word alone), month names, and the ISO
    codes in use (matched case-sensitively). A word the
    YAML already gives, under any key, is left as the YAML has it."""
    out = dict(data)
    spaced = bool(out.get("script_spaces", True))
    numbers = {k: dict(v) if isinstance(v, dict) else v for k, v in (out.get("numbers") or {}).items()}
    known = {str(w).lower() for key in ("units", "values", "adders", "multipliers", "scales")
             for w in (numbers.get(key) or {})}
    scales = dict(numbers.get("scales") or {})
    for word, mag in cldr.scale_words(locale, spaced).items():
        if word.lower() not in known:
            scales[word] = mag
            known.add(word.lower())
    numbers["scales"] = scales
    out["numbers"] = numbers
    percent = list(out.get("percent") or [])
    have = {str(w).lower() for w in percent}
    percent += [w for w in cldr.percent_words(locale) if w.lower() not in have]
    out["percent"] = percent
    currencies = {code: list(names) for code, names in (out.get("currencies") or {}).items()}
    taken = {str(n).lower() for names in currencies.values() for n in names}
    owners = cldr.symbol_owners(locale)
    for code, names in cldr.currency_words(locale).items():
        extra = [n for n in names if n.lower() not in taken and owners.get(n.lower()) == code]
        if extra:
            currencies.setdefault(code, [])
            currencies[code] = currencies[code] + extra
            taken.update(n.lower() for n in extra)
    heads = [w for w in cldr.unmarked_dollar(locale) if w.lower() not in taken]
    if heads:
        currencies["USD"] = list(currencies.get("USD", [])) + heads
        taken.update(w.lower() for w in heads)
    for head, code in cldr.bare_currency_heads(locale).items():  # "wons", "yens", "Won"
        if head.lower() not in taken:
            currencies.setdefault(code, [])
            currencies[code] = list(currencies[code]) + [head]
            taken.add(head.lower())
    out["currencies"] = currencies
    calendar = dict(out.get("calendar") or {})
    months = list(calendar.get("months") or [])
    seen = {str(m).lower() for m in months}
    calendar["months"] = months + [m for m in cldr.month_names(locale) if m.lower() not in seen]
    out["calendar"] = calendar
    out["_iso_codes"] = list(cldr.current_currencies())
    own = {str(k): float(v) for k, v in cldr.glued_scales(locale).items()} if spaced else {}
    own.update({str(k): float(v) for k, v in (out.get("suffix_scales") or {}).items()})
    out["suffix_scales"] = {**cldr.SI_SUFFIXES, **own}
    out["_ambiguous_suffixes"] = sorted(k for k, v in own.items() if k in cldr.SI_SUFFIXES and v != cldr.SI_SUFFIXES[k])
    return out


def available_lexicons(resources: "Resources | str | Path | None" = None) -> list[str]:
    """Language codes that have a YAML lexicon."""
    folder = as_resources(resources).path("lexicons")
    return sorted(p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_"))
