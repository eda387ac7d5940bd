"""Language data: read `data/lexicons/<lang>.yaml`, merge it with CLDR separators and shared rules."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

#: Keys a language file may contain; anything else is a typo and an error.
LEXICON_KEYS = {
    "lang", "name", "script_spaces", "numbers", "negative_words", "percent", "currencies",
    "rate_words", "times_words", "bounds", "qualifiers", "calendar", "comparison_words",
    "present_words", "label_words", "rank_words_after", "not_counted", "range_connectors",
    "boilerplate", "classifiers", "identifier_prefixes", "attribution", "bounds_after", "superlatives",
    "spec_units", "cues_follow", "range_pairs", "ordinal_markers", "ordinal_exceptions", "currency_scales",
    "percent_multipliers", "not_classifiers", "anaphora", "clause_words", "place_anaphora", "family_names",
}
NUMBER_KEYS = {"units", "values", "adders", "multipliers", "scales", "fillers", "ambiguous_alone", "idioms"}
CALENDAR_KEYS = {"era_offset", "era_markers", "year_words", "months", "date_words", "date_suffixes",
                 "year_suffixes"}


def default_data_dir() -> Path:
    """The project's `data/` folder (override with the VNICT_DATA_DIR environment variable)."""
    env = os.environ.get("VNICT_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"


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


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _check_keys(path: Path, data: dict[str, Any]) -> None:
    unknown = set(data) - LEXICON_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)}; allowed: {sorted(LEXICON_KEYS)}")
    unknown = set(data.get("numbers") or {}) - NUMBER_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys under numbers: {sorted(unknown)}")
    unknown = set(data.get("calendar") or {}) - CALENDAR_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown keys under calendar: {sorted(unknown)}")


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


def check_lang(lang: str) -> str:
    """Return the normalised language code, or raise ValueError when CLDR does not know it."""
    if not isinstance(lang, str) or not re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*", lang):
        raise ValueError(f"unknown language code: {lang!r}")
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"unknown language code: {lang!r}") from exc
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=64)
def load_lexicon(lang: str, data_dir: str | None = None) -> Lexicon:
    """Load the lexicon of `lang`: CLDR separators, shared rules, and `<lang>.yaml` if present.

    Languages without a YAML file still get digits and separators from CLDR.

    Raises
    ------
    ValueError
        If `lang` is not a language CLDR knows, or a lexicon file has unknown keys.
    """
    code = check_lang(lang)
    base = Path(data_dir) if data_dir else default_data_dir()
    folder = base / "lexicons"
    common = _read_yaml(folder / "_common.yaml")
    _check_keys(folder / "_common.yaml", common)
    own_path = folder / f"{code}.yaml"
    own: dict[str, Any] = {}
    if own_path.exists():
        own = _read_yaml(own_path)
        _check_keys(own_path, own)
    data = _merge(common, own)
    loc = Locale.parse(lang.replace("-", "_"))
    return Lexicon(
        lang=code,
        decimal=get_decimal_symbol(loc),
        group=get_group_symbol(loc),
        minus=get_minus_sign_symbol(loc),
        data=data,
    )


def available_lexicons(data_dir: str | None = None) -> list[str]:
    """Language codes that have a YAML lexicon."""
    base = Path(data_dir) if data_dir else default_data_dir()
    return sorted(p.stem for p in (base / "lexicons").glob("*.yaml") if not p.stem.startswith("_"))
