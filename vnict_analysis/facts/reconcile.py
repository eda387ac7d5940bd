"""Facts across sources: group mentions of one indicator, entity and period; agree, conflict, rank.

A fact is identified by ``(indicator, entity, period, kind, unit)`` where `kind` is ``target``
for targets and ``level`` otherwise (a target and an actual for the same year are different
facts). Mentions are never deleted: each keeps its value, and gets a `fact_id`, a per-mention
`status` and a Wikidata-like `rank`.
"""
from __future__ import annotations

import math
import re

import pandas as pd

from ..schemas import FACTS, validate

RECONCILED_COLUMNS = ["fact_id", "fact_kind", "status", "rank", "rank_reason"]
FACT_COLUMNS = [
    "fact_id", "indicator", "indicator_name", "entity", "period", "kind", "unit", "value", "value_high", "bound",
    "status",
    "n_sources", "n_copies", "n_mentions", "sources", "langs", "values", "labels", "qualifiers", "bounds",
    "speakers", "label_scopes", "label_differs", "qualifier_differs", "bound_differs", "speaker_differs",
    "preferred_mention", "preferred_source", "rank_rule", "diagnosis",
]
QUALIFIER_RANK = {"actual": 0, "estimate": 1, None: 2, "target": 3}

#: The documented preference when sources conflict, applied in this order.
RANK_RULES = (
    "more sources agreeing",
    "an original over a translation",
    "actual over estimate over unqualified",
    "a later report over an earlier one (`published` in sources.yaml; undated reports last)",
)


BOUND_REACH = 1.25  # "more than X" is consistent with values up to 1.25 X ("less than X": down to X / 1.25)


def interval(value: float, number_text: str, bound: str | None, tolerance: float) -> tuple[float, float]:
    """Values a mention is consistent with: half a unit of its last written digit in base units
    ("147,8 juta" -> 147.8e6 +/- 0.05e6; "about 20%" -> 19.5-20.5), or the relative `tolerance`
    if wider, opened on one side by its bound ("more than 768" -> [768, 960])."""
    digits = re.sub(r"\D", "", str(number_text))
    half = 0.5 * abs(value) / int(digits) if digits and int(digits) else 0.0
    slack = max(half, tolerance * abs(value))
    lo, hi = value - slack, value + slack
    # a bound opens one side, but not without limit: "more than 60%" fits 61%, "more than 1,075
    # billion" does not fit 1,075 trillion (a dropped scale word is a conflict, not a rounding)
    # and not past half a unit of its last non-zero digit: "nearly 158 billion" is 157.5-158
    # billion, not 152 billion; "nearly 500 million" is not 400 million; "over 100 million" may be 125
    nonzero = digits.rstrip("0")
    step = 0.5 * abs(value) / int(nonzero) if nonzero else 0.0
    if bound == "more_than":
        hi = max(hi, min(value * BOUND_REACH, value + step)) if value >= 0 else math.inf
    elif bound == "less_than":
        lo = min(lo, max(value / BOUND_REACH, value - step)) if value >= 0 else -math.inf
    return lo, hi


def hundred_apart(a: float, b: float) -> bool:
    """Two percentages 100 points apart within their rounding: "3.9% above plan" is "103.9% of
    plan" (a different base, not a different fact)."""
    return abs(abs(a - b) - 100) <= 0.051


def power_of_ten_apart(a: float, b: float, within: float = 0.01) -> int:
    """k when one value is the other times 10^k (k >= 1, within `within` relative): a dropped scale
    word; else 0 (also for zero or negative values, whose ratio says nothing about scale)."""
    lo, hi = min(a, b), max(a, b)
    if lo <= 0 or not math.isfinite(hi):
        return 0
    ratio = hi / lo
    k = round(math.log10(ratio))
    return k if k >= 1 and abs(ratio / 10 ** k - 1) < within else 0


def diagnose(values: list[float], periods: list, qualifiers: list, sentences: list[str],
             unit: str | None = None) -> str | None:
    """Why the values of a conflicting fact differ, where one reason fits."""
    vals = sorted({float(v) for v in values if v})
    if len(vals) < 2:
        return None
    lo, hi = vals[0], vals[-1]
    if unit == "percent" and len(vals) == 2 and hundred_apart(lo, hi):
        return "different_base"
    if power_of_ten_apart(lo, hi, within=0.02):
        return "scale_slip"
    ratio = hi / lo if lo else math.inf
    if {"target"} & set(qualifiers) and set(qualifiers) - {"target"}:
        return "target_vs_actual"
    text = " ".join(sentences).lower()
    if re.search(r"constant|giá so sánh|prix constants|precios constantes|konstant|不变价|実質", text):
        return "different_base"
    if ratio < 1.06:
        return "rounding"
    return "unexplained"


def _clusters(group: pd.DataFrame, tolerance: float) -> list[list]:
    """Group mention indices whose intervals all overlap; deterministic whatever the input order.
    The two ends of a range ("10 hingga 15%") stay together as one interval."""
    units: dict = {}
    for idx, row in group.iterrows():
        key = row["range_id"] if isinstance(row.get("range_id"), str) else ("single", row["mention_id"])
        lo, hi = interval(row["value"], row["number_text"], row["bound"], tolerance)
        members, ulo, uhi = units.get(key, ([], math.inf, -math.inf))
        units[key] = (members + [idx], min(lo, ulo), max(hi, uhi))
    ordered = sorted(units.values(), key=lambda u: (u[1], u[2], sorted(group.loc[u[0], "mention_id"])))
    clusters: list[tuple[list, float, float]] = []
    for members, lo, hi in ordered:
        for i, (cm, clo, chi) in enumerate(clusters):
            if lo <= chi and clo <= hi:
                clusters[i] = (cm + members, max(lo, clo), min(hi, chi))
                break
        else:
            clusters.append((members, lo, hi))
    return [c[0] for c in clusters]


def _range_ends(out: pd.DataFrame, idx) -> list[float]:
    rid = out.at[idx, "range_id"]
    if not isinstance(rid, str):
        return [out.at[idx, "value"]]
    return list(out.loc[out["range_id"] == rid, "value"])


def _range_low(out: pd.DataFrame, idx) -> float:
    """A fact's value; for a range ("10 hingga 15%") its lower end."""
    return min(_range_ends(out, idx))


def _range_high(out: pd.DataFrame, idx) -> float | None:
    """The upper end when the fact's preferred mention is a range, else None."""
    ends = _range_ends(out, idx)
    return max(ends) if len(ends) > 1 else None


def fact_key(row: pd.Series) -> str:
    """``indicator|entity|period|kind|unit``; a key given by the evidence links (`link_key`) wins."""
    if isinstance(row.get("link_key"), str):
        return row["link_key"]
    period = "unspecified" if pd.isna(row["period"]) else str(int(row["period"]))
    kind = "target" if row["qualifier"] == "target" else "level"
    return f"{row['indicator']}|{row['entity'] or 'unknown'}|{period}|{kind}|{row['unit']}"


def _key_entity(fid: str, fallback):
    parts = fid.split("|")
    return fallback if len(parts) < 5 or parts[1] in ("", "unknown", "None") else parts[1]


def _key_period(fid: str, fallback):
    parts = fid.split("|")
    return int(parts[2]) if len(parts) >= 5 and parts[2].isdigit() else (None if len(parts) >= 5 else fallback)


def _join(values) -> str:
    return "; ".join(sorted({str(v) for v in values if v is not None and not (isinstance(v, float) and math.isnan(v))}))


def _per_source(group: pd.DataFrame, col: str) -> str:
    parts = []
    for sid, g in group.groupby("source_id", sort=True):
        vals = sorted({str(v) for v in g[col] if v is not None and not (isinstance(v, float) and math.isnan(v))})
        parts.append(f"{sid}: {' / '.join(vals) if vals else '-'}")
    return "; ".join(parts)


def _differs(group: pd.DataFrame, col: str) -> bool:
    """True when sources disagree on `col` (repeats inside one source do not count)."""
    per_source = group.groupby("source_id")[col].apply(lambda s: frozenset(str(v) for v in s))
    return per_source.nunique() > 1


def _published_key(value) -> int:
    """2024-01-16 -> 20240116, 2024 -> 20240000; undated -> 0 (sorts last when negated)."""
    text = str(value) if isinstance(value, str) else ""
    digits = re.sub(r"\D", "", text)
    return int(digits.ljust(8, "0")) if digits else 0


def _preference(row: pd.Series, n_agreeing: int) -> tuple:
    """Sort key of a mention when choosing the preferred value (smaller is preferred), in the order of
    `RANK_RULES`; the mention id breaks ties so the choice never depends on input order."""
    original = 0 if not row.get("translated_from") else 1
    return (-n_agreeing, original, QUALIFIER_RANK.get(row["qualifier"], 2), -_published_key(row.get("published")),
            row["mention_id"])


def reconcile(mentions: pd.DataFrame, tolerance: float = 0.005) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group annotated mentions into facts and judge agreement.

    Parameters
    ----------
    mentions : DataFrame
        Mentions with ``indicator, entity`` (see :func:`vnict_analysis.indicators.annotate`).
        Optional ``translated_from`` (per source) is used for ranking.
    tolerance : float
        Relative difference under which two values are the same, on top of the rounding their
        written precision allows.

    Returns
    -------
    (mentions, facts)
        `mentions` with ``fact_id, fact_kind, status, rank, rank_reason`` added (null fact for
        mentions without an indicator, status ``unassigned``); `facts` one row per fact.
    """
    if tolerance < 0 or not math.isfinite(tolerance):
        raise ValueError("tolerance must be a finite number >= 0")
    out = mentions.copy()
    for col in RECONCILED_COLUMNS:
        out[col] = None
    out["status"] = "unassigned"
    for col in ("translated_from", "published", "label_scope", "range_id", "duplicate_of"):
        if col not in out.columns:
            out[col] = None
    if "link_key" not in out.columns:
        out["link_key"] = None
    assigned = out[out["indicator"].notna() | out["link_key"].notna()]
    keys = assigned.apply(fact_key, axis=1) if len(assigned) else pd.Series(dtype=object)
    facts = []
    members_of = assigned.groupby(keys, sort=True).indices if len(assigned) else {}  # one pass, not a mask per fact
    pref_cols = [c for c in ("translated_from", "qualifier", "published", "mention_id") if c in out.columns]
    pref_rows = out[pref_cols].to_dict("index")
    for fid, positions in members_of.items():
        group = assigned.iloc[positions]
        clusters = _clusters(group, tolerance)
        origin = group["duplicate_of"].where(group["duplicate_of"].notna(), group["source_id"])
        n_src = {i: origin.loc[c].nunique() for i, c in enumerate(clusters)}
        n_sources = origin.nunique()
        status = "single" if n_sources == 1 and len(clusters) == 1 else ("agree" if len(clusters) == 1 else "conflict")
        if status == "agree" and group["value"].max() - group["value"].min() > 1e-9 * max(abs(group["value"]).max(), 1):
            status = "agree_rounded"  # one value within the precision each source wrote ("about 40" vs 39)
        best_idx, best_key = None, None
        for ci, members in enumerate(clusters):
            for idx in members:
                key = _preference(pref_rows[idx], n_src[ci])
                if best_key is None or key < best_key:
                    best_idx, best_key = idx, key
        best_cluster = next(c for c in clusters if best_idx in c)
        for ci, members in enumerate(clusters):
            if status == "conflict":
                st = "agree" if n_src[ci] >= 2 else "conflict"
            else:
                st = status
            for idx in members:
                out.at[idx, "fact_id"] = fid
                out.at[idx, "fact_kind"] = "target" if "|target|" in fid else "level"
                out.at[idx, "status"] = st
                out.at[idx, "rank"] = "preferred" if members is best_cluster else "normal"
                out.at[idx, "rank_reason"] = (
                    "preferred value" if idx == best_idx else
                    ("agrees with the preferred value" if members is best_cluster else "departs from the preferred value")
                )
        best = out.loc[best_idx]
        facts.append({
            # entity and period as the key states them: a mention linked in by evidence may carry another
            # entity ("Vietnam" for a city's figure) and must not move the fact; the name from any member
            "fact_id": fid, "indicator": best["indicator"] if isinstance(best["indicator"], str) else fid.split("|")[0],
            "indicator_name": next((n for n in group["indicator_name"] if isinstance(n, str)), None)
            if "indicator_name" in group else None,
            "entity": _key_entity(fid, best["entity"]), "period": _key_period(fid, best["period"]),
            "kind": out.at[best_idx, "fact_kind"],
            "unit": best["unit"], "value": _range_low(out, best_idx), "value_high": _range_high(out, best_idx),
            "bound": best["bound"], "status": status, "n_sources": n_sources,
            "n_copies": int(group.loc[group["duplicate_of"].notna(), "source_id"].nunique()),
            "n_mentions": len(group), "sources": _join(group["source_id"]), "langs": _join(group["lang"]),
            "values": _join(f"{v:g}" for v in group["value"]),
            "labels": _per_source(group, "label_reported"), "qualifiers": _per_source(group, "qualifier"),
            "bounds": _per_source(group, "bound"),
            "speakers": _per_source(group, "speaker") if "speaker" in group else "",
            "label_scopes": _per_source(group, "label_scope"),
            "label_differs": _differs(group, "label_scope") if group["label_scope"].notna().any() else False, "qualifier_differs": _differs(group, "qualifier"),
            "bound_differs": _differs(group, "bound"),
            "speaker_differs": _differs(group, "speaker") if "speaker" in group else False,
            "preferred_mention": best["mention_id"], "preferred_source": best["source_id"],
            "rank_rule": "; ".join(RANK_RULES),
            "diagnosis": diagnose(list(group["value"]), list(group["period"]), list(group["qualifier"]),
                                  list(group["sentence"]) if "sentence" in group else [],
                                  unit=group["unit"].iloc[0]) if status == "conflict" else None,
        })
    facts_df = pd.DataFrame(facts, columns=FACT_COLUMNS)
    facts_df["period"] = facts_df["period"].astype("Int64")
    facts_df = facts_df.astype({"value": float, "n_sources": int, "n_copies": int, "n_mentions": int})
    return out, validate(facts_df, FACTS)
