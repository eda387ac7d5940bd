"""What CLDR (through Babel) knows about a language's figures: scale words from the compact decimal
formats ("Milliarden", "млрд", "mil millones", 万/億/兆, 억/조), percent words from the unit names
("Prozent", "pour cent", "процентов"), currency names with their plural forms and the locale's
currency symbols (¥ is CNY in zh, JPY in ja), and the ISO 4217 codes in use. `text.lexicon` merges
this under each YAML lexicon, so a language with no YAML file still reads money and percentages;
YAML adds what CLDR lacks and wins where both speak."""
from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_month_names
from babel.numbers import get_currency_name, get_territory_currencies
from babel.units import format_unit

_COUNTS = (0, 1, 2, 3, 5, 11, 21, 1.5)
#: SI prefixes written after digits in every language ("100K", "1,2M"); a locale's own short form
#: for the same letter wins (Indonesian "M" is miliar) and the figure is flagged as ambiguous.
#: "G" is left out: 4G and 5G are network generations in this field.
SI_SUFFIXES = {"k": 1e3, "K": 1e3, "M": 1e6}


@lru_cache(maxsize=1)
def current_currencies() -> tuple[str, ...]:
    """ISO 4217 codes tendered in some territory today (historic codes left out)."""
    codes: set[str] = set()
    for territory in get_global("territory_currencies"):
        codes.update(get_territory_currencies(territory, tender=True, non_tender=False))
    return tuple(sorted(codes))


def _words_of(pattern_text: str) -> list[str]:
    """The word of a compact pattern, with and without its quoted full stop ("0 Mrd'.'")."""
    dotted = pattern_text.replace("'.'", "\x00")
    word = re.sub(r"[0#.,¤]", "", dotted).replace("'", "").strip()
    return [word.replace("\x00", "."), word.replace("\x00", "").strip()] if "\x00" in word else [word]


@lru_cache(maxsize=256)
def scale_words(locale: str, spaced: bool) -> dict[str, float]:
    """``{word: magnitude}`` from the compact decimal formats, long and short. In scripts with
    spaces, abbreviations of one or two letters ("M", "Tr", "Md") are left out: alone they are
    too ambiguous (Indonesian "M" is miliar, English "M" million)."""
    loc = Locale.parse(locale)
    out: dict[str, float] = {}
    formats = loc.compact_decimal_formats
    for length in formats.keys():
        for plural in formats[length].keys():
            for magnitude, pattern in formats[length][plural].items():
                text = getattr(pattern, "pattern", str(pattern))
                zeros = text.count("0")
                for word in _words_of(text):
                    if not zeros or not word:
                        continue
                    if spaced and any(len(tok.rstrip(".")) < 3 for tok in word.split()):
                        continue
                    out.setdefault(word, float(int(magnitude) // 10 ** (zeros - 1)))
    return out


@lru_cache(maxsize=256)
def glued_scales(locale: str) -> dict[str, float]:
    """``{letters: magnitude}`` of the short compact forms of one to three letters ("K", "M", "B" in
    English, "Md" in French, "jt" and "M" in Indonesian, "Tr" in Vietnamese): read as a scale only
    when glued to the digits ("100K", "1,2M"), where they cannot be a word. Case is kept ("M" is
    not "m"); the first form of a word wins (Spanish "M" is a million, not "mil M")."""
    loc = Locale.parse(locale)
    out: dict[str, float] = {}
    short = loc.compact_decimal_formats.get("short") or {}
    for plural in short.keys():
        for magnitude, pattern in sorted(short[plural].items(), key=lambda kv: int(kv[0])):
            text = getattr(pattern, "pattern", str(pattern))
            zeros = text.count("0")
            word = re.sub(r"[0#.,¤'\s\u00a0]", "", text)
            if zeros and word.isalpha() and len(word) <= 3:
                out.setdefault(word, float(int(magnitude) // 10 ** (zeros - 1)))
    return out


@lru_cache(maxsize=256)
def percent_words(locale: str) -> list[str]:
    """The percent unit's names in every plural form ("Prozent", "процента", "процентов")."""
    words = set()
    for length in ("long", "short", "narrow"):
        for n in _COUNTS:
            try:
                text = format_unit(n, "percent", length=length, locale=locale)
            except (KeyError, ValueError):
                continue
            word = re.sub(r"[\d\s.,\u00a0\u202f]+", " ", text).strip()
            if word:
                words.add(word)
    return sorted(words, key=len, reverse=True)


@lru_cache(maxsize=256)
def currency_words(locale: str) -> dict[str, list[str]]:
    """``{ISO code: [names and symbols]}`` for the currencies in use: display names in every plural
    form and the locale's own symbols (a bare letter pair such as "kr" is left out)."""
    loc = Locale.parse(locale)
    out: dict[str, list[str]] = {}
    symbols = loc.currency_symbols
    for code in current_currencies():
        names = set()
        for n in _COUNTS:
            try:
                names.add(get_currency_name(code, n, locale))
            except (KeyError, ValueError):
                pass
        sym = symbols.get(code)
        if sym and sym != code and not (sym.isalpha() and len(sym) <= 2):
            names.add(sym)
        names.discard(code)
        out[code] = sorted(n for n in names if n)
    return out


@lru_cache(maxsize=256)
def month_names(locale: str) -> list[str]:
    """The locale's month names: wide forms in the format and stand-alone contexts (Russian
    "января" and "январь"), and abbreviations CLDR writes with a full stop ("janv.", "дек."); bare
    abbreviations ("mar", "set", "out") are left out, they are words too. None with digits (1月)."""
    out: dict[str, None] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            try:
                names = get_month_names(width, context, locale).values()
            except (KeyError, ValueError):
                continue
            for n in names:
                if n and not any(ch.isdigit() for ch in n) and (width == "wide" or n.endswith(".")):
                    out[n] = None
    return list(out)


@lru_cache(maxsize=256)
def unmarked_dollar(locale: str) -> list[str]:
    """The word "dollar" of a locale, in each form CLDR gives: the words the US dollar's names share
    with the Canadian and Australian dollars' ("dollari" of "dollari statunitensi" and "dollari
    canadesi", "долларов" of "долларов США" and "канадских долларов", "dollar" of "Amerikaanse
    dollar"). In the news this project reads, a dollar with no country named is the US dollar (as
    "dollar", "dolar", "đô" in the YAML lexicons); a longer name ("dollari canadesi") is matched first."""
    words = currency_words(locale)

    def vocab(code: str) -> set[str]:
        return {w for n in words.get(code, []) for w in n.split(" ") if len(w) >= 3 and w.isalpha()}

    return sorted(vocab("USD") & vocab("CAD") & vocab("AUD"))


#: The currencies a bare head word ("wons", "yens") is read as, and of several whose names share
#: it (the South and North Korean won) the one it stands for in the news this project reads. The
#: pound is left out: "livres", "libras", "pounds" are books and weights as often as money.
BARE_HEAD_OWNERS = ("USD", "EUR", "CNY", "JPY", "KRW", "INR")


@lru_cache(maxsize=256)
def bare_currency_heads(locale: str) -> dict[str, str]:
    """``{head word: ISO code}``: a currency's name without its country ("wons" of "wons
    sud-coréens", "yens" of "yens japonais"), in locales whose names open with it, as the US, Canadian
    and Australian dollars' open with "dollar" ("dollar des États-Unis"). Where the head ends the name
    ("South Korean won") it is left out: a bare "won" there is a verb as often. A head goes to the
    first of its currencies in
    `BARE_HEAD_OWNERS`; heads of other currencies are left out."""
    words = currency_words(locale)
    dollar = set(unmarked_dollar(locale))
    if not dollar:
        return {}
    # the position must be one for the US, Canadian and Australian dollars alike: in Russian
    # "доллар США" puts it first but "канадский доллар" last, so no head is trusted there
    names = [n.split(" ") for code in ("USD", "CAD", "AUD") for n in words.get(code, []) if " " in n]
    firsts = sum(1 for n in names if n[0] in dollar)
    lasts = sum(1 for n in names if n[-1] in dollar)
    if not names or (firsts and lasts) or not firsts:
        return {}  # a head that ends the name ("South Korean won") is a word of its own too: "won 5 awards"
    at = 0
    owners: dict[str, set[str]] = {}
    for code, names in words.items():
        for n in names:
            parts = n.split(" ")
            if len(parts) < 2:
                continue
            head = parts[at]
            if len(head) >= 3 and head.isalpha():
                owners.setdefault(head, set()).add(code)
    out = {}
    for head, codes in owners.items():
        preferred = [c for c in BARE_HEAD_OWNERS if c in codes]
        if preferred:
            out[head] = preferred[0]
    return out


def symbol_owners(locale: str) -> dict[str, str]:
    """A symbol shared by several currencies in a locale's data belongs to none of them."""
    seen: dict[str, set[str]] = {}
    for code, names in currency_words(locale).items():
        for n in names:
            seen.setdefault(n.lower(), set()).add(code)
    return {n: next(iter(c)) for n, c in seen.items() if len(c) == 1}
