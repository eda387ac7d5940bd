"""Language data: read `lexicons/<lang>.yaml` (package data), merge it with CLDR separators and shared rules."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from ..datafiles import LexiconFile, check_lang, read_data_file
from ..resources import Resources, as_resources

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
    data = _merge(common, own)
    loc = Locale.parse(lang.replace("-", "_"))
    return Lexicon(
        lang=code,
        decimal=get_decimal_symbol(loc),
        group=get_group_symbol(loc),
        minus=get_minus_sign_symbol(loc),
        data=data,
    )


def available_lexicons(resources: "Resources | str | Path | None" = None) -> list[str]:
    """Language codes that have a YAML lexicon."""
    folder = as_resources(resources).path("lexicons")
    return sorted(p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_"))
