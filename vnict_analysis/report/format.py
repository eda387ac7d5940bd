"""Reader-facing formatting shared by the report: values with units, language names, counted nouns,
anchors and provenance links."""
from __future__ import annotations

import html
import re
from typing import Any, Iterable

import pandas as pd

from ..facts.checks import _fmt, round_sig
from ..schemas import is_missing

SOURCES_PAGE = "sources.html"
_UNIT_WORDS = {"per_1000": "per 1,000 inhabitants", "times": "times", "count": ""}
_SCALES = {"VND": (1e9, "billion VND"), "USD": (1e6, "million USD")}
_BOUND_WORDS = {"about": "about ", "more_than": "more than ", "less_than": "less than "}


# ---------------------------------------------------------------- formatting for readers
def fmt_value(value: Any, unit: str | None, bound: str | None = None, high: Any = None,
              digits: int | None = None) -> str:
    """A value as a reader sees it: ``36571e9, "VND"`` -> ``"36,571 billion VND"``, ``8.1, "percent"`` -> ``"8.1%"``.

    Wraps :func:`vnict_analysis.checks._fmt` (one formatter for the whole project), spells units such
    as ``per_1000`` and prefixes a bound ("about", "more than"). A `high` end makes a range
    (``10, "percent", high=15`` -> ``"10–15%"``); `digits` rounds to that many significant digits
    (an implied value is no more precise than its inputs). Missing values give an em dash.
    """
    if _missing(value):
        return "—"
    unit = unit or ""
    value = float(value)
    if digits:
        value = round_sig(value, digits)
    if not _missing(high) and float(high) != value:
        low_text = fmt_value(value, unit)
        high_text = fmt_value(high, unit, digits=digits)
        if unit == "percent":
            low_text = low_text.rstrip("%")
        else:  # "10–15 million USD": the scale word once, when both ends share it
            low_words, high_words = low_text.split(" ", 1) + [""], high_text.split(" ", 1) + [""]
            if low_words[1] == high_words[1]:
                low_text = low_words[0]
        return _BOUND_WORDS.get(bound or "", "") + f"{low_text}–{high_text}"
    text = _fmt(value, unit if unit in ("percent", "count") or unit in _SCALES else "")
    text = text.strip()
    if unit and unit not in ("percent", "count") and unit not in _SCALES:
        text = f"{text} {_UNIT_WORDS.get(unit, unit)}".strip()
    return _BOUND_WORDS.get(bound or "", "") + text


def language_name(code: str | None) -> str:
    """English name of a language code via Babel's CLDR data (``"th"`` -> ``"Thai"``)."""
    if not code or (isinstance(code, float) and pd.isna(code)):
        return "—"
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(str(code)).get_display_name("en") or str(code)
    except (ValueError, UnknownLocaleError):
        return str(code)


def join_words(items: Iterable[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``; empty gives ``"none"``."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``count(2, "source")`` -> ``"2 sources"``."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


# ---------------------------------------------------------------- provenance links and tables
def anchor(key: str, prefix: str = "m") -> str:
    """An HTML id for a mention or source id, safe in URLs: ``"000_x:m002"`` -> ``"m-000_x-m002"``."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(key))


def mention_link(mention_id: str, text: str | None = None, page: str = SOURCES_PAGE) -> str:
    """An HTML link from a table cell to the mention's highlighted span on the sources page."""
    label = html.escape(text if text is not None else str(mention_id).split(":")[-1])
    return f'<a class="va-prov" href="{page}#{anchor(mention_id)}">{label}</a>'


def source_link(source_id: str, text: str | None = None, page: str = SOURCES_PAGE) -> str:
    """An HTML link to an article on the sources page, showing `text` (the outlet) or the id."""
    label = html.escape(str(source_id if text is None else text))
    return f'<a class="va-prov" href="{page}#{anchor(source_id, "src")}">{label}</a>'


def _missing(v: Any) -> bool:
    return is_missing(v)
