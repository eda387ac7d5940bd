"""The book's tables and glue: reader-facing tables with provenance links, and `glue_all` for
myst-nb. Formatting helpers are in :mod:`.format`, charts in :mod:`.charts`, prose in :mod:`.story`."""
from __future__ import annotations

import html
from typing import Any, Iterable, Mapping

import pandas as pd

from .format import _missing, fmt_value, join_words, language_name, mention_link, source_link
from .story import fact_label, fact_name, source_name


# ---------------------------------------------------------------- glue
class Plain(str):
    """A string glued as prose. Its plain-text form is the quoted Python literal, because myst-nb
    reads a glued text with `ast.literal_eval`: an unquoted ``22,458`` would be pasted as the tuple
    ``(22, 458)`` and ``2023`` as a number; quoted, it comes back exactly as written."""

    def __repr__(self) -> str:
        return str.__repr__(str(self))

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's plain-text formatter
        p.text(repr(self))


def glue_all(values: Mapping[str, Any]) -> None:
    """Glue each value under its key (strings as :class:`Plain`, so they read as prose), without display."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure
    from myst_nb import glue

    for key, val in values.items():
        glue(key, Plain(val) if isinstance(val, str) else val, display=False)
        if isinstance(val, Figure):
            plt.close(val)  # shown where the page pastes it, not again under the cell


def chip(state: Any) -> str:
    """A coloured status chip (HTML) for a fact's state or a check's verdict."""
    words = {"agree": "agree", "agree_rounded": "agree, rounded", "conflict": "conflict", "single": "one source",
             "holds": "holds", "fails": "does not hold", "open": "nothing to compare"}
    key = "open" if _missing(state) else str(state)
    return f'<span class="va-chip va-chip-{html.escape(key)}">{html.escape(words.get(key, key))}</span>'


def _strip_tags(v: Any) -> str:
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", str(v))).replace("  ", " ").strip()


def to_html(table: pd.DataFrame, html_columns: Iterable[str] = (), csv_name: str | None = None,
            csv: pd.DataFrame | None = None, folded: str | None = None) -> Any:
    """Render a table for the page: every cell HTML-escaped except `html_columns` (built by this
    module), in a container that scrolls sideways when the table is wider than the screen (and says
    so). With `csv_name`, a link beside it downloads the table as CSV: `csv` when given (the full
    rows, machine-readable), else the shown table with its HTML removed. With `folded`, the table is
    folded under that summary (long tables: the page stays short on a phone)."""
    import base64

    from IPython.display import HTML

    html_columns = set(html_columns)
    shown = table.copy()
    for col in shown.columns:
        if col not in html_columns:
            shown[col] = shown[col].map(lambda v: html.escape("—" if _missing(v) else str(v)))
    body = shown.to_html(index=False, escape=False, classes="va-table", border=0)
    notes = []
    if len(table.columns) > 4:
        notes.append("Wide table: scroll sideways to see every column.")
    if csv_name:
        data = csv if csv is not None else table.apply(lambda col: col.map(_strip_tags) if col.name in html_columns
                                                       else col)
        payload = base64.b64encode(data.to_csv(index=False).encode("utf-8")).decode("ascii")
        name = html.escape(csv_name, quote=True)
        notes.append(f'<a download="{name}.csv" href="data:text/csv;charset=utf-8;base64,{payload}">'
                     f"Download this table as CSV ({name}.csv, {len(data):,} rows)</a>")
    note = f'<p class="va-table-note">{" · ".join(notes)}</p>' if notes else ""
    block = scroll_box(body)
    if folded:
        block = details(f"{folded} ({len(table):,} rows)", block)
    return HTML(block + note)


def scroll_box(table_html: str, label: str = "table") -> str:
    """A table in a box that scrolls sideways when the table is wider than the screen."""
    return f'<div class="va-table-wrap" tabindex="0" role="region" aria-label="{html.escape(label)}">{table_html}</div>'


def details(summary: str, inner_html: str) -> str:
    """A folded block (``<details>``): `summary` escaped, `inner_html` as given."""
    return f'<details class="va-details"><summary>{html.escape(summary)}</summary>{inner_html}</details>'


def corpus_table(articles: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per article: language declared and detected, outlet, length, translated-from, figures."""
    from ..corpus import detect_language

    n_fig = mentions.groupby("source_id").size()
    rows = []
    for a in articles.itertuples():
        detected, prob = detect_language(a.text)
        rows.append({
            "source": source_link(a.source_id, source_name(a.source_id, articles)), "language": language_name(a.lang),
            "language from": a.lang_source, "detected": f"{language_name(detected)} ({prob:.2f})",
            "file": a.source_id, "characters": f"{a.n_chars:,}",
            "translated from": language_name(a.translated_from) if not _missing(a.translated_from) else "—",
            "figures": int(n_fig.get(a.source_id, 0)),
            "detected_matches": detected == a.lang,
        })
    return pd.DataFrame(rows)


def figures_table(mentions: pd.DataFrame, source_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Figures per source and language, with how many were assigned to a fact."""
    names = source_names or {}
    if mentions.empty:
        return pd.DataFrame(columns=["source", "language", "figures", "in a fact", "unassigned"])
    g = mentions.assign(assigned=mentions["fact_id"].notna()).groupby(["source_id", "lang"])
    out = g.agg(figures=("mention_id", "size"), assigned=("assigned", "sum")).reset_index()
    return pd.DataFrame({
        "source": [source_link(s, names.get(s, s)) for s in out["source_id"]],
        "language": out["lang"].map(language_name),
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


def order_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts by importance: conflicts first, then by number of sources, mentions and name."""
    key = (facts["status"] == "conflict").astype(int)
    return facts.assign(_k=key).sort_values(["_k", "n_sources", "n_mentions", "indicator_name"],
                                            ascending=[False, False, False, True]).drop(columns="_k")


def facts_table(facts: pd.DataFrame, mentions: pd.DataFrame, source_names: Mapping[str, str] | None = None
                ) -> pd.DataFrame:
    """One row per fact, most important first: name, period, value for readers, status chip, number
    of sources, and the mentions folded (each linked to its sentence, with its outlet)."""
    names = source_names or {}
    facts = order_facts(facts)
    folded = {}
    for fid, g in mentions.dropna(subset=["fact_id"]).groupby("fact_id"):
        items = "".join(f"<li>{mention_link(i, raw)} — {html.escape(names.get(s, s))}</li>"
                        for i, raw, s in zip(g["mention_id"], g["raw"], g["source_id"]))
        folded[fid] = details(f"{len(g)} mention{'s' if len(g) != 1 else ''}", f"<ul>{items}</ul>")
    return pd.DataFrame({
        "fact": [fact_name(r) for _, r in facts.iterrows()],
        "period": [("—" if _missing(p) else str(int(p))) + ("" if k == "level" else f" ({k})")
                   for p, k in zip(facts["period"], facts["kind"])],
        "value": [fmt_value(v, u, b, h) for v, u, b, h in zip(facts["value"], facts["unit"], facts["bound"],
                                                               facts["value_high"])],
        "status": [chip(x) for x in facts["status"]],
        "sources": facts["n_sources"].values,
        "mentions": facts["fact_id"].map(folded).fillna("").values,
    })


def fact_mentions_table(mentions: pd.DataFrame, fact_id: str, source_names: Mapping[str, str] | None = None
                        ) -> pd.DataFrame:
    """The mentions behind one fact: the outlet (linked to the sentence), the value as written, the
    label, the qualifier and who is credited."""
    names = source_names or {}
    m = mentions[mentions["fact_id"] == fact_id]
    speaker = [s if _missing(t) else f"{s} ({t})" for s, t in zip(m["speaker"].fillna("—"), m["speaker_title"])]
    label = [lab if _missing(sc) or sc in ("-", "—") else f"{lab} ({sc})"
             for lab, sc in zip(m["label_reported"].fillna("—"), m["label_scope"])]
    return pd.DataFrame({
        "source": [mention_link(i, f"{names.get(s, s)} ({language_name(lang)})")
                   for i, s, lang in zip(m["mention_id"], m["source_id"], m["lang"])],
        "as written": m["raw"].values, "label": label, "qualifier": m["qualifier"].fillna("—").values,
        "credited to": speaker,
    })


def checks_table(checks: pd.DataFrame) -> pd.DataFrame:
    """One row per check: what is checked, the verdict as a chip, and the explanation (which states
    the implied value with the precision of its inputs)."""
    verdict = ["open" if _missing(p) else ("holds" if bool(p) else "fails") for p in checks["passed"]]
    return pd.DataFrame({
        "check": checks["kind"].str.replace("_", " ").values,
        "period": checks["period"].astype("string").fillna("—").values,
        "verdict": [chip(v) for v in verdict],
        "explanation": checks["explanation"].values,
    })


def findings_table(findings: pd.DataFrame, kinds: Iterable[str] | None = None, facts: pd.DataFrame | None = None,
                   source_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Findings with their subject by its display name, the sources by outlet, and the evidence
    sentences folded."""
    names = source_names or {}
    f = findings if kinds is None else findings[findings["kind"].isin(list(kinds))]
    subject = [fact_label(x, facts) if facts is not None and "|" in str(x) else str(x) for x in f["subject"]]
    evidence = [details("evidence", "".join(f"<q>{html.escape(s)}</q>" for s in str(e).split(" || ")))
                for e in f["evidence"]]
    return pd.DataFrame({
        "subject": subject, "detail": f["detail"].values,
        "sources": ["<br>".join(source_link(s, names.get(s, s)) for s in str(x).split(";")) for x in f["source_ids"]],
        "evidence": evidence,
    })


def attributions_table(attributions: pd.DataFrame, source_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """People credited, one row per person and source: name, title, body and its level (real, and
    as the article's word renders it); how the article writes them is folded."""
    names = source_names or {}
    a = attributions.drop_duplicates(["source_id", "person", "title", "organisation"])
    written = [details("as written", "<br>".join(html.escape(str(x)) for x in (p, t, o) if not _missing(x)))
               for p, t, o in zip(a["person_surface"], a["title_surface"], a["organisation_surface"])]
    level = [("—" if _missing(lv) else str(lv)) + ("" if _missing(r) or r == lv or (r == "local" and lv in (
        "provincial", "municipal", "district")) else f", rendered {r}") for lv, r in zip(a["org_level"], a["rendered_level"])]
    return pd.DataFrame({
        "person": a["person"].values, "title": a["title"].fillna("—").values,
        "body": a["organisation"].fillna("—").values, "level": level,
        "source": [source_link(s, names.get(s, s)) for s in a["source_id"]],
        "as written": written,
    })


DIAGNOSES = {
    "scale_slip": "the values are a power of ten apart: a scale word (million, billion, tỷ, 억) dropped or "
                  "added in translation",
    "different_base": "the values are measured from different bases: a change vs a level (3.9% above plan vs "
                      "103.9% of plan), or constant vs current prices",
    "target_vs_actual": "one source gives a target and another the value reached",
    "rounding": "the values differ by less than the precision they were written with",
    "unexplained": "no arithmetic relation explains the difference",
}


def conflicts_html(facts: pd.DataFrame, mentions: pd.DataFrame, source_names: Mapping[str, str] | None = None,
                   open_first: int = 3, entity: str | None = None) -> str:
    """Every conflicting fact as a folded block (the first `open_first` open), most sources first:
    its values side by side with their sentences, the likely cause, and the value the ranking rule
    keeps and why."""
    names = source_names or {}
    c = order_facts(facts[facts["status"] == "conflict"])
    if entity is not None:  # the book's entity first
        c = c.assign(_e=(c["entity"] != entity).astype(int)).sort_values("_e", kind="stable").drop(columns="_e")
    if c.empty:
        return '<p class="va-nochart">No fact is in conflict: every fact reported by several sources agrees.</p>'
    blocks = []
    for _, f in c.iterrows():
        m = mentions[mentions["fact_id"] == f["fact_id"]]
        rows = []
        for r in m.itertuples():
            kept = r.rank == "preferred"
            rows.append(f"<tr><td>{mention_link(r.mention_id, r.raw)}</td>"
                        f"<td>{html.escape(fmt_value(r.value, r.unit, r.bound))}</td>"
                        f"<td>{html.escape(names.get(r.source_id, r.source_id))} ({html.escape(language_name(r.lang))})</td>"
                        f"<td>{chip('agree') if kept else chip('conflict')}"
                        f"<br><small>{html.escape('' if _missing(r.rank_reason) else str(r.rank_reason))}</small></td>"
                        f"<td><q>{html.escape(str(r.sentence))}</q></td></tr>")
        cause = DIAGNOSES.get(str(f["diagnosis"]), str(f["diagnosis"]).replace("_", " ")) if not _missing(
            f["diagnosis"]) else "not diagnosed"
        keep = fmt_value(f["value"], f["unit"], f["bound"], f["value_high"])
        rule = "" if _missing(f["rank_rule"]) else f" The rule, in order: {html.escape(str(f['rank_rule']))}."
        values = join_words(fmt_value(v, f["unit"]) for v in sorted(set(m["value"])))
        blocks.append(
            f'<details class="va-details va-conflict"{" open" if len(blocks) < open_first else ""}>'
            f"<summary><strong>{html.escape(fact_label(f['fact_id'], facts))}</strong>: {html.escape(values)}</summary>"
            f"<p>{len(m)} mentions in {int(f['n_sources'])} source{'s' if int(f['n_sources']) != 1 else ''} give "
            f"{len(set(m['value']))} values. Likely cause: {html.escape(cause)}. The ranking keeps "
            f"<strong>{html.escape(keep)}</strong> from "
            f"{html.escape(names.get(str(f['preferred_source']), str(f['preferred_source'])))}.{rule}</p>"
            + scroll_box('<table class="va-table"><thead><tr><th>as written</th><th>value</th><th>source</th>'
                         f"<th>ranking</th><th>sentence</th></tr></thead><tbody>{''.join(rows)}</tbody></table>",
                         "conflicting mentions") + "</details>")
    return "".join(blocks)


def name_matches_table(attributions: pd.DataFrame, source_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Names written in another script than Latin, with the key they were resolved to and how (or why
    not): one row per name as written and source."""
    names = source_names or {}
    a = attributions.dropna(subset=["person_surface"])
    a = a[a["person_match"].notna() & (a["person_match"] != "as written")]
    a = a.drop_duplicates(["source_id", "person_surface"])
    return pd.DataFrame({
        "as written": a["person_surface"].values, "person": a["person"].values, "key": a["person_key"].values,
        "how": a["person_match"].values, "source": [source_link(s, names.get(s, s)) for s in a["source_id"]],
    })
