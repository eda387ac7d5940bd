"""Arithmetic checks between facts, derived from the relations declared in `indicators.yaml`."""
from __future__ import annotations

import math

import pandas as pd

from .indicators import Indicators
from ..schemas import CHECKS, validate

#: Checks where a figure is a percentage of a whole: (the whole, how the implied whole is named).
_PART_OF = {"plan_fulfilment": ("plan", "a plan of"), "share_vs_total": ("GRDP", "GRDP of")}
#: An increase of "more than" X leaves a previous level of "less than" the difference.
_OPPOSITE = {"more than ": "less than ", "less than ": "more than "}
CHECK_COLUMNS = ["check_id", "kind", "entity", "period", "inputs", "expected", "observed", "unit",
                 "tolerance", "passed", "explanation"]


def _num(value: float, decimals: int = 2) -> str:
    """1234.5 -> "1,234.5"; 8.10 -> "8.1"; 9073.0 -> "9,073" (at most `decimals`, no trailing zeros)."""
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fmt(value: float, unit: str) -> str:
    """A value for a sentence: 36571e9 VND -> "36,571 billion VND", 8.1 percent -> "8.1%"."""
    if unit == "percent":
        return f"{_num(value)}%"
    if unit == "count":
        return _num(value, 0)
    for scale, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{_num(value / scale)} {word} {unit}"
    return f"{_num(value)} {unit}"


def _sig_digits(value: float) -> int:
    """Significant digits a reported value was written with: 36571e9 -> 5, 8.1 -> 2, 1.081 -> 4."""
    mantissa = f"{abs(float(value)):.12g}".split("e")[0].replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(mantissa))


def round_sig(value: float, digits: int) -> float:
    """`value` rounded to `digits` significant digits: 33830.71, 4 -> 33830.0."""
    return float(f"{value:.{digits}g}")


def _implied(value: float, unit: str, *inputs: float) -> str:
    """An implied amount written with no more precision than its inputs (the fewest significant
    digits among them, growth rates counted as factors: 8.1% as 1.081): 36,571 billion / 1.081 ->
    "33,830 billion VND", not "33,830.71"."""
    if not value or not math.isfinite(value):
        return _fmt(value, unit)
    return _fmt(round_sig(value, min(_sig_digits(v) for v in inputs)), unit)


def _compare(expected: float, observed: float | None, tolerance: float) -> bool | None:
    if observed is None or (isinstance(observed, float) and math.isnan(observed)):
        return None
    return abs(expected - observed) <= tolerance * max(abs(expected), abs(observed))


class _Facts:
    """Facts indexed by (indicator, entity, period, kind)."""

    def __init__(self, facts: pd.DataFrame):
        self.rows = {
            (r.indicator, r.entity, None if pd.isna(r.period) else int(r.period), r.kind): r
            for r in facts.itertuples()
        }

    def get(self, indicator, entity, period, kind="level"):
        return self.rows.get((indicator, entity, period, kind))


def run_checks(facts: pd.DataFrame, indicators: Indicators, tolerance: float = 0.01) -> pd.DataFrame:
    """One row per arithmetic check between facts (see module docstring of each kind below).

    Kinds: ``level_growth`` (a level and its growth imply the previous period's level),
    ``target_vs_base`` (a target over the previous level implies a growth), ``growth_target``
    (a growth target on a base implies the target level), ``plan_fulfilment`` (a level that is
    p% of plan implies the plan), ``increment_vs_growth`` (an increase on a level implies a
    growth), ``share_vs_total`` (a level that is s% of GRDP implies GRDP), ``cross_source``
    (sources reporting the same share or growth agree). `expected` is what the arithmetic
    implies, `observed` a reported fact to compare it with (null when none is reported, and then
    `passed` is null too).
    """
    if tolerance < 0:
        raise ValueError("tolerance must be >= 0")
    idx = _Facts(facts)
    rows: list[dict] = []

    def add(kind, f, inputs, expected, observed, unit, explanation):
        rows.append({
            "check_id": f"{kind}|{f.entity}|{f.period}|{'+'.join(inputs)}", "kind": kind, "entity": f.entity,
            "period": f.period, "inputs": "; ".join(inputs), "expected": expected, "observed": observed,
            "unit": unit, "tolerance": tolerance, "passed": _compare(expected, observed, tolerance),
            "explanation": explanation,
        })

    for f in facts.itertuples():
        if pd.isna(f.period) and f.kind == "level" and f.n_sources < 2:
            continue
        base, rel = indicators.split(f.indicator)
        p = None if pd.isna(f.period) else int(f.period)
        check = (indicators.relations.get(rel) or {}).get("check") if rel else None
        level = idx.get(base, f.entity, p, f.kind) if rel else None
        if check == "level_growth" and f.kind == "level" and level is not None and p is not None:
            implied = level.value / (1 + f.value / 100)
            prev = idx.get(base, f.entity, p - 1)
            add("level_growth", f, [level.fact_id, f.fact_id], implied, prev.value if prev is not None else None,
                level.unit, f"{_fmt(level.value, level.unit)} in {p} after growth of {_fmt(f.value, 'percent')} "
                f"implies {_implied(implied, level.unit, level.value, 1 + f.value / 100)} in {p - 1}"
                + ("" if prev is not None else f"; no {p - 1} figure is reported to compare"))
        if check == "level_growth" and f.kind == "target" and p is not None:
            base_prev = idx.get(base, f.entity, p - 1)
            if base_prev is not None:
                implied = base_prev.value * (1 + f.value / 100)
                tgt = idx.get(base, f.entity, p, "target")
                add("growth_target", f, [base_prev.fact_id, f.fact_id], implied,
                    tgt.value if tgt is not None else None, base_prev.unit,
                    f"a target of +{_fmt(f.value, 'percent')} on {_fmt(base_prev.value, base_prev.unit)} ({p - 1}) "
                    f"implies {_implied(implied, base_prev.unit, base_prev.value, 1 + f.value / 100)} in {p}")
        if rel is None and f.kind == "target" and p is not None:
            base_prev = idx.get(f.indicator, f.entity, p - 1)
            if base_prev is not None:
                implied = (f.value / base_prev.value - 1) * 100
                g = idx.get(f"{f.indicator}_growth", f.entity, p, "target")
                add("target_vs_base", f, [base_prev.fact_id, f.fact_id], implied, g.value if g is not None else None,
                    "percent", f"a {p} target of {_fmt(f.value, f.unit)} over {_fmt(base_prev.value, base_prev.unit)} "
                    f"in {p - 1} is growth of {_fmt(implied, 'percent')}")
        if check in _PART_OF and level is not None:  # a level that is p% of a whole implies the whole
            implied = level.value / (f.value / 100)
            whole, implied_words = _PART_OF[check]
            add(check, f, [level.fact_id, f.fact_id], implied, None, level.unit,
                f"{_fmt(level.value, level.unit)} being {_fmt(f.value, 'percent')} of {whole} implies "
                f"{implied_words} {_implied(implied, level.unit, level.value, f.value)}")
        if check == "increment_vs_growth" and level is not None and level.value != f.value:
            implied = f.value / (level.value - f.value) * 100
            g = idx.get(f"{base}_growth", f.entity, p, f.kind)
            word = "more than " if f.bound == "more_than" else ("less than " if f.bound == "less_than" else "")
            add("increment_vs_growth", f, [level.fact_id, f.fact_id], implied, g.value if g is not None else None,
                "percent", f"an increase of {word}{_fmt(f.value, f.unit)} to {_fmt(level.value, level.unit)} is growth "
                f"of {word}{_fmt(implied, 'percent')} (previous level {_OPPOSITE.get(word, '')}"
                f"{_fmt(level.value - f.value, level.unit)})")
        if f.unit == "percent" and f.n_sources >= 2:
            vals = [float(v) for v in str(f.values).split("; ")]
            spread = max(vals) - min(vals)
            rows.append({
                "check_id": f"cross_source|{f.fact_id}", "kind": "cross_source", "entity": f.entity, "period": f.period,
                "inputs": f.fact_id, "expected": f.value, "observed": max(vals, key=lambda v: abs(v - f.value)),
                "unit": "percent", "tolerance": tolerance, "passed": f.status != "conflict",
                "explanation": f"{f.n_sources} sources report {f.values.replace('; ', ', ')}: "
                               + ("they agree" if f.status != "conflict" else f"they differ by {spread:g} points"),
            })
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    out["period"] = out["period"].astype("Int64")
    out = out.astype({"expected": float, "observed": float, "tolerance": float})
    out = out.drop_duplicates("check_id").reset_index(drop=True)
    out["passed"] = out["passed"].astype(object)  # true / false / null, whatever the checks happen to be
    return validate(out, CHECKS)
