"""Credits and discrepancies: which figures each official is credited with, and where sources disagree
about who holds an office, with what title, at what level."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..resources import Resources, as_resources
from ..text.lexicon import load_lexicon
from .registry import load_registry
from .roles import load_terms, person_candidates
from ..schemas import FINDINGS, validate
from ..text.segment import boilerplate_spans, segment

FINDING_COLUMNS = ["finding_id", "kind", "subject", "detail", "source_ids", "evidence"]
LOCAL_LEVELS = {"provincial", "municipal", "district"}
#: Attribution columns `findings` reads (a table without them is read as having no rows).
_NEEDED = ["source_id", "person", "title", "title_surface", "organisation", "organisation_surface",
           "org_level", "rendered_level", "org_term", "role_from", "start", "sentence", "sentence_start",
           "paragraph_start", "paragraph_end"]
CREDIT_COLUMNS = ["source_id", "speaker", "speaker_title", "start", "sentence_start", "paragraph_start",
                  "paragraph_end"]


# -- who is credited with a figure ----------------------------------------------------------------
def speakers(mentions: pd.DataFrame, articles: pd.DataFrame, attributions: pd.DataFrame,
             resources: "Resources | str | Path | None" = None) -> pd.DataFrame:
    """`mentions` with `speaker` and `speaker_title`: who each figure is credited to.

    The speaker is the person (or unnamed credit, "Menurut perwakilan pimpinan kota Da Nang,")
    named in the figure's sentence, the nearest one before the figure if several; otherwise the
    credit in the first sentence of the figure's paragraph; otherwise an unnamed credit opening
    the article's first paragraph (the lede's attribution); otherwise null. `speaker_scope` says
    which of these applied (sentence, paragraph, article lead).

    Parameters
    ----------
    mentions
        Figure mentions with `source_id`, `start`, `sentence_start` (as from `extract_corpus`).
    articles
        The articles the mentions come from (`source_id`, `lang`, `text`), read for unnamed credits.
    attributions
        The output of `extract_attributions` on the same articles.
    """
    credits = pd.concat([_named_credits(attributions), generic_credits(articles, resources)], ignore_index=True)
    return _assign(mentions, credits)


def _named_credits(attributions: pd.DataFrame) -> pd.DataFrame:
    if attributions.empty:
        return pd.DataFrame(columns=CREDIT_COLUMNS)
    a = attributions.copy()
    unnamed = a["person"].isna()
    a["speaker"] = a["person"]
    a.loc[unnamed, "speaker"] = (a.loc[unnamed, "title_surface"].fillna("") + " "
                                 + a.loc[unnamed, "organisation_surface"].fillna("")).str.strip()
    a["speaker_title"] = a["title"]
    return a[CREDIT_COLUMNS]


def generic_credits(articles: pd.DataFrame, resources: "Resources | str | Path | None" = None) -> pd.DataFrame:
    """Credits that name no person: a credit marker opening a clause ("Menurut perwakilan …,")."""
    resources = as_resources(resources)
    reg = load_registry(resources)
    rows = []
    for art in articles.itertuples(index=False):
        text = getattr(art, "text", None)
        if not isinstance(text, str) or not text.strip():
            continue
        lex = load_lexicon(art.lang, resources)
        terms = load_terms(lex)
        segs = segment(text, lex)
        skip = boilerplate_spans(text, lex)
        not_speakers = {str(w).casefold() for w in (lex.data.get("attribution") or {}).get("not_speakers") or []}
        first: dict[int, int] = {}
        for (s0, _), p in zip(segs.sentences, segs.paragraph_of_sentence):
            first.setdefault(p, s0)
        last = {p: e for (_, e), p in zip(segs.sentences, segs.paragraph_of_sentence)}
        for (s0, s1), p in zip(segs.sentences, segs.paragraph_of_sentence):
            if any(a <= s0 < b for a, b, _ in skip):
                continue
            for m in terms.find("credit_before", text, s0, s1):
                if text[s0:m.start].strip(" \"“'") and not text[:m.start].rstrip().endswith(","):
                    continue
                comma = text.find(",", m.end, s1)
                phrase = text[m.end:comma if comma > 0 else s1].strip()
                if phrase.casefold().strip(" .") in not_speakers:  # "Theo đó" (accordingly), "the report"
                    continue
                if not phrase or len(phrase.split()) > 10 or person_candidates(text, m.end, m.end + len(phrase) + 1, terms, reg):
                    continue
                rows.append({"source_id": str(art.source_id), "speaker": phrase, "speaker_title": None,
                             "start": m.start, "sentence_start": s0, "paragraph_start": first[p],
                             "paragraph_end": last[p]})
    return pd.DataFrame(rows, columns=CREDIT_COLUMNS)


def _assign(mentions: pd.DataFrame, credits: pd.DataFrame) -> pd.DataFrame:
    """Each mention's speaker: the credit of its sentence, else of its paragraph's opening
    sentence, else a credit opening the article; the nearest credit before the figure, else the
    first after it. Plain records per source (pandas filters per mention were most of the step)."""
    out = mentions.copy()
    who, titles, scopes = [], [], []
    cols = ["sentence_start", "paragraph_start", "paragraph_end", "start", "speaker", "speaker_title"]
    by_source: dict[str, list[dict]] = {}
    for rec in credits.reindex(columns=["source_id", *cols]).to_dict("records"):
        by_source.setdefault(rec["source_id"], []).append(rec)
    cells = mentions.reindex(columns=["source_id", "start", "sentence_start"])
    for sid, m_start, m_sent in zip(cells["source_id"], cells["start"], cells["sentence_start"]):
        c = by_source.get(sid, [])
        here, scope = [r for r in c if r["sentence_start"] == m_sent], "sentence"
        if not here:
            here, scope = [r for r in c if r["sentence_start"] == r["paragraph_start"]
                           and r["paragraph_start"] <= m_start < r["paragraph_end"]], "paragraph"
        if not here and c:
            # a credit that opens the article ("Menurut perwakilan pimpinan kota …,") frames the
            # paragraphs that carry no credit of their own; marked as such, never silently
            first_para = min(r["paragraph_start"] for r in c)
            here, scope = [r for r in c if r["paragraph_start"] == first_para and r["sentence_start"] == first_para
                           and pd.isna(r["speaker_title"]) and r["start"] <= m_start], "article lead"
        if not here:
            who.append(None)
            titles.append(None)
            scopes.append(None)
            continue
        before = [r for r in here if r["start"] <= m_start]
        pick = (max(before, key=lambda r: r["start"]) if before  # the first of equal starts, as idxmax
                else min(here, key=lambda r: r["start"]))
        who.append(pick["speaker"])
        titles.append(pick["speaker_title"])
        scopes.append(scope)
    out["speaker"] = pd.Series(who, index=out.index, dtype=object)
    out["speaker_title"] = pd.Series(titles, index=out.index, dtype=object)
    out["speaker_scope"] = pd.Series(scopes, index=out.index, dtype=object)
    return out


# -- discrepancies ----------------------------------------------------------------------------------
def findings(attributions: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per discrepancy in how sources credit figures and offices (see `FINDING_COLUMNS`).

    Kinds
    -----
    rendered_level
        A body called by a word implying another level than its own (Thai "กรม" or Indonesian
        "Departemen", both national, for a city's department).
    title_split
        The same body credited to different titles across sources (Director in one, Deputy
        Director in another), or the same figure credited to different speakers across sources.
    office_holder
        The same title of the same body held by different people in different articles.
    credited_figures
        The figure mentions each official is credited with.

    `mentions` may already carry `speaker` (from `speakers`); otherwise only named officials are
    used as credits. Figures are grouped across sources by `fact_id` when present, else by
    (value, unit, period).
    """
    a = attributions.reindex(columns=list(dict.fromkeys([*_NEEDED, *attributions.columns])))
    rows: list[dict] = []
    rows += _rendered(a)
    titled = a[(a["role_from"] == "apposition") & a["person"].notna() & a["organisation"].notna()]
    for org, g in titled.groupby("organisation", sort=True):
        if g["title"].nunique() > 1 and g["source_id"].nunique() > 1:
            rows.append(_finding("title_split", org, " vs ".join(
                f"{r.title} {r.person} ({r.source_id})" for r in g.itertuples()), g))
        for title, h in g.groupby("title", sort=True):
            if h["person"].nunique() > 1 and h["source_id"].nunique() > 1:
                rows.append(_finding("office_holder", f"{title}, {org}", " vs ".join(
                    f"{r.person} ({r.source_id})" for r in h.drop_duplicates(["person", "source_id"]).itertuples()), h))
    credited = mentions if "speaker" in mentions.columns else _assign(mentions, _named_credits(a))
    credited = credited[credited["speaker"].notna()] if not credited.empty else credited
    rows += _figure_splits(credited)
    officials = set(a["person"].dropna())
    for (sid, person), g in (credited.groupby(["source_id", "speaker"], sort=True) if not credited.empty else []):
        if person in officials:
            figs = "; ".join(str(r) for r in g["raw"]) if "raw" in g else f"{len(g)} figure(s)"
            rows.append(_finding("credited_figures", person, figs, g))
    out = pd.DataFrame(rows, columns=FINDING_COLUMNS[1:])
    out.insert(0, "finding_id", [f"F{i + 1:03d}" for i in range(len(out))])
    return validate(out, FINDINGS)


def _rendered(a: pd.DataFrame) -> list[dict]:
    rows = []
    first = a[a["role_from"] == "apposition"]
    for (sid, org, surface), g in first.groupby(["source_id", "organisation", "organisation_surface"], sort=True):
        r = g.iloc[0]
        implied, real = r["rendered_level"], r["org_level"]
        if _mismatch(implied, real):
            rows.append(_finding("rendered_level", org, f'"{surface}" uses "{r["org_term"]}", a {implied} '
                                 f"word, for a {real} body", g))
    return rows


def _mismatch(implied, real) -> bool:
    if not isinstance(implied, str) or not isinstance(real, str):
        return False
    return (implied == "national" and real in LOCAL_LEVELS) or (implied == "local" and real == "national")


def _figure_splits(credited: pd.DataFrame) -> list[dict]:
    if credited.empty:
        return []
    df = credited.copy()
    if "fact_id" in df and df["fact_id"].notna().any():
        df["_key"] = df["fact_id"].astype(object)
    else:
        df["_key"] = [f"{v:g} {u}" + (f" ({int(p)})" if _present(p) else "")
                      for v, u, p in zip(df["value"], df["unit"], df["period"])]
    rows = []
    for key, g in df[df["_key"].notna()].groupby("_key", sort=True):
        if g["speaker"].nunique() > 1 and g["source_id"].nunique() > 1:
            parts = g.drop_duplicates(["speaker", "source_id"])
            detail = " vs ".join(f"{r.speaker}" + (f", {r.speaker_title}" if isinstance(r.speaker_title, str) else "")
                                 + f" ({r.source_id})" for r in parts.itertuples())
            rows.append(_finding("title_split", str(key), detail, g))
    return rows


def _present(v) -> bool:
    return v is not None and v is not pd.NA and not (isinstance(v, float) and math.isnan(v))


def _finding(kind: str, subject: str, detail: str, g: pd.DataFrame) -> dict:
    return {"kind": kind, "subject": subject, "detail": detail,
            "source_ids": ";".join(sorted(set(map(str, g["source_id"])))),
            "evidence": " || ".join(dict.fromkeys(map(str, g["sentence"])))}
