"""Reader strings for the book's prose: the headline fact and its framing, per-chapter summaries,
and the extraction-quality section. Every string is computed from the tables, never typed."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .format import _missing, count, fmt_value, join_words, language_name


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
