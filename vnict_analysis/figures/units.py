"""What surrounds a number: its scale words, unit (percent, currency, times, rate), counted noun and bound."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import parse_digits
from .rules import Rules

_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Candidate:
    """A number found in the text, with what its surroundings say about it."""

    start: int                  # start of the whole expression (currency prefix included)
    end: int                    # end of the whole expression (scale, currency, percent included)
    num_start: int
    num_end: int
    value: float = float("nan")
    unit: str = "count"
    counted: str | None = None
    bound: str | None = None
    ambiguous: bool = False
    reason: str | None = None   # why it is not a figure; None for figures
    year: int | None = None     # Gregorian year, for candidates rejected as years
    extra: dict = field(default_factory=dict)


def _power_of_ten(value: float) -> bool:
    return value >= 1 and float(value).is_integer() and str(int(value)).rstrip("0") == "1"


def glued_letter(text: str, i: int) -> bool:
    """True when ``text[i]`` is a letter (a number touching it is part of a code: "4G", "L2Pro")."""
    return 0 <= i < len(text) and bool(_LETTER.match(text[i]))


def _times(value: float, mult: float) -> float:
    """`value` x `mult` to 15 significant digits: 16.4 x 1e6 is 16400000, not 16399999.999999998."""
    return float(f"{value * mult:.15g}")


def _apply_scale(c: Candidate, mult: float) -> None:
    c.value = _times(c.value, mult)
    c.extra["scale"] = mult


def _scale_words(m: re.Match, r: Rules) -> float:
    """The multiplier of a matched run of scale words ("nghìn tỷ", "mil millones")."""
    mult = 1.0
    for w in re.findall(r"\S+", m.group(0)):
        mult *= scale_product(w, r)
    return mult


def read_right(c: Candidate, text: str, norm: str, pos: int, r: Rules) -> int:
    """Read scale words, then percent / currency / times / rate / counted noun after `pos`."""
    m = r.scale_after.match(text, pos)
    if m and r.subunit_after is not None and r.subunit_after.match(text, pos):
        m = None  # "23 cents" is a sub-unit, not 23 hundreds
    short = None if m else (currency_scale(text, c.num_start, pos, r) or glued_scale(text, pos, r))
    if m:
        mult = _scale_words(m, r)
        pos = m.end()
        more = glued_scale(text, pos, r) if text[pos:pos + 1] in ("\u00a0", "\u202f") else None
        if more:  # Spanish CLDR "10\u00a0mil\u00a0M": a word scale, then a short one
            mult *= more[0]
            pos = more[1]
        _apply_scale(c, mult)
        link = r.scale_link.match(text, pos) if r.scale_link is not None else None
        if link and r.currency_after.match(text, link.end()):  # "milliards de dollars"
            pos = link.end()
    elif "scale" in c.extra and r.scale_link is not None:  # "un milliard de dollars": a spelled numeral's scale
        link = r.scale_link.match(text, pos)
        if link and r.currency_after.match(text, link.end()):
            pos = link.end()
    elif short:
        _apply_scale(c, short[0])
        if text[pos:short[1]].strip(" .\u00a0\u202f") in r.ambiguous_suffixes:
            c.ambiguous = True  # Indonesian "3M": miliar by the locale, million by SI
        pos = short[1]
    for word, mult in r.percent_multipliers.items():  # 3割 = 30 percent
        if text.startswith(word, pos):
            c.value = _times(c.value, mult)
            c.unit = "percent"
            return pos + len(word)
    for pat, unit in ((r.percent_after, "percent"), (r.times_after, "times")):
        m = pat.match(text, pos)
        if m:
            c.unit = unit
            return m.end()
    m = r.currency_after.match(text, pos)
    if m:
        c.unit = r.currency_codes[re.sub(r"\s+", " ", m.group(0).strip()).lower()]
        code = m.group(0).strip()
        after = r.scale_after.match(text, m.end()) if "scale" not in c.extra and code.isupper() and \
            len(code) == 3 else None
        if after:  # "75 USD million": the code before its scale
            _apply_scale(c, _scale_words(after, r))
            return after.end()
        return m.end()
    window = norm[pos:pos + 60].lower()
    m = r.rate_after.match(norm, pos) if any(w in window for w in r.rate_words) else None
    if m and "\n" not in m.group(0):
        try:
            denom, _ = parse_digits(m.group(1), r.lex)
            after = m.end(1)
            # a rate's base is a power of ten standing alone ("per 1.000 penduduk"), not an amount
            # ("38 hợp đồng quy mô trên 5 triệu USD" is 38 contracts above 5 million USD)
            if not _power_of_ten(denom) or r.scale_after.match(text, after) or r.currency_after.match(text, after) \
                    or r.percent_after.match(text, after):
                raise ValueError("not a rate")
            c.unit = f"per_{denom:g}"
            c.extra["denominator"] = (m.start(1), m.end(1))
            c.counted = counted_noun(text, pos, r)
            return m.end()
        except ValueError:
            pass
    c.counted = counted_noun(text, pos, r)
    return pos


def currency_scale(text: str, num_start: int, pos: int, r: Rules) -> tuple[float, int] | None:
    """Short scale letters that only mean a multiple after a currency: "$40m", "£1.2bn"."""
    if not r.currency_scales or not r.currency_before.search(text[max(0, num_start - 6): num_start]):
        return None
    m = re.match(r"[A-Za-z]+", text[pos:pos + 4])
    if m and m.group(0).lower() in r.currency_scales:
        return r.currency_scales[m.group(0).lower()], pos + m.end()
    return None


def glued_scale(text: str, pos: int, r: Rules) -> tuple[float, int] | None:
    """Scale letters glued to the digits and ending there: "100K", "1,2M", "5jt" (`suffix_scales`);
    also after a no-break space, as CLDR writes them ("1,5\u00a0Md"), or after a space when a
    currency follows ("1,5 M dollars")."""
    if not r.suffix_scales or pos >= len(text):
        return None
    gap = 1 if text[pos] in "\u00a0\u202f " else 0
    m = r.glued_word.match(text, pos + gap, pos + gap + 5) if r.glued_word is not None else None
    if not m:
        return None
    word = m.group(0) if m.group(0) in r.suffix_scales else m.group(0).rstrip(".")
    end = pos + gap + len(word)
    if word not in r.suffix_scales or (glued_letter(text, end) and (r.lex.spaces or text[end].isascii())):
        return None  # "100Kの" in Japanese: the kana is the next word
    if word != m.group(0) and not text[end + 1:end + 2].isalnum():
        end += 1  # the abbreviation's full stop ("1,1 t. dollaria", "2,3 εκ. ευρώ")
    if gap and text[pos] == " " and not r.currency_after.match(text, end):
        return None
    mult = r.suffix_scales[word]
    if text[end:end + 1] in ("\u00a0", "\u202f"):  # CLDR's two-part forms: Spanish "10\u00a0mil\u00a0M" = 10e9
        more = glued_scale(text, end, r)
        if more and more[0] > mult:
            return mult * more[0], more[1]
    return mult, end


def scale_product(chunk: str, r: Rules) -> float:
    """Multiplier of a run of scale words written without spaces ("พันล้าน" = 1e3 * 1e6)."""
    low, mult = chunk.lower(), 1.0
    while low:
        for w in r.scales_longest_first:
            if low.startswith(w):
                mult *= r.scales[w]
                low = low[len(w):]
                break
        else:
            break
    return mult


def counted_noun(text: str, pos: int, r: Rules) -> str | None:
    if r.classifier_after is not None:
        m = r.classifier_after.match(text, pos)
        start = m.end() - len(m.group(0).lstrip()) if m else pos
        if m and not any(text.startswith(w, start) for w in r.not_classifiers):
            return m.group(0).strip()
        if not r.lex.spaces:
            return None
    m = r.counted_after.match(text, pos)
    if not m or "\n" in m.group(0):
        return None
    word = m.group(1)
    low = word.lower()
    if low in r.not_counted or low in r.bound_kinds or low in r.cue_kinds:
        return None
    return word


def read_left(c: Candidate, text: str, r: Rules) -> None:
    """Currency or percent word before the number, then a bound word before that."""
    head = text[max(0, c.start - 60): c.start]
    m = r.currency_before.search(head)
    if m and c.unit == "count":
        c.unit = r.currency_codes[re.sub(r"\s+", " ", m[1]).lower()]
        c.start -= len(head) - m[0]
        head = head[: m[0]]
    m = r.percent_before.search(head)
    if m and c.unit == "count":
        c.unit = "percent"
        c.start -= len(head) - m[0]
    m = r.bound_before.search(text[max(0, c.start - 40): c.start])
    if m:
        c.bound = r.bound_kinds[re.sub(r"\s+", " ", m[1]).lower()]
    else:
        m2 = r.bound_after.match(text, c.end)
        if m2:
            c.bound = r.bound_after_kinds[re.sub(r"\s+", " ", m2.group(1)).lower()]
