"""Score reconciliation against a cluster reference written by reading the articles
(``tests/fixtures/clusters/<set>/reference.yaml``): which cross-source agreements, roundings and
conflicts the facts table reproduces, and which different facts it wrongly merges."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pandas as pd
import yaml

from .evaluate import locate


@dataclass
class LinkScore:
    """Pairs of sources that should share a fact (agreements, roundings, conflicts) and pairs that must not."""

    agree: list = field(default_factory=list)        # (fact, a, b, found)
    rounded: list = field(default_factory=list)      # (fact, a, b, found, status ok)
    conflicts: list = field(default_factory=list)    # (fact, a, b, linked, flagged)
    different: list = field(default_factory=list)    # (why, merged)
    unmatched: list = field(default_factory=list)    # reference mentions with no extracted mention

    def summary(self) -> dict[str, str]:
        def frac(rows, i):
            return f"{sum(1 for r in rows if r[i])}/{len(rows)}"
        return {"agreements found": frac(self.agree + self.rounded, 3),
                "roundings recognised": frac(self.rounded, 4),
                "conflicts linked": frac(self.conflicts, 3), "conflicts flagged": frac(self.conflicts, 4),
                "different facts merged": frac(self.different, 1),
                "reference mentions not extracted": str(len(self.unmatched))}


def _match(mentions: pd.DataFrame, texts: dict[str, str], ref: dict) -> str | None:
    """The extracted mention for a reference mention: the one overlapping its text inside its context."""
    sid = ref["source"]
    if sid not in texts:
        return None
    try:
        s, e = locate(texts[sid], ref["context"], ref["text"])
    except ValueError:
        return None
    cand = mentions[(mentions["source_id"] == sid) & (mentions["start"] < e) & (mentions["end"] > s)]
    if cand.empty:
        return None
    if len(cand) > 1 and ref.get("value") is not None:
        best = (cand["value"] - float(ref["value"])).abs().idxmin()
        return str(cand.loc[best, "mention_id"])
    return str(cand.iloc[0]["mention_id"])


def score_links(reference: dict, articles: pd.DataFrame, mentions: pd.DataFrame,
                facts: pd.DataFrame | None = None) -> LinkScore:
    """Compare a reconciled mentions table (with `fact_id`, `status`) with a cluster reference; a
    conflict is flagged when the fact both mentions are in has status ``conflict`` (from `facts`,
    else from the mentions' own statuses)."""
    fact_status = dict(zip(facts["fact_id"], facts["status"])) if facts is not None else {}
    texts = dict(zip(articles["source_id"], articles["text"]))
    by_id = mentions.set_index("mention_id")
    score = LinkScore()

    def fact_of(mid):
        return by_id.loc[mid, "fact_id"] if mid is not None and mid in by_id.index else None

    def status_of(mid):
        return by_id.loc[mid, "status"] if mid is not None and mid in by_id.index else None

    for fact in reference.get("facts") or []:
        per_source: dict[str, list] = {}
        for ref in fact["mentions"]:
            mid = _match(mentions, texts, ref)
            if mid is None:
                score.unmatched.append((fact["id"], ref["source"], ref["text"]))
            per_source.setdefault(ref["source"], []).append(mid)
        for a, b in combinations(sorted(per_source), 2):
            fa = {fact_of(m) for m in per_source[a]} - {None}
            fb = {fact_of(m) for m in per_source[b]} - {None}
            shared = fa & fb
            linked = bool(shared)
            statuses = {status_of(m) for m in per_source[a] + per_source[b] if fact_of(m) in shared}
            fact_statuses = statuses | {fact_status[f] for f in shared if f in fact_status}
            if fact["status"] == "agree":
                score.agree.append((fact["id"], a, b, linked))
            elif fact["status"] == "agree_rounded":
                score.rounded.append((fact["id"], a, b, linked, linked and "conflict" not in statuses))
            elif fact["status"] == "conflict":
                va = {round(float(r["value"]), 6) for r in fact["mentions"] if r["source"] == a}
                vb = {round(float(r["value"]), 6) for r in fact["mentions"] if r["source"] == b}
                if va == vb:  # two sources on the same side of the conflict agree with each other
                    score.agree.append((fact["id"], a, b, linked))
                else:
                    score.conflicts.append((fact["id"], a, b, linked, linked and "conflict" in fact_statuses))
    for pair in reference.get("different_facts") or []:
        ma, mb = _match(mentions, texts, pair["a"]), _match(mentions, texts, pair["b"])
        merged = ma is not None and mb is not None and fact_of(ma) is not None and fact_of(ma) == fact_of(mb)
        score.different.append((pair.get("why", ""), merged))
    return score


def score_cluster_folder(folder: str | Path, **run_kw) -> tuple[LinkScore, object]:
    """Run the pipeline on a cluster folder (its own ``sources.yaml``) and score it against its
    ``reference.yaml``; returns the score and the `Results`."""
    from .pipeline import run

    folder = Path(folder)
    reference = yaml.safe_load((folder / "reference.yaml").read_text(encoding="utf-8"))
    res = run([folder], **run_kw)
    return score_links(reference, res.articles, res.mentions, res.facts), res
