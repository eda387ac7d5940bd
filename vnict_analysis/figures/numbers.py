"""Parse one numeral expression ("36.571 miliar", "147.8", "ห้าสิบเอ็ด", "760億") in a given language."""
from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from ..text.lexicon import Lexicon, load_lexicon

_DIGIT_CORE = re.compile(r"\d+(?:[.,'\u00a0\u202f\u2009 ]\d+)*")
_MINUS = "-−‒–"


_DIGIT_TABLE = {
    cp: ord(str(unicodedata.decimal(chr(cp))))
    for cp in range(128, 0x20000)
    if chr(cp).isdecimal()
}

_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")  # \d matches every Unicode decimal digit


def to_ascii_digits(text: str) -> str:
    """Replace every Unicode decimal digit (Thai ๐–๙, full-width ０–９…) by its ASCII digit.

    The result has the same length as the input, so character offsets are preserved.
    """
    if text.isascii() or not _NON_ASCII_DIGIT.search(text):
        return text
    return text.translate(_DIGIT_TABLE)


def parse_digits(core: str, lex: Lexicon) -> tuple[float, bool]:
    """Read digits with separators as a reader of `lex.lang` would.

    Returns ``(value, ambiguous)``; `ambiguous` is True when a single separator could be read
    either way and the language's convention decided it (e.g. ``36,571`` in English).

    Rules: with two kinds of separator, the last one is the decimal mark and the others group
    digits in threes. With one kind used more than once, it groups. With one separator used once,
    it is the language's decimal mark if it is that symbol, the group mark if followed by exactly
    three digits and it is the group symbol, and otherwise a decimal mark.
    """
    core = to_ascii_digits(core.strip())
    if not _DIGIT_CORE.fullmatch(core):
        raise ValueError(f"not a number: {core!r}")
    seps = [c for c in core if not c.isdigit()]
    if not seps:
        return float(core), False
    parts = re.split(r"[^\d]", core)
    kinds = list(dict.fromkeys(seps))
    group_like = {lex.group, "\u00a0", "\u202f", " ", "\u2009", "'"}
    if len(kinds) > 2:
        raise ValueError(f"too many kinds of separator in {core!r}")
    if len(kinds) == 2:
        dec = seps[-1]
        if seps.count(dec) != 1:
            raise ValueError(f"inconsistent separators in {core!r}")
        grp = [s for s in kinds if s != dec][0]
        head, frac = core.rsplit(dec, 1)
        groups = head.split(grp)
        _check_groups(groups, core)
        return float("".join(groups) + "." + frac), False
    sep = kinds[0]
    if len(seps) > 1:
        if sep in ".," or sep in group_like:
            _check_groups(parts, core)
            return float("".join(parts)), False
        raise ValueError(f"not a number: {core!r}")
    head, tail = parts
    if sep in group_like and sep not in ".,":
        _check_groups(parts, core)
        return float(head + tail), False
    three = len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0"
    if sep == lex.decimal:
        # "8,1" in Indonesian; "36,571" in Indonesian is read as a decimal but flagged.
        return float(head + "." + tail), three
    if sep == lex.group and three:
        return float(head + tail), False
    if sep == lex.group:
        # the other convention leaking in ("147.8" in an Indonesian text)
        return float(head + "." + tail), False
    # a separator the locale does not use ("." in a locale with "٫" decimals)
    if three:
        return float(head + tail), True
    return float(head + "." + tail), False


def _check_groups(groups: list[str], core: str) -> None:
    """Groups of three ("1.234.567"), or the Indian lakh/crore grouping ("12,34,567": pairs, then three)."""
    if groups[0] and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return
    if len(groups) >= 3 and 1 <= len(groups[0]) <= 2 and all(len(g) == 2 for g in groups[1:-1]) and len(groups[-1]) == 3:
        return
    raise ValueError(f"digits are not grouped in threes: {core!r}")


@lru_cache(maxsize=64)
def _word_tokens(lex: Lexicon) -> list[tuple[str, str, float]]:
    """(surface, kind, value) for every number word of the language, longest first."""
    toks: list[tuple[str, str, float]] = []
    for kind in ("units", "values", "adders", "multipliers", "scales"):
        for w, v in lex.numbers(kind).items():
            toks.append((w, kind, v))
    for w in lex.number_list("fillers"):
        toks.append((w, "fillers", 0.0))
    for w in lex.number_list("decimal_words"):
        toks.append((w, "decimal", 0.0))
    return sorted(toks, key=lambda t: len(t[0]), reverse=True)


def tokenize_words(text: str, lex: Lexicon) -> list[tuple[str, str, float]]:
    """Split a spelled-out numeral into known number words; raise ValueError on anything else."""
    s = text.lower().strip()
    toks = _word_tokens(lex)
    compounds = bool(lex.data.get("compounds"))
    out: list[tuple[str, str, float]] = []
    i = 0
    while i < len(s):
        if s[i] in " -\u00a0\u200b\t":
            i += 1
            continue
        for w, kind, v in toks:
            if s.startswith(w, i):
                end = i + len(w)
                if lex.spaces and end < len(s) and s[end].isalpha() and not compounds:
                    continue  # inside a longer word (German writes numbers as one word: "dreiunddreißig")
                out.append((w, kind, v))
                i = end
                break
        else:
            raise ValueError(f"not a number word in {text!r} at {s[i:i + 12]!r}")
    if not out:
        raise ValueError(f"empty numeral: {text!r}")
    return out


def words_value(tokens: list[tuple[str, str, float]]) -> float:
    """Combine number-word tokens: units and values add, multipliers scale the last unit,
    adders add to it ("dua belas"), scales close a group ("dua ratus ribu"); after a decimal
    word the digits are read one by one ("two point two five" = 2.25, "hai phẩy năm" = 2.5), and
    a scale after them scales the whole ("two point two million")."""
    for k, (_, kind, _) in enumerate(tokens):
        if kind == "decimal":
            head, tail = tokens[:k], tokens[k + 1:]
            scale = 1.0
            while tail and tail[-1][1] == "scales":
                scale *= tail[-1][2]
                tail = tail[:-1]
            digits = [v for _, kd, v in tail if kd != "fillers"]
            if not digits:
                raise ValueError("a decimal word needs digits after it")
            if all(kd in ("units", "fillers") for _, kd, _ in tail):
                frac = float("0." + "".join(str(int(v)) for v in digits))
            else:  # "deux cent virgule cinquante-deux" = 200.52: the decimals read as one numeral
                after = words_value(tail)
                if after != int(after) or after <= 0:
                    raise ValueError("the decimals after a decimal word must be a whole numeral")
                frac = float("0." + str(int(after)))
            return ((words_value(head) if head else 0.0) + frac) * scale
    terms: list[tuple[float, float]] = []  # (scale, amount) of each group a scale word closed
    group = 0.0
    pending: float | None = None
    seen_number = False
    for w, kind, v in tokens:
        if kind == "fillers":
            continue
        seen_number = True
        if kind == "units":
            if pending is not None:
                raise ValueError(f"two digits in a row at {w!r}")
            pending = v
        elif kind == "values":
            if pending is not None:
                group += pending
                pending = None
            group += v
        elif kind == "multipliers":
            group += (1.0 if pending is None else pending) * v
            pending = None
        elif kind == "adders":
            if pending is None:
                raise ValueError(f"{w!r} needs a digit before it")
            group += pending + v
            pending = None
        elif kind == "scales":
            if pending is not None:
                group += pending
                pending = None
            # a scale multiplies its group and the groups closed by smaller scales since the last
            # larger one: "mil millones", "万亿", "ล้านล้าน" compound; "tres billones ... doscientos
            # veintiocho millones" multiplies 228 thousand-and-something by a million, not the billions
            amount, scale = group, v
            while terms and terms[-1][0] <= v:
                popped_scale, popped = terms.pop()
                amount += popped
                scale = max(scale, popped_scale * v)
            terms.append((scale, (amount or 1.0) * v))
            group = 0.0
    if not seen_number:
        raise ValueError("no number word")
    return sum(a for _, a in terms) + group + (pending or 0.0)


def split_scale(text: str, lex: Lexicon) -> tuple[str, float]:
    """Split trailing scale words ("miliar", "พันล้าน", "nghìn tỷ", "億") from `text`.

    Returns ``(head, multiplier)``; the multiplier is the product of the scale words.
    """
    scales = lex.scale_words()
    s = text.strip()
    mult = 1.0
    changed = True
    while changed and s:
        changed = False
        low = s.lower()
        for w in sorted(scales, key=len, reverse=True):
            if low.endswith(w):
                head = s[: len(s) - len(w)]
                if head and lex.spaces and head[-1].isalpha():
                    continue
                mult *= scales[w]
                s = head.rstrip()
                changed = True
                break
    return s, mult


def parse_number(text: str, lang: str) -> float:
    """Parse one numeral expression written in language `lang`.

    Handles digits with the language's CLDR separators (and the ambiguity rules a reader uses),
    any Unicode decimal digits, trailing scale words and their compounds, spelled-out numbers,
    and a leading minus sign or minus word.

    Parameters
    ----------
    text : str
        The numeral, e.g. ``"36.571 miliar"``, ``"147.8"``, ``"hai mươi lăm"``, ``"760億"``.
    lang : str
        A language code CLDR knows (``id``, ``th``, ``vi``, ``en``, ``ja``…).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If `text` is not a numeral or `lang` is unknown.
    """
    if not isinstance(text, str):
        raise ValueError(f"expected a string, got {type(text).__name__}")
    value = _parse_number(text, lang)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {text[:40]!r}")
    return value


def _parse_number(text: str, lang: str) -> float:
    lex = load_lexicon(lang)
    s = unicodedata.normalize("NFC", text).strip()
    if not s:
        raise ValueError("empty string is not a number")
    sign = 1.0
    if s[0] in _MINUS or s.startswith(lex.minus):
        sign, s = -1.0, s[1:].lstrip()
        if not s:
            raise ValueError(f"not a number: {text!r}")
    else:
        for w in lex.words("negative_words"):
            if s.lower().startswith(w.lower() + " ") or (not lex.spaces and s.startswith(w)):
                sign, s = -1.0, s[len(w):].lstrip()
                break
    m = re.fullmatch(r"(\d+(?:[.,]\d+)*)([^\W\d_]{1,3})", to_ascii_digits(s))
    glued = lex.data.get("suffix_scales") or {}
    if m and m.group(2) in glued:  # "100K", "1,2M": scale letters glued to the digits
        value, _ = parse_digits(m.group(1), lex)
        return sign * value * float(glued[m.group(2)])
    if re.fullmatch(r"[.,]\d+", s) and s[0] == lex.decimal:  # ".77" in English, ",77" in German
        return sign * float("0." + s[1:])
    head, mult = split_scale(s, lex)
    if not head:
        if mult == 1.0:
            raise ValueError(f"not a number: {text!r}")
        return sign * mult
    head_ascii = to_ascii_digits(head)
    if _DIGIT_CORE.fullmatch(head_ascii):
        value, _ = parse_digits(head_ascii, lex)
        return sign * value * mult
    m = re.fullmatch(r"(\d+)\s+(\S+)\s+(\d+)", head_ascii)
    if m and m.group(2).lower() in lex.number_list("decimal_words"):  # "1 point 1", "2 phẩy 23"
        return sign * float(f"{m.group(1)}.{m.group(3)}") * mult
    if any(c.isdigit() for c in head_ascii):
        # digits mixed with number words ("7億6000万" style) are read as words after the digits
        m = re.match(r"\d+(?:[.,]\d+)*", head_ascii)
        if m and m.end() < len(head_ascii):
            raise ValueError(f"not a single numeral: {text!r}")
        raise ValueError(f"not a number: {text!r}")
    tokens = tokenize_words(s, lex)
    return sign * words_value(tokens)
