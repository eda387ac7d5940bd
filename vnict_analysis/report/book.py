"""The book's tables and glue: reader-facing tables with provenance links, and `glue_all` for
myst-nb. Formatting helpers are in :mod:`.format`, charts in :mod:`.charts`, prose in :mod:`.story`."""
from __future__ import annotations

import html
from typing import Any, Iterable, Mapping

import pandas as pd

from .format import _missing, fmt_value, language_name, mention_link, source_link


# ---------------------------------------------------------------- glue
class Plain(str):
    """A string displayed without quotes, so ``{glue:text}`` pastes it as prose."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's plain-text formatter
        p.text(str(self))


def glue_all(values: Mapping[str, Any]) -> None:
    """Glue each value under its key (strings as :class:`Plain`, so they read as prose), without display."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from myst_nb import glue

    for key, val in values.items():
        glue(key, Plain(val) if isinstance(val, str) else val, display=False)
        if isinstance(val, Figure):
            plt.close(val)  # shown where the page pastes it, not again under the cell


def to_html(table: pd.DataFrame, html_columns: Iterable[str] = ()) -> Any:
    """Render a table for the page: every cell HTML-escaped except `html_columns` (built by this module)."""
    from IPython.display import HTML

    html_columns = set(html_columns)
    shown = table.copy()
    for col in shown.columns:
        if col not in html_columns:
            shown[col] = shown[col].map(lambda v: html.escape("—" if _missing(v) else str(v)))
    body = shown.to_html(index=False, escape=False, classes="va-table", border=0)
    return HTML(f'<div class="va-table-wrap" style="overflow-x:auto;font-size:.85em">{body}</div>')


def corpus_table(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per article: language declared and detected, outlet, length, translated-from, figures."""
    from ..corpus import detect_language

    n_fig = mentions.groupby("source_id").size()
    rows = []
    for a in articles.itertuples():
        detected, prob = detect_language(a.text)
        rows.append({
            "source": source_link(a.source_id), "language": language_name(a.lang),
            "language from": a.lang_source, "detected": f"{language_name(detected)} ({prob:.2f})",
            "outlet": a.outlet, "characters": f"{a.n_chars:,}",
            "translated from": language_name(a.translated_from) if not _missing(a.translated_from) else "—",
            "figures": int(n_fig.get(a.source_id, 0)),
            "detected_matches": detected == a.lang,
        })
    return pd.DataFrame(rows)


def figures_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Figures per source and language, with how many were assigned to a fact."""
    if mentions.empty:
        return pd.DataFrame(columns=["source", "language", "figures", "in a fact", "unassigned"])
    g = mentions.assign(assigned=mentions["fact_id"].notna()).groupby(["source_id", "lang"])
    out = g.agg(figures=("mention_id", "size"), assigned=("assigned", "sum")).reset_index()
    return pd.DataFrame({
        "source": out["source_id"].map(source_link), "language": out["lang"].map(language_name),
        "figures": out["figures"], "in a fact": out["assigned"], "unassigned": out["figures"] - out["assigned"],
    })


def mentions_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every mention as a reader row: link to its sentence, text as written, value, unit, period, qualifier."""
    return pd.DataFrame({
        "mention": [mention_link(m) for m in mentions["mention_id"]],
        "language": mentions["lang"].map(language_name),
        "as written": mentions["raw"],
        "value": [fmt_value(v, u, b) for v, u, b in zip(mentions["value"], mentions["unit"], mentions["bound"])],
        "period": mentions["period"].astype("string").fillna("—"),
        "qualifier": mentions["qualifier"].fillna("—"),
        "indicator": mentions["indicator_name"].fillna("—"),
    })


def rejected_table(rejected: pd.DataFrame) -> pd.DataFrame:
    """Numbers that are not figures, counted by reason, with an example as written."""
    if rejected.empty:
        return pd.DataFrame(columns=["reason", "numbers", "example"])
    g = rejected.groupby("reason")
    out = pd.DataFrame({"numbers": g.size(), "example": g["raw"].first()}).reset_index()
    return out.sort_values(["numbers", "reason"], ascending=[False, True])


def facts_table(facts: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per fact with the value for readers and a provenance link for every mention."""
    links = mentions.dropna(subset=["fact_id"]).groupby("fact_id")["mention_id"].apply(
        lambda ids: " ".join(mention_link(i, i.replace(":", " ")) for i in ids))
    return pd.DataFrame({
        "fact": facts["indicator_name"],
        "entity": facts["entity"],
        "period": facts["period"].astype("string").fillna("—"),
        "kind": facts["kind"],
        "value": [fmt_value(v, u, b) for v, u, b in zip(facts["value"], facts["unit"], facts["bound"])],
        "status": facts["status"],
        "sources": facts["n_sources"],
        "mentions": facts["fact_id"].map(links).fillna(""),
    })


def fact_mentions_table(mentions: pd.DataFrame, fact_id: str) -> pd.DataFrame:
    """The mentions behind one fact: source, language, label, qualifier, who is credited, link."""
    m = mentions[mentions["fact_id"] == fact_id]
    speaker = [s if _missing(t) else f"{s} ({t})" for s, t in zip(m["speaker"].fillna("—"), m["speaker_title"])]
    return pd.DataFrame({
        "mention": [mention_link(i, i.replace(":", " ")) for i in m["mention_id"]],
        "language": m["lang"].map(language_name), "as written": m["raw"],
        "label": m["label_reported"].fillna("—"), "scope": m["label_scope"].fillna("—"),
        "qualifier": m["qualifier"].fillna("—"), "credited to": speaker, "rank": m["rank"].fillna("—"),
    })


def checks_table(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per check: kind, implied and reported values for readers, verdict, explanation."""
    verdict = {True: "holds", False: "does not hold"}
    return pd.DataFrame({
        "check": checks["kind"].str.replace("_", " "),
        "implied": [fmt_value(v, u) for v, u in zip(checks["expected"], checks["unit"])],
        "reported": [fmt_value(v, u) for v, u in zip(checks["observed"], checks["unit"])],
        "verdict": [verdict.get(p, "nothing reported to compare") if not _missing(p) else "nothing reported to compare"
                    for p in checks["passed"]],
        "explanation": checks["explanation"],
    })


def findings_table(findings: pd.DataFrame, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Findings with their evidence sentences, one sentence per line (HTML, escaped)."""
    f = findings if kinds is None else findings[findings["kind"].isin(list(kinds))]
    evidence = ["<br>".join(f"<q>{html.escape(s)}</q>" for s in str(e).split(" || ")) for e in f["evidence"]]
    return pd.DataFrame({
        "finding": f["finding_id"], "kind": f["kind"].str.replace("_", " "), "subject": f["subject"],
        "detail": f["detail"], "sources": [" ".join(source_link(s) for s in str(x).split(";")) for x in f["source_ids"]],
        "evidence": evidence,
    })


def attributions_table(attributions: pd.DataFrame) -> pd.DataFrame:
    """People credited in the articles: name, title and body (as written and resolved), level."""
    a = attributions
    return pd.DataFrame({
        "source": a["source_id"].map(source_link), "person": a["person"], "title": a["title"].fillna("—"),
        "title as written": a["title_surface"].fillna("—"), "organisation": a["organisation"].fillna("—"),
        "as written": a["organisation_surface"].fillna("—"), "level": a["org_level"].fillna("—"),
        "rendered as": a["rendered_level"].fillna("—"),
    })
