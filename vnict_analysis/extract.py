"""Find every quantitative figure in an article: value, unit, counted noun, bound, and provenance."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from .numbers import parse_digits, to_ascii_digits, tokenize_words, words_value
from .qualify import assign_context, rows_to_frame
from .rules import Rules, get_rules
from .schemas import MENTION_COLUMNS, REJECTED_COLUMNS, validate_mentions
from .segment import boilerplate_spans, segment

_DATE_CORE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
# Numeric dates and phone numbers, found before candidates are judged (script-independent).
_DATES = re.compile(  # the character before a match must not be a digit or separator (checked in code)
    r"(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|"
    r"(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))(?![\d/])"
)
_PHONES = re.compile(
    r"(?:\(\+?\d{1,4}(?:[-\s]\d{1,4})?\)|\+\d{1,4})[\s.-]*\d{2,5}(?:[\s.-]\d{2,5}){1,4}"
    r"|(?<![\d.,])\d{3,5}(?: \d{3,5}){1,3}(?![\d.,])"  # "1800 1566": digit groups side by side
)
_DOC_AFTER = re.compile(r"(?:[/-]\d+)*\s*[/-]\s*[A-ZĐ]")  # 79-KL/TW, 13/2023/NĐ-CP
_LETTER = re.compile(r"[^\W\d_]")
_QUARTER_BEFORE = re.compile(r"(?<![A-Za-z])(?:I{1,3}|IV|Q[1-4]|H[12])/$")  # "quý I/2025", "Q3/2024": a period


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


def _glued_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_LETTER.match(text[i]))


def _right_units(c: Candidate, text: str, norm: str, pos: int, r: Rules) -> int:
    """Read scale words, then percent / currency / times / rate / counted noun after `pos`."""
    m = r.scale_after.match(text, pos)
    short = None if m else _currency_scale(text, c.num_start, pos, r)
    if m:
        mult = 1.0
        for w in re.findall(r"\S+", m.group(0)):
            mult *= _scale_product(w, r)
        c.value *= mult
        c.extra["scale"] = mult
        pos = m.end()
    elif short:
        c.value *= short[0]
        c.extra["scale"] = short[0]
        pos = short[1]
    for word, mult in r.percent_multipliers.items():  # 3割 = 30 percent
        if text.startswith(word, pos):
            c.value *= mult
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
        return m.end()
    window = norm[pos:pos + 60].lower()
    m = r.rate_after.match(norm, pos) if any(w in window for w in r.rate_words) else None
    if m and "\n" not in m.group(0):
        try:
            denom, _ = parse_digits(m.group(1), r.lex)
            c.unit = f"per_{denom:g}"
            c.extra["denominator"] = (m.start(1), m.end(1))
            c.counted = _counted(text, pos, r)
            return m.end()
        except ValueError:
            pass
    c.counted = _counted(text, pos, r)
    return pos


def _currency_scale(text: str, num_start: int, pos: int, r: Rules) -> tuple[float, int] | None:
    """Short scale letters that only mean a multiple after a currency: "$40m", "£1.2bn"."""
    if not r.currency_scales or not r.currency_before.search(text[max(0, num_start - 6): num_start]):
        return None
    m = re.match(r"[A-Za-z]+", text[pos:pos + 4])
    if m and m.group(0).lower() in r.currency_scales:
        return r.currency_scales[m.group(0).lower()], pos + m.end()
    return None


def _scale_product(chunk: str, r: Rules) -> float:
    """Multiplier of a run of scale words written without spaces ("พันล้าน" = 1e3 * 1e6)."""
    low, mult = chunk.lower(), 1.0
    while low:
        for w in sorted(r.scales, key=len, reverse=True):
            if low.startswith(w):
                mult *= r.scales[w]
                low = low[len(w):]
                break
        else:
            break
    return mult


def _counted(text: str, pos: int, r: Rules) -> str | None:
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
    stop = {w.lower() for w in r.lex.words("not_counted")}
    if low in stop or low in r.bound_kinds or low in r.cue_kinds:
        return None
    return word


def _left_context(c: Candidate, text: str, r: Rules) -> None:
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


def _reject_digits(c: Candidate, text: str, norm: str, r: Rules, core: str) -> str | None:
    """Why a run of digits is not a figure (None when it is one). General patterns only."""
    s, e = c.num_start, c.num_end
    before = text[max(0, s - 40): s]
    lex = r.lex
    if (_DATE_CORE.match(core) or r.date_before.search(before) or r.month_after.match(text, e)
            or r.date_after.match(text, e)
            or (len(core) <= 2 and r.month_before.search(before.rstrip(" ."))) ):
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
    left_glue = (_glued_letter(text, s - 1) and not r.currency_before.search(before)) or (
        s >= 2 and text[s - 1] == "-" and _glued_letter(text, s - 2))
    right_glue = _glued_letter(text, e) and not (
        r.scale_after.match(text, e) or r.percent_after.match(text, e) or r.currency_after.match(text, e)
        or _currency_scale(text, s, e, r)
        or r.times_after.match(text, e) or (r.classifier_after and r.classifier_after.match(text, e))
    )
    if lex.spaces and (left_glue or right_glue):
        return "identifier"
    if not lex.spaces and (
        (_glued_letter(text, s - 1) and text[s - 1].isascii() and not r.currency_before.search(before))
        or (right_glue and text[e].isascii())
    ):
        return "identifier"
    if r.label_before.search(before) or _ordinal_marker(before, r):
        return "label or ordinal"
    if lex.spaces and _product_name(before, text, e, r):
        return "name with a number"
    if re.match(r"0\d", core):  # "06", "06.00": codes and times, never quantities
        return "code"
    if r.rank_after.match(text, e) or _superlative_after(text, e, r):
        return "rank"
    if r.spec_after.match(text, e):
        return "technical specification"
    return None


def _superlative_after(text: str, e: int, r: Rules) -> bool:
    """"10 investor terbesar", "3 nước lớn nhất": a count followed within three words by a
    superlative names a top-N list, not a quantity."""
    if not r.superlatives:
        return False
    head = " ".join(re.split(r"[\s]+", text[e:e + 50].strip())[:4]).lower()
    head = re.split(r"[.,;:!?()]", head)[0]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", head) for w in r.superlatives)


def _ordinal_marker(before: str, r: Rules) -> bool:
    """A marker glued to the word before the number makes it an ordinal ("แห่งที่ 2" = the second
    site), unless the word is one of its listed exceptions ("อยู่ที่ 36,571" = stands at)."""
    head = before.rstrip()
    return any(head.endswith(m) for m in r.ordinal_markers) and not any(head.endswith(x) for x in r.ordinal_exceptions)


_CAMEL = re.compile(r"[a-z]+[A-Z][\w-]*$")
_CAPITALISED = re.compile(r"[A-Z][a-z]+$")


def _product_name(before: str, text: str, e: int, r: Rules) -> bool:
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
    return not nxt or nxt[0] in ".,;:)!?\n" or (len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper())


def _year_of(core: str, text: str, s: int, r: Rules, e: int | None = None) -> int | None:
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


def _digit_candidates(text: str, norm: str, r: Rules) -> list[Candidate]:
    out: list[Candidate] = []
    for m in r.digits.finditer(norm):
        s, e = m.span()
        core = m.group(0)
        c = Candidate(start=s, end=e, num_start=s, num_end=e)
        if s >= 1 and norm[s - 1] in "-−" and (s == 1 or not norm[s - 2].isalnum()) and (
            s < 2 or norm[s - 2] in " \t\n(["
        ):
            c.start = c.num_start = s - 1
        c.reason = _reject_digits(c, text, norm, r, core)
        try:
            c.value, c.ambiguous = parse_digits(core, r.lex)
        except ValueError:
            c.reason = c.reason or "malformed number"
            out.append(c)
            continue
        if c.start < s:
            c.value = -c.value
        c.end = _right_units(c, text, norm, e, r)
        if c.reason is None and c.unit == "count" and c.value == int(c.value):
            year = _year_of(core, text, s, r, e)
            if year is not None and not (not r.lex.spaces and c.counted and not r.year_suffix.match(text, e)):
                c.reason, c.year = "year", year
                c.end, c.counted = e, None
        if c.reason is None:
            _left_context(c, text, r)
        out.append(c)
    return out


def _merge_compounds(cands: list[Candidate], r: Rules) -> list[Candidate]:
    """Join "1兆" + "500億円" and "1조" + "3000억원" (digits and scales written without a break,
    each scale smaller than the one before) into one figure."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (prev is not None and prev.reason is None and c.reason is None and prev.end == c.num_start
                and prev.unit == "count" and 1 < c.extra.get("scale", 1.0) < prev.extra.get("scale", 1.0)):
            prev.value += c.value
            prev.end, prev.num_end, prev.unit, prev.counted = c.end, c.num_end, c.unit, c.counted
            prev.extra["scale"] = c.extra["scale"]
            continue
        out.append(c)
    return out


def _word_candidates(text: str, taken: list[tuple[int, int]], r: Rules) -> list[Candidate]:
    if r.words is None:
        return []
    out: list[Candidate] = []
    fillers = set(r.lex.number_list("fillers"))
    ambiguous = set(r.lex.number_list("ambiguous_alone"))
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    idioms = [(m.start(), m.end()) for m in r.idioms.finditer(text)] if r.idioms else []
    for m in r.words.finditer(text):
        s, e = m.span()
        if any(a <= s < b for a, b in idioms):
            out.append(Candidate(start=s, end=e, num_start=s, num_end=e, reason="idiom"))
            continue
        i = bisect.bisect_left(starts, e)
        if i and taken[i - 1][1] > s or any(a < e and s < b for a, b in taken[max(0, i - 3): i]):
            continue
        c = Candidate(start=s, end=e, num_start=s, num_end=e)
        try:
            toks = [t for t in tokenize_words(m.group(0), r.lex) if t[0] not in fillers]
            c.value = words_value(toks)
        except ValueError:
            continue
        c.end = _right_units(c, text, text, e, r)
        if not r.lex.spaces and not (c.unit != "count" or c.counted):
            continue  # without spaces a number word inside an ordinary word is not a candidate
        kinds = {k for _, k, _ in toks}
        if len(toks) == 1 and toks[0][0] in ambiguous:
            c.reason = "ambiguous word"
        elif not kinds & {"units", "values"} and not (not r.lex.spaces and kinds & {"multipliers"}):
            c.reason = "scale word alone"
        elif r.label_before.search(text[max(0, s - 40): s]):
            c.reason = "label or ordinal"
        elif r.rank_after.match(text, e) or _superlative_after(text, e, r):
            c.reason = "rank"
        if c.reason is None:
            _left_context(c, text, r)
        out.append(c)
    return out


def _paired_range(text: str, a: Candidate, between: str, r: Rules) -> bool:
    """"between 10 and 15%", "antara 10 dan 15 persen", "từ 5 đến 7%": an opening word before the
    first number and its partner between the two (lexicon `range_pairs`)."""
    head = text[max(0, a.start - 25): a.start].rstrip().lower()
    mid = between.strip().lower()
    return any(mid == second.lower() and (head.endswith(" " + first.lower()) or head == first.lower())
               for first, second in r.range_pairs)


def _mark_ranges(figs: list[Candidate], text: str, r: Rules) -> None:
    n = 0
    for a, b in zip(figs, figs[1:]):
        if "range" in a.extra:
            continue
        between = text[a.end: b.num_start]
        if not r.range_between.match(between) and not _paired_range(text, a, between, r):
            continue
        between = text[a.end: b.num_start].strip()
        if a.unit != b.unit and not (a.unit == "count" and not a.counted) and not (
                b.unit == "count" and not b.counted and between in "-–—~〜～"):
            continue  # "fell 37% to 120" is a change, not a range; "$600-700 million" is one
        n += 1
        a.extra["range"] = b.extra["range"] = n
        if a.unit == "count" and b.unit != "count":
            a.unit = b.unit
            a.counted = None
        elif b.unit == "count" and a.unit != "count":  # "$600-700 million"
            b.unit = a.unit
            b.counted = None
        scale = b.extra.get("scale", 1.0)
        if scale != 1.0 and a.extra.get("scale", 1.0) == 1.0:
            a.value *= scale


def scan(text: str, lang: str, source_id: str | None = None, data_dir: str | None = None) -> pd.DataFrame:
    """Every number-like candidate in `text`, figures and rejects, with a `reason` column
    (null for figures). See :func:`extract_figures` for the columns."""
    return rows_to_frame(_scan_rows(text, lang, source_id, data_dir))


def _scan_rows(text: str, lang: str, source_id: str | None, data_dir: str | None) -> list[dict]:
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    r = get_rules(lang, data_dir)
    norm = to_ascii_digits(text)
    boiler = boilerplate_spans(text, r.lex)
    digits = _merge_compounds(_digit_candidates(text, norm, r), r)
    taken = [(c.start, c.end) for c in digits]
    cands = sorted(digits + _word_candidates(text, taken, r), key=lambda c: c.num_start)
    denominators = {c.extra["denominator"] for c in cands if "denominator" in c.extra}
    spans = [(m.start(), m.end(), "date") for m in _DATES.finditer(norm)
             if not (m.start() and norm[m.start() - 1] in "0123456789.,/")]
    spans += [(m.start(), m.end(), "phone number") for m in _PHONES.finditer(norm)]
    for c in cands:
        hit = next((why for a, b, why in spans if a <= c.num_start < b), None)
        if hit and c.reason not in ("year",) or (hit == "phone number"):
            c.reason = hit
        if (c.num_start, c.num_end) in denominators:
            c.reason = "rate denominator"
        elif any(a <= c.num_start < b for a, b, _ in boiler):
            c.reason = "boilerplate"
    figs = [c for c in cands if c.reason is None]
    _mark_ranges(figs, text, r)
    segs = segment(text, r.lex)
    years = [c for c in cands if c.reason == "year"]
    for a, b in zip(years, years[1:]):
        if r.range_between.match(text[a.num_end: b.num_start]):
            a.extra["year_range"] = b.extra["year_range"] = True
    return assign_context(cands, figs, years, text, segs, r, source_id)


def extract_figures(text: str, lang: str, source_id: str | None = None, data_dir: str | None = None) -> pd.DataFrame:
    """One row per figure mention in `text` (an article written in `lang`).

    Columns (a stable contract, checked by :func:`vnict_analysis.schemas.validate_mentions`):
    ``source_id, mention_id, lang, value, unit, counted, raw, number_text, start, end, sentence,
    sentence_start, sentence_end, period, period_source, qualifier, cue, bound, range_id,
    ambiguous``. `value` is in base units (36,571 billion VND -> 3.6571e13); `start`/`end` are
    offsets of `raw` in `text`.

    Raises
    ------
    ValueError
        If `lang` is unknown or `text` is not a string.
    """
    return validate_mentions(_figures(scan(text, lang, source_id, data_dir)))


def _figures(scanned: pd.DataFrame) -> pd.DataFrame:
    return scanned[scanned["reason"].isna()][MENTION_COLUMNS].reset_index(drop=True)


def _scan_one(args: tuple[str, str, str, str | None]) -> list[dict]:
    text, lang, sid, data_dir = args
    return _scan_rows(text, lang, sid, data_dir)


def extract_corpus(
    articles: pd.DataFrame,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    data_dir: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract figures from every article of a corpus table (see :func:`vnict_analysis.corpus.load`).

    Returns ``(mentions, rejected)``. With ``jobs > 1`` articles are spread over processes;
    `progress` is called with the number of articles finished since its last call.
    """
    work = [(t, l, s, data_dir) for t, l, s in zip(articles["text"], articles["lang"], articles["source_id"])]
    parts: list[list[dict]] = []
    if jobs > 1 and len(work) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for df in pool.map(_scan_one, work, chunksize=max(1, len(work) // (jobs * 8))):
                parts.append(df)
                if progress:
                    progress(1)
    else:
        for item in work:
            parts.append(_scan_one(item))
            if progress:
                progress(1)
    scanned = rows_to_frame([row for part in parts for row in part])
    mentions = validate_mentions(_figures(scanned)) if len(scanned) else _figures(scanned)
    rejected = scanned[scanned["reason"].notna()][REJECTED_COLUMNS].reset_index(drop=True)
    return mentions, rejected


def rejected_numbers(text: str, lang: str, source_id: str | None = None, data_dir: str | None = None) -> pd.DataFrame:
    """The numbers `extract_figures` does not count as figures, each with its reason."""
    df = scan(text, lang, source_id, data_dir)
    return df[df["reason"].notna()][REJECTED_COLUMNS].reset_index(drop=True)
