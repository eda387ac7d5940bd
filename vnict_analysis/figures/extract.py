"""Find every quantitative figure in an article: value, unit, counted noun, bound, and provenance."""
from __future__ import annotations

import bisect
import math
from typing import Callable

import pandas as pd

from .notfigures import DATES, PHONES, superlative_after, why_not_a_figure, year_of
from .numbers import parse_digits, to_ascii_digits, tokenize_words, words_value
from .qualify import assign_context, rows_to_frame
from ..errors import ExtractionError
from ..resources import Resources, as_resources
from .rules import Rules, get_rules
from ..schemas import MENTION_COLUMNS, REJECTED_COLUMNS, validate_mentions
from ..text.segment import boilerplate_spans, segment
from .units import Candidate, read_left, read_right


def _digit_candidates(text: str, norm: str, r: Rules) -> list[Candidate]:
    out: list[Candidate] = []
    for m in r.digits.finditer(norm):
        s, e = m.span()
        core = m.group(0)
        c = Candidate(start=s, end=e, num_start=s, num_end=e)
        # a leading decimal mark: ".77" in English, ",77" in German (a space, bracket or minus before it)
        lead = s >= 1 and norm[s - 1] == r.lex.decimal and core.isdigit() and (
            s == 1 or norm[s - 2] in " \t\n([-−") and not (s >= 2 and norm[s - 2].isdigit())
        if lead:
            c.start = c.num_start = s - 1
        negative = s >= 1 and norm[c.num_start - 1:c.num_start] in ("-", "−") and (
            c.num_start == 1 or norm[c.num_start - 2] in " \t\n([")
        if negative and c.start == c.num_start:
            c.start = c.num_start = c.num_start - 1
        negative = negative or _minus_word(text, c.start, r)
        c.reason = why_not_a_figure(c, text, norm, r, core)
        try:
            c.value, c.ambiguous = (float("0." + core), False) if lead else parse_digits(core, r.lex)
        except ValueError:
            c.reason = c.reason or "malformed number"
            out.append(c)
            continue
        if negative:
            c.value = -c.value
        c.end = read_right(c, text, norm, e, r)
        if not math.isfinite(c.value):  # 400 digits, or a scale on a huge number: not a quantity
            c.reason, c.value = c.reason or "too large", 0.0
        if c.reason is None and c.unit == "count" and c.value == int(c.value):
            year = year_of(core, text, s, r, e)
            if year is not None and not (not r.lex.spaces and c.counted and not r.year_suffix.match(text, e)):
                c.reason, c.year = "year", year
                c.end, c.counted = e, None
        if c.reason is None:
            read_left(c, text, r)
        out.append(c)
    return out


class _Spans:
    """Character spans merged into disjoint runs, with membership by bisection: a check per
    candidate against every date of a long text was quadratic (100 KB of dates took minutes)."""

    def __init__(self, spans) -> None:
        runs: list[list[int]] = []
        for a, b in sorted(spans):
            if runs and a <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        self.starts = [a for a, _ in runs]
        self.ends = [b for _, b in runs]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _quantity_after(text: str, pos: int, r: Rules) -> bool:
    """A scale, currency or percent word right after digit groups: "im Jahr 2030 1000 Milliarden
    US-Dollar" is a year and an amount side by side, not a phone number."""
    return any(p.match(text, pos) for p in (r.scale_after, r.currency_after, r.percent_after))


def _minus_word(text: str, start: int, r: Rules) -> bool:
    """A minus word right before the number ("minus 5%", "âm 2,3%", "ติดลบ 1.5%"; `negative_words`)."""
    if not r.negative_words:
        return False
    head = text[max(0, start - 16):start].rstrip().lower()
    for w in r.negative_words:
        if head.endswith(w) and (not r.lex.spaces or len(head) == len(w) or not head[-len(w) - 1].isalnum()):
            # "al menos 20", "pelo menos 100": a bound ending in the minus word is "at least"
            return not r.bound_before.search(text[max(0, start - 40):start])
    return False


def _merge_subunits(cands: list[Candidate], text: str, r: Rules) -> list[Candidate]:
    """Join an amount and its sub-unit into one figure: "20 dollars 43 cents", "2 đô 23 xu",
    "13 euros y 45 céntimos" (lexicon `subunits`: the word and its share of the unit)."""
    if r.subunit_after is None:
        return cands
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev is not None and prev.reason is None and c.reason is None and prev.unit not in (
                "count", "percent", "times") and c.value == int(c.value) and 0 <= c.value < 100:
            between = text[prev.end:c.num_start]
            m = r.subunit_after.match(text, c.num_end)
            if m and (not between.strip() or r.subunit_joiner.fullmatch(between)):
                prev.value += c.value * r.subunits[m.group(1).lower()]
                prev.end, prev.counted = m.end(), None
                continue
        out.append(c)
    return out


def _merge_compounds(cands: list[Candidate], r: Rules, text: str) -> list[Candidate]:
    """Join "1兆" + "500億円", "1조" + "3000억원" and "17조 3,000억 동" (digits and scales, nothing
    or one space between, each scale smaller than the one before) into one figure.

    Where the language counts in myriads (a scale word of 10,000: 万, 만), the small units 十百千 /
    십백천 make a group that the next myriad unit multiplies: "8천3백만" is (8천 + 3백) 만 =
    83,000,000 and "3억8천2백만" is 3억 + (8천 + 2백) 만 = 382,000,000, not 8,000 and 3,000,000."""
    myriad = 1e4 in r.scales.values()
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        gap = text[prev.end:c.num_start] if prev is not None else None
        scale = c.extra.get("scale", 1.0)
        if (prev is not None and prev.reason is None and c.reason is None and (gap == "" or gap == " ")
                and prev.unit == "count" and scale > 1):
            if scale < prev.extra.get("scale", 1.0):
                prev.value += c.value
                prev.end, prev.num_end, prev.unit, prev.counted = c.end, c.num_end, c.unit, c.counted
                if myriad and scale < 1e4:  # "3억" + "8천": 8천 opens a group, "8천" + "2백" adds to it
                    prev.extra["group"] = c.value + (prev.extra.get("group", 0.0) if prev.extra.get("scale", 1.0) < 1e4 else 0.0)
                prev.extra["scale"] = scale
                continue
            if myriad and _myriad_join(prev, c, scale):
                continue
        if myriad and 1 < scale < 1e4:
            c.extra["group"] = c.value  # a group of small units a myriad unit may multiply next
        elif myriad and scale >= 1e4:
            c.extra["myriad"] = _myriad_unit(scale)
        out.append(c)
    return out


def _myriad_unit(scale: float) -> float:
    """The myriad power (10^4, 10^8, 10^12, 10^16) ending a scale: 百万 = 百 x 万 -> 10^4."""
    unit = 1e4
    while unit * 1e4 <= scale:
        unit *= 1e4
    return unit


def _myriad_join(prev: Candidate, c: Candidate, scale: float) -> bool:
    """Join `c` ("3백만") to a `prev` ending in a group of small units ("…8천"): the group and c's
    small part are multiplied together by c's myriad unit. False when the order is not a number's."""
    group, prev_scale = prev.extra.get("group"), prev.extra.get("scale", 1.0)
    if group is None or scale < 1e4 or prev_scale >= 1e4:
        return False
    unit = _myriad_unit(scale)
    small = scale / unit
    if not small < prev_scale or prev.extra.get("myriad", math.inf) <= unit:
        return False
    prev.value += (group + c.value / unit) * unit - group
    prev.end, prev.num_end, prev.unit, prev.counted = c.end, c.num_end, c.unit, c.counted
    prev.extra["scale"], prev.extra["myriad"] = scale, unit
    prev.extra.pop("group", None)
    return True


def _word_candidates(text: str, taken: list[tuple[int, int]], r: Rules) -> list[Candidate]:
    if r.words is None:
        return []
    out: list[Candidate] = []
    fillers = set(r.lex.number_list("fillers"))
    ambiguous = set(r.lex.number_list("ambiguous_alone"))
    standalone = set(r.lex.number_list("standalone"))
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    idioms = [(m.start(), m.end()) for m in r.idioms.finditer(text)] if r.idioms else []
    # a number word inside a percent or currency word is part of that word ("por ciento")
    units = [(m.start(), m.end()) for m in r.unit_words.finditer(text)] if r.unit_words is not None else []
    for m in r.words.finditer(text):
        s, e = m.span()
        if any(a <= s and e <= b for a, b in units):
            continue
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
        if toks[-1][1] == "scales":  # "un milliard": the scale is the numeral's own last word
            c.extra["scale"] = toks[-1][2]
        if _minus_word(text, s, r):  # "minus five percent", "âm hai phần trăm"
            c.value = -c.value
        c.end = read_right(c, text, text, e, r)
        if not math.isfinite(c.value):
            continue
        if not r.lex.spaces and not (c.unit != "count" or c.counted) and (
                len(toks) < 2 or (s and text[s - 1].isalpha()) or (c.end < len(text) and text[c.end].isalpha())):
            continue  # without spaces a number word inside an ordinary word is not a candidate; a
            # numeral of two or more words set apart by punctuation or digits ("、四億、") is
        kinds = {k for _, k, _ in toks}
        if len(toks) == 1 and toks[0][0] in ambiguous:
            c.reason = "ambiguous word"
        elif not kinds & {"units", "values"} and not (not r.lex.spaces and kinds & {"multipliers"}) and not (
                len(toks) == 1 and toks[0][0] in standalone):
            c.reason = "scale word alone"
        elif r.label_before.search(text[max(0, s - 40): s]):
            c.reason = "label or ordinal"
        elif r.rank_after.match(text, e) or superlative_after(text, e, r):
            c.reason = "rank"
        if c.reason is None:
            read_left(c, text, r)
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
        if a.unit != b.unit and not (a.unit == "count" and not a.counted) and not (
                b.unit == "count" and not b.counted and between.strip() in "-–—~〜～"):
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


def scan(text: str, lang: str, source_id: str | None = None, resources: "Resources | str | None" = None) -> pd.DataFrame:
    """Every number-like candidate in `text`, figures and rejects, with a `reason` column
    (null for figures). See :func:`extract_figures` for the columns."""
    return rows_to_frame(_scan_rows(text, lang, source_id, resources))


def _scan_rows(text: str, lang: str, source_id: str | None, resources: "Resources | str | None") -> list[dict]:
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    r = get_rules(lang, resources if isinstance(resources, Resources) else as_resources(resources))
    norm = to_ascii_digits(text)
    boiler = boilerplate_spans(text, r.lex)
    digits = _merge_compounds(_digit_candidates(text, norm, r), r, text)
    taken = [(c.start, c.end) for c in digits]
    cands = _merge_subunits(sorted(digits + _word_candidates(text, taken, r), key=lambda c: c.num_start), text, r)
    denominators = {c.extra["denominator"] for c in cands if "denominator" in c.extra}
    dates = _Spans((m.start(), m.end()) for m in DATES.finditer(norm)
                   if not (m.start() and norm[m.start() - 1] in "0123456789.,/"))
    phones = _Spans((m.start(), m.end()) for m in PHONES.finditer(norm) if not _quantity_after(text, m.end(), r))
    boiler_spans = _Spans((a, b) for a, b, _ in boiler)
    for c in cands:
        hit = "date" if c.num_start in dates else "phone number" if c.num_start in phones else None
        if (hit and c.reason != "year") or hit == "phone number":  # a year inside a date stays a year
            c.reason = hit
        if (c.num_start, c.num_end) in denominators:
            c.reason = "rate denominator"
        elif c.num_start in boiler_spans:
            c.reason = "boilerplate"
    figs = [c for c in cands if c.reason is None]
    _mark_ranges(figs, text, r)
    segs = segment(text, r.lex)
    years = [c for c in cands if c.reason == "year"]
    for a, b in zip(years, years[1:]):
        if r.range_between.match(text[a.num_end: b.num_start]):
            a.extra["year_range"] = b.extra["year_range"] = True
    return assign_context(cands, figs, years, text, segs, r, source_id)


def extract_figures(text: str, lang: str, source_id: str | None = None, resources: "Resources | str | None" = None) -> pd.DataFrame:
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
    return validate_mentions(_figures(scan(text, lang, source_id, resources)))


def _figures(scanned: pd.DataFrame) -> pd.DataFrame:
    return scanned[scanned["reason"].isna()][MENTION_COLUMNS].reset_index(drop=True)


def _scan_one(args: tuple[str, str, str, str | None]) -> list[dict] | str:
    """The article's rows, or (when the rules break on it) the error as a string: one article's
    failure is reported, it does not end the run."""
    text, lang, sid, resources = args
    try:
        return _scan_rows(text, lang, sid, resources)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - any bug met on one article is that article's, named below
        return f"{type(exc).__name__}: {exc}"


def extract_corpus(
    articles: pd.DataFrame,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    resources: "Resources | str | None" = None,
    failures: list[dict] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Extract figures from every article of a corpus table (see :func:`vnict_analysis.corpus.load`).

    Returns ``(mentions, rejected)``. With ``jobs > 1`` articles are spread over processes;
    `progress` is called with the number of articles finished since its last call. An article the
    rules fail on is appended to `failures` as ``{"source_id", "reason"}`` and the others go on
    (without `failures`, the error is raised as ``ExtractionError`` naming the article).
    """
    resources = as_resources(resources)  # resolved once: workers rebuild it from its folder
    work = [(t, l, s, resources) for t, l, s in zip(articles["text"], articles["lang"], articles["source_id"])]
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
    for (_, _, sid, _), part in zip(work, parts):
        if isinstance(part, str):
            if failures is None:
                raise ExtractionError(f"{sid}: figures could not be read: {part}")
            failures.append({"source_id": sid, "reason": f"figures could not be read: {part}"})
    scanned = rows_to_frame([row for part in parts if not isinstance(part, str) for row in part])
    mentions = validate_mentions(_figures(scanned)) if len(scanned) else _figures(scanned)
    rejected = scanned[scanned["reason"].notna()][REJECTED_COLUMNS].reset_index(drop=True)
    return mentions, rejected


def rejected_numbers(text: str, lang: str, source_id: str | None = None, resources: "Resources | str | None" = None) -> pd.DataFrame:
    """The numbers `extract_figures` does not count as figures, each with its reason."""
    df = scan(text, lang, source_id, resources)
    return df[df["reason"].notna()][REJECTED_COLUMNS].reset_index(drop=True)
