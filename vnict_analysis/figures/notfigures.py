"""Why a number is not a figure: dates, years, document numbers, codes, labels, ranks, phone numbers."""
from __future__ import annotations

import re

from .rules import Rules
from .units import Candidate, currency_scale, glued_letter, glued_scale

_DATE_CORE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
_DOC_AFTER = re.compile(r"(?:[/-]\d+)*\s*[/-]\s*[A-ZĐ]")  # 79-KL/TW, 13/2023/NĐ-CP
# Numeric dates and phone numbers, found before candidates are judged (script-independent).
DATES = re.compile(  # the character before a match must not be a digit or separator (checked in code)
    r"(?=\d)(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))(?![\d/])"
)
PHONES = re.compile(  # (?=...) first: lets the regex engine skip to candidate characters
    r"(?=[(+\d])(?:(?:\(\+?\d{1,4}(?:[-\s]\d{1,4})?\)|\+\d{1,4})[\s.-]*\d{2,5}(?:[\s.-]\d{2,5}){1,4}"
    r"|(?<![\d.,])\d{3,5}(?: \d{3,5}){1,3}(?![\d.,]))"  # "1800 1566": digit groups side by side
)
_QUARTER_BEFORE = re.compile(r"(?<![A-Za-z])(?:I{1,3}|IV|Q[1-4]|H[12])/$")  # "quý I/2025", "Q3/2024": a period
_CAMEL = re.compile(r"[a-z]+[A-Z][\w-]*$")
_CAPITALISED = re.compile(r"[A-Z][a-z]+$")


def why_not_a_figure(c: Candidate, text: str, norm: str, r: Rules, core: str) -> str | None:
    """Why a run of digits is not a figure (None when it is one). General patterns only."""
    s, e = c.num_start, c.num_end
    before = text[max(0, s - 40): s]
    lex = r.lex
    if (_DATE_CORE.match(core) or r.date_before.search(before) or r.month_after.match(text, e)
            or r.date_after.match(text, e) or (len(core) <= 2 and r.month_before.search(before.rstrip(" .")))):
        return "date"
    if e < len(norm) and norm[e] == ":" and e + 1 < len(norm) and norm[e + 1].isdigit():
        return "identifier"
    if s >= 2 and norm[s - 1] == ":" and norm[s - 2].isdigit():
        return "identifier"
    if _DOC_AFTER.match(text, e) or (s >= 2 and text[s - 1] in "/-" and text[s - 2].isupper()
                                      and not _QUARTER_BEFORE.search(before)):
        return "document number"
    if r.ident_before.search(before.rstrip(" -")):
        return "standard or code"
    left_glue = (glued_letter(text, s - 1) and not r.currency_before.search(before)) or (
        s >= 2 and text[s - 1] == "-" and glued_letter(text, s - 2))
    right_glue = glued_letter(text, e) and not (
        r.scale_after.match(text, e) or r.percent_after.match(text, e) or r.currency_after.match(text, e)
        or currency_scale(text, s, e, r) or glued_scale(text, e, r)
        or r.times_after.match(text, e) or (r.classifier_after and r.classifier_after.match(text, e))
    )
    if lex.spaces and (left_glue or right_glue):
        return "identifier"
    if not lex.spaces and (
        (glued_letter(text, s - 1) and text[s - 1].isascii() and not r.currency_before.search(before))
        or (right_glue and text[e].isascii())
    ):
        return "identifier"
    if r.label_before.search(before) or ordinal_marker(before, r):
        return "label or ordinal"
    if lex.spaces and product_name(before, text, e, r):
        return "name with a number"
    if re.match(r"0\d", core):  # "06", "06.00": codes and times, never quantities
        return "code"
    if r.rank_after.match(text, e) or superlative_after(text, e, r):
        return "rank"
    if r.spec_after.match(text, e):
        return "technical specification"
    return None


def superlative_after(text: str, e: int, r: Rules) -> bool:
    """"10 investor terbesar", "3 nước lớn nhất": a count followed within three words by a
    superlative names a top-N list, not a quantity."""
    if not r.superlatives:
        return False
    head = " ".join(re.split(r"[\s]+", text[e:e + 50].strip())[:4]).lower()
    head = re.split(r"[.,;:!?()]", head)[0]
    return bool(r.superlatives.search(head))


def ordinal_marker(before: str, r: Rules) -> bool:
    """A marker glued to the word before the number makes it an ordinal ("แห่งที่ 2" = the second
    site), unless the word is one of its listed exceptions ("อยู่ที่ 36,571" = stands at)."""
    head = before.rstrip()
    return any(head.endswith(m) for m in r.ordinal_markers) and not any(head.endswith(x) for x in r.ordinal_exceptions)


def product_name(before: str, text: str, e: int, r: Rules) -> bool:
    """A number that ends a name: after a camel-case word ("iPhone 15", "eKYC 2") or after a
    capitalised word that is no known term, with nothing counted after it ("Windows 11.")."""
    m = re.search(r"(\S+)\s$", before)
    if not m:
        return False
    word = m.group(1)
    if _CAMEL.match(word):
        return True
    if not _CAPITALISED.match(word) or word.lower() in r.known_words:
        return False
    nxt = text[e:e + 2]
    if r.lex.data.get("capitalised_nouns"):  # "Land 120 Firmen": nouns are capitalised, only a clause end tells
        return not nxt or nxt[0] in ".,;:)!?\n"
    return not nxt or nxt[0] in ".,;:)!?\n" or (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())


def year_of(core: str, text: str, s: int, r: Rules, e: int | None = None) -> int | None:
    """The Gregorian year a bare four-digit number stands for, if it reads as a year
    (also "24年" / "24년": two digits before a year suffix are 2024)."""
    if e is not None and re.fullmatch(r"\d{2}|\d{4}", core) and r.year_suffix.match(text, e):
        return 2000 + int(core) if len(core) == 2 else int(core)
    if not re.fullmatch(r"\d{4}", core):
        return None
    n = int(core)
    offset = int(r.lex.calendar("era_offset", 0) or 0)
    if 1900 <= n <= 2100 and not r.era_before.search(text[max(0, s - 10): s]):
        return n
    if offset and 1900 <= n - offset <= 2100:
        return n - offset
    return None
