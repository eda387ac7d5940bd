"""Helpers for the book's notebooks: reader-facing formatting, glue, and tables with provenance
links. Charts live in :mod:`vnict_analysis.charts`, the sources page in
:mod:`vnict_analysis.sources_page` and the prose strings in :mod:`vnict_analysis.story`; all are
re-exported here so a notebook needs one import."""
from __future__ import annotations

import html
import re
from typing import Any, Iterable, Mapping

import pandas as pd

from ..facts.checks import _fmt

SOURCES_PAGE = "sources.html"
_UNIT_WORDS = {"per_1000": "per 1,000 inhabitants", "times": "times", "count": ""}
_SCALES = {"VND": (1e9, "billion VND"), "USD": (1e6, "million USD")}


# ---------------------------------------------------------------- formatting for readers
def fmt_value(value: Any, unit: str | None, bound: str | None = None) -> str:
    """A value as a reader sees it: ``36571e9, "VND"`` -> ``"36,571 billion VND"``, ``8.1, "percent"`` -> ``"8.1%"``.

    Wraps :func:`vnict_analysis.checks._fmt` (one formatter for the whole project), spells units such as ``per_1000`` and prefixes a bound ("about", "more than").
    Missing values give an em dash.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "—"
    unit = unit or ""
    text = _fmt(float(value), unit if unit in ("percent", "count") or unit in _SCALES else "")
    text = text.strip()
    if unit and unit not in ("percent", "count") and unit not in _SCALES:
        text = f"{text} {_UNIT_WORDS.get(unit, unit)}".strip()
    words = {"about": "about ", "more_than": "more than ", "less_than": "less than "}
    return words.get(bound or "", "") + text


def language_name(code: str | None) -> str:
    """English name of a language code via Babel's CLDR data (``"th"`` -> ``"Thai"``)."""
    if not code or (isinstance(code, float) and pd.isna(code)):
        return "—"
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(str(code)).get_display_name("en") or str(code)
    except (ValueError, UnknownLocaleError):
        return str(code)


def join_words(items: Iterable[str]) -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``; empty gives ``"none"``."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``count(2, "source")`` -> ``"2 sources"``."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


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


# ---------------------------------------------------------------- provenance links and tables
def anchor(key: str, prefix: str = "m") -> str:
    """An HTML id for a mention or source id, safe in URLs: ``"000_x:m002"`` -> ``"m-000_x-m002"``."""
    return f"{prefix}-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(key))


def mention_link(mention_id: str, text: str | None = None, page: str = SOURCES_PAGE) -> str:
    """An HTML link from a table cell to the mention's highlighted span on the sources page."""
    label = html.escape(text if text is not None else str(mention_id).split(":")[-1])
    return f'<a class="va-prov" href="{page}#{anchor(mention_id)}">{label}</a>'


def source_link(source_id: str, page: str = SOURCES_PAGE) -> str:
    """An HTML link to an article on the sources page."""
    return f'<a class="va-prov" href="{page}#{anchor(source_id, "src")}">{html.escape(str(source_id))}</a>'


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


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v))


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


# re-exported for the notebooks (imported last: those modules use the helpers above)
from .charts import chart_checks, chart_corpus, chart_fact_values, chart_figures  # noqa: E402
from .sources_page import highlight_article, sources_page, write_sources_page  # noqa: E402
from .story import (  # noqa: E402
    attribution_summary, checks_summary, corpus_summary, fact_story, figures_summary, headline_fact, params_text,
    quality_summary, quality_table_for_readers, select_facts,
)
