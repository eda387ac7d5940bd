"""Helpers for the book's notebooks: reader-facing formatting, glue, tables with provenance links
and summaries. Charts live in :mod:`vnict_analysis.charts` and the sources page in
:mod:`vnict_analysis.sources_page`; both are re-exported here so notebooks need one import."""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd

from .checks import _fmt

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
    from .corpus import detect_language

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


# ---------------------------------------------------------------- the story in numbers
def select_facts(facts: pd.DataFrame, entity: str | None = None, period: int | None = None) -> pd.DataFrame:
    """Facts about `entity` (all when None) in `period` (all when None)."""
    keep = pd.Series(True, index=facts.index)
    if entity is not None:
        keep &= facts["entity"] == entity
    if period is not None:
        keep &= facts["period"].astype("Int64") == int(period)
    return facts[keep.fillna(False).astype(bool)]


def headline_fact(facts: pd.DataFrame, entity: str, period: int | None) -> pd.Series | None:
    """The entity's best-attested level fact in the period: most sources, then most mentions."""
    f = select_facts(facts, entity, period)
    f = f[(f["kind"] == "level") & (f["unit"] != "percent")]
    if f.empty:
        return None
    return f.sort_values(["n_sources", "n_mentions", "fact_id"], ascending=[False, False, True]).iloc[0]


def _framing(fact: pd.Series | None) -> dict[str, str]:
    """The sentences around the headline's labels and qualifiers, true to how many sources there
    are and to what differs between them."""
    keep = "the table keeps every mention, each linked to its sentence."
    if fact is None or int(fact["n_sources"]) < 2:
        return {"framing_intro": "Only one source reports it, so there is nothing to compare it with.",
                "framing_close": keep[0].upper() + keep[1:]}
    differs = any(bool(fact[f"{k}_differs"]) for k in ("label", "qualifier", "speaker"))
    values = "The values differ" if fact["status"] == "conflict" else "The values agree"
    if differs:
        return {"framing_intro": "The sources do not describe it in the same words.",
                "framing_close": f"{values}, the framing does not: {keep}"}
    return {"framing_intro": "The sources describe it alike.", "framing_close": f"{values} and so does the framing: {keep}"}


def fact_story(facts: pd.DataFrame, mentions: pd.DataFrame, entity: str, period: int | None) -> dict[str, str]:
    """Reader strings for the reconciliation page: the headline fact, its growth, sources, labels,
    qualifiers (reached vs expected) and who is credited; counts of agreements, conflicts, singles."""
    f = select_facts(facts, entity)
    out = {"n_facts": f"{len(f):,}", "n_agree": f"{(f['status'] == 'agree').sum():,}",
           "n_conflict": f"{(f['status'] == 'conflict').sum():,}", "n_single": f"{(f['status'] == 'single').sum():,}"}
    h = headline_fact(facts, entity, period)
    if h is None:
        return out | _framing(None) | {"headline": "no figure", "headline_name": "no level fact", "growth": "not reported",
                      "headline_sources": "no source", "headline_langs": "no language", "headline_mentions": "0",
                      "headline_labels": "none", "headline_qualifiers": "none", "headline_speakers": "nobody",
                      "headline_fact_id": ""}
    m = mentions[mentions["fact_id"] == h["fact_id"]]
    g = facts[(facts["indicator"] == f"{h['indicator']}_growth") & (facts["entity"] == entity)
              & (facts["period"].astype("Int64") == h["period"]) & (facts["kind"] == h["kind"])]
    quals = [f"{q} in {language_name(lang)}" for (lang, q), _ in m.groupby(["lang", m["qualifier"].fillna("unqualified")])]
    labels = [f"“{lab}”" + ("" if scope == "—" else f" ({scope})") for lab, scope in
              m[["label_reported", "label_scope"]].fillna("—").drop_duplicates().itertuples(index=False)]
    speakers = m.dropna(subset=["speaker"]).drop_duplicates("speaker")
    return out | _framing(h) | {
        "headline": fmt_value(h["value"], h["unit"], h["bound"]), "headline_name": str(h["indicator_name"]),
        "headline_fact_id": str(h["fact_id"]),
        "growth": fmt_value(g.iloc[0]["value"], "percent") if len(g) else "not reported",
        "headline_sources": count(int(h["n_sources"]), "source"), "headline_mentions": count(len(m), "mention"),
        "headline_langs": join_words(sorted({language_name(x) for x in m["lang"]})),
        "headline_labels": join_words(labels), "headline_qualifiers": join_words(quals),
        "headline_speakers": join_words(s.speaker if _missing(s.speaker_title) else f"{s.speaker}, {s.speaker_title}"
                                        for s in speakers.itertuples()),
    }


def params_text(entity: str, period: int | None, languages: Iterable[str] | None, tolerance: float) -> str:
    """The parameters a page was built with, as a phrase (no paths)."""
    langs = "all languages" if languages is None else join_words(language_name(x) for x in languages)
    return (f"entity {entity}, period {'any' if period is None else period}, {langs}, "
            f"tolerance {tolerance:.1%}".replace(".0%", "%"))


def corpus_summary(articles: pd.DataFrame, skipped: pd.DataFrame, corpus: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the corpus page: counts by language, translations, detection, skipped files."""
    by_lang = articles["lang"].map(language_name).value_counts()
    n_tr = int(articles["translated_from"].notna().sum())
    n_match = int(corpus["detected_matches"].sum()) if len(corpus) else 0
    skipped_names = [f"{Path(p).name} ({r})" for p, r in zip(skipped["path"], skipped["reason"])]
    return {
        "n_articles": count(len(articles), "article"), "n_languages": count(len(by_lang), "language"),
        "lang_breakdown": join_words(f"{n} in {lang}" for lang, n in by_lang.items()),
        "n_translated": count(n_tr, "article"), "n_originals": count(len(articles) - n_tr, "article"),
        "n_chars": f"{int(articles['n_chars'].sum()):,}",
        "detect_agree": "every article" if n_match == len(articles) else f"{n_match} of {len(articles)} articles",
        "skipped_text": ("No file was skipped." if skipped.empty else
                         f"{count(len(skipped), 'file')} could not be read and are listed here, not dropped: "
                         + join_words(skipped_names) + "."),
    }


def figures_summary(mentions: pd.DataFrame, rejected: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the figures page: how many figures, assigned, rejected and why."""
    reasons = rejected["reason"].value_counts()
    assigned = int(mentions["fact_id"].notna().sum())
    return {
        "n_mentions": count(len(mentions), "figure"), "n_assigned": count(assigned, "figure"),
        "n_unassigned": count(len(mentions) - assigned, "figure"),
        "n_rejected": count(len(rejected), "number"),
        "top_reasons": join_words(f"{r} ({n})" for r, n in reasons.head(3).items()),
        "n_qualified": count(int(mentions["qualifier"].notna().sum()), "figure"),
        "n_bounded": count(int(mentions["bound"].notna().sum()), "figure"),
    }


def checks_summary(checks: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the checks page: how many checks hold, fail or have nothing to compare."""
    passed = checks["passed"].map(lambda p: None if _missing(p) else bool(p))
    first = checks[passed.isna()].head(1)
    return {
        "n_checks": count(len(checks), "check"), "n_hold": count(int((passed == True).sum()), "check"),  # noqa: E712
        "n_fail": count(int((passed == False).sum()), "check"),  # noqa: E712
        "n_open": count(int(passed.isna().sum()), "check"),
        "example_implied": str(first["explanation"].iloc[0]) if len(first) else "no check lacks a comparison",
        "failures": join_words(checks.loc[passed == False, "explanation"]) if (passed == False).any()  # noqa: E712
        else "none",
    }


def attribution_summary(attributions: pd.DataFrame, findings: pd.DataFrame, entity: str) -> dict[str, str]:
    """Reader strings for the attributions page: people, bodies, and the findings about the entity."""
    def first(kind: str) -> pd.DataFrame:
        f = findings[findings["kind"] == kind]
        own = f[f["subject"].str.contains(entity, regex=False)]
        return own if len(own) else f

    rendered, split = first("rendered_level"), first("title_split")
    split = split[~split["subject"].str.contains("|", regex=False)]  # people, not per-fact credits
    return {
        "n_people": count(attributions["person"].nunique(), "person", "people"),
        "n_attributions": count(len(attributions), "attribution"),
        "n_orgs": count(attributions["organisation"].nunique(), "body", "bodies"),
        "n_findings": count(len(findings), "finding"),
        "n_rendered": count(int((findings["kind"] == "rendered_level").sum()), "finding"),
        "rendered_detail": join_words(rendered["detail"]) if len(rendered) else "no rendering finding",
        "n_split": count(int((findings["kind"] == "title_split").sum()), "finding"),
        "split_detail": (f"{split['subject'].iloc[0]}: {split['detail'].iloc[0]}" if len(split)
                         else "no title split found"),
        "n_office": count(int((findings["kind"] == "office_holder").sum()), "finding"),
    }



def quality_summary(table: pd.DataFrame) -> dict[str, str]:
    """Reader strings for the extraction-quality section, from :func:`vnict_analysis.evaluate.quality_table`."""
    seed = table[table["set"] == "seed"]
    unseen = table[table["set"] != "seed"]
    if seed.empty and unseen.empty:
        return {"seed_scores": "not measured (no reference files)", "unseen_scores": "not measured",
                "n_unseen_articles": "no article", "weakest": "—"}
    def span(col: str) -> str:
        lo, hi = unseen[col].min(), unseen[col].max()
        return f"{lo:.2f}" if round(lo, 2) == round(hi, 2) else f"{lo:.2f}–{hi:.2f}"
    attrs = ["period", "qualifier", "bound"]
    weakest = min(attrs, key=lambda a: unseen[a].mean()) if len(unseen) else "—"
    return {
        "seed_scores": (f"recall {seed['recall'].iloc[0]:.2f} and precision {seed['precision'].iloc[0]:.2f}"
                        if len(seed) else "not measured"),
        "unseen_scores": f"recall {span('recall')} and precision {span('precision')}" if len(unseen) else "not measured",
        "n_unseen_articles": count(int(unseen["articles"].sum()), "article"),
        "weakest": weakest,
    }


def quality_table_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The quality table with readable names and two decimals."""
    out = table.copy()
    for col in ("recall", "precision", "period", "qualifier", "bound"):
        out[col] = out[col].map(lambda v: f"{v:.2f}")
    return out.rename(columns={"set": "reference set", "figures": "figures in the reference",
                               "period": "period agrees", "qualifier": "qualifier agrees", "bound": "bound agrees"})


# re-exported for the notebooks (imported last: those modules use the helpers above)
from .charts import chart_checks, chart_corpus, chart_fact_values, chart_figures  # noqa: E402
from .sources_page import highlight_article, sources_page, write_sources_page  # noqa: E402
